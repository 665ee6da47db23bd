/*
 * optimize.c - the FSRS-6 parameter fit, after fsrs-rs 6.5.0 as shipped in
 * @open-spaced-repetition/binding 0.5.0.  Section numbers (§) refer to
 * src/core/FSRS-OPTIMIZER-NOTES.md, which says what fsrs-rs does, step by
 * step.
 *
 * The steps: the log becomes items (§1: one per card review that is the
 * first of a later day, holding the card's history up to it); an outlier
 * filter drops rare first-interval groups (§2.2); w0..w3 are pre-trained by
 * a ternary search per first rating (§2.4); then 5 epochs of Adam on the
 * recency-weighted log loss in batches of about 512 items, with an L2 pull
 * towards the start, a cosine learning rate and fsrs-rs's clipping after
 * every step, keeping the best epoch (§3).
 *
 * Gradients are exact and analytic, computed in forward mode: along a
 * card's history the derivatives of S and D with respect to all 21
 * parameters are carried step by step, each step applying the hand-written
 * local partials of fsrs-rs's analytic.rs (§3.6).  Arithmetic is double
 * throughout where fsrs-rs uses f32 for the forward pass; the notes measure
 * that at under 3e-6 relative in log loss.
 *
 * Where this departs from fsrs-rs, on purpose: an item is a prefix of the
 * card's next item, so training and scoring walk each card once and
 * predict all its items on the way, and a batch is therefore a run of
 * whole cards (fsrs-rs batches items sorted by length and walks each one
 * from the start).  The batch order is shuffled with a fixed-seed
 * generator of our own, not fsrs-rs's ChaCha12 (the notes measure the
 * order's effect at under 1e-4 relative).  So the parameters are not
 * fsrs-rs's bit for bit; their log loss is held within 1% of fsrs-rs's
 * by tests/test_optimize.c and bench/optimize-bench.sh.
 */
#include "whose/optimize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OPT_NW FSRS_NUM_WEIGHTS
#define OPT_S_MIN 0.001
#define OPT_S_MAX 36500.0
#define OPT_D_MIN 1.0
#define OPT_D_MAX 10.0
#define OPT_EPOCHS 5
#define OPT_BATCH 512
#define OPT_LR 0.04
#define OPT_MAX_SEQ 256
#define OPT_GAMMA 1.0
#define OPT_SEED UINT64_C(2023)
#define OPT_P_EPS 1e-7

/* fsrs-rs DEFAULT_PARAMETERS (src/inference.rs). */
static const double optimize_default_w[OPT_NW] = {
	0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
	0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
	1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* PARAMS_STDDEV of the L2 pull (§3.5). */
static const double optimize_stddev[OPT_NW] = {
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33,
	0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

/* Clip bounds of parameter_clipper.rs (§3.8); w17/w18/w19 adjusted there. */
static const double optimize_lo[OPT_NW] = {
	0.001, 0.001, 0.001, 0.001, 1,     0.001, 0.001,
	0.001, 0,     0,     0.001, 0.001, 0.001, 0.001,
	0,     0,     1,     0,     0,     0.01,  0.1,
};
static const double optimize_hi[OPT_NW] = {
	100, 100, 100, 100, 10,  4,   4,
	0.75, 4.5, 0.8, 3.5, 5,   0.25, 0.9,
	4,   1,   6,   2,   2,   0.8,  0.8,
};

/* One prediction: a card's history up to review END (its target). */
struct optimize_item {
	uint32_t start;   /* first review of the card in the flat arrays */
	uint32_t len;     /* reviews in the item, the target included */
	int64_t time;     /* the target's time, for the order of items */
};

struct optimize_log {
	uint8_t *rating;          /* flat per-card histories: rating 1..4 */
	uint32_t *dt;             /* days since the card's previous review */
	size_t nflat;
	uint32_t *card_start;     /* cards: first index into the flat arrays */
	uint32_t *card_len;
	size_t ncards;
	struct optimize_item *items;  /* in target-time order */
	size_t nitems;
	size_t nreviews;
	struct optimize_filter *filter;  /* the outlier filter's verdict on the items */
	int64_t *card_id;         /* each card's id, for the order of items */
};

static int optimize_filter_new(const struct optimize_log *log,
			       struct optimize_filter **out);
static void optimize_filter_free(struct optimize_filter *f);

/* ---- from a log to items (§1) ----------------------------------------- */

struct optimize_row {
	int64_t card;
	int64_t time;
	int64_t day;
	size_t seq;        /* input order, to make the sort stable */
	int rating;
	int state;
};

static int optimize_row_cmp(const void *a, const void *b)
{
	const struct optimize_row *x = a, *y = b;

	if (x->card != y->card)
		return x->card < y->card ? -1 : 1;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Items in target-time order; at equal times, in the order fsrs-rs's
 * stable sort leaves them: by card id compared as text, then as made (a
 * card's items are made shortest first).  qsort takes no context, so the
 * log being sorted, which gives each item's card, is here for the sort's
 * time (the optimizer runs on one thread).
 */
static const struct optimize_log *optimize_sort_log;

static int64_t optimize_item_card(const struct optimize_log *log, uint32_t start)
{
	size_t lo = 0, hi = log->ncards;

	/* The card whose flat run starts at START (cards are in order). */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (log->card_start[mid] <= start)
			lo = mid;
		else
			hi = mid;
	}
	return log->card_id[lo];
}

static int optimize_item_cmp(const void *a, const void *b)
{
	const struct optimize_item *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	if (x->start != y->start) {
		char kx[24], ky[24];
		int c;

		snprintf(kx, sizeof(kx), "%lld",
			 (long long)optimize_item_card(optimize_sort_log, x->start));
		snprintf(ky, sizeof(ky), "%lld",
			 (long long)optimize_item_card(optimize_sort_log, y->start));
		c = strcmp(kx, ky);
		if (c != 0)
			return c;
		return x->start < y->start ? -1 : 1;
	}
	return x->len < y->len ? -1 : x->len > y->len;
}

/* floor(a / b) for b > 0, whatever the sign of a. */
static int64_t optimize_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

void optimize_log_free(struct optimize_log *log)
{
	if (log == NULL)
		return;
	free(log->rating);
	free(log->dt);
	free(log->card_start);
	free(log->card_len);
	free(log->card_id);
	free(log->items);
	optimize_filter_free(log->filter);
	free(log);
}

/*
 * Making a log, one card at a time: the compact arrays grow as cards come
 * (half as much again each time), and nothing else of the log is held, so
 * that a log read from the store card by card costs its compact form
 * alone (5 bytes a review, 16 an item), not the rows it was read from.
 */
struct optimize_build {
	struct optimize_log *log;
	size_t cap_flat, cap_cards, cap_items;
};

/* Grow *P (of *CAP elements of SIZE bytes) to hold NEED. */
static int optimize_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 1024;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need)
		c += c / 2;
	q = realloc(*p, c * size);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/* Add the card whose N rows (rating 1..4, sorted by time then input
 * order) are ROWS, as convertCsvToFsrsItems does (§1.3 to §1.5). */
static int optimize_build_card(struct optimize_build *b, const struct optimize_row *rows,
			       size_t n)
{
	struct optimize_log *log = b->log;
	size_t first, k, targets = 0;
	long last = -1;

	/* §1.3: keep from the start of the last run of learning rows. */
	for (k = n; k-- > 0;)
		if (rows[k].state <= 1) {
			last = (long)k;
			break;
		}
	if (last < 0)
		return 0;
	first = (size_t)last;
	while (first > 0 && rows[first - 1].state <= 1)
		first--;
	if (log->nflat + (n - first) > UINT32_MAX / 2)
		return 1;
	for (k = first + 1; k < n; k++)
		targets += rows[k].day > rows[k - 1].day;
	if (log->nflat + n - first > b->cap_flat) {
		size_t cap = b->cap_flat;
		void *q;

		if (optimize_grow((void **)&log->rating, &cap, log->nflat + n - first, 1) < 0)
			return -1;
		/* dt grows with rating, to the same capacity */
		q = realloc(log->dt, cap * sizeof(*log->dt));
		if (q == NULL)
			return -1;
		log->dt = q;
		b->cap_flat = cap;
	}
	if (log->ncards + 1 > b->cap_cards) {
		size_t cap = b->cap_cards, c2 = cap, c3 = cap;

		if (optimize_grow((void **)&log->card_start, &cap, log->ncards + 1,
				  sizeof(*log->card_start)) < 0 ||
		    optimize_grow((void **)&log->card_len, &c2, log->ncards + 1,
				  sizeof(*log->card_len)) < 0 ||
		    optimize_grow((void **)&log->card_id, &c3, log->ncards + 1,
				  sizeof(*log->card_id)) < 0)
			return -1;
		b->cap_cards = cap;
	}
	if (optimize_grow((void **)&log->items, &b->cap_items, log->nitems + targets,
			  sizeof(*log->items)) < 0)
		return -1;
	log->card_start[log->ncards] = (uint32_t)log->nflat;
	log->card_len[log->ncards] = (uint32_t)(n - first);
	log->card_id[log->ncards] = rows[first].card;
	for (k = first; k < n; k++) {
		int64_t d = k == first ? 0 : rows[k].day - rows[k - 1].day;
		size_t f = log->nflat++;

		log->rating[f] = (uint8_t)rows[k].rating;
		log->dt[f] = d < 0 ? 0 : d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
		/* §1.5: every later-day review is a target. */
		if (k > first && log->dt[f] > 0) {
			struct optimize_item *it = &log->items[log->nitems++];

			it->start = log->card_start[log->ncards];
			it->len = (uint32_t)(k - first + 1);
			it->time = rows[k].time;
		}
	}
	log->ncards++;
	return 0;
}

/* Put the items in order and run the outlier filter: LOG is ready. */
static int optimize_build_finish(struct optimize_build *b)
{
	optimize_sort_log = b->log;
	if (b->log->nitems > 1)
		qsort(b->log->items, b->log->nitems, sizeof(*b->log->items), optimize_item_cmp);
	optimize_sort_log = NULL;
	return optimize_filter_new(b->log, &b->log->filter);
}

/* The row of review REV (seq SEQ) with its day (§1.4). */
static void optimize_row_of(const struct optimize_review *rev, size_t seq, int day_starts_at,
			    struct optimize_row *r)
{
	r->card = rev->card_id;
	r->time = rev->time_ms;
	r->seq = seq;
	r->rating = rev->rating;
	r->state = rev->state;
	/* §1.4: the date of the shifted instant, seconds truncated. */
	r->day = optimize_floordiv(rev->time_ms / 1000 + 60 * (int64_t)rev->utc_offset_min -
				   3600 * (int64_t)day_starts_at, 86400);
}

static int optimize_too_long(struct optimize_log *log, size_t n, struct whose_error *err)
{
	optimize_log_free(log);
	return whose_error_set(err, WHOSE_EINVAL,
			       "the review log holds %zu reviews, more than the optimizer takes", n);
}

int optimize_log_new(const struct optimize_review *rev, size_t n,
		     int day_starts_at, struct optimize_log **out,
		     struct whose_error *err)
{
	struct optimize_build b = { calloc(1, sizeof(struct optimize_log)), 0, 0, 0 };
	struct optimize_row *rows = NULL;
	size_t nrows = 0;
	int rc = 0;

	*out = NULL;
	if (b.log == NULL)
		goto nomem;
	if (n > UINT32_MAX / 2)
		return optimize_too_long(b.log, n, err);
	rows = malloc((n ? n : 1) * sizeof(*rows));
	if (rows == NULL)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		/* fsrs-rs fails on other ratings: whose leaves them out. */
		if (rev[i].rating < 1 || rev[i].rating > 4)
			continue;
		optimize_row_of(&rev[i], i, day_starts_at, &rows[nrows++]);
	}
	b.log->nreviews = nrows;
	qsort(rows, nrows, sizeof(*rows), optimize_row_cmp);
	for (size_t a = 0; a < nrows && rc == 0;) {
		size_t e = a;

		while (e < nrows && rows[e].card == rows[a].card)
			e++;
		rc = optimize_build_card(&b, rows + a, e - a);
		a = e;
	}
	free(rows);
	rows = NULL;
	if (rc == 1)
		return optimize_too_long(b.log, n, err);
	if (rc < 0 || optimize_build_finish(&b) < 0)
		goto nomem;
	*out = b.log;
	return 0;
nomem:
	free(rows);
	optimize_log_free(b.log);
	return whose_error_set(err, WHOSE_ENOMEM, "out of memory reading the review log");
}

/* The offsets of local time looked up, by quarter hour (direct-mapped). */
#define OPTIMIZE_TZ_CACHE 4096

struct optimize_load {
	struct optimize_build b;
	int day_starts_at;
	struct optimize_row *card;   /* the rows of the card being read */
	size_t n, cap, seq;
	int rc;
	int64_t tz_q[OPTIMIZE_TZ_CACHE];
	int tz_off[OPTIMIZE_TZ_CACHE];
};

/*
 * The offset east of UTC in minutes of local time at MS.  Zones change
 * their offset only at whole quarter hours, so one lookup per quarter
 * hour is enough; the log comes card by card, so the quarter hours looked
 * up are kept (a card's reviews come back to the same ones).
 */
static int optimize_local_offset(struct optimize_load *l, int64_t ms)
{
	int64_t q = optimize_floordiv(ms, 900000);
	size_t slot = (size_t)((uint64_t)q % OPTIMIZE_TZ_CACHE);
	time_t t = (time_t)optimize_floordiv(ms, 1000);
	struct tm tm;

	if (l->tz_q[slot] == q)
		return l->tz_off[slot];
	l->tz_q[slot] = q;
	l->tz_off[slot] = localtime_r(&t, &tm) == NULL ? 0 : (int)(tm.tm_gmtoff / 60);
	return l->tz_off[slot];
}

/* The card read so far is whole: add it. */
static int optimize_load_flush(struct optimize_load *l)
{
	int rc = l->n > 0 ? optimize_build_card(&l->b, l->card, l->n) : 0;

	l->n = 0;
	return rc;
}

static int optimize_load_row(const struct store_log_row *row, void *ctx)
{
	struct optimize_load *l = ctx;
	struct optimize_review rev;

	if (row->rating < 1 || row->rating > 4)
		return 0;
	if (l->n > 0 && l->card[0].card != row->question_id && (l->rc = optimize_load_flush(l)) != 0)
		return WHOSE_ENOMEM;
	if (optimize_grow((void **)&l->card, &l->cap, l->n + 1, sizeof(*l->card)) < 0) {
		l->rc = -1;
		return WHOSE_ENOMEM;
	}
	rev.card_id = row->question_id;
	rev.time_ms = row->reviewed_at;
	rev.rating = row->rating;
	rev.state = row->state_before;
	rev.utc_offset_min = optimize_local_offset(l, row->reviewed_at);
	optimize_row_of(&rev, l->seq++, l->day_starts_at, &l->card[l->n++]);
	return 0;
}

int optimize_log_load(struct store *s, int day_starts_at,
		      struct optimize_log **out, struct whose_error *err)
{
	struct optimize_load *l = calloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	if (l == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory reading the review log");
	l->b.log = calloc(1, sizeof(*l->b.log));
	l->day_starts_at = day_starts_at;
	for (size_t i = 0; i < OPTIMIZE_TZ_CACHE; i++)
		l->tz_q[i] = INT64_MIN;
	tzset();
	/* Card by card, in the order optimize_log_new sorts its rows into:
	 * only one card's rows are held at a time. */
	rc = l->b.log == NULL ? WHOSE_ENOMEM
		: store_each_review_by_card(s, optimize_load_row, l, err);
	if (rc == 0)
		rc = l->rc = optimize_load_flush(l);
	if (l->rc == 1) {
		rc = optimize_too_long(l->b.log, l->seq, err);
		l->b.log = NULL;
	} else if (rc == WHOSE_ENOMEM || l->rc < 0 || (rc == 0 && optimize_build_finish(&l->b) < 0)) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory reading the review log");
	}
	if (rc == 0) {
		l->b.log->nreviews = l->seq;
		*out = l->b.log;
	} else {
		optimize_log_free(l->b.log);
	}
	free(l->card);
	free(l);
	return rc;
}

/* Reviews of ITEM on a later day than the one before, the target included. */
static unsigned optimize_long_term_count(const struct optimize_log *log,
					 const struct optimize_item *it)
{
	unsigned c = 0;

	for (uint32_t i = 0; i < it->len; i++)
		c += log->dt[it->start + i] > 0;
	return c;
}

/* The interval of the card's first later-day review. */
static uint32_t optimize_first_dt(const struct optimize_log *log,
				  const struct optimize_item *it)
{
	for (uint32_t i = 0; i < it->len; i++)
		if (log->dt[it->start + i] > 0)
			return log->dt[it->start + i];
	return 0;
}

static int optimize_target(const struct optimize_log *log,
			   const struct optimize_item *it)
{
	return log->rating[it->start + it->len - 1];
}

/* ---- outlier filter (§2.2) -------------------------------------------- */

/* A sub-group of first-long-term items: one first rating, one interval. */
struct optimize_group {
	uint32_t dt;
	uint32_t size;
	int rating;
	bool removed;
	bool kept;       /* pre-training data */
	size_t first;    /* its slice of the pre-training items */
	size_t fill;
};

struct optimize_filter {
	struct optimize_group *groups;   /* sorted by (rating, dt) */
	size_t ngroups;
	size_t *pretrain;                /* item indices, rating then walk order */
	size_t npretrain;
	size_t *train;                   /* surviving items, input order */
	size_t ntrain;
	size_t *other;                   /* surviving items not first-long-term */
	size_t nother;
	size_t rating_count[5];          /* pre-training items per first rating */
};

static void optimize_filter_free(struct optimize_filter *f)
{
	if (f == NULL)
		return;
	free(f->groups);
	free(f->pretrain);
	free(f->train);
	free(f->other);
	free(f);
}

static int optimize_group_key_cmp(const void *a, const void *b)
{
	const struct optimize_group *x = a, *y = b;

	if (x->rating != y->rating)
		return x->rating - y->rating;
	return (x->dt > y->dt) - (x->dt < y->dt);
}

/* Walk order within a rating: size ascending, then interval ascending. */
static int optimize_group_walk_cmp(const void *a, const void *b)
{
	const struct optimize_group *const *x = a, *const *y = b;

	if ((*x)->rating != (*y)->rating)
		return (*x)->rating - (*y)->rating;
	if ((*x)->size != (*y)->size)
		return (*x)->size < (*y)->size ? -1 : 1;
	return ((*x)->dt > (*y)->dt) - ((*x)->dt < (*y)->dt);
}

static struct optimize_group *optimize_group_find(struct optimize_filter *f,
						  int rating, uint32_t dt)
{
	struct optimize_group key = { .dt = dt, .rating = rating };

	return bsearch(&key, f->groups, f->ngroups, sizeof(key), optimize_group_key_cmp);
}

/* Run the filter over LOG's items into a new *OUT. */
static int optimize_filter_new(const struct optimize_log *log,
			       struct optimize_filter **out)
{
	size_t n = log->nitems, ng = 0, i;
	struct optimize_group **walk = NULL;
	struct optimize_filter *f = calloc(1, sizeof(*f));

	*out = NULL;
	if (f == NULL)
		return WHOSE_ENOMEM;
	f->groups = malloc((n ? n : 1) * sizeof(*f->groups));
	f->pretrain = malloc((n ? n : 1) * sizeof(size_t));
	f->train = malloc((n ? n : 1) * sizeof(size_t));
	f->other = malloc((n ? n : 1) * sizeof(size_t));
	walk = malloc((n ? n : 1) * sizeof(*walk));
	if (f->groups == NULL || f->pretrain == NULL || f->train == NULL ||
	    f->other == NULL || walk == NULL) {
		free(walk);
		optimize_filter_free(f);
		return WHOSE_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const struct optimize_item *it = &log->items[i];

		if (optimize_long_term_count(log, it) != 1)
			continue;
		f->groups[ng].rating = log->rating[it->start];
		f->groups[ng].dt = log->dt[it->start + it->len - 1];
		ng++;
	}
	qsort(f->groups, ng, sizeof(*f->groups), optimize_group_key_cmp);
	/* Merge equal keys into counted groups. */
	f->ngroups = 0;
	for (i = 0; i < ng; i++) {
		if (f->ngroups > 0 && optimize_group_key_cmp(&f->groups[f->ngroups - 1],
							     &f->groups[i]) == 0) {
			f->groups[f->ngroups - 1].size++;
			continue;
		}
		f->groups[f->ngroups] = f->groups[i];
		f->groups[f->ngroups].size = 1;
		f->groups[f->ngroups].removed = false;
		f->groups[f->ngroups].kept = false;
		f->groups[f->ngroups].first = 0;
		f->groups[f->ngroups].fill = 0;
		f->ngroups++;
	}
	for (i = 0; i < f->ngroups; i++)
		walk[i] = &f->groups[i];
	qsort(walk, f->ngroups, sizeof(*walk), optimize_group_walk_cmp);
	for (i = 0; i < f->ngroups;) {
		size_t j = i, total = 0, removed = 0, threshold;

		while (j < f->ngroups && walk[j]->rating == walk[i]->rating)
			total += walk[j++]->size;
		threshold = total / 20 > 20 ? total / 20 : 20;
		for (size_t k = i; k < j; k++) {
			struct optimize_group *g = walk[k];
			uint32_t maxdt = g->rating == 4 ? 365 : 100;

			if (removed + g->size < threshold) {
				g->removed = true;
				removed += g->size;
			} else if (g->size >= 6 && g->dt <= maxdt) {
				g->kept = true;
			} else {
				g->removed = true;
			}
		}
		i = j;
	}
	/* Pre-training items in rating then walk order, input order inside:
	 * each kept group gets a slice of f->pretrain, filled in one pass. */
	for (i = 0; i < f->ngroups; i++) {
		struct optimize_group *g = walk[i];

		g->first = f->npretrain;
		if (!g->kept)
			continue;
		f->rating_count[g->rating] += g->size;
		f->npretrain += g->size;
	}
	for (i = 0; i < n; i++) {
		const struct optimize_item *it = &log->items[i];
		struct optimize_group *g;

		if (optimize_long_term_count(log, it) != 1)
			continue;
		g = optimize_group_find(f, log->rating[it->start], log->dt[it->start + it->len - 1]);
		if (g != NULL && g->kept)
			f->pretrain[g->first + g->fill++] = i;
	}
	for (i = 0; i < n; i++) {
		const struct optimize_item *it = &log->items[i];
		struct optimize_group *g = optimize_group_find(f, log->rating[it->start],
							       optimize_first_dt(log, it));

		if (g != NULL && g->removed)
			continue;
		f->train[f->ntrain++] = i;
		if (optimize_long_term_count(log, it) != 1)
			f->other[f->nother++] = i;
	}
	free(walk);
	*out = f;
	return 0;
}

void optimize_log_counts(const struct optimize_log *log,
			 struct optimize_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->reviews = log->nreviews;
	c->cards = log->ncards;
	c->items = log->nitems;
	c->train_items = log->filter->ntrain;
}

/* ---- the model (§3.4) ------------------------------------------------- */

static double optimize_clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Clip W in place as fsrs-rs's clip_parameters (§3.8). */
static void optimize_clip(double *w, int num_relearning_steps, bool short_term)
{
	double ceiling = 2.0;

	if (num_relearning_steps > 1) {
		double v = -(log(w[11]) + log(pow(2.0, w[13]) - 1.0) + 0.3 * w[14]) /
			   num_relearning_steps;

		ceiling = fmin(2.0, sqrt(fmax(0.01, v)));
	}
	for (int i = 0; i < OPT_NW; i++) {
		double lo = optimize_lo[i], hi = optimize_hi[i];

		if (i == 17 || i == 18)
			hi = ceiling;
		if (i == 19 && !short_term)
			lo = 0;
		w[i] = optimize_clamp(w[i], lo, hi);
	}
}

/* The memory state along a history, with its forward-mode tangents. */
struct optimize_state {
	double s, d;
	double ds[OPT_NW], dd[OPT_NW];
};

/* What depends on the weights alone, worked out once per weight set. */
struct optimize_curve {
	double decay, factor, dfactor;
	double exp_w8;       /* e^w8, of every recall */
	double exp_3w5;      /* e^(3 w5), of D0(Easy) */
	double d0_easy;      /* D0(4), the mean-reversion target */
	double exp_w17w18;   /* the lapse floor's divisor */
};

static void optimize_curve_init(struct optimize_curve *c, const double *w)
{
	c->decay = -w[20];
	c->factor = exp(log(0.9) / c->decay) - 1.0;
	c->dfactor = exp(log(0.9) / c->decay) * (-log(0.9) / (c->decay * c->decay));
	c->exp_w8 = exp(w[8]);
	c->exp_3w5 = exp(3.0 * w[5]);
	c->d0_easy = w[4] - c->exp_3w5 + 1.0;
	c->exp_w17w18 = exp(w[17] * w[18]);
}

/*
 * Recall probability after T days at stability S, and (when DR_DS is not
 * NULL) its partials with respect to S and w20.
 */
static double optimize_recall(const struct optimize_curve *c, double t, double s,
			      double *dr_ds, double *dr_dw20)
{
	double tt = t > 0 ? t : 0;
	double b = tt / s * c->factor + 1.0;
	double lb = log(b);
	/* b^decay as exp(decay ln b): ln b serves the gradient too. */
	double r = exp(c->decay * lb);

	if (dr_ds != NULL) {
		*dr_ds = r * c->decay / b * (-tt * c->factor / (s * s));
		*dr_dw20 = -r * (lb + c->decay / b * (tt / s) * c->dfactor);
	}
	return r;
}

/* The state after the first review, rated G. */
static void optimize_first(const double *w, int g, struct optimize_state *st,
			   bool grad)
{
	double s = w[g - 1];
	double d0 = w[4] - exp(w[5] * (g - 1)) + 1.0;

	st->s = optimize_clamp(s, OPT_S_MIN, OPT_S_MAX);
	st->d = optimize_clamp(d0, OPT_D_MIN, OPT_D_MAX);
	if (!grad)
		return;
	memset(st->ds, 0, sizeof(st->ds));
	memset(st->dd, 0, sizeof(st->dd));
	if (s >= OPT_S_MIN && s <= OPT_S_MAX)
		st->ds[g - 1] = 1.0;
	if (d0 >= OPT_D_MIN && d0 <= OPT_D_MAX) {
		st->dd[4] = 1.0;
		st->dd[5] = -(g - 1) * exp((g - 1) * w[5]);
	}
}

/*
 * One later review rated G after T days: the new S and D, and with GRAD
 * their tangents (the chain rule through the clamps: a value inside or on
 * its bounds passes the gradient, one strictly outside stops it).
 */
static void optimize_step(const double *w, const struct optimize_curve *c,
			  int g, double t, struct optimize_state *st, bool grad)
{
	double sb = optimize_clamp(st->s, OPT_S_MIN, OPT_S_MAX);
	double db = optimize_clamp(st->d, OPT_D_MIN, OPT_D_MAX);
	bool s_in = st->s >= OPT_S_MIN && st->s <= OPT_S_MAX;
	bool d_in = st->d >= OPT_D_MIN && st->d <= OPT_D_MAX;
	double ns, dr_ds = 0, dr_dw20 = 0;
	/* New S = f(sb, db, r, w): its partials. */
	double p_s = 0, p_d = 0, p_r = 0, pw[OPT_NW];
	bool use_r = false;

	if (grad)
		memset(pw, 0, sizeof(pw));
	if (t == 0) {
		double q = exp(w[17] * (g - 3 + w[18]) - w[19] * log(sb));

		if (g >= 2 && q < 1.0) {
			ns = sb;
			p_s = 1.0;
		} else {
			ns = sb * q;
			if (grad) {
				p_s = q - q * w[19];
				pw[17] = sb * q * (g - 3 + w[18]);
				pw[18] = sb * q * w[17];
				pw[19] = -sb * q * log(sb);
			}
		}
	} else {
		double r = optimize_recall(c, t, sb, grad ? &dr_ds : NULL, &dr_dw20);

		if (g == 1) {
			double ldb = log(db), ls1 = log(sb + 1.0);
			double dpow = exp(-w[12] * ldb);
			double spow = exp(w[13] * ls1);
			double ex = exp((1.0 - r) * w[14]);
			double sf = w[11] * dpow * (spow - 1.0) * ex;
			double floor_s = sb / c->exp_w17w18;

			if (floor_s < sf) {
				ns = floor_s;
				if (grad) {
					p_s = floor_s / sb;
					pw[17] = -floor_s * w[18];
					pw[18] = -floor_s * w[17];
				}
			} else {
				ns = sf;
				if (grad) {
					use_r = true;
					pw[11] = sf / w[11];
					pw[12] = -sf * ldb;
					pw[13] = w[11] * dpow * ex * spow * ls1;
					pw[14] = sf * (1.0 - r);
					p_s = w[11] * dpow * ex * w[13] * spow / (sb + 1.0);
					p_d = -w[12] * sf / db;
					p_r = -w[14] * sf;
				}
			}
		} else {
			double h = g == 2 ? w[15] : 1.0, e = g == 4 ? w[16] : 1.0;
			double lsb = log(sb);
			double a = c->exp_w8, b = 11.0 - db, cc = exp(-w[9] * lsb);
			double ee = exp((1.0 - r) * w[10]) - 1.0;
			double inc = a * b * cc * ee * h * e;

			ns = sb * (inc + 1.0);
			if (grad) {
				use_r = true;
				pw[8] = sb * inc;
				pw[9] = -sb * inc * lsb;
				pw[10] = sb * a * b * cc * h * e * (1.0 - r) * (ee + 1.0);
				if (g == 2)
					pw[15] = sb * a * b * cc * ee * e;
				if (g == 4)
					pw[16] = sb * a * b * cc * ee * h;
				p_s = (inc + 1.0) - w[9] * inc;
				p_d = -sb * a * cc * ee * h * e;
				p_r = -sb * a * b * cc * h * e * w[10] * (ee + 1.0);
			}
		}
	}
	/* Difficulty, from the old D. */
	{
		double d0_4 = c->d0_easy;
		double delta = -w[6] * (g - 3);
		double dpp = db + (10.0 - db) * delta / 9.0;
		double dr = w[7] * (d0_4 - dpp) + dpp;
		bool dr_in = dr >= OPT_D_MIN && dr <= OPT_D_MAX;
		bool ns_in = ns >= OPT_S_MIN && ns <= OPT_S_MAX;

		if (grad) {
			double k_s = s_in ? p_s : 0.0, k_d = d_in ? p_d : 0.0;
			double k_dd = (dr_in && d_in) ? (1.0 - w[7]) * (1.0 - delta / 9.0) : 0.0;
			double k_r = use_r ? p_r : 0.0;
			double rs = k_r * dr_ds * (s_in ? 1.0 : 0.0);

			/* S' tangents: through sb (directly and via r), db, w. */
			for (int i = 0; i < OPT_NW; i++) {
				double nds = ns_in ? (k_s + rs) * st->ds[i] + k_d * st->dd[i] + pw[i] : 0.0;

				st->dd[i] = k_dd * st->dd[i];
				st->ds[i] = nds;
			}
			if (ns_in && use_r)
				st->ds[20] += k_r * dr_dw20;
			if (dr_in) {
				st->dd[6] += (1.0 - w[7]) * (10.0 - db) * (-(g - 3)) / 9.0;
				st->dd[4] += w[7];
				st->dd[5] += w[7] * (-3.0 * c->exp_3w5);
				st->dd[7] += d0_4 - dpp;
			}
		}
		st->d = optimize_clamp(dr, OPT_D_MIN, OPT_D_MAX);
		st->s = optimize_clamp(ns, OPT_S_MIN, OPT_S_MAX);
	}
}

/*
 * P[start + k] = the prediction of the item ending at review k of each
 * card (every position; those that are not items are left as they fall).
 * One walk per card: an item's history is the previous item's plus one.
 */
static void optimize_predict_all(const struct optimize_log *log, const double *w,
				 double *p)
{
	struct optimize_curve c;

	optimize_curve_init(&c, w);
	for (size_t k = 0; k < log->ncards; k++) {
		uint32_t a = log->card_start[k], n = log->card_len[k];
		struct optimize_state st;

		optimize_first(w, log->rating[a], &st, false);
		p[a] = 0;
		for (uint32_t i = 1; i < n; i++) {
			p[a + i] = optimize_recall(&c, (double)log->dt[a + i], st.s, NULL, NULL);
			optimize_step(w, &c, log->rating[a + i], (double)log->dt[a + i], &st, false);
		}
	}
}

static double optimize_bce(double p, int y)
{
	double pc = optimize_clamp(p, OPT_P_EPS, 1.0 - OPT_P_EPS);

	return -(y ? log(pc) : log(1.0 - pc));
}

/* ---- pre-training (§2.4) ---------------------------------------------- */

static const double optimize_default_s0[4] = { 0.212, 1.2931, 2.3065, 8.2956 };

struct optimize_bin {
	double t, y, count;
};

static double optimize_pretrain_loss(const struct optimize_bin *bins, size_t n,
				     double s, int rating)
{
	const double decay = -0.1542;
	const double factor = pow(0.9, 1.0 / decay) - 1.0;
	double loss = 0;

	for (size_t i = 0; i < n; i++) {
		double r = pow(bins[i].t / s * factor + 1.0, decay);

		loss += bins[i].count * -(bins[i].y * log(r) + (1.0 - bins[i].y) * log(1.0 - r));
	}
	return loss + fabs(s - optimize_default_s0[rating - 1]) / 16.0;
}

/*
 * smooth_and_fill: repair order, fill missing ratings from known ones,
 * clamp.  S[1..4] with HAVE[r] set where known; returns -1 if none is.
 */
static int optimize_smooth_fill(double *s, const bool *have_in, const size_t *count)
{
	static const int pairs[6][2] = { {1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4} };
	const double a = 0.41, b = 0.54;
	bool have[5];
	int known = 0;

	memcpy(have, have_in, sizeof(have));
	for (int i = 0; i < 6; i++) {
		int x = pairs[i][0], y = pairs[i][1];

		if (!have[x] || !have[y] || !(s[x] > s[y]))
			continue;
		if (count[x] > count[y])
			s[y] = s[x];
		else
			s[x] = s[y];
	}
	for (int r = 1; r <= 4; r++)
		known += have[r];
	if (known == 0)
		return -1;
	if (known == 1) {
		int r = have[1] ? 1 : have[2] ? 2 : have[3] ? 3 : 4;
		double v = s[r];

		for (int k = 1; k <= 4; k++)
			s[k] = optimize_default_s0[k - 1] * v / optimize_default_s0[r - 1];
	} else if (known == 2) {
		if (have[3] && have[4]) {
			s[2] = pow(s[3], 1 / (1 - b)) * pow(s[4], 1 - 1 / (1 - b));
			s[1] = pow(s[2], 1 / a) * pow(s[3], 1 - 1 / a);
		} else if (have[2] && have[4]) {
			s[3] = pow(s[2], 1 - b) * pow(s[4], b);
			s[1] = pow(s[2], 1 / a) * pow(s[3], 1 - 1 / a);
		} else if (have[2] && have[3]) {
			s[4] = pow(s[2], 1 - 1 / b) * pow(s[3], 1 / b);
			s[1] = pow(s[2], 1 / a) * pow(s[3], 1 - 1 / a);
		} else if (have[1] && have[4]) {
			double k = fma(a, -b, a + b);

			s[2] = pow(s[1], a / k) * pow(s[4], 1 - a / k);
			s[3] = pow(s[1], 1 - b / k) * pow(s[4], b / k);
		} else if (have[1] && have[3]) {
			s[2] = pow(s[1], a) * pow(s[3], 1 - a);
			s[4] = pow(s[2], 1 - 1 / b) * pow(s[3], 1 / b);
		} else {
			s[3] = pow(s[1], 1 - 1 / (1 - a)) * pow(s[2], 1 / (1 - a));
			s[4] = pow(s[2], 1 - 1 / b) * pow(s[3], 1 / b);
		}
	} else if (known == 3) {
		if (!have[1])
			s[1] = pow(s[2], 1 / a) * pow(s[3], 1 - 1 / a);
		else if (!have[2])
			s[2] = pow(s[1], a) * pow(s[3], 1 - a);
		else if (!have[3])
			s[3] = pow(s[2], 1 - b) * pow(s[4], b);
		else
			s[4] = pow(s[2], 1 - 1 / b) * pow(s[3], 1 / b);
	}
	for (int r = 1; r <= 4; r++)
		s[r] = optimize_clamp(s[r], 0.001, 100);
	return 0;
}

/* Pre-train w0..w3 into S0 (indices 1..4).  -1 when no rating has data. */
static int optimize_pretrain(const struct optimize_log *log,
			     const struct optimize_filter *f, double avg_recall,
			     double *s0)
{
	struct optimize_bin *bins = malloc((f->ngroups ? f->ngroups : 1) * sizeof(*bins));
	bool have[5] = { false };

	if (bins == NULL)
		return WHOSE_ENOMEM;
	for (int r = 1; r <= 4; r++) {
		size_t nb = 0;
		double lo = 0.001, hi = 100;

		/* Groups are in (rating, dt) order: bins come out by dt. */
		for (size_t g = 0; g < f->ngroups; g++) {
			const struct optimize_group *gr = &f->groups[g];
			size_t recalled = 0;

			if (gr->rating != r || !gr->kept)
				continue;
			for (size_t k = gr->first; k < gr->first + gr->size; k++)
				recalled += optimize_target(log, &log->items[f->pretrain[k]]) > 1;
			bins[nb].t = gr->dt;
			bins[nb].count = gr->size;
			bins[nb].y = ((double)recalled + avg_recall) / (gr->size + 1.0);
			nb++;
		}
		if (nb == 0)
			continue;
		for (int it = 0; it < 1000 && hi - lo > 2.220446049250313e-16; it++) {
			double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;

			if (optimize_pretrain_loss(bins, nb, m1, r) <
			    optimize_pretrain_loss(bins, nb, m2, r))
				hi = m2;
			else
				lo = m1;
		}
		s0[r] = (lo + hi) / 2;
		have[r] = true;
	}
	free(bins);
	return optimize_smooth_fill(s0, have, f->rating_count);
}

/* ---- training (§3) ---------------------------------------------------- */

struct optimize_adam {
	double m[OPT_NW], v[OPT_NW];
	int t;
};

/* A small fixed-seed generator for the batch order (splitmix64). */
static uint64_t optimize_rand(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/*
 * The training set laid over the flat histories: WEIGHT[k] is the recency
 * weight of the item whose target is review k, 0 where review k is no
 * training item.  Batches are runs of whole cards of about OPT_BATCH items,
 * so that one walk along a card gives every one of its items' gradients
 * (fsrs-rs batches items by length instead, and walks each item from its
 * first review: the items of a card share their histories, so a card walk
 * does the work of all its items in one pass).
 */
struct optimize_train {
	double *weight;       /* per flat review */
	uint32_t *last;       /* per card: 1 + its last trained position, 0 if none */
	size_t *batch_start;  /* per batch: first card; one more entry at the end */
	size_t *batch_items;  /* per batch: items */
	size_t nbatches;
	size_t total;         /* items trained on */
};

static void optimize_train_free(struct optimize_train *t)
{
	free(t->weight);
	free(t->last);
	free(t->batch_start);
	free(t->batch_items);
}

/* Which card each item belongs to: cards are contiguous in the flat arrays. */
static size_t optimize_card_of(const struct optimize_log *log, uint32_t start)
{
	size_t lo = 0, hi = log->ncards;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (log->card_start[mid] <= start)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int optimize_train_build(const struct optimize_log *log,
				const struct optimize_filter *f,
				struct optimize_train *t)
{
	size_t *count;

	memset(t, 0, sizeof(*t));
	t->weight = calloc(log->nflat ? log->nflat : 1, sizeof(*t->weight));
	t->last = calloc(log->ncards ? log->ncards : 1, sizeof(*t->last));
	count = calloc(log->ncards ? log->ncards : 1, sizeof(*count));
	t->batch_start = malloc((log->ncards + 2) * sizeof(*t->batch_start));
	t->batch_items = malloc((log->ncards + 2) * sizeof(*t->batch_items));
	if (t->weight == NULL || t->last == NULL || count == NULL ||
	    t->batch_start == NULL || t->batch_items == NULL) {
		free(count);
		optimize_train_free(t);
		return WHOSE_ENOMEM;
	}
	/* Recency weights over the filtered set in time order, given before
	 * the length filter (§3.5). */
	for (size_t i = 0; i < f->ntrain; i++) {
		const struct optimize_item *it = &log->items[f->train[i]];
		double L = f->ntrain > 1 ? (double)(f->ntrain - 1) : 1.0;
		double x = (double)i / L;
		size_t c;

		if (it->len > OPT_MAX_SEQ)
			continue;
		c = optimize_card_of(log, it->start);
		t->weight[it->start + it->len - 1] = 0.25 + 0.75 * x * x * x;
		if (it->len > t->last[c])
			t->last[c] = it->len;
		count[c]++;
		t->total++;
	}
	for (size_t c = 0; c < log->ncards; c++) {
		if (count[c] == 0)
			continue;
		if (t->nbatches == 0 || t->batch_items[t->nbatches - 1] >= OPT_BATCH) {
			t->batch_start[t->nbatches] = c;
			t->batch_items[t->nbatches] = 0;
			t->nbatches++;
		}
		t->batch_items[t->nbatches - 1] += count[c];
	}
	t->batch_start[t->nbatches] = log->ncards;
	free(count);
	return 0;
}

/*
 * Add the gradient of the weighted log loss of card C's trained items at
 * W to G (one walk along the card, carrying the tangents).
 */
static void optimize_card_grad(const struct optimize_log *log,
			       const struct optimize_train *t, size_t c,
			       const double *w, const struct optimize_curve *cv,
			       double *g)
{
	uint32_t a = log->card_start[c], n = t->last[c];
	struct optimize_state st;

	optimize_first(w, log->rating[a], &st, true);
	for (uint32_t i = 1; i < n; i++) {
		double wt = t->weight[a + i], dt = (double)log->dt[a + i];

		if (wt > 0) {
			double dr_ds, dr_dw20;
			double p = optimize_recall(cv, dt, st.s, &dr_ds, &dr_dw20);
			int y = log->rating[a + i] > 1;

			/* fsrs-rs passes no gradient where p is clamped. */
			if (p > OPT_P_EPS && p < 1.0 - OPT_P_EPS) {
				double dl = -wt * (y ? 1.0 / p : -1.0 / (1.0 - p));

				for (int j = 0; j < OPT_NW; j++)
					g[j] += dl * dr_ds * st.ds[j];
				g[20] += dl * dr_dw20;
			}
		}
		if (i + 1 < n)
			optimize_step(w, cv, log->rating[a + i], dt, &st, true);
	}
}

/* The weighted loss of all trained items plus the whole L2 term, per item. */
static double optimize_objective(const struct optimize_log *log,
				 const struct optimize_train *t,
				 const double *w, const double *w0, double *pbuf)
{
	double sum = 0, l2 = 0;

	optimize_predict_all(log, w, pbuf);
	for (size_t k = 0; k < log->nflat; k++)
		if (t->weight[k] > 0)
			sum += t->weight[k] * optimize_bce(pbuf[k], log->rating[k] > 1);
	for (int j = 0; j < OPT_NW; j++) {
		double z = (w[j] - w0[j]) / optimize_stddev[j];

		l2 += z * z;
	}
	return (sum + OPT_GAMMA * l2) / (double)t->total;
}

static int optimize_refuse(struct whose_error *err, size_t have)
{
	return whose_error_set(err, WHOSE_EDATA,
			       "not enough review history to fit: %zu of the %d reviews needed count "
			       "(%zu more). A review counts when it is the first of its day for a "
			       "question already reviewed on an earlier day, and its first rating "
			       "is shared by at least 20 questions; keep reviewing and try again",
			       have, OPTIMIZE_MIN_ITEMS, (size_t)OPTIMIZE_MIN_ITEMS - have);
}

int optimize_fit(const struct optimize_log *log, const struct optimize_opts *o,
		 double w_out[FSRS_NUM_WEIGHTS], struct whose_error *err)
{
	const struct optimize_filter *f = log->filter;
	struct optimize_train tr;
	size_t *order = NULL, nb, done = 0, work;
	double *pbuf = NULL, w[OPT_NW], w0[OPT_NW], best[OPT_NW], s0[5];
	double avg = 0, best_loss = INFINITY, lr, T;
	struct optimize_adam adam;
	uint64_t rng = OPT_SEED;
	int rc, step = 0;
	bool st = o->enable_short_term;

	memset(&tr, 0, sizeof(tr));
	if (f->ntrain < OPTIMIZE_MIN_ITEMS) {
		rc = optimize_refuse(err, f->ntrain);
		goto out;
	}
	if (f->ntrain == f->npretrain || f->nother == 0) {
		rc = whose_error_set(err, WHOSE_EDATA,
				     "not enough review history to fit: no question has been reviewed "
				     "on two later days yet; keep reviewing and try again");
		goto out;
	}
	for (size_t i = 0; i < f->ntrain; i++)
		avg += optimize_target(log, &log->items[f->train[i]]) > 1;
	avg /= (double)f->ntrain;
	rc = optimize_pretrain(log, f, avg, s0);
	if (rc == WHOSE_ENOMEM)
		goto nomem;
	if (rc < 0) {
		rc = optimize_refuse(err, 0);
		goto out;
	}
	if (optimize_train_build(log, f, &tr) < 0)
		goto nomem;
	pbuf = malloc((log->nflat ? log->nflat : 1) * sizeof(*pbuf));
	nb = tr.nbatches;
	order = malloc((nb ? nb : 1) * sizeof(*order));
	if (pbuf == NULL || order == NULL)
		goto nomem;

	memcpy(w, optimize_default_w, sizeof(w));
	for (int r = 1; r <= 4; r++)
		w[r - 1] = s0[r];
	if (!st)
		w[17] = w[18] = w[19] = 0;
	memcpy(w0, w, sizeof(w));
	memcpy(best, w, sizeof(best));
	memset(&adam, 0, sizeof(adam));
	/* fsrs-rs's schedule length, from its number of batches. */
	T = (double)((tr.total / OPT_BATCH + 1) * 5);
	lr = OPT_LR;
	work = tr.total * OPT_EPOCHS;
	for (int epoch = 0; epoch < OPT_EPOCHS; epoch++) {
		double loss;

		for (size_t i = 0; i < nb; i++)
			order[i] = i;
		for (size_t i = nb; i > 1; i--) {
			size_t j = (size_t)(optimize_rand(&rng) % i);
			size_t tmp = order[i - 1];

			order[i - 1] = order[j];
			order[j] = tmp;
		}
		for (size_t bi = 0; bi < nb; bi++) {
			size_t b = order[bi];
			double g[OPT_NW] = { 0 };
			struct optimize_curve c;

			/* The cosine schedule, evaluated recursively as PyTorch. */
			if (step > 0)
				lr = lr * (1 + cos(M_PI * step / T)) / (1 + cos(M_PI * (step - 1) / T));
			step++;
			optimize_curve_init(&c, w);
			for (size_t card = tr.batch_start[b]; card < tr.batch_start[b + 1]; card++)
				if (tr.last[card] > 0)
					optimize_card_grad(log, &tr, card, w, &c, g);
			for (int j = 0; j < OPT_NW; j++) {
				double sd = optimize_stddev[j];

				g[j] += 2.0 * (w[j] - w0[j]) / (sd * sd) * OPT_GAMMA *
					(double)tr.batch_items[b] / (double)tr.total;
			}
			if (!st) {
				for (int j = 0; j < 4; j++)
					g[j] = 0;
				g[17] = g[18] = g[19] = 0;
			}
			adam.t++;
			for (int j = 0; j < OPT_NW; j++) {
				double mh, vh;

				adam.m[j] = 0.9 * adam.m[j] + 0.1 * g[j];
				adam.v[j] = 0.999 * adam.v[j] + 0.001 * g[j] * g[j];
				mh = adam.m[j] / (1 - pow(0.9, adam.t));
				vh = adam.v[j] / (1 - pow(0.999, adam.t));
				w[j] -= lr * mh / (sqrt(vh) + 1e-8);
			}
			optimize_clip(w, o->num_relearning_steps, st);
			done += tr.batch_items[b];
			if (o->progress != NULL)
				o->progress(o->ctx, done, work);
		}
		loss = optimize_objective(log, &tr, w, w0, pbuf);
		if (loss < best_loss) {
			best_loss = loss;
			memcpy(best, w, sizeof(best));
		}
	}
	for (int j = 0; j < OPT_NW; j++)
		if (!isfinite(best[j])) {
			rc = whose_error_set(err, WHOSE_EDATA,
					     "the fit did not converge on this review log (parameter w%d is not a number)",
					     j);
			goto out;
		}
	{
		bool have[5] = { false, f->rating_count[1] > 0, f->rating_count[2] > 0,
				 f->rating_count[3] > 0, f->rating_count[4] > 0 };
		double s[5] = { 0, best[0], best[1], best[2], best[3] };

		optimize_smooth_fill(s, have, f->rating_count);
		for (int r = 1; r <= 4; r++)
			best[r - 1] = s[r];
	}
	memcpy(w_out, best, sizeof(best));
	rc = 0;
	goto out;
nomem:
	rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory fitting the parameters");
out:
	free(order);
	free(pbuf);
	optimize_train_free(&tr);
	return rc;
}

/* ---- evaluation (§5) -------------------------------------------------- */

struct optimize_scored {
	int64_t bin;
	double p, y, weight;
};

static int optimize_scored_cmp(const void *a, const void *b)
{
	const struct optimize_scored *x = a, *y = b;

	return (x->bin > y->bin) - (x->bin < y->bin);
}

/* round(c * base^floor(log_base(x))) */
static double optimize_bin_of(double x, double c, double base)
{
	return round(c * pow(base, floor(log(x) / log(base))));
}

int optimize_evaluate(const struct optimize_log *log,
		      const double w_in[FSRS_NUM_WEIGHTS],
		      struct optimize_metrics *m, struct whose_error *err)
{
	const struct optimize_filter *f = log->filter;
	struct optimize_scored *sc = NULL;
	size_t *list = NULL, n = 0;
	double *pbuf = NULL, w[OPT_NW], ll = 0, wsum = 0, se = 0, sw = 0;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	memcpy(w, w_in, sizeof(w));
	optimize_clip(w, 1, false);
	list = malloc((f->npretrain + f->nother + 1) * sizeof(*list));
	sc = malloc((f->npretrain + f->nother + 1) * sizeof(*sc));
	pbuf = malloc((log->nflat ? log->nflat : 1) * sizeof(*pbuf));
	if (list == NULL || sc == NULL || pbuf == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory scoring the parameters");
		goto out;
	}
	memcpy(list, f->pretrain, f->npretrain * sizeof(*list));
	memcpy(list + f->npretrain, f->other, f->nother * sizeof(*list));
	n = f->npretrain + f->nother;
	if (n == 0) {
		rc = whose_error_set(err, WHOSE_EDATA,
				     "no review in the log can be predicted yet, so there is nothing to score");
		goto out;
	}
	optimize_predict_all(log, w, pbuf);
	for (size_t i = 0; i < n; i++) {
		const struct optimize_item *it = &log->items[list[i]];
		double L = n > 1 ? (double)(n - 1) : 1.0, x = (double)i / L;
		double wt = 0.25 + 0.75 * x * x * x;
		double p = pbuf[it->start + it->len - 1];
		int y = optimize_target(log, it) > 1;
		unsigned lapses = 0, lt = optimize_long_term_count(log, it);
		double dtb = optimize_bin_of(log->dt[it->start + it->len - 1], 2.48 * 100, 3.62);
		double lenb = optimize_bin_of(lt + 1.0, 1.99, 1.89);
		double lapb;

		for (uint32_t k = 0; k + 1 < it->len; k++)
			lapses += log->rating[it->start + k] == 1 && log->dt[it->start + k] > 0;
		lapb = lapses == 0 ? 0 : optimize_bin_of(lapses, 1.65, 1.73);
		ll += wt * optimize_bce(p, y);
		wsum += wt;
		sc[i].bin = (int64_t)dtb * 1000000 + (int64_t)lenb * 1000 + (int64_t)lapb;
		sc[i].p = p;
		sc[i].y = y;
		sc[i].weight = wt;
	}
	qsort(sc, n, sizeof(*sc), optimize_scored_cmp);
	for (size_t a = 0; a < n;) {
		size_t b = a;
		double ps = 0, ys = 0, ws = 0;

		while (b < n && sc[b].bin == sc[a].bin) {
			ps += sc[b].p;
			ys += sc[b].y;
			ws += sc[b].weight;
			b++;
		}
		ps /= (double)(b - a);
		ys /= (double)(b - a);
		se += ws * (ps - ys) * (ps - ys);
		sw += ws;
		a = b;
	}
	m->log_loss = ll / wsum;
	m->rmse_bins = sqrt(se / sw);
	m->items = n;
	if (!isfinite(m->log_loss) || !isfinite(m->rmse_bins))
		rc = whose_error_set(err, WHOSE_EDATA,
				     "these parameters give no usable prediction on this log");
out:
	free(pbuf);
	free(sc);
	free(list);
	return rc;
}

double optimize_gain_percent(const struct optimize_metrics *current,
			     const struct optimize_metrics *fitted)
{
	if (!(current->log_loss > 0))
		return 0;
	return (current->log_loss - fitted->log_loss) / current->log_loss * 100.0;
}
