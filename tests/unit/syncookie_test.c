/* syncookie_test.c: SipHash-2-4 against the reference vector, and the
 * cookie's properties from net/ipv4/syncookies.c: it carries the MSS
 * table index, an ACK of cookie + 1 from the same client is good for
 * the minute counter it was made in and the next only, any other ACK
 * number is not, and the keys come from the HOST or from the seed. */
#include <stdlib.h>

#include "engine/engine.h"
#include "engine/syncookie.h"
#include "host/host.h"
#include "rules/ruleset.h"
#include "unit.h"

#define T0 1700000000000000000ull
#define SEC 1000000000ull

/* a SYN 192.0.2.2:40000 -> 198.51.100.2:80 with ISN isn (ip: 20 bytes,
 * th: 20) */
static void
make_syn(uint8_t *ip, uint32_t isn)
{
	static const uint8_t hdr[40] = {
		0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0,
		192, 0, 2, 2, 198, 51, 100, 2,
		0x9c, 0x40, 0, 80,
	};

	memcpy(ip, hdr, 40);
	ut_put32(ip + 24, isn);
	ip[33] = 0x02;
}

/* the client's ACK of the SYN/ACK whose sequence number was cookie */
static void
make_ack(uint8_t *ip, uint32_t isn, uint32_t cookie)
{
	make_syn(ip, isn + 1);
	ut_put32(ip + 28, cookie + 1);
	ip[33] = 0x10;
}

static struct ut_engine *
engine(struct ut_host *h, const struct ut_ruleset *rs, uint64_t seed)
{
	struct ut_err err;
	struct ut_engine *e;

	ut_err_clear(&err);
	e = ut_engine_new(rs, h, NULL, &err);
	CHECK(e != NULL, "engine: %s", err.msg);
	if (e) {
		ut_engine_seed(e, seed);
		ut_engine_advance(e, T0);
	}
	return e;
}

void
test_syncookie(void)
{
	/* SipHash-2-4, key 00..0f, message 00..0f: the reference vector */
	const uint64_t key[2] = { 0x0706050403020100ull,
				  0x0f0e0d0c0b0a0908ull };
	static const struct {
		uint16_t mss, encoded;
	} mss_cases[] = {
		{ 1460, 1460 }, { 9000, 1460 }, { 1459, 1440 }, { 1400, 1300 },
		{ 1300, 1300 }, { 1299, 536 }, { 100, 536 }, { 0, 536 },
	};
	struct ut_ruleset *rs = ut_ruleset_new();
	struct ut_host *h = ut_host_new(), *hs = ut_host_new();
	struct ut_engine *e, *e2;
	struct ut_err err;
	uint8_t syn[40], ack[40];
	uint32_t cookie;
	uint16_t mss;

	CHECK(ut_siphash_4u32(0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c,
			      key) == 0x3f2acc7f57c29bdbull, "siphash vector");
	ut_err_clear(&err);
	CHECK(ut_host_parse(hs, "syncookie secret 000102030405060708090a0b0c"
			    "0d0e0f101112131415161718191a1b1c1d1e1f\n", "h",
			    &err) == 0, "secret: %s", err.msg);
	CHECK(hs->has_syncookie_secret &&
	      hs->syncookie_secret[0][0] == key[0] &&
	      hs->syncookie_secret[0][1] == key[1] &&
	      hs->syncookie_secret[1][0] == 0x1716151413121110ull,
	      "secret words as the kernel stores them");
	e = engine(hs, rs, 0);
	if (!e)
		goto out;
	make_syn(syn, 1000);
	for (size_t i = 0; i < sizeof(mss_cases) / sizeof(mss_cases[0]); i++) {
		mss = mss_cases[i].mss;
		cookie = ut_syncookie_v4_init(e, syn, syn + 20, &mss);
		make_ack(ack, 1000, cookie);
		CHECK(mss == mss_cases[i].encoded &&
		      ut_syncookie_v4_check(e, ack, ack + 20) == mss,
		      "mss %u: encoded %u, checked %u", mss_cases[i].mss, mss,
		      ut_syncookie_v4_check(e, ack, ack + 20));
	}
	mss = 1460;
	cookie = ut_syncookie_v4_init(e, syn, syn + 20, &mss);
	make_ack(ack, 1000, cookie + 1);
	CHECK(ut_syncookie_v4_check(e, ack, ack + 20) == 0, "cookie + 2");
	make_ack(ack, 5000, cookie);
	CHECK(ut_syncookie_v4_check(e, ack, ack + 20) == 0, "other ISN");
	/* the ISN is added, not hashed: one more moves the index down one
	 * (1460 -> 1440), as in the kernel */
	make_ack(ack, 1001, cookie);
	CHECK(ut_syncookie_v4_check(e, ack, ack + 20) == 1440, "ISN + 1");
	make_ack(ack, 1000, cookie);
	ack[15] = 3; /* another client */
	CHECK(ut_syncookie_v4_check(e, ack, ack + 20) == 0, "other client");
	make_ack(ack, 1000, cookie);
	ut_engine_advance(e, T0 + 50 * SEC);
	CHECK(ut_syncookie_v4_check(e, ack, ack + 20) == 1460,
	      "good 50 s later (the counter may have moved once)");
	ut_engine_advance(e, T0 + 150 * SEC);
	CHECK(ut_syncookie_v4_check(e, ack, ack + 20) == 0,
	      "expired 150 s later (two counter steps at least)");
	/* keys from the seed: the same seed the same cookie, another not */
	ut_engine_free(e);
	e = engine(h, rs, 1);
	e2 = engine(h, rs, 1);
	if (e && e2) {
		uint16_t m2 = 1460;

		mss = 1460;
		cookie = ut_syncookie_v4_init(e, syn, syn + 20, &mss);
		CHECK(cookie == ut_syncookie_v4_init(e2, syn, syn + 20, &m2),
		      "same seed, same keys");
		ut_engine_seed(e2, 2);
		CHECK(cookie != ut_syncookie_v4_init(e2, syn, syn + 20, &m2),
		      "another seed, other keys");
	}
	ut_engine_free(e2);
out:
	ut_engine_free(e);
	ut_host_free(hs);
	ut_host_free(h);
	ut_ruleset_free(rs);
}
