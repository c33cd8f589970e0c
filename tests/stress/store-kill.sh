#!/bin/sh
# store-kill.sh [--utables PATH | BUILD]: kill -9 in loops, K times each
# (STRESS_KILLS, default 250: 500 kills in all).
#  1. An iptables-restore of a large file (40,000 rules) over a small
#     state is killed after a random delay: the state is then the old rule
#     set or the new one, whole.
#  2. A single command (-A of one rule to a 20,000-rule state) is killed
#     after a random delay: the state holds the rules before it, or
#     exactly those plus the new rule at the end of INPUT.
#  The delay is uniform over 0 to 1.2 times the command's uncontested
#  time (measured first), so kills land in the parse, in the writes and
#  in the commit. After every kill `utables state check` must be clean.
#  Files left beside the state (other than the database, its lock and
#  SQLite's -wal/-shm) are counted.
. "$(dirname "$0")/store-common.sh"
K=${STRESS_KILLS:-250}

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

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# delay MAX_MS: a random sleep argument below MAX_MS milliseconds
delay() {
	awk -v m="$1" -v s="$(od -An -N4 -tu4 /dev/urandom)" \
		'BEGIN { printf "%.3f", (s % m) / 1000 }'
}

# killed MAX_MS CMD...: CMD in the background, killed with SIGKILL after
# a random delay below MAX_MS (if it has not ended by then)
killed() {
	d=$(delay "$1")
	shift
	"$@" > /dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
}

save() { "$u" iptables-save 2>&1 | grep -v '^#'; }
clean() { "$u" state check > "$tmp/check.out" 2>&1; }
leftovers() {
	ls "$tmp" | grep '^rules\.db' |
		grep -cvx -e 'rules\.db' -e 'rules\.db\.lock' -e 'rules\.db-wal' -e 'rules\.db-shm'
}

rules "$tmp/big.rules" 40000
rules "$tmp/small.rules" 10
"$u" iptables-restore < "$tmp/small.rules" || bad "restore small"
save > "$tmp/old.save"
t0=$(now_ms)
"$u" iptables-restore < "$tmp/big.rules" || bad "restore big"
max=$(( ($(now_ms) - t0) * 12 / 10 + 1 ))
save > "$tmp/new.save"
echo "restore of 40,000 rules: $((max * 10 / 12)) ms uncontested; kills within 0-$max ms"

bad_state=0
unclean=0
old=0
i=0
while [ $i -lt "$K" ]; do
	"$u" iptables-restore < "$tmp/small.rules"
	killed "$max" "$u" iptables-restore "$tmp/big.rules"
	clean || { unclean=$((unclean + 1)); cp "$tmp/check.out" "$tmp/check.$i"; }
	save > "$tmp/now.save"
	if cmp -s "$tmp/now.save" "$tmp/old.save"; then
		old=$((old + 1))
	elif ! cmp -s "$tmp/now.save" "$tmp/new.save"; then
		bad_state=$((bad_state + 1))
		cp "$tmp/now.save" "$tmp/bad.$i.save"
	fi
	i=$((i + 1))
done
echo "restore killed $K times: $old times the old rule set, $((K - old - bad_state)) the new"
check "restore killed $K times: always the old or the new rule set ($bad_state not)" [ $bad_state = 0 ]
check "restore killed $K times: state check clean after each ($unclean not)" [ $unclean = 0 ]
echo "files left beside the state: $(leftovers)"

rules "$tmp/mid.rules" 20000
"$u" iptables-restore < "$tmp/mid.rules" || bad "restore mid"
t0=$(now_ms)
"$u" iptables -A INPUT -s 192.0.2.250 -j DROP || bad "-A"
max=$(( ($(now_ms) - t0) * 12 / 10 + 1 ))
echo "-A on 20,000 rules: $((max * 10 / 12)) ms uncontested; kills within 0-$max ms"
bad_state=0
unclean=0
added=0
save > "$tmp/before.save"
i=0
while [ $i -lt "$K" ]; do
	rule="-A INPUT -s 10.200.$((i / 250)).$((i % 250))/32 -j DROP"
	# the rule set with it: after INPUT's last rule (INPUT comes first)
	awk -v r="$rule" '
		/^-A INPUT / { last = NR }
		{ line[NR] = $0 }
		END { for (n = 1; n <= NR; n++) { print line[n]; if (n == last) print r } }
	' "$tmp/before.save" > "$tmp/after.save"
	# shellcheck disable=SC2086
	killed "$max" "$u" iptables $rule
	clean || { unclean=$((unclean + 1)); cp "$tmp/check.out" "$tmp/check.A.$i"; }
	save > "$tmp/now.save"
	if cmp -s "$tmp/now.save" "$tmp/after.save"; then
		added=$((added + 1))
		mv "$tmp/after.save" "$tmp/before.save"
	elif ! cmp -s "$tmp/now.save" "$tmp/before.save"; then
		bad_state=$((bad_state + 1))
		cp "$tmp/now.save" "$tmp/bad.A.$i.save"
		mv "$tmp/now.save" "$tmp/before.save"
	fi
	i=$((i + 1))
done
echo "-A killed $K times: $added times the rule was added, $((K - added - bad_state)) not"
check "-A killed $K times: the rules before it, or exactly those plus it ($bad_state not)" [ $bad_state = 0 ]
check "-A killed $K times: state check clean after each ($unclean not)" [ $unclean = 0 ]
check "the state loads at the end" loads
echo "files left beside the state: $(leftovers)"
summary
