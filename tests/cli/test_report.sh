#!/usr/bin/env bash
# `indicate report`: the HTML page from both seed datasets holds the charts,
# tables, figures and statuses expected (figures worked by hand below), is
# self-contained (no script, no stylesheet or image fetched), escapes every
# string from the input, is the same bytes on every run, and every bad
# command line or input gives one line and its exit code with nothing
# written. The page in a browser is tests/cli/test_report_browser.sh.
. "$SRC/tests/cli/lib.sh"

NL=$SRC/datasets/north-lanarkshire-2023-24.json
SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json
H=$SRC/tests/data/report/hostile.json

# expect_file_has FILE TEXT / expect_file_lacks FILE TEXT
expect_file_has() {
  checks=$((checks + 1))
  grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}
expect_file_lacks() {
  checks=$((checks + 1))
  ! grep -qF -- "$2" "$1" || fail "$1 should not hold: $2"
}
# expect_count FILE TEXT N: TEXT occurs N times in FILE.
expect_count() {
  checks=$((checks + 1))
  local got
  got=$(grep -oF -- "$2" "$1" | wc -l)
  [ "$got" -eq "$3" ] || fail "$1: expected $3 of '$2', found $got"
}

# ---- help and usage ---------------------------------------------------------------
run "$INDICATE" report --help
expect_status 0
expect_out "Usage: indicate report FILE... [OPTION]..."
expect_out "--series ID"
expect_out "Exit status:"

run "$INDICATE" report
expect_status 2
expect_err "indicate: no dataset file given"

run "$INDICATE" report "$NL" --bogus
expect_status 2
expect_err "unknown option '--bogus'"

run "$INDICATE" report "$SL" --period 2023-24Q9
expect_status 2
expect_err "--period '2023-24Q9' is not a period label"

run "$INDICATE" report "$SL" --decimals 9
expect_status 2
expect_err "--decimals takes a whole number from 0 to 6, not '9'"

run "$INDICATE" report "$SL" --vocabulary traffic
expect_status 2
expect_err "unknown vocabulary 'traffic' (improve or alert)"

# ---- bad inputs: one line, its exit code, nothing written ---------------------------
run "$INDICATE" report "$TMP/absent.json" -o "$TMP/r.html"
expect_status 3
expect_err "$TMP/absent.json"
checks=$((checks + 1)); [ ! -e "$TMP/r.html" ] || fail "a failed report left $TMP/r.html"

run "$INDICATE" report - -o "$TMP/r.html" <"$SRC/tests/data/bad/malformed.json"
expect_status 4
expect_err "indicate: -:4:27: malformed JSON"
checks=$((checks + 1)); [ ! -e "$TMP/r.html" ] || fail "a failed report left $TMP/r.html"

run "$INDICATE" report "$NL" --series 'nothing.here*' -o "$TMP/r.html"
expect_status 9
expect_err "indicate: $NL: no series matches --series nothing.here*"
checks=$((checks + 1)); [ ! -e "$TMP/r.html" ] || fail "a failed report left $TMP/r.html"

run "$INDICATE" report "$NL" --indicator no.such
expect_status 7
expect_err "indicator no.such: no loaded plug-in defines it"

run "$INDICATE" report "$NL" -o "$TMP/no/such/dir/r.html"
expect_status 3
expect_err "$TMP/no/such/dir/r.html: cannot create a temporary file next to it"
checks=$((checks + 1)); [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "expected one line of error"

# ---- North Lanarkshire ---------------------------------------------------------------
run "$INDICATE" report "$NL" -o "$TMP/nl.html"
expect_status 0
expect_no_out
F=$TMP/nl.html
expect_file_has "$F" "<title>North Lanarkshire: performance report</title>"
# 13 measures (4 ASP, 5 CP, 4 unpaid work), each with a value: 13 charts.
expect_count "$F" '<svg class="chart"' 13
expect_count "$F" '<article class="measure"' 13
# Every chart has its title and description, and the tables header cells.
expect_count "$F" '-chart-title">' 13
expect_count "$F" '-chart-desc">' 13
expect_file_has "$F" '<th scope="col">Period</th>'
expect_file_has "$F" '<th scope="row">2023-24</th>'
# CP referrals: 1,895 to 2,326 is +431 and 431 / 1,895 = +22.7%.
expect_file_has "$F" 'data-measure="cp.referrals"'
expect_file_has "$F" '<td class="num">2,326</td><td class="num"></td><td class="num">+431</td><td class="num">+22.7%</td>'
# Referral to investigation: 768 / 2,326 = 33.0%; 775 / 1,895 = 40.9%, so
# the change is -7.9 percentage points and -19.3%.
expect_file_has "$F" '<td class="num">33.0%</td><td class="num">768 of 2,326</td>'
expect_file_has "$F" '<td class="num">-7.9 pp</td><td class="num">-19.3%</td>'
# The projection row, the trend line, the prediction band, the SPC limits
# and CP referrals' special cause (2,326 above its upper limit).
expect_file_has "$F" '<th scope="row">2024-25 (projected)</th>'
expect_file_has "$F" 'class="trend"'
expect_file_has "$F" 'class="prediction-band"'
expect_file_has "$F" 'class="spc-limit"'
expect_file_has "$F" 'class="special neutral"'
expect_file_has "$F" 'special cause (neither better nor worse, high): outside'
# ASP conversion starts after a break in its inputs: the break is drawn.
expect_file_has "$F" '<g class="break">'
# No target in the dataset: 13 items, all Report later/Contextual, 100%.
expect_file_has "$F" 'Report later/Contextual</span></th><td class="num">13</td><td class="num">0</td><td class="num">13</td><td class="num">100%</td>'
# Counts start at 0; --fit-axis lets them fit the data.
expect_file_has "$F" 'text-anchor="end">0</text>'

# Raw series asked for: seven guardianship series, each charted.
run "$INDICATE" report "$NL" --series 'mho.guardianship_*' -o "$TMP/nl2.html"
expect_status 0
expect_count "$TMP/nl2.html" '<svg class="chart"' 20
expect_file_has "$TMP/nl2.html" 'data-measure="mho.guardianship_private_new"'
# 150 to 248 new private orders: +98, 98 / 150 = +65.3%.
expect_file_has "$TMP/nl2.html" '<td class="num">248</td><td class="num">+98</td><td class="num">+65.3%</td>'

# ---- South Lanarkshire -----------------------------------------------------------------
run "$INDICATE" report "$SL" -o "$TMP/sl.html"
expect_status 0
F=$TMP/sl.html
# The summary table as section 5.2 of the report prints it for these
# measures: 3 statistical and 1 project Amber (4 of 5 = 80%), 1 Red (20%).
expect_file_has "$F" 'Amber</span></th><td class="num">3</td><td class="num">1</td><td class="num">4</td><td class="num">80%</td>'
expect_file_has "$F" 'Red</span></th><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">20%</td>'
expect_file_has "$F" '<td class="num">4</td><td class="num">1</td><td class="num">5</td><td class="num">100%</td>'
# SCRA: 88 of 139 year to date is 63.3% against 75%: Red, with its word
# and shape, on the chart too, with the target line and its value.
expect_file_has "$F" '63.3% (88 of 139) year to date'
expect_file_has "$F" '<g class="status-mark">'
expect_file_has "$F" 'class="target"'
expect_file_has "$F" '>Target 75%</text>'
expect_file_has "$F" 'Status at 2023-24 Q2: Red'
# The savings series target is charted from its own analysis: 43,527 and
# 48,221 by quarter, 91,748 year to date against 100,000 pro rata.
expect_file_has "$F" 'data-measure="equipment.recycling_savings"'
expect_file_has "$F" '£91,748'
expect_file_has "$F" '£100,000 pro rata (2 of 4 quarters of £200,000)'
# Status is never colour alone: every badge has its word.
expect_file_has "$F" '<span class="status s-missed">'
expect_file_has "$F" '</svg>Red</span>'
expect_file_has "$F" '</svg>Amber</span>'
run "$INDICATE" report "$SL" --vocabulary alert -o "$TMP/sl-alert.html"
expect_status 0
expect_file_has "$TMP/sl-alert.html" '</svg>Alert</span>'

# ---- self-contained and the same every time --------------------------------------------
for f in "$TMP/nl.html" "$TMP/sl.html" "$TMP/nl2.html"; do
  expect_file_lacks "$f" "<script"
  expect_file_lacks "$f" "<link"
  expect_file_lacks "$f" "<img"
  expect_file_lacks "$f" "@import"
  expect_file_lacks "$f" "url(http"
  expect_file_lacks "$f" 'src="'
  # The only address is the SVG namespace, which is never fetched.
  checks=$((checks + 1))
  ! grep -o 'https\?://[^" ]*' "$f" | grep -qv '^http://www.w3.org/2000/svg$' \
    || fail "$f refers to an address other than the SVG namespace"
done
"$INDICATE" report "$NL" > "$TMP/again.html"
checks=$((checks + 1)); cmp -s "$TMP/nl.html" "$TMP/again.html" || fail "two runs differ"

# ---- every string from the input is escaped ------------------------------------------------
run "$INDICATE" report "$H" --series misc.pipes -o "$TMP/h.html"
expect_status 0
F=$TMP/h.html
expect_file_lacks "$F" "<script"
expect_file_lacks "$F" "<img"
expect_file_lacks "$F" "<b>"
expect_file_lacks "$F" "<i>"
expect_file_has "$F" '&lt;script&gt;alert(1)&lt;/script&gt; | &quot;Co&quot; &amp; Sons'
expect_file_has "$F" '&lt;img src=x onerror=alert(2)&gt;'
expect_file_has "$F" '@SUM(A1) &lt;i&gt;referrals&lt;/i&gt; | kept down'
expect_file_has "$F" '+cmd|&#39; /C calc&#39;!A0 &lt;script&gt;alert(3)&lt;/script&gt;'
expect_file_has "$F" '-2+3 &lt;b&gt;not bold&lt;/b&gt;'
# The target of 2,000 on CP referrals (lower is better): 2,326 is 16.3%
# above it, beyond the 10% tolerance: Red.
expect_file_has "$F" '16.3% above the target, beyond the 10% tolerance (2,200 or less)'

finish
