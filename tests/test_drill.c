/*
 * test_drill.c - classroom drills: the same seed gives the same questions
 * and choice orders in every run and in databases whose internal ids,
 * flags and histories differ; the portable generator's numbers; the
 * per-question deadline with the clock moved on; the results row (from a
 * drill and from plain data, complete or left early) and its fingerprint;
 * appends to one results file: concurrent, a missing final newline
 * repaired, a foreign header, a link, a FIFO or a folder refused, the mode
 * chosen whatever the umask.
 */
#include <check.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/drill.h"
#include "whose/report.h"
#include "whose/results.h"
#include "whose/store_class.h"
#include "whose/rng.h"
#include "whose/session.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define T0 1772359200000LL /* 2026-03-01T10:00:00Z */
#define SEC 1000LL
/* Seed 42, five questions of test_bank_a + test_bank_b: "id:choice order". */
#define TEST_DRILL_GOLDEN_42 "a-2:1023 g-3:01 a-4: b-1:120 a-1:"

static char *test_dir;
static struct store *test_a, *test_b;
static struct config test_cfg;
static int64_t test_now;
static struct whose_clock test_clock;

static const char test_bank_a[] = HDR
	"a-1,Alpha,who,Who A1?,,Customer,Because A1.,src,,,\n"
	"a-2,Alpha,choice,Pick A2?,one|two|three|four,B,Because A2.,src,,,yes\n"
	"a-3,Alpha,multi,Pick A3?,one|two|three|four|five,A|E,Because A3.,src,,,yes\n"
	"a-4,Alpha,truefalse,A4 is true.,,true,Because A4.,src,,,\n"
	"a-5,Alpha,card,Front A5?,,Back A5,Because A5.,src,,,\n"
	"b-1,Beta,choice,Pick B1?,one|two|three,C,Because B1.,src,,,yes\n"
	"b-2,Beta,who,Who B2?,,AWS,Because B2.,src,,,\n"
	"b-3,Beta,sort,Sort B3.,x|y|z,AWS|Customer|Shared,Because B3.,src,,,\n";
static const char test_bank_b[] = HDR
	"g-1,Gamma,choice,Pick G1?,one|two|three|four|five|six,F,Because G1.,src,,,yes\n"
	"g-2,Gamma,who,Who G2?,,Shared,Because G2.,src,,,\n"
	"g-3,Gamma,choice,Pick G3?,one|two,A,Because G3.,src,,,no\n"
	"b-4,Beta,multi,Pick B4?,one|two|three|four,B|C,Because B4.,src,,,yes\n"
	"b-5,Beta,truefalse,B5 is false.,,false,Because B5.,src,,,\n"
	"a-6,Alpha,who,Who A6?,,AWS,Because A6.,src,,,\n";

static struct store *test_open_with(const char *const *files, size_t n, bool separately)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	struct store *s;

	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, &err), 0);
	if (separately) {
		for (size_t i = 0; i < n; i++) {
			ck_assert_int_eq(store_import(s, &files[i], 1, false, T0, &sum, &rep, NULL, NULL, &err), 0);
			bank_report_free(&rep);
		}
	} else {
		ck_assert_int_eq(store_import(s, files, n, false, T0, &sum, &rep, NULL, NULL, &err), 0);
		bank_report_free(&rep);
	}
	return s;
}

static void test_setup(void)
{
	static const char *const ab[2] = { "a.csv", "b.csv" };
	static const char *const ba[2] = { "b.csv", "a.csv" };

	setenv("TZ", "UTC", 1);
	test_dir = test_tmpdir();
	ck_assert_int_eq(chdir(test_dir), 0);
	test_write(test_dir, "a.csv", test_bank_a, -1);
	test_write(test_dir, "b.csv", test_bank_b, -1);
	/* Two learners' databases: the same bank, imported in another order
	 * (so other internal ids). */
	test_a = test_open_with(ab, 2, false);
	test_b = test_open_with(ba, 2, true);
	config_defaults(&test_cfg);
	test_cfg.fsrs.enable_fuzz = false;
	ck_assert_int_eq(fsrs_params_prepare(&test_cfg.fsrs, NULL), 0);
	test_now = T0;
	clock_use_fixed(&test_clock, &test_now);
}

static void test_teardown(void)
{
	store_close(test_a);
	store_close(test_b);
	test_rmtree(test_dir);
}

static struct drill *test_drill(struct store *s, uint64_t seed, size_t count,
				const char *const *topics, size_t ntopics, int seconds)
{
	struct drill_opts o;
	struct drill *d;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.seed = seed;
	o.count = count;
	o.topics = topics;
	o.ntopics = ntopics;
	o.seconds = seconds;
	o.config = &test_cfg;
	o.clock = &test_clock;
	ck_assert_msg(drill_new(s, &o, &d, &err) == 0, "%s", err.msg);
	return d;
}

/* The drill as text: "id:order id:order ...", choice orders included. */
static void test_signature(const struct drill *d, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < drill_count(d); i++) {
		const struct drill_item *it = drill_item(d, i);

		o += (size_t)snprintf(buf + o, len - o, "%s%s:", i ? " " : "", it->a.item.qid);
		for (size_t k = 0; k < it->a.q.nslots; k++)
			o += (size_t)snprintf(buf + o, len - o, "%zu", it->a.order[k]);
	}
}

static struct question_response test_response(const struct drill_item *it, bool right)
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
		ck_abort_msg("a drill asked a card");
	}
	return r;
}

START_TEST(generator_is_splitmix64)
{
	struct rng st;

	/* The published splitmix64 sequence from seed 0: any machine, any
	 * compiler, the same numbers. */
	rng_seed(&st, 0);
	ck_assert_uint_eq(rng_next(&st), 0xE220A8397B1DCDAFULL);
	ck_assert_uint_eq(rng_next(&st), 0x6E789E6AA1B965F4ULL);
	ck_assert_uint_eq(rng_next(&st), 0x06C45D188009454FULL);
	rng_seed(&st, 1234567);
	ck_assert_uint_eq(rng_next(&st), 0x599ED017FB08FC85ULL);
	for (size_t n = 1; n < 50; n++) {
		rng_seed(&st, n);
		ck_assert_uint_lt(rng_below(&st, n), n);
	}
	/* FNV-1a, the drill's hash of a bank id (part of its contract). */
	ck_assert_uint_eq(rng_fnv1a(RNG_FNV_BASIS, "a", 1), 0xaf63dc4c8601ec8cULL);
}
END_TEST

START_TEST(same_seed_same_drill_everywhere)
{
	char sa[1024], sb[1024], sc[1024];
	struct whose_error err;
	int64_t id;

	/* The two databases number the questions differently... */
	{
		int64_t ia, ib;

		ck_assert_int_eq(store_question_find(test_a, "a-1", &ia, &err), 0);
		ck_assert_int_eq(store_question_find(test_b, "a-1", &ib, &err), 0);
		ck_assert_int_ne(ia, ib);
	}
	/* ...and B has a flagged question and a history: none of it matters. */
	ck_assert_int_eq(store_question_find(test_b, "b-1", &id, &err), 0);
	ck_assert_int_eq(store_question_flag(test_b, id, true, "odd", &err), 0);
	{
		struct session_opts o;
		struct session *s;
		const struct session_item *it;

		memset(&o, 0, sizeof(o));
		o.mode = SESSION_REVIEW;
		o.config = &test_cfg;
		o.clock = &test_clock;
		o.seed = 99;
		ck_assert_int_eq(session_new(test_b, &o, &s, &err), 0);
		for (int k = 0; k < 4 && session_next(s, &it, &err) == 0; k++) {
			if (it->a.q.type == QUESTION_CARD)
				ck_assert_int_eq(session_reveal(s, &err), 0);
			else
				ck_assert_int_eq(attempt_set(session_attempt(s), &(struct question_response){ .mask = 1, .given = ((1u << it->a.q.nslots) - 1) | 1u }, &err) |
						 session_grade(s, &err), 0);
			ck_assert_int_eq(session_rate(s, 0, &err), 0);
		}
		session_free(s);
	}
	for (uint64_t seed = 0; seed < 40; seed++) {
		struct drill *a = test_drill(test_a, seed, 8, NULL, 0, 30);
		struct drill *a2 = test_drill(test_a, seed, 8, NULL, 0, 30);
		struct drill *b = test_drill(test_b, seed, 8, NULL, 0, 30);

		test_signature(a, sa, sizeof(sa));
		test_signature(a2, sc, sizeof(sc));
		test_signature(b, sb, sizeof(sb));
		ck_assert_str_eq(sa, sc);   /* the same run after run */
		ck_assert_str_eq(sa, sb);   /* and in the other database */
		ck_assert_uint_eq(drill_count(a), 8);
		for (size_t i = 0; i < drill_count(a); i++)
			ck_assert_str_ne(drill_item(a, i)->a.item.type, "card");
		drill_free(a);
		drill_free(a2);
		drill_free(b);
	}
	{
		/* Topic names are matched without regard to case. */
		static const char *const topics[2] = { "beta", "GAMMA" };
		struct drill *a = test_drill(test_a, 5, 20, topics, 2, 30);
		struct drill *b = test_drill(test_b, 5, 20, topics, 2, 30);

		test_signature(a, sa, sizeof(sa));
		test_signature(b, sb, sizeof(sb));
		ck_assert_str_eq(sa, sb);
		ck_assert_uint_eq(drill_count(a), 8);   /* Beta 5 + Gamma 3 */
		ck_assert_uint_eq(drill_requested(a), 20);
		for (size_t i = 0; i < drill_count(a); i++)
			ck_assert(drill_item(a, i)->a.item.qid[0] == 'b' || drill_item(a, i)->a.item.qid[0] == 'g');
		drill_free(a);
		drill_free(b);
	}
	{
		/* Another seed, another drill. */
		struct drill *a = test_drill(test_a, 1, 8, NULL, 0, 30);
		struct drill *b = test_drill(test_a, 2, 8, NULL, 0, 30);

		test_signature(a, sa, sizeof(sa));
		test_signature(b, sb, sizeof(sb));
		ck_assert_str_ne(sa, sb);
		drill_free(a);
		drill_free(b);
	}
}
END_TEST

START_TEST(golden_selection)
{
	/* Worked out by hand from the algorithm in drill.c (and by an
	 * independent Python version of it): a change here breaks every
	 * classroom that mixes versions. */
	char sig[1024];
	struct drill *d = test_drill(test_a, 42, 5, NULL, 0, 30);

	test_signature(d, sig, sizeof(sig));
	ck_assert_str_eq(sig, TEST_DRILL_GOLDEN_42);
	drill_free(d);
}
END_TEST

START_TEST(unknown_topic_refused)
{
	static const char *const topics[1] = { "Nosuch" };
	struct drill_opts o;
	struct drill *d;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.seed = 1;
	o.topics = topics;
	o.ntopics = 1;
	o.config = &test_cfg;
	o.clock = &test_clock;
	ck_assert_int_eq(drill_new(test_a, &o, &d, &err), WHOSE_ENOTFOUND);
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(strstr(err.msg, "'Nosuch'"));
	o.ntopics = 0;
	o.seconds = DRILL_MAX_SECONDS + 1;
	ck_assert_int_eq(drill_new(test_a, &o, &d, &err), WHOSE_EINVAL);
}
END_TEST

START_TEST(deadline_per_question)
{
	struct drill *d = test_drill(test_a, 3, 5, NULL, 0, 30);
	const struct drill_item *it;
	struct question_response r;
	struct whose_error err;
	struct store_card before, after;
	size_t idx, right, total;

	ck_assert_int_eq(drill_time_left(d), 0);   /* nothing on screen */
	ck_assert_int_eq(drill_answer(d, &r, &err), WHOSE_EINVAL);
	/* 1: right in time. */
	ck_assert_int_eq(drill_next(d, &it, &idx, &err), 0);
	ck_assert_uint_eq(idx, 0);
	ck_assert_int_eq(store_card_get(test_a, it->a.item.question_id, &before, &err), 0);
	ck_assert_int_eq(drill_time_left(d), 30 * SEC);
	test_now += 29 * SEC;
	ck_assert_int_eq(drill_time_left(d), SEC);
	r = test_response(it, true);
	ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	ck_assert_int_eq(it->outcome, DRILL_RIGHT);
	ck_assert_int_eq(drill_answer(d, &r, &err), WHOSE_EINVAL);   /* once */
	ck_assert_int_eq(store_card_get(test_a, it->a.item.question_id, &after, &err), 0);
	ck_assert_int_eq(after.fsrs.state, before.fsrs.state);      /* not scheduled */
	ck_assert_int_eq(after.fsrs.due, before.fsrs.due);
	/* 2: a right answer after the deadline counts as wrong. */
	ck_assert_int_eq(drill_next(d, &it, &idx, &err), 0);
	test_now += 31 * SEC;
	ck_assert_int_eq(drill_time_left(d), 0);
	r = test_response(it, true);
	ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	ck_assert_int_eq(it->outcome, DRILL_LATE);
	ck_assert(attempt_answered(&it->a));
	/* 3: exactly at the deadline the time is up. */
	ck_assert_int_eq(drill_next(d, &it, &idx, &err), 0);
	test_now += 30 * SEC;
	r = test_response(it, true);
	ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	ck_assert_int_eq(it->outcome, DRILL_LATE);
	/* 4: no answer at all. */
	ck_assert_int_eq(drill_next(d, &it, &idx, &err), 0);
	test_now += 30 * SEC;
	ck_assert_int_eq(drill_timeout(d, &err), 0);
	ck_assert_int_eq(it->outcome, DRILL_TIMED_OUT);
	ck_assert(!attempt_answered(&it->a));
	/* 5: wrong in time; then the drill is over. */
	ck_assert_int_eq(drill_next(d, &it, &idx, &err), 0);
	ck_assert_uint_eq(idx, 4);
	r = test_response(it, false);
	ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	ck_assert_int_eq(it->outcome, DRILL_WRONG);
	ck_assert_int_eq(drill_next(d, &it, &idx, &err), WHOSE_ENOTFOUND);
	drill_score(d, &right, &total);
	ck_assert_uint_eq(right, 1);
	ck_assert_uint_eq(total, 5);
	/* Every one logged as mode drill, counted toward topic scores. */
	{
		struct store_topic *t;
		size_t n, answers = 0, correct = 0;

		ck_assert_int_eq(store_topics(test_a, &test_cfg.fsrs, test_now, test_now, &t, &n, &err), 0);
		for (size_t i = 0; i < n; i++) {
			answers += t[i].answers;
			correct += t[i].correct;
		}
		free(t);
		ck_assert_uint_eq(answers, 5);
		ck_assert_uint_eq(correct, 1);
	}
	drill_free(d);
}
END_TEST

/* What is ticked or placed when the countdown ends is graded as it
 * stands: a right selection not yet confirmed counts as right. */
START_TEST(ticks_count_when_time_runs_out)
{
	struct drill *d = test_drill(test_a, 42, 8, NULL, 0, 30);
	const struct drill_item *it;
	struct whose_error err;
	size_t idx, seen_multi = 0, seen_other = 0;

	while (drill_next(d, &it, &idx, &err) == 0) {
		bool keep = it->a.q.type == QUESTION_MULTI || it->a.q.type == QUESTION_SORT;
		struct question_response r = test_response(it, true);

		if (keep)
			ck_assert_int_eq(attempt_set(drill_attempt(d), &r, &err), 0);
		test_now += 30 * SEC;
		ck_assert_int_eq(drill_timeout(d, &err), 0);
		ck_assert_int_eq(it->outcome, keep ? DRILL_RIGHT : DRILL_TIMED_OUT);
		seen_multi += keep;
		seen_other += !keep;
	}
	ck_assert_uint_gt(seen_multi, 0);
	ck_assert_uint_gt(seen_other, 0);
	drill_free(d);
}
END_TEST

START_TEST(pending_counts_as_timed_out)
{
	struct drill *d = test_drill(test_a, 4, 3, NULL, 0, 10);
	const struct drill_item *first, *it;
	struct whose_error err;
	size_t right, total;

	ck_assert_int_eq(drill_next(d, &first, NULL, &err), 0);
	test_now += 11 * SEC;
	ck_assert_int_eq(drill_next(d, &it, NULL, &err), 0);
	ck_assert_int_eq(first->outcome, DRILL_TIMED_OUT);
	drill_abandon(d);
	ck_assert_int_eq(it->outcome, DRILL_SKIPPED);
	ck_assert_int_eq(drill_item(d, 2)->outcome, DRILL_SKIPPED);
	ck_assert_int_eq(drill_next(d, &it, NULL, &err), WHOSE_ENOTFOUND);
	drill_score(d, &right, &total);
	ck_assert_uint_eq(right, 0);
	ck_assert_uint_eq(total, 3);
	drill_free(d);
}
END_TEST

START_TEST(results_row_quoted)
{
	struct drill *d = test_drill(test_a, 8, 3, NULL, 0, 30);
	const struct drill_item *it;
	struct question_response r;
	struct whose_error err;
	char expect[512], *row;

	for (int k = 0; k < 3; k++) {
		ck_assert_int_eq(drill_next(d, &it, NULL, &err), 0);
		r = test_response(it, k != 1);
		ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	}
	ck_assert_int_eq(drill_results_row(d, "Doe, \"Jo\"", T0 + 1500, &row, &err), 0);
	snprintf(expect, sizeof(expect),
		 "\"Doe, \"\"Jo\"\"\",2026-03-01T10:00:01.500Z,8,2,3,%s=1 %s=0 %s=1,1,%016llx\n",
		 drill_item(d, 0)->a.item.qid, drill_item(d, 1)->a.item.qid, drill_item(d, 2)->a.item.qid,
		 (unsigned long long)drill_fingerprint(d));
	ck_assert_str_eq(row, expect);
	free(row);
	ck_assert_int_eq(drill_results_row(d, "plain", T0, &row, &err), 0);
	ck_assert(strncmp(row, "plain,2026-03-01T10:00:00.000Z,8,2,3,", 37) == 0);
	free(row);
	drill_free(d);
}
END_TEST

START_TEST(results_row_left_early)
{
	struct drill *d = test_drill(test_a, 8, 4, NULL, 0, 30);
	const struct drill_item *it;
	struct question_response r;
	struct whose_error err;
	char expect[512], *row;

	/* One answered right, the second on screen when the student quits. */
	ck_assert_int_eq(drill_next(d, &it, NULL, &err), 0);
	r = test_response(it, true);
	ck_assert_int_eq(drill_answer(d, &r, &err), 0);
	ck_assert_int_eq(drill_next(d, &it, NULL, &err), 0);
	ck_assert(drill_complete(d));
	drill_abandon(d);
	ck_assert(!drill_complete(d));
	ck_assert_int_eq(drill_results_row(d, "ann", T0, &row, &err), 0);
	snprintf(expect, sizeof(expect), "ann,2026-03-01T10:00:00.000Z,8,1,4,%s=1 %s=- %s=- %s=-,0,%016llx\n",
		 drill_item(d, 0)->a.item.qid, drill_item(d, 1)->a.item.qid, drill_item(d, 2)->a.item.qid,
		 drill_item(d, 3)->a.item.qid, (unsigned long long)drill_fingerprint(d));
	ck_assert_str_eq(row, expect);
	free(row);
	drill_free(d);
}
END_TEST

START_TEST(results_format_plain_data)
{
	const struct results_answer ans[3] = { { "x-1", 1 }, { "x-2", 0 }, { "x-3", -1 } };
	struct results_drill res = { .name = " lead space", .finished_at = T0, .seed = 18446744073709551615ULL,
				    .answers = ans, .nanswers = 3, .fingerprint = 0xabcULL,
				    .complete = false };
	struct whose_error err;
	char *row;

	ck_assert_int_eq(results_format(&res, &row, &err), 0);
	ck_assert_str_eq(row, "\" lead space\",2026-03-01T10:00:00.000Z,18446744073709551615,1,3,"
			      "x-1=1 x-2=0 x-3=-,0,0000000000000abc\n");
	free(row);
	/* A complete drill has no unanswered question; a row has a name and
	 * an answer. */
	res.complete = true;
	ck_assert_int_eq(results_format(&res, &row, &err), WHOSE_EINVAL);
	ck_assert_ptr_null(row);
	res.nanswers = 2;
	res.name = "";
	ck_assert_int_eq(results_format(&res, &row, &err), WHOSE_EINVAL);
	res.name = "bo";
	res.nanswers = 0;
	ck_assert_int_eq(results_format(&res, &row, &err), WHOSE_EINVAL);
}
END_TEST

START_TEST(fingerprint_names_the_questions)
{
	static const char *const abc[3] = { "a.csv", "b.csv", "c.csv" };
	static const char *const ab2[2] = { "a2.csv", "b.csv" };
	struct drill *da = test_drill(test_a, 42, 5, NULL, 0, 30);
	struct drill *db = test_drill(test_b, 42, 5, NULL, 0, 30);
	struct drill *other = test_drill(test_a, 43, 5, NULL, 0, 30);
	struct store *more, *edited;
	struct drill *dm, *de;
	char *a2 = strdup(test_bank_a), *p;

	/* The same seed and bank in two databases: one fingerprint. */
	ck_assert_uint_eq(drill_fingerprint(da), drill_fingerprint(db));
	ck_assert_uint_ne(drill_fingerprint(da), drill_fingerprint(other));
	/* A profile with questions of its own: the seed draws another drill,
	 * and the fingerprint says so. */
	test_write(test_dir, "c.csv", HDR
		   "c-1,Gamma,who,Who C1?,,AWS,Because.,src,,,\n"
		   "c-2,Gamma,who,Who C2?,,AWS,Because.,src,,,\n"
		   "c-3,Gamma,who,Who C3?,,AWS,Because.,src,,,\n", -1);
	more = test_open_with(abc, 3, false);
	dm = test_drill(more, 42, 5, NULL, 0, 30);
	ck_assert_uint_ne(drill_fingerprint(da), drill_fingerprint(dm));
	/* The same ids, one question's text changed (a-2 is the first of
	 * seed 42): another fingerprint. */
	p = strstr(a2, "Pick A2?");
	ck_assert_ptr_nonnull(p);
	p[5] = 'Z';
	test_write(test_dir, "a2.csv", a2, -1);
	edited = test_open_with(ab2, 2, false);
	de = test_drill(edited, 42, 5, NULL, 0, 30);
	ck_assert_str_eq(drill_item(de, 0)->a.item.qid, "a-2");
	ck_assert_uint_ne(drill_fingerprint(da), drill_fingerprint(de));
	free(a2);
	drill_free(da);
	drill_free(db);
	drill_free(other);
	drill_free(dm);
	drill_free(de);
	store_close(more);
	store_close(edited);
}
END_TEST

/* The lines of file PATH into a malloc'd buffer, and their count. */
static char *test_slurp(const char *path, size_t *lines)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc((size_t)n + 1, 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*lines = 0;
	for (long i = 0; i < n; i++)
		*lines += buf[i] == '\n';
	return buf;
}

START_TEST(concurrent_appends)
{
	char path[4096], row[20000];
	struct whose_error err;

	/* Rounds of twenty students at once, with long rows, into a file none
	 * of them finds there: each round one header and twenty whole rows.
	 * The children wait at a barrier (a pipe the parent then closes), so
	 * that their appends really meet. */
	for (int round = 0; round < 6; round++) {
		size_t lines, seen[20] = { 0 };
		char *text, *line, *save = NULL;
		pid_t kids[20];
		int barrier[2];

		snprintf(path, sizeof(path), "%s/results-%d.csv", test_dir, round);
		ck_assert_int_eq(pipe(barrier), 0);
		for (int k = 0; k < 20; k++) {
			kids[k] = fork();
			ck_assert_int_ge(kids[k], 0);
			if (kids[k] == 0) {
				int n = snprintf(row, sizeof(row), "s%02d,2026-03-01T10:00:00.000Z,1,0,1500,", k);
				char c;

				close(barrier[1]);
				for (int i = 0; i < 1500; i++)
					n += snprintf(row + n, sizeof(row) - (size_t)n, "%sq%04d=0", i ? " " : "", i);
				snprintf(row + n, sizeof(row) - (size_t)n, ",1,0000000000000001\n");
				while (read(barrier[0], &c, 1) > 0)
					;
				_exit(results_append(path, row, &err) == 0 ? 0 : 1);
			}
		}
		close(barrier[0]);
		close(barrier[1]);
		for (int k = 0; k < 20; k++) {
			int status;

			ck_assert_int_eq(waitpid(kids[k], &status, 0), kids[k]);
			ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		}
		text = test_slurp(path, &lines);
		ck_assert_uint_eq(lines, 21);
		ck_assert(strncmp(text, RESULTS_HEADER, strlen(RESULTS_HEADER)) == 0);
		line = strtok_r(text + strlen(RESULTS_HEADER), "\n", &save);
		for (; line != NULL; line = strtok_r(NULL, "\n", &save)) {
			int k = atoi(line + 1);

			ck_assert(line[0] == 's' && k >= 0 && k < 20);
			/* "s00,<24-byte time>,1,0,1500," then 1500 "q0000=0" apart,
			 * then ",1,0000000000000001". */
			ck_assert_uint_eq(strlen(line), 38 + 1500 * 8 - 1 + 19);
			ck_assert_str_eq(line + strlen(line) - 26, "q1499=0,1,0000000000000001");
			seen[k]++;
		}
		for (int k = 0; k < 20; k++)
			ck_assert_uint_eq(seen[k], 1);
		free(text);
	}
	/* An unwritable place is an error, not a crash. */
	ck_assert_int_lt(results_append("/nonexistent/dir/r.csv", "x\n", &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/dir/r.csv"));
}
END_TEST

/* Wall-clock milliseconds: only to see that nothing waited. */
static int64_t test_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define TEST_ROW "ann,2026-03-01T10:00:00.000Z,1,1,1,q=1,1,0000000000000001\n"

/* The whole of the file PATH (NUL-terminated, free it). */
static char *test_read_all(const char *path)
{
	size_t lines;

	return test_slurp(path, &lines);
}

START_TEST(append_repairs_and_refuses)
{
	struct whose_error err;
	struct stat st;
	char *text;
	mode_t old = umask(077);
	int64_t t0;

	/* A new file: the header, the row, and the class's mode whatever the
	 * umask. */
	ck_assert_int_eq(results_check("new.csv", &err), 0);
	ck_assert_int_eq(results_append("new.csv", TEST_ROW, &err), 0);
	ck_assert_int_eq(stat("new.csv", &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, RESULTS_MODE_OWN);
	/* In a folder of a group: the group's too, whatever the umask; in
	 * a folder every account may write: the owner's alone. */
	ck_assert_int_eq(mkdir("class", 0770), 0);
	ck_assert_int_eq(chmod("class", 02770), 0);
	ck_assert_int_eq(results_append("class/r.csv", TEST_ROW, &err), 0);
	ck_assert_int_eq(stat("class/r.csv", &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0660);
	ck_assert_int_eq(mkdir("tmp", 0777), 0);
	ck_assert_int_eq(chmod("tmp", 01777), 0);
	ck_assert_int_eq(results_append("tmp/r.csv", TEST_ROW, &err), 0);
	ck_assert_int_eq(stat("tmp/r.csv", &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	text = test_read_all("new.csv");
	ck_assert_str_eq(text, RESULTS_HEADER TEST_ROW);
	free(text);
	umask(old);

	/* A header typed without its newline gets one. */
	test_write(test_dir, "printf.csv", "name,finished_at,seed,score,total,answers,complete,fingerprint", -1);
	ck_assert_int_eq(results_check("printf.csv", &err), 0);
	ck_assert_int_eq(results_append("printf.csv", TEST_ROW, &err), 0);
	text = test_read_all("printf.csv");
	ck_assert_str_eq(text, RESULTS_HEADER TEST_ROW);
	free(text);

	/* A spreadsheet's byte-order mark and CR LF: the same header. */
	test_write(test_dir, "excel.csv", "\xEF\xBB\xBFname,finished_at,seed,score,total,answers,complete,fingerprint\r\n", -1);
	ck_assert_int_eq(results_append("excel.csv", TEST_ROW, &err), 0);
	text = test_read_all("excel.csv");
	ck_assert_str_eq(text, "\xEF\xBB\xBFname,finished_at,seed,score,total,answers,complete,fingerprint\r\n" TEST_ROW);
	free(text);
	/* The header and more on its line is another header. */
	test_write(test_dir, "more.csv", "name,finished_at,seed,score,total,answers,complete,fingerprint,x\n", -1);
	ck_assert_int_eq(results_append("more.csv", TEST_ROW, &err), WHOSE_EDATA);

	/* A row cut short (a full disk) is not glued to the next: nothing
	 * is written after it, and its line is named. */
	test_write(test_dir, "cut.csv", RESULTS_HEADER "bob,2026-03-01T1", -1);
	ck_assert_int_eq(results_append("cut.csv", TEST_ROW, &err), WHOSE_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "cut.csv:2: the last row has 2 fields, not 8"));
	text = test_read_all("cut.csv");
	ck_assert_str_eq(text, RESULTS_HEADER "bob,2026-03-01T1");
	free(text);
	/* A quote left open (issue 33) would swallow every later row. */
	test_write(test_dir, "open.csv", RESULTS_HEADER TEST_ROW TEST_ROW
		   "bob,\"2026-03-01T10:00:00Z\n", -1);
	ck_assert_int_eq(results_append("open.csv", TEST_ROW, &err), WHOSE_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "open.csv:4: the last row is not whole"));
	/* A whole last row without its newline gets one. */
	test_write(test_dir, "nonl.csv", RESULTS_HEADER "bob,2026-03-01T10:00:00.000Z,1,0,1,\"q=0\",1,0000000000000002", -1);
	ck_assert_int_eq(results_append("nonl.csv", TEST_ROW, &err), 0);
	text = test_read_all("nonl.csv");
	ck_assert_str_eq(text, RESULTS_HEADER "bob,2026-03-01T10:00:00.000Z,1,0,1,\"q=0\",1,0000000000000002\n" TEST_ROW);
	free(text);

	/* Another file's header, an older whose's, half a header: refused,
	 * before the drill and at the end, the file untouched. */
	test_write(test_dir, "other.csv", "id,topic\n", -1);
	test_write(test_dir, "v1.csv", RESULTS_HEADER_V1, -1);
	test_write(test_dir, "half.csv", "name,fini", -1);
	ck_assert_int_eq(results_check("other.csv", &err), WHOSE_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "other.csv:1: not the header of a results file"));
	ck_assert_int_eq(results_append("other.csv", TEST_ROW, &err), WHOSE_EDATA);
	ck_assert_int_eq(results_append("v1.csv", TEST_ROW, &err), WHOSE_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "older whose"));
	ck_assert_int_eq(results_append("half.csv", TEST_ROW, &err), WHOSE_EDATA);
	text = test_read_all("other.csv");
	ck_assert_str_eq(text, "id,topic\n");
	free(text);
	text = test_read_all("half.csv");
	ck_assert_str_eq(text, "name,fini");
	free(text);

	/* A planted link is not followed: its target stays as it was. */
	test_write(test_dir, "victim.csv", RESULTS_HEADER, -1);
	ck_assert_int_eq(symlink("victim.csv", "link.csv"), 0);
	ck_assert_int_lt(results_check("link.csv", &err), 0);
	ck_assert_int_lt(results_append("link.csv", TEST_ROW, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "symbolic link"));
	text = test_read_all("victim.csv");
	ck_assert_str_eq(text, RESULTS_HEADER);
	free(text);

	/* A FIFO or a folder is refused at once, never waited on. */
	ck_assert_int_eq(mkfifo("fifo.csv", 0666), 0);
	ck_assert_int_eq(mkdir("dir.csv", 0777), 0);
	t0 = test_wall_ms();
	ck_assert_int_lt(results_check("fifo.csv", &err), 0);
	ck_assert_int_lt(results_append("fifo.csv", TEST_ROW, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "FIFO"));
	ck_assert_int_lt(results_check("dir.csv", &err), 0);
	ck_assert_int_lt(results_append("dir.csv", TEST_ROW, &err), 0);
	ck_assert_int_lt(test_wall_ms() - t0, 5000);

	/* A row is one whole line. */
	ck_assert_int_eq(results_append("new.csv", "two\nlines\n", &err), WHOSE_EINVAL);
	ck_assert_int_eq(results_append("new.csv", "no newline", &err), WHOSE_EINVAL);
}
END_TEST

/* The lines of TEXT[0..N) that end with a newline, and the line of the
 * one cut short after them (1-based). */
static long test_lines_before(const char *text, size_t n)
{
	long line = 1;

	for (size_t i = 0; i < n; i++)
		line += text[i] == '\n';
	return line;
}

/* The append guard over every truncation point of a results file (a
 * quoted name with a comma and a doubled quote, a CR LF row, an empty
 * answers field): either the row is added and reads back whole in
 * 'whose report', glued to nothing, or nothing is written and the line at
 * fault is named. */
START_TEST(append_guard_every_truncation)
{
	static const char full[] = RESULTS_HEADER
		"\"o\"\"neil, jr\",2026-03-01T10:00:00.000Z,7,1,2,\"q1=1 q2=0\",1,00000000000000aa\n"
		"bob,2026-03-01T11:00:00.000Z,7,0,2,q1=0 q2=-,0,00000000000000aa\r\n"
		"cy,2026-03-01T12:00:00.000Z,7,2,2,\"q1=1 q2=1\",1,00000000000000aa\n";
	const size_t len = sizeof(full) - 1, h = strlen(RESULTS_HEADER);
	size_t added = 0, refused = 0;

	for (size_t k = 0; k <= len; k++) {
		struct whose_error err;
		char *text, want[64];
		int rc;

		test_write(test_dir, "trunc.csv", full, (long)k);
		rc = results_append("trunc.csv", TEST_ROW, &err);
		text = test_read_all("trunc.csv");
		if (rc == 0) {
			struct report *r;
			struct bank_report rep;
			const struct report_student *st;
			size_t n, ann = 0;

			added++;
			/* Added whole at the end, after a line break. */
			ck_assert_uint_ge(strlen(text), strlen(TEST_ROW));
			ck_assert_str_eq(text + strlen(text) - strlen(TEST_ROW), TEST_ROW);
			ck_assert(strlen(text) == strlen(TEST_ROW) + (k == 0 ? h : 0) ||
				  text[strlen(text) - strlen(TEST_ROW) - 1] == '\n');
			ck_assert_int_eq(report_new(&r, &err), 0);
			memset(&rep, 0, sizeof(rep));
			ck_assert_int_eq(report_read_file(r, "trunc.csv", &rep, &err), 0);
			st = report_students(r, &n);
			for (size_t i = 0; i < n; i++)
				if (strcmp(st[i].name, "ann") == 0)
					ann += st[i].drills;
			ck_assert_msg(ann == 1, "cut at %zu: ann's row read %zu times", k, ann);
			bank_report_free(&rep);
			report_free(r);
		} else {
			refused++;
			ck_assert_int_eq(rc, WHOSE_EDATA);
			/* Untouched, and the line named (past the header). */
			ck_assert_uint_eq(strlen(text), k);
			ck_assert(memcmp(text, full, k) == 0);
			if (k >= h) {
				snprintf(want, sizeof(want), "trunc.csv:%ld: the last row",
					 test_lines_before(full, k) - (full[k - 1] == '\r'));
				ck_assert_msg(strstr(err.msg, want) != NULL, "cut at %zu: %s", k, err.msg);
			}
		}
		free(text);
	}
	/* Both ways were taken: at each row boundary and within a last
	 * field (a newline is added), refused within every other field. */
	ck_assert_uint_ge(added, 5);
	ck_assert_uint_ge(refused, len / 2);
}
END_TEST

/* A short write (a file size limit here) leaves nothing of the row: the
 * file is cut back to the length it had. */
START_TEST(short_write_cut_back)
{
	pid_t kid;
	int status;
	char *text;

	/* The header and one row of 1000 bytes: the next row crosses 1024. */
	test_write(test_dir, "short.csv", RESULTS_HEADER, -1);
	{
		char row[1100];
		size_t base = strlen(RESULTS_HEADER);
		int n = snprintf(row, sizeof(row), "ann,2026-03-01T10:00:00.000Z,1,1,1,\"");

		while ((size_t)n < 1000 - base - 22)
			row[n++] = 'q';
		snprintf(row + n, sizeof(row) - (size_t)n, "\",1,0000000000000001\n");
		ck_assert_int_eq(results_append("short.csv", row, NULL), 0);
	}
	text = test_read_all("short.csv");
	ck_assert_uint_lt(strlen(text), 1024);
	ck_assert_uint_gt(strlen(text) + strlen(TEST_ROW), 1024);
	kid = fork();
	ck_assert_int_ge(kid, 0);
	if (kid == 0) {
		struct rlimit lim = { 1024, 1024 };
		struct whose_error err;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
			_exit(3);
		_exit(results_append("short.csv", TEST_ROW, &err) == WHOSE_EIO ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(kid, &status, 0), kid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	{
		char *after = test_read_all("short.csv");

		ck_assert_str_eq(after, text);
		free(after);
	}
	free(text);
}
END_TEST

/* A kept row is added once, however many --resend run at the same time:
 * the file is looked at under its lock. */
START_TEST(resend_adds_once)
{
	struct whose_error err;
	char *text, path[4096], cwd[2048];
	size_t sent, left, lines;
	pid_t kids[6];

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	snprintf(path, sizeof(path), "%s/once.csv", cwd);
	test_write(test_dir, "once.csv", RESULTS_HEADER, -1);
	for (int round = 0; round < 2; round++) {
		char db[4096];
		struct store *s;

		snprintf(db, sizeof(db), "%s/once%d.db", cwd, round);
		ck_assert_int_eq(store_open(db, STORE_CREATE, &s, &err), 0);
		ck_assert_int_eq(store_unsent_add(s, path, round ? "bo,2026-03-01T10:00:00.000Z,1,1,1,q=1,1,0000000000000001\n"
								 : TEST_ROW, 1, &err), 0);
		store_close(s);
		for (int k = 0; k < 6; k++) {
			kids[k] = fork();
			ck_assert_int_ge(kids[k], 0);
			if (kids[k] == 0) {
				ck_assert_int_eq(store_open(db, 0, &s, &err), 0);
				_exit(results_resend(s, &sent, &left, &err) == 0 ? 0 : 1);
			}
		}
		for (int k = 0; k < 6; k++) {
			int status;

			ck_assert_int_eq(waitpid(kids[k], &status, 0), kids[k]);
			ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		}
	}
	text = test_slurp("once.csv", &lines);
	ck_assert_str_eq(text, RESULTS_HEADER TEST_ROW
			 "bo,2026-03-01T10:00:00.000Z,1,1,1,q=1,1,0000000000000001\n");
	free(text);
}
END_TEST

/* A row that cannot be written is kept in the student's database with
 * the file's full path, and added once the file can be written, from
 * any folder; then forgotten. */
START_TEST(kept_when_not_written)
{
	struct whose_error err;
	struct store *s;
	size_t sent, left;
	char *text, cwd[4096];

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, &err), 0);
	ck_assert_int_lt(results_deliver(s, "later/r.csv", TEST_ROW, 1, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not exist"));
	ck_assert_ptr_nonnull(strstr(err.msg, "kept in your profile: 'whose drill --resend'"));
	ck_assert_int_lt(results_resend(s, &sent, &left, &err), 0);
	ck_assert_uint_eq(sent, 0);
	ck_assert_uint_eq(left, 1);
	ck_assert_int_eq(mkdir("later", 0777), 0);
	ck_assert_int_eq(chdir("/"), 0);
	ck_assert_int_eq(results_resend(s, &sent, &left, &err), 0);
	ck_assert_uint_eq(sent, 1);
	ck_assert_uint_eq(left, 0);
	ck_assert_int_eq(chdir(cwd), 0);
	text = test_read_all("later/r.csv");
	ck_assert_str_eq(text, RESULTS_HEADER TEST_ROW);
	free(text);
	/* Forgotten once written: nothing twice. */
	ck_assert_int_eq(results_resend(s, &sent, &left, &err), 0);
	ck_assert_uint_eq(sent + left, 0);
	/* A row that is not one line is refused, not kept. */
	ck_assert_int_eq(results_deliver(s, "later/r.csv", "no newline", 1, &err), WHOSE_EINVAL);
	ck_assert_int_eq(results_resend(s, &sent, &left, &err), 0);
	ck_assert_uint_eq(sent + left, 0);
	store_close(s);

	/* Neither written nor kept (the profile cannot take it): the message
	 * holds the row itself, for the student to hand in. */
	ck_assert_int_eq(store_open("p.db", STORE_CREATE, &s, &err), 0);
	{
		sqlite3 *db;

		ck_assert_int_eq(sqlite3_open("p.db", &db), SQLITE_OK);
		ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE unsent_results", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	ck_assert_int_lt(results_deliver(s, "gone/r.csv", TEST_ROW, 1, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "give your teacher this row: ann,2026-03-01T10:00:00.000Z,1,1,1,q=1,1,0000000000000001 (the results file:"));
	store_close(s);
}
END_TEST

Suite *test_drill_suite(void);
Suite *test_drill_suite(void)
{
	Suite *s = suite_create("drill");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, generator_is_splitmix64);
	tcase_add_test(tc, same_seed_same_drill_everywhere);
	tcase_add_test(tc, golden_selection);
	tcase_add_test(tc, unknown_topic_refused);
	tcase_add_test(tc, deadline_per_question);
	tcase_add_test(tc, ticks_count_when_time_runs_out);
	tcase_add_test(tc, pending_counts_as_timed_out);
	tcase_add_test(tc, kept_when_not_written);
	tcase_add_test(tc, results_row_quoted);
	tcase_add_test(tc, results_row_left_early);
	tcase_add_test(tc, results_format_plain_data);
	tcase_add_test(tc, fingerprint_names_the_questions);
	tcase_add_test(tc, append_repairs_and_refuses);
	tcase_add_test(tc, concurrent_appends);
	tcase_add_test(tc, append_guard_every_truncation);
	tcase_add_test(tc, short_write_cut_back);
	tcase_add_test(tc, resend_adds_once);
	suite_add_tcase(s, tc);
	return s;
}
