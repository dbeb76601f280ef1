/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: jhash() with the kernel's signature.  Any well-mixed hash
 * does for the tests; this is FNV-1a with a final avalanche.
 */
#ifndef KRBAP_SHIM_LINUX_JHASH_H
#define KRBAP_SHIM_LINUX_JHASH_H

#include <linux/bits.h>
#include <linux/types.h>

static inline u32 jhash(const void *key, u32 length, u32 initval)
{
	const u8 *p = key;
	u32 h = 2166136261u ^ initval;

	while (length--)
		h = (h ^ *p++) * 16777619u;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

#endif
