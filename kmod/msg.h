/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kerberos messages of RFC 4120 section 5: AP-REQ, Ticket, EncTicketPart
 * and Authenticator decoded; EncAPRepPart, AP-REP and KRB-ERROR encoded
 * (and decoded, for tests and tools).
 *
 * Decoded structures point into the caller's buffer, which must outlive
 * them; nothing is allocated.  Decoders return:
 *   0          decoded
 *   -ENOMSG    not this message: wrong APPLICATION tag or msg-type
 *              (KRB_AP_ERR_MSG_TYPE)
 *   -EPROTO    pvno, tkt-vno or authenticator-vno is not 5
 *              (KRB_AP_ERR_BADVERSION)
 *   -EBADMSG   malformed DER or a required field missing
 *   -EOVERFLOW an integer outside its krb5 range (Int32, UInt32,
 *              Microseconds)
 *   -EMSGSIZE  a limit of ours exceeded (name components, string length,
 *              nesting)
 * The version and type checks come after the outer tag and before the
 * rest, so -EPROTO and -ENOMSG are only reported on otherwise readable
 * headers.
 *
 * Extensions: every SEQUENCE accepts unknown context-tagged fields after
 * its last known field (higher tag numbers, in increasing order) and
 * skips them, as new fields are added at the end of RFC 4120 types and
 * MIT tolerates them; any other unexpected element is -EBADMSG.
 */
#ifndef KRBAP_MSG_H
#define KRBAP_MSG_H

#include <linux/types.h>
#include <linux/time64.h>
#include "der.h"

#define KRBAP_PVNO		5

/* message types (RFC 4120 7.5.7) */
#define KRBAP_MT_AS_REQ		10
#define KRBAP_MT_AS_REP		11
#define KRBAP_MT_TGS_REQ	12
#define KRBAP_MT_TGS_REP	13
#define KRBAP_MT_AP_REQ		14
#define KRBAP_MT_AP_REP		15
#define KRBAP_MT_SAFE		20
#define KRBAP_MT_PRIV		21
#define KRBAP_MT_CRED		22
#define KRBAP_MT_ERROR		30

/* APPLICATION tags of the encrypted parts */
#define KRBAP_APP_TICKET	1
#define KRBAP_APP_AUTHENTICATOR	2
#define KRBAP_APP_ENC_TKT_PART	3
#define KRBAP_APP_ENC_AP_REP	27

/* error codes (RFC 4120 7.5.9), those an acceptor sends */
#define KRBAP_KDC_ERR_NONE			0
#define KRBAP_KRB_AP_ERR_BAD_INTEGRITY		31
#define KRBAP_KRB_AP_ERR_TKT_EXPIRED		32
#define KRBAP_KRB_AP_ERR_TKT_NYV		33
#define KRBAP_KRB_AP_ERR_REPEAT			34
#define KRBAP_KRB_AP_ERR_NOT_US			35
#define KRBAP_KRB_AP_ERR_BADMATCH		36
#define KRBAP_KRB_AP_ERR_SKEW			37
#define KRBAP_KRB_AP_ERR_BADADDR		38
#define KRBAP_KRB_AP_ERR_BADVERSION		39
#define KRBAP_KRB_AP_ERR_MSG_TYPE		40
#define KRBAP_KRB_AP_ERR_MODIFIED		41
#define KRBAP_KRB_AP_ERR_BADORDER		42
#define KRBAP_KRB_AP_ERR_BADKEYVER		44
#define KRBAP_KRB_AP_ERR_NOKEY			45
#define KRBAP_KRB_AP_ERR_MUT_FAIL		46
#define KRBAP_KRB_AP_ERR_BADDIRECTION		47
#define KRBAP_KRB_AP_ERR_METHOD			48
#define KRBAP_KRB_AP_ERR_BADSEQ			49
#define KRBAP_KRB_AP_ERR_INAPP_CKSUM		50
#define KRBAP_KRB_AP_PATH_NOT_ACCEPTED		51
#define KRBAP_KRB_ERR_RESPONSE_TOO_BIG		52
#define KRBAP_KRB_ERR_GENERIC			60
#define KRBAP_KRB_ERR_FIELD_TOOLONG		61

/*
 * KerberosFlags as read by krbap_der_flags(): bit 0 of the BIT STRING is
 * the most significant bit (the same values as MIT's krb5_flags).
 */
#define KRBAP_FLAG_BIT(n)		(0x80000000U >> (n))

#define KRBAP_TKT_FLG_FORWARDABLE	KRBAP_FLAG_BIT(1)
#define KRBAP_TKT_FLG_FORWARDED		KRBAP_FLAG_BIT(2)
#define KRBAP_TKT_FLG_PROXIABLE		KRBAP_FLAG_BIT(3)
#define KRBAP_TKT_FLG_PROXY		KRBAP_FLAG_BIT(4)
#define KRBAP_TKT_FLG_MAY_POSTDATE	KRBAP_FLAG_BIT(5)
#define KRBAP_TKT_FLG_POSTDATED		KRBAP_FLAG_BIT(6)
#define KRBAP_TKT_FLG_INVALID		KRBAP_FLAG_BIT(7)
#define KRBAP_TKT_FLG_RENEWABLE		KRBAP_FLAG_BIT(8)
#define KRBAP_TKT_FLG_INITIAL		KRBAP_FLAG_BIT(9)
#define KRBAP_TKT_FLG_PRE_AUTH		KRBAP_FLAG_BIT(10)
#define KRBAP_TKT_FLG_HW_AUTH		KRBAP_FLAG_BIT(11)
#define KRBAP_TKT_FLG_TRANSIT_CHECKED	KRBAP_FLAG_BIT(12)
#define KRBAP_TKT_FLG_OK_AS_DELEGATE	KRBAP_FLAG_BIT(13)
#define KRBAP_TKT_FLG_ENC_PA_REP	KRBAP_FLAG_BIT(15)
#define KRBAP_TKT_FLG_ANONYMOUS		KRBAP_FLAG_BIT(16)

#define KRBAP_AP_OPT_USE_SESSION_KEY	KRBAP_FLAG_BIT(1)
#define KRBAP_AP_OPT_MUTUAL_REQUIRED	KRBAP_FLAG_BIT(2)

/* name types (RFC 4120 6.2, plus RFC 6111's and MS-KILE's) */
#define KRBAP_NT_UNKNOWN	0
#define KRBAP_NT_PRINCIPAL	1
#define KRBAP_NT_SRV_INST	2
#define KRBAP_NT_SRV_HST	3
#define KRBAP_NT_SRV_XHST	4
#define KRBAP_NT_UID		5
#define KRBAP_NT_X500_PRINCIPAL	6
#define KRBAP_NT_SMTP_NAME	7
#define KRBAP_NT_ENTERPRISE	10
#define KRBAP_NT_WELLKNOWN	11
#define KRBAP_NT_MS_PRINCIPAL	(-128)

/* our limits on names */
#define KRBAP_MAX_NAME_COMPONENTS	16
#define KRBAP_MAX_NAME_LEN		256	/* per component, and realm */

#define KRBAP_USEC_MAX			999999

/**
 * struct krbap_bytes - a slice of the caller's buffer
 * @data: first byte (may be NULL when @len is 0)
 * @len: length
 */
struct krbap_bytes {
	const u8 *data;
	size_t len;
};

/**
 * struct krbap_principal - a principal name with its realm
 * @realm: the realm
 * @name_type: name-type, kept but not compared
 * @ncomp: number of components in @comp
 * @comp: the components, none containing NUL
 */
struct krbap_principal {
	struct krbap_bytes realm;
	s32 name_type;
	unsigned int ncomp;
	struct krbap_bytes comp[KRBAP_MAX_NAME_COMPONENTS];
};

/**
 * struct krbap_enc_data - EncryptedData
 * @etype: encryption type
 * @has_kvno: whether @kvno was sent
 * @kvno: key version number
 * @cipher: the ciphertext
 */
struct krbap_enc_data {
	s32 etype;
	bool has_kvno;
	u32 kvno;
	struct krbap_bytes cipher;
};

/**
 * struct krbap_enc_key - EncryptionKey
 * @type: keytype (an enctype)
 * @value: the key bytes
 */
struct krbap_enc_key {
	s32 type;
	struct krbap_bytes value;
};

/**
 * struct krbap_checksum - Checksum
 * @type: cksumtype
 * @value: the checksum bytes
 */
struct krbap_checksum {
	s32 type;
	struct krbap_bytes value;
};

/**
 * struct krbap_ticket - Ticket [APPLICATION 1]
 * @raw: the whole encoding, for callers that keep or forward it
 * @server: realm and sname
 * @enc: enc-part, an EncTicketPart once decrypted
 */
struct krbap_ticket {
	struct krbap_bytes raw;
	struct krbap_principal server;
	struct krbap_enc_data enc;
};

/**
 * struct krbap_ap_req - AP-REQ [APPLICATION 14]
 * @ap_options: KRBAP_AP_OPT_* bits
 * @ticket: the ticket
 * @auth: the encrypted Authenticator
 */
struct krbap_ap_req {
	u32 ap_options;
	struct krbap_ticket ticket;
	struct krbap_enc_data auth;
};

/**
 * struct krbap_enc_ticket - EncTicketPart [APPLICATION 3]
 * @flags: KRBAP_TKT_FLG_* bits
 * @key: the session key
 * @client: crealm and cname
 * @tr_type: transited tr-type
 * @tr_contents: transited contents
 * @authtime: authtime
 * @has_starttime: whether @starttime was sent
 * @starttime: starttime
 * @endtime: endtime
 * @has_renew_till: whether @renew_till was sent
 * @renew_till: renew-till
 * @caddr: HostAddresses, whole encoding (empty if absent); walk it
 *         with krbap_seq_iter_init() and krbap_seq_iter_next()
 * @authz: AuthorizationData, whole encoding (empty if absent); walk it
 *         the same way
 */
struct krbap_enc_ticket {
	u32 flags;
	struct krbap_enc_key key;
	struct krbap_principal client;
	s32 tr_type;
	struct krbap_bytes tr_contents;
	time64_t authtime;
	bool has_starttime;
	time64_t starttime;
	time64_t endtime;
	bool has_renew_till;
	time64_t renew_till;
	struct krbap_bytes caddr;
	struct krbap_bytes authz;
};

/**
 * struct krbap_authenticator - Authenticator [APPLICATION 2]
 * @client: crealm and cname
 * @has_cksum: whether @cksum was sent
 * @cksum: the checksum
 * @cusec: microseconds of @ctime
 * @ctime: client time
 * @has_subkey: whether @subkey was sent
 * @subkey: the initiator subkey
 * @has_seq: whether @seq was sent
 * @seq: seq-number (negative encodings of old senders taken modulo 2^32)
 * @authz: AuthorizationData, whole encoding (empty if absent)
 */
struct krbap_authenticator {
	struct krbap_principal client;
	bool has_cksum;
	struct krbap_checksum cksum;
	u32 cusec;
	time64_t ctime;
	bool has_subkey;
	struct krbap_enc_key subkey;
	bool has_seq;
	u32 seq;
	struct krbap_bytes authz;
};

/**
 * struct krbap_ap_rep_part - EncAPRepPart [APPLICATION 27]
 * @ctime: the authenticator's ctime
 * @cusec: the authenticator's cusec
 * @has_subkey: whether to send @subkey
 * @subkey: the acceptor subkey
 * @has_seq: whether to send @seq
 * @seq: the acceptor's initial sequence number
 */
struct krbap_ap_rep_part {
	time64_t ctime;
	u32 cusec;
	bool has_subkey;
	struct krbap_enc_key subkey;
	bool has_seq;
	u32 seq;
};

/**
 * struct krbap_krb_error - KRB-ERROR [APPLICATION 30]
 * @has_ctime: whether @ctime and @cusec are sent (both or neither on
 *             encode; each alone on decode)
 * @ctime: client time from the request
 * @has_cusec: whether @cusec was received
 * @cusec: its microseconds
 * @stime: server time
 * @susec: its microseconds
 * @error_code: KRBAP_KRB_AP_ERR_* and others
 * @has_crealm: whether client.realm is sent
 * @has_cname: whether the client name is sent
 * @client: crealm and cname
 * @server: realm and sname (both required)
 * @has_e_text: whether @e_text is sent
 * @e_text: human-readable text, no NUL
 * @has_e_data: whether @e_data is sent
 * @e_data: opaque data
 */
struct krbap_krb_error {
	bool has_ctime;
	time64_t ctime;
	bool has_cusec;
	u32 cusec;
	time64_t stime;
	u32 susec;
	s32 error_code;
	bool has_crealm;
	bool has_cname;
	struct krbap_principal client;
	struct krbap_principal server;
	bool has_e_text;
	struct krbap_bytes e_text;
	bool has_e_data;
	struct krbap_bytes e_data;
};

/**
 * struct krbap_seq_iter - walks a SEQUENCE OF {[0] Int32, [1] OCTET STRING}
 * @d: cursor over the remaining elements
 */
struct krbap_seq_iter {
	struct krbap_der d;
};

int krbap_decode_ap_req(const u8 *buf, size_t len, struct krbap_ap_req *req);
int krbap_decode_ticket(const u8 *buf, size_t len, struct krbap_ticket *tkt);
int krbap_decode_enc_ticket(const u8 *buf, size_t len,
			    struct krbap_enc_ticket *et);
int krbap_decode_authenticator(const u8 *buf, size_t len,
			       struct krbap_authenticator *a);
int krbap_decode_ap_rep(const u8 *buf, size_t len,
			struct krbap_enc_data *enc);
int krbap_decode_ap_rep_part(const u8 *buf, size_t len,
			     struct krbap_ap_rep_part *p);
int krbap_decode_krb_error(const u8 *buf, size_t len,
			   struct krbap_krb_error *e);

int krbap_seq_iter_init(struct krbap_seq_iter *it, struct krbap_bytes enc);
int krbap_seq_iter_next(struct krbap_seq_iter *it, s32 *type,
			struct krbap_bytes *data);

int krbap_encode_ap_rep_part(struct krbap_der_w *w,
			     const struct krbap_ap_rep_part *p);
int krbap_encode_ap_rep(struct krbap_der_w *w,
			const struct krbap_enc_data *enc);
int krbap_encode_krb_error(struct krbap_der_w *w,
			   const struct krbap_krb_error *e);

bool krbap_principal_eq(const struct krbap_principal *a,
			const struct krbap_principal *b);
int krbap_principal_unparse(const struct krbap_principal *p, char *buf,
			    size_t size);

#endif /* KRBAP_MSG_H */
