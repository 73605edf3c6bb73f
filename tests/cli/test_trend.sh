#!/usr/bin/env bash
# `indicate trend`: trend tests and projections for one measure or series,
# the method named and why, breaks respected, and bad requests refused.
# Expected figures come from R (tests/cli/expected/seed_figures.csv,
# tests/reference/line_projection.csv).
. "$SRC/tests/cli/lib.sh"

NL=$SRC/datasets/north-lanarkshire-2023-24.json
D=$SRC/tests/data/stats
ref() { awk -F, -v c="$1" -v w="$2" '$1 == c && $2 == w { print $3 }' \
  "$SRC/tests/cli/expected/seed_figures.csv"; }
# The log-linear row of line_projection.csv for the NL referrals (R lm on
# log values, exp of predict): field $2 of its fit/lower/upper lists.
loglin() { awk -F, -v col="$1" -v k="$2" 'NR > 1 && $1 == 1 && $2 ~ /^1030;1150;1617/ {
  split($col, v, ";"); print v[k]; exit }' "$SRC/tests/reference/line_projection.csv"; }

# CP referrals 2024-25: 7 values, so auto fits a straight line and says why.
run "$INDICATE" trend "$NL" --series cp.referrals --format json -o "$TMP/t.json"
expect_status 0
P='areas[0].projection'
expect_json "$TMP/t.json" "$P.method" linear
expect_json "$TMP/t.json" "$P.requested" auto
expect_json "$TMP/t.json" "$P.note" "straight line: 7 values, fewer than the 10 consecutive values damped Holt needs"
expect_json "$TMP/t.json" "$P.periods[0].period" 2024-25
expect_json_near "$TMP/t.json" "$P.periods[0].value" "$(ref cp_referrals_trend projection)" 1e-9
expect_json_near "$TMP/t.json" "$P.periods[0].lower" "$(ref cp_referrals_trend lower)" 1e-9
expect_json_near "$TMP/t.json" "$P.periods[0].upper" "$(ref cp_referrals_trend upper)" 1e-9
# Mann-Kendall on 7 rising-but-one values: S = 19, exact p = 0.002777...
# (R cor.test, tests/reference/mann_kendall.csv row 1).
expect_json "$TMP/t.json" 'areas[0].trend_tests.mann_kendall.s' 19
expect_json "$TMP/t.json" 'areas[0].trend_tests.mann_kendall.exact' true
expect_json_near "$TMP/t.json" 'areas[0].trend_tests.mann_kendall.p' 0.0027777777777777779 1e-12

# The table names the method and the projection.
run "$INDICATE" trend "$NL" --series cp.referrals
expect_status 0
expect_out "Method: linear (straight line: 7 values"
expect_out "2024-25 projected 2,384.1 (95% prediction interval 1,912.6 to 2,855.6)."

# Log-linear, three periods, against R.
run "$INDICATE" trend "$NL" --series cp.referrals --method loglinear --horizon 3 --format json -o "$TMP/l.json"
expect_status 0
expect_json "$TMP/l.json" "$P.method" loglinear
expect_json "$TMP/l.json" "$P.periods[2].period" 2026-27
expect_json_near "$TMP/l.json" "$P.periods[2].value" "$(loglin 5 3)" 1e-6
expect_json_near "$TMP/l.json" "$P.periods[2].upper" "$(loglin 7 3)" 1e-6

# Damped Holt asked for on 7 values: refused, nothing written, exit 8.
run "$INDICATE" trend "$NL" --series cp.referrals --method holt
expect_status 8
expect_no_out
expect_err "no holt projection: damped Holt needs 10 consecutive values; the latest run without a gap has 7"

# Twelve years: auto fits damped Holt, within R forecast's bounds.
run "$INDICATE" trend "$D/twelve-years.json" --series cp.referrals --format json -o "$TMP/h.json"
expect_status 0
expect_json "$TMP/h.json" "$P.method" holt
expect_json "$TMP/h.json" "$P.note" "damped Holt: 12 consecutive values (it needs 10)"
expect_json "$TMP/h.json" "$P.points" 12
"$JSONQ" "$TMP/h.json" "$P.parameters.phi" | awk '{ exit !($1 >= 0.8 && $1 <= 0.98) }' \
  || fail "phi outside [0.8, 0.98]"

# A break in the middle: only the six values after it are used.
run "$INDICATE" trend "$D/break-middle.json" --series cp.referrals --format json -o "$TMP/b.json"
expect_status 0
expect_json "$TMP/b.json" "$P.from" 2018-19
expect_json "$TMP/b.json" "$P.points" 6
expect_json "$TMP/b.json" "$P.method" linear
expect_json "$TMP/b.json" 'areas[0].trend_tests.from' 2018-19
expect_json "$TMP/b.json" 'areas[0].trend_tests.mann_kendall.points' 6
grep -q "after a change of definition" "$TMP/b.json" || fail "the break is not mentioned"

# A conversion rate by its measure id: proportions get the chi-square test
# for trend and stay within [0, 1].
run "$INDICATE" trend "$NL" --series cp.conversion.referral_to_investigation --level 99.8 \
  --horizon 2 --format json -o "$TMP/c.json"
expect_status 0
expect_json "$TMP/c.json" 'areas[0].kind' proportion
expect_json "$TMP/c.json" 'areas[0].trend_tests.cochran_armitage.status' ok
expect_json "$TMP/c.json" "$P.periods[0].lower" 0
expect_json "$TMP/c.json" "$P.periods[0].clamped" true

# A raw series no indicator reads.
run "$INDICATE" trend "$D/quarterly-shift.json" --series test.days_waited --format csv
expect_status 0
expect_out "area,code,measure,period,row,value,lower,upper,method,clamped,display"
expect_out ",test.days_waited,2024-25 Q1,projection,"

# Bad requests.
run "$INDICATE" trend "$NL"
expect_status 2
expect_err "--series ID is required"
run "$INDICATE" trend "$NL" --series cp.referrals --method spline
expect_status 2
expect_err "unknown method 'spline'"
run "$INDICATE" trend "$NL" --series cp.referrals --horizon 0
expect_status 2
run "$INDICATE" trend "$NL" --series no.such_series
expect_status 9
expect_err "no area of the input has a measure or series no.such_series"
run "$INDICATE" trend --help
expect_status 0
expect_out "a series id of the"

finish
