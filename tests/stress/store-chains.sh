#!/bin/sh
# store-chains.sh [--utables PATH | BUILD]: N user chains (STRESS_CHAINS,
# default 100,000), flat (INPUT jumps to each, one rule in each) and
# nested (INPUT -> c0000000 -> c0000001 -> ..., N deep; bench/chains.sh
# writes both). Each is restored, then a rule is appended to the middle
# chain, a chain made and deleted, and a loop closed (refused); after each
# step utables' iptables-save must equal iptables-legacy's on the same
# commands in a network namespace (when root, ip and iptables-legacy are
# there; else the commands only have to succeed). Each command's elapsed
# time and peak RSS are printed beside legacy's (never checked).
. "$(dirname "$0")/store-common.sh"
N=${STRESS_CHAINS:-100000}
mid=$(printf 'c%07d' $((N / 2)))
last=$(printf 'c%07d' $((N - 1)))
ns=
if legacy_ok && ip netns add "utstress_$$" 2>/dev/null; then
	ns=utstress_$$
	trap 'ip netns del "$ns"; rm -rf "$tmp"' EXIT
else
	echo "(iptables-legacy not run: needs root, ip and iptables-legacy)"
fi
legacy=$(command -v xtables-legacy-multi || true)
# both sides lock in the temp dir: iptables-legacy's default lock is the
# host's, which other users of iptables wait for
XTABLES_LOCKFILE=$tmp/xtables.lock
export XTABLES_LOCKFILE

# timed SIDE CMD...: run CMD, print its elapsed time and peak RSS
timed() {
	side=$1
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err"
	timed_rc=$?
	printf '    %-8s %6.2f s %8d KiB  status %s\n' "$side" \
		$(tail -n 1 "$tmp/time") "$timed_rc"
	return $timed_rc
}

# step WHAT WANT_RC ARGS...: `iptables ARGS` (or `iptables-restore FILE`
# when ARGS is "restore FILE") on both sides; the status must be WANT_RC
# on both and the saves must agree
step() {
	what=$1
	want=$2
	shift 2
	if [ "$1" = restore ]; then
		prog=iptables-restore
		shift
	else
		prog=iptables
	fi
	echo "  $what:"
	timed utables "$u" $prog "$@"
	got=$timed_rc
	check "$what: utables status $got, want $want" [ "$got" = "$want" ]
	[ -n "$ns" ] || return 0
	timed legacy ip netns exec "$ns" "$legacy" $prog "$@"
	check "$what: legacy status $timed_rc, want $want" [ "$timed_rc" = "$want" ]
	"$u" iptables-save | grep -v '^#' > "$tmp/ut.save"
	ip netns exec "$ns" iptables-legacy-save | grep -v '^#' > "$tmp/legacy.save"
	check "$what: iptables-save the same as legacy's" \
		cmp -s "$tmp/ut.save" "$tmp/legacy.save"
}

for shape in flat nested; do
	echo "$N chains, $shape:"
	sh "$root/bench/chains.sh" -n "$N" -s "$shape" -g "$tmp/$shape.rules"
	step "restore $shape" 0 restore "$tmp/$shape.rules"
	step "append to $mid" 0 -A "$mid" -j ACCEPT
	step "new chain" 0 -N extra
	step "delete it" 0 -X extra
	# a jump back to the first chain: a loop only in the nested set
	if [ $shape = nested ]; then
		step "close the loop (refused)" 1 -A "$last" -j c0000000
	else
		step "jump back, no loop" 0 -A "$last" -j c0000000
	fi
done
summary
