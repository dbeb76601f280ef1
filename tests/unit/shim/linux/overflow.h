/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: struct_size() as the kernel's, saturating at SIZE_MAX. */
#ifndef KRBAP_SHIM_LINUX_OVERFLOW_H
#define KRBAP_SHIM_LINUX_OVERFLOW_H

#include <stddef.h>
#include <stdint.h>

static inline size_t shim_struct_size(size_t base, size_t elem, size_t n)
{
	size_t bytes;

	if (__builtin_mul_overflow(elem, n, &bytes) ||
	    __builtin_add_overflow(bytes, base, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define struct_size(p, member, n) \
	shim_struct_size(sizeof(*(p)), sizeof(*(p)->member), (n))

#endif
