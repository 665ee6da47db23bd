/*
 * test_report.c - a class's drill results summed up: the arithmetic on
 * known rows (shares, hardest first, topics, students, rounding), results
 * files with malformed rows reported as file:line, and topics looked up in
 * the database by bank id; the current format (drills left early apart
 * from scores, seeds whose fingerprints differ), a student called "name",
 * rows grouped by account, and hostile files (a FIFO, a link, an escape
 * in a file name).  The format of a results file on its own (cells,
 * reading back after a broken record, appends) is tested in
 * test_results.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "whose/figures.h"
#include "whose/report.h"
#include "whose/results.h"

#define HDR "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
#define RESULTS "name,finished_at,seed,score,total,answers\n"
#define T0 1772359200000LL

static char *test_dir;

static void test_setup(void)
{
	test_dir = test_tmpdir();
	ck_assert_int_eq(chdir(test_dir), 0);
}

static void test_teardown(void)
{
	test_rmtree(test_dir);
}

static struct report *test_report(void)
{
	struct report *r;
	struct whose_error err;

	ck_assert_int_eq(report_new(&r, &err), 0);
	return r;
}

/* A complete row without a fingerprint, as in a file of an older whose. */
static int test_row(struct report *r, const char *name, size_t score, size_t total,
		    const char *answers, char *msg, size_t msglen)
{
	struct results_row row = { .name = name, .score = score, .total = total,
				  .answers = answers, .complete = true };

	return report_add_row(r, &row, msg, msglen);
}

static void test_add(struct report *r, const char *name, size_t score, size_t total,
		     const char *answers)
{
	char msg[256] = "";

	ck_assert_msg(test_row(r, name, score, total, answers, msg, sizeof(msg)) == 0,
		      "%s", msg);
}

START_TEST(known_rows)
{
	struct report *r = test_report();
	const struct report_question *q;
	const struct report_topic *t;
	const struct report_student *st;
	struct whose_error err;
	size_t n;

	/* Three drills, two students, four questions. */
	test_add(r, "ann", 2, 3, "q1=1 q2=1 q3=0");
	test_add(r, "bob", 1, 3, "q1=0 q2=1 q3=0");
	test_add(r, "ann", 3, 4, "q4=1 q1=1 q2=0 q3=1");
	ck_assert_uint_eq(report_rows(r), 3);
	ck_assert_int_eq(report_resolve(r, NULL, &err), 0);

	/* q3 1/3, q1 2/3, q2 2/3, q4 1/1: hardest first; equal shares go to
	 * the one with more answers, then by id. */
	q = report_questions(r, &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(q[0].qid, "q3");
	ck_assert_uint_eq(q[0].right, 1);
	ck_assert_uint_eq(q[0].asked, 3);
	ck_assert_str_eq(q[1].qid, "q1");
	ck_assert_uint_eq(q[1].right, 2);
	ck_assert_uint_eq(q[1].asked, 3);
	ck_assert_str_eq(q[2].qid, "q2");
	ck_assert_str_eq(q[3].qid, "q4");
	ck_assert_uint_eq(q[3].asked, 1);
	ck_assert_str_eq(q[0].topic, REPORT_UNKNOWN_TOPIC);
	ck_assert_str_eq(q[0].text, "");

	t = report_topics(r, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(t[0].questions, 4);
	ck_assert_uint_eq(t[0].asked, 10);
	ck_assert_uint_eq(t[0].right, 6);

	st = report_students(r, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(st[0].name, "ann");
	ck_assert_uint_eq(st[0].drills, 2);
	ck_assert_uint_eq(st[0].right, 5);
	ck_assert_uint_eq(st[0].total, 7);
	ck_assert_int_eq(figures_percent(st[0].right, st[0].total), 71);
	ck_assert_str_eq(st[1].name, "bob");
	ck_assert_uint_eq(st[1].drills, 1);
	ck_assert_uint_eq(st[1].right, 1);
	ck_assert_uint_eq(st[1].total, 3);
	report_free(r);
}
END_TEST

START_TEST(rows_that_do_not_add_up)
{
	struct report *r = test_report();
	char msg[256];

	ck_assert_int_eq(test_row(r, "x", 2, 3, "q1=1 q2=1", msg, sizeof(msg)), 1);
	ck_assert_str_eq(msg, "column 'answers': 2 answers, but the total is 3");
	ck_assert_int_eq(test_row(r, "x", 1, 2, "q1=1 q2=1", msg, sizeof(msg)), 1);
	ck_assert_str_eq(msg, "column 'score': 1, but the answers hold 2 right");
	ck_assert_int_eq(test_row(r, "x", 4, 3, "q1=1 q2=1 q3=1", msg, sizeof(msg)), 1);
	ck_assert_str_eq(msg, "column 'score': 4 is more than the total, 3");
	ck_assert_int_eq(test_row(r, "x", 1, 2, "q1=1 q1=0", msg, sizeof(msg)), 1);
	ck_assert_str_eq(msg, "column 'answers': question 'q1' appears twice");
	ck_assert_int_eq(test_row(r, "x", 1, 2, "q1=1 q2=yes", msg, sizeof(msg)), 1);
	ck_assert_str_eq(msg, "column 'answers': 'q2=yes' is not id=1 (right) or id=0 (wrong) (id=- only in an incomplete drill)");
	ck_assert_int_eq(test_row(r, "x", 1, 2, "q1=1 q2=-", msg, sizeof(msg)), 1);
	ck_assert_int_eq(test_row(r, "x", 0, 1, "=1", msg, sizeof(msg)), 1);
	ck_assert_int_eq(test_row(r, "x", 0, 1, "q1=0 q2=0", msg, sizeof(msg)), 1);
	ck_assert_str_eq(msg, "column 'answers': more answers than the total, 1");
	ck_assert_int_eq(test_row(r, "x", 0, 0, "", msg, sizeof(msg)), 1);
	/* Nothing of them was counted. */
	ck_assert_uint_eq(report_rows(r), 0);
	{
		size_t n;

		report_questions(r, &n);
		ck_assert_uint_eq(n, 0);
		report_students(r, &n);
		ck_assert_uint_eq(n, 0);
	}
	report_free(r);
}
END_TEST

START_TEST(files_with_problems)
{
	struct report *r = test_report();
	struct bank_report rep;
	struct whose_error err;
	const struct report_student *st;
	const struct report_question *q;
	size_t n;

	memset(&rep, 0, sizeof(rep));
	test_write(test_dir, "one.csv", RESULTS
		   "ann,2026-03-01T10:00:00.000Z,7,1,2,q1=1 q2=0\n"
		   "\"Doe, \"\"Jo\"\"\",2026-03-01T10:01:00Z,7,2,2,q1=1 q2=1\n"
		   "bad-time,yesterday,7,1,2,q1=1 q2=0\n"
		   "bad-seed,2026-03-01T10:00:00Z,-3,1,2,q1=1 q2=0\n"
		   "bad-score,2026-03-01T10:00:00Z,7,2,2,q1=1 q2=0\n"
		   "short,2026-03-01T10:00:00Z,7,1\n"
		   ",2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0\n"
		   "bad-total,2026-03-01T10:00:00Z,7,0,0,\n", -1);
	/* A second file, joined from two with cat: the header again. */
	test_write(test_dir, "two.csv", RESULTS
		   "ann,2026-03-02T10:00:00Z,8,0,1,q3=0\n"
		   RESULTS
		   "bob,2026-03-02T10:00:00Z,8,1,1,q3=1\n", -1);
	test_write(test_dir, "nohead.csv", "ann,2026-03-02T10:00:00Z,8,0,1,q3=0\n", -1);
	test_write(test_dir, "empty.csv", "", -1);
	ck_assert_int_eq(report_read_file(r, "one.csv", &rep, &err), 0);
	ck_assert_int_eq(report_read_file(r, "two.csv", &rep, &err), 0);
	ck_assert_int_eq(report_read_file(r, "nohead.csv", &rep, &err), 0);
	ck_assert_int_eq(report_read_file(r, "empty.csv", &rep, &err), 0);
	ck_assert_int_eq(report_read_file(r, "missing.csv", &rep, &err), WHOSE_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "missing.csv does not exist"));

	ck_assert_uint_eq(rep.nerrors, 8);
	ck_assert_str_eq(rep.messages[0],
			 "one.csv:4: column 'finished_at': 'yesterday' is not an ISO 8601 UTC time such as 2026-01-15T09:30:00Z");
	ck_assert_str_eq(rep.messages[1], "one.csv:5: column 'seed': '-3' is not a whole number");
	ck_assert_str_eq(rep.messages[2], "one.csv:6: column 'score': 2, but the answers hold 1 right");
	ck_assert_str_eq(rep.messages[3], "one.csv:7: has 4 fields, but the header has 6");
	ck_assert_str_eq(rep.messages[4], "one.csv:8: column 'name' is empty");
	ck_assert_str_eq(rep.messages[5],
			 "one.csv:9: column 'total': '0' is not a number of questions from 1 to 100000");
	ck_assert_ptr_nonnull(strstr(rep.messages[6], "nohead.csv:1: the header should be name,finished_at,seed,score,total,answers"));
	ck_assert_str_eq(rep.messages[7], "empty.csv: the file is empty: no header, no results");

	ck_assert_uint_eq(report_rows(r), 4);
	ck_assert_int_eq(report_resolve(r, NULL, &err), 0);
	st = report_students(r, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(st[0].name, "Doe, \"Jo\"");
	ck_assert_str_eq(st[1].name, "ann");
	ck_assert_uint_eq(st[1].drills, 2);
	ck_assert_uint_eq(st[1].right, 1);
	ck_assert_uint_eq(st[1].total, 3);
	ck_assert_str_eq(st[2].name, "bob");
	q = report_questions(r, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(q[0].qid, "q2");   /* 1/2 */
	ck_assert_str_eq(q[1].qid, "q3");   /* 1/2, as many answers: by id */
	ck_assert_str_eq(q[2].qid, "q1");   /* 2/2 */
	bank_report_free(&rep);
	report_free(r);
}
END_TEST

START_TEST(topics_from_store)
{
	struct report *r = test_report();
	struct store *s;
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	const char *paths[1] = { "bank.csv" };
	const struct report_question *q;
	const struct report_topic *t;
	size_t n;

	test_write(test_dir, "bank.csv", HDR
		   "a-1,Alpha,who,Who patches A1?,,Customer,x,src,,,\n"
		   "a-2,Alpha,who,Who patches A2?,,AWS,x,src,,,\n"
		   "b-1,Beta,truefalse,B1 is true.,,true,x,src,,,\n", -1);
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, &err), 0);
	ck_assert_int_eq(store_import(s, paths, 1, false, T0, &sum, &rep, NULL, NULL, &err), 0);
	bank_report_free(&rep);
	test_add(r, "ann", 2, 4, "a-1=1 a-2=0 b-1=1 zz-9=0");
	test_add(r, "bob", 1, 4, "a-1=0 a-2=0 b-1=1 zz-9=0");
	test_add(r, "cy", 3, 3, "a-1=1 a-2=1 b-1=1");
	ck_assert_int_eq(report_resolve(r, s, &err), 0);
	q = report_questions(r, &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(q[0].qid, "zz-9");   /* 0/2 */
	ck_assert_str_eq(q[0].topic, REPORT_UNKNOWN_TOPIC);
	ck_assert_str_eq(q[1].qid, "a-2");    /* 1/3 */
	ck_assert_str_eq(q[1].topic, "Alpha");
	ck_assert_str_eq(q[1].text, "Who patches A2?");
	ck_assert_str_eq(q[2].qid, "a-1");    /* 2/3 */
	ck_assert_str_eq(q[3].qid, "b-1");    /* 3/3 */
	ck_assert_str_eq(q[3].topic, "Beta");
	t = report_topics(r, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(t[0].name, REPORT_UNKNOWN_TOPIC);
	ck_assert_uint_eq(t[0].asked, 2);
	ck_assert_uint_eq(t[0].right, 0);
	ck_assert_str_eq(t[1].name, "Alpha");
	ck_assert_uint_eq(t[1].questions, 2);
	ck_assert_uint_eq(t[1].asked, 6);
	ck_assert_uint_eq(t[1].right, 3);
	ck_assert_str_eq(t[2].name, "Beta");
	ck_assert_uint_eq(t[2].right, 3);
	/* Resolving again gives the same. */
	ck_assert_int_eq(report_resolve(r, s, &err), 0);
	q = report_questions(r, &n);
	ck_assert_str_eq(q[0].qid, "zz-9");
	report_free(r);
	store_close(s);
}
END_TEST

START_TEST(many_rows_are_indexed)
{
	struct report *r = test_report();
	struct whose_error err;
	const struct report_question *q;
	const struct report_student *st;
	char answers[8192];
	size_t n;

	/* 300 students, 200 questions each: keys past the index's growth. */
	for (int k = 0; k < 300; k++) {
		char name[32];
		size_t o = 0, right = 0;

		for (int i = 0; i < 200; i++) {
			bool ok = (i + k) % 3 != 0;

			o += (size_t)snprintf(answers + o, sizeof(answers) - o, "%sq%03d=%d", i ? " " : "", i, ok);
			right += ok;
		}
		snprintf(name, sizeof(name), "student-%03d", k);
		test_add(r, name, right, 200, answers);
	}
	ck_assert_int_eq(report_resolve(r, NULL, &err), 0);
	q = report_questions(r, &n);
	ck_assert_uint_eq(n, 200);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(q[i].asked, 300);
		ck_assert_uint_eq(q[i].right, 200);
	}
	st = report_students(r, &n);
	ck_assert_uint_eq(n, 300);
	ck_assert_str_eq(st[299].name, "student-299");
	ck_assert_uint_eq(st[0].drills, 1);
	report_free(r);
}
END_TEST

#define RESULTS2 "name,finished_at,seed,score,total,answers,complete,fingerprint\n"
#define FP_A "00000000000000aa"
#define FP_B "00000000000000bb"

START_TEST(current_format_incomplete_and_fingerprints)
{
	struct report *r = test_report();
	struct bank_report rep;
	struct whose_error err;
	const struct report_student *st;
	const struct report_question *q;
	const struct report_variant *v;
	size_t n;

	memset(&rep, 0, sizeof(rep));
	/* A student called "name", one who left early, one whose bank drew
	 * other questions from the same seed, and rows that cannot be. */
	test_write(test_dir, "now.csv", RESULTS2
		   "name,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0,1," FP_A "\n"
		   "ann,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=-,0," FP_A "\n"
		   "bob,2026-03-01T10:00:00Z,7,2,2,q1=1 q9=1,1," FP_B "\n"
		   "cy,2026-03-01T10:00:00Z,7,2,2,q1=1 q2=1,1," FP_A "\n"
		   "bad-dash,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=-,1," FP_A "\n"
		   "bad-complete,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0,yes," FP_A "\n"
		   "bad-print,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0,1,xyz\n"
		   "bidi\xe2\x80\xae,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0,1," FP_A "\n"
		   RESULTS2
		   "dee,2026-03-01T10:00:00Z,8,0,1,q3=0,1," FP_A "\n", -1);
	ck_assert_int_eq(report_read_file(r, "now.csv", &rep, &err), 0);
	ck_assert_uint_eq(rep.nerrors, 4);
	ck_assert_str_eq(rep.messages[0],
			 "now.csv:6: column 'answers': 'q2=-' is not id=1 (right) or id=0 (wrong) (id=- only in an incomplete drill)");
	ck_assert_str_eq(rep.messages[1],
			 "now.csv:7: column 'complete': 'yes' is not 1 (taken to the end) or 0 (left early)");
	ck_assert_str_eq(rep.messages[2], "now.csv:8: column 'fingerprint': 'xyz' is not 16 hexadecimal digits");
	ck_assert_ptr_nonnull(strstr(rep.messages[3], "now.csv:9: column 'name'"));
	ck_assert_uint_eq(report_rows(r), 5);
	ck_assert_uint_eq(report_incomplete_rows(r), 1);
	ck_assert_int_eq(report_resolve(r, NULL, &err), 0);

	st = report_students(r, &n);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(st[0].name, "ann");
	ck_assert_uint_eq(st[0].drills, 0);
	ck_assert_uint_eq(st[0].incomplete, 1);
	ck_assert_uint_eq(st[0].total, 0);
	ck_assert_str_eq(st[4].name, "name");
	ck_assert_uint_eq(st[4].drills, 1);
	ck_assert_uint_eq(st[4].right, 1);
	/* The answer ann gave counts; the one she never saw does not. */
	q = report_questions(r, &n);
	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(q[i].qid, "q1") == 0)
			ck_assert_uint_eq(q[i].asked, 4);
		if (strcmp(q[i].qid, "q2") == 0)
			ck_assert_uint_eq(q[i].asked, 2);
	}
	/* Seed 7 was two drills: three rows saw FP_A, bob saw FP_B. */
	ck_assert_uint_eq(report_mixed_seeds(r), 1);
	v = report_variants(r, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert(v[0].seed == 7 && v[0].fingerprint == 0xaa && v[0].drills == 3);
	ck_assert_str_eq(v[0].first_name, "name");
	ck_assert(v[1].seed == 7 && v[1].fingerprint == 0xbb && v[1].drills == 1);
	ck_assert_str_eq(v[1].first_name, "bob");
	ck_assert(v[2].seed == 8 && v[2].drills == 1);
	bank_report_free(&rep);
	report_free(r);
}
END_TEST

START_TEST(hostile_files_and_names)
{
	struct report *r = test_report();
	struct bank_report rep;
	struct whose_error err;
	int64_t t0;

	memset(&rep, 0, sizeof(rep));
	/* A FIFO is refused at once; a link is not followed; a file whose
	 * name holds an escape is named in its safe form. */
	ck_assert_int_eq(mkfifo("fifo.csv", 0666), 0);
	test_write(test_dir, "real.csv", RESULTS "ann,2026-03-01T10:00:00Z,7,1,1,q1=1\n", -1);
	ck_assert_int_eq(symlink("real.csv", "link.csv"), 0);
	test_write(test_dir, "esc\x1b[2J.csv", RESULTS "ann,2026-03-01T10:00:00Z,7,9,1,q1=1\n", -1);
	t0 = (int64_t)time(NULL);
	ck_assert_int_eq(report_read_file(r, "fifo.csv", &rep, &err), WHOSE_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "FIFO"));
	ck_assert_int_le((int64_t)time(NULL) - t0, 2);
	ck_assert_int_eq(report_read_file(r, "link.csv", &rep, &err), WHOSE_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "symbolic link"));
	ck_assert_int_eq(report_read_file(r, "esc\x1b[2J.csv", &rep, &err), 0);
	ck_assert_uint_eq(rep.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(rep.messages[0], "esc^[[2J.csv:2: column 'score'"));
	ck_assert_ptr_null(strchr(rep.messages[0], '\x1b'));
	ck_assert_uint_eq(report_rows(r), 0);
	bank_report_free(&rep);
	report_free(r);
}
END_TEST

/* Rows that name their account (a live class's results) are grouped by
 * it: two students of one name stay two, one account under two names is
 * one student, flagged; a bad uid is a problem of its own row. */
START_TEST(rows_grouped_by_account)
{
	struct report *r = test_report();
	struct bank_report rep;
	struct whose_error err;
	const struct report_student *st;
	size_t n;

	memset(&rep, 0, sizeof(rep));
	test_write(test_dir, "live.csv", "name,finished_at,seed,score,total,answers,uid,login\n"
		   "Ann Lee,2026-03-01T10:00:00Z,7,1,1,q1=1,1001,ann\n"
		   "Ann Lee,2026-03-01T10:00:00Z,7,0,1,q1=0,1002,annl\n"
		   "bob,2026-03-01T10:00:00Z,7,1,1,q1=1,1003,bob\n"
		   "Ann Lee,2026-03-01T10:00:00Z,7,1,1,q2=1,1003,bob\n"
		   "eve,2026-03-01T10:00:00Z,7,1,1,q1=1,x12,eve\n", -1);
	ck_assert_int_eq(report_read_file(r, "live.csv", &rep, &err), 0);
	ck_assert_uint_eq(rep.nerrors, 1);
	ck_assert_msg(strstr(rep.messages[0], "live.csv:6: column 'uid'") != NULL, "%s", rep.messages[0]);
	ck_assert_int_eq(report_resolve(r, NULL, &err), 0);
	st = report_students(r, &n);
	ck_assert_uint_eq(n, 3);
	/* Sorted by name, then account. */
	ck_assert_str_eq(st[0].name, "Ann Lee");
	ck_assert_uint_eq(st[0].uid, 1001);
	ck_assert_str_eq(st[0].login, "ann");
	ck_assert_uint_eq(st[0].drills, 1);
	ck_assert_uint_eq(st[0].renamed, 1);
	ck_assert_str_eq(st[1].name, "Ann Lee");
	ck_assert_uint_eq(st[1].uid, 1002);
	ck_assert_uint_eq(st[1].right, 0);
	ck_assert_str_eq(st[2].name, "bob");
	ck_assert_uint_eq(st[2].drills, 2);
	ck_assert_uint_eq(st[2].renamed, 1);
	ck_assert_str_eq(st[2].other_name, "Ann Lee");
	bank_report_free(&rep);
	report_free(r);
}
END_TEST

Suite *test_report_suite(void);
Suite *test_report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, known_rows);
	tcase_add_test(tc, rows_that_do_not_add_up);
	tcase_add_test(tc, files_with_problems);
	tcase_add_test(tc, topics_from_store);
	tcase_add_test(tc, many_rows_are_indexed);
	tcase_add_test(tc, current_format_incomplete_and_fingerprints);
	tcase_add_test(tc, hostile_files_and_names);
	tcase_add_test(tc, rows_grouped_by_account);
	suite_add_tcase(s, tc);
	return s;
}
