/*
 * figures.c - the figures of figures.h, each computed here and nowhere
 * else.  The store counts (inside SQLite, over narrow indexes); this file
 * turns the counts into what the learner reads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "whose/clock.h"
#include "whose/figures.h"
#include "whose/question.h"
#include "whose/session.h"

int figures_percent(size_t num, size_t den)
{
	if (den == 0)
		return FIGURES_NONE;
	if (num > den)
		return 100;
	return (int)((unsigned long long)num * 100 / den);
}

int figures_percent_of(double p)
{
	double v;

	if (!(p > 0.0))   /* also NaN */
		return 0;
	if (p >= 1.0)
		return 100;
	/* 0.29 is 28.999...% in binary: a hair's tolerance keeps it 29. */
	v = floor(p * 100.0 + 1e-9);
	return v > 100.0 ? 100 : (int)v;
}

void figures_format_percent(int pct, char *buf, size_t len)
{
	if (pct == FIGURES_NONE)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d%%", pct);
}

void figures_format_clock(int64_t ms, enum figures_clock how, char *buf, size_t len)
{
	long long s;

	if (ms <= 0)
		s = 0;
	else if (how == FIGURES_CLOCK_LEFT)
		s = (long long)(ms / 1000 + (ms % 1000 != 0));
	else
		s = (long long)(ms / 1000);
	if (s >= 3600 && how == FIGURES_CLOCK_SPENT)
		snprintf(buf, len, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lld:%02lld", s / 60, s % 60);
}

void figures_format_json_percent(int pct, char *buf, size_t len)
{
	if (pct == FIGURES_NONE)
		snprintf(buf, len, "null");
	else
		snprintf(buf, len, "%d", pct);
}

/* ---- the readiness model (figures.h) ------------------------------- */

#define FIGURES_DAY_MS 86400000LL

double figures_first_known(size_t a, size_t c, double g)
{
	double room = 1.0 - FIGURES_SLIP - g, x;

	if (a == 0 || room < 0.05)
		return 0.0;
	/* Below zero stays: a topic guessed worse than chance is evidence
	 * too, and cutting it would lift the pooled share (k is cut). */
	x = ((double)c - (double)a * g) / room;
	return x > (double)a ? (double)a : x;
}

void figures_pool(const size_t *a, const double *x, size_t n, struct figures_pool *out)
{
	double num = FIGURES_POOL_WEIGHT * FIGURES_POOL_MEAN, den = FIGURES_POOL_WEIGHT;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		double r;

		if (a[i] == 0)
			continue;
		r = (double)a[i] / ((double)a[i] + FIGURES_TOPIC_WEIGHT);
		num += r * x[i] / (double)a[i];
		den += r;
		out->topics++;
		out->weight += r;
	}
	out->known = num / den < 0.0 ? 0.0 : num / den;
	out->sd = sqrt(out->known * (1.0 - out->known) / (den + 1.0));
}

void figures_known(size_t a, double x, double m, double *k, double *sd)
{
	double n = FIGURES_TOPIC_WEIGHT + (double)a;

	*k = (FIGURES_TOPIC_WEIGHT * m + x) / n;
	*k = *k < 0.0 ? 0.0 : *k > 1.0 ? 1.0 : *k;
	*sd = sqrt(*k * (1.0 - *k) / (n + 1.0));
}

void figures_exam_predict(const size_t *askable, const double *ready, const double *ksd,
			  const double *sens, const size_t *first, size_t n, double pool_sd,
			  size_t questions, struct figures_exam *out)
{
	double mean = 0.0, draw = 0.0, own = 0.0, shared = 0.0, var, z;
	size_t total = 0;

	memset(out, 0, sizeof(*out));
	out->questions = questions;
	for (size_t i = 0; i < n; i++)
		total += askable[i];
	if (total == 0 || questions == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		double w = (double)askable[i] / (double)total, r = ready[i];
		double ws = w * sens[i];

		mean += w * r;
		draw += w * r * (1.0 - r);
		own += ws * ws * ksd[i] * ksd[i];
		/* How much the pooled share moves this topic's k. */
		shared += ws * FIGURES_TOPIC_WEIGHT / (FIGURES_TOPIC_WEIGHT + (double)first[i]);
	}
	draw /= (double)questions;
	own += shared * shared * pool_sd * pool_sd;
	/* What the model itself gets wrong, as bench/readiness measures it. */
	own += FIGURES_MODEL_SD * FIGURES_MODEL_SD;
	var = draw + own;
	out->score = mean;
	out->sd = sqrt(var);
	out->sd_draw = sqrt(draw);
	out->sd_known = sqrt(own);
	z = FIGURES_RANGE_Z * out->sd;
	out->low = mean - z < 0.0 ? 0.0 : mean - z;
	out->high = mean + z > 1.0 ? 1.0 : mean + z;
}

/* What one pass of the model keeps. */
struct figures_model {
	const struct config *cfg;
	struct fsrs_params plan_fsrs;  /* without fuzz, for the plan */
	int64_t now;
	bool dated;                    /* an exam date is set */
	int64_t exam_at;               /* its start (not before now) */
	struct figures_board *b;
	size_t at;                     /* the topic of the last row (a cache) */
	/* per topic: sampled shapes */
	size_t *shape_n, *shape_askable;
	double *shape_guess;
	size_t reviews;                /* the plan: reviews of studied cards */
};

/* The index of topic ID in M's board, or M->b->ntopics. */
static size_t figures_topic_index(struct figures_model *m, int64_t id)
{
	const struct store_topic *t = m->b->topics;
	size_t n = m->b->ntopics;

	if (m->at < n && t[m->at].id == id)
		return m->at;
	for (size_t i = 0; i < n; i++) {
		if (t[i].id == id) {
			m->at = i;
			return i;
		}
	}
	return n;
}

static int figures_shape_row(int64_t topic_id, const char *type, size_t nslots, size_t nright,
			     void *ctx)
{
	struct figures_model *m = ctx;
	size_t i = figures_topic_index(m, topic_id);
	int ty = question_type_from_name(type);

	if (i == m->b->ntopics)
		return 0;
	m->shape_n[i]++;
	if (ty >= 0 && question_type_graded((enum question_type)ty)) {
		m->shape_askable[i]++;
		m->shape_guess[i] += question_guess_chance((enum question_type)ty, nslots, nright);
	}
	return 0;
}

/* The retrievability of C at AT, never closer than a day to its last
 * review, as p with guessing chance G (a wrong recall may be guessed). */
static double figures_recall_p(const struct config *cfg, const struct fsrs_card *c, double g,
			       int64_t at)
{
	/* A last review edited by hand to the far past must not overflow. */
	int64_t el = c->last_review < 0 && at > INT64_MAX + c->last_review ? INT64_MAX
		     : at - c->last_review;
	double r;

	if (el < FIGURES_DAY_MS)
		el = FIGURES_DAY_MS;
	r = fsrs_recall(&cfg->fsrs, c->stability, el);
	return r + (1.0 - r) * g;
}

static bool figures_studied(const struct store_model_card *c)
{
	return c->card.fsrs.state != FSRS_STATE_NEW && c->card.fsrs.has_last_review;
}

/* p of card C (figures.h) with guessing chance G, its topic's known
 * share K and the memory prior PI, at AT; KEPT: reviews done when due
 * until AT. */
static double figures_card_p(const struct config *cfg, const struct store_model_card *c, double g,
			     double k, double pi, int64_t at, bool kept)
{
	double fresh = k * (1.0 - FIGURES_SLIP) + (1.0 - k) * g;

	if (figures_studied(c)) {
		double p;

		if (kept && c->card.fsrs.due < at) {
			double dr = cfg->fsrs.desired_retention;

			return dr + (1.0 - dr) * g;
		}
		p = figures_recall_p(cfg, &c->card.fsrs, g, at);
		if ((c->card.fsrs.state == FSRS_STATE_LEARNING ||
		     c->card.fsrs.state == FSRS_STATE_RELEARNING) && p > fresh)
			p = fresh;
		/* Its right answers may have been guesses: the memory is
		 * real with the chance its own answers give. */
		if (c->answered > 0) {
			size_t r = c->answered_right, w = c->answered - c->answered_right;
			double l1 = pow(FIGURES_MEMORY_RIGHT, (double)r) *
				    pow(1.0 - FIGURES_MEMORY_RIGHT, (double)w);
			double l0 = pow(g, (double)r) * pow(1.0 - g, (double)w);
			double den = pi * l1 + (1.0 - pi) * l0;
			double real = den > 0.0 ? pi * l1 / den : pi;

			p = real * p + (1.0 - real) * g;
		}
		return p;
	}
	if (c->answered > 0) {
		size_t r = c->answered_right, w = c->answered - c->answered_right;
		double l1 = pow(1.0 - FIGURES_SLIP, (double)r) * pow(FIGURES_SLIP, (double)w);
		double l0 = pow(g, (double)r) * pow(1.0 - g, (double)w);
		double den = k * l1 + (1.0 - k) * l0;
		double known = den > 0.0 ? k * l1 / den : k;

		return known * (1.0 - FIGURES_SLIP) + (1.0 - known) * g;
	}
	return fresh;
}

/* The reviews card C needs before AT if every answer is Good, with
 * scheduler P (no fuzz), its first answer at FROM when it is new. */
static size_t figures_reviews_until(const struct fsrs_params *p, struct fsrs_card c,
				    int64_t from, int64_t at)
{
	size_t n = 0;

	while (n < 400) {
		int64_t when = c.state == FSRS_STATE_NEW ? from : c.due < from ? from : c.due;

		if (when >= at || fsrs_next(p, &c, when, FSRS_GOOD, &c, NULL) < 0)
			break;
		n++;
		from = when;
	}
	return n;
}

static int figures_seen_row(const struct store_model_card *c, void *ctx)
{
	struct figures_model *m = ctx;
	size_t i = figures_topic_index(m, c->card.topic_id);
	struct figures_model_topic *t;

	if (i == m->b->ntopics)
		return 0;
	t = &m->b->model[i];
	if (figures_studied(c))
		t->studied++;
	else
		t->answered_new++;
	t->expected += figures_card_p(m->cfg, c, t->guess, t->known, m->b->memory_prior, m->now, false);
	if (m->dated) {
		t->expected_kept += figures_card_p(m->cfg, c, t->guess, t->known, m->b->memory_prior, m->exam_at, true);
		t->expected_stopped += figures_card_p(m->cfg, c, t->guess, t->known, m->b->memory_prior, m->exam_at, false);
		if (figures_studied(c))
			m->reviews += figures_reviews_until(&m->plan_fsrs, c->card.fsrs, m->now, m->exam_at);
	}
	return 0;
}

/* A topic's gain per new question learned, for the plan's order. */
struct figures_gain {
	double gain;
	size_t count;
};

static int figures_cmp_gain(const void *a, const void *b)
{
	double x = ((const struct figures_gain *)a)->gain, y = ((const struct figures_gain *)b)->gain;

	return (x < y) - (x > y);
}

/* The daily plan of B (model built, dated), M its pass. */
static void figures_plan(struct figures_board *b, const struct config *cfg,
			 const struct figures_model *m)
{
	struct figures_exam_plan *pl = &b->plan;
	struct figures_gain *gains;
	double kept = 0.0, need, dr = cfg->fsrs.desired_retention;
	size_t total = 0, ng = 0, fresh_reviews = 0;
	long days = pl->days;

	for (size_t i = 0; i < b->ntopics; i++) {
		kept += b->model[i].expected_kept;
		total += b->topics[i].total;
	}
	if (total == 0)
		return;
	gains = calloc(b->ntopics ? b->ntopics : 1, sizeof(*gains));
	if (gains == NULL)
		return;
	/* A question never answered, learned and kept, reads the desired
	 * retention (or better: its guessing chance lifts it). */
	for (size_t i = 0; i < b->ntopics; i++) {
		const struct figures_model_topic *t = &b->model[i];
		double fresh = t->known * (1.0 - FIGURES_SLIP) + (1.0 - t->known) * t->guess;
		double gain = dr + (1.0 - dr) * t->guess - fresh;

		if (t->fresh > 0 && gain > 0.0) {
			gains[ng].gain = gain;
			gains[ng].count = t->fresh;
			ng++;
		}
	}
	qsort(gains, ng, sizeof(*gains), figures_cmp_gain);
	need = (double)pl->target / 100.0 * (double)total - kept;
	pl->best = kept;
	for (size_t i = 0; i < ng; i++)
		pl->best += gains[i].gain * (double)gains[i].count;
	pl->best /= (double)total;
	if (need <= 1e-9) {
		pl->reached = pl->reachable = true;
	} else {
		double got = 0.0;

		for (size_t i = 0; i < ng && got < need; i++) {
			double want = ceil((need - got) / gains[i].gain - 1e-9);
			size_t take = want < (double)gains[i].count ? (size_t)want : gains[i].count;

			got += gains[i].gain * (double)take;
			pl->new_total += take;
		}
		pl->reachable = got >= need - 1e-9;
	}
	free(gains);
	if (days <= 0)
		return;
	/* A new question's reviews, averaged over the days it may start. */
	if (pl->new_total > 0) {
		struct fsrs_card c;
		size_t sum = 0;

		for (long d = 0; d < days; d++) {
			int64_t from = b->now + d * FIGURES_DAY_MS;
			size_t n;

			fsrs_card_init(&c, from);
			/* The first answer introduces it; the rest are reviews. */
			n = figures_reviews_until(&m->plan_fsrs, c, from, m->exam_at);
			sum += n > 0 ? n - 1 : 0;
		}
		fresh_reviews = (size_t)ceil((double)sum / (double)days * (double)pl->new_total);
	}
	pl->reviews_total = m->reviews + fresh_reviews;
	pl->new_per_day = (pl->new_total + (size_t)days - 1) / (size_t)days;
	pl->reviews_per_day = (pl->reviews_total + (size_t)days - 1) / (size_t)days;
}

/* Build the model of B's topics at NOW (figures.h): B's model, pool,
 * prior, readiness, exam and, with an exam date, plan. */
static int figures_model_build(struct store *s, const struct config *cfg, int64_t now,
			       struct figures_board *b, struct whose_error *err)
{
	size_t n = b->ntopics, one = n ? n : 1, *a = NULL, *askable = NULL;
	double *x = NULL, *ready = NULL, *ksd = NULL, *sens = NULL;
	double gsum = 0.0;
	size_t gn = 0;
	struct figures_model m;
	int rc;

	memset(&m, 0, sizeof(m));
	m.cfg = cfg;
	m.now = now;
	m.b = b;
	m.dated = cfg->exam_day != CONFIG_NO_EXAM_DATE;
	memset(&b->plan, 0, sizeof(b->plan));
	b->plan.target = cfg->exam_target;
	b->model = calloc(one, sizeof(*b->model));
	m.shape_n = calloc(one, sizeof(*m.shape_n));
	m.shape_askable = calloc(one, sizeof(*m.shape_askable));
	m.shape_guess = calloc(one, sizeof(*m.shape_guess));
	a = calloc(one, sizeof(*a));
	askable = calloc(one, sizeof(*askable));
	x = calloc(one, sizeof(*x));
	ready = calloc(one, sizeof(*ready));
	ksd = calloc(one, sizeof(*ksd));
	sens = calloc(one, sizeof(*sens));
	if (b->model == NULL || m.shape_n == NULL || m.shape_askable == NULL ||
	    m.shape_guess == NULL || a == NULL || askable == NULL || x == NULL || ready == NULL ||
	    ksd == NULL || sens == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto out;
	}
	if (m.dated) {
		int64_t end;

		clock_local_day(cfg->exam_day * FIGURES_DAY_MS + FIGURES_DAY_MS / 2, cfg->day_starts_at,
				&m.exam_at, &end);
		b->plan.set = true;
		b->plan.day = cfg->exam_day;
		b->plan.at = m.exam_at;
		b->plan.days = (long)((m.exam_at - b->day_start + FIGURES_DAY_MS / 2) / FIGURES_DAY_MS);
		/* An exam date gone by projects to now. */
		if (m.exam_at < now)
			m.exam_at = now;
		m.plan_fsrs = cfg->fsrs;
		m.plan_fsrs.enable_fuzz = false;
		if (fsrs_params_prepare(&m.plan_fsrs, NULL) < 0)
			m.plan_fsrs = cfg->fsrs;
	}
	/* 1. The guessing chance of each topic's askable questions. */
	rc = store_each_shape(s, b->total > FIGURES_SHAPE_ALL ? FIGURES_SHAPE_SAMPLE : 0,
			      figures_shape_row, &m, err);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		gsum += m.shape_guess[i];
		gn += m.shape_askable[i];
	}
	for (size_t i = 0; i < n; i++) {
		struct figures_model_topic *t = &b->model[i];
		const struct store_topic *tp = &b->topics[i];

		t->guess = m.shape_askable[i] > 0 ? m.shape_guess[i] / (double)m.shape_askable[i]
			 : gn > 0 ? gsum / (double)gn : 0.0;
		t->askable = m.shape_n[i] == tp->total ? m.shape_askable[i]
			   : m.shape_n[i] > 0 ? (size_t)llround((double)tp->total * (double)m.shape_askable[i] /
							      (double)m.shape_n[i])
			   : tp->total;
		/* 2. Its first answers, beyond guessing. */
		t->first_answers = tp->first_answers;
		t->first_correct = tp->first_correct;
		t->first_known = figures_first_known(t->first_answers, t->first_correct, t->guess);
		a[i] = t->first_answers;
		x[i] = t->first_known;
	}
	/* 3. The pooled share, then each topic's. */
	figures_pool(a, x, n, &b->pool);
	for (size_t i = 0; i < n; i++)
		figures_known(a[i], x[i], b->pool.known, &b->model[i].known, &b->model[i].known_sd);
	/* 4. How often the learner's memories hold: true retention, pulled
	 * toward the desired retention while there are few reviews, beyond
	 * guessing: the prior chance that a studied question's memory is
	 * real. */
	{
		size_t n_rev = 0, n_rec = 0;
		double dr = cfg->fsrs.desired_retention, gb = gn > 0 ? gsum / (double)gn : 0.0;
		double ret, pi;

		for (size_t i = 0; i < n; i++) {
			n_rev += b->topics[i].retention_reviews;
			n_rec += b->topics[i].retention_recalled;
		}
		ret = ((double)n_rec + FIGURES_MEMORY_WEIGHT * dr) / ((double)n_rev + FIGURES_MEMORY_WEIGHT);
		pi = gb < 1.0 ? (ret - gb) / (1.0 - gb) : 1.0;
		b->memory_prior = pi < 0.05 ? 0.05 : pi > 0.99 ? 0.99 : pi;
	}
	/* 5. The questions seen, one by one. */
	rc = store_each_seen_card(s, figures_seen_row, &m, err);
	if (rc < 0)
		goto out;
	/* 6. The questions never answered, topic by topic. */
	for (size_t i = 0; i < n; i++) {
		struct figures_model_topic *t = &b->model[i];
		struct store_topic *tp = &b->topics[i];
		size_t seen = t->studied + t->answered_new;
		double fresh = t->known * (1.0 - FIGURES_SLIP) + (1.0 - t->known) * t->guess;

		t->fresh = tp->total > seen ? tp->total - seen : 0;
		t->expected += fresh * (double)t->fresh;
		t->expected_kept += fresh * (double)t->fresh;
		t->expected_stopped += fresh * (double)t->fresh;
		if (tp->total > 0) {
			t->sensitivity = (double)t->fresh * (1.0 - FIGURES_SLIP - t->guess) / (double)tp->total;
			tp->readiness = t->expected / (double)tp->total;
			t->readiness_kept = t->expected_kept / (double)tp->total;
			t->readiness_stopped = t->expected_stopped / (double)tp->total;
		} else {
			tp->readiness = t->readiness_kept = t->readiness_stopped = fresh;
		}
		askable[i] = t->askable;
		ready[i] = tp->readiness;
		ksd[i] = t->known_sd;
		sens[i] = t->sensitivity;
	}
	b->prior = b->pool.known * (1.0 - FIGURES_SLIP) +
		   (1.0 - b->pool.known) * (gn > 0 ? gsum / (double)gn : 0.0);
	figures_exam_predict(askable, ready, ksd, sens, a, n, b->pool.sd, FIGURES_EXAM_QUESTIONS,
			     &b->exam);
	b->readiness = gn > 0 ? b->exam.score : b->prior;
	if (m.dated) {
		for (size_t i = 0; i < n; i++)
			ready[i] = b->model[i].readiness_kept;
		figures_exam_predict(askable, ready, ksd, sens, a, n, b->pool.sd,
				     FIGURES_EXAM_QUESTIONS, &b->plan.kept);
		for (size_t i = 0; i < n; i++)
			ready[i] = b->model[i].readiness_stopped;
		figures_exam_predict(askable, ready, ksd, sens, a, n, b->pool.sd,
				     FIGURES_EXAM_QUESTIONS, &b->plan.stopped);
		figures_plan(b, cfg, &m);
	}
	rc = 0;
out:
	free(m.shape_n);
	free(m.shape_askable);
	free(m.shape_guess);
	free(a);
	free(askable);
	free(x);
	free(ready);
	free(ksd);
	free(sens);
	return rc;
}

double figures_brier(const struct store_calibration *c)
{
	if (c->answers == 0)
		return -1.0;
	return c->squared_error / (double)c->answers;
}

int figures_due_learning(struct store *s, const struct config *cfg, int64_t now,
			 size_t *n, struct whose_error *err)
{
	int64_t day_start, day_end, learn_before;

	/* Due now: the learning steps a review would take now, within the
	 * learn-ahead limit but not past the end of the day. */
	clock_local_day(now, cfg->day_starts_at, &day_start, &day_end);
	learn_before = now + SESSION_LEARN_AHEAD_MS;
	if (learn_before > day_end)
		learn_before = day_end;
	return store_count_learning(s, learn_before, n, err);
}

/* figures_due_collect and figures_due_left: new cards waiting counted up
 * to FRESH_MAX, or only as far as today's room when LEFT_ONLY. */
static int figures_due_count(struct store *s, const struct config *cfg, int64_t now,
			     struct figures_due *d, bool left_only, struct whose_error *err)
{
	size_t learning_today, introduced, room = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	clock_local_day(now, cfg->day_starts_at, &d->day_start, &d->day_end);
	rc = store_count_introduced(s, d->day_start, &introduced, err);
	if (rc < 0)
		return rc;
	if (introduced < (size_t)cfg->new_per_day)
		room = (size_t)cfg->new_per_day - introduced;
	/* Due today: every learning or review card due before the day ends. */
	rc = store_count_queues(s, d->day_end, d->day_end, left_only ? room : STORE_NEW_COUNT_CAP,
				&learning_today, &d->due_review, &d->new_waiting, err);
	if (rc < 0)
		return rc;
	d->due_today = learning_today + d->due_review;
	rc = figures_due_learning(s, cfg, now, &d->due_learning, err);
	if (rc < 0)
		return rc;
	d->due_now = d->due_learning + d->due_review;
	d->new_today = d->new_waiting < room ? d->new_waiting : room;
	return 0;
}

int figures_due_collect(struct store *s, const struct config *cfg, int64_t now,
			struct figures_due *d, struct whose_error *err)
{
	return figures_due_count(s, cfg, now, d, false, err);
}

int figures_due_left(struct store *s, const struct config *cfg, int64_t now,
		     struct figures_due *d, struct whose_error *err)
{
	return figures_due_count(s, cfg, now, d, true, err);
}

int figures_board_collect(struct store *s, const struct config *cfg, int64_t now,
			  struct figures_board *b, struct whose_error *err)
{
	struct figures_due d;
	int rc;

	memset(b, 0, sizeof(*b));
	b->now = now;
	rc = figures_due_collect(s, cfg, now, &d, err);
	if (rc < 0)
		return rc;
	b->day_start = d.day_start;
	b->day_end = d.day_end;
	b->due_learning = d.due_learning;
	b->due_review = d.due_review;
	b->due_now = d.due_now;
	b->due_today = d.due_today;
	b->new_waiting = d.new_waiting;
	b->new_today = d.new_today;
	rc = store_topics(s, &cfg->fsrs, now, b->day_end, &b->topics, &b->ntopics, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < b->ntopics; i++) {
		const struct store_topic *t = &b->topics[i];

		b->total += t->total;
		b->seen += t->seen;
		b->studied += t->studied;
		b->answers += t->answers;
		b->correct += t->correct;
		b->retention_reviews += t->retention_reviews;
		b->retention_recalled += t->retention_recalled;
		b->first_answers += t->first_answers;
		b->first_correct += t->first_correct;
	}
	/* The queue count stops at a cap; never-studied questions are exact. */
	if (b->new_waiting >= STORE_NEW_COUNT_CAP)
		b->new_waiting = b->total - (b->studied < b->total ? b->studied : b->total);
	rc = figures_model_build(s, cfg, now, b, err);
	if (rc < 0)
		figures_board_free(b);
	return rc;
}

void figures_board_free(struct figures_board *b)
{
	if (b == NULL)
		return;
	free(b->topics);
	free(b->model);
	b->topics = NULL;
	b->model = NULL;
	b->ntopics = 0;
}

struct figures_record {
	struct store *s;
	const struct config *cfg;
	int64_t exam_id, now;
	struct figures_board *b;
	struct whose_error *err;
};

/* p of one exam question, with its own guessing chance. */
static int figures_record_one(const struct store_exam_answer *ans, void *ctx)
{
	struct figures_record *r = ctx;
	struct store_model_card c;
	const struct figures_model_topic *t = NULL;
	double g = 0.0, k = FIGURES_POOL_MEAN;
	int type, rc = store_model_card_get(r->s, ans->question_id, &c, r->err);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < r->b->ntopics; i++)
		if (r->b->topics[i].id == c.card.topic_id)
			t = &r->b->model[i];
	if (t != NULL)
		k = t->known;
	type = question_type_from_name(c.type);
	if (type >= 0)
		g = question_guess_chance((enum question_type)type, c.nslots, c.nright);
	return store_exam_predict(r->s, r->exam_id, ans->question_id,
				  figures_card_p(r->cfg, &c, g, k, r->b->memory_prior, r->now, false), r->err);
}

int figures_exam_record(struct store *s, const struct config *cfg, int64_t exam_id,
			int64_t now, struct whose_error *err)
{
	struct figures_board b;
	struct figures_record r;
	struct config c = *cfg;
	int rc;

	memset(&b, 0, sizeof(b));
	b.now = now;
	c.exam_day = CONFIG_NO_EXAM_DATE;   /* no plan needed */
	rc = store_topics(s, &cfg->fsrs, now, now, &b.topics, &b.ntopics, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < b.ntopics; i++)
		b.total += b.topics[i].total;
	rc = figures_model_build(s, &c, now, &b, err);
	if (rc == 0) {
		r.s = s;
		r.cfg = cfg;
		r.exam_id = exam_id;
		r.now = now;
		r.b = &b;
		r.err = err;
		rc = store_exam_answers(s, exam_id, figures_record_one, &r, err);
	}
	figures_board_free(&b);
	return rc;
}

void figures_exam_date_text(const struct figures_board *b, char *buf, size_t len)
{
	const struct figures_exam_plan *pl = &b->plan;
	char iso[32], kept[FIGURES_PCT_LEN], stopped[FIGURES_PCT_LEN];

	if (len == 0)
		return;
	buf[0] = '\0';
	if (!pl->set)
		return;
	clock_format_iso(pl->day * FIGURES_DAY_MS + FIGURES_DAY_MS / 2, iso, sizeof(iso));
	figures_format_percent(figures_percent_of(pl->kept.score), kept, sizeof(kept));
	figures_format_percent(figures_percent_of(pl->stopped.score), stopped, sizeof(stopped));
	if (pl->days > 0)
		snprintf(buf, len, "Exam date: %.10s (%ld day%s): projected %s if every review is done when due, %s if you stop now.",
			 iso, pl->days, pl->days == 1 ? "" : "s", kept, stopped);
	else
		snprintf(buf, len, "Exam date: %.10s.", iso);
}

void figures_plan_text(const struct figures_board *b, bool compact, char *buf, size_t len)
{
	const struct figures_exam_plan *pl = &b->plan;
	time_t t = (time_t)(pl->day * 86400 + 43200);
	struct tm tm;
	char day[32] = "", proj[FIGURES_PCT_LEN], lo[FIGURES_PCT_LEN], hi[FIGURES_PCT_LEN];
	char best[FIGURES_PCT_LEN];

	if (len == 0)
		return;
	buf[0] = '\0';
	if (!pl->set)
		return;
	/* The date as the learner set it (a calendar day, no zone). */
	if (gmtime_r(&t, &tm) != NULL)
		strftime(day, sizeof(day), pl->days > 300 || pl->days < 0 ? "%d %b %Y" : "%d %b", &tm);
	figures_format_percent(figures_percent_of(pl->kept.score), proj, sizeof(proj));
	figures_format_percent(figures_percent_of(pl->kept.low), lo, sizeof(lo));
	figures_format_percent(figures_percent_of(pl->kept.high), hi, sizeof(hi));
	figures_format_percent(figures_percent_of(pl->best), best, sizeof(best));
	if (pl->days < 0) {
		snprintf(buf, len, compact ? "Exam date %s has passed: whose config exam-date none"
					   : "The exam date, %s, has passed: 'whose config exam-date none' clears it.",
			 day);
	} else if (pl->days == 0) {
		snprintf(buf, len, compact ? "Exam today: predicted %s (likely %s to %s)"
					   : "Exam today: predicted %s (likely %s to %s).",
			 proj, lo, hi);
	} else if (pl->reached) {
		if (compact)
			snprintf(buf, len, "Exam %s: %s projected, target %d%% reached; ~%zu reviews a day",
				 day, proj, pl->target, pl->reviews_per_day);
		else
			snprintf(buf, len, "To stay at %d%% or more by %s: about %zu reviews a day, no new questions needed (%s projected, likely %s to %s).",
				 pl->target, day, pl->reviews_per_day, proj, lo, hi);
	} else if (!pl->reachable) {
		if (compact)
			snprintf(buf, len, "Exam %s: %s projected; %d%% is out of reach (at most %s)",
				 day, proj, pl->target, best);
		else
			snprintf(buf, len, "%d%% by %s is out of reach: learning every new question gives about %s; about %zu reviews and %zu new questions a day get there (%s projected now).",
				 pl->target, day, best, pl->reviews_per_day, pl->new_per_day, proj);
	} else {
		if (compact)
			snprintf(buf, len, "Exam %s: %s projected; %d%% takes ~%zu reviews + %zu new a day",
				 day, proj, pl->target, pl->reviews_per_day, pl->new_per_day);
		else
			snprintf(buf, len, "To reach %d%% by %s: about %zu reviews and %zu new questions a day (%s projected if you only keep up with reviews, likely %s to %s).",
				 pl->target, day, pl->reviews_per_day, pl->new_per_day, proj, lo, hi);
	}
}

/* ---- what comes after a session ----------------------------------- */

int figures_outlook_collect(struct store *st, const struct config *c, int64_t now,
			struct figures_outlook *out, struct whose_error *err)
{
	int64_t ds, de, ds2, de2, learn, review;
	struct figures_due due;
	size_t l, r, fresh, today;
	int rc;

	memset(out, 0, sizeof(*out));
	clock_local_day(now, c->day_starts_at, &ds, &de);
	clock_local_day(de, c->day_starts_at, &ds2, &de2);
	rc = store_next_due(st, 1, &learn, err);
	if (rc == 0)
		rc = store_next_due(st, 2, &review, err);
	if (rc < 0)
		return rc;
	out->next_due = learn < 0 ? review : review < 0 ? learn : learn < review ? learn : review;
	/* Due now as the home screen counts it (figures_due_collect), so
	 * that the end of a session and the home screen say the same. */
	rc = figures_due_collect(st, c, now, &due, err);
	if (rc < 0)
		return rc;
	out->due_now = due.due_now;
	rc = store_count_queues(st, de, de, STORE_NEW_COUNT_CAP, &l, &r, &fresh, err);
	if (rc < 0)
		return rc;
	today = l + r;
	rc = store_count_queues(st, de2, de2, STORE_NEW_COUNT_CAP, &l, &r, &fresh, err);
	if (rc < 0)
		return rc;
	out->tomorrow = l + r - today;
	out->new_tomorrow = fresh < (size_t)c->new_per_day ? fresh : (size_t)c->new_per_day;
	return 0;
}

void figures_outlook_text(const struct figures_outlook *o, int64_t now,
			  char *buf, size_t len)
{
	char when[FSRS_LABEL_MAX], clock[16] = "";
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (o->due_now > 0) {
		/* The home screen's "Due now", never "next review in 2h"
		 * beside it. */
		used = (size_t)snprintf(buf, len, "%zu question%s still due now.", o->due_now,
					o->due_now == 1 ? " is" : "s are");
	} else if (o->next_due < 0) {
		used = (size_t)snprintf(buf, len, "No review is scheduled yet.");
	} else if (o->next_due <= now) {
		used = (size_t)snprintf(buf, len, "%zu question%s still due now.", o->due_now,
					o->due_now == 1 ? " is" : "s are");
	} else {
		time_t t = (time_t)(o->next_due / 1000);
		struct tm tm;

		fsrs_format_interval(o->next_due - now, when, sizeof(when));
		if (localtime_r(&t, &tm) != NULL)
			strftime(clock, sizeof(clock), o->next_due - now < 86400000 ? "%H:%M" : "%a %d %b %H:%M", &tm);
		used = (size_t)snprintf(buf, len, "Next review in %s (%s).", when, clock);
	}
	if (used >= len)
		return;
	snprintf(buf + used, len - used, " Tomorrow: %zu review%s and %zu new question%s.",
		 o->tomorrow, o->tomorrow == 1 ? "" : "s", o->new_tomorrow,
		 o->new_tomorrow == 1 ? "" : "s");
}

double figures_card_recall(const struct fsrs_params *p, const struct fsrs_card *card,
			   int64_t now)
{
	if (!card->has_last_review || card->stability <= 0.0)
		return -1.0;
	return fsrs_recall(p, card->stability, now - card->last_review);
}

int64_t figures_exam_moment(const struct config *cfg, int64_t now)
{
	int64_t at, end;

	if (cfg->exam_day == CONFIG_NO_EXAM_DATE)
		return -1;
	/* As figures_board_collect takes it for the projection. */
	clock_local_day(cfg->exam_day * FIGURES_DAY_MS + FIGURES_DAY_MS / 2, cfg->day_starts_at,
			&at, &end);
	return at < now ? now : at;
}
