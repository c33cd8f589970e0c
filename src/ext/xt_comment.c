/* xt_comment.c: the comment match (--comment text); reproduces iptables
 * 1.8.9 extensions/libxt_comment.c (Linux xt_comment.c always matches). */
#include <stddef.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define UT_MAX_COMMENT_LEN 256

/* struct xt_comment_info (linux/netfilter/xt_comment.h) */
struct ut_comment_info {
	char comment[UT_MAX_COMMENT_LEN];
};

enum {
	O_COMMENT = 0,
};

/* no PUT: the engine would reject a long text, iptables cuts it */
static const struct ut_opt comment_opts[] = {
	{ .name = "comment", .id = O_COMMENT, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND,
	  .arg = "text",
	  .help = "a note kept with the rule (up to 255 characters); "
		  "matches every packet" },
	UT_OPT_END
};

/* iptables silently keeps the first 255 bytes of a longer comment */
static int
comment_parse(struct ut_opt_call *call)
{
	struct ut_comment_info *info = call->data;
	size_t n = strlen(call->arg);

	if (n > UT_MAX_COMMENT_LEN - 1)
		n = UT_MAX_COMMENT_LEN - 1;
	memcpy(info->comment, call->arg, n);
	info->comment[n] = '\0';
	return 0;
}

static void
comment_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_comment_info *info = pc->data;

	ut_buf_printf(out, " /* %.*s */", UT_MAX_COMMENT_LEN - 1,
		      info->comment);
}

static void
comment_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_comment_info *info = pc->data;
	char text[UT_MAX_COMMENT_LEN];

	memcpy(text, info->comment, sizeof(text));
	text[UT_MAX_COMMENT_LEN - 1] = '\0';
	ut_buf_puts(out, " --comment");
	ut_save_string(out, text);
}

/* comment_mt: always matches */
static bool
comment_match(struct ut_xt_par *par)
{
	(void)par;
	return true;
}

const struct ut_ext ut_ext_comment = {
	.name = "comment",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_comment_info),
	.opts = comment_opts,
	.parse = comment_parse,
	.print = comment_print,
	.save = comment_save,
	.match = comment_match,
};
