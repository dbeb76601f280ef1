// SPDX-License-Identifier: GPL-2.0-only
/*
 * Watching keytab files with inotify.  Each keytab's directory is
 * watched for its name, which sees a new file renamed into place (how
 * ktutil, msktutil, adcli and most deployment tools write), and the file
 * itself is watched, which sees writes in place (kadmin ktadd) also when
 * the name is a symlink into another directory.  The file watch is armed
 * again after every load because a rename puts a new inode behind the name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "krbapd.h"

#define DIR_EVENTS	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | \
			 IN_CREATE | IN_DELETE | IN_ATTRIB)
#define FILE_EVENTS	(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | \
			 IN_DELETE_SELF | IN_MOVE_SELF)

struct watched {
	int dir_wd, file_wd;
	const char *base;	/* points into the keytab's path */
	bool warned;
};

static int ifd = -1;
static struct watched *w;
static int nw;

/**
 * ktwatch_open() - start watching every keytab that is a file
 *
 * Return: 0 or a negative errno.
 */
int ktwatch_open(void)
{
	int i;

	ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ifd < 0)
		return -errno;
	nw = keytabs_count();
	w = calloc(nw ? nw : 1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	for (i = 0; i < nw; i++) {
		w[i].dir_wd = w[i].file_wd = -1;
		if (keytab_path(i))
			w[i].base = strrchr(keytab_path(i), '/') + 1;
		else
			log_info("keytab %s is not a file: not watched; reload it with SIGHUP",
				 keytab_name(i));
	}
	ktwatch_arm();
	return 0;
}

/**
 * ktwatch_fd() - the inotify descriptor, for poll()
 *
 * Return: a file descriptor.
 */
int ktwatch_fd(void)
{
	return ifd;
}

static void arm_one(int i, const char *path)
{
	size_t dlen = w[i].base - path - 1;
	char *dir = strdup(path);
	int wd;

	if (!dir)
		return;
	dir[dlen ? dlen : 1] = '\0';	/* "/x" lives in "/" */
	if (w[i].dir_wd < 0) {
		w[i].dir_wd = inotify_add_watch(ifd, dir, DIR_EVENTS | IN_ONLYDIR);
		if (w[i].dir_wd < 0 && !w[i].warned) {
			log_warn("cannot watch directory %s: %s", dir,
				 strerror(errno));
			w[i].warned = true;
		}
	}
	free(dir);
	wd = inotify_add_watch(ifd, path, FILE_EVENTS);
	if (w[i].file_wd >= 0 && w[i].file_wd != wd &&
	    w[i].file_wd != w[i].dir_wd)
		inotify_rm_watch(ifd, w[i].file_wd);
	w[i].file_wd = wd;
}

/**
 * ktwatch_arm() - (re)arm the watches; call after each load
 */
void ktwatch_arm(void)
{
	int i;

	for (i = 0; ifd >= 0 && i < nw; i++)
		if (w[i].base)
			arm_one(i, keytab_path(i));
}

static bool relevant(const struct inotify_event *ev)
{
	int i;

	if (ev->mask & IN_Q_OVERFLOW)
		return true;
	if (ev->mask & IN_IGNORED) {
		for (i = 0; i < nw; i++) {
			if (w[i].file_wd == ev->wd)
				w[i].file_wd = -1;
			if (w[i].dir_wd == ev->wd)
				w[i].dir_wd = -1;
		}
		return false;
	}
	for (i = 0; i < nw; i++) {
		if (!w[i].base)
			continue;
		if (ev->wd == w[i].file_wd)
			return true;
		if (ev->wd == w[i].dir_wd && ev->len &&
		    !strcmp(ev->name, w[i].base))
			return true;
	}
	return false;
}

/**
 * ktwatch_read() - drain pending events
 *
 * Return: true when one of them concerns a keytab.
 */
bool ktwatch_read(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	bool hit = false;
	ssize_t len;
	char *p;

	for (;;) {
		len = read(ifd, buf, sizeof(buf));
		if (len <= 0)
			break;
		for (p = buf; p < buf + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (relevant(ev))
				hit = true;
		}
	}
	return hit;
}

/**
 * ktwatch_close() - stop watching
 */
void ktwatch_close(void)
{
	if (ifd >= 0)
		close(ifd);
	ifd = -1;
	free(w);
	w = NULL;
	nw = 0;
}
