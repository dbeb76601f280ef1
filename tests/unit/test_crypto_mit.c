// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/crypto against MIT krb5 (libk5crypto) on the host: for every
 * enctype, several key usages and plaintext lengths, MIT's ciphertexts
 * decrypt with ours and ours with MIT's, and checksums verify both ways.
 */
#include <krb5.h>
#include <linux/kernel.h>
#include "tap.h"
#include "crypto_test.h"

static const size_t lens[] = { 0, 1, 15, 16, 17, 31, 32, 33, 1000 };
static const u32 usages[] = { 2, 3, 11, 12, 22, 24 };
static krb5_context ctx;

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed);
}

/* MIT encrypts, we decrypt; returns the number of mismatches */
static int mit_to_ours(const krb5_keyblock *kb, const struct krbap_ukey *uk,
		       u32 usage, size_t len)
{
	unsigned char pt[1000];
	krb5_data in = { .data = (char *)pt, .length = len };
	krb5_enc_data enc = { 0 };
	size_t clen, off = 0, plen = 0;
	int bad = 0;

	fill(pt, len, usage);
	if (krb5_c_encrypt_length(ctx, kb->enctype, len, &clen))
		return 1;
	enc.ciphertext.data = calloc(1, clen);
	enc.ciphertext.length = clen;
	if (krb5_c_encrypt(ctx, kb, usage, NULL, &in, &enc) ||
	    krbap_ciphertext_len(uk->et, len) != enc.ciphertext.length ||
	    krbap_decrypt(uk, (u8 *)enc.ciphertext.data,
			  enc.ciphertext.length, &off, &plen) ||
	    plen != len || memcmp(enc.ciphertext.data + off, pt, len))
		bad = 1;
	free(enc.ciphertext.data);
	return bad;
}

/* we encrypt, MIT decrypts */
static int ours_to_mit(const krb5_keyblock *kb, const struct krbap_ukey *uk,
		       u32 usage, size_t len)
{
	unsigned char pt[1000];
	size_t clen = krbap_ciphertext_len(uk->et, len);
	krb5_enc_data enc = { .enctype = kb->enctype };
	krb5_data out = { 0 };
	int bad = 0;

	fill(pt, len, usage + 1);
	enc.ciphertext.data = calloc(1, clen);
	enc.ciphertext.length = clen;
	out.data = calloc(1, clen);
	out.length = clen;
	if (krbap_encrypt(uk, pt, len, (u8 *)enc.ciphertext.data, clen) ||
	    krb5_c_decrypt(ctx, kb, usage, NULL, &enc, &out) ||
	    out.length != len || memcmp(out.data, pt, len))
		bad = 1;
	free(enc.ciphertext.data);
	free(out.data);
	return bad;
}

static int cksums_both_ways(const krb5_keyblock *kb,
			    const struct krbap_ukey *uk, u32 usage,
			    size_t len)
{
	unsigned char data[1000], ours[KRBAP_MAX_CKSUM];
	krb5_data in = { .data = (char *)data, .length = len };
	krb5_checksum ck = { 0 }, mine = { 0 };
	krb5_boolean valid = 0;
	int bad = 0;

	fill(data, len, usage + 2);
	if (krb5_c_make_checksum(ctx, uk->et->cksumtype, kb, usage, &in, &ck) ||
	    krbap_checksum_verify(uk, data, len, ck.contents, ck.length))
		bad = 1;
	if (krbap_checksum_make(uk, data, len, ours, sizeof(ours)))
		bad = 1;
	mine.checksum_type = uk->et->cksumtype;
	mine.contents = ours;
	mine.length = uk->et->cksumlen;
	if (krb5_c_verify_checksum(ctx, kb, usage, &in, &mine, &valid) ||
	    !valid)
		bad = 1;
	krb5_free_checksum_contents(ctx, &ck);
	return bad;
}

static void test_etype(s32 etype)
{
	const struct krbap_enctype *et = krbap_enctype_find(etype);
	krb5_keyblock kb;
	size_t u, l;

	if (!ok(et && !krb5_c_make_random_key(ctx, etype, &kb),
		"MIT and we both have enctype %d", etype))
		return;
	for (u = 0; u < ARRAY_SIZE(usages); u++) {
		struct krbap_ukey uk;
		struct krbap_key key;
		int e1 = 0, e2 = 0, e3 = 0, err;

		err = krbap_key_init(&key, etype, kb.contents, kb.length);
		if (!err)
			err = krbap_ukey_init(&uk, &key, usages[u],
					      KRBAP_KU_ENCRYPT |
					      KRBAP_KU_CHECKSUM);
		if (!ok(!err, "%s usage %u: prepared", et->name, usages[u]))
			continue;
		for (l = 0; l < ARRAY_SIZE(lens); l++) {
			e1 += mit_to_ours(&kb, &uk, usages[u], lens[l]);
			e2 += ours_to_mit(&kb, &uk, usages[u], lens[l]);
			e3 += cksums_both_ways(&kb, &uk, usages[u], lens[l]);
		}
		ok(!e1, "%s usage %u: MIT encrypts, we decrypt (%zu lengths)",
		   et->name, usages[u], ARRAY_SIZE(lens));
		ok(!e2, "%s usage %u: we encrypt, MIT decrypts", et->name,
		   usages[u]);
		ok(!e3, "%s usage %u: checksum %d both ways", et->name,
		   usages[u], et->cksumtype);
		krbap_ukey_destroy(&uk);
		krbap_key_destroy(&key);
	}
	krb5_free_keyblock_contents(ctx, &kb);
}

int main(void)
{
	const s32 *ids;
	unsigned int n, i;

	if (!ok(!krb5_init_context(&ctx), "krb5_init_context"))
		return tap_done();
	krbap_crypto_init();
	n = krbap_crypto_etypes(&ids);
	for (i = 0; i < n; i++)
		test_etype(ids[i]);
	krbap_crypto_exit();
	krb5_free_context(ctx);
	return tap_done();
}
