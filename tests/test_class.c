/*
 * test_class.c - the live class's core: the protocol's lines (round trips,
 * every kind of malformed line, the length limits), the class's state
 * machine on a fixed clock (answers that change, the deadline, pause and
 * resume, skip, late joiners, rejoining, scoring with and without the
 * speed bonus, shared ranks, nothing revealed before a question closes),
 * and the class results in the store.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whose/class.h"
#include "whose/keys.h"
#include "whose/class_client.h"
#include "whose/class_proto.h"
#include "whose/store_class.h"

#define T0 1772359200000LL

/* ---- the protocol ---------------------------------------------------------- */

static struct class_msg test_m;

static int test_decode(const char *line, enum class_msg_from from)
{
	char why[200];

	return class_msg_decode(line, strlen(line), from, &test_m, why, sizeof(why));
}

START_TEST(test_proto_round_trip)
{
	const char *f[] = { "3", "10", "25000", "choice", "Topic: one", "Line one\nline two\twith a tab? no\\slash",
			    "1", "first", "second" };
	char line[CLASS_LINE_MAX_OUT];
	size_t len;

	/* A tab is a control character: a text may not hold one. */
	ck_assert_int_eq(class_msg_encode(CLASS_MSG_QUESTION, f, 9, line, sizeof(line), &len), -1);
	f[5] = "Line one\nline two with a \\ backslash";
	ck_assert_int_eq(class_msg_encode(CLASS_MSG_QUESTION, f, 9, line, sizeof(line), &len), 0);
	ck_assert_int_eq(line[len - 1], '\n');
	ck_assert_ptr_null(memchr(line, '\n', len - 1));
	ck_assert_int_eq(class_msg_decode(line, len - 1, CLASS_FROM_HOST, &test_m, NULL, 0), 0);
	ck_assert_int_eq(test_m.type, CLASS_MSG_QUESTION);
	ck_assert_uint_eq(test_m.nfields, 9);
	for (size_t i = 0; i < 9; i++)
		ck_assert_str_eq(test_m.field[i], f[i]);
	/* A host's line is not a student's. */
	ck_assert_int_eq(class_msg_decode(line, len - 1, CLASS_FROM_STUDENT, &test_m, NULL, 0), -1);
}
END_TEST

START_TEST(test_proto_malformed)
{
	ck_assert_int_eq(test_decode("HELLO\t1", CLASS_FROM_STUDENT), 0);
	ck_assert_int_eq(test_decode("BYE", CLASS_FROM_STUDENT), 0);
	ck_assert_int_eq(test_decode("ANSWER\t0\tA|C", CLASS_FROM_STUDENT), 0);
	/* Unknown types, missing and extra fields, wrong kinds. */
	ck_assert_int_eq(test_decode("", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("hello\t1", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("HELLO", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("HELLO\t1\t2", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("BYE\t", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("HELLO\t-1", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("HELLO\t01", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("HELLO\t99999999999999999", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("HELLO\t", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("ANSWER\t0\tA C", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("ANSWER\t0\t", CLASS_FROM_STUDENT), -1);
	ck_assert_int_eq(test_decode("ANSWER\t0\t\xc3\xa9", CLASS_FROM_STUDENT), -1);
	/* Escapes: only \\, \t and \n, and never a lone backslash. */
	ck_assert_int_eq(test_decode("ERROR\tbad \\x escape", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\tends in \\", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\ta \\\\ b\\nc", CLASS_FROM_HOST), 0);
	ck_assert_str_eq(test_m.field[0], "a \\ b\nc");
	/* A short text holds no line break; no text holds a control, a
	 * format character, a NUL or bad UTF-8. */
	ck_assert_int_eq(test_decode("LOBBY\t3", CLASS_FROM_HOST), 0);
	ck_assert_int_eq(test_decode("WELCOME\t1\tann\\nx\tABCDEF\t5\t30", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("WELCOME\t1\tann\tABCDEF\t5\t30", CLASS_FROM_HOST), 0);
	ck_assert_int_eq(test_decode("ERROR\tbell \a here", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\tesc \x1b[2J", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\tcsi \xc2\x9b", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\tbidi \xe2\x80\xae", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\tbad \xff utf8", CLASS_FROM_HOST), -1);
	ck_assert_int_eq(test_decode("ERROR\tcr\r", CLASS_FROM_HOST), -1);
	{
		char line[] = "ERROR\tnul X here";

		line[10] = '\0';
		ck_assert_int_eq(class_msg_decode(line, sizeof(line) - 1, CLASS_FROM_HOST, &test_m, NULL, 0), -1);
	}
	/* More slots than a question may have. */
	ck_assert_int_eq(test_decode("QUESTION\t0\t1\t5\tchoice\tT\tQ\t1\t1\t2\t3\t4\t5\t6\t7\t8", CLASS_FROM_HOST), 0);
	ck_assert_int_eq(test_decode("QUESTION\t0\t1\t5\tchoice\tT\tQ\t1\t1\t2\t3\t4\t5\t6\t7\t8\t9", CLASS_FROM_HOST), -1);
	/* Version 2: the marks a question wants is a number. */
	ck_assert_int_eq(test_decode("QUESTION\t0\t1\t5\tchoice\tT\tQ\tone\ttwo", CLASS_FROM_HOST), -1);
}
END_TEST

START_TEST(test_proto_limits)
{
	char *line = malloc(CLASS_LINE_MAX_OUT + 16), out[CLASS_LINE_MAX_IN];
	const char *f[2];
	size_t len;

	if (line == NULL)
		ck_abort_msg("out of memory");
	/* A line end is found only within the limit. */
	memset(line, 'x', CLASS_LINE_MAX_IN + 10);
	ck_assert_int_eq(class_line_end(line, 10, CLASS_LINE_MAX_IN), -1);
	ck_assert_int_eq(class_line_end(line, CLASS_LINE_MAX_IN, CLASS_LINE_MAX_IN), -2);
	line[5] = '\n';
	ck_assert_int_eq(class_line_end(line, CLASS_LINE_MAX_IN + 10, CLASS_LINE_MAX_IN), 5);
	/* A student's line over its limit is malformed, whatever it holds. */
	memcpy(line, "ERROR\t", 6);
	memset(line + 6, 'a', CLASS_LINE_MAX_IN);
	ck_assert_int_eq(class_msg_decode(line, CLASS_LINE_MAX_IN, CLASS_FROM_STUDENT, &test_m, NULL, 0), -1);
	/* A word of 64 fits, 65 does not; the encoder refuses what the
	 * decoder would. */
	memset(line, 'A', 65);
	line[65] = '\0';
	f[0] = "1";
	f[1] = line;
	ck_assert_int_eq(class_msg_encode(CLASS_MSG_ANSWER, f, 2, out, sizeof(out), &len), -1);
	line[64] = '\0';
	ck_assert_int_eq(class_msg_encode(CLASS_MSG_ANSWER, f, 2, out, sizeof(out), &len), 0);
	ck_assert_int_eq(class_msg_decode(out, len - 1, CLASS_FROM_STUDENT, &test_m, NULL, 0), 0);
	/* A text of CLASS_TEXT_MAX fits, one more byte does not. */
	memset(line, 'b', CLASS_TEXT_MAX + 1);
	line[CLASS_TEXT_MAX + 1] = '\0';
	f[0] = line;
	{
		char *big = malloc(CLASS_LINE_MAX_OUT);

		ck_assert_int_eq(class_msg_encode(CLASS_MSG_ERROR, f, 1, big, CLASS_LINE_MAX_OUT, &len), -1);
		line[CLASS_TEXT_MAX] = '\0';
		ck_assert_int_eq(class_msg_encode(CLASS_MSG_ERROR, f, 1, big, CLASS_LINE_MAX_OUT, &len), 0);
		free(big);
	}
	free(line);
}
END_TEST

/* ---- the class -------------------------------------------------------------- */

static int64_t test_now;
static struct whose_clock test_clock;
static struct question test_q[4];
static struct attempt test_a[4];

static void test_parse(size_t i, const char *type, const char *choices, const char *answer)
{
	struct question_text t = { .qid = "q", .topic = "T", .type = type, .question = "Q?",
				   .choices = choices, .answer = answer, .explanation = "E",
				   .source = "", .tags = "", .why_not = "" };
	const char *field;
	char msg[200];

	ck_assert_int_eq(question_parse(&t, &test_q[i], &field, msg, sizeof(msg)), 0);
}

/* Four questions: a choice shown reversed (right: bank B, shown C), a
 * multi, a who, a sort. */
static struct class *test_class(bool bonus)
{
	struct class_opts o = { .seed = 1, .seconds = 10, .speed_bonus = bonus, .clock = &test_clock };
	struct whose_error err;
	struct class *c;

	test_now = T0;
	clock_use_fixed(&test_clock, &test_now);
	test_parse(0, "choice", "one|two|three|four", "B");
	test_parse(1, "multi", "one|two|three|four", "A|C");
	test_parse(2, "who", "", "Shared");
	test_parse(3, "sort", "x|y", "AWS|Customer");
	{
		static const char *const qid[4] = { "c-1", "m-1", "w-1", "s-1" };
		static const char *const topic[4] = { "Beta", "Alpha", "Alpha", "Beta" };
		static const char *const text[4] = { "Pick?", "Pick some?", "Who?", "Sort." };
		static const char *const expl[4] = { "Because 1.", "Because 2.", "Because 3.", "Because 4." };

		for (size_t q = 0; q < 4; q++) {
			memset(&test_a[q], 0, sizeof(test_a[q]));
			test_a[q].q = test_q[q];
			test_a[q].item.qid = (char *)qid[q];
			test_a[q].item.topic = (char *)topic[q];
			test_a[q].item.question = (char *)text[q];
			test_a[q].item.explanation = (char *)expl[q];
			for (size_t k = 0; k < QUESTION_MAX_SLOTS; k++)
				test_a[q].order[k] = q == 0 && k < 4 ? 3 - k : k;
		}
	}
	ck_assert_int_eq(class_new(&o, &c, &err), 0);
	for (size_t q = 0; q < 4; q++)
		ck_assert_int_eq(class_add_question(c, &test_a[q], &err), 0);
	return c;
}

static void test_class_free(struct class *c)
{
	class_free(c);
	for (size_t i = 0; i < 4; i++)
		question_free(&test_q[i]);
}

/* The reveal words each student's own feedback as every mode does
 * (attempt_feedback): why not the choice they made, and the source;
 * nothing of it before the question closes. */
START_TEST(test_class_feedback_own)
{
	struct question_text qt = { .qid = "c-1", .topic = "Beta", .type = "choice", .question = "Pick?",
				    .choices = "one|two|three|four", .answer = "B", .explanation = "Because 1.",
				    .source = "https://example.com/c-1", .tags = "",
				    .why_not = "A: one is wrong.|C: three is wrong." };
	struct class_opts o = { .seed = 1, .seconds = 10, .clock = &test_clock };
	struct whose_error err;
	struct attempt a;
	struct class *c;
	const char *field;
	char msg[200], rec[CLASS_WORD_MAX + 1], own[CLASS_TEXT_MAX + 1];
	size_t ann, bob, cat;
	bool rejoined;

	test_now = T0;
	clock_use_fixed(&test_clock, &test_now);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(question_parse(&qt, &a.q, &field, msg, sizeof(msg)), 0);
	a.item.qid = (char *)"c-1";
	a.item.topic = (char *)"Beta";
	a.item.question = (char *)"Pick?";
	a.item.explanation = (char *)"Because 1.";
	a.item.source = (char *)"https://example.com/c-1";
	for (size_t k = 0; k < 4; k++)
		a.order[k] = 3 - k;   /* shown A B C D = bank D C B A */
	ck_assert_int_eq(class_new(&o, &c, &err), 0);
	ck_assert_int_eq(class_add_question(c, &a, &err), 0);
	ck_assert_int_eq(class_join(c, 1001, "ann", &ann, &rejoined, &err), 0);
	ck_assert_int_eq(class_join(c, 1002, "bob", &bob, &rejoined, &err), 0);
	ck_assert_int_eq(class_join(c, 1003, "cat", &cat, &rejoined, &err), 0);
	ck_assert_int_eq(class_start(c, &err), 0);
	ck_assert_int_eq(class_answer(c, ann, 0, "B", rec, sizeof(rec), &err), 0);  /* bank C: wrong */
	ck_assert_int_eq(class_answer(c, bob, 0, "C", rec, sizeof(rec), &err), 0);  /* bank B: right */
	class_feedback(c, 0, ann, own, sizeof(own));
	ck_assert_str_eq(own, "");
	test_now = T0 + 10000;
	ck_assert(class_tick(c));
	class_feedback(c, 0, ann, own, sizeof(own));
	/* Worded as review, exam and drill word it, in the key map's
	 * labels: shown b is bank C ("three"), the answer is shown c. */
	ck_assert_msg(strncmp(own, "Wrong: the answer is c\n", 23) == 0, "%s", own);
	ck_assert_msg(strstr(own, "\nWhy not b: three is wrong.\n") != NULL, "%s", own);
	ck_assert_msg(strstr(own, "\nc) two\n") != NULL && strstr(own, "\nWhy: Because 1.\n") != NULL, "%s", own);
	ck_assert_msg(strstr(own, "three is wrong.") != NULL && strstr(own, "one is wrong") == NULL, "%s", own);
	ck_assert_msg(strstr(own, "https://example.com/c-1") != NULL, "%s", own);
	class_feedback(c, 0, bob, own, sizeof(own));
	ck_assert_msg(strncmp(own, "Right: the answer is c\n", 23) == 0, "%s", own);
	ck_assert_msg(strstr(own, "is wrong") == NULL && strstr(own, "Source: https://example.com/c-1") != NULL, "%s", own);
	class_feedback(c, 0, cat, own, sizeof(own));   /* no answer */
	ck_assert_msg(strncmp(own, "Not answered: the answer is c\n", 30) == 0, "%s", own);
	ck_assert_msg(strstr(own, "is wrong") == NULL && strstr(own, "https://example.com/c-1") != NULL, "%s", own);
	class_free(c);
	question_free(&a.q);
}
END_TEST

/* A sort answer is graded item by item at the reveal: every item placed
 * (right or wrong), none "not sorted" (the class once left the response's
 * placed items unset, so each student read that nothing was sorted). */
START_TEST(test_class_feedback_sort)
{
	struct question_text qt = { .qid = "s-1", .topic = "Beta", .type = "sort", .question = "Sort.",
				    .choices = "patch the OS|rack the servers|encrypt the data",
				    .answer = "Customer|AWS|Customer", .explanation = "Because.",
				    .source = "https://example.com/s-1", .tags = "", .why_not = "" };
	struct class_opts o = { .seed = 1, .seconds = 10, .clock = &test_clock };
	struct whose_error err;
	struct attempt a;
	struct class *c;
	const char *field;
	char msg[200], rec[CLASS_WORD_MAX + 1], own[CLASS_TEXT_MAX + 1];
	size_t ann, bob;
	bool rejoined;

	test_now = T0;
	clock_use_fixed(&test_clock, &test_now);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(question_parse(&qt, &a.q, &field, msg, sizeof(msg)), 0);
	a.item.qid = (char *)"s-1";
	a.item.topic = (char *)"Beta";
	a.item.question = (char *)"Sort.";
	a.item.explanation = (char *)"Because.";
	a.item.source = (char *)"https://example.com/s-1";
	for (size_t k = 0; k < 3; k++)
		a.order[k] = k;
	ck_assert_int_eq(class_new(&o, &c, &err), 0);
	ck_assert_int_eq(class_add_question(c, &a, &err), 0);
	ck_assert_int_eq(class_join(c, 1001, "ann", &ann, &rejoined, &err), 0);
	ck_assert_int_eq(class_join(c, 1002, "bob", &bob, &rejoined, &err), 0);
	ck_assert_int_eq(class_start(c, &err), 0);
	ck_assert_int_eq(class_answer(c, ann, 0, "c|a|c", rec, sizeof(rec), &err), 0);  /* all right */
	ck_assert_int_eq(class_answer(c, bob, 0, "c|c|c", rec, sizeof(rec), &err), 0);  /* item 2 wrong */
	test_now = T0 + 10000;
	ck_assert(class_tick(c));
	class_feedback(c, 0, ann, own, sizeof(own));
	ck_assert_msg(strstr(own, "not sorted") == NULL && strstr(own, ", not ") == NULL, "%s", own);
	class_feedback(c, 0, bob, own, sizeof(own));
	ck_assert_msg(strstr(own, "not sorted") == NULL, "%s", own);
	ck_assert_msg(strstr(own, "2. AWS, not Customer") != NULL, "%s", own);
	ck_assert_msg(strstr(own, "1. ") == NULL && strstr(own, "3. ") == NULL, "%s", own);
	class_free(c);
	question_free(&a.q);
}
END_TEST

/*
 * Every question type through the class as a student meets it: the host's
 * shown question on the wire, the student's model labelling and hinting it
 * by the one key map, a typed line of the key map's letters turned into an
 * ANSWER, the host reading it, grading it and wording the reveal; each
 * step compared with what the attempt and the codec give in every other
 * mode (same label, same hint, same grade, same words).
 */
static const struct {
	const char *type, *choices, *answer;
	bool reversed;
	const char *right_typed, *wrong_typed, *right_words;
} test_types[] = {
	{ "choice", "one|two|three|four", "B", true, "c", "a", "c" },
	{ "multi", "one|two|three|four", "A|C", true, "d b", "ab", "b, d" },
	{ "truefalse", "", "false", false, "f", "T", "false" },
	{ "who", "", "Shared", false, "s", "a", "Shared" },
	{ "sort", "x|y|z", "AWS|Customer|Shared", false, "acs", "a c c", "AWS, Customer, Shared" },
};

START_TEST(test_class_every_type)
{
	struct question_text qt = { .qid = "q-1", .topic = "T", .type = test_types[_i].type,
				    .question = "Q?", .choices = test_types[_i].choices,
				    .answer = test_types[_i].answer, .explanation = "E.",
				    .source = "https://example.com/q", .tags = "", .why_not = "" };
	struct class_opts o = { .seed = 1, .seconds = 10, .clock = &test_clock };
	static struct class_msg m;
	static struct class_client cl;
	static char line[CLASS_LINE_MAX_OUT];
	struct whose_error err;
	struct attempt a, direct;
	struct attempt_line lines[ATTEMPT_LINES_MAX];
	struct question_response r;
	struct class_shown sh;
	struct class *c;
	const char *field, *f[7 + QUESTION_MAX_SLOTS], *expl;
	char msg[200], rec[CLASS_WORD_MAX + 1], own[CLASS_TEXT_MAX + 1], want[400], got[200], marks[24];
	char out[CLASS_LINE_MAX_IN], hint[200], right[CLASS_SHORT_MAX + 1];
	const char *typed[2] = { test_types[_i].right_typed, test_types[_i].wrong_typed };
	size_t id[2], n = 0, len;
	bool rejoined;

	test_now = T0;
	clock_use_fixed(&test_clock, &test_now);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(question_parse(&qt, &a.q, &field, msg, sizeof(msg)), 0);
	a.item.qid = (char *)"q-1";
	a.item.topic = (char *)"T";
	a.item.question = (char *)"Q?";
	a.item.explanation = (char *)"E.";
	a.item.source = (char *)"https://example.com/q";
	for (size_t k = 0; k < a.q.nslots; k++)
		a.order[k] = test_types[_i].reversed ? a.q.nslots - 1 - k : k;
	ck_assert_int_eq(class_new(&o, &c, &err), 0);
	ck_assert_int_eq(class_add_question(c, &a, &err), 0);
	ck_assert_int_eq(class_join(c, 1001, "ann", &id[0], &rejoined, &err), 0);
	ck_assert_int_eq(class_join(c, 1002, "bob", &id[1], &rejoined, &err), 0);
	ck_assert_int_eq(class_start(c, &err), 0);

	/* The host's question: every option the attempt shows, in order. */
	ck_assert_int_eq(class_shown(c, 0, &sh), 0);
	ck_assert_int_eq(sh.type, a.q.type);
	ck_assert_uint_eq(sh.nslots, attempt_shown_count(&a));
	for (size_t k = 0; k < sh.nslots; k++)
		ck_assert_str_eq(sh.slot[k], attempt_option_text(&a, k));
	snprintf(marks, sizeof(marks), "%zu", sh.marks);
	f[n++] = "0";
	f[n++] = "1";
	f[n++] = "9000";
	f[n++] = sh.type_name;
	f[n++] = sh.topic;
	f[n++] = sh.text;
	f[n++] = marks;
	for (size_t k = 0; k < sh.nslots; k++)
		f[n++] = sh.slot[k];
	ck_assert_int_eq(class_msg_encode(CLASS_MSG_QUESTION, f, n, line, sizeof(line), &len), 0);
	class_client_init(&cl);
	ck_assert_int_eq(class_client_take(&cl, line, len - 1, T0), CLASS_MSG_QUESTION);

	/* The student's labels and hint: the key map's, as in every mode. */
	for (size_t k = 0; k < sh.nslots; k++)
		ck_assert_int_eq(class_client_label(&cl, k), keys_label(a.q.type, k));
	keys_hint(&a, want, sizeof(want));
	class_client_hint(&cl, got, sizeof(got));
	ck_assert_str_eq(got, want);

	/* Typed as in review, sent, read and recorded by the host. */
	for (size_t s = 0; s < 2; s++) {
		len = class_client_answer(&cl, typed[s], out, sizeof(out), hint, sizeof(hint));
		ck_assert_msg(len > 0, "%s: '%s' refused: %s", qt.type, typed[s], hint);
		ck_assert_int_eq(class_msg_decode(out, len - 1, CLASS_FROM_STUDENT, &m, msg, sizeof(msg)), 0);
		ck_assert_int_eq(class_answer(c, id[s], 0, m.field[1], rec, sizeof(rec), &err), 0);
		/* recorded as keys_response_line has it */
		direct = a;
		ck_assert_int_eq(keys_parse_line(&direct, typed[s], &r, hint, sizeof(hint)), 0);
		direct.response = r;
		keys_response_line(&direct, '|', want, sizeof(want));
		ck_assert_str_eq(rec, want);
	}
	test_now = T0 + 10000;
	ck_assert(class_tick(c));
	ck_assert_int_eq(class_reveal(c, 0, right, sizeof(right), &expl), 0);
	ck_assert_str_eq(right, test_types[_i].right_words);
	for (size_t s = 0; s < 2; s++) {
		const struct class_student *st = class_student(c, id[s]);

		/* The same grade and the same words as the attempt's. */
		direct = a;
		ck_assert_int_eq(keys_parse_line(&direct, typed[s], &r, hint, sizeof(hint)), 0);
		direct.response = r;
		attempt_grade(&direct, false);
		ck_assert_int_eq(direct.grade.correct, s == 0);
		ck_assert_int_eq(st->answers[0].outcome, s == 0 ? CLASS_RIGHT : CLASS_WRONG);
		attempt_feedback(&direct, NULL, NULL, lines, ATTEMPT_LINES_MAX);
		snprintf(want, sizeof(want), "%s: %s\n", lines[0].verdict, lines[0].label);
		class_feedback(c, 0, id[s], own, sizeof(own));
		ck_assert_msg(strncmp(own, want, strlen(want)) == 0, "%s: [%s] not [%s]", qt.type, own, want);
		snprintf(want, sizeof(want), "%s: the answer is %s", s == 0 ? "Right" : "Wrong",
			 test_types[_i].right_words);
		ck_assert_msg(strncmp(own, want, strlen(want)) == 0, "%s: [%s]", qt.type, own);
		ck_assert_msg(strstr(own, "\nWhy: E.\nSource: https://example.com/q") != NULL, "%s", own);
	}
	class_free(c);
	question_free(&a.q);
}
END_TEST

START_TEST(test_class_flow)
{
	struct class *c = test_class(false);
	struct whose_error err;
	struct class_shown sh;
	struct class_spread sp;
	char rec[CLASS_WORD_MAX + 1], right[CLASS_WORD_MAX + 1];
	const char *expl;
	size_t ann, bob, cat, again;
	bool rejoined;

	ck_assert_int_eq(class_join(c, 1001, "ann", &ann, &rejoined, &err), 0);
	ck_assert(!rejoined);
	ck_assert_int_eq(class_join(c, 1002, "bob", &bob, &rejoined, &err), 0);
	/* Names with control or format characters are refused. */
	ck_assert_int_eq(class_join(c, 1003, "e\x1b[31mvil", &cat, &rejoined, &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_join(c, 1003, "rtl\xe2\x80\xaename", &cat, &rejoined, &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_answer(c, ann, 0, "C", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_start(c, &err), 0);
	ck_assert_int_eq(class_state(c), CLASS_ASKING);
	/* Shown reversed: shown C is bank B, the right one. */
	ck_assert_int_eq(class_shown(c, 0, &sh), 0);
	ck_assert_str_eq(sh.slot[0], "four");
	ck_assert_str_eq(sh.slot[2], "two");
	/* Nothing of the answer before the question closes. */
	ck_assert_int_eq(class_reveal(c, 0, right, sizeof(right), &expl), -1);
	ck_assert_int_eq(class_spread(c, 0, &sp), -1);
	ck_assert_int_eq(class_answer(c, ann, 0, "b", rec, sizeof(rec), &err), 0);
	ck_assert_str_eq(rec, "b");
	ck_assert_int_eq(class_answer(c, ann, 0, "C", rec, sizeof(rec), &err), 0);
	ck_assert_str_eq(rec, "c");
	ck_assert_int_eq(class_answer(c, bob, 0, "A|B", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_answer(c, bob, 0, "E", rec, sizeof(rec), &err), WHOSE_EINVAL);
	/* The key map's hint, as plain review gives it. */
	ck_assert_str_eq(err.msg, "'E' is not a choice: answer with the letters a-d");
	ck_assert_int_eq(class_answer(c, bob, 1, "A", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_answer(c, bob, 0, "A", rec, sizeof(rec), &err), 0);
	ck_assert_uint_eq(class_answered(c), 2);
	/* The deadline: nothing closes before it, an answer at it is late. */
	test_now = T0 + 9999;
	ck_assert(!class_tick(c));
	ck_assert_int_eq(class_time_left(c), 1);
	test_now = T0 + 10000;
	ck_assert_int_eq(class_answer(c, bob, 0, "C", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert(class_tick(c));
	ck_assert_int_eq(class_state(c), CLASS_REVEAL);
	ck_assert_int_eq(class_reveal(c, 0, right, sizeof(right), &expl), 0);
	ck_assert_str_eq(right, "c");
	ck_assert_str_eq(expl, "Because 1.");
	ck_assert_int_eq(class_spread(c, 0, &sp), 0);
	ck_assert_uint_eq(sp.answered, 2);
	ck_assert_uint_eq(sp.right_count, 1);
	ck_assert_uint_eq(sp.count[0], 1);
	ck_assert_uint_eq(sp.count[2], 1);
	ck_assert(sp.right[2] && !sp.right[0] && !sp.all_right);
	ck_assert_str_eq(sp.label[0], "a");
	ck_assert_str_eq(sp.text[0], "four");
	ck_assert_uint_eq(class_student(c, ann)->score, 1);
	ck_assert_uint_eq(class_student(c, ann)->points, CLASS_POINTS_RIGHT);
	ck_assert_uint_eq(class_student(c, ann)->rank, 1);
	ck_assert_uint_eq(class_student(c, bob)->rank, 2);
	ck_assert_int_eq(class_student(c, bob)->answers[0].outcome, CLASS_WRONG);

	/* Question 2: a late joiner, a dropped student coming back, pause. */
	ck_assert_int_eq(class_next(c, &err), 0);
	ck_assert_int_eq(class_join(c, 1003, "cat", &cat, &rejoined, &err), 0);
	ck_assert_uint_eq(class_student(c, cat)->joined_at, 1);
	class_leave(c, bob);
	ck_assert_uint_eq(class_connected(c), 2);
	ck_assert_int_eq(class_join(c, 1002, "someone else", &again, &rejoined, &err), 0);
	ck_assert(rejoined);
	ck_assert_uint_eq(again, bob);
	ck_assert_str_eq(class_student(c, bob)->name, "bob");
	ck_assert_int_eq(class_answer(c, cat, 1, "ca", rec, sizeof(rec), &err), 0);
	ck_assert_str_eq(rec, "a|c");
	ck_assert_int_eq(class_answer(c, bob, 1, "A|A", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert_msg(strstr(err.msg, "wants two answers") != NULL, "%s", err.msg);
	test_now += 4000;
	ck_assert_int_eq(class_pause(c, &err), 0);
	ck_assert_int_eq(class_answer(c, ann, 1, "A", rec, sizeof(rec), &err), WHOSE_EINVAL);
	test_now += 60000;
	ck_assert(!class_tick(c));
	ck_assert_int_eq(class_time_left(c), 6000);
	ck_assert_int_eq(class_resume(c, &err), 0);
	test_now += 5999;
	ck_assert(!class_tick(c));
	ck_assert_int_eq(class_answer(c, ann, 1, "A|C", rec, sizeof(rec), &err), 0);
	test_now += 1;
	ck_assert(class_tick(c));
	/* ann 200, cat 100, bob 0: ranks 1, 2, 3. */
	ck_assert_uint_eq(class_student(c, ann)->rank, 1);
	ck_assert_uint_eq(class_student(c, cat)->rank, 2);
	ck_assert_uint_eq(class_student(c, bob)->rank, 3);

	/* Question 3 skipped early: who; question 4: sort. */
	ck_assert_int_eq(class_next(c, &err), 0);
	ck_assert_int_eq(class_answer(c, bob, 2, "s", rec, sizeof(rec), &err), 0);
	ck_assert_str_eq(rec, "s");
	ck_assert_int_eq(class_answer(c, cat, 2, "Shared", rec, sizeof(rec), &err), 0);
	ck_assert_str_eq(rec, "s");
	ck_assert_int_eq(class_skip(c, &err), 0);
	ck_assert_uint_eq(class_student(c, cat)->rank, 1);
	ck_assert_uint_eq(class_student(c, ann)->rank, 1);
	ck_assert_uint_eq(class_student(c, bob)->rank, 3);
	ck_assert_int_eq(class_next(c, &err), 0);
	ck_assert_int_eq(class_answer(c, ann, 3, "a|c|s", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_answer(c, ann, 3, "a|c", rec, sizeof(rec), &err), 0);
	ck_assert_str_eq(rec, "a|c");
	ck_assert_int_eq(class_answer(c, bob, 3, "a", rec, sizeof(rec), &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_skip(c, &err), 0);
	ck_assert_int_eq(class_reveal(c, 3, right, sizeof(right), &expl), 0);
	ck_assert_str_eq(right, "AWS, Customer");
	ck_assert_int_eq(class_spread(c, 3, &sp), 0);
	ck_assert(sp.all_right);
	ck_assert_str_eq(sp.label[1], "2");
	ck_assert_uint_eq(sp.count[0], 1);   /* ann put item 1 right */
	ck_assert_int_eq(class_next(c, &err), 0);
	ck_assert_int_eq(class_state(c), CLASS_ENDED);
	ck_assert_uint_eq(class_closed(c), 4);
	{
		size_t ids[5], n = class_ranking(c, ids, 5);
		struct class_topic *t;
		size_t nt;

		ck_assert_uint_eq(n, 3);
		ck_assert_str_eq(class_student(c, ids[0])->name, "ann");
		ck_assert_uint_eq(class_student(c, ids[0])->score, 3);
		ck_assert_str_eq(class_student(c, ids[1])->name, "cat");
		ck_assert_str_eq(class_student(c, ids[2])->name, "bob");
		ck_assert_int_eq(class_topics(c, &t, &nt, &err), 0);
		ck_assert_uint_eq(nt, 2);
		ck_assert_str_eq(t[0].name, "Alpha");
		ck_assert_uint_eq(t[0].questions, 2);
		ck_assert_uint_eq(t[0].answers, 6);
		ck_assert_uint_eq(t[0].right, 4);  /* m-1: ann, cat; w-1: bob, cat */
		ck_assert_str_eq(t[1].name, "Beta");
		ck_assert_uint_eq(t[1].right, 2);  /* c-1: ann; s-1: ann */
		free(t);
	}
	ck_assert_int_eq(class_join(c, 1004, "dan", &cat, &rejoined, &err), WHOSE_EINVAL);
	test_class_free(c);
}
END_TEST

START_TEST(test_class_bonus_and_end)
{
	struct class *c = test_class(true);
	struct whose_error err;
	char rec[CLASS_WORD_MAX + 1];
	size_t a, b;
	bool rj;

	ck_assert_int_eq(class_join(c, 1, "a", &a, &rj, &err), 0);
	ck_assert_int_eq(class_join(c, 2, "b", &b, &rj, &err), 0);
	ck_assert_int_eq(class_start(c, &err), 0);
	/* a answers at once but changes it at 8 s: the bonus counts from the
	 * last change. b answers at 2 s. */
	ck_assert_int_eq(class_answer(c, a, 0, "C", rec, sizeof(rec), &err), 0);
	test_now += 2000;
	ck_assert_int_eq(class_answer(c, b, 0, "C", rec, sizeof(rec), &err), 0);
	test_now += 6000;
	ck_assert_int_eq(class_answer(c, a, 0, "C", rec, sizeof(rec), &err), 0);
	test_now += 2000;
	ck_assert(class_tick(c));
	ck_assert_uint_eq(class_student(c, a)->points, CLASS_POINTS_RIGHT + CLASS_POINTS_BONUS * 2 / 10);
	ck_assert_uint_eq(class_student(c, b)->points, CLASS_POINTS_RIGHT + CLASS_POINTS_BONUS * 8 / 10);
	ck_assert_uint_eq(class_student(c, b)->rank, 1);
	/* Ending mid-question drops that question. */
	ck_assert_int_eq(class_next(c, &err), 0);
	ck_assert_int_eq(class_answer(c, a, 1, "A|C", rec, sizeof(rec), &err), 0);
	class_end(c);
	ck_assert_int_eq(class_state(c), CLASS_ENDED);
	ck_assert_uint_eq(class_closed(c), 1);
	ck_assert_uint_eq(class_student(c, a)->score, 1);
	ck_assert_int_eq(class_next(c, &err), WHOSE_EINVAL);
	test_class_free(c);
}
END_TEST

START_TEST(test_class_refusals)
{
	struct class_opts o = { .seconds = 0, .clock = &test_clock };
	struct whose_error err;
	struct class *c;
	struct attempt card;
	struct question_text t = { .qid = "k", .topic = "T", .type = "card", .question = "F",
				   .choices = "", .answer = "B", .explanation = "", .source = "",
				   .tags = "", .why_not = "" };
	const char *field;
	char msg[100];

	clock_use_fixed(&test_clock, &test_now);
	ck_assert_int_eq(class_new(&o, &c, &err), WHOSE_EINVAL);
	o.seconds = CLASS_MAX_SECONDS + 1;
	ck_assert_int_eq(class_new(&o, &c, &err), WHOSE_EINVAL);
	o.seconds = 5;
	ck_assert_int_eq(class_new(&o, &c, &err), 0);
	ck_assert_int_eq(class_start(c, &err), WHOSE_EINVAL);
	memset(&card, 0, sizeof(card));
	card.item.qid = (char *)"k";
	ck_assert_int_eq(question_parse(&t, &card.q, &field, msg, sizeof(msg)), 0);
	ck_assert_int_eq(class_add_question(c, &card, &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_pause(c, &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_skip(c, &err), WHOSE_EINVAL);
	ck_assert_int_eq(class_wait_ms(c), -1);
	question_free(&card.q);
	class_free(c);
}
END_TEST

/* ---- the store ------------------------------------------------------------ */

struct test_rows {
	size_t n;
	char seen[8][64];
};

static int test_collect(const struct store_class_answer *a, void *ctx)
{
	struct test_rows *r = ctx;

	snprintf(r->seen[r->n++], sizeof(r->seen[0]), "%s:%zu:%s:%s:%d", a->name, a->position, a->qid,
		 a->answer ? a->answer : "-", a->correct);
	return 0;
}

START_TEST(test_class_store)
{
	struct whose_error err;
	struct store *s;
	struct store_class_row *rows;
	struct test_rows got = { 0 };
	size_t n;
	int64_t id;
	struct store_class_answer a = { .position = 0, .qid = "q-1", .topic = "T", .uid = 7,
					.name = "zed", .answer = "B", .correct = true, .points = 100,
					.answered_at = T0 };

	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, &err), 0);
	ck_assert_int_eq(store_class_add(s, "ABCDEF", ~0ULL, 20, 3, T0, &id, &err), 0);
	a.class_id = id;
	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(store_class_answer(s, &a, &err), 0);
	a.uid = 8;
	a.name = "amy";
	a.answer = NULL;
	a.correct = false;
	ck_assert_int_eq(store_class_answer(s, &a, &err), 0);
	ck_assert_int_eq(store_commit(s, &err), 0);
	a.position = 1;
	a.qid = "q-2";
	a.answer = "AWS";
	a.correct = true;
	ck_assert_int_eq(store_class_answer(s, &a, &err), 0);
	ck_assert_int_eq(store_class_list(s, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].code, "ABCDEF");
	ck_assert(rows[0].seed == ~0ULL);
	ck_assert_uint_eq(rows[0].closed, 2);
	ck_assert_uint_eq(rows[0].students, 2);
	ck_assert_int_eq(rows[0].ended_at, 0);
	free(rows);
	ck_assert_int_eq(store_class_finish(s, id, T0 + 5, &err), 0);
	ck_assert_int_eq(store_class_each_answer(s, id, test_collect, &got, &err), 0);
	ck_assert_uint_eq(got.n, 3);
	ck_assert_str_eq(got.seen[0], "amy:0:q-1:-:0");
	ck_assert_str_eq(got.seen[1], "amy:1:q-2:AWS:1");
	ck_assert_str_eq(got.seen[2], "zed:0:q-1:B:1");
	ck_assert_int_eq(store_class_list(s, &rows, &n, &err), 0);
	ck_assert_int_eq(rows[0].ended_at, T0 + 5);
	free(rows);
	store_close(s);
}
END_TEST


/* ---- the student's model ------------------------------------------------ */

static int test_take(struct class_client *c, const char *line, int64_t now)
{
	return class_client_take(c, line, strlen(line), now);
}

START_TEST(test_client_model)
{
	struct class_client c;
	char out[CLASS_LINE_MAX_IN], hint[200];
	size_t len;

	class_client_init(&c);
	len = class_client_hello(out, sizeof(out));
	ck_assert_uint_eq(len, 8);
	ck_assert(memcmp(out, "HELLO\t2\n", 8) == 0);
	ck_assert_uint_eq(class_client_answer(&c, "b", out, sizeof(out), hint, sizeof(hint)), 0);
	ck_assert_str_eq(hint, "No question is open now.");
	ck_assert_int_eq(test_take(&c, "WELCOME\t2\tann\tABCDEF\t3\t20", T0), CLASS_MSG_WELCOME);
	ck_assert_int_eq(c.state, CLASS_CLIENT_LOBBY);
	ck_assert_str_eq(c.name, "ann");
	ck_assert_int_eq(test_take(&c, "QUESTION\t1\t3\t15000\tmulti\tTopic\tPick\\nsome\t2\tone\ttwo\tthree", T0),
			 CLASS_MSG_QUESTION);
	ck_assert_int_eq(c.state, CLASS_CLIENT_ASKING);
	ck_assert_str_eq(c.text, "Pick\nsome");
	ck_assert_uint_eq(c.nslots, 3);
	ck_assert_str_eq(c.slot[2], "three");
	ck_assert_int_eq(class_client_left(&c, T0 + 5000), 10000);
	/* The key map's hint and labels, as in every mode. */
	class_client_hint(&c, hint, sizeof(hint));
	ck_assert_str_eq(hint, "Choose two (a-c), then Enter.");
	ck_assert_int_eq(class_client_label(&c, 2), 'c');
	/* A typed line read by keys_parse_line, sent as its labels. */
	len = class_client_answer(&c, " a, C ", out, sizeof(out), hint, sizeof(hint));
	ck_assert_uint_gt(len, 0);
	out[len] = '\0';
	ck_assert_str_eq(out, "ANSWER\t1\ta|c\n");
	len = class_client_answer(&c, "ca", out, sizeof(out), hint, sizeof(hint));
	out[len] = '\0';
	ck_assert_str_eq(out, "ANSWER\t1\ta|c\n");
	ck_assert_uint_eq(class_client_answer(&c, "a; rm -rf", out, sizeof(out), hint, sizeof(hint)), 0);
	ck_assert_str_eq(hint, "';' is not a choice: answer with the letters a-c");
	/* One mark where two are wanted: refused before it is sent, saying so. */
	ck_assert_uint_eq(class_client_answer(&c, "b", out, sizeof(out), hint, sizeof(hint)), 0);
	ck_assert_msg(strstr(hint, "wants two answers") != NULL, "%s", hint);
	ck_assert_uint_eq(class_client_answer(&c, "   ", out, sizeof(out), hint, sizeof(hint)), 0);
	ck_assert_str_eq(hint, "Choose two (a-c), then Enter.");
	ck_assert_int_eq(test_take(&c, "ACK\t1\ta|c", T0), CLASS_MSG_ACK);
	ck_assert_str_eq(c.recorded, "a|c");
	class_client_recorded(&c, hint, sizeof(hint));
	ck_assert_str_eq(hint, "a, c");
	ck_assert_int_eq(test_take(&c, "PAUSE\t9000", T0 + 6000), CLASS_MSG_PAUSE);
	ck_assert_int_eq(class_client_left(&c, T0 + 60000), 9000);
	ck_assert_uint_eq(class_client_answer(&c, "a", out, sizeof(out), hint, sizeof(hint)), 0);
	ck_assert_str_eq(hint, "The class is paused.");
	ck_assert_int_eq(test_take(&c, "RESUME\t9000", T0 + 60000), CLASS_MSG_RESUME);
	ck_assert_int_eq(class_client_left(&c, T0 + 61000), 8000);
	ck_assert_int_eq(test_take(&c, "REVEAL\t1\ta, c\tBecause.\tright\t120\t2\t220\t1\t30", T0 + 70000),
			 CLASS_MSG_REVEAL);
	ck_assert_int_eq(c.state, CLASS_CLIENT_REVEALED);
	ck_assert_str_eq(c.right, "a, c");
	ck_assert_uint_eq(c.rank, 1);
	ck_assert_str_eq(c.feedback, "");
	/* the student's own feedback, when the host sends it: lines kept */
	ck_assert_int_eq(test_take(&c, "REVEAL\t1\ta, c\tBecause.\twrong\t0\t1\t100\t2\t30\tB: not this.\\nSource: https://example.com/x", T0 + 70000),
			 CLASS_MSG_REVEAL);
	ck_assert_str_eq(c.feedback, "B: not this.\nSource: https://example.com/x");
	ck_assert_uint_eq(c.of, 30);
	ck_assert_int_eq(class_client_left(&c, T0 + 70000), 0);
	ck_assert_int_eq(test_take(&c, "END\t2\t3\t220\t1\t30", T0), CLASS_MSG_END);
	ck_assert_int_eq(c.state, CLASS_CLIENT_ENDED);
	ck_assert_uint_eq(c.end_asked, 3);
	/* A malformed line closes the model, with why. */
	ck_assert_int_eq(test_take(&c, "REVEAL\t1\tA\x1b[2J", T0), -1);
	ck_assert_int_eq(c.state, CLASS_CLIENT_CLOSED);
	ck_assert_ptr_nonnull(strstr(c.error, "malformed"));
	/* A question this whose cannot show closes the model, with why. */
	class_client_init(&c);
	ck_assert_int_eq(test_take(&c, "QUESTION\t0\t1\t9000\tpoll\tT\tQ\t1\tx\ty", T0), -1);
	ck_assert_int_eq(c.state, CLASS_CLIENT_CLOSED);
	class_client_init(&c);
	ck_assert_int_eq(test_take(&c, "QUESTION\t0\t1\t9000\twho\tT\tQ\t1\tAWS", T0), -1);
	/* A student's line is not the host's. */
	class_client_init(&c);
	ck_assert_int_eq(test_take(&c, "HELLO\t1", T0), -1);
}
END_TEST

Suite *test_class_suite(void);

Suite *test_class_suite(void)
{
	Suite *s = suite_create("class");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_proto_round_trip);
	tcase_add_test(tc, test_class_feedback_own);
	tcase_add_test(tc, test_class_feedback_sort);
	tcase_add_test(tc, test_proto_malformed);
	tcase_add_test(tc, test_proto_limits);
	tcase_add_test(tc, test_class_flow);
	tcase_add_loop_test(tc, test_class_every_type, 0, (int)(sizeof(test_types) / sizeof(test_types[0])));
	tcase_add_test(tc, test_class_bonus_and_end);
	tcase_add_test(tc, test_class_refusals);
	tcase_add_test(tc, test_class_store);
	tcase_add_test(tc, test_client_model);
	suite_add_tcase(s, tc);
	return s;
}
