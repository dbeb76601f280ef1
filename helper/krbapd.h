/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbapd: the krbap helper daemon.  Prototypes grouped by file.
 */
#ifndef KRBAPD_H
#define KRBAPD_H

#include <stdbool.h>
#include <syslog.h>

/* log.c */
void log_init(const char *ident, bool use_syslog, bool debug);
void log_msg(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

/* netlink.c */
enum family_event {
	FAMILY_NONE,
	FAMILY_APPEARED,
	FAMILY_VANISHED,
};

int watch_open(void);
int watch_fd(void);
enum family_event watch_read(void);
void watch_close(void);
int kernel_attach(void);
void kernel_detach(void);
bool kernel_attached(void);

#endif /* KRBAPD_H */
