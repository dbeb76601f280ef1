// SPDX-License-Identifier: GPL-2.0-only
/*
 * rcache_bench [--entries N] [--batch B]: the kernel replay cache at scale.
 *
 * Fills the namespace's replay cache with N synthetic entries through
 * KRBAP_CMD_RCACHE_RESTORE (random digests, expiring in an hour), in
 * batches, timing each batch, and prints key=value lines:
 *
 *   entries          how many the cache holds at the end (stats)
 *   slab_kib         growth of Slab + VmallocUsed in /proc/meminfo
 *   bytes_per_entry  that growth over the entries
 *   us_per_insert_first / _last   per-entry time of the first and the
 *                    last tenth of the batches (constant time: similar)
 *
 * Needs CAP_NET_ADMIN, a loaded module, rcache_max >= N and nothing else
 * filling the cache.  Run inside the test VM.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "nl.h"

static long meminfo_kib(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) &&
		    sscanf(line + strlen(key), " %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static long kernel_kib(void)
{
	return meminfo_kib("Slab:") + meminfo_kib("VmallocUsed:");
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int put_batch(struct knl *nl, size_t n, uint64_t *seed, int64_t exp)
{
	uint8_t digest[KRBAP_RCACHE_DIGEST_LEN];
	struct nlattr *list, *e;
	struct nl_msg *msg;

	msg = knl_msg(nl, KRBAP_CMD_RCACHE_RESTORE, 0);
	list = msg ? nla_nest_start(msg, KRBAP_A_RCACHE) : NULL;
	if (!list)
		goto err;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof(digest); k += 8) {
			/* xorshift64: distinct enough, reproducible */
			*seed ^= *seed << 13;
			*seed ^= *seed >> 7;
			*seed ^= *seed << 17;
			memcpy(digest + k, seed, 8);
		}
		e = nla_nest_start(msg, KRBAP_A_RCACHE_ENTRY);
		if (!e || nla_put(msg, KRBAP_A_RCACHE_DIGEST, sizeof(digest),
				  digest) ||
		    nla_put_s64(msg, KRBAP_A_RCACHE_EXPIRES, exp))
			goto err;
		nla_nest_end(msg, e);
	}
	nla_nest_end(msg, list);
	return knl_call(nl, msg, NULL, NULL);
err:
	nlmsg_free(msg);
	return -ENOMEM;
}

static int on_stats(struct nlattr **tb, void *arg)
{
	struct nlattr *st[KRBAP_A_STATS_MAX + 1];

	if (!tb[KRBAP_A_STATS] ||
	    nla_parse_nested(st, KRBAP_A_STATS_MAX, tb[KRBAP_A_STATS], NULL) ||
	    !st[KRBAP_A_STATS_RCACHE_ENTRIES])
		return -EBADMSG;
	*(uint32_t *)arg = nla_get_u32(st[KRBAP_A_STATS_RCACHE_ENTRIES]);
	return 0;
}

int main(int argc, char **argv)
{
	size_t entries = 2000000, batch = 1000, nb, i;
	double t0, *per = NULL, first = 0, last = 0;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int64_t exp = time(NULL) + 3600;
	long kib0, kib1;
	struct nl_msg *msg;
	uint32_t held = 0;
	struct knl *nl;
	int c, err;

	while ((c = getopt(argc, argv, "n:b:")) != -1) {
		if (c == 'n')
			entries = strtoul(optarg, NULL, 10);
		else if (c == 'b')
			batch = strtoul(optarg, NULL, 10);
		else
			return 2;
	}
	nb = batch ? entries / batch : 0;
	if (nb < 10 || !(per = calloc(nb, sizeof(*per))))
		return 2;
	nl = knl_open(&err);
	if (!nl) {
		fprintf(stderr, "rcache_bench: %s\n", knl_strerror(err));
		return 2;
	}
	kib0 = kernel_kib();
	for (i = 0; i < nb; i++) {
		t0 = now_us();
		err = put_batch(nl, batch, &seed, exp);
		per[i] = (now_us() - t0) / batch;
		if (err) {
			fprintf(stderr, "rcache_bench: batch %zu: %s (%s)\n", i,
				strerror(-err), knl_extack(nl));
			return 1;
		}
	}
	kib1 = kernel_kib();
	for (i = 0; i < nb / 10; i++) {
		first += per[i];
		last += per[nb - 1 - i];
	}
	msg = knl_msg(nl, KRBAP_CMD_STATS_GET, 0);
	err = msg ? knl_call(nl, msg, on_stats, &held) : -ENOMEM;
	printf("entries=%u slab_kib=%ld bytes_per_entry=%.1f "
	       "us_per_insert_first=%.2f us_per_insert_last=%.2f\n",
	       held, kib1 - kib0, held ? (kib1 - kib0) * 1024.0 / held : 0,
	       first / (nb / 10), last / (nb / 10));
	knl_close(nl);
	free(per);
	return err || held < entries ? 1 : 0;
}
