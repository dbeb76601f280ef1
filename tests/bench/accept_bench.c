// SPDX-License-Identifier: GPL-2.0-only
/*
 * accept_bench [--threads N] [--label NAME] TOKENS
 *
 * Sends every token of TOKENS (a mktokens file) once through the kernel's
 * ACCEPT command and prints one line of key=value pairs:
 *
 *   accepts_per_s    tokens accepted per second of wall time, from the
 *                    first send to the last reply (netlink both ways,
 *                    reply parsing included)
 *   kernel_mean_us   the kernel's own time inside accept (stats accept_ns
 *                    delta over the accept count delta)
 *
 * The first --warmup K tokens (100) are sent first, by one thread, and
 * left out of both figures.  With --threads N the remaining tokens are
 * split into N disjoint runs of consecutive tokens, each sent by its own
 * thread on its own netlink socket.  Every token must be accepted with an AP-REP when it asked for
 * mutual authentication; exit 1 otherwise.  Needs CAP_NET_ADMIN.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "tokens.h"

#define MAX_THREADS	64

struct worker {
	pthread_t tid;
	const struct token *tok;
	size_t n;
	size_t accepted;
	size_t refused;
	size_t no_rep;
	uint32_t first_status;
	const char *first_text;
	int err;
};

struct reply {
	uint32_t status;
	int have_rep;
};

struct stats {
	uint64_t accepted, refused, ns;
};

static pthread_barrier_t start;

static int on_accept(struct nlattr **tb, void *arg)
{
	struct reply *r = arg;

	if (!tb[KRBAP_A_STATUS])
		return -EBADMSG;
	r->status = nla_get_u32(tb[KRBAP_A_STATUS]);
	r->have_rep = !!tb[KRBAP_A_AP_REP];
	return 0;
}

static int accept_one(struct knl *nl, const struct token *t,
		      struct reply *r)
{
	struct nl_msg *msg = knl_msg(nl, KRBAP_CMD_ACCEPT, 0);

	if (!msg || nla_put(msg, KRBAP_A_TOKEN, t->len, t->data)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return knl_call(nl, msg, on_accept, r);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct reply r;
	struct knl *nl;
	size_t i;

	nl = knl_open(&w->err);
	pthread_barrier_wait(&start);
	if (!nl)
		return NULL;
	for (i = 0; i < w->n; i++) {
		memset(&r, 0, sizeof(r));
		w->err = accept_one(nl, &w->tok[i], &r);
		if (w->err)
			break;
		if (r.status) {
			if (!w->refused++)
				w->first_status = r.status;
		} else {
			w->accepted++;
			w->no_rep += !r.have_rep;
		}
	}
	knl_close(nl);
	return NULL;
}

static int on_stats(struct nlattr **tb, void *arg)
{
	struct nlattr *st[KRBAP_A_STATS_MAX + 1];
	struct stats *s = arg;

	if (!tb[KRBAP_A_STATS] ||
	    nla_parse_nested(st, KRBAP_A_STATS_MAX, tb[KRBAP_A_STATS], NULL))
		return -EBADMSG;
	if (!st[KRBAP_A_STATS_ACCEPTED] || !st[KRBAP_A_STATS_REFUSED] ||
	    !st[KRBAP_A_STATS_ACCEPT_NS])
		return -EBADMSG;
	s->accepted = nla_get_u64(st[KRBAP_A_STATS_ACCEPTED]);
	s->refused = nla_get_u64(st[KRBAP_A_STATS_REFUSED]);
	s->ns = nla_get_u64(st[KRBAP_A_STATS_ACCEPT_NS]);
	return 0;
}

static int get_stats(struct stats *s)
{
	struct nl_msg *msg;
	struct knl *nl;
	int err;

	nl = knl_open(&err);
	if (!nl)
		return err;
	msg = knl_msg(nl, KRBAP_CMD_STATS_GET, 0);
	err = msg ? knl_call(nl, msg, on_stats, s) : -ENOMEM;
	knl_close(nl);
	return err;
}

static void usage(void)
{
	fprintf(stderr, "usage: accept_bench [--threads N] [--warmup K] "
		"[--label NAME] TOKENS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ "label", required_argument, NULL, 'l' },
		{ "warmup", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct worker w[MAX_THREADS], warm = { 0 };
	size_t warmup = 100, todo;
	size_t i, off = 0, acc = 0, ref = 0, norep = 0;
	const char *label = "krbap";
	struct stats s0, s1;
	long threads = 1;
	struct tokens t;
	double t0, t1;
	int c, err;

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		if (c == 't')
			threads = strtol(optarg, NULL, 10);
		else if (c == 'l')
			label = optarg;
		else if (c == 'w')
			warmup = strtoul(optarg, NULL, 10);
		else
			usage();
	}
	if (optind != argc - 1 || threads < 1 || threads > MAX_THREADS)
		usage();
	if (tokens_load(argv[optind], &t)) {
		fprintf(stderr, "accept_bench: cannot read %s\n", argv[optind]);
		return 2;
	}
	if (warmup >= t.n)
		usage();
	warm.tok = t.tok;
	warm.n = warmup;
	pthread_barrier_init(&start, NULL, 1);
	work(&warm);
	pthread_barrier_destroy(&start);
	if (warm.err || warm.refused) {
		fprintf(stderr, "accept_bench: warm-up failed\n");
		return 1;
	}
	todo = t.n - warmup;
	off = warmup;
	err = get_stats(&s0);
	if (err) {
		fprintf(stderr, "accept_bench: stats: %s\n", knl_strerror(err));
		return 2;
	}
	memset(w, 0, sizeof(w));
	pthread_barrier_init(&start, NULL, threads + 1);
	for (i = 0; i < (size_t)threads; i++) {
		w[i].tok = t.tok + off;
		w[i].n = todo / threads + (i < todo % threads);
		off += w[i].n;
		if (pthread_create(&w[i].tid, NULL, work, &w[i])) {
			fprintf(stderr, "accept_bench: pthread_create\n");
			return 2;
		}
	}
	pthread_barrier_wait(&start);
	t0 = now_s();
	for (i = 0; i < (size_t)threads; i++)
		pthread_join(w[i].tid, NULL);
	t1 = now_s();
	err = get_stats(&s1);
	for (i = 0; i < (size_t)threads; i++) {
		if (w[i].err) {
			fprintf(stderr, "accept_bench: thread %zu: %s\n", i,
				knl_strerror(w[i].err));
			return 1;
		}
		if (w[i].refused)
			fprintf(stderr, "accept_bench: thread %zu: %zu refused, "
				"the first with status %u\n", i, w[i].refused,
				w[i].first_status);
		acc += w[i].accepted;
		ref += w[i].refused;
		norep += w[i].no_rep;
	}
	if (err) {
		fprintf(stderr, "accept_bench: stats: %s\n", knl_strerror(err));
		return 1;
	}
	printf("%s tokens=%zu warmup=%zu threads=%ld accepted=%zu "
	       "refused=%zu wall_s=%.3f accepts_per_s=%.1f "
	       "kernel_mean_us=%.2f kernel_accepts=%" PRIu64 "\n", label,
	       todo, warmup, threads, acc, ref, t1 - t0, acc / (t1 - t0),
	       (s1.ns - s0.ns) / 1e3 /
	       ((s1.accepted + s1.refused) - (s0.accepted + s0.refused)),
	       s1.accepted - s0.accepted);
	if (norep)
		fprintf(stderr, "accept_bench: %zu accepted without an AP-REP\n",
			norep);
	err = ref || norep || acc != todo;
	tokens_free(&t);
	return err;
}
