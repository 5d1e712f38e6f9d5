/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Survival of predicted risk groups against R's survival package (survfit medians, survdiff,
 * coxph, concordance): src/test/resources/reference/evaluation/generate.R, section "risk groups".
 */
class RiskGroupSurvivalTest {

    private static final Path DIR = Path.of("src/test/resources/reference/evaluation");

    private static List<String[]> rows(String file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve(file)).subList(1, Files.readAllLines(DIR.resolve(file)).size())) {
            out.add(line.split(","));
        }
        return out;
    }

    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> ref = new LinkedHashMap<>();
        for (String[] r : rows("reference.csv")) {
            if (r[0].startsWith("risk.")) {
                ref.put(r[0], Double.parseDouble(r[1]));
            }
        }
        return ref;
    }

    @Test
    void matchesTheSurvivalPackage() throws IOException {
        List<String[]> data = rows("surv_data.csv");
        List<String[]> psurv = rows("risk_psurv.csv");
        Map<String, Double> p = new LinkedHashMap<>();
        Map<String, RiskGroupSurvival.Time> times = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        double[] values = new double[data.size() * 2];
        for (int i = 0; i < data.size(); i++) {
            String id = "p" + i;
            ids.add(id);
            String[] r = data.get(i);
            times.put(id, new RiskGroupSurvival.Time(Double.parseDouble(r[0]), Integer.parseInt(r[1])));
            p.put(id, Double.parseDouble(psurv.get(i)[0]));
            values[2 * i] = Double.parseDouble(r[3]);
            values[2 * i + 1] = Double.parseDouble(r[4]);
        }
        FeatureTable table = new FeatureTable(ids, List.of("x1", "x2"), values);
        RiskGroupSurvival.Result res = RiskGroupSurvival.compute(p, times, 0.5, table, List.of("x1", "x2"));
        Map<String, Double> ref = reference();

        assertThat(res.patients()).isEqualTo(data.size());
        RiskGroupSurvival.Group high = res.groups().get(0);
        RiskGroupSurvival.Group low = res.groups().get(1);
        assertThat(high.name()).isEqualTo("high");
        assertThat(high.patients()).isEqualTo(ref.get("risk.n.high").intValue());
        assertThat(high.events()).isEqualTo(ref.get("risk.events.high").intValue());
        assertThat(high.medianYears()).isEqualTo(ref.get("risk.median.high"));
        assertThat(low.medianYears()).isEqualTo(ref.get("risk.median.low"));
        assertThat(high.curve()).isNotEmpty();
        assertThat(res.logRankChiSquare()).isCloseTo(ref.get("risk.logrank.chisq"), within(1e-9));
        assertThat(res.logRankP()).isCloseTo(ref.get("risk.logrank.p"), within(1e-9));
        assertThat(res.riskGroupCox().hazardRatio()[0]).isCloseTo(ref.get("risk.cox.hr"), within(1e-7));
        assertThat(res.riskGroupCox().lower()[0]).isCloseTo(ref.get("risk.cox.lower"), within(1e-7));
        assertThat(res.riskGroupCox().upper()[0]).isCloseTo(ref.get("risk.cox.upper"), within(1e-7));
        assertThat(res.riskGroupCox().p()[0]).isCloseTo(ref.get("risk.cox.p"), within(1e-7));
        assertThat(res.cIndex()).isCloseTo(ref.get("risk.cindex"), within(1e-12));
        for (int i = 0; i < 2; i++) {
            assertThat(res.featureCox().hazardRatio()[i]).isCloseTo(ref.get("risk.featurecox.hr." + (i + 1)), within(1e-7));
            assertThat(res.featureCox().lower()[i]).isCloseTo(ref.get("risk.featurecox.lower." + (i + 1)), within(1e-7));
            assertThat(res.featureCox().p()[i]).isCloseTo(ref.get("risk.featurecox.p." + (i + 1)), within(1e-7));
        }
    }

    @Test
    void oneEmptyGroupGivesNoTestAndATooSmallInputIsNamed() {
        Map<String, Double> p = Map.of("a", 0.9, "b", 0.8, "c", 0.7);
        Map<String, RiskGroupSurvival.Time> t = Map.of("a", new RiskGroupSurvival.Time(1, 1),
                "b", new RiskGroupSurvival.Time(2, 0), "c", new RiskGroupSurvival.Time(3, 1));
        RiskGroupSurvival.Result r = RiskGroupSurvival.compute(p, t, 0.5, null, List.of());
        assertThat(r.groups().get(0).patients()).isZero();
        assertThat(r.logRankP()).isNaN();
        assertThat(r.riskGroupCox()).isNull();
        assertThat(r.featureCox()).isNull();
        assertThatThrownBy(() -> RiskGroupSurvival.compute(Map.of("a", 0.2), t, 0.5, null, List.of()))
                .hasMessageContaining("only 1 patients have both a prediction and a follow-up time");
        assertThatThrownBy(() -> new RiskGroupSurvival.Time(-1, 1)).hasMessageContaining("finite and >= 0");
    }

    @Test
    void medianIsTheMiddleOfAnIntervalWhereTheCurveEqualsOneHalf() {
        // 4 patients: S = 0.75, 0.5 (from t = 2 to 4), 0.25, 0 -> survfit's median (2 + 4) / 2 = 3
        var km = io.segsurv.evaluation.KaplanMeier.fit(new double[] {1, 2, 4, 5}, new int[] {1, 1, 1, 1});
        assertThat(RiskGroupSurvival.median(km)).isEqualTo(3.0);
    }
}
