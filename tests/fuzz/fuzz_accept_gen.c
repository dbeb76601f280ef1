// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the seed corpus of fuzz_accept: for every key of fuzz_accept.h,
 * real AP-REQs made by MIT krb5 (krb5_mk_req_extended on a ticket we
 * encrypt with that key, at the harness's clock) and the same tickets and
 * authenticators as plaintexts for the harness's FA_PLAIN mode.
 *
 *   make -C tests/fuzz corpus-accept
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <krb5.h>
#include "fuzz_accept.h"

krb5_error_code krb5_encrypt_tkt_part(krb5_context, const krb5_keyblock *,
				      krb5_ticket *);
krb5_error_code encode_krb5_ticket(const krb5_ticket *, krb5_data **);
krb5_error_code encode_krb5_enc_tkt_part(const krb5_enc_tkt_part *,
					 krb5_data **);
krb5_error_code encode_krb5_authenticator(const krb5_authenticator *,
					  krb5_data **);
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

static krb5_authdata **authz(void)
{
	static krb5_octet pac[] = "opaque authorization data";
	static krb5_authdata a = { 0, 128, sizeof(pac) - 1, pac };
	static krb5_authdata *list[] = { &a, NULL };

	return list;
}

static void seeds(unsigned int i, int variant)
{
	const struct fa_key *k = &fa_keys[i];
	int mutual = variant & 1, sub = variant & 2, seq = variant & 4;
	unsigned char raw[32], flags = k->etype == 23 ? FA_RC4 : 0;
	krb5_keyblock key = { 0, k->etype, k->len, raw }, session;
	krb5_enc_tkt_part ep = { 0 };
	krb5_authenticator au = { 0 };
	krb5_ticket tkt = { 0 };
	krb5_creds creds = { 0 };
	krb5_auth_context ac = NULL;
	krb5_data *tder, *epder, *auder, req;
	krb5_error_code err;
	char name[64];

	fa_key_bytes(i, raw);
	err = krb5_c_make_random_key(ctx, i % 3 ? 18 : 19, &session);
	if (err)
		die("session key", err);
	tkt.server = princ(k->principal);
	ep.client = princ("alice@" FA_REALM);
	ep.flags = TKT_FLG_FORWARDABLE | TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH;
	ep.session = &session;
	ep.times.authtime = FA_NOW - 600;
	ep.times.starttime = variant & 1 ? FA_NOW - 60 : 0;
	ep.times.endtime = FA_NOW + 36000;
	ep.authorization_data = variant & 2 ? authz() : NULL;
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
	if (!err)
		err = krb5_mk_req_extended(ctx, &ac,
					   (mutual ? AP_OPTS_MUTUAL_REQUIRED : 0) |
					   (sub ? AP_OPTS_USE_SUBKEY : 0),
					   NULL, &creds, &req);
	if (err)
		die("krb5_mk_req_extended", err);
	snprintf(name, sizeof(name), "raw-%s-%d-%d-v%d", k->svc, k->kvno,
		 k->etype, variant);
	put(name, FA_RAW | flags | (variant == 7 ? FA_ACC_SUBKEY : 0), 0,
	    &req, NULL);

	au.client = ep.client;
	au.ctime = FA_NOW;
	au.cusec = 4242;
	au.seq_number = seq ? 0x1234567 : 0;
	if (sub)
		krb5_auth_con_getsendsubkey(ctx, ac, &au.subkey);
	err = encode_krb5_authenticator(&au, &auder);
	if (err)
		die("authenticator", err);
	snprintf(name, sizeof(name), "plain-%s-%d-%d-v%d", k->svc, k->kvno,
		 k->etype, variant);
	put(name, FA_PLAIN | flags | (variant == 7 ? FA_ACC_SUBKEY : 0),
	    i | (mutual ? FA_MUTUAL : 0), epder, auder);

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
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: fuzz_accept_gen DIR\n");
		return 2;
	}
	dir = argv[1];
	setenv("KRB5_CONFIG", "/dev/null", 1);
	if (krb5_init_context(&ctx))
		return 1;
	for (i = 0; i < FA_NKEYS; i++) {
		seeds(i, 0);
		seeds(i, i % 2 ? 3 : 5);
		if (i == 0)
			seeds(i, 7);
	}
	krb5_free_context(ctx);
	return 0;
}
