// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/gssmic.c on the host: RFC 4121 MIC tokens.
 *
 * First every refusal on tokens we make or forge (each header byte, the
 * direction and AcceptorSubkey flags, truncation, another key, flipped
 * message and checksum bits, allocation failures), and the exported
 * wrappers on hand-made results.  Then MIT as the oracle, with no KDC:
 * an MIT initiator and acceptor establish a context in-process
 * (mit_oracle.h), the acceptor's lucid export gives the context key and
 * whether it is the acceptor subkey, and
 *   - MIT's acceptor MIC and ours at the same sequence number are
 *     byte-identical,
 *   - MIT's initiator verifies ours (gss_verify_mic), in sequence,
 *   - ours verifies MIT's initiator MICs and reads their sequence numbers,
 * for every CFX enctype, with and without an acceptor subkey.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <krb5.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include <linux/slab.h>
#include "tap.h"
#include "crypto/krb5.h"
#include "gss.h"
#include "gssmic.h"
#include "mit_oracle.h"

#define REALM	"EXAMPLE.ORG"
#define SERVICE	"nfs/server.example.org@" REALM
#define ALICE	"alice@" REALM
#define LIFE	3600

static const s32 cfx_etypes[] = { 17, 18, 19, 20, 25, 26 };
static const char msg[] = "RPCSEC_GSS header, as NFS would sign it";

static void rand_key(struct krbap_keyblock *kb, s32 etype)
{
	const struct krbap_enctype *et = krbap_enctype_find(etype);
	u32 i;

	memset(kb, 0, sizeof(*kb));
	kb->etype = etype;
	kb->len = et ? et->keybytes : 16;
	for (i = 0; i < kb->len; i++)
		kb->bytes[i] = rand();
}

static size_t cksumlen(s32 etype)
{
	return krbap_enctype_find(etype)->cksumlen;
}

/*
 * A token with any header and a checksum that is right for it, made with
 * the crypto layer directly, so header checks are seen to stand on their
 * own and not only through the checksum.
 */
static size_t forge(const struct krbap_keyblock *kb, u32 usage,
		    const u8 hdr[16], const u8 *m, size_t len, u8 *tok)
{
	struct krbap_key key;
	struct krbap_ukey uk;
	u8 buf[256];

	if (krbap_key_init(&key, kb->etype, kb->bytes, kb->len) ||
	    krbap_ukey_init(&uk, &key, usage, KRBAP_KU_CHECKSUM))
		abort();
	memcpy(buf, m, len);
	memcpy(buf + len, hdr, 16);
	memcpy(tok, hdr, 16);
	if (krbap_checksum_make(&uk, buf, len + 16, tok + 16, 64))
		abort();
	krbap_ukey_destroy(&uk);
	return 16 + cksumlen(kb->etype);
}

static void test_layout(void)
{
	static const u8 want_acc[16] = {
		0x04, 0x04, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef
	};
	struct krbap_keyblock kb;
	u8 tok[64], tok2[64];
	size_t len, len2;
	u64 seq;
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(cfx_etypes); i++) {
		s32 e = cfx_etypes[i];

		rand_key(&kb, e);
		err = krbap_gss_mic_make(&kb, true, true, 0x0123456789abcdefULL,
					 (const u8 *)msg, sizeof(msg), tok,
					 sizeof(tok), &len);
		ok(!err && len == 16 + cksumlen(e) &&
		   !memcmp(tok, want_acc, 16),
		   "etype %d: acceptor token 04 04 05 FF*5 SND_SEQ, %zu bytes",
		   e, len);
		err = krbap_gss_mic_make(&kb, false, false, 7,
					 (const u8 *)msg, sizeof(msg), tok2,
					 sizeof(tok2), &len2);
		ok(!err && tok2[2] == 0 && tok2[15] == 7 &&
		   memcmp(tok + 16, tok2 + 16, len - 16),
		   "etype %d: initiator token flags 00, its own checksum", e);
		err = krbap_gss_mic_verify(&kb, true, true, (const u8 *)msg,
					   sizeof(msg), tok, len, &seq);
		ok(!err && seq == 0x0123456789abcdefULL,
		   "etype %d: our acceptor token verifies, seq read back", e);
		err = krbap_gss_mic_make(&kb, false, true, 1, NULL, 0, tok,
					 sizeof(tok), &len);
		ok(!err && !krbap_gss_mic_verify(&kb, false, true, NULL, 0,
						  tok, len, &seq) && seq == 1,
		   "etype %d: an empty message signs and verifies", e);
		err = krbap_gss_mic_make(&kb, false, true, 1, NULL, 0, tok,
					 16 + cksumlen(e) - 1, &len);
		ok(err == -EMSGSIZE, "etype %d: one byte too little room: -EMSGSIZE (%d)",
		   e, err);
		err = krbap_gss_mic_make(&kb, false, true, 1, NULL, 0, tok,
					 16 + cksumlen(e), &len);
		ok(!err && len == 16 + cksumlen(e),
		   "etype %d: exactly enough room", e);
	}
}

static void test_bad_keys(void)
{
	static const s32 no_cfx[] = { 1, 3, 16, 23, 24 };
	struct krbap_keyblock kb;
	u8 tok[64];
	size_t len, i;
	u64 seq;
	int err;

	for (i = 0; i < ARRAY_SIZE(no_cfx); i++) {
		rand_key(&kb, no_cfx[i]);
		err = krbap_gss_mic_make(&kb, false, true, 0, (const u8 *)msg,
					 3, tok, sizeof(tok), &len);
		ok(err == -EOPNOTSUPP, "enctype %d: make -EOPNOTSUPP (%d)",
		   no_cfx[i], err);
		memset(tok, 0, sizeof(tok));
		err = krbap_gss_mic_verify(&kb, false, false, (const u8 *)msg,
					   3, tok, 28, &seq);
		ok(err == -EOPNOTSUPP, "enctype %d: verify -EOPNOTSUPP (%d)",
		   no_cfx[i], err);
	}
	rand_key(&kb, 99);
	ok(krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 0, tok, sizeof(tok),
			      &len) == -EOPNOTSUPP,
	   "an enctype the crypto layer lacks: -EOPNOTSUPP");
	rand_key(&kb, 18);
	kb.etype = 0;
	ok(krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 0, tok, sizeof(tok),
			      &len) == -EINVAL, "no key (etype 0): -EINVAL");
	ok(krbap_gss_mic_make(NULL, 0, 1, 0, NULL, 0, tok, sizeof(tok),
			      &len) == -EINVAL, "NULL key: -EINVAL");
	rand_key(&kb, 18);
	kb.len = 16;
	ok(krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 0, tok, sizeof(tok),
			      &len) == -EINVAL &&
	   krbap_gss_mic_verify(&kb, 0, 1, NULL, 0, tok, 28, &seq) == -EINVAL,
	   "a 16-byte aes256 key: -EINVAL");
	kb.len = KRBAP_KEY_BYTES_MAX + 1;
	ok(krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 0, tok, sizeof(tok),
			      &len) == -EINVAL, "key length over the maximum: -EINVAL");
	rand_key(&kb, 18);
	ok(krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 5, tok, sizeof(tok),
			      &len) == -EINVAL &&
	   krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 0, NULL, 64, &len) ==
		-EINVAL &&
	   krbap_gss_mic_make(&kb, 0, 1, 0, NULL, 0, tok, 64, NULL) ==
		-EINVAL &&
	   krbap_gss_mic_verify(&kb, 0, 1, NULL, 5, tok, 28, &seq) ==
		-EINVAL &&
	   krbap_gss_mic_verify(&kb, 0, 1, NULL, 0, NULL, 28, &seq) ==
		-EINVAL &&
	   krbap_gss_mic_verify(&kb, 0, 1, NULL, 0, tok, 28, NULL) ==
		-EINVAL,
	   "NULL message with a length, NULL token or out pointers: -EINVAL");
	ok(krbap_gss_mic_make(&kb, 0, 1, 0, (const u8 *)msg,
			      KRBAP_GSS_MIC_MSG_MAX + 1, tok, sizeof(tok),
			      &len) == -EMSGSIZE &&
	   krbap_gss_mic_verify(&kb, 0, 1, (const u8 *)msg,
				KRBAP_GSS_MIC_MSG_MAX + 1, tok, 28, &seq) ==
		-EMSGSIZE,
	   "a message over KRBAP_GSS_MIC_MSG_MAX: -EMSGSIZE, not read");
	ok(krbap_gss_mic_verify(&kb, 0, 1, NULL, 0, NULL, 0, &seq) ==
		-EBADMSG, "an empty token: -EBADMSG");
}

/* every refusal of a good token changed one way */
static void test_refusals(s32 e)
{
	struct krbap_keyblock kb, other;
	const size_t n = 16 + cksumlen(e);
	static const u8 xors[] = { 0x01, 0x80, 0xff };
	u8 tok[64], bad[64], hdr[16];
	bool hdr_ok = true, ck_ok = true, trunc_ok = true, msg_ok = true;
	size_t len, i, j;
	u64 seq = 0;
	int err;

	rand_key(&kb, e);
	if (krbap_gss_mic_make(&kb, true, false, 42, (const u8 *)msg,
			       sizeof(msg), tok, sizeof(tok), &len) || len != n)
		abort();
	for (i = 0; i < 16; i++) {
		for (j = 0; j < ARRAY_SIZE(xors); j++) {
			memcpy(bad, tok, n);
			bad[i] ^= xors[j];
			err = krbap_gss_mic_verify(&kb, true, false,
						   (const u8 *)msg,
						   sizeof(msg), bad, n, &seq);
			/* SND_SEQ is only covered by the checksum */
			if (err != (i < 8 ? -EBADMSG : -EKEYREJECTED)) {
				printf("# byte %zu ^ %#x: %d\n", i, xors[j],
				       err);
				hdr_ok = false;
			}
		}
	}
	ok(hdr_ok && seq == 0,
	   "etype %d: each header byte changed: -EBADMSG (0..7), -EKEYREJECTED (SND_SEQ)",
	   e);
	for (i = 16; i < n; i++) {
		memcpy(bad, tok, n);
		bad[i] ^= 1 << (i % 8);
		if (krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
					 sizeof(msg), bad, n, &seq) !=
		    -EKEYREJECTED)
			ck_ok = false;
	}
	ok(ck_ok, "etype %d: each checksum byte flipped: -EKEYREJECTED", e);
	for (i = 0; i < n; i++)
		if (krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
					 sizeof(msg), tok, i, &seq) != -EBADMSG)
			trunc_ok = false;
	memcpy(bad, tok, n);
	bad[n] = 0;
	ok(trunc_ok && krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
					    sizeof(msg), bad, n + 1,
					    &seq) == -EBADMSG,
	   "etype %d: every truncation and one byte more: -EBADMSG", e);
	for (i = 0; i < sizeof(msg); i++) {
		char m[sizeof(msg)];

		memcpy(m, msg, sizeof(msg));
		m[i] ^= 0x20;
		if (krbap_gss_mic_verify(&kb, true, false, (const u8 *)m,
					 sizeof(m), tok, n, &seq) !=
		    -EKEYREJECTED)
			msg_ok = false;
	}
	ok(msg_ok && krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
					  sizeof(msg) - 1, tok, n, &seq) ==
		-EKEYREJECTED,
	   "etype %d: each message byte flipped, or one byte short: -EKEYREJECTED",
	   e);
	ok(krbap_gss_mic_verify(&kb, true, true, (const u8 *)msg, sizeof(msg),
				tok, n, &seq) == -EBADMSG,
	   "etype %d: an initiator token taken as the acceptor's (reflection): -EBADMSG",
	   e);
	ok(krbap_gss_mic_verify(&kb, false, false, (const u8 *)msg,
				sizeof(msg), tok, n, &seq) == -EBADMSG,
	   "etype %d: AcceptorSubkey set, context without one: -EBADMSG", e);
	rand_key(&other, e);
	ok(krbap_gss_mic_verify(&other, true, false, (const u8 *)msg,
				sizeof(msg), tok, n, &seq) == -EKEYREJECTED,
	   "etype %d: another key: -EKEYREJECTED", e);
	ok(seq == 0, "etype %d: no refusal wrote *seq", e);

	/* well-checksummed tokens with a bad header are still refused */
	memcpy(hdr, tok, 16);
	hdr[2] |= 0x02;
	len = forge(&kb, 25, hdr, (const u8 *)msg, sizeof(msg), bad);
	ok(krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg, sizeof(msg),
				bad, len, &seq) == -EBADMSG,
	   "etype %d: Sealed set (checksum right): -EBADMSG", e);
	hdr_ok = true;
	for (j = 0x08; j <= 0x80; j <<= 1) {
		memcpy(hdr, tok, 16);
		hdr[2] |= j;
		len = forge(&kb, 25, hdr, (const u8 *)msg, sizeof(msg), bad);
		if (krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
					 sizeof(msg), bad, len, &seq) !=
		    -EBADMSG)
			hdr_ok = false;
	}
	for (i = 3; i < 8; i++) {
		memcpy(hdr, tok, 16);
		hdr[i] = 0xfe;
		len = forge(&kb, 25, hdr, (const u8 *)msg, sizeof(msg), bad);
		if (krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
					 sizeof(msg), bad, len, &seq) !=
		    -EBADMSG)
			hdr_ok = false;
	}
	memcpy(hdr, tok, 16);
	hdr[1] = 0x05;		/* a Wrap token's TOK_ID */
	len = forge(&kb, 25, hdr, (const u8 *)msg, sizeof(msg), bad);
	if (krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
				 sizeof(msg), bad, len, &seq) != -EBADMSG)
		hdr_ok = false;
	ok(hdr_ok, "etype %d: reserved flags, a Filler byte, TOK_ID 05 04 (checksums right): -EBADMSG",
	   e);
	memcpy(hdr, tok, 16);
	len = forge(&kb, 25, hdr, (const u8 *)msg, sizeof(msg), bad);
	ok(!memcmp(bad, tok, n) &&
	   !krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
				 sizeof(msg), bad, len, &seq) && seq == 42,
	   "etype %d: the forger makes our token byte for byte", e);
	len = forge(&kb, 23, hdr, (const u8 *)msg, sizeof(msg), bad);
	ok(krbap_gss_mic_verify(&kb, true, false, (const u8 *)msg,
				sizeof(msg), bad, len, &seq) == -EKEYREJECTED,
	   "etype %d: signed with the acceptor's usage, flags say initiator: -EKEYREJECTED",
	   e);
}

static void test_other_enctype_key(void)
{
	struct krbap_keyblock a128, a256, sha2;
	u8 tok[64];
	size_t len;
	u64 seq;

	rand_key(&a256, 18);
	rand_key(&a128, 17);
	rand_key(&sha2, 20);
	krbap_gss_mic_make(&a256, false, false, 1, (const u8 *)msg, 4, tok,
			   sizeof(tok), &len);
	ok(krbap_gss_mic_verify(&a128, false, false, (const u8 *)msg, 4, tok,
				len, &seq) == -EKEYREJECTED,
	   "an aes256 token against an aes128 key (same length): -EKEYREJECTED");
	ok(krbap_gss_mic_verify(&sha2, false, false, (const u8 *)msg, 4, tok,
				len, &seq) == -EBADMSG,
	   "an aes256 token against an aes256-sha384 key (24-byte checksum): -EBADMSG");
}

/* empties the ukey pool, so that the transforms are allocated again */
static void cold_pool(void)
{
	krbap_crypto_exit();
	krbap_crypto_init();
}

static void test_nomem(void)
{
	struct krbap_keyblock kb;
	u8 tok[64];
	size_t len;
	unsigned long n;
	int err = -ENOMEM, bad = 0, fails = 0;
	u64 seq;

	rand_key(&kb, 20);
	for (n = 1; err == -ENOMEM && n < 50; n++) {
		cold_pool();
		shim_fail_alloc_after = n;
		err = krbap_gss_mic_make(&kb, false, true, 9, (const u8 *)msg,
					 sizeof(msg), tok, sizeof(tok), &len);
		shim_fail_alloc_after = 0;
		if (err == -ENOMEM)
			fails++;
		else if (err)
			bad++;
	}
	ok(!err && !bad && fails >= 2,
	   "make: each of its %d allocations failing gives -ENOMEM, no leak", fails);
	err = -ENOMEM;
	fails = 0;
	for (n = 1; err == -ENOMEM && n < 50; n++) {
		cold_pool();
		shim_fail_alloc_after = n;
		err = krbap_gss_mic_verify(&kb, false, true, (const u8 *)msg,
					   sizeof(msg), tok, len, &seq);
		shim_fail_alloc_after = 0;
		if (err == -ENOMEM)
			fails++;
		else if (err)
			bad++;
	}
	ok(!err && !bad && fails >= 2,
	   "verify: each of its %d allocations failing gives -ENOMEM, no leak", fails);
}

/* the exported functions on results made by hand */
static void test_result_api(void)
{
	struct krbap_result r = { 0 };
	struct krbap_keyblock *k;
	u8 tok[64], want[64];
	size_t len, wlen;
	u64 seq;
	int err;

	rand_key(&r.session_key, 18);
	rand_key(&r.subkey, 17);
	rand_key(&r.acceptor_subkey, 20);
	r.context_enctype = 20;
	r.context_acceptor_subkey = true;

	err = krbap_get_mic(&r, 5, msg, sizeof(msg), tok, sizeof(tok), &len);
	krbap_gss_mic_make(&r.acceptor_subkey, true, true, 5, (const u8 *)msg,
			   sizeof(msg), want, sizeof(want), &wlen);
	ok(!err && len == wlen && len <= KRBAP_MIC_MAX &&
	   !memcmp(tok, want, len),
	   "krbap_get_mic: acceptor subkey, flags 05, %zu bytes", len);
	krbap_gss_mic_make(&r.acceptor_subkey, true, false, 6, (const u8 *)msg,
			   sizeof(msg), want, sizeof(want), &wlen);
	ok(!krbap_verify_mic(&r, msg, sizeof(msg), want, wlen, &seq) &&
	   seq == 6, "krbap_verify_mic: the initiator's token, seq 6");
	ok(krbap_verify_mic(&r, msg, sizeof(msg), tok, len, &seq) == -EBADMSG,
	   "krbap_verify_mic: our own token reflected back: -EBADMSG");

	memset(&r.acceptor_subkey, 0, sizeof(r.acceptor_subkey));
	r.context_enctype = 17;
	r.context_acceptor_subkey = false;
	krbap_gss_mic_make(&r.subkey, false, false, 1, (const u8 *)msg, 3,
			   want, sizeof(want), &wlen);
	ok(!krbap_verify_mic(&r, msg, 3, want, wlen, &seq) && seq == 1,
	   "no acceptor subkey: the initiator subkey, flags 00");
	memset(&r.subkey, 0, sizeof(r.subkey));
	r.context_enctype = 18;
	err = krbap_get_mic(&r, 2, msg, 3, tok, sizeof(tok), &len);
	ok(!err && tok[2] == 0x01 &&
	   !krbap_gss_mic_verify(&r.session_key, false, true, (const u8 *)msg,
				 3, tok, len, &seq) && seq == 2,
	   "no subkeys: the ticket session key, flags 01");
	ok(krbap_get_mic(&r, 2, msg, 3, tok, 16 + 11, &len) == -EMSGSIZE,
	   "krbap_get_mic: a buffer too small: -EMSGSIZE");

	r.context_enctype = 17;		/* says another key than the result holds */
	ok(krbap_get_mic(&r, 2, msg, 3, tok, sizeof(tok), &len) == -EINVAL,
	   "a result whose context key does not add up: -EINVAL");
	r.context_enctype = 18;
	r.context_acceptor_subkey = true;
	ok(krbap_verify_mic(&r, msg, 3, tok, len, &seq) == -EINVAL,
	   "a result claiming an acceptor subkey it lacks: -EINVAL");
	r.context_acceptor_subkey = false;
	r.krb_error = KRBAP_KRB_AP_ERR_REPEAT;
	ok(krbap_get_mic(&r, 2, msg, 3, tok, sizeof(tok), &len) == -EINVAL &&
	   krbap_verify_mic(&r, msg, 3, tok, len, &seq) == -EINVAL,
	   "a refused result: -EINVAL both ways");
	r.krb_error = 0;
	r.context_enctype = 0;
	ok(krbap_get_mic(&r, 2, msg, 3, tok, sizeof(tok), &len) == -EINVAL,
	   "a result without a context key: -EINVAL");
	ok(krbap_get_mic(NULL, 2, msg, 3, tok, sizeof(tok), &len) == -EINVAL &&
	   krbap_verify_mic(NULL, msg, 3, tok, len, &seq) == -EINVAL,
	   "no result: -EINVAL");
	k = &r.session_key;
	rand_key(k, 23);
	r.context_enctype = 23;
	ok(krbap_get_mic(&r, 2, msg, 3, tok, sizeof(tok), &len) ==
		-EOPNOTSUPP &&
	   krbap_verify_mic(&r, msg, 3, tok, 32, &seq) == -EOPNOTSUPP,
	   "an rc4-hmac context: -EOPNOTSUPP both ways");
}

/* ---- MIT as the oracle ------------------------------------------------ */

static OM_uint32 mit_get(gss_ctx_id_t ctx, const char *m, gss_buffer_t tok)
{
	gss_buffer_desc in = { strlen(m), (void *)m };
	OM_uint32 min;

	return gss_get_mic(&min, ctx, GSS_C_QOP_DEFAULT, &in, tok);
}

static OM_uint32 mit_verify(gss_ctx_id_t ctx, const char *m, const u8 *tok,
			    size_t len)
{
	gss_buffer_desc in = { strlen(m), (void *)m };
	gss_buffer_desc t = { len, (void *)tok };
	OM_uint32 min;

	return gss_verify_mic(&min, ctx, &in, &t, NULL);
}

static void lucid_key(const gss_krb5_lucid_key_t *lk,
		      struct krbap_keyblock *kb)
{
	memset(kb, 0, sizeof(*kb));
	kb->etype = lk->type;
	kb->len = lk->length;
	if (lk->length > sizeof(kb->bytes))
		abort();
	memcpy(kb->bytes, lk->data, lk->length);
}

struct mit_pair {
	gss_ctx_id_t ictx, actx;
	gss_name_t target;
	gss_cred_id_t icred, acred;
};

/*
 * The initiator's credential; with @pin it offers only @etype for the
 * acceptor subkey (RFC 4537), else all it has, aes256 first.
 */
static gss_cred_id_t mit_icred(s32 etype, bool pin)
{
	gss_OID_set_desc mechs = { 1, (gss_OID)gss_mech_krb5 };
	krb5_enctype e = etype;
	gss_cred_id_t cred;
	OM_uint32 maj, min;

	maj = gss_acquire_cred(&min, GSS_C_NO_NAME, 0, &mechs, GSS_C_INITIATE,
			       &cred, NULL, NULL);
	if (maj)
		die("gss_acquire_cred (initiator)", maj, min);
	if (pin) {
		maj = gss_krb5_set_allowable_enctypes(&min, cred, 1, &e);
		if (maj)
			die("gss_krb5_set_allowable_enctypes", maj, min);
	}
	return cred;
}

/* an established MIT context pair on a fresh ticket of @etype */
static void mit_establish(struct mit_pair *p, s32 etype, bool pin,
			  OM_uint32 req)
{
	gss_buffer_desc nb = { strlen(SERVICE), (void *)SERVICE };
	gss_buffer_desc itok = { 0 }, atok = { 0 }, itok2 = { 0 };
	gss_OID_set_desc mechs = { 1, (gss_OID)gss_mech_krb5 };
	krb5_timestamp now = time(NULL);
	OM_uint32 maj, min;

	memset(p, 0, sizeof(*p));
	mit_store_ticket(SERVICE, ALICE, etype,
			 TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH, now, now + LIFE);
	maj = gss_import_name(&min, &nb, GSS_KRB5_NT_PRINCIPAL_NAME,
			      &p->target);
	if (maj)
		die("gss_import_name", maj, min);
	p->icred = mit_icred(etype, pin);
	maj = gss_init_sec_context(&min, p->icred, &p->ictx,
				   p->target, (gss_OID)gss_mech_krb5, req, 0,
				   NULL, GSS_C_NO_BUFFER, NULL, &itok, NULL,
				   NULL);
	if (GSS_ERROR(maj))
		die("gss_init_sec_context", maj, min);
	maj = gss_acquire_cred(&min, GSS_C_NO_NAME, 0, &mechs, GSS_C_ACCEPT,
			       &p->acred, NULL, NULL);
	if (maj)
		die("gss_acquire_cred", maj, min);
	maj = gss_accept_sec_context(&min, &p->actx, p->acred, &itok, NULL,
				     NULL, NULL, &atok, NULL, NULL, NULL);
	if (maj)
		die("gss_accept_sec_context", maj, min);
	if (req & GSS_C_MUTUAL_FLAG) {
		maj = gss_init_sec_context(&min, p->icred,
					   &p->ictx, p->target,
					   (gss_OID)gss_mech_krb5, req, 0,
					   NULL, &atok, NULL, &itok2, NULL,
					   NULL);
		if (maj)
			die("gss_init_sec_context (reply)", maj, min);
	}
	gss_release_buffer(&min, &itok);
	gss_release_buffer(&min, &itok2);
	gss_release_buffer(&min, &atok);
}

static void mit_release(struct mit_pair *p)
{
	OM_uint32 min;

	gss_delete_sec_context(&min, &p->ictx, NULL);
	gss_delete_sec_context(&min, &p->actx, NULL);
	gss_release_name(&min, &p->target);
	gss_release_cred(&min, &p->icred);
	gss_release_cred(&min, &p->acred);
}

/* the acceptor's context key, its flag and its sequence numbers */
struct mit_view {
	struct krbap_keyblock key;
	bool acc_subkey;
	u32 protocol;
	u64 send_seq, recv_seq;
};

static void mit_lucid(struct mit_pair *p, struct mit_view *v)
{
	gss_krb5_lucid_context_v1_t *lc;
	void *lucid = NULL;
	OM_uint32 maj, min;

	maj = gss_krb5_export_lucid_sec_context(&min, &p->actx, 1, &lucid);
	if (maj)
		die("gss_krb5_export_lucid_sec_context", maj, min);
	lc = lucid;
	memset(v, 0, sizeof(*v));
	v->protocol = lc->protocol;
	v->send_seq = lc->send_seq;
	v->recv_seq = lc->recv_seq;
	if (lc->protocol == 0) {
		lucid_key(&lc->rfc1964_kd.ctx_key, &v->key);
	} else {
		v->acc_subkey = lc->cfx_kd.have_acceptor_subkey;
		lucid_key(v->acc_subkey ? &lc->cfx_kd.acceptor_subkey :
					  &lc->cfx_kd.ctx_key, &v->key);
	}
	gss_krb5_free_lucid_sec_context(&min, lucid);
}

/*
 * @mutual: the acceptor makes an acceptor subkey; @pin: of @etype, else
 * of the enctype MIT's acceptor picks from the initiator's list (aes256)
 */
static void mit_case(s32 etype, bool mutual, bool pin)
{
	const OM_uint32 req = GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG |
			      GSS_C_INTEG_FLAG | GSS_C_CONF_FLAG |
			      (mutual ? GSS_C_MUTUAL_FLAG : 0);
	const char *name = !mutual ? "no mutual" :
			   pin ? "mutual" : "mutual, subkey as MIT picks";
	static const char m1[] = "one", m2[] = "two, a little longer",
			  m3[] = "";
	gss_buffer_desc macc = { 0 }, mi1 = { 0 }, mi2 = { 0 };
	struct mit_pair p;
	struct mit_view v;
	u8 tok[64];
	size_t len;
	u64 seq = 0;
	OM_uint32 maj, min;
	int err;

	mit_establish(&p, etype, pin, req);
	/* MIT's acceptor signs first, then its state is exported */
	maj = mit_get(p.actx, m1, &macc);
	if (maj)
		die("gss_get_mic (acceptor)", maj, 0);
	mit_lucid(&p, &v);
	ok(v.protocol == 1 && v.acc_subkey == mutual &&
	   (!pin || v.key.etype == etype),
	   "etype %d %s: MIT's context is CFX, acceptor subkey %d (context key etype %d)",
	   etype, name, v.acc_subkey, v.key.etype);

	err = krbap_gss_mic_make(&v.key, v.acc_subkey, true, v.send_seq - 1,
				 (const u8 *)m1, strlen(m1), tok, sizeof(tok),
				 &len);
	ok(!err && len == macc.length && !memcmp(tok, macc.value, len),
	   "etype %d %s: our acceptor MIC is byte-identical to MIT's (seq %llu)",
	   etype, name, (unsigned long long)v.send_seq - 1);
	maj = mit_verify(p.ictx, m1, tok, len);
	ok(maj == GSS_S_COMPLETE,
	   "etype %d %s: MIT's initiator verifies our MIC (major %#x)", etype,
	   name, maj);
	krbap_gss_mic_make(&v.key, v.acc_subkey, true, v.send_seq,
			   (const u8 *)m2, strlen(m2), tok, sizeof(tok), &len);
	maj = mit_verify(p.ictx, m2, tok, len);
	ok(maj == GSS_S_COMPLETE,
	   "etype %d %s: ... and the next one in sequence (major %#x)", etype,
	   name, maj);
	maj = mit_verify(p.ictx, m2, tok, len);
	ok(maj == GSS_S_DUPLICATE_TOKEN,
	   "etype %d %s: ... and calls it a duplicate when sent again (major %#x)",
	   etype, name, maj);
	tok[len - 1] ^= 1;
	maj = mit_verify(p.ictx, m2, tok, len);
	ok(maj == GSS_S_BAD_SIG,
	   "etype %d %s: ... and refuses it with a flipped bit (major %#x)",
	   etype, name, maj);

	maj = mit_get(p.ictx, m3, &mi1) | mit_get(p.ictx, m2, &mi2);
	if (maj)
		die("gss_get_mic (initiator)", maj, 0);
	err = krbap_gss_mic_verify(&v.key, v.acc_subkey, false, NULL, 0,
				   mi1.value, mi1.length, &seq);
	ok(!err && seq == v.recv_seq,
	   "etype %d %s: MIT's initiator MIC (empty message) verifies, seq %llu",
	   etype, name, (unsigned long long)seq);
	err = krbap_gss_mic_verify(&v.key, v.acc_subkey, false,
				   (const u8 *)m2, strlen(m2), mi2.value,
				   mi2.length, &seq);
	ok(!err && seq == v.recv_seq + 1,
	   "etype %d %s: and its next one, seq %llu", etype, name,
	   (unsigned long long)seq);
	err = krbap_gss_mic_verify(&v.key, v.acc_subkey, true, (const u8 *)m2,
				   strlen(m2), mi2.value, mi2.length, &seq);
	ok(err == -EBADMSG,
	   "etype %d %s: MIT's initiator MIC taken as the acceptor's: -EBADMSG",
	   etype, name);
	err = krbap_gss_mic_verify(&v.key, !v.acc_subkey, false,
				   (const u8 *)m2, strlen(m2), mi2.value,
				   mi2.length, &seq);
	ok(err == -EBADMSG,
	   "etype %d %s: MIT's MIC with the AcceptorSubkey flag not expected: -EBADMSG",
	   etype, name);
	err = krbap_gss_mic_verify(&v.key, v.acc_subkey, false,
				   (const u8 *)m1, strlen(m1), mi2.value,
				   mi2.length, &seq);
	ok(err == -EKEYREJECTED,
	   "etype %d %s: MIT's MIC on another message: -EKEYREJECTED", etype,
	   name);
	gss_release_buffer(&min, &macc);
	gss_release_buffer(&min, &mi1);
	gss_release_buffer(&min, &mi2);
	memset(&v, 0, sizeof(v));
	mit_release(&p);
}

static void mit_rc4(void)
{
	struct mit_pair p;
	struct mit_view v;
	u8 tok[64];
	size_t len;

	mit_establish(&p, 23, true, GSS_C_MUTUAL_FLAG | GSS_C_INTEG_FLAG);
	mit_lucid(&p, &v);
	ok(v.protocol == 0 && v.key.etype == 23 &&
	   krbap_gss_mic_make(&v.key, false, true, 0, (const u8 *)msg, 3, tok,
			      sizeof(tok), &len) == -EOPNOTSUPP,
	   "an MIT rc4-hmac context (RFC 1964/4757 tokens): -EOPNOTSUPP");
	mit_release(&p);
}

static void test_mit(void)
{
	size_t i;

	mit_setup("test_gssmic", REALM, SERVICE);
	for (i = 0; i < ARRAY_SIZE(cfx_etypes); i++) {
		mit_case(cfx_etypes[i], true, true);
		mit_case(cfx_etypes[i], true, false);
		mit_case(cfx_etypes[i], false, true);
	}
	mit_rc4();
	mit_cleanup();
}

int main(void)
{
	size_t i;

	srand(4121);
	krbap_crypto_init();
	test_layout();
	test_bad_keys();
	for (i = 0; i < ARRAY_SIZE(cfx_etypes); i++)
		test_refusals(cfx_etypes[i]);
	test_other_enctype_key();
	test_nomem();
	test_result_api();
	test_mit();
	krbap_crypto_exit();
	return tap_done();
}
