// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/pac.c against MIT krb5's PAC code, on the host:
 *   - PACs MIT signs (krb5_pac_sign_ext, and krb5_kdc_sign_ticket() as
 *     its KDC does, in an EncTicketPart our msg.c decodes) for every
 *     enctype we have: found, parsed and verified, and MIT's
 *     krb5_pac_parse/krb5_pac_verify say the same of the same bytes;
 *   - crafted PACs (a small writer here, signed with MIT's checksums):
 *     every refusal with its errno, with MIT's verdict beside it, where
 *     we differ from MIT only as pac.h says;
 *   - every byte of a PAC flipped, as sent and re-signed, against MIT;
 *   - AuthorizationData made with MIT's encoders for krbap_pac_find(),
 *     against krb5_find_authdata().
 */
#include <stdarg.h>
#include <stdlib.h>
#include <krb5.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include "tap.h"
#include "crypto/krb5.h"
#include "msg.h"
#include "pac.h"

/* exported by libkrb5 but not declared in <krb5.h> */
krb5_error_code encode_krb5_authdata(krb5_authdata *const *, krb5_data **);
krb5_error_code decode_krb5_authdata(const krb5_data *, krb5_authdata ***);
krb5_error_code encode_krb5_enc_tkt_part(const krb5_enc_tkt_part *,
					 krb5_data **);

#define REALM		"EXAMPLE.ORG"
#define SERVICE		"nfs/server.example.org@" REALM
#define AUTHTIME	1700000000
#define NT_EPOCH	11644473600ULL
#define NT_HZ		10000000ULL
#define MAXPAC		80000
#define AES256		1	/* index of enctype 18 in etypes[] */

static const s32 etypes[] = { 17, 18, 19, 20, 25, 26, 23 };
#define NET		ARRAY_SIZE(etypes)

/* a service key: MIT's keyblock, ours, and ours prepared for usage 17 */
struct svc {
	krb5_keyblock kb;
	struct krbap_key key;
	struct krbap_ukey uk;
	const char *name;
};

static krb5_context kctx;
static krb5_keyblock kdc_key;		/* the krbtgt key: aes256 */
static struct svc svcs[NET];
static krb5_principal alice;
static struct krbap_principal alice_o;

static void put16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static void put64(u8 *p, u64 v)
{
	put32(p, v);
	put32(p + 4, v >> 32);
}

static u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

static u64 filetime(krb5_timestamp t)
{
	return ((u64)(u32)t + NT_EPOCH) * NT_HZ;
}

/* UTF-8 to UTF-16LE, this test's own; returns the bytes written */
static size_t utf16(const char *s, u8 *out)
{
	const unsigned char *p = (const void *)s;
	size_t n = 0;
	u32 cp;
	int k;

	while (*p) {
		if (*p < 0x80) {
			cp = *p;
			k = 0;
		} else if (*p < 0xe0) {
			cp = *p & 0x1f;
			k = 1;
		} else if (*p < 0xf0) {
			cp = *p & 0x0f;
			k = 2;
		} else {
			cp = *p & 0x07;
			k = 3;
		}
		p++;
		while (k--)
			cp = cp << 6 | (*p++ & 0x3f);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			put16(out + n, 0xd800 | cp >> 10);
			put16(out + n + 2, 0xdc00 | (cp & 0x3ff));
			n += 4;
		} else {
			put16(out + n, cp);
			n += 2;
		}
	}
	return n;
}

static krb5_principal princ(const char *name, int flags)
{
	krb5_principal p;

	if (krb5_parse_name_flags(kctx, name, flags, &p))
		abort();
	return p;
}

/* our view of an MIT principal, pointing into it */
static void ours_princ(krb5_const_principal p, struct krbap_principal *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->realm.data = (const u8 *)p->realm.data;
	o->realm.len = p->realm.length;
	o->name_type = p->type;
	o->ncomp = p->length;
	for (i = 0; i < p->length && i < KRBAP_MAX_NAME_COMPONENTS; i++) {
		o->comp[i].data = (const u8 *)p->data[i].data;
		o->comp[i].len = p->data[i].length;
	}
}

/* ---- verdicts: ours and MIT's on the same bytes ---- */

static int ours_k(const u8 *p, size_t n, const struct krbap_ukey *uk,
		  const struct krbap_principal *cl, time64_t at)
{
	struct krbap_pac pac;
	int err = krbap_pac_parse(p, n, &pac);

	return err ?: krbap_pac_verify_ukey(&pac, uk, cl, at);
}

static int ours(const u8 *p, size_t n, int k)
{
	return ours_k(p, n, &svcs[k].uk, &alice_o, AUTHTIME);
}

static krb5_error_code mit_k(const u8 *p, size_t n, const krb5_keyblock *kb,
			     krb5_const_principal cl, krb5_timestamp at)
{
	krb5_error_code r;
	krb5_pac pac;

	r = krb5_pac_parse(kctx, p, n, &pac);
	if (r)
		return r;
	r = krb5_pac_verify(kctx, pac, at, cl, kb, NULL);
	krb5_pac_free(kctx, pac);
	return r;
}

static krb5_error_code mit(const u8 *p, size_t n, int k)
{
	return mit_k(p, n, &svcs[k].kb, alice, AUTHTIME);
}

/* ---- a PAC writer and signer of our own ---- */

struct tb {
	u32 type;
	size_t len;
	const void *data;	/* NULL: zeros */
};

struct layout {
	unsigned int n;
	struct tb b[200];
};

/*
 * PACTYPE, the PAC_INFO_BUFFERs, then each buffer at the next multiple
 * of 8 and the end padded to 8, as MIT and Windows lay a PAC out.
 */
static size_t pac_write(u8 *out, const struct layout *l)
{
	size_t off = 8 + 16 * (size_t)l->n;
	unsigned int i;

	memset(out, 0, MAXPAC);
	put32(out, l->n);
	for (i = 0; i < l->n; i++) {
		off = (off + 7) & ~(size_t)7;
		put32(out + 8 + 16 * i, l->b[i].type);
		put32(out + 12 + 16 * i, l->b[i].len);
		put64(out + 16 + 16 * i, off);
		if (l->b[i].data)
			memcpy(out + off, l->b[i].data, l->b[i].len);
		off += l->b[i].len;
	}
	return (off + 7) & ~(size_t)7;
}

/* this test's own reading: the first buffer of @type, -1 if none */
static long find_buf(const u8 *pac, size_t len, u32 type, size_t *size)
{
	u64 off;
	u32 n, i, sz;

	if (len < 8)
		return -1;
	n = get32(pac);
	if (n > 4096 || 8 + 16 * (size_t)n > len)
		return -1;
	for (i = 0; i < n; i++) {
		if (get32(pac + 8 + 16 * i) != type)
			continue;
		sz = get32(pac + 12 + 16 * i);
		off = get64(pac + 16 + 16 * i);
		if (off > len || sz > len - off)
			return -1;
		*size = sz;
		return off;
	}
	return -1;
}

static int mit_cksum(krb5_cksumtype t, const krb5_keyblock *kb, const u8 *p,
		     size_t n, u8 *out, size_t room)
{
	krb5_data d = { .data = (char *)p, .length = n };
	krb5_checksum ck;

	if (krb5_c_make_checksum(kctx, t, kb, KRBAP_PAC_KEY_USAGE, &d, &ck))
		return -1;
	if (ck.length > room) {
		krb5_free_checksum_contents(kctx, &ck);
		return -1;
	}
	memcpy(out, ck.contents, ck.length);
	krb5_free_checksum_contents(kctx, &ck);
	return 0;
}

/*
 * Sign as a KDC does: the server checksum (@srv_type, key @kb) over the
 * PAC with both signatures zeroed after their SignatureType, then the
 * KDC checksum (hmac-sha1-96-aes256, the krbtgt key) over the server
 * checksum.  A missing KDC signature is left out; bytes after each
 * checksum (an RODCIdentifier) are kept.
 */
static int pac_sign(u8 *pac, size_t len, krb5_cksumtype srv_type,
		    const krb5_keyblock *kb)
{
	size_t ss = 0, ks = 0, cl, stail, ktail = 0;
	u8 ssave[64], ksave[64];
	long so, ko;

	so = find_buf(pac, len, KRBAP_PAC_SERVER_CHECKSUM, &ss);
	ko = find_buf(pac, len, KRBAP_PAC_PRIVSVR_CHECKSUM, &ks);
	if (so < 0 || ss < 4 || krb5_c_checksum_length(kctx, srv_type, &cl) ||
	    ss < 4 + cl || (ko >= 0 && ks < 4 + 12))
		return -1;
	stail = ss - 4 - cl;
	if (ko >= 0)
		ktail = ks - 4 - 12;
	if (stail > sizeof(ssave) || ktail > sizeof(ksave))
		return -1;
	memcpy(ssave, pac + so + 4 + cl, stail);
	if (ko >= 0)
		memcpy(ksave, pac + ko + 16, ktail);
	put32(pac + so, srv_type);
	memset(pac + so + 4, 0, ss - 4);
	if (ko >= 0) {
		put32(pac + ko, KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES256);
		memset(pac + ko + 4, 0, ks - 4);
	}
	if (mit_cksum(srv_type, kb, pac, len, pac + so + 4, cl))
		return -1;
	memcpy(pac + so + 4 + cl, ssave, stail);
	if (ko < 0)
		return 0;
	if (mit_cksum(KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES256, &kdc_key,
		      pac + so + 4, cl, pac + ko + 4, 12))
		return -1;
	memcpy(pac + ko + 16, ksave, ktail);
	return 0;
}

static krb5_cksumtype cksumtype_of(int k)
{
	return svcs[k].key.et->cksumtype;
}

static u8 logon[37];			/* opaque, an odd length */
static u8 claims[5];
static u8 ci_buf[600], upn_buf[600];

/* PAC_CLIENT_INFO for @id and a UTF-16LE @name */
static size_t client_info(u8 *out, u64 id, const u8 *name, size_t n)
{
	put64(out, id);
	put16(out + 8, n);
	memcpy(out + 10, name, n);
	return 10 + n;
}

static size_t client_info_s(u8 *out, u64 id, const char *name)
{
	u8 n16[512];

	return client_info(out, id, n16, utf16(name, n16));
}

/* UPN_DNS_INFO: header, then the strings (and SID) back to back */
static size_t upn_dns(u8 *out, const char *upn, const char *dns,
		      const char *sam, const u8 *sid, size_t sidlen, u32 flags)
{
	size_t off = (flags & KRBAP_PAC_UPN_EXTENDED) ? 20 : 12, n;

	memset(out, 0, 24);
	put32(out + 8, flags);
	n = utf16(upn, out + off);
	put16(out, n);
	put16(out + 2, off);
	off += n;
	n = utf16(dns, out + off);
	put16(out + 4, n);
	put16(out + 6, off);
	off += n;
	if (!(flags & KRBAP_PAC_UPN_EXTENDED))
		return off;
	n = utf16(sam, out + off);
	put16(out + 12, n);
	put16(out + 14, off);
	off += n;
	memcpy(out + off, sid, sidlen);
	put16(out + 16, sidlen);
	put16(out + 18, off);
	return off + sidlen;
}

static const u8 sid[] = { 1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 2, 3, 4,
			  5, 6, 7, 8, 9, 10, 11, 12, 0x51, 4, 0, 0 };

/* LOGON_INFO, CLIENT_INFO (alice), UPN_DNS_INFO, claims, the signatures */
static void std_layout(struct layout *l, int k)
{
	size_t cl;

	krb5_c_checksum_length(kctx, cksumtype_of(k), &cl);
	memset(l, 0, sizeof(*l));
	l->b[l->n++] = (struct tb){ KRBAP_PAC_LOGON_INFO, sizeof(logon), logon };
	l->b[l->n++] = (struct tb){ KRBAP_PAC_CLIENT_INFO,
		client_info_s(ci_buf, filetime(AUTHTIME), "alice"), ci_buf };
	l->b[l->n++] = (struct tb){ KRBAP_PAC_UPN_DNS_INFO,
		upn_dns(upn_buf, "alice@example.org", "EXAMPLE.ORG", "alice",
			sid, sizeof(sid), KRBAP_PAC_UPN_EXTENDED), upn_buf };
	l->b[l->n++] = (struct tb){ KRBAP_PAC_CLIENT_CLAIMS, sizeof(claims),
				    claims };
	l->b[l->n++] = (struct tb){ KRBAP_PAC_SERVER_CHECKSUM, 4 + cl, NULL };
	l->b[l->n++] = (struct tb){ KRBAP_PAC_PRIVSVR_CHECKSUM, 16, NULL };
}

/* index of the first buffer of @type in @l */
static int idx(const struct layout *l, u32 type)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (l->b[i].type == type)
			return i;
	abort();
}

static size_t build_signed(u8 *out, const struct layout *l, int k)
{
	size_t len = pac_write(out, l);

	if (pac_sign(out, len, cksumtype_of(k), &svcs[k].kb))
		abort();
	return len;
}

static void set_off(u8 *pac, unsigned int i, u64 off)
{
	put64(pac + 16 + 16 * i, off);
}

static u64 get_off(const u8 *pac, unsigned int i)
{
	return get64(pac + 16 + 16 * i);
}

/* ---- MIT-signed PACs ---- */

static krb5_data mit_signed(int k, krb5_const_principal client,
			    krb5_boolean with_realm, krb5_timestamp at)
{
	krb5_data d = { 0 }, b;
	krb5_pac pac;
	size_t n;

	if (krb5_pac_init(kctx, &pac))
		abort();
	b.data = (char *)logon;
	b.length = sizeof(logon);
	if (krb5_pac_add_buffer(kctx, pac, KRBAP_PAC_LOGON_INFO, &b))
		abort();
	n = upn_dns(upn_buf, "alice@example.org", "EXAMPLE.ORG", NULL, NULL,
		    0, 0);
	b.data = (char *)upn_buf;
	b.length = n;
	if (krb5_pac_add_buffer(kctx, pac, KRBAP_PAC_UPN_DNS_INFO, &b))
		abort();
	if (krb5_pac_sign_ext(kctx, pac, at, client, &svcs[k].kb, &kdc_key,
			      with_realm, &d))
		abort();
	krb5_pac_free(kctx, pac);
	return d;
}

static bool same_buffer(const struct krbap_pac *pac, krb5_pac mp, u32 type)
{
	struct krbap_bytes b;
	krb5_data d;
	bool same;

	if (krbap_pac_buffer(pac, type, &b))
		return false;
	if (krb5_pac_get_buffer(kctx, mp, type, &d))
		return false;
	same = b.len == d.length && !memcmp(b.data, d.data, b.len);
	krb5_free_data_contents(kctx, &d);
	return same;
}

/* UTF-16LE (valid) to UTF-8, to set beside MIT's reading */
static void utf8(struct krbap_bytes s, char *out)
{
	size_t i;
	u32 cp, lo;

	for (i = 0; i < s.len; i += 2) {
		cp = s.data[i] | s.data[i + 1] << 8;
		if (cp >= 0xd800 && cp < 0xdc00) {
			i += 2;
			lo = s.data[i] | s.data[i + 1] << 8;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (cp < 0x80) {
			*out++ = cp;
		} else if (cp < 0x800) {
			*out++ = 0xc0 | cp >> 6;
			*out++ = 0x80 | (cp & 0x3f);
		} else if (cp < 0x10000) {
			*out++ = 0xe0 | cp >> 12;
			*out++ = 0x80 | (cp >> 6 & 0x3f);
			*out++ = 0x80 | (cp & 0x3f);
		} else {
			*out++ = 0xf0 | cp >> 18;
			*out++ = 0x80 | (cp >> 12 & 0x3f);
			*out++ = 0x80 | (cp >> 6 & 0x3f);
			*out++ = 0x80 | (cp & 0x3f);
		}
	}
	*out = 0;
}

/* what we read of an MIT-signed PAC is what MIT reads */
static void check_fields(const char *what, const u8 *p, size_t n)
{
	struct krbap_pac pac;
	krb5_timestamp at;
	krb5_pac mp;
	size_t nt;
	krb5_ui_4 *types;
	char *mname, ours8[1024];
	bool same;

	if (!ok(!krbap_pac_parse(p, n, &pac), "%s: parsed", what))
		return;
	if (krb5_pac_parse(kctx, p, n, &mp) ||
	    krb5_pac_get_types(kctx, mp, &nt, &types))
		abort();
	free(types);
	ok(pac.n_buffers == nt && pac.raw.data == p && pac.raw.len == n,
	   "%s: %u buffers, as MIT counts", what, pac.n_buffers);
	same = pac.has_logon_info && pac.has_server_cksum &&
	       pac.has_kdc_cksum && pac.has_client_info &&
	       pac.has_upn_dns_info;
	for (u32 t = 1; t <= KRBAP_PAC_FULL_CHECKSUM; t++) {
		struct krbap_bytes b;

		if (!krbap_pac_buffer(&pac, t, &b))
			same = same && same_buffer(&pac, mp, t);
	}
	same = same && pac.logon_info.len == sizeof(logon) &&
	       !memcmp(pac.logon_info.data, logon, sizeof(logon));
	ok(same, "%s: every buffer where MIT finds it", what);
	if (!krb5_pac_get_client_info(kctx, mp, &at, &mname)) {
		utf8(pac.client_info.name, ours8);
		ok(!strcmp(ours8, mname) && pac.client_info.client_id ==
		   filetime(at), "%s: client info \"%s\" at %d, as MIT reads it",
		   what, mname, at);
		free(mname);
	} else {
		ok(0, "%s: MIT reads the client info", what);
	}
	krb5_pac_free(kctx, mp);
}

static void test_mit_signed(void)
{
	krb5_keyblock other;
	struct krbap_key okey;
	struct krbap_pac pac;
	krb5_principal bob = princ("bob@" REALM, 0);
	struct krbap_principal bob_o;
	char what[64];
	int k, e;

	ours_princ(bob, &bob_o);
	for (k = 0; k < (int)NET; k++) {
		krb5_data d = mit_signed(k, alice, FALSE, AUTHTIME);
		const u8 *p = (const u8 *)d.data;
		int j = (k + 1) % NET;

		snprintf(what, sizeof(what), "MIT-signed, %s", svcs[k].name);
		check_fields(what, p, d.length);
		krbap_pac_parse(p, d.length, &pac);
		ok(pac.server_cksum.type == cksumtype_of(k),
		   "%s: server signature type %d", what, pac.server_cksum.type);
		ok(!krbap_pac_verify(&pac, &svcs[k].key, &alice_o, AUTHTIME),
		   "%s: verified", what);
		ok(!mit(p, d.length, k), "%s: MIT verifies it too", what);

		krb5_c_make_random_key(kctx, etypes[k], &other);
		krbap_key_init(&okey, etypes[k], other.contents, other.length);
		e = krbap_pac_verify(&pac, &okey, &alice_o, AUTHTIME);
		ok(e == -EKEYREJECTED &&
		   mit_k(p, d.length, &other, alice, AUTHTIME),
		   "%s: another key: %d, MIT refuses too", what, e);
		krbap_key_destroy(&okey);
		krb5_free_keyblock_contents(kctx, &other);

		e = krbap_pac_verify(&pac, &svcs[j].key, &alice_o, AUTHTIME);
		ok(e == -EOPNOTSUPP &&
		   mit_k(p, d.length, &svcs[j].kb, alice, AUTHTIME),
		   "%s: a %s key: %d, MIT refuses too", what, svcs[j].name, e);

		e = krbap_pac_verify(&pac, &svcs[k].key, &bob_o, AUTHTIME);
		ok(e == -EACCES && mit_k(p, d.length, &svcs[k].kb, bob,
					 AUTHTIME) == KRB5KRB_AP_WRONG_PRINC,
		   "%s: client bob: %d, MIT: wrong principal", what, e);
		for (int dt = -1; dt <= 1; dt += 2) {
			e = krbap_pac_verify(&pac, &svcs[k].key, &alice_o,
					     AUTHTIME + dt);
			ok(e == -EACCES && mit_k(p, d.length, &svcs[k].kb,
						 alice, AUTHTIME + dt) ==
			   KRB5KRB_AP_WRONG_PRINC,
			   "%s: authtime %+d: %d, MIT: wrong principal", what,
			   dt, e);
		}
		krb5_free_data_contents(kctx, &d);
	}
	krb5_free_principal(kctx, bob);
}

/* every prefix, and one byte more, refused by both */
static void test_truncations(void)
{
	krb5_data d = mit_signed(AES256, alice, FALSE, AUTHTIME);
	u8 *p = malloc(d.length + 1);
	unsigned int n, bad = 0, ours_ok = 0, mit_ok = 0;

	memcpy(p, d.data, d.length);
	p[d.length] = 0;
	for (n = 0; n < d.length; n++) {
		u8 *cut = malloc(n ? n : 1);	/* ASan sees reads past it */

		memcpy(cut, p, n);
		ours_ok += !ours(cut, n, AES256);
		mit_ok += !mit(cut, n, AES256);
		free(cut);
	}
	bad = ours_ok + mit_ok;
	ok(!bad, "all %u prefixes of a %u-byte PAC refused (we accept %u, MIT %u)",
	   d.length, d.length, ours_ok, mit_ok);
	ok(ours(p, d.length + 1, AES256) == -EKEYREJECTED &&
	   mit(p, d.length + 1, AES256),
	   "a byte appended: the signature fails, for MIT too");
	free(p);
	krb5_free_data_contents(kctx, &d);
}

/* client names as MIT writes and compares them */
static void test_names(void)
{
	static const struct {
		const char *name;
		int flags;
		bool with_realm;
	} names[] = {
		{ "alice@" REALM, 0, false },
		{ "host/server.example.org@" REALM, 0, false },
		{ "alice@upn.example.com@" REALM,
		  KRB5_PRINCIPAL_PARSE_ENTERPRISE, false },
		{ "j\xc3\xbcrgen@" REALM, 0, false },
		{ "\xe2\x82\xac" "uro@" REALM, 0, false },
		{ "\xf0\x9d\x94\x98ser@" REALM, 0, false },
		{ "us\\@er@" REALM, 0, false },
		{ "a\\/b@" REALM, 0, false },
		{ "back\\\\slash@" REALM, 0, false },
		{ "alice@" REALM, 0, true },
	};
	struct krbap_principal o;
	unsigned int i;
	int e;
	krb5_error_code m;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		krb5_principal p = princ(names[i].name, names[i].flags);
		krb5_data d = mit_signed(AES256, p, names[i].with_realm,
					 AUTHTIME);

		ours_princ(p, &o);
		e = ours_k((u8 *)d.data, d.length, &svcs[AES256].uk, &o,
			   AUTHTIME);
		m = mit_k((u8 *)d.data, d.length, &svcs[AES256].kb, p,
			  AUTHTIME);
		ok((e == 0) == (m == 0) && (!e || e == -EACCES),
		   "client %s%s: ours %d, MIT %d", names[i].name,
		   names[i].with_realm ? " (signed with realm)" : "", e, m);
		krb5_free_data_contents(kctx, &d);
		krb5_free_principal(kctx, p);
	}
}

/* CLIENT_INFO as we write it */
static void test_client_info(void)
{
	static const struct {
		const char *what;
		s64 dt;			/* ClientId minus alice's authtime */
		const u8 *name;
		size_t len;		/* NameLength */
		int extra;		/* bytes after the name */
		int want;		/* ours */
		int mit_ok;		/* 1 accepts, 0 refuses */
	} cases[] = {
#define A16 "a\0l\0i\0c\0e\0"
		{ "as MIT writes it", 0, (u8 *)A16, 10, 0, 0, 1 },
		{ "ClientId + 999.9999 ms", 9999999, (u8 *)A16, 10, 0, 0, 1 },
		{ "ClientId + 1 s", 10000000, (u8 *)A16, 10, 0, -EACCES, 0 },
		{ "ClientId - 100 ns", -1, (u8 *)A16, 10, 0, -EACCES, 0 },
		{ "ClientId 0", S64_MIN, (u8 *)A16, 10, 0, -EACCES, 0 },
		{ "ClientId ~0", S64_MAX, (u8 *)A16, 10, 0, -EACCES, 0 },
		{ "bytes after the name", 0, (u8 *)A16 "xx", 10, 2, 0, 1 },
		{ "Alice", 0, (u8 *)"A\0l\0i\0c\0e\0", 10, 0, -EACCES, 0 },
		{ "alic", 0, (u8 *)A16, 8, 0, -EACCES, 0 },
		{ "alicee", 0, (u8 *)A16 "e\0", 12, 0, -EACCES, 0 },
		{ "empty name", 0, (u8 *)"", 0, 0, -EACCES, 0 },
		{ "name with realm", 0,
		  (u8 *)A16 "@\0E\0X\0A\0M\0P\0L\0E\0.\0O\0R\0G\0", 34, 0,
		  -EACCES, 0 },
		{ "odd NameLength", 0, (u8 *)A16 "x", 11, 0, -EBADMSG, 0 },
		{ "NameLength past the buffer", 0, (u8 *)A16, 12, -2,
		  -EBADMSG, 0 },
		{ "lone high surrogate at the end", 0, (u8 *)A16 "\x00\xd8",
		  12, 0, -EBADMSG, 0 },
		{ "lone low surrogate", 0, (u8 *)"a\0\x00\xdcl\0", 6, 0,
		  -EBADMSG, 0 },
		{ "high surrogate then a letter", 0, (u8 *)"\x00\xd8" "a\0",
		  4, 0, -EBADMSG, 0 },
		{ "two high surrogates", 0, (u8 *)"\x00\xd8\x00\xd8", 4, 0,
		  -EBADMSG, 0 },
		/* MIT stops comparing at U+0000: it takes alice\0junk */
		{ "U+0000 after the name (MIT takes it)", 0,
		  (u8 *)A16 "\0\0j\0", 14, 0, -EBADMSG, 1 },
		{ "U+0000 inside the name", 0, (u8 *)"a\0\0\0l\0", 6, 0,
		  -EBADMSG, 0 },
#undef A16
	};
	struct krbap_pac pp;
	struct layout l;
	u8 *pac = malloc(MAXPAC);
	unsigned int i;
	size_t n;
	int e, c, pe;
	krb5_error_code m;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 id = filetime(AUTHTIME) + cases[i].dt;

		if (cases[i].dt == S64_MIN)
			id = 0;
		if (cases[i].dt == S64_MAX)
			id = ~0ULL;
		std_layout(&l, AES256);
		c = idx(&l, KRBAP_PAC_CLIENT_INFO);
		put64(ci_buf, id);
		put16(ci_buf + 8, cases[i].len);
		memcpy(ci_buf + 10, cases[i].name,
		       cases[i].len + cases[i].extra);
		l.b[c].len = 10 + cases[i].len + cases[i].extra;
		n = build_signed(pac, &l, AES256);
		e = ours(pac, n, AES256);
		m = mit(pac, n, AES256);
		pe = krbap_pac_parse(pac, n, &pp);
		ok(e == cases[i].want && (m == 0) == cases[i].mit_ok &&
		   pe == (e == -EBADMSG ? e : 0),
		   "CLIENT_INFO %s: ours %d (at parse %d), MIT %d",
		   cases[i].what, e, pe, m);
	}

	std_layout(&l, AES256);
	l.b[idx(&l, KRBAP_PAC_CLIENT_INFO)].len = 9;
	n = build_signed(pac, &l, AES256);
	e = ours(pac, n, AES256);
	ok(e == -EBADMSG && mit(pac, n, AES256),
	   "CLIENT_INFO of 9 bytes: %d, MIT refuses", e);
	free(pac);
}

/* signatures, as we sign them */
static void test_signatures(void)
{
	struct layout l;
	struct krbap_pac pac;
	u8 *p = malloc(MAXPAC);
	int s, k, e;
	size_t n, cl;
	krb5_error_code m;

	std_layout(&l, AES256);
	n = build_signed(p, &l, AES256);
	ok(!ours(p, n, AES256) && !mit(p, n, AES256),
	   "our writer's PAC: accepted by both");

	/* RODCIdentifier after the server signature, and other tails */
	for (size_t tail = 1; tail <= 5; tail++) {
		std_layout(&l, AES256);
		l.b[idx(&l, KRBAP_PAC_SERVER_CHECKSUM)].len += tail;
		l.b[idx(&l, KRBAP_PAC_PRIVSVR_CHECKSUM)].len += tail;
		n = pac_write(p, &l);
		memset(p + get_off(p, idx(&l, KRBAP_PAC_PRIVSVR_CHECKSUM)) + 16,
		       0x5a, tail);
		pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
		e = ours(p, n, AES256);
		m = mit(p, n, AES256);
		ok(!e && !m, "%zu bytes after both signatures: ours %d, MIT %d",
		   tail, e, m);
	}

	std_layout(&l, AES256);
	s = idx(&l, KRBAP_PAC_SERVER_CHECKSUM);
	l.b[s].len = 4 + 11;
	n = pac_write(p, &l);
	put32(p + get_off(p, s), cksumtype_of(AES256));
	e = ours(p, n, AES256);
	ok(e == -EBADMSG && mit(p, n, AES256),
	   "server signature one byte short: %d, MIT refuses", e);
	l.b[s].len = 3;
	n = pac_write(p, &l);
	e = ours(p, n, AES256);
	ok(e == -EBADMSG && mit(p, n, AES256),
	   "server signature buffer of 3 bytes: %d, MIT refuses", e);
	l.b[idx(&l, KRBAP_PAC_PRIVSVR_CHECKSUM)].len = 3;
	l.b[s].len = 16;
	n = pac_write(p, &l);
	e = ours(p, n, AES256);
	ok(e == -EBADMSG && mit(p, n, AES256),
	   "KDC signature buffer of 3 bytes: %d, MIT refuses", e);

	/* the buffers verification needs */
	static const u32 needed[] = { KRBAP_PAC_SERVER_CHECKSUM,
				      KRBAP_PAC_PRIVSVR_CHECKSUM,
				      KRBAP_PAC_CLIENT_INFO };
	for (unsigned int i = 0; i < ARRAY_SIZE(needed); i++) {
		std_layout(&l, AES256);
		l.b[idx(&l, needed[i])].type = 99;
		n = pac_write(p, &l);
		pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
		e = ours(p, n, AES256);
		m = mit(p, n, AES256);
		ok(e == -EBADMSG && m, "no buffer of type %u: %d, MIT %d",
		   needed[i], e, m);
	}

	/*
	 * A full-PAC checksum (type 19) as MIT 1.21 signs it: first, with
	 * the krbtgt key, over the PAC with all three signatures zeroed;
	 * then the server signature over the PAC with it in place.
	 */
	for (int tamper = 0; tamper <= 1; tamper++) {
		size_t fs;
		long fo;

		std_layout(&l, AES256);
		l.b[l.n++] = (struct tb){ KRBAP_PAC_FULL_CHECKSUM, 16, NULL };
		n = pac_write(p, &l);
		fo = find_buf(p, n, KRBAP_PAC_FULL_CHECKSUM, &fs);
		put32(p + fo, KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES256);
		if (mit_cksum(KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES256, &kdc_key, p,
			      n, p + fo + 4, 12))
			abort();
		p[fo + 4] ^= tamper;
		pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
		p[fo + 4] ^= tamper;
		e = ours(p, n, AES256);
		m = mit(p, n, AES256);
		ok(tamper ? e == -EKEYREJECTED && m : !e && !m,
		   "full-PAC checksum%s: ours %d, MIT %d", tamper ?
		   " changed after the server signed" : ", covered by the server signature",
		   e, m);
	}

	/* HMAC-MD5 with an aes256 key: MIT takes it, we do not */
	std_layout(&l, AES256);
	l.b[idx(&l, KRBAP_PAC_SERVER_CHECKSUM)].len = 4 + 16;
	n = pac_write(p, &l);
	pac_sign(p, n, KRBAP_CKSUMTYPE_HMAC_MD5_ARCFOUR, &svcs[AES256].kb);
	e = ours(p, n, AES256);
	m = mit(p, n, AES256);
	ok(e == -EOPNOTSUPP && !m,
	   "HMAC-MD5 server signature with an aes256 key: ours %d, MIT %d (takes it)",
	   e, m);

	/* another keyed type of the same length, with its own key */
	std_layout(&l, AES256);
	n = pac_write(p, &l);
	pac_sign(p, n, KRBAP_CKSUMTYPE_HMAC_SHA1_96_AES128, &svcs[0].kb);
	e = ours(p, n, AES256);
	ok(e == -EOPNOTSUPP && mit(p, n, AES256),
	   "aes128 signature checked with the aes256 key: %d, MIT refuses", e);
	ok(!ours(p, n, 0) && !mit(p, n, 0),
	   "the same PAC with the aes128 key: accepted by both");

	/* an unkeyed type: MIT refuses SHA-1 (14) by name */
	std_layout(&l, AES256);
	n = build_signed(p, &l, AES256);
	put32(p + get_off(p, idx(&l, KRBAP_PAC_SERVER_CHECKSUM)), 14);
	e = ours(p, n, AES256);
	ok(e == -EOPNOTSUPP && mit(p, n, AES256),
	   "SHA-1 server signature type: %d, MIT refuses", e);

	/* every enctype signs with its own checksum through our writer */
	for (k = 0; k < (int)NET; k++) {
		std_layout(&l, k);
		n = build_signed(p, &l, k);
		krb5_c_checksum_length(kctx, cksumtype_of(k), &cl);
		krbap_pac_parse(p, n, &pac);
		ok(!ours(p, n, k) && !mit(p, n, k) &&
		   pac.server_cksum.value.len == cl,
		   "%s: our writer's PAC accepted by both", svcs[k].name);
	}

	/* keys that are not prepared as verify_ukey wants */
	{
		struct krbap_ukey uk;

		std_layout(&l, AES256);
		n = build_signed(p, &l, AES256);
		krbap_pac_parse(p, n, &pac);
		krbap_ukey_init(&uk, &svcs[AES256].key, 2, KRBAP_KU_CHECKSUM);
		e = krbap_pac_verify_ukey(&pac, &uk, &alice_o, AUTHTIME);
		ok(e == -EINVAL, "a ukey for usage 2: %d", e);
		krbap_ukey_destroy(&uk);
		krbap_ukey_init(&uk, &svcs[AES256].key, KRBAP_PAC_KEY_USAGE,
				KRBAP_KU_ENCRYPT);
		e = krbap_pac_verify_ukey(&pac, &uk, &alice_o, AUTHTIME);
		ok(e == -EINVAL, "a ukey without KRBAP_KU_CHECKSUM: %d", e);
		krbap_ukey_destroy(&uk);
		memset(&uk, 0, sizeof(uk));
		e = krbap_pac_verify_ukey(&pac, &uk, &alice_o, AUTHTIME);
		ok(e == -EINVAL, "an empty ukey: %d", e);
		{
			struct krbap_key none = { 0 };

			e = krbap_pac_verify(&pac, &none, &alice_o, AUTHTIME);
			ok(e == -EINVAL, "a key without an enctype: %d", e);
		}
	}
	free(p);
}

static void test_upn_dns_info(void)
{
	static const char dns[] = "EXAMPLE.ORG", up[] = "alice@example.org";
	struct krbap_pac pac;
	struct layout l;
	u8 *p = malloc(MAXPAC), want[128];
	size_t n, wn;
	int u, e;
	krb5_error_code m;

	std_layout(&l, AES256);
	n = build_signed(p, &l, AES256);
	ok(!krbap_pac_parse(p, n, &pac) &&
	   pac.upn_dns_info.flags == KRBAP_PAC_UPN_EXTENDED,
	   "UPN_DNS_INFO, extended: parsed");
	wn = utf16(up, want);
	ok(pac.upn_dns_info.upn.len == wn &&
	   !memcmp(pac.upn_dns_info.upn.data, want, wn), "  its UPN");
	wn = utf16(dns, want);
	ok(pac.upn_dns_info.dns_domain.len == wn &&
	   !memcmp(pac.upn_dns_info.dns_domain.data, want, wn),
	   "  its DNS domain");
	wn = utf16("alice", want);
	ok(pac.upn_dns_info.sam_name.len == wn &&
	   !memcmp(pac.upn_dns_info.sam_name.data, want, wn),
	   "  its sAMAccountName");
	ok(pac.upn_dns_info.sid.len == sizeof(sid) &&
	   !memcmp(pac.upn_dns_info.sid.data, sid, sizeof(sid)), "  its SID");

	std_layout(&l, AES256);
	u = idx(&l, KRBAP_PAC_UPN_DNS_INFO);
	l.b[u].len = upn_dns(upn_buf, up, dns, NULL, NULL, 0,
			     KRBAP_PAC_UPN_DEFAULTED);
	n = build_signed(p, &l, AES256);
	ok(!krbap_pac_parse(p, n, &pac) &&
	   pac.upn_dns_info.flags == KRBAP_PAC_UPN_DEFAULTED &&
	   !pac.upn_dns_info.sam_name.len && !pac.upn_dns_info.sid.len &&
	   !ours(p, n, AES256), "UPN_DNS_INFO, not extended: accepted");

	/* malformed: MIT does not read UPN_DNS_INFO; we refuse it */
	static const struct {
		const char *what;
		unsigned int at;	/* u16 to set, or ~0 */
		u16 v;
		int len;		/* buffer length change */
	} bad[] = {
		{ "11 bytes", ~0u, 0, 11 },
		{ "UPN past the end", 2, 200, 0 },
		{ "odd UPN length", 0, 33, 0 },
		{ "DNS domain past the end", 4, 250, 0 },
		{ "extended, 19 bytes", ~0u, 0, 19 },
		{ "sAMAccountName past the end", 14, 1000, 0 },
		{ "odd sAMAccountName length", 12, 9, 0 },
		{ "SID past the end", 16, 29 + 60, 0 },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		std_layout(&l, AES256);
		u = idx(&l, KRBAP_PAC_UPN_DNS_INFO);
		if (bad[i].at != ~0u)
			put16(upn_buf + bad[i].at, bad[i].v);
		if (bad[i].len)
			l.b[u].len = bad[i].len;
		n = build_signed(p, &l, AES256);
		e = ours(p, n, AES256);
		m = mit(p, n, AES256);
		ok(e == -EBADMSG && !m,
		   "UPN_DNS_INFO %s: ours %d, MIT %d (does not read it)",
		   bad[i].what, e, m);
	}
	free(p);
}

/* the header: refused at parse time, by MIT too */
static void test_header(void)
{
	struct krbap_pac pac;
	struct layout l;
	u8 *p = malloc(MAXPAC), *q = malloc(MAXPAC);
	size_t n, hdr;
	unsigned int i, c;
	int e;

	std_layout(&l, AES256);
	n = build_signed(p, &l, AES256);
	hdr = 8 + 16 * l.n;
	c = idx(&l, KRBAP_PAC_CLIENT_INFO);

	static const struct {
		const char *what;
		unsigned int at;	/* byte offset of a u32 or u64 */
		bool wide;
		u64 v;
		int want;
	} cases[] = {
		{ "Version 1", 4, false, 1, -EBADMSG },
		{ "Version 0x100", 4, false, 0x100, -EBADMSG },
		{ "cBuffers 0", 0, false, 0, -EBADMSG },
		{ "cBuffers 129", 0, false, 129, -EMSGSIZE },
		{ "cBuffers 4096", 0, false, 4096, -EMSGSIZE },
		{ "cBuffers 0xffffffff", 0, false, 0xffffffff, -EMSGSIZE },
		{ "cBuffers 100 (header past the end)", 0, false, 100,
		  -EBADMSG },
	};
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memcpy(q, p, n);
		if (cases[i].wide)
			put64(q + cases[i].at, cases[i].v);
		else
			put32(q + cases[i].at, cases[i].v);
		e = krbap_pac_parse(q, n, &pac);
		ok(e == cases[i].want && mit(q, n, AES256) &&
		   !pac.raw.data && !pac.has_client_info,
		   "%s: %d at parse, MIT refuses", cases[i].what, e);
	}

	/* CLIENT_INFO's PAC_INFO_BUFFER */
	u64 off = get_off(p, c);
	u32 size = get32(p + 12 + 16 * c);
	const struct {
		const char *what;
		u64 off;
		u32 size;
	} bufs[] = {
		{ "Offset + 1", off + 1, size },
		{ "Offset + 4", off + 4, size },
		{ "Offset + 7", off + 7, size },
		{ "Offset 0", 0, size },
		{ "Offset inside the header", hdr - 8, size },
		{ "Offset past the end", n + 8, 0 },
		{ "Offset 2^63", 1ULL << 63, size },
		{ "Offset 2^32 + its own", off + (1ULL << 32), size },
		{ "cbBufferSize past the end", off, n - off + 1 },
		{ "cbBufferSize 0xffffffff", off, 0xffffffff },
	};
	for (i = 0; i < ARRAY_SIZE(bufs); i++) {
		memcpy(q, p, n);
		set_off(q, c, bufs[i].off);
		put32(q + 12 + 16 * c, bufs[i].size);
		e = krbap_pac_parse(q, n, &pac);
		ok(e == -EBADMSG && mit(q, n, AES256),
		   "CLIENT_INFO %s: %d at parse, MIT refuses", bufs[i].what,
		   e);
	}
	for (i = 0; i < 8; i++) {
		e = krbap_pac_parse(p, i, &pac);
		ok(e == -EBADMSG && mit(p, i, AES256),
		   "%u bytes: %d, MIT refuses", i, e);
	}
	free(p);
	free(q);
}

/* the layout of the buffers, beyond what MIT checks */
static void test_layout(void)
{
	struct krbap_pac pac;
	struct krbap_bytes b;
	struct layout l;
	u8 *p = malloc(MAXPAC);
	size_t n;
	int e, lo, cl, u;
	krb5_error_code m;
	krb5_pac mp;
	krb5_data md;

	/* overlaps: MIT does not look for them */
	std_layout(&l, AES256);
	lo = idx(&l, KRBAP_PAC_LOGON_INFO);
	cl = idx(&l, KRBAP_PAC_CLIENT_CLAIMS);
	n = pac_write(p, &l);
	set_off(p, cl, get_off(p, lo));
	pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
	e = ours(p, n, AES256);
	m = mit(p, n, AES256);
	ok(e == -EBADMSG && !m,
	   "claims at LOGON_INFO's offset: ours %d, MIT %d (takes it)", e, m);
	n = pac_write(p, &l);
	set_off(p, cl, get_off(p, lo) + 32);
	pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
	e = ours(p, n, AES256);
	m = mit(p, n, AES256);
	ok(e == -EBADMSG && !m,
	   "claims inside LOGON_INFO's last bytes: ours %d, MIT %d", e, m);
	l.b[cl].len = 0;
	n = pac_write(p, &l);
	set_off(p, cl, get_off(p, lo));
	pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
	e = ours(p, n, AES256);
	ok(!e && !mit(p, n, AES256),
	   "an empty buffer at LOGON_INFO's offset: both accept (%d)", e);
	n = pac_write(p, &l);
	set_off(p, cl, n);
	pac_sign(p, n, cksumtype_of(AES256), &svcs[AES256].kb);
	e = ours(p, n, AES256);
	ok(!e && !mit(p, n, AES256),
	   "an empty buffer at the very end: both accept (%d)", e);
	n = pac_write(p, &l);
	u = idx(&l, KRBAP_PAC_SERVER_CHECKSUM);
	set_off(p, u, get_off(p, idx(&l, KRBAP_PAC_PRIVSVR_CHECKSUM)));
	e = ours(p, n, AES256);
	ok(e == -EBADMSG && mit(p, n, AES256),
	   "the two signatures in one place: %d, MIT refuses", e);

	/* the buffers we read, twice; others may repeat */
	static const u32 twice[] = { KRBAP_PAC_LOGON_INFO,
				     KRBAP_PAC_UPN_DNS_INFO,
				     KRBAP_PAC_CLIENT_INFO };
	for (unsigned int i = 0; i < ARRAY_SIZE(twice); i++) {
		std_layout(&l, AES256);
		l.b[l.n++] = l.b[idx(&l, twice[i])];
		n = build_signed(p, &l, AES256);
		e = ours(p, n, AES256);
		m = mit(p, n, AES256);
		ok(e == -EBADMSG &&
		   (m == 0) == (twice[i] != KRBAP_PAC_CLIENT_INFO),
		   "two buffers of type %u: ours %d, MIT %d", twice[i], e, m);
	}
	std_layout(&l, AES256);
	l.b[l.n++] = l.b[idx(&l, KRBAP_PAC_CLIENT_CLAIMS)];
	n = build_signed(p, &l, AES256);
	ok(!ours(p, n, AES256) && !mit(p, n, AES256),
	   "two claims buffers: both accept");
	krbap_pac_parse(p, n, &pac);
	krb5_pac_parse(kctx, p, n, &mp);
	e = krbap_pac_buffer(&pac, KRBAP_PAC_CLIENT_CLAIMS, &b);
	m = krb5_pac_get_buffer(kctx, mp, KRBAP_PAC_CLIENT_CLAIMS, &md);
	ok(e == -EBADMSG && m, "  but looking it up: %d, MIT %d", e, m);
	e = krbap_pac_buffer(&pac, 99, &b);
	m = krb5_pac_get_buffer(kctx, mp, 99, &md);
	ok(e == -ENOENT && m == ENOENT, "a type not there: %d, MIT %d", e, m);
	e = krbap_pac_buffer(&pac, KRBAP_PAC_LOGON_INFO, &b);
	ok(!e && b.data == pac.logon_info.data &&
	   b.len == pac.logon_info.len, "LOGON_INFO looked up: %d", e);
	krb5_pac_free(kctx, mp);

	/* our limits: MIT takes these */
	std_layout(&l, AES256);
	while (l.n < KRBAP_PAC_MAX_BUFFERS) {
		l.b[l.n] = (struct tb){ 1000 + l.n, 1, claims };
		l.n++;
	}
	n = build_signed(p, &l, AES256);
	e = ours(p, n, AES256);
	ok(!e && !mit(p, n, AES256), "%u buffers: both accept (%d)", l.n, e);
	l.b[l.n++] = (struct tb){ 2000, 1, claims };
	n = build_signed(p, &l, AES256);
	e = ours(p, n, AES256);
	m = mit(p, n, AES256);
	ok(e == -EMSGSIZE && !m, "%u buffers: ours %d, MIT %d", l.n, e, m);

	static u8 big[KRBAP_PAC_MAX_LEN];

	std_layout(&l, AES256);
	l.b[l.n++] = (struct tb){ 1000, KRBAP_PAC_MAX_LEN - 400, big };
	n = build_signed(p, &l, AES256);
	ok(n <= KRBAP_PAC_MAX_LEN && !ours(p, n, AES256) && !mit(p, n, AES256),
	   "a PAC of %zu bytes: both accept", n);
	l.b[l.n - 1].len = KRBAP_PAC_MAX_LEN;
	n = build_signed(p, &l, AES256);
	e = ours(p, n, AES256);
	m = mit(p, n, AES256);
	ok(e == -EMSGSIZE && !m, "a PAC of %zu bytes: ours %d, MIT %d", n, e,
	   m);
	free(p);
}

/* allocation failures inside krbap_pac_verify() */
static void test_alloc(void)
{
	struct krbap_pac pac;
	struct layout l;
	u8 *p = malloc(MAXPAC);
	size_t n;
	unsigned long i;
	int e, bad = 0;

	std_layout(&l, AES256);
	n = build_signed(p, &l, AES256);
	krbap_pac_parse(p, n, &pac);
	for (i = 1; i < 100; i++) {
		shim_fail_alloc_after = i;
		e = krbap_pac_verify(&pac, &svcs[AES256].key, &alice_o,
				     AUTHTIME);
		if (!shim_fail_alloc_after)
			bad += e != -ENOMEM;
		shim_fail_alloc_after = 0;
		if (!e)
			break;
	}
	ok(!bad && !e && i > 1,
	   "each of %lu allocations failing: -ENOMEM, then verified", i - 1);
	free(p);
}

/* ---- byte flips against MIT ---- */

/* documented differences, by this test's own reading of the bytes */
static bool overlaps(const u8 *p, size_t len)
{
	u32 n = get32(p), i, j;

	for (i = 0; i < n; i++) {
		u64 a = get64(p + 16 + 16 * i), as = get32(p + 12 + 16 * i);

		for (j = i + 1; j < n; j++) {
			u64 b = get64(p + 16 + 16 * j);
			u64 bs = get32(p + 12 + 16 * j);

			if (as && bs && a < b + bs && b < a + as)
				return true;
		}
	}
	return false;
}

static bool twin(const u8 *p, u32 type)
{
	u32 n = get32(p), i, seen = 0;

	for (i = 0; i < n; i++)
		seen += get32(p + 8 + 16 * i) == type;
	return seen > 1;
}

/* [MS-PAC] 2.10: (length, offset) pairs at 0, 4, then 12, 16 (the SID) */
static bool upn_malformed(const u8 *p, size_t len)
{
	static const size_t at[] = { 0, 4, 12, 16 };
	size_t sz, k;
	long o = find_buf(p, len, KRBAP_PAC_UPN_DNS_INFO, &sz);
	u32 flags;

	if (o < 0)
		return false;
	if (sz < 12)
		return true;
	flags = get32(p + o + 8);
	if ((flags & 2) && sz < 20)
		return true;
	for (k = 0; k < ((flags & 2) ? 4 : 2); k++) {
		size_t fl = p[o + at[k]] | p[o + at[k] + 1] << 8;
		size_t fo = p[o + at[k] + 2] | p[o + at[k] + 3] << 8;

		if (fl && ((k != 3 && fl % 2) || fo + fl > sz))
			return true;
	}
	return false;
}

static bool name_has_nul(const u8 *p, size_t len)
{
	size_t sz, nl, i;
	long o = find_buf(p, len, KRBAP_PAC_CLIENT_INFO, &sz);

	if (o < 0 || sz < 10)
		return false;
	nl = p[o + 8] | p[o + 9] << 8;
	for (i = 0; i + 1 < nl && 10 + i + 1 < sz; i += 2)
		if (!p[o + 10 + i] && !p[o + 11 + i])
			return true;
	return false;
}

struct tally {
	unsigned int runs, both_ok, both_refuse, overlap, twins, upn, nul;
	unsigned int unexplained, ours_only, ok_outside;
};

static void judge(struct tally *t, const u8 *q, size_t n, long kdc_at,
		  size_t kdc_len, size_t pos)
{
	int e = ours(q, n, AES256);
	krb5_error_code m = mit(q, n, AES256);

	t->runs++;
	if (!e && !m) {
		t->both_ok++;
		/* only the KDC signature is outside what is checked */
		if (kdc_at < 0 || pos < (size_t)kdc_at + 4 ||
		    pos >= (size_t)kdc_at + kdc_len)
			t->ok_outside++;
	} else if (e && m) {
		t->both_refuse++;
	} else if (!e) {
		t->ours_only++;
	} else if (overlaps(q, n)) {
		t->overlap++;
	} else if (twin(q, KRBAP_PAC_LOGON_INFO) ||
		   twin(q, KRBAP_PAC_UPN_DNS_INFO)) {
		t->twins++;
	} else if (upn_malformed(q, n)) {
		t->upn++;
	} else if (name_has_nul(q, n)) {
		t->nul++;
	} else {
		t->unexplained++;
		printf("# flip at %zu: ours %d, MIT %d\n", pos, e, m);
	}
}

static void flips(const char *what, bool resign)
{
	static const u8 masks[] = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40,
				    0x80, 0xff };
	struct tally t = { 0 };
	struct layout l;
	u8 *p = malloc(MAXPAC), *q = malloc(MAXPAC);
	size_t n, kdc_len = 0, pos;
	long kdc_at;
	unsigned int mi;

	std_layout(&l, AES256);
	l.b[idx(&l, KRBAP_PAC_PRIVSVR_CHECKSUM)].len += 2;	/* RODC id */
	n = build_signed(p, &l, AES256);
	kdc_at = find_buf(p, n, KRBAP_PAC_PRIVSVR_CHECKSUM, &kdc_len);
	for (pos = 0; pos < n; pos++) {
		for (mi = 0; mi < ARRAY_SIZE(masks); mi++) {
			memcpy(q, p, n);
			q[pos] ^= masks[mi];
			if (resign && pac_sign(q, n, cksumtype_of(AES256),
					       &svcs[AES256].kb))
				continue;
			judge(&t, q, n, resign ? -1 : kdc_at, kdc_len, pos);
		}
	}
	printf("# %s: %u runs: both accept %u, both refuse %u; only MIT accepts: "
	       "overlap %u, twin LOGON/UPN %u, bad UPN_DNS_INFO %u, U+0000 %u\n",
	       what, t.runs, t.both_ok, t.both_refuse, t.overlap, t.twins,
	       t.upn, t.nul);
	ok(!t.ours_only && !t.unexplained && t.both_ok && t.both_refuse,
	   "%s: %u flips: we never accept what MIT refuses; we refuse what MIT "
	   "accepts only as pac.h says (%u unexplained)", what, t.runs,
	   t.unexplained);
	if (!resign)
		ok(!t.ok_outside && t.both_ok,
		   "%s: the %u flips accepted are all in the KDC signature",
		   what, t.both_ok);
	free(p);
	free(q);
}

static void test_flips(void)
{
	flips("flips as sent", false);
	flips("flips re-signed", true);
}

/* ---- krbap_pac_find() on AuthorizationData MIT encodes ---- */

static krb5_authdata *ad(krb5_authdatatype type, const void *p, size_t n)
{
	krb5_authdata *a = calloc(1, sizeof(*a));

	a->magic = KV5M_AUTHDATA;
	a->ad_type = type;
	a->length = n;
	a->contents = malloc(n ? n : 1);
	memcpy(a->contents, p, n);
	return a;
}

/* AD-IF-RELEVANT around @inner (NULL-terminated; consumed) */
static krb5_authdata *ifrel(krb5_authdata **inner)
{
	krb5_authdata **out, *a;

	if (krb5_encode_authdata_container(kctx, KRB5_AUTHDATA_IF_RELEVANT,
					   inner, &out))
		abort();
	a = out[0];
	free(out);
	krb5_free_authdata(kctx, inner);
	return a;
}

static krb5_authdata **list(int n, ...)
{
	krb5_authdata **l = calloc(n + 1, sizeof(*l));
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		l[i] = va_arg(ap, krb5_authdata *);
	va_end(ap);
	return l;
}

/* what MIT's acceptor finds: the number of PACs */
static int mit_finds(const krb5_data *der)
{
	krb5_authdata **dec, **res;
	int n;

	if (decode_krb5_authdata(der, &dec))
		return -1;
	if (krb5_find_authdata(kctx, dec, NULL, KRB5_AUTHDATA_WIN2K_PAC,
			       &res)) {
		krb5_free_authdata(kctx, dec);
		return -1;
	}
	for (n = 0; res && res[n]; n++)
		;
	krb5_free_authdata(kctx, res);
	krb5_free_authdata(kctx, dec);
	return n;
}

static void find_case(const char *what, krb5_authdata **l, const u8 *pac,
		      size_t len, int want, int mit_want)
{
	struct krbap_bytes b = { NULL, 0 }, found = { NULL, 0 };
	krb5_data *der;
	int e, m;

	if (encode_krb5_authdata(l, &der))
		abort();
	b.data = (u8 *)der->data;
	b.len = der->length;
	e = krbap_pac_find(b, &found);
	m = mit_finds(der);
	ok(e == want && m == mit_want &&
	   (e || (found.len == len && !memcmp(found.data, pac, len) &&
		  found.data >= b.data && found.data + len <= b.data + b.len)),
	   "find: %s: %d, MIT finds %d", what, e, m);
	krb5_free_data(kctx, der);
	krb5_free_authdata(kctx, l);
}

static krb5_authdata *nest(int depth, const u8 *pac, size_t n)
{
	krb5_authdata *a = ad(KRBAP_AD_WIN2K_PAC, pac, n);

	while (depth--)
		a = ifrel(list(1, a));
	return a;
}

static void test_find(void)
{
	krb5_data d = mit_signed(AES256, alice, FALSE, AUTHTIME);
	const u8 *p = (const u8 *)d.data;
	size_t n = d.length;
	struct krbap_bytes b, f;
	int e, depth;
	u8 junk[] = { 0x30, 0x03, 0x02, 0x01 };
	char what[64];

	b.data = NULL;
	b.len = 0;
	ok(krbap_pac_find(b, &f) == -ENOENT, "find: no authorization-data");
	find_case("AD-IF-RELEVANT { PAC }, as KDCs send it",
		  list(1, nest(1, p, n)), p, n, 0, 1);
	find_case("a bare PAC (MIT's acceptor takes it)",
		  list(1, nest(0, p, n)), p, n, 0, 1);
	find_case("PAC among other elements",
		  list(3, ad(5, "x", 1),
		       ifrel(list(2, ad(9, "yy", 2), ad(128, p, n))),
		       ad(7, "z", 1)), p, n, 0, 1);
	find_case("two AD-IF-RELEVANT with a PAC each",
		  list(2, nest(1, p, n), nest(1, p, n)), p, n, -EBADMSG, 2);
	find_case("two PACs in one AD-IF-RELEVANT",
		  list(1, ifrel(list(2, ad(128, p, n), ad(128, p, n)))), p, n,
		  -EBADMSG, 2);
	find_case("a bare PAC and a wrapped one",
		  list(2, nest(0, p, n), nest(1, p, n)), p, n, -EBADMSG, 2);
	for (depth = 2; depth <= KRBAP_PAC_AD_DEPTH; depth++) {
		snprintf(what, sizeof(what), "PAC %d AD-IF-RELEVANT down",
			 depth);
		find_case(what, list(1, nest(depth, p, n)), p, n, 0, 1);
	}
	snprintf(what, sizeof(what), "PAC %d AD-IF-RELEVANT down (MIT: any)",
		 depth);
	find_case(what, list(1, nest(depth, p, n)), p, n, -EMSGSIZE, 1);
	find_case("an empty AD-AND-OR", list(1, ad(5, "", 0)), p, n, -ENOENT,
		  0);
	{
		krb5_authdata **in = list(1, ad(128, p, n));
		krb5_data *der;

		encode_krb5_authdata(in, &der);
		find_case("a PAC list in AD-AND-OR, not opened",
			  list(1, ad(5, der->data, der->length)), p, n,
			  -ENOENT, 0);
		find_case("a PAC list under type 4 (AD-KDCIssued), not opened",
			  list(1, ad(4, der->data, der->length)), p, n,
			  -ENOENT, 0);
		krb5_free_data(kctx, der);
		krb5_free_authdata(kctx, in);
	}
	find_case("AD-IF-RELEVANT with no PAC",
		  list(1, ifrel(list(1, ad(9, "q", 1)))), p, n, -ENOENT, 0);
	find_case("AD-IF-RELEVANT that does not decode",
		  list(1, ad(1, junk, sizeof(junk))), p, n, -EBADMSG, -1);
	find_case("AD-IF-RELEVANT that is empty", list(1, ad(1, "", 0)), p, n,
		  -EBADMSG, -1);
	/* MIT's decoder reads the SEQUENCE and ignores what follows it */
	find_case("AD-IF-RELEVANT with a byte after its SEQUENCE (MIT ignores it)",
		  list(1, ad(1, "\x30\x00\x00", 3)), p, n, -EBADMSG, 0);

	/* prefixes and a tail of real DER */
	{
		krb5_authdata **l = list(2, ad(5, "x", 1), nest(1, p, n));
		krb5_data *der;
		unsigned int i, bad = 0;
		u8 *buf;

		encode_krb5_authdata(l, &der);
		for (i = 0; i < der->length; i++) {
			buf = malloc(i ? i : 1);
			memcpy(buf, der->data, i);
			b.data = buf;
			b.len = i;
			e = krbap_pac_find(b, &f);
			bad += i ? e != -EBADMSG : e != -ENOENT;
			free(buf);
		}
		ok(!bad, "find: all %u prefixes of authorization-data refused",
		   der->length);
		buf = malloc(der->length + 1);
		memcpy(buf, der->data, der->length);
		buf[der->length] = 0;
		b.data = buf;
		b.len = der->length + 1;
		ok(krbap_pac_find(b, &f) == -EBADMSG,
		   "find: a byte after the SEQUENCE refused");
		free(buf);
		krb5_free_data(kctx, der);
		krb5_free_authdata(kctx, l);
	}
	krb5_free_data_contents(kctx, &d);
}

/* ---- a ticket as MIT's KDC signs it ---- */

static void test_kdc_ticket(void)
{
	krb5_principal svc = princ(SERVICE, 0);
	int k;

	for (k = 0; k < (int)NET; k++) {
		krb5_enc_tkt_part ep = { 0 };
		krb5_keyblock sess;
		krb5_data *der;
		krb5_pac pac, out = NULL;
		struct krbap_enc_ticket et;
		struct krbap_pac pp;
		struct krbap_bytes b;
		krb5_error_code m;
		int e;

		krb5_c_make_random_key(kctx, 18, &sess);
		ep.session = &sess;
		ep.client = alice;
		ep.flags = TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH;
		ep.transited.tr_type = KRB5_DOMAIN_X500_COMPRESS;
		ep.times.authtime = AUTHTIME;
		ep.times.starttime = AUTHTIME;
		ep.times.endtime = AUTHTIME + 36000;
		ep.authorization_data = list(1, ad(9, "other", 5));
		if (krb5_pac_init(kctx, &pac) ||
		    krb5_kdc_sign_ticket(kctx, &ep, pac, svc, alice,
					 &svcs[k].kb, &kdc_key, FALSE) ||
		    encode_krb5_enc_tkt_part(&ep, &der))
			abort();
		e = krbap_decode_enc_ticket((u8 *)der->data, der->length, &et);
		e = e ?: krbap_pac_find(et.authz, &b);
		e = e ?: krbap_pac_parse(b.data, b.len, &pp);
		e = e ?: krbap_pac_buffer(&pp, KRBAP_PAC_TICKET_CHECKSUM, &b);
		e = e ?: krbap_pac_verify(&pp, &svcs[k].key, &et.client,
					  et.authtime);
		m = krb5_kdc_verify_ticket(kctx, &ep, svc, &svcs[k].kb,
					   &kdc_key, &out);
		ok(!e && !m && out,
		   "%s: a ticket as MIT's KDC signs it: found, parsed, "
		   "verified (%d); MIT's KDC check %d", svcs[k].name, e, m);
		e = krbap_pac_verify(&pp, &svcs[k].key, &et.client,
				     et.authtime + 1);
		ok(e == -EACCES, "%s:   with another authtime: %d",
		   svcs[k].name, e);
		krb5_pac_free(kctx, out);
		krb5_pac_free(kctx, pac);
		krb5_free_data(kctx, der);
		krb5_free_authdata(kctx, ep.authorization_data);
		krb5_free_keyblock_contents(kctx, &sess);
	}
	krb5_free_principal(kctx, svc);
}

int main(void)
{
	unsigned int k;

	setenv("KRB5_CONFIG", "/dev/null", 1);
	if (!ok(!krb5_init_context(&kctx), "krb5_init_context"))
		return tap_done();
	krbap_crypto_init();
	for (k = 0; k < sizeof(logon); k++)
		logon[k] = k * 13 + 1;
	memcpy(claims, "claim", 5);
	alice = princ("alice@" REALM, 0);
	ours_princ(alice, &alice_o);
	if (krb5_c_make_random_key(kctx, 18, &kdc_key))
		abort();
	for (k = 0; k < NET; k++) {
		struct svc *s = &svcs[k];

		if (krb5_c_make_random_key(kctx, etypes[k], &s->kb) ||
		    krbap_key_init(&s->key, etypes[k], s->kb.contents,
				   s->kb.length) ||
		    krbap_ukey_init(&s->uk, &s->key, KRBAP_PAC_KEY_USAGE,
				    KRBAP_KU_CHECKSUM)) {
			ok(0, "service key of enctype %d", etypes[k]);
			return tap_done();
		}
		s->name = s->key.et->name;
	}

	test_mit_signed();
	test_truncations();
	test_names();
	test_client_info();
	test_signatures();
	test_upn_dns_info();
	test_header();
	test_layout();
	test_alloc();
	test_flips();
	test_find();
	test_kdc_ticket();

	for (k = 0; k < NET; k++) {
		krbap_ukey_destroy(&svcs[k].uk);
		krbap_key_destroy(&svcs[k].key);
		krb5_free_keyblock_contents(kctx, &svcs[k].kb);
	}
	krb5_free_keyblock_contents(kctx, &kdc_key);
	krb5_free_principal(kctx, alice);
	krbap_crypto_exit();
	krb5_free_context(kctx);
	return tap_done();
}
