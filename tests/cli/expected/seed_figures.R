# seed_figures.R: reference values for the command-line tests on the seed
# datasets, computed with base R independently of indicate.
#   Rscript tests/cli/expected/seed_figures.R > tests/cli/expected/seed_figures.csv
# Wilson intervals: prop.test without continuity correction.
# Linear trend: lm() and predict(..., interval = "prediction").
options(digits = 17)
rows <- list()
add <- function(case, what, value) rows[[length(rows) + 1]] <<- data.frame(case = case, what = what, value = sprintf("%.17g", value))

wilson <- function(case, k, n, level = 0.95) {
  ci <- prop.test(k, n, correct = FALSE, conf.level = level)$conf.int
  add(case, "lower", ci[1]); add(case, "upper", ci[2])
}
# North Lanarkshire child protection 2023-24 and 2022-23 (CSWO report 2023/24, 3.5.3)
wilson("cp_ref_inv_2023_24", 768, 2326)
wilson("cp_ref_inv_2022_23", 775, 1895)
wilson("cp_conf_reg_2023_24", 179, 254)
wilson("cp_ref_inv_2023_24_998", 768, 2326, 0.998)
# ASP 2023-24 (3.5.1)
wilson("asp_ref_inq_2023_24", 477, 3314)
wilson("asp_inq_conf_2023_24", 66, 477)
# South Lanarkshire CPO unpaid work induction, year to date at Q2 (268 of 364)
wilson("upw_induction_ytd_q2", 268, 364)

# CP referrals 2017-18 .. 2023-24, linear trend on period index, 2024-25 projection
referrals <- c(1030, 1150, 1617, 1482, 1714, 1895, 2326)
x <- 0:6
fit <- lm(referrals ~ x)
p <- predict(fit, newdata = data.frame(x = 7), interval = "prediction", level = 0.95)
add("cp_referrals_trend", "slope", coef(fit)[2])
add("cp_referrals_trend", "projection", p[1, "fit"])
add("cp_referrals_trend", "lower", p[1, "lwr"])
add("cp_referrals_trend", "upper", p[1, "upr"])
write.csv(do.call(rbind, rows), stdout(), row.names = FALSE, quote = FALSE)
