// SPDX-License-Identifier: GPL-2.0-only
/*
 * tally [--threads N] TOKENS: sends every token of the mktokens file
 * TOKENS through the kernel's ACCEPT command once, the threads taking
 * every Nth token each, and prints one line of outcomes:
 *
 *   sent=N accepted=N repeat=N full=N skew=N other=N
 *
 * full counts refusals because the replay cache is full of live entries
 * (KRB_ERR_GENERIC with that reason), skew KRB_AP_ERR_SKEW, repeat
 * KRB_AP_ERR_REPEAT; other is any other status or a netlink error, and
 * the first of each kind is described on stderr.  The caller judges the
 * counts; the exit status is 2 only when the tool itself could not run.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "tokens.h"

#define KRB_AP_ERR_REPEAT	34
#define KRB_AP_ERR_SKEW		37
#define KRB_ERR_GENERIC		60
#define MAX_THREADS		16

static struct tokens toks;
static unsigned int nthreads = 1;
static atomic_size_t n_accepted, n_repeat, n_full, n_skew, n_other;
static atomic_int failed_to_run;

struct reply {
	uint32_t status;
	char reason[128];
};

static int on_reply(struct nlattr **tb, void *arg)
{
	struct reply *r = arg;

	if (!tb[KRBAP_A_STATUS])
		return -EBADMSG;
	r->status = nla_get_u32(tb[KRBAP_A_STATUS]);
	if (tb[KRBAP_A_ERROR_TEXT])
		snprintf(r->reason, sizeof(r->reason), "%s",
			 nla_get_string(tb[KRBAP_A_ERROR_TEXT]));
	return 0;
}

static void count(size_t i, int err, const struct reply *r)
{
	if (err) {
		if (!atomic_fetch_add(&n_other, 1))
			fprintf(stderr, "tally: token %zu: %s\n", i,
				knl_strerror(err));
	} else if (r->status == 0) {
		atomic_fetch_add(&n_accepted, 1);
	} else if (r->status == KRB_AP_ERR_REPEAT) {
		atomic_fetch_add(&n_repeat, 1);
	} else if (r->status == KRB_AP_ERR_SKEW) {
		atomic_fetch_add(&n_skew, 1);
	} else if (r->status == KRB_ERR_GENERIC &&
		   strstr(r->reason, "replay cache full")) {
		atomic_fetch_add(&n_full, 1);
	} else if (!atomic_fetch_add(&n_other, 1)) {
		fprintf(stderr, "tally: token %zu: status %u (%s)\n", i,
			r->status, r->reason);
	}
}

static void *worker(void *arg)
{
	size_t first = (size_t)arg, i;
	struct nl_msg *msg;
	struct reply r;
	struct knl *nl;
	int err;

	nl = knl_open(&err);
	if (!nl) {
		fprintf(stderr, "tally: %s\n", knl_strerror(err));
		atomic_store(&failed_to_run, 1);
		return NULL;
	}
	for (i = first; i < toks.n; i += nthreads) {
		memset(&r, 0, sizeof(r));
		msg = knl_msg(nl, KRBAP_CMD_ACCEPT, 0);
		if (!msg || nla_put(msg, KRBAP_A_TOKEN, toks.tok[i].len,
				    toks.tok[i].data)) {
			nlmsg_free(msg);
			err = -ENOMEM;
		} else {
			err = knl_call(nl, msg, on_reply, &r);
		}
		count(i, err, &r);
	}
	knl_close(nl);
	return NULL;
}

static void usage(void)
{
	fprintf(stderr, "usage: tally [--threads N] TOKENS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	pthread_t th[MAX_THREADS];
	unsigned int i;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		if (c != 't')
			usage();
		nthreads = strtoul(optarg, &end, 10);
		if (*end || !nthreads || nthreads > MAX_THREADS)
			usage();
	}
	if (optind != argc - 1)
		usage();
	if (tokens_load(argv[optind], &toks)) {
		fprintf(stderr, "tally: cannot read %s\n", argv[optind]);
		return 2;
	}
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, worker, (void *)(size_t)i)) {
			fprintf(stderr, "tally: cannot start a thread\n");
			return 2;
		}
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	if (atomic_load(&failed_to_run))
		return 2;
	printf("sent=%zu accepted=%zu repeat=%zu full=%zu skew=%zu other=%zu\n",
	       toks.n, atomic_load(&n_accepted), atomic_load(&n_repeat),
	       atomic_load(&n_full), atomic_load(&n_skew),
	       atomic_load(&n_other));
	tokens_free(&toks);
	return 0;
}
