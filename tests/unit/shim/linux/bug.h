/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: a WARN in kmod code is a bug in the host tests too, so it
 * aborts the test binary instead of printing and going on.
 */
#ifndef KRBAP_SHIM_LINUX_BUG_H
#define KRBAP_SHIM_LINUX_BUG_H

#include <stdio.h>
#include <stdlib.h>

#define WARN_ON(c) ({							\
	int c_ = !!(c);							\
	if (c_) {							\
		fprintf(stderr, "WARN_ON(%s) at %s:%d\n", #c,		\
			__FILE__, __LINE__);				\
		abort();						\
	}								\
	c_;								\
})
#define WARN_ON_ONCE(c)	WARN_ON(c)
#define BUILD_BUG_ON(c)	_Static_assert(!(c), #c)

#endif
