// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the seed corpus of fuzz_accept: for every key of fuzz_accept.h,
 * real AP-REQs made by MIT krb5 (krb5_mk_req_extended on a ticket we
 * encrypt with that key, at the harness's clock) and the same tickets and
 * authenticators as plaintexts for the harness's FA_PLAIN mode ("bare");
 * and AP-REQs with a GSS 0x8003 checksum in GSS-API and SPNEGO framings
 * (tests/unit/spnego_der.h), a few refused negotiations with them
 * ("framed").
 *
 *   make -C tests/fuzz corpus-accept          both
 *   fuzz_accept_gen DIR [bare|framed]         one family
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <krb5.h>
#include "fuzz_accept.h"
#include "spnego_der.h"

krb5_error_code krb5_encrypt_tkt_part(krb5_context, const krb5_keyblock *,
				      krb5_ticket *);
krb5_error_code encode_krb5_ticket(const krb5_ticket *, krb5_data **);
krb5_error_code encode_krb5_enc_tkt_part(const krb5_enc_tkt_part *,
					 krb5_data **);
krb5_error_code encode_krb5_authenticator(const krb5_authenticator *,
					  krb5_data **);
krb5_error_code encode_krb5_authdata(krb5_authdata *const *, krb5_data **);
krb5_error_code krb5_set_debugging_time(krb5_context, krb5_timestamp,
					krb5_int32);

static krb5_context ctx;
static const char *dir;

static void die(const char *what, krb5_error_code err)
{
	fprintf(stderr, "fuzz_accept_gen: %s: %s\n", what,
		krb5_get_error_message(ctx, err));
	exit(1);
}

static void put(const char *name, unsigned char b0, unsigned char b1,
		const krb5_data *a, const krb5_data *b)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		die(path, errno);
	fputc(b0, f);
	if (b) {
		fputc(b1, f);
		fputc(a->length >> 8, f);
		fputc(a->length & 0xff, f);
	}
	fwrite(a->data, 1, a->length, f);
	if (b)
		fwrite(b->data, 1, b->length, f);
	fclose(f);
}

static krb5_principal princ(const char *name)
{
	krb5_principal p;
	krb5_error_code err = krb5_parse_name(ctx, name, &p);

	if (err)
		die(name, err);
	return p;
}

/* AD-IF-RELEVANT { AD-ETYPE-NEGOTIATION [aes256-sha1] } (RFC 4537) */
static krb5_authdata **etype_list(void)
{
	static krb5_octet list[] = { 0x30, 0x03, 0x02, 0x01, 0x12 };
	static krb5_authdata en = { 0, 129, sizeof(list), list };
	static krb5_authdata *inner[] = { &en, NULL };
	static krb5_authdata ifrel = { 0, 1, 0, NULL };
	static krb5_authdata *outer[] = { &ifrel, NULL };
	krb5_data *der;

	if (!ifrel.contents) {
		if (encode_krb5_authdata(inner, &der))
			exit(1);
		ifrel.length = der->length;
		ifrel.contents = (krb5_octet *)der->data;
		free(der);
	}
	return outer;
}

static krb5_authdata **authz(void)
{
	static krb5_octet pac[] = "opaque authorization data";
	static krb5_authdata a = { 0, 128, sizeof(pac) - 1, pac };
	static krb5_authdata *list[] = { &a, NULL };

	return list;
}

static const uint8_t oid_krb5[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
				    0xf7, 0x12, 0x01, 0x02, 0x02 };
static const uint8_t oid_ms[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7,
				  0x12, 0x01, 0x02, 0x02 };
static const uint8_t oid_ntlm[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
				    0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };
static const uint8_t *const krb5_ntlm[] = { oid_krb5, oid_ntlm };
static const uint8_t *const windows[] = { oid_ms, oid_krb5, oid_ntlm };
static const uint8_t *const ms_only[] = { oid_ms };
static const uint8_t *const ntlm_krb5[] = { oid_ntlm, oid_krb5 };
static const uint8_t *const ntlm_ms[] = { oid_ntlm, oid_ms };

/* the 0x8003 checksum (RFC 4121 4.1.1): no channel bindings, @flags */
static krb5_data *gss_cksum(int mutual)
{
	static char b[24];
	static krb5_data d = { 0, sizeof(b), b };
	unsigned int flags = 0x3c | (mutual ? 0x02 : 0);

	memset(b, 0, sizeof(b));
	b[0] = 16;
	b[20] = flags;
	return &d;
}

static void put_der(const char *name, unsigned char b0, struct der d)
{
	krb5_data k = { 0, d.len, (char *)d.p };

	put(name, b0, 0, &k, NULL);
	free(d.p);
}

/* @req in GSS and SPNEGO framings, and refused negotiations around it */
static void framed(const struct fa_key *k, int variant, unsigned char b0,
		   const krb5_data *req)
{
	static const struct {
		const char *name;
		struct neg_init s;
	} negs[] = {
		{ "krb5-ntlm", { krb5_ntlm, 2, oid_krb5 } },
		{ "windows", { windows, 3, oid_krb5, .flags = true } },
		{ "bare-ms", { ms_only, 1, oid_ms, .bare = true } },
		{ "init2", { krb5_ntlm, 2, oid_krb5, .hints = true,
			     .bare = true } },
		/* refused: krb5 not first, no mechToken */
		{ "ntlm-first", { ntlm_krb5, 2, oid_krb5 } },
		{ "no-token", { krb5_ntlm, 2, NULL } },
	};
	struct der g;
	char name[64];
	unsigned int j;

	if (k == fa_keys && variant == 15) {	/* an initiator's second leg */
		g = gss_tok_der(oid_krb5, 0x0100, req->data, req->length);
		put_der("spnego-resp-first", b0, neg_resp_der(1, oid_krb5, g.p,
							      g.len));
		free(g.p);
	}
	snprintf(name, sizeof(name), "gss-krb5-%s-%d-v%d", k->svc, k->etype,
		 variant);
	put_der(name, b0, gss_tok_der(oid_krb5, 0x0100, req->data,
				      req->length));
	snprintf(name, sizeof(name), "gss-ms-%s-%d-v%d", k->svc, k->etype,
		 variant);
	put_der(name, b0, gss_tok_der(oid_ms, 0x0100, req->data,
				      req->length));
	for (j = 0; j < sizeof(negs) / sizeof(negs[0]); j++) {
		snprintf(name, sizeof(name), "spnego-%s-%s-%d-v%d",
			 negs[j].name, k->svc, k->etype, variant);
		put_der(name, b0, neg_init_apreq(&negs[j].s, req->data,
						 req->length));
	}
}

/* FA_RENEG: [NTLM, @mechs[1]] with an NTLM token, then @m2, then @m3 */
static void put_reneg(const char *name, unsigned char b0,
		      const uint8_t *const *mechs, struct der m2, struct der m3)
{
	static const uint8_t ntlmssp[] = "NTLMSSP\0\1\0\0\0";
	struct neg_init s = { mechs, 2 };
	struct der d = neg_init_der(&s, ntlmssp, sizeof(ntlmssp));
	uint8_t l1[2] = { d.len >> 8, d.len & 0xff };
	uint8_t l2[2] = { m2.len >> 8, m2.len & 0xff };

	d = der_cat(der_cat(der_raw(l1, 2), d), der_raw(l2, 2));
	put_der(name, b0, der_cat(der_cat(d, m2), m3));
}

/*
 * Renegotiations (RFC 4178 5) with key @i's AP-REQ @req, or its ticket
 * and authenticator plaintexts: mutual under [NTLM, krb5], else under
 * [NTLM, MS-krb5]; the harness makes the third token's MIC, and with
 * the plaintexts the initiator's MIC in round 2 when not mutual.
 */
static void reneg(unsigned int i, int variant, const krb5_data *req,
		  const krb5_data *ep, const krb5_data *au)
{
	const struct fa_key *k = &fa_keys[i];
	int mutual = variant & 1;
	unsigned char rc4 = variant & 32 ? FA_RC4 : 0;
	const uint8_t *const *mechs = mutual ? ntlm_krb5 : ntlm_ms;
	struct der g = gss_tok_der(mechs[1], 0x0100, req->data, req->length);
	uint8_t kb[3] = { i | (mutual ? FA_MUTUAL : FA_MIC2),
			  ep->length >> 8, ep->length & 0xff };
	char name[64];

	snprintf(name, sizeof(name), "reneg-raw-%s-%d-v%d", k->svc, k->etype,
		 variant);
	put_reneg(name, FA_RENEG | FA_MIC3 | rc4, mechs,
		  neg_resp_der(1, NULL, g.p, g.len), der_raw(NULL, 0));
	if (mutual) {	/* a third token without the MIC */
		snprintf(name, sizeof(name), "reneg-no-mic-%s-%d-v%d", k->svc,
			 k->etype, variant);
		put_reneg(name, FA_RENEG | rc4, mechs,
			  neg_resp_der(1, NULL, g.p, g.len),
			  neg_resp_der(1, NULL, NULL, 0));
	}
	if (variant == 31) {	/* the initiator gives up; names a mech */
		put_reneg("reneg-gives-up", FA_RENEG, mechs,
			  neg_resp_der(1, NULL, g.p, g.len),
			  neg_resp_der(2, NULL, NULL, 0));
		put_reneg("reneg-names-mech", FA_RENEG, mechs,
			  neg_resp_der(1, mechs[1], g.p, g.len),
			  der_raw(NULL, 0));
	}
	free(g.p);
	snprintf(name, sizeof(name), "reneg-plain-%s-%d-v%d", k->svc,
		 k->etype, variant);
	put_reneg(name, FA_RENEG | FA_PLAIN | FA_MIC3 | rc4, mechs,
		  der_cat(der_cat(der_raw(kb, 3), der_raw(ep->data,
							   ep->length)),
			  der_raw(au->data, au->length)), der_raw(NULL, 0));
}

/*
 * @variant: bit 0 mutual, bit 1 initiator subkey, bit 2 sequence number,
 * bit 3 a GSS checksum and framed seeds only, bit 4 (with bit 3)
 * renegotiation seeds only, without authorization data, bit 5 an
 * rc4-hmac session key, bit 6 an RFC 4537 EtypeList [aes256] in the
 * authenticator plaintext.
 */
static void seeds(unsigned int i, int variant)
{
	const struct fa_key *k = &fa_keys[i];
	int mutual = variant & 1, sub = variant & 2, seq = variant & 4;
	int gss = variant & 8;
	unsigned char raw[32], flags = k->etype == 23 ? FA_RC4 : 0;
	krb5_keyblock key = { 0, k->etype, k->len, raw }, session;
	krb5_enc_tkt_part ep = { 0 };
	krb5_authenticator au = { 0 };
	krb5_ticket tkt = { 0 };
	krb5_creds creds = { 0 };
	krb5_auth_context ac = NULL;
	krb5_data *tder, *epder, *auder = NULL, req;
	krb5_checksum ck = { 0, 0x8003, 24,
			     (krb5_octet *)gss_cksum(mutual)->data };
	krb5_error_code err;
	char name[64];

	fa_key_bytes(i, raw);
	err = krb5_c_make_random_key(ctx, variant & 32 ? 23 : i % 3 ? 18 : 19,
				     &session);
	if (err)
		die("session key", err);
	tkt.server = princ(k->principal);
	ep.client = princ("alice@" FA_REALM);
	ep.flags = TKT_FLG_FORWARDABLE | TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH;
	ep.session = &session;
	ep.times.authtime = FA_NOW - 600;
	ep.times.starttime = variant & 1 ? FA_NOW - 60 : 0;
	ep.times.endtime = FA_NOW + 36000;
	ep.authorization_data = (variant & 2) && !(variant & 16) ? authz() :
				NULL;
	tkt.enc_part2 = &ep;
	err = krb5_encrypt_tkt_part(ctx, &key, &tkt);
	tkt.enc_part.kvno = k->kvno;
	if (!err)
		err = encode_krb5_ticket(&tkt, &tder);
	if (!err)
		err = encode_krb5_enc_tkt_part(&ep, &epder);
	if (err)
		die("ticket", err);

	creds.client = ep.client;
	creds.server = tkt.server;
	creds.keyblock = session;
	creds.ticket = *tder;
	creds.times.endtime = FA_NOW + 36000;
	krb5_set_debugging_time(ctx, FA_NOW, 4242);
	err = krb5_auth_con_init(ctx, &ac);
	if (!err)
		err = krb5_auth_con_setflags(ctx, ac, seq ?
					     KRB5_AUTH_CONTEXT_DO_SEQUENCE : 0);
	/* as MIT's GSS mechanism does: the data is the checksum itself */
	if (!err && gss)
		err = krb5_auth_con_set_req_cksumtype(ctx, ac, 0x8003);
	if (!err)
		err = krb5_mk_req_extended(ctx, &ac,
					   (mutual ? AP_OPTS_MUTUAL_REQUIRED : 0) |
					   (sub ? AP_OPTS_USE_SUBKEY : 0),
					   gss ? gss_cksum(mutual) : NULL,
					   &creds, &req);
	if (err)
		die("krb5_mk_req_extended", err);
	au.client = ep.client;
	au.ctime = FA_NOW;
	au.cusec = 4242;
	au.seq_number = seq ? 0x1234567 : 0;
	if (gss)
		au.checksum = &ck;
	if (variant & 64)
		au.authorization_data = etype_list();
	if (sub)
		krb5_auth_con_getsendsubkey(ctx, ac, &au.subkey);
	err = encode_krb5_authenticator(&au, &auder);
	if (err)
		die("authenticator", err);
	if (gss) {
		if (variant & 16)
			reneg(i, variant, &req, epder, auder);
		else
			framed(k, variant, FA_RAW | (sub ? FA_ACC_SUBKEY : 0),
			       &req);
		goto out;
	}
	snprintf(name, sizeof(name), "raw-%s-%d-%d-v%d", k->svc, k->kvno,
		 k->etype, variant);
	put(name, FA_RAW | flags | (variant == 7 ? FA_ACC_SUBKEY : 0), 0,
	    &req, NULL);

	snprintf(name, sizeof(name), "plain-%s-%d-%d-v%d", k->svc, k->kvno,
		 k->etype, variant);
	put(name, FA_PLAIN | flags | (variant == 7 ? FA_ACC_SUBKEY : 0),
	    i | (mutual ? FA_MUTUAL : 0), epder, auder);
out:
	krb5_free_keyblock(ctx, au.subkey);
	krb5_auth_con_free(ctx, ac);
	krb5_free_data_contents(ctx, &req);
	krb5_free_data(ctx, tder);
	krb5_free_data(ctx, epder);
	krb5_free_data(ctx, auder);
	krb5_free_data_contents(ctx, &tkt.enc_part.ciphertext);
	krb5_free_principal(ctx, tkt.server);
	krb5_free_principal(ctx, ep.client);
	krb5_free_keyblock_contents(ctx, &session);
}

int main(int argc, char **argv)
{
	const char *family = argc == 3 ? argv[2] : "";
	bool bare = strcmp(family, "framed"), framed = strcmp(family, "bare");
	unsigned int i;

	if (argc < 2 || argc > 3 || (!bare && !framed) ||
	    (argc == 3 && bare && framed)) {
		fprintf(stderr, "usage: fuzz_accept_gen DIR [bare|framed]\n");
		return 2;
	}
	dir = argv[1];
	setenv("KRB5_CONFIG", "/dev/null", 1);
	if (krb5_init_context(&ctx))
		return 1;
	for (i = 0; bare && i < FA_NKEYS; i++) {
		seeds(i, 0);
		seeds(i, i % 2 ? 3 : 5);
		if (i == 0)
			seeds(i, 7);
	}
	if (framed) {
		/* mutual, subkey, sequence; and none of them */
		seeds(0, 15);
		seeds(0, 8);
		seeds(5, 15);
		seeds(7, 10);
		seeds(0, 31);
		seeds(5, 29);
		seeds(7, 26);
		seeds(0, 61);
		seeds(0, 125);
	}
	krb5_free_context(ctx);
	return 0;
}
