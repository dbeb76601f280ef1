// SPDX-License-Identifier: GPL-2.0-only
/*
 * gss-consumer-client: an MIT GSS-API initiator for the in-kernel test
 * consumer (tests/consumer/krbap_consumer.c, whose header describes the
 * framing).  Logs in with gss_init_sec_context over loopback TCP, finishes
 * the context on the server's reply (mutual authentication), sends a
 * message with gss_get_mic and checks the server's answer with
 * gss_verify_mic.
 *
 *   gss-consumer-client [OPTIONS] SERVICE@HOST
 *     --port N           the consumer's port (default 4121)
 *     --etype ENCTYPE    the only enctype offered (session key, subkeys)
 *     --no-mutual        no mutual authentication (no reply token)
 *     --spnego           SPNEGO (RFC 4178) around the krb5 mechanism, as
 *                        SMB sends it (krb5 the only mechanism offered)
 *     --prefer-ntlm      SPNEGO offering [NTLMSSP, krb5] with an NTLM
 *                        optimistic token, so the server must
 *                        renegotiate to krb5 (RFC 4178 5); needs
 *                        gss-ntlmssp and an NTLM_USER_FILE to draw from
 *     --corrupt-spnego-mic  with --prefer-ntlm: flip the last byte (its
 *                        checksum's) of the token that carries MIT's
 *                        mechListMIC: the second without mutual
 *                        authentication, the third with it
 *     --message TEXT     what to sign and send
 *     --corrupt-mic      flip a bit in the MIC's checksum
 *     --corrupt-message  change the message after signing it
 *     --skip-seq         sign twice, send the second (out of sequence)
 *     --replay           then send the same initial token again, on a
 *                        new connection; the outcome is the replay's
 *     --raw FILE         send FILE's bytes instead, and report what
 *                        comes back
 *     --stall SECS       connect (and with --raw send FILE, with
 *                        --after-login log in) and then send nothing;
 *                        report when the server closes, give up after SECS
 *     --after-login      with --stall: stall where the MIC is due
 *
 * Prints what happened on stdout.  Exit status: 0 logged in and both MICs
 * verified (--stall: the server closed the connection); 1 the server
 * refused (a REFUSE or ERROR frame); 2 usage or local error (no ticket,
 * cannot connect); 3 the server misbehaved (its reply or MIC did not
 * verify, an unexpected frame, a close with no frame, --stall: still
 * open after SECS).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

#include "kutil.h"

const char *prog = "gss-consumer-client";

#define FRAME_HDR	5
#define FRAME_MAX	65536
#define IO_TIMEOUT	60

enum { F_TOKEN = 1, F_ACCEPT, F_REFUSE, F_MIC, F_ERROR, F_CONTINUE };

enum {
	RC_OK,
	RC_REFUSED,
	RC_LOCAL,
	RC_SERVER,
};

struct opts {
	const char *service, *message, *raw;
	int port, stall;
	krb5_enctype etype;
	bool no_mutual, spnego, corrupt_mic, corrupt_message, skip_seq, replay;
	bool after_login, prefer_ntlm, corrupt_spnego_mic;
};

struct frame {
	int type;		/* 0 when the server closed instead */
	uint32_t len;
	unsigned char *data;
};

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: gss-consumer-client [--port N] [--etype ENCTYPE | --spnego | --prefer-ntlm]\n"
		"         [--no-mutual] [--corrupt-spnego-mic]\n"
		"         [--message TEXT] [--corrupt-mic] [--corrupt-message] [--skip-seq]\n"
		"         [--replay] [--raw FILE] [--stall SECS [--after-login]] SERVICE@HOST\n");
	exit(RC_LOCAL);
}

/* one line for a GSS status pair */
static void gss_report(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 codes[2] = { major, minor }, more, min;
	int types[2] = { GSS_C_GSS_CODE, GSS_C_MECH_CODE }, i;
	gss_buffer_desc s;

	printf("%s: major 0x%x, minor %d:", what, major, (int)minor);
	for (i = 0; i < 2; i++) {
		more = 0;
		do {
			if (gss_display_status(&min, codes[i], types[i],
					       (gss_OID)gss_mech_krb5, &more,
					       &s))
				break;
			printf(" %.*s;", (int)s.length, (char *)s.value);
			gss_release_buffer(&min, &s);
		} while (more);
	}
	putchar('\n');
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "etype", required_argument, NULL, 'e' },
		{ "no-mutual", no_argument, NULL, 'n' },
		{ "spnego", no_argument, NULL, 'S' },
		{ "prefer-ntlm", no_argument, NULL, 'N' },
		{ "corrupt-spnego-mic", no_argument, NULL, 'x' },
		{ "message", required_argument, NULL, 'm' },
		{ "corrupt-mic", no_argument, NULL, 'c' },
		{ "corrupt-message", no_argument, NULL, 'C' },
		{ "skip-seq", no_argument, NULL, 'k' },
		{ "replay", no_argument, NULL, 'r' },
		{ "raw", required_argument, NULL, 'R' },
		{ "stall", required_argument, NULL, 's' },
		{ "after-login", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	o->port = 4121;
	o->message = "a message from the MIT client";
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->port = strtol(optarg, &end, 10);
			if (*end || o->port < 1 || o->port > 65535)
				usage();
			break;
		case 'e':
			if (parse_enctype(optarg, &o->etype))
				usage();
			break;
		case 'n': o->no_mutual = true; break;
		case 'S': o->spnego = true; break;
		case 'N': o->spnego = o->prefer_ntlm = true; break;
		case 'x': o->corrupt_spnego_mic = true; break;
		case 'm': o->message = optarg; break;
		case 'c': o->corrupt_mic = true; break;
		case 'C': o->corrupt_message = true; break;
		case 'k': o->skip_seq = true; break;
		case 'r': o->replay = true; break;
		case 'R': o->raw = optarg; break;
		case 'a': o->after_login = true; break;
		case 's':
			o->stall = strtol(optarg, &end, 10);
			if (*end || o->stall < 1)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || (o->after_login && !o->stall) ||
	    (o->spnego && o->etype) ||
	    (o->corrupt_spnego_mic && !o->prefer_ntlm))
		usage();
	o->service = argv[optind];
}

static int connect_consumer(const struct opts *o)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(o->port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct timeval tv = { .tv_sec = o->stall ? o->stall : IO_TIMEOUT };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
				 sizeof(tv)) ||
	    connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		printf("cannot connect to 127.0.0.1:%d: %s\n", o->port,
		       strerror(errno));
		exit(RC_LOCAL);
	}
	return fd;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* 1 all read, 0 closed before any byte, -1 an error or a short read */
static int read_all(int fd, void *buf, size_t len)
{
	unsigned char *p = buf;
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = recv(fd, p + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 && !got ? 0 : -1;
		got += n;
	}
	return 1;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* a frame of @type: @a, then (when @b) a length-prefixed @a and @b */
static void send_frame(int fd, int type, const void *a, size_t alen,
		       const void *b, size_t blen)
{
	size_t plen = alen + (b ? 4 + blen : 0);
	unsigned char *buf = malloc(FRAME_HDR + plen), *p;

	if (!buf)
		fatal(0, "out of memory");
	buf[0] = type;
	put32(buf + 1, plen);
	p = buf + FRAME_HDR;
	if (b) {
		put32(p, alen);
		p += 4;
	}
	memcpy(p, a, alen);
	if (b)
		memcpy(p + alen, b, blen);
	if (write_all(fd, buf, FRAME_HDR + plen))
		printf("send: %s (the server closed?)\n", strerror(errno));
	free(buf);
}

/* the next frame; type 0 when the server closed the connection */
static int read_frame(int fd, struct frame *f)
{
	unsigned char hdr[FRAME_HDR];
	int r;

	memset(f, 0, sizeof(*f));
	r = read_all(fd, hdr, sizeof(hdr));
	if (r <= 0)
		return r == 0 || errno == ECONNRESET ? 0 : -1;
	f->type = hdr[0];
	f->len = get32(hdr + 1);
	if (f->len > FRAME_MAX + 16) {
		printf("server: frame length %u, too long\n", f->len);
		return -1;
	}
	f->data = malloc(f->len + 1);
	if (!f->data)
		fatal(0, "out of memory");
	if (read_all(fd, f->data, f->len) != 1 && f->len) {
		printf("server: frame cut short\n");
		free(f->data);
		f->data = NULL;
		return -1;
	}
	f->data[f->len] = 0;
	return 0;
}

/*
 * The KRB-ERROR in an error token, in words.  It follows the krb5 OID and
 * TOK_ID 03 00 of a GSS error token, which SPNEGO's reject NegTokenResp
 * carries as its responseToken.
 */
static void show_error_token(const char *stage, const unsigned char *t,
			     size_t len)
{
	static const unsigned char mark[] = {
		0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02,
		0x02, 0x03, 0x00
	};
	const unsigned char *p = len >= sizeof(mark) ?
		memmem(t, len, mark, sizeof(mark)) : NULL;
	krb5_error *err = NULL;
	size_t left, n, hdr = 2;
	krb5_data d;

	if (!p) {
		printf("%s: refused, no KRB-ERROR token\n", stage);
		return;
	}
	p += sizeof(mark);
	left = len - (p - t);
	/* the KRB-ERROR's own length: 7e, then one or two length bytes */
	if (left < 2 || p[0] != 0x7e)
		goto bad;
	n = p[1];
	if (n == 0x81 && left >= 3) {
		n = p[2];
		hdr = 3;
	} else if (n == 0x82 && left >= 4) {
		n = p[2] << 8 | p[3];
		hdr = 4;
	} else if (n & 0x80) {
		goto bad;
	}
	if (hdr + n > left)
		goto bad;
	d.magic = KV5M_DATA;
	d.data = (char *)p;
	d.length = hdr + n;
	if (krb5_rd_error(kctx, &d, &err))
		goto bad;
	printf("%s: refused: %s (%d)%s%.*s\n", stage,
	       krb_error_name(ERROR_TABLE_BASE_krb5 + err->error) ?: "?",
	       (int)err->error, err->text.length ? ": " : "",
	       (int)err->text.length, err->text.data);
	krb5_free_error(kctx, err);
	return;
bad:
	printf("%s: refused, with a malformed error token\n", stage);
}

/* what a REFUSE, ERROR or unexpected frame means; the exit status */
static int report(const char *stage, const struct frame *f)
{
	switch (f->type) {
	case 0:
		printf("%s: the server closed the connection\n", stage);
		return RC_SERVER;
	case F_REFUSE:
		show_error_token(stage, f->data, f->len);
		return RC_REFUSED;
	case F_ERROR:
		printf("%s: server error: %s\n", stage, (char *)f->data);
		return RC_REFUSED;
	default:
		printf("%s: unexpected frame type %d (%u bytes)\n", stage,
		       f->type, f->len);
		return RC_SERVER;
	}
}

static bool closed_after(int fd)
{
	struct frame f;
	bool closed = !read_frame(fd, &f) && !f.type;

	free(f.data);
	return closed;
}

static gss_OID_desc spnego_mech = { 6, (void *)"\x2b\x06\x01\x05\x05\x02" };
static gss_OID_desc ntlm_mech = {
	10, (void *)"\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x0a"
};

struct login {
	gss_OID mech;
	gss_ctx_id_t ctx;
	gss_name_t target;
	gss_cred_id_t cred;
	gss_buffer_desc token;
	OM_uint32 flags;
};

/* the NegTokenInit's mech list starts with NTLMSSP, then krb5 */
static bool ntlm_first(const gss_buffer_desc *t)
{
	static const unsigned char list[] = {
		0x30, 0x17, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,
		0x37, 0x02, 0x02, 0x0a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
		0xf7, 0x12, 0x01, 0x02, 0x02
	};

	return t->length > sizeof(list) &&
	       memmem(t->value, t->length, list, sizeof(list));
}

static void start_login(const struct opts *o, struct login *l)
{
	gss_OID_set_desc krb5 = { 1, (gss_OID)gss_mech_krb5 }, mechs = krb5;
	gss_OID_desc ntlm_krb5[2] = { ntlm_mech, *gss_mech_krb5 };
	gss_OID_set_desc prefs = { 2, ntlm_krb5 };
	gss_buffer_desc nb = { strlen(o->service), (void *)o->service };
	krb5_enctype e = o->etype;
	OM_uint32 maj, min;

	memset(l, 0, sizeof(*l));
	l->mech = o->spnego ? &spnego_mech : (gss_OID)gss_mech_krb5;
	mechs.elements = l->mech;
	l->flags = GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG | GSS_C_INTEG_FLAG |
		   (o->no_mutual ? 0 : GSS_C_MUTUAL_FLAG);
	maj = gss_import_name(&min, &nb, GSS_C_NT_HOSTBASED_SERVICE,
			      &l->target);
	if (!maj)
		maj = gss_acquire_cred(&min, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				       &mechs, GSS_C_INITIATE, &l->cred, NULL,
				       NULL);
	if (!maj && e)
		maj = gss_krb5_set_allowable_enctypes(&min, l->cred, 1, &e);
	if (!maj && o->spnego)
		maj = gss_set_neg_mechs(&min, l->cred,
					o->prefer_ntlm ? &prefs : &krb5);
	if (!maj)
		maj = gss_init_sec_context(&min, l->cred, &l->ctx, l->target,
					   l->mech, l->flags,
					   0, NULL, GSS_C_NO_BUFFER, NULL,
					   &l->token, NULL, NULL);
	if (GSS_ERROR(maj)) {
		gss_report("gss_init_sec_context", maj, min);
		exit(RC_LOCAL);
	}
	printf("login: a %zu-byte %s for %s%s\n", l->token.length,
	       o->spnego ? "SPNEGO NegTokenInit" : "initial context token",
	       o->service, o->no_mutual ? "" : " (mutual authentication)");
	if (o->prefer_ntlm && !ntlm_first(&l->token)) {
		printf("login: MIT did not put NTLMSSP first (is gss-ntlmssp installed, NTLM_USER_FILE set?)\n");
		exit(RC_LOCAL);
	}
	if (o->prefer_ntlm)
		printf("login: it offers [NTLMSSP, krb5], an NTLM token inside\n");
}

/* SPNEGO negState of a NegTokenResp, in words */
static const char *neg_state(const struct frame *f)
{
	static const char *const names[] = {
		"accept-completed", "accept-incomplete", "reject", "request-mic"
	};
	static const unsigned char mark[] = { 0xa0, 0x03, 0x0a, 0x01 };
	const unsigned char *p = f->len > sizeof(mark) ?
		memmem(f->data, f->len, mark, sizeof(mark)) : NULL;

	if (!p || p + sizeof(mark) >= f->data + f->len ||
	    p[sizeof(mark)] > 3)
		return "none";
	return names[p[sizeof(mark)]];
}

/*
 * CONTINUE frames: the server wants another SPNEGO token; MIT makes it
 * from the server's.  Leaves the first other frame in @f, and @done set
 * when MIT completed its context with the last token it sent.
 */
static int renegotiate(int fd, const struct opts *o, struct login *l,
		       struct frame *f, bool *done)
{
	gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 maj, min;
	bool flip;

	for (;;) {
		if (read_frame(fd, f))
			return RC_SERVER;
		if (f->type != F_CONTINUE)
			return RC_OK;
		printf("login: the server asks for another token (negState %s, %u bytes)\n",
		       neg_state(f), f->len);
		if (*done) {
			printf("login: but MIT had completed\n");
			return RC_SERVER;
		}
		in.value = f->data;
		in.length = f->len;
		maj = gss_init_sec_context(&min, l->cred, &l->ctx, l->target,
					   l->mech, l->flags, 0, NULL, &in,
					   NULL, &out, NULL, NULL);
		free(f->data);
		f->data = NULL;
		if (GSS_ERROR(maj) || !out.length) {
			gss_report("login: the server's NegTokenResp", maj, min);
			gss_release_buffer(&min, &out);
			return RC_SERVER;
		}
		*done = maj == GSS_S_COMPLETE;
		/* MIT's krb5 context is complete: its MIC goes out now */
		flip = o->corrupt_spnego_mic && (*done || o->no_mutual);
		if (flip)
			((unsigned char *)out.value)[out.length - 1] ^= 1;
		printf("login: MIT answers with %zu bytes%s%s\n", out.length,
		       *done ? " and has completed its context" : "",
		       flip ? " (its MIC's last byte flipped)" : "");
		send_frame(fd, F_TOKEN, out.value, out.length, NULL, 0);
		gss_release_buffer(&min, &out);
	}
}

/* the server's answer to the initial token; completes the context */
static int finish_login(int fd, const struct opts *o, struct login *l)
{
	gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 maj, min, ret_flags = 0;
	struct frame f;
	int rc = RC_OK;
	bool done = false;

	rc = renegotiate(fd, o, l, &f, &done);
	if (rc) {
		free(f.data);
		return rc;
	}
	if (f.type != F_ACCEPT) {
		rc = report("login", &f);
	} else if (done) {
		if (f.len) {
			printf("login: a %u-byte reply after MIT had completed\n",
			       f.len);
			rc = RC_SERVER;
		} else {
			printf("login: accepted; MIT had completed the context with its last token\n");
		}
	} else if (o->no_mutual && !o->spnego) {
		if (f.len) {
			printf("login: a reply token without mutual authentication\n");
			rc = RC_SERVER;
		} else {
			printf("login: accepted (no reply token: no mutual authentication)\n");
		}
	} else {
		in.value = f.data;
		in.length = f.len;
		maj = gss_init_sec_context(&min, l->cred, &l->ctx, l->target,
					   l->mech, l->flags, 0, NULL, &in,
					   NULL, &out, &ret_flags, NULL);
		if (out.length)
			printf("login: MIT has a %zu-byte token more to send, which this protocol has no frame for\n",
			       out.length);
		gss_release_buffer(&min, &out);
		if (maj != GSS_S_COMPLETE) {
			gss_report("login: the server's reply token", maj, min);
			rc = RC_SERVER;
		} else {
			printf("login: accepted; MIT completed the context on the server's %u-byte reply (flags 0x%x)\n",
			       f.len, ret_flags);
		}
	}
	free(f.data);
	return rc;
}

/* an RFC 4121 MIC token's header, in words */
static void show_mic(const char *who, const unsigned char *t, size_t len)
{
	unsigned long long seq = 0;
	int i;

	if (len < 16) {
		printf("  %s MIC: %zu bytes, too short for a MIC token\n", who,
		       len);
		return;
	}
	for (i = 8; i < 16; i++)
		seq = seq << 8 | t[i];
	printf("  %s MIC: TOK_ID %02x %02x, flags 0x%02x (%s%s), SND_SEQ %llu, %zu-byte checksum\n",
	       who, t[0], t[1], t[2],
	       t[2] & 0x01 ? "SentByAcceptor" : "initiator",
	       t[2] & 0x04 ? ", AcceptorSubkey" : "", seq, len - 16);
}

static void send_mic(int fd, const struct opts *o, const struct login *l)
{
	gss_buffer_desc m = { strlen(o->message), (void *)o->message };
	gss_buffer_desc mic = GSS_C_EMPTY_BUFFER;
	OM_uint32 maj, min;
	char *msg = strdup(o->message);

	if (!msg)
		fatal(0, "out of memory");
	maj = gss_get_mic(&min, l->ctx, GSS_C_QOP_DEFAULT, &m, &mic);
	if (!maj && o->skip_seq) {
		gss_release_buffer(&min, &mic);
		maj = gss_get_mic(&min, l->ctx, GSS_C_QOP_DEFAULT, &m, &mic);
	}
	if (maj) {
		gss_report("gss_get_mic", maj, min);
		exit(RC_LOCAL);
	}
	if (o->corrupt_mic)
		((unsigned char *)mic.value)[mic.length - 1] ^= 0x01;
	if (o->corrupt_message && m.length)
		msg[0] ^= 0x20;
	printf("mic: sending \"%s\" with a %zu-byte MIC%s\n", msg, mic.length,
	       o->corrupt_mic ? " (one checksum bit flipped)" :
	       o->corrupt_message ? " (message changed after signing)" :
	       o->skip_seq ? " (the second one made: out of sequence)" : "");
	show_mic("our", mic.value, mic.length);
	send_frame(fd, F_MIC, msg, m.length, mic.value, mic.length);
	gss_release_buffer(&min, &mic);
	free(msg);
}

static int check_answer(int fd, const struct login *l)
{
	gss_buffer_desc m, mic;
	OM_uint32 maj, min;
	struct frame f;
	uint32_t n;
	int rc = RC_OK;

	if (read_frame(fd, &f))
		return RC_SERVER;
	if (f.type != F_MIC) {
		rc = report("mic", &f);
		free(f.data);
		return rc;
	}
	n = f.len >= 4 ? get32(f.data) : UINT32_MAX;
	if (n > f.len - 4) {
		printf("mic: malformed answer\n");
		free(f.data);
		return RC_SERVER;
	}
	m.value = f.data + 4;
	m.length = n;
	mic.value = f.data + 4 + n;
	mic.length = f.len - 4 - n;
	maj = gss_verify_mic(&min, l->ctx, &m, &mic, NULL);
	if (maj != GSS_S_COMPLETE) {
		gss_report("mic: the server's MIC", maj, min);
		rc = RC_SERVER;
	} else {
		printf("mic: the server answered \"%.*s\"; its MIC verified (gss_verify_mic)\n",
		       (int)n, (char *)m.value);
		show_mic("its", mic.value, mic.length);
	}
	free(f.data);
	return rc;
}

static void end_login(struct login *l)
{
	OM_uint32 min;

	gss_release_buffer(&min, &l->token);
	gss_delete_sec_context(&min, &l->ctx, GSS_C_NO_BUFFER);
	gss_release_cred(&min, &l->cred);
	gss_release_name(&min, &l->target);
}

static int replay(const struct opts *o, const struct login *l)
{
	int fd = connect_consumer(o), rc;
	struct frame f;

	printf("replay: the same initial token again, on a new connection\n");
	send_frame(fd, F_TOKEN, l->token.value, l->token.length, NULL, 0);
	if (read_frame(fd, &f)) {
		close(fd);
		return RC_SERVER;
	}
	if (f.type == F_ACCEPT) {
		printf("replay: accepted (it should not have been)\n");
		rc = RC_OK;
	} else {
		rc = report("replay", &f);
	}
	free(f.data);
	close(fd);
	return rc;
}

static int run_login(const struct opts *o)
{
	struct login l;
	int fd, rc;

	start_login(o, &l);
	fd = connect_consumer(o);
	send_frame(fd, F_TOKEN, l.token.value, l.token.length, NULL, 0);
	rc = finish_login(fd, o, &l);
	if (!rc) {
		send_mic(fd, o, &l);
		rc = check_answer(fd, &l);
		if (closed_after(fd))
			printf("done: the server closed the connection\n");
	}
	close(fd);
	if (!rc && o->replay)
		rc = replay(o, &l);
	end_login(&l);
	return rc;
}

static int run_raw(const struct opts *o)
{
	krb5_data d = { 0 };
	struct frame f;
	int fd, rc = RC_SERVER, n = 0;

	if (read_file(o->raw, &d))
		fatal(0, "cannot read %s", o->raw);
	fd = connect_consumer(o);
	printf("raw: sending %u bytes from %s\n", d.length, o->raw);
	if (write_all(fd, d.data, d.length))
		printf("raw: send: %s\n", strerror(errno));
	while (!read_frame(fd, &f) && f.type) {
		n++;
		rc = report("raw", &f);
		free(f.data);
	}
	if (!n)
		printf("raw: the server closed the connection without a frame\n");
	else
		printf("raw: then the server closed the connection\n");
	free(d.data);
	close(fd);
	return rc;
}

static int run_stall(const struct opts *o)
{
	struct timespec t0, t1;
	krb5_data d = { 0 };
	struct login l;
	unsigned char c;
	ssize_t n;
	int fd;

	if (o->after_login)
		start_login(o, &l);
	fd = connect_consumer(o);
	if (o->after_login) {
		send_frame(fd, F_TOKEN, l.token.value, l.token.length, NULL, 0);
		if (finish_login(fd, o, &l))
			return RC_SERVER;
	} else if (o->raw) {
		if (read_file(o->raw, &d) || write_all(fd, d.data, d.length))
			fatal(0, "cannot send %s", o->raw);
		free(d.data);
	}
	printf("stall: connected, sending nothing for up to %d s\n", o->stall);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		n = recv(fd, &c, 1, 0);
	} while (n > 0 || (n < 0 && errno == EINTR));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(fd);
	if (o->after_login)
		end_login(&l);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		printf("stall: still open after %d s\n", o->stall);
		return RC_SERVER;
	}
	printf("stall: the server closed the connection after %.1f s\n",
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return RC_OK;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	int rc;

	parse_opts(argc, argv, &o);
	setvbuf(stdout, NULL, _IOLBF, 0);
	init_context(0);
	if (o.stall)
		rc = run_stall(&o);
	else if (o.raw)
		rc = run_raw(&o);
	else
		rc = run_login(&o);
	krb5_free_context(kctx);
	return rc;
}
