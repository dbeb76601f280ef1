// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/gss.c on the host.  Hand-built tokens and checksums for every
 * length rule and error path, then MIT's own GSS-API on both sides as the
 * oracle, with no KDC: we make a service ticket with a chosen key, put it
 * in a MEMORY ccache, and let gss_init_sec_context build real initial
 * tokens from it; gss_accept_sec_context (keytab in memory) accepts the
 * same tokens, and its flags, lifetime, acceptor-subkey choice and reply
 * token are what ours must agree with.  Our reply tokens go back into
 * MIT's gss_init_sec_context.
 */
#include <stdlib.h>
#include <unistd.h>
#include <krb5.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
#include <openssl/evp.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include "tap.h"
#include "der.h"
#include "gss.h"
#include "msg.h"
#include "mit_oracle.h"

/* exported by libkrb5 but not declared in <krb5.h> */
krb5_error_code encode_krb5_authdata(krb5_authdata *const *, krb5_data **);

#define REALM	"EXAMPLE.ORG"
#define SERVICE	"nfs/server.example.org@" REALM
#define ALICE	"alice@" REALM
#define LIFE	3600
#define SKEW	300		/* MIT's default clockskew */


static const u8 oid_krb5[] = {
	0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02
};

static const u8 oid_ms[] = {
	0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02
};

static const u8 oid_spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };

static gss_OID_desc mech_krb5 = { 9, (void *)(oid_krb5 + 2) };
static gss_OID_desc mech_ms = { 9, (void *)(oid_ms + 2) };

/* ---- hand-built tokens ---------------------------------------------- */

/* 0x60 len OID TOK_ID inner, with a short or long-form length */
static size_t mk_tok(u8 *buf, const u8 *oid, size_t oid_len, u8 t0, u8 t1,
		     const u8 *inner, size_t inner_len)
{
	size_t body = oid_len + 2 + inner_len, n = 0;

	buf[n++] = 0x60;
	if (body < 0x80) {
		buf[n++] = body;
	} else if (body < 0x100) {
		buf[n++] = 0x81;
		buf[n++] = body;
	} else {
		buf[n++] = 0x82;
		buf[n++] = body >> 8;
		buf[n++] = body;
	}
	memcpy(buf + n, oid, oid_len);
	n += oid_len;
	buf[n++] = t0;
	buf[n++] = t1;
	memcpy(buf + n, inner, inner_len);
	return n + inner_len;
}

static void test_unwrap_vectors(void)
{
	static const u8 inner[] = { 0x6e, 0x03, 0x02, 0x01, 0x05 };
	u8 tok[400], big[300];
	struct krbap_bytes ap;
	enum krbap_gss_mech mech;
	size_t n, i;
	int err, bad = 0;

	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	err = krbap_gss_unwrap_init(tok, n, &ap, &mech);
	ok(!err && mech == KRBAP_GSS_MECH_KRB5 && ap.len == sizeof(inner) &&
	   ap.data == tok + n - sizeof(inner), "krb5 OID token unwraps");
	for (i = 0; i < n; i++)
		if (krbap_gss_unwrap_init(tok, i, &ap, &mech) != -EBADMSG)
			bad++;
	ok(!bad, "every proper prefix of a token is -EBADMSG");

	tok[n] = 0;
	ok(krbap_gss_unwrap_init(tok, n + 1, &ap, &mech) == -EBADMSG,
	   "a trailing byte is -EBADMSG");

	n = mk_tok(tok, oid_ms, sizeof(oid_ms), 1, 0, inner, sizeof(inner));
	err = krbap_gss_unwrap_init(tok, n, &ap, &mech);
	ok(!err && mech == KRBAP_GSS_MECH_MS_KRB5 && ap.len == sizeof(inner),
	   "Microsoft OID token unwraps");

	n = mk_tok(tok, oid_spnego, sizeof(oid_spnego), 1, 0, inner,
		   sizeof(inner));
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -ENOPROTOOPT,
	   "SPNEGO OID is -ENOPROTOOPT");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5) - 1, 1, 0, inner,
		   sizeof(inner));
	tok[3] = 8;	/* a shorter, well-formed OID: 1.2.840.113554.1.2 */
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -ENOPROTOOPT,
	   "a prefix of the krb5 OID is -ENOPROTOOPT");

	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 2, 0, inner, sizeof(inner));
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -ENOMSG,
	   "TOK_ID 02 00 in is -ENOMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 0, 1, inner, sizeof(inner));
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -ENOMSG,
	   "TOK_ID 00 01 is -ENOMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, 0);
	err = krbap_gss_unwrap_init(tok, n, &ap, &mech);
	ok(!err && ap.len == 0, "empty inner token unwraps (AP-REQ decode refuses it)");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, 0) - 1;
	tok[1]--;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "one-byte TOK_ID is -EBADMSG");

	/* 0x81 with a length below 128: non-minimal DER */
	n = mk_tok(tok + 1, oid_krb5, sizeof(oid_krb5), 1, 0, inner,
		   sizeof(inner)) + 1;
	tok[0] = 0x60;
	tok[1] = 0x81;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "non-minimal long-form length is -EBADMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	tok[1] = 0x80;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "indefinite length is -EBADMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	tok[1] += 1;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "outer length past the end is -EBADMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	tok[1] = 0x84;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "four-byte length form past the end is -EBADMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	tok[0] = 0x30;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "SEQUENCE instead of [APPLICATION 0] is -EBADMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	tok[2] = 0x04;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "OCTET STRING instead of OID is -EBADMSG");
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, inner, sizeof(inner));
	tok[3] = 0x7f;
	ok(krbap_gss_unwrap_init(tok, n, &ap, &mech) == -EBADMSG,
	   "OID length past the token is -EBADMSG");
	ok(krbap_gss_unwrap_init(NULL, 0, &ap, &mech) == -EBADMSG,
	   "empty token is -EBADMSG");

	memset(big, 0x41, sizeof(big));
	n = mk_tok(tok, oid_krb5, sizeof(oid_krb5), 1, 0, big, sizeof(big));
	err = krbap_gss_unwrap_init(tok, n, &ap, &mech);
	ok(!err && ap.len == sizeof(big), "two-byte length form unwraps");
}

/* ---- reply wrapping ---------------------------------------------------- */

static void test_wrap_vectors(void)
{
	static const size_t sizes[] = { 0, 1, 114, 115, 116, 243, 244, 1000,
					65522, 65523, 70000 };
	struct krbap_der d, in;
	struct krbap_der_tlv oid;
	size_t i, len, need;
	u8 *inner = malloc(70000), *buf = malloc(70100);
	int err, bad = 0;

	memset(inner, 0x5a, 70000);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		need = krbap_gss_token_size(sizes[i]);
		err = krbap_gss_wrap_token(KRBAP_GSS_MECH_KRB5,
					   KRBAP_GSS_TOK_AP_REP, inner,
					   sizes[i], buf, need, &len);
		krbap_der_init(&d, buf, len);
		if (err || len != need ||
		    krbap_der_enter(&d, KRBAP_DER_APP(0), &in) ||
		    krbap_der_end(&d) ||
		    krbap_der_expect(&in, KRBAP_DER_TAG(0, 6), &oid) ||
		    oid.raw_len != sizeof(oid_krb5) ||
		    memcmp(oid.raw, oid_krb5, sizeof(oid_krb5)) ||
		    in.left != sizes[i] + 2 || in.p[0] != 2 || in.p[1] != 0 ||
		    memcmp(in.p + 2, inner, sizes[i])) {
			printf("# wrap of %zu bytes: err %d len %zu need %zu\n",
			       sizes[i], err, len, need);
			bad++;
		}
		if (krbap_gss_wrap_token(KRBAP_GSS_MECH_MS_KRB5,
					 KRBAP_GSS_TOK_ERROR, inner, sizes[i],
					 buf, need - 1, &len) != -EMSGSIZE)
			bad++;
	}
	ok(!bad, "reply tokens of %zu sizes parse back, exact size, one byte less is -EMSGSIZE",
	   ARRAY_SIZE(sizes));
	ok(krbap_gss_wrap_token(KRBAP_GSS_MECH_KRB5, KRBAP_GSS_TOK_AP_REQ,
				inner, 4, buf, 100, &len) == -EINVAL, "TOK_ID 01 00 out is -EINVAL");
	err = krbap_gss_wrap_token(KRBAP_GSS_MECH_KRB5, KRBAP_GSS_TOK_ERROR,
				   inner, 4, buf, 100, &len);
	ok(!err && buf[13] == 3 && buf[14] == 0, "error token has TOK_ID 03 00");
	ok(krbap_gss_wrap_token(7, KRBAP_GSS_TOK_ERROR, inner, 4, buf, 100,
				&len) == -EINVAL, "unknown mech out is -EINVAL");
	err = krbap_gss_wrap_token(KRBAP_GSS_MECH_MS_KRB5, KRBAP_GSS_TOK_AP_REP,
				   inner, 4, buf, 100, &len);
	ok(!err && len == 19 && !memcmp(buf + 2, oid_ms, sizeof(oid_ms)),
	   "reply under the Microsoft OID");
	ok(krbap_gss_token_size(SIZE_MAX - 3) == 0, "token size overflow is 0");
	free(inner);
	free(buf);
}

/* ---- the 0x8003 checksum ---------------------------------------------- */

static size_t mk_cksum(u8 *b, u32 lgth, u8 bnd_byte, u32 flags)
{
	b[0] = lgth;
	b[1] = lgth >> 8;
	b[2] = lgth >> 16;
	b[3] = lgth >> 24;
	memset(b + 4, bnd_byte, 16);
	b[20] = flags;
	b[21] = flags >> 8;
	b[22] = flags >> 16;
	b[23] = flags >> 24;
	return 24;
}

static int parse(const u8 *b, size_t len, struct krbap_gss_cksum *c)
{
	struct krbap_checksum ck = { KRBAP_GSS_CKSUMTYPE, { b, len } };

	return krbap_gss_parse_cksum(&ck, 0, c);
}

static void test_cksum_vectors(void)
{
	struct krbap_checksum other = { 16, { (const u8 *)"x", 1 } };
	struct krbap_gss_cksum c;
	u8 b[200];
	size_t n, i;
	int err, bad = 0;

	ok(!krbap_gss_parse_cksum(NULL, KRBAP_AP_OPT_MUTUAL_REQUIRED, &c) &&
	   c.kind == KRBAP_GSS_CKSUM_NONE && c.flags == 0,
	   "no checksum: no flags, even with mutual-required");
	ok(!krbap_gss_parse_cksum(&other, 0, &c) &&
	   c.kind == KRBAP_GSS_CKSUM_OTHER &&
	   c.flags == (KRBAP_GSS_C_REPLAY | KRBAP_GSS_C_SEQUENCE),
	   "other checksum type: replay and sequence");
	ok(!krbap_gss_parse_cksum(&other, KRBAP_AP_OPT_MUTUAL_REQUIRED, &c) &&
	   c.flags == (KRBAP_GSS_C_REPLAY | KRBAP_GSS_C_SEQUENCE |
		       KRBAP_GSS_C_MUTUAL),
	   "other checksum type: mutual from APOptions");

	n = mk_cksum(b, 16, 0xab, 0x3e);
	err = parse(b, n, &c);
	ok(!err && c.kind == KRBAP_GSS_CKSUM_GSS && c.token_flags == 0x3e &&
	   c.flags == 0x3e && c.bnd[0] == 0xab && c.bnd[15] == 0xab &&
	   !c.deleg.len && !c.exts.len, "minimal 24-byte checksum");
	for (i = 0; i < n; i++)
		if (parse(b, i, &c) != -EBADMSG)
			bad++;
	ok(!bad, "checksums of 0..23 bytes are -EBADMSG");
	mk_cksum(b, 15, 0, 0);
	ok(parse(b, 24, &c) == -EBADMSG, "Lgth 15 is -EBADMSG");
	mk_cksum(b, 17, 0, 0);
	ok(parse(b, 24, &c) == -EBADMSG, "Lgth 17 is -EBADMSG");
	mk_cksum(b, 0x10000010, 0, 0);
	ok(parse(b, 24, &c) == -EBADMSG, "Lgth with high bits is -EBADMSG");

	mk_cksum(b, 16, 0, 0xffffffff & ~KRBAP_GSS_C_DCE_STYLE);
	ok(!parse(b, 24, &c) &&
	   c.flags == (KRBAP_GSS_INITIATOR_FLAGS & ~KRBAP_GSS_C_DCE_STYLE) &&
	   c.token_flags == (0xffffffff & ~KRBAP_GSS_C_DCE_STYLE),
	   "flags limited to the initiator set (no deleg, anon, trans, prot-ready)");
	mk_cksum(b, 16, 0, KRBAP_GSS_C_DCE_STYLE | KRBAP_GSS_C_MUTUAL);
	ok(parse(b, 24, &c) == -EOPNOTSUPP, "DCE style is -EOPNOTSUPP");

	/* delegation */
	mk_cksum(b, 16, 0, KRBAP_GSS_C_DELEG | KRBAP_GSS_C_MUTUAL);
	ok(!parse(b, 24, &c) && c.flags == KRBAP_GSS_C_MUTUAL,
	   "DELEG flag with nothing after Flags: accepted, no delegation");
	for (i = 1; i < 4; i++)
		if (parse(b, 24 + i, &c) != -EBADMSG)
			bad++;
	ok(!bad, "DELEG flag with 1-3 bytes after Flags is -EBADMSG");
	b[24] = 1;
	b[25] = 0;
	b[26] = 5;
	b[27] = 0;
	memcpy(b + 28, "\x76\x03\x02\x01\x05", 5);
	err = parse(b, 33, &c);
	ok(!err && c.deleg.len == 5 && c.deleg.data == b + 28 &&
	   c.flags == (KRBAP_GSS_C_MUTUAL | KRBAP_GSS_C_DELEG) && !c.exts.len,
	   "delegation of 5 bytes");
	for (i = 24 + 4; i < 33; i++)
		if (parse(b, i, &c) != -EBADMSG)
			bad++;
	ok(!bad, "delegation cut short is -EBADMSG");
	b[24] = 2;
	ok(parse(b, 33, &c) == -EBADMSG, "DlgOpt 2 is -EBADMSG");
	b[24] = 1;
	b[26] = 0;
	ok(parse(b, 28, &c) == -EBADMSG, "Dlgth 0 is -EBADMSG");
	b[26] = 5;

	/* extensions after the delegation */
	memcpy(b + 33, "\x00\x00\x00\x07\x00\x00\x00\x03xyz", 11);
	err = parse(b, 44, &c);
	ok(!err && c.deleg.len == 5 && c.exts.len == 11 &&
	   c.exts.data == b + 33, "delegation then an unknown extension");
	for (i = 34; i < 44; i++)
		if (parse(b, i, &c) != -EBADMSG)
			bad++;
	ok(!bad, "extension cut short is -EBADMSG");
	b[36] = 2;
	ok(parse(b, 44, &c) == -EOPNOTSUPP, "IAKERB-finished extension is -EOPNOTSUPP");
	b[36] = 7;
	b[37] = 0xff;
	ok(parse(b, 44, &c) == -EBADMSG, "extension length 2^32-ish is -EBADMSG");
	b[37] = 0;

	/* extensions without delegation: bytes after Flags are extensions */
	mk_cksum(b, 16, 0, KRBAP_GSS_C_MUTUAL);
	memcpy(b + 24, "\x00\x00\x00\x07\x00\x00\x00\x00", 8);
	ok(!parse(b, 32, &c) && c.exts.len == 8 && !c.deleg.len,
	   "empty extension without delegation");
	ok(parse(b, 28, &c) == -EBADMSG,
	   "four bytes after Flags without DELEG is -EBADMSG");
	n = 24;
	for (i = 0; i < 20; i++) {
		memcpy(b + n, "\x00\x00\x01\x00\x00\x00\x00\x00", 8);
		n += 8;
	}
	ok(!parse(b, n, &c) && c.exts.len == 160, "twenty extensions");
}

/* ---- authorization data ------------------------------------------------- */

/* AuthorizationData element [0] type [1] OCTET STRING, into a writer */
static void w_ad(struct krbap_der_w *w, s32 type, const void *p, size_t len)
{
	size_t m0 = krbap_der_w_len(w), m1;

	m1 = krbap_der_w_len(w);
	krbap_der_w_octets(w, KRBAP_DER_OCTET_STRING, p, len);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(1), m1);
	m1 = krbap_der_w_len(w);
	krbap_der_w_int(w, type);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(0), m1);
	krbap_der_w_hdr(w, KRBAP_DER_SEQUENCE, m0);
}

static size_t etype_list(u8 *buf, size_t size, const s32 *e, size_t n,
			 const u8 **out)
{
	struct krbap_der_w w;
	size_t len;

	krbap_der_w_init(&w, buf, size);
	while (n--)
		krbap_der_w_int(&w, e[n]);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	if (krbap_der_w_finish(&w, out, &len))
		abort();
	return len;
}

static struct krbap_bytes if_relevant(u8 *buf, size_t size,
				      const u8 *inner, size_t inner_len,
				      bool wrap)
{
	struct krbap_der_w w;
	struct krbap_bytes b;

	krbap_der_w_init(&w, buf, size);
	if (wrap) {
		w_ad(&w, KRBAP_AD_IF_RELEVANT, inner, inner_len);
		krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	} else {
		krbap_der_w_raw(&w, inner, inner_len);
	}
	if (krbap_der_w_finish(&w, &b.data, &b.len))
		abort();
	return b;
}

static void test_authz_vectors(void)
{
	static const s32 e2[] = { 18, 17 };
	s32 e20[20];
	u8 b1[512], b2[512], b3[1024];
	const u8 *el;
	size_t n, i;
	struct krbap_der_w w;
	const u8 *ad;
	size_t ad_len;
	struct krbap_gss_authz az;
	struct krbap_bytes all;
	u8 opts[4] = { 0x00, 0x40, 0, 0 };

	krbap_gss_parse_authz((struct krbap_bytes){ NULL, 0 }, &az);
	ok(!az.n_etypes && !az.has_ap_options, "empty authorization-data");

	/* AD-IF-RELEVANT { AD-ETYPE-NEGOTIATION { 18, 17 }, AP-OPTIONS CBT } */
	n = etype_list(b1, sizeof(b1), e2, 2, &el);
	krbap_der_w_init(&w, b2, sizeof(b2));
	w_ad(&w, KRBAP_AD_AP_OPTIONS, opts, 4);
	w_ad(&w, KRBAP_AD_ETYPE_NEGOTIATION, el, n);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_finish(&w, &ad, &ad_len);
	all = if_relevant(b3, sizeof(b3), ad, ad_len, true);
	krbap_gss_parse_authz(all, &az);
	ok(az.n_etypes == 2 && az.etypes[0] == 18 && az.etypes[1] == 17 &&
	   az.has_ap_options && az.ap_options == KRBAP_AD_AP_OPTIONS_CBT,
	   "EtypeList and AP-OPTIONS inside AD-IF-RELEVANT");
	ok(krbap_gss_negotiate_etype(&az, 0, 17,
				     (const s32[]){ 20, 18, 17 }, 3) == 18,
	   "negotiation: our first that the initiator listed");
	ok(krbap_gss_negotiate_etype(&az, 0, 17,
				     (const s32[]){ 20, 17, 18 }, 3) == 17,
	   "negotiation: our preference order rules");
	ok(krbap_gss_negotiate_etype(&az, 26, 23,
				     (const s32[]){ 20, 19 }, 2) == 26,
	   "negotiation: nothing in common falls back to the initiator subkey");
	ok(krbap_gss_negotiate_etype(NULL, 0, 23,
				     (const s32[]){ 20, 19 }, 2) == 23,
	   "negotiation: no list, no subkey, falls back to the session key");
	ok(krbap_gss_negotiate_etype(NULL, 17, 18,
				     (const s32[]){ 18, 17 }, 2) == 18,
	   "negotiation: session key enctype preferred over subkey's as MIT");

	/* bare AD-ETYPE-NEGOTIATION, and a list longer than we keep */
	for (i = 0; i < 20; i++)
		e20[i] = 100 + i;
	n = etype_list(b1, sizeof(b1), e20, 20, &el);
	krbap_der_w_init(&w, b2, sizeof(b2));
	w_ad(&w, KRBAP_AD_ETYPE_NEGOTIATION, el, n);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_finish(&w, &ad, &ad_len);
	krbap_gss_parse_authz((struct krbap_bytes){ ad, ad_len }, &az);
	ok(az.n_etypes == KRBAP_GSS_MAX_ETYPES && az.etypes[0] == 100 &&
	   az.etypes[15] == 115, "bare EtypeList of 20 keeps the first 16");

	/* a malformed EtypeList, AP-OPTIONS of the wrong length: ignored */
	krbap_der_w_init(&w, b2, sizeof(b2));
	w_ad(&w, KRBAP_AD_AP_OPTIONS, opts, 3);
	w_ad(&w, KRBAP_AD_ETYPE_NEGOTIATION, "\x30\x03\x02\x01", 4);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_finish(&w, &ad, &ad_len);
	all = if_relevant(b3, sizeof(b3), ad, ad_len, true);
	krbap_gss_parse_authz(all, &az);
	ok(!az.n_etypes && !az.has_ap_options,
	   "malformed EtypeList and short AP-OPTIONS are ignored");

	/* the first EtypeList wins even when a later one parses */
	n = etype_list(b1, sizeof(b1), e2, 2, &el);
	krbap_der_w_init(&w, b2, sizeof(b2));
	w_ad(&w, KRBAP_AD_ETYPE_NEGOTIATION, el, n);
	w_ad(&w, KRBAP_AD_ETYPE_NEGOTIATION, "\x30\x00", 2);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_finish(&w, &ad, &ad_len);
	krbap_gss_parse_authz((struct krbap_bytes){ ad, ad_len }, &az);
	ok(az.n_etypes == 0, "first EtypeList (empty) wins, as in MIT");

	/* garbage of every prefix: never a crash, never an error */
	all = if_relevant(b3, sizeof(b3), ad, ad_len, false);
	for (i = 0; i <= all.len; i++)
		krbap_gss_parse_authz((struct krbap_bytes){ all.data, i }, &az);
	ok(1, "every prefix of authorization-data is harmless");
}

/* ---- bindings ------------------------------------------------------------ */

static void test_bindings_vectors(void)
{
	struct krbap_gss_cksum c;
	struct krbap_gss_authz cbt = { .has_ap_options = true,
				       .ap_options = KRBAP_AD_AP_OPTIONS_CBT };
	u8 b[24], cb[16], other[16];

	memset(cb, 0x11, 16);
	memset(other, 0x22, 16);
	mk_cksum(b, 16, 0x11, KRBAP_GSS_C_MUTUAL);
	parse(b, 24, &c);
	ok(!krbap_gss_check_bindings(&c, NULL, cb) &&
	   (c.flags & KRBAP_GSS_C_CHANNEL_BOUND), "matching bindings: bound");
	parse(b, 24, &c);
	ok(krbap_gss_check_bindings(&c, NULL, other) == -EACCES,
	   "different bindings: -EACCES");
	parse(b, 24, &c);
	ok(!krbap_gss_check_bindings(&c, NULL, NULL) &&
	   !(c.flags & KRBAP_GSS_C_CHANNEL_BOUND),
	   "acceptor without bindings ignores the initiator's");
	mk_cksum(b, 16, 0, KRBAP_GSS_C_MUTUAL);
	parse(b, 24, &c);
	ok(!krbap_gss_check_bindings(&c, NULL, cb) &&
	   !(c.flags & KRBAP_GSS_C_CHANNEL_BOUND),
	   "initiator without bindings: accepted, not bound");
	parse(b, 24, &c);
	ok(krbap_gss_check_bindings(&c, &cbt, cb) == -EACCES,
	   "initiator without bindings but KERB_AP_OPTIONS_CBT: -EACCES");
	krbap_gss_parse_cksum(NULL, 0, &c);
	ok(!krbap_gss_check_bindings(&c, NULL, cb),
	   "no checksum with acceptor bindings: accepted, as MIT");
	ok(krbap_gss_check_bindings(&c, &cbt, cb) == -EACCES,
	   "no checksum, CBT asked: -EACCES");
	ok(!krbap_gss_check_bindings(&c, &cbt, NULL),
	   "CBT without acceptor bindings: accepted");
}

/* ---- context key rules --------------------------------------------------- */

static void test_ctx_vectors(void)
{
	struct krbap_result r = { 0 };
	const struct krbap_keyblock *k;
	bool acc;
	u8 smb[16];

	r.session_key = (struct krbap_keyblock){ 18, 32, { 1 } };
	k = krbap_gss_context_key(&r, &acc);
	ok(k == &r.session_key && !acc, "context key: session key alone");
	r.subkey = (struct krbap_keyblock){ 17, 16, { 2 } };
	k = krbap_gss_context_key(&r, &acc);
	ok(k == &r.subkey && !acc, "context key: initiator subkey over session key");
	r.acceptor_subkey = (struct krbap_keyblock){ 18, 32, { 3 } };
	k = krbap_gss_context_key(&r, &acc);
	ok(k == &r.acceptor_subkey && acc, "context key: acceptor subkey first");

	ok(!krbap_gss_smb_key(&r.acceptor_subkey, smb) && smb[0] == 3 &&
	   !memcmp(smb, r.acceptor_subkey.bytes, 16), "SMB key: first 16 bytes");
	r.subkey.len = 8;
	memset(smb, 0xee, 16);
	ok(!krbap_gss_smb_key(&r.subkey, smb) && smb[0] == 2 && !smb[8] &&
	   !smb[15], "SMB key: short key right-padded with zeros");
	r.subkey.len = 0;
	ok(krbap_gss_smb_key(&r.subkey, smb) == -EINVAL, "SMB key: empty is -EINVAL");

	ok(krbap_gss_lifetime(1000, 400, 300) == 900, "lifetime endtime - now + skew");
	ok(krbap_gss_lifetime(1000, 1200, 300) == 100, "lifetime inside the grace");
	ok(krbap_gss_lifetime(1000, 1400, 300) == 0, "lifetime past the grace is 0");
	ok(krbap_gss_lifetime(S64_MAX / 2, 0, 0) == U32_MAX, "lifetime capped");

	ok(krbap_gss_want_acceptor_subkey(KRBAP_GSS_C_MUTUAL, 18, 18, 18),
	   "acceptor subkey: mutual on aes");
	ok(!krbap_gss_want_acceptor_subkey(0, 18, 18, 18),
	   "acceptor subkey: not without mutual");
	ok(!krbap_gss_want_acceptor_subkey(KRBAP_GSS_C_MUTUAL, 23, 23, 23),
	   "acceptor subkey: not on rc4");
	ok(krbap_gss_want_acceptor_subkey(KRBAP_GSS_C_MUTUAL, 23, 23, 18),
	   "acceptor subkey: rc4 negotiated up to aes");
	ok(!krbap_gss_want_acceptor_subkey(KRBAP_GSS_C_MUTUAL, 23, 18, 16),
	   "acceptor subkey: not when negotiated to des3");
}

/* ---- MIT as the oracle -------------------------------------------------- */

static const char app_cb[] = "tls-server-end-point:0123456789abcdef";

static void cb_md5(const char *app, u8 out[16])
{
	struct krbap_gss_bindings cb = {
		.app = { (const u8 *)app, strlen(app) },
	};
	u8 buf[128];
	size_t n = krbap_gss_bindings_encode(&cb, buf, sizeof(buf));
	unsigned int len;

	if (n > sizeof(buf) ||
	    !EVP_Digest(buf, n, out, &len, EVP_md5(), NULL))
		abort();
}

struct mit_case {
	const char *name;
	gss_OID mech;
	s32 etype;
	OM_uint32 req;
	const char *icb;	/* initiator's application bindings */
	const char *acb;	/* acceptor's */
};

/* the flags MIT's acceptor reports, from ours */
static u32 mit_ret_flags(u32 ours)
{
	ours |= KRBAP_GSS_C_TRANS;
	if (ours & KRBAP_GSS_C_MUTUAL)
		ours |= KRBAP_GSS_C_PROT_READY;
	return ours;
}

static void inner_of(const gss_buffer_desc *t, const u8 **p, size_t *len)
{
	struct krbap_der d, in;
	struct krbap_der_tlv oid;

	krbap_der_init(&d, t->value, t->length);
	if (krbap_der_enter(&d, KRBAP_DER_APP(0), &in) ||
	    krbap_der_expect(&in, KRBAP_DER_TAG(0, 6), &oid) || in.left < 2)
		abort();
	*p = in.p + 2;
	*len = in.left - 2;
}

static gss_channel_bindings_t mk_cb(struct gss_channel_bindings_struct *s,
				    const char *app)
{
	if (!app)
		return GSS_C_NO_CHANNEL_BINDINGS;
	memset(s, 0, sizeof(*s));
	s->application_data.value = (void *)app;
	s->application_data.length = strlen(app);
	return s;
}

/* our verdict on the AP-REQ MIT's initiator made */
struct ours {
	int err;
	u32 flags;
	s32 negotiated;
	bool acc_subkey;
	u32 lifetime;
};

static void our_accept(const struct mit_case *mc, const struct krbap_bytes *ap,
		       krb5_timestamp now, struct ours *o)
{
	static const s32 prefs[] = { 18, 17, 20, 19, 16, 23, 26, 25 };
	krb5_auth_context ac = NULL;
	krb5_authenticator *auth = NULL;
	krb5_ticket *tkt = NULL;
	krb5_keytab kt;
	krb5_data d = { 0, ap->len, (char *)ap->data };
	krb5_flags opts;
	struct krbap_checksum ck;
	struct krbap_gss_cksum c;
	struct krbap_gss_authz az;
	u8 buf[2048], md5[16];
	size_t n;
	int i;

	/* MIT decrypts for us; the crypto layer is not under test here */
	krb5_kt_resolve(kctx, mit_store, &kt);
	if (krb5_rd_req(kctx, &ac, &d, NULL, kt, &opts, &tkt) ||
	    krb5_auth_con_getauthenticator(kctx, ac, &auth))
		abort();
	memset(o, 0, sizeof(*o));
	if (auth->checksum) {
		ck.type = auth->checksum->checksum_type;
		ck.value.data = auth->checksum->contents;
		ck.value.len = auth->checksum->length;
	}
	o->err = krbap_gss_parse_cksum(auth->checksum ? &ck : NULL,
				       opts & AP_OPTS_MUTUAL_REQUIRED ?
				       KRBAP_AP_OPT_MUTUAL_REQUIRED : 0, &c);
	/* the authorization-data, re-encoded as it came */
	n = 0;
	if (auth->authorization_data) {
		krb5_data *enc;

		if (encode_krb5_authdata(auth->authorization_data, &enc))
			abort();
		memcpy(buf, enc->data, enc->length);
		n = enc->length;
		krb5_free_data(kctx, enc);
	}
	krbap_gss_parse_authz((struct krbap_bytes){ buf, n }, &az);
	if (!o->err && mc->acb) {
		cb_md5(mc->acb, md5);
		o->err = krbap_gss_check_bindings(&c, &az, md5);
	}
	o->flags = c.flags;
	o->negotiated = krbap_gss_negotiate_etype(&az,
		auth->subkey ? auth->subkey->enctype : 0,
		tkt->enc_part2->session->enctype, prefs, ARRAY_SIZE(prefs));
	o->acc_subkey = krbap_gss_want_acceptor_subkey(c.flags,
		auth->subkey ? auth->subkey->enctype :
		tkt->enc_part2->session->enctype,
		tkt->enc_part2->session->enctype, o->negotiated);
	o->lifetime = krbap_gss_lifetime(tkt->enc_part2->times.endtime, now,
					 SKEW);
	if (az.n_etypes) {
		printf("# initiator EtypeList:");
		for (i = 0; i < (int)az.n_etypes; i++)
			printf(" %d", az.etypes[i]);
		printf("\n");
	}
	krb5_free_authenticator(kctx, auth);
	krb5_free_ticket(kctx, tkt);
	krb5_auth_con_free(kctx, ac);
	krb5_kt_close(kctx, kt);
}

static void mit_case(const struct mit_case *mc)
{
	struct gss_channel_bindings_struct icb_s, acb_s;
	gss_ctx_id_t ictx = GSS_C_NO_CONTEXT, actx = GSS_C_NO_CONTEXT;
	gss_buffer_desc itok = { 0 }, itok2 = { 0 }, atok = { 0 }, out = { 0 };
	gss_buffer_desc nb = { strlen(SERVICE), (void *)SERVICE };
	gss_OID_set_desc mechs = { 1, mc->mech };
	gss_cred_id_t acred = GSS_C_NO_CREDENTIAL;
	gss_name_t target;
	OM_uint32 maj, min, ret_flags = 0, time_rec = 0;
	krb5_timestamp now = time(NULL);
	struct krbap_bytes ap;
	enum krbap_gss_mech mech;
	struct ours o;
	void *lucid = NULL;
	gss_krb5_lucid_context_v1_t *lc;
	const u8 *rep;
	size_t rep_len, len;
	u8 ourtok[4096];
	int err;

	mit_store_ticket(SERVICE, ALICE, mc->etype,
			 TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH, now, now + LIFE);
	maj = gss_import_name(&min, &nb, GSS_KRB5_NT_PRINCIPAL_NAME, &target);
	if (maj)
		die("gss_import_name", maj, min);
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &ictx, target,
				   mc->mech, mc->req, 0,
				   mk_cb(&icb_s, mc->icb), GSS_C_NO_BUFFER,
				   NULL, &itok, NULL, NULL);
	if (GSS_ERROR(maj))
		die("gss_init_sec_context", maj, min);

	err = krbap_gss_unwrap_init(itok.value, itok.length, &ap, &mech);
	ok(!err && mech == (mc->mech == &mech_ms ? KRBAP_GSS_MECH_MS_KRB5 :
			    KRBAP_GSS_MECH_KRB5) &&
	   ap.data + ap.len == (u8 *)itok.value + itok.length &&
	   ap.len > 100 && ap.data[0] == 0x6e,
	   "%s: MIT's initial token unwraps to its AP-REQ", mc->name);
	if (err)
		goto out;
	our_accept(mc, &ap, now, &o);

	maj = gss_acquire_cred(&min, GSS_C_NO_NAME, 0, &mechs, GSS_C_ACCEPT,
			       &acred, NULL, NULL);
	if (maj)
		die("gss_acquire_cred", maj, min);
	maj = gss_accept_sec_context(&min, &actx, acred, &itok,
				     mk_cb(&acb_s, mc->acb), NULL, NULL, &atok,
				     &ret_flags, &time_rec, NULL);
	if (GSS_ERROR(maj)) {
		ok(o.err == -EACCES && maj == GSS_S_BAD_BINDINGS,
		   "%s: MIT refuses (major %#x), so do we (%d)", mc->name,
		   maj, o.err);
		goto out;
	}
	ok(!o.err && mit_ret_flags(o.flags) == ret_flags,
	   "%s: flags %#x as MIT's %#x (ours %#x, err %d)", mc->name,
	   mit_ret_flags(o.flags), ret_flags, o.flags, o.err);
	ok(o.lifetime <= time_rec && time_rec - o.lifetime <= 2,
	   "%s: lifetime %u as MIT's %u", mc->name, o.lifetime, time_rec);
	maj = gss_krb5_export_lucid_sec_context(&min, &actx, 1, &lucid);
	if (maj)
		die("export_lucid", maj, min);
	lc = lucid;
	ok(lc->protocol == 1 ? o.acc_subkey == !!lc->cfx_kd.have_acceptor_subkey
			     : !o.acc_subkey,
	   "%s: acceptor subkey %d as MIT's (protocol %u)", mc->name,
	   o.acc_subkey, lc->protocol);
	if (o.acc_subkey)
		ok((s32)lc->cfx_kd.acceptor_subkey.type == o.negotiated,
		   "%s: acceptor subkey enctype %d as MIT's %u", mc->name,
		   o.negotiated, lc->cfx_kd.acceptor_subkey.type);
	gss_krb5_free_lucid_sec_context(&min, lucid);

	if (!(mc->req & GSS_C_MUTUAL_FLAG)) {
		ok(!atok.length, "%s: no reply token without mutual", mc->name);
		goto out;
	}
	inner_of(&atok, &rep, &rep_len);
	err = krbap_gss_wrap_token(mech, KRBAP_GSS_TOK_AP_REP, rep, rep_len,
				   ourtok, sizeof(ourtok), &len);
	ok(!err && len == atok.length &&
		   !memcmp(ourtok, atok.value, len),
		   "%s: our reply framing is byte-identical to MIT's", mc->name);
	out.value = ourtok;
	out.length = len;
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &ictx, target,
				   mc->mech, mc->req, 0,
				   mk_cb(&icb_s, mc->icb), &out, NULL, &itok2,
				   NULL, NULL);
	ok(maj == GSS_S_COMPLETE, "%s: MIT's initiator completes on our reply token (major %#x minor %d)",
	   mc->name, maj, (int)min);
	gss_release_buffer(&min, &itok);
out:
	gss_release_buffer(&min, &atok);
	gss_release_buffer(&min, &itok);
	gss_delete_sec_context(&min, &ictx, NULL);
	gss_delete_sec_context(&min, &actx, NULL);
	gss_release_name(&min, &target);
	gss_release_cred(&min, &acred);
}

/* a KRB-ERROR in a 03 00 token makes MIT's initiator fail with its code */
static void mit_error_token(void)
{
	gss_ctx_id_t ictx = GSS_C_NO_CONTEXT;
	gss_buffer_desc itok = { 0 }, in, out = { 0 };
	gss_buffer_desc nb = { strlen(SERVICE), (void *)SERVICE };
	gss_name_t target;
	OM_uint32 maj, min;
	struct krbap_krb_error e = { 0 };
	struct krbap_der_w w;
	const u8 *der;
	size_t der_len, len;
	u8 wbuf[1024], tok[1100];

	mit_store_ticket(SERVICE, ALICE, 18, TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH,
			 time(NULL), time(NULL) + LIFE);
	gss_import_name(&min, &nb, GSS_KRB5_NT_PRINCIPAL_NAME, &target);
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &ictx, target,
				   &mech_krb5, GSS_C_MUTUAL_FLAG, 0, NULL,
				   GSS_C_NO_BUFFER, NULL, &itok, NULL, NULL);
	if (maj != GSS_S_CONTINUE_NEEDED)
		die("gss_init_sec_context", maj, min);
	e.stime = time(NULL);
	e.error_code = KRBAP_KRB_AP_ERR_SKEW;
	e.server.realm = (struct krbap_bytes){ (const u8 *)REALM, 11 };
	e.server.name_type = 1;
	e.server.ncomp = 2;
	e.server.comp[0] = (struct krbap_bytes){ (const u8 *)"nfs", 3 };
	e.server.comp[1] =
		(struct krbap_bytes){ (const u8 *)"server.example.org", 18 };
	krbap_der_w_init(&w, wbuf, sizeof(wbuf));
	if (krbap_encode_krb_error(&w, &e) ||
	    krbap_der_w_finish(&w, &der, &der_len))
		abort();
	if (krbap_gss_wrap_token(KRBAP_GSS_MECH_KRB5, KRBAP_GSS_TOK_ERROR, der,
				 der_len, tok, sizeof(tok), &len))
		abort();
	in.value = tok;
	in.length = len;
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &ictx, target,
				   &mech_krb5, GSS_C_MUTUAL_FLAG, 0, NULL, &in,
				   NULL, &out, NULL, NULL);
	ok(maj == GSS_S_FAILURE && min == (OM_uint32)KRB5KRB_AP_ERR_SKEW,
	   "MIT's initiator reads our 03 00 error token as KRB_AP_ERR_SKEW (major %#x minor %d)",
	   maj, (int)min);
	gss_release_buffer(&min, &out);
	gss_release_buffer(&min, &itok);
	gss_delete_sec_context(&min, &ictx, NULL);
	gss_release_name(&min, &target);
}

static void test_mit(void)
{
	const OM_uint32 all = GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG |
			      GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG |
			      GSS_C_INTEG_FLAG;
	const struct mit_case cases[] = {
		{ "aes256 no flags", &mech_krb5, 18, 0, NULL, NULL },
		{ "aes256 mutual", &mech_krb5, 18, GSS_C_MUTUAL_FLAG, NULL, NULL },
		{ "aes256 all flags", &mech_krb5, 18, all, NULL, NULL },
		{ "aes128 mutual+replay", &mech_krb5, 17,
		  GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG, NULL, NULL },
		{ "aes256-sha2 all", &mech_krb5, 20, all, NULL, NULL },
		{ "aes128-sha2 sequence", &mech_krb5, 19, GSS_C_SEQUENCE_FLAG,
		  NULL, NULL },
		{ "camellia256 mutual", &mech_krb5, 26, GSS_C_MUTUAL_FLAG, NULL,
		  NULL },
		{ "rc4 mutual", &mech_krb5, 23, all, NULL, NULL },
		{ "identify+extended-error", &mech_krb5, 18,
		  GSS_C_MUTUAL_FLAG | GSS_C_IDENTIFY_FLAG |
		  GSS_C_EXTENDED_ERROR_FLAG, NULL, NULL },
		{ "deleg asked, no TGT", &mech_krb5, 18,
		  GSS_C_MUTUAL_FLAG | GSS_C_DELEG_FLAG, NULL, NULL },
		{ "bindings match", &mech_krb5, 18, all, app_cb, app_cb },
		{ "bindings mismatch", &mech_krb5, 18, all, app_cb,
		  "tls-server-end-point:other" },
		{ "initiator bindings only", &mech_krb5, 18, all, app_cb, NULL },
		{ "acceptor bindings only", &mech_krb5, 18, all, NULL, app_cb },
		{ "MS OID no flags", &mech_ms, 18, 0, NULL, NULL },
		{ "MS OID mutual", &mech_ms, 18, all, NULL, NULL },
	};
	size_t i;

	mit_setup("test_gss", REALM, SERVICE);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		mit_case(&cases[i]);
	mit_error_token();
	mit_cleanup();
}

int main(void)
{
	test_unwrap_vectors();
	test_wrap_vectors();
	test_cksum_vectors();
	test_authz_vectors();
	test_bindings_vectors();
	test_ctx_vectors();
	test_mit();
	return tap_done();
}
