/* xt_ipcomp.c: the ipcomp match (-p ipcomp [-m ipcomp] --ipcompspi,
 * --compres); reproduces iptables 1.8.9 extensions/libxt_ipcomp.c and the
 * checkentry and match of Linux net/netfilter/xt_ipcomp.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/spi.h"

/* struct xt_ipcomp (linux/netfilter/xt_ipcomp.h) */
struct ut_ipcomp_info {
	uint32_t spis[2];  /* CPI range, host order, inclusive */
	uint8_t invflags;  /* UT_IPCOMP_INV_* */
	uint8_t hdrres;    /* --compres: reserved fields must be zero (the
			    * kernel ignores it) */
};

enum {
	UT_IPCOMP_INV_SPI = 0x01,
	UT_IPCOMP_INV_MASK = 0x01,
};

enum {
	O_SPI = 0,
	O_RES,
};

static const struct ut_opt ipcomp_opts[] = {
	{ .name = "ipcompspi", .id = O_SPI, .type = UT_OPT_UINT32RC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_ipcomp_info, spis) },
	{ .name = "compres", .id = O_RES, .type = UT_OPT_NONE },
	UT_OPT_END
};

/* No init: unlike ah and esp, libxt_ipcomp leaves the range at 0:0, so a
 * bare "-m ipcomp" matches CPI 0 and saves as "--ipcompspi 0". */
static int
ipcomp_parse(struct ut_opt_call *call)
{
	struct ut_ipcomp_info *info = call->data;

	switch (call->opt->id) {
	case O_SPI:
		if (call->nvals == 1)
			info->spis[1] = info->spis[0];
		if (call->invert)
			info->invflags |= UT_IPCOMP_INV_SPI;
		break;
	case O_RES:
		info->hdrres = 1;
		break;
	}
	return 0;
}

static void
ipcomp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ipcomp_info *info = pc->data;

	/* " comp " with its trailing space, then "spi:..." unspaced */
	ut_buf_puts(out, " comp ");
	ut_spi_print(out, info->spis, info->invflags & UT_IPCOMP_INV_SPI);
	if (info->hdrres)
		ut_buf_puts(out, " reserved");
	if (info->invflags & ~UT_IPCOMP_INV_MASK)
		ut_buf_printf(out, " Unknown invflags: 0x%X",
			      info->invflags & ~UT_IPCOMP_INV_MASK);
}

static void
ipcomp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_ipcomp_info *info = pc->data;

	ut_spi_save(out, "ipcompspi", info->spis,
		    info->invflags & UT_IPCOMP_INV_SPI);
	if (info->hdrres)
		ut_buf_puts(out, " --compres");
}

/* comp_mt_check: unknown inversion flags. */
static int
ipcomp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_ipcomp_info *info = kc->data;

	if (info->invflags & ~UT_IPCOMP_INV_MASK) {
		ut_buf_printf(kc->dmesg, "xt_ipcomp: unknown flags %X",
			      info->invflags);
		return -EINVAL;
	}
	return 0;
}

/* comp_mt (net/netfilter/xt_ipcomp.c): a non-first fragment never
 * matches; a packet without the whole 4-byte header (struct ip_comp_hdr:
 * next header, flags, CPI) is hot-dropped. The 16-bit CPI is compared
 * with the 32-bit range; --compres (hdrres) is not looked at. */
static bool
ipcomp_match(struct ut_xt_par *par)
{
	const struct ut_ipcomp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	uint32_t cpi;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 4 > p->len) {
		par->hotdrop = true;
		return false;
	}
	cpi = ut_get16(p->ip + par->thoff + 2);
	return (cpi >= info->spis[0] && cpi <= info->spis[1]) ^
	       !!(info->invflags & UT_IPCOMP_INV_SPI);
}

const struct ut_ext ut_ext_ipcomp = {
	.name = "ipcomp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_ipcomp_info),
	.opts = ipcomp_opts,
	.proto = 108, /* IPPROTO_COMP */
	.parse = ipcomp_parse,
	.print = ipcomp_print,
	.save = ipcomp_save,
	.kcheck = ipcomp_kcheck,
	.match = ipcomp_match,
};
