#!/usr/bin/env bash
# `indicate verify`: the verdict, readings and correct figure of every claim
# in datasets/claims/ against the hand-worked table of
# datasets/claims/README.md; exit codes 0 and 1 (and --allow-rounding);
# the three output formats and their determinism; standard input; every bad
# claims file of tests/data/claims/bad/README.md (exit code, the whole
# message, nothing written); usage errors and --help.
. "$SRC/tests/cli/lib.sh"

NL=$SRC/datasets/claims/north-lanarkshire-2023-24.claims.json
SL=$SRC/datasets/claims/south-lanarkshire-2023-24-q2.claims.csv
BAD=$SRC/tests/data/claims/bad

# ---- the seed claims: both files, one JSON report ----
run "$INDICATE" verify "$NL" "$SL" --format json -o "$TMP/seeds.json"
expect_status 1
expect_no_out
checks=$((checks + 1))
[ ! -s "$TMP/err" ] || fail "verify wrote to standard error"

# Rows of the README table: | `id` | stated | verdict | readings | correct | by hand |
rows=0
while IFS='|' read -r _ id stated verdict readings correct _; do
  id=$(sed -E 's/^ *`([^`]*)`.*/\1/' <<<"$id")
  trim() { sed -E 's/^ +//; s/ +$//' <<<"$1"; }
  stated=$(trim "$stated"); verdict=$(trim "$verdict"); readings=$(trim "$readings")
  correct=$(trim "$correct")
  C="claims[id=$id]"
  expect_json "$TMP/seeds.json" "$C.stated" "$stated"
  expect_json "$TMP/seeds.json" "$C.verdict" "$verdict"
  expect_json "$TMP/seeds.json" "$C.correct" "$correct"
  got=$("$JSONQ" "$TMP/seeds.json" "$C.readings" | grep -oE '"(reading|slip)":"[a-z_]+"' |
        sed -E 's/"reading":"([a-z_]+)"/;\1/; s/"slip":"([a-z_]+)"/:\1/' | tr -d '\n' | sed 's/^;//')
  checks=$((checks + 1))
  [ "$got" = "$readings" ] || fail "$id: readings '$got', expected '$readings'"
  rows=$((rows + 1))
done < <(grep -E '^\| `(nl|sl)-' "$SRC/datasets/claims/README.md")
checks=$((checks + 1))
[ "$rows" -eq 72 ] || fail "read $rows rows of datasets/claims/README.md, expected 72"
expect_json "$TMP/seeds.json" 'summary.claims' 72
expect_json "$TMP/seeds.json" 'summary.hold' 49
expect_json "$TMP/seeds.json" 'summary.do_not_hold' 23
expect_json "$TMP/seeds.json" 'summary.all_hold' false

# What a reader sees for the seed's instructive cases.
E='claims[id=nl-3.2-table-edc-consents]'
expect_json "$TMP/seeds.json" "$E.rewrite" "Total Emergency Detention consents (101) 203 [101% increase]"
expect_json "$TMP/seeds.json" "$E.fraction" "102/101"
expect_json "$TMP/seeds.json" "$E.working" "(203 - 101) / 101 = 102/101 = 100.99%"
expect_json "$TMP/seeds.json" "$E.readings[0].working" "|203 - 101| = 102"
expect_json "$TMP/seeds.json" "$E.source.section" "3.2"
expect_json "$TMP/seeds.json" "$E.source.document" \
  "North Lanarkshire Council, Annual Report of the Chief Social Work Officer 2023/24 (appendix 1 to the report to the Education, Children and Families Committee of 19/11/24)"
R='claims[id=nl-3.5.1-asp-care-homes]'
expect_json "$TMP/seeds.json" "$R.readings[0].working" "20.47% -> 20.5% -> 21%"
expect_json "$TMP/seeds.json" "$R.rewrite" "a 20% increase on the previous year from 933 to 1,124"
Y='claims[id=nl-2.4.5-youth-bridges-q4]'
expect_json "$TMP/seeds.json" "$Y.rewrite" "Youth Bridges young people supported, Q4 (01/01/24-31/03/24): 7 + 13 + 2 = 22"
expect_json "$TMP/seeds.json" "$Y.correct_value" 22
P='claims[id=nl-3.5.1-protection-orders]'
expect_json "$TMP/seeds.json" "$P.rewrite" "The use of protection orders fell 53% compared to last year (15 to seven)."
expect_json "$TMP/seeds.json" "$P.judged_on_magnitude" false
expect_json "$TMP/seeds.json" "$P.inputs.to" seven
expect_json "$TMP/seeds.json" 'claims[id=sl-5.4-scra-q1].file' "$SL"

# ---- exit codes ----
cat >"$TMP/holds.csv" <<'EOF'
id,kind,stated,from,to,part,whole,parts
a,percent_change,9%,3034,3314,,,
b,share,33%,,,768,"2,326",
c,sum,"2,480",,,,,"360 + 1,957 + 152 + 11"
EOF
run "$INDICATE" verify "$TMP/holds.csv"
expect_status 0
expect_out "3 claims: 3 hold, 0 do not."
cat >"$TMP/rounding.json" <<'EOF'
{"claims": [{"id": "cp", "kind": "percent_change", "stated": "125%", "from": "1,030", "to": "2,326"},
            {"id": "later", "kind": "unpaired", "stated": "44%", "note": "inputs elsewhere"}]}
EOF
run "$INDICATE" verify "$TMP/rounding.json"
expect_status 1
expect_out "  rounding            cp: 125%, correct 126%"
expect_out "2 claims: 0 hold, 1 does not (rounding 1), 1 not checked (unpaired)."
run "$INDICATE" verify "$TMP/rounding.json" --allow-rounding --format json -o "$TMP/allowed.json"
expect_status 0
expect_json "$TMP/allowed.json" 'claims[id=cp].holds' true
expect_json "$TMP/allowed.json" 'claims[id=cp].verdict' rounding
expect_json "$TMP/allowed.json" 'claims[id=later].verdict' unchecked
expect_json "$TMP/allowed.json" 'summary.unchecked' 1

# ---- formats: the same verdicts, byte-identical on a second run ----
run "$INDICATE" verify "$NL" --format csv -o "$TMP/nl.csv"
expect_status 1
checks=$((checks + 1))
head -1 "$TMP/nl.csv" | grep -q $'^file,id,kind,verdict,holds,stated,correct,correct_value,fraction,readings,working,explanation,rewrite,document,section,quote,line,column\r$' \
  || fail "CSV header: $(head -1 "$TMP/nl.csv")"
checks=$((checks + 1))
[ "$(($(wc -l <"$TMP/nl.csv") - 1))" -eq 52 ] || fail "CSV rows: $(wc -l <"$TMP/nl.csv")"
checks=$((checks + 1))
grep -qF ',nl-3.2-table-std-consents,percent_change,rounding,false,4.4%,4.5%,' "$TMP/nl.csv" \
  || fail "CSV lacks the 4.4% row"
checks=$((checks + 1))   # a quote with a comma is quoted, RFC 4180
grep -qF '"Over the period, North Lanarkshire received 3,314 ASP referrals, an increase of 9%, compared to 2022-23 (3034 to 3314)."' "$TMP/nl.csv" \
  || fail "CSV quoting"
run "$INDICATE" verify "$NL" --format csv -o "$TMP/nl2.csv"
checks=$((checks + 1))
cmp -s "$TMP/nl.csv" "$TMP/nl2.csv" || fail "CSV output differs between runs"
run "$INDICATE" verify "$NL" "$SL" --format json -o "$TMP/seeds2.json"
checks=$((checks + 1))
cmp -s "$TMP/seeds.json" "$TMP/seeds2.json" || fail "JSON output differs between runs"
run "$INDICATE" verify "$NL"
expect_status 1
expect_out "$NL: 52 claims"
expect_out "  sum_parts           nl-2.4.5-youth-bridges-q2: 43, correct 41"
expect_out "    rewrite: Total Emergency Detention consents (101) 203 [101% increase]"
expect_out "52 claims: 31 hold, 21 do not (rounding 6, base_later 2, percent_difference 7, absolute_as_percent 2, sum_parts 3, mismatch 1)."

# ---- standard input, and the format forced ----
run "$INDICATE" verify - --format json -o "$TMP/stdin.json" <"$SL"
expect_status 1
expect_json "$TMP/stdin.json" 'claims[id=sl-5.4-induction-q1].verdict' rounding
cp "$SL" "$TMP/claims.txt"
run "$INDICATE" verify "$TMP/claims.txt" --input-format csv
expect_status 1
run "$INDICATE" verify "$TMP/claims.txt" --input-format json
expect_status 4
expect_err "indicate: $TMP/claims.txt:1:1: malformed JSON"

# ---- bad claims files: exit code, message, nothing written ----
printf 'previous verdicts\n' >"$TMP/keep.json"
rows=0
while IFS='|' read -r _ file _ code message _; do
  file=$(sed -E 's/^ *`([^`]*)`.*/\1/' <<<"$file")
  code=$(tr -d ' ' <<<"$code")
  message=$(sed -E 's/^ *`(.*)` *$/\1/' <<<"$message")
  run "$INDICATE" verify "$BAD/$file" --format json -o "$TMP/keep.json"
  expect_status "$code"
  expect_err "indicate: $BAD/$message"
  expect_no_out
  checks=$((checks + 1))
  [ "$(cat "$TMP/keep.json")" = "previous verdicts" ] || fail "$file: the output file was changed"
  checks=$((checks + 1))
  [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$file: more than one line on standard error"
  rows=$((rows + 1))
done < <(grep -E '^\| `[^`]+\.(json|csv)`' "$BAD/README.md")
checks=$((checks + 1))
[ "$rows" -ge 40 ] || fail "read only $rows rows of $BAD/README.md"
checks=$((checks + 1))
[ -z "$(ls "$TMP" | grep '\.tmp\.')" ] || fail "a temporary file was left behind"

# A bad file after a good one: nothing is written.
run "$INDICATE" verify "$SL" "$BAD/unknown-kind.json" -o "$TMP/keep.json"
expect_status 5
checks=$((checks + 1))
[ "$(cat "$TMP/keep.json")" = "previous verdicts" ] || fail "the output file was changed"
# An output that cannot be written.
run "$INDICATE" verify "$SL" -o "$TMP/no-such-dir/out.json"
expect_status 3
expect_err "$TMP/no-such-dir/out.json"

# ---- the command line ----
run "$INDICATE" verify --help
expect_status 0
expect_out "Usage: indicate verify CLAIMS... [OPTION]..."
expect_out "  1  at least one claim does not hold"
expect_out "  5  a claims file breaks a rule of the claims format"
expect_out "--allow-rounding"
run "$INDICATE" help verify
expect_status 0
expect_out "Usage: indicate verify"
run "$INDICATE" verify
expect_status 2
expect_err "indicate: no claims file given"
expect_err "Try 'indicate verify --help'."
run "$INDICATE" verify "$SL" --format xml
expect_status 2
expect_err "indicate: unknown format 'xml' (table, json or csv)"
run "$INDICATE" verify "$SL" --input-format yaml
expect_status 2
expect_err "indicate: unknown input format 'yaml' (json or csv)"
run "$INDICATE" verify "$SL" --frobnicate
expect_status 2
expect_err "indicate: unknown option '--frobnicate'"
run "$INDICATE" verify "$SL" -o
expect_status 2
expect_err "indicate: option '-o' needs a value"

finish
