# SPDX-License-Identifier: GPL-3.0-or-later
# Reference values for io.segsurv.evaluation (ROC, DeLong, Kaplan-Meier, log-rank, Cox, C-index,
# distribution functions). Run from this directory:  Rscript generate.R
# Writes CSV files next to this script; every number is printed with 17 significant digits.
suppressPackageStartupMessages({ library(pROC); library(survival) })

fmt <- function(v) if (is.numeric(v)) ifelse(is.na(v), "NA", sprintf("%.17g", v)) else as.character(v)
put <- function(df, file) {
  out <- as.data.frame(lapply(df, fmt), stringsAsFactors = FALSE)
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}
kv <- list()
add <- function(key, value) kv[[length(kv) + 1]] <<- data.frame(key = key, value = fmt(value))

add("R.version", R.version.string)
add("pROC.version", as.character(packageVersion("pROC")))
add("survival.version", as.character(packageVersion("survival")))

## ---------------------------------------------------------------- ROC / DeLong
set.seed(20190501)
n <- 90
y <- rep(c(0L, 1L), c(50, 40))
s1 <- round(0.9 * y + rnorm(n), 1)                # rounding -> ties within and across classes
s2 <- round(0.6 * s1 + 0.5 * y + rnorm(n, sd = 0.8), 1)  # correlated with s1
put(data.frame(label = y, s1 = s1, s2 = s2), "roc_data.csv")

r1 <- roc(y, s1, levels = c(0, 1), direction = "<", quiet = TRUE)
r2 <- roc(y, s2, levels = c(0, 1), direction = "<", quiet = TRUE)
r2low <- roc(y, -s2, levels = c(0, 1), direction = ">", quiet = TRUE)
add("auc1", as.numeric(auc(r1)))
add("auc2", as.numeric(auc(r2)))
add("auc2.lowerIsPositive", as.numeric(auc(r2low)))
add("var1", var(r1, method = "delong"))
add("var2", var(r2, method = "delong"))
add("cov12", cov(r1, r2, method = "delong"))
ci1 <- ci.auc(r1, method = "delong"); ci2 <- ci.auc(r2, method = "delong")
add("ci1.lower", ci1[1]); add("ci1.upper", ci1[3])
add("ci2.lower", ci2[1]); add("ci2.upper", ci2[3])
ci1_90 <- ci.auc(r1, method = "delong", conf.level = 0.90)
add("ci1.90.lower", ci1_90[1]); add("ci1.90.upper", ci1_90[3])
tt <- roc.test(r1, r2, method = "delong", paired = TRUE)
add("test.z", unname(tt$statistic)); add("test.p", tt$p.value)
best <- coords(r1, "best", best.method = "youden", ret = c("threshold", "sensitivity", "specificity"),
               transpose = FALSE)
add("youden1.count", nrow(best))
for (i in seq_len(nrow(best))) {
  add(paste0("youden1.threshold.", i), best$threshold[i])
  add(paste0("youden1.sensitivity.", i), best$sensitivity[i])
  add(paste0("youden1.specificity.", i), best$specificity[i])
}
put(coords(r1, "all", ret = c("threshold", "sensitivity", "specificity"), transpose = FALSE), "roc_coords_s1.csv")
put(coords(r2low, "all", ret = c("threshold", "sensitivity", "specificity"), transpose = FALSE),
    "roc_coords_minus_s2_lower.csv")

## ---------------------------------------------------------------- fold summary (t interval)
folds <- c(0.81, 0.86, 0.92, 0.88, 0.79, 0.90)
tt6 <- t.test(folds)
add("folds.mean", mean(folds)); add("folds.sd", sd(folds))
add("folds.lower", tt6$conf.int[1]); add("folds.upper", tt6$conf.int[2])

## ---------------------------------------------------------------- survival
set.seed(20190502)
m <- 120
group <- sample(1:3, m, replace = TRUE)
x1 <- round(rnorm(m), 2)
x2 <- rbinom(m, 1, 0.4)
x3 <- round(runif(m, 0, 5))                     # few distinct values -> ties in the predictor
rate <- 0.08 * exp(0.5 * x1 + 0.7 * x2 - 0.15 * x3 + 0.3 * (group == 2) + 0.6 * (group == 3))
ttrue <- ceiling(rexp(m, rate))                  # integer months -> ties in time
cens <- ceiling(runif(m, 5, 40))
time <- pmin(ttrue, cens); status <- as.integer(ttrue <= cens)
for (g in 1:3) { k <- which(group == g); j <- k[which.max(time[k])]; status[j] <- 0L } # curves stay > 0
put(data.frame(time = time, status = status, group = group, x1 = x1, x2 = x2, x3 = x3), "surv_data.csv")

km_rows <- function(fit, conf, label) {
  s <- summary(fit, censored = TRUE)
  data.frame(curve = label, time = s$time, n.risk = s$n.risk, n.event = s$n.event,
             surv = s$surv, std.err.surv = s$std.err, std.err.cumhaz = fit$std.err[seq_along(s$time)],
             lower = s$lower, upper = s$upper)
}
km_table <- function(conf) {
  all <- survfit(Surv(time, status) ~ 1, conf.type = conf)
  out <- km_rows(all, conf, "all")
  for (g in 1:3) {
    fg <- survfit(Surv(time, status) ~ 1, subset = group == g, conf.type = conf)
    out <- rbind(out, km_rows(fg, conf, paste0("group", g)))
  }
  out
}
put(km_table("log"), "km_log.csv")
put(km_table("log-log"), "km_loglog.csv")
put(km_table("plain"), "km_plain.csv")

sd3 <- survdiff(Surv(time, status) ~ group)
add("logrank3.chisq", sd3$chisq); add("logrank3.df", length(sd3$n) - 1)
add("logrank3.p", pchisq(sd3$chisq, length(sd3$n) - 1, lower.tail = FALSE))
for (g in 1:3) { add(paste0("logrank3.observed.", g), sd3$obs[g]); add(paste0("logrank3.expected.", g), sd3$exp[g]) }
sd2 <- survdiff(Surv(time, status) ~ group, subset = group != 3)
add("logrank2.chisq", sd2$chisq)
add("logrank2.p", pchisq(sd2$chisq, 1, lower.tail = FALSE))

fit <- coxph(Surv(time, status) ~ x1 + x2 + x3, ties = "efron",
             control = coxph.control(eps = 1e-11, iter.max = 100))
cs <- summary(fit)$coefficients
for (i in 1:3) {
  add(paste0("cox.coef.", i), cs[i, "coef"]); add(paste0("cox.se.", i), cs[i, "se(coef)"])
  add(paste0("cox.z.", i), cs[i, "z"]); add(paste0("cox.p.", i), cs[i, "Pr(>|z|)"])
}
add("cox.loglik0", fit$loglik[1]); add("cox.loglik", fit$loglik[2])
add("cox.lrt.p", pchisq(2 * diff(fit$loglik), 3, lower.tail = FALSE))
fitb <- coxph(Surv(time, status) ~ x1 + x2 + x3, ties = "breslow",
              control = coxph.control(eps = 1e-11, iter.max = 100))
for (i in 1:3) add(paste0("coxbreslow.coef.", i), coef(fitb)[i])
add("coxbreslow.loglik", fitb$loglik[2])

cc <- concordance(fit)                          # risk score = linear predictor, reverse = TRUE
add("cindex.cox", cc$concordance)
put(data.frame(lp = fit$linear.predictors), "cox_linear_predictors.csv")
c3 <- concordance(Surv(time, status) ~ x3, reverse = TRUE)   # x3 has many ties
add("cindex.x3", c3$concordance)
nm <- c("concordant", "discordant", "tied.x", "tied.y", "tied.xy")
for (k in nm) add(paste0("cindex.x3.", k), unname(c3$count[k]))

## ---------------------------------------------------------------- risk groups (io.segsurv.stats.RiskGroupSurvival)
# a predicted P(survival) per patient; high risk = P < 0.5; KM medians, log-rank, Cox of the group,
# C-index of 1 - P, Cox of x1 + x2
psurv <- round(plogis(-0.8 * x1 + 0.3 * x2 - 0.2), 3)
high <- as.integer(psurv < 0.5)
put(data.frame(psurv = psurv), "risk_psurv.csv")
kmg <- survfit(Surv(time, status) ~ high)
med <- summary(kmg)$table[, "median"]
add("risk.median.low", med[["high=0"]]); add("risk.median.high", med[["high=1"]])
add("risk.n.high", sum(high)); add("risk.events.high", sum(status[high == 1]))
sdr <- survdiff(Surv(time, status) ~ high)
add("risk.logrank.chisq", sdr$chisq); add("risk.logrank.p", pchisq(sdr$chisq, 1, lower.tail = FALSE))
fr <- coxph(Surv(time, status) ~ high, ties = "efron", control = coxph.control(eps = 1e-11, iter.max = 100))
sr <- summary(fr)
add("risk.cox.hr", sr$conf.int[1, "exp(coef)"]); add("risk.cox.lower", sr$conf.int[1, "lower .95"])
add("risk.cox.upper", sr$conf.int[1, "upper .95"]); add("risk.cox.p", sr$coefficients[1, "Pr(>|z|)"])
add("risk.cindex", concordance(Surv(time, status) ~ I(1 - psurv), reverse = TRUE)$concordance)
ff <- coxph(Surv(time, status) ~ x1 + x2, ties = "efron", control = coxph.control(eps = 1e-11, iter.max = 100))
sf <- summary(ff)
for (i in 1:2) {
  add(paste0("risk.featurecox.hr.", i), sf$conf.int[i, "exp(coef)"])
  add(paste0("risk.featurecox.lower.", i), sf$conf.int[i, "lower .95"])
  add(paste0("risk.featurecox.p.", i), sf$coefficients[i, "Pr(>|z|)"])
}

## ---------------------------------------------------------------- distributions
dx <- c(-38, -20, -8.5, -5, -3, -1.96, -1, -0.3, 0, 0.25, 1, 1.6448536269514722, 3, 7)
put(data.frame(x = dx, pnorm = pnorm(dx), pnorm.upper = pnorm(dx, lower.tail = FALSE)), "pnorm.csv")
dp <- c(1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.05, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-12)
put(data.frame(p = dp, qnorm = qnorm(dp)), "qnorm.csv")
g <- expand.grid(x = c(0.001, 0.5, 1, 3.84, 7.5, 20, 60, 200), df = c(1, 2, 3, 5, 10, 30))
put(data.frame(x = g$x, df = g$df, pchisq = pchisq(g$x, g$df),
               pchisq.upper = pchisq(g$x, g$df, lower.tail = FALSE)), "pchisq.csv")
q <- expand.grid(p = c(0.6, 0.9, 0.975, 0.995, 0.9995), df = c(1, 2, 3, 4, 5, 9, 29, 100))
put(data.frame(p = q$p, df = q$df, qt = qt(q$p, q$df)), "qt.csv")
put(data.frame(t = c(-2.5, 0.3, 1.7, 4, 12), df = c(5, 1, 3, 10, 2),
               pt = pt(c(-2.5, 0.3, 1.7, 4, 12), c(5, 1, 3, 10, 2))), "pt.csv")

put(do.call(rbind, kv), "reference.csv")
