#!/bin/sh
# tests/run/run.sh [--utables PATH | BUILD]: the `utables run` / `utables
# trace` contract, apart from packet results (tests/kernel compares those
# with Linux):
#  - bad arguments and bad HOST / RULES / pcap input: exit 2, a message
#    naming the file (and line or packet), and no result files in DIR;
#  - a run is a pure function of its inputs (two runs, identical files);
#  - a failed run leaves an earlier run's results in DIR untouched;
#  - shell-style RULES (`iptables ...` lines) give the same results as
#    the iptables-restore form;
#  - --json, trace --packet / --filter, and the clear refusal of rules the
#    engine cannot evaluate yet.
# Ends with "N passed, N failed".
if [ "${1:-}" = "--utables" ]; then
	u=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
	u=$(cd "${1:-build}" && pwd)/utables
fi
here=$(cd "$(dirname "$0")" && pwd)
sc=$here/../kernel/scenarios/target-reject-forward
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_error NAME PATTERN ARGS...: exit 2, stderr matches PATTERN, and
# the output directory holds no results
expect_error() {
	name=$1 pat=$2
	shift 2
	rm -rf "$tmp/out"
	"$u" "$@" > "$tmp/stdout" 2> "$tmp/stderr"
	rc=$?
	if [ $rc != 2 ]; then
		bad "$name: exit status $rc, expected 2"
	elif ! grep -q -- "$pat" "$tmp/stderr"; then
		bad "$name: stderr does not match '$pat':"
		sed 's/^/    /' "$tmp/stderr"
	elif [ -d "$tmp/out" ] && [ -n "$(ls -A "$tmp/out")" ]; then
		bad "$name: left files in the output directory: $(ls -A "$tmp/out")"
	else
		ok
	fi
}

run_ok() {
	name=$1
	shift
	if "$u" "$@" > "$tmp/stdout" 2> "$tmp/stderr"; then
		ok
	else
		bad "$name: exit status $?:"
		sed 's/^/    /' "$tmp/stderr"
	fi
}

in0="eth0=$sc/in-eth0.pcap"
in1="eth1=$sc/in-eth1.pcap"

# ---- arguments
expect_error "no arguments" "usage: utables run" run
expect_error "no --out" "usage: utables run" run --host "$sc/host" \
	--rules "$sc/rules" --in "$in0"
expect_error "unknown argument" "unknown argument \`--bogus'" run --bogus
expect_error "--in without =" "expected IFACE=FILE" run --host "$sc/host" \
	--rules "$sc/rules" --in eth0 --out "$tmp/out"
expect_error "missing host" "$tmp/nope: No such file" run \
	--host "$tmp/nope" --rules "$sc/rules" --in "$in0" --out "$tmp/out"
expect_error "unknown link" "no link \`eth7'" run --host "$sc/host" \
	--rules "$sc/rules" --in "eth7=$sc/in-eth0.pcap" --out "$tmp/out"

# ---- bad HOST: file and line named
printf 'link add eth0 address 02:00:00:00:01:00\nlink add eth1 adress 02:00:00:00:01:01\n' > "$tmp/host.bad"
expect_error "bad host line" "$tmp/host.bad:2:" run --host "$tmp/host.bad" \
	--rules "$sc/rules" --in "$in0" --out "$tmp/out"

# ---- bad RULES: iptables' own message with the file
printf '*filter\n-A FORWARD -j NOPE\nCOMMIT\n' > "$tmp/rules.bad"
expect_error "bad restore rules" "$tmp/rules.bad: " run --host "$sc/host" \
	--rules "$tmp/rules.bad" --in "$in0" --out "$tmp/out"
printf '# ok\niptables -P FORWARD DROP\niptables -A FORWARD -p tcp --dport 99999 -j ACCEPT\n' > "$tmp/rules.sh.bad"
expect_error "bad shell rules" "$tmp/rules.sh.bad:3: iptables v1.8.9 (legacy): invalid port/service \`99999' specified" \
	run --host "$sc/host" --rules "$tmp/rules.sh.bad" --in "$in0" \
	--out "$tmp/out"
printf 'iptables -A INPUT -s $NET -j DROP\n' > "$tmp/rules.var"
expect_error "shell expansion" "$tmp/rules.var:1: shell syntax" run \
	--host "$sc/host" --rules "$tmp/rules.var" --in "$in0" --out "$tmp/out"
printf 'ip6tables -A INPUT -j DROP\n' > "$tmp/rules.other"
expect_error "not iptables" "only iptables commands" run --host "$sc/host" \
	--rules "$tmp/rules.other" --in "$in0" --out "$tmp/out"

# ---- rules the engine cannot evaluate yet: refused, never skipped
# (an extension still without packet evaluation: change it when it gets one)
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m ipvs --ipvs -j ACCEPT\nCOMMIT\n' > "$tmp/rules.ct"
expect_error "no eval" "\-m ipvs is not supported by the packet engine yet (table filter, chain INPUT, rule 1)" \
	run --host "$sc/host" --rules "$tmp/rules.ct" --in "$in0" \
	--out "$tmp/out"
# bpf's Linux-only loads (here SKF_AD_PROTOCOL) are refused, not guessed
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m bpf --bytecode "2,40 0 0 4294963200,6 0 0 1"\nCOMMIT\n' > "$tmp/rules.bpf"
expect_error "bpf ancillary" "\-m bpf: instruction 0 loads at a negative offset" \
	run --host "$sc/host" --rules "$tmp/rules.bpf" --in "$in0" \
	--out "$tmp/out"

# ---- bad pcaps: file and packet named
printf 'not a pcap file at all' > "$tmp/junk.pcap"
expect_error "not a pcap" "$tmp/junk.pcap: " run --host "$sc/host" \
	--rules "$sc/rules" --in "eth0=$tmp/junk.pcap" --out "$tmp/out"
size=$(wc -c < "$sc/in-eth0.pcap")
head -c $((size - 10)) "$sc/in-eth0.pcap" > "$tmp/trunc.pcap"
expect_error "truncated pcap" "$tmp/trunc.pcap: packet [0-9]*:" run \
	--host "$sc/host" --rules "$sc/rules" --in "eth0=$tmp/trunc.pcap" \
	--out "$tmp/out"

# ---- determinism: two runs, identical files
run_ok "run 1" run --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--in "$in1" --out "$tmp/a"
run_ok "run 2" run --host "$sc/host" --rules "$sc/rules" --in "$in1" \
	--in "$in0" --out "$tmp/b"
if diff -r "$tmp/a" "$tmp/b" > "$tmp/diff"; then ok; else
	bad "two runs differ:"; sed 's/^/    /' "$tmp/diff"; fi
for f in counters conntrack log eth0.pcap eth1.pcap; do
	if [ -f "$tmp/a/$f" ]; then ok; else bad "run did not write $f"; fi
done

# ---- a failed run leaves the earlier results alone
cp -r "$tmp/a" "$tmp/keep"
rm -rf "$tmp/out"
mv "$tmp/a" "$tmp/out"
"$u" run --host "$sc/host" --rules "$sc/rules" --in "eth0=$tmp/trunc.pcap" \
	--out "$tmp/out" 2> /dev/null
if diff -r "$tmp/keep" "$tmp/out" > "$tmp/diff"; then ok; else
	bad "a failed run changed DIR:"; sed 's/^/    /' "$tmp/diff"; fi

# ---- shell-style rules: same results as the restore form
{
	echo "# the target-reject-forward rules as iptables commands"
	grep '^-' "$sc/rules" | grep -v '^-A' | sed 's/^/iptables /' || true
	grep '^:' "$sc/rules" | while read -r c p rest; do
		case $p in ACCEPT|DROP) echo "iptables -P ${c#:} $p" ;; esac
	done
	grep '^-A' "$sc/rules" | sed 's/^/iptables /'
} > "$tmp/rules.sh"
if ! grep -q '^\*' "$sc/rules" || [ "$(grep -c '^\*' "$sc/rules")" = 1 ]; then
	run_ok "shell rules" run --host "$sc/host" --rules "$tmp/rules.sh" \
		--in "$in0" --in "$in1" --out "$tmp/c"
	if diff -r "$tmp/keep" "$tmp/c" > "$tmp/diff"; then ok; else
		bad "shell-style rules differ from restore form:"
		sed 's/^/    /' "$tmp/diff"; fi
fi

# ---- --json: a summary on stdout
run_ok "json" run --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--in "$in1" --out "$tmp/d" --json
if grep -q '^{"packets_in": [0-9]*, "frames_out": {' "$tmp/stdout"; then ok
else bad "--json output:"; sed 's/^/    /' "$tmp/stdout"; fi

# ---- --classifier: the summary names it; trace shows the candidates the
# rest of a rule rejected. The FORWARD rules test ports (-p tcp --dport
# 23, ...): the linear scan offers every rule to every packet, the
# compiled classifier only those whose ports match, which then match.
run_ok "json linear" run --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--in "$in1" --out "$tmp/d" --json --classifier linear
if grep -q '"classifier": {"kind": "linear"}' "$tmp/stdout"; then ok
else bad "--json --classifier linear:"; sed 's/^/    /' "$tmp/stdout"; fi
run_ok "json compiled" run --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1" --out "$tmp/d" --json
if grep -q '"classifier": {"kind": "compiled", "build_ms": [0-9.]*, "memory_bytes": [0-9]*}' "$tmp/stdout"
then ok; else bad "--json classifier:"; sed 's/^/    /' "$tmp/stdout"; fi
expect_error "bad classifier" "--classifier fast: expected linear or compiled" \
	run --host "$sc/host" --rules "$sc/rules" --in "$in0" --out "$tmp/out" \
	--classifier fast
run_ok "trace linear" trace --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1" --classifier linear
if grep -q '^  -> filter:FORWARD:1 offered by the linear scan, rejected by its other matches$' "$tmp/stdout"
then ok; else bad "trace --classifier linear:"; sed 's/^/    /' "$tmp/stdout"; fi
run_ok "trace compiled" trace --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1"
if ! grep -q 'offered by' "$tmp/stdout"; then ok
else bad "trace (compiled) offered rules that did not match:"
	grep 'offered by' "$tmp/stdout" | sed 's/^/    /'; fi

# ---- trace: one packet, with its TRACE lines and where it went
run_ok "trace" trace --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--in "$in1" --packet 1
if grep -q '^packet 1: eth0 ' "$tmp/stdout" &&
	grep -q '^TRACE: filter:FORWARD:' "$tmp/stdout" &&
	! grep -q '^packet 2' "$tmp/stdout"; then ok
else bad "trace --packet 1:"; sed 's/^/    /' "$tmp/stdout"; fi
run_ok "trace filter" trace --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1" --filter "udp"
if grep -q '^packet' "$tmp/stdout" &&
	! grep '^packet' "$tmp/stdout" | grep -qv 'packet'; then ok
else bad "trace --filter udp:"; sed 's/^/    /' "$tmp/stdout"; fi
expect_error "bad filter" "\-\-filter no such thing" trace --host "$sc/host" \
	--rules "$sc/rules" --in "$in0" --filter "no such thing"

# ---- --settle and --seed
for v in x -1 1. .5 1.0000000001 99999999999 ""; do
	expect_error "--settle '$v'" "\-\-settle $v: expected seconds" run \
		--host "$sc/host" --rules "$sc/rules" --in "$in0" \
		--settle "$v" --out "$tmp/out"
done
for v in x -1 18446744073709551616 ""; do
	expect_error "--seed '$v'" "\-\-seed $v: expected a number" trace \
		--host "$sc/host" --rules "$sc/rules" --in "$in0" --seed "$v"
done
# the kernel's recording of path-arp-fail: 3 host unreachables on eth0 by
# the last input (3.5 s), the 4th only within 3.3 s more
af=$here/../kernel/scenarios/path-arp-fail
for settle in 0 3.3; do
	run_ok "settle $settle" run --host "$af/host" --rules "$af/rules" \
		--in "eth0=$af/in-eth0.pcap" --in "eth1=$af/in-eth1.pcap" \
		--local "$af/local.pcap" --settle "$settle" --seed 7 \
		--out "$tmp/s$settle" --json
	grep -o '"eth0": [0-9]*' "$tmp/stdout" > "$tmp/s$settle.n"
done
if [ "$(cat "$tmp/s0.n")" = '"eth0": 3' ] &&
	[ "$(cat "$tmp/s3.3.n")" = '"eth0": 4' ]; then ok
else bad "--settle: eth0 frames $(cat "$tmp/s0.n") / $(cat "$tmp/s3.3.n")"
fi
run_ok "trace settle" trace --host "$af/host" --rules "$af/rules" \
	--in "eth0=$af/in-eth0.pcap" --in "eth1=$af/in-eth1.pcap" \
	--settle 3.3 --packet 7
if grep -q '^timers at 1700000006\.' "$tmp/stdout" &&
	grep -q '(packet 7) neighbour resolution failed' "$tmp/stdout" &&
	! grep -q '(packet 1)' "$tmp/stdout"; then ok
else bad "trace --settle --packet 7:"; sed 's/^/    /' "$tmp/stdout"; fi

# ---- conntrack: --json figures, trace's NAT binding, --conntrack-load
nd=$here/../kernel/scenarios/nat-seed-dnat-snat
run_ok "json conntrack" run --host "$nd/host" --rules "$nd/rules" \
	--in "eth0=$nd/in-eth0.pcap" --out "$tmp/n" --json
# the kernel's table at the end of this scenario has one entry per line
n=$(grep -c . "$nd/kernel/conntrack")
if grep -q "\"conntrack\": {\"entries\": $n, \"max\": 262144, " "$tmp/stdout"
then ok; else bad "--json conntrack (want $n entries):"
	sed 's/^/    /' "$tmp/stdout"; fi
run_ok "trace nat" trace --host "$nd/host" --rules "$nd/rules" \
	--in "eth0=$nd/in-eth0.pcap" --packet 1
# the seed's rules: DNAT 1.1.1.1:80 to 2.2.2.2, SNAT to 1.1.1.1
if grep -q -- '-> nat PREROUTING: DNAT 1\.1\.1\.1:80 -> 2\.2\.2\.2:80$' \
	"$tmp/stdout" && grep -q -- '-> nat POSTROUTING: SNAT [0-9.]*:40000 -> 1\.1\.1\.1:40000$' \
	"$tmp/stdout" && grep -q -- '-> conntrack confirmed: NEW, tcp ' "$tmp/stdout"
then ok; else bad "trace NAT binding:"; sed 's/^/    /' "$tmp/stdout"; fi
{ head -1 "$tmp/n/conntrack"; echo "not a line"; } > "$tmp/ct-bad"
expect_error "conntrack-load bad line" "ct-bad:2: " run --host "$nd/host" \
	--rules "$nd/rules" --in "eth0=$nd/in-eth0.pcap" \
	--conntrack-load "$tmp/ct-bad" --out "$tmp/out"
expect_error "conntrack-load missing" "ct-none" run --host "$nd/host" \
	--rules "$nd/rules" --in "eth0=$nd/in-eth0.pcap" \
	--conntrack-load "$tmp/ct-none" --out "$tmp/out"
expect_error "conntrack-load without conntrack" "does not use connection tracking" \
	run --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--conntrack-load "$tmp/n/conntrack" --out "$tmp/out"
# a run without conntrack into the same DIR: no stale events stay
cp -r "$tmp/n" "$tmp/n2"
run_ok "rerun without conntrack" run --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --out "$tmp/n2"
if [ -f "$tmp/n/conntrack-events" ] && [ ! -e "$tmp/n2/conntrack-events" ] &&
	[ -f "$tmp/n2/conntrack" ] && [ ! -s "$tmp/n2/conntrack" ]; then ok
else bad "an earlier run's conntrack-events stayed: $(ls "$tmp/n2")"; fi
printf 'sysctl net.netfilter.nf_conntrack_tcp_loose=2\n' | cat "$nd/host" - > "$tmp/host-bad"
expect_error "conntrack sysctl range" "host-bad:$(($(wc -l < "$nd/host") + 1))" \
	run --host "$tmp/host-bad" --rules "$nd/rules" --in "eth0=$nd/in-eth0.pcap" \
	--out "$tmp/out"

# ---- recent: HOST module/recent lines, --recent (kernel rules: the least
# recently seen address goes when a list holds ip_list_tot)
rsc=$here/../kernel/scenarios/match-recent-anti-cc
printf 'module xt_recent ip_list_tot=1\n' | cat "$rsc/host" - > "$tmp/host-r1"
run_ok "recent ip_list_tot" run --host "$tmp/host-r1" --rules "$rsc/rules" \
	--in "eth0=$rsc/in-eth0.pcap" --out "$tmp/r1"
if [ "$(grep -c . "$tmp/r1/proc/net/xt_recent/CC")" = 1 ] &&
	grep -q '^src=192\.0\.2\.2 ' "$tmp/r1/proc/net/xt_recent/CC"; then ok
else bad "ip_list_tot=1 keeps the last source only:"
	sed 's/^/    /' "$tmp/r1/proc/net/xt_recent/CC"; fi
printf 'module xt_recent ip_list_tot=0\n' | cat "$rsc/host" - > "$tmp/host-r0"
expect_error "recent ip_list_tot=0" "refuses to load" run --host "$tmp/host-r0" \
	--rules "$rsc/rules" --in "eth0=$rsc/in-eth0.pcap" --out "$tmp/out"
printf 'recent CC clear\n' | cat "$rsc/host" - > "$tmp/host-rc"
expect_error "recent clear" 'Need "+ip", "-ip" or "/"' run --host "$tmp/host-rc" \
	--rules "$rsc/rules" --in "eth0=$rsc/in-eth0.pcap" --out "$tmp/out"
printf 'recent NOPE +192.0.2.9\n' | cat "$rsc/host" - > "$tmp/host-rn"
expect_error "recent unknown list" "host-rn:.*no rule uses the list NOPE" \
	run --host "$tmp/host-rn" --rules "$rsc/rules" \
	--in "eth0=$rsc/in-eth0.pcap" --out "$tmp/out"
printf '+192.0.2.9\nsrc=1.2.3.4 ttl: 1\n' > "$tmp/recent-bad"
expect_error "--recent bad line" "recent-bad:2: " run --host "$rsc/host" \
	--rules "$rsc/rules" --in "eth0=$rsc/in-eth0.pcap" \
	--recent "CC=$tmp/recent-bad" --out "$tmp/out"
expect_error "--recent unknown list" "no rule uses the list X" run \
	--host "$rsc/host" --rules "$rsc/rules" --in "eth0=$rsc/in-eth0.pcap" \
	--recent "X=$tmp/recent-bad" --out "$tmp/out"
# a list written out and loaded back is the same list (the stamps are
# ticks since the epoch of the captures)
run_ok "recent reload" run --host "$rsc/host" --rules "$rsc/rules" \
	--in "eth0=$rsc/in-eth0.pcap" --out "$tmp/r2"
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m recent --name CC --rcheck --hitcount 30\nCOMMIT\n' > "$tmp/rules-r"
run_ok "recent reload 2" run --host "$rsc/host" --rules "$tmp/rules-r" \
	--in "eth0=$rsc/in-eth0.pcap" --recent "CC=$tmp/r2/proc/net/xt_recent/CC" \
	--out "$tmp/r3"
if cmp -s "$tmp/r2/proc/net/xt_recent/CC" "$tmp/r3/proc/net/xt_recent/CC"
then ok; else bad "a loaded list changed:"
	diff "$tmp/r2/proc/net/xt_recent/CC" "$tmp/r3/proc/net/xt_recent/CC"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
