/*
 * test_store.c - opening, schema checks, permissions, and bank import:
 * upsert keeping state, retirement, duplicates, and failed imports that
 * leave the database exactly as it was.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store_int.h"
#include "test_util.h"
#include "whose/store.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define NOW 1767225600000LL /* 2026-01-01T00:00:00Z */

static char *test_dir;
static char test_db[4096];

static void test_setup(void)
{
	test_dir = test_tmpdir();
	snprintf(test_db, sizeof(test_db), "%s/sub/dir/t.db", test_dir);
	ck_assert_int_eq(chdir(test_dir), 0);
}

static void test_teardown(void)
{
	test_rmtree(test_dir);
	test_dir = NULL;
}

static struct store *test_open(void)
{
	struct store *s = NULL;
	struct whose_error err;

	whose_error_clear(&err);
	ck_assert_msg(store_open(test_db, STORE_CREATE, &s, &err) == 0, "%s", err.msg);
	return s;
}

/* Run SQL on the test database directly and return the first integer. */
static long long test_sql_int(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open(test_db, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void test_sql_exec(const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(test_db, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int test_import(struct store *s, const char *path, bool dry,
		       struct store_import_summary *sum, struct bank_report *rep)
{
	struct whose_error err;
	const char *paths[1] = { path };

	whose_error_clear(&err);
	return store_import(s, paths, 1, dry, NOW, sum, rep, NULL, NULL, &err);
}

START_TEST(create_and_permissions)
{
	struct store *s = test_open();
	struct stat st;
	char dir[4096];

	ck_assert_int_eq(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	ck_assert_int_eq(stat(test_db, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	snprintf(dir, sizeof(dir), "%s/sub/dir", test_dir);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	ck_assert_int_eq(test_sql_int("PRAGMA application_id"), STORE_APPLICATION_ID);
	ck_assert_int_eq(test_sql_int("PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	/* Opening again is fine and keeps the version. */
	s = test_open();
	ck_assert_int_eq(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
}
END_TEST

START_TEST(refuses_foreign_and_newer)
{
	struct store *s = NULL;
	struct whose_error err;
	uint64_t before;

	snprintf(test_db, sizeof(test_db), "%s/other.db", test_dir);
	test_sql_exec("CREATE TABLE stuff(x); INSERT INTO stuff VALUES (42);");
	before = test_db_digest(test_db);
	ck_assert_int_eq(store_open(test_db, STORE_CREATE, &s, &err), WHOSE_ESCHEMA);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.msg, "is not a whose database"));
	ck_assert_uint_eq(test_db_digest(test_db), before);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 0);

	snprintf(test_db, sizeof(test_db), "%s/newer.db", test_dir);
	s = test_open();
	store_close(s);
	test_sql_exec("PRAGMA user_version = 99");
	before = test_db_digest(test_db);
	ck_assert_int_eq(store_open(test_db, 0, &s, &err), WHOSE_ESCHEMA);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer whose (schema version 99"));
	ck_assert_uint_eq(test_db_digest(test_db), before);

	snprintf(test_db, sizeof(test_db), "%s/garbage.db", test_dir);
	test_write(test_dir, "garbage.db", "this is not a database at all, not even close......................................................", -1);
	ck_assert_int_lt(store_open(test_db, 0, &s, &err), 0);
	ck_assert_ptr_null(s);
}
END_TEST

START_TEST(settings)
{
	struct store *s = test_open();
	char buf[64];

	ck_assert_int_eq(store_setting_get(s, "k", buf, sizeof(buf), NULL), WHOSE_ENOTFOUND);
	ck_assert_int_eq(store_setting_set(s, "k", "v1", NULL), 0);
	ck_assert_int_eq(store_setting_set(s, "k", "v2", NULL), 0);
	ck_assert_int_eq(store_setting_get(s, "k", buf, sizeof(buf), NULL), 0);
	ck_assert_str_eq(buf, "v2");
	ck_assert_int_eq(store_setting_unset(s, "k", NULL), 0);
	ck_assert_int_eq(store_setting_get(s, "k", buf, sizeof(buf), NULL), WHOSE_ENOTFOUND);
	store_close(s);
}
END_TEST

START_TEST(upsert_and_retire)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;
	size_t active, retired;

	test_write(test_dir, "b.csv", HDR
		   "q-1,T1,who,First?,,AWS,,,,,\n"
		   "q-2,T1,who,Second?,,Customer,,,,,\n"
		   "q-3,T2,choice,Third?,a|b|c,B,,,,A: no|C: no,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.added, 3);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM cards"), 3);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM topics"), 2);

	/* Give q-2 some scheduling state, as a review would. */
	test_sql_exec("UPDATE cards SET state = 2, stability = 5.5, reps = 3"
		      " WHERE question_id = (SELECT id FROM questions WHERE qid = 'q-2')");

	/* Same file again: all unchanged. */
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.unchanged, 3);
	ck_assert_uint_eq(sum.added + sum.updated + sum.retired, 0);

	/* Edit q-2, drop q-3, add q-4. */
	test_write(test_dir, "b.csv", HDR
		   "q-1,T1,who,First?,,AWS,,,,,\n"
		   "q-2,T1,who,Second question?,,Customer,Because.,,,,\n"
		   "q-4,T2,truefalse,Fourth?,,true,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.added, 1);
	ck_assert_uint_eq(sum.updated, 1);
	ck_assert_uint_eq(sum.unchanged, 1);
	ck_assert_uint_eq(sum.retired, 1);
	/* The edited question kept its card. */
	ck_assert_int_eq(test_sql_int("SELECT reps FROM cards JOIN questions q ON q.id = question_id WHERE qid = 'q-2'"), 3);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM questions WHERE qid = 'q-2' AND explanation = 'Because.'"), 1);
	/* The retired one is hidden from study but kept. */
	ck_assert_int_eq(test_sql_int("SELECT queue FROM cards JOIN questions q ON q.id = question_id WHERE qid = 'q-3'"), -1);
	ck_assert_int_eq(store_count_questions(s, &active, &retired, NULL), 0);
	ck_assert_uint_eq(active, 3);
	ck_assert_uint_eq(retired, 1);

	/* Bring q-3 back: updated, visible again, new card state untouched. */
	test_write(test_dir, "b.csv", HDR
		   "q-1,T1,who,First?,,AWS,,,,,\n"
		   "q-2,T1,who,Second question?,,Customer,Because.,,,,\n"
		   "q-3,T2,choice,Third?,a|b|c,B,,,,A: no|C: no,\n"
		   "q-4,T2,truefalse,Fourth?,,true,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.updated, 1);
	ck_assert_uint_eq(sum.unchanged, 3);
	ck_assert_int_eq(test_sql_int("SELECT queue FROM cards JOIN questions q ON q.id = question_id WHERE qid = 'q-3'"), 0);
	store_close(s);
}
END_TEST

START_TEST(retire_only_in_scope)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;

	test_write(test_dir, "a.csv", HDR "a-1,T,who,A?,,AWS,,,,,\n", -1);
	test_write(test_dir, "b.csv", HDR "b-1,T,who,B?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "a.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	/* Importing another file does not retire a.csv's questions. */
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.retired, 0);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM questions WHERE retired"), 0);
	store_close(s);
}
END_TEST

START_TEST(duplicates)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;
	const char *paths[1] = { "d" };
	struct whose_error err;

	ck_assert_int_eq(mkdir("d", 0700), 0);
	test_write(test_dir, "d/a.csv", HDR "x-1,T,who,A?,,AWS,,,,,\nx-1,T,who,A again?,,AWS,,,,,\n", -1);
	test_write(test_dir, "d/b.csv", HDR "y-1,T,who,B?,,AWS,,,,,\nx-1,T,who,B again?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(store_import(s, paths, 1, false, NOW, &sum, &rep, NULL, NULL, &err), WHOSE_EDATA);
	ck_assert_uint_eq(rep.nerrors, 2);
	ck_assert_str_eq(rep.messages[0],
			 "d/a.csv:3: column 'id': duplicate id 'x-1' (first at d/a.csv:2): give each question its own id");
	ck_assert_str_eq(rep.messages[1],
			 "d/b.csv:3: column 'id': duplicate id 'x-1' (first at d/a.csv:2): give each question its own id");
	bank_report_free(&rep);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM questions"), 0);
	store_close(s);
}
END_TEST

START_TEST(failed_import_changes_nothing)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;
	uint64_t before;

	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q?,,AWS,,,,,\nq-2,T,who,Q2?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	store_close(s);
	before = test_db_digest(test_db);

	/* An edit, an addition, a removal, and one bad row. */
	s = test_open();
	test_write(test_dir, "b.csv", HDR "q-1,T,who,Edited?,,AWS,,,,,\nq-3,T2,who,New?,,AWS,,,,,\nq-4,T,who,Bad?,,Everyone,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), WHOSE_EDATA);
	ck_assert_uint_eq(rep.nerrors, 1);
	bank_report_free(&rep);
	store_close(s);
	ck_assert_uint_eq(test_db_digest(test_db), before);
}
END_TEST

START_TEST(dry_run_changes_nothing)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;
	uint64_t before;

	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	store_close(s);
	before = test_db_digest(test_db);
	s = test_open();
	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q edited?,,AWS,,,,,\nq-2,T,who,Q2?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", true, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_uint_eq(sum.added, 1);
	ck_assert_uint_eq(sum.updated, 1);
	store_close(s);
	ck_assert_uint_eq(test_db_digest(test_db), before);
}
END_TEST

START_TEST(bundled_sync)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	bool synced;

	ck_assert_int_eq(mkdir("bank", 0700), 0);
	test_write(test_dir, "bank/a.csv", HDR "a-1,T,who,A?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(store_sync_bundled(s, "bank", NOW, &synced, &sum, &rep, &err), 0);
	bank_report_free(&rep);
	ck_assert(synced);
	ck_assert_uint_eq(sum.added, 1);
	ck_assert_int_eq(store_sync_bundled(s, "bank", NOW, &synced, &sum, &rep, &err), 0);
	bank_report_free(&rep);
	ck_assert(!synced);
	test_write(test_dir, "bank/b.csv", HDR "b-1,T,who,B?,,AWS,,,,,\nb-2,T,who,C?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(store_sync_bundled(s, "bank", NOW, &synced, &sum, &rep, &err), 0);
	bank_report_free(&rep);
	ck_assert(synced);
	ck_assert_uint_eq(sum.added, 2);
	ck_assert_uint_eq(sum.unchanged, 1);
	store_close(s);
}
END_TEST

/*
 * A profile made before the interleaved order of new questions: at
 * version 9 its new cards take the order an import gives them today (the
 * same ranks as a fresh import of the same bank), answered ones keep
 * theirs, and the first new questions mix types.
 */
START_TEST(migration_v9_interleaves_old_new_cards)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;

	test_write(test_dir, "b.csv", HDR
		   "w-1,T,who,Q1?,,AWS,,,,,\n" "w-2,T,who,Q2?,,AWS,,,,,\n"
		   "w-3,T,who,Q3?,,AWS,,,,,\n" "w-4,T,who,Q4?,,AWS,,,,,\n"
		   "t-1,T,truefalse,T1.,,true,,,,,\n" "t-2,T,truefalse,T2.,,true,,,,,\n"
		   "c-1,T,choice,C1?,a|b,A,,,,,\n" "m-1,T,multi,M1?,a|b|c,A|B,,,,,\n"
		   "s-1,T,sort,S1.,x|y,AWS|Customer,,,,,\n"
		   "u-1,U,who,U1?,,AWS,,,,,\n" "u-2,U,who,U2?,,AWS,,,,,\n"
		   "v-1,U,truefalse,V1.,,false,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	store_close(s);
	/* The ranks of today's import, kept aside; then the old profile:
	 * new cards in bank order, one card answered. */
	test_sql_exec("CREATE TABLE fresh AS SELECT question_id, due FROM cards;"
		      "UPDATE cards SET due = question_id;"
		      "UPDATE cards SET state = 2, due = 12345 WHERE question_id = 1;"
		      "DROP TABLE unsent_results; DROP TABLE marks;"
		      "ALTER TABLE exams DROP COLUMN forgotten;"
		      "DROP TABLE question_text; DROP INDEX exam_answers_question;"
		      "DROP TRIGGER cards_due_hours_delete;"
		      "DROP TRIGGER cards_due_hours_update; DROP TABLE review_due_hours;"
		      "DROP INDEX reviews_introduced;"
		      "PRAGMA user_version = 8;");
	ck_assert_int_eq(test_sql_int("SELECT count(DISTINCT q.type) FROM (SELECT question_id"
				      " FROM cards WHERE state = 0 ORDER BY due LIMIT 3) c"
				      " JOIN questions q ON q.id = c.question_id"), 1);
	s = test_open();
	store_close(s);
	ck_assert_int_eq(test_sql_int("PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM cards c JOIN fresh f USING (question_id)"
				      " WHERE c.state = 0 AND c.due != f.due"), 0);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM cards WHERE state = 0"), 11);
	ck_assert_int_eq(test_sql_int("SELECT due FROM cards WHERE question_id = 1"), 12345);
	ck_assert_int_ge(test_sql_int("SELECT count(DISTINCT q.type) FROM (SELECT question_id"
				      " FROM cards WHERE state = 0 ORDER BY due LIMIT 4) c"
				      " JOIN questions q ON q.id = c.question_id"), 3);
}
END_TEST

START_TEST(migrates_from_v1)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;

	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q?,,AWS,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	store_close(s);
	/* Make it a version 1 database holding a log: two reviews of a card
	 * in the Review state, one recalled. */
	test_sql_exec("DROP TRIGGER cards_due_hours_delete;"
		      "DROP TRIGGER cards_due_hours_update; DROP TABLE review_due_hours;"
		      "DROP INDEX reviews_introduced;"
		      "DROP TABLE unsent_results; DROP TABLE marks; DROP TABLE question_text;"
		      "DROP TABLE class_answers; DROP TABLE classes;"
		      "DROP TABLE exam_answers; DROP TABLE exams;"
		      "DROP INDEX cards_leech; DROP INDEX questions_flagged;"
		      "DROP TABLE hourly;"
		      "DROP TRIGGER cards_visible; DROP TRIGGER cards_gone;"
		      "DROP TRIGGER cards_tally; DROP INDEX cards_seen;"
		      "ALTER TABLE cards DROP COLUMN answered;"
		      "ALTER TABLE cards DROP COLUMN answered_right;"
		      "ALTER TABLE topics DROP COLUMN first_answers;"
		      "ALTER TABLE topics DROP COLUMN first_correct;"
		      "ALTER TABLE topics DROP COLUMN visible;"
		      "ALTER TABLE topics DROP COLUMN retention_reviews;"
		      "ALTER TABLE topics DROP COLUMN retention_recalled;"
		      "PRAGMA user_version = 1;");
	test_sql_exec("INSERT INTO reviews(question_id, topic_id, reviewed_at, rating, correct,"
		      " mode, duration_ms, elapsed_days, state_before, state_after, due_before,"
		      " due_after, stability_before, stability_after, difficulty_before,"
		      " difficulty_after, elapsed_days_before, scheduled_days_before,"
		      " scheduled_days_after, learning_steps_before, learning_steps_after,"
		      " reps_before, lapses_before, last_review_before, leech_before,"
		      " suspended_before) VALUES"
		      " (1, 1, 1, 3, 1, 'review', 0, 0, 2, 2, 0, 0, 1, 1, 5, 5, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0),"
		      " (1, 1, 2, 1, 0, 'review', 0, 0, 2, 3, 0, 0, 1, 1, 5, 5, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0),"
		      " (1, 1, 3, 3, 1, 'practice', 0, 0, 2, 2, 0, 0, 1, 1, 5, 5, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0)");
	ck_assert_int_eq(test_sql_int("PRAGMA user_version"), 1);
	s = test_open();
	ck_assert_int_eq(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	ck_assert_int_eq(test_sql_int("PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM exams"), 0);
	/* v4 filled the hourly counts from the log: 3 answers, 2 right. */
	ck_assert_int_eq(test_sql_int("SELECT answers * 10 + correct FROM hourly WHERE hour = 0"), 32);
	ck_assert_int_eq(test_sql_int("SELECT retention_reviews * 10 + retention_recalled FROM topics"), 21);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM questions"), 1);
	/* v5 counted the visible cards and added the statistics index. */
	ck_assert_int_eq(test_sql_int("SELECT visible FROM topics"), 1);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM sqlite_master WHERE name IN"
				      " ('cards_visible', 'cards_gone')"), 2);
	/* v6: the index of seen cards instead of cards_memory; every answer
	 * (practice too) counted on its card and topic; true retention as
	 * before (no imported reviews); the first answers (none: the card
	 * was in the Review state). */
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM sqlite_master WHERE name IN"
				      " ('cards_seen', 'cards_tally', 'cards_memory')"), 2);
	ck_assert_int_eq(test_sql_int("SELECT answered * 10 + answered_right FROM cards"), 32);
	ck_assert_int_eq(test_sql_int("SELECT answers * 10 + correct FROM topics"), 32);
	ck_assert_int_eq(test_sql_int("SELECT first_answers FROM topics"), 0);
	/* v8 added the live classes' tables. */
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM sqlite_master WHERE name IN"
				      " ('classes', 'class_answers')"), 2);
	/* v10 added the bookmarks, empty. */
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM marks"), 0);
}
END_TEST

static int test_marked_walk(int64_t question_id, int64_t topic_id, void *ctx)
{
	int64_t *seen = ctx;

	(void)topic_id;
	seen[++seen[0]] = question_id;
	return seen[0] >= 8 ? 1 : 0;
}

/* Bookmarks: set, read, count, listed in the order made, kept across an
 * import that changes the question, apart from a flag, and an unknown
 * question named. */
START_TEST(marks_bookmark_questions)
{
	struct store *s = test_open();
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	struct store_listed *l;
	int64_t a, b, c, seen[9] = { 0 };
	size_t n;
	bool on;

	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q1?,,AWS,,,,,\n"
		   "q-2,T,who,Q2?,,AWS,,,,,\n" "q-3,U,truefalse,Q3.,,true,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_int_eq(store_question_find(s, "q-1", &a, &err), 0);
	ck_assert_int_eq(store_question_find(s, "q-2", &b, &err), 0);
	ck_assert_int_eq(store_question_find(s, "q-3", &c, &err), 0);

	ck_assert_int_eq(store_mark_get(s, b, &on, &err), 0);
	ck_assert(!on);
	ck_assert_int_eq(store_mark_count(s, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	/* Marked later first: the list follows the time of marking. */
	ck_assert_int_eq(store_mark_set(s, c, true, NOW + 1, &err), 0);
	ck_assert_int_eq(store_mark_set(s, b, true, NOW + 2, &err), 0);
	ck_assert_int_eq(store_mark_set(s, a, true, NOW + 3, &err), 0);
	/* Twice is once, and keeps the first time. */
	ck_assert_int_eq(store_mark_set(s, c, true, NOW + 9, &err), 0);
	ck_assert_int_eq(store_mark_get(s, c, &on, &err), 0);
	ck_assert(on);
	ck_assert_int_eq(store_mark_count(s, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(store_mark_set(s, a, false, NOW + 4, &err), 0);
	ck_assert_int_eq(store_mark_set(s, a, false, NOW + 5, &err), 0);
	ck_assert_int_eq(store_mark_get(s, a, &on, &err), 0);
	ck_assert(!on);
	ck_assert_int_eq(store_each_marked(s, test_marked_walk, seen, &err), 0);
	ck_assert_int_eq(seen[0], 2);
	ck_assert_int_eq(seen[1], c);
	ck_assert_int_eq(seen[2], b);

	/* A flag (a reported problem) takes it out of the practice set but
	 * not off the list, which says so; the mark stays. */
	ck_assert_int_eq(store_question_flag(s, c, true, "odd", &err), 0);
	seen[0] = 0;
	ck_assert_int_eq(store_each_marked(s, test_marked_walk, seen, &err), 0);
	ck_assert_int_eq(seen[0], 1);
	ck_assert_int_eq(seen[1], b);
	ck_assert_int_eq(store_list_marked(s, 10, &l, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(l[0].qid, "q-3");
	ck_assert_str_eq(l[0].topic, "U");
	ck_assert_str_eq(l[0].note, "flagged");
	ck_assert_str_eq(l[1].qid, "q-2");
	ck_assert_str_eq(l[1].text, "Q2?");
	ck_assert_str_eq(l[1].note, "");
	store_listed_free(l, n);

	/* An import that changes q-2 keeps its mark; one that retires it
	 * drops it from the list and the count. */
	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q1?,,AWS,,,,,\n"
		   "q-2,T,who,Q2 changed?,,Customer,,,,,\n" "q-3,U,truefalse,Q3.,,true,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_int_eq(store_mark_get(s, b, &on, &err), 0);
	ck_assert(on);
	test_write(test_dir, "b.csv", HDR "q-1,T,who,Q1?,,AWS,,,,,\n"
		   "q-3,U,truefalse,Q3.,,true,,,,,\n", -1);
	ck_assert_int_eq(test_import(s, "b.csv", false, &sum, &rep), 0);
	bank_report_free(&rep);
	ck_assert_int_eq(store_mark_count(s, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	seen[0] = 0;
	ck_assert_int_eq(store_each_marked(s, test_marked_walk, seen, &err), 0);
	ck_assert_int_eq(seen[0], 0);

	/* No such question: named, nothing written. */
	whose_error_clear(&err);
	ck_assert_int_eq(store_mark_set(s, 999999, true, NOW, &err), WHOSE_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "999999"));
	store_close(s);
	ck_assert_int_eq(test_sql_int("SELECT count(*) FROM marks"), 2);
	ck_assert_int_eq(test_sql_int("SELECT marked_at FROM marks WHERE question_id ="
				      " (SELECT id FROM questions WHERE qid = 'q-3')"), NOW + 1);
}
END_TEST


/* The size of the test database's write-ahead log, in frames. */
static long long test_wal_frames(void)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s-wal", test_db);
	if (stat(path, &st) != 0)
		return 0;
	/* a 32-byte header, then frames of a 24-byte header and a page */
	return st.st_size <= 32 ? 0 : (long long)(st.st_size - 32) / (24 + 8192);
}

/* Commit one setting of about 40 KB (several pages) under key I mod 50. */
static void test_big_commit(struct store *s, int i)
{
	static char value[40001];
	char key[32];
	struct whose_error err;

	memset(value, 'a' + i % 26, sizeof(value) - 1);
	snprintf(key, sizeof(key), "test.big.%d", i % 50);
	ck_assert_int_eq(store_setting_set(s, key, value, &err), 0);
}

/*
 * No commit waits on a checkpoint: SQLite's automatic one (at 1000
 * pages) is off, the WAL grows past it until store_idle copies it back,
 * and a commit checkpoints only past STORE_WAL_MAX_PAGES, so the WAL
 * stays bounded when nobody is ever idle.
 */
START_TEST(checkpoint_waits_for_idle)
{
	struct store *s = test_open();
	int i = 0, most = 0;

	while (s->wal_pages < STORE_WAL_IDLE_PAGES + 500 && i < 1000)
		test_big_commit(s, i++);
	/* Past SQLite's 1000 pages and no checkpoint: the file holds them
	 * all (SQLite's own would have started the log again at 1000). */
	ck_assert_int_ge(test_wal_frames(), STORE_WAL_IDLE_PAGES + 500);
	store_idle(s);
	ck_assert_int_eq(s->wal_pages, 0);
	test_big_commit(s, i++);
	ck_assert_int_lt(s->wal_pages, 100);       /* the log started again */
	/* Never idle: bounded all the same. */
	for (int k = 0; k < 2 * STORE_WAL_MAX_PAGES / 5; k++) {
		test_big_commit(s, i++);
		if (s->wal_pages > most)
			most = s->wal_pages;
	}
	ck_assert_int_lt(most, STORE_WAL_MAX_PAGES + 100);
	ck_assert_int_lt(test_wal_frames(), STORE_WAL_MAX_PAGES + 100);
	store_close(s);
}
END_TEST

Suite *test_store_suite(void);
Suite *test_store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, create_and_permissions);
	tcase_add_test(tc, refuses_foreign_and_newer);
	tcase_add_test(tc, settings);
	tcase_add_test(tc, upsert_and_retire);
	tcase_add_test(tc, retire_only_in_scope);
	tcase_add_test(tc, duplicates);
	tcase_add_test(tc, failed_import_changes_nothing);
	tcase_add_test(tc, dry_run_changes_nothing);
	tcase_add_test(tc, bundled_sync);
	tcase_add_test(tc, migrates_from_v1);
	tcase_add_test(tc, migration_v9_interleaves_old_new_cards);
	tcase_add_test(tc, marks_bookmark_questions);
	tcase_add_test(tc, checkpoint_waits_for_idle);
	suite_add_tcase(s, tc);
	return s;
}
