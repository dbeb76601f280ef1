/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: spinlock_t on a pthread mutex (ASan sees misuse, TSan could). */
#ifndef KRBAP_SHIM_LINUX_SPINLOCK_H
#define KRBAP_SHIM_LINUX_SPINLOCK_H

#include <pthread.h>
#include <stdlib.h>

typedef struct {
	pthread_mutex_t m;
} spinlock_t;

#define DEFINE_SPINLOCK(x)	spinlock_t x = { PTHREAD_MUTEX_INITIALIZER }

static inline void spin_lock_init(spinlock_t *l)
{
	if (pthread_mutex_init(&l->m, NULL))
		abort();
}

static inline void spin_lock(spinlock_t *l)
{
	if (pthread_mutex_lock(&l->m))
		abort();
}

static inline void spin_unlock(spinlock_t *l)
{
	if (pthread_mutex_unlock(&l->m))
		abort();
}

#define spin_lock_bh	spin_lock
#define spin_unlock_bh	spin_unlock

#endif
