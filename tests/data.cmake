# The data model and its readers: period labels, the dataset builder, JSON,
# JSON Lines and CSV input, and the reader over them. Fixtures are in
# tests/data/good and tests/data/bad (bad/README.md lists each bad file).
ind_add_unit_test(test_period unit/test_period.c)
ind_add_unit_test(test_dataset unit/test_dataset.c)
ind_add_unit_test(test_io_json unit/test_io_json.c)
ind_add_unit_test(test_io_csv unit/test_io_csv.c)
ind_add_unit_test(test_reader unit/test_reader.c)
