# SPDX-License-Identifier: GPL-2.0-only
#
# krbap: in-kernel Kerberos AP exchange.
#
#   make            build kmod/krbap.ko, helper/krbapd, tools/krbapctl
#   make deps       install the Debian packages everything needs (as root)
#   make check      every test layer; ends with "N passed, N failed"
#   make demo       boot a VM, load the module, start krbapd, show status
#   make check-debug  the VM suites on a KASAN/kmemleak/lockdep/UBSAN kernel
#                   built from linux-source-6.1 (long; not part of check)
#
# KDIR selects the kernel build tree; the default is the installed Debian
# 6.1 -amd64 headers (scripts/kver).

KVER	?= $(shell scripts/kver 2>/dev/null)
KDIR	?= /lib/modules/$(KVER)/build
VERSION	:= $(shell cat VERSION)
BUILD	:= build

USER_CFLAGS = -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
	-Iinclude/uapi -Ilib -DKRBAP_TOOLS_VERSION='"$(VERSION)"' \
	$(shell pkg-config --cflags libnl-genl-3.0) $(CFLAGS)
NL_LIBS = $(shell pkg-config --libs libnl-genl-3.0)

LIB_SRCS	:= lib/nl.c
LIB_HDRS	:= lib/nl.h include/uapi/linux/krbap.h
CTL_SRCS	:= tools/krbapctl.c tools/status.c tools/key.c tools/accept.c \
		   tools/print.c $(LIB_SRCS)
KRBAPD_SRCS	:= helper/main.c helper/netlink.c helper/log.c helper/keytab.c \
		   helper/keys.c helper/ktwatch.c helper/persist.c \
		   helper/statefile.c $(LIB_SRCS)

all: kmod user

kmod:
	@test -e $(KDIR)/Makefile || { echo "no kernel tree at $(KDIR); run 'make deps' or set KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

user: tools/krbapctl helper/krbapd

tools/krbapctl: $(CTL_SRCS) tools/print.h tools/krbapctl.h $(LIB_HDRS)
	$(CC) $(USER_CFLAGS) -o $@ $(CTL_SRCS) $(NL_LIBS)

helper/krbapd: $(KRBAPD_SRCS) helper/krbapd.h helper/statefile.h $(LIB_HDRS)
	$(CC) $(USER_CFLAGS) $(shell pkg-config --cflags krb5) -o $@ \
		$(KRBAPD_SRCS) $(NL_LIBS) $(shell pkg-config --libs krb5)

deps:
	@scripts/deps

# The kselftest harness comes from Debian's linux-source-6.1 tarball and is
# extracted at build time, never committed.
KSFT_DIR := $(BUILD)/kselftest
$(KSFT_DIR)/kselftest_harness.h:
	mkdir -p $(KSFT_DIR)
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C $(KSFT_DIR) \
		--strip-components=4 \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/tools/testing/selftests/kselftest.h
	touch $@

CHECKPATCH := $(BUILD)/checkpatch/checkpatch.pl
$(CHECKPATCH):
	mkdir -p $(dir $@)
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C $(dir $@) \
		--strip-components=2 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	touch $@

SELFTEST_SRCS := tests/selftests/krbap_test.c $(LIB_SRCS)
tests/selftests/krbap_test: $(SELFTEST_SRCS) $(KSFT_DIR)/kselftest_harness.h $(LIB_HDRS)
	$(CC) $(USER_CFLAGS) -Wno-sign-compare -Wno-unused-parameter -I$(KSFT_DIR) -o $@ \
		$(SELFTEST_SRCS) $(NL_LIBS)

tests/selftests/mutate: tests/selftests/mutate.c $(LIB_SRCS) $(LIB_HDRS)
	$(CC) $(USER_CFLAGS) -o $@ tests/selftests/mutate.c $(LIB_SRCS) $(NL_LIBS)

selftests: all tests/selftests/krbap_test tests/selftests/mutate
	$(MAKE) -C tests/tools
	$(MAKE) -C tests/consumer KDIR=$(KDIR)

checkpatch: $(CHECKPATCH)

check: deps
	$(MAKE) all selftests checkpatch
	scripts/check

# The debug kernel is built once into build/debug-kernel/ and the tree is
# rebuilt against it in build/debug-tree/ (see scripts/check-debug).
check-debug:
	@scripts/deps debug-kernel
	scripts/check-debug

demo: deps
	$(MAKE) all
	$(MAKE) -C tests/tools
	$(MAKE) -C tests/consumer KDIR=$(KDIR)
	tests/vm/run -- scripts/demo

bench: deps
	$(MAKE) all
	$(MAKE) -C tests/bench KDIR=$(KDIR)
	@echo "bench: host load average $$(cut -d' ' -f1-3 /proc/loadavg), $$(nproc) CPUs"
	tests/vm/run -- tests/bench/run

stress: deps
	$(MAKE) all
	$(MAKE) -C tests/bench mktokens accept_bench
	$(MAKE) -C tests/stress
	$(MAKE) -C tests/tools gss-consumer-client
	$(MAKE) -C tests/consumer KDIR=$(KDIR)
	tests/vm/run -- tests/stress/run
	tests/vm/run -- tests/stress/rcache

# Keeps build/debug-kernel/ (an hour to rebuild); rm -rf it to drop it.
clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	[ ! -d $(BUILD) ] || find $(BUILD) -mindepth 1 -maxdepth 1 \
		! -name debug-kernel -exec rm -rf {} +
	rm -f tools/krbapctl helper/krbapd tests/selftests/krbap_test \
		tests/selftests/mutate
	-$(MAKE) -C tests/vm/bugmod KDIR=$(KDIR) clean
	-$(MAKE) -C tests/unit clean
	-$(MAKE) -C tests/consumer KDIR=$(KDIR) clean

.PHONY: all kmod user deps selftests checkpatch check check-debug demo bench stress \
	clean
