/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A strict, bounded DER reader and a backwards DER writer, enough for the
 * Kerberos messages of RFC 4120.
 *
 * Reader errors:
 *   -EBADMSG   malformed: truncated, indefinite or non-minimal length,
 *              non-minimal tag or INTEGER, wrong tag, trailing bytes,
 *              bad GeneralizedTime, NUL in a string
 *   -EOVERFLOW a well-formed INTEGER outside the range asked for
 *   -EMSGSIZE  one of our limits: nesting deeper than KRBAP_DER_MAX_DEPTH
 *              or a string longer than the caller allows
 * Writer: the first error (-EMSGSIZE when the buffer is too small, -EINVAL
 * on a bad argument) sticks and is returned by krbap_der_w_finish().
 */
#ifndef KRBAP_DER_H
#define KRBAP_DER_H

#include <linux/types.h>
#include <linux/time64.h>

#define KRBAP_DER_MAX_DEPTH	16

/* identifier octet bits */
#define KRBAP_DER_UNIVERSAL	0x00
#define KRBAP_DER_APPLICATION	0x40
#define KRBAP_DER_CONTEXT	0x80
#define KRBAP_DER_PRIVATE	0xc0
#define KRBAP_DER_CONSTRUCTED	0x20

/*
 * A tag is the identifier octet's class and constructed bits in bits 24-31
 * and the tag number (up to KRBAP_DER_MAX_TAGNUM) in bits 0-23.
 */
#define KRBAP_DER_MAX_TAGNUM	0x1fffff
#define KRBAP_DER_TAG(cls, num)	(((u32)(cls) << 24) | (num))
#define KRBAP_DER_TAGNUM(tag)	((tag) & 0xffffff)
#define KRBAP_DER_TAGCLS(tag)	((tag) >> 24)
#define KRBAP_DER_CTX(n) \
	KRBAP_DER_TAG(KRBAP_DER_CONTEXT | KRBAP_DER_CONSTRUCTED, n)
#define KRBAP_DER_APP(n) \
	KRBAP_DER_TAG(KRBAP_DER_APPLICATION | KRBAP_DER_CONSTRUCTED, n)

#define KRBAP_DER_INTEGER	KRBAP_DER_TAG(0, 0x02)
#define KRBAP_DER_BIT_STRING	KRBAP_DER_TAG(0, 0x03)
#define KRBAP_DER_OCTET_STRING	KRBAP_DER_TAG(0, 0x04)
#define KRBAP_DER_GENERALIZED	KRBAP_DER_TAG(0, 0x18)
#define KRBAP_DER_GENERAL_STR	KRBAP_DER_TAG(0, 0x1b)
#define KRBAP_DER_SEQUENCE	KRBAP_DER_TAG(KRBAP_DER_CONSTRUCTED, 0x10)

/* "YYYYMMDDHHMMSSZ" */
#define KRBAP_DER_TIME_LEN	15

/**
 * struct krbap_der - a read cursor over a bounded buffer
 * @p: next unread byte
 * @left: bytes left from @p to the end of the enclosing element
 * @depth: how many constructed elements enclose this cursor
 */
struct krbap_der {
	const u8 *p;
	size_t left;
	unsigned int depth;
};

/**
 * struct krbap_der_tlv - one element as read
 * @tag: KRBAP_DER_TAG() of the identifier
 * @raw: the whole element, identifier and length included
 * @raw_len: length of @raw
 * @val: the contents
 * @len: length of @val
 */
struct krbap_der_tlv {
	u32 tag;
	const u8 *raw;
	size_t raw_len;
	const u8 *val;
	size_t len;
};

/**
 * struct krbap_der_w - a writer that fills a buffer from its end
 * @buf: the caller's buffer
 * @pos: start of the bytes written so far, which run to @buf + size
 * @size: size of @buf
 * @err: first error, 0 if none
 */
struct krbap_der_w {
	u8 *buf;
	size_t pos;
	size_t size;
	int err;
};

void krbap_der_init(struct krbap_der *d, const void *buf, size_t len);
bool krbap_der_empty(const struct krbap_der *d);
int krbap_der_end(const struct krbap_der *d);
int krbap_der_peek(const struct krbap_der *d, u32 *tag);
int krbap_der_read(struct krbap_der *d, struct krbap_der_tlv *t);
int krbap_der_expect(struct krbap_der *d, u32 tag, struct krbap_der_tlv *t);
int krbap_der_enter(struct krbap_der *d, u32 tag, struct krbap_der *in);
int krbap_der_enter_opt(struct krbap_der *d, u32 tag, struct krbap_der *in);
int krbap_der_skip_ext(struct krbap_der *d, unsigned int last_known);

int krbap_der_int(struct krbap_der *d, s64 min, s64 max, s64 *v);
int krbap_der_s32(struct krbap_der *d, s32 *v);
int krbap_der_u32(struct krbap_der *d, u32 *v);
int krbap_der_octets(struct krbap_der *d, const u8 **p, size_t *len);
int krbap_der_string(struct krbap_der *d, size_t max, const u8 **p,
		     size_t *len);
int krbap_der_flags(struct krbap_der *d, u32 *flags);
int krbap_der_time(struct krbap_der *d, time64_t *t);

void krbap_der_w_init(struct krbap_der_w *w, void *buf, size_t size);
size_t krbap_der_w_len(const struct krbap_der_w *w);
void krbap_der_w_raw(struct krbap_der_w *w, const void *p, size_t len);
void krbap_der_w_hdr(struct krbap_der_w *w, u32 tag, size_t mark);
void krbap_der_w_int(struct krbap_der_w *w, s64 v);
void krbap_der_w_octets(struct krbap_der_w *w, u32 tag, const void *p,
			size_t len);
void krbap_der_w_flags(struct krbap_der_w *w, u32 flags);
void krbap_der_w_time(struct krbap_der_w *w, time64_t t);
int krbap_der_w_finish(struct krbap_der_w *w, const u8 **out, size_t *len);

#endif /* KRBAP_DER_H */
