/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Token files written by mktokens: records of a 4-byte big-endian length
 * followed by that many bytes of KRB_AP_REQ.
 */
#ifndef KRBAP_BENCH_TOKENS_H
#define KRBAP_BENCH_TOKENS_H

#include <stddef.h>
#include <stdint.h>

struct token {
	const uint8_t *data;
	size_t len;
};

struct tokens {
	uint8_t *buf;
	size_t n;
	struct token *tok;
};

int tokens_load(const char *path, struct tokens *t);
void tokens_free(struct tokens *t);
double now_s(void);

#endif /* KRBAP_BENCH_TOKENS_H */
