// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapd: the helper that serves the krbap kernel module.
 *
 * It registers with the module in its network namespace, loads the
 * keytabs' keys into it, watches the keytabs and reloads them when they
 * change (or on SIGHUP), retires keys that left a keytab after a
 * retention period, follows the module as it is loaded and unloaded, and
 * exits cleanly on SIGTERM or SIGINT.  Runs in the foreground, as systemd
 * expects, unless --daemon is given; --once loads the keytabs and exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "krbapd.h"
#include "nl.h"

/* ktutil, kadmin and friends write a keytab in several steps; a writer
 * that never stops still gets its changes read every DEBOUNCE_MAX_MS */
#define DEBOUNCE_MS		500
#define DEBOUNCE_MAX_MS		2000
#define RETENTION_DEFAULT	36000	/* 10 h, the usual max ticket life */
#define STATE_DIR_DEFAULT	"/var/lib/krbap"
#define FSYNC_MS_DEFAULT	1000

struct opts {
	char **keytabs, **principals;
	int nkeytabs, nprincipals;
	unsigned int retention, fsync_ms;
	const char *state_dir;
	bool once, daemon, use_syslog, debug;
};

static int signals_open(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC);
}

static void reload(const char *why)
{
	int ret;

	if (!kernel_attached())
		return;
	log_info("%s: reloading the keytabs", why);
	ret = keys_sync(false);
	if (ret < 0)
		log_err("reload failed; the kernel keeps the keys it has");
	ktwatch_arm();
	keys_expire();
}

/* returns true when the daemon should stop */
static bool on_signal(int fd)
{
	struct signalfd_siginfo si;

	if (read(fd, &si, sizeof(si)) != sizeof(si))
		return false;
	if (si.ssi_signo == SIGHUP) {
		reload("SIGHUP");
		return false;
	}
	log_info("%s: exiting", strsignal(si.ssi_signo));
	return true;
}

/* 0 attached or waiting for the module, -1 fatal */
static int attach(void)
{
	int ret = kernel_attach(true, persist_entry);

	switch (ret) {
	case 0:
		log_info("registered with the krbap module");
		break;
	case -ENOENT:
		log_info("krbap module not loaded; waiting for it");
		return 0;
	case -EBUSY:
		log_err("another krbapd is registered in this network namespace");
		return -1;
	default:
		log_err("cannot register with the krbap module: %s",
			knl_strerror(ret));
		return -1;
	}
	persist_restore();
	if (keys_adopt() == 0)
		reload("registered");
	return 0;
}

static int on_family(enum family_event ev)
{
	if (ev == FAMILY_VANISHED && kernel_attached()) {
		log_info("krbap module unloaded; waiting for it");
		keys_kernel_gone();
		kernel_detach();
	} else if (ev == FAMILY_APPEARED && !kernel_attached()) {
		return attach();
	}
	return 0;
}

static int64_t earlier(int64_t a, int64_t b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/* poll timeout in ms until the earliest of three now_ms() deadlines */
static int timeout(int64_t a, int64_t b, int64_t c)
{
	int64_t next = earlier(earlier(a, b), c), left;

	if (next < 0)
		return -1;
	left = next - now_ms();
	return left < 0 ? 0 : left > 3600000 ? 3600000 : (int)left;
}

static int loop(struct pollfd *pfd)
{
	int64_t reload_at = -1, first_event = -1;

	for (;;) {
		/* the registered socket changes when the module comes back */
		pfd[3].fd = kernel_events_fd();
		if (poll(pfd, 4, timeout(reload_at, keys_next_expiry(),
					 persist_deadline())) < 0 &&
		    errno != EINTR) {
			log_err("poll: %s", strerror(errno));
			return 1;
		}
		if ((pfd[0].revents & POLLIN) && on_signal(pfd[0].fd))
			return 0;
		if ((pfd[1].revents & POLLIN) && on_family(watch_read()))
			return 1;
		if ((pfd[2].revents & POLLIN) && ktwatch_read()) {
			log_debug("keytab event; reloading in %d ms", DEBOUNCE_MS);
			if (first_event < 0)
				first_event = now_ms();
			reload_at = now_ms() + DEBOUNCE_MS;
			if (reload_at > first_event + DEBOUNCE_MAX_MS)
				reload_at = first_event + DEBOUNCE_MAX_MS;
		}
		if (reload_at >= 0 && now_ms() >= reload_at) {
			reload_at = first_event = -1;
			reload("keytab changed");
		}
		if (keys_next_expiry() >= 0 && now_ms() >= keys_next_expiry())
			keys_expire();
		if (pfd[3].fd >= 0 && (pfd[3].revents & POLLIN))
			kernel_events_read();
		persist_tick();
	}
}

static int run(const struct opts *o)
{
	struct pollfd pfd[4];
	int ret;

	if (persist_init(o->state_dir, o->fsync_ms))
		return 1;

	pfd[0].fd = signals_open();
	if (pfd[0].fd < 0) {
		log_err("signalfd: %s", strerror(errno));
		return 1;
	}
	if (watch_open()) {
		log_err("cannot subscribe to generic netlink notifications");
		return 1;
	}
	ret = ktwatch_open();
	if (ret) {
		log_err("inotify: %s", strerror(-ret));
		return 1;
	}
	pfd[1].fd = watch_fd();
	pfd[2].fd = ktwatch_fd();
	pfd[0].events = pfd[1].events = pfd[2].events = pfd[3].events = POLLIN;
	ret = attach() ? 1 : loop(pfd);
	kernel_events_read();
	persist_close();
	kernel_detach();
	ktwatch_close();
	watch_close();
	close(pfd[0].fd);
	return ret;
}

/* --once: 0 when every keytab was read and loaded, else 1 */
static int once(void)
{
	int ret = kernel_attach(false, NULL);

	if (ret) {
		log_err("%s", knl_strerror(ret));
		return 1;
	}
	ret = keys_adopt();
	if (!ret)
		ret = keys_sync(true);
	kernel_detach();
	return ret ? 1 : 0;
}

static int daemonize(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		return -1;
	if (pid)
		_exit(0);
	if (setsid() < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid)
		_exit(0);
	umask(022);
	if (chdir("/"))
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -1;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: krbapd [--keytab NAME]... [--principal NAME]...\n"
		"              [--retention SECONDS] [--state-dir DIR]\n"
		"              [--fsync-interval MS] [--once | --daemon]\n"
		"              [--syslog] [--debug] [--version] [--help]\n");
}

static int add_arg(char ***v, int *n, char *arg)
{
	char **p = realloc(*v, (*n + 1) * sizeof(**v));

	if (!p)
		return -1;
	p[(*n)++] = arg;
	*v = p;
	return 0;
}

static int parse_seconds(const char *s, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > 100U * 365 * 86400 || *s == '-')
		return -1;
	*out = v;
	return 0;
}

/* 0 to go on, else an exit status + 1 */
static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "keytab", required_argument, NULL, 'k' },
		{ "principal", required_argument, NULL, 'p' },
		{ "retention", required_argument, NULL, 'r' },
		{ "state-dir", required_argument, NULL, 'S' },
		{ "fsync-interval", required_argument, NULL, 'F' },
		{ "once", no_argument, NULL, 'o' },
		{ "daemon", no_argument, NULL, 'D' },
		{ "syslog", no_argument, NULL, 's' },
		{ "debug", no_argument, NULL, 'd' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, bad = 0;

	o->retention = RETENTION_DEFAULT;
	o->state_dir = STATE_DIR_DEFAULT;
	o->fsync_ms = FSYNC_MS_DEFAULT;
	while ((c = getopt_long(argc, argv, "k:p:r:S:F:oDsdVh", lo, NULL)) != -1) {
		switch (c) {
		case 'k':
			bad |= add_arg(&o->keytabs, &o->nkeytabs, optarg);
			break;
		case 'p':
			bad |= add_arg(&o->principals, &o->nprincipals, optarg);
			break;
		case 'r':
			if (parse_seconds(optarg, &o->retention)) {
				fprintf(stderr, "krbapd: bad --retention \"%s\"\n",
					optarg);
				bad = 1;
			}
			break;
		case 'S':
			o->state_dir = optarg;
			break;
		case 'F':
			if (parse_seconds(optarg, &o->fsync_ms) ||
			    o->fsync_ms > 3600000) {
				fprintf(stderr, "krbapd: bad --fsync-interval \"%s\"\n",
					optarg);
				bad = 1;
			}
			break;
		case 'o': o->once = true; break;
		case 'D': o->daemon = true; break;
		case 's': o->use_syslog = true; break;
		case 'd': o->debug = true; break;
		case 'V':
			printf("krbapd %s\n", KRBAP_TOOLS_VERSION);
			return 1;
		case 'h':
			usage(stdout);
			return 1;
		default:
			bad = 1;
		}
	}
	if (o->once && o->daemon) {
		fprintf(stderr, "krbapd: --once and --daemon exclude each other\n");
		bad = 1;
	}
	if (bad || optind < argc) {
		usage(stderr);
		return 3;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	int ret;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret - 1;
	log_init("krbapd", o.use_syslog || o.daemon, o.debug);
	/* key bytes live in this process: no core dumps, no ptrace by others */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (keytabs_init(o.keytabs, o.nkeytabs, o.principals, o.nprincipals)) {
		ret = 1;
		goto out;
	}
	keys_init(o.retention);
	if (o.daemon && daemonize()) {
		log_err("cannot detach: %s", strerror(errno));
		ret = 1;
		goto out;
	}
	if (!o.once)
		log_info("version %s starting; %d keytab(s), retention %u s",
			 KRBAP_TOOLS_VERSION, keytabs_count(), o.retention);
	ret = o.once ? once() : run(&o);
out:
	keys_free();
	keytabs_free();
	free(o.keytabs);
	free(o.principals);
	return ret;
}
