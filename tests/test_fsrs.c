/*
 * test_fsrs.c - tests of the FSRS scheduler (src/core/fsrs.c).
 *
 * The heart of it is parity with the reference, ts-fsrs 5.4.2: the vectors
 * in tests/data/fsrs/ (made by tests/fsrs/gen.js, see its README.md) hold
 * thousands of review histories with the reference's card after every
 * step.  Each history is replayed here from a fresh card through our own
 * fsrs_next, and every step must give the same state, due time, interval,
 * step index and counters, and the same stability and difficulty within
 * 1e-6 relative (V8's and glibc's exp/log/pow may differ in the last bit;
 * round8 hides nearly all of that, and the test reports how many values
 * were not bit-identical).  The unit tests pin the numbers quoted in
 * src/core/FSRS-NOTES.md and the parsing and error paths.
 */
#include <check.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whose/fsrs.h"

#ifndef WHOSE_TEST_DATA_DIR
#error "compile with -DWHOSE_TEST_DATA_DIR=\"<path of tests/data>\""
#endif
#define TEST_FSRS_DIR WHOSE_TEST_DATA_DIR "/fsrs/"

/* A replay must cover at least this much to count as a parity test. */
#define TEST_FSRS_MIN_HISTORIES 5000
#define TEST_FSRS_MIN_FUZZ_HISTORIES 1000
#define TEST_FSRS_REL_TOL 1e-6

#define TEST_FSRS_MINUTE INT64_C(60000)
#define TEST_FSRS_DAY INT64_C(86400000)

/* fsrs_recall, the curve for aggregates, agrees with the reference's
 * retrievability to 1e-8 over a spread of stabilities and ages. */
START_TEST(test_fsrs_recall_matches)
{
	struct fsrs_params p;
	struct fsrs_card c;
	int64_t t0 = INT64_C(1767225600000);

	fsrs_params_default(&p);
	memset(&c, 0, sizeof(c));
	c.state = FSRS_STATE_REVIEW;
	c.has_last_review = true;
	c.last_review = t0;
	for (double s = 0.01; s < 40000; s *= 1.37) {
		for (int64_t days = 0; days < 4000; days = days * 3 + 1) {
			int64_t now = t0 + days * 86400000 + 3600000;

			c.stability = s;
			ck_assert_double_eq_tol(fsrs_recall(&p, s, now - t0),
						fsrs_retrievability(&p, &c, now), 2e-8);
		}
	}
	ck_assert(fsrs_recall(&p, 0, 86400000) == 0);
	ck_assert(fsrs_recall(&p, 5, -86400000) == 1);
}
END_TEST

/* fsrs_card_check: every value the scheduler can write passes, each value
 * it cannot is named, and fsrs_next refuses the card. */
START_TEST(test_fsrs_card_check)
{
	struct fsrs_params p;
	struct fsrs_card good, c, out;
	struct whose_error err;
	static const struct {
		const char *what;
		int field;
		double v;
		const char *says;
	} bad[] = {
		{ "state", 0, 7, "state 7 is unknown" },
		{ "state", 0, -1, "state -1 is unknown" },
		{ "difficulty", 1, 99, "difficulty 99 is outside 1 to 10" },
		{ "difficulty", 1, 0.5, "difficulty 0.5 is outside 1 to 10" },
		{ "difficulty", 1, NAN, "difficulty nan is outside 1 to 10" },
		{ "stability", 2, -3, "stability -3 is outside 0.001 to 36500 days" },
		{ "stability", 2, 36500.5, "stability 36500.5 is outside" },
		{ "step", 3, -1, "learning step -1 is outside 0 to" },
		{ "step", 3, 99999, "learning step 99999 is outside 0 to" },
		{ "scheduled", 4, -5, "-5 scheduled days is outside 0 to 36503" },
		{ "scheduled", 4, 36504, "36504 scheduled days" },
		{ "elapsed", 5, -1, "-1 elapsed days is negative" },
		{ "reps", 6, -2, "-2 reviews and 0 lapses are out of range" },
		{ "lapses", 7, -1, "are out of range" },
	};

	fsrs_params_default(&p);
	fsrs_card_init(&good, 1772359200000LL);
	ck_assert_int_eq(fsrs_card_check(&good, &err), 0);
	/* the edges the scheduler reaches */
	good.state = FSRS_STATE_REVIEW;
	good.difficulty = 10;
	good.stability = 36500;
	good.scheduled_days = 36503;
	good.learning_steps = FSRS_MAX_STEPS;
	good.reps = 3;
	good.has_last_review = true;
	good.last_review = 1772359200000LL - 86400000LL;
	ck_assert_int_eq(fsrs_card_check(&good, &err), 0);
	good.difficulty = 1;
	good.stability = 0.001;
	ck_assert_int_eq(fsrs_card_check(&good, &err), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c = good;
		switch (bad[i].field) {
		case 0: c.state = (enum fsrs_state)(int)bad[i].v; break;
		case 1: c.difficulty = bad[i].v; break;
		case 2: c.stability = bad[i].v; break;
		case 3: c.learning_steps = (int)bad[i].v; break;
		case 4: c.scheduled_days = (int)bad[i].v; break;
		case 5: c.elapsed_days = (int)bad[i].v; break;
		case 6: c.reps = (int)bad[i].v; break;
		default: c.lapses = (int)bad[i].v; break;
		}
		ck_assert_int_eq(fsrs_card_check(&c, &err), WHOSE_EDATA);
		ck_assert_msg(strstr(err.msg, bad[i].says) != NULL, "%s: %s", bad[i].what, err.msg);
		ck_assert_int_eq(fsrs_next(&p, &c, 1772359200000LL, FSRS_GOOD, &out, &err), WHOSE_EINVAL);
		ck_assert_msg(strstr(err.msg, "the card cannot be scheduled: ") == err.msg, "%s", err.msg);
	}
}
END_TEST

Suite *test_fsrs_suite(void);

/* 2024-01-15 09:30:00 UTC */
static const int64_t test_fsrs_t0 = INT64_C(1705311000000);

/* --------------------------------------------------------------------------
 * Vector files
 */

#define TEST_FSRS_MAX_WEIGHT_SETS 64

/* Weight and parameter sets of one vector file, indexed by W and P id. */
struct test_fsrs_params {
	double weights[TEST_FSRS_MAX_WEIGHT_SETS][FSRS_NUM_WEIGHTS];
	bool have_weights[TEST_FSRS_MAX_WEIGHT_SETS];
	struct fsrs_params *sets;
	int count;
	int cap;
};

/* The first mismatch, and how many there were. */
struct test_fsrs_report {
	long failures;
	long inexact;   /* S or D equal within tolerance but not bit-identical */
	char first[768];
};

static void test_fsrs_fail(struct test_fsrs_report *rep, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void test_fsrs_fail(struct test_fsrs_report *rep, const char *fmt, ...)
{
	if (rep->failures++ == 0) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(rep->first, sizeof rep->first, fmt, ap);
		va_end(ap);
	}
}

static FILE *test_fsrs_open(const char *name)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s%s", TEST_FSRS_DIR, name);
	f = fopen(path, "r");
	if (!f)
		ck_abort_msg("cannot open vector file %s: %s (generate it with tests/fsrs/gen.js)",
		             path, strerror(errno));
	return f;
}

/* Parse "W <wid> <w0,w1,...>" through fsrs_weights_parse (17, 19 or 21). */
static void test_fsrs_read_weights(struct test_fsrs_params *tab,
                                   const char *line, long lineno)
{
	struct whose_error err;
	char w[1024];
	int id;

	if (sscanf(line, "W %d %1023s", &id, w) != 2 || id < 0 ||
	    id >= TEST_FSRS_MAX_WEIGHT_SETS)
		ck_abort_msg("line %ld: bad W line", lineno);
	if (fsrs_weights_parse(w, tab->weights[id], &err) < 0)
		ck_abort_msg("line %ld: weight set %d rejected: %s", lineno, id,
		             err.msg);
	tab->have_weights[id] = true;
}

/* Parse "P <pid> <ret> <max> <short> <fuzz> <learn> <relearn> <wid>". */
static void test_fsrs_read_params(struct test_fsrs_params *tab,
                                  const char *line, long lineno)
{
	struct fsrs_params p;
	struct whose_error err;
	char learn[256], relearn[256], wid[32];
	double retention;
	int id, max_ivl, short_term, fuzz;

	if (sscanf(line, "P %d %lf %d %d %d %255s %255s %31s", &id, &retention,
	           &max_ivl, &short_term, &fuzz, learn, relearn, wid) != 8)
		ck_abort_msg("line %ld: bad P line", lineno);
	ck_assert_int_eq(id, tab->count);
	fsrs_params_default(&p);
	p.desired_retention = retention;
	p.maximum_interval = max_ivl;
	p.enable_short_term = short_term != 0;
	p.enable_fuzz = fuzz != 0;
	if (strcmp(wid, "-") != 0) {
		int w = atoi(wid);

		if (w < 0 || w >= TEST_FSRS_MAX_WEIGHT_SETS || !tab->have_weights[w])
			ck_abort_msg("line %ld: unknown weight set %s", lineno, wid);
		memcpy(p.w, tab->weights[w], sizeof p.w);
	}
	if (fsrs_steps_parse(strcmp(learn, "-") ? learn : "", p.learning_steps,
	                     &p.n_learning_steps, &err) < 0 ||
	    fsrs_steps_parse(strcmp(relearn, "-") ? relearn : "",
	                     p.relearning_steps, &p.n_relearning_steps, &err) < 0 ||
	    fsrs_params_prepare(&p, &err) < 0)
		ck_abort_msg("line %ld: parameter set %d rejected: %s", lineno, id,
		             err.msg);
	if (tab->count == tab->cap) {
		tab->cap = tab->cap ? tab->cap * 2 : 64;
		tab->sets = realloc(tab->sets, (size_t)tab->cap * sizeof *tab->sets);
		ck_assert_ptr_nonnull(tab->sets);
	}
	tab->sets[tab->count++] = p;
}

static bool test_fsrs_close(double got, double want)
{
	return got == want || fabs(got - want) <= TEST_FSRS_REL_TOL * fabs(want);
}

/* Compare one C card with one reference card; report the first difference. */
static void test_fsrs_compare(struct test_fsrs_report *rep, const char *where,
                              const struct fsrs_card *c,
                              const struct fsrs_card *ref)
{
	if (c->state != ref->state)
		test_fsrs_fail(rep, "%s: state %d, reference %d", where, c->state,
		               ref->state);
	else if (c->due != ref->due)
		test_fsrs_fail(rep, "%s: due %lld, reference %lld (%+lld min)", where,
		               (long long)c->due, (long long)ref->due,
		               (long long)((c->due - ref->due) / TEST_FSRS_MINUTE));
	else if (c->scheduled_days != ref->scheduled_days)
		test_fsrs_fail(rep, "%s: scheduled_days %d, reference %d", where,
		               c->scheduled_days, ref->scheduled_days);
	else if (c->learning_steps != ref->learning_steps)
		test_fsrs_fail(rep, "%s: learning_steps %d, reference %d", where,
		               c->learning_steps, ref->learning_steps);
	else if (c->reps != ref->reps)
		test_fsrs_fail(rep, "%s: reps %d, reference %d", where, c->reps,
		               ref->reps);
	else if (c->lapses != ref->lapses)
		test_fsrs_fail(rep, "%s: lapses %d, reference %d", where, c->lapses,
		               ref->lapses);
	else if (c->elapsed_days != ref->elapsed_days)
		test_fsrs_fail(rep, "%s: elapsed_days %d, reference %d", where,
		               c->elapsed_days, ref->elapsed_days);
	else if (!test_fsrs_close(c->stability, ref->stability))
		test_fsrs_fail(rep, "%s: stability %.17g, reference %.17g", where,
		               c->stability, ref->stability);
	else if (!test_fsrs_close(c->difficulty, ref->difficulty))
		test_fsrs_fail(rep, "%s: difficulty %.17g, reference %.17g", where,
		               c->difficulty, ref->difficulty);
	else if (c->stability != ref->stability ||
	         c->difficulty != ref->difficulty)
		rep->inexact++;
}

static bool test_fsrs_same_card(const struct fsrs_card *a,
                                const struct fsrs_card *b)
{
	return a->state == b->state && a->due == b->due &&
	       a->stability == b->stability && a->difficulty == b->difficulty &&
	       a->elapsed_days == b->elapsed_days &&
	       a->scheduled_days == b->scheduled_days &&
	       a->learning_steps == b->learning_steps && a->reps == b->reps &&
	       a->lapses == b->lapses &&
	       a->has_last_review == b->has_last_review &&
	       a->last_review == b->last_review;
}

/* The fuzz columns of one fuzz.txt step, checked against our pieces. */
static void test_fsrs_check_fuzz(struct test_fsrs_report *rep,
                                 const char *where,
                                 const struct fsrs_params *p,
                                 const struct fsrs_card *before,
                                 const struct fsrs_card *after, int64_t now,
                                 int ivl, int lo, int hi, int fuzzed)
{
	char seed[64];
	int my_ivl, my_lo, my_hi, my_fuzzed;
	double v = fsrs_jsround(after->stability * p->interval_modifier);

	my_ivl = (int)(v < 1 ? 1 : v > p->maximum_interval ? p->maximum_interval : v);
	if (my_ivl != ivl) {
		test_fsrs_fail(rep, "%s: unfuzzed interval %d, reference %d", where,
		               my_ivl, ivl);
		return;
	}
	fsrs_fuzz_range(ivl, after->elapsed_days, p->maximum_interval, &my_lo,
	                &my_hi);
	if (my_lo != lo || my_hi != hi) {
		test_fsrs_fail(rep, "%s: fuzz range [%d, %d], reference [%d, %d]",
		               where, my_lo, my_hi, lo, hi);
		return;
	}
	if (fsrs_fuzz_seed(now, after->reps, before->difficulty,
	                   before->stability, seed, sizeof seed) < 0)
		ck_abort_msg("%s: fuzz seed does not fit", where);
	my_fuzzed = ivl;
	if (ivl >= 3)
		my_fuzzed = (int)floor(fsrs_alea_first(seed) * (hi - lo + 1) + lo);
	if (my_fuzzed != fuzzed)
		test_fsrs_fail(rep, "%s: fuzzed interval %d, reference %d (seed %s)",
		               where, my_fuzzed, fuzzed, seed);
	else if (ivl >= 3 && (fuzzed < lo || fuzzed > hi))
		test_fsrs_fail(rep, "%s: fuzzed interval %d outside [%d, %d]", where,
		               fuzzed, lo, hi);
}

/*
 * Replay every history of a vector file.  Also checks, at every step, that
 * fsrs_preview gives what fsrs_next gives for each of the four ratings.
 */
static void test_fsrs_replay(const char *name, bool fuzz_columns,
                             long min_histories)
{
	static struct test_fsrs_params tab;
	struct test_fsrs_report rep;
	struct fsrs_card card, ref, out, preview[4], one;
	struct whose_error err;
	const struct fsrs_params *p = NULL;
	char line[4096], where[160];
	long lineno = 0, histories = 0, steps = 0, left = 0, hid = -1, step = 0;
	int64_t now = 0;
	FILE *f = test_fsrs_open(name);

	memset(&tab, 0, sizeof tab);
	memset(&rep, 0, sizeof rep);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[0] == 'W') {
			test_fsrs_read_weights(&tab, line, lineno);
		} else if (line[0] == 'P') {
			test_fsrs_read_params(&tab, line, lineno);
		} else if (line[0] == 'H') {
			long long start;
			int pid;

			if (left != 0)
				ck_abort_msg("%s:%ld: history %ld has too few steps", name,
				             lineno, hid);
			if (sscanf(line, "H %ld %d %lld %ld", &hid, &pid, &start,
			           &left) != 4 || pid < 0 || pid >= tab.count)
				ck_abort_msg("%s:%ld: bad H line", name, lineno);
			p = &tab.sets[pid];
			now = start;
			fsrs_card_init(&card, now);
			histories++;
			step = 0;
		} else if (line[0] == 'R') {
			long long dt, ddue;
			int rating, state, ivl = 0, lo = 0, hi = 0, fuzzed = 0, r;
			int want = fuzz_columns ? 15 : 11;

			if (left <= 0)
				ck_abort_msg("%s:%ld: R line outside a history", name,
				             lineno);
			memset(&ref, 0, sizeof ref);
			if (sscanf(line, "R %lld %d %d %lld %d %lf %lf %d %d %d %d %d %d %d %d",
			           &dt, &rating, &state, &ddue, &ref.scheduled_days,
			           &ref.stability, &ref.difficulty, &ref.learning_steps,
			           &ref.reps, &ref.lapses, &ref.elapsed_days, &ivl, &lo,
			           &hi, &fuzzed) != want)
				ck_abort_msg("%s:%ld: bad R line", name, lineno);
			now += dt;
			ref.state = (enum fsrs_state)state;
			ref.due = now + ddue * TEST_FSRS_MINUTE;
			left--;
			step++;
			steps++;
			snprintf(where, sizeof where,
			         "%s line %ld, history %ld step %ld (rating %d)", name,
			         lineno, hid, step, rating);

			if (fsrs_next(p, &card, now, rating, &out, &err) < 0) {
				test_fsrs_fail(&rep, "%s: fsrs_next failed: %s", where,
				               err.msg);
				continue;
			}
			test_fsrs_compare(&rep, where, &out, &ref);
			if (!out.has_last_review || out.last_review != now)
				test_fsrs_fail(&rep, "%s: last_review not set to now", where);
			if (fuzz_columns)
				test_fsrs_check_fuzz(&rep, where, p, &card, &out, now, ivl,
				                     lo, hi, fuzzed);

			/* preview == next, for all four ratings */
			if (fsrs_preview(p, &card, now, preview, &err) < 0) {
				test_fsrs_fail(&rep, "%s: fsrs_preview failed: %s", where,
				               err.msg);
			} else {
				for (r = FSRS_AGAIN; r <= FSRS_EASY; r++) {
					if (fsrs_next(p, &card, now, r, &one, &err) < 0 ||
					    !test_fsrs_same_card(&one, &preview[r - 1]))
						test_fsrs_fail(&rep, "%s: preview of rating %d differs from fsrs_next",
						               where, r);
				}
			}
			card = out; /* go on from our own card, not the reference's */
		}
	}
	fclose(f);
	free(tab.sets);
	ck_assert_msg(left == 0, "%s: the last history has too few steps", name);
	printf("fsrs parity: %s: %ld histories, %ld reviews replayed, %ld stability/difficulty pairs within tolerance but not bit-identical\n",
	       name, histories, steps, rep.inexact);
	ck_assert_msg(histories >= min_histories,
	              "%s holds %ld histories, fewer than the %ld a parity test needs",
	              name, histories, min_histories);
	ck_assert_msg(rep.failures == 0,
	              "%ld mismatches with the reference; the first: %s",
	              rep.failures, rep.first);
}

START_TEST(test_fsrs_parity_histories)
{
	test_fsrs_replay("histories.txt", false, TEST_FSRS_MIN_HISTORIES);
}
END_TEST

START_TEST(test_fsrs_parity_fuzz)
{
	test_fsrs_replay("fuzz.txt", true, TEST_FSRS_MIN_FUZZ_HISTORIES);
}
END_TEST

START_TEST(test_fsrs_parity_retrievability)
{
	static struct test_fsrs_params tab;
	struct test_fsrs_report rep;
	char line[4096];
	long lineno = 0, n = 0;
	FILE *f = test_fsrs_open("retrievability.txt");

	memset(&tab, 0, sizeof tab);
	memset(&rep, 0, sizeof rep);
	while (fgets(line, sizeof line, f)) {
		struct fsrs_card c;
		long long last, now;
		double s, want, got;
		int pid, state;

		lineno++;
		if (line[0] == 'W') {
			test_fsrs_read_weights(&tab, line, lineno);
			continue;
		}
		if (line[0] == 'P') {
			test_fsrs_read_params(&tab, line, lineno);
			continue;
		}
		if (line[0] != 'V')
			continue;
		if (sscanf(line, "V %d %d %lld %lld %lf %lf", &pid, &state, &last,
		           &now, &s, &want) != 6 || pid < 0 || pid >= tab.count)
			ck_abort_msg("retrievability.txt:%ld: bad V line", lineno);
		fsrs_card_init(&c, last);
		c.state = (enum fsrs_state)state;
		c.stability = s;
		c.difficulty = 5;
		c.has_last_review = true;
		c.last_review = last;
		got = fsrs_retrievability(&tab.sets[pid], &c, now);
		n++;
		if (got != want)
			test_fsrs_fail(&rep, "retrievability.txt:%ld: %.17g, reference %.17g",
			               lineno, got, want);
	}
	fclose(f);
	free(tab.sets);
	ck_assert_msg(n >= 1000, "retrievability.txt holds only %ld cases", n);
	ck_assert_msg(rep.failures == 0, "%ld mismatches; the first: %s",
	              rep.failures, rep.first);
}
END_TEST

/* String(x) through the fuzz seed: "0_0_" + String(x * 1). */
START_TEST(test_fsrs_parity_numstr)
{
	struct test_fsrs_report rep;
	char line[256], want[128], seed[128];
	long lineno = 0, n = 0;
	FILE *f = test_fsrs_open("numstr.txt");

	memset(&rep, 0, sizeof rep);
	while (fgets(line, sizeof line, f)) {
		unsigned long long bits;
		double x;

		lineno++;
		if (line[0] != 'N')
			continue;
		if (sscanf(line, "N %llx %100s", &bits, want) != 2)
			ck_abort_msg("numstr.txt:%ld: bad N line", lineno);
		memcpy(&x, &bits, sizeof x);
		n++;
		if (fsrs_fuzz_seed(0, 0, x, 1.0, seed, sizeof seed) < 0 ||
		    strcmp(seed + 4, want) != 0)
			test_fsrs_fail(&rep, "numstr.txt:%ld: %s, reference %s", lineno,
			               seed + 4, want);
	}
	fclose(f);
	ck_assert_msg(n >= 1000, "numstr.txt holds only %ld cases", n);
	ck_assert_msg(rep.failures == 0, "%ld mismatches; the first: %s",
	              rep.failures, rep.first);
}
END_TEST

/* --------------------------------------------------------------------------
 * Unit tests
 */

START_TEST(test_fsrs_jsround_ties)
{
	ck_assert(fsrs_jsround(2.5) == 3);
	ck_assert(fsrs_jsround(-2.5) == -2);
	ck_assert(fsrs_jsround(0.5) == 1);
	ck_assert(fsrs_jsround(-0.5) == 0);
	ck_assert(fsrs_jsround(1.4999999999999998) == 1);
	ck_assert(fsrs_jsround(0.49999999999999994) == 0);
	ck_assert(fsrs_jsround(-1.5) == -1);
	ck_assert(fsrs_jsround(-1.5000000000000002) == -2);
	ck_assert(fsrs_jsround(4503599627370497.0) == 4503599627370497.0);
	ck_assert(fsrs_round8(0.123456785) == 0.12345679);
	ck_assert(fsrs_round8(2.3065) == 2.3065);
	ck_assert(fsrs_round8(-0.000000015) == -0.00000001); /* tie up, not away */
	ck_assert(fsrs_round8(1.0 / 3) == 0.33333333);
}
END_TEST

START_TEST(test_fsrs_default_params)
{
	struct fsrs_params p;
	struct whose_error err;
	static const double w[FSRS_NUM_WEIGHTS] = {
		0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
		0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
		1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
	};
	int i;

	fsrs_params_default(&p);
	ck_assert(p.prepared);
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		ck_assert_msg(p.w[i] == w[i], "w%d = %.17g", i, p.w[i]);
	ck_assert(p.desired_retention == 0.9);
	ck_assert_int_eq(p.maximum_interval, 36500);
	ck_assert_int_eq(p.n_learning_steps, 2);
	ck_assert_int_eq(p.learning_steps[0], 1);
	ck_assert_int_eq(p.learning_steps[1], 10);
	ck_assert_int_eq(p.n_relearning_steps, 1);
	ck_assert_int_eq(p.relearning_steps[0], 10);
	ck_assert(!p.enable_fuzz);
	ck_assert(p.enable_short_term);
	ck_assert(p.decay == -0.1542);
	ck_assert(p.factor == 0.98034649);
	ck_assert(p.interval_modifier == 1);

	p.desired_retention = 0.85;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.interval_modifier == 1.90642614);
	p.desired_retention = 0.95;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.interval_modifier == 0.40255869);
	p.desired_retention = 0.7;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.interval_modifier == 9.28791122);
	p.desired_retention = 0.99;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.interval_modifier == 0.06869839);

	/* w20 = 0.5: the modifier is not exactly 1 at 0.9 */
	fsrs_params_default(&p);
	p.w[20] = 0.5;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.interval_modifier == 1.00000001);

	/* 2 relearning steps: ceiling 0.60045935, w17 unchanged; 3: clipped */
	fsrs_params_default(&p);
	p.n_relearning_steps = 2;
	p.relearning_steps[1] = 30;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[17] == 0.5425);
	p.w[17] = 1.5;
	p.w[18] = 1.5;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[17] == 0.60045935);
	ck_assert(p.w[18] == 0.60045935);
	fsrs_params_default(&p);
	p.n_relearning_steps = 3;
	p.relearning_steps[0] = 5;
	p.relearning_steps[1] = 30;
	p.relearning_steps[2] = 120;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[17] == 0.49027301);
	ck_assert(p.w[18] == 0.0912);

	/* w19's floor: 0.01 with short-term on, 0 with it off */
	fsrs_params_default(&p);
	p.w[19] = 0;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[19] == 0.01);
	p.w[19] = 0;
	p.enable_short_term = false;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[19] == 0);
	/* out-of-range weights are clipped, as by the reference */
	p.w[0] = 500;
	p.w[8] = -3;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[0] == 100);
	ck_assert(p.w[8] == 0);
}
END_TEST

START_TEST(test_fsrs_prepare_errors)
{
	struct fsrs_params p;
	struct whose_error err;
	struct fsrs_card c, out;

	fsrs_params_default(&p);
	p.desired_retention = 0.5;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "retention"));
	ck_assert(!p.prepared);
	/* an unprepared set is refused by the scheduler */
	fsrs_card_init(&c, test_fsrs_t0);
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_GOOD, &out, &err),
	                 WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "fsrs_params_prepare"));

	fsrs_params_default(&p);
	p.desired_retention = 1.0;
	ck_assert_int_eq(fsrs_params_prepare(&p, NULL), WHOSE_EINVAL);
	fsrs_params_default(&p);
	p.desired_retention = NAN;
	ck_assert_int_eq(fsrs_params_prepare(&p, NULL), WHOSE_EINVAL);
	fsrs_params_default(&p);
	p.maximum_interval = 0;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "maximum interval"));
	fsrs_params_default(&p);
	p.maximum_interval = 36501;
	ck_assert_int_eq(fsrs_params_prepare(&p, NULL), WHOSE_EINVAL);
	fsrs_params_default(&p);
	p.n_learning_steps = FSRS_MAX_STEPS + 1;
	ck_assert_int_eq(fsrs_params_prepare(&p, NULL), WHOSE_EINVAL);
	fsrs_params_default(&p);
	p.relearning_steps[0] = 0;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "relearning"));
	fsrs_params_default(&p);
	p.w[3] = INFINITY;
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "w3"));
}
END_TEST

/* Due time of each rating's outcome, in minutes after NOW. */
static void test_fsrs_preview_minutes(const struct fsrs_params *p,
                                      const struct fsrs_card *c, int64_t now,
                                      struct fsrs_card out[4], long min[4])
{
	int i;

	ck_assert_int_eq(fsrs_preview(p, c, now, out, NULL), 0);
	for (i = 0; i < 4; i++)
		min[i] = (long)((out[i].due - now) / TEST_FSRS_MINUTE);
}

START_TEST(test_fsrs_default_step_table)
{
	struct fsrs_params p;
	struct fsrs_card c, out[4], review, relearn;
	long m[4];
	int64_t now = test_fsrs_t0;

	fsrs_params_default(&p);
	fsrs_card_init(&c, now);
	ck_assert_int_eq(c.state, FSRS_STATE_NEW);
	ck_assert(!c.has_last_review);
	ck_assert(c.due == now);

	/* New: Again 1m, Hard 6m (round(5.5)), Good 10m, Easy 8 days */
	test_fsrs_preview_minutes(&p, &c, now, out, m);
	ck_assert_int_eq(m[0], 1);
	ck_assert_int_eq(m[1], 6);
	ck_assert_int_eq(m[2], 10);
	ck_assert_int_eq(m[3], 8 * 1440);
	ck_assert_int_eq(out[0].state, FSRS_STATE_LEARNING);
	ck_assert_int_eq(out[2].learning_steps, 1);
	ck_assert_int_eq(out[3].state, FSRS_STATE_REVIEW);
	ck_assert_int_eq(out[3].scheduled_days, 8);
	/* initial D: D0raw = 6.4133, 5.11217071, 2.11810397, Easy clamped to 1 */
	ck_assert(out[0].difficulty == 6.4133);
	ck_assert(out[1].difficulty == 5.11217071);
	ck_assert(out[2].difficulty == 2.11810397);
	ck_assert(out[3].difficulty == 1);
	ck_assert(out[0].stability == 0.212);
	ck_assert(out[3].stability == 8.2956);

	/* Learning step 1, ten minutes later: Again 1m, Hard 6m, Good 2 days */
	c = out[2];
	now += 10 * TEST_FSRS_MINUTE;
	test_fsrs_preview_minutes(&p, &c, now, out, m);
	ck_assert_int_eq(m[0], 1);
	ck_assert_int_eq(out[0].learning_steps, 0);
	ck_assert_int_eq(m[1], 6);
	ck_assert_int_eq(out[1].learning_steps, 1);
	ck_assert_int_eq(out[2].state, FSRS_STATE_REVIEW);
	ck_assert_int_eq(out[2].scheduled_days, 2);
	ck_assert_int_eq(out[3].scheduled_days, 4);
	/* mean reversion toward the unclamped D0raw(Easy) = -4.7716307 */
	ck_assert(out[2].difficulty ==
	          fsrs_round8(0.001 * -4.7716307 + (1 - 0.001) * 2.11810397));
	ck_assert(out[2].difficulty == 2.11121424);

	/* Review: Again -> Relearning 10m with a lapse */
	review = out[2];
	now = review.due;
	test_fsrs_preview_minutes(&p, &review, now, out, m);
	ck_assert_int_eq(out[0].state, FSRS_STATE_RELEARNING);
	ck_assert_int_eq(m[0], 10);
	ck_assert_int_eq(out[0].lapses, 1);
	ck_assert(out[1].scheduled_days < out[2].scheduled_days);
	ck_assert(out[2].scheduled_days < out[3].scheduled_days);

	/* Relearning: Again 10m, Hard 15m (round(10 * 1.5)), Good graduates */
	relearn = out[0];
	now += 10 * TEST_FSRS_MINUTE;
	test_fsrs_preview_minutes(&p, &relearn, now, out, m);
	ck_assert_int_eq(m[0], 10);
	ck_assert_int_eq(m[1], 15);
	ck_assert_int_eq(out[1].state, FSRS_STATE_RELEARNING);
	ck_assert_int_eq(out[2].state, FSRS_STATE_REVIEW);
	ck_assert_int_eq(out[0].lapses, 1);

	/* Long-term scheduler: a new card goes to Review in 1, 2, 3, 8 days */
	p.enable_short_term = false;
	ck_assert_int_eq(fsrs_params_prepare(&p, NULL), 0);
	fsrs_card_init(&c, test_fsrs_t0);
	test_fsrs_preview_minutes(&p, &c, test_fsrs_t0, out, m);
	ck_assert_int_eq(out[0].scheduled_days, 1);
	ck_assert_int_eq(out[1].scheduled_days, 2);
	ck_assert_int_eq(out[2].scheduled_days, 3);
	ck_assert_int_eq(out[3].scheduled_days, 8);
	ck_assert_int_eq(out[0].lapses, 0);
	ck_assert_int_eq(out[0].state, FSRS_STATE_REVIEW);
}
END_TEST

START_TEST(test_fsrs_elapsed_days_utc)
{
	struct fsrs_params p;
	struct fsrs_card c, out;
	struct whose_error err;
	int64_t midnight = INT64_C(1705276800000); /* 2024-01-15 00:00 UTC */

	fsrs_params_default(&p);
	/* 23:59 -> 00:01 the next day: one calendar day */
	fsrs_card_init(&c, midnight - TEST_FSRS_MINUTE);
	ck_assert_int_eq(fsrs_next(&p, &c, midnight - TEST_FSRS_MINUTE, FSRS_EASY,
	                           &c, &err), 0);
	ck_assert_int_eq(c.elapsed_days, 0);
	ck_assert_int_eq(fsrs_next(&p, &c, midnight + TEST_FSRS_MINUTE, FSRS_GOOD,
	                           &out, &err), 0);
	ck_assert_int_eq(out.elapsed_days, 1);
	/* 00:01 -> 23:59 the same day: zero */
	ck_assert_int_eq(fsrs_next(&p, &out, midnight + TEST_FSRS_DAY - TEST_FSRS_MINUTE,
	                           FSRS_GOOD, &c, &err), 0);
	ck_assert_int_eq(c.elapsed_days, 0);
	/* before 1970 too (floor division) */
	fsrs_card_init(&c, -TEST_FSRS_MINUTE);
	ck_assert_int_eq(fsrs_next(&p, &c, -TEST_FSRS_MINUTE, FSRS_EASY, &c, &err), 0);
	ck_assert_int_eq(fsrs_next(&p, &c, TEST_FSRS_MINUTE, FSRS_GOOD, &out, &err), 0);
	ck_assert_int_eq(out.elapsed_days, 1);
}
END_TEST

START_TEST(test_fsrs_next_errors)
{
	struct fsrs_params p;
	struct fsrs_card c, out, keep, four[4];
	struct whose_error err;

	fsrs_params_default(&p);
	fsrs_card_init(&c, test_fsrs_t0);
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, 0, &out, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "rating 0"));
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, 5, &out, NULL), WHOSE_EINVAL);

	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_GOOD, &c, &err), 0);
	/* the same UTC day, earlier in it, is allowed (t = 0) */
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0 - 60 * TEST_FSRS_MINUTE,
	                           FSRS_GOOD, &out, &err), 0);
	/* an earlier day is not: the reference throws "Invalid delta_t" */
	memset(&out, 0x5a, sizeof out);
	keep = out;
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0 - TEST_FSRS_DAY, FSRS_GOOD,
	                           &out, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "earlier day"));
	ck_assert(memcmp(&out, &keep, sizeof out) == 0); /* untouched */
	/* so is a damaged memory state, and an unknown state */
	c.difficulty = 0.5;
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_GOOD, &out, &err), WHOSE_EINVAL);
	c.difficulty = 5;
	c.stability = 0.0001;
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_GOOD, &out, &err), WHOSE_EINVAL);
	c.stability = NAN;
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_GOOD, &out, &err), WHOSE_EINVAL);
	c.stability = 3;
	c.state = (enum fsrs_state)7;
	ck_assert_int_eq(fsrs_preview(&p, &c, test_fsrs_t0, four, &err), WHOSE_EINVAL);
	c.state = FSRS_STATE_REVIEW;
	ck_assert_int_eq(fsrs_next(&p, &c, FSRS_TIME_LIMIT_MS + 1, FSRS_GOOD, &out, &err),
	                 WHOSE_EINVAL);
	/* D = S = 0 outside New is initialised, as by the reference */
	c.stability = 0;
	c.difficulty = 0;
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_GOOD, &out, &err), 0);
	ck_assert(out.stability == 2.3065);
}
END_TEST

START_TEST(test_fsrs_steps_parsing)
{
	int steps[FSRS_MAX_STEPS], n = -1;
	struct whose_error err;
	char buf[FSRS_STEPS_TEXT_MAX];
	static const char *const bad[] = {
		"30s", "m", "1.5m", "-5m", "10", "abc", "0m", "1m 10x", "1 m",
		"36501d", "99999999999999999999m", "none 1m", "1m none", "1M",
	};
	size_t i;

	ck_assert_int_eq(fsrs_steps_parse("1m 10m", steps, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(steps[0], 1);
	ck_assert_int_eq(steps[1], 10);
	ck_assert_int_eq(fsrs_steps_parse("1h 1d", steps, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(steps[0], 60);
	ck_assert_int_eq(steps[1], 1440);
	ck_assert_int_eq(fsrs_steps_parse(" 5m, 30m,2h ", steps, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(steps[2], 120);
	ck_assert_int_eq(fsrs_steps_parse("10m 1440m", steps, &n, &err), 0);
	ck_assert_int_eq(steps[1], 1440);
	ck_assert_int_eq(fsrs_steps_parse("", steps, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(fsrs_steps_parse("none", steps, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(fsrs_steps_parse("36500d", steps, &n, &err), 0);
	ck_assert_int_eq(steps[0], FSRS_STEP_MAX_MINUTES);
	ck_assert_int_eq(fsrs_steps_parse("1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m 12m 13m 14m 15m 16m",
	                                  steps, &n, &err), 0);
	ck_assert_int_eq(n, 16);
	ck_assert_int_eq(fsrs_steps_parse("1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m 12m 13m 14m 15m 16m 17m",
	                                  steps, &n, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "at most 16"));
	ck_assert_int_eq(n, 16); /* untouched on error */

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.msg[0] = '\0';
		ck_assert_msg(fsrs_steps_parse(bad[i], steps, &n, &err) == WHOSE_EINVAL,
		              "\"%s\" accepted", bad[i]);
		ck_assert_msg(err.msg[0] != '\0', "no message for \"%s\"", bad[i]);
	}
	ck_assert_int_eq(fsrs_steps_parse("1m 30s", steps, &n, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"30s\""));
	ck_assert_ptr_nonnull(strstr(err.msg, "m (minutes), h (hours) or d (days)"));

	/* formatting reads back */
	steps[0] = 1;
	steps[1] = 10;
	steps[2] = 60;
	steps[3] = 1440;
	steps[4] = 90;
	steps[5] = 2880;
	ck_assert_int_eq(fsrs_steps_format(steps, 6, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "1m 10m 1h 1d 90m 2d");
	ck_assert_int_eq(fsrs_steps_format(steps, 0, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "none");
	ck_assert_int_eq(fsrs_steps_format(steps, 6, buf, 8), WHOSE_EINVAL);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_fsrs_weights_parsing)
{
	double w[FSRS_NUM_WEIGHTS], keep[FSRS_NUM_WEIGHTS];
	struct whose_error err;
	struct fsrs_params p;
	int i;
	static const double w17_migrated[FSRS_NUM_WEIGHTS] = {
		0.4872, 1.4003, 3.7145, 13.8206, 7.6214, 0.51510155, 1.3975,
		0.031, 1.6474, 0.1367, 1.0461, 2.1072, 0.0793, 0.3246, 1.587,
		0.2272, 2.8755, 0, 0, 0, 0.5,
	};

	ck_assert_int_eq(fsrs_weights_parse(
		"0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, "
		"1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, "
		"1.8729, 0.5425, 0.0912, 0.0658, 0.1542", w, &err), 0);
	fsrs_params_default(&p);
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		ck_assert(w[i] == p.w[i]);
	/* spaces only, exponents, leading zeros */
	ck_assert_int_eq(fsrs_weights_parse(
		"2.12e-1 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 1E-3 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"00.0658 .1542", w, &err), 0);
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		ck_assert(w[i] == p.w[i]);

	/* FSRS-5 (19): [0, 0.5] appended; prepare lifts w19 to 0.01 */
	ck_assert_int_eq(fsrs_weights_parse(
		"0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,"
		"0.1192,1.01925,1.9395,0.11,0.29605,2.2698,0.2315,2.9898,0.51655,0.6621",
		w, &err), 0);
	ck_assert(w[18] == 0.6621);
	ck_assert(w[19] == 0);
	ck_assert(w[20] == 0.5);
	memcpy(p.w, w, sizeof w);
	ck_assert_int_eq(fsrs_params_prepare(&p, &err), 0);
	ck_assert(p.w[19] == 0.01);

	/* FSRS-4.5 (17): D0 and the D delta converted through toFixed(8) */
	ck_assert_int_eq(fsrs_weights_parse(
		"0.4872,1.4003,3.7145,13.8206,5.1618,1.2298,0.8975,0.031,1.6474,"
		"0.1367,1.0461,2.1072,0.0793,0.3246,1.587,0.2272,2.8755", w, &err), 0);
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		ck_assert_msg(w[i] == w17_migrated[i], "w%d = %.17g", i, w[i]);

	/* errors leave W alone and name the weight */
	memcpy(keep, w, sizeof w);
	ck_assert_int_eq(fsrs_weights_parse("1 2 3", w, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "3 weights"));
	ck_assert_int_eq(fsrs_weights_parse("", w, &err), WHOSE_EINVAL);
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"0.0658 0.1542 0.1", w, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "too many"));
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"0.0658 0.9", w, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "w20"));
	ck_assert_ptr_nonnull(strstr(err.msg, "out of range"));
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 0.5 0.8334 3.0194 0.001 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"0.0658 0.1542", w, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "w4"));
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 abc "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"0.0658 0.1542", w, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "w9 \"abc\""));
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"nan 0.1542", w, &err), WHOSE_EINVAL);
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"0.0658 0.1542x", w, &err), WHOSE_EINVAL);
	ck_assert_int_eq(fsrs_weights_parse("1e999 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
	                                    w, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "finite"));
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		ck_assert(w[i] == keep[i]);
}
END_TEST

START_TEST(test_fsrs_interval_labels)
{
	static const struct {
		int64_t ms;
		const char *label;
	} cases[] = {
		{ 0, "<1m" },
		{ 30000, "<1m" },
		{ 60000, "1m" },
		{ 10 * 60000, "10m" },
		{ 59 * 60000, "59m" },
		{ 60 * 60000, "1h" },
		{ 90 * 60000, "1.5h" },
		{ 5 * 60 * 60000, "5h" },
		{ 86400000, "1d" },
		{ 4 * INT64_C(86400000), "4d" },
		{ 29 * INT64_C(86400000), "29d" },
		{ 30 * INT64_C(86400000), "1mo" },
		{ 91 * INT64_C(86400000), "3mo" },
		{ 100 * INT64_C(86400000), "3.3mo" },
		{ 365 * INT64_C(86400000), "1y" },
		{ 438 * INT64_C(86400000), "1.2y" },
		{ 36500 * INT64_C(86400000), "100y" },
	};
	char buf[FSRS_LABEL_MAX];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(fsrs_format_interval(cases[i].ms, buf, sizeof buf), 0);
		ck_assert_str_eq(buf, cases[i].label);
	}
	ck_assert_int_eq(fsrs_format_interval(INT64_MAX, buf, sizeof buf), 0);
	ck_assert_int_eq(fsrs_format_interval(90 * 60000, buf, 4), WHOSE_EINVAL);
	ck_assert_str_eq(buf, "");
	ck_assert_str_eq(fsrs_state_name(FSRS_STATE_RELEARNING), "relearning");
	ck_assert_str_eq(fsrs_state_name((enum fsrs_state)9), "?");
}
END_TEST

START_TEST(test_fsrs_preview_matches_next)
{
	struct fsrs_params p;
	struct fsrs_card c, out[4], one;
	int64_t now = test_fsrs_t0;
	int step, r, mode;

	for (mode = 0; mode < 3; mode++) {
		fsrs_params_default(&p);
		p.enable_short_term = mode != 1;
		p.enable_fuzz = mode == 2;
		ck_assert_int_eq(fsrs_params_prepare(&p, NULL), 0);
		fsrs_card_init(&c, now);
		for (step = 0; step < 40; step++) {
			ck_assert_int_eq(fsrs_preview(&p, &c, now, out, NULL), 0);
			for (r = FSRS_AGAIN; r <= FSRS_EASY; r++) {
				ck_assert_int_eq(fsrs_next(&p, &c, now, r, &one, NULL), 0);
				ck_assert(test_fsrs_same_card(&one, &out[r - 1]));
			}
			c = out[(step * 7 + 3) % 4 == 0 ? 0 : 2 + step % 2];
			now = c.due + (step % 3) * TEST_FSRS_DAY;
		}
	}
}
END_TEST

START_TEST(test_fsrs_fuzz_range)
{
	/* from get_fuzz_range(ivl, elapsed, 36500) of the reference */
	static const int cases[][4] = {
		{ 1, 0, 2, 2 },     { 2, 0, 2, 3 },      { 3, 0, 2, 4 },
		{ 3, 5, 2, 4 },     { 4, 0, 3, 5 },      { 7, 0, 5, 9 },
		{ 10, 3, 8, 12 },   { 20, 0, 17, 23 },   { 21, 0, 18, 24 },
		{ 100, 50, 93, 107 }, { 200, 0, 188, 212 }, { 36500, 0, 34673, 36500 },
	};
	struct fsrs_params p;
	struct fsrs_card c, out;
	char seed[64];
	size_t i;
	int lo, hi, ivl, t, seen_lo = 0, seen_hi = 0;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fsrs_fuzz_range(cases[i][0], cases[i][1], 36500, &lo, &hi);
		ck_assert_int_eq(lo, cases[i][2]);
		ck_assert_int_eq(hi, cases[i][3]);
	}
	fsrs_fuzz_range(180, 0, 180, &lo, &hi);
	ck_assert_int_eq(lo, 169);
	ck_assert_int_eq(hi, 180);
	fsrs_fuzz_range(30, 40, 30, &lo, &hi);
	ck_assert_int_eq(lo, 27);
	ck_assert_int_eq(hi, 30);
	/* lo <= hi and lo > elapsed when the interval exceeds it, everywhere */
	for (ivl = 1; ivl <= 400; ivl++) {
		for (t = 0; t < 500; t += 7) {
			fsrs_fuzz_range(ivl, t, 365, &lo, &hi);
			if (lo > hi || hi > 365 || lo < 1 ||
			    (ivl < 365 && ivl > t && lo < t + 1 && lo != hi))
				ck_abort_msg("fuzz range of %d at t = %d: [%d, %d]",
				             ivl, t, lo, hi);
		}
	}

	/* the seed of a new card's first review, and Alea's first number */
	ck_assert_int_eq(fsrs_fuzz_seed(test_fsrs_t0, 1, 0, 0, seed, sizeof seed), 0);
	ck_assert_str_eq(seed, "1705311000000_1_0");
	ck_assert_int_eq(fsrs_fuzz_seed(test_fsrs_t0, 1, 0, 0, seed, 10), WHOSE_EINVAL);
	ck_assert_int_eq(fsrs_fuzz_seed(test_fsrs_t0, 3, 2.11810397, 2.3065, seed, sizeof seed), 0);
	ck_assert_str_eq(seed, "1705311000000_3_4.885406806805");
	/* the reference's apply_fuzz under this seed: 10 -> 11, 100 -> 102, 3 -> 3 */
	{
		static const int fuzzed[][2] = { { 10, 11 }, { 100, 102 }, { 3, 3 } };
		double u = fsrs_alea_first("1705311000000_1_0");

		ck_assert(u > 0.649152 && u < 0.649153);
		for (i = 0; i < 3; i++) {
			fsrs_fuzz_range(fuzzed[i][0], 0, 36500, &lo, &hi);
			ck_assert_int_eq((int)floor(u * (hi - lo + 1) + lo), fuzzed[i][1]);
		}
	}

	/*
	 * Fuzzed intervals stay inside the range of the unfuzzed one.  A
	 * Learning card graduating on Good (no steps left) gets the fuzzed
	 * interval as it is, with no ordering against the other ratings.
	 */
	fsrs_params_default(&p);
	p.enable_fuzz = true;
	p.n_learning_steps = 0;
	ck_assert_int_eq(fsrs_params_prepare(&p, NULL), 0);
	for (i = 0; i < 2000; i++) {
		int64_t now = test_fsrs_t0 + (int64_t)i * 7919 * 1000;
		double v;

		fsrs_card_init(&c, now);
		c.state = FSRS_STATE_LEARNING;
		c.stability = 2 + (double)(i % 97);
		c.difficulty = 1 + (double)(i % 9);
		c.has_last_review = true;
		c.last_review = now - (int64_t)(i % 50) * TEST_FSRS_DAY;
		if (fsrs_next(&p, &c, now, FSRS_GOOD, &out, NULL) < 0 ||
		    out.state != FSRS_STATE_REVIEW)
			ck_abort_msg("case %zu did not graduate", i);
		v = fsrs_jsround(out.stability * p.interval_modifier);
		if (v < 3)
			continue;
		fsrs_fuzz_range((int)v, out.elapsed_days, p.maximum_interval, &lo, &hi);
		if (out.scheduled_days < lo || out.scheduled_days > hi)
			ck_abort_msg("fuzzed %d days outside [%d, %d]",
			             out.scheduled_days, lo, hi);
		seen_lo |= out.scheduled_days == lo;
		seen_hi |= out.scheduled_days == hi;
	}
	ck_assert(seen_lo && seen_hi); /* and the fuzz does spread over it */
}
END_TEST

START_TEST(test_fsrs_retrievability_basics)
{
	struct fsrs_params p;
	struct fsrs_card c;

	fsrs_params_default(&p);
	fsrs_card_init(&c, test_fsrs_t0);
	ck_assert(fsrs_retrievability(&p, &c, test_fsrs_t0 + TEST_FSRS_DAY) == 0);
	ck_assert_int_eq(fsrs_next(&p, &c, test_fsrs_t0, FSRS_EASY, &c, NULL), 0);
	ck_assert(fsrs_retrievability(&p, &c, test_fsrs_t0) == 1);
	/* R(S, S) = 0.9 up to the rounding of factor */
	c.stability = 10;
	ck_assert(fabs(fsrs_retrievability(&p, &c, test_fsrs_t0 + 10 * TEST_FSRS_DAY) - 0.9) < 1e-7);
	/* whole 24 h periods, and never negative */
	ck_assert(fsrs_retrievability(&p, &c, test_fsrs_t0 + TEST_FSRS_DAY - 1) == 1);
	ck_assert(fsrs_retrievability(&p, &c, test_fsrs_t0 - 5 * TEST_FSRS_DAY) == 1);
}
END_TEST

/*
 * The front end calls setlocale(LC_ALL, ""), and a decimal comma must not
 * change parsing, the fuzz seed or the labels.  Runs only where such a
 * locale is installed (LOCPATH may point at one made with localedef).
 */
START_TEST(test_fsrs_locale_independent)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	};
	struct fsrs_params p;
	struct fsrs_card c;
	double w[FSRS_NUM_WEIGHTS], r_c, r_comma;
	char seed[64], label[FSRS_LABEL_MAX];
	size_t i;
	int k;

	fsrs_params_default(&p);
	fsrs_card_init(&c, test_fsrs_t0);
	c.state = FSRS_STATE_REVIEW;
	c.stability = 1.0 / 512; /* a toFixed(8) tie */
	c.difficulty = 5;
	c.has_last_review = true;
	c.last_review = test_fsrs_t0;
	r_c = fsrs_retrievability(&p, &c, test_fsrs_t0 + 3 * TEST_FSRS_DAY);

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (setlocale(LC_NUMERIC, names[i]) &&
		    strcmp(localeconv()->decimal_point, ",") == 0)
			break;
	}
	if (i == sizeof names / sizeof names[0]) {
		setlocale(LC_NUMERIC, "C");
		printf("fsrs locale test: no locale with a decimal comma installed, skipped\n");
		return;
	}
	ck_assert_int_eq(fsrs_weights_parse(
		"0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 "
		"0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 "
		"0.0658 0.1542", w, NULL), 0);
	for (k = 0; k < FSRS_NUM_WEIGHTS; k++)
		ck_assert(w[k] == p.w[k]);
	ck_assert_int_eq(fsrs_fuzz_seed(test_fsrs_t0, 3, 2.11810397, 2.3065, seed,
	                                sizeof seed), 0);
	ck_assert_str_eq(seed, "1705311000000_3_4.885406806805");
	ck_assert_int_eq(fsrs_format_interval(90 * TEST_FSRS_MINUTE, label,
	                                      sizeof label), 0);
	ck_assert_str_eq(label, "1.5h");
	r_comma = fsrs_retrievability(&p, &c, test_fsrs_t0 + 3 * TEST_FSRS_DAY);
	setlocale(LC_NUMERIC, "C");
	ck_assert(r_comma == r_c);
	printf("fsrs locale test: ran under %s\n", names[i]);
}
END_TEST

Suite *test_fsrs_suite(void)
{
	Suite *s = suite_create("fsrs");
	TCase *unit = tcase_create("unit");
	TCase *parity = tcase_create("parity");

	tcase_add_test(unit, test_fsrs_jsround_ties);
	tcase_add_test(unit, test_fsrs_card_check);
	tcase_add_test(unit, test_fsrs_default_params);
	tcase_add_test(unit, test_fsrs_prepare_errors);
	tcase_add_test(unit, test_fsrs_default_step_table);
	tcase_add_test(unit, test_fsrs_elapsed_days_utc);
	tcase_add_test(unit, test_fsrs_next_errors);
	tcase_add_test(unit, test_fsrs_steps_parsing);
	tcase_add_test(unit, test_fsrs_weights_parsing);
	tcase_add_test(unit, test_fsrs_interval_labels);
	tcase_add_test(unit, test_fsrs_preview_matches_next);
	tcase_add_test(unit, test_fsrs_fuzz_range);
	tcase_add_test(unit, test_fsrs_retrievability_basics);
	tcase_add_test(unit, test_fsrs_locale_independent);
	suite_add_tcase(s, unit);

	/* a full replay takes well under a second, but allow slow sanitizers */
	tcase_set_timeout(parity, 120);
	tcase_add_test(parity, test_fsrs_parity_histories);
	tcase_add_test(parity, test_fsrs_parity_fuzz);
	tcase_add_test(parity, test_fsrs_parity_retrievability);
	tcase_add_test(parity, test_fsrs_parity_numstr);
	tcase_add_test(parity, test_fsrs_recall_matches);
	suite_add_tcase(s, parity);
	return s;
}
