// SPDX-License-Identifier: GPL-2.0-only
/*
 * The prepared-key API of kmod/crypto: enctype table and state, base keys,
 * ukeys, and the encrypt/decrypt/checksum entry points.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "internal.h"

static const struct krbap_enctype *const etypes[] = {
	&krbap_et_aes256_sha1,
	&krbap_et_aes128_sha1,
	&krbap_et_aes256_sha384,
	&krbap_et_aes128_sha256,
	&krbap_et_camellia256,
	&krbap_et_camellia128,
	&krbap_et_rc4_hmac,
};

static const s32 etype_ids[] = {
	KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	KRBAP_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
	KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
	KRBAP_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
	KRBAP_ENCTYPE_CAMELLIA256_CTS_CMAC,
	KRBAP_ENCTYPE_CAMELLIA128_CTS_CMAC,
	KRBAP_ENCTYPE_RC4_HMAC,
};

/* written only by krbap_crypto_init(), before anyone can look */
static enum krbap_etype_state etype_states[ARRAY_SIZE(etypes)] = {
	[0 ... ARRAY_SIZE(etypes) - 1] = KRBAP_ETYPE_UNAVAILABLE,
};

/*
 * Transforms kept for reuse, per CPU, enctype and KRBAP_KU_* flag set, so
 * that a login prepares its session key without allocating (DESIGN.md)
 * and concurrent logins on different CPUs share no lock.  A pooled ukey
 * holds no key: every transform in it is keyed with zeros.
 */
#define POOL_SIZE	8
#define POOL_FLAGS	(KRBAP_KU_ENCRYPT | KRBAP_KU_CHECKSUM)

struct ukey_pool {
	spinlock_t lock;	/* n and uk[]; another CPU may drain or fill it */
	unsigned int n;
	struct krbap_ukey uk[POOL_SIZE];
};

struct ukey_pools {
	struct ukey_pool p[ARRAY_SIZE(etypes)][POOL_FLAGS];
};

static struct ukey_pools __percpu *pools;

static int etype_index(s32 etype)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(etypes); i++)
		if (etypes[i]->etype == etype)
			return i;
	return -1;
}

/**
 * krbap_enctype_lookup() - a built-in enctype whatever its state
 * @etype: enctype number
 *
 * Return: the enctype, or NULL if it is not built in.
 */
const struct krbap_enctype *krbap_enctype_lookup(s32 etype)
{
	int i = etype_index(etype);

	return i < 0 ? NULL : etypes[i];
}

/**
 * krbap_enctype_find() - an enctype that may be used
 * @etype: enctype number
 *
 * Admin policy (rc4-hmac off by default) is the caller's business.
 *
 * Return: the enctype if it is built in and passed its self-test, else NULL.
 */
const struct krbap_enctype *krbap_enctype_find(s32 etype)
{
	int i = etype_index(etype);

	if (i < 0 || etype_states[i] != KRBAP_ETYPE_ENABLED)
		return NULL;
	return etypes[i];
}

/**
 * krbap_enctype_by_cksumtype() - the usable enctype whose checksum this is
 * @cksumtype: checksum type number
 *
 * Return: the enctype, or NULL if none that may be used has it.
 */
const struct krbap_enctype *krbap_enctype_by_cksumtype(s32 cksumtype)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(etypes); i++)
		if (etypes[i]->cksumtype == cksumtype)
			return krbap_enctype_find(etypes[i]->etype);
	return NULL;
}

/**
 * krbap_crypto_etype_state() - self-test state of an enctype
 * @etype: enctype number
 *
 * Return: KRBAP_ETYPE_ENABLED, _FAILED or _UNAVAILABLE (also for enctypes
 * that are not built in).  KRBAP_ETYPE_DISABLED is the caller's to apply.
 */
enum krbap_etype_state krbap_crypto_etype_state(s32 etype)
{
	int i = etype_index(etype);

	return i < 0 ? KRBAP_ETYPE_UNAVAILABLE : etype_states[i];
}

/**
 * krbap_crypto_etypes() - the built-in enctypes, in preference order
 * @ids: set to the array of enctype numbers
 *
 * Return: the number of entries in *@ids.
 */
unsigned int krbap_crypto_etypes(const s32 **ids)
{
	BUILD_BUG_ON(ARRAY_SIZE(etype_ids) != ARRAY_SIZE(etypes));
	*ids = etype_ids;
	return ARRAY_SIZE(etype_ids);
}

/**
 * krbap_key_init_et() - set up a base key of a given enctype
 * @key: the key
 * @et: its enctype
 * @raw: key bytes
 * @len: their number, must be @et->keybytes
 *
 * Return: 0, or -EINVAL on a length mismatch.
 */
int krbap_key_init_et(struct krbap_key *key, const struct krbap_enctype *et,
		      const u8 *raw, size_t len)
{
	if (len != et->keybytes)
		return -EINVAL;
	key->et = et;
	memcpy(key->bytes, raw, len);
	return 0;
}

/**
 * krbap_key_init() - set up a base key; allocates nothing
 * @key: the key
 * @etype: enctype number
 * @raw: key bytes (a keytab entry, a session key, a subkey)
 * @len: their number
 *
 * Context: any.
 * Return: 0, -ENOENT if the enctype may not be used, -EINVAL if @len is
 * wrong for it.
 */
int krbap_key_init(struct krbap_key *key, s32 etype, const u8 *raw,
		   size_t len)
{
	const struct krbap_enctype *et = krbap_enctype_find(etype);

	if (!et)
		return -ENOENT;
	return krbap_key_init_et(key, et, raw, len);
}

/**
 * krbap_random_key() - a fresh random key (e.g. an acceptor subkey)
 * @etype: enctype number
 * @key: the key
 *
 * Context: any.
 * Return: 0 or -ENOENT if the enctype may not be used.
 */
int krbap_random_key(s32 etype, struct krbap_key *key)
{
	const struct krbap_enctype *et = krbap_enctype_find(etype);

	if (!et)
		return -ENOENT;
	key->et = et;
	/* random-to-key is the identity for every enctype we have */
	get_random_bytes(key->bytes, et->keybytes);
	return 0;
}

/**
 * krbap_key_destroy() - wipe a base key
 * @key: the key
 */
void krbap_key_destroy(struct krbap_key *key)
{
	memzero_explicit(key, sizeof(*key));
}

static void free_tfms(struct krbap_ukey *uk)
{
	if (uk->enc)
		crypto_free_sync_skcipher(uk->enc);
	if (uk->mac)
		crypto_free_shash(uk->mac);
	if (uk->cksum)
		crypto_free_shash(uk->cksum);
	if (uk->aux)
		crypto_free_shash(uk->aux);
}

static int alloc_shash(struct crypto_shash **tfm, const char *name)
{
	struct crypto_shash *t = crypto_alloc_shash(name, 0, 0);

	if (IS_ERR(t))
		return PTR_ERR(t);
	*tfm = t;
	return 0;
}

static int alloc_tfms(struct krbap_ukey *uk, const struct krbap_enctype *et)
{
	const char *cksum = et->ops->cksum_mac ?: et->mac;
	int err = 0;

	if (et->cipher) {
		uk->enc = crypto_alloc_sync_skcipher(et->cipher, 0, 0);
		if (IS_ERR(uk->enc)) {
			err = PTR_ERR(uk->enc);
			uk->enc = NULL;
			return err;
		}
	}
	err = alloc_shash(&uk->mac, et->mac);
	if (!err && (uk->flags & KRBAP_KU_CHECKSUM))
		err = alloc_shash(&uk->cksum, cksum);
	if (!err && (uk->flags & KRBAP_KU_CHECKSUM) && et->ops->aux)
		err = alloc_shash(&uk->aux, et->ops->aux);
	return err;
}

/**
 * krbap_ukey_init() - prepare a base key for one key usage
 * @uk: the ukey to fill
 * @key: base key (only read; it may be destroyed afterwards)
 * @usage: RFC 4120 key usage number
 * @flags: KRBAP_KU_ENCRYPT and/or KRBAP_KU_CHECKSUM
 *
 * Allocates one cipher and one MAC transform, plus one for checksums if
 * asked for, and keys them with the derived keys.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno; on error @uk holds nothing.
 */
int krbap_ukey_init(struct krbap_ukey *uk, const struct krbap_key *key,
		    u32 usage, unsigned int flags)
{
	int err;

	memset(uk, 0, sizeof(*uk));
	if (!key->et || !flags || (flags & ~(KRBAP_KU_ENCRYPT |
					     KRBAP_KU_CHECKSUM)))
		return -EINVAL;
	uk->et = key->et;
	uk->flags = flags;
	err = alloc_tfms(uk, key->et);
	if (!err)
		err = krbap_ukey_rekey(uk, key, usage);
	if (err)
		krbap_ukey_destroy(uk);
	return err;
}

/**
 * krbap_ukey_rekey() - point a ukey at another usage or key, no allocation
 * @uk: a prepared ukey nobody else is using right now
 * @key: base key of the same enctype
 * @usage: key usage number
 *
 * Context: process or softirq context; the caller owns @uk exclusively.
 * Return: 0 or a negative errno (then @uk may only be destroyed).
 */
int krbap_ukey_rekey(struct krbap_ukey *uk, const struct krbap_key *key,
		     u32 usage)
{
	if (key->et != uk->et)
		return -EINVAL;
	uk->usage = usage;
	return uk->et->ops->setkeys(uk, key, usage);
}

/**
 * krbap_ukey_destroy() - free a ukey's transforms
 * @uk: the ukey (may be zeroed or half set up)
 *
 * The transforms wipe their key schedules when freed.
 */
void krbap_ukey_destroy(struct krbap_ukey *uk)
{
	free_tfms(uk);
	memzero_explicit(uk, sizeof(*uk));
}

static struct ukey_pool *pool_of(const struct krbap_enctype *et, u32 flags)
{
	int i;

	/* the simplified-profile families only: rc4-hmac is not pooled */
	if (!et || !et->cipher || !flags || (flags & ~POOL_FLAGS))
		return NULL;
	i = etype_index(et->etype);
	if (i < 0 || !pools)
		return NULL;
	/* preemption may move us on: any CPU's pool will do, it is locked */
	return &raw_cpu_ptr(pools)->p[i][flags - 1];
}

static bool pool_take(struct ukey_pool *p, struct krbap_ukey *uk)
{
	bool got = false;

	spin_lock(&p->lock);
	if (p->n) {
		p->n--;
		*uk = p->uk[p->n];
		memset(&p->uk[p->n], 0, sizeof(*uk));
		got = true;
	}
	spin_unlock(&p->lock);
	return got;
}

static bool pool_give(struct ukey_pool *p, const struct krbap_ukey *uk)
{
	bool kept = false;

	spin_lock(&p->lock);
	if (p->n < POOL_SIZE) {
		p->uk[p->n++] = *uk;
		kept = true;
	}
	spin_unlock(&p->lock);
	return kept;
}

/*
 * Overwrites every key schedule in @uk with an all-zero key.  Each
 * transform of a pooled ukey only ever gets keys of one length (its
 * enctype's), so the zero key replaces all of the previous one; the MACs
 * get @et->keybytes, as long as any key they are given.
 */
static int wipe_keys(struct krbap_ukey *uk)
{
	static const u8 zero[KRBAP_MAX_KEYBYTES];
	const struct krbap_enctype *et = uk->et;
	int err;

	uk->usage = 0;
	err = crypto_sync_skcipher_setkey(uk->enc, zero, et->keybytes);
	if (!err)
		err = crypto_shash_setkey(uk->mac, zero, et->keybytes);
	if (!err && uk->cksum)
		err = crypto_shash_setkey(uk->cksum, zero, et->keybytes);
	return err;
}

/**
 * krbap_ukey_get() - krbap_ukey_init() on pooled transforms when it can
 * @uk: the ukey to fill
 * @key: base key (only read)
 * @usage: RFC 4120 key usage number
 * @flags: KRBAP_KU_ENCRYPT and/or KRBAP_KU_CHECKSUM
 *
 * Takes a ukey of @key's enctype and @flags from the pool and rekeys it,
 * or allocates one when the pool has none.  Give it back with
 * krbap_ukey_put().
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno; on error @uk holds nothing.
 */
int krbap_ukey_get(struct krbap_ukey *uk, const struct krbap_key *key,
		   u32 usage, unsigned int flags)
{
	struct ukey_pool *p = pool_of(key->et, flags);
	int err;

	if (!p || !pool_take(p, uk))
		return krbap_ukey_init(uk, key, usage, flags);
	err = krbap_ukey_rekey(uk, key, usage);
	if (err)
		krbap_ukey_destroy(uk);
	return err;
}

/**
 * krbap_ukey_put() - wipe a ukey's keys and keep its transforms for reuse
 * @uk: a ukey from krbap_ukey_get() or krbap_ukey_init() (may be zeroed)
 *
 * Every transform is rekeyed with zeros before the ukey goes back to the
 * pool; when that fails or the pool is full, the ukey is destroyed.
 * Either way @uk is zeroed.
 *
 * Context: process context.
 */
void krbap_ukey_put(struct krbap_ukey *uk)
{
	struct ukey_pool *p = pool_of(uk->et, uk->flags);

	if (p && uk->enc && uk->mac && !wipe_keys(uk) && pool_give(p, uk)) {
		memzero_explicit(uk, sizeof(*uk));
		return;
	}
	krbap_ukey_destroy(uk);
}

static void pools_cpu_init(struct ukey_pools *ps)
{
	unsigned int i, f;

	for (i = 0; i < ARRAY_SIZE(etypes); i++)
		for (f = 0; f < POOL_FLAGS; f++)
			spin_lock_init(&ps->p[i][f].lock);
}

static void pools_cpu_drain(struct ukey_pools *ps)
{
	struct krbap_ukey uk;
	unsigned int i, f;

	for (i = 0; i < ARRAY_SIZE(etypes); i++)
		for (f = 0; f < POOL_FLAGS; f++)
			while (pool_take(&ps->p[i][f], &uk))
				krbap_ukey_destroy(&uk);
}

static int pools_init(void)
{
	int cpu;

	pools = alloc_percpu(struct ukey_pools);
	if (!pools)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		pools_cpu_init(per_cpu_ptr(pools, cpu));
	return 0;
}

static void pools_free(void)
{
	int cpu;

	if (!pools)
		return;
	for_each_possible_cpu(cpu)
		pools_cpu_drain(per_cpu_ptr(pools, cpu));
	free_percpu(pools);
	pools = NULL;
}

/**
 * krbap_ciphertext_len() - ciphertext length for a plaintext length
 * @et: enctype
 * @ptlen: plaintext length
 *
 * Return: the length krbap_encrypt() produces.
 */
size_t krbap_ciphertext_len(const struct krbap_enctype *et, size_t ptlen)
{
	return (size_t)et->conflen + ptlen + et->maclen;
}

/**
 * krbap_plaintext_len() - plaintext length inside a ciphertext
 * @et: enctype
 * @ctlen: ciphertext length
 * @ptlen: set to the plaintext length
 *
 * Return: 0, or -EBADMSG if @ctlen is too short to be a ciphertext.
 */
int krbap_plaintext_len(const struct krbap_enctype *et, size_t ctlen,
			size_t *ptlen)
{
	if (ctlen < (size_t)et->conflen + et->maclen)
		return -EBADMSG;
	*ptlen = ctlen - et->conflen - et->maclen;
	return 0;
}

/**
 * krbap_encrypt_conf() - krbap_encrypt() with a given confounder
 * @uk: ukey prepared with KRBAP_KU_ENCRYPT
 * @conf: @uk->et->conflen bytes
 * @pt: plaintext (may be @out + conflen)
 * @ptlen: its length
 * @out: ciphertext buffer, in the linear mapping
 * @outlen: its size, at least krbap_ciphertext_len()
 *
 * Return: 0 or a negative errno.
 */
int krbap_encrypt_conf(const struct krbap_ukey *uk, const u8 *conf,
		       const u8 *pt, size_t ptlen, u8 *out, size_t outlen)
{
	const struct krbap_enctype *et = uk->et;

	if (!(uk->flags & KRBAP_KU_ENCRYPT))
		return -EINVAL;
	if (ptlen > KRBAP_MAX_DATA || outlen < krbap_ciphertext_len(et, ptlen))
		return -EMSGSIZE;
	memmove(out + et->conflen, pt, ptlen);
	memcpy(out, conf, et->conflen);
	return et->ops->encrypt(uk, out, ptlen);
}

/**
 * krbap_encrypt() - encrypt with a fresh random confounder
 * @uk: ukey prepared with KRBAP_KU_ENCRYPT
 * @pt: plaintext (may be @out + @uk->et->conflen, i.e. encrypt in place)
 * @ptlen: its length
 * @out: ciphertext buffer, in the linear mapping (not on the stack)
 * @outlen: its size, at least krbap_ciphertext_len(@uk->et, @ptlen)
 *
 * Context: any; does not sleep or allocate.
 * Return: 0 or a negative errno.
 */
int krbap_encrypt(const struct krbap_ukey *uk, const u8 *pt, size_t ptlen,
		  u8 *out, size_t outlen)
{
	u8 conf[KRBAP_BLOCK];
	int err;

	get_random_bytes(conf, uk->et->conflen);
	err = krbap_encrypt_conf(uk, conf, pt, ptlen, out, outlen);
	memzero_explicit(conf, sizeof(conf));
	return err;
}

/**
 * krbap_decrypt() - check and decrypt in place
 * @uk: ukey prepared with KRBAP_KU_ENCRYPT
 * @buf: ciphertext, in the linear mapping; overwritten
 * @len: its length
 * @ptoff: set to the offset of the plaintext in @buf
 * @ptlen: set to the plaintext length
 *
 * On failure the buffer holds nothing useful (and no unchecked plaintext).
 *
 * Context: any; does not sleep (rc4-hmac: allocates with GFP_ATOMIC).
 * Return: 0, -EBADMSG if the ciphertext is too short or fails its
 * integrity check, or another negative errno.
 */
int krbap_decrypt(const struct krbap_ukey *uk, u8 *buf, size_t len,
		  size_t *ptoff, size_t *ptlen)
{
	if (!(uk->flags & KRBAP_KU_ENCRYPT))
		return -EINVAL;
	if (len > KRBAP_MAX_DATA)
		return -EMSGSIZE;
	return uk->et->ops->decrypt(uk, buf, len, ptoff, ptlen);
}

/**
 * krbap_checksum_make() - keyed checksum of the ukey's enctype
 * @uk: ukey prepared with KRBAP_KU_CHECKSUM
 * @data: data (anywhere)
 * @len: its length
 * @out: the checksum
 * @outlen: size of @out, at least @uk->et->cksumlen
 *
 * Return: 0 or a negative errno.
 */
int krbap_checksum_make(const struct krbap_ukey *uk, const u8 *data,
			size_t len, u8 *out, size_t outlen)
{
	if (!(uk->flags & KRBAP_KU_CHECKSUM))
		return -EINVAL;
	if (outlen < uk->et->cksumlen || len > KRBAP_MAX_DATA)
		return -EMSGSIZE;
	return uk->et->ops->checksum(uk, data, len, out);
}

/**
 * krbap_checksum_verify() - check a keyed checksum in constant time
 * @uk: ukey prepared with KRBAP_KU_CHECKSUM
 * @data: data
 * @len: its length
 * @cksum: the checksum received
 * @cklen: its length
 *
 * Return: 0, -EBADMSG if it does not match (or has the wrong length), or
 * another negative errno.
 */
int krbap_checksum_verify(const struct krbap_ukey *uk, const u8 *data,
			  size_t len, const u8 *cksum, size_t cklen)
{
	u8 want[KRBAP_MAX_CKSUM];
	int err;

	if (!(uk->flags & KRBAP_KU_CHECKSUM))
		return -EINVAL;
	if (len > KRBAP_MAX_DATA)
		return -EMSGSIZE;
	if (cklen != uk->et->cksumlen)
		return -EBADMSG;
	err = uk->et->ops->checksum(uk, data, len, want);
	if (!err && crypto_memneq(want, cksum, cklen))
		err = -EBADMSG;
	memzero_explicit(want, sizeof(want));
	return err;
}

/**
 * krbap_derive_key() - one derived key, for tests
 * @key: base key
 * @usage: key usage
 * @kind: KRBAP_KIND_*
 * @out: derived key
 * @len: its length
 *
 * Return: 0 or a negative errno.
 */
int krbap_derive_key(const struct krbap_key *key, u32 usage, u8 kind,
		     u8 *out, size_t len)
{
	struct krbap_ukey uk = { .et = key->et, .flags = KRBAP_KU_ENCRYPT };
	int err;

	err = alloc_tfms(&uk, key->et);
	if (!err)
		err = key->et->ops->derive(&uk, key, usage, kind, out, len);
	krbap_ukey_destroy(&uk);
	return err;
}

/**
 * krbap_prf() - the enctype's pseudo-random function (RFC 3961 section 3)
 * @key: base key
 * @in: input octet string
 * @inlen: its length
 * @out: output
 * @outlen: its length, the enctype's PRF output size
 *
 * Context: process context; may sleep.
 * Return: 0, -EOPNOTSUPP if the enctype has no PRF here, or a negative
 * errno.
 */
int krbap_prf(const struct krbap_key *key, const u8 *in, size_t inlen,
	      u8 *out, size_t outlen)
{
	if (!key->et->ops->prf)
		return -EOPNOTSUPP;
	return key->et->ops->prf(key, in, inlen, out, outlen);
}

static enum krbap_etype_state probe(const struct krbap_enctype *et)
{
	struct krbap_ukey uk = { .et = et, .flags = KRBAP_KU_ENCRYPT |
						   KRBAP_KU_CHECKSUM };
	int err = alloc_tfms(&uk, et);

	krbap_ukey_destroy(&uk);
	if (err == -ENOENT)
		return KRBAP_ETYPE_UNAVAILABLE;
	if (err || krbap_selftest_etype(et))
		return KRBAP_ETYPE_FAILED;
	return KRBAP_ETYPE_ENABLED;
}

/**
 * krbap_crypto_init() - probe and self-test every built-in enctype
 *
 * An enctype whose algorithms the kernel lacks is marked unavailable, one
 * whose self-test fails is marked failed and reported; neither is ever
 * used.  The per-CPU ukey pools are allocated, empty.
 *
 * Context: process context (module init).
 * Return: 0, or -ENOMEM; a failed enctype does not fail the module.
 */
int krbap_crypto_init(void)
{
	unsigned int i;
	int err;

	err = pools_init();
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(etypes); i++) {
		etype_states[i] = probe(etypes[i]);
		if (etype_states[i] == KRBAP_ETYPE_FAILED)
			pr_err("krbap: %s failed its self-test, disabled\n",
			       etypes[i]->name);
		else if (etype_states[i] == KRBAP_ETYPE_UNAVAILABLE)
			pr_warn("krbap: %s unavailable in this kernel\n",
				etypes[i]->name);
	}
	return 0;
}

/**
 * krbap_crypto_exit() - free the pooled transforms, forget the self-tests
 *
 * Context: process context (module exit), once nothing uses a ukey from
 * krbap_ukey_get() any more.
 */
void krbap_crypto_exit(void)
{
	unsigned int i;

	pools_free();
	for (i = 0; i < ARRAY_SIZE(etypes); i++)
		etype_states[i] = KRBAP_ETYPE_UNAVAILABLE;
}
