/* host_int.h: what host.c (the model, parsing) shares with host_export.c
 * (the running system in HOST syntax): the net.ipv4.conf options the
 * model knows. */
#ifndef UT_CORE_HOST_INT_H
#define UT_CORE_HOST_INT_H

#include <stddef.h>

#include "core/host.h"

/* how the kernel combines a device's value with conf.all's */
enum ut_conf_rule {
	UT_CONF_DEV,   /* IN_DEV_CONF_GET: the device's own */
	UT_CONF_AND,   /* IN_DEV_ANDCONF */
	UT_CONF_OR,    /* IN_DEV_ORCONF */
	UT_CONF_MAX,   /* IN_DEV_MAXCONF */
};

struct ut_conf_opt {
	const char *name;
	size_t off;
	enum ut_conf_rule rule;
};
extern const struct ut_conf_opt ut_conf_opts[];
extern const size_t ut_n_conf_opts;
/* a new namespace's conf.default */
extern const struct ut_ifconf ut_conf_default_init;
#define UT_CONF_FORWARDING 0 /* index of forwarding in ut_conf_opts */

static inline int *
ut_conf_ptr(struct ut_ifconf *c, size_t opt)
{
	return (int *)((char *)c + ut_conf_opts[opt].off);
}

static inline int
ut_conf_get(const struct ut_ifconf *c, size_t opt)
{
	return *(const int *)((const char *)c + ut_conf_opts[opt].off);
}

#endif
