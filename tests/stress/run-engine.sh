#!/bin/sh
# tests/stress/run-engine.sh [--utables PATH | BUILD]: hostile sizes through
# `utables run` (not in tests/run-all.sh: a minute or more). Each case's
# inputs come from tests/stress/gen.py; the results are checked, the time
# and peak RSS only printed (figures in tests/stress/README.md):
#  - 1,000,000 zero-payload fragments (each a datagram of its own, whose
#    queue goes at once) and 500,000 incomplete first fragments (queues
#    held until ipfrag_high_thresh refuses more), then a datagram in two
#    pieces after the queues expired: delivered;
#  - 100 interfaces that send: a capture each;
#  - 1,100 nested chains: the innermost ACCEPT is reached.
# Ends with "N passed, N failed".
if [ "${1:-}" = "--utables" ]; then
	u=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
	u=$(cd "${1:-build}" && pwd)/utables
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# stress NAME MODE N CHECK: generate, run (time and peak RSS printed),
# then CHECK (a grep pattern) on the --json summary
stress() {
	name=$1 mode=$2 n=$3 check=$4
	python3 "$here/gen.py" "$mode" "$tmp/$name" "$n"
	/usr/bin/time -f "%e s, peak RSS %M KB" -o "$tmp/time" \
		"$u" run --host "$tmp/$name/host" --rules "$tmp/$name/rules" \
		--in "eth0=$tmp/$name/in-eth0.pcap" --out "$tmp/$name/out" \
		--json > "$tmp/json" 2> "$tmp/stderr"
	rc=$?
	echo "$name: $(tail -1 "$tmp/time")"
	if [ $rc = 0 ] && grep -q -- "$check" "$tmp/json"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: exit $rc, summary: $(cat "$tmp/json")"
		sed 's/^/    /' "$tmp/stderr"
	fi
}

stress frags-1m frags 1000000 '"local": 1,'
stress outputs-100 outputs 100 '"eth100": 1}'
stress chains-1100 chains 1100 '"local": 1,'
n=$(ls "$tmp/outputs-100/out" | grep -c '^eth[0-9]*\.pcap$')
if [ "$n" = 100 ]; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL: outputs-100: $n captures"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
