#!/bin/sh
# tests/store/old-default.sh UTABLES DIR TEXT: earlier versions' default
# state, the text file DIR/rules.v4, when the default state is DIR/rules.db
# (run by tests/store/run.sh as root in a mount namespace with a tmpfs on
# /var/lib, and as nobody with XDG_STATE_HOME; UTABLES_STATE unset).
# TEXT is the text state to put there (iptables-save -c format, `#`
# lines aside). Prints `ok: WHAT` or `FAIL: WHAT` a check.
u=$1 dir=$2 text=$3
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
check() {
	what=$1
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fi
}
# the state's save -c, stamps aside
saved() { "$u" iptables-save -c 2> "$err" | grep -v '^#' > "$out"; }

cp "$text" "$dir/rules.v4"
saved
check "a reader sees the earlier default's rules ($(cat "$err"))" \
	sh -c 'grep -v "^#" "$1" | cmp -s - "$2"' sh "$text" "$out"
check "a reader changes nothing" \
	sh -c 'cmp -s "$1" "$2/rules.v4" && [ ! -e "$2/rules.db" ]' sh "$text" "$dir"
"$u" state check > "$out"
check "state check says the text waits for the next write ($(cat "$out"))" \
	grep -q "^$dir/rules.db: no state yet; $dir/rules.v4 is the text state of an earlier version" "$out"

"$u" iptables -A web -j RETURN 2> "$err"
check "the first write succeeds" [ $? = 0 ]
check "the first write says what became of the text ($(cat "$err"))" \
	grep -qx "utables: the text state $dir/rules.v4 of an earlier version is now the database $dir/rules.db; the text is kept as $dir/rules.v4.txt" "$err"
check "the text is kept as rules.v4.txt, rules.v4 is gone" \
	sh -c 'cmp -s "$1" "$2/rules.v4.txt" && [ ! -e "$2/rules.v4" ]' sh "$text" "$dir"
check "rules.db is a clean database" sh -c '"$1" state check > /dev/null' sh "$u"
saved
check "the database holds the text's rules and the new one" \
	sh -c '{ grep -v -e "^#" -e "^COMMIT" "$1"; echo "[0:0] -A web -j RETURN"; echo COMMIT; } |
		cmp -s - "$2"' sh "$text" "$out"
"$u" iptables -D web -j RETURN 2> "$err"
check "the next write converts nothing ($(cat "$err"))" \
	sh -c '[ ! -s "$1" ] && [ ! -e "$2/rules.v4" ]' sh "$err" "$dir"
