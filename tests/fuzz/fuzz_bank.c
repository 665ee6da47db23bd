/*
 * fuzz_bank.c - libFuzzer harness of the bank reader and validator.
 *
 * The input is a bank file: bank_read reads it through csvread and
 * question_parse, as `whose check` does.  A bank without errors is also
 * imported (as a dry run, so the store stays the same from one input to
 * the next) into an in-memory store, to reach the upsert, duplicate and
 * topic paths.  Beyond "no crash, no leak, no undefined behaviour", the
 * harness checks what the reader promises:
 *   - every message names the file, and is valid UTF-8 without control
 *     characters (messages go to a terminal; a bank may be hostile);
 *   - at most BANK_MAX_MESSAGES messages are kept, and no more than counted;
 *   - every row handed over has a valid id, fields of valid UTF-8 without
 *     controls outside the multi-line columns, and parses again the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "whose/bank.h"
#include "whose/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_bank_ctx {
	size_t rows;
};

static int fuzz_bank_row(const struct bank_row *row, void *ctx, char *msg,
			 size_t msglen, struct whose_error *err)
{
	struct fuzz_bank_ctx *c = ctx;
	const char *single[] = { row->t.qid, row->t.topic, row->t.type,
				 row->t.choices, row->t.source, row->t.tags };
	const char *multi[] = { row->t.question, row->t.answer,
				row->t.explanation, row->t.why_not };
	struct question q;
	const char *field;
	char why[512];

	(void)err;
	c->rows++;
	if (row->t.qid[0] < 'a' || row->t.qid[0] > 'z' || strlen(row->t.qid) > BANK_MAX_ID)
		fuzz_fail("a row was accepted with an invalid id");
	if (strlen(row->t.topic) > BANK_MAX_TOPIC || row->t.topic[0] == '\0')
		fuzz_fail("a row was accepted with a bad topic");
	for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++)
		if (!fuzz_printable(single[i], NULL))
			fuzz_fail("a one-line field holds a control character or bad UTF-8");
	for (size_t i = 0; i < sizeof(multi) / sizeof(multi[0]); i++)
		if (!fuzz_printable(multi[i], "\n\t"))
			fuzz_fail("a multi-line field holds a control character or bad UTF-8");
	if (row->line < 1 || row->file == NULL || row->file_key == NULL)
		fuzz_fail("a row without its file and line");
	if (question_parse(&row->t, &q, &field, why, sizeof(why)) < 0)
		fuzz_fail("a row handed over does not parse again");
	question_free(&q);
	/* Reject every third row, to reach the path of a caller's reason. */
	if (c->rows % 3 == 0) {
		snprintf(msg, msglen, "rejected by the harness");
		return 1;
	}
	return 0;
}

static void fuzz_bank_check_report(const struct bank_report *rep, const char *path)
{
	if (rep->nmessages > BANK_MAX_MESSAGES || rep->nmessages > rep->nerrors)
		fuzz_fail("more messages kept than allowed or counted");
	for (size_t i = 0; i < rep->nmessages; i++) {
		if (strncmp(rep->messages[i], path, strlen(path)) != 0)
			fuzz_fail("a message does not start with the file's name");
		if (!fuzz_printable(rep->messages[i], NULL)) {
			fprintf(stderr, "message: %s\n", rep->messages[i]);
			fuzz_fail("a message holds a control character or bad UTF-8");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *s;
	static struct config cfg;
	const char *path = fuzz_scratch("bank.csv", data, size);
	const char *paths[1];
	struct fuzz_bank_ctx ctx = { 0 };
	struct bank_report rep;
	struct bank_scope scope;
	struct whose_error err;
	int rc;

	if (path == NULL)
		return 0;
	paths[0] = path;
	whose_error_clear(&err);
	rc = bank_read(paths, 1, fuzz_bank_row, &ctx, &rep, &scope, NULL, &err);
	if (rc < 0 && rc != WHOSE_ENOMEM)
		fuzz_fail("bank_read failed on its own");
	if (rc == 0 && rep.nrows + rep.nerrors < ctx.rows)
		fuzz_fail("rows handed over were neither counted nor rejected");
	if (scope.nfiles != 1 || scope.ndirs != 0)
		fuzz_fail("the scope of one file is not that file");
	fuzz_bank_check_report(&rep, path);
	bank_report_free(&rep);
	bank_scope_free(&scope);

	if (rc == 0) {
		struct store_import_summary sum;

		if (s == NULL)
			s = fuzz_store_new(&cfg);
		rc = store_import(s, paths, 1, true, FUZZ_NOW_MS, &sum, &rep, NULL, NULL, &err);
		if (rc < 0 && rc != WHOSE_EDATA)
			fuzz_fail("a dry-run import failed on its own");
		if (rc == WHOSE_EDATA && rep.nerrors == 0)
			fuzz_fail("an import refused without a reason");
		fuzz_bank_check_report(&rep, path);
		bank_report_free(&rep);
	}
	return 0;
}
