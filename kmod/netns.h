/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KRBAP_NETNS_H
#define KRBAP_NETNS_H

#include <linux/bits.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <uapi/linux/krbap.h>

struct net;

/**
 * struct krbap_config - per-namespace settings
 * @clock_skew: seconds of clock difference tolerated (RFC 4120 1.6)
 * @allow_rc4: rc4-hmac (23) may be used
 * @acceptor_subkey: AP-REPs carry a fresh acceptor subkey
 * @rcache_max: most replay cache entries; when full, logins are refused
 * @rcache_persist: the helper keeps the replay cache; restore window on
 * @pac_policy: enum krbap_pac_policy
 */
struct krbap_config {
	u32 clock_skew;
	bool allow_rc4;
	bool acceptor_subkey;
	u32 rcache_max;
	bool rcache_persist;
	u32 pac_policy;
};

#define KRBAP_RCACHE_MAX_DEFAULT	BIT(20)

/* per-namespace counters, summed over CPUs */
#define KRBAP_STATS_CODES	72	/* RFC 4120 codes 0..71 */

struct krbap_stats {
	u64 accepted;
	u64 refused;
	u64 accept_ns;
	u64 restore_waits;
	u64 persist_dropped;
	u64 errors[KRBAP_STATS_CODES];
};

/* one replay cache entry on its way to or from the helper */
struct krbap_rcache_rec {
	u8 digest[KRBAP_RCACHE_DIGEST_LEN];
	time64_t expires;
};

struct krbap_keystore;

int krbap_netns_init(void);
void krbap_netns_uninit(void);

void krbap_config_get(struct net *net, struct krbap_config *cfg);
u32 krbap_etype_state(struct net *net, s32 etype);
struct krbap_keystore *krbap_net_keystore(struct net *net);
void krbap_stats_get(struct net *net, struct krbap_stats *st);
u32 krbap_net_rcache_count(struct net *net);
u32 krbap_restore_state(struct net *net, time64_t *window_end);
int krbap_rcache_restore_recs(struct net *net,
			      const struct krbap_rcache_rec *recs,
			      unsigned int n);
void krbap_restore_done(struct net *net);
int krbap_config_set(struct net *net, const struct krbap_config *cfg);

int krbap_helper_register(struct net *net, u32 portid);
int krbap_helper_unregister(struct net *net, u32 portid);
u32 krbap_helper_portid(struct net *net);

#endif /* KRBAP_NETNS_H */
