/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: one CPU, so per-cpu data is a single calloc'd copy. */
#ifndef KRBAP_SHIM_LINUX_PERCPU_H
#define KRBAP_SHIM_LINUX_PERCPU_H

#include <stdlib.h>

#ifndef __percpu
#define __percpu
#endif

#define alloc_percpu(type)		((type *)calloc(1, sizeof(type)))
#define free_percpu(p)			free(p)
#define raw_cpu_ptr(p)			(p)
#define per_cpu_ptr(p, cpu)		((void)(cpu), (p))
#define for_each_possible_cpu(cpu)	for ((cpu) = 0; (cpu) < 1; (cpu)++)

#endif
