#!/bin/sh
# store.sh: single iptables commands with a large rule set loaded, utables'
# state store against iptables-legacy in a throwaway network namespace.
#
# usage: bench/store.sh -u UTABLES [-s SET] [-m CHAINS] [-r REPS] [-k]
#   -u PATH  the utables binary (Release build recommended)
#   -s SET   ClassBench rule file name or path (default acl1_100k)
#   -m N     spread the rules over N user chains CB0.. (FORWARD jumps to
#            each), as docker or kube-proxy lay them out; the commands
#            work on the middle one (default: one chain CB)
#   -r REPS  runs of each command, best reported (default 3)
#   -k       keep the generated files
# Environment: CLASSBENCH_DIR (default /work/shared/bench/classbench).
#
# The set becomes filter rules (bench/cb2restore.py -t filter: chain CB of
# -j ACCEPT rules); bench/store.py times restore (real, into an empty
# state), -A, -C, -D by spec, -I 1, -R 1, -D 1, -L -n and iptables-save,
# best of REPS elapsed and CPU (user + system) time. The legacy half needs
# root (ip netns) and iptables-legacy; without them it is skipped.
# Measures only.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
ut=
set_name=acl1_100k
chains=0
reps=3
keep=0
while getopts u:s:m:r:k o; do
	case $o in
	u) ut=$OPTARG ;;
	m) chains=$OPTARG ;;
	s) set_name=$OPTARG ;;
	r) reps=$OPTARG ;;
	k) keep=1 ;;
	*) sed -n '2,21p' "$0"; exit 2 ;;
	esac
done
[ -n "$ut" ] && [ -x "$ut" ] || { echo "utables binary not found (-u)" >&2; exit 2; }
ut=$(cd "$(dirname "$ut")" && pwd)/$(basename "$ut")
cbdir=${CLASSBENCH_DIR:-/work/shared/bench/classbench}
case $set_name in
*/*) cbfile=$set_name ;;
*) cbfile=$cbdir/$set_name ;;
esac
[ -r "$cbfile" ] || { echo "$cbfile not readable" >&2; exit 2; }

tmp=$(mktemp -d /tmp/utables-bench-store.XXXXXX)
ns=
cleanup() {
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
	if [ "$keep" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

rules=$tmp/rules
python3 "$here/cb2restore.py" -t filter "$cbfile" > "$rules"
if [ "$chains" -gt 0 ]; then
	n=$(grep -c '^-A CB ' "$rules")
	awk -v chains="$chains" -v n="$n" '
		BEGIN { per = int((n + chains - 1) / chains) }
		/^:CB / { for (c = 0; c < chains; c++) printf ":CB%d - [0:0]\n", c; next }
		/^-A FORWARD -j CB$/ { for (c = 0; c < chains; c++) printf "-A FORWARD -j CB%d\n", c; next }
		/^-A CB / { idx = int(i / per); i++; sub(/^-A CB /, "-A CB" idx " ") }
		{ print }' "$rules" > "$rules.m"
	mv "$rules.m" "$rules"
	BENCH_CHAIN=CB$((chains / 2))
	export BENCH_CHAIN
fi
echo "rule set: $cbfile -> $(grep -c '^-A' "$rules") filter rules in $(grep -c '^:CB' "$rules") user chain(s)"
python3 "$here/store.py" utables "$ut" "$rules" "$reps" "$tmp" > "$tmp/ut"
if [ "$(id -u)" != 0 ] || ! command -v iptables-legacy >/dev/null; then
	echo "legacy: SKIPPED (needs root and iptables-legacy)"
	: > "$tmp/lg"
elif ! ip netns add "bench_store_$$" 2> "$tmp/err"; then
	echo "legacy: SKIPPED (ip netns add failed: $(cat "$tmp/err"))"
	: > "$tmp/lg"
else
	ns=bench_store_$$
	ip netns exec "$ns" python3 "$here/store.py" legacy "$rules" "$reps" > "$tmp/lg"
fi
echo "command      utables ms (elapsed/CPU)   legacy ms (elapsed/CPU)   ratio (CPU)"
awk 'NR == FNR { lg[$1] = $2 " " $3; next }
	{ split(lg[$1], l, " ")
	  if (l[1] == "") printf "%-12s %9.1f / %-9.1f\n", $1, $2, $3
	  else printf "%-12s %9.1f / %-9.1f %11.1f / %-9.1f %8.1fx\n", $1, $2, $3,
		l[1], l[2], ($3 > 0 ? l[2] / $3 : 0) }' "$tmp/lg" "$tmp/ut"
