/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What fuzz_pac.c and its seed generator fuzz_pac_gen.c share: the fixed
 * service keys (one per enctype), the KDC key, the client and authtime
 * the PACs are signed for.
 */
#ifndef KRBAP_FUZZ_PAC_H
#define KRBAP_FUZZ_PAC_H

#include <stdint.h>

#define FP_REALM	"EXAMPLE.ORG"
#define FP_CLIENT	"alice"
#define FP_SERVICE	"nfs/server.example.org@" FP_REALM
#define FP_AUTHTIME	1700000000

struct fp_key {
	int32_t etype;
	unsigned int len;
};

/* the service keys; the KDC (krbtgt) key is an extra aes256 one */
static const struct fp_key fp_keys[] = {
	{ 17, 16 }, { 18, 32 }, { 19, 16 }, { 20, 32 }, { 25, 16 }, { 26, 32 },
	{ 23, 16 },
};
#define FP_NKEYS	(sizeof(fp_keys) / sizeof(fp_keys[0]))
#define FP_KDC_ETYPE	18
#define FP_KDC_LEN	32

/* the fixed bytes of service key @i, or of the KDC key for FP_NKEYS */
static inline void fp_key_bytes(unsigned int i, unsigned char *out)
{
	uint32_t h = 0x70616321u + i * 0x85ebca6bu;
	unsigned int j, len = i < FP_NKEYS ? fp_keys[i].len : FP_KDC_LEN;

	for (j = 0; j < len; j++) {
		h = h * 1664525u + 1013904223u;
		out[j] = h >> 24;
	}
}

#endif
