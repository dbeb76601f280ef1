/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RFC 4121 4.2.6.1 MIC tokens: a keyed checksum of a message, made and
 * checked with a GSS context's key.
 *
 *   0..1   TOK_ID 04 04
 *   2      Flags: 0x01 SentByAcceptor, 0x02 Sealed (never in a MIC),
 *                 0x04 AcceptorSubkey; the other bits are reserved
 *   3..7   Filler, FF FF FF FF FF
 *   8..15  SND_SEQ, the sender's sequence number, big-endian
 *   16..   SGN_CKSUM: the enctype's checksum over message || octets 0..15,
 *          key usage 23 when the acceptor signs, 25 when the initiator does
 *
 * Only the enctypes RFC 4121 covers (17, 18, 19, 20, 25, 26); rc4-hmac
 * contexts use RFC 4757's token format, which is not done here.  Each
 * call prepares the key afresh: process context, may sleep.
 *
 * Errors:
 *   -EINVAL       no key, or a key of the wrong length for its enctype
 *   -EOPNOTSUPP   the key's enctype has no RFC 4121 tokens (rc4-hmac,
 *                 DES) or is not usable in this kernel
 *   -EBADMSG      the token is not a MIC for this key and direction: too
 *                 short, another TOK_ID, SentByAcceptor or AcceptorSubkey
 *                 not as expected, Sealed or a reserved flag set, Filler
 *                 not all FF, a checksum of the wrong length
 *   -EKEYREJECTED the checksum does not match: the message or the token
 *                 was changed, or another key made it
 *   -EMSGSIZE     the output buffer is too small, or the message is longer
 *                 than KRBAP_GSS_MIC_MSG_MAX
 *   -ENOMEM
 */
#ifndef KRBAP_GSSMIC_H
#define KRBAP_GSSMIC_H

#include <linux/types.h>
#include "crypto/krb5.h"

struct krbap_keyblock;

#define KRBAP_GSS_MIC_HDR	16
/* the longest message a MIC covers (the crypto layer's input limit) */
#define KRBAP_GSS_MIC_MSG_MAX	(KRBAP_MAX_DATA - KRBAP_GSS_MIC_HDR)

int krbap_gss_mic_make(const struct krbap_keyblock *key, bool acceptor_subkey,
		       bool sent_by_acceptor, u64 seq, const u8 *msg,
		       size_t len, u8 *tok, size_t size, size_t *tok_len);
int krbap_gss_mic_verify(const struct krbap_keyblock *key,
			 bool acceptor_subkey, bool sent_by_acceptor,
			 const u8 *msg, size_t len, const u8 *tok,
			 size_t tok_len, u64 *seq);

#endif /* KRBAP_GSSMIC_H */
