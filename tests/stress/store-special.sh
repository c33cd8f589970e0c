#!/bin/sh
# store-special.sh [--utables PATH | BUILD]: special files as the state.
# $UTABLES_STATE names a FIFO, a character device (a private null device
# made with mknod, else a symlink to /dev/null), a symlink to a FIFO, a
# directory. For each, a read (`iptables -S`) and a write (`iptables -A`)
# run under a 5 s timeout. What a store must do: no hang; both fail with a
# message naming the file; the special file stays as it was (type, link).
# And a symlink to a regular state file: a write goes through the link
# (the link stays, its target holds the new rule set).
# Each case prints what happened, then its checks.
. "$(dirname "$0")/store-common.sh"

# kind PATH: the file's type, as ls shows it ("p" FIFO, "c" device, ...)
kind() {
	if [ -L "$1" ]; then
		echo "l->$(readlink "$1")"
	elif [ -e "$1" ]; then
		ls -ld "$1" | cut -c1
	else
		echo "none"
	fi
}

# try NAME CMD...: CMD under a timeout; sets rc and msg (stderr's first
# line); rc 124 = hung
try() {
	try_what=$1
	shift
	timeout -k 2 5 "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	msg=$(head -n 1 "$tmp/err")
	echo "  $try_what: status $rc${msg:+, \"$msg\"}"
}

# case_of NAME: run the read and the write on $UTABLES_STATE, check them
case_of() {
	name=$1
	st=$UTABLES_STATE
	before=$(kind "$st")
	before_target=$(kind "$(readlink -f "$st")")
	echo "$name ($before):"
	try read "$u" iptables -S
	check "$name: a read does not hang" [ $rc != 124 ]
	check "$name: a read fails naming the file" \
		sh -c '[ "$1" != 0 ] && [ "${2#*"$3"}" != "$2" ]' - "$rc" "$msg" "$st"
	try write "$u" iptables -A INPUT -j ACCEPT
	check "$name: a write does not hang" [ $rc != 124 ]
	check "$name: a write fails" [ "$rc" != 0 ]
	echo "  after: $(kind "$st"), its target: $(kind "$(readlink -f "$st")")"
	check "$name: the special file is unchanged" \
		[ "$(kind "$st")" = "$before" ] && \
		[ "$(kind "$(readlink -f "$st")")" = "$before_target" ]
}

mkfifo "$tmp/fifo"
UTABLES_STATE=$tmp/fifo
case_of FIFO

if mknod "$tmp/null" c 1 3 2>/dev/null; then
	UTABLES_STATE=$tmp/null
	case_of "character device"
else
	ln -s /dev/null "$tmp/null"
	UTABLES_STATE=$tmp/null
	case_of "symlink to /dev/null"
fi

ln -s "$tmp/fifo" "$tmp/fifo-link"
UTABLES_STATE=$tmp/fifo-link
case_of "symlink to a FIFO"

mkdir "$tmp/dir"
UTABLES_STATE=$tmp/dir
case_of directory

UTABLES_STATE=$tmp/real.v4
"$u" iptables -A INPUT -j DROP || bad "a plain state file"
ln -s "$tmp/real.v4" "$tmp/link.v4"
UTABLES_STATE=$tmp/link.v4
echo "symlink to a regular state file:"
try write "$u" iptables -A INPUT -j ACCEPT
echo "  after: $(kind "$UTABLES_STATE")"
check "symlink to a state file: the write succeeds" [ "$rc" = 0 ]
check "symlink to a state file: the link stays" [ -L "$UTABLES_STATE" ]
check "symlink to a state file: its target has the new rule" \
	sh -c 'UTABLES_STATE="$1" "$2" iptables-save | grep -q -- "-A INPUT -j ACCEPT"' \
	_ "$tmp/real.v4" "$u"
summary
