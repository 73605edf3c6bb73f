# Command-line tests: shell scripts driving the built `indicate`, checking
# exit codes, messages and figures (JSON read back with tests/tools/jsonq).
add_executable(jsonq tools/jsonq.c)
target_link_libraries(jsonq PRIVATE ind_cjson)

# ind_add_cli_test(name script.sh): runs the script with bash.
function(ind_add_cli_test name script)
  add_test(NAME ${name} COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/${script}")
  set_tests_properties(${name} PROPERTIES ENVIRONMENT
    "INDICATE=$<TARGET_FILE:indicate>;JSONQ=$<TARGET_FILE:jsonq>;SRC=${PROJECT_SOURCE_DIR};BUILD=${CMAKE_BINARY_DIR};INDICATE_PLUGIN_PATH=")
endfunction()

if(TARGET indicate)
  ind_add_cli_test(cli_usage cli/test_usage.sh)
  ind_add_cli_test(cli_seeds cli/test_seeds.sh)
  ind_add_cli_test(cli_plugins cli/test_plugins.sh)
  ind_add_cli_test(cli_bad_inputs cli/test_bad_inputs.sh)
endif()
