/*
 * fuzz_history.c - libFuzzer harness of the review-history importer.
 *
 * Each input is a history file replayed by review_import into a fresh
 * in-memory store holding the small bank (fuzz_common.c; its ids are f-who,
 * f-choice2, ... f-utf8).  Beyond "no crash, no leak, no undefined
 * behaviour", the harness checks:
 *   - every message names the file and is valid UTF-8 without control
 *     characters (a history file may be hostile; messages reach a
 *     terminal);
 *   - a refused import wrote nothing; an accepted one logged exactly the
 *     reviews it says it replayed, and each card's reps equals the number
 *     of its scheduling reviews (no half-applied review).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "whose/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_HISTORY_QIDS 64

struct fuzz_history_count {
	char qid[FUZZ_HISTORY_QIDS][72];
	int reviews[FUZZ_HISTORY_QIDS];
	size_t nqid;
	size_t total;
	int bad;
};

static int fuzz_history_slot(struct fuzz_history_count *c, const char *qid)
{
	for (size_t i = 0; i < c->nqid; i++)
		if (strcmp(c->qid[i], qid) == 0)
			return (int)i;
	if (c->nqid == FUZZ_HISTORY_QIDS)
		fuzz_fail("more questions than the small bank holds");
	snprintf(c->qid[c->nqid], sizeof(c->qid[0]), "%s", qid);
	return (int)c->nqid++;
}

static int fuzz_history_row(const struct store_log_row *row, void *ctx)
{
	struct fuzz_history_count *c = ctx;

	c->total++;
	if (strcmp(row->mode, "import") != 0 || row->rating < 1 || row->rating > 4 ||
	    row->duration_ms < 0 || row->duration_ms > 86400000)
		c->bad = 1;
	c->reviews[fuzz_history_slot(c, row->qid)]++;
	return 0;
}

static int fuzz_history_card(const char *qid, const char *topic,
			     const struct store_card *card, void *ctx)
{
	struct fuzz_history_count *c = ctx;

	(void)topic;
	if (card->fsrs.reps != c->reviews[fuzz_history_slot(c, qid)])
		c->bad = 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_scratch("history.csv", data, size);
	struct fuzz_history_count count;
	struct config cfg;
	struct store *s;
	struct bank_report rep;
	struct whose_error err;
	size_t applied = 0;
	int rc;

	if (path == NULL)
		return 0;
	s = fuzz_store_new(&cfg);
	whose_error_clear(&err);
	/* 2026-03-01T10:00:00Z: histories later than a day after it are refused. */
	rc = review_import(s, &cfg, path, 1772359200000LL, &applied, &rep, &err);
	if (rc < 0 && rc != WHOSE_EDATA && rc != WHOSE_ENOMEM) {
		fprintf(stderr, "%s\n", err.msg);
		fuzz_fail("review_import failed on its own");
	}
	if (rc == WHOSE_EDATA && rep.nerrors == 0)
		fuzz_fail("an import refused without a reason");
	if (rep.nmessages > BANK_MAX_MESSAGES || rep.nmessages > rep.nerrors)
		fuzz_fail("more messages kept than allowed or counted");
	for (size_t i = 0; i < rep.nmessages; i++) {
		if (strncmp(rep.messages[i], path, strlen(path)) != 0)
			fuzz_fail("a message does not start with the file's name");
		if (!fuzz_printable(rep.messages[i], NULL)) {
			fprintf(stderr, "message: %s\n", rep.messages[i]);
			fuzz_fail("a message holds a control character or bad UTF-8");
		}
	}
	if (rc < 0 && !fuzz_printable(err.msg, NULL))
		fuzz_fail("the error holds a control character or bad UTF-8");
	bank_report_free(&rep);

	memset(&count, 0, sizeof(count));
	if (store_each_review(s, true, fuzz_history_row, &count, &err) < 0 ||
	    store_each_card(s, fuzz_history_card, &count, &err) < 0)
		fuzz_fail("cannot read the store back");
	if (count.bad)
		fuzz_fail("a card's reps differ from its reviews, or a review row is out of range");
	if (rc < 0 && count.total != 0)
		fuzz_fail("a refused import wrote reviews");
	if (rc == 0 && count.total != applied)
		fuzz_fail("the reviews logged are not the reviews replayed");
	store_close(s);
	return 0;
}
