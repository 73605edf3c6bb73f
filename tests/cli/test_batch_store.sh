#!/usr/bin/env bash
# The SQLite results store: a first run computes everything; a second on the
# same inputs recomputes nothing; a revised value recomputes just the one
# indicator that reads it, and `indicate diff` shows what changed; a new
# confidence level recomputes everything; a series taken away removes its
# rows; statuses against targets are stored, a changed target (and not a
# changed title) recomputes its area, and diff reports the status that
# changed, between stores, JSON Lines and CSV; a store of schema version 1
# (no status column) is read by diff as it is, migrated by a run, which
# recomputes every area, and a store of an unknown version is refused; a
# run killed midway (kill -9) leaves the previous results exactly as they
# were, and the next run recovers; a duplicate area and a file that is not
# a store are refused; and diff reads every result format.
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

# ---- statuses against targets -----------------------------------------------------
# South Lanarkshire sets 75% targets on three proportions, judged year to
# date; the default tolerance is 10% of the target, B = 7.5 points, so 75%
# or more is Green, from 67.5% Amber, below it Red (docs/targets.md):
#   scra.timeliness   Q1 51/86 = 59.3% Red;     Q2 88/139 = 63.3% Red
#   upw.induction_5d  Q1 145/190 = 76.3% Green; Q2 268/364 = 73.6% Amber
#   upw.placement_7d  Q1 142/190 = 74.7% Amber; Q2 263/364 = 72.3% Amber
# With "tolerance": "2 pp" on upw.placement_7d, B = 2 points and Red is
# below 73%: Q1 74.7% stays Amber, Q2 72.3% turns Red. That one row is all
# that changes.
SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json
cp "$SL" "$TMP/sl.json"
sed 's/"measure": "upw.placement_7d",/& "tolerance": "2 pp",/' "$SL" >"$TMP/sl-2pp.json"
sed 's/starting their placement within seven days/starting placements within 7 days/' "$SL" \
  >"$TMP/sl-title.json"
checks=$((checks + 1))
! cmp -s "$SL" "$TMP/sl-2pp.json" && ! cmp -s "$SL" "$TMP/sl-title.json" \
  || fail "the edits of the South Lanarkshire dataset did not apply"
SST=$TMP/status.sqlite
# 40 areas of 2 indicators, and South Lanarkshire's 3.
run "$INDICATE" batch "$TMP/areas.jsonl" "$TMP/sl.json" -o "$SST"
expect_status 0
expect_err "41 areas ok (0 unchanged, 83 indicators recomputed), 0 failed"
cp "$SST" "$TMP/status-first.sqlite"
# A target's title changes no status: nothing is recomputed.
run "$INDICATE" batch "$TMP/areas.jsonl" "$TMP/sl-title.json" -o "$SST" -j 2
expect_status 0
expect_err "41 areas ok (41 unchanged, 0 indicators recomputed), 0 failed"
# A target's tolerance does: South Lanarkshire's 3 indicators, and no other.
run "$INDICATE" batch "$TMP/areas.jsonl" "$TMP/sl-2pp.json" -o "$SST" -j 2
expect_status 0
expect_err "41 areas ok (40 unchanged, 3 indicators recomputed), 0 failed"
run "$INDICATE" diff "$TMP/status-first.sqlite" "$SST"
expect_status 1
expect_out "changed  South Lanarkshire | upw.placement_7d | 2023-24 Q2 | observed: status Amber -> Red"
expect_err "1 rows changed, 0 added, 0 removed"
checks=$((checks + 1))
[ "$(grep -c '' "$TMP/out")" -eq 1 ] || fail "expected exactly one changed row"
run "$INDICATE" diff "$TMP/status-first.sqlite" "$SST" -f csv
expect_status 1
expect_out "changed,South Lanarkshire,upw.placement_7d,2023-24 Q2,observed,status,Amber,Red"
run "$INDICATE" diff "$TMP/status-first.sqlite" "$SST" -f jsonl
expect_status 1
expect_out '"period":"2023-24 Q2","row":"observed","fields":{"status":{"old":"Amber","new":"Red"}}'
# The store says what `indicate run` says, read back from its JSON.
run "$INDICATE" batch "$TMP/sl-2pp.json" -o "$TMP/sl-only.sqlite"
run "$INDICATE" run "$TMP/sl-2pp.json" -f json -o "$TMP/sl-2pp-run.json"
run "$INDICATE" diff "$TMP/sl-2pp-run.json" "$TMP/sl-only.sqlite"
expect_status 0
expect_err "0 rows changed, 0 added, 0 removed, 6 the same"
# The same change between JSON Lines, and between CSV, result sets.
for format in jsonl csv; do
  run "$INDICATE" batch "$TMP/sl.json" -f "$format" -o "$TMP/sl-old.$format"
  run "$INDICATE" batch "$TMP/sl-2pp.json" -f "$format" -o "$TMP/sl-new.$format"
  run "$INDICATE" diff "$TMP/sl-old.$format" "$TMP/sl-new.$format"
  expect_status 1
  expect_out "changed  South Lanarkshire | upw.placement_7d | 2023-24 Q2 | observed: status Amber -> Red"
  expect_err "1 rows changed, 0 added, 0 removed, 5 the same"
done
# Statuses in the alert vocabulary's words (OK for Green, Warning for
# Amber, Alert for Red) are read as IMPROVe's, so like is compared with
# like. With the 2 pp tolerance: 1 Green, 2 Amber, 3 Red (above).
sed 's/,Green,/,OK,/g; s/,Amber,/,Warning,/g; s/,Red,/,Alert,/g' "$TMP/sl-new.csv" \
  >"$TMP/sl-alert.csv"
expect_equal "$(grep -c ',OK,' "$TMP/sl-alert.csv") $(grep -c ',Warning,' "$TMP/sl-alert.csv")\
 $(grep -c ',Alert,' "$TMP/sl-alert.csv")" "1 2 3" "statuses put into the alert words"
run "$INDICATE" diff "$TMP/sl-new.jsonl" "$TMP/sl-alert.csv"
expect_status 0
expect_err "0 rows changed, 0 added, 0 removed, 6 the same"

# ---- a store of schema version 1 (before statuses) ------------------------------------
# Made from SQL text: the layout version 1 had (results without status),
# filled from the first store above, whose hashes are current for
# areas.jsonl and sl.json. Opened by a run, it is migrated in the run's
# transaction: the column added, every stored hash voided, and every area
# of the run recomputed, though its hashes match.
sql() {  # sql DB: runs the SQL on standard input, printing a SELECT's rows
  sqlite3 -bail "$1"  # a test package (tools/deps)
}
V1=$TMP/v1.sqlite
sql "$V1" <<SQL
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE computed(area TEXT NOT NULL, indicator TEXT NOT NULL, input_hash TEXT NOT NULL,
plugin TEXT NOT NULL, plugin_version TEXT NOT NULL, engine TEXT NOT NULL,
PRIMARY KEY(area, indicator)) WITHOUT ROWID;
CREATE TABLE results(area TEXT NOT NULL, code TEXT, aggregate INTEGER NOT NULL,
indicator TEXT NOT NULL, measure TEXT NOT NULL, kind TEXT NOT NULL,
unit TEXT, polarity INTEGER NOT NULL, multiplier REAL,
period_type TEXT, period TEXT NOT NULL, row TEXT NOT NULL, method TEXT,
value REAL, numerator REAL, denominator REAL, lower REAL, upper REAL,
change REAL, change_percent REAL, change_status TEXT,
significance TEXT, significance_p REAL, flags TEXT NOT NULL, display TEXT,
plugin TEXT, plugin_version TEXT, engine TEXT NOT NULL, input_hash TEXT NOT NULL,
PRIMARY KEY(area, measure, period, row)) WITHOUT ROWID;
CREATE INDEX results_by_indicator ON results(area, indicator);
ATTACH DATABASE '$TMP/status-first.sqlite' AS current;
INSERT INTO meta VALUES ('schema', '1');
INSERT INTO computed SELECT * FROM current.computed;
INSERT INTO results SELECT area, code, aggregate, indicator, measure, kind, unit, polarity,
multiplier, period_type, period, row, method, value, numerator, denominator, lower, upper,
change, change_percent, change_status, significance, significance_p, flags, display,
plugin, plugin_version, engine, input_hash FROM current.results;
SQL
cp "$V1" "$TMP/v1-copy.sqlite"
# Read as it is, it has no statuses: diff says so for the six rows with a
# target (the statuses worked out above), and nothing else.
run "$INDICATE" diff "$V1" "$TMP/status-first.sqlite"
expect_status 1
expect_out "changed  South Lanarkshire | scra.timeliness | 2023-24 Q1 | observed: status null -> Red"
expect_out "changed  South Lanarkshire | upw.induction_5d | 2023-24 Q1 | observed: status null -> Green"
expect_out "changed  South Lanarkshire | upw.induction_5d | 2023-24 Q2 | observed: status null -> Amber"
expect_out "changed  South Lanarkshire | upw.placement_7d | 2023-24 Q2 | observed: status null -> Amber"
expect_err "6 rows changed, 0 added, 0 removed"
expect_same "$V1" "$TMP/v1-copy.sqlite" "a store read by diff"
# A run of South Lanarkshire alone migrates it and recomputes its 3
# indicators; the 40 other areas keep their rows, with void hashes ...
run "$INDICATE" batch "$TMP/sl.json" -o "$V1"
expect_status 0
expect_err "1 areas ok (0 unchanged, 3 indicators recomputed), 0 failed"
expect_equal "$(echo "SELECT value FROM meta WHERE key = 'schema';" | sql "$V1")" 2 \
  "the schema version after migrating"
# ... so the next run recomputes them (80 indicators), and not South
# Lanarkshire's, now current.
run "$INDICATE" batch "$TMP/areas.jsonl" "$TMP/sl.json" -o "$V1"
expect_status 0
expect_err "41 areas ok (1 unchanged, 80 indicators recomputed), 0 failed"
run "$INDICATE" diff "$TMP/status-first.sqlite" "$V1"
expect_status 0
expect_err "0 rows changed, 0 added, 0 removed"
# A version this indicate does not know is refused, and left as it was
# (but for the write-ahead log mode, set on opening).
echo "UPDATE meta SET value = '3' WHERE key = 'schema';" | sql "$TMP/v1-copy.sqlite"
cp "$TMP/v1-copy.sqlite" "$TMP/v3.sqlite"
run "$INDICATE" batch "$TMP/sl.json" -o "$TMP/v3.sqlite"
expect_status 5
expect_err "$TMP/v3.sqlite: a results store of schema version 3; this indicate writes version 2"
expect_equal "$(echo "SELECT value FROM meta WHERE key = 'schema';" | sql "$TMP/v3.sqlite")" 3 \
  "the version of a store refused"
run "$INDICATE" diff "$TMP/v1-copy.sqlite" "$TMP/v3.sqlite"
expect_status 0
expect_err "0 rows changed, 0 added, 0 removed"

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
