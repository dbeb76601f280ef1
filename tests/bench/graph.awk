# SPDX-License-Identifier: GPL-2.0-only
#
# tests/bench/graph.awk: a function_graph trace (funcgraph-tail on) whose
# graph function is krbap_accept, as mean calls and microseconds per
# accept for each (call depth, function), and the median call's time
# times the calls per accept (what a typical accept spends there, without
# rare stalls such as a replay cache resize).  Used by tests/bench/profile;
# runs anywhere on a saved trace:  awk -f tests/bench/graph.awk trace.txt
/\|/ {
	split($0, f, "|")
	body = f[2]
	match(body, /^ */)
	d = (RLENGTH - 2) / 2
	us = ""
	if (match(f[1], /[0-9.]+ us/))
		us = substr(f[1], RSTART, RLENGTH - 3)
	sub(/ \[[A-Za-z0-9_]+\]/, "", body)
	name = ""
	if (match(body, /[A-Za-z_][A-Za-z0-9_.]*\(\);/))
		name = substr(body, RSTART, RLENGTH - 3)
	else if (match(body, /\/\* [A-Za-z_][A-Za-z0-9_.]* \*\//))
		name = substr(body, RSTART + 3, RLENGTH - 6)
	if (name == "" || us == "")
		next
	key = d SUBSEP name
	if (!(key in calls))
		order[++k] = key
	calls[key]++
	sum[key] += us
	vals[key, calls[key]] = us + 0
	if (d == 0 && name == "krbap_accept")
		accepts++
}
function median(key, n,    a, i, j, t) {
	for (i = 1; i <= n; i++)
		a[i] = vals[key, i]
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
	if (!accepts)
		exit 1
	printf "accepts traced %d\n", accepts
	printf "%-5s %-36s %9s %10s %10s\n", "depth", "function", "calls/acc",
		"us/accept", "median*n"
	for (i = 1; i <= k; i++) {
		key = order[i]
		split(key, p, SUBSEP)
		n = calls[key]
		printf "%-5d %-36s %9.2f %10.2f %10.2f\n", p[1], \
			substr("                ", 1, 2 * p[1]) p[2], \
			n / accepts, sum[key] / accepts, \
			median(key, n) * n / accepts
	}
}
