// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "krbap" generic netlink family: the control plane used by krbapd
 * and krbapctl.  include/uapi/linux/krbap.h describes every command.
 */
#include <linux/krbap.h>
#include <linux/module.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "crypto/krb5.h"
#include "keystore.h"
#include "krbap.h"
#include "netlink.h"
#include "netns.h"

static struct netlink_range_validation skew_range = {
	.min = 1,
	.max = KRBAP_CLOCK_SKEW_MAX,
};

static struct netlink_range_validation rcache_range = {
	.min = 1,
	.max = KRBAP_RCACHE_MAX,
};

static const struct nla_policy config_policy[KRBAP_A_CONFIG_MAX + 1] = {
	[KRBAP_A_CONFIG_CLOCK_SKEW] = NLA_POLICY_FULL_RANGE(NLA_U32, &skew_range),
	[KRBAP_A_CONFIG_ALLOW_RC4] = NLA_POLICY_MAX(NLA_U8, 1),
	[KRBAP_A_CONFIG_ACCEPTOR_SUBKEY] = NLA_POLICY_MAX(NLA_U8, 1),
	[KRBAP_A_CONFIG_RCACHE_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &rcache_range),
	[KRBAP_A_CONFIG_RCACHE_PERSIST] = NLA_POLICY_MAX(NLA_U8, 1),
	[KRBAP_A_CONFIG_PAC_POLICY] =
		NLA_POLICY_MAX(NLA_U32, __KRBAP_PAC_POLICY_MAX - 1),
};

static const struct nla_policy rcache_entry_policy[KRBAP_A_RCACHE_ENTRY_MAX + 1] = {
	[KRBAP_A_RCACHE_DIGEST] = NLA_POLICY_EXACT_LEN(KRBAP_RCACHE_DIGEST_LEN),
	[KRBAP_A_RCACHE_EXPIRES] = { .type = NLA_S64 },
};

static const struct nla_policy rcache_policy[KRBAP_A_RCACHE_MAX + 1] = {
	[KRBAP_A_RCACHE_ENTRY] = NLA_POLICY_NESTED(rcache_entry_policy),
};

static const struct nla_policy krbap_policy[KRBAP_A_MAX + 1] = {
	[KRBAP_A_CONFIG] = NLA_POLICY_NESTED(config_policy),
	[KRBAP_A_RCACHE] = NLA_POLICY_NESTED(rcache_policy),
	[KRBAP_A_RCACHE_DONE] = { .type = NLA_FLAG },
	[KRBAP_A_PRINCIPAL] = { .type = NLA_NUL_STRING,
				.len = KRBAP_PRINCIPAL_MAX - 1 },
	[KRBAP_A_KVNO] = { .type = NLA_U32 },
	[KRBAP_A_ENCTYPE] = { .type = NLA_S32 },
	[KRBAP_A_KEY] = NLA_POLICY_RANGE(NLA_BINARY, 1, KRBAP_KEY_MAX),
	[KRBAP_A_GENERATION] = { .type = NLA_U32 },
	[KRBAP_A_TOKEN] = { .type = NLA_BINARY, .len = KRBAP_TOKEN_MAX },
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
	    nla_put_u8(skb, KRBAP_A_CONFIG_ALLOW_RC4, cfg.allow_rc4) ||
	    nla_put_u8(skb, KRBAP_A_CONFIG_ACCEPTOR_SUBKEY,
		       cfg.acceptor_subkey) ||
	    nla_put_u32(skb, KRBAP_A_CONFIG_RCACHE_MAX, cfg.rcache_max) ||
	    nla_put_u8(skb, KRBAP_A_CONFIG_RCACHE_PERSIST,
		       cfg.rcache_persist) ||
	    nla_put_u32(skb, KRBAP_A_CONFIG_PAC_POLICY, cfg.pac_policy)) {
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
	time64_t window_end;
	u32 restore = krbap_restore_state(net, &window_end);

	if (nla_put_string(skb, KRBAP_A_VERSION, KRBAP_VERSION) ||
	    nla_put_u32(skb, KRBAP_A_RCACHE_STATE, restore) ||
	    nla_put_s64(skb, KRBAP_A_RCACHE_WINDOW_END, window_end,
			KRBAP_A_PAD))
		return -EMSGSIZE;
	if (put_config(skb, net))
		return -EMSGSIZE;
	if (helper && nla_put_u32(skb, KRBAP_A_HELPER_PORTID, helper))
		return -EMSGSIZE;
	return put_enctypes(skb, net);
}

/* builds a reply of @size with @fill and sends it */
static int reply(struct genl_info *info, size_t size,
		 int (*fill)(struct sk_buff *skb, struct genl_info *info,
			     void *arg), void *arg)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &krbap_family, 0,
				info->genlhdr->cmd);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err_free;
	}
	ret = fill(msg, info, arg);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

static int fill_status(struct sk_buff *skb, struct genl_info *info,
		       void *arg)
{
	return put_status(skb, genl_info_net(info));
}

static int status_get(struct sk_buff *skb, struct genl_info *info)
{
	return reply(info, NLMSG_GOODSIZE, fill_status, NULL);
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
	if (tb[KRBAP_A_CONFIG_ACCEPTOR_SUBKEY])
		cfg.acceptor_subkey =
			nla_get_u8(tb[KRBAP_A_CONFIG_ACCEPTOR_SUBKEY]);
	if (tb[KRBAP_A_CONFIG_RCACHE_MAX])
		cfg.rcache_max = nla_get_u32(tb[KRBAP_A_CONFIG_RCACHE_MAX]);
	if (tb[KRBAP_A_CONFIG_RCACHE_PERSIST])
		cfg.rcache_persist =
			nla_get_u8(tb[KRBAP_A_CONFIG_RCACHE_PERSIST]);
	if (tb[KRBAP_A_CONFIG_PAC_POLICY])
		cfg.pac_policy = nla_get_u32(tb[KRBAP_A_CONFIG_PAC_POLICY]);
	return krbap_config_set(net, &cfg);
}

static int key_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *key = info->attrs[KRBAP_A_KEY];
	u32 gen = 0;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, KRBAP_A_PRINCIPAL) ||
	    GENL_REQ_ATTR_CHECK(info, KRBAP_A_KVNO) ||
	    GENL_REQ_ATTR_CHECK(info, KRBAP_A_ENCTYPE) ||
	    GENL_REQ_ATTR_CHECK(info, KRBAP_A_KEY)) {
		ret = -EINVAL;
		goto out;
	}
	if (info->attrs[KRBAP_A_GENERATION])
		gen = nla_get_u32(info->attrs[KRBAP_A_GENERATION]);
	ret = krbap_keystore_add(krbap_net_keystore(genl_info_net(info)),
				 nla_data(info->attrs[KRBAP_A_PRINCIPAL]),
				 nla_get_u32(info->attrs[KRBAP_A_KVNO]),
				 nla_get_s32(info->attrs[KRBAP_A_ENCTYPE]),
				 nla_data(key), nla_len(key), gen);
out:
	/* the request buffer held the key: leave no copy behind */
	if (key)
		memzero_explicit(nla_data(key), nla_len(key));
	if (ret == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KRBAP_A_ENCTYPE],
				    "enctype not supported or disabled");
	else if (ret == -EINVAL && key)
		NL_SET_ERR_MSG_ATTR(info->extack, key,
				    "wrong key length for the enctype");
	else if (ret == -ENOSPC)
		NL_SET_ERR_MSG(info->extack, "the namespace holds too many keys");
	return ret;
}

static int key_del(struct sk_buff *skb, struct genl_info *info)
{
	struct krbap_keystore *ks = krbap_net_keystore(genl_info_net(info));
	struct nlattr **a = info->attrs;
	u32 kvno;
	s32 etype;

	if (!a[KRBAP_A_PRINCIPAL] && a[KRBAP_A_GENERATION] &&
	    !a[KRBAP_A_KVNO] && !a[KRBAP_A_ENCTYPE]) {
		krbap_keystore_prune(ks, nla_get_u32(a[KRBAP_A_GENERATION]));
		return 0;
	}
	if (GENL_REQ_ATTR_CHECK(info, KRBAP_A_PRINCIPAL))
		return -EINVAL;
	if (a[KRBAP_A_KVNO])
		kvno = nla_get_u32(a[KRBAP_A_KVNO]);
	if (a[KRBAP_A_ENCTYPE])
		etype = nla_get_s32(a[KRBAP_A_ENCTYPE]);
	return krbap_keystore_del(ks, nla_data(a[KRBAP_A_PRINCIPAL]),
				  a[KRBAP_A_KVNO] ? &kvno : NULL,
				  a[KRBAP_A_ENCTYPE] ? &etype : NULL);
}

static int key_flush(struct sk_buff *skb, struct genl_info *info)
{
	krbap_keystore_flush(krbap_net_keystore(genl_info_net(info)));
	return 0;
}

static int put_key_info(struct sk_buff *skb, const struct krbap_key_info *k)
{
	if (nla_put_string(skb, KRBAP_A_PRINCIPAL, k->principal) ||
	    nla_put_u32(skb, KRBAP_A_KVNO, k->kvno) ||
	    nla_put_s32(skb, KRBAP_A_ENCTYPE, k->etype) ||
	    nla_put_u32(skb, KRBAP_A_GENERATION, k->generation))
		return -EMSGSIZE;
	return 0;
}

/* cb->args[0] is the keystore cursor */
static int key_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct krbap_keystore *ks = krbap_net_keystore(sock_net(skb->sk));
	struct krbap_key_info *k;
	unsigned long pos;
	void *hdr;
	int ret = 0;

	k = kmalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	for (;;) {
		pos = cb->args[0];
		if (krbap_keystore_nth(ks, &pos, k))
			break;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &krbap_family,
				  NLM_F_MULTI, KRBAP_CMD_KEY_GET);
		if (!hdr || put_key_info(skb, k)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			ret = skb->len;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = pos;
	}
	kfree(k);
	return ret ? ret : skb->len;
}

static int put_time(struct sk_buff *skb, int attr, time64_t t)
{
	return nla_put_s64(skb, attr, t, KRBAP_A_PAD);
}

static int put_context(struct sk_buff *skb, const struct krbap_result *r)
{
	if ((r->framing != KRBAP_FRAMING_BARE &&
	     nla_put_u32(skb, KRBAP_A_GSS_FLAGS, r->gss_flags)) ||
	    nla_put_s32(skb, KRBAP_A_CONTEXT_ENCTYPE, r->context_enctype) ||
	    (r->context_acceptor_subkey &&
	     nla_put_flag(skb, KRBAP_A_ACCEPTOR_SUBKEY)) ||
	    nla_put_u32(skb, KRBAP_A_LIFETIME, r->lifetime) ||
	    nla_put_u32(skb, KRBAP_A_PAC_STATE, r->pac_state) ||
	    (r->pac && nla_put_u32(skb, KRBAP_A_PAC_LEN, r->pac_len)) ||
	    (r->logon_info && nla_put_u32(skb, KRBAP_A_LOGON_INFO_LEN,
					   r->logon_info_len)))
		return -EMSGSIZE;
	return 0;
}

static int put_accepted(struct sk_buff *skb, const struct krbap_result *r)
{
	if (nla_put_string(skb, KRBAP_A_CLIENT, r->client) ||
	    nla_put_string(skb, KRBAP_A_SERVER, r->server) ||
	    nla_put_u32(skb, KRBAP_A_KVNO, r->kvno) ||
	    nla_put_s32(skb, KRBAP_A_ENCTYPE, r->ticket_enctype) ||
	    nla_put_s32(skb, KRBAP_A_SESSION_ENCTYPE, r->session_key.etype) ||
	    (r->subkey.etype &&
	     nla_put_s32(skb, KRBAP_A_SUBKEY_ENCTYPE, r->subkey.etype)) ||
	    nla_put_u32(skb, KRBAP_A_TICKET_FLAGS, r->ticket_flags) ||
	    put_time(skb, KRBAP_A_AUTHTIME, r->authtime) ||
	    put_time(skb, KRBAP_A_STARTTIME, r->starttime) ||
	    put_time(skb, KRBAP_A_ENDTIME, r->endtime) ||
	    (r->renew_till && put_time(skb, KRBAP_A_RENEW_TILL,
				       r->renew_till)) ||
	    nla_put_u32(skb, KRBAP_A_AP_OPTIONS, r->ap_options) ||
	    (r->has_seq && nla_put_u32(skb, KRBAP_A_SEQ, r->seq)) ||
	    nla_put_u32(skb, KRBAP_A_AUTHZ_LEN, r->authz_len) ||
	    (r->ap_rep && nla_put(skb, KRBAP_A_AP_REP, r->ap_rep_len,
				  r->ap_rep)))
		return -EMSGSIZE;
	return put_context(skb, r);
}

static int fill_accept(struct sk_buff *skb, struct genl_info *info,
		       void *arg)
{
	const struct krbap_result *r = arg;

	if (nla_put_u32(skb, KRBAP_A_STATUS, r->krb_error) ||
	    (r->framing && nla_put_u32(skb, KRBAP_A_FRAMING, r->framing)))
		return -EMSGSIZE;
	if (r->continue_needed)
		return nla_put_flag(skb, KRBAP_A_CONTINUE) ?:
		       nla_put(skb, KRBAP_A_AP_REP, r->ap_rep_len, r->ap_rep);
	if (!r->krb_error)
		return put_accepted(skb, r);
	if (nla_put_string(skb, KRBAP_A_ERROR_TEXT, r->reason) ||
	    (r->retry && nla_put_flag(skb, KRBAP_A_RETRY)) ||
	    (r->error_token && nla_put(skb, KRBAP_A_KRB_ERROR,
				       r->error_token_len, r->error_token)))
		return -EMSGSIZE;
	return 0;
}

static int accept(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tok = info->attrs[KRBAP_A_TOKEN];
	struct nlattr *who = info->attrs[KRBAP_A_PRINCIPAL];
	struct krbap_result *r;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, KRBAP_A_TOKEN))
		return -EINVAL;
	ret = krbap_accept(genl_info_net(info), nla_data(tok), nla_len(tok),
			   who ? nla_data(who) : NULL, &r);
	if (!r)
		return ret;
	ret = reply(info, NLMSG_GOODSIZE + r->ap_rep_len + r->error_token_len,
		    fill_accept, r);
	krbap_result_free(r);
	return ret;
}

static int put_errors(struct sk_buff *skb, const struct krbap_stats *st)
{
	struct nlattr *nest, *e;
	u32 code;

	nest = nla_nest_start(skb, KRBAP_A_STATS_ERRORS);
	if (!nest)
		return -EMSGSIZE;
	for (code = 0; code < KRBAP_STATS_CODES; code++) {
		if (!st->errors[code])
			continue;
		e = nla_nest_start(skb, KRBAP_A_STATS_ERROR);
		if (!e || nla_put_u32(skb, KRBAP_A_STATS_ERROR_CODE, code) ||
		    nla_put_u64_64bit(skb, KRBAP_A_STATS_ERROR_COUNT,
				      st->errors[code],
				      KRBAP_A_STATS_ERROR_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, e);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_stats(struct sk_buff *skb, struct genl_info *info,
		      void *arg)
{
	struct net *net = genl_info_net(info);
	const struct krbap_stats *st = arg;
	struct nlattr *nest;

	krbap_stats_get(net, arg);
	nest = nla_nest_start(skb, KRBAP_A_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, KRBAP_A_STATS_ACCEPTED, st->accepted,
			      KRBAP_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, KRBAP_A_STATS_REFUSED, st->refused,
			      KRBAP_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, KRBAP_A_STATS_ACCEPT_NS, st->accept_ns,
			      KRBAP_A_STATS_PAD) ||
	    nla_put_u32(skb, KRBAP_A_STATS_RCACHE_ENTRIES,
			krbap_net_rcache_count(net)) ||
	    nla_put_u64_64bit(skb, KRBAP_A_STATS_RESTORE_WAITS,
			      st->restore_waits, KRBAP_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, KRBAP_A_STATS_PERSIST_DROPPED,
			      st->persist_dropped, KRBAP_A_STATS_PAD) ||
	    put_errors(skb, st))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct krbap_stats *st = kmalloc(sizeof(*st), GFP_KERNEL);
	int ret;

	if (!st)
		return -ENOMEM;
	ret = reply(info, NLMSG_GOODSIZE, fill_stats, st);
	kfree(st);
	return ret;
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

static int parse_rec(const struct nlattr *entry, struct krbap_rcache_rec *rec,
		     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KRBAP_A_RCACHE_ENTRY_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, KRBAP_A_RCACHE_ENTRY_MAX, entry,
			       rcache_entry_policy, extack);
	if (ret)
		return ret;
	if (!tb[KRBAP_A_RCACHE_DIGEST] || !tb[KRBAP_A_RCACHE_EXPIRES]) {
		NL_SET_ERR_MSG_ATTR(extack, entry, "entry needs digest and expiry");
		return -EINVAL;
	}
	nla_memcpy(rec->digest, tb[KRBAP_A_RCACHE_DIGEST], sizeof(rec->digest));
	rec->expires = nla_get_s64(tb[KRBAP_A_RCACHE_EXPIRES]);
	/* no honest entry outlives the largest skew by much */
	if (rec->expires > ktime_get_real_seconds() + 2 * KRBAP_CLOCK_SKEW_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KRBAP_A_RCACHE_EXPIRES],
				    "expiry too far in the future");
		return -ERANGE;
	}
	return 0;
}

/* all entries are checked before any goes in: bad input changes nothing */
static int rcache_restore(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *list = info->attrs[KRBAP_A_RCACHE], *entry;
	struct net *net = genl_info_net(info);
	struct krbap_rcache_rec *recs = NULL;
	unsigned int n = 0;
	int rem, ret = 0;

	if (list) {
		recs = kvmalloc_array(nla_len(list) / NLA_HDRLEN + 1,
				      sizeof(*recs), GFP_KERNEL);
		if (!recs)
			return -ENOMEM;
		nla_for_each_nested(entry, list, rem) {
			ret = parse_rec(entry, &recs[n], info->extack);
			if (ret)
				goto out;
			n++;
		}
	}
	ret = krbap_rcache_restore_recs(net, recs, n);
	if (!ret && info->attrs[KRBAP_A_RCACHE_DONE])
		krbap_restore_done(net);
out:
	kvfree(recs);
	return ret;
}

static int put_recs(struct sk_buff *skb, const struct krbap_rcache_rec *recs,
		    unsigned int n)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = nla_nest_start(skb, KRBAP_A_RCACHE);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		entry = nla_nest_start(skb, KRBAP_A_RCACHE_ENTRY);
		if (!entry ||
		    nla_put(skb, KRBAP_A_RCACHE_DIGEST, sizeof(recs[i].digest),
			    recs[i].digest) ||
		    nla_put_s64(skb, KRBAP_A_RCACHE_EXPIRES, recs[i].expires,
				KRBAP_A_RCACHE_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, list);
	return 0;
}

/**
 * krbap_genl_rcache_new() - stream new replay cache entries to the helper
 * @net: the namespace
 * @portid: the helper's netlink port
 * @recs: the entries
 * @n: how many
 *
 * Context: process context.
 * Return: 0, or a negative errno when the message could not be built or
 * delivered (no helper, its socket full).
 */
int krbap_genl_rcache_new(struct net *net, u32 portid,
			  const struct krbap_rcache_rec *recs, unsigned int n)
{
	size_t size = nla_total_size(0) + n * (nla_total_size(0) +
		nla_total_size(KRBAP_RCACHE_DIGEST_LEN) +
		nla_total_size_64bit(sizeof(s64)));
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &krbap_family, 0, KRBAP_CMD_RCACHE_NEW);
	if (!hdr || put_recs(skb, recs, n)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return genlmsg_unicast(net, skb, portid);
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
	{
		.cmd = KRBAP_CMD_KEY_ADD,
		.doit = key_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_KEY_DEL,
		.doit = key_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_KEY_FLUSH,
		.doit = key_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_KEY_GET,
		.dumpit = key_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_ACCEPT,
		.doit = accept,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KRBAP_CMD_STATS_GET,
		.doit = stats_get,
	},
	{
		.cmd = KRBAP_CMD_RCACHE_RESTORE,
		.doit = rcache_restore,
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
