#!/bin/sh
# Run every test suite against a build directory and sum the results.
#
#   tests/run-all.sh [BUILD_DIR]        (default: build)
#
# Suites: the unit test binary (BUILD/utables-unit, if built), the CLI cases
# (tests/cli/run.py), the .t conformance corpus + shell dumps
# (tests/conformance/run.py), the round trips (tests/roundtrip/run.sh), and
# any other tests/*/run* script but those of tests/stress (called with
# --utables BUILD/utables; it must end its output with a line `N passed,
# N failed`, or `N passed, N failed,
# N skipped` after one `skipped: N WHAT (WHY)` line per reason). Each prints
# its own summary; the last line is the sum: `N passed, N failed`, or, when
# anything was skipped, `N passed, N failed, N skipped (WHY, WHY)` after
# the suites' `skipped:` lines. Skips are not failures. Exit status 1 if
# anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
ut=$build/utables
py=${PYTHON:-python3}
total_pass=0
total_fail=0
total_skip=0
log=$(mktemp /tmp/utrunall.XXXXXX)
why=$(mktemp /tmp/utrunall.XXXXXX)
trap 'rm -f "$log" "$why"' EXIT
SUMMARY='^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'

# add_counts NAME RC: take the last `N passed, N failed[, N skipped]` of
# $log, and its `skipped: ...` lines as the reasons
add_counts() {
	line=$(grep -E "$SUMMARY" "$log" | tail -1)
	if [ -z "$line" ]; then
		# no summary: the suite broke; count it as one failure
		echo "[$1: no summary line, exit status $2]"
		total_fail=$((total_fail + 1))
		return
	fi
	p=${line%% passed*}
	f=${line#*, }
	f=${f%% failed*}
	s=0
	case $line in *skipped) s=${line##*failed, }; s=${s%% skipped} ;; esac
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
	if [ "$s" != 0 ]; then
		if grep -q '^skipped: ' "$log"; then
			sed -n "s|^skipped: |$1: |p" "$log" >> "$why"
		else
			echo "$1: $s (no reason given)" >> "$why"
		fi
	fi
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then
		# e.g. the conformance rate check without failing lines
		echo "[$1: exit status $2]"
		total_fail=$((total_fail + 1))
	fi
}

suite() {
	name=$1
	shift
	echo "=== $name"
	start=$(date +%s)
	"$@" > "$log" 2>&1
	rc=$?
	cat "$log"
	add_counts "$name" "$rc"
	# where CI's minutes go
	echo "[$name: $(($(date +%s) - start)) s]"
	echo
}

shared=${UTABLES_SHARED:-$(dirname "$root")/shared}
if [ -x "$build/utables-unit" ]; then
	echo "=== unit"
	UT_CONFORMANCE_T=$shared/conformance/iptables-t \
		"$build/utables-unit" > "$log" 2>&1
	rc=$?
	cat "$log"
	if grep -qE "$SUMMARY" "$log"; then
		add_counts unit "$rc"
	elif [ $rc = 0 ]; then
		total_pass=$((total_pass + 1))
	else
		total_fail=$((total_fail + 1))
	fi
	echo
fi

suite cli "$py" "$here/cli/run.py" --utables "$ut"
# The error, general and empty-chain-name cases' expectations, checked
# against the real iptables-legacy 1.8.9 (root and network namespaces
# needed; without them the cases are counted as skipped, and checked
# against utables only)
suite cli-vs-real-iptables "$py" "$here/cli/run.py" --verify-real \
	--skip-unavailable \
	"$here/cli/cases/errors.txt" "$here/cli/cases/general.txt" \
	"$here/cli/cases/chains-empty-name.txt"
suite conformance "$py" "$here/conformance/run.py" --utables "$ut"
suite roundtrip sh "$here/roundtrip/run.sh" --utables "$ut"

for s in "$here"/*/run*; do
	[ -f "$s" ] || continue
	case $s in
	"$here"/cli/run.py|"$here"/conformance/run.py|"$here"/roundtrip/run.sh) continue ;;
	# long: run by hand (tests/stress/README.md)
	"$here"/stress/*) continue ;;
	esac
	case $s in
	*.py) suite "${s#"$here"/}" "$py" "$s" --utables "$ut" ;;
	*.sh) suite "${s#"$here"/}" sh "$s" --utables "$ut" ;;
	*) [ -x "$s" ] && suite "${s#"$here"/}" "$s" --utables "$ut" ;;
	esac
done

if [ "$total_skip" = 0 ]; then
	echo "$total_pass passed, $total_fail failed"
else
	sed 's/^/skipped: /' "$why"
	reasons=$(sed 's/^[^:]*: //' "$why" | awk '{ printf "%s%s", sep, $0; sep = ", " }')
	echo "$total_pass passed, $total_fail failed, $total_skip skipped ($reasons)"
fi
[ "$total_fail" = 0 ]
