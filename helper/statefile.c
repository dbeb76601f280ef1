// SPDX-License-Identifier: GPL-2.0-only
/*
 * The replay cache state file (see statefile.h for the layout).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "statefile.h"

static const char magic[8] = "KRBAPRC";	/* with its NUL: 8 bytes */
#define SF_VERSION	1

/**
 * sf_crc32() - CRC-32 (IEEE 802.3, reflected), bitwise
 * @p: data
 * @n: its length
 *
 * Return: the checksum.
 */
uint32_t sf_crc32(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t crc = ~0U;

	while (n--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320U & -(crc & 1));
	}
	return ~crc;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/**
 * sf_recs_add() - append a record to a growable list
 * @r: the list
 * @digest: SF_DIGEST_LEN bytes
 * @expires: seconds since the epoch
 *
 * Return: 0 or -ENOMEM.
 */
int sf_recs_add(struct sf_recs *r, const uint8_t *digest, int64_t expires)
{
	struct sf_rec *v;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 256;

		v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		r->v = v;
		r->cap = cap;
	}
	memcpy(r->v[r->n].digest, digest, SF_DIGEST_LEN);
	r->v[r->n++].expires = expires;
	return 0;
}

/**
 * sf_recs_free() - free a list
 * @r: the list
 */
void sf_recs_free(struct sf_recs *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static void encode(uint8_t *out, const struct sf_rec *rec)
{
	memcpy(out, rec->digest, SF_DIGEST_LEN);
	put_le(out + 16, (uint64_t)rec->expires, 8);
	put_le(out + 24, sf_crc32(out, 24), 4);
	put_le(out + 28, 0, 4);
}

/* 1 good, 0 corrupt */
static int decode(const uint8_t *in, struct sf_rec *rec)
{
	if (get_le(in + 24, 4) != sf_crc32(in, 24) || get_le(in + 28, 4))
		return 0;
	memcpy(rec->digest, in, SF_DIGEST_LEN);
	rec->expires = (int64_t)get_le(in + 16, 8);
	return 1;
}

static void header(uint8_t *h)
{
	memcpy(h, magic, sizeof(magic));
	put_le(h + 8, SF_VERSION, 4);
	put_le(h + 12, sf_crc32(h, 12), 4);
}

static ssize_t read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;
	ssize_t r;

	while (got < len) {
		r = read(fd, buf + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		got += r;
	}
	return got;
}

static int write_full(int fd, const uint8_t *buf, size_t len)
{
	ssize_t w;

	while (len) {
		w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		len -= w;
	}
	return 0;
}

/**
 * sf_load() - read the live records of a state file
 * @fd: the file, positioned at its start
 * @now: records that expired before this are skipped
 * @out: live records are appended here
 * @st: what was found
 *
 * An empty file is a fresh one.  A bad header loads nothing and sets
 * @st->bad_header; bad records are counted and skipped.
 *
 * Return: 0, or a negative errno when reading failed.
 */
int sf_load(int fd, int64_t now, struct sf_recs *out,
	    struct sf_load_stats *st)
{
	uint8_t h[SF_HEADER_LEN], want[SF_HEADER_LEN], buf[SF_RECORD_LEN * 256];
	struct sf_rec rec;
	ssize_t got;
	size_t i;

	memset(st, 0, sizeof(*st));
	got = read_full(fd, h, sizeof(h));
	if (got <= 0)
		return got;
	header(want);
	if (got < (ssize_t)sizeof(h) || memcmp(h, want, sizeof(h))) {
		st->bad_header = 1;
		return 0;
	}
	while ((got = read_full(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i + SF_RECORD_LEN <= (size_t)got; i += SF_RECORD_LEN) {
			if (!decode(buf + i, &rec))
				st->bad++;
			else if (rec.expires < now)
				st->expired++;
			else if (sf_recs_add(out, rec.digest, rec.expires))
				return -ENOMEM;
			else
				st->live++;
		}
		st->torn = got - i;
		if (st->torn)
			break;
	}
	return got < 0 ? got : 0;
}

/**
 * sf_write_header() - start an empty state file
 * @fd: the file, empty
 *
 * Return: 0 or a negative errno.
 */
int sf_write_header(int fd)
{
	uint8_t h[SF_HEADER_LEN];

	header(h);
	return write_full(fd, h, sizeof(h));
}

/**
 * sf_append() - append records
 * @fd: the file, opened O_APPEND
 * @recs: records
 * @n: how many
 *
 * Return: 0 or a negative errno (-ENOSPC on a full disk).
 */
int sf_append(int fd, const struct sf_rec *recs, size_t n)
{
	uint8_t buf[SF_RECORD_LEN * 128];
	size_t i, k;
	int ret;

	for (i = 0; i < n; i += k) {
		for (k = 0; k < 128 && i + k < n; k++)
			encode(buf + k * SF_RECORD_LEN, &recs[i + k]);
		ret = write_full(fd, buf, k * SF_RECORD_LEN);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * sf_rewrite() - replace a state file with exactly the given records
 * @dir: its directory
 * @name: its name in @dir
 * @live: the records
 *
 * Writes NAME.tmp, syncs it, renames it over NAME and syncs the
 * directory: a crash leaves either the old file or the new one.
 *
 * Return: 0 or a negative errno.
 */
int sf_rewrite(const char *dir, const char *name, const struct sf_recs *live)
{
	char tmp[4096], path[4096];
	int fd, dfd, ret;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	ret = sf_write_header(fd);
	if (!ret)
		ret = sf_append(fd, live->v, live->n);
	if (!ret && fsync(fd))
		ret = -errno;
	close(fd);
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return ret;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}
