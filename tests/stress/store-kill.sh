#!/bin/sh
# store-kill.sh [--utables PATH | BUILD]: kill -9 in loops.
#  1. K times (STRESS_KILLS, default 100) an iptables-restore of a large
#     file (40,000 rules) is killed after a random delay (0-500 ms): the
#     state is then the old rule set or the new one, whole, and loads.
#  2. K times a single command (-A of one rule to a 20,000-rule state) is
#     killed after a random delay (0-200 ms): the state holds the rules
#     before it, or those plus the new one, and loads.
#  Temporary files the killed commands left behind are counted and
#  reported (crash-safe replacement writes a temp file, then renames it).
. "$(dirname "$0")/store-common.sh"
K=${STRESS_KILLS:-100}

# rules FILE N: a restore file of N rules in chain BIG
rules() {
	awk -v n="$2" 'BEGIN {
		print "*filter"
		print ":INPUT ACCEPT [0:0]"
		print ":FORWARD ACCEPT [0:0]"
		print ":OUTPUT ACCEPT [0:0]"
		print ":BIG - [0:0]"
		print "-A INPUT -j BIG"
		for (i = 0; i < n; i++)
			printf "-A BIG -s 10.%d.%d.%d/32 -p tcp -m tcp --dport %d -j ACCEPT\n",
				int(i / 65536) % 256, int(i / 256) % 256, i % 256, i % 65535 + 1
		print "COMMIT"
	}' > "$1"
}

# delay MAX_MS: a random sleep argument below MAX_MS milliseconds
delay() {
	awk -v m="$1" -v s="$(od -An -N2 -tu2 /dev/urandom)" \
		'BEGIN { printf "%.3f", (s % m) / 1000 }'
}

save() { "$u" iptables-save 2>&1 | grep -v '^#'; }
leftovers() { ls "$tmp" | grep -c 'rules.v4.tmp'; }

rules "$tmp/big.rules" 40000
rules "$tmp/small.rules" 10
"$u" iptables-restore < "$tmp/small.rules" || bad "restore small"
save > "$tmp/old.save"
"$u" iptables-restore < "$tmp/big.rules" || bad "restore big"
save > "$tmp/new.save"

bad_state=0
i=0
while [ $i -lt "$K" ]; do
	"$u" iptables-restore < "$tmp/small.rules"
	"$u" iptables-restore < "$tmp/big.rules" &
	pid=$!
	sleep "$(delay 500)"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	save > "$tmp/now.save"
	if ! cmp -s "$tmp/now.save" "$tmp/old.save" &&
	   ! cmp -s "$tmp/now.save" "$tmp/new.save"; then
		bad_state=$((bad_state + 1))
		cp "$tmp/now.save" "$tmp/bad.$i.save"
	fi
	i=$((i + 1))
done
check "restore killed $K times: always the old or the new rule set ($bad_state not)" [ $bad_state = 0 ]
echo "temporary files left by the killed restores: $(leftovers)"
rm -f "$tmp"/rules.v4.tmp.*

rules "$tmp/mid.rules" 20000
"$u" iptables-restore < "$tmp/mid.rules" || bad "restore mid"
bad_state=0
n=$(save | grep -c '^-A')
i=0
while [ $i -lt "$K" ]; do
	"$u" iptables -A INPUT -s 192.0.2.$((i % 250)) -j DROP &
	pid=$!
	sleep "$(delay 200)"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	m=$(save | grep -c '^-A')
	case $((m - n)) in
	0|1) n=$m ;;
	*) bad_state=$((bad_state + 1)) ;;
	esac
	i=$((i + 1))
done
check "-A killed $K times: the rules before it, or plus one ($bad_state not)" [ $bad_state = 0 ]
check "the state loads at the end" loads
echo "temporary files left by the killed commands: $(leftovers)"
summary
