/* xt_cluster.c: the cluster match, hash-based node selection (iptables
 * 1.8.9 extensions/libxt_cluster.c, Linux net/netfilter/xt_cluster.c). */
#include <errno.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"
#include "rules/jhash.h"

#define CLUSTER_NODES_MAX 32

enum {
	CLUSTER_F_INV = 1 << 0,
};

/* struct xt_cluster_match_info of the kernel */
struct ut_cluster_info {
	uint32_t total_nodes;
	uint32_t node_mask;
	uint32_t hash_seed;
	uint32_t flags; /* CLUSTER_F_INV */
};

enum {
	O_TOTAL_NODES = 0,
	O_LOCAL_NODE,
	O_LOCAL_NODEMASK,
	O_HASH_SEED,
	F_TOTAL_NODES = 1 << O_TOTAL_NODES,
	F_LOCAL_NODE = 1 << O_LOCAL_NODE,
	F_LOCAL_NODEMASK = 1 << O_LOCAL_NODEMASK,
	F_HASH_SEED = 1 << O_HASH_SEED,
};

#define CL_OFF(f) offsetof(struct ut_cluster_info, f)
static const struct ut_opt cluster_opts[] = {
	{ .name = "cluster-total-nodes", .id = O_TOTAL_NODES,
	  .type = UT_OPT_UINT32, .min = 1, .max = CLUSTER_NODES_MAX,
	  .flags = UT_OPTF_MAND | UT_OPTF_PUT, .off = CL_OFF(total_nodes) },
	{ .name = "cluster-local-node", .id = O_LOCAL_NODE,
	  .excl = F_LOCAL_NODEMASK, .flags = UT_OPTF_INVERT,
	  .type = UT_OPT_UINT32, .min = 1, .max = CLUSTER_NODES_MAX },
	{ .name = "cluster-local-nodemask", .id = O_LOCAL_NODEMASK,
	  .excl = F_LOCAL_NODE, .type = UT_OPT_UINT32,
	  .min = 1, .max = CLUSTER_NODES_MAX,
	  .flags = UT_OPTF_INVERT | UT_OPTF_PUT, .off = CL_OFF(node_mask) },
	{ .name = "cluster-hash-seed", .id = O_HASH_SEED,
	  .type = UT_OPT_UINT32, .flags = UT_OPTF_MAND | UT_OPTF_PUT,
	  .off = CL_OFF(hash_seed) },
	UT_OPT_END
};

static int
cluster_parse(struct ut_opt_call *call)
{
	struct ut_cluster_info *info = call->data;

	switch (call->opt->id) {
	case O_LOCAL_NODE:
		if (call->invert)
			info->flags |= CLUSTER_F_INV;
		info->node_mask = 1u << (call->val.u32 - 1);
		break;
	case O_LOCAL_NODEMASK:
		if (call->invert)
			info->flags |= CLUSTER_F_INV;
		break;
	}
	return 0;
}

static int
cluster_final_check(struct ut_fcheck_call *call)
{
	const struct ut_cluster_info *info = call->data;
	const unsigned node = F_TOTAL_NODES | F_LOCAL_NODE | F_HASH_SEED;
	const unsigned mask = F_TOTAL_NODES | F_LOCAL_NODEMASK | F_HASH_SEED;
	bool too_big = info->node_mask >= (1ULL << info->total_nodes);

	if ((call->xflags & node) == node) {
		if (too_big)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "cluster match: `--cluster-local-node' "
					  "must be <= `--cluster-total-nodes'");
		return 0;
	}
	if ((call->xflags & mask) == mask) {
		if (too_big)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "cluster match: "
					  "`--cluster-local-nodemask' too big "
					  "for `--cluster-total-nodes'");
		return 0;
	}
	/* sic: no space before the second option name */
	if (!(call->xflags & (F_LOCAL_NODE | F_LOCAL_NODEMASK)))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "cluster match: `--cluster-local-node' or"
				  "`--cluster-local-nodemask' is missing");
	return 0;
}

static void
cluster_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_cluster_info *info = pc->data;

	ut_buf_printf(out, " cluster %snode_mask=0x%08x total_nodes=%u "
		      "hash_seed=0x%08x", info->flags & CLUSTER_F_INV ? "!" : "",
		      info->node_mask, info->total_nodes, info->hash_seed);
}

static void
cluster_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_cluster_info *info = pc->data;

	ut_buf_printf(out, "%s --cluster-local-nodemask 0x%08x "
		      "--cluster-total-nodes %u --cluster-hash-seed 0x%08x",
		      info->flags & CLUSTER_F_INV ? " !" : "", info->node_mask,
		      info->total_nodes, info->hash_seed);
}

static int
cluster_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_cluster_info *info = kc->data;

	if (info->total_nodes > CLUSTER_NODES_MAX) {
		ut_buf_printf(kc->dmesg, "xt_cluster: you have exceeded the "
			      "maximum number of cluster nodes (%u > %u)",
			      info->total_nodes, CLUSTER_NODES_MAX);
		return -EINVAL;
	}
	if (info->node_mask >= (1ULL << info->total_nodes)) {
		ut_buf_puts(kc->dmesg, "xt_cluster: node mask cannot exceed "
			    "total number of nodes");
		return -EDOM;
	}
	return 0;
}

/* cluster_node: the node (0 .. total - 1) a connection belongs to:
 * jhash_1word of its original source address as the kernel loads it
 * (the address's bytes as a little-endian word), scaled to the number of
 * nodes as reciprocal_scale does */
static uint32_t
cluster_node(const struct ut_conn *ct, const struct ut_cluster_info *info)
{
	const uint8_t *a = (const uint8_t *)&ct->tuple[UT_CT_DIR_ORIGINAL].src;
	uint32_t word = (uint32_t)a[0] | (uint32_t)a[1] << 8 |
			(uint32_t)a[2] << 16 | (uint32_t)a[3] << 24;
	uint32_t hash = ut_jhash_1word(word, info->hash_seed);

	return (uint32_t)(((uint64_t)hash * info->total_nodes) >> 32);
}

/* xt_cluster_mt: a unicast datagram that came to a multicast MAC (the
 * cluster's shared link address) becomes PACKET_HOST first, whatever the
 * outcome, so that forwarding and the local stack take it; then an
 * expected connection counts as its master's */
static bool
cluster_match(struct ut_xt_par *par)
{
	const struct ut_cluster_info *info = par->data;
	struct ut_pkt *p = par->pkt;
	const struct ut_conn *ct;
	unsigned ctinfo;

	if ((ut_get32(p->ip + UT_IP_OFF_DADDR) & 0xf0000000u) != 0xe0000000u &&
	    p->pkttype == UT_PACKET_MULTICAST)
		p->pkttype = UT_PACKET_HOST;
	ct = ut_ct_get(p, &ctinfo);
	if (!ct)
		return false;
	if (ct->master)
		ct = ct->master;
	return (((1u << cluster_node(ct, info)) & info->node_mask) != 0) ^
	       ((info->flags & CLUSTER_F_INV) != 0);
}

const struct ut_ext ut_ext_cluster = {
	.name = "cluster",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_cluster_info),
	.cmp_size = sizeof(struct ut_cluster_info),
	.opts = cluster_opts,
	.parse = cluster_parse,
	.final_check = cluster_final_check,
	.print = cluster_print,
	.save = cluster_save,
	.kcheck = cluster_kcheck,
	.match = cluster_match,
};
