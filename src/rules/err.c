/* err.c: errors as values, and the three shapes iptables prints them in
 * (xtables_error in libxtables, iptc_strerror in libiptc, raw lines). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "utables/utables.h"

void
ut_err_clear(struct ut_err *e)
{
	memset(e, 0, sizeof(*e));
}

int
ut_err_set(struct ut_err *e, int status, const char *fmt, ...)
{
	va_list ap;
	int line = e->line;

	ut_err_clear(e);
	e->line = line;
	e->status = status;
	e->style = UT_ERRS_XTABLES;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -status;
}

int
ut_err_raw(struct ut_err *e, int status, const char *fmt, ...)
{
	va_list ap;
	int line = e->line;

	ut_err_clear(e);
	e->line = line;
	e->status = status;
	e->style = UT_ERRS_RAW;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* iptc_text: libiptc's iptc_strerror for errors not tied to one call */
static const char *
iptc_text(int errnum)
{
	switch (errnum) {
	case 0:
		return "Incompatible with this kernel";
	case ENOPROTOOPT:
		return "iptables who? (do you need to insmod?)";
	case ENOSYS:
		return "Will be implemented real soon.  I promise ;)";
	case ENOMEM:
		return "Memory allocation problem";
	case ENOENT:
		return "No chain/target/match by that name";
	default:
		return strerror(errnum);
	}
}

int
ut_err_iptc(struct ut_err *e, int errnum, const char *special)
{
	int line = e->line;

	ut_err_clear(e);
	e->line = line;
	e->status = errnum == EAGAIN ? UT_RESOURCE_PROBLEM : UT_OTHER_PROBLEM;
	e->style = UT_ERRS_LIBIPTC;
	snprintf(e->msg, sizeof(e->msg), "%s.%s",
		 special ? special : iptc_text(errnum),
		 errnum == EINVAL ? " Run `dmesg' for more information." : "");
	return -1;
}

void
ut_err_format(const struct ut_err *e, const char *prog, struct ut_buf *out)
{
	switch (e->style) {
	case UT_ERRS_XTABLES:
		ut_buf_printf(out, "%s v%s (legacy): %s\n", prog,
			      UT_IPT_VERSION, e->msg);
		if (e->status == UT_VERSION_PROBLEM)
			ut_buf_puts(out, "Perhaps iptables or your kernel needs "
				    "to be upgraded.\n");
		/* exit_tryhelp: only parameter problems name the line */
		if (e->status == UT_PARAMETER_PROBLEM && e->line > 0)
			ut_buf_printf(out, "Error occurred at line: %d\n",
				      e->line);
		if (e->status == UT_PARAMETER_PROBLEM)
			ut_buf_printf(out, "Try `%s -h' or '%s --help' for "
				      "more information.\n", prog, prog);
		break;
	case UT_ERRS_LIBIPTC:
		ut_buf_printf(out, "iptables: %s\n", e->msg);
		break;
	case UT_ERRS_RAW:
		ut_buf_puts(out, e->msg);
		break;
	case UT_ERRS_TRYHELP:
		if (e->line > 0)
			ut_buf_printf(out, "Error occurred at line: %d\n",
				      e->line);
		ut_buf_printf(out, "Try `%s -h' or '%s --help' for more "
			      "information.\n", prog, prog);
		break;
	}
	if (e->dmesg[0])
		ut_buf_printf(out, "%s%s", e->dmesg,
			      e->dmesg[strlen(e->dmesg) - 1] == '\n' ? "" :
			      "\n");
}
