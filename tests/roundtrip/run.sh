#!/bin/sh
# Round-trip runner: iptables-restore a dump with utables, iptables-save it,
# compare with the dump, ignoring `#` lines and blank lines.
#
#   tests/roundtrip/run.sh [--utables PATH] [--verify-real] [-v]
#
# Sets of cases:
#  dumps/*.rules (this directory; ufw, docker, kube-proxy, router styles),
#    stored in the canonical form real iptables-legacy-save prints; *.c.rules
#    are restored with -c and saved with -c. Compared table by table (the
#    order of table blocks is compared apart: a fresh legacy kernel lists
#    tables newest first, so a round trip reverses it). Then the saved text
#    is restored once more and must save to itself (fixed point).
#  ../shared/conformance/realworld/*.rules: plain restore + save, compared
#    table by table with the input, policy counters zeroed (restore without
#    -c drops them).
#  ../shared/conformance/roundtrip-reference/NAME/input: restore -c + save -c
#    into an empty state, compared with NAME/saved (what the real binary
#    printed) exactly, table order included.
# --verify-real runs the real iptables-legacy (in a fresh network namespace,
# ipsets named by --match-set created first) instead of utables: it checks
# that the stored dumps and references are honest.
# Prints one line per case and ends with `N passed, N failed`, or, when
# something was skipped, `skipped: N WHAT (WHY)` lines and `N passed, N
# failed, N skipped` (a set of ../shared missing counts as one skip).
#
# Cases that cannot pass yet: NAME (as printed) and the reason. Such a case
# still runs; when its restore fails with the reason's error (MATCH, an
# extended regexp on the first error line) it is reported as SKIP, counted
# as skipped; any other outcome counts as usual (an ok says the entry can
# go).
#  - ipsets: utables has no ipset support yet, so every `-m set`/`-j SET`
#    fails as on a kernel without those sets ("Set NAME doesn't exist.").
#    --verify-real creates the sets, so the list does not apply there.
SKIP_NEEDS_IPSET="
dumps/sets.rules
realworld/aks-kube-proxy-npm.rules
"
SKIP_NEEDS_IPSET_MATCH="Set [^ ]+ doesn't exist\\."
SKIP_NEEDS_IPSET_WHY="needs ipset support (utables has none yet: every set is missing)"
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${UTABLES_SHARED:-$(cd "$root/.." && pwd)/shared}
conf=$shared/conformance
ut=$root/build/utables
real=0
verbose=0
while [ $# -gt 0 ]; do
	case $1 in
	--utables) ut=$2; shift ;;
	--utables=*) ut=${1#--utables=} ;;
	--verify-real) real=1 ;;
	-v) verbose=1 ;;
	*) echo "usage: $0 [--utables PATH] [--verify-real] [-v]" >&2; exit 2 ;;
	esac
	shift
done
case $ut in /*) ;; *) ut=$(pwd)/$ut ;; esac
if [ $real = 0 ] && [ ! -x "$ut" ]; then
	echo "roundtrip: no utables binary at $ut"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ $real = 1 ] && { [ "$(id -u)" != 0 ] || ! command -v iptables-legacy-restore >/dev/null; }; then
	echo "roundtrip: --verify-real needs root and iptables-legacy"
	echo "0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d /tmp/utroundtrip.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0
tab=$(printf '\t')

# restore_save IN OUT FLAGS: restore IN into an empty state, save to OUT.
# Returns non-zero (with the message in $tmp/err) when a step fails.
restore_save() {
	if [ $real = 1 ]; then
		ns=h_infra_rt$$
		ip netns add $ns || return 1
		sets=$(grep -o -E -- '--(match|add|del|map)-set [^ ]*' "$1" |
			awk '{print $2}' | sort -u)
		XTABLES_LOCKFILE=$tmp/lock ip netns exec $ns sh -c '
			for s in $3; do ipset create "$s" hash:ip timeout 300 2>/dev/null; done
			iptables-legacy-restore $4 < "$1" || exit 1
			iptables-legacy-save $4 > "$2"' sh "$1" "$2" "$sets" "$3" 2> "$tmp/err"
		r=$?
		ip netns del $ns
		return $r
	fi
	rm -f "$tmp/state"
	UTABLES_STATE=$tmp/state "$ut" iptables-restore $3 < "$1" 2> "$tmp/err" || return 1
	UTABLES_STATE=$tmp/state "$ut" iptables-save $3 > "$2" 2> "$tmp/err" || return 1
}

# content FILE: without # and blank lines
content() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$1"
}

# by_table FILE: content lines prefixed with their table, tables sorted by
# name, lines in order within a table.
by_table() {
	content "$1" | awk -v OFS="$tab" '/^\*/ { t = $0 } { print t, $0 }' |
		sort -s -t "$tab" -k1,1
}

zero_counters() {
	sed -e 's/^\(:[^ ]* [^ ]* \)\[[0-9]*:[0-9]*\]$/\1[0:0]/' \
		-e 's/^\[[0-9]*:[0-9]*\] //'
}

tables() {
	content "$1" | grep '^\*' | tr '\n' ' '
}

ok() {
	pass=$((pass + 1))
	printf '%-48s ok%s\n' "$1" "${2:+  ($2)}"
}

bad() {
	fail=$((fail + 1))
	printf '%-48s FAIL  %s\n' "$1" "$2"
	if [ -f "$tmp/diff" ]; then
		if [ $verbose = 1 ]; then
			sed 's/^/    /' "$tmp/diff"
		else
			head -20 "$tmp/diff" | sed 's/^/    /'
		fi
		rm -f "$tmp/diff"
	fi
}

errmsg() {
	head -3 "$tmp/err" | tr '\n' ' '
}

# skipped NAME: true (and SKIP reported) when NAME is a listed case that
# failed to restore for the listed reason
skipped() {
	[ $real = 0 ] || return 1
	printf '%s\n' "$SKIP_NEEDS_IPSET" | grep -qxF -- "$1" || return 1
	head -1 "$tmp/err" | grep -qE -- "$SKIP_NEEDS_IPSET_MATCH" || return 1
	skip=$((skip + 1))
	printf '%-48s SKIP  %s\n' "$1" "$SKIP_NEEDS_IPSET_WHY"
	printf '%-48s       (%s)\n' "" "$(errmsg)"
}

# listed NAME: a note for an ok case that is still on a skip list
listed() {
	[ $real = 0 ] || return 0
	printf '%s\n' "$SKIP_NEEDS_IPSET" | grep -qxF -- "$1" &&
		echo "passes now: remove it from SKIP_NEEDS_IPSET"
}

# 1. our dumps
for f in "$here"/dumps/*.rules; do
	[ -e "$f" ] || continue
	name=dumps/$(basename "$f")
	flags=
	case $f in *.c.rules) flags=-c ;; esac
	if ! restore_save "$f" "$tmp/out" "$flags"; then
		skipped "$name" ||
			bad "$name" "restore/save failed: $(errmsg)"
		continue
	fi
	by_table "$f" > "$tmp/want"
	by_table "$tmp/out" > "$tmp/got"
	if ! diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
		bad "$name" "differs from the input (table<TAB>line)"
		continue
	fi
	rm -f "$tmp/diff"
	note=
	# a legacy kernel lists tables newest first: the saved order is the
	# input's reversed
	want_order=$(tables "$f" | tr ' ' '\n' | grep . | tac | tr '\n' ' ')
	[ "$(tables "$tmp/out")" = "$want_order" ] ||
		note="table order $(tables "$tmp/out")instead of $want_order"
	cp "$tmp/out" "$tmp/out1"
	if ! restore_save "$tmp/out1" "$tmp/out2" "$flags"; then
		bad "$name (fixed point)" "restore of the saved text failed: $(errmsg)"
		continue
	fi
	by_table "$tmp/out2" > "$tmp/got2"
	if ! diff -u "$tmp/got" "$tmp/got2" > "$tmp/diff"; then
		bad "$name (fixed point)" "saved text does not restore to itself"
		continue
	fi
	rm -f "$tmp/diff"
	if [ -n "$note" ]; then
		bad "$name" "$note"
	else
		ok "$name" "$(listed "$name")"
	fi
done

# 2. real-world dumps
for f in "$conf"/realworld/*.rules; do
	[ -e "$f" ] || continue
	name=realworld/$(basename "$f")
	if ! restore_save "$f" "$tmp/out" ""; then
		skipped "$name" ||
			bad "$name" "restore/save failed: $(errmsg)"
		continue
	fi
	content "$f" | zero_counters > "$tmp/in"
	by_table "$tmp/in" > "$tmp/want"
	by_table "$tmp/out" > "$tmp/got"
	if diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
		rm -f "$tmp/diff"
		ok "$name" "$(listed "$name")"
	else
		bad "$name" "differs from the input (table<TAB>line)"
	fi
done

# 3. references recorded with the real binary (restore -c, save -c)
for d in "$conf"/roundtrip-reference/*/; do
	[ -f "$d/input" ] || continue
	name=reference/$(basename "$d")
	if ! restore_save "$d/input" "$tmp/out" -c; then
		skipped "$name" ||
			bad "$name" "restore/save failed: $(errmsg)"
		continue
	fi
	content "$d/saved" > "$tmp/want"
	content "$tmp/out" > "$tmp/got"
	if diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
		rm -f "$tmp/diff"
		ok "$name"
	else
		by_table "$d/saved" > "$tmp/want2"
		by_table "$tmp/out" > "$tmp/got2"
		if cmp -s "$tmp/want2" "$tmp/got2"; then
			rm -f "$tmp/diff"
			bad "$name" "table order: want $(tables "$d/saved")got $(tables "$tmp/out")"
		else
			bad "$name" "differs from the saved reference"
		fi
	fi
done

echo
skip_sets=0
for set in realworld roundtrip-reference; do
	[ -d "$conf/$set" ] && continue
	echo "skipped: 1 set of cases (no $conf/$set)"
	skip_sets=$((skip_sets + 1))
done
dumps=dumps
[ $skip = 1 ] && dumps=dump
[ $skip = 0 ] ||
	echo "skipped: $skip $dumps needing ipset (utables has no ipset support yet)"
skip=$((skip + skip_sets))
if [ $skip = 0 ]; then
	echo "$pass passed, $fail failed"
else
	echo "$pass passed, $fail failed, $skip skipped"
fi
[ $fail = 0 ]
