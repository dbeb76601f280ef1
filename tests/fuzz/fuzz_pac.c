// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: kmod/pac.c on attacker bytes, as a ticket's
 * authorization-data (krbap_pac_find, then parse and verify what it
 * finds) and as a bare PAC (parse and verify).  Verification uses the
 * fixed service key of fuzz_pac.h whose checksum type the PAC names, so
 * the seeds (fuzz_pac_gen.c) verify and mutations reach every check.
 * Every slice a parse returns must lie inside the input, the buffers it
 * read must be the ones krbap_pac_buffer() finds, and every result must
 * be one pac.h documents.  Each parsed PAC is also re-signed here with
 * the key it names, so that mutations get past the signature: its
 * signature must then verify, and the PAC be accepted exactly when its
 * CLIENT_INFO names the client at the authtime.  FUZZ_PAC_VERBOSE=1
 * prints each outcome.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "crypto/krb5.h"
#include "msg.h"
#include "pac.h"
#include "fuzz_pac.h"

static struct krbap_ukey uks[FP_NKEYS];
static struct krbap_principal client;
static bool ready;
static bool verbose;	/* FUZZ_PAC_VERBOSE set: print each outcome */

static void setup(void)
{
	u8 raw[KRBAP_MAX_KEYBYTES];
	struct krbap_key key;
	unsigned int i;

	krbap_crypto_init();
	for (i = 0; i < FP_NKEYS; i++) {
		fp_key_bytes(i, raw);
		if (krbap_key_init(&key, fp_keys[i].etype, raw,
				   fp_keys[i].len) ||
		    krbap_ukey_init(&uks[i], &key, KRBAP_PAC_KEY_USAGE,
				    KRBAP_KU_CHECKSUM))
			abort();
		krbap_key_destroy(&key);
	}
	client.realm.data = (const u8 *)FP_REALM;
	client.realm.len = strlen(FP_REALM);
	client.name_type = KRBAP_NT_PRINCIPAL;
	client.ncomp = 1;
	client.comp[0].data = (const u8 *)FP_CLIENT;
	client.comp[0].len = strlen(FP_CLIENT);
	verbose = getenv("FUZZ_PAC_VERBOSE");
	ready = true;
}

static bool inside(struct krbap_bytes b, struct krbap_bytes in)
{
	return !b.len || (b.data >= in.data && b.len <= in.len &&
			  b.data - in.data <= (ptrdiff_t)(in.len - b.len));
}

/* @field, read from buffer @type, is inside what krbap_pac_buffer finds */
static void same_buffer(const struct krbap_pac *p, bool has, u32 type,
			struct krbap_bytes field)
{
	struct krbap_bytes b;
	int err = krbap_pac_buffer(p, type, &b);

	if (has != !err || (has && !inside(field, b)))
		abort();
}

static void check(const struct krbap_pac *p, struct krbap_bytes in)
{
	const struct krbap_pac_upn_dns_info *u = &p->upn_dns_info;

	if (!inside(p->raw, in) || p->raw.len > KRBAP_PAC_MAX_LEN ||
	    !p->n_buffers || p->n_buffers > KRBAP_PAC_MAX_BUFFERS)
		abort();
	same_buffer(p, p->has_logon_info, KRBAP_PAC_LOGON_INFO,
		    p->logon_info);
	same_buffer(p, p->has_server_cksum, KRBAP_PAC_SERVER_CHECKSUM,
		    p->server_cksum.value);
	same_buffer(p, p->has_kdc_cksum, KRBAP_PAC_PRIVSVR_CHECKSUM,
		    p->kdc_cksum.value);
	same_buffer(p, p->has_client_info, KRBAP_PAC_CLIENT_INFO,
		    p->client_info.name);
	same_buffer(p, p->has_upn_dns_info, KRBAP_PAC_UPN_DNS_INFO, u->upn);
	same_buffer(p, p->has_upn_dns_info, KRBAP_PAC_UPN_DNS_INFO,
		    u->dns_domain);
	same_buffer(p, p->has_upn_dns_info, KRBAP_PAC_UPN_DNS_INFO,
		    u->sam_name);
	same_buffer(p, p->has_upn_dns_info, KRBAP_PAC_UPN_DNS_INFO, u->sid);
	if (p->client_info.name.len % 2 || u->upn.len % 2 ||
	    u->dns_domain.len % 2 || u->sam_name.len % 2)
		abort();
}

static const struct krbap_ukey *key_for(const struct krbap_pac *p)
{
	unsigned int i;

	for (i = 0; i < FP_NKEYS; i++)
		if (uks[i].et->cksumtype == p->server_cksum.type)
			return &uks[i];
	return &uks[0];
}

static int verify(const struct krbap_pac *p)
{
	const struct krbap_ukey *uk = key_for(p);
	int err;

	err = krbap_pac_verify_ukey(p, uk, &client, FP_AUTHTIME);
	if (verbose)
		printf("verify (%s): %d\n", uk->et->name, err);
	switch (err) {
	case 0:
		if (!p->has_server_cksum || !p->has_kdc_cksum ||
		    !p->has_client_info)
			abort();
		break;
	case -EBADMSG:
	case -EOPNOTSUPP:
	case -EKEYREJECTED:
	case -EACCES:
	case -ENOMEM:
		break;
	default:
		abort();
	}
	return err;
}

/* CLIENT_INFO names "alice" at FP_AUTHTIME, by the harness's reading */
static bool names_alice(const struct krbap_pac *p)
{
	static const u8 a16[] = "a\0l\0i\0c\0e";
	u64 t = p->client_info.client_id / 10000000;

	return p->client_info.name.len == sizeof(a16) &&
	       !memcmp(p->client_info.name.data, a16, sizeof(a16)) &&
	       t == 11644473600ULL + FP_AUTHTIME;
}

/*
 * Sign a copy of the PAC the way verification checks it, with our own
 * checksum: its signature must then verify, and the PAC is accepted
 * exactly when CLIENT_INFO names alice at FP_AUTHTIME.
 */
static void resign(const struct krbap_pac *p)
{
	const struct krbap_ukey *uk = key_for(p);
	size_t cl = uk->et->cksumlen, so, ko;
	struct krbap_pac q;
	u8 *copy;
	int err;

	if (!p->has_server_cksum || !p->has_kdc_cksum ||
	    !p->has_client_info || p->server_cksum.type != uk->et->cksumtype ||
	    p->server_cksum.value.len < cl)
		return;
	copy = malloc(p->raw.len);
	if (!copy)
		return;
	memcpy(copy, p->raw.data, p->raw.len);
	so = p->server_cksum.value.data - p->raw.data;
	ko = p->kdc_cksum.value.data - p->raw.data;
	memset(copy + so, 0, p->server_cksum.value.len);
	memset(copy + ko, 0, p->kdc_cksum.value.len);
	if (krbap_checksum_make(uk, copy, p->raw.len, copy + so, cl) ||
	    krbap_pac_parse(copy, p->raw.len, &q))
		abort();
	err = verify(&q);
	if (verbose)
		printf("re-signed: %d\n", err);
	if (err == -EKEYREJECTED || err == -EOPNOTSUPP ||
	    (!err != names_alice(&q) && err != -ENOMEM))
		abort();
	free(copy);
}

static void parse(struct krbap_bytes b, struct krbap_bytes in)
{
	struct krbap_pac p;
	int err = krbap_pac_parse(b.data, b.len, &p);

	if (verbose)
		printf("parse %zu bytes: %d\n", b.len, err);
	if (err == -EBADMSG || err == -EMSGSIZE)
		return;
	if (err)
		abort();
	check(&p, in);
	verify(&p);
	resign(&p);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct krbap_bytes in = { data, len }, found;
	int err;

	if (!ready)
		setup();
	err = krbap_pac_find(in, &found);
	if (verbose)
		printf("find: %d\n", err);
	if (!err) {
		if (!inside(found, in))
			abort();
		parse(found, in);
	} else if (err != -ENOENT && err != -EBADMSG && err != -EMSGSIZE) {
		abort();
	}
	parse(in, in);
	return 0;
}
