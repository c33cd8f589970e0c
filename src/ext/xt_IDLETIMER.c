/* xt_IDLETIMER.c: the IDLETIMER target, revision 1 (iptables 1.8.9
 * extensions/libxt_IDLETIMER.c, Linux net/netfilter/xt_IDLETIMER.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define IDLETIMER_LABEL_SIZE 28 /* MAX_IDLETIMER_LABEL_SIZE */
#define IDLETIMER_ALARM 0x01

/* struct idletimer_tg_info_v1 without the kernel's timer pointer */
struct ut_IDLETIMER_info {
	uint32_t timeout;                   /* seconds */
	char label[IDLETIMER_LABEL_SIZE];
	uint8_t send_nl_msg;                /* unused (Android) */
	uint8_t timer_type;                 /* IDLETIMER_ALARM or 0 */
};

enum {
	O_TIMEOUT = 0,
	O_LABEL,
	O_ALARM,
};

static const struct ut_opt IDLETIMER_opts[] = {
	{ .name = "timeout", .id = O_TIMEOUT, .type = UT_OPT_UINT32,
	  .flags = UT_OPTF_MAND | UT_OPTF_PUT,
	  .off = offsetof(struct ut_IDLETIMER_info, timeout) },
	/* copied by IDLETIMER_parse: libxtables truncates to 27 chars */
	{ .name = "label", .id = O_LABEL, .type = UT_OPT_STRING,
	  .flags = UT_OPTF_MAND },
	{ .name = "alarm", .id = O_ALARM, .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
IDLETIMER_parse(struct ut_opt_call *call)
{
	struct ut_IDLETIMER_info *info = call->data;

	if (call->opt->id == O_LABEL)
		ut_strput(info->label, sizeof(info->label), call->arg);
	else if (call->opt->id == O_ALARM)
		info->timer_type = IDLETIMER_ALARM;
	return 0;
}

static void
IDLETIMER_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_IDLETIMER_info *info = pc->data;

	ut_buf_printf(out, " timeout:%u label:%s", info->timeout, info->label);
	if (info->timer_type == IDLETIMER_ALARM)
		ut_buf_puts(out, " alarm");
}

static void
IDLETIMER_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_IDLETIMER_info *info = pc->data;

	ut_buf_printf(out, " --timeout %u --label %s", info->timeout,
		      info->label);
	if (info->timer_type == IDLETIMER_ALARM)
		ut_buf_puts(out, " --alarm");
}

/* IDLETIMER_kcheck: idletimer_tg_checkentry_v1 (its messages are
 * pr_debug, not logged). A label already used by a timer of the other
 * type is refused as well; that needs the whole rule set, which
 * ut_kcheck does not carry. */
static int
IDLETIMER_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_IDLETIMER_info *info = kc->data;

	if (info->send_nl_msg)
		return -EOPNOTSUPP;
	if (info->timer_type > IDLETIMER_ALARM)
		return -EINVAL;
	if (info->timeout == 0 || info->timeout >= INT_MAX / 1000)
		return -EINVAL;
	if (info->label[0] == '\0' ||
	    strnlen(info->label, IDLETIMER_LABEL_SIZE) == IDLETIMER_LABEL_SIZE)
		return -EINVAL;
	/* the timer is a sysfs file named after the label: "power" is
	 * refused by name; a name sysfs cannot take or that the class
	 * directory has already fails too (measured: EINVAL for each) */
	if (strcmp(info->label, "power") == 0 ||
	    strcmp(info->label, "uevent") == 0 ||
	    strcmp(info->label, "subsystem") == 0 ||
	    strcmp(info->label, ".") == 0 || strcmp(info->label, "..") == 0 ||
	    memchr(info->label, '/', IDLETIMER_LABEL_SIZE))
		return -EINVAL;
	return 0;
}

/* One timer per label for the whole host, as the kernel's (its sysfs
 * file /sys/class/xt_idletimer/timers/LABEL), shared by every rule that
 * names it. The rules are loaded when the run starts: the timer is
 * started then (checkentry's mod_timer, with the timeout of the last
 * rule naming the label), restarted by each packet through a rule, and
 * when it runs out the kernel notifies the sysfs file's readers: listed
 * as "IDLETIMER LABEL expired" in the side effects. A plain timer is a
 * timer_list (jiffies, rounded by the timer wheel); --alarm is an alarm
 * timer (exact, CLOCK_BOOTTIME). */
struct idletimer {
	struct ut_engine *eng;
	struct ut_timer timer;
	char label[IDLETIMER_LABEL_SIZE];
	uint8_t type;           /* IDLETIMER_ALARM or 0 */
	uint32_t load_timeout;  /* seconds: the last rule's, at load */
	bool loaded;            /* the start (rule load) has happened */
	unsigned long expires;  /* plain timer: the jiffies it is due at */
};

/* idletimer_arm: (re)start the label's timer for timeout seconds from
 * now */
static void
idletimer_arm(struct idletimer *t, uint32_t timeout)
{
	struct ut_engine *e = t->eng;

	if (t->type == IDLETIMER_ALARM) {
		ut_timer_arm(e, &t->timer, ut_engine_now_ns(e) +
			     (uint64_t)timeout * 1000000000u);
		return;
	}
	t->expires = ut_engine_jiffies(e) +
		     (unsigned long)timeout * ut_engine_hz(e);
	ut_timer_arm(e, &t->timer, ut_clock_timer_expiry(e, t->expires));
}

/* idletimer_fire: the first firing is the rules' load (armed before the
 * clock started, it runs at the first packet); later ones are expiries */
static void
idletimer_fire(struct ut_engine *e, struct ut_timer *tm)
{
	struct idletimer *t = (struct idletimer *)(void *)
			      ((char *)tm - offsetof(struct idletimer, timer));
	char text[64];

	if (!t->loaded) {
		t->loaded = true;
		idletimer_arm(t, t->load_timeout);
		return;
	}
	snprintf(text, sizeof(text), "IDLETIMER %s expired", t->label);
	ut_engine_note(e, NULL, text);
}

static void *
idletimer_new(struct ut_engine *e, const char *name, const void *arg,
	      struct ut_err *err)
{
	const struct ut_IDLETIMER_info *info = arg;
	struct idletimer *t = calloc(1, sizeof(*t));

	if (!t) {
		ut_err_set(err, UT_OTHER_PROBLEM, "out of memory");
		return NULL;
	}
	t->eng = e;
	snprintf(t->label, sizeof(t->label), "%s", name);
	t->type = info->timer_type;
	t->load_timeout = info->timeout;
	ut_timer_init(&t->timer, idletimer_fire);
	/* before the first packet: fires when the clock starts */
	if (ut_timer_arm(e, &t->timer, 0) < 0) {
		ut_err_set(err, UT_OTHER_PROBLEM, "out of memory");
		free(t);
		return NULL;
	}
	return t;
}

static void
idletimer_free(struct ut_engine *e, void *obj)
{
	struct idletimer *t = obj;

	ut_timer_cancel(e, &t->timer);
	free(t);
}

/* idletimer_tg_show: the seconds left (rounded down), 0 once run out */
static void
idletimer_output(const struct ut_engine *e, const void *obj,
		 const char *name, struct ut_buf *path, struct ut_buf *text)
{
	const struct idletimer *t = obj;
	uint64_t left = 0;

	ut_buf_printf(path, "sys/class/xt_idletimer/timers/%s", name);
	if (t->loaded && ut_timer_armed(&t->timer)) {
		if (t->type == IDLETIMER_ALARM)
			left = (t->timer.when_ns - ut_engine_now_ns(e)) /
			       1000000000u;
		else if ((long)(t->expires - ut_engine_jiffies(e)) > 0)
			left = (t->expires - ut_engine_jiffies(e)) /
			       ut_engine_hz(e);
	}
	ut_buf_printf(text, "%llu\n", (unsigned long long)left);
}

static const struct ut_shared_ops idletimer_ops = {
	.kind = "idletimer",
	.new_obj = idletimer_new,
	.free_obj = idletimer_free,
	.output = idletimer_output,
};

/* IDLETIMER_state_new: the label's timer; a rule naming a label of the
 * other type is refused (the kernel's checkentry: EINVAL) */
static int
IDLETIMER_state_new(struct ut_engine *e, const void *data, void **state,
		    struct ut_err *err)
{
	const struct ut_IDLETIMER_info *info = data;
	char label[IDLETIMER_LABEL_SIZE + 1];
	struct idletimer *t;

	snprintf(label, sizeof(label), "%.*s", IDLETIMER_LABEL_SIZE,
		 info->label);
	t = ut_engine_shared_get(e, &idletimer_ops, label, info, err);
	if (!t)
		return -1;
	if (t->type != info->timer_type) {
		ut_engine_shared_put(e, t);
		return ut_err_set(err, UT_OTHER_PROBLEM, "IDLETIMER: label "
				  "'%s' is used by a timer and an alarm "
				  "(the kernel refuses the second rule)",
				  label);
	}
	t->load_timeout = info->timeout;
	*state = t;
	return 0;
}

static void
IDLETIMER_state_free(struct ut_engine *e, void *state)
{
	ut_engine_shared_put(e, state);
}

/* idletimer_tg: the packet goes on; the label's timer restarts */
static unsigned
IDLETIMER_tg(struct ut_xt_par *par)
{
	const struct ut_IDLETIMER_info *info = par->data;
	char text[96];

	snprintf(text, sizeof(text), "IDLETIMER %.*s restarted (%u s)",
		 IDLETIMER_LABEL_SIZE, info->label, info->timeout);
	ut_engine_note(par->eng, par->pkt, text);
	idletimer_arm(par->state, info->timeout);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_IDLETIMER = {
	.name = "IDLETIMER",
	.revision = 1,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_IDLETIMER_info),
	.cmp_size = sizeof(struct ut_IDLETIMER_info),
	.opts = IDLETIMER_opts,
	.parse = IDLETIMER_parse,
	.print = IDLETIMER_print,
	.save = IDLETIMER_save,
	.kcheck = IDLETIMER_kcheck,
	.target = IDLETIMER_tg,
	.state_new = IDLETIMER_state_new,
	.state_free = IDLETIMER_state_free,
};
