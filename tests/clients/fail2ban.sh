# tests/clients/fail2ban.sh: fail2ban (sourced by side.sh). A private
# configuration directory (-c): Debian's action.d and filter.d, a
# fail2ban.conf with its socket, pid file and log in WORK and no
# database, and two jails on empty log files: one with
# iptables-multiport, one with iptables-allports. Bans and unbans by
# fail2ban-client (its actions run iptables -w; the chain is made at
# the first ban, actionstart_on_demand).
client_run() {
	command -v fail2ban-client > /dev/null ||
		{ echo "@@ unavailable fail2ban not installed"; return; }
	c=$work/f2b
	mkdir "$c" "$c/filter.d"
	cp -a /etc/fail2ban/action.d "$c/"
	cat > "$c/fail2ban.conf" <<CONF
[Definition]
loglevel = INFO
logtarget = $work/f2b.log
socket = $work/f2b.sock
pidfile = $work/f2b.pid
dbfile = :memory:
dbpurgeage = 1d
syslogsocket = auto
allowipv6 = auto
CONF
	printf '[Definition]\nfailregex = ^fail from <HOST>$\n' \
		> "$c/filter.d/utables-test.conf"
	: > "$work/mp.log"
	: > "$work/ap.log"
	cat > "$c/jail.conf" <<CONF
[DEFAULT]
backend = polling
bantime = 1h
[mp]
enabled = true
filter = utables-test
logpath = $work/mp.log
action = iptables-multiport[name=mp, port="22,80", protocol=tcp]
[ap]
enabled = true
filter = utables-test
logpath = $work/ap.log
action = iptables-allports[name=ap, protocol=all]
CONF
	f2b() { fail2ban-client -c "$c" "$@"; }
	step "start" f2b start
	step "status" f2b status
	step "ban in mp" f2b set mp banip 192.0.2.10
	step "ban two in ap" f2b set ap banip 192.0.2.11 198.51.100.12
	step "ban another in mp" f2b set mp banip 203.0.113.5
	step "banned of mp" f2b get mp banned
	step "unban in mp" f2b set mp unbanip 192.0.2.10
	step "unban in ap" f2b set ap unbanip 198.51.100.12
	step "stop ap" f2b stop ap
	step "status after stopping ap" f2b status
	step "stop" f2b stop
}
