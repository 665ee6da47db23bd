/*
 * cmd_exam.c - `whose exam`: a timed mock exam, and `whose exams`: past
 * results and their trend.  On a terminal the exam runs full-screen
 * (tui_exam); otherwise, or with --plain, in the plain front end: lines
 * with a countdown, commands and answers.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "plain/plain_exam.h"
#include "tui/tui.h"
#include "whose/config.h"
#include "whose/exam.h"
#include "whose/figures.h"

/* Exams `whose exams` lists by default. */
#define CMD_EXAM_LIST 20

static void cmd_exam_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose exam [--questions N] [--minutes M] [--pass P]\n"
		"Sit a timed mock exam: questions drawn across topics in proportion to the\n"
		"bank, no feedback until the end, then the score, pass or fail, a breakdown\n"
		"by topic and every wrong answer explained.\n"
		"\n"
		"  -n, --questions N   questions, 1 to %d (default %d)\n"
		"  -m, --minutes M     time allowed, 1 to %d (default %d)\n"
		"  -p, --pass P        pass mark in percent, 1 to 100 (default %d)\n"
		"  -h, --help          show this help\n"
		"\n"
		"On a terminal the exam is full-screen: answers are numbers, n/p (or the\n"
		"arrows) move, f flags, r lists unanswered and flagged, x takes an answer\n"
		"back, s submits, ? lists every key.  In plain mode (--plain, or not a\n"
		"terminal) at the prompt: an answer, n next, p previous, g K go to question\n"
		"K, f flag, r the list, clear take an answer back, s submit, ? help.\n",
		EXAM_MAX_QUESTIONS, EXAM_DEFAULT_QUESTIONS, EXAM_MAX_MINUTES,
		EXAM_DEFAULT_MINUTES, EXAM_DEFAULT_PASS);
}

int cmd_exam(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "questions", required_argument, NULL, 'n' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "pass", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct exam_opts o;
	struct store *s = NULL;
	struct config cfg;
	struct whose_error err;
	unsigned long long v;
	int c, rc;

	memset(&o, 0, sizeof(o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:n:m:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (cli_number(cli, "exam", "--questions", optarg, 1, EXAM_MAX_QUESTIONS, &v) < 0)
				return CLI_EXIT_USAGE;
			o.questions = (size_t)v;
			break;
		case 'm':
			if (cli_number(cli, "exam", "--minutes", optarg, 1, EXAM_MAX_MINUTES, &v) < 0)
				return CLI_EXIT_USAGE;
			o.minutes = (int)v;
			break;
		case 'p':
			if (cli_number(cli, "exam", "--pass", optarg, 1, 100, &v) < 0)
				return CLI_EXIT_USAGE;
			o.pass_percent = (int)v;
			break;
		case 'h':
			cmd_exam_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "exam");
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "exam");
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	o.config = &cfg;
	o.clock = &cli->clock;
	o.seed = cli->seed;
	if (cli_use_plain(cli))
		rc = plain_exam(s, &o, STDIN_FILENO, cli->out, &err);
	else
		rc = tui_exam(s, &o, &err);
	if (rc < 0)
		cli_error(cli, "exam: %s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}

/* ---- whose exams ----------------------------------------------------------- */

static void cmd_exams_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose exams [--limit N]\n"
		"List past exams (date, questions, score, pass or fail, time used) and the\n"
		"trend: the change since the exam before, the best score and the average\n"
		"of the last five.\n"
		"\n"
		"  -n, --limit N   the last N exams (default %d)\n"
		"  -h, --help      show this help\n",
		CMD_EXAM_LIST);
}

/* MS (UTC) as a local "YYYY-MM-DD HH:MM" into BUF[LEN]. */
static void cmd_exams_date(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

/* MS as "m:ss", rounded down to the second. */
static void cmd_exams_duration(int64_t ms, char *buf, size_t len)
{
	long long s = ms < 0 ? 0 : ms / 1000;

	snprintf(buf, len, "%lld:%02lld", s / 60, s % 60);
}

int cmd_exams(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store *s = NULL;
	struct store_exam_row *rows = NULL;
	struct exam_trend t;
	struct whose_error err;
	size_t n, limit = CMD_EXAM_LIST;
	unsigned long long v;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (cli_number(cli, "exams", "--limit", optarg, 1, 100000, &v) < 0)
				return CLI_EXIT_USAGE;
			limit = (size_t)v;
			break;
		case 'h':
			cmd_exams_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "exams");
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "exams");
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	rc = exam_history(s, limit, &rows, &n, &t, &err);
	store_close(s);
	if (rc < 0) {
		cli_error(cli, "exams: %s", err.msg);
		return cli_exit_for(rc);
	}
	if (n == 0) {
		fprintf(cli->out, "No exams yet: 'whose exam' starts one.\n");
		free(rows);
		return CLI_EXIT_OK;
	}
	fprintf(cli->out, "Exam  Date              Questions  Score  Result  Time used\n");
	for (size_t i = 0; i < n; i++) {
		const struct store_exam_row *r = &rows[i];
		char date[32], used[32], pct[FIGURES_PCT_LEN];

		cmd_exams_date(r->started_at, date, sizeof(date));
		if (r->finished_at == 0) {
			fprintf(cli->out, "%4lld  %s  %9zu      -  not submitted\n", (long long)r->id, date, r->questions);
			continue;
		}
		cmd_exams_duration(r->finished_at - r->started_at, used, sizeof(used));
		figures_format_percent(figures_percent(r->correct, r->questions), pct, sizeof(pct));
		fprintf(cli->out, "%4lld  %s  %9zu  %5s  %-6s  %9s%s\n", (long long)r->id, date, r->questions,
		       pct, r->passed ? "pass" : "fail", used,
		       r->timed_out ? "  timed out" : "");
	}
	if (t.finished == 0) {
		fprintf(cli->out, "No exam was submitted yet.\n");
	} else {
		fprintf(cli->out, "Trend: %zu submitted, %zu passed; last %d%%", t.finished, t.passed, t.last);
		if (t.have_change)
			fprintf(cli->out, " (%+d points since the one before)", t.change);
		fprintf(cli->out, "; best %d%%; average of the last %zu: %.0f%%.\n", t.best, t.naverage, t.average);
	}
	free(rows);
	return CLI_EXIT_OK;
}
