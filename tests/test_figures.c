/*
 * test_figures.c - the figures module: its rounding rule, its formulas, and
 * every figure of figures_board_collect / stats_collect against the same
 * figure worked out here from the raw tables, after a history that holds
 * reviews, practice, an exam, a drill, imported reviews, an undo, a flag
 * and a retirement.  The front ends print these through
 * figures_format_percent; the full-screen layout helper is checked to be
 * the same function, and tests/e2e/figures.sh compares the screens.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/store_int.h"
#include "test_util.h"
#include "tui/layout.h"
#include "whose/drill.h"
#include "whose/exam.h"
#include "whose/figures.h"
#include "whose/review.h"
#include "whose/rng.h"
#include "whose/session.h"
#include "whose/stats.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define T0 1772359200000LL /* 2026-03-01T10:00:00Z */
#define MIN 60000LL
#define DAY 86400000LL

static char *test_dir;
static struct store *test_store;
static struct config test_cfg;
static int64_t test_now;
static struct whose_clock test_clock;

static const char test_bank[] = HDR
	"a-1,Alpha,who,Who A1?,,Customer,x,src,,,\n"
	"a-2,Alpha,who,Who A2?,,AWS,x,src,,,\n"
	"a-3,Alpha,who,Who A3?,,Shared,x,src,,,\n"
	"a-4,Alpha,who,Who A4?,,Customer,x,src,,,\n"
	"b-1,Beta,who,Who B1?,,AWS,x,src,,,\n"
	"b-2,Beta,who,Who B2?,,Customer,x,src,,,\n"
	"b-3,Beta,who,Who B3?,,Shared,x,src,,,\n"
	"c-1,Gamma,who,Who C1?,,AWS,x,src,,,\n"
	"c-2,Gamma,who,Who C2?,,Customer,x,src,,,\n"
	"d-1,Delta,who,Who D1?,,AWS,x,src,,,\n";

static void test_import_bank(const char *csv)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "bank.csv" };

	test_write(test_dir, "bank.csv", csv, -1);
	ck_assert_int_eq(store_import(test_store, paths, 1, false, test_now, &sum, &rep, NULL,
				      NULL, &err), 0);
	bank_report_free(&rep);
}

static void test_setup(void)
{
	struct whose_error err;

	setenv("TZ", "UTC", 1);
	tzset();
	test_dir = test_tmpdir();
	ck_assert_int_eq(chdir(test_dir), 0);
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &test_store, &err), 0);
	test_now = T0;
	test_import_bank(test_bank);
	config_defaults(&test_cfg);
	test_cfg.fsrs.enable_fuzz = false;
	ck_assert_int_eq(fsrs_params_prepare(&test_cfg.fsrs, NULL), 0);
	clock_use_fixed(&test_clock, &test_now);
}

static void test_teardown(void)
{
	store_close(test_store);
	test_rmtree(test_dir);
}

/* A response to Q, right or wrong. */
static struct question_response test_response(const struct question *q, bool right)
{
	struct question_response r;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(q->type, QUESTION_WHO);
	r.owner = right ? q->owner : (q->owner + 1) % QUESTION_NOWNERS;
	r.given = 1u;
	return r;
}

/* ---- the rule and the formulas ----------------------------------------- */

START_TEST(percent_rounds_down)
{
	char buf[FIGURES_PCT_LEN];

	ck_assert_int_eq(figures_percent(2, 3), 66);
	ck_assert_int_eq(figures_percent(1, 3), 33);
	ck_assert_int_eq(figures_percent(1, 8), 12);
	ck_assert_int_eq(figures_percent(139, 200), 69);
	ck_assert_int_eq(figures_percent(7, 10), 70);
	ck_assert_int_eq(figures_percent(5, 5), 100);
	ck_assert_int_eq(figures_percent(6, 5), 100);
	ck_assert_int_eq(figures_percent(0, 5), 0);
	ck_assert_int_eq(figures_percent(0, 0), FIGURES_NONE);
	ck_assert_int_eq(figures_percent(SIZE_MAX / 100, SIZE_MAX / 100), 100);
	ck_assert_int_eq(figures_percent_of(0.29), 29);
	ck_assert_int_eq(figures_percent_of(0.6666), 66);
	ck_assert_int_eq(figures_percent_of(0.999), 99);
	ck_assert_int_eq(figures_percent_of(1.5), 100);
	ck_assert_int_eq(figures_percent_of(-0.1), 0);
	ck_assert_int_eq(figures_percent_of(NAN), 0);
	figures_format_percent(66, buf, sizeof(buf));
	ck_assert_str_eq(buf, "66%");
	figures_format_percent(FIGURES_NONE, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-");
	figures_format_json_percent(66, buf, sizeof(buf));
	ck_assert_str_eq(buf, "66");
	figures_format_json_percent(FIGURES_NONE, buf, sizeof(buf));
	ck_assert_str_eq(buf, "null");
}
END_TEST

/* The full screen's helper, the text and the JSON print the same percent
 * for every fraction up to 40 (the screen draws tui_layout_percent). */
START_TEST(every_path_formats_alike)
{
	for (size_t den = 0; den <= 40; den++) {
		for (size_t num = 0; num <= den; num++) {
			char screen[16], text[16], json[16], want[16];
			int p = figures_percent(num, den);

			tui_layout_percent(num, den, screen, sizeof(screen));
			figures_format_percent(p, text, sizeof(text));
			figures_format_json_percent(p, json, sizeof(json));
			ck_assert_str_eq(screen, text);
			if (den == 0) {
				ck_assert_str_eq(text, "-");
				ck_assert_str_eq(json, "null");
				continue;
			}
			/* Rounded down, worked out in exact integers here. */
			snprintf(want, sizeof(want), "%zu", num * 100 / den);
			ck_assert_str_eq(json, want);
			ck_assert_int_eq(strlen(text), strlen(want) + 1);
			ck_assert(strncmp(text, want, strlen(want)) == 0);
		}
	}
}
END_TEST

/* One clock for every front end: time spent rounds down and shows hours
 * from 3600 s on, time left rounds up and counts minutes ("90:00"); the
 * screen's elapsed clock is the same text. */
START_TEST(clocks_round_one_way_each)
{
	static const struct {
		int64_t ms;
		const char *spent, *left;
	} cases[] = {
		{ -5000, "0:00", "0:00" },
		{ 0, "0:00", "0:00" },
		{ 1, "0:00", "0:01" },
		{ 999, "0:00", "0:01" },
		{ 1000, "0:01", "0:01" },
		{ 59999, "0:59", "1:00" },
		{ 60000, "1:00", "1:00" },
		{ 599001, "9:59", "10:00" },
		{ 3599999, "59:59", "60:00" },
		{ 3600000, "1:00:00", "60:00" },
		{ 5400000, "1:30:00", "90:00" },
		{ 5399001, "1:29:59", "90:00" },
		{ 86399000, "23:59:59", "1439:59" },
		{ 360000000, "100:00:00", "6000:00" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char a[32], b[32], c[32];

		figures_format_clock(cases[i].ms, FIGURES_CLOCK_SPENT, a, sizeof(a));
		figures_format_clock(cases[i].ms, FIGURES_CLOCK_LEFT, b, sizeof(b));
		tui_layout_elapsed(cases[i].ms, c, sizeof(c));
		ck_assert_str_eq(a, cases[i].spent);
		ck_assert_str_eq(b, cases[i].left);
		ck_assert_str_eq(c, a);
	}
}
END_TEST

START_TEST(model_formulas)
{
	struct figures_pool pool;
	struct figures_exam ex;
	size_t a[3] = { 19, 0, 0 }, askable[2] = { 30, 10 }, first[2] = { 0, 0 };
	double x[3], k, sd, m, ready[2] = { 0.6, 0.25 }, ksd[2] = { 0, 0 }, sens[2] = { 0, 0 };

	/* Guessing chances from the question's shape. */
	ck_assert_double_eq_tol(question_guess_chance(QUESTION_WHO, 0, 1), 1.0 / 3, 1e-12);
	ck_assert_double_eq_tol(question_guess_chance(QUESTION_CHOICE, 4, 1), 0.25, 1e-12);
	ck_assert_double_eq_tol(question_guess_chance(QUESTION_TRUEFALSE, 0, 1), 0.5, 1e-12);
	ck_assert_double_eq_tol(question_guess_chance(QUESTION_MULTI, 5, 2), 0.1, 1e-12);
	ck_assert_double_eq_tol(question_guess_chance(QUESTION_SORT, 5, 5), 1.0 / 243, 1e-12);
	ck_assert_double_eq_tol(question_guess_chance(QUESTION_CARD, 0, 1), 0.0, 1e-12);

	/* Right answers by guessing are taken out: a third right of who
	 * questions is nothing known; all right is everything. */
	ck_assert_double_eq_tol(figures_first_known(30, 10, 1.0 / 3), 0.0, 1e-12);
	ck_assert_double_eq_tol(figures_first_known(30, 30, 1.0 / 3), 30.0, 1e-12);
	ck_assert_double_eq_tol(figures_first_known(30, 20, 1.0 / 3),
				(20 - 10) / (1 - FIGURES_SLIP - 1.0 / 3), 1e-12);
	ck_assert_double_eq_tol(figures_first_known(0, 0, 0.25), 0.0, 1e-12);

	/* No evidence: the pooled share is the prior's. */
	figures_pool(a, x, 0, &pool);
	ck_assert_double_eq_tol(pool.known, FIGURES_POOL_MEAN, 1e-12);
	ck_assert_uint_eq(pool.topics, 0);
	/* One topic known through and through borrows little for the
	 * others: 19 answers are one topic's evidence, not 19. */
	x[0] = 19.0;
	x[1] = x[2] = 0.0;
	figures_pool(a, x, 3, &pool);
	m = (FIGURES_POOL_WEIGHT * FIGURES_POOL_MEAN + 19.0 / 23.0) / (FIGURES_POOL_WEIGHT + 19.0 / 23.0);
	ck_assert_double_eq_tol(pool.known, m, 1e-12);
	ck_assert_double_lt(pool.known, 0.15);
	ck_assert_uint_eq(pool.topics, 1);
	ck_assert_double_eq_tol(pool.sd, sqrt(m * (1 - m) / (FIGURES_POOL_WEIGHT + 19.0 / 23.0 + 1)), 1e-12);
	/* Its own topic is judged by its own answers. */
	figures_known(19, 19.0, pool.known, &k, &sd);
	ck_assert_double_eq_tol(k, (FIGURES_TOPIC_WEIGHT * m + 19.0) / (FIGURES_TOPIC_WEIGHT + 19), 1e-12);
	ck_assert_double_gt(k, 0.8);
	figures_known(0, 0.0, pool.known, &k, &sd);
	ck_assert_double_eq_tol(k, pool.known, 1e-12);
	ck_assert_double_eq_tol(sd, sqrt(k * (1 - k) / (FIGURES_TOPIC_WEIGHT + 1)), 1e-12);

	/* The exam: the draw and the model's own error when the known
	 * shares are certain ... */
	figures_exam_predict(askable, ready, ksd, sens, first, 2, 0.0, 65, &ex);
	m = 0.75 * 0.6 + 0.25 * 0.25;
	sd = sqrt((0.75 * 0.6 * 0.4 + 0.25 * 0.25 * 0.75) / 65.0);
	ck_assert_uint_eq(ex.questions, 65);
	ck_assert_double_eq_tol(ex.score, m, 1e-12);
	ck_assert_double_eq_tol(ex.sd_draw, sd, 1e-12);
	ck_assert_double_eq_tol(ex.sd_known, FIGURES_MODEL_SD, 1e-12);
	ck_assert_double_eq_tol(ex.sd, sqrt(sd * sd + FIGURES_MODEL_SD * FIGURES_MODEL_SD), 1e-12);
	ck_assert_double_eq_tol(ex.low, m - FIGURES_RANGE_Z * ex.sd, 1e-12);
	ck_assert_double_eq_tol(ex.high, m + FIGURES_RANGE_Z * ex.sd, 1e-12);
	/* ... wider when the known share is uncertain (its own and the
	 * pooled one's). */
	ksd[1] = 0.2;
	sens[1] = 0.6;
	figures_exam_predict(askable, ready, ksd, sens, first, 2, 0.1, 65, &ex);
	{
		double own = 0.25 * 0.6 * 0.2, shared = 0.25 * 0.6 * 0.1;
		double known = own * own + shared * shared + FIGURES_MODEL_SD * FIGURES_MODEL_SD;

		ck_assert_double_eq_tol(ex.sd_known, sqrt(known), 1e-12);
		ck_assert_double_eq_tol(ex.sd, sqrt(sd * sd + known), 1e-12);
	}
	/* Certain answers: the range is cut to 100%. */
	ready[0] = ready[1] = 1.0;
	ksd[1] = 0.0;
	figures_exam_predict(askable, ready, ksd, sens, first, 2, 0.0, 65, &ex);
	ck_assert_double_eq_tol(ex.score, 1.0, 1e-12);
	ck_assert_double_eq_tol(ex.high, 1.0, 1e-12);
	ck_assert_double_lt(ex.low, 1.0);
	/* No questions at all. */
	figures_exam_predict(askable, ready, ksd, sens, first, 0, 0.0, 65, &ex);
	ck_assert_double_eq_tol(ex.score, 0.0, 1e-12);
}
END_TEST

/* ---- a history, and every figure against the raw tables ---------------- */

static int64_t test_sql_int(const char *sql)
{
	sqlite3_stmt *st;
	int64_t v;

	ck_assert_msg(sqlite3_prepare_v2(store_db_handle(test_store), sql, -1, &st, NULL) == SQLITE_OK,
		      "%s", sql);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Every figure of a fresh stats_collect against the tables. */
static void test_check_figures(void)
{
	struct stats st;
	struct whose_error err;
	const struct figures_board *b = &st.fig;
	char sql[1024];
	int64_t day_start, day_end;
	size_t seen = 0, answers = 0, first = 0;

	ck_assert_int_eq(stats_collect(test_store, &test_cfg, test_now, &st, &err), 0);
	clock_local_day(test_now, test_cfg.day_starts_at, &day_start, &day_end);
	/* The first answers are the log's answers to new cards; every
	 * question is a who question: the prior is the pooled share's p. */
	ck_assert_int_eq((int64_t)b->first_answers,
			 test_sql_int("SELECT count(*) FROM reviews r JOIN cards c ON c.question_id = r.question_id"
				      " WHERE r.state_before = 0"));
	ck_assert_double_eq_tol(b->prior, b->pool.known * (1 - FIGURES_SLIP) + (1 - b->pool.known) / 3.0,
				1e-12);

	for (size_t i = 0; i < b->ntopics; i++) {
		const struct store_topic *t = &b->topics[i];
		const struct figures_model_topic *m = &b->model[i];
		const char *vis = "FROM reviews r JOIN cards c ON c.question_id = r.question_id"
				  " JOIN topics tp ON tp.id = c.topic_id"
				  " WHERE c.hidden = 0 AND tp.name = ";

		/* seen: active questions answered in any mode. */
		snprintf(sql, sizeof(sql), "SELECT count(DISTINCT r.question_id) %s'%s'", vis, t->name);
		ck_assert_int_eq((int64_t)t->seen, test_sql_int(sql));
		/* answered and right: every answer to them. */
		snprintf(sql, sizeof(sql), "SELECT count(*) %s'%s'", vis, t->name);
		ck_assert_int_eq((int64_t)t->answers, test_sql_int(sql));
		snprintf(sql, sizeof(sql), "SELECT count(*) %s'%s' AND r.correct", vis, t->name);
		ck_assert_int_eq((int64_t)t->correct, test_sql_int(sql));
		/* never contradicting */
		ck_assert_uint_le(t->seen, t->answers);
		ck_assert((t->seen == 0) == (t->answers == 0));
		ck_assert_uint_le(t->seen, t->total);
		/* true retention: reviews and imported reviews in Review state */
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM reviews r JOIN topics tp ON tp.id = r.topic_id"
			 " WHERE r.state_before = 2 AND r.mode IN ('review', 'import') AND tp.name = '%s'",
			 t->name);
		ck_assert_int_eq((int64_t)t->retention_reviews, test_sql_int(sql));
		/* due today per topic */
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM cards c JOIN topics tp ON tp.id = c.topic_id"
			 " WHERE c.hidden = 0 AND c.suspended = 0 AND c.state > 0 AND c.due < %lld"
			 " AND tp.name = '%s'", (long long)day_end, t->name);
		ck_assert_int_eq((int64_t)t->due, test_sql_int(sql));
		/* readiness: the mean p of its questions, never below
		 * guessing; the model's counts are the tables' */
		ck_assert_uint_eq(m->askable, t->total);
		ck_assert_uint_eq(m->studied + m->answered_new + m->fresh, m->askable);
		ck_assert_uint_eq(m->studied, t->studied);
		ck_assert_uint_eq(m->fresh, t->total - t->seen);
		ck_assert_double_eq_tol(t->readiness, m->expected / (double)t->total, 1e-12);
		ck_assert_double_ge(t->readiness, 1.0 / 3 - 1e-12);
		ck_assert_double_le(t->readiness, 1.0);
		if (t->seen == 0 && t->first_answers == 0)
			ck_assert_double_eq_tol(t->readiness, b->prior, 1e-12);
		first += t->first_answers;
		seen += t->seen;
		answers += t->answers;
	}
	ck_assert_uint_eq(b->seen, seen);
	ck_assert_uint_eq(b->answers, answers);
	ck_assert_uint_eq(b->first_answers, first);
	ck_assert_int_eq((int64_t)b->total, test_sql_int("SELECT count(*) FROM cards WHERE hidden = 0"));

	/* due now, due today, and the forecast's first day */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cards WHERE hidden = 0 AND suspended = 0"
		 " AND state > 0 AND due < %lld", (long long)day_end);
	ck_assert_int_eq((int64_t)b->due_today, test_sql_int(sql));
	ck_assert_uint_eq(st.forecast[0], b->due_today);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cards WHERE hidden = 0 AND suspended = 0"
		 " AND ((state IN (1, 3) AND due < min(%lld, %lld)) OR (state = 2 AND due < %lld))",
		 (long long)(test_now + SESSION_LEARN_AHEAD_MS), (long long)day_end, (long long)day_end);
	ck_assert_int_eq((int64_t)b->due_now, test_sql_int(sql));
	ck_assert_uint_le(b->due_now, b->due_today);

	/* the Brier score of submitted exams */
	if (st.brier >= 0) {
		double sum = 0;
		sqlite3_stmt *q;
		size_t n = 0;

		ck_assert_int_eq(sqlite3_prepare_v2(store_db_handle(test_store),
						    "SELECT a.predicted, a.correct FROM exam_answers a"
						    " JOIN exams e ON e.id = a.exam_id"
						    " WHERE e.finished_at IS NOT NULL", -1, &q, NULL), SQLITE_OK);
		while (sqlite3_step(q) == SQLITE_ROW) {
			double d = sqlite3_column_double(q, 0) - sqlite3_column_int(q, 1);

			sum += d * d;
			n++;
		}
		sqlite3_finalize(q);
		ck_assert_uint_eq(st.calibration.answers, n);
		ck_assert_double_eq_tol(st.brier, sum / (double)n, 1e-12);
	}
	stats_free(&st);
}

/* Review N questions, right as RIGHT says; with UNDO take the last back. */
static void test_review(size_t n, bool (*right)(size_t k), bool undo)
{
	struct session_opts o;
	struct session *s;
	const struct session_item *it;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 7;
	ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
	for (size_t k = 0; k < n && session_next(s, &it, &err) == 0; k++) {
		struct question_response r = test_response(&it->a.q, right(k));

		ck_assert_int_eq(attempt_set(session_attempt(s), &r, &err), 0);
		ck_assert_int_eq(session_grade(s, &err), 0);
		ck_assert_int_eq(session_rate(s, right(k) ? FSRS_GOOD : 0, &err), 0);
		test_now += MIN;
	}
	if (undo) {
		int64_t before = test_sql_int("SELECT count(*) FROM reviews");

		ck_assert_int_eq(session_undo(s, &it, &err), 0);
		ck_assert_int_eq(test_sql_int("SELECT count(*) FROM reviews"), before - 1);
	}
	session_free(s);
}

static bool test_two_of_three(size_t k)
{
	return k % 3 != 2;
}

START_TEST(figures_agree_with_the_tables)
{
	struct session_opts o;
	struct session *s;
	const struct session_item *it;
	struct exam_opts eo;
	struct exam *e;
	struct drill_opts dro;
	struct drill *d;
	const struct drill_item *di;
	struct whose_error err;
	struct bank_report rep;
	size_t applied;
	const char *gamma[1] = { "Gamma" };

	/* Nothing answered: nothing seen, readiness is the prior. */
	test_check_figures();

	/* 1. Reviews: six questions, two of three right. */
	test_review(6, test_two_of_three, false);
	test_check_figures();

	/* 2. Practice on Gamma (seen, not studied), then undo one. */
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_PRACTICE;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 3;
	o.topics = NULL;
	{
		int64_t gid;

		ck_assert_int_eq(store_topic_find(test_store, "Gamma", &gid, &err), 0);
		o.topics = &gid;
		o.ntopics = 1;
		o.limit = 2;
		ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
		for (int k = 0; k < 2 && session_next(s, &it, &err) == 0; k++) {
			struct question_response r = test_response(&it->a.q, k == 0);

			ck_assert_int_eq(attempt_set(session_attempt(s), &r, &err), 0);
		ck_assert_int_eq(session_grade(s, &err), 0);
			ck_assert_int_eq(session_rate(s, k == 0 ? FSRS_GOOD : 0, &err), 0);
		}
		ck_assert_int_eq(session_undo(s, &it, &err), 0);
		session_free(s);
	}
	test_check_figures();

	/* 3. Two days on: imported reviews of cards in the Review state. */
	test_now += 2 * DAY;
	test_write(test_dir, "rev.csv",
		   "id,reviewed_at,rating\n"
		   "a-1,2026-03-03T09:00:00Z,3\n"
		   "a-1,2026-03-05T09:00:00Z,1\n"
		   "d-1,2026-03-03T09:30:00Z,3\n", -1);
	ck_assert_int_eq(review_import(test_store, &test_cfg, "rev.csv", T0 + 6 * DAY, &applied, &rep, &err), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(applied, 3);
	test_now = T0 + 5 * DAY;
	test_check_figures();
	ck_assert_int_gt(test_sql_int("SELECT sum(retention_reviews) FROM topics"), 0);

	/* 4. A mock exam with predictions, half answered right. */
	memset(&eo, 0, sizeof(eo));
	eo.questions = 6;
	eo.config = &test_cfg;
	eo.clock = &test_clock;
	eo.seed = 11;
	ck_assert_int_eq(exam_start(test_store, &eo, &e, &err), 0);
	ck_assert_int_eq(figures_exam_record(test_store, &test_cfg, exam_id(e), test_now, &err), 0);
	for (size_t i = 0; i < exam_count(e); i++) {
		struct question_response r = test_response(&exam_item(e, i)->a.q, i % 2 == 0);

		if (i < 5)
			ck_assert_int_eq(exam_answer(e, i, &r, &err), 0);
	}
	test_now += 10 * MIN;
	ck_assert_int_eq(exam_submit(e, false, &err), 0);
	exam_free(e);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM exam_answers WHERE predicted IS NULL"), 0);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM exam_answers WHERE predicted < 0 OR predicted > 1"), 0);
	test_check_figures();

	/* 5. A drill on Gamma, flagged questions included. */
	memset(&dro, 0, sizeof(dro));
	dro.seed = 5;
	dro.count = 2;
	dro.topics = gamma;
	dro.ntopics = 1;
	dro.config = &test_cfg;
	dro.clock = &test_clock;
	ck_assert_int_eq(drill_new(test_store, &dro, &d, &err), 0);
	while (drill_next(d, &di, NULL, &err) == 0) {
		struct question_response r = test_response(&di->a.q, true);

		ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	}
	drill_free(d);
	test_check_figures();

	/* 6. A flag and a retirement take their answers out of their topic. */
	{
		int64_t qid;

		ck_assert_int_eq(store_question_find(test_store, "a-1", &qid, &err), 0);
		ck_assert_int_eq(store_question_flag(test_store, qid, true, "unclear", &err), 0);
	}
	test_check_figures();
	{
		char bank[sizeof(test_bank)];
		char *line;

		/* The bank without b-1. */
		snprintf(bank, sizeof(bank), "%s", test_bank);
		line = strstr(bank, "b-1,");
		memmove(line, strchr(line, '\n') + 1, strlen(strchr(line, '\n') + 1) + 1);
		test_import_bank(bank);
	}
	ck_assert_int_eq(test_sql_int("SELECT retired FROM questions WHERE qid = 'b-1'"), 1);
	test_check_figures();

	/* 7. Reviews of learned cards, weeks later, the last one (a review in
	 * the Review state) undone. */
	test_now += 30 * DAY;
	ck_assert_int_gt(test_sql_int("SELECT count(*) FROM cards WHERE state = 2 AND hidden = 0"), 0);
	test_review(5, test_two_of_three, true);
	test_check_figures();
	{
		int64_t id = test_sql_int("SELECT coalesce(max(id), 0) FROM reviews r WHERE mode = 'review'"
					  " AND state_before = 2 AND NOT EXISTS (SELECT 1 FROM reviews l"
					  " WHERE l.question_id = r.question_id AND l.id > r.id)");
		int64_t before = test_sql_int("SELECT sum(retention_reviews) FROM topics");

		ck_assert_int_gt(id, 0);
		ck_assert_int_eq(store_review_undo(test_store, id, NULL, &err), 0);
		ck_assert_int_eq(test_sql_int("SELECT sum(retention_reviews) FROM topics"), before - 1);
	}
	test_check_figures();
	test_check_figures();
}
END_TEST

static bool test_all_right(size_t k)
{
	(void)k;
	return true;
}

static int test_cmp_ready(const void *a, const void *b)
{
	const struct store_topic *x = a, *y = b;

	if (x->readiness != y->readiness)
		return x->readiness < y->readiness ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* --weak practises the three least ready topics: never the topic answered
 * all right, always the topics never seen (they read the prior, 25%). */
START_TEST(weak_picks_least_ready)
{
	struct figures_board b;
	struct session_opts o;
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	char weakest[3][48];
	size_t n = 0;

	test_review(4, test_all_right, false);
	test_now += 3 * DAY;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert_uint_eq(b.ntopics, 4);
	qsort(b.topics, b.ntopics, sizeof(*b.topics), test_cmp_ready);
	for (size_t i = 0; i < 3; i++)
		snprintf(weakest[i], sizeof(weakest[i]), "%s", b.topics[i].name);
	/* What was reviewed right reads above the prior. */
	ck_assert_double_gt(b.topics[3].readiness, b.prior);
	figures_board_free(&b);

	memset(&o, 0, sizeof(o));
	o.mode = SESSION_PRACTICE;
	o.weak = true;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 9;
	ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
	while (session_next(s, &it, &err) == 0) {
		struct question_response r = test_response(&it->a.q, true);

		ck_assert_msg(strcmp(it->a.item.topic, weakest[0]) == 0 ||
			      strcmp(it->a.item.topic, weakest[1]) == 0 ||
			      strcmp(it->a.item.topic, weakest[2]) == 0,
			      "--weak asked %s, not one of %s, %s, %s", it->a.item.topic, weakest[0],
			      weakest[1], weakest[2]);
		ck_assert_int_eq(attempt_set(session_attempt(s), &r, &err), 0);
		ck_assert_int_eq(session_grade(s, &err), 0);
		ck_assert_int_eq(session_rate(s, FSRS_GOOD, &err), 0);
		n++;
	}
	session_free(s);
	ck_assert_uint_gt(n, 0);
}
END_TEST

/* ---- the readiness model against what happens ------------------------ */

#define TEST_NTOPICS 24

/* A bank of 24 topics of 12 questions: 6 who, 3 choice of four, 3
 * true/false, as the bundled bank mixes them. */
static char *test_wide_bank(void)
{
	size_t cap = 64 * 1024, used = 0;
	char *b = malloc(cap);

	ck_assert_ptr_nonnull(b);
	used += (size_t)snprintf(b + used, cap - used, HDR);
	for (int t = 0; t < TEST_NTOPICS; t++) {
		for (int q = 0; q < 12; q++) {
			const char *owners[3] = { "AWS", "Customer", "Shared" };

			if (q < 6)
				used += (size_t)snprintf(b + used, cap - used,
							 "t%02d-%02d,T%02d,who,Who T%02d Q%02d?,,%s,x,src,,,\n",
							 t, q, t, t, q, owners[(t + q) % 3]);
			else if (q < 9)
				used += (size_t)snprintf(b + used, cap - used,
							 "t%02d-%02d,T%02d,choice,Pick T%02d Q%02d.,One|Two|Three|Four,%c,x,src,,,\n",
							 t, q, t, t, q, "ABCD"[(t + q) % 4]);
			else
				used += (size_t)snprintf(b + used, cap - used,
							 "t%02d-%02d,T%02d,truefalse,True T%02d Q%02d?,,%s,x,src,,,\n",
							 t, q, t, t, q, (t + q) % 2 ? "true" : "false");
			ck_assert_uint_lt(used, cap);
		}
	}
	return b;
}

/* A response to Q: right when KNOWN, else a guess drawn from R. */
static struct question_response test_answer(const struct question *q, bool known, struct rng *r)
{
	struct question_response resp;

	memset(&resp, 0, sizeof(resp));
	switch (q->type) {
	case QUESTION_WHO:
		resp.owner = known ? q->owner : (enum question_owner)rng_below(r, QUESTION_NOWNERS);
		resp.given = 1u;
		break;
	case QUESTION_TRUEFALSE:
		resp.truth = known ? q->truth : rng_below(r, 2) == 1;
		resp.given = 1u;
		break;
	case QUESTION_CHOICE:
		resp.mask = known ? q->correct_mask : 1u << rng_below(r, q->nslots);
		break;
	default:
		ck_abort_msg("unexpected type %d", (int)q->type);
	}
	return resp;
}

static void test_wide_setup(void)
{
	char *bank;

	test_setup();
	bank = test_wide_bank();
	test_import_bank(bank);
	free(bank);
}

/*
 * The learner of issue 26: knows S3 (here T00) and nothing else, practises
 * that topic alone, all right.  The prediction made then must be within 12
 * points of what mock exams then score (five of them, the learner guessing
 * at random outside T00), inside the stated range, and low.  The model
 * before (one prior from first answers in whatever topic) said about 70%.
 */
START_TEST(one_topic_learner_is_told_the_truth)
{
	struct figures_board b;
	struct session_opts o;
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	struct rng r;
	int64_t t0;
	double predicted, low, high, scored = 0.0;
	size_t n = 0, exams = 5, right = 0, total = 0;

	rng_seed(&r, 26);
	ck_assert_int_eq(store_topic_find(test_store, "T00", &t0, &err), 0);
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_PRACTICE;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.topics = &t0;
	o.ntopics = 1;
	o.limit = 12;
	o.seed = 3;
	ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
	while (session_next(s, &it, &err) == 0) {
		struct question_response resp = test_answer(&it->a.q, true, &r);

		ck_assert_int_eq(attempt_set(session_attempt(s), &resp, &err), 0);
		ck_assert_int_eq(session_grade(s, &err), 0);
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
		test_now += MIN;
		n++;
	}
	session_free(s);
	ck_assert_uint_eq(n, 12);

	test_now += DAY;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	predicted = b.exam.score;
	low = b.exam.low;
	high = b.exam.high;
	ck_assert_uint_eq(b.ntopics, TEST_NTOPICS);
	/* Its own topic reads high, the others near guessing. */
	ck_assert_str_eq(b.topics[0].name, "T00");
	ck_assert_double_gt(b.topics[0].readiness, 0.8);
	for (size_t i = 1; i < b.ntopics; i++)
		ck_assert_double_lt(b.topics[i].readiness, 0.5);
	figures_board_free(&b);

	for (size_t k = 0; k < exams; k++) {
		struct exam_opts eo;
		struct exam *e;

		memset(&eo, 0, sizeof(eo));
		eo.config = &test_cfg;
		eo.clock = &test_clock;
		eo.seed = 100 + k;
		ck_assert_int_eq(exam_start(test_store, &eo, &e, &err), 0);
		for (size_t i = 0; i < exam_count(e); i++) {
			const struct attempt *a = &exam_item(e, i)->a;
			struct question_response resp =
				test_answer(&a->q, strcmp(a->item.topic, "T00") == 0, &r);

			ck_assert_int_eq(exam_answer(e, i, &resp, &err), 0);
		}
		test_now += 30 * MIN;
		ck_assert_int_eq(exam_submit(e, false, &err), 0);
		right += exam_result(e)->correct;
		total += exam_result(e)->total;
		exam_free(e);
		test_now += DAY;
	}
	scored = (double)right / (double)total;
	ck_assert_msg(fabs(predicted - scored) <= 0.12,
		      "predicted %.3f (%.3f to %.3f), scored %.3f", predicted, low, high, scored);
	ck_assert_msg(low <= scored && scored <= high,
		      "scored %.3f outside the range %.3f to %.3f", scored, low, high);
	ck_assert_double_lt(predicted, 0.5);
	/* Wide: it says how little is known. */
	ck_assert_double_gt(high - low, 0.15);
}
END_TEST

/* A topic answered all wrong and then relearned in its learning steps
 * does not read near 100% right after. */
START_TEST(relearned_topic_reads_what_happened)
{
	struct figures_board b;
	struct session_opts o;
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	struct rng r;
	size_t n = 0;

	rng_seed(&r, 5);
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 4;
	ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
	while (session_next(s, &it, &err) == 0 && n < 400) {
		/* Wrong the first time, right once the answer was shown. */
		bool right = it->a.item.card.fsrs.state != FSRS_STATE_NEW;
		struct question_response resp = test_answer(&it->a.q, true, &r);

		if (!right) {
			resp.owner = (enum question_owner)((it->a.q.owner + 1) % QUESTION_NOWNERS);
			resp.truth = !it->a.q.truth;
			resp.mask = (it->a.q.correct_mask & 1u) ? 2u : 1u;
		}
		ck_assert(question_grade(&it->a.q, &resp) == right);
		ck_assert_int_eq(attempt_set(session_attempt(s), &resp, &err), 0);
		ck_assert_int_eq(session_grade(s, &err), 0);
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
		test_now += 2 * MIN;
		n++;
	}
	session_free(s);
	ck_assert_uint_gt(n, 20);
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	for (size_t i = 0; i < b.ntopics; i++) {
		if (b.model[i].studied == 0)
			continue;
		ck_assert_msg(b.topics[i].readiness < 0.6, "%s reads %.3f after all wrong",
			      b.topics[i].name, b.topics[i].readiness);
	}
	figures_board_free(&b);
}
END_TEST

/* The exam date: the projection and the daily plan. */
START_TEST(exam_date_plan)
{
	struct figures_board b;
	struct whose_error err;
	char line[512];
	size_t need80;

	/* No date: no plan. */
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert(!b.plan.set);
	figures_plan_text(&b, false, line, sizeof(line));
	ck_assert_str_eq(line, "");
	figures_board_free(&b);

	/* Thirty days on, nothing studied: reachable with new questions. */
	test_cfg.exam_day = test_now / DAY + 30;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert(b.plan.set);
	ck_assert_int_eq(b.plan.days, 30);
	ck_assert_int_eq(b.plan.target, 80);
	ck_assert(!b.plan.reached);
	ck_assert(b.plan.reachable);
	ck_assert_uint_gt(b.plan.new_total, 0);
	ck_assert_uint_le(b.plan.new_total, 288);
	ck_assert_uint_eq(b.plan.new_per_day, (b.plan.new_total + 29) / 30);
	ck_assert_uint_gt(b.plan.reviews_per_day, 0);
	/* Nothing studied: kept and stopped are today's prediction. */
	ck_assert_double_eq_tol(b.plan.kept.score, b.exam.score, 1e-12);
	ck_assert_double_eq_tol(b.plan.stopped.score, b.exam.score, 1e-12);
	ck_assert_double_gt(b.plan.best, 0.8);
	figures_plan_text(&b, false, line, sizeof(line));
	ck_assert_msg(strstr(line, "To reach 80% by ") != NULL, "%s", line);
	figures_plan_text(&b, true, line, sizeof(line));
	ck_assert_uint_le(strlen(line), 80);
	need80 = b.plan.new_total;
	figures_board_free(&b);

	/* A lower target takes fewer new questions; one already passed none. */
	test_cfg.exam_target = 60;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert_uint_lt(b.plan.new_total, need80);
	figures_board_free(&b);
	test_cfg.exam_target = 20;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert(b.plan.reached);
	ck_assert_uint_eq(b.plan.new_total, 0);
	figures_board_free(&b);
	/* Beyond what learning everything gives: out of reach, said so. */
	test_cfg.exam_target = 100;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert(!b.plan.reachable);
	figures_plan_text(&b, false, line, sizeof(line));
	ck_assert_msg(strstr(line, "out of reach") != NULL, "%s", line);
	figures_board_free(&b);

	/* A date gone by. */
	test_cfg.exam_target = 80;
	test_cfg.exam_day = test_now / DAY - 2;
	ck_assert_int_eq(figures_board_collect(test_store, &test_cfg, test_now, &b, &err), 0);
	ck_assert_int_lt(b.plan.days, 0);
	figures_plan_text(&b, false, line, sizeof(line));
	ck_assert_msg(strstr(line, "has passed") != NULL, "%s", line);
	figures_board_free(&b);
}
END_TEST

Suite *test_figures_suite(void);
Suite *test_figures_suite(void)
{
	Suite *s = suite_create("figures");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, percent_rounds_down);
	tcase_add_test(tc, every_path_formats_alike);
	tcase_add_test(tc, clocks_round_one_way_each);
	tcase_add_test(tc, model_formulas);
	tcase_add_test(tc, figures_agree_with_the_tables);
	tcase_add_test(tc, weak_picks_least_ready);
	suite_add_tcase(s, tc);
	tc = tcase_create("readiness");
	tcase_add_checked_fixture(tc, test_wide_setup, test_teardown);
	tcase_add_test(tc, one_topic_learner_is_told_the_truth);
	tcase_add_test(tc, relearned_topic_reads_what_happened);
	tcase_add_test(tc, exam_date_plan);
	suite_add_tcase(s, tc);
	return s;
}
