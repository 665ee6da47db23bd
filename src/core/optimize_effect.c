/*
 * optimize_effect.c - what a set of FSRS parameters means for a learner,
 * in days and reviews rather than weights (optimize.h,
 * optimize_effect_collect).
 *
 * Three figures, each from the scheduler itself (fsrs_next), never from a
 * formula of our own:
 *   - the first interval of a new question answered Good at every step
 *     until it leaves learning (what "I know it" costs the first time);
 *   - the next interval of a mature question (one whose interval has
 *     reached 21 days, Anki's word) answered Good on its due day;
 *   - the reviews a day at the learner's pace: someone who takes in P new
 *     questions a day has, a year on, P times the reviews one question
 *     costs in its first 365 days on every day: the day's load sums the
 *     review rate of one cohort of each age from 0 to 364 days, and those
 *     rates sum to one question's reviews over its first year.  The reviews of one question are simulated: at each
 *     due review it is recalled with the probability the scheduler
 *     itself predicts (fsrs_retrievability), and forgotten otherwise
 *     (Again, then Good through relearning).  A fixed seed and a fixed
 *     number of questions make the figure the same on every run.
 */
#include <string.h>

#include "whose/optimize.h"
#include "whose/rng.h"

#define OPTIMIZE_EFFECT_DAY_MS 86400000LL
#define OPTIMIZE_EFFECT_MATURE_DAYS 21
#define OPTIMIZE_EFFECT_SAMPLES 400
#define OPTIMIZE_EFFECT_HORIZON_DAYS 365
/* A fixed start (2026-01-05 00:00 UTC), so that no figure depends on
 * today's date. */
#define OPTIMIZE_EFFECT_START 1767571200000LL

/* Good until the card leaves learning; *REVIEWS counts the answers.
 * Returns the day interval it leaves learning with, or -1. */
static int optimize_effect_graduate(const struct fsrs_params *p, struct fsrs_card *c,
				    int64_t *now, int *reviews, struct whose_error *err)
{
	for (int guard = 0; guard < 32; guard++) {
		if (fsrs_next(p, c, *now, FSRS_GOOD, c, err) < 0)
			return -1;
		(*reviews)++;
		if (c->state == FSRS_STATE_REVIEW)
			return c->scheduled_days;
		*now = c->due;
	}
	return c->scheduled_days;
}

int optimize_effect_collect(const struct fsrs_params *p, double new_per_day,
			    struct optimize_effect *out, struct whose_error *err)
{
	struct fsrs_card c;
	int64_t now = OPTIMIZE_EFFECT_START;
	int reviews = 0, days;
	long total = 0;
	struct rng r;

	memset(out, 0, sizeof(*out));
	/* A new question, Good at every step. */
	fsrs_card_init(&c, now);
	days = optimize_effect_graduate(p, &c, &now, &reviews, err);
	if (days < 0)
		return WHOSE_EINVAL;
	out->new_good_days = days;
	/* On to maturity, Good on each due day; then one more Good. */
	for (int guard = 0; guard < 64 && c.scheduled_days < OPTIMIZE_EFFECT_MATURE_DAYS; guard++) {
		now = c.due;
		if (fsrs_next(p, &c, now, FSRS_GOOD, &c, err) < 0)
			return WHOSE_EINVAL;
	}
	out->mature_from_days = c.scheduled_days;
	now = c.due;
	if (fsrs_next(p, &c, now, FSRS_GOOD, &c, err) < 0)
		return WHOSE_EINVAL;
	out->mature_good_days = c.scheduled_days;
	/* The reviews one question costs in its first year. */
	rng_seed(&r, 0x5eed0f0e11ec7ULL);
	for (int i = 0; i < OPTIMIZE_EFFECT_SAMPLES; i++) {
		int64_t start = OPTIMIZE_EFFECT_START, end = start + OPTIMIZE_EFFECT_HORIZON_DAYS * OPTIMIZE_EFFECT_DAY_MS;
		int n = 0;

		now = start;
		fsrs_card_init(&c, now);
		if (optimize_effect_graduate(p, &c, &now, &n, err) < 0)
			return WHOSE_EINVAL;
		while (c.due < end && n < 1000) {
			double recall;

			now = c.due;
			recall = fsrs_retrievability(p, &c, now);
			/* A draw in [0, 1) against the predicted recall. */
			if ((double)(rng_next(&r) >> 11) * 0x1.0p-53 < recall) {
				if (fsrs_next(p, &c, now, FSRS_GOOD, &c, err) < 0)
					return WHOSE_EINVAL;
				n++;
			} else {
				if (fsrs_next(p, &c, now, FSRS_AGAIN, &c, err) < 0)
					return WHOSE_EINVAL;
				n++;
				now = c.due;
				if (c.state != FSRS_STATE_REVIEW &&
				    optimize_effect_graduate(p, &c, &now, &n, err) < 0)
					return WHOSE_EINVAL;
			}
		}
		total += n;
	}
	out->reviews_per_question = (double)total / OPTIMIZE_EFFECT_SAMPLES;
	out->new_per_day = new_per_day;
	out->reviews_per_day = new_per_day * out->reviews_per_question;
	return 0;
}
