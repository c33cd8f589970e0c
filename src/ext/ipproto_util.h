/* ipproto_util.h: print/save helpers shared by the sctp, dccp, ah, esp and
 * ipcomp matches (the print_ports()/print_spis() code that iptables 1.8.9
 * repeats in libxt_sctp.c, libxt_dccp.c, libipt_ah.c, libxt_esp.c and
 * libxt_ipcomp.c). */
#ifndef UT_EXT_IPPROTO_UTIL_H
#define UT_EXT_IPPROTO_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "utables/utables.h"

/* ut_ipproto_print_ports: the -L form " spt:22", " dpts:!1:1023"; ports
 * are shown as services of proto_name ("sctp", "dccp") unless numeric.
 * Nothing for the full range 0:65535 unless inverted. */
void ut_ipproto_print_ports(struct ut_buf *out, const char *name,
			    const uint16_t range[2], bool invert,
			    const char *proto_name, bool numeric);

/* ut_ipproto_save_ports: the save form " ! --sport 1:2" (always printed,
 * even for the full range, as sctp and dccp do). */
void ut_ipproto_save_ports(struct ut_buf *out, const char *opt,
			   const uint16_t range[2], bool invert);

/* ut_ipproto_save_spis: the save form " ! --espspi 1:2" of ah/esp/ipcomp;
 * nothing for 0:4294967295 (then even "!" is dropped, as in iptables). */
void ut_ipproto_save_spis(struct ut_buf *out, const char *opt,
			  const uint32_t spis[2], bool invert);

/* ut_ipproto_print_spis: the -L form "spi:5", "spis:!5:7" (no leading
 * space: callers differ there); nothing for the full range unless
 * inverted. */
void ut_ipproto_print_spis(struct ut_buf *out, const uint32_t spis[2],
			   bool invert);

#endif
