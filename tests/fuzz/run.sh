#!/bin/sh
# Fuzz replay runner: every crash reproducer (fuzz/regressions/) and every
# seed (fuzz/seeds/<target>/) through the fuzz targets built with a plain
# main() (fuzz_<target>_replay, fuzz/replay_main.c; part of every build, no
# clang or libFuzzer needed). With a -DUT_SANITIZE=ON build, ASan/UBSan
# reports count as crashes.
#
#   tests/fuzz/run.sh [--utables BUILD/utables | BUILD] [-v]
#
# fuzz/regressions/restore-* go to fuzz_restore_replay, argv-* to
# fuzz_argv_replay, packet-* to fuzz_packet_replay, flow-* to
# fuzz_flow_replay, store-* to fuzz_store_replay; fuzz/seeds/<target>/* by
# directory. Files are run in batches (one process per group); when a
# batch exits non-zero its files are run again one per process, and each
# file whose process exits non-zero (crash, abort, sanitizer report,
# ROUNDTRIP check, timeout) is a failure. -v prints every file.
# Ends with `N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build
verbose=0
while [ $# -gt 0 ]; do
	case $1 in
	--utables) build=$(dirname "$2"); shift ;;
	--utables=*) build=$(dirname "${1#--utables=}") ;;
	-v) verbose=1 ;;
	-*) echo "usage: $0 [--utables BUILD/utables | BUILD] [-v]" >&2; exit 2 ;;
	*) build=$1 ;;
	esac
	shift
done
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
fuzz=$root/fuzz
unset FUZZ_NO_ROUNDTRIP
# seconds per batch process and per single-file process
batch_limit=${FUZZ_REPLAY_BATCH_TIMEOUT:-300}
one_limit=${FUZZ_REPLAY_TIMEOUT:-30}
to=
command -v timeout >/dev/null 2>&1 && to=timeout

tmp=$(mktemp -d /tmp/utfuzzreplay.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for t in restore argv packet flow classify store; do
	if [ ! -x "$build/fuzz_${t}_replay" ]; then
		echo "fuzz: no $build/fuzz_${t}_replay (rebuild: ninja -C $build)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

# limited SECONDS CMD...: CMD under timeout(1) when there is one
limited() {
	s=$1
	shift
	if [ -n "$to" ]; then
		$to -k 5 "$s" "$@"
	else
		"$@"
	fi
}

# why RC: a short reason for a non-zero exit status
why() {
	case $1 in
	124|137) echo "timeout" ;;
	134) echo "abort" ;;
	136) echo "SIGFPE" ;;
	139) echo "SIGSEGV" ;;
	*) if [ "$1" -gt 128 ]; then echo "signal $(($1 - 128))"; else echo "exit $1"; fi ;;
	esac
}

# report FILE: the interesting lines of a failed run's stderr
report() {
	grep -v -e '^Running: ' -e '^[[:space:]]*$' "$1" |
		grep -E -m 6 -e 'ROUNDTRIP' -e 'ERROR' -e 'runtime error' \
			-e 'SUMMARY' -e '^ *#[0-3] ' -e 'Assertion' -e '^[^ ]' |
		cut -c1-200 | sed 's/^/    /'
}

# group NAME TARGET FILE...: replay FILEs through fuzz_TARGET_replay
group() {
	name=$1
	bin=$build/fuzz_$2_replay
	shift 2
	[ $# -gt 0 ] || return 0
	n=$#
	t0=$(date +%s)
	limited "$batch_limit" "$bin" "$@" > /dev/null 2> "$tmp/err"
	rc=$?
	if [ $rc = 0 ]; then
		pass=$((pass + n))
		if [ $verbose = 1 ]; then
			for f in "$@"; do
				printf '%-60s ok\n' "${f#"$root"/}"
			done
		fi
		echo "$name: $n ok ($(($(date +%s) - t0))s)"
		return 0
	fi
	# attribute: one process per file
	echo "$name: batch $(why $rc); replaying the $n files one by one"
	gfail=0
	for f in "$@"; do
		limited "$one_limit" "$bin" "$f" > /dev/null 2> "$tmp/err"
		rc=$?
		if [ $rc = 0 ]; then
			pass=$((pass + 1))
			[ $verbose = 1 ] && printf '%-60s ok\n' "${f#"$root"/}"
		else
			fail=$((fail + 1))
			gfail=$((gfail + 1))
			printf '%-60s FAIL  (%s)\n' "${f#"$root"/}" "$(why $rc)"
			report "$tmp/err"
		fi
	done
	echo "$name: $((n - gfail)) ok, $gfail failed"
}

# POSIX sh has no arrays: each file list is built in "$@"
set --
for f in "$fuzz"/regressions/restore-*; do [ -f "$f" ] && set -- "$@" "$f"; done
group regressions/restore restore "$@"

set --
for f in "$fuzz"/regressions/argv-*; do [ -f "$f" ] && set -- "$@" "$f"; done
group regressions/argv argv "$@"

set --
for f in "$fuzz"/regressions/packet-*; do [ -f "$f" ] && set -- "$@" "$f"; done
group regressions/packet packet "$@"

set --
for f in "$fuzz"/regressions/flow-*; do [ -f "$f" ] && set -- "$@" "$f"; done
group regressions/flow flow "$@"

set --
for f in "$fuzz"/regressions/store-*; do [ -f "$f" ] && set -- "$@" "$f"; done
group regressions/store store "$@"

set --
for f in "$fuzz"/regressions/*; do
	[ -f "$f" ] || continue
	case ${f##*/} in
	restore-*|argv-*|packet-*|flow-*|store-*) ;;
	*) set -- "$@" "$f" ;;
	esac
done
for f in "$@"; do
	fail=$((fail + 1))
	printf '%-60s FAIL  (name must start with restore-, argv-, packet-, flow- or store-)\n' "${f#"$root"/}"
done

for d in "$fuzz"/seeds/*/; do
	[ -d "$d" ] || continue
	t=$(basename "$d")
	set --
	for f in "$d"*; do [ -f "$f" ] && set -- "$@" "$f"; done
	if [ ! -x "$build/fuzz_${t}_replay" ]; then
		fail=$((fail + 1))
		echo "seeds/$t: no fuzz_${t}_replay for this directory"
		continue
	fi
	group "seeds/$t" "$t" "$@"
done

echo
echo "$pass passed, $fail failed"
[ $fail = 0 ]
