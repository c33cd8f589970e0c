/* ct_ext_test.c: the packet callbacks of the conntrack family of
 * extensions (-m state, -m conntrack, -m helper, -j CT, -j NOTRACK),
 * called directly on rules built by the CLI parser (so the blobs are
 * real) and on hand-built connections.
 *
 * The expectations are derived from the kernel's code (Linux 6.18
 * net/netfilter/xt_conntrack.c conntrack_mt, xt_helper.c helper_mt,
 * xt_CT.c xt_ct_tg_check/xt_ct_target), each commented with the rule
 * that decides it; none was taken from utables' output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "engine/pkt.h"
#include "host/host.h"
#include "rules/addr.h"
#include "rules/ext.h"
#include "unit.h"

#define NS 1000000000ull
/* the engine's clock during the tests */
#define NOW (1000 * NS)

/* the connections of the cases */
enum {
	C_TCP,      /* 10.0.0.1:1000 -> 10.0.0.2:80, assured */
	C_SNAT,     /* 192.168.1.10:5000 -> 8.8.8.8:53 udp, SNATed to
		     * 203.0.113.1:6000 */
	C_DNAT,     /* 1.1.1.1:1234 -> 2.2.2.2:80 tcp, DNATed to
		     * 10.0.0.5:8080 */
	C_ICMP,     /* ping 10.0.0.1 -> 10.0.0.2, id 0x1234 */
	C_ESP,      /* protocol 50 (no ports: generic), unconfirmed */
	C_FTP,      /* ftp control 10.0.0.1:40000 -> 10.0.0.2:21, helper
		     * ftp */
	C_FTPDATA,  /* its expected data connection 10.0.0.2:20 ->
		     * 10.0.0.1:40001 */
	C_ORPHAN,   /* an expected connection whose master has no helper */
	C_GONE,     /* timed out 5 s ago (a packet still holds it) */
	C_MAX,
	C_NONE = -1, /* the packet has no connection (see ctinfo) */
};

static uint32_t
ip(const char *s)
{
	uint32_t a = 0;

	CHECK(ut_parse_ipv4_addr(s, &a) == 0, "address %s", s);
	return a;
}

static void
tuple(struct ut_ct_tuple *t, const char *src, uint16_t sport,
      const char *dst, uint16_t dport, uint8_t proto)
{
	t->src = ip(src);
	t->dst = ip(dst);
	t->sport = sport;
	t->dport = dport;
	t->proto = proto;
}

/* conn: the two tuples, original first */
static void
conn(struct ut_conn *c, const char *os, uint16_t osp, const char *od,
     uint16_t odp, const char *rs, uint16_t rsp, const char *rd,
     uint16_t rdp, uint8_t proto, uint32_t status)
{
	memset(c, 0, sizeof(*c));
	tuple(&c->tuple[UT_CT_DIR_ORIGINAL], os, osp, od, odp, proto);
	tuple(&c->tuple[UT_CT_DIR_REPLY], rs, rsp, rd, rdp, proto);
	c->status = status;
	c->use = 1;
}

/* expire: ct's timeout secs + frac/HZ ticks from now (absolute jiffies,
 * as the core keeps them; an unconfirmed entry's too) */
static void
expire(struct ut_conn *c, const struct ut_engine *e, int64_t secs,
       unsigned frac)
{
	uint64_t hz = ut_engine_hz(e);

	c->timeout = (uint64_t)((int64_t)ut_engine_jiffies64(e) +
				secs * (int64_t)hz) + frac;
}

enum {
	CONF = UT_IPS_CONFIRMED,
	SEEN = UT_IPS_SEEN_REPLY,
	ASS = UT_IPS_ASSURED,
	EXP = UT_IPS_EXPECTED,
};

static void
conns_init(struct ut_conn *c, const struct ut_engine *e)
{
	conn(&c[C_TCP], "10.0.0.1", 1000, "10.0.0.2", 80,
	     "10.0.0.2", 80, "10.0.0.1", 1000, 6, CONF | SEEN | ASS);
	/* 100.5 s left: 100 whole seconds, away from any rounding edge */
	expire(&c[C_TCP], e, 100, ut_engine_hz(e) / 2);
	conn(&c[C_SNAT], "192.168.1.10", 5000, "8.8.8.8", 53,
	     "8.8.8.8", 53, "203.0.113.1", 6000, 17,
	     CONF | UT_IPS_SRC_NAT);
	conn(&c[C_DNAT], "1.1.1.1", 1234, "2.2.2.2", 80,
	     "10.0.0.5", 8080, "1.1.1.1", 1234, 6,
	     CONF | SEEN | UT_IPS_DST_NAT);
	/* ICMP: sport the id, dport type << 8 | code (echo 8, reply 0) */
	conn(&c[C_ICMP], "10.0.0.1", 0x1234, "10.0.0.2", 0x0800,
	     "10.0.0.2", 0x1234, "10.0.0.1", 0x0000, 1, CONF);
	conn(&c[C_ESP], "10.0.0.1", 0, "10.0.0.2", 0,
	     "10.0.0.2", 0, "10.0.0.1", 0, 50, 0);
	conn(&c[C_FTP], "10.0.0.1", 40000, "10.0.0.2", 21,
	     "10.0.0.2", 21, "10.0.0.1", 40000, 6,
	     CONF | SEEN | ASS | UT_IPS_HELPER);
	c[C_FTP].helper = ut_ct_helper_find("ftp");
	conn(&c[C_FTPDATA], "10.0.0.2", 20, "10.0.0.1", 40001,
	     "10.0.0.1", 40001, "10.0.0.2", 20, 6, CONF | EXP);
	c[C_FTPDATA].master = &c[C_FTP];
	conn(&c[C_ORPHAN], "10.0.0.2", 20, "10.0.0.1", 40002,
	     "10.0.0.1", 40002, "10.0.0.2", 20, 6, CONF | EXP);
	c[C_ORPHAN].master = &c[C_TCP];
	conn(&c[C_GONE], "10.0.0.1", 1001, "10.0.0.2", 80,
	     "10.0.0.2", 80, "10.0.0.1", 1001, 6, CONF | SEEN | ASS);
	expire(&c[C_GONE], e, -5, 0);
	/* unconfirmed, 30 s (a generic timeout would be 600: any will do) */
	expire(&c[C_ESP], e, 30, 0);
}

/* ctinfo short names */
enum {
	EST = UT_CT_ESTABLISHED,
	REL = UT_CT_RELATED,
	NEW = UT_CT_NEW,
	EST_R = UT_CT_ESTABLISHED_REPLY,
	REL_R = UT_CT_RELATED_REPLY,
	UNTR = UT_CT_UNTRACKED,
	INV = 0, /* with C_NONE: no connection and not untracked */
};

struct mcase {
	const char *rule;
	int conn;           /* C_*, C_NONE */
	unsigned ctinfo;
	int want;
};

static const struct mcase match_cases[] = {
	/* ---- -m state (conntrack revision 3 with the state alias): the
	 * state bit is the ctinfo's (a reply counts as its direction's
	 * original state), UNTRACKED without a connection when untracked,
	 * INVALID otherwise; "!" inverts the bit test */
	{ "-m state --state INVALID", C_NONE, INV, 1 },
	{ "-m state --state NEW", C_NONE, INV, 0 },
	{ "-m state ! --state INVALID", C_NONE, INV, 0 },
	{ "-m state ! --state NEW", C_NONE, INV, 1 },
	{ "-m state --state NEW,INVALID", C_NONE, INV, 1 },
	{ "-m state --state UNTRACKED", C_NONE, UNTR, 1 },
	{ "-m state --state INVALID", C_NONE, UNTR, 0 },
	{ "-m state ! --state UNTRACKED", C_NONE, UNTR, 0 },
	{ "-m state ! --state NEW,ESTABLISHED,RELATED,INVALID", C_NONE, UNTR,
	  1 },
	{ "-m state --state NEW", C_TCP, NEW, 1 },
	{ "-m state --state ESTABLISHED", C_TCP, NEW, 0 },
	{ "-m state ! --state ESTABLISHED", C_TCP, NEW, 1 },
	{ "-m state --state ESTABLISHED", C_TCP, EST, 1 },
	{ "-m state --state ESTABLISHED", C_TCP, EST_R, 1 },
	{ "-m state --state NEW", C_TCP, EST_R, 0 },
	{ "-m state --state RELATED", C_TCP, REL, 1 },
	{ "-m state --state ESTABLISHED,NEW", C_TCP, REL, 0 },
	{ "-m state --state RELATED", C_TCP, REL_R, 1 },
	{ "-m state --state ESTABLISHED,RELATED", C_TCP, REL_R, 1 },
	{ "-m state --state UNTRACKED,INVALID", C_TCP, EST, 0 },
	/* a NATed connection has no NAT pseudo-state in -m state's list */
	{ "-m state --state ESTABLISHED", C_SNAT, EST, 1 },

	/* ---- --ctstate: SNAT/DNAT are added to the bit when the status
	 * has IPS_SRC_NAT / IPS_DST_NAT */
	{ "-m conntrack --ctstate SNAT", C_SNAT, EST, 1 },
	{ "-m conntrack --ctstate DNAT", C_SNAT, EST, 0 },
	{ "-m conntrack --ctstate ESTABLISHED", C_SNAT, EST, 1 },
	{ "-m conntrack ! --ctstate SNAT", C_SNAT, EST, 0 },
	{ "-m conntrack --ctstate NEW", C_SNAT, EST, 0 },
	{ "-m conntrack ! --ctstate DNAT", C_SNAT, EST, 1 },
	{ "-m conntrack --ctstate NEW,SNAT", C_SNAT, EST, 1 },
	{ "-m conntrack ! --ctstate NEW,SNAT", C_SNAT, EST, 0 },
	{ "-m conntrack --ctstate DNAT", C_DNAT, EST_R, 1 },
	{ "-m conntrack --ctstate SNAT", C_DNAT, EST_R, 0 },
	{ "-m conntrack --ctstate INVALID", C_NONE, INV, 1 },
	{ "-m conntrack --ctstate SNAT", C_NONE, INV, 0 },
	{ "-m conntrack --ctstate UNTRACKED", C_NONE, INV, 0 },
	/* no connection: the NAT bits cannot be set, the inversion holds */
	{ "-m conntrack ! --ctstate SNAT", C_NONE, INV, 1 },
	{ "-m conntrack --ctstate UNTRACKED", C_NONE, UNTR, 1 },
	{ "-m conntrack ! --ctstate UNTRACKED", C_NONE, UNTR, 0 },
	{ "-m conntrack --ctstate INVALID", C_NONE, UNTR, 0 },
	{ "-m conntrack --ctstate NEW", C_ESP, NEW, 1 },

	/* ---- without a connection every option but --ctstate fails,
	 * negated or not; once --ctstate passed, the rest is not looked
	 * at */
	{ "-m conntrack --ctproto tcp", C_NONE, INV, 0 },
	{ "-m conntrack ! --ctproto tcp", C_NONE, INV, 0 },
	{ "-m conntrack --ctstate INVALID --ctproto tcp", C_NONE, INV, 1 },
	{ "-m conntrack --ctstate INVALID ! --ctproto tcp", C_NONE, INV, 1 },
	{ "-m conntrack --ctstatus NONE", C_NONE, UNTR, 0 },
	{ "-m conntrack ! --ctstatus NONE", C_NONE, UNTR, 0 },
	{ "-m conntrack --ctstate UNTRACKED ! --ctstatus NONE", C_NONE, UNTR,
	  1 },
	{ "-m conntrack ! --ctorigsrc 1.2.3.4", C_NONE, INV, 0 },
	{ "-m conntrack --ctdir ORIGINAL", C_NONE, INV, 0 },
	{ "-m conntrack --ctdir REPLY", C_NONE, UNTR, 0 },
	{ "-m conntrack ! --ctexpire 5", C_NONE, INV, 0 },

	/* ---- --ctproto: the original tuple's protocol */
	{ "-m conntrack --ctproto tcp", C_TCP, EST, 1 },
	{ "-m conntrack --ctproto udp", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctproto udp", C_TCP, EST, 1 },
	{ "-m conntrack ! --ctproto tcp", C_TCP, EST, 0 },
	{ "-m conntrack --ctproto 17", C_SNAT, EST, 1 },
	{ "-m conntrack --ctproto 50", C_ESP, NEW, 1 },
	{ "-m conntrack --ctproto icmp", C_ICMP, EST, 1 },
	/* "all" is 0: no tracked connection has protocol 0 */
	{ "-m conntrack --ctproto all", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctproto all", C_TCP, EST, 1 },

	/* ---- addresses: ((tuple ^ addr) & mask) == 0 */
	{ "-m conntrack --ctorigsrc 192.168.1.10", C_SNAT, EST, 1 },
	{ "-m conntrack --ctorigsrc 192.168.1.0/24", C_SNAT, EST, 1 },
	{ "-m conntrack --ctorigsrc 192.168.2.0/24", C_SNAT, EST, 0 },
	{ "-m conntrack ! --ctorigsrc 192.168.2.0/24", C_SNAT, EST, 1 },
	{ "-m conntrack ! --ctorigsrc 192.168.1.0/24", C_SNAT, EST, 0 },
	{ "-m conntrack --ctorigdst 8.8.8.8", C_SNAT, EST, 1 },
	{ "-m conntrack --ctorigdst 8.8.4.4", C_SNAT, EST, 0 },
	{ "-m conntrack --ctreplsrc 8.8.8.8", C_SNAT, EST, 1 },
	{ "-m conntrack --ctrepldst 203.0.113.1", C_SNAT, EST, 1 },
	{ "-m conntrack --ctrepldst 192.168.1.10", C_SNAT, EST, 0 },
	{ "-m conntrack ! --ctrepldst 192.168.1.10", C_SNAT, EST, 1 },
	{ "-m conntrack --ctrepldst 203.0.113.0/255.255.255.0", C_SNAT, EST,
	  1 },
	{ "-m conntrack --ctrepldst 203.0.113.0/255.255.255.128", C_SNAT, EST,
	  1 },
	{ "-m conntrack --ctrepldst 203.0.113.2/255.255.255.254", C_SNAT, EST,
	  0 },
	/* a mask that is not a prefix: libxtables' xtopt_parse_plenmask
	 * makes it all ones, so the address must be exact */
	{ "-m conntrack --ctrepldst 203.0.0.1/255.255.0.255", C_SNAT, EST,
	  0 },
	{ "-m conntrack --ctrepldst 203.0.113.1/255.255.0.255", C_SNAT, EST,
	  1 },
	{ "-m conntrack --ctorigsrc 0.0.0.0/0", C_SNAT, EST, 1 },
	{ "-m conntrack ! --ctorigsrc 0.0.0.0/0", C_SNAT, EST, 0 },
	{ "-m conntrack --ctreplsrc 10.0.0.5", C_DNAT, EST, 1 },
	{ "-m conntrack --ctreplsrc 2.2.2.2", C_DNAT, EST, 0 },
	{ "-m conntrack --ctorigdst 2.2.2.2 --ctreplsrc 10.0.0.5", C_DNAT,
	  EST_R, 1 },
	{ "-m conntrack --ctorigdst 2.2.2.2 ! --ctreplsrc 10.0.0.5", C_DNAT,
	  EST_R, 0 },

	/* ---- ports (revision 3 ranges, host order, inclusive): the
	 * tuple's per-protocol part whatever the protocol */
	{ "-m conntrack --ctorigsrcport 1000", C_TCP, EST, 1 },
	{ "-m conntrack --ctorigsrcport 1001", C_TCP, EST, 0 },
	{ "-m conntrack --ctorigdstport 80", C_TCP, EST, 1 },
	{ "-m conntrack --ctorigdstport 81", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctorigdstport 81", C_TCP, EST, 1 },
	{ "-m conntrack --ctorigdstport 1:100", C_TCP, EST, 1 },
	{ "-m conntrack --ctorigdstport 80:80", C_TCP, EST, 1 },
	{ "-m conntrack --ctorigdstport 81:100", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctorigdstport 1:100", C_TCP, EST, 0 },
	{ "-m conntrack --ctreplsrcport 80", C_TCP, EST, 1 },
	{ "-m conntrack --ctreplsrcport 1000", C_TCP, EST, 0 },
	{ "-m conntrack --ctrepldstport 1000", C_TCP, EST, 1 },
	{ "-m conntrack --ctrepldstport 999:1000", C_TCP, EST, 1 },
	{ "-m conntrack --ctrepldstport 1001:2000", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctrepldstport 1001:2000", C_TCP, EST, 1 },
	/* a range low > high is kept as given and contains nothing */
	{ "-m conntrack --ctorigsrcport 2000:500", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctorigsrcport 2000:500", C_TCP, EST, 1 },
	/* NAT: the reply tuple has the translated port */
	{ "-m conntrack --ctrepldstport 6000", C_SNAT, EST, 1 },
	{ "-m conntrack --ctrepldstport 5000", C_SNAT, EST, 0 },
	{ "-m conntrack --ctreplsrcport 8080", C_DNAT, EST, 1 },
	{ "-m conntrack --ctorigdstport 80 --ctreplsrcport 8080", C_DNAT,
	  EST_R, 1 },
	/* ICMP: src is the id (0x1234 = 4660), dst type << 8 | code */
	{ "-m conntrack --ctorigsrcport 4660", C_ICMP, EST, 1 },
	{ "-m conntrack --ctorigdstport 2048", C_ICMP, EST, 1 },
	{ "-m conntrack --ctorigdstport 0", C_ICMP, EST, 0 },
	{ "-m conntrack --ctrepldstport 0", C_ICMP, EST, 1 },
	{ "-m conntrack --ctreplsrcport 4660", C_ICMP, EST, 1 },
	/* no ports: 0 */
	{ "-m conntrack --ctorigsrcport 0", C_ESP, NEW, 1 },
	{ "-m conntrack --ctorigdstport 1:65535", C_ESP, NEW, 0 },
	{ "-m conntrack ! --ctorigdstport 1:65535", C_ESP, NEW, 1 },
	{ "-m conntrack --ctreplsrcport 0:0", C_ESP, NEW, 1 },

	/* ---- --ctstatus: any of the bits; NONE (mask 0) never, "!
	 * NONE" always */
	{ "-m conntrack --ctstatus ASSURED", C_TCP, EST, 1 },
	{ "-m conntrack --ctstatus EXPECTED", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctstatus EXPECTED", C_TCP, EST, 1 },
	{ "-m conntrack ! --ctstatus ASSURED", C_TCP, EST, 0 },
	{ "-m conntrack --ctstatus EXPECTED,ASSURED", C_TCP, EST, 1 },
	{ "-m conntrack --ctstatus SEEN_REPLY", C_TCP, EST, 1 },
	{ "-m conntrack --ctstatus CONFIRMED", C_TCP, EST, 1 },
	{ "-m conntrack --ctstatus NONE", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctstatus NONE", C_TCP, EST, 1 },
	{ "-m conntrack --ctstatus NONE", C_ESP, NEW, 0 },
	{ "-m conntrack ! --ctstatus NONE", C_ESP, NEW, 1 },
	{ "-m conntrack --ctstatus CONFIRMED", C_ESP, NEW, 0 },
	{ "-m conntrack ! --ctstatus CONFIRMED", C_ESP, NEW, 1 },
	{ "-m conntrack --ctstatus SEEN_REPLY,ASSURED", C_SNAT, EST, 0 },
	{ "-m conntrack --ctstatus EXPECTED", C_FTPDATA, EST, 1 },
	{ "-m conntrack --ctstatus NONE,EXPECTED", C_FTPDATA, EST, 1 },

	/* ---- --ctdir: the ctinfo's direction */
	{ "-m conntrack --ctdir ORIGINAL", C_TCP, EST, 1 },
	{ "-m conntrack --ctdir REPLY", C_TCP, EST, 0 },
	{ "-m conntrack --ctdir ORIGINAL", C_TCP, EST_R, 0 },
	{ "-m conntrack --ctdir REPLY", C_TCP, EST_R, 1 },
	{ "-m conntrack --ctdir REPLY", C_TCP, REL_R, 1 },
	{ "-m conntrack --ctdir ORIGINAL", C_TCP, REL, 1 },
	{ "-m conntrack --ctdir ORIGINAL", C_ESP, NEW, 1 },
	{ "-m conntrack --ctdir reply", C_TCP, EST_R, 1 },

	/* ---- --ctexpire: nf_ct_expires(ct) / HZ, 100 s here */
	{ "-m conntrack --ctexpire 100", C_TCP, EST, 1 },
	{ "-m conntrack --ctexpire 101", C_TCP, EST, 0 },
	{ "-m conntrack --ctexpire 99", C_TCP, EST, 0 },
	{ "-m conntrack --ctexpire 0:100", C_TCP, EST, 1 },
	{ "-m conntrack --ctexpire 100:4294967295", C_TCP, EST, 1 },
	{ "-m conntrack --ctexpire 101:200", C_TCP, EST, 0 },
	{ "-m conntrack ! --ctexpire 101:200", C_TCP, EST, 1 },
	{ "-m conntrack ! --ctexpire 100", C_TCP, EST, 0 },
	{ "-m conntrack --ctexpire 200:100", C_TCP, EST, 0 },
	/* unconfirmed (the packet that creates it): its timeout is still
	 * relative (30 s) and nf_ct_expires takes it for absolute against
	 * the 32-bit jiffies of a host up for a while: 0 (recorded from
	 * Linux 6.18 in tests/kernel/scenarios/ct-match-status) */
	{ "-m conntrack --ctexpire 0", C_ESP, NEW, 1 },
	{ "-m conntrack --ctexpire 330", C_ESP, NEW, 0 },
	{ "-m conntrack --ctexpire 30", C_ESP, NEW, 0 },
	{ "-m conntrack ! --ctexpire 30", C_ESP, NEW, 1 },
	/* past its timeout: 0 (the kernel's max(..., 0)) */
	{ "-m conntrack --ctexpire 0", C_GONE, EST, 1 },
	{ "-m conntrack --ctexpire 1:10", C_GONE, EST, 0 },

	/* ---- several options: all must pass */
	{ "-m conntrack --ctstate ESTABLISHED --ctproto tcp --ctorigdstport 80"
	  " --ctdir ORIGINAL --ctstatus ASSURED --ctexpire 50:150", C_TCP, EST,
	  1 },
	{ "-m conntrack --ctstate ESTABLISHED --ctproto tcp --ctorigdstport 80"
	  " --ctdir ORIGINAL --ctstatus ASSURED", C_TCP, EST_R, 0 },
	{ "-m conntrack --ctstate ESTABLISHED --ctproto tcp ! --ctorigdstport "
	  "80", C_TCP, EST, 0 },

	/* ---- -m helper: the master's helper, compared over the length
	 * of the helper's name; no master or no helper: the inversion */
	{ "-m helper --helper ftp", C_FTPDATA, NEW, 1 },
	{ "-m helper --helper ftp", C_FTPDATA, EST_R, 1 },
	{ "-m helper ! --helper ftp", C_FTPDATA, NEW, 0 },
	{ "-m helper --helper ftp-21", C_FTPDATA, NEW, 1 },
	{ "-m helper --helper ft", C_FTPDATA, NEW, 0 },
	{ "-m helper ! --helper ft", C_FTPDATA, NEW, 1 },
	{ "-m helper --helper irc", C_FTPDATA, NEW, 0 },
	{ "-m helper --helper \"\"", C_FTPDATA, NEW, 1 },
	{ "-m helper ! --helper \"\"", C_FTPDATA, NEW, 0 },
	/* the control connection itself has no master */
	{ "-m helper --helper ftp", C_FTP, EST, 0 },
	{ "-m helper ! --helper ftp", C_FTP, EST, 1 },
	{ "-m helper --helper ftp", C_ORPHAN, NEW, 0 },
	{ "-m helper ! --helper ftp", C_ORPHAN, NEW, 1 },
	{ "-m helper --helper \"\"", C_ORPHAN, NEW, 0 },
	{ "-m helper ! --helper \"\"", C_ORPHAN, NEW, 1 },
	{ "-m helper --helper ftp", C_NONE, INV, 0 },
	{ "-m helper ! --helper ftp", C_NONE, INV, 1 },
	{ "-m helper ! --helper ftp", C_NONE, UNTR, 1 },
};

static struct ut_engine *
clock_engine(struct ut_ruleset **rs, struct ut_host **h)
{
	struct ut_err err;
	struct ut_engine *e;

	ut_err_clear(&err);
	*rs = ut_ruleset_new();
	*h = ut_host_new();
	e = *rs && *h ? ut_engine_new(*rs, *h, NULL, &err) : NULL;
	CHECK(e != NULL, "engine: %s", err.msg);
	if (e)
		ut_engine_advance(e, NOW);
	return e;
}

static struct ut_pkt *
packet(void)
{
	static const uint8_t b[20] = {
		0x45, 0, 0, 20, 0, 1, 0x40, 0, 64, 6, 0, 0,
		10, 0, 0, 1, 10, 0, 0, 2,
	};

	return ut_pkt_new(b, sizeof(b), sizeof(b));
}

static void
test_matches(struct ut_engine *e, struct ut_conn *conns)
{
	struct ut_table *t = ut_table_new(UT_TABLE_FILTER);
	int skipped = 0;

	CHECK(t != NULL, "out of memory");
	for (size_t i = 0; t && i < sizeof(match_cases) / sizeof(match_cases[0]);
	     i++) {
		const struct mcase *c = &match_cases[i];
		struct ut_rule *r = unit_rule_build(t, "INPUT", c->rule);
		struct ut_pkt *p = packet();
		struct ut_xt_par par;
		bool got;

		/* the master's helper needs the core's ftp helper */
		if (c->conn == C_FTPDATA && !conns[C_FTP].helper &&
		    strncmp(c->rule, "-m helper", 9) == 0) {
			skipped++;
			goto next;
		}
		if (!r || !p || r->n_matches != 1 ||
		    !r->matches[0].ext->match) {
			CHECK(0, "case %zu (%s): no match callback", i, c->rule);
			goto next;
		}
		p->nfct = c->conn == C_NONE ? NULL : &conns[c->conn];
		p->ctinfo = c->ctinfo;
		memset(&par, 0, sizeof(par));
		par.eng = e;
		par.pkt = p;
		par.hook = UT_HOOK_LOCAL_IN;
		par.table = "filter";
		par.data = r->matches[0].data;
		got = r->matches[0].ext->match(&par);
		CHECK(got == (c->want != 0) && !par.hotdrop,
		      "case %zu (%s, conn %d, ctinfo %u): %d, want %d", i,
		      c->rule, c->conn, c->ctinfo, got, c->want);
next:
		if (p)
			p->nfct = NULL; /* the connection is the test's */
		ut_pkt_free(p);
		ut_rule_free(r);
	}
	ut_table_free(t);
	if (skipped)
		unit_skip("%d -m helper cases of an ftp data connection (the "
			  "core has no ftp helper yet)", skipped);
}

/* ---- CT / NOTRACK -------------------------------------------------------- */

struct tcase {
	const char *rule;
	bool has_tmpl;      /* a template (no --notrack) */
	uint16_t zone;
	uint8_t dir;
	bool from_mark;
	const char *helper;
	uint32_t ct_events, exp_events;
};

/* the template xt_ct_tg_check builds: zone id, the direction from
 * xt_ct_flags_to_dir (--zone-orig alone ORIG, --zone-reply alone REPL,
 * else both), NF_CT_FLAG_MARK, the helper, the ecache masks (1 <<
 * IPCT_*, 1 << IPEXP_*) */
static const struct tcase tmpl_cases[] = {
	{ "-j CT", true, 0, UT_CT_ZONE_DIR_BOTH, false, NULL, 0, 0 },
	{ "-j CT --zone 5", true, 5, UT_CT_ZONE_DIR_BOTH, false, NULL, 0, 0 },
	{ "-j CT --zone 65535", true, 65535, UT_CT_ZONE_DIR_BOTH, false, NULL,
	  0, 0 },
	{ "-j CT --zone-orig 7", true, 7, UT_CT_ZONE_DIR_ORIG, false, NULL, 0,
	  0 },
	{ "-j CT --zone-reply 7", true, 7, UT_CT_ZONE_DIR_REPL, false, NULL, 0,
	  0 },
	{ "-j CT --zone mark", true, 0, UT_CT_ZONE_DIR_BOTH, true, NULL, 0,
	  0 },
	{ "-j CT --zone-reply mark", true, 0, UT_CT_ZONE_DIR_REPL, true, NULL,
	  0, 0 },
	/* both direction flags: both directions, the last id given */
	{ "-j CT --zone-orig 5 --zone-reply 6", true, 6, UT_CT_ZONE_DIR_BOTH,
	  false, NULL, 0, 0 },
	{ "-p tcp -j CT --helper ftp", true, 0, UT_CT_ZONE_DIR_BOTH, false,
	  "ftp", 0, 0 },
	/* IPCT_NEW 0, IPCT_DESTROY 2, IPCT_ASSURED 4, IPCT_SECMARK 9 */
	{ "-j CT --ctevents new,destroy", true, 0, UT_CT_ZONE_DIR_BOTH, false,
	  NULL, 0x5, 0 },
	{ "-j CT --ctevents assured,secmark", true, 0, UT_CT_ZONE_DIR_BOTH,
	  false, NULL, 0x210, 0 },
	{ "-j CT --expevents new", true, 0, UT_CT_ZONE_DIR_BOTH, false, NULL,
	  0, 0x1 },
	{ "-j CT --expevents new --ctevents new", true, 0, UT_CT_ZONE_DIR_BOTH,
	  false, NULL, 0x1, 0x1 },
	{ "-p tcp -j CT --helper ftp --zone 3 --ctevents related", true, 3,
	  UT_CT_ZONE_DIR_BOTH, false, "ftp", 0x2, 0 },
	/* --notrack: no template whatever else is given */
	{ "-j CT --notrack", false, 0, 0, false, NULL, 0, 0 },
	{ "-j CT --notrack --zone 5 --ctevents new", false, 0, 0, false, NULL,
	  0, 0 },
	{ "-j NOTRACK", false, 0, 0, false, NULL, 0, 0 },
};

static void
check_tmpl(size_t i, const struct tcase *c, const struct ut_ct_template *t)
{
	if (!c->has_tmpl) {
		CHECK(t == NULL, "ct case %zu (%s): a template", i, c->rule);
		return;
	}
	CHECK(t != NULL, "ct case %zu (%s): no template", i, c->rule);
	if (!t)
		return;
	CHECK(t->zone == c->zone && t->zone_dir == c->dir &&
	      t->zone_from_mark == c->from_mark,
	      "ct case %zu (%s): zone %u dir %u mark %d, want %u %u %d", i,
	      c->rule, t->zone, t->zone_dir, t->zone_from_mark, c->zone,
	      c->dir, c->from_mark);
	CHECK((t->helper == NULL) == (c->helper == NULL) &&
	      (!t->helper || strcmp(ut_ct_helper_name(t->helper),
				    c->helper) == 0),
	      "ct case %zu (%s): helper %s", i, c->rule,
	      t->helper ? ut_ct_helper_name(t->helper) : "(none)");
	CHECK(t->ctmask == c->ct_events && t->expmask == c->exp_events,
	      "ct case %zu (%s): events 0x%x/0x%x, want 0x%x/0x%x", i, c->rule,
	      t->ctmask, t->expmask, c->ct_events, c->exp_events);
}

/* ct_run: the target on p; the verdict is always XT_CONTINUE */
static void
ct_run(size_t i, const struct ut_rule *r, void *state, struct ut_pkt *p,
       struct ut_engine *e)
{
	struct ut_xt_par par;

	memset(&par, 0, sizeof(par));
	par.eng = e;
	par.pkt = p;
	par.hook = UT_HOOK_PRE_ROUTING;
	par.table = "raw";
	par.data = r->target.data;
	par.state = state;
	CHECK(r->target.ext->target(&par) == UT_XT_CONTINUE,
	      "ct case %zu: not XT_CONTINUE", i);
}

static void
test_ct_target(struct ut_engine *e, struct ut_conn *conns)
{
	struct ut_table *t = ut_table_new(UT_TABLE_RAW);
	static const struct ut_ct_template other = { .zone = 9 };

	CHECK(t != NULL, "out of memory");
	for (size_t i = 0; t && i < sizeof(tmpl_cases) / sizeof(tmpl_cases[0]);
	     i++) {
		const struct tcase *c = &tmpl_cases[i];
		struct ut_rule *r = unit_rule_build(t, "PREROUTING", c->rule);
		const struct ut_ext *x;
		struct ut_pkt *p = packet();
		struct ut_err err;
		void *state = NULL;

		if (!r || !p || r->verdict != UT_V_EXT ||
		    !r->target.ext->target || !r->target.ext->state_new) {
			CHECK(0, "ct case %zu (%s): no target", i, c->rule);
			goto next;
		}
		x = r->target.ext;
		ut_err_clear(&err);
		if (c->helper && !ut_ct_helper_find(c->helper)) {
			/* a helper the kernel has and the core does not
			 * model: the engine refuses the rule set */
			CHECK(x->state_new(e, r->target.data, &state, &err) < 0
			      && strstr(err.msg, "--helper") != NULL,
			      "ct case %zu (%s): accepted without its helper",
			      i, c->rule);
			goto next;
		}
		CHECK(x->state_new(e, r->target.data, &state, &err) == 0,
		      "ct case %zu: %s", i, err.msg);
		check_tmpl(i, c, state);

		/* a fresh packet: --notrack makes it untracked, a template
		 * does not */
		ct_run(i, r, state, p, e);
		CHECK(ut_ct_is_untracked(p) == !c->has_tmpl && !p->nfct &&
		      p->nfct_tmpl == state,
		      "ct case %zu (%s): untracked %d, template %p", i,
		      c->rule, ut_ct_is_untracked(p), p->nfct_tmpl);
		ut_pkt_free(p);
		/* a template from an earlier CT rule: the first one wins,
		 * and the packet is not made untracked either */
		p = packet();
		if (!p)
			goto next;
		p->nfct_tmpl = &other;
		ct_run(i, r, state, p, e);
		CHECK(!ut_ct_is_untracked(p) && p->nfct_tmpl == &other,
		      "ct case %zu (%s): earlier template replaced", i,
		      c->rule);
		ut_pkt_free(p);
		/* already untracked (an earlier NOTRACK): stays so */
		p = packet();
		if (!p)
			goto next;
		p->ctinfo = UT_CT_UNTRACKED;
		ct_run(i, r, state, p, e);
		CHECK(ut_ct_is_untracked(p) && !p->nfct,
		      "ct case %zu (%s): untracked packet changed", i, c->rule);
		/* a packet that has its connection (looped back): left
		 * alone */
		p->nfct = &conns[C_TCP];
		p->ctinfo = UT_CT_ESTABLISHED_REPLY;
		ct_run(i, r, state, p, e);
		CHECK(p->nfct == &conns[C_TCP] &&
		      p->ctinfo == UT_CT_ESTABLISHED_REPLY,
		      "ct case %zu (%s): tracked packet changed", i, c->rule);
		p->nfct = NULL;
		if (state)
			x->state_free(e, state);
next:
		ut_pkt_free(p);
		ut_rule_free(r);
	}
	ut_table_free(t);
}

/* test_expire_late: 400 s after the engine's first packet the 32-bit
 * jiffies have wrapped past an unconfirmed entry's relative 30 s: the
 * kernel's nf_ct_expires is 0 for it, and a confirmed entry still shows
 * what is left of its timeout */
static void
test_expire_late(struct ut_engine *e, struct ut_conn *conns)
{
	static const struct mcase cases[] = {
		{ "-m conntrack --ctexpire 0", C_ESP, NEW, 1 },
		{ "-m conntrack --ctexpire 30", C_ESP, NEW, 0 },
		{ "-m conntrack --ctexpire 600", C_TCP, EST, 1 },
	};
	struct ut_table *t = ut_table_new(UT_TABLE_FILTER);

	ut_engine_advance(e, NOW + 400 * NS);
	expire(&conns[C_ESP], e, 30, 0);
	expire(&conns[C_TCP], e, 600, 1);
	for (size_t i = 0; t && i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ut_rule *r = unit_rule_build(t, "INPUT", cases[i].rule);
		struct ut_pkt *p = packet();
		struct ut_xt_par par;

		if (!r || !p) {
			CHECK(0, "late case %zu: no rule", i);
			goto next;
		}
		p->nfct = &conns[cases[i].conn];
		p->ctinfo = cases[i].ctinfo;
		memset(&par, 0, sizeof(par));
		par.eng = e;
		par.pkt = p;
		par.data = r->matches[0].data;
		CHECK(r->matches[0].ext->match(&par) == (cases[i].want != 0),
		      "late case %zu (%s): want %d", i, cases[i].rule,
		      cases[i].want);
		p->nfct = NULL;
next:
		ut_pkt_free(p);
		ut_rule_free(r);
	}
	ut_table_free(t);
}

void
test_ct_ext(void)
{
	struct ut_ruleset *rs = NULL;
	struct ut_host *h = NULL;
	struct ut_engine *e = clock_engine(&rs, &h);
	struct ut_conn conns[C_MAX];

	if (!e)
		goto out;
	conns_init(conns, e);
	test_matches(e, conns);
	test_ct_target(e, conns);
	test_expire_late(e, conns);
	ut_engine_free(e);
out:
	ut_host_free(h);
	ut_ruleset_free(rs);
}
