# make_reference.R: reference values from base R for the numerics checks in
# tests/unit/test_reference.c. Writes, into the directory given as the first
# argument (default: the directory holding this script):
#
#   normal_quantile.csv  qnorm for two-sided levels
#   wilson.csv           prop.test(k, n, correct = FALSE)$conf.int (chosen
#                        cases, then 100 random ones)
#   poisson_exact.csv    poisson.test(x)$conf.int (chosen cases, then 200
#                        random ones)
#   ols_series.csv       the series fitted below (nan marks a missing value)
#   ols.csv              summary(lm(y ~ x)) and predict(..., interval =
#                        "prediction") for each series, new x and level
#
# Run: Rscript tests/reference/make_reference.R tests/reference
# Numbers are written with %.17g so that they read back exactly.

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else {
  file_arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)
  dirname(sub("^--file=", "", file_arg[1]))
}

num <- function(v) ifelse(is.na(v), "nan", sprintf("%.17g", v))

write_rows <- function(name, header, rows) {
  path <- file.path(out_dir, name)
  lines <- c(paste(header, collapse = ","),
             vapply(rows, function(r) paste(r, collapse = ","), ""))
  writeLines(lines, path)
  cat(sprintf("%s: %d rows\n", path, length(rows)))
}

levels_main <- c(0.95, 0.998)
levels_extra <- c(0.5, 0.8, 0.9, 0.99)

# ---- the normal quantile for a two-sided level ----
z_levels <- c(0.5, 0.8, 0.9, 0.95, 0.99, 0.998, 0.9999, 0.999999, 1e-6)
write_rows("normal_quantile.csv", c("level", "z"),
           lapply(z_levels, function(l) num(c(l, qnorm(1 - (1 - l) / 2)))))

# ---- Wilson score interval (no continuity correction) ----
wilson_cases <- list(
  c(0, 1), c(1, 1), c(0, 2), c(1, 2), c(2, 3), c(0, 10), c(1, 10), c(5, 10),
  c(9, 10), c(10, 10), c(3, 7), c(768, 2326), c(179, 254), c(477, 3314),
  c(12345, 67890), c(1, 1e9), c(0, 1e9), c(5e8, 1e9), c(1e9 - 1, 1e9),
  c(1e9, 1e9), c(999, 1000))
wilson_rows <- list()
for (kn in wilson_cases) {
  lv <- if (kn[2] == 10 || kn[1] == 768) c(levels_main, levels_extra) else levels_main
  for (l in lv) {
    ci <- suppressWarnings(prop.test(kn[1], kn[2], conf.level = l,
                                     correct = FALSE)$conf.int)
    wilson_rows[[length(wilson_rows) + 1]] <- num(c(kn[1], kn[2], l, ci[1], ci[2]))
  }
}
# Random proportions with n up to 10^9 at random levels.
set.seed(1927)
for (i in 1:100) {
  n <- round(10^runif(1, 0, 9))
  k <- round(runif(1) * n)
  l <- round(runif(1, 0.5, 0.9999), 4)
  ci <- suppressWarnings(prop.test(k, n, conf.level = l, correct = FALSE)$conf.int)
  wilson_rows[[length(wilson_rows) + 1]] <- num(c(k, n, l, ci[1], ci[2]))
}
write_rows("wilson.csv", c("k", "n", "level", "lower", "upper"), wilson_rows)

# ---- exact (Garwood) Poisson interval ----
poisson_x <- c(0, 1, 2, 3, 5, 9, 10, 11, 20, 50, 100, 500, 1000, 12345, 1e5,
               5e5, 999000, 1e6, 1e7, 1e9, 1e12)
poisson_rows <- list()
for (x in poisson_x) {
  lv <- if (x %in% c(0, 9, 10)) c(levels_main, levels_extra) else levels_main
  for (l in lv) {
    ci <- poisson.test(x, conf.level = l)$conf.int
    poisson_rows[[length(poisson_rows) + 1]] <- num(c(x, l, ci[1], ci[2]))
  }
}
# Random counts up to 10^7 at random levels, which reach the regions where
# GSL's incomplete gamma function needs help (docs/methods.md).
set.seed(2024)
for (i in 1:200) {
  x <- round(10^runif(1, 0, 7))
  l <- round(runif(1, 0.5, 0.9999), 4)
  ci <- poisson.test(x, conf.level = l)$conf.int
  poisson_rows[[length(poisson_rows) + 1]] <- num(c(x, l, ci[1], ci[2]))
}
write_rows("poisson_exact.csv", c("x", "level", "lower", "upper"), poisson_rows)

# ---- ordinary least squares with prediction intervals ----
# Each series: x, y (NA = missing), and the x values to predict at.
series <- list(
  linear = list(x = 1:5, y = c(3, 5, 7, 9, 11), at = c(6, 10)),
  constant = list(x = 1:5, y = c(4, 4, 4, 4, 4), at = c(6, 8)),
  three = list(x = 0:2, y = c(1, 3, 2), at = c(3, 1)),
  gaps = list(x = 1:7, y = c(10, NA, 12.5, 11, NA, 14, 15.2), at = c(8, 9)),
  three_of_four = list(x = 1:4, y = c(5, NA, 7, 6), at = c(5, 2.5)),
  years = list(x = 2015:2024,
               y = c(768, 801, 790, 845, 830, 870, 912, 905, 950, 973),
               at = c(2025, 2027, 2019.5)),
  negative = list(x = -3:3, y = c(-5.5, -3.1, -2.2, 0.4, 1.1, 3.9, 4.4),
                  at = c(4, -4)),
  falling = list(x = 1:12,
                 y = c(142, 138, 139, 131, 127, 129, 120, 118, 121, 112, 109, 108),
                 at = c(13, 15)),
  uneven_x = list(x = c(0, 0.5, 2, 3.5, 10), y = c(2.1, 2.0, 3.3, 3.9, 7.7),
                  at = c(12, 5)),
  large = list(x = 1:6, y = c(1203456, 1198765, 1215000, 1224321, 1230987, 1241234),
               at = c(7, 8)),
  flat_noisy = list(x = 1:8, y = c(50, 52, 49, 51, 50, 48, 52, 50), at = c(9, 4.5)),
  proportion = list(x = 1:6, y = c(0.330, 0.342, 0.351, 0.329, 0.360, 0.371),
                    at = c(7, 6)))

series_rows <- list()
ols_rows <- list()
for (name in names(series)) {
  s <- series[[name]]
  for (i in seq_along(s$x))
    series_rows[[length(series_rows) + 1]] <- c(name, num(s$x[i]), num(s$y[i]))
  d <- data.frame(x = s$x, y = s$y)
  fit <- lm(y ~ x, data = d)
  sm <- suppressWarnings(summary(fit))
  co <- sm$coefficients
  used <- sum(!is.na(s$y))
  r2 <- sm$r.squared
  p <- co["x", "Pr(>|t|)"]
  # Conventions of trend.h: R^2 and the slope's p-value are undefined for a
  # constant series (R may return 0/0 noise instead of NaN there).
  if (length(unique(na.omit(s$y))) == 1) {
    r2 <- NaN
    p <- NaN
  }
  for (l in levels_main) {
    pr <- predict(fit, newdata = data.frame(x = s$at), interval = "prediction",
                  level = l)
    for (j in seq_along(s$at)) {
      ols_rows[[length(ols_rows) + 1]] <- c(
        name, num(c(l, s$at[j], used, co["(Intercept)", "Estimate"],
                    co["x", "Estimate"], co["x", "Std. Error"], sm$sigma, r2, p,
                    pr[j, "fit"], pr[j, "lwr"], pr[j, "upr"])))
    }
  }
}
write_rows("ols_series.csv", c("case", "x", "y"), series_rows)
write_rows("ols.csv", c("case", "level", "x_new", "n", "intercept", "slope",
                        "slope_se", "sigma", "r2", "slope_p", "fit", "lower",
                        "upper"), ols_rows)
