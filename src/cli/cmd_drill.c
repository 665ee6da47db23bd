/*
 * cmd_drill.c - `whose drill`: a classroom drill, the same for every
 * student who types the same seed, with its results appended to a shared
 * CSV file; and `whose report`: a class's results files summed up.
 */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "plain/plain_exam.h"
#include "tui/tui.h"
#include "whose/config.h"
#include "whose/drill.h"
#include "whose/figures.h"
#include "whose/report.h"
#include "whose/text.h"

#define CMD_DRILL_MAX_TOPICS 64
#define CMD_DRILL_MAX_NAME 100
/* Columns of the question text a report shows. */
#define CMD_REPORT_TEXT_COLS 60

static void cmd_drill_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose drill --seed S [--count N] [--topic T]... [--seconds K]\n"
		"                   [--name NAME] [--results FILE.csv]\n"
		"A classroom drill: every student who gives the same seed gets the same\n"
		"questions in the same order, on any machine.  Each question has a\n"
		"countdown; the answer and its explanation follow; the score at the end.\n"
		"\n"
		"  -s, --seed S        the drill's seed, a whole number (required)\n"
		"  -n, --count N       questions, 1 to %d (default %d)\n"
		"  -t, --topic T       only this topic (repeatable; see 'whose stats')\n"
		"  -k, --seconds K     seconds per question, 1 to %d (default %d)\n"
		"  -N, --name NAME     the student's name in the results (default $USER)\n"
		"  -r, --results FILE  append this student's row to FILE (CSV)\n"
		"  -h, --help          show this help\n",
		DRILL_MAX_COUNT, DRILL_DEFAULT_COUNT, DRILL_MAX_SECONDS, DRILL_DEFAULT_SECONDS);
}

/* A student name fit for a results file: printable UTF-8, not too long. */
static bool cmd_drill_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n <= CMD_DRILL_MAX_NAME && text_utf8_valid(name, n, NULL) &&
	       text_find_control(name, n, NULL) < 0;
}

/* Can the results file be appended to (or created)?  Checked before the
 * drill, so that a student does not learn it at the end. */
static bool cmd_drill_writable(const char *path)
{
	char *copy;
	bool ok;

	if (access(path, F_OK) == 0)
		return access(path, W_OK) == 0;
	copy = strdup(path);
	if (copy == NULL)
		return false;
	ok = access(dirname(copy), W_OK | X_OK) == 0;
	free(copy);
	return ok;
}

int cmd_drill(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "topic", required_argument, NULL, 't' },
		{ "seconds", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'N' },
		{ "results", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *topics[CMD_DRILL_MAX_TOPICS];
	const char *name = NULL, *results = NULL;
	struct drill_opts o;
	struct store *s = NULL;
	struct config cfg;
	struct whose_error err;
	unsigned long long v;
	bool have_seed = false;
	int c, rc;

	memset(&o, 0, sizeof(o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:s:n:t:k:N:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (cli_number(cli, "drill", "--seed", optarg, 0, ~0ULL, &v) < 0)
				return CLI_EXIT_USAGE;
			o.seed = (uint64_t)v;
			have_seed = true;
			break;
		case 'n':
			if (cli_number(cli, "drill", "--count", optarg, 1, DRILL_MAX_COUNT, &v) < 0)
				return CLI_EXIT_USAGE;
			o.count = (size_t)v;
			break;
		case 't':
			if (o.ntopics == CMD_DRILL_MAX_TOPICS) {
				cli_error(cli, "drill: at most %d topics", CMD_DRILL_MAX_TOPICS);
				return CLI_EXIT_USAGE;
			}
			topics[o.ntopics++] = optarg;
			break;
		case 'k':
			if (cli_number(cli, "drill", "--seconds", optarg, 1, DRILL_MAX_SECONDS, &v) < 0)
				return CLI_EXIT_USAGE;
			o.seconds = (int)v;
			break;
		case 'N':
			name = optarg;
			break;
		case 'r':
			results = optarg;
			break;
		case 'h':
			cmd_drill_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "drill");
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "drill");
	if (!have_seed) {
		cli_error(cli, "drill: '--seed' is required: the same seed gives every student the same questions");
		fprintf(stderr, "Try 'whose drill --help'.\n");
		return CLI_EXIT_USAGE;
	}
	if (name == NULL)
		name = getenv("USER");
	if (name == NULL || *name == '\0')
		name = getenv("LOGNAME");
	if (results != NULL) {
		if (name == NULL || *name == '\0') {
			cli_error(cli, "drill: give the student's name with '--name' (USER is not set)");
			return CLI_EXIT_USAGE;
		}
		if (!cmd_drill_name_ok(name)) {
			cli_error(cli, "drill: '--name' needs a name of printable text, up to %d bytes",
				  CMD_DRILL_MAX_NAME);
			return CLI_EXIT_USAGE;
		}
		if (!cmd_drill_writable(results)) {
			cli_error(cli, "drill: cannot write the results file '%s': check the path and its permissions",
				  results);
			return CLI_EXIT_FAIL;
		}
	}
	o.topics = o.ntopics ? topics : NULL;
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	o.config = &cfg;
	o.clock = &cli->clock;
	if (cli_use_plain(cli))
		rc = plain_drill(s, &o, name, results, STDIN_FILENO, stdout, &err);
	else
		rc = tui_drill(s, &o, name, results, &err);
	store_close(s);
	if (rc < 0) {
		cli_error(cli, "drill: %s", err.msg);
		/* An unknown topic is a usage error, as for practice. */
		return rc == WHOSE_ENOTFOUND && o.ntopics > 0 ? CLI_EXIT_USAGE : cli_exit_for(rc);
	}
	return CLI_EXIT_OK;
}

/* ---- whose report ---------------------------------------------------------- */

static void cmd_report_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose report FILE.csv...\n"
		"Sum up the results files of 'whose drill --results': per question the share\n"
		"of students who got it right, hardest first, with its topic and text; per\n"
		"topic; per student.  Malformed rows are listed as FILE:LINE: what is wrong,\n"
		"left out, and make the exit status 65.\n"
		"\n"
		"  -h, --help   show this help\n");
}

/* Print S (sanitized, one line) cut to COLS columns, then spaces up to
 * PAD columns (0: none). */
static void cmd_report_cell(const char *s, size_t cols, size_t pad)
{
	char *clean = text_sanitize(s);
	size_t n, w;

	if (clean == NULL) {
		fputs("?", stdout);
		return;
	}
	for (char *p = clean; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	w = text_width(clean);
	if (w > cols) {
		n = text_prefix_for_cols(clean, cols > 3 ? cols - 3 : cols);
		printf("%.*s...", (int)n, clean);
		w = text_width(clean) - text_width(clean + n) + 3;
	} else {
		fputs(clean, stdout);
	}
	for (; w < pad; w++)
		putchar(' ');
	free(clean);
}

static size_t cmd_report_width(const char *s)
{
	char *clean = text_sanitize(s);
	size_t w = clean != NULL ? text_width(clean) : 1;

	free(clean);
	return w;
}

static void cmd_report_print(const struct report *r, size_t nfiles)
{
	const struct report_question *q;
	const struct report_topic *t;
	const struct report_student *st;
	size_t nq, nt, nst, idw = 2, topw = 5, namew = 4, fracw = 3;
	char frac[64], pct[FIGURES_PCT_LEN];

	q = report_questions(r, &nq);
	t = report_topics(r, &nt);
	st = report_students(r, &nst);
	printf("Class report: %zu drill%s by %zu student%s, %zu question%s, from %zu file%s.\n",
	       report_rows(r), report_rows(r) == 1 ? "" : "s", nst, nst == 1 ? "" : "s",
	       nq, nq == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s");
	for (size_t i = 0; i < nq; i++) {
		size_t w = cmd_report_width(q[i].qid);

		idw = w > idw ? w : idw;
		w = cmd_report_width(q[i].topic);
		topw = w > topw ? w : topw;
		w = (size_t)snprintf(frac, sizeof(frac), "%zu/%zu", q[i].right, q[i].asked);
		fracw = w > fracw ? w : fracw;
	}
	if (idw > 40)
		idw = 40;
	if (topw > 40)
		topw = 40;
	printf("\nQuestions, hardest first:\n");
	printf("  Right %*s  ", (int)fracw, "");
	cmd_report_cell("Id", idw, idw);
	printf("  ");
	cmd_report_cell("Topic", topw, topw);
	printf("  Question\n");
	for (size_t i = 0; i < nq; i++) {
		snprintf(frac, sizeof(frac), "%zu/%zu", q[i].right, q[i].asked);
		figures_format_percent(figures_percent(q[i].right, q[i].asked), pct, sizeof(pct));
		printf("  %5s %*s  ", pct, (int)fracw, frac);
		cmd_report_cell(q[i].qid, idw, idw);
		printf("  ");
		cmd_report_cell(q[i].topic, topw, topw);
		printf("  ");
		cmd_report_cell(q[i].text, CMD_REPORT_TEXT_COLS, 0);
		printf("\n");
	}
	printf("\nTopics, hardest first:\n");
	for (size_t i = 0; i < nt; i++) {
		snprintf(frac, sizeof(frac), "%zu/%zu", t[i].right, t[i].asked);
		figures_format_percent(figures_percent(t[i].right, t[i].asked), pct, sizeof(pct));
		printf("  %5s %*s  ", pct, (int)fracw, frac);
		cmd_report_cell(t[i].name, topw, topw);
		printf("  %zu question%s\n", t[i].questions, t[i].questions == 1 ? "" : "s");
	}
	for (size_t i = 0; i < nst; i++) {
		size_t w = cmd_report_width(st[i].name);

		namew = w > namew ? w : namew;
	}
	if (namew > 40)
		namew = 40;
	printf("\nStudents:\n");
	for (size_t i = 0; i < nst; i++) {
		printf("  ");
		cmd_report_cell(st[i].name, namew, namew);
		snprintf(frac, sizeof(frac), "%zu/%zu", st[i].right, st[i].total);
		figures_format_percent(figures_percent(st[i].right, st[i].total), pct, sizeof(pct));
		printf("  %3zu drill%s  %7s  %4s\n", st[i].drills, st[i].drills == 1 ? " " : "s",
		       frac, pct);
	}
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report *r = NULL;
	struct bank_report rep;
	struct store *s = NULL;
	struct whose_error err;
	int c, rc, exit_code = CLI_EXIT_OK;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cmd_report_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "report");
		}
	}
	if (optind >= argc) {
		cli_error(cli, "report: name the results files to sum up (whose report FILE.csv...)");
		fprintf(stderr, "Try 'whose report --help'.\n");
		return CLI_EXIT_USAGE;
	}
	whose_error_clear(&err);
	memset(&rep, 0, sizeof(rep));
	if (report_new(&r, &err) < 0) {
		cli_error(cli, "report: %s", err.msg);
		return CLI_EXIT_FAIL;
	}
	for (int i = optind; i < argc; i++) {
		rc = report_read_file(r, argv[i], &rep, &err);
		if (rc < 0) {
			cli_error(cli, "report: %s", err.msg);
			exit_code = CLI_EXIT_FAIL;
			goto out;
		}
	}
	/* Topics and texts come from the learner's database (the bundled bank
	 * at least). */
	exit_code = cli_open_study(cli, &s);
	if (exit_code != CLI_EXIT_OK)
		goto out;
	rc = report_resolve(r, s, &err);
	if (rc < 0) {
		cli_error(cli, "report: %s", err.msg);
		exit_code = cli_exit_for(rc);
		goto out;
	}
	cmd_report_print(r, (size_t)(argc - optind));
	fflush(stdout);
	if (rep.nerrors > 0) {
		cli_print_bank_report(cli, &rep);
		cli_error(cli, "report: %zu problem%s in the results: the rows concerned were left out",
			  rep.nerrors, rep.nerrors == 1 ? "" : "s");
		exit_code = CLI_EXIT_DATA;
	}
out:
	bank_report_free(&rep);
	store_close(s);
	report_free(r);
	return exit_code;
}
