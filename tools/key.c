// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapctl key: add, delete, flush and list the namespace's service keys.
 * Key bytes go in (as hex on standard input, never on the command line)
 * and never come back out.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "krbapctl.h"
#include "nl.h"
#include "print.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* reads hex digits from stdin, whitespace ignored; returns bytes or -1 */
static int read_hex_key(uint8_t *key, size_t size)
{
	int c, hi = -1, n = 0, v;

	while ((c = getchar()) != EOF) {
		if (isspace(c))
			continue;
		v = hexval(c);
		if (v < 0 || (hi < 0 && (size_t)n == size))
			return -1;
		if (hi < 0) {
			hi = v;
		} else {
			key[n++] = hi << 4 | v;
			hi = -1;
		}
	}
	return hi < 0 && n > 0 ? n : -1;
}

static int key_add(int argc, char **argv)
{
	uint8_t key[KRBAP_KEY_MAX];
	uint32_t kvno, gen = 0;
	struct nl_msg *msg;
	int32_t etype;
	int len, ret;

	if (argc != 3 && !(argc == 5 && !strcmp(argv[3], "generation"))) {
		err_msg("key add: expected PRINCIPAL KVNO ENCTYPE [generation N]");
		return EXIT_SYSTEM;
	}
	if (parse_u32(argv[1], &kvno) || parse_enctype(argv[2], &etype) ||
	    (argc == 5 && parse_u32(argv[4], &gen))) {
		err_msg("key add: bad kvno, enctype or generation");
		return EXIT_SYSTEM;
	}
	len = read_hex_key(key, sizeof(key));
	if (len < 0) {
		explicit_bzero(key, sizeof(key));
		err_msg("key add: expected the key as hex on standard input");
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_KEY_ADD, 0);
	if (!msg || nla_put_string(msg, KRBAP_A_PRINCIPAL, argv[0]) ||
	    nla_put_u32(msg, KRBAP_A_KVNO, kvno) ||
	    nla_put_s32(msg, KRBAP_A_ENCTYPE, etype) ||
	    nla_put_u32(msg, KRBAP_A_GENERATION, gen) ||
	    nla_put(msg, KRBAP_A_KEY, len, key)) {
		explicit_bzero(key, sizeof(key));
		nlmsg_free(msg);
		err_msg("key add: out of memory");
		return EXIT_SYSTEM;
	}
	explicit_bzero(key, sizeof(key));
	ret = knl_call_secret(nl, msg, NULL, NULL);
	return ret ? report("key add", ret) : 0;
}

static int key_del(int argc, char **argv)
{
	struct nl_msg *msg;
	uint32_t kvno;
	int32_t etype;
	int ret, i;

	if (argc < 1 || argc % 2 == 0) {
		err_msg("key del: expected PRINCIPAL [kvno N] [enctype E]");
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_KEY_DEL, 0);
	if (!msg || nla_put_string(msg, KRBAP_A_PRINCIPAL, argv[0]))
		goto err_nomem;
	for (i = 1; i < argc; i += 2) {
		if (!strcmp(argv[i], "kvno") && !parse_u32(argv[i + 1], &kvno))
			ret = nla_put_u32(msg, KRBAP_A_KVNO, kvno);
		else if (!strcmp(argv[i], "enctype") &&
			 !parse_enctype(argv[i + 1], &etype))
			ret = nla_put_s32(msg, KRBAP_A_ENCTYPE, etype);
		else {
			err_msg("key del: bad argument \"%s %s\"", argv[i],
				argv[i + 1]);
			nlmsg_free(msg);
			return EXIT_SYSTEM;
		}
		if (ret)
			goto err_nomem;
	}
	ret = knl_call(nl, msg, NULL, NULL);
	return ret ? report("key del", ret) : 0;

err_nomem:
	nlmsg_free(msg);
	err_msg("key del: out of memory");
	return EXIT_SYSTEM;
}

static int key_flush(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	if (argc) {
		err_msg("key flush: unexpected argument \"%s\"", argv[0]);
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_KEY_FLUSH, 0);
	if (!msg)
		return EXIT_SYSTEM;
	ret = knl_call(nl, msg, NULL, NULL);
	return ret ? report("key flush", ret) : 0;
}

static int key_reply(struct nlattr **tb, void *arg)
{
	int32_t etype;

	(void)arg;
	if (!tb[KRBAP_A_PRINCIPAL] || !tb[KRBAP_A_KVNO] || !tb[KRBAP_A_ENCTYPE])
		return 0;
	etype = (int32_t)nla_get_u32(tb[KRBAP_A_ENCTYPE]);
	print_open(NULL);
	print_str("principal", "%s", nla_get_string(tb[KRBAP_A_PRINCIPAL]));
	print_u64("kvno", " kvno %" PRIu64, nla_get_u32(tb[KRBAP_A_KVNO]));
	print_s64("enctype", " enctype %" PRId64, etype);
	print_str("enctype_name", " (%s)", etype_name(etype));
	if (tb[KRBAP_A_GENERATION])
		print_u64("generation", " generation %" PRIu64 "\n",
			  nla_get_u32(tb[KRBAP_A_GENERATION]));
	print_close();
	return 0;
}

static int key_list(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	if (argc) {
		err_msg("key list: unexpected argument \"%s\"", argv[0]);
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_KEY_GET, NLM_F_DUMP);
	if (!msg)
		return EXIT_SYSTEM;
	print_open_array("keys");
	ret = knl_call(nl, msg, key_reply, NULL);
	print_close_array();
	return ret ? report("key list", ret) : 0;
}

const struct cmd key_cmds[] = {
	{ "list", key_list, "" },
	{ "add", key_add, "PRINCIPAL KVNO ENCTYPE [generation N] < HEXKEY" },
	{ "del", key_del, "PRINCIPAL [kvno N] [enctype E]" },
	{ "flush", key_flush, "" },
	{ NULL, NULL, NULL },
};

int do_key(int argc, char **argv)
{
	return dispatch("key", key_cmds, argc, argv);
}
