// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbap_bench: the crypto floor of an accept, for make bench only.
 *
 * It runs, on real AP-REQs, the cryptography krbap's accept path runs and
 * nothing else: krbap's own kmod/crypto code (compiled in unchanged) on
 * the kernel crypto API, without DER decoding, keystore lookup, replay
 * cache or netlink.  Per token:
 *
 *   ticket         copy, decrypt with the service key's prepared usage 2
 *                  ukey (the keystore caches it the same way)
 *   authenticator  session key -> usage 11 ukey (Ke, Ki derivation), copy,
 *                  decrypt
 *   EncAPRepPart   rekey to usage 12, encrypt an EncAPRepPart as krbap
 *                  encodes it (ctime, cusec, seq-number), fresh confounder
 *
 * in two ways: "calls" allocates the session ukey's transforms per token
 * as accept.c does (krbap_ukey_init/destroy), "prim" keys one ukey
 * allocated up front (krbap_ukey_rekey only), the primitives alone.
 * Tokens are decoded and their session keys extracted before the clock
 * starts, and the first 100 are run once untimed to warm up.
 *
 * debugfs, krbap_bench/:
 *   key     write "ENCTYPE HEXKEY": the service key
 *   tokens  write a mktokens file (4-byte big-endian length, token)...
 *   result  read: runs both loops, prints key=value lines
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/unaligned.h>

#include "crypto/krb5.h"
#include "der.h"
#include "msg.h"

#define TOKENS_MAX	(32U << 20)
#define REP_PART_MAX	256

struct item {
	struct krbap_bytes tkt;		/* ticket enc-part ciphertext */
	struct krbap_bytes auth;	/* authenticator ciphertext */
	struct krbap_key session;
};

static DEFINE_MUTEX(lock);
static struct dentry *dir;
static u8 *tokens;
static size_t tokens_len;
static struct krbap_key service;
static bool have_service;

/* everything but the clocked work: decode, decrypt the ticket once */
static int prepare(const struct krbap_ukey *svc, const u8 *tok, size_t len,
		   struct item *it)
{
	struct krbap_enc_ticket et;
	struct krbap_ap_req req;
	size_t off, ptlen;
	u8 *buf;
	int ret;

	ret = krbap_decode_ap_req(tok, len, &req);
	if (ret)
		return ret;
	it->tkt = req.ticket.enc.cipher;
	it->auth = req.auth.cipher;
	buf = kmemdup(it->tkt.data, it->tkt.len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = krbap_decrypt(svc, buf, it->tkt.len, &off, &ptlen);
	if (!ret)
		ret = krbap_decode_enc_ticket(buf + off, ptlen, &et);
	if (!ret)
		ret = krbap_key_init(&it->session, et.key.type,
				     et.key.value.data, et.key.value.len);
	kfree_sensitive(buf);
	return ret;
}

/* copies the ciphertext to the heap and decrypts it there, as accept.c */
static int decrypt_copy(const struct krbap_ukey *uk, struct krbap_bytes ct)
{
	size_t off, len;
	u8 *buf;
	int ret;

	buf = kmemdup(ct.data, ct.len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = krbap_decrypt(uk, buf, ct.len, &off, &len);
	kfree(buf);
	return ret;
}

static int encrypt_rep(const struct krbap_ukey *uk, const u8 *pt,
		       size_t plen)
{
	size_t ctlen = krbap_ciphertext_len(uk->et, plen);
	u8 *ct = kmalloc(ctlen, GFP_KERNEL);
	int ret;

	if (!ct)
		return -ENOMEM;
	ret = krbap_encrypt(uk, pt, plen, ct, ctlen);
	kfree(ct);
	return ret;
}

/* one token's crypto; @uk is prepared here (@alloc) or rekeyed */
static int one(const struct krbap_ukey *svc, struct krbap_ukey *uk,
	       bool alloc, const struct item *it, const u8 *pt, size_t plen)
{
	int ret;

	ret = decrypt_copy(svc, it->tkt);
	if (ret)
		return ret;
	ret = alloc ? krbap_ukey_init(uk, &it->session, 11, KRBAP_KU_ENCRYPT) :
		      krbap_ukey_rekey(uk, &it->session, 11);
	if (ret)
		return ret;
	ret = decrypt_copy(uk, it->auth);
	if (!ret)
		ret = krbap_ukey_rekey(uk, &it->session, 12);
	if (!ret)
		ret = encrypt_rep(uk, pt, plen);
	if (alloc)
		krbap_ukey_destroy(uk);
	return ret;
}

/* runs every item, returns the nanoseconds taken or -errno */
static s64 run(const struct krbap_ukey *svc, const struct item *items,
	       size_t n, bool alloc, const u8 *pt, size_t plen)
{
	struct krbap_ukey uk;
	u64 t0, ns = 0;
	int ret = 0;
	size_t i;

	if (!alloc) {
		ret = krbap_ukey_init(&uk, &items[0].session, 11,
				      KRBAP_KU_ENCRYPT);
		if (ret)
			return ret;
	}
	for (i = 0; i < n; i++) {
		t0 = ktime_get_ns();
		ret = one(svc, &uk, alloc, &items[i], pt, plen);
		ns += ktime_get_ns() - t0;
		if (ret)
			break;
		cond_resched();
	}
	if (!alloc)
		krbap_ukey_destroy(&uk);
	return ret ? ret : (s64)ns;
}

/* an EncAPRepPart as accept.c encodes it, into @buf */
static int rep_part(u8 *buf, const u8 **pt, size_t *plen)
{
	struct krbap_ap_rep_part part = {
		.ctime = ktime_get_real_seconds(),
		.cusec = 999999,
		.has_seq = true,
		.seq = get_random_u32() & 0x3fffffff,
	};
	struct krbap_der_w w;

	krbap_der_w_init(&w, buf, REP_PART_MAX);
	krbap_encode_ap_rep_part(&w, &part);
	return krbap_der_w_finish(&w, pt, plen);
}

/* splits the token file into @items; returns how many or -errno */
static long load_items(const struct krbap_ukey *svc, struct item **items)
{
	size_t off = 0, n = 0, cap = tokens_len / 64 + 1;
	u32 len;
	int ret;

	*items = kvcalloc(cap, sizeof(**items), GFP_KERNEL);
	if (!*items)
		return -ENOMEM;
	while (off < tokens_len) {
		if (tokens_len - off < 4 || n == cap)
			return -EINVAL;
		len = get_unaligned_be32(tokens + off);
		off += 4;
		if (!len || len > tokens_len - off)
			return -EINVAL;
		ret = prepare(svc, tokens + off, len, &(*items)[n++]);
		if (ret)
			return ret;
		off += len;
	}
	return n;
}

static int result_show(struct seq_file *m, void *v)
{
	u8 *part_buf = NULL;
	struct item *items = NULL;
	struct krbap_ukey svc;
	s64 calls, prim;
	const u8 *pt;
	size_t plen;
	long n;
	int ret;

	mutex_lock(&lock);
	ret = -ENOKEY;
	if (!have_service)
		goto out;
	ret = krbap_ukey_init(&svc, &service, 2, KRBAP_KU_ENCRYPT);
	if (ret)
		goto out;
	n = load_items(&svc, &items);
	part_buf = kmalloc(REP_PART_MAX, GFP_KERNEL);
	ret = n < 0 ? n : !part_buf ? -ENOMEM : n ? 0 : -ENODATA;
	if (!ret)
		ret = rep_part(part_buf, &pt, &plen);
	if (ret)
		goto out_svc;
	/* warm up: caches, lazily instantiated algorithms */
	calls = run(&svc, items, min(n, 100L), true, pt, plen);
	if (calls >= 0)
		calls = run(&svc, items, n, true, pt, plen);
	prim = run(&svc, items, n, false, pt, plen);
	ret = calls < 0 ? calls : prim < 0 ? prim : 0;
	if (ret)
		goto out_svc;
	seq_printf(m, "floor tokens=%ld session_enctype=%d rep_part_bytes=%zu",
		   n, items[0].session.et->etype, plen);
	seq_printf(m, " calls_mean_us=%lld.%02lld prim_mean_us=%lld.%02lld\n",
		   div_s64(calls, n * 1000),
		   div_s64(calls, n * 10) % 100,
		   div_s64(prim, n * 1000), div_s64(prim, n * 10) % 100);
out_svc:
	krbap_ukey_destroy(&svc);
out:
	if (items) {
		memzero_explicit(items, sizeof(*items) *
				 (tokens_len / 64 + 1));
		kvfree(items);
	}
	kfree(part_buf);
	mutex_unlock(&lock);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(result);

static ssize_t tokens_write(struct file *f, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&lock);
	if (*ppos == 0)
		tokens_len = 0;
	ret = simple_write_to_buffer(tokens, TOKENS_MAX, ppos, ubuf, count);
	if (ret > 0)
		tokens_len = max_t(size_t, tokens_len, *ppos);
	mutex_unlock(&lock);
	return ret;
}

static const struct file_operations tokens_fops = {
	.owner = THIS_MODULE,
	.write = tokens_write,
	.llseek = no_llseek,
};

static ssize_t key_write(struct file *f, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char buf[100], hex[2 * KRBAP_MAX_KEYBYTES + 1];
	u8 raw[KRBAP_MAX_KEYBYTES];
	int etype, ret;
	size_t len;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = 0;
	if (sscanf(buf, "%d %64s", &etype, hex) != 2)
		return -EINVAL;
	len = strlen(hex) / 2;
	if (hex2bin(raw, hex, len))
		return -EINVAL;
	mutex_lock(&lock);
	ret = krbap_key_init(&service, etype, raw, len);
	have_service = !ret;
	mutex_unlock(&lock);
	memzero_explicit(raw, sizeof(raw));
	memzero_explicit(hex, sizeof(hex));
	return ret ? ret : count;
}

static const struct file_operations key_fops = {
	.owner = THIS_MODULE,
	.write = key_write,
	.llseek = no_llseek,
};

static int __init bench_init(void)
{
	int ret;

	tokens = vmalloc(TOKENS_MAX);
	if (!tokens)
		return -ENOMEM;
	ret = krbap_crypto_init();
	if (ret)
		goto err_tokens;
	dir = debugfs_create_dir("krbap_bench", NULL);
	debugfs_create_file("key", 0200, dir, NULL, &key_fops);
	debugfs_create_file("tokens", 0200, dir, NULL, &tokens_fops);
	debugfs_create_file("result", 0400, dir, NULL, &result_fops);
	return 0;

err_tokens:
	vfree(tokens);
	return ret;
}

static void __exit bench_exit(void)
{
	debugfs_remove_recursive(dir);
	krbap_crypto_exit();
	krbap_key_destroy(&service);
	vfree(tokens);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("krbap benchmark: the crypto floor of an accept");
