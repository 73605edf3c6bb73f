#!/usr/bin/env bash
# `indicate spc`: XmR charts of constructed monthly and quarterly series
# with 7-point runs, checked for rule and polarity; limits against the
# independent Python computation in tests/reference/spc.csv.
. "$SRC/tests/cli/lib.sh"

D=$SRC/tests/data/stats
NL=$SRC/datasets/north-lanarkshire-2023-24.json
# spc.csv row 1 is the same series divided by 10: mean, lower, upper.
spc() { awk -F, -v col="$1" 'NR == 2 { print $col * 10; exit }' OFMT='%.17g' \
  "$SRC/tests/reference/spc.csv"; }

# 24 months of hours delivered (higher is better): 8 months climbing.
run "$INDICATE" spc "$D/monthly-run.json" --series upw.hours_delivered --format json -o "$TMP/m.json"
expect_status 0
S='areas[0].spc'
expect_json "$TMP/m.json" 'areas[0].polarity' higher_is_better
expect_json_near "$TMP/m.json" "$S.segments[0].mean" "$(spc 6)" 1e-9
expect_json_near "$TMP/m.json" "$S.segments[0].lower" "$(spc 7)" 1e-9
expect_json_near "$TMP/m.json" "$S.segments[0].upper" "$(spc 8)" 1e-9
expect_json "$TMP/m.json" "$S.periods[period=2023-04].rule" trend
expect_json "$TMP/m.json" "$S.periods[period=2023-04].type" improvement
expect_json "$TMP/m.json" "$S.periods[period=2023-04].direction" high
expect_json "$TMP/m.json" "$S.periods[period=2023-09].rule" trend
expect_json "$TMP/m.json" "$S.periods[period=2023-10].rule" outside
expect_json "$TMP/m.json" "$S.periods[period=2023-03].rule" null
expect_json "$TMP/m.json" "$S.variation" common_cause

# Lower is better: the same climb is a concern.
run "$INDICATE" spc "$D/monthly-run.json" --series upw.hours_delivered --polarity lower --format json -o "$TMP/ml.json"
expect_status 0
expect_json "$TMP/ml.json" "$S.periods[period=2023-04].type" concern

# A run of 7 rising points that ends at the latest month: the variation
# icon is a special cause, an improvement when higher is better.
run "$INDICATE" spc "$D/monthly-run.json" --series test.hours_rising_at_end --polarity higher --format json -o "$TMP/e.json"
expect_status 0
expect_json "$TMP/e.json" "$S.periods[period=2024-03].rule" trend
expect_json "$TMP/e.json" "$S.variation" improvement
expect_json "$TMP/e.json" "$S.variation_direction" high
run "$INDICATE" spc "$D/monthly-run.json" --series test.hours_rising_at_end --format json -o "$TMP/n.json"
expect_json "$TMP/n.json" "$S.variation" neutral

# 20 quarters, 8 above the mean: a shift; days waited, lower is better.
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --polarity lower
expect_status 0
expect_out "2021-22 Q3"
expect_out "concern (7 points on one side of the mean, high)"
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --polarity lower --format json -o "$TMP/q.json"
expect_json "$TMP/q.json" "$S.periods[period=2021-22 Q3].rule" shift
expect_json "$TMP/q.json" "$S.periods[period=2023-24 Q2].rule" shift
expect_json "$TMP/q.json" "$S.periods[period=2023-24 Q3].rule" null

# Rebasing: limits recalculated from 2021-22 Q3; no shift is left.
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --baseline "2021-22 Q3" --format json -o "$TMP/r.json"
expect_status 0
expect_json "$TMP/r.json" "$S.segments[1].from" "2021-22 Q3"
expect_json "$TMP/r.json" "$S.periods[period=2022-23 Q1].rule" null

# Assurance against a target (a proportion, higher is better).
run "$INDICATE" spc "$D/monthly-run.json" --series upw.induction_5d --target 60% --format json -o "$TMP/a.json"
expect_status 0
expect_json_near "$TMP/a.json" "$S.target" 0.6 1e-15
expect_json "$TMP/a.json" "$S.assurance" consistently_passing
run "$INDICATE" spc "$D/monthly-run.json" --series upw.induction_5d --target 73% --format json -o "$TMP/a2.json"
expect_json "$TMP/a2.json" "$S.assurance" hit_and_miss

# Screening off keeps every moving range.
run "$INDICATE" spc "$D/monthly-run.json" --series upw.hours_delivered --no-screen --format json -o "$TMP/s.json"
expect_json "$TMP/s.json" "$S.screened" false
run "$INDICATE" spc "$D/monthly-run.json" --series upw.hours_delivered --format csv
expect_status 0
expect_out "area,code,measure,period,value,mean,lower,upper,moving_range,moving_range_used,rule,type,direction"
expect_out ",upw.hours_delivered,2023-10,600,"

# A break restarts the limits.
run "$INDICATE" spc "$D/break-middle.json" --series cp.referrals --format json -o "$TMP/b.json"
expect_json "$TMP/b.json" "$S.segments[1].from" 2018-19

# Bad requests.
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --baseline 2031
expect_status 2
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --baseline "2030-31 Q1"
expect_status 9
expect_err "period 2030-31 Q1 is not in the series"
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --polarity up
expect_status 2
run "$INDICATE" spc "$D/quarterly-shift.json" --series test.days_waited --target lots
expect_status 2
run "$INDICATE" spc "$NL" --series no.such_series
expect_status 9

finish
