/* helper.c: the connection tracking helpers utables has, by name (CT
 * --helper NAME; nf_conntrack_helper=0 as in 6.18: never assigned by
 * port). */
#include <string.h>

#include "conntrack/ct_help.h"

const struct ut_ct_helper *
ut_ct_helper_find(const char *name)
{
	if (strcmp(name, ut_ct_helper_ftp.name) == 0)
		return &ut_ct_helper_ftp;
	return NULL;
}

const char *
ut_ct_helper_name(const struct ut_ct_helper *h)
{
	return h->name;
}
