/* dscp.h: the DiffServ class names of the dscp match and the DSCP target
 * (iptables 1.8.9 extensions/dscp_helper.c). */
#ifndef UT_EXT_DSCP_H
#define UT_EXT_DSCP_H

#include <stdint.h>

/* ut_dscp_class: the DSCP code point of a DiffServ class name ("EF",
 * "AF11", "CS3", "BE"). Like dscp_helper.c it compares only as many
 * characters as the class name has, case-insensitively, first hit wins
 * ("ef-anything" is EF). 0 and *dscp set, or -1 (no such class). */
int ut_dscp_class(const char *name, uint8_t *dscp);

#endif
