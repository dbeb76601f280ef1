/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: RCU with one thread of readers.  Read-side sections are
 * empty and a grace period has always elapsed, so synchronize_rcu()
 * returns at once; the unit tests never race a writer with a reader.
 */
#ifndef KRBAP_SHIM_LINUX_RCUPDATE_H
#define KRBAP_SHIM_LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/kernel.h>

#define rcu_read_lock()			((void)0)
#define rcu_read_unlock()		((void)0)
#define synchronize_rcu()		((void)0)
#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_dereference_protected(p, c)	(p)
#define rcu_assign_pointer(p, v)	WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v)		((p) = (v))

#endif
