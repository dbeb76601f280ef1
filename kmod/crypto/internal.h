/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared between the RFC 3961 framework, the enctype families and the
 * self-test.  Nothing outside kmod/crypto includes this.
 */
#ifndef KRBAP_CRYPTO_INTERNAL_H
#define KRBAP_CRYPTO_INTERNAL_H

#include "krb5.h"

/* RFC 3961 key derivation constants: usage | kind */
#define KRBAP_KIND_KC	0x99
#define KRBAP_KIND_KE	0xaa
#define KRBAP_KIND_KI	0x55

#define KRBAP_BLOCK	16

/**
 * struct krbap_etype_ops - what differs between enctype families
 * @derive: derive the @kind key for @usage into @out (@len bytes), with
 *          @uk's transforms as scratch (they are rekeyed afterwards)
 * @setkeys: derive and install Ke/Ki/Kc for @usage into @uk's transforms
 * @encrypt: encrypt conf || pt already laid out in @buf; append the tag
 * @decrypt: check and decrypt @buf in place
 * @checksum: full-length checksum of @data into @out
 * @prf: RFC 3961 PRF, NULL if not provided
 * @aux: unkeyed hash a checksum needs besides @cksum, or NULL
 * @cksum_mac: shash name for checksums if it differs from the MAC
 * @mac_over_ct: the tag covers IV || ciphertext (RFC 8009), not
 *               confounder || plaintext (RFC 3961)
 */
struct krbap_etype_ops {
	int (*derive)(struct krbap_ukey *uk, const struct krbap_key *key,
		      u32 usage, u8 kind, u8 *out, size_t len);
	int (*setkeys)(struct krbap_ukey *uk, const struct krbap_key *key,
		       u32 usage);
	int (*encrypt)(const struct krbap_ukey *uk, u8 *buf, size_t ptlen);
	int (*decrypt)(const struct krbap_ukey *uk, u8 *buf, size_t len,
		       size_t *ptoff, size_t *ptlen);
	int (*checksum)(const struct krbap_ukey *uk, const u8 *data,
			size_t len, u8 *out);
	int (*prf)(const struct krbap_key *key, const u8 *in, size_t inlen,
		   u8 *out, size_t outlen);
	const char *aux;
	const char *cksum_mac;
	bool mac_over_ct;
};

extern const struct krbap_enctype krbap_et_aes128_sha1;
extern const struct krbap_enctype krbap_et_aes256_sha1;
extern const struct krbap_enctype krbap_et_aes128_sha256;
extern const struct krbap_enctype krbap_et_aes256_sha384;
extern const struct krbap_enctype krbap_et_camellia128;
extern const struct krbap_enctype krbap_et_camellia256;
extern const struct krbap_enctype krbap_et_rc4_hmac;

/* rfc3961.c: the simplified profile and helpers for the families */
void krbap_nfold(const u8 *in, size_t inlen, u8 *out, size_t outlen);
void krbap_usage_constant(u8 out[5], u32 usage, u8 kind);
int krbap_cts_crypt(struct crypto_sync_skcipher *tfm, u8 *buf, size_t len,
		    bool enc);
int krbap_mac(struct crypto_shash *tfm, const u8 *pre, size_t prelen,
	      const u8 *data, size_t len, u8 *out, size_t outlen);
int krbap_simple_setkeys(struct krbap_ukey *uk, const struct krbap_key *key,
			 u32 usage);
int krbap_simple_encrypt(const struct krbap_ukey *uk, u8 *buf, size_t ptlen);
int krbap_simple_decrypt(const struct krbap_ukey *uk, u8 *buf, size_t len,
			 size_t *ptoff, size_t *ptlen);
int krbap_simple_checksum(const struct krbap_ukey *uk, const u8 *data,
			  size_t len, u8 *out);
const struct krbap_enctype *krbap_enctype_lookup(s32 etype);

/* for the self-test and the unit tests */
int krbap_encrypt_conf(const struct krbap_ukey *uk, const u8 *conf,
		       const u8 *pt, size_t ptlen, u8 *out, size_t outlen);
int krbap_derive_key(const struct krbap_key *key, u32 usage, u8 kind,
		     u8 *out, size_t len);
int krbap_key_init_et(struct krbap_key *key, const struct krbap_enctype *et,
		      const u8 *raw, size_t len);
int krbap_selftest_etype(const struct krbap_enctype *et);

#endif /* KRBAP_CRYPTO_INTERNAL_H */
