/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.base.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSpecTest {

    @Test
    void theExamplesParseAndValidate() {
        ExperimentSpec small = ExperimentSpec.read(Path.of("examples/experiment-small.yaml"));
        assertThat(small.cohort()).isEqualTo("small-train");
        assertThat(small.externalCohort()).isEqualTo("small-external");
        assertThat(small.synthetic().patients()).isEqualTo(120);
        assertThat(small.segmentation().size()).isEqualTo("small");
        assertThat(small.segmentation().epochs()).isEqualTo(10);
        assertThat(small.kMin()).isEqualTo(2);
        assertThat(small.kMax()).isEqualTo(40);
        assertThat(small.baselines()).containsExactly("SUVmax", "SUVmean", "TLG", "volume");
        assertThat(small.config(1L, 2L).folds()).isEqualTo(6);

        ExperimentSpec paper = ExperimentSpec.read(Path.of("examples/experiment-paper.yaml"));
        assertThat(paper.segmentation().network().bottleneckFeatures()).isEqualTo(55_296);
        assertThat(paper.kMax()).isEqualTo(40);
        assertThat(paper.restarts()).isEqualTo(10);
        assertThat(paper.endpoints()).containsExactly("2OS", "5OS", "2DS", "5DS");
        assertThat(paper.lassoFamily()).isEqualTo("gaussian");
    }

    @Test
    void mistakesAreNamedWithTheFile(@TempDir Path dir) throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "cohort: a\nfodls: 6\n");
        assertThatThrownBy(() -> ExperimentSpec.read(typo)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("unknown setting 'fodls'");
        Path lambda = Files.writeString(dir.resolve("lambda.yaml"), "cohort: a\nlambda: smallest\n");
        assertThatThrownBy(() -> ExperimentSpec.read(lambda)).hasMessageContaining("'lambda' must be cv-min, cv-1se or a positive number");
        Path noCohort = Files.writeString(dir.resolve("none.yaml"), "folds: 6\n");
        assertThatThrownBy(() -> ExperimentSpec.read(noCohort)).hasMessageContaining("'cohort' (the training cohort's name) is required");
        Path badSeg = Files.writeString(dir.resolve("seg.yaml"), "cohort: a\nsegmentation:\n  size: huge\n");
        assertThatThrownBy(() -> ExperimentSpec.read(badSeg)).hasMessageContaining("size must be 'small' or 'paper'");
        Path folds = Files.writeString(dir.resolve("folds.yaml"), "cohort: a\nfolds: 1\n");
        ExperimentSpec spec = ExperimentSpec.read(folds);
        assertThatThrownBy(() -> spec.config(1L, null)).hasMessageContaining("folds must be between 2 and 20, was 1");
        Path fixed = Files.writeString(dir.resolve("fixed.yaml"), "cohort: a\nlambda: 0.05\nmodalities: CT\nendpoints: [2OS]\n");
        ExperimentSpec f = ExperimentSpec.read(fixed);
        assertThat(f.lambdaRule()).isEqualTo("fixed");
        assertThat(f.fixedLambda()).isEqualTo(0.05);
        assertThat(f.modalities()).isEqualTo(List.of("CT"));
    }
}
