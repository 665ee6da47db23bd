/*
 * test_main.c - the one runner of every Check suite.  Each core module's
 * tests live in tests/test_<module>.c and export one suite constructor.
 * CK_RUN_SUITE=name runs a single suite (tests/meson.build runs each so).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Suite *test_text_suite(void);
Suite *test_names_suite(void);
Suite *test_safefile_suite(void);
Suite *test_question_suite(void);
Suite *test_attempt_suite(void);
Suite *test_bank_suite(void);
Suite *test_store_suite(void);
Suite *test_session_suite(void);
Suite *test_config_suite(void);
Suite *test_fsrs_suite(void);
Suite *test_optimize_suite(void);
Suite *test_jsnum_suite(void);
Suite *test_exam_suite(void);
Suite *test_drill_suite(void);
Suite *test_report_suite(void);
Suite *test_results_suite(void);
Suite *test_plan_suite(void);
Suite *test_review_suite(void);
Suite *test_tui_layout_suite(void);
Suite *test_keys_suite(void);
Suite *test_figures_suite(void);
Suite *test_clock_suite(void);
Suite *test_class_suite(void);
Suite *test_search_suite(void);

/*
 * Every suite by the name it gives suite_create(): tests/meson.build makes
 * one meson test per name (unit-NAME, run with CK_RUN_SUITE=NAME) so that
 * they run in parallel, and test 'unit-listed' checks that its list and
 * this table agree, so a suite added here and not there cannot go unrun.
 */
static const struct test_suite_entry {
	const char *name;
	Suite *(*make)(void);
} test_suites[] = {
	{ "text", test_text_suite },
	{ "names", test_names_suite },
	{ "safefile", test_safefile_suite },
	{ "question", test_question_suite },
	{ "attempt", test_attempt_suite },
	{ "bank", test_bank_suite },
	{ "store", test_store_suite },
	{ "session", test_session_suite },
	{ "config", test_config_suite },
	{ "fsrs", test_fsrs_suite },
	{ "optimize", test_optimize_suite },
	{ "jsnum", test_jsnum_suite },
	{ "exam", test_exam_suite },
	{ "drill", test_drill_suite },
	{ "report", test_report_suite },
	{ "results", test_results_suite },
	{ "plan", test_plan_suite },
	{ "review", test_review_suite },
	{ "tui_layout", test_tui_layout_suite },
	{ "keys", test_keys_suite },
	{ "figures", test_figures_suite },
	{ "clock", test_clock_suite },
	{ "class", test_class_suite },
	{ "search", test_search_suite },
};

#define TEST_NSUITES (sizeof(test_suites) / sizeof(test_suites[0]))

static int test_main_known(const char *name)
{
	for (size_t i = 0; i < TEST_NSUITES; i++)
		if (strcmp(test_suites[i].name, name) == 0)
			return 1;
	return 0;
}

/* --check-listed NAME...: every suite is listed once and nothing else. */
static int test_main_check_listed(int argc, char **argv)
{
	int bad = 0;

	for (int i = 0; i < argc; i++)
		if (!test_main_known(argv[i])) {
			fprintf(stderr, "tests/meson.build lists suite '%s', which tests/test_main.c does not register\n", argv[i]);
			bad = 1;
		}
	for (size_t i = 0; i < TEST_NSUITES; i++) {
		int n = 0;
		for (int j = 0; j < argc; j++)
			n += strcmp(argv[j], test_suites[i].name) == 0;
		if (n != 1) {
			fprintf(stderr, "tests/meson.build lists suite '%s' %d times: list it once in unit_suites\n",
				test_suites[i].name, n);
			bad = 1;
		}
	}
	if (!bad)
		printf("%zu suites, each its own meson test\n", TEST_NSUITES);
	return bad ? EXIT_FAILURE : EXIT_SUCCESS;
}

/*
 * whose-tests              every suite (meson test 'unit')
 * CK_RUN_SUITE=NAME ...    one suite (Check's own variable)
 * whose-tests --list       the suites' names
 * whose-tests --check-listed NAME...
 * A run that ran no test fails: a misspelt CK_RUN_SUITE must not pass.
 */
int main(int argc, char **argv)
{
	const char *only = getenv("CK_RUN_SUITE");
	SRunner *sr;
	int failed, ran;

	if (argc > 1 && strcmp(argv[1], "--list") == 0) {
		for (size_t i = 0; i < TEST_NSUITES; i++)
			printf("%s\n", test_suites[i].name);
		return EXIT_SUCCESS;
	}
	if (argc > 1 && strcmp(argv[1], "--check-listed") == 0)
		return test_main_check_listed(argc - 2, argv + 2);
	if (only != NULL && *only != '\0' && !test_main_known(only)) {
		fprintf(stderr, "CK_RUN_SUITE=%s: no such suite (whose-tests --list names them)\n", only);
		return EXIT_FAILURE;
	}
	sr = srunner_create(NULL);
	for (size_t i = 0; i < TEST_NSUITES; i++)
		srunner_add_suite(sr, test_suites[i].make());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	ran = srunner_ntests_run(sr);
	srunner_free(sr);
	if (ran == 0) {
		fprintf(stderr, "no test ran\n");
		return EXIT_FAILURE;
	}
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
