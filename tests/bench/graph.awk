# SPDX-License-Identifier: GPL-2.0-only
#
# tests/bench/graph.awk: a function_graph trace (funcgraph-tail on) whose
# graph function is krbap_accept, as mean calls and microseconds per
# accept for each (call depth, function).  Used by tests/bench/profile;
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
	if (d == 0 && name == "krbap_accept")
		accepts++
}
END {
	if (!accepts)
		exit 1
	printf "accepts traced %d\n", accepts
	printf "%-5s %-36s %8s %10s\n", "depth", "function", "calls/acc", "us/accept"
	for (i = 1; i <= k; i++) {
		split(order[i], p, SUBSEP)
		printf "%-5d %-36s %8.2f %10.2f\n", p[1], \
			substr("                ", 1, 2 * p[1]) p[2], \
			calls[order[i]] / accepts, sum[order[i]] / accepts
	}
}
