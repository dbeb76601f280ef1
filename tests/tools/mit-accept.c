// SPDX-License-Identifier: GPL-2.0-only
/*
 * mit-accept: accept one KRB_AP_REQ with MIT krb5 (krb5_rd_req, and
 * krb5_mk_rep when the client asked for mutual authentication).  The MIT
 * peer the krbap tests and benchmarks compare the kernel with: it prints the
 * same JSON keys as `krbapctl -j accept` and exits the same way.
 *
 *   mit-accept TOKEN [--keytab KT] [--server PRINCIPAL] [--rep OUT]
 *              [--error OUT] [--subkey] [--clockskew SECS]
 *              [--time-offset SECS]
 *
 * The replay cache is MIT's default one (KRB5RCACHEDIR, KRB5RCACHETYPE,
 * KRB5RCACHENAME; KRB5RCACHETYPE=none turns it off).  --clockskew sets the
 * acceptor's allowed skew, --time-offset moves the acceptor's clock.
 *
 * Exit status: 0 accepted, 1 refused, 2 usage or system error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kutil.h"

const char *prog = "mit-accept";

/* exported by libkrb5, not in its public header (used for the error sname) */
krb5_error_code decode_krb5_ap_req(const krb5_data *, krb5_ap_req **);
void krb5_free_ap_req(krb5_context, krb5_ap_req *);

struct opts {
	const char *token, *keytab, *server, *rep, *error;
	bool subkey;
	long clockskew, time_offset;
	bool has_offset;
};

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: mit-accept TOKEN [--keytab KT] [--server PRINCIPAL] [--rep OUT]\n"
		"                  [--error OUT] [--subkey] [--clockskew SECS]\n"
		"                  [--time-offset SECS]\n");
	exit(2);
}

static long number(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (!*s || *end || errno)
		usage();
	return n;
}

static void parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "keytab", required_argument, NULL, 'k' },
		{ "server", required_argument, NULL, 's' },
		{ "rep", required_argument, NULL, 'r' },
		{ "error", required_argument, NULL, 'e' },
		{ "subkey", no_argument, NULL, 'S' },
		{ "clockskew", required_argument, NULL, 'c' },
		{ "time-offset", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "k:s:r:e:h", lo, NULL)) != -1) {
		switch (c) {
		case 'k': o->keytab = optarg; break;
		case 's': o->server = optarg; break;
		case 'r': o->rep = optarg; break;
		case 'e': o->error = optarg; break;
		case 'S': o->subkey = true; break;
		case 'c': o->clockskew = number(optarg); break;
		case 't':
			o->time_offset = number(optarg);
			o->has_offset = true;
			break;
		default: usage();
		}
	}
	if (optind != argc - 1)
		usage();
	o->token = argv[optind];
}

static krb5_principal token_server(const krb5_data *token)
{
	krb5_principal p = NULL;
	krb5_ap_req *req;

	if (decode_krb5_ap_req(token, &req) == 0) {
		krb5_copy_principal(kctx, req->ticket->server, &p);
		krb5_free_ap_req(kctx, req);
	}
	if (!p)
		krb5_build_principal(kctx, &p, 7, "UNKNOWN", "unknown", NULL);
	return p;
}

static void write_error(const struct opts *o, krb5_error_code ret,
			const krb5_data *token)
{
	krb5_error err = { 0 };
	krb5_data out;
	long code = (long)ret - ERROR_TABLE_BASE_krb5;
	krb5_int32 usec;
	int e;

	if (code <= 0 || code > 127)
		code = KRB5KRB_ERR_GENERIC - ERROR_TABLE_BASE_krb5;
	krb5_us_timeofday(kctx, &err.stime, &usec);
	err.susec = usec;
	err.error = code;
	if (o->server)
		krb5_parse_name(kctx, o->server, &err.server);
	if (!err.server)
		err.server = token_server(token);
	ret = krb5_mk_error(kctx, &err, &out);
	if (ret)
		fatal(ret, "krb5_mk_error");
	e = write_file(o->error, out.data, out.length);
	if (e)
		fatal(0, "%s: %s", o->error, strerror(-e));
	krb5_free_data_contents(kctx, &out);
	krb5_free_principal(kctx, err.server);
}

static void print_refusal(krb5_error_code ret)
{
	const char *name = krb_error_name(ret);
	const char *msg = krb5_get_error_message(kctx, ret);

	printf("{\"status\":");
	json_str(stdout, name ? name : "KRB_ERR_GENERIC");
	printf(",\"error\":");
	json_str(stdout, msg);
	printf("}\n");
	krb5_free_error_message(kctx, msg);
}

static void print_name(const char *key, krb5_const_principal p)
{
	char *s;

	if (krb5_unparse_name(kctx, p, &s))
		fatal(0, "krb5_unparse_name");
	printf("\"%s\":", key);
	json_str(stdout, s);
	krb5_free_unparsed_name(kctx, s);
}

static void print_accept(const krb5_ticket *t, bool mutual,
			 krb5_auth_context ac)
{
	const krb5_enc_tkt_part *p = t->enc_part2;
	krb5_authenticator *auth = NULL;
	char buf[64];

	printf("{\"status\":\"ok\",");
	print_name("client", p->client);
	putchar(',');
	print_name("server", t->server);
	printf(",\"kvno\":%u,\"ticket_enctype\":\"%s\"", t->enc_part.kvno,
	       enctype_name(t->enc_part.enctype, buf, sizeof(buf)));
	printf(",\"session_enctype\":\"%s\"",
	       enctype_name(p->session->enctype, buf, sizeof(buf)));
	printf(",\"mutual\":%s,\"authtime\":%ld,\"endtime\":%ld",
	       mutual ? "true" : "false", (long)p->times.authtime,
	       (long)p->times.endtime);
	printf(",\"ticket_flags\":%lu", (unsigned long)(krb5_ui_4)p->flags);
	krb5_auth_con_getauthenticator(kctx, ac, &auth);
	if (auth && auth->subkey)
		printf(",\"initiator_subkey_enctype\":\"%s\"",
		       enctype_name(auth->subkey->enctype, buf, sizeof(buf)));
	krb5_free_authenticator(kctx, auth);
	printf("}\n");
}

static void make_rep(const struct opts *o, krb5_auth_context ac)
{
	krb5_data rep;
	krb5_int32 flags;
	int e;

	krb5_auth_con_getflags(kctx, ac, &flags);
	flags |= KRB5_AUTH_CONTEXT_DO_SEQUENCE;
	if (o->subkey)
		flags |= KRB5_AUTH_CONTEXT_USE_SUBKEY;
	krb5_auth_con_setflags(kctx, ac, flags);
	e = krb5_mk_rep(kctx, ac, &rep);
	if (e)
		fatal(e, "krb5_mk_rep");
	e = write_file(o->rep, rep.data, rep.length);
	if (e)
		fatal(0, "%s: %s", o->rep, strerror(-e));
	krb5_free_data_contents(kctx, &rep);
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	krb5_auth_context ac = NULL;
	krb5_principal server = NULL;
	krb5_keytab kt = NULL;
	krb5_ticket *ticket = NULL;
	krb5_flags ap_opts = 0;
	krb5_rcache rc;
	krb5_data token, piece = { KV5M_DATA, 5, "krbap" };
	krb5_error_code ret;
	int e;

	parse(argc, argv, &o);
	init_context(o.clockskew);
	if (o.has_offset) {
		krb5_timestamp now;
		krb5_int32 usec;

		krb5_us_timeofday(kctx, &now, &usec);
		ret = krb5_set_real_time(kctx, now + o.time_offset, usec);
		if (ret)
			fatal(ret, "krb5_set_real_time");
	}
	e = read_file(o.token, &token);
	if (e)
		fatal(0, "%s: %s", o.token, strerror(-e));
	ret = o.keytab ? krb5_kt_resolve(kctx, o.keytab, &kt) :
			 krb5_kt_default(kctx, &kt);
	if (ret)
		fatal(ret, "keytab %s", o.keytab ? o.keytab : "(default)");
	if (o.server) {
		ret = krb5_parse_name(kctx, o.server, &server);
		if (ret)
			fatal(ret, "%s", o.server);
	}
	ret = krb5_auth_con_init(kctx, &ac);
	if (ret)
		fatal(ret, "krb5_auth_con_init");
	/* An explicit cache: rd_req makes one only when given a server. */
	if (getenv("KRB5RCACHETYPE") == NULL ||
	    strcmp(getenv("KRB5RCACHETYPE"), "none") != 0) {
		ret = krb5_get_server_rcache(kctx, &piece, &rc);
		if (ret)
			fatal(ret, "replay cache");
		krb5_auth_con_setrcache(kctx, ac, rc);
	}

	ret = krb5_rd_req(kctx, &ac, &token, server, kt, &ap_opts, &ticket);
	if (ret) {
		print_refusal(ret);
		if (o.error)
			write_error(&o, ret, &token);
	} else {
		print_accept(ticket, ap_opts & AP_OPTS_MUTUAL_REQUIRED, ac);
		if ((ap_opts & AP_OPTS_MUTUAL_REQUIRED) && o.rep)
			make_rep(&o, ac);
	}

	krb5_free_ticket(kctx, ticket);
	krb5_auth_con_free(kctx, ac);
	krb5_free_principal(kctx, server);
	krb5_kt_close(kctx, kt);
	free(token.data);
	krb5_free_context(kctx);
	return ret ? 1 : 0;
}
