/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Kerberos GSS-API mechanism's framing and context rules (RFC 2743
 * 3.1, RFC 4121), as a library for the accept path: no allocation, no
 * crypto, pointers into the caller's buffers.
 *
 * Order on the accept path:
 *   krbap_gss_unwrap_init()      initial context token -> AP-REQ
 *   ... decrypt ticket and authenticator ...
 *   krbap_gss_parse_cksum()      authenticator checksum -> GSS flags
 *   krbap_gss_parse_authz()      authenticator authorization-data
 *   krbap_gss_check_bindings()   channel bindings, if the caller has some
 *   krbap_gss_negotiate_etype()  RFC 4537 choice of the subkey enctype
 *   krbap_gss_want_acceptor_subkey()
 *   ... AP-REP ...
 *   krbap_gss_wrap_token()       AP-REP (02 00) or KRB-ERROR (03 00)
 *   krbap_gss_context_key(), krbap_gss_lifetime(), krbap_gss_smb_key()
 *
 * Errors:
 *   -EBADMSG     malformed framing or checksum
 *   -ENOPROTOOPT a well-formed token of another mechanism
 *   -ENOMSG      the krb5 mechanism, but not an AP-REQ (TOK_ID)
 *   -EOPNOTSUPP  something valid we do not do (DCE style, IAKERB)
 *   -EACCES      channel bindings do not match
 *   -EMSGSIZE    the output buffer is too small
 * A KRB-ERROR for any of these after the AP-REQ decrypted carries
 * KRB_ERR_GENERIC, as MIT's acceptor sends.
 */
#ifndef KRBAP_GSS_H
#define KRBAP_GSS_H

#include <linux/types.h>
#include <linux/time64.h>
#include "msg.h"

struct krbap_keyblock;
struct krbap_result;

/**
 * enum krbap_gss_mech - the mechanism OID an initial token was framed in
 * @KRBAP_GSS_MECH_KRB5: 1.2.840.113554.1.2.2 (RFC 1964)
 * @KRBAP_GSS_MECH_MS_KRB5: 1.2.840.48018.1.2.2 (Microsoft's)
 */
enum krbap_gss_mech {
	KRBAP_GSS_MECH_KRB5,
	KRBAP_GSS_MECH_MS_KRB5,
};

/* TOK_ID of the context tokens, as a big-endian 16-bit value */
#define KRBAP_GSS_TOK_AP_REQ	0x0100
#define KRBAP_GSS_TOK_AP_REP	0x0200
#define KRBAP_GSS_TOK_ERROR	0x0300

/* the 0x8003 authenticator checksum (RFC 4121 4.1.1) */
#define KRBAP_GSS_CKSUMTYPE	0x8003
#define KRBAP_GSS_BND_LEN	16

/* GSS context flags (RFC 2744 values; the 0x8003 Flags field uses them) */
#define KRBAP_GSS_C_DELEG		0x0001
#define KRBAP_GSS_C_MUTUAL		0x0002
#define KRBAP_GSS_C_REPLAY		0x0004
#define KRBAP_GSS_C_SEQUENCE		0x0008
#define KRBAP_GSS_C_CONF		0x0010
#define KRBAP_GSS_C_INTEG		0x0020
#define KRBAP_GSS_C_ANON		0x0040
#define KRBAP_GSS_C_PROT_READY		0x0080
#define KRBAP_GSS_C_TRANS		0x0100
#define KRBAP_GSS_C_CHANNEL_BOUND	0x0800
#define KRBAP_GSS_C_DCE_STYLE		0x1000
#define KRBAP_GSS_C_IDENTIFY		0x2000
#define KRBAP_GSS_C_EXTENDED_ERROR	0x4000

/* the token flags an acceptor takes from the initiator, as MIT does */
#define KRBAP_GSS_INITIATOR_FLAGS					\
	(KRBAP_GSS_C_MUTUAL | KRBAP_GSS_C_REPLAY | KRBAP_GSS_C_SEQUENCE | \
	 KRBAP_GSS_C_CONF | KRBAP_GSS_C_INTEG | KRBAP_GSS_C_DCE_STYLE |	\
	 KRBAP_GSS_C_IDENTIFY | KRBAP_GSS_C_EXTENDED_ERROR)

/* authorization-data types read from the authenticator */
#define KRBAP_AD_IF_RELEVANT		1
#define KRBAP_AD_ETYPE_NEGOTIATION	129	/* RFC 4537 */
#define KRBAP_AD_AP_OPTIONS		143	/* MS-KILE */
#define KRBAP_AD_AP_OPTIONS_CBT		0x4000

#define KRBAP_GSS_MAX_ETYPES		16

/**
 * enum krbap_gss_cksum_kind - what the authenticator carried
 * @KRBAP_GSS_CKSUM_NONE: no checksum (MS-KILE allows it; all flags off)
 * @KRBAP_GSS_CKSUM_GSS: an 0x8003 checksum, parsed
 * @KRBAP_GSS_CKSUM_OTHER: a regular checksum, which the caller must
 *	verify over empty data with the ticket session key (key usage 10)
 *	before accepting; Samba's clients send one
 */
enum krbap_gss_cksum_kind {
	KRBAP_GSS_CKSUM_NONE,
	KRBAP_GSS_CKSUM_GSS,
	KRBAP_GSS_CKSUM_OTHER,
};

/**
 * struct krbap_gss_cksum - the authenticator checksum, as GSS reads it
 * @kind: which of the three forms was sent
 * @bnd: the MD5 channel bindings hash (all zero for none or non-GSS)
 * @token_flags: the Flags field as sent (0 unless @kind is GSS)
 * @flags: the context flags it grants: @token_flags limited to
 *	KRBAP_GSS_INITIATOR_FLAGS, plus KRBAP_GSS_C_DELEG when @deleg
 *	holds a credential and KRBAP_GSS_C_CHANNEL_BOUND once
 *	krbap_gss_check_bindings() matched
 * @deleg: the delegated KRB-CRED (empty when none)
 * @exts: the extensions after it, undecoded (empty when none)
 */
struct krbap_gss_cksum {
	enum krbap_gss_cksum_kind kind;
	u8 bnd[KRBAP_GSS_BND_LEN];
	u32 token_flags;
	u32 flags;
	struct krbap_bytes deleg;
	struct krbap_bytes exts;
};

/**
 * struct krbap_gss_authz - what the authenticator's authorization-data
 *	asks of a GSS acceptor
 * @n_etypes: enctypes in @etypes (RFC 4537 EtypeList, client's order)
 * @etypes: the first KRBAP_GSS_MAX_ETYPES of them
 * @has_ap_options: an AD-AUTH-DATA-AP-OPTIONS element was found
 * @ap_options: its value (KRBAP_AD_AP_OPTIONS_CBT: bindings required)
 */
struct krbap_gss_authz {
	unsigned int n_etypes;
	s32 etypes[KRBAP_GSS_MAX_ETYPES];
	bool has_ap_options;
	u32 ap_options;
};

/**
 * struct krbap_gss_bindings - channel bindings (RFC 2744 3.11)
 * @init_type: initiator address type (GSS_C_AF_*), 0 for none
 * @init_addr: initiator address
 * @acc_type: acceptor address type
 * @acc_addr: acceptor address
 * @app: application data (for TLS, "tls-server-end-point:" and a hash)
 */
struct krbap_gss_bindings {
	u32 init_type;
	struct krbap_bytes init_addr;
	u32 acc_type;
	struct krbap_bytes acc_addr;
	struct krbap_bytes app;
};

int krbap_gss_unwrap_init(const u8 *tok, size_t len, struct krbap_bytes *ap_req,
			  enum krbap_gss_mech *mech);
size_t krbap_gss_token_size(size_t inner_len);
int krbap_gss_wrap_token(enum krbap_gss_mech mech, u16 tok_id,
			 const u8 *inner, size_t inner_len, u8 *buf,
			 size_t size, size_t *out_len);

int krbap_gss_parse_cksum(const struct krbap_checksum *ck, u32 ap_options,
			  struct krbap_gss_cksum *out);
void krbap_gss_parse_authz(struct krbap_bytes authz,
			   struct krbap_gss_authz *out);
int krbap_gss_check_bindings(struct krbap_gss_cksum *c,
			     const struct krbap_gss_authz *az,
			     const u8 *cb_md5);
size_t krbap_gss_bindings_encode(const struct krbap_gss_bindings *cb, u8 *buf,
				 size_t size);

bool krbap_gss_cfx_enctype(s32 etype);
s32 krbap_gss_negotiate_etype(const struct krbap_gss_authz *az,
			      s32 subkey_etype, s32 session_etype,
			      const s32 *ours, unsigned int n_ours);
bool krbap_gss_want_acceptor_subkey(u32 flags, s32 ctx_etype,
				    s32 session_etype, s32 negotiated);
const struct krbap_keyblock *
krbap_gss_context_key(const struct krbap_result *r, bool *acceptor_subkey);
u32 krbap_gss_lifetime(time64_t endtime, time64_t now, u32 skew);
int krbap_gss_smb_key(const struct krbap_keyblock *key, u8 out[16]);

#endif /* KRBAP_GSS_H */
