/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The replay cache state file: a versioned header, then fixed-size
 * records, each with its own checksum, appended as the kernel streams
 * new entries and rewritten (compacted) atomically.
 *
 *   header  "KRBAPRC\0" | u32 version (1) | u32 crc32 of the 12 bytes
 *   record  digest[16] | s64 expires | u32 crc32 of the 24 bytes | u32 0
 *
 * Integers are little-endian.  A torn or corrupt record costs only
 * itself; a bad header costs the file (the caller keeps it aside).
 */
#ifndef KRBAPD_STATEFILE_H
#define KRBAPD_STATEFILE_H

#include <stddef.h>
#include <stdint.h>

#define SF_DIGEST_LEN	16
#define SF_HEADER_LEN	16
#define SF_RECORD_LEN	32

struct sf_rec {
	uint8_t digest[SF_DIGEST_LEN];
	int64_t expires;
};

struct sf_recs {
	struct sf_rec *v;
	size_t n, cap;
};

struct sf_load_stats {
	size_t live;		/* records returned */
	size_t expired;		/* well-formed but past their expiry */
	size_t bad;		/* checksum or reserved field wrong */
	size_t torn;		/* bytes of an incomplete last record */
	int bad_header;		/* the file is not ours or not this version */
};

uint32_t sf_crc32(const void *p, size_t n);
int sf_recs_add(struct sf_recs *r, const uint8_t *digest, int64_t expires);
void sf_recs_free(struct sf_recs *r);
int sf_load(int fd, int64_t now, struct sf_recs *out,
	    struct sf_load_stats *st);
int sf_write_header(int fd);
int sf_append(int fd, const struct sf_rec *recs, size_t n);
int sf_rewrite(const char *dir, const char *name, const struct sf_recs *live);

#endif /* KRBAPD_STATEFILE_H */
