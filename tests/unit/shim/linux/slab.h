/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: kmalloc and friends on libc.  Tests build with ASan, so a
 * leak or a use after kfree() is reported by the sanitizer.
 */
#ifndef KRBAP_SHIM_LINUX_SLAB_H
#define KRBAP_SHIM_LINUX_SLAB_H

#include <stdlib.h>
#include <string.h>
#include <linux/types.h>

#define GFP_KERNEL	0x1u
#define GFP_ATOMIC	0x2u
#define GFP_NOWAIT	0x4u
#define __GFP_ACCOUNT	0x400u
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u

/* set by a test to make the Nth allocation from now fail (1 = next) */
extern unsigned long shim_fail_alloc_after;

static inline int shim_alloc_should_fail(void)
{
	return shim_fail_alloc_after && --shim_fail_alloc_after == 0;
}

static inline void *kmalloc(size_t n, gfp_t gfp)
{
	if (shim_alloc_should_fail())
		return NULL;
	return (gfp & __GFP_ZERO) ? calloc(1, n ? n : 1) : malloc(n ? n : 1);
}

static inline void *kzalloc(size_t n, gfp_t gfp)
{
	return kmalloc(n, gfp | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kmalloc(n * size, gfp);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

static inline void *kmemdup(const void *p, size_t n, gfp_t gfp)
{
	void *q = kmalloc(n, gfp);

	if (q)
		memcpy(q, p, n);
	return q;
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

static inline void kfree_sensitive(const void *p)
{
	/* malloc_usable_size would need malloc.h; callers wipe sizes they know */
	free((void *)p);
}

#define kvmalloc	kmalloc
#define kvzalloc	kzalloc
#define kvfree		kfree

#include <linux/kmem_cache.h>	/* kmem_cache_* live there */
#endif
