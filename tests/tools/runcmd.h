/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Token files and the acceptor command, shared by the MIT and the Heimdal
 * test tools; no Kerberos headers, so it builds against either.
 */
#ifndef KRBAP_TESTS_RUNCMD_H
#define KRBAP_TESTS_RUNCMD_H

#include <stddef.h>

/* the tool's name, for messages; each tool defines it */
extern const char *prog;

/* Whole file (at most 16 MiB) into *buf (malloc'd), its size in *len; 0 or -errno. */
int read_bytes(const char *path, void **buf, size_t *len);
/* Write len bytes to path (created 0600, truncated); 0 or -errno. */
int write_file(const char *path, const void *buf, size_t len);
/*
 * Run cmd (argv style) with every {token} and {rep} in its arguments
 * replaced by those paths; its exit status, 128 + N if killed by signal N.
 */
int run_command(char **cmd, const char *token, const char *rep);

#endif
