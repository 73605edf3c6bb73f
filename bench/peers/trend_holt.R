#!/usr/bin/env Rscript
# trend_holt.R: the benchmark's work in R (base + forecast), as an analyst
# would write it.
#
#   Rscript trend_holt.R INPUT.csv OUTPUT.csv
#
# INPUT is the long CSV of bench/gen (area,series,period,value). For every
# series (area and series id), in input order:
#   - an ordinary least-squares trend of value on the period index 0..n-1
#     (lm), its slope, and the fitted value for the next period with its 95%
#     prediction interval (predict(..., interval = "prediction"));
#   - a damped Holt forecast of the next period: forecast::holt(damped =
#     TRUE), which fits ETS(A,Ad,N) by maximum likelihood (forecast::ets),
#     and its point forecast.
# OUTPUT has one row per series: area, series, next_period, slope,
# projection, lower, upper, holt.
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript trend_holt.R INPUT.csv OUTPUT.csv")

d <- read.csv(args[1], colClasses = c("character", "character", "character", "numeric"))
key <- paste(d$area, d$series, sep = "\r")
groups <- split(seq_len(nrow(d)), factor(key, levels = unique(key)))

next_label <- function(label) {
  y <- as.integer(substr(label, 1, 4)) + 1L
  sprintf("%d-%02d", y, (y + 1L) %% 100L)
}

n <- length(groups)
area <- character(n); series <- character(n); nxt <- character(n)
slope <- numeric(n); projection <- numeric(n); lower <- numeric(n)
upper <- numeric(n); holt_forecast <- numeric(n)
for (g in seq_len(n)) {
  i <- groups[[g]]
  i <- i[order(d$period[i])]
  y <- d$value[i]
  t <- seq_along(y) - 1
  fit <- lm(y ~ t)
  p <- predict(fit, newdata = data.frame(t = length(y)), interval = "prediction",
               level = 0.95)
  h <- holt(y, h = 1, damped = TRUE)
  area[g] <- d$area[i[1]]
  series[g] <- d$series[i[1]]
  nxt[g] <- next_label(d$period[i[length(i)]])
  slope[g] <- coef(fit)[[2]]
  projection[g] <- p[1, "fit"]
  lower[g] <- p[1, "lwr"]
  upper[g] <- p[1, "upr"]
  holt_forecast[g] <- as.numeric(h$mean[1])
}
write.csv(data.frame(area = area, series = series, next_period = nxt, slope = slope,
                     projection = projection, lower = lower, upper = upper,
                     holt = holt_forecast),
          args[2], row.names = FALSE)
