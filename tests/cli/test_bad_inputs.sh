#!/usr/bin/env bash
# Every bad input of tests/data/bad/README.md through `indicate run`: the
# documented exit code, the one-line message naming the file and place, and
# an existing output file left exactly as it was (nothing half-written).
. "$SRC/tests/cli/lib.sh"

BAD=$SRC/tests/data/bad
printf 'previous results\n' >"$TMP/keep.json"

check_case() {  # check_case FILE EXIT MESSAGE
  local file=$1 code=$2 message=$3
  run "$INDICATE" run "$BAD/$file" --format json -o "$TMP/keep.json"
  expect_status "$code"
  expect_err "indicate: $BAD/$message"
  expect_no_out
  checks=$((checks + 1))
  [ "$(cat "$TMP/keep.json")" = "previous results" ] || fail "$file: the output file was changed"
  [ -z "$(ls "$TMP" | grep '\.tmp\.')" ] || fail "$file: a temporary file was left behind"
}

# Rows of the README table: | `file` | rule | `STATUS` (exit) | after | `message` |
rows=0
while IFS='|' read -r _ file _ status _ message _; do
  file=$(sed -E 's/^ *`([^`]*)`.*/\1/' <<<"$file")
  code=$(sed -E 's/.*\(([0-9]+)\).*/\1/' <<<"$status")
  message=$(sed -E 's/^ *`(.*)` *$/\1/' <<<"$message")
  check_case "$file" "$code" "$message"
  rows=$((rows + 1))
done < <(grep -E '^\| `[^`]+\.(json|jsonl|csv)`' "$BAD/README.md")
checks=$((checks + 1))
[ "$rows" -ge 30 ] || fail "read only $rows rows of $BAD/README.md"

# A numerator above its denominator shows only when an indicator is
# computed: 2,400 investigations of 2,326 referrals.
run "$INDICATE" run "$SRC/tests/cli/data/numerator-above.json" -o "$TMP/keep.json"
expect_status 5
expect_err "numerator-above.json: \$.series[1].values[1]: investigation 2400 (cp.investigations) is above referral 2326 (cp.referrals) in 2023-24"
checks=$((checks + 1))
[ "$(cat "$TMP/keep.json")" = "previous results" ] || fail "numerator-above: the output file was changed"

# An output that cannot be written: exit 3, and nothing else is touched.
run "$INDICATE" run "$SRC/datasets/north-lanarkshire-2023-24.json" -o "$TMP/no-such-dir/out.json"
expect_status 3
expect_err "$TMP/no-such-dir/out.json"

# Standard input is read as a dataset too.
run "$INDICATE" run - --format json -o "$TMP/stdin.json" <"$SRC/datasets/north-lanarkshire-2023-24.json"
expect_status 0
expect_json "$TMP/stdin.json" 'areas[0].area' "North Lanarkshire"
run "$INDICATE" run - <"$BAD/malformed.json"
expect_status 4
expect_err "indicate: -:4:27: malformed JSON"

finish
