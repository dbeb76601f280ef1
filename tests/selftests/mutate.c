// SPDX-License-Identifier: GPL-2.0-only
/*
 * mutate TOKEN [RANDOM_COUNT]: sends mutations of a real KRB_AP_REQ
 * through the kernel's ACCEPT command and prints TAP.
 *
 *   every proper prefix            must be refused
 *   every byte flipped (x ^ 0xff)  refused, or accepted as the same client;
 *                                  at most one of them accepted in all,
 *                                  since they share one authenticator
 *   RANDOM_COUNT random tokens     must be refused
 *
 * Run it on a token that has not been accepted yet.  Exit 0 when all
 * checks pass.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"

static struct knl *nl;
static int tests, failed;

struct outcome {
	int err;		/* netlink error, 0 when the kernel answered */
	uint32_t status;	/* KRB error code, 0 accepted */
	char client[256];
};

static int on_reply(struct nlattr **tb, void *arg)
{
	struct outcome *o = arg;

	if (!tb[KRBAP_A_STATUS])
		return -EBADMSG;
	o->status = nla_get_u32(tb[KRBAP_A_STATUS]);
	if (tb[KRBAP_A_CLIENT])
		snprintf(o->client, sizeof(o->client), "%s",
			 nla_get_string(tb[KRBAP_A_CLIENT]));
	return 0;
}

static struct outcome accept_token(const uint8_t *tok, size_t len)
{
	struct outcome o = { .status = ~0U };
	struct nl_msg *msg = knl_msg(nl, KRBAP_CMD_ACCEPT, 0);

	if (!msg || nla_put(msg, KRBAP_A_TOKEN, len, tok)) {
		nlmsg_free(msg);
		o.err = -ENOMEM;
		return o;
	}
	o.err = knl_call(nl, msg, on_reply, &o);
	return o;
}

static void check(int pass, const char *what)
{
	printf("%sok %d - %s\n", pass ? "" : "not ", ++tests, what);
	failed += !pass;
}

static void prefixes(const uint8_t *tok, size_t len)
{
	size_t i, bad = 0;
	struct outcome o;

	for (i = 0; i < len; i++) {
		/* an empty token is not even sent: the kernel refuses it */
		o = accept_token(tok, i);
		if (i == 0 ? o.err != -EINVAL : o.err || o.status == 0) {
			printf("# prefix %zu: err %d status %u\n", i, o.err,
			       o.status);
			bad++;
		}
	}
	printf("# %zu prefixes sent\n", len);
	check(!bad, "every proper prefix is refused");
}

static void flips(const uint8_t *tok, size_t len, const char *client)
{
	size_t i, bad = 0, accepted = 0;
	uint8_t *m = malloc(len);
	struct outcome o;

	if (!m)
		exit(2);
	for (i = 0; i < len; i++) {
		memcpy(m, tok, len);
		m[i] ^= 0xff;
		o = accept_token(m, len);
		if (o.err) {
			bad++;
		} else if (o.status == 0) {
			accepted++;
			if (client && strcmp(o.client, client))
				bad++;
			printf("# flip at %zu accepted as %s\n", i, o.client);
		}
	}
	free(m);
	printf("# %zu flips sent, %zu accepted\n", len, accepted);
	check(!bad, "every flipped token is refused or accepted as the same client");
	check(accepted <= 1, "at most one flipped token accepted (replay cache)");
}

static void garbage(size_t n)
{
	size_t i, j, bad = 0;
	uint8_t buf[512];
	struct outcome o;

	srand(1);
	for (i = 0; i < n; i++) {
		size_t len = 1 + rand() % sizeof(buf);

		for (j = 0; j < len; j++)
			buf[j] = rand();
		/* half of them look like an AP-REQ at first glance */
		if (i & 1)
			buf[0] = 0x6e;
		o = accept_token(buf, len);
		bad += o.err || o.status == 0;
	}
	printf("# %zu random tokens sent\n", n);
	check(!bad, "random tokens are refused");
}

int main(int argc, char **argv)
{
	uint8_t tok[KRBAP_TOKEN_MAX];
	struct outcome o;
	size_t len;
	FILE *f;
	int err;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: mutate TOKEN [RANDOM_COUNT]\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	len = fread(tok, 1, sizeof(tok), f);
	fclose(f);
	nl = knl_open(&err);
	if (!nl) {
		fprintf(stderr, "mutate: %s\n", knl_strerror(err));
		return 2;
	}
	prefixes(tok, len);
	flips(tok, len, NULL);
	garbage(argc > 2 ? strtoul(argv[2], NULL, 10) : 1000);
	/* the original still decrypts, but its authenticator is spent or not */
	o = accept_token(tok, len);
	check(!o.err && (o.status == 0 || o.status == 34),
	      "the original token is accepted or, if a flip was, a replay");
	knl_close(nl);
	printf("1..%d\n", tests);
	return failed ? 1 : 0;
}
