/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: the 64-bit divisions of <linux/math64.h>. */
#ifndef KRBAP_SHIM_LINUX_MATH64_H
#define KRBAP_SHIM_LINUX_MATH64_H

#include <linux/types.h>

static inline s64 div_s64_rem(s64 dividend, s32 divisor, s32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline s64 div_s64(s64 dividend, s32 divisor)
{
	return dividend / divisor;
}

#endif
