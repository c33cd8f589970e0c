/* xt_connlimit.c: the connlimit match (revision 1); reproduces iptables
 * 1.8.9 extensions/libxt_connlimit.c and Linux net/netfilter/xt_connlimit.c
 * (whose checkentry refuses nothing for IPv4). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_connlimit_info (linux/netfilter/xt_connlimit.h), IPv4 only,
 * without the kernel's private nf_conncount_data pointer. */
struct ut_connlimit_info {
	uint32_t v4_mask;  /* network order; 255.255.255.255 by default */
	uint32_t limit;
	uint32_t flags;    /* UT_CONNLIMIT_* */
};

enum {
	UT_CONNLIMIT_INVERT = 1 << 0, /* match when count <= limit (upto) */
	UT_CONNLIMIT_DADDR = 1 << 1,  /* group by destination address */
};

enum {
	O_UPTO = 0,
	O_ABOVE,
	O_MASK,
	O_SADDR,
	O_DADDR,
	F_UPTO = 1 << O_UPTO,
	F_ABOVE = 1 << O_ABOVE,
	F_SADDR = 1 << O_SADDR,
	F_DADDR = 1 << O_DADDR,
};

static const struct ut_opt connlimit_opts[] = {
	{ .name = "connlimit-upto", .id = O_UPTO, .type = UT_OPT_UINT32,
	  .excl = F_ABOVE, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_connlimit_info, limit) },
	{ .name = "connlimit-above", .id = O_ABOVE, .type = UT_OPT_UINT32,
	  .excl = F_UPTO, .flags = UT_OPTF_INVERT | UT_OPTF_PUT,
	  .off = offsetof(struct ut_connlimit_info, limit) },
	{ .name = "connlimit-mask", .id = O_MASK, .type = UT_OPT_PLEN },
	{ .name = "connlimit-saddr", .id = O_SADDR, .type = UT_OPT_NONE,
	  .excl = F_DADDR },
	{ .name = "connlimit-daddr", .id = O_DADDR, .type = UT_OPT_NONE,
	  .excl = F_SADDR },
	UT_OPT_END
};

static void
connlimit_init(void *data)
{
	struct ut_connlimit_info *info = data;

	info->v4_mask = UINT32_MAX;
}

static int
connlimit_parse(struct ut_opt_call *call)
{
	struct ut_connlimit_info *info = call->data;

	switch (call->opt->id) {
	case O_ABOVE:
		if (call->invert)
			info->flags |= UT_CONNLIMIT_INVERT;
		break;
	case O_UPTO:
		/* upto is stored as an inverted above */
		if (!call->invert)
			info->flags |= UT_CONNLIMIT_INVERT;
		break;
	case O_MASK:
		info->v4_mask = call->val.inetmask;
		break;
	case O_SADDR:
		info->flags &= ~UT_CONNLIMIT_DADDR;
		break;
	case O_DADDR:
		info->flags |= UT_CONNLIMIT_DADDR;
		break;
	}
	return 0;
}

static int
connlimit_final_check(struct ut_fcheck_call *call)
{
	if ((call->xflags & (F_UPTO | F_ABOVE)) == 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"You must specify \"--connlimit-above\" or "
			"\"--connlimit-upto\".");
	return 0;
}

/* connlimit_bits: count_bits4 of libxt_connlimit: 32 minus the position
 * of the highest set bit of the inverted mask (the prefix length for a
 * contiguous mask). */
static unsigned
connlimit_bits(uint32_t mask_nbo)
{
	unsigned bits = 0;

	for (uint32_t m = ~ntohl(mask_nbo); m != 0; m >>= 1)
		++bits;
	return 32 - bits;
}

static void
connlimit_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connlimit_info *info = pc->data;

	ut_buf_printf(out, " #conn %s/%u %s %u",
		      info->flags & UT_CONNLIMIT_DADDR ? "dst" : "src",
		      connlimit_bits(info->v4_mask),
		      info->flags & UT_CONNLIMIT_INVERT ? "<=" : ">",
		      info->limit);
}

static void
connlimit_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connlimit_info *info = pc->data;

	ut_buf_printf(out, " --connlimit-%s %u --connlimit-mask %u",
		      info->flags & UT_CONNLIMIT_INVERT ? "upto" : "above",
		      info->limit, connlimit_bits(info->v4_mask));
	ut_buf_puts(out, info->flags & UT_CONNLIMIT_DADDR ?
		    " --connlimit-daddr" : " --connlimit-saddr");
}

/* ---- packet evaluation (Linux 6.18 xt_connlimit.c, nf_conncount.c) ---- */

/* Each rule counts on its own (its nf_conncount_data): per key (the
 * masked address), a list of the connections seen, each kept as its
 * original tuple and zone. A list is cleaned when a packet adds to it:
 * entries whose connection is no longer in the table (gone, or never
 * confirmed because its packet was dropped) or is a TCP connection in
 * TIME_WAIT or CLOSE are removed, at most 9 a time and not twice in one
 * jiffy; the packet's own connection is added unless it is there. */

struct conncount_conn {
	struct conncount_conn *next;
	struct ut_ct_tuple tuple;
	uint16_t zone;
	uint8_t zone_dir;
};

struct conncount_list {
	struct conncount_list *next;    /* the state's hash chain */
	uint32_t key;
	uint32_t last_gc;               /* (u32)jiffies of the last clean */
	unsigned count;
	struct conncount_conn *head, **tail;
};

#define CONNCOUNT_SLOTS 256u
/* CONNCOUNT_GC_MAX_NODES: the clean stops once more than this went */
#define CONNCOUNT_GC_MAX_NODES 8u

struct connlimit_state {
	struct conncount_list *slot[CONNCOUNT_SLOTS];
};

static bool
conncount_closed(const struct ut_conn *ct)
{
	return ct->tuple[0].proto == 6 &&
	       (ct->proto.tcp.state == UT_TCP_TIME_WAIT ||
		ct->proto.tcp.state == UT_TCP_CLOSE);
}

static void
conncount_unlink(struct conncount_list *l, struct conncount_conn **pp)
{
	struct conncount_conn *c = *pp;

	*pp = c->next;
	if (l->tail == &c->next)
		l->tail = pp;
	free(c);
	l->count--;
}

/* __nf_conncount_add: 0, or -1 when out of memory (a hot drop) */
static int
conncount_add(struct ut_xt_par *par, struct conncount_list *l,
	      const struct ut_ct_tuple *t, uint16_t zone, uint8_t zone_dir)
{
	uint32_t now = (uint32_t)ut_engine_jiffies(par->eng);
	struct conncount_conn **pp = &l->head, *c;
	unsigned collect = 0;

	if (now != l->last_gc) {
		while (*pp && collect <= CONNCOUNT_GC_MAX_NODES) {
			struct ut_conn *ct;

			c = *pp;
			ct = ut_ct_lookup(par->eng, par->pkt, &c->tuple,
					  c->zone, c->zone_dir);
			/* not in the table: evicted at once (one CPU: the
			 * kernel keeps it only when another CPU may be
			 * about to confirm it) */
			if (!ct) {
				conncount_unlink(l, pp);
				collect++;
				continue;
			}
			if (ut_ct_tuple_equal(&c->tuple, t) &&
			    c->zone == zone && c->zone_dir == zone_dir)
				return 0;
			if (conncount_closed(ct)) {
				conncount_unlink(l, pp);
				collect++;
				continue;
			}
			pp = &c->next;
		}
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return -1;
	c->tuple = *t;
	c->zone = zone;
	c->zone_dir = zone_dir;
	*l->tail = c;
	l->tail = &c->next;
	l->count++;
	l->last_gc = now;
	return 0;
}

/* count_tree: the connections of key after adding this one (0: out of
 * memory) */
static unsigned
conncount_count(struct ut_xt_par *par, struct connlimit_state *st,
		uint32_t key, const struct ut_ct_tuple *t, uint16_t zone,
		uint8_t zone_dir)
{
	struct conncount_list **pp = &st->slot[(key * 2654435761u) >> 24], *l;

	for (l = *pp; l && l->key != key; l = l->next)
		;
	if (!l || l->count == 0) {
		if (!l) {
			l = calloc(1, sizeof(*l));
			if (!l)
				return 0;
			l->key = key;
			l->tail = &l->head;
			l->next = *pp;
			*pp = l;
		}
		/* a new node: its list starts stamped now, so a second
		 * packet within the jiffy is not cleaned against it */
		l->last_gc = (uint32_t)ut_engine_jiffies(par->eng);
		l->count = 0;
	}
	if (conncount_add(par, l, t, zone, zone_dir) < 0)
		return 0;
	return l->count;
}

static int
connlimit_state_new(struct ut_engine *e, const void *data, void **state,
		    struct ut_err *err)
{
	(void)e;
	(void)data;
	*state = calloc(1, sizeof(struct connlimit_state));
	if (!*state)
		return ut_err_set(err, 2, "out of memory");
	return 0;
}

static void
connlimit_state_free(struct ut_engine *e, void *state)
{
	struct connlimit_state *st = state;

	(void)e;
	for (unsigned i = 0; i < CONNCOUNT_SLOTS; i++)
		while (st->slot[i]) {
			struct conncount_list *l = st->slot[i];

			st->slot[i] = l->next;
			while (l->head) {
				struct conncount_conn *c = l->head;

				l->head = c->next;
				free(c);
			}
			free(l);
		}
	free(st);
}

static bool
connlimit_match(struct ut_xt_par *par)
{
	const struct ut_connlimit_info *info = par->data;
	const uint8_t *ip = par->pkt->ip;
	unsigned ctinfo, n;
	struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);
	struct ut_ct_tuple t;
	uint16_t zone = 0;
	uint8_t zone_dir = UT_CT_ZONE_DIR_BOTH;
	uint32_t key;

	if (ct) {
		t = ct->tuple[UT_CT_DIR_ORIGINAL];
		zone = ct->zone;
		zone_dir = ct->zone_dir;
	} else if (!ut_ct_pkt_tuple(par->pkt, &t)) {
		par->hotdrop = true;
		return false;
	}
	memcpy(&key, ip + (info->flags & UT_CONNLIMIT_DADDR ? 16 : 12), 4);
	key &= info->v4_mask;
	n = conncount_count(par, par->state, key, &t, zone, zone_dir);
	if (n == 0) {
		par->hotdrop = true;
		return false;
	}
	return (n > info->limit) ^ !!(info->flags & UT_CONNLIMIT_INVERT);
}

const struct ut_ext ut_ext_connlimit = {
	.name = "connlimit", .revision = 1, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_connlimit_info),
	.cmp_size = sizeof(struct ut_connlimit_info),
	.opts = connlimit_opts,
	.init = connlimit_init, .parse = connlimit_parse,
	.final_check = connlimit_final_check,
	.print = connlimit_print, .save = connlimit_save,
	.match = connlimit_match,
	.state_new = connlimit_state_new,
	.state_free = connlimit_state_free,
};
