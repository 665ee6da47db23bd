/*
 * test_main.c - the one runner of every Check suite.  Each core module's
 * tests live in tests/test_<module>.c and export one suite constructor.
 * CK_RUN_SUITE=name runs a single suite.
 */
#include <check.h>
#include <stdlib.h>

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
Suite *test_plan_suite(void);
Suite *test_review_suite(void);
Suite *test_tui_layout_suite(void);
Suite *test_figures_suite(void);
Suite *test_clock_suite(void);
Suite *test_class_suite(void);
Suite *test_search_suite(void);

static Suite *(*const test_suites[])(void) = {
	test_text_suite,
	test_names_suite,
	test_safefile_suite,
	test_question_suite,
	test_attempt_suite,
	test_bank_suite,
	test_store_suite,
	test_session_suite,
	test_config_suite,
	test_fsrs_suite,
	test_optimize_suite,
	test_jsnum_suite,
	test_exam_suite,
	test_drill_suite,
	test_report_suite,
	test_plan_suite,
	test_review_suite,
	test_tui_layout_suite,
	test_figures_suite,
	test_clock_suite,
	test_class_suite,
	test_search_suite,
};

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

	for (size_t i = 0; i < sizeof(test_suites) / sizeof(test_suites[0]); i++)
		srunner_add_suite(sr, test_suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
