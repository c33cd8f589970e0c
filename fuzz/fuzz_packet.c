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
 * frame. The engine lives across inputs, as in a long run.
 *
 * Byte 0 with bit 1 set (but 0xff) sends the frame to a second engine
 * with connection tracking (nf_conntrack_tcp_loose=0) and the stateful
 * extensions of issue 10: SYNPROXY in INPUT and FORWARD behind the
 * usual raw CT --notrack of SYNs (syncookies, the server side's hook,
 * seqadj, timestamps), cluster, connlabel, cpu, IDLETIMER, recent,
 * hashlimit and osf (no fingerprints loaded: the SYN parser still
 * runs). With bit 2 set too, a TCP segment to that engine gets the ACK
 * number a client answering SYNPROXY's SYN/ACK would send (the cookie
 * of its addresses, ports and sequence number - 1, now, + 1) and its
 * checksums fixed, so that inputs get past the cookie check to the
 * server side of the handshake. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "engine/syncookie.h"
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

/* the second engine's: conntrack and the stateful extensions */
static const char host2_extra[] =
	"sysctl net.netfilter.nf_conntrack_tcp_loose=0\n"
	"syncookie secret 000102030405060708090a0b0c0d0e0f"
	"101112131415161718191a1b1c1d1e1f\n";

static const char rules2_text[] =
	"*raw\n"
	":PREROUTING ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n"
	"-A PREROUTING -p tcp -m tcp --dport 80 --tcp-flags FIN,SYN,RST,ACK SYN -j CT --notrack\n"
	"COMMIT\n"
	"*mangle\n"
	":PREROUTING ACCEPT [0:0]\n"
	":INPUT ACCEPT [0:0]\n"
	":FORWARD ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n"
	":POSTROUTING ACCEPT [0:0]\n"
	"-A PREROUTING -m cluster --cluster-total-nodes 2 --cluster-local-node 1 --cluster-hash-seed 0xdeadbeef -j MARK --set-mark 0x10\n"
	"-A FORWARD -m cpu --cpu 0 -j IDLETIMER --timeout 2 --label fz\n"
	"-A POSTROUTING -m connlabel --label 3 --set\n"
	"COMMIT\n"
	"*filter\n"
	":INPUT ACCEPT [0:0]\n"
	":FORWARD ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n"
	"-A INPUT -p tcp -m tcp --dport 80 -m conntrack --ctstate INVALID,UNTRACKED -j SYNPROXY --sack-perm --timestamp --wscale 7 --mss 1460 --ecn\n"
	"-A INPUT -m conntrack --ctstate INVALID -j DROP\n"
	"-A INPUT -m recent --name fz --rcheck --seconds 2 --hitcount 3 -j DROP\n"
	"-A INPUT -m recent --name fz --set\n"
	"-A FORWARD -p tcp -m conntrack --ctstate INVALID,UNTRACKED -j SYNPROXY --timestamp --mss 1400\n"
	"-A FORWARD -p tcp -m conntrack --ctstate INVALID,UNTRACKED -j SYNPROXY --sack-perm --wscale 3\n"
	"-A FORWARD -m conntrack --ctstate INVALID -j DROP\n"
	"-A FORWARD -p tcp -m osf --genre Linux --ttl 2 -j LOG --log-prefix osf\n"
	"-A FORWARD -m hashlimit --hashlimit-above 5/s --hashlimit-mode srcip --hashlimit-name fz2 -j DROP\n"
	"COMMIT\n"
	;

struct fz_engine {
	struct ut_engine *engine;
	struct ut_host *host;
	struct ut_ruleset *rules;
};

static struct fz_engine plain, tracked;
static uint64_t now_ns = 1700000000ull * 1000000000ull;

static void
setup(struct fz_engine *fe, const char *extra, const char *text, size_t len)
{
	struct restore_opts o = { 0 };
	struct ut_buf out, warn;
	struct ut_err err;

	ut_buf_init(&out);
	ut_buf_init(&warn);
	ut_err_clear(&err);
	fe->host = ut_host_new();
	fe->rules = ut_ruleset_new();
	if (!fe->host || !fe->rules ||
	    ut_host_parse(fe->host, host_text, "fuzz-host", &err) < 0 ||
	    (extra && ut_host_parse(fe->host, extra, "fuzz-host2", &err) < 0) ||
	    ut_restore_text(fe->rules, text, len, &o, "iptables-restore", &out,
			    &warn, &err) < 0)
		abort();
	fe->engine = ut_engine_new(fe->rules, fe->host, NULL, &err);
	if (!fe->engine)
		abort();
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
}

/* the client's answer to SYNPROXY: ACK = cookie + 1 (MSS 1460 coded) */
static void
echo_cookie(struct ut_engine *e, uint8_t *frame, size_t len)
{
	uint8_t *ip = frame + 14, *th, syn[20];
	unsigned hl, tot;
	uint16_t mss = 1460;

	if (len < 14 + 40 || frame[12] != 0x08 || frame[13] != 0x00)
		return;
	hl = (ip[0] & 0x0fu) * 4u;
	tot = ut_get16(ip + 2);
	if ((ip[0] >> 4) != 4 || hl < 20 || ip[9] != 6 || tot < hl + 20 ||
	    14 + tot > len)
		return;
	th = ip + hl;
	memcpy(syn, th, 20);
	ut_put32(syn + 4, ut_get32(th + 4) - 1);
	ut_put32(th + 8, ut_syncookie_v4_init(e, ip, syn, &mss) + 1);
	ut_put16(ip + 10, 0);
	ut_ip_send_check(ip);
	ut_put16(th + 16, 0);
	ut_put16(th + 16, ut_l4_csum(ip, th, tot - hl, 6));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t frame[70000];

	const struct ut_iface *dev;
	struct fz_engine *fe;

	if (!plain.engine) {
		setup(&plain, NULL, rules_text, sizeof(rules_text) - 1);
		setup(&tracked, host2_extra, rules2_text,
		      sizeof(rules2_text) - 1);
	}
	if (size < 2 || size > 70000)
		return 0;
	now_ns += (uint64_t)data[1] * 1000000u;
	if (data[0] == 0xff) {
		ut_engine_local_out(plain.engine, now_ns, 1, data + 2,
				    size - 2);
		return 0;
	}
	fe = data[0] & 2 ? &tracked : &plain;
	dev = ut_host_iface(fe->host, data[0] & 1 ? "eth1" : "eth0");
	if ((data[0] & 6) == 6) {
		memcpy(frame, data + 2, size - 2);
		echo_cookie(fe->engine, frame, size - 2);
		ut_engine_rx(fe->engine, dev, now_ns, 1, frame, size - 2);
		return 0;
	}
	ut_engine_rx(fe->engine, dev, now_ns, 1, data + 2, size - 2);
	return 0;
}
