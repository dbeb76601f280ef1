# SPDX-License-Identifier: GPL-2.0-only
# kmod/gssmic.c: RFC 4121 MIC tokens, refusals, then MIT's GSS-API (no KDC)
# as the oracle.  CRYPTO_SRCS comes from test_crypto_vectors.mk: use "=".
TESTS			+= test_gssmic
test_gssmic_SRCS	= kmod/gssmic.c kmod/gss.c kmod/msg.c kmod/der.c \
			  $(CRYPTO_SRCS) tests/unit/test_gssmic.c
test_gssmic_CFLAGS	:= -Wno-sign-compare -Wno-pointer-sign \
			   $(shell pkg-config --cflags mit-krb5-gssapi)
test_gssmic_LDLIBS	:= -lcrypto \
			   $(shell pkg-config --libs mit-krb5-gssapi mit-krb5)
