/* ipset.c: the set reference helpers of the set match and the SET target
 * (the name check, lookup and print that libxt_set.h shares between
 * them). */
#include <string.h>

#include "rules/ext.h"
#include "ext/ipset.h"

int
ut_ipset_resolve(struct ut_ipset_ref *ref, const char *name,
		 struct ut_err *err)
{
	if (strlen(name) > UT_IPSET_NAME_MAX - 1)
		return ut_err_set(err, UT_PARAMETER_PROBLEM,
				  "setname `%s' too long, max %d characters.",
				  name, UT_IPSET_NAME_MAX - 1);
	ut_strput(ref->name, sizeof(ref->name), name);
	/* no ipset emulation yet: every set is unknown */
	return ut_err_set(err, UT_PARAMETER_PROBLEM, "Set %s doesn't exist.\n",
			  name);
}

void
ut_ipset_print(struct ut_buf *out, const char *prefix,
	       const struct ut_ipset_ref *ref)
{
	ut_buf_printf(out, " %s %s", prefix, ref->name);
	for (unsigned i = 1; i <= ref->dim; i++)
		ut_buf_printf(out, "%s%s", i == 1 ? " " : ",",
			      ref->flags & (1u << i) ? "src" : "dst");
}
