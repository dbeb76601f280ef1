/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KRBAP_NETLINK_H
#define KRBAP_NETLINK_H

int krbap_genl_init(void);
void krbap_genl_uninit(void);

#endif /* KRBAP_NETLINK_H */
