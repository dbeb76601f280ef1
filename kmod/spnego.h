/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SPNEGO (RFC 4178) framing around the krb5 GSS mechanism, as a library:
 * no allocation, no crypto, pointers into the caller's buffers.
 *
 *   krbap_spnego_parse_init()  NegTokenInit -> which krb5 mech, its token
 *   krbap_spnego_parse_resp()  NegTokenResp from the initiator (second leg)
 *   krbap_spnego_build_resp()  NegTokenResp from the acceptor
 *
 * Errors:
 *   -EBADMSG     malformed
 *   -ENOPROTOOPT well formed, but neither krb5 OID is offered (or the
 *                token is not SPNEGO)
 *   -EMSGSIZE    a mech list longer than KRBAP_SPNEGO_MAX_MECHS, or an
 *                output buffer too small
 *   -EINVAL      a bad argument to the builder
 */
#ifndef KRBAP_SPNEGO_H
#define KRBAP_SPNEGO_H

#include <linux/types.h>
#include "gss.h"
#include "msg.h"

#define KRBAP_SPNEGO_MAX_MECHS	32

/* negState (RFC 4178 4.2.2) */
#define KRBAP_SPNEGO_ACCEPT_COMPLETED	0
#define KRBAP_SPNEGO_ACCEPT_INCOMPLETE	1
#define KRBAP_SPNEGO_REJECT		2
#define KRBAP_SPNEGO_REQUEST_MIC	3

/**
 * struct krbap_spnego_init - what a NegTokenInit offers
 * @n_mechs: entries in the mech list
 * @krb5_index: position of the first krb5 or MS-krb5 OID in it
 * @mech: which of the two that entry is
 * @mech_oid: that entry's OID contents, as sent (echo it in supportedMech)
 * @optimistic: @krb5_index is 0, so @mech_token (if any) is a krb5
 *	initial token; otherwise it belongs to another mechanism
 * @mech_types: the MechTypeList's whole DER, over which a mechListMIC
 *	is computed
 * @mech_token: the mechToken contents, empty when absent
 * @mech_list_mic: the mechListMIC contents, empty when absent
 */
struct krbap_spnego_init {
	unsigned int n_mechs;
	unsigned int krb5_index;
	enum krbap_gss_mech mech;
	struct krbap_bytes mech_oid;
	bool optimistic;
	struct krbap_bytes mech_types;
	struct krbap_bytes mech_token;
	struct krbap_bytes mech_list_mic;
};

/**
 * struct krbap_spnego_resp - a NegTokenResp
 * @has_neg_state: negState was present
 * @neg_state: KRBAP_SPNEGO_ACCEPT_COMPLETED ... KRBAP_SPNEGO_REQUEST_MIC
 * @supported_mech: the supportedMech OID contents, empty when absent
 * @response_token: the responseToken contents, empty when absent
 * @mech_list_mic: the mechListMIC contents, empty when absent
 */
struct krbap_spnego_resp {
	bool has_neg_state;
	u8 neg_state;
	struct krbap_bytes supported_mech;
	struct krbap_bytes response_token;
	struct krbap_bytes mech_list_mic;
};

int krbap_spnego_parse_init(const u8 *tok, size_t len,
			    struct krbap_spnego_init *out);
int krbap_spnego_parse_resp(const u8 *tok, size_t len,
			    struct krbap_spnego_resp *out);
int krbap_spnego_build_resp(int neg_state, const struct krbap_bytes *mech,
			    const struct krbap_bytes *token,
			    const struct krbap_bytes *mic, u8 *buf,
			    size_t size, size_t *out_len);

#endif /* KRBAP_SPNEGO_H */
