/*
 * optimize.h - fitting the 21 FSRS-6 parameters to a learner's own review
 * log, the way fsrs-rs 6.5.0 (the optimizer behind Anki, as shipped in the
 * npm package @open-spaced-repetition/binding 0.5.0) does it, and scoring
 * a parameter set on that log with fsrs-rs's own figures (log loss and
 * RMSE over bins).  The steps: src/core/FSRS-OPTIMIZER-NOTES.md.
 *
 * Pure computation over memory the caller hands in, apart from
 * optimize_log_load, which reads the log from a store.  Deterministic: the
 * same log and options give the same parameters, bit for bit.
 *
 *	struct optimize_log *log;
 *	optimize_log_load(store, cfg.day_starts_at, &log, &err);
 *	optimize_fit(log, &opts, w, &err);        WHOSE_EDATA: too little data
 *	optimize_evaluate(log, w, &metrics, &err);
 *	optimize_log_free(log);
 */
#ifndef WHOSE_OPTIMIZE_H
#define WHOSE_OPTIMIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"
#include "whose/fsrs.h"
#include "whose/store.h"

/*
 * Fewest training items (reviews that can be predicted: the first review
 * of a day of a card already reviewed on an earlier day, that survive
 * fsrs-rs's outlier filter) optimize_fit accepts: below it fsrs-rs stops
 * before gradient descent.
 */
#define OPTIMIZE_MIN_ITEMS 64

/* One row of a review log, in the revlog shape fsrs-rs reads. */
struct optimize_review {
	int64_t card_id;     /* the card (whose's question id) */
	int64_t time_ms;     /* when, ms since the epoch, UTC */
	int rating;          /* 1..4; other rows are skipped */
	int state;           /* the card's state before the review (0..3) */
	int utc_offset_min;  /* the learner's offset east of UTC at that time */
};

/* A review log turned into training items (opaque). */
struct optimize_log;

/*
 * Turn N reviews (any order) into items as fsrs-rs's convertCsvToFsrsItems
 * does, with days starting at local hour DAY_STARTS_AT (0..23).  *OUT owns
 * copies of everything it needs; free it with optimize_log_free.
 */
int optimize_log_new(const struct optimize_review *rev, size_t n,
		     int day_starts_at, struct optimize_log **out,
		     struct whose_error *err);

/*
 * Read the scheduling reviews of S (modes review and import) and make the
 * log as optimize_log_new, with each review's UTC offset taken from the
 * process's time zone (TZ) at its own time.
 */
int optimize_log_load(struct store *s, int day_starts_at,
		      struct optimize_log **out, struct whose_error *err);

void optimize_log_free(struct optimize_log *log);

/* Counts of LOG, for reports. */
struct optimize_counts {
	size_t reviews;       /* rows read with a rating 1..4 */
	size_t cards;         /* cards with a learning review kept */
	size_t items;         /* predictable reviews (training items) */
	size_t train_items;   /* items that survive the outlier filter */
};

void optimize_log_counts(const struct optimize_log *log,
			 struct optimize_counts *c);

/* How to fit (the options of fsrs-rs's computeParameters). */
struct optimize_opts {
	bool enable_short_term;     /* fit w17..w19 and w0..w3 too */
	int num_relearning_steps;   /* bounds w17 and w18 as fsrs-rs does */
	/* Called now and then with the work DONE out of TOTAL; may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *ctx;
};

/*
 * Fit the 21 parameters to LOG into W.  WHOSE_EDATA, with a message that
 * says how many more items are needed, when fewer than OPTIMIZE_MIN_ITEMS
 * items survive the outlier filter or no card has two reviews on later
 * days; W is untouched then.
 */
int optimize_fit(const struct optimize_log *log, const struct optimize_opts *o,
		 double w[FSRS_NUM_WEIGHTS], struct whose_error *err);

/* fsrs-rs's evaluate figures of one parameter set on a log. */
struct optimize_metrics {
	double log_loss;    /* recency-weighted log loss, lower is better */
	double rmse_bins;   /* RMSE over (interval, length, lapses) bins */
	size_t items;       /* items scored */
};

/*
 * Score W on LOG as fsrs-rs's FSRS.evaluate does (W clipped first, the
 * outlier filter, recency weights).  WHOSE_EDATA when no item is left.
 */
int optimize_evaluate(const struct optimize_log *log,
		      const double w[FSRS_NUM_WEIGHTS],
		      struct optimize_metrics *m, struct whose_error *err);

/*
 * How much better FITTED predicts than CURRENT, in percent of CURRENT's
 * log loss (negative when worse), for reports.
 */
double optimize_gain_percent(const struct optimize_metrics *current,
			     const struct optimize_metrics *fitted);

/* What a set of parameters means for a learner (optimize_effect.c says
 * how each figure is simulated). */
struct optimize_effect {
	int new_good_days;           /* first interval of a new question, Good throughout */
	int mature_from_days;        /* the interval (21 days or more) it is mature at */
	int mature_good_days;        /* the next interval after Good on that due day */
	double reviews_per_question; /* answers one question costs in its first year */
	double new_per_day;          /* the pace it was asked for */
	double reviews_per_day;      /* a day, a year on at that pace:
	                                new_per_day * reviews_per_question */
};

/*
 * Fill OUT for the prepared parameters P and a pace of NEW_PER_DAY new
 * questions a day.  Deterministic.  WHOSE_EINVAL when P is not prepared.
 */
int optimize_effect_collect(const struct fsrs_params *p, double new_per_day,
			    struct optimize_effect *out, struct whose_error *err);

#endif
