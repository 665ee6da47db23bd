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
 *               at random from its active questions right, now: the mean
 *               of each question's p below.  The whole bank's is the
 *               topics' readiness weighed by their askable questions
 *               (every type but card), as an exam draws them.
 *   p of a question  (FIGURES_SLIP = e, g = its guessing chance,
 *               question_guess_chance; k = its topic's known share):
 *               - studied (it has an FSRS memory state): R + (1 - R) g, R
 *                 its retrievability at max(elapsed, one day): an answer
 *                 just shown is not yet knowledge.  While the card is
 *                 in its (re)learning steps, never more than the topic's
 *                 p of a question never answered: a topic just relearned
 *                 does not read 100% whatever happened in it.  Its
 *                 right answers may be guesses: with its own r right and
 *                 w wrong answers, the memory is real with chance M =
 *                 pi L1 / (pi L1 + (1 - pi) L0), L1 = 0.85^r 0.15^w
 *                 (FIGURES_MEMORY_RIGHT), L0 = g^r (1 - g)^w, and p =
 *                 M (R + (1 - R) g) + (1 - M) g.  pi, how often the
 *                 learner's memories hold: ret = (recalled + 20 x desired
 *                 retention) / (reviews + 20) over the true retention's
 *                 reviews (FIGURES_MEMORY_WEIGHT), beyond guessing: (ret
 *                 - gbar) / (1 - gbar), cut to 0.05..0.99.
 *               - answered but never studied (practice, exam, drill):
 *                 the chance that it is known, from its own right (r) and
 *                 wrong (w) answers, P = k L1 / (k L1 + (1 - k) L0), L1 =
 *                 (1 - e)^r e^w, L0 = g^r (1 - g)^w; p = P (1 - e) + (1 -
 *                 P) g.
 *               - never answered: k (1 - e) + (1 - k) g.
 *               A right answer by guessing is counted as such: p is never
 *               below g, and k comes from answers corrected for guessing.
 *               In a topic's readiness g is the topic's mean (gbar, from
 *               every question's shape, or from FIGURES_SHAPE_SAMPLE
 *               spread over a bank of more than FIGURES_SHAPE_ALL); an
 *               exam question's saved p uses its own.
 *   known share k of a topic  from its first answers (answers to cards
 *               still new): a of them, c right; gbar the mean guessing
 *               chance of its askable questions.  Right beyond guessing:
 *               x = (c - a gbar) / (1 - e - gbar), at most a (below 0
 *               when worse than chance).  Then k = (K m + x) / (K + a)
 *               cut to 0..1, K = FIGURES_TOPIC_WEIGHT: the
 *               topic's own evidence, pulled toward the pooled share m
 *               while it is thin; its spread sd(k) = sqrt(k (1 - k) /
 *               (K + a + 1)).
 *   pooled share m  partial pooling over topics, each topic one piece of
 *               evidence however many answers it had: m = (W m0 + sum_t
 *               r_t x_t / a_t) / (W + sum_t r_t), r_t = a_t / (a_t + K)
 *               over the topics with first answers, m0 =
 *               FIGURES_POOL_MEAN and W = FIGURES_POOL_WEIGHT (worth W
 *               topics of knowing almost nothing), cut at 0.  So a learner who
 *               knows one topic of 24 is not taken to know the 23
 *               others; one who answered in every topic is judged by
 *               those answers.  sd(m) = sqrt(m (1 - m) / (W + sum r + 1)).
 *   prior       p of a never-answered question of the bank's mean
 *               guessing chance: m (1 - e) + (1 - m) gbar.
 *   predicted exam score  for an exam of Q questions drawn in proportion to
 *               the topics' askable questions: m = sum_t w_t r_t (w_t the
 *               topic's share, r_t its readiness).  Its spread adds what
 *               the draw adds, sum_t w_t r_t (1 - r_t) / Q, to what is not
 *               known of the known shares: sum_t (w_t s_t)^2 sd(k_t)^2 +
 *               (sum_t w_t s_t K / (K + a_t))^2 sd(m)^2, s_t = the sum of
 *               (1 - e - g) over the topic's never-answered questions
 *               over its askable ones (how much k moves r_t), and the
 *               model's own error, FIGURES_MODEL_SD^2 (0.05: what
 *               bench/readiness measures).  The range is the 80%
 *               interval, m +/- 1.2816 sd, cut to 0..1: it is wide while
 *               little is known.
 *   exam date   (config exam-date) the readiness projected to the start
 *               of the learner's day of the exam: "kept" if every review
 *               is done when due (a card due before then counts the
 *               desired retention), "stopped" if nothing more is studied
 *               (the retrievability then).  Questions not studied keep
 *               their p.
 *   daily plan  to reach the target (config exam-target) by then: the
 *               fewest new questions, those that gain most first (a
 *               question learned counts the desired retention), spread
 *               over the days left; reviews a day = the reviews the
 *               studied cards and the new ones need before the exam,
 *               every answer Good (fsrs_next without fuzz), over the
 *               days left.
 *   Brier score  of submitted exams: the mean of (p - outcome)^2 over their
 *               questions, p the question's readiness saved when the exam was
 *               drawn (store_exam_predict), outcome 1 right, 0 wrong or
 *               unanswered.  0 is perfect; always answering 0.5 scores 0.25.
 */
#ifndef WHOSE_FIGURES_H
#define WHOSE_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/config.h"
#include "whose/error.h"
#include "whose/store.h"

/* A percent that cannot be computed (nothing to divide). */
#define FIGURES_NONE (-1)

/* The readiness model (see above). */
#define FIGURES_SLIP 0.05          /* a known answer given wrongly */
#define FIGURES_TOPIC_WEIGHT 4.0   /* K: first answers a topic's prior is worth */
#define FIGURES_MEMORY_RIGHT 0.85  /* a studied memory's answers: right this often */
#define FIGURES_MEMORY_WEIGHT 20.0 /* reviews the desired retention is worth */
#define FIGURES_MODEL_SD 0.05      /* the model's own error (bench/readiness) */
#define FIGURES_POOL_MEAN 0.03     /* m0: known share before any evidence */
#define FIGURES_POOL_WEIGHT 12.0   /* W: topics the prior is worth */
#define FIGURES_RANGE_Z 1.2816     /* the 80% interval of a normal */
/* Banks up to FIGURES_SHAPE_ALL questions have every question's shape
 * read; larger ones FIGURES_SHAPE_SAMPLE spread over the ids. */
#define FIGURES_SHAPE_ALL 50000
#define FIGURES_SHAPE_SAMPLE 8192

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

/* A predicted exam score and its 80% range, 0..1, and the spread's parts. */
struct figures_exam {
	size_t questions;
	double score, low, high;
	double sd;                /* the whole spread */
	double sd_draw;           /* of the questions drawn */
	double sd_known;          /* of what is not known of the known shares */
};

/* What the readiness model reads and makes of one topic (figures.h). */
struct figures_model_topic {
	size_t askable;           /* questions an exam can ask (its weight) */
	size_t studied;           /* active questions with an FSRS memory state */
	size_t answered_new;      /* active, answered, never studied */
	size_t fresh;             /* active, never answered */
	double guess;             /* gbar: the askable ones' mean guessing chance */
	size_t first_answers;     /* a */
	size_t first_correct;     /* c */
	double first_known;       /* x: right beyond guessing */
	double known;             /* k */
	double known_sd;          /* sd(k) given m */
	double sensitivity;       /* s_t */
	double expected;          /* sum of p now */
	double expected_kept;     /* at the exam date, reviews kept */
	double expected_stopped;  /* at the exam date, nothing more */
	double readiness_kept, readiness_stopped;
};

/* The pooled share and its spread. */
struct figures_pool {
	double known;             /* m */
	double sd;                /* sd(m) */
	size_t topics;            /* topics with first answers */
	double weight;            /* sum of r_t */
};

/* The exam date, its projection and the daily plan. */
struct figures_exam_plan {
	bool set;                 /* an exam date is set */
	int64_t day;              /* config exam_day */
	int64_t at;               /* the start of the learner's day of it (UTC ms) */
	long days;                /* learner days from today to it; <= 0: today or past */
	struct figures_exam kept, stopped;   /* the exam score projected */
	int target;               /* percent */
	bool reached;             /* kept already reaches the target */
	bool reachable;           /* new questions can still reach it */
	size_t new_total;         /* new questions to learn by then */
	size_t new_per_day;
	size_t reviews_total;     /* reviews by then, new questions' included */
	size_t reviews_per_day;
	double best;              /* what every new question learned gives */
};

/* The predicted score of a QUESTIONS-question exam over N topics, topic
 * I with ASKABLE[I] questions, readiness READY[I], known share spread
 * KSD[I], sensitivity SENS[I] and first answers FIRST[I] (for the pooled
 * share's weight), POOL_SD the pooled share's spread (figures.h). */
void figures_exam_predict(const size_t *askable, const double *ready, const double *ksd,
			  const double *sens, const size_t *first, size_t n, double pool_sd,
			  size_t questions, struct figures_exam *out);

/* The pooled known share from N topics' first answers A[I], right beyond
 * guessing X[I]. */
void figures_pool(const size_t *a, const double *x, size_t n, struct figures_pool *out);

/* The topic's known share k and its spread from A first answers, X of
 * them right beyond guessing, and the pooled share M. */
void figures_known(size_t a, double x, double m, double *k, double *sd);

/* Right beyond guessing: C right of A first answers, mean guessing
 * chance G. */
double figures_first_known(size_t a, size_t c, double g);

/* The Brier score of C (its mean squared error), or -1 without answers. */
double figures_brier(const struct store_calibration *c);

/* The retrievability of CARD at NOW with P (fsrs_recall: the same curve
 * as readiness and the search's column), or -1 for a card without a
 * memory state (never reviewed).  Show it with figures_percent_of. */
double figures_card_recall(const struct fsrs_params *p, const struct fsrs_card *card,
			   int64_t now);

/* The moment the exam-date projections are taken at: the start of the
 * learner's day of the exam (config exam-date), or NOW when it is past;
 * -1 when no exam date is set.  With figures_card_recall it gives a
 * question's retrievability at the exam if it is not reviewed before. */
int64_t figures_exam_moment(const struct config *cfg, int64_t now);

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

/* The learning steps due now (figures_due.due_learning) alone: the
 * smallest queue, which alone grows as time passes within a day, so a
 * review session counts it again every so often and keeps the rest up
 * to date itself. */
int figures_due_learning(struct store *s, const struct config *cfg, int64_t now,
			 size_t *n, struct whose_error *err);

/* Count what is due in S with the settings CFG at NOW into D: what the
 * progress line of a review and the statistics both read. */
int figures_due_collect(struct store *s, const struct config *cfg, int64_t now,
			struct figures_due *d, struct whose_error *err);
/* The same for what a review session has left today: NEW_WAITING is
 * counted only up to NEW_TODAY (at most new-per-day index entries read,
 * not STORE_NEW_COUNT_CAP), the rest as figures_due_collect. */
int figures_due_left(struct store *s, const struct config *cfg, int64_t now,
		     struct figures_due *d, struct whose_error *err);

/* What the home screen, the statistics and `--weak` read. */
struct figures_board {
	int64_t now;
	int64_t day_start, day_end;  /* the learner's today (UTC ms) */
	struct store_topic *topics;  /* by name, readiness filled */
	struct figures_model_topic *model;  /* the model's inputs, per topic */
	size_t ntopics;
	struct figures_pool pool;
	struct figures_exam_plan plan;
	/* Sums over the topics. */
	size_t total, seen, studied, answers, correct;
	size_t retention_reviews, retention_recalled;
	size_t first_answers, first_correct;
	double prior;
	double memory_prior;         /* pi: a studied memory is real (figures.h) */
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

/* The exam date of B and its projections as one sentence into BUF[LEN]
 * ("Exam date: 2027-02-15 (70 days): projected 62% if every review is
 * done when due, 45% if you stop now."); "" when no exam date is set. */
void figures_exam_date_text(const struct figures_board *b, char *buf, size_t len);

/* The exam date and its daily plan of B as one sentence into BUF[LEN]
 * ("To reach 80% by 15 Feb: about 35 reviews and 12 new questions a
 * day."); COMPACT: at most 80 columns, for the home screen.  "" when no
 * exam date is set. */
void figures_plan_text(const struct figures_board *b, bool compact, char *buf, size_t len);

/* Fill the prediction of every question of exam EXAM_ID, as it is drawn at
 * NOW, with readiness (inside the transaction that draws it). */
int figures_exam_record(struct store *s, const struct config *cfg, int64_t exam_id,
			int64_t now, struct whose_error *err);

/* What comes after the session, for the end of a session: when the next review is due
 * and how many come tomorrow. */
struct figures_outlook {
	int64_t next_due;         /* ms, the first learning or review card
	                             due after now; -1 when none */
	size_t due_now;           /* due now, as figures_due counts it (the
	                             home screen's "Due now") */
	size_t tomorrow;          /* learning and reviews due by the end of
	                             tomorrow's study day */
	size_t new_tomorrow;      /* new questions tomorrow (new-per-day at most) */
};

/* When the next review is due and how many come tomorrow on S with
 * settings C at NOW (ms), asked of the store. */
int figures_outlook_collect(struct store *s, const struct config *c, int64_t now,
			    struct figures_outlook *out, struct whose_error *err);

/* O as the sentences a session ends with, into BUF[LEN]: "3 questions
 * are still due now." when any is due now (as the home screen counts),
 * else "Next review in 10m (14:32).", then "Tomorrow: 12 reviews and 20
 * new questions." (local time, TZ). */
void figures_outlook_text(const struct figures_outlook *o, int64_t now,
			  char *buf, size_t len);

#endif
