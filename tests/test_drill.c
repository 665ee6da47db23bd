/*
 * test_drill.c - classroom drills: the same seed gives the same questions
 * and choice orders in every run and in databases whose internal ids,
 * flags and histories differ; the portable generator's numbers; the
 * per-question deadline with the clock moved on; a drill's results row
 * (complete or left early) and its fingerprint.  The results file itself
 * (rows from plain data, appends, --resend) is tested in test_results.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/drill.h"
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

/* A drill of given ids, with opts O filled in around them. */
static int test_drill_ids(struct store *s, uint64_t seed, const char *const *ids,
			  size_t nids, struct drill **d, struct whose_error *err)
{
	struct drill_opts o;

	memset(&o, 0, sizeof(o));
	o.seed = seed;
	o.ids = ids;
	o.nids = nids;
	o.config = &test_cfg;
	o.clock = &test_clock;
	return drill_new(s, &o, d, err);
}

START_TEST(ids_asked_in_order)
{
	/* Not bank-id order, a flagged-free mix of types and both files. */
	static const char *const ids[4] = { "g-1", "a-2", "b-3", "a-1" };
	struct drill *da, *db, *other;
	struct whose_error err;
	char sa[256], sb[256];

	ck_assert_msg(test_drill_ids(test_a, 7, ids, 4, &da, &err) == 0, "%s", err.msg);
	ck_assert_msg(test_drill_ids(test_b, 7, ids, 4, &db, &err) == 0, "%s", err.msg);
	ck_assert_msg(test_drill_ids(test_a, 8, ids, 4, &other, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(drill_count(da), 4);
	ck_assert_uint_eq(drill_requested(da), 4);
	for (size_t i = 0; i < 4; i++)
		ck_assert_str_eq(drill_item(da, i)->a.item.qid, ids[i]);
	/* The same seed and ids in two databases: the same attempts, choice
	 * orders included, and one fingerprint. */
	test_signature(da, sa, sizeof(sa));
	test_signature(db, sb, sizeof(sb));
	ck_assert_str_eq(sa, sb);
	ck_assert_uint_eq(drill_fingerprint(da), drill_fingerprint(db));
	/* Another seed: the same questions, another choice order (g-1 has six
	 * shuffled choices), so another fingerprint. */
	test_signature(other, sb, sizeof(sb));
	ck_assert_str_ne(sa, sb);
	ck_assert_uint_ne(drill_fingerprint(da), drill_fingerprint(other));
	drill_free(da);
	drill_free(db);
	drill_free(other);
}
END_TEST

START_TEST(ids_refused)
{
	static const char *const typo[2] = { "a-2", "a-22" };
	static const char *const far[1] = { "zzzzzzzz" };
	static const char *const card[1] = { "a-5" };
	static const char *const twice[3] = { "a-2", "b-1", "a-2" };
	static const char *const topics[1] = { "Alpha" };
	struct drill_opts o;
	struct drill *d;
	struct whose_error err;

	ck_assert_int_eq(test_drill_ids(test_a, 1, typo, 2, &d, &err), WHOSE_ENOTFOUND);
	ck_assert_ptr_null(d);
	ck_assert_msg(strstr(err.msg, "'a-22'") != NULL && strstr(err.msg, "did you mean 'a-2") != NULL,
		      "%s", err.msg);
	ck_assert_int_eq(test_drill_ids(test_a, 1, far, 1, &d, &err), WHOSE_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "'zzzzzzzz'"));
	ck_assert_ptr_null(strstr(err.msg, "did you mean"));
	/* A card cannot be graded by a drill: named, not drawn. */
	ck_assert_int_eq(test_drill_ids(test_a, 1, card, 1, &d, &err), WHOSE_ENOTFOUND);
	ck_assert_msg(strstr(err.msg, "'a-5' cannot be drilled") != NULL, "%s", err.msg);
	ck_assert_int_eq(test_drill_ids(test_a, 1, twice, 3, &d, &err), WHOSE_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "'a-2' is given twice"));
	/* With a count or topics: refused. */
	memset(&o, 0, sizeof(o));
	o.seed = 1;
	o.ids = typo;
	o.nids = 1;
	o.count = 3;
	o.config = &test_cfg;
	o.clock = &test_clock;
	ck_assert_int_eq(drill_new(test_a, &o, &d, &err), WHOSE_EINVAL);
	o.count = 0;
	o.topics = topics;
	o.ntopics = 1;
	ck_assert_int_eq(drill_new(test_a, &o, &d, &err), WHOSE_EINVAL);
	ck_assert_ptr_null(d);
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
	tcase_add_test(tc, results_row_quoted);
	tcase_add_test(tc, results_row_left_early);
	tcase_add_test(tc, fingerprint_names_the_questions);
	tcase_add_test(tc, ids_asked_in_order);
	tcase_add_test(tc, ids_refused);
	suite_add_tcase(s, tc);
	return s;
}
