#!/bin/sh
# store-concurrent.sh [--utables PATH | BUILD]: concurrent writers.
#  1. W writers (STRESS_WRITERS, default 16) append M rules each
#     (STRESS_RULES, default 200) with -w under the one lock: every
#     command succeeds, INPUT holds exactly the W x M rules (each once,
#     none other), the state check is clean, no file is left beside it.
#  2. The same with mixed lock files (half the writers with
#     XTABLES_LOCKFILE elsewhere, so the lock does not order them): no
#     command may succeed and lose its rule (iptables-legacy's commit
#     fails with EAGAIN when the table changed under it; run beside it in
#     a network namespace when possible, for the figures).
. "$(dirname "$0")/store-common.sh"
W=${STRESS_WRITERS:-16}
M=${STRESS_RULES:-200}

# writer ID LOCK PROG...: M appends of rules tagged ID; one status a line
writer() {
	id=$1
	lock=$2
	shift 2
	i=0
	while [ $i -lt "$M" ]; do
		if [ -n "$lock" ]; then
			XTABLES_LOCKFILE=$lock "$@" -A INPUT -s 10.$id.$((i / 250)).$((i % 250)) -j ACCEPT 2>>"$tmp/err.$id"
		else
			"$@" -A INPUT -s 10.$id.$((i / 250)).$((i % 250)) -j ACCEPT 2>>"$tmp/err.$id"
		fi
		echo $?
		i=$((i + 1))
	done > "$tmp/rc.$id"
}

# round NAME MIXED LOCK PROG...: all writers at once, with XTABLES_LOCKFILE
# LOCK (none if empty), or, when MIXED, every other one with another;
# prints "OK LOST DUP" (successful commands, their rules missing, rules
# present twice)
round() {
	name=$1
	mixed=$2
	default_lock=$3
	shift 3
	w=0
	while [ $w -lt "$W" ]; do
		lock=$default_lock
		[ "$mixed" = 1 ] && [ $((w % 2)) = 1 ] && lock=$tmp/other.lock
		writer $((w + 1)) "$lock" "$@" &
		w=$((w + 1))
	done
	wait
	succeeded=$(cat "$tmp"/rc.* | grep -c '^0$')
	if [ -n "$default_lock" ]; then
		XTABLES_LOCKFILE=$default_lock "$@" -S INPUT
	else
		"$@" -S INPUT
	fi > "$tmp/$name.S" 2>&1
	lost=0
	w=1
	while [ $w -le "$W" ]; do
		i=0
		while [ $i -lt "$M" ]; do
			line=$(sed -n "$((i + 1))p" "$tmp/rc.$w")
			if [ "$line" = 0 ] &&
			   ! grep -q -- "-s 10.$w.$((i / 250)).$((i % 250))/32 " "$tmp/$name.S"; then
				lost=$((lost + 1))
			fi
			i=$((i + 1))
		done
		w=$((w + 1))
	done
	# the first error message of a failed command, for the report
	cat "$tmp"/err.* 2>/dev/null | head -n 1 > "$tmp/$name.err1"
	dup=$(grep -- '^-A' "$tmp/$name.S" | sort | uniq -d | wc -l)
	rm -f "$tmp"/rc.* "$tmp"/err.*
	echo "$succeeded $lost $dup"
}

# expected: every writer's rules, sorted
expected() {
	w=1
	while [ $w -le "$W" ]; do
		i=0
		while [ $i -lt "$M" ]; do
			echo "-A INPUT -s 10.$w.$((i / 250)).$((i % 250))/32 -j ACCEPT"
			i=$((i + 1))
		done
		w=$((w + 1))
	done | sort
}
# leftovers: files beside the state but the database, its lock and
# SQLite's -wal/-shm
leftovers() {
	ls "$tmp" | grep '^rules\.db' |
		grep -vx -e 'rules\.db' -e 'rules\.db\.lock' -e 'rules\.db-wal' -e 'rules\.db-shm'
}

rm -f "$UTABLES_STATE"
t0=$(date +%s)
set -- $(round one 0 "" "$u" iptables -w)
echo "one lock: $((W * M)) commands by $W writers in $(($(date +%s) - t0)) s"
check "one lock: $1 of $((W * M)) commands succeeded" [ "$1" = $((W * M)) ]
check "one lock: no rule lost ($2), none twice ($3)" [ "$2" = 0 -a "$3" = 0 ]
expected > "$tmp/expected"
grep -- '^-A' "$tmp/one.S" | sort > "$tmp/one.sorted"
check "one lock: INPUT holds exactly the $((W * M)) rules" cmp -s "$tmp/expected" "$tmp/one.sorted"
check "one lock: state check clean" "$u" state check
check "one lock: no file left beside the state" [ -z "$(leftovers)" ]

rm -f "$UTABLES_STATE"
set -- $(round mixed 1 "" "$u" iptables)
echo "utables, mixed lock files: $1 of $((W * M)) commands succeeded, $2 of those lost their rule, $3 rules twice"
[ -s "$tmp/mixed.err1" ] && echo "  its failed commands said: $(cat "$tmp/mixed.err1")"
check "mixed locks: no successful command lost its rule ($2 lost)" [ "$2" = 0 ]
check "mixed locks: the state loads" loads
check "mixed locks: state check clean" "$u" state check
check "mixed locks: no file left beside the state" [ -z "$(leftovers)" ]

if legacy_ok && ip netns add "utstress_$$" 2>/dev/null; then
	ns=utstress_$$
	# both locks in the temp dir: the host's /run/xtables.lock is left
	# to its users
	set -- $(round legacy 1 "$tmp/legacy.lock" \
		ip netns exec "$ns" iptables-legacy)
	echo "iptables-legacy, mixed lock files: $1 of $((W * M)) commands succeeded, $2 of those lost their rule, $3 rules twice"
	[ -s "$tmp/legacy.err1" ] && echo "  its failed commands said: $(cat "$tmp/legacy.err1")"
	ip netns del "$ns"
else
	echo "(iptables-legacy not run: needs root, ip and iptables-legacy)"
fi
summary
