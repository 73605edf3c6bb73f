#!/usr/bin/env bash
# The SQLite results store: a first run computes everything; a second on the
# same inputs recomputes nothing; a revised value recomputes just the one
# indicator that reads it, and `indicate diff` shows what changed; a new
# confidence level recomputes everything; a series taken away removes its
# rows; a run killed midway (kill -9) leaves the previous results exactly as
# they were, and the next run recovers; a duplicate area and a file that is
# not a store are refused; and diff reads every result format.
. "$SRC/tests/cli/lib.sh"
. "$SRC/tests/cli/batch_lib.sh"

STORE=$TMP/results.sqlite
gen_areas 40 "$TMP/areas.jsonl"

# ---- incremental ----------------------------------------------------------------
run "$INDICATE" batch "$TMP/areas.jsonl" -f sqlite -o "$STORE"
expect_status 0
expect_err "40 areas ok (0 unchanged, 80 indicators recomputed), 0 failed"
cp "$STORE" "$TMP/first.sqlite"

run "$INDICATE" batch "$TMP/areas.jsonl" -o "$STORE" -j 3
expect_status 0
expect_err "40 areas ok (40 unchanged, 0 indicators recomputed), 0 failed"
run "$INDICATE" diff "$TMP/first.sqlite" "$STORE"
expect_status 0
expect_no_out
expect_err "0 rows changed, 0 added, 0 removed"

# A revision: area 7's 2012-13 referrals 107 -> 150. Only cp.referrals of
# area 7 is recomputed; asp.referrals of area 7 does not read it.
sed '7s/"values":\[107,/"values":[150,/' "$TMP/areas.jsonl" >"$TMP/revised.jsonl"
run "$INDICATE" batch "$TMP/revised.jsonl" -o "$STORE"
expect_status 0
expect_err "40 areas ok (39 unchanged, 1 indicators recomputed)"
run "$INDICATE" diff "$TMP/first.sqlite" "$STORE"
expect_status 1
expect_out "changed  Area 0007 | cp.referrals | 2012-13 | observed: value 107 -> 150"
expect_err "added, 0 removed"
checks=$((checks + 1))
! grep -q "asp.referrals" "$TMP/out" || fail "asp.referrals changed, but its input did not"
checks=$((checks + 1))
! grep -q "Area 0008" "$TMP/out" || fail "another area changed"
# The same in CSV: one line per field.
run "$INDICATE" diff "$TMP/first.sqlite" "$STORE" -f csv
expect_status 1
expect_out "changed,Area 0007,cp.referrals,2012-13,observed,value,107,150"

# Another confidence level: every result depends on it.
run "$INDICATE" batch "$TMP/revised.jsonl" -o "$STORE" --level 99.8
expect_status 0
expect_err "(0 unchanged, 80 indicators recomputed)"

# A series taken away: its indicator's rows go; --force recomputes the rest.
sed '3s/,{"id":"asp.referrals"[^]]*\][^]]*\]}//' "$TMP/revised.jsonl" >"$TMP/fewer.jsonl"
cp "$STORE" "$TMP/before-removal.sqlite"
run "$INDICATE" batch "$TMP/fewer.jsonl" -o "$STORE" --level 99.8 --force
expect_status 0
expect_err "(0 unchanged, 79 indicators recomputed)"
run "$INDICATE" diff "$TMP/before-removal.sqlite" "$STORE" -f csv
expect_status 1
expect_out "removed,Area 0003,asp.referrals,2012-13,observed,value,"
checks=$((checks + 1))
[ "$(grep -c '^removed,' "$TMP/out")" -eq 14 ] \
  || fail "expected 12 observed, 1 projection and 1 trend row removed"

# ---- a run killed midway ------------------------------------------------------------
# The store as committed, then a long run on it, killed while it writes.
run "$INDICATE" batch "$TMP/areas.jsonl" -f sqlite -o "$TMP/kill.sqlite"
cp "$TMP/kill.sqlite" "$TMP/kill-before.sqlite"
gen_areas 60000 "$TMP/big.jsonl"
"$INDICATE" batch "$TMP/big.jsonl" -o "$TMP/kill.sqlite" -j 2 -q 2>"$TMP/kill.err" &
pid=$!
# Kill it once uncommitted pages have reached the disk: the write-ahead log
# grows when the run's changes outgrow SQLite's page cache (a few seconds).
for _ in $(seq 300); do
  sleep 0.1
  [ -s "$TMP/kill.sqlite-wal" ] && break
done
checks=$((checks + 1))
[ -s "$TMP/kill.sqlite-wal" ] || fail "the run wrote nothing to the log within 30 s"
checks=$((checks + 1))
kill -0 "$pid" 2>/dev/null || fail "the long run ended before it could be killed"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run "$INDICATE" diff "$TMP/kill-before.sqlite" "$TMP/kill.sqlite"
expect_status 0
expect_err "0 rows changed, 0 added, 0 removed"
# The next run recovers the store and goes on as if nothing happened.
run "$INDICATE" batch "$TMP/revised.jsonl" -o "$TMP/kill.sqlite"
expect_status 0
expect_err "40 areas ok (39 unchanged, 1 indicators recomputed)"

# ---- refusals ------------------------------------------------------------------------
cat "$TMP/areas.jsonl" <(sed -n 2p "$TMP/areas.jsonl") >"$TMP/dup.jsonl"
run "$INDICATE" batch "$TMP/dup.jsonl" -o "$TMP/dup.sqlite" -f sqlite
expect_status 5
expect_err "area \"Area 0002\" appears a second time in this run"
expect_err "40 areas ok (0 unchanged, 80 indicators recomputed), 1 failed"

printf '{"not": "a store"}\n' >"$TMP/not-a-store.db"
run "$INDICATE" batch "$TMP/areas.jsonl" -o "$TMP/not-a-store.db"
expect_status 5
expect_err "$TMP/not-a-store.db: not a results store"
expect_equal "$(cat "$TMP/not-a-store.db")" '{"not": "a store"}' "the file that is not a store"

# ---- diff over every result format ------------------------------------------------------
for format in jsonl csv; do
  run "$INDICATE" batch "$TMP/areas.jsonl" -f "$format" -o "$TMP/old.$format"
  run "$INDICATE" batch "$TMP/revised.jsonl" -f "$format" -o "$TMP/new.$format"
  run "$INDICATE" diff "$TMP/old.$format" "$TMP/new.$format"
  expect_status 1
  expect_out "changed  Area 0007 | cp.referrals | 2012-13 | observed: value 107 -> 150"
  run "$INDICATE" diff "$TMP/old.$format" "$TMP/old.$format" -q
  expect_status 0
  expect_no_out
done
run "$INDICATE" diff "$TMP/old.jsonl" "$TMP/new.jsonl" -f jsonl
expect_out '"fields":{"value":{"old":107,"new":150}}'
run "$INDICATE" diff "$TMP/old.jsonl" "$TMP/no-such.jsonl"
expect_status 3
expect_err "$TMP/no-such.jsonl: cannot open"
printf 'a,b\n1,2\n' >"$TMP/other.csv"
run "$INDICATE" diff "$TMP/old.csv" "$TMP/other.csv"
expect_status 5
expect_err "$TMP/other.csv:1: not a result file of indicate"

finish
