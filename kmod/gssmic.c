// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 4121 MIC tokens (4.2.6.1); see gssmic.h.  The exported wrappers at
 * the end take the context key from an accepted krbap_result and speak
 * for the acceptor.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "crypto/krb5.h"
#include "gss.h"
#include "gssmic.h"

#define TOK_ID_0		0x04
#define TOK_ID_1		0x04
#define FLAG_SENT_BY_ACCEPTOR	0x01
#define FLAG_SEALED		0x02
#define FLAG_ACCEPTOR_SUBKEY	0x04
#define FILLER			0xff
#define FILLER_OFF		3
#define FILLER_LEN		5
#define SEQ_OFF			8
#define KU_ACCEPTOR_SIGN	23
#define KU_INITIATOR_SIGN	25

static u8 flags_of(bool acceptor_subkey, bool sent_by_acceptor)
{
	return (sent_by_acceptor ? FLAG_SENT_BY_ACCEPTOR : 0) |
	       (acceptor_subkey ? FLAG_ACCEPTOR_SUBKEY : 0);
}

static void put_header(u8 *h, u8 flags, u64 seq)
{
	int i;

	h[0] = TOK_ID_0;
	h[1] = TOK_ID_1;
	h[2] = flags;
	memset(h + FILLER_OFF, FILLER, FILLER_LEN);
	for (i = 0; i < 8; i++)
		h[SEQ_OFF + i] = seq >> (56 - 8 * i);
}

static u64 get_seq(const u8 *h)
{
	u64 seq = 0;
	int i;

	for (i = 0; i < 8; i++)
		seq = seq << 8 | h[SEQ_OFF + i];
	return seq;
}

/* the enctype of a context key that may make RFC 4121 tokens */
static int mic_enctype(const struct krbap_keyblock *key,
		       const struct krbap_enctype **et)
{
	if (!key || !key->etype || !key->len ||
	    key->len > KRBAP_KEY_BYTES_MAX)
		return -EINVAL;
	if (!krbap_gss_cfx_enctype(key->etype))
		return -EOPNOTSUPP;
	*et = krbap_enctype_find(key->etype);
	if (!*et)
		return -EOPNOTSUPP;
	return key->len == (*et)->keybytes ? 0 : -EINVAL;
}

/* Kc for signing in one direction */
static int sign_key(const struct krbap_keyblock *key, bool sent_by_acceptor,
		    struct krbap_ukey *uk)
{
	struct krbap_key base;
	int err;

	err = krbap_key_init(&base, key->etype, key->bytes, key->len);
	if (!err)
		err = krbap_ukey_get(uk, &base, sent_by_acceptor ?
				     KU_ACCEPTOR_SIGN : KU_INITIATOR_SIGN,
				     KRBAP_KU_CHECKSUM);
	krbap_key_destroy(&base);
	return err;
}

/*
 * The checksum input is the message followed by the header; the crypto
 * layer takes one buffer, so the two are laid out in a copy.
 */
static u8 *cksum_input(const u8 *msg, size_t len, const u8 *hdr)
{
	u8 *buf = kvmalloc(len + KRBAP_GSS_MIC_HDR, GFP_KERNEL);

	if (!buf)
		return NULL;
	if (len)
		memcpy(buf, msg, len);
	memcpy(buf + len, hdr, KRBAP_GSS_MIC_HDR);
	return buf;
}

/**
 * krbap_gss_mic_make() - make an RFC 4121 MIC token
 * @key: the context key
 * @acceptor_subkey: @key is the acceptor's subkey (AcceptorSubkey flag)
 * @sent_by_acceptor: the acceptor signs (SentByAcceptor flag, key usage
 *	23), else the initiator (key usage 25)
 * @seq: the sender's sequence number
 * @msg: the message (may be NULL when @len is 0)
 * @len: its length, at most KRBAP_GSS_MIC_MSG_MAX
 * @tok: where the token goes
 * @size: room in @tok (16 bytes plus the enctype's checksum length)
 * @tok_len: set to the token's length
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno, as gssmic.h lists.
 */
int krbap_gss_mic_make(const struct krbap_keyblock *key, bool acceptor_subkey,
		       bool sent_by_acceptor, u64 seq, const u8 *msg,
		       size_t len, u8 *tok, size_t size, size_t *tok_len)
{
	const struct krbap_enctype *et;
	struct krbap_ukey uk;
	u8 *buf;
	int err;

	err = mic_enctype(key, &et);
	if (err)
		return err;
	if ((len && !msg) || !tok || !tok_len)
		return -EINVAL;
	if (len > KRBAP_GSS_MIC_MSG_MAX ||
	    size < KRBAP_GSS_MIC_HDR + (size_t)et->cksumlen)
		return -EMSGSIZE;
	put_header(tok, flags_of(acceptor_subkey, sent_by_acceptor), seq);
	buf = cksum_input(msg, len, tok);
	if (!buf)
		return -ENOMEM;
	err = sign_key(key, sent_by_acceptor, &uk);
	if (!err) {
		err = krbap_checksum_make(&uk, buf, len + KRBAP_GSS_MIC_HDR,
					  tok + KRBAP_GSS_MIC_HDR,
					  size - KRBAP_GSS_MIC_HDR);
		krbap_ukey_put(&uk);
	}
	kvfree(buf);
	if (err)
		return err;
	*tok_len = KRBAP_GSS_MIC_HDR + et->cksumlen;
	return 0;
}

/* everything but the checksum: the header as this context must send it */
static int check_header(const u8 *tok, size_t tok_len, u8 flags,
			const struct krbap_enctype *et)
{
	size_t i;

	if (tok_len != KRBAP_GSS_MIC_HDR + (size_t)et->cksumlen)
		return -EBADMSG;
	if (tok[0] != TOK_ID_0 || tok[1] != TOK_ID_1 || tok[2] != flags)
		return -EBADMSG;
	for (i = 0; i < FILLER_LEN; i++)
		if (tok[FILLER_OFF + i] != FILLER)
			return -EBADMSG;
	return 0;
}

/**
 * krbap_gss_mic_verify() - check an RFC 4121 MIC token
 * @key: the context key
 * @acceptor_subkey: @key is the acceptor's subkey: the token's
 *	AcceptorSubkey flag must be set, else clear
 * @sent_by_acceptor: the token's SentByAcceptor flag must be set (the
 *	acceptor signed it, key usage 23), else clear (usage 25)
 * @msg: the message (may be NULL when @len is 0)
 * @len: its length, at most KRBAP_GSS_MIC_MSG_MAX
 * @tok: the token
 * @tok_len: its length
 * @seq: set to the sender's sequence number when the token is good
 *
 * Sealed and the reserved flags must be clear, the Filler exact and the
 * checksum exactly as long as the enctype's.  Sequence numbers are the
 * caller's to judge.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno, as gssmic.h lists.
 */
int krbap_gss_mic_verify(const struct krbap_keyblock *key,
			 bool acceptor_subkey, bool sent_by_acceptor,
			 const u8 *msg, size_t len, const u8 *tok,
			 size_t tok_len, u64 *seq)
{
	const struct krbap_enctype *et;
	struct krbap_ukey uk;
	u8 *buf;
	int err;

	err = mic_enctype(key, &et);
	if (err)
		return err;
	if ((len && !msg) || (tok_len && !tok) || !seq)
		return -EINVAL;
	if (len > KRBAP_GSS_MIC_MSG_MAX)
		return -EMSGSIZE;
	err = check_header(tok, tok_len,
			   flags_of(acceptor_subkey, sent_by_acceptor), et);
	if (err)
		return err;
	buf = cksum_input(msg, len, tok);
	if (!buf)
		return -ENOMEM;
	err = sign_key(key, sent_by_acceptor, &uk);
	if (!err) {
		err = krbap_checksum_verify(&uk, buf, len + KRBAP_GSS_MIC_HDR,
					    tok + KRBAP_GSS_MIC_HDR,
					    tok_len - KRBAP_GSS_MIC_HDR);
		krbap_ukey_put(&uk);
		if (err == -EBADMSG)
			err = -EKEYREJECTED;
	}
	kvfree(buf);
	if (!err)
		*seq = get_seq(tok);
	return err;
}

/* the context key of an accepted result */
static const struct krbap_keyblock *
accepted_key(const struct krbap_result *r, bool *acceptor_subkey)
{
	const struct krbap_keyblock *key;

	if (!r || r->krb_error || r->continue_needed || !r->context_enctype)
		return NULL;
	key = krbap_gss_context_key(r, acceptor_subkey);
	if (key->etype != r->context_enctype ||
	    *acceptor_subkey != r->context_acceptor_subkey)
		return NULL;
	return key;
}

/**
 * krbap_get_mic() - sign a message for the initiator of an accepted context
 * @r: the result of krbap_accept() that accepted the login
 * @seq: the acceptor's sequence number for this token: the first one is
 *	@r->send_seq (@r->acceptor_seq when the acceptor sent an AP-REP,
 *	else @r->seq, as MIT's initiator expects; one more when a SPNEGO
 *	mechListMIC went out), then one more per token
 * @msg: the message (may be NULL when @len is 0)
 * @len: its length
 * @tok: where the MIC token (RFC 4121 4.2.6.1) goes
 * @size: room in @tok; KRBAP_MIC_MAX always suffices
 * @tok_len: set to the token's length
 *
 * The token is signed with the context key (@r->context_enctype), with
 * SentByAcceptor set and AcceptorSubkey as @r->context_acceptor_subkey.
 *
 * Context: process context; may sleep.
 * Return: 0; -EINVAL when @r was not accepted (refused, or not a result
 * of krbap_accept()); -EOPNOTSUPP for an rc4-hmac context (RFC 4757
 * tokens are not supported); -EMSGSIZE when @size is too small or @len
 * over KRBAP_MIC_MSG_MAX; -ENOMEM.
 */
int krbap_get_mic(const struct krbap_result *r, u64 seq, const void *msg,
		  size_t len, u8 *tok, size_t size, size_t *tok_len)
{
	const struct krbap_keyblock *key;
	bool acc;

	BUILD_BUG_ON(KRBAP_GSS_MIC_HDR + KRBAP_MAX_CKSUM != KRBAP_MIC_MAX);
	BUILD_BUG_ON(KRBAP_MIC_MSG_MAX != KRBAP_GSS_MIC_MSG_MAX);
	key = accepted_key(r, &acc);
	if (!key)
		return -EINVAL;
	return krbap_gss_mic_make(key, acc, true, seq, msg, len, tok, size,
				  tok_len);
}
EXPORT_SYMBOL_GPL(krbap_get_mic);

/**
 * krbap_verify_mic() - check the initiator's MIC on a message
 * @r: the result of krbap_accept() that accepted the login
 * @msg: the message (may be NULL when @len is 0)
 * @len: its length
 * @tok: the initiator's MIC token (RFC 4121 4.2.6.1)
 * @tok_len: its length
 * @seq: set to the initiator's sequence number in the token when it is
 *	good; the first is @r->recv_seq.  Replay and order checks are the
 *	caller's.
 *
 * The token must be the initiator's (SentByAcceptor clear), its
 * AcceptorSubkey flag as @r->context_acceptor_subkey, and its checksum
 * right for the context key.
 *
 * Context: process context; may sleep.
 * Return: 0 when the token is good; -EBADMSG a malformed token or one
 * not made for this context's direction and key flag; -EKEYREJECTED the
 * checksum does not match (message or token changed, another key);
 * -EINVAL when @r was not accepted; -EOPNOTSUPP for an rc4-hmac context;
 * -EMSGSIZE @len over KRBAP_MIC_MSG_MAX; -ENOMEM.
 */
int krbap_verify_mic(const struct krbap_result *r, const void *msg,
		     size_t len, const u8 *tok, size_t tok_len, u64 *seq)
{
	const struct krbap_keyblock *key;
	bool acc;

	key = accepted_key(r, &acc);
	if (!key)
		return -EINVAL;
	return krbap_gss_mic_verify(key, acc, false, msg, len, tok, tok_len,
				    seq);
}
EXPORT_SYMBOL_GPL(krbap_verify_mic);

/**
 * krbap_smb_session_key() - the SMB session key of an accepted context
 * @r: the result of krbap_accept() that accepted the login
 * @out: set to the context key's first 16 bytes, right-padded with zeros
 *	when it is shorter (MS-SMB2 3.3.5.5.3: what SMB signs with)
 *
 * The caller owns the copy and must wipe it (memzero_explicit()) when
 * done, as krbap_result_free() wipes the result's keys.
 *
 * Context: any context.
 * Return: 0; -EINVAL when @r was not accepted.
 */
int krbap_smb_session_key(const struct krbap_result *r, u8 out[16])
{
	const struct krbap_keyblock *key;
	bool acc;

	key = accepted_key(r, &acc);
	if (!key)
		return -EINVAL;
	return krbap_gss_smb_key(key, out);
}
EXPORT_SYMBOL_GPL(krbap_smb_session_key);
