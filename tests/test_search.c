/*
 * test_search.c - store_search.c: the learner's words made into an FTS5
 * query (escaping, phrases, prefixes, stray quotes), the search's filters
 * and orders, bm25 ranking, and the full-text index kept in step with the
 * bank through import, re-import, retirement, a failed import and the
 * migration that builds it for an older profile.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/fsrs.h"
#include "whose/store.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define NOW 1767225600000LL /* 2026-01-01T00:00:00Z */
#define DAY 86400000LL

static char *test_dir;
static char test_db[4096];
static struct fsrs_params test_params;

static void test_setup(void)
{
	test_dir = test_tmpdir();
	snprintf(test_db, sizeof(test_db), "%s/t.db", test_dir);
	ck_assert_int_eq(chdir(test_dir), 0);
	fsrs_params_default(&test_params);
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

static void test_sql(const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	ck_assert_int_eq(sqlite3_open(test_db, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql, msg);
	sqlite3_close(db);
}

/* The index agrees with the questions it was built from: FTS5's own
 * check of an external-content table against its content. */
static void test_index_consistent(void)
{
	test_sql("INSERT INTO question_text(question_text, rank) VALUES ('integrity-check', 1)");
}

static int test_import_text(struct store *s, const char *csv)
{
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "b.csv" };
	int rc;

	test_write(test_dir, "b.csv", csv, -1);
	whose_error_clear(&err);
	rc = store_import(s, paths, 1, false, NOW, &sum, &rep, NULL, NULL, &err);
	bank_report_free(&rep);
	return rc;
}

/* The ids Q finds, joined by spaces, into a static buffer ("" for none;
 * "error" when the search fails). */
static const char *test_ids(struct store *s, const struct store_search_query *q)
{
	static char buf[1024];
	struct store_hit *h = NULL;
	struct whose_error err;
	size_t n = 0;

	whose_error_clear(&err);
	buf[0] = '\0';
	if (store_search(s, q, &test_params, NOW, &h, &n, &err) < 0)
		return "error";
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(buf, " ");
		strcat(buf, h[i].qid);
	}
	store_hits_free(h, n);
	return buf;
}

static const char *test_words(struct store *s, const char *words)
{
	struct store_search_query q = { .words = words, .topic_id = -1 };

	return test_ids(s, &q);
}

/* What store_search_match makes of WORDS, or "ERROR: " and the message. */
static const char *test_match(const char *words, bool prefix_last)
{
	static char buf[1200];
	struct whose_error err;
	char *m = NULL;

	whose_error_clear(&err);
	if (store_search_match(words, prefix_last, &m, &err) < 0) {
		ck_assert_int_eq(err.code, WHOSE_EINVAL);
		snprintf(buf, sizeof(buf), "ERROR: %s", err.msg);
		return buf;
	}
	snprintf(buf, sizeof(buf), "%s", m != NULL ? m : "(none)");
	free(m);
	return buf;
}

START_TEST(match_quotes_every_word)
{
	ck_assert_str_eq(test_match("s3 bucket", false), "\"s3\" \"bucket\"");
	ck_assert_str_eq(test_match("  encrypt*  ", false), "\"encrypt\"*");
	ck_assert_str_eq(test_match("\"shared responsibility\" model", false),
			 "\"shared responsibility\" \"model\"");
	ck_assert_str_eq(test_match("\"bucket pol\"*", false), "\"bucket pol\"*");
	/* FTS5 operators and syntax are words like any other. */
	ck_assert_str_eq(test_match("NOT AND OR NEAR(a b) ^x col:y -z +w", false),
			 "\"NOT\" \"AND\" \"OR\" \"NEAR(a\" \"b)\" \"^x\" \"col:y\" \"-z\" \"+w\"");
	/* A quote ends a word and opens a phrase. */
	ck_assert_str_eq(test_match("ab\"c d\"e", false), "\"ab\" \"c d\" \"e\"");
	ck_assert_str_eq(test_match("", false), "(none)");
	ck_assert_str_eq(test_match(" \t\n", false), "(none)");
	ck_assert_str_eq(test_match("\"  \"", false), "(none)");
}
END_TEST

START_TEST(match_prefix_last_for_live_typing)
{
	ck_assert_str_eq(test_match("shared resp", true), "\"shared\" \"resp\"*");
	/* A space after the last word: it is finished. */
	ck_assert_str_eq(test_match("shared resp ", true), "\"shared\" \"resp\"");
	ck_assert_str_eq(test_match("encrypt*", true), "\"encrypt\"*");
	/* One character alone is no prefix: it would match most of a bank. */
	ck_assert_str_eq(test_match("shared r", true), "\"shared\" \"r\"");
	ck_assert_str_eq(test_match("shared é", true), "\"shared\" \"é\"");
	ck_assert_str_eq(test_match("shared éa", true), "\"shared\" \"éa\"*");
	/* A phrase is not made a prefix by itself. */
	ck_assert_str_eq(test_match("\"a b\"", true), "\"a b\"");
}
END_TEST

START_TEST(match_refuses_stray_quotes_and_stars)
{
	const char *m = test_match("bucket \"policy", false);

	ck_assert_msg(strstr(m, "ERROR: ") == m && strstr(m, "character 8") != NULL &&
		      strstr(m, "not closed") != NULL, "%s", m);
	m = test_match("\"", false);
	ck_assert_msg(strstr(m, "ERROR: ") == m, "%s", m);
	m = test_match("a * b", false);
	ck_assert_msg(strstr(m, "ERROR: ") == m && strstr(m, "character 3") != NULL, "%s", m);
	m = test_match("**", false);
	ck_assert_msg(strstr(m, "ERROR: ") == m, "%s", m);
}
END_TEST

static const char test_bank[] = HDR
	"s3-1,S3,who,Who encrypts new objects in a bucket?,,AWS,SSE-S3 is on by default.,src,encryption|defaults,,\n"
	"s3-2,S3,choice,Which setting blocks public access?,Block Public Access|Versioning,A,Bucket policies too.,src,access,,\n"
	"s3-3,S3,truefalse,Object Lock needs versioning.,,true,Encryption is unrelated here.,src,lock,,\n"
	"iam-1,IAM,who,Who rotates access keys for IAM users?,,Customer,Keys are yours.,src,keys,,\n"
	"iam-2,IAM,sort,Sort these IAM duties.,Root MFA|IAM service uptime,Customer|AWS,Sorted.,src,mfa,,\n"
	"ec2-1,EC2,who,Who patches the guest OS (s3:GetObject aside)?,,Customer,The OS is yours.,src,patching,,\n";

START_TEST(search_finds_words_and_ranks_by_bm25)
{
	struct store *s = test_open();

	ck_assert_int_eq(test_import_text(s, test_bank), 0);
	test_index_consistent();
	/* In the question of s3-1, only in the explanation of s3-3: the
	 * question's own text ranks first. */
	ck_assert_str_eq(test_words(s, "encryption"), "s3-1 s3-3");
	ck_assert_str_eq(test_words(s, "encrypts"), "s3-1");
	ck_assert_str_eq(test_words(s, "encrypt*"), "s3-1 s3-3");
	/* Words are ANDed; a phrase keeps its order. */
	ck_assert_str_eq(test_words(s, "access keys"), "iam-1");
	ck_assert_str_eq(test_words(s, "\"public access\""), "s3-2");
	ck_assert_str_eq(test_words(s, "\"access public\""), "");
	/* Choices and tags are searched too. */
	ck_assert_str_eq(test_words(s, "versioning"), "s3-3 s3-2");
	ck_assert_str_eq(test_words(s, "mfa"), "iam-2");
	/* What would be FTS5 syntax is only words: no error. */
	ck_assert_str_eq(test_words(s, "s3:GetObject"), "ec2-1");
	ck_assert_str_eq(test_words(s, "NOT"), "");
	ck_assert_str_eq(test_words(s, "OR access"), "");
	ck_assert_str_eq(test_words(s, "(guest"), "ec2-1");
	ck_assert_str_eq(test_words(s, "-"), "");
	ck_assert_str_eq(test_words(s, "Ünïcödé"), "");
	/* With a limit and no filter, the index ranks alone (STMT_SEARCH_TOP):
	 * the same best hits in the same order. */
	{
		struct store_search_query q = { .words = "encrypt*", .topic_id = -1, .limit = 1 };

		ck_assert_str_eq(test_ids(s, &q), "s3-1");
		q.limit = 5;
		ck_assert_str_eq(test_ids(s, &q), "s3-1 s3-3");
		q.words = "versioning";
		ck_assert_str_eq(test_ids(s, &q), "s3-3 s3-2");
		q.type = "choice";  /* a filter: the other statement */
		ck_assert_str_eq(test_ids(s, &q), "s3-2");
	}
	/* A stray quote is the learner's mistake, named as such. */
	ck_assert_str_eq(test_words(s, "\"bucket"), "error");
	/* No words: every question, by id. */
	ck_assert_str_eq(test_words(s, NULL), "ec2-1 iam-1 iam-2 s3-1 s3-2 s3-3");
	{
		/* ... and the first of them from the index on ids. */
		struct store_search_query q = { .topic_id = -1, .limit = 2 };

		ck_assert_str_eq(test_ids(s, &q), "ec2-1 iam-1");
		q.sort = STORE_SORT_ID;
		ck_assert_str_eq(test_ids(s, &q), "ec2-1 iam-1");
	}
	store_close(s);
}
END_TEST

START_TEST(search_filters_are_anded)
{
	struct store *s = test_open();
	struct store_search_query q = { .topic_id = -1 };
	struct whose_error err;
	int64_t s3, id;

	ck_assert_int_eq(test_import_text(s, test_bank), 0);
	whose_error_clear(&err);
	ck_assert_int_eq(store_topic_find(s, "s3", &s3, &err), 0);
	q.topic_id = s3;
	ck_assert_str_eq(test_ids(s, &q), "s3-1 s3-2 s3-3");
	q.type = "who";
	ck_assert_str_eq(test_ids(s, &q), "s3-1");
	q.words = "versioning";
	ck_assert_str_eq(test_ids(s, &q), "");
	q.type = NULL;
	ck_assert_str_eq(test_ids(s, &q), "s3-3 s3-2");

	/* States: suspended, flagged, a card in review due or not. */
	ck_assert_int_eq(store_question_find(s, "s3-2", &id, &err), 0);
	ck_assert_int_eq(store_card_suspend(s, id, &err), 0);
	ck_assert_int_eq(store_question_find(s, "iam-1", &id, &err), 0);
	ck_assert_int_eq(store_question_flag(s, id, true, "typo", &err), 0);
	test_sql("UPDATE cards SET state = 2, stability = 10, difficulty = 5, reps = 3,"
		 " lapses = 2, leech = 1, last_review = 1767225600000 - 5 * 86400000,"
		 " due = 1767225600000 - 1000 WHERE question_id = (SELECT id FROM questions WHERE qid = 'ec2-1');"
		 "UPDATE cards SET state = 2, stability = 1, difficulty = 7, reps = 1,"
		 " last_review = 1767225600000 - 5 * 86400000,"
		 " due = 1767225600000 + 86400000 WHERE question_id = (SELECT id FROM questions WHERE qid = 'iam-2');");
	memset(&q, 0, sizeof(q));
	q.topic_id = -1;
	q.state = STORE_SEARCH_SUSPENDED;
	ck_assert_str_eq(test_ids(s, &q), "s3-2");
	q.state = STORE_SEARCH_FLAGGED;
	ck_assert_str_eq(test_ids(s, &q), "iam-1");
	q.state = STORE_SEARCH_REVIEW;
	ck_assert_str_eq(test_ids(s, &q), "ec2-1 iam-2");
	q.state = STORE_SEARCH_DUE;
	ck_assert_str_eq(test_ids(s, &q), "ec2-1");
	q.state = STORE_SEARCH_LEECH;
	ck_assert_str_eq(test_ids(s, &q), "ec2-1");
	q.state = STORE_SEARCH_NEW;  /* not the suspended one, nor the flagged */
	ck_assert_str_eq(test_ids(s, &q), "s3-1 s3-3");
	/* Marks: the keys' bookmarks, apart from every other state. */
	ck_assert_int_eq(store_question_find(s, "s3-3", &id, &err), 0);
	ck_assert_int_eq(store_mark_set(s, id, true, NOW, &err), 0);
	ck_assert_int_eq(store_question_find(s, "ec2-1", &id, &err), 0);
	ck_assert_int_eq(store_mark_set(s, id, true, NOW, &err), 0);
	q.state = STORE_SEARCH_MARKED;
	ck_assert_str_eq(test_ids(s, &q), "ec2-1 s3-3");
	ck_assert_int_eq(store_mark_set(s, id, false, NOW, &err), 0);
	ck_assert_str_eq(test_ids(s, &q), "s3-3");
	q.state = STORE_SEARCH_NEW;
	ck_assert_str_eq(test_ids(s, &q), "s3-1 s3-3");
	/* Orders: due (new ones last), lapses, retrievability (lowest first:
	 * iam-2 has the smaller stability), with a limit. */
	q.state = STORE_SEARCH_ANY;
	q.sort = STORE_SORT_DUE;
	q.limit = 2;
	ck_assert_str_eq(test_ids(s, &q), "ec2-1 iam-2");
	q.sort = STORE_SORT_LAPSES;
	q.limit = 1;
	ck_assert_str_eq(test_ids(s, &q), "ec2-1");
	q.sort = STORE_SORT_RETRIEVABILITY;
	q.limit = 3;
	ck_assert_str_eq(test_ids(s, &q), "iam-2 ec2-1 iam-1");

	/* Wrong in exam 1: s3-1 wrong, s3-2 right, iam-1 unanswered. */
	test_sql("INSERT INTO exams(id, started_at, minutes, pass_percent, questions, seed)"
		 " VALUES (1, 0, 90, 70, 3, 1);"
		 "INSERT INTO exam_answers(exam_id, position, question_id, topic_id, response, correct)"
		 " SELECT 1, id, id, topic_id, CASE qid WHEN 's3-1' THEN 'Customer' WHEN 's3-2' THEN 'A'"
		 " END, qid = 's3-2' FROM questions WHERE qid IN ('s3-1', 's3-2', 'iam-1');");
	memset(&q, 0, sizeof(q));
	q.topic_id = -1;
	q.wrong_in_exam = 1;
	ck_assert_str_eq(test_ids(s, &q), "iam-1 s3-1");
	q.topic_id = s3;
	ck_assert_str_eq(test_ids(s, &q), "s3-1");
	q.wrong_in_exam = 2;
	ck_assert_str_eq(test_ids(s, &q), "");
	store_close(s);
}
END_TEST

START_TEST(search_hit_fields_come_from_the_card)
{
	struct store *s = test_open();
	struct store_search_query q = { .words = "guest", .topic_id = -1 };
	struct store_hit *h = NULL;
	struct whose_error err;
	size_t n = 0;

	ck_assert_int_eq(test_import_text(s, test_bank), 0);
	test_sql("UPDATE cards SET state = 2, stability = 10, difficulty = 5, reps = 3,"
		 " lapses = 2, last_review = 1767225600000 - 10 * 86400000,"
		 " due = 1767225600000 WHERE question_id = (SELECT id FROM questions WHERE qid = 'ec2-1')");
	whose_error_clear(&err);
	ck_assert_int_eq(store_search(s, &q, &test_params, NOW, &h, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].qid, "ec2-1");
	ck_assert_str_eq(h[0].topic, "EC2");
	ck_assert_str_eq(h[0].type, "who");
	ck_assert_str_eq(store_hit_state(&h[0]), "review");
	ck_assert(!h[0].marked);
	ck_assert_int_eq(h[0].lapses, 2);
	/* Ten days after a review with a stability of ten days: 90%. */
	ck_assert_double_eq_tol(h[0].recall, fsrs_recall(&test_params, 10.0, 10 * DAY), 1e-12);
	ck_assert_double_eq_tol(h[0].recall, 0.9, 0.005);
	store_hits_free(h, n);
	q.words = "buckets";
	ck_assert_int_eq(store_search(s, &q, &test_params, NOW, &h, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	store_hits_free(h, n);
	q.words = "rotates";
	ck_assert_int_eq(store_search(s, &q, &test_params, NOW, &h, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_double_eq(h[0].recall, -1.0);  /* never studied */
	store_hits_free(h, n);
	store_close(s);
}
END_TEST

START_TEST(index_follows_reimport_retirement_and_failure)
{
	struct store *s = test_open();

	ck_assert_int_eq(test_import_text(s, test_bank), 0);
	ck_assert_str_eq(test_words(s, "rotates"), "iam-1");
	/* Re-import: iam-1 reworded, s3-3 gone (retired), a new one. */
	ck_assert_int_eq(test_import_text(s, HDR
		"s3-1,S3,who,Who encrypts new objects in a bucket?,,AWS,SSE-S3 is on by default.,src,encryption|defaults,,\n"
		"s3-2,S3,choice,Which setting blocks public access?,Block Public Access|Versioning,A,Bucket policies too.,src,access,,\n"
		"iam-1,IAM,who,Who deletes unused access keys?,,Customer,Keys are yours.,src,keys,,\n"
		"iam-2,IAM,sort,Sort these IAM duties.,Root MFA|IAM service uptime,Customer|AWS,Sorted.,src,mfa,,\n"
		"ec2-1,EC2,who,Who patches the guest OS (s3:GetObject aside)?,,Customer,The OS is yours.,src,patching,,\n"
		"ec2-2,EC2,who,Who rotates the host hardware?,,AWS,Hardware is AWS's.,src,,,\n"), 0);
	test_index_consistent();
	ck_assert_str_eq(test_words(s, "rotates"), "ec2-2");
	ck_assert_str_eq(test_words(s, "deletes"), "iam-1");
	/* The retired one is still found, and shown as retired. */
	{
		struct store_search_query q = { .words = "Object Lock", .topic_id = -1 };
		struct store_hit *h = NULL;
		struct whose_error err;
		size_t n = 0;

		whose_error_clear(&err);
		ck_assert_int_eq(store_search(s, &q, &test_params, NOW, &h, &n, &err), 0);
		ck_assert_uint_eq(n, 1);
		ck_assert_str_eq(h[0].qid, "s3-3");
		ck_assert(h[0].retired);
		ck_assert_str_eq(store_hit_state(&h[0]), "retired");
		store_hits_free(h, n);
		q.words = NULL;
		q.state = STORE_SEARCH_RETIRED;
		ck_assert_str_eq(test_ids(s, &q), "s3-3");
	}
	/* Back in the bank with new words: found by those alone. */
	ck_assert_int_eq(test_import_text(s, HDR
		"s3-3,S3,truefalse,Object Lock needs bucket versioning on.,,true,Compliance mode.,src,lock,,\n"), 0);
	test_index_consistent();
	ck_assert_str_eq(test_words(s, "compliance"), "s3-3");
	ck_assert_str_eq(test_words(s, "unrelated"), "");
	/* A failed import changes the index no more than the questions. */
	ck_assert_int_eq(test_import_text(s, HDR
		"s3-3,S3,truefalse,Galaxies far away.,,true,x,src,,,\n"
		"s3-4,S3,who,Broken row,,Nobody,x,src,,,\n"), WHOSE_EDATA);
	test_index_consistent();
	ck_assert_str_eq(test_words(s, "galaxies"), "");
	ck_assert_str_eq(test_words(s, "compliance"), "s3-3");
	store_close(s);
}
END_TEST

START_TEST(migration_builds_the_index)
{
	struct store *s = test_open();

	ck_assert_int_eq(test_import_text(s, test_bank), 0);
	store_close(s);
	/* A profile from before version 11: no index. */
	test_sql("DROP TABLE question_text; DROP INDEX exam_answers_question;"
		 "DROP TABLE marks; ALTER TABLE exams DROP COLUMN forgotten;"
		 "DROP TRIGGER cards_due_hours_delete;"
		 "DROP TRIGGER cards_due_hours_update; DROP TABLE review_due_hours;"
		 "DROP INDEX reviews_introduced;"
		 "PRAGMA user_version = 9;");
	s = test_open();
	ck_assert_int_eq(store_schema_version(s), STORE_SCHEMA_VERSION);
	test_index_consistent();
	ck_assert_str_eq(test_words(s, "encryption"), "s3-1 s3-3");
	ck_assert_str_eq(test_words(s, "mfa"), "iam-2");
	store_close(s);
	/* Version 12 landed before 11: a profile brought to 12 without it
	 * gets the index all the same, and stays at its version. */
	test_sql("DROP TABLE question_text; DROP INDEX exam_answers_question;"
		 "DROP TRIGGER cards_due_hours_delete;"
		 "DROP TRIGGER cards_due_hours_update; DROP TABLE review_due_hours;"
		 "DROP INDEX reviews_introduced;"
		 "PRAGMA user_version = 12;");
	s = test_open();
	ck_assert_int_eq(store_schema_version(s), STORE_SCHEMA_VERSION);
	test_index_consistent();
	ck_assert_str_eq(test_words(s, "mfa"), "iam-2");
	store_close(s);
}
END_TEST

static int test_count_rows(const struct store_history_row *r, void *ctx)
{
	size_t *n = ctx;

	ck_assert(r->scheduled == (strcmp(r->mode, "review") == 0));
	(*n)++;
	return 0;
}

static int test_count_exams(const struct store_exam_asked *a, void *ctx)
{
	size_t *n = ctx;

	ck_assert_int_eq(a->exam_id, 4);
	ck_assert_str_eq(a->response, "AWS");
	ck_assert(a->finished);
	(*n)++;
	return 0;
}

START_TEST(history_lists_answers_and_exams)
{
	struct store *s = test_open();
	struct whose_error err;
	size_t n = 0;
	int64_t id;

	ck_assert_int_eq(test_import_text(s, test_bank), 0);
	whose_error_clear(&err);
	ck_assert_int_eq(store_question_find(s, "s3-1", &id, &err), 0);
	test_sql("INSERT INTO reviews(question_id, topic_id, reviewed_at, rating, correct,"
		 " mode, duration_ms, elapsed_days, state_before, state_after, due_before,"
		 " due_after, stability_before, stability_after, difficulty_before,"
		 " difficulty_after, elapsed_days_before, scheduled_days_before,"
		 " scheduled_days_after, learning_steps_before, learning_steps_after,"
		 " reps_before, lapses_before, last_review_before, leech_before,"
		 " suspended_before) SELECT id, topic_id, t, 3, 1, m, 0, 0, 0, 1, 0, t + 600000,"
		 " 0, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0 FROM questions,"
		 " (SELECT 1 AS t, 'review' AS m UNION ALL SELECT 2, 'practice') WHERE qid = 's3-1';"
		 "INSERT INTO exams(id, started_at, finished_at, minutes, pass_percent, questions, seed)"
		 " VALUES (4, 10, 20, 90, 70, 1, 1);"
		 "INSERT INTO exam_answers(exam_id, position, question_id, topic_id, response, correct)"
		 " SELECT 4, 0, id, topic_id, 'AWS', 1 FROM questions WHERE qid = 's3-1';");
	ck_assert_int_eq(store_question_history(s, id, test_count_rows, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	n = 0;
	ck_assert_int_eq(store_question_exams(s, id, test_count_exams, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	store_close(s);
}
END_TEST

START_TEST(hits_sort_by_any_column)
{
	struct store_hit h[4];
	const char *ids[4] = { "b", "a", "d", "c" };
	char got[16];

	memset(h, 0, sizeof(h));
	for (int i = 0; i < 4; i++) {
		snprintf(h[i].qid, sizeof(h[i].qid), "%s", ids[i]);
		h[i].text = (char *)ids[i];
		h[i].state = FSRS_STATE_REVIEW;
		h[i].recall = -1;
	}
	h[0].due = 30; h[0].lapses = 1; h[0].recall = 0.5;
	h[1].state = FSRS_STATE_NEW;        /* no due date: last either way */
	h[2].due = 10; h[2].lapses = 3; h[2].recall = 0.9;
	h[3].due = 20; h[3].lapses = 3;     /* no recall: last either way */
#define TEST_ORDER(col, desc, want) do { \
		store_hits_sort(h, 4, col, desc); \
		for (int i = 0; i < 4; i++) \
			got[i] = h[i].qid[0]; \
		got[4] = '\0'; \
		ck_assert_str_eq(got, want); \
	} while (0)
	TEST_ORDER(STORE_HIT_ID, false, "abcd");
	TEST_ORDER(STORE_HIT_ID, true, "dcba");
	TEST_ORDER(STORE_HIT_DUE, false, "dcba");
	TEST_ORDER(STORE_HIT_DUE, true, "bcda");
	TEST_ORDER(STORE_HIT_RECALL, false, "bdac");
	TEST_ORDER(STORE_HIT_RECALL, true, "dbca");
	/* Ties by id, turned with the order. */
	TEST_ORDER(STORE_HIT_LAPSES, false, "abcd");
	TEST_ORDER(STORE_HIT_LAPSES, true, "dcba");
	TEST_ORDER(STORE_HIT_STATE, false, "abcd");
#undef TEST_ORDER
}
END_TEST

Suite *test_search_suite(void);

Suite *test_search_suite(void)
{
	Suite *su = suite_create("search");
	TCase *tc = tcase_create("search");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, match_quotes_every_word);
	tcase_add_test(tc, match_prefix_last_for_live_typing);
	tcase_add_test(tc, match_refuses_stray_quotes_and_stars);
	tcase_add_test(tc, search_finds_words_and_ranks_by_bm25);
	tcase_add_test(tc, search_filters_are_anded);
	tcase_add_test(tc, search_hit_fields_come_from_the_card);
	tcase_add_test(tc, index_follows_reimport_retirement_and_failure);
	tcase_add_test(tc, migration_builds_the_index);
	tcase_add_test(tc, history_lists_answers_and_exams);
	tcase_add_test(tc, hits_sort_by_any_column);
	suite_add_tcase(su, tc);
	return su;
}
