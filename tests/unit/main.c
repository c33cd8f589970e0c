/* main.c: the unit-test driver. Every test is a table of cases; a failure
 * prints the test, the case index and what differed. `utables-unit -t NAME`
 * runs one test. Ends with "N passed, N failed"; when a test could not do
 * all its checks here (unit_skip), "skipped: 1 WHAT" lines come first and
 * the summary is "N passed, N failed, N skipped". */
#include <stdio.h>
#include <string.h>

#include "unit.h"

int ut_unit_failed;
int ut_unit_checks;

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "buf", test_buf },
	{ "addr", test_addr },
	{ "opt", test_opt },
	{ "registry", test_registry },
	{ "ext_help", test_ext_help },
	{ "ruleset", test_ruleset },
	{ "ruleset_many_chains", test_ruleset_many_chains },
	{ "db_create", test_db_create },
	{ "argv", test_argv },
	{ "match_stateless", test_match_stateless },
	{ "match_u32_devgroup_realm_physdev_policy",
	  test_match_u32_devgroup_realm_physdev_policy },
	{ "nflog", test_nflog },
	{ "icmp", test_icmp },
	{ "host_parse", test_host_parse },
	{ "host_sysctl", test_host_sysctl },
	{ "host_route", test_host_route },
	{ "host_addr", test_host_addr },
	{ "host_export", test_host_export },
	{ "rpfilter", test_rpfilter },
	{ "time", test_time },
	{ "engine", test_engine },
	{ "conntrack", test_conntrack },
	{ "ct_ext", test_ct_ext },
	{ "neigh", test_neigh },
	{ "ct_tcp", test_ct_tcp },
	{ "ct_sctp_gre", test_ct_sctp_gre },
	{ "nat", test_nat },
	{ "nat_ftp", test_nat_ftp },
	{ "rate", test_rate },
	{ "mangle", test_mangle },
	{ "classify", test_classify },
	{ "pcap", test_pcap },
	{ "syncookie", test_syncookie },
};

int
main(int argc, char **argv)
{
	const char *only = NULL;
	int passed = 0, failed = 0;

	if (argc == 3 && strcmp(argv[1], "-t") == 0)
		only = argv[2];
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (only && strcmp(only, tests[i].name) != 0)
			continue;
		ut_unit_failed = 0;
		ut_unit_checks = 0;
		tests[i].fn();
		printf("%-10s %s (%d checks)\n", tests[i].name,
		       ut_unit_failed ? "FAIL" : "ok", ut_unit_checks);
		if (ut_unit_failed)
			failed++;
		else
			passed++;
	}
	for (int i = 0; i < ut_unit_skipped && i < 8; i++)
		printf("skipped: 1 %s\n", ut_unit_skips[i]);
	if (ut_unit_skipped)
		printf("%d passed, %d failed, %d skipped\n", passed, failed,
		       ut_unit_skipped);
	else
		printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
