#!/bin/sh
# tests/clients/side.sh SIDE PROG WORK CLIENT: one side of a client test,
# run by run.py inside `unshare -m -n -p -f --mount-proc` (a private mount
# namespace, a fresh network namespace, and a PID namespace whose end
# takes every daemon the client started with it).
#   SIDE    legacy | utables (for the client scripts' messages only)
#   PROG    what runs as iptables, iptables-save and iptables-restore:
#           /usr/sbin/xtables-legacy-multi, or utables
#   WORK    an empty directory: a tmpfs is mounted on it here, so both
#           sides see the same paths (they appear in the clients' output)
#   CLIENT  tests/clients/CLIENT.sh, sourced: its client_run calls step
# PROG is put first on PATH and behind /usr/sbin/iptables* (which go
# through /etc/alternatives: a private copy with those three names
# pointing at WORK/bin is mounted over it); /run is a private tmpfs, the
# xtables lock and utables' state live in WORK. Prints the steps on
# stdout:
#   @@ step TITLE / @@ stdout / ... / @@ stderr / ... / @@ exit N /
#   @@ save / the iptables-save after it, `#` lines aside, counters 0
# or `@@ unavailable WHY` when the client cannot run here.
set -u
side=$1 prog=$2 work=$3 client=$4
here=$(cd "$(dirname "$0")" && pwd)
mount -t tmpfs tmpfs "$work" && mount -t tmpfs tmpfs /run || {
	echo "@@ unavailable no tmpfs mounts"
	exit 0
}
mkdir "$work/bin" "$work/alt"
cp -a /etc/alternatives/. "$work/alt/"
for n in iptables iptables-save iptables-restore; do
	ln -s "$prog" "$work/bin/$n"
	ln -sfn "$work/bin/$n" "$work/alt/$n"
done
mount --bind "$work/alt" /etc/alternatives
# no client loads a kernel module for the whole machine (dockerd asks
# for br_netfilter): modprobe does nothing, on both sides
printf '#!/bin/sh\nexit 0\n' > "$work/bin/modprobe"
chmod 755 "$work/bin/modprobe"
PATH=$work/bin:$PATH
export PATH
export XTABLES_LOCKFILE="$work/xtables.lock"
export UTABLES_STATE="$work/rules.db"
# the same order of sets and dicts in every Python client on both sides
export PYTHONHASHSEED=0
ip link set lo up

# step TITLE CMD...: run CMD, print what it printed, its status and the
# rule set after it
step() {
	echo "@@ step $1"
	shift
	"$@" > "$work/step.out" 2> "$work/step.err" < /dev/null
	rc=$?
	echo "@@ stdout"
	cat "$work/step.out"
	echo "@@ stderr"
	cat "$work/step.err"
	echo "@@ exit $rc"
	echo "@@ save"
	iptables-save 2>&1 | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]/[0:0]/'
}

. "$here/$client.sh"
client_run
