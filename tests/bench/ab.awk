# SPDX-License-Identifier: GPL-2.0-only
#
# tests/bench/ab.awk: medians of tests/bench/ab's output per module and
# thread count (kernel_mean_us, accepts_per_s), and per module the median
# over rounds of the 2-thread / 1-thread throughput ratio of the same round.
#   awk -f tests/bench/ab.awk build/bench/ab.txt
function median(list,    a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	name = $1; thr = $2
	for (i = 3; i <= NF; i++) {
		split($i, kv, "=")
		v[kv[1]] = kv[2]
	}
	key = name " " thr
	if (!(key in us))
		keys[++k] = key
	us[key] = us[key] " " v["kernel_mean_us"]
	aps[key] = aps[key] " " v["accepts_per_s"]
	rate[name, thr, v["round"]] = v["accepts_per_s"]
	names[name] = 1
	rounds[v["round"]] = 1
}
END {
	printf "%-12s %7s %8s %16s %14s\n", "module", "threads", "rounds",
		"kernel_us(med)", "accepts/s(med)"
	for (i = 1; i <= k; i++) {
		n = split(us[keys[i]], tmp, " ")
		split(keys[i], p, " ")
		printf "%-12s %7s %8d %16.1f %14.1f\n", p[1], p[2], n,
			median(us[keys[i]]), median(aps[keys[i]])
	}
	for (name in names) {
		list = ""
		for (r in rounds)
			if ((name, 1, r) in rate && (name, 2, r) in rate)
				list = list " " rate[name, 2, r] / rate[name, 1, r]
		printf "%s: 2 threads / 1 thread, median over rounds: %.2fx (%s )\n",
			name, median(list), list
	}
}
