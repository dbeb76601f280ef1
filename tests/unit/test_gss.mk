# SPDX-License-Identifier: GPL-2.0-only
# kmod/gss.c: hand-built vectors, then MIT's GSS-API (no KDC) as the oracle.
TESTS			+= test_gss
test_gss_SRCS		:= kmod/gss.c kmod/msg.c kmod/der.c tests/unit/test_gss.c
test_gss_CFLAGS		:= $(shell pkg-config --cflags mit-krb5-gssapi)
test_gss_LDLIBS		:= $(shell pkg-config --libs mit-krb5-gssapi mit-krb5) -lcrypto
