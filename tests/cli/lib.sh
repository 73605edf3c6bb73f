# lib.sh: assertions for the command-line tests. Each test script sources
# this, runs the command through `run`, then checks exit code and output.
#   INDICATE  the indicate binary        JSONQ   the jsonq helper
#   SRC       the source tree            TMP     a scratch directory (made here)
set -uo pipefail

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

# run CMD...: runs a command, keeping its exit code, stdout and stderr.
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  status=$?
}

fail() {
  failures=$((failures + 1))
  echo "FAIL: $*" >&2
  echo "  stdout: $(head -c 2000 "$TMP/out")" >&2
  echo "  stderr: $(head -c 2000 "$TMP/err")" >&2
}

expect_status() {
  checks=$((checks + 1))
  [ "$status" -eq "$1" ] || fail "expected exit $1, got $status"
}

expect_out() {
  checks=$((checks + 1))
  grep -qF -- "$1" "$TMP/out" || fail "stdout lacks: $1"
}

expect_err() {
  checks=$((checks + 1))
  grep -qF -- "$1" "$TMP/err" || fail "stderr lacks: $1"
}

expect_no_out() {
  checks=$((checks + 1))
  [ ! -s "$TMP/out" ] || fail "expected no output on stdout"
}

# expect_json FILE PATH VALUE: the value at PATH in FILE, as jsonq prints it.
expect_json() {
  checks=$((checks + 1))
  local got
  got=$("$JSONQ" "$1" "$2") || { fail "no $2 in $1"; return; }
  [ "$got" = "$3" ] || fail "$2: expected '$3', got '$got'"
}

# expect_json_near FILE PATH VALUE TOL: numeric value within TOL (absolute).
expect_json_near() {
  checks=$((checks + 1))
  local got
  got=$("$JSONQ" "$1" "$2") || { fail "no $2 in $1"; return; }
  awk -v a="$got" -v b="$3" -v t="$4" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }' \
    || fail "$2: expected $3 (within $4), got $got"
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures of $checks checks failed" >&2
    exit 1
  fi
  echo "$checks checks passed"
}
