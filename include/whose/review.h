/*
 * review.h - applying a rating to a question (the one place where the
 * scheduler meets the store), and review histories in and out as CSV:
 * replaying another tool's history, exporting the log and card states.
 */
#ifndef WHOSE_REVIEW_H
#define WHOSE_REVIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "whose/config.h"
#include "whose/store.h"

/* What one applied rating did. */
struct review_result {
	struct store_review log;  /* the row appended (before and after) */
	int64_t id;               /* its id in the log */
	bool became_leech;        /* the rating made the question a leech */
};

/*
 * Rate question QUESTION_ID with RATING (1..4) at AT: when SCHEDULE is set,
 * run the scheduler on its card (and mark a leech at leech-threshold
 * lapses, and every half threshold after); then append the answer to the
 * log with MODE and DURATION_MS, and count it toward its topic.  Must be
 * called inside a transaction (store_begin); the caller commits.
 */
int review_apply(struct store *s, const struct config *cfg,
		 int64_t question_id, int rating, bool correct, int64_t at,
		 int64_t duration_ms, const char *mode, bool schedule,
		 struct review_result *res, struct whose_error *err);

/*
 * Replay the review history in the CSV file PATH (header naming at least
 * the columns id, reviewed_at and rating, optionally duration_ms; times in
 * ISO 8601 UTC; ratings 1-4) through the scheduler in time order, logged
 * with mode "import".  One transaction: any problem (listed in REP, as
 * "file:line: ...") and nothing is written.  A review later than NOW
 * plus a day (clock skew) or before 2006 (older than any SRS log) is such
 * a problem; so is a column named twice.  A cell written neutralised by
 * the export (a "'" before a leading = + - @ tab or CR) reads back as it
 * was.  *APPLIED gets the number of reviews replayed.  WHOSE_EDATA when
 * the file has errors.
 */
int review_import(struct store *s, const struct config *cfg, const char *path,
		  int64_t now, size_t *applied, struct bank_report *rep,
		  struct whose_error *err);

/* Write every card's state as CSV to OUT: id, topic, state, due, stability,
 * difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
 * last_review, suspended, leech (times ISO 8601 UTC, numbers in full
 * precision). */
int review_export_progress(struct store *s, FILE *out, struct whose_error *err);

/* Write the review log as CSV to OUT in the revlog shape FSRS tools read:
 * card_id, review_time (ms), review_rating, review_state (before the
 * review), review_duration (ms), then question, reviewed_at (ISO) and mode.
 * Practice, exam and drill answers are left out unless ALL is set: they do
 * not schedule. */
int review_export_log(struct store *s, FILE *out, bool all,
		      struct whose_error *err);

#endif
