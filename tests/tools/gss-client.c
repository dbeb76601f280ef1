// SPDX-License-Identifier: GPL-2.0-only
/*
 * gss-client: an MIT GSS-API initiator for the krbap tests.  Makes the
 * initial context token with gss_init_sec_context for a host-based service,
 * runs an acceptor on it and feeds the acceptor's reply token back to
 * gss_init_sec_context, which must then complete the context.
 *
 *   gss-client [--mutual] [--spnego | --prefer-ntlm] [--etype ENCTYPE]
 *              [--out FILE] SERVICE@HOST [-- CMD ARGS...]
 *
 * In CMD's arguments {token} becomes the initial token's path and {rep} the
 * path the acceptor writes its reply token to, e.g.
 *
 *   gss-client --mutual nfs@server.krbap.test -- \
 *           tools/krbapctl -j accept {token} --rep {rep}
 *
 * --spnego uses MIT's SPNEGO mechanism (1.3.6.1.5.5.2) over krb5: the
 * initiator always waits for the acceptor's NegTokenResp, mutual or not,
 * and when CMD fails but left a token in {rep} (krbapctl accept ...
 * --error {rep}), that reject goes to the initiator too, which must fail.
 * --prefer-ntlm is --spnego offering [NTLMSSP, krb5] (gss-ntlmssp, with
 * an NTLM_USER_FILE), so the NegTokenInit carries an NTLM token and krb5
 * second.
 *
 * On stderr: "gss: complete (flags 0x...)" when the context completed;
 * "gss: refused: MIT's reason" when the initiator failed on a reject.
 * Exit status: CMD's when it failed (128+N when killed by signal N); 3 when
 * the context does not complete with the reply (or a reply came without
 * mutual, or a reject completed it); 2 usage or setup error; else 0.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

#include "kutil.h"

const char *prog = "gss-client";

struct opts {
	const char *service, *out;
	krb5_enctype etype;
	bool mutual, spnego, prefer_ntlm;
	char **cmd;
};

static gss_OID_desc spnego_oid = { 6, (void *)"\x2b\x06\x01\x05\x05\x02" };
static gss_OID_desc ntlm_oid = {
	10, (void *)"\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x0a"
};

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: gss-client [--mutual] [--spnego | --prefer-ntlm] [--etype ENCTYPE]\n"
		"                  [--out FILE] SERVICE@HOST [-- CMD ARGS...]   ({token}, {rep} in ARGS)\n");
	exit(2);
}

static gss_OID mech;	/* gss_mech_krb5, or &spnego_oid with --spnego */

/* the GSS major and minor status in words, after "what:" */
static void gss_status(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 ctx = 0, min;
	gss_buffer_desc msg;

	fprintf(stderr, "%s:", what);
	do {
		gss_display_status(&min, major, GSS_C_GSS_CODE, GSS_C_NO_OID,
				   &ctx, &msg);
		fprintf(stderr, " %.*s", (int)msg.length, (char *)msg.value);
		gss_release_buffer(&min, &msg);
	} while (ctx);
	do {
		gss_display_status(&min, minor, GSS_C_MECH_CODE, mech, &ctx,
				   &msg);
		fprintf(stderr, "; %.*s", (int)msg.length, (char *)msg.value);
		gss_release_buffer(&min, &msg);
	} while (ctx);
	fputc('\n', stderr);
}

static void __attribute__((noreturn))
gss_fatal(const char *what, OM_uint32 major, OM_uint32 minor)
{
	fprintf(stderr, "%s: ", prog);
	gss_status(what, major, minor);
	exit(2);
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "mutual", no_argument, NULL, 'm' },
		{ "spnego", no_argument, NULL, 's' },
		{ "prefer-ntlm", no_argument, NULL, 'N' },
		{ "etype", required_argument, NULL, 'e' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "+", longs, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->mutual = true;
			break;
		case 's':
			o->spnego = true;
			break;
		case 'N':
			o->spnego = o->prefer_ntlm = true;
			break;
		case 'e':
			if (parse_enctype(optarg, &o->etype))
				usage();
			break;
		case 'o':
			o->out = optarg;
			break;
		default:
			usage();
		}
	}
	mech = o->spnego ? &spnego_oid : (gss_OID)gss_mech_krb5;
	if (optind >= argc)
		usage();
	o->service = argv[optind++];
	if (optind < argc) {
		if (strcmp(argv[optind], "--") || optind + 1 >= argc)
			usage();
		o->cmd = argv + optind + 1;
	}
}

struct files {
	char *dir, *token, *rep;
};

/*
 * A credential for the mechanism used; with SPNEGO it wraps a krb5 one,
 * and MIT's SPNEGO passes the enctype limit on to it.
 */
static gss_cred_id_t initiator_cred(const struct opts *o)
{
	gss_OID_set_desc mechs = { 1, mech };
	krb5_enctype etype = o->etype;
	gss_cred_id_t cred;
	OM_uint32 major, minor;

	major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				 &mechs, GSS_C_INITIATE, &cred, NULL, NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_acquire_cred", major, minor);
	if (o->prefer_ntlm) {
		gss_OID_desc both[2] = { ntlm_oid, *gss_mech_krb5 };
		gss_OID_set_desc prefs = { 2, both };

		major = gss_set_neg_mechs(&minor, cred, &prefs);
		if (GSS_ERROR(major))
			gss_fatal("gss_set_neg_mechs", major, minor);
	}
	if (o->etype) {
		major = gss_krb5_set_allowable_enctypes(&minor, cred, 1,
							&etype);
		if (GSS_ERROR(major))
			gss_fatal("gss_krb5_set_allowable_enctypes", major,
				  minor);
	}
	return cred;
}

/*
 * The second call, on the token the acceptor left in {rep}; sets *@none
 * and returns 0 when it left none.
 */
static OM_uint32 second_call(gss_cred_id_t cred, gss_ctx_id_t *ctx,
			     gss_name_t target, OM_uint32 flags,
			     const struct files *f, OM_uint32 *minor,
			     OM_uint32 *ret_flags, bool *none)
{
	gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER;
	krb5_data rep = { 0 };
	OM_uint32 major, tmp;

	*none = read_file(f->rep, &rep) || !rep.length;
	if (*none) {
		free(rep.data);
		return 0;
	}
	in.value = rep.data;
	in.length = rep.length;
	major = gss_init_sec_context(minor, cred, ctx, target, mech, flags, 0,
				     NULL, &in, NULL, &out, ret_flags, NULL);
	free(rep.data);
	gss_release_buffer(&tmp, &out);	/* not minor: it is printed */
	return major;
}

/* the acceptor's reply must complete the context */
static int finish(gss_cred_id_t cred, gss_ctx_id_t *ctx, gss_name_t target,
		  OM_uint32 flags, const struct files *f)
{
	OM_uint32 major, minor, ret_flags = 0;
	bool none;

	major = second_call(cred, ctx, target, flags, f, &minor, &ret_flags,
			    &none);
	if (none) {
		fprintf(stderr, "gss: no reply token from the acceptor\n");
		return 3;
	}
	if (major != GSS_S_COMPLETE) {
		fprintf(stderr, "gss: reply rejected (major 0x%x, minor %u)\n",
			major, minor);
		return 3;
	}
	fprintf(stderr, "gss: complete (flags 0x%x)\n", ret_flags);
	return 0;
}

/*
 * CMD refused the token and may have left its answer in {rep}: a SPNEGO
 * reject (with the KRB-ERROR inside when there is one) that must make the
 * initiator fail.  Returns 3 if it completed the context instead.
 */
static int refused(gss_cred_id_t cred, gss_ctx_id_t *ctx, gss_name_t target,
		   OM_uint32 flags, const struct files *f)
{
	OM_uint32 major, minor;
	bool none;

	major = second_call(cred, ctx, target, flags, f, &minor, NULL, &none);
	if (none)
		return 0;
	if (!GSS_ERROR(major)) {
		fprintf(stderr, "gss: the refusal completed the context (major 0x%x)\n",
			major);
		return 3;
	}
	gss_status("gss: refused", major, minor);
	return 0;
}

int main(int argc, char **argv)
{
	gss_buffer_desc name_buf, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, ret_flags = 0, flags;
	gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
	struct files f = { 0 };
	struct opts o = { 0 };
	krb5_data rep = { 0 };
	gss_cred_id_t cred;
	gss_name_t target;
	int rc = 0;

	parse_opts(argc, argv, &o);
	init_context(0);
	flags = GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG |
		GSS_C_INTEG_FLAG | (o.mutual ? GSS_C_MUTUAL_FLAG : 0);
	name_buf.value = (void *)o.service;
	name_buf.length = strlen(o.service);
	major = gss_import_name(&minor, &name_buf, GSS_C_NT_HOSTBASED_SERVICE,
				&target);
	if (GSS_ERROR(major))
		gss_fatal("gss_import_name", major, minor);
	cred = initiator_cred(&o);
	major = gss_init_sec_context(&minor, cred, &ctx, target, mech, flags,
				     0, NULL, GSS_C_NO_BUFFER, NULL, &out,
				     &ret_flags, NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_init_sec_context", major, minor);
	if ((major == GSS_S_CONTINUE_NEEDED) != (o.mutual || o.spnego)) {
		fprintf(stderr, "%s: unexpected major 0x%x\n", prog, major);
		return 2;
	}

	f.dir = strdup("/tmp/gss-client.XXXXXX");
	if (!f.dir || !mkdtemp(f.dir) ||
	    asprintf(&f.token, "%s/token", f.dir) < 0 ||
	    asprintf(&f.rep, "%s/rep", f.dir) < 0) {
		fprintf(stderr, "%s: cannot make a temporary directory\n", prog);
		return 2;
	}
	if (write_file(o.out ? o.out : f.token, out.value, out.length) ||
	    (o.out && write_file(f.token, out.value, out.length))) {
		fprintf(stderr, "%s: cannot write the token\n", prog);
		return 2;
	}
	gss_release_buffer(&minor, &out);

	if (o.cmd) {
		rc = run_command(o.cmd, f.token, f.rep);
		if (rc && o.spnego) {
			if (refused(cred, &ctx, target, flags, &f))
				rc = 3;
		} else if (!rc && (o.mutual || o.spnego)) {
			rc = finish(cred, &ctx, target, flags, &f);
		} else if (!rc && !read_file(f.rep, &rep) && rep.length) {
			fprintf(stderr, "gss: a reply token without mutual\n");
			rc = 3;
		} else if (!rc) {
			fprintf(stderr, "gss: complete (flags 0x%x)\n",
				ret_flags);
		}
		free(rep.data);
	}
	unlink(f.token);
	unlink(f.rep);
	rmdir(f.dir);
	free(f.dir);
	free(f.token);
	free(f.rep);
	gss_delete_sec_context(&minor, &ctx, GSS_C_NO_BUFFER);
	gss_release_cred(&minor, &cred);
	gss_release_name(&minor, &target);
	return rc;
}
