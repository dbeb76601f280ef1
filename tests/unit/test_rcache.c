// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of the replay cache.  rcache.c is included so the tests can
 * see the entry size and the slab's live-object count.
 */
#include <pthread.h>
#include <time.h>

#include "rcache.c"
#include "tap.h"

#define LEN	KRBAP_RCACHE_DIGEST_LEN

/* a uniform digest from an index (splitmix64), as a truncated SHA-256 is */
static void mkdigest(u8 *d, u64 i)
{
	int k;

	for (k = 0; k < LEN; k += 8) {
		u64 z = (i += 0x9e3779b97f4a7c15ULL) * 2 + k;

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		z ^= z >> 31;
		memcpy(d + k, &z, 8);
	}
}

static int ins(struct krbap_rcache *rc, u64 i, time64_t exp, time64_t now)
{
	u8 d[LEN];

	mkdigest(d, i);
	return krbap_rcache_insert(rc, d, exp, now);
}

static int rst(struct krbap_rcache *rc, u64 i, time64_t exp, time64_t now)
{
	u8 d[LEN];

	mkdigest(d, i);
	return krbap_rcache_restore(rc, d, exp, now);
}

static void test_basic(void)
{
	struct krbap_rcache *rc = krbap_rcache_create(8);

	ok(rc && !krbap_rcache_count(rc) && krbap_rcache_max(rc) == 8,
	   "create: empty, max 8");
	ok(ins(rc, 1, 100, 50) == 0, "insert: new digest accepted");
	ok(ins(rc, 1, 100, 60) == -EEXIST, "insert: replay refused");
	ok(ins(rc, 1, 130, 100) == -EEXIST,
	   "boundary: still live at now == expires");
	ok(krbap_rcache_count(rc) == 1, "replays add nothing");
	ok(ins(rc, 1, 160, 101) == 0, "after expiry the digest is new again");
	ok(krbap_rcache_count(rc) == 1, "expired entry replaced, not doubled");
	ok(ins(rc, 1, 170, 160) == -EEXIST, "replacement carries new expiry");
	ok(ins(rc, 2, 49, 50) == -ESTALE, "expires < now: -ESTALE");
	ok(krbap_rcache_count(rc) == 1, "-ESTALE stores nothing");
	ok(ins(rc, 2, 50, 50) == 0, "expires == now accepted");
	ok(ins(rc, 2, 50, 50) == -EEXIST, "... and held for that second");
	krbap_rcache_destroy(rc);
	krbap_rcache_destroy(NULL);
	ok(shim_kmem_cache_live(rc_slab) == 0, "destroy frees every entry");
}

static void test_full(void)
{
	struct krbap_rcache *rc = krbap_rcache_create(4);
	int i, replays = 0;

	for (i = 0; i < 4; i++)
		ins(rc, i, 100 + i, 10);
	ok(ins(rc, 9, 200, 10) == -ENOSPC, "full: new digest -ENOSPC");
	ok(ins(rc, 9, 200, 100) == -ENOSPC, "full at boundary: still -ENOSPC");
	for (i = 0; i < 4; i++)
		replays += ins(rc, i, 300, 100) == -EEXIST;
	ok(replays == 4 && krbap_rcache_count(rc) == 4,
	   "full: no live entry evicted");
	ok(ins(rc, 9, 200, 101) == 0, "one expired: sweep makes room");
	ok(krbap_rcache_count(rc) == 4, "count exact after reclaim");
	ok(ins(rc, 0, 300, 101) == -ENOSPC, "full again: its digest too");
	ok(ins(rc, 0, 300, 102) == 0, "next expiry: the old digest is new");
	ok(ins(rc, 3, 300, 102) == -EEXIST, "live digests still refused");
	krbap_rcache_destroy(rc);

	rc = krbap_rcache_create(0);
	ok(ins(rc, 1, 10, 1) == -ENOSPC && !krbap_rcache_count(rc),
	   "max 0 refuses everything");
	krbap_rcache_destroy(rc);
}

static void test_set_max(void)
{
	struct krbap_rcache *rc = krbap_rcache_create(8);
	int i, replays = 0;

	for (i = 0; i < 6; i++)
		ins(rc, i, i < 4 ? 100 : 200, 10);
	ok(krbap_rcache_set_max(rc, 3) == 0 && krbap_rcache_max(rc) == 3,
	   "set_max lowers the limit");
	for (i = 0; i < 6; i++)
		replays += ins(rc, i, 300, 50) == -EEXIST;
	ok(replays == 6 && krbap_rcache_count(rc) == 6,
	   "lowering below count keeps every entry");
	ok(ins(rc, 10, 300, 50) == -ENOSPC, "over the limit: new refused");
	ok(krbap_rcache_expire(rc, 101, 1000) == 4 &&
	   krbap_rcache_count(rc) == 2, "expiry brings count under the limit");
	ok(ins(rc, 10, 300, 101) == 0, "then new entries are accepted");
	ok(ins(rc, 11, 300, 101) == -ENOSPC, "up to the limit only");

	ok(krbap_rcache_set_max(rc, 100000) == 0 && rc->tbl->mask == 15,
	   "raising the limit allocates nothing yet");
	for (i = 12; i < 25; i++)
		ins(rc, i, 300, 101);
	ok(krbap_rcache_count(rc) == 16 && rc->tbl->mask == 15,
	   "16 entries in 16 buckets: no growth");
	shim_fail_alloc_after = 2;
	ok(ins(rc, 26, 300, 101) == 0 && rc->tbl->mask == 15,
	   "growth allocation fails: the insert still succeeds");
	shim_fail_alloc_after = 0;
	ok(ins(rc, 27, 300, 101) == 0 && rc->tbl->mask == 63,
	   "the next insert grows the table fourfold");
	replays = (ins(rc, 4, 300, 101) == -EEXIST) +
		  (ins(rc, 5, 300, 101) == -EEXIST);
	for (i = 10; i < 28; i++)
		if (i != 11 && i != 25)
			replays += ins(rc, i, 300, 101) == -EEXIST;
	ok(replays == 18 && krbap_rcache_count(rc) == 18,
	   "every entry survives the rehash");
	ok(krbap_rcache_set_max(rc, 18) == 0 && ins(rc, 40, 300, 101) == -ENOSPC,
	   "lowering the limit again refuses new entries");
	ok(rc->tbl->mask == 63, "the table never shrinks");
	krbap_rcache_destroy(rc);
}

static void test_flush(void)
{
	struct krbap_rcache *rc = krbap_rcache_create(100);
	int i, fresh = 0;

	for (i = 0; i < 100; i++)
		ins(rc, i, 1000, 10);
	krbap_rcache_flush(rc);
	ok(!krbap_rcache_count(rc) && shim_kmem_cache_live(rc_slab) == 0,
	   "flush frees every entry");
	for (i = 0; i < 100; i++)
		fresh += ins(rc, i, 1000, 10) == 0;
	ok(fresh == 100, "flushed digests are new again");
	krbap_rcache_destroy(rc);
}

static void test_expire(void)
{
	struct krbap_rcache *rc = krbap_rcache_create(1024);
	unsigned int n, total = 0, calls = 0, most = 0;
	bool exact = true;
	int i;

	for (i = 0; i < 1000; i++)
		ins(rc, i, i < 900 ? 100 : 500, 10);
	ok(krbap_rcache_expire(rc, 100, 1024) == 0,
	   "expire: nothing freed while live");
	ok(krbap_rcache_expire(rc, 200, 0) == 0, "budget 0 frees nothing");
	while (calls < 16) {
		u32 before = krbap_rcache_count(rc);

		n = krbap_rcache_expire(rc, 200, 64);
		exact &= before - krbap_rcache_count(rc) == n;
		most = max(most, n);
		total += n;
		calls++;
	}
	ok(exact, "each call's return matches the count drop");
	ok(most > 0 && most < 200, "64 of 1024 buckets free a share (%u)",
	   most);
	ok(total == 900 && krbap_rcache_count(rc) == 100,
	   "16 calls of 64 cover the table once: %u freed", total);
	ok(krbap_rcache_expire(rc, 501, ~0U) == 100 && !krbap_rcache_count(rc),
	   "a budget over the table size is one full pass");
	krbap_rcache_destroy(rc);
}

static void test_many(void)
{
	const int n = 200000;
	struct krbap_rcache *rc = krbap_rcache_create(n);
	int i, fresh = 0, replays = 0;

	for (i = 0; i < n; i++)
		fresh += ins(rc, i, 1000, 10) == 0;
	ok(fresh == n && krbap_rcache_count(rc) == (u32)n,
	   "200000 digests inserted, count exact");
	for (i = 0; i < n; i++)
		replays += ins(rc, i, 1000, 20) == -EEXIST;
	ok(replays == n && krbap_rcache_count(rc) == (u32)n,
	   "each of them refused as a replay");
	ok(ins(rc, n, 1000, 20) == -ENOSPC, "one more: -ENOSPC");
	ok(krbap_rcache_expire(rc, 1001, ~0U) == (u32)n &&
	   !krbap_rcache_count(rc), "all expire in one full pass");
	krbap_rcache_destroy(rc);
}

static void test_nomem(void)
{
	struct krbap_rcache *rc;
	int i;

	for (i = 1; i <= 2; i++) {
		shim_fail_alloc_after = i;
		rc = krbap_rcache_create(8);
		shim_fail_alloc_after = 0;
		ok(!rc, "create: allocation %d fails -> NULL, no leak", i);
	}
	rc = krbap_rcache_create(8);
	ins(rc, 1, 100, 10);
	shim_fail_alloc_after = 1;
	ok(ins(rc, 2, 100, 10) == -ENOMEM, "insert: allocation failure -ENOMEM");
	shim_fail_alloc_after = 1;
	ok(rst(rc, 3, 100, 10) == -ENOMEM, "restore: allocation failure -ENOMEM");
	shim_fail_alloc_after = 0;
	ok(krbap_rcache_count(rc) == 1 && ins(rc, 2, 100, 10) == 0 &&
	   rst(rc, 3, 100, 10) == 0, "failed inserts recorded nothing");
	krbap_rcache_destroy(rc);

	krbap_rcache_uninit();
	shim_fail_alloc_after = 1;
	ok(krbap_rcache_init() == -ENOMEM, "init: slab failure -ENOMEM");
	shim_fail_alloc_after = 0;
	ok(krbap_rcache_init() == 0, "init again");
}

struct sink_log {
	int calls;
	u8 last[LEN];
	time64_t last_exp;
};

static void sink(void *ctx, const u8 *digest, time64_t expires)
{
	struct sink_log *log = ctx;

	log->calls++;
	memcpy(log->last, digest, LEN);
	log->last_exp = expires;
}

static void test_sink_restore(void)
{
	struct krbap_rcache *rc = krbap_rcache_create(16);
	struct sink_log log = { 0 };
	u8 d[LEN];
	int i;

	krbap_rcache_set_sink(rc, sink, &log);
	for (i = 0; i < 10; i++)
		ins(rc, i, 100 + i, 10);
	ok(log.calls == 10, "sink: called once per new entry");
	mkdigest(d, 9);
	ok_mem(log.last, d, LEN, "sink: gets the digest");
	ok(log.last_exp == 109, "sink: gets the expiry");
	for (i = 0; i < 10; i++)
		ins(rc, i, 100 + i, 20);
	ins(rc, 20, 5, 10);
	ok(log.calls == 10, "sink: not called for replays or -ESTALE");

	ok(rst(rc, 30, 50, 60) == -ESTALE && krbap_rcache_count(rc) == 10,
	   "restore: expired entry ignored");
	ok(rst(rc, 30, 200, 60) == 0 && krbap_rcache_count(rc) == 11,
	   "restore: live entry added");
	ok(log.calls == 10, "restore: sink not fed");
	ok(ins(rc, 30, 200, 60) == -EEXIST, "restored entry refuses a replay");
	ok(rst(rc, 30, 200, 60) == 0 && krbap_rcache_count(rc) == 11,
	   "restore twice: merged, count unchanged");
	ok(rst(rc, 0, 300, 60) == 0 && ins(rc, 0, 400, 250) == -EEXIST,
	   "restore keeps the later expiry");
	ok(rst(rc, 1, 80, 60) == 0 && ins(rc, 1, 400, 101) == -EEXIST &&
	   ins(rc, 1, 400, 102) == 0, "... and never shortens one");
	ok(log.calls == 11, "sink fed by that last insert only");
	krbap_rcache_set_max(rc, 11);
	ok(rst(rc, 31, 200, 60) == -ENOSPC, "restore into a full cache -ENOSPC");
	krbap_rcache_set_sink(rc, NULL, NULL);
	krbap_rcache_set_max(rc, 16);
	ok(ins(rc, 40, 200, 60) == 0 && log.calls == 11,
	   "cleared sink not called");
	krbap_rcache_destroy(rc);
}

#define THREADS	4
#define SHARED	50000

struct racer {
	pthread_t t;
	struct krbap_rcache *rc;
	int id;
	u8 won[SHARED];
	int errors;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	int i, k, err;

	for (k = 0; k < SHARED; k++) {
		/* each thread walks the digests in its own order */
		i = (k * 7919 + r->id * 12345) % SHARED;
		err = ins(r->rc, i, 1000, 10);
		r->won[i] = !err;
		r->errors += err && err != -EEXIST;
	}
	return NULL;
}

static void test_concurrent(void)
{
	static struct racer r[THREADS];
	struct krbap_rcache *rc = krbap_rcache_create(SHARED);
	int i, k, winners, bad = 0, errors = 0;

	for (k = 0; k < THREADS; k++) {
		r[k].rc = rc;
		r[k].id = k;
		pthread_create(&r[k].t, NULL, race, &r[k]);
	}
	/* the table grows from 1024 buckets under the racers' feet */
	for (i = 1; i <= 4; i++)
		krbap_rcache_set_max(rc, SHARED << (2 * i));
	for (k = 0; k < THREADS; k++) {
		pthread_join(r[k].t, NULL);
		errors += r[k].errors;
	}
	for (i = 0; i < SHARED; i++) {
		for (winners = 0, k = 0; k < THREADS; k++)
			winners += r[k].won[i];
		bad += winners != 1;
	}
	ok(!errors, "%d threads racing set_max: only 0 or -EEXIST",
	   THREADS);
	ok(!bad, "%d threads x %d shared digests: exactly one winner each",
	   THREADS, SHARED);
	ok(krbap_rcache_count(rc) == SHARED, "count exact after the race");
	krbap_rcache_destroy(rc);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_speed(void)
{
	const int n = 1000000;
	struct krbap_rcache *rc = krbap_rcache_create(n);
	int i, fresh = 0;
	char msg[160];
	double t;

	ok(rc->tbl->mask == 1023, "max 1M: the table starts at 1024 buckets");
	t = seconds();
	for (i = 0; i < n; i++)
		fresh += ins(rc, i, 1000, 10) == 0;
	t = seconds() - t;
	snprintf(msg, sizeof(msg),
		 "1M inserts (ASan build): %.3f s, %.0f/s; entry %u bytes, table %zu bytes/bucket, %u buckets",
		 t, n / t, kmem_cache_size(rc_slab), sizeof(struct hlist_head),
		 rc->tbl->mask + 1);
	tap_diag(msg);
	ok(fresh == n, "1M inserts all accepted");
	krbap_rcache_destroy(rc);
}

int main(void)
{
	BUILD_BUG_ON(sizeof(struct rc_entry) != 40);

	ok(krbap_rcache_init() == 0, "init");
	test_basic();
	test_full();
	test_set_max();
	test_flush();
	test_expire();
	test_many();
	test_nomem();
	test_sink_restore();
	test_concurrent();
	test_speed();
	ok(shim_kmem_cache_live(rc_slab) == 0, "no entry left behind");
	krbap_rcache_uninit();
	return tap_done();
}
