/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbap: the in-kernel API for servers that accept Kerberos logins.
 *
 * A consumer (an in-kernel NFS or SMB server) links against the symbols
 * declared here.  All state is per network namespace.
 */
#ifndef _LINUX_KRBAP_H
#define _LINUX_KRBAP_H

#include <linux/types.h>
#include <uapi/linux/krbap.h>

struct net;

u32 krbap_clock_skew(struct net *net);

#endif /* _LINUX_KRBAP_H */
