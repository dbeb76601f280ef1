/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Privilege Attribute Certificate ([MS-PAC]) a KDC puts in a ticket's
 * authorization-data, as a library for the accept path: no global state,
 * and the parsed PAC points into the caller's buffer.
 *
 * Order on the accept path, once the ticket has decrypted:
 *   krbap_pac_find()     EncTicketPart authorization-data -> the PAC
 *   krbap_pac_parse()    PACTYPE, its buffers, the ones we read
 *   krbap_pac_verify()   the server signature with the key that decrypted
 *                        the ticket; CLIENT_INFO against the ticket
 * Only a verified PAC may be believed.  The KDC signature needs the
 * krbtgt key; an acceptor cannot check it (MIT's does not either).
 *
 * Errors:
 *   -ENOENT       no PAC in the authorization-data
 *   -EBADMSG      malformed: authorization-data or AD-IF-RELEVANT that
 *                 does not decode, two PACs, a bad PACTYPE (version not
 *                 0, no buffers, a buffer out of bounds, misaligned or
 *                 overlapping another), a buffer we read twice or short,
 *                 a client name that is not UTF-16, a signature or
 *                 CLIENT_INFO missing at verify time
 *   -EMSGSIZE     one of our limits: KRBAP_PAC_MAX_LEN,
 *                 KRBAP_PAC_MAX_BUFFERS, KRBAP_PAC_AD_DEPTH
 *   -EOPNOTSUPP   the server signature is not of the service key's
 *                 checksum type
 *   -EKEYREJECTED the server signature does not verify
 *   -EACCES       CLIENT_INFO names another client or authtime
 *   -EINVAL       a key not prepared as krbap_pac_verify_ukey() wants
 *   -ENOMEM
 */
#ifndef KRBAP_PAC_H
#define KRBAP_PAC_H

#include <linux/types.h>
#include <linux/time64.h>
#include "msg.h"

struct krbap_key;
struct krbap_ukey;

#define KRBAP_AD_WIN2K_PAC		128

/* PAC_INFO_BUFFER ulType ([MS-PAC] 2.4) */
#define KRBAP_PAC_LOGON_INFO		1
#define KRBAP_PAC_CREDENTIALS_INFO	2
#define KRBAP_PAC_SERVER_CHECKSUM	6
#define KRBAP_PAC_PRIVSVR_CHECKSUM	7
#define KRBAP_PAC_CLIENT_INFO		10
#define KRBAP_PAC_DELEGATION_INFO	11
#define KRBAP_PAC_UPN_DNS_INFO		12
#define KRBAP_PAC_CLIENT_CLAIMS		13
#define KRBAP_PAC_DEVICE_INFO		14
#define KRBAP_PAC_DEVICE_CLAIMS		15
#define KRBAP_PAC_TICKET_CHECKSUM	16
#define KRBAP_PAC_ATTRIBUTES_INFO	17
#define KRBAP_PAC_REQUESTOR		18
#define KRBAP_PAC_FULL_CHECKSUM		19

/* UPN_DNS_INFO Flags ([MS-PAC] 2.10) */
#define KRBAP_PAC_UPN_DEFAULTED		0x1	/* U: no userPrincipalName set */
#define KRBAP_PAC_UPN_EXTENDED		0x2	/* S: SamName and Sid follow */

/* KERB_NON_KERB_CKSUM_SALT: the key usage of the PAC signatures */
#define KRBAP_PAC_KEY_USAGE		17

/* our limits */
#define KRBAP_PAC_MAX_LEN		65536	/* a PAC fits in a token */
#define KRBAP_PAC_MAX_BUFFERS		128	/* MIT allows 4096 */
#define KRBAP_PAC_AD_DEPTH		4	/* nested AD-IF-RELEVANT */

/**
 * struct krbap_pac_signature - PAC_SIGNATURE_DATA ([MS-PAC] 2.8)
 * @type: SignatureType, a checksum type
 * @value: everything after SignatureType: the checksum, then an
 *	RODCIdentifier when a read-only DC signed
 */
struct krbap_pac_signature {
	s32 type;
	struct krbap_bytes value;
};

/**
 * struct krbap_pac_client_info - PAC_CLIENT_INFO ([MS-PAC] 2.7)
 * @client_id: ClientId, the ticket's authtime as a FILETIME (100 ns
 *	units since 1601)
 * @name: Name, UTF-16LE (checked: no unpaired surrogate, no U+0000)
 */
struct krbap_pac_client_info {
	u64 client_id;
	struct krbap_bytes name;
};

/**
 * struct krbap_pac_upn_dns_info - UPN_DNS_INFO ([MS-PAC] 2.10)
 * @flags: KRBAP_PAC_UPN_* bits
 * @upn: the user principal name, UTF-16LE (unchecked)
 * @dns_domain: the DNS domain name, UTF-16LE (unchecked)
 * @sam_name: sAMAccountName, UTF-16LE (unchecked), with
 *	KRBAP_PAC_UPN_EXTENDED only
 * @sid: the account's SID, binary, with KRBAP_PAC_UPN_EXTENDED only
 */
struct krbap_pac_upn_dns_info {
	u32 flags;
	struct krbap_bytes upn;
	struct krbap_bytes dns_domain;
	struct krbap_bytes sam_name;
	struct krbap_bytes sid;
};

/**
 * struct krbap_pac - a parsed PAC
 * @raw: the whole PAC, as found
 * @n_buffers: cBuffers
 * @has_logon_info: @logon_info was present
 * @has_server_cksum: @server_cksum was present
 * @has_kdc_cksum: @kdc_cksum was present
 * @has_client_info: @client_info was present
 * @has_upn_dns_info: @upn_dns_info was present
 * @logon_info: KERB_VALIDATION_INFO, NDR-encoded, not decoded here
 * @server_cksum: the server signature
 * @kdc_cksum: the KDC (PRIVSVR) signature
 * @client_info: the client name and authtime the KDC signed
 * @upn_dns_info: the client's UPN and DNS domain
 *
 * The other buffers are kept opaque; krbap_pac_buffer() finds them.
 */
struct krbap_pac {
	struct krbap_bytes raw;
	u32 n_buffers;
	bool has_logon_info;
	bool has_server_cksum;
	bool has_kdc_cksum;
	bool has_client_info;
	bool has_upn_dns_info;
	struct krbap_bytes logon_info;
	struct krbap_pac_signature server_cksum;
	struct krbap_pac_signature kdc_cksum;
	struct krbap_pac_client_info client_info;
	struct krbap_pac_upn_dns_info upn_dns_info;
};

int krbap_pac_find(struct krbap_bytes authz, struct krbap_bytes *pac);
int krbap_pac_parse(const u8 *buf, size_t len, struct krbap_pac *out);
int krbap_pac_buffer(const struct krbap_pac *pac, u32 type,
		     struct krbap_bytes *out);
int krbap_pac_verify(const struct krbap_pac *pac,
		     const struct krbap_key *service_key,
		     const struct krbap_principal *client, time64_t authtime);
int krbap_pac_verify_ukey(const struct krbap_pac *pac,
			  const struct krbap_ukey *uk,
			  const struct krbap_principal *client,
			  time64_t authtime);

#endif /* KRBAP_PAC_H */
