/*
 * fsrs.h - the FSRS-6 spaced-repetition scheduler, a bit-for-bit port of
 * the reference ts-fsrs 5.4.2 (its rules: src/core/FSRS-NOTES.md).
 *
 * Given a card's memory state and a rating, the scheduler says when the card
 * is due next.  It is pure computation: no I/O, no allocation, no global
 * state, so every function is thread-safe.  Time is always injected by the
 * caller as milliseconds since the Unix epoch (UTC); day counting is by UTC
 * calendar date, as in the reference.
 *
 * Typical use:
 *
 *	struct fsrs_params params;
 *	fsrs_params_default(&params);          (or fill fields, then
 *	                                        fsrs_params_prepare)
 *	struct fsrs_card out[4];
 *	fsrs_preview(&params, &card, now, out, &err);   key labels
 *	fsrs_next(&params, &card, now, FSRS_GOOD, &card, &err);  the answer
 */
#ifndef WHOSE_FSRS_H
#define WHOSE_FSRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"

#define FSRS_NUM_WEIGHTS 21
/* Most (re)learning steps a parameter set may hold. */
#define FSRS_MAX_STEPS 16
/* Longest single step, in minutes (36500 days, the longest interval). */
#define FSRS_STEP_MAX_MINUTES (36500 * 1440)
/* The desired retention the app accepts (the reference allows (0, 1]). */
#define FSRS_RETENTION_MIN 0.70
#define FSRS_RETENTION_MAX 0.99
/* Largest maximum interval, in days (also the default). */
#define FSRS_MAX_INTERVAL_LIMIT 36500
/*
 * Times must lie within +/- this many ms of the epoch: the range of a
 * JavaScript Date, outside which the reference has no defined behaviour.
 */
#define FSRS_TIME_LIMIT_MS INT64_C(8640000000000000)
/* Room for any interval label from fsrs_format_interval, NUL included. */
#define FSRS_LABEL_MAX 16
/* Room for any steps string from fsrs_steps_format, NUL included. */
#define FSRS_STEPS_TEXT_MAX (FSRS_MAX_STEPS * 10)

/* Card states; the numbers are the reference's and are stored as such. */
enum fsrs_state {
	FSRS_STATE_NEW = 0,
	FSRS_STATE_LEARNING = 1,
	FSRS_STATE_REVIEW = 2,
	FSRS_STATE_RELEARNING = 3,
};

/* Ratings; out[rating - 1] is that rating's outcome in fsrs_preview. */
enum fsrs_rating {
	FSRS_AGAIN = 1,
	FSRS_HARD = 2,
	FSRS_GOOD = 3,
	FSRS_EASY = 4,
};

/*
 * Scheduler settings.  A caller may set any field of the first group, then
 * must call fsrs_params_prepare before passing the struct to the scheduler,
 * and again after every later change: prepare validates the settings, clips
 * the weights as the reference does (the clip depends on the number of
 * relearning steps and on enable_short_term) and fills the derived fields.
 */
struct fsrs_params {
	double w[FSRS_NUM_WEIGHTS];       /* FSRS-6 weights w0..w20 */
	double desired_retention;         /* FSRS_RETENTION_MIN..MAX, default 0.90 */
	int maximum_interval;             /* days, 1..36500, default 36500 */
	int learning_steps[FSRS_MAX_STEPS];   /* minutes, default 1 10 */
	int n_learning_steps;             /* 0..FSRS_MAX_STEPS; 0 = no steps */
	int relearning_steps[FSRS_MAX_STEPS]; /* minutes, default 10 */
	int n_relearning_steps;           /* 0..FSRS_MAX_STEPS */
	bool enable_fuzz;                 /* default false, as the reference */
	bool enable_short_term;           /* default true: steps and same-day
	                                     reviews; false: long-term only */

	/* Derived by fsrs_params_prepare; read-only for callers. */
	bool prepared;
	double decay;                     /* -w20 */
	double factor;                    /* round8(0.9^(1/decay) - 1) */
	double interval_modifier;         /* days of interval per day of S */
	double exp_w8;                    /* e^w8, of every recall */
	double init_d_easy;               /* D0raw(Easy), the mean-reversion
	                                     target (unclamped) */
	double init_d[4];                 /* D0(G) clamped, of a first review */
	double init_s[4];                 /* S0(G) = max(w[G-1], 0.1) */
	double short_term_exp[4];         /* e^(w17 (G - 3 + w18)), same day */
	double lapse_exp;                 /* e^(w17 w18), the lapse divisor
	                                     (1 without short-term) */
};

/*
 * A card's scheduling state, as stored between reviews.  A fresh card comes
 * from fsrs_card_init; afterwards only the scheduler writes it.
 */
struct fsrs_card {
	enum fsrs_state state;
	int64_t due;            /* ms since the epoch, UTC */
	double stability;       /* days until recall probability falls to 90% */
	double difficulty;      /* 1..10 once reviewed, 0 while new */
	int elapsed_days;       /* UTC days between the last two reviews */
	int scheduled_days;     /* days to the due date, 0 inside a short step */
	int learning_steps;     /* index of the current (re)learning step */
	int reps;               /* reviews so far */
	int lapses;             /* times forgotten after graduating */
	bool has_last_review;   /* false for a card never reviewed */
	int64_t last_review;    /* ms since the epoch; meaningful only when
	                           has_last_review (store it as SQL NULL if not) */
};

/* Fill P with the reference defaults, already prepared. */
void fsrs_params_default(struct fsrs_params *p);

/*
 * Validate P's settings, clip its weights exactly like the reference's
 * clipParameters and compute the derived fields.  Returns 0, or
 * WHOSE_EINVAL with a message in ERR (P is then left unprepared).
 */
int fsrs_params_prepare(struct fsrs_params *p, struct whose_error *err);

/*
 * Parse a steps setting such as "1m 10m" or "1h, 1d" (units m, h, d;
 * spaces or commas between steps; "" or "none" for no steps) into minutes
 * in STEPS (room for FSRS_MAX_STEPS) and their number in *COUNT.  Returns 0
 * or WHOSE_EINVAL naming the bad step; STEPS and *COUNT are untouched then.
 */
int fsrs_steps_parse(const char *text, int *steps, int *count,
                     struct whose_error *err);

/*
 * Write COUNT steps as text that fsrs_steps_parse reads back ("1m 10m",
 * "1h 1d", "none" for no steps) into BUF of SIZE bytes.  Returns 0, or
 * WHOSE_EINVAL if a step is out of range or BUF is too small.
 */
int fsrs_steps_format(const int *steps, int count, char *buf, size_t size);

/*
 * Parse 21 weights separated by commas and/or spaces into W.  19 (FSRS-5)
 * and 17 (FSRS-4.5) weights are accepted and migrated to 21 as the
 * reference does.  Each weight must be a finite number within the
 * reference's clip range for its position.  Returns 0, or WHOSE_EINVAL
 * naming the bad weight; W is untouched then.  Call fsrs_params_prepare
 * after storing W in a parameter set.
 */
int fsrs_weights_parse(const char *text, double *w, struct whose_error *err);

/* Make CARD a new card that is due at NOW_MS (the reference's createEmptyCard). */
void fsrs_card_init(struct fsrs_card *card, int64_t now_ms);

/*
 * 0 when CARD holds only values the scheduler can produce; otherwise
 * WHOSE_EDATA, with ERR saying which value is out of range (a database
 * edited by hand or damaged).  fsrs_next and fsrs_preview refuse such a
 * card; 'whose reset' makes it new again.
 */
int fsrs_card_check(const struct fsrs_card *card, struct whose_error *err);

/*
 * Review CARD at NOW_MS with RATING (FSRS_AGAIN..FSRS_EASY) and write the
 * resulting card to OUT (which may be CARD itself).  Returns 0, or
 * WHOSE_EINVAL when P is not prepared, the rating or time is out of range,
 * NOW_MS falls on an earlier UTC day than the card's last review, or the
 * card holds an impossible state; OUT is untouched then.
 */
int fsrs_next(const struct fsrs_params *p, const struct fsrs_card *card,
              int64_t now_ms, int rating, struct fsrs_card *out,
              struct whose_error *err);

/*
 * All four outcomes of reviewing CARD at NOW_MS: OUT[r - 1] is exactly what
 * fsrs_next gives for rating r.  Returns 0 or WHOSE_EINVAL as fsrs_next.
 */
int fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *card,
                 int64_t now_ms, struct fsrs_card out[4],
                 struct whose_error *err);

/*
 * Probability of recalling CARD at NOW_MS, in [0, 1], as the reference's
 * get_retrievability: 0 for a new card (or one without a last review),
 * whole 24-hour periods since the last review otherwise.
 */
double fsrs_retrievability(const struct fsrs_params *p,
                           const struct fsrs_card *card, int64_t now_ms);

/*
 * The same forgetting curve for aggregates (a topic's readiness over many
 * cards): the probability of recalling a memory of STABILITY days after
 * ELAPSED_MS, without the reference's decimal rounding of S, so that it
 * costs one pow().  0 for no memory (STABILITY <= 0).  Within 1e-8 of
 * fsrs_retrievability.
 */
double fsrs_recall(const struct fsrs_params *p, double stability,
                   int64_t elapsed_ms);

/*
 * Write a short label for a duration of MS milliseconds, as shown on a
 * rating key: "<1m", "10m", "1.5h", "4d", "3mo", "1.2y" (months of 30 days,
 * years of 365).  BUF should hold FSRS_LABEL_MAX bytes.  Returns 0, or
 * WHOSE_EINVAL if BUF is too small (BUF then holds "" when SIZE > 0).
 */
int fsrs_format_interval(int64_t ms, char *buf, size_t size);

/* A fixed lower-case name for STATE ("new", "learning", ...), "?" if unknown. */
const char *fsrs_state_name(enum fsrs_state state);

/*
 * Pieces of the scheduler, public so that tests can hold each one against
 * the reference.  The fuzz ones are used only when enable_fuzz is set.
 */

/*
 * JavaScript's Math.round: the nearest integer, ties toward +infinity
 * (2.5 -> 3, -2.5 -> -2), unlike C's round() and rint().
 */
double fsrs_jsround(double x);

/* The reference's roundTo(x, 8): fsrs_jsround(x * 1e8) / 1e8. */
double fsrs_round8(double x);

/*
 * The reference's get_fuzz_range: the closed range [*LO, *HI] of days a
 * fuzzed INTERVAL (whole days, >= 1) may take, given the ELAPSED_DAYS of
 * the review and MAXIMUM_INTERVAL.
 */
void fsrs_fuzz_range(int interval, int elapsed_days, int maximum_interval,
                     int *lo, int *hi);

/*
 * Write the reference's fuzz seed "NOW_REPS_D*S" (the product printed as a
 * JavaScript number) into BUF of SIZE bytes (64 is always enough).  REPS
 * is the count after the review, D and S the values before it.  Returns 0
 * or WHOSE_EINVAL if BUF is too small.
 */
int fsrs_fuzz_seed(int64_t now_ms, int reps, double difficulty,
                   double stability, char *buf, size_t size);

/* The first number in [0, 1) of the Alea generator seeded with SEED. */
double fsrs_alea_first(const char *seed);

#endif
