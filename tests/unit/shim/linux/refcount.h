/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: refcount_t on the GCC __atomic builtins.  Going below zero or
 * incrementing a dead count aborts, as the kernel's would WARN.
 */
#ifndef KRBAP_SHIM_LINUX_REFCOUNT_H
#define KRBAP_SHIM_LINUX_REFCOUNT_H

#include <stdbool.h>
#include <stdlib.h>

typedef struct {
	int refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = (n) }

static inline void refcount_set(refcount_t *r, int n)
{
	__atomic_store_n(&r->refs, n, __ATOMIC_SEQ_CST);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return __atomic_load_n(&r->refs, __ATOMIC_SEQ_CST);
}

static inline bool refcount_inc_not_zero(refcount_t *r)
{
	int old = __atomic_load_n(&r->refs, __ATOMIC_SEQ_CST);

	do {
		if (!old)
			return false;
	} while (!__atomic_compare_exchange_n(&r->refs, &old, old + 1, false,
					      __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;
}

static inline void refcount_inc(refcount_t *r)
{
	if (!refcount_inc_not_zero(r))
		abort();
}

static inline bool refcount_dec_and_test(refcount_t *r)
{
	int now = __atomic_sub_fetch(&r->refs, 1, __ATOMIC_SEQ_CST);

	if (now < 0)
		abort();
	return now == 0;
}

#endif
