// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapd's two netlink sockets: one subscribed to the generic netlink
 * controller's notifications, so the daemon learns when the krbap module
 * comes and goes, and one bound to the krbap family itself.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/krbap.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "krbapd.h"
#include "nl.h"

static struct nl_sock *watch_sk;
static enum family_event last_event;
static struct knl *kernel;

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

/**
 * kernel_attach() - find the krbap family and register as its helper
 *
 * Return: 0; -ENOENT when the module is not loaded; -EBUSY when another
 * helper is registered in this namespace; another negative errno.
 */
int kernel_attach(void)
{
	struct nl_msg *msg;
	int ret;

	kernel = knl_open(&ret);
	if (!kernel)
		return ret;
	msg = knl_msg(kernel, KRBAP_CMD_HELPER_REGISTER, 0);
	ret = msg ? knl_call(kernel, msg, NULL, NULL) : -ENOMEM;
	if (ret) {
		knl_close(kernel);
		kernel = NULL;
	}
	return ret;
}

/**
 * kernel_detach() - unregister (when still possible) and close
 */
void kernel_detach(void)
{
	struct nl_msg *msg;

	if (!kernel)
		return;
	msg = knl_msg(kernel, KRBAP_CMD_HELPER_UNREGISTER, 0);
	if (msg)
		knl_call(kernel, msg, NULL, NULL);
	knl_close(kernel);
	kernel = NULL;
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
