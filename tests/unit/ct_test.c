/* ct_test.c: the connection tracking core on crafted frames: UDP's
 * unreplied/replied/stream timeouts and ASSURED after 2 s, expiry on the
 * packet clock with its DESTROY event, ICMP errors RELATED, an echo reply
 * without request INVALID, the table limit and its rate-limited message,
 * reading a table back. Expected values follow the kernel's rules
 * (nf_conntrack_proto_udp.c, nf_conntrack_core.c: __nf_conntrack_alloc,
 * nf_conntrack_icmpv4_error) and the facts measured in KERNEL-TESTING.md
 * ("UDP becomes ASSURED only when traffic continues 2 s after the entry
 * was created"). */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "engine/pkt.h"
#include "host/host.h"
#include "rules/ruleset.h"
#include "utables/utables.h"
#include "unit.h"

#define SEC 1000000000ull
#define T0 (1700000000ull * SEC)

static const uint8_t fw_mac[6] = { 2, 0, 0, 0, 1, 0 };

struct env {
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct ut_engine *e;
	const struct ut_iface *eth0, *eth1;
	struct ut_buf log, steps;
};

static void
sink_log(void *ctx, const char *line, size_t len)
{
	struct env *v = ctx;

	ut_buf_write(&v->log, line, len);
	ut_buf_putc(&v->log, '\n');
}

static void
sink_step(void *ctx, const struct ut_pkt *p, const char *text)
{
	struct env *v = ctx;

	(void)p;
	ut_buf_printf(&v->steps, "%s\n", text);
}

static bool
env_init(struct env *v, const char *extra_host)
{
	struct ut_err err;
	struct ut_engine_sink sink = { .log = sink_log, .step = sink_step };
	char host[1024];

	memset(v, 0, sizeof(*v));
	ut_err_clear(&err);
	ut_buf_init(&v->log);
	ut_buf_init(&v->steps);
	sink.ctx = v;
	snprintf(host, sizeof(host),
		 "link add eth0 address 02:00:00:00:01:00\n"
		 "link add eth1 address 02:00:00:00:01:01\n"
		 "addr add 192.0.2.1/24 dev eth0\n"
		 "addr add 198.51.100.1/24 dev eth1\n"
		 "route add default via 198.51.100.2 dev eth1\n"
		 "neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0\n"
		 "neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1\n"
		 "sysctl net.ipv4.ip_forward=1\n%s", extra_host);
	v->rs = ut_ruleset_new();
	v->h = ut_host_new();
	if (!v->rs || !v->h || ut_host_parse(v->h, host, "HOST", &err) < 0 ||
	    !ut_ruleset_table_get(v->rs, UT_TABLE_NAT)) {
		CHECK(0, "setup: %s", err.msg);
		return false;
	}
	/* an empty nat table turns connection tracking on */
	v->e = ut_engine_new(v->rs, v->h, &sink, &err);
	CHECK(v->e != NULL, "engine: %s", err.msg);
	v->eth0 = ut_host_iface(v->h, "eth0");
	v->eth1 = ut_host_iface(v->h, "eth1");
	return v->e != NULL;
}

static void
env_fini(struct env *v)
{
	ut_engine_free(v->e);
	ut_ruleset_free(v->rs);
	ut_host_free(v->h);
	ut_buf_fini(&v->log);
	ut_buf_fini(&v->steps);
}

/* frame: Ethernet to the firewall, IPv4 src -> dst, proto, l4 bytes;
 * the transport checksum at csum_off of l4 is filled in (UDP, ICMP) */
static size_t
frame(uint8_t *f, const char *src, const char *dst, uint8_t proto,
      const uint8_t *l4, size_t l4len, int csum_off)
{
	uint8_t *ip = f + 14;
	uint32_t s, d;

	memcpy(f, fw_mac, 6);
	memcpy(f + 6, "\x02\x00\x00\x00\x00\x09", 6);
	f[12] = 0x08;
	f[13] = 0x00;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[2] = (uint8_t)((20 + l4len) >> 8);
	ip[3] = (uint8_t)(20 + l4len);
	ip[5] = 1;
	ip[8] = 64;
	ip[9] = proto;
	inet_pton(AF_INET, src, &s);
	inet_pton(AF_INET, dst, &d);
	memcpy(ip + 12, &s, 4);
	memcpy(ip + 16, &d, 4);
	memcpy(ip + 20, l4, l4len);
	if (csum_off >= 0) {
		uint16_t c = proto == 17 || proto == 6 ?
			     ut_l4_csum(ip, ip + 20, l4len, proto) :
			     ut_csum_fold(ut_csum_add(0, ip + 20, l4len));

		if (proto == 17 && c == 0)
			c = 0xffff;
		ut_put16(ip + 20 + csum_off, c);
	}
	ut_ip_send_check(ip);
	return 14 + 20 + l4len;
}

static size_t
udp(uint8_t *f, const char *src, const char *dst, uint16_t sp, uint16_t dp)
{
	uint8_t l4[12] = { (uint8_t)(sp >> 8), (uint8_t)sp, (uint8_t)(dp >> 8),
			   (uint8_t)dp, 0, 12, 0, 0, 'a', 'b', 'c', 'd' };

	return frame(f, src, dst, 17, l4, sizeof(l4), 6);
}

/* tcp: a segment without options or payload (window 65535) */
static size_t
tcp(uint8_t *f, const char *src, const char *dst, uint16_t sp, uint16_t dp,
    uint32_t seq, uint32_t ack, uint8_t flags)
{
	uint8_t l4[20] = { 0 };

	ut_put16(l4, sp);
	ut_put16(l4 + 2, dp);
	ut_put32(l4 + 4, seq);
	ut_put32(l4 + 8, ack);
	l4[12] = 5 << 4;
	l4[13] = flags;
	ut_put16(l4 + 14, 65535);
	return frame(f, src, dst, 6, l4, sizeof(l4), 16);
}

static void
rx(struct env *v, const struct ut_iface *dev, uint64_t t, unsigned long n,
   const uint8_t *f, size_t len)
{
	uint8_t g[1600];

	memcpy(g, f, len);
	if (dev == v->eth1)
		memcpy(g, dev->mac, 6);
	ut_engine_rx(v->e, dev, t, n, g, len);
}

struct out_ctx {
	struct ut_buf ct, events;
};

static int
grab(void *ctx, const char *path, const struct ut_buf *text,
     struct ut_err *err)
{
	struct out_ctx *o = ctx;

	(void)err;
	if (strcmp(path, "conntrack") == 0)
		ut_buf_puts(&o->ct, ut_buf_str(text));
	else if (strcmp(path, "conntrack-events") == 0)
		ut_buf_puts(&o->events, ut_buf_str(text));
	return 0;
}

static void
outputs(struct env *v, struct out_ctx *o)
{
	struct ut_err err;

	ut_buf_init(&o->ct);
	ut_buf_init(&o->events);
	ut_err_clear(&err);
	CHECK(ut_engine_outputs(v->e, grab, o, &err) == 0, "outputs");
}

static void
out_fini(struct out_ctx *o)
{
	ut_buf_fini(&o->ct);
	ut_buf_fini(&o->events);
}

static void
test_udp_stream(void)
{
	struct env v;
	struct out_ctx o;
	uint8_t f[128];
	size_t n;

	if (!env_init(&v, ""))
		return;
	n = udp(f, "192.0.2.2", "203.0.113.10", 5000, 53);
	rx(&v, v.eth0, T0, 1, f, n);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct),
		  "udp      17 30 src=192.0.2.2 dst=203.0.113.10 sport=5000 "
		  "dport=53 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 "
		  "sport=53 dport=5000 mark=0 use=1\n", "first packet");
	out_fini(&o);
	/* the reply 1 s later: replied, still udp_timeout, not assured */
	n = udp(f, "203.0.113.10", "192.0.2.2", 53, 5000);
	rx(&v, v.eth1, T0 + 1 * SEC, 2, f, n);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct),
		  "udp      17 30 src=192.0.2.2 dst=203.0.113.10 sport=5000 "
		  "dport=53 src=203.0.113.10 dst=192.0.2.2 sport=53 "
		  "dport=5000 mark=0 use=1\n", "replied");
	out_fini(&o);
	/* traffic 2.5 s after the start: a stream, assured, 120 s */
	n = udp(f, "192.0.2.2", "203.0.113.10", 5000, 53);
	rx(&v, v.eth0, T0 + 2500000000ull, 3, f, n);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct),
		  "udp      17 120 src=192.0.2.2 dst=203.0.113.10 sport=5000 "
		  "dport=53 src=203.0.113.10 dst=192.0.2.2 sport=53 "
		  "dport=5000 [ASSURED] mark=0 use=1\n", "stream");
	CHECK_STR(ut_buf_str(&o.events),
		  "1     [NEW] udp      17 30 src=192.0.2.2 dst=203.0.113.10 "
		  "sport=5000 dport=53 [UNREPLIED] src=203.0.113.10 "
		  "dst=192.0.2.2 sport=53 dport=5000\n"
		  "2  [UPDATE] udp      17 30 src=192.0.2.2 dst=203.0.113.10 "
		  "sport=5000 dport=53 src=203.0.113.10 dst=192.0.2.2 "
		  "sport=53 dport=5000\n"
		  "3  [UPDATE] udp      17 120 src=192.0.2.2 dst=203.0.113.10 "
		  "sport=5000 dport=53 src=203.0.113.10 dst=192.0.2.2 "
		  "sport=53 dport=5000 [ASSURED]\n", "events");
	out_fini(&o);
	/* 121 s later it has expired: gone, destroyed by the timer */
	ut_engine_advance(v.e, T0 + 2500000000ull + 121 * SEC);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct), "", "expired");
	CHECK(strstr(ut_buf_str(&o.events), "timer [DESTROY] udp      17 "
		     "src=192.0.2.2") != NULL, "destroy event: %s",
	      ut_buf_str(&o.events));
	out_fini(&o);
	env_fini(&v);
}

static void
test_ct_icmp(void)
{
	struct env v;
	struct out_ctx o;
	uint8_t f[256], l4[64];
	size_t n;

	if (!env_init(&v, ""))
		return;
	ut_engine_trace_all(v.e, true);
	/* an echo reply nobody asked for: INVALID, no entry */
	memcpy(l4, "\x00\x00\x00\x00\x12\x34\x00\x01", 8);
	n = frame(f, "203.0.113.10", "192.0.2.2", 1, l4, 8, 2);
	rx(&v, v.eth1, T0, 1, f, n);
	CHECK(strstr(ut_buf_str(&v.steps), "conntrack PREROUTING: INVALID"),
	      "reply without request: %s", ut_buf_str(&v.steps));
	/* a UDP flow, then a port unreachable quoting it: RELATED reply */
	n = udp(f, "192.0.2.2", "203.0.113.10", 5000, 53);
	rx(&v, v.eth0, T0 + SEC, 2, f, n);
	memset(l4, 0, sizeof(l4));
	l4[0] = 3;
	l4[1] = 3;
	memcpy(l4 + 8, f + 14 + 0, 28);  /* the quoted header and 8 bytes */
	l4[8 + 8] = 63;                  /* as forwarded: TTL 63 */
	n = frame(f, "203.0.113.10", "192.0.2.2", 1, l4, 36, 2);
	ut_buf_reset(&v.steps);
	rx(&v, v.eth1, T0 + 2 * SEC, 3, f, n);
	CHECK(strstr(ut_buf_str(&v.steps),
		     "conntrack PREROUTING: RELATED reply, udp") != NULL,
	      "error RELATED: %s", ut_buf_str(&v.steps));
	outputs(&v, &o);
	CHECK(strstr(ut_buf_str(&o.ct), "icmp") == NULL, "no icmp entry: %s",
	      ut_buf_str(&o.ct));
	out_fini(&o);
	env_fini(&v);
}

static void
test_table_full(void)
{
	struct env v;
	uint8_t f[128];
	size_t n;
	const char *p;
	int lines = 0;

	if (!env_init(&v, "sysctl net.netfilter.nf_conntrack_max=2\n"))
		return;
	/* 2 entries fit; 12 more are dropped, 10 messages in 5 s */
	for (unsigned i = 0; i < 14; i++) {
		n = udp(f, "192.0.2.2", "203.0.113.10", (uint16_t)(6000 + i),
			53);
		rx(&v, v.eth0, T0 + i * 10000000ull, i + 1, f, n);
	}
	for (p = ut_buf_str(&v.log); (p = strstr(p, "nf_conntrack: "
		"nf_conntrack: table full in netns 4026531833, dropping "
		"packet\n"));
	     p++)
		lines++;
	CHECK(lines == 10, "table full lines: %d", lines);
	CHECK(ut_engine_stats(v.e)->tx == 2, "forwarded: %lu",
	      ut_engine_stats(v.e)->tx);
	env_fini(&v);
}

static void
test_load(void)
{
	static const char table[] =
		"tcp      6 431999 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 "
		"sport=40000 dport=80 src=203.0.113.10 dst=198.51.100.1 "
		"sport=80 dport=40000 [ASSURED] mark=7 use=1\n"
		"udp      17 29 src=192.0.2.2 dst=203.0.113.10 sport=5000 "
		"dport=53 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 "
		"sport=53 dport=5000 mark=0 zone=3 use=1\n";
	struct env v;
	struct out_ctx o;
	struct ut_err err;

	if (!env_init(&v, ""))
		return;
	ut_err_clear(&err);
	CHECK(ut_engine_conntrack_load(v.e, table, "T", &err) == 0, "load: %s",
	      err.msg);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct), table, "read back");
	out_fini(&o);
	ut_err_clear(&err);
	CHECK(ut_engine_conntrack_load(v.e, "udp 17 5 src=1.2.3.4 dst=5.6.7.8 "
				       "sport=1 dport=2 src=5.6.7.8\n", "F",
				       &err) < 0, "bad line");
	CHECK_STR(err.msg, "F:1: expected src= dst= `src=5.6.7.8'",
		  "message");
	ut_err_clear(&err);
	CHECK(ut_engine_conntrack_load(v.e, table, "T", &err) < 0 &&
	      strcmp(err.msg, "T:1: connection listed twice") == 0,
	      "twice: %s", err.msg);
	env_fini(&v);
}

/* The TCP tracker's events as ctnetlink sends them: the state only in an
 * event with IPCT_PROTOINFO (nf_conntrack_tcp_packet caches it when the
 * state changes, NONE to the first state included, so every [NEW]); the
 * timeout always, but in a [DESTROY] only when not 0, which has the state
 * always (tcp_to_nlattr with destroy); nothing cached is delivered for
 * an entry killed meanwhile (nf_ct_deliver_cached_events skips the
 * dying). The shapes are those of the ct-tcp-* recordings. */
static void
test_tcp_events(void)
{
	enum { FIN = 1, SYN = 2, RST = 4, ACK = 16 };
	static const char c[] = "192.0.2.2", s[] = "203.0.113.10";
	static const char tup[] =
		"src=192.0.2.2 dst=203.0.113.10 sport=40000 dport=80";
	static const char rtup[] =
		"src=203.0.113.10 dst=192.0.2.2 sport=80 dport=40000";
	char want[2048];
	struct env v;
	struct out_ctx o;
	uint8_t f[128];
	size_t n;

	if (!env_init(&v, ""))
		return;
	/* handshake: NEW SYN_SENT, SYN_RECV on the reply, then ESTABLISHED
	 * with ASSURED: state words, the state changed each time */
	n = tcp(f, c, s, 40000, 80, 1000, 0, SYN);
	rx(&v, v.eth0, T0, 1, f, n);
	n = tcp(f, s, c, 80, 40000, 5000, 1001, SYN | ACK);
	rx(&v, v.eth1, T0 + SEC / 100, 2, f, n);
	n = tcp(f, c, s, 40000, 80, 1001, 5001, ACK);
	rx(&v, v.eth0, T0 + SEC / 50, 3, f, n);
	/* data both ways: no state change, no event */
	n = tcp(f, c, s, 40000, 80, 1001, 5001, ACK);
	rx(&v, v.eth0, T0 + SEC / 25, 4, f, n);
	/* FIN: FIN_WAIT */
	n = tcp(f, c, s, 40000, 80, 1001, 5001, FIN | ACK);
	rx(&v, v.eth0, T0 + SEC / 20, 5, f, n);
	outputs(&v, &o);
	snprintf(want, sizeof(want),
		 "1     [NEW] tcp      6 120 SYN_SENT %s [UNREPLIED] %s\n"
		 "2  [UPDATE] tcp      6 60 SYN_RECV %s %s\n"
		 "3  [UPDATE] tcp      6 432000 ESTABLISHED %s %s [ASSURED]\n"
		 "5  [UPDATE] tcp      6 120 FIN_WAIT %s %s [ASSURED]\n",
		 tup, rtup, tup, rtup, tup, rtup, tup, rtup);
	CHECK_STR(ut_buf_str(&o.events), want, "handshake");
	out_fini(&o);
	env_fini(&v);

	/* picked up (tcp_loose): NEW ESTABLISHED; the first reply changes
	 * no state (SEEN_REPLY: no state word, still the unacknowledged
	 * 300 s); the next ACK makes it ASSURED, again without state */
	if (!env_init(&v, ""))
		return;
	n = tcp(f, c, s, 40000, 80, 1000, 5000, ACK);
	rx(&v, v.eth0, T0, 1, f, n);
	n = tcp(f, s, c, 80, 40000, 5000, 1000, ACK);
	rx(&v, v.eth1, T0 + SEC / 100, 2, f, n);
	n = tcp(f, c, s, 40000, 80, 1000, 5000, ACK);
	rx(&v, v.eth0, T0 + SEC / 50, 3, f, n);
	outputs(&v, &o);
	snprintf(want, sizeof(want),
		 "1     [NEW] tcp      6 300 ESTABLISHED %s [UNREPLIED] %s\n"
		 "2  [UPDATE] tcp      6 300 %s %s\n"
		 "3  [UPDATE] tcp      6 432000 %s %s [ASSURED]\n",
		 tup, rtup, tup, rtup, tup, rtup);
	CHECK_STR(ut_buf_str(&o.events), want, "picked up");
	out_fini(&o);
	env_fini(&v);

	/* a SYN answered by RST/ACK: the entry dies at once ([DESTROY] with
	 * the seconds left of SYN_SENT's 120 and the state CLOSE, still
	 * UNREPLIED), and the reply's cached SEEN_REPLY/state events are
	 * never delivered */
	if (!env_init(&v, ""))
		return;
	n = tcp(f, c, s, 40000, 80, 1000, 0, SYN);
	rx(&v, v.eth0, T0, 1, f, n);
	n = tcp(f, s, c, 80, 40000, 0, 1001, RST | ACK);
	rx(&v, v.eth1, T0 + SEC / 100, 2, f, n);
	outputs(&v, &o);
	snprintf(want, sizeof(want),
		 "1     [NEW] tcp      6 120 SYN_SENT %s [UNREPLIED] %s\n"
		 "2 [DESTROY] tcp      6 119 CLOSE %s [UNREPLIED] %s\n",
		 tup, rtup, tup, rtup);
	CHECK_STR(ut_buf_str(&o.events), want, "rst");
	out_fini(&o);
	env_fini(&v);
}

static unsigned
count_str(const char *s, const char *what)
{
	unsigned n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

/* a TCP handshake through the firewall on client port sp (ASSURED at
 * the third segment), then the client's FIN (FIN_WAIT) when fin */
static void
assured_tcp(struct env *v, uint64_t *t, unsigned long *n, uint16_t sp,
	    bool fin)
{
	enum { F = 1, S = 2, A = 16 };
	uint8_t f[128];
	size_t len;

	len = tcp(f, "192.0.2.2", "203.0.113.10", sp, 80, 1000, 0, S);
	rx(v, v->eth0, *t += SEC / 1000, ++*n, f, len);
	len = tcp(f, "203.0.113.10", "192.0.2.2", 80, sp, 5000, 1001, S | A);
	rx(v, v->eth1, *t += SEC / 1000, ++*n, f, len);
	len = tcp(f, "192.0.2.2", "203.0.113.10", sp, 80, 1001, 5001, A);
	rx(v, v->eth0, *t += SEC / 1000, ++*n, f, len);
	if (fin) {
		len = tcp(f, "192.0.2.2", "203.0.113.10", sp, 80, 1001, 5001,
			  F | A);
		rx(v, v->eth0, *t += SEC / 1000, ++*n, f, len);
	}
}

/* Early drop as nf_conntrack_core.c's early_drop_list: a new entry that
 * finds the table full kills every entry of the bucket that is not
 * assured, whatever its tracker says (a SYN_SENT TCP entry as much as
 * an unreplied UDP one), and never an assured one. One bucket
 * (nf_conntrack_buckets=1) puts every entry in the range looked at. */
static void
test_early_drop(void)
{
	enum { SYN = 2 };
	struct env v;
	struct out_ctx o;
	uint8_t f[128];
	uint64_t t = T0;
	unsigned long n = 0;
	size_t len;

	if (!env_init(&v, "sysctl net.netfilter.nf_conntrack_buckets=1\n"
			  "sysctl net.netfilter.nf_conntrack_max=3\n"))
		return;
	assured_tcp(&v, &t, &n, 40000, false);
	len = tcp(f, "192.0.2.2", "203.0.113.10", 40001, 80, 1000, 0, SYN);
	rx(&v, v.eth0, t += SEC / 100, ++n, f, len);
	len = udp(f, "192.0.2.2", "203.0.113.10", 5000, 53);
	rx(&v, v.eth0, t += SEC / 100, ++n, f, len);
	/* the fourth: the SYN_SENT and the UDP entry go, not the assured */
	len = udp(f, "192.0.2.2", "203.0.113.10", 5001, 53);
	rx(&v, v.eth0, t += SEC / 100, ++n, f, len);
	outputs(&v, &o);
	CHECK(count_str(ut_buf_str(&o.events), "[DESTROY]") == 2 &&
	      strstr(ut_buf_str(&o.events), "6 [DESTROY] tcp      6 119 "
		     "SYN_SENT src=192.0.2.2 dst=203.0.113.10 sport=40001") &&
	      strstr(ut_buf_str(&o.events), "6 [DESTROY] udp      17 29 "
		     "src=192.0.2.2 dst=203.0.113.10 sport=5000"),
	      "both not assured destroyed: %s", ut_buf_str(&o.events));
	CHECK(count_str(ut_buf_str(&o.ct), "\n") == 2 &&
	      strstr(ut_buf_str(&o.ct), "sport=40000") &&
	      strstr(ut_buf_str(&o.ct), "sport=5001"),
	      "the assured and the new one: %s", ut_buf_str(&o.ct));
	out_fini(&o);
	/* a third connection, assured: the table is full again */
	assured_tcp(&v, &t, &n, 40002, false);
	/* the next: the UDP entry is the one not assured, it goes */
	len = udp(f, "192.0.2.2", "203.0.113.10", 5002, 53);
	rx(&v, v.eth0, t += SEC / 100, ++n, f, len);
	outputs(&v, &o);
	CHECK(strstr(ut_buf_str(&o.ct), "sport=5001") == NULL &&
	      strstr(ut_buf_str(&o.ct), "sport=5002") != NULL &&
	      count_str(ut_buf_str(&o.ct), "\n") == 3,
	      "the unassured UDP made room: %s", ut_buf_str(&o.ct));
	out_fini(&o);
	/* a handshake evicts that one in turn; then all three are assured
	 * and a new entry finds no room */
	assured_tcp(&v, &t, &n, 40003, false);
	ut_buf_reset(&v.log);
	len = udp(f, "192.0.2.2", "203.0.113.10", 5003, 53);
	rx(&v, v.eth0, t += SEC / 100, ++n, f, len);
	outputs(&v, &o);
	CHECK(strstr(ut_buf_str(&v.log), "table full") != NULL &&
	      strstr(ut_buf_str(&o.ct), "sport=5003") == NULL &&
	      count_str(ut_buf_str(&o.ct), "[ASSURED]") == 3,
	      "all assured: table full: %s%s", ut_buf_str(&v.log),
	      ut_buf_str(&o.ct));
	out_fini(&o);
	env_fini(&v);
}

/* The gc worker's eviction (gc_worker with conntrack_gc_work.early_drop):
 * after a new entry found no room, its next pass kills, while the table
 * holds max / 100 * 95 entries or more, those not assured or whose
 * tracker allows it (nf_conntrack_l4proto.can_early_drop: TCP closing),
 * so 100 assured connections in FIN_WAIT lose 6 (100 down to 94). With
 * the established ones nothing goes. */
static void
test_gc_evict(void)
{
	struct env v;
	struct out_ctx o;
	uint8_t f[128];
	uint64_t t = T0;
	unsigned long n = 0;
	size_t len;

	for (int closing = 0; closing < 2; closing++) {
		if (!env_init(&v, "sysctl net.netfilter.nf_conntrack_buckets="
				  "64\nsysctl net.netfilter.nf_conntrack_max="
				  "100\n"))
			return;
		for (uint16_t i = 0; i < 100; i++)
			assured_tcp(&v, &t, &n, (uint16_t)(41000 + i),
				    closing);
		len = udp(f, "192.0.2.2", "203.0.113.10", 5000, 53);
		rx(&v, v.eth0, t += SEC / 1000, ++n, f, len);
		CHECK(strstr(ut_buf_str(&v.log), "table full") != NULL,
		      "full: %s", ut_buf_str(&v.log));
		ut_engine_advance(v.e, t + 2 * SEC);
		outputs(&v, &o);
		CHECK(count_str(ut_buf_str(&o.events), "timer [DESTROY]") ==
		      (closing ? 6u : 0u), "closing %d: gc evictions: %u",
		      closing, count_str(ut_buf_str(&o.events),
					 "timer [DESTROY]"));
		CHECK(count_str(ut_buf_str(&o.ct), "\n") ==
		      (closing ? 94u : 100u), "closing %d: entries left",
		      closing);
		out_fini(&o);
		/* once: the next pass, still above 95% if nothing
		 * was evicted, leaves them */
		ut_engine_advance(v.e, t + 4 * SEC);
		outputs(&v, &o);
		CHECK(count_str(ut_buf_str(&o.ct), "\n") ==
		      (closing ? 94u : 100u), "closing %d: one pass only",
		      closing);
		out_fini(&o);
		env_fini(&v);
	}
}

/* One hash bucket: an entry's two tuples share the chain, the reply's
 * link first. A lookup of the original tuple must still find the entry
 * (the kernel's lookup walks every link of the chain): the client's
 * later packets belong to its connection (no new entries, whose reply
 * tuples would clash and get other ports), the answer marks it replied:
 * one entry in the table. */
static void
test_one_bucket(void)
{
	struct env v;
	struct out_ctx o;
	uint8_t f[128];
	size_t n;

	if (!env_init(&v, "sysctl net.netfilter.nf_conntrack_buckets=1\n"))
		return;
	for (unsigned i = 0; i < 3; i++) {
		n = udp(f, "192.0.2.2", "203.0.113.10", 6000, 53);
		rx(&v, v.eth0, T0 + i * 10000000ull, i + 1, f, n);
	}
	n = udp(f, "203.0.113.10", "192.0.2.2", 53, 6000);
	rx(&v, v.eth1, T0 + 40000000ull, 4, f, n);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct),
		  "udp      17 30 src=192.0.2.2 dst=203.0.113.10 sport=6000 "
		  "dport=53 src=203.0.113.10 dst=192.0.2.2 sport=53 "
		  "dport=6000 mark=0 use=1\n", "one entry");
	out_fini(&o);
	env_fini(&v);
}

/* A listed helper= (the ftp helper's control connections) reads back:
 * ctnetlink attaches a helper given by name to a new entry; an unknown
 * name is refused. */
static void
test_load_helper(void)
{
	static const char table[] =
		"tcp      6 299 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 "
		"sport=40000 dport=21 src=203.0.113.10 dst=192.0.2.2 "
		"sport=21 dport=40000 [ASSURED] mark=0 helper=ftp use=1\n";
	struct env v;
	struct out_ctx o;
	struct ut_err err;

	if (!env_init(&v, ""))
		return;
	ut_err_clear(&err);
	CHECK(ut_engine_conntrack_load(v.e, table, "T", &err) == 0, "load: %s",
	      err.msg);
	outputs(&v, &o);
	CHECK_STR(ut_buf_str(&o.ct), table, "read back");
	out_fini(&o);
	ut_err_clear(&err);
	CHECK(ut_engine_conntrack_load(v.e, "udp 17 5 src=1.2.3.4 dst=5.6.7.8 "
				       "sport=1 dport=2 src=5.6.7.8 "
				       "dst=1.2.3.4 sport=2 dport=1 "
				       "helper=nope\n", "F", &err) < 0 &&
	      strcmp(err.msg, "F:1: unknown helper `helper=nope'") == 0,
	      "unknown helper: %s", err.msg);
	env_fini(&v);
}

void
test_conntrack(void)
{
	test_one_bucket();
	test_load_helper();
	test_early_drop();
	test_gc_evict();
	test_tcp_events();
	test_udp_stream();
	test_ct_icmp();
	test_table_full();
	test_load();
}
