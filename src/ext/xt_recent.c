/* xt_recent.c: the recent match, revision 1 (iptables 1.8.9
 * extensions/libxt_recent.c, Linux net/netfilter/xt_recent.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "engine/engine.h"
#include "ext/recent.h"
#include "host/host.h"
#include "rules/ext.h"

enum {
	RECENT_CHECK = 1 << 0,
	RECENT_SET = 1 << 1,
	RECENT_UPDATE = 1 << 2,
	RECENT_REMOVE = 1 << 3,
	RECENT_TTL = 1 << 4,
	RECENT_REAP = 1 << 5,
	RECENT_VALID = (1 << 6) - 1,
	RECENT_SOURCE = 0,
	RECENT_DEST = 1,
	RECENT_NAME_LEN = 200,
	/* the kernel's XT_RECENT_MAX_NSTAMPS (Linux >= 4.x) */
	RECENT_MAX_NSTAMPS = 1 << 16,
};

/* struct xt_recent_mtinfo_v1 (IPv4 mask only); the lists themselves are
 * per-namespace runtime state shared by name, kept by the engine. */
struct ut_recent_info {
	uint32_t seconds;
	uint32_t hit_count;
	uint8_t check_set;          /* RECENT_* */
	uint8_t invert;
	char name[RECENT_NAME_LEN];
	uint8_t side;               /* RECENT_SOURCE or RECENT_DEST */
	uint32_t mask;              /* network order */
};

enum {
	O_SET = 0,
	O_RCHECK,
	O_UPDATE,
	O_REMOVE,
	O_SECONDS,
	O_REAP,
	O_HITCOUNT,
	O_RTTL,
	O_NAME,
	O_RSOURCE,
	O_RDEST,
	O_MASK,
	F_SET = 1 << O_SET,
	F_RCHECK = 1 << O_RCHECK,
	F_UPDATE = 1 << O_UPDATE,
	F_REMOVE = 1 << O_REMOVE,
	F_SECONDS = 1 << O_SECONDS,
	F_ANY_OP = F_SET | F_RCHECK | F_UPDATE | F_REMOVE,
};

#define RC_OFF(f) offsetof(struct ut_recent_info, f)
static const struct ut_opt recent_opts[] = {
	{ .name = "set", .id = O_SET, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "rcheck", .id = O_RCHECK, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "update", .id = O_UPDATE, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "remove", .id = O_REMOVE, .type = UT_OPT_NONE,
	  .excl = F_ANY_OP, .flags = UT_OPTF_INVERT },
	{ .name = "seconds", .id = O_SECONDS, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .min = 1, .off = RC_OFF(seconds) },
	{ .name = "reap", .id = O_REAP, .type = UT_OPT_NONE,
	  .also = F_SECONDS },
	{ .name = "hitcount", .id = O_HITCOUNT, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_PUT, .off = RC_OFF(hit_count) },
	{ .name = "rttl", .id = O_RTTL, .type = UT_OPT_NONE,
	  .excl = F_SET | F_REMOVE },
	/* copied by recent_parse: libxtables truncates to 199 chars */
	{ .name = "name", .id = O_NAME, .type = UT_OPT_STRING },
	{ .name = "rsource", .id = O_RSOURCE, .type = UT_OPT_NONE },
	{ .name = "rdest", .id = O_RDEST, .type = UT_OPT_NONE },
	{ .name = "mask", .id = O_MASK, .type = UT_OPT_HOST,
	  .flags = UT_OPTF_PUT, .off = RC_OFF(mask) },
	UT_OPT_END
};

static void
recent_init(void *data)
{
	struct ut_recent_info *info = data;

	strcpy(info->name, "DEFAULT");
	info->side = RECENT_SOURCE;
	info->mask = UINT32_MAX;
}

static int
recent_parse(struct ut_opt_call *call)
{
	static const uint8_t op_bits[] = {
		[O_SET] = RECENT_SET, [O_RCHECK] = RECENT_CHECK,
		[O_UPDATE] = RECENT_UPDATE, [O_REMOVE] = RECENT_REMOVE,
	};
	struct ut_recent_info *info = call->data;

	switch (call->opt->id) {
	case O_SET:
	case O_RCHECK:
	case O_UPDATE:
	case O_REMOVE:
		info->check_set |= op_bits[call->opt->id];
		if (call->invert)
			info->invert = 1;
		break;
	case O_RTTL:
		info->check_set |= RECENT_TTL;
		break;
	case O_REAP:
		info->check_set |= RECENT_REAP;
		break;
	case O_RSOURCE:
		info->side = RECENT_SOURCE;
		break;
	case O_RDEST:
		info->side = RECENT_DEST;
		break;
	case O_NAME:
		ut_strput(info->name, sizeof(info->name), call->arg);
		break;
	}
	return 0;
}

static int
recent_final_check(struct ut_fcheck_call *call)
{
	if (!(call->xflags & F_ANY_OP))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "recent: you must specify one of `--set', "
				  "`--rcheck' `--update' or `--remove'");
	return 0;
}

/* recent_print_common: -L and save share the order; kw[] holds the
 * words of one form: SET CHECK UPDATE REMOVE seconds reap hitcount TTL
 * name */
static void
recent_print_ops(const struct ut_recent_info *info, const char *const kw[9],
		 struct ut_buf *out)
{
	static const uint8_t bits[4] = {
		RECENT_SET, RECENT_CHECK, RECENT_UPDATE, RECENT_REMOVE,
	};

	for (int i = 0; i < 4; i++)
		if (info->check_set & bits[i])
			ut_buf_printf(out, " %s", kw[i]);
	if (info->seconds)
		ut_buf_printf(out, " %s %d", kw[4], (int)info->seconds);
	if (info->check_set & RECENT_REAP)
		ut_buf_printf(out, " %s", kw[5]);
	if (info->hit_count)
		ut_buf_printf(out, " %s %d", kw[6], (int)info->hit_count);
	if (info->check_set & RECENT_TTL)
		ut_buf_printf(out, " %s", kw[7]);
	ut_buf_printf(out, " %s %s", kw[8], info->name);
}

static void
recent_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kw[9] = {
		"SET", "CHECK", "UPDATE", "REMOVE", "seconds:", "reap",
		"hit_count:", "TTL-Match", "name:",
	};
	const struct ut_recent_info *info = pc->data;
	char buf[16];

	if (info->invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " recent:");
	recent_print_ops(info, kw, out);
	if (info->side == RECENT_SOURCE)
		ut_buf_puts(out, " side: source");
	if (info->side == RECENT_DEST)
		ut_buf_puts(out, " side: dest");
	ut_buf_printf(out, " mask: %s", ut_ipv4_ntoa(info->mask, buf));
}

static void
recent_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	static const char *const kw[9] = {
		"--set", "--rcheck", "--update", "--remove", "--seconds",
		"--reap", "--hitcount", "--rttl", "--name",
	};
	const struct ut_recent_info *info = pc->data;
	char buf[16];

	if (info->invert)
		ut_buf_puts(out, " !");
	recent_print_ops(info, kw, out);
	ut_buf_printf(out, " --mask %s", ut_ipv4_ntoa(info->mask, buf));
	if (info->side == RECENT_SOURCE)
		ut_buf_puts(out, " --rsource");
	if (info->side == RECENT_DEST)
		ut_buf_puts(out, " --rdest");
}

static int
recent_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_recent_info *info = kc->data;
	unsigned ops = info->check_set & (RECENT_SET | RECENT_REMOVE |
					  RECENT_CHECK | RECENT_UPDATE);

	if (info->check_set & ~RECENT_VALID) {
		ut_buf_printf(kc->dmesg, "xt_recent: Unsupported userspace "
			      "flags (%08x)", info->check_set);
		return -EINVAL;
	}
	/* exactly one operation */
	if (ops == 0 || (ops & (ops - 1)))
		return -EINVAL;
	if ((info->check_set & (RECENT_SET | RECENT_REMOVE)) &&
	    (info->seconds || info->hit_count ||
	     (info->check_set & (RECENT_TTL | RECENT_REAP))))
		return -EINVAL;
	if ((info->check_set & RECENT_REAP) && !info->seconds)
		return -EINVAL;
	if (info->hit_count >= RECENT_MAX_NSTAMPS) {
		ut_buf_printf(kc->dmesg, "xt_recent: hitcount (%u) is larger "
			      "than allowed maximum (%u)", info->hit_count,
			      RECENT_MAX_NSTAMPS - 1);
		return -EINVAL;
	}
	return ut_kcheck_proc_name(info->name, sizeof(info->name));
}

/* ---- packet evaluation (Linux 6.18 xt_recent.c) ----------------------- */

/* The lists live in the engine, one per name (a network namespace's
 * /proc/net/xt_recent/NAME), shared by every rule naming it. Time stamps
 * are the engine's jiffies; the /proc view writes them as ticks since
 * the epoch of the capture timestamps (recent_abs), so a list written by
 * one run and loaded into the next keeps every stamp at its real time. */

struct recent_entry {
	struct recent_entry *hnext;          /* hash chain */
	struct recent_entry *lprev, *lnext;  /* LRU list, oldest first */
	uint32_t addr;                       /* network order */
	uint8_t ttl;
	uint16_t index, nstamps;             /* the kernel's u16 fields */
	unsigned long stamps[];              /* nstamps_max_mask + 1 */
};

/* a write or a loaded line waiting for the clock to start */
struct recent_pending {
	struct recent_pending *next;
	char op;                /* '+', '-', '/' or 'L' (a /proc line) */
	uint32_t addr;
	uint8_t ttl;
	uint16_t index, nstamps;
	int64_t last_seen;      /* ticks since the epoch (loaded lines) */
	int64_t *stamps;
};

struct recent_table {
	struct ut_engine *eng;
	uint32_t mask;                 /* the first rule's --mask */
	uint16_t nstamps_max_mask;
	unsigned entries, list_tot;
	struct recent_entry *lru_head, *lru_tail;
	struct recent_entry **hash;
	unsigned hash_size;            /* 1 << fls(ip_list_tot) */
	/* applied when the run starts: loaded files, then HOST lines */
	struct recent_pending *files, **files_tail, *host_cmds;
};

static const char RECENT_KIND[] = "recent";

static unsigned
recent_hash(const struct recent_table *t, uint32_t addr)
{
	/* the kernel's jhash has a random key: only /proc's order depends
	 * on it, and utables lists the entries sorted */
	return (unsigned)((addr * 2654435761u) >> 7) & (t->hash_size - 1);
}

/* time_after(a, b): a is later than b, across a wrap */
static bool
recent_after(unsigned long a, unsigned long b)
{
	return (long)(b - a) < 0;
}

static struct recent_entry *
recent_lookup(const struct recent_table *t, uint32_t addr, uint8_t ttl)
{
	for (struct recent_entry *e = t->hash[recent_hash(t, addr)]; e;
	     e = e->hnext)
		if (e->addr == addr && (ttl == e->ttl || ttl == 0 ||
					e->ttl == 0))
			return e;
	return NULL;
}

static void
recent_lru_unlink(struct recent_table *t, struct recent_entry *e)
{
	if (e->lprev)
		e->lprev->lnext = e->lnext;
	else
		t->lru_head = e->lnext;
	if (e->lnext)
		e->lnext->lprev = e->lprev;
	else
		t->lru_tail = e->lprev;
	e->lprev = e->lnext = NULL;
}

static void
recent_lru_append(struct recent_table *t, struct recent_entry *e)
{
	e->lprev = t->lru_tail;
	e->lnext = NULL;
	if (t->lru_tail)
		t->lru_tail->lnext = e;
	else
		t->lru_head = e;
	t->lru_tail = e;
}

static void
recent_remove(struct recent_table *t, struct recent_entry *e)
{
	struct recent_entry **pp = &t->hash[recent_hash(t, e->addr)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	recent_lru_unlink(t, e);
	free(e);
	t->entries--;
}

static void
recent_flush(struct recent_table *t)
{
	while (t->lru_head)
		recent_remove(t, t->lru_head);
}

/* recent_entry_init: a new entry stamped now; the least recently used
 * one goes when the list holds ip_list_tot */
static struct recent_entry *
recent_entry_new(struct recent_table *t, uint32_t addr, uint8_t ttl,
		 unsigned long now)
{
	struct recent_entry *e;
	size_t n = (size_t)t->nstamps_max_mask + 1;

	if (t->entries >= t->list_tot && t->lru_head)
		recent_remove(t, t->lru_head);
	e = calloc(1, sizeof(*e) + n * sizeof(e->stamps[0]));
	if (!e)
		return NULL;
	e->addr = addr;
	e->ttl = ttl;
	e->stamps[0] = now;
	e->nstamps = 1;
	e->index = 1;
	e->hnext = t->hash[recent_hash(t, addr)];
	t->hash[recent_hash(t, addr)] = e;
	recent_lru_append(t, e);
	t->entries++;
	return e;
}

/* recent_entry_update: one more stamp (the oldest overwritten when the
 * ring is full); the entry becomes the most recently used */
static void
recent_entry_update(struct recent_table *t, struct recent_entry *e,
		    unsigned long now)
{
	e->index &= t->nstamps_max_mask;
	e->stamps[e->index++] = now;
	if (e->index > e->nstamps)
		e->nstamps = e->index;
	recent_lru_unlink(t, e);
	recent_lru_append(t, e);
}

/* recent_entry_reap: the least recently used entry goes if its newest
 * stamp is older than time, unless it is the one about to be updated */
static void
recent_entry_reap(struct recent_table *t, unsigned long time,
		  const struct recent_entry *working, bool update)
{
	struct recent_entry *e = t->lru_head;

	if (!e || (e == working && update))
		return;
	if (recent_after(time, e->stamps[(uint16_t)(e->index - 1)]))
		recent_remove(t, e);
}

/* ---- time stamps across runs ---- */

static uint64_t
recent_tick_ns(const struct ut_engine *e)
{
	return 1000000000u / ut_engine_hz(e);
}

/* recent_abs: a stamp as ticks since the epoch of the packet clock */
static int64_t
recent_abs(const struct ut_engine *e, unsigned long j)
{
	long rel = (long)(j - ut_engine_start_jiffies(e));

	return (int64_t)(ut_engine_start_ns(e) / recent_tick_ns(e)) + rel;
}

static unsigned long
recent_from_abs(const struct ut_engine *e, int64_t abs)
{
	int64_t rel = abs - (int64_t)(ut_engine_start_ns(e) /
				      recent_tick_ns(e));

	return ut_engine_start_jiffies(e) + (unsigned long)rel;
}

/* ---- writes and loaded lines, applied when the run starts ---- */

static void
recent_pending_free(struct recent_pending *p)
{
	while (p) {
		struct recent_pending *next = p->next;

		free(p->stamps);
		free(p);
		p = next;
	}
}

/* recent_mt_proc_write: "+A" adds or refreshes A (ttl 0, unmasked),
 * "-A" removes it, "/" empties the list */
static void
recent_apply_write(struct recent_table *t, char op, uint32_t addr,
		   unsigned long now)
{
	struct recent_entry *e;

	if (op == '/') {
		recent_flush(t);
		return;
	}
	e = recent_lookup(t, addr, 0);
	if (!e) {
		if (op == '+')
			recent_entry_new(t, addr, 0, now);
	} else if (op == '+') {
		recent_entry_update(t, e, now);
	} else {
		recent_remove(t, e);
	}
}

static void
recent_apply_loaded(struct recent_table *t, const struct recent_pending *p)
{
	struct recent_entry *e = recent_lookup(t, p->addr, 0);

	if (e)
		recent_remove(t, e);
	e = recent_entry_new(t, p->addr, p->ttl, 0);
	if (!e)
		return;
	for (unsigned i = 0; i < p->nstamps; i++)
		e->stamps[i] = recent_from_abs(t->eng, p->stamps[i]);
	e->nstamps = p->nstamps;
	e->index = p->index;
}

/* recent_pending_apply: what waits for the clock, at the first packet's
 * jiffies (called before the list is read or changed) */
static void
recent_pending_apply(struct recent_table *t)
{
	unsigned long start = ut_engine_start_jiffies(t->eng);
	struct recent_pending *lists[2] = { t->files, t->host_cmds };

	if (!t->files && !t->host_cmds)
		return;
	for (int k = 0; k < 2; k++)
		for (const struct recent_pending *p = lists[k]; p; p = p->next)
			if (p->op == 'L')
				recent_apply_loaded(t, p);
			else
				recent_apply_write(t, p->op, p->addr, start);
	recent_pending_free(t->files);
	recent_pending_free(t->host_cmds);
	t->files = t->host_cmds = NULL;
	t->files_tail = &t->files;
}

/* ---- the shared object ---- */

/* recent_mt_check's stamp ring size for a rule: ip_pkt_list_tot when
 * it is set and above the rule's hitcount, else the hitcount, rounded
 * up to a power of two (32 without either) */
static uint16_t
recent_nstamp_mask(const struct ut_recent_params *prm,
		   const struct ut_recent_info *info)
{
	uint32_t n = 32, r = 1;

	if (prm->ip_pkt_list_tot && info->hit_count < prm->ip_pkt_list_tot)
		n = prm->ip_pkt_list_tot;
	else if (info->hit_count)
		n = info->hit_count;
	while (r < n)
		r <<= 1;
	return (uint16_t)(r - 1);
}

static void *
recent_obj_new(struct ut_engine *e, const char *name, const void *arg,
	       struct ut_err *err)
{
	const struct ut_recent_info *info = arg;
	const struct ut_host *h = ut_engine_host(e);
	struct recent_table *t = calloc(1, sizeof(*t));
	struct recent_pending **tail;
	unsigned fls = 0;

	if (!t)
		goto oom;
	t->eng = e;
	t->mask = info->mask;
	t->nstamps_max_mask = recent_nstamp_mask(&h->recent, info);
	t->list_tot = h->recent.ip_list_tot;
	for (unsigned v = t->list_tot; v; v >>= 1)
		fls++;
	/* the kernel's size; capped (it only spreads the lookups here) */
	t->hash_size = 1u << (fls < 20 ? fls : 20);
	t->hash = calloc(t->hash_size, sizeof(*t->hash));
	t->files_tail = &t->files;
	if (!t->hash)
		goto oom;
	tail = &t->host_cmds;
	for (size_t i = 0; i < h->n_recent_cmds; i++) {
		const struct ut_host_recent_cmd *c = &h->recent_cmds[i];
		const char *why;
		struct recent_pending *p;

		if (strcmp(c->table, name) != 0)
			continue;
		p = calloc(1, sizeof(*p));
		if (!p)
			goto oom;
		*tail = p;
		tail = &p->next;
		/* checked when the HOST was read */
		ut_host_recent_cmd_parse(c->cmd, &p->op, &p->addr, &why);
	}
	return t;
oom:
	if (t) {
		recent_pending_free(t->host_cmds);
		free(t->hash);
		free(t);
	}
	ut_err_set(err, 2, "out of memory");
	return NULL;
}

static void
recent_obj_free(struct ut_engine *e, void *obj)
{
	struct recent_table *t = obj;

	(void)e;
	recent_flush(t);
	recent_pending_free(t->files);
	recent_pending_free(t->host_cmds);
	free(t->hash);
	free(t);
}

static int
recent_addr_cmp(const void *a, const void *b)
{
	uint32_t x = ntohl((*(const struct recent_entry *const *)a)->addr);
	uint32_t y = ntohl((*(const struct recent_entry *const *)b)->addr);

	return x < y ? -1 : x > y;
}

/* recent_seq_show's lines, sorted by address (the kernel lists them in
 * the order of its randomly keyed hash) */
static void
recent_obj_output(const struct ut_engine *eng, const void *obj,
		  const char *name, struct ut_buf *path, struct ut_buf *text)
{
	/* the view is the list as it is at the end: writes still waiting
	 * (a run whose packets never reached a recent rule) count too */
	struct recent_table *t = (struct recent_table *)obj;
	struct recent_entry **v;
	size_t n = 0;
	char buf[16];

	recent_pending_apply(t);
	ut_buf_printf(path, "proc/net/xt_recent/%s", name);
	v = calloc(t->entries ? t->entries : 1, sizeof(*v));
	if (!v) {
		text->oom = true;
		return;
	}
	for (struct recent_entry *e = t->lru_head; e; e = e->lnext)
		v[n++] = e;
	qsort(v, n, sizeof(*v), recent_addr_cmp);
	for (size_t k = 0; k < n; k++) {
		const struct recent_entry *e = v[k];
		uint16_t last = (uint16_t)(e->index - 1) & t->nstamps_max_mask;

		ut_buf_printf(text, "src=%s ttl: %u last_seen: %lld "
			      "oldest_pkt: %u", ut_ipv4_ntoa(e->addr, buf),
			      e->ttl, (long long)recent_abs(eng,
			      e->stamps[last]), e->index);
		for (unsigned i = 0; i < e->nstamps; i++)
			ut_buf_printf(text, "%s %lld", i ? "," : "",
				      (long long)recent_abs(eng,
				      e->stamps[i]));
		ut_buf_putc(text, '\n');
	}
	free(v);
}

static const struct ut_shared_ops recent_shared_ops = {
	.kind = RECENT_KIND,
	.new_obj = recent_obj_new,
	.free_obj = recent_obj_free,
	.output = recent_obj_output,
};

/* the rule's state is its list; a rule that needs a larger stamp ring
 * than the list has empties it and widens it (recent_mt_check) */
static int
recent_state_new(struct ut_engine *e, const void *data, void **state,
		 struct ut_err *err)
{
	const struct ut_recent_info *info = data;
	struct recent_table *t = ut_engine_shared_get(e, &recent_shared_ops,
						      info->name, info, err);
	uint16_t m;

	if (!t)
		return -1;
	m = recent_nstamp_mask(&ut_engine_host(e)->recent, info);
	if (m > t->nstamps_max_mask) {
		recent_flush(t);
		t->nstamps_max_mask = m;
	}
	*state = t;
	return 0;
}

static void
recent_state_free(struct ut_engine *e, void *state)
{
	ut_engine_shared_put(e, state);
}

static bool
recent_match(struct ut_xt_par *par)
{
	const struct ut_recent_info *info = par->data;
	struct recent_table *t = par->state;
	const uint8_t *ip = par->pkt->ip;
	unsigned long now = ut_engine_jiffies(par->eng);
	struct recent_entry *e;
	uint32_t addr;
	uint8_t ttl = ip[8];
	bool ret = info->invert;

	memcpy(&addr, ip + (info->side == RECENT_DEST ? 16 : 12), 4);
	/* the TTL as it was before forwarding */
	if (par->out && !par->pkt->has_sock)
		ttl++;
	recent_pending_apply(t);
	addr &= t->mask;
	e = recent_lookup(t, addr, (info->check_set & RECENT_TTL) ? ttl : 0);
	if (!e) {
		if (!(info->check_set & RECENT_SET))
			return ret;
		if (!recent_entry_new(t, addr, ttl, now))
			par->hotdrop = true;
		return !ret;
	}
	if (info->check_set & RECENT_SET) {
		ret = !ret;
	} else if (info->check_set & RECENT_REMOVE) {
		recent_remove(t, e);
		return !ret;
	} else {
		unsigned long time = now - (unsigned long)(uint32_t)
				     (info->seconds * ut_engine_hz(par->eng));
		unsigned hits = 0;

		for (unsigned i = 0; i < e->nstamps; i++) {
			if (info->seconds && recent_after(time, e->stamps[i]))
				continue;
			if (!info->hit_count || ++hits >= info->hit_count) {
				ret = !ret;
				break;
			}
		}
		if (info->check_set & RECENT_REAP)
			recent_entry_reap(t, time, e,
					  (info->check_set & RECENT_UPDATE) &&
					  ret);
	}
	/* an inverted --update refreshes when nothing was found, as the
	 * kernel does: it looks at the result after the inversion */
	if ((info->check_set & RECENT_SET) ||
	    ((info->check_set & RECENT_UPDATE) && ret)) {
		recent_entry_update(t, e, now);
		e->ttl = ttl;
	}
	return ret;
}

/* ---- `run`: HOST lines and loaded lists ---- */

/* one line of a /proc file: "src=A ttl: T last_seen: J oldest_pkt: I
 * J1, J2, ..." */
static int
recent_parse_proc_line(char *line, const struct recent_table *t,
		       struct recent_pending *p, const char **why)
{
	unsigned ttl, index;
	long long last;
	int off = 0;
	char addr[32];
	char *s, *end;
	size_t cap = (size_t)t->nstamps_max_mask + 1;

	if (sscanf(line, "src=%31s ttl: %u last_seen: %lld oldest_pkt: %u%n",
		   addr, &ttl, &last, &index, &off) != 4 || !off) {
		*why = "not a line of /proc/net/xt_recent";
		return -1;
	}
	if (inet_pton(AF_INET, addr, &p->addr) != 1 || ttl > 255) {
		*why = "bad address or ttl";
		return -1;
	}
	p->op = 'L';
	p->ttl = (uint8_t)ttl;
	p->last_seen = last;
	p->stamps = calloc(cap, sizeof(*p->stamps));
	if (!p->stamps) {
		*why = "out of memory";
		return -1;
	}
	for (s = line + off; *s;) {
		while (*s == ' ')
			s++;
		if (!*s || *s == '\n')
			break;
		if (p->nstamps == cap) {
			*why = "more time stamps than the list keeps (its "
			       "rules' --hitcount, ip_pkt_list_tot)";
			return -1;
		}
		p->stamps[p->nstamps++] = strtoll(s, &end, 10);
		if (end == s) {
			*why = "bad time stamp";
			return -1;
		}
		s = end;
		if (*s == ',')
			s++;
	}
	if (p->nstamps == 0 || index == 0 || index > p->nstamps) {
		*why = "oldest_pkt out of range";
		return -1;
	}
	p->index = (uint16_t)index;
	return 0;
}

/* recent_load_text: a file's lines: its /proc lines first, by
 * last_seen (the kernel's LRU order; stable), then its writes in order */
static int
recent_load_text(struct recent_table *t, char *text, const char *path,
		 struct ut_err *err)
{
	struct recent_pending *loaded = NULL, *writes = NULL;
	struct recent_pending **wtail = &writes;
	unsigned no = 0;
	char *line = text, *next;
	int r = 0;

	for (; line && *line && r == 0; line = next) {
		struct recent_pending *p, **pp;
		const char *why = NULL;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		no++;
		if (!*line)
			continue;
		p = calloc(1, sizeof(*p));
		if (!p) {
			r = ut_err_set(err, 2, "out of memory");
			break;
		}
		if (strncmp(line, "src=", 4) == 0)
			r = recent_parse_proc_line(line, t, p, &why);
		else
			r = ut_host_recent_cmd_parse(line, &p->op, &p->addr,
						     &why);
		if (r < 0) {
			recent_pending_free(p);
			r = ut_err_set(err, 2, "%s:%u: %s", path, no, why);
			break;
		}
		if (p->op != 'L') {
			*wtail = p;
			wtail = &p->next;
			continue;
		}
		for (pp = &loaded; *pp && (*pp)->last_seen <= p->last_seen;
		     pp = &(*pp)->next)
			;
		p->next = *pp;
		*pp = p;
	}
	if (r < 0) {
		recent_pending_free(loaded);
		recent_pending_free(writes);
		return r;
	}
	*t->files_tail = loaded;
	while (*t->files_tail)
		t->files_tail = &(*t->files_tail)->next;
	*t->files_tail = writes;
	while (*t->files_tail)
		t->files_tail = &(*t->files_tail)->next;
	return 0;
}

static int
recent_load_file(struct ut_engine *e, const struct ut_recent_load *ld,
		 struct ut_err *err)
{
	struct recent_table *t = ut_engine_shared_find(e, RECENT_KIND,
						       ld->name);
	FILE *f;
	char *text;
	long len;
	int r;

	if (!t)
		return ut_err_set(err, 2, "--recent %s=%s: no rule uses the "
				  "list %s (--name)", ld->name, ld->path,
				  ld->name);
	f = fopen(ld->path, "r");
	if (!f)
		return ut_err_set(err, 2, "%s: %s", ld->path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return ut_err_set(err, 2, "%s: cannot read", ld->path);
	}
	text = malloc((size_t)len + 1);
	if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
		free(text);
		fclose(f);
		return ut_err_set(err, 2, "%s: cannot read", ld->path);
	}
	fclose(f);
	text[len] = '\0';
	r = recent_load_text(t, text, ld->path, err);
	free(text);
	return r;
}

int
ut_recent_setup(struct ut_engine *e, const struct ut_recent_load *loads,
		size_t n, struct ut_err *err)
{
	const struct ut_host *h = ut_engine_host(e);

	for (size_t i = 0; i < h->n_recent_cmds; i++)
		if (!ut_engine_shared_find(e, RECENT_KIND,
					   h->recent_cmds[i].table))
			return ut_err_set(err, 2, "%s: recent %s: no rule uses "
					  "the list %s (--name): "
					  "/proc/net/xt_recent/%s does not "
					  "exist", h->recent_cmds[i].where,
					  h->recent_cmds[i].table,
					  h->recent_cmds[i].table,
					  h->recent_cmds[i].table);
	for (size_t i = 0; i < n; i++)
		if (recent_load_file(e, &loads[i], err) < 0)
			return -1;
	return 0;
}

const struct ut_ext ut_ext_recent = {
	.name = "recent",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_recent_info),
	.cmp_size = sizeof(struct ut_recent_info),
	.opts = recent_opts,
	.init = recent_init,
	.parse = recent_parse,
	.final_check = recent_final_check,
	.print = recent_print,
	.save = recent_save,
	.kcheck = recent_kcheck,
	.match = recent_match,
	.state_new = recent_state_new,
	.state_free = recent_state_free,
};
