// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/spnego.c on the host.  Hand-built NegTokenInit/NegTokenResp
 * variants for every layout and error path, then MIT's SPNEGO mechanism
 * as the oracle with no KDC: a service ticket made with a chosen key sits
 * in a MEMORY ccache, MIT's SPNEGO initiator builds the first token from
 * it, and our response around MIT's own AP-REP must complete MIT's
 * initiator; then MIT's SPNEGO initiator against the whole accept
 * pipeline (krbap_accept_core()), whose answer must complete it, or,
 * refused, make it fail.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <krb5.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <linux/kernel.h>
#include "tap.h"
#include "accept_host.h"
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

/* MIT's krb5 acceptor on the inner token: its GSS-framed AP-REP, flags */
static OM_uint32 mit_ap_rep(const struct krbap_bytes *in,
			    gss_buffer_desc *rep)
{
	gss_OID_desc m = { 9, (void *)krb5 };
	gss_OID_set_desc mechs = { 1, &m };
	gss_ctx_id_t actx = GSS_C_NO_CONTEXT;
	gss_buffer_desc t = { in->len, (void *)in->data };
	gss_cred_id_t cred;
	OM_uint32 maj, min, flags = 0;

	maj = gss_acquire_cred(&min, GSS_C_NO_NAME, 0, &mechs, GSS_C_ACCEPT,
			       &cred, NULL, NULL);
	if (maj)
		die("gss_acquire_cred", maj, min);
	maj = gss_accept_sec_context(&min, &actx, cred, &t, NULL, NULL, NULL,
				     rep, &flags, NULL, NULL);
	if (maj)
		die("gss_accept_sec_context", maj, min);
	gss_delete_sec_context(&min, &actx, NULL);
	gss_release_cred(&min, &cred);
	return flags;
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

/* ---- MIT's SPNEGO initiator against krbap_accept_core() ----------- */

#define SKEW	300

static struct timespec64 clock_now(long off)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (struct timespec64){ ts.tv_sec + off, ts.tv_nsec };
}

/* an MIT SPNEGO initiator's context and its first token */
struct ini {
	gss_ctx_id_t ctx;
	gss_name_t target;
	OM_uint32 req;
	gss_buffer_desc tok;
};

static OM_uint32 ini_start(struct ini *i, krb5_enctype etype, OM_uint32 req)
{
	gss_buffer_desc nb = { strlen(SERVICE), (void *)SERVICE };
	gss_OID_desc sp = { sizeof(spnego), (void *)spnego };
	OM_uint32 maj, min;

	memset(i, 0, sizeof(*i));
	i->req = req;
	mit_store_ticket(SERVICE, ALICE, etype, TKT_FLG_INITIAL, time(NULL),
			 time(NULL) + 3600);
	gss_import_name(&min, &nb, GSS_KRB5_NT_PRINCIPAL_NAME, &i->target);
	maj = gss_init_sec_context(&min, GSS_C_NO_CREDENTIAL, &i->ctx,
				   i->target, &sp, req, 0, NULL,
				   GSS_C_NO_BUFFER, NULL, &i->tok, NULL, NULL);
	if (GSS_ERROR(maj))
		die("gss_init_sec_context (SPNEGO)", maj, min);
	return maj;
}

/* the acceptor's answer into the initiator's second call; @out its own */
static OM_uint32 ini_finish(struct ini *i, const u8 *ans, size_t len,
			    OM_uint32 *min, OM_uint32 *flags,
			    gss_buffer_desc *out)
{
	gss_OID_desc sp = { sizeof(spnego), (void *)spnego };
	gss_buffer_desc in = { len, (void *)ans };

	return gss_init_sec_context(min, GSS_C_NO_CREDENTIAL, &i->ctx,
				    i->target, &sp, i->req, 0, NULL, &in,
				    NULL, out, flags, NULL);
}

/* MIT's words for a minor status, as gss_display_status gives them */
static void minor_text(OM_uint32 min, char *buf, size_t size)
{
	gss_OID_desc sp = { sizeof(spnego), (void *)spnego };
	OM_uint32 c = 0, tmp;
	gss_buffer_desc m;

	gss_display_status(&tmp, min, GSS_C_MECH_CODE, &sp, &c, &m);
	snprintf(buf, size, "%.*s", (int)m.length, (char *)m.value);
	gss_release_buffer(&tmp, &m);
}

static void ini_free(struct ini *i)
{
	OM_uint32 min;

	gss_release_buffer(&min, &i->tok);
	gss_delete_sec_context(&min, &i->ctx, NULL);
	gss_release_name(&min, &i->target);
}

/* the flags MIT's own krb5 acceptor gives the same mechToken */
static OM_uint32 mit_acceptor_flags(const struct krbap_bytes *mtok)
{
	gss_buffer_desc rep = { 0 };
	OM_uint32 flags = mit_ap_rep(mtok, &rep), min;

	gss_release_buffer(&min, &rep);
	return flags;
}

static bool same_key(const gss_krb5_lucid_key_t *l,
		     const struct krbap_keyblock *k)
{
	return l->type == (OM_uint32)k->etype && l->length == k->len &&
	       !memcmp(l->data, k->bytes, k->len);
}

/*
 * The context MIT's initiator holds (exported lucid, which ends it) and
 * the one krbap reports: the same RFC 4121 key, the same sequence
 * numbers.
 */
static void same_context(const char *what, struct ini *i,
			 const struct krbap_result *r, bool mutual)
{
	const struct krbap_keyblock *k = r->context_acceptor_subkey ?
		&r->acceptor_subkey : r->subkey.len ? &r->subkey :
		&r->session_key;
	gss_krb5_lucid_context_v1_t *lc;
	OM_uint32 maj, min;
	void *lucid = NULL;

	maj = gss_krb5_export_lucid_sec_context(&min, &i->ctx, 1, &lucid);
	if (!ok(!maj && lucid, "%s: MIT exports its context (major %#x)",
		what, maj))
		return;
	lc = lucid;
	ok(lc->protocol == 1 &&
	   !lc->cfx_kd.have_acceptor_subkey == !r->context_acceptor_subkey &&
	   same_key(lc->cfx_kd.have_acceptor_subkey ?
		    &lc->cfx_kd.acceptor_subkey : &lc->cfx_kd.ctx_key, k) &&
	   lc->send_seq == r->seq &&
	   (!mutual || lc->recv_seq == r->acceptor_seq),
	   "%s: MIT's context key (%s) and sequence numbers are krbap's", what,
	   r->context_acceptor_subkey ? "acceptor subkey" : "initiator's");
	gss_krb5_free_lucid_sec_context(&min, lucid);
}

/*
 * MIT's first token accepted by krbap: the result, the flags MIT's own
 * acceptor gives the same token, a NegTokenResp whose supportedMech is
 * MIT's first mech, and MIT's initiator completing on it.
 */
static void krbap_case(krb5_enctype etype, OM_uint32 req)
{
	struct krbap_acceptor a = host_acceptor(100, SKEW);
	struct timespec64 now = clock_now(0);
	bool mutual = req & GSS_C_MUTUAL_FLAG;
	struct krbap_spnego_init o = { 0 };
	struct krbap_spnego_resp resp;
	OM_uint32 maj, min, flags = 0, mit;
	gss_buffer_desc out = { 0 };
	struct krbap_result *r = NULL;
	char what[96];
	struct ini i;
	int ret;

	snprintf(what, sizeof(what), "MIT -> krbap: sess %d%s", etype,
		 mutual ? " mutual" : "");
	maj = ini_start(&i, etype, req);
	ok(maj == GSS_S_CONTINUE_NEEDED,
	   "%s: MIT's initiator waits for the acceptor's answer", what);
	ret = host_accept(&a, i.tok.value, i.tok.length, NULL, &now, &r);
	if (!ok(!ret && r && r->client && !strcmp(r->client, ALICE) &&
		!strcmp(r->server, SERVICE) && r->kvno == 1 &&
		r->session_key.etype == etype &&
		r->framing == KRBAP_FRAMING_SPNEGO,
		"%s: accepted, alice, framing spnego", what)) {
		printf("# ret %d, reason \"%s\"\n", ret, r ? r->reason : "");
		goto out;
	}
	krbap_spnego_parse_init(i.tok.value, i.tok.length, &o);
	mit = mit_acceptor_flags(&o.mech_token);
	if (!ok(r->gss_flags == (mutual ? mit : mit & ~GSS_C_PROT_READY_FLAG),
		"%s: gss_flags as MIT's acceptor's%s", what,
		mutual ? "" : " but PROT_READY"))
		printf("# krbap 0x%x, MIT 0x%x\n", r->gss_flags, mit);
	ok(!krbap_spnego_parse_resp(r->ap_rep, r->ap_rep_len, &resp) &&
	   resp.neg_state == KRBAP_SPNEGO_ACCEPT_COMPLETED &&
	   resp.supported_mech.len == sizeof(krb5) &&
	   !memcmp(resp.supported_mech.data, krb5, sizeof(krb5)) &&
	   !resp.response_token.len == !mutual,
	   "%s: NegTokenResp accept-completed, krb5, %s", what,
	   mutual ? "with the AP-REP" : "no responseToken");
	maj = ini_finish(&i, r->ap_rep, r->ap_rep_len, &min, &flags, &out);
	if (!ok(maj == GSS_S_COMPLETE && !out.length &&
		!(flags & GSS_C_MUTUAL_FLAG) == !mutual,
		"%s: MIT's SPNEGO initiator completes on it (major %#x minor %d, flags %#x)",
		what, maj, (int)min, flags))
		goto out;
	same_context(what, &i, r, mutual);
out:
	gss_release_buffer(&min, &out);
	krbap_result_free(r);
	ini_free(&i);
	krbap_rcache_destroy(a.rcache);
}

/*
 * MIT's first token refused by krbap: a NegTokenResp reject, with the
 * KRB-ERROR inside when the GSS rules give one, and MIT's initiator
 * failing on it, with at most a reject of its own to send.  @why is what
 * MIT's minor status must say: the krb5 error inside when MIT reads it.
 */
static void krbap_refused(const char *what, OM_uint32 req, long clock_off,
			  const char *acceptor, u32 code, bool inner,
			  const char *why)
{
	struct krbap_acceptor a = host_acceptor(100, SKEW);
	struct timespec64 now = clock_now(clock_off);
	struct krbap_spnego_resp resp;
	struct krbap_result *r = NULL;
	gss_buffer_desc out = { 0 };
	OM_uint32 maj, min, flags;
	char text[128];
	struct ini i;
	int ret;

	ini_start(&i, 18, req);
	if (code == KRBAP_KRB_AP_ERR_REPEAT) {
		host_accept(&a, i.tok.value, i.tok.length, NULL, &now, &r);
		krbap_result_free(r);
	}
	ret = host_accept(&a, i.tok.value, i.tok.length, acceptor, &now, &r);
	if (!ok(ret && r && r->krb_error == code &&
		r->framing == KRBAP_FRAMING_SPNEGO,
		"%s: refused with %u", what, code)) {
		printf("# ret %d, krb_error %u\n", ret, r ? r->krb_error : 0);
		goto out;
	}
	ok(!krbap_spnego_parse_resp(r->error_token, r->error_token_len,
				    &resp) &&
	   resp.neg_state == KRBAP_SPNEGO_REJECT &&
	   !resp.response_token.len == !inner,
	   "%s: NegTokenResp reject, %s", what,
	   inner ? "the KRB-ERROR inside" : "no responseToken");
	maj = ini_finish(&i, r->error_token, r->error_token_len, &min, &flags,
			 &out);
	minor_text(min, text, sizeof(text));
	ok(GSS_ERROR(maj) &&
	   (!out.length ||
	    (!krbap_spnego_parse_resp(out.value, out.length, &resp) &&
	     resp.neg_state == KRBAP_SPNEGO_REJECT)),
	   "%s: MIT's SPNEGO initiator fails (major %#x), %s", what, maj,
	   out.length ? "answering reject" : "answering nothing");
	if (!ok(!strcmp(text, why), "%s: MIT says \"%s\"", what, why))
		printf("# MIT says \"%s\"\n", text);
out:
	gss_release_buffer(&min, &out);
	krbap_result_free(r);
	ini_free(&i);
	krbap_rcache_destroy(a.rcache);
}

/* the text com_err gives an RFC 4120 error code */
static const char *krb5_text(u32 code)
{
	return error_message(ERROR_TABLE_BASE_krb5 + code);
}

static void test_krbap(void)
{
	static const krb5_enctype etypes[] = { 17, 18, 19, 20, 25, 26 };
	OM_uint32 base = GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG |
			 GSS_C_CONF_FLAG | GSS_C_INTEG_FLAG;
	unsigned int e;
	krb5_keytab kt;
	krb5_kt_cursor cur;
	krb5_keytab_entry ent;

	mit_setup("test_spnego_krbap", REALM, SERVICE);
	accept_host_init();
	if (krbap_keystore_add(ks, SERVICE, 1, svc_key.enctype,
			       svc_key.contents, svc_key.length, 1))
		abort();
	(void)kt; (void)cur; (void)ent;
	for (e = 0; e < ARRAY_SIZE(etypes); e++) {
		krbap_case(etypes[e], base | GSS_C_MUTUAL_FLAG);
		krbap_case(etypes[e], base);
	}
	krbap_case(18, GSS_C_MUTUAL_FLAG);
	krbap_refused("MIT -> krbap refused: replay, mutual",
		      base | GSS_C_MUTUAL_FLAG, 0, NULL,
		      KRBAP_KRB_AP_ERR_REPEAT, true,
		      krb5_text(KRBAP_KRB_AP_ERR_REPEAT));
	krbap_refused("MIT -> krbap refused: another acceptor, mutual",
		      base | GSS_C_MUTUAL_FLAG, 0,
		      "cifs/other.example.org@" REALM,
		      KRBAP_KRB_AP_ERR_NOT_US, true,
		      krb5_text(KRBAP_KRB_AP_ERR_NOT_US));
	krbap_refused("MIT -> krbap refused: clock skew, mutual",
		      base | GSS_C_MUTUAL_FLAG, 2 * SKEW, NULL,
		      KRBAP_KRB_AP_ERR_SKEW, true,
		      krb5_text(KRBAP_KRB_AP_ERR_SKEW));
	/* without mutual MIT's krb5 context is complete: no token to read */
	krbap_refused("MIT -> krbap refused: replay, no mutual", base, 0, NULL,
		      KRBAP_KRB_AP_ERR_REPEAT, false,
		      "SPNEGO failed to negotiate a mechanism");
	krbap_refused("MIT -> krbap refused: clock skew, no mutual", base,
		      2 * SKEW, NULL, KRBAP_KRB_AP_ERR_SKEW, true,
		      "Unknown error");
	accept_host_exit();
	mit_cleanup();
}

int main(void)
{
	test_init_vectors();
	test_resp_vectors();
	test_mit();
	test_krbap();
	return tap_done();
}
