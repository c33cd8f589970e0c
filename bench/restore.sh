#!/bin/sh
# restore.sh: time "utables iptables-restore --test" against
# "iptables-legacy-restore --test" on a ClassBench-derived rule set.
#
# usage: bench/restore.sh [-r REPS] [-s SET] [-t filter|mangle] [-u UTABLES]
#   -r REPS    repetitions of each side (default 5; the minimum is reported)
#   -s SET     ClassBench rule file name or path (default acl1_100k)
#   -t TABLE   mangle (-j MARK, default) or filter (-j ACCEPT)
#   -u PATH    the utables binary (default: build/utables, then PATH)
#   -k         keep the generated rules file
# Environment: CLASSBENCH_DIR (default /work/shared/bench/classbench).
#
# The iptables-legacy half needs root and iptables-legacy-restore; it runs
# in a throwaway network namespace (ip netns add) so that the host's
# tables are never touched. Generated data goes to a temp dir in /tmp and
# is removed at the end.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
reps=5
set_name=acl1_100k
table=mangle
ut=
keep=0
while getopts r:s:t:u:k o; do
	case $o in
	r) reps=$OPTARG ;;
	s) set_name=$OPTARG ;;
	t) table=$OPTARG ;;
	u) ut=$OPTARG ;;
	k) keep=1 ;;
	*) sed -n '2,15p' "$0"; exit 2 ;;
	esac
done
cbdir=${CLASSBENCH_DIR:-/work/shared/bench/classbench}
case $set_name in
*/*) cbfile=$set_name ;;
*) cbfile=$cbdir/$set_name ;;
esac
. "$here/measure.sh"
bench_utables
bench_scratch

rules=$tmp/$set_name.$table.rules
python3 "$here/cb2restore.py" -t "$table" "$cbfile" > "$rules"
nrules=$(grep -c '^-A' "$rules")
echo "rule set: $cbfile -> $nrules rules, table $table ($(wc -c < "$rules") bytes)"
echo "utables: $ut"


UTABLES_STATE=$tmp/state
export UTABLES_STATE
bench utables "$ut" iptables-restore --test "$rules"
ut_min=$(cat "$tmp/utables.min")

legacy=$(command -v iptables-legacy-restore || true)
if [ "$(id -u)" != 0 ]; then
	echo "legacy:  SKIPPED (needs root for a network namespace)"
elif [ -z "$legacy" ]; then
	echo "legacy:  SKIPPED (iptables-legacy-restore not installed)"
elif ! ip netns add "bench_ns_$$" 2>"$tmp/err"; then
	echo "legacy:  SKIPPED (ip netns add failed: $(cat "$tmp/err"))"
else
	ns=bench_ns_$$
	bench legacy ip netns exec "$ns" "$legacy" --test "$rules"
	lg_min=$(cat "$tmp/legacy.min")
	echo "$ut_min $lg_min" | awk '{
		if ($1 > 0) printf "ratio:   legacy/utables elapsed %.1fx", $3 / $1
		else printf "ratio:   elapsed n/a (utables below timer resolution)"
		if ($2 > 0) printf ", cpu %.1fx", $4 / $2
		print "  (min times; goal >= 5x)" }'
fi
