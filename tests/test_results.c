/*
 * test_results.c - the results files of drills (results.c): a row from
 * plain data, cells that never run as a spreadsheet formula and read back
 * whole, rows read back with a broken record costing one line and the
 * row callback's verdicts at their lines; appends to one results file:
 * concurrent, a missing final newline repaired, a foreign header, a link,
 * a FIFO or a folder refused, the mode chosen whatever the umask, the
 * guard over every truncation of the last record, a short write cut back;
 * a row kept when it cannot be written, and added once by --resend.
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
#include "whose/results.h"
#include "whose/store_class.h"

#define T0 1772359200000LL /* 2026-03-01T10:00:00Z */
/* The header of an older whose (no complete and fingerprint columns). */
#define RESULTS_V1 "name,finished_at,seed,score,total,answers\n"

static char *test_dir;

static void test_setup(void)
{
	setenv("TZ", "UTC", 1);
	test_dir = test_tmpdir();
	ck_assert_int_eq(chdir(test_dir), 0);
}

static void test_teardown(void)
{
	test_rmtree(test_dir);
}

/* The rows results_read_file gave, in file order (the first 32). */
struct test_rows {
	size_t n;
	char name[32][128];
	bool complete[32];
};

static int test_collect(const struct results_row *row, char *msg, size_t msglen, void *ctx)
{
	struct test_rows *rows = ctx;

	(void)msg;
	(void)msglen;
	if (rows->n < 32) {
		snprintf(rows->name[rows->n], sizeof(rows->name[0]), "%s", row->name);
		rows->complete[rows->n] = row->complete;
	}
	rows->n++;
	return 0;
}

/* Read the results file PATH into ROWS; its problems into REP (free it). */
static void test_read(const char *path, struct test_rows *rows, struct bank_report *rep)
{
	struct whose_error err;

	memset(rows, 0, sizeof(*rows));
	memset(rep, 0, sizeof(*rep));
	ck_assert_int_eq(results_read_file(path, test_collect, rows, rep, &err), 0);
}

/* A callback that refuses bob's rows and, when ann's made the count 99,
 * stops at cy's. */
static int test_judge(const struct results_row *row, char *msg, size_t msglen, void *ctx)
{
	struct test_rows *rows = ctx;

	if (strcmp(row->name, "bob") == 0) {
		snprintf(msg, msglen, "column 'answers': not bob's");
		return 1;
	}
	if (strcmp(row->name, "cy") == 0 && rows->n == 99)  /* see row_verdicts */
		return WHOSE_ENOMEM;
	return test_collect(row, msg, msglen, ctx);
}

/* What the row callback says is reported at the row's line; a negative
 * code stops the reading and is returned. */
START_TEST(row_verdicts)
{
	struct test_rows rows;
	struct bank_report rep;
	struct whose_error err;

	test_write(test_dir, "v.csv", RESULTS_HEADER
		   "ann,2026-03-01T10:00:00.000Z,7,1,1,q1=1,1,00000000000000aa\n"
		   "bob,2026-03-01T10:00:00.000Z,7,1,1,q1=1,1,00000000000000aa\n"
		   "cy,2026-03-01T10:00:00.000Z,7,0,2,q1=0 q2=-,0,00000000000000aa\n", -1);
	memset(&rows, 0, sizeof(rows));
	memset(&rep, 0, sizeof(rep));
	ck_assert_int_eq(results_read_file("v.csv", test_judge, &rows, &rep, &err), 0);
	ck_assert_uint_eq(rep.nerrors, 1);
	ck_assert_str_eq(rep.messages[0], "v.csv:3: column 'answers': not bob's");
	ck_assert_uint_eq(rows.n, 2);
	ck_assert_str_eq(rows.name[1], "cy");
	ck_assert(rows.complete[0] && !rows.complete[1]);
	bank_report_free(&rep);

	memset(&rows, 0, sizeof(rows));
	memset(&rep, 0, sizeof(rep));
	rows.n = 98;  /* ann makes it 99: cy stops the reading */
	ck_assert_int_eq(results_read_file("v.csv", test_judge, &rows, &rep, &err), WHOSE_ENOMEM);
	ck_assert_uint_eq(rows.n, 99);
	ck_assert_str_eq(err.msg, "out of memory");
	bank_report_free(&rep);
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

/* A row cut short inside a quote (a hand edit, an editor killed
 * mid-save) costs that row only: the reader starts again at the next
 * line and names it (issue 33: it swallowed every later row). */
/* A cell never runs as a spreadsheet formula, and whose reads back what
 * it wrote: a student called "=HYPERLINK(...)" stays that student. */
START_TEST(formula_cells_neutralised)
{
	static const struct {
		const char *in, *cell;
	} cases[] = {
		{ "ann", "ann" },
		{ "=1+1", "'=1+1" },
		{ "+x", "'+x" },
		{ "-x", "'-x" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\tx", "'\tx" },
		{ "=a,b", "\"'=a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ " pad", "\" pad\"" },
		{ "", "" },
		/* split at ';' (a decimal-comma locale), a tab, a space: a
		 * cell starts after each (issue 33) */
		{ "a;=1+1", "a;'=1+1" },
		{ "Jo =HYPERLINK(1)", "Jo '=HYPERLINK(1)" },
		{ "x\t+1", "x\t'+1" },
		{ "a|@x", "a|'@x" },
		{ "q1=1 q2=0", "q1=1 q2=0" },
		{ "a,-1", "\"a,'-1\"" },
		/* fullwidth = + - @ */
		{ "\xEF\xBC\x9D" "1", "'\xEF\xBC\x9D" "1" },
		{ "a;\xEF\xBC\xA0x", "a;'\xEF\xBC\xA0x" },
	};
	struct test_rows rows;
	struct bank_report rep;
	struct whose_error err;
	struct results_answer ans = { .qid = "q1", .mark = 1 };
	struct results_drill res = { .name = "=HYPERLINK(\"x\")", .finished_at = 1772359200000LL,
				    .seed = 7, .answers = &ans, .nanswers = 1,
				    .fingerprint = 0xaa, .complete = true };
	char *row, *text;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *c = results_csv_cell(cases[i].in);

		ck_assert_ptr_nonnull(c);
		ck_assert_msg(strcmp(c, cases[i].cell) == 0, "case %zu: %s", i, c);
		free(c);
	}
	{
		char a[] = "'=x", b[] = "'x", c[] = "a;'=x";

		ck_assert_str_eq(results_csv_plain(a), "=x");
		ck_assert_str_eq(results_csv_plain(b), "'x");
		ck_assert_str_eq(results_csv_plain(c), "a;=x");
	}
	/* a value led by quotes and a formula character comes back whole
	 * (the fuzzer's "'+"), at the start or after a separator */
	{
		static const char *const back[] = { "'+", "''=a", "'", "''", "'tis", "-1", "'-1",
						    "a;'=b", "x; -1", "; =", "\t\t", "a b ' c",
						    "''' '=" };

		for (size_t i = 0; i < sizeof(back) / sizeof(back[0]); i++) {
			char *c = results_csv_cell(back[i]), *plain;

			ck_assert_ptr_nonnull(c);
			/* the CSV quoting off, as a reader takes it off */
			plain = strdup(c[0] == '"' ? c + 1 : c);
			ck_assert_ptr_nonnull(plain);
			if (c[0] == '"')
				plain[strlen(plain) - 1] = '\0';
			ck_assert_msg(strcmp(results_csv_plain(plain), back[i]) == 0, "%s -> %s -> %s",
				      back[i], c, plain);
			free(plain);
			free(c);
		}
	}
	ck_assert_int_eq(results_format(&res, &row, &err), 0);
	ck_assert(strncmp(row, "\"'=HYPERLINK(", 13) == 0);
	text = malloc(strlen(RESULTS_HEADER) + strlen(row) + 1);
	ck_assert_ptr_nonnull(text);
	strcpy(text, RESULTS_HEADER);
	strcat(text, row);
	test_write(test_dir, "formula.csv", text, -1);
	test_read("formula.csv", &rows, &rep);
	ck_assert_uint_eq(rep.nerrors, 0);
	ck_assert_uint_eq(rows.n, 1);
	ck_assert_str_eq(rows.name[0], "=HYPERLINK(\"x\")");
	free(text);
	free(row);
	bank_report_free(&rep);
}
END_TEST

START_TEST(open_quote_costs_one_row)
{
	struct test_rows rows;
	struct bank_report rep;

	test_write(test_dir, "open.csv", RESULTS_V1
		   "ann,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0\n"
		   "bob,\"2026-03-01T10:00:00Z\n"
		   "cy,2026-03-01T10:00:00Z,7,1,2,\"q1=1 q2=0\"\r\n"
		   "\"dee,2026-03-01T10:00:00Z,7,1,2,q1=1 q2=0\n"
		   "eve,2026-03-01T10:00:00Z,7,2,2,q1=1 q2=1\n", -1);
	test_read("open.csv", &rows, &rep);
	ck_assert_uint_eq(rep.nerrors, 2);
	ck_assert_ptr_nonnull(strstr(rep.messages[0], "open.csv:3: a quote is left open at the end of the line"));
	ck_assert_ptr_nonnull(strstr(rep.messages[1], "open.csv:5: a quote is left open"));
	ck_assert_uint_eq(rows.n, 3);
	ck_assert_str_eq(rows.name[0], "ann");
	ck_assert_str_eq(rows.name[1], "cy");
	ck_assert_str_eq(rows.name[2], "eve");
	bank_report_free(&rep);
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
/*
 * The check before a drill refuses what the append guard would refuse at
 * its end (issue 33), with the same message, so that a student learns
 * of a broken file before the first question.
 */
START_TEST(check_refuses_broken_last_record)
{
	struct whose_error err, at_end;
	char *text;

	/* A quote left open on the last line. */
	test_write(test_dir, "open.csv", RESULTS_HEADER TEST_ROW
		   "bob,\"2026-03-01T10:00:00Z\n", -1);
	ck_assert_int_eq(results_check("open.csv", &err), WHOSE_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "open.csv:3: the last row is not whole"));
	ck_assert_int_eq(results_append("open.csv", TEST_ROW, &at_end), WHOSE_EDATA);
	ck_assert_str_eq(err.msg, at_end.msg);
	/* A missing field (7 of 8). */
	test_write(test_dir, "short.csv", RESULTS_HEADER
		   "bob,2026-03-01T10:00:00.000Z,1,0,1,q=0,1\n\n", -1);
	ck_assert_int_eq(results_check("short.csv", &err), WHOSE_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "short.csv:2: the last row has 7 fields, not 8"));
	ck_assert_int_eq(results_append("short.csv", TEST_ROW, &at_end), WHOSE_EDATA);
	ck_assert_str_eq(err.msg, at_end.msg);
	/* Nothing was written to either. */
	text = test_read_all("open.csv");
	ck_assert_str_eq(text, RESULTS_HEADER TEST_ROW "bob,\"2026-03-01T10:00:00Z\n");
	free(text);

	/* A whole last row (quoted fields too, without its newline), the
	 * header alone, an empty file and a missing one pass. */
	test_write(test_dir, "whole.csv", RESULTS_HEADER TEST_ROW
		   "\"o\"\"neil, jr\",2026-03-01T10:00:00.000Z,7,1,2,\"q1=1 q2=0\",1,00000000000000aa", -1);
	ck_assert_int_eq(results_check("whole.csv", &err), 0);
	test_write(test_dir, "head.csv", RESULTS_HEADER, -1);
	ck_assert_int_eq(results_check("head.csv", &err), 0);
	test_write(test_dir, "empty.csv", "", -1);
	ck_assert_int_eq(results_check("empty.csv", &err), 0);
	ck_assert_int_eq(results_check("missing.csv", &err), 0);
	ck_assert_int_eq(access("missing.csv", F_OK), -1);
}
END_TEST

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
			struct test_rows rows;
			struct bank_report rep;
			size_t ann = 0;

			added++;
			/* Added whole at the end, after a line break. */
			ck_assert_uint_ge(strlen(text), strlen(TEST_ROW));
			ck_assert_str_eq(text + strlen(text) - strlen(TEST_ROW), TEST_ROW);
			ck_assert(strlen(text) == strlen(TEST_ROW) + (k == 0 ? h : 0) ||
				  text[strlen(text) - strlen(TEST_ROW) - 1] == '\n');
			test_read("trunc.csv", &rows, &rep);
			for (size_t i = 0; i < rows.n; i++)
				ann += strcmp(rows.name[i], "ann") == 0 && rows.complete[i];
			ck_assert_msg(ann == 1, "cut at %zu: ann's row read %zu times", k, ann);
			bank_report_free(&rep);
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

Suite *test_results_suite(void);
Suite *test_results_suite(void)
{
	Suite *s = suite_create("results");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, results_format_plain_data);
	tcase_add_test(tc, formula_cells_neutralised);
	tcase_add_test(tc, row_verdicts);
	tcase_add_test(tc, open_quote_costs_one_row);
	tcase_add_test(tc, append_repairs_and_refuses);
	tcase_add_test(tc, check_refuses_broken_last_record);
	tcase_add_test(tc, concurrent_appends);
	tcase_add_test(tc, append_guard_every_truncation);
	tcase_add_test(tc, short_write_cut_back);
	tcase_add_test(tc, resend_adds_once);
	tcase_add_test(tc, kept_when_not_written);
	suite_add_tcase(s, tc);
	return s;
}
