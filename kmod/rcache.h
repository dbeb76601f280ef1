/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The replay cache (RFC 4120 3.2.3): one per network namespace, in memory,
 * authoritative.  An entry is a digest the accept pipeline computes over the
 * principal whose key decrypted the ticket and the authenticator ciphertext,
 * held until the authenticator's ctime + skew.  An entry is live while
 * now <= expires.
 *
 * Insert-if-absent is atomic.  A full cache refuses new entries (fail
 * closed); it never evicts a live one.  Expired entries are reclaimed by
 * inserts in the bucket they touch, by krbap_rcache_expire() (bounded work,
 * for a periodic work item) and, when the cache is full, by a short sweep.
 *
 * Persistence: a sink registered with krbap_rcache_set_sink() is called once
 * for every entry krbap_rcache_insert() adds, after the entry is visible and
 * outside any bucket lock; batching is the sink's business.
 * krbap_rcache_restore() adds entries read back from disk without feeding it.
 *
 * Context: everything here runs in process context and may sleep.
 */
#ifndef KRBAP_RCACHE_H
#define KRBAP_RCACHE_H

#include <linux/types.h>
#include <linux/time64.h>
#include <uapi/linux/krbap.h>

struct krbap_rcache;

/*
 * Called under the cache's read lock: it must not call set_sink(),
 * set_max() or destroy() on the same cache.
 */
typedef void (*krbap_rcache_sink_t)(void *ctx, const u8 *digest,
				    time64_t expires);

int krbap_rcache_init(void);
void krbap_rcache_uninit(void);

struct krbap_rcache *krbap_rcache_create(u32 max_entries);
void krbap_rcache_destroy(struct krbap_rcache *rc);

int krbap_rcache_insert(struct krbap_rcache *rc, const u8 *digest,
			time64_t expires, time64_t now);
int krbap_rcache_restore(struct krbap_rcache *rc, const u8 *digest,
			 time64_t expires, time64_t now);
unsigned int krbap_rcache_expire(struct krbap_rcache *rc, time64_t now,
				 unsigned int budget);
void krbap_rcache_flush(struct krbap_rcache *rc);

int krbap_rcache_set_max(struct krbap_rcache *rc, u32 max_entries);
u32 krbap_rcache_max(struct krbap_rcache *rc);
u32 krbap_rcache_count(struct krbap_rcache *rc);
void krbap_rcache_set_sink(struct krbap_rcache *rc, krbap_rcache_sink_t fn,
			   void *ctx);

#endif /* KRBAP_RCACHE_H */
