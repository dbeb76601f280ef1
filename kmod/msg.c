// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 4120 messages on top of der.c.  Each decoder follows the ASN.1 field
 * by field: required fields in tag order, OPTIONAL ones peeked, unknown
 * trailing fields skipped (see msg.h), everything bounded by its element.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "msg.h"

#define NAME_MAX_LEN	KRBAP_MAX_NAME_LEN

static int done(struct krbap_der *f, int err)
{
	return err ?: krbap_der_end(f);
}

/* 1 if the next element is [n], 0 if not or at the end, or an error */
static int opt(const struct krbap_der *d, unsigned int n)
{
	u32 tag;
	int err;

	err = krbap_der_peek(d, &tag);
	if (err == -ENODATA)
		return 0;
	if (err)
		return err;
	return tag == KRBAP_DER_CTX(n);
}

static int ctx_int(struct krbap_der *d, unsigned int n, s64 min, s64 max,
		   s64 *v)
{
	struct krbap_der f;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	return err ?: done(&f, krbap_der_int(&f, min, max, v));
}

static int ctx_s32(struct krbap_der *d, unsigned int n, s32 *v)
{
	s64 x;
	int err;

	err = ctx_int(d, n, S32_MIN, S32_MAX, &x);
	if (!err)
		*v = x;
	return err;
}

static int ctx_u32(struct krbap_der *d, unsigned int n, u32 *v)
{
	s64 x;
	int err;

	err = ctx_int(d, n, 0, U32_MAX, &x);
	if (!err)
		*v = x;
	return err;
}

static int ctx_usec(struct krbap_der *d, unsigned int n, u32 *v)
{
	s64 x;
	int err;

	err = ctx_int(d, n, 0, KRBAP_USEC_MAX, &x);
	if (!err)
		*v = x;
	return err;
}

/* seq-number: UInt32, but older MIT sent values >= 2^31 as negative */
static int ctx_seq(struct krbap_der *d, unsigned int n, u32 *v)
{
	s64 x;
	int err;

	err = ctx_int(d, n, S32_MIN, U32_MAX, &x);
	if (!err)
		*v = (u32)x;
	return err;
}

static int ctx_time(struct krbap_der *d, unsigned int n, time64_t *t)
{
	struct krbap_der f;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	return err ?: done(&f, krbap_der_time(&f, t));
}

static int ctx_flags(struct krbap_der *d, unsigned int n, u32 *flags)
{
	struct krbap_der f;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	return err ?: done(&f, krbap_der_flags(&f, flags));
}

static int ctx_octets(struct krbap_der *d, unsigned int n,
		      struct krbap_bytes *b)
{
	struct krbap_der f;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	return err ?: done(&f, krbap_der_octets(&f, &b->data, &b->len));
}

static int ctx_string(struct krbap_der *d, unsigned int n, size_t max,
		      struct krbap_bytes *b)
{
	struct krbap_der f;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	return err ?: done(&f, krbap_der_string(&f, max, &b->data, &b->len));
}

/* SEQUENCE { [0] Int32, [1] OCTET STRING }: keys, checksums, addresses */
static int typed_octets(struct krbap_der *d, s32 *type, struct krbap_bytes *v)
{
	struct krbap_der seq;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_SEQUENCE, &seq);
	err = err ?: ctx_s32(&seq, 0, type);
	err = err ?: ctx_octets(&seq, 1, v);
	return err ?: krbap_der_skip_ext(&seq, 1);
}

static int ctx_typed(struct krbap_der *d, unsigned int n, s32 *type,
		     struct krbap_bytes *v)
{
	struct krbap_der f;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	return err ?: done(&f, typed_octets(&f, type, v));
}

static int name_strings(struct krbap_der *d, struct krbap_principal *p)
{
	struct krbap_der seq;
	struct krbap_bytes *c;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_SEQUENCE, &seq);
	for (p->ncomp = 0; !err && !krbap_der_empty(&seq); p->ncomp++) {
		if (p->ncomp == KRBAP_MAX_NAME_COMPONENTS)
			return -EMSGSIZE;
		c = &p->comp[p->ncomp];
		err = krbap_der_string(&seq, NAME_MAX_LEN, &c->data, &c->len);
	}
	return err;
}

/* [n] PrincipalName */
static int ctx_name(struct krbap_der *d, unsigned int n,
		    struct krbap_principal *p)
{
	struct krbap_der f, seq, names;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	err = err ?: krbap_der_enter(&f, KRBAP_DER_SEQUENCE, &seq);
	err = err ?: krbap_der_end(&f);
	err = err ?: ctx_s32(&seq, 0, &p->name_type);
	err = err ?: krbap_der_enter(&seq, KRBAP_DER_CTX(1), &names);
	err = err ?: done(&names, name_strings(&names, p));
	return err ?: krbap_der_skip_ext(&seq, 1);
}

/* [n] EncryptedData */
static int ctx_enc_data(struct krbap_der *d, unsigned int n,
			struct krbap_enc_data *e)
{
	struct krbap_der f, seq;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	err = err ?: krbap_der_enter(&f, KRBAP_DER_SEQUENCE, &seq);
	err = err ?: krbap_der_end(&f);
	err = err ?: ctx_s32(&seq, 0, &e->etype);
	err = err ?: opt(&seq, 1);
	if (err < 0)
		return err;
	e->has_kvno = err;
	err = e->has_kvno ? ctx_u32(&seq, 1, &e->kvno) : 0;
	err = err ?: ctx_octets(&seq, 2, &e->cipher);
	return err ?: krbap_der_skip_ext(&seq, 2);
}

/**
 * krbap_seq_iter_init() - start walking HostAddresses or AuthorizationData
 * @it: iterator
 * @enc: the whole SEQUENCE OF encoding; empty means no element
 *
 * Return: 0, or -EBADMSG if @enc is not one SEQUENCE.
 */
int krbap_seq_iter_init(struct krbap_seq_iter *it, struct krbap_bytes enc)
{
	struct krbap_der d;

	krbap_der_init(&it->d, NULL, 0);
	if (!enc.len)
		return 0;
	krbap_der_init(&d, enc.data, enc.len);
	return done(&d, krbap_der_enter(&d, KRBAP_DER_SEQUENCE, &it->d));
}

/**
 * krbap_seq_iter_next() - the next { [0] Int32, [1] OCTET STRING } element
 * @it: iterator
 * @type: addr-type or ad-type
 * @data: address or ad-data, inside the encoding
 *
 * Return: 1 with an element, 0 at the end, or a reader error.
 */
int krbap_seq_iter_next(struct krbap_seq_iter *it, s32 *type,
			struct krbap_bytes *data)
{
	int err;

	if (krbap_der_empty(&it->d))
		return 0;
	err = typed_octets(&it->d, type, data);
	return err ?: 1;
}

/* [n] SEQUENCE OF typed octets, kept whole after a check of every element */
static int ctx_seq_of(struct krbap_der *d, unsigned int n,
		      struct krbap_bytes *raw)
{
	struct krbap_seq_iter it;
	struct krbap_der_tlv t;
	struct krbap_bytes v;
	struct krbap_der f;
	s32 type;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(n), &f);
	err = err ?: done(&f, krbap_der_expect(&f, KRBAP_DER_SEQUENCE, &t));
	if (err)
		return err;
	raw->data = t.raw;
	raw->len = t.raw_len;
	err = krbap_seq_iter_init(&it, *raw);
	if (err)
		return err;
	do {
		err = krbap_seq_iter_next(&it, &type, &v);
	} while (err > 0);
	return err;
}

/* APPLICATION [app] SEQUENCE { pvno [0], msg-type [1], ... } and checks */
static int app_seq(struct krbap_der *d, unsigned int app,
		   struct krbap_der *seq)
{
	struct krbap_der f;
	u32 tag;
	int err;

	err = krbap_der_peek(d, &tag);
	if (err)
		return err == -ENODATA ? -EBADMSG : err;
	if (tag != KRBAP_DER_APP(app))
		return -ENOMSG;
	err = krbap_der_enter(d, KRBAP_DER_APP(app), &f);
	err = err ?: krbap_der_end(d);
	return err ?: done(&f, krbap_der_enter(&f, KRBAP_DER_SEQUENCE, seq));
}

static int check_vno(struct krbap_der *seq, unsigned int n)
{
	s64 v;
	int err;

	err = ctx_int(seq, n, S64_MIN, S64_MAX, &v);
	if (!err && v != KRBAP_PVNO)
		err = -EPROTO;
	return err;
}

static int check_msg_type(struct krbap_der *seq, s64 want)
{
	s64 v;
	int err;

	err = ctx_int(seq, 1, S64_MIN, S64_MAX, &v);
	if (!err && v != want)
		err = -ENOMSG;
	return err;
}

static int msg_hdr(struct krbap_der *d, unsigned int type,
		   struct krbap_der *seq)
{
	int err;

	err = app_seq(d, type, seq);
	err = err ?: check_vno(seq, 0);
	return err ?: check_msg_type(seq, type);
}

static int ticket_body(struct krbap_der *d, struct krbap_ticket *tkt)
{
	struct krbap_der seq;
	int err;

	tkt->raw.data = d->p;
	err = app_seq(d, KRBAP_APP_TICKET, &seq);
	err = err ?: check_vno(&seq, 0);
	err = err ?: ctx_string(&seq, 1, NAME_MAX_LEN, &tkt->server.realm);
	err = err ?: ctx_name(&seq, 2, &tkt->server);
	err = err ?: ctx_enc_data(&seq, 3, &tkt->enc);
	err = err ?: krbap_der_skip_ext(&seq, 3);
	tkt->raw.len = d->p - tkt->raw.data;
	return err;
}

/**
 * krbap_decode_ticket() - decode a Ticket
 * @buf: its encoding, exactly
 * @len: its length
 * @tkt: the result, pointing into @buf
 *
 * Return: 0 or an error of msg.h (-EPROTO for a tkt-vno other than 5).
 */
int krbap_decode_ticket(const u8 *buf, size_t len, struct krbap_ticket *tkt)
{
	struct krbap_der d;

	memset(tkt, 0, sizeof(*tkt));
	krbap_der_init(&d, buf, len);
	return ticket_body(&d, tkt);
}

/**
 * krbap_decode_ap_req() - decode a KRB_AP_REQ
 * @buf: its encoding, exactly
 * @len: its length
 * @req: the result, pointing into @buf
 *
 * Return: 0 or an error of msg.h.
 */
int krbap_decode_ap_req(const u8 *buf, size_t len, struct krbap_ap_req *req)
{
	struct krbap_der d, seq, f;
	int err;

	memset(req, 0, sizeof(*req));
	krbap_der_init(&d, buf, len);
	err = msg_hdr(&d, KRBAP_MT_AP_REQ, &seq);
	err = err ?: ctx_flags(&seq, 2, &req->ap_options);
	err = err ?: krbap_der_enter(&seq, KRBAP_DER_CTX(3), &f);
	if (err)
		return err;
	err = done(&f, ticket_body(&f, &req->ticket));
	if (err == -ENOMSG)
		err = -EBADMSG;	/* a bad ticket, not another message */
	err = err ?: ctx_enc_data(&seq, 4, &req->auth);
	return err ?: krbap_der_skip_ext(&seq, 4);
}

static int opt_time(struct krbap_der *seq, unsigned int n, bool *has,
		    time64_t *t)
{
	int err = opt(seq, n);

	*has = err > 0;
	return err > 0 ? ctx_time(seq, n, t) : err;
}

static int opt_seq_of(struct krbap_der *seq, unsigned int n,
		      struct krbap_bytes *raw)
{
	int err = opt(seq, n);

	return err > 0 ? ctx_seq_of(seq, n, raw) : err;
}

static int transited(struct krbap_der *d, struct krbap_enc_ticket *et)
{
	struct krbap_der f, seq;
	int err;

	err = krbap_der_enter(d, KRBAP_DER_CTX(4), &f);
	err = err ?: krbap_der_enter(&f, KRBAP_DER_SEQUENCE, &seq);
	err = err ?: krbap_der_end(&f);
	err = err ?: ctx_s32(&seq, 0, &et->tr_type);
	err = err ?: ctx_octets(&seq, 1, &et->tr_contents);
	return err ?: krbap_der_skip_ext(&seq, 1);
}

/**
 * krbap_decode_enc_ticket() - decode a decrypted EncTicketPart
 * @buf: the plaintext, exactly (the caller strips any padding)
 * @len: its length
 * @et: the result, pointing into @buf
 *
 * Return: 0 or an error of msg.h.
 */
int krbap_decode_enc_ticket(const u8 *buf, size_t len,
			    struct krbap_enc_ticket *et)
{
	struct krbap_der d, seq;
	int err;

	memset(et, 0, sizeof(*et));
	krbap_der_init(&d, buf, len);
	err = app_seq(&d, KRBAP_APP_ENC_TKT_PART, &seq);
	err = err ?: ctx_flags(&seq, 0, &et->flags);
	err = err ?: ctx_typed(&seq, 1, &et->key.type, &et->key.value);
	err = err ?: ctx_string(&seq, 2, NAME_MAX_LEN, &et->client.realm);
	err = err ?: ctx_name(&seq, 3, &et->client);
	err = err ?: transited(&seq, et);
	err = err ?: ctx_time(&seq, 5, &et->authtime);
	err = err ?: opt_time(&seq, 6, &et->has_starttime, &et->starttime);
	err = err ?: ctx_time(&seq, 7, &et->endtime);
	err = err ?: opt_time(&seq, 8, &et->has_renew_till, &et->renew_till);
	err = err ?: opt_seq_of(&seq, 9, &et->caddr);
	err = err ?: opt_seq_of(&seq, 10, &et->authz);
	return err ?: krbap_der_skip_ext(&seq, 10);
}

static int auth_tail(struct krbap_der *seq, struct krbap_authenticator *a)
{
	int err;

	err = opt(seq, 6);
	a->has_subkey = err > 0;
	if (a->has_subkey)
		err = ctx_typed(seq, 6, &a->subkey.type, &a->subkey.value);
	err = err < 0 ? err : opt(seq, 7);
	a->has_seq = err > 0;
	if (a->has_seq)
		err = ctx_seq(seq, 7, &a->seq);
	err = err < 0 ? err : opt_seq_of(seq, 8, &a->authz);
	return err < 0 ? err : krbap_der_skip_ext(seq, 8);
}

/**
 * krbap_decode_authenticator() - decode a decrypted Authenticator
 * @buf: the plaintext, exactly
 * @len: its length
 * @a: the result, pointing into @buf
 *
 * Return: 0 or an error of msg.h (-EPROTO for an authenticator-vno other
 * than 5).
 */
int krbap_decode_authenticator(const u8 *buf, size_t len,
			       struct krbap_authenticator *a)
{
	struct krbap_der d, seq;
	int err;

	memset(a, 0, sizeof(*a));
	krbap_der_init(&d, buf, len);
	err = app_seq(&d, KRBAP_APP_AUTHENTICATOR, &seq);
	err = err ?: check_vno(&seq, 0);
	err = err ?: ctx_string(&seq, 1, NAME_MAX_LEN, &a->client.realm);
	err = err ?: ctx_name(&seq, 2, &a->client);
	err = err ?: opt(&seq, 3);
	if (err < 0)
		return err;
	a->has_cksum = err;
	err = a->has_cksum ?
	      ctx_typed(&seq, 3, &a->cksum.type, &a->cksum.value) : 0;
	err = err ?: ctx_usec(&seq, 4, &a->cusec);
	err = err ?: ctx_time(&seq, 5, &a->ctime);
	return err ?: auth_tail(&seq, a);
}

/**
 * krbap_decode_ap_rep() - decode a KRB_AP_REP
 * @buf: its encoding, exactly
 * @len: its length
 * @enc: its enc-part, an EncAPRepPart once decrypted
 *
 * Return: 0 or an error of msg.h.
 */
int krbap_decode_ap_rep(const u8 *buf, size_t len,
			struct krbap_enc_data *enc)
{
	struct krbap_der d, seq;
	int err;

	memset(enc, 0, sizeof(*enc));
	krbap_der_init(&d, buf, len);
	err = msg_hdr(&d, KRBAP_MT_AP_REP, &seq);
	err = err ?: ctx_enc_data(&seq, 2, enc);
	return err ?: krbap_der_skip_ext(&seq, 2);
}

/**
 * krbap_decode_ap_rep_part() - decode a decrypted EncAPRepPart
 * @buf: the plaintext, exactly
 * @len: its length
 * @p: the result, pointing into @buf
 *
 * Return: 0 or an error of msg.h.
 */
int krbap_decode_ap_rep_part(const u8 *buf, size_t len,
			     struct krbap_ap_rep_part *p)
{
	struct krbap_der d, seq;
	int err;

	memset(p, 0, sizeof(*p));
	krbap_der_init(&d, buf, len);
	err = app_seq(&d, KRBAP_APP_ENC_AP_REP, &seq);
	err = err ?: ctx_time(&seq, 0, &p->ctime);
	err = err ?: ctx_usec(&seq, 1, &p->cusec);
	err = err ?: opt(&seq, 2);
	if (err < 0)
		return err;
	p->has_subkey = err;
	err = p->has_subkey ?
	      ctx_typed(&seq, 2, &p->subkey.type, &p->subkey.value) : 0;
	err = err ?: opt(&seq, 3);
	if (err < 0)
		return err;
	p->has_seq = err;
	err = p->has_seq ? ctx_seq(&seq, 3, &p->seq) : 0;
	return err ?: krbap_der_skip_ext(&seq, 3);
}

static int err_client(struct krbap_der *seq, struct krbap_krb_error *e)
{
	int err;

	err = opt(seq, 7);
	e->has_crealm = err > 0;
	if (e->has_crealm)
		err = ctx_string(seq, 7, NAME_MAX_LEN, &e->client.realm);
	err = err < 0 ? err : opt(seq, 8);
	e->has_cname = err > 0;
	if (e->has_cname)
		err = ctx_name(seq, 8, &e->client);
	return err < 0 ? err : 0;
}

static int err_text(struct krbap_der *seq, struct krbap_krb_error *e)
{
	int err;

	err = opt(seq, 11);
	e->has_e_text = err > 0;
	if (e->has_e_text)
		err = ctx_string(seq, 11, SIZE_MAX, &e->e_text);
	err = err < 0 ? err : opt(seq, 12);
	e->has_e_data = err > 0;
	if (e->has_e_data)
		err = ctx_octets(seq, 12, &e->e_data);
	return err < 0 ? err : krbap_der_skip_ext(seq, 12);
}

/**
 * krbap_decode_krb_error() - decode a KRB-ERROR
 * @buf: its encoding, exactly
 * @len: its length
 * @e: the result, pointing into @buf
 *
 * Return: 0 or an error of msg.h.
 */
int krbap_decode_krb_error(const u8 *buf, size_t len,
			   struct krbap_krb_error *e)
{
	struct krbap_der d, seq;
	int err;

	memset(e, 0, sizeof(*e));
	krbap_der_init(&d, buf, len);
	err = msg_hdr(&d, KRBAP_MT_ERROR, &seq);
	err = err ?: opt_time(&seq, 2, &e->has_ctime, &e->ctime);
	err = err ?: opt(&seq, 3);
	if (err < 0)
		return err;
	e->has_cusec = err;
	err = e->has_cusec ? ctx_usec(&seq, 3, &e->cusec) : 0;
	err = err ?: ctx_time(&seq, 4, &e->stime);
	err = err ?: ctx_usec(&seq, 5, &e->susec);
	err = err ?: ctx_s32(&seq, 6, &e->error_code);
	err = err ?: err_client(&seq, e);
	err = err ?: ctx_string(&seq, 9, NAME_MAX_LEN, &e->server.realm);
	err = err ?: ctx_name(&seq, 10, &e->server);
	return err ?: err_text(&seq, e);
}

/* encoders: fields are written last first, see krbap_der_w_init() */

static void w_ctx_int(struct krbap_der_w *w, unsigned int n, s64 v)
{
	size_t m = krbap_der_w_len(w);

	krbap_der_w_int(w, v);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_ctx_time(struct krbap_der_w *w, unsigned int n, time64_t t)
{
	size_t m = krbap_der_w_len(w);

	krbap_der_w_time(w, t);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_ctx_octets(struct krbap_der_w *w, unsigned int n, u32 tag,
			 struct krbap_bytes b)
{
	size_t m = krbap_der_w_len(w);

	krbap_der_w_octets(w, tag, b.data, b.len);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_ctx_usec(struct krbap_der_w *w, unsigned int n, u32 usec)
{
	if (usec > KRBAP_USEC_MAX)
		w->err = w->err ?: -EINVAL;
	w_ctx_int(w, n, usec);
}

static void w_ctx_typed(struct krbap_der_w *w, unsigned int n, s32 type,
			struct krbap_bytes v)
{
	size_t m = krbap_der_w_len(w);

	w_ctx_octets(w, 1, KRBAP_DER_OCTET_STRING, v);
	w_ctx_int(w, 0, type);
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_ctx_name(struct krbap_der_w *w, unsigned int n,
		       const struct krbap_principal *p)
{
	size_t m = krbap_der_w_len(w);
	unsigned int i;

	if (p->ncomp > KRBAP_MAX_NAME_COMPONENTS) {
		w->err = w->err ?: -EINVAL;
		return;
	}
	for (i = p->ncomp; i-- > 0; )
		krbap_der_w_octets(w, KRBAP_DER_GENERAL_STR, p->comp[i].data,
				   p->comp[i].len);
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(1), m);
	w_ctx_int(w, 0, p->name_type);
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_ctx_enc_data(struct krbap_der_w *w, unsigned int n,
			   const struct krbap_enc_data *e)
{
	size_t m = krbap_der_w_len(w);

	w_ctx_octets(w, 2, KRBAP_DER_OCTET_STRING, e->cipher);
	if (e->has_kvno)
		w_ctx_int(w, 1, e->kvno);
	w_ctx_int(w, 0, e->etype);
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static void w_app_seq(struct krbap_der_w *w, unsigned int app, size_t m)
{
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(w, KRBAP_DER_APP(app), m);
}

/**
 * krbap_encode_ap_rep_part() - encode an EncAPRepPart
 * @w: writer; the encoding goes in front of what it holds
 * @p: the fields
 *
 * Return: 0, or the writer's error (-EMSGSIZE, -EINVAL).
 */
int krbap_encode_ap_rep_part(struct krbap_der_w *w,
			     const struct krbap_ap_rep_part *p)
{
	size_t m = krbap_der_w_len(w);

	if (p->has_seq)
		w_ctx_int(w, 3, p->seq);
	if (p->has_subkey)
		w_ctx_typed(w, 2, p->subkey.type, p->subkey.value);
	w_ctx_usec(w, 1, p->cusec);
	w_ctx_time(w, 0, p->ctime);
	w_app_seq(w, KRBAP_APP_ENC_AP_REP, m);
	return w->err;
}

/**
 * krbap_encode_ap_rep() - encode a KRB_AP_REP
 * @w: writer; the encoding goes in front of what it holds
 * @enc: the encrypted EncAPRepPart
 *
 * Return: 0, or the writer's error (-EMSGSIZE, -EINVAL).
 */
int krbap_encode_ap_rep(struct krbap_der_w *w,
			const struct krbap_enc_data *enc)
{
	size_t m = krbap_der_w_len(w);

	w_ctx_enc_data(w, 2, enc);
	w_ctx_int(w, 1, KRBAP_MT_AP_REP);
	w_ctx_int(w, 0, KRBAP_PVNO);
	w_app_seq(w, KRBAP_MT_AP_REP, m);
	return w->err;
}

/**
 * krbap_encode_krb_error() - encode a KRB-ERROR
 * @w: writer; the encoding goes in front of what it holds
 * @e: the fields (@e->has_ctime sends both ctime and cusec)
 *
 * Return: 0, or the writer's error (-EMSGSIZE, -EINVAL).
 */
int krbap_encode_krb_error(struct krbap_der_w *w,
			   const struct krbap_krb_error *e)
{
	size_t m = krbap_der_w_len(w);

	if (e->has_e_data)
		w_ctx_octets(w, 12, KRBAP_DER_OCTET_STRING, e->e_data);
	if (e->has_e_text)
		w_ctx_octets(w, 11, KRBAP_DER_GENERAL_STR, e->e_text);
	w_ctx_name(w, 10, &e->server);
	w_ctx_octets(w, 9, KRBAP_DER_GENERAL_STR, e->server.realm);
	if (e->has_cname)
		w_ctx_name(w, 8, &e->client);
	if (e->has_crealm)
		w_ctx_octets(w, 7, KRBAP_DER_GENERAL_STR, e->client.realm);
	w_ctx_int(w, 6, e->error_code);
	w_ctx_usec(w, 5, e->susec);
	w_ctx_time(w, 4, e->stime);
	if (e->has_ctime) {
		w_ctx_usec(w, 3, e->cusec);
		w_ctx_time(w, 2, e->ctime);
	}
	w_ctx_int(w, 1, KRBAP_MT_ERROR);
	w_ctx_int(w, 0, KRBAP_PVNO);
	w_app_seq(w, KRBAP_MT_ERROR, m);
	return w->err;
}

static bool bytes_eq(const struct krbap_bytes *a, const struct krbap_bytes *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

/**
 * krbap_principal_eq() - compare two principals, realm included
 * @a: one
 * @b: the other
 *
 * The name-type is not compared, as MIT does not either.
 *
 * Return: true when realm and every component are equal.
 */
bool krbap_principal_eq(const struct krbap_principal *a,
			const struct krbap_principal *b)
{
	unsigned int i;

	if (a->ncomp != b->ncomp || !bytes_eq(&a->realm, &b->realm))
		return false;
	for (i = 0; i < a->ncomp; i++)
		if (!bytes_eq(&a->comp[i], &b->comp[i]))
			return false;
	return true;
}

/* the escape for byte c, or 0 if it goes as it is */
static char escape(u8 c)
{
	switch (c) {
	case '/':
	case '@':
	case '\\':
		return c;
	case '\n':
		return 'n';
	case '\t':
		return 't';
	case '\b':
		return 'b';
	default:
		return 0;
	}
}

static size_t put_quoted(char *buf, size_t size, size_t pos,
			 const struct krbap_bytes *b)
{
	size_t i;
	char e;

	for (i = 0; i < b->len; i++) {
		e = escape(b->data[i]);
		if (e && pos < size)
			buf[pos] = '\\';
		pos += !!e;
		if (pos < size)
			buf[pos] = e ?: b->data[i];
		pos++;
	}
	return pos;
}

/**
 * krbap_principal_unparse() - render "comp/comp@REALM" as MIT does
 * @p: the principal
 * @buf: where to write, NUL-terminated on success
 * @size: size of @buf
 *
 * '/', '@' and '\\' are escaped with a backslash, in the realm too;
 * newline, tab and backspace become \n, \t and \b.
 *
 * Return: the length written without the NUL, or -EMSGSIZE if @size is
 * too small.
 */
int krbap_principal_unparse(const struct krbap_principal *p, char *buf,
			    size_t size)
{
	size_t pos = 0;
	unsigned int i;

	for (i = 0; i < p->ncomp && i < KRBAP_MAX_NAME_COMPONENTS; i++) {
		if (i && pos < size)
			buf[pos] = '/';
		pos += !!i;
		pos = put_quoted(buf, size, pos, &p->comp[i]);
	}
	if (pos < size)
		buf[pos] = '@';
	pos = put_quoted(buf, size, pos + 1, &p->realm);
	if (pos >= size || pos > INT_MAX)
		return -EMSGSIZE;
	buf[pos] = '\0';
	return pos;
}
