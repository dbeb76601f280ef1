/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the kmod/crypto unit tests. */
#ifndef KRBAP_CRYPTO_TEST_H
#define KRBAP_CRYPTO_TEST_H

#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "crypto/internal.h"

/* hex (spaces ignored) to a malloc'd buffer of *len bytes (+16 spare) */
static inline unsigned char *hex(const char *s, size_t *len)
{
	unsigned char *b = calloc(1, strlen(s) / 2 + 64);
	size_t n = 0;
	int hi = -1;

	for (; *s; s++) {
		int v;

		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else {
			b[n++] = hi << 4 | v;
			hi = -1;
		}
	}
	*len = n;
	return b;
}

static inline int test_key(struct krbap_key *key, s32 etype, const char *h)
{
	size_t len;
	unsigned char *raw = hex(h, &len);
	int err = krbap_key_init_et(key, krbap_enctype_lookup(etype), raw,
				    len);

	free(raw);
	return err;
}

/* tests/unit/shim/crypto_openssl.c: what a shim transform holds */
bool shim_skcipher_key_zero(const struct crypto_sync_skcipher *tfm);
bool shim_shash_key_zero(const struct crypto_shash *tfm);

#endif
