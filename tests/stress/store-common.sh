# store-common.sh: what the store-*.sh stress scripts share (sourced):
# their arguments, a temp dir, pass/fail counting and the summary line.
#   store-X.sh [--utables PATH | BUILD]
if [ "${1:-}" = "--utables" ]; then
	u=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
	u=$(cd "${1:-build}" && pwd)/utables
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/utstress.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export UTABLES_STATE="$tmp/rules.db"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# check MESSAGE CMD...: ok or FAIL by the command's status
check() {
	check_what=$1
	shift
	if "$@"; then ok "$check_what"; else bad "$check_what"; fi
}
# legacy_ok: can this machine run iptables-legacy in a network namespace?
legacy_ok() {
	[ "$(id -u)" = 0 ] && command -v iptables-legacy >/dev/null &&
		command -v ip >/dev/null
}
summary() {
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ]
}
# loads: does the state load (a listing succeeds)?
loads() { "$u" iptables -S > /dev/null; }
