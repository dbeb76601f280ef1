/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What fuzz_accept.c and its seed generator fuzz_accept_gen.c share: the
 * fixed keystore (principals, kvnos, enctypes and key bytes), the fixed
 * clock and the input format.
 *
 * Input: byte 0 selects.
 *   bit 0   0: the rest is a raw AP-REQ.
 *           1: byte 1 is a key index (bits 0-6, modulo FA_NKEYS) and the
 *              mutual-required option (bit 7); bytes 2-3 are the length L
 *              (big endian) of the EncTicketPart plaintext that follows;
 *              the rest is an Authenticator plaintext.  The harness
 *              encrypts the ticket with that key, the authenticator with
 *              the session key the ticket plaintext names (when it names
 *              a usable one), and wraps both into an AP-REQ, so the
 *              decoders and checks behind both decryptions get fuzzed.
 *   bit 1   allow rc4-hmac
 *   bit 2   send an acceptor subkey
 *   bit 3   accept only the principal of key 0 (else any held)
 *   bit 4   a SPNEGO renegotiation (RFC 4178 5): bytes 1-2 are the
 *           length of the first token (a NegTokenInit), which follows;
 *           then two bytes of length L2 and L2 bytes for the initiator's
 *           second token; the rest is its third.  Bit 0 clear: both are
 *           raw tokens.  Bit 0 set: the L2 bytes are a key byte (as byte
 *           1 above, and bit 6 for the initiator's mechListMIC, whose
 *           byte [3k] is flipped when bits 3-5 hold k > 0) and the
 *           ticket and authenticator plaintexts as above; the harness
 *           builds the AP-REQ, frames it as GSS under the krb5 OID the
 *           first token listed, and signs the MIC with the subkey (else
 *           the session key) over the first token's mech list.
 *   bit 5   with bit 4: the third token is the harness's mechListMIC
 *           under the context key, byte [x % len] xored with y and
 *           SND_SEQ z ahead when the rest of the input is x, y, z.
 */
#ifndef KRBAP_FUZZ_ACCEPT_H
#define KRBAP_FUZZ_ACCEPT_H

#include <stddef.h>
#include <stdint.h>

#define FA_REALM	"EXAMPLE.ORG"
#define FA_NOW		1700000000
#define FA_NOW_NS	500000000L
#define FA_SKEW		300

#define FA_RAW		0x00
#define FA_PLAIN	0x01
#define FA_RC4		0x02
#define FA_ACC_SUBKEY	0x04
#define FA_CONSTRAIN	0x08
#define FA_RENEG	0x10
#define FA_MIC3		0x20
#define FA_MIC2		0x40	/* in a FA_RENEG round-2 key byte */
#define FA_MIC2_FLIP(b)	(((b) >> 3 & 7) * 3)
#define FA_MUTUAL	0x80

struct fa_key {
	const char *svc;	/* first name component */
	const char *host;	/* second */
	const char *principal;	/* unparsed */
	uint32_t kvno;
	int32_t etype;
	unsigned int len;
};

#define FA_PRINC(s)	s, "server.example.org", s "/server.example.org@" FA_REALM
static const struct fa_key fa_keys[] = {
	{ FA_PRINC("nfs"), 3, 18, 32 },
	{ FA_PRINC("nfs"), 3, 17, 16 },
	{ FA_PRINC("nfs"), 3, 20, 32 },
	{ FA_PRINC("nfs"), 3, 26, 32 },
	{ FA_PRINC("nfs"), 3, 23, 16 },
	{ FA_PRINC("cifs"), 2, 19, 16 },
	{ FA_PRINC("cifs"), 4, 19, 16 },
	{ FA_PRINC("host"), 1, 25, 16 },
};
#define FA_NKEYS	(sizeof(fa_keys) / sizeof(fa_keys[0]))

/* the fixed key bytes of fa_keys[i] */
static inline void fa_key_bytes(unsigned int i, unsigned char *out)
{
	uint32_t h = 0x6b726261u + i * 0x9e3779b9u;
	unsigned int j;

	for (j = 0; j < fa_keys[i].len; j++) {
		h = h * 1103515245u + 12345u;
		out[j] = h >> 16;
	}
}

#endif
