// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbap-client: the MIT krb5 client side of the krbap tests.  Gets a service
 * ticket from the ccache's KDC, makes a KRB_AP_REQ with krb5_mk_req_extended,
 * optionally runs an acceptor on it and checks the acceptor's AP-REP with
 * krb5_rd_rep in the same auth context.
 *
 *   krbap-client [OPTIONS] SERVICE [-- CMD ARGS...]
 *
 * In CMD's arguments {token} becomes the AP-REQ's path and {rep} the path the
 * acceptor should write its AP-REP to, e.g.
 *
 *   krbap-client --mutual nfs/server.krbap.test -- \
 *           tools/krbapctl -j accept {token} --rep {rep}
 *
 * Exit status: CMD's when it failed (128+N when killed by signal N); 3 when
 * mutual authentication was asked and the AP-REP is missing or fails
 * krb5_rd_rep; 2 usage or setup error; else 0.  With --replay N the exit
 * status of each of the N runs is printed as "exit S" on stdout and the tool
 * exits 0 (a failed AP-REP check shows as "exit 3").
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kutil.h"

const char *prog = "krbap-client";

/* exported by libkrb5, not in its public header */
krb5_error_code decode_krb5_ap_req(const krb5_data *, krb5_ap_req **);
void krb5_free_ap_req(krb5_context, krb5_ap_req *);
krb5_error_code decode_krb5_authenticator(const krb5_data *,
					  krb5_authenticator **);

struct opts {
	const char *service, *ccache, *out, *rep, *cksum_data;
	krb5_enctype etype;
	bool mutual, subkey, seq, quiet;
	long skew, replay;
	char **cmd;
};

struct client {
	krb5_ccache cc;
	krb5_creds *creds;
	krb5_auth_context ac;
	krb5_data token;
	char *tmpdir, *token_path, *rep_path;
};

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: krbap-client [--etype ENCTYPE] [--mutual] [--subkey] [--seq]\n"
		"                    [--skew SECS] [--checksum-data DATA] [--out FILE]\n"
		"                    [--rep FILE] [--replay N] [--ccache NAME] [-q]\n"
		"                    SERVICE [-- CMD ARGS...]   ({token}, {rep} in ARGS)\n");
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
		{ "etype", required_argument, NULL, 'E' },
		{ "mutual", no_argument, NULL, 'm' },
		{ "subkey", no_argument, NULL, 's' },
		{ "seq", no_argument, NULL, 'S' },
		{ "skew", required_argument, NULL, 'k' },
		{ "checksum-data", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "rep", required_argument, NULL, 'r' },
		{ "replay", required_argument, NULL, 'R' },
		{ "ccache", required_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	/* "+": stop at the first non-option, so CMD's options stay CMD's. */
	while ((c = getopt_long(argc, argv, "+qh", lo, NULL)) != -1) {
		switch (c) {
		case 'E':
			if (parse_enctype(optarg, &o->etype))
				fatal(0, "unknown enctype %s", optarg);
			break;
		case 'm': o->mutual = true; break;
		case 's': o->subkey = true; break;
		case 'S': o->seq = true; break;
		case 'k': o->skew = number(optarg); break;
		case 'c': o->cksum_data = optarg; break;
		case 'o': o->out = optarg; break;
		case 'r': o->rep = optarg; break;
		case 'R':
			o->replay = number(optarg);
			if (o->replay < 1)
				usage();
			break;
		case 'C': o->ccache = optarg; break;
		case 'q': o->quiet = true; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	o->service = argv[optind++];
	if (optind < argc) {
		if (strcmp(argv[optind], "--") || optind + 1 >= argc)
			usage();
		o->cmd = argv + optind + 1;
	}
	if (o->replay && !o->cmd)
		usage();
}

static void get_ticket(const struct opts *o, struct client *cl)
{
	krb5_creds in = { 0 };
	krb5_error_code ret;

	ret = o->ccache ? krb5_cc_resolve(kctx, o->ccache, &cl->cc) :
			  krb5_cc_default(kctx, &cl->cc);
	if (ret)
		fatal(ret, "ccache");
	ret = krb5_cc_get_principal(kctx, cl->cc, &in.client);
	if (ret)
		fatal(ret, "ccache %s", krb5_cc_get_name(kctx, cl->cc));
	ret = krb5_parse_name(kctx, o->service, &in.server);
	if (ret)
		fatal(ret, "service %s", o->service);
	/* A set enctype is the only one the TGS-REQ asks for. */
	in.keyblock.enctype = o->etype;
	ret = krb5_get_credentials(kctx, 0, cl->cc, &in, &cl->creds);
	if (ret)
		fatal(ret, "ticket for %s", o->service);
	if (o->etype && cl->creds->keyblock.enctype != o->etype)
		fatal(0, "KDC gave session enctype %d, not %d",
		      cl->creds->keyblock.enctype, o->etype);
	krb5_free_cred_contents(kctx, &in);
}

/* Move the client's clock; the TGS exchange above used the real one. */
static void skew_clock(long skew)
{
	krb5_timestamp now;
	krb5_int32 usec;
	krb5_error_code ret;

	ret = krb5_us_timeofday(kctx, &now, &usec);
	if (!ret)
		ret = krb5_set_real_time(kctx, now + skew, usec);
	if (ret)
		fatal(ret, "krb5_set_real_time");
}

static void make_token(const struct opts *o, struct client *cl)
{
	krb5_flags ap_opts = o->mutual ? AP_OPTS_MUTUAL_REQUIRED : 0;
	krb5_data cksum, *in = NULL;
	krb5_int32 flags;
	krb5_error_code ret;

	ret = krb5_auth_con_init(kctx, &cl->ac);
	if (ret)
		fatal(ret, "krb5_auth_con_init");
	krb5_auth_con_getflags(kctx, cl->ac, &flags);
	/* mk_req_extended wants AP_OPTS_USE_SUBKEY (never sent) for that. */
	if (o->subkey)
		ap_opts |= AP_OPTS_USE_SUBKEY;
	if (o->seq)
		flags |= KRB5_AUTH_CONTEXT_DO_SEQUENCE;
	krb5_auth_con_setflags(kctx, cl->ac, flags);
	if (o->cksum_data) {
		cksum.magic = KV5M_DATA;
		cksum.data = (char *)o->cksum_data;
		cksum.length = strlen(o->cksum_data);
		in = &cksum;
	}
	if (o->skew)
		skew_clock(o->skew);
	ret = krb5_mk_req_extended(kctx, &cl->ac, ap_opts, in, cl->creds,
				   &cl->token);
	if (ret)
		fatal(ret, "krb5_mk_req_extended");
}

static char *path_in(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		fatal(0, "out of memory");
	return p;
}

static void prepare_files(const struct opts *o, struct client *cl)
{
	const char *tmp = getenv("TMPDIR");
	char *tmpl;
	int e;

	if (asprintf(&tmpl, "%s/krbap-client.XXXXXX", tmp ? tmp : "/tmp") < 0)
		fatal(0, "out of memory");
	if (!mkdtemp(tmpl))
		fatal(0, "mkdtemp %s: %s", tmpl, strerror(errno));
	cl->tmpdir = tmpl;
	cl->token_path = o->out ? strdup(o->out) : path_in(tmpl, "token");
	cl->rep_path = o->rep ? strdup(o->rep) : path_in(tmpl, "rep");
	e = write_file(cl->token_path, cl->token.data, cl->token.length);
	if (e)
		fatal(0, "%s: %s", cl->token_path, strerror(-e));
}

static void cleanup_files(const struct opts *o, struct client *cl)
{
	if (!cl->tmpdir)
		return;
	if (!o->out)
		unlink(cl->token_path);
	if (!o->rep)
		unlink(cl->rep_path);
	rmdir(cl->tmpdir);
	free(cl->tmpdir);
	free(cl->token_path);
	free(cl->rep_path);
}

/*
 * Our own authenticator, decrypted from the token we sent (the copy MIT
 * keeps in the auth context is only partly filled in).
 */
static krb5_authenticator *sent_authenticator(const struct client *cl)
{
	krb5_authenticator *auth = NULL;
	krb5_ap_req *req = NULL;
	krb5_data plain = { 0 };
	krb5_error_code ret;

	ret = decode_krb5_ap_req(&cl->token, &req);
	if (!ret) {
		plain.length = req->authenticator.ciphertext.length;
		plain.data = calloc(1, plain.length);
		ret = plain.data ? 0 : ENOMEM;
	}
	if (!ret)
		ret = krb5_c_decrypt(kctx, &cl->creds->keyblock,
				     KRB5_KEYUSAGE_AP_REQ_AUTH, NULL,
				     &req->authenticator, &plain);
	if (!ret)
		ret = decode_krb5_authenticator(&plain, &auth);
	if (ret)
		fatal(ret, "decrypting our own authenticator");
	krb5_free_data_contents(kctx, &plain);
	krb5_free_ap_req(kctx, req);
	return auth;
}

/* The AP-REP must answer our authenticator (MIT checks ctime and cusec too). */
static int check_rep(const struct opts *o, const struct client *cl)
{
	krb5_ap_rep_enc_part *repl = NULL;
	krb5_authenticator *auth = NULL;
	krb5_error_code ret;
	krb5_data rep;
	char b[64];
	int e, status = 0;

	e = read_file(cl->rep_path, &rep);
	if (e) {
		fprintf(stderr, "rd_rep: no AP-REP: %s: %s\n", cl->rep_path,
			strerror(-e));
		return 3;
	}
	ret = krb5_rd_rep(kctx, cl->ac, &rep, &repl);
	free(rep.data);
	if (ret) {
		const char *m = krb5_get_error_message(kctx, ret);

		fprintf(stderr, "rd_rep: failed: %s\n", m);
		krb5_free_error_message(kctx, m);
		return 3;
	}
	auth = sent_authenticator(cl);
	if (repl->ctime != auth->ctime || repl->cusec != auth->cusec) {
		fprintf(stderr, "rd_rep: ctime/cusec do not match ours\n");
		status = 3;
	} else if (repl->subkey &&
		   (!krb5_c_valid_enctype(repl->subkey->enctype) ||
		    !repl->subkey->length)) {
		fprintf(stderr, "rd_rep: bad acceptor subkey (enctype %d)\n",
			repl->subkey->enctype);
		status = 3;
	} else if (!o->quiet) {
		fprintf(stderr, "rd_rep: ok (subkey %s, seq %s%u)\n",
			repl->subkey ? enctype_name(repl->subkey->enctype, b,
						    sizeof(b)) : "none",
			repl->seq_number ? "" : "none ",
			(unsigned int)repl->seq_number);
	}
	krb5_free_authenticator(kctx, auth);
	krb5_free_ap_rep_enc_part(kctx, repl);
	return status;
}

/* What we sent, checked against what was asked for. */
static void summary(const struct opts *o, const struct client *cl)
{
	krb5_authenticator *auth = sent_authenticator(cl);
	krb5_ticket *t = NULL;
	char *cname = NULL, *sname = NULL, tb[64], sb[64], kb[64];

	if (!!auth->subkey != o->subkey || !!auth->seq_number != o->seq ||
	    !!auth->checksum != !!o->cksum_data)
		fatal(0, "authenticator: subkey %d seq %d checksum %d, not as asked",
		      !!auth->subkey, !!auth->seq_number, !!auth->checksum);
	if (o->quiet)
		goto out;
	krb5_decode_ticket(&cl->creds->ticket, &t);
	krb5_unparse_name(kctx, cl->creds->client, &cname);
	krb5_unparse_name(kctx, cl->creds->server, &sname);
	fprintf(stderr,
		"%s: %s -> %s: ticket %s kvno %u, session %s, AP-REQ %u bytes%s",
		prog, cname, sname,
		t ? enctype_name(t->enc_part.enctype, tb, sizeof(tb)) : "?",
		t ? t->enc_part.kvno : 0,
		enctype_name(cl->creds->keyblock.enctype, sb, sizeof(sb)),
		cl->token.length, o->mutual ? ", mutual" : "");
	if (auth->subkey)
		fprintf(stderr, ", subkey %s",
			enctype_name(auth->subkey->enctype, kb, sizeof(kb)));
	if (auth->seq_number)
		fprintf(stderr, ", seq %u", (unsigned int)auth->seq_number);
	if (auth->checksum)
		fprintf(stderr, ", checksum type %d", auth->checksum->checksum_type);
	if (o->skew)
		fprintf(stderr, ", clock %+lds", o->skew);
	fputc('\n', stderr);
	krb5_free_ticket(kctx, t);
	krb5_free_unparsed_name(kctx, cname);
	krb5_free_unparsed_name(kctx, sname);
out:
	krb5_free_authenticator(kctx, auth);
}

static int run_once(const struct opts *o, const struct client *cl)
{
	int st;

	unlink(cl->rep_path);
	st = run_command(o->cmd, cl->token_path, cl->rep_path);
	if (st == 0 && o->mutual)
		st = check_rep(o, cl);
	return st;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct client cl = { 0 };
	int st = 0;
	long i;

	parse(argc, argv, &o);
	/*
	 * mk_req_extended refuses tickets not valid within the clock skew of
	 * the client's own clock; a skewed client must not trip over that.
	 */
	init_context(o.skew ? labs(o.skew) + 300 : 0);
	get_ticket(&o, &cl);
	make_token(&o, &cl);
	prepare_files(&o, &cl);
	summary(&o, &cl);

	if (o.replay) {
		for (i = 0; i < o.replay; i++) {
			st = run_once(&o, &cl);
			printf("exit %d\n", st);
			fflush(stdout);
		}
		st = 0;
	} else if (o.cmd) {
		st = run_once(&o, &cl);
	} else if (!o.out) {
		fprintf(stderr, "%s: AP-REQ in %s (no --out, no CMD)\n", prog,
			cl.token_path);
		free(cl.tmpdir);
		cl.tmpdir = NULL;	/* keep it: it is the only output */
	}

	cleanup_files(&o, &cl);
	krb5_free_data_contents(kctx, &cl.token);
	krb5_auth_con_free(kctx, cl.ac);
	krb5_free_creds(kctx, cl.creds);
	krb5_cc_close(kctx, cl.cc);
	krb5_free_context(kctx);
	return st;
}
