/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: BIT() and friends of <linux/bits.h>. */
#ifndef KRBAP_SHIM_LINUX_BITS_H
#define KRBAP_SHIM_LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))
#define BIT_ULL(nr)	(1ULL << (nr))

#endif
