// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MS-PAC in a ticket's authorization-data: find, parse, verify; see
 * pac.h.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "crypto/krb5.h"
#include "gss.h"
#include "msg.h"
#include "pac.h"

#define PACTYPE_LEN		8	/* cBuffers, Version */
#define INFO_LEN		16	/* ulType, cbBufferSize, Offset */
#define PAC_ALIGN		8
#define SIG_TYPE_LEN		4	/* SignatureType */
#define CLIENT_INFO_LEN		10	/* ClientId, NameLength */
#define UPN_LEN			12	/* two (length, offset) pairs, Flags */
#define UPN_EXT_LEN		20	/* and two more */

/* seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01 */
#define FILETIME_EPOCH		11644473600LL
#define FILETIME_HZ		10000000ULL

static u16 le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 le64(const u8 *p)
{
	return le32(p) | (u64)le32(p + 4) << 32;
}

/**
 * krbap_pac_find() - the PAC in a ticket's authorization-data
 * @authz: the EncTicketPart's AuthorizationData, the whole DER SEQUENCE
 *	(empty when the ticket has none)
 * @pac: set to the AD-WIN2K-PAC contents, a slice of @authz
 *
 * A KDC wraps the PAC in AD-IF-RELEVANT ([MS-PAC] 4).  We look where
 * MIT's acceptor looks (its authdata framework, krb5_find_authdata()):
 * at the top level and inside AD-IF-RELEVANT at any depth, here up to
 * KRBAP_PAC_AD_DEPTH, so a bare PAC counts too; it is trusted only once
 * its server signature verifies, wherever it was.  (MIT's KDC looks only
 * one AD-IF-RELEVANT down.)  Other containers are not opened.  MIT takes
 * the first PAC it meets; we refuse a second one anywhere rather than
 * pick, and refuse an AD-IF-RELEVANT that does not decode, as MIT does.
 *
 * Context: any.
 * Return: 0; -ENOENT no PAC; -EBADMSG malformed or two PACs; -EMSGSIZE
 * AD-IF-RELEVANT nested deeper than KRBAP_PAC_AD_DEPTH.
 */
int krbap_pac_find(struct krbap_bytes authz, struct krbap_bytes *pac)
{
	struct krbap_seq_iter it[KRBAP_PAC_AD_DEPTH + 1];
	struct krbap_bytes v, found = { NULL, 0 };
	unsigned int depth = 0, n = 0;
	s32 type;
	int ret;

	if (krbap_seq_iter_init(&it[0], authz))
		return -EBADMSG;
	for (;;) {
		ret = krbap_seq_iter_next(&it[depth], &type, &v);
		if (ret < 0)
			return -EBADMSG;
		if (!ret) {
			if (!depth)
				break;
			depth--;
		} else if (type == KRBAP_AD_WIN2K_PAC) {
			if (n++)
				return -EBADMSG;
			found = v;
		} else if (type == KRBAP_AD_IF_RELEVANT) {
			if (depth == KRBAP_PAC_AD_DEPTH)
				return -EMSGSIZE;
			depth++;
			if (!v.len || krbap_seq_iter_init(&it[depth], v))
				return -EBADMSG;
		}
	}
	if (!n)
		return -ENOENT;
	*pac = found;
	return 0;
}

/* one UTF-16LE code point: 0, or -EBADMSG for a lone surrogate */
static int utf16_next(const u8 **p, size_t *left, u32 *cp)
{
	u32 hi, lo;

	hi = le16(*p);
	*p += 2;
	*left -= 2;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return -EBADMSG;
	if (hi < 0xd800 || hi > 0xdbff) {
		*cp = hi;
		return 0;
	}
	if (*left < 2)
		return -EBADMSG;
	lo = le16(*p);
	if (lo < 0xdc00 || lo > 0xdfff)
		return -EBADMSG;
	*p += 2;
	*left -= 2;
	*cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	return 0;
}

/* well-formed UTF-16LE without U+0000 */
static int check_utf16(struct krbap_bytes s)
{
	const u8 *p = s.data;
	size_t left = s.len;
	u32 cp;

	if (left % 2)
		return -EBADMSG;
	while (left) {
		if (utf16_next(&p, &left, &cp) || !cp)
			return -EBADMSG;
	}
	return 0;
}

static int parse_signature(struct krbap_bytes b, struct krbap_pac_signature *s)
{
	if (b.len < SIG_TYPE_LEN)
		return -EBADMSG;
	s->type = (s32)le32(b.data);
	s->value.data = b.data + SIG_TYPE_LEN;
	s->value.len = b.len - SIG_TYPE_LEN;
	return 0;
}

/* MIT allows bytes after the name; so do we */
static int parse_client_info(struct krbap_bytes b,
			     struct krbap_pac_client_info *ci)
{
	size_t n;

	if (b.len < CLIENT_INFO_LEN)
		return -EBADMSG;
	n = le16(b.data + 8);
	if (n > b.len - CLIENT_INFO_LEN)
		return -EBADMSG;
	ci->client_id = le64(b.data);
	ci->name.data = b.data + CLIENT_INFO_LEN;
	ci->name.len = n;
	return check_utf16(ci->name);
}

/* a (length, offset) pair of UPN_DNS_INFO, offsets from its start */
static int upn_field(struct krbap_bytes b, const u8 *pair, bool utf16,
		     struct krbap_bytes *out)
{
	size_t len = le16(pair), off = le16(pair + 2);

	out->data = NULL;
	out->len = 0;
	if (!len)
		return 0;
	if ((utf16 && len % 2) || off > b.len || len > b.len - off)
		return -EBADMSG;
	out->data = b.data + off;
	out->len = len;
	return 0;
}

static int parse_upn_dns_info(struct krbap_bytes b,
			      struct krbap_pac_upn_dns_info *u)
{
	int err;

	if (b.len < UPN_LEN)
		return -EBADMSG;
	u->flags = le32(b.data + 8);
	err = upn_field(b, b.data, true, &u->upn);
	err = err ?: upn_field(b, b.data + 4, true, &u->dns_domain);
	u->sam_name.data = NULL;
	u->sam_name.len = 0;
	u->sid = u->sam_name;
	if (err || !(u->flags & KRBAP_PAC_UPN_EXTENDED))
		return err;
	if (b.len < UPN_EXT_LEN)
		return -EBADMSG;
	err = upn_field(b, b.data + 12, true, &u->sam_name);
	return err ?: upn_field(b, b.data + 16, false, &u->sid);
}

/* the buffers we read, each at most once (MIT refuses lookups of twins) */
static int parse_known(u32 type, struct krbap_bytes b, struct krbap_pac *out)
{
	bool *seen;
	int err = 0;

	switch (type) {
	case KRBAP_PAC_LOGON_INFO:
		seen = &out->has_logon_info;
		out->logon_info = b;
		break;
	case KRBAP_PAC_SERVER_CHECKSUM:
		seen = &out->has_server_cksum;
		err = parse_signature(b, &out->server_cksum);
		break;
	case KRBAP_PAC_PRIVSVR_CHECKSUM:
		seen = &out->has_kdc_cksum;
		err = parse_signature(b, &out->kdc_cksum);
		break;
	case KRBAP_PAC_CLIENT_INFO:
		seen = &out->has_client_info;
		err = parse_client_info(b, &out->client_info);
		break;
	case KRBAP_PAC_UPN_DNS_INFO:
		seen = &out->has_upn_dns_info;
		err = parse_upn_dns_info(b, &out->upn_dns_info);
		break;
	default:
		return 0;
	}
	if (*seen)
		return -EBADMSG;
	*seen = true;
	return err;
}

/* PAC_INFO_BUFFER @i of a PAC whose header is known to fit */
static int info_buffer(const u8 *buf, size_t len, unsigned int i, u32 *type,
		       struct krbap_bytes *b)
{
	const u8 *p = buf + PACTYPE_LEN + (size_t)i * INFO_LEN;
	size_t hdr = PACTYPE_LEN + (size_t)le32(buf) * INFO_LEN;
	u32 size = le32(p + 4);
	u64 off = le64(p + 8);

	*type = le32(p);
	if (off % PAC_ALIGN || off < hdr || off > len || size > len - off)
		return -EBADMSG;
	b->data = buf + off;
	b->len = size;
	return 0;
}

static bool overlap(struct krbap_bytes a, struct krbap_bytes b)
{
	if (!a.len || !b.len)
		return false;
	return a.data < b.data + b.len && b.data < a.data + a.len;
}

/* MIT does not look for overlaps; a PAC a KDC built has none */
static int check_overlaps(const u8 *buf, size_t len, unsigned int n)
{
	struct krbap_bytes a, b;
	unsigned int i, j;
	u32 type;

	for (i = 0; i < n; i++) {
		info_buffer(buf, len, i, &type, &a);
		for (j = i + 1; j < n; j++) {
			info_buffer(buf, len, j, &type, &b);
			if (overlap(a, b))
				return -EBADMSG;
		}
	}
	return 0;
}

/**
 * krbap_pac_parse() - read a PAC's header and the buffers we use
 * @buf: the PAC, as krbap_pac_find() found it
 * @len: its length
 * @out: the result, pointing into @buf
 *
 * PACTYPE is cBuffers and Version (which must be 0), both 32-bit
 * little-endian, then cBuffers PAC_INFO_BUFFERs: ulType, cbBufferSize
 * and a 64-bit Offset from the start of the PAC.  As MIT: at least one
 * buffer; every Offset a multiple of 8, past the header, and the buffer
 * inside @len.  Beyond MIT: at most KRBAP_PAC_MAX_BUFFERS buffers, no two
 * non-empty buffers overlap, LOGON_INFO, the two signatures, CLIENT_INFO
 * and UPN_DNS_INFO each at most once and well-formed.  Other buffer
 * types may repeat and are not looked at.
 *
 * Context: any.
 * Return: 0; -EBADMSG malformed; -EMSGSIZE over KRBAP_PAC_MAX_LEN or
 * KRBAP_PAC_MAX_BUFFERS.
 */
int krbap_pac_parse(const u8 *buf, size_t len, struct krbap_pac *out)
{
	struct krbap_bytes b;
	unsigned int i, n;
	u32 type;
	int err;

	memset(out, 0, sizeof(*out));
	if (len > KRBAP_PAC_MAX_LEN)
		return -EMSGSIZE;
	if (len < PACTYPE_LEN || le32(buf + 4))
		return -EBADMSG;
	n = le32(buf);
	if (!n)
		return -EBADMSG;
	if (n > KRBAP_PAC_MAX_BUFFERS)
		return -EMSGSIZE;
	if (len < PACTYPE_LEN + (size_t)n * INFO_LEN)
		return -EBADMSG;
	for (i = 0; i < n; i++) {
		err = info_buffer(buf, len, i, &type, &b);
		err = err ?: parse_known(type, b, out);
		if (err)
			goto fail;
	}
	err = check_overlaps(buf, len, n);
	if (err)
		goto fail;
	out->raw.data = buf;
	out->raw.len = len;
	out->n_buffers = n;
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	return err;
}

/**
 * krbap_pac_buffer() - one buffer of a parsed PAC
 * @pac: the PAC
 * @type: its ulType (KRBAP_PAC_*)
 * @out: set to the buffer, a slice of @pac->raw
 *
 * Context: any.
 * Return: 0; -ENOENT none of that type; -EBADMSG more than one, as in
 * MIT's lookups.
 */
int krbap_pac_buffer(const struct krbap_pac *pac, u32 type,
		     struct krbap_bytes *out)
{
	struct krbap_bytes b;
	unsigned int i, n = 0;
	u32 t;

	for (i = 0; i < pac->n_buffers; i++) {
		if (info_buffer(pac->raw.data, pac->raw.len, i, &t, &b))
			return -EBADMSG;
		if (t != type)
			continue;
		if (n++)
			return -EBADMSG;
		*out = b;
	}
	return n ? 0 : -ENOENT;
}

/*
 * The client name as MIT compares it (krb5_unparse_name_flags() with
 * DISPLAY and NO_REALM): the components joined by '/', nothing quoted.
 */
struct name_cursor {
	const struct krbap_principal *p;
	unsigned int comp;
	size_t off;
};

static int name_next(struct name_cursor *c)
{
	const struct krbap_principal *p = c->p;
	unsigned int n = min_t(unsigned int, p->ncomp,
			       KRBAP_MAX_NAME_COMPONENTS);

	while (c->comp < n) {
		if (c->off < p->comp[c->comp].len)
			return p->comp[c->comp].data[c->off++];
		c->comp++;
		c->off = 0;
		if (c->comp < n)
			return '/';
	}
	return -1;
}

static unsigned int utf8_put(u32 cp, u8 *s)
{
	if (cp < 0x80) {
		s[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = 0xc0 | cp >> 6;
		s[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		s[0] = 0xe0 | cp >> 12;
		s[1] = 0x80 | (cp >> 6 & 0x3f);
		s[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	s[0] = 0xf0 | cp >> 18;
	s[1] = 0x80 | (cp >> 12 & 0x3f);
	s[2] = 0x80 | (cp >> 6 & 0x3f);
	s[3] = 0x80 | (cp & 0x3f);
	return 4;
}

static int name_cmp(struct krbap_bytes name, const struct krbap_principal *pr)
{
	struct name_cursor c = { .p = pr };
	const u8 *p = name.data;
	size_t left = name.len;
	unsigned int i, n;
	u8 enc[4];
	u32 cp;

	if (left % 2)
		return -EBADMSG;
	while (left) {
		if (utf16_next(&p, &left, &cp) || !cp)
			return -EBADMSG;
		n = utf8_put(cp, enc);
		for (i = 0; i < n; i++)
			if (name_next(&c) != enc[i])
				return -EACCES;
	}
	return name_next(&c) < 0 ? 0 : -EACCES;
}

/*
 * As MIT: ClientId truncated to whole seconds, and only times from 1970
 * to 2106 (MIT's unsigned 32-bit timestamps) can match.
 */
static bool authtime_eq(u64 client_id, time64_t authtime)
{
	u64 lo;

	if (authtime < 0 || authtime > U32_MAX)
		return false;
	lo = (u64)(authtime + FILETIME_EPOCH) * FILETIME_HZ;
	return client_id >= lo && client_id - lo < FILETIME_HZ;
}

static void zero_signature(u8 *copy, const struct krbap_pac *pac,
			   const struct krbap_pac_signature *s)
{
	memset(copy + (s->value.data - pac->raw.data), 0, s->value.len);
}

static int check_server_cksum(const struct krbap_pac *pac,
			      const struct krbap_ukey *uk)
{
	const struct krbap_pac_signature *s = &pac->server_cksum;
	size_t cklen = uk->et->cksumlen;
	u8 *copy;
	int err;

	if (s->type != uk->et->cksumtype)
		return -EOPNOTSUPP;
	if (s->value.len < cklen)
		return -EBADMSG;
	copy = kvmalloc(pac->raw.len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, pac->raw.data, pac->raw.len);
	zero_signature(copy, pac, s);
	zero_signature(copy, pac, &pac->kdc_cksum);
	err = krbap_checksum_verify(uk, copy, pac->raw.len, s->value.data,
				    cklen);
	kvfree(copy);
	return err == -EBADMSG ? -EKEYREJECTED : err;
}

/**
 * krbap_pac_verify_ukey() - krbap_pac_verify() with a prepared key
 * @pac: a parsed PAC
 * @uk: the service key prepared with KRBAP_KU_CHECKSUM for usage
 *	KRBAP_PAC_KEY_USAGE (a caller that keeps one saves the transform
 *	allocation krbap_pac_verify() makes)
 * @client: the ticket's client principal
 * @authtime: the ticket's authtime
 *
 * Allocates a copy of the PAC (at most KRBAP_PAC_MAX_LEN bytes).
 *
 * Context: process context; may sleep.
 * Return: 0 verified; -EINVAL @uk not prepared so; and see
 * krbap_pac_verify().
 */
int krbap_pac_verify_ukey(const struct krbap_pac *pac,
			  const struct krbap_ukey *uk,
			  const struct krbap_principal *client,
			  time64_t authtime)
{
	const struct krbap_pac_client_info *ci = &pac->client_info;
	int err;

	if (!uk->et || !(uk->flags & KRBAP_KU_CHECKSUM) ||
	    uk->usage != KRBAP_PAC_KEY_USAGE)
		return -EINVAL;
	if (!pac->has_server_cksum || !pac->has_kdc_cksum ||
	    !pac->has_client_info)
		return -EBADMSG;
	err = check_server_cksum(pac, uk);
	if (err)
		return err;
	err = name_cmp(ci->name, client);
	if (!err && !authtime_eq(ci->client_id, authtime))
		err = -EACCES;
	return err;
}

/**
 * krbap_pac_verify() - check a PAC's server signature and client
 * @pac: a parsed PAC
 * @service_key: the key that decrypted the ticket
 * @client: the ticket's client principal (cname; the realm is not
 *	compared)
 * @authtime: the ticket's authtime
 *
 * As MIT's acceptor (krb5_pac_verify()): the PAC must hold a server
 * signature, a KDC signature and CLIENT_INFO.  The server signature is
 * the service key's keyed checksum (key usage 17) over the PAC with the
 * signature bytes of both signatures, everything after SignatureType,
 * set to zero.  Nothing else is zeroed: MIT 1.21 and later verify a
 * full-PAC checksum (type 19, with the krbtgt key) over a copy with it
 * zeroed too, but the server signature covers it, and 1.20 does not
 * know it.  Beyond MIT, SignatureType must be @service_key's own
 * checksum type (MIT also takes HMAC-MD5 with any key).  CLIENT_INFO's
 * ClientId, in whole seconds, must be @authtime and its Name the
 * client's components joined by '/', unquoted and without the realm.
 * UPN_DNS_INFO is not consulted, as in MIT.
 *
 * Context: process context; may sleep (allocates the checksum transforms
 * and a copy of the PAC).
 * Return: 0 verified; -EBADMSG a signature or CLIENT_INFO missing or
 * malformed; -EOPNOTSUPP a server signature of another type;
 * -EKEYREJECTED a server signature that does not verify; -EACCES
 * another client or authtime; -EINVAL, -ENOMEM.
 */
int krbap_pac_verify(const struct krbap_pac *pac,
		     const struct krbap_key *service_key,
		     const struct krbap_principal *client, time64_t authtime)
{
	struct krbap_ukey uk;
	int err;

	err = krbap_ukey_init(&uk, service_key, KRBAP_PAC_KEY_USAGE,
			      KRBAP_KU_CHECKSUM);
	if (err)
		return err;
	err = krbap_pac_verify_ukey(pac, &uk, client, authtime);
	krbap_ukey_destroy(&uk);
	return err;
}
