/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * krbap: the in-kernel Kerberos AP exchange, generic netlink interface.
 *
 * Family KRBAP_GENL_NAME, version KRBAP_GENL_VERSION.  All state is per
 * network namespace: a command acts on the namespace of the socket it
 * arrives on.  Commands marked (admin) need CAP_NET_ADMIN in the user
 * namespace that owns the network namespace and answer EPERM otherwise.
 * Unknown attributes are rejected by the kernel (strict validation);
 * userspace ignores attributes it does not know.
 *
 * KRBAP_CMD_STATUS_GET (do, any user)
 *   reply:
 *     KRBAP_A_VERSION: NLA_NUL_STRING, module version
 *     KRBAP_A_CONFIG: NLA_NESTED
 *       KRBAP_A_CONFIG_CLOCK_SKEW: NLA_U32, seconds
 *       KRBAP_A_CONFIG_ALLOW_RC4: NLA_U8, 0 or 1
 *     KRBAP_A_HELPER_PORTID: NLA_U32, netlink port id of the registered
 *                            helper; absent when none is registered
 *     KRBAP_A_ENCTYPES: NLA_NESTED, one entry per built-in enctype
 *       KRBAP_A_ENCTYPES_ENTRY: NLA_NESTED
 *         KRBAP_A_ENCTYPE_ID: NLA_S32, RFC 3961 enctype number
 *         KRBAP_A_ENCTYPE_STATE: NLA_U32, enum krbap_etype_state
 *
 * KRBAP_CMD_CONFIG_SET (do, admin)
 *   request:
 *     KRBAP_A_CONFIG: NLA_NESTED, any subset of
 *       KRBAP_A_CONFIG_CLOCK_SKEW: NLA_U32, 1..KRBAP_CLOCK_SKEW_MAX
 *       KRBAP_A_CONFIG_ALLOW_RC4: NLA_U8, 0 or 1; enables rc4-hmac (23)
 *   A request is applied whole or not at all.
 *
 * KRBAP_CMD_HELPER_REGISTER (do, admin)
 *   request: no attributes.  The sending socket becomes the namespace's
 *   helper (krbapd) until it closes or sends KRBAP_CMD_HELPER_UNREGISTER.
 *   EBUSY when another live socket is registered.
 *
 * KRBAP_CMD_HELPER_UNREGISTER (do, admin)
 *   request: no attributes.  ENOENT unless the sender is the helper.
 */
#ifndef _UAPI_LINUX_KRBAP_H
#define _UAPI_LINUX_KRBAP_H

#include <linux/types.h>

#define KRBAP_GENL_NAME		"krbap"
#define KRBAP_GENL_VERSION	1

#define KRBAP_CLOCK_SKEW_DEFAULT	300
#define KRBAP_CLOCK_SKEW_MAX		86400

enum krbap_cmd {
	KRBAP_CMD_UNSPEC,
	KRBAP_CMD_STATUS_GET,
	KRBAP_CMD_CONFIG_SET,
	KRBAP_CMD_HELPER_REGISTER,
	KRBAP_CMD_HELPER_UNREGISTER,

	__KRBAP_CMD_LAST,
	KRBAP_CMD_MAX = __KRBAP_CMD_LAST - 1
};

enum krbap_attr {
	KRBAP_A_UNSPEC,
	KRBAP_A_VERSION,
	KRBAP_A_CONFIG,
	KRBAP_A_HELPER_PORTID,
	KRBAP_A_ENCTYPES,

	__KRBAP_A_LAST,
	KRBAP_A_MAX = __KRBAP_A_LAST - 1
};

enum krbap_config_attr {
	KRBAP_A_CONFIG_UNSPEC,
	KRBAP_A_CONFIG_CLOCK_SKEW,
	KRBAP_A_CONFIG_ALLOW_RC4,

	__KRBAP_A_CONFIG_LAST,
	KRBAP_A_CONFIG_MAX = __KRBAP_A_CONFIG_LAST - 1
};

enum krbap_enctypes_attr {
	KRBAP_A_ENCTYPES_UNSPEC,
	KRBAP_A_ENCTYPES_ENTRY,

	__KRBAP_A_ENCTYPES_LAST,
	KRBAP_A_ENCTYPES_MAX = __KRBAP_A_ENCTYPES_LAST - 1
};

enum krbap_enctype_attr {
	KRBAP_A_ENCTYPE_UNSPEC,
	KRBAP_A_ENCTYPE_ID,
	KRBAP_A_ENCTYPE_STATE,

	__KRBAP_A_ENCTYPE_LAST,
	KRBAP_A_ENCTYPE_MAX = __KRBAP_A_ENCTYPE_LAST - 1
};

/**
 * enum krbap_etype_state - whether an enctype can be used
 * @KRBAP_ETYPE_ENABLED: passed its self-test at load and is in use
 * @KRBAP_ETYPE_DISABLED: built in but off until the admin enables it
 * @KRBAP_ETYPE_FAILED: failed its self-test at load; never used
 * @KRBAP_ETYPE_UNAVAILABLE: the kernel lacks an algorithm it needs
 */
enum krbap_etype_state {
	KRBAP_ETYPE_ENABLED,
	KRBAP_ETYPE_DISABLED,
	KRBAP_ETYPE_FAILED,
	KRBAP_ETYPE_UNAVAILABLE,
};

#endif /* _UAPI_LINUX_KRBAP_H */
