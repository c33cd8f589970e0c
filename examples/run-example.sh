#!/bin/sh
# run-example.sh [BUILD]: the two faces of utables on bundled examples.
#  1. iptables mode: load the gateway rule set into a scratch state file
#     with utables iptables-restore, then list it as iptables would.
#  2. the packet engine: `utables run` replays a capture through a
#     two-legged host with REJECT rules (the kernel's results for the same
#     inputs are in tests/kernel/scenarios/target-reject-forward/kernel/), then
#     `utables trace` explains the first packet.
set -e
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
UTABLES_STATE=$scratch/rules.db
export UTABLES_STATE
"$build/utables" iptables-restore "$here/gateway.rules"
"$build/utables" iptables -L -n -v
"$build/utables" iptables -t nat -S

sc=$here/../tests/kernel/scenarios/target-reject-forward
echo
echo "== utables run (outputs in $scratch/out)"
"$build/utables" run --host "$sc/host" --rules "$sc/rules" \
	--in "eth0=$sc/in-eth0.pcap" --in "eth1=$sc/in-eth1.pcap" \
	--out "$scratch/out" --json
ls "$scratch/out"
echo "-- counters"
cat "$scratch/out/counters"
echo "-- log"
cat "$scratch/out/log"
echo
echo "== utables trace --packet 1"
"$build/utables" trace --host "$sc/host" --rules "$sc/rules" \
	--in "eth0=$sc/in-eth0.pcap" --in "eth1=$sc/in-eth1.pcap" --packet 1
