/*
 * exam.c - a timed mock exam (see include/whose/exam.h for its life).
 *
 * Drawing the questions: the askable questions (not retired, not flagged,
 * not cards) are grouped by topic; each topic gets a quota by the largest
 * remainder method, so that the exam mirrors the bank's proportions and
 * the quotas sum exactly to the length asked for; within a topic the
 * questions are drawn at random, and the whole draw is then shuffled so
 * that topics are mixed.  The generator is splitmix64, seeded by the
 * options (WHOSE_SEED in tests) or the clock, and the seed is stored with
 * the exam.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whose/exam.h"
#include "whose/figures.h"
#include "whose/review.h"
#include "whose/rng.h"

struct exam {
	struct store *store;
	struct exam_opts opts;
	struct rng rng;
	int64_t id;
	int64_t started_at;
	int64_t deadline;
	size_t requested;
	struct exam_item *items;
	size_t n;
	size_t visiting;         /* the question on screen, or n */
	bool submitted;
	struct exam_result result;
};

/* ---- drawing ------------------------------------------------------------ */

size_t exam_quotas(const size_t *sizes, size_t ntopics, size_t n,
		   size_t *quota)
{
	uint64_t total = 0;
	size_t given = 0;

	for (size_t i = 0; i < ntopics; i++)
		total += sizes[i];
	if (total == 0)
		return 0;
	if ((uint64_t)n >= total) {
		for (size_t i = 0; i < ntopics; i++)
			quota[i] = sizes[i];
		return (size_t)total;
	}
	for (size_t i = 0; i < ntopics; i++) {
		quota[i] = (size_t)((uint64_t)n * sizes[i] / total);
		given += quota[i];
	}
	/* Hand out what is left one by one to the largest remainder.  The
	 * remainders share the denominator TOTAL, so they compare exactly. */
	while (given < n) {
		size_t best = ntopics;
		uint64_t best_rem = 0;

		for (size_t i = 0; i < ntopics; i++) {
			uint64_t rem = (uint64_t)n * sizes[i] % total;

			/* Once a topic had its extra one it is out of the
			 * running: its quota is above its floor. */
			if (quota[i] != (size_t)((uint64_t)n * sizes[i] / total) || rem == 0)
				continue;
			if (best == ntopics || rem > best_rem ||
			    (rem == best_rem && sizes[i] > sizes[best])) {
				best = i;
				best_rem = rem;
			}
		}
		if (best == ntopics)
			break;  /* cannot happen: the remainders sum to what is left */
		quota[best]++;
		given++;
	}
	return given;
}

struct exam_topic_pool {
	char name[48];
	int64_t *ids;
	size_t n, cap;
};

struct exam_pool {
	struct exam_topic_pool *topics;
	size_t ntopics, cap;
	size_t total;
};

static int exam_pool_add(int64_t question_id, const char *qid, const char *topic,
			 void *ctx)
{
	struct exam_pool *p = ctx;
	struct exam_topic_pool *t = NULL;

	(void)qid;
	for (size_t i = 0; i < p->ntopics; i++)
		if (strcmp(p->topics[i].name, topic) == 0)
			t = &p->topics[i];
	if (t == NULL) {
		if (p->ntopics == p->cap) {
			size_t cap = p->cap ? p->cap * 2 : 16;
			struct exam_topic_pool *grown = realloc(p->topics, cap * sizeof(*grown));

			if (grown == NULL)
				return WHOSE_ENOMEM;
			p->topics = grown;
			p->cap = cap;
		}
		t = &p->topics[p->ntopics++];
		memset(t, 0, sizeof(*t));
		/* Topic names are at most BANK_MAX_TOPIC (40) bytes. */
		snprintf(t->name, sizeof(t->name), "%s", topic);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		int64_t *grown = realloc(t->ids, cap * sizeof(*grown));

		if (grown == NULL)
			return WHOSE_ENOMEM;
		t->ids = grown;
		t->cap = cap;
	}
	t->ids[t->n++] = question_id;
	p->total++;
	return 0;
}

static void exam_pool_free(struct exam_pool *p)
{
	for (size_t i = 0; i < p->ntopics; i++)
		free(p->topics[i].ids);
	free(p->topics);
}

static int exam_cmp_topic(const void *a, const void *b)
{
	const struct exam_topic_pool *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* Draw the questions into a malloc'd *IDS of *N. */
static int exam_draw(struct exam *e, int64_t **ids, size_t *n,
		     struct whose_error *err)
{
	struct exam_pool pool;
	size_t *sizes = NULL, *quota = NULL, got = 0;
	int64_t *out = NULL;
	int rc;

	*ids = NULL;
	*n = 0;
	memset(&pool, 0, sizeof(pool));
	rc = store_each_askable(e->store, false, exam_pool_add, &pool, err);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(err, rc, "out of memory");
	if (rc < 0)
		goto out;
	if (pool.total == 0) {
		rc = whose_error_set(err, WHOSE_ENOTFOUND,
				     "there is no question to ask: import a bank first (whose import FILE.csv), or unflag questions");
		goto out;
	}
	/* The database's order of topics is not the bank's: sort by name. */
	if (pool.ntopics > 1)
		qsort(pool.topics, pool.ntopics, sizeof(pool.topics[0]), exam_cmp_topic);
	sizes = calloc(pool.ntopics, sizeof(*sizes));
	quota = calloc(pool.ntopics, sizeof(*quota));
	out = calloc(e->requested < pool.total ? e->requested : pool.total, sizeof(*out));
	if (sizes == NULL || quota == NULL || out == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < pool.ntopics; i++)
		sizes[i] = pool.topics[i].n;
	exam_quotas(sizes, pool.ntopics, e->requested, quota);
	for (size_t i = 0; i < pool.ntopics; i++) {
		struct exam_topic_pool *t = &pool.topics[i];

		/* A partial Fisher-Yates shuffle: the first QUOTA are a
		 * uniform draw without replacement. */
		for (size_t k = 0; k < quota[i]; k++) {
			size_t j = k + rng_below(&e->rng, t->n - k);
			int64_t tmp = t->ids[k];

			t->ids[k] = t->ids[j];
			t->ids[j] = tmp;
			out[got++] = t->ids[k];
		}
	}
	rng_shuffle_ids(&e->rng, out, got);
	*ids = out;
	*n = got;
	out = NULL;
	rc = 0;
out:
	free(out);
	free(sizes);
	free(quota);
	exam_pool_free(&pool);
	return rc;
}

/* Save question I's response in progress and flag (one transaction): the
 * sink of every exam attempt. */
static int exam_save_item(struct exam *e, size_t i, struct whose_error *err);

static int exam_sink_save(const struct attempt *a, void *ctx, struct whose_error *err)
{
	struct exam *e = ctx;
	const struct exam_item *it = (const struct exam_item *)(const void *)
		((const char *)a - offsetof(struct exam_item, a));

	return exam_save_item(e, (size_t)(it - e->items), err);
}

/* Load question QUESTION_ID into IT: parse it and shuffle its choices. */
static int exam_load(struct exam *e, struct exam_item *it, int64_t question_id,
		     struct whose_error *err)
{
	int rc = attempt_load(&it->a, e->store, question_id, &e->rng, err);

	if (rc < 0)
		return rc;
	it->a.sink.save = exam_sink_save;
	it->a.sink.ctx = e;
	return 0;
}

/* Store the exam and its questions (one transaction). */
static int exam_save_new(struct exam *e, struct whose_error *err)
{
	int rc = store_begin(e->store, err);

	if (rc < 0)
		return rc;
	rc = store_exam_add(e->store, e->started_at, e->opts.minutes, e->opts.pass_percent,
			    e->n, e->opts.seed, &e->id, err);
	for (size_t i = 0; i < e->n && rc == 0; i++)
		rc = store_exam_add_question(e->store, e->id, i, e->items[i].a.item.question_id,
					     e->items[i].a.item.card.topic_id, err);
	if (rc == 0)
		rc = store_commit(e->store, err);
	if (rc < 0)
		store_rollback(e->store);
	return rc;
}

int exam_start(struct store *s, const struct exam_opts *o, struct exam **out,
	       struct whose_error *err)
{
	struct exam *e;
	int64_t *ids = NULL;
	int rc;

	*out = NULL;
	if (o->config == NULL || o->clock == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "an exam needs a configuration and a clock");
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	e->store = s;
	e->opts = *o;
	if (e->opts.questions == 0)
		e->opts.questions = EXAM_DEFAULT_QUESTIONS;
	if (e->opts.minutes == 0)
		e->opts.minutes = EXAM_DEFAULT_MINUTES;
	if (e->opts.pass_percent == 0)
		e->opts.pass_percent = EXAM_DEFAULT_PASS;
	if (e->opts.questions > EXAM_MAX_QUESTIONS || e->opts.minutes < 1 ||
	    e->opts.minutes > EXAM_MAX_MINUTES || e->opts.pass_percent < 1 ||
	    e->opts.pass_percent > 100) {
		free(e);
		return whose_error_set(err, WHOSE_EINVAL,
				       "an exam has 1 to %d questions, 1 to %d minutes and a pass mark from 1 to 100%%",
				       EXAM_MAX_QUESTIONS, EXAM_MAX_MINUTES);
	}
	e->started_at = clock_now(o->clock);
	if (e->opts.seed == 0)
		e->opts.seed = rng_seed_from_time(e->started_at);
	/* The store keeps 63 bits: keep the seed that it can give back. */
	e->opts.seed &= 0x7FFFFFFFFFFFFFFFULL;
	rng_seed(&e->rng, e->opts.seed);
	e->deadline = e->started_at + (int64_t)e->opts.minutes * 60000;
	e->requested = e->opts.questions;

	rc = exam_draw(e, &ids, &e->n, err);
	if (rc < 0)
		goto fail;
	e->visiting = e->n;
	e->items = calloc(e->n, sizeof(*e->items));
	if (e->items == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < e->n; i++) {
		rc = exam_load(e, &e->items[i], ids[i], err);
		if (rc < 0) {
			e->n = i;  /* free only what was loaded */
			goto fail;
		}
	}
	rc = exam_save_new(e, err);
	if (rc < 0)
		goto fail;
	free(ids);
	*out = e;
	return 0;
fail:
	free(ids);
	exam_free(e);
	return rc;
}

void exam_free(struct exam *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->n; i++)
		attempt_free(&e->items[i].a);
	free(e->items);
	free(e->result.topics);
	free(e->result.wrong);
	free(e);
}

size_t exam_count(const struct exam *e)
{
	return e->n;
}

size_t exam_requested(const struct exam *e)
{
	return e->requested;
}

int64_t exam_id(const struct exam *e)
{
	return e->id;
}

int exam_minutes(const struct exam *e)
{
	return e->opts.minutes;
}

int exam_pass_percent(const struct exam *e)
{
	return e->opts.pass_percent;
}

const struct exam_item *exam_item(const struct exam *e, size_t i)
{
	return i < e->n ? &e->items[i] : NULL;
}

size_t exam_unanswered(const struct exam *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->n; i++)
		n += !attempt_answered(&e->items[i].a);
	return n;
}

int64_t exam_time_left(const struct exam *e)
{
	int64_t left = e->deadline - clock_now(e->opts.clock);

	return left > 0 ? left : 0;
}

bool exam_expired(const struct exam *e)
{
	return exam_time_left(e) == 0;
}

bool exam_submitted(const struct exam *e)
{
	return e->submitted;
}

/* May question I change now?  Sets ERR when not. */
static int exam_open_for(const struct exam *e, size_t i, struct whose_error *err)
{
	if (e->submitted)
		return whose_error_set(err, WHOSE_EINVAL, "the exam is already submitted");
	if (exam_expired(e))
		return whose_error_set(err, WHOSE_EINVAL, "the time is up: the exam is to be submitted");
	if (i >= e->n)
		return whose_error_set(err, WHOSE_EINVAL, "there is no question %zu in this exam", i + 1);
	return 0;
}

static int exam_save_item(struct exam *e, size_t i, struct whose_error *err)
{
	struct exam_item *it = &e->items[i];
	char text[256];
	bool answered;
	int rc = exam_open_for(e, i, err);

	if (rc < 0)
		return rc;
	answered = attempt_answered(&it->a);
	attempt_response_text(&it->a, text, sizeof(text));
	rc = store_begin(e->store, err);
	if (rc < 0)
		return rc;
	rc = store_exam_answer(e->store, e->id, i, answered ? text : NULL,
			       attempt_complete(&it->a) && question_grade(&it->a.q, &it->a.response),
			       it->flagged, err);
	if (rc == 0)
		rc = store_commit(e->store, err);
	if (rc < 0)
		store_rollback(e->store);
	else
		it->answered_at = clock_now(e->opts.clock);
	return rc;
}

struct attempt *exam_attempt(struct exam *e, size_t i, struct whose_error *err)
{
	if (exam_open_for(e, i, err) < 0)
		return NULL;
	return &e->items[i].a;
}

int exam_answer(struct exam *e, size_t i, const struct question_response *r,
		struct whose_error *err)
{
	struct attempt *a = exam_attempt(e, i, err);

	return a != NULL ? attempt_set(a, r, err) : WHOSE_EINVAL;
}

int exam_clear(struct exam *e, size_t i, struct whose_error *err)
{
	struct attempt *a = exam_attempt(e, i, err);

	return a != NULL ? attempt_clear(a, err) : WHOSE_EINVAL;
}

void exam_visit(struct exam *e, size_t i)
{
	int64_t now = clock_now(e->opts.clock);

	if (e->visiting < e->n)
		attempt_hide(&e->items[e->visiting].a, now);
	e->visiting = i < e->n ? i : e->n;
	if (e->visiting < e->n)
		attempt_show(&e->items[e->visiting].a, now);
}

int exam_flag(struct exam *e, size_t i, bool flagged, struct whose_error *err)
{
	bool before;
	int rc = exam_open_for(e, i, err);

	if (rc < 0)
		return rc;
	before = e->items[i].flagged;
	e->items[i].flagged = flagged;
	rc = exam_save_item(e, i, err);
	if (rc < 0)
		e->items[i].flagged = before;
	return rc;
}

static int exam_cmp_score(const void *a, const void *b)
{
	const struct exam_topic_score *x = a, *y = b;

	return strcmp(x->topic, y->topic);
}

/* Fill e->result from the answers. */
static int exam_score(struct exam *e, bool timed_out, int64_t finished_at,
		      struct whose_error *err)
{
	struct exam_result *r = &e->result;

	memset(r, 0, sizeof(*r));
	r->total = e->n;
	r->timed_out = timed_out;
	r->started_at = e->started_at;
	r->finished_at = finished_at;
	r->topics = calloc(e->n ? e->n : 1, sizeof(*r->topics));
	r->wrong = calloc(e->n ? e->n : 1, sizeof(*r->wrong));
	if (r->topics == NULL || r->wrong == NULL) {
		free(r->topics);
		free(r->wrong);
		memset(r, 0, sizeof(*r));
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < e->n; i++) {
		struct exam_item *it = &e->items[i];
		bool right;
		struct exam_topic_score *t = NULL;

		/* Graded as the response stands, complete or not. */
		attempt_grade(&it->a, false);
		right = it->a.grade.correct;
		for (size_t k = 0; k < r->ntopics; k++)
			if (strcmp(r->topics[k].topic, it->a.item.topic) == 0)
				t = &r->topics[k];
		if (t == NULL) {
			t = &r->topics[r->ntopics++];
			snprintf(t->topic, sizeof(t->topic), "%s", it->a.item.topic);
		}
		t->total++;
		if (right) {
			t->correct++;
			r->correct++;
		} else {
			r->wrong[r->nwrong++] = i;
		}
	}
	if (r->ntopics > 1)
		qsort(r->topics, r->ntopics, sizeof(r->topics[0]), exam_cmp_score);
	r->percent = figures_percent(r->correct, r->total);
	/* Exactly: correct / total >= pass / 100. */
	r->passed = (uint64_t)r->correct * 100 >= (uint64_t)e->opts.pass_percent * r->total;
	return 0;
}

int exam_submit(struct exam *e, bool timed_out, struct whose_error *err)
{
	int64_t now = clock_now(e->opts.clock), finished_at;
	struct review_result res;
	int rc;

	if (e->submitted)
		return whose_error_set(err, WHOSE_EINVAL, "the exam is already submitted");
	if (now >= e->deadline)
		timed_out = true;
	exam_visit(e, e->n);
	/* A timed-out exam ended at its deadline, however late it is
	 * noticed (a learner who walked away). */
	finished_at = timed_out && now > e->deadline ? e->deadline : now;
	rc = exam_score(e, timed_out, finished_at, err);
	if (rc < 0)
		return rc;
	rc = store_begin(e->store, err);
	for (size_t i = 0; i < e->n && rc == 0; i++) {
		struct exam_item *it = &e->items[i];

		if (!it->a.grade.answered)
			continue;
		rc = review_apply(e->store, e->opts.config, it->a.item.question_id,
				  it->a.grade.correct ? FSRS_GOOD : FSRS_AGAIN, it->a.grade.correct,
				  it->answered_at, it->a.spent_ms, "exam", false, &res, err);
	}
	if (rc == 0)
		rc = store_exam_finish(e->store, e->id, finished_at, e->result.correct,
				       e->result.passed, timed_out, err);
	if (rc == 0)
		rc = store_commit(e->store, err);
	if (rc < 0) {
		store_rollback(e->store);
		free(e->result.topics);
		free(e->result.wrong);
		memset(&e->result, 0, sizeof(e->result));
		return rc;
	}
	e->submitted = true;
	for (size_t i = 0; i < e->n; i++)
		attempt_commit(&e->items[i].a);
	return 0;
}

int exam_expire(struct exam *e, struct whose_error *err)
{
	int rc;

	if (e->submitted || !exam_expired(e))
		return 0;
	rc = exam_submit(e, true, err);
	return rc < 0 ? rc : 1;
}

const struct exam_result *exam_result(const struct exam *e)
{
	return e->submitted ? &e->result : NULL;
}

/* ---- past exams --------------------------------------------------------- */

void exam_trend_of(const struct store_exam_row *rows, size_t n,
		   struct exam_trend *t)
{
	int prev = 0;
	size_t seen = 0;
	double sum = 0;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < n; i++) {
		int p;

		if (rows[i].finished_at == 0)
			continue;
		p = figures_percent(rows[i].correct, rows[i].questions);
		if (seen == 0 || p > t->best)
			t->best = p;
		prev = t->last;
		t->last = p;
		seen++;
		t->passed += rows[i].passed;
	}
	t->finished = seen;
	if (seen >= 2) {
		t->have_change = true;
		t->change = t->last - prev;
	}
	/* The mean of the last five submitted. */
	for (size_t i = n; i > 0 && t->naverage < 5; i--) {
		const struct store_exam_row *r = &rows[i - 1];

		if (r->finished_at == 0)
			continue;
		sum += figures_percent(r->correct, r->questions);
		t->naverage++;
	}
	if (t->naverage > 0)
		t->average = sum / (double)t->naverage;
}

int exam_history(struct store *s, size_t max, struct store_exam_row **rows,
		 size_t *n, struct exam_trend *t, struct whose_error *err)
{
	int rc = store_exam_list(s, max, rows, n, err);

	if (rc < 0)
		return rc;
	exam_trend_of(*rows, *n, t);
	return 0;
}
