/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: atomic_t on the GCC __atomic builtins (sequentially consistent). */
#ifndef KRBAP_SHIM_LINUX_ATOMIC_H
#define KRBAP_SHIM_LINUX_ATOMIC_H

#include <stdbool.h>

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }
#define SHIM_SC		__ATOMIC_SEQ_CST

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, SHIM_SC);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, SHIM_SC);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	/* wraps like the kernel's, without signed-overflow UB */
	return (int)__atomic_add_fetch((unsigned int *)&v->counter,
				       (unsigned int)i, SHIM_SC);
}

static inline int atomic_sub_return(int i, atomic_t *v)
{
	return atomic_add_return(-i, v);
}

#define atomic_inc(v)		((void)atomic_add_return(1, v))
#define atomic_dec(v)		((void)atomic_add_return(-1, v))
#define atomic_add(i, v)	((void)atomic_add_return(i, v))
#define atomic_sub(i, v)	((void)atomic_add_return(-(i), v))
#define atomic_inc_return(v)	atomic_add_return(1, v)
#define atomic_dec_return(v)	atomic_add_return(-1, v)
#define atomic_dec_and_test(v)	(atomic_add_return(-1, v) == 0)

static inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int new)
{
	return __atomic_compare_exchange_n(&v->counter, old, new, false,
					   SHIM_SC, SHIM_SC);
}

#endif
