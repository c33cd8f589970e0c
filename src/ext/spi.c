/* spi.c: SPI range print/save of the ah, esp and ipcomp matches. */
#include "ext/spi.h"

void
ut_spi_save(struct ut_buf *out, const char *opt, const uint32_t spis[2],
	    bool invert)
{
	if (spis[0] == 0 && spis[1] == UINT32_MAX)
		return;
	ut_buf_printf(out, "%s --%s ", invert ? " !" : "", opt);
	if (spis[0] != spis[1])
		ut_buf_printf(out, "%u:%u", spis[0], spis[1]);
	else
		ut_buf_printf(out, "%u", spis[0]);
}

void
ut_spi_print(struct ut_buf *out, const uint32_t spis[2], bool invert)
{
	const char *inv = invert ? "!" : "";

	if (spis[0] == 0 && spis[1] == UINT32_MAX && !invert)
		return;
	if (spis[0] == spis[1])
		ut_buf_printf(out, "spi:%s%u", inv, spis[0]);
	else
		ut_buf_printf(out, "spis:%s%u:%u", inv, spis[0], spis[1]);
}
