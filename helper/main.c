// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbapd: the helper that serves the krbap kernel module.
 *
 * It registers with the module in its network namespace, follows the
 * module as it is loaded and unloaded, and exits cleanly on SIGTERM or
 * SIGINT.  Runs in the foreground, as systemd expects.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "krbapd.h"
#include "nl.h"

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

/* returns true when the daemon should stop */
static bool on_signal(int fd)
{
	struct signalfd_siginfo si;

	if (read(fd, &si, sizeof(si)) != sizeof(si))
		return false;
	if (si.ssi_signo == SIGHUP) {
		log_info("SIGHUP: nothing to reload yet");
		return false;
	}
	log_info("%s: exiting", strsignal(si.ssi_signo));
	return true;
}

/* 0 attached or waiting for the module, -1 fatal */
static int attach(void)
{
	int ret = kernel_attach();

	switch (ret) {
	case 0:
		log_info("registered with the krbap module");
		return 0;
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
}

static int on_family(enum family_event ev)
{
	if (ev == FAMILY_VANISHED && kernel_attached()) {
		log_info("krbap module unloaded; waiting for it");
		kernel_detach();
	} else if (ev == FAMILY_APPEARED && !kernel_attached()) {
		return attach();
	}
	return 0;
}

static int run(void)
{
	struct pollfd pfd[2];
	int ret;

	pfd[0].fd = signals_open();
	if (pfd[0].fd < 0) {
		log_err("signalfd: %s", strerror(errno));
		return 1;
	}
	if (watch_open()) {
		log_err("cannot subscribe to generic netlink notifications");
		return 1;
	}
	pfd[1].fd = watch_fd();
	pfd[0].events = pfd[1].events = POLLIN;
	if (attach())
		return 1;
	for (;;) {
		if (poll(pfd, 2, -1) < 0 && errno != EINTR) {
			log_err("poll: %s", strerror(errno));
			ret = 1;
			break;
		}
		if ((pfd[0].revents & POLLIN) && on_signal(pfd[0].fd)) {
			ret = 0;
			break;
		}
		if ((pfd[1].revents & POLLIN) && on_family(watch_read())) {
			ret = 1;
			break;
		}
	}
	kernel_detach();
	watch_close();
	close(pfd[0].fd);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: krbapd [--syslog] [--debug] [--version] [--help]\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "syslog", no_argument, NULL, 's' },
		{ "debug", no_argument, NULL, 'd' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool use_syslog = false, debug = false;
	int c;

	while ((c = getopt_long(argc, argv, "sdVh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			use_syslog = true;
			break;
		case 'd':
			debug = true;
			break;
		case 'V':
			printf("krbapd %s\n", KRBAP_TOOLS_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	log_init("krbapd", use_syslog, debug);
	log_info("version %s starting", KRBAP_TOOLS_VERSION);
	return run();
}
