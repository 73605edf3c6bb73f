#!/usr/bin/env bash
# CSV that is safe to open in a spreadsheet: text cells beginning with =,
# +, -, @, a tab or a carriage return get a leading apostrophe (inside the
# quotes), numbers stay bare numbers, and --bom starts the file with the
# UTF-8 byte order mark. The run, status and verdict CSVs are checked.
. "$SRC/tests/cli/lib.sh"

H=$SRC/tests/data/report/hostile.json
SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json

# field FILE LINE COLUMN: one CSV field as written (quotes kept), split by a
# small RFC 4180 reader (any POSIX awk).
field() {
  awk -v l="$2" -v c="$3" '
    NR == l {
      sub(/\r$/, ""); n = 1; f = ""; q = 0
      for (i = 1; i <= length($0); i++) {
        ch = substr($0, i, 1)
        if (q) {
          if (ch == "\"" && substr($0, i + 1, 1) == "\"") { f = f "\"\""; i++ }
          else { if (ch == "\"") q = 0; f = f ch }
        } else if (ch == "\"") { q = 1; f = f ch }
        else if (ch == ",") { if (n == c) break; n++; f = "" }
        else f = f ch
      }
      print f; exit
    }' "$1"
}
expect_field() {  # expect_field FILE LINE COLUMN TEXT
  checks=$((checks + 1))
  local got
  got=$(field "$1" "$2" "$3")
  [ "$got" = "$4" ] || fail "$1 line $2 field $3: expected [$4], got [$got]"
}

run "$INDICATE" run "$H" --format csv
expect_status 0
cp "$TMP/out" "$TMP/run.csv"
# The area begins with = (a formula): neutralised, its quotes doubled.
expect_field "$TMP/run.csv" 2 1 "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\") <script>alert(1)</script> | \"\"Co\"\" & Sons\""
# CP referrals in 2020-21 fell by 135 (1,617 to 1,482): the change column
# holds the bare number -135, and -8.3488...% (135 / 1,617) as a number.
line=$(grep -n ',cp.referrals,.*,2020-21,observed,' "$TMP/run.csv" | cut -d: -f1)
expect_field "$TMP/run.csv" "$line" 10 "1482"
expect_field "$TMP/run.csv" "$line" 15 "-135"
checks=$((checks + 1))
awk -v x="$(field "$TMP/run.csv" "$line" 16)" 'BEGIN { exit !(x + 8.3488 < 0.0001 && x + 8.3488 > -0.0001) }' \
  || fail "change_percent is not the number -8.3488: $(field "$TMP/run.csv" "$line" 16)"
checks=$((checks + 1)); [ "$(head -c 3 "$TMP/run.csv" | od -An -tx1 | tr -d ' \n')" != "efbbbf" ] \
  || fail "a BOM without --bom"

run "$INDICATE" run "$H" --format csv --bom -o "$TMP/bom.csv"
expect_status 0
checks=$((checks + 1))
[ "$(head -c 3 "$TMP/bom.csv" | od -An -tx1 | tr -d ' \n')" = "efbbbf" ] || fail "no BOM with --bom"
checks=$((checks + 1))
[ "$(tail -c +4 "$TMP/bom.csv" | cmp - "$TMP/run.csv" && echo same)" = same ] \
  || fail "--bom changed more than the first three bytes"

run "$INDICATE" run "$H" --format json --bom
expect_status 2
expect_err "--bom applies to --format csv only"

# status: the target's title begins with @, the project's with +.
run "$INDICATE" status "$H" --format csv --view measures --bom
expect_status 0
cp "$TMP/out" "$TMP/status.csv"
checks=$((checks + 1))
[ "$(head -c 3 "$TMP/status.csv" | od -An -tx1 | tr -d ' \n')" = "efbbbf" ] || fail "status: no BOM"
checks=$((checks + 1)); grep -qF "\"'@SUM(A1) <i>referrals</i> | kept down\"" "$TMP/status.csv" \
  || fail "status: the @ title is not neutralised"
checks=$((checks + 1)); grep -qF "\"'+cmd|' /C calc'!A0 <script>alert(3)</script>\"" "$TMP/status.csv" \
  || fail "status: the + title is not neutralised"
# The gap of CP referrals, 2,326 - 2,000 = 326, stays a bare number.
checks=$((checks + 1)); grep -q ',326,16\.3' "$TMP/status.csv" || fail "status: the gap is not the number 326"

# South Lanarkshire has nothing to guard: the guard changes no ordinary cell.
run "$INDICATE" status "$SL" --format csv --view measures
expect_status 0
checks=$((checks + 1)); ! grep -qF "\"'" "$TMP/out" || fail "an ordinary cell was guarded"

finish
