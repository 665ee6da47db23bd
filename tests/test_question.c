/*
 * test_question.c - parsing each question type, its errors, and grading.
 */
#include <check.h>
#include <string.h>

#include "whose/question.h"

static struct question_text test_q(const char *type, const char *choices,
				   const char *answer, const char *why_not)
{
	struct question_text t = {
		.qid = "x-1", .topic = "T", .type = type, .question = "Q?",
		.choices = choices, .answer = answer, .explanation = "",
		.source = "", .tags = "", .why_not = why_not, .shuffle = true,
	};
	return t;
}

/* Parse and expect failure on FIELD with MSG. */
static void test_fail(const char *type, const char *choices, const char *answer,
		      const char *why_not, const char *field, const char *msg)
{
	struct question_text t = test_q(type, choices, answer, why_not);
	struct question q;
	const char *f = NULL;
	char buf[256];

	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), -1);
	ck_assert_str_eq(f, field);
	ck_assert_str_eq(buf, msg);
}

START_TEST(choice_ok)
{
	struct question_text t = test_q("choice", " AWS | The customer|Both ", "b",
					"A: AWS runs the hardware only.|C: Not shared.");
	struct question q;
	struct question_response r = { .mask = 2 };
	const char *f;
	char buf[256];

	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), 0);
	ck_assert_int_eq(q.type, QUESTION_CHOICE);
	ck_assert_uint_eq(q.nslots, 3);
	ck_assert_str_eq(q.slot[1], "The customer");
	ck_assert_uint_eq(q.correct_mask, 2);
	ck_assert_str_eq(q.why_not[0], "AWS runs the hardware only.");
	ck_assert_ptr_null(q.why_not[1]);
	ck_assert(question_grade(&q, &r));
	r.mask = 1;
	ck_assert(!question_grade(&q, &r));
	question_answer_text(&q, buf, sizeof(buf));
	ck_assert_str_eq(buf, "B");
	question_free(&q);
}
END_TEST

START_TEST(choice_errors)
{
	test_fail("choice", "a|b|c|d", "E", "", "answer", "'E' is not one of the choices A-D");
	test_fail("choice", "a", "A", "", "choices",
		  "a choice question needs 2 to 6 choices separated by '|', found 1");
	test_fail("choice", "a|b|c|d|e|f|g", "A", "", "choices",
		  "a choice question needs 2 to 6 choices separated by '|', found 7");
	test_fail("choice", "a||c", "A", "", "choices", "choice B is empty");
	test_fail("choice", "a|b|c", "A|B", "", "answer",
		  "'A|B' names 2 choices: a choice question has exactly one right answer (use type 'multi' for several)");
	test_fail("choice", "a|b|c", "A", "A: no", "why_not",
		  "'A' is a right answer: 'why not' belongs to wrong choices only");
	test_fail("choice", "a|b|c", "A", "B no", "why_not",
		  "entry 'B no' is not of the form 'LETTER: reason'");
	test_fail("choice", "a|b|c", "A", "D: x", "why_not", "'D' is not one of the choices A-C");
	test_fail("frobnicate", "", "A", "", "type",
		  "unknown type 'frobnicate': use choice, multi, truefalse, who, sort or card");
}
END_TEST

START_TEST(multi)
{
	struct question_text t = test_q("multi", "a|b|c|d", "A|C", "B: x|D: y");
	struct question q;
	struct question_response r = { .mask = 5 };
	const char *f;
	char buf[256];

	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(q.correct_mask, 5);
	ck_assert(question_grade(&q, &r));
	r.mask = 1;
	ck_assert(!question_grade(&q, &r));  /* half right is wrong */
	r.mask = 7;
	ck_assert(!question_grade(&q, &r));
	question_answer_text(&q, buf, sizeof(buf));
	ck_assert_str_eq(buf, "A, C");
	question_free(&q);
	test_fail("multi", "a|b|c", "A", "", "answer",
		  "a multi question needs at least two right letters separated by '|' (use type 'choice' for one)");
	test_fail("multi", "a|b|c", "A|B|C", "", "answer",
		  "every choice is right: a multi question needs at least one wrong choice");
	test_fail("multi", "a|b|c", "A|A", "", "answer", "'A' is given twice");
}
END_TEST

START_TEST(other_types)
{
	struct question q;
	const char *f;
	char buf[256];
	struct question_text t = test_q("who", "", "customer", "");
	struct question_response r = { .owner = QUESTION_CUSTOMER };

	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), 0);
	ck_assert_int_eq(q.owner, QUESTION_CUSTOMER);
	ck_assert(question_grade(&q, &r));
	question_free(&q);

	t = test_q("sort", "Hypervisor|Guest OS|Patching", "AWS|Customer|Shared", "");
	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(q.nslots, 3);
	r.item_owner[0] = QUESTION_AWS;
	r.item_owner[1] = QUESTION_CUSTOMER;
	r.item_owner[2] = QUESTION_SHARED;
	ck_assert(question_grade(&q, &r));
	r.item_owner[2] = QUESTION_AWS;
	ck_assert(!question_grade(&q, &r));
	question_free(&q);

	t = test_q("truefalse", "", "FALSE", "");
	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), 0);
	ck_assert(!q.truth);
	question_free(&q);

	t = test_q("card", "", "The back", "");
	ck_assert_int_eq(question_parse(&t, &q, &f, buf, sizeof(buf)), 0);
	ck_assert_str_eq(q.back, "The back");
	question_free(&q);

	test_fail("who", "", "Amazon", "", "answer", "'Amazon' is not AWS, Customer or Shared");
	test_fail("who", "a|b", "AWS", "", "choices",
		  "a who question takes no choices: leave the column empty");
	test_fail("truefalse", "", "yes", "", "answer", "'yes' is not 'true' or 'false'");
	test_fail("sort", "a|b|c", "AWS|Customer", "", "answer",
		  "gives 2 owners for 3 items: list AWS, Customer or Shared for each item, separated by '|'");
	test_fail("sort", "a|b", "AWS|Nobody", "", "answer",
		  "'Nobody' (item 2) is not AWS, Customer or Shared");
	test_fail("who", "", "AWS", "A: x", "why_not",
		  "only choice and multi questions take 'why not' reasons");
}
END_TEST

START_TEST(as_of_tag)
{
	char buf[64];

	ck_assert_int_eq(question_as_of("rds|as-of:2026-06|custom", buf, sizeof(buf)), 1);
	ck_assert_str_eq(buf, "2026-06");
	ck_assert_int_eq(question_as_of(" AS-OF:2027-03 ", buf, sizeof(buf)), 1);
	ck_assert_str_eq(buf, "2027-03");
	ck_assert_int_eq(question_as_of("rds|dated|as-of", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(question_as_of("", buf, sizeof(buf)), 0);
	ck_assert_int_eq(question_as_of("as-of:2026-13", buf, sizeof(buf)), -1);
	ck_assert_str_eq(buf, "as-of:2026-13");
	ck_assert_int_eq(question_as_of("as-of:2026-00", buf, sizeof(buf)), -1);
	ck_assert_int_eq(question_as_of("as-of:2026-6", buf, sizeof(buf)), -1);
	ck_assert_int_eq(question_as_of("as-of:June 2026", buf, sizeof(buf)), -1);
	ck_assert_int_eq(question_as_of("as-of:2026-06-01", buf, sizeof(buf)), -1);
	/* A fact has one date. */
	ck_assert_int_eq(question_as_of("as-of:2026-06|as-of:2026-07", buf, sizeof(buf)), -1);
	ck_assert_str_eq(buf, "as-of:2026-07");
}
END_TEST

Suite *test_question_suite(void);
Suite *test_question_suite(void)
{
	Suite *s = suite_create("question");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, choice_ok);
	tcase_add_test(tc, choice_errors);
	tcase_add_test(tc, multi);
	tcase_add_test(tc, other_types);
	tcase_add_test(tc, as_of_tag);
	suite_add_tcase(s, tc);
	return s;
}
