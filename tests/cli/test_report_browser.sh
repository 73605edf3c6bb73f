#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's chromium
# package, which tools/deps installs) opens the report of each seed dataset
# with every network request refused, and the test checks that the page
# logs no console message at all (no error, no blocked fetch), that the DOM
# Chromium built holds the expected charts, tables and figures, and saves a
# screenshot of each page as a test artifact under the build tree.
# A control page that logs an error on purpose shows that console messages
# are caught. Without Chromium the test says so and is skipped (exit 77).
. "$SRC/tests/cli/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (tools/deps test installs Debian's chromium)"
  exit 77
fi

ART=$BUILD/tests/artifacts
mkdir -p "$ART"
: >"$TMP/out"
: >"$TMP/err"

# chrome OUT ERR ARGS...: one headless run with a fresh profile and no
# network: background services off, every host name unresolvable.
chrome() {
  local out=$1 err=$2
  shift 2
  local profile
  profile=$(mktemp -d "$TMP/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --disable-default-apps --hide-scrollbars \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" >"$out" 2>"$err"
  local rc=$?
  rm -rf "$profile"
  return $rc
}

expect_dom() {
  checks=$((checks + 1))
  grep -qF -- "$2" "$1" || fail "the DOM of $1 lacks: $2"
}
expect_dom_count() {
  checks=$((checks + 1))
  local got
  got=$(grep -oF -- "$2" "$1" | wc -l)
  [ "$got" -eq "$3" ] || fail "the DOM of $1: expected $3 of '$2', found $got"
}
expect_quiet_console() {
  checks=$((checks + 1))
  if grep -q ':CONSOLE' "$1"; then
    fail "console messages from $2: $(grep ':CONSOLE' "$1" | head -5)"
  fi
}

# ---- the control: a console error must be seen --------------------------------------
cat >"$TMP/control.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title></head>
<body><p>control</p><script>console.error("control-error-4242");</script></body></html>
HTML
chrome "$TMP/control.dom" "$TMP/control.err" --dump-dom "file://$TMP/control.html"
checks=$((checks + 1))
grep -q 'CONSOLE.*control-error-4242' "$TMP/control.err" \
  || fail "this Chromium does not report console messages on stderr: the check below would prove nothing"

# ---- the seed reports --------------------------------------------------------------------
"$INDICATE" report "$SRC/datasets/north-lanarkshire-2023-24.json" \
  --series 'mho.guardianship_*' --series 'asp.referrals.*' -o "$TMP/nl.html" \
  || fail "report of North Lanarkshire failed"
"$INDICATE" report "$SRC/datasets/south-lanarkshire-2023-24-q2.json" -o "$TMP/sl.html" \
  || fail "report of South Lanarkshire failed"

for area in nl sl; do
  page="file://$TMP/$area.html"
  chrome "$TMP/$area.dom" "$TMP/$area.err" --dump-dom "$page"
  checks=$((checks + 1))
  [ -s "$TMP/$area.dom" ] || fail "Chromium wrote no DOM for $area.html: $(tail -3 "$TMP/$area.err")"
  expect_quiet_console "$TMP/$area.err" "$area.html"
  chrome /dev/null "$TMP/$area.shot.err" --window-size=1280,4000 \
    --screenshot="$ART/report-$area.png" "$page"
  checks=$((checks + 1))
  if [ "$(head -c 8 "$ART/report-$area.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = \
       "89504e470d0a1a0a" ] && [ "$(wc -c <"$ART/report-$area.png")" -gt 20000 ]; then
    echo "screenshot of the $area report: $ART/report-$area.png"
  else
    fail "no screenshot of $area.html at $ART/report-$area.png"
  fi
  expect_quiet_console "$TMP/$area.shot.err" "$area.html (screenshot)"
done

# North Lanarkshire: 13 measures of the plug-ins, 7 guardianship series and
# 7 ASP referral sources, each with its chart, title and description.
D=$TMP/nl.dom
expect_dom_count "$D" '<svg class="chart"' 27
expect_dom_count "$D" '<article class="measure"' 27
expect_dom_count "$D" '-chart-desc">' 27
expect_dom "$D" '<th scope="col">Period</th>'
# CP referrals 2,326 (+431, +22.7% on 1,895), its projection row, and
# referral to investigation 768 of 2,326 = 33.0%.
expect_dom "$D" '<td class="num">2,326</td><td class="num"></td><td class="num">+431</td><td class="num">+22.7%</td>'
expect_dom "$D" '<th scope="row">2024-25 (projected)</th>'
expect_dom "$D" '<td class="num">33.0%</td><td class="num">768 of 2,326</td>'
# ASP referrals from the police, 2022-23 to 2023-24 (a raw series).
expect_dom "$D" 'data-measure="asp.referrals.police"'
expect_dom "$D" 'Report later/Contextual'

# South Lanarkshire: the summary table, the Red and Amber statuses with
# their words, the targets drawn.
D=$TMP/sl.dom
expect_dom_count "$D" '<svg class="chart"' 4
expect_dom "$D" 'Amber</span></th><td class="num">3</td><td class="num">1</td><td class="num">4</td><td class="num">80%</td>'
expect_dom "$D" '63.3% (88 of 139) year to date'
# Red badges: SCRA in the status table, the summary row, the legend of
# definitions, SCRA's headline, and its two quarters in its table: 6.
expect_dom_count "$D" '</svg>Red</span>' 6
expect_dom "$D" '>Target 75%</text>'
expect_dom "$D" '<g class="status-mark">'
# Nothing the page did not hold: no script ran to add anything.
for D in "$TMP/nl.dom" "$TMP/sl.dom"; do
  checks=$((checks + 1))
  ! grep -q '<script' "$D" || fail "the DOM of $D holds a script"
done

finish
