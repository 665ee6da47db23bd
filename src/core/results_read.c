/*
 * results_read.c - reading a results file back, row by row (see
 * include/whose/results.h, results_read_file): its header (the current
 * one or that of an older whose, columns found by name), each row's
 * columns checked, a broken record costing its own line only.  Writing
 * rows and appending them is results.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "whose/clock.h"
#include "whose/results.h"
#include "whose/safefile.h"
#include "whose/text.h"

#define RESULTS_MAX_FIELD (1 << 20)   /* an answers field of 1000 long ids */
#define RESULTS_MAX_RECORD (2 << 20)
#define RESULTS_MAX_COLUMNS 32
#define RESULTS_QUOTE 64              /* bytes of a field quoted in a message */

/* The columns every results file has, then those of the current format
 * (RESULTS_NREQUIRED on are optional: a file of an older whose lacks them). */
enum results_col { RESULTS_NAME, RESULTS_FINISHED, RESULTS_SEED, RESULTS_SCORE, RESULTS_TOTAL,
		   RESULTS_ANSWERS, RESULTS_COMPLETE, RESULTS_FINGERPRINT, RESULTS_UID, RESULTS_LOGIN,
		   RESULTS_NCOLS };

#define RESULTS_NREQUIRED RESULTS_COMPLETE

static const char *const results_col_names[RESULTS_NCOLS] = {
	"name", "finished_at", "seed", "score", "total", "answers", "complete", "fingerprint",
	"uid", "login",
};

struct results_reader {
	results_row_fn on_row;
	void *ctx;
	const char *path;
	struct bank_report *rep;
	bool have_header;
	bool header_bad;
	int col[RESULTS_NCOLS];
	size_t ncols;
	int stop;
};

static void results_problem(struct results_reader *rd, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void results_problem(struct results_reader *rd, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* Out of memory: the problem is still counted, so the import fails. */
	(void)csvread_vreport(rd->rep, rd->path, line, fmt, ap);
	va_end(ap);
}

static void results_on_problem(long line, const char *msg, void *ctx)
{
	results_problem(ctx, line, "%s", msg);
}

/* Is REC the header again, column for column (files joined with cat)?
 * Its finished_at reads "finished_at", so it cannot be a result: no
 * student is dropped for a name, whatever it is. */
static bool results_is_header_again(const struct results_reader *rd,
				    const struct csvread_record *rec)
{
	if (rec->n != rd->ncols)
		return false;
	for (int c = 0; c < RESULTS_NCOLS; c++)
		if (rd->col[c] >= 0 && strcmp(rec->field[rd->col[c]], results_col_names[c]) != 0)
			return false;
	return true;
}

static void results_header(struct results_reader *rd, const struct csvread_record *rec)
{
	rd->have_header = true;
	rd->ncols = rec->n;
	for (int c = 0; c < RESULTS_NCOLS; c++)
		rd->col[c] = -1;
	for (size_t i = 0; i < rec->n && i < RESULTS_MAX_COLUMNS; i++)
		for (int c = 0; c < RESULTS_NCOLS; c++)
			if (strcmp(rec->field[i], results_col_names[c]) == 0 && rd->col[c] < 0)
				rd->col[c] = (int)i;
	for (int c = 0; c < RESULTS_NREQUIRED; c++) {
		if (rd->col[c] < 0) {
			results_problem(rd, rec->line,
					"the header should be %.*s (column '%s' is missing): is this a file written by whose drill --results?",
					(int)strlen(RESULTS_HEADER) - 1, RESULTS_HEADER, results_col_names[c]);
			rd->header_bad = true;
			return;
		}
	}
}

/* A whole number of at most MAX from S; false if it is not one. */
static bool results_number(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}

/* 16 hexadecimal digits (either case) from S into *V. */
static bool results_fingerprint(const char *s, uint64_t *v)
{
	*v = 0;
	if (strlen(s) != 16)
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' :
			*p >= 'a' && *p <= 'f' ? *p - 'a' + 10 :
			*p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : -1;

		if (d < 0)
			return false;
		*v = *v << 4 | (uint64_t)d;
	}
	return true;
}

static int results_on_record(const struct csvread_record *rec, void *ctx)
{
	struct results_reader *rd = ctx;
	struct results_row row;
	char quoted[RESULTS_QUOTE], msg[512];
	const char *name, *when;
	unsigned long long seed, score, total;
	int64_t at;
	int rc;

	if (!rd->have_header) {
		results_header(rd, rec);
		return 0;
	}
	if (rd->header_bad)
		return 0;  /* already reported once for the whole file */
	if (results_is_header_again(rd, rec))
		return 0;
	if (rec->n != rd->ncols) {
		results_problem(rd, rec->line, "has %zu fields, but the header has %zu", rec->n, rd->ncols);
		return 0;
	}
	for (int c = 0; c < RESULTS_NCOLS; c++) {
		if (rd->col[c] >= 0 && rec->too_long[rd->col[c]]) {
			results_problem(rd, rec->line, "column '%s' is too long", results_col_names[c]);
			return 0;
		}
	}
	name = results_csv_plain(rec->field[rd->col[RESULTS_NAME]]);
	if (name[0] == '\0') {
		results_problem(rd, rec->line, "column 'name' is empty");
		return 0;
	}
	if (!text_utf8_valid(name, strlen(name), NULL) ||
	    text_find_unsafe(name, strlen(name), NULL) >= 0) {
		results_problem(rd, rec->line, "column 'name': '%s' is not valid UTF-8 text without control or format characters",
				csvread_quote(name, quoted, sizeof(quoted)));
		return 0;
	}
	when = rec->field[rd->col[RESULTS_FINISHED]];
	if (clock_parse_iso(when, &at) < 0) {
		results_problem(rd, rec->line, "column 'finished_at': '%s' is not an ISO 8601 UTC time such as 2026-01-15T09:30:00Z",
				csvread_quote(when, quoted, sizeof(quoted)));
		return 0;
	}
	if (!results_number(rec->field[rd->col[RESULTS_SEED]], ~0ULL, &seed)) {
		results_problem(rd, rec->line, "column 'seed': '%s' is not a whole number",
				csvread_quote(rec->field[rd->col[RESULTS_SEED]], quoted, sizeof(quoted)));
		return 0;
	}
	if (!results_number(rec->field[rd->col[RESULTS_TOTAL]], RESULTS_MAX_TOTAL, &total) || total == 0) {
		results_problem(rd, rec->line, "column 'total': '%s' is not a number of questions from 1 to %d",
				csvread_quote(rec->field[rd->col[RESULTS_TOTAL]], quoted, sizeof(quoted)),
				RESULTS_MAX_TOTAL);
		return 0;
	}
	if (!results_number(rec->field[rd->col[RESULTS_SCORE]], RESULTS_MAX_TOTAL, &score)) {
		results_problem(rd, rec->line, "column 'score': '%s' is not a whole number",
				csvread_quote(rec->field[rd->col[RESULTS_SCORE]], quoted, sizeof(quoted)));
		return 0;
	}
	memset(&row, 0, sizeof(row));
	row.complete = true;
	if (rd->col[RESULTS_COMPLETE] >= 0) {
		const char *c = rec->field[rd->col[RESULTS_COMPLETE]];

		if (strcmp(c, "1") != 0 && strcmp(c, "0") != 0) {
			results_problem(rd, rec->line, "column 'complete': '%s' is not 1 (taken to the end) or 0 (left early)",
					csvread_quote(c, quoted, sizeof(quoted)));
			return 0;
		}
		row.complete = c[0] == '1';
	}
	if (rd->col[RESULTS_FINGERPRINT] >= 0) {
		const char *f = rec->field[rd->col[RESULTS_FINGERPRINT]];

		if (!results_fingerprint(f, &row.fingerprint)) {
			results_problem(rd, rec->line, "column 'fingerprint': '%s' is not 16 hexadecimal digits",
					csvread_quote(f, quoted, sizeof(quoted)));
			return 0;
		}
		row.has_fingerprint = true;
	}
	if (rd->col[RESULTS_UID] >= 0) {
		unsigned long long uid;
		const char *u = rec->field[rd->col[RESULTS_UID]];
		const char *login = rd->col[RESULTS_LOGIN] >= 0 ? rec->field[rd->col[RESULTS_LOGIN]] : "";

		if (!results_number(u, 0xFFFFFFFFull, &uid)) {
			results_problem(rd, rec->line, "column 'uid': '%s' is not an account's number",
					csvread_quote(u, quoted, sizeof(quoted)));
			return 0;
		}
		if (strlen(login) > 256 || !text_utf8_valid(login, strlen(login), NULL) ||
		    text_find_unsafe(login, strlen(login), NULL) >= 0) {
			results_problem(rd, rec->line, "column 'login': '%s' is not a login name",
					csvread_quote(login, quoted, sizeof(quoted)));
			return 0;
		}
		row.has_account = true;
		row.uid = (uint32_t)uid;
		row.login = login;
	}
	row.name = name;
	row.seed = seed;
	row.score = (size_t)score;
	row.total = (size_t)total;
	row.answers = rec->field[rd->col[RESULTS_ANSWERS]];
	msg[0] = '\0';
	rc = rd->on_row(&row, msg, sizeof(msg), rd->ctx);
	if (rc == 1)
		results_problem(rd, rec->line, "%s", msg);
	else if (rc < 0)
		return rd->stop = rc;
	return 0;
}

int results_read_file(const char *path, results_row_fn on_row, void *ctx,
		      struct bank_report *rep, struct whose_error *err)
{
	static const struct csvread_limits lim = {
		.max_field = RESULTS_MAX_FIELD,
		.max_record = RESULTS_MAX_RECORD,
		.max_columns = RESULTS_MAX_COLUMNS,
		/* whose writes a row as one line (names hold no line
		 * break): a row cut short inside a quote costs that row,
		 * not every row after it. */
		.one_line = true,
	};
	struct csvread_ops ops = { results_on_record, results_on_problem, NULL };
	struct results_reader rd;
	size_t before = rep->nerrors;
	char *shown, byfd[64];
	bool empty = false;
	int fd, rc;

	/* A results file sits in a folder the class shares: a planted link
	 * is not followed, and a FIFO or a device is refused, never waited
	 * on.  A file that cannot be opened is a failure, not bad data. */
	fd = safefile_open_read(path, false, err);
	if (fd < 0) {
		if (fd == WHOSE_ENOTFOUND)
			fd = WHOSE_EIO;
		err->code = fd;
		return fd;
	}
	shown = text_vis(path, 0);
	if (shown == NULL) {
		close(fd);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	memset(&rd, 0, sizeof(rd));
	rd.on_row = on_row;
	rd.ctx = ctx;
	rd.path = shown;
	rd.rep = rep;
	/* The CSV reader opens by name: give it the descriptor checked above
	 * (the same open file, whatever PATH holds by then); on a system
	 * without /dev/fd, PATH again, which leaves the moment between the
	 * two opens open to a swap. */
	snprintf(byfd, sizeof(byfd), "/dev/fd/%d", fd);
	rc = csvread_file(access(byfd, R_OK) == 0 ? byfd : path, &lim, &ops, &rd, &empty);
	close(fd);
	if (rd.stop < 0)
		rc = whose_error_set(err, rd.stop, "out of memory");
	else if (rc < 0)
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	else if (empty && rep->nerrors == before)
		results_problem(&rd, 0, "the file is empty: no header, no results");
	free(shown);
	return rc < 0 ? rc : 0;
}
