/*
 * test_exam.c - mock exams on a real store with a fixed clock: the
 * largest-remainder quotas, stratified draws, answers saved as they are
 * given, submission (scored, logged as mode exam, nothing scheduled), the
 * deadline with the clock moved on (no sleeping), and the trend.
 */
#include <check.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/exam.h"
#include "whose/rng.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define T0 1772359200000LL /* 2026-03-01T10:00:00Z */
#define SEC 1000LL
#define MIN 60000LL

static char *test_dir;
static char test_db[4096];
static struct store *test_store;
static struct config test_cfg;
static int64_t test_now;
static struct whose_clock test_clock;

/* Alpha 6, Beta 3, Gamma 1 askable; a card (Gamma) and a flagged question
 * (Delta) that an exam never asks. */
static void test_setup(void)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "bank.csv" };
	int64_t id;

	setenv("TZ", "UTC", 1);
	test_dir = test_tmpdir();
	ck_assert_int_eq(chdir(test_dir), 0);
	test_write(test_dir, "bank.csv", HDR
		   "a-1,Alpha,who,Who A1?,,Customer,Because A1.,src,,,\n"
		   "a-2,Alpha,who,Who A2?,,AWS,Because A2.,src,,,\n"
		   "a-3,Alpha,who,Who A3?,,Shared,Because A3.,src,,,\n"
		   "a-4,Alpha,truefalse,A4 is true.,,true,Because A4.,src,,,\n"
		   "a-5,Alpha,choice,Pick A5?,right|wrong|also wrong,A,Because A5.,src,,B: no|C: nope,yes\n"
		   "a-6,Alpha,sort,Sort A6.,x|y|z,AWS|Customer|Shared,Because A6.,src,,,\n"
		   "b-1,Beta,who,Who B1?,,AWS,Because B1.,src,,,\n"
		   "b-2,Beta,multi,Pick B2?,x|y|z|w,A|C,Because B2.,src,,B: no|D: no,yes\n"
		   "b-3,Beta,truefalse,B3 is false.,,false,Because B3.,src,,,\n"
		   "c-1,Gamma,who,Who C1?,,Customer,Because C1.,src,,,\n"
		   "c-2,Gamma,card,Front C2?,,Back C2,Because C2.,src,,,\n"
		   "d-1,Delta,who,Who D1?,,AWS,Because D1.,src,,,\n", -1);
	snprintf(test_db, sizeof(test_db), "%s/exam.db", test_dir);
	ck_assert_int_eq(store_open(test_db, STORE_CREATE, &test_store, &err), 0);
	ck_assert_int_eq(store_import(test_store, paths, 1, false, T0, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
	ck_assert_int_eq(store_question_find(test_store, "d-1", &id, &err), 0);
	ck_assert_int_eq(store_question_flag(test_store, id, true, "unclear", &err), 0);
	config_defaults(&test_cfg);
	test_cfg.fsrs.enable_fuzz = false;
	ck_assert_int_eq(fsrs_params_prepare(&test_cfg.fsrs, NULL), 0);
	test_now = T0;
	clock_use_fixed(&test_clock, &test_now);
}

static void test_teardown(void)
{
	store_close(test_store);
	test_rmtree(test_dir);
}

static struct exam *test_exam(size_t questions, int minutes, int pass, uint64_t seed)
{
	struct exam_opts o;
	struct exam *e;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.questions = questions;
	o.minutes = minutes;
	o.pass_percent = pass;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = seed;
	ck_assert_msg(exam_start(test_store, &o, &e, &err) == 0, "%s", err.msg);
	return e;
}

/* A right (or wrong) response to question IT. */
static struct question_response test_response(const struct exam_item *it, bool right)
{
	struct question_response r;
	const struct question *q = &it->a.q;

	memset(&r, 0, sizeof(r));
	switch (q->type) {
	case QUESTION_WHO:
		r.owner = right ? q->owner : (q->owner + 1) % QUESTION_NOWNERS;
		r.given = 1u;
		break;
	case QUESTION_TRUEFALSE:
		r.truth = right ? q->truth : !q->truth;
		r.given = 1u;
		break;
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		r.mask = right ? q->correct_mask : ~q->correct_mask & ((1u << q->nslots) - 1);
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++)
			r.item_owner[i] = right ? q->item_owner[i] : (q->item_owner[i] + 1) % QUESTION_NOWNERS;
		r.given = (1u << q->nslots) - 1u;
		break;
	default:
		ck_abort_msg("an exam asked a card");
	}
	return r;
}

/* One number from the database file, read through a second connection:
 * what a crash would leave behind. */
static long long test_sql(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(test_db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

START_TEST(quotas_proportional)
{
	size_t q[4];
	struct rng r;

	rng_seed(&r, 1);
	/* Exact shares need no draw: 6 of 6/3/3 (12) is 3, 1.5... no: 6 of
	 * 8/4/4 (16) is 3, 1.5, 1.5; 8 of 8/4/4 is 4, 2, 2 exactly. */
	ck_assert_uint_eq(exam_quotas((size_t[]){ 8, 4, 4 }, 3, 8, &r, q), 8);
	ck_assert_uint_eq(q[0], 4);
	ck_assert_uint_eq(q[1], 2);
	ck_assert_uint_eq(q[2], 2);
	/* Asking for more than there is takes everything. */
	ck_assert_uint_eq(exam_quotas((size_t[]){ 2, 0, 3 }, 3, 9, &r, q), 5);
	ck_assert_uint_eq(q[0], 2);
	ck_assert_uint_eq(q[1], 0);
	ck_assert_uint_eq(q[2], 3);
	ck_assert_uint_eq(exam_quotas((size_t[]){ 0, 0 }, 2, 3, &r, q), 0);
	/* The same seed gives the same quotas. */
	{
		struct rng a, b;
		size_t qa[3], qb[3];

		rng_seed(&a, 99);
		rng_seed(&b, 99);
		exam_quotas((size_t[]){ 1, 1, 1 }, 3, 1, &a, qa);
		exam_quotas((size_t[]){ 1, 1, 1 }, 3, 1, &b, qb);
		ck_assert_mem_eq(qa, qb, sizeof(qa));
	}
}
END_TEST

START_TEST(quotas_remainders_at_random)
{
	size_t q[3], got[3] = { 0, 0, 0 }, small = 0;

	/* 5 of 6/3/1: shares 3, 1.5, 0.5.  Alpha always has its 3; the two
	 * left go to Beta and Gamma by their remainders (0.5 each), never by
	 * size, so Gamma, the smallest, is in about half the exams. */
	for (uint64_t seed = 1; seed <= 400; seed++) {
		struct rng r;

		rng_seed(&r, seed);
		ck_assert_uint_eq(exam_quotas((size_t[]){ 6, 3, 1 }, 3, 5, &r, q), 5);
		ck_assert_uint_eq(q[0], 3);
		ck_assert(q[1] == 1 || q[1] == 2);
		ck_assert_uint_eq(q[1] + q[2], 2);
		small += q[2];
	}
	/* Binomial(400, 0.5): 200 +- 10; 140..260 is six deviations. */
	ck_assert_msg(small >= 140 && small <= 260, "the smallest topic had its extra one %zu times of 400", small);
	/* 1 of three equal topics: each about a third of the time. */
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct rng r;

		rng_seed(&r, seed);
		ck_assert_uint_eq(exam_quotas((size_t[]){ 1, 1, 1 }, 3, 1, &r, q), 1);
		for (size_t i = 0; i < 3; i++)
			got[i] += q[i];
	}
	for (size_t i = 0; i < 3; i++)
		ck_assert_msg(got[i] >= 60 && got[i] <= 140, "topic %zu had %zu of 300", i, got[i]);
}
END_TEST

START_TEST(quotas_sum_and_bounds)
{
	uint64_t rng = 12345;
	struct rng draw;

	rng_seed(&draw, 7);

	/* Random cases: the quotas sum to N, each is its floor or one more
	 * (the Hamilton property), and none exceeds its topic. */
	for (int round = 0; round < 2000; round++) {
		size_t sizes[12], q[12], k, total = 0, n, sum = 0;

		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		k = 1 + (size_t)(rng >> 60) % 12;
		for (size_t i = 0; i < k; i++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			sizes[i] = (size_t)(rng >> 56);
			total += sizes[i];
		}
		if (total == 0)
			continue;
		n = 1 + (size_t)(rng >> 33) % total;
		ck_assert_uint_eq(exam_quotas(sizes, k, n, &draw, q), n);
		for (size_t i = 0; i < k; i++) {
			size_t floor_i = n * sizes[i] / total;

			ck_assert(q[i] == floor_i || q[i] == floor_i + 1);
			ck_assert(q[i] <= sizes[i]);
			sum += q[i];
		}
		ck_assert_uint_eq(sum, n);
	}
}
END_TEST

START_TEST(draw_is_stratified)
{
	size_t gamma_seen = 0;

	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct exam *e = test_exam(5, 90, 70, seed);
		size_t alpha = 0, beta = 0, other = 0;

		ck_assert_uint_eq(exam_count(e), 5);
		for (size_t i = 0; i < exam_count(e); i++) {
			const struct exam_item *it = exam_item(e, i);

			ck_assert_str_ne(it->a.item.type, "card");
			ck_assert(!it->a.item.flagged);
			if (strcmp(it->a.item.topic, "Alpha") == 0)
				alpha++;
			else if (strcmp(it->a.item.topic, "Beta") == 0)
				beta++;
			else
				other++;
			for (size_t j = 0; j < i; j++)
				ck_assert_int_ne(exam_item(e, j)->a.item.question_id, it->a.item.question_id);
		}
		/* 5 of Alpha 6, Beta 3, Gamma 1: shares 3, 1.5, 0.5; the two
		 * left over go at random to Beta and Gamma. */
		ck_assert_uint_eq(alpha, 3);
		ck_assert(beta == 1 || beta == 2);
		ck_assert_uint_eq(beta + other, 2);
		gamma_seen += other;
		exam_free(e);
	}
	/* Over 20 exams the smallest topic turns up (about 10 times). */
	ck_assert_uint_gt(gamma_seen, 0);
	ck_assert_uint_lt(gamma_seen, 20);
	{
		/* 9 of 10: 5.4, 2.7, 0.9: floors 5, 2, 0 and two more by the
		 * remainders, so Gamma is in nine exams of ten. */
		size_t gamma_in = 0;

		for (uint64_t seed = 1; seed <= 20; seed++) {
			struct exam *e = test_exam(9, 90, 70, seed);
			size_t gamma = 0;

			for (size_t i = 0; i < exam_count(e); i++)
				gamma += strcmp(exam_item(e, i)->a.item.topic, "Gamma") == 0;
			ck_assert_uint_le(gamma, 1);
			gamma_in += gamma;
			exam_free(e);
		}
		/* Binomial(20, 0.9): 18 on average; below 12 is below 1e-4. */
		ck_assert_uint_ge(gamma_in, 12);
	}
}
END_TEST

START_TEST(more_than_askable_takes_all)
{
	struct exam *e = test_exam(65, 90, 70, 9);

	ck_assert_uint_eq(exam_count(e), 10);   /* no card, no flagged */
	ck_assert_uint_eq(exam_requested(e), 65);
	ck_assert_int_eq(test_sql("SELECT questions FROM exams"), 10);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exam_answers"), 10);
	exam_free(e);
}
END_TEST

START_TEST(same_seed_same_exam)
{
	/* One open exam at a time (the profile's exam lock): each is kept as
	 * ids and orders, then freed. */
	int64_t ids[3][6];
	unsigned char order[3][6][sizeof(((struct attempt *)0)->order)];
	uint64_t seeds[3] = { 77, 77, 78 };
	bool differs = false;

	for (size_t k = 0; k < 3; k++) {
		struct exam *e = test_exam(6, 90, 70, seeds[k]);

		for (size_t i = 0; i < 6; i++) {
			ids[k][i] = exam_item(e, i)->a.item.question_id;
			memcpy(order[k][i], exam_item(e, i)->a.order, sizeof(order[k][i]));
		}
		exam_free(e);
	}
	for (size_t i = 0; i < 6; i++) {
		ck_assert_int_eq(ids[0][i], ids[1][i]);
		ck_assert_mem_eq(order[0][i], order[1][i], sizeof(order[0][i]));
		differs |= ids[0][i] != ids[2][i];
	}
	ck_assert(differs);
}
END_TEST

START_TEST(answers_saved_as_given)
{
	struct exam *e = test_exam(4, 90, 70, 5);
	struct question_response r = test_response(exam_item(e, 0), true);
	struct whose_error err;

	ck_assert_int_eq(exam_unanswered(e), 4);
	ck_assert_int_eq(exam_answer(e, 0, &r, &err), 0);
	ck_assert(attempt_answered(&exam_item(e, 0)->a));
	ck_assert((attempt_complete(&exam_item(e, 0)->a) && question_grade(&exam_item(e, 0)->a.q, &exam_item(e, 0)->a.response)));
	/* Another connection sees it at once: a crash would lose nothing. */
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exam_answers WHERE response IS NOT NULL AND correct"), 1);
	ck_assert_int_eq(exam_flag(e, 2, true, &err), 0);
	ck_assert_int_eq(test_sql("SELECT position FROM exam_answers WHERE flagged"), 2);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exam_answers WHERE flagged AND response IS NULL"), 1);
	/* Flagging keeps an answer, clearing keeps a flag. */
	ck_assert_int_eq(exam_flag(e, 0, true, &err), 0);
	ck_assert_int_eq(test_sql("SELECT correct FROM exam_answers WHERE position = 0 AND flagged"), 1);
	ck_assert_int_eq(exam_clear(e, 0, &err), 0);
	ck_assert(!attempt_answered(&exam_item(e, 0)->a));
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exam_answers WHERE position = 0 AND response IS NULL AND flagged"), 1);
	ck_assert_int_eq(exam_unanswered(e), 4);
	/* The response is stored in the bank's answer form and reads back. */
	r = test_response(exam_item(e, 1), false);
	ck_assert_int_eq(exam_answer(e, 1, &r, &err), 0);
	{
		sqlite3 *db;
		sqlite3_stmt *st;
		struct question_response back;

		ck_assert_int_eq(sqlite3_open_v2(test_db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT response FROM exam_answers WHERE position = 1",
						    -1, &st, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_int_eq(question_response_parse(&exam_item(e, 1)->a.q,
							 (const char *)sqlite3_column_text(st, 0), &back), 0);
		ck_assert(!question_grade(&exam_item(e, 1)->a.q, &back));
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	ck_assert_int_eq(exam_answer(e, 9, &r, &err), WHOSE_EINVAL);
	exam_free(e);
	/* Never submitted: stored as such. */
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exams WHERE finished_at IS NULL"), 1);
}
END_TEST

START_TEST(submit_scores_and_logs)
{
	struct exam *e = test_exam(10, 90, 70, 11);
	const struct exam_result *res;
	struct store_card before[10], after;
	struct whose_error err;
	size_t right = 0;

	ck_assert_ptr_null(exam_result(e));
	/* Right on even positions but 8, wrong on odd ones, 9 unanswered. */
	for (size_t i = 0; i < 9; i++) {
		struct question_response r = test_response(exam_item(e, i), i % 2 == 0 && i != 8);

		ck_assert_int_eq(store_card_get(test_store, exam_item(e, i)->a.item.question_id, &before[i], &err), 0);
		ck_assert_int_eq(exam_visit(e, i, &err), 0);
		test_now += 30 * SEC;
		ck_assert_int_eq(exam_answer(e, i, &r, &err), 0);
		right += i % 2 == 0 && i != 8;
	}
	ck_assert_uint_eq(right, 4);
	test_now += MIN;
	ck_assert_int_eq(exam_submit(e, false, &err), 0);
	ck_assert(exam_submitted(e));
	res = exam_result(e);
	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(res->correct, 4);
	ck_assert_uint_eq(res->total, 10);
	ck_assert_int_eq(res->percent, 40);
	ck_assert(!res->passed);
	ck_assert(!res->timed_out);
	ck_assert_int_eq(res->finished_at - res->started_at, 9 * 30 * SEC + MIN);
	ck_assert_uint_eq(res->nwrong, 6);
	{
		size_t sum = 0, total = 0;

		for (size_t i = 0; i < res->ntopics; i++) {
			sum += res->topics[i].correct;
			total += res->topics[i].total;
			if (i > 0)
				ck_assert_str_lt(res->topics[i - 1].topic, res->topics[i].topic);
		}
		ck_assert_uint_eq(sum, 4);
		ck_assert_uint_eq(total, 10);
	}
	/* Stored, logged as mode exam (the nine answered), nothing scheduled. */
	ck_assert_int_eq(test_sql("SELECT correct FROM exams"), 4);
	ck_assert_int_eq(test_sql("SELECT passed FROM exams"), 0);
	ck_assert_int_eq(test_sql("SELECT finished_at - started_at FROM exams"), 9 * 30 * SEC + MIN);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM reviews WHERE mode = 'exam'"), 9);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM reviews WHERE mode = 'exam' AND correct"), 4);
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM topics"), 9);
	ck_assert_int_eq(test_sql("SELECT sum(correct) FROM topics"), 4);
	/* Time on screen per question: 30 s each, the last one also the
	 * minute before submitting. */
	ck_assert_int_eq(test_sql("SELECT min(duration_ms) FROM reviews"), 30 * SEC);
	ck_assert_int_eq(test_sql("SELECT max(duration_ms) FROM reviews"), 30 * SEC + MIN);
	for (size_t i = 0; i < 9; i++) {
		ck_assert_int_eq(store_card_get(test_store, exam_item(e, i)->a.item.question_id, &after, &err), 0);
		ck_assert_int_eq(after.fsrs.state, before[i].fsrs.state);
		ck_assert_int_eq(after.fsrs.due, before[i].fsrs.due);
		ck_assert_int_eq(after.fsrs.reps, before[i].fsrs.reps);
	}
	/* Closed: no more answers, no second submission. */
	{
		struct question_response r = test_response(exam_item(e, 9), true);

		ck_assert_int_eq(exam_answer(e, 9, &r, &err), WHOSE_EINVAL);
		ck_assert_int_eq(exam_submit(e, false, &err), WHOSE_EINVAL);
		ck_assert_int_eq(exam_expire(e, &err), 0);
	}
	exam_free(e);
}
END_TEST

START_TEST(pass_mark_is_exact)
{
	struct whose_error err;

	/* 2 of 3 is 66.67%: a pass at 66, a fail at 67. */
	for (int pass = 66; pass <= 67; pass++) {
		struct exam *e = test_exam(3, 90, pass, 21);

		for (size_t i = 0; i < 3; i++) {
			struct question_response r = test_response(exam_item(e, i), i != 1);

			ck_assert_int_eq(exam_answer(e, i, &r, &err), 0);
		}
		ck_assert_int_eq(exam_submit(e, false, &err), 0);
		ck_assert_int_eq(exam_result(e)->percent, 66);
		ck_assert(exam_result(e)->passed == (pass == 66));
		exam_free(e);
	}
}
END_TEST

START_TEST(deadline_submits_timed_out)
{
	struct exam *e = test_exam(4, 1, 50, 31);
	struct question_response r;
	struct whose_error err;

	ck_assert_int_eq(exam_time_left(e), MIN);
	r = test_response(exam_item(e, 0), true);
	test_now += 20 * SEC;
	ck_assert_int_eq(exam_answer(e, 0, &r, &err), 0);
	ck_assert_int_eq(exam_time_left(e), 40 * SEC);
	ck_assert(!exam_expired(e));
	ck_assert_int_eq(exam_expire(e, &err), 0);   /* not yet */
	test_now = T0 + MIN - 1;
	ck_assert_int_eq(exam_time_left(e), 1);
	/* The clock reaches the end, and passes it (a learner walked away). */
	test_now = T0 + MIN + 5 * MIN;
	ck_assert(exam_expired(e));
	ck_assert_int_eq(exam_time_left(e), 0);
	r = test_response(exam_item(e, 1), true);
	ck_assert_int_eq(exam_answer(e, 1, &r, &err), WHOSE_EINVAL);
	ck_assert_int_eq(exam_flag(e, 1, true, &err), WHOSE_EINVAL);
	ck_assert(!exam_submitted(e));
	ck_assert_int_eq(exam_expire(e, &err), 1);
	ck_assert(exam_submitted(e));
	ck_assert(exam_result(e)->timed_out);
	ck_assert_uint_eq(exam_result(e)->correct, 1);
	/* Finished at the deadline, not when it was noticed. */
	ck_assert_int_eq(exam_result(e)->finished_at, T0 + MIN);
	ck_assert_int_eq(test_sql("SELECT timed_out FROM exams"), 1);
	ck_assert_int_eq(test_sql("SELECT finished_at FROM exams"), T0 + MIN);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM reviews WHERE mode = 'exam'"), 1);
	ck_assert_int_eq(exam_expire(e, &err), 0);   /* once only */
	exam_free(e);
}
END_TEST

START_TEST(submit_after_deadline_is_timed_out)
{
	struct exam *e = test_exam(2, 1, 50, 32);
	struct whose_error err;

	test_now = T0 + MIN;   /* exactly at the end: the time is up */
	ck_assert(exam_expired(e));
	ck_assert_int_eq(exam_submit(e, false, &err), 0);
	ck_assert(exam_result(e)->timed_out);
	exam_free(e);
}
END_TEST

START_TEST(bad_options_refused)
{
	struct exam_opts o;
	struct exam *e;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.questions = EXAM_MAX_QUESTIONS + 1;
	ck_assert_int_eq(exam_start(test_store, &o, &e, &err), WHOSE_EINVAL);
	ck_assert_ptr_null(e);
	o.questions = 5;
	o.pass_percent = 101;
	ck_assert_int_eq(exam_start(test_store, &o, &e, &err), WHOSE_EINVAL);
	o.pass_percent = 0;
	o.minutes = EXAM_MAX_MINUTES + 1;
	ck_assert_int_eq(exam_start(test_store, &o, &e, &err), WHOSE_EINVAL);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exams"), 0);
}
END_TEST

START_TEST(trend_of_history)
{
	struct store_exam_row rows[7];
	struct exam_trend t;
	/* correct of 10, submitted or not */
	static const int correct[7] = { 5, 9, 6, -1, 7, 8, 4 };

	memset(rows, 0, sizeof(rows));
	for (int i = 0; i < 7; i++) {
		rows[i].id = i + 1;
		rows[i].started_at = T0 + i * MIN;
		rows[i].questions = 10;
		if (correct[i] < 0)
			continue;   /* never submitted */
		rows[i].finished_at = rows[i].started_at + MIN;
		rows[i].correct = (size_t)correct[i];
		rows[i].passed = correct[i] >= 7;
	}
	exam_trend_of(rows, 7, &t);
	ck_assert_uint_eq(t.finished, 6);
	ck_assert_uint_eq(t.passed, 3);
	ck_assert_int_eq(t.last, 40);
	ck_assert(t.have_change);
	ck_assert_int_eq(t.change, -40);
	ck_assert_int_eq(t.best, 90);
	/* The last five submitted: 9 6 7 8 4 -> 68%. */
	ck_assert_uint_eq(t.naverage, 5);
	ck_assert(t.average > 67.99 && t.average < 68.01);
	exam_trend_of(rows, 1, &t);
	ck_assert(!t.have_change);
	ck_assert_uint_eq(t.naverage, 1);
	exam_trend_of(rows, 0, &t);
	ck_assert_uint_eq(t.finished, 0);
}
END_TEST

START_TEST(history_from_store)
{
	struct store_exam_row *rows;
	struct exam_trend t;
	struct whose_error err;
	size_t n;

	for (int k = 0; k < 3; k++) {
		struct exam *e = test_exam(2, 90, 50, (uint64_t)(40 + k));

		for (size_t i = 0; i < 2; i++) {
			struct question_response r = test_response(exam_item(e, i), (int)i < k);

			ck_assert_int_eq(exam_answer(e, i, &r, &err), 0);
		}
		test_now += MIN;
		ck_assert_int_eq(exam_submit(e, false, &err), 0);
		exam_free(e);
	}
	ck_assert_int_eq(exam_history(test_store, 20, &rows, &n, &t, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(rows[0].correct, 0);
	ck_assert_uint_eq(rows[2].correct, 2);
	ck_assert_int_eq(t.last, 100);
	ck_assert_int_eq(t.change, 50);
	ck_assert_int_eq(t.best, 100);
	ck_assert_uint_eq(t.passed, 2);
	free(rows);
}
END_TEST

START_TEST(forgotten_out_of_trend)
{
	struct store_exam_row rows[3];
	struct exam_trend t;

	memset(rows, 0, sizeof(rows));
	for (int i = 0; i < 3; i++) {
		rows[i].id = i + 1;
		rows[i].questions = 10;
		rows[i].finished_at = T0 + i * MIN;
		rows[i].correct = (size_t)(6 + i);   /* 60%, 70%, 80% */
		rows[i].passed = true;
	}
	/* The last one, an accident, forgotten: the trend ends at 70%. */
	rows[2].forgotten = true;
	exam_trend_of(rows, 3, &t);
	ck_assert_uint_eq(t.finished, 2);
	ck_assert_uint_eq(t.forgotten, 1);
	ck_assert_uint_eq(t.passed, 2);
	ck_assert_int_eq(t.last, 70);
	ck_assert_int_eq(t.best, 70);
	ck_assert_int_eq(t.change, 10);
	ck_assert_uint_eq(t.naverage, 2);
	ck_assert(t.average > 64.99 && t.average < 65.01);
}
END_TEST

START_TEST(forget_and_restore)
{
	struct store_exam_row *rows;
	struct store_calibration c;
	struct exam_trend t;
	struct whose_error err;
	int64_t ids[3];
	size_t n, answers[3];
	bool changed;

	/* Three exams of 2, 3 and 4 questions: the first all right, the
	 * others all wrong. */
	for (int k = 0; k < 3; k++) {
		struct exam *e = test_exam((size_t)(2 + k), 90, 50, (uint64_t)(60 + k));

		for (size_t i = 0; i < exam_count(e); i++) {
			struct question_response r = test_response(exam_item(e, i), k == 0);

			ck_assert_int_eq(exam_answer(e, i, &r, &err), 0);
		}
		test_now += MIN;
		ck_assert_int_eq(exam_submit(e, false, &err), 0);
		ids[k] = exam_id(e);
		answers[k] = exam_count(e);
		exam_free(e);
	}
	ck_assert_int_eq(store_exam_calibration(test_store, &c, &err), 0);
	ck_assert_uint_eq(c.exams, 3);
	ck_assert_uint_eq(c.answers, answers[0] + answers[1] + answers[2]);
	ck_assert_uint_eq(c.correct, answers[0]);
	/* Every answer logged: in the tallies of cards, topics and hours. */
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM topics"), 9);
	ck_assert_int_eq(test_sql("SELECT sum(correct) FROM topics"), 2);
	ck_assert_int_eq(test_sql("SELECT sum(first_answers) FROM topics"), 9);
	ck_assert_int_eq(test_sql("SELECT sum(first_correct) FROM topics"), 2);
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM hourly"), 9);
	ck_assert_int_eq(test_sql("SELECT sum(answered_right) FROM cards"), 2);

	/* The first forgotten: out of the trend and of the calibration. */
	ck_assert_int_eq(exam_forget(test_store, ids[0], true, &changed, &err), 0);
	ck_assert(changed);
	ck_assert_int_eq(exam_forget(test_store, ids[0], true, &changed, &err), 0);
	ck_assert(!changed);
	ck_assert_int_eq(exam_history(test_store, 20, &rows, &n, &t, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert(rows[0].forgotten);
	ck_assert(!rows[1].forgotten);
	ck_assert_uint_eq(t.finished, 2);
	ck_assert_uint_eq(t.forgotten, 1);
	ck_assert_int_eq(t.best, 0);
	ck_assert(t.average < 0.01);
	ck_assert_uint_eq(t.passed, 0);
	free(rows);
	ck_assert_int_eq(store_exam_calibration(test_store, &c, &err), 0);
	ck_assert_uint_eq(c.exams, 2);
	ck_assert_uint_eq(c.answers, answers[1] + answers[2]);
	ck_assert_uint_eq(c.correct, 0);
	/* ...and out of every tally: its answers stay in the log, marked. */
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM topics"), 7);
	ck_assert_int_eq(test_sql("SELECT sum(correct) FROM topics"), 0);
	ck_assert_int_eq(test_sql("SELECT sum(first_answers) FROM topics"), 7);
	ck_assert_int_eq(test_sql("SELECT sum(first_correct) FROM topics"), 0);
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM hourly"), 7);
	ck_assert_int_eq(test_sql("SELECT sum(answered_right) FROM cards"), 0);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM reviews WHERE mode = '" STORE_MODE_FORGOTTEN "'"), 2);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM reviews WHERE mode = 'exam'"), 7);

	/* Restored: counted again, as before. */
	ck_assert_int_eq(exam_forget(test_store, ids[0], false, &changed, &err), 0);
	ck_assert(changed);
	ck_assert_int_eq(exam_history(test_store, 20, &rows, &n, &t, &err), 0);
	ck_assert_uint_eq(t.finished, 3);
	ck_assert_uint_eq(t.forgotten, 0);
	ck_assert_int_eq(t.best, 100);
	free(rows);
	ck_assert_int_eq(store_exam_calibration(test_store, &c, &err), 0);
	ck_assert_uint_eq(c.exams, 3);
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM topics"), 9);
	ck_assert_int_eq(test_sql("SELECT sum(correct) FROM topics"), 2);
	ck_assert_int_eq(test_sql("SELECT sum(first_correct) FROM topics"), 2);
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM hourly"), 9);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM reviews WHERE mode = 'exam'"), 9);
	/* Restoring twice counts nothing twice. */
	ck_assert_int_eq(exam_forget(test_store, ids[0], false, &changed, &err), 0);
	ck_assert(!changed);
	ck_assert_int_eq(store_exam_forget(test_store, ids[0], false, &err), 0);
	ck_assert_int_eq(test_sql("SELECT sum(answers) FROM topics"), 9);
	ck_assert_int_eq(store_exam_forget(test_store, 99, true, &err), WHOSE_ENOTFOUND);

	/* Nothing to forget: no such exam, an open one, a given-up one. */
	ck_assert_int_eq(exam_forget(test_store, 99, true, &changed, &err), WHOSE_ENOTFOUND);
	{
		struct exam *e = test_exam(2, 90, 50, 70);
		int64_t open = exam_id(e);

		exam_free(e);
		ck_assert_int_eq(exam_forget(test_store, open, true, &changed, &err), WHOSE_EINVAL);
		ck_assert_ptr_nonnull(strstr(err.msg, "open"));
		ck_assert_int_eq(exam_abandon(test_store, open, &test_clock, &err), 0);
		ck_assert_int_eq(exam_forget(test_store, open, true, &changed, &err), WHOSE_EINVAL);
		ck_assert_ptr_nonnull(strstr(err.msg, "given up"));
		/* A given-up exam is not in the calibration either. */
		ck_assert_int_eq(store_exam_calibration(test_store, &c, &err), 0);
		ck_assert_uint_eq(c.exams, 3);
	}
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exams WHERE forgotten"), 0);
}
END_TEST

START_TEST(areas_of_topics)
{
	/* Every topic of the bundled bank (questions/) is in one of the five
	 * areas; anything else is in the last. */
	static const char *const bundled[] = {
		"AI & ML services", "Best practices", "Compliance", "Containers",
		"Control types", "Data protection", "DynamoDB", "EC2", "EKS & ECR",
		"Edge & hybrid", "Fundamentals", "Governance & accounts", "IAM",
		"Keys, HSMs & secrets", "Lambda", "Misconfigurations", "Monitoring & IR",
		"More managed services", "Network", "RDS", "Resilience & sustainability",
		"S3", "Security services", "Service models",
	};
	size_t per[EXAM_AREAS] = { 0 };

	for (size_t i = 0; i < sizeof(bundled) / sizeof(bundled[0]); i++) {
		size_t a = exam_area_of(bundled[i]);

		ck_assert_msg(a < EXAM_AREAS - 1, "%s is in no area", bundled[i]);
		per[a]++;
	}
	/* A few topics each, none empty. */
	for (size_t a = 0; a + 1 < EXAM_AREAS; a++) {
		ck_assert_uint_ge(per[a], 3);
		ck_assert_uint_le(per[a], 6);
		ck_assert_uint_le(strlen(exam_area_about(a)), 28);
	}
	ck_assert_uint_eq(exam_area_of("iam"), exam_area_of("IAM"));
	ck_assert_uint_eq(exam_area_of("Alpha"), EXAM_AREAS - 1);
	ck_assert_str_eq(exam_area_name(EXAM_AREAS - 1), "Other topics");
	ck_assert_str_eq(exam_area_name(EXAM_AREAS), "");
}
END_TEST

START_TEST(missed_questions)
{
	struct exam *e = test_exam(6, 90, 70, 21);
	struct whose_error err;
	const struct exam_result *r;
	int64_t *ids, open;
	size_t n, total = 0;

	/* Right on 0 and 3, wrong on 1, the rest unanswered. */
	for (size_t i = 0; i < 4; i++) {
		struct question_response resp = test_response(exam_item(e, i), i % 3 == 0);

		if (i == 2)
			continue;
		ck_assert_int_eq(exam_answer(e, i, &resp, &err), 0);
	}
	ck_assert_int_eq(exam_missed(test_store, exam_id(e), &ids, &n, &err), WHOSE_EINVAL);
	ck_assert_int_eq(exam_submit(e, false, &err), 0);
	r = exam_result(e);
	/* The areas add up to the exam (this bank's topics: all "Other"). */
	for (size_t a = 0; a < EXAM_AREAS; a++)
		total += r->areas[a].total;
	ck_assert_uint_eq(total, 6);
	ck_assert_uint_eq(r->areas[EXAM_AREAS - 1].correct, 2);
	ck_assert_int_eq(exam_missed(test_store, exam_id(e), &ids, &n, &err), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(ids[0], exam_item(e, 1)->a.item.question_id);
	ck_assert_int_eq(ids[1], exam_item(e, 2)->a.item.question_id);
	ck_assert_int_eq(ids[3], exam_item(e, 5)->a.item.question_id);
	free(ids);
	/* A question flagged since is left out. */
	ck_assert_int_eq(store_question_flag(test_store, exam_item(e, 2)->a.item.question_id, true, NULL,
					     &err), 0);
	ck_assert_int_eq(exam_missed(test_store, exam_id(e), &ids, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	free(ids);
	exam_free(e);
	ck_assert_int_eq(exam_missed(test_store, 99, &ids, &n, &err), WHOSE_ENOTFOUND);
	e = test_exam(2, 90, 70, 22);
	open = exam_id(e);
	exam_free(e);
	ck_assert_int_eq(exam_abandon(test_store, open, &test_clock, &err), 0);
	ck_assert_int_eq(exam_missed(test_store, open, &ids, &n, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "given up"));
}
END_TEST

/* Open exam ID again as O would (the test's config and clock). */
static struct exam *test_resume(int64_t id)
{
	struct exam_opts o;
	struct exam *e;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.config = &test_cfg;
	o.clock = &test_clock;
	ck_assert_msg(exam_resume(test_store, &o, id, &e, &err) == 0, "%s", err.msg);
	return e;
}

/* The position of the first question of type TYPE in E, or exam_count. */
static size_t test_find(const struct exam *e, enum question_type type)
{
	for (size_t i = 0; i < exam_count(e); i++)
		if (exam_item(e, i)->a.q.type == type)
			return i;
	return exam_count(e);
}

START_TEST(resume_keeps_every_response)
{
	struct exam *e = test_exam(10, 30, 70, 21), *r;
	struct whose_error err;
	struct attempt *a;
	size_t multi, sort, choice, who, tf;
	int64_t id = exam_id(e), found;
	char before[10][256], after[256];

	ck_assert_int_eq(exam_find_open(test_store, &found, &err), 0);
	ck_assert_int_eq(found, id);
	multi = test_find(e, QUESTION_MULTI);
	sort = test_find(e, QUESTION_SORT);
	choice = test_find(e, QUESTION_CHOICE);
	who = test_find(e, QUESTION_WHO);
	tf = test_find(e, QUESTION_TRUEFALSE);
	ck_assert(multi < 10 && sort < 10 && choice < 10 && who < 10 && tf < 10);
	/* Partial responses, made by edits (ticks, placements): never an
	 * Enter.  One tick of a multi, one sort item of three placed. */
	ck_assert_int_eq(exam_visit(e, multi, &err), 0);
	a = exam_attempt(e, multi, &err);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(attempt_choose(a, 0, &err), 0);
	test_now += 40 * SEC;
	ck_assert_int_eq(exam_visit(e, sort, &err), 0);
	a = exam_attempt(e, sort, &err);
	ck_assert_int_eq(attempt_place(a, 1, QUESTION_SHARED, &err), 0);
	test_now += 20 * SEC;
	ck_assert_int_eq(exam_visit(e, choice, &err), 0);
	ck_assert_int_eq(attempt_choose(exam_attempt(e, choice, &err), 2, &err), 0);
	ck_assert_int_eq(attempt_choose(exam_attempt(e, who, &err), 1, &err), 0);
	ck_assert_int_eq(attempt_choose(exam_attempt(e, tf, &err), 0, &err), 0);
	ck_assert_int_eq(exam_flag(e, sort, true, &err), 0);
	test_now += 5 * SEC;
	for (size_t i = 0; i < 10; i++)
		attempt_response_text(&exam_item(e, i)->a, before[i], sizeof(before[i]));
	ck_assert_int_eq(exam_leave(e, &err), 0);
	/* Freed without exam_leave would be a crash: the rows are the same
	 * but for away_since, which resume does not need by default. */
	exam_free(e);
	test_now += 10 * MIN;

	r = test_resume(id);
	ck_assert_uint_eq(exam_count(r), 10);
	for (size_t i = 0; i < 10; i++) {
		attempt_response_text(&exam_item(r, i)->a, after, sizeof(after));
		ck_assert_str_eq(after, before[i]);
	}
	ck_assert(exam_item(r, sort)->flagged);
	ck_assert_uint_eq(attempt_unplaced(&exam_item(r, sort)->a), 2);
	ck_assert(attempt_answered(&exam_item(r, multi)->a));
	/* Time on screen came back with them. */
	ck_assert_int_eq(exam_item(r, multi)->a.spent_ms, 40 * SEC);
	ck_assert_int_eq(exam_item(r, sort)->a.spent_ms, 20 * SEC);
	ck_assert_int_eq(exam_item(r, choice)->a.spent_ms, 5 * SEC);
	/* The clock kept running: 30 minutes less 65 s and 10 min away. */
	ck_assert_int_eq(exam_time_left(r), 30 * MIN - 65 * SEC - 10 * MIN);
	/* Edits go on being saved; submission grades them as they stand. */
	ck_assert_int_eq(attempt_place(exam_attempt(r, sort, &err), 0, QUESTION_AWS, &err), 0);
	ck_assert_int_eq(exam_submit(r, false, &err), 0);
	ck_assert(exam_item(r, multi)->a.grade.answered);
	ck_assert(!exam_item(r, sort)->a.grade.complete);
	ck_assert_int_eq(exam_find_open(test_store, &found, &err), WHOSE_ENOTFOUND);
	exam_free(r);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exam_answers WHERE spent_ms > 0"), 3);
}
END_TEST

/*
 * Two terminals on one exam: while one process has it open, another
 * (a forked child with its own connection) can neither resume it, give it
 * up nor start one; once the first lets go, by exam_free or by dying
 * without a word (SIGKILL), the other can.
 */
static int test_child_tries(int64_t id)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct store *s;
		struct exam_opts o;
		struct exam *e = NULL;
		struct whose_error err;
		int rc, code = 0;

		if (store_open(test_db, 0, &s, &err) != 0)
			_exit(90);
		memset(&o, 0, sizeof(o));
		o.config = &test_cfg;
		o.clock = &test_clock;
		rc = exam_resume(s, &o, id, &e, &err);
		if (rc == WHOSE_EBUSY && strstr(err.msg, "open in another terminal") != NULL)
			code |= 1;
		else if (rc == 0)
			code |= 2;
		exam_free(e);
		e = NULL;
		rc = exam_abandon(s, id, &test_clock, &err);
		if (rc == WHOSE_EBUSY)
			code |= 4;
		rc = exam_start(s, &o, &e, &err);
		if (rc == WHOSE_EBUSY)
			code |= 8;
		exam_free(e);
		store_close(s);
		_exit(code);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

START_TEST(one_exam_one_terminal)
{
	struct exam *e = test_exam(4, 30, 70, 3);
	int64_t id = exam_id(e);
	struct whose_error err;
	pid_t holder;
	int pipefd[2];
	char c;

	/* Held here: the child is refused all three. */
	ck_assert_int_eq(test_child_tries(id), 1 | 4 | 8);
	exam_free(e);
	/* Let go: the child resumes it, gives it up and starts another. */
	ck_assert_int_eq(test_child_tries(id), 2);

	/* A holder killed outright lets go too. */
	ck_assert_int_eq(pipe(pipefd), 0);
	holder = fork();
	ck_assert_int_ge(holder, 0);
	if (holder == 0) {
		struct store *s;
		struct exam_opts o;
		struct exam *h;
		int64_t open_id;

		close(pipefd[0]);
		if (store_open(test_db, 0, &s, &err) != 0 ||
		    exam_find_open(s, &open_id, &err) != 0)
			_exit(1);
		memset(&o, 0, sizeof(o));
		o.config = &test_cfg;
		o.clock = &test_clock;
		if (exam_resume(s, &o, open_id, &h, &err) != 0)
			_exit(1);
		(void)write(pipefd[1], "x", 1);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	ck_assert_int_eq(read(pipefd[0], &c, 1), 1);
	close(pipefd[0]);
	ck_assert_int_eq(exam_find_open(test_store, &id, &err), 0);
	ck_assert_int_eq(test_child_tries(id), 1 | 4 | 8);
	ck_assert_int_eq(kill(holder, SIGKILL), 0);
	ck_assert_int_eq(waitpid(holder, NULL, 0), holder);
	ck_assert_int_eq(test_child_tries(id), 2);
}
END_TEST

START_TEST(resume_keeps_shown_order)
{
	struct exam *e = test_exam(10, 30, 70, 5), *r;
	struct whose_error err;
	size_t multi, choice;
	size_t order_m[QUESTION_MAX_SLOTS], order_c[QUESTION_MAX_SLOTS];
	int64_t id = exam_id(e);

	multi = test_find(e, QUESTION_MULTI);
	choice = test_find(e, QUESTION_CHOICE);
	memcpy(order_m, exam_item(e, multi)->a.order, sizeof(order_m));
	memcpy(order_c, exam_item(e, choice)->a.order, sizeof(order_c));
	/* Tick the first shown choice: after a resume the same text is
	 * ticked in the same place. */
	ck_assert_int_eq(attempt_choose(exam_attempt(e, multi, &err), 0, &err), 0);
	exam_free(e);   /* as a killed process: no exam_leave */
	r = test_resume(id);
	ck_assert_mem_eq(exam_item(r, multi)->a.order, order_m, 4 * sizeof(size_t));
	ck_assert_mem_eq(exam_item(r, choice)->a.order, order_c, 3 * sizeof(size_t));
	ck_assert(attempt_picked(&exam_item(r, multi)->a, 0));
	exam_free(r);
}
END_TEST

START_TEST(resume_after_the_time_ran_out)
{
	struct exam *e = test_exam(4, 1, 50, 8), *r;
	struct question_response resp;
	struct whose_error err;
	int64_t id = exam_id(e);

	resp = test_response(exam_item(e, 0), true);
	ck_assert_int_eq(exam_answer(e, 0, &resp, &err), 0);
	ck_assert_int_eq(exam_leave(e, &err), 0);
	exam_free(e);
	test_now += 3 * MIN;
	r = test_resume(id);
	ck_assert(exam_expired(r));
	ck_assert_ptr_null(exam_attempt(r, 1, &err));
	ck_assert_int_eq(exam_expire(r, &err), 1);
	ck_assert(exam_result(r)->timed_out);
	ck_assert_uint_eq(exam_result(r)->correct, 1);
	ck_assert_int_eq(exam_result(r)->finished_at, T0 + MIN);
	exam_free(r);
	ck_assert_int_eq(test_sql("SELECT finished_at - started_at FROM exams"), MIN);
	ck_assert_int_eq(test_sql("SELECT away_since IS NULL FROM exams"), 1);
}
END_TEST

START_TEST(pause_when_away_stops_the_clock)
{
	struct exam_opts o;
	struct exam *e, *r;
	struct whose_error err;
	int64_t id;

	memset(&o, 0, sizeof(o));
	o.questions = 3;
	o.minutes = 2;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 4;
	o.pause_when_away = true;
	ck_assert_int_eq(exam_start(test_store, &o, &e, &err), 0);
	id = exam_id(e);
	test_now += 30 * SEC;
	ck_assert_int_eq(exam_leave(e, &err), 0);
	exam_free(e);
	test_now += 60 * MIN;
	r = test_resume(id);
	ck_assert(exam_pauses_when_away(r));
	ck_assert_int_eq(exam_time_left(r), 90 * SEC);
	ck_assert_int_eq(test_sql("SELECT paused_ms FROM exams"), 60 * MIN);
	/* Away again: paused time adds up. */
	ck_assert_int_eq(exam_leave(r, &err), 0);
	exam_free(r);
	test_now += 5 * MIN;
	r = test_resume(id);
	ck_assert_int_eq(exam_time_left(r), 90 * SEC);
	ck_assert_int_eq(exam_submit(r, false, &err), 0);
	/* Time used is what the clock says, pauses included: started_at to
	 * finished_at; the pauses are kept in paused_ms. */
	ck_assert_int_eq(test_sql("SELECT paused_ms FROM exams"), 65 * MIN);
	exam_free(r);
}
END_TEST

static int64_t test_mono;

static int64_t test_mono_ms(void *ctx)
{
	(void)ctx;
	return test_mono;
}

/* The wall clock set back during an exam, and again before it is
 * resumed, gives it no time (issue 33: a 10-minute exam showed 1450:00);
 * the clock that only runs forward counts.  Set forward, it takes time. */
START_TEST(clock_set_back_adds_no_time)
{
	struct whose_error err;
	struct exam *e, *r;
	int64_t id;

	test_mono = 5000;
	test_clock.mono = test_mono_ms;
	e = test_exam(3, 10, 70, 4);
	id = exam_id(e);
	test_now += MIN;
	test_mono += MIN;
	ck_assert_int_eq(exam_time_left(e), 9 * MIN);
	test_now -= 24 * 60 * MIN;     /* set back a day */
	test_mono += SEC;
	ck_assert_int_eq(exam_time_left(e), 9 * MIN - SEC);
	ck_assert_int_eq(exam_answer(e, 0, &(struct question_response){ 0 }, &err) <= 0, 1);
	ck_assert_int_eq(exam_visit(e, 1, &err), 0);
	ck_assert_int_eq(exam_leave(e, &err), 0);
	exam_free(e);
	/* Resumed in another process (another clock origin), the wall clock
	 * set back further still: no more time than when it was left. */
	test_now -= 60 * MIN;
	test_mono = 100;
	r = test_resume(id);
	ck_assert_int_le(exam_time_left(r), 9 * MIN - SEC);
	ck_assert_int_gt(exam_time_left(r), 0);
	test_mono += 3 * MIN;
	ck_assert_int_le(exam_time_left(r), 6 * MIN - SEC);
	/* Set forward: the wall clock takes the time. */
	test_now = T0 + 11 * MIN;
	ck_assert_int_eq(exam_time_left(r), 0);
	exam_free(r);
	test_clock.mono = NULL;
}
END_TEST

START_TEST(time_left_of_a_stored_exam)
{
	struct store_exam_row row;
	struct exam_opts o;
	struct exam *e = test_exam(3, 2, 70, 12);
	struct whose_error err;
	bool submitted;
	int64_t id = exam_id(e);

	ck_assert_int_eq(exam_leave(e, &err), 0);
	exam_free(e);
	ck_assert_int_eq(store_exam_get(test_store, id, &row, &err), 0);
	ck_assert_int_eq(exam_row_time_left(&row, T0 + 30 * SEC), 90 * SEC);
	ck_assert_int_eq(exam_row_time_left(&row, T0 + 2 * MIN), 0);
	/* Paused while away: the time away does not count. */
	row.pause_when_away = true;
	row.away_since = T0 + 30 * SEC;
	ck_assert_int_eq(exam_row_time_left(&row, T0 + 10 * MIN), 90 * SEC);
	memset(&o, 0, sizeof(o));
	o.config = &test_cfg;
	o.clock = &test_clock;
	test_now = T0 + 60 * SEC;
	ck_assert_int_eq(exam_submit_if_over(test_store, &o, id, &submitted, &err), 0);
	ck_assert(!submitted);
	ck_assert_int_eq(test_sql("SELECT finished_at IS NULL AND away_since IS NOT NULL FROM exams"), 1);
	test_now = T0 + 5 * MIN;
	ck_assert_int_eq(exam_submit_if_over(test_store, &o, id, &submitted, &err), 0);
	ck_assert(submitted);
	ck_assert_int_eq(test_sql("SELECT timed_out FROM exams"), 1);
	ck_assert_int_eq(test_sql("SELECT finished_at - started_at FROM exams"), 2 * MIN);
}
END_TEST

START_TEST(abandon_and_read_again)
{
	struct exam *e = test_exam(3, 30, 70, 6), *p;
	struct exam_opts o;
	struct question_response resp;
	struct whose_error err;
	int64_t first = exam_id(e), second;
	char text[64];

	exam_free(e);
	ck_assert_int_eq(exam_abandon(test_store, first, &test_clock, &err), 0);
	ck_assert_int_eq(exam_abandon(test_store, first, &test_clock, &err), WHOSE_ENOTFOUND);
	ck_assert_int_eq(exam_find_open(test_store, &second, &err), WHOSE_ENOTFOUND);
	memset(&o, 0, sizeof(o));
	o.config = &test_cfg;
	o.clock = &test_clock;
	e = test_exam(4, 30, 70, 7);
	second = exam_id(e);
	ck_assert_int_eq(exam_open_past(test_store, &o, second, &p, &err), WHOSE_EINVAL);
	resp = test_response(exam_item(e, 2), true);
	ck_assert_int_eq(exam_answer(e, 2, &resp, &err), 0);
	ck_assert_int_eq(exam_flag(e, 3, true, &err), 0);
	ck_assert_int_eq(exam_submit(e, false, &err), 0);
	ck_assert_int_eq(exam_open_past(test_store, &o, second, &p, &err), 0);
	ck_assert(exam_read_only(p));
	ck_assert_uint_eq(exam_result(p)->correct, exam_result(e)->correct);
	ck_assert_uint_eq(exam_result(p)->nwrong, 3);
	ck_assert(exam_matches(p, 2, EXAM_FILTER_ALL, NULL));
	ck_assert(!exam_matches(p, 2, EXAM_FILTER_WRONG, NULL));
	ck_assert(exam_matches(p, 0, EXAM_FILTER_WRONG, NULL));
	ck_assert(exam_matches(p, 3, EXAM_FILTER_FLAGGED, NULL));
	ck_assert(exam_matches(p, 1, EXAM_FILTER_TOPIC, exam_item(p, 1)->a.item.topic));
	ck_assert_ptr_null(exam_attempt(p, 0, &err));
	ck_assert_int_eq(exam_submit(p, false, &err), WHOSE_EINVAL);
	exam_numbers_text(p, EXAM_FILTER_WRONG, 2, text, sizeof(text));
	ck_assert_str_eq(text, "1, 2 ...");
	exam_numbers_text(p, EXAM_FILTER_FLAGGED, 5, text, sizeof(text));
	ck_assert_str_eq(text, "4");
	exam_free(p);
	exam_free(e);
	ck_assert_int_eq(exam_open_past(test_store, &o, first, &p, &err), 0);
	ck_assert(exam_abandoned(p));
	exam_free(p);
	ck_assert_int_eq(exam_open_past(test_store, &o, 99, &p, &err), WHOSE_ENOTFOUND);
	ck_assert_int_eq(test_sql("SELECT count(*) FROM exams WHERE abandoned"), 1);
}
END_TEST

START_TEST(topics_limit_the_draw)
{
	struct exam_opts o;
	struct exam *e;
	struct whose_error err;
	const char *only[2] = { "beta", "GAMMA" };
	const char *none[1] = { "Delta" };   /* its one question is flagged */

	memset(&o, 0, sizeof(o));
	o.questions = 10;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 3;
	o.topics = only;
	o.ntopics = 2;
	ck_assert_int_eq(exam_start(test_store, &o, &e, &err), 0);
	ck_assert_uint_eq(exam_count(e), 4);
	for (size_t i = 0; i < exam_count(e); i++)
		ck_assert_str_ne(exam_item(e, i)->a.item.topic, "Alpha");
	exam_free(e);
	o.topics = none;
	o.ntopics = 1;
	ck_assert_int_eq(exam_start(test_store, &o, &e, &err), WHOSE_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "'Delta'"));
}
END_TEST

/* The bundled bank: 200 seeded exams of 10 show every topic. */
START_TEST(every_topic_in_short_exams)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	struct store *s;
	const char *paths[1] = { WHOSE_TEST_DATA_DIR "/../../questions" };
	char db[4200];
	char seen_names[64][48];
	size_t nseen = 0, ntopics = 0;
	struct store_topic *topics;

	snprintf(db, sizeof(db), "%s/bundled.db", test_dir);
	ck_assert_int_eq(store_open(db, STORE_CREATE, &s, &err), 0);
	ck_assert_msg(store_import(s, paths, 1, false, T0, &sum, &rep, NULL, NULL, &err) == 0, "%s", err.msg);
	bank_report_free(&rep);
	ck_assert_int_eq(store_topics(s, &test_cfg.fsrs, T0, T0, &topics, &ntopics, &err), 0);
	free(topics);
	ck_assert_uint_ge(ntopics, 10);
	for (uint64_t seed = 1; seed <= 200; seed++) {
		struct exam_opts o;
		struct exam *e;

		memset(&o, 0, sizeof(o));
		o.questions = 10;
		o.config = &test_cfg;
		o.clock = &test_clock;
		o.seed = seed;
		ck_assert_int_eq(exam_start(s, &o, &e, &err), 0);
		ck_assert_uint_eq(exam_count(e), 10);
		for (size_t i = 0; i < 10; i++) {
			const char *t = exam_item(e, i)->a.item.topic;
			size_t k = 0;

			while (k < nseen && strcmp(seen_names[k], t) != 0)
				k++;
			if (k == nseen && nseen < 64)
				snprintf(seen_names[nseen++], sizeof(seen_names[0]), "%s", t);
		}
		exam_free(e);
	}
	ck_assert_msg(nseen == ntopics, "200 exams of 10 showed %zu of %zu topics", nseen, ntopics);
	store_close(s);
}
END_TEST

Suite *test_exam_suite(void);
Suite *test_exam_suite(void)
{
	Suite *s = suite_create("exam");
	TCase *pure = tcase_create("quotas");
	TCase *tc = tcase_create("core");

	tcase_add_test(pure, quotas_proportional);
	tcase_add_test(pure, quotas_remainders_at_random);
	tcase_add_test(pure, quotas_sum_and_bounds);
	tcase_add_test(pure, trend_of_history);
	tcase_add_test(pure, forgotten_out_of_trend);
	tcase_add_test(pure, areas_of_topics);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, draw_is_stratified);
	tcase_add_test(tc, more_than_askable_takes_all);
	tcase_add_test(tc, same_seed_same_exam);
	tcase_add_test(tc, one_exam_one_terminal);
	tcase_add_test(tc, answers_saved_as_given);
	tcase_add_test(tc, submit_scores_and_logs);
	tcase_add_test(tc, pass_mark_is_exact);
	tcase_add_test(tc, deadline_submits_timed_out);
	tcase_add_test(tc, submit_after_deadline_is_timed_out);
	tcase_add_test(tc, bad_options_refused);
	tcase_add_test(tc, history_from_store);
	tcase_add_test(tc, forget_and_restore);
	tcase_add_test(tc, missed_questions);
	tcase_add_test(tc, resume_keeps_every_response);
	tcase_add_test(tc, resume_keeps_shown_order);
	tcase_add_test(tc, resume_after_the_time_ran_out);
	tcase_add_test(tc, pause_when_away_stops_the_clock);
	tcase_add_test(tc, clock_set_back_adds_no_time);
	tcase_add_test(tc, abandon_and_read_again);
	tcase_add_test(tc, time_left_of_a_stored_exam);
	tcase_add_test(tc, topics_limit_the_draw);
	tcase_add_test(tc, every_topic_in_short_exams);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
