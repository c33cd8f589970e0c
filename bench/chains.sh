#!/bin/sh
# chains.sh: a rule set of many user chains, through utables and through
# iptables-legacy (in a throwaway network namespace): the restore that
# makes it, then single commands on it.
#
# usage: bench/chains.sh [-n N] [-s flat|nested] [-r REPS] [-u UTABLES] [-k]
#        bench/chains.sh [-n N] [-s flat|nested] -g FILE   (write it, stop)
#   -n N       user chains (default 100000)
#   -s SHAPE   flat: INPUT jumps to every chain, each holds one rule
#              (default); nested: INPUT -> c0000000 -> c0000001 -> ...,
#              N deep
#   -r REPS    repetitions of each step (default 3; min and median shown)
#   -u PATH    the utables binary (default: build/utables, then PATH)
#   -k         keep the generated files
#   -g FILE    only write the restore file to FILE (tests/stress uses it)
#
# Steps, each on the rule set the restore made: `iptables-restore FILE`,
# `iptables -A <middle chain> -j ACCEPT`, `iptables -N extra` then
# `iptables -X extra` (one measurement each), `iptables -S`,
# `iptables-save`. The utables state lives in a temp dir under /tmp; the
# legacy half needs root, `ip netns` and iptables-legacy, else it is
# skipped with a message. Nothing is asserted.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
n=100000
shape=flat
reps=3
ut=
keep=0
gen=
while getopts n:s:r:u:kg: o; do
	case $o in
	n) n=$OPTARG ;;
	s) shape=$OPTARG ;;
	r) reps=$OPTARG ;;
	u) ut=$OPTARG ;;
	k) keep=1 ;;
	g) gen=$OPTARG ;;
	*) sed -n '2,22p' "$0"; exit 2 ;;
	esac
done
case $shape in flat|nested) ;; *) echo "-s flat|nested" >&2; exit 2 ;; esac

# write_rules FILE: the restore file; chains c0000000.. in the order
# iptables-save prints them
write_rules() {
	awk -v n="$n" -v shape="$shape" 'BEGIN {
	print "*filter"
	print ":INPUT ACCEPT [0:0]"
	print ":FORWARD ACCEPT [0:0]"
	print ":OUTPUT ACCEPT [0:0]"
	for (i = 0; i < n; i++)
		printf ":c%07d - [0:0]\n", i
	if (shape == "flat") {
		for (i = 0; i < n; i++)
			printf "-A INPUT -s 10.%d.%d.%d/32 -j c%07d\n",
				int(i / 65536) % 256, int(i / 256) % 256, i % 256, i
		for (i = 0; i < n; i++)
			printf "-A c%07d -p tcp -m tcp --dport %d -j ACCEPT\n",
				i, i % 65535 + 1
	} else {
		printf "-A INPUT -j c%07d\n", 0
		for (i = 0; i + 1 < n; i++)
			printf "-A c%07d -j c%07d\n", i, i + 1
	}
	print "COMMIT"
}' > "$1"
}

if [ -n "$gen" ]; then
	write_rules "$gen"
	exit 0
fi
. "$here/measure.sh"
bench_utables
bench_scratch


rules=$tmp/chains-$shape-$n.rules
write_rules "$rules"

mid=$(printf 'c%07d' $((n / 2)))
echo "rule set: $n chains, $shape, $(grep -c '^-A' "$rules") rules ($(wc -c < "$rules") bytes)"
echo "utables: $ut"

# steps SIDE PREFIX...: every step, PREFIX... before each command
steps() {
	side=$1
	shift
	bench "$side-restore" "$@" iptables-restore "$rules"
	bench "$side-append" "$@" iptables -A "$mid" -j ACCEPT
	reps_saved=$reps
	reps=1
	bench "$side-new" "$@" iptables -N extra
	bench "$side-delete" "$@" iptables -X extra
	reps=$reps_saved
	bench "$side-list-S" "$@" iptables -S
	bench "$side-save" "$@" iptables-save
}

UTABLES_STATE=$tmp/state
export UTABLES_STATE
steps utables "$ut"

legacy=$(command -v xtables-legacy-multi || true)
if [ "$(id -u)" != 0 ]; then
	echo "legacy:  SKIPPED (needs root for a network namespace)"
elif [ -z "$legacy" ]; then
	echo "legacy:  SKIPPED (xtables-legacy-multi not installed)"
elif ! ip netns add "bench_ns_$$" 2>"$tmp/err"; then
	echo "legacy:  SKIPPED (ip netns add failed: $(cat "$tmp/err"))"
else
	ns=bench_ns_$$
	# not the host's /run/xtables.lock: other users of iptables wait
	XTABLES_LOCKFILE=$tmp/xtables.lock
	export XTABLES_LOCKFILE
	steps legacy ip netns exec "$ns" "$legacy"
fi
