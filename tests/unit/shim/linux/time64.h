/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: time64_t lives in the shim's <linux/types.h>. */
#ifndef KRBAP_SHIM_LINUX_TIME64_H
#define KRBAP_SHIM_LINUX_TIME64_H

#include <linux/types.h>

#define MSEC_PER_SEC	1000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_USEC	1000L

struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};

#endif
