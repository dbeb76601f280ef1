# SPDX-License-Identifier: GPL-2.0-only
TESTS		+= test_der
test_der_SRCS	:= kmod/der.c tests/unit/test_der.c
