// SPDX-License-Identifier: GPL-2.0-only
/*
 * The accept pipeline: receipt of a KRB_AP_REQ (RFC 4120 3.2.3) and the
 * KRB_AP_REP that answers it (3.2.4).
 *
 * The checks run in MIT krb5's order (the ticket's times before the
 * authenticator's), with one deliberate difference: the replay cache is
 * consulted last, so only an authenticator that passed every other check
 * takes a slot in it.
 */
#include <crypto/sha2.h>
#include <linux/kernel.h>
#include <linux/krbap.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "accept.h"
#include "crypto/krb5.h"
#include "der.h"
#include "gss.h"
#include "gssmic.h"
#include "keystore.h"
#include "msg.h"
#include "pac.h"
#include "rcache.h"
#include "spnego.h"

#define KDC_ERR_ETYPE_NOSUPP	14
#define KEY_USAGE_TICKET	2
#define KEY_USAGE_AUTHENTICATOR	11
#define KEY_USAGE_AP_REP	12
#define KEY_USAGE_AUTH_CKSUM	10
#define AP_REP_PART_MAX		256
#define KRB_ERROR_MAX		8192
#define MAX_KVNOS_SHOWN		8

struct state {
	const struct krbap_acceptor *acc;
	const struct timespec64 *now;
	const char *acceptor;
	struct krbap_result *res;
	struct krbap_ap_req req;
	struct krbap_enc_ticket tkt;
	struct krbap_authenticator auth;
	bool have_req;
	bool have_auth;
	struct krbap_kentry *service;
	struct krbap_key session;
	struct krbap_ukey uk;
	bool have_uk;
	u8 *tkt_buf;
	u8 *auth_buf;
	bool gss;
	enum krbap_gss_mech mech;
	bool spnego;
	bool spnego_mech;
	bool spnego_mic;
	bool reneg;
	struct krbap_spnego_init neg;
	struct krbap_gss_cksum gc;
	struct krbap_gss_authz az;
	struct krbap_pac pac;
	char server[KRBAP_PRINCIPAL_MAX];
	char client[KRBAP_PRINCIPAL_MAX];
};

/*
 * A SPNEGO negotiation that krb5 did not open (RFC 4178 5): the
 * initiator's mech list, which both mechListMICs cover, and what is
 * owed next.
 */
enum nego_step {
	NEGO_WANT_TOKEN,	/* its krb5 token, after our request-mic */
	NEGO_WANT_MIC,		/* its mechListMIC, after our AP-REP and MIC */
};

struct krbap_nego {
	enum nego_step step;
	u32 types_len;
	u8 types[];
};

static int spnego_wrap(struct state *st, int neg_state, u8 **tok, u32 *len,
		       const struct krbap_bytes *mic);

static __printf(3, 4) int refuse(struct state *st, u32 code,
				 const char *fmt, ...)
{
	va_list ap;

	st->res->krb_error = code;
	va_start(ap, fmt);
	vsnprintf(st->res->reason, sizeof(st->res->reason), fmt, ap);
	va_end(ap);
	return code;
}

static int decode_request(struct state *st, const u8 *token, size_t len)
{
	int ret = krbap_decode_ap_req(token, len, &st->req);

	if (ret == -ENOMSG)
		return refuse(st, KRBAP_KRB_AP_ERR_MSG_TYPE,
			      "not a KRB_AP_REQ");
	if (ret == -EPROTO)
		return refuse(st, KRBAP_KRB_AP_ERR_BADVERSION,
			      "protocol version is not 5");
	if (ret)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "malformed KRB_AP_REQ");
	st->have_req = true;
	if (st->req.ap_options & KRBAP_AP_OPT_USE_SESSION_KEY)
		return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
			      "user-to-user (use-session-key) is not supported");
	return 0;
}

/* 1.3.6.1.5.5.2, the SPNEGO mechanism (RFC 4178) */
static const u8 oid_spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05,
				 0x02 };

static bool is_spnego(const u8 *token, size_t len)
{
	const u8 *p = token + 1;
	size_t left = len - 1;

	if (token[0] == 0xa0 || token[0] == 0xa1)
		return true;
	if (left && *p & 0x80) {	/* skip a long-form length */
		if ((*p & 0x7f) >= left)
			return false;
		left -= (*p & 0x7f);
		p += (*p & 0x7f);
	}
	return left > sizeof(oid_spnego) &&
	       !memcmp(p + 1, oid_spnego, sizeof(oid_spnego));
}

/* the krb5 initial context token inside a GSS or SPNEGO token */
static int unwrap_gss(struct state *st, const u8 **token, size_t *len)
{
	struct krbap_bytes ap_req;
	int ret;

	ret = krbap_gss_unwrap_init(*token, *len, &ap_req, &st->mech);
	if (ret == -ENOPROTOOPT)
		return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
			      "GSS token of a mechanism other than Kerberos");
	if (ret == -ENOMSG)
		return refuse(st, KRBAP_KRB_AP_ERR_MSG_TYPE,
			      "GSS Kerberos token is not an AP-REQ");
	if (ret)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "malformed GSS initial context token");
	st->gss = true;
	*token = ap_req.data;
	*len = ap_req.len;
	return 0;
}

/*
 * RFC 4178 5: krb5 is offered but not preferred, so the optimistic
 * token (another mechanism's) is dropped and the reply names krb5 with
 * negState request-mic.  The mech list is kept for the MICs to come.
 */
static int keep_nego(struct state *st, enum nego_step step)
{
	const struct krbap_bytes *types = &st->neg.mech_types;
	struct krbap_nego *nego;

	nego = kmalloc(struct_size(nego, types, types->len), GFP_KERNEL);
	if (!nego)
		return -ENOMEM;
	nego->step = step;
	nego->types_len = types->len;
	memcpy(nego->types, types->data, types->len);
	st->res->nego = nego;
	st->res->continue_needed = true;
	return 0;
}

static int request_mic(struct state *st)
{
	struct krbap_result *r = st->res;
	int ret;

	ret = keep_nego(st, NEGO_WANT_TOKEN);
	if (!ret)
		ret = spnego_wrap(st, KRBAP_SPNEGO_REQUEST_MIC, &r->ap_rep,
				  &r->ap_rep_len, NULL);
	return ret;
}

/*
 * RFC 4178: the initiator's first token, a NegTokenInit that offers krb5
 * (either OID).  When krb5 is its preferred mechanism the optimistic
 * token is its AP-REQ; otherwise the reply asks for one.
 */
static int unwrap_spnego(struct state *st, const u8 **token, size_t *len)
{
	struct krbap_spnego_init *neg = &st->neg;
	int ret;

	st->spnego = true;
	st->res->framing = KRBAP_FRAMING_SPNEGO;
	if (**token == 0xa1)
		return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
			      "SPNEGO NegTokenResp with no negotiation under way");
	ret = krbap_spnego_parse_init(*token, *len, neg);
	if (ret == -ENOPROTOOPT)
		return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
			      "SPNEGO offers no Kerberos mechanism");
	if (ret)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "malformed SPNEGO NegTokenInit");
	st->spnego_mech = true;
	if (!neg->optimistic)
		return request_mic(st);
	if (!neg->mech_token.len)
		return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
			      "SPNEGO NegTokenInit carries no Kerberos token");
	*token = neg->mech_token.data;
	*len = neg->mech_token.len;
	return unwrap_gss(st, token, len);
}

/*
 * A bare AP-REQ ([APPLICATION 14], 0x6e), a GSS initial context token
 * ([APPLICATION 0], 0x60) around one, or SPNEGO around that.
 */
static int unframe(struct state *st, const u8 **token, size_t *len)
{
	int ret;

	if (!*len || (**token != 0x60 && **token != 0xa0 && **token != 0xa1))
		return 0;
	if (is_spnego(*token, *len))
		return unwrap_spnego(st, token, len);
	ret = unwrap_gss(st, token, len);
	if (!ret)
		st->res->framing = KRBAP_FRAMING_GSS;
	return ret;
}

static int key_missing(struct state *st, enum krbap_key_miss miss)
{
	const struct krbap_enc_data *enc = &st->req.ticket.enc;
	u32 kvnos[MAX_KVNOS_SHOWN];
	char held[64] = "";
	int i, n, pos = 0;

	switch (miss) {
	case KRBAP_KEY_NO_PRINCIPAL:
		return refuse(st, KRBAP_KRB_AP_ERR_NOT_US, "no key for %s",
			      st->server);
	case KRBAP_KEY_NO_KVNO:
		n = krbap_keystore_kvnos(st->acc->keys, st->server, kvnos,
					 ARRAY_SIZE(kvnos));
		for (i = 0; i < n && pos < sizeof(held); i++)
			pos += scnprintf(held + pos, sizeof(held) - pos, " %u",
					 kvnos[i]);
		return refuse(st, KRBAP_KRB_AP_ERR_BADKEYVER,
			      "no kvno %u for %s; held:%s", enc->kvno,
			      st->server, held);
	default:
		return refuse(st, KRBAP_KRB_AP_ERR_NOKEY,
			      "no enctype %d key for %s", enc->etype,
			      st->server);
	}
}

static int find_key(struct state *st)
{
	const struct krbap_enc_data *enc = &st->req.ticket.enc;
	enum krbap_key_miss miss;

	if (krbap_principal_unparse(&st->req.ticket.server, st->server,
				    sizeof(st->server)) < 0)
		return refuse(st, KRBAP_KRB_AP_ERR_NOT_US,
			      "server name too long");
	if (st->acceptor && strcmp(st->acceptor, st->server))
		return refuse(st, KRBAP_KRB_AP_ERR_NOT_US,
			      "ticket is for %s, not %s", st->server,
			      st->acceptor);
	if (enc->etype == KRBAP_ENCTYPE_RC4_HMAC && !st->acc->allow_rc4)
		return refuse(st, KRBAP_KRB_AP_ERR_NOKEY,
			      "rc4-hmac tickets are disabled");
	st->service = krbap_keystore_get(st->acc->keys, st->server,
					 enc->has_kvno ? &enc->kvno : NULL,
					 enc->etype, &miss);
	return st->service ? 0 : key_missing(st, miss);
}

/* copies @enc's ciphertext to the heap and decrypts it there */
static int decrypt(const struct krbap_ukey *uk,
		   const struct krbap_enc_data *enc, u8 **buf,
		   struct krbap_bytes *pt)
{
	size_t off, len;
	int ret;

	*buf = kmemdup(enc->cipher.data, enc->cipher.len, GFP_KERNEL);
	if (!*buf)
		return -ENOMEM;
	ret = krbap_decrypt(uk, *buf, enc->cipher.len, &off, &len);
	if (ret)
		return ret;
	pt->data = *buf + off;
	pt->len = len;
	return 0;
}

static int decrypt_ticket(struct state *st)
{
	struct krbap_bytes pt;
	int ret;

	ret = decrypt(&st->service->ukey, &st->req.ticket.enc, &st->tkt_buf,
		      &pt);
	if (ret == -EBADMSG)
		return refuse(st, KRBAP_KRB_AP_ERR_BAD_INTEGRITY,
			      "ticket does not decrypt with %s kvno %u",
			      st->server, st->service->kvno);
	if (ret)
		return ret;
	if (krbap_decode_enc_ticket(pt.data, pt.len, &st->tkt))
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "malformed ticket");
	return 0;
}

static int session_key(struct state *st)
{
	const struct krbap_enc_key *k = &st->tkt.key;
	int ret;

	if (k->type == KRBAP_ENCTYPE_RC4_HMAC && !st->acc->allow_rc4)
		return refuse(st, KDC_ERR_ETYPE_NOSUPP,
			      "rc4-hmac session keys are disabled");
	ret = krbap_key_init(&st->session, k->type, k->value.data,
			     k->value.len);
	if (ret == -ENOENT)
		return refuse(st, KDC_ERR_ETYPE_NOSUPP,
			      "session enctype %d is not supported", k->type);
	if (ret)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "session key has the wrong length");
	ret = krbap_ukey_get(&st->uk, &st->session, KEY_USAGE_AUTHENTICATOR,
			     KRBAP_KU_ENCRYPT);
	if (ret)
		return ret;
	st->have_uk = true;
	return 0;
}

static int decrypt_authenticator(struct state *st)
{
	struct krbap_bytes pt;
	int ret;

	if (st->req.auth.etype != st->tkt.key.type)
		return refuse(st, KRBAP_KRB_AP_ERR_BAD_INTEGRITY,
			      "authenticator enctype differs from the session key's");
	ret = decrypt(&st->uk, &st->req.auth, &st->auth_buf, &pt);
	if (ret == -EBADMSG)
		return refuse(st, KRBAP_KRB_AP_ERR_BAD_INTEGRITY,
			      "authenticator does not decrypt with the session key");
	if (ret)
		return ret;
	if (krbap_decode_authenticator(pt.data, pt.len, &st->auth))
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "malformed authenticator");
	st->have_auth = true;
	return 0;
}

static bool off_by_more_than(time64_t a, time64_t b, u32 skew)
{
	return a > b + skew || b > a + skew;
}

static int check_times(struct state *st)
{
	const struct krbap_enc_ticket *t = &st->tkt;
	time64_t now = st->now->tv_sec, skew = st->acc->clock_skew;
	time64_t start = t->has_starttime ? t->starttime : t->authtime;

	if (!krbap_principal_eq(&st->auth.client, &t->client))
		return refuse(st, KRBAP_KRB_AP_ERR_BADMATCH,
			      "authenticator client differs from the ticket's");
	if (t->flags & KRBAP_TKT_FLG_INVALID)
		return refuse(st, KRBAP_KRB_AP_ERR_TKT_NYV,
			      "ticket is marked invalid");
	if (start - now > skew)
		return refuse(st, KRBAP_KRB_AP_ERR_TKT_NYV,
			      "ticket not valid for another %lld s",
			      start - now);
	if (now - t->endtime > skew)
		return refuse(st, KRBAP_KRB_AP_ERR_TKT_EXPIRED,
			      "ticket expired %lld s ago", now - t->endtime);
	if (off_by_more_than(st->auth.ctime, now, skew))
		return refuse(st, KRBAP_KRB_AP_ERR_SKEW,
			      "client clock off by %lld s (skew %lld s)",
			      st->auth.ctime - now, skew);
	return 0;
}

/*
 * An initiator subkey becomes the context key (RFC 4121) and sets the
 * acceptor subkey's enctype, so it must be one this namespace may use.
 */
static int check_subkey(struct state *st)
{
	const struct krbap_enc_key *k = &st->auth.subkey;
	struct krbap_key key;
	int ret;

	if (!st->auth.has_subkey)
		return 0;
	if (k->type == KRBAP_ENCTYPE_RC4_HMAC && !st->acc->allow_rc4)
		return refuse(st, KDC_ERR_ETYPE_NOSUPP,
			      "rc4-hmac subkeys are disabled");
	ret = krbap_key_init(&key, k->type, k->value.data, k->value.len);
	krbap_key_destroy(&key);
	if (ret == -ENOENT)
		return refuse(st, KDC_ERR_ETYPE_NOSUPP,
			      "subkey enctype %d is not supported", k->type);
	if (ret)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "subkey has the wrong length");
	return 0;
}

/* a non-GSS authenticator checksum: over empty data, key usage 10 */
static int verify_plain_cksum(struct state *st)
{
	const struct krbap_checksum *ck = &st->auth.cksum;
	struct krbap_ukey uk;
	int ret;

	if (ck->type != st->session.et->cksumtype)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "authenticator checksum type %d is not the session key's",
			      ck->type);
	ret = krbap_ukey_get(&uk, &st->session, KEY_USAGE_AUTH_CKSUM,
			     KRBAP_KU_CHECKSUM);
	if (ret)
		return ret;
	ret = krbap_checksum_verify(&uk, NULL, 0, ck->value.data,
				    ck->value.len);
	krbap_ukey_put(&uk);
	if (ret == -ENOMEM)
		return ret;
	return ret ? refuse(st, KRBAP_KRB_ERR_GENERIC,
			    "authenticator checksum does not verify") : 0;
}

/* RFC 4121 4.1.1; every failure is KRB_ERR_GENERIC, as MIT sends */
static int check_gss(struct state *st)
{
	const struct krbap_authenticator *a = &st->auth;
	int ret;

	if (!st->gss)
		return 0;
	ret = krbap_gss_parse_cksum(a->has_cksum ? &a->cksum : NULL,
				    st->req.ap_options, &st->gc);
	if (ret == -EOPNOTSUPP)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "DCE-style GSS contexts are not supported");
	if (ret)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "malformed GSS authenticator checksum");
	if (st->gc.kind == KRBAP_GSS_CKSUM_OTHER) {
		ret = verify_plain_cksum(st);
		if (ret)
			return ret;
	}
	krbap_gss_parse_authz(a->authz, &st->az);
	if (krbap_gss_check_bindings(&st->gc, &st->az, NULL))
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "channel bindings do not match");
	return 0;
}

static const char *pac_fault(int err)
{
	switch (err) {
	case -EBADMSG:
		return "is malformed";
	case -EMSGSIZE:
		return "exceeds our limits";
	case -EOPNOTSUPP:
		return "server signature is not of the service key's type";
	case -EKEYREJECTED:
		return "server signature does not verify";
	case -EACCES:
		return "names another client or authtime than the ticket";
	default:
		return "cannot be checked";
	}
}

/*
 * The MS-PAC, if the ticket has one: its server signature with the key
 * that decrypted the ticket, its client name and authtime against the
 * ticket.  One that fails refuses the login, or is dropped when the
 * policy says so (MIT's acceptor drops it silently: it only marks the
 * PAC unverified).
 */
static int check_pac(struct state *st)
{
	const struct krbap_enc_ticket *t = &st->tkt;
	struct krbap_bytes raw;
	int ret;

	if (!t->authz.len)
		return 0;
	ret = krbap_pac_find(t->authz, &raw);
	if (ret == -ENOENT)
		return 0;
	if (!ret)
		ret = krbap_pac_parse(raw.data, raw.len, &st->pac);
	if (!ret)
		ret = krbap_pac_verify_ukey(&st->pac, &st->service->pac_ukey,
					    &t->client, t->authtime);
	if (!ret) {
		st->res->pac_state = KRBAP_PAC_VERIFIED;
		return 0;
	}
	if (ret == -ENOMEM)
		return ret;
	if (st->acc->pac_policy == KRBAP_PAC_IGNORE) {
		st->res->pac_state = KRBAP_PAC_IGNORED;
		return 0;
	}
	return refuse(st, KRBAP_KRB_AP_ERR_MODIFIED, "the ticket's PAC %s",
		      pac_fault(ret));
}

/*
 * The replay cache key: the authenticator ciphertext alone.  Its MAC
 * binds it to one session key, so no honest client sends it twice.  The
 * ticket's server name is not part of the key: it travels in clear, and
 * where several principals share a key (a machine account's host/,
 * cifs/ and nfs/ names) an attacker could rename the ticket to replay the
 * same authenticator under another name.
 */
static void replay_digest(const struct state *st, u8 *digest)
{
	u8 full[SHA256_DIGEST_SIZE];

	sha256(st->req.auth.cipher.data, st->req.auth.cipher.len, full);
	memcpy(digest, full, KRBAP_RCACHE_DIGEST_LEN);
	memzero_explicit(full, sizeof(full));
}

static int check_replay(struct state *st)
{
	u8 digest[KRBAP_RCACHE_DIGEST_LEN];
	int ret;

	if (st->auth.ctime < st->acc->restore_until) {
		st->res->retry = true;
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "replay cache not restored yet since load; retry");
	}

	replay_digest(st, digest);
	ret = krbap_rcache_insert(st->acc->rcache, digest,
				  st->auth.ctime + max(st->acc->clock_skew,
						       st->acc->replay_keep),
				  st->now->tv_sec);
	if (ret == -EEXIST)
		return refuse(st, KRBAP_KRB_AP_ERR_REPEAT,
			      "authenticator replayed");
	if (ret == -ENOSPC)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "replay cache full; refusing new logins");
	return ret;
}

static int set_keyblock(struct krbap_keyblock *kb, s32 etype,
			const struct krbap_bytes *bytes)
{
	if (bytes->len > sizeof(kb->bytes))
		return -EMSGSIZE;
	kb->etype = etype;
	kb->len = bytes->len;
	memcpy(kb->bytes, bytes->data, bytes->len);
	return 0;
}

static bool subkey_etype(const struct state *st, s32 *etype);
static bool mutual(const struct state *st);

/* the context key's enctype, known before the AP-REP is built */
static s32 context_etype(const struct state *st)
{
	s32 etype;

	if (mutual(st) && subkey_etype(st, &etype))
		return etype;
	return st->auth.has_subkey ? st->auth.subkey.type : st->tkt.key.type;
}

/*
 * RFC 4178 5: a mechListMIC sent with the NegTokenInit covers the mech
 * list as the initiator sent it, under the initiator's key (its subkey,
 * else the session key: no acceptor subkey exists yet).  One that does
 * not verify means the list was tampered with; its SND_SEQ must be the
 * initiator's sequence number from the authenticator, as MIT's
 * per-message checks want.  When it verifies, the
 * reply carries the acceptor's MIC over the same list (MIT's rule: a MIC
 * received is a MIC owed).
 */
static int check_spnego_mic(struct state *st)
{
	const struct krbap_bytes *mic = &st->neg.mech_list_mic;
	const struct krbap_bytes *types = &st->neg.mech_types;
	struct krbap_keyblock key;
	u64 seq;
	int ret;

	if (!st->spnego)
		return 0;
	/*
	 * After request-mic, an initiator whose krb5 token needs no reply
	 * has finished and must send its MIC with it (MIT's rule); with
	 * mutual authentication it sends the MIC after our AP-REP.
	 */
	if (st->reneg && (st->gc.flags & KRBAP_GSS_C_INTEG)) {
		if (!mic->len && !mutual(st))
			return refuse(st, KRBAP_KRB_AP_ERR_MODIFIED,
				      "SPNEGO mechListMIC missing after request-mic");
		/* the MICs owed are RFC 4121 tokens only */
		if (!krbap_gss_cfx_enctype(context_etype(st)))
			return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
				      "SPNEGO renegotiation under an enctype without RFC 4121 tokens");
	}
	if (!mic->len)
		return 0;
	if (st->auth.has_subkey)
		ret = set_keyblock(&key, st->auth.subkey.type,
				   &st->auth.subkey.value);
	else
		ret = set_keyblock(&key, st->tkt.key.type, &st->tkt.key.value);
	if (!ret)
		ret = krbap_gss_mic_verify(&key, false, false, types->data,
					   types->len, mic->data, mic->len,
					   &seq);
	memzero_explicit(&key, sizeof(key));
	if (ret == -ENOMEM)
		return ret;
	if (ret == -EOPNOTSUPP)
		return refuse(st, KRBAP_KRB_AP_ERR_METHOD,
			      "SPNEGO mechListMIC under an enctype without RFC 4121 tokens");
	if (ret)
		return refuse(st, KRBAP_KRB_AP_ERR_MODIFIED,
			      "SPNEGO mechListMIC does not verify");
	/* the initiator's first token after the AP-REQ: its own seq */
	if (st->auth.has_seq && seq != st->auth.seq)
		return refuse(st, KRBAP_KRB_AP_ERR_MODIFIED,
			      "SPNEGO mechListMIC out of sequence");
	st->spnego_mic = true;
	return 0;
}

static u8 *dup_bytes(const struct krbap_bytes *b, u32 *len)
{
	*len = b->len;
	return b->len ? kmemdup(b->data, b->len, GFP_KERNEL) : NULL;
}

static int fill_result(struct state *st)
{
	const struct krbap_enc_ticket *t = &st->tkt;
	const struct krbap_authenticator *a = &st->auth;
	struct krbap_result *r = st->res;

	if (krbap_principal_unparse(&t->client, st->client,
				    sizeof(st->client)) < 0)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "client name too long");
	if (a->has_subkey &&
	    set_keyblock(&r->subkey, a->subkey.type, &a->subkey.value))
		return refuse(st, KRBAP_KRB_ERR_GENERIC, "subkey too long");
	set_keyblock(&r->session_key, t->key.type, &t->key.value);
	r->client = kstrdup(st->client, GFP_KERNEL);
	r->server = kstrdup(st->server, GFP_KERNEL);
	r->kvno = st->service->kvno;
	r->ticket_enctype = st->service->etype;
	r->ticket_flags = t->flags;
	r->authtime = t->authtime;
	r->starttime = t->has_starttime ? t->starttime : t->authtime;
	r->endtime = t->endtime;
	r->renew_till = t->has_renew_till ? t->renew_till : 0;
	r->ap_options = st->req.ap_options;
	r->ctime = a->ctime;
	r->cusec = a->cusec;
	r->has_seq = a->has_seq;
	r->seq = a->seq;
	r->cksum_type = a->has_cksum ? a->cksum.type : 0;
	r->cksum = a->has_cksum ? dup_bytes(&a->cksum.value, &r->cksum_len) :
		   NULL;
	r->authz = dup_bytes(&t->authz, &r->authz_len);
	if (r->pac_state == KRBAP_PAC_VERIFIED) {
		r->pac = dup_bytes(&st->pac.raw, &r->pac_len);
		if (!r->pac)
			return -ENOMEM;
		if (st->pac.has_logon_info) {
			r->logon_info = r->pac + (st->pac.logon_info.data -
						  st->pac.raw.data);
			r->logon_info_len = st->pac.logon_info.len;
		}
	}
	r->lifetime = krbap_gss_lifetime(t->endtime, st->now->tv_sec,
					 st->acc->clock_skew);
	if (!r->client || !r->server || (r->cksum_len && !r->cksum) ||
	    (r->authz_len && !r->authz))
		return -ENOMEM;
	return 0;
}

/* enctypes an acceptor subkey may have, most preferred first */
static unsigned int usable_etypes(const struct state *st, s32 *out)
{
	unsigned int i, n, k = 0;
	const s32 *ids;

	n = krbap_crypto_etypes(&ids);
	for (i = 0; i < n && k < KRBAP_GSS_MAX_ETYPES; i++) {
		enum krbap_etype_state s = krbap_crypto_etype_state(ids[i]);

		if (ids[i] == KRBAP_ENCTYPE_RC4_HMAC ? st->acc->allow_rc4 :
		    s == KRBAP_ETYPE_ENABLED)
			out[k++] = ids[i];
	}
	return k;
}

/*
 * Whether the AP-REP carries an acceptor subkey, and of which enctype:
 * with GSS framing as RFC 4121 and RFC 4537 say (MIT's choice), and
 * always when the namespace asks for one.
 */
static bool subkey_etype(const struct state *st, s32 *etype)
{
	s32 sess = st->tkt.key.type, ours[KRBAP_GSS_MAX_ETYPES];
	s32 init = st->auth.has_subkey ? st->auth.subkey.type : 0;
	s32 ctx = init ? init : sess;

	if (!st->gss) {
		*etype = ctx;
		return st->acc->acceptor_subkey;
	}
	*etype = krbap_gss_negotiate_etype(&st->az, init, sess, ours,
					   usable_etypes(st, ours));
	return st->acc->acceptor_subkey ||
	       krbap_gss_want_acceptor_subkey(st->gc.flags, ctx, sess,
					      *etype);
}

/* EncAPRepPart into a heap buffer: ctime, cusec, subkey?, seq-number */
static int encode_rep_part(struct state *st, u8 *buf, const u8 **out,
			   size_t *len)
{
	struct krbap_result *r = st->res;
	struct krbap_ap_rep_part part = {
		.ctime = st->auth.ctime,
		.cusec = st->auth.cusec,
		.has_seq = true,
		/* 30 bits, as MIT sends, for peers that treat it as signed */
		.seq = get_random_u32() & 0x3fffffff,
	};
	struct krbap_der_w w;
	struct krbap_key sub;
	s32 etype;

	if (subkey_etype(st, &etype)) {
		if (krbap_random_key(etype, &sub))
			return -ENOENT;
		r->acceptor_subkey.etype = etype;
		r->acceptor_subkey.len = sub.et->keybytes;
		memcpy(r->acceptor_subkey.bytes, sub.bytes, sub.et->keybytes);
		krbap_key_destroy(&sub);
		part.has_subkey = true;
		part.subkey.type = etype;
		part.subkey.value.data = r->acceptor_subkey.bytes;
		part.subkey.value.len = r->acceptor_subkey.len;
	}
	r->acceptor_seq = part.seq;
	krbap_der_w_init(&w, buf, AP_REP_PART_MAX);
	krbap_encode_ap_rep_part(&w, &part);
	return krbap_der_w_finish(&w, out, len);
}

static int build_ap_rep(struct state *st)
{
	const struct krbap_enctype *et = st->session.et;
	struct krbap_enc_data enc = { .etype = et->etype };
	u8 *part_buf, *ct = NULL, *rep = NULL;
	size_t plen, ctlen, rlen;
	const u8 *p, *out;
	struct krbap_der_w w;
	int ret = -ENOMEM;

	part_buf = kmalloc(AP_REP_PART_MAX, GFP_KERNEL);
	if (!part_buf)
		return -ENOMEM;
	ret = encode_rep_part(st, part_buf, &p, &plen);
	if (ret)
		goto out;
	ctlen = krbap_ciphertext_len(et, plen);
	ct = kmalloc(ctlen, GFP_KERNEL);
	rep = kmalloc(ctlen + 64, GFP_KERNEL);
	ret = -ENOMEM;
	if (!ct || !rep)
		goto out;
	ret = krbap_ukey_rekey(&st->uk, &st->session, KEY_USAGE_AP_REP);
	if (!ret)
		ret = krbap_encrypt(&st->uk, p, plen, ct, ctlen);
	if (ret)
		goto out;
	enc.cipher.data = ct;
	enc.cipher.len = ctlen;
	krbap_der_w_init(&w, rep, ctlen + 64);
	krbap_encode_ap_rep(&w, &enc);
	ret = krbap_der_w_finish(&w, &out, &rlen);
	if (ret)
		goto out;
	st->res->ap_rep = kmemdup(out, rlen, GFP_KERNEL);
	st->res->ap_rep_len = rlen;
	ret = st->res->ap_rep ? 0 : -ENOMEM;
out:
	kfree_sensitive(part_buf);
	kfree(ct);
	kfree(rep);
	return ret;
}

/* replaces *@tok by itself inside a GSS context token of type @tok_id */
static int gss_wrap(struct state *st, u16 tok_id, u8 **tok, u32 *len)
{
	size_t size = krbap_gss_token_size(*len), out;
	u8 *buf = kmalloc(size, GFP_KERNEL);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = krbap_gss_wrap_token(st->mech, tok_id, *tok, *len, buf, size,
				   &out);
	if (ret) {
		kfree(buf);
		return ret;
	}
	kfree(*tok);
	*tok = buf;
	*len = out;
	return 0;
}

/*
 * Replaces *@tok (a GSS token, or NULL for none) by a NegTokenResp
 * around it.  supportedMech echoes the initiator's OID as it sent it,
 * and is left out when no Kerberos mechanism was found.
 */
static int spnego_wrap(struct state *st, int neg_state, u8 **tok, u32 *len,
		       const struct krbap_bytes *mic)
{
	const struct krbap_bytes *oid = &st->neg.mech_oid;
	struct krbap_bytes inner = { *tok, *len };
	size_t size = *len + oid->len + (mic ? mic->len : 0) + 64, out;
	u8 *buf = kmalloc(size, GFP_KERNEL);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = krbap_spnego_build_resp(neg_state, st->spnego_mech ? oid : NULL,
				      *tok ? &inner : NULL, mic, buf, size,
				      &out);
	if (ret) {
		kfree(buf);
		return ret;
	}
	kfree(*tok);
	*tok = buf;
	*len = out;
	return 0;
}

/*
 * A GSS acceptor answers a refusal only when the initiator waits for a
 * reply (mutual), or when the clock is off so it can retry (MIT's rule).
 */
static bool gss_error_token(const struct state *st)
{
	return (st->req.ap_options & KRBAP_AP_OPTS_MUTUAL_REQUIRED) ||
	       (st->gc.flags & KRBAP_GSS_C_MUTUAL) ||
	       st->res->krb_error == KRBAP_KRB_AP_ERR_SKEW;
}

/*
 * Frames the KRB-ERROR as the request was; false when the client gets
 * none: a GSS initiator that waits for no reply, or a SPNEGO token that
 * was refused before its krb5 token was reached.
 */
static bool frame_error(struct state *st)
{
	if (!st->gss)
		return !st->spnego;
	return gss_error_token(st) &&
	       !gss_wrap(st, KRBAP_GSS_TOK_ERROR, &st->res->error_token,
			 &st->res->error_token_len);
}

/* KRB-ERROR for the client, with our time so it can correct its clock */
static void build_error(struct state *st)
{
	struct krbap_result *r = st->res;
	/*
	 * The detailed reason (which principals and kvnos are held) is for
	 * the caller's logs, not for an unauthenticated client: no e-text.
	 */
	struct krbap_krb_error e = {
		.stime = st->now->tv_sec,
		.susec = st->now->tv_nsec / NSEC_PER_USEC,
		.error_code = r->krb_error,
	};
	struct krbap_der_w w;
	const u8 *out;
	size_t len;
	u8 *buf;

	if (st->have_req)
		e.server = st->req.ticket.server;
	if (st->have_auth) {
		e.has_ctime = true;
		e.has_cusec = true;
		e.ctime = st->auth.ctime;
		e.cusec = st->auth.cusec;
	}
	buf = kmalloc(KRB_ERROR_MAX, GFP_KERNEL);
	if (!buf)
		return;
	krbap_der_w_init(&w, buf, KRB_ERROR_MAX);
	krbap_encode_krb_error(&w, &e);
	if (!krbap_der_w_finish(&w, &out, &len)) {
		r->error_token = kmemdup(out, len, GFP_KERNEL);
		r->error_token_len = r->error_token ? len : 0;
	}
	kfree(buf);
	if (r->error_token && !frame_error(st)) {
		kfree(r->error_token);
		r->error_token = NULL;
		r->error_token_len = 0;
	}
	/* SPNEGO always answers a refusal: negState reject */
	if (st->spnego && spnego_wrap(st, KRBAP_SPNEGO_REJECT,
				      &r->error_token, &r->error_token_len,
				      NULL)) {
		kfree(r->error_token);
		r->error_token = NULL;
		r->error_token_len = 0;
	}
}

static bool mutual(const struct state *st)
{
	if (st->gss)
		return st->gc.flags & KRBAP_GSS_C_MUTUAL;
	return st->req.ap_options & KRBAP_AP_OPTS_MUTUAL_REQUIRED;
}

/*
 * MIT's rules: a MIC received is a MIC owed, and after request-mic both
 * sides owe one when the context has integrity.
 */
static bool mic_owed(const struct state *st)
{
	return st->spnego_mic ||
	       (st->reneg && (st->gc.flags & KRBAP_GSS_C_INTEG));
}

/*
 * The GSS view of an accepted context: flags, the context key, sequence
 * numbers, and the reply in the request's framing.
 */
static int finish(struct state *st)
{
	struct krbap_result *r = st->res;
	const struct krbap_keyblock *k;
	u8 mic[KRBAP_GSS_MIC_HDR + KRBAP_MAX_CKSUM];
	struct krbap_bytes micb = { mic, 0 };
	int neg_state = KRBAP_SPNEGO_ACCEPT_COMPLETED;
	bool owed = mic_owed(st);
	size_t mic_len;
	int ret = 0;

	if (mutual(st))
		ret = build_ap_rep(st);
	if (ret)
		return ret;
	k = krbap_gss_context_key(r, &r->context_acceptor_subkey);
	r->context_enctype = k->etype;
	/* as MIT: without an AP-REP both directions start at the initiator's */
	r->send_seq = r->ap_rep ? r->acceptor_seq : r->seq;
	r->recv_seq = r->seq;
	if (st->gss)
		r->gss_flags = st->gc.flags | KRBAP_GSS_C_TRANS |
			       (mutual(st) ? KRBAP_GSS_C_PROT_READY : 0);
	if (st->gss && r->ap_rep)
		ret = gss_wrap(st, KRBAP_GSS_TOK_AP_REP, &r->ap_rep,
			       &r->ap_rep_len);
	if (!ret && owed) {
		ret = krbap_gss_mic_make(k, r->context_acceptor_subkey, true,
					 r->send_seq, st->neg.mech_types.data,
					 st->neg.mech_types.len, mic,
					 sizeof(mic), &mic_len);
		micb.len = mic_len;
		r->send_seq++;
		r->recv_seq += st->spnego_mic;
	}
	/* owed the initiator's MIC: the login is not complete yet */
	if (!ret && owed && !st->spnego_mic) {
		neg_state = KRBAP_SPNEGO_ACCEPT_INCOMPLETE;
		ret = keep_nego(st, NEGO_WANT_MIC);
	}
	/* SPNEGO answers every acceptance, to name the mechanism */
	if (!ret && st->spnego)
		ret = spnego_wrap(st, neg_state, &r->ap_rep, &r->ap_rep_len,
				  micb.len ? &micb : NULL);
	return ret;
}

/* the checks on an AP-REQ, in order */
static int check_ap_req(struct state *st, const u8 *token, size_t len)
{
	int ret;

	ret = decode_request(st, token, len);
	if (!ret)
		ret = find_key(st);
	if (!ret)
		ret = decrypt_ticket(st);
	if (!ret)
		ret = session_key(st);
	if (!ret)
		ret = decrypt_authenticator(st);
	if (!ret)
		ret = check_times(st);
	if (!ret)
		ret = check_subkey(st);
	if (!ret)
		ret = check_gss(st);
	if (!ret)
		ret = check_spnego_mic(st);
	if (!ret)
		ret = check_pac(st);
	if (!ret)
		ret = check_replay(st);
	if (!ret)
		ret = fill_result(st);
	if (!ret)
		ret = finish(st);
	return ret;
}

/* 0 accepted (or negotiating), >0 a KRB error, <0 an errno */
static int pipeline(struct state *st, const u8 *token, size_t len)
{
	int ret;

	ret = unframe(st, &token, &len);
	if (ret || st->res->continue_needed)
		return ret;
	return check_ap_req(st, token, len);
}

static void state_free(struct state *st)
{
	if (st->have_uk)
		krbap_ukey_put(&st->uk);
	krbap_key_destroy(&st->session);
	krbap_kentry_put(st->service);
	kfree_sensitive(st->tkt_buf);
	kfree_sensitive(st->auth_buf);
	kfree_sensitive(st);
}

static struct state *state_new(const struct krbap_acceptor *acc,
			       const char *acceptor,
			       const struct timespec64 *now)
{
	struct state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return NULL;
	st->res = kzalloc(sizeof(*st->res), GFP_KERNEL);
	if (!st->res) {
		state_free(st);
		return NULL;
	}
	st->acc = acc;
	st->now = now;
	st->acceptor = acceptor;
	st->res->framing = KRBAP_FRAMING_BARE;
	return st;
}

/* hands over the result of pipeline()'s @ret, frees the rest */
static int conclude(struct state *st, int ret, struct krbap_result **result)
{
	if (ret > 0) {
		build_error(st);
		ret = st->res->retry ? -EAGAIN : krbap_error_errno(ret);
	} else if (ret < 0) {
		krbap_result_free(st->res);
		st->res = NULL;
	} else if (st->res->continue_needed) {
		ret = -EINPROGRESS;
	}
	*result = st->res;
	state_free(st);
	return ret;
}

/**
 * krbap_accept_core() - check a KRB_AP_REQ against a namespace's state
 * @acc: the namespace's keystore, replay cache and settings
 * @token: the KRB_AP_REQ
 * @len: its length
 * @acceptor: accept only tickets for this principal, or NULL for any
 *            principal the keystore holds
 * @now: the current time
 * @result: set to the outcome when the return value is 0 or a refusal
 *
 * Context: process context; may sleep.
 * Return: 0 accepted; -EINPROGRESS a SPNEGO negotiation needs the
 * client's next token (krbap_accept_next_core()); a negative errno from
 * krbap_error_errno() when refused, or -EAGAIN when refused only until
 * the replay cache is restored, with *@result saying why; another
 * negative errno (-ENOMEM) with *@result NULL when the check could not
 * run.
 */
int krbap_accept_core(const struct krbap_acceptor *acc, const u8 *token,
		      size_t len, const char *acceptor,
		      const struct timespec64 *now,
		      struct krbap_result **result)
{
	struct state *st;

	*result = NULL;
	st = state_new(acc, acceptor, now);
	if (!st)
		return -ENOMEM;
	return conclude(st, pipeline(st, token, len), result);
}

/* frees what @r owns, wipes it, leaves @r itself */
static void result_release(struct krbap_result *r)
{
	kfree(r->client);
	kfree(r->server);
	kfree(r->cksum);
	kfree(r->authz);
	kfree(r->pac);
	kfree(r->ap_rep);
	kfree(r->error_token);
	kfree(r->nego);
	memzero_explicit(r, sizeof(*r));
}

static void result_replace(struct krbap_result *r, struct krbap_result *by)
{
	result_release(r);
	*r = *by;
	memzero_explicit(by, sizeof(*by));
	kfree(by);
}

/*
 * The initiator's NegTokenResp, in either round: NULL, or why it is
 * refused, with the code in *@code.
 */
static const char *read_resp(const u8 *token, size_t len,
			     struct krbap_spnego_resp *resp, u32 *code)
{
	*code = KRBAP_KRB_ERR_GENERIC;
	if (krbap_spnego_parse_resp(token, len, resp))
		return "malformed SPNEGO NegTokenResp";
	*code = KRBAP_KRB_AP_ERR_METHOD;
	if (resp->has_neg_state && resp->neg_state == KRBAP_SPNEGO_REJECT)
		return "the SPNEGO initiator gave up the negotiation";
	return NULL;
}

/*
 * The initiator's NegTokenResp carrying its krb5 token after our
 * request-mic (RFC 4178 5); with mutual authentication its MIC comes
 * later, else it must be here.
 */
static int pipeline_resp(struct state *st, const struct krbap_nego *nego,
			 const u8 *token, size_t len)
{
	struct krbap_spnego_resp resp;
	const char *why;
	u32 code;

	st->spnego = true;
	st->res->framing = KRBAP_FRAMING_SPNEGO;
	why = read_resp(token, len, &resp, &code);
	if (why)
		return refuse(st, code, "%s", why);
	if (resp.supported_mech.len)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "SPNEGO initiator's NegTokenResp names a mechanism");
	if (!resp.response_token.len)
		return refuse(st, KRBAP_KRB_ERR_GENERIC,
			      "SPNEGO NegTokenResp carries no Kerberos token");
	st->reneg = true;
	st->neg.mech_types.data = nego->types;
	st->neg.mech_types.len = nego->types_len;
	st->neg.mech_list_mic = resp.mech_list_mic;
	token = resp.response_token.data;
	len = resp.response_token.len;
	return unwrap_gss(st, &token, &len) ?: check_ap_req(st, token, len);
}

/* a refused negotiation keeps nothing of the context: no keys, no name */
static int refuse_nego(struct krbap_result *r, u32 code, const char *why)
{
	/* NegTokenResp { negState reject } */
	static const u8 reject[] = { 0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03,
				     0x0a, 0x01, KRBAP_SPNEGO_REJECT };

	result_release(r);
	r->framing = KRBAP_FRAMING_SPNEGO;
	r->krb_error = code;
	strscpy(r->reason, why, sizeof(r->reason));
	r->error_token = kmemdup(reject, sizeof(reject), GFP_KERNEL);
	r->error_token_len = r->error_token ? sizeof(reject) : 0;
	return krbap_error_errno(code);
}

/* the initiator's NegTokenResp with its mechListMIC, after our AP-REP */
static int finish_mic(const struct krbap_acceptor *acc,
		      struct krbap_result *r, const u8 *token, size_t len,
		      const struct timespec64 *now)
{
	const struct krbap_nego *nego = r->nego;
	const struct krbap_keyblock *key;
	struct krbap_spnego_resp resp;
	const char *why;
	bool sub;
	u32 code;
	u64 seq;
	int ret;

	why = read_resp(token, len, &resp, &code);
	if (why)
		return refuse_nego(r, code, why);
	if (resp.supported_mech.len || resp.response_token.len)
		return refuse_nego(r, KRBAP_KRB_ERR_GENERIC,
				   "SPNEGO NegTokenResp carries a token after the Kerberos exchange");
	if (!resp.mech_list_mic.len)
		return refuse_nego(r, KRBAP_KRB_AP_ERR_MODIFIED,
				   "SPNEGO mechListMIC missing");
	if (now->tv_sec > r->endtime + acc->clock_skew)
		return refuse_nego(r, KRBAP_KRB_AP_ERR_TKT_EXPIRED,
				   "the ticket expired during the negotiation");
	key = krbap_gss_context_key(r, &sub);
	ret = krbap_gss_mic_verify(key, sub, false, nego->types,
				   nego->types_len, resp.mech_list_mic.data,
				   resp.mech_list_mic.len, &seq);
	if (ret == -ENOMEM)
		return ret;
	if (ret)
		return refuse_nego(r, KRBAP_KRB_AP_ERR_MODIFIED,
				   "SPNEGO mechListMIC does not verify");
	if (r->has_seq && seq != r->recv_seq)
		return refuse_nego(r, KRBAP_KRB_AP_ERR_MODIFIED,
				   "SPNEGO mechListMIC out of sequence");
	r->recv_seq++;
	r->continue_needed = false;
	kfree(r->nego);
	r->nego = NULL;
	kfree(r->ap_rep);
	r->ap_rep = NULL;
	r->ap_rep_len = 0;
	return 0;
}

/**
 * krbap_accept_next_core() - the initiator's next SPNEGO token
 * @acc: the namespace's keystore, replay cache and settings
 * @r: a result that krbap_accept_core() or this function left with
 *     continue_needed; updated in place
 * @token: the initiator's NegTokenResp
 * @len: its length
 * @acceptor: as for krbap_accept_core()
 * @now: the current time
 *
 * Context: process context; may sleep.
 * Return: as krbap_accept_core(), with @r the outcome; -EINVAL when @r
 * awaits no token; -ENOMEM with @r unchanged.
 */
int krbap_accept_next_core(const struct krbap_acceptor *acc,
			   struct krbap_result *r, const u8 *token,
			   size_t len, const char *acceptor,
			   const struct timespec64 *now)
{
	struct krbap_result *next;
	struct state *st;
	int ret;

	if (!r->continue_needed || !r->nego)
		return -EINVAL;
	if (r->nego->step == NEGO_WANT_MIC)
		return finish_mic(acc, r, token, len, now);
	st = state_new(acc, acceptor, now);
	if (!st)
		return -ENOMEM;
	ret = conclude(st, pipeline_resp(st, r->nego, token, len), &next);
	if (next)
		result_replace(r, next);
	return ret;
}

/**
 * krbap_result_free() - free a result, wiping its keys
 * @r: result from krbap_accept(), or NULL
 *
 * Context: any context.
 */
void krbap_result_free(struct krbap_result *r)
{
	if (!r)
		return;
	result_release(r);
	kfree(r);
}
EXPORT_SYMBOL_GPL(krbap_result_free);

/**
 * krbap_error_errno() - the errno a refusal maps to
 * @krb_error: an RFC 4120 error code
 *
 * Context: any context.
 * Return: a negative errno; -EACCES for codes with no closer match.
 */
int krbap_error_errno(u32 krb_error)
{
	switch (krb_error) {
	case KRBAP_KRB_AP_ERR_BAD_INTEGRITY:
	case KRBAP_KRB_AP_ERR_MODIFIED:
		return -EBADMSG;
	case KRBAP_KRB_AP_ERR_TKT_EXPIRED:
		return -EKEYEXPIRED;
	case KRBAP_KRB_AP_ERR_TKT_NYV:
		return -EKEYREJECTED;
	case KRBAP_KRB_AP_ERR_REPEAT:
		return -EALREADY;
	case KRBAP_KRB_AP_ERR_SKEW:
		return -ETIME;
	case KRBAP_KRB_AP_ERR_NOT_US:
	case KRBAP_KRB_AP_ERR_BADKEYVER:
	case KRBAP_KRB_AP_ERR_NOKEY:
		return -ENOKEY;
	case KRBAP_KRB_AP_ERR_MSG_TYPE:
	case KRBAP_KRB_AP_ERR_BADVERSION:
	case KRBAP_KRB_ERR_GENERIC:
		return -EPROTO;
	case KDC_ERR_ETYPE_NOSUPP:
	case KRBAP_KRB_AP_ERR_METHOD:
		return -EOPNOTSUPP;
	default:
		return -EACCES;
	}
}
EXPORT_SYMBOL_GPL(krbap_error_errno);
