// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 3962: aes128-cts-hmac-sha1-96 (17) and aes256-cts-hmac-sha1-96 (18).
 * Keys are derived with the RFC 3961 DK function over AES; the tag is
 * HMAC-SHA1 over confounder || plaintext, truncated to 96 bits.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/skcipher.h>

#include "internal.h"

/* DR(key, constant): AES blocks chained from n-fold(constant) */
static int dr_aes(struct krbap_ukey *uk, const struct krbap_key *key,
		  u32 usage, u8 kind, u8 *out, size_t len)
{
	u8 constant[5];
	size_t done, n;
	u8 *block;
	int err;

	block = kmalloc(KRBAP_BLOCK, GFP_ATOMIC);
	if (!block)
		return -ENOMEM;
	krbap_usage_constant(constant, usage, kind);
	krbap_nfold(constant, sizeof(constant), block, KRBAP_BLOCK);
	err = crypto_sync_skcipher_setkey(uk->enc, key->bytes,
					  key->et->keybytes);
	for (done = 0; !err && done < len; done += n) {
		err = krbap_cts_crypt(uk->enc, block, KRBAP_BLOCK, true);
		n = min_t(size_t, len - done, KRBAP_BLOCK);
		if (!err)
			memcpy(out + done, block, n);
	}
	kfree_sensitive(block);
	return err;
}

static const struct krbap_etype_ops aes_sha1_ops = {
	.derive		= dr_aes,
	.setkeys	= krbap_simple_setkeys,
	.encrypt	= krbap_simple_encrypt,
	.decrypt	= krbap_simple_decrypt,
	.checksum	= krbap_simple_checksum,
};

const struct krbap_enctype krbap_et_aes128_sha1 = {
	.etype		= KRBAP_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
	.cksumtype	= KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES128,
	.name		= "aes128-cts-hmac-sha1-96",
	.keybytes	= 16,
	.conflen	= 16,
	.maclen		= 12,
	.cksumlen	= 12,
	.kilen		= 16,
	.cipher		= "cts(cbc(aes))",
	.mac		= "hmac(sha1)",
	.ops		= &aes_sha1_ops,
};

const struct krbap_enctype krbap_et_aes256_sha1 = {
	.etype		= KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	.cksumtype	= KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES256,
	.name		= "aes256-cts-hmac-sha1-96",
	.keybytes	= 32,
	.conflen	= 16,
	.maclen		= 12,
	.cksumlen	= 12,
	.kilen		= 32,
	.cipher		= "cts(cbc(aes))",
	.mac		= "hmac(sha1)",
	.ops		= &aes_sha1_ops,
};
