/* helper.c: the connection tracking helpers utables has, by name (CT
 * --helper NAME; nf_conntrack_helper=0 as in 6.18: never assigned by
 * port), and what they share. */
#include <string.h>

#include "conntrack/ct_help.h"
#include "engine/engine_int.h"

const struct ut_ct_helper *
ut_ct_helper_find(const char *name)
{
	if (strcmp(name, ut_ct_helper_ftp.name) == 0)
		return &ut_ct_helper_ftp;
	return NULL;
}

const char *
ut_ct_helper_name(const struct ut_ct_helper *h)
{
	return h->name;
}

void
ut_ct_helper_log(struct ut_ct_ctx *cx, const struct ut_pkt *p,
		 const struct ut_conn *ct, const char *why)
{
	struct ut_buf prefix, line;

	ut_buf_init(&prefix);
	ut_buf_init(&line);
	ut_buf_printf(&prefix, "nf_ct_%s: dropping packet: %s ",
		      ct->helper ? ct->helper->name : "?", why);
	/* nf_log_packet without loginfo and devices: the LOG backend's
	 * default flags (NF_LOG_DEFAULT_MASK), "IN= OUT=" */
	ut_nflog_packet(cx->e, p, cx->hook, NULL, NULL,
			UT_LOG_TCPSEQ | UT_LOG_TCPOPT | UT_LOG_IPOPT |
			UT_LOG_UID, ut_buf_str(&prefix), &line);
	ut_engine_log(cx->e, ut_buf_str(&line), line.len);
	ut_engine_step(cx->e, p, ut_buf_str(&prefix));
	ut_buf_fini(&prefix);
	ut_buf_fini(&line);
}
