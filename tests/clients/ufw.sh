# tests/clients/ufw.sh: ufw (sourced by side.sh). Its configuration is a
# private copy of /etc/ufw and /etc/default/ufw, IPv4 only (IPV6=no:
# utables has no ip6tables), its sysctl file empty (the namespace's
# defaults stay, as on both sides).
client_run() {
	command -v ufw > /dev/null || { echo "@@ unavailable ufw not installed"; return; }
	mkdir "$work/ufw"
	cp -a /etc/ufw/. "$work/ufw/"
	mount --bind "$work/ufw" /etc/ufw
	: > "$work/sysctl.conf"
	sed -e 's/^IPV6=.*/IPV6=no/' \
	    -e "s|^IPT_SYSCTL=.*|IPT_SYSCTL=$work/sysctl.conf|" \
		/etc/default/ufw > "$work/default-ufw"
	mount --bind "$work/default-ufw" /etc/default/ufw
	step "enable" ufw --force enable
	step "allow 22/tcp" ufw allow 22/tcp
	step "limit ssh" ufw limit ssh
	step "deny from a network to a port" ufw deny from 192.0.2.0/24 to any port 80 proto tcp
	step "route allow" ufw route allow in on eth0 out on eth1 to 203.0.113.0/24 port 443 proto tcp
	step "status verbose" ufw status verbose
	step "delete allow 22/tcp" ufw delete allow 22/tcp
	step "disable" ufw disable
}
