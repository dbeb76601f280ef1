# SPDX-License-Identifier: GPL-2.0-only
# kmod/pac.c against MIT krb5's PAC code (krb5_pac_*, krb5_kdc_sign_ticket).
# CRYPTO_SRCS comes from test_crypto_vectors.mk, read later: use "=".
# krb5_pac_sign_ext is marked deprecated in <krb5.h>; the test calls it on
# purpose, as MIT's KDC did before krb5_kdc_sign_ticket.
TESTS			+= test_pac
test_pac_SRCS		= kmod/pac.c kmod/msg.c kmod/der.c $(CRYPTO_SRCS) \
			  tests/unit/test_pac.c
test_pac_CFLAGS		:= -Wno-deprecated-declarations \
			   $(shell pkg-config --cflags mit-krb5)
test_pac_LDLIBS		:= -lcrypto $(shell pkg-config --libs mit-krb5)
