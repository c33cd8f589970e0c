/* rate_util.h: helpers shared by the "rate" group of extensions (hashlimit,
 * limit, recent, statistic, string, rateest, ...): libxtables number and
 * string conventions that the core's option engine keeps private. */
#ifndef UT_EXT_RATE_UTIL_H
#define UT_EXT_RATE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#endif

/* ---- ipset references (set match, SET target) ---------------------------- */

#define UT_RATE_SETNAME_MAX 32 /* IPSET_MAXNAMELEN */
#define UT_RATE_SET_DIM_MAX 6  /* IPSET_DIM_MAX */

/* struct xt_set_info plus the set's name: the emulated host keeps no
 * kernel index table, so the name is what identifies the set */
struct ut_rate_setref {
	char name[UT_RATE_SETNAME_MAX];
	uint16_t index; /* ip_set_id_t; 0xffff = none */
	uint8_t dim;    /* number of src/dst directions */
	uint8_t flags;  /* bit n (1..dim): direction n is src; 1: invert */
};

struct ut_err;
struct ut_buf;

/* ut_rate_set_resolve: what libxt_set's parse does with "--opt NAME
 * DIRS" once the name is known: the length check, then the lookup by
 * name. The emulated host has no ipset sets yet, so the lookup fails
 * with iptables' "Set NAME doesn't exist." (a PARAMETER_PROBLEM). */
int ut_rate_set_resolve(struct ut_rate_setref *ref, const char *name,
			struct ut_err *err);

/* ut_rate_set_print: " PREFIX NAME src,dst" as libxt_set prints a set */
void ut_rate_set_print(struct ut_buf *out, const char *prefix,
		       const struct ut_rate_setref *ref);
