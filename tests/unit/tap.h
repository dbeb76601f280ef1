/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A TAP producer for the host unit tests.  Each check prints one
 * "ok N - what" or "not ok N - what" line; tap_done() prints the plan and
 * returns the process exit status.
 */
#ifndef KRBAP_TAP_H
#define KRBAP_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline __attribute__((format(printf, 4, 5)))
int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!pass) {
		printf(" # at %s:%d", file, line);
		tap_failed++;
	}
	putchar('\n');
	fflush(stdout);
	return pass;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* ok() on two byte strings, showing the first difference on failure */
#define ok_mem(got, want, len, ...) ({					\
	const unsigned char *g_ = (const void *)(got);			\
	const unsigned char *w_ = (const void *)(want);			\
	size_t l_ = (len), i_ = 0;					\
	while (i_ < l_ && g_[i_] == w_[i_])				\
		i_++;							\
	if (i_ < l_)							\
		printf("# differ at byte %zu: got %02x want %02x\n",	\
		       i_, g_[i_], w_[i_]);				\
	ok(i_ == l_, __VA_ARGS__);					\
})

static inline void tap_diag(const char *msg)
{
	printf("# %s\n", msg);
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* KRBAP_TAP_H */
