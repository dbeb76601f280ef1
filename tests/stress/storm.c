// SPDX-License-Identifier: GPL-2.0-only
/*
 * storm [--seconds S] [--max N] [--threads T] [--seed X] --client NAME TOKENS
 *
 * A mutation storm through the kernel's ACCEPT command.  Loads the real,
 * not yet accepted KRB_AP_REQs of TOKENS (a mktokens file) and, from T
 * threads (2) each on its own netlink socket, sends random mutations of
 * them until N tokens (1,000,000) are sent or S seconds (120) pass:
 *
 *   flip     1-4 bits flipped
 *   byte     1-4 bytes set to random values
 *   trunc    truncated to a random non-empty prefix
 *   insert   1-16 random bytes inserted anywhere
 *   delete   1-16 bytes removed
 *   splice   a prefix of one token joined to a suffix of another
 *   length   a DER length octet (after a plausible tag) edited: +-1,
 *            random, indefinite (0x80) or long form (0x81-0x84)
 *   stack    2-4 of the above in a row
 *
 * Checks: every reply is a refusal or an acceptance of NAME (never another
 * client, never a netlink error); a mutation of one token (no splice) is
 * accepted at most once per token, and together with the originals, sent
 * once more at the end, at most once per authenticator; each original is
 * then accepted or refused as a replay (34); the kernel's accepted+refused
 * counters grew by exactly what was sent.  Prints "# " diagnostics and one
 * summary line; exit 0 when every check passes.  Needs CAP_NET_ADMIN.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "tokens.h"

#define MAX_THREADS		16
#define MAX_TOKENS		4096
#define KRB_AP_ERR_REPEAT	34

enum kind { FLIP, BYTE, TRUNC, INSERT, DELETE, SPLICE, LENGTH, STACK, KINDS };

static const char *const kind_name[KINDS] = {
	"flip", "byte", "trunc", "insert", "delete", "splice", "length", "stack"
};

static struct tokens toks;
static const char *client;
static double deadline;
static uint64_t max_sent;
static atomic_uint_fast64_t sent;
static atomic_uint acc_of[MAX_TOKENS];	/* accepts of one token's mutations */
static atomic_uint_fast64_t spliced_acc, wrong_client, nl_errors;
static atomic_uint_fast64_t by_kind[KINDS], acc_by_kind[KINDS];

struct reply {
	uint32_t status;
	char client[256];
};

struct worker {
	pthread_t tid;
	uint64_t rng;
	uint64_t sent, accepted, refused;
	int err;
};

static uint64_t next(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static size_t below(uint64_t *s, size_t n)
{
	return n ? next(s) % n : 0;
}

static int on_accept(struct nlattr **tb, void *arg)
{
	struct reply *r = arg;

	if (!tb[KRBAP_A_STATUS])
		return -EBADMSG;
	r->status = nla_get_u32(tb[KRBAP_A_STATUS]);
	r->client[0] = 0;
	if (tb[KRBAP_A_CLIENT])
		snprintf(r->client, sizeof(r->client), "%s",
			 nla_get_string(tb[KRBAP_A_CLIENT]));
	return 0;
}

static int accept_one(struct knl *nl, const uint8_t *tok, size_t len,
		      struct reply *r)
{
	struct nl_msg *msg = knl_msg(nl, KRBAP_CMD_ACCEPT, 0);

	r->status = ~0U;
	if (!msg || nla_put(msg, KRBAP_A_TOKEN, len, tok)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return knl_call(nl, msg, on_accept, r);
}

static int is_tag(uint8_t b)
{
	return b == 0x30 || b == 0x6e || b == 0x61 || b == 0x62 ||
	       (b >= 0xa0 && b <= 0xab) || b == 0x02 || b == 0x03 ||
	       b == 0x04 || b == 0x18 || b == 0x1b;
}

/* one mutation of buf (len bytes, room for KRBAP_TOKEN_MAX); returns the
 * new length (>= 1) and sets *spliced when another token was mixed in */
static size_t mutate(uint64_t *s, enum kind k, uint8_t *buf, size_t len,
		     int *spliced)
{
	const struct token *o;
	size_t i, n, p, cut;

	switch (k) {
	case FLIP:
		for (n = 1 + below(s, 4); n; n--) {
			p = below(s, len);
			buf[p] ^= 1u << below(s, 8);
		}
		return len;
	case BYTE:
		for (n = 1 + below(s, 4); n; n--)
			buf[below(s, len)] = next(s);
		return len;
	case TRUNC:
		return len > 1 ? 1 + below(s, len - 1) : len;
	case INSERT:
		n = 1 + below(s, 16);
		if (len + n > KRBAP_TOKEN_MAX)
			return len;
		p = below(s, len + 1);
		memmove(buf + p + n, buf + p, len - p);
		for (i = 0; i < n; i++)
			buf[p + i] = next(s);
		return len + n;
	case DELETE:
		n = 1 + below(s, 16);
		if (n >= len)
			return len;
		p = below(s, len - n + 1);
		memmove(buf + p, buf + p + n, len - p - n);
		return len - n;
	case SPLICE:
		o = &toks.tok[below(s, toks.n)];
		cut = below(s, len + 1);
		p = below(s, o->len);
		if (cut + o->len - p > KRBAP_TOKEN_MAX || cut + o->len - p == 0)
			return len;
		memcpy(buf + cut, o->data + p, o->len - p);
		*spliced = 1;
		return cut + o->len - p;
	case LENGTH:
		for (n = 0; n < 64; n++) {
			p = below(s, len - 1);
			if (is_tag(buf[p]))
				break;
		}
		p++;
		if (p >= len)
			return len;
		switch (below(s, 6)) {
		case 0:
			buf[p]++;
			break;
		case 1:
			buf[p]--;
			break;
		case 2:
			buf[p] = next(s);
			break;
		case 3:
			buf[p] = 0x80;
			break;
		case 4:
			buf[p] = 0x81 + below(s, 4);
			break;
		default:
			/* the long form's first value octet, if any */
			if ((buf[p] & 0x80) && p + 1 < len)
				buf[p + 1] ^= 1u << below(s, 8);
			else
				buf[p] ^= 0x40;
		}
		return len;
	default:
		return len;
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	uint8_t *buf;
	struct reply r;
	struct knl *nl;
	enum kind k;
	size_t src, len;
	int spliced, j, err;

	nl = knl_open(&w->err);
	if (!nl)
		return NULL;
	buf = malloc(KRBAP_TOKEN_MAX);
	if (!buf) {
		w->err = -ENOMEM;
		knl_close(nl);
		return NULL;
	}
	for (;;) {
		if (atomic_fetch_add(&sent, 1) >= max_sent)
			break;
		if (!(w->sent & 255) && now_s() >= deadline)
			break;
		src = below(&w->rng, toks.n);
		len = toks.tok[src].len;
		memcpy(buf, toks.tok[src].data, len);
		spliced = 0;
		k = below(&w->rng, KINDS);
		if (k == STACK) {
			for (j = 2 + below(&w->rng, 3); j; j--)
				len = mutate(&w->rng, below(&w->rng, STACK),
					     buf, len, &spliced);
		} else {
			len = mutate(&w->rng, k, buf, len, &spliced);
		}
		atomic_fetch_add(&by_kind[k], 1);
		err = accept_one(nl, buf, len, &r);
		w->sent++;
		if (err) {
			if (!atomic_fetch_add(&nl_errors, 1))
				fprintf(stderr, "storm: netlink error %s (%s, "
					"%zu bytes)\n", knl_strerror(err),
					kind_name[k], len);
			continue;
		}
		if (r.status) {
			w->refused++;
			continue;
		}
		w->accepted++;
		atomic_fetch_add(&acc_by_kind[k], 1);
		if (strcmp(r.client, client) &&
		    !atomic_fetch_add(&wrong_client, 1))
			fprintf(stderr, "storm: a %s mutation accepted as "
				"\"%s\"\n", kind_name[k], r.client);
		if (spliced)
			atomic_fetch_add(&spliced_acc, 1);
		else
			atomic_fetch_add(&acc_of[src], 1);
	}
	free(buf);
	knl_close(nl);
	return NULL;
}

struct stats {
	uint64_t accepted, refused;
};

static int on_stats(struct nlattr **tb, void *arg)
{
	struct nlattr *st[KRBAP_A_STATS_MAX + 1];
	struct stats *s = arg;

	if (!tb[KRBAP_A_STATS] ||
	    nla_parse_nested(st, KRBAP_A_STATS_MAX, tb[KRBAP_A_STATS], NULL) ||
	    !st[KRBAP_A_STATS_ACCEPTED] || !st[KRBAP_A_STATS_REFUSED])
		return -EBADMSG;
	s->accepted = nla_get_u64(st[KRBAP_A_STATS_ACCEPTED]);
	s->refused = nla_get_u64(st[KRBAP_A_STATS_REFUSED]);
	return 0;
}

static int get_stats(struct knl *nl, struct stats *s)
{
	struct nl_msg *msg = knl_msg(nl, KRBAP_CMD_STATS_GET, 0);

	return msg ? knl_call(nl, msg, on_stats, s) : -ENOMEM;
}

static void usage(void)
{
	fprintf(stderr, "usage: storm [--seconds S] [--max N] [--threads T] "
		"[--seed X] --client NAME TOKENS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "max", required_argument, NULL, 'm' },
		{ "threads", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 'r' },
		{ "client", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t total = 0, accepted = 0, refused = 0, acc_all, bad_orig = 0;
	uint64_t seed = 1, double_acc = 0;
	double seconds = 120, t0, t1;
	struct worker w[MAX_THREADS];
	struct stats s0, s1;
	struct reply r;
	long threads = 2;
	struct knl *nl;
	size_t i;
	int c, err, ok;

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (c) {
		case 's':
			seconds = strtod(optarg, NULL);
			break;
		case 'm':
			max_sent = strtoull(optarg, NULL, 10);
			break;
		case 't':
			threads = strtol(optarg, NULL, 10);
			break;
		case 'r':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			client = optarg;
			break;
		default:
			usage();
		}
	}
	if (!max_sent)
		max_sent = 1000000;
	if (optind != argc - 1 || !client || threads < 1 ||
	    threads > MAX_THREADS || seconds <= 0)
		usage();
	if (tokens_load(argv[optind], &toks) || toks.n > MAX_TOKENS) {
		fprintf(stderr, "storm: cannot read %s (at most %d tokens)\n",
			argv[optind], MAX_TOKENS);
		return 2;
	}
	nl = knl_open(&err);
	if (!nl || get_stats(nl, &s0)) {
		fprintf(stderr, "storm: %s\n", knl_strerror(err));
		return 2;
	}
	memset(w, 0, sizeof(w));
	t0 = now_s();
	deadline = t0 + seconds;
	for (i = 0; i < (size_t)threads; i++) {
		w[i].rng = (seed + 1) * 0x9e3779b97f4a7c15ULL + i * 0xbf58476d1ce4e5b9ULL;
		if (!w[i].rng)
			w[i].rng = 1;
		if (pthread_create(&w[i].tid, NULL, work, &w[i])) {
			fprintf(stderr, "storm: pthread_create\n");
			return 2;
		}
	}
	for (i = 0; i < (size_t)threads; i++) {
		pthread_join(w[i].tid, NULL);
		if (w[i].err)
			fprintf(stderr, "storm: thread %zu: %s\n", i,
				knl_strerror(w[i].err));
		total += w[i].sent;
		accepted += w[i].accepted;
		refused += w[i].refused;
	}
	t1 = now_s();

	/* the originals once more: each accepted, or a replay of a mutation */
	acc_all = atomic_load(&spliced_acc);
	for (i = 0; i < toks.n; i++) {
		unsigned int a = atomic_load(&acc_of[i]);

		err = accept_one(nl, toks.tok[i].data, toks.tok[i].len, &r);
		if (err || (r.status && r.status != KRB_AP_ERR_REPEAT)) {
			if (!bad_orig++)
				fprintf(stderr, "storm: original %zu: err %d "
					"status %u\n", i, err, r.status);
		} else if (!r.status) {
			a++;
			if (strcmp(r.client, client))
				atomic_fetch_add(&wrong_client, 1);
		}
		if (a > 1 && !double_acc++)
			fprintf(stderr, "storm: token %zu accepted %u times\n",
				i, a);
		acc_all += a;
	}
	err = get_stats(nl, &s1);
	knl_close(nl);

	for (i = 0; i < KINDS; i++)
		printf("# %-6s sent %" PRIu64 " accepted %" PRIu64 "\n",
		       kind_name[i], (uint64_t)atomic_load(&by_kind[i]),
		       (uint64_t)atomic_load(&acc_by_kind[i]));
	printf("# kernel counters: accepted +%" PRIu64 " refused +%" PRIu64 "\n",
	       s1.accepted - s0.accepted, s1.refused - s0.refused);
	printf("storm tokens=%zu threads=%ld sent=%" PRIu64 " accepted=%" PRIu64
	       " refused=%" PRIu64 " seconds=%.1f per_s=%.0f reached_max=%s "
	       "wrong_client=%" PRIu64 " netlink_errors=%" PRIu64
	       " double_accepts=%" PRIu64 " accepts_all=%" PRIu64
	       " bad_originals=%" PRIu64 "\n", toks.n, threads, total, accepted,
	       refused, t1 - t0, total / (t1 - t0),
	       total >= max_sent ? "yes" : "no",
	       (uint64_t)atomic_load(&wrong_client),
	       (uint64_t)atomic_load(&nl_errors), double_acc, acc_all, bad_orig);
	ok = !err && !atomic_load(&wrong_client) && !atomic_load(&nl_errors) &&
	     !double_acc && acc_all <= toks.n && !bad_orig &&
	     s1.accepted + s1.refused - s0.accepted - s0.refused ==
		     total + toks.n;
	for (i = 0; i < (size_t)threads; i++)
		ok = ok && !w[i].err;
	tokens_free(&toks);
	return ok ? 0 : 1;
}
