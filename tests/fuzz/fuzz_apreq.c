// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the outer layers an acceptor sees before any key is
 * used, AP-REQ and Ticket.  A successful decode must be self-consistent:
 * its ticket re-decodes alone and its principal renders within bounds.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "msg.h"

static void check_principal(const struct krbap_principal *p)
{
	char small[16], big[8192];
	int n;

	if (!krbap_principal_eq(p, p))
		abort();
	n = krbap_principal_unparse(p, big, sizeof(big));
	if (n < 0 || (size_t)n != strlen(big))
		abort();
	n = krbap_principal_unparse(p, small, sizeof(small));
	if (n >= (int)sizeof(small) || (n < 0 && n != -EMSGSIZE))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct krbap_ap_req req;
	struct krbap_ticket tkt;

	if (!krbap_decode_ap_req(data, len, &req)) {
		if (krbap_decode_ticket(req.ticket.raw.data,
					req.ticket.raw.len, &tkt) ||
		    !krbap_principal_eq(&tkt.server, &req.ticket.server))
			abort();
		check_principal(&req.ticket.server);
	}
	if (!krbap_decode_ticket(data, len, &tkt)) {
		if (tkt.raw.data != data || tkt.raw.len != len)
			abort();
		check_principal(&tkt.server);
	}
	return 0;
}
