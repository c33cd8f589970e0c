/* ct_addr.c: the address printer of the conntrack and ipvs matches;
 * reproduces conntrack_dump_addr of iptables 1.8.9
 * extensions/libxt_conntrack.c. */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "rules/ext.h"
#include "ext/ct_addr.h"

void
ut_ct_addr_print(struct ut_buf *out, uint32_t addr, uint32_t mask,
		 bool numeric)
{
	char buf[NI_MAXHOST];

	if (!numeric && addr == 0) {
		ut_buf_puts(out, " anywhere");
		return;
	}
	if (numeric)
		ut_buf_printf(out, " %s", ut_ipv4_ntoa(addr, buf));
	else
		ut_buf_printf(out, " %s", ut_ipv4_anyname(addr, buf, sizeof(buf)));
	ut_ipv4_mask_print(mask, out);
}
