/*
 * fsrs.c - the FSRS-6 scheduler, ported line by line from ts-fsrs 5.4.2.
 *
 * The goal is bit-for-bit agreement with the reference, so this file keeps
 * its quirks on purpose: JavaScript's Math.round (ties toward +infinity),
 * round8 at exactly the places the reference rounds, expressions evaluated
 * in the reference's order, day counting by UTC calendar date, and the
 * reference's fuzz (Alea seeded with a string that prints a product of two
 * doubles the way JavaScript prints numbers).  Section numbers (§) refer to
 * src/core/FSRS-NOTES.md, which says what ts-fsrs does, rule by rule.
 *
 * JavaScript's number semantics live in jsnum.c (jsnum.h) and the settings
 * as text (steps, weights, labels) in fsrs_text.c; this file is the
 * scheduler.  Nothing depends on the C locale, so an LC_NUMERIC that uses
 * a decimal comma cannot change a schedule.
 *
 * The review of one card, as a state machine (Basic scheduler, short-term
 * on; the long-term scheduler sends every rating straight to Review):
 *
 *            Again/Hard/Good (a step remains)
 *   New ─────────────────────────────────────▶ Learning ◀──┐ Again/Hard/Good
 *    │                                           │   └──────┘ (step remains)
 *    │ Easy, or no step left / step >= 1 day     │ no step left / >= 1 day
 *    ▼                                           ▼
 *  Review ◀──────────────────────────────────────┘
 *    │  ▲  Hard/Good/Easy: Review again
 *    │  └──────────────────────────┐
 *    │ Again (lapses + 1)          │ no relearning step left
 *    ▼                             │
 *  Relearning ─────────────────────┘
 */
#include <assert.h>
#include "fsrs_int.h"
#include "jsnum.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The scheduler's steps are inlined whole into fsrs_next and fsrs_preview,
 * so that each call site's rating and flags become constants and the
 * step goes without calls of its own: 10% fewer instructions a step
 * (bench/fsrs-bench.sh).  Only where the compiler has the attribute. */
#if defined(__GNUC__) || defined(__clang__)
#define FSRS_FLATTEN __attribute__((flatten))
#else
#define FSRS_FLATTEN
#endif

#define FSRS_S_MIN 0.001
#define FSRS_S_MAX 36500.0
#define FSRS_W17_W18_CEILING 2.0

/* Reference default weights (src/constant.ts:24-46). */
static const double fsrs_default_w[FSRS_NUM_WEIGHTS] = {
	0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
	0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
	1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/*
 * Clip ranges (src/constant.ts:49-77) with the loosest bounds: the w17/w18
 * ceiling may be lowered and the w19 floor raised by fsrs_clip_weights.
 */
const double fsrs_clip_lo[FSRS_NUM_WEIGHTS] = {
	0.001, 0.001, 0.001, 0.001, 1,     0.001, 0.001,
	0.001, 0,     0,     0.001, 0.001, 0.001, 0.001,
	0,     0,     1,     0,     0,     0,     0.1,
};
const double fsrs_clip_hi[FSRS_NUM_WEIGHTS] = {
	100, 100, 100,  100, 10,  4,    4,
	0.75, 4.5, 0.8, 3.5, 5,   0.25, 0.9,
	4,   1,   6,    FSRS_W17_W18_CEILING, FSRS_W17_W18_CEILING, 0.8, 0.8,
};

/* --------------------------------------------------------------------------
 * JavaScript arithmetic (§1): jsnum.h; these two are public for the tests.
 */

double fsrs_jsround(double x)
{
	return jsnum_round(x);
}

double fsrs_round8(double x)
{
	return jsnum_round8(x);
}

/* floor(ms / 1 day): the UTC calendar date of a time, as a day number. */
static int64_t fsrs_day_index(int64_t ms)
{
	int64_t q = ms / FSRS_MS_PER_DAY;

	if (ms % FSRS_MS_PER_DAY < 0)
		q--;
	return q;
}

/* --------------------------------------------------------------------------
 * Fuzz (§7)
 */

double fsrs_alea_first(const char *seed)
{
	return jsnum_alea_first(seed);
}

int fsrs_fuzz_seed(int64_t now_ms, int reps, double difficulty,
                   double stability, char *buf, size_t size)
{
	char mul[48];
	int len;

	jsnum_to_string(difficulty * stability, mul, sizeof mul);
	len = snprintf(buf, size, "%lld_%d_%s", (long long)now_ms, reps, mul);
	if (len < 0 || (size_t)len >= size)
		return WHOSE_EINVAL;
	return 0;
}

void fsrs_fuzz_range(int interval, int elapsed_days, int maximum_interval,
                     int *lo, int *hi)
{
	double ivl = interval, delta = 1.0, min_ivl, max_ivl;

	/* FUZZ_RANGES, in the reference's order; delta uses the raw interval */
	delta += 0.15 * jsnum_max(jsnum_min(ivl, 7) - 2.5, 0);
	delta += 0.1 * jsnum_max(jsnum_min(ivl, 20) - 7, 0);
	delta += 0.05 * jsnum_max(ivl - 20, 0);
	ivl = jsnum_min(ivl, maximum_interval);
	min_ivl = jsnum_max(2, jsnum_round(ivl - delta));
	max_ivl = jsnum_min(jsnum_round(ivl + delta), maximum_interval);
	if (ivl > elapsed_days)
		min_ivl = jsnum_max(min_ivl, (double)elapsed_days + 1);
	min_ivl = jsnum_min(min_ivl, max_ivl);
	*lo = (int)min_ivl;
	*hi = (int)max_ivl;
}

/* --------------------------------------------------------------------------
 * Parameters (§2)
 */

/* clipParameters on all 21 weights, in place. */
static void fsrs_clip_weights(double *w, int n_relearning, bool short_term)
{
	double lo[FSRS_NUM_WEIGHTS], hi[FSRS_NUM_WEIGHTS];
	int i;

	memcpy(lo, fsrs_clip_lo, sizeof lo);
	memcpy(hi, fsrs_clip_hi, sizeof hi);
	lo[19] = short_term ? 0.01 : 0;
	if (n_relearning > 1) {
		/* The ceiling keeps the short-term lapse factor S/e^(w17 w18)
		 * over all relearning steps from undercutting the forget curve. */
		double w11 = jsnum_clamp(w[11], lo[11], hi[11]);
		double w13 = jsnum_clamp(w[13], lo[13], hi[13]);
		double w14 = jsnum_clamp(w[14], lo[14], hi[14]);
		double v = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) /
		           n_relearning;
		double ceiling = jsnum_clamp(jsnum_round8(sqrt(jsnum_max(v, 0))),
		                            0.01, FSRS_W17_W18_CEILING);

		hi[17] = ceiling;
		hi[18] = ceiling;
	}
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		w[i] = jsnum_clamp(w[i], lo[i], hi[i]);
}

static double fsrs_init_difficulty(const struct fsrs_params *p, int g);

/* computeDecayFactor: decay = -w20, factor = round8(0.9^(1/decay) - 1). */
static void fsrs_decay_factor(double w20, double *decay, double *factor)
{
	*decay = -w20;
	*factor = jsnum_round8(exp(pow(*decay, -1) * log(0.9)) - 1);
}

void fsrs_params_default(struct fsrs_params *p)
{
	memset(p, 0, sizeof *p);
	memcpy(p->w, fsrs_default_w, sizeof p->w);
	p->desired_retention = 0.9;
	p->maximum_interval = FSRS_MAX_INTERVAL_LIMIT;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
	p->enable_fuzz = false;
	p->enable_short_term = true;
	/* Cannot fail on the defaults. */
	fsrs_params_prepare(p, NULL);
}

static int fsrs_check_steps(const int *steps, int n, const char *what,
                            struct whose_error *err)
{
	int i;

	if (n < 0 || n > FSRS_MAX_STEPS)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "%s: %d steps given, at most %d are allowed",
		                       what, n, FSRS_MAX_STEPS);
	for (i = 0; i < n; i++) {
		if (steps[i] < 1 || steps[i] > FSRS_STEP_MAX_MINUTES)
			return whose_error_set(
				err, WHOSE_EINVAL,
				"%s: step %d is %d minutes; a step must be 1 minute to 36500 days",
				what, i + 1, steps[i]);
	}
	return 0;
}

int fsrs_params_prepare(struct fsrs_params *p, struct whose_error *err)
{
	double r = p->desired_retention;
	int i, g, rc;

	p->prepared = false;
	if (!(r >= FSRS_RETENTION_MIN && r <= FSRS_RETENTION_MAX))
		return whose_error_set(err, WHOSE_EINVAL,
		                       "desired retention %g is out of range: use a value from %.2f to %.2f",
		                       r, FSRS_RETENTION_MIN, FSRS_RETENTION_MAX);
	if (p->maximum_interval < 1 ||
	    p->maximum_interval > FSRS_MAX_INTERVAL_LIMIT)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "maximum interval %d days is out of range: use 1 to %d days",
		                       p->maximum_interval, FSRS_MAX_INTERVAL_LIMIT);
	rc = fsrs_check_steps(p->learning_steps, p->n_learning_steps,
	                      "learning steps", err);
	if (rc < 0)
		return rc;
	rc = fsrs_check_steps(p->relearning_steps, p->n_relearning_steps,
	                      "relearning steps", err);
	if (rc < 0)
		return rc;
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++) {
		if (!isfinite(p->w[i]))
			return whose_error_set(err, WHOSE_EINVAL,
			                       "weight w%d is not a finite number", i);
	}
	fsrs_clip_weights(p->w, p->n_relearning_steps, p->enable_short_term);
	fsrs_decay_factor(p->w[20], &p->decay, &p->factor);
	p->interval_modifier = jsnum_round8(
		(pow(r, 1 / p->decay) - 1) / p->factor);
	p->exp_w8 = exp(p->w[8]);
	p->init_d_easy = fsrs_init_difficulty(p, FSRS_EASY);
	for (g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		p->init_d[g - 1] = jsnum_clamp(fsrs_init_difficulty(p, g), 1, 10);
		p->init_s[g - 1] = jsnum_max(p->w[g - 1], 0.1);
		p->short_term_exp[g - 1] = exp(p->w[17] * (g - 3 + p->w[18]));
	}
	/* the long-term scheduler divides by e^(0 * 0), exactly 1 */
	p->lapse_exp = p->enable_short_term ? exp(p->w[17] * p->w[18]) : 1.0;
	p->prepared = true;
	return 0;
}

/* --------------------------------------------------------------------------
 * Memory model (§3)
 *
 * One review evaluates next_state for up to four ratings with the same
 * D, S, t and R, so the parts that do not depend on the rating (R itself
 * and the rating-free prefix of the recall product) are computed once per
 * review.  Reusing a value is bit-identical to recomputing it, provided the
 * product is still evaluated left to right as in the reference.
 */

/* One review in progress: the reference's AbstractScheduler. */
struct fsrs_review {
	const struct fsrs_params *p;
	struct fsrs_card cur;     /* the card after the common prologue */
	enum fsrs_state state;    /* the state before the review */
	int64_t now;
	int t;                    /* elapsed UTC days */
	bool r_ready;             /* r computed */
	double r;                 /* R(t, S) */
	bool recall_ready;        /* recall_prefix computed */
	double recall_prefix;     /* e^w8 (11 - D) S^-w9 (e^((1-R) w10) - 1) */
	bool fuzz_ready;          /* fuzz_u computed */
	double fuzz_u;            /* the fuzz factor, the same for all ratings */
};

static double fsrs_forgetting_curve(const struct fsrs_params *p, double t,
                                    double s)
{
	return jsnum_round8(pow(1 + p->factor * t / s, p->decay));
}

/* D0raw(G): rounded, not clamped. */
static double fsrs_init_difficulty(const struct fsrs_params *p, int g)
{
	return jsnum_round8(p->w[4] - exp((g - 1) * p->w[5]) + 1);
}

static double fsrs_next_difficulty(const struct fsrs_params *p, double d,
                                   int g)
{
	const double *w = p->w;
	double delta_d = -w[6] * (g - 3);
	double next_d = d + jsnum_round8(delta_d * (10 - d) / 9);

	/* mean reversion toward the unclamped D0raw(Easy) */
	return jsnum_clamp(jsnum_round8(w[7] * p->init_d_easy + (1 - w[7]) * next_d),
	                  1, 10);
}

/* R at this review (computed inside next_state when not given, §3). */
static double fsrs_review_r(struct fsrs_review *rv)
{
	if (!rv->r_ready) {
		rv->r = fsrs_forgetting_curve(rv->p, rv->t, rv->cur.stability);
		rv->r_ready = true;
	}
	return rv->r;
}

static double fsrs_next_recall_stability(struct fsrs_review *rv, int g)
{
	const double *w = rv->p->w;
	double d = rv->cur.difficulty, s = rv->cur.stability;
	double hard_penalty = g == FSRS_HARD ? w[15] : 1;
	double easy_bonus = g == FSRS_EASY ? w[16] : 1;

	if (!rv->recall_ready) {
		double r = fsrs_review_r(rv);

		rv->recall_prefix = rv->p->exp_w8 * (11 - d) * pow(s, -w[9]) *
		                    (exp((1 - r) * w[10]) - 1);
		rv->recall_ready = true;
	}
	return jsnum_round8(jsnum_clamp(
		s * (1 + rv->recall_prefix * hard_penalty * easy_bonus),
		FSRS_S_MIN, 36500));
}

static double fsrs_next_forget_stability(struct fsrs_review *rv)
{
	const double *w = rv->p->w;
	double d = rv->cur.difficulty, s = rv->cur.stability;

	return jsnum_round8(jsnum_clamp(w[11] * pow(d, -w[12]) *
	                                      (pow(s + 1, w[13]) - 1) *
	                                      exp((1 - fsrs_review_r(rv)) * w[14]),
	                              FSRS_S_MIN, 36500));
}

static double fsrs_next_short_term_stability(const struct fsrs_params *p,
                                             double s, int g)
{
	double sinc = pow(s, -p->w[19]) * p->short_term_exp[g - 1];
	double masked = g >= FSRS_HARD ? jsnum_max(sinc, 1) : sinc;

	return jsnum_round8(jsnum_clamp(s * masked, FSRS_S_MIN, 36500));
}

/*
 * next_state with the review's t (and R), for a memory state that
 * fsrs_review_begin validated (D = S = 0, or D >= 1 and S >= S_MIN):
 * OUT becomes the current card with S (and, WITH_D, D) moved by rating G;
 * without WITH_D, OUT's D is the old one (only S is wanted).
 */
static void fsrs_next_ds(struct fsrs_review *rv, int g, bool with_d,
                         struct fsrs_card *out)
{
	const struct fsrs_params *p = rv->p;
	double d = rv->cur.difficulty, s = rv->cur.stability;

	*out = rv->cur;
	if (d == 0 && s == 0) {
		out->difficulty = p->init_d[g - 1];
		out->stability = p->init_s[g - 1];
		return;
	}
	if (rv->t == 0 && p->enable_short_term) {
		out->stability = fsrs_next_short_term_stability(p, s, g);
	} else if (g == FSRS_AGAIN) {
		double s_after_fail = fsrs_next_forget_stability(rv);

		out->stability = jsnum_clamp(jsnum_round8(s / p->lapse_exp),
		                            FSRS_S_MIN, s_after_fail);
	} else {
		out->stability = fsrs_next_recall_stability(rv, g);
	}
	if (with_d)
		out->difficulty = fsrs_next_difficulty(p, d, g);
}

/* --------------------------------------------------------------------------
 * Schedulers (§5)
 */

/* The fuzz factor: the same for all four ratings of one review. */
static double fsrs_review_fuzz(struct fsrs_review *rv)
{
	if (!rv->fuzz_ready) {
		char seed[96];   /* 20 + 1 + 11 + 1 + 47 bytes at most, and the NUL */

		/* D and S are still the pre-review values in rv->cur */
		fsrs_fuzz_seed(rv->now, rv->cur.reps, rv->cur.difficulty,
		               rv->cur.stability, seed, sizeof seed);
		rv->fuzz_u = jsnum_alea_first(seed);
		rv->fuzz_ready = true;
	}
	return rv->fuzz_u;
}

/* next_interval: whole days, then fuzz. */
static int fsrs_next_interval(struct fsrs_review *rv, double s)
{
	const struct fsrs_params *p = rv->p;
	double ivl = jsnum_min(jsnum_max(1, jsnum_round(s * p->interval_modifier)),
	                        p->maximum_interval);
	int lo, hi;

	if (!p->enable_fuzz || ivl < 2.5)
		return (int)ivl;
	fsrs_fuzz_range((int)ivl, rv->t, p->maximum_interval, &lo, &hi);
	return (int)floor(fsrs_review_fuzz(rv) * (hi - lo + 1) + lo);
}

static void fsrs_set_days(const struct fsrs_review *rv, struct fsrs_card *c,
                          int days)
{
	c->scheduled_days = days;
	c->due = rv->now + days * FSRS_MS_PER_DAY;
	c->state = FSRS_STATE_REVIEW;
	c->learning_steps = 0;
}

/*
 * BasicLearningStepsStrategy + getLearningInfo: the step entry for rating
 * G from STATE at step CUR, as MINUTES (0 = no entry) and the NEXT index.
 */
static void fsrs_step_info(const struct fsrs_params *p, enum fsrs_state state,
                           int cur, int g, int *minutes, int *next)
{
	const int *list = p->learning_steps;
	int len = p->n_learning_steps;

	*minutes = 0;
	*next = 0;
	if (state == FSRS_STATE_REVIEW || state == FSRS_STATE_RELEARNING) {
		list = p->relearning_steps;
		len = p->n_relearning_steps;
	}
	if (len == 0 || cur >= len)
		return;
	if (state == FSRS_STATE_REVIEW) {
		if (g == FSRS_AGAIN)
			*minutes = list[cur];
		return;
	}
	switch (g) {
	case FSRS_AGAIN:
		*minutes = list[0];
		break;
	case FSRS_HARD:
		/* always the first two steps, whatever CUR is (§5.1) */
		if (len == 1)
			*minutes = (int)jsnum_round(list[0] * 1.5);
		else
			*minutes = (int)jsnum_round((list[0] + list[1]) / 2.0);
		*next = cur;
		break;
	case FSRS_GOOD:
		if (cur + 1 < len && list[cur + 1] != 0) {
			*minutes = list[cur + 1];
			*next = cur + 1;
		}
		break;
	default:
		break;
	}
}

/* applyLearningSteps: a short step, a day-long step, or graduation. */
static void fsrs_apply_steps(struct fsrs_review *rv, struct fsrs_card *c,
                             int g, enum fsrs_state to_state)
{
	int minutes, next;

	fsrs_step_info(rv->p, rv->state, rv->cur.learning_steps, g, &minutes,
	               &next);
	if (minutes > 0 && minutes < FSRS_MINUTES_PER_DAY) {
		c->learning_steps = next;
		c->scheduled_days = 0;
		c->state = to_state;
		c->due = rv->now + minutes * FSRS_MS_PER_MINUTE;
	} else if (minutes >= FSRS_MINUTES_PER_DAY) {
		/* a step of a day or more goes to Review but keeps its index */
		c->state = FSRS_STATE_REVIEW;
		c->learning_steps = next;
		c->due = rv->now + minutes * FSRS_MS_PER_MINUTE;
		c->scheduled_days = minutes / FSRS_MINUTES_PER_DAY;
	} else {
		fsrs_set_days(rv, c, fsrs_next_interval(rv, c->stability));
	}
}

/* Basic scheduler, New/Learning/Relearning: one rating at a time. */
static void fsrs_basic_learning(struct fsrs_review *rv, int g,
                                struct fsrs_card *out)
{
	enum fsrs_state to = rv->state == FSRS_STATE_NEW ? FSRS_STATE_LEARNING
	                                                 : rv->state;

	fsrs_next_ds(rv, g, true, out);
	fsrs_apply_steps(rv, out, g, to);
}

/*
 * Basic scheduler, Review.  Again is on its own; Hard and Good are ordered
 * against each other (Hard < Good), Easy against Good.  WANT is the rating
 * asked for, or 0 for all; only what it depends on is computed.
 */
static void fsrs_basic_review(struct fsrs_review *rv, int want,
                              struct fsrs_card out[4])
{
	int h_ivl, g_ivl, e_ivl;

	if (want == 0 || want == FSRS_AGAIN) {
		fsrs_next_ds(rv, FSRS_AGAIN, true, &out[0]);
		fsrs_apply_steps(rv, &out[0], FSRS_AGAIN, FSRS_STATE_RELEARNING);
		out[0].lapses += 1;
		if (want == FSRS_AGAIN)
			return;
	}
	/* Hard's and Good's stabilities order the intervals; a difficulty is
	 * worked out only for the outcome asked for. */
	fsrs_next_ds(rv, FSRS_HARD, want == 0 || want == FSRS_HARD, &out[1]);
	fsrs_next_ds(rv, FSRS_GOOD, want == 0 || want == FSRS_GOOD, &out[2]);
	h_ivl = fsrs_next_interval(rv, out[1].stability);
	g_ivl = fsrs_next_interval(rv, out[2].stability);
	h_ivl = h_ivl < g_ivl ? h_ivl : g_ivl;
	g_ivl = g_ivl > h_ivl + 1 ? g_ivl : h_ivl + 1;
	fsrs_set_days(rv, &out[1], h_ivl);
	fsrs_set_days(rv, &out[2], g_ivl);
	if (want == 0 || want == FSRS_EASY) {
		fsrs_next_ds(rv, FSRS_EASY, true, &out[3]);
		e_ivl = fsrs_next_interval(rv, out[3].stability);
		e_ivl = e_ivl > g_ivl + 1 ? e_ivl : g_ivl + 1;
		fsrs_set_days(rv, &out[3], e_ivl);
	}
}

/*
 * Long-term scheduler: every state is handled like Review, with
 * Again < Hard < Good < Easy, each interval ordered against the one below
 * (Again also against Hard).  A new card starts from t = 0 and gains no
 * lapse on Again.  WANT as for fsrs_basic_review.
 */
static void fsrs_long_term(struct fsrs_review *rv, int want,
                           struct fsrs_card out[4])
{
	int n = want == 0 ? 4 : want < FSRS_HARD ? FSRS_HARD : want;
	int g, ivl[4];

	if (rv->state == FSRS_STATE_NEW) {
		rv->cur.scheduled_days = 0;
		rv->cur.elapsed_days = 0;
	}
	for (g = FSRS_AGAIN; g <= n; g++) {
		fsrs_next_ds(rv, g, want == 0 || g == want, &out[g - 1]);
		ivl[g - 1] = fsrs_next_interval(rv, out[g - 1].stability);
	}
	ivl[0] = ivl[0] < ivl[1] ? ivl[0] : ivl[1];
	ivl[1] = ivl[1] > ivl[0] + 1 ? ivl[1] : ivl[0] + 1;
	for (g = 2; g < n; g++)
		ivl[g] = ivl[g] > ivl[g - 1] + 1 ? ivl[g] : ivl[g - 1] + 1;
	for (g = 0; g < n; g++)
		fsrs_set_days(rv, &out[g], ivl[g]);
	if (rv->state != FSRS_STATE_NEW)
		out[0].lapses += 1;
}

static bool fsrs_time_ok(int64_t ms)
{
	return ms >= -FSRS_TIME_LIMIT_MS && ms <= FSRS_TIME_LIMIT_MS;
}

/*
 * Every value of CARD is one the scheduler writes (fsrs_card_check says
 * which is not): one predictable test a review, unsigned comparisons
 * taking the negative values too.  D in [1, 10] and S in [S_MIN, S_MAX],
 * or both 0 before the first review; a step index within the longest
 * list of steps; days within the longest interval (a day-long step is at
 * most that too) plus the 3 days that keep the four ratings' intervals
 * apart when they all reach it.
 */
static inline bool fsrs_card_sane(const struct fsrs_card *c)
{
	double d = c->difficulty, s = c->stability;

	return ((d >= 1 && d <= 10 && s >= FSRS_S_MIN && s <= FSRS_S_MAX) ||
	        (d == 0 && s == 0)) &&
	       (unsigned)c->state <= (unsigned)FSRS_STATE_RELEARNING &&
	       (unsigned)c->learning_steps <= (unsigned)FSRS_MAX_STEPS &&
	       (unsigned)c->scheduled_days <= (unsigned)FSRS_S_MAX + 3 &&
	       c->elapsed_days >= 0 &&
	       (unsigned)c->reps < (unsigned)INT_MAX &&
	       (unsigned)c->lapses < (unsigned)INT_MAX &&
	       (!c->has_last_review || fsrs_time_ok(c->last_review));
}

/*
 * The common prologue (AbstractScheduler.init) plus every check that makes
 * the reference throw, and a few of our own for values it never produces.
 */
static int fsrs_review_begin(struct fsrs_review *rv,
                             const struct fsrs_params *p,
                             const struct fsrs_card *card, int64_t now,
                             struct whose_error *err)
{
	int64_t t = 0;

	rv->p = p;
	rv->state = card->state;
	rv->r_ready = false;
	rv->recall_ready = false;
	rv->fuzz_ready = false;
	/* read only once ready; set so that the compiler can see it */
	rv->r = 0;
	rv->recall_prefix = 0;
	rv->fuzz_u = 0;
	if (!p->prepared)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "scheduler parameters are not prepared: call fsrs_params_prepare after setting them");
	if (!fsrs_time_ok(now))
		return whose_error_set(err, WHOSE_EINVAL,
		                       "review time %lld ms is out of range",
		                       (long long)now);
	if (!fsrs_card_sane(card) && fsrs_card_check(card, err) < 0) {
		char why[WHOSE_ERROR_MAX];

		snprintf(why, sizeof(why), "%s", err != NULL ? err->msg : "");
		return whose_error_set(err, WHOSE_EINVAL,
		                       "the card cannot be scheduled: %s", why);
	}
	if (card->state != FSRS_STATE_NEW && card->has_last_review)
		t = fsrs_day_index(now) - fsrs_day_index(card->last_review);
	if (t < 0)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "review time %lld ms falls on an earlier day than the card's last review at %lld ms",
		                       (long long)now,
		                       (long long)card->last_review);
	rv->cur = *card;
	rv->now = now;
	rv->t = (int)t;
	rv->cur.has_last_review = true;
	rv->cur.last_review = now;
	rv->cur.elapsed_days = (int)t;
	rv->cur.reps += 1;
	return 0;
}

/*
 * Schedule the review: fill OUT[WANT - 1], or all of OUT when WANT is 0
 * (other entries may be filled too, or left alone).
 */
static int fsrs_schedule(const struct fsrs_params *p,
                         const struct fsrs_card *card, int64_t now_ms,
                         int want, struct fsrs_card out[4],
                         struct whose_error *err)
{
	struct fsrs_review rv;
	int rc = fsrs_review_begin(&rv, p, card, now_ms, err);
	int g;

	if (rc < 0)
		return rc;
	if (!p->enable_short_term) {
		fsrs_long_term(&rv, want, out);
	} else if (rv.state == FSRS_STATE_REVIEW) {
		fsrs_basic_review(&rv, want, out);
	} else if (want == 0) {
		for (g = FSRS_AGAIN; g <= FSRS_EASY; g++)
			fsrs_basic_learning(&rv, g, &out[g - 1]);
	} else {
		fsrs_basic_learning(&rv, want, &out[want - 1]);
	}
	return 0;
}

/* --------------------------------------------------------------------------
 * Public entry points
 */

void fsrs_card_init(struct fsrs_card *card, int64_t now_ms)
{
	memset(card, 0, sizeof *card);
	card->state = FSRS_STATE_NEW;
	card->due = now_ms;
	card->has_last_review = false;
}

int fsrs_card_check(const struct fsrs_card *card, struct whose_error *err)
{
	double d = card->difficulty, s = card->stability;

	if (fsrs_card_sane(card))
		return 0;
	if (card->state < FSRS_STATE_NEW || card->state > FSRS_STATE_RELEARNING)
		return whose_error_set(err, WHOSE_EDATA, "state %d is unknown",
		                       (int)card->state);
	/* Other values of D and S could only come from a damaged store and
	 * would lead to NaN intervals (the reference computes on). */
	if (!(d == 0 && s == 0)) {
		if (!(d >= 1 && d <= 10))
			return whose_error_set(err, WHOSE_EDATA,
			                       "difficulty %g is outside 1 to 10", d);
		if (!(s >= FSRS_S_MIN && s <= FSRS_S_MAX))
			return whose_error_set(err, WHOSE_EDATA,
			                       "stability %g is outside %g to %g days",
			                       s, FSRS_S_MIN, FSRS_S_MAX);
	}
	if (card->learning_steps < 0 || card->learning_steps > FSRS_MAX_STEPS)
		return whose_error_set(err, WHOSE_EDATA,
		                       "learning step %d is outside 0 to %d",
		                       card->learning_steps, FSRS_MAX_STEPS);
	if (card->scheduled_days < 0 || card->scheduled_days > (int)FSRS_S_MAX + 3)
		return whose_error_set(err, WHOSE_EDATA,
		                       "%d scheduled days is outside 0 to %d",
		                       card->scheduled_days, (int)FSRS_S_MAX + 3);
	if (card->elapsed_days < 0)
		return whose_error_set(err, WHOSE_EDATA,
		                       "%d elapsed days is negative", card->elapsed_days);
	if (card->reps < 0 || card->reps == INT_MAX || card->lapses < 0 ||
	    card->lapses == INT_MAX)
		return whose_error_set(err, WHOSE_EDATA,
		                       "%d reviews and %d lapses are out of range",
		                       card->reps, card->lapses);
	return whose_error_set(err, WHOSE_EDATA,
	                       "last review time %lld ms is out of range",
	                       (long long)card->last_review);
}

FSRS_FLATTEN
int fsrs_next(const struct fsrs_params *p, const struct fsrs_card *card,
              int64_t now_ms, int rating, struct fsrs_card *out,
              struct whose_error *err)
{
	struct fsrs_card all[4];
	int rc, reps = card->reps; /* OUT may be CARD */

	if (rating < FSRS_AGAIN || rating > FSRS_EASY)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "rating %d is not valid: use 1 (again), 2 (hard), 3 (good) or 4 (easy)",
		                       rating);
	rc = fsrs_schedule(p, card, now_ms, rating, all, err);
	if (rc < 0)
		return rc;
	*out = all[rating - 1];
	/* What the scheduler hands out is always in range: D in [1, 10], S in
	 * [S_MIN, S_MAX], a state and step that exist, due no earlier than
	 * the review, one more review (FSRS-NOTES.md §3, §5). */
	assert(fsrs_card_sane(out) && out->difficulty >= 1);
	assert(out->due >= now_ms && out->reps == reps + 1);
	(void)reps; /* without assert (NDEBUG) */
	return 0;
}

FSRS_FLATTEN
int fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *card,
                 int64_t now_ms, struct fsrs_card out[4],
                 struct whose_error *err)
{
	struct fsrs_card all[4];
	int rc = fsrs_schedule(p, card, now_ms, 0, all, err);

	if (rc < 0)
		return rc;
	for (int g = 0; g < 4; g++)
		assert(fsrs_card_sane(&all[g]) && all[g].difficulty >= 1 && all[g].due >= now_ms);
	memcpy(out, all, sizeof all);
	return 0;
}

double fsrs_retrievability(const struct fsrs_params *p,
                           const struct fsrs_card *card, int64_t now_ms)
{
	double decay, factor, s;
	int64_t days, diff;

	if (card->state == FSRS_STATE_NEW || !card->has_last_review)
		return 0;
	/* whole 24 h periods here, not calendar days: the reference's date_diff */
	diff = now_ms - card->last_review;
	days = diff / FSRS_MS_PER_DAY;
	if (diff % FSRS_MS_PER_DAY < 0)
		days--;
	if (days < 0)
		days = 0;
	s = jsnum_to_fixed8(card->stability);
	if (!(s > 0))
		return 0; /* no memory: the reference divides by zero */
	if (p->prepared) {
		decay = p->decay;
		factor = p->factor;
	} else {
		fsrs_decay_factor(jsnum_clamp(p->w[20], fsrs_clip_lo[20],
		                             fsrs_clip_hi[20]),
		                  &decay, &factor);
	}
	return jsnum_round8(pow(1 + factor * (double)days / s, decay));
}

double fsrs_recall(const struct fsrs_params *p, double stability,
                   int64_t elapsed_ms)
{
	double decay, factor;
	int64_t days = elapsed_ms / FSRS_MS_PER_DAY;

	if (!(stability > 0))
		return 0;
	if (days < 0)
		days = 0;
	if (p->prepared) {
		decay = p->decay;
		factor = p->factor;
	} else {
		fsrs_decay_factor(jsnum_clamp(p->w[20], fsrs_clip_lo[20], fsrs_clip_hi[20]),
		                  &decay, &factor);
	}
	return pow(1 + factor * (double)days / stability, decay);
}
