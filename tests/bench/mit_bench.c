// SPDX-License-Identifier: GPL-2.0-only
/*
 * mit_bench [--label NAME] TOKENS
 *
 * MIT krb5's acceptor on every token of TOKENS in one process: for each,
 * krb5_rd_req with the default keytab (KRB5_KTNAME) and krb5_mk_rep when
 * the client asked for mutual authentication.  The replay cache is opened
 * once with krb5_get_server_rcache, as the GSS acceptor does through its
 * credential, so it is MIT's default type (file2 under KRB5RCACHEDIR) or
 * whatever KRB5RCACHETYPE says (none: no replay check).  The first
 * --warmup K tokens (100) are accepted untimed and not counted.  Prints
 * one line of key=value pairs with the mean wall time per accept; exit 1
 * unless every token was accepted.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <krb5.h>

#include "tokens.h"

static krb5_context ctx;

static void die(krb5_error_code ret, const char *what)
{
	const char *msg = krb5_get_error_message(ctx, ret);

	fprintf(stderr, "mit_bench: %s: %s\n", what, msg);
	krb5_free_error_message(ctx, msg);
	exit(1);
}

/* one accept; 0 or the krb5 error */
static krb5_error_code accept_one(krb5_rcache rc, krb5_keytab kt,
				  const struct token *t)
{
	krb5_data tok = { .data = (char *)t->data, .length = t->len };
	krb5_auth_context ac = NULL;
	krb5_ticket *ticket = NULL;
	krb5_data rep = { 0 };
	krb5_flags opts = 0;
	krb5_error_code ret;

	ret = krb5_auth_con_init(ctx, &ac);
	if (ret)
		return ret;
	krb5_auth_con_setrcache(ctx, ac, rc);
	ret = krb5_rd_req(ctx, &ac, &tok, NULL, kt, &opts, &ticket);
	if (!ret && (opts & AP_OPTS_MUTUAL_REQUIRED))
		ret = krb5_mk_rep(ctx, ac, &rep);
	krb5_free_data_contents(ctx, &rep);
	krb5_free_ticket(ctx, ticket);
	/* the cache is ours, not the context's: auth_con_free would close it */
	krb5_auth_con_setrcache(ctx, ac, NULL);
	krb5_auth_con_free(ctx, ac);
	return ret;
}

/* 1.20 has no public krb5_rc_close: an auth context closes what it holds */
static void close_rcache(krb5_rcache rc)
{
	krb5_auth_context ac = NULL;

	if (krb5_auth_con_init(ctx, &ac))
		return;
	krb5_auth_con_setrcache(ctx, ac, rc);
	krb5_auth_con_free(ctx, ac);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "warmup", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	size_t warmup = 100, todo;
	krb5_data piece = { .data = "krbap-bench", .length = 11 };
	krb5_error_code ret, first = 0;
	const char *label = "mit";
	size_t i, acc = 0, ref = 0;
	struct tokens t;
	krb5_keytab kt;
	krb5_rcache rc;
	double t0, t1;
	int c;

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		if (c == 'l') {
			label = optarg;
		} else if (c == 'w') {
			warmup = strtoul(optarg, NULL, 10);
		} else {
			fprintf(stderr, "usage: mit_bench [--warmup K] "
				"[--label NAME] TOKENS\n");
			return 2;
		}
	}
	if (optind != argc - 1)
		return 2;
	if (tokens_load(argv[optind], &t) || warmup >= t.n) {
		fprintf(stderr, "mit_bench: cannot read %s or too few tokens\n",
			argv[optind]);
		return 2;
	}
	todo = t.n - warmup;
	ret = krb5_init_context(&ctx);
	if (ret)
		return 2;
	ret = krb5_kt_default(ctx, &kt);
	if (ret)
		die(ret, "krb5_kt_default");
	ret = krb5_get_server_rcache(ctx, &piece, &rc);
	if (ret)
		die(ret, "krb5_get_server_rcache");
	for (i = 0; i < warmup; i++) {
		ret = accept_one(rc, kt, &t.tok[i]);
		if (ret)
			die(ret, "warm-up");
	}
	t0 = now_s();
	for (i = warmup; i < t.n; i++) {
		ret = accept_one(rc, kt, &t.tok[i]);
		if (!ret)
			acc++;
		else if (!ref++)
			first = ret;
	}
	t1 = now_s();
	if (ref) {
		fprintf(stderr, "mit_bench: %zu refused, the first: ", ref);
		die(first, "krb5_rd_req");
	}
	printf("%s tokens=%zu warmup=%zu accepted=%zu refused=%zu "
	       "wall_s=%.3f accepts_per_s=%.1f mean_us=%.2f rcache=%s\n",
	       label, todo, warmup, acc, ref, t1 - t0, acc / (t1 - t0),
	       (t1 - t0) * 1e6 / todo, getenv("KRB5RCACHETYPE") ? getenv("KRB5RCACHETYPE") : "default");
	close_rcache(rc);
	krb5_kt_close(ctx, kt);
	krb5_free_context(ctx);
	c = acc != todo;
	tokens_free(&t);
	return c;
}
