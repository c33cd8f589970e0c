#!/bin/sh
# run.sh: packets per second of `utables run` on a ClassBench trace through
# a ClassBench rule chain, against baselines measured in the same run.
#
# usage: bench/run.sh -u UTABLES -b UT_BENCH_RUN [-s SET] [-n RULES]
#                     [-N PACKETS] [-r REPS] [-k]
#   -u PATH    the utables binary (Release build recommended)
#   -b PATH    ut-bench-run (built with the default target)
#   -s SET     ClassBench rule file name or path (default acl1_10k); its
#              trace is SET_trace
#   -n RULES   rules in the chain: cb2restore.py -n RULES, and only the
#              trace lines generated from those rules (default 1000)
#   -N PACKETS frames in the input pcap (default 1000000)
#   -r REPS    repetitions of each measurement, best reported (default 3)
#   -k         keep the generated files
# Environment: CLASSBENCH_DIR (default /work/shared/bench/classbench).
#
# Builds nothing. Generates into a temp dir under /tmp (removed at exit):
# the bench host and the pcap (cbtrace2pcap.py), the rules
# (cb2restore.py -t filter: FORWARD jumps to chain CB of -j ACCEPT rules)
# and an empty filter table. Then:
#   1. ut-bench-run: decode-only, engine without rules and engine with the
#      rules, in one process on frames held in memory;
#   2. `utables run` end to end (pcap read, engine, pcap write, counters),
#      with the rules and with the empty table, under /usr/bin/time.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
ut=
bench=
set_name=acl1_10k
nrules=1000
npkts=1000000
reps=3
keep=0
while getopts u:b:s:n:N:r:k o; do
	case $o in
	u) ut=$OPTARG ;;
	b) bench=$OPTARG ;;
	s) set_name=$OPTARG ;;
	n) nrules=$OPTARG ;;
	N) npkts=$OPTARG ;;
	r) reps=$OPTARG ;;
	k) keep=1 ;;
	*) sed -n '2,25p' "$0"; exit 2 ;;
	esac
done
[ -n "$ut" ] && [ -x "$ut" ] || { echo "utables binary not found (-u)" >&2; exit 2; }
[ -n "$bench" ] && [ -x "$bench" ] || { echo "ut-bench-run not found (-b)" >&2; exit 2; }
cbdir=${CLASSBENCH_DIR:-/work/shared/bench/classbench}
case $set_name in
*/*) cbfile=$set_name ;;
*) cbfile=$cbdir/$set_name ;;
esac
[ -r "$cbfile" ] && [ -r "${cbfile}_trace" ] ||
	{ echo "$cbfile or ${cbfile}_trace not readable" >&2; exit 2; }

tmp=$(mktemp -d /tmp/utables-bench-run.XXXXXX)
cleanup() {
	if [ "$keep" = 1 ]; then
		echo "kept: $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT INT TERM

python3 "$here/cbtrace2pcap.py" -N "$npkts" -m "$nrules" --host "$tmp/host" \
	"${cbfile}_trace" > "$tmp/in.pcap"
python3 "$here/cb2restore.py" -t filter -n "$nrules" "$cbfile" > "$tmp/rules"
printf '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n' \
	> "$tmp/empty.rules"
echo "rules: $cbfile -> $(grep -c '^-A CB' "$tmp/rules") rules in chain CB (filter, -j ACCEPT)"
echo "input: $npkts frames, $(wc -c < "$tmp/in.pcap") bytes"
echo
echo "== in process (ut-bench-run), frames in memory =="
"$bench" -H "$tmp/host" -r "$tmp/rules" -p "$tmp/in.pcap" -n "$reps"

# end to end: best elapsed and CPU of REPS runs of `utables run`
UTABLES_STATE=$tmp/state
export UTABLES_STATE
if /usr/bin/time -f '%e' true >/dev/null 2>&1; then
	measure() {
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" \
			> "$tmp/json" 2> "$tmp/err" ||
			{ cat "$tmp/err" >&2; return 1; }
		tail -n 1 "$tmp/time"
	}
else
	echo "(no GNU time: elapsed from date, no CPU/RSS)"
	measure() {
		t0=$(date +%s.%N)
		"$@" > "$tmp/json" 2> "$tmp/err" || { cat "$tmp/err" >&2; return 1; }
		echo "$t0 $(date +%s.%N)" | awk '{ printf "%.3f 0 0 0\n", $2 - $1 }'
	}
fi
e2e() {
	name=$1
	rules=$2
	shift 2
	: > "$tmp/$name.runs"
	i=0
	while [ "$i" -lt "$reps" ]; do
		rm -rf "$tmp/out"
		measure "$ut" run --host "$tmp/host" --rules "$rules" \
			--in "eth0=$tmp/in.pcap" --out "$tmp/out" --json "$@" \
			>> "$tmp/$name.runs" || { echo "$name: run failed" >&2; exit 1; }
		i=$((i + 1))
	done
	sort -n "$tmp/$name.runs" | awk -v n="$name" -v p="$npkts" '
		NR == 1 { e = $1 } { c = $2 + $3; if (NR == 1 || c < cpu) cpu = c
		  if ($4 > rss) rss = $4 }
		END { printf "%-17s %9.3f Mpps elapsed (%.2f s), %.3f Mpps CPU (%.2f s), peak RSS %d KiB\n",
			n, p / e / 1e6, e, p / cpu / 1e6, cpu, rss
		      print e, cpu > "/dev/stderr" }' 2> "$tmp/$name.min"
	echo "                  $(cat "$tmp/json")"
}
echo
echo "== end to end (utables run --json, pcap in and out), best of $reps =="
e2e "run, no rules" "$tmp/empty.rules"
e2e "run, rules" "$tmp/rules"
e2e "run, rules, linear" "$tmp/rules" --classifier linear
paste "$tmp/run, no rules.min" "$tmp/run, rules.min" | awk '{
	printf "rules vs no rules: ratio %.4f elapsed (1/%.1f), %.4f CPU\n",
		$1 / $3, $3 / $1, $2 / $4 }'
paste "$tmp/run, rules.min" "$tmp/run, rules, linear.min" | awk '{
	printf "compiled vs linear: %.1fx elapsed, %.1fx CPU\n", $3 / $1, $4 / $2 }'
