/* xt_socket.c: the socket match, revision 3 (iptables 1.8.9
 * extensions/libxt_socket.c, Linux net/netfilter/xt_socket.c). */
#include <errno.h>

#include "engine/engine.h"
#include "engine/stack.h"
#include "rules/ext.h"

enum {
	SOCKET_TRANSPARENT = 1 << 0,
	SOCKET_NOWILDCARD = 1 << 1,
	SOCKET_RESTORESKMARK = 1 << 2,
	SOCKET_FLAGS_V3 = (1 << 3) - 1,
};

/* struct xt_socket_mtinfo3 */
struct ut_socket_info {
	uint8_t flags; /* SOCKET_* */
};

enum {
	O_TRANSPARENT = 0,
	O_NOWILDCARD,
	O_RESTORESKMARK,
};

static const struct ut_opt socket_opts[] = {
	{ .name = "transparent", .id = O_TRANSPARENT, .type = UT_OPT_NONE },
	{ .name = "nowildcard", .id = O_NOWILDCARD, .type = UT_OPT_NONE },
	{ .name = "restore-skmark", .id = O_RESTORESKMARK,
	  .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
socket_parse(struct ut_opt_call *call)
{
	static const uint8_t bits[] = {
		[O_TRANSPARENT] = SOCKET_TRANSPARENT,
		[O_NOWILDCARD] = SOCKET_NOWILDCARD,
		[O_RESTORESKMARK] = SOCKET_RESTORESKMARK,
	};
	struct ut_socket_info *info = call->data;

	info->flags |= bits[call->opt->id];
	return 0;
}

static void
socket_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_socket_info *info = pc->data;

	if (info->flags & SOCKET_TRANSPARENT)
		ut_buf_puts(out, " --transparent");
	if (info->flags & SOCKET_NOWILDCARD)
		ut_buf_puts(out, " --nowildcard");
	if (info->flags & SOCKET_RESTORESKMARK)
		ut_buf_puts(out, " --restore-skmark");
}

/* -L shows the save options after the name */
static void
socket_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	ut_buf_puts(out, " socket");
	socket_save(pc, out);
}

static int
socket_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_socket_info *info = kc->data;

	if (info->flags & ~SOCKET_FLAGS_V3) {
		ut_buf_printf(kc->dmesg, "xt_socket: unknown flags 0x%x",
			      info->flags & ~SOCKET_FLAGS_V3);
		return -EINVAL;
	}
	return 0;
}

/* socket_match: the packet's socket (the host's `listen` sockets and the
 * request sockets of its stack: engine/stack.c), then the flags: one
 * bound to any address counts only with --nowildcard, one without
 * IP_TRANSPARENT not with --transparent; --restore-skmark copies the
 * mark of a full socket that counts */
static bool
socket_match(struct ut_xt_par *par)
{
	const struct ut_socket_info *info = par->data;
	const struct ut_sock *sk = ut_stack_lookup_pkt(par->eng, par->pkt);
	bool wildcard, transparent = true;

	if (!sk)
		return false;
	wildcard = !(info->flags & SOCKET_NOWILDCARD) && ut_sock_full(sk) &&
		   sk->laddr == 0;
	if (info->flags & SOCKET_TRANSPARENT)
		transparent = sk->transparent;
	if ((info->flags & SOCKET_RESTORESKMARK) && !wildcard &&
	    transparent && ut_sock_full(sk))
		par->pkt->mark = sk->mark;
	return !wildcard && transparent;
}

const struct ut_ext ut_ext_socket = {
	.name = "socket",
	.revision = 3,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_socket_info),
	.cmp_size = sizeof(struct ut_socket_info),
	.opts = socket_opts,
	.hooks = UT_HM_PRE | UT_HM_IN,
	.parse = socket_parse,
	.print = socket_print,
	.save = socket_save,
	.kcheck = socket_kcheck,
	.match = socket_match,
};
