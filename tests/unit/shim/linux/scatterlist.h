/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: a scatterlist is one linear buffer here. */
#ifndef KRBAP_SHIM_LINUX_SCATTERLIST_H
#define KRBAP_SHIM_LINUX_SCATTERLIST_H

#include <linux/types.h>

struct scatterlist {
	void *buf;
	unsigned int length;
};

static inline void sg_init_one(struct scatterlist *sg, const void *buf,
			       unsigned int len)
{
	sg->buf = (void *)buf;
	sg->length = len;
}

#endif
