// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "krbap" generic netlink family: the control plane used by krbapd
 * and krbapctl.  include/uapi/linux/krbap.h describes every command.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/linux/krbap.h>

#include "crypto/krb5.h"
#include "krbap.h"
#include "netlink.h"
#include "netns.h"

static struct netlink_range_validation skew_range = {
	.min = 1,
	.max = KRBAP_CLOCK_SKEW_MAX,
};

static const struct nla_policy config_policy[KRBAP_A_CONFIG_MAX + 1] = {
	[KRBAP_A_CONFIG_CLOCK_SKEW] = NLA_POLICY_FULL_RANGE(NLA_U32, &skew_range),
	[KRBAP_A_CONFIG_ALLOW_RC4] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy krbap_policy[KRBAP_A_MAX + 1] = {
	[KRBAP_A_CONFIG] = NLA_POLICY_NESTED(config_policy),
};

static struct genl_family krbap_family;

static int put_config(struct sk_buff *skb, struct net *net)
{
	struct krbap_config cfg;
	struct nlattr *nest;

	krbap_config_get(net, &cfg);
	nest = nla_nest_start(skb, KRBAP_A_CONFIG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, KRBAP_A_CONFIG_CLOCK_SKEW, cfg.clock_skew) ||
	    nla_put_u8(skb, KRBAP_A_CONFIG_ALLOW_RC4, cfg.allow_rc4)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_enctype(struct sk_buff *skb, struct net *net, s32 etype)
{
	struct nlattr *entry;

	entry = nla_nest_start(skb, KRBAP_A_ENCTYPES_ENTRY);
	if (!entry)
		return -EMSGSIZE;
	if (nla_put_s32(skb, KRBAP_A_ENCTYPE_ID, etype) ||
	    nla_put_u32(skb, KRBAP_A_ENCTYPE_STATE,
			krbap_etype_state(net, etype))) {
		nla_nest_cancel(skb, entry);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, entry);
	return 0;
}

static int put_enctypes(struct sk_buff *skb, struct net *net)
{
	unsigned int i, n;
	struct nlattr *nest;
	const s32 *ids;

	nest = nla_nest_start(skb, KRBAP_A_ENCTYPES);
	if (!nest)
		return -EMSGSIZE;
	n = krbap_crypto_etypes(&ids);
	for (i = 0; i < n; i++) {
		if (put_enctype(skb, net, ids[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_status(struct sk_buff *skb, struct net *net)
{
	u32 helper = krbap_helper_portid(net);

	if (nla_put_string(skb, KRBAP_A_VERSION, KRBAP_VERSION))
		return -EMSGSIZE;
	if (put_config(skb, net))
		return -EMSGSIZE;
	if (helper && nla_put_u32(skb, KRBAP_A_HELPER_PORTID, helper))
		return -EMSGSIZE;
	return put_enctypes(skb, net);
}

static int status_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &krbap_family, 0,
				KRBAP_CMD_STATUS_GET);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err_free;
	}
	ret = put_status(msg, genl_info_net(info));
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

static int config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KRBAP_A_CONFIG_MAX + 1];
	struct net *net = genl_info_net(info);
	struct krbap_config cfg;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, KRBAP_A_CONFIG))
		return -EINVAL;
	ret = nla_parse_nested(tb, KRBAP_A_CONFIG_MAX,
			       info->attrs[KRBAP_A_CONFIG], config_policy,
			       info->extack);
	if (ret)
		return ret;

	krbap_config_get(net, &cfg);
	if (tb[KRBAP_A_CONFIG_CLOCK_SKEW])
		cfg.clock_skew = nla_get_u32(tb[KRBAP_A_CONFIG_CLOCK_SKEW]);
	if (tb[KRBAP_A_CONFIG_ALLOW_RC4])
		cfg.allow_rc4 = nla_get_u8(tb[KRBAP_A_CONFIG_ALLOW_RC4]);
	krbap_config_set(net, &cfg);
	return 0;
}

static int helper_register(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	ret = krbap_helper_register(genl_info_net(info), info->snd_portid);
	if (ret)
		NL_SET_ERR_MSG(info->extack,
			       "another helper is registered in this namespace");
	return ret;
}

static int helper_unregister(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	ret = krbap_helper_unregister(genl_info_net(info), info->snd_portid);
	if (ret)
		NL_SET_ERR_MSG(info->extack, "sender is not the helper");
	return ret;
}

static const struct genl_small_ops krbap_ops[] = {
	{
		.cmd = KRBAP_CMD_STATUS_GET,
		.doit = status_get,
	},
	{
		.cmd = KRBAP_CMD_CONFIG_SET,
		.doit = config_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_HELPER_REGISTER,
		.doit = helper_register,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_HELPER_UNREGISTER,
		.doit = helper_unregister,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family krbap_family __ro_after_init = {
	.name = KRBAP_GENL_NAME,
	.version = KRBAP_GENL_VERSION,
	.maxattr = KRBAP_A_MAX,
	.policy = krbap_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = krbap_ops,
	.n_small_ops = ARRAY_SIZE(krbap_ops),
	.resv_start_op = KRBAP_CMD_MAX + 1,
};

/**
 * krbap_genl_init() - register the krbap generic netlink family
 *
 * Return: 0 or a negative errno.
 */
int __init krbap_genl_init(void)
{
	return genl_register_family(&krbap_family);
}

/**
 * krbap_genl_uninit() - unregister the family; no handler runs afterwards
 */
void krbap_genl_uninit(void)
{
	genl_unregister_family(&krbap_family);
}
