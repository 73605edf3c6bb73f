# The statistics of change, trend and control: tests of change, trend
# tests, projections and XmR charts, checked against stored values from R
# and Python (tests/reference/make_stats_reference.*), hand-worked unit
# cases, and the trend, spc and run verbs on the seed datasets and on
# fixtures in tests/data/stats.
ind_add_unit_test(test_stats_reference unit/test_stats_reference.c unit/refcsv.c)
ind_add_unit_test(test_stats unit/test_stats.c)

if(TARGET indicate)
  ind_add_cli_test(cli_trend cli/test_trend.sh)
  ind_add_cli_test(cli_spc cli/test_spc.sh)
  ind_add_cli_test(cli_stats_run cli/test_stats_run.sh)
endif()
