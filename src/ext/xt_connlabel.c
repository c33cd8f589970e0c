/* xt_connlabel.c: the connlabel match; reproduces iptables 1.8.9
 * extensions/libxt_connlabel.c with the label map of libnetfilter_conntrack
 * (src/conntrack/labels.c, file /etc/xtables/connlabel.conf) and the
 * checkentry of Linux net/netfilter/xt_connlabel.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conntrack/conntrack.h"
#include "engine/engine.h"
#include "rules/ext.h"

#define CONNLABEL_CONF "/etc/xtables/connlabel.conf"
#define CONNLABEL_MAP_BITS 1024 /* labels.c MAX_BITS */
#define CONNLABEL_KERNEL_BITS 128 /* XT_CONNLABEL_MAXBIT + 1 */

/* struct xt_connlabel_mtinfo (linux/netfilter/xt_connlabel.h). */
struct ut_connlabel_info {
	uint16_t bit;
	uint16_t options; /* UT_CONNLABEL_OP_* */
};

enum {
	UT_CONNLABEL_OP_INVERT = 1 << 0,
	UT_CONNLABEL_OP_SET = 1 << 1,
};

enum {
	O_LABEL = 0,
	O_SET,
};

static const struct ut_opt connlabel_opts[] = {
	{ .name = "label", .id = O_LABEL, .type = UT_OPT_STRING, .min = 1,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	{ .name = "set", .id = O_SET, .type = UT_OPT_NONE },
	UT_OPT_END
};

/* The label map: names by bit, as nfct_labelmap_new builds it. */
struct connlabel_map {
	char *name[CONNLABEL_MAP_BITS]; /* NULL: no label for that bit */
	unsigned count;                 /* labels loaded */
};

static void
connlabel_map_free(struct connlabel_map *m)
{
	for (unsigned i = 0; i < CONNLABEL_MAP_BITS; i++)
		free(m->name[i]);
	free(m);
}

static bool
connlabel_is_space(char c)
{
	return c == ' ' || c == '\f' || c == '\r' || c == '\t' || c == '\v';
}

/* connlabel_sane: letters, digits, space and '-' only (labels.c keeps
 * other names out so that printed rules re-parse). */
static bool
connlabel_sane(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == ' ' || *s == '-'))
			return false;
	return true;
}

/* connlabel_trim: the name after the bit number, without surrounding
 * blanks; NULL if empty. */
static char *
connlabel_trim(char *s)
{
	char *end;

	while (connlabel_is_space(*s))
		s++;
	end = strchr(s, '\n');
	if (end)
		*end = '\0';
	else
		end = strchr(s, '\0');
	while (end > s && connlabel_is_space(end[-1]))
		*--end = '\0';
	return *s ? s : NULL;
}

static bool
connlabel_map_has_name(const struct connlabel_map *m, const char *name)
{
	for (unsigned i = 0; i < CONNLABEL_MAP_BITS; i++)
		if (m->name[i] && strcmp(m->name[i], name) == 0)
			return true;
	return false;
}

/* connlabel_map_line: add "BIT NAME" unless the bit or the name is taken
 * or the line is not of that form. */
static void
connlabel_map_line(struct connlabel_map *m, char *line)
{
	unsigned long bit;
	char *end, *name;

	if (line[0] == '#')
		return;
	bit = strtoul(line, &end, 0);
	if ((bit == 0 && end == line) || bit >= CONNLABEL_MAP_BITS ||
	    m->name[bit])
		return;
	name = connlabel_trim(end);
	if (!name || !connlabel_sane(name) || connlabel_map_has_name(m, name))
		return;
	m->name[bit] = strdup(name);
	if (m->name[bit])
		m->count++;
}

/* connlabel_map_load: the map, or NULL with *err_no the open error (0:
 * the file holds no label). */
static struct connlabel_map *
connlabel_map_load(int *err_no)
{
	struct connlabel_map *m;
	char line[1024];
	FILE *fp;

	*err_no = 0;
	fp = fopen(CONNLABEL_CONF, "re");
	if (!fp) {
		*err_no = errno;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		*err_no = errno;
		fclose(fp);
		return NULL;
	}
	while (fgets(line, sizeof(line), fp))
		connlabel_map_line(m, line);
	fclose(fp);
	if (m->count == 0) {
		connlabel_map_free(m);
		return NULL;
	}
	return m;
}

/* connlabel_value: libxt_connlabel's strtoul whose result goes through an
 * int: "-1" and values of 2^31 and more come out negative (then looked up
 * as names), 65536 becomes bit 0. */
static int
connlabel_value(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (s[0] == '\0' || *end != '\0')
		return -1;
	return (int)(unsigned)v;
}

static int
connlabel_parse_label(struct ut_opt_call *call,
		      struct ut_connlabel_info *info)
{
	struct connlabel_map *m;
	int bit = connlabel_value(call->arg), err_no;

	if (bit < 0) {
		m = connlabel_map_load(&err_no);
		if (!m && err_no != 0)
			ut_buf_printf(call->warn, "Warning: cannot open %s: "
				      "%s\n", CONNLABEL_CONF,
				      strerror(err_no));
		if (!m && err_no == 0)
			return ut_err_set(call->err, UT_RESOURCE_PROBLEM,
				"cannot parse %s: no labels found",
				CONNLABEL_CONF);
		for (unsigned i = 0; m && i < CONNLABEL_MAP_BITS; i++)
			if (m->name[i] && strcmp(m->name[i], call->arg) == 0)
				bit = (int)i;
		if (m)
			connlabel_map_free(m);
	}
	if (bit < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
			"label '%s' not found or invalid value", call->arg);
	info->bit = (uint16_t)bit;
	if (call->invert)
		info->options |= UT_CONNLABEL_OP_INVERT;
	return 0;
}

static int
connlabel_parse(struct ut_opt_call *call)
{
	struct ut_connlabel_info *info = call->data;

	if (call->opt->id == O_SET) {
		info->options |= UT_CONNLABEL_OP_SET;
		return 0;
	}
	return connlabel_parse_label(call, info);
}

/* connlabel_name: the label name of bit into buf, false if none; like
 * libxt_connlabel, a missing map file is reported on every lookup. */
static bool
connlabel_name(uint16_t bit, char *buf, size_t len, struct ut_buf *warn)
{
	struct connlabel_map *m;
	bool found = false;
	int err_no;

	m = connlabel_map_load(&err_no);
	if (!m && err_no != 0)
		ut_buf_printf(warn, "Warning: cannot open %s: %s\n",
			      CONNLABEL_CONF, strerror(err_no));
	if (!m)
		return false;
	if (bit < CONNLABEL_MAP_BITS && m->name[bit]) {
		snprintf(buf, len, "%s", m->name[bit]);
		found = true;
	}
	connlabel_map_free(m);
	return found;
}

static void
connlabel_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connlabel_info *info = pc->data;
	char name[1024];
	bool named = connlabel_name(info->bit, name, sizeof(name), pc->warn);

	ut_buf_puts(out, " connlabel");
	if (info->options & UT_CONNLABEL_OP_INVERT)
		ut_buf_puts(out, " !");
	if (pc->numeric || !named)
		ut_buf_printf(out, " %u", info->bit);
	else
		ut_buf_printf(out, " '%s'", name);
	if (info->options & UT_CONNLABEL_OP_SET)
		ut_buf_puts(out, " set");
}

static void
connlabel_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_connlabel_info *info = pc->data;
	char name[1024];

	if (info->options & UT_CONNLABEL_OP_INVERT)
		ut_buf_puts(out, " !");
	if (connlabel_name(info->bit, name, sizeof(name), pc->warn))
		ut_buf_printf(out, " --label \"%s\"", name);
	else
		ut_buf_printf(out, " --label \"%u\"", info->bit);
	if (info->options & UT_CONNLABEL_OP_SET)
		ut_buf_puts(out, " --set");
}

/* connlabel_mt_check: unknown option bits are refused with a log line;
 * nf_connlabels_get refuses bits past the kernel's 128 with -ERANGE and
 * no log line ("iptables: Numerical result out of range."). */
static int
connlabel_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_connlabel_info *info = kc->data;
	uint16_t known = UT_CONNLABEL_OP_INVERT | UT_CONNLABEL_OP_SET;

	if (info->options & ~known) {
		ut_buf_printf(kc->dmesg, "xt_connlabel: Unknown options in "
			      "mask %x", info->options);
		return -EINVAL;
	}
	if (info->bit >= CONNLABEL_KERNEL_BITS)
		return -ERANGE;
	return 0;
}

/* connlabel_mt: no connection (INVALID, untracked) matches only
 * inverted; --set sets the bit and then matches as if it was set */
static bool
connlabel_match(struct ut_xt_par *par)
{
	const struct ut_connlabel_info *info = par->data;
	bool invert = info->options & UT_CONNLABEL_OP_INVERT;
	unsigned ctinfo;
	struct ut_conn *ct = ut_ct_get(par->pkt, &ctinfo);

	if (!ct)
		return invert;
	if (ut_ct_label_has(ct, info->bit))
		return !invert;
	if (info->options & UT_CONNLABEL_OP_SET) {
		ut_ct_label_set(ct, info->bit);
		return !invert;
	}
	return invert;
}

/* libxt_connlabel's userspacesize is offsetof(bit) = 0: iptables -D/-C
 * compare none of the blob; cmp_size cannot say "nothing" yet. */
const struct ut_ext ut_ext_connlabel = {
	.name = "connlabel", .revision = 0, .kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_connlabel_info),
	.cmp_size = sizeof(struct ut_connlabel_info),
	.opts = connlabel_opts,
	.parse = connlabel_parse,
	.print = connlabel_print, .save = connlabel_save,
	.kcheck = connlabel_kcheck,
	.match = connlabel_match,
};
