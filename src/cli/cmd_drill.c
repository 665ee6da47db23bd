/*
 * cmd_drill.c - `whose drill`: a classroom drill, the same for every
 * student who types the same seed, with its results appended to a shared
 * CSV file (summed up by `whose report`, cmd_report.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "whose/safefile.h"
#include "plain/plain_exam.h"
#include "tui/tui.h"
#include "whose/config.h"
#include "whose/drill.h"
#include "whose/results.h"
#include "whose/text.h"

#define CMD_DRILL_MAX_TOPICS 64

static void cmd_drill_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose drill --seed S [--count N] [--topic T]... [--seconds K]\n"
		"                   [--name NAME] [--results FILE.csv]\n"
		"       whose drill --seed S --ids ID[,ID...] [--seconds K] [--name NAME]\n"
		"                   [--results FILE.csv]\n"
		"       whose drill --resend\n"
		"A classroom drill: every student who gives the same seed gets the same\n"
		"questions in the same order, on any machine.  Each question has a\n"
		"countdown; the answer and its explanation follow; the score at the end.\n"
		"\n"
		"  -s, --seed S        the drill's seed, a whole number (required)\n"
		"  -n, --count N       questions, 1 to %d (default %d)\n"
		"  -t, --topic T       only this topic (repeatable; see 'whose stats')\n"
		"  -i, --ids LIST      ask exactly these bank ids (comma-separated, e.g.\n"
		"                      s3-004,iam-012), in this order; the seed still orders\n"
		"                      the choices.  '-' reads ids from standard input, blanks\n"
		"                      or commas between them, up to an empty line or its\n"
		"                      end (plain mode's answers follow).  Not with --count\n"
		"                      or --topic\n"
		"  -k, --seconds K     seconds per question, 1 to %d (default %d)\n"
		"  -N, --name NAME     the student's name in the results (default $USER)\n"
		"  -r, --results FILE  append this student's row to FILE (CSV; see RESULTS\n"
		"                      FILES in whose(1) for a folder a class shares)\n"
		"      --resend        add the results kept in your profile, when their\n"
		"                      file could not be written, to that file now (the\n"
		"                      next drill with --results tries too)\n"
		"  -h, --help          show this help\n",
		DRILL_MAX_COUNT, DRILL_DEFAULT_COUNT, DRILL_MAX_SECONDS, DRILL_DEFAULT_SECONDS);
}

/* The ids of --ids: owned copies. */
struct cmd_drill_ids {
	char **id;
	size_t n;
};

static void cmd_drill_ids_free(struct cmd_drill_ids *ids)
{
	for (size_t i = 0; i < ids->n; i++)
		free(ids->id[i]);
	free(ids->id);
	ids->id = NULL;
	ids->n = 0;
}

/* Add the ids of LIST (separated by commas or blanks; the heading word
 * "ID" of 'whose search' output is skipped). */
static int cmd_drill_ids_add(struct cli *cli, struct cmd_drill_ids *ids, char *list)
{
	char *save = NULL;

	for (char *id = strtok_r(list, ", \t\r\n", &save); id != NULL;
	     id = strtok_r(NULL, ", \t\r\n", &save)) {
		char **grown;

		if (strcmp(id, "ID") == 0)
			continue;
		if (ids->n == DRILL_MAX_COUNT) {
			cli_error(cli, "drill: at most %d ids", DRILL_MAX_COUNT);
			return CLI_EXIT_USAGE;
		}
		grown = realloc(ids->id, (ids->n + 1) * sizeof(*grown));
		if (grown == NULL)
			goto oom;
		ids->id = grown;
		if ((ids->id[ids->n] = strdup(id)) == NULL)
			goto oom;
		ids->n++;
	}
	return CLI_EXIT_OK;
oom:
	cli_error(cli, "drill: out of memory");
	return CLI_EXIT_FAIL;
}

/* Read ids from standard input up to an empty line or its end, a byte at
 * a time so that what follows (plain mode's answers) stays unread. */
static int cmd_drill_ids_stdin(struct cli *cli, struct cmd_drill_ids *ids)
{
	char line[512];
	size_t len = 0;

	for (;;) {
		char ch;
		ssize_t got = read(STDIN_FILENO, &ch, 1);
		int rc;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cli_error(cli, "drill: --ids -: standard input cannot be read: %s", strerror(errno));
			return CLI_EXIT_FAIL;
		}
		if (got == 0 || ch == '\n') {
			bool blank = true;

			line[len] = '\0';
			for (size_t i = 0; i < len; i++)
				blank = blank && strchr(" \t\r", line[i]) != NULL;
			/* An empty line ends the ids (blank lines before
			 * the first id are skipped). */
			if (blank && (got == 0 || ids->n > 0))
				return CLI_EXIT_OK;
			if ((rc = cmd_drill_ids_add(cli, ids, line)) != CLI_EXIT_OK)
				return rc;
			len = 0;
			if (got == 0)
				return CLI_EXIT_OK;
			continue;
		}
		if (len + 1 == sizeof(line)) {
			cli_error(cli, "drill: --ids -: a line of more than %zu bytes", sizeof(line) - 1);
			return CLI_EXIT_USAGE;
		}
		line[len++] = ch;
	}
}

/* Say how many kept rows results_resend added (nothing for none). */
static void cmd_drill_sent(struct cli *cli, size_t sent)
{
	char said[128];

	results_resend_text(sent, 0, NULL, said, sizeof(said));
	if (said[0] != '\0')
		fprintf(cli->out, "%s\n", said);
}

int cmd_drill(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "topic", required_argument, NULL, 't' },
		{ "ids", required_argument, NULL, 'i' },
		{ "seconds", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'N' },
		{ "results", required_argument, NULL, 'r' },
		{ "resend", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *topics[CMD_DRILL_MAX_TOPICS];
	struct cli_topic_name topic_names[CMD_DRILL_MAX_TOPICS];
	const char *name = NULL, *results = NULL, *ids_arg = NULL;
	struct cmd_drill_ids ids = { NULL, 0 };
	struct drill_opts o;
	struct store *s = NULL;
	struct config cfg;
	struct whose_error err;
	unsigned long long v;
	bool have_seed = false, resend = false;
	size_t sent = 0, left = 0;
	int c, rc;

	memset(&o, 0, sizeof(o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:s:n:t:i:k:N:r:h", opts, NULL)) != -1) {
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
		case 'i':
			ids_arg = optarg;
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
		case 'R':
			resend = true;
			break;
		case 'h':
			cmd_drill_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "drill", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "drill");
	if (resend) {
		if (have_seed || results != NULL || name != NULL || o.count || o.ntopics ||
		    o.seconds || ids_arg != NULL) {
			cli_error(cli, "drill: '--resend' takes no other option: it adds the kept results to their own files");
			return CLI_EXIT_USAGE;
		}
		rc = cli_open_configured(cli, &s, &cfg);
		if (rc != CLI_EXIT_OK)
			return rc;
		whose_error_clear(&err);
		rc = results_resend(s, &sent, &left, &err);
		store_close(s);
		if (sent + left == 0 && rc == 0)
			fprintf(cli->out, "No drill result is kept: nothing to send.\n");
		cmd_drill_sent(cli, sent);
		if (rc < 0) {
			if (left > 0)
				cli_error(cli, "drill: %zu kept result%s still cannot be added: %s",
					  left, left == 1 ? "" : "s", err.msg);
			else
				cli_error(cli, "drill: %s", err.msg);
			return cli_exit_for(rc);
		}
		return CLI_EXIT_OK;
	}
	if (!have_seed) {
		cli_error(cli, "drill: '--seed' is required: the same seed gives every student the same questions");
		fprintf(stderr, "Try 'whose drill --help'.\n");
		return CLI_EXIT_USAGE;
	}
	if (ids_arg != NULL && (o.count != 0 || o.ntopics != 0)) {
		cli_error(cli, "drill: '--ids' takes no '--%s': the ids say which questions, and how many",
			  o.count != 0 ? "count" : "topic");
		return CLI_EXIT_USAGE;
	}
	if (ids_arg != NULL) {
		char *copy = strdup(ids_arg);

		if (copy == NULL) {
			cli_error(cli, "drill: out of memory");
			return CLI_EXIT_FAIL;
		}
		rc = strcmp(copy, "-") == 0 ? cmd_drill_ids_stdin(cli, &ids)
					    : cmd_drill_ids_add(cli, &ids, copy);
		free(copy);
		if (rc == CLI_EXIT_OK && ids.n == 0) {
			cli_error(cli, "drill: '--ids' names no question: give bank ids such as s3-004 ('whose search' lists them)");
			rc = CLI_EXIT_USAGE;
		}
		if (rc != CLI_EXIT_OK) {
			cmd_drill_ids_free(&ids);
			return rc;
		}
		o.ids = (const char *const *)ids.id;
		o.nids = ids.n;
	}
	if (results != NULL) {
		whose_error_clear(&err);
		if (results_student_name(name, &name, &err) < 0) {
			cli_error(cli, "drill: %s", err.msg);
			rc = CLI_EXIT_USAGE;
			goto out;
		}
		/* Before the drill, so that a student does not learn at the
		 * end that the row cannot be written. */
		whose_error_clear(&err);
		rc = results_check(results, &err);
		if (rc < 0) {
			cli_error(cli, "drill: the results file: %s", err.msg);
			rc = cli_exit_for(rc);
			goto out;
		}
	}
	o.topics = o.ntopics ? topics : NULL;
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		goto out;
	if ((rc = cli_topics_resolve(cli, s, "drill", topics, o.ntopics, topic_names)) != 0) {
		store_close(s);
		goto out;
	}
	whose_error_clear(&err);
	/* Results kept by an earlier drill: added first, whatever happens. */
	if (results != NULL) {
		rc = results_resend(s, &sent, &left, &err);
		cmd_drill_sent(cli, sent);
		if (rc < 0) {
			char said[WHOSE_ERROR_MAX + 160];

			results_resend_text(0, left, err.msg, said, sizeof(said));
			cli_error(cli, "drill: %s", said);
		}
		whose_error_clear(&err);
	}
	o.config = &cfg;
	o.clock = &cli->clock;
	if (cli_use_plain(cli))
		rc = plain_drill(s, &o, name, results, STDIN_FILENO, cli->out, &err);
	else
		rc = tui_drill(s, &o, name, results, &err);
	store_close(s);
	if (rc < 0) {
		cli_error(cli, "drill: %s", err.msg);
		/* An unknown topic or id is a usage error, as for practice;
		 * so is an id given twice. */
		rc = (rc == WHOSE_ENOTFOUND && (o.ntopics > 0 || o.nids > 0)) ||
		     (rc == WHOSE_EINVAL && o.nids > 0) ? CLI_EXIT_USAGE : cli_exit_for(rc);
		goto out;
	}
	rc = CLI_EXIT_OK;
out:
	cmd_drill_ids_free(&ids);
	return rc;
}
