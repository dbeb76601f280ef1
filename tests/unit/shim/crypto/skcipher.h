/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: the synchronous skcipher API, backed by OpenSSL in
 * crypto_openssl.c.  Only in-place requests on one linear buffer.
 */
#ifndef KRBAP_SHIM_CRYPTO_SKCIPHER_H
#define KRBAP_SHIM_CRYPTO_SKCIPHER_H

#include <string.h>
#include <linux/types.h>
#include <linux/scatterlist.h>

struct crypto_sync_skcipher;

struct skcipher_request {
	struct crypto_sync_skcipher *tfm;
	struct scatterlist *src, *dst;
	unsigned int len;
	u8 *iv;
};

#define SYNC_SKCIPHER_REQUEST_ON_STACK(name, t)				\
	struct skcipher_request name##_req_ = { .tfm = (t) },		\
		*name = &name##_req_

struct crypto_sync_skcipher *crypto_alloc_sync_skcipher(const char *name,
							u32 type, u32 mask);
void crypto_free_sync_skcipher(struct crypto_sync_skcipher *tfm);
int crypto_sync_skcipher_setkey(struct crypto_sync_skcipher *tfm,
				const u8 *key, unsigned int len);
unsigned int crypto_sync_skcipher_ivsize(struct crypto_sync_skcipher *tfm);
unsigned int crypto_sync_skcipher_blocksize(struct crypto_sync_skcipher *tfm);
int crypto_skcipher_encrypt(struct skcipher_request *req);
int crypto_skcipher_decrypt(struct skcipher_request *req);

static inline void skcipher_request_set_sync_tfm(struct skcipher_request *req,
						 struct crypto_sync_skcipher *t)
{
	req->tfm = t;
}

static inline void skcipher_request_set_callback(struct skcipher_request *req,
						 u32 flags, void *compl,
						 void *data)
{
}

static inline void skcipher_request_set_crypt(struct skcipher_request *req,
					      struct scatterlist *src,
					      struct scatterlist *dst,
					      unsigned int len, void *iv)
{
	req->src = src;
	req->dst = dst;
	req->len = len;
	req->iv = iv;
}

static inline void skcipher_request_zero(struct skcipher_request *req)
{
	memset(req, 0, sizeof(*req));
}

#endif
