/*
 * exam_draw.c - drawing a mock exam's questions (exam_int.h, and
 * exam_quotas in exam.h).
 *
 * The askable questions (not retired, not flagged, not cards) are grouped
 * by topic; each topic gets a quota by the largest remainder method, so
 * that the exam mirrors the bank's proportions and the quotas sum exactly
 * to the length asked for; within a topic the questions are drawn at
 * random, and the whole draw is then shuffled so that topics are mixed.
 * The generator is splitmix64, seeded by the options (WHOSE_SEED in
 * tests) or the clock, and the seed is stored with the exam.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whose/exam.h"
#include "whose/rng.h"
#include "whose/text.h"
#include "exam_int.h"

/* ---- drawing ------------------------------------------------------------ */

size_t exam_quotas(const size_t *sizes, size_t ntopics, size_t n,
		   struct rng *rng, size_t *quota)
{
	uint64_t total = 0, cum = 0, u, points_before = 0;
	size_t given = 0, *perm;

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
	if (given == n)
		return given;
	/*
	 * What is left goes out at random, each topic getting one more with
	 * the probability of its remainder (systematic sampling): the
	 * remainders REM[i] = n * size % total, laid end to end in a random
	 * order, sum to (n - given) * total; points at U, U + total, U +
	 * 2 total ... with U uniform in [0, total) fall one in each of
	 * n - given remainders, never two in one (each is below total).  So
	 * a quota is its floor or one more, the quotas sum to N, and on
	 * average every topic gets exactly its share: small topics appear in
	 * short exams as often as their size says, not never.
	 */
	perm = malloc(ntopics * sizeof(*perm));
	if (perm == NULL) {
		/* No memory for the order: the points in bank order. */
		for (size_t i = 0; i < ntopics && given < n; i++)
			if ((uint64_t)n * sizes[i] % total != 0) {
				quota[i]++;
				given++;
			}
		return given;
	}
	for (size_t i = 0; i < ntopics; i++)
		perm[i] = i;
	for (size_t i = ntopics; i > 1; i--) {
		size_t j = rng_below(rng, i), t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	u = (uint64_t)rng_below(rng, (size_t)total);
	for (size_t k = 0; k < ntopics; k++) {
		size_t i = perm[k];
		uint64_t points;

		cum += (uint64_t)n * sizes[i] % total;
		/* Points below CUM: U + m total < CUM for m = 0, 1, ... */
		points = cum > u ? (cum - u - 1) / total + 1 : 0;
		if (points > points_before && given < n) {
			quota[i]++;
			given++;
		}
		points_before = points;
	}
	free(perm);
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
	const char *const *only; /* the topics asked for (NULL: all) */
	size_t nonly;
	bool *matched;           /* [nonly]: some question is in it */
};

static int exam_pool_add(int64_t question_id, const char *qid, const char *topic,
			 void *ctx)
{
	struct exam_pool *p = ctx;
	struct exam_topic_pool *t = NULL;

	(void)qid;
	if (p->only != NULL) {
		size_t k = 0;

		while (k < p->nonly && strcasecmp(p->only[k], topic) != 0)
			k++;
		if (k == p->nonly)
			return 0;
		p->matched[k] = true;
	}
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

int exam_draw(struct store *s, const char *const *topics, size_t ntopics,
	      size_t requested, struct rng *rng, int64_t **ids, size_t *n,
	      struct whose_error *err)
{
	struct exam_pool pool;
	size_t *sizes = NULL, *quota = NULL, got = 0;
	int64_t *out = NULL;
	int rc;

	*ids = NULL;
	*n = 0;
	memset(&pool, 0, sizeof(pool));
	if (ntopics > 0) {
		pool.only = topics;
		pool.nonly = ntopics;
		pool.matched = calloc(pool.nonly, sizeof(*pool.matched));
		if (pool.matched == NULL) {
			rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = store_each_askable(s, false, exam_pool_add, &pool, err);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(err, rc, "out of memory");
	if (rc < 0)
		goto out;
	for (size_t k = 0; k < pool.nonly; k++) {
		if (!pool.matched[k]) {
			char name[128];

			/* Typed by the learner: shown in its terminal-safe form. */
			text_vis_buf(pool.only[k], 0, name, sizeof(name));
			rc = whose_error_set(err, WHOSE_ENOTFOUND,
					     "no question can be asked in topic '%s': whose stats lists the topics",
					     name);
			goto out;
		}
	}
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
	out = calloc(requested < pool.total ? requested : pool.total, sizeof(*out));
	if (sizes == NULL || quota == NULL || out == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < pool.ntopics; i++)
		sizes[i] = pool.topics[i].n;
	exam_quotas(sizes, pool.ntopics, requested, rng, quota);
	for (size_t i = 0; i < pool.ntopics; i++) {
		struct exam_topic_pool *t = &pool.topics[i];

		/* A partial Fisher-Yates shuffle: the first QUOTA are a
		 * uniform draw without replacement. */
		for (size_t k = 0; k < quota[i]; k++) {
			size_t j = k + rng_below(rng, t->n - k);
			int64_t tmp = t->ids[k];

			t->ids[k] = t->ids[j];
			t->ids[j] = tmp;
			out[got++] = t->ids[k];
		}
	}
	rng_shuffle_ids(rng, out, got);
	*ids = out;
	*n = got;
	out = NULL;
	rc = 0;
out:
	free(out);
	free(sizes);
	free(quota);
	free(pool.matched);
	exam_pool_free(&pool);
	return rc;
}
