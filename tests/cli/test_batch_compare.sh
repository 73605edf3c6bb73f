#!/usr/bin/env bash
# Benchmarking across areas, on the constructed fixture of
# tests/data/batch/make_lgbf.py: 32 councils in four family groups of 8 and
# Scotland. Council i has i*i investigations of 100*i referrals in 2023-24:
# a referral-to-investigation conversion of i/100.
#   family group A (councils 1-8): the unweighted mean of 0.01 ... 0.08 is
#     (1 + ... + 8) / 8 / 100 = 36 / 800 = 0.045 (the pooled value of the
#     group, 204/3600 = 0.0567, is not it)
#   pooled over the 32 councils: sum i^2 = 32*33*65/6 = 11,440 over
#     sum 100i = 52,800: 0.216666..., never Scotland's 50,000 of 60,000
#   ranks (neutral polarity: highest first): council i ranks 33 - i; council
#     5 ranks 28 of 32, quartile ceil(4*28/32) = 4; council 32 ranks 1
# The same comparison from batch --compare, from `indicate compare` over the
# batch's JSON Lines (the two-stage form), and from a results store; an
# aggregate recognised by its flag, by its code, or by --aggregate; and the
# errors of an area-attributes file.
. "$SRC/tests/cli/lib.sh"
. "$SRC/tests/cli/batch_lib.sh"

DATA=$SRC/tests/data/batch
M=cp.conversion.referral_to_investigation
row() {  # row FILE AREA COLUMN: the 2023-24 referral-to-investigation row
  csv_value "$1" measure=$M period=2023-24 area="$2" "$3"
}

run "$INDICATE" batch "$DATA/lgbf.jsonl" --compare --areas "$DATA/lgbf-areas.csv" \
  --compare-output "$TMP/one-stage.csv" -o "$TMP/results.jsonl"
expect_status 0
C=$TMP/one-stage.csv
expect_near "$(row "$C" "Council 05" family_group_mean)" 0.045 1e-15 "family group A mean"
expect_equal "$(row "$C" "Council 05" family_group_n)" 8 "family group A size"
expect_near "$(row "$C" "Council 12" family_group_mean)" 0.125 1e-15 "family group B mean"
expect_equal "$(row "$C" "Council 05" family_group)" A "council 5's group"
expect_near "$(row "$C" "Council 05" pooled)" 0.21666666666666667 1e-15 "pooled value"
expect_equal "$(row "$C" "Council 05" pooled_numerator)" 11440 "pooled numerator"
expect_equal "$(row "$C" "Council 05" pooled_denominator)" 52800 "pooled denominator"
expect_equal "$(row "$C" "Council 05" pooled_areas)" 32 "areas pooled"
expect_equal "$(row "$C" "Council 05" value)" 0.05 "council 5's value"
expect_equal "$(row "$C" "Council 05" rank)" 28 "council 5's rank"
expect_equal "$(row "$C" "Council 05" ranked)" 32 "areas ranked"
expect_equal "$(row "$C" "Council 05" quartile)" 4 "council 5's quartile"
expect_equal "$(row "$C" "Council 32" rank)" 1 "council 32's rank"
expect_equal "$(row "$C" "Council 32" quartile)" 1 "council 32's quartile"
# Funnel: 5% of 500 is far below 21.7% (beyond 99.8%); 22% of 2,200 within.
expect_equal "$(row "$C" "Council 05" funnel)" low_998 "council 5's funnel position"
expect_equal "$(row "$C" "Council 22" funnel)" within "council 22's funnel position"
# Scotland: reported, not ranked, not pooled, no group.
expect_equal "$(row "$C" Scotland aggregate)" true "Scotland is an aggregate"
expect_equal "$(row "$C" Scotland rank)" "" "Scotland's rank"
expect_equal "$(row "$C" Scotland family_group_mean)" "" "Scotland's group mean"

# The two-stage form: batch maps, compare reduces. Same bytes.
run "$INDICATE" compare "$TMP/results.jsonl" --areas "$DATA/lgbf-areas.csv" -o "$TMP/two-stage.csv"
expect_status 0
expect_same "$TMP/one-stage.csv" "$TMP/two-stage.csv" "two-stage compare"
# Merged pieces of a sharded map are the same input.
run env INDICATE="$INDICATE" "$SRC/tools/shard-and-merge" -n 5 "$DATA/lgbf.jsonl" "$TMP/merged.jsonl"
expect_status 0
run "$INDICATE" compare "$TMP/merged.jsonl" --areas "$DATA/lgbf-areas.csv" -o "$TMP/sharded.csv"
expect_status 0
# (The file names differ: the pieces were read from standard input.)
expect_same "$TMP/one-stage.csv" "$TMP/sharded.csv" "compare after shard-and-merge"

# From a results store: the comparisons table, and compare over the store.
run "$INDICATE" batch "$DATA/lgbf.jsonl" -f sqlite -o "$TMP/store.sqlite" --compare \
  --areas "$DATA/lgbf-areas.csv"
expect_status 0
run "$INDICATE" compare "$TMP/store.sqlite" --areas "$DATA/lgbf-areas.csv" -o "$TMP/from-store.csv"
expect_status 0
expect_same "$TMP/one-stage.csv" "$TMP/from-store.csv" "compare from a store"

# JSON Lines output of the comparison.
run "$INDICATE" compare "$TMP/results.jsonl" --areas "$DATA/lgbf-areas.csv" -f jsonl \
  -o "$TMP/cmp.jsonl"
expect_status 0
grep "\"measure\":\"$M\",\"indicator\":\"cp.conversion\",\"period\":\"2023-24\",\"area\":\"Council 05\"" \
  "$TMP/cmp.jsonl" >"$TMP/c5.json"
expect_json "$TMP/c5.json" rank 28
expect_json "$TMP/c5.json" pooled_numerator 11440
expect_json "$TMP/c5.json" funnel low_998

# Aggregates by code alone, and by --aggregate.
sed 's/"aggregate":true,//' "$DATA/lgbf.jsonl" >"$TMP/no-flag.jsonl"
run "$INDICATE" batch "$TMP/no-flag.jsonl" --compare --compare-output "$TMP/by-code.csv" \
  -o "$TMP/r2.jsonl"
expect_equal "$(row "$TMP/by-code.csv" Scotland aggregate)" true "Scotland known by its code"
expect_equal "$(row "$TMP/by-code.csv" "Council 05" pooled_areas)" 32 "pooled without Scotland"
# Council 32 as an aggregate: pooled (11440 - 1024) / (52800 - 3200) =
# 10416 / 49600 = 0.21; 31 ranked; council 31 now first.
run "$INDICATE" compare "$TMP/results.jsonl" --aggregate "Council 32" -o "$TMP/agg.csv"
expect_status 0
expect_near "$(row "$TMP/agg.csv" "Council 05" pooled)" 0.21 1e-15 "pooled without council 32"
expect_equal "$(row "$TMP/agg.csv" "Council 05" ranked)" 31 "ranked without council 32"
expect_equal "$(row "$TMP/agg.csv" "Council 31" rank)" 1 "council 31 first"
expect_equal "$(row "$TMP/agg.csv" "Council 05" family_group)" "" "no groups without --areas"

# ---- errors -------------------------------------------------------------------------
printf 'area,family_group,colour\nCouncil 01,A,red\n' >"$TMP/bad-areas.csv"
run "$INDICATE" compare "$TMP/results.jsonl" --areas "$TMP/bad-areas.csv"
expect_status 5
expect_err "$TMP/bad-areas.csv:1: unknown column \"colour\""
printf 'area,aggregate\nScotland,perhaps\n' >"$TMP/bad-flag.csv"
run "$INDICATE" compare "$TMP/results.jsonl" --areas "$TMP/bad-flag.csv"
expect_status 5
expect_err "$TMP/bad-flag.csv:2: aggregate \"perhaps\" is not true or false"
run "$INDICATE" compare "$TMP/results.jsonl" --areas "$TMP/no-such.csv"
expect_status 3
expect_err "$TMP/no-such.csv: cannot open"
run "$INDICATE" batch "$DATA/lgbf.jsonl" -f csv -o "$TMP/results.csv"
run "$INDICATE" compare "$TMP/results.csv"
expect_status 5
expect_err "CSV results do not say which way each measure is good"
cat "$TMP/results.jsonl" <(sed -n 3p "$TMP/results.jsonl") >"$TMP/twice.jsonl"
run "$INDICATE" compare "$TMP/twice.jsonl"
expect_status 5
expect_err "area \"Council 03\" appears twice"
run "$INDICATE" compare "$TMP/results.jsonl" -i upw.delivery_ratio
expect_status 9
expect_err "no observed figures in the results given for the indicators asked for"

finish
