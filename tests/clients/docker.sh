# tests/clients/docker.sh: dockerd (sourced by side.sh). A daemon with its
# own data root, exec root, pid file, socket and config file in WORK (the
# vfs storage driver: no image is pulled or run), started, given user
# networks (one --internal), the networks removed, stopped. Bridge names
# (br-<id>) and network ids are random: run.py numbers them.
dockerd_pid=
dockerd_stop() {
	[ -n "$dockerd_pid" ] || return 0
	kill "$dockerd_pid" 2> /dev/null
	i=0
	while kill -0 "$dockerd_pid" 2> /dev/null && [ $i -lt 150 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
client_run() {
	command -v dockerd > /dev/null || { echo "@@ unavailable dockerd not installed"; return; }
	d=$work/docker
	mkdir "$d"
	echo '{}' > "$d/daemon.json"
	sock=unix://$d/docker.sock
	dockerd --config-file "$d/daemon.json" --data-root "$d/data" \
		--exec-root "$d/exec" --pidfile "$d/docker.pid" -H "$sock" \
		--storage-driver vfs --iptables=true --ip-masq=true \
		> "$work/dockerd.log" 2>&1 &
	dockerd_pid=$!
	i=0
	until docker -H "$sock" version > /dev/null 2>&1; do
		if ! kill -0 $dockerd_pid 2> /dev/null || [ $i -ge 300 ]; then
			echo "@@ unavailable dockerd does not start here: $(tail -n 1 "$work/dockerd.log")"
			dockerd_stop
			return
		fi
		sleep 0.1
		i=$((i + 1))
	done
	dk() { docker -H "$sock" "$@"; }
	step "started" true
	step "network create" dk network create --subnet 10.77.0.0/24 utnet1
	step "network create --internal" dk network create --internal --subnet 10.78.0.0/24 utnet2
	step "network create, a name clash" dk network create utnet1
	step "network ls" sh -c 'docker -H "$1" network ls --format "{{.Name}} {{.Driver}} {{.Internal}}" | sort' sh "$sock"
	step "network rm the internal one" dk network rm utnet2
	step "network rm" dk network rm utnet1
	step "stop" dockerd_stop
}
