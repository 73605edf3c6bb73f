# The core numerics: changes, ratios and intervals, trends, formatting, and
# the check of all of them against reference values from R and Python.
ind_add_unit_test(test_change unit/test_change.c)
ind_add_unit_test(test_ratio unit/test_ratio.c)
ind_add_unit_test(test_trend unit/test_trend.c)
ind_add_unit_test(test_format unit/test_format.c)
ind_add_unit_test(test_reference unit/test_reference.c unit/refcsv.c)
