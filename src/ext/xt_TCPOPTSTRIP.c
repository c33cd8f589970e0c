/* xt_TCPOPTSTRIP.c: the TCPOPTSTRIP target (--strip-options list);
 * reproduces iptables 1.8.9 extensions/libxt_TCPOPTSTRIP.c and the
 * registration of Linux net/netfilter/xt_TCPOPTSTRIP.c (mangle, tcp). */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

/* struct xt_tcpoptstrip_target_info (linux/netfilter/xt_TCPOPTSTRIP.h):
 * bit n of the 256-bit map strips TCP option kind n */
struct ut_tcpoptstrip_info {
	uint32_t strip_bmap[8];
};

enum {
	O_STRIP_OPTION = 0,
};

static const struct ut_opt tcpoptstrip_opts[] = {
	{ .name = "strip-options", .id = O_STRIP_OPTION,
	  .type = UT_OPT_STRING },
	UT_OPT_END
};

static const struct {
	const char *name;
	unsigned kind;
} tcpopt_names[] = {
	{ "wscale", 3 }, { "mss", 2 }, { "sack-permitted", 4 },
	{ "sack", 5 }, { "timestamp", 8 }, { "md5", 19 },
};
#define N_TCPOPT_NAMES (sizeof(tcpopt_names) / sizeof(tcpopt_names[0]))

static bool
tcpoptstrip_test(const struct ut_tcpoptstrip_info *info, unsigned kind)
{
	return (info->strip_bmap[kind / 32] >> (kind % 32)) & 1;
}

/* tcpoptstrip_kind: an option name or a number 0..255; -1 if neither */
static int
tcpoptstrip_kind(const char *word)
{
	uint64_t v;

	for (size_t i = 0; i < N_TCPOPT_NAMES; i++)
		if (strcmp(tcpopt_names[i].name, word) == 0)
			return (int)tcpopt_names[i].kind;
	if (ut_parse_uint(word, 0, UINT8_MAX, &v) < 0)
		return -1;
	return (int)v;
}

static int
tcpoptstrip_parse_word(struct ut_opt_call *call,
		       struct ut_tcpoptstrip_info *info, const char *word)
{
	int kind = tcpoptstrip_kind(word);

	if (kind < 0)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Bad TCP option value \"%s\"", word);
	if (kind < 2)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Option value may not be 0 or 1");
	if (tcpoptstrip_test(info, (unsigned)kind))
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "Option \"%s\" already specified", word);
	info->strip_bmap[kind / 32] |= 1u << (kind % 32);
	return 0;
}

/* comma-separated kinds; the first bad word stops the parse */
static int
tcpoptstrip_parse(struct ut_opt_call *call)
{
	struct ut_tcpoptstrip_info *info = call->data;
	char *list = strdup(call->arg), *word, *next;
	int ret = 0;

	if (!list)
		return ut_err_set(call->err, UT_OTHER_PROBLEM,
				  "strdup: Cannot allocate memory");
	for (word = list; ret == 0 && word; word = next) {
		next = strchr(word, ',');
		if (next)
			*next++ = '\0';
		ret = tcpoptstrip_parse_word(call, info, word);
	}
	free(list);
	return ret;
}

static void
tcpoptstrip_put_list(struct ut_buf *out,
		     const struct ut_tcpoptstrip_info *info, bool numeric)
{
	bool first = true;

	for (unsigned kind = 0; kind < 256; kind++) {
		const char *name = NULL;

		if (!tcpoptstrip_test(info, kind))
			continue;
		if (!first)
			ut_buf_putc(out, ',');
		first = false;
		for (size_t j = 0; !numeric && j < N_TCPOPT_NAMES; j++)
			if (tcpopt_names[j].kind == kind)
				name = tcpopt_names[j].name;
		if (name)
			ut_buf_puts(out, name);
		else
			ut_buf_printf(out, "%u", kind);
	}
}

static bool
tcpoptstrip_empty(const struct ut_tcpoptstrip_info *info)
{
	for (size_t i = 0; i < 8; i++)
		if (info->strip_bmap[i])
			return false;
	return true;
}

static void
tcpoptstrip_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	if (tcpoptstrip_empty(pc->data))
		return;
	ut_buf_puts(out, " TCPOPTSTRIP options ");
	tcpoptstrip_put_list(out, pc->data, pc->numeric);
}

static void
tcpoptstrip_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	if (tcpoptstrip_empty(pc->data))
		return;
	ut_buf_puts(out, " --strip-options ");
	tcpoptstrip_put_list(out, pc->data, true);
}

/* the kernel's optlen: a zero length or EOL/NOP advances one byte */
static unsigned
tcpoptstrip_optlen(const uint8_t *opt, unsigned i)
{
	if (opt[i] <= 1 || opt[i + 1] == 0)
		return 1;
	return opt[i + 1];
}

/* tcpoptstrip_mangle_packet: every option of a listed kind becomes NOPs,
 * the checksum updated byte by byte; a header cut short drops */
static unsigned
tcpoptstrip_tg(struct ut_xt_par *par)
{
	const struct ut_tcpoptstrip_info *info = par->data;
	struct ut_pkt *p = par->pkt;
	unsigned thoff = ut_ip_hlen(p), thlen, optl;
	uint8_t *th;

	if (par->fragoff != 0)
		return UT_XT_CONTINUE;
	if (p->len < thoff + 20)
		return UT_NF_DROP;
	th = p->ip + thoff;
	thlen = (th[12] >> 4) * 4u;
	if (thlen < 20 || p->len < thoff + thlen)
		return UT_NF_DROP;
	for (unsigned i = 20; i < thlen - 1; i += optl) {
		optl = tcpoptstrip_optlen(th, i);
		if (i + optl > thlen)
			break;
		if (!tcpoptstrip_test(info, th[i]))
			continue;
		for (unsigned j = 0; j < optl; j++) {
			bool even = (i + j) % 2 == 0;
			uint16_t o = even ? (uint16_t)(th[i + j] << 8) :
					    th[i + j];
			uint16_t n = even ? 0x0100 : 0x0001;

			ut_csum_replace2(th + 16, o, n);
		}
		memset(th + i, 1, optl);
	}
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_TCPOPTSTRIP = {
	.name = "TCPOPTSTRIP",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_tcpoptstrip_info),
	.opts = tcpoptstrip_opts,
	.table = "mangle",
	.proto = 6, /* IPPROTO_TCP */
	.parse = tcpoptstrip_parse,
	.print = tcpoptstrip_print,
	.save = tcpoptstrip_save,
	.target = tcpoptstrip_tg,
};
