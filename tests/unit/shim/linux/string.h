/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: <linux/string.h> plus the explicit wipe. */
#ifndef KRBAP_SHIM_LINUX_STRING_H
#define KRBAP_SHIM_LINUX_STRING_H

#include <string.h>
#include <strings.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/slab.h>

static inline void memzero_explicit(void *s, size_t n)
{
	explicit_bzero(s, n);
}

static inline char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup(s, strlen(s) + 1, gfp) : NULL;
}

/* copies with truncation; -E2BIG when @src did not fit */
static inline ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (n == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}

#endif
