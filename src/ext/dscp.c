/* dscp.c: the DiffServ class names of the dscp match and the DSCP target
 * (iptables 1.8.9 extensions/dscp_helper.c). */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "ext/dscp.h"

/* RFC 2474/2597/3246 class selectors, in dscp_helper.c's order (the
 * order matters: matching is by prefix and the first hit wins). */
static const struct {
	const char *name;
	uint8_t dscp;
} dscp_classes[] = {
	{ "CS0", 0x00 }, { "CS1", 0x08 }, { "CS2", 0x10 }, { "CS3", 0x18 },
	{ "CS4", 0x20 }, { "CS5", 0x28 }, { "CS6", 0x30 }, { "CS7", 0x38 },
	{ "BE", 0x00 },
	{ "AF11", 0x0a }, { "AF12", 0x0c }, { "AF13", 0x0e },
	{ "AF21", 0x12 }, { "AF22", 0x14 }, { "AF23", 0x16 },
	{ "AF31", 0x1a }, { "AF32", 0x1c }, { "AF33", 0x1e },
	{ "AF41", 0x22 }, { "AF42", 0x24 }, { "AF43", 0x26 },
	{ "EF", 0x2e },
};

int
ut_dscp_class(const char *name, uint8_t *dscp)
{
	for (size_t i = 0; i < sizeof(dscp_classes) / sizeof(dscp_classes[0]);
	     i++)
		if (strncasecmp(name, dscp_classes[i].name,
				strlen(dscp_classes[i].name)) == 0) {
			*dscp = dscp_classes[i].dscp;
			return 0;
		}
	return -1;
}
