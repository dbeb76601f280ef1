// SPDX-License-Identifier: GPL-2.0-only
/*
 * The RFC 3961 simplified profile: n-fold, usage constants, CBC-CTS with a
 * zero IV, encrypt-then-truncated-MAC and keyed checksums.  RFC 8009 reuses
 * all of it except the MAC input, which is IV || C there.
 */
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "internal.h"

static unsigned int gcd(unsigned int a, unsigned int b)
{
	while (b) {
		unsigned int t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* byte @j of @in rotated right by @rot bits (as one big-endian number) */
static u8 rotated_byte(const u8 *in, size_t inlen, size_t j, size_t rot)
{
	size_t nbits = inlen * 8;
	size_t s = (j * 8 + nbits - rot % nbits) % nbits;
	unsigned int hi = in[s / 8], lo = in[(s / 8 + 1) % inlen];

	return ((hi << 8 | lo) >> (8 - s % 8)) & 0xff;
}

/**
 * krbap_nfold() - the n-fold function of RFC 3961 section 5.1
 * @in: input bytes
 * @inlen: input length, at least 1
 * @out: output, @outlen bytes
 * @outlen: output length, at least 1
 */
void krbap_nfold(const u8 *in, size_t inlen, u8 *out, size_t outlen)
{
	size_t total = inlen / gcd(inlen, outlen) * outlen;
	unsigned int carry = 0;
	size_t i;

	memset(out, 0, outlen);
	/*
	 * Add up the rotated copies from the least significant byte on; the
	 * carry out of a chunk's top byte flows into the next chunk's bottom
	 * byte, which is the ones' complement end-around carry.
	 */
	for (i = total; i-- > 0;) {
		carry += out[i % outlen] +
			 rotated_byte(in, inlen, i % inlen, 13 * (i / inlen));
		out[i % outlen] = carry & 0xff;
		carry >>= 8;
	}
	while (carry) {
		for (i = outlen; i-- > 0;) {
			carry += out[i];
			out[i] = carry & 0xff;
			carry >>= 8;
		}
	}
}

/**
 * krbap_usage_constant() - the 5-byte derivation constant usage | kind
 * @out: where it goes
 * @usage: key usage number
 * @kind: KRBAP_KIND_KC, _KE or _KI
 */
void krbap_usage_constant(u8 out[5], u32 usage, u8 kind)
{
	out[0] = usage >> 24;
	out[1] = usage >> 16;
	out[2] = usage >> 8;
	out[3] = usage;
	out[4] = kind;
}

/**
 * krbap_cts_crypt() - CBC with ciphertext stealing, zero IV, in place
 * @tfm: cts(cbc(...)) keyed with the key to use
 * @buf: data, in the linear mapping
 * @len: its length, at least one block
 * @enc: encrypt if true, else decrypt
 *
 * Return: 0 or a negative errno.
 */
int krbap_cts_crypt(struct crypto_sync_skcipher *tfm, u8 *buf, size_t len,
		    bool enc)
{
	SYNC_SKCIPHER_REQUEST_ON_STACK(req, tfm);
	u8 iv[KRBAP_BLOCK] = { 0 };
	struct scatterlist sg;
	int err;

	if (len < KRBAP_BLOCK || len > UINT_MAX)
		return -EINVAL;
	sg_init_one(&sg, buf, len);
	skcipher_request_set_sync_tfm(req, tfm);
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, &sg, &sg, len, iv);
	err = enc ? crypto_skcipher_encrypt(req) : crypto_skcipher_decrypt(req);
	skcipher_request_zero(req);
	return err;
}

/**
 * krbap_mac() - MAC of pre || data, truncated
 * @tfm: keyed shash
 * @pre: optional prefix (may be NULL when @prelen is 0)
 * @prelen: its length
 * @data: the data
 * @len: its length
 * @out: the truncated MAC
 * @outlen: how much of it to keep, at most the digest size
 *
 * Return: 0 or a negative errno.
 */
int krbap_mac(struct crypto_shash *tfm, const u8 *pre, size_t prelen,
	      const u8 *data, size_t len, u8 *out, size_t outlen)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	u8 full[64];
	int err;

	if (crypto_shash_digestsize(tfm) > sizeof(full) ||
	    outlen > crypto_shash_digestsize(tfm))
		return -EINVAL;
	desc->tfm = tfm;
	err = crypto_shash_init(desc);
	if (!err && prelen)
		err = crypto_shash_update(desc, pre, prelen);
	if (!err)
		err = crypto_shash_update(desc, data, len);
	if (!err)
		err = crypto_shash_final(desc, full);
	shash_desc_zero(desc);
	if (!err)
		memcpy(out, full, outlen);
	memzero_explicit(full, sizeof(full));
	return err;
}

/**
 * krbap_simple_setkeys() - derive Ke, Ki and Kc and key the transforms
 * @uk: ukey whose transforms are allocated
 * @key: base key
 * @usage: key usage
 *
 * Return: 0 or a negative errno.
 */
int krbap_simple_setkeys(struct krbap_ukey *uk, const struct krbap_key *key,
			 u32 usage)
{
	const struct krbap_enctype *et = key->et;
	u8 ke[KRBAP_MAX_KEYBYTES], ki[KRBAP_MAX_KEYBYTES];
	u8 kc[KRBAP_MAX_KEYBYTES];
	int err;

	err = et->ops->derive(uk, key, usage, KRBAP_KIND_KE, ke, et->keybytes);
	if (!err)
		err = et->ops->derive(uk, key, usage, KRBAP_KIND_KI, ki,
				      et->kilen);
	if (!err && uk->cksum)
		err = et->ops->derive(uk, key, usage, KRBAP_KIND_KC, kc,
				      et->kilen);
	if (!err)
		err = crypto_sync_skcipher_setkey(uk->enc, ke, et->keybytes);
	if (!err)
		err = crypto_shash_setkey(uk->mac, ki, et->kilen);
	if (!err && uk->cksum)
		err = crypto_shash_setkey(uk->cksum, kc, et->kilen);
	memzero_explicit(ke, sizeof(ke));
	memzero_explicit(ki, sizeof(ki));
	memzero_explicit(kc, sizeof(kc));
	return err;
}

/**
 * krbap_simple_encrypt() - encrypt conf || pt in place and append the tag
 * @uk: prepared ukey
 * @buf: conf || pt, with room for the tag after it
 * @ptlen: plaintext length
 *
 * Return: 0 or a negative errno.
 */
int krbap_simple_encrypt(const struct krbap_ukey *uk, u8 *buf, size_t ptlen)
{
	static const u8 zero_iv[KRBAP_BLOCK];
	const struct krbap_enctype *et = uk->et;
	size_t len = et->conflen + ptlen;
	int err;

	if (et->ops->mac_over_ct) {
		err = krbap_cts_crypt(uk->enc, buf, len, true);
		if (!err)
			err = krbap_mac(uk->mac, zero_iv, sizeof(zero_iv), buf,
					len, buf + len, et->maclen);
		return err;
	}
	err = krbap_mac(uk->mac, NULL, 0, buf, len, buf + len, et->maclen);
	if (!err)
		err = krbap_cts_crypt(uk->enc, buf, len, true);
	return err;
}

static int check_tag(const struct krbap_ukey *uk, const u8 *pre,
		     size_t prelen, const u8 *data, size_t len, const u8 *tag)
{
	u8 want[KRBAP_MAX_CKSUM];
	int err;

	err = krbap_mac(uk->mac, pre, prelen, data, len, want, uk->et->maclen);
	if (!err && crypto_memneq(want, tag, uk->et->maclen))
		err = -EBADMSG;
	memzero_explicit(want, sizeof(want));
	return err;
}

/**
 * krbap_simple_decrypt() - check and decrypt in place
 * @uk: prepared ukey
 * @buf: ciphertext || tag
 * @len: its length
 * @ptoff: where the plaintext starts in @buf
 * @ptlen: plaintext length
 *
 * Return: 0, -EBADMSG if the tag does not match, or another negative errno.
 */
int krbap_simple_decrypt(const struct krbap_ukey *uk, u8 *buf, size_t len,
			 size_t *ptoff, size_t *ptlen)
{
	static const u8 zero_iv[KRBAP_BLOCK];
	const struct krbap_enctype *et = uk->et;
	size_t clen;
	int err;

	if (len < (size_t)et->conflen + et->maclen)
		return -EBADMSG;
	clen = len - et->maclen;
	if (et->ops->mac_over_ct) {
		err = check_tag(uk, zero_iv, sizeof(zero_iv), buf, clen,
				buf + clen);
		if (!err)
			err = krbap_cts_crypt(uk->enc, buf, clen, false);
	} else {
		err = krbap_cts_crypt(uk->enc, buf, clen, false);
		if (!err)
			err = check_tag(uk, NULL, 0, buf, clen, buf + clen);
		if (err)
			memzero_explicit(buf, clen);
	}
	if (err)
		return err;
	*ptoff = et->conflen;
	*ptlen = clen - et->conflen;
	return 0;
}

/**
 * krbap_simple_checksum() - MAC(Kc, data), full length for the checksum type
 * @uk: ukey prepared with KRBAP_KU_CHECKSUM
 * @data: data
 * @len: its length
 * @out: @uk->et->cksumlen bytes
 *
 * Return: 0 or a negative errno.
 */
int krbap_simple_checksum(const struct krbap_ukey *uk, const u8 *data,
			  size_t len, u8 *out)
{
	return krbap_mac(uk->cksum, NULL, 0, data, len, out, uk->et->cksumlen);
}
