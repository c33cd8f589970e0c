/* ipset.h: references to ipset sets as the set match and the SET target
 * hold them (struct xt_set_info of linux/netfilter/xt_set.h), and the
 * lookup and print that libxt_set.h gives both. */
#ifndef UT_EXT_IPSET_H
#define UT_EXT_IPSET_H

#include <stdint.h>

#include "utables/utables.h"

#define UT_IPSET_NAME_MAX 32 /* IPSET_MAXNAMELEN */
#define UT_IPSET_DIM_MAX 6   /* IPSET_DIM_MAX */

/* struct xt_set_info plus the set's name: the emulated host keeps no
 * kernel index table, so the name is what identifies the set */
struct ut_ipset_ref {
	char name[UT_IPSET_NAME_MAX];
	uint16_t index; /* ip_set_id_t; 0xffff = none */
	uint8_t dim;    /* number of src/dst directions */
	uint8_t flags;  /* bit n (1..dim): direction n is src; 1: invert */
};

/* ut_ipset_resolve: what libxt_set's parse does with "--opt NAME DIRS"
 * once the name is known: the length check, then the lookup by name.
 * The emulated host has no ipset sets yet, so the lookup fails with
 * iptables' "Set NAME doesn't exist." (a PARAMETER_PROBLEM). */
int ut_ipset_resolve(struct ut_ipset_ref *ref, const char *name,
		     struct ut_err *err);

/* ut_ipset_print: " PREFIX NAME src,dst" as libxt_set prints a set */
void ut_ipset_print(struct ut_buf *out, const char *prefix,
		    const struct ut_ipset_ref *ref);

#endif
