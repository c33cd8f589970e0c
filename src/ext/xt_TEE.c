/* xt_TEE.c: the IPv4 TEE target, revision 1 (iptables 1.8.9
 * extensions/libxt_TEE.c; kernel net/netfilter/xt_TEE.c). */
#include <errno.h>
#include <netdb.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_tee_tginfo */
struct ut_tee_info {
	uint32_t gw[4];       /* union nf_inet_addr; IPv4 in gw[0], net order */
	char oif[16];         /* NUL-terminated, "" = any */
	uint64_t priv;        /* kernel pointer, not compared */
};

enum {
	O_GATEWAY = 0,
	O_OIF,
};

static const struct ut_opt tee_opts[] = {
	{ .name = "gateway", .id = O_GATEWAY, .type = UT_OPT_HOST,
	  .flags = UT_OPTF_MAND | UT_OPTF_PUT,
	  .off = offsetof(struct ut_tee_info, gw) },
	/* no PUT: iptables silently cuts the name to 15 characters */
	{ .name = "oif", .id = O_OIF, .type = UT_OPT_STRING },
	UT_OPT_END
};

static int
tee_parse(struct ut_opt_call *call)
{
	struct ut_tee_info *info = call->data;

	/* --gateway is the core's (UT_OPT_HOST, PUT) */
	if (call->opt->id == O_GATEWAY)
		return 0;
	snprintf(info->oif, sizeof(info->oif), "%s", call->arg);
	return 0;
}

static void
tee_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tee_info *info = pc->data;
	char buf[NI_MAXHOST];

	if (pc->numeric)
		ut_buf_printf(out, " TEE gw:%s", ut_ipv4_ntoa(info->gw[0], buf));
	else
		ut_buf_printf(out, " TEE gw:%s",
			      ut_ipv4_anyname(info->gw[0], buf, sizeof(buf)));
	if (info->oif[0])
		ut_buf_printf(out, " oif=%s", info->oif);
}

static void
tee_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_tee_info *info = pc->data;
	char buf[16];

	ut_buf_printf(out, " --gateway %s", ut_ipv4_ntoa(info->gw[0], buf));
	if (info->oif[0])
		ut_buf_printf(out, " --oif %s", info->oif);
}

/* tee_tg_check: refuses silently */
static int
tee_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_tee_info *info = kc->data;
	static const uint32_t zero[4];

	if (memcmp(info->gw, zero, sizeof(zero)) == 0)
		return -EINVAL;
	if (info->oif[0] && info->oif[sizeof(info->oif) - 1] != '\0')
		return -EINVAL;
	return 0;
}

/* tee_tg: the copy leaves towards the gateway, the packet goes on. With
 * --oif the copy goes only through that device (the kernel finds it by
 * name when it appears; a missing one means any) */
static unsigned
tee_tg(struct ut_xt_par *par)
{
	const struct ut_tee_info *info = par->data;
	const struct ut_iface *oif = NULL;

	if (info->oif[0])
		oif = ut_host_iface(ut_engine_host(par->eng), info->oif);
	ut_nf_dup_ipv4(par->eng, par->pkt, par->hook, info->gw[0], oif);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_TEE = {
	.name = "TEE", .revision = 1, .kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tee_info),
	.cmp_size = offsetof(struct ut_tee_info, priv),
	.opts = tee_opts,
	.parse = tee_parse,
	.print = tee_print, .save = tee_save, .kcheck = tee_kcheck,
	.target = tee_tg,
};
