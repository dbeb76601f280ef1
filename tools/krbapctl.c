// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapctl: control the krbap kernel module over generic netlink.
 *
 *   krbapctl [OPTIONS] OBJECT { COMMAND | help }
 *
 * Exit status: 0 success, 1 the kernel refused the request, 2 usage or
 * system error (including "module not loaded").
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "krbapctl.h"
#include "nl.h"
#include "print.h"

static bool json;
struct knl *nl;

void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("krbapctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int connect_family(void)
{
	int err;

	nl = knl_open(&err);
	if (nl)
		return 0;
	err_msg("%s", knl_strerror(err));
	return EXIT_SYSTEM;
}

/* maps a failed knl_call() to a message and an exit status */
int report(const char *what, int err)
{
	const char *why = knl_extack(nl);
	const char *msg = err == -EPERM ?
		"permission denied (CAP_NET_ADMIN needed)" : strerror(-err);

	if (*why)
		err_msg("%s: %s (%s)", what, msg, why);
	else
		err_msg("%s: %s", what, msg);
	return err == -ENOMEM || err == -EIO || err == -EBADMSG ?
		EXIT_SYSTEM : EXIT_REFUSED;
}

/* finds NAME among a NULL-terminated table by unique prefix */
static const struct cmd *lookup(const struct cmd *tab, const char *name)
{
	const struct cmd *hit = NULL;
	size_t len = strlen(name);

	for (; tab->name; tab++) {
		if (!strcmp(tab->name, name))
			return tab;
		if (!strncmp(tab->name, name, len)) {
			if (hit)
				return NULL;
			hit = tab;
		}
	}
	return hit;
}

void usage_table(FILE *f, const char *obj, const struct cmd *tab)
{
	for (; tab->name; tab++)
		if (tab->usage)
			fprintf(f, "       krbapctl %s %s %s\n", obj, tab->name,
				tab->usage);
}

int dispatch(const char *obj, const struct cmd *tab, int argc,
		    char **argv)
{
	const struct cmd *c = tab;

	if (argc > 0 && !strcmp(argv[0], "help")) {
		printf("Usage:\n");
		usage_table(stdout, obj, tab);
		return 0;
	}
	if (argc > 0) {
		c = lookup(tab, argv[0]);
		if (!c) {
			err_msg("%s: unknown command \"%s\"; try \"krbapctl %s help\"",
				obj, argv[0], obj);
			return EXIT_SYSTEM;
		}
		argc--;
		argv++;
	}
	if (connect_family())
		return EXIT_SYSTEM;
	return c->fn(argc, argv);
}

/* ------------------------------------------------------------------ */
/* status, config                                                     */

/* MIT krb5's names, so operators can compare with klist -e and kadmin */
const char *etype_name(int32_t id)
{
	static const struct {
		int32_t id;
		const char *name;
	} names[] = {
		{ 17, "aes128-cts-hmac-sha1-96" },
		{ 18, "aes256-cts-hmac-sha1-96" },
		{ 19, "aes128-cts-hmac-sha256-128" },
		{ 20, "aes256-cts-hmac-sha384-192" },
		{ 23, "arcfour-hmac" },
		{ 25, "camellia128-cts-cmac" },
		{ 26, "camellia256-cts-cmac" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].id == id)
			return names[i].name;
	return "unknown";
}

int parse_u32(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v > UINT32_MAX)
		return -1;
	*out = v;
	return 0;
}

int parse_onoff(const char *s, uint8_t *out)
{
	if (!strcmp(s, "on") || !strcmp(s, "1") || !strcmp(s, "yes"))
		*out = 1;
	else if (!strcmp(s, "off") || !strcmp(s, "0") || !strcmp(s, "no"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* RFC 4120 7.5.9 names of the codes an acceptor sends */
const char *krb_error_name(uint32_t code)
{
	static const char *const names[] = {
		[0] = "ok",
		[14] = "KDC_ERR_ETYPE_NOSUPP",
		[31] = "KRB_AP_ERR_BAD_INTEGRITY",
		[32] = "KRB_AP_ERR_TKT_EXPIRED",
		[33] = "KRB_AP_ERR_TKT_NYV",
		[34] = "KRB_AP_ERR_REPEAT",
		[35] = "KRB_AP_ERR_NOT_US",
		[36] = "KRB_AP_ERR_BADMATCH",
		[37] = "KRB_AP_ERR_SKEW",
		[38] = "KRB_AP_ERR_BADADDR",
		[39] = "KRB_AP_ERR_BADVERSION",
		[40] = "KRB_AP_ERR_MSG_TYPE",
		[41] = "KRB_AP_ERR_MODIFIED",
		[44] = "KRB_AP_ERR_BADKEYVER",
		[45] = "KRB_AP_ERR_NOKEY",
		[48] = "KRB_AP_ERR_METHOD",
		[60] = "KRB_ERR_GENERIC",
	};

	if (code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	return "KRB_ERR_UNKNOWN";
}

/* an enctype by MIT name or by number */
int parse_enctype(const char *s, int32_t *out)
{
	uint32_t v;

	for (int32_t id = 1; id < 64; id++) {
		if (!strcmp(s, etype_name(id))) {
			*out = id;
			return 0;
		}
	}
	if (parse_u32(s, &v) || v > INT32_MAX)
		return -1;
	*out = v;
	return 0;
}

static const struct cmd objects[] = {
	{ "status", do_status, NULL },
	{ "config", do_config, NULL },
	{ "key", do_key, NULL },
	{ "accept", do_accept, NULL },
	{ "stats", do_stats, NULL },
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: krbapctl [OPTIONS] OBJECT { COMMAND | help }\n"
		"where  OBJECT := { status | config | key | accept | stats }\n"
		"       OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n");
	usage_table(f, "status", status_cmds);
	usage_table(f, "config", config_cmds);
	usage_table(f, "key", key_cmds);
	fprintf(f, "       krbapctl accept FILE [ --rep OUT ] [ --error OUT ]"
		" [ --principal NAME ]\n");
	usage_table(f, "stats", stats_cmds);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *obj;
	bool pretty = false;
	int c, ret;

	while ((c = getopt_long(argc, argv, "+jpVh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		case 'V':
			printf("krbapctl %s\n", KRBAP_TOOLS_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_SYSTEM;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || !strcmp(argv[0], "help")) {
		usage(argc < 1 ? stderr : stdout);
		return argc < 1 ? EXIT_SYSTEM : 0;
	}
	obj = lookup(objects, argv[0]);
	if (!obj) {
		err_msg("unknown object \"%s\"; try \"krbapctl help\"", argv[0]);
		return EXIT_SYSTEM;
	}
	print_init(json, pretty);
	ret = obj->fn(argc - 1, argv + 1);
	if (nl)
		print_finish();
	knl_close(nl);
	return ret;
}
