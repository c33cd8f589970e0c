#!/bin/sh
# rate.sh: packets per second of the engine on a 1,000-rule ClassBench
# chain with rate-limit rules early in it, against the same chain without
# them, and the ratio, in one run (bench/README.md, "rate matches").
#
# usage: bench/rate.sh -b UT_BENCH_RUN [-s SET] [-n RULES] [-N PACKETS]
#                      [-r REPS] [-R] [-k]
#   -b PATH    ut-bench-run (bench/run_bench.c; a Release build)
#   -s SET     ClassBench rule file (default acl1_10k) and SET_trace
#   -n RULES   rules in the chain (default 1000)
#   -N PACKETS frames in the input (default 1000000)
#   -r REPS    repetitions, best reported (default 3)
#   -R         also a `-m recent --set` and an `--rcheck` rule (needs the
#              recent match to evaluate)
#   -k         keep the generated files
# The stateful rules come first in chain CB and have no target (every
# packet goes through all of them, then on down the chain): a limit, a
# hashlimit per source and destination (upto), a hashlimit per source
# (above). Environment: CLASSBENCH_DIR (default /work/shared/bench/classbench).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=
set_name=acl1_10k
nrules=1000
npkts=1000000
reps=3
recent=0
keep=0
while getopts b:s:n:N:r:Rk o; do
	case $o in
	b) bench=$OPTARG ;;
	s) set_name=$OPTARG ;;
	n) nrules=$OPTARG ;;
	N) npkts=$OPTARG ;;
	r) reps=$OPTARG ;;
	R) recent=1 ;;
	k) keep=1 ;;
	*) sed -n '2,20p' "$0"; exit 2 ;;
	esac
done
[ -n "$bench" ] && [ -x "$bench" ] || { echo "ut-bench-run not found (-b)" >&2; exit 2; }
cbdir=${CLASSBENCH_DIR:-/work/shared/bench/classbench}
case $set_name in
*/*) cbfile=$set_name ;;
*) cbfile=$cbdir/$set_name ;;
esac
[ -r "$cbfile" ] && [ -r "${cbfile}_trace" ] ||
	{ echo "$cbfile or ${cbfile}_trace not readable" >&2; exit 2; }

tmp=$(mktemp -d /tmp/utables-bench-rate.XXXXXX)
cleanup() {
	if [ "$keep" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT INT TERM

python3 "$here/cbtrace2pcap.py" -N "$npkts" -m "$nrules" --host "$tmp/host" \
	"${cbfile}_trace" > "$tmp/in.pcap"
python3 "$here/cb2restore.py" -t filter -n "$nrules" "$cbfile" > "$tmp/plain"
{
	echo '-A CB -m limit --limit 10000/sec --limit-burst 10000'
	echo '-A CB -m hashlimit --hashlimit-upto 1000/sec --hashlimit-burst 100 --hashlimit-mode srcip,dstip --hashlimit-name bench1'
	echo '-A CB -m hashlimit --hashlimit-above 100/sec --hashlimit-mode srcip --hashlimit-name bench2'
	if [ "$recent" = 1 ]; then
		echo '-A CB -m recent --name bench --set'
		echo '-A CB -m recent --name bench --rcheck --seconds 60 --hitcount 1000'
	fi
} > "$tmp/stateful.lines"
# the stateful rules before the chain's first rule
awk -v f="$tmp/stateful.lines" '
	/^-A CB / && !done { while ((getline l < f) > 0) print l; done = 1 }
	{ print }' "$tmp/plain" > "$tmp/stateful"
echo "rules: $(grep -c '^-A CB' "$tmp/plain") in chain CB; with" \
	"$(grep -c . "$tmp/stateful.lines") rate rules first:" \
	"$(grep -c '^-A CB' "$tmp/stateful")"
"$bench" -H "$tmp/host" -r "$tmp/plain" -p "$tmp/in.pcap" -n "$reps" \
	> "$tmp/plain.out"
"$bench" -H "$tmp/host" -r "$tmp/stateful" -p "$tmp/in.pcap" -n "$reps" \
	> "$tmp/stateful.out"
plain=$(awk '/^engine, rules / { print $3 }' "$tmp/plain.out")
stateful=$(awk '/^engine, rules / { print $3 }' "$tmp/stateful.out")
echo "without rate rules: $(grep '^engine, rules ' "$tmp/plain.out")"
echo "with rate rules:    $(grep '^engine, rules ' "$tmp/stateful.out")"
echo "$stateful $plain" | awk '{ printf "ratio with/without: %.3f (%.3f Mpps / %.3f Mpps)\n", $1 / $2, $1, $2 }'
