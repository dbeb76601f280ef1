# SPDX-License-Identifier: GPL-2.0-only
# kmod/spnego.c: hand-built tokens, then MIT's SPNEGO mech (no KDC).
TESTS			+= test_spnego
test_spnego_SRCS	:= kmod/spnego.c kmod/gss.c kmod/msg.c kmod/der.c \
			   tests/unit/test_spnego.c
test_spnego_CFLAGS	:= $(shell pkg-config --cflags mit-krb5-gssapi)
test_spnego_LDLIBS	:= $(shell pkg-config --libs mit-krb5-gssapi mit-krb5) -lcrypto
