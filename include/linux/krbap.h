/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbap: the in-kernel API for servers that accept Kerberos logins.
 *
 * A consumer (an in-kernel NFS or SMB server) hands krbap_accept() the
 * KRB_AP_REQ a client sent, bare, in a GSS-API initial context token
 * (NFS's RPCSEC_GSS) or in a SPNEGO NegTokenInit (SMB), and gets back
 * who the client is, the keys the session runs on, and the token to send
 * back in the same framing: a KRB_AP_REP when the client asked for
 * mutual authentication, a KRB-ERROR when it was refused.  A SPNEGO
 * client that prefers another mechanism to krb5 takes more than one
 * token (RFC 4178 renegotiation): krbap_accept() then returns
 * -EINPROGRESS and the caller feeds the client's next tokens to
 * krbap_accept_continue() until it returns anything else.
 * All state (keys, replay cache, settings) is per network namespace.
 */
#ifndef _LINUX_KRBAP_H
#define _LINUX_KRBAP_H

#include <linux/time64.h>
#include <linux/types.h>
#include <uapi/linux/krbap.h>

struct net;
struct krbap_nego;

#define KRBAP_KEY_BYTES_MAX	32
#define KRBAP_REASON_MAX	128

/**
 * struct krbap_keyblock - a key handed to the consumer
 * @etype: RFC 3961 enctype number; 0 when absent
 * @len: bytes used in @bytes
 * @bytes: the key
 */
struct krbap_keyblock {
	s32 etype;
	u32 len;
	u8 bytes[KRBAP_KEY_BYTES_MAX];
};

/**
 * struct krbap_result - the outcome of krbap_accept()
 * @krb_error: 0 when accepted, else the RFC 4120 error code
 * @retry: the refusal is temporary: the replay cache is not restored yet
 *         after a load, and the same token may be accepted shortly
 * @reason: when refused, why, in words (for logs; never key material)
 * @client: client principal, "name@REALM"
 * @server: the principal whose key decrypted the ticket
 * @kvno: that key's version
 * @ticket_enctype: that key's enctype
 * @session_key: the ticket session key
 * @subkey: the initiator's subkey from the authenticator, if it sent one
 * @acceptor_subkey: the subkey sent back in the AP-REP, if any
 * @ticket_flags: TicketFlags, bit 0 (reserved) as the most significant
 * @authtime: ticket times, seconds since the epoch
 * @starttime: ticket start time (@authtime when the ticket has none)
 * @endtime: ticket end time
 * @renew_till: renewable end time, 0 when absent
 * @ap_options: APOptions of the request
 * @ctime: authenticator time, seconds
 * @cusec: authenticator microseconds
 * @has_seq: the initiator sent a sequence number
 * @seq: the initiator's sequence number
 * @acceptor_seq: the sequence number sent back in the AP-REP
 * @cksum_type: authenticator checksum type, 0 when absent
 * @cksum: authenticator checksum bytes (the GSS 0x8003 checksum, say)
 * @cksum_len: their length
 * @authz: the ticket's authorization-data, DER, NULL when absent
 * @authz_len: its length
 * @ap_rep: the reply token when accepted: the KRB_AP_REP when mutual
 *          authentication was asked; with SPNEGO always a NegTokenResp
 * @ap_rep_len: its length
 * @error_token: KRB-ERROR for the client when refused, or NULL
 * @error_token_len: its length
 * @framing: how the token was framed (enum krbap_framing); a reply
 *           (@ap_rep, @error_token) is in the same framing.  A GSS
 *           acceptor sends @error_token only when the initiator waits
 *           for a reply (mutual authentication, or a clock skew), so it
 *           may be NULL when refused; a SPNEGO acceptor always answers
 *           (negState reject), with the GSS KRB-ERROR inside when any
 * @gss_flags: GSS context flags (GSS_C_*_FLAG values) when @framing is
 *             KRBAP_FRAMING_GSS or _SPNEGO: those the initiator asked for in its
 *             authenticator checksum, plus TRANS, plus PROT_READY with
 *             mutual authentication
 * @context_enctype: enctype of the RFC 4121 context key: @acceptor_subkey
 *                   if sent, else @subkey if sent, else @session_key
 * @context_acceptor_subkey: the context key is @acceptor_subkey, so
 *                           RFC 4121 tokens set their AcceptorSubkey flag
 * @send_seq: the sequence number of the acceptor's next per-message
 *            token (krbap_get_mic()): @acceptor_seq after an AP-REP,
 *            else @seq (as MIT), plus one if a SPNEGO mechListMIC went
 *            out with the reply
 * @recv_seq: the sequence number the initiator's next token should
 *            carry: @seq, plus one if it sent a SPNEGO mechListMIC
 * @lifetime: seconds the context stays valid: the ticket's @endtime
 *            from now, plus the clock skew (as MIT reports it)
 * @pac_state: enum krbap_pac_state: whether the ticket carried an MS-PAC
 *             and whether it verified (server checksum with the service
 *             key, client name and authtime against the ticket)
 * @pac: the verified PAC (a PACTYPE, MS-PAC 2.3), NULL unless @pac_state
 *       is KRBAP_PAC_VERIFIED
 * @pac_len: its length
 * @logon_info: the PAC's KERB_VALIDATION_INFO buffer (NDR), inside @pac;
 *              NULL when it has none
 * @logon_info_len: its length
 * @continue_needed: a SPNEGO negotiation is under way and not finished:
 *                   send @ap_rep to the client and hand its next token
 *                   to krbap_accept_continue() with this result.  No
 *                   login has been accepted yet: @client may be set
 *                   (the krb5 exchange is done, the initiator's
 *                   mechListMIC is still owed) but must not be trusted
 * @nego: krbap's own state for such a negotiation; not for consumers
 *
 * Free with krbap_result_free(), which wipes the keys.
 */
struct krbap_result {
	u32 krb_error;
	bool retry;
	char reason[KRBAP_REASON_MAX];
	char *client;
	char *server;
	u32 kvno;
	s32 ticket_enctype;
	struct krbap_keyblock session_key;
	struct krbap_keyblock subkey;
	struct krbap_keyblock acceptor_subkey;
	u32 ticket_flags;
	time64_t authtime;
	time64_t starttime;
	time64_t endtime;
	time64_t renew_till;
	u32 ap_options;
	time64_t ctime;
	u32 cusec;
	bool has_seq;
	u32 seq;
	u32 acceptor_seq;
	s32 cksum_type;
	u8 *cksum;
	u32 cksum_len;
	u8 *authz;
	u32 authz_len;
	u8 *ap_rep;
	u32 ap_rep_len;
	u8 *error_token;
	u32 error_token_len;
	u32 framing;
	u32 gss_flags;
	s32 context_enctype;
	bool context_acceptor_subkey;
	u64 send_seq;
	u64 recv_seq;
	u32 lifetime;
	u32 pac_state;
	u8 *pac;
	u32 pac_len;
	const u8 *logon_info;
	u32 logon_info_len;
	bool continue_needed;
	struct krbap_nego *nego;
};

/* the AP-REQ asked for mutual authentication (APOptions bit 2) */
#define KRBAP_AP_OPTS_MUTUAL_REQUIRED	0x20000000U

int krbap_accept(struct net *net, const u8 *token, size_t len,
		 const char *acceptor, struct krbap_result **result);
int krbap_accept_continue(struct net *net, struct krbap_result *result,
			  const u8 *token, size_t len, const char *acceptor);
void krbap_result_free(struct krbap_result *result);
int krbap_error_errno(u32 krb_error);
u32 krbap_clock_skew(struct net *net);

/*
 * RFC 4121 MIC tokens on an accepted context, as its acceptor: the
 * longest token krbap_get_mic() makes (16-byte header and a checksum of
 * up to 24 bytes) and the longest message either function takes.
 */
#define KRBAP_MIC_MAX		40
#define KRBAP_MIC_MSG_MAX	(0x1000000 - 16)

int krbap_get_mic(const struct krbap_result *r, u64 seq, const void *msg,
		  size_t len, u8 *tok, size_t size, size_t *tok_len);
int krbap_verify_mic(const struct krbap_result *r, const void *msg,
		     size_t len, const u8 *tok, size_t tok_len, u64 *seq);
int krbap_smb_session_key(const struct krbap_result *r, u8 out[16]);

#endif /* _LINUX_KRBAP_H */
