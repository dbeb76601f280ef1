// SPDX-License-Identifier: GPL-2.0-only
/*
 * replay TOKENS...: sends every token of the mktokens files TOKENS once
 * more through the kernel's ACCEPT command, expecting each to have been
 * accepted already, and prints one line:
 *
 *   replayed=N repeat=N accepted=N other=N
 *
 * repeat counts KRB_AP_ERR_REPEAT (34) refusals, the only right answer;
 * accepted counts wrong accepts; other any other status or netlink error.
 * Exit 0 only when every token was refused as a replay.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "tokens.h"

#define KRB_AP_ERR_REPEAT	34

static int on_reply(struct nlattr **tb, void *arg)
{
	uint32_t *status = arg;

	if (!tb[KRBAP_A_STATUS])
		return -EBADMSG;
	*status = nla_get_u32(tb[KRBAP_A_STATUS]);
	return 0;
}

int main(int argc, char **argv)
{
	size_t replayed = 0, repeat = 0, accepted = 0, other = 0, i;
	struct tokens t;
	struct nl_msg *msg;
	struct knl *nl;
	uint32_t status;
	int a, err;

	if (argc < 2) {
		fprintf(stderr, "usage: replay TOKENS...\n");
		return 2;
	}
	nl = knl_open(&err);
	if (!nl) {
		fprintf(stderr, "replay: %s\n", knl_strerror(err));
		return 2;
	}
	for (a = 1; a < argc; a++) {
		if (tokens_load(argv[a], &t)) {
			fprintf(stderr, "replay: cannot read %s\n", argv[a]);
			return 2;
		}
		for (i = 0; i < t.n; i++) {
			status = ~0U;
			msg = knl_msg(nl, KRBAP_CMD_ACCEPT, 0);
			if (!msg || nla_put(msg, KRBAP_A_TOKEN, t.tok[i].len,
					    t.tok[i].data)) {
				nlmsg_free(msg);
				err = -ENOMEM;
			} else {
				err = knl_call(nl, msg, on_reply, &status);
			}
			replayed++;
			if (err) {
				if (!other++)
					fprintf(stderr, "replay: %s token %zu: %s\n",
						argv[a], i, knl_strerror(err));
			} else if (status == KRB_AP_ERR_REPEAT) {
				repeat++;
			} else if (status == 0) {
				if (!accepted++)
					fprintf(stderr, "replay: %s token %zu "
						"accepted again\n", argv[a], i);
			} else if (!other++) {
				fprintf(stderr, "replay: %s token %zu: status %u\n",
					argv[a], i, status);
			}
		}
		tokens_free(&t);
	}
	knl_close(nl);
	printf("replayed=%zu repeat=%zu accepted=%zu other=%zu\n", replayed,
	       repeat, accepted, other);
	return repeat == replayed ? 0 : 1;
}
