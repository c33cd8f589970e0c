/* neigh_test.c: the neighbour state machine's timing (neigh.c) and the
 * timer wheel's rounding (clock.c), against the kernel's rules:
 *
 * - __neigh_event_send: the first packet for an unknown next hop sends a
 *   request at once and arms the entry's timer for retrans_time (HZ
 *   jiffies); neigh_timer_handler sends the next one and re-arms, until
 *   ucast_solicit + app_solicit + mcast_solicit probes are counted (the
 *   count starts at ucast_solicit): 3 requests, then FAILED and an ICMP
 *   host unreachable per queued packet, oldest first.
 * - the timer wheel: a 250-jiffy timer lives on level 1 (granularity 8
 *   jiffies) and runs at the first multiple of 8 after its expiry. The
 *   engine's jiffies start at INITIAL_JIFFIES (-75000: a multiple of 8) at the
 *   first packet, so a request at jiffy 0 is retried at jiffy 256
 *   (1.024 s), 512, and fails at 768 (3.072 s): the steps of 1.024 s the
 *   kernel recordings show (path-arp-fail).
 * - arp_process: a unicast reply from the next hop resolves the INCOMPLETE
 *   entry and the queued packets leave at once; no more requests.
 * - unres_qlen_bytes: the oldest queued packet goes when the next one
 *   would exceed it (truesize of a 33-byte packet: 832, as the kernel's
 *   queue of 256 such packets under 212992 bytes measures).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "host/host.h"
#include "unit.h"

#define T0 1700000000000000000ull
#define MS 1000000ull
#define JIFFY (4 * MS)      /* HZ 250 */

struct txrec {
	char dev[16];
	uint64_t ts;
	uint8_t frame[128];
	size_t len;
};

static struct txrec txs[64];
static size_t n_tx;

static void
rec_tx(void *ctx, const struct ut_iface *dev, uint64_t ts,
       const uint8_t *frame, size_t len)
{
	struct txrec *r;

	(void)ctx;
	if (n_tx == 64)
		return;
	r = &txs[n_tx++];
	snprintf(r->dev, sizeof(r->dev), "%s", dev->name);
	r->ts = ts;
	r->len = len < sizeof(r->frame) ? len : sizeof(r->frame);
	memcpy(r->frame, frame, r->len);
}

static const char HOST_TEXT[] =
	"link add eth0 address 02:00:00:00:01:00\n"
	"link add eth1 address 02:00:00:00:01:01\n"
	"addr add 192.0.2.1/24 dev eth0\n"
	"addr add 198.51.100.1/24 dev eth1\n"
	"route add default via 198.51.100.2 dev eth1\n"
	"neigh add 192.0.2.2 lladdr 02:00:00:00:00:01 dev eth0\n"
	"neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev eth1\n"
	"sysctl net.ipv4.ip_forward=1\n"
	"sysctl net.ipv4.conf.all.rp_filter=0\n"
	"sysctl net.ipv4.conf.default.rp_filter=0\n";

struct bench {
	struct ut_ruleset *rs;
	struct ut_host *h;
	struct ut_engine *e;
	const struct ut_iface *eth0, *eth1;
};

static bool
bench_new(struct bench *b, const char *extra)
{
	struct ut_engine_sink sink = { .tx = rec_tx };
	struct ut_err err;
	char text[2048];

	memset(b, 0, sizeof(*b));
	ut_err_clear(&err);
	snprintf(text, sizeof(text), "%s%s", HOST_TEXT, extra);
	b->rs = ut_ruleset_new();
	b->h = ut_host_new();
	CHECK(b->h && ut_host_parse(b->h, text, "HOST", &err) == 0,
	      "host: %s", err.msg);
	b->e = b->rs && b->h && !err.status ?
	       ut_engine_new(b->rs, b->h, &sink, &err) : NULL;
	CHECK(b->e != NULL, "engine: %s", err.msg);
	if (!b->e)
		return false;
	b->eth0 = ut_host_iface(b->h, "eth0");
	b->eth1 = ut_host_iface(b->h, "eth1");
	n_tx = 0;
	return true;
}

static void
bench_free(struct bench *b)
{
	ut_engine_free(b->e);
	ut_ruleset_free(b->rs);
	ut_host_free(b->h);
}

/* a client's UDP datagram (33 bytes of IP) to dst, in a frame for eth0 */
static size_t
client_frame(uint8_t *f, const char *dst4, uint16_t id)
{
	static const uint8_t head[] = {
		0x02, 0, 0, 0, 0x01, 0x00, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
		0x45, 0, 0, 33, 0, 0, 0, 0, 64, 17, 0, 0, 192, 0, 2, 2,
	};
	unsigned a, b2, c, d;

	memcpy(f, head, sizeof(head));
	ut_put16(f + 18, id);
	sscanf(dst4, "%u.%u.%u.%u", &a, &b2, &c, &d);
	f[30] = (uint8_t)a;
	f[31] = (uint8_t)b2;
	f[32] = (uint8_t)c;
	f[33] = (uint8_t)d;
	memset(f + 34, 0, 13);
	ut_put16(f + 34, 30000);
	ut_put16(f + 36, 7);
	ut_put16(f + 38, 13);
	memcpy(f + 42, "hello", 5);
	ut_ip_send_check(f + 14);
	return 47;
}

static void
client_send(struct bench *b, uint64_t ts, const char *dst, uint16_t id)
{
	uint8_t f[64];
	size_t n = client_frame(f, dst, id);

	ut_engine_rx(b->e, b->eth0, ts, id, f, n);
}

static bool
is_arp_request(const struct txrec *r, const char *dev, const uint8_t tip[4])
{
	return strcmp(r->dev, dev) == 0 && r->len == 42 &&
	       ut_get16(r->frame + 12) == UT_ETH_P_ARP &&
	       ut_get16(r->frame + 20) == 1 &&
	       memcmp(r->frame, "\xff\xff\xff\xff\xff\xff", 6) == 0 &&
	       memcmp(r->frame + 38, tip, 4) == 0;
}

/* an ICMP host unreachable (3/1) on eth0 quoting the datagram with id */
static bool
is_host_unreach(const struct txrec *r, uint16_t id)
{
	const uint8_t *ip = r->frame + 14;

	return strcmp(r->dev, "eth0") == 0 && r->len >= 14 + 28 + 28 &&
	       ip[9] == 1 && ip[20] == 3 && ip[21] == 1 &&
	       ut_get16(ip + 28 + 4) == id &&
	       ip[28 + 8] == 63; /* quoted after forwarding: TTL - 1 */
}

static const uint8_t N7[4] = { 198, 51, 100, 7 };

static void
test_neigh_fail_timing(void)
{
	static const uint64_t want_arp[] = { 0, 256 * JIFFY, 512 * JIFFY };
	struct bench b;

	if (!bench_new(&b, ""))
		return;
	client_send(&b, T0, "198.51.100.7", 1);
	client_send(&b, T0 + 500 * MS, "198.51.100.7", 2);
	ut_engine_advance(b.e, T0 + 10000 * MS);
	CHECK(n_tx == 5, "frames: %zu, want 3 requests + 2 errors", n_tx);
	for (size_t i = 0; i < 3 && i < n_tx; i++) {
		CHECK(is_arp_request(&txs[i], "eth1", N7), "frame %zu not the "
		      "request for .7", i);
		CHECK(txs[i].ts == T0 + want_arp[i], "request %zu at +%llu ns",
		      i, (unsigned long long)(txs[i].ts - T0));
	}
	for (size_t i = 3; i < 5 && i < n_tx; i++) {
		CHECK(is_host_unreach(&txs[i], (uint16_t)(i - 2)),
		      "frame %zu: not the unreachable for packet %zu", i, i - 2);
		CHECK(txs[i].ts == T0 + 768 * JIFFY, "error %zu at +%llu ns",
		      i, (unsigned long long)(txs[i].ts - T0));
	}
	CHECK(ut_engine_stats(b.e)->drops[UT_DROP_NO_NEIGH] == 2,
	      "no-neigh drops %lu",
	      ut_engine_stats(b.e)->drops[UT_DROP_NO_NEIGH]);
	/* a later packet starts again: a request now, none before */
	n_tx = 0;
	client_send(&b, T0 + 10000 * MS, "198.51.100.7", 3);
	CHECK(n_tx == 1 && is_arp_request(&txs[0], "eth1", N7) &&
	      txs[0].ts == T0 + 10000 * MS, "restart: %zu frames", n_tx);
	bench_free(&b);
}

static void
test_neigh_wheel_phase(void)
{
	struct bench b;

	if (!bench_new(&b, ""))
		return;
	/* the clock starts with a packet to a listed neighbour */
	client_send(&b, T0, "198.51.100.2", 1);
	/* 10 ms later, jiffy 2: expiry 252 runs at 256; then 256 + 250 ->
	 * 512, 512 + 250 -> 768 */
	client_send(&b, T0 + 10 * MS, "198.51.100.7", 2);
	ut_engine_advance(b.e, T0 + 5000 * MS);
	CHECK(n_tx == 5, "frames: %zu", n_tx);
	if (n_tx == 5) {
		CHECK(txs[1].ts == T0 + 10 * MS, "first request");
		CHECK(txs[2].ts == T0 + 256 * JIFFY, "second request +%llu",
		      (unsigned long long)(txs[2].ts - T0));
		CHECK(txs[3].ts == T0 + 512 * JIFFY, "third request");
		CHECK(is_host_unreach(&txs[4], 2) &&
		      txs[4].ts == T0 + 768 * JIFFY, "error +%llu",
		      (unsigned long long)(txs[4].ts - T0));
	}
	/* ut_clock_timer_expiry itself: level 0 (1 jiffy, rounded up by
	 * one), level 1 (8), level 3 (512: 30 s at HZ 250) */
	{
		unsigned long j = ut_engine_jiffies(b.e);
		uint64_t now = ut_engine_now_ns(b.e);
		uint64_t base = now - (now - T0) % JIFFY;

		CHECK(ut_clock_timer_expiry(b.e, j + 10) == base + 11 * JIFFY,
		      "level 0");
		CHECK(ut_clock_timer_expiry(b.e, j - 5) == base + JIFFY,
		      "past expiry: next jiffy");
		uint64_t at = ut_clock_timer_expiry(b.e, j + 7500);
		unsigned long fj = (unsigned long)(-300L * 250) +
				   (unsigned long)((at - T0) / JIFFY);

		CHECK(fj % 512 == 0 && fj - j > 7500 && fj - j <= 7500 + 512,
		      "level 3: jiffy %lu for %lu", fj, j + 7500);
	}
	bench_free(&b);
}

static void
test_neigh_reply(void)
{
	static const uint8_t reply[42] = {
		0x02, 0, 0, 0, 0x01, 0x01, 0x02, 0, 0, 0, 0, 0x07, 0x08, 0x06,
		0, 1, 0x08, 0, 6, 4, 0, 2, 0x02, 0, 0, 0, 0, 0x07,
		198, 51, 100, 7, 0x02, 0, 0, 0, 0x01, 0x01, 198, 51, 100, 1,
	};
	struct bench b;

	if (!bench_new(&b, ""))
		return;
	client_send(&b, T0, "198.51.100.7", 1);
	ut_engine_rx(b.e, b.eth1, T0 + 100 * MS, 2, reply, sizeof(reply));
	client_send(&b, T0 + 200 * MS, "198.51.100.7", 3);
	ut_engine_advance(b.e, T0 + 10000 * MS);
	CHECK(n_tx == 3, "frames: %zu (request, 2 datagrams)", n_tx);
	if (n_tx == 3) {
		CHECK(is_arp_request(&txs[0], "eth1", N7), "request");
		CHECK(txs[1].ts == T0 + 100 * MS &&
		      memcmp(txs[1].frame, "\x02\x00\x00\x00\x00\x07", 6) == 0 &&
		      ut_get16(txs[1].frame + 18) == 1,
		      "queued packet at the reply, to its MAC");
		CHECK(txs[2].ts == T0 + 200 * MS && ut_get16(txs[2].frame + 18) ==
		      3, "later packet at once");
	}
	bench_free(&b);
}

static void
test_neigh_queue_limit(void)
{
	struct bench b;

	/* 2 * 832 <= 2000 < 3 * 832: two fit */
	if (!bench_new(&b, "sysctl net.ipv4.neigh.eth1.unres_qlen_bytes=2000\n"
		       "sysctl net.ipv4.neigh.eth1.mcast_solicit=1\n"))
		return;
	client_send(&b, T0, "198.51.100.7", 1);
	client_send(&b, T0 + 10 * MS, "198.51.100.7", 2);
	client_send(&b, T0 + 20 * MS, "198.51.100.7", 3);
	ut_engine_advance(b.e, T0 + 10000 * MS);
	/* one request (mcast_solicit 1), failure at the first timer */
	CHECK(n_tx == 3, "frames: %zu", n_tx);
	if (n_tx == 3) {
		CHECK(is_arp_request(&txs[0], "eth1", N7), "request");
		CHECK(is_host_unreach(&txs[1], 2) && is_host_unreach(&txs[2], 3),
		      "errors for the two packets kept");
		CHECK(txs[1].ts == T0 + 256 * JIFFY, "failure at +%llu",
		      (unsigned long long)(txs[1].ts - T0));
	}
	CHECK(ut_engine_stats(b.e)->drops[UT_DROP_NO_NEIGH] == 3,
	      "drops %lu", ut_engine_stats(b.e)->drops[UT_DROP_NO_NEIGH]);
	bench_free(&b);
}

void
test_neigh(void)
{
	test_neigh_fail_timing();
	test_neigh_wheel_phase();
	test_neigh_reply();
	test_neigh_queue_limit();
}
