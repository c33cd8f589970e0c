/* ipproto_util.c: print/save helpers shared by the sctp, dccp, ah, esp and
 * ipcomp matches; reproduces print_ports()/print_spis() and the save code
 * of iptables 1.8.9 libxt_sctp.c, libxt_dccp.c, libipt_ah.c, libxt_esp.c
 * and libxt_ipcomp.c. */
#include "rules/ext.h"
#include "ext/ipproto_util.h"

/* ipproto_print_port: a service name of proto_name unless numeric or
 * unnamed (getservbyport, as iptables' port_to_service). */
static void
ipproto_print_port(struct ut_buf *out, uint16_t port, const char *proto_name,
		   bool numeric)
{
	const char *name = numeric ? NULL : ut_port_name(port, proto_name);

	if (name)
		ut_buf_puts(out, name);
	else
		ut_buf_printf(out, "%u", port);
}

void
ut_ipproto_print_ports(struct ut_buf *out, const char *name,
		       const uint16_t range[2], bool invert,
		       const char *proto_name, bool numeric)
{
	const char *inv = invert ? "!" : "";

	if (range[0] == 0 && range[1] == UINT16_MAX && !invert)
		return;
	if (range[0] == range[1]) {
		ut_buf_printf(out, " %s:%s", name, inv);
		ipproto_print_port(out, range[0], proto_name, numeric);
		return;
	}
	ut_buf_printf(out, " %ss:%s", name, inv);
	ipproto_print_port(out, range[0], proto_name, numeric);
	ut_buf_putc(out, ':');
	ipproto_print_port(out, range[1], proto_name, numeric);
}

void
ut_ipproto_save_ports(struct ut_buf *out, const char *opt,
		      const uint16_t range[2], bool invert)
{
	if (invert)
		ut_buf_puts(out, " !");
	if (range[0] != range[1])
		ut_buf_printf(out, " --%s %u:%u", opt, range[0], range[1]);
	else
		ut_buf_printf(out, " --%s %u", opt, range[0]);
}

void
ut_ipproto_save_spis(struct ut_buf *out, const char *opt,
		     const uint32_t spis[2], bool invert)
{
	if (spis[0] == 0 && spis[1] == UINT32_MAX)
		return;
	ut_buf_printf(out, "%s --%s ", invert ? " !" : "", opt);
	if (spis[0] != spis[1])
		ut_buf_printf(out, "%u:%u", spis[0], spis[1]);
	else
		ut_buf_printf(out, "%u", spis[0]);
}

void
ut_ipproto_print_spis(struct ut_buf *out, const uint32_t spis[2], bool invert)
{
	const char *inv = invert ? "!" : "";

	if (spis[0] == 0 && spis[1] == UINT32_MAX && !invert)
		return;
	if (spis[0] == spis[1])
		ut_buf_printf(out, "spi:%s%u", inv, spis[0]);
	else
		ut_buf_printf(out, "spis:%s%u:%u", inv, spis[0], spis[1]);
}
