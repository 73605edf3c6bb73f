#!/usr/bin/env bash
# indicate batch: help and usage errors; the same bytes for any --jobs and
# window, in every format; figures checked by hand; statuses against each
# area's targets, worked out by hand and the same as `indicate run` says,
# and an area with a target its measure cannot take skipped; standard
# input; a bad area reported with its line and skipped while the others are
# written; a missing input and a broken CSV; atomic and device outputs; no
# progress off a terminal; and shard-and-merge giving what one run gives.
. "$SRC/tests/cli/lib.sh"
. "$SRC/tests/cli/batch_lib.sh"

# ---- help and usage ---------------------------------------------------------
for verb in batch compare diff; do
  run "$INDICATE" "$verb" --help
  expect_status 0
  expect_out "Usage: indicate $verb"
done
gen_areas 3 "$TMP/three.jsonl"
run "$INDICATE" diff --help
expect_out "status against the area's target"
usage_case() {  # usage_case MESSAGE ARGS...
  local message=$1
  shift
  run "$INDICATE" "$@"
  expect_status 2
  expect_err "$message"
}
usage_case "no input given" batch
usage_case "--jobs takes a whole number from 1" batch "$TMP/three.jsonl" -j 0
usage_case "--format sqlite needs -o STORE" batch "$TMP/three.jsonl" -f sqlite
usage_case "needs --compare-output FILE" batch "$TMP/three.jsonl" --compare
usage_case "unknown format 'xml'" batch "$TMP/three.jsonl" -f xml
usage_case "unknown method 'magic'" batch "$TMP/three.jsonl" --method magic
usage_case "--force applies to --format sqlite only" batch "$TMP/three.jsonl" --force
usage_case "two result sets are needed" diff "$TMP/three.jsonl"
usage_case "no result file given" compare
usage_case "unknown option '--bogus'" batch "$TMP/three.jsonl" --bogus
# No plug-in, no indicator: refused (exit 7), not a file of empty areas.
run "$INDICATE" batch "$TMP/three.jsonl" --no-default-plugins -o "$TMP/nothing.jsonl"
expect_status 7
expect_err "no plug-in loaded"
checks=$((checks + 1))
[ ! -e "$TMP/nothing.jsonl" ] || fail "batch without plug-ins wrote an output"

# ---- the same bytes whatever the number of jobs -----------------------------
gen_areas 300 "$TMP/areas.jsonl"
for format in jsonl csv trends; do
  run "$INDICATE" batch "$TMP/areas.jsonl" -f "$format" -j 1 -o "$TMP/one.$format"
  expect_status 0
  for jobs in 2 3 8; do
    run "$INDICATE" batch "$TMP/areas.jsonl" -f "$format" -j "$jobs" --window 2 \
      -o "$TMP/many.$format"
    expect_status 0
    expect_same "$TMP/one.$format" "$TMP/many.$format" "$format with $jobs jobs"
  done
done
run "$INDICATE" batch "$TMP/areas.jsonl" -f trends -j 4 --method linear -o "$TMP/lin4.trends"
run "$INDICATE" batch "$TMP/areas.jsonl" -f trends -j 1 --method linear -o "$TMP/lin1.trends"
expect_same "$TMP/lin1.trends" "$TMP/lin4.trends" "linear projections with 4 jobs"
checks=$((checks + 1))
[ "$(grep -c '' "$TMP/one.jsonl")" -eq 300 ] || fail "expected 300 lines of JSON Lines"

# Figures: area 12's cp.referrals is 112 + 7t over 12 years, a straight
# line: slope 7 with zero residuals, so the 2024-25 projection is
# 112 + 7*12 = 196 with a zero-width interval; the last value is 112 + 77.
jsonl_line "$TMP/one.jsonl" 12 "$TMP/area12.json"
expect_json "$TMP/area12.json" area "Area 0012"
expect_json "$TMP/area12.json" 'indicators[id=cp.referrals].measures[0].trend.slope' 7
expect_json "$TMP/area12.json" 'indicators[id=cp.referrals].measures[0].trend.projection.value' 196
expect_json "$TMP/area12.json" 'indicators[id=cp.referrals].measures[0].periods[period=2023-24].value' 189
expect_equal "$(csv_value "$TMP/one.trends" area="Area 0012" measure=cp.referrals trend_value)" 196 \
  "trends: area 12 trend projection"
expect_equal "$(csv_value "$TMP/one.trends" area="Area 0012" measure=cp.referrals last_value)" 189 \
  "trends: area 12 last value"
expect_equal "$(head -c 27 "$TMP/one.trends")" "area,code,indicator,measure" "trends header"

# ---- statuses against the area's targets ------------------------------------
# South Lanarkshire's dataset sets 75% targets on three proportions, judged
# year to date with the default tolerance of 10% of the target: B = 7.5
# points, so 75% or more is Green, 67.5% to 75% Amber, below 67.5% Red
# (docs/targets.md). Q1's year to date is Q1; Q2's is Q1 + Q2:
#   scra.timeliness   Q1  51/86 = 59.3%                      Red
#                     Q2  (51+37)/(86+53) = 88/139 = 63.3%   Red
#   upw.induction_5d  Q1  145/190 = 76.3%                    Green
#                     Q2  (145+123)/(190+174) = 268/364 = 73.6%  Amber
#   upw.placement_7d  Q1  142/190 = 74.7%                    Amber
#                     Q2  (142+121)/364 = 263/364 = 72.3%    Amber
SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json
run "$INDICATE" batch "$SL" -f csv -o "$TMP/sl.csv"
expect_status 0
run "$INDICATE" batch "$SL" -f jsonl -o "$TMP/sl.jsonl"
expect_status 0
run "$INDICATE" run "$SL" -f csv -o "$TMP/sl-run.csv"
expect_status 0
while IFS='|' read -r measure period want; do
  expect_equal "$(csv_value "$TMP/sl.csv" measure="$measure" period="$period" status)" "$want" \
    "batch csv: $measure $period"
  expect_equal "$(csv_value "$TMP/sl-run.csv" measure="$measure" period="$period" status)" \
    "$want" "run csv: $measure $period"
  expect_json "$TMP/sl.jsonl" \
    "indicators[id=$measure].measures[0].periods[period=$period].status.label" "$want"
done <<'EOF'
scra.timeliness|2023-24 Q1|Red
scra.timeliness|2023-24 Q2|Red
upw.induction_5d|2023-24 Q1|Green
upw.induction_5d|2023-24 Q2|Amber
upw.placement_7d|2023-24 Q1|Amber
upw.placement_7d|2023-24 Q2|Amber
EOF
expect_json "$TMP/sl.jsonl" \
  'indicators[id=upw.induction_5d].measures[0].periods[period=2023-24 Q1].status.level' met
# The statuses are the same with any number of jobs, among areas without
# targets (whose rows have none).
run "$INDICATE" batch "$TMP/three.jsonl" "$SL" "$TMP/three.jsonl" -f csv -j 1 -o "$TMP/mixed1.csv"
run "$INDICATE" batch "$TMP/three.jsonl" "$SL" "$TMP/three.jsonl" -f csv -j 3 --window 1 \
  -o "$TMP/mixed3.csv"
expect_same "$TMP/mixed1.csv" "$TMP/mixed3.csv" "statuses with 3 jobs"
expect_equal "$(csv_value "$TMP/mixed3.csv" measure=upw.induction_5d period="2023-24 Q2" status)" \
  Amber "csv among other areas"
expect_equal "$(csv_value "$TMP/mixed3.csv" area="Area 0002" measure=cp.referrals \
  period=2012-13 status)" "" "an area without targets has no status"
# A target the measure cannot take fails that area, as it fails `indicate
# run`, with where and why; the others are written. The trends table has no
# statuses: the same dataset goes through.
sed '0,/"target": "75%",/s//"target": 75,/' "$SL" >"$TMP/sl-bad.json"  # the first only
run "$INDICATE" batch "$TMP/three.jsonl" "$TMP/sl-bad.json" -o "$TMP/sl-bad.out"
expect_status 5
expect_err "$TMP/sl-bad.json: \$.targets[0].target: target of proportion upw.induction_5d"
expect_err "(area skipped)"
expect_err "3 areas ok, 1 failed"
checks=$((checks + 1))
[ "$(grep -c '' "$TMP/sl-bad.out")" -eq 3 ] || fail "the other 3 areas were not all written"
run "$INDICATE" batch "$TMP/sl-bad.json" -f trends -o "$TMP/sl-bad.trends"
expect_status 0

# Standard input gives the same figures (trends carry no file name).
run "$INDICATE" batch - -f trends -j 2 -o "$TMP/stdin.trends" <"$TMP/areas.jsonl"
expect_status 0
expect_same "$TMP/one.trends" "$TMP/stdin.trends" "standard input"

# Off a terminal there is no progress line; --quiet leaves only failures.
run "$INDICATE" batch "$TMP/areas.jsonl" -o "$TMP/x.jsonl"
expect_err "indicate: batch: 300 areas ok, 0 failed; 600 series;"
checks=$((checks + 1))
! grep -q $'\r' "$TMP/err" || fail "a progress line was drawn off a terminal"
run "$INDICATE" batch "$TMP/areas.jsonl" -q -o "$TMP/x.jsonl"
checks=$((checks + 1))
[ ! -s "$TMP/err" ] || fail "--quiet still wrote to standard error"

# A text cell a spreadsheet would take for a formula is guarded (csvw.h), in
# the trends table as in every CSV, and read back as written by diff.
sed -n 1p "$TMP/areas.jsonl" | sed 's/"Area 0001"/"=SUM(A1)"/' >"$TMP/formula.jsonl"
run "$INDICATE" batch "$TMP/formula.jsonl" -f trends -o "$TMP/formula.trends"
expect_status 0
checks=$((checks + 1))
grep -q "^\"'=SUM(A1)\",,asp.referrals," "$TMP/formula.trends" || fail "the area name was not guarded"
run "$INDICATE" batch "$TMP/formula.jsonl" -f csv -o "$TMP/formula.csv"
run "$INDICATE" diff "$TMP/formula.csv" "$TMP/formula.csv" -f csv
expect_status 0
run "$INDICATE" diff "$TMP/formula.csv" "$TMP/one.csv"
expect_status 1
expect_out "removed  =SUM(A1) | asp.referrals | 2012-13 | observed"

# ---- failures: reported, skipped, counted -----------------------------------
sed '5s/"values":\[105,/"values":[-5,/' "$TMP/areas.jsonl" >"$TMP/bad.jsonl"
run "$INDICATE" batch "$TMP/bad.jsonl" -j 2 -o "$TMP/bad.out"
expect_status 5
expect_err "$TMP/bad.jsonl:5: \$.series[0].values[0]: negative value -5"
expect_err "(area skipped)"
expect_err "indicate: batch: 299 areas ok, 1 failed"
checks=$((checks + 1))
[ "$(grep -c '' "$TMP/bad.out")" -eq 299 ] || fail "the other 299 areas were not all written"
checks=$((checks + 1))
! grep -q '"Area 0005"' "$TMP/bad.out" || fail "the bad area was written"

# A missing input among others: exit 3, the others written.
run "$INDICATE" batch "$TMP/three.jsonl" "$TMP/no-such.jsonl" "$TMP/three.jsonl" -o "$TMP/m.out"
expect_status 3
expect_err "$TMP/no-such.jsonl: cannot open"
checks=$((checks + 1))
[ "$(grep -c '' "$TMP/m.out")" -eq 6 ] || fail "the areas of the readable inputs were not written"

# A CSV that breaks midway: the areas read before stand (an area is
# complete when the next one begins), the rest is reported.
{
  echo "area,series,period,value"
  echo "North,cp.referrals,2021-22,10"
  echo "North,cp.referrals,2022-23,12"
  echo "South,cp.referrals,2021-22,7"
  echo "South,cp.referrals,2022-23,9"
  echo "West,cp.referrals,2021-22,3"
  echo "West,cp.referrals,2022-23,\"4"
  echo "East,cp.referrals,2022-23,5"
} >"$TMP/broken.csv"
run "$INDICATE" batch "$TMP/broken.csv" -o "$TMP/broken.out"
expect_status 4
expect_err "$TMP/broken.csv"
expect_err "(the rest of $TMP/broken.csv is not read)"
checks=$((checks + 1))
grep -q '"area":"North"' "$TMP/broken.out" && grep -q '"area":"South"' "$TMP/broken.out" \
  || fail "the areas before the break were lost"

# ---- outputs ------------------------------------------------------------------
run "$INDICATE" batch "$TMP/three.jsonl" -o "$TMP/no-such-dir/out.jsonl"
expect_status 3
expect_err "$TMP/no-such-dir/out.jsonl"
checks=$((checks + 1))
[ -z "$(ls "$TMP" | grep '\.tmp\.')" ] || fail "a temporary file was left behind"

# A FIFO is written to, not replaced by a file.
mkfifo "$TMP/pipe"
cat "$TMP/pipe" >"$TMP/from-pipe" &
reader=$!
run "$INDICATE" batch "$TMP/three.jsonl" -f trends -o "$TMP/pipe"
wait "$reader"
expect_status 0
checks=$((checks + 1))
[ -p "$TMP/pipe" ] || fail "the FIFO was replaced"
checks=$((checks + 1))
[ "$(grep -c '' "$TMP/from-pipe")" -eq 7 ] || fail "the FIFO did not get the header and 6 rows"

# ---- pieces give what one run gives ---------------------------------------------
run "$INDICATE" batch - -j 1 -q -o "$TMP/whole.jsonl" <"$TMP/areas.jsonl"
run env INDICATE="$INDICATE" "$SRC/tools/shard-and-merge" -n 4 "$TMP/areas.jsonl" "$TMP/merged.jsonl"
expect_status 0
expect_same "$TMP/whole.jsonl" "$TMP/merged.jsonl" "shard-and-merge, JSON Lines"
# CSV input split between areas, CSV output with one header.
awk 'BEGIN { print "area,series,period,value" }
     { match($0, /"area":"[^"]*"/); area = substr($0, RSTART + 8, RLENGTH - 9)
       n = split($0, parts, "\"values\":\\[")
       split(parts[2], v, "]"); split(v[1], vals, ",")
       for (t = 1; t <= 12; t++) { y = 2011 + t; printf "%s,cp.referrals,%d-%02d,%s\n", area, y, (y + 1) % 100, vals[t] } }' \
  "$TMP/areas.jsonl" >"$TMP/areas.csv"
run "$INDICATE" batch - -j 1 -q -f csv -o "$TMP/whole.csv" <"$TMP/areas.csv"
run env INDICATE="$INDICATE" "$SRC/tools/shard-and-merge" -n 3 "$TMP/areas.csv" "$TMP/merged.csv" -- -f csv
expect_status 0
expect_same "$TMP/whole.csv" "$TMP/merged.csv" "shard-and-merge, CSV"
# The same with straight-line projections only: the pieces and the joining
# alone, whatever the projection method.
run "$INDICATE" batch - -j 1 -q -f csv --method linear -o "$TMP/whole-lin.csv" <"$TMP/areas.csv"
run env INDICATE="$INDICATE" "$SRC/tools/shard-and-merge" -n 3 "$TMP/areas.csv" \
  "$TMP/merged-lin.csv" -- -f csv --method linear
expect_status 0
expect_same "$TMP/whole-lin.csv" "$TMP/merged-lin.csv" "shard-and-merge, CSV, linear"

finish
