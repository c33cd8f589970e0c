/* parse_check.c: the checks of a whole iptables command once its options
 * are read (the tail of iptables 1.8.9's do_parse): extensions' final
 * checks, ipv4_post_parse, the command's chain and interfaces, with
 * iptables' messages. */
#include <string.h>

#include "cli/parse_int.h"

/* ut_parse_post: ipv4_post_parse and the checks after the option loop. */
int
ut_parse_post(struct parse_state *ps)
{
	struct ipt_cmd *cmd = ps->cmd;
	struct ut_rule *r = cmd->rule;
	int ret;

	r->ip.invflags = ps->invflags;
	if (cmd->goto_set)
		r->ip.flags |= UT_IPT_F_GOTO;
	r->pcnt = ps->pcnt_cnt;
	r->bcnt = ps->bcnt_cnt;
	if (cmd->command & (CMD_REPLACE | CMD_INSERT | CMD_DELETE |
			    CMD_APPEND | CMD_CHECK)) {
		if (!(cmd->options & OPT_DESTINATION))
			ps->dhost = "0.0.0.0/0";
		if (!(cmd->options & OPT_SOURCE))
			ps->shost = "0.0.0.0/0";
	}
	ret = ut_ipt_addresses(cmd, ps->shost, ps->dhost, ps->err);
	if (ret < 0)
		return ret;
	if ((cmd->nsaddrs > 1 || cmd->ndaddrs > 1) &&
	    (r->ip.invflags & (UT_INV_SRCIP | UT_INV_DSTIP)))
		return PERR(ps, "! not allowed with multiple source or "
			    "destination IP addresses");
	return 0;
}

int
ut_parse_final_checks(struct parse_state *ps)
{
	struct ipt_cmd *cmd = ps->cmd;
	int ret;

	if (strcmp(cmd->table, "nat") == 0 &&
	    ((cmd->policy && strcmp(cmd->policy, "DROP") == 0) ||
	     (cmd->jumpto && strcmp(cmd->jumpto, "DROP") == 0)))
		return PERR(ps, "\nThe \"nat\" table is not intended for "
			    "filtering, the use of DROP is therefore "
			    "inhibited.\n\n");
	if (!cmd->wait_given && ps->wait_interval_set)
		return PERR(ps, "--wait-interval only makes sense with "
			    "--wait\n");
	for (size_t i = 0; i < ps->n_inst + ps->has_target; i++) {
		struct inst *in = i < ps->n_inst ? &ps->inst[i] : &ps->target;
		struct ut_fcheck_call fc = {
			.ext_name = in->xt->ext->name, .xflags = in->xflags,
			.data = in->xt->data, .ip = &cmd->rule->ip,
			.table = cmd->table, .err = ps->err,
			.warn = ps->warn,
		};
		ret = ut_opt_final(in->xt->ext, &fc);
		if (ret < 0)
			return ret;
	}
	if (ps->g.optind < ps->g.argc)
		return PERR(ps, "unknown arguments found on commandline");
	if (!cmd->command)
		return PERR(ps, "no command specified");
	return 0;
}

int
ut_parse_chain_checks(struct parse_state *ps)
{
	struct ipt_cmd *cmd = ps->cmd;

	if (cmd->command == CMD_REPLACE &&
	    (cmd->nsaddrs != 1 || cmd->ndaddrs != 1))
		return PERR(ps, "Replacement rule does not specify a unique "
			    "address");
	if (ut_ipt_opt_check(cmd->command, cmd->options, ps->err) < 0)
		return -UT_PARAMETER_PROBLEM;
	if (cmd->chain && strlen(cmd->chain) >= XT_EXTENSION_MAXNAMELEN)
		return PERR(ps, "chain name `%s' too long (must be under %u "
			    "chars)", cmd->chain, XT_EXTENSION_MAXNAMELEN);
	if (!(cmd->command & (CMD_APPEND | CMD_DELETE | CMD_DELETE_NUM |
			      CMD_CHECK | CMD_INSERT | CMD_REPLACE)))
		return 0;
	if ((strcmp(cmd->chain, "PREROUTING") == 0 ||
	     strcmp(cmd->chain, "INPUT") == 0) &&
	    (cmd->options & OPT_VIANAMEOUT))
		return PERR(ps, "Can't use -%c with %s\n", 'o', cmd->chain);
	if ((strcmp(cmd->chain, "POSTROUTING") == 0 ||
	     strcmp(cmd->chain, "OUTPUT") == 0) &&
	    (cmd->options & OPT_VIANAMEIN))
		return PERR(ps, "Can't use -%c with %s\n", 'i', cmd->chain);
	return 0;
}
