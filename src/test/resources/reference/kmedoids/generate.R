# SPDX-License-Identifier: GPL-3.0-or-later
# Reference values for io.segsurv.selection (k-medoids of FEATURES with Pearson distance).
# Run from this directory:  Rscript generate.R
# Writes data_<s>.csv (rows = patients, columns = features), pam.csv (one row per data set
# and k: initial and final 1-based medoids, loss = sum of 1 - R to the medoid, R's
# objective, average silhouette width), clustering.csv (cluster and silhouette width per
# feature) and versions.csv.
suppressPackageStartupMessages(library(cluster))

make_data <- function(seed, n, p, groups) {
  set.seed(seed)
  latent <- matrix(rnorm(n * groups), n, groups)
  g <- sample.int(groups, p, replace = TRUE)
  x <- matrix(0, n, p)
  for (j in seq_len(p)) {
    load <- runif(1, 0.5, 2) * sample(c(-1, 1), 1, prob = c(0.2, 0.8))
    x[, j] <- load * latent[, g[j]] + rnorm(n, sd = runif(1, 0.3, 1.2)) + runif(1, -3, 3)
  }
  x <- round(x, 6)  # exact decimal values in the CSV
  colnames(x) <- sprintf("f%03d", seq_len(p))
  x
}

sets <- list(list(seed = 11, n = 15, p = 40, groups = 4),
             list(seed = 22, n = 22, p = 80, groups = 6),
             list(seed = 33, n = 30, p = 120, groups = 8))
ks <- 2:7
pam_rows <- list(); cl_rows <- list()
for (s in seq_along(sets)) {
  a <- sets[[s]]
  x <- make_data(a$seed, a$n, a$p, a$groups)
  write.csv(x, sprintf("data_%d.csv", s), row.names = FALSE, quote = FALSE)
  d <- 1 - cor(x)
  for (k in ks) {
    set.seed(1000 * s + k)
    init <- sort(sample.int(a$p, k))
    fit <- pam(as.dist(d), k, medoids = init, variant = "faster")
    med <- fit$id.med
    loss <- sum(d[cbind(seq_len(a$p), med[fit$clustering])])
    sil <- silhouette(fit)
    o <- match(colnames(x), rownames(sil))  # silhouette rows are named by feature
    stopifnot(!anyNA(o))
    pam_rows[[length(pam_rows) + 1]] <- data.frame(
      set = s, k = k, init = paste(init, collapse = " "), medoids = paste(med, collapse = " "),
      loss = sprintf("%.17g", loss), objective_swap = sprintf("%.17g", fit$objective[["swap"]]),
      avg_silhouette = sprintf("%.17g", summary(sil)$avg.width))
    cl_rows[[length(cl_rows) + 1]] <- data.frame(
      set = s, k = k, feature = seq_len(a$p), cluster = fit$clustering,
      neighbor = sil[o, "neighbor"],
      sil_width = sprintf("%.17g", sil[o, "sil_width"]))
  }
}
write.csv(do.call(rbind, pam_rows), "pam.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, cl_rows), "clustering.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(R = R.version.string, cluster = as.character(packageVersion("cluster")),
                     call = "pam(as.dist(1 - cor(x)), k, medoids = init, variant = 'faster'); silhouette(fit)"),
          "versions.csv", row.names = FALSE)
