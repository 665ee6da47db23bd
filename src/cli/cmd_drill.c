/*
 * cmd_drill.c - `whose drill`: a classroom drill, the same for every
 * student who types the same seed, with its results appended to a shared
 * CSV file (`whose report`, in cmd_report.c, sums them up).
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
#include "whose/text.h"

#define CMD_DRILL_MAX_TOPICS 64
#define CMD_DRILL_MAX_NAME 100
/* Columns of the question text a report shows. */

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
