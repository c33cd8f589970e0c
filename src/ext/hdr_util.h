/* hdr_util.h: helpers shared by the "hdr" group of extensions (tos/TOS,
 * dscp/DSCP, TCPMSS): iptables' tos_values.c symbol table, dscp_helper.c
 * class table, and access to the whole rule from a kcheck callback. */
#ifndef UT_EXT_HDR_UTIL_H
#define UT_EXT_HDR_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "rules/ext.h"

/* ut_tos_symbol: the name iptables prints for a TOS value/mask pair
 * ("Minimize-Delay", ...), or NULL. Only mask 0x3f has names, as in
 * tos_values.c's tos_try_print_symbolic. */
const char *ut_tos_symbol(uint8_t value, uint8_t mask);

/* ut_dscp_class: the DSCP code point of a DiffServ class name ("EF",
 * "AF11", "CS3", "BE"). Like dscp_helper.c it compares only as many
 * characters as the class name has, case-insensitively, first hit wins
 * ("ef-anything" is EF). 0 and *dscp set, or -1 (no such class). */
int ut_dscp_class(const char *name, uint8_t *dscp);

/* ut_kcheck_rule: the rule a kcheck call is about. The core passes
 * kc->ip = &rule->ip, and ip is the first member of struct ut_rule, so the
 * rule is found from it (the kernel's par->entryinfo). Valid only inside
 * kcheck. */
const struct ut_rule *ut_kcheck_rule(const struct ut_kcheck *kc);

#endif
