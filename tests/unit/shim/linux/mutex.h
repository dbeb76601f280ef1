/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: a mutex is a pthread mutex. */
#ifndef KRBAP_SHIM_LINUX_MUTEX_H
#define KRBAP_SHIM_LINUX_MUTEX_H

#include <pthread.h>
#include <stdlib.h>

struct mutex {
	pthread_mutex_t m;
};

#define DEFINE_MUTEX(x)	struct mutex x = { PTHREAD_MUTEX_INITIALIZER }

static inline void mutex_init(struct mutex *l)
{
	if (pthread_mutex_init(&l->m, NULL))
		abort();
}

static inline void mutex_destroy(struct mutex *l)
{
	pthread_mutex_destroy(&l->m);
}

static inline void mutex_lock(struct mutex *l)
{
	if (pthread_mutex_lock(&l->m))
		abort();
}

static inline void mutex_unlock(struct mutex *l)
{
	if (pthread_mutex_unlock(&l->m))
		abort();
}

#endif
