/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: the scheduler calls kmod sources make; all no-ops here. */
#ifndef KRBAP_SHIM_LINUX_SCHED_H
#define KRBAP_SHIM_LINUX_SCHED_H

#define cond_resched()	((void)0)
#define might_sleep()	((void)0)

#endif
