// SPDX-License-Identifier: GPL-2.0-only
/*
 * Token files and the acceptor command; see runcmd.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runcmd.h"

#define FILE_MAX	(1 << 24)

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(2);
}

int read_bytes(const char *path, void **buf, size_t *len)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	char *p;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_size > FILE_MAX) {
		err = st.st_size > FILE_MAX ? -EFBIG : -errno;
		close(fd);
		return err;
	}
	p = malloc(st.st_size ? st.st_size : 1);
	if (!p) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, p + got, st.st_size - got);
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			free(p);
			close(fd);
			return err;
		}
		got += n;
	}
	close(fd);
	*buf = p;
	*len = got;
	return 0;
}

int write_file(const char *path, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (len) {
		n = write(fd, p, len);
		if (n < 0) {
			err = -errno;
			break;
		}
		p += n;
		len -= n;
	}
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}

/* arg with every {token} and {rep} replaced */
static char *substitute(const char *arg, const char *token, const char *rep)
{
	size_t cap = strlen(arg) + 1, len = 0;
	char *out = malloc(cap);
	const char *with;
	size_t skip;

	while (out && *arg) {
		with = NULL;
		if (!strncmp(arg, "{token}", 7)) {
			with = token;
			skip = 7;
		} else if (!strncmp(arg, "{rep}", 5)) {
			with = rep;
			skip = 5;
		} else {
			out[len++] = *arg++;
			continue;
		}
		cap += strlen(with);
		out = realloc(out, cap);
		if (out) {
			memcpy(out + len, with, strlen(with));
			len += strlen(with);
		}
		arg += skip;
	}
	if (!out)
		die("substitute");
	out[len] = 0;
	return out;
}

int run_command(char **cmd, const char *token, const char *rep)
{
	char **argv;
	pid_t pid;
	int n, i, st;

	for (n = 0; cmd[n]; n++)
		;
	argv = calloc(n + 1, sizeof(*argv));
	if (!argv)
		die("calloc");
	for (i = 0; i < n; i++)
		argv[i] = substitute(cmd[i], token, rep);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s: %s\n", prog, argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid");
	for (i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
