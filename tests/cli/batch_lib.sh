# batch_lib.sh: helpers for the batch, store and compare tests (sourced
# after lib.sh).

# gen_areas N FILE: N areas of JSON Lines, deterministic. Area a (1..N) has
# cp.referrals 100 + a + 7t over 2012-13..2023-24 (t = 0..11: a straight
# line of slope 7) and asp.referrals with a wobble (40 + a + 3t + (t*a % 5)).
# Twelve values: enough for the damped Holt projection (10 or more).
gen_areas() {
  awk -v n="$1" 'BEGIN {
    for (a = 1; a <= n; a++) {
      p = ""; v = ""; w = ""
      for (t = 0; t < 12; t++) {
        y = 2012 + t
        p = p (t ? "," : "") sprintf("\"%d-%02d\"", y, (y + 1) % 100)
        v = v (t ? "," : "") (100 + a + 7 * t)
        w = w (t ? "," : "") (40 + a + 3 * t + (t * a) % 5)
      }
      printf "{\"area\":\"Area %04d\",\"series\":[{\"id\":\"cp.referrals\",\"periods\":[%s],\"values\":[%s]},{\"id\":\"asp.referrals\",\"periods\":[%s],\"values\":[%s]}]}\n", a, p, v, p, w
    }
  }' >"$2"
}

# jsonl_line FILE N OUT: line N of a JSON Lines file as a document of its own.
jsonl_line() {
  sed -n "${2}p" "$1" >"$3"
}

# csv_value FILE KEYCOL=VALUE... COLUMN: the COLUMN of the first row whose
# named columns hold the values (fields without commas or quotes).
csv_value() {
  local file=$1
  shift
  local col=${!#}
  local conds=("${@:1:$#-1}")
  local joined
  joined=$(IFS='|'; echo "${conds[*]}")
  awk -F, -v col="$col" -v conds="$joined" '
    NR == 1 { for (i = 1; i <= NF; i++) { sub(/\r$/, "", $i); idx[$i] = i }
              n = split(conds, c, "|"); next }
    { sub(/\r$/, "")
      ok = 1
      for (k = 1; k <= n; k++) { split(c[k], kv, "="); if ($(idx[kv[1]]) != kv[2]) ok = 0 }
      if (ok) { print $(idx[col]); exit } }' "$file"
}

# expect_equal GOT WANT WHAT
expect_equal() {
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# expect_near GOT WANT TOL WHAT
expect_near() {
  checks=$((checks + 1))
  awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= t) }' \
    || fail "$4: expected $2 (within $3), got '$1'"
}

# expect_same FILE1 FILE2 WHAT: byte-identical.
expect_same() {
  checks=$((checks + 1))
  cmp -s "$1" "$2" || fail "$3: $1 and $2 differ ($(cmp "$1" "$2" 2>&1 | head -1))"
}
