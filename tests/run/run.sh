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
#  - --json (valid with hostile names), trace --packet / --filter, and the
#    clear refusal of rules the engine cannot evaluate yet (run --check lists
#    them all);
#  - trace's account of a packet (summary line, matched rules as -S
#    prints them, verdicts named, reasons for silent outcomes), trace
#    --json = run --json-packets, output frames tied to their inputs;
#  - 802.1Q VLAN devices (vlan.py: expectations from net/8021q's facts);
#  - the capture formats of --in (cooked v1/v2, pcapng, raw IP, `any`;
#    scapy writes them, cooked.py, and the outputs are the kernel's
#    recording), and a live `tcpdump -i any` capture (root only).
#  - `utables help`, and each command's --help describing every option;
#  - SYNPROXY's handshake, step by step (synproxy.py).
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

# a sysctl key Linux does not have (a typo): sysctl -w's words
printf 'link add eth0 address 02:00:00:00:01:00\nsysctl -w net.ipv4.ip_foward=1\n' > "$tmp/host.key"
expect_error "unknown sysctl key" "$tmp/host.key:2: sysctl: cannot stat /proc/sys/net/ipv4/ip_foward: No such file or directory" \
	run --host "$tmp/host.key" --rules "$sc/rules" --in "$in0" --out "$tmp/out"
printf 'link add eth0 address 02:00:00:00:01:00\nsysctl net.ipv4.conf.eth0.rp_filtr=1\n' > "$tmp/host.key2"
expect_error "unknown per-device sysctl key" "$tmp/host.key2:2: sysctl: cannot stat /proc/sys/net/ipv4/conf/eth0/rp_filtr: No such file or directory" \
	run --host "$tmp/host.key2" --rules "$sc/rules" --in "$in0" --out "$tmp/out"

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
# line numbers count every line (blank ones too); the line a command
# starts on
printf '\n# c\n\niptables -P FORWARD DROP\n\niptables -A FORWARD -p tcp \\\n\t--dport 99999 -j ACCEPT\n' > "$tmp/rules.blank"
expect_error "shell rules: blank lines counted" "$tmp/rules.blank:6: iptables v1.8.9 (legacy): invalid port/service" \
	run --host "$sc/host" --rules "$tmp/rules.blank" --in "$in0" \
	--out "$tmp/out"
# a `\` on the last line: sh still runs that command
printf 'iptables -P FORWARD DROP\niptables -A FORWARD -p tcp --dport 99999 \\\n' > "$tmp/rules.tail"
expect_error "shell rules: last line continued" "$tmp/rules.tail:2: iptables v1.8.9 (legacy): invalid port/service" \
	run --host "$sc/host" --rules "$tmp/rules.tail" --in "$in0" \
	--out "$tmp/out"
# a NUL byte would cut the file short: refused with its line
printf 'iptables -P FORWARD DROP\n\niptables -A FORWARD\000 -j DROP\n' > "$tmp/rules.nul"
expect_error "shell rules: NUL" "$tmp/rules.nul:3: a NUL byte" \
	run --host "$sc/host" --rules "$tmp/rules.nul" --in "$in0" \
	--out "$tmp/out"
printf '*filter\n-A FORWARD -j DROP\n\000COMMIT\n' > "$tmp/rules.nul2"
expect_error "restore rules: NUL" "$tmp/rules.nul2:3: a NUL byte" \
	run --host "$sc/host" --rules "$tmp/rules.nul2" --in "$in0" \
	--out "$tmp/out"
printf 'ip6tables -A INPUT -j DROP\n' > "$tmp/rules.other"
expect_error "not iptables" "only iptables commands" run --host "$sc/host" \
	--rules "$tmp/rules.other" --in "$in0" --out "$tmp/out"

# ---- rules the engine cannot evaluate yet: refused, never skipped
# (an extension still without packet evaluation: change it when it gets one)
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m ipvs --ipvs -j ACCEPT\nCOMMIT\n' > "$tmp/rules.ct"
expect_error "no eval" "\-m ipvs is not supported by the packet engine yet (table filter, chain INPUT, rule 1)" \
	run --host "$sc/host" --rules "$tmp/rules.ct" --in "$in0" \
	--out "$tmp/out"
# several: the run names the first and the count; run --check lists
# every one on stdout (exit 2), and exits 0 for rules it can evaluate
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m ipvs --ipvs -j ACCEPT\n-A INPUT -j ACCEPT\n-A INPUT -m cgroup --cgroup 1\n:X - [0:0]\n-A X -m ipvs --ipvs\nCOMMIT\n' > "$tmp/rules.ct3"
expect_error "no eval, three" "rule 1); 3 rules in all, \`utables run --check\` lists them" \
	run --host "$sc/host" --rules "$tmp/rules.ct3" --in "$in0" \
	--out "$tmp/out"
expect_error "run --check" "rules.ct3: 3 rules the packet engine cannot evaluate" \
	run --check --host "$sc/host" --rules "$tmp/rules.ct3"
printf '%s\n' "-m ipvs is not supported by the packet engine yet (table filter, chain INPUT, rule 1)" \
	"-m cgroup is not supported by the packet engine yet (table filter, chain INPUT, rule 3)" \
	"-m ipvs is not supported by the packet engine yet (table filter, chain X, rule 1)" |
	cmp -s - "$tmp/stdout" && ok || bad "run --check list: $(cat "$tmp/stdout")"
run_ok "run --check, nothing to report" run --check --host "$sc/host" \
	--rules "$sc/rules"
[ ! -s "$tmp/stdout" ] && ok || bad "run --check printed: $(cat "$tmp/stdout")"
# other refusals of the engine show in --check too
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m bpf --bytecode "2,40 0 0 4294963200,6 0 0 1"\nCOMMIT\n' > "$tmp/rules.bpf"
expect_error "run --check bpf" "\-m bpf: instruction 0 loads at a negative offset" \
	run --check --host "$sc/host" --rules "$tmp/rules.bpf"

# ---- help: every command's --help exits 0 and describes each option
for cmd in run trace host; do
	if "$u" $cmd --help > "$tmp/help" 2> "$tmp/stderr" && [ ! -s "$tmp/stderr" ] &&
	   "$u" help $cmd | cmp -s - "$tmp/help"; then ok
	else bad "$cmd --help: exit status or text differs from utables help $cmd"; fi
done
"$u" run --help > "$tmp/help.run"
"$u" trace --help > "$tmp/help.trace"
for opt in --host --rules --in --local --settle --seed --conntrack-load \
	--recent --out --json --check; do
	grep -q -- "^  $opt " "$tmp/help.run" && ok || bad "run --help does not describe $opt"
done
for opt in --packet --filter; do
	grep -q -- "^  $opt " "$tmp/help.trace" && ok || bad "trace --help does not describe $opt"
done
"$u" help > "$tmp/help.all" && ok || bad "utables help: exit status $?"
for cmd in iptables iptables-save iptables-restore run trace host help; do
	grep -q "^  $cmd " "$tmp/help.all" && ok || bad "utables help does not list $cmd"
done
"$u" help nosuch 2> /dev/null
[ $? = 2 ] && ok || bad "utables help nosuch: not exit 2"
"$u" help run trace > /dev/null 2>&1
[ $? = 2 ] && ok || bad "utables help with two commands: not exit 2"
# iptables-save/-restore -h stay iptables' usage line; utables help
# describes each of their options
"$u" help iptables-save > "$tmp/help.save"
for opt in --counters --table --modprobe --dump --file --binary --version --help; do
	grep -q -- ", $opt" "$tmp/help.save" && ok || bad "help iptables-save does not describe $opt"
done
"$u" help iptables-restore > "$tmp/help.restore"
for opt in --counters --noflush --test --verbose --table --wait --wait-interval \
	--modprobe --binary --version --help; do
	grep -q -- ", $opt" "$tmp/help.restore" && ok || bad "help iptables-restore does not describe $opt"
done
"$u" help iptables | head -1 | grep -q '^iptables v1.8.9' && ok || bad "help iptables is not iptables -h"

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

# ---- DIR's other files: a run replaces only what it writes (and what
# the run before wrote: DIR/.utables-results), never an input or a user's
# file; a publish that cannot complete changes nothing
rm -rf "$tmp/o"
mkdir "$tmp/o"
cp "$sc/in-eth0.pcap" "$tmp/o/input.pcap"
echo mine > "$tmp/o/notes"
run_ok "run into a DIR with an input" run --host "$sc/host" \
	--rules "$sc/rules" --in "eth0=$tmp/o/input.pcap" --in "$in1" \
	--out "$tmp/o"
if cmp -s "$sc/in-eth0.pcap" "$tmp/o/input.pcap" && [ -f "$tmp/o/notes" ] &&
	[ -f "$tmp/o/log" ]; then ok
else bad "a run removed files it did not write: $(ls "$tmp/o")"; fi
# the next run, eth1 silent: the earlier eth1.pcap goes, the input stays
run_ok "rerun" run --host "$sc/host" --rules "$sc/rules" \
	--in "eth0=$tmp/o/input.pcap" --out "$tmp/o"
if [ -f "$tmp/o/input.pcap" ] && [ -f "$tmp/o/notes" ] &&
	{ [ -e "$tmp/keep/eth1.pcap" ] && ! cmp -s "$tmp/keep/eth1.pcap" "$tmp/o/eth1.pcap"; }
then ok; else bad "rerun: stale or missing files: $(ls "$tmp/o")"; fi
rm -rf "$tmp/p"
mkdir -p "$tmp/p/log"
echo mine > "$tmp/p/log/keep"
cp "$tmp/keep/eth0.pcap" "$tmp/p/eth0.pcap"
cp -r "$tmp/p" "$tmp/pkeep"
"$u" run --host "$sc/host" --rules "$sc/rules" --in "$in0" --in "$in1" \
	--out "$tmp/p" > /dev/null 2> "$tmp/stderr"
rc=$?
if [ $rc = 2 ] && grep -q "$tmp/p/log: Is a directory" "$tmp/stderr" &&
	diff -r "$tmp/pkeep" "$tmp/p" > "$tmp/diff"; then ok
else bad "a publish that cannot complete (DIR/log a folder): exit $rc:"
	sed 's/^/    /' "$tmp/stderr" "$tmp/diff"; fi

# ---- SIGTERM / SIGINT during a run: the scratch folder goes, DIR keeps
# its earlier results, the signal ends utables
python3 - "$sc/in-eth0.pcap" "$tmp/big.pcap" 300000 <<'PY'
import struct, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
b = open(src, 'rb').read()
sec, usec, incl, orig = struct.unpack('<IIII', b[24:40])
rec = b[40:40 + incl]
with open(dst, 'wb') as f:
    f.write(b[:24])
    for i in range(n):
        f.write(struct.pack('<IIII', sec + i // 1000, (i % 1000) * 1000,
                            incl, orig) + rec)
PY
# (python starts it: a background job of sh would ignore SIGINT)
for sig in TERM INT; do
	rm -rf "$tmp/g"
	cp -r "$tmp/keep" "$tmp/g"
	rc=$(python3 - "$sig" "$tmp/g" "$tmp/stderr" "$u" run --host "$sc/host" \
		--rules "$sc/rules" --in "eth0=$tmp/big.pcap" --out "$tmp/g" <<'PY'
import glob, signal, subprocess, sys, time
sig, out, errf, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
dfl = lambda: [signal.signal(s, signal.SIG_DFL)
               for s in (signal.SIGINT, signal.SIGTERM)]
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                     stderr=open(errf, 'w'), preexec_fn=dfl)
for _ in range(200):
    if glob.glob(out + '/.utables-run.*'):
        break
    time.sleep(0.02)
p.send_signal(getattr(signal, 'SIG' + sig))
print(p.wait())
PY
)
	left=$(ls -A "$tmp/g" | grep '^\.utables-run\.' || true)
	if [ -z "$left" ] && { [ "$sig$rc" = TERM-15 ] || [ "$sig$rc" = INT-2 ]; } &&
		diff -r "$tmp/keep" "$tmp/g" > /dev/null &&
		grep -q "interrupted" "$tmp/stderr"; then ok
	else bad "SIG$sig during run: exit $rc, left: $left $(cat "$tmp/stderr")"; fi
done

# ---- no fixed caps: 70 interfaces that send (each its capture), 1,100
# nested chains (the jump stack holds as many as the table has; the
# kernel scenario path-chains-deep shows Linux delivering)
gen=$here/../stress/gen.py
python3 "$gen" outputs "$tmp/g70" 70
run_ok "70 outputs" run --host "$tmp/g70/host" --rules "$tmp/g70/rules" \
	--in "eth0=$tmp/g70/in-eth0.pcap" --out "$tmp/o70" --json
n=$(ls "$tmp/o70" | grep -c '^eth[0-9]*\.pcap$')
if [ "$n" = 70 ] && [ "$(grep -o '"eth[0-9]*": 1' "$tmp/stdout" | wc -l)" = 70 ]
then ok; else bad "70 outputs: $n captures: $(cat "$tmp/stdout")"; fi
python3 "$gen" chains "$tmp/c1100" 1100
run_ok "1100 nested chains" run --host "$tmp/c1100/host" \
	--rules "$tmp/c1100/rules" --in "eth0=$tmp/c1100/in-eth0.pcap" \
	--out "$tmp/oc" --json
if grep -q '"local": 1,' "$tmp/stdout"; then ok
else bad "1100 nested chains: $(cat "$tmp/stdout")"; fi

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

# ---- --rules - (standard input) and --state (the iptables commands'
# state, no save step): same results as the file
run_ok "rules from stdin" run --host "$sc/host" --rules - --in "$in0" \
	--in "$in1" --out "$tmp/e" < "$sc/rules"
if diff -r "$tmp/keep" "$tmp/e" > "$tmp/diff"; then ok; else
	bad "--rules - differs from the file:"; sed 's/^/    /' "$tmp/diff"; fi
UTABLES_STATE=$tmp/state.db "$u" iptables-restore < "$sc/rules" ||
	bad "restore into the state for --state"
UTABLES_STATE=$tmp/state.db run_ok "rules from the state" run \
	--host "$sc/host" --state --in "$in0" --in "$in1" --out "$tmp/f"
if diff -r "$tmp/keep" "$tmp/f" > "$tmp/diff"; then ok; else
	bad "--state differs from the file:"; sed 's/^/    /' "$tmp/diff"; fi
expect_error "--rules and --state" "\-\-rules and \-\-state: give one" run \
	--host "$sc/host" --rules "$sc/rules" --state --in "$in0" \
	--out "$tmp/out"
mkfifo "$tmp/fifo"
UTABLES_STATE=$tmp/fifo expect_error "--state on a FIFO" \
	"state file $tmp/fifo is not a regular file" trace --host "$sc/host" \
	--state --in "$in0"

# ---- --json: a summary on stdout
run_ok "json" run --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--in "$in1" --out "$tmp/d" --json
if grep -q '^{"packets_in": [0-9]*, "frames_out": {' "$tmp/stdout"; then ok
else bad "--json output:"; sed 's/^/    /' "$tmp/stdout"; fi

# hostile interface names (a quote, a backslash, a control character,
# UTF-8) give valid JSON with the names as they are
sed -e 's/eth0/we"ird/g' -e 's/eth1/e\\x\x01\xc3\xa9/g' "$sc/host" > "$tmp/host.names"
sed -e 's/eth0/we"ird/g' -e 's/eth1/e\\x\x01\xc3\xa9/g' "$sc/rules" > "$tmp/rules.names"
run_ok "json names" run --host "$tmp/host.names" --rules "$tmp/rules.names" \
	--in "we\"ird=$sc/in-eth0.pcap" --out "$tmp/names" --json
if /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d["frames_out"]) == {"we\"ird", "e\\x\x01\u00e9"}, d
' "$tmp/stdout"; then ok; else bad "--json with hostile names:"
	sed 's/^/    /' "$tmp/stdout"; fi
run_ok "trace --json names" trace --host "$tmp/host.names" \
	--rules "$tmp/rules.names" --in "we\"ird=$sc/in-eth0.pcap" --json
if /usr/bin/python3 -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines and all(d["in"] == "we\"ird" for d in lines), lines
assert any(o["iface"] == "e\\x\x01\u00e9" for d in lines
           for o in d["outputs"]), lines
' "$tmp/stdout"; then ok; else bad "trace --json with hostile names:"
	sed 's/^/    /' "$tmp/stdout"; fi

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

# ---- trace's account of a packet (the capture is gen.py's: packet 1 a
# SYN 192.0.2.2:42000 -> 203.0.113.10:23 on eth0 at 1700000000.0, 54 bytes;
# packet 4 an RST to port 23; packet 5 a SYN to port 80)
run_ok "trace account" trace --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1"
cp "$tmp/stdout" "$tmp/trace.txt"
# expect_line NAME LINE: trace.txt holds LINE exactly
expect_line() {
	if grep -qxF -- "$2" "$tmp/trace.txt"; then ok; else
		bad "$1: no line '$2' in:"; sed 's/^/    /' "$tmp/trace.txt"; fi
}
expect_line "summary line" "packet 1: eth0 -> nowhere at 1700000000.000000000, 54 bytes: TCP 192.0.2.2:42000 > 203.0.113.10:23 [SYN]"
expect_line "summary forwarded" "packet 5: eth0 -> eth1 at 1700000000.040000000, 54 bytes: TCP 192.0.2.2:42004 > 203.0.113.10:80 [SYN]"
# the rule as iptables -S prints it: the line of the restore file
rule1=$(grep -- '--dport 23 -j REJECT' "$sc/rules")
expect_line "matched rule" "  FORWARD filter/FORWARD rule 1: $rule1"
expect_line "verdict by rule" "  verdict: REJECT --reject-with tcp-reset by rule 1 of filter/FORWARD"
expect_line "verdict by policy" "  verdict: ACCEPT by policy of filter/FORWARD"
expect_line "REJECT silent" "  -> REJECT --reject-with tcp-reset sent nothing: the packet is an RST itself"
expect_line "answer's frame" "  -> the host's answer: sent on eth0 (frame 1 of eth0.pcap)"
expect_line "hook table verdict" "  the host's answer: OUTPUT filter: ACCEPT by policy of filter/OUTPUT"
# a DROP policy; frames for eth0's MAC arriving on eth1: dropped before
# netfilter; no default route: no route
sed 's/^:FORWARD ACCEPT/:FORWARD DROP/' "$sc/rules" > "$tmp/rules.drop"
run_ok "trace drop policy" trace --host "$sc/host" --rules "$tmp/rules.drop" \
	--in "$in0" --packet 4
cp "$tmp/stdout" "$tmp/trace.txt"
expect_line "DROP by policy" "  verdict: DROP by policy of filter/FORWARD"
run_ok "trace otherhost" trace --host "$sc/host" --rules "$sc/rules" \
	--in "eth1=$sc/in-eth0.pcap" --packet 1
cp "$tmp/stdout" "$tmp/trace.txt"
expect_line "before netfilter" "  verdict: dropped (l2-otherhost): before netfilter: the destination MAC is not the interface's (PACKET_OTHERHOST)"
grep -v '^route add default' "$sc/host" > "$tmp/host.noroute"
run_ok "trace no route" trace --host "$tmp/host.noroute" --rules "$sc/rules" \
	--in "$in0" --packet 4
cp "$tmp/stdout" "$tmp/trace.txt"
expect_line "no route" "  verdict: dropped (no-route): routing: no route to the destination"
# an ICMP error is never answered with one (icmp_send): REJECT sends
# nothing and says why
/usr/bin/python3 - "$tmp/icmperr.pcap" <<'PY'
import sys
from scapy.all import Ether, IP, ICMP, UDP, wrpcap
f = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:01:00") / \
    IP(src="192.0.2.2", dst="203.0.113.10") / ICMP(type=3, code=3) / \
    IP(src="203.0.113.10", dst="192.0.2.2") / UDP(sport=53, dport=4000)
f.time = 1700000000
wrpcap(sys.argv[1], [f])
PY
printf '*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p icmp -j REJECT\nCOMMIT\n' > "$tmp/rules.icmp"
run_ok "trace icmp error" trace --host "$sc/host" --rules "$tmp/rules.icmp" \
	--in "eth0=$tmp/icmperr.pcap"
cp "$tmp/stdout" "$tmp/trace.txt"
expect_line "no ICMP about ICMP" "  -> no ICMP type 3 code 3 sent: it is an ICMP error itself"
expect_line "its verdict" "  verdict: REJECT --reject-with icmp-port-unreachable by rule 1 of filter/FORWARD"
# --packet: past the end, or a number too large for any capture
expect_error "--packet past the end" "\-\-packet 12: no such packet (the inputs hold 11)" \
	trace --host "$sc/host" --rules "$sc/rules" --in "$in0" --in "$in1" \
	--packet 12
expect_error "--packet huge" "\-\-packet 99999999999999999999999: no such packet" \
	trace --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--packet 99999999999999999999999
for v in 0 -1 +3 x; do
	expect_error "--packet $v" "\-\-packet $v: expected a packet number" \
		trace --host "$sc/host" --rules "$sc/rules" --in "$in0" \
		--packet "$v"
done

# ---- trace --json and run --json-packets: the same JSON lines; each
# output names its pcap and frame, which is the frame the run wrote
run_ok "trace --json" trace --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1" --json
cp "$tmp/stdout" "$tmp/trace.json"
run_ok "run --json-packets" run --host "$sc/host" --rules "$sc/rules" \
	--in "$in0" --in "$in1" --out "$tmp/jp" --json-packets "$tmp/jp.json"
if cmp -s "$tmp/trace.json" "$tmp/jp.json"; then ok; else
	bad "trace --json and run --json-packets differ:"
	diff "$tmp/trace.json" "$tmp/jp.json" | head -20; fi
if [ ! -e "$tmp/jp.json.partial" ]; then ok; else bad "jp.json.partial left"; fi
if /usr/bin/python3 - "$tmp/jp.json" "$tmp/jp" "$rule1" <<'PY'
import json, sys
from scapy.all import rdpcap, TCP, IP
lines = [json.loads(l) for l in open(sys.argv[1])]
byno = {d["packet"]: d for d in lines if "packet" in d}
assert sorted(byno) == list(range(1, 12)), sorted(byno)
p1 = byno[1]
assert p1["in"] == "eth0" and p1["length"] == 54, p1
assert p1["time"] == "1700000000.000000000", p1
assert p1["verdict"] == ("REJECT --reject-with tcp-reset by rule 1 of "
                         "filter/FORWARD"), p1
assert {"hook": "FORWARD", "table": "filter", "chain": "FORWARD",
        "rule": 1, "text": sys.argv[3]} in p1["path"], p1["path"]
# the RST it caused: its frame in the run's eth0.pcap answers port 42000
(o,) = p1["outputs"]
assert o["pcap"] == "eth0.pcap" and o["answer"] is True, o
f = rdpcap(sys.argv[2] + "/" + o["pcap"])[o["frame"] - 1]
assert f[TCP].flags.R and f[TCP].dport == 42000 and f[IP].dst == "192.0.2.2", f
# a forwarded packet: its own frame on eth1
p5 = byno[5]
(o,) = p5["outputs"]
f = rdpcap(sys.argv[2] + "/" + o["pcap"])[o["frame"] - 1]
assert o["answer"] is False and f[TCP].sport == 42004, (o, f)
assert any(d.get("why") for d in byno[4]["path"]) or any(
    "sent nothing" in d.get("step", "") for d in byno[4]["path"]), byno[4]
PY
then ok; else bad "--json-packets content"; fi
expect_error "--json-packets unwritable" "$tmp/nodir/x.json.partial: No such file" \
	run --host "$sc/host" --rules "$sc/rules" --in "$in0" \
	--out "$tmp/out" --json-packets "$tmp/nodir/x.json"

# ---- 802.1Q VLAN devices: tagged frames in and out, with expectations
# written from net/8021q's facts (the test kernel has no 8021q: vlan.py)
mkdir "$tmp/vlan"
if /usr/bin/python3 "$here/vlan.py" "$u" "$tmp/vlan" > "$tmp/diff" 2>&1
then ok
else bad "vlan.py:"; sed 's/^/    /' "$tmp/diff"; fi
run_ok "trace vlan" trace --host "$tmp/vlan/host" --rules "$tmp/vlan/rules" \
	--in "eth0=$tmp/vlan/in0.pcap" --packet 1
if grep -q '^  -> out of eth1.10: tagged VLAN 10 on eth1$' "$tmp/stdout"; then ok
else bad "trace vlan: no tagging step:"; sed 's/^/    /' "$tmp/stdout"; fi

# ---- capture formats of --in: the scenario's frames as Linux cooked v1
# and v2 (pcap and pcapng, `any` split by interface index) and raw IP,
# written by scapy; the run's outputs are the kernel's recording, and the
# records of no received frame (outgoing, lo) are skipped
mkdir "$tmp/cooked"
if /usr/bin/python3 "$here/cooked.py" make "$sc" "$tmp/cooked"; then ok
else bad "cooked.py make"; fi
cooked_case() {
	name=$1
	shift
	rm -rf "$tmp/co"
	run_ok "$name" run --host "$sc/host" --rules "$sc/rules" "$@" \
		--out "$tmp/co" --json
	if grep -q '^{"packets_in": 11, ' "$tmp/stdout"; then ok
	else bad "$name: packets_in:"; sed 's/^/    /' "$tmp/stdout"; fi
	if /usr/bin/python3 "$here/cooked.py" compare "$sc" "$tmp/co" \
		> "$tmp/diff" 2>&1; then ok
	else bad "$name: not the kernel's outputs:"; sed 's/^/    /' "$tmp/diff"; fi
}
cooked_case "cooked v1" --in "eth0=$tmp/cooked/sll-eth0.pcap" \
	--in "eth1=$tmp/cooked/sll-eth1.pcap"
cooked_case "raw IP" --in "eth0=$tmp/cooked/raw-eth0.pcap" \
	--in "eth1=$tmp/cooked/raw-eth1.pcap"
cooked_case "cooked v2 any" --in "any=$tmp/cooked/any.pcap"
cooked_case "cooked v2 any pcapng" --in "any=$tmp/cooked/any.pcapng"
run_ok "trace any" trace --host "$sc/host" --rules "$sc/rules" \
	--in "any=$tmp/cooked/any.pcap" --packet 3
if grep -q '^packet 3: eth1 -> nowhere at 1700000000.020000000, 56 bytes: TCP 203.0.113.20:42002 > 192.0.2.2:23 \[FIN\]$' "$tmp/stdout"
then ok; else bad "trace any:"; sed 's/^/    /' "$tmp/stdout"; fi
expect_error "any needs cooked v2" "\-\-in any=$tmp/cooked/sll-eth0.pcap: link type 113 (Linux cooked v1): only Linux cooked v2" \
	run --host "$sc/host" --rules "$sc/rules" \
	--in "any=$tmp/cooked/sll-eth0.pcap" --out "$tmp/out"
grep -v '^link add eth1\|eth1' "$sc/host" > "$tmp/host.one"
expect_error "any unknown ifindex" "$tmp/cooked/any.pcap: packet [0-9]*: interface index 3 is no link of the host" \
	run --host "$tmp/host.one" --rules "$sc/rules" \
	--in "any=$tmp/cooked/any.pcap" --out "$tmp/out"

# a real `tcpdump -i any` capture (Linux cooked v2) in a network namespace
# of ours, the scenario's eth0 frames replayed into it: the run gives what
# the original Ethernet capture gives (root, ip, tcpdump, tcpreplay; else
# skipped). The HOST names the link by the index it had there.
skip=0
skip_lines=
live_any() {
	ns=utrun-any-$$
	peer=utra$$
	ip netns add "$ns" || return 2
	trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$tmp"' EXIT
	ip link add "$peer" type veth peer name eth0 netns "$ns" &&
	sysctl -qw "net.ipv6.conf.$peer.disable_ipv6=1" &&
	ip link set "$peer" up &&
	ip -n "$ns" link set eth0 address 02:00:00:00:01:00 &&
	ip -n "$ns" link set eth0 up || return 2
	ip netns exec "$ns" tcpdump -i any -U -w "$tmp/live-any.pcap" \
		2> "$tmp/tcpdump.err" &
	td=$!
	sleep 1.5
	tcpreplay -q -i "$peer" "$sc/in-eth0.pcap" > /dev/null 2>&1
	sleep 1
	kill "$td"
	wait "$td"
	idx=$(ip -n "$ns" -o link show eth0 | cut -d: -f1)
	ip netns del "$ns"
	sed "s/^link add eth0 address 02:00:00:00:01:00\$/& index $idx/" \
		"$sc/host" | grep -v eth1 > "$tmp/host.live"
	printf 'route add default via 192.0.2.254 dev eth0\nneigh add 192.0.2.254 lladdr 02:00:00:00:00:fe dev eth0\nsysctl net.ipv4.conf.all.send_redirects=0\nsysctl net.ipv4.conf.eth0.send_redirects=0\n' >> "$tmp/host.live"
	return 0
}
if [ "$(id -u)" = 0 ] && command -v tcpdump > /dev/null &&
	command -v tcpreplay > /dev/null && live_any; then
	run_ok "live any" run --host "$tmp/host.live" --rules "$sc/rules" \
		--in "any=$tmp/live-any.pcap" --out "$tmp/la"
	run_ok "live eth0" run --host "$tmp/host.live" --rules "$sc/rules" \
		--in "$in0" --out "$tmp/le"
	for f in counters log; do
		if cmp -s "$tmp/la/$f" "$tmp/le/$f"; then ok
		else bad "live any: $f differs"; diff "$tmp/la/$f" "$tmp/le/$f"; fi
	done
	# the frames, without their times (the replay's are its own)
	if [ "$(tcpdump -tenr "$tmp/la/eth0.pcap" 2>/dev/null)" = \
		"$(tcpdump -tenr "$tmp/le/eth0.pcap" 2>/dev/null)" ] &&
		[ -s "$tmp/la/eth0.pcap" ]; then ok
	else bad "live any: eth0.pcap differs"; fi
else
	skip=$((skip + 1))
	skip_lines="skipped: 1 live tcpdump -i any capture (needs root, tcpdump, tcpreplay, network namespaces)"
fi

# ---- host export in a namespace (root): link state, neighbour states,
# route proto and scope are exported; what is left out (IPv6, a bridge's
# ports) is said on stderr, never dropped silently; the export reads back
# with the routes the kernel shows
export_ns() {
	ns=ut-export-$$
	ip netns add "$ns" 2>/dev/null || return 1
	{
		ip -n "$ns" link add eth0 type veth peer name p0 &&
		ip -n "$ns" link add eth1 type veth peer name p1 &&
		ip -n "$ns" link set eth0 up && ip -n "$ns" link set eth1 up &&
		ip -n "$ns" link set p0 up &&
		ip -n "$ns" link set lo up &&
		ip -n "$ns" addr add 10.0.0.1/24 dev eth0 &&
		ip -n "$ns" addr add 10.1.0.1/24 dev eth1 &&
		ip -n "$ns" -6 addr add 2001:db8::1/64 dev eth0 nodad &&
		ip -n "$ns" route add 10.9.0.0/16 via 10.1.0.2 &&
		ip -n "$ns" route add 10.6.0.0/16 dev eth0 proto static scope host &&
		ip -n "$ns" neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0 nud reachable &&
		ip -n "$ns" neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev eth0 nud stale &&
		ip -n "$ns" link set eth1 down &&
		{ ip -n "$ns" link add br0 type bridge 2>/dev/null ||
			touch "$tmp/no-bridge"; } &&
		ip netns exec "$ns" "$u" host export > "$tmp/export" 2> "$tmp/export.err" &&
		ip -n "$ns" -4 route show table all > "$tmp/export.routes"
	}
	rc=$?
	ip netns del "$ns"
	return $rc
}
if [ "$(id -u)" = 0 ] && export_ns; then
	for want in "link set eth1 down" \
		"neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0 nud reachable" \
		"neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev eth0 nud stale" \
		"route add 10.6.0.0/16 dev eth0 proto 4 scope 254"; do
		if grep -qx -- "$want" "$tmp/export"; then ok
		else bad "host export: no line '$want'"; fi
	done
	if grep -qx "utables host export: warning: left out (IPv6: the engine is IPv4): 1 addresses, 0 routes" "$tmp/export.err"
	then ok
	else bad "host export: no IPv6 warning:"; sed 's/^/    /' "$tmp/export.err"; fi
	if [ -e "$tmp/no-bridge" ] || grep -qx "utables host export: warning: br0 is a bridge: forwarding between its ports is not modelled (a plain link here)" "$tmp/export.err"
	then ok
	else bad "host export: no bridge warning:"; sed 's/^/    /' "$tmp/export.err"; fi
	run_ok "host show export" host show "$tmp/export" routes
	if cmp -s "$tmp/stdout" "$tmp/export.routes"; then ok
	else bad "host export: routes read back differ"
		diff "$tmp/export.routes" "$tmp/stdout"; fi
else
	skip=$((skip + 1))
	skip_lines="${skip_lines:+$skip_lines
}skipped: 1 host export in a namespace (needs root, network namespaces)"
fi

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
	grep -q '(packet 7) -> neighbour resolution failed' "$tmp/stdout" &&
	! grep -q '(packet 1)' "$tmp/stdout"; then ok
else bad "trace --settle --packet 7:"; sed 's/^/    /' "$tmp/stdout"; fi

# timers in JSON: the same lines from run and trace; the host unreachable
# of packet 7's failed resolution is tied to it
run_ok "trace --json settle" trace --host "$af/host" --rules "$af/rules" \
	--in "eth0=$af/in-eth0.pcap" --in "eth1=$af/in-eth1.pcap" \
	--settle 3.3 --seed 7 --json
cp "$tmp/stdout" "$tmp/af-trace.json"
run_ok "run --json-packets settle" run --host "$af/host" --rules "$af/rules" \
	--in "eth0=$af/in-eth0.pcap" --in "eth1=$af/in-eth1.pcap" \
	--settle 3.3 --seed 7 --out "$tmp/af" --json-packets "$tmp/af.json"
if cmp -s "$tmp/af-trace.json" "$tmp/af.json"; then ok; else
	bad "timers: trace --json and run --json-packets differ:"
	diff "$tmp/af-trace.json" "$tmp/af.json" | head -20; fi
# --json-packets changes nothing of the run's results
run_ok "run settle" run --host "$af/host" --rules "$af/rules" \
	--in "eth0=$af/in-eth0.pcap" --in "eth1=$af/in-eth1.pcap" \
	--settle 3.3 --seed 7 --out "$tmp/af0"
if diff -r "$tmp/af0" "$tmp/af" > "$tmp/diff"; then ok; else
	bad "--json-packets changed the results:"; sed 's/^/    /' "$tmp/diff"; fi
if /usr/bin/python3 - "$tmp/af.json" "$tmp/af" <<'PY'
import json, sys
from scapy.all import rdpcap, ICMP, IP
lines = [json.loads(l) for l in open(sys.argv[1])]
timers = [d for d in lines if "timers" in d]
steps = [e for d in timers for e in d["path"]
         if e.get("step", "").startswith("neighbour resolution failed")]
assert any(e["packet"] == 7 for e in steps), steps
outs = [o for d in timers for o in d["outputs"]
        if o["packet"] == 7 and o["pcap"] == "eth0.pcap"]
assert len(outs) == 1, outs
f = rdpcap(sys.argv[2] + "/eth0.pcap")[outs[0]["frame"] - 1]
assert f[ICMP].type == 3 and f[ICMP].code == 1, f.summary()
PY
then ok; else bad "timers in --json-packets"; fi

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

# ---- IDLETIMER: one timer per label, started when the rules load (the
# first packet), restarted by each packet through the target; expiries
# are side effects, the sysfs files hold the seconds left. The expected
# numbers are the kernel's, measured on Linux 6.18: three such rules
# loaded in a namespace, read 1.5 s later, show 8, 18 and 0.
isc=$here/../kernel/scenarios/target-idletimer-audit
cat > "$tmp/rules-idle" <<'RULES'
*mangle
:FORWARD ACCEPT [0:0]
-A FORWARD -o eth1 -j IDLETIMER --timeout 10 --label up
-A FORWARD -o eth1 -j IDLETIMER --timeout 20 --label al --alarm
-A FORWARD -p icmp -j IDLETIMER --timeout 1 --label never
COMMIT
RULES
# idle_expect SETTLE UP AL NEVER EXPIRED...: the files after the last
# packet + SETTLE, and the labels whose expiry --json lists
idle_expect() {
	settle=$1 want="$2 $3 $4"
	shift 4
	rm -rf "$tmp/idle"
	"$u" run --host "$isc/host" --rules "$tmp/rules-idle" \
		--in "eth0=$isc/in-eth0.pcap" --in "eth1=$isc/in-eth1.pcap" \
		--settle "$settle" --out "$tmp/idle" --json > "$tmp/stdout" \
		2> "$tmp/stderr" || { bad "idletimer $settle: exit $?"; return; }
	d=$tmp/idle/sys/class/xt_idletimer/timers
	got="$(cat "$d/up") $(cat "$d/al") $(cat "$d/never")"
	if [ "$got" = "$want" ]; then ok
	else bad "idletimer $settle: sysfs '$got', want '$want'"; fi
	for l in up al never; do
		n=0
		for x in "$@"; do [ "$x" = "$l" ] && n=1; done
		if grep -q "\"IDLETIMER $l expired\": 1" "$tmp/stdout"; then
			[ $n = 1 ] && ok || bad "idletimer $settle: $l expired"
		else
			[ $n = 0 ] && ok || bad "idletimer $settle: $l not expired"
		fi
	done
}
idle_expect 1.5 8 18 0 never
idle_expect 21 0 0 0 never up al
expect_error "idletimer timer and alarm" "label 'x' is used by a timer and an alarm" \
	run --host "$isc/host" --in "eth0=$isc/in-eth0.pcap" --out "$tmp/out" \
	--rules /dev/stdin <<'RULES'
*mangle
:FORWARD ACCEPT [0:0]
-A FORWARD -j IDLETIMER --timeout 10 --label x
-A FORWARD -j IDLETIMER --timeout 10 --label x --alarm
COMMIT
RULES

# ---- SYNPROXY: client and server played step by step against `run` and,
# as root with network namespaces (not with UT_KERNEL_LIVE=0), against the
# live kernel: the same checks (the cookie of a real kernel cannot be
# recorded: tests/kernel/README.md)
if /usr/bin/python3 "$here/synproxy.py" "$u" > "$tmp/synproxy.out" 2>&1; then ok
else bad "synproxy.py:"; sed 's/^/    /' "$tmp/synproxy.out"; fi
if [ "$(id -u)" = 0 ] && [ "${UT_KERNEL_LIVE:-1}" != 0 ] &&
	command -v iptables-legacy-restore > /dev/null &&
	command -v nft > /dev/null && command -v ethtool > /dev/null; then
	if /usr/bin/python3 "$here/synproxy.py" "$u" --kernel \
		> "$tmp/synproxy.out" 2>&1; then ok
	else bad "synproxy.py --kernel:"; sed 's/^/    /' "$tmp/synproxy.out"; fi
else
	skip=$((skip + 1))
	skip_lines="${skip_lines:+$skip_lines
}skipped: 1 SYNPROXY handshake against the live kernel (needs root, network namespaces, iptables-legacy, nft, ethtool)"
fi

if [ "$skip" = 0 ]; then
	echo "$pass passed, $fail failed"
else
	echo "$skip_lines"
	echo "$pass passed, $fail failed, $skip skipped"
fi
[ "$fail" = 0 ]
