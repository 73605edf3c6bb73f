#!/usr/bin/env bash
# Plug-ins through the command: what `list` shows, refusals reported with the
# file, stage and reason while the rest still load, discovery order, options,
# and the exit codes when an indicator asked for is missing or fails.
. "$SRC/tests/cli/lib.sh"

TP=$BUILD/tests/testplugins
NL=$SRC/datasets/north-lanarkshire-2023-24.json

run "$INDICATE" list
expect_status 0
expect_out "cp 1.0.0 (ABI 1.0, GPL-3.0-or-later)"
expect_out "asp 1.0.0 (ABI 1.0, GPL-3.0-or-later)"
expect_out "unpaid_work 1.0.0 (ABI 1.0, GPL-3.0-or-later)"
expect_out "$BUILD/plugins/cp.so"
expect_out "cp.conversion: Child protection conversion"
expect_out "inputs: cp.referrals, cp.investigations, cp.case_conferences, cp.registrations"
expect_out "stages: referral, investigation, case conference, registration"
expect_out "upw.induction_5d"

"$INDICATE" list --format json >"$TMP/list.json"
expect_json "$TMP/list.json" 'plugins[name=cp].abi' "1.0"
expect_json "$TMP/list.json" 'plugins[name=asp].indicators[id=asp.conversion].kind' funnel
expect_json "$TMP/list.json" 'plugins[name=unpaid_work].indicators[id=upw.delivery_ratio].polarity' higher_is_better
expect_json "$TMP/list.json" 'refused' '[]'

# A plug-in built for another ABI is refused naming its file and both
# versions; the bundled plug-ins still load and the listing succeeds.
run "$INDICATE" list --plugin "$TP/abi_major.so"
expect_status 0
expect_err "plug-in $TP/abi_major.so refused at ABI: built for ABI 2.0, this indicate speaks ABI 1.0"
expect_err "hint: rebuild the plug-in"
expect_out "cp 1.0.0"

"$INDICATE" list --plugin "$TP/abi_minor.so" --format json >"$TMP/refused.json" 2>/dev/null
expect_json "$TMP/refused.json" 'refused[0].stage' ABI
expect_json "$TMP/refused.json" 'refused[0].file' "$TP/abi_minor.so"

# Each refusal stage, by the command.
for case in "bad.so:open" "no_entry.so:not a plug-in" "fingerprint.so:ABI" \
            "desc_funnel_stages.so:descriptor" "init_fails.so:init"; do
  run "$INDICATE" list --no-default-plugins --plugin "$TP/${case%%:*}"
  expect_status 0
  expect_err "plug-in $TP/${case%%:*} refused at ${case#*:}:"
done

# Duplicate indicator ids: the second file is refused naming both.
run "$INDICATE" list --no-default-plugins --plugin "$TP/dup_id_first.so" --plugin "$TP/dup_id_second.so"
expect_status 0
expect_err "$TP/dup_id_second.so refused at duplicate"
expect_err "$TP/dup_id_first.so"

# A refused plug-in whose indicator is asked for: the run fails with 7.
run "$INDICATE" run "$NL" --plugin "$TP/abi_major.so" --indicator abi.major
expect_status 7
expect_err "indicator abi.major: no loaded plug-in defines it"
run "$INDICATE" run "$NL" --indicator no.such
expect_status 7
expect_no_out

# Discovery: --no-default-plugins leaves nothing; INDICATE_PLUGIN_PATH adds
# absolute directories and ignores relative ones, with a warning.
run "$INDICATE" list --no-default-plugins
expect_status 0
expect_out "No plug-ins found."
run env INDICATE_PLUGIN_PATH="relative/dir:$TP/order" "$INDICATE" list
expect_status 0
expect_err 'INDICATE_PLUGIN_PATH entry "relative/dir" is not absolute; ignored'
expect_out "order_a"
expect_out "cp 1.0.0"
run "$INDICATE" list --plugin-dir "$TMP/no-such-dir"
expect_status 3
expect_err "$TMP/no-such-dir"

# Never the current directory: the test plug-ins there are not loaded.
(cd "$TP" && "$INDICATE" list --format json) >"$TMP/cwd.json" 2>/dev/null
"$JSONQ" "$TMP/cwd.json" 'plugins[name=good]' >/dev/null && fail "loaded a plug-in from the current directory"
checks=$((checks + 1))

# Options: --set reaches the plug-in; unknown and malformed are errors.
cat >"$TMP/test.json" <<'JSON'
{"area": "Test", "series": [
  {"id": "test.a", "periods": ["2021-22", "2022-23"], "values": [10, 20]},
  {"id": "fail.count", "periods": ["2021-22", "2022-23"], "values": [1, 2]}]}
JSON
run "$INDICATE" run "$TMP/test.json" --no-default-plugins --plugin "$TP/good.so" --set good.nosuch=1
expect_status 9
expect_err 'plug-in "good" has no option "nosuch"'
run "$INDICATE" run "$TMP/test.json" --no-default-plugins --plugin "$TP/good.so" --set good.scale
expect_status 2
expect_err "expected <plug-in>.<name>=<value>"

# A plug-in that fails while computing: exit 7, its message, no output.
run "$INDICATE" run "$TMP/test.json" --no-default-plugins --plugin "$TP/failing.so" --indicator fail.silent -o "$TMP/never.json"
expect_status 7
expect_err "indicator fail.silent: failed without a message"
[ ! -e "$TMP/never.json" ] || fail "output written although the run failed"
checks=$((checks + 1))
run "$INDICATE" run "$TMP/test.json" --no-default-plugins --plugin "$TP/failing.so" --indicator fail.infinite
expect_status 7
expect_err "2022-23"

finish
