/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KRBAP_NETNS_H
#define KRBAP_NETNS_H

#include <linux/types.h>

struct net;

/**
 * struct krbap_config - per-namespace settings
 * @clock_skew: seconds of clock difference tolerated (RFC 4120 1.6)
 * @allow_rc4: rc4-hmac (23) may be used
 */
struct krbap_config {
	u32 clock_skew;
	bool allow_rc4;
};

int krbap_netns_init(void);
void krbap_netns_uninit(void);

void krbap_config_get(struct net *net, struct krbap_config *cfg);
u32 krbap_etype_state(struct net *net, s32 etype);
void krbap_config_set(struct net *net, const struct krbap_config *cfg);

int krbap_helper_register(struct net *net, u32 portid);
int krbap_helper_unregister(struct net *net, u32 portid);
u32 krbap_helper_portid(struct net *net);

#endif /* KRBAP_NETNS_H */
