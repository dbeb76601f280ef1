// SPDX-License-Identifier: GPL-2.0-only
/*
 * The durable replay cache: entries the kernel streams are appended to
 * STATE_DIR/rcache and synced in batches; at registration the live ones
 * are restored into the kernel (closing its restore window) and the file
 * is compacted.  A damaged file loses only its damaged records; a full
 * disk is logged and counted, and the daemon goes on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "krbapd.h"
#include "statefile.h"

#define STATE_NAME		"rcache"
#define RESTORE_BATCH		96	/* 36 bytes each: one page-sized libnl message */
#define COMPACT_INTERVAL_MS	(10 * 60 * 1000)

static char dir[4096];
static char path[4200];
static int fd = -1;
static unsigned int sync_ms;
static bool dirty;
static int64_t synced_at, compacted_at;
static unsigned long lost;

static int64_t wall_now(void)
{
	return time(NULL);
}

static int open_state(void)
{
	struct stat st;

	fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0 && st.st_size == 0)
		return sf_write_header(fd);
	return 0;
}

/**
 * persist_init() - create the state directory and open the state file
 * @state_dir: where the file lives; created 0700 if missing
 * @fsync_ms: how often appended entries are synced to disk
 *
 * Return: 0 or a negative errno (logged).
 */
int persist_init(const char *state_dir, unsigned int fsync_ms)
{
	int ret;

	sync_ms = fsync_ms;
	if (snprintf(dir, sizeof(dir), "%s", state_dir) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	snprintf(path, sizeof(path), "%s/%s", dir, STATE_NAME);
	if (mkdir(dir, 0700) && errno != EEXIST) {
		ret = -errno;
		log_err("cannot create state directory %s: %s", dir,
			strerror(-ret));
		return ret;
	}
	ret = open_state();
	if (ret)
		log_err("cannot open %s: %s", path, strerror(-ret));
	return ret;
}

/* a file that is not ours is kept aside, not overwritten */
static void set_aside(void)
{
	char aside[4300];

	snprintf(aside, sizeof(aside), "%s.bad-%lld", path,
		 (long long)wall_now());
	if (rename(path, aside))
		log_err("cannot move %s aside: %s", path, strerror(errno));
	else
		log_err("%s has an unknown header; kept as %s, starting empty",
			path, aside);
}

static int load(struct sf_recs *live)
{
	struct sf_load_stats st;
	int rfd, ret;

	rfd = open(path, O_RDONLY | O_CLOEXEC);
	if (rfd < 0)
		return errno == ENOENT ? 0 : -errno;
	ret = sf_load(rfd, wall_now(), live, &st);
	close(rfd);
	if (ret)
		return ret;
	if (st.bad_header)
		set_aside();
	if (st.bad || st.torn)
		log_warn("%s: %zu corrupt record(s) and %zu torn byte(s) skipped",
			 path, st.bad, st.torn);
	log_info("replay cache: %zu live entries on disk, %zu expired",
		 st.live, st.expired);
	return 0;
}

static int send_all(const struct sf_recs *live)
{
	uint8_t digests[RESTORE_BATCH * SF_DIGEST_LEN];
	int64_t expires[RESTORE_BATCH];
	size_t i = 0, k;
	int ret;

	do {
		for (k = 0; k < RESTORE_BATCH && i + k < live->n; k++) {
			memcpy(digests + k * SF_DIGEST_LEN, live->v[i + k].digest,
			       SF_DIGEST_LEN);
			expires[k] = live->v[i + k].expires;
		}
		i += k;
		ret = kernel_rcache_restore(digests, expires, k, i == live->n);
	} while (!ret && i < live->n);
	return ret;
}

/* rewrite the file with its live entries only */
static void compact(const struct sf_recs *live)
{
	int ret = sf_rewrite(dir, STATE_NAME, live);

	if (ret) {
		log_err("cannot compact %s: %s", path, strerror(-ret));
		return;
	}
	close(fd);
	ret = open_state();
	if (ret)
		log_err("cannot reopen %s: %s", path, strerror(-ret));
	compacted_at = now_ms();
}

/**
 * persist_restore() - restore the persisted entries into the kernel
 *
 * Called once registered.  Sends every live entry, then closes the
 * kernel's restore window, then compacts the file.
 *
 * Return: 0 or a negative errno (logged; the window then closes by
 * itself after twice the clock skew).
 */
int persist_restore(void)
{
	struct sf_recs live = { 0 };
	int ret;

	if (fd < 0)
		return -EBADF;
	ret = load(&live);
	if (!ret)
		ret = send_all(&live);
	if (ret)
		log_err("replay cache restore failed: %s", strerror(-ret));
	else
		log_info("replay cache restored: %zu entries", live.n);
	if (!ret)
		compact(&live);
	sf_recs_free(&live);
	return ret;
}

/**
 * persist_entry() - append one entry the kernel streamed
 * @digest: KRBAP_RCACHE_DIGEST_LEN bytes
 * @expires: when it may be forgotten
 */
void persist_entry(const uint8_t *digest, int64_t expires)
{
	struct sf_rec rec;
	int ret;

	if (fd < 0)
		return;
	memcpy(rec.digest, digest, SF_DIGEST_LEN);
	rec.expires = expires;
	ret = sf_append(fd, &rec, 1);
	if (ret) {
		/* a partial record is torn; the next load skips it */
		if (!lost++ || !(lost % 1000))
			log_err("cannot write %s: %s (%lu entries lost)", path,
				strerror(-ret), lost);
		return;
	}
	if (!dirty)
		synced_at = now_ms();
	dirty = true;
}

/**
 * persist_deadline() - when persist_tick() has work next
 *
 * Return: a now_ms() time, or -1.
 */
int64_t persist_deadline(void)
{
	if (fd < 0)
		return -1;
	if (dirty)
		return synced_at + sync_ms;
	return compacted_at + COMPACT_INTERVAL_MS;
}

/**
 * persist_tick() - sync appended entries; compact now and then
 */
void persist_tick(void)
{
	struct sf_recs live = { 0 };

	if (fd < 0)
		return;
	if (dirty && now_ms() >= synced_at + sync_ms) {
		if (fdatasync(fd))
			log_err("fdatasync %s: %s", path, strerror(errno));
		dirty = false;
	}
	if (now_ms() >= compacted_at + COMPACT_INTERVAL_MS) {
		if (!load(&live))
			compact(&live);
		else
			compacted_at = now_ms();
		sf_recs_free(&live);
	}
}

/**
 * persist_close() - sync and close the state file
 */
void persist_close(void)
{
	if (fd < 0)
		return;
	if (dirty && fdatasync(fd))
		log_err("fdatasync %s: %s", path, strerror(errno));
	close(fd);
	fd = -1;
}
