#!/usr/bin/env bash
# The statistics in `indicate run`'s output: the significance of changes on
# the North Lanarkshire figures (against R and statsmodels values stored in
# tests/reference), breaks, amounts, and the run options for projections.
. "$SRC/tests/cli/lib.sh"

NL=$SRC/datasets/north-lanarkshire-2023-24.json
D=$SRC/tests/data/stats
R=$SRC/tests/reference
# row FILE N COLUMN: the value in data row N of a reference file.
row() { awk -F, -v n="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
  NR == n + 1 { print $k; exit }' "$R/$1"; }

run "$INDICATE" run "$NL" --format json -o "$TMP/nl.json"
expect_status 0

# CP referral to investigation, 775/1,895 -> 768/2,326: significantly lower,
# with Newcombe's interval for the difference (statsmodels) and the pooled
# test's p (R prop.test).
CP='areas[0].indicators[id=cp.conversion].measures[id=cp.conversion.referral_to_investigation]'
SG="$CP.periods[period=2023-24].changes[0].significance"
expect_json "$TMP/nl.json" "$SG.verdict" lower
expect_json "$TMP/nl.json" "$SG.method" newcombe-difference
expect_json_near "$TMP/nl.json" "$SG.estimate" "$(row newcombe.csv 1 estimate)" 1e-12
expect_json_near "$TMP/nl.json" "$SG.lower" "$(row newcombe.csv 1 lower)" 1e-12
expect_json_near "$TMP/nl.json" "$SG.upper" "$(row newcombe.csv 1 upper)" 1e-12
expect_json_near "$TMP/nl.json" "$SG.p" "$(row prop_test.csv 1 p)" 1e-15
# 2021-22 -> 2022-23 (754/1,714 -> 775/1,895): no significant change.
expect_json "$TMP/nl.json" "$CP.periods[period=2022-23].changes[0].significance.verdict" no_significant_change

# ASP referrals 3,034 -> 3,314: higher, rate ratio 1.092 with its exact
# interval (R poisson.test) and the central p.
AS='areas[0].indicators[id=asp.referrals].measures[0].periods[period=2023-24].changes[0].significance'
expect_json "$TMP/nl.json" "$AS.verdict" higher
expect_json "$TMP/nl.json" "$AS.method" poisson-rate-ratio
expect_json_near "$TMP/nl.json" "$AS.estimate" "$(row rate_ratio.csv 1 estimate)" 1e-12
expect_json_near "$TMP/nl.json" "$AS.lower" "$(row rate_ratio.csv 1 lower)" 1e-12
expect_json_near "$TMP/nl.json" "$AS.upper" "$(row rate_ratio.csv 1 upper)" 1e-12
expect_json_near "$TMP/nl.json" "$AS.p" "$(row rate_ratio.csv 1 p)" 1e-15

# At 99.8%, as Fingertips uses.
run "$INDICATE" run "$NL" --level 99.8 --format json -o "$TMP/nl998.json"
expect_status 0
expect_json_near "$TMP/nl998.json" "$AS.lower" "$(row rate_ratio.csv 2 lower)" 1e-12
expect_json_near "$TMP/nl998.json" "$SG.lower" "$(row newcombe.csv 2 lower)" 1e-12
expect_json "$TMP/nl998.json" "$AS.verdict" higher

# Hours are amounts: not tested, and the note says why.
run "$INDICATE" run "$D/monthly-run.json" --format json -o "$TMP/m.json"
expect_status 0
HD='areas[0].indicators[id=upw.hours_delivered].measures[0].periods[period=2024-03].changes[0].significance'
expect_json "$TMP/m.json" "$HD.verdict" not_tested
expect_json "$TMP/m.json" "$HD.note" "an amount, not a count of events: no Poisson test applies"

# A break in the middle: the change across it is not tested; trend tests,
# projection and limits start at the break.
run "$INDICATE" run "$D/break-middle.json" --format json -o "$TMP/b.json"
expect_status 0
M='areas[0].indicators[id=cp.referrals].measures[0]'
expect_json "$TMP/b.json" "$M.periods[period=2018-19].changes[0].across_break" true
expect_json "$TMP/b.json" "$M.periods[period=2018-19].changes[0].significance.verdict" not_tested
expect_json "$TMP/b.json" "$M.periods[period=2018-19].changes[0].significance.note" \
  "the periods straddle a change of definition, so they are not comparable"
expect_json "$TMP/b.json" "$M.periods[period=2019-20].changes[0].significance.method" poisson-rate-ratio
expect_json "$TMP/b.json" "$M.trend_tests.from" 2018-19
expect_json "$TMP/b.json" "$M.projection.from" 2018-19
expect_json "$TMP/b.json" "$M.spc.segments[1].from" 2018-19
expect_json "$TMP/b.json" "$M.trend.from" 2018-19

# Run options: method and horizon. Holt cannot run on 7 values: the run
# still succeeds and the projection says why.
run "$INDICATE" run "$NL" --method holt --horizon 3 --format json -o "$TMP/h.json"
expect_status 0
PR='areas[0].indicators[id=cp.referrals].measures[0].projection'
expect_json "$TMP/h.json" "$PR.status" not_computed
expect_json "$TMP/h.json" "$PR.requested" holt
run "$INDICATE" run "$NL" --horizon 3 --format json -o "$TMP/h3.json"
expect_json "$TMP/h3.json" "$PR.periods[2].period" 2026-27
run "$INDICATE" run "$NL" --method spline
expect_status 2

# The table and CSV carry the verdicts.
run "$INDICATE" run "$NL" --indicator cp.conversion
expect_status 0
expect_out "significance"
expect_out "lower (p < 0.001)"
expect_out "Trend tests 2017-18 to 2023-24: Mann-Kendall"
run "$INDICATE" run "$NL" --indicator asp.referrals --format csv
expect_status 0
expect_out "significance,significance_estimate,significance_lower,significance_upper,significance_p,method"
expect_out ",higher,1.09228740936058"

finish
