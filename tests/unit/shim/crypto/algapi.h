/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: crypto_memneq(), constant time like the kernel's. */
#ifndef KRBAP_SHIM_CRYPTO_ALGAPI_H
#define KRBAP_SHIM_CRYPTO_ALGAPI_H

#include <linux/types.h>

static inline int crypto_memneq(const void *a, const void *b, size_t size)
{
	const volatile unsigned char *x = a, *y = b;
	unsigned char d = 0;
	size_t i;

	for (i = 0; i < size; i++)
		d |= x[i] ^ y[i];
	return d != 0;
}

#endif
