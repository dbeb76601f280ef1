/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: userspace errno plus the kernel-internal codes. */
#ifndef KRBAP_SHIM_LINUX_ERRNO_H
#define KRBAP_SHIM_LINUX_ERRNO_H

#include <errno.h>
#include <asm/errno.h>	/* <errno.h> reaches <linux/errno.h>: this one */

#ifndef ENOTSUPP
#define ENOTSUPP	524
#endif

#endif
