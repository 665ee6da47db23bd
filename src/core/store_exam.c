/*
 * store_exam.c - mock exams (and drills' choice of questions) in the store:
 * the askable questions, an exam, its questions with their predicted
 * readiness, answers and result, the list of past exams, and how well the
 * predictions did.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "whose/clock.h"
#include "whose/exam.h"
#include "whose/safefile.h"

int store_exam_lock(struct store *s, int *fd, struct whose_error *err)
{
	const char *db = s->memory ? NULL : sqlite3_db_filename(s->db, "main");
	struct stat st;
	char *path;
	size_t n;
	int lfd;

	*fd = -1;
	if (db == NULL || db[0] == '\0')
		return 0;
	n = strlen(db);
	path = malloc(n + sizeof("-exam.lock"));
	if (path == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	memcpy(path, db, n);
	memcpy(path + n, "-exam.lock", sizeof("-exam.lock"));
	/* Another account's lock, planted in a shared folder, would hold
	 * every exam of the profile (it keeps the flock): it is named, before
	 * and after the open (the file opened is the one checked). */
	if (lstat(path, &st) == 0 &&
	    safefile_check_own(path, &st, 0, "the profile's exam lock", err) < 0) {
		free(path);
		return WHOSE_EINVAL;
	}
	lfd = safefile_open_append(path, 0600, NULL, err);
	if (lfd >= 0 && fstat(lfd, &st) != 0) {
		close(lfd);
		lfd = whose_error_set(err, WHOSE_EIO, "cannot lock the exam of %s: %s", s->path,
				      strerror(errno));
	}
	if (lfd >= 0 && safefile_check_own(path, &st, 0, "the profile's exam lock", err) < 0) {
		close(lfd);
		lfd = WHOSE_EINVAL;
	}
	free(path);
	if (lfd < 0)
		return lfd;
	while (flock(lfd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		if (e == EINTR)
			continue;
		close(lfd);
		if (e == EWOULDBLOCK)
			return whose_error_set(err, WHOSE_EBUSY,
					       "an exam of this profile is open in another terminal");
		return whose_error_set(err, WHOSE_EIO, "cannot lock the exam of %s: %s",
				       s->path, strerror(e));
	}
	*fd = lfd;
	return 0;
}

struct store_askable_walk {
	int (*fn)(int64_t question_id, const char *qid, const char *topic, void *ctx);
	void *ctx;
};

static int store_askable_row(sqlite3_stmt *st, void *ctx)
{
	struct store_askable_walk *w = ctx;
	const char *qid = (const char *)sqlite3_column_text(st, 1);
	const char *topic = (const char *)sqlite3_column_text(st, 2);

	return w->fn(sqlite3_column_int64(st, 0), qid ? qid : "", topic ? topic : "", w->ctx);
}

int store_each_askable(struct store *s, bool with_flagged,
		       int (*fn)(int64_t question_id, const char *qid,
				 const char *topic, void *ctx),
		       void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ASKABLE, err);
	struct store_askable_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int(st, 1, with_flagged);
	return store_each_row(s, st, store_askable_row, &w, "reading questions", err);
}

int store_exam_add(struct store *s, int64_t started_at, int minutes,
		   int pass_percent, size_t questions, uint64_t seed,
		   bool pause_when_away, int64_t *id, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_ADD, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, started_at);
	sqlite3_bind_int(st, 2, minutes);
	sqlite3_bind_int(st, 3, pass_percent);
	sqlite3_bind_int64(st, 4, (int64_t)questions);
	sqlite3_bind_int64(st, 5, (int64_t)(seed & 0x7FFFFFFFFFFFFFFFULL));
	sqlite3_bind_int(st, 6, pause_when_away);
	rc = store_step_done(s, st, "saving an exam", err);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_exam_add_question(struct store *s, int64_t exam_id, size_t position,
			    int64_t question_id, int64_t topic_id,
			    const char *shown, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_ADD_Q, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, (int64_t)position);
	sqlite3_bind_int64(st, 3, question_id);
	sqlite3_bind_int64(st, 4, topic_id);
	sqlite3_bind_text(st, 5, shown, -1, SQLITE_STATIC);
	return store_step_done(s, st, "saving an exam", err);
}

int store_exam_answer(struct store *s, int64_t exam_id, size_t position,
		      const char *response, bool correct, bool flagged,
		      int64_t spent_ms, int64_t answered_at,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_ANSWER, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, (int64_t)position);
	if (response != NULL)
		sqlite3_bind_text(st, 3, response, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, correct);
	sqlite3_bind_int(st, 5, flagged);
	sqlite3_bind_int64(st, 6, spent_ms);
	if (answered_at > 0)
		sqlite3_bind_int64(st, 7, answered_at);
	else
		sqlite3_bind_null(st, 7);
	return store_step_done(s, st, "saving an exam answer", err);
}

int store_exam_spent(struct store *s, int64_t exam_id, size_t position,
		     int64_t spent_ms, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_SPENT, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, (int64_t)position);
	sqlite3_bind_int64(st, 3, spent_ms);
	return store_step_done(s, st, "saving the time spent on an exam question", err);
}

int store_exam_away(struct store *s, int64_t exam_id, int64_t away_since,
		    int64_t paused_ms, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_AWAY, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, away_since);
	sqlite3_bind_int64(st, 3, paused_ms);
	return store_step_done(s, st, "saving an exam's clock", err);
}

int store_exam_finish(struct store *s, int64_t exam_id, int64_t finished_at,
		      size_t correct, bool passed, bool timed_out,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_FINISH, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, finished_at);
	sqlite3_bind_int64(st, 3, (int64_t)correct);
	sqlite3_bind_int(st, 4, passed);
	sqlite3_bind_int(st, 5, timed_out);
	return store_step_done(s, st, "saving an exam result", err);
}

int store_exam_abandon(struct store *s, int64_t exam_id, int64_t now,
		       struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_ABANDON, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, now);
	rc = store_step_done(s, st, "giving an exam up", err);
	if (rc == 0 && sqlite3_changes(s->db) == 0)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "exam %lld is not open: whose exams lists them", (long long)exam_id);
	return rc;
}

/* X pinned to LO..HI. */
static int64_t store_exam_pin(int64_t x, int64_t lo, int64_t hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/*
 * The columns of STMT_EXAM_LIST and STMT_EXAM_GET into R.  A database
 * edited by hand may hold anything: each figure is pinned to what whose
 * can write (times within the years 0 to 9999, at most
 * EXAM_MAX_QUESTIONS + 1 questions, which no exam has, so that the exam
 * reads as damaged), so that no sum or allocation made from them can
 * overflow.
 */
static void store_exam_row_read(sqlite3_stmt *st, struct store_exam_row *r)
{
	const int64_t span = CLOCK_ISO_MAX_MS - CLOCK_ISO_MIN_MS;

	r->id = sqlite3_column_int64(st, 0);
	r->started_at = sqlite3_column_int64(st, 1);
	r->finished_at = sqlite3_column_int64(st, 2);
	r->minutes = sqlite3_column_int(st, 3);
	r->pass_percent = sqlite3_column_int(st, 4);
	r->questions = (size_t)sqlite3_column_int64(st, 5);
	r->correct = (size_t)sqlite3_column_int64(st, 6);
	r->passed = sqlite3_column_int(st, 7) != 0;
	r->timed_out = sqlite3_column_int(st, 8) != 0;
	r->abandoned = sqlite3_column_int(st, 9) != 0;
	r->seed = (uint64_t)sqlite3_column_int64(st, 10);
	r->paused_ms = sqlite3_column_int64(st, 11);
	r->away_since = sqlite3_column_int64(st, 12);
	r->pause_when_away = sqlite3_column_int(st, 13) != 0;
	r->forgotten = sqlite3_column_int(st, 14) != 0;
	r->started_at = store_exam_pin(r->started_at, CLOCK_ISO_MIN_MS, CLOCK_ISO_MAX_MS);
	if (r->finished_at != 0)
		r->finished_at = store_exam_pin(r->finished_at, CLOCK_ISO_MIN_MS, CLOCK_ISO_MAX_MS);
	if (r->away_since != 0)
		r->away_since = store_exam_pin(r->away_since, CLOCK_ISO_MIN_MS, CLOCK_ISO_MAX_MS);
	r->paused_ms = store_exam_pin(r->paused_ms, 0, span);
	r->minutes = (int)store_exam_pin(r->minutes, 1, EXAM_MAX_MINUTES);
	r->pass_percent = (int)store_exam_pin(r->pass_percent, 1, 100);
	r->questions = (size_t)store_exam_pin(sqlite3_column_int64(st, 5), 0, EXAM_MAX_QUESTIONS + 1);
	r->correct = (size_t)store_exam_pin(sqlite3_column_int64(st, 6), 0, (int64_t)r->questions);
}

int store_exam_missed(struct store *s, int64_t exam_id, int64_t **ids, size_t *n,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_MISSED, err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 32;
			int64_t *more = realloc(*ids, ncap * sizeof(**ids));

			if (more == NULL) {
				sqlite3_reset(st);
				free(*ids);
				*ids = NULL;
				*n = 0;
				return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
			}
			*ids = more;
			cap = ncap;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_error(s, "reading an exam's missed questions", err);
	}
	return 0;
}

/* One answer of an exam in the log (STMT_EXAM_LOGGED). */
struct store_exam_logged {
	int64_t question_id, topic_id, at;
	bool correct, first;
};

int store_exam_forget(struct store *s, int64_t exam_id, bool forgotten,
		      struct whose_error *err)
{
	const char *from = forgotten ? "exam" : STORE_MODE_FORGOTTEN;
	const char *to = forgotten ? STORE_MODE_FORGOTTEN : "exam";
	struct store_exam_logged *rows = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	int rc = store_begin(s, err);

	if (rc < 0)
		return rc;
	st = store_stmt(s, STMT_EXAM_FORGET, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int(st, 2, forgotten);
	rc = store_step_done(s, st, forgotten ? "forgetting an exam" : "restoring an exam", err);
	if (rc < 0)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		struct store_exam_row row;

		/* So already (nothing to count twice), or no such exam. */
		rc = store_exam_get(s, exam_id, &row, err);
		goto out;
	}
	/* The rows first, then the tallies: no statement is stepped while
	 * another writes. */
	st = store_stmt(s, STMT_EXAM_LOGGED, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			struct store_exam_logged *more = realloc(rows, ncap * sizeof(*rows));

			if (more == NULL) {
				sqlite3_reset(st);
				rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
				goto out;
			}
			rows = more;
			cap = ncap;
		}
		rows[n].question_id = sqlite3_column_int64(st, 0);
		rows[n].topic_id = sqlite3_column_int64(st, 1);
		rows[n].at = sqlite3_column_int64(st, 2);
		rows[n].correct = sqlite3_column_int(st, 3) != 0;
		rows[n].first = sqlite3_column_int(st, 4) == (int)FSRS_STATE_NEW;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_db_error(s, "reading an exam's answers in the log", err);
		goto out;
	}
	rc = 0;
	/* An exam answer never counts toward true retention (mode exam). */
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = store_topic_tally(s, rows[i].question_id, rows[i].topic_id, forgotten ? -1 : 1,
				       rows[i].correct, false, false, rows[i].first, err);
		if (rc == 0)
			rc = store_hour_tally(s, rows[i].at, forgotten ? -1 : 1, rows[i].correct, err);
	}
	if (rc < 0)
		goto out;
	st = store_stmt(s, STMT_EXAM_RELABEL, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	rc = store_step_done(s, st, "marking an exam's answers in the log", err);
out:
	free(rows);
	if (rc == 0)
		return store_commit(s, err);
	store_rollback(s);
	return rc;
}

int store_exam_list(struct store *s, size_t max, struct store_exam_row **out,
		    size_t *n, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_LIST, err);
	struct store_exam_row *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return WHOSE_EDB;
	rows = calloc(max ? max : 1, sizeof(*rows));
	if (rows == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	sqlite3_bind_int64(st, 1, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		store_exam_row_read(st, &rows[(*n)++]);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(rows);
		*n = 0;
		return store_db_error(s, "listing exams", err);
	}
	*out = rows;
	return 0;
}

int store_exam_open(struct store *s, int64_t *id, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_OPEN, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return whose_error_set(err, WHOSE_ENOTFOUND, "no exam is open");
	if (rc != SQLITE_ROW)
		return store_db_error(s, "looking for an open exam", err);
	return 0;
}

int store_exam_get(struct store *s, int64_t exam_id, struct store_exam_row *row,
		   struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_GET, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_exam_row_read(st, row);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "there is no exam %lld: whose exams lists them", (long long)exam_id);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "reading an exam", err);
	return 0;
}

struct store_answer_walk {
	int (*fn)(const struct store_exam_answer *a, void *ctx);
	void *ctx;
};

static int store_answer_row(sqlite3_stmt *st, void *ctx)
{
	struct store_answer_walk *w = ctx;
	struct store_exam_answer a;

	a.position = (size_t)sqlite3_column_int64(st, 0);
	a.question_id = sqlite3_column_int64(st, 1);
	a.response = (const char *)sqlite3_column_text(st, 2);
	a.flagged = sqlite3_column_int(st, 3) != 0;
	a.shown = (const char *)sqlite3_column_text(st, 4);
	if (a.shown == NULL)
		a.shown = "";
	a.spent_ms = sqlite3_column_int64(st, 5);
	a.answered_at = sqlite3_column_int64(st, 6);
	/* FN may load questions (other statements): the row's texts stay
	 * valid, this statement is not stepped meanwhile. */
	return w->fn(&a, w->ctx);
}

int store_exam_answers(struct store *s, int64_t exam_id,
		       int (*fn)(const struct store_exam_answer *a, void *ctx),
		       void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_ANSWERS, err);
	struct store_answer_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	return store_each_row(s, st, store_answer_row, &w, "reading an exam's answers", err);
}

int store_exam_predict(struct store *s, int64_t exam_id, int64_t question_id, double p,
		       struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_PREDICT, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, exam_id);
	sqlite3_bind_int64(st, 2, question_id);
	sqlite3_bind_double(st, 3, p);
	return store_step_done(s, st, "saving an exam's predictions", err);
}

int store_exam_calibration(struct store *s, struct store_calibration *c,
			   struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_BRIER, err);
	int rc;

	memset(c, 0, sizeof(*c));
	if (st == NULL)
		return WHOSE_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->exams = (size_t)sqlite3_column_int64(st, 0);
		c->answers = (size_t)sqlite3_column_int64(st, 1);
		c->squared_error = sqlite3_column_double(st, 2);
		c->predicted = sqlite3_column_double(st, 3);
		c->correct = (size_t)sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "reading exam predictions", err);
	return 0;
}
