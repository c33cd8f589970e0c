/* xt_nfacct.c: the nfacct match, extended accounting objects (iptables
 * 1.8.9 extensions/libxt_nfacct.c, Linux net/netfilter/xt_nfacct.c). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "host/host.h"
#include "rules/ext.h"

#define NFACCT_NAME_MAX 32

/* struct xt_nfacct_match_info_v1 without the kernel's object pointer */
struct ut_nfacct_info {
	char name[NFACCT_NAME_MAX];
};

enum {
	O_NAME = 0,
};

static const struct ut_opt nfacct_opts[] = {
	/* copied by nfacct_parse: libxtables truncates to 31 chars */
	{ .name = "nfacct-name", .id = O_NAME, .type = UT_OPT_STRING,
	  .min = 1, .flags = UT_OPTF_MAND },
	UT_OPT_END
};

static int
nfacct_parse(struct ut_opt_call *call)
{
	struct ut_nfacct_info *info = call->data;

	ut_strput(info->name, sizeof(info->name), call->arg);
	if (strchr(call->arg, '\n') != NULL)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Newlines not allowed in --nfacct-name");
	return 0;
}

static void
nfacct_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_nfacct_info *info = pc->data;

	ut_buf_puts(out, " nfacct-name ");
	ut_save_string(out, info->name);
}

static void
nfacct_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_nfacct_info *info = pc->data;

	ut_buf_puts(out, " --nfacct-name ");
	ut_save_string(out, info->name);
}

/* nfacct_kcheck: the accounting object must exist (nfnl_acct_find_get):
 * those of the run's HOST (`nfacct add NAME`), none for the CLI */
static int
nfacct_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_nfacct_info *info = kc->data;

	if (ut_kcheck_nfacct_exists(info->name))
		return 0;
	ut_buf_printf(kc->dmesg, "xt_nfacct: accounting object `%s' does not "
		      "exist", info->name);
	return -ENOENT;
}

/* ---- packet evaluation (nfacct_mt) ---------------------------------------- */

/* The HOST's accounting objects, one engine object for all of them (the
 * name ""), so that DIR/nfacct lists every one in creation order as
 * `nfacct list` does, used or not by the rules that made the engine
 * create it. */
struct nfacct_obj {
	char name[NFACCT_NAME_MAX];
	uint64_t pkts, bytes;
};

struct nfacct_all {
	struct nfacct_obj *objs;
	size_t n;
};

static void *
nfacct_all_new(struct ut_engine *e, const char *name, const void *arg,
	       struct ut_err *err)
{
	const struct ut_host *h = ut_engine_host(e);
	struct nfacct_all *a = calloc(1, sizeof(*a));

	(void)name;
	(void)arg;
	if (!a || !(a->objs = calloc(h->n_nfacct + 1, sizeof(*a->objs)))) {
		free(a);
		ut_err_set(err, 2, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < h->n_nfacct; i++)
		ut_strput(a->objs[i].name, sizeof(a->objs[i].name),
			  h->nfacct[i]);
	a->n = h->n_nfacct;
	return a;
}

static void
nfacct_all_free(struct ut_engine *e, void *obj)
{
	struct nfacct_all *a = obj;

	(void)e;
	free(a->objs);
	free(a);
}

/* `nfacct list`: libnetfilter_acct's plain format, 20-digit counters */
static void
nfacct_all_output(const struct ut_engine *e, const void *obj,
		  const char *name, struct ut_buf *path, struct ut_buf *text)
{
	const struct nfacct_all *a = obj;

	(void)e;
	(void)name;
	ut_buf_puts(path, "nfacct");
	for (size_t i = 0; i < a->n; i++)
		ut_buf_printf(text, "{ pkts = %020" PRIu64 ", bytes = %020"
			      PRIu64 " } = %s;\n", a->objs[i].pkts,
			      a->objs[i].bytes, a->objs[i].name);
}

static const struct ut_shared_ops nfacct_ops = {
	.kind = "nfacct",
	.new_obj = nfacct_all_new,
	.free_obj = nfacct_all_free,
	.output = nfacct_all_output,
};

/* the state of a rule: its object, found by name (the all-objects
 * reference is held by the first instance; each keeps one) */
struct nfacct_state {
	struct nfacct_all *all;
	struct nfacct_obj *obj;
};

static int
nfacct_state_new(struct ut_engine *eng, const void *data, void **state,
		 struct ut_err *err)
{
	const struct ut_nfacct_info *info = data;
	struct nfacct_state *s = calloc(1, sizeof(*s));

	if (!s)
		return ut_err_set(err, 2, "out of memory");
	s->all = ut_engine_shared_get(eng, &nfacct_ops, "", NULL, err);
	if (!s->all) {
		free(s);
		return -1;
	}
	for (size_t i = 0; i < s->all->n && !s->obj; i++)
		if (strcmp(s->all->objs[i].name, info->name) == 0)
			s->obj = &s->all->objs[i];
	if (!s->obj) {
		ut_engine_shared_put(eng, s->all);
		free(s);
		return ut_err_set(err, 2, "-m nfacct: accounting object `%s' "
				  "does not exist (a HOST line `nfacct add "
				  "%s' creates it)", info->name, info->name);
	}
	*state = s;
	return 0;
}

static void
nfacct_state_free(struct ut_engine *eng, void *state)
{
	struct nfacct_state *s = state;

	ut_engine_shared_put(eng, s->all);
	free(s);
}

/* nfacct_mt: count the packet (nfnl_acct_update); the match is true
 * unless the object has a quota it is under, and objects made by
 * `nfacct add` have none (nfnl_acct_overquota: NFACCT_NO_QUOTA) */
static bool
nfacct_match(struct ut_xt_par *par)
{
	struct nfacct_state *s = par->state;

	s->obj->pkts++;
	s->obj->bytes += par->pkt->len;
	return true;
}

const struct ut_ext ut_ext_nfacct = {
	.name = "nfacct",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_nfacct_info),
	.cmp_size = sizeof(struct ut_nfacct_info),
	.opts = nfacct_opts,
	.parse = nfacct_parse,
	.print = nfacct_print,
	.save = nfacct_save,
	.kcheck = nfacct_kcheck,
	.match = nfacct_match,
	.state_new = nfacct_state_new,
	.state_free = nfacct_state_free,
};
