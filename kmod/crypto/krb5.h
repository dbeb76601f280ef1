/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kerberos encryption and checksum types (RFC 3961 and its enctype RFCs)
 * on the kernel crypto API.
 *
 * Keys come in two layers:
 *
 * struct krbap_key holds a base key (a keytab entry, a session key or a
 * subkey) and its enctype.  Initialising one allocates nothing.
 *
 * struct krbap_ukey is a base key prepared for one key usage: the derived
 * keys (Ke, Ki, Kc) live in transforms it allocated and keyed.  A prepared
 * ukey is read-only, so any number of threads may encrypt, decrypt and
 * checksum with it at once; the keystore caches the service key's usage 2
 * ukey this way.  krbap_ukey_rekey() points an existing ukey at another
 * usage (or another key of the same enctype) without allocating: the
 * accept path prepares the session key once for usage 11 and rekeys it to
 * usage 12 for the AP-REP.  Per-request ukeys come from
 * krbap_ukey_get() and go back with krbap_ukey_put(): a small pool per
 * enctype keeps their transforms, keyed with zeros while they wait, so
 * a login allocates no transform once the pool is warm.
 *
 * Buffers handed to krbap_encrypt() and krbap_decrypt() go into
 * scatterlists: they must be in the linear mapping (kmalloc), never on the
 * stack.  Checksum inputs may be anywhere.
 */
#ifndef KRBAP_CRYPTO_KRB5_H
#define KRBAP_CRYPTO_KRB5_H

#include <linux/types.h>
#include <uapi/linux/krbap.h>

/* RFC 3961 section 8 / IANA enctype numbers */
#define KRBAP_ENCTYPE_AES128_CTS_HMAC_SHA1_96		17
#define KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA1_96		18
#define KRBAP_ENCTYPE_AES128_CTS_HMAC_SHA256_128	19
#define KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA384_192	20
#define KRBAP_ENCTYPE_RC4_HMAC				23
#define KRBAP_ENCTYPE_CAMELLIA128_CTS_CMAC		25
#define KRBAP_ENCTYPE_CAMELLIA256_CTS_CMAC		26

/* checksum type numbers */
#define KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES128		15
#define KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES256		16
#define KRBAP_CKSUMTYPE_CMAC_CAMELLIA128		17
#define KRBAP_CKSUMTYPE_CMAC_CAMELLIA256		18
#define KRBAP_CKSUMTYPE_HMAC_SHA256_128_AES128		19
#define KRBAP_CKSUMTYPE_HMAC_SHA384_192_AES256		20
#define KRBAP_CKSUMTYPE_HMAC_MD5_ARCFOUR		(-138)

#define KRBAP_MAX_KEYBYTES	32
#define KRBAP_MAX_CKSUM		24
/* longest plaintext, ciphertext or checksummed input the API takes */
#define KRBAP_MAX_DATA		0x1000000

struct krbap_etype_ops;
struct crypto_sync_skcipher;
struct crypto_shash;

/**
 * struct krbap_enctype - a Kerberos encryption type
 * @etype: enctype number
 * @cksumtype: number of the keyed checksum that goes with it
 * @name: MIT name, e.g. "aes256-cts-hmac-sha1-96"
 * @keybytes: length of a base key
 * @conflen: length of the random confounder before the plaintext
 * @maclen: length of the integrity tag in a ciphertext
 * @cksumlen: length of a checksum
 * @kilen: length of the derived integrity and checksum keys (Ki, Kc)
 * @cipher: kernel crypto skcipher name, NULL if none is used
 * @mac: kernel crypto shash name of the integrity MAC
 * @ops: family operations (private to kmod/crypto)
 */
struct krbap_enctype {
	s32 etype;
	s32 cksumtype;
	const char *name;
	u8 keybytes;
	u8 conflen;
	u8 maclen;
	u8 cksumlen;
	u8 kilen;
	const char *cipher;
	const char *mac;
	const struct krbap_etype_ops *ops;
};

/**
 * struct krbap_key - a base key
 * @et: its enctype
 * @bytes: the key; @et->keybytes of it are used
 */
struct krbap_key {
	const struct krbap_enctype *et;
	u8 bytes[KRBAP_MAX_KEYBYTES];
};

/* what a ukey is prepared for */
#define KRBAP_KU_ENCRYPT	0x1	/* krbap_encrypt/decrypt: Ke, Ki */
#define KRBAP_KU_CHECKSUM	0x2	/* krbap_checksum_*: Kc */

/**
 * struct krbap_ukey - a base key prepared for one key usage
 * @et: enctype
 * @usage: RFC 4120 key usage number
 * @flags: KRBAP_KU_* it was prepared for
 * @enc: cipher keyed with Ke (KRBAP_KU_ENCRYPT; NULL for rc4-hmac)
 * @mac: MAC keyed with Ki (KRBAP_KU_ENCRYPT)
 * @cksum: MAC keyed with Kc (KRBAP_KU_CHECKSUM)
 * @aux: rc4-hmac only: unkeyed MD5 for its checksum
 *
 * All fields are private to kmod/crypto; callers only pass it around.
 */
struct krbap_ukey {
	const struct krbap_enctype *et;
	u32 usage;
	unsigned int flags;
	struct crypto_sync_skcipher *enc;
	struct crypto_shash *mac;
	struct crypto_shash *cksum;
	struct crypto_shash *aux;
};

int krbap_crypto_init(void);
void krbap_crypto_exit(void);
const struct krbap_enctype *krbap_enctype_find(s32 etype);
const struct krbap_enctype *krbap_enctype_by_cksumtype(s32 cksumtype);
enum krbap_etype_state krbap_crypto_etype_state(s32 etype);
unsigned int krbap_crypto_etypes(const s32 **etypes);

int krbap_key_init(struct krbap_key *key, s32 etype, const u8 *raw,
		   size_t len);
int krbap_random_key(s32 etype, struct krbap_key *key);
void krbap_key_destroy(struct krbap_key *key);

int krbap_ukey_init(struct krbap_ukey *uk, const struct krbap_key *key,
		    u32 usage, unsigned int flags);
int krbap_ukey_rekey(struct krbap_ukey *uk, const struct krbap_key *key,
		     u32 usage);
void krbap_ukey_destroy(struct krbap_ukey *uk);
int krbap_ukey_get(struct krbap_ukey *uk, const struct krbap_key *key,
		   u32 usage, unsigned int flags);
void krbap_ukey_put(struct krbap_ukey *uk);

size_t krbap_ciphertext_len(const struct krbap_enctype *et, size_t ptlen);
int krbap_plaintext_len(const struct krbap_enctype *et, size_t ctlen,
			size_t *ptlen);
int krbap_encrypt(const struct krbap_ukey *uk, const u8 *pt, size_t ptlen,
		  u8 *out, size_t outlen);
int krbap_decrypt(const struct krbap_ukey *uk, u8 *buf, size_t len,
		  size_t *ptoff, size_t *ptlen);

int krbap_checksum_make(const struct krbap_ukey *uk, const u8 *data,
			size_t len, u8 *out, size_t outlen);
int krbap_checksum_verify(const struct krbap_ukey *uk, const u8 *data,
			  size_t len, const u8 *cksum, size_t cklen);

int krbap_prf(const struct krbap_key *key, const u8 *in, size_t inlen,
	      u8 *out, size_t outlen);

#endif /* KRBAP_CRYPTO_KRB5_H */
