/* addr.h: addresses, ports, protocols and marks as iptables parses and
 * prints them (src/rules/addr.c). Shared by the extensions, the CLI and
 * the host model. */
#ifndef UT_RULES_ADDR_H
#define UT_RULES_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utables/utables.h"


/* ut_parse_port: number or /etc/services name for protocol proto_name
 * (NULL: any). 0 and *port set, or -1. */
int ut_parse_port(const char *s, const char *proto_name, uint16_t *port);
/* ut_port_name: the service name for port (proto_name "tcp"...), NULL */
const char *ut_port_name(uint16_t port, const char *proto_name);
/* ut_strtoul: xtables_strtoul (src/rules/opt.c). Base 0, no leading '-',
 * max 0 means unbounded. With end NULL the whole string must be the
 * number; with end set, *end points after it and trailing text is the
 * caller's business. */
bool ut_strtoul(const char *s, char **end, uint64_t *value, uint64_t min,
		uint64_t max);
/* ut_parse_uint: ut_strtoul of a whole string; 0 or -1 */
int ut_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* dotted quad and mask printers as iptables prints them */
const char *ut_ipv4_ntoa(uint32_t addr_nbo, char buf[16]);
/* ut_ipv4_anyname: xtables_ipaddr_to_anyname: the host name
 * (getnameinfo), else the networks(5) name, else the dotted quad; in buf
 * (len bytes) */
const char *ut_ipv4_anyname(uint32_t addr_nbo, char *buf, size_t len);
/* ut_ipv4_mask_print: "/24" or "/255.0.255.0" (non-contiguous), "" for /32 */
void ut_ipv4_mask_print(uint32_t mask_nbo, struct ut_buf *out);
/* ut_mask_to_plen: prefix length of a contiguous mask, -1 otherwise */
int ut_mask_to_plen(uint32_t mask_nbo);
/* ut_parse_ipv4_addr: dotted quad (also the short forms inet_aton takes
 * as iptables does); 0 or -1 */
int ut_parse_ipv4_addr(const char *s, uint32_t *addr_nbo);
/* ut_proto_name: name of protocol number as iptables prints it (its own
 * table, then /etc/protocols); NULL if unknown */
const char *ut_proto_name(uint16_t proto);
/* ut_proto_name_own: only iptables' built-in names (no /etc/protocols) */
const char *ut_proto_name_own(uint16_t proto);
/* ut_parse_proto: iptables' xtables_parse_protocol; 0 or -1 (err set with
 * iptables' message) */
int ut_parse_proto(const char *s, uint16_t *proto, struct ut_err *err);
/* ut_save_string: " arg", quoted as iptables' xtables_save_string does */
void ut_save_string(struct ut_buf *out, const char *s);
/* ut_print_val_mask: " 0xV" or " 0xV/0xM" (xtables_print_mark_mask) */
void ut_print_val_mask(struct ut_buf *out, uint32_t val, uint32_t mask);

#endif
