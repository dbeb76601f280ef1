// SPDX-License-Identifier: GPL-2.0-only
/*
 * GSS-API krb5 mechanism framing and context rules; see gss.h.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include <linux/string.h>
#include "der.h"
#include "gss.h"
#include "msg.h"

#define DER_OID			KRBAP_DER_TAG(KRBAP_DER_UNIVERSAL, 0x06)
#define DER_GSS_TOKEN		KRBAP_DER_APP(0)

/* the fixed part of an 0x8003 checksum: Lgth, Bnd, Flags */
#define CKSUM_FIXED		(4 + KRBAP_GSS_BND_LEN + 4)
#define DLG_HDR			4	/* DlgOpt, Dlgth */
#define DLGOPT_KRB_CRED		1
#define EXT_HDR			8	/* type, length, both big-endian */
#define EXT_IAKERB_FINISHED	2

/* DER contents of 1.2.840.113554.1.2.2 and 1.2.840.48018.1.2.2 */
static const u8 oid_krb5[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02
};

/* the same length, so one token size serves both */
static const u8 oid_ms_krb5[] = {
	0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02
};

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u16 le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static bool oid_is(const struct krbap_der_tlv *t, const u8 *oid, size_t len)
{
	return t->len == len && !memcmp(t->val, oid, len);
}

/**
 * krbap_gss_unwrap_init() - open an RFC 2743 initial context token
 * @tok: the token
 * @len: its length
 * @ap_req: set to the AP-REQ inside, a slice of @tok
 * @mech: set to the mechanism OID the token was framed in
 *
 * Takes [APPLICATION 0] { OID, TOK_ID 01 00, AP-REQ } in strict DER with
 * nothing after it, under the krb5 OID or Microsoft's.
 *
 * Context: any.
 * Return: 0; -EBADMSG malformed or truncated; -ENOPROTOOPT another
 * mechanism; -ENOMSG a krb5 token that is not an AP-REQ.
 */
int krbap_gss_unwrap_init(const u8 *tok, size_t len, struct krbap_bytes *ap_req,
			  enum krbap_gss_mech *mech)
{
	struct krbap_der d, in;
	struct krbap_der_tlv oid;
	int err;

	krbap_der_init(&d, tok, len);
	err = krbap_der_enter(&d, DER_GSS_TOKEN, &in);
	if (!err)
		err = krbap_der_end(&d);
	if (!err)
		err = krbap_der_expect(&in, DER_OID, &oid);
	if (err)
		return -EBADMSG;
	if (oid_is(&oid, oid_krb5, sizeof(oid_krb5)))
		*mech = KRBAP_GSS_MECH_KRB5;
	else if (oid_is(&oid, oid_ms_krb5, sizeof(oid_ms_krb5)))
		*mech = KRBAP_GSS_MECH_MS_KRB5;
	else
		return -ENOPROTOOPT;
	if (in.left < 2)
		return -EBADMSG;
	if (in.p[0] != KRBAP_GSS_TOK_AP_REQ >> 8 ||
	    in.p[1] != (KRBAP_GSS_TOK_AP_REQ & 0xff))
		return -ENOMSG;
	ap_req->data = in.p + 2;
	ap_req->len = in.left - 2;
	return 0;
}

static size_t der_len_size(size_t len)
{
	size_t n = 1;

	if (len < 0x80)
		return 1;
	for (; len; len >>= 8)
		n++;
	return n;
}

/**
 * krbap_gss_token_size() - the size of a context token around a message
 * @inner_len: length of the AP-REP or KRB-ERROR
 *
 * Context: any.
 * Return: the bytes krbap_gss_wrap_token() writes for @inner_len, or 0
 * when that would overflow.
 */
size_t krbap_gss_token_size(size_t inner_len)
{
	size_t body = 2 + sizeof(oid_krb5) + 2 + inner_len;

	if (inner_len > SIZE_MAX / 2)
		return 0;
	return 1 + der_len_size(body) + body;
}

/**
 * krbap_gss_wrap_token() - frame a reply as an RFC 2743 context token
 * @mech: the OID the initial token came in, from krbap_gss_unwrap_init()
 * @tok_id: KRBAP_GSS_TOK_AP_REP or KRBAP_GSS_TOK_ERROR
 * @inner: the AP-REP or KRB-ERROR
 * @inner_len: its length
 * @buf: where the token goes, starting at @buf
 * @size: size of @buf; krbap_gss_token_size() says what is enough
 * @out_len: set to the token's length
 *
 * The reply echoes the initial token's OID, as MIT's acceptor does: an
 * MIT initiator that framed its token under Microsoft's OID refuses a
 * reply under any other (and one under the krb5 OID wants the krb5 OID
 * back).  Windows frames its tokens under the krb5 OID even when SPNEGO
 * lists Microsoft's, so it gets the krb5 OID back.
 *
 * Context: any.
 * Return: 0; -EINVAL a bad @mech or @tok_id; -EMSGSIZE @buf too small.
 */
int krbap_gss_wrap_token(enum krbap_gss_mech mech, u16 tok_id,
			 const u8 *inner, size_t inner_len, u8 *buf,
			 size_t size, size_t *out_len)
{
	const u8 *oid = mech == KRBAP_GSS_MECH_MS_KRB5 ? oid_ms_krb5 : oid_krb5;
	struct krbap_der_w w;
	const u8 *out;
	u8 id[2] = { tok_id >> 8, tok_id & 0xff };
	int err;

	if (tok_id != KRBAP_GSS_TOK_AP_REP && tok_id != KRBAP_GSS_TOK_ERROR)
		return -EINVAL;
	if (mech != KRBAP_GSS_MECH_KRB5 && mech != KRBAP_GSS_MECH_MS_KRB5)
		return -EINVAL;
	krbap_der_w_init(&w, buf, size);
	krbap_der_w_raw(&w, inner, inner_len);
	krbap_der_w_raw(&w, id, sizeof(id));
	krbap_der_w_octets(&w, DER_OID, oid, sizeof(oid_krb5));
	krbap_der_w_hdr(&w, DER_GSS_TOKEN, 0);
	err = krbap_der_w_finish(&w, &out, out_len);
	if (err)
		return err;
	memmove(buf, out, *out_len);
	return 0;
}

/* the optional delegation and the extensions after Flags */
static int parse_cksum_tail(const u8 *p, size_t left,
			    struct krbap_gss_cksum *out)
{
	size_t n;

	if (left >= DLG_HDR && (out->token_flags & KRBAP_GSS_C_DELEG)) {
		n = le16(p + 2);
		if (!n || left - DLG_HDR < n)
			return -EBADMSG;
		if (le16(p) != DLGOPT_KRB_CRED)
			return -EBADMSG;
		out->deleg.data = p + DLG_HDR;
		out->deleg.len = n;
		out->flags |= KRBAP_GSS_C_DELEG;
		p += DLG_HDR + n;
		left -= DLG_HDR + n;
	}
	out->exts.data = p;
	out->exts.len = left;
	while (left) {
		if (left < EXT_HDR || left - EXT_HDR < be32(p + 4))
			return -EBADMSG;
		if (be32(p) == EXT_IAKERB_FINISHED)
			return -EOPNOTSUPP;
		n = EXT_HDR + be32(p + 4);
		p += n;
		left -= n;
	}
	return 0;
}

/**
 * krbap_gss_parse_cksum() - read the authenticator checksum as GSS does
 * @ck: the authenticator's checksum, or NULL when it sent none
 * @ap_options: the AP-REQ's APOptions (KRBAP_AP_OPT_* bits)
 * @out: the result
 *
 * An 0x8003 checksum (RFC 4121 4.1.1) is Lgth (32-bit little-endian,
 * must be 16), Bnd (16 bytes), Flags (32-bit little-endian), then, only
 * when Flags has DELEG and at least four bytes follow, DlgOpt (16-bit
 * little-endian, must be 1), Dlgth and a KRB-CRED of Dlgth bytes, then
 * extensions (32-bit big-endian type and length, then the data) to the
 * end.  Every length must fit exactly, as MIT requires; unknown
 * extensions are skipped.
 *
 * As in MIT: no checksum grants no flags and no bindings; any other
 * checksum type grants REPLAY and SEQUENCE, and MUTUAL when @ap_options
 * asks for it, once the caller has verified it over empty data.
 *
 * Context: any.
 * Return: 0; -EBADMSG a malformed 0x8003 checksum; -EOPNOTSUPP DCE style
 * or an IAKERB extension, which we do not do.
 */
int krbap_gss_parse_cksum(const struct krbap_checksum *ck, u32 ap_options,
			  struct krbap_gss_cksum *out)
{
	const u8 *p;

	memset(out, 0, sizeof(*out));
	if (!ck)
		return 0;
	if (ck->type != KRBAP_GSS_CKSUMTYPE) {
		out->kind = KRBAP_GSS_CKSUM_OTHER;
		out->flags = KRBAP_GSS_C_REPLAY | KRBAP_GSS_C_SEQUENCE;
		if (ap_options & KRBAP_AP_OPT_MUTUAL_REQUIRED)
			out->flags |= KRBAP_GSS_C_MUTUAL;
		return 0;
	}
	out->kind = KRBAP_GSS_CKSUM_GSS;
	p = ck->value.data;
	if (ck->value.len < CKSUM_FIXED || le32(p) != KRBAP_GSS_BND_LEN)
		return -EBADMSG;
	memcpy(out->bnd, p + 4, KRBAP_GSS_BND_LEN);
	out->token_flags = le32(p + 4 + KRBAP_GSS_BND_LEN);
	out->flags = out->token_flags & KRBAP_GSS_INITIATOR_FLAGS;
	if (out->flags & KRBAP_GSS_C_DCE_STYLE)
		return -EOPNOTSUPP;
	return parse_cksum_tail(p + CKSUM_FIXED, ck->value.len - CKSUM_FIXED,
				out);
}

static void add_etypes(struct krbap_bytes v, struct krbap_gss_authz *out)
{
	struct krbap_der d, in;
	s32 e;

	krbap_der_init(&d, v.data, v.len);
	if (krbap_der_enter(&d, KRBAP_DER_SEQUENCE, &in) || krbap_der_end(&d))
		return;
	out->n_etypes = 0;
	while (!krbap_der_empty(&in)) {
		if (krbap_der_s32(&in, &e)) {
			out->n_etypes = 0;
			return;
		}
		if (out->n_etypes < KRBAP_GSS_MAX_ETYPES)
			out->etypes[out->n_etypes++] = e;
	}
}

/* one element: the first of each kind wins, as in MIT */
static void authz_element(s32 type, struct krbap_bytes v, bool *etl_seen,
			  struct krbap_gss_authz *out)
{
	if (type == KRBAP_AD_ETYPE_NEGOTIATION && !*etl_seen) {
		*etl_seen = true;
		add_etypes(v, out);
	} else if (type == KRBAP_AD_AP_OPTIONS && !out->has_ap_options &&
		   v.len == 4) {
		out->has_ap_options = true;
		out->ap_options = le32(v.data);
	}
}

/**
 * krbap_gss_parse_authz() - read what the authenticator's
 *	authorization-data asks of a GSS acceptor
 * @authz: the Authenticator's AuthorizationData, whole DER (may be empty)
 * @out: the result
 *
 * Finds the RFC 4537 EtypeList (AD-ETYPE-NEGOTIATION, inside
 * AD-IF-RELEVANT as Heimdal and MIT send it, or bare) and MS-KILE's
 * AD-AUTH-DATA-AP-OPTIONS, at the top level or one AD-IF-RELEVANT down
 * (containers are not followed further).  This data is advisory: any
 * element that does not parse is ignored, never an error.  MIT refuses
 * a malformed EtypeList or AP-OPTIONS; we treat them as absent.
 *
 * Context: any.
 */
void krbap_gss_parse_authz(struct krbap_bytes authz,
			   struct krbap_gss_authz *out)
{
	struct krbap_seq_iter top, in;
	struct krbap_bytes v, iv;
	bool etl_seen = false;
	s32 type, itype;

	memset(out, 0, sizeof(*out));
	if (krbap_seq_iter_init(&top, authz))
		return;
	while (krbap_seq_iter_next(&top, &type, &v) > 0) {
		if (type != KRBAP_AD_IF_RELEVANT) {
			authz_element(type, v, &etl_seen, out);
			continue;
		}
		if (krbap_seq_iter_init(&in, v))
			continue;
		while (krbap_seq_iter_next(&in, &itype, &iv) > 0)
			authz_element(itype, iv, &etl_seen, out);
	}
}

/**
 * krbap_gss_check_bindings() - compare channel bindings as MIT does
 * @c: the parsed checksum; KRBAP_GSS_C_CHANNEL_BOUND is added to
 *	@c->flags on a match
 * @az: the parsed authorization-data, or NULL
 * @cb_md5: MD5 of the acceptor's channel bindings (see
 *	krbap_gss_bindings_encode()), or NULL when it has none
 *
 * Without acceptor bindings nothing is checked.  With them, an
 * initiator's non-zero Bnd must equal @cb_md5; an all-zero Bnd (an
 * initiator that has no bindings) is accepted unbound, unless the
 * initiator set KERB_AP_OPTIONS_CBT in @az, which demands a match.
 *
 * Context: any.
 * Return: 0; -EACCES bindings that do not match.
 */
int krbap_gss_check_bindings(struct krbap_gss_cksum *c,
			     const struct krbap_gss_authz *az,
			     const u8 *cb_md5)
{
	static const u8 zero[KRBAP_GSS_BND_LEN];
	bool cbt = az && az->has_ap_options &&
		   (az->ap_options & KRBAP_AD_AP_OPTIONS_CBT);
	bool match;

	if (!cb_md5)
		return 0;
	match = c->kind == KRBAP_GSS_CKSUM_GSS &&
		!memcmp(c->bnd, cb_md5, KRBAP_GSS_BND_LEN);
	if (match) {
		c->flags |= KRBAP_GSS_C_CHANNEL_BOUND;
		return 0;
	}
	if (memcmp(c->bnd, zero, KRBAP_GSS_BND_LEN) || cbt)
		return -EACCES;
	return 0;
}

static u8 *put_le32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
	return p + 4;
}

static u8 *put_field(u8 *p, struct krbap_bytes f)
{
	p = put_le32(p, f.len);
	if (f.len)
		memcpy(p, f.data, f.len);
	return p + f.len;
}

/**
 * krbap_gss_bindings_encode() - lay out channel bindings for hashing
 * @cb: the acceptor's channel bindings
 * @buf: where the bytes go
 * @size: size of @buf
 *
 * RFC 4121 4.1.1.2: the initiator address type as a 32-bit
 * little-endian value, the address as a 32-bit little-endian length and
 * its bytes, the same for the acceptor address, then the application
 * data's length and bytes.  MD5 of the result is what an initiator puts
 * in Bnd and what krbap_gss_check_bindings() takes.
 *
 * Context: any.
 * Return: the length of the encoding; nothing is written when it is more
 * than @size.
 */
size_t krbap_gss_bindings_encode(const struct krbap_gss_bindings *cb, u8 *buf,
				 size_t size)
{
	u64 total = 20ULL + cb->init_addr.len + cb->acc_addr.len +
		    cb->app.len;
	u8 *p = buf;

	if (total > size)
		return total > SIZE_MAX ? SIZE_MAX : (size_t)total;
	p = put_le32(p, cb->init_type);
	p = put_field(p, cb->init_addr);
	p = put_le32(p, cb->acc_type);
	p = put_field(p, cb->acc_addr);
	put_field(p, cb->app);
	return total;
}

/**
 * krbap_gss_cfx_enctype() - does RFC 4121's token format (CFX) use this
 *	enctype
 * @etype: an enctype
 *
 * Every enctype but single DES, triple DES and the RC4 pair (RFC 4121
 * 4.1's "not-newer" list, plus rc4-hmac-exp as RFC 4757 has it) uses
 * the RFC 4121 tokens and an acceptor subkey.
 *
 * Context: any.
 * Return: true for a CFX enctype.
 */
bool krbap_gss_cfx_enctype(s32 etype)
{
	switch (etype) {
	case 0:		/* none */
	case 1:		/* des-cbc-crc */
	case 2:		/* des-cbc-md4 */
	case 3:		/* des-cbc-md5 */
	case 16:	/* des3-cbc-sha1 */
	case 23:	/* rc4-hmac */
	case 24:	/* rc4-hmac-exp */
		return false;
	}
	return true;
}

static bool etype_in(s32 e, const s32 *list, unsigned int n)
{
	while (n--)
		if (list[n] == e)
			return true;
	return false;
}

/**
 * krbap_gss_negotiate_etype() - pick the enctype of an acceptor subkey
 *	(RFC 4537)
 * @az: the parsed authorization-data, or NULL
 * @subkey_etype: the initiator subkey's enctype, 0 when none
 * @session_etype: the ticket session key's enctype
 * @ours: the enctypes this acceptor may use, most preferred first
 * @n_ours: how many
 *
 * As MIT: the first of @ours that the initiator listed or that is its
 * subkey's or the session key's enctype.  When none of @ours is among
 * them, the initiator subkey's enctype, else the session key's.
 *
 * Context: any.
 * Return: the enctype.
 */
s32 krbap_gss_negotiate_etype(const struct krbap_gss_authz *az,
			      s32 subkey_etype, s32 session_etype,
			      const s32 *ours, unsigned int n_ours)
{
	unsigned int i;
	s32 e;

	for (i = 0; i < n_ours; i++) {
		e = ours[i];
		if ((az && etype_in(e, az->etypes, az->n_etypes)) ||
		    (subkey_etype && e == subkey_etype) || e == session_etype)
			return e;
	}
	return subkey_etype ?: session_etype;
}

/**
 * krbap_gss_want_acceptor_subkey() - does the AP-REP carry a fresh
 *	subkey (RFC 4121 2)
 * @flags: the context flags from krbap_gss_parse_cksum()
 * @ctx_etype: the enctype of the initiator subkey, else the session key
 * @session_etype: the session key's enctype
 * @negotiated: krbap_gss_negotiate_etype()'s choice, the subkey's enctype
 *
 * As MIT: only with mutual authentication, and then when the context
 * already runs on a CFX enctype, or when RFC 4537 negotiation moved to
 * a CFX enctype other than the session key's.
 *
 * Context: any.
 * Return: true to send an acceptor subkey of enctype @negotiated.
 */
bool krbap_gss_want_acceptor_subkey(u32 flags, s32 ctx_etype,
				    s32 session_etype, s32 negotiated)
{
	if (!(flags & KRBAP_GSS_C_MUTUAL))
		return false;
	if (krbap_gss_cfx_enctype(ctx_etype))
		return true;
	return negotiated != session_etype && krbap_gss_cfx_enctype(negotiated);
}

/**
 * krbap_gss_context_key() - the key a GSS context's tokens use (RFC 4121 2)
 * @r: an accepted result
 * @acceptor_subkey: set to whether it is the acceptor subkey, which
 *	the initiator learns from the AP-REP; MIC and Wrap tokens then set
 *	the AcceptorSubkey flag
 *
 * The acceptor subkey if the AP-REP sent one, else the initiator
 * subkey, else the ticket session key.
 *
 * Context: any.
 * Return: the key, inside @r.
 */
const struct krbap_keyblock *
krbap_gss_context_key(const struct krbap_result *r, bool *acceptor_subkey)
{
	*acceptor_subkey = r->acceptor_subkey.etype != 0;
	if (*acceptor_subkey)
		return &r->acceptor_subkey;
	if (r->subkey.etype)
		return &r->subkey;
	return &r->session_key;
}

/**
 * krbap_gss_lifetime() - seconds a context stays valid
 * @endtime: the ticket's endtime
 * @now: the acceptor's time
 * @skew: the clock skew allowed
 *
 * As MIT: until the ticket's endtime plus the clock skew, the grace a
 * ticket itself gets.
 *
 * Context: any.
 * Return: the seconds, 0 when already past, at most U32_MAX.
 */
u32 krbap_gss_lifetime(time64_t endtime, time64_t now, u32 skew)
{
	time64_t left;

	if (endtime < now - (time64_t)skew)
		return 0;
	left = endtime - now + skew;
	return left > U32_MAX ? U32_MAX : (u32)left;
}

/**
 * krbap_gss_smb_key() - the SMB session key of a context
 * @key: the context key (krbap_gss_context_key())
 * @out: set to its first 16 bytes, right-padded with zeros if shorter
 *	(MS-SMB2 3.3.5.5.3)
 *
 * Context: any.
 * Return: 0; -EINVAL an empty key.
 */
int krbap_gss_smb_key(const struct krbap_keyblock *key, u8 out[16])
{
	u32 n = min_t(u32, key->len, 16);

	if (!key->len || key->len > KRBAP_KEY_BYTES_MAX)
		return -EINVAL;
	memset(out, 0, 16);
	memcpy(out, key->bytes, n);
	return 0;
}
