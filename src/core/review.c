/*
 * review.c - applying a rating (the scheduler meets the store here, and
 * only here), and review histories in and out as CSV.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "whose/clock.h"
#include "whose/results.h"
#include "whose/review.h"
#include "whose/text.h"

int review_apply(struct store *s, const struct config *cfg,
		 int64_t question_id, int rating, bool correct, int64_t at,
		 int64_t duration_ms, const char *mode, bool schedule,
		 struct review_result *res, struct whose_error *err)
{
	struct store_review *r = &res->log;
	int rc;

	memset(res, 0, sizeof(*res));
	/* Read the card inside the caller's transaction: another session on
	 * the same profile may have moved it since it was shown. */
	rc = store_card_get(s, question_id, &r->before, err);
	if (rc < 0)
		return rc;
	r->after = r->before;
	if (schedule) {
		/* A card last reviewed "later" (a clock moved back) is reviewed
		 * as of its last review rather than refused. */
		int64_t when = at;

		if (r->before.fsrs.has_last_review && when < r->before.fsrs.last_review)
			when = r->before.fsrs.last_review;
		rc = fsrs_next(&cfg->fsrs, &r->before.fsrs, when, rating, &r->after.fsrs, err);
		if (rc < 0)
			return rc;
		/* A leech, as in Anki: at leech-threshold lapses, and again
		 * every half threshold after that (once unsuspended). */
		if (rating == FSRS_AGAIN && r->after.fsrs.lapses > r->before.fsrs.lapses &&
		    r->after.fsrs.lapses >= cfg->leech_threshold) {
			int step = cfg->leech_threshold / 2 > 0 ? cfg->leech_threshold / 2 : 1;

			if ((r->after.fsrs.lapses - cfg->leech_threshold) % step == 0) {
				r->after.leech = true;
				r->after.suspended = true;
				res->became_leech = true;
			}
		}
		rc = store_card_put(s, &r->after, err);
		if (rc < 0)
			return rc;
	}
	r->question_id = question_id;
	r->topic_id = r->before.topic_id;
	r->reviewed_at = at;
	r->rating = rating;
	r->correct = correct;
	r->mode = mode;
	r->duration_ms = duration_ms < 0 ? 0 : duration_ms;
	return store_review_add(s, r, &res->id, err);
}

/* ---- importing a history ---------------------------------------------- */

#define REVIEW_COLUMNS 8
#define REVIEW_QUOTE 84   /* a field quoted in a message: 80 bytes and "..." */
#define REVIEW_SKEW_MS (24LL * 3600 * 1000)   /* a clock a day ahead */
#define REVIEW_OLDEST_MS 1136073600000LL      /* 2006-01-01T00:00:00Z */

struct review_reader {
	struct store *s;
	const char *path;
	struct bank_report *rep;
	struct whose_error *err;
	int64_t now;
	bool have_header;
	int col_id, col_at, col_rating, col_duration;
	size_t ncols;
	size_t nrows;          /* rows kept in the store's replay list */
	int stop;
};

static void review_problem(struct review_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void review_problem(struct review_reader *r, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* Out of memory: the problem is still counted, so the import fails. */
	(void)csvread_vreport(r->rep, r->path, line, fmt, ap);
	va_end(ap);
}

static void review_on_problem(long line, const char *msg, void *ctx)
{
	review_problem(ctx, line, "%s", msg);
}

static int review_header(struct review_reader *r, const struct csvread_record *rec)
{
	r->have_header = true;
	r->col_id = r->col_at = r->col_rating = r->col_duration = -1;
	r->ncols = rec->n;
	for (size_t i = 0; i < rec->n && i < REVIEW_COLUMNS; i++) {
		const char *h = rec->field[i];
		int *col = NULL;

		if (strcasecmp(h, "id") == 0 || strcasecmp(h, "question") == 0 ||
		    strcasecmp(h, "question_id") == 0)
			col = &r->col_id;
		else if (strcasecmp(h, "reviewed_at") == 0 || strcasecmp(h, "time") == 0 ||
			 strcasecmp(h, "review_time") == 0)
			col = &r->col_at;
		else if (strcasecmp(h, "rating") == 0 || strcasecmp(h, "review_rating") == 0)
			col = &r->col_rating;
		else if (strcasecmp(h, "duration_ms") == 0 || strcasecmp(h, "duration") == 0 ||
			 strcasecmp(h, "review_duration") == 0)
			col = &r->col_duration;
		if (col == NULL)
			continue;
		/* The same column twice: which one is meant cannot be guessed.
		 * (Two names for one value, as the revlog export writes
		 * review_time and reviewed_at, are fine: the later is read.) */
		for (size_t j = 0; j < i; j++) {
			if (strcasecmp(rec->field[j], h) == 0) {
				char quoted[REVIEW_QUOTE];

				review_problem(r, rec->line,
					       "header: column '%s' appears twice (columns %zu and %zu): keep one of them",
					       csvread_quote(h, quoted, sizeof(quoted)), j + 1, i + 1);
				r->col_id = r->col_at = r->col_rating = r->col_duration = -1;
				return -2;
			}
		}
		*col = (int)i;
	}
	if (r->col_id < 0 || r->col_at < 0 || r->col_rating < 0) {
		char quoted[REVIEW_QUOTE];

		review_problem(r, rec->line,
			       "header: the columns id, reviewed_at and rating are required (duration_ms is optional); found '%s%s'",
			       csvread_quote(rec->n > 0 ? rec->field[0] : "", quoted, sizeof(quoted)),
			       rec->n > 1 ? ", ..." : "");
		/* Nothing else in this file can be read: forget the columns
		 * that were found, so that no row is looked up through a
		 * missing one (col_at < 0 would index field[-1]). */
		r->col_id = r->col_at = r->col_rating = r->col_duration = -1;
		return -2;
	}
	return 0;
}

static int review_on_record(const struct csvread_record *rec, void *ctx)
{
	struct review_reader *r = ctx;
	struct store_replay_row row;
	const char *id, *at, *rating, *dur;
	/* Fields quoted in messages: short, and never raw bytes (a history
	 * file may be hostile; messages go to a terminal). */
	char quoted[REVIEW_QUOTE];
	char *end;
	int rc;

	if (!r->have_header) {
		rc = review_header(r, rec);
		return rc == -2 ? 0 : rc;
	}
	if (r->col_id < 0)
		return 0;  /* the header was unusable: already reported */
	if (rec->n != r->ncols) {
		review_problem(r, rec->line, "has %zu fields, but the header has %zu", rec->n, r->ncols);
		return 0;
	}
	id = results_csv_plain(rec->field[r->col_id]);
	at = rec->field[r->col_at];
	rating = rec->field[r->col_rating];
	dur = r->col_duration >= 0 ? rec->field[r->col_duration] : "";
	memset(&row, 0, sizeof(row));
	row.line = rec->line;
	rc = store_question_find(r->s, id, &row.question_id, NULL);
	if (rc == WHOSE_ENOTFOUND) {
		review_problem(r, rec->line, "column 'id': no question with id '%s': import its bank first",
			       csvread_quote(id, quoted, sizeof(quoted)));
		return 0;
	} else if (rc < 0) {
		r->stop = whose_error_set(r->err, WHOSE_EDB, "cannot look up the questions of a history");
		return r->stop;
	}
	if (clock_parse_iso(at, &row.at) < 0) {
		review_problem(r, rec->line, "column 'reviewed_at': '%s' is not an ISO 8601 UTC time such as 2026-01-15T09:30:00Z",
			       csvread_quote(at, quoted, sizeof(quoted)));
		return 0;
	}
	/* Valid in form, not in meaning: a review in the future would make
	 * the card due in the year 10000; none is older than SRS logs. */
	if (row.at > r->now + REVIEW_SKEW_MS || row.at < REVIEW_OLDEST_MS) {
		char now[32];

		clock_format_iso(r->now, now, sizeof(now));
		review_problem(r, rec->line,
			       "column 'reviewed_at': '%s' is %s: a review must lie between 2006-01-01 and now (%s)",
			       csvread_quote(at, quoted, sizeof(quoted)),
			       row.at < REVIEW_OLDEST_MS ? "before 2006, older than any SRS log" : "in the future",
			       now);
		return 0;
	}
	if (!(rating[0] >= '1' && rating[0] <= '4' && rating[1] == '\0')) {
		review_problem(r, rec->line, "column 'rating': '%s' is not 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)",
			       csvread_quote(rating, quoted, sizeof(quoted)));
		return 0;
	}
	row.rating = rating[0] - '0';
	if (dur[0] != '\0') {
		long long v;

		errno = 0;
		v = strtoll(dur, &end, 10);
		if (errno != 0 || *end != '\0' || v < 0 || v > 86400000LL) {
			review_problem(r, rec->line, "column 'duration_ms': '%s' is not a number of milliseconds from 0 to 86400000",
				       csvread_quote(dur, quoted, sizeof(quoted)));
			return 0;
		}
		row.duration = v;
	}
	rc = store_replay_add(r->s, &row, r->err);
	if (rc < 0) {
		r->stop = rc;
		return rc;
	}
	r->nrows++;
	return 0;
}

/* Replaying the sorted history: each row through the scheduler. */
struct review_replay {
	struct review_reader *r;
	const struct config *cfg;
};

static int review_replay_row(const struct store_replay_row *row, void *ctx)
{
	struct review_replay *p = ctx;
	struct review_reader *r = p->r;
	struct review_result res;
	struct store_card c;
	int rc;

	rc = store_card_get(r->s, row->question_id, &c, r->err);
	if (rc < 0)
		return rc;
	if (c.fsrs.has_last_review && row->at < c.fsrs.last_review) {
		char when[32];

		clock_format_iso(c.fsrs.last_review, when, sizeof(when));
		review_problem(r, row->line,
			       "column 'reviewed_at': this review comes before the question's last review (%s): a history can only be added after it",
			       when);
		return 0;
	}
	return review_apply(r->s, p->cfg, row->question_id, row->rating, row->rating > FSRS_AGAIN,
			    row->at, row->duration, "import", true, &res, r->err);
}

int review_import(struct store *s, const struct config *cfg, const char *path,
		  int64_t now, size_t *applied, struct bank_report *rep,
		  struct whose_error *err)
{
	static const struct csvread_limits lim = {
		.max_field = 4096, .max_record = 65536, .max_columns = REVIEW_COLUMNS,
	};
	static const struct csvread_ops ops = {
		.record = review_on_record, .problem = review_on_problem,
	};
	struct review_reader r;
	bool empty;
	int rc;

	struct review_replay replay;

	*applied = 0;
	memset(rep, 0, sizeof(*rep));
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.now = now;
	r.path = path;
	r.rep = rep;
	r.err = err;
	rep->nfiles = 1;
	/* One transaction from the first row read to the last replayed: the
	 * rows wait in the store's replay list, which SQLite sorts by time
	 * in bounded memory (a file, not an array of every row). */
	rc = store_begin(s, err);
	if (rc < 0)
		return rc;
	rc = store_replay_begin(s, err);
	if (rc < 0) {
		store_rollback(s);
		return rc;
	}
	rc = csvread_file(path, &lim, &ops, &r, &empty);
	if (rc < 0 || r.stop < 0) {
		rc = r.stop < 0 ? r.stop : whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto fail;
	}
	if (empty && rep->nerrors == 0)
		review_problem(&r, 0, "empty file: expected a header row (id,reviewed_at,rating,duration_ms)");
	if (rep->nerrors == 0) {
		replay.r = &r;
		replay.cfg = cfg;
		rc = store_replay_each(s, review_replay_row, &replay, err);
		if (rc < 0)
			goto fail;
	}
	if (rep->nerrors > 0) {
		char name[512];

		rc = whose_error_set(err, WHOSE_EDATA, "%zu error%s in %s: nothing was imported",
				     rep->nerrors, rep->nerrors == 1 ? "" : "s",
				     text_vis_buf(path, 0, name, sizeof(name)));
		goto fail;
	}
	store_replay_end(s);
	rc = store_commit(s, err);
	if (rc < 0) {
		store_rollback(s);
		return rc;
	}
	*applied = r.nrows;
	return 0;
fail:
	store_replay_end(s);
	store_rollback(s);
	return rc;
}

/* ---- exporting -------------------------------------------------------- */

/* A CSV field, as results_csv_cell writes every cell whose exports. */
static void review_csv_field(FILE *out, const char *s)
{
	char *cell = results_csv_cell(s);

	fputs(cell != NULL ? cell : "", out);
	free(cell);
}

static int review_export_card(const char *qid, const char *topic,
			      const struct store_card *c, void *ctx)
{
	FILE *out = ctx;
	char due[32] = "", last[32] = "";

	/* A new card's due is only its place among new cards: leave it out. */
	if (c->fsrs.state != FSRS_STATE_NEW)
		clock_format_iso(c->fsrs.due, due, sizeof(due));
	if (c->fsrs.has_last_review)
		clock_format_iso(c->fsrs.last_review, last, sizeof(last));
	review_csv_field(out, qid);
	fputc(',', out);
	review_csv_field(out, topic);
	fprintf(out, ",%s,%s,%.17g,%.17g,%d,%d,%d,%d,%d,%s,%d,%d\n",
		fsrs_state_name(c->fsrs.state), due, c->fsrs.stability, c->fsrs.difficulty,
		c->fsrs.elapsed_days, c->fsrs.scheduled_days, c->fsrs.learning_steps,
		c->fsrs.reps, c->fsrs.lapses, last, c->suspended, c->leech);
	return ferror(out) ? WHOSE_EIO : 0;
}

int review_export_progress(struct store *s, FILE *out, struct whose_error *err)
{
	int rc;

	fputs("id,topic,state,due,stability,difficulty,elapsed_days,scheduled_days,"
	      "learning_steps,reps,lapses,last_review,suspended,leech\n", out);
	rc = store_each_card(s, review_export_card, out, err);
	if (rc == WHOSE_EIO || fflush(out) != 0 || ferror(out))
		return whose_error_set(err, WHOSE_EIO, "cannot write the export: %s", strerror(errno));
	return rc;
}

static int review_export_row(const struct store_log_row *row, void *ctx)
{
	FILE *out = ctx;
	char when[32];

	clock_format_iso(row->reviewed_at, when, sizeof(when));
	fprintf(out, "%" PRId64 ",%" PRId64 ",%d,%d,%" PRId64 ",", row->question_id,
		row->reviewed_at, row->rating, row->state_before, row->duration_ms);
	review_csv_field(out, row->qid);
	fprintf(out, ",%s,%s\n", when, row->mode);
	return ferror(out) ? WHOSE_EIO : 0;
}

int review_export_log(struct store *s, FILE *out, bool all,
		      struct whose_error *err)
{
	int rc;

	fputs("card_id,review_time,review_rating,review_state,review_duration,"
	      "question,reviewed_at,mode\n", out);
	rc = store_each_review(s, all, review_export_row, out, err);
	if (rc == WHOSE_EIO || fflush(out) != 0 || ferror(out))
		return whose_error_set(err, WHOSE_EIO, "cannot write the export: %s", strerror(errno));
	return rc;
}
