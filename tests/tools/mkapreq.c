// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkapreq: make one real KRB_AP_REQ with MIT krb5 for the decoder tests,
 * and decrypt its ticket and authenticator with the service keytab so the
 * plaintext EncTicketPart and Authenticator can be tested too.
 *
 *   mkapreq [-m] [-s] [-q] [-c DATA] SERVICE KEYTAB OUTPREFIX
 *     -m  ask for mutual authentication     -s  send a subkey
 *     -q  send a sequence number            -c  checksum over DATA
 *
 * Writes OUTPREFIX.apreq, OUTPREFIX.tkt (EncTicketPart) and
 * OUTPREFIX.auth (Authenticator).  The ccache is the default one
 * (KRB5CCNAME), holding a TGT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <krb5.h>

/* exported by libkrb5, not in its public header */
krb5_error_code decode_krb5_ap_req(const krb5_data *, krb5_ap_req **);
krb5_error_code decode_krb5_enc_tkt_part(const krb5_data *,
					 krb5_enc_tkt_part **);

static krb5_context ctx;

static void check(krb5_error_code ret, const char *what)
{
	if (ret) {
		fprintf(stderr, "mkapreq: %s: %s\n", what,
			krb5_get_error_message(ctx, ret));
		exit(1);
	}
}

static void put(const char *prefix, const char *ext, const krb5_data *d)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s.%s", prefix, ext);
	f = fopen(path, "wb");
	if (!f || fwrite(d->data, 1, d->length, f) != d->length ||
	    fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void decrypt(krb5_keyblock *key, krb5_keyusage usage,
		    const krb5_enc_data *enc, krb5_data *out)
{
	out->length = enc->ciphertext.length;
	out->data = malloc(out->length ? out->length : 1);
	check(krb5_c_decrypt(ctx, key, usage, NULL, enc, out), "decrypt");
}

int main(int argc, char **argv)
{
	krb5_flags opts = 0;
	krb5_int32 acflags = 0;
	krb5_data in = { 0 }, *inp = NULL, req = { 0 }, tkt, auth;
	krb5_auth_context ac = NULL;
	krb5_ccache cc;
	krb5_creds mcreds = { 0 }, *creds;
	krb5_keytab kt;
	krb5_keytab_entry ent;
	krb5_ap_req *apreq;
	krb5_enc_tkt_part *etp;
	int c;

	while ((c = getopt(argc, argv, "msqc:")) != -1) {
		switch (c) {
		case 'm':
			opts |= AP_OPTS_MUTUAL_REQUIRED;
			break;
		case 's':
			opts |= AP_OPTS_USE_SUBKEY;
			break;
		case 'q':
			acflags |= KRB5_AUTH_CONTEXT_DO_SEQUENCE;
			break;
		case 'c':
			in.data = optarg;
			in.length = strlen(optarg);
			inp = &in;
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 3) {
		fprintf(stderr, "usage: mkapreq [-msq] [-c DATA] SERVICE KEYTAB OUT\n");
		return 2;
	}
	check(krb5_init_context(&ctx), "init");
	check(krb5_cc_default(ctx, &cc), "ccache");
	check(krb5_cc_get_principal(ctx, cc, &mcreds.client), "client");
	check(krb5_parse_name(ctx, argv[optind], &mcreds.server), "service");
	check(krb5_get_credentials(ctx, 0, cc, &mcreds, &creds), "creds");
	check(krb5_auth_con_init(ctx, &ac), "auth_con");
	check(krb5_auth_con_setflags(ctx, ac, acflags), "flags");
	check(krb5_mk_req_extended(ctx, &ac, opts, inp, creds, &req),
	      "mk_req");
	put(argv[optind + 2], "apreq", &req);

	check(decode_krb5_ap_req(&req, &apreq), "decode");
	check(krb5_kt_resolve(ctx, argv[optind + 1], &kt), "keytab");
	check(krb5_kt_get_entry(ctx, kt, apreq->ticket->server,
				apreq->ticket->enc_part.kvno,
				apreq->ticket->enc_part.enctype, &ent),
	      "key");
	decrypt(&ent.key, KRB5_KEYUSAGE_KDC_REP_TICKET,
		&apreq->ticket->enc_part, &tkt);
	put(argv[optind + 2], "tkt", &tkt);
	check(decode_krb5_enc_tkt_part(&tkt, &etp), "decode ticket");
	decrypt(etp->session, KRB5_KEYUSAGE_AP_REQ_AUTH, &apreq->authenticator,
		&auth);
	put(argv[optind + 2], "auth", &auth);
	return 0;
}
