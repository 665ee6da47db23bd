/*
 * cmd_study.c - `whose review`, `whose practice`, and `whose` alone: study
 * in the full-screen interface, or in plain mode when asked (--plain) or
 * when standard input or output is not a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "plain/plain.h"
#include "tui/tui.h"
#include "whose/config.h"
#include "whose/exam.h"
#include "whose/session.h"

#define CMD_STUDY_MAX_TOPICS 64

bool cli_use_plain(const struct cli *cli)
{
	static bool noticed;
	const char *why;

	if (cli->plain || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return true;
	why = tui_term_problem();
	if (why == NULL)
		return false;
	/* Once: a notice, then plain mode (not a header on a blank screen). */
	if (!noticed)
		fprintf(stderr, "whose: %s: using plain mode (--plain)\n", why);
	noticed = true;
	return true;
}

static void cmd_study_usage(FILE *f, bool practice)
{
	if (practice)
		fprintf(f,
			"Usage: whose practice [--topic T]... [--weak | --marked | --exam N]\n"
			"                      [--count N]\n"
			"Practise questions from the chosen topics (all topics by default),\n"
			"from your three least ready topics (readiness, whose(1)), the\n"
			"questions you marked for review (m in every mode), or the questions\n"
			"you missed in exam N.  Answers count toward topic scores but do not\n"
			"change when questions are due.\n"
			"\n"
			"  -t, --topic T   a topic (repeatable; see 'whose stats' for names)\n"
			"  -w, --weak      the three weakest topics\n"
			"  -m, --marked    the questions marked for review (all of them)\n"
			"  -e, --exam N    the questions missed (wrong or unanswered) in exam N\n"
			"  -n, --count N   questions in the set (default 20)\n"
			"  -h, --help      show this help\n");
	else
		fprintf(f,
			"Usage: whose review [--limit N]\n"
			"Study what is due: learning steps, then reviews due today, then new\n"
			"questions up to new-per-day.  Each answer is graded, explained and\n"
			"scheduled (FSRS).\n"
			"\n"
			"  -n, --limit N   stop after N questions\n"
			"  -h, --help      show this help\n");
}

static int cmd_study_count(struct cli *cli, const char *s, size_t *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 100000) {
		cli_error(cli, "'%s' is not a count from 1 to 100000", s);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

int cli_study(struct cli *cli, const struct session_opts *base,
	      const char *const *topic_names, size_t ntopics)
{
	struct store *s = NULL;
	struct config cfg;
	struct session_opts o = *base;
	struct whose_error err;
	int64_t topic_ids[CMD_STUDY_MAX_TOPICS];
	int rc;

	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	for (size_t i = 0; i < ntopics; i++) {
		if (store_topic_find(s, topic_names[i], &topic_ids[i], &err) < 0) {
			cli_error(cli, "%s", err.msg);
			store_close(s);
			return CLI_EXIT_USAGE;
		}
	}
	o.topics = ntopics ? topic_ids : NULL;
	o.ntopics = ntopics;
	o.config = &cfg;
	o.clock = &cli->clock;
	o.seed = cli->seed;
	if (cli_use_plain(cli))
		rc = plain_study(s, &o, stdin, cli->out, &err);
	else
		rc = tui_run(s, &cfg, &cli->clock, cli->home, &o, &err);
	if (rc < 0)
		cli_error(cli, "%s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}

int cmd_review(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct session_opts o;
	int c;

	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (cmd_study_count(cli, optarg, &o.limit) < 0)
				return CLI_EXIT_USAGE;
			break;
		case 'h':
			cmd_study_usage(stdout, false);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "review", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "review");
	return cli_study(cli, &o, NULL, 0);
}

/* `whose practice --exam N`: the questions missed in exam N, in its order;
 * practice moves no due date. */
static int cmd_practice_exam(struct cli *cli, const struct session_opts *base, int64_t exam)
{
	struct store *s = NULL;
	struct config cfg;
	struct session_opts o = *base;
	struct whose_error err;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	rc = exam_missed(s, exam, &ids, &n, &err);
	if (rc == 0 && n == 0) {
		fprintf(cli->out, "No question of exam %lld is left to practise: every answer was right\n"
			"(or the ones missed were flagged or retired since).\n", (long long)exam);
		store_close(s);
		return CLI_EXIT_OK;
	}
	if (rc == 0) {
		o.questions = ids;
		o.nquestions = n;
		o.config = &cfg;
		o.clock = &cli->clock;
		o.seed = cli->seed;
		if (cli_use_plain(cli)) {
			fprintf(cli->out, "Practice: the %zu question%s you missed in exam %lld (no due date moves).\n",
				n, n == 1 ? "" : "s", (long long)exam);
			rc = plain_study(s, &o, stdin, cli->out, &err);
		} else {
			rc = tui_run(s, &cfg, &cli->clock, cli->home, &o, &err);
		}
	}
	free(ids);
	if (rc < 0)
		cli_error(cli, "practice: %s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}

int cmd_practice(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "topic", required_argument, NULL, 't' },
		{ "weak", no_argument, NULL, 'w' },
		{ "exam", required_argument, NULL, 'e' },
		{ "marked", no_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *names[CMD_STUDY_MAX_TOPICS];
	size_t nnames = 0;
	struct session_opts o;
	unsigned long long exam = 0;
	int c;

	memset(&o, 0, sizeof(o));
	o.mode = SESSION_PRACTICE;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:t:wme:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (nnames == CMD_STUDY_MAX_TOPICS) {
				cli_error(cli, "practice: at most %d topics", CMD_STUDY_MAX_TOPICS);
				return CLI_EXIT_USAGE;
			}
			names[nnames++] = optarg;
			break;
		case 'w':
			o.weak = true;
			break;
		case 'e':
			if (cli_number(cli, "practice", "--exam", optarg, 1, INT64_MAX, &exam) < 0)
				return CLI_EXIT_USAGE;
			break;
		case 'm':
			o.marked = true;
			break;
		case 'n':
			if (cmd_study_count(cli, optarg, &o.limit) < 0)
				return CLI_EXIT_USAGE;
			break;
		case 'h':
			cmd_study_usage(stdout, true);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "practice", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "practice");
	if (o.weak && nnames > 0) {
		cli_error(cli, "practice: --weak chooses the topics itself; give it without --topic");
		return CLI_EXIT_USAGE;
	}
	if (o.marked && (o.weak || nnames > 0 || exam != 0)) {
		cli_error(cli, "practice: --marked is its own set; give it without --weak, --topic or --exam");
		return CLI_EXIT_USAGE;
	}
	if (exam != 0 && (o.weak || nnames > 0)) {
		cli_error(cli, "practice: --exam N practises the questions missed in exam N; give it without --topic or --weak");
		return CLI_EXIT_USAGE;
	}
	if (exam != 0)
		return cmd_practice_exam(cli, &o, (int64_t)exam);
	return cli_study(cli, &o, names, nnames);
}
