/*
 * test_session.c - study sessions on a real store with a fixed clock:
 * grading, rating, the review log, exact undo, leeches, practice leaving
 * due dates alone, the queue order and the daily limit of new questions.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store_int.h"
#include "test_util.h"
#include "whose/figures.h"
#include "whose/session.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define T0 1772359200000LL /* 2026-03-01T10:00:00Z */
#define MIN 60000LL
#define DAY 86400000LL

static char *test_dir;
static struct store *test_store;
static struct config test_cfg;
static int64_t test_now;
static struct whose_clock test_clock;

static void test_setup(void)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "bank.csv" };

	setenv("TZ", "UTC", 1);
	test_dir = test_tmpdir();
	ck_assert_int_eq(chdir(test_dir), 0);
	test_write(test_dir, "bank.csv", HDR
		   "a-1,Alpha,who,Who A1?,,Customer,Because A1.,src,,,\n"
		   "a-2,Alpha,choice,Pick A2?,right|wrong|also wrong,A,Because A2.,src,,B: no|C: nope,no\n"
		   "b-1,Beta,who,Who B1?,,AWS,Because B1.,src,,,\n"
		   "b-2,Beta,card,Front B2?,,Back B2,Because B2.,src,,,\n"
		   "c-1,Gamma,multi,Pick C1?,x|y|z|w,A|C,Because C1.,src,,B: no|D: no,no\n", -1);
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &test_store, &err), 0);
	ck_assert_int_eq(store_import(test_store, paths, 1, false, T0, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
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

static struct session *test_session(enum session_mode mode)
{
	struct session_opts o;
	struct session *s;
	struct whose_error err;

	memset(&o, 0, sizeof(o));
	o.mode = mode;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 42;
	ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
	return s;
}

/* Answer IT rightly (or wrongly). */
static void test_answer(struct session *s, const struct session_item *it, bool right)
{
	struct question_response r;
	struct whose_error err;

	memset(&r, 0, sizeof(r));
	switch (it->a.q.type) {
	case QUESTION_WHO:
		r.owner = right ? it->a.q.owner : (it->a.q.owner + 1) % QUESTION_NOWNERS;
		r.given = 1u;
		break;
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		/* Wrong: one choice that is not right (a multi: the wrong set). */
		r.mask = right ? it->a.q.correct_mask : ~it->a.q.correct_mask & ((1u << it->a.q.nslots) - 1);
		if (!right && it->a.q.type == QUESTION_CHOICE)
			r.mask &= -r.mask;
		break;
	case QUESTION_CARD:
		ck_assert_int_eq(session_reveal(s, &err), 0);
		return;
	default:
		ck_abort_msg("unexpected type");
	}
	ck_assert_int_eq(attempt_set(session_attempt(s), &r, &err), 0);
	ck_assert_int_eq(session_grade(s, &err), 0);
	ck_assert(it->a.grade.correct == right);
}

static long long test_count_reviews(void)
{
	size_t n;
	struct whose_error err;

	/* Reviews since the dawn of time, all modes, counted per topic. */
	struct store_topic *t;
	long long total = 0;

	ck_assert_int_eq(store_topics(test_store, &test_cfg.fsrs, test_now, test_now, &t, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		total += (long long)t[i].answers;
	free(t);
	return total;
}

START_TEST(new_cards_interleave_topics)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;
	char topics[8][16];
	int n = 0;

	while (n < 5 && session_next(s, &it, &err) == 0) {
		snprintf(topics[n++], 16, "%s", it->a.item.topic);
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, 4, &err), 0);  /* Easy: graduates */
	}
	ck_assert_int_eq(n, 5);
	/* No topic twice in a row while another is available. */
	ck_assert_str_ne(topics[0], topics[1]);
	ck_assert_str_ne(topics[1], topics[2]);
	session_free(s);
}
END_TEST

/* A bank that lists each topic's questions type by type, 'who' first, as
 * the bundled one did: the first 20 new questions still hold at least four
 * types, and never one topic twice in a row. */
START_TEST(new_cards_interleave_types)
{
	static const char *const types[] = { "who", "choice", "truefalse", "card" };
	static const char *const topics[] = { "alpha", "beta", "gamma" };
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "types.csv" };
	char *csv = malloc(1 << 16);
	size_t len = 0, n, ntypes = 0;
	int64_t tids[20];
	bool seen[QUESTION_NTYPES] = { false };
	struct store *st;
	struct session_opts o;
	struct session *s;
	const struct session_item *it;

	ck_assert_ptr_nonnull(csv);
	len += (size_t)snprintf(csv + len, 256, "%s", HDR);
	for (int t = 0; t < 3; t++)
		for (int y = 0; y < 4; y++)
			for (int k = 0; k < (y == 0 ? 10 : 2); k++)
				len += (size_t)snprintf(csv + len, 256,
					"%s-%s-%d,%s,%s,Question %s %s %d?,%s,%s,Because.,src,,,no\n",
					topics[t], types[y], k, topics[t], types[y],
					topics[t], types[y], k,
					y == 1 ? "x|y" : "",
					y == 0 ? "AWS" : y == 1 ? "A" : y == 2 ? "true" : "Back");
	test_write(test_dir, "types.csv", csv, (long)len);
	free(csv);
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &st, &err), 0);
	ck_assert_msg(store_import(st, paths, 1, false, T0, &sum, &rep, NULL, NULL, &err) == 0,
		      "%s: %s", err.msg, rep.nmessages > 0 ? rep.messages[0] : "");
	bank_report_free(&rep);
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 7;
	ck_assert_int_eq(session_new(st, &o, &s, &err), 0);
	for (n = 0; n < 20 && session_next(s, &it, &err) == 0; n++) {
		int y = (int)it->a.q.type;

		ck_assert_int_eq(it->a.item.card.fsrs.state, FSRS_STATE_NEW);
		if (!seen[y])
			ntypes++;
		seen[y] = true;
		tids[n] = it->a.item.card.topic_id;
		/* All three topics keep new questions past the 20th. */
		if (n > 0)
			ck_assert_int_ne(tids[n], tids[n - 1]);
		if (it->a.q.type == QUESTION_CARD) {
			ck_assert_int_eq(session_reveal(s, &err), 0);
		} else {
			struct question_response r = { .mask = 1, .given = 1 };

			ck_assert_int_eq(attempt_set(session_attempt(s), &r, &err), 0);
			ck_assert_int_eq(session_grade(s, &err), 0);
		}
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
	}
	ck_assert_uint_eq(n, 20);
	session_free(s);
	ck_assert_uint_ge(ntypes, 4);
	store_close(st);
}
END_TEST

START_TEST(right_answer_schedules)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;
	struct store_card c;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	ck_assert_int_eq(it->a.item.card.fsrs.state, FSRS_STATE_NEW);
	ck_assert_str_eq(it->label[FSRS_GOOD - 1], "10m");
	ck_assert_str_eq(it->label[FSRS_AGAIN - 1], "1m");
	test_answer(s, it, true);
	ck_assert_int_eq(it->suggested, FSRS_GOOD);
	/* A right answer may have been a guess: Again is offered too. */
	ck_assert(it->allowed[FSRS_AGAIN]);
	ck_assert_int_eq(session_rate(s, 0, &err), 0);
	ck_assert_int_eq(store_card_get(test_store, it->a.item.question_id, &c, &err), 0);
	ck_assert_int_eq(c.fsrs.state, FSRS_STATE_LEARNING);
	ck_assert_int_eq(c.fsrs.due, T0 + 10 * MIN);
	ck_assert_int_eq(c.fsrs.reps, 1);
	ck_assert_int_eq(test_count_reviews(), 1);
	session_free(s);
}
END_TEST

START_TEST(wrong_answer_is_again)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;
	struct store_card c;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	test_answer(s, it, false);
	ck_assert_int_eq(it->suggested, FSRS_AGAIN);
	ck_assert_int_eq(session_rate(s, FSRS_GOOD, &err), WHOSE_EINVAL);
	ck_assert_int_eq(session_rate(s, 0, &err), 0);
	ck_assert_int_eq(store_card_get(test_store, it->a.item.question_id, &c, &err), 0);
	ck_assert_int_eq(c.fsrs.due, T0 + 1 * MIN);
	session_free(s);
}
END_TEST

START_TEST(undo_restores_exactly)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;
	struct store_card before, after;
	int64_t qid;

	/* Take a card to Review first, so that undo has a rich state. */
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	qid = it->a.item.question_id;
	test_answer(s, it, true);
	ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
	ck_assert_int_eq(store_card_get(test_store, qid, &before, &err), 0);
	ck_assert_int_eq(before.fsrs.state, FSRS_STATE_REVIEW);

	test_now = before.fsrs.due + 3 * DAY;
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	ck_assert_int_eq(it->a.item.question_id, qid);   /* the due review comes first */
	test_answer(s, it, false);
	ck_assert_int_eq(session_rate(s, 0, &err), 0);
	ck_assert_int_eq(store_card_get(test_store, qid, &after, &err), 0);
	ck_assert_int_eq(after.fsrs.state, FSRS_STATE_RELEARNING);
	ck_assert_int_eq(after.fsrs.lapses, 1);
	ck_assert_int_eq(test_count_reviews(), 2);

	ck_assert_int_eq(session_undo(s, &it, &err), 0);
	ck_assert_int_eq(it->a.item.question_id, qid);
	ck_assert_int_eq(it->phase, SESSION_ASKING);
	ck_assert_int_eq(store_card_get(test_store, qid, &after, &err), 0);
	ck_assert(memcmp(&after.fsrs, &before.fsrs, sizeof(before.fsrs)) == 0);
	ck_assert_int_eq(after.leech, before.leech);
	ck_assert_int_eq(test_count_reviews(), 1);
	session_free(s);
}
END_TEST

START_TEST(undo_before_rating)
{
	struct session *s = test_session(SESSION_PRACTICE);
	const struct session_item *it, *back;
	struct whose_error err;
	int64_t first;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	first = it->a.item.question_id;
	test_answer(s, it, false);
	ck_assert_int_eq(session_undo(s, &back, &err), 0);
	ck_assert_int_eq(back->a.item.question_id, first);
	ck_assert_int_eq(back->phase, SESSION_ASKING);
	ck_assert_int_eq(test_count_reviews(), 0);   /* nothing was saved */
	test_answer(s, back, true);
	ck_assert_int_eq(session_rate(s, 0, &err), 0);
	ck_assert_int_eq(test_count_reviews(), 1);
	/* The practice list goes on with the next question, not this one. */
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	ck_assert_int_ne(it->a.item.question_id, first);
	session_free(s);
}
END_TEST

START_TEST(leech_after_threshold)
{
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	struct store_card c;
	int64_t qid = -1;

	test_cfg.leech_threshold = 2;
	s = test_session(SESSION_REVIEW);
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	qid = it->a.item.question_id;
	test_answer(s, it, true);
	ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
	session_free(s);
	for (int lapse = 1; lapse <= 2; lapse++) {
		/* Due again as a review, forgotten, then relearned. */
		ck_assert_int_eq(store_card_get(test_store, qid, &c, &err), 0);
		test_now = c.fsrs.due + 1;
		s = test_session(SESSION_REVIEW);
		ck_assert_int_eq(session_next(s, &it, &err), 0);
		ck_assert_int_eq(it->a.item.question_id, qid);
		test_answer(s, it, false);
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
		ck_assert(it->became_leech == (lapse == 2));
		if (lapse == 1) {
			test_now += 11 * MIN;
			ck_assert_int_eq(session_next(s, &it, &err), 0);
			ck_assert_int_eq(it->a.item.question_id, qid);
			test_answer(s, it, true);
			ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
		}
		session_free(s);
	}
	ck_assert_int_eq(store_card_get(test_store, qid, &c, &err), 0);
	ck_assert(c.leech);
	ck_assert(c.suspended);
	/* A suspended leech is not offered again. */
	test_now = c.fsrs.due + DAY;
	s = test_session(SESSION_REVIEW);
	while (session_next(s, &it, &err) == 0) {
		ck_assert_int_ne(it->a.item.question_id, qid);
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
	}
	session_free(s);
}
END_TEST

START_TEST(practice_leaves_due_dates)
{
	struct session *s = test_session(SESSION_PRACTICE);
	const struct session_item *it;
	struct whose_error err;
	struct store_card before, after;
	int n = 0;

	while (session_next(s, &it, &err) == 0) {
		ck_assert_int_eq(store_card_get(test_store, it->a.item.question_id, &before, &err), 0);
		test_answer(s, it, n % 2 == 0);
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
		ck_assert_int_eq(store_card_get(test_store, it->a.item.question_id, &after, &err), 0);
		ck_assert(memcmp(&before, &after, sizeof(before)) == 0);
		n++;
	}
	ck_assert_int_eq(n, 5);               /* every question once */
	ck_assert_int_eq(test_count_reviews(), 5);  /* but counted */
	session_free(s);
}
END_TEST

START_TEST(practice_a_chosen_set)
{
	struct session_opts o;
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	struct store_card before, after;
	int64_t ids[2];
	bool seen[2] = { false, false };
	int n = 0;

	/* The browse screen's "practise these": exactly the ids given, each
	 * once; the schedule stays. */
	ck_assert_int_eq(store_question_find(test_store, "a-2", &ids[0], &err), 0);
	ck_assert_int_eq(store_question_find(test_store, "b-1", &ids[1], &err), 0);
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_PRACTICE;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 42;
	o.limit = 0;
	o.questions = ids;
	o.nquestions = 2;
	ck_assert_int_eq(session_new(test_store, &o, &s, &err), 0);
	ids[0] = ids[1] = -1;  /* read by session_new only */
	while (session_next(s, &it, &err) == 0) {
		int64_t id = it->a.item.question_id;

		ck_assert_int_eq(store_card_get(test_store, id, &before, &err), 0);
		ck_assert(strcmp(it->a.item.qid, "a-2") == 0 || strcmp(it->a.item.qid, "b-1") == 0);
		seen[strcmp(it->a.item.qid, "a-2") == 0 ? 0 : 1] = true;
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
		ck_assert_int_eq(store_card_get(test_store, id, &after, &err), 0);
		ck_assert(memcmp(&before, &after, sizeof(before)) == 0);
		n++;
	}
	ck_assert_int_eq(n, 2);
	ck_assert(seen[0] && seen[1]);
	session_free(s);
}
END_TEST

START_TEST(new_per_day_limit)
{
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	int n = 0;

	test_cfg.new_per_day = 2;
	s = test_session(SESSION_REVIEW);
	while (session_next(s, &it, &err) == 0) {
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
		n++;
	}
	ck_assert_int_eq(n, 2);
	session_free(s);
	/* The next day brings two more. */
	test_now += DAY;
	s = test_session(SESSION_REVIEW);
	n = 0;
	while (session_next(s, &it, &err) == 0) {
		if (it->a.item.card.fsrs.state == FSRS_STATE_NEW)
			n++;
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
	}
	ck_assert_int_eq(n, 2);
	session_free(s);
}
END_TEST

START_TEST(unrated_answer_saved_on_free)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	test_answer(s, it, true);
	session_free(s);   /* quit before rating */
	ck_assert_int_eq(test_count_reviews(), 1);
}
END_TEST

START_TEST(flag_leaves_rotation)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;
	int64_t flagged;
	int n = 0;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	flagged = it->a.item.question_id;
	ck_assert_int_eq(session_flag(s, "unclear wording", &err), 0);
	while (session_next(s, &it, &err) == 0) {
		ck_assert_int_ne(it->a.item.question_id, flagged);
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
		n++;
	}
	ck_assert_int_eq(n, 4);
	session_free(s);
}
END_TEST

/* u after a flag takes the flag back: unflagged, on screen again. */
START_TEST(undo_takes_a_flag_back)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it, *back;
	struct whose_error err;
	struct store_item item;
	int64_t flagged;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	flagged = it->a.item.question_id;
	ck_assert(!session_undo_is_flag(s));
	ck_assert_int_eq(session_flag(s, "odd", &err), 0);
	ck_assert(session_undo_is_flag(s));
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	ck_assert_int_ne(it->a.item.question_id, flagged);
	ck_assert_int_eq(session_undo(s, &back, &err), 0);
	ck_assert_int_eq(back->a.item.question_id, flagged);
	ck_assert_int_eq(back->phase, SESSION_ASKING);
	ck_assert(!session_undo_is_flag(s));
	memset(&item, 0, sizeof(item));
	ck_assert_int_eq(store_item_load(test_store, flagged, &item, &err), 0);
	ck_assert(!item.flagged);
	store_item_free(&item);
	ck_assert_int_eq(test_count_reviews(), 0);
	session_free(s);
}
END_TEST

/* Practice: a graded answer has one rating, so no rating step. */
START_TEST(practice_has_no_rating_step)
{
	struct session *s = test_session(SESSION_PRACTICE);
	const struct session_item *it;
	struct whose_error err;
	int graded = 0;

	while (session_next(s, &it, &err) == 0) {
		bool right = graded % 2 == 0;

		test_answer(s, it, right);
		if (attempt_self_graded(&it->a)) {
			ck_assert(it->needs_rating);  /* a card: the learner grades it */
		} else {
			ck_assert(!it->needs_rating);
			ck_assert_int_eq(it->suggested, right ? FSRS_GOOD : FSRS_AGAIN);
			for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++)
				ck_assert(it->allowed[r] == (r == it->suggested));
			ck_assert_int_eq(session_rate(s, right ? FSRS_EASY : FSRS_HARD, &err), WHOSE_EINVAL);
			graded++;
		}
		ck_assert_int_eq(session_rate(s, 0, &err), 0);
	}
	ck_assert_int_gt(graded, 0);
	session_free(s);
}
END_TEST

/* Review: a right answer offers all four; Again is one of them; an
 * interval two ratings share is marked once. */
START_TEST(right_answer_offers_again_and_dedupes)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct whose_error err;

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	while (attempt_self_graded(&it->a)) {
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, FSRS_EASY, &err), 0);
		ck_assert_int_eq(session_next(s, &it, &err), 0);
	}
	test_answer(s, it, true);
	ck_assert(it->needs_rating);
	for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++)
		ck_assert(it->allowed[r]);
	for (int r = FSRS_AGAIN; r < FSRS_EASY; r++)
		ck_assert(it->same_as_next[r] == (strcmp(it->label[r - 1], it->label[r]) == 0));
	ck_assert(!it->same_as_next[FSRS_EASY]);
	ck_assert_int_eq(session_rate(s, FSRS_AGAIN, &err), 0);
	session_free(s);
}
END_TEST

/* What is left today, by kind, follows each rating; the end says when the
 * next review is due. */
START_TEST(left_by_kind_and_outlook)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct session_left l;
	struct figures_outlook o;
	struct whose_error err;
	char text[256];

	ck_assert_int_eq(session_next(s, &it, &err), 0);
	session_left_now(s, &l);
	ck_assert_uint_eq(l.fresh, 5);
	ck_assert_uint_eq(l.learning, 0);
	ck_assert_uint_eq(l.total, 5);
	ck_assert_int_eq(figures_outlook_collect(test_store, &test_cfg, test_now, &o, &err), 0);
	ck_assert_int_eq(o.next_due, -1);
	figures_outlook_text(&o, test_now, text, sizeof(text));
	ck_assert_str_eq(text, "No review is scheduled yet. Tomorrow: 0 reviews and 5 new questions.");
	test_answer(s, it, false);        /* Again: a learning step in 1m */
	ck_assert_int_eq(session_rate(s, 0, &err), 0);
	session_left_now(s, &l);
	ck_assert_uint_eq(l.fresh, 4);
	ck_assert_uint_eq(l.learning, 1);
	ck_assert_uint_eq(l.total, 5);
	ck_assert_int_eq(figures_outlook_collect(test_store, &test_cfg, test_now, &o, &err), 0);
	ck_assert_int_eq(o.next_due, test_now + MIN);
	/* Due now as the home screen counts it: the step in 1m is within
	 * the learn-ahead, so the end says so rather than "next in 1m". */
	{
		struct figures_due d;

		ck_assert_int_eq(figures_due_collect(test_store, &test_cfg, test_now, &d, &err), 0);
		ck_assert_uint_eq(o.due_now, d.due_now);
	}
	ck_assert_uint_eq(o.due_now, 1);
	figures_outlook_text(&o, test_now, text, sizeof(text));
	ck_assert_str_eq(text, "1 question is still due now. Tomorrow: 0 reviews and 4 new questions.");
	/* Seen from half an hour before, the step is beyond the learn-ahead:
	 * not due now, so the end names the next review's time. */
	ck_assert_int_eq(figures_outlook_collect(test_store, &test_cfg, test_now - 30 * MIN, &o, &err), 0);
	ck_assert_uint_eq(o.due_now, 0);
	figures_outlook_text(&o, test_now - 30 * MIN, text, sizeof(text));
	ck_assert_str_eq(text, "Next review in 31m (10:01). Tomorrow: 0 reviews and 4 new questions.");
	session_free(s);
}
END_TEST

START_TEST(card_graded_by_learner)
{
	struct session *s = test_session(SESSION_PRACTICE);
	const struct session_item *it;
	struct whose_error err;
	bool seen = false;

	while (session_next(s, &it, &err) == 0) {
		if (it->a.q.type != QUESTION_CARD) {
			test_answer(s, it, true);
			ck_assert_int_eq(session_rate(s, 0, &err), 0);
			continue;
		}
		seen = true;
		ck_assert_int_eq(session_grade(s, &err), WHOSE_EINVAL);
		ck_assert_int_eq(session_reveal(s, &err), 0);
		for (int r = 1; r <= 4; r++)
			ck_assert(it->allowed[r]);
		ck_assert_int_eq(session_rate(s, FSRS_AGAIN, &err), 0);
		ck_assert(!it->a.grade.correct);
	}
	ck_assert(seen);
	session_free(s);
}
END_TEST

/* What store_topics should say, worked out card by card. */
struct test_expect {
	char name[48];
	size_t total, seen, studied, due;
	double recall;
};

struct test_expect_set {
	struct test_expect t[8];
	size_t n;
	int64_t now, due_before;
};

static int test_expect_card(const char *qid, const char *topic,
			    const struct store_card *c, void *ctx)
{
	struct test_expect_set *set = ctx;
	struct test_expect *e = NULL;

	(void)qid;
	if (c->hidden)
		return 0;
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->t[i].name, topic) == 0)
			e = &set->t[i];
	if (e == NULL) {
		ck_assert_uint_lt(set->n, 8);
		e = &set->t[set->n++];
		memset(e, 0, sizeof(*e));
		snprintf(e->name, sizeof(e->name), "%s", topic);
	}
	e->total++;
	if (c->fsrs.reps > 0)
		e->seen++;
	if (c->fsrs.state != FSRS_STATE_NEW)
		e->studied++;
	if (c->fsrs.state != FSRS_STATE_NEW && c->fsrs.has_last_review)
		e->recall += fsrs_recall(&test_cfg.fsrs, c->fsrs.stability,
					  set->now - c->fsrs.last_review);
	if (c->fsrs.state != FSRS_STATE_NEW && !c->suspended && c->fsrs.due < set->due_before)
		e->due++;
	return 0;
}

/* topics.visible against a count of the cards, and every figure of
 * store_topics against the cards read one by one. */
static void test_check_topics(void)
{
	struct test_expect_set set;
	struct store_topic *t;
	struct whose_error err;
	sqlite3_stmt *st;
	size_t n;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db_handle(test_store),
					    "SELECT count(*) FROM topics t WHERE visible <>"
					    " (SELECT count(*) FROM cards c WHERE c.topic_id = t.id AND c.hidden = 0)",
					    -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);

	memset(&set, 0, sizeof(set));
	set.now = test_now;
	set.due_before = test_now + DAY;
	ck_assert_int_eq(store_each_card(test_store, test_expect_card, &set, &err), 0);
	ck_assert_int_eq(store_topics(test_store, &test_cfg.fsrs, set.now, set.due_before,
				      &t, &n, &err), 0);
	ck_assert_uint_eq(n, set.n);
	for (size_t i = 0; i < n; i++) {
		const struct test_expect *e = NULL;

		for (size_t k = 0; k < set.n; k++)
			if (strcmp(set.t[k].name, t[i].name) == 0)
				e = &set.t[k];
		ck_assert_msg(e != NULL, "topic %s unexpected", t[i].name);
		ck_assert_uint_eq(t[i].total, e->total);
		ck_assert_uint_eq(t[i].seen, e->seen);
		ck_assert_uint_eq(t[i].due, e->due);
		ck_assert_uint_eq(t[i].studied, e->studied);
		ck_assert_double_eq_tol(t[i].recall_sum, e->recall, 1e-9);
	}
	free(t);
}

/*
 * The per-topic figures that statistics read from counters and the
 * cards_seen index stay equal to what the cards say, through answers,
 * undo, a flag, an unflag, a retirement, a topic change and new topics.
 */
START_TEST(topic_figures_follow_every_change)
{
	struct session *s = test_session(SESSION_REVIEW);
	const struct session_item *it;
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "bank.csv" };
	int k = 0;

	test_check_topics();
	while (session_next(s, &it, &err) == 0 && k < 12) {
		bool right = k % 3 != 1;

		test_answer(s, it, right);
		ck_assert_int_eq(session_rate(s, right ? (k % 2 ? FSRS_GOOD : FSRS_EASY) : 0, &err), 0);
		test_now += 7 * MIN;
		k++;
		if (k == 4) {
			ck_assert_int_eq(session_undo(s, &it, &err), 0);
			test_check_topics();
			test_answer(s, it, true);
			ck_assert_int_eq(session_rate(s, FSRS_HARD, &err), 0);
		}
		if (k == 6 && session_next(s, &it, &err) == 0) {
			ck_assert_int_eq(session_flag(s, "unclear", &err), 0);
			test_check_topics();
		}
	}
	session_free(s);
	test_check_topics();

	/* Unflag everything flagged: the cards come back. */
	ck_assert_int_eq(sqlite3_exec(store_db_handle(test_store),
				      "UPDATE questions SET flagged = 0 WHERE flagged = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	test_check_topics();

	/* a-2 retired, b-1 moved from Beta to Gamma, a new topic. */
	test_write(test_dir, "bank.csv", HDR
		   "a-1,Alpha,who,Who A1?,,Customer,Because A1.,src,,,\n"
		   "b-1,Gamma,who,Who B1?,,AWS,Because B1.,src,,,\n"
		   "b-2,Beta,card,Front B2?,,Back B2,Because B2.,src,,,\n"
		   "c-1,Gamma,multi,Pick C1?,x|y|z|w,A|C,Because C1.,src,,B: no|D: no,no\n"
		   "d-1,Delta,who,Who D1?,,Shared,Because D1.,src,,,\n", -1);
	ck_assert_int_eq(store_import(test_store, paths, 1, false, test_now, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.added, 1);
	ck_assert_uint_eq(sum.retired, 1);
	test_check_topics();
	test_now += 3 * DAY;
	test_check_topics();

	/* a-2 back: unretired with its progress. */
	test_write(test_dir, "bank.csv", HDR
		   "a-2,Alpha,choice,Pick A2?,right|wrong|also wrong,A,Because A2.,src,,B: no|C: nope,no\n", -1);
	ck_assert_int_eq(store_import(test_store, paths, 1, false, test_now, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
	test_check_topics();
}
END_TEST

/* Cards whose schedule no scheduler writes (difficulty 99), more of them
 * than a session looks at at once, due before every other: the session
 * passes each over, says which and how to repair it, counts it out of
 * what is left, and goes on with the rest; none of them is ever asked. */
START_TEST(damaged_schedules_are_passed_over)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[2] = { "bank.csv", "more.csv" };
	char bank[4096] = HDR, row[128], sql[512];
	const struct session_item *it;
	struct session_left left;
	const char *notice;
	struct session *s;
	size_t asked = 0;
	int rc;

	for (int i = 1; i <= 12; i++) {
		snprintf(row, sizeof(row), "d-%02d,Delta,who,Who D%d?,,AWS,Because D%d.,src,,,\n", i, i, i);
		strcat(bank, row);
	}
	test_write(test_dir, "more.csv", bank, -1);
	ck_assert_int_eq(store_import(test_store, paths, 2, false, T0, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
	/* every card a review due now; d-01..d-11 damaged and due first */
	snprintf(sql, sizeof(sql),
		 "UPDATE cards SET state = 2, difficulty = 5, stability = 3, reps = 2,"
		 " scheduled_days = 3, last_review = %lld, due = %lld + question_id;"
		 "UPDATE cards SET difficulty = 99, due = question_id WHERE question_id IN"
		 " (SELECT id FROM questions WHERE qid BETWEEN 'd-01' AND 'd-11')",
		 T0 - 3 * DAY, T0 - DAY);
	ck_assert_int_eq(sqlite3_exec(store_db_handle(test_store), sql, NULL, NULL, NULL), SQLITE_OK);

	s = test_session(SESSION_REVIEW);
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	notice = session_take_notice(s);
	ck_assert_ptr_nonnull(notice);
	ck_assert_str_eq(notice, "11 questions are skipped: their schedules are damaged (d-01: difficulty 99 is outside 1 to 10, and others); 'whose reset --damaged' starts them all again.");
	ck_assert_ptr_null(session_take_notice(s));
	session_left_now(s, &left);
	ck_assert_uint_eq(left.due, 6);   /* the five first and d-12 */
	do {
		ck_assert_int_eq(fsrs_card_check(&it->a.item.card.fsrs, &err), 0);
		ck_assert(strncmp(it->a.item.qid, "d-", 2) != 0 || strcmp(it->a.item.qid, "d-12") == 0);
		asked++;
		if (it->a.q.type == QUESTION_SORT)
			break;
		test_answer(s, it, true);
		ck_assert_int_eq(session_rate(s, 3, &err), 0);
	} while ((rc = session_next(s, &it, &err)) == 0 && asked < 20);
	ck_assert_uint_eq(asked, 6);
	ck_assert_ptr_null(session_take_notice(s));
	session_free(s);
}
END_TEST


/*
 * The count left is kept up to date by the session's own answers and
 * counted again in full only when another process wrote to the profile
 * (store_data_version): its answers show at once, not 25 answers later.
 */
START_TEST(left_sees_another_process)
{
	struct store *a, *b;
	struct session_opts o;
	struct session *sa, *sb;
	const struct session_item *it;
	struct session_left l;
	struct whose_error err;
	struct store_import_summary sum;
	struct bank_report rep;
	const char *paths[1] = { "bank.csv" };

	ck_assert_int_eq(store_open("p.db", STORE_CREATE, &a, &err), 0);
	ck_assert_int_eq(store_import(a, paths, 1, false, T0, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
	ck_assert_int_eq(store_open("p.db", 0, &b, &err), 0);
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	o.config = &test_cfg;
	o.clock = &test_clock;
	o.seed = 42;
	ck_assert_int_eq(session_new(a, &o, &sa, &err), 0);
	ck_assert_int_eq(session_new(b, &o, &sb, &err), 0);
	ck_assert_int_eq(session_next(sa, &it, &err), 0);
	session_left_now(sa, &l);
	ck_assert_uint_eq(l.fresh, 5);
	ck_assert_uint_eq(l.learning, 0);
	/* The other process answers a new question wrongly: a learning
	 * step in a minute, one new question fewer. */
	ck_assert_int_eq(session_next(sb, &it, &err), 0);
	test_answer(sb, it, false);
	ck_assert_int_eq(session_rate(sb, 0, &err), 0);
	session_left_now(sa, &l);
	ck_assert_uint_eq(l.fresh, 4);
	ck_assert_uint_eq(l.learning, 1);
	/* Our own answer is counted by hand, and the same. */
	ck_assert_int_eq(session_next(sa, &it, &err), 0);
	test_answer(sa, it, true);
	ck_assert_int_eq(session_rate(sa, 0, &err), 0);
	session_left_now(sa, &l);
	ck_assert_uint_eq(l.fresh + l.learning + l.due, l.total);
	{
		struct figures_due d;

		ck_assert_int_eq(figures_due_collect(a, &test_cfg, test_now, &d, &err), 0);
		ck_assert_uint_eq(l.fresh, d.new_today);
		ck_assert_uint_eq(l.learning, d.due_learning);
		ck_assert_uint_eq(l.due, d.due_review);
	}
	session_free(sa);
	session_free(sb);
	store_close(b);
	store_close(a);
}
END_TEST


/* review_due_hours holds exactly the review cards by hour of due, and
 * store_count_queues agrees with a plain count at any moment, one that
 * falls inside an hour too. */
static int test_due_hours_agree(void)
{
	int reviews = 0;

	sqlite3 *db = store_db_handle(test_store);
	sqlite3_stmt *st;
	static const char *const diff =
		"SELECT count(*) FROM ("
		" SELECT hour, n FROM review_due_hours EXCEPT"
		" SELECT due / 3600000, count(*) FROM cards WHERE queue = 2 GROUP BY due / 3600000"
		" UNION ALL"
		" SELECT due / 3600000, count(*) FROM cards WHERE queue = 2 GROUP BY due / 3600000"
		" EXCEPT SELECT hour, n FROM review_due_hours)";
	struct whose_error err;

	ck_assert_int_eq(sqlite3_prepare_v2(db, diff, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT due FROM cards WHERE queue = 2", -1, &st,
					    NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t due = sqlite3_column_int64(st, 0);
		int64_t at[3] = { due, due + 1, due / 3600000 * 3600000 };

		reviews++;
		for (int k = 0; k < 3; k++) {
			size_t learning, review, fresh, want = 0;
			sqlite3_stmt *c;

			ck_assert_int_eq(store_count_queues(test_store, 0, at[k], 10, &learning, &review,
							    &fresh, &err), 0);
			ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM cards"
							    " WHERE queue = 2 AND due < ?1", -1, &c,
							    NULL), SQLITE_OK);
			sqlite3_bind_int64(c, 1, at[k]);
			ck_assert_int_eq(sqlite3_step(c), SQLITE_ROW);
			want = (size_t)sqlite3_column_int64(c, 0);
			sqlite3_finalize(c);
			ck_assert_uint_eq(review, want);
		}
	}
	sqlite3_finalize(st);
	return reviews;
}

/*
 * The reviews due are counted from review_due_hours (schema 13), which
 * triggers keep up to date: answers that move cards into and within the
 * review queue, undo, a suspension, a flag (hidden), a reset.
 */
START_TEST(due_hours_follow_every_change)
{
	struct session *s;
	const struct session_item *it;
	struct whose_error err;
	int64_t qid;

	test_due_hours_agree();
	/* A few days of right answers: every card reaches review. */
	for (int day = 0; day < 6; day++) {
		s = test_session(SESSION_REVIEW);
		while (session_next(s, &it, &err) == 0) {
			test_answer(s, it, true);
			ck_assert_int_eq(session_rate(s, it->a.q.type == QUESTION_CARD ? 3 : 0, &err), 0);
			test_due_hours_agree();
			test_now += 7 * MIN + 13;
		}
		session_free(s);
		test_now += DAY + 17 * MIN;
	}
	ck_assert_int_eq(test_due_hours_agree(), 5);   /* all in review */
	/* A lapse, then undo: the card leaves review and comes back. */
	s = test_session(SESSION_REVIEW);
	test_now += 40 * DAY;
	ck_assert_int_eq(session_next(s, &it, &err), 0);
	qid = it->a.item.question_id;
	test_answer(s, it, false);
	ck_assert_int_eq(session_rate(s, it->a.q.type == QUESTION_CARD ? 1 : 0, &err), 0);
	test_due_hours_agree();
	ck_assert_int_eq(session_undo(s, &it, &err), 0);
	test_due_hours_agree();
	ck_assert_int_eq(session_flag(s, "unclear", &err), 0);
	test_due_hours_agree();
	session_free(s);
	ck_assert_int_eq(store_question_flag(test_store, qid, false, NULL, &err), 0);
	test_due_hours_agree();
	ck_assert_int_eq(store_card_suspend(test_store, qid, &err), 0);
	test_due_hours_agree();
	ck_assert_int_eq(store_card_unsuspend(test_store, qid, &err), 0);
	test_due_hours_agree();
	ck_assert_int_eq(store_card_reset(test_store, qid, test_now, &err), 0);
	test_due_hours_agree();
}
END_TEST

Suite *test_session_suite(void);
Suite *test_session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, new_cards_interleave_topics);
	tcase_add_test(tc, new_cards_interleave_types);
	tcase_add_test(tc, right_answer_schedules);
	tcase_add_test(tc, wrong_answer_is_again);
	tcase_add_test(tc, undo_restores_exactly);
	tcase_add_test(tc, undo_before_rating);
	tcase_add_test(tc, leech_after_threshold);
	tcase_add_test(tc, practice_leaves_due_dates);
	tcase_add_test(tc, practice_a_chosen_set);
	tcase_add_test(tc, new_per_day_limit);
	tcase_add_test(tc, unrated_answer_saved_on_free);
	tcase_add_test(tc, flag_leaves_rotation);
	tcase_add_test(tc, topic_figures_follow_every_change);
	tcase_add_test(tc, card_graded_by_learner);
	tcase_add_test(tc, undo_takes_a_flag_back);
	tcase_add_test(tc, practice_has_no_rating_step);
	tcase_add_test(tc, right_answer_offers_again_and_dedupes);
	tcase_add_test(tc, left_by_kind_and_outlook);
	tcase_add_test(tc, damaged_schedules_are_passed_over);
	tcase_add_test(tc, left_sees_another_process);
	tcase_add_test(tc, due_hours_follow_every_change);
	suite_add_tcase(s, tc);
	return s;
}
