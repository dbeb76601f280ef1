// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/spnego.c on the host.  Hand-built NegTokenInit/NegTokenResp
 * variants for every layout and error path, then MIT's SPNEGO mechanism
 * as the oracle with no KDC: a service ticket made with a chosen key sits
 * in a MEMORY ccache, MIT's SPNEGO initiator builds the first token from
 * it, and our response around MIT's own AP-REP must complete MIT's
 * initiator.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <krb5.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <linux/kernel.h>
#include "tap.h"
#include "der.h"
#include "gss.h"
#include "msg.h"
#include "mit_oracle.h"
#include "spnego.h"


#define REALM	"EXAMPLE.ORG"
#define SERVICE	"cifs/server.example.org@" REALM
#define ALICE	"alice@" REALM

#define OID	KRBAP_DER_TAG(0, 0x06)

static const u8 krb5[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 1, 2, 2 };
static const u8 ms[] = { 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 1, 2, 2 };
static const u8 ntlm[] = { 0x2b, 6, 1, 4, 1, 0x82, 0x37, 2, 2, 0x0a };
static const u8 spnego[] = { 0x2b, 6, 1, 5, 5, 2 };
static const u8 inner[] = "a krb5 initial token";
static const u8 mic[] = "mic";

static struct krbap_bytes B(const void *p, size_t len)
{
	return (struct krbap_bytes){ p, len };
}

#define bytes_eq(b, arr) \
	((b).len == sizeof(arr) && !memcmp((b).data, arr, sizeof(arr)))

/* ---- hand-built tokens ---------------------------------------------- */

struct init_spec {
	const struct krbap_bytes *mechs;
	unsigned int n;
	bool flags;
	bool token;
	bool mic;
	bool hints;	/* NegTokenInit2: negHints [3], MIC [4] */
	bool bare;	/* no 0x60 framing */
};

static void w_field(struct krbap_der_w *w, unsigned int n, u32 tag,
		    const void *p, size_t len)
{
	size_t m = krbap_der_w_len(w);

	krbap_der_w_octets(w, tag, p, len);
	krbap_der_w_hdr(w, KRBAP_DER_CTX(n), m);
}

static size_t mk_init(u8 *buf, size_t size, const struct init_spec *s)
{
	static const u8 bits[] = { 0x01, 0x60 };
	struct krbap_der_w w;
	const u8 *der;
	size_t len, m, h;
	unsigned int i;

	krbap_der_w_init(&w, buf, size);
	if (s->mic)
		w_field(&w, s->hints ? 4 : 3, KRBAP_DER_OCTET_STRING, mic, 3);
	if (s->hints) {
		h = krbap_der_w_len(&w);
		w_field(&w, 0, KRBAP_DER_GENERAL_STR, "not_defined", 11);
		krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, h);
		krbap_der_w_hdr(&w, KRBAP_DER_CTX(3), h);
	}
	if (s->token)
		w_field(&w, 2, KRBAP_DER_OCTET_STRING, inner, sizeof(inner));
	if (s->flags)
		w_field(&w, 1, KRBAP_DER_BIT_STRING, bits, sizeof(bits));
	m = krbap_der_w_len(&w);
	for (i = s->n; i--; )
		krbap_der_w_octets(&w, OID, s->mechs[i].data, s->mechs[i].len);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, m);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(0), m);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(0), 0);
	if (!s->bare) {
		krbap_der_w_octets(&w, OID, spnego, sizeof(spnego));
		krbap_der_w_hdr(&w, KRBAP_DER_APP(0), 0);
	}
	if (krbap_der_w_finish(&w, &der, &len))
		abort();
	memmove(buf, der, len);
	return len;
}

static void test_init_vectors(void)
{
	const struct krbap_bytes l1[] = { B(ms, 9), B(krb5, 9), B(ntlm, 10) };
	const struct krbap_bytes l2[] = { B(ntlm, 10), B(krb5, 9) };
	const struct krbap_bytes l3[] = { B(ntlm, 10) };
	struct krbap_bytes big[KRBAP_SPNEGO_MAX_MECHS + 1];
	struct init_spec s = { l1, 3, true, true, true, false, false };
	struct krbap_spnego_init o;
	u8 buf[1024];
	size_t len, i, n;
	int err, bad;

	len = mk_init(buf, sizeof(buf), &s);
	err = krbap_spnego_parse_init(buf, len, &o);
	ok(!err && o.n_mechs == 3 && o.krb5_index == 0 && o.optimistic &&
	   o.mech == KRBAP_GSS_MECH_MS_KRB5 && bytes_eq(o.mech_oid, ms),
	   "MS-krb5 first: index 0, MS OID, optimistic (err %d)", err);
	ok(o.mech_token.len == sizeof(inner) &&
	   !memcmp(o.mech_token.data, inner, sizeof(inner)) &&
	   o.mech_list_mic.len == 3 && !memcmp(o.mech_list_mic.data, mic, 3),
	   "mechToken and mechListMIC sliced");
	ok(o.mech_types.len == 2 + 11 + 11 + 12 &&
	   o.mech_types.data[0] == 0x30 && o.mech_types.data[1] == 34,
	   "mechTypes is the whole MechTypeList DER");

	s = (struct init_spec){ l2, 2, false, true, false, false, false };
	len = mk_init(buf, sizeof(buf), &s);
	err = krbap_spnego_parse_init(buf, len, &o);
	ok(!err && o.krb5_index == 1 && !o.optimistic &&
	   o.mech == KRBAP_GSS_MECH_KRB5 && o.mech_token.len,
	   "krb5 second: index 1, not optimistic (err %d)", err);

	s.bare = true;
	len = mk_init(buf, sizeof(buf), &s);
	err = krbap_spnego_parse_init(buf, len, &o);
	ok(!err && o.krb5_index == 1, "bare NegotiationToken (err %d)", err);

	s = (struct init_spec){ l1 + 1, 1, false, false, true, true, false };
	len = mk_init(buf, sizeof(buf), &s);
	err = krbap_spnego_parse_init(buf, len, &o);
	ok(!err && o.optimistic && o.mech_list_mic.len == 3 &&
	   !o.mech_token.len, "NegTokenInit2: negHints, MIC in [4] (err %d)",
	   err);

	s = (struct init_spec){ l3, 1, true, true, true, false, false };
	len = mk_init(buf, sizeof(buf), &s);
	ok(krbap_spnego_parse_init(buf, len, &o) == -ENOPROTOOPT,
	   "no krb5 mech: -ENOPROTOOPT");
	s.n = 0;
	len = mk_init(buf, sizeof(buf), &s);
	ok(krbap_spnego_parse_init(buf, len, &o) == -ENOPROTOOPT,
	   "empty mech list: -ENOPROTOOPT");

	for (i = 0; i < ARRAY_SIZE(big); i++)
		big[i] = B(ntlm, 10);
	big[KRBAP_SPNEGO_MAX_MECHS - 1] = B(krb5, 9);
	s = (struct init_spec){ big, KRBAP_SPNEGO_MAX_MECHS, 0, 0, 0, 0, 0 };
	len = mk_init(buf, sizeof(buf), &s);
	err = krbap_spnego_parse_init(buf, len, &o);
	ok(!err && o.krb5_index == KRBAP_SPNEGO_MAX_MECHS - 1,
	   "%d mechs, krb5 last: taken", KRBAP_SPNEGO_MAX_MECHS);
	s.n++;
	len = mk_init(buf, sizeof(buf), &s);
	ok(krbap_spnego_parse_init(buf, len, &o) == -EMSGSIZE,
	   "%d mechs: -EMSGSIZE", KRBAP_SPNEGO_MAX_MECHS + 1);

	/* every proper prefix of a full token is malformed */
	s = (struct init_spec){ l1, 3, true, true, true, false, false };
	len = mk_init(buf, sizeof(buf), &s);
	for (n = 0, bad = 0; n < len; n++)
		bad += krbap_spnego_parse_init(buf, n, &o) == -EBADMSG;
	ok(bad == (int)len, "all %zu prefixes: -EBADMSG", len);
	/* the outer length off by one either way */
	buf[1]++;
	bad = krbap_spnego_parse_init(buf, len, &o) == -EBADMSG;
	buf[1] -= 2;
	bad += krbap_spnego_parse_init(buf, len, &o) == -EBADMSG;
	buf[1]++;
	ok(bad == 2, "outer length +1 and -1: -EBADMSG");
	/* every byte set to every value: no crash, only our errors */
	for (i = 0, bad = 0; i < len; i++) {
		u8 save = buf[i];

		for (n = 0; n < 256; n++) {
			buf[i] = n;
			err = krbap_spnego_parse_init(buf, len, &o);
			bad += err && err != -EBADMSG && err != -ENOPROTOOPT;
		}
		buf[i] = save;
	}
	ok(!bad, "%zu single-byte mutations: no other error", len * 256);
	buf[len] = 0;
	ok(krbap_spnego_parse_init(buf, len + 1, &o) == -EBADMSG,
	   "trailing byte: -EBADMSG");

	memcpy(buf, (u8[]){ 0x60, 0x0d, 0x06, 0x09 }, 4);
	memcpy(buf + 4, krb5, 9);
	memcpy(buf + 13, "\x01\x00", 2);
	ok(krbap_spnego_parse_init(buf, 15, &o) == -ENOPROTOOPT,
	   "a bare krb5 GSS token: -ENOPROTOOPT");
	ok(krbap_spnego_parse_init((const u8 *)"\xa1\x02\x30\x00", 4, &o) ==
	   -EBADMSG, "a NegTokenResp first: -EBADMSG");
}

/* ---- NegTokenResp --------------------------------------------------- */

static void test_resp_vectors(void)
{
	const struct krbap_bytes m = B(ms, 9), t = B(inner, sizeof(inner));
	const struct krbap_bytes c = B(mic, 3), bad_oid = B("\x2a\x86", 2);
	struct krbap_spnego_resp r;
	u8 buf[256], small[16];
	size_t len, n;
	int err, bad, st;

	err = krbap_spnego_build_resp(KRBAP_SPNEGO_ACCEPT_COMPLETED, &m, &t,
				      &c, buf, sizeof(buf), &len);
	ok(!err && buf[0] == 0xa1, "build_resp: NegTokenResp [1], no 0x60");
	err = krbap_spnego_parse_resp(buf, len, &r);
	ok(!err && r.has_neg_state && r.neg_state == 0 &&
	   bytes_eq(r.supported_mech, ms) &&
	   r.response_token.len == sizeof(inner) &&
	   !memcmp(r.response_token.data, inner, sizeof(inner)) &&
	   r.mech_list_mic.len == 3, "all four fields round-trip (err %d)",
	   err);
	for (n = 0, bad = 0; n < len; n++)
		bad += krbap_spnego_parse_resp(buf, n, &r) == -EBADMSG;
	ok(bad == (int)len, "all %zu prefixes of a response: -EBADMSG", len);

	for (st = 0; st <= KRBAP_SPNEGO_REQUEST_MIC; st++) {
		err = krbap_spnego_build_resp(st, NULL, NULL, NULL, buf,
					      sizeof(buf), &len);
		ok(!err && len == 9 &&
		   !krbap_spnego_parse_resp(buf, len, &r) &&
		   r.has_neg_state && r.neg_state == st &&
		   !r.supported_mech.len && !r.response_token.len,
		   "negState %d alone round-trips", st);
	}
	buf[8] = 4;
	ok(krbap_spnego_parse_resp(buf, len, &r) == -EBADMSG,
	   "negState 4: -EBADMSG");

	err = krbap_spnego_build_resp(-1, NULL, NULL, &c, buf, sizeof(buf),
				      &len);
	ok(!err && !krbap_spnego_parse_resp(buf, len, &r) &&
	   !r.has_neg_state && r.mech_list_mic.len == 3,
	   "a MIC-only response (second leg) round-trips");

	ok(krbap_spnego_build_resp(4, NULL, NULL, NULL, buf, sizeof(buf),
				   &len) == -EINVAL, "build: negState 4 -EINVAL");
	ok(krbap_spnego_build_resp(0, &bad_oid, NULL, NULL, buf, sizeof(buf),
				   &len) == -EINVAL, "build: bad OID -EINVAL");
	ok(krbap_spnego_build_resp(0, &m, &t, NULL, small, sizeof(small),
				   &len) == -EMSGSIZE, "build: small buffer");

	ok(krbap_spnego_parse_resp((const u8 *)"\xa1\x05\x30\x03\xa1\x01\x06",
				   7, &r) == -EBADMSG, "truncated OID field");
	ok(krbap_spnego_parse_resp((const u8 *)"\xa1\x06\x30\x04\xa1\x02\x06\x00",
				   8, &r) == -EBADMSG, "empty OID: -EBADMSG");
	ok(krbap_spnego_parse_resp((const u8 *)"\xa1\x08\x30\x06\xa0\x04\x0a\x02\x00\x00",
				   10, &r) == -EBADMSG,
	   "two-byte negState: -EBADMSG");
	ok(krbap_spnego_parse_resp((const u8 *)"\xa1\x07\x30\x05\xa2\x03\x04\x01\x00",
				   9, &r) == 0 && r.response_token.len == 1,
	   "responseToken alone");
	ok(krbap_spnego_parse_resp((const u8 *)"\xa1\x07\x30\x05\xa2\x03\x04\x01\x00"
				   "\x00", 10, &r) == -EBADMSG,
	   "trailing byte after a response: -EBADMSG");
}

/* ---- MIT as the oracle -------------------------------------------------- */

/* MIT's krb5 acceptor on the inner token: its GSS-framed AP-REP */
static void mit_ap_rep(const struct krbap_bytes *in, gss_buffer_desc *rep)
{
	gss_OID_desc m = { 9, (void *)krb5 };
	gss_OID_set_desc mechs = { 1, &m };
	gss_ctx_id_t actx = GSS_C_NO_CONTEXT;
	gss_buffer_desc t = { in->len, (void *)in->data };
	gss_cred_id_t cred;
	OM_uint32 maj, min;

	maj = gss_acquire_cred(&min, GSS_C_NO_NAME, 0, &mechs, GSS_C_ACCEPT,
			       &cred, NULL, NULL);
	if (maj)
		die("gss_acquire_cred", maj, min);
	maj = gss_accept_sec_context(&min, &actx, cred, &t, NULL, NULL, NULL,
				     rep, NULL, NULL, NULL);
	if (maj)
		die("gss_accept_sec_context", maj, min);
	gss_delete_sec_context(&min, &actx, NULL);
	gss_release_cred(&min, &cred);
}

static void mit_case(OM_uint32 req)
{
	gss_OID_desc sp = { sizeof(spnego), (void *)spnego };
	gss_buffer_desc nb = { strlen(SERVICE), (void *)SERVICE };
	gss_buffer_desc itok = { 0 }, rep = { 0 }, in, out = { 0 };
	gss_ctx_id_t ictx = GSS_C_NO_CONTEXT;
	struct krbap_spnego_init o;
	enum krbap_gss_mech mech;
	struct krbap_bytes ap, t;
	gss_name_t target;
	OM_uint32 maj, min;
	u8 buf[8192];
	size_t len;
	int err;

	mit_store_ticket(SERVICE, ALICE, 18, TKT_FLG_INITIAL, time(NULL),
			 time(NULL) + 3600);
	gss_import_name(&min, &nb, GSS_KRB5_NT_PRINCIPAL_NAME, &target);
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &ictx, target,
				   &sp, req, 0, NULL, GSS_C_NO_BUFFER, NULL,
				   &itok, NULL, NULL);
	if (GSS_ERROR(maj))
		die("gss_init_sec_context (SPNEGO)", maj, min);
	err = krbap_spnego_parse_init(itok.value, itok.length, &o);
	printf("# MIT offers %u mechs, krb5 at %u\n", o.n_mechs, o.krb5_index);
	ok(!err && o.optimistic && o.mech == KRBAP_GSS_MECH_KRB5 &&
	   o.mech_token.len, "flags %#x: MIT's NegTokenInit parses (err %d)",
	   req, err);
	if (err)
		goto out;
	err = krbap_gss_unwrap_init(o.mech_token.data, o.mech_token.len, &ap,
				    &mech);
	ok(!err && ap.len > 100 && ap.data[0] == 0x6e,
	   "flags %#x: its mechToken unwraps to an AP-REQ", req);

	mit_ap_rep(&o.mech_token, &rep);
	t = B(rep.value, rep.length);
	err = krbap_spnego_build_resp(KRBAP_SPNEGO_ACCEPT_COMPLETED,
				      &o.mech_oid, rep.length ? &t : NULL,
				      NULL, buf, sizeof(buf), &len);
	in.value = buf;
	in.length = len;
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &ictx, target,
				   &sp, req, 0, NULL, &in, NULL, &out, NULL,
				   NULL);
	ok(!err && maj == GSS_S_COMPLETE && !out.length,
	   "flags %#x: MIT's SPNEGO initiator completes on our response (major %#x minor %d)",
	   req, maj, (int)min);
out:
	gss_release_buffer(&min, &out);
	gss_release_buffer(&min, &rep);
	gss_release_buffer(&min, &itok);
	gss_delete_sec_context(&min, &ictx, NULL);
	gss_release_name(&min, &target);
}

static void test_mit(void)
{
	mit_setup("test_spnego", REALM, SERVICE);
	mit_case(GSS_C_MUTUAL_FLAG);
	mit_case(GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG |
		 GSS_C_CONF_FLAG | GSS_C_INTEG_FLAG);
	mit_cleanup();
}

int main(void)
{
	test_init_vectors();
	test_resp_vectors();
	test_mit();
	return tap_done();
}
