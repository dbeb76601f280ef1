/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: the shash API, backed by OpenSSL in crypto_openssl.c. */
#ifndef KRBAP_SHIM_CRYPTO_HASH_H
#define KRBAP_SHIM_CRYPTO_HASH_H

#include <linux/types.h>

struct crypto_shash;

struct shash_desc {
	struct crypto_shash *tfm;
	void *ctx;		/* OpenSSL context between init and final */
};

#define SHASH_DESC_ON_STACK(name, t)					\
	struct shash_desc name##_desc_ = { .tfm = (t) },		\
		*name = &name##_desc_

struct crypto_shash *crypto_alloc_shash(const char *name, u32 type, u32 mask);
void crypto_free_shash(struct crypto_shash *tfm);
int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key,
			unsigned int len);
unsigned int crypto_shash_digestsize(struct crypto_shash *tfm);
int crypto_shash_init(struct shash_desc *desc);
int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len);
int crypto_shash_final(struct shash_desc *desc, u8 *out);
int crypto_shash_digest(struct shash_desc *desc, const u8 *data,
			unsigned int len, u8 *out);
int crypto_shash_tfm_digest(struct crypto_shash *tfm, const u8 *data,
			    unsigned int len, u8 *out);
void shash_desc_zero(struct shash_desc *desc);

#endif
