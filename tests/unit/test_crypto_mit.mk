# SPDX-License-Identifier: GPL-2.0-only
# CRYPTO_SRCS comes from test_crypto_vectors.mk, read later: use "=".
TESTS		+= test_crypto_mit
test_crypto_mit_SRCS	= $(CRYPTO_SRCS) tests/unit/test_crypto_mit.c
test_crypto_mit_CFLAGS	:= $(shell pkg-config --cflags mit-krb5)
test_crypto_mit_LDLIBS	:= -lcrypto $(shell pkg-config --libs mit-krb5)
