/*
 * fuzz_answer.c - libFuzzer harness of plain mode's answer parser.
 *
 * Each input is one line typed at the answer prompt; it is parsed as an
 * answer to a question of every type, with the fewest and the most choices
 * or items, shown in bank order and shuffled.  Beyond "no crash, no
 * undefined behaviour", the harness checks:
 *   - an accepted answer is in range: a choice names exactly one shown
 *     choice, a multi answer only shown choices, owners are AWS, Customer
 *     or Shared, and a card is never "answered" (it is turned);
 *   - an accepted answer is a complete response of the attempt (so that
 *     grading it never meets a half-given answer);
 *   - a refused answer gets a hint that is non-empty, valid UTF-8 and free
 *     of control characters (it is printed to the learner's terminal).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "plain/plain_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct question_text fuzz_answer_texts[] = {
	{ .type = "choice", .choices = "a|b", .answer = "A", .why_not = "" },
	{ .type = "choice", .choices = "a|b|c|d|e|f", .answer = "F", .why_not = "B: no" },
	{ .type = "multi", .choices = "a|b|c", .answer = "A|C", .why_not = "" },
	{ .type = "multi", .choices = "a|b|c|d|e|f", .answer = "A|B|C|D|E", .why_not = "" },
	{ .type = "truefalse", .choices = "", .answer = "true", .why_not = "" },
	{ .type = "who", .choices = "", .answer = "Shared", .why_not = "" },
	{ .type = "sort", .choices = "x|y", .answer = "AWS|Customer", .why_not = "" },
	{ .type = "sort", .choices = "1|2|3|4|5|6|7|8",
	  .answer = "AWS|Customer|Shared|AWS|Customer|Shared|AWS|Customer", .why_not = "" },
	{ .type = "card", .choices = "", .answer = "the back", .why_not = "" },
};

#define FUZZ_ANSWER_N (sizeof(fuzz_answer_texts) / sizeof(fuzz_answer_texts[0]))

/* Each question twice: in bank order, and with its choices reversed
 * (every mode reads answers by the one key map's letters). */
static struct attempt fuzz_answer_items[2 * FUZZ_ANSWER_N];

static void fuzz_answer_init(void)
{
	for (size_t i = 0; i < FUZZ_ANSWER_N; i++) {
		for (size_t k = 0; k < 2; k++) {
			struct attempt *it = &fuzz_answer_items[2 * i + k];
			struct question_text t = fuzz_answer_texts[i];
			const char *field;
			char msg[256];

			t.qid = "f-x";
			t.topic = "T";
			t.question = "Q?";
			t.explanation = "";
			t.source = "";
			t.tags = "";
			if (question_parse(&t, &it->q, &field, msg, sizeof(msg)) < 0) {
				fprintf(stderr, "%s: %s\n", field, msg);
				fuzz_fail("a question of the harness does not parse");
			}
			for (size_t j = 0; j < it->q.nslots; j++)
				it->order[j] = k == 0 ? j : it->q.nslots - 1 - j;
		}
	}
}

static void fuzz_answer_one(struct attempt *it, const char *line)
{
	const struct question *q = &it->q;
	struct question_response r;
	char hint[256];
	unsigned all = (1u << q->nslots) - 1;

	memset(hint, 0, sizeof(hint));
	if (plain_parse_answer(it, line, &r, hint, sizeof(hint)) < 0) {
		if (hint[0] == '\0')
			fuzz_fail("an answer was refused without a hint");
		if (!fuzz_printable(hint, NULL)) {
			fprintf(stderr, "hint: %s\n", hint);
			fuzz_fail("a hint holds a control character or bad UTF-8");
		}
		return;
	}
	switch (q->type) {
	case QUESTION_CHOICE:
		if (r.mask == 0 || (r.mask & (r.mask - 1)) != 0 || (r.mask & ~all) != 0)
			fuzz_fail("a choice answer is not exactly one shown choice");
		break;
	case QUESTION_MULTI:
		if ((r.mask & ~all) != 0)
			fuzz_fail("a multi answer names a choice not shown");
		break;
	case QUESTION_WHO:
		if ((unsigned)r.owner >= QUESTION_NOWNERS)
			fuzz_fail("a who answer is not an owner");
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < QUESTION_MAX_ITEMS; i++)
			if ((unsigned)r.item_owner[i] >= QUESTION_NOWNERS)
				fuzz_fail("a sort answer holds an owner out of range");
		break;
	case QUESTION_TRUEFALSE:
		break;
	case QUESTION_CARD:
	default:
		fuzz_fail("a card was answered rather than turned");
	}
	if (attempt_set(it, &r, NULL) < 0 || !attempt_complete(it))
		fuzz_fail("an accepted answer is not a complete response");
	attempt_grade(it, false);
	if (it->grade.correct != question_grade(q, &r))
		fuzz_fail("the attempt and the question grade one answer differently");
	(void)attempt_clear(it, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *line;

	if (!ready) {
		fuzz_answer_init();
		ready = 1;
	}
	/* A line as plain_read hands it over: NUL-terminated, no newline. */
	line = malloc(size + 1);
	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	for (size_t i = 0; i < 2 * FUZZ_ANSWER_N; i++)
		fuzz_answer_one(&fuzz_answer_items[i], line);
	free(line);
	return 0;
}
