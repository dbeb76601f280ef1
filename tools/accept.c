// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapctl accept: push a KRB_AP_REQ (bare, in a GSS-API initial context
 * token, or in a SPNEGO NegTokenInit) through the kernel's accept path;
 * the reply is written in the framing the token came in.  --format wraps
 * a bare AP-REQ in GSS or SPNEGO framing first, as NFS or SMB would.
 * krbapctl stats: the namespace's counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "krbapctl.h"
#include "nl.h"
#include "print.h"

struct accept_args {
	const char *token;
	const char *rep;
	const char *error;
	const char *principal;
	const char *format;	/* --format: what to send */
	uint32_t status;
	bool more;		/* the negotiation wants another token */
	const char *framing;	/* what the token looks like, from its bytes */
	int werr;
};


/* reads a whole file of at most @max bytes; returns its length or -errno */
static long read_file(const char *path, uint8_t **buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -errno;
	*buf = malloc(max + 1);
	if (!*buf) {
		fclose(f);
		return -ENOMEM;
	}
	n = fread(*buf, 1, max + 1, f);
	fclose(f);
	if (n > max) {
		free(*buf);
		return -EFBIG;
	}
	return n;
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -errno;
	ok = fwrite(data, 1, len, f) == len;
	ok &= fclose(f) == 0;
	return ok ? 0 : -EIO;
}

static void save(struct accept_args *a, const char *path,
		 struct nlattr *attr)
{
	int ret;

	if (!path || !attr)
		return;
	ret = write_file(path, nla_data(attr), nla_len(attr));
	if (ret) {
		err_msg("accept: cannot write %s: %s", path, strerror(-ret));
		a->werr = ret;
	}
}

static void print_time(const char *key, struct nlattr *attr)
{
	char fmt[32];

	if (!attr)
		return;
	snprintf(fmt, sizeof(fmt), "%s %%" PRId64 "\n", key);
	print_s64(key, fmt, (int64_t)nla_get_u64(attr));
}

static void print_etype(const char *key, struct nlattr *attr)
{
	char fmt[32];

	if (!attr)
		return;
	snprintf(fmt, sizeof(fmt), "%s %%s\n", key);
	print_str(key, fmt, etype_name((int32_t)nla_get_u32(attr)));
}

/*
 * The framing a token's first bytes say it has, for kernels that do not
 * report one: [APPLICATION 14] a bare AP-REQ, [APPLICATION 0] a GSS token
 * (SPNEGO's when its OID is 1.3.6.1.5.5.2), [0]/[1] a SPNEGO NegotiationToken.
 */
static const char *detect_framing(const uint8_t *p, size_t len)
{
	static const uint8_t spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05,
					  0x05, 0x02 };
	size_t off = 2;

	if (!len)
		return "unknown";
	if (p[0] == 0x6e)
		return "bare";
	if (p[0] == 0xa0 || p[0] == 0xa1)
		return "spnego";
	if (p[0] != 0x60 || len < 2)
		return "unknown";
	if (p[1] & 0x80)
		off += p[1] & 0x7f;
	if (len >= off + sizeof(spnego) &&
	    !memcmp(p + off, spnego, sizeof(spnego)))
		return "spnego";
	return "gss";
}

static const char *framing_name(uint32_t f)
{
	switch (f) {
	case KRBAP_FRAMING_BARE:
		return "bare";
	case KRBAP_FRAMING_GSS:
		return "gss";
	case KRBAP_FRAMING_SPNEGO:
		return "spnego";
	default:
		return "unknown";
	}
}

/* a DER header: @tag and a definite length @len, into @p; its size */
static size_t der_hdr(uint8_t *p, uint8_t tag, size_t len)
{
	size_t n = 0, i;

	p[0] = tag;
	if (len < 0x80) {
		p[1] = len;
		return 2;
	}
	for (i = len; i; i >>= 8)
		n++;
	p[1] = 0x80 | n;
	for (i = 0; i < n; i++)
		p[2 + i] = len >> (8 * (n - 1 - i));
	return 2 + n;
}

/* [@tag] { @in } with @in @len bytes, replacing *@buf */
static int der_wrap(uint8_t tag, const uint8_t *pre, size_t pre_len,
		    uint8_t **buf, size_t *len)
{
	size_t body = pre_len + *len, h;
	uint8_t *out = malloc(body + 8);

	if (!out)
		return -ENOMEM;
	h = der_hdr(out, tag, body);
	if (pre_len)
		memcpy(out + h, pre, pre_len);
	memcpy(out + h + pre_len, *buf, *len);
	free(*buf);
	*buf = out;
	*len = h + body;
	return 0;
}

/*
 * A bare AP-REQ in the framing @format names: a GSS initial context token
 * (RFC 4121 4.1: 0x60, the krb5 OID, TOK_ID 01 00), or that inside a
 * SPNEGO NegTokenInit offering krb5 alone (RFC 4178 4.2.1).
 */
static int frame_token(const char *format, uint8_t **tok, size_t *len)
{
	static const uint8_t krb5[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
					0xf7, 0x12, 0x01, 0x02, 0x02 };
	static const uint8_t spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05,
					  0x05, 0x02 };
	uint8_t pre[sizeof(krb5) + 2];
	uint8_t mechs[4 + sizeof(krb5)];
	size_t h;
	int ret;

	memcpy(pre, krb5, sizeof(krb5));
	pre[sizeof(krb5)] = 0x01;
	pre[sizeof(krb5) + 1] = 0x00;
	ret = der_wrap(0x60, pre, sizeof(pre), tok, len);
	if (ret || !strcmp(format, "gss"))
		return ret;
	/* mechTypes [0] SEQUENCE { krb5 }, then mechToken [2] OCTET STRING */
	h = der_hdr(mechs, 0xa0, sizeof(krb5) + 2);
	h += der_hdr(mechs + h, 0x30, sizeof(krb5));
	memcpy(mechs + h, krb5, sizeof(krb5));
	h += sizeof(krb5);
	ret = der_wrap(0x04, NULL, 0, tok, len);
	ret = ret ?: der_wrap(0xa2, NULL, 0, tok, len);
	ret = ret ?: der_wrap(0x30, mechs, h, tok, len);
	ret = ret ?: der_wrap(0xa0, NULL, 0, tok, len);
	return ret ?: der_wrap(0x60, spnego, sizeof(spnego), tok, len);
}

/* the token to send: the file's bytes, or a bare AP-REQ framed */
static int apply_format(struct accept_args *a, uint8_t **tok, size_t *len)
{
	const char *have = detect_framing(*tok, *len);

	if (!a->format || !strcmp(a->format, "auto") ||
	    !strcmp(a->format, have))
		return 0;
	if (strcmp(a->format, "bare") && strcmp(a->format, "gss") &&
	    strcmp(a->format, "spnego")) {
		err_msg("accept: unknown format \"%s\" (auto, bare, gss, spnego)",
			a->format);
		return -EINVAL;
	}
	if (strcmp(have, "bare") || !strcmp(a->format, "bare")) {
		err_msg("accept: %s holds a %s token; only a bare AP-REQ can be framed as %s",
			a->token, have, a->format);
		return -EINVAL;
	}
	return frame_token(a->format, tok, len);
}

static void print_framing(struct accept_args *a, struct nlattr *attr)
{
	const char *name = a->framing;

	if (attr)
		name = framing_name(nla_get_u32(attr));
	print_str("framing", "framing %s\n", name);
}

static void print_pac(struct nlattr **tb)
{
	static const char *const names[] = {
		[KRBAP_PAC_NONE] = "none",
		[KRBAP_PAC_VERIFIED] = "verified",
		[KRBAP_PAC_IGNORED] = "ignored",
	};
	uint32_t st;

	if (!tb[KRBAP_A_PAC_STATE])
		return;
	st = nla_get_u32(tb[KRBAP_A_PAC_STATE]);
	print_open("pac");
	print_bool("present", NULL, st != KRBAP_PAC_NONE);
	print_bool("verified", NULL, st == KRBAP_PAC_VERIFIED);
	print_str("state", "pac %s", st < 3 ? names[st] : "unknown");
	if (tb[KRBAP_A_PAC_LEN])
		print_u64("len", " %" PRIu64 " bytes",
			  nla_get_u32(tb[KRBAP_A_PAC_LEN]));
	if (tb[KRBAP_A_LOGON_INFO_LEN])
		print_u64("logon_info_len", ", logon info %" PRIu64 " bytes",
			  nla_get_u32(tb[KRBAP_A_LOGON_INFO_LEN]));
	print_close();
	print_text("\n");
}

static void print_context(struct nlattr **tb)
{
	if (tb[KRBAP_A_GSS_FLAGS])
		print_u64("gss_flags", "gss_flags 0x%04" PRIx64 "\n",
			  nla_get_u32(tb[KRBAP_A_GSS_FLAGS]));
	print_etype("context_enctype", tb[KRBAP_A_CONTEXT_ENCTYPE]);
	if (tb[KRBAP_A_CONTEXT_ENCTYPE])
		print_bool("acceptor_subkey", "acceptor_subkey %s\n",
			   tb[KRBAP_A_ACCEPTOR_SUBKEY] != NULL);
	if (tb[KRBAP_A_LIFETIME])
		print_u64("lifetime", "lifetime %" PRIu64 "\n",
			  nla_get_u32(tb[KRBAP_A_LIFETIME]));
	print_pac(tb);
}

/*
 * Mutual authentication was asked: the GSS mutual flag for GSS and
 * SPNEGO (whose reply goes out either way), else the AP option.
 */
static bool mutual(struct nlattr **tb)
{
	if (tb[KRBAP_A_GSS_FLAGS])
		return nla_get_u32(tb[KRBAP_A_GSS_FLAGS]) & 0x2;
	return tb[KRBAP_A_AP_OPTIONS] &&
	       (nla_get_u32(tb[KRBAP_A_AP_OPTIONS]) & 0x20000000);
}

static void print_accepted(struct nlattr **tb)
{
	if (tb[KRBAP_A_CLIENT])
		print_str("client", "client %s\n",
			  nla_get_string(tb[KRBAP_A_CLIENT]));
	if (tb[KRBAP_A_SERVER])
		print_str("server", "server %s\n",
			  nla_get_string(tb[KRBAP_A_SERVER]));
	if (tb[KRBAP_A_KVNO])
		print_u64("kvno", "kvno %" PRIu64 "\n",
			  nla_get_u32(tb[KRBAP_A_KVNO]));
	print_etype("ticket_enctype", tb[KRBAP_A_ENCTYPE]);
	print_etype("session_enctype", tb[KRBAP_A_SESSION_ENCTYPE]);
	print_etype("initiator_subkey_enctype", tb[KRBAP_A_SUBKEY_ENCTYPE]);
	print_bool("mutual", "mutual %s\n", mutual(tb));
	print_time("authtime", tb[KRBAP_A_AUTHTIME]);
	print_time("starttime", tb[KRBAP_A_STARTTIME]);
	print_time("endtime", tb[KRBAP_A_ENDTIME]);
	print_time("renew_till", tb[KRBAP_A_RENEW_TILL]);
	if (tb[KRBAP_A_TICKET_FLAGS])
		print_u64("ticket_flags", "ticket_flags 0x%08" PRIx64 "\n",
			  nla_get_u32(tb[KRBAP_A_TICKET_FLAGS]));
	if (tb[KRBAP_A_AP_OPTIONS])
		print_u64("ap_options", "ap_options 0x%08" PRIx64 "\n",
			  nla_get_u32(tb[KRBAP_A_AP_OPTIONS]));
	if (tb[KRBAP_A_SEQ])
		print_u64("seq", "seq %" PRIu64 "\n",
			  nla_get_u32(tb[KRBAP_A_SEQ]));
	if (tb[KRBAP_A_AUTHZ_LEN])
		print_u64("authz_len", "authz_len %" PRIu64 "\n",
			  nla_get_u32(tb[KRBAP_A_AUTHZ_LEN]));
}

static int accept_reply(struct nlattr **tb, void *arg)
{
	struct accept_args *a = arg;

	if (!tb[KRBAP_A_STATUS])
		return -EBADMSG;
	a->status = nla_get_u32(tb[KRBAP_A_STATUS]);
	a->more = !a->status && tb[KRBAP_A_CONTINUE];
	if (a->more) {
		/* RFC 4178 5: the reply asks for krb5; not a login yet */
		print_str("status", "status %s\n", "continue");
		print_framing(a, tb[KRBAP_A_FRAMING]);
		save(a, a->rep, tb[KRBAP_A_AP_REP]);
		return 0;
	}
	print_str("status", "status %s\n", krb_error_name(a->status));
	print_u64("code", NULL, a->status);
	print_framing(a, tb[KRBAP_A_FRAMING]);
	if (a->status) {
		if (tb[KRBAP_A_ERROR_TEXT])
			print_str("reason", "reason %s\n",
				  nla_get_string(tb[KRBAP_A_ERROR_TEXT]));
		print_bool("retry", "retry %s\n", tb[KRBAP_A_RETRY] != NULL);
		save(a, a->error, tb[KRBAP_A_KRB_ERROR]);
		return 0;
	}
	print_accepted(tb);
	print_context(tb);
	save(a, a->rep, tb[KRBAP_A_AP_REP]);
	return 0;
}

static int parse_accept_args(int argc, char **argv, struct accept_args *a)
{
	for (int i = 0; i < argc; i++) {
		const char **slot = NULL;

		if (!strcmp(argv[i], "--rep"))
			slot = &a->rep;
		else if (!strcmp(argv[i], "--error"))
			slot = &a->error;
		else if (!strcmp(argv[i], "--principal"))
			slot = &a->principal;
		else if (!strcmp(argv[i], "--format"))
			slot = &a->format;
		if (slot && i + 1 < argc) {
			*slot = argv[++i];
		} else if (!slot && !a->token && argv[i][0] != '-') {
			a->token = argv[i];
		} else {
			err_msg("accept: bad argument \"%s\"", argv[i]);
			return -1;
		}
	}
	if (!a->token) {
		err_msg("accept: expected FILE holding a KRB_AP_REQ, bare or in a GSS or SPNEGO token");
		return -1;
	}
	return 0;
}

static int accept_token(int argc, char **argv)
{
	struct accept_args a = { 0 };
	struct nl_msg *msg;
	uint8_t *tok = NULL;
	long got;
	size_t len;
	int ret;

	if (parse_accept_args(argc, argv, &a))
		return EXIT_SYSTEM;
	got = read_file(a.token, &tok, KRBAP_TOKEN_MAX);
	if (got < 0) {
		err_msg("accept: %s: %s", a.token, strerror(-got));
		return EXIT_SYSTEM;
	}
	len = got;
	ret = apply_format(&a, &tok, &len);
	if (ret == -ENOMEM)
		err_msg("accept: out of memory");
	if (!ret && len > KRBAP_TOKEN_MAX) {
		err_msg("accept: the framed token exceeds %d bytes",
			KRBAP_TOKEN_MAX);
		ret = -EFBIG;
	}
	if (ret) {
		free(tok);
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_ACCEPT, 0);
	if (!msg || nla_put(msg, KRBAP_A_TOKEN, len, tok) ||
	    (a.principal &&
	     nla_put_string(msg, KRBAP_A_PRINCIPAL, a.principal))) {
		free(tok);
		nlmsg_free(msg);
		err_msg("accept: out of memory");
		return EXIT_SYSTEM;
	}
	a.framing = detect_framing(tok, len);
	free(tok);
	ret = knl_call(nl, msg, accept_reply, &a);
	if (ret) {
		/* a refused token is a reply; an error here is the system's */
		report("accept", ret);
		return EXIT_SYSTEM;
	}
	if (a.werr)
		return EXIT_SYSTEM;
	if (a.more)
		return EXIT_CONTINUE;
	return a.status ? EXIT_REFUSED : 0;
}

int do_accept(int argc, char **argv)
{
	if (argc == 1 && !strcmp(argv[0], "help")) {
		printf("Usage: krbapctl [-j] accept FILE [--rep OUT] "
		       "[--error OUT] [--principal NAME]\n"
		       "                [--format auto|bare|gss|spnego]\n");
		return 0;
	}
	if (connect_family())
		return EXIT_SYSTEM;
	return accept_token(argc, argv);
}

static void show_errors(struct nlattr *attr)
{
	struct nlattr *tb[KRBAP_A_STATS_ERROR_MAX + 1], *e;
	uint32_t code;
	int rem;

	print_open_array("errors");
	nla_for_each_nested(e, attr, rem) {
		if (nla_type(e) != KRBAP_A_STATS_ERROR ||
		    nla_parse_nested(tb, KRBAP_A_STATS_ERROR_MAX, e, NULL) ||
		    !tb[KRBAP_A_STATS_ERROR_CODE] ||
		    !tb[KRBAP_A_STATS_ERROR_COUNT])
			continue;
		code = nla_get_u32(tb[KRBAP_A_STATS_ERROR_CODE]);
		print_open(NULL);
		print_str("name", "  %-26s", krb_error_name(code));
		print_u64("code", " (%2" PRIu64 ")", code);
		print_u64("count", " %" PRIu64 "\n",
			  nla_get_u64(tb[KRBAP_A_STATS_ERROR_COUNT]));
		print_close();
	}
	print_close_array();
}

static int stats_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *st[KRBAP_A_STATS_MAX + 1];
	uint64_t n, ns;

	(void)arg;
	if (!tb[KRBAP_A_STATS] ||
	    nla_parse_nested(st, KRBAP_A_STATS_MAX, tb[KRBAP_A_STATS], NULL) ||
	    !st[KRBAP_A_STATS_ACCEPTED] || !st[KRBAP_A_STATS_REFUSED] ||
	    !st[KRBAP_A_STATS_ACCEPT_NS])
		return -EBADMSG;
	n = nla_get_u64(st[KRBAP_A_STATS_ACCEPTED]);
	print_u64("accepted", "accepted %" PRIu64, n);
	n += nla_get_u64(st[KRBAP_A_STATS_REFUSED]);
	print_u64("refused", " refused %" PRIu64 "\n",
		  nla_get_u64(st[KRBAP_A_STATS_REFUSED]));
	ns = nla_get_u64(st[KRBAP_A_STATS_ACCEPT_NS]);
	print_u64("accept_ns", "time in accept %" PRIu64 " ns", ns);
	print_u64("mean_accept_ns", ", mean %" PRIu64 " ns\n",
		  n ? ns / n : 0);
	if (st[KRBAP_A_STATS_RCACHE_ENTRIES])
		print_u64("rcache_entries", "replay cache entries %" PRIu64 "\n",
			  nla_get_u32(st[KRBAP_A_STATS_RCACHE_ENTRIES]));
	if (st[KRBAP_A_STATS_RESTORE_WAITS])
		print_u64("restore_waits", "refused until restored %" PRIu64 "\n",
			  nla_get_u64(st[KRBAP_A_STATS_RESTORE_WAITS]));
	if (st[KRBAP_A_STATS_PERSIST_DROPPED])
		print_u64("persist_dropped",
			  "replay entries not persisted %" PRIu64 "\n",
			  nla_get_u64(st[KRBAP_A_STATS_PERSIST_DROPPED]));
	if (st[KRBAP_A_STATS_ERRORS]) {
		print_text("refusals:\n");
		show_errors(st[KRBAP_A_STATS_ERRORS]);
	}
	return 0;
}

static int stats_show(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	if (argc) {
		err_msg("stats: unexpected argument \"%s\"", argv[0]);
		return EXIT_SYSTEM;
	}
	msg = knl_msg(nl, KRBAP_CMD_STATS_GET, 0);
	if (!msg)
		return EXIT_SYSTEM;
	ret = knl_call(nl, msg, stats_reply, NULL);
	return ret ? report("stats", ret) : 0;
}

const struct cmd stats_cmds[] = {
	{ "show", stats_show, "" },
	{ NULL, NULL, NULL },
};

int do_stats(int argc, char **argv)
{
	return dispatch("stats", stats_cmds, argc, argv);
}
