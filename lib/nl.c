// SPDX-License-Identifier: GPL-2.0-only
/*
 * libnl-genl-3 behind a few functions: open a socket bound to the krbap
 * family, send one request, hand each reply's attributes to a callback,
 * and keep the kernel's extended-ack message for the caller to show.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/krbap.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct knl {
	struct nl_sock *sk;
	int family;
	char extack[256];
};

struct call {
	struct knl *h;
	knl_reply_fn fn;
	void *arg;
	int err;
	bool done;
};

/**
 * knl_open() - connect to the krbap generic netlink family
 * @err: set to -ENOENT when the family is not registered (module not
 *       loaded), or another negative errno
 *
 * Return: a handle, or NULL.
 */
struct knl *knl_open(int *err)
{
	struct knl *h = calloc(1, sizeof(*h));
	int one = 1;

	*err = -ENOMEM;
	if (!h)
		return NULL;
	h->sk = nl_socket_alloc();
	if (!h->sk)
		goto err_free;
	*err = -ECONNREFUSED;
	if (genl_connect(h->sk))
		goto err_sock;
	setsockopt(nl_socket_get_fd(h->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(h->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	h->family = genl_ctrl_resolve(h->sk, KRBAP_GENL_NAME);
	if (h->family < 0) {
		*err = h->family == -NLE_OBJ_NOTFOUND ? -ENOENT : -EPROTO;
		goto err_sock;
	}
	*err = 0;
	return h;

err_sock:
	nl_socket_free(h->sk);
err_free:
	free(h);
	return NULL;
}

/**
 * knl_close() - close the socket and free the handle
 * @h: handle from knl_open(), or NULL
 */
void knl_close(struct knl *h)
{
	if (!h)
		return;
	nl_socket_free(h->sk);
	free(h);
}

/**
 * knl_family() - the numeric id the kernel gave the family
 * @h: handle
 *
 * Return: the id.
 */
int knl_family(const struct knl *h)
{
	return h->family;
}

/**
 * knl_sock() - the underlying libnl socket, for polling
 * @h: handle
 *
 * Return: the socket.
 */
struct nl_sock *knl_sock(struct knl *h)
{
	return h->sk;
}

/**
 * knl_msg() - start a request
 * @h: handle
 * @cmd: enum krbap_cmd
 * @flags: extra netlink flags, e.g. NLM_F_DUMP
 *
 * Return: a message to add attributes to, or NULL on allocation failure.
 */
struct nl_msg *knl_msg(struct knl *h, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0, flags,
			 cmd, KRBAP_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[KRBAP_A_MAX + 1];
	struct call *c = arg;
	int ret;

	/* attributes newer than this build are skipped, not refused */
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, KRBAP_A_MAX, NULL)) {
		c->err = -EBADMSG;
		return NL_STOP;
	}
	ret = c->fn ? c->fn(tb, c->arg) : 0;
	if (ret) {
		c->err = ret;
		return NL_STOP;
	}
	return NL_OK;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct call *c = arg;

	(void)msg;
	c->done = true;
	return NL_STOP;
}

static void save_extack(struct knl *h, const struct nlmsgerr *e)
{
	const struct nlmsghdr *nlh = (const void *)((const char *)e -
						    NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_HDRLEN + off > nlh->nlmsg_len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
		      nlh->nlmsg_len - NLMSG_HDRLEN - off, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(h->extack, sizeof(h->extack), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct call *c = arg;

	(void)nla;
	c->err = e->error;
	c->done = true;
	save_extack(c->h, e);
	return NL_STOP;
}

static void free_msg(struct nl_msg *msg, bool wipe)
{
	if (wipe)
		explicit_bzero(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

static int call(struct knl *h, struct nl_msg *msg, knl_reply_fn fn,
		void *arg, bool wipe)
{
	struct call c = { .h = h, .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int ret;

	h->extack[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		free_msg(msg, wipe);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &c);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, &c);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &c);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &c);

	ret = nl_send_auto(h->sk, msg);
	free_msg(msg, wipe);
	if (ret < 0) {
		c.err = -EIO;
		goto out;
	}
	while (!c.done && !c.err) {
		ret = nl_recvmsgs(h->sk, cb);
		if (ret < 0 && !c.err)
			c.err = ret == -NLE_NOMEM ? -ENOMEM : -EIO;
	}
out:
	nl_cb_put(cb);
	return c.err;
}

/**
 * knl_call() - send a request and read replies until its ack or error
 * @h: handle
 * @msg: request from knl_msg(); always consumed
 * @fn: called for each reply message, may be NULL; a non-zero return
 *      stops reading and becomes knl_call()'s result
 * @arg: passed to @fn
 *
 * Return: 0, or the kernel's negative errno (knl_extack() may say why).
 */
int knl_call(struct knl *h, struct nl_msg *msg, knl_reply_fn fn, void *arg)
{
	return call(h, msg, fn, arg, false);
}

/**
 * knl_call_secret() - knl_call() for a request that carries key bytes
 * @h: handle
 * @msg: request; wiped, then freed
 * @fn: as for knl_call()
 * @arg: passed to @fn
 *
 * Return: as knl_call().
 */
int knl_call_secret(struct knl *h, struct nl_msg *msg, knl_reply_fn fn,
		    void *arg)
{
	return call(h, msg, fn, arg, true);
}

/**
 * knl_extack() - the kernel's message for the last failed knl_call()
 * @h: handle
 *
 * Return: the message, or "" when the kernel gave none.
 */
const char *knl_extack(const struct knl *h)
{
	return h->extack;
}

/**
 * knl_strerror() - describe an error from this facade in words
 * @err: negative errno
 *
 * Return: a message that tells an operator what to do.
 */
const char *knl_strerror(int err)
{
	switch (err) {
	case -ENOENT:
		return "krbap module not loaded? (no generic netlink family \"krbap\")";
	case -EPERM:
		return "permission denied (CAP_NET_ADMIN needed)";
	default:
		return strerror(-err);
	}
}
