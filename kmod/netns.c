// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per network namespace state: each container's file server has its own
 * configuration, keys, replay cache, counters and helper.
 */
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <linux/krbap.h>

#include "accept.h"
#include "crypto/krb5.h"
#include "keystore.h"
#include "netns.h"
#include "netlink.h"
#include "rcache.h"

/* new replay entries sent to the helper per message, at most */
#define KRBAP_PERSIST_BATCH	128

struct krbap_net {
	struct mutex config_lock;	/* serialises config writers */
	struct krbap_config config;
	u32 helper_portid;		/* 0: no helper registered */
	u32 max_skew;			/* the largest clock_skew ever set */
	struct net *net;
	struct krbap_keystore *keys;
	struct krbap_rcache *rcache;
	struct krbap_stats __percpu *stats;
	struct delayed_work gc;		/* reclaims expired replay entries */
	time64_t loaded_at;		/* start of the restore window */
	bool restored;
	spinlock_t batch_lock;		/* new entries for the helper */
	unsigned int batch_len;
	struct krbap_rcache_rec batch[KRBAP_PERSIST_BATCH];
	struct work_struct persist;	/* sends the batch */
};

/* buckets the replay cache collector visits per run, and how often */
#define GC_BUDGET	4096
#define GC_INTERVAL	HZ

static unsigned int krbap_net_id __read_mostly;

static struct krbap_net *krbap_net(struct net *net)
{
	return net_generic(net, krbap_net_id);
}

static void gc_work(struct work_struct *work)
{
	struct krbap_net *kn = container_of(to_delayed_work(work),
					    struct krbap_net, gc);

	krbap_rcache_expire(kn->rcache, ktime_get_real_seconds(), GC_BUDGET);
	queue_delayed_work(system_power_efficient_wq, &kn->gc, GC_INTERVAL);
}

static void count_dropped(struct krbap_net *kn, unsigned int n)
{
	this_cpu_add(kn->stats->persist_dropped, n);
}

/*
 * The replay cache calls this for every new entry; entries are batched
 * and sent to the helper from a work item.  A full batch drops the entry
 * (counted): persistence is best effort, the in-memory cache is not.
 */
static void persist_sink(void *ctx, const u8 *digest, time64_t expires)
{
	struct krbap_net *kn = ctx;
	struct krbap_rcache_rec *rec;
	bool first;

	if (!READ_ONCE(kn->config.rcache_persist))
		return;
	spin_lock(&kn->batch_lock);
	if (kn->batch_len == KRBAP_PERSIST_BATCH) {
		spin_unlock(&kn->batch_lock);
		count_dropped(kn, 1);
		return;
	}
	first = !kn->batch_len;
	rec = &kn->batch[kn->batch_len++];
	memcpy(rec->digest, digest, sizeof(rec->digest));
	rec->expires = expires;
	spin_unlock(&kn->batch_lock);
	if (first)
		queue_work(system_wq, &kn->persist);
}

static void persist_work(struct work_struct *work)
{
	struct krbap_net *kn = container_of(work, struct krbap_net, persist);
	struct krbap_rcache_rec *recs;
	unsigned int n;
	u32 portid;

	recs = kmalloc_array(KRBAP_PERSIST_BATCH, sizeof(*recs), GFP_KERNEL);
	spin_lock(&kn->batch_lock);
	n = kn->batch_len;
	if (recs)
		memcpy(recs, kn->batch, n * sizeof(*recs));
	kn->batch_len = 0;
	spin_unlock(&kn->batch_lock);
	portid = READ_ONCE(kn->helper_portid);
	if (!recs || !portid ||
	    krbap_genl_rcache_new(kn->net, portid, recs, n))
		count_dropped(kn, n);
	kfree(recs);
}

static void __net_exit krbap_net_exit(struct net *net)
{
	struct krbap_net *kn = krbap_net(net);

	if (kn->rcache)
		krbap_rcache_set_sink(kn->rcache, NULL, NULL);
	cancel_work_sync(&kn->persist);
	cancel_delayed_work_sync(&kn->gc);
	krbap_keystore_destroy(kn->keys);
	krbap_rcache_destroy(kn->rcache);
	free_percpu(kn->stats);
}

static int __net_init krbap_net_init(struct net *net)
{
	struct krbap_net *kn = krbap_net(net);

	mutex_init(&kn->config_lock);
	kn->config.clock_skew = KRBAP_CLOCK_SKEW_DEFAULT;
	kn->max_skew = KRBAP_CLOCK_SKEW_DEFAULT;
	kn->config.allow_rc4 = false;
	kn->config.acceptor_subkey = false;
	kn->config.rcache_max = KRBAP_RCACHE_MAX_DEFAULT;
	kn->config.rcache_persist = true;
	kn->config.pac_policy = KRBAP_PAC_REJECT;
	kn->helper_portid = 0;
	kn->net = net;
	kn->loaded_at = ktime_get_real_seconds();
	kn->restored = false;
	spin_lock_init(&kn->batch_lock);
	kn->batch_len = 0;
	INIT_WORK(&kn->persist, persist_work);
	kn->keys = krbap_keystore_create();
	kn->rcache = krbap_rcache_create(kn->config.rcache_max);
	kn->stats = alloc_percpu(struct krbap_stats);
	INIT_DELAYED_WORK(&kn->gc, gc_work);
	if (!kn->keys || !kn->rcache || !kn->stats) {
		krbap_net_exit(net);
		return -ENOMEM;
	}
	krbap_rcache_set_sink(kn->rcache, persist_sink, kn);
	queue_delayed_work(system_power_efficient_wq, &kn->gc, GC_INTERVAL);
	return 0;
}

static struct pernet_operations krbap_net_ops = {
	.init = krbap_net_init,
	.exit = krbap_net_exit,
	.id = &krbap_net_id,
	.size = sizeof(struct krbap_net),
};

/**
 * krbap_config_get() - read a namespace's configuration
 * @net: the namespace
 * @cfg: filled with a consistent snapshot
 *
 * Context: process context; may sleep.
 */
void krbap_config_get(struct net *net, struct krbap_config *cfg)
{
	struct krbap_net *kn = krbap_net(net);

	mutex_lock(&kn->config_lock);
	*cfg = kn->config;
	mutex_unlock(&kn->config_lock);
}

/**
 * krbap_config_set() - replace a namespace's configuration
 * @net: the namespace
 * @cfg: the new settings, already validated
 *
 * Readers on the fast path use READ_ONCE() on single fields, so each
 * field is published with WRITE_ONCE().  Nothing changes on failure.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno from the replay cache.
 */
int krbap_config_set(struct net *net, const struct krbap_config *cfg)
{
	struct krbap_net *kn = krbap_net(net);
	int ret = 0;

	mutex_lock(&kn->config_lock);
	if (cfg->rcache_max != kn->config.rcache_max)
		ret = krbap_rcache_set_max(kn->rcache, cfg->rcache_max);
	if (ret)
		goto out;
	WRITE_ONCE(kn->max_skew, max(kn->max_skew, cfg->clock_skew));
	WRITE_ONCE(kn->config.clock_skew, cfg->clock_skew);
	WRITE_ONCE(kn->config.allow_rc4, cfg->allow_rc4);
	WRITE_ONCE(kn->config.acceptor_subkey, cfg->acceptor_subkey);
	WRITE_ONCE(kn->config.rcache_max, cfg->rcache_max);
	WRITE_ONCE(kn->config.rcache_persist, cfg->rcache_persist);
	WRITE_ONCE(kn->config.pac_policy, cfg->pac_policy);
out:
	mutex_unlock(&kn->config_lock);
	return ret;
}

/**
 * krbap_net_keystore() - a namespace's keystore
 * @net: the namespace
 *
 * Return: the keystore; it lives as long as the namespace.
 */
struct krbap_keystore *krbap_net_keystore(struct net *net)
{
	return krbap_net(net)->keys;
}

/**
 * krbap_net_rcache_count() - live entries in a namespace's replay cache
 * @net: the namespace
 *
 * Return: the count.
 */
u32 krbap_net_rcache_count(struct net *net)
{
	return krbap_rcache_count(krbap_net(net)->rcache);
}

/**
 * krbap_restore_state() - where the replay cache's restore stands
 * @net: the namespace
 * @window_end: set to when the window closes by itself
 *
 * Return: an enum krbap_restore_state.
 */
u32 krbap_restore_state(struct net *net, time64_t *window_end)
{
	struct krbap_net *kn = krbap_net(net);

	*window_end = kn->loaded_at + 2 * (time64_t)READ_ONCE(kn->config.clock_skew);
	if (!READ_ONCE(kn->config.rcache_persist))
		return KRBAP_RESTORE_OFF;
	if (READ_ONCE(kn->restored))
		return KRBAP_RESTORE_DONE;
	if (ktime_get_real_seconds() >= *window_end)
		return KRBAP_RESTORE_LAPSED;
	return KRBAP_RESTORE_PENDING;
}

/**
 * krbap_rcache_restore_recs() - put persisted entries back in the cache
 * @net: the namespace
 * @recs: entries from the helper
 * @n: how many
 *
 * Entries already expired are skipped.
 *
 * Context: process context.
 * Return: 0, or -ENOSPC / -ENOMEM when the cache could not take them all.
 */
int krbap_rcache_restore_recs(struct net *net,
			      const struct krbap_rcache_rec *recs,
			      unsigned int n)
{
	struct krbap_rcache *rc = krbap_net(net)->rcache;
	time64_t now = ktime_get_real_seconds();
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = krbap_rcache_restore(rc, recs[i].digest, recs[i].expires,
					   now);
		if (ret && ret != -ESTALE)
			return ret;
	}
	return 0;
}

/**
 * krbap_restore_done() - the helper has restored everything: close the
 * window
 * @net: the namespace
 */
void krbap_restore_done(struct net *net)
{
	WRITE_ONCE(krbap_net(net)->restored, true);
}

/* the earliest ctime accepted now, or 0 when there is no window */
static time64_t restore_until(struct krbap_net *kn, u32 skew)
{
	if (!READ_ONCE(kn->config.rcache_persist) || READ_ONCE(kn->restored))
		return 0;
	return kn->loaded_at + skew;
}

/* what the accept pipeline needs of @kn, read once per call */
static void acceptor_of(struct krbap_net *kn, struct krbap_acceptor *acc)
{
	u32 skew = READ_ONCE(kn->config.clock_skew);

	*acc = (struct krbap_acceptor) {
		.keys = kn->keys,
		.rcache = kn->rcache,
		.clock_skew = skew,
		.allow_rc4 = READ_ONCE(kn->config.allow_rc4),
		.acceptor_subkey = READ_ONCE(kn->config.acceptor_subkey),
		.pac_policy = READ_ONCE(kn->config.pac_policy),
		.restore_until = restore_until(kn, skew),
		.replay_keep = READ_ONCE(kn->max_skew),
	};
}

static void count(struct krbap_net *kn, int ret,
		  const struct krbap_result *r, u64 ns)
{
	struct krbap_stats *st = get_cpu_ptr(kn->stats);

	st->accept_ns += ns;
	if (ret == -EINPROGRESS) {
		/* counted when the negotiation ends */
	} else if (!ret) {
		st->accepted++;
	} else {
		st->refused++;
		st->restore_waits += r->retry;
		st->errors[min_t(u32, r->krb_error, KRBAP_STATS_CODES - 1)]++;
	}
	put_cpu_ptr(kn->stats);
}

/**
 * krbap_stats_get() - a namespace's counters, summed over CPUs
 * @net: the namespace
 * @sum: filled in
 */
void krbap_stats_get(struct net *net, struct krbap_stats *sum)
{
	struct krbap_net *kn = krbap_net(net);
	const struct krbap_stats *st;
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		st = per_cpu_ptr(kn->stats, cpu);
		sum->accepted += st->accepted;
		sum->refused += st->refused;
		sum->accept_ns += st->accept_ns;
		sum->restore_waits += st->restore_waits;
		sum->persist_dropped += st->persist_dropped;
		for (i = 0; i < KRBAP_STATS_CODES; i++)
			sum->errors[i] += st->errors[i];
	}
}

/**
 * krbap_accept() - check a client's KRB_AP_REQ
 * @net: the namespace whose keys, replay cache and settings apply
 * @token: the KRB_AP_REQ as the client sent it
 * @len: its length
 * @acceptor: accept only tickets for this principal ("nfs/host@REALM",
 *            NUL-terminated), or NULL to accept any principal the
 *            namespace holds keys for; then @result's server is whichever
 *            held principal the ticket names, which the client chose
 *            (principals sharing a key are interchangeable to it)
 * @result: set to the outcome, unless the check could not run
 *
 * On success the result names the client, the server principal whose
 * key was used, the session key and initiator subkey, the ticket's flags,
 * times and authorization data, and (when the client asked for mutual
 * authentication) the KRB_AP_REP to send back.  When refused, it holds
 * the RFC 4120 error code, a reason and a KRB-ERROR for the client.
 * Free it with krbap_result_free().
 *
 * Context: process context; may sleep.  The caller holds a reference on
 * @net for the duration of the call.
 * Return: 0 accepted; -EINPROGRESS when a SPNEGO client prefers another
 * mechanism: send @result's @ap_rep (it asks for krb5) and pass the
 * client's next token to krbap_accept_continue(); a negative errno from
 * krbap_error_errno() when refused, -EAGAIN when refused only until the
 * replay cache is restored after a load (*@result set in these cases,
 * with @retry for the latter); -ENOMEM or -EINVAL with *@result NULL
 * when the check could not run.
 */
int krbap_accept(struct net *net, const u8 *token, size_t len,
		 const char *acceptor, struct krbap_result **result)
{
	struct krbap_net *kn = krbap_net(net);
	struct krbap_acceptor acc;
	struct timespec64 now;
	u64 start = ktime_get_ns();
	int ret;

	*result = NULL;
	if (!token || !len || len > KRBAP_TOKEN_MAX)
		return -EINVAL;
	acceptor_of(kn, &acc);
	ktime_get_real_ts64(&now);
	ret = krbap_accept_core(&acc, token, len, acceptor, &now, result);
	if (*result)
		count(kn, ret, *result, ktime_get_ns() - start);
	return ret;
}
EXPORT_SYMBOL_GPL(krbap_accept);

/**
 * krbap_accept_continue() - the client's next token of a SPNEGO login
 * @net: the namespace of the krbap_accept() call that began the login
 * @result: that call's result, which asked for this token
 *          (@result->continue_needed); updated in place
 * @token: the client's next token (a SPNEGO NegTokenResp)
 * @len: its length
 * @acceptor: as for krbap_accept()
 *
 * RFC 4178 5: a client that prefers another mechanism gets a reply that
 * names krb5 and asks for the mechListMIC; its next token carries the
 * AP-REQ, checked as krbap_accept() checks one, and its MIC when it
 * waits for no AP-REP.  With mutual authentication the reply carries the
 * AP-REP and krbap's MIC, and the client's MIC comes in a third token.
 * Each call's reply is in @result->ap_rep (possibly empty at the end),
 * or @result->error_token when refused, and is sent as it is.
 *
 * Context: process context; may sleep.  The caller serialises calls on
 * one @result.
 * Return: 0 accepted: @result holds the login as after krbap_accept();
 * -EINPROGRESS another token is needed; a refusal as krbap_accept()'s,
 * after which @result holds no keys or names; -EINVAL when @result
 * awaits no token or @token is empty or too long; -ENOMEM with @result
 * unchanged.
 */
int krbap_accept_continue(struct net *net, struct krbap_result *result,
			  const u8 *token, size_t len, const char *acceptor)
{
	struct krbap_net *kn = krbap_net(net);
	struct krbap_acceptor acc;
	struct timespec64 now;
	u64 start = ktime_get_ns();
	int ret;

	if (!result || !token || !len || len > KRBAP_TOKEN_MAX)
		return -EINVAL;
	acceptor_of(kn, &acc);
	ktime_get_real_ts64(&now);
	ret = krbap_accept_next_core(&acc, result, token, len, acceptor,
				     &now);
	if (ret != -EINVAL && ret != -ENOMEM)
		count(kn, ret, result, ktime_get_ns() - start);
	return ret;
}
EXPORT_SYMBOL_GPL(krbap_accept_continue);

/**
 * krbap_clock_skew() - the clock skew a namespace tolerates
 * @net: the namespace
 *
 * Context: any context.
 * Return: the skew in seconds.
 */
u32 krbap_clock_skew(struct net *net)
{
	return READ_ONCE(krbap_net(net)->config.clock_skew);
}
EXPORT_SYMBOL_GPL(krbap_clock_skew);

/**
 * krbap_etype_state() - whether an enctype may be used in a namespace
 * @net: the namespace
 * @etype: RFC 3961 enctype number
 *
 * The self-test result, with the namespace's policy on top: rc4-hmac is
 * built in but stays disabled until the admin allows it.
 *
 * Context: any context.
 * Return: an enum krbap_etype_state.
 */
u32 krbap_etype_state(struct net *net, s32 etype)
{
	enum krbap_etype_state st = krbap_crypto_etype_state(etype);

	if (st == KRBAP_ETYPE_ENABLED && etype == KRBAP_ENCTYPE_RC4_HMAC &&
	    !READ_ONCE(krbap_net(net)->config.allow_rc4))
		return KRBAP_ETYPE_DISABLED;
	return st;
}

/**
 * krbap_helper_register() - make a netlink socket the namespace's helper
 * @net: the namespace
 * @portid: the socket's netlink port id
 *
 * Return: 0, or -EBUSY when another socket is registered.  Registering
 * the same socket twice is not an error.
 */
int krbap_helper_register(struct net *net, u32 portid)
{
	u32 old = cmpxchg(&krbap_net(net)->helper_portid, 0, portid);

	return old && old != portid ? -EBUSY : 0;
}

/**
 * krbap_helper_unregister() - drop the namespace's helper
 * @net: the namespace
 * @portid: the socket that asks; only the helper itself may
 *
 * Return: 0, or -ENOENT when @portid is not the registered helper.
 */
int krbap_helper_unregister(struct net *net, u32 portid)
{
	u32 old = cmpxchg(&krbap_net(net)->helper_portid, portid, 0);

	return old == portid ? 0 : -ENOENT;
}

/**
 * krbap_helper_portid() - the registered helper's port id
 * @net: the namespace
 *
 * Return: the port id, or 0 when no helper is registered.
 */
u32 krbap_helper_portid(struct net *net)
{
	return READ_ONCE(krbap_net(net)->helper_portid);
}

/* A helper that dies without unregistering must not hold the slot. */
static int release_notify(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    n->portid)
		krbap_helper_unregister(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block krbap_release_nb = {
	.notifier_call = release_notify,
};

/**
 * krbap_netns_init() - set up per-namespace state for every namespace
 *
 * Return: 0 or a negative errno.
 */
int krbap_netns_init(void)
{
	int ret;

	ret = register_pernet_subsys(&krbap_net_ops);
	if (ret)
		return ret;
	ret = netlink_register_notifier(&krbap_release_nb);
	if (ret)
		goto err_pernet;
	return 0;

err_pernet:
	unregister_pernet_subsys(&krbap_net_ops);
	return ret;
}

/**
 * krbap_netns_uninit() - tear down per-namespace state
 */
void krbap_netns_uninit(void)
{
	netlink_unregister_notifier(&krbap_release_nb);
	unregister_pernet_subsys(&krbap_net_ops);
}
