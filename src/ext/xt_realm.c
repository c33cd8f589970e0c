/* xt_realm.c: the IPv4 realm match (--realm value[/mask] or a name from
 * /etc/iproute2/rt_realms); reproduces iptables 1.8.9
 * extensions/libipt_realm.c (with libxtables' lmap and val/mask helpers)
 * and the registration of Linux net/netfilter/xt_realm.c. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_realm_info (linux/netfilter/xt_realm.h) */
struct ut_realm_info {
	uint32_t id;     /* realm (route classid) to match under mask */
	uint32_t mask;
	uint8_t invert;
};

enum {
	O_REALM = 0,
};

static const struct ut_opt realm_opts[] = {
	{ .name = "realm", .id = O_REALM, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

/* The realm names file iptables 1.8.9 reads (no other location). */
static const char realm_file[] = "/etc/iproute2/rt_realms";

/* realm_line: one line of the file as xtables_lmap_init reads it:
 * "ID NAME" with ID decimal or 0x-hex in 0..255; false for comments and
 * lines it skips. name receives the first word after the id. */
static bool
realm_line(char *line, unsigned *id, char **name)
{
	char *cur = line, *end;
	unsigned long v;

	while (isspace((unsigned char)*cur))
		cur++;
	if (*cur == '#' || *cur == '\n' || *cur == '\0')
		return false;
	errno = 0;
	v = strtoul(cur, &end, strncmp(cur, "0x", 2) == 0 ? 16 : 10);
	/* iptables keeps the value in an int: "-1" wraps below 0 there */
	if (end == cur || errno != 0 || (int)v < 0 || (int)v > 255)
		return false;
	cur = end;
	if (!isspace((unsigned char)*cur))
		return false;
	while (isspace((unsigned char)*cur))
		cur++;
	if (*cur == '#' || *cur == '\n' || *cur == '\0')
		return false;
	end = cur;
	while (*end != '\0' && !isspace((unsigned char)*end))
		end++;
	*end = '\0';
	*id = (unsigned)v;
	*name = cur;
	return true;
}

/* struct realm_map: the entries of the file in file order (the lmap
 * list of libxtables); n == 0 when the file is missing or has none. */
struct realm_map {
	size_t n;
	struct realm_entry {
		unsigned id;
		char *name;
	} *e;
};

static void
realm_map_free(struct realm_map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].name);
	free(m->e);
	m->n = 0;
	m->e = NULL;
}

/* realm_map_load: read the file (again at each use: it is small, and a
 * command looks at it once or twice). On allocation failure the map
 * keeps what was read so far, as libxtables gives up the same way. */
static void
realm_map_load(struct realm_map *m)
{
	FILE *fp = fopen(realm_file, "re");
	char line[512];

	m->n = 0;
	m->e = NULL;
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		struct realm_entry *ne;
		unsigned id;
		char *name;

		if (!realm_line(line, &id, &name))
			continue;
		ne = realloc(m->e, (m->n + 1) * sizeof(*ne));
		if (!ne)
			break;
		m->e = ne;
		ne[m->n].id = id;
		ne[m->n].name = strdup(name);
		if (!ne[m->n].name)
			break;
		m->n++;
	}
	fclose(fp);
}

/* realm_map_name2id: the first entry named name, -1 if none. */
static int
realm_map_name2id(const struct realm_map *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->e[i].name, name) == 0)
			return (int)m->e[i].id;
	return -1;
}

/* realm_map_id2name: the first entry with that id, NULL if none. */
static const char *
realm_map_id2name(const struct realm_map *m, uint32_t id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].id == id)
			return m->e[i].name;
	return NULL;
}

/* realm_strtoui: xtables_strtoui(s, &end, .., 0, UINT32_MAX). */
static bool
realm_strtoui(const char *s, char **end, uint32_t *v)
{
	const char *p = s;
	unsigned long long n;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-')
		return false;
	errno = 0;
	n = strtoull(s, end, 0);
	if (*end == s || errno == ERANGE || n > UINT32_MAX)
		return false;
	*v = (uint32_t)n;
	return true;
}

/* realm_parse: xtables_parse_val_mask with the realms map: a number
 * with an optional "/mask", or a name (only when the map has entries;
 * the messages differ without one). */
static int
realm_parse(struct ut_opt_call *call)
{
	struct ut_realm_info *info = call->data;
	uint32_t id = 0, mask = UINT32_MAX;
	struct realm_map map;
	int ret = 0, mapped;
	char *end;

	realm_map_load(&map);
	if (!realm_strtoui(call->arg, &end, &id))
		goto name;
	if (*end == '/') {
		if (!realm_strtoui(end + 1, &end, &mask))
			goto bad_val;
		if (*end != '\0')
			goto garbage;
	} else if (*end != '\0') {
		if (map.n)
			goto name;
		goto garbage;
	}
	goto done;
name:
	if (!map.n)
		goto bad_val;
	mapped = realm_map_name2id(&map, call->arg);
	if (mapped < 0) {
		ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"%s: could not map name %s to an integer value for "
			"option \"--%s\".\n", call->ext_name, call->arg,
			call->opt->name);
		goto out;
	}
	id = (uint32_t)mapped;
	mask = UINT32_MAX;
done:
	info->id = id;
	info->mask = mask;
	if (call->invert)
		info->invert = 1;
	goto out;
garbage:
	ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
		"%s: trailing garbage after value for option \"--%s\".\n",
		call->ext_name, call->opt->name);
	goto out;
bad_val:
	ret = ut_err_set(call->err, UT_PARAMETER_PROBLEM,
		"%s: bad integer value for option \"--%s\", or out of "
		"range.\n", call->ext_name, call->opt->name);
out:
	realm_map_free(&map);
	return ret;
}

/* realm_print_val_mask: xtables_print_val_mask: "0x5/0xff", a name for
 * a full mask when the map knows the id (and use_names), else "0x5". */
static void
realm_print_val_mask(struct ut_buf *out, uint32_t id, uint32_t mask,
		     bool use_names)
{
	struct realm_map map;
	const char *name;

	if (mask != UINT32_MAX) {
		ut_buf_printf(out, " 0x%x/0x%x", id, mask);
		return;
	}
	if (use_names) {
		realm_map_load(&map);
		name = realm_map_id2name(&map, id);
		if (name)
			ut_buf_printf(out, " %s", name);
		else
			ut_buf_printf(out, " 0x%x", id);
		realm_map_free(&map);
		return;
	}
	ut_buf_printf(out, " 0x%x", id);
}

static void
realm_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_realm_info *info = pc->data;

	if (info->invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " realm");
	realm_print_val_mask(out, info->id, info->mask, !pc->numeric);
}

static void
realm_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_realm_info *info = pc->data;

	if (info->invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " --realm");
	realm_print_val_mask(out, info->id, info->mask, true);
}

/* realm_mt: the route's tclassid under the mask. The host model's routes
 * have no realms (no `realm` in route lines, no policy rules), and then
 * the kernel's dst->tclassid is 0 (rt_set_nexthop copies the next hop's
 * nh_tclassid, 0 without a realm; input routes take fib_validate_source's
 * itag, also 0): the match holds when id is 0, unless inverted. */
static bool
realm_match(struct ut_xt_par *par)
{
	const struct ut_realm_info *info = par->data;
	const uint32_t tclassid = 0;

	return (info->id == (tclassid & info->mask)) ^ (info->invert != 0);
}

const struct ut_ext ut_ext_realm = {
	.name = "realm",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_realm_info),
	.opts = realm_opts,
	.hooks = UT_HM_POST | UT_HM_FWD | UT_HM_OUT | UT_HM_IN,
	.parse = realm_parse,
	.print = realm_print,
	.save = realm_save,
	.match = realm_match,
};
