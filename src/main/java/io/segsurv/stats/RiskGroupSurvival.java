/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

import io.segsurv.evaluation.Concordance;
import io.segsurv.evaluation.CoxPh;
import io.segsurv.evaluation.Distributions;
import io.segsurv.evaluation.KaplanMeier;
import io.segsurv.evaluation.LogRank;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Beyond the paper: survival of the predicted risk groups. Patients are split by their out-of-fold
 * predicted probability of survival (high risk: below the classification threshold); for each group
 * a Kaplan-Meier curve (Kaplan and Meier 1958; log interval as R's survfit), the log-rank test of the
 * two curves (Mantel 1966), a Cox proportional-hazards model of the high-risk indicator (Cox 1972;
 * Efron ties as R's coxph) and Harrell's C-index of the predicted probability of death (Harrell et
 * al. 1982); optionally a descriptive Cox model of the features selected most often.
 */
public final class RiskGroupSurvival {

    /** Follow-up of one patient: time in years; event 1 = the endpoint's event (death, or death of the disease). */
    public record Time(double years, int event) {
        public Time {
            if (!(years >= 0) || Double.isInfinite(years)) {
                throw new StatsInputException("follow-up time must be finite and >= 0, was " + years);
            }
            if (event != 0 && event != 1) {
                throw new StatsInputException("event must be 0 or 1, was " + event);
            }
        }
    }

    /** One risk group's curve. */
    public record Group(String name, int patients, int events, Double medianYears, List<KaplanMeier.Step> curve) {
    }

    /** A Cox model's hazard ratios (exp beta) with 95% Wald intervals and p-values. */
    public record Cox(List<String> covariates, double[] hazardRatio, double[] lower, double[] upper, double[] p,
            boolean converged) {
    }

    /**
     * @param patients patients with both an out-of-fold prediction and a follow-up time
     * @param groups high risk, low risk
     * @param logRankChiSquare log-rank statistic (1 df), NaN if a group is empty
     * @param logRankP its p-value
     * @param riskGroupCox hazard ratio of high vs low risk (null if a group is empty or has no event)
     * @param cIndex Harrell's C of 1 - P(survival) against the follow-up
     * @param featureCox Cox model of the most often selected features (null if none)
     */
    public record Result(int patients, List<Group> groups, double logRankChiSquare, double logRankP, Cox riskGroupCox,
            double cIndex, Cox featureCox) {
    }

    private RiskGroupSurvival() {
    }

    /**
     * @param pSurvival out-of-fold P(survival) per patient
     * @param times follow-up per patient (patients without are left out)
     * @param threshold P(survival) below which a patient is high risk
     * @param features the feature table, for the descriptive Cox model (may be null)
     * @param coxFeatures columns of that model (at most a handful; empty: none)
     */
    public static Result compute(Map<String, Double> pSurvival, Map<String, Time> times, double threshold,
            FeatureTable features, List<String> coxFeatures) {
        List<String> ids = new ArrayList<>();
        for (String id : pSurvival.keySet()) {
            if (times.containsKey(id)) {
                ids.add(id);
            }
        }
        if (ids.size() < 2) {
            throw new StatsInputException("only " + ids.size() + " patients have both a prediction and a follow-up time");
        }
        int n = ids.size();
        double[] t = new double[n];
        int[] e = new int[n];
        int[] high = new int[n];
        double[] risk = new double[n];
        for (int i = 0; i < n; i++) {
            Time time = times.get(ids.get(i));
            t[i] = time.years();
            e[i] = time.event();
            double p = pSurvival.get(ids.get(i));
            risk[i] = 1 - p;
            high[i] = p < threshold ? 1 : 0;
        }
        List<Group> groups = new ArrayList<>();
        int highCount = 0;
        int[] eventsOf = new int[2];
        for (int i = 0; i < n; i++) {
            highCount += high[i];
            eventsOf[high[i]] += e[i];
        }
        for (int g : new int[] {1, 0}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (high[i] == g) {
                    members.add(i);
                }
            }
            String name = g == 1 ? "high" : "low";
            if (members.isEmpty()) {
                groups.add(new Group(name, 0, 0, null, List.of()));
                continue;
            }
            double[] gt = members.stream().mapToDouble(i -> t[i]).toArray();
            int[] ge = members.stream().mapToInt(i -> e[i]).toArray();
            KaplanMeier km = KaplanMeier.fit(gt, ge);
            groups.add(new Group(name, members.size(), eventsOf[g], median(km), km.steps()));
        }
        double chi = Double.NaN;
        double p = Double.NaN;
        Cox groupCox = null;
        if (highCount > 0 && highCount < n) {
            LogRank lr = LogRank.compute(t, e, high);
            chi = lr.chiSquare();
            p = lr.pValue();
            if (eventsOf[0] + eventsOf[1] > 0) {
                double[][] x = new double[n][1];
                for (int i = 0; i < n; i++) {
                    x[i][0] = high[i];
                }
                groupCox = cox(List.of("highRisk"), x, t, e);
            }
        }
        double c = Concordance.compute(t, e, risk).cIndex();
        Cox featureCox = null;
        if (features != null && !coxFeatures.isEmpty()) {
            double[][] x = new double[n][coxFeatures.size()];
            Map<String, Integer> rowOf = new LinkedHashMap<>();
            for (int r = 0; r < features.rows(); r++) {
                rowOf.put(features.rowIds().get(r), r);
            }
            int[] cols = coxFeatures.stream().mapToInt(features::columnIndex).toArray();
            for (int i = 0; i < n; i++) {
                int r = rowOf.get(ids.get(i));
                for (int j = 0; j < cols.length; j++) {
                    x[i][j] = features.get(r, cols[j]);
                }
            }
            featureCox = cox(coxFeatures, x, t, e);
        }
        return new Result(n, groups, chi, p, groupCox, c, featureCox);
    }

    private static Cox cox(List<String> names, double[][] x, double[] t, int[] e) {
        CoxPh fit;
        try {
            fit = CoxPh.fit(x, t, e);
        } catch (RuntimeException ex) {
            return null; // singular information (e.g. no events in a group): no model rather than a wrong one
        }
        double[] beta = fit.coefficients();
        double[] se = fit.standardErrors();
        double[] pv = fit.pValues();
        int k = beta.length;
        double[] hr = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        double z = Distributions.normalQuantile(0.975);
        for (int j = 0; j < k; j++) {
            hr[j] = Math.exp(beta[j]);
            lo[j] = Math.exp(beta[j] - z * se[j]);
            hi[j] = Math.exp(beta[j] + z * se[j]);
        }
        return new Cox(List.copyOf(names), hr, lo, hi, pv, fit.converged());
    }

    /**
     * Median survival as R's survfit: the first time the curve drops below 0.5; where it equals 0.5
     * over an interval, the middle of that interval. Null if the curve stays above 0.5.
     */
    static Double median(KaplanMeier km) {
        List<KaplanMeier.Step> steps = km.steps();
        for (int i = 0; i < steps.size(); i++) {
            KaplanMeier.Step s = steps.get(i);
            if (Math.abs(s.survival() - 0.5) < 1e-12) {
                for (int j = i + 1; j < steps.size(); j++) {
                    if (steps.get(j).survival() < s.survival() - 1e-12) {
                        return (s.time() + steps.get(j).time()) / 2;
                    }
                }
                return s.time();
            }
            if (s.survival() < 0.5) {
                return s.time();
            }
        }
        return null;
    }
}
