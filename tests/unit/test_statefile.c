// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapd's replay cache state file: round trips, expiry, and every kind
 * of damage (bad header, corrupt record, torn tail) costing only itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "../../helper/statefile.h"

static char dir[] = "/tmp/test_statefile.XXXXXX";
static char path[256];

static struct sf_rec rec(int i, int64_t expires)
{
	struct sf_rec r;

	memset(r.digest, i, sizeof(r.digest));
	r.digest[0] = i >> 8;
	r.expires = expires;
	return r;
}

/* writes a fresh file of n records, the odd ones expired at 50 */
static void make_file(int n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	struct sf_rec r;

	sf_write_header(fd);
	for (int i = 0; i < n; i++) {
		r = rec(i, i % 2 ? 50 : 1000 + i);
		sf_append(fd, &r, 1);
	}
	close(fd);
}

static int load(struct sf_recs *out, struct sf_load_stats *st)
{
	int fd = open(path, O_RDONLY);
	int ret = sf_load(fd, 100, out, st);

	close(fd);
	return ret;
}

static void poke(off_t off, uint8_t v)
{
	int fd = open(path, O_WRONLY);

	pwrite(fd, &v, 1, off);
	close(fd);
}

int main(void)
{
	struct sf_recs out = { 0 };
	struct sf_load_stats st;
	char tmp[300];
	struct sf_rec r;
	struct stat sb;
	int fd;

	if (!mkdtemp(dir))
		return 2;
	snprintf(path, sizeof(path), "%s/rcache", dir);

	ok(sf_crc32("123456789", 9) == 0xcbf43926, "CRC-32 check value");

	make_file(10);
	stat(path, &sb);
	ok(sb.st_size == SF_HEADER_LEN + 10 * SF_RECORD_LEN, "file size");
	ok(!load(&out, &st) && out.n == 5 && st.live == 5 && st.expired == 5 &&
	   !st.bad && !st.torn && !st.bad_header,
	   "5 live and 5 expired records load as such");
	r = rec(4, 1004);
	ok(out.n > 2 && !memcmp(&out.v[2].digest, r.digest, SF_DIGEST_LEN) &&
	   out.v[2].expires == 1004, "a record comes back intact");
	sf_recs_free(&out);

	poke(SF_HEADER_LEN + 2 * SF_RECORD_LEN + 5, 0xee);
	ok(!load(&out, &st) && st.bad == 1 && st.live == 4,
	   "a corrupt digest costs only its record");
	sf_recs_free(&out);

	make_file(10);
	poke(SF_HEADER_LEN + 4 * SF_RECORD_LEN + 28, 1);
	ok(!load(&out, &st) && st.bad == 1 && st.live == 4,
	   "a non-zero reserved field marks the record bad");
	sf_recs_free(&out);

	make_file(10);
	truncate(path, SF_HEADER_LEN + 10 * SF_RECORD_LEN - 7);
	ok(!load(&out, &st) && st.torn == SF_RECORD_LEN - 7 && st.live == 5 &&
	   st.expired == 4, "a torn last record is counted and skipped");
	sf_recs_free(&out);

	make_file(3);
	poke(3, 'x');
	ok(!load(&out, &st) && st.bad_header && out.n == 0,
	   "a bad magic loads nothing and says so");
	make_file(3);
	poke(8, 2);
	ok(!load(&out, &st) && st.bad_header && out.n == 0,
	   "another version loads nothing and says so");
	truncate(path, 5);
	ok(!load(&out, &st) && st.bad_header && out.n == 0,
	   "a truncated header loads nothing and says so");

	fd = open(path, O_WRONLY | O_TRUNC);
	close(fd);
	ok(!load(&out, &st) && !st.bad_header && out.n == 0,
	   "an empty file is a fresh one");

	make_file(10);
	load(&out, &st);
	ok(!sf_rewrite(dir, "rcache", &out), "rewrite succeeds");
	sf_recs_free(&out);
	stat(path, &sb);
	ok(sb.st_size == SF_HEADER_LEN + 5 * SF_RECORD_LEN &&
	   (sb.st_mode & 0777) == 0600,
	   "rewrite keeps only live records, mode 0600");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ok(stat(tmp, &sb) && errno == ENOENT, "rewrite leaves no .tmp behind");
	ok(!load(&out, &st) && out.n == 5 && !st.expired,
	   "the rewritten file loads its 5 records");
	sf_recs_free(&out);

	ok(sf_rewrite("/nonexistent-dir", "rcache", &out) < 0,
	   "rewrite into a missing directory fails cleanly");
	fd = open(path, O_RDONLY);
	r = rec(1, 1);
	ok(sf_append(fd, &r, 1) < 0, "append to a read-only fd fails cleanly");
	close(fd);
	ok(sf_load(-1, 0, &out, &st) < 0, "load from a bad fd fails cleanly");

	unlink(path);
	rmdir(dir);
	return tap_done();
}
