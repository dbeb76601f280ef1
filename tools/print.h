/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One path for every field krbapctl prints: in text mode the format is
 * used, in JSON mode the key, so the two outputs never drift apart.
 */
#ifndef KRBAPCTL_PRINT_H
#define KRBAPCTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>

void print_init(bool json, bool pretty);
void print_finish(void);
void print_open(const char *key);
void print_close(void);
void print_open_array(const char *key);
void print_close_array(void);
void print_str(const char *key, const char *fmt, const char *val);
void print_u64(const char *key, const char *fmt, uint64_t val);
void print_s64(const char *key, const char *fmt, int64_t val);
void print_bool(const char *key, const char *fmt, bool val);
void print_text(const char *text);

#endif /* KRBAPCTL_PRINT_H */
