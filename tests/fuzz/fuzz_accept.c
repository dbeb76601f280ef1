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
 * KRB-ERROR or nothing.  A SPNEGO token that offers krb5 but not first
 * gets -EINPROGRESS and a request-mic with no login in the result; the
 * harness then plays the initiator's next tokens from the rest of the
 * input (FA_RENEG) and holds each outcome to MIT's renegotiation rules.
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
#include "gssmic.h"
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

/* what the initiator knows of a built AP-REQ, to sign a mechListMIC */
struct built {
	struct krbap_keyblock key;	/* its subkey, else the session key */
	u32 seq;
};

static void initiator_key(const struct krbap_enc_ticket *et, const u8 *pt,
			  size_t len, struct built *b)
{
	const struct krbap_enc_key *k = &et->key;
	struct krbap_authenticator au;

	if (!krbap_decode_authenticator(pt, len, &au)) {
		b->seq = au.seq;
		if (au.has_subkey)
			k = &au.subkey;
	}
	if (k->value.len <= sizeof(b->key.bytes)) {
		b->key.etype = k->type;
		b->key.len = k->value.len;
		memcpy(b->key.bytes, k->value.data, k->value.len);
	}
}

/*
 * Mode FA_PLAIN: @p[0] the key byte, @p[1..2] the ticket plaintext's
 * length, then the two plaintexts.  Seal the ticket under key @p[0], the
 * authenticator under the session key it names (or a fixed aes256 key
 * when it names none we can use), and wrap them.  Returns the token
 * length, 0 if none; @b (if not NULL) gets the initiator's key.
 */
static size_t build(const u8 *p, size_t len, u8 *buf, const u8 **tok,
		    struct built *b)
{
	unsigned int i;
	struct krbap_enc_ticket et;
	struct krbap_key skey, tkey;
	u8 raw[KRBAP_MAX_KEYBYTES] = { 0 };
	size_t tl, tctlen, actlen, out = 0;
	u8 *tct, *act;
	u32 opts;

	if (len < 3)
		return 0;
	i = (p[0] & 0x7f) % FA_NKEYS;
	opts = p[0] & FA_MUTUAL ? KRBAP_AP_OPT_MUTUAL_REQUIRED : 0;
	tl = (size_t)p[1] << 8 | p[2];
	if (tl > len - 3)
		return 0;
	fa_key_bytes(i, raw);
	if (krbap_key_init(&tkey, fa_keys[i].etype, raw, fa_keys[i].len))
		abort();
	if (krbap_decode_enc_ticket(p + 3, tl, &et) ||
	    krbap_key_init(&skey, et.key.type, et.key.value.data,
			   et.key.value.len))
		krbap_key_init(&skey, KRBAP_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
			       raw, 32);
	else if (b)
		initiator_key(&et, p + 3 + tl, len - 3 - tl, b);
	tct = seal(&tkey, 2, p + 3, tl, &tctlen);
	act = seal(&skey, 11, p + 3 + tl, len - 3 - tl, &actlen);
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

/* a renegotiation's state in the harness: the mech list both MICs cover */
struct nego {
	struct krbap_spnego_init neg;	/* the first token, as parsed */
	const char *name;		/* the acceptor constraint */
	struct krbap_acceptor *acc;
	u8 mode;
};

/* a result with no login in it: no names, no keys */
static void check_empty(const struct krbap_result *r)
{
	if (r->client || r->server || r->session_key.etype ||
	    r->subkey.etype || r->acceptor_subkey.etype || r->context_enctype)
		abort();
}

/* RFC 4178 5: krb5 offered but not first: a request-mic, nothing else */
static void check_continue(const struct krbap_result *r, const u8 *tok,
			   size_t len, struct nego *g)
{
	u8 mic[KRBAP_MIC_MAX];
	struct krbap_bytes in;
	size_t mic_len;

	if (!r || !r->continue_needed || !r->nego || r->krb_error ||
	    r->error_token || r->framing != KRBAP_FRAMING_SPNEGO ||
	    krbap_spnego_parse_init(tok, len, &g->neg) || g->neg.optimistic ||
	    krbap_rcache_count(rc) ||
	    krbap_get_mic(r, 0, "", 0, mic, sizeof(mic), &mic_len) != -EINVAL)
		abort();
	check_empty(r);
	spnego_resp(r->ap_rep, r->ap_rep_len, KRBAP_SPNEGO_REQUEST_MIC,
		    &g->neg.mech_oid, &in);
	if (in.len)
		abort();
}

/* a refusal after the first token: no login left, no supportedMech */
static void check_nego_refused(int ret, const struct krbap_result *r)
{
	struct krbap_spnego_resp resp;

	check_refused(ret, r);
	check_empty(r);
	if (r->continue_needed || r->nego || r->framing != KRBAP_FRAMING_SPNEGO ||
	    !r->error_token ||
	    krbap_spnego_parse_resp(r->error_token, r->error_token_len, &resp) ||
	    resp.supported_mech.len)
		abort();
}

/*
 * Our MIC over the mech list in @resp: made with the context key,
 * SentByAcceptor, SND_SEQ @seq.
 */
static void check_our_mic(const struct krbap_result *r,
			  const struct krbap_spnego_resp *resp,
			  const struct nego *g, u64 seq)
{
	const struct krbap_keyblock *key;
	bool sub;
	u64 got;

	key = krbap_gss_context_key(r, &sub);
	if (krbap_gss_mic_verify(key, sub, true, g->neg.mech_types.data,
				 g->neg.mech_types.len, resp->mech_list_mic.data,
				 resp->mech_list_mic.len, &got) || got != seq)
		abort();
}

/*
 * Round 2 took the AP-REQ in @tok: the login is in @r, and the reply is
 * accept-completed, or accept-incomplete when the initiator's MIC is
 * still owed (MIT's rules: a MIC received is a MIC owed; with integrity
 * both sides owe one), never naming the mechanism again.
 */
static void check_round2(int ret, const struct krbap_result *r,
			 const u8 *tok, size_t len, const struct nego *g)
{
	struct krbap_spnego_resp in, out;
	struct krbap_bytes ap_req, rep;
	enum krbap_gss_mech mech;
	struct krbap_ap_req req;
	bool mutual, got_mic, owed, incomplete;
	u8 mic[KRBAP_MIC_MAX];
	size_t mic_len;
	u64 base;

	if (!r->client || !r->server || !held(r->server) || r->krb_error ||
	    r->error_token || r->framing != KRBAP_FRAMING_SPNEGO ||
	    krbap_spnego_parse_resp(tok, len, &in) ||
	    krbap_gss_unwrap_init(in.response_token.data,
				  in.response_token.len, &ap_req, &mech) ||
	    krbap_decode_ap_req(ap_req.data, ap_req.len, &req) ||
	    !r->ap_rep ||
	    krbap_spnego_parse_resp(r->ap_rep, r->ap_rep_len, &out))
		abort();
	mutual = r->gss_flags & KRBAP_GSS_C_MUTUAL;
	got_mic = in.mech_list_mic.len;
	owed = got_mic || (r->gss_flags & KRBAP_GSS_C_INTEG);
	incomplete = owed && !got_mic;
	if ((ret == -EINPROGRESS) != incomplete ||
	    r->continue_needed != incomplete || !r->nego != !incomplete ||
	    !out.has_neg_state || out.supported_mech.len ||
	    out.neg_state != (incomplete ? KRBAP_SPNEGO_ACCEPT_INCOMPLETE :
			      KRBAP_SPNEGO_ACCEPT_COMPLETED) ||
	    !out.response_token.len != !mutual ||
	    !out.mech_list_mic.len != !owed)
		abort();
	if (mutual) {
		gss_inner(out.response_token.data, out.response_token.len,
			  KRBAP_GSS_TOK_AP_REP, &rep);
		check_ap_rep(r, rep.data, rep.len);
	}
	base = mutual ? r->acceptor_seq : r->seq;
	if (r->send_seq != base + owed || r->recv_seq != (u64)r->seq + got_mic)
		abort();
	if (owed)
		check_our_mic(r, &out, g, base);
	if (incomplete &&
	    krbap_get_mic(r, 0, "", 0, mic, sizeof(mic), &mic_len) != -EINVAL)
		abort();
}

/* after round 3: the whole login, or nothing but the refusal */
static void check_round3(int ret, struct krbap_result *r, u64 recv_seq)
{
	static const u8 reject[] = { 0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03,
				     0x0a, 0x01, KRBAP_SPNEGO_REJECT };
	struct krbap_result left, zero = { 0 };

	if (!ret) {
		if (r->continue_needed || r->nego || r->ap_rep || !r->client ||
		    r->krb_error || r->error_token || r->recv_seq != recv_seq + 1)
			abort();
		return;
	}
	if (!r->krb_error || ret != krbap_error_errno(r->krb_error) ||
	    r->framing != KRBAP_FRAMING_SPNEGO ||
	    r->error_token_len != sizeof(reject) ||
	    memcmp(r->error_token, reject, sizeof(reject)))
		abort();
	memcpy(&left, r, sizeof(left));
	left.krb_error = 0;
	left.framing = 0;
	memset(left.reason, 0, sizeof(left.reason));
	left.error_token = NULL;
	left.error_token_len = 0;
	if (memcmp(&left, &zero, sizeof(zero)))
		abort();
}

static int next(struct nego *g, struct krbap_result *r, const u8 *tok,
		size_t len)
{
	struct timespec64 now = { FA_NOW, FA_NOW_NS };
	u8 *copy = malloc(len ? len : 1);	/* exactly len for ASan */
	int ret;

	memcpy(copy, tok, len);
	ret = krbap_accept_next_core(g->acc, r, copy, len, g->name, &now);
	if (verbose)
		fprintf(stderr, "fuzz_accept: next %d %u %s\n", ret,
			r->krb_error, r->reason);
	free(copy);
	return ret;
}

/* @mic made with @key over the mech list, or none when it cannot be */
static bool make_mic(const struct krbap_keyblock *key, bool sub, u64 seq,
		     const struct nego *g, u8 *mic, size_t *len)
{
	return key->etype &&
	       !krbap_gss_mic_make(key, sub, false, seq,
				   g->neg.mech_types.data, g->neg.mech_types.len,
				   mic, KRBAP_MIC_MAX, len);
}

/*
 * Round 3, the initiator's MIC: the rest of the input as it is, or with
 * FA_MIC3 a good MIC under the context key, a byte of it (@p[0]) xored
 * with @p[1] and its SND_SEQ @p[2] ahead when the input goes on.
 */
static void round3(struct nego *g, struct krbap_result *r, const u8 *p,
		   size_t len)
{
	u8 mic[KRBAP_MIC_MAX], tok[KRBAP_MIC_MAX + 16];
	struct krbap_bytes micb = { mic, 0 };
	const struct krbap_keyblock *key;
	u64 recv_seq = r->recv_seq;
	size_t mic_len, tlen;
	bool sub;

	if (g->mode & FA_MIC3) {
		key = krbap_gss_context_key(r, &sub);
		if (!make_mic(key, sub, r->recv_seq + (len >= 3 ? p[2] : 0), g,
			      mic, &mic_len))
			return;
		if (len >= 2)
			mic[p[0] % mic_len] ^= p[1];
		micb.len = mic_len;
		if (krbap_spnego_build_resp(KRBAP_SPNEGO_ACCEPT_INCOMPLETE,
					    NULL, NULL, &micb, tok, sizeof(tok),
					    &tlen))
			abort();
		p = tok;
		len = tlen;
	}
	check_round3(next(g, r, p, len), r, recv_seq);
}

/* [APPLICATION 0] { OID, 01 00, @ap_req } into @buf */
static int gss_init_tok(const struct krbap_bytes *oid, const u8 *ap_req,
			size_t len, u8 *buf, size_t size, const u8 **out,
			size_t *out_len)
{
	static const u8 tok_id[] = { 0x01, 0x00 };
	struct krbap_der_w w;
	size_t m;

	krbap_der_w_init(&w, buf, size);
	m = krbap_der_w_len(&w);
	krbap_der_w_raw(&w, ap_req, len);
	krbap_der_w_raw(&w, tok_id, sizeof(tok_id));
	krbap_der_w_octets(&w, KRBAP_DER_TAG(KRBAP_DER_UNIVERSAL, 0x06),
			   oid->data, oid->len);
	krbap_der_w_hdr(&w, KRBAP_DER_APP(0), m);
	return krbap_der_w_finish(&w, out, out_len);
}

/*
 * FA_PLAIN's second token: the AP-REQ built from @p (see build()) as a
 * GSS token under the krb5 OID the first token listed, in a NegTokenResp
 * with, when @p[0] has FA_MIC2, the initiator's MIC.
 */
static size_t plain_resp(const struct nego *g, const u8 *p, size_t len,
			 u8 *buf)
{
	static u8 *abuf, *gbuf;
	struct built b = { { 0 } };
	u8 mic[KRBAP_MIC_MAX];
	struct krbap_bytes gss, micb = { mic, 0 };
	const u8 *apreq;
	size_t alen, out;

	if (!abuf) {
		abuf = malloc(BUF_MAX);
		gbuf = malloc(BUF_MAX);
	}
	alen = build(p, len, abuf, &apreq, &b);
	if (!alen || gss_init_tok(&g->neg.mech_oid, apreq, alen, gbuf,
				  BUF_MAX, &gss.data, &gss.len))
		return 0;
	if (p[0] & FA_MIC2) {
		if (!make_mic(&b.key, false, b.seq, g, mic, &micb.len))
			return 0;
		mic[FA_MIC2_FLIP(p[0]) % micb.len] ^= !!FA_MIC2_FLIP(p[0]);
	}
	if (krbap_spnego_build_resp(KRBAP_SPNEGO_ACCEPT_INCOMPLETE, NULL, &gss,
				    micb.len ? &micb : NULL, buf, BUF_MAX,
				    &out))
		return 0;
	return out;
}

/*
 * Round 2 from @p: two bytes of length L, L bytes that make the
 * initiator's NegTokenResp with its AP-REQ (itself, or with FA_PLAIN
 * what plain_resp() builds it from), then round 3's bytes.
 */
static void round2(struct nego *g, struct krbap_result *r, const u8 *p,
		   size_t len)
{
	static u8 *buf;
	size_t l2, tlen;
	const u8 *tok;
	int ret;

	if (!buf)
		buf = malloc(BUF_MAX);
	if (len < 2)
		return;
	l2 = (size_t)p[0] << 8 | p[1];
	if (l2 > len - 2)
		return;
	tok = p + 2;
	tlen = l2;
	if (g->mode & FA_PLAIN) {
		tlen = plain_resp(g, p + 2, l2, buf);
		tok = buf;
		if (!tlen)
			return;
	}
	ret = next(g, r, tok, tlen);
	if (ret && ret != -EINPROGRESS) {
		check_nego_refused(ret, r);
		return;
	}
	check_round2(ret, r, tok, tlen, g);
	if (ret == -EINPROGRESS)
		round3(g, r, p + 2 + l2, len - 2 - l2);
}

/* the first token's place in the input: all of it, or FA_RENEG's part */
static bool first_token(const u8 *data, size_t len, const u8 **tok,
			size_t *tlen, const u8 **rest, size_t *rest_len)
{
	static u8 *buf;

	if (!buf)
		buf = malloc(BUF_MAX);
	*rest = NULL;
	*rest_len = 0;
	if (data[0] & FA_RENEG) {
		if (len < 3)
			return false;
		*tlen = (size_t)data[1] << 8 | data[2];
		if (*tlen > len - 3)
			return false;
		*tok = data + 3;
		*rest = *tok + *tlen;
		*rest_len = len - 3 - *tlen;
		return true;
	}
	if (data[0] & FA_PLAIN) {
		*tlen = build(data + 1, len - 1, buf, tok, NULL);
		return *tlen;
	}
	*tok = data + 1;
	*tlen = len - 1;
	return true;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct timespec64 now = { FA_NOW, FA_NOW_NS };
	struct krbap_acceptor acc = { .clock_skew = FA_SKEW };
	struct nego g = { .acc = &acc };
	struct krbap_result *r;
	const u8 *tok, *rest;
	size_t tlen, rest_len;
	u8 *copy;
	int ret;

	if (!ks) {
		verbose = getenv("FUZZ_ACCEPT_VERBOSE");
		setup();
	}
	if (len < 1 || len > BUF_MAX / 2 ||
	    !first_token(data, len, &tok, &tlen, &rest, &rest_len))
		return 0;
	copy = malloc(tlen ? tlen : 1);	/* exactly tlen bytes for ASan */
	memcpy(copy, tok, tlen);
	acc.keys = ks;
	acc.rcache = rc;
	acc.allow_rc4 = data[0] & FA_RC4;
	acc.acceptor_subkey = data[0] & FA_ACC_SUBKEY;
	g.mode = data[0];
	g.name = data[0] & FA_CONSTRAIN ? fa_keys[0].principal : NULL;
	ret = krbap_accept_core(&acc, copy, tlen, g.name, &now, &r);
	if (verbose)
		fprintf(stderr, "fuzz_accept: %d %u %s\n", ret,
			r ? r->krb_error : 0, r ? r->reason : "");
	if (!ret) {
		check_accepted(r, copy, tlen);
	} else if (ret == -EINPROGRESS) {
		check_continue(r, copy, tlen, &g);
		round2(&g, r, rest, rest_len);
	} else {
		check_refused(ret, r);
	}
	krbap_result_free(r);
	krbap_rcache_flush(rc);
	free(copy);
	return 0;
}
