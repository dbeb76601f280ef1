// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 4757: rc4-hmac (23), for Active Directory installations that still
 * need it.  Built in, but the caller refuses it unless the admin enabled
 * it.  RC4 comes from lib/crypto (the crypto API's arc4 is not in Debian's
 * 6.1 config); HMAC-MD5 and MD5 from the crypto API.
 *
 * Ciphertext: HMAC(K1, conf | data) | RC4(K3, conf | data), with
 * K1 = HMAC(K, ms_usage) and K3 = HMAC(K1, checksum).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/arc4.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>

#include "internal.h"

#define RC4_TAG		16
#define RC4_CONF	8

/* RFC 4757 section 3: the usage numbers Windows uses */
static u32 ms_usage(u32 usage)
{
	switch (usage) {
	case 3:
	case 9:
		return 8;
	case 23:
		return 13;
	default:
		return usage;
	}
}

static void put_le32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static int rc4_derive(struct krbap_ukey *uk, const struct krbap_key *key,
		      u32 usage, u8 kind, u8 *out, size_t len)
{
	static const u8 sigkey[] = "signaturekey";
	u8 le[4];
	int err;

	if (len != 16)
		return -EINVAL;
	err = crypto_shash_setkey(uk->mac, key->bytes, key->et->keybytes);
	if (err)
		return err;
	if (kind == KRBAP_KIND_KC)
		return crypto_shash_tfm_digest(uk->mac, sigkey, sizeof(sigkey),
					       out);
	put_le32(le, ms_usage(usage));
	return crypto_shash_tfm_digest(uk->mac, le, sizeof(le), out);
}

static int rc4_setkeys(struct krbap_ukey *uk, const struct krbap_key *key,
		       u32 usage)
{
	u8 k1[16], ksign[16];
	int err;

	err = rc4_derive(uk, key, usage, KRBAP_KIND_KI, k1, sizeof(k1));
	if (!err && uk->cksum)
		err = rc4_derive(uk, key, usage, KRBAP_KIND_KC, ksign,
				 sizeof(ksign));
	if (!err)
		err = crypto_shash_setkey(uk->mac, k1, sizeof(k1));
	if (!err && uk->cksum)
		err = crypto_shash_setkey(uk->cksum, ksign, sizeof(ksign));
	memzero_explicit(k1, sizeof(k1));
	memzero_explicit(ksign, sizeof(ksign));
	return err;
}

/* RC4 under K3 = HMAC(K1, tag), in place */
static int rc4_crypt(const struct krbap_ukey *uk, const u8 *tag, u8 *buf,
		     size_t len)
{
	struct arc4_ctx *ctx;
	u8 k3[16];
	int err;

	if (len > UINT_MAX)
		return -EMSGSIZE;
	ctx = kmalloc(sizeof(*ctx), GFP_ATOMIC);
	if (!ctx)
		return -ENOMEM;
	err = crypto_shash_tfm_digest(uk->mac, tag, RC4_TAG, k3);
	if (!err)
		err = arc4_setkey(ctx, k3, sizeof(k3));
	if (!err)
		arc4_crypt(ctx, buf, buf, len);
	memzero_explicit(k3, sizeof(k3));
	kfree_sensitive(ctx);
	return err;
}

/* @buf holds conf | pt; the result is tag | RC4(conf | pt) */
static int rc4_encrypt(const struct krbap_ukey *uk, u8 *buf, size_t ptlen)
{
	size_t len = RC4_CONF + ptlen;
	int err;

	memmove(buf + RC4_TAG, buf, len);
	err = crypto_shash_tfm_digest(uk->mac, buf + RC4_TAG, len, buf);
	if (!err)
		err = rc4_crypt(uk, buf, buf + RC4_TAG, len);
	return err;
}

static int rc4_decrypt(const struct krbap_ukey *uk, u8 *buf, size_t len,
		       size_t *ptoff, size_t *ptlen)
{
	u8 want[RC4_TAG];
	int err;

	if (len < RC4_TAG + RC4_CONF)
		return -EBADMSG;
	err = rc4_crypt(uk, buf, buf + RC4_TAG, len - RC4_TAG);
	if (!err)
		err = crypto_shash_tfm_digest(uk->mac, buf + RC4_TAG,
					      len - RC4_TAG, want);
	if (!err && crypto_memneq(want, buf, RC4_TAG))
		err = -EBADMSG;
	memzero_explicit(want, sizeof(want));
	if (err) {
		memzero_explicit(buf, len);
		return err;
	}
	*ptoff = RC4_TAG + RC4_CONF;
	*ptlen = len - RC4_TAG - RC4_CONF;
	return 0;
}

/* hmac-md5 (-138): HMAC(Ksign, MD5(ms_usage | data)) */
static int rc4_checksum(const struct krbap_ukey *uk, const u8 *data,
			size_t len, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, uk->aux);
	u8 le[4], md[16];
	int err;

	put_le32(le, ms_usage(uk->usage));
	desc->tfm = uk->aux;
	err = crypto_shash_init(desc);
	if (!err)
		err = crypto_shash_update(desc, le, sizeof(le));
	if (!err)
		err = crypto_shash_update(desc, data, len);
	if (!err)
		err = crypto_shash_final(desc, md);
	shash_desc_zero(desc);
	if (!err)
		err = crypto_shash_tfm_digest(uk->cksum, md, sizeof(md), out);
	return err;
}

static const struct krbap_etype_ops rc4_ops = {
	.derive		= rc4_derive,
	.setkeys	= rc4_setkeys,
	.encrypt	= rc4_encrypt,
	.decrypt	= rc4_decrypt,
	.checksum	= rc4_checksum,
	.aux		= "md5",
};

const struct krbap_enctype krbap_et_rc4_hmac = {
	.etype		= KRBAP_ENCTYPE_RC4_HMAC,
	.cksumtype	= KRBAP_CKSUMTYPE_HMAC_MD5_ARCFOUR,
	.name		= "arcfour-hmac",
	.keybytes	= 16,
	.conflen	= RC4_CONF,
	.maclen		= RC4_TAG,
	.cksumlen	= 16,
	.kilen		= 16,
	.cipher		= NULL,
	.mac		= "hmac(md5)",
	.ops		= &rc4_ops,
};
