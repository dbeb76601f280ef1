/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: time64_t lives in the shim's <linux/types.h>. */
#ifndef KRBAP_SHIM_LINUX_TIME64_H
#define KRBAP_SHIM_LINUX_TIME64_H

#include <linux/types.h>

#endif
