/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.base.ValidationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

    @Test
    void thePaperDefaultsAreValid() {
        ExperimentConfig c = ExperimentConfig.paperDefaults(1L).validated();
        assertThat(c.folds()).isEqualTo(6);
        assertThat(c.restarts()).isEqualTo(10);
        assertThat(c.kMin()).isEqualTo(2);
        assertThat(c.endpoints()).containsExactly("2OS", "5OS", "2DS", "5DS");
        assertThat(ExperimentService.fromJson(ExperimentService.toJson(c))).isEqualTo(c);
    }

    record Case(ExperimentConfig config, String message) {
    }

    static List<Case> invalid() {
        return List.of(
                new Case(new ExperimentConfig(null, null, List.of("CT"), List.of("2OS"), 6, 1, 2, 40, 10, "cv-min", null, "gaussian", 1), "training cohort"),
                new Case(new ExperimentConfig(1L, 1L, List.of("CT"), List.of("2OS"), 6, 1, 2, 40, 10, "cv-min", null, "gaussian", 1), "must differ"),
                new Case(new ExperimentConfig(1L, null, List.of("MR"), List.of("2OS"), 6, 1, 2, 40, 10, "cv-min", null, "gaussian", 1), "modalities"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("3OS"), 6, 1, 2, 40, 10, "cv-min", null, "gaussian", 1), "endpoints"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 1, 1, 2, 40, 10, "cv-min", null, "gaussian", 1), "folds"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 6, 0, 2, 40, 10, "cv-min", null, "gaussian", 1), "repeats"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 6, 1, 5, 4, 10, "cv-min", null, "gaussian", 1), "k range"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 6, 1, 2, 40, 0, "cv-min", null, "gaussian", 1), "restarts"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 6, 1, 2, 40, 10, "aic", null, "gaussian", 1), "lambdaRule"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 6, 1, 2, 40, 10, "fixed", -1.0, "gaussian", 1), "fixed lambda"),
                new Case(new ExperimentConfig(1L, null, List.of("CT"), List.of("2OS"), 6, 1, 2, 40, 10, "cv-min", null, "poisson", 1), "lassoFamily"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSettingsAreNamed(Case c) {
        assertThatThrownBy(c.config()::validated).isInstanceOf(ValidationException.class).hasMessageContaining(c.message());
    }
}
