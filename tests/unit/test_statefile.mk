# SPDX-License-Identifier: GPL-2.0-only
TESTS += test_statefile
test_statefile_SRCS := tests/unit/test_statefile.c helper/statefile.c
