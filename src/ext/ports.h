/* ports.h: ports and port ranges as the tcp, udp, sctp, dccp and
 * multiport matches print and save them (the print_port/print_ports code
 * that iptables 1.8.9 repeats in each of their libxt_*.c). */
#ifndef UT_EXT_PORTS_H
#define UT_EXT_PORTS_H

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

/* ut_ports_save_range: the save form " ! --sport 1:2", always printed,
 * even for the full range (sctp, dccp). opt is "sport" or "dport". */
void ut_ports_save_range(struct ut_buf *out, const char *opt,
			 const uint16_t range[2], bool invert);

/* ut_ports_save_given: ut_ports_save_range, but nothing for the full
 * range, even when inverted (tcp, udp: iptables drops "! --sport :"). */
void ut_ports_save_given(struct ut_buf *out, const char *opt,
			 const uint16_t range[2], bool invert);

#endif
