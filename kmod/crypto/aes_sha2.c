// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 8009: aes128-cts-hmac-sha256-128 (19) and aes256-cts-hmac-sha384-192
 * (20).  Keys come from KDF-HMAC-SHA2 (SP 800-108 counter mode, a single
 * block); the tag is HMAC over IV || ciphertext.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/string.h>
#include <crypto/hash.h>

#include "internal.h"

#define SHA2_MAX_DIGEST	48

static void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * k-truncate(HMAC(key, 00000001 | label | 00 | context | k)); @tfm is
 * already keyed with the base key.
 */
static int kdf_hmac_sha2(struct crypto_shash *tfm, const u8 *label,
			 size_t llen, const u8 *ctx, size_t clen, u8 *out,
			 size_t len)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	u8 full[SHA2_MAX_DIGEST], be[4];
	static const u8 zero;
	int err;

	if (len > crypto_shash_digestsize(tfm) ||
	    crypto_shash_digestsize(tfm) > sizeof(full))
		return -EINVAL;
	desc->tfm = tfm;
	put_be32(be, 1);
	err = crypto_shash_init(desc);
	if (!err)
		err = crypto_shash_update(desc, be, 4);
	if (!err)
		err = crypto_shash_update(desc, label, llen);
	if (!err)
		err = crypto_shash_update(desc, &zero, 1);
	if (!err && clen)
		err = crypto_shash_update(desc, ctx, clen);
	put_be32(be, len * 8);
	if (!err)
		err = crypto_shash_update(desc, be, 4);
	if (!err)
		err = crypto_shash_final(desc, full);
	shash_desc_zero(desc);
	if (!err)
		memcpy(out, full, len);
	memzero_explicit(full, sizeof(full));
	return err;
}

static int derive_sha2(struct krbap_ukey *uk, const struct krbap_key *key,
		       u32 usage, u8 kind, u8 *out, size_t len)
{
	u8 constant[5];
	int err;

	krbap_usage_constant(constant, usage, kind);
	err = crypto_shash_setkey(uk->mac, key->bytes, key->et->keybytes);
	if (!err)
		err = kdf_hmac_sha2(uk->mac, constant, sizeof(constant), NULL,
				    0, out, len);
	return err;
}

/* PRF = KDF-HMAC-SHA2(key, "prf", input), as long as the hash */
static int prf_sha2(const struct krbap_key *key, const u8 *in, size_t inlen,
		    u8 *out, size_t outlen)
{
	static const u8 label[] = { 'p', 'r', 'f' };
	struct crypto_shash *tfm;
	int err;

	tfm = crypto_alloc_shash(key->et->mac, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = -EINVAL;
	if (outlen == crypto_shash_digestsize(tfm))
		err = crypto_shash_setkey(tfm, key->bytes, key->et->keybytes);
	if (!err)
		err = kdf_hmac_sha2(tfm, label, sizeof(label), in, inlen, out,
				    outlen);
	crypto_free_shash(tfm);
	return err;
}

static const struct krbap_etype_ops aes_sha2_ops = {
	.derive		= derive_sha2,
	.setkeys	= krbap_simple_setkeys,
	.encrypt	= krbap_simple_encrypt,
	.decrypt	= krbap_simple_decrypt,
	.checksum	= krbap_simple_checksum,
	.prf		= prf_sha2,
	.mac_over_ct	= true,
};

const struct krbap_enctype krbap_et_aes128_sha256 = {
	.etype		= KRBAP_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
	.cksumtype	= KRBAP_CKSUMTYPE_HMAC_SHA256_128_AES128,
	.name		= "aes128-cts-hmac-sha256-128",
	.keybytes	= 16,
	.conflen	= 16,
	.maclen		= 16,
	.cksumlen	= 16,
	.kilen		= 16,
	.cipher		= "cts(cbc(aes))",
	.mac		= "hmac(sha256)",
	.ops		= &aes_sha2_ops,
};

const struct krbap_enctype krbap_et_aes256_sha384 = {
	.etype		= KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
	.cksumtype	= KRBAP_CKSUMTYPE_HMAC_SHA384_192_AES256,
	.name		= "aes256-cts-hmac-sha384-192",
	.keybytes	= 32,
	.conflen	= 16,
	.maclen		= 24,
	.cksumlen	= 24,
	.kilen		= 24,
	.cipher		= "cts(cbc(aes))",
	.mac		= "hmac(sha384)",
	.ops		= &aes_sha2_ops,
};
