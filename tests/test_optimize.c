/*
 * test_optimize.c - the FSRS parameter fit against fsrs-rs.
 *
 * tests/data/optimize/log.csv is a simulated learner's review log (1,500
 * reviews) and figures.txt what fsrs-rs (@open-spaced-repetition/binding
 * 0.5.0) makes of it: its item count, the log loss and RMSE of its own fit
 * and of the default parameters, and its fitted parameters.  Both were
 * written by bench/optimize/compare.js fixture.  The fit must be within 1%
 * of fsrs-rs's log loss; the scoring must agree with fsrs-rs's evaluate.
 */
#include <check.h>
#include <sqlite3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_int.h"
#include "whose/config.h"
#include "whose/optimize.h"

#define TEST_OPT_LOG WHOSE_TEST_DATA_DIR "/optimize/log.csv"
#define TEST_OPT_FIG WHOSE_TEST_DATA_DIR "/optimize/figures.txt"

struct test_opt_figures {
	size_t items;
	double fitted_log_loss, fitted_rmse, default_log_loss, default_rmse;
	double fitted[FSRS_NUM_WEIGHTS];
};

static void test_opt_figures_read(struct test_opt_figures *f)
{
	FILE *fp = fopen(TEST_OPT_FIG, "r");
	char line[1024];
	int seen = 0;

	ck_assert_msg(fp != NULL, "cannot open %s", TEST_OPT_FIG);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "items %zu", &f->items) == 1)
			seen |= 1;
		else if (sscanf(line, "fitted_log_loss %lf", &f->fitted_log_loss) == 1)
			seen |= 2;
		else if (sscanf(line, "fitted_rmse_bins %lf", &f->fitted_rmse) == 1)
			seen |= 4;
		else if (sscanf(line, "default_log_loss %lf", &f->default_log_loss) == 1)
			seen |= 8;
		else if (sscanf(line, "default_rmse_bins %lf", &f->default_rmse) == 1)
			seen |= 16;
		else if (strncmp(line, "fitted ", 7) == 0) {
			char *p = line + 7;

			for (int i = 0; i < FSRS_NUM_WEIGHTS; i++)
				f->fitted[i] = strtod(p, &p);
			seen |= 32;
		}
	}
	fclose(fp);
	ck_assert_int_eq(seen, 63);
}

/* The revlog rows of log.csv (at most MAX, all when MAX is 0). */
static struct optimize_review *test_opt_rows(size_t *n, size_t max)
{
	FILE *fp = fopen(TEST_OPT_LOG, "r");
	struct optimize_review *rev = calloc(4000, sizeof(*rev));
	char line[256];
	size_t k = 0;

	ck_assert_msg(fp != NULL, "cannot open %s", TEST_OPT_LOG);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
	ck_assert_str_eq(line, "card_id,review_time,review_rating,review_state,review_duration\n");
	while (fgets(line, sizeof(line), fp) != NULL && k < 4000 && (max == 0 || k < max)) {
		long long card, t;
		int g, st;

		ck_assert_int_eq(sscanf(line, "%lld,%lld,%d,%d", &card, &t, &g, &st), 4);
		rev[k].card_id = card;
		rev[k].time_ms = t;
		rev[k].rating = g;
		rev[k].state = st;
		rev[k].utc_offset_min = 0;
		k++;
	}
	fclose(fp);
	ck_assert_uint_gt(k, 1000);
	*n = k;
	return rev;
}

static struct optimize_log *test_opt_log(void)
{
	struct optimize_review *rev;
	struct optimize_log *log;
	size_t n;

	rev = test_opt_rows(&n, 0);
	ck_assert_int_eq(optimize_log_new(rev, n, 4, &log, NULL), 0);
	free(rev);
	return log;
}

static void test_opt_close(double got, double want, double rel)
{
	ck_assert_msg(fabs(got - want) <= rel * fabs(want),
		      "got %.9g, fsrs-rs %.9g (more than %g relative apart)", got, want, rel);
}

START_TEST(items_as_fsrs_rs)
{
	struct test_opt_figures fig;
	struct optimize_counts c;
	struct optimize_log *log = test_opt_log();

	test_opt_figures_read(&fig);
	optimize_log_counts(log, &c);
	ck_assert_uint_eq(c.reviews, 1500);
	ck_assert_uint_eq(c.items, fig.items);
	ck_assert_uint_le(c.train_items, c.items);
	ck_assert_uint_ge(c.train_items, OPTIMIZE_MIN_ITEMS);
	optimize_log_free(log);
}
END_TEST

/* whose's scoring is fsrs-rs's evaluate: the same figures for the same
 * parameters (f32 there, double here: a few ulps of f32 apart). */
START_TEST(evaluate_as_fsrs_rs)
{
	struct test_opt_figures fig;
	struct optimize_metrics m;
	struct fsrs_params def;
	struct optimize_log *log = test_opt_log();

	test_opt_figures_read(&fig);
	fsrs_params_default(&def);
	ck_assert_int_eq(optimize_evaluate(log, def.w, &m, NULL), 0);
	test_opt_close(m.log_loss, fig.default_log_loss, 1e-5);
	test_opt_close(m.rmse_bins, fig.default_rmse, 1e-4);
	ck_assert_int_eq(optimize_evaluate(log, fig.fitted, &m, NULL), 0);
	test_opt_close(m.log_loss, fig.fitted_log_loss, 1e-5);
	test_opt_close(m.rmse_bins, fig.fitted_rmse, 1e-4);
	optimize_log_free(log);
}
END_TEST

/* The fit: within 1% of fsrs-rs's log loss, better than the defaults, the
 * same parameters twice, and inside fsrs-rs's clip ranges. */
START_TEST(fit_as_good_as_fsrs_rs)
{
	struct optimize_opts o = { .enable_short_term = true, .num_relearning_steps = 1 };
	struct test_opt_figures fig;
	struct optimize_metrics m;
	struct whose_error err;
	double w[FSRS_NUM_WEIGHTS], w2[FSRS_NUM_WEIGHTS];
	struct fsrs_params p;
	struct optimize_log *log = test_opt_log();

	test_opt_figures_read(&fig);
	ck_assert_int_eq(optimize_fit(log, &o, w, &err), 0);
	ck_assert_int_eq(optimize_evaluate(log, w, &m, NULL), 0);
	ck_assert_msg(m.log_loss <= fig.fitted_log_loss * 1.01,
		      "log loss %.6f, fsrs-rs %.6f", m.log_loss, fig.fitted_log_loss);
	ck_assert(m.log_loss < fig.default_log_loss);
	ck_assert_int_eq(optimize_fit(log, &o, w2, &err), 0);
	ck_assert_mem_eq(w, w2, sizeof(w));
	/* The scheduler takes them as they are. */
	fsrs_params_default(&p);
	memcpy(p.w, w, sizeof(w));
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	for (int i = 0; i < FSRS_NUM_WEIGHTS; i++)
		ck_assert_msg(p.w[i] == w[i], "w%d %.9g clipped to %.9g", i, w[i], p.w[i]);
	optimize_log_free(log);
}
END_TEST

struct test_opt_progress {
	size_t calls, last, total;
	bool monotonic;
};

static void test_opt_progress(void *ctx, size_t done, size_t total)
{
	struct test_opt_progress *p = ctx;

	p->monotonic = p->monotonic && done > p->last && done <= total &&
		       (p->total == 0 || p->total == total);
	p->calls++;
	p->last = done;
	p->total = total;
}

/* Progress: reported after every batch, rising, ending at the total; the
 * callback does not change the result. */
START_TEST(fit_progress)
{
	struct test_opt_progress pr = { 0, 0, 0, true };
	struct optimize_opts o = { .enable_short_term = true, .num_relearning_steps = 1,
				   .progress = test_opt_progress, .ctx = &pr };
	struct optimize_opts quiet = { .enable_short_term = true, .num_relearning_steps = 1 };
	double w[FSRS_NUM_WEIGHTS], w2[FSRS_NUM_WEIGHTS];
	struct optimize_log *log = test_opt_log();

	ck_assert_int_eq(optimize_fit(log, &o, w, NULL), 0);
	ck_assert(pr.monotonic);
	ck_assert_uint_ge(pr.calls, 5);
	ck_assert_uint_eq(pr.last, pr.total);
	ck_assert_int_eq(optimize_fit(log, &quiet, w2, NULL), 0);
	ck_assert_mem_eq(w, w2, sizeof(w));
	optimize_log_free(log);
}
END_TEST

/* Short-term off: w17..w19 stay 0 and the fit still improves on defaults. */
START_TEST(fit_long_term_only)
{
	struct optimize_opts o = { .enable_short_term = false, .num_relearning_steps = 1 };
	struct test_opt_figures fig;
	struct optimize_metrics m;
	double w[FSRS_NUM_WEIGHTS];
	struct optimize_log *log = test_opt_log();

	test_opt_figures_read(&fig);
	ck_assert_int_eq(optimize_fit(log, &o, w, NULL), 0);
	ck_assert(w[17] == 0 && w[18] == 0 && w[19] == 0);
	ck_assert_int_eq(optimize_evaluate(log, w, &m, NULL), 0);
	ck_assert(m.log_loss < fig.default_log_loss);
	optimize_log_free(log);
}
END_TEST

/* Too little history: refused, saying how much is missing; W untouched. */
START_TEST(too_little_history)
{
	struct optimize_opts o = { .enable_short_term = true, .num_relearning_steps = 1 };
	struct optimize_review *rev;
	struct optimize_log *log;
	struct whose_error err;
	double w[FSRS_NUM_WEIGHTS] = { 42 };
	size_t n;

	rev = test_opt_rows(&n, 0);
	/* The first 30 cards' reviews only. */
	for (n = 0; rev[n].card_id < 1030; n++)
		;
	ck_assert_int_eq(optimize_log_new(rev, n, 4, &log, NULL), 0);
	ck_assert_int_eq(optimize_fit(log, &o, w, &err), WHOSE_EDATA);
	ck_assert_msg(strstr(err.msg, "of the 64 reviews needed count") != NULL, "%s", err.msg);
	ck_assert(w[0] == 42);
	optimize_log_free(log);
	ck_assert_int_eq(optimize_log_new(rev, 0, 4, &log, NULL), 0);
	ck_assert_int_eq(optimize_fit(log, &o, w, &err), WHOSE_EDATA);
	ck_assert_msg(strstr(err.msg, "0 of the 64") != NULL, "%s", err.msg);
	ck_assert_int_eq(optimize_evaluate(log, w, &(struct optimize_metrics){ 0 }, &err), WHOSE_EDATA);
	optimize_log_free(log);
	free(rev);
}
END_TEST

/* §1: the day boundary, same-day reviews, and the cut at the last run of
 * learning reviews, on a hand-made card. */
START_TEST(items_rules)
{
	/* 2024-01-01T00:00Z = 1704067200000 ms. */
	const int64_t h = 3600000, d0 = INT64_C(1704067200000);
	const struct optimize_review rev[] = {
		/* card 7: review, then a new learning run that restarts it */
		{ 7, d0 + 10 * h, 3, 2, 0 },
		{ 7, d0 + 11 * h, 1, 0, 0 },
		{ 7, d0 + 11 * h + 60000, 3, 1, 0 },
		/* 03:00 next day is still "today" with the day at 04:00 */
		{ 7, d0 + 27 * h, 3, 2, 0 },
		{ 7, d0 + 27 * h + 1800000, 3, 2, 0 },
		{ 7, d0 + 27 * h + 1801000, 9, 2, 0 }, /* not a rating: skipped */
		{ 7, d0 + 80 * h, 2, 2, 0 },        /* days later: an item */
		/* card 8: never in learning: no items */
		{ 8, d0, 3, 2, 0 },
		{ 8, d0 + 100 * h, 3, 2, 0 },
	};
	struct optimize_counts c;
	struct optimize_log *log;

	ck_assert_int_eq(optimize_log_new(rev, sizeof(rev) / sizeof(rev[0]), 4, &log, NULL), 0);
	optimize_log_counts(log, &c);
	ck_assert_uint_eq(c.reviews, 8);
	ck_assert_uint_eq(c.cards, 1);
	ck_assert_uint_eq(c.items, 1);
	optimize_log_free(log);
	/* With the day at midnight, 03:00 is a new day: two items. */
	ck_assert_int_eq(optimize_log_new(rev, sizeof(rev) / sizeof(rev[0]), 0, &log, NULL), 0);
	optimize_log_counts(log, &c);
	ck_assert_uint_eq(c.items, 2);
	optimize_log_free(log);
	/* A UTC offset moves the boundary: at UTC+2, 03:00Z is 05:00 local. */
	{
		struct optimize_review r2[sizeof(rev) / sizeof(rev[0])];

		memcpy(r2, rev, sizeof(rev));
		for (size_t i = 0; i < sizeof(rev) / sizeof(rev[0]); i++)
			r2[i].utc_offset_min = 120;
		ck_assert_int_eq(optimize_log_new(r2, sizeof(r2) / sizeof(r2[0]), 4, &log, NULL), 0);
		optimize_log_counts(log, &c);
		ck_assert_uint_eq(c.items, 2);
		optimize_log_free(log);
	}
}
END_TEST

/* The log read from a store card by card (bounded by its compact form)
 * is the log optimize_log_new makes from the same reviews in time order:
 * the same counts, the same figures, the same fit, bit for bit.  Three
 * reviews share each hour, so items of cards with ids of different
 * lengths tie in time (they sort by id as text); ratings out of range and
 * practice answers are skipped; relearning runs restart cards. */
START_TEST(load_by_card_as_from_rows)
{
	struct optimize_opts o = { .enable_short_term = true, .num_relearning_steps = 1 };
	enum { N = 8000, CARDS = 300 };
	struct optimize_review *rev = calloc(N, sizeof(*rev));
	struct optimize_log *a, *b;
	struct optimize_counts ca, cb;
	struct optimize_metrics ma, mb;
	struct fsrs_params def;
	double wa[FSRS_NUM_WEIGHTS], wb[FSRS_NUM_WEIGHTS];
	struct whose_error err;
	struct store *s;
	sqlite3_stmt *st;
	uint64_t x = 12345;
	bool seen[CARDS + 1] = { false };
	const int64_t d0 = INT64_C(1704067200000), h = 3600000;

	ck_assert_ptr_nonnull(rev);
	setenv("TZ", "UTC", 1);
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	ck_assert_int_eq(sqlite3_exec(store_db_handle(s), "PRAGMA foreign_keys=OFF", NULL, NULL, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db_handle(s),
		"INSERT INTO reviews(question_id, topic_id, reviewed_at, rating, correct, mode,"
		" duration_ms, elapsed_days, state_before, state_after, due_before, due_after,"
		" stability_before, stability_after, difficulty_before, difficulty_after,"
		" elapsed_days_before, scheduled_days_before, scheduled_days_after,"
		" learning_steps_before, learning_steps_after, reps_before, lapses_before,"
		" leech_before, suspended_before)"
		" VALUES (?1, 1, ?2, ?3, 1, ?4, 0, 0, ?5, 0, 0, 0, 1, 1, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
		-1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < N; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		rev[i].card_id = 1 + (int64_t)((x >> 33) % CARDS);
		/* in time order, on a grid coarse enough for ties */
		rev[i].time_ms = d0 + (int64_t)(i / 3) * h;
		rev[i].rating = (int)((x >> 20) % 6);
		/* new at first, then mostly reviews, a relearning now and then */
		rev[i].state = !seen[rev[i].card_id] ? 0 : (x >> 12) % 40 == 0 ? 1 : (int)(2 + (x >> 18) % 2);
		seen[rev[i].card_id] = true;
		sqlite3_bind_int64(st, 1, rev[i].card_id);
		sqlite3_bind_int64(st, 2, rev[i].time_ms);
		sqlite3_bind_int(st, 3, rev[i].rating);
		/* a practice answer is not in the log */
		sqlite3_bind_text(st, 4, i % 50 == 3 ? "practice" : "review", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, rev[i].state);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
		if (i % 50 == 3)
			rev[i].rating = 0;  /* so that optimize_log_new skips it too */
	}
	sqlite3_finalize(st);
	ck_assert_int_eq(optimize_log_new(rev, N, 4, &a, &err), 0);
	ck_assert_int_eq(optimize_log_load(s, 4, &b, &err), 0);
	optimize_log_counts(a, &ca);
	optimize_log_counts(b, &cb);
	ck_assert_uint_eq(ca.reviews, cb.reviews);
	ck_assert_uint_eq(ca.cards, cb.cards);
	ck_assert_uint_eq(ca.items, cb.items);
	ck_assert_uint_eq(ca.train_items, cb.train_items);
	ck_assert_msg(ca.train_items > OPTIMIZE_MIN_ITEMS, "reviews %zu cards %zu items %zu train %zu", ca.reviews, ca.cards, ca.items, ca.train_items);
	fsrs_params_default(&def);
	ck_assert_int_eq(optimize_evaluate(a, def.w, &ma, NULL), 0);
	ck_assert_int_eq(optimize_evaluate(b, def.w, &mb, NULL), 0);
	ck_assert(ma.log_loss == mb.log_loss && ma.rmse_bins == mb.rmse_bins);
	ck_assert_int_eq(optimize_fit(a, &o, wa, &err), 0);
	ck_assert_int_eq(optimize_fit(b, &o, wb, &err), 0);
	ck_assert_mem_eq(wa, wb, sizeof(wa));
	optimize_log_free(a);
	optimize_log_free(b);
	store_close(s);
	free(rev);
}
END_TEST

/* --apply and --revert: the fitted set in, the old one kept, swapped back. */
START_TEST(apply_and_revert)
{
	struct store *s;
	struct config c;
	struct whose_error err;
	double w[FSRS_NUM_WEIGHTS];
	char before[CONFIG_VALUE_MAX], after[CONFIG_VALUE_MAX];

	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	ck_assert_int_eq(config_parameters_revert(s, &err), WHOSE_ENOTFOUND);
	ck_assert_int_eq(config_get(s, "parameters", before, sizeof(before), NULL), 0);
	config_defaults(&c);
	memcpy(w, c.fsrs.w, sizeof(w));
	w[0] = 0.5;
	w[20] = 0.3;
	ck_assert_int_eq(config_parameters_apply(s, w, &err), 0);
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.w[0] == 0.5 && c.fsrs.w[20] == 0.3);
	ck_assert_int_eq(config_get(s, "parameters", after, sizeof(after), NULL), 0);
	ck_assert_str_ne(before, after);
	ck_assert_int_eq(config_parameters_revert(s, &err), 0);
	ck_assert_int_eq(config_get(s, "parameters", after, sizeof(after), NULL), 0);
	ck_assert_str_eq(before, after);
	/* A second revert has nothing to revert: the parameters stay those
	 * from before the apply. */
	ck_assert_int_eq(config_parameters_revert(s, &err), WHOSE_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "nothing to revert"));
	ck_assert_int_eq(config_get(s, "parameters", after, sizeof(after), NULL), 0);
	ck_assert_str_eq(before, after);
	/* Apply twice, revert once: back to the set before the second. */
	ck_assert_int_eq(config_parameters_apply(s, w, &err), 0);
	w[0] = 0.7;
	ck_assert_int_eq(config_parameters_apply(s, w, &err), 0);
	ck_assert_int_eq(config_parameters_revert(s, &err), 0);
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.w[0] == 0.5);
	/* Out of range: refused, nothing stored. */
	w[4] = 11;
	ck_assert_int_eq(config_parameters_apply(s, w, &err), WHOSE_EINVAL);
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.w[0] == 0.5 && c.fsrs.w[4] != 11);
	store_close(s);
}
END_TEST

/* What parameters mean for a learner: from the scheduler, deterministic,
 * and moving the way the weights say. */
START_TEST(effect_in_days)
{
	struct fsrs_params p, slow;
	struct optimize_effect a, b, c;
	struct whose_error err;
	struct fsrs_card card;
	int64_t now = 1767571200000LL;

	fsrs_params_default(&p);
	ck_assert_int_eq(optimize_effect_collect(&p, 10, &a, &err), 0);
	ck_assert_int_eq(optimize_effect_collect(&p, 10, &b, &err), 0);
	ck_assert(memcmp(&a, &b, sizeof(a)) == 0);
	/* The first interval is what the scheduler gives: Good through the
	 * learning steps of a new card. */
	fsrs_card_init(&card, now);
	while (card.state != FSRS_STATE_REVIEW) {
		ck_assert_int_eq(fsrs_next(&p, &card, now, FSRS_GOOD, &card, &err), 0);
		now = card.due;
	}
	ck_assert_int_eq(a.new_good_days, card.scheduled_days);
	ck_assert_int_ge(a.mature_from_days, 21);
	ck_assert_int_gt(a.mature_good_days, a.mature_from_days);
	/* At 90% retention a question costs a handful of answers a year. */
	ck_assert(a.reviews_per_question > 3 && a.reviews_per_question < 20);
	ck_assert_double_eq_tol(a.reviews_per_day, 10 * a.reviews_per_question, 1e-9);
	/* Twice the pace, twice the reviews. */
	ck_assert_int_eq(optimize_effect_collect(&p, 20, &c, &err), 0);
	ck_assert_double_eq_tol(c.reviews_per_day, 2 * a.reviews_per_day, 1e-9);
	/* A smaller initial stability for Good (w2) gives a shorter first
	 * interval and more reviews. */
	slow = p;
	slow.w[2] = p.w[2] / 4;
	ck_assert_int_eq(fsrs_params_prepare(&slow, &err), 0);
	ck_assert_int_eq(optimize_effect_collect(&slow, 10, &c, &err), 0);
	ck_assert_int_lt(c.new_good_days, a.new_good_days);
	ck_assert(c.reviews_per_question > a.reviews_per_question);
	/* Higher desired retention: more reviews. */
	slow = p;
	slow.desired_retention = 0.97;
	ck_assert_int_eq(fsrs_params_prepare(&slow, &err), 0);
	ck_assert_int_eq(optimize_effect_collect(&slow, 10, &c, &err), 0);
	ck_assert(c.reviews_per_question > a.reviews_per_question);
}
END_TEST

Suite *test_optimize_suite(void);

Suite *test_optimize_suite(void)
{
	Suite *s = suite_create("optimize");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, items_as_fsrs_rs);
	tcase_add_test(tc, evaluate_as_fsrs_rs);
	tcase_add_test(tc, fit_as_good_as_fsrs_rs);
	tcase_add_test(tc, fit_long_term_only);
	tcase_add_test(tc, fit_progress);
	tcase_add_test(tc, too_little_history);
	tcase_add_test(tc, items_rules);
	tcase_add_test(tc, load_by_card_as_from_rows);
	tcase_add_test(tc, apply_and_revert);
	tcase_add_test(tc, effect_in_days);
	suite_add_tcase(s, tc);
	return s;
}
