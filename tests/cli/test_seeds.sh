#!/usr/bin/env bash
# The figures the seed reports state, computed by `indicate run` from the
# bundled datasets. Intervals and the trend come from R
# (tests/cli/expected/seed_figures.R); percentages are the reports' own.
. "$SRC/tests/cli/lib.sh"

NL=$SRC/datasets/north-lanarkshire-2023-24.json
SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json
ref() { awk -F, -v c="$1" -v w="$2" '$1 == c && $2 == w { print $3 }' \
  "$SRC/tests/cli/expected/seed_figures.csv"; }

run "$INDICATE" run "$NL" --format json -o "$TMP/nl.json"
expect_status 0
expect_no_out
# The output is an ordinary file (written under a temporary name, renamed):
# its mode follows the umask, as a file made by fopen would.
checks=$((checks + 1))
[ "$(stat -c %a "$TMP/nl.json")" = "$(printf '%o' $((0666 & ~$(umask))))" ] ||
  fail "-o file has mode $(stat -c %a "$TMP/nl.json")"

expect_json "$TMP/nl.json" 'areas[0].aggregate' false
CP='areas[0].indicators[id=cp.conversion].measures'
RI="$CP[id=cp.conversion.referral_to_investigation].periods[period=2023-24]"
expect_json "$TMP/nl.json" "$RI.display" "33.0%"
expect_json "$TMP/nl.json" "$RI.numerator" 768
expect_json "$TMP/nl.json" "$RI.denominator" 2326
expect_json "$TMP/nl.json" "$RI.interval.method" wilson
expect_json_near "$TMP/nl.json" "$RI.interval.lower" "$(ref cp_ref_inv_2023_24 lower)" 1e-12
expect_json_near "$TMP/nl.json" "$RI.interval.upper" "$(ref cp_ref_inv_2023_24 upper)" 1e-12
# 775/1895 = 40.90% to 768/2326 = 33.02%: (768*1895 - 775*2326) / (2326*1895)
# = -0.078790... = -7.9 percentage points (not the -8 the rounded figures suggest)
expect_json "$TMP/nl.json" "$RI.changes[0].display" "-7.9 pp"

CR="$CP[id=cp.conversion.case_conference_to_registration].periods[period=2023-24]"
expect_json "$TMP/nl.json" "$CR.display" "70.5%"
expect_json "$TMP/nl.json" "$CR.numerator" 179
expect_json "$TMP/nl.json" "$CR.denominator" 254
expect_json_near "$TMP/nl.json" "$CR.interval.lower" "$(ref cp_conf_reg_2023_24 lower)" 1e-12

ASP='areas[0].indicators[id=asp.conversion].measures'
AR="$ASP[id=asp.conversion.referral_to_investigatory_inquiry].periods[period=2023-24]"
expect_json "$TMP/nl.json" "$AR.display" "14.4%"
expect_json "$TMP/nl.json" "$AR.numerator" 477
expect_json "$TMP/nl.json" "$AR.denominator" 3314
expect_json_near "$TMP/nl.json" "$AR.interval.upper" "$(ref asp_ref_inq_2023_24 upper)" 1e-12

# ASP referrals 3,034 -> 3,314: +280, +9.2%
REF='areas[0].indicators[id=asp.referrals].measures[0].periods[period=2023-24]'
expect_json "$TMP/nl.json" "$REF.display" "3,314"
expect_json "$TMP/nl.json" "$REF.changes[0].display" "+280"
expect_json "$TMP/nl.json" "$REF.changes[0].percent_display" "+9.2%"

# CP referrals trend 2017-18..2023-24 and its 2024-25 projection (R lm/predict)
TR='areas[0].indicators[id=cp.referrals].measures[0].trend'
expect_json "$TMP/nl.json" "$TR.projection.period" "2024-25"
expect_json_near "$TMP/nl.json" "$TR.slope" "$(ref cp_referrals_trend slope)" 1e-9
expect_json_near "$TMP/nl.json" "$TR.projection.value" "$(ref cp_referrals_trend projection)" 1e-9
expect_json_near "$TMP/nl.json" "$TR.projection.lower" "$(ref cp_referrals_trend lower)" 1e-9
expect_json_near "$TMP/nl.json" "$TR.projection.upper" "$(ref cp_referrals_trend upper)" 1e-9

# The report's table of referrals proceeding to investigation, at 0 decimals.
run "$INDICATE" run "$NL" --format json --decimals 0 -o "$TMP/nl0.json"
expect_status 0
for pair in 2017-18=67% 2018-19=56% 2019-20=49% 2020-21=56% 2021-22=44% 2022-23=41% 2023-24=33%; do
  expect_json "$TMP/nl0.json" "$CP[id=cp.conversion.referral_to_investigation].periods[period=${pair%%=*}].display" "${pair#*=}"
done
# ASP: 14% of referrals to investigatory inquiry, 14% of those to initial case conference
expect_json "$TMP/nl0.json" "$AR.display" "14%"
expect_json "$TMP/nl0.json" "$ASP[id=asp.conversion.investigatory_inquiry_to_initial_case_conference].periods[period=2023-24].display" "14%"

# 99.8% intervals, as Fingertips uses
run "$INDICATE" run "$NL" --format json --level 99.8 -o "$TMP/nl998.json"
expect_status 0
expect_json "$TMP/nl998.json" level 0.998
expect_json_near "$TMP/nl998.json" "$RI.interval.lower" "$(ref cp_ref_inv_2023_24_998 lower)" 1e-12

# South Lanarkshire: CPO unpaid work, 74% (268 of 364) inducted within 5
# working days and 72% (263 of 364) placed within 7 days, year to date at Q2.
run "$INDICATE" run "$SL" --format json --decimals 0 -o "$TMP/sl.json"
expect_status 0
IN='areas[0].indicators[id=upw.induction_5d].measures[0].periods[period=2023-24 Q2].year_to_date'
expect_json "$TMP/sl.json" "$IN.display" "74%"
expect_json "$TMP/sl.json" "$IN.numerator" 268
expect_json "$TMP/sl.json" "$IN.denominator" 364
expect_json_near "$TMP/sl.json" "$IN.interval.lower" "$(ref upw_induction_ytd_q2 lower)" 1e-12
PL='areas[0].indicators[id=upw.placement_7d].measures[0].periods[period=2023-24 Q2]'
expect_json "$TMP/sl.json" "$PL.year_to_date.display" "72%"
expect_json "$TMP/sl.json" "$PL.display" "70%"   # Q2 alone: 121 of 174

# The table and CSV views carry the same figures.
run "$INDICATE" run "$NL"
expect_status 0
expect_out "cp.conversion.referral_to_investigation: Referral to investigation"
expect_out "768 of 2,326"
expect_out "33.0%"
run "$INDICATE" run "$NL" --format csv
expect_status 0
expect_out "area,code,indicator,measure,title,kind,unit,period,row,value"
expect_out "cp.conversion.referral_to_investigation,Referral to investigation,proportion,%,2023-24,observed,"
expect_out ",projection,"

# Two files, one run: both areas, in order.
run "$INDICATE" run "$NL" "$SL" --format json -o "$TMP/both.json"
expect_status 0
expect_json "$TMP/both.json" 'areas[0].area' "North Lanarkshire"
expect_json "$TMP/both.json" 'areas[1].area' "South Lanarkshire"

# Commentary and statuses in run's output. ASP referrals: 3,034 to 3,314 is
# +9.2%, written "9%" as the report writes it; the data hold two years, so no
# run of increases is claimed; the exact rate-ratio test calls it a rise.
expect_json "$TMP/nl.json" "$REF.commentary" \
  "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314), a statistically significant rise."
run "$INDICATE" run "$NL" --indicator asp.referrals
expect_out "commentary"
expect_out "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314)"
# South Lanarkshire's target of 75% for induction, year to date: 268 of 364 =
# 73.6%, 1.8% short of 75%, within the 10% tolerance: Amber.
expect_json "$TMP/sl.json" "${IN%.year_to_date}.status.label" Amber
expect_json "$TMP/sl.json" "${IN%.year_to_date}.status.level" near
run "$INDICATE" run "$SL" --indicator upw.induction_5d --format csv
expect_out ",Amber,"

# --skip leaves analyses out (batch runs that need only some figures): they
# are marked not computed; the trend line and projection remain.
run "$INDICATE" run "$NL" --indicator cp.referrals --skip significance,tests,spc --format json \
  -o "$TMP/skip.json"
expect_status 0
SK='areas[0].indicators[0].measures[0]'
expect_json "$TMP/skip.json" "$SK.periods[period=2023-24].changes[0].significance" null
expect_json "$TMP/skip.json" "$SK.trend_tests.mann_kendall.status" not_computed
expect_json "$TMP/skip.json" "$SK.trend_tests.from" 2017-18
expect_json "$TMP/skip.json" "$SK.trend_tests.to" 2023-24
expect_json "$TMP/skip.json" "$SK.spc.status" not_computed
expect_json_near "$TMP/skip.json" "$SK.trend.projection.value" "$(ref cp_referrals_trend projection)" 1e-9
run "$INDICATE" run "$NL" --skip significance,bogus
expect_status 2
expect_err "--skip takes a comma-separated list of significance, tests and spc, not 'significance,bogus'"

# One indicator only.
run "$INDICATE" run "$NL" --indicator cp.conversion --format json -o "$TMP/one.json"
expect_status 0
expect_json "$TMP/one.json" 'areas[0].indicators[0].id' cp.conversion
"$JSONQ" "$TMP/one.json" 'areas[0].indicators[1]' >/dev/null && fail "more than one indicator"

# The CSV form of the child protection table gives the same conversions.
run "$INDICATE" run "$SRC/datasets/north-lanarkshire-cp.csv" --format json -o "$TMP/csv.json"
expect_status 0
expect_json "$TMP/csv.json" "$RI.display" "33.0%"

finish
