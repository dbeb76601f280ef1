// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the decoders of decrypted plaintext (EncTicketPart,
 * Authenticator, EncAPRepPart) and of KRB-ERROR and AP-REP.  What decodes
 * is walked (addresses, authorization data) and, where we have an
 * encoder, re-encoded and decoded again to the same fields.
 */
#include <stdlib.h>
#include <linux/kernel.h>
#include "msg.h"

static u8 wbuf[1 << 16];

static void walk(struct krbap_bytes enc)
{
	struct krbap_seq_iter it;
	struct krbap_bytes v;
	s32 type;
	int err;

	if (krbap_seq_iter_init(&it, enc))
		abort();	/* the decoder checked it */
	do {
		err = krbap_seq_iter_next(&it, &type, &v);
	} while (err > 0);
	if (err)
		abort();
}

static void rep_part(const u8 *data, size_t len)
{
	struct krbap_ap_rep_part p, q;
	struct krbap_der_w w;
	const u8 *out;
	size_t n;

	if (krbap_decode_ap_rep_part(data, len, &p))
		return;
	krbap_der_w_init(&w, wbuf, sizeof(wbuf));
	if (krbap_encode_ap_rep_part(&w, &p) ||
	    krbap_der_w_finish(&w, &out, &n) ||
	    krbap_decode_ap_rep_part(out, n, &q) || p.ctime != q.ctime ||
	    p.cusec != q.cusec || p.has_subkey != q.has_subkey ||
	    p.has_seq != q.has_seq || (p.has_seq && p.seq != q.seq))
		abort();
}

static void krb_error(const u8 *data, size_t len)
{
	struct krbap_krb_error e, f;
	struct krbap_der_w w;
	const u8 *out;
	size_t n;

	if (krbap_decode_krb_error(data, len, &e))
		return;
	/* our encoder sends ctime and cusec together */
	e.has_ctime = e.has_ctime && e.has_cusec;
	krbap_der_w_init(&w, wbuf, sizeof(wbuf));
	if (krbap_encode_krb_error(&w, &e) ||
	    krbap_der_w_finish(&w, &out, &n) ||
	    krbap_decode_krb_error(out, n, &f) || e.stime != f.stime ||
	    e.susec != f.susec || e.error_code != f.error_code ||
	    !krbap_principal_eq(&e.server, &f.server) ||
	    e.has_cname != f.has_cname ||
	    (e.has_cname && !krbap_principal_eq(&e.client, &f.client)))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct krbap_enc_ticket t;
	struct krbap_authenticator a;
	struct krbap_enc_data e;

	if (!krbap_decode_enc_ticket(data, len, &t)) {
		walk(t.caddr);
		walk(t.authz);
	}
	if (!krbap_decode_authenticator(data, len, &a))
		walk(a.authz);
	krbap_decode_ap_rep(data, len, &e);
	rep_part(data, len);
	krb_error(data, len);
	return 0;
}
