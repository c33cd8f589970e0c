/* xt_u32.c: the u32 match, tests on 32-bit words of the packet (iptables
 * 1.8.9 extensions/libxt_u32.c, Linux net/netfilter/xt_u32.c). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define U32_MAXSIZE 10 /* XT_U32_MAXSIZE */

enum {
	U32_AND = 0,
	U32_LEFTSH,
	U32_RIGHTSH,
	U32_AT,
};

/* struct xt_u32 of the kernel, unchanged */
struct ut_u32_location {
	uint32_t number;
	uint8_t nextop; /* U32_*: how number combines with what precedes */
};

struct ut_u32_value {
	uint32_t min, max;
};

struct ut_u32_test {
	struct ut_u32_location location[U32_MAXSIZE + 1];
	struct ut_u32_value value[U32_MAXSIZE + 1];
	uint8_t nnums;
	uint8_t nvalues;
};

struct ut_u32_info {
	struct ut_u32_test tests[U32_MAXSIZE + 1];
	uint8_t ntests;
	uint8_t invert;
};

enum {
	O_U32 = 0,
};

static const struct ut_opt u32_opts[] = {
	{ .name = "u32", .id = O_U32, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND | UT_OPTF_INVERT },
	UT_OPT_END
};

/* u32_state: the parser's position, for the "at char N" messages */
struct u32_state {
	const char *start, *p;
	struct ut_err *err;
};

static int
u32_fail(struct u32_state *st, const char *what)
{
	return ut_err_set(st->err, UT_PARAMETER_PROBLEM, "u32: at char %u: %s",
			  (unsigned)(st->p - st->start), what);
}

/* u32_number: a number in any base at st->p; advances past it */
static int
u32_number(struct u32_state *st, uint32_t *out)
{
	uint64_t v;
	char *end;

	if (!ut_strtoul(st->p, &end, &v, 0, UINT32_MAX) || end == st->p)
		return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
				  "u32: at char %d: not a number or out of "
				  "range", (int)(st->p - st->start));
	st->p = end;
	*out = (uint32_t)v;
	return 0;
}

/* u32_location_op: the operator before a location number */
static int
u32_location_op(struct u32_state *st, uint8_t *op)
{
	switch (*st->p) {
	case '&':
		*op = U32_AND;
		break;
	case '<':
		if (*++st->p != '<')
			return u32_fail(st, "a second '<' was expected");
		*op = U32_LEFTSH;
		break;
	case '>':
		if (*++st->p != '>')
			return u32_fail(st, "a second '>' was expected");
		*op = U32_RIGHTSH;
		break;
	case '@':
		*op = U32_AT;
		break;
	default:
		return u32_fail(st, "operator expected");
	}
	st->p++;
	return 0;
}

/* u32_location: one step of "location = value": a location element, or
 * the '=' that ends the location. *state becomes 1 after '='. */
static int
u32_location(struct u32_state *st, struct ut_u32_test *ct, unsigned *locind,
	     int *state)
{
	int ret;

	if (*st->p == '=') {
		if (*locind == 0)
			return u32_fail(st, "location spec missing");
		st->p++;
		*state = 1;
		return 0;
	}
	if (*locind != 0) {
		ret = u32_location_op(st, &ct->location[*locind].nextop);
		if (ret < 0)
			return ret;
	}
	ret = u32_number(st, &ct->location[*locind].number);
	if (ret < 0)
		return ret;
	if (++*locind > U32_MAXSIZE)
		return u32_fail(st, "too many operators");
	return 0;
}

/* u32_value: one value range "a[:b]" (after a ',' when not the first) */
static int
u32_value(struct u32_state *st, struct ut_u32_test *ct, unsigned *valind)
{
	struct ut_u32_value *v = &ct->value[*valind];
	int ret;

	if (*valind > 0) {
		if (*st->p != ',')
			return u32_fail(st, "expected \",\" or \"&&\"");
		st->p++;
	}
	ret = u32_number(st, &v->min);
	if (ret < 0)
		return ret;
	while (isspace((unsigned char)*st->p))
		st->p++;
	if (*st->p == ':') {
		st->p++;
		ret = u32_number(st, &v->max);
		if (ret < 0)
			return ret;
	} else {
		v->max = v->min;
	}
	if (++*valind > U32_MAXSIZE)
		return u32_fail(st, "too many \",\"s");
	return 0;
}

/* u32_parse_tests: iptables' two-state parser (0: location, 1: values) */
static int
u32_parse_tests(struct u32_state *st, struct ut_u32_info *data)
{
	unsigned testind = 0, locind = 0, valind = 0;
	struct ut_u32_test *ct = &data->tests[0];
	int state = 0, ret;

	for (;;) {
		while (isspace((unsigned char)*st->p))
			st->p++;
		if (*st->p == '\0') {
			if (state == 0)
				return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
					"u32: abrupt end of input after "
					"location specifier");
			if (valind == 0)
				return ut_err_set(st->err, UT_PARAMETER_PROBLEM,
					"u32: test ended with no value "
					"specified");
			ct->nnums = (uint8_t)locind;
			ct->nvalues = (uint8_t)valind;
			data->ntests = (uint8_t)++testind;
			if (testind > U32_MAXSIZE)
				return u32_fail(st, "too many \"&&\"s");
			return 0;
		}
		if (state == 0) {
			ret = u32_location(st, ct, &locind, &state);
		} else if (*st->p == '&') {
			if (*++st->p != '&')
				return u32_fail(st, "a second '&' was "
						"expected");
			if (valind == 0)
				return u32_fail(st, "value spec missing");
			ct->nnums = (uint8_t)locind;
			ct->nvalues = (uint8_t)valind;
			ct = &data->tests[++testind];
			if (testind > U32_MAXSIZE)
				return u32_fail(st, "too many \"&&\"s");
			st->p++;
			state = 0;
			locind = 0;
			valind = 0;
			ret = 0;
		} else {
			ret = u32_value(st, ct, &valind);
		}
		if (ret < 0)
			return ret;
	}
}

static int
u32_parse(struct ut_opt_call *call)
{
	struct ut_u32_info *data = call->data;
	struct u32_state st = {
		.start = call->arg, .p = call->arg, .err = call->err,
	};

	data->invert = call->invert;
	return u32_parse_tests(&st, data);
}

static void
u32_dump(const struct ut_u32_info *data, struct ut_buf *out)
{
	static const char *const ops[] = {
		[U32_AND] = "&", [U32_LEFTSH] = "<<", [U32_RIGHTSH] = ">>",
		[U32_AT] = "@",
	};

	ut_buf_puts(out, " \"");
	for (unsigned t = 0; t < data->ntests; ++t) {
		const struct ut_u32_test *ct = &data->tests[t];
		if (t > 0)
			ut_buf_puts(out, "&&");
		ut_buf_printf(out, "0x%x", ct->location[0].number);
		for (unsigned i = 1; i < ct->nnums; ++i) {
			if (ct->location[i].nextop <= U32_AT)
				ut_buf_puts(out, ops[ct->location[i].nextop]);
			ut_buf_printf(out, "0x%x", ct->location[i].number);
		}
		ut_buf_putc(out, '=');
		for (unsigned i = 0; i < ct->nvalues; ++i) {
			if (i > 0)
				ut_buf_putc(out, ',');
			if (ct->value[i].min == ct->value[i].max)
				ut_buf_printf(out, "0x%x", ct->value[i].min);
			else
				ut_buf_printf(out, "0x%x:0x%x",
					      ct->value[i].min,
					      ct->value[i].max);
		}
	}
	ut_buf_putc(out, '"');
}

static void
u32_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_u32_info *data = pc->data;

	ut_buf_puts(out, " u32");
	if (data->invert)
		ut_buf_puts(out, " !");
	u32_dump(data, out);
}

static void
u32_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_u32_info *data = pc->data;

	if (data->invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " --u32");
	u32_dump(data, out);
}

static int
u32_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_u32_info *data = kc->data;

	if (data->ntests > U32_MAXSIZE + 1)
		return -EINVAL;
	for (unsigned i = 0; i < data->ntests; ++i) {
		const struct ut_u32_test *ct = &data->tests[i];

		if (ct->nnums > U32_MAXSIZE + 1 ||
		    ct->nvalues > U32_MAXSIZE + 1)
			return -EINVAL;
		/* Linux 6.x also refuses a shift by 32 or more (measured:
		 * "0>>32=1" gets EINVAL, no log line) */
		for (unsigned j = 1; j < ct->nnums; ++j)
			if ((ct->location[j].nextop == U32_LEFTSH ||
			     ct->location[j].nextop == U32_RIGHTSH) &&
			    ct->location[j].number >= 32)
				return -EINVAL;
	}
	return 0;
}

/* u32_shift: u32_mt's `val <<= number`; u32_kcheck refuses counts of
 * 32 and more as the kernel does, the mask only keeps C defined for a
 * blob that skipped the check. */
static uint32_t
u32_shift(uint32_t val, uint32_t n, bool left)
{
	n &= 31;
	return left ? val << n : val >> n;
}

/* u32_test_one: one "&&" operand, as u32_match_it: the first word at
 * location[0], then "&", "<<", ">>" and "@" (move the base by the value
 * so far and read the word at base + number); any read that is not
 * wholly inside the packet (skb->len: from the IP header) or a base
 * that wraps makes the whole match false (not only this operand). */
static bool
u32_test_one(const struct ut_u32_test *ct, const struct ut_pkt *p)
{
	uint32_t len = p->len, at = 0, pos, val;
	unsigned i;

	pos = ct->location[0].number;
	if (len < 4 || pos > len - 4)
		return false;
	val = ut_get32(p->ip + pos);
	for (i = 1; i < ct->nnums && i <= U32_MAXSIZE; i++) {
		uint32_t number = ct->location[i].number;

		switch (ct->location[i].nextop) {
		case U32_AND:
			val &= number;
			break;
		case U32_LEFTSH:
			val = u32_shift(val, number, true);
			break;
		case U32_RIGHTSH:
			val = u32_shift(val, number, false);
			break;
		case U32_AT:
			if (at + val < at)
				return false;
			at += val;
			pos = number;
			if (at + 4 < at || len < at + 4 || pos > len - at - 4)
				return false;
			val = ut_get32(p->ip + at + pos);
			break;
		}
	}
	for (i = 0; i < ct->nvalues && i <= U32_MAXSIZE; i++)
		if (ct->value[i].min <= val && val <= ct->value[i].max)
			return true;
	return false;
}

/* u32_mt: all tests must hold; the result is then inverted ("! --u32"
 * also inverts a read out of the packet: false becomes true) */
static bool
u32_match(struct ut_xt_par *par)
{
	const struct ut_u32_info *data = par->data;
	bool ret = true;

	for (unsigned t = 0; t < data->ntests && t <= U32_MAXSIZE; t++)
		if (!u32_test_one(&data->tests[t], par->pkt)) {
			ret = false;
			break;
		}
	return ret ^ (data->invert != 0);
}

const struct ut_ext ut_ext_u32 = {
	.name = "u32",
	.revision = 0,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_u32_info),
	.cmp_size = sizeof(struct ut_u32_info),
	.opts = u32_opts,
	.parse = u32_parse,
	.print = u32_print,
	.save = u32_save,
	.kcheck = u32_kcheck,
	.match = u32_match,
};
