/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: lib/crypto's SHA-256 (sha256_init/update/final) on OpenSSL's
 * EVP interface.  The state holds an EVP context from init to final, so
 * every init must be followed by a final, as the kmod callers do.
 */
#ifndef KRBAP_SHIM_CRYPTO_SHA2_H
#define KRBAP_SHIM_CRYPTO_SHA2_H

#include <stdlib.h>
#include <openssl/evp.h>
#include <linux/types.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

struct sha256_state {
	EVP_MD_CTX *md;
};

static inline void sha256_init(struct sha256_state *s)
{
	s->md = EVP_MD_CTX_new();
	if (!s->md || EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) != 1)
		abort();
}

static inline void sha256_update(struct sha256_state *s, const u8 *data,
				 unsigned int len)
{
	if (EVP_DigestUpdate(s->md, data, len) != 1)
		abort();
}

static inline void sha256_final(struct sha256_state *s, u8 *out)
{
	if (EVP_DigestFinal_ex(s->md, out, NULL) != 1)
		abort();
	EVP_MD_CTX_free(s->md);
	s->md = NULL;
}

static inline void sha256(const u8 *data, unsigned int len, u8 *out)
{
	struct sha256_state s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, out);
}

#endif
