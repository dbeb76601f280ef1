// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapd's two netlink sockets: one subscribed to the generic netlink
 * controller's notifications, so the daemon learns when the krbap module
 * comes and goes, and one bound to the krbap family itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/krbap.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "krbapd.h"
#include "nl.h"

static struct nl_sock *watch_sk;
static enum family_event last_event;
static struct knl *kernel;	/* requests: keys, restore */
static struct knl *events;	/* registered: the kernel streams to it */
static kernel_rcache_fn on_rcache;

static int on_ctrl(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	(void)arg;
	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), KRBAP_GENL_NAME))
		return NL_OK;
	if (gh->cmd == CTRL_CMD_NEWFAMILY)
		last_event = FAMILY_APPEARED;
	else if (gh->cmd == CTRL_CMD_DELFAMILY)
		last_event = FAMILY_VANISHED;
	return NL_OK;
}

/* one KRBAP_CMD_RCACHE_NEW message: entries to persist */
static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[KRBAP_A_MAX + 1], *e, *f[KRBAP_A_RCACHE_ENTRY_MAX + 1];
	int rem;

	(void)arg;
	/* only the kernel (port 0) streams entries; other senders are ignored */
	if (nlmsg_get_src(msg)->nl_pid != 0 ||
	    gh->cmd != KRBAP_CMD_RCACHE_NEW || !on_rcache ||
	    genlmsg_parse(nlh, 0, tb, KRBAP_A_MAX, NULL) || !tb[KRBAP_A_RCACHE])
		return NL_OK;
	nla_for_each_nested(e, tb[KRBAP_A_RCACHE], rem) {
		if (nla_parse_nested(f, KRBAP_A_RCACHE_ENTRY_MAX, e, NULL) ||
		    !f[KRBAP_A_RCACHE_DIGEST] || !f[KRBAP_A_RCACHE_EXPIRES] ||
		    nla_len(f[KRBAP_A_RCACHE_DIGEST]) != KRBAP_RCACHE_DIGEST_LEN ||
		    nla_len(f[KRBAP_A_RCACHE_EXPIRES]) != sizeof(int64_t))
			continue;
		on_rcache(nla_data(f[KRBAP_A_RCACHE_DIGEST]),
			  (int64_t)nla_get_u64(f[KRBAP_A_RCACHE_EXPIRES]));
	}
	return NL_OK;
}

/**
 * watch_open() - subscribe to generic netlink family notifications
 *
 * Return: 0 or a negative errno.
 */
int watch_open(void)
{
	int grp;

	watch_sk = nl_socket_alloc();
	if (!watch_sk)
		return -ENOMEM;
	if (genl_connect(watch_sk))
		goto err;
	grp = genl_ctrl_resolve_grp(watch_sk, "nlctrl", "notify");
	if (grp < 0 || nl_socket_add_membership(watch_sk, grp))
		goto err;
	nl_socket_disable_seq_check(watch_sk);
	nl_socket_modify_cb(watch_sk, NL_CB_VALID, NL_CB_CUSTOM, on_ctrl, NULL);
	nl_socket_set_nonblocking(watch_sk);
	return 0;
err:
	nl_socket_free(watch_sk);
	watch_sk = NULL;
	return -EPROTO;
}

/**
 * watch_fd() - the notification socket, for poll()
 *
 * Return: a file descriptor.
 */
int watch_fd(void)
{
	return nl_socket_get_fd(watch_sk);
}

/**
 * watch_read() - read pending notifications
 *
 * Return: the last change to the krbap family seen, or FAMILY_NONE.
 */
enum family_event watch_read(void)
{
	last_event = FAMILY_NONE;
	while (nl_recvmsgs_default(watch_sk) >= 0)
		;
	return last_event;
}

/**
 * watch_close() - drop the subscription
 */
void watch_close(void)
{
	nl_socket_free(watch_sk);
	watch_sk = NULL;
}

/* the helper's socket: registered, so the kernel streams entries to it */
static int events_open(void)
{
	struct nl_msg *msg;
	int ret;

	events = knl_open(&ret);
	if (!events)
		return ret;
	msg = knl_msg(events, KRBAP_CMD_HELPER_REGISTER, 0);
	ret = msg ? knl_call(events, msg, NULL, NULL) : -ENOMEM;
	if (ret) {
		knl_close(events);
		events = NULL;
		return ret;
	}
	/* from now on it only receives: no sequence numbers to match */
	nl_socket_disable_seq_check(knl_sock(events));
	nl_socket_modify_cb(knl_sock(events), NL_CB_VALID, NL_CB_CUSTOM,
			    on_event, NULL);
	nl_socket_set_nonblocking(knl_sock(events));
	nl_socket_set_buffer_size(knl_sock(events), 4 << 20, 0);
	return 0;
}

/**
 * kernel_attach() - find the krbap family and register as its helper
 * @reg: register as the namespace's helper; false only opens the family
 *       (krbapd --once)
 * @fn: called for each replay cache entry the kernel streams, or NULL
 *
 * Two sockets: one for requests, one registered that only receives, so
 * the entries the kernel streams never interleave with replies.
 *
 * Return: 0; -ENOENT when the module is not loaded; -EBUSY when another
 * helper is registered in this namespace; another negative errno.
 */
int kernel_attach(bool reg, kernel_rcache_fn fn)
{
	int ret;

	kernel = knl_open(&ret);
	if (!kernel || !reg)
		return ret;
	on_rcache = fn;
	ret = events_open();
	if (ret) {
		knl_close(kernel);
		kernel = NULL;
	}
	return ret;
}

/**
 * kernel_detach() - close both sockets, which unregisters
 */
void kernel_detach(void)
{
	/* closing the registered socket frees the kernel's helper slot */
	knl_close(events);
	events = NULL;
	knl_close(kernel);
	kernel = NULL;
}

/**
 * kernel_events_fd() - the registered socket, for poll()
 *
 * Return: its file descriptor, or -1 when not registered.
 */
int kernel_events_fd(void)
{
	return events ? nl_socket_get_fd(knl_sock(events)) : -1;
}

/**
 * kernel_events_read() - hand every pending streamed entry to the callback
 */
void kernel_events_read(void)
{
	if (events)
		while (nl_recvmsgs_default(knl_sock(events)) >= 0)
			;
}

/**
 * kernel_rcache_restore() - put persisted replay entries back
 * @digests: @n digests of KRBAP_RCACHE_DIGEST_LEN bytes, back to back
 * @expires: @n expiry times
 * @n: how many
 * @done: this is the last batch: close the kernel's restore window
 *
 * Return: 0 or a negative errno.
 */
int kernel_rcache_restore(const uint8_t *digests, const int64_t *expires,
			  size_t n, bool done)
{
	struct nlattr *list, *e;
	struct nl_msg *msg;
	size_t i;

	if (!kernel)
		return -ENOTCONN;
	msg = knl_msg(kernel, KRBAP_CMD_RCACHE_RESTORE, 0);
	if (!msg)
		return -ENOMEM;
	list = n ? nla_nest_start(msg, KRBAP_A_RCACHE) : NULL;
	for (i = 0; i < n; i++) {
		e = nla_nest_start(msg, KRBAP_A_RCACHE_ENTRY);
		if (!e || nla_put(msg, KRBAP_A_RCACHE_DIGEST,
				  KRBAP_RCACHE_DIGEST_LEN,
				  digests + i * KRBAP_RCACHE_DIGEST_LEN) ||
		    nla_put_s64(msg, KRBAP_A_RCACHE_EXPIRES, expires[i]))
			goto err;
		nla_nest_end(msg, e);
	}
	if (list)
		nla_nest_end(msg, list);
	if (done && nla_put_flag(msg, KRBAP_A_RCACHE_DONE))
		goto err;
	return knl_call(kernel, msg, NULL, NULL);
err:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/**
 * kernel_attached() - whether krbapd is registered with the kernel
 *
 * Return: true when registered.
 */
bool kernel_attached(void)
{
	return kernel;
}

/**
 * kernel_key_add() - push one key (KRBAP_CMD_KEY_ADD)
 * @k: the key; its bytes are wiped from the request after sending
 * @generation: tag of this load
 *
 * Return: 0; -ENOENT when the kernel cannot use the enctype; -EINVAL for
 * a key of the wrong length; another negative errno.
 */
int kernel_key_add(const struct key_entry *k, uint32_t generation)
{
	struct nl_msg *msg;

	if (!kernel)
		return -ENOTCONN;
	msg = knl_msg(kernel, KRBAP_CMD_KEY_ADD, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, KRBAP_A_PRINCIPAL, k->principal) ||
	    nla_put_u32(msg, KRBAP_A_KVNO, k->kvno) ||
	    nla_put_s32(msg, KRBAP_A_ENCTYPE, k->etype) ||
	    nla_put_u32(msg, KRBAP_A_GENERATION, generation) ||
	    nla_put(msg, KRBAP_A_KEY, k->keylen, k->key)) {
		explicit_bzero(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return knl_call_secret(kernel, msg, NULL, NULL);
}

/**
 * kernel_key_del() - delete one key by principal, kvno and enctype
 * @k: the key (its bytes are not used)
 *
 * Return: 0, -ENOENT when the kernel did not have it, another negative
 * errno.
 */
int kernel_key_del(const struct key_entry *k)
{
	struct nl_msg *msg;

	if (!kernel)
		return -ENOTCONN;
	msg = knl_msg(kernel, KRBAP_CMD_KEY_DEL, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, KRBAP_A_PRINCIPAL, k->principal) ||
	    nla_put_u32(msg, KRBAP_A_KVNO, k->kvno) ||
	    nla_put_s32(msg, KRBAP_A_ENCTYPE, k->etype)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return knl_call(kernel, msg, NULL, NULL);
}

struct dump {
	struct key_list *out;
	uint32_t max_gen;
};

static int on_key(struct nlattr **tb, void *arg)
{
	struct dump *d = arg;
	uint32_t gen;

	if (!tb[KRBAP_A_PRINCIPAL] || !tb[KRBAP_A_KVNO] ||
	    !tb[KRBAP_A_ENCTYPE] || nla_len(tb[KRBAP_A_PRINCIPAL]) < 2 ||
	    nla_len(tb[KRBAP_A_KVNO]) < 4 || nla_len(tb[KRBAP_A_ENCTYPE]) < 4)
		return 0;
	if (tb[KRBAP_A_GENERATION] && nla_len(tb[KRBAP_A_GENERATION]) >= 4) {
		gen = nla_get_u32(tb[KRBAP_A_GENERATION]);
		if (gen > d->max_gen)
			d->max_gen = gen;
	}
	/* never trust the string to be terminated */
	if (!memchr(nla_data(tb[KRBAP_A_PRINCIPAL]), '\0',
		    nla_len(tb[KRBAP_A_PRINCIPAL])))
		return 0;
	return key_list_put(d->out, nla_get_string(tb[KRBAP_A_PRINCIPAL]),
			    nla_get_u32(tb[KRBAP_A_KVNO]),
			    (int32_t)nla_get_u32(tb[KRBAP_A_ENCTYPE]), NULL, 0);
}

/**
 * kernel_key_dump() - list the namespace's keys (KRBAP_CMD_KEY_GET)
 * @out: gets one entry per key, without key bytes
 * @max_generation: set to the highest generation tag seen (0 for none)
 *
 * Return: 0 or a negative errno.
 */
int kernel_key_dump(struct key_list *out, uint32_t *max_generation)
{
	struct dump d = { .out = out };
	struct nl_msg *msg;
	int ret;

	if (!kernel)
		return -ENOTCONN;
	msg = knl_msg(kernel, KRBAP_CMD_KEY_GET, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	ret = knl_call(kernel, msg, on_key, &d);
	*max_generation = d.max_gen;
	return ret;
}

/**
 * kernel_extack() - the kernel's message for the last failed request
 *
 * Return: the message, or "".
 */
const char *kernel_extack(void)
{
	return kernel ? knl_extack(kernel) : "";
}
