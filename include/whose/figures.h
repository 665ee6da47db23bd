/*
 * figures.h - every figure a learner reads, defined once.  The home screen,
 * the statistics screen, `whose stats` (text and JSON), the exam result and
 * `whose report` read these; none computes its own, and whose(1) states the
 * same definitions.
 *
 * The contracts:
 *
 *   percent     num / den as a whole percent ROUNDED DOWN (2 of 3 is 66%),
 *               none ("-", JSON null) when den is 0.  Rounding down means a
 *               shown pass mark is a pass: 69.9% reads 69%, never 70%.  The
 *               same rule for probabilities (readiness, retention).
 *   seen        a topic's active questions (not retired, not flagged)
 *               answered at least once, in any mode: review, practice, exam,
 *               drill or imported review.
 *   answered    the answers given to those same questions, in any mode,
 *               each answer once.  So seen <= answered, and a topic is seen
 *               0 exactly when it is answered 0: the two never contradict
 *               each other.  An undo takes an answer back; a retired or
 *               flagged question takes its answers out of its topic.
 *   accuracy    right answers of the answered, as a percent.
 *   due now     what a review started now asks before any new question:
 *               learning steps due within SESSION_LEARN_AHEAD_MS (not past
 *               the end of the learner's day) and reviews due before the end
 *               of the learner's day.
 *   due today   every card (learning or review) due before the end of the
 *               learner's day; the day starts at `day-starts-at`, local time.
 *               It is also the forecast's first day, overdue cards included.
 *   new today   new questions a review may still introduce today: the daily
 *               limit less those introduced since the day began, at most
 *               those never shown.
 *   true retention  reviews (and imported reviews) of cards in the Review
 *               state that were recalled (rated Hard or better).
 *   readiness   of a topic: the probability of answering a question drawn
 *               at random from it right, now.  A studied card (one with an
 *               FSRS memory state) counts its retrievability at this moment;
 *               any other card the prior.  readiness = (sum of recall +
 *               prior x cards not studied) / active questions.
 *   prior       (right first answers + W x C) / (first answers + W), with
 *               W = FIGURES_PRIOR_WEIGHT and C = FIGURES_PRIOR_CHANCE: the
 *               learner's own accuracy on questions still new, pulled toward
 *               chance on a four-choice question while there is little of it.
 *   predicted exam score  for an exam of Q questions drawn in proportion to
 *               the topics: m = sum_t w_t r_t (w_t = the topic's share of the
 *               active questions, r_t its readiness); the range is
 *               m +/- 2 sd, sd = sqrt(sum_t w_t r_t (1 - r_t) / Q), the
 *               variance of a sum of independent right/wrong draws, cut to
 *               0..1.
 *   Brier score  of submitted exams: the mean of (p - outcome)^2 over their
 *               questions, p the question's readiness saved when the exam was
 *               drawn (store_exam_predict), outcome 1 right, 0 wrong or
 *               unanswered.  0 is perfect; always answering 0.5 scores 0.25.
 */
#ifndef WHOSE_FIGURES_H
#define WHOSE_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "whose/config.h"
#include "whose/error.h"
#include "whose/store.h"

/* A percent that cannot be computed (nothing to divide). */
#define FIGURES_NONE (-1)

/* The prior: chance on a four-choice question, weighed as ten answers. */
#define FIGURES_PRIOR_CHANCE 0.25
#define FIGURES_PRIOR_WEIGHT 10.0

/* The mock exam the prediction is for (EXAM_DEFAULT_QUESTIONS). */
#define FIGURES_EXAM_QUESTIONS 65

/* Buffers for a formatted percent: "100%" or "null". */
#define FIGURES_PCT_LEN 8

/* NUM of DEN as a whole percent rounded down, 0..100 (NUM > DEN reads
 * 100), or FIGURES_NONE when DEN is 0. */
int figures_percent(size_t num, size_t den);

/* Probability P (0..1) as a whole percent rounded down, 0..100; a value
 * within 1e-9 below a whole percent reads as it (binary fractions). */
int figures_percent_of(double p);

/* PCT (figures_percent) as text: "66%", or "-" for FIGURES_NONE. */
void figures_format_percent(int pct, char *buf, size_t len);

/* Which way a clock rounds to the second. */
enum figures_clock {
	FIGURES_CLOCK_SPENT,  /* time used: rounded down (0:59 until a minute is whole) */
	FIGURES_CLOCK_LEFT,   /* time left: rounded up, so 0:00 means the end */
};

/* MS (negative reads as 0) as a clock, rounded as HOW says: time spent
 * as "m:ss" under an hour and "h:mm:ss" from an hour on; time left as a
 * countdown reads, "m:ss" with as many minutes as it takes ("90:00").  Every clock a user reads (the
 * exam's and the drill's time left, time spent, session durations) is
 * this one. */
void figures_format_clock(int64_t ms, enum figures_clock how, char *buf, size_t len);

/* PCT as a JSON value: "66", or "null" for FIGURES_NONE. */
void figures_format_json_percent(int pct, char *buf, size_t len);

/* The prior for cards never studied (see above). */
double figures_prior(size_t first_answers, size_t first_correct);

/* Fill the readiness of each of the N topics of T with PRIOR. */
void figures_readiness(struct store_topic *t, size_t n, double prior);

/* The readiness of all N topics of T together (weighted by questions);
 * PRIOR when there are no questions. */
double figures_bank_readiness(const struct store_topic *t, size_t n, double prior);

/* A predicted exam score and its range, 0..1. */
struct figures_exam {
	size_t questions;
	double score, low, high;
};

/* The predicted score of a QUESTIONS-question exam over the N topics of T
 * (readiness filled). */
void figures_exam_predict(const struct store_topic *t, size_t n, size_t questions,
			  struct figures_exam *out);

/* The Brier score of C (its mean squared error), or -1 without answers. */
double figures_brier(const struct store_calibration *c);

/* The retrievability of CARD at NOW with P (fsrs_recall: the same curve
 * as readiness and the search's column), or -1 for a card without a
 * memory state (never reviewed).  Show it with figures_percent_of. */
double figures_card_recall(const struct fsrs_params *p, const struct fsrs_card *card,
			   int64_t now);

/* What is due (see "due now", "due today", "new today" above). */
struct figures_due {
	int64_t day_start, day_end;  /* the learner's today (UTC ms) */
	size_t due_learning;         /* learning steps, as due now counts them */
	size_t due_review;           /* reviews due today */
	size_t due_now;              /* due_learning + due_review */
	size_t due_today;
	size_t new_waiting;          /* new questions never shown (counted up
					to STORE_NEW_COUNT_CAP) */
	size_t new_today;
};

/* Count what is due in S with the settings CFG at NOW into D: what the
 * progress line of a review and the statistics both read. */
int figures_due_collect(struct store *s, const struct config *cfg, int64_t now,
			struct figures_due *d, struct whose_error *err);

/* What the home screen, the statistics and `--weak` read. */
struct figures_board {
	int64_t now;
	int64_t day_start, day_end;  /* the learner's today (UTC ms) */
	struct store_topic *topics;  /* by name, readiness filled */
	size_t ntopics;
	/* Sums over the topics. */
	size_t total, seen, studied, answers, correct;
	size_t retention_reviews, retention_recalled;
	size_t first_answers, first_correct;
	double prior;
	double readiness;            /* the whole bank's */
	struct figures_exam exam;    /* a FIGURES_EXAM_QUESTIONS exam */
	size_t due_learning;         /* as struct figures_due */
	size_t due_review;
	size_t due_now;
	size_t due_today;
	size_t new_waiting;          /* new questions never shown, exact */
	size_t new_today;
};

/* Collect the figures of S with the settings CFG at NOW into B (free it with
 * figures_board_free; B is empty after a failure). */
int figures_board_collect(struct store *s, const struct config *cfg, int64_t now,
			  struct figures_board *b, struct whose_error *err);

void figures_board_free(struct figures_board *b);

/* Fill the prediction of every question of exam EXAM_ID, as it is drawn at
 * NOW, with readiness (inside the transaction that draws it). */
int figures_exam_record(struct store *s, const struct config *cfg, int64_t exam_id,
			int64_t now, struct whose_error *err);

/* What comes after the session, for the end of a session: when the next review is due
 * and how many come tomorrow. */
struct figures_outlook {
	int64_t next_due;         /* ms, the first learning or review card
	                             due after now; -1 when none */
	size_t due_now;           /* learning and reviews due today still */
	size_t tomorrow;          /* learning and reviews due by the end of
	                             tomorrow's study day */
	size_t new_tomorrow;      /* new questions tomorrow (new-per-day at most) */
};

/* When the next review is due and how many come tomorrow on S with
 * settings C at NOW (ms), asked of the store. */
int figures_outlook_collect(struct store *s, const struct config *c, int64_t now,
			    struct figures_outlook *out, struct whose_error *err);

/* O as the sentences a session ends with, into BUF[LEN]: "Next review in
 * 10m (14:32). Tomorrow: 12 reviews and 20 new questions." (local time,
 * TZ). */
void figures_outlook_text(const struct figures_outlook *o, int64_t now,
			  char *buf, size_t len);

#endif
