#!/usr/bin/env bash
# Help, version, and command-line errors: every verb has --help, errors are
# one line with a pointer to --help and exit 2.
. "$SRC/tests/cli/lib.sh"

run "$INDICATE" --help
expect_status 0
expect_out "Usage: indicate VERB"
expect_out "list"
expect_out "run"
expect_out "Exit status:"

run "$INDICATE" --version
expect_status 0
expect_out "plug-in ABI 1.0"

for verb in list run; do
  run "$INDICATE" "$verb" --help
  expect_status 0
  expect_out "Usage: indicate $verb"
  expect_out "Exit status:"
  run "$INDICATE" help "$verb"
  expect_status 0
  expect_out "Usage: indicate $verb"
done

run "$INDICATE"
expect_status 2
expect_err "Usage: indicate VERB"

run "$INDICATE" frobnicate
expect_status 2
expect_err "unknown verb 'frobnicate'"

run "$INDICATE" run --no-such-option x.json
expect_status 2
expect_err "unknown option '--no-such-option'"
expect_err "Try 'indicate run --help'"

run "$INDICATE" run
expect_status 2
expect_err "no dataset file given"

run "$INDICATE" run x.json --format
expect_status 2
expect_err "option '--format' needs a value"

run "$INDICATE" run x.json --format xml
expect_status 2
expect_err "unknown format 'xml'"

run "$INDICATE" run x.json --level 1.5
expect_status 2
expect_err "confidence level '1.5'"

run "$INDICATE" run x.json --decimals -1
expect_status 2

run "$INDICATE" list extra
expect_status 2
expect_err "unexpected argument 'extra'"

finish
