/* fuzz_packet.c: libFuzzer target for the packet path.
 *
 * One engine over a two-legged forwarding host and a rule set that uses
 * every match and target the engine evaluates (in raw, mangle, filter and
 * security, with user chains, REJECT of every kind, LOG with all flags,
 * TRACE), so arbitrary frames reach the decoder, the IP checks, options,
 * reassembly, routing, ICMP generation, the matches' header parsing and
 * the log formatter. Input: byte 0 picks where the frame enters (even:
 * eth0, odd: eth1, 0xff: a locally sent IP datagram), byte 1 advances the
 * clock in milliseconds (rate limits, fragment expiry), the rest is the
 * frame. The engine lives across inputs, as in a long run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "host/host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char host_text[] =
	"link add eth0 address 02:00:00:00:01:00\n"
	"link add eth1 address 02:00:00:00:01:01 mtu 1280\n"
	"addr add 192.0.2.1/24 dev eth0\n"
	"addr add 198.51.100.1/24 dev eth1\n"
	"route add default via 198.51.100.2 dev eth1\n"
	"route add 203.0.113.128/25 via 192.0.2.3 dev eth0\n"
	"route add unreachable 10.66.0.0/16\n"
	"route add prohibit 10.67.0.0/16\n"
	"neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0\n"
	"neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1\n"
	"sysctl net.ipv4.ip_forward=1\n"
	/* the host's stack and its sockets, for socket and TPROXY */
	"stack on\n"
	"listen tcp 22 backlog 2\n"
	"listen tcp 3129 transparent mark 7\n"
	"listen udp 192.0.2.1:53 transparent\n"
	"rule add fwmark 0x1/0x1 lookup 100\n"
	"route add local 0.0.0.0/0 dev lo table 100\n";

static const char rules_text[] =
	"*raw\n"
	":PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	"-A PREROUTING -p tcp -m tcp --dport 7 -j TRACE\n"
	"-A PREROUTING -m length --length 1000:2000 -j ACCEPT\n"
	"COMMIT\n"
	"*mangle\n"
	":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
	"-A PREROUTING -m pkttype --pkt-type broadcast -j LOG --log-prefix b\n"
	"-A PREROUTING -m addrtype --dst-type LOCAL --limit-iface-in -j LOG\n"
	"-A PREROUTING -m socket --restore-skmark -j LOG --log-prefix sk\n"
	"-A PREROUTING -p tcp -m tcp --dport 80 -j TPROXY --on-port 3129 "
	"--tproxy-mark 0x1/0x1\n"
	"-A PREROUTING -p udp -m udp --dport 53 -j TPROXY --on-port 53 "
	"--on-ip 192.0.2.1 --tproxy-mark 0x1/0x1\n"
	"-A FORWARD -m dscp --dscp 10 -j NFQUEUE --queue-bypass\n"
	"-A POSTROUTING -m owner --socket-exists -j LOG --log-uid\n"
	/* the rate and quota matches: state, shared tables, timers */
	"-A PREROUTING -m limit --limit 5/s --limit-burst 3 -j LOG "
	"--log-prefix lim\n"
	"-A PREROUTING -p udp -m hashlimit --hashlimit-above 2/s "
	"--hashlimit-mode srcip,dstport --hashlimit-name fz "
	"--hashlimit-htable-size 4 --hashlimit-htable-max 4 "
	"--hashlimit-htable-gcinterval 100 --hashlimit-htable-expire 200\n"
	"-A PREROUTING -m hashlimit --hashlimit-upto 1kb/s --hashlimit-burst "
	"2kb --hashlimit-mode dstip,dstport --hashlimit-dstmask 20 "
	"--hashlimit-name fzb -m quota --quota 5000\n"
	"-A PREROUTING -m hashlimit --hashlimit-upto 3/s --hashlimit-rate-match "
	"--hashlimit-mode srcport --hashlimit-name fzr\n"
	"-A FORWARD -m statistic --mode nth --every 3 --packet 1 -j RATEEST "
	"--rateest-name fz --rateest-interval 250ms --rateest-ewmalog 1s\n"
	"-A FORWARD -m statistic --mode random --probability 0.5 -m rateest "
	"--rateest fz --rateest-gt --rateest-pps 1\n"
	"COMMIT\n"
	"*filter\n"
	":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	":sub - [0:0]\n:deep - [0:0]\n"
	"-A INPUT -j LOG --log-level 7 --log-tcp-sequence --log-tcp-options "
	"--log-ip-options --log-uid --log-macdecode\n"
	"-A INPUT -p tcp -m tcp --tcp-flags SYN,ACK SYN --tcp-option 2 "
	"-j REJECT --reject-with tcp-reset\n"
	"-A INPUT -p udp -m udp --dport 1:100 -j REJECT\n"
	"-A INPUT -p icmp -m icmp --icmp-type echo-request -j REJECT "
	"--reject-with icmp-admin-prohibited\n"
	"-A INPUT -f -j DROP\n"
	"-A FORWARD -m mac --mac-source 02:00:00:00:00:01 -j sub\n"
	"-A FORWARD -p tcp -m multiport --dports 20:25,80 -m tcpmss "
	"--mss 1:1000 -j REJECT --reject-with icmp-host-unreachable\n"
	"-A FORWARD -m iprange --src-range 192.0.2.10-192.0.2.20 -g deep\n"
	"-A FORWARD -m ttl --ttl-lt 5 -m tos --tos 0x10/0x3f -j DROP\n"
	"-A FORWARD -m mark ! --mark 1 -m comment --comment x -j LOG\n"
	"-A sub -p udp -m udp --sport 53 -j RETURN\n"
	"-A sub -j deep\n"
	"-A deep -p 47 -j REJECT --reject-with icmp-proto-unreachable\n"
	"-A deep -p tcp -j REJECT --reject-with icmp-net-prohibited\n"
	"-A OUTPUT -j LOG --log-prefix out\n"
	"COMMIT\n"
	"*security\n"
	":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	"-A FORWARD -p icmp -j QUEUE\n"
	"COMMIT\n";

static struct ut_engine *engine;
static struct ut_host *host;
static struct ut_ruleset *rules;
static uint64_t now_ns = 1700000000ull * 1000000000ull;

static void
setup(void)
{
	struct restore_opts o = { 0 };
	struct ut_buf out, warn;
	struct ut_err err;

	ut_buf_init(&out);
	ut_buf_init(&warn);
	ut_err_clear(&err);
	host = ut_host_new();
	rules = ut_ruleset_new();
	if (!host || !rules ||
	    ut_host_parse(host, host_text, "fuzz-host", &err) < 0 ||
	    ut_restore_text(rules, rules_text, sizeof(rules_text) - 1, &o,
			    "iptables-restore", &out, &warn, &err) < 0)
		abort();
	engine = ut_engine_new(rules, host, NULL, &err);
	if (!engine)
		abort();
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ut_iface *dev;

	if (!engine)
		setup();
	if (size < 2 || size > 70000)
		return 0;
	now_ns += (uint64_t)data[1] * 1000000u;
	if (data[0] == 0xff) {
		ut_engine_local_out(engine, now_ns, 1, data + 2, size - 2);
		return 0;
	}
	dev = ut_host_iface(host, data[0] & 1 ? "eth1" : "eth0");
	ut_engine_rx(engine, dev, now_ns, 1, data + 2, size - 2);
	return 0;
}
