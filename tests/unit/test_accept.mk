# SPDX-License-Identifier: GPL-2.0-only
# The whole accept pipeline on tokens MIT krb5 makes inside the test.
# kmod builds without -Wsign-compare and with -Wno-pointer-sign; so do we.
# CRYPTO_SRCS comes from test_crypto_vectors.mk, read later: use "=".
TESTS			+= test_accept
test_accept_SRCS	= kmod/accept.c kmod/gss.c kmod/spnego.c kmod/pac.c kmod/gssmic.c kmod/keystore.c kmod/rcache.c \
			  kmod/msg.c kmod/der.c $(CRYPTO_SRCS) \
			  tests/unit/test_accept.c
test_accept_CFLAGS	:= -pthread -Wno-sign-compare -Wno-pointer-sign $(shell pkg-config --cflags mit-krb5)
test_accept_LDLIBS	:= -pthread -lcrypto $(shell pkg-config --libs mit-krb5)
