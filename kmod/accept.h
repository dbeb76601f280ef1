/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KRBAP_ACCEPT_H
#define KRBAP_ACCEPT_H

#include <linux/time64.h>
#include <linux/types.h>

struct krbap_keystore;
struct krbap_rcache;
struct krbap_result;

/**
 * struct krbap_acceptor - what the accept pipeline needs of a namespace
 * @keys: its keystore
 * @rcache: its replay cache
 * @clock_skew: seconds of clock difference tolerated
 * @allow_rc4: rc4-hmac may be used
 * @acceptor_subkey: send a fresh subkey in the AP-REP
 * @pac_policy: enum krbap_pac_policy: a bad PAC refuses, or is dropped
 * @restore_until: authenticators older than this may predate the replay
 *                 cache's restore and are refused for now; 0 for none
 * @replay_keep: replay entries live until ctime + this (at least
 *               @clock_skew): the largest skew the namespace has used,
 *               so raising the skew opens no replay window
 */
struct krbap_acceptor {
	struct krbap_keystore *keys;
	struct krbap_rcache *rcache;
	u32 clock_skew;
	bool allow_rc4;
	bool acceptor_subkey;
	u32 pac_policy;
	time64_t restore_until;
	u32 replay_keep;
};

int krbap_accept_core(const struct krbap_acceptor *acc, const u8 *token,
		      size_t len, const char *acceptor,
		      const struct timespec64 *now,
		      struct krbap_result **result);
int krbap_accept_next_core(const struct krbap_acceptor *acc,
			   struct krbap_result *r, const u8 *token,
			   size_t len, const char *acceptor,
			   const struct timespec64 *now);

#endif /* KRBAP_ACCEPT_H */
