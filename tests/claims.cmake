# Claims: figures as written, the claim model, exact verification and its
# diagnoses (with a cross-check against an independent implementation in
# tests/data/claims/reference/), claims files in JSON and CSV, claims found
# in text; and the `verify` and `claims-from-text` commands.
foreach(_t figure verify io text)
  ind_add_unit_test(test_claims_${_t} unit/test_claims_${_t}.c)
  # The figure tests also reach the exact rounding helpers of the core.
  target_include_directories(test_claims_${_t} PRIVATE "${PROJECT_SOURCE_DIR}/core")
endforeach()

ind_add_cli_test(cli_verify cli/test_verify.sh)
ind_add_cli_test(cli_claims_text cli/test_claims_text.sh)
