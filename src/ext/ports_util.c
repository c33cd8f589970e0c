/* ports_util.c: port-range print/save helpers shared by the tcp and udp
 * matches; reproduces print_ports()/the save code of iptables 1.8.9
 * extensions/libxt_tcp.c and libxt_udp.c. */
#include "rules/ext.h"
#include "ext/ports_util.h"

void
ut_ports_print_port(struct ut_buf *out, uint16_t port, const char *proto_name,
		    bool numeric)
{
	const char *name = numeric ? NULL : ut_port_name(port, proto_name);

	if (name)
		ut_buf_puts(out, name);
	else
		ut_buf_printf(out, "%u", port);
}

void
ut_ports_print_range(struct ut_buf *out, const char *name,
		     const uint16_t range[2], bool invert,
		     const char *proto_name, bool numeric)
{
	/* an inverted full range means "no port" and is shown as such */
	if (range[0] == 0 && range[1] == UINT16_MAX && !invert)
		return;
	if (range[0] == range[1]) {
		ut_buf_printf(out, " %s:%s", name, invert ? "!" : "");
		ut_ports_print_port(out, range[0], proto_name, numeric);
		return;
	}
	ut_buf_printf(out, " %ss:%s", name, invert ? "!" : "");
	ut_ports_print_port(out, range[0], proto_name, numeric);
	ut_buf_putc(out, ':');
	ut_ports_print_port(out, range[1], proto_name, numeric);
}

void
ut_ports_save_range(struct ut_buf *out, const char *opt,
		    const uint16_t range[2], bool invert)
{
	if (range[0] == 0 && range[1] == UINT16_MAX)
		return;
	if (invert)
		ut_buf_puts(out, " !");
	if (range[0] != range[1])
		ut_buf_printf(out, " --%s %u:%u", opt, range[0], range[1]);
	else
		ut_buf_printf(out, " --%s %u", opt, range[0]);
}
