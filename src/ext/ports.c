/* ports.c: port and port range print/save of the tcp, udp, sctp, dccp
 * and multiport matches. */
#include "rules/ext.h"
#include "ext/ports.h"

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
	if (invert)
		ut_buf_puts(out, " !");
	ut_buf_puts(out, " --");
	ut_buf_puts(out, opt);
	ut_buf_putc(out, ' ');
	ut_buf_put_u64(out, range[0]);
	if (range[0] != range[1]) {
		ut_buf_putc(out, ':');
		ut_buf_put_u64(out, range[1]);
	}
}

void
ut_ports_save_given(struct ut_buf *out, const char *opt,
		    const uint16_t range[2], bool invert)
{
	if (range[0] == 0 && range[1] == UINT16_MAX)
		return;
	ut_ports_save_range(out, opt, range, invert);
}
