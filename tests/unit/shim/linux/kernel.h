/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: the parts of <linux/kernel.h> kmod sources use. */
#ifndef KRBAP_SHIM_LINUX_KERNEL_H
#define KRBAP_SHIM_LINUX_KERNEL_H

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/errno.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define round_up(x, y)		((((x) - 1) | ((y) - 1)) + 1)
#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define U8_MAX			0xff
#define U16_MAX			0xffff
#define U32_MAX			0xffffffffU
#define S32_MAX			0x7fffffff
#define S32_MIN			(-S32_MAX - 1)
#define S64_MAX			0x7fffffffffffffffLL
#define S64_MIN			(-S64_MAX - 1)
#define U64_MAX			0xffffffffffffffffULL

#define pr_fmt(fmt) fmt
#define pr_err(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	do { } while (0)

/* like snprintf, but returns what was written (without the NUL) */
static inline __printf(3, 4) int scnprintf(char *buf, size_t size,
					   const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return (size_t)n >= size ? (int)size - 1 : n;
}

#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)

#endif
