// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the whole accept pipeline (kmod/accept.c with the
 * keystore, replay cache, codec and crypto) with a fixed keystore and a
 * fixed clock; see fuzz_accept.h for the input format.  Whatever the
 * input, the outcome must be consistent: accepted with a client, a held
 * server and an AP-REP exactly when mutual was asked, or refused with a
 * KRB error code, its errno and a KRB-ERROR that decodes to that code;
 * each in the framing the token came in.  GSS (RFC 4121): the AP-REP in
 * a 02 00 token, the KRB-ERROR in a 03 00 token or none.  SPNEGO (RFC
 * 4178): always a NegTokenResp, accept-completed naming the initiator's
 * krb5 OID around the GSS AP-REP iff mutual, or reject around the GSS
 * KRB-ERROR or nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include <linux/slab.h>
#include "accept.h"
#include "crypto/krb5.h"
#include "der.h"
#include "keystore.h"
#include "msg.h"
#include "gss.h"
#include "rcache.h"
#include "spnego.h"
#include "fuzz_accept.h"

#define BUF_MAX		65536

static struct krbap_keystore *ks;
static struct krbap_rcache *rc;		/* flushed after every input */
static bool verbose;	/* FUZZ_ACCEPT_VERBOSE set: print each outcome */

static void setup(void)
{
	u8 raw[KRBAP_MAX_KEYBYTES];
	unsigned int i;

	krbap_crypto_init();
	if (krbap_rcache_init())
		abort();
	ks = krbap_keystore_create();
	rc = krbap_rcache_create(16);
	if (!ks || !rc)
		abort();
	for (i = 0; i < FA_NKEYS; i++) {
		fa_key_bytes(i, raw);
		if (krbap_keystore_add(ks, fa_keys[i].principal,
				       fa_keys[i].kvno, fa_keys[i].etype, raw,
				       fa_keys[i].len, 1))
			abort();
	}
}

/* @pt encrypted under @key for @usage into a new buffer */
static u8 *seal(const struct krbap_key *key, u32 usage, const u8 *pt,
		size_t len, size_t *ctlen)
{
	struct krbap_ukey uk;
	u8 *ct;

	*ctlen = krbap_ciphertext_len(key->et, len);
	ct = malloc(*ctlen);
	if (krbap_ukey_init(&uk, key, usage, KRBAP_KU_ENCRYPT) ||
	    krbap_encrypt(&uk, pt, len, ct, *ctlen))
		abort();
	krbap_ukey_destroy(&uk);
	return ct;
}

static void w_ctx_int(struct krbap_der_w *w, unsigned int n, s64 v)
{
	size_t m = krbap_der_w_len(w);

	krbap_der_w_int(w, v);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_enc_data(struct krbap_der_w *w, unsigned int n, s32 etype,
		       const u32 *kvno, const u8 *ct, size_t len)
{
	size_t m = krbap_der_w_len(w), m2;

	m2 = krbap_der_w_len(w);
	krbap_der_w_octets(w, KRBAP_DER_OCTET_STRING, ct, len);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(2), m2);
	if (kvno)
		w_ctx_int(w, 1, *kvno);
	w_ctx_int(w, 0, etype);
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_string(struct krbap_der_w *w, const char *s)
{
	krbap_der_w_octets(w, KRBAP_DER_GENERAL_STR, s, strlen(s));
}

/* AP-REQ { ticket { realm, sname of @k, enc-part }, authenticator } */
static int wrap(const struct fa_key *k, u32 opts, const u8 *tct,
		size_t tlen, s32 aetype, const u8 *act, size_t alen, u8 *buf,
		const u8 **out, size_t *len)
{
	struct krbap_der_w w;
	size_t m, t, n;

	krbap_der_w_init(&w, buf, BUF_MAX);
	m = krbap_der_w_len(&w);
	w_enc_data(&w, 4, aetype, NULL, act, alen);
	t = krbap_der_w_len(&w);
	w_enc_data(&w, 3, k->etype, &k->kvno, tct, tlen);
	n = krbap_der_w_len(&w);
	w_string(&w, k->host);
	w_string(&w, k->svc);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, n);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(1), n);
	w_ctx_int(&w, 0, KRBAP_NT_SRV_INST);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, n);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(2), n);
	n = krbap_der_w_len(&w);
	w_string(&w, FA_REALM);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(1), n);
	w_ctx_int(&w, 0, KRBAP_PVNO);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, t);
	krbap_der_w_hdr(&w, KRBAP_DER_APP(KRBAP_APP_TICKET), t);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(3), t);
	n = krbap_der_w_len(&w);
	krbap_der_w_flags(&w, opts);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(2), n);
	w_ctx_int(&w, 1, KRBAP_MT_AP_REQ);
	w_ctx_int(&w, 0, KRBAP_PVNO);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(&w, KRBAP_DER_APP(KRBAP_MT_AP_REQ), m);
	return krbap_der_w_finish(&w, out, len);
}

/*
 * Mode FA_PLAIN: seal the ticket under key @data[1], the authenticator
 * under the session key it names (or a fixed aes256 key when it names
 * none we can use), and wrap them.  Returns the token length, 0 if none.
 */
static size_t build(const u8 *data, size_t len, u8 *buf, const u8 **tok)
{
	unsigned int i = (data[1] & 0x7f) % FA_NKEYS;
	struct krbap_enc_ticket et;
	struct krbap_key skey, tkey;
	u8 raw[KRBAP_MAX_KEYBYTES] = { 0 };
	size_t tl, tctlen, actlen, out = 0;
	u8 *tct, *act;
	u32 opts = data[1] & FA_MUTUAL ? KRBAP_AP_OPT_MUTUAL_REQUIRED : 0;

	tl = (size_t)data[2] << 8 | data[3];
	if (tl > len - 4)
		return 0;
	fa_key_bytes(i, raw);
	if (krbap_key_init(&tkey, fa_keys[i].etype, raw, fa_keys[i].len))
		abort();
	if (krbap_decode_enc_ticket(data + 4, tl, &et) ||
	    krbap_key_init(&skey, et.key.type, et.key.value.data,
			   et.key.value.len))
		krbap_key_init(&skey, KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
			       raw, 32);
	tct = seal(&tkey, 2, data + 4, tl, &tctlen);
	act = seal(&skey, 11, data + 4 + tl, len - 4 - tl, &actlen);
	if (wrap(&fa_keys[i], opts, tct, tctlen, skey.et->etype, act, actlen,
		 buf, tok, &out))
		out = 0;
	free(tct);
	free(act);
	krbap_key_destroy(&tkey);
	krbap_key_destroy(&skey);
	return out;
}

static bool held(const char *principal)
{
	unsigned int i;

	for (i = 0; i < FA_NKEYS; i++)
		if (!strcmp(principal, fa_keys[i].principal))
			return true;
	return false;
}

/* @tok is a GSS context token of type @tok_id: the message inside it */
static void gss_inner(const u8 *tok, size_t len, u16 tok_id,
		      struct krbap_bytes *inner)
{
	struct krbap_der d, in;
	struct krbap_der_tlv oid;

	krbap_der_init(&d, tok, len);
	if (krbap_der_enter(&d, KRBAP_DER_APP(0), &in) || krbap_der_end(&d) ||
	    krbap_der_expect(&in, KRBAP_DER_TAG(KRBAP_DER_UNIVERSAL, 0x06),
			     &oid) ||
	    in.left < 2 || in.p[0] != tok_id >> 8 ||
	    in.p[1] != (tok_id & 0xff))
		abort();
	inner->data = in.p + 2;
	inner->len = in.left - 2;
}

/* the GSS token inside an accepted SPNEGO token, and its krb5 OID */
static void spnego_inner(const u8 *tok, size_t len, struct krbap_bytes *gss,
			 struct krbap_bytes *oid)
{
	struct krbap_spnego_init neg;

	if (krbap_spnego_parse_init(tok, len, &neg) || !neg.optimistic)
		abort();
	*gss = neg.mech_token;
	*oid = neg.mech_oid;
}

/* a NegTokenResp with @state; its responseToken */
static void spnego_resp(const u8 *tok, size_t len, u8 state,
			const struct krbap_bytes *oid,
			struct krbap_bytes *inner)
{
	struct krbap_spnego_resp resp;

	if (!tok || krbap_spnego_parse_resp(tok, len, &resp) ||
	    !resp.has_neg_state || resp.neg_state != state ||
	    resp.mech_list_mic.len ||
	    (oid && (resp.supported_mech.len != oid->len ||
		     memcmp(resp.supported_mech.data, oid->data, oid->len))))
		abort();
	*inner = resp.response_token;
}

static void check_ap_rep(const struct krbap_result *r, const u8 *rep,
			 size_t len)
{
	struct krbap_enc_data enc;

	if (krbap_decode_ap_rep(rep, len, &enc) ||
	    enc.etype != r->session_key.etype)
		abort();
}

static void check_accepted(const struct krbap_result *r, const u8 *tok,
			   size_t len)
{
	struct krbap_bytes ap_req = { tok, len }, gss = { tok, len }, oid, in;
	enum krbap_gss_mech mech;
	struct krbap_ap_req req;
	bool mutual;

	if (!r || r->krb_error || !r->client || !r->server ||
	    !held(r->server) || r->error_token)
		abort();
	if (r->framing == KRBAP_FRAMING_SPNEGO)
		spnego_inner(tok, len, &gss, &oid);
	if (r->framing != KRBAP_FRAMING_BARE &&
	    krbap_gss_unwrap_init(gss.data, gss.len, &ap_req, &mech))
		abort();
	if (krbap_decode_ap_req(ap_req.data, ap_req.len, &req))
		abort();
	if (r->framing == KRBAP_FRAMING_BARE) {
		mutual = req.ap_options & KRBAP_AP_OPT_MUTUAL_REQUIRED;
		if (mutual != !!r->ap_rep)
			abort();
		if (r->ap_rep)
			check_ap_rep(r, r->ap_rep, r->ap_rep_len);
		return;
	}
	mutual = r->gss_flags & KRBAP_GSS_C_MUTUAL;
	in.data = r->ap_rep;
	in.len = r->ap_rep_len;
	if (r->framing == KRBAP_FRAMING_SPNEGO)
		spnego_resp(r->ap_rep, r->ap_rep_len,
			    KRBAP_SPNEGO_ACCEPT_COMPLETED, &oid, &in);
	else if (r->framing != KRBAP_FRAMING_GSS)
		abort();
	if (mutual != !!in.len)
		abort();
	if (in.len) {
		gss_inner(in.data, in.len, KRBAP_GSS_TOK_AP_REP, &in);
		check_ap_rep(r, in.data, in.len);
	}
}

static void check_krb_error(const struct krbap_result *r, const u8 *tok,
			    size_t len)
{
	struct krbap_krb_error e;

	if (krbap_decode_krb_error(tok, len, &e) ||
	    e.error_code != (s32)r->krb_error || e.stime != FA_NOW)
		abort();
}

static void check_refused(int ret, const struct krbap_result *r)
{
	struct krbap_bytes in;

	if (!r || !r->krb_error || ret != krbap_error_errno(r->krb_error) ||
	    r->client || r->server || r->ap_rep)
		abort();
	in.data = r->error_token;
	in.len = r->error_token_len;
	switch (r->framing) {
	case KRBAP_FRAMING_BARE:
		if (!in.len)
			abort();
		check_krb_error(r, in.data, in.len);
		return;
	case KRBAP_FRAMING_SPNEGO:
		spnego_resp(r->error_token, r->error_token_len,
			    KRBAP_SPNEGO_REJECT, NULL, &in);
		fallthrough;
	case KRBAP_FRAMING_GSS:
		if (in.len) {
			gss_inner(in.data, in.len, KRBAP_GSS_TOK_ERROR, &in);
			check_krb_error(r, in.data, in.len);
		}
		return;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	static u8 *buf;
	struct timespec64 now = { FA_NOW, FA_NOW_NS };
	struct krbap_acceptor acc = { .clock_skew = FA_SKEW };
	struct krbap_result *r;
	const u8 *tok;
	u8 *copy;
	size_t tlen;
	int ret;

	if (!ks) {
		verbose = getenv("FUZZ_ACCEPT_VERBOSE");
		setup();
		buf = malloc(BUF_MAX);
	}
	if (len < 1 || len > BUF_MAX / 2)
		return 0;
	if (data[0] & FA_PLAIN) {
		if (len < 4)
			return 0;
		tlen = build(data, len, buf, &tok);
		if (!tlen)
			return 0;
	} else {
		tok = data + 1;
		tlen = len - 1;
	}
	copy = malloc(tlen ? tlen : 1);	/* exactly tlen bytes for ASan */
	memcpy(copy, tok, tlen);
	acc.keys = ks;
	acc.rcache = rc;
	acc.allow_rc4 = data[0] & FA_RC4;
	acc.acceptor_subkey = data[0] & FA_ACC_SUBKEY;
	ret = krbap_accept_core(&acc, copy, tlen,
				data[0] & FA_CONSTRAIN ? fa_keys[0].principal :
				NULL, &now, &r);
	if (verbose)
		fprintf(stderr, "fuzz_accept: %d %u %s\n", ret,
			r ? r->krb_error : 0, r ? r->reason : "");
	if (!ret)
		check_accepted(r, copy, tlen);
	else
		check_refused(ret, r);
	krbap_result_free(r);
	krbap_rcache_flush(rc);
	free(copy);
	return 0;
}
