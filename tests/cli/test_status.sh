#!/usr/bin/env bash
# `indicate status`: the South Lanarkshire Q2 2023/24 statuses and summary
# table, the 28-measure summary with the report's percentages, the North
# Lanarkshire commentary, the vocabularies, views and formats, exit codes
# (--fail-on-red, usage errors, a period outside the data) and every bad
# target fixture of tests/data/status with its exit code and message.
# Expected figures are worked by hand in tests/unit/test_scorecard.c.
. "$SRC/tests/cli/lib.sh"

SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json
NL=$SRC/datasets/north-lanarkshire-2023-24.json
D=$SRC/tests/data/status

# expect_line TEXT: stdout has a line equal to TEXT once trailing blanks go.
expect_line() {
  checks=$((checks + 1))
  sed 's/[[:space:]]*$//' "$TMP/out" | grep -qxF -- "$1" || fail "stdout lacks the line: $1"
}

# expect_row WORDS: stdout has WORDS with runs of blanks squeezed to one (a
# table row whatever the widths of its columns).
expect_row() {
  checks=$((checks + 1))
  tr -s ' ' <"$TMP/out" | grep -qF -- "$1" || fail "stdout lacks the row: $1"
}

# expect_sentence FILE PATH STEM: the string at PATH is STEM followed by
# either a full stop, or (where the analysis tested the change) a verdict
# clause and a full stop.
expect_sentence() {
  checks=$((checks + 1))
  local got
  got=$("$JSONQ" "$1" "$2") || { fail "no $2 in $1"; return; }
  case "$got" in
    "$3.") ;;
    "$3, "*"statistically significant"*".") ;;
    *) fail "$2: expected '$3' and a full stop or a verdict, got '$got'" ;;
  esac
}

run "$INDICATE" status --help
expect_status 0
expect_out "Usage: indicate status FILE... [OPTION]..."
expect_out "--fail-on-red"
run "$INDICATE" help status
expect_status 0
expect_out "Usage: indicate status"

# ---- South Lanarkshire: Amber, Amber, Red, Amber, and the project Amber ----
run "$INDICATE" status "$SL"
expect_status 0
expect_out "Statuses at 2023-24 Q2; projects judged as at 2023-12-20."
expect_row "Amber statistical upw.induction_5d 2023-24 Q2"
expect_row "Amber statistical upw.placement_7d 2023-24 Q2"
expect_row "Red statistical scra.timeliness 2023-24 Q2"
expect_row "Amber statistical equipment.recycling_savings 2023-24 Q2"
expect_row "Amber project plan.social_work_it_system revised to 2024-06-30 due 2024-01-31"
expect_out "73.6% (268 of 364) year to date"
expect_out "15.6% short of the target, beyond the 10% tolerance (67.5% or more)"
expect_out "£100,000 pro rata (2 of 4 quarters of £200,000)"
expect_out "151 days' slippage, within the 183-day tolerance"
expect_out "Unpaid work inductions within 5 working days fell from 76% in 2023-24 Q1 to 71% in 2023-24 Q2 (145 of 190 to 123 of 174)"
expect_line "  Amber                              3        1      4   80%"
expect_line "  Red                                1        0      1   20%"
expect_line "  Totals                             4        1      5  100%"

run "$INDICATE" status "$SL" --format json -o "$TMP/sl.json"
expect_status 0
expect_no_out
M='areas[0].measures'
expect_json "$TMP/sl.json" vocabulary improve
expect_json "$TMP/sl.json" 'areas[0].period' "2023-24 Q2"
expect_json "$TMP/sl.json" 'areas[0].as_at' "2023-12-20"
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].status" Amber
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].level" near
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].figure.numerator" 268
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].figure.denominator" 364
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].target.value" 0.75
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].target.as_written" "75%"
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].target.bound" 0.67500000000000004
expect_json "$TMP/sl.json" "$M[id=upw.induction_5d].scope" year-to-date
# 5/273 * 100
expect_json_near "$TMP/sl.json" "$M[id=upw.induction_5d].gap_percent" 1.8315018315018315 1e-12
expect_json "$TMP/sl.json" "$M[id=upw.placement_7d].status" Amber
expect_json "$TMP/sl.json" "$M[id=scra.timeliness].status" Red
expect_sentence "$TMP/sl.json" "$M[id=scra.timeliness].commentary" \
  "SCRA reports within timescale rose from 59% in 2023-24 Q1 to 70% in 2023-24 Q2 (51 of 86 to 37 of 53)"
expect_json "$TMP/sl.json" "$M[id=equipment.recycling_savings].status" Amber
expect_json "$TMP/sl.json" "$M[id=equipment.recycling_savings].target.value" 100000
expect_json "$TMP/sl.json" "$M[id=equipment.recycling_savings].target.pro_rata.part" 2
expect_json "$TMP/sl.json" "$M[id=equipment.recycling_savings].gap" 8252
expect_json "$TMP/sl.json" "$M[id=equipment.recycling_savings].gap_percent" 8.2520000000000007
expect_json "$TMP/sl.json" "$M[id=plan.social_work_it_system].type" project
expect_json "$TMP/sl.json" "$M[id=plan.social_work_it_system].status" Amber
expect_json "$TMP/sl.json" "$M[id=plan.social_work_it_system].slippage_days" 151
expect_json "$TMP/sl.json" "$M[id=plan.social_work_it_system].revised" "2024-06-30"
expect_json "$TMP/sl.json" "$M[id=plan.social_work_it_system].commentary" null
expect_json "$TMP/sl.json" 'areas[0].summary.rows[status=Amber].statistical' 3
expect_json "$TMP/sl.json" 'areas[0].summary.rows[status=Amber].project' 1
expect_json "$TMP/sl.json" 'areas[0].summary.rows[status=Red].percent' 20
expect_json "$TMP/sl.json" 'areas[0].summary.rows[4].levels' '["pending","context"]'
expect_json "$TMP/sl.json" 'areas[0].summary.totals.total' 5

# `run` still reads the dataset with its targets
run "$INDICATE" run "$SL" --format json -o "$TMP/run.json"
expect_status 0

# ---- the 28 measures of the seed's table ----
run "$INDICATE" status "$D/seed-summary-28.json" --no-default-plugins --view summary
expect_status 0
expect_line "  Blue                               0        1      1    4%"
expect_line "  Green                              9        7     16   57%"
expect_line "  Amber                              3        1      4   14%"
expect_line "  Red                                1        0      1    4%"
expect_line "  Report later/Contextual            1        5      6   21%"
expect_line "  Totals                            14       14     28  100%"
run "$INDICATE" status "$D/seed-summary-28.json" --no-default-plugins --format csv --view summary
expect_status 0
expect_out "Synthetic Council,,2023-24 Q2,Report later/Contextual,1,5,6,21"
expect_out "Synthetic Council,,2023-24 Q2,Totals,14,14,28,100"
run "$INDICATE" status "$D/seed-summary-28.json" --no-default-plugins --vocabulary alert --view summary
expect_status 0
expect_line "  Unknown/Data only            1        5      6   21%"
expect_line "  Warning                      3        1      4   14%"

# ---- North Lanarkshire: commentary without targets ----
run "$INDICATE" status "$NL" --format json -o "$TMP/nl.json"
expect_status 0
expect_json "$TMP/nl.json" 'areas[0].period' "2023-24"
expect_json "$TMP/nl.json" "$M[id=asp.referrals].status" Contextual
expect_sentence "$TMP/nl.json" "$M[id=asp.referrals].commentary" \
  "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314)"
expect_sentence "$TMP/nl.json" "$M[id=cp.referrals].commentary" \
  "CP referrals rose 23% compared to 2022-23 (1,895 to 2,326)"
checks=$((checks + 1))
"$JSONQ" "$TMP/nl.json" "$M[id=cp.referrals].commentary" | grep -q "the third consecutive annual increase" ||
  fail "cp.referrals: the run of three rises is not named"
expect_json "$TMP/nl.json" 'areas[0].summary.rows[status=Report later/Contextual].percent' 100
run "$INDICATE" status "$NL" --period 2020-21 --format json -o "$TMP/nl2021.json"
expect_status 0
expect_sentence "$TMP/nl2021.json" "$M[id=cp.referrals].commentary" \
  "CP referrals fell 8% compared to 2019-20 (1,617 to 1,482)"

# ---- formats, views, vocabularies and options ----
run "$INDICATE" status "$SL" --format csv
expect_status 0
expect_out "area,code,type,id,title,status,level,period,scope,value,numerator,denominator,figure,target_value,target,gap,gap_percent,assessment,commentary"
expect_out "South Lanarkshire,S12000029,statistical,scra.timeliness,Percentage of reports submitted to the Children's Reporter within agreed timescales,Red,missed,2023-24 Q2,year-to-date,0.6330935251798561,88,139,"
expect_out "South Lanarkshire,S12000029,project,plan.social_work_it_system,Implement the new Social Work IT system by January 2024,Amber,near,2023-12-20,"
run "$INDICATE" status "$SL" --vocabulary alert --format json -o "$TMP/alert.json"
expect_status 0
expect_json "$TMP/alert.json" vocabulary alert
expect_json "$TMP/alert.json" "$M[id=scra.timeliness].status" Alert
expect_json "$TMP/alert.json" "$M[id=upw.induction_5d].status" Warning
run "$INDICATE" status "$SL" --view measures
expect_status 0
expect_row "Red statistical scra.timeliness"
checks=$((checks + 1)); grep -q "^Summary" "$TMP/out" && fail "--view measures printed the summary"
run "$INDICATE" status "$SL" --decimals 0 --tolerance 1%
expect_status 0
expect_out "74% (268 of 364) year to date"
expect_row "Red statistical upw.induction_5d"
run "$INDICATE" status "$SL" --as-of 2024-08-02 --format json -o "$TMP/late.json"
expect_status 0
expect_json "$TMP/late.json" "$M[id=plan.social_work_it_system].status" Red
expect_json "$TMP/late.json" "$M[id=plan.social_work_it_system].overdue" true
run "$INDICATE" status "$SL" --slippage-days 150 --format json -o "$TMP/strict.json"
expect_status 0
expect_json "$TMP/strict.json" "$M[id=plan.social_work_it_system].status" Red
run "$INDICATE" status "$SL" --period "2023-24 Q1" --format json -o "$TMP/q1.json"
expect_status 0
expect_json "$TMP/q1.json" "$M[id=upw.induction_5d].status" Green
expect_json "$TMP/q1.json" "$M[id=upw.induction_5d].figure.display" "76.3% (145 of 190) year to date"

# --fail-on-red: exit 1 after writing; 0 when nothing is Red
run "$INDICATE" status "$SL" --fail-on-red -o "$TMP/red.txt"
expect_status 1
checks=$((checks + 1)); grep -q "^Summary" "$TMP/red.txt" || fail "--fail-on-red did not write the output"
run "$INDICATE" status "$D/all-met.json" --period "2023-24 Q2" --fail-on-red
expect_status 0
expect_row "Green statistical upw.induction_5d"
expect_row "Blue project plan.done completed 2023-11-15 due 2023-12-31 complete"
# the latest period with a figure ends last: the year 2023-24, so quarterly
# measures are judged at its Q4, which the data do not reach
run "$INDICATE" status "$D/all-met.json" --format json -o "$TMP/met.json"
expect_status 0
expect_json "$TMP/met.json" 'areas[0].period' "2023-24"
expect_json "$TMP/met.json" "$M[id=upw.induction_5d].status" "Report later"
expect_json "$TMP/met.json" "$M[id=upw.induction_5d].period" "2023-24 Q4"

# ---- bad command lines (exit 2) and a period outside the data (exit 9) ----
run "$INDICATE" status
expect_status 2
expect_err "no dataset file given"
run "$INDICATE" status "$SL" --period 2019-21
expect_status 2
expect_err "--period '2019-21' is not a period label"
run "$INDICATE" status "$SL" --as-of 2024-13-01
expect_status 2
expect_err "--as-of '2024-13-01': no such day in the calendar"
run "$INDICATE" status "$SL" --tolerance 5pp
expect_status 2
expect_err "--tolerance '5pp' is not a percent of the target such as 10%"
run "$INDICATE" status "$SL" --vocabulary rag
expect_status 2
expect_err "unknown vocabulary 'rag' (improve or alert)"
run "$INDICATE" status "$SL" --format csv --view all
expect_status 2
expect_err "CSV holds one table: choose --view measures or --view summary"
run "$INDICATE" status "$SL" --slippage-days -1
expect_status 2
run "$INDICATE" status "$SL" --bogus
expect_status 2
expect_err "unknown option '--bogus'"
run "$INDICATE" status "$SL" --period 2019-20
expect_status 9
expect_err "area \"South Lanarkshire\": period 2019-20 is outside the data of every measure"
expect_no_out

# ---- bad targets: one line naming the file and JSON path, and the exit code ----
bad() {  # bad FILE EXIT MESSAGE
  run "$INDICATE" status "$D/$1" -o "$TMP/never.txt"
  expect_status "$2"
  expect_err "indicate: $D/$1: $3"
  expect_no_out
  checks=$((checks + 1))
  [ ! -e "$TMP/never.txt" ] || fail "$1: output written for a bad input"
  [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$1: more than one line on standard error"
}
bad bad-bare-proportion.json 5 '$.targets[0].target: target of proportion upw.induction_5d: the target of a percentage figure is a bare number, which could be a fraction or a percentage: write it as a percentage string such as "75%"'
bad bad-percent-amount.json 5 "\$.targets[0].target: target of count equipment.recycling_savings: a percentage target for a figure that is not a percentage: write the target as a number in the measure's units"
bad bad-no-polarity.json 5 '$.targets[0]: the target on series equipment.recycling_savings needs a "polarity" (higher_is_better, lower_is_better or closer_is_better): no indicator says which way is better'
bad bad-neutral.json 5 '$.targets[0]: indicator asp.referrals is neutral (neither higher nor lower is better), so its target needs a "polarity"'
bad bad-missing-series.json 5 '$.targets[0].series: area "Testshire" has no series equipment.savings for this target'
bad bad-two-targets.json 5 "\$.targets[1]: a second target for measure upw.induction_5d (the first is at $D/bad-two-targets.json: \$.targets[0]); give targets that change by period as one target's \"schedule\""
bad bad-date.json 5 '$.projects[0].due: date "2024-02-30": no such day in the calendar'
bad bad-tolerance.json 5 '$.targets[0].tolerance: tolerance "ten%": not a percentage: expected digits, an optional decimal point, then "%", such as "75%" or "62.5%"'
bad bad-points-amount.json 5 '$.targets[0].tolerance: tolerance for count equipment.recycling_savings: a tolerance in percentage points for a figure that is not a percentage: write it as a percent of the target ("10%") or as a number'
bad bad-pro-rata.json 5 '$.targets[0].scope: pro-rata scales an annual target for a count or amount; upw.induction_5d is a proportion'
bad bad-year-to-date.json 5 '$.targets[0].scope: year-to-date needs a year to date, which lac.total, a snapshot, does not have: only flows over quarters or months have one'
bad bad-schedule.json 5 '$.targets[0].schedule[1].from: period "2023/24" starts on the same day as "2023-24": each step of a schedule needs a period of its own'
bad bad-rules.json 5 '$.status_rules.tolerance: the default tolerance is a percent of the target, such as "10%" (points or amounts suit only some measures: set them on a target)'
bad bad-unknown-key.json 5 '$.targets[0]: unknown key "colour"'
bad unknown-measure.json 9 "\$.targets[0].measure: no measure upw.induction_7d was computed for area \"Testshire\" (is the plug-in that defines it loaded, and does the dataset hold its inputs? see 'indicate list')"

# `run` refuses a malformed target too: the dataset is bad whoever reads it
run "$INDICATE" run "$D/bad-date.json"
expect_status 5
expect_err '$.projects[0].due: date "2024-02-30": no such day in the calendar'

# ---- the SCRA plug-in loads and says what its indicator is ----
"$INDICATE" list --format json >"$TMP/list.json"
expect_json "$TMP/list.json" 'plugins[name=scra].indicators[id=scra.timeliness].kind' proportion
expect_json "$TMP/list.json" 'plugins[name=scra].indicators[id=scra.timeliness].polarity' higher_is_better
expect_json "$TMP/list.json" 'refused' '[]'

finish
