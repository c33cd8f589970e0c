/* xt_esp.c: the esp match (-p esp [-m esp] --espspi); reproduces iptables
 * 1.8.9 extensions/libxt_esp.c and the checkentry and match of Linux
 * net/netfilter/xt_esp.c. */
#include <errno.h>
#include <stddef.h>

#include "engine/engine.h"
#include "rules/ext.h"
#include "ext/spi.h"

/* struct xt_esp (linux/netfilter/xt_esp.h) */
struct ut_esp_info {
	uint32_t spis[2];  /* SPI range, host order, inclusive */
	uint8_t invflags;  /* UT_ESP_INV_* */
};

enum {
	UT_ESP_INV_SPI = 0x01,
	UT_ESP_INV_MASK = 0x01,
};

enum {
	O_ESPSPI = 0,
};

static const struct ut_opt esp_opts[] = {
	{ .name = "espspi", .id = O_ESPSPI, .type = UT_OPT_UINT32RC,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_esp_info, spis) },
	UT_OPT_END
};

static void
esp_init(void *data)
{
	struct ut_esp_info *info = data;

	info->spis[1] = UINT32_MAX;
}

static int
esp_parse(struct ut_opt_call *call)
{
	struct ut_esp_info *info = call->data;

	/* "a:b" is taken as given, even when a > b (1.8.9 does not check) */
	if (call->nvals == 1)
		info->spis[1] = info->spis[0];
	if (call->invert)
		info->invflags |= UT_ESP_INV_SPI;
	return 0;
}

static void
esp_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_esp_info *info = pc->data;
	bool inv = info->invflags & UT_ESP_INV_SPI;

	ut_buf_puts(out, " esp");
	if (info->spis[0] != 0 || info->spis[1] != UINT32_MAX || inv)
		ut_buf_putc(out, ' ');
	ut_spi_print(out, info->spis, inv);
	if (info->invflags & ~UT_ESP_INV_MASK)
		ut_buf_printf(out, " Unknown invflags: 0x%X",
			      info->invflags & ~UT_ESP_INV_MASK);
}

static void
esp_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_esp_info *info = pc->data;

	ut_spi_save(out, "espspi", info->spis, info->invflags & UT_ESP_INV_SPI);
}

/* esp_mt_check: unknown inversion flags (logged at debug level only). */
static int
esp_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_esp_info *info = kc->data;

	return (info->invflags & ~UT_ESP_INV_MASK) ? -EINVAL : 0;
}

/* esp_mt (net/netfilter/xt_esp.c): a non-first fragment never matches;
 * a packet without the whole 8-byte ESP header (struct ip_esp_hdr: SPI,
 * sequence number) is hot-dropped. */
static bool
esp_match(struct ut_xt_par *par)
{
	const struct ut_esp_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	uint32_t spi;

	if (par->fragoff != 0)
		return false;
	if ((uint64_t)par->thoff + 8 > p->len) {
		par->hotdrop = true;
		return false;
	}
	spi = ut_get32(p->ip + par->thoff);
	return (spi >= info->spis[0] && spi <= info->spis[1]) ^
	       !!(info->invflags & UT_ESP_INV_SPI);
}

const struct ut_ext ut_ext_esp = {
	.name = "esp",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_esp_info),
	.opts = esp_opts,
	.proto = 50, /* IPPROTO_ESP */
	.init = esp_init,
	.parse = esp_parse,
	.print = esp_print,
	.save = esp_save,
	.kcheck = esp_kcheck,
	.match = esp_match,
};
