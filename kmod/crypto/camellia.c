// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 6803: camellia128-cts-cmac (25) and camellia256-cts-cmac (26).  Keys
 * come from the CMAC feedback-mode KDF; the tag is the full CMAC over
 * confounder || plaintext, as in the RFC 3961 simplified profile.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/hash.h>

#include "internal.h"

static void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* K(i) = CMAC(key, K(i-1) | i | constant | 00 | k), K(0) = zeros */
static int kdf_block(struct crypto_shash *tfm, u8 *k, u32 i,
		     const u8 *constant, u32 kbits)
{
	u8 msg[KRBAP_BLOCK + 4 + 5 + 1 + 4];

	memcpy(msg, k, KRBAP_BLOCK);
	put_be32(msg + KRBAP_BLOCK, i);
	memcpy(msg + KRBAP_BLOCK + 4, constant, 5);
	msg[KRBAP_BLOCK + 9] = 0;
	put_be32(msg + KRBAP_BLOCK + 10, kbits);
	return crypto_shash_tfm_digest(tfm, msg, sizeof(msg), k);
}

static int derive_cmac(struct krbap_ukey *uk, const struct krbap_key *key,
		       u32 usage, u8 kind, u8 *out, size_t len)
{
	u8 constant[5], k[KRBAP_BLOCK] = { 0 };
	size_t done, n;
	u32 i;
	int err;

	krbap_usage_constant(constant, usage, kind);
	err = crypto_shash_setkey(uk->mac, key->bytes, key->et->keybytes);
	for (i = 1, done = 0; !err && done < len; i++, done += n) {
		err = kdf_block(uk->mac, k, i, constant, len * 8);
		n = min_t(size_t, len - done, KRBAP_BLOCK);
		if (!err)
			memcpy(out + done, k, n);
	}
	memzero_explicit(k, sizeof(k));
	return err;
}

static const struct krbap_etype_ops camellia_ops = {
	.derive		= derive_cmac,
	.setkeys	= krbap_simple_setkeys,
	.encrypt	= krbap_simple_encrypt,
	.decrypt	= krbap_simple_decrypt,
	.checksum	= krbap_simple_checksum,
};

const struct krbap_enctype krbap_et_camellia128 = {
	.etype		= KRBAP_ENCTYPE_CAMELLIA128_CTS_CMAC,
	.cksumtype	= KRBAP_CKSUMTYPE_CMAC_CAMELLIA128,
	.name		= "camellia128-cts-cmac",
	.keybytes	= 16,
	.conflen	= 16,
	.maclen		= 16,
	.cksumlen	= 16,
	.kilen		= 16,
	.cipher		= "cts(cbc(camellia))",
	.mac		= "cmac(camellia)",
	.ops		= &camellia_ops,
};

const struct krbap_enctype krbap_et_camellia256 = {
	.etype		= KRBAP_ENCTYPE_CAMELLIA256_CTS_CMAC,
	.cksumtype	= KRBAP_CKSUMTYPE_CMAC_CAMELLIA256,
	.name		= "camellia256-cts-cmac",
	.keybytes	= 32,
	.conflen	= 16,
	.maclen		= 16,
	.cksumlen	= 16,
	.kilen		= 32,
	.cipher		= "cts(cbc(camellia))",
	.mac		= "cmac(camellia)",
	.ops		= &camellia_ops,
};
