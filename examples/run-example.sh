#!/bin/sh
# run-example.sh [BUILD]: load the bundled gateway rule set into a scratch
# state file with utables iptables-restore, then list it as iptables would.
set -e
build=${1:-build}
here=$(dirname "$0")
UTABLES_STATE=$(mktemp -d)/rules.v4
export UTABLES_STATE
"$build/utables" iptables-restore "$here/gateway.rules"
"$build/utables" iptables -L -n -v
"$build/utables" iptables -t nat -S
