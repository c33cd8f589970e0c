#!/bin/sh
# tests/store/run.sh [--utables PATH | BUILD]: the state store's promises.
#  - a command killed at any moment leaves the old or the new rule set,
#    never a partial or corrupt one (kill -9 during a large restore);
#  - a held lock: -w N gives up after N seconds with iptables' message
#    and status 4; without -w the command waits for the lock;
#  - a failing command changes nothing;
#  - the default state: root's system path, another user's
#    $XDG_STATE_HOME/utables/ (~/.local/state/utables/), the only
#    directory ever created; a missing directory of a given path is an
#    error naming it; a state that cannot be opened says which path it was
#    and how to choose another (as root: the non-root cases run through
#    setpriv as nobody, skipped without root or setpriv).
# Ends with "N passed, N failed" (", 4 skipped" after a "skipped:" line
# when flock is not installed for the lock tests).
if [ "${1:-}" = "--utables" ]; then
	u=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
	u=$(cd "${1:-build}" && pwd)/utables
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export UTABLES_STATE="$tmp/rules.v4"
pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# a large restore file: 40000 rules in one table
big="$tmp/big.rules"
{
	echo "*filter"
	echo ":INPUT ACCEPT [0:0]"
	echo ":FORWARD ACCEPT [0:0]"
	echo ":OUTPUT ACCEPT [0:0]"
	echo ":BIG - [0:0]"
	i=0
	while [ $i -lt 40000 ]; do
		echo "-A BIG -s 10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))/32 -p tcp -m tcp --dport $((i % 65535 + 1)) -j ACCEPT"
		i=$((i + 1))
	done
	echo "COMMIT"
} > "$big"

"$u" iptables -A INPUT -s 192.0.2.1 -j DROP || bad "initial rule"
"$u" iptables-save | grep -v '^#' > "$tmp/old.save"
"$u" iptables-restore < "$big" || bad "big restore"
"$u" iptables-save | grep -v '^#' > "$tmp/new.save"
"$u" iptables-restore < "$tmp/old.save" || bad "restore old"

# kill -9 at increasing delays; every outcome must be old or new, whole
for delay in 0.01 0.05 0.1 0.2 0.3 0.5 0.8 1.2; do
	"$u" iptables-restore < "$big" &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	"$u" iptables-save | grep -v '^#' > "$tmp/now.save" || bad "save after kill at $delay"
	if cmp -s "$tmp/now.save" "$tmp/old.save" || cmp -s "$tmp/now.save" "$tmp/new.save"; then
		ok
	else
		bad "kill at ${delay}s left a rule set that is neither old nor new"
	fi
	ls "$tmp"/rules.v4.tmp.* >/dev/null 2>&1 && rm -f "$tmp"/rules.v4.tmp.*
	"$u" iptables-restore < "$tmp/old.save" || bad "reset"
done

# a failing command changes nothing
cp "$UTABLES_STATE" "$tmp/before"
"$u" iptables -A INPUT -j DNAT --to-destination 1.2.3.4 2>/dev/null && bad "DNAT in filter accepted"
cmp -s "$UTABLES_STATE" "$tmp/before" && ok || bad "failed -A changed the state"
printf '*filter\n-A INPUT -j ACCEPT\n-A INPUT -p tcp --dport 99999\nCOMMIT\n' | "$u" iptables-restore 2>/dev/null && bad "bad restore accepted"
cmp -s "$UTABLES_STATE" "$tmp/before" && ok || bad "failed restore changed the state"

# the lock: -w 1 gives up with iptables' message and status 4
if command -v flock >/dev/null; then
	flock "$UTABLES_STATE.lock" sleep 3 &
	holder=$!
	sleep 0.3
	start=$(date +%s)
	"$u" iptables -w 1 -A INPUT -j ACCEPT 2> "$tmp/lock.err"
	rc=$?
	[ $rc -eq 4 ] && ok || bad "held lock with -w 1: status $rc, want 4"
	printf "Can't lock %s: Resource temporarily unavailable\nAnother app is currently holding the xtables lock. Stopped waiting after 1s.\n" "$UTABLES_STATE.lock" | cmp -s - "$tmp/lock.err" && ok || bad "lock message: $(cat "$tmp/lock.err")"
	# without -w: waits until the holder is gone, then succeeds
	"$u" iptables -A INPUT -j ACCEPT && ok || bad "waiting for the lock failed"
	end=$(date +%s)
	[ $((end - start)) -ge 2 ] && ok || bad "did not wait for the lock"
	wait $holder
else
	echo "SKIP: lock tests (flock not installed)"
	# the four checks above
	skip=4
	echo "skipped: $skip lock checks (flock not installed)"
fi

# a given path whose directory is missing: an error naming the path, and
# nothing created
UTABLES_STATE="$tmp/missing/dir/rules.v4" "$u" iptables -A INPUT -j ACCEPT 2> "$tmp/miss.err"
rc=$?
[ $rc -eq 4 ] && ok || bad "missing state directory: status $rc, want 4"
grep -q "$tmp/missing/dir/rules.v4 does not exist.*set UTABLES_STATE" "$tmp/miss.err" && ok || bad "missing directory message: $(cat "$tmp/miss.err")"
[ ! -e "$tmp/missing" ] && ok || bad "a missing parent of a given state path was created"
UTABLES_STATE="$tmp/missing/rules.v4" "$u" iptables-save > /dev/null 2>&1
[ $? -eq 4 ] && [ ! -e "$tmp/missing" ] && ok || bad "iptables-save with a missing state directory"

# without UTABLES_STATE, as a user: the XDG state directory, created
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	mkdir -p "$tmp/home" "$tmp/xdg"
	chown 65534:65534 "$tmp/home" "$tmp/xdg"
	chmod 755 "$tmp"
	nobody env -u UTABLES_STATE -u XDG_STATE_HOME HOME="$tmp/home" "$u" iptables -A INPUT -j ACCEPT && ok || bad "default state of a user"
	[ -n "$(ls "$tmp/home/.local/state/utables")" ] && ok || bad "no state in ~/.local/state/utables"
	nobody env -u UTABLES_STATE XDG_STATE_HOME="$tmp/xdg" HOME="$tmp/home" "$u" iptables -A INPUT -j DROP && ok || bad "XDG_STATE_HOME state"
	nobody env -u UTABLES_STATE XDG_STATE_HOME="$tmp/xdg" HOME="$tmp/home" "$u" iptables -S INPUT | grep -q '^-A INPUT -j DROP' && [ -n "$(ls "$tmp/xdg/utables")" ] && ok || bad "no state in \$XDG_STATE_HOME/utables"
	# a relative XDG_STATE_HOME is ignored (XDG base directory rules)
	nobody env -u UTABLES_STATE XDG_STATE_HOME=rel HOME="$tmp/home" "$u" iptables -S INPUT > "$tmp/rel.out" && ok || bad "relative XDG_STATE_HOME"
	grep -qx -- '-A INPUT -j ACCEPT' "$tmp/rel.out" && ok || bad "relative XDG_STATE_HOME not ignored"
	# a state that cannot be opened: iptables' line, then the path and
	# how to choose another
	nobody env UTABLES_STATE=/rules.v4 "$u" iptables -A INPUT -j ACCEPT 2> "$tmp/perm.err"
	rc=$?
	[ $rc -eq 4 ] && ok || bad "unwritable state: status $rc, want 4"
	printf "Fatal: can't open lock file /rules.v4.lock: Permission denied\nutables: the rule-set state is /rules.v4; set UTABLES_STATE to a file in a writable directory to use another\n" | cmp -s - "$tmp/perm.err" && ok || bad "unwritable state message: $(cat "$tmp/perm.err")"
else
	skip=$((skip + 8))
	echo "skipped: 8 per-user default state checks (need root and setpriv to run as nobody)"
fi

if [ $skip = 0 ]; then
	echo "$pass passed, $fail failed"
else
	echo "$pass passed, $fail failed, $skip skipped"
fi
[ $fail -eq 0 ]
