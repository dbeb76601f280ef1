// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbap_consumer: a test module that logs clients in through krbap's
 * in-kernel API, as an in-kernel file server would: krbap_accept() on the
 * client's GSS-API initial context token (or SPNEGO NegTokenInit), then
 * one message each way signed with RFC 4121 MIC tokens
 * (krbap_verify_mic(), krbap_get_mic()).
 *
 * It listens on 127.0.0.1:port (TCP) in init_net, and krbap_accept() runs
 * against init_net's keys: it serves the initial network namespace only,
 * whichever namespace loaded it.  A kthread accepts connections; each
 * connection is one work item on the module's workqueue.  A connection
 * lives at most "timeout" seconds in all, so a silent or slow client
 * cannot hold a worker; at most "max_conns" are served at once, further
 * ones are closed at once.  Unloading shuts every socket down first, so
 * rmmod finishes even while clients are connected or stalled.
 *
 * Framing.  Every frame, both ways:
 *
 *	type (1 byte) | length (4 bytes, big-endian) | payload (length bytes)
 *
 * with 1 <= length <= 65536 for frames a client sends.
 *
 *   client                                          krbap_consumer
 *   TOKEN  1  a GSS initial context token or a SPNEGO NegTokenInit
 *                                        ------->   krbap_accept()
 *          <-------  CONTINUE 6  a SPNEGO negotiation needs another token
 *                              (krb5 offered but not first, RFC 4178 5):
 *                              the reply; the client answers with TOKEN
 *   TOKEN  1  its next SPNEGO token  --->   krbap_accept_continue(), and
 *                              so on while it returns -EINPROGRESS
 *          <-------  ACCEPT 2  the reply token in the same framing (GSS:
 *                              the AP-REP, an empty payload without
 *                              mutual authentication; SPNEGO: NegTokenResp)
 *          <-------  REFUSE 3  the error token in the same framing
 *                              (KRB-ERROR), possibly empty; then the
 *                              server closes
 *   MIC    4  u32 n | message (n bytes) | MIC token --> krbap_verify_mic();
 *                              its SND_SEQ must be the result's recv_seq
 *          <-------  MIC    4  u32 n | message | MIC token, made with
 *                              krbap_get_mic() at the result's send_seq;
 *                              then the server closes
 *          <-------  ERROR  5  a short reason in ASCII (bad frame, bad
 *                              MIC, ...); then the server closes
 *
 * Each login is logged in one line (peer, client principal, enctypes,
 * outcome); keys never are.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/krbap.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/sock.h>

static ushort port = 4121;
module_param(port, ushort, 0444);
MODULE_PARM_DESC(port, "TCP port to listen on, on 127.0.0.1 (default 4121)");

static char *acceptor;
module_param(acceptor, charp, 0444);
MODULE_PARM_DESC(acceptor, "accept only tickets for this principal (default: any key krbap holds)");

static uint timeout = 10;
module_param(timeout, uint, 0444);
MODULE_PARM_DESC(timeout, "seconds a connection may last, 1..3600 (default 10)");

static uint max_conns = 32;
module_param(max_conns, uint, 0444);
MODULE_PARM_DESC(max_conns, "connections served at once, 1..1024 (default 32)");

/* RFC 2744's GSS_C_MUTUAL_FLAG, as krbap_result's gss_flags carry it */
#define GSS_MUTUAL	0x2
#define FRAME_HDR	5
#define FRAME_MAX	65536
#define LISTEN_BACKLOG	16

enum frame_type {
	FRAME_TOKEN = 1,
	FRAME_ACCEPT = 2,
	FRAME_REFUSE = 3,
	FRAME_MIC = 4,
	FRAME_ERROR = 5,
	FRAME_CONTINUE = 6,
};

struct conn {
	struct list_head node;
	struct work_struct work;
	struct socket *sock;
	struct sockaddr_storage peer;
	unsigned long deadline;
	struct krbap_result *res;
	unsigned int rounds;
};

static struct socket *lsock;
static struct task_struct *listener;
static struct workqueue_struct *wq;
static DEFINE_MUTEX(conns_lock);
static LIST_HEAD(conns);
static unsigned int nconns;
static bool stopping;

/* time left on the connection's clock, at least one jiffy, or 0 */
static long time_left(const struct conn *c)
{
	long left = (long)(c->deadline - jiffies);

	return left > 0 ? left : 0;
}

/* all @len bytes in (or out, with @out), within the connection's time */
static int xfer(struct conn *c, void *buf, size_t len, bool out)
{
	struct msghdr msg = { .msg_flags = out ? MSG_NOSIGNAL : 0 };
	struct sock *sk = c->sock->sk;
	struct kvec iov;
	long left;
	int n;

	while (len) {
		left = time_left(c);
		if (!left)
			return -ETIMEDOUT;
		iov.iov_base = buf;
		iov.iov_len = len;
		if (out) {
			WRITE_ONCE(sk->sk_sndtimeo, left);
			n = kernel_sendmsg(c->sock, &msg, &iov, 1, len);
		} else {
			WRITE_ONCE(sk->sk_rcvtimeo, left);
			n = kernel_recvmsg(c->sock, &msg, &iov, 1, len, 0);
		}
		if (n == -EAGAIN)
			return -ETIMEDOUT;
		if (n < 0)
			return n;
		if (!n)
			return -ECONNRESET;
		buf += n;
		len -= n;
	}
	return 0;
}

static void put_be32(u8 *p, u32 v)
{
	__be32 b = cpu_to_be32(v);

	memcpy(p, &b, sizeof(b));
}

static u32 get_be32(const u8 *p)
{
	__be32 b;

	memcpy(&b, p, sizeof(b));
	return be32_to_cpu(b);
}

/* one frame: @a, then @b when not NULL (a message and its MIC) */
static int send_frame(struct conn *c, enum frame_type type, const void *a,
		      size_t alen, const void *b, size_t blen)
{
	size_t plen = alen + (b ? 4 + blen : 0);
	u8 *buf, *p;
	int err;

	buf = kvmalloc(FRAME_HDR + plen, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	buf[0] = type;
	put_be32(buf + 1, plen);
	p = buf + FRAME_HDR;
	if (b) {
		put_be32(p, alen);
		p += 4;
	}
	if (alen)
		memcpy(p, a, alen);
	if (b && blen)
		memcpy(p + alen, b, blen);
	err = xfer(c, buf, FRAME_HDR + plen, true);
	kvfree(buf);
	return err;
}

static void send_error(struct conn *c, const char *why)
{
	send_frame(c, FRAME_ERROR, why, strlen(why), NULL, 0);
}

/* the next frame, which must be of type @want; *@payload is kvmalloc'd */
static int read_frame(struct conn *c, enum frame_type want, u8 **payload,
		      u32 *len)
{
	u8 hdr[FRAME_HDR];
	u8 *p;
	int err;

	err = xfer(c, hdr, sizeof(hdr), false);
	if (err)
		return err;
	*len = get_be32(hdr + 1);
	if (hdr[0] != want) {
		pr_info("%pISpc: frame type %u where %u was due, closing\n",
			&c->peer, hdr[0], want);
		send_error(c, "unexpected frame type");
		return -EPROTO;
	}
	if (!*len || *len > FRAME_MAX) {
		pr_info("%pISpc: frame length %u out of 1..%u, closing\n",
			&c->peer, *len, FRAME_MAX);
		send_error(c, "frame length out of range");
		return -EMSGSIZE;
	}
	p = kvmalloc(*len, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	err = xfer(c, p, *len, false);
	if (err) {
		kvfree(p);
		return err;
	}
	*payload = p;
	return 0;
}

static void log_login(const struct conn *c, int ret)
{
	const struct krbap_result *r = c->res;
	const char *who = r->client ?: "(client unknown)";

	if (ret) {
		pr_info("%pISpc: %s refused (krb error %u, %d): %s\n",
			&c->peer, who, r->krb_error, ret, r->reason);
		return;
	}
	pr_info("%pISpc: %s logged in to %s, ticket enctype %d, context enctype %d%s%s%s%s\n",
		&c->peer, who, r->server, r->ticket_enctype,
		r->context_enctype,
		r->context_acceptor_subkey ? " (acceptor subkey)" : "",
		r->gss_flags & GSS_MUTUAL ? ", mutual" : "",
		r->framing == KRBAP_FRAMING_SPNEGO ? ", SPNEGO" : "",
		c->rounds > 1 ? " (renegotiated)" : "");
}

/* the client's tokens while krbap asks for more; krbap's verdict */
static int negotiate(struct conn *c, int ret)
{
	u8 *tok;
	u32 len;

	while (ret == -EINPROGRESS) {
		ret = send_frame(c, FRAME_CONTINUE, c->res->ap_rep,
				 c->res->ap_rep_len, NULL, 0);
		if (!ret)
			ret = read_frame(c, FRAME_TOKEN, &tok, &len);
		if (ret)
			return ret;
		c->rounds++;
		ret = krbap_accept_continue(&init_net, c->res, tok, len,
					    acceptor);
		kvfree(tok);
	}
	return ret;
}

static int accept_login(struct conn *c)
{
	struct krbap_result *r;
	u8 *tok;
	u32 len;
	int ret;

	ret = read_frame(c, FRAME_TOKEN, &tok, &len);
	if (ret)
		return ret;
	ret = krbap_accept(&init_net, tok, len, acceptor, &c->res);
	kvfree(tok);
	c->rounds = 1;
	if (c->res)
		ret = negotiate(c, ret);
	r = c->res;
	if (r && r->continue_needed) {
		pr_info("%pISpc: SPNEGO negotiation left unfinished after %u tokens (%d)\n",
			&c->peer, c->rounds, ret);
		return ret ?: -EPROTO;
	}
	if (!r || ret == -ENOMEM || ret == -EINVAL) {
		pr_info("%pISpc: the login could not be checked (%d)\n",
			&c->peer, ret);
		send_error(c, "login not checked");
		return ret;
	}
	log_login(c, ret);
	if (ret) {
		send_frame(c, FRAME_REFUSE, r->error_token,
			   r->error_token ? r->error_token_len : 0, NULL, 0);
		return ret;
	}
	if (r->framing != KRBAP_FRAMING_GSS &&
	    r->framing != KRBAP_FRAMING_SPNEGO) {
		send_error(c, "not a GSS-API or SPNEGO token");
		return -EPROTO;
	}
	return send_frame(c, FRAME_ACCEPT, r->ap_rep,
			  r->ap_rep ? r->ap_rep_len : 0, NULL, 0);
}

/* answer a good message with one of ours, signed at our first seq */
static int send_answer(struct conn *c, u32 mlen)
{
	const struct krbap_result *r = c->res;
	u8 mic[KRBAP_MIC_MAX];
	size_t mic_len;
	char *reply;
	int err;

	reply = kasprintf(GFP_KERNEL, "hello %s, your %u-byte message arrived intact",
			  r->client, mlen);
	if (!reply)
		return -ENOMEM;
	err = krbap_get_mic(r, r->send_seq, reply, strlen(reply), mic,
			    sizeof(mic), &mic_len);
	if (err) {
		pr_info("%pISpc: %s: cannot sign the answer (%d)\n",
			&c->peer, r->client, err);
		send_error(c, "cannot sign");
	} else {
		err = send_frame(c, FRAME_MIC, reply, strlen(reply), mic,
				 mic_len);
	}
	kfree(reply);
	return err;
}

static int exchange_mics(struct conn *c)
{
	const struct krbap_result *r = c->res;
	u32 len, mlen;
	u64 seq;
	u8 *p;
	int err;

	err = read_frame(c, FRAME_MIC, &p, &len);
	if (err)
		return err;
	mlen = len >= 4 ? get_be32(p) : 0;
	if (len < 4 || mlen > len - 4) {
		pr_info("%pISpc: %s: malformed MIC frame, closing\n",
			&c->peer, r->client);
		send_error(c, "malformed MIC frame");
		err = -EBADMSG;
		goto out;
	}
	err = krbap_verify_mic(r, p + 4, mlen, p + 4 + mlen, len - 4 - mlen,
			       &seq);
	if (!err && r->has_seq && seq != r->recv_seq)
		err = -EALREADY;
	if (err) {
		pr_info("%pISpc: %s: bad MIC (%d), closing\n", &c->peer,
			r->client, err);
		send_error(c, err == -EALREADY ? "MIC out of sequence" :
			   "bad MIC");
		goto out;
	}
	err = send_answer(c, mlen);
out:
	kvfree(p);
	return err;
}

static void conn_work(struct work_struct *work)
{
	struct conn *c = container_of(work, struct conn, work);

	if (kernel_getpeername(c->sock, (struct sockaddr *)&c->peer) < 0)
		c->peer.ss_family = AF_INET;
	if (!accept_login(c))
		exchange_mics(c);
	krbap_result_free(c->res);
	mutex_lock(&conns_lock);
	list_del(&c->node);
	nconns--;
	mutex_unlock(&conns_lock);
	sock_release(c->sock);
	kfree(c);
}

static void add_conn(struct socket *s)
{
	struct conn *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c) {
		sock_release(s);
		return;
	}
	c->sock = s;
	c->deadline = jiffies + timeout * HZ;
	INIT_WORK(&c->work, conn_work);
	mutex_lock(&conns_lock);
	if (stopping || nconns >= max_conns) {
		mutex_unlock(&conns_lock);
		pr_info_ratelimited("%u connections open, closing a new one\n",
				    max_conns);
		sock_release(s);
		kfree(c);
		return;
	}
	list_add(&c->node, &conns);
	nconns++;
	mutex_unlock(&conns_lock);
	queue_work(wq, &c->work);
}

/*
 * Accepts until stopped.  The listening socket's receive timeout wakes
 * kernel_accept() every second; module exit shuts the socket down, which
 * wakes it at once, and then stops this thread.
 */
static int listen_fn(void *unused)
{
	struct socket *s;
	int err;

	while (!kthread_should_stop()) {
		err = kernel_accept(lsock, &s, 0);
		if (!err)
			add_conn(s);
		else if (err != -EAGAIN)
			schedule_timeout_interruptible(HZ / 10);
	}
	return 0;
}

static int listen_socket(void)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int err;

	err = sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP,
			       &lsock);
	if (err)
		return err;
	sock_set_reuseaddr(lsock->sk);
	WRITE_ONCE(lsock->sk->sk_rcvtimeo, HZ);
	err = kernel_bind(lsock, (struct sockaddr *)&sin, sizeof(sin));
	if (err) {
		pr_err("cannot bind 127.0.0.1:%u (%d)\n", port, err);
		goto err_sock;
	}
	err = kernel_listen(lsock, LISTEN_BACKLOG);
	if (err)
		goto err_sock;
	return 0;

err_sock:
	sock_release(lsock);
	return err;
}

static int __init consumer_init(void)
{
	int err;

	if (!port || !timeout || timeout > 3600 || !max_conns ||
	    max_conns > 1024) {
		pr_err("port must not be 0, timeout 1..3600, max_conns 1..1024\n");
		return -EINVAL;
	}
	wq = alloc_workqueue(KBUILD_MODNAME, WQ_UNBOUND, 0);
	if (!wq)
		return -ENOMEM;
	err = listen_socket();
	if (err)
		goto err_wq;
	listener = kthread_run(listen_fn, NULL, KBUILD_MODNAME);
	if (IS_ERR(listener)) {
		err = PTR_ERR(listener);
		goto err_sock;
	}
	pr_info("listening on 127.0.0.1:%u\n", port);
	return 0;

err_sock:
	sock_release(lsock);
err_wq:
	destroy_workqueue(wq);
	return err;
}

static void __exit consumer_exit(void)
{
	struct conn *c;

	kernel_sock_shutdown(lsock, SHUT_RDWR);
	kthread_stop(listener);
	mutex_lock(&conns_lock);
	stopping = true;
	list_for_each_entry(c, &conns, node)
		kernel_sock_shutdown(c->sock, SHUT_RDWR);
	mutex_unlock(&conns_lock);
	destroy_workqueue(wq);
	sock_release(lsock);
	pr_info("stopped\n");
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("krbap test consumer: GSS logins and MICs over loopback TCP");
