/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: the hlist RCU variants are the plain ones (see rcupdate.h). */
#ifndef KRBAP_SHIM_LINUX_RCULIST_H
#define KRBAP_SHIM_LINUX_RCULIST_H

#include <linux/list.h>
#include <linux/rcupdate.h>

#define hlist_add_head_rcu(n, h)	hlist_add_head(n, h)
#define hlist_for_each_entry_rcu(pos, head, member, ...)		\
	hlist_for_each_entry(pos, head, member)

/* a deleted node keeps its next pointer for readers, as in the kernel */
static inline void hlist_del_rcu(struct hlist_node *n)
{
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->pprev = SHIM_HLIST_POISON2;
}

static inline void hlist_replace_rcu(struct hlist_node *old,
				     struct hlist_node *new)
{
	new->next = old->next;
	new->pprev = old->pprev;
	*new->pprev = new;
	if (new->next)
		new->next->pprev = &new->next;
	old->pprev = SHIM_HLIST_POISON2;
}

#endif
