/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: lib/crypto's RC4 (implemented in crypto_openssl.c). */
#ifndef KRBAP_SHIM_CRYPTO_ARC4_H
#define KRBAP_SHIM_CRYPTO_ARC4_H

#include <linux/types.h>

struct arc4_ctx {
	u32 S[256];
	u32 x, y;
};

int arc4_setkey(struct arc4_ctx *ctx, const u8 *in_key, unsigned int key_len);
void arc4_crypt(struct arc4_ctx *ctx, u8 *out, const u8 *in, unsigned int len);

#endif
