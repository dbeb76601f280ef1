# SPDX-License-Identifier: GPL-2.0-only
# kmod/spnego.c: hand-built tokens, then MIT's SPNEGO mech (no KDC), alone
# and against the whole accept pipeline (as test_accept.mk links it).
# kmod builds without -Wsign-compare and with -Wno-pointer-sign; so do we.
# CRYPTO_SRCS comes from test_crypto_vectors.mk: use "=".
TESTS			+= test_spnego
test_spnego_SRCS	= kmod/spnego.c kmod/gss.c kmod/gssmic.c kmod/pac.c kmod/msg.c kmod/der.c \
			  kmod/accept.c kmod/keystore.c kmod/rcache.c \
			  $(CRYPTO_SRCS) tests/unit/test_spnego.c
test_spnego_CFLAGS	:= -pthread -Wno-sign-compare -Wno-pointer-sign \
			   $(shell pkg-config --cflags mit-krb5-gssapi)
test_spnego_LDLIBS	:= -pthread $(shell pkg-config --libs mit-krb5-gssapi mit-krb5) -lcrypto
