/* xt_devgroup.c: the devgroup match (--src-group, --dst-group: device
 * group value[/mask] or a name from /etc/iproute2/group); reproduces
 * iptables 1.8.9 extensions/libxt_devgroup.c with libxtables' lmap and
 * val/mask helpers, and the checkentry of Linux net/netfilter/
 * xt_devgroup.c. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define DEVGROUP_FILE "/etc/iproute2/group"

/* struct xt_devgroup_info (linux/netfilter/xt_devgroup.h) */
struct ut_devgroup_info {
	uint32_t flags;  /* UT_DEVGROUP_* */
	uint32_t src_group, src_mask;
	uint32_t dst_group, dst_mask;
};

enum {
	UT_DEVGROUP_MATCH_SRC = 0x1,
	UT_DEVGROUP_INVERT_SRC = 0x2,
	UT_DEVGROUP_MATCH_DST = 0x4,
	UT_DEVGROUP_INVERT_DST = 0x8,
};

enum {
	O_SRC_GROUP = 0,
	O_DST_GROUP,
};

static const struct ut_opt devgroup_opts[] = {
	{ .name = "src-group", .id = O_SRC_GROUP, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "dst-group", .id = O_DST_GROUP, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	UT_OPT_END
};

/* devgroup_lmap_line: one "ID NAME" line of the group file as
 * xtables_lmap_init reads it (ID decimal or 0x-hex, 0..255). The name is
 * cut in place; false for comments and malformed lines. */
static bool
devgroup_lmap_line(char *line, int *id, char **name)
{
	char *cur = line, *nxt;
	unsigned long v;

	while (isspace((unsigned char)*cur))
		++cur;
	if (*cur == '#' || *cur == '\n' || *cur == '\0')
		return false;
	errno = 0;
	v = strtoul(cur, &nxt, strncmp(cur, "0x", 2) == 0 ? 16 : 10);
	if (nxt == cur || errno != 0 || v > 255)
		return false;
	cur = nxt;
	if (!isspace((unsigned char)*cur))
		return false;
	while (isspace((unsigned char)*cur))
		++cur;
	if (*cur == '#' || *cur == '\n' || *cur == '\0')
		return false;
	for (nxt = cur; *nxt != '\0' && !isspace((unsigned char)*nxt); ++nxt)
		;
	*nxt = '\0';
	*id = (int)v;
	*name = cur;
	return true;
}

/* devgroup_lmap_find: the first entry whose name is want_name (when not
 * NULL) or whose id is want_id. Returns its id, or -1; the name goes to
 * name_out (size n) when given. The file is read on each call: it is
 * tiny and only read while parsing or printing. */
static int
devgroup_lmap_find(const char *want_name, int want_id, char *name_out,
		   size_t n)
{
	char buf[512], *name;
	int id, found = -1;
	FILE *fp = fopen(DEVGROUP_FILE, "re");

	if (!fp)
		return -1;
	while (found < 0 && fgets(buf, sizeof(buf), fp)) {
		if (!devgroup_lmap_line(buf, &id, &name))
			continue;
		if (want_name ? strcmp(name, want_name) != 0 : id != want_id)
			continue;
		found = id;
		if (name_out)
			snprintf(name_out, n, "%s", name);
	}
	fclose(fp);
	return found;
}

/* devgroup_strtou32: xtables_strtoui(s, &end, .., 0, UINT32_MAX): a
 * number in base 0 that may be followed by more text (at *end) */
static bool
devgroup_strtou32(const char *s, char **end, uint32_t *v)
{
	const char *p = s;
	unsigned long long x;

	while (isspace((unsigned char)*p))
		++p;
	if (*p == '-')
		return false;
	errno = 0;
	x = strtoull(s, end, 0);
	if (*end == s || errno == ERANGE || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* devgroup_parse_val_mask: xtables_parse_val_mask with the group file
 * as name map: "value", "value/mask" or a group name */
static int
devgroup_parse_val_mask(struct ut_opt_call *call, uint32_t *val,
			uint32_t *mask)
{
	char *end;
	int id;

	*mask = UINT32_MAX;
	if (!devgroup_strtou32(call->arg, &end, val))
		goto name2val;
	if (*end == '\0')
		return 0;
	if (*end != '/')
		goto name2val;
	if (!devgroup_strtou32(end + 1, &end, mask))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"%s: bad integer value for option \"--%s\", or out of "
			"range.\n", call->ext_name, call->opt->name);
	if (*end == '\0')
		return 0;
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
		"%s: trailing garbage after value for option \"--%s\".\n",
		call->ext_name, call->opt->name);
name2val:
	id = devgroup_lmap_find(call->arg, 0, NULL, 0);
	if (id < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"%s: could not map name %s to an integer value for "
			"option \"--%s\".\n", call->ext_name, call->arg,
			call->opt->name);
	*val = (uint32_t)id;
	return 0;
}

static int
devgroup_parse(struct ut_opt_call *call)
{
	struct ut_devgroup_info *info = call->data;
	uint32_t group, mask;
	int ret = devgroup_parse_val_mask(call, &group, &mask);

	if (ret < 0)
		return ret;
	if (call->opt->id == O_SRC_GROUP) {
		info->src_group = group;
		info->src_mask = mask;
		info->flags |= UT_DEVGROUP_MATCH_SRC;
		if (call->invert)
			info->flags |= UT_DEVGROUP_INVERT_SRC;
	} else {
		info->dst_group = group;
		info->dst_mask = mask;
		info->flags |= UT_DEVGROUP_MATCH_DST;
		if (call->invert)
			info->flags |= UT_DEVGROUP_INVERT_DST;
	}
	return 0;
}

static int
devgroup_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"devgroup match: You must specify either "
			"'--src-group' or '--dst-group'");
	return 0;
}

/* xtables_print_val_mask with the group names unless numeric */
static void
devgroup_put_val_mask(struct ut_buf *out, uint32_t val, uint32_t mask,
		      bool numeric)
{
	char name[512];

	if (mask == UINT32_MAX && !numeric && val <= 255 &&
	    devgroup_lmap_find(NULL, (int)val, name, sizeof(name)) >= 0) {
		ut_buf_printf(out, " %s", name);
		return;
	}
	ut_print_val_mask(out, val, mask);
}

static void
devgroup_put(struct ut_buf *out, const struct ut_devgroup_info *info,
	     const char *prefix, bool numeric)
{
	if (info->flags & UT_DEVGROUP_MATCH_SRC) {
		if (info->flags & UT_DEVGROUP_INVERT_SRC)
			ut_buf_puts(out, " !");
		ut_buf_printf(out, " %ssrc-group", prefix);
		devgroup_put_val_mask(out, info->src_group, info->src_mask,
				      numeric);
	}
	if (info->flags & UT_DEVGROUP_MATCH_DST) {
		if (info->flags & UT_DEVGROUP_INVERT_DST)
			ut_buf_puts(out, " !");
		ut_buf_printf(out, " %sdst-group", prefix);
		devgroup_put_val_mask(out, info->dst_group, info->dst_mask,
				      numeric);
	}
}

static void
devgroup_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	devgroup_put(out, pc->data, "", pc->numeric);
}

/* iptables-save prints group names too (libxt_devgroup passes
 * numeric = 0 from save) */
static void
devgroup_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	devgroup_put(out, pc->data, "--", false);
}

/* devgroup_mt_checkentry: the input device exists up to FORWARD, the
 * output device from FORWARD on; no log line */
static int
devgroup_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_devgroup_info *info = kc->data;

	if (info->flags & ~(uint32_t)(UT_DEVGROUP_MATCH_SRC |
				      UT_DEVGROUP_INVERT_SRC |
				      UT_DEVGROUP_MATCH_DST |
				      UT_DEVGROUP_INVERT_DST))
		return -EINVAL;
	if ((info->flags & UT_DEVGROUP_MATCH_SRC) &&
	    (kc->hook_mask & ~(UT_HM_PRE | UT_HM_IN | UT_HM_FWD)))
		return -EINVAL;
	if ((info->flags & UT_DEVGROUP_MATCH_DST) &&
	    (kc->hook_mask & ~(UT_HM_FWD | UT_HM_OUT | UT_HM_POST)))
		return -EINVAL;
	return 0;
}

/* devgroup_mt: the group of the input (output) device under the mask,
 * each test inverted on its own. The host model has no way to give a
 * device a group (`link add` takes none), so every group is 0, as a
 * new Linux device's (INIT_NETDEV_GROUP). kcheck makes sure the device
 * exists at the hook; a missing one counts as group 0 all the same. */
static bool
devgroup_match(struct ut_xt_par *par)
{
	const struct ut_devgroup_info *info = par->data;
	uint32_t in = par->in ? par->in->group : 0;
	uint32_t out = par->out ? par->out->group : 0;

	if ((info->flags & UT_DEVGROUP_MATCH_SRC) &&
	    (((info->src_group ^ in) & info->src_mask) != 0) ^
	    ((info->flags & UT_DEVGROUP_INVERT_SRC) != 0))
		return false;
	if ((info->flags & UT_DEVGROUP_MATCH_DST) &&
	    (((info->dst_group ^ out) & info->dst_mask) != 0) ^
	    ((info->flags & UT_DEVGROUP_INVERT_DST) != 0))
		return false;
	return true;
}

const struct ut_ext ut_ext_devgroup = {
	.name = "devgroup",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_devgroup_info),
	.opts = devgroup_opts,
	.parse = devgroup_parse,
	.final_check = devgroup_final_check,
	.print = devgroup_print,
	.save = devgroup_save,
	.kcheck = devgroup_kcheck,
	.match = devgroup_match,
};
