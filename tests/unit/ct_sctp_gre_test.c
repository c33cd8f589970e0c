/* ct_sctp_gre_test.c: the SCTP and GRE connection trackers
 * (conntrack/proto_sctp.c, proto_gre.c) through the whole engine, against
 * Linux 6.18.
 *
 * How the kernel side was measured (tests/unit/ct_sctp_gre_kernel.py
 * re-runs it and writes ct_sctp_gre_kernel.h): a forwarding firewall
 * namespace (eth0 192.0.2.1/24 towards the client 192.0.2.2, eth1
 * 198.51.100.1/24 with the default route via 198.51.100.2; the server is
 * 203.0.113.10), conntrack on through an empty nat table, a counter rule
 * per --ctstate in mangle FORWARD, nf_conntrack_log_invalid=255. Each case
 * started from an empty table; each packet was sent from its side's peer
 * over AF_PACKET, then the table was read with `conntrack -L` about 80 ms
 * later, the counters gave the packet's state, and the kernel log the
 * tracker's lines. Send and read times are kept.
 *
 * Here each case runs in a fresh engine with the same host and sysctls:
 * every frame goes in at its recorded time; the packet's state is what
 * conntrack reported in PREROUTING (the trace step), the log lines those
 * of nf_conntrack_log_invalid, and the table is printed at the recorded
 * read time, so the seconds left must agree too.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "conntrack/crc32c.h"
#include "conntrack/ct_net.h"
#include "engine/engine.h"
#include "engine/pkt.h"
#include "host/host.h"
#include "rules/ruleset.h"
#include "unit.h"

struct ct_step {
	char side;          /* 'o': from the client on eth0, 'r': from the
			     * server's side on eth1 */
	uint64_t t_send;    /* ns since the case's first packet */
	uint64_t t_read;    /* when the table was read */
	const char *hex;    /* the IP datagram */
	const char *state;  /* NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED */
	const char *table;  /* conntrack -L, sorted, one line each */
	const char *log;    /* the nf_ct_proto_N lines it caused */
};

struct ct_case {
	const char *name;
	const char *const *sysctls;  /* HOST lines */
	const struct ct_step *steps;
	size_t n;
};

#include "ct_sctp_gre_kernel.h"

static const char host_text[] =
	"link add eth0 address 02:00:00:00:01:00\n"
	"link add eth1 address 02:00:00:00:01:01\n"
	"addr add 192.0.2.1/24 dev eth0\n"
	"addr add 198.51.100.1/24 dev eth1\n"
	"route add default via 198.51.100.2 dev eth1\n"
	"neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0\n"
	"neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1\n"
	"sysctl net.ipv4.ip_forward=1\n"
	"sysctl net.ipv4.conf.all.rp_filter=0\n"
	"sysctl net.ipv4.conf.default.rp_filter=0\n"
	"sysctl kernel.hz=250\n"
	"sysctl net.netfilter.nf_conntrack_log_invalid=255\n";

static const char rules_text[] =
	"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
	":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n";

#define T0 1700000000000000000ull

struct seen {
	struct ut_buf log;
	char state[16];
};

static void
on_log(void *ctx, const char *line, size_t len)
{
	struct seen *s = ctx;

	if (len >= 11 && strncmp(line, "nf_ct_proto", 11) == 0) {
		ut_buf_printf(&s->log, "%.*s", (int)len, line);
		ut_buf_putc(&s->log, '\n');
	}
}

/* the state word of conntrack's PREROUTING step */
static void
on_step(void *ctx, const struct ut_pkt *p, const char *text)
{
	static const char *const words[] = {
		"NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED",
	};
	static const char pre[] = "conntrack PREROUTING: ";
	struct seen *s = ctx;

	(void)p;
	if (strncmp(text, pre, sizeof(pre) - 1) != 0)
		return;
	text += sizeof(pre) - 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strncmp(text, words[i], strlen(words[i])) == 0)
			snprintf(s->state, sizeof(s->state), "%s", words[i]);
}

static struct ut_host *
make_host(const struct ct_case *c)
{
	struct ut_host *h = ut_host_new();
	struct ut_err err = { 0 };
	struct ut_buf t;
	int ret;

	if (!h)
		return NULL;
	ut_buf_init(&t);
	ut_buf_puts(&t, host_text);
	for (size_t i = 0; c->sysctls[i]; i++)
		ut_buf_printf(&t, "%s\n", c->sysctls[i]);
	ret = ut_host_parse(h, ut_buf_str(&t), "host", &err);
	CHECK(ret == 0, "%s: host: %s", c->name, err.msg);
	ut_buf_fini(&t);
	if (ret < 0) {
		ut_host_free(h);
		return NULL;
	}
	return h;
}

static struct ut_ruleset *
make_rules(void)
{
	struct ut_ruleset *rs = ut_ruleset_new();
	struct restore_opts o = { 0 };
	struct ut_err err = { 0 };
	struct ut_buf out, warn;
	int ret;

	if (!rs)
		return NULL;
	ut_buf_init(&out);
	ut_buf_init(&warn);
	ret = ut_restore_text(rs, rules_text, strlen(rules_text), &o,
			      "iptables-restore", &out, &warn, &err);
	CHECK(ret == 0, "rules: %s", err.msg);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	if (ret < 0) {
		ut_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* the frame of step s: Ethernet from its side's peer to the host */
static size_t
frame_of(const struct ct_step *s, uint8_t *f, size_t cap)
{
	static const uint8_t eth0[12] = { 2, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 1 };
	static const uint8_t eth1[12] = { 2, 0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 2 };

	memcpy(f, s->side == 'o' ? eth0 : eth1, 12);
	f[12] = 0x08;
	f[13] = 0x00;
	return 14 + unit_unhex(s->hex, f + 14, cap - 14);
}

static void
run_case(const struct ct_case *c)
{
	struct ut_host *h = make_host(c);
	struct ut_ruleset *rs = make_rules();
	struct seen seen;
	struct ut_engine_sink sink = { .ctx = &seen, .log = on_log,
				       .step = on_step };
	struct ut_err err = { 0 };
	struct ut_engine *e = NULL;
	const struct ut_iface *eth0, *eth1;

	ut_buf_init(&seen.log);
	if (h && rs)
		e = ut_engine_new(rs, h, &sink, &err);
	CHECK(e != NULL, "%s: engine: %s", c->name, err.msg);
	eth0 = h ? ut_host_iface(h, "eth0") : NULL;
	eth1 = h ? ut_host_iface(h, "eth1") : NULL;
	if (e)
		ut_engine_trace_all(e, true);
	for (size_t i = 0; e && eth0 && eth1 && i < c->n; i++) {
		const struct ct_step *s = &c->steps[i];
		struct ut_buf table;
		uint8_t f[2048];
		size_t n = frame_of(s, f, sizeof(f));

		seen.state[0] = '\0';
		ut_buf_reset(&seen.log);
		ut_engine_rx(e, s->side == 'o' ? eth0 : eth1, T0 + s->t_send,
			     i + 1, f, n);
		ut_engine_advance(e, T0 + s->t_read);
		CHECK_STR(seen.state, s->state, "%s step %zu: state", c->name,
			  i + 1);
		CHECK_STR(ut_buf_str(&seen.log), s->log, "%s step %zu: log",
			  c->name, i + 1);
		ut_buf_init(&table);
		ut_ct_output(ut_ct_engine_net(e), &table);
		CHECK_STR(ut_buf_str(&table), s->table, "%s step %zu: table",
			  c->name, i + 1);
		ut_buf_fini(&table);
	}
	ut_buf_fini(&seen.log);
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

/* the CRC32c of RFC 3720's test vectors (B.4), and an SCTP packet whose
 * checksum Linux accepted (the INIT of sctp_assoc) */
static void
test_crc32c(void)
{
	static const struct { uint8_t fill; uint32_t crc; } v[] = {
		{ 0x00, 0x8a9136aau }, { 0xff, 0x62a8ab43u },
	};
	uint8_t b[32], pkt[128];
	size_t n;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memset(b, v[i].fill, sizeof(b));
		CHECK(~ut_crc32c(0xffffffffu, b, sizeof(b)) == v[i].crc,
		      "crc32c of 32 bytes of %02x", v[i].fill);
	}
	for (size_t i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)i;
	CHECK(~ut_crc32c(0xffffffffu, b, sizeof(b)) == 0x46dd794eu,
	      "crc32c of 0..31");
	n = unit_unhex(sctp_assoc_steps[0].hex, pkt, sizeof(pkt));
	CHECK(n > 32 && ut_sctp_cksum(pkt + 20, n - 20) ==
	      ut_sctp_cksum_get(pkt + 20), "the INIT's checksum");
}

/* --conntrack-load reads back the lines conntrack -L prints for SCTP
 * (the state word) and GRE (the keys): lines of the kernel's tables above */
static const char load_text[] =
	"sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 "
	"sport=5007 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 "
	"dport=5007 [ASSURED] mark=0 use=1\n"
	"sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5004 "
	"dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5004 mark=0 "
	"use=1\n"
	"sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 "
	"sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 "
	"sport=80 dport=6002 mark=0 use=1\n"
	"gre      47 29 src=192.0.2.2 dst=203.0.113.20 srckey=0x0 "
	"dstkey=0x1111 [UNREPLIED] src=203.0.113.20 dst=192.0.2.2 "
	"srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	"gre      47 29 src=192.0.2.2 dst=203.0.113.21 srckey=0x0 dstkey=0x0 "
	"[UNREPLIED] src=203.0.113.21 dst=192.0.2.2 srckey=0x0 dstkey=0x0 "
	"mark=0 use=1\n";

/* load_text sorted as conntrack -L sorts it */
static const char load_sorted[] =
	"gre      47 29 src=192.0.2.2 dst=203.0.113.20 srckey=0x0 "
	"dstkey=0x1111 [UNREPLIED] src=203.0.113.20 dst=192.0.2.2 "
	"srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	"gre      47 29 src=192.0.2.2 dst=203.0.113.21 srckey=0x0 dstkey=0x0 "
	"[UNREPLIED] src=203.0.113.21 dst=192.0.2.2 srckey=0x0 dstkey=0x0 "
	"mark=0 use=1\n"
	"sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 "
	"sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 "
	"sport=80 dport=6002 mark=0 use=1\n"
	"sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 "
	"sport=5007 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 "
	"dport=5007 [ASSURED] mark=0 use=1\n"
	"sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5004 "
	"dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5004 mark=0 "
	"use=1\n";

static const struct {
	const char *line, *msg;
} load_bad[] = {
	{ "sctp     132 9 CLOSING src=192.0.2.2 dst=203.0.113.10 sport=1 "
	  "dport=2 src=203.0.113.10 dst=192.0.2.2 sport=2 dport=1 use=1\n",
	  "t:1: unknown SCTP state `CLOSING'" },
	{ "gre      47 29 src=192.0.2.2 dst=203.0.113.20 sport=1 dport=2 "
	  "src=203.0.113.20 dst=192.0.2.2 sport=2 dport=1 use=1\n",
	  "t:1: expected srckey= dstkey= `sport=1'" },
	{ "gre      47 29 src=192.0.2.2 dst=203.0.113.20 srckey=0x10000 "
	  "dstkey=0x0 src=203.0.113.20 dst=192.0.2.2 srckey=0x0 dstkey=0x0 "
	  "use=1\n",
	  "t:1: expected srckey= dstkey= `srckey=0x10000'" },
};

/* a v0 GRE packet from the server 203.0.113.21 to the client */
static const char gre_reply_hex[] =
	"4500002c00010000402f7c8acb007115c000020200000800"
	"4500001400074000000000000000000000000000";

static struct ut_engine *
load_engine(struct ut_host **h, struct ut_ruleset **rs, struct seen *seen)
{
	static const char *const none[] = { NULL };
	static const struct ct_case c = { "load", none, NULL, 0 };
	struct ut_engine_sink sink = { .ctx = seen, .log = on_log,
				       .step = on_step };
	struct ut_err err = { 0 };
	struct ut_engine *e;

	*h = make_host(&c);
	*rs = make_rules();
	e = *h && *rs ? ut_engine_new(*rs, *h, &sink, &err) : NULL;
	CHECK(e != NULL, "load: engine: %s", err.msg);
	if (e)
		ut_engine_trace_all(e, true);
	return e;
}

static void
test_load(void)
{
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct seen seen;
	struct ut_err err = { 0 };
	struct ut_engine *e;
	struct ut_buf out;
	uint8_t f[256];
	size_t n;

	ut_buf_init(&seen.log);
	e = load_engine(&h, &rs, &seen);
	if (e) {
		CHECK(ut_engine_conntrack_load(e, load_text, "t", &err) == 0,
		      "load: %s", err.msg);
		ut_buf_init(&out);
		ut_ct_output(ut_ct_engine_net(e), &out);
		CHECK_STR(ut_buf_str(&out), load_sorted, "load: read back");
		ut_buf_fini(&out);
		/* the GRE entry goes on as the tracker's own: replied, then
		 * the stream timeout and ASSURED (gre_v0's steps 3 and 4) */
		memcpy(f, "\x02\x00\x00\x00\x01\x01\x02\x00\x00\x00\x00\x02"
		       "\x08\x00", 14);
		n = 14 + unit_unhex(gre_reply_hex, f + 14, sizeof(f) - 14);
		for (int i = 0; i < 2; i++) {
			seen.state[0] = '\0';
			ut_engine_rx(e, ut_host_iface(h, "eth1"),
				     T0 + (uint64_t)i * 100000000u,
				     (unsigned long)i + 1, f, n);
			CHECK_STR(seen.state, "ESTABLISHED", "load: gre %d", i);
		}
		ut_buf_init(&out);
		ut_ct_output(ut_ct_engine_net(e), &out);
		CHECK(strstr(ut_buf_str(&out), "gre      47 180 src=192.0.2.2 "
			     "dst=203.0.113.21 srckey=0x0 dstkey=0x0 "
			     "src=203.0.113.21 dst=192.0.2.2 srckey=0x0 "
			     "dstkey=0x0 [ASSURED]") != NULL,
		      "load: gre after two replies: %s", ut_buf_str(&out));
		ut_buf_fini(&out);
	}
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
	for (size_t i = 0; i < sizeof(load_bad) / sizeof(load_bad[0]); i++) {
		e = load_engine(&h, &rs, &seen);
		if (!e)
			break;
		err.msg[0] = '\0';
		CHECK(ut_engine_conntrack_load(e, load_bad[i].line, "t",
					       &err) < 0, "bad %zu loaded", i);
		CHECK_STR(err.msg, load_bad[i].msg, "bad %zu", i);
		ut_buf_init(&out);
		ut_ct_output(ut_ct_engine_net(e), &out);
		CHECK_STR(ut_buf_str(&out), "", "bad %zu: nothing loaded", i);
		ut_buf_fini(&out);
		ut_engine_free(e);
		ut_ruleset_free(rs);
		ut_host_free(h);
	}
	ut_buf_fini(&seen.log);
}

void
test_ct_sctp_gre(void)
{
	test_crc32c();
	test_load();
	for (size_t i = 0; i < sizeof(kernel_cases) / sizeof(kernel_cases[0]);
	     i++)
		run_case(&kernel_cases[i]);
}
