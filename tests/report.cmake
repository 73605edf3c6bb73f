# Reports for people: the HTML report (checked in headless Chromium when it
# is installed), Markdown, Excel workbooks read back from their XML, and
# CSV guarded against formula injection. Fixtures are in tests/data/report
# (README.md there lists each one).

# The CSV guard, the chart's axis and escaping, and Markdown escaping are
# command-line code: the unit test is built with those sources.
ind_add_unit_test(test_report_units unit/test_report_units.c
  ${PROJECT_SOURCE_DIR}/cli/csvw.c ${PROJECT_SOURCE_DIR}/cli/svg_chart.c
  ${PROJECT_SOURCE_DIR}/cli/write_md.c ${PROJECT_SOURCE_DIR}/cli/cells.c
  ${PROJECT_SOURCE_DIR}/cli/report.c)
target_include_directories(test_report_units PRIVATE ${PROJECT_SOURCE_DIR}/cli)

if(TARGET indicate)
  ind_add_cli_test(cli_report cli/test_report.sh)
  ind_add_cli_test(cli_report_browser cli/test_report_browser.sh)
  # Exit 77: Chromium is not installed; the test says so and is skipped.
  set_tests_properties(cli_report_browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
  ind_add_cli_test(cli_xlsx cli/test_xlsx.sh)
  ind_add_cli_test(cli_md cli/test_md.sh)
  ind_add_cli_test(cli_csv_guard cli/test_csv_guard.sh)
endif()
