# SPDX-License-Identifier: GPL-2.0-only
#
# The bench table from tests/bench/run's results.txt: lines of
# "ENCTYPE WHAT key=value...", WHAT one of floor, krbap1, krbap2, mitdfl,
# mitnone; a key measured in several rounds shows its median, and the
# ratios are of medians.
{
	if (!($1 in seen)) {
		seen[$1] = 1
		order[ne++] = $1
	}
	for (i = 3; i <= NF; i++) {
		split($i, kv, "=")
		k = $1 SUBSEP $2 SUBSEP kv[1]
		all[k, cnt[k]++] = kv[2]
		if (kv[1] == "round" && kv[2] > nrounds)
			nrounds = kv[2]
	}
}

function median(k,    i, j, n, t, a) {
	n = cnt[k]
	for (i = 0; i < n; i++)
		a[i] = all[k, i] + 0
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2
}

function row(label, fmt, what, key,    i, e) {
	printf "%-44s", label
	for (i = 0; i < ne; i++) {
		e = order[i]
		printf fmt, val(e, what, key)
	}
	printf "\n"
}

# derived values by name, per enctype
function val(e, what, key,    k1, f, m) {
	k1 = v[e, "krbap1", "kernel_mean_us"]
	e2e = 1e6 / v[e, "krbap1", "accepts_per_s"]
	f = v[e, "floor", "calls_mean_us"]
	m = v[e, "floor", "prim_mean_us"]
	if (what == "e2e")
		return e2e
	if (what == "scale")
		return v[e, "krbap2", "accepts_per_s"] / v[e, "krbap1", "accepts_per_s"]
	if (what == "r_dfl")
		return v[e, "mitdfl", "mean_us"] / k1
	if (what == "r_none")
		return v[e, "mitnone", "mean_us"] / k1
	if (what == "r_dfl_e2e")
		return v[e, "mitdfl", "mean_us"] / e2e
	if (what == "r_none_e2e")
		return v[e, "mitnone", "mean_us"] / e2e
	if (what == "r_floor")
		return k1 / f
	if (what == "r_prim")
		return k1 / m
	if (what == "r_floor_mit_dfl")
		return v[e, "mitdfl", "mean_us"] / f
	if (what == "r_floor_mit_none")
		return v[e, "mitnone", "mean_us"] / f
	if (what == "overhead")
		return (e2e - f) / f
	return v[e, what, key]
}

END {
	for (k in cnt)
		v[k] = median(k)
	printf "median of %d round(s)\n", nrounds
	printf "%-44s", "session enctype (ticket: aes256-cts-hmac-sha1-96)"
	for (i = 0; i < ne; i++)
		printf "%28s", order[i]
	printf "\n"
	row("tokens per run", "%28d", "krbap1", "tokens")
	print "time per accept, us"
	row("  krbap, in the kernel (stats accept_ns)", "%28.1f", "krbap1", "kernel_mean_us")
	row("  krbap, end to end via netlink, 1 thread", "%28.1f", "e2e")
	row("  MIT rd_req+mk_rep, file2 replay cache", "%28.1f", "mitdfl", "mean_us")
	row("  MIT rd_req+mk_rep, KRB5RCACHETYPE=none", "%28.1f", "mitnone", "mean_us")
	row("  crypto floor, krbap's calls (tfm alloc)", "%28.1f", "floor", "calls_mean_us")
	row("  crypto floor, primitives (rekey only)", "%28.1f", "floor", "prim_mean_us")
	print "throughput, accepts/s end to end"
	row("  krbap, 1 thread", "%28.0f", "krbap1", "accepts_per_s")
	row("  krbap, 2 threads (2 CPUs)", "%28.0f", "krbap2", "accepts_per_s")
	row("  scaling 2 threads / 1 thread", "%27.2fx", "scale")
	print "ratios"
	row("  MIT file2 / krbap kernel", "%27.2fx", "r_dfl")
	row("  MIT none / krbap kernel", "%27.2fx", "r_none")
	row("  MIT file2 / krbap end to end", "%27.2fx", "r_dfl_e2e")
	row("  MIT none / krbap end to end", "%27.2fx", "r_none_e2e")
	row("  krbap kernel / floor (krbap's calls)", "%27.2fx", "r_floor")
	row("  krbap kernel / floor (primitives)", "%27.2fx", "r_prim")
	row("  MIT file2 / floor (krbap's calls)", "%27.2fx", "r_floor_mit_dfl")
	row("  MIT none / floor (krbap's calls)", "%27.2fx", "r_floor_mit_none")
	row("  (end to end - floor) / floor", "%27.2fx", "overhead")
}
