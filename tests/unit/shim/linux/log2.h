/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: ilog2() and the power-of-two helpers of <linux/log2.h>. */
#ifndef KRBAP_SHIM_LINUX_LOG2_H
#define KRBAP_SHIM_LINUX_LOG2_H

#include <linux/types.h>

static inline int ilog2(unsigned long n)
{
	return n ? (int)(sizeof(n) * 8 - 1) - __builtin_clzl(n) : -1;
}

static inline bool is_power_of_2(unsigned long n)
{
	return n && !(n & (n - 1));
}

/* n must be >= 1 and <= half the range of unsigned long */
static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1UL : 1UL << (ilog2(n - 1) + 1);
}

static inline unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << ilog2(n);
}

#endif
