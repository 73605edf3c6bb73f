# Batch recomputation, benchmarking across areas, the results store and
# diff: the fast shortest formatting of doubles, the streaming pipeline, the
# comparison arithmetic (with reference values from scipy in
# tests/data/batch/), the command's slab allocator for cJSON, and the
# command-line tests of batch, compare and diff.
ind_add_unit_test(test_dtoa unit/test_dtoa.c)
ind_add_unit_test(test_compare unit/test_compare.c)
ind_add_unit_test(test_batch unit/test_batch.c)
ind_add_unit_test(test_json_alloc unit/test_json_alloc.c ${PROJECT_SOURCE_DIR}/cli/json_alloc.c)
target_include_directories(test_json_alloc PRIVATE ${PROJECT_SOURCE_DIR}/cli)

ind_add_cli_test(cli_batch cli/test_batch.sh)
ind_add_cli_test(cli_batch_store cli/test_batch_store.sh)
ind_add_cli_test(cli_batch_compare cli/test_batch_compare.sh)
if(TARGET indicate)
  set_tests_properties(cli_batch_store PROPERTIES TIMEOUT 300)
endif()
