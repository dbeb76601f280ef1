// SPDX-License-Identifier: GPL-2.0-only
/*
 * heimdal-gss-client: a Heimdal GSS-API initiator for the krbap tests, the
 * counterpart of gss-client (MIT).  Built against Heimdal's libgssapi and
 * libkrb5 (Debian's heimdal-multidev), it takes its TGT from a ccache that
 * MIT's kinit wrote, makes the initial context token, runs an acceptor on
 * it and feeds the acceptor's reply back to gss_init_sec_context.
 *
 *   heimdal-gss-client [--mech krb5|spnego] [--mutual] [--ccache NAME]
 *                      [--etype E[,E...]] [--out FILE] SERVICE
 *                      [-- CMD ARGS...]
 *
 * SERVICE is host-based (nfs@server.krbap.test) or, with a '/', a krb5
 * principal name (nfs/server.krbap.test@KRBAP.TEST).  --etype limits the
 * enctypes Heimdal asks the KDC for and lists in its RFC 4537 EtypeList.
 * In CMD's arguments {token} becomes the initial token's path and {rep}
 * the path the acceptor writes its reply (or error) token to.
 *
 * On stderr:
 *   heimdal: cred PRINCIPAL            whose TGT the ccache held
 *   gss: complete (flags 0x...)        the context completed
 *   gss: N-byte token left for the acceptor   (a further leg we cannot send)
 *   heimdal: cfx 0|1 token_key ENCTYPE acceptor_subkey 0|1
 *                                      Heimdal's view of the context
 *   gss: refused (major 0x..., minor N, krb_error N): TEXT
 *                                      the acceptor refused and Heimdal read
 *                                      its error token, or its reply failed
 * Exit status: CMD's when it failed (128+N when killed by signal N); 3 when
 * the context does not complete with the reply (or a reply came that no
 * context waits for); 2 usage or setup error; else 0.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <gssapi/gssapi_spnego.h>
#include <krb5.h>

#include "runcmd.h"

#define MAX_ETYPES	8

const char *prog = "heimdal-gss-client";

static krb5_context kctx;

struct opts {
	const char *service, *out, *ccache;
	gss_OID mech;
	int32_t etypes[MAX_ETYPES];
	OM_uint32 n_etypes;
	bool mutual;
	char **cmd;
};

struct files {
	char *dir, *token, *rep;
};

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: heimdal-gss-client [--mech krb5|spnego] [--mutual] [--ccache NAME]\n"
		"                          [--etype E[,E...]] [--out FILE] SERVICE\n"
		"                          [-- CMD ARGS...]   ({token}, {rep} in ARGS)\n");
	exit(2);
}

static void print_status(OM_uint32 code, int type)
{
	OM_uint32 ctx = 0, min;
	gss_buffer_desc msg;

	do {
		if (gss_display_status(&min, code, type, GSS_C_NO_OID, &ctx,
				       &msg) != GSS_S_COMPLETE)
			return;
		fprintf(stderr, " %.*s", (int)msg.length, (char *)msg.value);
		gss_release_buffer(&min, &msg);
	} while (ctx);
}

/* the GSS major and minor status in words, then exit 2 */
static void __attribute__((noreturn))
gss_fatal(const char *what, OM_uint32 major, OM_uint32 minor)
{
	fprintf(stderr, "%s: %s:", prog, what);
	print_status(major, GSS_C_GSS_CODE);
	fputc(';', stderr);
	print_status(minor, GSS_C_MECH_CODE);
	fputc('\n', stderr);
	exit(2);
}

/* the RFC 4120 error number of a krb5 minor status, else -1 */
static long rfc_error(OM_uint32 minor)
{
	long code = (long)(int32_t)minor - ERROR_TABLE_BASE_krb5;

	return code >= 0 && code < 128 ? code : -1;
}

static void report_refusal(OM_uint32 major, OM_uint32 minor)
{
	fprintf(stderr, "gss: refused (major 0x%x, minor %u, krb_error %ld):",
		major, minor, rfc_error(minor));
	print_status(major, GSS_C_GSS_CODE);
	if (minor) {
		fputc(';', stderr);
		print_status(minor, GSS_C_MECH_CODE);
	}
	fputc('\n', stderr);
}

static void parse_etypes(const char *arg, struct opts *o)
{
	char *list = strdup(arg), *save = NULL, *s;
	krb5_enctype e;

	if (!list)
		usage();
	for (s = strtok_r(list, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		if (o->n_etypes == MAX_ETYPES ||
		    krb5_string_to_enctype(kctx, s, &e)) {
			fprintf(stderr, "%s: unknown enctype %s\n", prog, s);
			usage();
		}
		o->etypes[o->n_etypes++] = e;
	}
	free(list);
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "mech", required_argument, NULL, 'M' },
		{ "mutual", no_argument, NULL, 'm' },
		{ "ccache", required_argument, NULL, 'c' },
		{ "etype", required_argument, NULL, 'e' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->mech = GSS_KRB5_MECHANISM;
	while ((c = getopt_long(argc, argv, "+", longs, NULL)) != -1) {
		switch (c) {
		case 'M':
			if (!strcmp(optarg, "krb5"))
				o->mech = GSS_KRB5_MECHANISM;
			else if (!strcmp(optarg, "spnego"))
				o->mech = GSS_SPNEGO_MECHANISM;
			else
				usage();
			break;
		case 'm':
			o->mutual = true;
			break;
		case 'c':
			o->ccache = optarg;
			break;
		case 'e':
			parse_etypes(optarg, o);
			break;
		case 'o':
			o->out = optarg;
			break;
		default:
			usage();
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
}

static gss_name_t import_target(const char *service)
{
	gss_buffer_desc buf = { strlen(service), (void *)service };
	gss_OID type = strchr(service, '/') ? GSS_KRB5_NT_PRINCIPAL_NAME :
					      GSS_C_NT_HOSTBASED_SERVICE;
	OM_uint32 major, minor;
	gss_name_t name;

	major = gss_import_name(&minor, &buf, type, &name);
	if (GSS_ERROR(major))
		gss_fatal("gss_import_name", major, minor);
	return name;
}

static void show_cred(gss_cred_id_t cred)
{
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor;
	gss_name_t name;

	major = gss_inquire_cred(&minor, cred, &name, NULL, NULL, NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_inquire_cred", major, minor);
	major = gss_display_name(&minor, name, &text, NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_display_name", major, minor);
	fprintf(stderr, "heimdal: cred %.*s\n", (int)text.length,
		(char *)text.value);
	gss_release_buffer(&minor, &text);
	gss_release_name(&minor, &name);
}

/*
 * An initiator credential for the mechanism (SPNEGO's holds krb5's) from
 * the ccache named, else the default one.
 */
static gss_cred_id_t initiator_cred(const struct opts *o)
{
	gss_OID_desc mech = *o->mech;
	gss_OID_set_desc mechs = { 1, &mech };
	OM_uint32 major, minor;
	gss_cred_id_t cred;

	if (o->ccache) {
		major = gss_krb5_ccache_name(&minor, o->ccache, NULL);
		if (GSS_ERROR(major))
			gss_fatal("gss_krb5_ccache_name", major, minor);
	}
	major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				 &mechs, GSS_C_INITIATE, &cred, NULL, NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_acquire_cred", major, minor);
	if (o->n_etypes) {
		major = gss_krb5_set_allowable_enctypes(&minor, cred,
							o->n_etypes,
							(int32_t *)o->etypes);
		if (GSS_ERROR(major))
			gss_fatal("gss_krb5_set_allowable_enctypes", major,
				  minor);
	}
	show_cred(cred);
	return cred;
}

static const char *etype_name(int32_t e, char *buf, size_t len)
{
	char *s = NULL;

	if (krb5_enctype_to_string(kctx, e, &s)) {
		snprintf(buf, len, "%d", (int)e);
	} else {
		snprintf(buf, len, "%s", s);
		free(s);
	}
	return buf;
}

/*
 * What Heimdal holds after the exchange: the token format (CFX or not),
 * the key its tokens use and whether that is the acceptor's subkey.
 * Exporting the lucid context consumes the context.
 */
static void show_context(gss_ctx_id_t *ctx)
{
	gss_krb5_lucid_context_v1_t *lc;
	OM_uint32 major, minor, type;
	void *p = NULL;
	char name[64];

	major = gss_krb5_export_lucid_sec_context(&minor, ctx, 1, &p);
	if (GSS_ERROR(major)) {
		fprintf(stderr, "heimdal: no lucid context:");
		print_status(major, GSS_C_GSS_CODE);
		fputc('\n', stderr);
		return;
	}
	lc = p;
	type = lc->protocol ? lc->cfx_kd.ctx_key.type :
			      lc->rfc1964_kd.ctx_key.type;
	fprintf(stderr, "heimdal: cfx %u token_key %s acceptor_subkey %u\n",
		lc->protocol, etype_name(type, name, sizeof(name)),
		lc->protocol ? lc->cfx_kd.have_acceptor_subkey : 0);
	gss_krb5_free_lucid_sec_context(&minor, p);
}

struct init {
	gss_cred_id_t cred;
	gss_ctx_id_t ctx;
	gss_name_t target;
	gss_OID mech;
	OM_uint32 flags;
};

static OM_uint32 step(struct init *in, gss_buffer_t input, gss_buffer_t out,
		      OM_uint32 *minor, OM_uint32 *ret_flags)
{
	return gss_init_sec_context(minor, in->cred, &in->ctx, in->target,
				    in->mech, in->flags, 0, NULL, input, NULL,
				    out, ret_flags, NULL);
}

/*
 * The second call, on whatever the acceptor wrote: its reply must
 * complete the context; its error token must fail it (rc is CMD's status).
 */
static int finish(struct init *in, const struct files *f, int rc)
{
	gss_buffer_desc input, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, junk, ret_flags = 0;
	size_t len = 0;
	void *buf;

	if (read_bytes(f->rep, &buf, &len) || !len) {
		if (!rc)
			fprintf(stderr, "gss: no reply token from the acceptor\n");
		return rc ?: 3;
	}
	input.value = buf;
	input.length = len;
	major = step(in, &input, &out, &minor, &ret_flags);
	free(buf);
	if (out.length)
		fprintf(stderr, "gss: %zu-byte token left for the acceptor\n",
			out.length);
	gss_release_buffer(&junk, &out);
	if (major != GSS_S_COMPLETE) {
		report_refusal(major, minor);
		return rc ?: 3;
	}
	if (rc) {
		fprintf(stderr, "gss: complete on a refusal\n");
		return rc;
	}
	fprintf(stderr, "gss: complete (flags 0x%x)\n", ret_flags);
	show_context(&in->ctx);
	return 0;
}

/* the exchange after the first token; the exit status */
static int exchange(struct init *in, OM_uint32 major, OM_uint32 ret_flags,
		    const struct opts *o, const struct files *f)
{
	size_t len = 0;
	void *buf = NULL;
	int rc;

	rc = run_command(o->cmd, f->token, f->rep);
	if (major == GSS_S_CONTINUE_NEEDED)
		return finish(in, f, rc);
	if (rc)
		return rc;
	if (!read_bytes(f->rep, &buf, &len) && len) {
		free(buf);
		fprintf(stderr, "gss: a reply token without mutual\n");
		return 3;
	}
	free(buf);
	fprintf(stderr, "gss: complete (flags 0x%x)\n", ret_flags);
	show_context(&in->ctx);
	return 0;
}

static int make_files(struct files *f)
{
	f->dir = strdup("/tmp/heimdal-gss-client.XXXXXX");
	if (!f->dir || !mkdtemp(f->dir) ||
	    asprintf(&f->token, "%s/token", f->dir) < 0 ||
	    asprintf(&f->rep, "%s/rep", f->dir) < 0) {
		fprintf(stderr, "%s: cannot make a temporary directory\n", prog);
		return -1;
	}
	return 0;
}

static void remove_files(struct files *f)
{
	if (f->token)
		unlink(f->token);
	if (f->rep)
		unlink(f->rep);
	if (f->dir)
		rmdir(f->dir);
	free(f->dir);
	free(f->token);
	free(f->rep);
}

int main(int argc, char **argv)
{
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, ret_flags = 0;
	struct init in = { .ctx = GSS_C_NO_CONTEXT };
	struct files f = { 0 };
	struct opts o = { 0 };
	int rc = 0;

	if (krb5_init_context(&kctx)) {
		fprintf(stderr, "%s: krb5_init_context failed\n", prog);
		return 2;
	}
	parse_opts(argc, argv, &o);
	gsskrb5_set_dns_canonicalize(0);
	in.mech = o.mech;
	in.flags = GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG |
		   GSS_C_INTEG_FLAG | (o.mutual ? GSS_C_MUTUAL_FLAG : 0);
	in.target = import_target(o.service);
	in.cred = initiator_cred(&o);
	major = step(&in, GSS_C_NO_BUFFER, &out, &minor, &ret_flags);
	if (GSS_ERROR(major))
		gss_fatal("gss_init_sec_context", major, minor);
	/* SPNEGO always waits for the acceptor's NegTokenResp */
	if (o.mech == GSS_KRB5_MECHANISM &&
	    (major == GSS_S_CONTINUE_NEEDED) != o.mutual) {
		fprintf(stderr, "%s: unexpected major 0x%x\n", prog, major);
		return 2;
	}
	if (make_files(&f) ||
	    write_file(o.out ? o.out : f.token, out.value, out.length) ||
	    (o.out && write_file(f.token, out.value, out.length))) {
		fprintf(stderr, "%s: cannot write the token\n", prog);
		remove_files(&f);
		return 2;
	}
	gss_release_buffer(&minor, &out);
	if (o.cmd)
		rc = exchange(&in, major, ret_flags, &o, &f);
	remove_files(&f);
	gss_delete_sec_context(&minor, &in.ctx, GSS_C_NO_BUFFER);
	gss_release_cred(&minor, &in.cred);
	gss_release_name(&minor, &in.target);
	krb5_free_context(kctx);
	return rc;
}
