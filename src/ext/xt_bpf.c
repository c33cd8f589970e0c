/* xt_bpf.c: the bpf match, revision 1, classic BPF bytecode (iptables
 * 1.8.9 extensions/libxt_bpf.c, Linux net/netfilter/xt_bpf.c and the
 * classic filter check of net/core/filter.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcap/bpf.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define BPF_MAX_INSTR 64    /* XT_BPF_MAX_NUM_INSTR */
#define BPF_PATH_MAX (BPF_MAX_INSTR * 8)
#define SKF_AD_OFF 0xfffff000u

enum {
	BPF_MODE_BYTECODE = 0,
	BPF_MODE_FD_PINNED,
};

/* struct sock_filter */
struct ut_bpf_insn {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

/* struct xt_bpf_info_v1 without the kernel's program pointer */
struct ut_bpf_info {
	uint16_t mode;
	uint16_t bpf_program_num_elem;
	int32_t fd;
	union {
		struct ut_bpf_insn bpf_program[BPF_MAX_INSTR];
		char path[BPF_PATH_MAX];
	};
};

enum {
	O_BCODE_STDIN = 0,
	O_OBJ_PINNED,
	F_BCODE = 1 << O_BCODE_STDIN,
	F_PINNED = 1 << O_OBJ_PINNED,
};

static const struct ut_opt bpf_opts[] = {
	{ .name = "bytecode", .id = O_BCODE_STDIN, .type = UT_OPT_STRING },
	{ .name = "object-pinned", .id = O_OBJ_PINNED,
	  .type = UT_OPT_STRING },
	UT_OPT_END
};

static int
bpf_err(struct ut_opt_call *call, const char *msg)
{
	return ut_err_set(call->err, UT_PARAMETER_PROBLEM, "bpf: %s", msg);
}

/* bpf_parse_bytecode: "N,code jt jf k,code jt jf k,..." as printed by
 * nfbpf_compile */
static int
bpf_parse_bytecode(struct ut_opt_call *call, struct ut_bpf_info *bi)
{
	const char *token = call->arg;
	unsigned short len;
	char sp;
	int i = 0;

	if (sscanf(call->arg, "%hu%c", &len, &sp) != 2 || sp != ',')
		return bpf_err(call, "error parsing program length");
	if (!len)
		return bpf_err(call, "illegal zero length program");
	if (len > BPF_MAX_INSTR)
		return bpf_err(call, "number of instructions exceeds maximum");
	while ((token = strchr(token, ',')) && (++token)[0]) {
		struct ut_bpf_insn *pc = &bi->bpf_program[i];
		if (i >= len)
			return bpf_err(call, "real program length exceeds the "
				       "encoded length parameter");
		if (sscanf(token, "%hu %hhu %hhu %u,", &pc->code, &pc->jt,
			   &pc->jf, &pc->k) != 4)
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "bpf: error at instr %d", i);
		i++;
	}
	if (i != len)
		return bpf_err(call, "parsed program length is less than the "
			       "encoded length parameter");
	bi->bpf_program_num_elem = len;
	return 0;
}

static int
bpf_parse(struct ut_opt_call *call)
{
	struct ut_bpf_info *bi = call->data;
	int ret;

	switch (call->opt->id) {
	case O_BCODE_STDIN:
		ret = bpf_parse_bytecode(call, bi);
		if (ret == 0)
			bi->mode = BPF_MODE_BYTECODE;
		return ret;
	case O_OBJ_PINNED:
		/* iptables opens the pinned object in bpffs here; the
		 * emulated host has no bpf file system */
		return bpf_err(call, "failed to get bpf object");
	}
	return 0;
}

static int
bpf_final_check(struct ut_fcheck_call *call)
{
	unsigned flags = call->xflags & (F_BCODE | F_PINNED);

	if (flags != F_BCODE && flags != F_PINNED)
		return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
				  "bpf: one of --bytecode or --pinned is "
				  "required");
	return 0;
}

static void
bpf_print_code(const struct ut_bpf_info *bi, char tail, struct ut_buf *out)
{
	for (unsigned i = 0; i < bi->bpf_program_num_elem; i++) {
		const struct ut_bpf_insn *pc = &bi->bpf_program[i];
		ut_buf_printf(out, "%hu %hhu %hhu %u", pc->code, pc->jt,
			      pc->jf, pc->k);
		ut_buf_putc(out, i + 1 < bi->bpf_program_num_elem ? ',' :
			    tail);
	}
}

/* -L: iptables prints "match bpf " without the usual leading space and
 * ends the program with a NUL byte (printf "%c" of '\0'), kept here */
static void
bpf_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_bpf_info *bi = pc->data;

	ut_buf_puts(out, "match bpf ");
	if (bi->mode == BPF_MODE_BYTECODE)
		bpf_print_code(bi, '\0', out);
	else if (bi->mode == BPF_MODE_FD_PINNED)
		ut_buf_printf(out, "pinned %s", bi->path);
	else
		ut_buf_puts(out, "unknown");
}

static void
bpf_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_bpf_info *bi = pc->data;

	if (bi->mode == BPF_MODE_FD_PINNED) {
		ut_buf_printf(out, " --object-pinned %s", bi->path);
		return;
	}
	ut_buf_printf(out, " --bytecode \"%hu,", bi->bpf_program_num_elem);
	bpf_print_code(bi, '"', out);
}

/* classic BPF opcodes: <pcap/bpf.h>, the same as linux/filter.h */

/* bpf_code_allowed: the opcodes of bpf_check_classic's table */
static bool
bpf_code_allowed(uint16_t code)
{
	static const uint16_t ok[] = {
		BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_H | BPF_ABS,
		BPF_LD | BPF_B | BPF_ABS, BPF_LD | BPF_W | BPF_LEN,
		BPF_LD | BPF_W | BPF_IND, BPF_LD | BPF_H | BPF_IND,
		BPF_LD | BPF_B | BPF_IND, BPF_LD | BPF_IMM, BPF_LD | BPF_MEM,
		BPF_LDX | BPF_W | BPF_LEN, BPF_LDX | BPF_B | BPF_MSH,
		BPF_LDX | BPF_IMM, BPF_LDX | BPF_MEM, BPF_ST, BPF_STX,
		BPF_MISC | BPF_TAX, BPF_MISC | BPF_TXA,
		BPF_RET | BPF_K, BPF_RET | BPF_A,
		BPF_JMP | BPF_JA, BPF_ALU | BPF_NEG,
	};
	uint16_t op = code & 0xf0, src = code & 0x08;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (code == ok[i])
			return true;
	if ((code & 0x07) == BPF_ALU && (code & ~0xf8) == BPF_ALU)
		return op <= BPF_XOR && op != BPF_NEG;
	if ((code & 0x07) == BPF_JMP && (code & ~0xf8) == BPF_JMP &&
	    op >= BPF_JEQ && op <= BPF_JSET)
		return src == BPF_K || src == BPF_X;
	return false;
}

static bool
bpf_is_cond_jump(uint16_t code)
{
	return (code & 0x07) == BPF_JMP && (code & 0xf0) != BPF_JA;
}

/* bpf_check_insn: the per-instruction checks of bpf_check_classic */
static int
bpf_check_insn(const struct ut_bpf_info *bi, unsigned pc)
{
	const struct ut_bpf_insn *f = &bi->bpf_program[pc];
	unsigned flen = bi->bpf_program_num_elem;
	uint32_t anc;

	if (!bpf_code_allowed(f->code))
		return -EINVAL;
	switch (f->code) {
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_K:
		return f->k == 0 ? -EINVAL : 0;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		return f->k >= 32 ? -EINVAL : 0;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		return f->k >= BPF_MEMWORDS ? -EINVAL : 0;
	case BPF_JMP | BPF_JA:
		return f->k >= flen - pc - 1 ? -EINVAL : 0;
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
		/* ancillary loads SKF_AD_PROTOCOL .. SKF_AD_VLAN_TPID */
		if (f->k < SKF_AD_OFF)
			return 0;
		anc = f->k - SKF_AD_OFF;
		return (anc % 4 == 0 && anc <= 60) ? 0 : -EINVAL;
	}
	if (bpf_is_cond_jump(f->code) &&
	    (pc + f->jt + 1 >= flen || pc + f->jf + 1 >= flen))
		return -EINVAL;
	return 0;
}

/* bpf_check_mem: check_load_and_stores: a scratch cell is read only
 * after being written on every path */
static int
bpf_check_mem(const struct ut_bpf_info *bi)
{
	uint16_t masks[BPF_MAX_INSTR], valid = 0;
	unsigned flen = bi->bpf_program_num_elem;

	memset(masks, 0xff, sizeof(masks));
	for (unsigned pc = 0; pc < flen; pc++) {
		const struct ut_bpf_insn *f = &bi->bpf_program[pc];
		valid &= masks[pc];
		switch (f->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= (uint16_t)(1u << f->k);
			continue;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << f->k)))
				return -EINVAL;
			continue;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + f->k] &= valid;
			valid = 0xffff;
			continue;
		}
		if (bpf_is_cond_jump(f->code)) {
			masks[pc + 1 + f->jt] &= valid;
			masks[pc + 1 + f->jf] &= valid;
			valid = 0xffff;
		}
	}
	return 0;
}

static int
bpf_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_bpf_info *bi = kc->data;
	unsigned flen = bi->bpf_program_num_elem;
	uint16_t last;

	if (bi->mode != BPF_MODE_BYTECODE)
		return -EINVAL;
	if (flen > BPF_MAX_INSTR)
		return -EINVAL;
	if (flen == 0)
		goto bad;
	for (unsigned pc = 0; pc < flen; pc++)
		if (bpf_check_insn(bi, pc) < 0)
			goto bad;
	last = bi->bpf_program[flen - 1].code;
	if ((last == (BPF_RET | BPF_K) || last == (BPF_RET | BPF_A)) &&
	    bpf_check_mem(bi) == 0)
		return 0;
bad:
	ut_buf_puts(kc->dmesg, "xt_bpf: check failed: parse error");
	return -EINVAL;
}

/* ---- evaluation ---------------------------------------------------------- */

/* bpf_load_negative: a load the kernel resolves by Linux-only rules: k
 * (signed) below 0 names SKF_AD_* ancillary data (skb fields) or the
 * SKF_NET_OFF / SKF_LL_OFF header windows */
static bool
bpf_load_negative(const struct ut_bpf_insn *f)
{
	uint16_t cls = f->code & 0x07, mode = f->code & 0xe0;

	return (cls == BPF_LD && (mode == BPF_ABS || mode == BPF_IND)) &&
	       (int32_t)f->k < 0;
}

/* bpf_state_new: the program in libpcap's form, run by its classic BPF
 * interpreter (bpf_filter: the same machine as the kernel's classic
 * filters, loads beyond the data ending the program with 0, as the
 * kernel's do). Loads with negative offsets are Linux extensions that
 * libpcap does not have: refused rather than evaluated differently. */
static int
bpf_state_new(struct ut_engine *eng, const void *data, void **state,
	      struct ut_err *err)
{
	const struct ut_bpf_info *bi = data;
	unsigned n = bi->bpf_program_num_elem;
	struct bpf_insn *prog;

	(void)eng;
	for (unsigned pc = 0; pc < n; pc++)
		if (bpf_load_negative(&bi->bpf_program[pc]))
			return ut_err_set(err, 2, "-m bpf: instruction %u "
					  "loads at a negative offset (Linux's "
					  "ancillary data SKF_AD_* or the "
					  "SKF_NET_OFF/SKF_LL_OFF windows), "
					  "which the packet engine does not "
					  "model", pc);
	prog = calloc(n, sizeof(*prog));
	if (!prog)
		return ut_err_set(err, 2, "out of memory");
	for (unsigned pc = 0; pc < n; pc++) {
		prog[pc].code = bi->bpf_program[pc].code;
		prog[pc].jt = bi->bpf_program[pc].jt;
		prog[pc].jf = bi->bpf_program[pc].jf;
		prog[pc].k = bi->bpf_program[pc].k;
	}
	*state = prog;
	return 0;
}

static void
bpf_state_free(struct ut_engine *eng, void *state)
{
	(void)eng;
	free(state);
}

/* bpf_mt: the program over the packet from its IP header (skb->data at
 * the netfilter hooks; skb->len bytes, the reassembled datagram after
 * defragmentation); any non-zero result matches */
static bool
bpf_match(struct ut_xt_par *par)
{
	const struct ut_pkt *p = par->pkt;

	return bpf_filter(par->state, p->ip, p->len, p->len) != 0;
}

const struct ut_ext ut_ext_bpf = {
	.name = "bpf",
	.revision = 1,
	.kind = UT_EXT_MATCH,
	.size = sizeof(struct ut_bpf_info),
	.cmp_size = sizeof(struct ut_bpf_info),
	.opts = bpf_opts,
	.parse = bpf_parse,
	.final_check = bpf_final_check,
	.print = bpf_print,
	.save = bpf_save,
	.kcheck = bpf_kcheck,
	.match = bpf_match,
	.state_new = bpf_state_new,
	.state_free = bpf_state_free,
};
