// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logging to stderr (the default, for systemd's journal) or to syslog.
 */
#include <stdarg.h>
#include <stdio.h>

#include "krbapd.h"

static bool to_syslog;
static bool verbose;

/**
 * log_init() - choose where messages go
 * @ident: program name for syslog
 * @use_syslog: log to syslog(3) instead of stderr
 * @debug: also log LOG_DEBUG messages
 */
void log_init(const char *ident, bool use_syslog, bool debug)
{
	to_syslog = use_syslog;
	verbose = debug;
	if (to_syslog)
		openlog(ident, LOG_PID, LOG_DAEMON);
}

/**
 * log_msg() - log one message
 * @prio: syslog priority
 * @fmt: printf format
 */
void log_msg(int prio, const char *fmt, ...)
{
	static const char *const level[] = {
		[LOG_ERR] = "error: ", [LOG_WARNING] = "warning: ",
		[LOG_DEBUG] = "debug: ",
	};
	va_list ap;

	if (prio == LOG_DEBUG && !verbose)
		return;
	va_start(ap, fmt);
	if (to_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		fprintf(stderr, "krbapd: %s",
			prio <= LOG_DEBUG && level[prio] ? level[prio] : "");
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
