// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/msg.c on the host, checked against MIT krb5's own DER codec (its
 * encode_krb5_* and decode_krb5_* are exported by libkrb5), so nothing
 * here trusts our encoder to test our decoder:
 *   - real MIT-made AP-REQs and their decrypted EncTicketPart and
 *     Authenticator (tests/unit/data/) decoded by both, field by field;
 *   - MIT-encoded structures with every optional field decoded by us;
 *   - our AP-REP, EncAPRepPart and KRB-ERROR decoded by MIT;
 *   - every prefix refused, every byte flip survived (ASan/UBSan watch).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <krb5.h>
#include <linux/kernel.h>
#include "tap.h"
#include "msg.h"

#define B8(...)	((const u8[]){ __VA_ARGS__ })

krb5_error_code decode_krb5_ap_req(const krb5_data *, krb5_ap_req **);
krb5_error_code decode_krb5_ticket(const krb5_data *, krb5_ticket **);
krb5_error_code decode_krb5_enc_tkt_part(const krb5_data *,
					 krb5_enc_tkt_part **);
krb5_error_code decode_krb5_authenticator(const krb5_data *,
					  krb5_authenticator **);
krb5_error_code decode_krb5_ap_rep(const krb5_data *, krb5_ap_rep **);
krb5_error_code decode_krb5_ap_rep_enc_part(const krb5_data *,
					    krb5_ap_rep_enc_part **);
krb5_error_code decode_krb5_error(const krb5_data *, krb5_error **);
krb5_error_code encode_krb5_enc_tkt_part(const krb5_enc_tkt_part *,
					 krb5_data **);
krb5_error_code encode_krb5_authenticator(const krb5_authenticator *,
					  krb5_data **);
krb5_error_code encode_krb5_ap_rep_enc_part(const krb5_ap_rep_enc_part *,
					    krb5_data **);
krb5_error_code encode_krb5_error(const krb5_error *, krb5_data **);
void krb5_free_ap_req(krb5_context, krb5_ap_req *);
void krb5_free_ap_rep(krb5_context, krb5_ap_rep *);
void krb5_free_enc_tkt_part(krb5_context, krb5_enc_tkt_part *);

static krb5_context kctx;

struct blob {
	u8 *p;
	size_t n;
};

static struct blob load(const char *name, const char *ext)
{
	char path[256];
	struct blob b = { NULL, 0 };
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "tests/unit/data/%s.%s", name, ext);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	rewind(f);
	b.p = malloc(n);
	b.n = fread(b.p, 1, n, f);
	fclose(f);
	return b;
}

static krb5_data kd(const void *p, size_t n)
{
	krb5_data d = { .magic = 0, .length = n, .data = (char *)p };

	return d;
}

static bool same_bytes(struct krbap_bytes a, const void *p, size_t n)
{
	return a.len == n && (!n || !memcmp(a.data, p, n));
}

static bool same_princ(const struct krbap_principal *a, krb5_const_principal m)
{
	int i;

	if (!same_bytes(a->realm, m->realm.data, m->realm.length) ||
	    a->ncomp != (unsigned int)m->length || a->name_type != m->type)
		return false;
	for (i = 0; i < m->length; i++)
		if (!same_bytes(a->comp[i], m->data[i].data, m->data[i].length))
			return false;
	return true;
}

static bool same_enc(const struct krbap_enc_data *a, const krb5_enc_data *m)
{
	return a->etype == m->enctype && (a->has_kvno ? a->kvno : 0) ==
	       m->kvno && same_bytes(a->cipher, m->ciphertext.data,
				     m->ciphertext.length);
}

static bool same_key(const struct krbap_enc_key *a, const krb5_keyblock *m)
{
	return m && a->type == m->enctype &&
	       same_bytes(a->value, m->contents, m->length);
}

static bool same_time(time64_t t, krb5_timestamp m)
{
	return t == (time64_t)(u32)m;
}

/* a SEQUENCE OF {type, bytes} against MIT's list; kind 0 addr, 1 authz */
static bool same_list(struct krbap_bytes enc, void **list, int kind)
{
	struct krbap_seq_iter it;
	struct krbap_bytes v;
	s32 type;
	int i = 0, r;

	if (krbap_seq_iter_init(&it, enc))
		return false;
	while ((r = krbap_seq_iter_next(&it, &type, &v)) == 1) {
		if (!list || !list[i])
			return false;
		if (kind == 0) {
			krb5_address *a = list[i];

			if (type != a->addrtype ||
			    !same_bytes(v, a->contents, a->length))
				return false;
		} else {
			krb5_authdata *a = list[i];

			if (type != a->ad_type ||
			    !same_bytes(v, a->contents, a->length))
				return false;
		}
		i++;
	}
	return r == 0 && (!list || !list[i]);
}

/* every prefix must fail; every byte flip must not crash */
static void torture(const char *what, const u8 *p, size_t n,
		    int (*dec)(const u8 *, size_t))
{
	unsigned int bad = 0, flips = 0, okays = 0;
	static const u8 xors[] = { 0x01, 0x80, 0xff, 0x20 };
	u8 *c = malloc(n);
	size_t i, j;

	for (i = 0; i < n; i++) {
		memcpy(c, p, i);	/* a fresh buffer of exactly i bytes */
		bad += dec(c, i) < 0;
	}
	ok(bad == n, "%s: all %zu prefixes refused (%u)", what, n, bad);
	for (i = 0; i < n; i++) {
		for (j = 0; j < ARRAY_SIZE(xors); j++) {
			memcpy(c, p, n);
			c[i] ^= xors[j];
			okays += dec(c, n) == 0;
			flips++;
		}
	}
	ok(1, "%s: %u byte flips, %u still decode, no crash", what, flips,
	   okays);
	free(c);
}

static int dec_ap_req(const u8 *p, size_t n)
{
	struct krbap_ap_req r;

	return krbap_decode_ap_req(p, n, &r);
}

static int dec_enc_ticket(const u8 *p, size_t n)
{
	struct krbap_enc_ticket t;

	return krbap_decode_enc_ticket(p, n, &t);
}

static int dec_auth(const u8 *p, size_t n)
{
	struct krbap_authenticator a;

	return krbap_decode_authenticator(p, n, &a);
}

static void check_ap_req(const char *name, struct blob b)
{
	krb5_data d = kd(b.p, b.n);
	struct krbap_ap_req r;
	struct krbap_ticket t2;
	krb5_ap_req *m;
	krb5_ticket *mt;

	ok(!krbap_decode_ap_req(b.p, b.n, &r), "%s: AP-REQ decodes", name);
	if (decode_krb5_ap_req(&d, &m)) {
		ok(0, "%s: MIT decodes it", name);
		return;
	}
	ok(r.ap_options == (u32)m->ap_options, "%s: ap-options %08x", name,
	   r.ap_options);
	ok(same_princ(&r.ticket.server, m->ticket->server),
	   "%s: ticket sname and realm as MIT", name);
	ok(same_enc(&r.ticket.enc, &m->ticket->enc_part),
	   "%s: ticket enc-part etype %d kvno %u as MIT", name,
	   r.ticket.enc.etype, r.ticket.enc.kvno);
	ok(same_enc(&r.auth, &m->authenticator) && !r.auth.has_kvno,
	   "%s: authenticator enc-part as MIT", name);
	d = kd(r.ticket.raw.data, r.ticket.raw.len);
	ok(!krbap_decode_ticket(r.ticket.raw.data, r.ticket.raw.len, &t2) &&
	   !decode_krb5_ticket(&d, &mt) && same_princ(&t2.server, mt->server),
	   "%s: ticket.raw is a whole Ticket for both", name);
	krb5_free_ticket(kctx, mt);
	krb5_free_ap_req(kctx, m);
	torture(name, b.p, b.n, dec_ap_req);
}

static void check_enc_ticket(const char *name, struct blob b)
{
	krb5_data d = kd(b.p, b.n);
	struct krbap_enc_ticket t;
	krb5_enc_tkt_part *m;

	ok(!krbap_decode_enc_ticket(b.p, b.n, &t),
	   "%s: EncTicketPart decodes", name);
	if (decode_krb5_enc_tkt_part(&d, &m)) {
		ok(0, "%s: MIT decodes it", name);
		return;
	}
	ok(t.flags == (u32)m->flags, "%s: flags %08x", name, t.flags);
	ok(same_key(&t.key, m->session), "%s: session key", name);
	ok(same_princ(&t.client, m->client), "%s: client", name);
	ok(t.tr_type == m->transited.tr_type &&
	   same_bytes(t.tr_contents, m->transited.tr_contents.data,
		      m->transited.tr_contents.length), "%s: transited", name);
	ok(same_time(t.authtime, m->times.authtime) &&
	   same_time(t.endtime, m->times.endtime), "%s: authtime, endtime",
	   name);
	ok(t.has_starttime ? same_time(t.starttime, m->times.starttime) :
	   (m->times.starttime == 0 ||
	    m->times.starttime == m->times.authtime), "%s: starttime (%s)",
	   name, t.has_starttime ? "sent" : "absent");
	ok(t.has_renew_till ? same_time(t.renew_till, m->times.renew_till) :
	   m->times.renew_till == 0, "%s: renew-till (%s)", name,
	   t.has_renew_till ? "sent" : "absent");
	ok(same_list(t.caddr, (void **)m->caddrs, 0), "%s: caddr (%zu bytes)",
	   name, t.caddr.len);
	ok(same_list(t.authz, (void **)m->authorization_data, 1),
	   "%s: authorization-data (%zu bytes)", name, t.authz.len);
	krb5_free_enc_tkt_part(kctx, m);
	torture(name, b.p, b.n, dec_enc_ticket);
}

static void check_auth(const char *name, struct blob b)
{
	krb5_data d = kd(b.p, b.n);
	struct krbap_authenticator a;
	krb5_authenticator *m;

	ok(!krbap_decode_authenticator(b.p, b.n, &a),
	   "%s: Authenticator decodes", name);
	if (decode_krb5_authenticator(&d, &m)) {
		ok(0, "%s: MIT decodes it", name);
		return;
	}
	ok(same_princ(&a.client, m->client), "%s: client", name);
	ok(a.has_cksum == !!m->checksum &&
	   (!a.has_cksum || (a.cksum.type == m->checksum->checksum_type &&
			     same_bytes(a.cksum.value, m->checksum->contents,
					m->checksum->length))),
	   "%s: checksum (%s)", name, a.has_cksum ? "sent" : "absent");
	ok(a.cusec == (u32)m->cusec && same_time(a.ctime, m->ctime),
	   "%s: ctime, cusec", name);
	ok(a.has_subkey == !!m->subkey &&
	   (!a.has_subkey || same_key(&a.subkey, m->subkey)),
	   "%s: subkey (%s)", name, a.has_subkey ? "sent" : "absent");
	ok((a.has_seq ? a.seq : 0) == m->seq_number, "%s: seq-number (%s)",
	   name, a.has_seq ? "sent" : "absent");
	ok(same_list(a.authz, (void **)m->authorization_data, 1),
	   "%s: authorization-data", name);
	krb5_free_authenticator(kctx, m);
	torture(name, b.p, b.n, dec_auth);
}

/* @b's outer [APPLICATION app] SEQUENCE rebuilt with @ext after (or before) */
static struct blob rewrap(struct blob b, unsigned int app, const u8 *ext,
			  size_t n, bool before)
{
	static u8 buf[4096];
	struct krbap_der d, a, seq;
	struct krbap_der_w w;
	const u8 *out;
	struct blob r;
	size_t len;

	krbap_der_init(&d, b.p, b.n);
	krbap_der_enter(&d, KRBAP_DER_APP(app), &a);
	krbap_der_enter(&a, KRBAP_DER_SEQUENCE, &seq);
	krbap_der_w_init(&w, buf, sizeof(buf));
	if (!before)
		krbap_der_w_raw(&w, ext, n);
	krbap_der_w_raw(&w, seq.p, seq.left);
	if (before)
		krbap_der_w_raw(&w, ext, n);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, 0);
	krbap_der_w_hdr(&w, KRBAP_DER_APP(app), 0);
	krbap_der_w_finish(&w, &out, &len);
	r.p = (u8 *)out;
	r.n = len;
	return r;
}

/* the first [n] INTEGER v of @b patched to w (one-byte INTEGERs) */
static struct blob patch_int(struct blob b, unsigned int n, u8 v, u8 w)
{
	static u8 buf[4096];
	struct blob r = { buf, b.n };
	size_t i;

	memcpy(buf, b.p, b.n);
	for (i = 0; i + 5 <= b.n; i++) {
		if (buf[i] == (0xa0 | n) && buf[i + 1] == 3 &&
		    buf[i + 2] == 2 && buf[i + 3] == 1 && buf[i + 4] == v) {
			buf[i + 4] = w;
			break;
		}
	}
	return r;
}

static void check_errors(struct blob req, struct blob tkt, struct blob auth)
{
	static const u8 ext[] = { 0xa9, 0x03, 0x02, 0x01, 0x07,
				  0xbf, 0x40, 0x00 };
	struct krbap_ap_req r;
	struct krbap_enc_ticket t;
	struct krbap_authenticator a;
	struct krbap_enc_data e;
	struct krbap_krb_error ke;
	struct blob x;

	ok(krbap_decode_ap_rep(req.p, req.n, &e) == -ENOMSG,
	   "AP-REQ given as AP-REP: -ENOMSG");
	ok(krbap_decode_krb_error(req.p, req.n, &ke) == -ENOMSG,
	   "AP-REQ given as KRB-ERROR: -ENOMSG");
	ok(krbap_decode_ap_req(tkt.p, tkt.n, &r) == -ENOMSG,
	   "EncTicketPart given as AP-REQ: -ENOMSG");
	x = patch_int(req, 0, 5, 4);
	ok(krbap_decode_ap_req(x.p, x.n, &r) == -EPROTO, "pvno 4: -EPROTO");
	x = patch_int(req, 1, 14, 15);
	ok(krbap_decode_ap_req(x.p, x.n, &r) == -ENOMSG,
	   "msg-type 15 in [APPLICATION 14]: -ENOMSG");
	x = patch_int(req, 0, 5, 5);	/* a copy */
	{
		/* the ticket's tkt-vno is the second [0] INTEGER 5 */
		u8 *q = memmem(x.p + 8, x.n - 8, "\xa0\x03\x02\x01\x05", 5);

		if (q)
			q[4] = 6;
		ok(q && krbap_decode_ap_req(x.p, x.n, &r) == -EPROTO,
		   "tkt-vno 6: -EPROTO");
	}
	x = patch_int(auth, 0, 5, 3);
	ok(krbap_decode_authenticator(x.p, x.n, &a) == -EPROTO,
	   "authenticator-vno 3: -EPROTO");
	x = rewrap(req, 14, ext, sizeof(ext), false);
	ok(!krbap_decode_ap_req(x.p, x.n, &r), "AP-REQ with [9], [64] ext");
	x = rewrap(req, 14, ext, 5, true);
	ok(krbap_decode_ap_req(x.p, x.n, &r) == -EBADMSG,
	   "AP-REQ with [9] first: -EBADMSG");
	x = rewrap(tkt, 3, ext + 5, 3, false);
	ok(!krbap_decode_enc_ticket(x.p, x.n, &t),
	   "EncTicketPart with [64] ext");
	x = rewrap(tkt, 3, ext, 5, false);
	ok(krbap_decode_enc_ticket(x.p, x.n, &t) == -EBADMSG,
	   "EncTicketPart with [9] after [10]: -EBADMSG");
	x = rewrap(auth, 2, ext, sizeof(ext), false);
	ok(!krbap_decode_authenticator(x.p, x.n, &a),
	   "Authenticator with [9], [64] ext");
	x = rewrap(auth, 2, B8(0x30, 0x00), 2, false);
	ok(krbap_decode_authenticator(x.p, x.n, &a) == -EBADMSG,
	   "Authenticator with a trailing SEQUENCE: -EBADMSG");
	x.p = malloc(req.n + 1);
	memcpy(x.p, req.p, req.n);
	x.p[req.n] = 0;
	ok(krbap_decode_ap_req(x.p, req.n + 1, &r) == -EBADMSG,
	   "AP-REQ with a trailing byte: -EBADMSG");
	free(x.p);
}

static krb5_principal mkprinc(const char *realm, int n, ...)
{
	krb5_principal p;
	va_list ap;
	int i;

	p = calloc(1, sizeof(*p));
	p->realm.data = (char *)realm;
	p->realm.length = strlen(realm);
	p->type = KRB5_NT_PRINCIPAL;
	p->length = n;
	p->data = calloc(n + 1, sizeof(krb5_data));
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		p->data[i].data = va_arg(ap, char *);
		p->data[i].length = strlen(p->data[i].data);
	}
	va_end(ap);
	return p;
}

static void free_princ(krb5_principal p)
{
	free(p->data);
	free(p);
}

/* MIT encodes every optional field; we decode */
static void check_mit_encoded(void)
{
	krb5_keyblock key = { 0, 18, 4, (krb5_octet *)"\x01\x02\x03\x04" };
	krb5_address a1 = { 0, 2, 4, (krb5_octet *)"\x0a\x00\x00\x01" };
	krb5_address *addrs[] = { &a1, NULL };
	krb5_authdata ad1 = { 0, 1, 3, (krb5_octet *)"abc" };
	krb5_authdata ad2 = { 0, -17, 0, (krb5_octet *)"" };
	krb5_authdata *ads[] = { &ad1, &ad2, NULL };
	krb5_checksum ck = { 0, 16, 2, (krb5_octet *)"\xff\x00" };
	krb5_enc_tkt_part et = { 0 };
	krb5_authenticator au = { 0 };
	struct krbap_enc_ticket t;
	struct krbap_authenticator a;
	krb5_data *enc;
	u32 seqs[] = { 0, 0x7fffffff, 0x80000000, 0xfffffffe };
	unsigned int i;

	et.flags = 0x50e10000;
	et.session = &key;
	et.client = mkprinc("EX.ORG", 3, "a/b", "c@d", "e\\f\ng");
	et.transited.tr_type = 1;
	et.transited.tr_contents = kd("EDU,MIT.,", 9);
	et.times.authtime = 1700000000;
	et.times.starttime = 1700000100;
	et.times.endtime = 1700003600;
	et.times.renew_till = (krb5_timestamp)3000000000u;	/* past 2038 */
	et.caddrs = addrs;
	et.authorization_data = ads;
	if (encode_krb5_enc_tkt_part(&et, &enc)) {
		ok(0, "MIT encodes EncTicketPart");
		return;
	}
	ok(!krbap_decode_enc_ticket((u8 *)enc->data, enc->length, &t) &&
	   t.flags == 0x50e10000 && same_key(&t.key, &key) &&
	   same_princ(&t.client, et.client) && t.tr_type == 1 &&
	   same_bytes(t.tr_contents, "EDU,MIT.,", 9) &&
	   t.authtime == 1700000000 && t.has_starttime &&
	   t.starttime == 1700000100 && t.endtime == 1700003600 &&
	   t.has_renew_till && t.renew_till == 3000000000LL &&
	   same_list(t.caddr, (void **)addrs, 0) &&
	   same_list(t.authz, (void **)ads, 1),
	   "MIT EncTicketPart with every field decodes the same");
	torture("MIT EncTicketPart", (u8 *)enc->data, enc->length,
		dec_enc_ticket);
	krb5_free_data(kctx, enc);
	free_princ(et.client);

	au.client = mkprinc("R", 1, "u");
	au.checksum = &ck;
	au.cusec = 999999;
	au.ctime = 1700000000;
	au.subkey = &key;
	au.authorization_data = ads;
	for (i = 0; i < ARRAY_SIZE(seqs); i++) {
		au.seq_number = seqs[i];
		if (encode_krb5_authenticator(&au, &enc))
			continue;
		ok(!krbap_decode_authenticator((u8 *)enc->data, enc->length,
					       &a) &&
		   a.has_cksum && a.cksum.type == 16 &&
		   same_bytes(a.cksum.value, "\xff\x00", 2) &&
		   a.cusec == 999999 && a.ctime == 1700000000 &&
		   a.has_subkey && same_key(&a.subkey, &key) &&
		   (a.has_seq ? a.seq : 0) == seqs[i] &&
		   same_list(a.authz, (void **)ads, 1),
		   "MIT Authenticator, seq-number %08x", seqs[i]);
		krb5_free_data(kctx, enc);
	}
	free_princ(au.client);
}

static void name_limit(void)
{
	krb5_enc_tkt_part et = { 0 };
	krb5_keyblock key = { 0, 18, 1, (krb5_octet *)"k" };
	struct krbap_enc_ticket t;
	krb5_data *enc;
	int n, err[2];

	et.session = &key;
	et.transited.tr_contents = kd("", 0);
	for (n = 16; n <= 17; n++) {
		et.client = mkprinc("R", n, "1", "2", "3", "4", "5", "6", "7",
				    "8", "9", "10", "11", "12", "13", "14",
				    "15", "16", "17");
		encode_krb5_enc_tkt_part(&et, &enc);
		err[n - 16] = krbap_decode_enc_ticket((u8 *)enc->data,
						      enc->length, &t);
		krb5_free_data(kctx, enc);
		free_princ(et.client);
	}
	ok(err[0] == 0 && err[1] == -EMSGSIZE,
	   "16 name components decode, 17 are -EMSGSIZE");
}

static struct krbap_principal kprinc(const char *realm, int n, ...)
{
	struct krbap_principal p = { .name_type = 1, .ncomp = n };
	va_list ap;
	int i;

	p.realm.data = (const u8 *)realm;
	p.realm.len = strlen(realm);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		p.comp[i].data = va_arg(ap, const u8 *);
		p.comp[i].len = strlen((const char *)p.comp[i].data);
	}
	va_end(ap);
	return p;
}

/* our AP-REP, EncAPRepPart, KRB-ERROR decoded by MIT and by us */
static void check_encoders(void)
{
	static u8 buf[1024];
	struct krbap_enc_data ed = { 18, true, 3, { (u8 *)"CIPHER", 6 } };
	struct krbap_ap_rep_part rp = { 1700000000, 123456, true,
					{ 17, { (u8 *)"0123456789abcdef", 16 } },
					true, 0xdeadbeef };
	struct krbap_krb_error ke = { 0 }, ke2;
	struct krbap_ap_rep_part rp2;
	struct krbap_enc_data ed2;
	krb5_ap_rep *mrep;
	krb5_ap_rep_enc_part *mpart;
	krb5_error *merr;
	struct krbap_der_w w;
	const u8 *out;
	size_t len, need, i;
	unsigned int fails = 0;
	krb5_data d;

	krbap_der_w_init(&w, buf, sizeof(buf));
	ok(!krbap_encode_ap_rep(&w, &ed) && !krbap_der_w_finish(&w, &out,
								&len),
	   "encode AP-REP");
	d = kd(out, len);
	ok(!decode_krb5_ap_rep(&d, &mrep) &&
	   same_enc(&ed, &mrep->enc_part), "MIT decodes our AP-REP");
	krb5_free_ap_rep(kctx, mrep);
	ok(!krbap_decode_ap_rep(out, len, &ed2) && ed2.etype == 18 &&
	   ed2.kvno == 3 && same_bytes(ed2.cipher, "CIPHER", 6),
	   "we decode our AP-REP");

	krbap_der_w_init(&w, buf, sizeof(buf));
	ok(!krbap_encode_ap_rep_part(&w, &rp) &&
	   !krbap_der_w_finish(&w, &out, &len), "encode EncAPRepPart");
	d = kd(out, len);
	ok(!decode_krb5_ap_rep_enc_part(&d, &mpart) &&
	   mpart->ctime == 1700000000 && mpart->cusec == 123456 &&
	   same_key(&rp.subkey, mpart->subkey) &&
	   mpart->seq_number == 0xdeadbeef,
	   "MIT decodes our EncAPRepPart");
	krb5_free_ap_rep_enc_part(kctx, mpart);
	ok(!krbap_decode_ap_rep_part(out, len, &rp2) &&
	   rp2.ctime == rp.ctime && rp2.cusec == rp.cusec &&
	   rp2.has_subkey && rp2.has_seq && rp2.seq == rp.seq,
	   "we decode our EncAPRepPart");
	rp.has_subkey = false;
	rp.has_seq = false;
	krbap_der_w_init(&w, buf, sizeof(buf));
	krbap_encode_ap_rep_part(&w, &rp);
	krbap_der_w_finish(&w, &out, &len);
	d = kd(out, len);
	ok(!decode_krb5_ap_rep_enc_part(&d, &mpart) && !mpart->subkey &&
	   !krbap_decode_ap_rep_part(out, len, &rp2) && !rp2.has_subkey &&
	   !rp2.has_seq, "EncAPRepPart without subkey and seq-number");
	krb5_free_ap_rep_enc_part(kctx, mpart);
	rp.cusec = 1000000;
	krbap_der_w_init(&w, buf, sizeof(buf));
	ok(krbap_encode_ap_rep_part(&w, &rp) == -EINVAL,
	   "cusec 1000000 is not encoded");

	ke.has_ctime = true;
	ke.ctime = 1700000001;
	ke.cusec = 5;
	ke.stime = 1700000100;
	ke.susec = 999999;
	ke.error_code = KRBAP_KRB_AP_ERR_SKEW;
	ke.has_crealm = ke.has_cname = true;
	ke.client = kprinc("C.ORG", 1, "alice");
	ke.server = kprinc("S.ORG", 2, "nfs", "srv.s.org");
	ke.has_e_text = true;
	ke.e_text = (struct krbap_bytes){ (u8 *)"clock skew", 10 };
	ke.has_e_data = true;
	ke.e_data = (struct krbap_bytes){ (u8 *)"\x30\x00", 2 };
	krbap_der_w_init(&w, buf, sizeof(buf));
	ok(!krbap_encode_krb_error(&w, &ke) &&
	   !krbap_der_w_finish(&w, &out, &len), "encode KRB-ERROR");
	d = kd(out, len);
	ok(!krb5_rd_error(kctx, &d, &merr) && merr->error == 37 &&
	   merr->stime == 1700000100 && merr->susec == 999999 &&
	   merr->ctime == 1700000001 && merr->cusec == 5 &&
	   same_princ(&ke.client, merr->client) &&
	   same_princ(&ke.server, merr->server) &&
	   merr->text.length == 10 && merr->e_data.length == 2,
	   "MIT krb5_rd_error reads our KRB-ERROR");
	krb5_free_error(kctx, merr);
	ok(!krbap_decode_krb_error(out, len, &ke2) && ke2.has_ctime &&
	   ke2.has_cusec && ke2.ctime == ke.ctime && ke2.cusec == 5 &&
	   ke2.stime == ke.stime && ke2.susec == ke.susec &&
	   ke2.error_code == 37 && krbap_principal_eq(&ke2.client, &ke.client) &&
	   krbap_principal_eq(&ke2.server, &ke.server) &&
	   same_bytes(ke2.e_text, "clock skew", 10) &&
	   same_bytes(ke2.e_data, "\x30\x00", 2),
	   "we decode our KRB-ERROR");
	need = len;
	for (i = 0; i < need; i++) {
		krbap_der_w_init(&w, buf, i);
		fails += krbap_encode_krb_error(&w, &ke) == -EMSGSIZE;
	}
	ok(fails == need, "KRB-ERROR: all %zu short buffers -EMSGSIZE", need);

	/* the minimal KRB-ERROR the accept path sends, MIT's encoding too */
	memset(&ke, 0, sizeof(ke));
	ke.stime = 1700000100;
	ke.error_code = KRBAP_KRB_AP_ERR_MODIFIED;
	ke.server = kprinc("S.ORG", 1, "host");
	krbap_der_w_init(&w, buf, sizeof(buf));
	krbap_encode_krb_error(&w, &ke);
	krbap_der_w_finish(&w, &out, &len);
	d = kd(out, len);
	ok(!krb5_rd_error(kctx, &d, &merr) && !merr->client &&
	   merr->text.length == 0 && merr->error == 41,
	   "minimal KRB-ERROR read by MIT");
	{
		krb5_data *menc;

		merr->ctime = 0;
		if (!encode_krb5_error(merr, &menc)) {
			ok(menc->length == len &&
			   !memcmp(menc->data, out, len),
			   "MIT re-encodes it to the same bytes");
			ok(!krbap_decode_krb_error((u8 *)menc->data,
						   menc->length, &ke2) &&
			   !ke2.has_ctime && !ke2.has_crealm &&
			   !ke2.has_cname && ke2.error_code == 41,
			   "we decode MIT's minimal KRB-ERROR");
			krb5_free_data(kctx, menc);
		}
	}
	krb5_free_error(kctx, merr);
}

static void check_unparse(void)
{
	static const char *const comps[][3] = {
		{ "nfs", "server.example.org", NULL },
		{ "a/b", "c@d", "e\\f" },
		{ "tab\there", "nl\nx", "bs\bx" },
		{ "plain", NULL, NULL },
	};
	static const char *const realms[] = {
		"EXAMPLE.ORG", "R@/\\", "R", "",
	};
	char mine[256], *theirs;
	struct krbap_principal p, q;
	krb5_principal m;
	unsigned int i, n;
	int len;

	for (i = 0; i < ARRAY_SIZE(comps); i++) {
		for (n = 0; n < 3 && comps[i][n]; n++)
			;
		p = kprinc(realms[i], n, comps[i][0], comps[i][1],
			   comps[i][2]);
		m = mkprinc(realms[i], n, comps[i][0], comps[i][1],
			    comps[i][2]);
		len = krbap_principal_unparse(&p, mine, sizeof(mine));
		if (krb5_unparse_name(kctx, m, &theirs)) {
			ok(0, "MIT unparses case %u", i);
			continue;
		}
		ok(len == (int)strlen(theirs) && !strcmp(mine, theirs),
		   "unparse \"%s\" as MIT", theirs);
		ok(krbap_principal_unparse(&p, mine, len) == -EMSGSIZE &&
		   krbap_principal_unparse(&p, mine, len + 1) == len,
		   "unparse needs exactly %d+1 bytes", len);
		krb5_free_unparsed_name(kctx, theirs);
		free_princ(m);
	}
	p = kprinc("R", 2, "a", "b");
	q = kprinc("R", 2, "a", "b");
	q.name_type = 3;
	ok(krbap_principal_eq(&p, &q), "name-type is not compared");
	q = kprinc("R", 1, "a");
	ok(!krbap_principal_eq(&p, &q), "component count is compared");
	q = kprinc("S", 2, "a", "b");
	ok(!krbap_principal_eq(&p, &q), "realm is compared");
	q = kprinc("R", 2, "a", "c");
	ok(!krbap_principal_eq(&p, &q), "components are compared");
	q = kprinc("R", 2, "a", "bb");
	ok(!krbap_principal_eq(&p, &q), "component lengths are compared");
}

int main(void)
{
	static const char *const names[] = {
		"nfs-plain", "cifs-all", "nfs-addr",
	};
	struct blob req[3], tkt[3], auth[3];
	unsigned int i;

	if (krb5_init_context(&kctx))
		return 1;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		req[i] = load(names[i], "apreq");
		tkt[i] = load(names[i], "tkt");
		auth[i] = load(names[i], "auth");
		check_ap_req(names[i], req[i]);
		check_enc_ticket(names[i], tkt[i]);
		check_auth(names[i], auth[i]);
	}
	check_errors(req[1], tkt[2], auth[1]);
	check_mit_encoded();
	name_limit();
	check_encoders();
	check_unparse();
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		free(req[i].p);
		free(tkt[i].p);
		free(auth[i].p);
	}
	krb5_free_context(kctx);
	return tap_done();
}
