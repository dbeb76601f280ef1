/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The whole accept pipeline on the host (kmod/accept.c with the crypto
 * layer, the replay cache and a keystore), for tests that drive
 * krbap_accept_core() as the kernel does: the state set up once, an
 * acceptor per case, and each token accepted from an exact-size copy so
 * ASan sees any over-read.  Shared by test_accept and test_spnego.
 */
#ifndef KRBAP_ACCEPT_HOST_H
#define KRBAP_ACCEPT_HOST_H

#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include "accept.h"
#include "crypto/krb5.h"
#include "keystore.h"
#include "rcache.h"

static struct krbap_keystore *ks;

static void accept_host_init(void)
{
	krbap_crypto_init();
	if (krbap_rcache_init())
		abort();
	ks = krbap_keystore_create();
	if (!ks)
		abort();
}

static void accept_host_exit(void)
{
	krbap_keystore_destroy(ks);
	krbap_rcache_uninit();
	krbap_crypto_exit();
}

/* the keystore, a fresh replay cache of @rc_max entries, @skew seconds */
static struct krbap_acceptor host_acceptor(u32 rc_max, u32 skew)
{
	struct krbap_acceptor a = {
		.keys = ks, .rcache = krbap_rcache_create(rc_max),
		.clock_skew = skew,
	};

	if (!a.rcache)
		abort();
	return a;
}

/* krbap_accept_core() on a copy of exactly @len bytes of @p */
static int host_accept(const struct krbap_acceptor *a, const void *p,
		       size_t len, const char *name,
		       const struct timespec64 *now, struct krbap_result **r)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, p, len);
	ret = krbap_accept_core(a, copy, len, name, now, r);
	free(copy);
	return ret;
}

#endif /* KRBAP_ACCEPT_HOST_H */
