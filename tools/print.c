// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text or JSON output for krbapctl.  In JSON mode text-only calls print
 * nothing; in text mode keys are ignored and formats decide the layout.
 */
#include <inttypes.h>
#include <stdio.h>

#include "print.h"

#define MAX_DEPTH 16

static bool json;
static bool pretty;
static int depth;
static bool need_comma[MAX_DEPTH];

/**
 * print_init() - choose the output mode
 * @as_json: print JSON instead of text
 * @indent: indent JSON for people
 */
void print_init(bool as_json, bool indent)
{
	json = as_json;
	pretty = indent;
	depth = 0;
	need_comma[0] = false;
	if (json)
		print_open(NULL);
}

/**
 * print_finish() - close the top-level JSON object and flush
 */
void print_finish(void)
{
	if (json) {
		print_close();
		putchar('\n');
	}
	fflush(stdout);
}

static void indent(void)
{
	if (!pretty)
		return;
	putchar('\n');
	for (int i = 0; i < depth; i++)
		fputs("  ", stdout);
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* starts a JSON member: comma, indentation and "key": */
static void member(const char *key)
{
	if (need_comma[depth])
		putchar(',');
	need_comma[depth] = true;
	if (depth)
		indent();
	if (key) {
		json_string(key);
		fputs(pretty ? ": " : ":", stdout);
	}
}

static void open_container(const char *key, char c)
{
	if (!json)
		return;
	if (depth || key)
		member(key);
	putchar(c);
	if (depth < MAX_DEPTH - 1)
		depth++;
	need_comma[depth] = false;
}

static void close_container(char c)
{
	if (!json)
		return;
	if (depth)
		depth--;
	if (need_comma[depth + 1])
		indent();
	putchar(c);
}

/**
 * print_open() - open a JSON object
 * @key: member name, or NULL inside an array or at the top
 */
void print_open(const char *key)
{
	open_container(key, '{');
}

/**
 * print_close() - close the innermost JSON object
 */
void print_close(void)
{
	close_container('}');
}

/**
 * print_open_array() - open a JSON array
 * @key: member name
 */
void print_open_array(const char *key)
{
	open_container(key, '[');
}

/**
 * print_close_array() - close the innermost JSON array
 */
void print_close_array(void)
{
	close_container(']');
}

/**
 * print_str() - a string field
 * @key: JSON member name (NULL inside an array)
 * @fmt: text format with one %s, or NULL to print nothing in text mode
 * @val: the value
 */
void print_str(const char *key, const char *fmt, const char *val)
{
	if (json) {
		member(key);
		json_string(val);
	} else if (fmt) {
		printf(fmt, val);
	}
}

/**
 * print_u64() - an unsigned field
 * @key: JSON member name
 * @fmt: text format with one PRIu64-compatible conversion, or NULL
 * @val: the value
 */
void print_u64(const char *key, const char *fmt, uint64_t val)
{
	if (json) {
		member(key);
		printf("%" PRIu64, val);
	} else if (fmt) {
		printf(fmt, val);
	}
}

/**
 * print_s64() - a signed field
 * @key: JSON member name
 * @fmt: text format with one PRId64-compatible conversion, or NULL
 * @val: the value
 */
void print_s64(const char *key, const char *fmt, int64_t val)
{
	if (json) {
		member(key);
		printf("%" PRId64, val);
	} else if (fmt) {
		printf(fmt, val);
	}
}

/**
 * print_bool() - a boolean field, "on"/"off" in text
 * @key: JSON member name
 * @fmt: text format with one %s, or NULL
 * @val: the value
 */
void print_bool(const char *key, const char *fmt, bool val)
{
	if (json) {
		member(key);
		fputs(val ? "true" : "false", stdout);
	} else if (fmt) {
		printf(fmt, val ? "on" : "off");
	}
}

/**
 * print_text() - literal text, text mode only
 * @text: printed as is
 */
void print_text(const char *text)
{
	if (!json)
		fputs(text, stdout);
}
