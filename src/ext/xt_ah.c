/* xt_ah.c: the IPv4 ah match (-p ah [-m ah] --ahspi); reproduces iptables
 * 1.8.9 extensions/libipt_ah.c and the checkentry and match of Linux
 * net/ipv4/netfilter/ipt_ah.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/spi.h"

/* struct ipt_ah (linux/netfilter_ipv4/ipt_ah.h) */
struct ut_ah_info {
	uint32_t spis[2];  /* SPI range, host order, inclusive */
	uint8_t invflags;  /* UT_AH_INV_* */
};

enum {
	UT_AH_INV_SPI = 0x01,
	UT_AH_INV_MASK = 0x01,
};

enum {
	O_AHSPI = 0,
};

static const struct ut_opt ah_opts[] = {
	{ .name = "ahspi", .id = O_AHSPI, .type = UT_OPT_UINT32RC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ah_info, spis) },
	UT_OPT_END
};

static void
ah_init(void *data)
{
	struct ut_ah_info *info = data;

	info->spis[1] = UINT32_MAX;
}

static int
ah_parse(struct ut_opt_call *call)
{
	struct ut_ah_info *info = call->data;

	/* one value means exactly that SPI; "a:b" is taken as given, even
	 * when a > b (1.8.9 does not check) */
	if (call->nvals == 1)
		info->spis[1] = info->spis[0];
	if (call->invert)
		info->invflags |= UT_AH_INV_SPI;
	return 0;
}

static void
ah_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ah_info *info = pc->data;

	/* " ah " with its trailing space, then "spi:..." unspaced */
	ut_buf_puts(out, " ah ");
	ut_spi_print(out, info->spis, info->invflags & UT_AH_INV_SPI);
	if (info->invflags & ~UT_AH_INV_MASK)
		ut_buf_printf(out, " Unknown invflags: 0x%X",
			      info->invflags & ~UT_AH_INV_MASK);
}

static void
ah_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ah_info *info = pc->data;

	ut_spi_save(out, "ahspi", info->spis, info->invflags & UT_AH_INV_SPI);
}

/* ah_mt_check: unknown inversion flags (logged at debug level only). */
static int
ah_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_ah_info *info = kc->data;

	return (info->invflags & ~UT_AH_INV_MASK) ? -EINVAL : 0;
}

/* ah_mt (net/ipv4/netfilter/ipt_ah.c): a non-first fragment never
 * matches; a packet without the whole 12-byte AH header (struct
 * ip_auth_hdr: next header, length, reserved, SPI, sequence number) is
 * hot-dropped. The SPI is at offset 4. */
static bool
ah_match(struct ut_xt_par *par)
{
	const struct ut_ah_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	uint32_t spi;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 12 > p->len) {
		par->hotdrop = true;
		return false;
	}
	spi = ut_get32(p->ip + par->thoff + 4);
	return (spi >= info->spis[0] && spi <= info->spis[1]) ^
	       !!(info->invflags & UT_AH_INV_SPI);
}

const struct ut_ext ut_ext_ah = {
	.name = "ah",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_ah_info),
	.opts = ah_opts,
	.proto = 51, /* IPPROTO_AH */
	.init = ah_init,
	.parse = ah_parse,
	.print = ah_print,
	.save = ah_save,
	.kcheck = ah_kcheck,
	.match = ah_match,
};
