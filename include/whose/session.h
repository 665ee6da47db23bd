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
 * toward topic scores but leave every due date alone, and a graded answer
 * has no rating step: only its suggested rating is allowed (needs_rating
 * is false), so front ends just move on.  session_undo also takes back a
 * flag set in this session (the question is unflagged and shown again).
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
	const int64_t *questions; /* practice: exactly these question ids, in
	                             this order (exam_missed); borrowed during
	                             session_new; topics and weak then unused */
	size_t nquestions;
	bool marked;              /* practice: the questions marked for review
	                             (store_each_marked), all of them unless
	                             LIMIT says fewer */
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
	/* same_as_next[r]: rating r is allowed and the next allowed rating
	 * gives the same interval, so a front end shows that interval once
	 * ("3 Good / 4 Easy 1d"), as Anki's preview does. */
	bool same_as_next[5];
	bool needs_rating;        /* more than one rating is allowed */
	bool became_leech;        /* the rating made it a leech (suspended) */
};

/* What is left today in review mode, as the progress line says it
 * ("12 left: 3 learning, 4 due, 5 new"); in practice mode all of it is in
 * TOTAL (the rest of the set). */
struct session_left {
	size_t total;
	size_t learning;          /* learning steps due now or within the
	                             learn-ahead limit */
	size_t due;               /* reviews due today */
	size_t fresh;             /* new questions still allowed today */
};

/* A topic chosen for a weak-topic practice, with the score it was chosen
 * by (0..100, lower is weaker). */
struct session_weak {
	int64_t id;
	char name[48];
	double score;
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

/*
 * What the session has to tell since this was last asked, or NULL: a
 * question passed over for the rest of the session (its schedule is
 * damaged, and how to start it again; or it no longer parses).  The text
 * is raw (make it safe to print) and lasts until the next call.
 */
const char *session_take_notice(struct session *sess);

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
 * to asking (nothing was saved); otherwise the last saved answer or flag
 * of this session is undone exactly and its question is on screen again.
 * WHOSE_ENOTFOUND when there is nothing to undo. */
int session_undo(struct session *sess, const struct session_item **item,
		 struct whose_error *err);

/* Whether session_undo would now take back a flag (not an answer). */
bool session_undo_is_flag(const struct session *sess);

/* Flag the question on screen as wrong or unclear (NOTE may be NULL): it
 * leaves the rotation.  Call session_next afterwards. */
int session_flag(struct session *sess, const char *note,
		 struct whose_error *err);

/* The learner is thinking: a front end calls this once it has shown a
 * question and before it waits for the answer, so that housekeeping (the
 * store's checkpoint, store_idle) happens then and not inside an answer. */
void session_idle(struct session *sess);

/* Questions answered in this session, and an estimate of those left. */
void session_progress(struct session *sess, size_t *done, size_t *left);

/* What is left today, by kind (kept up to date between counts in the
 * store, as session_progress). */
void session_left_now(struct session *sess, struct session_left *out);

/* The topics a weak-topic practice chose (opts.weak), weakest first: *N
 * entries, borrowed; none otherwise. */
/* Their names and scores as one line ("EC2 12%, IAM 30%, S3 41%") into
 * BUF[LEN]; "" when none. */
void session_weak_text(const struct session *sess, char *buf, size_t len);
const struct session_weak *session_weak_topics(const struct session *sess,
					       size_t *n);

/* The per-topic tally so far: *N entries, borrowed. */
const struct session_tally *session_tallies(struct session *sess, size_t *n);

/* The mode the session was started in. */
enum session_mode session_mode_of(const struct session *sess);

#endif
