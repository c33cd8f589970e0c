# measure.sh: helpers of the bench scripts, sourced (sh). The timing
# helpers need $tmp (a scratch dir) and $reps (runs per measurement).

# bench_utables: $ut (-u), else build/utables beside bench/, else utables
# on PATH; exits when there is none
bench_utables() {
	if [ -z "$ut" ]; then
		if [ -x "$here/../build/utables" ]; then
			ut=$here/../build/utables
		else
			ut=$(command -v utables || true)
		fi
	fi
	[ -n "$ut" ] && [ -x "$ut" ] || { echo "utables binary not found (-u)" >&2; exit 1; }
}

# bench_scratch: $tmp, a scratch dir removed on exit (kept and named when
# $keep is 1), and the network namespace $ns deleted when one was made
bench_scratch() {
	tmp=$(mktemp -d /tmp/utables-bench.XXXXXX)
	ns=
	trap bench_cleanup EXIT INT TERM
}

bench_cleanup() {
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null || true
	if [ "$keep" = 1 ]; then
		echo "kept: $tmp"
	else
		rm -rf "$tmp"
	fi
}

# measure CMD...: prints "ELAPSED MAXRSS_KB CPU" for one run (exit status
# must be 0); CPU = user + system seconds (steadier than elapsed on a
# loaded machine)
if /usr/bin/time -f '%e %M' true >/dev/null 2>&1; then
	measure() {
		/usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
			{ cat "$tmp/err" >&2; return 1; }
		tail -n 1 "$tmp/time" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
	}
else
	# getrusage wrapper: wait4() gives the child's own peak RSS and CPU time
	measure() {
		python3 - "$@" 2>"$tmp/err" <<'EOF' || { cat "$tmp/err" >&2; return 1; }
import os, sys, time
t = time.monotonic()
null = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
_, status, ru = os.wait4(pid, 0)
e = time.monotonic() - t
if os.waitstatus_to_exitcode(status):
    sys.exit(1)
print("%.3f %d %.3f" % (e, ru.ru_maxrss, ru.ru_utime + ru.ru_stime))
EOF
	}
fi

# bench NAME CMD...: REPS runs, prints min/median elapsed, min CPU, max RSS
bench() {
	name=$1
	shift
	: > "$tmp/$name.runs"
	i=0
	while [ $i -lt "$reps" ]; do
		measure "$@" >> "$tmp/$name.runs" || { echo "$name: run failed" >&2; return 1; }
		i=$((i + 1))
	done
	sort -n "$tmp/$name.runs" | awk -v n="$name" '
		{ t[NR] = $1; if ($2 > rss) rss = $2
		  if (NR == 1 || $3 < cpu) cpu = $3 }
		END { printf "%-8s elapsed min %.3f s median %.3f s | cpu min %.2f s | peak RSS %d KiB (%d runs)\n",
			n, t[1], t[int((NR + 1) / 2)], cpu, rss, NR
		      print t[1], cpu > "/dev/stderr" }' 2> "$tmp/$name.min"
}
