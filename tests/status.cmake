# Targets, statuses and commentary: the status rules and the dataset keys that
# carry targets and projects, the vocabularies, the sentences, the scorecard
# and its summary table, and the `status` verb. Fixtures are in
# tests/data/status (README.md there lists each one).
ind_add_unit_test(test_target unit/test_target.c)
ind_add_unit_test(test_commentary unit/test_commentary.c)
ind_add_unit_test(test_scorecard unit/test_scorecard.c)
if(TARGET indicate)
  ind_add_cli_test(cli_status cli/test_status.sh)
endif()
