# Command-line tests of the basics: usage, the seed figures, plug-ins and bad
# inputs (ind_add_cli_test is defined in tests/CMakeLists.txt).
ind_add_cli_test(cli_usage cli/test_usage.sh)
ind_add_cli_test(cli_seeds cli/test_seeds.sh)
ind_add_cli_test(cli_plugins cli/test_plugins.sh)
ind_add_cli_test(cli_bad_inputs cli/test_bad_inputs.sh)
