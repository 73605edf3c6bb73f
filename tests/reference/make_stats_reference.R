# make_stats_reference.R: reference values from base R and the forecast
# package for the tests of change, trend tests and projections
# (tests/unit/test_stats_reference.c). Run from the repository root:
#
#   Rscript tests/reference/make_stats_reference.R tests/reference
#
# Deterministic (set.seed). Needs r-base-core and r-cran-forecast.
# Series are written in one field, values separated by ";".
suppressMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
set.seed(20240601)

num <- function(x) {
  ifelse(is.na(x), "nan",
         ifelse(is.infinite(x), ifelse(x > 0, "inf", "-inf"), sprintf("%.17g", x)))
}
series <- function(x) paste(num(x), collapse = ";")

write_rows <- function(file, header, rows) {
  con <- file(file.path(out, file), "w")
  writeLines(paste(header, collapse = ","), con)
  for (r in rows) writeLines(paste(r, collapse = ","), con)
  close(con)
}

# ---- rate ratio: poisson.test's interval, the central binomial p --------
# The p-value is the central one, 2 * min of the two binomial tails (not
# binom.test's default, which sums the outcomes no more likely than the one
# observed); poisson.test's own p is kept for reference in p_minlike.
rate_case <- function(x0, t0, x1, t1, level) {
  n <- x0 + x1
  p0 <- t1 / (t0 + t1)
  r <- poisson.test(c(x1, x0), c(t1, t0), conf.level = level)
  central <- min(1, 2 * min(pbinom(x1, n, p0), pbinom(x1 - 1, n, p0, lower.tail = FALSE)))
  c(num(x0), num(t0), num(x1), num(t1), num(level), num(unname(r$estimate)),
    num(r$conf.int[1]), num(r$conf.int[2]), num(central), num(r$p.value))
}
rows <- list(
  rate_case(3034, 1, 3314, 1, 0.95),       # NL ASP referrals 2022-23 to 2023-24
  rate_case(3034, 1, 3314, 1, 0.998),
  rate_case(1895, 1, 2326, 1, 0.95),       # NL CP referrals
  rate_case(0, 1, 5, 1, 0.95),             # zero base: ratio infinite
  rate_case(5, 1, 0, 1, 0.95),             # falls to zero
  rate_case(0, 1, 1, 1, 0.95),
  rate_case(1, 1, 0, 1, 0.998),
  rate_case(1, 1, 1, 1, 0.95),
  rate_case(1, 1, 2, 1, 0.95),
  rate_case(10, 1, 10, 1, 0.95),
  rate_case(15, 1, 7, 1, 0.95),            # NL protection orders
  rate_case(59, 1, 77, 1, 0.95),           # NL appropriate adult requests
  rate_case(100000, 1, 100500, 1, 0.95),
  rate_case(100000, 1, 101000, 1, 0.99),
  rate_case(12, 20000, 30, 21000, 0.95),   # rates with populations
  rate_case(250, 85000, 310, 86000, 0.998),
  rate_case(3, 1000, 0, 1100, 0.9),
  rate_case(7, 0.5, 20, 2.5, 0.8)
)
for (i in 1:90) {
  x0 <- sample(c(0:20, 20:5000), 1)
  x1 <- sample(c(0:20, 20:5000), 1)
  if (x0 + x1 == 0) x1 <- 1
  same <- runif(1) < 0.5
  t0 <- if (same) 1 else round(runif(1, 100, 1e5))
  t1 <- if (same) 1 else round(runif(1, 100, 1e5))
  level <- sample(c(0.8, 0.9, 0.95, 0.99, 0.998), 1)
  rows[[length(rows) + 1]] <- rate_case(x0, t0, x1, t1, level)
}
# Fixed cases after the random ones (they draw no random numbers, so the
# files below are unchanged): small shapes where the first guess of a beta
# quantile is rough, one count of 1 or n - 1 (closed forms), counts of
# hundreds of thousands, levels 0.5 and 0.9999, and p-values that underflow
# to 0. Kept where poisson.test itself is accurate: it forms p / (1 - p)
# from p, so a bound with 1 - p below about 1e-6 would carry R's rounding.
fixed <- list(
  c(2, 1, 3, 1, 0.95), c(3, 1, 2, 1, 0.998), c(2, 1, 2, 1, 0.8), c(4, 1, 1, 1, 0.95),
  c(1, 1, 4, 1, 0.95), c(2, 1, 0, 1, 0.998), c(1, 1, 1, 1, 0.5), c(10, 1, 10, 1, 0.5),
  c(1, 1, 2000, 1, 0.95), c(2000, 1, 1, 1, 0.998), c(2, 1, 5000, 1, 0.95),
  c(5000, 1, 2, 1, 0.9), c(3, 1, 200000, 1, 0.95), c(200000, 1, 3, 1, 0.998),
  c(800, 1, 870, 1, 0.9999), c(800, 1, 870, 1, 0.5), c(1000, 1, 1000, 1, 0.998),
  c(150000, 1, 151000, 1, 0.95), c(150000, 1, 151000, 1, 0.998), c(330000, 1, 329000, 1, 0.5),
  c(250000, 1, 251200, 1, 0.95), c(25000, 5.3e6, 26500, 5.4e6, 0.998),
  c(7, 0.5, 20, 2.5, 0.998), c(40, 1e5, 5, 1.2e5, 0.9999),
  c(0, 1, 3000, 1, 0.95), c(40, 1, 9000, 1, 0.95), c(5, 1, 4000, 1, 0.998),
  c(9000, 1, 40, 1, 0.998), c(12000, 1, 30000, 1, 0.99)
)
for (f in fixed) rows[[length(rows) + 1]] <- rate_case(f[1], f[2], f[3], f[4], f[5])
write_rows("rate_ratio.csv", c("x0", "t0", "x1", "t1", "level", "estimate", "lower",
                               "upper", "p", "p_minlike"), rows)

# ---- two proportions: prop.test's pooled chi-square p -------------------
prop_case <- function(k0, n0, k1, n1, level) {
  p <- if ((k0 + k1) %in% c(0, n0 + n1)) 1 else
    suppressWarnings(prop.test(c(k1, k0), c(n1, n0), correct = FALSE)$p.value)
  c(num(k0), num(n0), num(k1), num(n1), num(level), num(p))
}
prop_rows <- list(
  prop_case(775, 1895, 768, 2326, 0.95),   # NL referral to investigation
  prop_case(775, 1895, 768, 2326, 0.998),
  prop_case(754, 1714, 775, 1895, 0.95),
  prop_case(0, 10, 0, 12, 0.95),           # both 0: p = 1 by convention
  prop_case(10, 10, 12, 12, 0.95),         # both all
  prop_case(0, 10, 10, 10, 0.95),
  prop_case(1, 2, 2, 3, 0.95),
  prop_case(51, 86, 37, 53, 0.95),         # SL reports on time, Q1 to Q2
  prop_case(145, 190, 123, 174, 0.95),     # SL induction within 5 days
  prop_case(142, 190, 121, 174, 0.998)
)
for (i in 1:70) {
  n0 <- sample(c(1:30, 30:5000), 1); n1 <- sample(c(1:30, 30:5000), 1)
  k0 <- sample(0:n0, 1); k1 <- sample(0:n1, 1)
  level <- sample(c(0.8, 0.9, 0.95, 0.99, 0.998), 1)
  prop_rows[[length(prop_rows) + 1]] <- prop_case(k0, n0, k1, n1, level)
}
write_rows("prop_test.csv", c("k0", "n0", "k1", "n1", "level", "p"), prop_rows)

# ---- Mann-Kendall: cor.test(method = "kendall", continuity = TRUE) -------
mk_case <- function(y) {
  t <- seq_along(y)
  ok <- !is.na(y)
  r <- suppressWarnings(cor.test(y[ok], t[ok], method = "kendall", continuity = TRUE))
  s <- 0
  yy <- y[ok]
  for (i in seq_along(yy)) for (j in seq_along(yy)) if (j > i) s <- s + sign(yy[j] - yy[i])
  exact <- as.integer(length(yy) < 50 && !any(duplicated(yy)))
  c(series(y), num(s), num(r$p.value), num(exact))
}
mk_rows <- list(
  mk_case(c(1030, 1150, 1617, 1482, 1714, 1895, 2326)),    # NL CP referrals
  mk_case(c(692/1030, 642/1150, 800/1617, 831/1482, 754/1714, 775/1895, 768/2326)),
  mk_case(c(1, 2, 3)),                                     # length 3
  mk_case(c(3, 2, 1)),
  mk_case(c(1, 3, 2)),
  mk_case(c(5, 5, 6, 7, 7, 8)),                            # ties
  mk_case(c(1, 1, 1, 2)),
  mk_case(c(4, NA, 6, 8, NA, 9, 12)),                      # gaps
  mk_case(1:49), mk_case(49:1), mk_case(1:50),             # the exact limit
  mk_case(c(2, 1, 4, 3, 6, 5, 8, 7, 10, 9)),
  mk_case(c(10, 12, 11, 11, 13, 15, 14, 15, 18, 17, 19, 19))
)
for (i in 1:50) {
  n <- sample(c(4:20, 30, 45, 55, 80), 1)
  y <- round(rnorm(n, seq_len(n) * runif(1, -1, 1), 3), sample(c(0, 2), 1))
  mk_rows[[length(mk_rows) + 1]] <- mk_case(y)
}
write_rows("mann_kendall.csv", c("y", "s", "p", "exact"), mk_rows)

# ---- chi-square test for trend in proportions: prop.trend.test -------------
ca_case <- function(k, n) {
  r <- prop.trend.test(k, n, score = seq_along(k) - 1)
  c(series(k), series(n), num(unname(r$statistic)), num(r$p.value))
}
ca_rows <- list(
  ca_case(c(692, 642, 800, 831, 754, 775, 768), c(1030, 1150, 1617, 1482, 1714, 1895, 2326)),
  ca_case(c(340, 329, 339, 261, 229, 264, 254), c(692, 642, 800, 831, 754, 775, 768)),
  ca_case(c(1, 2, 3), c(10, 10, 10)),
  ca_case(c(0, 0, 1), c(5, 5, 5)),
  ca_case(c(5, 5, 4), c(5, 5, 5))
)
for (i in 1:30) {
  m <- sample(3:12, 1)
  n <- sample(5:3000, m, replace = TRUE)
  p <- pmin(pmax(runif(1, 0.05, 0.9) + seq_len(m) * runif(1, -0.03, 0.03), 0.01), 0.99)
  k <- rbinom(m, n, p)
  ca_rows[[length(ca_rows) + 1]] <- ca_case(k, n)
}
write_rows("cochran_armitage.csv", c("k", "n", "chi2", "p"), ca_rows)

# ---- straight-line and log-linear projections: lm and predict ------------
line_case <- function(y, level, h, logs) {
  x <- seq_along(y) - 1
  v <- if (logs) log(y) else y
  fit <- lm(v ~ x)
  p <- predict(fit, data.frame(x = length(y) - 1 + seq_len(h)), interval = "prediction",
               level = level)
  if (logs) p <- exp(p)
  c(num(logs), series(y), num(level), num(h), series(p[, "fit"]), series(p[, "lwr"]),
    series(p[, "upr"]))
}
line_rows <- list(
  line_case(c(1030, 1150, 1617, 1482, 1714, 1895, 2326), 0.95, 1, 0),
  line_case(c(1030, 1150, 1617, 1482, 1714, 1895, 2326), 0.95, 3, 1),
  line_case(c(3, 5, 4), 0.95, 2, 0),
  line_case(c(3, 5, 4), 0.998, 2, 1),
  line_case(c(100, 110, 121, 133.1, 146.41), 0.9, 2, 1)
)
for (i in 1:30) {
  n <- sample(3:25, 1)
  y <- round(exp(log(runif(1, 20, 5000)) + seq_len(n) * runif(1, -0.1, 0.1) + rnorm(n, 0, 0.1)))
  line_rows[[length(line_rows) + 1]] <- line_case(y, sample(c(0.8, 0.95, 0.998), 1),
                                                  sample(1:5, 1), i %% 2)
}
write_rows("line_projection.csv", c("logs", "y", "level", "h", "fit", "lower", "upper"),
           line_rows)

# ---- damped Holt: ets(y, "AAN", damped = TRUE), as holt(damped = TRUE) ---
# opt.crit = "mse", as holt() uses (for additive errors the same optimum as
# the likelihood). loglik is forecast's: -n/2 log(SSE).
holt_case <- function(y, level, h) {
  fit <- ets(y, "AAN", damped = TRUE, opt.crit = "mse")
  f <- forecast(fit, h = h, level = level * 100)
  c(series(y), num(level), num(h), num(fit$loglik), num(fit$par["alpha"]),
    num(fit$par["beta"]), num(fit$par["phi"]), series(f$mean), series(f$lower[, 1]),
    series(f$upper[, 1]))
}
holt_rows <- list(
  holt_case(c(1030, 1150, 1617, 1482, 1714, 1895, 2326, 2410, 2390, 2505), 0.95, 3),
  holt_case(c(3034, 3100, 3314, 3290, 3400, 3512, 3480, 3600, 3655, 3700, 3690), 0.95, 2),
  holt_case(c(50, 48, 47, 45, 44, 44, 43, 41, 40, 40, 39, 38), 0.8, 4)
)
for (i in 1:40) {
  n <- sample(10:30, 1)
  shape <- i %% 4
  base <- runif(1, 20, 5000)
  slope <- runif(1, -0.04, 0.06) * base
  noise <- runif(1, 0.01, 0.15) * base
  t <- seq_len(n)
  trend <- switch(shape + 1, slope * t, slope * (1 - 0.85^t) / 0.15, slope * sqrt(t), 0 * t)
  y <- round(pmax(base + trend + cumsum(rnorm(n, 0, noise / 3)) + rnorm(n, 0, noise), 1), 1)
  holt_rows[[length(holt_rows) + 1]] <- holt_case(y, sample(c(0.8, 0.95, 0.998), 1),
                                                  sample(1:6, 1))
}
write_rows("holt.csv", c("y", "level", "h", "loglik", "alpha", "beta", "phi", "mean",
                         "lower", "upper"), holt_rows)

# ---- damped Holt with alpha, beta and phi fixed: the same model ---------
# R fits only the initial states; the forecasts and intervals of the same
# model can then be compared directly.
holt_fixed_case <- function(y, alpha, beta, phi, level, h) {
  fit <- ets(y, "AAN", damped = TRUE, alpha = alpha, beta = beta, phi = phi,
             opt.crit = "mse")
  f <- forecast(fit, h = h, level = level * 100)
  c(series(y), num(alpha), num(beta), num(phi), num(level), num(h), num(fit$loglik),
    series(f$mean), series(f$lower[, 1]), series(f$upper[, 1]))
}
fixed_rows <- list(
  holt_fixed_case(c(1030, 1150, 1617, 1482, 1714, 1895, 2326, 2410, 2390, 2505),
                  0.5, 0.1, 0.9, 0.95, 3),
  holt_fixed_case(c(50, 48, 47, 45, 44, 44, 43, 41, 40, 40, 39, 38), 0.8, 0.2, 0.85, 0.8, 4)
)
for (i in 1:30) {
  n <- sample(10:30, 1)
  base <- runif(1, 20, 5000)
  y <- round(base + cumsum(rnorm(n, runif(1, -0.03, 0.05) * base, 0.05 * base)), 1)
  alpha <- round(runif(1, 0.05, 0.95), 3)
  beta <- round(runif(1, 0.01, alpha), 3)
  phi <- round(runif(1, 0.8, 0.98), 3)
  fixed_rows[[length(fixed_rows) + 1]] <- holt_fixed_case(y, alpha, beta, phi,
                                                          sample(c(0.8, 0.95, 0.998), 1),
                                                          sample(1:6, 1))
}
write_rows("holt_fixed.csv", c("y", "alpha", "beta", "phi", "level", "h", "loglik", "mean",
                               "lower", "upper"), fixed_rows)
