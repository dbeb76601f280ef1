/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MIT krb5 as a test oracle without a KDC: a throwaway krb5.conf, a
 * service key in a MEMORY: keytab, and service tickets minted with that
 * key straight into a MEMORY: ccache, so MIT's GSS-API initiator and
 * acceptor can run in-process.  Shared by test_gss and test_spnego.
 */
#ifndef KRBAP_MIT_ORACLE_H
#define KRBAP_MIT_ORACLE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <krb5.h>
#include <gssapi/gssapi.h>

/* exported by libkrb5 but not declared in <krb5.h> */
krb5_error_code krb5_encrypt_tkt_part(krb5_context, const krb5_keyblock *,
				      krb5_ticket *);
krb5_error_code encode_krb5_ticket(const krb5_ticket *, krb5_data **);

static krb5_context kctx;
static krb5_keyblock svc_key;
static char mit_dir[64];
static char mit_conf[96];
static char mit_store[64];	/* "MEMORY:NAME": the keytab and the ccache */

static void __attribute__((noreturn))
die(const char *what, OM_uint32 maj, OM_uint32 min)
{
	fprintf(stderr, "%s: major %#x minor %d\n", what, maj, (int)min);
	exit(2);
}

/* krb5.conf for @realm in a temp dir, and @service's aes256 key */
static void mit_setup(const char *name, const char *realm,
		      const char *service)
{
	krb5_keytab_entry ent = { 0 };
	krb5_keytab kt;
	FILE *f;

	snprintf(mit_dir, sizeof(mit_dir), "/tmp/%s.XXXXXX", name);
	snprintf(mit_store, sizeof(mit_store), "MEMORY:%s", name);
	if (!mkdtemp(mit_dir))
		abort();
	snprintf(mit_conf, sizeof(mit_conf), "%s/krb5.conf", mit_dir);
	f = fopen(mit_conf, "w");
	if (!f)
		abort();
	fprintf(f, "[libdefaults]\n default_realm = %s\n"
		" dns_lookup_kdc = false\n dns_lookup_realm = false\n"
		" rdns = false\n dns_canonicalize_hostname = false\n"
		" allow_rc4 = true\n"
		"[realms]\n %s = {\n  kdc = 127.0.0.1:9\n }\n", realm, realm);
	fclose(f);
	setenv("KRB5_CONFIG", mit_conf, 1);
	setenv("KRB5CCNAME", mit_store, 1);
	setenv("KRB5_KTNAME", mit_store, 1);
	setenv("KRB5RCACHETYPE", "none", 1);
	if (krb5_init_context(&kctx))
		abort();
	krb5_c_make_random_key(kctx, 18, &svc_key);
	krb5_kt_resolve(kctx, mit_store, &kt);
	krb5_parse_name(kctx, service, &ent.principal);
	ent.vno = 1;
	ent.key = svc_key;
	if (krb5_kt_add_entry(kctx, kt, &ent))
		abort();
	krb5_free_principal(kctx, ent.principal);
}

/*
 * A ticket from @client to @service with a fresh session key of @etype,
 * valid from @now - 5 to @end, stored as the ccache's only credential.
 */
static void mit_store_ticket(const char *service, const char *client,
			     krb5_enctype etype, krb5_flags flags,
			     krb5_timestamp now, krb5_timestamp end)
{
	krb5_enc_tkt_part ep = { 0 };
	krb5_ticket tkt = { 0 };
	krb5_creds cr = { 0 };
	krb5_keyblock sess;
	krb5_ccache cc;
	krb5_data *der;

	krb5_c_make_random_key(kctx, etype, &sess);
	krb5_parse_name(kctx, service, &tkt.server);
	krb5_parse_name(kctx, client, &ep.client);
	ep.session = &sess;
	ep.flags = flags;
	ep.transited.tr_type = KRB5_DOMAIN_X500_COMPRESS;
	ep.times.authtime = ep.times.starttime = now - 5;
	ep.times.endtime = end;
	tkt.enc_part2 = &ep;
	tkt.enc_part.kvno = 1;
	if (krb5_encrypt_tkt_part(kctx, &svc_key, &tkt) ||
	    encode_krb5_ticket(&tkt, &der))
		abort();
	cr.client = ep.client;
	cr.server = tkt.server;
	cr.keyblock = sess;
	cr.times = ep.times;
	cr.ticket_flags = ep.flags;
	cr.ticket = *der;
	krb5_cc_resolve(kctx, mit_store, &cc);
	if (krb5_cc_initialize(kctx, cc, ep.client) ||
	    krb5_cc_store_cred(kctx, cc, &cr))
		abort();
	krb5_cc_close(kctx, cc);
	krb5_free_data(kctx, der);
	krb5_free_data_contents(kctx, &tkt.enc_part.ciphertext);
	krb5_free_principal(kctx, tkt.server);
	krb5_free_principal(kctx, ep.client);
	krb5_free_keyblock_contents(kctx, &sess);
}

static void mit_cleanup(void)
{
	krb5_free_keyblock_contents(kctx, &svc_key);
	krb5_free_context(kctx);
	unlink(mit_conf);
	rmdir(mit_dir);
}

#endif /* KRBAP_MIT_ORACLE_H */
