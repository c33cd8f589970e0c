/* xt_cgroup.c: the cgroup match, revision 2: net_cls classid or cgroup2
 * path of the socket (iptables 1.8.9 extensions/libxt_cgroup.c, Linux
 * net/netfilter/xt_cgroup.c). */
#include <errno.h>
#include <string.h>

#include "rules/ext.h"

#define CGROUP_PATH_MAX 512 /* XT_CGROUP_PATH_MAX */

/* struct xt_cgroup_info_v2 without the kernel's cgroup pointer; path and
 * classid share storage as in the kernel (only one may be given) */
struct ut_cgroup_info {
	uint8_t has_path;
	uint8_t has_classid;
	uint8_t invert_path;
	uint8_t invert_classid;
	union {
		char path[CGROUP_PATH_MAX];
		uint32_t classid;
	};
};

enum {
	O_CLASSID = 0,
	O_PATH,
};

static const struct ut_opt cgroup_opts[] = {
	/* copied by cgroup_parse: libxtables truncates to 511 chars */
	{ .name = "path", .id = O_PATH, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "cgroup", .id = O_CLASSID, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_cgroup_info, classid) },
	UT_OPT_END
};

static int
cgroup_parse(struct ut_opt_call *call)
{
	struct ut_cgroup_info *info = call->data;

	switch (call->opt->id) {
	case O_PATH:
		ut_strput(info->path, sizeof(info->path), call->arg);
		info->has_path = 1;
		if (call->invert)
			info->invert_path = 1;
		break;
	case O_CLASSID:
		info->has_classid = 1;
		if (call->invert)
			info->invert_classid = 1;
		break;
	}
	return 0;
}

static void
cgroup_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_cgroup_info *info = pc->data;

	ut_buf_puts(out, " cgroup");
	if (info->has_path)
		ut_buf_printf(out, " %s%s", info->invert_path ? "! " : "",
			      info->path);
	if (info->has_classid)
		ut_buf_printf(out, " %s%u", info->invert_classid ? "! " : "",
			      info->classid);
}

static void
cgroup_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_cgroup_info *info = pc->data;

	if (info->has_path) {
		ut_buf_printf(out, "%s --path", info->invert_path ? " !" : "");
		ut_save_string(out, info->path);
	}
	if (info->has_classid)
		ut_buf_printf(out, "%s --cgroup %u",
			      info->invert_classid ? " !" : "", info->classid);
}

/* cgroup_kcheck: cgroup_mt_check_v2. Paths are looked up in the cgroup2
 * hierarchy; the emulated host has only its root, "/". */
static int
cgroup_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_cgroup_info *info = kc->data;

	if ((info->invert_path & ~1) || (info->invert_classid & ~1))
		return -EINVAL;
	if (!info->has_path && !info->has_classid) {
		ut_buf_puts(kc->dmesg, "xt_cgroup: xt_cgroup: no path or "
			    "classid specified");
		return -EINVAL;
	}
	if (info->has_path && info->has_classid) {
		ut_buf_puts(kc->dmesg, "xt_cgroup: path and classid "
			    "specified");
		return -EINVAL;
	}
	if (info->has_path && strcmp(info->path, "/") != 0) {
		ut_buf_puts(kc->dmesg, "xt_cgroup: invalid path, errno=-2");
		return -EINVAL;
	}
	return 0;
}

const struct ut_ext ut_ext_cgroup = {
	.name = "cgroup",
	.revision = 2,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_cgroup_info),
	.cmp_size = sizeof(struct ut_cgroup_info),
	.opts = cgroup_opts,
	.hooks = UT_HM_OUT | UT_HM_POST | UT_HM_IN,
	.parse = cgroup_parse,
	.print = cgroup_print,
	.save = cgroup_save,
	.kcheck = cgroup_kcheck,
};
