/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small facade over libnl-genl-3 for talking to the krbap family.
 * krbapctl and krbapd see only these functions and the attribute table
 * of each reply.
 */
#ifndef KRBAP_LIB_NL_H
#define KRBAP_LIB_NL_H

#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

struct knl;

/* called once per reply message with its top-level attributes */
typedef int (*knl_reply_fn)(struct nlattr **tb, void *arg);

struct knl *knl_open(int *err);
void knl_close(struct knl *h);
int knl_family(const struct knl *h);
struct nl_sock *knl_sock(struct knl *h);
struct nl_msg *knl_msg(struct knl *h, uint8_t cmd, int flags);
int knl_call(struct knl *h, struct nl_msg *msg, knl_reply_fn fn, void *arg);
int knl_call_secret(struct knl *h, struct nl_msg *msg, knl_reply_fn fn,
		    void *arg);
const char *knl_extack(const struct knl *h);
const char *knl_strerror(int err);

#endif /* KRBAP_LIB_NL_H */
