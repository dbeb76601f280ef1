/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: compiler attributes used by kmod sources. */
#ifndef KRBAP_SHIM_LINUX_COMPILER_H
#define KRBAP_SHIM_LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __must_check	__attribute__((warn_unused_result))
#undef __always_inline		/* glibc <sys/cdefs.h> has its own */
#define __always_inline	inline __attribute__((always_inline))
#define __maybe_unused	__attribute__((unused))
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define fallthrough	__attribute__((fallthrough))
#define __init
#define __exit
#define __rcu
#define __user
#define __force
#define __iomem
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile typeof(x) *)&(x) = (v))

#endif
