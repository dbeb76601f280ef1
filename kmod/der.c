// SPDX-License-Identifier: GPL-2.0-only
/*
 * Strict DER (X.690) for Kerberos: every read is bounded by the enclosing
 * element, lengths are definite and minimal, nesting is limited and nothing
 * recurses on the input.  Decoded values point into the caller's buffer.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/math64.h>
#include "der.h"

/**
 * krbap_der_init() - start reading a buffer
 * @d: cursor to set up
 * @buf: bytes to read
 * @len: their length
 */
void krbap_der_init(struct krbap_der *d, const void *buf, size_t len)
{
	d->p = buf;
	d->left = len;
	d->depth = 0;
}

/**
 * krbap_der_empty() - is everything read?
 * @d: cursor
 *
 * Return: true when no byte is left.
 */
bool krbap_der_empty(const struct krbap_der *d)
{
	return d->left == 0;
}

/**
 * krbap_der_end() - require that everything is read
 * @d: cursor
 *
 * Return: 0, or -EBADMSG when bytes are left.
 */
int krbap_der_end(const struct krbap_der *d)
{
	return d->left ? -EBADMSG : 0;
}

static int read_tagnum(const u8 *p, size_t left, size_t *pos, u32 *num)
{
	u32 n = 0;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (*pos >= left)
			return -EBADMSG;
		if (i == 0 && p[*pos] == 0x80)
			return -EBADMSG;	/* leading zero bits */
		n = (n << 7) | (p[*pos] & 0x7f);
		if (!(p[(*pos)++] & 0x80))
			break;
	}
	if (i == 3)
		return -EMSGSIZE;
	if (n < 0x1f)
		return -EBADMSG;	/* fits the low-tag form */
	*num = n;
	return 0;
}

static int read_len(const u8 *p, size_t left, size_t *pos, size_t *len)
{
	unsigned int nb, i;
	size_t n = 0;

	if (*pos >= left)
		return -EBADMSG;
	nb = p[(*pos)++];
	if (nb < 0x80) {
		*len = nb;
		return 0;
	}
	nb &= 0x7f;
	/* 0x80 is indefinite, 0xff reserved; our buffers fit 4 bytes */
	if (nb == 0 || nb > 4 || left - *pos < nb || p[*pos] == 0)
		return -EBADMSG;
	for (i = 0; i < nb; i++)
		n = (n << 8) | p[(*pos)++];
	if (n < 0x80)
		return -EBADMSG;	/* fits the short form */
	*len = n;
	return 0;
}

static int read_hdr(const struct krbap_der *d, u32 *tag, size_t *hlen,
		    size_t *len)
{
	size_t pos = 1;
	u32 num;
	int err;

	if (!d->left)
		return -EBADMSG;
	num = d->p[0] & 0x1f;
	if (num == 0x1f) {
		err = read_tagnum(d->p, d->left, &pos, &num);
		if (err)
			return err;
	}
	err = read_len(d->p, d->left, &pos, len);
	if (err)
		return err;
	if (*len > d->left - pos)
		return -EBADMSG;
	*tag = KRBAP_DER_TAG(d->p[0] & 0xe0, num);
	*hlen = pos;
	return 0;
}

/**
 * krbap_der_peek() - the tag of the next element, without consuming it
 * @d: cursor
 * @tag: the tag
 *
 * The whole header is checked, so a peeked element is known to fit.
 *
 * Return: 0, -ENODATA at the end, or a reader error (see der.h).
 */
int krbap_der_peek(const struct krbap_der *d, u32 *tag)
{
	size_t hlen, len;

	if (!d->left)
		return -ENODATA;
	return read_hdr(d, tag, &hlen, &len);
}

/**
 * krbap_der_read() - read the next element, whatever its tag
 * @d: cursor, moved past the element
 * @t: the element
 *
 * Return: 0 or a reader error (see der.h).
 */
int krbap_der_read(struct krbap_der *d, struct krbap_der_tlv *t)
{
	size_t hlen, len;
	int err;

	err = read_hdr(d, &t->tag, &hlen, &len);
	if (err)
		return err;
	t->raw = d->p;
	t->raw_len = hlen + len;
	t->val = d->p + hlen;
	t->len = len;
	d->p += t->raw_len;
	d->left -= t->raw_len;
	return 0;
}

/**
 * krbap_der_expect() - read the next element, which must have @tag
 * @d: cursor, moved past the element
 * @tag: the required tag
 * @t: the element
 *
 * Return: 0, -EBADMSG if the tag differs, or a reader error.
 */
int krbap_der_expect(struct krbap_der *d, u32 tag, struct krbap_der_tlv *t)
{
	struct krbap_der c = *d;
	int err;

	err = krbap_der_read(&c, t);
	if (err)
		return err;
	if (t->tag != tag)
		return -EBADMSG;
	*d = c;
	return 0;
}

/**
 * krbap_der_enter() - step into a constructed element
 * @d: cursor, moved past the element
 * @tag: the required tag, with KRBAP_DER_CONSTRUCTED in its class
 * @in: cursor over the element's contents
 *
 * Return: 0, -EMSGSIZE past KRBAP_DER_MAX_DEPTH, or a reader error.
 */
int krbap_der_enter(struct krbap_der *d, u32 tag, struct krbap_der *in)
{
	struct krbap_der_tlv t;
	int err;

	if (!(KRBAP_DER_TAGCLS(tag) & KRBAP_DER_CONSTRUCTED))
		return -EINVAL;
	if (d->depth >= KRBAP_DER_MAX_DEPTH)
		return -EMSGSIZE;
	err = krbap_der_expect(d, tag, &t);
	if (err)
		return err;
	in->p = t.val;
	in->left = t.len;
	in->depth = d->depth + 1;
	return 0;
}

/**
 * krbap_der_enter_opt() - step into an OPTIONAL constructed element
 * @d: cursor, moved past the element if present
 * @tag: its tag
 * @in: cursor over its contents if present
 *
 * Return: 1 if present and entered, 0 if the next element has another tag
 * or none is left, or a reader error.
 */
int krbap_der_enter_opt(struct krbap_der *d, u32 tag, struct krbap_der *in)
{
	u32 next;
	int err;

	err = krbap_der_peek(d, &next);
	if (err == -ENODATA || (!err && next != tag))
		return 0;
	if (err)
		return err;
	err = krbap_der_enter(d, tag, in);
	return err ? err : 1;
}

/**
 * krbap_der_skip_ext() - skip a SEQUENCE's unknown trailing fields
 * @d: cursor inside the SEQUENCE, after its last known field
 * @last_known: the highest context tag number the decoder knows
 *
 * RFC 4120 messages are extended by new tagged fields after the known
 * ones, so what is left must be explicit context tags [n], n above
 * @last_known and increasing (DER order); their contents are skipped
 * unread.
 *
 * Return: 0 with @d empty, or -EBADMSG.
 */
int krbap_der_skip_ext(struct krbap_der *d, unsigned int last_known)
{
	u32 last = last_known;
	struct krbap_der_tlv t;
	int err;

	while (d->left) {
		err = krbap_der_read(d, &t);
		if (err)
			return err;
		if (KRBAP_DER_TAGCLS(t.tag) !=
		    (KRBAP_DER_CONTEXT | KRBAP_DER_CONSTRUCTED) ||
		    KRBAP_DER_TAGNUM(t.tag) <= last)
			return -EBADMSG;
		last = KRBAP_DER_TAGNUM(t.tag);
	}
	return 0;
}

static bool int_minimal(const u8 *p, size_t len)
{
	if (len == 0)
		return false;
	if (len == 1)
		return true;
	if (p[0] == 0x00 && !(p[1] & 0x80))
		return false;
	if (p[0] == 0xff && (p[1] & 0x80))
		return false;
	return true;
}

/**
 * krbap_der_int() - read an INTEGER in [@min, @max]
 * @d: cursor, moved past the element
 * @min: smallest value allowed
 * @max: largest value allowed
 * @v: the value
 *
 * Return: 0, -EOVERFLOW out of range, or a reader error.
 */
int krbap_der_int(struct krbap_der *d, s64 min, s64 max, s64 *v)
{
	struct krbap_der c = *d;
	struct krbap_der_tlv t;
	u64 u;
	size_t i;
	int err;

	err = krbap_der_expect(&c, KRBAP_DER_INTEGER, &t);
	if (err)
		return err;
	if (!int_minimal(t.val, t.len))
		return -EBADMSG;
	if (t.len > sizeof(u64))
		return -EOVERFLOW;
	u = (t.val[0] & 0x80) ? U64_MAX : 0;
	for (i = 0; i < t.len; i++)
		u = (u << 8) | t.val[i];
	if ((s64)u < min || (s64)u > max)
		return -EOVERFLOW;
	*v = (s64)u;
	*d = c;
	return 0;
}

/**
 * krbap_der_s32() - read a krb5 Int32
 * @d: cursor
 * @v: the value
 *
 * Return: 0, -EOVERFLOW out of range, or a reader error.
 */
int krbap_der_s32(struct krbap_der *d, s32 *v)
{
	s64 x;
	int err;

	err = krbap_der_int(d, S32_MIN, S32_MAX, &x);
	if (!err)
		*v = x;
	return err;
}

/**
 * krbap_der_u32() - read a krb5 UInt32
 * @d: cursor
 * @v: the value
 *
 * Return: 0, -EOVERFLOW out of range, or a reader error.
 */
int krbap_der_u32(struct krbap_der *d, u32 *v)
{
	s64 x;
	int err;

	err = krbap_der_int(d, 0, U32_MAX, &x);
	if (!err)
		*v = x;
	return err;
}

/**
 * krbap_der_octets() - read an OCTET STRING
 * @d: cursor
 * @p: its contents, inside the caller's buffer
 * @len: their length
 *
 * Return: 0 or a reader error.
 */
int krbap_der_octets(struct krbap_der *d, const u8 **p, size_t *len)
{
	struct krbap_der_tlv t;
	int err;

	err = krbap_der_expect(d, KRBAP_DER_OCTET_STRING, &t);
	if (err)
		return err;
	*p = t.val;
	*len = t.len;
	return 0;
}

/**
 * krbap_der_string() - read a KerberosString (GeneralString)
 * @d: cursor
 * @max: longest string accepted
 * @p: its bytes, inside the caller's buffer (not NUL-terminated)
 * @len: their length
 *
 * RFC 4120 5.2.1 wants IA5 but real KDCs send UTF-8, so every byte but
 * NUL is accepted; NUL is refused because names end up in C strings.
 *
 * Return: 0, -EMSGSIZE when longer than @max, or a reader error.
 */
int krbap_der_string(struct krbap_der *d, size_t max, const u8 **p,
		     size_t *len)
{
	struct krbap_der c = *d;
	struct krbap_der_tlv t;
	int err;

	err = krbap_der_expect(&c, KRBAP_DER_GENERAL_STR, &t);
	if (err)
		return err;
	if (memchr(t.val, 0, t.len))
		return -EBADMSG;
	if (t.len > max)
		return -EMSGSIZE;
	*p = t.val;
	*len = t.len;
	*d = c;
	return 0;
}

/**
 * krbap_der_flags() - read KerberosFlags, a BIT STRING of 32 bits or more
 * @d: cursor
 * @flags: the first 32 bits, bit 0 (the first) as the most significant
 *
 * Later bits are ignored, as RFC 4120 5.2.8 lets senders add them; unused
 * bits in the last octet must be zero (DER).
 *
 * Return: 0 or a reader error.
 */
int krbap_der_flags(struct krbap_der *d, u32 *flags)
{
	struct krbap_der c = *d;
	struct krbap_der_tlv t;
	u8 unused;
	int err;

	err = krbap_der_expect(&c, KRBAP_DER_BIT_STRING, &t);
	if (err)
		return err;
	if (t.len < 5 || t.val[0] > 7)
		return -EBADMSG;
	unused = t.val[0];
	if ((t.len - 1) * 8 - unused < 32)
		return -EBADMSG;
	if (t.val[t.len - 1] & ((1u << unused) - 1))
		return -EBADMSG;
	*flags = (u32)t.val[1] << 24 | (u32)t.val[2] << 16 |
		 (u32)t.val[3] << 8 | t.val[4];
	*d = c;
	return 0;
}

static bool leap(unsigned int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(unsigned int y, unsigned int m)
{
	static const u8 days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return days[m - 1] + (m == 2 && leap(y));
}

/* days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar */
static int days_since_epoch(unsigned int y, unsigned int m, unsigned int d)
{
	/* count from March 1st of year 0 so the leap day ends the year */
	int yy = (int)y - (m <= 2);
	unsigned int mm = (m + 9) % 12;		/* March is 0 */
	int days;

	days = yy * 365 + yy / 4 - yy / 100 + yy / 400;
	if (yy < 0)	/* only year 0's Jan/Feb: -1/4 rounds toward zero */
		days -= 1;
	days += (153 * mm + 2) / 5 + d - 1;
	return days - 719468;			/* 0000-03-01 to 1970-01-01 */
}

static int digits(const u8 *p, unsigned int n, unsigned int *v)
{
	unsigned int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -EBADMSG;
		*v = *v * 10 + (p[i] - '0');
	}
	return 0;
}

static int parse_time(const u8 *s, time64_t *t)
{
	unsigned int y, mo, d, h, mi, sec;

	if (digits(s, 4, &y) || digits(s + 4, 2, &mo) ||
	    digits(s + 6, 2, &d) || digits(s + 8, 2, &h) ||
	    digits(s + 10, 2, &mi) || digits(s + 12, 2, &sec) || s[14] != 'Z')
		return -EBADMSG;
	if (mo < 1 || mo > 12 || d < 1 || d > (unsigned int)month_days(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return -EBADMSG;
	*t = (time64_t)days_since_epoch(y, mo, d) * 86400 + h * 3600 +
	     mi * 60 + sec;
	return 0;
}

/**
 * krbap_der_time() - read a KerberosTime
 * @d: cursor
 * @t: seconds since the epoch
 *
 * KerberosTime is a GeneralizedTime of exactly "YYYYMMDDHHMMSSZ" (RFC 4120
 * 5.2.3): no fraction, no offset, every field in range (no leap second).
 *
 * Return: 0 or a reader error.
 */
int krbap_der_time(struct krbap_der *d, time64_t *t)
{
	struct krbap_der c = *d;
	struct krbap_der_tlv tlv;
	int err;

	err = krbap_der_expect(&c, KRBAP_DER_GENERALIZED, &tlv);
	if (err)
		return err;
	if (tlv.len != KRBAP_DER_TIME_LEN)
		return -EBADMSG;
	err = parse_time(tlv.val, t);
	if (!err)
		*d = c;
	return err;
}

/**
 * krbap_der_w_init() - start writing into a buffer, from its end
 * @w: writer
 * @buf: the buffer
 * @size: its size
 *
 * Encode a structure by writing its last field first; krbap_der_w_hdr()
 * then puts the header in front of what was written since a mark.
 */
void krbap_der_w_init(struct krbap_der_w *w, void *buf, size_t size)
{
	w->buf = buf;
	w->size = size;
	w->pos = size;
	w->err = 0;
}

/**
 * krbap_der_w_len() - how many bytes are written, to use as a mark
 * @w: writer
 *
 * Return: the byte count.
 */
size_t krbap_der_w_len(const struct krbap_der_w *w)
{
	return w->size - w->pos;
}

/**
 * krbap_der_w_raw() - put bytes in front of what is written
 * @w: writer
 * @p: the bytes
 * @len: their length
 */
void krbap_der_w_raw(struct krbap_der_w *w, const void *p, size_t len)
{
	if (w->err)
		return;
	if (len > w->pos) {
		w->err = -EMSGSIZE;
		return;
	}
	w->pos -= len;
	if (len)
		memcpy(w->buf + w->pos, p, len);
}

static void put_len(struct krbap_der_w *w, size_t len)
{
	u8 b[1 + sizeof(size_t)];
	unsigned int n = 0;

	if (len < 0x80) {
		b[0] = len;
		krbap_der_w_raw(w, b, 1);
		return;
	}
	while (len) {
		b[sizeof(b) - 1 - n++] = len & 0xff;
		len >>= 8;
	}
	b[sizeof(b) - 1 - n] = 0x80 | n;
	krbap_der_w_raw(w, b + sizeof(b) - 1 - n, n + 1);
}

static void put_tag(struct krbap_der_w *w, u32 tag)
{
	u32 num = KRBAP_DER_TAGNUM(tag);
	u8 b[4];
	unsigned int n = 0;

	if (num > KRBAP_DER_MAX_TAGNUM) {
		w->err = w->err ?: -EINVAL;
		return;
	}
	if (num < 0x1f) {
		b[0] = KRBAP_DER_TAGCLS(tag) | num;
		krbap_der_w_raw(w, b, 1);
		return;
	}
	do {
		b[3 - n] = (num & 0x7f) | (n ? 0x80 : 0);
		n++;
		num >>= 7;
	} while (num);
	b[3 - n] = KRBAP_DER_TAGCLS(tag) | 0x1f;
	krbap_der_w_raw(w, b + 3 - n, n + 1);
}

/**
 * krbap_der_w_hdr() - put a header in front of the contents written
 * @w: writer
 * @tag: the element's tag
 * @mark: krbap_der_w_len() before the contents were written
 */
void krbap_der_w_hdr(struct krbap_der_w *w, u32 tag, size_t mark)
{
	if (w->err)
		return;
	put_len(w, krbap_der_w_len(w) - mark);
	put_tag(w, tag);
}

/**
 * krbap_der_w_int() - write an INTEGER
 * @w: writer
 * @v: its value
 */
void krbap_der_w_int(struct krbap_der_w *w, s64 v)
{
	size_t mark = krbap_der_w_len(w);
	u8 b[sizeof(u64)];
	unsigned int n = sizeof(b);
	u64 u = v;

	do {
		b[--n] = u & 0xff;
		u = (u64)((s64)u >> 8);
	} while (n && !(((s64)u == 0 && !(b[n] & 0x80)) ||
			((s64)u == -1 && (b[n] & 0x80))));
	krbap_der_w_raw(w, b + n, sizeof(b) - n);
	krbap_der_w_hdr(w, KRBAP_DER_INTEGER, mark);
}

/**
 * krbap_der_w_octets() - write a primitive string element
 * @w: writer
 * @tag: KRBAP_DER_OCTET_STRING, KRBAP_DER_GENERAL_STR, ...
 * @p: its contents
 * @len: their length
 */
void krbap_der_w_octets(struct krbap_der_w *w, u32 tag, const void *p,
			size_t len)
{
	size_t mark = krbap_der_w_len(w);

	krbap_der_w_raw(w, p, len);
	krbap_der_w_hdr(w, tag, mark);
}

/**
 * krbap_der_w_flags() - write KerberosFlags as a 32-bit BIT STRING
 * @w: writer
 * @flags: bit 0 as the most significant
 */
void krbap_der_w_flags(struct krbap_der_w *w, u32 flags)
{
	u8 b[5] = { 0, flags >> 24, flags >> 16, flags >> 8, flags };

	krbap_der_w_octets(w, KRBAP_DER_BIT_STRING, b, sizeof(b));
}

static void put2(u8 *s, unsigned int v)
{
	s[0] = '0' + v / 10;
	s[1] = '0' + v % 10;
}

/**
 * krbap_der_w_time() - write a KerberosTime
 * @w: writer
 * @t: seconds since the epoch, years 0000 to 9999
 */
void krbap_der_w_time(struct krbap_der_w *w, time64_t t)
{
	unsigned int m, y;
	int days, secs;
	u8 s[KRBAP_DER_TIME_LEN];

	if (t < (time64_t)days_since_epoch(0, 1, 1) * 86400 ||
	    t >= (time64_t)days_since_epoch(10000, 1, 1) * 86400) {
		w->err = w->err ?: -EINVAL;
		return;
	}
	days = div_s64_rem(t, 86400, &secs);
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	/* a year has 365 or 366 days: start at or below it, count up */
	y = days >= 0 ? 1970 + days / 366 : max(0, 1969 + days / 365);
	while (days_since_epoch(y + 1, 1, 1) <= days)
		y++;
	days -= days_since_epoch(y, 1, 1);
	for (m = 1; days >= month_days(y, m); m++)
		days -= month_days(y, m);
	put2(s, y / 100);
	put2(s + 2, y % 100);
	put2(s + 4, m);
	put2(s + 6, days + 1);
	put2(s + 8, secs / 3600);
	put2(s + 10, secs / 60 % 60);
	put2(s + 12, secs % 60);
	s[14] = 'Z';
	krbap_der_w_octets(w, KRBAP_DER_GENERALIZED, s, sizeof(s));
}

/**
 * krbap_der_w_finish() - the encoding, or the first error
 * @w: writer
 * @out: start of the encoding, inside the writer's buffer
 * @len: its length
 *
 * Return: 0, -EMSGSIZE if the buffer was too small, -EINVAL on a value
 * that cannot be encoded.
 */
int krbap_der_w_finish(struct krbap_der_w *w, const u8 **out, size_t *len)
{
	if (w->err)
		return w->err;
	*out = w->buf + w->pos;
	*len = krbap_der_w_len(w);
	return 0;
}
