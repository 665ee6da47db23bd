/*
 * drill.h - a classroom drill: every student who types the same seed gets
 * the same questions, in the same order, with the same choice order, on
 * any machine; each question has its own countdown.
 *
 * Reproducibility rests on three things only: the bank (questions are
 * taken in bank-id byte order, flagged ones included, so that the local
 * database's ids, flags and history play no part), the seed, and the one
 * portable generator (rng.h: splitmix64; never rand()).  The choice order
 * of a question comes from the seed and its bank id.
 *
 * The life of a drill:
 *
 *     drill_new --> drill_next --> (countdown, edits of the response
 *                      ^            through drill_attempt)
 *                      |                 |--drill_submit / drill_answer--> answered
 *                      |                 +--drill_timeout--> graded as it stands
 *                      +--------------------------------------------+
 *     drill_next returns WHOSE_ENOTFOUND after the last question;
 *     drill_abandon ends it early (the rest count as wrong).
 *
 * An answer submitted after the question's deadline counts as wrong; when
 * the countdown ends, the response as it stands (ticks and placements
 * included) is graded, so a right selection not yet confirmed counts as
 * right.  Every answer, and every question left unanswered when its time
 * ran out, is logged with mode "drill" (not scheduled), so it counts
 * toward topic scores.
 *
 * The results file a drill's row goes to (its format, its checks, the
 * append) is the results module's (results.h).
 */
#ifndef WHOSE_DRILL_H
#define WHOSE_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/attempt.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/question.h"
#include "whose/store.h"

#define DRILL_DEFAULT_COUNT 10
#define DRILL_DEFAULT_SECONDS 30
#define DRILL_MAX_COUNT 1000
#define DRILL_MAX_SECONDS 3600

struct drill_opts {
	uint64_t seed;
	size_t count;              /* 1..DRILL_MAX_COUNT (0: 10) */
	const char *const *topics; /* topic names (case-insensitive); none: all */
	size_t ntopics;
	const char *const *ids;    /* bank ids to ask, in this order; none: drawn */
	size_t nids;               /* with ids, count and topics must be 0 */
	int seconds;               /* per question, 1..DRILL_MAX_SECONDS (0: 30) */
	const struct config *config;     /* borrowed for the drill's life */
	const struct whose_clock *clock; /* borrowed for the drill's life */
};

enum drill_outcome {
	DRILL_PENDING,    /* not asked yet, or on screen */
	DRILL_RIGHT,
	DRILL_WRONG,
	DRILL_LATE,       /* answered after the deadline: wrong */
	DRILL_TIMED_OUT,  /* no answer before the deadline: wrong */
	DRILL_SKIPPED,    /* never answered: the drill ended first (wrong) */
};

/* One question of the drill.  Borrowed from the drill until drill_free. */
struct drill_item {
	struct attempt a;                  /* question, order, response, grade */
	enum drill_outcome outcome;
	int64_t deadline;                  /* ms */
};

struct drill;

/*
 * Choose the drill's questions on S (borrowed; must outlive the drill):
 * the askable questions (flagged ones too) of the named topics in bank-id
 * byte order, shuffled by the seed, the first COUNT of them; load them and
 * order their choices.  WHOSE_ENOTFOUND (naming it) for a topic with no
 * askable question, or when there is no question at all; WHOSE_EINVAL for
 * options out of range.
 * With ids: exactly those questions, in the order given (choice order
 * still from the seed); WHOSE_ENOTFOUND naming the first id that is not
 * an askable question (retired, a card, or unknown: "did you mean" when
 * one is close), WHOSE_EINVAL for an id given twice, or with a count or
 * topics.
 */
int drill_new(struct store *s, const struct drill_opts *o, struct drill **out,
	      struct whose_error *err);

/* Release D (NULL allowed). */
void drill_free(struct drill *d);

/* Questions in the drill, and how many were asked for. */
size_t drill_count(const struct drill *d);
size_t drill_requested(const struct drill *d);

/* Question I (from 0), or NULL when out of range. */
const struct drill_item *drill_item(const struct drill *d, size_t i);

/*
 * Put the next question on screen and start its countdown: *ITEM points at
 * it and *INDEX (may be NULL) gets its position.  A question still
 * pending counts as timed out first.  WHOSE_ENOTFOUND after the last one.
 */
int drill_next(struct drill *d, const struct drill_item **item, size_t *index,
	       struct whose_error *err);

/* Milliseconds left for the question on screen (0 when none or up). */
int64_t drill_time_left(const struct drill *d);

/* The question on screen, for editing its response; NULL when none is
 * waiting for an answer. */
struct attempt *drill_attempt(struct drill *d);

/*
 * Submit the response on screen as it stands: graded, or wrong
 * (DRILL_LATE) when the clock has reached its deadline; logged at once.
 * WHOSE_EINVAL when no question is waiting for an answer.
 */
int drill_submit(struct drill *d, struct whose_error *err);

/* Set the response on screen to R and submit it (a typed line). */
int drill_answer(struct drill *d, const struct question_response *r,
		 struct whose_error *err);

/* The countdown of the question on screen ended: its response as it
 * stands is graded (nothing given: DRILL_TIMED_OUT), and logged. */
int drill_timeout(struct drill *d, struct whose_error *err);

/* End the drill now: every question not answered counts as wrong
 * (DRILL_SKIPPED; not logged, as it was not asked or not answered). */
void drill_abandon(struct drill *d);

/* How OUTCOME is worded in feedback, as attempt_feedback takes it: the
 * verdict word and a note (both NULL: the grade's own words). */
void drill_outcome_words(enum drill_outcome outcome, const char **verdict,
			 const char **note);

/* Right answers so far, and the drill's length. */
void drill_score(const struct drill *d, size_t *right, size_t *total);

/*
 * The fingerprint of the questions D asks, in order: 64-bit FNV-1a over
 * each question's bank id, type, question, choices and answer fields and
 * the order its choices are shown in.  Two students with the same seed
 * saw the same drill exactly when their fingerprints agree.
 */
uint64_t drill_fingerprint(const struct drill *d);

/* Was D taken to its end?  False once it was left early (drill_abandon
 * with questions still to come or unanswered). */
bool drill_complete(const struct drill *d);

/*
 * The results row of D for student NAME, finished at FINISHED_AT: the row
 * of results_format (results.h) for D's seed, marks, fingerprint and
 * completeness (a question skipped by drill_abandon reads "id=-"); append
 * it with results_deliver.
 */
int drill_results_row(const struct drill *d, const char *name,
		      int64_t finished_at, char **row, struct whose_error *err);

#endif
