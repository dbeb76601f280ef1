/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SPNEGO (RFC 4178) tokens built in DER of the tests' own, independent of
 * kmod/der.c: an initiator's NegTokenInit (or Microsoft's NegTokenInit2)
 * around any mechToken, and the NegTokenResp an acceptor must answer, to
 * compare byte for byte.  Shared by test_accept and the fuzz_accept seed
 * generator; plain C, no kernel shims.
 */
#ifndef KRBAP_SPNEGO_DER_H
#define KRBAP_SPNEGO_DER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 1.3.6.1.5.5.2, as DER (tag, length, contents) */
static const uint8_t der_oid_spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01,
					  0x05, 0x05, 0x02 };

#define SPNEGO_HINT	"not_defined_in_RFC4178@please_ignore"

/* a DER OID's whole length, from its one-byte length */
static inline size_t oid_len(const uint8_t *oid)
{
	return oid[1] + 2;
}

/* a DER byte string; the builders below consume their arguments */
struct der {
	uint8_t *p;
	size_t len;
};

static inline struct der der_raw(const void *p, size_t len)
{
	struct der d = { malloc(len ? len : 1), len };

	if (!d.p)
		abort();
	if (len)
		memcpy(d.p, p, len);
	return d;
}

static inline struct der der_cat(struct der a, struct der b)
{
	a.p = realloc(a.p, a.len + b.len + 1);
	if (!a.p)
		abort();
	memcpy(a.p + a.len, b.p, b.len);
	a.len += b.len;
	free(b.p);
	return a;
}

/* @tag, the minimal DER length of @in, @in */
static inline struct der der_tlv(uint8_t tag, struct der in)
{
	uint8_t h[6] = { tag };
	size_t n = 1, k;

	if (in.len < 128) {
		h[n++] = in.len;
	} else {
		k = in.len > 0xffff ? 3 : in.len > 0xff ? 2 : 1;
		h[n++] = 0x80 | k;
		while (k--)
			h[n++] = in.len >> (8 * k);
	}
	return der_cat(der_raw(h, n), in);
}

/* an RFC 2743 3.1 token: [APPLICATION 0] { @oid, @tok_id, @inner } */
static inline struct der gss_tok_der(const uint8_t *oid, uint16_t tok_id,
				     const void *inner, size_t len)
{
	uint8_t id[2] = { tok_id >> 8, tok_id & 0xff };

	return der_tlv(0x60, der_cat(der_cat(der_raw(oid, oid_len(oid)),
					     der_raw(id, 2)),
				     der_raw(inner, len)));
}

/* what goes into a NegTokenInit */
struct neg_init {
	const uint8_t *const *mechs;	/* DER OIDs, the preferred first */
	unsigned int n;
	const uint8_t *inner_oid; /* GSS framing of the mechToken; NULL: none */
	bool flags;		/* reqFlags [1] */
	bool hints;		/* negHints [3], as NegTokenInit2 has */
	bool hints_junk;	/* a byte after negHints' SEQUENCE in [3] */
	bool mic;		/* mechListMIC: [3], or [4] after negHints */
	bool bare;		/* the NegotiationToken [0] without 0x60 */
};

/* the NegTokenInit of @s with @mtok (NULL: none) as its mechToken */
static inline struct der neg_init_der(const struct neg_init *s,
				      const void *mtok, size_t mlen)
{
	static const uint8_t req_flags[] = { 0x01, 0x76 }; /* mutual..integ */
	struct der f = der_raw(NULL, 0);
	unsigned int i;

	for (i = 0; i < s->n; i++)
		f = der_cat(f, der_raw(s->mechs[i], oid_len(s->mechs[i])));
	f = der_tlv(0xa0, der_tlv(0x30, f));
	if (s->flags)
		f = der_cat(f, der_tlv(0xa1, der_tlv(0x03,
			der_raw(req_flags, sizeof(req_flags)))));
	if (mtok)
		f = der_cat(f, der_tlv(0xa2, der_tlv(0x04,
			der_raw(mtok, mlen))));
	if (s->hints)
		f = der_cat(f, der_tlv(0xa3, der_cat(der_tlv(0x30,
			der_tlv(0xa0, der_tlv(0x1b, der_raw(SPNEGO_HINT,
						strlen(SPNEGO_HINT))))),
			der_raw("", s->hints_junk))));
	if (s->mic)
		f = der_cat(f, der_tlv(s->hints ? 0xa4 : 0xa3, der_tlv(0x04,
			der_raw("mic", 3))));
	f = der_tlv(0xa0, der_tlv(0x30, f));
	if (!s->bare)
		f = der_tlv(0x60, der_cat(der_raw(der_oid_spnego,
						  sizeof(der_oid_spnego)), f));
	return f;
}

/* @s's NegTokenInit around an AP-REQ framed under @s->inner_oid */
static inline struct der neg_init_apreq(const struct neg_init *s,
					const void *ap_req, size_t len)
{
	struct der g = { NULL, 0 }, d;

	if (s->inner_oid)
		g = gss_tok_der(s->inner_oid, 0x0100, ap_req, len);
	d = neg_init_der(s, g.p, g.len);
	free(g.p);
	return d;
}

/* the acceptor's NegTokenResp: negState, supportedMech?, responseToken? */
static inline struct der neg_resp_der(uint8_t state, const uint8_t *mech,
				      const void *tok, size_t len)
{
	struct der f = der_tlv(0xa0, der_tlv(0x0a, der_raw(&state, 1)));

	if (mech)
		f = der_cat(f, der_tlv(0xa1, der_raw(mech, oid_len(mech))));
	if (tok)
		f = der_cat(f, der_tlv(0xa2, der_tlv(0x04,
			der_raw(tok, len))));
	return der_tlv(0xa1, der_tlv(0x30, f));
}

#endif /* KRBAP_SPNEGO_DER_H */
