/* l2conv.h: what a capture holds, made into the Ethernet frame an
 * interface received (`run --in IFACE=FILE`): Ethernet as it is, Linux
 * cooked captures v1 and v2 (`tcpdump -i any`), raw IPv4. */
#ifndef UT_IO_L2CONV_H
#define UT_IO_L2CONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host/host.h"

/* LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2 */
#define UT_LINKTYPE_SLL 113
#define UT_LINKTYPE_SLL2 276

/* ut_l2_input_ok: can --in read captures of this link type */
bool ut_l2_input_ok(int linktype);
/* ut_l2_has_ifindex: does each record name its interface (SLL2) */
bool ut_l2_has_ifindex(int linktype);

/* ut_l2_ifindex: the interface index a cooked v2 record names; -1 with
 * *why when the record is too short */
long ut_l2_ifindex(int linktype, const uint8_t *rec, size_t len,
		   const char **why);

/* ut_l2_to_eth: the record (of linktype) as the Ethernet frame dev
 * received, into out (room for len + 14 bytes; *out_len its length).
 *  1: a frame;
 *  0: nothing dev received (*why says what: a packet the host sent, a
 *     non-Ethernet link such as lo);
 * -1: a record that cannot be read (*why). */
int ut_l2_to_eth(int linktype, const uint8_t *rec, size_t len,
		 const struct ut_iface *dev, uint8_t *out, size_t *out_len,
		 const char **why);

#endif
