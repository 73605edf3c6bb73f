# Plug-in loader tests: test plug-ins (one good, one broken per refusal
# stage) built into their own directory, never into build/plugins, the
# registry unit test that loads them and the bundled plug-ins, and the SDK
# install test that builds the documented example plug-in out of tree.
set(IND_TEST_PLUGIN_DIR "${CMAKE_CURRENT_BINARY_DIR}/testplugins")
file(MAKE_DIRECTORY "${IND_TEST_PLUGIN_DIR}/order")

# A file named like a plug-in that is not a shared object (refused at open),
# and in the order directory things a directory scan must pass over.
file(WRITE "${IND_TEST_PLUGIN_DIR}/bad.so" "This is text, not a shared object.\n")
file(WRITE "${IND_TEST_PLUGIN_DIR}/order/notes.txt" "not a plug-in\n")
file(MAKE_DIRECTORY "${IND_TEST_PLUGIN_DIR}/order/subdir.so")

set(IND_TEST_PLUGIN_TARGETS "")

# ind_add_test_plugin(FILE SOURCE [SUBDIR dir] [DEFINES def...]): builds
# tests/plugins/SOURCE as testplugins/[dir/]FILE.so.
macro(ind_add_test_plugin file source)
  cmake_parse_arguments(_tp "" "SUBDIR" "DEFINES" ${ARGN})
  set(_tp_target "testplugin_${file}")
  add_library(${_tp_target} MODULE "${CMAKE_CURRENT_LIST_DIR}/plugins/${source}")
  target_include_directories(${_tp_target} PRIVATE "${PROJECT_SOURCE_DIR}/include")
  target_compile_definitions(${_tp_target} PRIVATE ${_tp_DEFINES})
  set_target_properties(${_tp_target} PROPERTIES
    PREFIX "" OUTPUT_NAME "${file}"
    C_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY "${IND_TEST_PLUGIN_DIR}/${_tp_SUBDIR}")
  list(APPEND IND_TEST_PLUGIN_TARGETS ${_tp_target})
endmacro()

ind_add_test_plugin(good good.c)
ind_add_test_plugin(good_twin good_twin.c)
ind_add_test_plugin(failing failing.c)
ind_add_test_plugin(wide wide.c)
ind_add_test_plugin(no_entry no_entry.c)
ind_add_test_plugin(undefined_symbol undefined_symbol.c)
ind_add_test_plugin(null_entry abi.c DEFINES NULL_ENTRY)
ind_add_test_plugin(bad_magic abi.c DEFINES BAD_MAGIC)
ind_add_test_plugin(abi_major abi.c DEFINES ABI_MAJOR)
ind_add_test_plugin(abi_minor abi.c DEFINES ABI_MINOR)
ind_add_test_plugin(fingerprint abi.c DEFINES FINGERPRINT)
ind_add_test_plugin(small_struct abi.c DEFINES SMALL_STRUCT)
ind_add_test_plugin(small_indicator abi.c DEFINES SMALL_INDICATOR)
ind_add_test_plugin(small_option abi.c DEFINES SMALL_OPTION)
ind_add_test_plugin(dup_id_first dup_id.c DEFINES DUP_FIRST)
ind_add_test_plugin(dup_id_second dup_id.c)
ind_add_test_plugin(init_fails init_fails.c)
ind_add_test_plugin(init_silent init_fails.c DEFINES INIT_SILENT)
ind_add_test_plugin(desc_ok descriptor.c)
foreach(_variant IN ITEMS
    BAD_NAME NO_VERSION NO_INDICATORS BAD_OPTION DUP_OPTION OPTION_DEFAULT
    BAD_ID NO_TITLE NO_UNIT BAD_POLARITY BAD_KIND NO_INPUTS BAD_INPUT MAX_LAG
    NO_COMPUTE DUP_ID FUNNEL_STAGES FUNNEL_SHORT BAD_STAGE DUP_STAGE
    RATE_MULTIPLIER RATIO_MULTIPLIER)
  string(TOLOWER "desc_${_variant}" _file)
  ind_add_test_plugin(${_file} descriptor.c DEFINES ${_variant})
endforeach()
# Made in reverse of name order, so that name order cannot come from mtime.
foreach(_tag IN ITEMS c a b)
  ind_add_test_plugin(order_${_tag} order.c SUBDIR order DEFINES ORDER_TAG=${_tag})
endforeach()
add_custom_target(ind_test_plugins DEPENDS ${IND_TEST_PLUGIN_TARGETS})

ind_add_unit_test(test_registry unit/test_registry.c)
target_compile_definitions(test_registry PRIVATE
  IND_TEST_PLUGIN_DIR="${IND_TEST_PLUGIN_DIR}")
add_dependencies(test_registry ind_test_plugins cp asp unpaid_work)

# ---- SDK: install, build the example out of tree two ways, load it ----
add_executable(sdk_driver "${CMAKE_CURRENT_LIST_DIR}/sdk/sdk_driver.c")
target_link_libraries(sdk_driver PRIVATE indicate_core)
add_test(NAME sdk_install
  COMMAND bash "${CMAKE_CURRENT_LIST_DIR}/sdk/sdk_install.sh"
          "${CMAKE_BINARY_DIR}" "${PROJECT_SOURCE_DIR}" "$<TARGET_FILE:sdk_driver>"
          "${CMAKE_COMMAND}" "${CMAKE_C_COMPILER}")
set_tests_properties(sdk_install PROPERTIES TIMEOUT 600)
