/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: <linux/string.h> plus the explicit wipe. */
#ifndef KRBAP_SHIM_LINUX_STRING_H
#define KRBAP_SHIM_LINUX_STRING_H

#include <string.h>
#include <strings.h>
#include <linux/types.h>

static inline void memzero_explicit(void *s, size_t n)
{
	explicit_bzero(s, n);
}

#endif
