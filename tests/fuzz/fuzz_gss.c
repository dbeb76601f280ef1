// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the GSS layer an acceptor runs on attacker bytes.
 * The input is tried as an initial context token, as an 0x8003
 * checksum and as authenticator authorization-data.  A token that
 * unwraps must re-wrap (as a reply, under the same OID) around the same
 * inner bytes; a parsed checksum must stay inside the input.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "gss.h"

static bool inside(struct krbap_bytes b, const u8 *data, size_t len)
{
	return !b.len || (b.data >= data && b.len <= len &&
			  b.data - data <= (ptrdiff_t)(len - b.len));
}

static void token(const u8 *data, size_t len)
{
	struct krbap_bytes ap;
	enum krbap_gss_mech mech;
	u8 *buf;
	size_t size, out;

	if (krbap_gss_unwrap_init(data, len, &ap, &mech))
		return;
	if (!inside(ap, data, len))
		abort();
	size = krbap_gss_token_size(ap.len);
	buf = malloc(size);
	if (!buf)
		return;
	if (krbap_gss_wrap_token(mech, KRBAP_GSS_TOK_AP_REP, ap.data, ap.len,
				 buf, size, &out) || out != len ||
	    memcmp(buf + len - ap.len, ap.data, ap.len))
		abort();
	free(buf);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct krbap_checksum ck = { KRBAP_GSS_CKSUMTYPE, { data, len } };
	struct krbap_gss_cksum c;
	struct krbap_gss_authz az;
	static const u8 cb[KRBAP_GSS_BND_LEN];

	token(data, len);
	if (!krbap_gss_parse_cksum(&ck, 0, &c)) {
		if (!inside(c.deleg, data, len) || !inside(c.exts, data, len))
			abort();
		krbap_gss_check_bindings(&c, NULL, cb);
	}
	krbap_gss_parse_authz((struct krbap_bytes){ data, len }, &az);
	if (az.n_etypes > KRBAP_GSS_MAX_ETYPES)
		abort();
	return 0;
}
