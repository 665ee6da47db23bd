/*
 * fuzz_plain.c - libFuzzer harness of a whole plain-mode session.
 *
 * Each input is what the learner types: plain_study reads it from a
 * memory stream against a fresh in-memory store holding the small bank
 * (fuzz_common.c), in review mode, or in practice mode when the input
 * starts with the line "#practice".  Beyond "no crash, no leak, no
 * undefined behaviour", the harness checks:
 *   - the session ends normally (end of input or q);
 *   - everything printed is valid UTF-8 without control characters other
 *     than newlines (it goes to a terminal or a screen reader);
 *   - every answer acknowledged with a "Saved" line and not taken back
 *     ("Undone: the last answer was taken back") is in the log, and
 *     nothing else is;
 *   - each card's reps equals the number of its review-mode answers;
 *   - each prompt reads exactly one line of the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "plain/plain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PLAIN_QIDS 64

struct fuzz_plain_count {
	char qid[FUZZ_PLAIN_QIDS][72];
	int reviews[FUZZ_PLAIN_QIDS];
	size_t nqid;
	size_t total;
	int bad;
};

static int fuzz_plain_slot(struct fuzz_plain_count *c, const char *qid)
{
	for (size_t i = 0; i < c->nqid; i++)
		if (strcmp(c->qid[i], qid) == 0)
			return (int)i;
	if (c->nqid == FUZZ_PLAIN_QIDS)
		fuzz_fail("more questions than the small bank holds");
	snprintf(c->qid[c->nqid], sizeof(c->qid[0]), "%s", qid);
	return (int)c->nqid++;
}

static int fuzz_plain_row(const struct store_log_row *row, void *ctx)
{
	struct fuzz_plain_count *c = ctx;
	int slot = fuzz_plain_slot(c, row->qid);

	c->total++;
	if (strcmp(row->mode, "review") == 0)
		c->reviews[slot]++;
	else if (strcmp(row->mode, "practice") != 0)
		c->bad = 1;
	return 0;
}

static int fuzz_plain_card(const char *qid, const char *topic,
			   const struct store_card *card, void *ctx)
{
	struct fuzz_plain_count *c = ctx;

	(void)topic;
	if (card->fsrs.reps != c->reviews[fuzz_plain_slot(c, qid)])
		c->bad = 1;
	return 0;
}

/* Lines of OUT that start with PREFIX. */
static size_t fuzz_plain_lines(const char *out, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);

	for (const char *p = out; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');

		if (strncmp(p, prefix, len) == 0)
			n++;
		p = nl != NULL ? nl + 1 : NULL;
	}
	return n;
}

/* Prompts in OUT: lines that end in "> " (plain mode, input not a
 * terminal, ends each prompt with a newline). */
static size_t fuzz_plain_prompts(const char *out)
{
	size_t n = 0;

	for (const char *p = strstr(out, "> \n"); p != NULL; p = strstr(p + 3, "> \n"))
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char practice[] = "#practice\n";
	struct session_opts o;
	struct whose_clock clock;
	int64_t now = FUZZ_NOW_MS;
	struct fuzz_plain_count count;
	struct config cfg;
	struct whose_error err;
	struct store *s;
	char *out = NULL, *copy;
	size_t outlen = 0, saved, undone, prompts, lines, pos;
	long consumed;
	FILE *in, *outf;
	int rc;

	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	if (size >= sizeof(practice) - 1 && memcmp(data, practice, sizeof(practice) - 1) == 0) {
		o.mode = SESSION_PRACTICE;
		data += sizeof(practice) - 1;
		size -= sizeof(practice) - 1;
	}
	/* fmemopen of zero bytes is refused by some C libraries. */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	in = size > 0 ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	outf = open_memstream(&out, &outlen);
	if (in == NULL || outf == NULL)
		fuzz_fail("cannot open the memory streams");

	s = fuzz_store_new(&cfg);
	clock_use_fixed(&clock, &now);
	o.config = &cfg;
	o.clock = &clock;
	o.seed = 7;
	whose_error_clear(&err);
	rc = plain_study(s, &o, in, outf, &err);
	consumed = ftell(in);
	fclose(in);
	fclose(outf);
	free(copy);
	if (rc < 0) {
		fprintf(stderr, "%s\n", err.msg);
		fuzz_fail("plain_study failed");
	}
	if (!fuzz_printable(out, "\n")) {
		fprintf(stderr, "output:\n%s\n", out);
		fuzz_fail("the output holds a control character or bad UTF-8");
	}
	/* Each prompt reads exactly one line: no line is skipped, none read
	 * twice. */
	prompts = fuzz_plain_prompts(out);
	for (lines = 0, pos = 0; lines < prompts && pos < size; lines++) {
		const uint8_t *nl = memchr(data + pos, '\n', size - pos);

		pos = nl != NULL ? (size_t)(nl - data) + 1 : size;
	}
	if (consumed < 0 || (size_t)consumed != pos) {
		fprintf(stderr, "%zu prompts, %ld bytes read, %zu expected\n", prompts,
			consumed, pos);
		fuzz_fail("the prompts did not read one line each");
	}
	saved = fuzz_plain_lines(out, "Saved");
	/* (Not "Undone: answer again.": an answer not yet rated, never
	 * saved, taken back.) */
	undone = fuzz_plain_lines(out, "Undone: the last answer was taken back");
	memset(&count, 0, sizeof(count));
	if (store_each_review(s, true, fuzz_plain_row, &count, &err) < 0 ||
	    store_each_card(s, fuzz_plain_card, &count, &err) < 0)
		fuzz_fail("cannot read the store back");
	if (count.bad)
		fuzz_fail("a card's reps differ from its review-mode answers");
	if (count.total + undone != saved) {
		fprintf(stderr, "saved %zu, undone %zu, rows %zu\noutput:\n%s\n",
			saved, undone, count.total, out);
		fuzz_fail("acknowledged answers and logged answers differ");
	}
	free(out);
	store_close(s);
	return 0;
}
