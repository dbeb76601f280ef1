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
 *       KRBAP_A_CONFIG_ACCEPTOR_SUBKEY: NLA_U8, 0 or 1
 *       KRBAP_A_CONFIG_RCACHE_MAX: NLA_U32, replay cache entries
 *       KRBAP_A_CONFIG_RCACHE_PERSIST: NLA_U8, 0 or 1
 *       KRBAP_A_CONFIG_PAC_POLICY: NLA_U32, enum krbap_pac_policy
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
 *       KRBAP_A_CONFIG_ACCEPTOR_SUBKEY: NLA_U8, 0 or 1; AP-REPs carry a
 *                                       fresh acceptor subkey
 *       KRBAP_A_CONFIG_RCACHE_MAX: NLA_U32, 1..KRBAP_RCACHE_MAX; when the
 *                                  replay cache is full, logins are refused
 *       KRBAP_A_CONFIG_RCACHE_PERSIST: NLA_U8, 1 (default): the helper
 *                                      keeps the replay cache on disk and
 *                                      restores it; 0: no persistence, no
 *                                      restore window (RFC 4120 3.2.3's
 *                                      trade-off, taken knowingly)
 *       KRBAP_A_CONFIG_PAC_POLICY: NLA_U32, enum krbap_pac_policy: what a
 *                                  ticket whose PAC fails to verify gets
 *   A request is applied whole or not at all.
 *
 * KRBAP_CMD_HELPER_REGISTER (do, admin)
 *   request: no attributes.  The sending socket becomes the namespace's
 *   helper (krbapd) until it closes or sends KRBAP_CMD_HELPER_UNREGISTER.
 *   EBUSY when another live socket is registered.
 *
 * KRBAP_CMD_HELPER_UNREGISTER (do, admin)
 *   request: no attributes.  ENOENT unless the sender is the helper.
 *
 * KRBAP_CMD_KEY_ADD (do, admin)
 *   request:
 *     KRBAP_A_PRINCIPAL: NLA_NUL_STRING, "name/instance@REALM" (MIT syntax)
 *     KRBAP_A_KVNO: NLA_U32
 *     KRBAP_A_ENCTYPE: NLA_S32
 *     KRBAP_A_KEY: NLA_BINARY, the key bytes (never sent back)
 *     KRBAP_A_GENERATION: NLA_U32, optional tag chosen by the loader
 *   Replaces an existing key with the same principal, kvno and enctype.
 *
 * KRBAP_CMD_KEY_DEL (do, admin)
 *   request: KRBAP_A_PRINCIPAL, optional KRBAP_A_KVNO and KRBAP_A_ENCTYPE
 *   narrowing the match; or KRBAP_A_GENERATION alone, deleting every key
 *   whose generation differs (a loader's prune).  ENOENT when none matched.
 *
 * KRBAP_CMD_KEY_FLUSH (do, admin)
 *   request: no attributes.  Deletes every key of the namespace.
 *
 * KRBAP_CMD_KEY_GET (dump, admin)
 *   reply, one message per key: KRBAP_A_PRINCIPAL, KRBAP_A_KVNO,
 *   KRBAP_A_ENCTYPE, KRBAP_A_GENERATION.  Never the key bytes.
 *
 * KRBAP_CMD_ACCEPT (do, admin)
 *   request:
 *     KRBAP_A_TOKEN: NLA_BINARY, a KRB_AP_REQ, bare or in a GSS-API
 *                    initial context token (RFC 2743 3.1, RFC 4121:
 *                    0x60, the krb5 or Microsoft krb5 OID, TOK_ID 01 00),
 *                    or in a SPNEGO NegTokenInit (RFC 4178) that prefers
 *                    krb5 and carries its optimistic token
 *     KRBAP_A_PRINCIPAL: optional; accept only tickets for this principal
 *   reply (a refused token is a reply too, not a netlink error):
 *     KRBAP_A_STATUS: NLA_U32, 0 or the RFC 4120 error code
 *     KRBAP_A_ERROR_TEXT: NLA_NUL_STRING, why, when refused
 *     KRBAP_A_KRB_ERROR: NLA_BINARY, KRB-ERROR for the client, when refused;
 *                        with GSS framing wrapped in TOK_ID 03 00, and only
 *                        when the client waits for a reply (mutual, skew);
 *                        with SPNEGO a NegTokenResp (reject) always, around
 *                        the GSS KRB-ERROR when there is one
 *     KRBAP_A_FRAMING: NLA_U32, enum krbap_framing of the token, when known
 *     KRBAP_A_RETRY: NLA_FLAG, the refusal is temporary (replay cache
 *                    not restored yet): the same token may pass later
 *     on success:
 *     KRBAP_A_CLIENT, KRBAP_A_SERVER: NLA_NUL_STRING
 *     KRBAP_A_KVNO: NLA_U32; KRBAP_A_ENCTYPE: NLA_S32, the ticket's
 *     KRBAP_A_SESSION_ENCTYPE: NLA_S32; KRBAP_A_SUBKEY_ENCTYPE: NLA_S32,
 *                              when the initiator sent a subkey
 *     KRBAP_A_TICKET_FLAGS: NLA_U32, KerberosFlags bits 0..31 as sent
 *     KRBAP_A_AUTHTIME, KRBAP_A_STARTTIME, KRBAP_A_ENDTIME,
 *     KRBAP_A_RENEW_TILL: NLA_S64, seconds since the epoch
 *     KRBAP_A_AP_OPTIONS: NLA_U32
 *     KRBAP_A_SEQ: NLA_U32, the initiator's sequence number, if sent
 *     KRBAP_A_AP_REP: NLA_BINARY, when mutual authentication was asked;
 *                     with GSS framing wrapped in TOK_ID 02 00; with
 *                     SPNEGO a NegTokenResp (accept-completed) always,
 *                     around the GSS AP-REP when there is one
 *     KRBAP_A_AUTHZ_LEN: NLA_U32, bytes of ticket authorization data
 *     KRBAP_A_GSS_FLAGS: NLA_U32, GSS context flags (RFC 2744 values),
 *                        with GSS or SPNEGO framing
 *     KRBAP_A_CONTEXT_ENCTYPE: NLA_S32, enctype of the RFC 4121 context
 *                              key (acceptor subkey, else initiator
 *                              subkey, else session key)
 *     KRBAP_A_ACCEPTOR_SUBKEY: NLA_FLAG, the context key is the acceptor
 *                              subkey sent in the AP-REP
 *     KRBAP_A_LIFETIME: NLA_U32, seconds the context stays valid
 *     KRBAP_A_PAC_STATE: NLA_U32, enum krbap_pac_state
 *     KRBAP_A_PAC_LEN: NLA_U32, bytes of the verified PAC, when verified
 *     KRBAP_A_LOGON_INFO_LEN: NLA_U32, bytes of its logon info buffer
 *     when a SPNEGO NegTokenInit prefers another mechanism (RFC 4178 5),
 *     neither accepted nor refused:
 *     KRBAP_A_CONTINUE: NLA_FLAG, the negotiation needs the client's
 *                       next token, which only an in-kernel caller can
 *                       take (krbap_accept_continue())
 *     KRBAP_A_AP_REP: the NegTokenResp (request-mic) naming krb5
 *
 * KRBAP_CMD_STATS_GET (do, any user)
 *   reply: KRBAP_A_STATS: NLA_NESTED
 *     KRBAP_A_STATS_ACCEPTED: NLA_U64
 *     KRBAP_A_STATS_REFUSED: NLA_U64
 *     KRBAP_A_STATS_ACCEPT_NS: NLA_U64, total time spent in accept
 *     KRBAP_A_STATS_RCACHE_ENTRIES: NLA_U32
 *     KRBAP_A_STATS_RESTORE_WAITS: NLA_U64, logins refused (retryably)
 *                                  while the replay cache was not restored
 *     KRBAP_A_STATS_PERSIST_DROPPED: NLA_U64, replay cache entries that
 *                                    could not be streamed to the helper
 *     KRBAP_A_STATS_ERRORS: NLA_NESTED, one per error code seen
 *       KRBAP_A_STATS_ERROR: NLA_NESTED
 *         KRBAP_A_STATS_ERROR_CODE: NLA_U32
 *         KRBAP_A_STATS_ERROR_COUNT: NLA_U64
 *
 * The replay cache and its helper.  After the module loads at time L, an
 * authenticator with ctime < L + clock_skew may have been accepted before
 * the load; until the helper has restored the persisted entries (or the
 * admin turns persistence off) such authenticators are refused with a
 * retryable reason.  Later ones are accepted normally.
 *
 * KRBAP_CMD_RCACHE_NEW (kernel to the registered helper, unicast)
 *   KRBAP_A_RCACHE: NLA_NESTED, entries just inserted
 *     KRBAP_A_RCACHE_ENTRY: NLA_NESTED
 *       KRBAP_A_RCACHE_DIGEST: NLA_BINARY, KRBAP_RCACHE_DIGEST_LEN bytes
 *       KRBAP_A_RCACHE_EXPIRES: NLA_S64, seconds since the epoch
 *
 * KRBAP_CMD_RCACHE_RESTORE (do, admin)
 *   request: KRBAP_A_RCACHE as above, optional; KRBAP_A_RCACHE_DONE:
 *   NLA_FLAG, the restore is complete (closes the window).  Entries
 *   already expired are ignored.
 *
 * KRBAP_CMD_STATUS_GET adds:
 *   KRBAP_A_RCACHE_STATE: NLA_U32, enum krbap_restore_state
 *   KRBAP_A_RCACHE_WINDOW_END: NLA_S64, when the window closes by itself
 *                              (L + 2 * clock_skew)
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
	KRBAP_CMD_KEY_ADD,
	KRBAP_CMD_KEY_DEL,
	KRBAP_CMD_KEY_FLUSH,
	KRBAP_CMD_KEY_GET,
	KRBAP_CMD_ACCEPT,
	KRBAP_CMD_STATS_GET,
	KRBAP_CMD_RCACHE_NEW,
	KRBAP_CMD_RCACHE_RESTORE,

	__KRBAP_CMD_LAST,
	KRBAP_CMD_MAX = __KRBAP_CMD_LAST - 1
};

enum krbap_attr {
	KRBAP_A_UNSPEC,
	KRBAP_A_VERSION,
	KRBAP_A_CONFIG,
	KRBAP_A_HELPER_PORTID,
	KRBAP_A_ENCTYPES,
	KRBAP_A_PRINCIPAL,
	KRBAP_A_KVNO,
	KRBAP_A_ENCTYPE,
	KRBAP_A_KEY,
	KRBAP_A_GENERATION,
	KRBAP_A_TOKEN,
	KRBAP_A_STATUS,
	KRBAP_A_ERROR_TEXT,
	KRBAP_A_KRB_ERROR,
	KRBAP_A_CLIENT,
	KRBAP_A_SERVER,
	KRBAP_A_SESSION_ENCTYPE,
	KRBAP_A_SUBKEY_ENCTYPE,
	KRBAP_A_TICKET_FLAGS,
	KRBAP_A_AUTHTIME,
	KRBAP_A_STARTTIME,
	KRBAP_A_ENDTIME,
	KRBAP_A_RENEW_TILL,
	KRBAP_A_AP_OPTIONS,
	KRBAP_A_SEQ,
	KRBAP_A_AP_REP,
	KRBAP_A_AUTHZ_LEN,
	KRBAP_A_STATS,
	KRBAP_A_PAD,
	KRBAP_A_RCACHE,
	KRBAP_A_RCACHE_DONE,
	KRBAP_A_RCACHE_STATE,
	KRBAP_A_RCACHE_WINDOW_END,
	KRBAP_A_RETRY,
	KRBAP_A_FRAMING,
	KRBAP_A_GSS_FLAGS,
	KRBAP_A_CONTEXT_ENCTYPE,
	KRBAP_A_ACCEPTOR_SUBKEY,
	KRBAP_A_LIFETIME,
	KRBAP_A_PAC_STATE,
	KRBAP_A_PAC_LEN,
	KRBAP_A_LOGON_INFO_LEN,
	KRBAP_A_CONTINUE,

	__KRBAP_A_LAST,
	KRBAP_A_MAX = __KRBAP_A_LAST - 1
};

enum krbap_config_attr {
	KRBAP_A_CONFIG_UNSPEC,
	KRBAP_A_CONFIG_CLOCK_SKEW,
	KRBAP_A_CONFIG_ALLOW_RC4,
	KRBAP_A_CONFIG_ACCEPTOR_SUBKEY,
	KRBAP_A_CONFIG_RCACHE_MAX,
	KRBAP_A_CONFIG_RCACHE_PERSIST,
	KRBAP_A_CONFIG_PAC_POLICY,

	__KRBAP_A_CONFIG_LAST,
	KRBAP_A_CONFIG_MAX = __KRBAP_A_CONFIG_LAST - 1
};

#define KRBAP_PRINCIPAL_MAX	1024
#define KRBAP_KEY_MAX		64
#define KRBAP_TOKEN_MAX		65531	/* the most one attribute carries */
#define KRBAP_RCACHE_MAX	(1U << 24)

enum krbap_stats_attr {
	KRBAP_A_STATS_UNSPEC,
	KRBAP_A_STATS_ACCEPTED,
	KRBAP_A_STATS_REFUSED,
	KRBAP_A_STATS_ACCEPT_NS,
	KRBAP_A_STATS_RCACHE_ENTRIES,
	KRBAP_A_STATS_ERRORS,
	KRBAP_A_STATS_PAD,
	KRBAP_A_STATS_RESTORE_WAITS,
	KRBAP_A_STATS_PERSIST_DROPPED,

	__KRBAP_A_STATS_LAST,
	KRBAP_A_STATS_MAX = __KRBAP_A_STATS_LAST - 1
};

enum krbap_stats_errors_attr {
	KRBAP_A_STATS_ERRORS_UNSPEC,
	KRBAP_A_STATS_ERROR,

	__KRBAP_A_STATS_ERRORS_LAST,
	KRBAP_A_STATS_ERRORS_MAX = __KRBAP_A_STATS_ERRORS_LAST - 1
};

enum krbap_stats_error_attr {
	KRBAP_A_STATS_ERROR_UNSPEC,
	KRBAP_A_STATS_ERROR_CODE,
	KRBAP_A_STATS_ERROR_COUNT,
	KRBAP_A_STATS_ERROR_PAD,

	__KRBAP_A_STATS_ERROR_LAST,
	KRBAP_A_STATS_ERROR_MAX = __KRBAP_A_STATS_ERROR_LAST - 1
};

#define KRBAP_RCACHE_DIGEST_LEN	16

enum krbap_rcache_attr {
	KRBAP_A_RCACHE_UNSPEC,
	KRBAP_A_RCACHE_ENTRY,

	__KRBAP_A_RCACHE_LAST,
	KRBAP_A_RCACHE_MAX = __KRBAP_A_RCACHE_LAST - 1
};

enum krbap_rcache_entry_attr {
	KRBAP_A_RCACHE_ENTRY_UNSPEC,
	KRBAP_A_RCACHE_DIGEST,
	KRBAP_A_RCACHE_EXPIRES,
	KRBAP_A_RCACHE_PAD,

	__KRBAP_A_RCACHE_ENTRY_LAST,
	KRBAP_A_RCACHE_ENTRY_MAX = __KRBAP_A_RCACHE_ENTRY_LAST - 1
};

/**
 * enum krbap_framing - how an ACCEPT token was framed
 * @KRBAP_FRAMING_UNKNOWN: not recognised (a refusal)
 * @KRBAP_FRAMING_BARE: a bare KRB_AP_REQ
 * @KRBAP_FRAMING_GSS: a GSS-API initial context token (RFC 4121)
 * @KRBAP_FRAMING_SPNEGO: a SPNEGO NegTokenInit (RFC 4178) whose optimistic
 *                        token is a GSS initial context token
 */
enum krbap_framing {
	KRBAP_FRAMING_UNKNOWN,
	KRBAP_FRAMING_BARE,
	KRBAP_FRAMING_GSS,
	KRBAP_FRAMING_SPNEGO,
};

/**
 * enum krbap_pac_policy - what a ticket with a bad PAC gets
 * @KRBAP_PAC_REJECT: the login is refused (the default)
 * @KRBAP_PAC_IGNORE: the PAC is dropped and the login goes on without it
 */
enum krbap_pac_policy {
	KRBAP_PAC_REJECT,
	KRBAP_PAC_IGNORE,
	__KRBAP_PAC_POLICY_MAX,
};

/**
 * enum krbap_pac_state - the PAC an accepted ticket carried
 * @KRBAP_PAC_NONE: the ticket has no PAC
 * @KRBAP_PAC_VERIFIED: its server checksum, client name and authtime
 *                      verified; the caller gets its buffers
 * @KRBAP_PAC_IGNORED: it did not verify and the policy said to ignore it
 */
enum krbap_pac_state {
	KRBAP_PAC_NONE,
	KRBAP_PAC_VERIFIED,
	KRBAP_PAC_IGNORED,
};

/**
 * enum krbap_restore_state - the replay cache's restore after a load
 * @KRBAP_RESTORE_PENDING: waiting for the helper; early authenticators
 *                         are refused
 * @KRBAP_RESTORE_DONE: the helper restored the persisted entries
 * @KRBAP_RESTORE_OFF: persistence is turned off
 * @KRBAP_RESTORE_LAPSED: no restore came, but the window has passed
 */
enum krbap_restore_state {
	KRBAP_RESTORE_PENDING,
	KRBAP_RESTORE_DONE,
	KRBAP_RESTORE_OFF,
	KRBAP_RESTORE_LAPSED,
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
