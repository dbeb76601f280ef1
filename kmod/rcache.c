// SPDX-License-Identifier: GPL-2.0-only
/*
 * The replay cache: a hash table of small entries from a dedicated slab and
 * a fixed array of bucket locks, so accepts on different CPUs rarely meet.
 * The table starts small (a namespace that never accepts costs little) and
 * grows fourfold whenever entries outnumber buckets, up to one bucket per
 * allowed entry, so chains stay short.  A per-cpu rwsem is taken for read by
 * every operation and for write only by the rare ones that swap the table or
 * the sink.
 */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/percpu-rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "rcache.h"

#define RC_LOCKS	256
#define RC_MIN_BUCKETS	16
#define RC_START_BUCKETS 1024
#define RC_MAX_BUCKETS	(4U * 1024 * 1024)
#define RC_FULL_SWEEP	16	/* buckets swept before a full cache refuses */
#define RC_RESCHED	1024	/* buckets between cond_resched() */

struct rc_entry {
	struct hlist_node node;
	time64_t expires;
	u8 digest[KRBAP_RCACHE_DIGEST_LEN];
};

struct rc_table {
	u32 mask;
	struct hlist_head b[];
};

struct krbap_rcache {
	struct percpu_rw_semaphore sem;	/* write: table or sink changes */
	struct rc_table *tbl;
	u32 nbuckets;			/* tbl's size, for lockless peeks */
	atomic_t growing;
	atomic_t count;
	atomic_t cursor;		/* next bucket krbap_rcache_expire() scans */
	u32 max;
	krbap_rcache_sink_t sink;
	void *sink_ctx;
	spinlock_t locks[RC_LOCKS];	/* bucket b: locks[b % RC_LOCKS] */
};

static struct kmem_cache *rc_slab;

/**
 * krbap_rcache_init() - create the slab all replay caches allocate from
 *
 * Context: module init.
 * Return: 0 or -ENOMEM.
 */
int krbap_rcache_init(void)
{
	/* charged to the memory cgroup of whoever makes the entries */
	rc_slab = kmem_cache_create("krbap_rcache", sizeof(struct rc_entry),
				    0, SLAB_ACCOUNT, NULL);
	return rc_slab ? 0 : -ENOMEM;
}

/**
 * krbap_rcache_uninit() - destroy the slab; every cache must be gone
 *
 * Context: module exit.
 */
void krbap_rcache_uninit(void)
{
	kmem_cache_destroy(rc_slab);
	rc_slab = NULL;
}

static u32 table_size(u32 max_entries)
{
	return roundup_pow_of_two(max_t(u32, RC_MIN_BUCKETS,
					min_t(u32, max_entries, RC_MAX_BUCKETS)));
}

static struct rc_table *table_alloc(u32 n)
{
	struct rc_table *t;

	/* n <= RC_MAX_BUCKETS, so the size cannot overflow */
	t = kvzalloc(sizeof(*t) + n * sizeof(t->b[0]), GFP_KERNEL_ACCOUNT);
	if (t)
		t->mask = n - 1;
	return t;
}

/*
 * The digest is a truncated SHA-256, so its first bytes are already uniform.
 * A client holding a valid ticket could grind authenticators into one bucket,
 * but each colliding entry costs it about a million hashes and only lengthens
 * one chain for ctime + skew, so no keyed hash is needed.
 */
static u32 bucket_of(const struct rc_table *t, const u8 *digest)
{
	u32 h;

	memcpy(&h, digest, sizeof(h));
	return h & t->mask;
}

static spinlock_t *lock_of(struct krbap_rcache *rc, u32 b)
{
	return &rc->locks[b & (RC_LOCKS - 1)];
}

static void drop(struct krbap_rcache *rc, struct rc_entry *e)
{
	hlist_del(&e->node);
	kmem_cache_free(rc_slab, e);
	atomic_dec(&rc->count);
}

/* Frees the bucket's entries that expired before @now (all if @all). */
static unsigned int prune(struct krbap_rcache *rc, u32 b, time64_t now,
			  bool all)
{
	struct rc_entry *e;
	struct hlist_node *tmp;
	unsigned int n = 0;

	spin_lock(lock_of(rc, b));
	hlist_for_each_entry_safe(e, tmp, &rc->tbl->b[b], node) {
		if (all || e->expires < now) {
			drop(rc, e);
			n++;
		}
	}
	spin_unlock(lock_of(rc, b));
	return n;
}

/* Scans up to @budget buckets from the shared cursor; caller holds sem. */
static unsigned int sweep(struct krbap_rcache *rc, time64_t now,
			  unsigned int budget)
{
	u32 nb = rc->tbl->mask + 1;
	unsigned int i, n = 0;
	u32 start;

	budget = min_t(u32, budget, nb);
	start = (u32)atomic_add_return(budget, &rc->cursor) - budget;
	for (i = 0; i < budget; i++)
		n += prune(rc, (start + i) & rc->tbl->mask, now, false);
	return n;
}

/* Takes a slot unless the cache holds max entries (or more, after set_max) */
static bool reserve(struct krbap_rcache *rc)
{
	int c = atomic_read(&rc->count);

	do {
		if ((u32)c >= READ_ONCE(rc->max))
			return false;
	} while (!atomic_try_cmpxchg(&rc->count, &c, c + 1));
	return true;
}

/*
 * Insert-if-absent of *@newp under its bucket lock, reclaiming the bucket's
 * expired entries on the way.  On success the entry is owned by the table
 * and *@newp is cleared.  A restore merges with a live entry instead of
 * failing, keeping the later expiry.
 */
static int add_locked(struct krbap_rcache *rc, struct rc_entry **newp,
		      time64_t now, bool restore)
{
	struct rc_entry *e, *new = *newp;
	u32 b = bucket_of(rc->tbl, new->digest);
	struct hlist_node *tmp;
	int err = 0;

	spin_lock(lock_of(rc, b));
	hlist_for_each_entry_safe(e, tmp, &rc->tbl->b[b], node) {
		if (e->expires < now) {
			drop(rc, e);
		} else if (!memcmp(e->digest, new->digest, sizeof(e->digest))) {
			if (!restore)
				err = -EEXIST;
			else if (e->expires < new->expires)
				e->expires = new->expires;
			goto out;
		}
	}
	if (!reserve(rc)) {
		err = -ENOSPC;
		goto out;
	}
	hlist_add_head(&new->node, &rc->tbl->b[b]);
	*newp = NULL;
out:
	spin_unlock(lock_of(rc, b));
	return err;
}

static void rehash(struct rc_table *from, struct rc_table *to)
{
	struct rc_entry *e;
	struct hlist_node *tmp;
	u32 b;

	for (b = 0; b <= from->mask; b++) {
		hlist_for_each_entry_safe(e, tmp, &from->b[b], node) {
			hlist_del(&e->node);
			hlist_add_head(&e->node, &to->b[bucket_of(to, e->digest)]);
		}
	}
}

/* Swaps in a table of @n buckets, rehashing while every user waits. */
static void resize(struct krbap_rcache *rc, u32 n)
{
	struct rc_table *t = table_alloc(n), *old;

	if (!t)
		return;	/* chains grow longer; a later insert retries */
	percpu_down_write(&rc->sem);
	old = rc->tbl;
	if (t->mask > old->mask) {
		rehash(old, t);
		rc->tbl = t;
		WRITE_ONCE(rc->nbuckets, n);
		t = old;
	}
	percpu_up_write(&rc->sem);
	kvfree(t);
}

/*
 * Called after an insert with no lock held.  The inserting task pays for the
 * rehash (an RCU grace period plus one pass over the entries); doubling by
 * four keeps that to a handful of times over the cache's life.
 */
static void maybe_grow(struct krbap_rcache *rc)
{
	u32 nb = READ_ONCE(rc->nbuckets);
	u32 want = table_size(READ_ONCE(rc->max));
	int idle = 0;

	if ((u32)atomic_read(&rc->count) <= nb || nb >= want)
		return;
	if (!atomic_try_cmpxchg(&rc->growing, &idle, 1))
		return;
	resize(rc, min(want, nb * 4));
	atomic_set(&rc->growing, 0);
}

static int add(struct krbap_rcache *rc, const u8 *digest, time64_t expires,
	       time64_t now, bool restore)
{
	struct rc_entry *new;
	bool added;
	int err;

	if (expires < now)
		return -ESTALE;
	/* allocated before any lock; a refused insert just frees it */
	new = kmem_cache_alloc(rc_slab, GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	memcpy(new->digest, digest, sizeof(new->digest));
	new->expires = expires;

	percpu_down_read(&rc->sem);
	err = add_locked(rc, &new, now, restore);
	if (err == -ENOSPC && sweep(rc, now, RC_FULL_SWEEP))
		err = add_locked(rc, &new, now, restore);
	added = !err && !new;
	if (added && !restore && rc->sink)
		rc->sink(rc->sink_ctx, digest, expires);
	percpu_up_read(&rc->sem);

	if (new)
		kmem_cache_free(rc_slab, new);
	if (added)
		maybe_grow(rc);
	return err;
}

/**
 * krbap_rcache_insert() - record an authenticator, refusing a replay
 * @rc: the namespace's cache
 * @digest: KRBAP_RCACHE_DIGEST_LEN bytes naming the authenticator
 * @expires: ctime + skew; the entry is live while now <= @expires
 * @now: the current time (ktime_get_real_seconds())
 *
 * Atomic insert-if-absent: of two concurrent inserts of one digest exactly
 * one returns 0.  An expired entry with the same digest is replaced.  On
 * success the sink, if any, is called once with the new entry.
 *
 * Context: process context, may sleep.  No locks held.
 * Return: 0 inserted; -EEXIST a live entry has this digest (a replay);
 * -ENOSPC the cache is full of live entries; -ESTALE @expires is before
 * @now (the caller should have refused the authenticator as skewed);
 * -ENOMEM.
 */
int krbap_rcache_insert(struct krbap_rcache *rc, const u8 *digest,
			time64_t expires, time64_t now)
{
	return add(rc, digest, expires, now, false);
}

/**
 * krbap_rcache_restore() - add an entry read back from persistent storage
 * @rc: the namespace's cache
 * @digest: KRBAP_RCACHE_DIGEST_LEN bytes
 * @expires: when the entry expires
 * @now: the current time
 *
 * Like krbap_rcache_insert(), but the sink is not fed, and a live entry with
 * the same digest is kept (with the later of the two expiries) rather than
 * reported, so restoring the same file twice is harmless.
 *
 * Context: process context, may sleep.
 * Return: 0 the digest is held; -ESTALE already expired, ignored;
 * -ENOSPC; -ENOMEM.
 */
int krbap_rcache_restore(struct krbap_rcache *rc, const u8 *digest,
			 time64_t expires, time64_t now)
{
	return add(rc, digest, expires, now, true);
}

/**
 * krbap_rcache_expire() - reclaim expired entries, a few buckets at a time
 * @rc: the cache
 * @now: the current time; entries with expires < @now are freed
 * @budget: buckets to scan (at most the table's size)
 *
 * Successive calls walk the table round-robin from where the last one
 * stopped, so a periodic caller with budget B covers the whole table every
 * size / B calls.  Buckets hold one entry on average.
 *
 * Context: process context.
 * Return: the number of entries freed.
 */
unsigned int krbap_rcache_expire(struct krbap_rcache *rc, time64_t now,
				 unsigned int budget)
{
	unsigned int n;

	percpu_down_read(&rc->sem);
	n = sweep(rc, now, budget);
	percpu_up_read(&rc->sem);
	return n;
}

/**
 * krbap_rcache_flush() - drop every entry (an administrative reset)
 * @rc: the cache
 *
 * Entries inserted while the flush runs may survive it.
 *
 * Context: process context, may sleep.
 */
void krbap_rcache_flush(struct krbap_rcache *rc)
{
	u32 b;

	percpu_down_read(&rc->sem);
	for (b = 0; b <= rc->tbl->mask; b++) {
		prune(rc, b, 0, true);
		if (!(b % RC_RESCHED))
			cond_resched();
	}
	percpu_up_read(&rc->sem);
}

/**
 * krbap_rcache_create() - allocate an empty replay cache
 * @max_entries: the most live entries it may hold; 0 refuses every insert
 *
 * The table starts at 1024 buckets (8 bytes each) and grows with the
 * entries up to one bucket per allowed entry (a power of two, at most 4M).
 *
 * Context: process context, may sleep; after krbap_rcache_init().
 * Return: the cache or NULL.
 */
struct krbap_rcache *krbap_rcache_create(u32 max_entries)
{
	struct krbap_rcache *rc;
	int i;

	rc = kzalloc(sizeof(*rc), GFP_KERNEL);
	if (!rc)
		return NULL;
	rc->tbl = table_alloc(min(table_size(max_entries), RC_START_BUCKETS));
	if (!rc->tbl)
		goto err_rc;
	rc->nbuckets = rc->tbl->mask + 1;
	if (percpu_init_rwsem(&rc->sem))
		goto err_tbl;
	for (i = 0; i < RC_LOCKS; i++)
		spin_lock_init(&rc->locks[i]);
	rc->max = max_entries;
	return rc;

err_tbl:
	kvfree(rc->tbl);
err_rc:
	kfree(rc);
	return NULL;
}

/**
 * krbap_rcache_destroy() - free a cache and all its entries
 * @rc: the cache, or NULL
 *
 * Context: process context, may sleep; nobody else uses @rc any more.
 */
void krbap_rcache_destroy(struct krbap_rcache *rc)
{
	struct rc_entry *e;
	struct hlist_node *tmp;
	u32 b;

	if (!rc)
		return;
	for (b = 0; b <= rc->tbl->mask; b++) {
		hlist_for_each_entry_safe(e, tmp, &rc->tbl->b[b], node)
			kmem_cache_free(rc_slab, e);
		if (!(b % RC_RESCHED))
			cond_resched();
	}
	percpu_free_rwsem(&rc->sem);
	kvfree(rc->tbl);
	kfree(rc);
}

/**
 * krbap_rcache_set_max() - change how many live entries the cache may hold
 * @rc: the cache
 * @max_entries: the new limit
 *
 * Lowering the limit below the current count keeps every entry; inserts are
 * refused until expiry brings the count under the limit.  The table
 * follows the entries, not the limit: raising the limit allocates nothing
 * now, and the table never shrinks.
 *
 * Context: any.
 * Return: 0 (callers should still check: a later version may allocate).
 */
int krbap_rcache_set_max(struct krbap_rcache *rc, u32 max_entries)
{
	WRITE_ONCE(rc->max, max_entries);
	return 0;
}

/**
 * krbap_rcache_max() - the limit set at creation or by set_max
 * @rc: the cache
 *
 * Context: any.
 * Return: the most live entries @rc accepts.
 */
u32 krbap_rcache_max(struct krbap_rcache *rc)
{
	return READ_ONCE(rc->max);
}

/**
 * krbap_rcache_count() - entries held, expired ones not yet reclaimed included
 * @rc: the cache
 *
 * Context: any.
 * Return: the number of entries.
 */
u32 krbap_rcache_count(struct krbap_rcache *rc)
{
	return atomic_read(&rc->count);
}

/**
 * krbap_rcache_set_sink() - set (or clear, with NULL) the new-entry sink
 * @rc: the cache
 * @fn: called once per entry krbap_rcache_insert() adds, after the entry is
 *	in the table and outside the bucket lock, under the cache's read lock
 *	(so it may sleep but must not call set_sink, set_max or destroy)
 * @ctx: passed to @fn
 *
 * When this returns no call to the previous sink is still running, so its
 * context may be freed.
 *
 * Context: process context, may sleep; not from the sink.
 */
void krbap_rcache_set_sink(struct krbap_rcache *rc, krbap_rcache_sink_t fn,
			   void *ctx)
{
	percpu_down_write(&rc->sem);
	rc->sink = fn;
	rc->sink_ctx = ctx;
	percpu_up_write(&rc->sem);
}
