// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per network namespace state: each container's file server has its own
 * configuration and its own helper.
 */
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <linux/krbap.h>

#include "crypto/krb5.h"
#include "netns.h"

struct krbap_net {
	struct mutex config_lock;	/* serialises config writers */
	struct krbap_config config;
	u32 helper_portid;		/* 0: no helper registered */
};

static unsigned int krbap_net_id __read_mostly;

static struct krbap_net *krbap_net(struct net *net)
{
	return net_generic(net, krbap_net_id);
}

static int __net_init krbap_net_init(struct net *net)
{
	struct krbap_net *kn = krbap_net(net);

	mutex_init(&kn->config_lock);
	kn->config.clock_skew = KRBAP_CLOCK_SKEW_DEFAULT;
	kn->config.allow_rc4 = false;
	kn->helper_portid = 0;
	return 0;
}

static struct pernet_operations krbap_net_ops = {
	.init = krbap_net_init,
	.id = &krbap_net_id,
	.size = sizeof(struct krbap_net),
};

/**
 * krbap_config_get() - read a namespace's configuration
 * @net: the namespace
 * @cfg: filled with a consistent snapshot
 *
 * Context: process context; may sleep.
 */
void krbap_config_get(struct net *net, struct krbap_config *cfg)
{
	struct krbap_net *kn = krbap_net(net);

	mutex_lock(&kn->config_lock);
	*cfg = kn->config;
	mutex_unlock(&kn->config_lock);
}

/**
 * krbap_config_set() - replace a namespace's configuration
 * @net: the namespace
 * @cfg: the new settings, already validated
 *
 * Readers on the fast path use READ_ONCE() on single fields, so each
 * field is published with WRITE_ONCE().
 *
 * Context: process context; may sleep.
 */
void krbap_config_set(struct net *net, const struct krbap_config *cfg)
{
	struct krbap_net *kn = krbap_net(net);

	mutex_lock(&kn->config_lock);
	WRITE_ONCE(kn->config.clock_skew, cfg->clock_skew);
	WRITE_ONCE(kn->config.allow_rc4, cfg->allow_rc4);
	mutex_unlock(&kn->config_lock);
}

/**
 * krbap_clock_skew() - the clock skew a namespace tolerates
 * @net: the namespace
 *
 * Context: any context.
 * Return: the skew in seconds.
 */
u32 krbap_clock_skew(struct net *net)
{
	return READ_ONCE(krbap_net(net)->config.clock_skew);
}
EXPORT_SYMBOL_GPL(krbap_clock_skew);

/**
 * krbap_etype_state() - whether an enctype may be used in a namespace
 * @net: the namespace
 * @etype: RFC 3961 enctype number
 *
 * The self-test result, with the namespace's policy on top: rc4-hmac is
 * built in but stays disabled until the admin allows it.
 *
 * Context: any context.
 * Return: an enum krbap_etype_state.
 */
u32 krbap_etype_state(struct net *net, s32 etype)
{
	enum krbap_etype_state st = krbap_crypto_etype_state(etype);

	if (st == KRBAP_ETYPE_ENABLED && etype == KRBAP_ENCTYPE_RC4_HMAC &&
	    !READ_ONCE(krbap_net(net)->config.allow_rc4))
		return KRBAP_ETYPE_DISABLED;
	return st;
}

/**
 * krbap_helper_register() - make a netlink socket the namespace's helper
 * @net: the namespace
 * @portid: the socket's netlink port id
 *
 * Return: 0, or -EBUSY when another socket is registered.  Registering
 * the same socket twice is not an error.
 */
int krbap_helper_register(struct net *net, u32 portid)
{
	u32 old = cmpxchg(&krbap_net(net)->helper_portid, 0, portid);

	return old && old != portid ? -EBUSY : 0;
}

/**
 * krbap_helper_unregister() - drop the namespace's helper
 * @net: the namespace
 * @portid: the socket that asks; only the helper itself may
 *
 * Return: 0, or -ENOENT when @portid is not the registered helper.
 */
int krbap_helper_unregister(struct net *net, u32 portid)
{
	u32 old = cmpxchg(&krbap_net(net)->helper_portid, portid, 0);

	return old == portid ? 0 : -ENOENT;
}

/**
 * krbap_helper_portid() - the registered helper's port id
 * @net: the namespace
 *
 * Return: the port id, or 0 when no helper is registered.
 */
u32 krbap_helper_portid(struct net *net)
{
	return READ_ONCE(krbap_net(net)->helper_portid);
}

/* A helper that dies without unregistering must not hold the slot. */
static int release_notify(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    n->portid)
		krbap_helper_unregister(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block krbap_release_nb = {
	.notifier_call = release_notify,
};

/**
 * krbap_netns_init() - set up per-namespace state for every namespace
 *
 * Return: 0 or a negative errno.
 */
int krbap_netns_init(void)
{
	int ret;

	ret = register_pernet_subsys(&krbap_net_ops);
	if (ret)
		return ret;
	ret = netlink_register_notifier(&krbap_release_nb);
	if (ret)
		goto err_pernet;
	return 0;

err_pernet:
	unregister_pernet_subsys(&krbap_net_ops);
	return ret;
}

/**
 * krbap_netns_uninit() - tear down per-namespace state
 */
void krbap_netns_uninit(void)
{
	netlink_unregister_notifier(&krbap_release_nb);
	unregister_pernet_subsys(&krbap_net_ops);
}
