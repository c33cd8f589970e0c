/* ports_util.h: port-range print/save helpers shared by the tcp and udp
 * matches (the print_ports/save code of iptables' libxt_tcp.c and
 * libxt_udp.c, which is identical in both). */
#ifndef UT_EXT_PORTS_UTIL_H
#define UT_EXT_PORTS_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "utables/utables.h"

/* ut_ports_print_port: port as a service name of proto_name ("tcp",
 * "udp"; NULL: any protocol) unless numeric or unnamed, as a number then. */
void ut_ports_print_port(struct ut_buf *out, uint16_t port,
			 const char *proto_name, bool numeric);

/* ut_ports_print_range: the -L form " spt:22", " dpts:!1024:65535";
 * nothing for the full range unless inverted. name is "spt" or "dpt". */
void ut_ports_print_range(struct ut_buf *out, const char *name,
			  const uint16_t range[2], bool invert,
			  const char *proto_name, bool numeric);

/* ut_ports_save_range: the save form " ! --sport 1:2"; nothing for the
 * full range, even when inverted (iptables drops "! --sport :" there).
 * opt is "sport" or "dport". */
void ut_ports_save_range(struct ut_buf *out, const char *opt,
			 const uint16_t range[2], bool invert);

#endif
