# SPDX-License-Identifier: GPL-2.0-only
TESTS			+= test_rcache
test_rcache_SRCS	:= tests/unit/test_rcache.c
test_rcache_CFLAGS	:= -pthread
test_rcache_LDLIBS	:= -pthread
