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

/* Topics --topic may name in one exam. */
#define CMD_EXAM_TOPICS 64

static void cmd_exam_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose exam [--questions N] [--minutes M] [--pass P] [--topic T]...\n"
		"                  [--pause-when-away] [--resume | --abandon]\n"
		"Sit a timed mock exam: questions drawn across topics in proportion to the\n"
		"bank, no feedback until the end, then the score, pass or fail, a breakdown\n"
		"by topic with the time spent, and every answer to review with its\n"
		"explanation.  Every answer is saved as it is given (a tick, a placement).\n"
		"\n"
		"  -n, --questions N    questions, 1 to %d (default %d)\n"
		"  -m, --minutes M      time allowed, 1 to %d (default %d)\n"
		"  -p, --pass P         pass mark in percent, 1 to 100 (default %d)\n"
		"  -t, --topic T        only topic T (repeatable): a section test\n"
		"      --pause-when-away  the clock stops while the exam is left open\n"
		"                       (by default it keeps running, as in an exam centre;\n"
		"                       whose config exam-pause-when-away on: always)\n"
		"  -r, --resume         take the open exam up again without asking\n"
		"      --abandon        give the open exam up, then start a new one\n"
		"  -h, --help           show this help\n"
		"\n"
		"When an exam is open (left with q, at end of input in plain mode, or the\n"
		"program was killed), whose exam asks whether to resume it, with the time\n"
		"it has left (Enter resumes, n or q keeps it open, the word abandon gives\n"
		"it up); one whose time ran out meanwhile is submitted as it stood.  An\n"
		"exam open in another terminal is not taken up (nor given up) here: it is\n"
		"left to that terminal.\n"
		"Answers take the letters of every mode (choices a-f, who a c s, true/false\n"
		"t f).  On a terminal the exam is full-screen and a new one opens on a\n"
		"start screen (Enter starts the clock, Esc goes back): n/p (or the arrows)\n"
		"move, g opens the navigator (every question by number), m marks for\n"
		"review, r lists unanswered and marked, x takes an answer back, S then S\n"
		"again submits, q leaves the exam open (asks first), ? lists every key.\n"
		"In plain mode (--plain, or not a terminal) at the prompt: an answer, n,\n"
		"p, g K go to question K, m, r, clear, submit, q q leave, ? help.\n"
		"'whose exams show N' reviews exam N afterwards.\n",
		EXAM_MAX_QUESTIONS, EXAM_DEFAULT_QUESTIONS, EXAM_MAX_MINUTES,
		EXAM_DEFAULT_MINUTES, EXAM_DEFAULT_PASS);
}

/* MS (UTC) as a local "YYYY-MM-DD HH:MM" into BUF[LEN]. */
static void cmd_exams_date(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

/* MS as a clock of time spent or left in the list, rounded down. */
static void cmd_exams_duration(int64_t ms, char *buf, size_t len)
{
	figures_format_clock(ms, FIGURES_CLOCK_SPENT, buf, len);
}

/* One line from standard input, a byte at a time so that nothing meant
 * for the exam after it is read ahead.  False at end of input. */
static bool cmd_exam_read_line(char *buf, size_t len)
{
	size_t n = 0;
	char c;
	ssize_t got;

	while ((got = read(STDIN_FILENO, &c, 1)) == 1 && c != '\n')
		if (n + 1 < len)
			buf[n++] = c;
	buf[n] = '\0';
	return got == 1 || n > 0;
}

enum cmd_exam_choice { CMD_EXAM_RESUME, CMD_EXAM_NEW, CMD_EXAM_QUIT };

/* Exam ROW is open: ask what to do with it. */
static enum cmd_exam_choice cmd_exam_ask(FILE *out, const struct store_exam_row *row, int64_t now)
{
	char date[32], line[64], left[32];

	cmd_exams_date(row->started_at, date, sizeof(date));
	figures_format_clock(exam_row_time_left(row, now), FIGURES_CLOCK_LEFT, left, sizeof(left));
	for (;;) {
		fprintf(out, "Exam %lld (%zu questions, started %s) is open, every answer saved.\n"
		       "%s %s left.\n"
		       "Resume it? Enter or y resumes; n or q keeps it open for later; typing\n"
		       "abandon gives it up (not counted) and starts a new one: ",
		       (long long)row->id, row->questions, date,
		       row->pause_when_away ? "Its clock stood still while you were away:"
		       : "Its clock kept running while you were away:", left);
		fflush(out);
		if (!cmd_exam_read_line(line, sizeof(line))) {
			fprintf(out, "\n");
			return CMD_EXAM_QUIT;
		}
		if (line[0] == '\0' || strcmp(line, "y") == 0 || strcmp(line, "yes") == 0)
			return CMD_EXAM_RESUME;
		/* Giving up loses the exam: a word, never one key. */
		if (strcmp(line, "abandon") == 0)
			return CMD_EXAM_NEW;
		if (strcmp(line, "n") == 0 || strcmp(line, "no") == 0 ||
		    strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
			return CMD_EXAM_QUIT;
	}
}

int cmd_exam(struct cli *cli, int argc, char **argv)
{
	enum { OPT_ABANDON = 256, OPT_PAUSE };
	static const struct option opts[] = {
		{ "questions", required_argument, NULL, 'n' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "pass", required_argument, NULL, 'p' },
		{ "topic", required_argument, NULL, 't' },
		{ "resume", no_argument, NULL, 'r' },
		{ "abandon", no_argument, NULL, OPT_ABANDON },
		{ "pause-when-away", no_argument, NULL, OPT_PAUSE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *topics[CMD_EXAM_TOPICS];
	struct cli_topic_name topic_names[CMD_EXAM_TOPICS];
	struct exam_opts o;
	struct store *s = NULL;
	struct config cfg;
	struct whose_error err;
	unsigned long long v;
	bool resume = false, abandon = false, new_opts = false;
	int64_t open_id = 0;
	int c, rc;

	memset(&o, 0, sizeof(o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:n:m:p:t:rh", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (cli_number(cli, "exam", "--questions", optarg, 1, EXAM_MAX_QUESTIONS, &v) < 0)
				return CLI_EXIT_USAGE;
			o.questions = (size_t)v;
			new_opts = true;
			break;
		case 'm':
			if (cli_number(cli, "exam", "--minutes", optarg, 1, EXAM_MAX_MINUTES, &v) < 0)
				return CLI_EXIT_USAGE;
			o.minutes = (int)v;
			new_opts = true;
			break;
		case 'p':
			if (cli_number(cli, "exam", "--pass", optarg, 1, 100, &v) < 0)
				return CLI_EXIT_USAGE;
			o.pass_percent = (int)v;
			new_opts = true;
			break;
		case 't':
			if (o.ntopics == CMD_EXAM_TOPICS) {
				cli_error(cli, "exam: at most %d --topic options", CMD_EXAM_TOPICS);
				return CLI_EXIT_USAGE;
			}
			topics[o.ntopics++] = optarg;
			new_opts = true;
			break;
		case 'r':
			resume = true;
			break;
		case OPT_ABANDON:
			abandon = true;
			break;
		case OPT_PAUSE:
			o.pause_when_away = true;
			new_opts = true;
			break;
		case 'h':
			cmd_exam_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "exam", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "exam");
	if (resume && abandon) {
		cli_error(cli, "exam: --resume and --abandon do not go together: pick one");
		return CLI_EXIT_USAGE;
	}
	if (resume && new_opts) {
		cli_error(cli, "exam: --resume takes the open exam as it was set up: leave out the options of a new exam");
		return CLI_EXIT_USAGE;
	}
	o.topics = o.ntopics > 0 ? topics : NULL;
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	if ((rc = cli_topics_resolve(cli, s, "exam", topics, o.ntopics, topic_names)) != 0) {
		store_close(s);
		return rc;
	}
	whose_error_clear(&err);
	o.config = &cfg;
	o.clock = &cli->clock;
	o.seed = cli->seed;
	/* The setting makes --pause-when-away the default. */
	o.pause_when_away = o.pause_when_away || cfg.exam_pause_when_away;
	rc = exam_find_open(s, &open_id, &err);
	if (rc == WHOSE_ENOTFOUND) {
		open_id = 0;
		rc = 0;
	}
	if (rc == 0 && open_id == 0 && resume)
		rc = whose_error_set(&err, WHOSE_ENOTFOUND, "no exam is open: 'whose exam' starts one");
	/* Open in another terminal: said before anything is asked. */
	if (rc == 0 && open_id != 0)
		rc = exam_check_free(s, open_id, &err);
	if (rc == 0 && open_id != 0 && !resume) {
		bool over = false;

		/* Its time ran out while away: it is submitted as it stood,
		 * never given up nor asked about. */
		if (abandon) {
			rc = exam_submit_if_over(s, &o, open_id, &over, &err);
			if (rc == 0 && over) {
				fprintf(cli->out, "Exam %lld's time ran out while you were away: it was submitted as it stood\n"
				       "(whose exams show %lld reviews it).\n", (long long)open_id, (long long)open_id);
				abandon = false;
				open_id = 0;
			}
		} else {
			struct store_exam_row row;

			rc = store_exam_get(s, open_id, &row, &err);
			if (rc == 0 && exam_row_time_left(&row, clock_now(&cli->clock)) == 0)
				resume = true;
		}
	}
	if (rc == 0 && open_id != 0 && !resume && !abandon) {
		struct store_exam_row row;
		enum cmd_exam_choice choice = CMD_EXAM_QUIT;

		rc = store_exam_get(s, open_id, &row, &err);
		if (rc == 0)
			choice = cmd_exam_ask(cli->out, &row, clock_now(&cli->clock));
		switch (rc < 0 ? CMD_EXAM_QUIT : choice) {
		case CMD_EXAM_RESUME:
			resume = true;
			break;
		case CMD_EXAM_NEW:
			abandon = true;
			break;
		case CMD_EXAM_QUIT:
		default:
			if (rc < 0)
				break;
			fprintf(cli->out, "Exam %lld stays open: 'whose exam --resume' continues it,\n'whose exam --abandon' gives it up.\n",
			       (long long)open_id);
			store_close(s);
			return CLI_EXIT_OK;
		}
	}
	if (rc == 0 && open_id != 0 && abandon) {
		rc = exam_abandon(s, open_id, &cli->clock, &err);
		if (rc == 0)
			fprintf(cli->out, "Exam %lld was given up (not counted); a new one starts.\n", (long long)open_id);
	}
	if (rc == 0) {
		int64_t id = resume ? open_id : 0;
		struct tui_exam_how how = { id, false, EXAM_FILTER_ALL, NULL };

		if (cli_use_plain(cli))
			rc = plain_exam(s, &o, id, STDIN_FILENO, cli->out, &err);
		else
			rc = tui_exam(s, &o, &how, &err);
	}
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
		"       whose exams show N [--wrong | --flagged | --topic T]\n"
		"       whose exams forget N [--yes]\n"
		"       whose exams restore N\n"
		"List past exams (date, questions, score, pass or fail, time used) and the\n"
		"trend: the change since the exam before, the best score and the average\n"
		"of the last five.  'show N' opens exam N read-only: its result, then its\n"
		"questions with your answer, the time on each and the explanation (on a\n"
		"terminal full-screen: a all, w wrong, m marked, t one topic after\n"
		"another, n/p move, g the navigator).\n"
		"'forget N' takes exam N (an accident, a test run) out of every figure (the\n"
		"trend, the Brier score, the answers and readiness of 'whose stats'),\n"
		"after asking; it stays listed as forgotten, and 'restore N' counts it again.\n"
		"\n"
		"  -n, --limit N   the last N exams (default %d)\n"
		"  -w, --wrong     show: only wrong or unanswered questions\n"
		"  -f, --flagged   show: only the questions marked during the exam\n"
		"  -t, --topic T   show: only the questions of topic T\n"
		"  -y, --yes       forget: without asking (needed when not on a terminal)\n"
		"  -h, --help      show this help\n",
		CMD_EXAM_LIST);
}


/* `whose exams show N`: exam N read-only.  ARGV[0] is "show". */
static int cmd_exams_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "wrong", no_argument, NULL, 'w' },
		{ "flagged", no_argument, NULL, 'f' },
		{ "topic", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum exam_filter which = EXAM_FILTER_ALL;
	const char *topic = NULL;
	struct cli_topic_name topic_name;
	struct exam_opts o;
	struct store *s = NULL;
	struct config cfg;
	struct whose_error err;
	unsigned long long v;
	int64_t id;
	int c, rc, filters = 0;

	optind = 0;
	opterr = 0;
	/* Options may come after N: getopt may reorder these arguments. */
	while ((c = getopt_long(argc, argv, ":wft:h", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			which = EXAM_FILTER_WRONG;
			filters++;
			break;
		case 'f':
			which = EXAM_FILTER_FLAGGED;
			filters++;
			break;
		case 't':
			which = EXAM_FILTER_TOPIC;
			topic = optarg;
			filters++;
			break;
		case 'h':
			cmd_exams_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "exams show", opts);
		}
	}
	if (optind >= argc) {
		cli_error(cli, "exams show: which exam? 'whose exams' lists them with their numbers");
		return CLI_EXIT_USAGE;
	}
	if (cli_number(cli, "exams show", "N", argv[optind], 1, INT64_MAX, &v) < 0)
		return CLI_EXIT_USAGE;
	id = (int64_t)v;
	if (optind + 1 < argc)
		return cli_extra_argument(cli, argv[optind + 1], "exams show");
	if (filters > 1) {
		cli_error(cli, "exams show: --wrong, --flagged and --topic do not go together: pick one");
		return CLI_EXIT_USAGE;
	}
	/* It only reads: a read-only database (a backup, a snapshot) will do. */
	cli->read_only_ok = true;
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (topic != NULL && (rc = cli_topics_resolve(cli, s, "exams show", &topic, 1, &topic_name)) != 0) {
		store_close(s);
		return rc;
	}
	whose_error_clear(&err);
	memset(&o, 0, sizeof(o));
	o.config = &cfg;
	o.clock = &cli->clock;
	if (cli_use_plain(cli)) {
		rc = plain_exam_past(s, &o, id, which, topic, cli->out, &err);
	} else {
		struct tui_exam_how how = { id, true, which, topic };

		rc = tui_exam(s, &o, &how, &err);
	}
	if (rc < 0)
		cli_error(cli, "exams show: %s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}

/* `whose exams forget N` (FORGET) and `whose exams restore N`.  ARGV[0]
 * is the word. */
static int cmd_exams_forget(struct cli *cli, int argc, char **argv, bool forget)
{
	static const struct option forget_opts[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option restore_opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct option *opts = forget ? forget_opts : restore_opts;
	const char *cmd = forget ? "exams forget" : "exams restore";
	struct store *s = NULL;
	struct store_exam_row row;
	struct whose_error err;
	unsigned long long v;
	bool yes = false, changed = false;
	int64_t id;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, forget ? ":yh" : ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			yes = true;
			break;
		case 'h':
			cmd_exams_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, cmd, opts);
		}
	}
	if (optind >= argc) {
		cli_error(cli, "%s: which exam? 'whose exams' lists them with their numbers", cmd);
		return CLI_EXIT_USAGE;
	}
	if (cli_number(cli, cmd, "N", argv[optind], 1, INT64_MAX, &v) < 0)
		return CLI_EXIT_USAGE;
	id = (int64_t)v;
	if (optind + 1 < argc)
		return cli_extra_argument(cli, argv[optind + 1], cmd);
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	rc = store_exam_get(s, id, &row, &err);
	if (rc == 0 && forget && !row.forgotten && row.finished_at != 0 && !row.abandoned && !yes) {
		char date[32], line[64], pct[FIGURES_PCT_LEN];

		if (!isatty(STDIN_FILENO)) {
			store_close(s);
			cli_error(cli, "%s: asks before forgetting, and standard input is not a terminal: 'whose exams forget %lld --yes' forgets it without asking",
				  cmd, (long long)id);
			return CLI_EXIT_USAGE;
		}
		cmd_exams_date(row.started_at, date, sizeof(date));
		figures_format_percent(figures_percent(row.correct, row.questions), pct, sizeof(pct));
		fprintf(cli->out, "Forget exam %lld (%s, %zu questions, %s)? It leaves every figure: the\n"
			"trend, the Brier score, answers and readiness; 'whose exams restore %lld'\n"
			"counts it again.  Type yes to forget it: ",
			(long long)id, date, row.questions, pct, (long long)id);
		fflush(cli->out);
		if (!cmd_exam_read_line(line, sizeof(line)) || strcmp(line, "yes") != 0) {
			fprintf(cli->out, "Exam %lld is kept as it was.\n", (long long)id);
			store_close(s);
			return CLI_EXIT_OK;
		}
	}
	if (rc == 0)
		rc = exam_forget(s, id, forget, &changed, &err);
	store_close(s);
	if (rc < 0) {
		cli_error(cli, "%s: %s", cmd, err.msg);
		return cli_exit_for(rc);
	}
	if (forget)
		fprintf(cli->out, "Exam %lld %s forgotten: out of every figure (the trend, the Brier score,\n"
			"answers and readiness).  'whose exams restore %lld' counts it again.\n",
			(long long)id, changed ? "is" : "was already", (long long)id);
	else
		fprintf(cli->out, "Exam %lld %s counted in every figure.\n",
			(long long)id, changed ? "is again" : "was already");
	return CLI_EXIT_OK;
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
			cmd_exams_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "exams", opts);
		}
	}
	if (optind < argc && strcmp(argv[optind], "show") == 0)
		return cmd_exams_show(cli, argc - optind, argv + optind);
	if (optind < argc && strcmp(argv[optind], "forget") == 0)
		return cmd_exams_forget(cli, argc - optind, argv + optind, true);
	if (optind < argc && strcmp(argv[optind], "restore") == 0)
		return cmd_exams_forget(cli, argc - optind, argv + optind, false);
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "exams");
	/* It only reads: a read-only database (a backup, a snapshot) will do. */
	cli->read_only_ok = true;
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
			fprintf(cli->out, "%4lld  %s  %9zu      -  open: whose exam --resume\n", (long long)r->id, date,
			       r->questions);
			continue;
		}
		if (r->abandoned) {
			fprintf(cli->out, "%4lld  %s  %9zu      -  given up\n", (long long)r->id, date, r->questions);
			continue;
		}
		/* No score: a forgotten exam is in no figure. */
		if (r->forgotten) {
			fprintf(cli->out, "%4lld  %s  %9zu      -  forgotten: whose exams restore %lld\n",
				(long long)r->id, date, r->questions, (long long)r->id);
			continue;
		}
		cmd_exams_duration(exam_used_ms(r->started_at, r->finished_at, r->paused_ms), used, sizeof(used));
		figures_format_percent(figures_percent(r->correct, r->questions), pct, sizeof(pct));
		fprintf(cli->out, "%4lld  %s  %9zu  %5s  %-6s  %9s%s\n", (long long)r->id, date, r->questions,
		       pct, r->passed ? "pass" : "fail", used,
		       r->timed_out ? "  timed out" : "");
	}
	if (t.finished == 0) {
		fprintf(cli->out, "%s\n", t.forgotten > 0 ? "No submitted exam is counted."
			: "No exam was submitted yet.");
	} else {
		fprintf(cli->out, "Trend: %zu submitted, %zu passed; last %d%%", t.finished, t.passed, t.last);
		if (t.have_change)
			fprintf(cli->out, " (%+d points since the one before)", t.change);
		/* A second line, so that each fits 80 columns. */
		fprintf(cli->out, ";\n       best %d%%; average of the last %zu: %.0f%%.\n", t.best, t.naverage, t.average);
	}
	if (t.forgotten > 0)
		fprintf(cli->out, "%zu forgotten exam%s %s not counted.\n", t.forgotten,
			t.forgotten == 1 ? "" : "s", t.forgotten == 1 ? "is" : "are");
	free(rows);
	return CLI_EXIT_OK;
}
