// SPDX-License-Identifier: GPL-2.0-only
/*
 * Known-answer tests run at module load through the kernel's own crypto
 * backend.  An enctype that fails here is never used.
 *
 * Vectors: RFC 3962 appendix B (CTS), RFC 8009 appendix A, RFC 6803
 * section 10 (with the usages of erratum 4326), and MIT krb5's
 * t_decrypt.c for aes-sha1 and rc4-hmac, which have no RFC encryption
 * vectors.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

struct enc_kat {
	s32 etype;
	u32 usage;
	const char *key;
	const char *conf;	/* NULL: check decryption only */
	const char *pt;
	const char *ct;
};

struct cksum_kat {
	s32 etype;
	u32 usage;
	const char *key;
	const char *data;
	const char *cksum;
};

static const struct enc_kat enc_kats[] = {
	{ 17, 4, "DCEEB70B3DE76562E689226C76429148", NULL,
	  "3330206279746573206279746573206279746573206279746573206279"
	  "74",
	  "C96081032D5D8EEB7E32B4089F789D0FAA481DEA74C0F97CBF3146DDFC"
	  "F8E800156ECB532FC203E30FF600B63B350939FECE510F02D7FF1E7BAC" },
	{ 18, 3, "E5A72BE9B7926C1225BAFEF9C1872E7B"
		 "A4CDB2B17893D84ABD90ACDD8764D966", NULL,
	  "31332062797465732062797465",
	  "D8F1AAFEEC84587CC3E700A774E56651A6D693E174EC4473B5E6D96F80"
	  "297A653FB818AD893E719F96" },
	{ 19, 2, "3705D96080C17728A0E800EAB6E0D23C",
	  "A7A4E29A4728CE10664FB64E49AD3FAC",
	  "000102030405060708090A0B0C0D0E0F1011121314",
	  "720F73B18D9859CD6CCB4346115CD336C70F58EDC0C4437C5573544C31"
	  "C813BCE1E6D072C186B39A413C2F92CA9B8334A287FFCBFC" },
	{ 20, 2, "6D404D37FAF79F9DF0D33568D320669800EB4836472EA8A026D16B71"
		 "82460C52",
	  "763E65367E864F02F55153C7E3B58AF1",
	  "000102030405060708090A0B0C0D0E0F1011121314",
	  "40013E2DF58E8751957D2878BCD2D6FE101CCFD556CB1EAE79DB3C3EE8"
	  "6429F2B2A602AC86FEF6ECB647D6295FAE077A1FEB517508D2C16B4192"
	  "E01F62" },
	{ 25, 4, "7824F8C16F83FF354C6BF7515B973F43",
	  "CA7A7AB4BE192DABD603506DB19C39E2",
	  "3330206279746573206279746573206279746573206279746573206279"
	  "74",
	  "A26A3905A4FFD5816B7B1E27380D08090C8EC1F304496E1ABDCD2BDCD1"
	  "DFFC660989E117A713DDBB57A4146C1587CBA4356665591D2240282F58"
	  "42B105A5" },
	{ 26, 4, "CCFCD349BF4C6677E86E4B02B8EAB924A546AC731CF9BF6989B996E7"
		 "D6BFBBA7",
	  "644DEF38DA35007275878D216855E228",
	  "3330206279746573206279746573206279746573206279746573206279"
	  "74",
	  "0E44680985855F2D1F1812529CA83BFD8E349DE6FD9ADA0BAAA048D68E"
	  "265FEBF34AD1255A344999AD37146887A6C6845731AC7F46376A0504CD"
	  "06571474" },
	{ 23, 4, "68F263DB3FCE15D031C9EAB02D67107A", NULL,
	  "3330206279746573206279746573206279746573206279746573206279"
	  "74",
	  "95F9047C3AD75891C2E9B04B16566DC8B6EB9CE4231AFB2542EF87A7B5"
	  "A0F260A99F0460508DE0CECC632D07C354124E46C5D2234EB8" },
};

static const struct cksum_kat cksum_kats[] = {
	{ 19, 2, "3705D96080C17728A0E800EAB6E0D23C",
	  "000102030405060708090A0B0C0D0E0F1011121314",
	  "D78367186643D67B411CBA9139FC1DEE" },
	{ 20, 2, "6D404D37FAF79F9DF0D33568D320669800EB4836472EA8A026D16B71"
		 "82460C52",
	  "000102030405060708090A0B0C0D0E0F1011121314",
	  "45EE791567EEFCA37F4AC1E0222DE80D43C3BFA06699672A" },
	{ 25, 7, "1DC46A8D763F4F93742BCBA3387576C3",
	  "6162636465666768696A6B",
	  "1178E6C5C47A8C1AE0C4B9C7D4EB7B6B" },
	{ 26, 10, "32164C5B434D1D1538E4CFD9BE8040FE8C4AC7ACC4B93D3314D2133668"
		  "147A05",
	  "21402324255E262A282921402324255E262A282921402324255E262A28"
	  "29",
	  "3FA0B42355E52B189187294AA252AB64" },
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* decode hex (spaces ignored) into a new buffer; returns its length */
static u8 *unhex(const char *s, size_t *len, size_t extra)
{
	size_t n = 0, i;
	u8 *buf;
	int hi = -1, v;

	buf = kzalloc(strlen(s) / 2 + extra + 1, GFP_KERNEL);
	if (!buf)
		return NULL;
	for (i = 0; s[i]; i++) {
		v = hexval(s[i]);
		if (v < 0)
			continue;
		if (hi < 0) {
			hi = v;
		} else {
			buf[n++] = hi << 4 | v;
			hi = -1;
		}
	}
	*len = n;
	return buf;
}

static int setup(const struct krbap_enctype *et, const char *hexkey,
		 u32 usage, unsigned int flags, struct krbap_ukey *uk)
{
	struct krbap_key key;
	size_t len;
	u8 *raw;
	int err;

	memset(uk, 0, sizeof(*uk));
	raw = unhex(hexkey, &len, 0);
	if (!raw)
		return -ENOMEM;
	err = krbap_key_init_et(&key, et, raw, len);
	kfree_sensitive(raw);
	if (!err)
		err = krbap_ukey_init(uk, &key, usage, flags);
	krbap_key_destroy(&key);
	return err;
}

/* decrypt @ct, compare with @pt; then flip one bit and expect rejection */
static int check_decrypt(const struct krbap_ukey *uk, const u8 *ct,
			 size_t ctlen, const u8 *pt, size_t ptlen, u8 *buf)
{
	size_t off, len;
	int err;

	memcpy(buf, ct, ctlen);
	err = krbap_decrypt(uk, buf, ctlen, &off, &len);
	if (err)
		return err;
	if (len != ptlen || memcmp(buf + off, pt, ptlen))
		return -EBADMSG;
	memcpy(buf, ct, ctlen);
	buf[ctlen / 2] ^= 0x01;
	if (krbap_decrypt(uk, buf, ctlen, &off, &len) != -EBADMSG)
		return -EBADMSG;
	return 0;
}

static int run_enc(const struct krbap_enctype *et, const struct enc_kat *t,
		   const struct krbap_ukey *uk)
{
	size_t ptlen, ctlen, clen = 0;
	u8 *pt, *ct, *conf = NULL, *buf;
	int err = -ENOMEM;

	pt = unhex(t->pt, &ptlen, 0);
	ct = unhex(t->ct, &ctlen, 0);
	buf = kzalloc(ctlen + 1, GFP_KERNEL);
	if (t->conf)
		conf = unhex(t->conf, &clen, 0);
	if (!pt || !ct || !buf || (t->conf && !conf))
		goto out;
	err = -EBADMSG;
	if (krbap_ciphertext_len(et, ptlen) != ctlen)
		goto out;
	if (conf) {
		err = krbap_encrypt_conf(uk, conf, pt, ptlen, buf, ctlen);
		if (!err && memcmp(buf, ct, ctlen))
			err = -EBADMSG;
		if (err)
			goto out;
	}
	err = check_decrypt(uk, ct, ctlen, pt, ptlen, buf);
out:
	kfree(pt);
	kfree(ct);
	kfree(conf);
	kfree(buf);
	return err;
}

static int run_cksum(const struct krbap_ukey *uk, const struct cksum_kat *t)
{
	u8 *data, *want, out[KRBAP_MAX_CKSUM];
	size_t dlen, wlen;
	int err = -ENOMEM;

	data = unhex(t->data, &dlen, 0);
	want = unhex(t->cksum, &wlen, 0);
	if (!data || !want)
		goto out;
	err = krbap_checksum_make(uk, data, dlen, out, sizeof(out));
	if (!err && (wlen != uk->et->cksumlen || memcmp(out, want, wlen)))
		err = -EBADMSG;
	if (!err)
		err = krbap_checksum_verify(uk, data, dlen, want, wlen);
	if (!err && dlen) {
		data[0] ^= 0x80;
		if (krbap_checksum_verify(uk, data, dlen, want, wlen) !=
		    -EBADMSG)
			err = -EBADMSG;
	}
out:
	kfree(data);
	kfree(want);
	return err;
}

/* a fresh random key: encrypt with a random confounder, decrypt */
static int run_roundtrip(const struct krbap_enctype *et)
{
	static const u8 msg[] = "krbap self-test round trip";
	size_t ctlen = krbap_ciphertext_len(et, sizeof(msg)), off, len;
	struct krbap_ukey uk;
	struct krbap_key key = { .et = et };
	u8 *buf;
	int err;

	buf = kmalloc(ctlen, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	get_random_bytes(key.bytes, et->keybytes);
	err = krbap_ukey_init(&uk, &key, 11, KRBAP_KU_ENCRYPT);
	krbap_key_destroy(&key);
	if (err)
		goto out;
	err = krbap_encrypt(&uk, msg, sizeof(msg), buf, ctlen);
	if (!err)
		err = krbap_decrypt(&uk, buf, ctlen, &off, &len);
	if (!err && (len != sizeof(msg) || memcmp(buf + off, msg, len)))
		err = -EBADMSG;
	krbap_ukey_destroy(&uk);
out:
	kfree_sensitive(buf);
	return err;
}

static int run_enc_kats(const struct krbap_enctype *et)
{
	struct krbap_ukey uk;
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < ARRAY_SIZE(enc_kats); i++) {
		if (enc_kats[i].etype != et->etype)
			continue;
		err = setup(et, enc_kats[i].key, enc_kats[i].usage,
			    KRBAP_KU_ENCRYPT, &uk);
		if (!err)
			err = run_enc(et, &enc_kats[i], &uk);
		krbap_ukey_destroy(&uk);
	}
	return err;
}

static int run_cksum_kats(const struct krbap_enctype *et)
{
	struct krbap_ukey uk;
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < ARRAY_SIZE(cksum_kats); i++) {
		if (cksum_kats[i].etype != et->etype)
			continue;
		err = setup(et, cksum_kats[i].key, cksum_kats[i].usage,
			    KRBAP_KU_CHECKSUM, &uk);
		if (!err)
			err = run_cksum(&uk, &cksum_kats[i]);
		krbap_ukey_destroy(&uk);
	}
	return err;
}

/**
 * krbap_selftest_etype() - known answers and a round trip for one enctype
 * @et: the enctype
 *
 * Context: process context; allocates.
 * Return: 0 if every test passed, else a negative errno.
 */
int krbap_selftest_etype(const struct krbap_enctype *et)
{
	int err;

	err = run_enc_kats(et);
	if (!err)
		err = run_cksum_kats(et);
	if (!err)
		err = run_roundtrip(et);
	return err;
}
