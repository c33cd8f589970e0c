/* cmdtable.c: iptables' tables of commands and generic options (xshared.c
 * cmd2char, optflags, inverse_for_options, commands_v_options): which
 * letters name them in messages, which options take "!", and which options
 * each command allows; and the names it checks (interfaces, targets,
 * chains). */
#include <ctype.h>
#include <string.h>

#include "cli/cli.h"

#define XT_EXTENSION_MAXNAMELEN 29

char
ut_ipt_cmd2char(unsigned option)
{
	static const char cmdflags[] = { 'I', 'D', 'D', 'R', 'A', 'L', 'F',
					 'Z', 'N', 'X', 'P', 'E', 'S', 'Z',
					 'C' };
	int i;

	for (i = 0; option > 1; option >>= 1, i++)
		;
	return cmdflags[i];
}

static const char optflags[NUMBER_OF_OPT] = {
	'n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f',
};

static const uint8_t inverse_for_options[NUMBER_OF_OPT] = {
	0, UT_INV_SRCIP, UT_INV_DSTIP, UT_INV_PROTO, 0, 0, 0, UT_INV_VIA_IN,
	UT_INV_VIA_OUT, 0, 0, UT_INV_FRAG,
};

char
ut_ipt_opt2char(unsigned option)
{
	const char *p;

	for (p = optflags; option > 1; option >>= 1, p++)
		;
	return *p;
}

uint8_t
ut_ipt_opt_inverse(unsigned option)
{
	unsigned i;

	for (i = 0; i < NUMBER_OF_OPT && 1u << i != option; i++)
		;
	return i < NUMBER_OF_OPT ? inverse_for_options[i] : 0;
}

/* Legal combinations of commands and options ('x' illegal). */
static const char commands_v_options[NUMBER_OF_CMD][NUMBER_OF_OPT] = {
	/*     -n  -s  -d  -p  -j  -v  -x  -i  -o --line -c -f */
	/*INSERT*/    {'x',' ',' ',' ',' ',' ','x',' ',' ','x',' ',' '},
	/*DELETE*/    {'x',' ',' ',' ',' ',' ','x',' ',' ','x','x',' '},
	/*DELETE_NUM*/{'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*REPLACE*/   {'x',' ',' ',' ',' ',' ','x',' ',' ','x',' ',' '},
	/*APPEND*/    {'x',' ',' ',' ',' ',' ','x',' ',' ','x',' ',' '},
	/*LIST*/      {' ','x','x','x','x',' ',' ','x','x',' ','x','x'},
	/*FLUSH*/     {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*ZERO*/      {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*NEW_CHAIN*/ {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*DEL_CHAIN*/ {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*SET_POLICY*/{'x','x','x','x','x',' ','x','x','x','x',' ','x'},
	/*RENAME*/    {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*LIST_RULES*/{'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*ZERO_NUM*/  {'x','x','x','x','x',' ','x','x','x','x','x','x'},
	/*CHECK*/     {'x',' ',' ',' ',' ',' ','x',' ',' ','x','x',' '},
};

int
ut_ipt_opt_check(unsigned command, unsigned options, struct ut_err *err)
{
	for (int i = 0; i < NUMBER_OF_OPT; i++) {
		int legal = 0;
		if (!(options & (1u << i)))
			continue;
		for (int j = 0; j < NUMBER_OF_CMD; j++) {
			if (!(command & (1u << j)))
				continue;
			if (commands_v_options[j][i] != 'x')
				legal = 1;
			else if (legal == 0)
				legal = -1;
		}
		if (legal == -1)
			return ut_err_set(err, UT_PARAMETER_PROBLEM,
					  "Illegal option `-%c' with this "
					  "command", optflags[i]);
	}
	return 0;
}


int
ut_ipt_parse_interface(struct ut_err *err, struct ut_buf *warn,
		       const char *arg, char *name, bool *wild)
{
	size_t len = strlen(arg);

	memset(name, 0, UT_IFNAMSIZ);
	*wild = false;
	if (len + 1 > UT_IFNAMSIZ)
		return UT_PERR(err, "interface name `%s' must be shorter "
			       "than IFNAMSIZ (%i)", arg, UT_IFNAMSIZ - 1);
	memcpy(name, arg, len);
	if (len && arg[len - 1] == '+')
		*wild = true;
	if (strpbrk(arg, "/ "))
		ut_buf_printf(warn, "Warning: weird character in interface"
			      " `%s' ('/' and ' ' are not allowed by the "
			      "kernel).\n", arg);
	return 0;
}

bool
ut_ipt_is_standard_target(const char *name)
{
	return strcmp(name, "ACCEPT") == 0 || strcmp(name, "DROP") == 0 ||
	       strcmp(name, "QUEUE") == 0 || strcmp(name, "RETURN") == 0;
}

int
ut_ipt_check_target_name(struct ut_err *err, const char *name)
{
	size_t len = strlen(name);

	if (len < 1)
		return UT_PERR(err, "Invalid target name (too short)");
	if (len >= XT_EXTENSION_MAXNAMELEN)
		return UT_PERR(err, "Invalid target name `%s' (%u chars "
			       "max)", name, XT_EXTENSION_MAXNAMELEN - 1);
	for (const char *p = name; *p; p++)
		if (isspace((unsigned char)*p))
			return UT_PERR(err, "Invalid target name `%s'", name);
	return 0;
}

int
ut_ipt_valid_chain_name(struct ut_err *err, const char *name)
{
	if (strlen(name) >= XT_EXTENSION_MAXNAMELEN)
		return UT_PERR(err, "chain name `%s' too long (must be "
			       "under %u chars)", name, XT_EXTENSION_MAXNAMELEN);
	if (*name == '-' || *name == '!')
		return UT_PERR(err, "chain name not allowed to start "
			       "with `%c'", *name);
	/* xtables_find_target maps "" to the standard target */
	if (!*name || ut_ipt_is_standard_target(name) ||
	    ut_ext_find(name, UT_EXT_TARGET))
		return UT_PERR(err, "chain name may not clash with target "
			       "name");
	for (const char *p = name; *p; p++)
		if (isspace((unsigned char)*p))
			return UT_PERR(err, "Invalid chain name `%s'", name);
	return 0;
}

