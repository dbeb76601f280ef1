// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/der.c on the host: each reader primitive on good input and on every
 * class of bad input, and writer round trips.  Times are checked against
 * libc's timegm()/gmtime_r(), not against der.c's own arithmetic.
 */
#include <time.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include "tap.h"
#include "der.h"

#define B(...)	((const u8[]){ __VA_ARGS__ })
#define BL(...)	B(__VA_ARGS__), sizeof(B(__VA_ARGS__))

static int rd_s64(const u8 *b, size_t n, s64 min, s64 max, s64 *v)
{
	struct krbap_der d;
	int err;

	krbap_der_init(&d, b, n);
	err = krbap_der_int(&d, min, max, v);
	return err ? err : krbap_der_end(&d);
}

static int rd_s32(const u8 *b, size_t n, s32 *v)
{
	struct krbap_der d;

	krbap_der_init(&d, b, n);
	return krbap_der_s32(&d, v);
}

static int rd_u32(const u8 *b, size_t n, u32 *v)
{
	struct krbap_der d;

	krbap_der_init(&d, b, n);
	return krbap_der_u32(&d, v);
}

static void test_int(void)
{
	s64 v = 0;
	s32 s = 0;
	u32 u = 0;

	ok(!rd_s64(BL(0x02, 0x01, 0x00), S64_MIN, S64_MAX, &v) && v == 0,
	   "int 0");
	ok(!rd_s64(BL(0x02, 0x01, 0x7f), S64_MIN, S64_MAX, &v) && v == 127,
	   "int 127");
	ok(!rd_s64(BL(0x02, 0x02, 0x00, 0x80), S64_MIN, S64_MAX, &v) &&
	   v == 128, "int 128");
	ok(!rd_s64(BL(0x02, 0x01, 0xff), S64_MIN, S64_MAX, &v) && v == -1,
	   "int -1");
	ok(!rd_s64(BL(0x02, 0x01, 0x80), S64_MIN, S64_MAX, &v) && v == -128,
	   "int -128");
	ok(!rd_s64(BL(0x02, 0x02, 0xff, 0x7f), S64_MIN, S64_MAX, &v) &&
	   v == -129, "int -129");
	ok(!rd_s64(BL(0x02, 0x08, 0x80, 0, 0, 0, 0, 0, 0, 0), S64_MIN,
		   S64_MAX, &v) && v == S64_MIN, "int S64_MIN");
	ok(!rd_s32(BL(0x02, 0x04, 0x7f, 0xff, 0xff, 0xff), &s) &&
	   s == S32_MAX, "s32 max");
	ok(!rd_s32(BL(0x02, 0x04, 0x80, 0x00, 0x00, 0x00), &s) &&
	   s == S32_MIN, "s32 min");
	ok(!rd_u32(BL(0x02, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff), &u) &&
	   u == U32_MAX, "u32 max");
	ok(rd_s32(BL(0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00), &s) ==
	   -EOVERFLOW, "s32 2^31 is out of range");
	ok(rd_s32(BL(0x02, 0x05, 0xff, 0x7f, 0xff, 0xff, 0xff), &s) ==
	   -EOVERFLOW, "s32 -2^31-1 is out of range");
	ok(rd_u32(BL(0x02, 0x01, 0xff), &u) == -EOVERFLOW, "u32 -1");
	ok(rd_u32(BL(0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00), &u) ==
	   -EOVERFLOW, "u32 2^32");
	ok(rd_s64(BL(0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0), S64_MIN,
		  S64_MAX, &v) == -EOVERFLOW, "int of 9 bytes");
	ok(rd_s64(BL(0x02, 0x09, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0), S64_MIN,
		  S64_MAX, &v) == -EOVERFLOW, "int 2^63");
	ok(rd_s64(BL(0x02, 0x01, 0x05), 0, 4, &v) == -EOVERFLOW,
	   "int above max");
	ok(rd_s64(BL(0x02, 0x01, 0x05), 6, 9, &v) == -EOVERFLOW,
	   "int below min");
	ok(rd_s64(BL(0x02, 0x02, 0x00, 0x01), S64_MIN, S64_MAX, &v) ==
	   -EBADMSG, "non-minimal int 00 01");
	ok(rd_s64(BL(0x02, 0x02, 0xff, 0x80), S64_MIN, S64_MAX, &v) ==
	   -EBADMSG, "non-minimal int ff 80");
	ok(rd_s64(BL(0x02, 0x00), S64_MIN, S64_MAX, &v) == -EBADMSG,
	   "empty int");
	ok(rd_s64(BL(0x22, 0x01, 0x00), S64_MIN, S64_MAX, &v) == -EBADMSG,
	   "constructed int");
	ok(rd_s64(BL(0x04, 0x01, 0x00), S64_MIN, S64_MAX, &v) == -EBADMSG,
	   "octet string is not an int");
	ok(rd_s64(BL(0x02, 0x01, 0x00, 0x00), S64_MIN, S64_MAX, &v) ==
	   -EBADMSG, "trailing byte");
}

static int rd_octets(const u8 *b, size_t n, const u8 **p, size_t *len)
{
	struct krbap_der d;
	int err;

	krbap_der_init(&d, b, n);
	err = krbap_der_octets(&d, p, len);
	return err ? err : krbap_der_end(&d);
}

static void test_len(void)
{
	static u8 b2[4 + 300] = { 0x04, 0x82, 0x01, 0x2c };
	const u8 *p = NULL;
	size_t len = 0;

	ok(!rd_octets(BL(0x04, 0x00), &p, &len) && len == 0,
	   "empty octet string");
	ok(!rd_octets(BL(0x04, 0x02, 0xaa, 0xbb), &p, &len) && len == 2 &&
	   p[1] == 0xbb, "short octet string");
	ok(!rd_octets(b2, sizeof(b2), &p, &len) && len == 300 &&
	   p == b2 + 4, "long form length, zero copy");
	ok(rd_octets(b2, sizeof(b2) - 1, &p, &len) == -EBADMSG,
	   "300-byte string one byte short");
	ok(rd_octets(BL(0x04, 0x80, 0x00, 0x00), &p, &len) == -EBADMSG,
	   "indefinite length");
	ok(rd_octets(BL(0x24, 0x80, 0x04, 0x00, 0x00, 0x00), &p, &len) ==
	   -EBADMSG, "indefinite constructed");
	ok(rd_octets(BL(0x04, 0x81, 0x01, 0xaa), &p, &len) == -EBADMSG,
	   "non-minimal length 81 01");
	ok(rd_octets(BL(0x04, 0x82, 0x00, 0x81), &p, &len) == -EBADMSG,
	   "non-minimal length 82 00 81");
	ok(rd_octets(BL(0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00), &p,
		     &len) == -EBADMSG, "length 84 ff ff ff ff");
	ok(rd_octets(BL(0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00), &p,
		     &len) == -EBADMSG, "length of 5 bytes");
	ok(rd_octets(BL(0x04, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xff, 0xff), &p, &len) == -EBADMSG,
	   "length of 8 bytes");
	ok(rd_octets(BL(0x04, 0xff), &p, &len) == -EBADMSG,
	   "reserved length ff");
	ok(rd_octets(BL(0x04, 0x03, 0x00, 0x00), &p, &len) == -EBADMSG,
	   "length past the buffer");
	ok(rd_octets(BL(0x04), &p, &len) == -EBADMSG, "no length byte");
	ok(rd_octets(BL(0x04, 0x82, 0x01), &p, &len) == -EBADMSG,
	   "long length cut short");
	ok(rd_octets(NULL, 0, &p, &len) == -EBADMSG, "nothing at all");
}

static void test_tags(void)
{
	struct krbap_der d;
	struct krbap_der_tlv t;
	u32 tag = 0;

	krbap_der_init(&d, BL(0x9f, 0x1f, 0x00));
	ok(!krbap_der_read(&d, &t) &&
	   t.tag == KRBAP_DER_TAG(KRBAP_DER_CONTEXT, 31) && t.len == 0,
	   "high tag number 31");
	krbap_der_init(&d, BL(0x7f, 0x81, 0x00, 0x00));
	ok(!krbap_der_read(&d, &t) &&
	   t.tag == KRBAP_DER_APP(128), "high tag number 128");
	krbap_der_init(&d, BL(0x9f, 0x1e, 0x00));
	ok(krbap_der_read(&d, &t) == -EBADMSG, "high form for 30");
	krbap_der_init(&d, BL(0x9f, 0x80, 0x20, 0x00));
	ok(krbap_der_read(&d, &t) == -EBADMSG, "tag number leading 0x80");
	krbap_der_init(&d, BL(0x9f, 0x81, 0x81, 0x81, 0x01, 0x00));
	ok(krbap_der_read(&d, &t) == -EMSGSIZE, "tag number of 4 bytes");
	krbap_der_init(&d, BL(0x9f, 0x81));
	ok(krbap_der_read(&d, &t) == -EBADMSG, "tag number cut short");
	krbap_der_init(&d, BL(0x30, 0x00));
	ok(krbap_der_expect(&d, KRBAP_DER_CTX(0), &t) == -EBADMSG &&
	   d.left == 2, "wrong tag fails and consumes nothing");
	ok(!krbap_der_peek(&d, &tag) && tag == KRBAP_DER_SEQUENCE,
	   "peek SEQUENCE");
	ok(!krbap_der_expect(&d, KRBAP_DER_SEQUENCE, &t) &&
	   krbap_der_empty(&d), "expect SEQUENCE");
	ok(krbap_der_peek(&d, &tag) == -ENODATA, "peek at end");
	krbap_der_init(&d, BL(0x80, 0x00));
	ok(krbap_der_expect(&d, KRBAP_DER_CTX(0), &t) == -EBADMSG,
	   "primitive [0] is not constructed [0]");
}

static void test_enter(void)
{
	u8 deep[2 * (KRBAP_DER_MAX_DEPTH + 2)];
	struct krbap_der d, in;
	unsigned int i;
	int err = 0;

	krbap_der_init(&d, BL(0x30, 0x03, 0xa1, 0x05, 0x00, 0x00, 0x00));
	ok(!krbap_der_enter(&d, KRBAP_DER_SEQUENCE, &in) && in.left == 3 &&
	   in.depth == 1 && d.left == 2, "enter SEQUENCE");
	ok(krbap_der_enter_opt(&in, KRBAP_DER_CTX(0), &d) == -EBADMSG,
	   "optional [0]: the next header is bad, whatever its tag");
	ok(krbap_der_enter_opt(&in, KRBAP_DER_CTX(1), &d) == -EBADMSG,
	   "[1] longer than its SEQUENCE");
	krbap_der_init(&d, BL(0xa1, 0x00));
	ok(krbap_der_enter_opt(&d, KRBAP_DER_CTX(1), &in) == 1 &&
	   krbap_der_empty(&in), "optional [1] present");
	krbap_der_init(&d, BL(0xa1, 0x00));
	ok(krbap_der_enter_opt(&d, KRBAP_DER_CTX(0), &in) == 0 &&
	   d.left == 2, "optional [0] absent");
	ok(krbap_der_enter_opt(&d, KRBAP_DER_CTX(1), &in) == 1, "[1] read");
	ok(krbap_der_enter_opt(&d, KRBAP_DER_CTX(2), &in) == 0,
	   "optional at end is absent");
	krbap_der_init(&d, BL(0x30, 0x05, 0x02, 0x01));
	ok(krbap_der_enter(&d, KRBAP_DER_SEQUENCE, &in) == -EBADMSG,
	   "SEQUENCE longer than the buffer");

	/* depth: SEQUENCE { SEQUENCE { ... } } nested past the limit */
	for (i = 0; i < sizeof(deep) / 2; i++) {
		deep[2 * i] = 0x30;
		deep[2 * i + 1] = sizeof(deep) - 2 * i - 2;
	}
	krbap_der_init(&d, deep, sizeof(deep));
	for (i = 0; i <= KRBAP_DER_MAX_DEPTH && !err; i++) {
		err = krbap_der_enter(&d, KRBAP_DER_SEQUENCE, &in);
		d = in;
	}
	ok(err == -EMSGSIZE && i == KRBAP_DER_MAX_DEPTH + 1,
	   "nesting stops at depth %d", KRBAP_DER_MAX_DEPTH);
}

static int skip(const u8 *b, size_t n, unsigned int last)
{
	struct krbap_der d;

	krbap_der_init(&d, b, n);
	return krbap_der_skip_ext(&d, last);
}

static void test_skip_ext(void)
{
	ok(!skip(NULL, 0, 2), "no extension");
	ok(!skip(BL(0xa3, 0x00, 0xa5, 0x02, 0x05, 0x00), 2),
	   "extensions [3] [5] skipped");
	ok(!skip(BL(0xbf, 0x1f, 0x00), 2), "extension [31]");
	ok(skip(BL(0xa2, 0x00), 2) == -EBADMSG, "[2] is not an extension");
	ok(skip(BL(0xa4, 0x00, 0xa3, 0x00), 2) == -EBADMSG,
	   "extensions out of order");
	ok(skip(BL(0xa4, 0x00, 0xa4, 0x00), 2) == -EBADMSG,
	   "extension repeated");
	ok(skip(BL(0x83, 0x00), 2) == -EBADMSG, "primitive [3]");
	ok(skip(BL(0x30, 0x00), 2) == -EBADMSG, "universal element");
	ok(skip(BL(0xa3, 0x02, 0x00), 2) == -EBADMSG, "extension truncated");
}

static int rd_str(const u8 *b, size_t n, size_t max, const u8 **p,
		  size_t *len)
{
	struct krbap_der d;

	krbap_der_init(&d, b, n);
	return krbap_der_string(&d, max, p, len);
}

static int rd_flags(const u8 *b, size_t n, u32 *f)
{
	struct krbap_der d;

	krbap_der_init(&d, b, n);
	return krbap_der_flags(&d, f);
}

static void test_strings(void)
{
	const u8 *p = NULL;
	size_t len = 0;
	u32 f = 0;

	ok(!rd_str(BL(0x1b, 0x03, 'n', 'f', 's'), 16, &p, &len) &&
	   len == 3 && !memcmp(p, "nfs", 3), "GeneralString");
	ok(!rd_str(BL(0x1b, 0x02, 0xc3, 0xa9), 16, &p, &len) && len == 2,
	   "UTF-8 in GeneralString");
	ok(rd_str(BL(0x1b, 0x03, 'a', 0, 'b'), 16, &p, &len) == -EBADMSG,
	   "NUL in GeneralString");
	ok(rd_str(BL(0x1b, 0x03, 'n', 'f', 's'), 2, &p, &len) == -EMSGSIZE,
	   "GeneralString past the limit");
	ok(rd_str(BL(0x16, 0x03, 'n', 'f', 's'), 16, &p, &len) == -EBADMSG,
	   "IA5String is not GeneralString");
	ok(!rd_flags(BL(0x03, 0x05, 0x00, 0x40, 0x81, 0x00, 0x01), &f) &&
	   f == 0x40810001, "KerberosFlags");
	ok(!rd_flags(BL(0x03, 0x06, 0x00, 0x80, 0, 0, 0x02, 0xff), &f) &&
	   f == 0x80000002, "KerberosFlags of 40 bits");
	ok(!rd_flags(BL(0x03, 0x06, 0x07, 0x80, 0, 0, 0x02, 0x80), &f),
	   "KerberosFlags of 33 bits");
	ok(rd_flags(BL(0x03, 0x06, 0x07, 0x80, 0, 0, 0x02, 0x81), &f) ==
	   -EBADMSG, "unused bits not zero");
	ok(rd_flags(BL(0x03, 0x05, 0x01, 0, 0, 0, 0), &f) == -EBADMSG,
	   "KerberosFlags of 31 bits");
	ok(rd_flags(BL(0x03, 0x04, 0x00, 0, 0, 0), &f) == -EBADMSG,
	   "KerberosFlags of 24 bits");
	ok(rd_flags(BL(0x03, 0x06, 0x08, 0, 0, 0, 0, 0), &f) == -EBADMSG,
	   "8 unused bits");
	ok(rd_flags(BL(0x03, 0x00), &f) == -EBADMSG, "empty BIT STRING");
}

static int rd_time(const char *s, time64_t *t)
{
	u8 b[64];
	struct krbap_der d;
	size_t n = strlen(s);

	b[0] = 0x18;
	b[1] = n;
	memcpy(b + 2, s, n);
	krbap_der_init(&d, b, n + 2);
	return krbap_der_time(&d, t);
}

static time64_t libc_time(const char *s)
{
	struct tm tm = { 0 };

	sscanf(s, "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	       &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static bool w_time_is(time64_t t, const char *want)
{
	u8 buf[32];
	struct krbap_der_w w;
	const u8 *out;
	size_t len;

	krbap_der_w_init(&w, buf, sizeof(buf));
	krbap_der_w_time(&w, t);
	return !krbap_der_w_finish(&w, &out, &len) && len == 17 &&
	       !memcmp(out + 2, want, 15);
}

static void test_time(void)
{
	static const char *const good[] = {
		"19700101000000Z", "20260101120000Z", "20240229235959Z",
		"20000229000000Z", "19691231235959Z", "21060207062815Z",
		"00010101000000Z", "99991231235959Z", "16000229010203Z",
		"20381231235959Z", "19000301000000Z", "00000101000000Z",
		"00000229120000Z", "00000301000000Z", "00001231235959Z",
	};
	static const char *const bad[] = {
		"2026010112000Z", "202601011200000Z", "20260101120000z",
		"20261301120000Z", "20260001120000Z", "20260100120000Z",
		"20260132120000Z", "20230229120000Z", "21000229120000Z",
		"19000229120000Z", "20260431120000Z", "20260101240000Z",
		"20260101126000Z", "20260101120060Z", "2026010112000aZ",
		"2026-101120000Z", "20260101120000.", "+0260101120000Z",
		"20260101 20000Z",
	};
	time64_t t = 0;
	unsigned int i, bad_ok = 0;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		ok(!rd_time(good[i], &t) && t == libc_time(good[i]),
		   "time %s = %lld", good[i], (long long)libc_time(good[i]));
		ok(w_time_is(t, good[i]), "time %s written back", good[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		bad_ok += rd_time(bad[i], &t) == -EBADMSG;
	ok(bad_ok == ARRAY_SIZE(bad), "%u bad times refused", bad_ok);
	ok(rd_time("20260101120000.5Z", &t) == -EBADMSG, "fraction refused");
}

static void w_check(const void *want, size_t n, void (*fn)(struct krbap_der_w *,
							  s64), s64 v,
		    const char *what)
{
	u8 buf[32];
	struct krbap_der_w w;
	const u8 *out = NULL;
	size_t len = 0;

	krbap_der_w_init(&w, buf, sizeof(buf));
	fn(&w, v);
	ok(!krbap_der_w_finish(&w, &out, &len) && len == n &&
	   !memcmp(out, want, n), "write %s", what);
}

static void w_int(struct krbap_der_w *w, s64 v)
{
	krbap_der_w_int(w, v);
}

static void w_time(struct krbap_der_w *w, s64 v)
{
	krbap_der_w_time(w, v);
}

static void test_w_int(void)
{
	unsigned int i, good = 0;
	u8 buf[16];

	w_check(BL(0x02, 0x01, 0x00), w_int, 0, "int 0");
	w_check(BL(0x02, 0x01, 0x7f), w_int, 127, "int 127");
	w_check(BL(0x02, 0x02, 0x00, 0x80), w_int, 128, "int 128");
	w_check(BL(0x02, 0x01, 0x80), w_int, -128, "int -128");
	w_check(BL(0x02, 0x02, 0xff, 0x7f), w_int, -129, "int -129");
	w_check(BL(0x02, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff), w_int,
		U32_MAX, "int U32_MAX");
	w_check(BL(0x02, 0x08, 0x80, 0, 0, 0, 0, 0, 0, 0), w_int, S64_MIN,
		"int S64_MIN");
	srandom(4120);
	for (i = 0; i < 10000; i++) {
		s64 v = (s64)((u64)random() << 33 ^ (u64)random() << 2 ^ random()),
		    r = 0;
		struct krbap_der_w w;
		struct krbap_der d;
		const u8 *out;
		size_t len;

		v >>= random() % 64;
		krbap_der_w_init(&w, buf, sizeof(buf));
		krbap_der_w_int(&w, v);
		krbap_der_w_finish(&w, &out, &len);
		krbap_der_init(&d, out, len);
		good += !krbap_der_int(&d, S64_MIN, S64_MAX, &r) && r == v &&
			krbap_der_empty(&d);
	}
	ok(good == 10000, "10000 random ints round trip (%u)", good);
}

static void test_w_time(void)
{
	unsigned int i, good = 0;
	u8 buf[32];

	w_check(BL(0x18, 0x0f, '1', '9', '7', '0', '0', '1', '0', '1', '0',
		   '0', '0', '0', '0', '0', 'Z'), w_time, 0, "epoch");
	w_check(BL(0x18, 0x0f, '1', '9', '6', '9', '1', '2', '3', '1', '2',
		   '3', '5', '9', '5', '9', 'Z'), w_time, -1, "epoch - 1");
	for (i = 0; i < 20000; i++) {
		/* 0001-01-01 .. 9999-12-31, libc's gmtime_r as reference */
		time64_t t = -62135596800LL +
			(time64_t)(((u64)random() << 31 ^ random()) %
				   315537897600ULL), r = 0;
		struct krbap_der_w w;
		struct krbap_der d;
		const u8 *out;
		size_t len;
		char want[32];
		struct tm tm;
		time_t tt = t;

		gmtime_r(&tt, &tm);
		snprintf(want, sizeof(want), "%04d%02d%02d%02d%02d%02dZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			 tm.tm_hour, tm.tm_min, tm.tm_sec);
		krbap_der_w_init(&w, buf, sizeof(buf));
		krbap_der_w_time(&w, t);
		if (krbap_der_w_finish(&w, &out, &len) || len != 17 ||
		    memcmp(out + 2, want, 15))
			continue;
		krbap_der_init(&d, out, len);
		good += !krbap_der_time(&d, &r) && r == t;
	}
	ok(good == 20000, "20000 random times match gmtime_r and round trip");
	{
		struct krbap_der_w w;
		const u8 *out;
		size_t len;

		krbap_der_w_init(&w, buf, sizeof(buf));
		krbap_der_w_time(&w, 253402300800LL);
		ok(krbap_der_w_finish(&w, &out, &len) == -EINVAL,
		   "year 10000 refused");
		krbap_der_w_init(&w, buf, sizeof(buf));
		krbap_der_w_time(&w, S64_MAX);
		ok(krbap_der_w_finish(&w, &out, &len) == -EINVAL,
		   "S64_MAX refused");
	}
}

/* SEQUENCE { [0] INTEGER, [1] OCTET STRING of n bytes, [40] KerberosTime } */
static int w_nested(u8 *buf, size_t size, size_t n, const u8 **out,
		    size_t *len)
{
	static u8 data[70000];
	struct krbap_der_w w;
	size_t seq, m;

	memset(data, 0x5a, sizeof(data));
	krbap_der_w_init(&w, buf, size);
	seq = krbap_der_w_len(&w);
	m = krbap_der_w_len(&w);
	krbap_der_w_time(&w, 1700000000);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(40), m);
	m = krbap_der_w_len(&w);
	krbap_der_w_octets(&w, KRBAP_DER_OCTET_STRING, data, n);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(1), m);
	m = krbap_der_w_len(&w);
	krbap_der_w_int(&w, -5);
	krbap_der_w_hdr(&w, KRBAP_DER_CTX(0), m);
	krbap_der_w_hdr(&w, KRBAP_DER_SEQUENCE, seq);
	return krbap_der_w_finish(&w, out, len);
}

static int r_nested(const u8 *b, size_t n, size_t want)
{
	struct krbap_der d, seq, f;
	const u8 *p;
	size_t len;
	time64_t t;
	s64 v;
	int err;

	krbap_der_init(&d, b, n);
	err = krbap_der_enter(&d, KRBAP_DER_SEQUENCE, &seq);
	err = err ?: krbap_der_end(&d);
	err = err ?: krbap_der_enter(&seq, KRBAP_DER_CTX(0), &f);
	err = err ?: krbap_der_int(&f, -10, 10, &v);
	err = err ?: krbap_der_end(&f);
	err = err ?: krbap_der_enter(&seq, KRBAP_DER_CTX(1), &f);
	err = err ?: krbap_der_octets(&f, &p, &len);
	err = err ?: krbap_der_end(&f);
	err = err ?: krbap_der_enter(&seq, KRBAP_DER_CTX(40), &f);
	err = err ?: krbap_der_time(&f, &t);
	err = err ?: krbap_der_end(&f);
	err = err ?: krbap_der_end(&seq);
	if (!err && (v != -5 || len != want || t != 1700000000))
		err = -EINVAL;
	return err;
}

static void test_w_nested(void)
{
	static const size_t sizes[] = { 0, 1, 127, 128, 255, 256, 65535,
					65536, 69999 };
	static u8 buf[70100];
	unsigned int i, fails = 0, truncs = 0;
	const u8 *out;
	size_t len, need;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		int err = w_nested(buf, sizeof(buf), sizes[i], &out, &len);

		ok(!err && !r_nested(out, len, sizes[i]),
		   "nested round trip with %zu-byte string", sizes[i]);
	}
	/* every buffer too small fails; every prefix fails to read */
	w_nested(buf, sizeof(buf), 300, &out, &need);
	for (len = 0; len < need; len++)
		fails += w_nested(buf, len, 300, &out, &need) == -EMSGSIZE;
	ok(fails == need, "writer: all %zu short buffers fail", need);
	w_nested(buf, sizeof(buf), 300, &out, &need);
	for (len = 0; len < need; len++)
		truncs += r_nested(out, len, 300) == -EBADMSG;
	ok(truncs == need, "reader: all %zu prefixes refused", need);
	{
		static u8 b2[8];
		struct krbap_der_w w;
		struct krbap_der d;
		struct krbap_der_tlv t;

		krbap_der_w_init(&w, b2, sizeof(b2));
		krbap_der_w_octets(&w, KRBAP_DER_APP(300), NULL, 0);
		ok(!krbap_der_w_finish(&w, &out, &len) && len == 4 &&
		   out[0] == 0x7f && out[1] == 0x82 && out[2] == 0x2c,
		   "write high tag number 300");
		krbap_der_init(&d, out, len);
		ok(!krbap_der_read(&d, &t) && t.tag == KRBAP_DER_APP(300),
		   "read it back");
		krbap_der_w_init(&w, b2, sizeof(b2));
		krbap_der_w_flags(&w, 0x50800000);
		ok(!krbap_der_w_finish(&w, &out, &len) && len == 7 &&
		   !memcmp(out, B(0x03, 0x05, 0x00, 0x50, 0x80, 0, 0), 7),
		   "write KerberosFlags");
	}
}

int main(void)
{
	test_int();
	test_len();
	test_tags();
	test_enter();
	test_skip_ext();
	test_strings();
	test_time();
	test_w_int();
	test_w_time();
	test_w_nested();
	return tap_done();
}
