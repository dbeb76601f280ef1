// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapctl status, krbapctl config.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "krbapctl.h"
#include "nl.h"
#include "print.h"

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
	if (tb[KRBAP_A_CONFIG_ACCEPTOR_SUBKEY])
		print_bool("acceptor_subkey", " acceptor_subkey %s",
			   nla_get_u8(tb[KRBAP_A_CONFIG_ACCEPTOR_SUBKEY]));
	if (tb[KRBAP_A_CONFIG_RCACHE_MAX])
		print_u64("rcache_max", " rcache_max %" PRIu64,
			  nla_get_u32(tb[KRBAP_A_CONFIG_RCACHE_MAX]));
	if (tb[KRBAP_A_CONFIG_RCACHE_PERSIST])
		print_bool("rcache_persist", " rcache_persist %s",
			   nla_get_u8(tb[KRBAP_A_CONFIG_RCACHE_PERSIST]));
	if (tb[KRBAP_A_CONFIG_PAC_POLICY])
		print_str("pac_policy", " pac_policy %s",
			  nla_get_u32(tb[KRBAP_A_CONFIG_PAC_POLICY]) ==
			  KRBAP_PAC_IGNORE ? "ignore" : "reject");
	print_close();
	print_text("\n");
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

static void show_restore(struct nlattr **tb)
{
	static const char *const names[] = {
		[KRBAP_RESTORE_PENDING] = "pending",
		[KRBAP_RESTORE_DONE] = "done",
		[KRBAP_RESTORE_OFF] = "off",
		[KRBAP_RESTORE_LAPSED] = "lapsed",
	};
	uint32_t st;

	if (!tb[KRBAP_A_RCACHE_STATE])
		return;
	st = nla_get_u32(tb[KRBAP_A_RCACHE_STATE]);
	print_open("restore");
	print_str("state", "replay cache restore: %s",
		  st < sizeof(names) / sizeof(names[0]) ? names[st] : "unknown");
	if (tb[KRBAP_A_RCACHE_WINDOW_END])
		print_s64("window_end", st == KRBAP_RESTORE_PENDING ?
			  " (window closes at %" PRId64 ")" : NULL,
			  (int64_t)nla_get_u64(tb[KRBAP_A_RCACHE_WINDOW_END]));
	print_close();
	print_text("\n");
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
	show_restore(tb);
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

const struct cmd status_cmds[] = {
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
	if (!strcmp(name, "rcache_max")) {
		if (parse_u32(val, &u32))
			return -1;
		return nla_put_u32(msg, KRBAP_A_CONFIG_RCACHE_MAX, u32) ? -2 : 0;
	}
	if (!strcmp(name, "allow_rc4")) {
		if (parse_onoff(val, &u8))
			return -1;
		return nla_put_u8(msg, KRBAP_A_CONFIG_ALLOW_RC4, u8) ? -2 : 0;
	}
	if (!strcmp(name, "rcache_persist")) {
		if (parse_onoff(val, &u8))
			return -1;
		return nla_put_u8(msg, KRBAP_A_CONFIG_RCACHE_PERSIST, u8) ?
		       -2 : 0;
	}
	if (!strcmp(name, "pac_policy")) {
		if (strcmp(val, "reject") && strcmp(val, "ignore"))
			return -1;
		return nla_put_u32(msg, KRBAP_A_CONFIG_PAC_POLICY,
				   strcmp(val, "ignore") ? KRBAP_PAC_REJECT :
				   KRBAP_PAC_IGNORE) ? -2 : 0;
	}
	if (!strcmp(name, "acceptor_subkey")) {
		if (parse_onoff(val, &u8))
			return -1;
		return nla_put_u8(msg, KRBAP_A_CONFIG_ACCEPTOR_SUBKEY, u8) ?
		       -2 : 0;
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

const struct cmd config_cmds[] = {
	{ "get", config_get, "" },
	{ "set", config_set, "{ clock_skew SECONDS | rcache_max N |\n"
	  "\t\t\t    rcache_persist on|off | allow_rc4 on|off |\n"
	  "\t\t\t    acceptor_subkey on|off } ..." },
	{ NULL, NULL, NULL },
};

int do_status(int argc, char **argv)
{
	return dispatch("status", status_cmds, argc, argv);
}

int do_config(int argc, char **argv)
{
	return dispatch("config", config_cmds, argc, argv);
}

