/*
 * test_review.c - review histories in and out (src/core/review.c): rows
 * valid in form but wrong in meaning (dates in the future or before 2006,
 * a column twice), line numbers with every line ending, the sort in the
 * database (rows out of order replay in time order), and exported cells
 * that a spreadsheet would run as formulas.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "whose/bank.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/review.h"
#include "whose/store.h"

#define NOW 1772359200000LL   /* 2026-03-01T10:00:00Z */

static char *test_review_dir;
static struct store *test_review_store;
static struct config test_review_cfg;

static void test_review_setup(void)
{
	struct whose_error err;
	struct store_import_summary sum;
	struct bank_report rep;
	const char *bank;
	const char *paths[1];

	test_review_dir = test_tmpdir();
	bank = test_write(test_review_dir, "bank.csv",
			  "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
			  "t-1,=Alpha,who,Who patches the guest OS?,,Customer,x,src,,,\n"
			  "t-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,\n", -1);
	paths[0] = bank;
	whose_error_clear(&err);
	ck_assert_msg(store_open(NULL, STORE_MEMORY, &test_review_store, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_import(test_review_store, paths, 1, false, NOW, &sum, &rep, NULL, NULL, &err) == 0,
		      "%s", err.msg);
	bank_report_free(&rep);
	config_defaults(&test_review_cfg);
}

static void test_review_teardown(void)
{
	store_close(test_review_store);
	test_rmtree(test_review_dir);
}

/* Import DATA as a history; returns the code, REP filled (free it). */
static int test_review_import(const char *data, size_t *applied, struct bank_report *rep)
{
	struct whose_error err;
	const char *path = test_write(test_review_dir, "h.csv", data, -1);

	whose_error_clear(&err);
	return review_import(test_review_store, &test_review_cfg, path, NOW, applied, rep, &err);
}

static bool test_review_said(const struct bank_report *rep, const char *needle)
{
	for (size_t i = 0; i < rep->nmessages; i++)
		if (strstr(rep->messages[i], needle) != NULL)
			return true;
	return false;
}

START_TEST(dates_out_of_range)
{
	static const char *const bad[] = {
		"9999-12-31T00:00:00Z", "2026-03-02T10:00:01Z", "2005-12-31T23:59:59Z",
		"1970-01-01T00:00:00Z",
	};
	struct bank_report rep;
	size_t applied;
	char data[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(data, sizeof(data), "id,reviewed_at,rating\nt-1,2026-01-10T09:00:00Z,3\nt-2,%s,3\n", bad[i]);
		ck_assert_int_eq(test_review_import(data, &applied, &rep), WHOSE_EDATA);
		ck_assert_msg(test_review_said(&rep, "h.csv:3: column 'reviewed_at'"), "%s not refused at line 3", bad[i]);
		bank_report_free(&rep);
	}
	/* The edges: 2006-01-01 and a day of clock skew. */
	ck_assert_int_eq(test_review_import("id,reviewed_at,rating\nt-1,2006-01-01T00:00:00Z,3\n"
					    "t-2,2026-03-02T09:59:59Z,3\n", &applied, &rep), 0);
	ck_assert_uint_eq(applied, 2);
	bank_report_free(&rep);
}
END_TEST

START_TEST(column_twice)
{
	struct bank_report rep;
	size_t applied;

	ck_assert_int_eq(test_review_import("id,reviewed_at,rating,RATING\nt-1,2026-01-10T09:00:00Z,3,4\n",
					    &applied, &rep), WHOSE_EDATA);
	ck_assert(test_review_said(&rep, "'RATING' appears twice (columns 3 and 4)"));
	bank_report_free(&rep);
	/* Two names for one value (the revlog shape) are not a repeat. */
	ck_assert_int_eq(test_review_import("review_time,id,reviewed_at,rating\nx,t-1,2026-01-10T09:00:00Z,3\n",
					    &applied, &rep), 0);
	bank_report_free(&rep);
}
END_TEST

START_TEST(line_endings)
{
	static const char *const eol[] = { "\n", "\r\n", "\r" };
	struct bank_report rep;
	size_t applied;
	char data[256];

	for (size_t i = 0; i < 3; i++) {
		snprintf(data, sizeof(data), "id,reviewed_at,rating%st-1,2026-01-10T09:00:00Z,3%st-2,x,3%st-1,2026-01-11T09:00:00Z,7%s",
			 eol[i], eol[i], eol[i], eol[i]);
		ck_assert_int_eq(test_review_import(data, &applied, &rep), WHOSE_EDATA);
		ck_assert_msg(test_review_said(&rep, "h.csv:3: column 'reviewed_at'"), "line ending %zu: line 3", i);
		ck_assert_msg(test_review_said(&rep, "h.csv:4: column 'rating'"), "line ending %zu: line 4", i);
		bank_report_free(&rep);
	}
}
END_TEST

/* Rows out of order replay in time order (sorted by the store), and an
 * error anywhere leaves nothing written. */
START_TEST(sorted_and_all_or_nothing)
{
	struct bank_report rep;
	size_t applied;
	struct store_card c;
	int64_t qid;

	ck_assert_int_eq(test_review_import("id,reviewed_at,rating\n"
					    "t-1,2026-01-20T09:00:00Z,3\n"
					    "t-1,2026-01-10T09:00:00Z,1\n"
					    "t-1,2026-01-15T09:00:00Z,3\n", &applied, &rep), 0);
	ck_assert_uint_eq(applied, 3);
	bank_report_free(&rep);
	ck_assert_int_eq(store_question_find(test_review_store, "t-1", &qid, NULL), 0);
	ck_assert_int_eq(store_card_get(test_review_store, qid, &c, NULL), 0);
	ck_assert(c.fsrs.has_last_review);
	ck_assert_int_eq(c.fsrs.last_review, 1768899600000LL);   /* 2026-01-20T09:00Z */
	ck_assert_int_eq(c.fsrs.reps, 3);
	ck_assert_int_eq(c.fsrs.lapses, 0);   /* the Again came first: no lapse */
	/* A bad row after good ones: nothing of this file is written. */
	ck_assert_int_eq(test_review_import("id,reviewed_at,rating\n"
					    "t-2,2026-02-01T09:00:00Z,3\n"
					    "t-2,2026-02-02T09:00:00Z,5\n", &applied, &rep), WHOSE_EDATA);
	bank_report_free(&rep);
	ck_assert_int_eq(store_question_find(test_review_store, "t-2", &qid, NULL), 0);
	ck_assert_int_eq(store_card_get(test_review_store, qid, &c, NULL), 0);
	ck_assert(!c.fsrs.has_last_review);
	/* And a second import on the same connection starts from an empty
	 * list (the first one's rows are gone). */
	ck_assert_int_eq(test_review_import("id,reviewed_at,rating\nt-2,2026-02-01T09:00:00Z,3\n",
					    &applied, &rep), 0);
	ck_assert_uint_eq(applied, 1);
	bank_report_free(&rep);
}
END_TEST

START_TEST(formulas_neutralised)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(review_export_progress(test_review_store, f, NULL), 0);
	fclose(f);
	/* The topic "=Alpha" is written "'=Alpha"; no cell starts with "=". */
	ck_assert_msg(strstr(buf, "t-1,'=Alpha,") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, ",=") == NULL, "%s", buf);
	free(buf);
}
END_TEST

Suite *test_review_suite(void);

Suite *test_review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("history");

	tcase_add_checked_fixture(tc, test_review_setup, test_review_teardown);
	tcase_add_test(tc, dates_out_of_range);
	tcase_add_test(tc, column_twice);
	tcase_add_test(tc, line_endings);
	tcase_add_test(tc, sorted_and_all_or_nothing);
	tcase_add_test(tc, formulas_neutralised);
	suite_add_tcase(s, tc);
	return s;
}
