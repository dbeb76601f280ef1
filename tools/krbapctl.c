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

#include "nl.h"
#include "print.h"

#define EXIT_REFUSED	1
#define EXIT_SYSTEM	2

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
};

static bool json;
static struct knl *nl;

static void __attribute__((format(printf, 1, 2))) err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("krbapctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int connect_family(void)
{
	int err;

	nl = knl_open(&err);
	if (nl)
		return 0;
	err_msg("%s", knl_strerror(err));
	return EXIT_SYSTEM;
}

/* maps a failed knl_call() to a message and an exit status */
static int report(const char *what, int err)
{
	const char *why = knl_extack(nl);

	if (*why)
		err_msg("%s: %s (%s)", what, knl_strerror(err), why);
	else
		err_msg("%s: %s", what, knl_strerror(err));
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

static void usage_table(FILE *f, const char *obj, const struct cmd *tab)
{
	for (; tab->name; tab++)
		if (tab->usage)
			fprintf(f, "       krbapctl %s %s %s\n", obj, tab->name,
				tab->usage);
}

static int dispatch(const char *obj, const struct cmd *tab, int argc,
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

static const char *etype_state_name(uint32_t state)
{
	static const char *const names[] = {
		[KRBAP_ETYPE_ENABLED] = "enabled",
		[KRBAP_ETYPE_DISABLED] = "disabled",
		[KRBAP_ETYPE_FAILED] = "failed-selftest",
		[KRBAP_ETYPE_UNAVAILABLE] = "unavailable",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] :
	       "unknown";
}

static void show_config(struct nlattr *attr)
{
	struct nlattr *tb[KRBAP_A_CONFIG_MAX + 1];

	if (!attr || nla_parse_nested(tb, KRBAP_A_CONFIG_MAX, attr, NULL))
		return;
	print_open("config");
	if (tb[KRBAP_A_CONFIG_CLOCK_SKEW])
		print_u64("clock_skew", "clock_skew %" PRIu64 "s",
			  nla_get_u32(tb[KRBAP_A_CONFIG_CLOCK_SKEW]));
	if (tb[KRBAP_A_CONFIG_ALLOW_RC4])
		print_bool("allow_rc4", " allow_rc4 %s",
			   nla_get_u8(tb[KRBAP_A_CONFIG_ALLOW_RC4]));
	print_close();
	print_text("\n");
}

/* MIT krb5's names, so operators can compare with klist -e and kadmin */
static const char *etype_name(int32_t id)
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

static void show_enctype(struct nlattr *entry)
{
	struct nlattr *tb[KRBAP_A_ENCTYPE_MAX + 1];
	int32_t id;

	if (nla_parse_nested(tb, KRBAP_A_ENCTYPE_MAX, entry, NULL) ||
	    !tb[KRBAP_A_ENCTYPE_ID] || !tb[KRBAP_A_ENCTYPE_STATE])
		return;
	id = (int32_t)nla_get_u32(tb[KRBAP_A_ENCTYPE_ID]);
	print_open(NULL);
	print_s64("id", "  %2" PRId64, id);
	print_str("name", " %-28s", etype_name(id));
	print_str("state", " %s\n",
		  etype_state_name(nla_get_u32(tb[KRBAP_A_ENCTYPE_STATE])));
	print_close();
}

static void show_enctypes(struct nlattr *attr)
{
	struct nlattr *entry;
	int rem;

	if (!attr)
		return;
	print_text("enctypes:\n");
	print_open_array("enctypes");
	nla_for_each_nested(entry, attr, rem)
		if (nla_type(entry) == KRBAP_A_ENCTYPES_ENTRY)
			show_enctype(entry);
	print_close_array();
}

static int status_reply(struct nlattr **tb, void *arg)
{
	(void)arg;
	print_str("version", "krbap %s", tb[KRBAP_A_VERSION] ?
		  nla_get_string(tb[KRBAP_A_VERSION]) : "?");
	print_str("family", " (generic netlink family %s", KRBAP_GENL_NAME);
	print_u64("family_id", " id %" PRIu64 ")\n", knl_family(nl));
	show_config(tb[KRBAP_A_CONFIG]);
	print_open("helper");
	print_bool("registered", NULL, tb[KRBAP_A_HELPER_PORTID] != NULL);
	if (tb[KRBAP_A_HELPER_PORTID])
		print_u64("portid", "helper: registered, netlink port %" PRIu64
			  "\n", nla_get_u32(tb[KRBAP_A_HELPER_PORTID]));
	else
		print_text("helper: none registered\n");
	print_close();
	show_enctypes(tb[KRBAP_A_ENCTYPES]);
	return 0;
}

static int status_show(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	(void)argv;
	if (argc) {
		err_msg("status: unexpected argument \"%s\"", argv[0]);
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_STATUS_GET, 0);
	if (!msg)
		return EXIT_SYSTEM;
	ret = knl_call(nl, msg, status_reply, NULL);
	return ret ? report("status", ret) : 0;
}

static const struct cmd status_cmds[] = {
	{ "show", status_show, "" },
	{ NULL, NULL, NULL },
};

static int config_reply(struct nlattr **tb, void *arg)
{
	(void)arg;
	show_config(tb[KRBAP_A_CONFIG]);
	return 0;
}

static int config_get(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	if (argc) {
		err_msg("config get: unexpected argument \"%s\"", argv[0]);
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_STATUS_GET, 0);
	if (!msg)
		return EXIT_SYSTEM;
	ret = knl_call(nl, msg, config_reply, NULL);
	return ret ? report("config get", ret) : 0;
}

static int parse_u32(const char *s, uint32_t *out)
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

static int parse_onoff(const char *s, uint8_t *out)
{
	if (!strcmp(s, "on") || !strcmp(s, "1") || !strcmp(s, "yes"))
		*out = 1;
	else if (!strcmp(s, "off") || !strcmp(s, "0") || !strcmp(s, "no"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* adds one "NAME VALUE" pair to the config nest */
static int put_setting(struct nl_msg *msg, const char *name, const char *val)
{
	uint32_t u32;
	uint8_t u8;

	if (!strcmp(name, "clock_skew") || !strcmp(name, "skew")) {
		if (parse_u32(val, &u32))
			return -1;
		return nla_put_u32(msg, KRBAP_A_CONFIG_CLOCK_SKEW, u32) ? -2 : 0;
	}
	if (!strcmp(name, "allow_rc4")) {
		if (parse_onoff(val, &u8))
			return -1;
		return nla_put_u8(msg, KRBAP_A_CONFIG_ALLOW_RC4, u8) ? -2 : 0;
	}
	return -3;
}

static int config_set(int argc, char **argv)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	int ret;

	if (argc == 0 || argc % 2) {
		err_msg("config set: expected NAME VALUE pairs");
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_CONFIG_SET, 0);
	if (!msg || !(nest = nla_nest_start(msg, KRBAP_A_CONFIG)))
		goto err_nomem;
	for (int i = 0; i < argc; i += 2) {
		ret = put_setting(msg, argv[i], argv[i + 1]);
		if (ret == -2)
			goto err_nomem;
		if (ret) {
			err_msg(ret == -1 ? "config set: bad value \"%s\" for %s" :
				"config set: unknown setting \"%.0s%s\"",
				argv[i + 1], argv[i]);
			nlmsg_free(msg);
			return EXIT_SYSTEM;
		}
	}
	nla_nest_end(msg, nest);
	ret = knl_call(nl, msg, NULL, NULL);
	return ret ? report("config set", ret) : 0;

err_nomem:
	nlmsg_free(msg);
	err_msg("config set: out of memory");
	return EXIT_SYSTEM;
}

static const struct cmd config_cmds[] = {
	{ "get", config_get, "" },
	{ "set", config_set, "{ clock_skew SECONDS | allow_rc4 on|off } ..." },
	{ NULL, NULL, NULL },
};

static int do_status(int argc, char **argv)
{
	return dispatch("status", status_cmds, argc, argv);
}

static int do_config(int argc, char **argv)
{
	return dispatch("config", config_cmds, argc, argv);
}

static const struct cmd objects[] = {
	{ "status", do_status, NULL },
	{ "config", do_config, NULL },
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: krbapctl [OPTIONS] OBJECT { COMMAND | help }\n"
		"where  OBJECT := { status | config }\n"
		"       OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n");
	usage_table(f, "status", status_cmds);
	usage_table(f, "config", config_cmds);
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
