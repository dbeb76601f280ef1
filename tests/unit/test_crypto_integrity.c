// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/crypto on bad input: every single-bit change to a ciphertext or a
 * checksum is rejected, for every enctype; the wrong usage is rejected;
 * truncated input is an error, not a crash (ASan watches); allocation
 * failures unwind without leaks.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "tap.h"
#include "crypto_test.h"

#define PTLEN	33

static int prepare(struct krbap_ukey *uk, struct krbap_key *key, s32 etype,
		   u32 usage)
{
	int err = krbap_random_key(etype, key);

	return err ? err : krbap_ukey_init(uk, key, usage, KRBAP_KU_ENCRYPT |
					   KRBAP_KU_CHECKSUM);
}

static void test_bitflips(const struct krbap_enctype *et)
{
	unsigned char pt[PTLEN], ct[128], buf[128];
	size_t clen = krbap_ciphertext_len(et, PTLEN), bit, off, len;
	unsigned int accepted = 0, other = 0;
	struct krbap_ukey uk;
	struct krbap_key key;

	memset(pt, 0x5a, sizeof(pt));
	if (!ok(!prepare(&uk, &key, et->etype, 11) &&
		!krbap_encrypt(&uk, pt, PTLEN, ct, sizeof(ct)),
		"%s: encrypt", et->name))
		return;
	memcpy(buf, ct, clen);
	ok(!krbap_decrypt(&uk, buf, clen, &off, &len) && len == PTLEN &&
	   !memcmp(buf + off, pt, PTLEN), "%s: decrypt", et->name);
	for (bit = 0; bit < clen * 8; bit++) {
		int err;

		memcpy(buf, ct, clen);
		buf[bit / 8] ^= 1 << (bit % 8);
		err = krbap_decrypt(&uk, buf, clen, &off, &len);
		accepted += !err;
		other += err && err != -EBADMSG;
	}
	ok(!accepted && !other, "%s: all %zu single-bit flips -EBADMSG",
	   et->name, clen * 8);
	krbap_ukey_destroy(&uk);
	krbap_key_destroy(&key);
}

static void test_truncated(const struct krbap_enctype *et)
{
	unsigned char pt[PTLEN] = { 1 }, ct[128];
	size_t clen = krbap_ciphertext_len(et, PTLEN), n, off, len;
	unsigned int bad = 0;
	struct krbap_ukey uk;
	struct krbap_key key;

	prepare(&uk, &key, et->etype, 12);
	krbap_encrypt(&uk, pt, PTLEN, ct, sizeof(ct));
	for (n = 0; n < clen; n++) {
		/* an exact-size heap copy, so ASan sees any overread */
		unsigned char *b = malloc(n ? n : 1);

		memcpy(b, ct, n);
		bad += krbap_decrypt(&uk, b, n, &off, &len) != -EBADMSG;
		free(b);
	}
	ok(!bad, "%s: all %zu truncations -EBADMSG", et->name, clen);
	ok(krbap_encrypt(&uk, pt, PTLEN, ct, clen - 1) == -EMSGSIZE,
	   "%s: short output buffer -EMSGSIZE", et->name);
	krbap_ukey_destroy(&uk);
	krbap_key_destroy(&key);
}

static void test_wrong_usage(const struct krbap_enctype *et)
{
	unsigned char pt[PTLEN] = { 2 }, ct[128], ck[KRBAP_MAX_CKSUM];
	size_t clen = krbap_ciphertext_len(et, PTLEN), off, len;
	struct krbap_ukey u11, u12;
	struct krbap_key key;

	prepare(&u11, &key, et->etype, 11);
	krbap_ukey_init(&u12, &key, 12, KRBAP_KU_ENCRYPT | KRBAP_KU_CHECKSUM);
	krbap_encrypt(&u11, pt, PTLEN, ct, sizeof(ct));
	ok(krbap_decrypt(&u12, ct, clen, &off, &len) == -EBADMSG,
	   "%s: usage 11 ciphertext refused under usage 12", et->name);
	krbap_checksum_make(&u11, pt, PTLEN, ck, sizeof(ck));
	ok(krbap_checksum_verify(&u12, pt, PTLEN, ck, et->cksumlen) ==
	   -EBADMSG, "%s: usage 11 checksum refused under usage 12",
	   et->name);
	/* rekey reuses the transforms: usage 12 now decrypts usage 11 */
	krbap_encrypt(&u11, pt, PTLEN, ct, sizeof(ct));
	ok(!krbap_ukey_rekey(&u12, &key, 11) &&
	   !krbap_decrypt(&u12, ct, clen, &off, &len) && len == PTLEN &&
	   !memcmp(ct + off, pt, PTLEN), "%s: rekeyed to usage 11",
	   et->name);
	krbap_ukey_destroy(&u11);
	krbap_ukey_destroy(&u12);
	krbap_key_destroy(&key);
}

static void test_cksum_flips(const struct krbap_enctype *et)
{
	unsigned char data[40], ck[KRBAP_MAX_CKSUM], bad_ck[KRBAP_MAX_CKSUM];
	unsigned int accepted = 0, bit;
	struct krbap_ukey uk;
	struct krbap_key key;

	memset(data, 0xa5, sizeof(data));
	prepare(&uk, &key, et->etype, 24);
	ok(!krbap_checksum_make(&uk, data, sizeof(data), ck, sizeof(ck)) &&
	   !krbap_checksum_verify(&uk, data, sizeof(data), ck, et->cksumlen),
	   "%s: checksum made and verified", et->name);
	for (bit = 0; bit < et->cksumlen * 8u; bit++) {
		memcpy(bad_ck, ck, et->cksumlen);
		bad_ck[bit / 8] ^= 1 << (bit % 8);
		accepted += krbap_checksum_verify(&uk, data, sizeof(data),
						  bad_ck, et->cksumlen) !=
			    -EBADMSG;
	}
	for (bit = 0; bit < sizeof(data) * 8; bit++) {
		data[bit / 8] ^= 1 << (bit % 8);
		accepted += krbap_checksum_verify(&uk, data, sizeof(data), ck,
						  et->cksumlen) != -EBADMSG;
		data[bit / 8] ^= 1 << (bit % 8);
	}
	ok(!accepted, "%s: every bit flip in checksum and data -EBADMSG",
	   et->name);
	ok(krbap_checksum_verify(&uk, data, sizeof(data), ck,
				 et->cksumlen - 1) == -EBADMSG,
	   "%s: short checksum -EBADMSG", et->name);
	krbap_ukey_destroy(&uk);
	krbap_key_destroy(&key);
}

static void test_alloc_failures(const struct krbap_enctype *et)
{
	unsigned char pt[PTLEN] = { 3 }, ct[128];
	size_t clen = krbap_ciphertext_len(et, PTLEN), off, len;
	struct krbap_ukey uk;
	struct krbap_key key;
	unsigned long n;
	int err = -ENOMEM, nomem = 0;

	krbap_random_key(et->etype, &key);
	for (n = 1; n < 20 && err == -ENOMEM; n++) {
		shim_fail_alloc_after = n;
		err = krbap_ukey_init(&uk, &key, 11, KRBAP_KU_ENCRYPT |
				      KRBAP_KU_CHECKSUM);
		nomem += err == -ENOMEM;
	}
	shim_fail_alloc_after = 0;
	ok(!err && nomem == (int)n - 2,
	   "%s: ukey_init fails cleanly at each of %d allocations", et->name,
	   nomem);
	if (err)
		return;
	krbap_encrypt(&uk, pt, PTLEN, ct, sizeof(ct));
	shim_fail_alloc_after = 1;
	err = krbap_decrypt(&uk, ct, clen, &off, &len);
	shim_fail_alloc_after = 0;
	ok(err == 0 || err == -ENOMEM, "%s: decrypt under allocation failure: %d",
	   et->name, err);
	krbap_ukey_destroy(&uk);
	krbap_key_destroy(&key);
}

static void test_misuse(void)
{
	unsigned char raw[32] = { 0 }, pt[4] = { 0 }, ct[64];
	struct krbap_ukey uk;
	struct krbap_key key, other;
	size_t off, len;

	ok(krbap_key_init(&key, 18, raw, 16) == -EINVAL,
	   "aes256 key of 16 bytes refused");
	ok(krbap_key_init(&key, 16, raw, 24) == -ENOENT,
	   "des3 (16) refused");
	ok(krbap_key_init(&key, 1, raw, 8) == -ENOENT, "des (1) refused");
	ok(!krbap_key_init(&key, 17, raw, 16), "aes128 key accepted");
	ok(krbap_ukey_init(&uk, &key, 11, 0) == -EINVAL,
	   "ukey with no purpose refused");
	ok(!krbap_ukey_init(&uk, &key, 11, KRBAP_KU_CHECKSUM),
	   "checksum-only ukey");
	ok(krbap_encrypt(&uk, pt, 4, ct, sizeof(ct)) == -EINVAL &&
	   krbap_decrypt(&uk, ct, 40, &off, &len) == -EINVAL,
	   "checksum-only ukey does not encrypt or decrypt");
	krbap_key_init(&other, 18, raw, 32);
	ok(krbap_ukey_rekey(&uk, &other, 11) == -EINVAL,
	   "rekey to another enctype refused");
	krbap_ukey_destroy(&uk);
	ok(!krbap_ukey_init(&uk, &key, 11, KRBAP_KU_ENCRYPT),
	   "encrypt-only ukey");
	ok(krbap_checksum_make(&uk, pt, 4, ct, sizeof(ct)) == -EINVAL,
	   "encrypt-only ukey makes no checksum");
	krbap_ukey_destroy(&uk);
	krbap_key_destroy(&key);
	ok(key.et == NULL && !memcmp(key.bytes, raw, sizeof(raw)),
	   "krbap_key_destroy wipes");
}

int main(void)
{
	const s32 *ids;
	unsigned int n, i;

	krbap_crypto_init();
	n = krbap_crypto_etypes(&ids);
	for (i = 0; i < n; i++) {
		const struct krbap_enctype *et = krbap_enctype_find(ids[i]);

		if (!ok(et, "enctype %d enabled", ids[i]))
			continue;
		test_bitflips(et);
		test_truncated(et);
		test_wrong_usage(et);
		test_cksum_flips(et);
		test_alloc_failures(et);
	}
	test_misuse();
	krbap_crypto_exit();
	return tap_done();
}
