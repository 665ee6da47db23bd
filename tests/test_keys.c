/*
 * test_keys.c - the one key map of a question (keys.h) against every mode
 * and front end: each question type walked through the full screen's key
 * table in review, exam and drill, the key codec and the typed-line codec
 * of plain mode (same key, same label, same grade); no key of a
 * question's screen both answers and commands; every help overlay fits
 * 80x24, and in its terse form 60x20.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "whose/keys.h"

/* An attempt of a question of TYPE built without a store, its choices
 * shown in reversed order (so that a label is a shown position, never a
 * bank slot). */
static void test_keys_make(struct attempt *a, const char *type, const char *choices,
			   const char *answer)
{
	struct question_text t = {
		.qid = "k-1", .topic = "T", .type = type, .question = "Q?",
		.choices = choices, .answer = answer, .explanation = "",
		.source = "", .tags = "", .why_not = "",
	};
	const char *field;
	char msg[256];

	memset(a, 0, sizeof(*a));
	ck_assert_msg(question_parse(&t, &a->q, &field, msg, sizeof(msg)) == 0, "%s: %s", field, msg);
	for (size_t i = 0; i < QUESTION_MAX_SLOTS; i++)
		a->order[i] = (a->q.type == QUESTION_CHOICE || a->q.type == QUESTION_MULTI) &&
			      i < a->q.nslots ? a->q.nslots - 1 - i : i;
}

static void test_keys_free(struct attempt *a)
{
	question_free(&a->q);
	memset(a, 0, sizeof(*a));
}

/* One question of every type that is answered by keys. */
static const struct {
	const char *type, *choices, *answer;
	unsigned ctx;
} test_keys_types[] = {
	{ "choice", "Alpha|Beta|Gamma|Delta", "C", TUI_CTX_CHOICE },
	{ "multi", "Alpha|Beta|Gamma|Delta|Epsilon", "A|B|D", TUI_CTX_MULTI },
	{ "truefalse", "", "false", TUI_CTX_TF },
	{ "who", "", "Shared", TUI_CTX_WHO },
	{ "sort", "Patch the host|Patch the guest|Train staff", "AWS|Customer|Shared", TUI_CTX_SORT },
};
#define TEST_KEYS_NTYPES (sizeof(test_keys_types) / sizeof(test_keys_types[0]))

static const unsigned test_keys_modes[] = { TUI_CTX_LEARN, TUI_CTX_EXAM, TUI_CTX_DRILL };
#define TEST_KEYS_NMODES (sizeof(test_keys_modes) / sizeof(test_keys_modes[0]))

/* Answer A by pressing the keys of KEYS (through the full screen's key
 * table in context CTX, then the codec), as a screen does. */
static void test_keys_press(struct attempt *a, unsigned ctx, const char *keys)
{
	size_t cursor = 0;
	struct whose_error err;

	for (const char *k = keys; *k != '\0'; k++) {
		int arg = 0;
		enum tui_action act = tui_keymap_lookup(ctx, *k, attempt_shown_count(a), &arg);
		struct keys_edit e;

		ck_assert_msg(act == TUI_ACT_ANSWER, "'%c' does not answer in context 0x%x", *k, ctx);
		ck_assert_int_eq(arg, *k);
		e = keys_parse_key(a, arg, cursor);
		ck_assert_msg(e.kind != KEYS_EDIT_NONE, "the codec refuses '%c' (%s)", *k,
			      question_type_name(a->q.type));
		ck_assert_int_eq(keys_apply(a, &e, &cursor, &err), 0);
	}
}

/*
 * Every type in every mode: the label of every shown position answers it,
 * by a key in the table and the codec, and the same label typed as a line
 * gives the same response and the same grade.
 */
START_TEST(same_key_label_grade_everywhere)
{
	size_t checked = 0;

	for (size_t t = 0; t < TEST_KEYS_NTYPES; t++) {
		for (size_t m = 0; m < TEST_KEYS_NMODES; m++) {
			unsigned ctx = test_keys_modes[m] | test_keys_types[t].ctx;
			struct attempt probe;
			enum question_type qt;
			size_t n;

			test_keys_make(&probe, test_keys_types[t].type, test_keys_types[t].choices,
				       test_keys_types[t].answer);
			n = attempt_shown_count(&probe);
			qt = probe.q.type;
			test_keys_free(&probe);
			for (size_t pos = 0; pos < n; pos++) {
				struct attempt by_key, by_line;
				struct question_response r;
				char keys[24], line[24], hint[256];
				char label = keys_label(qt, pos);

				test_keys_make(&by_key, test_keys_types[t].type, test_keys_types[t].choices,
					       test_keys_types[t].answer);
				test_keys_make(&by_line, test_keys_types[t].type, test_keys_types[t].choices,
					       test_keys_types[t].answer);
				ck_assert_int_ne(label, 0);
				if (by_key.q.type == QUESTION_SORT) {
					/* Item POS+1 into each bucket in turn: "2a". */
					snprintf(keys, sizeof(keys), "%ca", label);
					test_keys_press(&by_key, ctx, keys);
					ck_assert(attempt_placed(&by_key, pos, NULL));
					/* Then every item, by number and bucket, and
					 * the same buckets as a typed line. */
					test_keys_press(&by_key, ctx, "1a2c3s");
					snprintf(line, sizeof(line), "a c s");
				} else if (by_key.q.type == QUESTION_MULTI) {
					/* Three labels from POS: a multi wants three. */
					snprintf(keys, sizeof(keys), "%c%c%c", label,
						 keys_label(by_key.q.type, (pos + 1) % n),
						 keys_label(by_key.q.type, (pos + 2) % n));
					test_keys_press(&by_key, ctx, keys);
					snprintf(line, sizeof(line), "%c %c %c", keys[0], keys[1], keys[2]);
				} else {
					snprintf(keys, sizeof(keys), "%c", label);
					test_keys_press(&by_key, ctx, keys);
					ck_assert(attempt_picked(&by_key, pos));
					snprintf(line, sizeof(line), "%c", label);
				}
				ck_assert_msg(keys_parse_line(&by_line, line, &r, hint, sizeof(hint)) == 0,
					      "%s: '%s': %s", test_keys_types[t].type, line, hint);
				ck_assert_int_eq(attempt_set(&by_line, &r, NULL), 0);
				ck_assert(attempt_complete(&by_key));
				ck_assert(attempt_complete(&by_line));
				attempt_grade(&by_key, false);
				attempt_grade(&by_line, false);
				ck_assert_int_eq(by_key.grade.correct, by_line.grade.correct);
				ck_assert_str_eq(by_key.grade.given, by_line.grade.given);
				ck_assert_str_eq(by_key.grade.right, by_line.grade.right);
				test_keys_free(&by_key);
				test_keys_free(&by_line);
				checked++;
			}
		}
	}
	ck_assert_uint_eq(checked, (4 + 5 + 2 + 3 + 3) * TEST_KEYS_NMODES);
}
END_TEST

/* The labels themselves, and what they grade. */
START_TEST(labels_and_grades)
{
	struct attempt a;
	struct question_response r;
	char buf[32], hint[256];

	ck_assert_int_eq(keys_label(QUESTION_CHOICE, 0), 'a');
	ck_assert_int_eq(keys_label(QUESTION_MULTI, 5), 'f');
	ck_assert_int_eq(keys_label(QUESTION_TRUEFALSE, 1), 'f');
	ck_assert_int_eq(keys_label(QUESTION_WHO, 1), 'c');
	ck_assert_int_eq(keys_label(QUESTION_WHO, 2), 's');
	ck_assert_int_eq(keys_label(QUESTION_SORT, 7), '8');
	ck_assert_int_eq(keys_label(QUESTION_CARD, 0), 0);
	keys_answers(QUESTION_SORT, 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "acs123");
	keys_answers(QUESTION_CHOICE, 4, buf, sizeof(buf));
	ck_assert_str_eq(buf, "abcd");
	/* Who: s is Shared, right. */
	test_keys_make(&a, "who", "", "Shared");
	ck_assert_int_eq(keys_parse_line(&a, "s", &r, hint, sizeof(hint)), 0);
	ck_assert_int_eq(attempt_set(&a, &r, NULL), 0);
	attempt_grade(&a, false);
	ck_assert(a.grade.correct);
	ck_assert_int_eq(keys_parse_line(&a, "2", &r, hint, sizeof(hint)), -1);
	test_keys_free(&a);
	/* Choice shown reversed: "Gamma" (C) is shown second, label b. */
	test_keys_make(&a, "choice", "Alpha|Beta|Gamma|Delta", "C");
	ck_assert_int_eq(keys_parse_line(&a, "b", &r, hint, sizeof(hint)), 0);
	ck_assert_int_eq(attempt_set(&a, &r, NULL), 0);
	attempt_grade(&a, false);
	ck_assert(a.grade.correct);
	ck_assert_str_eq(a.grade.right, "b");
	ck_assert_int_eq(keys_parse_line(&a, "a b", &r, hint, sizeof(hint)), -1);
	ck_assert_int_eq(keys_parse_line(&a, "e", &r, hint, sizeof(hint)), -1);
	ck_assert_ptr_nonnull(strstr(hint, "a-d"));
	test_keys_free(&a);
}
END_TEST

/* A "choose three" question says so before grading fewer marks. */
START_TEST(multi_wants_its_count)
{
	struct attempt a;
	struct question_response r;
	struct whose_error err;
	char hint[256];

	test_keys_make(&a, "multi", "Alpha|Beta|Gamma|Delta|Epsilon", "A|B|D");
	ck_assert_uint_eq(keys_marks_wanted(&a), 3);
	ck_assert_int_eq(keys_parse_line(&a, "a", &r, hint, sizeof(hint)), -1);
	ck_assert_ptr_nonnull(strstr(hint, "wants three answers, you gave one"));
	ck_assert_int_eq(attempt_choose(&a, 0, &err), 0);
	ck_assert(!attempt_complete(&a));
	attempt_missing(&a, hint, sizeof(hint));
	ck_assert_str_eq(hint, "this question wants 3 marks: 1 marked");
	keys_hint(&a, hint, sizeof(hint));
	ck_assert_str_eq(hint, "Choose three (a-e), then Enter.");
	test_keys_free(&a);
}
END_TEST

/* Every key a question's screen takes, in every mode and type: an
 * answer key answers (and only where the codec says it does); no command
 * takes a key that answers some question. */
START_TEST(no_key_answers_and_commands)
{
	size_t n, checked = 0;
	const struct tui_keydef *rows = tui_keymap_table(&n);

	for (size_t i = 0; i < n; i++) {
		const struct tui_keydef *d = &rows[i];
		int last = d->last != 0 ? d->last : d->key;

		if ((d->ctx & (TUI_CTX_ANSWERING | TUI_CTX_TYPES)) == 0 || d->action == TUI_ACT_ANSWER)
			continue;
		for (int k = d->key; k <= last; k++)
			ck_assert_msg(!keys_is_answer(k), "row %zu: command key '%c' also answers", i, k);
		ck_assert_msg(!keys_is_answer(d->key2), "row %zu: command key '%c' also answers", i,
			      d->key2);
		checked++;
	}
	ck_assert_uint_gt(checked, 10);
	for (size_t t = 0; t < TEST_KEYS_NTYPES; t++) {
		struct attempt a;

		test_keys_make(&a, test_keys_types[t].type, test_keys_types[t].choices,
			       test_keys_types[t].answer);
		for (size_t m = 0; m < TEST_KEYS_NMODES; m++) {
			unsigned ctx = test_keys_modes[m] | test_keys_types[t].ctx;
			char answers[32];

			keys_answers(a.q.type, a.q.type == QUESTION_SORT ? a.q.nslots
				     : attempt_shown_count(&a), answers, sizeof(answers));
			for (int k = 0x21; k < 0x7f; k++) {
				int arg;
				enum tui_action act = tui_keymap_lookup(ctx, k, attempt_shown_count(&a), &arg);
				bool answers_it = strchr(answers, k) != NULL;

				ck_assert_msg((act == TUI_ACT_ANSWER) == answers_it,
					      "'%c' in context 0x%x: action %d, codec says %s", k, ctx,
					      (int)act, answers_it ? "an answer" : "no answer");
				if (answers_it)
					ck_assert(keys_parse_key(&a, k, 0).kind != KEYS_EDIT_NONE);
			}
		}
		test_keys_free(&a);
	}
}
END_TEST

/* Every context a screen shows. */
static unsigned test_keys_contexts(unsigned *out)
{
	static const unsigned plain_ctx[] = {
		TUI_CTX_HOME, TUI_CTX_PICK, TUI_CTX_STATS, TUI_CTX_SUMMARY, TUI_CTX_RATE,
		TUI_CTX_EXAM_LIST, TUI_CTX_RESULT, TUI_CTX_DRILL_SHOWN, TUI_CTX_FLAGGED,
		TUI_CTX_SETTINGS, TUI_CTX_LEARN | TUI_CTX_CARD, TUI_CTX_EXAM_START,
		TUI_CTX_EXAMS, TUI_CTX_BROWSE, TUI_CTX_DETAIL,
	};
	unsigned n = 0;

	for (size_t i = 0; i < sizeof(plain_ctx) / sizeof(plain_ctx[0]); i++)
		out[n++] = plain_ctx[i];
	for (size_t t = 0; t < TEST_KEYS_NTYPES; t++)
		for (size_t m = 0; m < TEST_KEYS_NMODES; m++)
			out[n++] = test_keys_modes[m] | test_keys_types[t].ctx;
	return n;
}

/* Every help overlay fits 80x24 whole, and its terse form 60x20, as
 * draw.c lays it out (a frame, a title line, the keys, a blank, the
 * closing line). */
START_TEST(help_fits_80x24_and_60x20)
{
	unsigned ctx[64];
	unsigned nctx = test_keys_contexts(ctx);

	for (unsigned c = 0; c < nctx; c++) {
		for (int narrow = 0; narrow < 2; narrow++) {
			struct tui_help_line l[64];
			int cols = narrow ? 60 : 80, lines = narrow ? 20 : 24;
			size_t n = tui_keymap_help(ctx[c], 8, narrow, l, 64), namew = 0, whatw = 0;

			for (size_t i = 0; i < n; i++) {
				if (strlen(l[i].name) > namew)
					namew = strlen(l[i].name);
				if (strlen(l[i].what) > whatw)
					whatw = strlen(l[i].what);
			}
			ck_assert_msg(namew + whatw + 7 <= (size_t)cols - 2,
				      "context 0x%x: help %zu columns wide at %dx%d", ctx[c],
				      namew + whatw + 7, cols, lines);
			ck_assert_msg(n + 4 <= (size_t)lines,
				      "context 0x%x: help %zu lines at %dx%d", ctx[c], n + 4, cols, lines);
		}
	}
}
END_TEST

/* Every footer keeps Help and Leave at 80 and 60 columns. */
START_TEST(footer_keeps_help_and_leave)
{
	unsigned ctx[64];
	unsigned nctx = test_keys_contexts(ctx);

	for (unsigned c = 0; c < nctx; c++) {
		for (size_t width = 60; width <= 80; width += 20) {
			struct tui_footer_item it[24];
			size_t n = tui_keymap_footer(ctx[c], 4, width, it, 24);
			bool help = false, quit = false;

			for (size_t i = 0; i < n; i++) {
				help |= it[i].action == TUI_ACT_HELP;
				quit |= it[i].action == TUI_ACT_QUIT;
				ck_assert_uint_le(it[i].x + strlen(it[i].name) + 1 + strlen(it[i].brief),
						  width);
			}
			ck_assert_msg(help && quit, "context 0x%x at %zu columns", ctx[c], width);
		}
	}
}
END_TEST

Suite *test_keys_suite(void);
Suite *test_keys_suite(void)
{
	Suite *s = suite_create("keys");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, same_key_label_grade_everywhere);
	tcase_add_test(tc, labels_and_grades);
	tcase_add_test(tc, multi_wants_its_count);
	tcase_add_test(tc, no_key_answers_and_commands);
	tcase_add_test(tc, help_fits_80x24_and_60x20);
	tcase_add_test(tc, footer_keeps_help_and_leave);
	suite_add_tcase(s, tc);
	return s;
}
