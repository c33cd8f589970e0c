/* xt_owner.c: the owner match, revision 1 (--uid-owner, --gid-owner,
 * --socket-exists, --suppl-groups); reproduces iptables 1.8.9
 * extensions/libxt_owner.c and Linux net/netfilter/xt_owner.c (hooks
 * OUTPUT/POSTROUTING, checkentry). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_owner_match_info (linux/netfilter/xt_owner.h) */
struct ut_owner_info {
	uint32_t uid_min, uid_max;
	uint32_t gid_min, gid_max;
	uint8_t match, invert;  /* UT_OWNER_* */
};

enum {
	UT_OWNER_UID = 1 << 0,
	UT_OWNER_GID = 1 << 1,
	UT_OWNER_SOCKET = 1 << 2,
	UT_OWNER_SUPPL_GROUPS = 1 << 3,
	UT_OWNER_MASK = 0x0f,
};

enum {
	O_USER = 0,
	O_GROUP,
	O_SOCK_EXISTS,
	O_PROCESS,
	O_SESSION,
	O_COMM,
	O_SUPPL_GROUPS,
};

static const struct ut_opt owner_opts[] = {
	{ .name = "uid-owner", .id = O_USER, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "gid-owner", .id = O_GROUP, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_INVERT },
	{ .name = "socket-exists", .id = O_SOCK_EXISTS, .type = UT_OPT_NONE,
	  .flags = UT_OPTF_INVERT },
	{ .name = "suppl-groups", .id = O_SUPPL_GROUPS, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
owner_bad_value(struct ut_opt_call *call, const char *opt, const char *arg)
{
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			  "%s: Bad value for \"%s\" option: \"%s\"",
			  "owner", opt, arg);
}

/* owner_parse_id: a number up to 2^32-2 (-1 is reserved), stopping at
 * *end like xtables_strtoui. */
static bool
owner_parse_id(const char *s, char **end, uint32_t *id)
{
	unsigned long long v;

	if (*s == '-' || *s == '\0')
		return false;
	errno = 0;
	v = strtoull(s, end, 0);
	if (*end == s || errno == ERANGE || v > UINT32_MAX - 1)
		return false;
	*id = (uint32_t)v;
	return true;
}

/* "a", "a-b" or "a:b" */
static int
owner_parse_range(struct ut_opt_call *call, const char *opt,
		  uint32_t *from, uint32_t *to)
{
	char *end;

	if (!owner_parse_id(call->arg, &end, from))
		return owner_bad_value(call, opt, call->arg);
	*to = *from;
	if ((*end == '-' || *end == ':') &&
	    !owner_parse_id(end + 1, &end, to))
		return owner_bad_value(call, opt, call->arg);
	if (*end != '\0')
		return owner_bad_value(call, opt, call->arg);
	return 0;
}

static int
owner_parse_uid(struct ut_opt_call *call, struct ut_owner_info *info)
{
	const struct passwd *pw = getpwnam(call->arg);
	uint32_t from, to;
	int ret;

	if (pw) {
		from = to = pw->pw_uid;
	} else {
		ret = owner_parse_range(call, "--uid-owner", &from, &to);
		if (ret < 0)
			return ret;
	}
	if (call->invert)
		info->invert |= UT_OWNER_UID;
	info->match |= UT_OWNER_UID;
	info->uid_min = from;
	info->uid_max = to;
	return 0;
}

static int
owner_parse_gid(struct ut_opt_call *call, struct ut_owner_info *info)
{
	const struct group *gr = getgrnam(call->arg);
	uint32_t from, to;
	int ret;

	if (gr) {
		from = to = gr->gr_gid;
	} else {
		ret = owner_parse_range(call, "--gid-owner", &from, &to);
		if (ret < 0)
			return ret;
	}
	if (call->invert)
		info->invert |= UT_OWNER_GID;
	info->match |= UT_OWNER_GID;
	info->gid_min = from;
	info->gid_max = to;
	return 0;
}

static int
owner_parse(struct ut_opt_call *call)
{
	struct ut_owner_info *info = call->data;

	switch (call->opt->id) {
	case O_USER:
		return owner_parse_uid(call, info);
	case O_GROUP:
		return owner_parse_gid(call, info);
	case O_SOCK_EXISTS:
		if (call->invert)
			info->invert |= UT_OWNER_SOCKET;
		info->match |= UT_OWNER_SOCKET;
		break;
	case O_SUPPL_GROUPS:
		/* order matters: --suppl-groups qualifies --gid-owner */
		if (!(info->match & UT_OWNER_GID))
			return owner_bad_value(call, "--suppl-groups",
				"you need to use --gid-owner first");
		info->match |= UT_OWNER_SUPPL_GROUPS;
		break;
	}
	return 0;
}

static int
owner_final_check(struct ut_fcheck_call *call)
{
	if (call->xflags == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"owner: At least one of --uid-owner, --gid-owner or "
			"--socket-exists is required");
	return 0;
}

static void
owner_put_uid(struct ut_buf *out, const struct ut_owner_info *info,
	      bool numeric)
{
	const struct passwd *pw;

	if (info->uid_min != info->uid_max) {
		ut_buf_printf(out, " %u-%u", info->uid_min, info->uid_max);
		return;
	}
	if (!numeric && (pw = getpwuid(info->uid_min)) && pw->pw_name) {
		ut_buf_printf(out, " %s", pw->pw_name);
		return;
	}
	ut_buf_printf(out, " %u", info->uid_min);
}

static void
owner_put_gid(struct ut_buf *out, const struct ut_owner_info *info,
	      bool numeric)
{
	const struct group *gr;

	if (info->gid_min != info->gid_max) {
		ut_buf_printf(out, " %u-%u", info->gid_min, info->gid_max);
		return;
	}
	if (!numeric && (gr = getgrgid(info->gid_min)) && gr->gr_name) {
		ut_buf_printf(out, " %s", gr->gr_name);
		return;
	}
	ut_buf_printf(out, " %u", info->gid_min);
}

/* owner_put_item: one item, in libxt_owner's shape " [!] label value" */
static void
owner_put_item(struct ut_buf *out, const struct ut_owner_info *info,
	       const char *label, uint8_t flag, bool numeric)
{
	if (!(info->match & flag))
		return;
	if (info->invert & flag)
		ut_buf_puts(out, " !");
	ut_buf_printf(out, " %s", label);
	if (flag == UT_OWNER_UID)
		owner_put_uid(out, info, numeric);
	else if (flag == UT_OWNER_GID)
		owner_put_gid(out, info, numeric);
}

static void
owner_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_owner_info *info = pc->data;

	owner_put_item(out, info, "owner socket exists", UT_OWNER_SOCKET,
		       pc->numeric);
	owner_put_item(out, info, "owner UID match", UT_OWNER_UID,
		       pc->numeric);
	owner_put_item(out, info, "owner GID match", UT_OWNER_GID,
		       pc->numeric);
	owner_put_item(out, info, "incl. suppl. groups",
		       UT_OWNER_SUPPL_GROUPS, pc->numeric);
}

static void
owner_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_owner_info *info = pc->data;

	owner_put_item(out, info, "--socket-exists", UT_OWNER_SOCKET, true);
	owner_put_item(out, info, "--uid-owner", UT_OWNER_UID, true);
	owner_put_item(out, info, "--gid-owner", UT_OWNER_GID, true);
	owner_put_item(out, info, "--suppl-groups", UT_OWNER_SUPPL_GROUPS,
		       true);
}

/* xt_owner.c owner_check: unknown bits, reversed or unmappable ranges;
 * the kernel logs nothing */
static int
owner_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_owner_info *info = kc->data;

	if (info->match & ~UT_OWNER_MASK)
		return -EINVAL;
	if ((info->match & UT_OWNER_UID) &&
	    (info->uid_max < info->uid_min || info->uid_min == UINT32_MAX ||
	     info->uid_max == UINT32_MAX))
		return -EINVAL;
	if ((info->match & UT_OWNER_GID) &&
	    (info->gid_max < info->gid_min || info->gid_min == UINT32_MAX ||
	     info->gid_max == UINT32_MAX))
		return -EINVAL;
	return 0;
}

/* owner_mt. Without a socket the rule matches only when every item it
 * names is inverted ("! --socket-exists", and also "! --uid-owner 0":
 * the kernel's (match ^ invert) == 0). With one, "! --socket-exists"
 * fails; a kernel socket without a file (icmp_send's) then matches
 * only when the uid/gid items are all inverted. Otherwise the fsuid and
 * fsgid of the sender (the socket's uid/gid here) must be in the ranges,
 * or out of them when inverted. --suppl-groups adds nothing: a sender
 * is modelled with its primary group only (root's only group is 0). */
static bool
owner_match(struct ut_xt_par *par)
{
	const struct ut_owner_info *info = par->data;
	const struct ut_pkt *p = par->pkt;
	bool in;

	if (!p->has_sock)
		return (info->match ^ info->invert) == 0;
	if (info->match & info->invert & UT_OWNER_SOCKET)
		return false;
	if (p->sk_kernel)
		return ((info->match ^ info->invert) &
			(UT_OWNER_UID | UT_OWNER_GID)) == 0;
	if (info->match & UT_OWNER_UID) {
		in = p->sk_uid >= info->uid_min && p->sk_uid <= info->uid_max;
		if (in ^ !(info->invert & UT_OWNER_UID))
			return false;
	}
	if (info->match & UT_OWNER_GID) {
		in = p->sk_gid >= info->gid_min && p->sk_gid <= info->gid_max;
		if (in ^ !(info->invert & UT_OWNER_GID))
			return false;
	}
	return true;
}

const struct ut_ext ut_ext_owner = {
	.name = "owner",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_owner_info),
	.opts = owner_opts,
	/* only locally generated packets have a socket owner */
	.hooks = UT_HM_OUT | UT_HM_POST,
	.parse = owner_parse,
	.final_check = owner_final_check,
	.print = owner_print,
	.save = owner_save,
	.kcheck = owner_kcheck,
	.match = owner_match,
};
