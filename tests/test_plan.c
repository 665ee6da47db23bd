/*
 * test_plan.c - every statement on a hot path uses an index: the query
 * plans are checked with EXPLAIN QUERY PLAN (a test of the plan, not a
 * timing).  A statement that reads a whole table on purpose is listed, with
 * the reason, in test_plan_scans.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/store_int.h"

/* Statements allowed to read a whole table, and why. */
static const enum store_stmt_id test_plan_scans[] = {
	STMT_TOPICS,        /* the topics table: a few dozen rows */
	STMT_FIRST_ANSWERS, /* the same */
	STMT_Q_COUNT,       /* whose import's summary counts */
	STMT_Q_ANY,         /* EXISTS: stops at the first row */
	STMT_VISIBLE_ALL,   /* practice: samples every question (reservoir) */
	STMT_VISIBLE_TOPIC, /* practice: samples a topic's questions */
	STMT_ASKABLE,       /* exams and drills choose among all questions */
	STMT_EXPORT_CARDS,  /* export writes every card */
	STMT_EXPORT_REVIEWS,/* export writes the whole log */
	STMT_REVIEWS_BY_CARD,/* optimize reads the whole log, sorted by SQLite's
	                       sorter (faster than a lookup per review) */
	STMT_SCOPE_FILE,    /* import: retirement reads the bank's questions once */
	STMT_SCOPE_DIR,
	STMT_TOPIC_TYPES,   /* import: once per topic that gains new questions */
	STMT_EXAM_LIST,     /* exams: a few rows */
	STMT_MARK_COUNT,    /* marks: the learner's bookmarks, a few dozen rows */
	STMT_SEARCH_ALL,    /* search without words: a listing of the whole bank
	                       (with words, STMT_SEARCH_WORDS starts from the index) */
	STMT_MODEL_SEEN,    /* readiness reads every seen card: in table order,
			       faster than an index walk with a lookup each */
	STMT_BEGIN, STMT_BEGIN_IMMEDIATE, STMT_COMMIT, STMT_ROLLBACK,
};

static bool test_plan_allowed(enum store_stmt_id id)
{
	for (size_t i = 0; i < sizeof(test_plan_scans) / sizeof(test_plan_scans[0]); i++)
		if (test_plan_scans[i] == id)
			return true;
	return false;
}

/* "SCAN cards" (or "SCAN c" for an alias) reads a whole table; "SCAN c
 * USING INDEX ..." walks an index in order, which is fine because every such
 * statement has a LIMIT; "SCAN (subquery-1)" reads a few materialized rows. */
static bool test_plan_full_scan(const char *detail)
{
	static const char *const tables[] = {
		"questions", "cards", "reviews", "topics", "settings", "exams",
		"exam_answers", "marks", "q", "c", "r", "t", "m",
	};
	char word[64];

	if (strncmp(detail, "SCAN ", 5) != 0 || strstr(detail, " USING ") != NULL)
		return false;
	if (sscanf(detail + 5, "%63s", word) != 1)
		return false;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (strcmp(word, tables[i]) == 0)
			return true;
	return false;
}

START_TEST(hot_statements_use_indexes)
{
	struct store *s;
	sqlite3 *db;
	int checked = 0;

	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	/* The statements on the history being replayed need its table. */
	ck_assert_int_eq(store_replay_begin(s, NULL), 0);
	db = store_db_handle(s);
	for (int id = 0; id < STMT_COUNT; id++) {
		const char *sql = store_sql_text((enum store_stmt_id)id);
		char q[4096];
		sqlite3_stmt *st;

		ck_assert_ptr_nonnull(sql);
		if (test_plan_allowed((enum store_stmt_id)id))
			continue;
		snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", sql);
		ck_assert_msg(sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK,
			      "statement %d does not prepare: %s", id, sqlite3_errmsg(db));
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);

			/* "SCAN t" reads a whole table; "SCAN t USING INDEX"
			 * walks an index in order and is fine only with a
			 * LIMIT, which every such statement has. */
			ck_assert_msg(!test_plan_full_scan(detail),
				      "statement %d reads a whole table (%s): %s", id, detail, sql);
		}
		sqlite3_finalize(st);
		checked++;
	}
	ck_assert_int_gt(checked, 30);
	store_close(s);
}
END_TEST

/* Statements whose plan must name one index: statistics over a million
 * cards stay fast only through these. */
static const struct {
	enum store_stmt_id id;
	const char *index;
} test_plan_index[] = {
	/* "USING INDEX" here: SQLite defers the seek into the table and,
	 * the partial index implying the WHERE, never makes it. */
	{ STMT_TOPIC_CARDS, "INDEX cards_seen" },
	{ STMT_TOPIC_DUE, "INDEX cards_due" },
	{ STMT_FORECAST, "INDEX cards_due" },
	{ STMT_COUNT_QUEUES, "INDEX cards_due" },
	{ STMT_COUNT_LEARNING, "INDEX cards_due" },
	/* introduced today: the few answers that introduced a question */
	{ STMT_COUNT_INTRODUCED, "INDEX reviews_introduced" },
	{ STMT_QUEUE_DUE, "INDEX cards_due" },
};

START_TEST(statistics_use_their_indexes)
{
	struct store *s;
	sqlite3 *db;

	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	db = store_db_handle(s);
	for (size_t i = 0; i < sizeof(test_plan_index) / sizeof(test_plan_index[0]); i++) {
		char q[4096], plan[4096] = "";
		sqlite3_stmt *st;
		bool temp = false;

		snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", store_sql_text(test_plan_index[i].id));
		ck_assert_int_eq(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);

			strncat(plan, detail, sizeof(plan) - strlen(plan) - 2);
			strcat(plan, ";");
			/* A GROUP BY or ORDER BY sorted apart: no sorter either. */
			if (strstr(detail, "USE TEMP B-TREE") != NULL)
				temp = true;
		}
		sqlite3_finalize(st);
		ck_assert_msg(strstr(plan, test_plan_index[i].index) != NULL,
			      "statement %d: plan '%s' lacks '%s'", (int)test_plan_index[i].id,
			      plan, test_plan_index[i].index);
		ck_assert_msg(!temp, "statement %d sorts: %s", (int)test_plan_index[i].id, plan);
	}
	store_close(s);
}
END_TEST

Suite *test_plan_suite(void);
Suite *test_plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, hot_statements_use_indexes);
	tcase_add_test(tc, statistics_use_their_indexes);
	suite_add_tcase(s, tc);
	return s;
}
