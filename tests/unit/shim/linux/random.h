/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: get_random_bytes() on getrandom(2). */
#ifndef KRBAP_SHIM_LINUX_RANDOM_H
#define KRBAP_SHIM_LINUX_RANDOM_H

#include <stdlib.h>
#include <sys/random.h>
#include <linux/types.h>

static inline void get_random_bytes(void *buf, size_t len)
{
	if (getrandom(buf, len, 0) != (ssize_t)len)
		abort();
}

static inline u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

#endif
