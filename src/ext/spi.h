/* spi.h: SPI (and ipcomp CPI) ranges as the ah, esp and ipcomp matches
 * print and save them (the print_spis() and save code that iptables 1.8.9
 * repeats in libipt_ah.c, libxt_esp.c and libxt_ipcomp.c). */
#ifndef UT_EXT_SPI_H
#define UT_EXT_SPI_H

#include <stdbool.h>
#include <stdint.h>

#include "utables/utables.h"

/* ut_spi_save: the save form " ! --espspi 1:2" of ah/esp/ipcomp;
 * nothing for 0:4294967295 (then even "!" is dropped, as in iptables). */
void ut_spi_save(struct ut_buf *out, const char *opt, const uint32_t spis[2],
		 bool invert);

/* ut_spi_print: the -L form "spi:5", "spis:!5:7" (no leading space:
 * callers differ there); nothing for the full range unless inverted. */
void ut_spi_print(struct ut_buf *out, const uint32_t spis[2], bool invert);

#endif
