/* host_module.c: HOST lines about kernel modules' own state:
 *
 *   module xt_recent [ip_list_tot=N] [ip_pkt_list_tot=N]
 *                    [ip_list_hash_size=N] [ip_list_perms=N]
 *                    [ip_list_uid=N] [ip_list_gid=N]
 *   recent TABLE +A.B.C.D | -A.B.C.D | /
 *
 * `module` gives the parameters xt_recent was loaded with (modprobe's
 * syntax); they are read-only once the module is loaded, so one HOST has
 * one set. `recent` is a write to /proc/net/xt_recent/TABLE, done when
 * the run starts (the table is the one the rules create).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host_int.h"

/* XT_RECENT_MAX_NSTAMPS of Linux 6.18 */
#define RECENT_MAX_NSTAMPS 65536u

/* a module parameter of type uint: kstrtouint with base 0 */
static bool
param_uint(const char *s, unsigned *v)
{
	unsigned long long x = 0;
	unsigned base = 10;

	if (*s == '+')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
		s++;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else if (*s == '\n' && !s[1])
			break;
		else
			return false;
		if (d >= base)
			return false;
		x = x * base + d;
		if (x > UINT32_MAX)
			return false;
	}
	*v = (unsigned)x;
	return true;
}

int
ut_host_line_module(struct ut_host *h, const struct ut_host_line *ln,
		    struct ut_err *err)
{
	struct ut_recent_params p = h->recent;
	unsigned dummy;

	if (ln->n < 2)
		return ut_host_line_err(err, ln, "usage: module xt_recent "
				"PARAM=VALUE ...");
	if (strcmp(ln->tok[1], "xt_recent") != 0)
		return ut_host_line_err(err, ln, "module %s: no parameters "
				"modelled (only xt_recent's)", ln->tok[1]);
	for (int i = 2; i < ln->n; i++) {
		char *eq = strchr(ln->tok[i], '=');
		unsigned *dst = &dummy;

		if (!eq)
			return ut_host_line_err(err, ln, "module xt_recent: "
					"expected PARAM=VALUE, got '%s'",
					ln->tok[i]);
		*eq = '\0';
		if (strcmp(ln->tok[i], "ip_list_tot") == 0)
			dst = &p.ip_list_tot;
		else if (strcmp(ln->tok[i], "ip_pkt_list_tot") == 0)
			dst = &p.ip_pkt_list_tot;
		else if (strcmp(ln->tok[i], "ip_list_hash_size") == 0)
			dst = &p.ip_list_hash_size;
		else if (strcmp(ln->tok[i], "ip_list_perms") != 0 &&
			 strcmp(ln->tok[i], "ip_list_uid") != 0 &&
			 strcmp(ln->tok[i], "ip_list_gid") != 0)
			return ut_host_line_err(err, ln, "module xt_recent: "
					"unknown parameter '%s'", ln->tok[i]);
		if (!param_uint(eq + 1, dst))
			return ut_host_line_err(err, ln, "module xt_recent: "
					"%s: invalid value '%s'", ln->tok[i],
					eq + 1);
		*eq = '=';
	}
	/* recent_mt_init refuses to load: -m recent would not exist */
	if (p.ip_list_tot == 0 || p.ip_pkt_list_tot >= RECENT_MAX_NSTAMPS)
		return ut_host_line_err(err, ln, "module xt_recent: the module "
				"refuses to load with ip_list_tot=%u "
				"ip_pkt_list_tot=%u (Invalid argument: "
				"ip_list_tot must be > 0 and ip_pkt_list_tot "
				"< %u)", p.ip_list_tot, p.ip_pkt_list_tot,
				RECENT_MAX_NSTAMPS);
	h->recent = p;
	return 0;
}

/* in4_pton as recent_mt_proc_write calls it: four decimal parts up to
 * 255, then the end of the write or a newline */
static bool
recent_in4(const char *s, uint32_t *addr)
{
	uint32_t a = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (v > 255)
				return false;
			digits++;
		}
		if (!digits)
			return false;
		a = a << 8 | v;
		if (part < 3 && *s++ != '.')
			return false;
	}
	if (*s && *s != '\n')
		return false;
	*addr = htonl(a);
	return true;
}

int
ut_host_recent_cmd_parse(const char *cmd, char *op, uint32_t *addr,
			 const char **why)
{
	/* the kernel reads at most sizeof("+b335:...:c0de") = 41 bytes of
	 * one write */
	char buf[42];

	snprintf(buf, sizeof(buf), "%s", cmd);
	*op = buf[0];
	*addr = 0;
	if (buf[0] == '/')
		return 0;
	if (buf[0] != '+' && buf[0] != '-') {
		*why = "xt_recent: Need \"+ip\", \"-ip\" or \"/\"";
		return -EINVAL;
	}
	if (strchr(buf + 1, ':')) {
		*why = "IPv6 addresses: the engine is IPv4 only";
		return -EAFNOSUPPORT;
	}
	if (!recent_in4(buf + 1, addr)) {
		*why = "xt_recent: illegal address written to procfs";
		return -EINVAL;
	}
	return 0;
}

int
ut_host_line_recent(struct ut_host *h, const struct ut_host_line *ln,
		    struct ut_err *err)
{
	struct ut_host_recent_cmd *v, c = { NULL, NULL, NULL };
	const char *why = NULL;
	uint32_t addr;
	char op;
	int len;

	if (ln->n != 3)
		return ut_host_line_err(err, ln, "usage: recent TABLE "
				"+ADDRESS|-ADDRESS|/");
	if (ut_host_recent_cmd_parse(ln->tok[2], &op, &addr, &why) < 0)
		return ut_host_line_err(err, ln, "recent %s %s: %s",
				ln->tok[1], ln->tok[2], why);
	len = snprintf(NULL, 0, "%s:%u", ln->fname, ln->no);
	c.table = strdup(ln->tok[1]);
	c.cmd = strdup(ln->tok[2]);
	c.where = malloc((size_t)len + 1);
	v = realloc(h->recent_cmds, (h->n_recent_cmds + 1) * sizeof(*v));
	if (v)
		h->recent_cmds = v;
	if (!c.table || !c.cmd || !c.where || !v) {
		free(c.table);
		free(c.cmd);
		free(c.where);
		return ut_host_oom_err(err, ln);
	}
	snprintf(c.where, (size_t)len + 1, "%s:%u", ln->fname, ln->no);
	h->recent_cmds[h->n_recent_cmds++] = c;
	return 0;
}
