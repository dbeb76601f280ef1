// SPDX-License-Identifier: GPL-2.0-only
/*
 * gss-client: an MIT GSS-API initiator for the krbap tests.  Makes the
 * initial context token with gss_init_sec_context for a host-based service,
 * runs an acceptor on it and feeds the acceptor's reply token back to
 * gss_init_sec_context, which must then complete the context.
 *
 *   gss-client [--mutual] [--etype ENCTYPE] [--out FILE] SERVICE@HOST
 *              [-- CMD ARGS...]
 *
 * In CMD's arguments {token} becomes the initial token's path and {rep} the
 * path the acceptor writes its reply token to, e.g.
 *
 *   gss-client --mutual nfs@server.krbap.test -- \
 *           tools/krbapctl -j accept {token} --rep {rep}
 *
 * On stderr: "gss: complete (flags 0x...)" when the context completed.
 * Exit status: CMD's when it failed (128+N when killed by signal N); 3 when
 * the context does not complete with the reply (or a reply came without
 * mutual); 2 usage or setup error; else 0.
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
#include <gssapi/gssapi_krb5.h>

#include "kutil.h"

const char *prog = "gss-client";

struct opts {
	const char *service, *out;
	krb5_enctype etype;
	bool mutual;
	char **cmd;
};

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: gss-client [--mutual] [--etype ENCTYPE] [--out FILE]\n"
		"                  SERVICE@HOST [-- CMD ARGS...]   ({token}, {rep} in ARGS)\n");
	exit(2);
}

/* the GSS major and minor status in words, then exit 2 */
static void __attribute__((noreturn))
gss_fatal(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 ctx = 0, min;
	gss_buffer_desc msg;

	fprintf(stderr, "%s: %s:", prog, what);
	do {
		gss_display_status(&min, major, GSS_C_GSS_CODE, GSS_C_NO_OID,
				   &ctx, &msg);
		fprintf(stderr, " %.*s", (int)msg.length, (char *)msg.value);
		gss_release_buffer(&min, &msg);
	} while (ctx);
	do {
		gss_display_status(&min, minor, GSS_C_MECH_CODE,
				   (gss_OID)gss_mech_krb5, &ctx, &msg);
		fprintf(stderr, "; %.*s", (int)msg.length, (char *)msg.value);
		gss_release_buffer(&min, &msg);
	} while (ctx);
	fputc('\n', stderr);
	exit(2);
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "mutual", no_argument, NULL, 'm' },
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

static gss_cred_id_t initiator_cred(const struct opts *o)
{
	gss_OID_set_desc mechs = { 1, (gss_OID)gss_mech_krb5 };
	krb5_enctype etype = o->etype;
	gss_cred_id_t cred;
	OM_uint32 major, minor;

	major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				 &mechs, GSS_C_INITIATE, &cred, NULL, NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_acquire_cred", major, minor);
	if (o->etype) {
		major = gss_krb5_set_allowable_enctypes(&minor, cred, 1,
							&etype);
		if (GSS_ERROR(major))
			gss_fatal("gss_krb5_set_allowable_enctypes", major,
				  minor);
	}
	return cred;
}

/* the second call: the acceptor's reply must complete the context */
static int finish(gss_cred_id_t cred, gss_ctx_id_t *ctx, gss_name_t target,
		  OM_uint32 flags, const struct files *f)
{
	gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, ret_flags = 0;
	krb5_data rep = { 0 };

	if (read_file(f->rep, &rep) || !rep.length) {
		fprintf(stderr, "gss: no reply token from the acceptor\n");
		return 3;
	}
	in.value = rep.data;
	in.length = rep.length;
	major = gss_init_sec_context(&minor, cred, ctx, target,
				     (gss_OID)gss_mech_krb5, flags, 0, NULL,
				     &in, NULL, &out, &ret_flags, NULL);
	free(rep.data);
	gss_release_buffer(&minor, &out);
	if (major != GSS_S_COMPLETE) {
		fprintf(stderr, "gss: reply rejected (major 0x%x, minor %u)\n",
			major, minor);
		return 3;
	}
	fprintf(stderr, "gss: complete (flags 0x%x)\n", ret_flags);
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
	major = gss_init_sec_context(&minor, cred, &ctx, target,
				     (gss_OID)gss_mech_krb5, flags, 0, NULL,
				     GSS_C_NO_BUFFER, NULL, &out, &ret_flags,
				     NULL);
	if (GSS_ERROR(major))
		gss_fatal("gss_init_sec_context", major, minor);
	if ((major == GSS_S_CONTINUE_NEEDED) != o.mutual) {
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
		if (!rc && o.mutual) {
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
