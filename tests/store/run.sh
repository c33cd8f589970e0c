#!/bin/sh
# tests/store/run.sh [--utables PATH | BUILD]: the state store's promises.
#  - a command killed at any moment leaves the old or the new rule set,
#    never a partial or corrupt one (kill -9 during a large restore), and
#    no files beside the state once the next command is done;
#  - a held lock: -w N gives up after N seconds with iptables' message
#    and status 4; without -w the command waits for the lock;
#  - a failing command changes nothing;
#  - the default state: root's system path, another user's
#    $XDG_STATE_HOME/utables/ (~/.local/state/utables/), the only
#    directory ever created; a missing directory of a given path is an
#    error naming it; a state that cannot be opened says which path it was
#    and how to choose another (as root: the non-root cases run through
#    setpriv as nobody, skipped without root or setpriv).
#  - concurrent writers (with -w, or with different lock files) never lose
#    an update; readers see whole transactions only;
#  - the state file keeps its mode and owner; a FIFO, a device or a
#    directory at the state path, a symlinked lock file, a database that is
#    not ours, truncated or newer, a full disk: clear errors, nothing hangs,
#    nothing is overwritten;
#  - a text state of earlier versions is converted, its text kept; so is
#    earlier versions' default (rules.v4 beside the default rules.db, root's
#    and a user's: old-default.sh);
#  - `utables state check` finds broken invariants.
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
	"$u" state check > /dev/null || bad "state check after kill at $delay"
	"$u" iptables-restore < "$tmp/old.save" || bad "reset"
done
# a killed writer leaves nothing that the next command does not clean up
left=$(cd "$tmp" && ls -A | grep '^rules\.v4' | grep -v '^rules\.v4$' |
	grep -v '^rules\.v4\.lock$')
[ -z "$left" ] && ok || bad "files left beside the state: $left"

# a failing command changes nothing
cp "$UTABLES_STATE" "$tmp/before"
"$u" iptables -A INPUT -j DNAT --to-destination 1.2.3.4 2>/dev/null && bad "DNAT in filter accepted"
cmp -s "$UTABLES_STATE" "$tmp/before" && ok || bad "failed -A changed the state"
printf '*filter\n-A INPUT -j ACCEPT\n-A INPUT -p tcp --dport 99999\nCOMMIT\n' | "$u" iptables-restore 2>/dev/null && bad "bad restore accepted"
cmp -s "$UTABLES_STATE" "$tmp/before" && ok || bad "failed restore changed the state"

# the one-rule commands that change a row without loading the chain
# (src/cli/exec_store.c): a failing one changes nothing either, the
# kernel's hook check sees the hooks a chain is reached from through
# jumps, and -I between two rules with no key left rewrites the chain
"$u" iptables -N ROWS && "$u" iptables -A INPUT -j ROWS &&
	"$u" iptables -A ROWS -p tcp --dport 1 -j ACCEPT || bad "row setup"
cp "$UTABLES_STATE" "$tmp/before"
for args in "-I ROWS 3 -j ACCEPT" "-R ROWS 2 -j ACCEPT" "-D ROWS 2" \
	"-D ROWS -p tcp --dport 2 -j ACCEPT" "-C ROWS -p tcp --dport 2 -j ACCEPT" \
	"-A NOSUCH -j ACCEPT" "-A ROWS -j NOSUCH" \
	"-A ROWS -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu"; do
	# shellcheck disable=SC2086
	"$u" iptables $args 2>/dev/null && bad "accepted: iptables $args"
	cmp -s "$UTABLES_STATE" "$tmp/before" && ok || bad "failed iptables $args changed the state"
done
"$u" iptables -A ROWS -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu 2> "$tmp/tcpmss.err"
grep -q "path-MTU clamping only supported in FORWARD" "$tmp/tcpmss.err" && ok || bad "TCPMSS from INPUT through a jump: $(cat "$tmp/tcpmss.err")"
"$u" iptables -A ROWS -p tcp --dport 9 -j ACCEPT
i=1
while [ $i -le 30 ]; do
	"$u" iptables -I ROWS 2 -p udp --dport $i -j ACCEPT || bad "-I ROWS 2 ($i)"
	i=$((i + 1))
done
{
	echo "-N ROWS"
	echo "-A ROWS -p tcp -m tcp --dport 1 -j ACCEPT"
	i=30
	while [ $i -ge 1 ]; do
		echo "-A ROWS -p udp -m udp --dport $i -j ACCEPT"
		i=$((i - 1))
	done
	echo "-A ROWS -p tcp -m tcp --dport 9 -j ACCEPT"
} > "$tmp/rows.want"
"$u" iptables -S ROWS > "$tmp/rows.got"
cmp -s "$tmp/rows.want" "$tmp/rows.got" && ok || bad "30 inserts at 2: $(diff "$tmp/rows.want" "$tmp/rows.got" | head -5)"
"$u" state check > /dev/null && ok || bad "state check after the inserts"
"$u" iptables -D ROWS -p udp --dport 15 -j ACCEPT && "$u" iptables -D ROWS 2 &&
	"$u" iptables -R ROWS 2 -p udp --dport 99 -j ACCEPT || bad "-D spec, -D N, -R N"
"$u" iptables -S ROWS | sed -n 3,5p | tr '\n' ' ' > "$tmp/rows.got"
[ "$(cat "$tmp/rows.got")" = "-A ROWS -p udp -m udp --dport 99 -j ACCEPT -A ROWS -p udp -m udp --dport 28 -j ACCEPT -A ROWS -p udp -m udp --dport 27 -j ACCEPT " ] && ok || bad "after -D spec, -D N, -R N: $(cat "$tmp/rows.got")"
"$u" iptables -C ROWS -p udp --dport 15 -j ACCEPT 2>/dev/null && bad "-C found a deleted rule"
"$u" iptables -C ROWS -p udp --dport 16 -j ACCEPT && ok || bad "-C did not find a rule"
# -N, -E, -P load no rules, -X and -F only the chain's and the jumps:
# the counts and references they check are still the whole chain's
cp "$UTABLES_STATE" "$tmp/before"
"$u" iptables -X ROWS 2>/dev/null && bad "-X of a chain with rules and a reference"
"$u" iptables -N ROWS 2>/dev/null && bad "-N of an existing chain"
"$u" iptables -E ROWS INPUT 2>/dev/null && bad "-E onto a built-in chain"
cmp -s "$UTABLES_STATE" "$tmp/before" && ok || bad "failed -X/-N/-E changed the state"
"$u" iptables -E ROWS ROWS2 && "$u" iptables -P INPUT DROP &&
	"$u" iptables -S INPUT > "$tmp/rows.got" &&
	[ "$(head -1 "$tmp/rows.got")" = "-P INPUT DROP" ] &&
	grep -qx -- '-A INPUT -j ROWS2' "$tmp/rows.got" &&
	[ "$("$u" iptables -S ROWS2 | wc -l)" = 31 ] && ok || bad "-E and -P: $(cat "$tmp/rows.got")"
"$u" iptables -P INPUT ACCEPT && "$u" iptables -E ROWS2 ROWS || bad "-P/-E back"
"$u" iptables -D INPUT -j ROWS && "$u" iptables -F ROWS && "$u" iptables -X ROWS || bad "row cleanup"

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

# ---- positions: inserts at the head and between two rules until a gap
# is used up (the chain is renumbered) keep iptables' order
"$u" iptables -N pos
"$u" iptables -A pos -s 10.0.0.1 -j ACCEPT
"$u" iptables -A pos -s 10.0.0.2 -j ACCEPT
for where in 2 1; do
	k=3
	while [ $k -le 40 ]; do
		"$u" iptables -I pos $where -s 10.$((2 - where)).0.$k -j ACCEPT
		k=$((k + 1))
	done
done
"$u" iptables -R pos 3 -s 10.2.0.1 -j ACCEPT
"$u" iptables -D pos 5
"$u" iptables -S pos | sed -n 's/^-A pos -s \([0-9.]*\)\/32 -j ACCEPT$/\1/p' > "$tmp/pos.got"
{
	k=40; while [ $k -ge 3 ]; do echo 10.1.0.$k; k=$((k - 1)); done
	echo 10.0.0.1
	k=40; while [ $k -ge 3 ]; do echo 10.0.0.$k; k=$((k - 1)); done
	echo 10.0.0.2
} | awk 'NR == 3 { print "10.2.0.1"; next } NR == 5 { next } { print }' > "$tmp/pos.want"
cmp -s "$tmp/pos.got" "$tmp/pos.want" && "$u" state check > /dev/null && ok ||
	bad "positions: $(diff "$tmp/pos.want" "$tmp/pos.got" | head -5)"
"$u" iptables -F pos
"$u" iptables -X pos

# ---- concurrent writers: 16 with -w, 50 rules each: all there, once
i=0
while [ $i -lt 16 ]; do
	(
		j=0
		while [ $j -lt 50 ]; do
			"$u" iptables -w -A FORWARD -s 10.$i.$j.1 -j ACCEPT ||
				echo "writer $i rule $j failed"
			j=$((j + 1))
		done
	) > "$tmp/writer.$i" 2>&1 &
	i=$((i + 1))
done
wait
cat "$tmp"/writer.* | grep . && bad "a concurrent writer failed"
n=$("$u" iptables-save | grep -c '^-A FORWARD -s 10\.')
u_n=$("$u" iptables-save | grep '^-A FORWARD -s 10\.' | sort -u | wc -l)
[ "$n" = 800 ] && [ "$u_n" = 800 ] && ok ||
	bad "16 writers x 50 rules: $n rules, $u_n distinct, want 800"
"$u" iptables -F FORWARD

# ---- two writers with different lock files: SQLite serializes them
for w in a b; do
	(
		j=0
		while [ $j -lt 60 ]; do
			XTABLES_LOCKFILE=$tmp/lock.$w "$u" iptables -A OUTPUT \
				-d 10.$j.0.1 -m comment --comment "$w" -j ACCEPT
			j=$((j + 1))
		done
	) &
done
wait
n=$("$u" iptables-save | grep -c '^-A OUTPUT ')
[ "$n" = 120 ] && ok || bad "two lock files: $n rules, want 120"
"$u" iptables -F OUTPUT

# ---- readers during writes see whole transactions only
"$u" iptables-restore < "$tmp/old.save"
a_n=$(grep -c '^-A' "$tmp/old.save")
(
	k=0
	while [ $k -lt 6 ]; do
		"$u" iptables-restore < "$big"
		"$u" iptables-restore < "$tmp/old.save"
		k=$((k + 1))
	done
) &
wr=$!
torn=0
reads=0
while kill -0 $wr 2>/dev/null; do
	n=$("$u" iptables-save | grep -c '^-A')
	reads=$((reads + 1))
	[ "$n" = "$a_n" ] || [ "$n" = 40000 ] || torn=$((torn + 1))
done
wait $wr
[ $torn = 0 ] && [ $reads -gt 0 ] && ok ||
	bad "$torn of $reads reads saw part of a restore"

# ---- the state file keeps its mode and owner
chown 65534:65534 "$UTABLES_STATE" 2>/dev/null
chmod 640 "$UTABLES_STATE"
before=$(stat -c '%a %u %g' "$UTABLES_STATE")
"$u" iptables -A INPUT -j ACCEPT && "$u" iptables -D INPUT -j ACCEPT
now=$(stat -c '%a %u %g' "$UTABLES_STATE")
[ "$before" = "$now" ] && ok || bad "mode/owner $before became $now"
chmod 600 "$UTABLES_STATE"

# ---- special files at the state path: an error at once, never a hang
mkfifo "$tmp/fifo"
ln -s /dev/zero "$tmp/dev"
mkdir "$tmp/dir"
for f in fifo dev dir; do
	for c in "iptables -A INPUT -j ACCEPT" "iptables -L -n" "iptables-save"; do
		UTABLES_STATE=$tmp/$f timeout 10 "$u" $c > /dev/null 2> "$tmp/err"
		rc=$?
		if [ $rc = 4 ] && grep -q "state file $tmp/$f is not a regular file" "$tmp/err"; then
			ok
		else
			bad "$c with a $f as the state: status $rc, $(cat "$tmp/err")"
		fi
	done
done
printf '*filter\nCOMMIT\n' | UTABLES_STATE=$tmp/fifo timeout 10 "$u" iptables-restore 2>/dev/null
[ $? = 4 ] && ok || bad "restore into a FIFO state"

# ---- the lock file is never opened through a symlink
ln -s "$tmp/victim" "$tmp/lock.link"
XTABLES_LOCKFILE=$tmp/lock.link "$u" iptables -A INPUT -j ACCEPT 2> "$tmp/err"
rc=$?
[ $rc = 4 ] && grep -q "can't open lock file $tmp/lock.link" "$tmp/err" &&
	[ ! -e "$tmp/victim" ] && ok ||
	bad "symlinked lock file: status $rc, $(cat "$tmp/err")"

# ---- databases that are not ours, truncated, newer: errors, unchanged
py() { python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()" "$@"; }
refused() { # NAME PATTERN: the state at $tmp/x.db is refused, not changed
	cp "$tmp/x.db" "$tmp/x.before"
	for c in "iptables -A INPUT -j ACCEPT" "iptables-save" "state check"; do
		UTABLES_STATE=$tmp/x.db "$u" $c > /dev/null 2> "$tmp/err"
		rc=$?
		if [ $rc = 4 ] && grep -q "$2" "$tmp/err" && cmp -s "$tmp/x.db" "$tmp/x.before"; then
			ok
		else
			bad "$1, $c: status $rc, $(cat "$tmp/err")"
		fi
	done
}
rm -f "$tmp/x.db"
py "$tmp/x.db" "CREATE TABLE t(a); INSERT INTO t VALUES (1);"
refused "a foreign database" "state database $tmp/x.db is not a utables state"
cp "$UTABLES_STATE" "$tmp/x.db"
py "$tmp/x.db" "PRAGMA user_version=7;"
refused "a newer schema" "has schema version 7"
"$u" iptables-restore < "$big"
head -c 8192 "$UTABLES_STATE" > "$tmp/x.db"
refused "a truncated database" "state database $tmp/x.db: .*malformed"
"$u" iptables-restore < "$tmp/old.save"

# ---- a full disk: a clear error, the old state intact
if unshare -m true 2>/dev/null; then
	unshare -m sh -c '
		u=$1 tmp=$2 big=$3
		mkdir "$tmp/small"
		mount -t tmpfs -o size=600k tmpfs "$tmp/small" || exit 3
		export UTABLES_STATE=$tmp/small/rules.db
		"$u" iptables -A INPUT -s 192.0.2.1 -j DROP || exit 3
		"$u" iptables-save | grep -v "^#" > "$tmp/full.before"
		"$u" iptables-restore < "$big" 2> "$tmp/full.err"
		echo $? > "$tmp/full.rc"
		"$u" iptables-save | grep -v "^#" > "$tmp/full.after"
		"$u" state check > /dev/null || echo bad > "$tmp/full.check"
	' sh "$u" "$tmp" "$big"
	[ "$(cat "$tmp/full.rc" 2>/dev/null)" = 4 ] &&
		grep -q "database or disk is full" "$tmp/full.err" && ok ||
		bad "full disk: status $(cat "$tmp/full.rc" 2>/dev/null), $(cat "$tmp/full.err" 2>/dev/null)"
	cmp -s "$tmp/full.before" "$tmp/full.after" && [ ! -e "$tmp/full.check" ] &&
		ok || bad "full disk changed or broke the state"
else
	echo "SKIP: full disk (no mount namespace)"
	skip=$((skip + 2))
	echo "skipped: 2 full-disk checks (needs root for a tmpfs)"
fi

# ---- a text state of earlier versions: converted, the text kept
cat > "$tmp/text.state" <<'TXT'
# utables state: iptables-save -c format
*filter
:INPUT DROP [5:600]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:web - [0:0]
[7:800] -A INPUT -p tcp -m tcp --dport 80 -j web
[1:60] -A web -s 192.0.2.0/24 -j ACCEPT
COMMIT
TXT
cp "$tmp/text.state" "$tmp/conv"
UTABLES_STATE=$tmp/conv "$u" iptables-save -c | grep -v '^#' > "$tmp/conv.read"
cmp -s "$tmp/conv" "$tmp/text.state" && ok || bad "a reader changed the text state"
UTABLES_STATE=$tmp/conv "$u" iptables -A web -j RETURN 2> "$tmp/err" ||
	bad "first write to a text state: $(cat "$tmp/err")"
grep -q "utables: the text state $tmp/conv is now a database; the text is kept as $tmp/conv.txt" "$tmp/err" &&
	ok || bad "conversion note: $(cat "$tmp/err")"
cmp -s "$tmp/conv.txt" "$tmp/text.state" && ok || bad "the text was not kept"
UTABLES_STATE=$tmp/conv "$u" iptables-save -c | grep -v '^#' > "$tmp/conv.db"
{ grep -v '^COMMIT' "$tmp/conv.read"; echo "[0:0] -A web -j RETURN"; echo COMMIT; } |
	cmp -s - "$tmp/conv.db" && ok || bad "converted state: $(cat "$tmp/conv.db")"
printf 'garbage\n' > "$tmp/conv2"
UTABLES_STATE=$tmp/conv2 "$u" iptables -A INPUT -j ACCEPT 2> "$tmp/err"
[ $? = 4 ] && grep -q "state file $tmp/conv2 is corrupt (line 1)" "$tmp/err" &&
	[ "$(cat "$tmp/conv2")" = garbage ] && ok || bad "a bad text state: $(cat "$tmp/err")"

# ---- earlier versions' default: a text rules.v4 beside the default
# rules.db is read, converted by the first write, its text kept
# (old-default.sh): root's /var/lib/utables in a mount namespace with a
# tmpfs on /var/lib, a user's $XDG_STATE_HOME/utables
# old_default PREFIX...: old-default.sh under PREFIX, its lines counted
old_default() {
	"$@" > "$tmp/old.out" 2>&1
	n_ok=$(grep -c '^ok: ' "$tmp/old.out")
	pass=$((pass + n_ok))
	[ "$n_ok" = 9 ] || bad "earlier default state under $1: $(grep -v '^ok: ' "$tmp/old.out")"
}
here=$(cd "$(dirname "$0")" && pwd)
chmod 644 "$tmp/text.state"
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	old_default unshare -m env -u UTABLES_STATE sh -c 'mount -t tmpfs tmpfs /var/lib &&
		mkdir /var/lib/utables && exec sh "$@"' sh \
		"$here/old-default.sh" "$u" /var/lib/utables "$tmp/text.state"
else
	skip=$((skip + 9))
	echo "skipped: 9 checks of root's earlier default state (need root for a mount namespace)"
fi
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	mkdir -p "$tmp/oldxdg/utables"
	chown -R 65534:65534 "$tmp/oldxdg"
	old_default setpriv --reuid=65534 --regid=65534 --clear-groups \
		env -u UTABLES_STATE XDG_STATE_HOME="$tmp/oldxdg" \
		sh "$here/old-default.sh" "$u" "$tmp/oldxdg/utables" \
		"$tmp/text.state"
else
	skip=$((skip + 9))
	echo "skipped: 9 checks of a user's earlier default state (need root and setpriv to run as nobody)"
fi

# ---- state check: clean, then a broken invariant found
"$u" state check > "$tmp/check" && grep -q "^$UTABLES_STATE: ok$" "$tmp/check" &&
	ok || bad "state check of a good state: $(cat "$tmp/check")"
cp "$UTABLES_STATE" "$tmp/y.db"
UTABLES_STATE=$tmp/y.db "$u" iptables -N target
UTABLES_STATE=$tmp/y.db "$u" iptables -A INPUT -j target
py "$tmp/y.db" "DELETE FROM chains WHERE name = 'target';"
UTABLES_STATE=$tmp/y.db "$u" state check > "$tmp/check"
[ $? = 1 ] && grep -q "jumps to a chain that is missing" "$tmp/check" &&
	ok || bad "state check of a broken state: $(cat "$tmp/check")"
py "$tmp/y.db" "UPDATE rules SET ir = x'0102';"
UTABLES_STATE=$tmp/y.db "$u" iptables -L INPUT > /dev/null 2> "$tmp/err"
[ $? = 4 ] && grep -q "state database $tmp/y.db is corrupt: a rule in chain INPUT" "$tmp/err" &&
	ok || bad "a corrupt rule: $(cat "$tmp/err")"

if [ $skip = 0 ]; then
	echo "$pass passed, $fail failed"
else
	echo "$pass passed, $fail failed, $skip skipped"
fi
[ $fail -eq 0 ]
