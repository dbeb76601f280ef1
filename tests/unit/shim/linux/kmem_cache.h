/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: the kmem_cache_* part of <linux/slab.h> (included from the
 * shim's slab.h).  Objects come from malloc and honour
 * shim_fail_alloc_after; destroying a cache that still has objects aborts,
 * as the kernel would complain.
 */
#ifndef KRBAP_SHIM_LINUX_KMEM_CACHE_H
#define KRBAP_SHIM_LINUX_KMEM_CACHE_H

#include <stdio.h>
#include <stdlib.h>
#include <linux/slab.h>

typedef unsigned int slab_flags_t;
#define SLAB_ACCOUNT	0x04000000U

struct kmem_cache {
	const char *name;
	unsigned int size;
	long live;
};

static inline struct kmem_cache *
kmem_cache_create(const char *name, unsigned int size, unsigned int align,
		  slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (s) {
		s->name = name;
		s->size = size;
	}
	return s;
}

static inline void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	void *p = kmalloc(s->size, gfp);

	if (p)
		__atomic_add_fetch(&s->live, 1, __ATOMIC_RELAXED);
	return p;
}

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

static inline void kmem_cache_free(struct kmem_cache *s, void *p)
{
	if (p)
		__atomic_sub_fetch(&s->live, 1, __ATOMIC_RELAXED);
	kfree(p);
}

static inline unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->size;
}

/* objects allocated and not yet freed (shim only, for tests) */
static inline long shim_kmem_cache_live(struct kmem_cache *s)
{
	return __atomic_load_n(&s->live, __ATOMIC_RELAXED);
}

static inline void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->live) {
		fprintf(stderr, "kmem_cache %s: %ld objects remaining\n",
			s->name, s->live);
		abort();
	}
	kfree(s);
}

#endif
