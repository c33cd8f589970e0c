/* rate_util.c: libxtables number and string conventions shared by the
 * "rate" group of extensions (reproduces xtables_strtoul and the XTOPT_PUT
 * string copy of iptables 1.8.9 libxtables). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "rules/ext.h"
#include "ext/rate_util.h"
#include "utables/utables.h"

int
ut_rate_set_resolve(struct ut_rate_setref *ref, const char *name,
		    struct ut_err *err)
{
	if (strlen(name) > UT_RATE_SETNAME_MAX - 1)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "setname `%s' too long, max %d characters.",
				  name, UT_RATE_SETNAME_MAX - 1);
	ut_strput(ref->name, sizeof(ref->name), name);
	/* no ipset emulation yet: every set is unknown */
	return ut_err_set(err, UT_PARAMETER_PROBLEM, "Set %s doesn't exist.\n",
			  name);
}

void
ut_rate_set_print(struct ut_buf *out, const char *prefix,
		  const struct ut_rate_setref *ref)
{
	ut_buf_printf(out, " %s %s", prefix, ref->name);
	for (unsigned i = 1; i <= ref->dim; i++)
		ut_buf_printf(out, "%s%s", i == 1 ? " " : ",",
			      ref->flags & (1u << i) ? "src" : "dst");
}
