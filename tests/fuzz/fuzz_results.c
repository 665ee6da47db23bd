/*
 * fuzz_results.c - libFuzzer harness of the drill results reader (`whose
 * report`): results files sit in a folder a whole class can write, so any
 * classmate may put anything in them.
 *
 * Each input is a results file read by report_read_file, then resolved
 * against the small bank (fuzz_common.c).  Beyond "no crash, no leak, no
 * undefined behaviour", the harness checks:
 *   - every message names the file and is valid UTF-8 without control
 *     characters (it reaches a terminal);
 *   - the figures add up: each row is one student's complete or incomplete
 *     drill, a share's right answers never exceed its answers, variants
 *     count every row that has a fingerprint at most once;
 *   - every student's name is text a terminal can show as it is (valid
 *     UTF-8, no control or format character);
 *   - the input's first line, taken as a student's name, makes a row with
 *     results_format that reads back as exactly one row of that
 *     name, without a problem (quoting round-trips), or is refused as a
 *     name the drill refuses too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "whose/report.h"
#include "whose/results.h"
#include "whose/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *fuzz_results_store;

static void fuzz_results_check_messages(const struct bank_report *rep, const char *path)
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

static void fuzz_results_check_figures(const struct report *r)
{
	const struct report_student *st;
	const struct report_question *q;
	const struct report_topic *t;
	const struct report_variant *v;
	size_t nst, nq, nt, nv, rows = 0, incomplete = 0, asked = 0, tasked = 0, vrows = 0;

	st = report_students(r, &nst);
	q = report_questions(r, &nq);
	t = report_topics(r, &nt);
	v = report_variants(r, &nv);
	for (size_t i = 0; i < nst; i++) {
		size_t n = strlen(st[i].name);

		if (n == 0 || !text_utf8_valid(st[i].name, n, NULL) ||
		    text_find_unsafe(st[i].name, n, NULL) >= 0)
			fuzz_fail("a student's name a terminal cannot show as it is");
		if (st[i].right > st[i].total || (st[i].drills == 0 && st[i].total != 0))
			fuzz_fail("a student's score does not add up");
		if (i > 0 && strcmp(st[i - 1].name, st[i].name) >= 0)
			fuzz_fail("students not sorted by name, or one twice");
		rows += st[i].drills + st[i].incomplete;
		incomplete += st[i].incomplete;
	}
	if (rows != report_rows(r) || incomplete != report_incomplete_rows(r))
		fuzz_fail("rows are not the students' drills");
	for (size_t i = 0; i < nq; i++) {
		if (q[i].right > q[i].asked || q[i].asked == 0)
			fuzz_fail("a question's share does not add up");
		asked += q[i].asked;
	}
	for (size_t i = 0; i < nt; i++)
		tasked += t[i].asked;
	if (asked != tasked)
		fuzz_fail("topics do not hold every answer");
	for (size_t i = 0; i < nv; i++) {
		if (v[i].drills == 0)
			fuzz_fail("an empty variant");
		if (i > 0 && v[i - 1].seed == v[i].seed && v[i - 1].fingerprint == v[i].fingerprint)
			fuzz_fail("a variant twice");
		vrows += v[i].drills;
	}
	if (vrows > report_rows(r))
		fuzz_fail("more variants than rows");
	if (report_mixed_seeds(r) > nv / 2)
		fuzz_fail("more mixed seeds than pairs of variants");
}

/* The first line of DATA as a name: written by results_format, read
 * back whole. */
static void fuzz_results_round_trip(const uint8_t *data, size_t size)
{
	static const struct results_answer ans[2] = { { "f-who", 1 }, { "f-tf", -1 } };
	struct results_drill res;
	struct report *r;
	struct bank_report rep;
	struct whose_error err;
	const struct report_student *st;
	char name[128], *row, *file;
	const char *path;
	size_t n = 0, nst;

	while (n < size && n < sizeof(name) - 1 && data[n] != '\n')
		n++;
	memcpy(name, data, n);
	name[n] = '\0';
	if (n == 0 || memchr(name, '\0', n) != NULL || !text_utf8_valid(name, n, NULL) ||
	    text_find_unsafe(name, n, NULL) >= 0)
		return;  /* the drill refuses such a --name */
	memset(&res, 0, sizeof(res));
	res.name = name;
	res.finished_at = FUZZ_NOW_MS;
	res.seed = n;
	res.answers = ans;
	res.nanswers = 2;
	res.fingerprint = 0x0123456789abcdefULL;
	if (results_format(&res, &row, &err) != 0)
		fuzz_fail("a good row was refused");
	file = malloc(strlen(RESULTS_HEADER) + strlen(row) + 1);
	if (file == NULL)
		return;
	strcpy(file, RESULTS_HEADER);
	strcat(file, row);
	free(row);
	path = fuzz_scratch("results.csv", (const uint8_t *)file, strlen(file));
	free(file);
	if (path == NULL || report_new(&r, &err) != 0)
		return;
	memset(&rep, 0, sizeof(rep));
	if (report_read_file(r, path, &rep, &err) != 0 || rep.nerrors != 0) {
		if (rep.nmessages > 0)
			fprintf(stderr, "%s\n", rep.messages[0]);
		fuzz_fail("a row results_format wrote does not read back");
	}
	st = report_students(r, &nst);
	if (nst != 1 || strcmp(st[0].name, name) != 0 || st[0].incomplete != 1 ||
	    report_rows(r) != 1)
		fuzz_fail("a row read back is not the row written");
	bank_report_free(&rep);
	report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_scratch("results.csv", data, size);
	struct report *r;
	struct bank_report rep;
	struct whose_error err;
	struct config cfg;
	int rc;

	if (path == NULL)
		return 0;
	/* One store for every input: the report only reads it. */
	if (fuzz_results_store == NULL)
		fuzz_results_store = fuzz_store_new(&cfg);
	if (report_new(&r, &err) != 0)
		return 0;
	memset(&rep, 0, sizeof(rep));
	whose_error_clear(&err);
	rc = report_read_file(r, path, &rep, &err);
	if (rc < 0 && rc != WHOSE_ENOMEM) {
		fprintf(stderr, "%s\n", err.msg);
		fuzz_fail("report_read_file failed on a readable file");
	}
	fuzz_results_check_messages(&rep, path);
	if (rc == 0) {
		rc = report_resolve(r, fuzz_results_store, &err);
		if (rc < 0 && rc != WHOSE_ENOMEM)
			fuzz_fail("report_resolve failed");
		if (rc == 0)
			fuzz_results_check_figures(r);
	}
	bank_report_free(&rep);
	report_free(r);
	fuzz_results_round_trip(data, size);
	return 0;
}
