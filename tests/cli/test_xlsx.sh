#!/usr/bin/env bash
# `run --format xlsx` and `status --format xlsx`: the workbook is read back
# (unzip and its XML) for its sheets, frozen header rows, numbers stored as
# numbers with their number formats, periods as text, and the native line
# charts with their series. Figures are worked by hand below.
. "$SRC/tests/cli/lib.sh"

NL=$SRC/datasets/north-lanarkshire-2023-24.json
SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json

command -v unzip >/dev/null || { echo "SKIP: unzip is not installed"; exit 77; }

# part BOOK PATH: one part of the workbook, as text.
part() { unzip -p "$1" "$2"; }

# sheet_file BOOK NAME: the part holding the sheet called NAME (sheets are
# numbered in the order workbook.xml lists them).
sheet_file() {
  local n
  n=$(part "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | grep -nxF "<sheet name=\"$2\"" | cut -d: -f1)
  [ -n "$n" ] && echo "xl/worksheets/sheet$n.xml"
}

# cell BOOK SHEET REF: "value|format code" of a number cell, or
# "text|string" of a text cell.
cell() {
  local f x s v id code
  f=$(sheet_file "$1" "$2") || return 1
  x=$(part "$1" "$f" | grep -o "<c r=\"$3\"[^>]*>[^/]*</v></c>")
  [ -n "$x" ] || return 1
  v=$(sed -n 's/.*<v>\([^<]*\)<\/v>.*/\1/p' <<<"$x")
  if grep -q 't="s"' <<<"$x"; then
    part "$1" xl/sharedStrings.xml | grep -o '<si><t[^>]*>[^<]*</t></si>' | sed -n "$((v + 1))p" |
      sed 's/<[^>]*>//g; s/$/|string/'
    return
  fi
  s=$(sed -n 's/.* s="\([0-9]*\)".*/\1/p' <<<"$x")
  id=$(part "$1" xl/styles.xml | grep -o '<cellXfs.*</cellXfs>' | grep -o '<xf [^>]*>' |
       sed -n "$((${s:-0} + 1))p" | sed 's/.*numFmtId="\([0-9]*\)".*/\1/')
  code=$(part "$1" xl/styles.xml | grep -o "<numFmt numFmtId=\"$id\" formatCode=\"[^\"]*\"" |
         sed 's/.*formatCode="\([^"]*\)"/\1/; s/&quot;/"/g')
  echo "$v|${code:-builtin $id}"
}

expect_cell() {  # expect_cell BOOK SHEET REF "value|format"
  checks=$((checks + 1))
  local got
  got=$(cell "$1" "$2" "$3") || { fail "$2!$3: no such cell in $1"; return; }
  [ "$got" = "$4" ] || fail "$2!$3: expected '$4', got '$got'"
}
expect_cell_near() {  # expect_cell_near BOOK SHEET REF VALUE TOL FORMAT
  checks=$((checks + 1))
  local got
  got=$(cell "$1" "$2" "$3") || { fail "$2!$3: no such cell in $1"; return; }
  awk -v a="${got%%|*}" -v b="$4" -v t="$5" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }' \
    && [ "${got#*|}" = "$6" ] || fail "$2!$3: expected $4 (within $5) as '$6', got '$got'"
}
expect_part_has() {  # expect_part_has BOOK PART TEXT
  checks=$((checks + 1))
  part "$1" "$2" | grep -qF -- "$3" || fail "$2 of $1 lacks: $3"
}

# ---- run: North Lanarkshire --------------------------------------------------------------
B=$TMP/nl.xlsx
run "$INDICATE" run "$NL" --format xlsx -o "$B"
expect_status 0
expect_no_out
checks=$((checks + 1))
[ "$(head -c 2 "$B")" = "PK" ] || fail "$B is not a zip file"
# Sheets: the summary, the statuses, then one per indicator.
expect_part_has "$B" xl/workbook.xml '<sheet name="Summary" sheetId="1"'
expect_part_has "$B" xl/workbook.xml '<sheet name="Statuses" sheetId="2"'
expect_part_has "$B" xl/workbook.xml '<sheet name="cp.conversion"'
expect_part_has "$B" xl/workbook.xml '<sheet name="cp.referrals"'
# Header rows frozen on every sheet.
for f in $(part "$B" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//'); do
  checks=$((checks + 1))
  part "$B" "$(sheet_file "$B" "$f")" | grep -qF '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' \
    || fail "sheet $f: header row not frozen"
done
# cp.referrals: row 2 is 2017-18, so 2023-24 is row 8: 2,326 as a number
# with thousands separators; the change +431 on 1,895 and +22.7%
# (431 / 1,895 = 22.744...%), stored in percent as the tables show it.
expect_cell "$B" cp.referrals E8 "2023-24|string"
expect_cell "$B" cp.referrals G8 "2326|#,##0"
expect_cell "$B" cp.referrals L8 "431|+#,##0;-#,##0;#,##0"
expect_cell_near "$B" cp.referrals M8 22.744063 0.000001 '+0.0"%";-0.0"%";0.0"%"'
# The projection row 9 (2024-25) and the trend's two ends: 2017-18 and 2024-25.
expect_cell "$B" cp.referrals E9 "2024-25|string"
expect_cell "$B" cp.referrals F9 "projected|string"
checks=$((checks + 1)); cell "$B" cp.referrals S2 >/dev/null || fail "no trend start in cp.referrals!S2"
checks=$((checks + 1)); cell "$B" cp.referrals T9 >/dev/null || fail "no projection in cp.referrals!T9"
# cp.conversion: referral to investigation first (rows 2 to 8, then the
# projection in 9): 768 / 2,326 = 0.330180567... shown as 33.0%; 768 and
# 2,326 as whole numbers; the change in percentage points: 33.018% - 40.897%
# (775 / 1,895) = -7.87904 pp.
expect_cell_near "$B" cp.conversion G8 0.3301805675 0.0000000001 "0.0%"
expect_cell "$B" cp.conversion H8 "768|#,##0"
expect_cell "$B" cp.conversion I8 "2326|#,##0"
expect_cell_near "$B" cp.conversion L8 -7.87904 0.00001 '+0.0" pp";-0.0" pp";0.0" pp"'
# The summary: 13 contextual items, 100% (stored 1, shown 100%).
expect_cell "$B" Summary D6 "Report later/Contextual|string"
expect_cell "$B" Summary G6 "13|#,##0"
expect_cell "$B" Summary H6 "1|0%"
# One native line chart per measure (13), each with its series by name.
checks=$((checks + 1))
n=$(unzip -l "$B" | grep -c 'xl/charts/chart[0-9]*\.xml')
[ "$n" -eq 13 ] || fail "expected 13 charts, found $n"
C=$(for c in $(unzip -l "$B" | grep -o 'xl/charts/chart[0-9]*\.xml'); do
      part "$B" "$c" | grep -q 'cp.referrals!\$G\$2:\$G\$9' && echo "$c"; done)
checks=$((checks + 1)); [ -n "$C" ] || fail "no chart plots cp.referrals!G2:G9"
expect_part_has "$B" "$C" '<c:lineChart>'
expect_part_has "$B" "$C" '<c:v>Figure</c:v>'
expect_part_has "$B" "$C" '<c:v>Straight-line trend</c:v>'
expect_part_has "$B" "$C" '<c:v>Projection</c:v>'
expect_part_has "$B" "$C" '<c:f>cp.referrals!$E$2:$E$9</c:f>'
expect_part_has "$B" "$C" '<c:dispBlanksAs val="span"/>'

# ---- status: South Lanarkshire ---------------------------------------------------------
B=$TMP/sl.xlsx
run "$INDICATE" status "$SL" --format xlsx -o "$B"
expect_status 0
expect_part_has "$B" xl/workbook.xml '<sheet name="scra.timeliness"'
expect_part_has "$B" xl/workbook.xml '<sheet name="equipment.recycling_savings"'
# Statuses row 2: SCRA, Red, 88 / 139 = 0.633093525... year to date
# against 0.75, both as percentages.
expect_cell "$B" Statuses C2 "Red|string"
expect_cell_near "$B" Statuses H2 0.6330935252 0.0000000001 "0.0%"
expect_cell "$B" Statuses J2 "0.75|0.0%"
# The summary as the report's section 5.2 counts these: Amber 3 + 1 = 4,
# 80%; Red 1, 20%.
expect_cell "$B" Summary D4 "Amber|string"
expect_cell "$B" Summary G4 "4|#,##0"
expect_cell "$B" Summary H4 "0.8|0%"
expect_cell "$B" Summary H5 "0.2|0%"
# The savings in pounds: £48,221 in Q2 and the target line per period.
expect_cell "$B" equipment.recycling_savings G3 '48221|"£"#,##0'
C=$(for c in $(unzip -l "$B" | grep -o 'xl/charts/chart[0-9]*\.xml'); do
      part "$B" "$c" | grep -q 'scra.timeliness!\$G\$2' && echo "$c"; done)
checks=$((checks + 1)); [ -n "$C" ] || fail "no chart of scra.timeliness"
expect_part_has "$B" "$C" '<c:v>Target</c:v>'
expect_part_has "$B" "$C" '<c:numFmt formatCode="0.0%" sourceLinked="0"/>'

# ---- usage and failures -------------------------------------------------------------------
run "$INDICATE" run "$NL" --format xls
expect_status 2
expect_err "unknown format 'xls' (table, json, csv, md or xlsx)"
run "$INDICATE" run "$NL" --format xlsx -o "$TMP/none/x.xlsx"
expect_status 3
expect_err "$TMP/none/x.xlsx: cannot create a temporary file next to it"
checks=$((checks + 1)); [ ! -e "$TMP/none/x.xlsx" ] || fail "a failed write left a file"
run "$INDICATE" run "$TMP/missing.json" --format xlsx -o "$TMP/m.xlsx"
expect_status 3
checks=$((checks + 1)); [ ! -e "$TMP/m.xlsx" ] || fail "a failed run left $TMP/m.xlsx"
checks=$((checks + 1)); ! ls "$TMP"/*.tmp.* >/dev/null 2>&1 || fail "temporary files left behind"
# To standard output when it is not a terminal.
"$INDICATE" run "$SL" --format xlsx >"$TMP/stdout.xlsx"
checks=$((checks + 1))
unzip -tq "$TMP/stdout.xlsx" >/dev/null || fail "the workbook written to standard output is not a valid zip"

finish
