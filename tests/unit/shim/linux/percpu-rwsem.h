/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: a per-cpu rw semaphore is a pthread rwlock here. */
#ifndef KRBAP_SHIM_LINUX_PERCPU_RWSEM_H
#define KRBAP_SHIM_LINUX_PERCPU_RWSEM_H

#include <pthread.h>
#include <stdlib.h>
#include <linux/errno.h>

struct percpu_rw_semaphore {
	pthread_rwlock_t l;
};

static inline int percpu_init_rwsem(struct percpu_rw_semaphore *s)
{
	return pthread_rwlock_init(&s->l, NULL) ? -ENOMEM : 0;
}

static inline void percpu_free_rwsem(struct percpu_rw_semaphore *s)
{
	pthread_rwlock_destroy(&s->l);
}

static inline void percpu_down_read(struct percpu_rw_semaphore *s)
{
	if (pthread_rwlock_rdlock(&s->l))
		abort();
}

static inline void percpu_up_read(struct percpu_rw_semaphore *s)
{
	if (pthread_rwlock_unlock(&s->l))
		abort();
}

static inline void percpu_down_write(struct percpu_rw_semaphore *s)
{
	if (pthread_rwlock_wrlock(&s->l))
		abort();
}

#define percpu_up_write	percpu_up_read

#endif
