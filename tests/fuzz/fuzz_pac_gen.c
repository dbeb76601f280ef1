// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the seed corpus of fuzz_pac: for every service key of
 * fuzz_pac.h, a PAC signed by MIT's krb5_pac_sign_ext (with LOGON_INFO
 * and an extended UPN_DNS_INFO) and the authorization-data of a ticket
 * MIT's krb5_kdc_sign_ticket signed as its KDC does (AD-IF-RELEVANT
 * around the PAC, with a ticket checksum).  All verify in fuzz_pac.
 *
 *   make -C tests/fuzz corpus-pac
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <krb5.h>
#include "fuzz_pac.h"

krb5_error_code encode_krb5_authdata(krb5_authdata *const *, krb5_data **);

static krb5_context ctx;
static const char *dir;

static void die(const char *what, krb5_error_code err)
{
	fprintf(stderr, "fuzz_pac_gen: %s: %s\n", what,
		krb5_get_error_message(ctx, err));
	exit(1);
}

static void put(const char *kind, int etype, const void *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s-%d", dir, kind, etype);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void key(unsigned int i, krb5_keyblock *kb)
{
	static unsigned char raw[FP_NKEYS + 1][32];

	fp_key_bytes(i, raw[i]);
	kb->magic = KV5M_KEYBLOCK;
	kb->enctype = i < FP_NKEYS ? fp_keys[i].etype : FP_KDC_ETYPE;
	kb->length = i < FP_NKEYS ? fp_keys[i].len : FP_KDC_LEN;
	kb->contents = raw[i];
}

/* ASCII to UTF-16LE */
static unsigned int wide(const char *s, unsigned char *out)
{
	unsigned int n = 0;

	for (; *s; s++) {
		out[n++] = *s;
		out[n++] = 0;
	}
	return n;
}

static void put_u16(unsigned char *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

/* UPN_DNS_INFO with the S flag: UPN, DNS domain, SamName, SID */
static krb5_data upn_dns_info(unsigned char *buf)
{
	static const unsigned char sid[] = { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0,
					     0, 0 };
	const char *f[] = { FP_CLIENT "@example.org", FP_REALM, FP_CLIENT };
	unsigned int off = 20, n, i;
	static const unsigned int at[] = { 0, 4, 12 };

	memset(buf, 0, 20);
	buf[8] = 2;
	for (i = 0; i < 3; i++) {
		n = wide(f[i], buf + off);
		put_u16(buf + at[i], n);
		put_u16(buf + at[i] + 2, off);
		off += n;
	}
	memcpy(buf + off, sid, sizeof(sid));
	put_u16(buf + 16, sizeof(sid));
	put_u16(buf + 18, off);
	return (krb5_data){ .data = (char *)buf,
			    .length = off + sizeof(sid) };
}

static void pac_seed(krb5_principal client, const krb5_keyblock *svc,
		     const krb5_keyblock *kdc)
{
	static unsigned char logon[48], upn[256];
	krb5_data d, out;
	krb5_error_code err;
	krb5_pac pac;
	unsigned int i;

	for (i = 0; i < sizeof(logon); i++)
		logon[i] = i * 29 + 3;
	d.data = (char *)logon;
	d.length = sizeof(logon);
	err = krb5_pac_init(ctx, &pac);
	err = err ?: krb5_pac_add_buffer(ctx, pac, KRB5_PAC_LOGON_INFO, &d);
	d = upn_dns_info(upn);
	err = err ?: krb5_pac_add_buffer(ctx, pac, KRB5_PAC_UPN_DNS_INFO, &d);
	err = err ?: krb5_pac_sign_ext(ctx, pac, FP_AUTHTIME, client, svc,
				       kdc, FALSE, &out);
	if (err)
		die("krb5_pac_sign_ext", err);
	put("pac", svc->enctype, out.data, out.length);
	krb5_free_data_contents(ctx, &out);
	krb5_pac_free(ctx, pac);
}

static void ticket_seed(krb5_principal client, krb5_principal server,
			const krb5_keyblock *svc, const krb5_keyblock *kdc)
{
	krb5_enc_tkt_part ep = { 0 };
	krb5_keyblock sess = *kdc;	/* any key: only the authdata is kept */
	krb5_data *der;
	krb5_error_code err;
	krb5_pac pac;

	ep.session = &sess;
	ep.client = client;
	ep.transited.tr_type = KRB5_DOMAIN_X500_COMPRESS;
	ep.times.authtime = ep.times.starttime = FP_AUTHTIME;
	ep.times.endtime = FP_AUTHTIME + 36000;
	err = krb5_pac_init(ctx, &pac);
	err = err ?: krb5_kdc_sign_ticket(ctx, &ep, pac, server, client, svc,
					  kdc, FALSE);
	err = err ?: encode_krb5_authdata(ep.authorization_data, &der);
	if (err)
		die("krb5_kdc_sign_ticket", err);
	put("authz", svc->enctype, der->data, der->length);
	krb5_free_data(ctx, der);
	krb5_free_authdata(ctx, ep.authorization_data);
	krb5_pac_free(ctx, pac);
}

int main(int argc, char **argv)
{
	krb5_principal client, server;
	krb5_keyblock svc, kdc;
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: fuzz_pac_gen DIR\n");
		return 2;
	}
	dir = argv[1];
	setenv("KRB5_CONFIG", "/dev/null", 1);
	if (krb5_init_context(&ctx) ||
	    krb5_parse_name(ctx, FP_CLIENT "@" FP_REALM, &client) ||
	    krb5_parse_name(ctx, FP_SERVICE, &server))
		die("setup", 0);
	key(FP_NKEYS, &kdc);
	for (i = 0; i < FP_NKEYS; i++) {
		key(i, &svc);
		pac_seed(client, &svc, &kdc);
		ticket_seed(client, server, &svc, &kdc);
	}
	krb5_free_principal(ctx, client);
	krb5_free_principal(ctx, server);
	krb5_free_context(ctx);
	return 0;
}
