/*
 * fuzz_class.c - libFuzzer harness of the live class's protocol decoder
 * and the class's answer reader.
 *
 * The input is a byte stream as a socket delivers it: split into lines by
 * class_line_end (with the student's and the host's limits, in turn), each
 * decoded by class_msg_decode as from a student and as from the host.
 * Every ANSWER decoded is given to a class of one question of each type
 * (shown reversed, so that shown and bank positions differ).  Beyond "no
 * crash, no undefined behaviour, no leak", the harness checks:
 *   - a line found is within its limit, and a refused over-long line is
 *     reported only once the limit is reached;
 *   - a decoded message has a known type and field count, every field is
 *     valid UTF-8 without control characters (a line break only where a
 *     text may hold one), and it encodes again to exactly the bytes it came
 *     from or to a line that decodes to the same fields (one canonical
 *     form both ways);
 *   - a refusal says why in printable text;
 *   - an answer the class accepts is recorded in a form the class accepts
 *     again, unchanged; a refused one leaves the student's answer as it
 *     was, and no right answer is revealed before the question closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "whose/class.h"
#include "whose/class_proto.h"
#include "whose/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct question_text fuzz_class_texts[] = {
	{ .qid = "c", .topic = "T", .type = "choice", .question = "Q", .choices = "a|b|c|d", .answer = "B", .explanation = "E", .why_not = "" },
	{ .qid = "m", .topic = "T", .type = "multi", .question = "Q", .choices = "a|b|c|d|e|f", .answer = "A|F", .explanation = "E", .why_not = "" },
	{ .qid = "t", .topic = "T", .type = "truefalse", .question = "Q", .choices = "", .answer = "false", .explanation = "E", .why_not = "" },
	{ .qid = "w", .topic = "T", .type = "who", .question = "Q", .choices = "", .answer = "Shared", .explanation = "E", .why_not = "" },
	{ .qid = "s", .topic = "T", .type = "sort", .question = "Q", .choices = "1|2|3|4|5|6|7|8",
	  .answer = "AWS|Customer|Shared|AWS|Customer|Shared|AWS|Customer", .explanation = "E", .why_not = "" },
};
#define FUZZ_CLASS_NQ (sizeof(fuzz_class_texts) / sizeof(fuzz_class_texts[0]))

static struct question fuzz_class_q[FUZZ_CLASS_NQ];
static struct attempt fuzz_class_a[FUZZ_CLASS_NQ];
static int64_t fuzz_class_now;
static struct whose_clock fuzz_class_clock;
static struct class_msg fuzz_class_m, fuzz_class_m2;
static char fuzz_class_line[CLASS_LINE_MAX_OUT];

static void fuzz_class_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	for (size_t i = 0; i < FUZZ_CLASS_NQ; i++) {
		const char *field;
		char msg[200];

		if (question_parse(&fuzz_class_texts[i], &fuzz_class_q[i], &field, msg, sizeof(msg)) < 0)
			fuzz_fail(msg);
		/* The question as the drill shows it: an attempt. */
		fuzz_class_a[i].q = fuzz_class_q[i];
		fuzz_class_a[i].item.qid = (char *)fuzz_class_texts[i].qid;
		fuzz_class_a[i].item.topic = (char *)"T";
		fuzz_class_a[i].item.question = (char *)"Q";
		fuzz_class_a[i].item.explanation = (char *)"E";
		for (size_t k = 0; k < fuzz_class_q[i].nslots; k++)
			fuzz_class_a[i].order[k] = fuzz_class_q[i].type == QUESTION_SORT
						   ? k : fuzz_class_q[i].nslots - 1 - k;
	}
	clock_use_fixed(&fuzz_class_clock, &fuzz_class_now);
}

static void fuzz_class_check_msg(const struct class_msg *m, enum class_msg_from from)
{
	const char *fields[CLASS_MSG_MAX_FIELDS];
	size_t len;

	if ((unsigned)m->type >= CLASS_MSG_NTYPES || m->nfields > CLASS_MSG_MAX_FIELDS)
		fuzz_fail("a decoded message of no known shape");
	for (size_t i = 0; i < m->nfields; i++) {
		size_t n = strlen(m->field[i]);

		if (!text_utf8_valid(m->field[i], n, NULL) || text_find_control(m->field[i], n, "\n") >= 0)
			fuzz_fail("a decoded field with bad UTF-8 or a control character");
		fields[i] = m->field[i];
	}
	if (class_msg_encode(m->type, fields, m->nfields, fuzz_class_line, sizeof(fuzz_class_line), &len) < 0)
		fuzz_fail("a decoded message does not encode again");
	if (class_msg_decode(fuzz_class_line, len - 1, from, &fuzz_class_m2, NULL, 0) < 0)
		fuzz_fail("an encoded message does not decode");
	if (fuzz_class_m2.type != m->type || fuzz_class_m2.nfields != m->nfields)
		fuzz_fail("a round trip changed the type or the field count");
	for (size_t i = 0; i < m->nfields; i++)
		if (strcmp(fuzz_class_m2.field[i], m->field[i]) != 0)
			fuzz_fail("a round trip changed a field");
}

static void fuzz_class_answer(struct class *c, size_t id, const char *text)
{
	struct whose_error err;
	char rec[CLASS_WORD_MAX + 1], again[CLASS_WORD_MAX + 1], right[CLASS_WORD_MAX + 1];
	const char *expl;
	size_t cur = class_current(c);
	struct class_answer before = class_student(c, id)->answers[cur];

	if (class_reveal(c, cur, right, sizeof(right), &expl) == 0)
		fuzz_fail("a right answer is readable before its question closes");
	if (class_answer(c, id, cur, text, rec, sizeof(rec), &err) < 0) {
		const struct class_answer *after = &class_student(c, id)->answers[cur];

		if (err.msg[0] == '\0' || text_find_control(err.msg, strlen(err.msg), NULL) >= 0)
			fuzz_fail("a refused answer without a printable reason");
		if (after->answered != before.answered || strcmp(after->text, before.text) != 0)
			fuzz_fail("a refused answer changed the recorded one");
		return;
	}
	if (class_answer(c, id, cur, rec, again, sizeof(again), &err) < 0 || strcmp(rec, again) != 0)
		fuzz_fail("a recorded answer is not accepted again as itself");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct class_opts o = { .seed = 1, .seconds = 30, .speed_bonus = true, .clock = &fuzz_class_clock };
	struct whose_error err;
	struct class *c;
	const char *p = (const char *)data;
	size_t left = size, id;
	bool rejoined;

	fuzz_class_init();
	fuzz_class_now = FUZZ_NOW_MS;
	if (class_new(&o, &c, &err) < 0)
		fuzz_fail(err.msg);
	for (size_t i = 0; i < FUZZ_CLASS_NQ; i++)
		if (class_add_question(c, &fuzz_class_a[i], &err) < 0)
			fuzz_fail(err.msg);
	if (class_join(c, 1000, "student", &id, &rejoined, &err) < 0 || class_start(c, &err) < 0)
		fuzz_fail(err.msg);
	while (left > 0) {
		/* Alternate the limits: a student's line, then a host's. */
		enum class_msg_from from = (left & 1) ? CLASS_FROM_STUDENT : CLASS_FROM_HOST;
		size_t max = class_line_max(from);
		long end = class_line_end(p, left, max);
		char why[200];

		if (end == -1) {
			if (left >= max)
				fuzz_fail("no line end reported within the limit");
			break;
		}
		if (end == -2) {
			if (left < max)
				fuzz_fail("a line refused before reaching the limit");
			break;
		}
		if ((size_t)end + 1 > max || p[end] != '\n')
			fuzz_fail("a line end beyond the limit or not at a newline");
		for (int k = 0; k < 2; k++) {
			enum class_msg_from f = k ? CLASS_FROM_HOST : CLASS_FROM_STUDENT;

			why[0] = '\0';
			if (class_msg_decode(p, (size_t)end, f, &fuzz_class_m, why, sizeof(why)) < 0) {
				if (why[0] == '\0' || !text_utf8_valid(why, strlen(why), NULL) ||
				    text_find_control(why, strlen(why), NULL) >= 0)
					fuzz_fail("a refusal without a printable reason");
				continue;
			}
			fuzz_class_check_msg(&fuzz_class_m, f);
			if (fuzz_class_m.type == CLASS_MSG_ANSWER)
				fuzz_class_answer(c, id, fuzz_class_m.field[1]);
		}
		p += end + 1;
		left -= (size_t)end + 1;
		/* Each line moves the class on a little: through every
		 * question type, closing and revealing as it goes. */
		fuzz_class_now += 7000;
		if (class_tick(c) && class_next(c, &err) < 0)
			fuzz_fail(err.msg);
		if (class_state(c) == CLASS_ENDED)
			break;
	}
	class_free(c);
	return 0;
}
