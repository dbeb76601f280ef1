// SPDX-License-Identifier: GPL-2.0-only
/* Host shim state shared by all unit tests. */
#include <linux/slab.h>

unsigned long shim_fail_alloc_after;
