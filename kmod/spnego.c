// SPDX-License-Identifier: GPL-2.0-only
/*
 * SPNEGO (RFC 4178) negotiation tokens around the krb5 mechanism; see
 * spnego.h.  The grammar is flat, so the parser never recurses: at most
 * four constructed levels, each entered once.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "der.h"
#include "gss.h"
#include "msg.h"
#include "spnego.h"

#define DER_OID			KRBAP_DER_TAG(KRBAP_DER_UNIVERSAL, 0x06)
#define DER_ENUMERATED		KRBAP_DER_TAG(KRBAP_DER_UNIVERSAL, 0x0a)
#define DER_GSS_TOKEN		KRBAP_DER_APP(0)

/* DER contents of 1.3.6.1.5.5.2 */
static const u8 oid_spnego[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };

/* 1.2.840.113554.1.2.2 and 1.2.840.48018.1.2.2 */
static const u8 oid_krb5[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02
};

static const u8 oid_ms_krb5[] = {
	0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02
};

static bool bytes_is(const struct krbap_bytes *b, const u8 *p, size_t len)
{
	return b->len == len && !memcmp(b->data, p, len);
}

/* non-empty, and the last subidentifier ends */
static bool oid_ok(const struct krbap_bytes *b)
{
	return b->len && !(b->data[b->len - 1] & 0x80);
}

/*
 * An optional field [n] holding one primitive element of @tag.
 * Returns 1 and sets @v when present, 0 when absent, else -EBADMSG.
 */
static int opt_field(struct krbap_der *d, unsigned int n, u32 tag,
		     struct krbap_bytes *v)
{
	struct krbap_der in;
	struct krbap_der_tlv t;
	int err;

	err = krbap_der_enter_opt(d, KRBAP_DER_CTX(n), &in);
	if (err <= 0)
		return err ? -EBADMSG : 0;
	if (krbap_der_expect(&in, tag, &t) || krbap_der_end(&in))
		return -EBADMSG;
	v->data = t.val;
	v->len = t.len;
	return 1;
}

/* strips the 0x60 SPNEGO framing if there is one */
static int unwrap(struct krbap_der *d)
{
	struct krbap_der in;
	struct krbap_der_tlv oid;
	struct krbap_bytes b;
	u32 tag;

	if (krbap_der_peek(d, &tag) || tag != DER_GSS_TOKEN)
		return 0;
	if (krbap_der_enter(d, DER_GSS_TOKEN, &in) || krbap_der_end(d) ||
	    krbap_der_expect(&in, DER_OID, &oid))
		return -EBADMSG;
	b.data = oid.val;
	b.len = oid.len;
	if (!bytes_is(&b, oid_spnego, sizeof(oid_spnego)))
		return -ENOPROTOOPT;
	*d = in;
	return 0;
}

static void note_mech(struct krbap_spnego_init *out, unsigned int i,
		      const struct krbap_bytes *oid)
{
	if (out->mech_oid.len)
		return;
	if (bytes_is(oid, oid_krb5, sizeof(oid_krb5)))
		out->mech = KRBAP_GSS_MECH_KRB5;
	else if (bytes_is(oid, oid_ms_krb5, sizeof(oid_ms_krb5)))
		out->mech = KRBAP_GSS_MECH_MS_KRB5;
	else
		return;
	out->krb5_index = i;
	out->mech_oid = *oid;
	out->optimistic = i == 0;
}

/* mechTypes [0] MechTypeList */
static int read_mechs(struct krbap_der *f, struct krbap_spnego_init *out)
{
	struct krbap_der_tlv seq, oid;
	struct krbap_bytes b;
	struct krbap_der list;
	unsigned int n;

	if (krbap_der_expect(f, KRBAP_DER_SEQUENCE, &seq) || krbap_der_end(f))
		return -EBADMSG;
	out->mech_types.data = seq.raw;
	out->mech_types.len = seq.raw_len;
	krbap_der_init(&list, seq.val, seq.len);
	for (n = 0; !krbap_der_empty(&list); n++) {
		if (n == KRBAP_SPNEGO_MAX_MECHS)
			return -EMSGSIZE;
		if (krbap_der_expect(&list, DER_OID, &oid))
			return -EBADMSG;
		b.data = oid.val;
		b.len = oid.len;
		if (!oid_ok(&b))
			return -EBADMSG;
		note_mech(out, n, &b);
	}
	out->n_mechs = n;
	return 0;
}

/*
 * Field [3] is the mechListMIC in RFC 4178's NegTokenInit but negHints
 * (a SEQUENCE) in Microsoft's NegTokenInit2, whose MIC is then [4].
 */
static int read_init_mic(struct krbap_der *d, struct krbap_bytes *mic)
{
	struct krbap_der c = *d, in;
	struct krbap_der_tlv hints;
	u32 tag;
	int err;

	err = krbap_der_enter_opt(&c, KRBAP_DER_CTX(3), &in);
	if (err < 0)
		return -EBADMSG;
	if (err && !krbap_der_peek(&in, &tag) && tag == KRBAP_DER_SEQUENCE) {
		/* negHints: one SEQUENCE, read no further, nothing after it */
		if (krbap_der_expect(&in, KRBAP_DER_SEQUENCE, &hints) ||
		    krbap_der_end(&in))
			return -EBADMSG;
		*d = c;
		return opt_field(d, 4, KRBAP_DER_OCTET_STRING, mic);
	}
	return opt_field(d, 3, KRBAP_DER_OCTET_STRING, mic);
}

static int read_neg_init(struct krbap_der *d, struct krbap_spnego_init *out)
{
	struct krbap_der seq, f;
	struct krbap_bytes flags;
	int err;

	if (krbap_der_enter(d, KRBAP_DER_CTX(0), &f) || krbap_der_end(d) ||
	    krbap_der_enter(&f, KRBAP_DER_SEQUENCE, &seq) || krbap_der_end(&f) ||
	    krbap_der_enter(&seq, KRBAP_DER_CTX(0), &f))
		return -EBADMSG;
	err = read_mechs(&f, out);
	if (!err)
		err = opt_field(&seq, 1, KRBAP_DER_BIT_STRING, &flags);
	if (err >= 0)
		err = opt_field(&seq, 2, KRBAP_DER_OCTET_STRING,
				&out->mech_token);
	if (err >= 0)
		err = read_init_mic(&seq, &out->mech_list_mic);
	if (err < 0)
		return err;
	return krbap_der_end(&seq) ? -EBADMSG : 0;
}

/**
 * krbap_spnego_parse_init() - read an initiator's first SPNEGO token
 * @tok: the token: 0x60 framing under the SPNEGO OID around a
 *	NegotiationToken, or the bare NegotiationToken
 * @len: its length
 * @out: what it offers; slices point into @tok
 *
 * Finds the first krb5 or Microsoft krb5 OID in the mech list.  The
 * optimistic mechToken is the initiator's token for the list's first
 * mechanism only, so it is a krb5 initial token (framed under either
 * OID; krbap_gss_unwrap_init() takes both) only when @out->optimistic.
 * Microsoft's NegTokenInit2 layout (negHints as [3], the MIC as [4]) is
 * taken too.
 *
 * Context: any.
 * Return: 0; -EBADMSG malformed; -ENOPROTOOPT not SPNEGO, or no krb5
 * mechanism offered; -EMSGSIZE more than KRBAP_SPNEGO_MAX_MECHS mechs.
 */
int krbap_spnego_parse_init(const u8 *tok, size_t len,
			    struct krbap_spnego_init *out)
{
	struct krbap_der d;
	int err;

	memset(out, 0, sizeof(*out));
	krbap_der_init(&d, tok, len);
	err = unwrap(&d);
	if (!err)
		err = read_neg_init(&d, out);
	if (!err && !out->mech_oid.len)
		err = -ENOPROTOOPT;
	return err;
}

/**
 * krbap_spnego_parse_resp() - read a NegTokenResp
 * @tok: the token, NegotiationToken [1] with no 0x60 framing
 * @len: its length
 * @out: its fields; slices point into @tok
 *
 * Context: any.
 * Return: 0, or -EBADMSG malformed (an unknown negState included).
 */
int krbap_spnego_parse_resp(const u8 *tok, size_t len,
			    struct krbap_spnego_resp *out)
{
	struct krbap_der d, in, seq;
	struct krbap_bytes st;
	int err;

	memset(out, 0, sizeof(*out));
	krbap_der_init(&d, tok, len);
	if (krbap_der_enter(&d, KRBAP_DER_CTX(1), &in) || krbap_der_end(&d) ||
	    krbap_der_enter(&in, KRBAP_DER_SEQUENCE, &seq) ||
	    krbap_der_end(&in))
		return -EBADMSG;
	err = opt_field(&seq, 0, DER_ENUMERATED, &st);
	if (err > 0) {
		if (st.len != 1 || st.data[0] > KRBAP_SPNEGO_REQUEST_MIC)
			return -EBADMSG;
		out->has_neg_state = true;
		out->neg_state = st.data[0];
	}
	if (err >= 0)
		err = opt_field(&seq, 1, DER_OID, &out->supported_mech);
	if (err > 0 && !oid_ok(&out->supported_mech))
		return -EBADMSG;
	if (err >= 0)
		err = opt_field(&seq, 2, KRBAP_DER_OCTET_STRING,
				&out->response_token);
	if (err >= 0)
		err = opt_field(&seq, 3, KRBAP_DER_OCTET_STRING,
				&out->mech_list_mic);
	if (err < 0)
		return err;
	return krbap_der_end(&seq) ? -EBADMSG : 0;
}

static void put_field(struct krbap_der_w *w, unsigned int n, u32 tag,
		      const struct krbap_bytes *v)
{
	size_t mark = krbap_der_w_len(w);

	if (!v)
		return;
	krbap_der_w_octets(w, tag, v->data, v->len);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), mark);
}

/**
 * krbap_spnego_build_resp() - write an acceptor's NegTokenResp
 * @neg_state: KRBAP_SPNEGO_ACCEPT_COMPLETED ... KRBAP_SPNEGO_REQUEST_MIC,
 *	or negative to leave negState out
 * @mech: supportedMech OID contents (echo krbap_spnego_init.mech_oid, as
 *	the initiator sent it), or NULL to leave it out
 * @token: responseToken (the GSS-framed AP-REP or KRB-ERROR), or NULL
 * @mic: mechListMIC, or NULL
 * @buf: where the token goes, starting at @buf
 * @size: size of @buf
 * @out_len: set to the token's length
 *
 * Responses carry no 0x60 framing (RFC 4178 4.2).
 *
 * Context: any.
 * Return: 0, -EMSGSIZE if @buf is too small, -EINVAL on a bad argument.
 */
int krbap_spnego_build_resp(int neg_state, const struct krbap_bytes *mech,
			    const struct krbap_bytes *token,
			    const struct krbap_bytes *mic, u8 *buf,
			    size_t size, size_t *out_len)
{
	u8 st = neg_state;
	struct krbap_bytes stb = { &st, 1 };
	struct krbap_der_w w;
	const u8 *der;
	size_t len;
	int err;

	if (neg_state > KRBAP_SPNEGO_REQUEST_MIC || (mech && !oid_ok(mech)))
		return -EINVAL;
	krbap_der_w_init(&w, buf, size);
	put_field(&w, 3, KRBAP_DER_OCTET_STRING, mic);
	put_field(&w, 2, KRBAP_DER_OCTET_STRING, token);
	put_field(&w, 1, DER_OID, mech);
	put_field(&w, 0, DER_ENUMERATED, neg_state < 0 ? NULL : &stb);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(1), 0);
	err = krbap_der_w_finish(&w, &der, &len);
	if (err)
		return err;
	memmove(buf, der, len);
	*out_len = len;
	return 0;
}
