/*
 * session.h - a study session: which question comes next, showing it,
 * grading the answer, and recording the rating.
 *
 * The life of one question:
 *
 *     session_next --> ASKING --session_grade--> ANSWERED --session_rate--> (saved)
 *                         |                          |
 *                         +--session_flag------------+--> (flagged, skipped)
 *
 * A card (flashcard) is graded by the learner: session_reveal, then
 * session_rate with any of the four ratings.  session_undo takes the last
 * saved answer back exactly and shows that question again.  An answered
 * question that is never rated (the learner quits) is saved with the
 * suggested rating by session_next or session_free, so that nothing
 * answered is lost.
 *
 * In review mode answers move the scheduler; in practice mode they count
 * toward topic scores but leave every due date alone.
 */
#ifndef WHOSE_SESSION_H
#define WHOSE_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/attempt.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/question.h"
#include "whose/store.h"

enum session_mode {
	SESSION_REVIEW,
	SESSION_PRACTICE,
};

/* Where one question stands. */
enum session_phase {
	SESSION_ASKING,     /* on screen, not answered */
	SESSION_ANSWERED,   /* graded (or card turned), waiting for a rating */
	SESSION_DONE,       /* rated and saved */
};

/* The learn-ahead limit: learning steps due this soon are shown when
 * nothing else is due (as in Anki). */
#define SESSION_LEARN_AHEAD_MS (20 * 60 * 1000)

struct session_opts {
	enum session_mode mode;
	const struct config *config;
	const struct whose_clock *clock;
	size_t limit;             /* most questions; 0: review has none,
	                             practice takes 20 */
	const int64_t *topics;    /* practice: only these topic ids */
	size_t ntopics;
	bool weak;                /* practice: the three weakest topics */
	uint64_t seed;            /* for shuffling choices; 0: from the clock */
};

/* The question on screen.  Borrowed from the session until the next call
 * of session_next, session_undo or session_free.  The attempt holds the
 * question, its shown order, the response in progress and the grading. */
struct session_item {
	struct attempt a;
	enum session_phase phase;
	int suggested;            /* the rating Enter takes */
	bool allowed[5];          /* allowed[r] for ratings 1..4 */
	struct fsrs_card preview[4];      /* review mode: outcome per rating */
	char label[4][FSRS_LABEL_MAX];    /* "10m", "4d"... per rating */
	bool became_leech;        /* the rating made it a leech (suspended) */
};

struct session;

/* Per-topic tally of one session, for its summary. */
struct session_tally {
	char topic[48];
	size_t answered;
	size_t correct;
};

/* Start a session on S (borrowed; must outlive it). */
int session_new(struct store *s, const struct session_opts *o,
		struct session **out, struct whose_error *err);

/* Save any answered question and free SESS (NULL allowed). */
void session_free(struct session *sess);

/*
 * Move to the next question: *ITEM points at it.  WHOSE_ENOTFOUND when
 * there is nothing more to study now.  A question answered but not rated
 * is saved first with its suggested rating.
 */
int session_next(struct session *sess, const struct session_item **item,
		 struct whose_error *err);

/* The question on screen, for front ends to edit its response
 * (attempt_choose, attempt_place, attempt_set); NULL when none is asking. */
struct attempt *session_attempt(struct session *sess);

/* Grade the response on screen as it stands (not a card).  WHOSE_EINVAL,
 * with a message saying what is missing, when it is not complete. */
int session_grade(struct session *sess, struct whose_error *err);

/* Turn the card on screen (show its back). */
int session_reveal(struct session *sess, struct whose_error *err);

/* Save the answered question with RATING (1..4; 0 takes the suggested
 * one).  WHOSE_EINVAL for a rating not allowed (a wrong answer is Again). */
int session_rate(struct session *sess, int rating, struct whose_error *err);

/* Take the last answer back: an answered question not yet rated goes back
 * to asking (nothing was saved); otherwise the last saved answer of this
 * session is undone exactly and its question is on screen again.
 * WHOSE_ENOTFOUND when there is nothing to undo. */
int session_undo(struct session *sess, const struct session_item **item,
		 struct whose_error *err);

/* Flag the question on screen as wrong or unclear (NOTE may be NULL): it
 * leaves the rotation.  Call session_next afterwards. */
int session_flag(struct session *sess, const char *note,
		 struct whose_error *err);

/* Questions answered in this session, and an estimate of those left. */
void session_progress(struct session *sess, size_t *done, size_t *left);

/* The per-topic tally so far: *N entries, borrowed. */
const struct session_tally *session_tallies(struct session *sess, size_t *n);

/* The mode the session was started in. */
enum session_mode session_mode_of(const struct session *sess);

#endif
