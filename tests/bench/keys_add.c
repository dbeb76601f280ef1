// SPDX-License-Identifier: GPL-2.0-only
/*
 * keys_add N: adds N aes256-cts-hmac-sha1-96 keys of random bytes for the
 * principals bench/I@KRBAP.TEST (I = 0..N-1) to the namespace's keystore,
 * so a benchmark can compare accepts with a few keys and with many.
 * Needs CAP_NET_ADMIN.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"

static int add(struct knl *nl, unsigned long i)
{
	unsigned char key[32];
	char name[64];
	struct nl_msg *msg;

	if (getrandom(key, sizeof(key), 0) != sizeof(key))
		return -EIO;
	snprintf(name, sizeof(name), "bench/%lu@KRBAP.TEST", i);
	msg = knl_msg(nl, KRBAP_CMD_KEY_ADD, 0);
	if (!msg || nla_put_string(msg, KRBAP_A_PRINCIPAL, name) ||
	    nla_put_u32(msg, KRBAP_A_KVNO, 1) ||
	    nla_put_s32(msg, KRBAP_A_ENCTYPE, 18) ||
	    nla_put(msg, KRBAP_A_KEY, sizeof(key), key)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return knl_call_secret(nl, msg, NULL, NULL);
}

int main(int argc, char **argv)
{
	unsigned long n, i;
	struct knl *nl;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: keys_add N\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	nl = knl_open(&err);
	if (!nl) {
		fprintf(stderr, "keys_add: %s\n", knl_strerror(err));
		return 2;
	}
	for (i = 0; i < n; i++) {
		err = add(nl, i);
		if (err) {
			fprintf(stderr, "keys_add: key %lu: %s\n", i,
				strerror(-err));
			break;
		}
	}
	knl_close(nl);
	return err ? 1 : 0;
}
