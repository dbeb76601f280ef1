// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host shim: the kernel crypto API calls kmod/crypto makes, on OpenSSL 3.
 *
 *   cts(cbc(aes|camellia))   EVP "<CIPHER>-<bits>-CBC-CTS", CS3 (Kerberos)
 *   hmac(sha1|sha256|sha384|md5), cmac(camellia), md5
 *   lib/crypto arc4 (RC4 is only in OpenSSL's legacy provider; a dozen
 *   lines here are simpler than loading it)
 *
 * Transforms come from kmalloc(), so shim_fail_alloc_after makes their
 * allocation fail like the kernel's would.
 */
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/arc4.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

struct crypto_sync_skcipher {
	const char *family;		/* "AES" or "CAMELLIA" */
	unsigned char key[32];
	unsigned int keylen;
};

struct crypto_shash {
	EVP_MAC *mac;			/* NULL for an unkeyed digest */
	const EVP_MD *md;
	const char *digest;		/* HMAC digest name */
	unsigned int size;
	unsigned char key[64];
	unsigned int keylen;
	int cmac;
};

struct crypto_sync_skcipher *crypto_alloc_sync_skcipher(const char *name,
							u32 type, u32 mask)
{
	struct crypto_sync_skcipher *tfm;
	const char *family;

	if (!strcmp(name, "cts(cbc(aes))"))
		family = "AES";
	else if (!strcmp(name, "cts(cbc(camellia))"))
		family = "CAMELLIA";
	else
		return ERR_PTR(-ENOENT);
	tfm = kzalloc(sizeof(*tfm), GFP_KERNEL);
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	tfm->family = family;
	return tfm;
}

void crypto_free_sync_skcipher(struct crypto_sync_skcipher *tfm)
{
	if (!tfm)
		return;
	memzero_explicit(tfm, sizeof(*tfm));
	kfree(tfm);
}

int crypto_sync_skcipher_setkey(struct crypto_sync_skcipher *tfm,
				const u8 *key, unsigned int len)
{
	if (len != 16 && len != 24 && len != 32)
		return -EINVAL;
	memcpy(tfm->key, key, len);
	tfm->keylen = len;
	return 0;
}

unsigned int crypto_sync_skcipher_ivsize(struct crypto_sync_skcipher *tfm)
{
	return 16;
}

unsigned int crypto_sync_skcipher_blocksize(struct crypto_sync_skcipher *tfm)
{
	return 1;
}

static int cts_crypt(struct skcipher_request *req, int enc)
{
	struct crypto_sync_skcipher *tfm = req->tfm;
	char name[48];
	EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx;
	OSSL_PARAM params[2];
	int outl = 0, ok;

	if (!tfm->keylen)
		return -ENOKEY;
	if (req->len < 16 || req->src != req->dst)
		return -EINVAL;
	snprintf(name, sizeof(name), "%s-%u-CBC%s", tfm->family,
		 tfm->keylen * 8, req->len == 16 ? "" : "-CTS");
	c = EVP_CIPHER_fetch(NULL, name, NULL);
	ctx = EVP_CIPHER_CTX_new();
	params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_CIPHER_PARAM_CTS_MODE, "CS3", 0);
	params[1] = OSSL_PARAM_construct_end();
	ok = c && ctx &&
	     EVP_CipherInit_ex2(ctx, c, tfm->key, req->iv, enc,
				req->len == 16 ? NULL : params) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_CipherUpdate(ctx, req->src->buf, &outl, req->src->buf,
			      req->len) &&
	     outl == (int)req->len;
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok ? 0 : -EIO;
}

int crypto_skcipher_encrypt(struct skcipher_request *req)
{
	return cts_crypt(req, 1);
}

int crypto_skcipher_decrypt(struct skcipher_request *req)
{
	return cts_crypt(req, 0);
}

struct crypto_shash *crypto_alloc_shash(const char *name, u32 type, u32 mask)
{
	static const struct { const char *name, *digest; unsigned int size; }
	hmacs[] = {
		{ "hmac(sha1)", "SHA1", 20 },
		{ "hmac(sha256)", "SHA256", 32 },
		{ "hmac(sha384)", "SHA384", 48 },
		{ "hmac(md5)", "MD5", 16 },
	};
	struct crypto_shash *tfm;
	size_t i;

	tfm = kzalloc(sizeof(*tfm), GFP_KERNEL);
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < sizeof(hmacs) / sizeof(hmacs[0]); i++) {
		if (strcmp(name, hmacs[i].name))
			continue;
		tfm->mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
		tfm->digest = hmacs[i].digest;
		tfm->size = hmacs[i].size;
		return tfm;
	}
	if (!strcmp(name, "cmac(camellia)")) {
		tfm->mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
		tfm->cmac = 1;
		tfm->size = 16;
	} else if (!strcmp(name, "md5")) {
		tfm->md = EVP_md5();
		tfm->size = 16;
	} else {
		kfree(tfm);
		return ERR_PTR(-ENOENT);
	}
	return tfm;
}

void crypto_free_shash(struct crypto_shash *tfm)
{
	if (!tfm)
		return;
	EVP_MAC_free(tfm->mac);
	memzero_explicit(tfm, sizeof(*tfm));
	kfree(tfm);
}

int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key,
			unsigned int len)
{
	if (!tfm->mac || len > sizeof(tfm->key))
		return -EINVAL;
	if (tfm->cmac && len != 16 && len != 24 && len != 32)
		return -EINVAL;
	memcpy(tfm->key, key, len);
	tfm->keylen = len;
	return 0;
}

unsigned int crypto_shash_digestsize(struct crypto_shash *tfm)
{
	return tfm->size;
}

static int mac_init(struct shash_desc *desc)
{
	struct crypto_shash *tfm = desc->tfm;
	char cipher[32];
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx;

	if (!tfm->keylen)
		return -ENOKEY;
	if (tfm->cmac) {
		snprintf(cipher, sizeof(cipher), "CAMELLIA-%u-CBC",
			 tfm->keylen * 8);
		params[0] = OSSL_PARAM_construct_utf8_string(
				OSSL_MAC_PARAM_CIPHER, cipher, 0);
	} else {
		params[0] = OSSL_PARAM_construct_utf8_string(
				OSSL_MAC_PARAM_DIGEST, (char *)tfm->digest, 0);
	}
	params[1] = OSSL_PARAM_construct_end();
	ctx = EVP_MAC_CTX_new(tfm->mac);
	if (!ctx || !EVP_MAC_init(ctx, tfm->key, tfm->keylen, params)) {
		EVP_MAC_CTX_free(ctx);
		return -EIO;
	}
	desc->ctx = ctx;
	return 0;
}

int crypto_shash_init(struct shash_desc *desc)
{
	EVP_MD_CTX *ctx;

	shash_desc_zero(desc);
	if (desc->tfm->mac)
		return mac_init(desc);
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, desc->tfm->md, NULL)) {
		EVP_MD_CTX_free(ctx);
		return -EIO;
	}
	desc->ctx = ctx;
	return 0;
}

int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len)
{
	int ok;

	if (!desc->ctx)
		return -EINVAL;
	if (desc->tfm->mac)
		ok = EVP_MAC_update(desc->ctx, data, len);
	else
		ok = EVP_DigestUpdate(desc->ctx, data, len);
	return ok ? 0 : -EIO;
}

int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	unsigned char buf[64];
	size_t outl = 0;
	unsigned int mdl = 0;
	int ok;

	if (!desc->ctx)
		return -EINVAL;
	if (desc->tfm->mac) {
		ok = EVP_MAC_final(desc->ctx, buf, &outl, sizeof(buf));
	} else {
		ok = EVP_DigestFinal_ex(desc->ctx, buf, &mdl);
		outl = mdl;
	}
	shash_desc_zero(desc);
	if (!ok || outl != desc->tfm->size)
		return -EIO;
	memcpy(out, buf, outl);
	return 0;
}

int crypto_shash_digest(struct shash_desc *desc, const u8 *data,
			unsigned int len, u8 *out)
{
	int err = crypto_shash_init(desc);

	if (!err)
		err = crypto_shash_update(desc, data, len);
	if (!err)
		err = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return err;
}

int crypto_shash_tfm_digest(struct crypto_shash *tfm, const u8 *data,
			    unsigned int len, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);

	return crypto_shash_digest(desc, data, len, out);
}

void shash_desc_zero(struct shash_desc *desc)
{
	if (!desc->ctx)
		return;
	if (desc->tfm->mac)
		EVP_MAC_CTX_free(desc->ctx);
	else
		EVP_MD_CTX_free(desc->ctx);
	desc->ctx = NULL;
}

int arc4_setkey(struct arc4_ctx *ctx, const u8 *in_key, unsigned int key_len)
{
	unsigned int i, j = 0, t;

	for (i = 0; i < 256; i++)
		ctx->S[i] = i;
	for (i = 0; i < 256; i++) {
		j = (j + ctx->S[i] + in_key[i % key_len]) & 0xff;
		t = ctx->S[i];
		ctx->S[i] = ctx->S[j];
		ctx->S[j] = t;
	}
	ctx->x = 0;
	ctx->y = 0;
	return 0;
}

void arc4_crypt(struct arc4_ctx *ctx, u8 *out, const u8 *in, unsigned int len)
{
	unsigned int t;

	while (len--) {
		ctx->x = (ctx->x + 1) & 0xff;
		ctx->y = (ctx->y + ctx->S[ctx->x]) & 0xff;
		t = ctx->S[ctx->x];
		ctx->S[ctx->x] = ctx->S[ctx->y];
		ctx->S[ctx->y] = t;
		*out++ = *in++ ^ ctx->S[(ctx->S[ctx->x] + ctx->S[ctx->y]) & 0xff];
	}
}

static bool all_zero(const unsigned char *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/* for tests: whether a transform holds nothing but zeros of a key */
bool shim_skcipher_key_zero(const struct crypto_sync_skcipher *tfm)
{
	return all_zero(tfm->key, sizeof(tfm->key));
}

bool shim_shash_key_zero(const struct crypto_shash *tfm)
{
	return all_zero(tfm->key, sizeof(tfm->key));
}
