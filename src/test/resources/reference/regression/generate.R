# SPDX-License-Identifier: GPL-3.0-or-later
# Reference values for io.segsurv.regression (Lasso, LassoCv, LogisticRegression).
# Run from this directory:  Rscript generate.R
# Deterministic: the data are drawn here once and written as CSV with 17 significant digits;
# the Java tests read the CSV, never R's RNG.
suppressMessages(library(glmnet))
set.seed(20190605)
fmt <- function(v) sprintf("%.17g", v)
wcsv <- function(df, file) {
  out <- as.data.frame(lapply(df, function(c) if (is.numeric(c)) fmt(c) else c), check.names = FALSE)
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}

## Data: 96 patients x 40 bottleneck-like features in 8 correlated groups; 0/1 outcome.
n <- 96; p <- 40
f <- matrix(rnorm(n * 8), n, 8)
z <- matrix(rnorm(n * p), n, p)
x <- 0.7 * f[, rep(1:8, length.out = p)] + 0.5 * z
x <- sweep(x, 2, seq(0.5, 4, length.out = p), "*") + matrix(rep(seq(-3, 3, length.out = p), each = n), n, p)
colnames(x) <- paste0("f", 1:p)
sx <- scale(x)
eta <- -0.3 + 1.2 * sx[, 1] - 0.9 * sx[, 6] + 0.7 * sx[, 13]
y <- rbinom(n, 1, plogis(eta))
w <- rep(c(1, 2, 0.5), length.out = n)
foldid <- sample(rep(1:8, length.out = n))
wcsv(data.frame(y = y, w = w, foldid = foldid, x, check.names = FALSE), "data.csv")

path <- function(fit, file) {
  b <- as.matrix(fit$beta)
  df <- data.frame(lambda = fit$lambda, a0 = as.numeric(fit$a0), dev.ratio = fit$dev.ratio,
                   df = fit$df, t(b), check.names = FALSE)
  wcsv(df, file)
}
tight <- 1e-20
## glmnet full paths: default convergence (thresh 1e-7) and tight (thresh 1e-20, maxit 1e7)
path(glmnet(x, y, family = "gaussian"), "gaussian_path_default.csv")
path(glmnet(x, y, family = "gaussian", thresh = tight, maxit = 1e7), "gaussian_path_tight.csv")
path(glmnet(x, y, family = "gaussian", weights = w, thresh = tight, maxit = 1e7), "gaussian_weighted_path_tight.csv")
path(glmnet(x[1:30, ], y[1:30], family = "gaussian", thresh = tight, maxit = 1e7), "gaussian_wide_path_tight.csv")
path(glmnet(x, y, family = "binomial"), "binomial_path_default.csv")
path(glmnet(x, y, family = "binomial", thresh = tight, maxit = 1e7), "binomial_path_tight.csv")
path(glmnet(x, y, family = "binomial", weights = w, thresh = tight, maxit = 1e7), "binomial_weighted_path_tight.csv")
path(glmnet(x[1:30, ], y[1:30], family = "binomial", thresh = tight, maxit = 1e7), "binomial_wide_path_tight.csv")
path(glmnet(x[, 1:8], y, family = "binomial", thresh = tight, maxit = 1e7), "binomial_narrow_path_tight.csv")

## cv.glmnet with the given foldid (tight convergence so that cvm is reproducible to 1e-6)
summ <- list()
for (fam in c("gaussian", "binomial")) {
  cv <- cv.glmnet(x, y, family = fam, foldid = foldid, thresh = tight, maxit = 1e7)
  wcsv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd), paste0("cv_", fam, ".csv"))
  summ[[fam]] <- data.frame(family = fam, lambda.min = cv$lambda.min, lambda.1se = cv$lambda.1se,
                            index.min = cv$index[1], index.1se = cv$index[2], name = cv$name)
}
wcsv(do.call(rbind, summ), "cv_summary.csv")

## Unpenalised logistic regression on three columns (glm, tight epsilon)
d3 <- data.frame(y = y, x[, c("f1", "f6", "f13")])
g <- glm(y ~ f1 + f6 + f13, family = binomial, data = d3, control = glm.control(epsilon = 1e-14, maxit = 100))
s <- summary(g)$coefficients
wcsv(data.frame(term = rownames(s), estimate = s[, 1], se = s[, 2]), "glm.csv")
wcsv(data.frame(deviance = g$deviance, null.deviance = g$null.deviance, iter = g$iter), "glm_fit.csv")

## Quasi-complete separation: f1 > 0 <=> y = 1 except ties at 0 (glm warns, coefficients diverge)
sx <- c(seq(-2, -0.1, length.out = 12), 0, 0, seq(0.1, 2, length.out = 12))
sy <- c(rep(0, 12), 0, 1, rep(1, 12))
sz <- round(cos(1:26 * 1.7), 6)
wcsv(data.frame(y = sy, s1 = sx, s2 = sz), "separation.csv")

writeLines(c("{", sprintf('  "R": "%s",', R.version.string),
             sprintf('  "glmnet": "%s",', as.character(packageVersion("glmnet"))),
             sprintf('  "generated": "%s"', format(Sys.Date())), "}"), "versions.json")
