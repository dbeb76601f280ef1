# SPDX-License-Identifier: GPL-2.0-only
# CRYPTO_SRCS comes from test_crypto_vectors.mk, read later: use "=".
TESTS		+= test_crypto_integrity
test_crypto_integrity_SRCS	= $(CRYPTO_SRCS) tests/unit/test_crypto_integrity.c
test_crypto_integrity_LDLIBS	:= -lcrypto
