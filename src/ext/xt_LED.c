/* xt_LED.c: the LED target, a LED trigger per rule (iptables 1.8.9
 * extensions/libxt_LED.c, Linux net/netfilter/xt_LED.c). */
#include <errno.h>
#include <stdio.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/ext.h"

#define LED_ID_SIZE 27
#define LED_PREFIX "netfilter-"

/* struct xt_led_info without the kernel's trigger pointer */
struct ut_LED_info {
	char id[LED_ID_SIZE];  /* "netfilter-" + the user's id */
	uint8_t always_blink;
	uint32_t delay;        /* ms; UINT32_MAX: stay on ("inf") */
};

enum {
	O_LED_TRIGGER_ID = 0,
	O_LED_DELAY,
	O_LED_ALWAYS_BLINK,
};

static const struct ut_opt LED_opts[] = {
	{ .name = "led-trigger-id", .id = O_LED_TRIGGER_ID,
	  .flags = UT_OPTF_MAND, .type = UT_OPT_STRING, .min = 0,
	  .max = LED_ID_SIZE - sizeof(LED_PREFIX) },
	{ .name = "led-delay", .id = O_LED_DELAY, .type = UT_OPT_STRING },
	{ .name = "led-always-blink", .id = O_LED_ALWAYS_BLINK,
	  .type = UT_OPT_NONE },
	UT_OPT_END
};

static int
LED_parse(struct ut_opt_call *call)
{
	struct ut_LED_info *led = call->data;
	uint64_t v;

	switch (call->opt->id) {
	case O_LED_TRIGGER_ID:
		snprintf(led->id, sizeof(led->id), LED_PREFIX "%s", call->arg);
		break;
	case O_LED_DELAY:
		if (strncasecmp(call->arg, "inf", 3) == 0)
			led->delay = UINT32_MAX;
		else if (ut_strtoul(call->arg, NULL, &v, 0, UINT32_MAX))
			led->delay = (uint32_t)v;
		else
			return ut_err_set(call->err, UT_PARAMETER_PROBLEM,
					  "Delay value must be within range "
					  "0..%u", UINT32_MAX);
		break;
	case O_LED_ALWAYS_BLINK:
		led->always_blink = 1;
		break;
	}
	return 0;
}

/* LED_print_id: the user's id, quoted, '"' and '\' escaped */
static void
LED_print_id(const struct ut_LED_info *led, struct ut_buf *out)
{
	const char *id = led->id + sizeof(LED_PREFIX) - 1;

	ut_buf_putc(out, '"');
	for (; *id; id++) {
		if (*id == '"' || *id == '\\')
			ut_buf_putc(out, '\\');
		ut_buf_putc(out, *id);
	}
	ut_buf_putc(out, '"');
}

static void
LED_print(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_LED_info *led = pc->data;

	ut_buf_puts(out, " led-trigger-id:");
	LED_print_id(led, out);
	if (led->delay == UINT32_MAX)
		ut_buf_puts(out, " led-delay:inf");
	else
		ut_buf_printf(out, " led-delay:%dms", (int)led->delay);
	if (led->always_blink)
		ut_buf_puts(out, " led-always-blink");
}

static void
LED_save(const struct ut_print_ctx *pc, struct ut_buf *out)
{
	const struct ut_LED_info *led = pc->data;

	ut_buf_puts(out, " --led-trigger-id ");
	LED_print_id(led, out);
	/* iptables tests the unsigned delay with "> 0", so "inf" is saved
	 * as "-1" (which it then cannot read back) */
	if (led->delay != 0)
		ut_buf_printf(out, " --led-delay %d", (int)led->delay);
	if (led->always_blink)
		ut_buf_puts(out, " --led-always-blink");
}

static int
LED_kcheck(const struct ut_kcheck *kc)
{
	const struct ut_LED_info *led = kc->data;

	return led->id[0] == '\0' ? -EINVAL : 0;
}

/* led_tg: the packet goes on; the LED trigger fires (listed as a side
 * effect: there is no LED offline) */
static unsigned
LED_tg(struct ut_xt_par *par)
{
	const struct ut_LED_info *info = par->data;
	char text[64];

	snprintf(text, sizeof(text), "LED %.*s on", LED_ID_SIZE, info->id);
	ut_engine_note(par->eng, par->pkt, text);
	return UT_XT_CONTINUE;
}

const struct ut_ext ut_ext_LED = {
	.name = "LED",
	.revision = 0,
	.kind = UT_EXT_TARGET,
	.size = sizeof(struct ut_LED_info),
	.cmp_size = sizeof(struct ut_LED_info),
	.opts = LED_opts,
	.parse = LED_parse,
	.print = LED_print,
	.save = LED_save,
	.kcheck = LED_kcheck,
	.target = LED_tg,
};
