/* unit.h: the tiny check macros of the unit tests. */
#ifndef UT_TESTS_UNIT_H
#define UT_TESTS_UNIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern int ut_unit_failed;
extern int ut_unit_checks;

#define CHECK(cond, ...)                                                    \
	do {                                                                \
		ut_unit_checks++;                                           \
		if (!(cond)) {                                              \
			ut_unit_failed++;                                   \
			fprintf(stderr, "%s:%d: check failed: %s: ",        \
				__FILE__, __LINE__, #cond);                 \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
		}                                                           \
	} while (0)

#define CHECK_STR(got, want, ...)                                           \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		ut_unit_checks++;                                           \
		if (strcmp(g_, w_) != 0) {                                  \
			ut_unit_failed++;                                   \
			fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);     \
			fprintf(stderr, __VA_ARGS__);                       \
			fprintf(stderr, ": got [%s] want [%s]\n", g_, w_);  \
		}                                                           \
	} while (0)

struct ut_table;
struct ut_rule;

/* unit_skip: a part of the running test that could not run here (e.g. no
 * corpus); printed as "skipped: 1 WHAT" above the summary and counted
 * (WHAT is cut at 199 bytes) */
void unit_skip(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
extern int ut_unit_skipped;
extern char ut_unit_skips[8][200];

/* unit_unhex: bytes of a hex string (pairs of digits) into out */
size_t unit_unhex(const char *s, uint8_t *out, size_t cap);
/* unit_rule_build: the rule "-A CHAIN TEXT" of table t as
 * iptables-restore reads it; NULL (and a failed check) if it does not
 * parse. Caller frees with ut_rule_free. */
struct ut_rule *unit_rule_build(struct ut_table *t, const char *chain,
				const char *text);

void test_syncookie(void);
void test_buf(void);
void test_pcap(void);
void test_addr(void);
void test_opt(void);
void test_registry(void);
void test_ext_help(void);
void test_ruleset(void);
void test_ruleset_many_chains(void);
void test_db_create(void);
void test_argv(void);
void test_match_stateless(void);
void test_match_u32_devgroup_realm_physdev_policy(void);
void test_nflog(void);
void test_icmp(void);
void test_host_parse(void);
void test_host_sysctl(void);
void test_host_route(void);
void test_host_addr(void);
void test_host_export(void);
void test_rpfilter(void);
void test_time(void);
void test_engine(void);
void test_conntrack(void);
void test_ct_ext(void);
void test_neigh(void);
void test_ct_tcp(void);
void test_ct_sctp_gre(void);
void test_nat(void);
void test_nat_ftp(void);
void test_rate(void);
void test_mangle(void);
void test_classify(void);

#endif
