# SPDX-License-Identifier: GPL-2.0-only
CRYPTO_SRCS	:= kmod/crypto/krb5.c kmod/crypto/rfc3961.c \
		   kmod/crypto/aes_sha1.c kmod/crypto/aes_sha2.c \
		   kmod/crypto/camellia.c kmod/crypto/rc4_hmac.c \
		   kmod/crypto/selftest.c tests/unit/shim/crypto_openssl.c
TESTS		+= test_crypto_vectors
test_crypto_vectors_SRCS	:= $(CRYPTO_SRCS) tests/unit/test_crypto_vectors.c
test_crypto_vectors_LDLIBS	:= -lcrypto
