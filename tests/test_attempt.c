/*
 * test_attempt.c - a question put to the learner: edits of the response
 * in progress, completeness, grading as it stands, the feedback lines,
 * saving and restoring partial responses, and a sink that fails.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "whose/attempt.h"

/* An attempt of a question of TYPE built without a store; choices shown
 * in reversed order when REVERSED. */
static void test_attempt_make(struct attempt *a, const char *type, const char *choices,
			      const char *answer, const char *why_not, bool reversed)
{
	struct question_text t = {
		.qid = "t-1", .topic = "T", .type = type, .question = "Q?",
		.choices = choices, .answer = answer, .explanation = "Because.",
		.source = "https://docs.aws.amazon.com/x", .tags = "", .why_not = why_not,
	};
	const char *field;
	char msg[256];

	memset(a, 0, sizeof(*a));
	ck_assert_msg(question_parse(&t, &a->q, &field, msg, sizeof(msg)) == 0, "%s: %s", field, msg);
	a->item.question = strdup("Q?");
	a->item.explanation = strdup("Because.");
	a->item.source = strdup("https://docs.aws.amazon.com/x");
	a->item.topic = strdup("T");
	a->item.qid = strdup("t-1");
	for (size_t i = 0; i < QUESTION_MAX_SLOTS; i++)
		a->order[i] = reversed && i < a->q.nslots ? a->q.nslots - 1 - i : i;
}

static int test_attempt_saves;
static int test_attempt_fail_save;

static int test_attempt_sink(const struct attempt *a, void *ctx, struct whose_error *err)
{
	(void)a;
	(void)ctx;
	test_attempt_saves++;
	if (test_attempt_fail_save)
		return whose_error_set(err, WHOSE_EDB, "disk full");
	return 0;
}

START_TEST(multi_ticks_graded_as_they_stand)
{
	struct attempt a;
	struct attempt_line l[ATTEMPT_LINES_MAX];
	struct whose_error err;
	char text[64];
	size_t n;

	/* Right: A and C; shown reversed: C is shown 1, B 2, A 3. */
	test_attempt_make(&a, "multi", "Alpha|Beta|Gamma", "A|C", "B: not beta", true);
	a.sink.save = test_attempt_sink;
	test_attempt_saves = 0;
	ck_assert(!attempt_answered(&a));
	ck_assert_int_eq(attempt_choose(&a, 0, &err), 0);   /* C */
	/* Answered, but not complete: the question wants two marks. */
	ck_assert(attempt_answered(&a) && !attempt_complete(&a));
	ck_assert_int_eq(test_attempt_saves, 1);
	/* One tick of two: graded now, it is wrong, with C marked right. */
	attempt_grade(&a, false);
	ck_assert(!a.grade.correct);
	ck_assert_int_eq(a.grade.mark[0], ATTEMPT_MARK_RIGHT);
	ck_assert_int_eq(a.grade.mark[2], ATTEMPT_MARK_MISSED);
	ck_assert_str_eq(a.grade.right, "a, c");
	ck_assert_int_eq(attempt_choose(&a, 1, &err), 0);   /* B, wrong */
	ck_assert_int_eq(attempt_choose(&a, 2, &err), 0);   /* A */
	ck_assert_int_eq(attempt_choose(&a, 1, &err), 0);   /* B off again */
	ck_assert_int_eq(test_attempt_saves, 4);
	attempt_grade(&a, false);
	ck_assert(a.grade.correct);
	/* Saved as text, read back exactly. */
	attempt_response_text(&a, text, sizeof(text));
	ck_assert_str_eq(text, "A|C");
	ck_assert_int_eq(attempt_clear(&a, &err), 0);
	ck_assert(!attempt_answered(&a));
	ck_assert_int_eq(attempt_restore(&a, text), 0);
	ck_assert(attempt_complete(&a));
	/* Wrong pick: its why-not line is in the feedback, worded once. */
	ck_assert_int_eq(attempt_choose(&a, 1, &err), 0);
	attempt_grade(&a, false);
	n = attempt_feedback(&a, NULL, NULL, l, ATTEMPT_LINES_MAX);
	ck_assert_uint_ge(n, 4);
	ck_assert_int_eq(l[0].kind, ATTEMPT_LINE_WRONG);
	ck_assert_str_eq(l[0].verdict, "Wrong");
	ck_assert_str_eq(l[0].label, "the answer is a, c");
	{
		bool why = false, src = false;

		for (size_t i = 0; i < n; i++) {
			if (l[i].kind == ATTEMPT_LINE_WHY_NOT) {
				why = true;
				ck_assert_str_eq(l[i].label, "Why not b: ");
				ck_assert_str_eq(l[i].text, "not beta");
			}
			src |= l[i].kind == ATTEMPT_LINE_SOURCE;
		}
		ck_assert(why && src);
	}
	/* Committed: no more edits. */
	attempt_commit(&a);
	ck_assert_int_eq(attempt_choose(&a, 0, &err), WHOSE_EINVAL);
	attempt_free(&a);
}
END_TEST

START_TEST(sort_partial_saved_and_graded)
{
	struct attempt a;
	struct whose_error err;
	struct attempt_line l[ATTEMPT_LINES_MAX];
	char text[64];
	size_t n, fixes = 0;

	test_attempt_make(&a, "sort", "x|y|z", "AWS|Customer|Shared", "", false);
	ck_assert_int_eq(attempt_place(&a, 1, QUESTION_CUSTOMER, &err), 0);
	ck_assert(attempt_answered(&a) && !attempt_complete(&a));
	ck_assert_uint_eq(attempt_unplaced(&a), 2);
	ck_assert_uint_eq(attempt_next_unplaced(&a, 1), 2);
	attempt_response_text(&a, text, sizeof(text));
	ck_assert_str_eq(text, "-|Customer|-");
	memset(&a.response, 0, sizeof(a.response));
	ck_assert_int_eq(attempt_restore(&a, text), 0);
	ck_assert(attempt_placed(&a, 1, NULL) && !attempt_placed(&a, 0, NULL));
	/* Graded as it stands: incomplete is wrong, the placed item right. */
	attempt_grade(&a, false);
	ck_assert(!a.grade.correct && a.grade.answered && !a.grade.complete);
	ck_assert_int_eq(a.grade.mark[1], ATTEMPT_MARK_RIGHT);
	ck_assert_int_eq(a.grade.mark[0], ATTEMPT_MARK_MISSED);
	n = attempt_feedback(&a, NULL, NULL, l, ATTEMPT_LINES_MAX);
	for (size_t i = 0; i < n; i++)
		fixes += l[i].kind == ATTEMPT_LINE_SORT_FIX;
	ck_assert_uint_eq(fixes, 2);
	ck_assert_int_eq(attempt_place(&a, 0, QUESTION_AWS, &err), 0);
	ck_assert_int_eq(attempt_place(&a, 2, QUESTION_SHARED, &err), 0);
	attempt_grade(&a, false);
	ck_assert(a.grade.correct);
	ck_assert_str_eq(a.grade.right, "AWS, Customer, Shared");
	ck_assert_int_eq(attempt_place(&a, 5, QUESTION_AWS, &err), WHOSE_EINVAL);
	ck_assert_int_eq(attempt_restore(&a, "AWS|Customer"), -1);   /* wrong length */
	ck_assert(!attempt_answered(&a));
	attempt_free(&a);
}
END_TEST

START_TEST(a_failed_save_takes_the_edit_back)
{
	struct attempt a;
	struct whose_error err;

	test_attempt_make(&a, "who", "", "Shared", "", false);
	a.sink.save = test_attempt_sink;
	ck_assert_int_eq(attempt_choose(&a, QUESTION_AWS, &err), 0);
	test_attempt_fail_save = 1;
	ck_assert_int_eq(attempt_choose(&a, QUESTION_SHARED, &err), WHOSE_EDB);
	test_attempt_fail_save = 0;
	/* What is in memory is what was saved: AWS. */
	ck_assert(attempt_picked(&a, QUESTION_AWS));
	ck_assert(!attempt_picked(&a, QUESTION_SHARED));
	attempt_grade(&a, false);
	ck_assert(!a.grade.correct);
	ck_assert_str_eq(a.grade.given, "AWS");
	ck_assert_str_eq(a.grade.right, "Shared");
	attempt_free(&a);
}
END_TEST

START_TEST(nothing_given_reads_not_answered)
{
	struct attempt a;
	struct attempt_line l[ATTEMPT_LINES_MAX];
	char buf[64];

	test_attempt_make(&a, "truefalse", "", "false", "", false);
	attempt_grade(&a, false);
	ck_assert(!a.grade.answered && !a.grade.correct);
	ck_assert_uint_ge(attempt_feedback(&a, NULL, NULL, l, ATTEMPT_LINES_MAX), 1);
	ck_assert_int_eq(l[0].kind, ATTEMPT_LINE_UNANSWERED);
	ck_assert_str_eq(l[0].verdict, "Not answered");
	ck_assert_str_eq(l[0].label, "the answer is false");
	/* A mode words its own outcome. */
	attempt_feedback(&a, "Time is up", "counted as wrong", l, ATTEMPT_LINES_MAX);
	ck_assert_str_eq(l[0].verdict, "Time is up");
	ck_assert_str_eq(l[0].label, "counted as wrong; the answer is false");
	attempt_given_text(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(attempt_choose(&a, 1, NULL), 0);
	attempt_given_text(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "false");
	attempt_missing(&a, buf, sizeof(buf));
	ck_assert(!attempt_self_graded(&a));
	attempt_free(&a);
}
END_TEST

START_TEST(time_on_screen_adds_up)
{
	struct attempt a;

	test_attempt_make(&a, "choice", "a|b", "A", "", false);
	attempt_show(&a, 1000);
	attempt_hide(&a, 4000);
	attempt_show(&a, 10000);
	attempt_hide(&a, 12500);
	attempt_hide(&a, 99999);   /* not on screen: nothing added */
	ck_assert_int_eq(a.spent_ms, 5500);
	attempt_free(&a);
}
END_TEST

Suite *test_attempt_suite(void);
Suite *test_attempt_suite(void)
{
	Suite *s = suite_create("attempt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, multi_ticks_graded_as_they_stand);
	tcase_add_test(tc, sort_partial_saved_and_graded);
	tcase_add_test(tc, a_failed_save_takes_the_edit_back);
	tcase_add_test(tc, nothing_given_reads_not_answered);
	tcase_add_test(tc, time_on_screen_adds_up);
	suite_add_tcase(s, tc);
	return s;
}
