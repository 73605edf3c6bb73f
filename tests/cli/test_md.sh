#!/usr/bin/env bash
# `run --format md` and `status --format md`: GitHub-flavoured pipe tables
# with the figures, statuses as words, the commentary, and text from the
# input escaped so that a pipe cannot split a row nor a tag reach the page.
. "$SRC/tests/cli/lib.sh"

SL=$SRC/datasets/south-lanarkshire-2023-24-q2.json
NL=$SRC/datasets/north-lanarkshire-2023-24.json
H=$SRC/tests/data/report/hostile.json

# Every table row of stdout has as many unescaped pipes as its header.
expect_even_rows() {
  checks=$((checks + 1))
  awk '
    /^\|/ { line = $0; gsub(/\\\|/, "", line); n = gsub(/\|/, "", line)
            if (!inside) { want = n; inside = 1 } else if (n != want) { bad = NR } next }
    { inside = 0 }
    END { exit bad ? 1 : 0 }' "$TMP/out" || fail "a table row has the wrong number of cells"
}

run "$INDICATE" status "$SL" --format md
expect_status 0
expect_out "# South Lanarkshire (S12000029)"
expect_out "## Statuses at 2023-24 Q2"
expect_out "| Status | Statistical | Project | Total | % |"
expect_out "| :-- | --: | --: | --: | --: |"
# 3 + 1 Amber of 5 = 80%, 1 Red = 20% (section 5.2 of the report).
expect_out "| Amber | 3 | 1 | 4 | 80% |"
expect_out "| Red | 1 | 0 | 1 | 20% |"
expect_out "| **Totals** | **4** | **1** | **5** | **100%** |"
expect_out "| **Red** | Percentage of reports submitted to the Children's Reporter within agreed timescales \`scra.timeliness\` | 2023-24 Q2 | 63.3% (88 of 139) year to date | 75% |"
expect_even_rows

run "$INDICATE" status "$SL" --format md --view summary
expect_status 0
expect_out "| Amber | 3 | 1 | 4 | 80% |"
checks=$((checks + 1)); ! grep -qF '| **Red** |' "$TMP/out" || fail "the summary view lists items"

run "$INDICATE" run "$NL" --format md
expect_status 0
expect_out "## Child protection conversion \`cp.conversion\`"
expect_out "### Referral to investigation \`cp.conversion.referral_to_investigation\`"
# 768 / 2,326 = 33.0%; 40.9% to 33.0% is -7.9 pp and -19.3%.
expect_out "| 2023-24 | 33.0% | 768 of 2,326 | 31.1% to 35.0% | -7.9 pp | -19.3% | lower (p < 0.001) |"
# CP referrals: 1,895 to 2,326 is +431, +22.7%.
expect_out "| 2023-24 | 2,326 | +431 | +22.7% | higher (p < 0.001) |"
expect_out "**2,326** in 2023-24. CP referrals rose 23% compared to 2022-23 (1,895 to 2,326)"
expect_out "- Trend 2017-18 to 2023-24: +195.5 a year (p < 0.001)."
expect_even_rows

# Escaping: pipes, emphasis, links and tags from the input.
run "$INDICATE" status "$H" --format md
expect_status 0
expect_out '# =HYPERLINK("http://example.invalid","x") &lt;script>alert(1)&lt;/script> \| "Co" & Sons (S99000001)'
expect_out '@SUM(A1) &lt;i>referrals&lt;/i> \| kept down'
checks=$((checks + 1)); ! grep -qF '<script>' "$TMP/out" || fail "a tag reached the Markdown"
expect_even_rows

run "$INDICATE" status "$SL" --format markdown --bom
expect_status 2
expect_err "--bom applies to --format csv only"

finish
