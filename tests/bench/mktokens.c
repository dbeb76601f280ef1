// SPDX-License-Identifier: GPL-2.0-only
/*
 * mktokens [--etype ENCTYPE] [--ccache NAME] [--no-mutual] [--skew SECS]
 *          -n N -o FILE SERVICE
 *
 * Gets one service ticket for SERVICE from the ccache (KRB5CCNAME by
 * default; with --etype that is the only session enctype the TGS-REQ asks
 * for) and writes N distinct KRB_AP_REQs made from it with
 * krb5_mk_req_extended, each in a fresh auth context and so with a fresh
 * authenticator (mutual-required unless --no-mutual), to FILE as records
 * of a 4-byte big-endian length followed by the token.  --skew stamps the
 * authenticators SECS seconds off the real clock (negative: in the past),
 * after the ticket is fetched.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <krb5.h>

static krb5_context ctx;

static void die(krb5_error_code ret, const char *what)
{
	const char *msg = krb5_get_error_message(ctx, ret);

	fprintf(stderr, "mktokens: %s: %s\n", what, msg);
	krb5_free_error_message(ctx, msg);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: mktokens [--etype ENCTYPE] [--ccache NAME] "
		"[--no-mutual] [--skew SECS] -n N -o FILE SERVICE\n");
	exit(2);
}

static krb5_creds *service_ticket(krb5_ccache cc, const char *service,
				  krb5_enctype etype)
{
	krb5_creds in, *out;
	krb5_error_code ret;

	memset(&in, 0, sizeof(in));
	ret = krb5_cc_get_principal(ctx, cc, &in.client);
	if (ret)
		die(ret, "no client principal in the ccache");
	ret = krb5_parse_name(ctx, service, &in.server);
	if (ret)
		die(ret, service);
	in.keyblock.enctype = etype;
	ret = krb5_get_credentials(ctx, 0, cc, &in, &out);
	if (ret)
		die(ret, "krb5_get_credentials");
	krb5_free_cred_contents(ctx, &in);
	return out;
}

static int ticket_etype(const krb5_creds *creds)
{
	krb5_ticket *tkt;
	int etype;

	if (krb5_decode_ticket(&creds->ticket, &tkt))
		return -1;
	etype = tkt->enc_part.enctype;
	krb5_free_ticket(ctx, tkt);
	return etype;
}

static void write_token(FILE *f, const krb5_data *tok)
{
	uint32_t be = htonl(tok->length);

	if (fwrite(&be, 4, 1, f) != 1 ||
	    fwrite(tok->data, tok->length, 1, f) != 1) {
		perror("mktokens: write");
		exit(1);
	}
}

static void make_one(FILE *f, krb5_creds *creds, krb5_flags opts)
{
	krb5_auth_context ac = NULL;
	krb5_data tok = { 0 };
	krb5_error_code ret;

	ret = krb5_auth_con_init(ctx, &ac);
	if (!ret)
		ret = krb5_mk_req_extended(ctx, &ac, opts, NULL, creds, &tok);
	if (ret)
		die(ret, "krb5_mk_req_extended");
	write_token(f, &tok);
	krb5_free_data_contents(ctx, &tok);
	krb5_auth_con_free(ctx, ac);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "etype", required_argument, NULL, 'e' },
		{ "ccache", required_argument, NULL, 'c' },
		{ "no-mutual", no_argument, NULL, 'M' },
		{ "skew", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *ccname = NULL, *out = NULL;
	krb5_flags opts = AP_OPTS_MUTUAL_REQUIRED;
	krb5_enctype etype = 0;
	struct timespec t0, t1;
	krb5_error_code ret;
	krb5_creds *creds;
	krb5_ccache cc;
	long i, n = 0, skew = 0;
	char *end;
	FILE *f;
	int c;

	ret = krb5_init_context(&ctx);
	if (ret) {
		fprintf(stderr, "mktokens: krb5_init_context failed\n");
		return 1;
	}
	while ((c = getopt_long(argc, argv, "n:o:", lopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			ret = krb5_string_to_enctype(optarg, &etype);
			if (ret)
				die(ret, optarg);
			break;
		case 'c':
			ccname = optarg;
			break;
		case 'M':
			opts = 0;
			break;
		case 's':
			skew = strtol(optarg, &end, 10);
			if (*end || !*optarg)
				usage();
			break;
		case 'n':
			n = strtol(optarg, NULL, 10);
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || n <= 0 || !out)
		usage();
	ret = ccname ? krb5_cc_resolve(ctx, ccname, &cc) :
		       krb5_cc_default(ctx, &cc);
	if (ret)
		die(ret, "ccache");
	creds = service_ticket(cc, argv[optind], etype);
	if (skew) {
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		ret = krb5_set_real_time(ctx, now.tv_sec + skew,
					 now.tv_nsec / 1000);
		if (ret)
			die(ret, "krb5_set_real_time");
	}
	f = fopen(out, "wb");
	if (!f) {
		perror(out);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		make_one(f, creds, opts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (fclose(f)) {
		perror(out);
		return 1;
	}
	fprintf(stderr, "mktokens: %ld tokens (session enctype %d, ticket "
		"enctype %d) in %.2f s\n", n, creds->keyblock.enctype,
		ticket_etype(creds),
		(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	krb5_free_creds(ctx, creds);
	krb5_cc_close(ctx, cc);
	krb5_free_context(ctx);
	return 0;
}
