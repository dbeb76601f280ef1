// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tokens.h"

/* the whole file, or NULL; *len set */
static uint8_t *slurp(const char *path, size_t *len)
{
	size_t cap = 1 << 20, got = 0, r;
	uint8_t *buf = malloc(cap), *nb;
	FILE *f = fopen(path, "rb");

	if (!f || !buf)
		goto fail;
	while ((r = fread(buf + got, 1, cap - got, f)) > 0) {
		got += r;
		if (got < cap)
			continue;
		nb = realloc(buf, cap * 2);
		if (!nb)
			goto fail;
		buf = nb;
		cap *= 2;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	*len = got;
	return buf;
fail:
	if (f)
		fclose(f);
	free(buf);
	return NULL;
}

/* counts the records of buf, -1 when one runs past the end */
static long count(const uint8_t *buf, size_t len)
{
	size_t off = 0;
	uint32_t be;
	long n = 0;

	while (off < len) {
		if (len - off < 4)
			return -1;
		memcpy(&be, buf + off, 4);
		off += 4;
		if (ntohl(be) == 0 || ntohl(be) > len - off)
			return -1;
		off += ntohl(be);
		n++;
	}
	return n;
}

int tokens_load(const char *path, struct tokens *t)
{
	size_t len, off = 0, i;
	uint32_t be;
	long n;

	memset(t, 0, sizeof(*t));
	t->buf = slurp(path, &len);
	if (!t->buf)
		return -1;
	n = count(t->buf, len);
	if (n <= 0 || !(t->tok = calloc(n, sizeof(*t->tok)))) {
		free(t->buf);
		return -1;
	}
	for (i = 0; i < (size_t)n; i++) {
		memcpy(&be, t->buf + off, 4);
		t->tok[i].data = t->buf + off + 4;
		t->tok[i].len = ntohl(be);
		off += 4 + t->tok[i].len;
	}
	t->n = n;
	return 0;
}

void tokens_free(struct tokens *t)
{
	free(t->tok);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
