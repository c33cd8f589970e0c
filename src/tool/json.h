/* json.h: the one JSON emitter of the tools (`run --json`, `run
 * --json-packets`, `trace --json`): objects and arrays written in order
 * into a ut_buf, commas placed by the emitter, every string escaped so
 * that any byte a user can put in a name (an interface `we"ird`, a log
 * prefix with control characters, bytes that are not UTF-8) gives valid
 * JSON. */
#ifndef UT_TOOL_JSON_H
#define UT_TOOL_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "utables/utables.h"

#define UT_JSON_DEPTH 16

/* An emitter over out (borrowed). key is the member name inside an
 * object and NULL inside an array or at the top. Deeper nesting than
 * UT_JSON_DEPTH is a programming error (asserted). */
struct ut_json {
	struct ut_buf *out;
	int depth;
	bool has_item[UT_JSON_DEPTH]; /* a value was written at this level:
				       * the next one needs a comma */
};

void ut_json_init(struct ut_json *j, struct ut_buf *out);
void ut_json_obj_begin(struct ut_json *j, const char *key);
void ut_json_obj_end(struct ut_json *j);
void ut_json_arr_begin(struct ut_json *j, const char *key);
void ut_json_arr_end(struct ut_json *j);
/* ut_json_str: a string value; s NULL writes null */
void ut_json_str(struct ut_json *j, const char *key, const char *s);
void ut_json_uint(struct ut_json *j, const char *key, uint64_t v);
void ut_json_bool(struct ut_json *j, const char *key, bool v);
/* ut_json_fixed3: thousandths as a decimal number with 3 decimals
 * (1234 -> 1.234) */
void ut_json_fixed3(struct ut_json *j, const char *key, uint64_t thousandths);
/* ut_json_quote: s as a JSON string literal (quotes included) into out.
 * Valid UTF-8 passes as it is; '"', '\\', control characters and DEL are
 * escaped; a byte that is not part of valid UTF-8 becomes \u00XX (its
 * Latin-1 reading), so the output is always valid JSON. */
void ut_json_quote(struct ut_buf *out, const char *s);

#endif
