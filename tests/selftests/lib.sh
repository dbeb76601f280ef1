# SPDX-License-Identifier: GPL-2.0-only
#
# Shell helpers for the VM selftests: TAP output, the krbap module, a
# throwaway KDC.  Source it from a test that sets "tmp" to its own
# temporary directory.

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

# not_ok WHAT: a failure, with the last command's output as diagnostics
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
	for f in "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] && sed 's/^/# /' "$f"
	done
	return 0
}

# check WHAT COMMAND...: ok when COMMAND succeeds
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

bail() {
	echo "Bail out! $*"
	exit 1
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}

# A JSON string or number field of $tmp/out.
field() {
	sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$tmp/out" | head -1
}

# expect RC [KEY VALUE]...: the last run's exit status ($rc) and JSON fields
expect() {
	[ "$rc" -eq "$1" ] || return 1
	shift
	while [ $# -ge 2 ]; do
		[ "$(field "$1")" = "$2" ] || return 1
		shift 2
	done
}

module_load() {
	for m in $(modinfo -F depends kmod/krbap.ko | tr , ' '); do
		modprobe "$m" || return 1
	done
	insmod kmod/krbap.ko
}

module_unload() {
	rmmod krbap 2>/dev/null || :
}
