#!/usr/bin/env bash
# `indicate claims-from-text` on excerpts of the seed reports
# (tests/data/claims/*-excerpt.txt, made by make-excerpts.sh): every claim of
# the hand-made lists *-expected.csv (each percentage that states both its
# inputs in its sentence or table row) is found with the right kind and
# inputs (recall), and no paired candidate is outside the list (wrong
# pairings); the output reads back into `verify` without an input error, in
# JSON and CSV alike; positions, notes, options, errors and --help.
. "$SRC/tests/cli/lib.sh"

DATA=$SRC/tests/data/claims

# measure NAME EXCERPT EXPECTED: finds the claims, checks every expected
# row, counts paired candidates not in the list, prints the two figures.
measure() {
  local name=$1 excerpt=$2 expected=$3 out=$TMP/$1.json
  run "$INDICATE" claims-from-text "$excerpt" -o "$out"
  expect_status 0
  expect_no_out
  local found=0 listed=0 id line seed stated kind first second r1 r2
  while IFS=, read -r id line seed stated kind first second; do
    first=${first//\"/}; second=${second//\"/}
    [ "$kind" = share ] && { r1=part; r2=whole; } || { r1=from; r2=to; }
    listed=$((listed + 1))
    if [ "$("$JSONQ" "$out" "claims[id=$id].kind" 2>/dev/null)" = "$kind" ] &&
       [ "$("$JSONQ" "$out" "claims[id=$id].stated")" = "$stated" ] &&
       [ "$("$JSONQ" "$out" "claims[id=$id].$r1")" = "$first" ] &&
       [ "$("$JSONQ" "$out" "claims[id=$id].$r2")" = "$second" ] &&
       [ "$("$JSONQ" "$out" "claims[id=$id].source.line")" = "$line" ]; then
      found=$((found + 1))
    else
      fail "$name: $id ($stated, seed line $seed) not found as $kind of $first and $second"
    fi
  done < <(tail -n +2 "$expected")
  local i=0 paired=0 wrong=0 k
  while k=$("$JSONQ" "$out" "claims[$i].kind" 2>/dev/null); do
    id=$("$JSONQ" "$out" "claims[$i].id")
    if [ "$k" != unpaired ]; then
      paired=$((paired + 1))
      grep -q "^$id," "$expected" || { wrong=$((wrong + 1)); fail "$name: $id paired but not in the list"; }
    fi
    i=$((i + 1))
  done
  echo "$name: found $found of $listed listed claims; $wrong wrong of $paired paired; $i candidates in all"
  checks=$((checks + 2))
  [ "$found" -eq "$listed" ] || fail "$name: recall $found/$listed"
  [ "$wrong" -eq 0 ] || fail "$name: $wrong wrong pairings"
}

measure nl "$DATA/nl-2023-24-excerpt.txt" "$DATA/nl-2023-24-expected.csv"
measure sl "$DATA/sl-2023-24-q2-excerpt.txt" "$DATA/sl-2023-24-q2-expected.csv"

# The hand lists hold what the report says; fixed here so they cannot shrink.
checks=$((checks + 2))
[ "$(tail -n +2 "$DATA/nl-2023-24-expected.csv" | wc -l)" -eq 32 ] || fail "NL list is not 32 rows"
[ "$(tail -n +2 "$DATA/sl-2023-24-q2-expected.csv" | wc -l)" -eq 7 ] || fail "SL list is not 7 rows"

# Sources: the sentence or row, where it is, what was missing.
N=$TMP/nl.json
expect_json "$N" 'document' "$DATA/nl-2023-24-excerpt.txt"
expect_json "$N" 'claims[id=L242.1].source.quote' "Total Emergency Detention consents (101) 203 [102% increase]"
expect_json "$N" 'claims[id=L242.1].source.column' 47
expect_json "$N" 'claims[id=L242.1].source.section' "3.2"
expect_json "$N" 'claims[id=L242.1].subject' "Total Emergency Detention consents"
expect_json "$N" 'claims[id=L242.1].direction' increase
expect_json "$N" 'claims[id=L35.1].note' "the later figure is the one count of the sentence before"
expect_json "$N" 'claims[id=L277.1].kind' unpaired
expect_json "$N" 'claims[id=L277.1].stated' "34%"
expect_json "$N" 'claims[id=L277.1].note' "a percentage whose part and whole are not both stated with it"
expect_json "$N" 'claims[id=L320.1].stated' "125%"
expect_json "$N" 'claims[id=L320.1].kind' unpaired
expect_json "$N" 'claims[id=L306.1].to' seven

# verify reads the output without an input error, and judges it.
run "$INDICATE" verify "$N" --format json -o "$TMP/verdicts.json"
expect_status 1
checks=$((checks + 1))
[ ! -s "$TMP/err" ] || fail "verify complained about the found claims"
expect_json "$TMP/verdicts.json" 'claims[id=L242.1].verdict' absolute_as_percent
expect_json "$TMP/verdicts.json" 'claims[id=L242.1].rewrite' "Total Emergency Detention consents (101) 203 [101% increase]"
expect_json "$TMP/verdicts.json" 'claims[id=L249.1].verdict' base_later
expect_json "$TMP/verdicts.json" 'claims[id=L277.2].verdict' rounding
expect_json "$TMP/verdicts.json" 'claims[id=L306.1].verdict' mismatch
expect_json "$TMP/verdicts.json" 'claims[id=L35.1].verdict' ok
expect_json "$TMP/verdicts.json" 'summary.do_not_hold' 12
expect_json "$TMP/verdicts.json" 'summary.hold' 20

# The same claims as CSV give the same verdicts.
run "$INDICATE" claims-from-text "$DATA/nl-2023-24-excerpt.txt" --format csv --paired-only -o "$TMP/nl.csv"
expect_status 0
checks=$((checks + 1))
head -1 "$TMP/nl.csv" | grep -q $'^id,kind,stated,decimals,direction,from,to,part,whole,count,population,per,a,b,numerator,denominator,parts,subject,note,document,section,quote,line,column\r$' \
  || fail "CSV header: $(head -1 "$TMP/nl.csv")"
checks=$((checks + 1))
[ "$(($(wc -l <"$TMP/nl.csv") - 1))" -eq 32 ] || fail "--paired-only kept $(wc -l <"$TMP/nl.csv") lines"
run "$INDICATE" claims-from-text "$DATA/nl-2023-24-excerpt.txt" --paired-only -o "$TMP/paired.json"
run "$INDICATE" verify "$TMP/nl.csv" --format csv -o "$TMP/from-csv.csv"
expect_status 1
run "$INDICATE" verify "$TMP/paired.json" --format csv -o "$TMP/from-json.csv"
expect_status 1
checks=$((checks + 1))
cmp -s <(sed 's/^[^,]*,//' "$TMP/from-csv.csv") <(sed 's/^[^,]*,//' "$TMP/from-json.csv") \
  || fail "verdicts differ between the JSON and CSV claims files"

# Deterministic, standard input, --document.
run "$INDICATE" claims-from-text "$DATA/nl-2023-24-excerpt.txt" -o "$TMP/again.json"
checks=$((checks + 1))
cmp -s "$N" "$TMP/again.json" || fail "output differs between runs"
run "$INDICATE" claims-from-text - --document "SL Q2 2023/24" --format csv <"$DATA/sl-2023-24-q2-excerpt.txt"
expect_status 0
expect_out "L66.1,share,63%,,,,,88,139,"
expect_out ",SL Q2 2023/24,"

# Errors and the command line.
run "$INDICATE" claims-from-text "$TMP/no-such.txt"
expect_status 3
expect_err "indicate: $TMP/no-such.txt: cannot open: No such file or directory"
expect_no_out
printf 'Rose 9%% (3034 to 3314).\n\0\n' >"$TMP/nul.txt"
run "$INDICATE" claims-from-text "$TMP/nul.txt" -o "$TMP/keep.json"
expect_status 5
expect_err "indicate: $TMP/nul.txt:2: a NUL byte: not a text file"
checks=$((checks + 1))
[ ! -e "$TMP/keep.json" ] || fail "an output was written for a bad input"
run "$INDICATE" claims-from-text
expect_status 2
expect_err "indicate: no text file given"
run "$INDICATE" claims-from-text "$DATA/nl-2023-24-excerpt.txt" "$DATA/sl-2023-24-q2-excerpt.txt"
expect_status 2
expect_err "indicate: one text file at a time (got 2)"
run "$INDICATE" claims-from-text "$DATA/nl-2023-24-excerpt.txt" --format table
expect_status 2
expect_err "indicate: unknown format 'table' (json or csv)"
run "$INDICATE" claims-from-text --help
expect_status 0
expect_out "Usage: indicate claims-from-text FILE [OPTION]..."
expect_out "  5  the input is not text (a NUL byte)"
expect_out "--paired-only"

finish
