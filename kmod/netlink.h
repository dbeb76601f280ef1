/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KRBAP_NETLINK_H
#define KRBAP_NETLINK_H

#include <linux/types.h>

struct net;
struct krbap_rcache_rec;

int krbap_genl_init(void);
void krbap_genl_uninit(void);
int krbap_genl_rcache_new(struct net *net, u32 portid,
			  const struct krbap_rcache_rec *recs, unsigned int n);

#endif /* KRBAP_NETLINK_H */
