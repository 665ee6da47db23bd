/*
 * drill.c - a classroom drill (see include/whose/drill.h).
 *
 * Choosing the questions, in full, so that it can be done again by hand:
 *   1. every askable question (not retired, not a card; flagged ones too),
 *      sorted by bank id in byte order;
 *   2. only those whose topic matches one of the names given (ASCII
 *      case-insensitive), when names are given;
 *   3. a Fisher-Yates shuffle from the last position down, the swap
 *      partner drawn by rng_below from splitmix64 seeded with the seed;
 *   4. the first COUNT.
 * The choice order of a question (when its bank lets it be shuffled): the
 * same shuffle over its choices, with splitmix64 seeded by the seed XOR
 * the 64-bit FNV-1a hash of its bank id.
 * With a list of bank ids (drill_opts.ids), steps 2 to 4 give way to the
 * list itself: each id must be in step 1's set, and the questions are
 * asked in the order given.
 */
#include <stdlib.h>
#include <string.h>

#include "whose/drill.h"
#include "whose/names.h"
#include "whose/results.h"
#include "whose/review.h"
#include "whose/rng.h"

struct drill {
	struct store *store;
	struct drill_opts opts;
	size_t requested;
	struct drill_item *items;
	size_t n;
	size_t next;       /* the next question drill_next shows */
	bool on_screen;    /* items[next - 1] is waiting for an answer */
};


/* ASCII case-insensitive equality: the same in every locale. */
static bool drill_same_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
		if (x == '\0')
			return true;
	}
}

struct drill_candidate {
	int64_t question_id;
	char *qid;
	char *topic;
};

struct drill_pool {
	struct drill_candidate *c;
	size_t n, cap;
};

static int drill_pool_add(int64_t question_id, const char *qid, const char *topic,
			  void *ctx)
{
	struct drill_pool *p = ctx;
	struct drill_candidate *c;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct drill_candidate *grown = realloc(p->c, cap * sizeof(*grown));

		if (grown == NULL)
			return WHOSE_ENOMEM;
		p->c = grown;
		p->cap = cap;
	}
	c = &p->c[p->n];
	c->question_id = question_id;
	c->qid = strdup(qid);
	c->topic = strdup(topic);
	if (c->qid == NULL || c->topic == NULL) {
		free(c->qid);
		free(c->topic);
		return WHOSE_ENOMEM;
	}
	p->n++;
	return 0;
}

static void drill_pool_free(struct drill_pool *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->c[i].qid);
		free(p->c[i].topic);
	}
	free(p->c);
}

static int drill_cmp_qid(const void *a, const void *b)
{
	const struct drill_candidate *x = a, *y = b;

	return strcmp(x->qid, y->qid);
}

/* Keep only the candidates of the named topics (steps 1 and 2). */
static int drill_filter(struct drill_pool *p, const char *const *topics,
			size_t ntopics, struct whose_error *err)
{
	size_t kept = 0;

	for (size_t t = 0; t < ntopics; t++) {
		bool found = false;

		for (size_t i = 0; i < p->n && !found; i++)
			found = drill_same_name(p->c[i].topic, topics[t]);
		if (!found)
			return whose_error_set(err, WHOSE_ENOTFOUND,
					       "no topic named '%s' has questions a drill can ask: 'whose stats' lists the topics",
					       topics[t]);
	}
	if (ntopics == 0)
		return 0;
	for (size_t i = 0; i < p->n; i++) {
		bool keep = false;

		for (size_t t = 0; t < ntopics && !keep; t++)
			keep = drill_same_name(p->c[i].topic, topics[t]);
		if (keep) {
			p->c[kept++] = p->c[i];
		} else {
			free(p->c[i].qid);
			free(p->c[i].topic);
		}
	}
	p->n = kept;
	return 0;
}

/* Replace the pool by the candidates named in IDS, in that order (the
 * pool is sorted by bank id).  Every id must be a candidate, once. */
static int drill_pick_ids(struct drill_pool *p, struct store *s,
			  const char *const *ids, size_t nids,
			  struct whose_error *err)
{
	struct drill_candidate *picked;
	const char **names;
	int rc = 0;

	for (size_t i = 0; i < nids; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				return whose_error_set(err, WHOSE_EINVAL,
						       "question '%s' is given twice: give each id once",
						       ids[i]);
	picked = calloc(nids, sizeof(*picked));
	names = calloc(p->n ? p->n : 1, sizeof(*names));
	if (picked == NULL || names == NULL) {
		free(picked);
		free(names);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	for (size_t j = 0; j < p->n; j++)
		names[j] = p->c[j].qid;
	for (size_t i = 0; i < nids && rc == 0; i++) {
		struct drill_candidate key = { 0, (char *)ids[i], NULL };
		struct drill_candidate *hit = p->n ? bsearch(&key, p->c, p->n, sizeof(p->c[0]),
							     drill_cmp_qid) : NULL;
		int64_t question_id;
		struct whose_error ignored;
		size_t near = p->n;

		if (hit != NULL) {
			picked[i] = *hit;
			continue;
		}
		if (store_question_find(s, ids[i], &question_id, &ignored) == 0) {
			rc = whose_error_set(err, WHOSE_ENOTFOUND,
					     "question '%s' cannot be drilled: it is retired from the bank or a card (self-graded); 'whose show %s' says which",
					     ids[i], ids[i]);
			break;
		}
		if (p->n > 0)
			(void)names_find(ids[i], names, p->n, &near, NULL);
		if (near < p->n)
			rc = whose_error_set(err, WHOSE_ENOTFOUND,
					     "no question with id '%s': did you mean '%s'? ('whose search' lists the ids)",
					     ids[i], names[near]);
		else
			rc = whose_error_set(err, WHOSE_ENOTFOUND,
					     "no question with id '%s': 'whose search' lists the ids",
					     ids[i]);
	}
	free(names);
	if (rc < 0) {
		free(picked);
		return rc;
	}
	/* The picked candidates take the strings over; the rest are freed. */
	for (size_t j = 0; j < p->n; j++) {
		bool kept = false;

		for (size_t i = 0; i < nids && !kept; i++)
			kept = picked[i].qid == p->c[j].qid;
		if (!kept) {
			free(p->c[j].qid);
			free(p->c[j].topic);
		}
	}
	free(p->c);
	p->c = picked;
	p->n = p->cap = nids;
	return 0;
}

/* Load question QUESTION_ID into IT: parse it, and order its choices from
 * the seed and the bank id alone (FNV-1a of the id, part of the drill's
 * contract), so that every student sees the same. */
static int drill_load(struct drill *d, struct drill_item *it, int64_t question_id,
		      struct whose_error *err)
{
	struct rng rng;
	struct store_item probe;
	int rc = store_item_load(d->store, question_id, &probe, err);

	if (rc < 0)
		return rc;
	rng_seed(&rng, d->opts.seed ^ rng_fnv1a(RNG_FNV_BASIS, probe.qid, strlen(probe.qid)));
	store_item_free(&probe);
	rc = attempt_load(&it->a, d->store, question_id, &rng, err);
	if (rc < 0)
		return rc;
	it->outcome = DRILL_PENDING;
	return 0;
}

int drill_new(struct store *s, const struct drill_opts *o, struct drill **out,
	      struct whose_error *err)
{
	struct drill *d;
	struct drill_pool pool;
	struct rng rng;
	int rc;

	*out = NULL;
	if (o->config == NULL || o->clock == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "a drill needs a configuration and a clock");
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	d->store = s;
	d->opts = *o;
	if (d->opts.count == 0)
		d->opts.count = DRILL_DEFAULT_COUNT;
	if (d->opts.seconds == 0)
		d->opts.seconds = DRILL_DEFAULT_SECONDS;
	if (o->nids > 0 && (o->count != 0 || o->ntopics != 0)) {
		free(d);
		return whose_error_set(err, WHOSE_EINVAL,
				       "a drill of given ids takes no count and no topic: the ids say both");
	}
	if (o->nids > 0)
		d->opts.count = o->nids;
	if (d->opts.count > DRILL_MAX_COUNT || d->opts.seconds < 1 ||
	    d->opts.seconds > DRILL_MAX_SECONDS) {
		free(d);
		return whose_error_set(err, WHOSE_EINVAL,
				       "a drill has 1 to %d questions of 1 to %d seconds each",
				       DRILL_MAX_COUNT, DRILL_MAX_SECONDS);
	}
	d->requested = d->opts.count;
	d->opts.topics = NULL;  /* borrowed only while choosing */
	d->opts.ntopics = 0;
	d->opts.ids = NULL;     /* borrowed only while choosing */
	d->opts.nids = 0;

	memset(&pool, 0, sizeof(pool));
	rc = store_each_askable(s, true, drill_pool_add, &pool, err);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(err, rc, "out of memory");
	if (rc < 0)
		goto fail;
	/* The store sorts by bank id already; sorting here as well keeps the
	 * order a property of this file, whatever the database does. */
	if (pool.n > 1)
		qsort(pool.c, pool.n, sizeof(pool.c[0]), drill_cmp_qid);
	if (o->nids > 0)
		rc = drill_pick_ids(&pool, s, o->ids, o->nids, err);
	else
		rc = drill_filter(&pool, o->topics, o->ntopics, err);
	if (rc < 0)
		goto fail;
	if (pool.n == 0) {
		rc = whose_error_set(err, WHOSE_ENOTFOUND,
				     "there is no question to ask: import a bank first (whose import FILE.csv)");
		goto fail;
	}
	rng_seed(&rng, d->opts.seed);
	for (size_t i = o->nids > 0 ? 0 : pool.n; i > 1; i--) {
		size_t j = rng_below(&rng, i);
		struct drill_candidate tmp = pool.c[i - 1];

		pool.c[i - 1] = pool.c[j];
		pool.c[j] = tmp;
	}
	d->n = pool.n < d->opts.count ? pool.n : d->opts.count;
	d->items = calloc(d->n, sizeof(*d->items));
	if (d->items == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		d->n = 0;
		goto fail;
	}
	for (size_t i = 0; i < d->n; i++) {
		rc = drill_load(d, &d->items[i], pool.c[i].question_id, err);
		if (rc < 0) {
			d->n = i;
			goto fail;
		}
	}
	drill_pool_free(&pool);
	*out = d;
	return 0;
fail:
	drill_pool_free(&pool);
	drill_free(d);
	return rc;
}

void drill_free(struct drill *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		attempt_free(&d->items[i].a);
	free(d->items);
	free(d);
}

size_t drill_count(const struct drill *d)
{
	return d->n;
}

size_t drill_requested(const struct drill *d)
{
	return d->requested;
}

const struct drill_item *drill_item(const struct drill *d, size_t i)
{
	return i < d->n ? &d->items[i] : NULL;
}

int64_t drill_time_left(const struct drill *d)
{
	int64_t left;

	if (!d->on_screen)
		return 0;
	left = d->items[d->next - 1].deadline - clock_now(d->opts.clock);
	return left > 0 ? left : 0;
}

/* Log the question on screen with OUTCOME (one transaction). */
static int drill_log(struct drill *d, enum drill_outcome outcome,
		     struct whose_error *err)
{
	struct drill_item *it = &d->items[d->next - 1];
	struct review_result res;
	bool right = outcome == DRILL_RIGHT;
	int64_t now = clock_now(d->opts.clock);
	int rc;

	rc = store_begin(d->store, err);
	if (rc < 0)
		return rc;
	attempt_hide(&it->a, now);
	rc = review_apply(d->store, d->opts.config, it->a.item.question_id,
			  right ? FSRS_GOOD : FSRS_AGAIN, right, now, it->a.spent_ms,
			  "drill", false, &res, err);
	if (rc == 0)
		rc = store_commit(d->store, err);
	if (rc < 0) {
		store_rollback(d->store);
		return rc;
	}
	it->outcome = outcome;
	attempt_commit(&it->a);
	d->on_screen = false;
	return 0;
}

int drill_next(struct drill *d, const struct drill_item **item, size_t *index,
	       struct whose_error *err)
{
	struct drill_item *it;
	int rc;

	*item = NULL;
	if (d->on_screen) {
		rc = drill_timeout(d, err);
		if (rc < 0)
			return rc;
	}
	if (d->next >= d->n)
		return whose_error_set(err, WHOSE_ENOTFOUND, "the drill is over");
	it = &d->items[d->next++];
	attempt_show(&it->a, clock_now(d->opts.clock));
	it->deadline = it->a.shown_at + (int64_t)d->opts.seconds * 1000;
	d->on_screen = true;
	*item = it;
	if (index != NULL)
		*index = d->next - 1;
	return 0;
}

struct attempt *drill_attempt(struct drill *d)
{
	return d->on_screen ? &d->items[d->next - 1].a : NULL;
}

int drill_submit(struct drill *d, struct whose_error *err)
{
	struct drill_item *it;
	enum drill_outcome outcome;

	if (!d->on_screen)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	it = &d->items[d->next - 1];
	attempt_grade(&it->a, false);
	/* At the deadline the time is up (drill_time_left says 0). */
	if (clock_now(d->opts.clock) >= it->deadline)
		outcome = DRILL_LATE;
	else
		outcome = it->a.grade.correct ? DRILL_RIGHT : DRILL_WRONG;
	return drill_log(d, outcome, err);
}

int drill_answer(struct drill *d, const struct question_response *r,
		 struct whose_error *err)
{
	struct attempt *a = drill_attempt(d);
	int rc;

	if (a == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	rc = attempt_set(a, r, err);
	return rc < 0 ? rc : drill_submit(d, err);
}

int drill_timeout(struct drill *d, struct whose_error *err)
{
	struct drill_item *it;
	enum drill_outcome outcome = DRILL_TIMED_OUT;

	if (!d->on_screen)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	it = &d->items[d->next - 1];
	/* What was ticked or placed when the time ran out counts. */
	attempt_grade(&it->a, false);
	if (it->a.grade.correct)
		outcome = DRILL_RIGHT;
	else if (it->a.grade.answered)
		outcome = DRILL_WRONG;
	return drill_log(d, outcome, err);
}

void drill_abandon(struct drill *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].outcome == DRILL_PENDING)
			d->items[i].outcome = DRILL_SKIPPED;
	d->on_screen = false;
	d->next = d->n;
}

void drill_outcome_words(enum drill_outcome outcome, const char **verdict,
			 const char **note)
{
	*verdict = NULL;
	*note = NULL;
	if (outcome == DRILL_LATE) {
		*verdict = "Too late";
		*note = "the time was up, so it counts as wrong";
	} else if (outcome == DRILL_TIMED_OUT) {
		*verdict = "Time is up";
		*note = "counted as wrong";
	}
}

void drill_score(const struct drill *d, size_t *right, size_t *total)
{
	*right = 0;
	for (size_t i = 0; i < d->n; i++)
		*right += d->items[i].outcome == DRILL_RIGHT;
	*total = d->n;
}

/* ---- the drill's results row (its format: results.c) -------------------- */

/* FNV-1a (rng.h) over S[N] continuing from H; then a NUL byte, so that
 * "ab","c" and "a","bc" differ. */
static uint64_t drill_fnv(uint64_t h, const char *s, size_t n)
{
	return rng_fnv1a(rng_fnv1a(h, s, n), "", 1);
}

static uint64_t drill_fnv_str(uint64_t h, const char *s)
{
	return drill_fnv(h, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

uint64_t drill_fingerprint(const struct drill *d)
{
	uint64_t h = RNG_FNV_BASIS;

	for (size_t i = 0; i < d->n; i++) {
		const struct drill_item *it = &d->items[i];
		char order[QUESTION_MAX_SLOTS * 4 + 1];
		size_t n = 0;

		h = drill_fnv_str(h, it->a.item.qid);
		h = drill_fnv_str(h, it->a.item.type);
		h = drill_fnv_str(h, it->a.item.question);
		h = drill_fnv_str(h, it->a.item.choices);
		h = drill_fnv_str(h, it->a.item.answer);
		/* The order shown: slots as letters from 'a', one per slot. */
		for (size_t k = 0; k < it->a.q.nslots && k < QUESTION_MAX_SLOTS; k++)
			order[n++] = (char)('a' + (it->a.order[k] % 26));
		h = drill_fnv(h, order, n);
	}
	return h;
}

bool drill_complete(const struct drill *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].outcome == DRILL_SKIPPED)
			return false;
	return true;
}

int drill_results_row(const struct drill *d, const char *name,
		      int64_t finished_at, char **row, struct whose_error *err)
{
	struct results_answer *ans;
	struct results_drill res;
	int rc;

	*row = NULL;
	ans = calloc(d->n ? d->n : 1, sizeof(*ans));
	if (ans == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	for (size_t i = 0; i < d->n; i++) {
		ans[i].qid = d->items[i].a.item.qid;
		ans[i].mark = d->items[i].outcome == DRILL_RIGHT ? 1 :
			      d->items[i].outcome == DRILL_SKIPPED ? -1 : 0;
	}
	res.name = name;
	res.finished_at = finished_at;
	res.seed = d->opts.seed;
	res.answers = ans;
	res.nanswers = d->n;
	res.fingerprint = drill_fingerprint(d);
	res.complete = drill_complete(d);
	rc = results_format(&res, row, err);
	free(ans);
	return rc;
}

