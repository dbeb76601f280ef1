/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbapctl: prototypes grouped by file.
 */
#ifndef KRBAPCTL_H
#define KRBAPCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXIT_REFUSED	1
#define EXIT_SYSTEM	2
#define EXIT_CONTINUE	3	/* accept: the client must send another token */

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
};

/* krbapctl.c */
extern struct knl *nl;
void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int connect_family(void);
int report(const char *what, int err);
int dispatch(const char *obj, const struct cmd *tab, int argc, char **argv);
void usage_table(FILE *f, const char *obj, const struct cmd *tab);
int parse_u32(const char *s, uint32_t *out);
int parse_onoff(const char *s, uint8_t *out);
int parse_enctype(const char *s, int32_t *out);
const char *etype_name(int32_t id);
const char *krb_error_name(uint32_t code);

/* status.c */
extern const struct cmd status_cmds[];
extern const struct cmd config_cmds[];
int do_status(int argc, char **argv);
int do_config(int argc, char **argv);

/* key.c */
extern const struct cmd key_cmds[];
int do_key(int argc, char **argv);

/* accept.c */
extern const struct cmd stats_cmds[];
int do_accept(int argc, char **argv);
int do_stats(int argc, char **argv);

#endif /* KRBAPCTL_H */
