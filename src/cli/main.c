/*
 * main.c - the whose command: global options, then a subcommand.
 *
 *   whose [--db PATH] [--profile NAME] [--plain] [COMMAND [ARGS...]]
 *
 * Each subcommand lives in its own cmd_*.c and parses its own options with
 * getopt_long.  Only this front end prints and chooses exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "version.h"
#include "whose/names.h"
#include "whose/text.h"

static int cmd_help(struct cli *cli, int argc, char **argv);
static void cli_usage(FILE *f);

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

static const struct cli_command cli_commands[] = {
	{ "review", cmd_review, "study what is due (the default command)" },
	{ "practice", cmd_practice, "practise chosen or weak topics without moving due dates" },
	{ "import", cmd_import, "import question banks (CSV) into the database" },
	{ "check", cmd_check, "validate question banks and say what an import would do" },
	{ "stats", cmd_stats, "figures per topic, forecast, retention, leeches, flagged" },
	{ "export", cmd_export, "write card states or the review log as CSV" },
	{ "search", cmd_search, "find questions by their words, topic, type or state" },
	{ "show", cmd_show, "one question whole, with its schedule and every answer it had" },
	{ "suspend", cmd_suspend, "take questions out of reviews (their schedule is kept)" },
	{ "mark", cmd_mark, "mark questions to come back to (nothing in the schedule moves)" },
	{ "unmark", cmd_unmark, "take the mark off questions" },
	{ "unsuspend", cmd_unsuspend, "put suspended questions (leeches) back into reviews" },
	{ "unflag", cmd_unflag, "put flagged questions back into the rotation" },
	{ "reset", cmd_reset, "start questions' schedules again, as new (their history stays)" },
	{ "config", cmd_config, "show or change settings" },
	{ "optimize", cmd_optimize, "fit the FSRS parameters to your own review log" },
	{ "exam", cmd_exam, "sit a timed mock exam across topics, or resume one left open" },
	{ "exams", cmd_exams, "past exam results and the trend; show N reviews one" },
	{ "drill", cmd_drill, "a classroom drill: the same seed gives everyone the same questions" },
	{ "report", cmd_report, "sum up a class's drill results files" },
	{ "profiles", cmd_profiles, "list the profiles and their last use" },
	{ "class", cmd_class, "a live class on this host: host one, join one, its results" },
	{ "help", cmd_help, "this overview, or 'whose help COMMAND' for a command's options" },
};

#define CLI_NCOMMANDS (sizeof(cli_commands) / sizeof(cli_commands[0]))

void cli_error(const struct cli *cli, const char *fmt, ...)
{
	char small[1024], *msg = small, *clean;
	va_list ap;
	int n;

	/* The whole message is made safe, whatever it quotes (a file name,
	 * a typed value, an environment variable, database text); a name a
	 * core message already escaped passes unchanged. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(small) && (msg = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	} else if (msg == NULL) {
		msg = small;
	}
	clean = text_vis(n < 0 ? "" : msg, TEXT_VIS_TAB_SPACE | cli_vis_flags());
	fprintf(stderr, "%s: %s\n", cli->prog, clean != NULL ? clean : "(out of memory)");
	free(clean);
	if (msg != small)
		free(msg);
}

/* ", did you mean '--NAME'?" when the option TYPED (with its dashes and
 * any "=value") is close to one of OPTS, else "". */
static void cli_option_hint(const char *typed, const struct option *opts,
			    char *out, size_t size)
{
	const char *names[64] = { NULL };
	char word[64];
	size_t n = 0, i, len;

	*out = '\0';
	if (opts == NULL || strncmp(typed, "--", 2) != 0)
		return;
	typed += 2;
	len = strcspn(typed, "=");
	if (len == 0 || len >= sizeof(word))
		return;
	memcpy(word, typed, len);
	word[len] = '\0';
	for (; opts[n].name != NULL && n < sizeof(names) / sizeof(names[0]); n++)
		names[n] = opts[n].name;
	if (names_find(word, names, n, &i, NULL) == NAMES_NONE && i < n)
		snprintf(out, size, ": did you mean '--%s'?", names[i]);
}

int cli_bad_option(const struct cli *cli, char **argv, int c, const char *cmd,
		   const struct option *opts)
{
	char hint[96];

	if (c == ':') {
		cli_error(cli, "%s: option '%s' needs a value", cmd, argv[optind - 1]);
	} else {
		cli_option_hint(argv[optind - 1], opts, hint, sizeof(hint));
		cli_error(cli, "%s: unknown option '%s'%s", cmd, argv[optind - 1], hint);
	}
	fprintf(stderr, "Try 'whose %s --help'.\n", cmd);
	return CLI_EXIT_USAGE;
}

int cli_number(const struct cli *cli, const char *cmd, const char *opt,
	       const char *s, unsigned long long min, unsigned long long max,
	       unsigned long long *out)
{
	char *end = NULL;
	unsigned long long v = 0;
	bool ok = *s >= '0' && *s <= '9';

	if (ok) {
		errno = 0;
		v = strtoull(s, &end, 10);
		ok = errno == 0 && *end == '\0' && v >= min && v <= max;
	}
	if (!ok) {
		cli_error(cli, "%s: '%s' needs a whole number from %llu to %llu", cmd, opt, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_extra_argument(const struct cli *cli, const char *arg, const char *cmd)
{
	cli_error(cli, "%s: unexpected argument '%s'", cmd, arg);
	fprintf(stderr, "Try 'whose %s --help'.\n", cmd);
	return CLI_EXIT_USAGE;
}

int cli_topics_resolve(struct cli *cli, struct store *s, const char *cmd,
		       const char **topics, size_t n, struct cli_topic_name *names)
{
	struct whose_error err;
	int64_t id;

	for (size_t i = 0; i < n; i++) {
		whose_error_clear(&err);
		if (store_topic_resolve(s, topics[i], &id, names[i].name, sizeof(names[i].name), &err) < 0) {
			cli_error(cli, "%s: %s", cmd, err.msg);
			return err.code == WHOSE_EDB || err.code == WHOSE_ENOMEM ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
		}
		topics[i] = names[i].name;
	}
	return 0;
}

int cli_exit_for(int code)
{
	switch (code) {
	case WHOSE_OK:
		return CLI_EXIT_OK;
	case WHOSE_EDATA:
		return CLI_EXIT_DATA;
	default:
		return CLI_EXIT_FAIL;
	}
}

void cli_print_bank_report(const struct cli *cli, const struct bank_report *rep)
{
	(void)cli;
	for (size_t i = 0; i < rep->nmessages; i++) {
		char *clean = text_vis(rep->messages[i], TEXT_VIS_TAB_SPACE | cli_vis_flags());

		fprintf(stderr, "%s\n", clean != NULL ? clean : "(out of memory)");
		free(clean);
	}
	if (rep->nerrors > rep->nmessages)
		fprintf(stderr, "... and %zu more errors not shown\n",
			rep->nerrors - rep->nmessages);
}

int cli_open_study(struct cli *cli, struct store **out)
{
	struct whose_error err;
	struct store_import_summary sum;
	struct bank_report rep;
	bool synced;
	int rc;

	whose_error_clear(&err);
	rc = cli_resolve_db(cli);
	if (rc != 0)
		return rc;
	if (cli_resolve_bank(cli) < 0)
		return CLI_EXIT_FAIL;
	rc = cli_store_open(cli, STORE_CREATE, out);
	if (rc != 0)
		return rc;
	/* A database opened read-only is read as it is. */
	if (store_read_only(*out))
		return CLI_EXIT_OK;
	rc = store_sync_bundled(*out, cli->bank_dir, clock_now(&cli->clock),
				&synced, &sum, &rep, &err);
	if (rc < 0) {
		cli_print_bank_report(cli, &rep);
		cli_error(cli, "%s", err.msg);
		bank_report_free(&rep);
		store_close(*out);
		*out = NULL;
		return cli_exit_for(rc);
	}
	bank_report_free(&rep);
	return CLI_EXIT_OK;
}

int cli_open_configured(struct cli *cli, struct store **out, struct config *cfg)
{
	struct whose_error err;
	int rc = cli_open_study(cli, out);

	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	if (config_load(*out, cfg, &err) < 0) {
		cli_error(cli, "%s", err.msg);
		store_close(*out);
		*out = NULL;
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

static void cli_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose [OPTIONS] [COMMAND [ARGS...]]\n"
		"A terminal trainer for the cloud Shared Responsibility Model.\n"
		"\n"
		"Options:\n"
		"  --db PATH        use the database at PATH (also WHOSE_DB)\n"
		"  --profile NAME   use the profile NAME (also WHOSE_PROFILE)\n"
		"  --plain          plain numbered text instead of the full-screen interface\n"
		"  --create         make the --db database (and its folders) when missing\n"
		"  -h, --help       show this help\n"
		"  -V, --version    show the version\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < CLI_NCOMMANDS; i++)
		fprintf(f, "  %-15s  %s\n", cli_commands[i].name, cli_commands[i].summary);
	fprintf(f,
		"\n"
		"Run 'whose help COMMAND' (or 'whose COMMAND --help') for a command's\n"
		"options; see whose(1).\n");
}

/* Close the escaping stream and check that everything written to
 * standard output got there (a full disk, /dev/full, a closed pipe):
 * a command whose output was lost does not exit 0. */
static int cli_finish(struct cli *cli, int rc)
{
	bool lost = cli->out != stdout && fclose(cli->out) != 0;

	cli->out = stdout;
	if (fflush(stdout) != 0 || ferror(stdout))
		lost = true;
	if (lost) {
		cli_error(cli, "cannot write to standard output: %s", strerror(errno ? errno : EIO));
		if (rc == CLI_EXIT_OK)
			rc = CLI_EXIT_FAIL;
	}
	return rc;
}

static int cli_main(struct cli *cli, int argc, char **argv);

/* "unknown command", with the closest command when one is near. */
static int cli_unknown_command(struct cli *cli, const char *typed)
{
	const char *names[CLI_NCOMMANDS];
	size_t i;

	for (i = 0; i < CLI_NCOMMANDS; i++)
		names[i] = cli_commands[i].name;
	if (names_find(typed, names, CLI_NCOMMANDS, &i, NULL) == NAMES_NONE && i < CLI_NCOMMANDS)
		cli_error(cli, "unknown command '%s': did you mean '%s'?", typed, names[i]);
	else
		cli_error(cli, "unknown command '%s'", typed);
	fprintf(stderr, "Try 'whose help'.\n");
	return CLI_EXIT_USAGE;
}

/*
 * whose help [COMMAND [SUBCOMMAND]]: the overview, or a command's own
 * --help (as 'whose COMMAND [SUBCOMMAND] --help' prints it).
 */
static int cmd_help(struct cli *cli, int argc, char **argv)
{
	char *sub[4];

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_usage(cli->out);
		return CLI_EXIT_OK;
	}
	if (argc > 3)
		return cli_extra_argument(cli, argv[3], "help");
	for (size_t i = 0; i < CLI_NCOMMANDS; i++) {
		if (strcmp(argv[1], cli_commands[i].name) != 0 || cli_commands[i].run == cmd_help)
			continue;
		sub[0] = argv[1];
		sub[1] = argc == 3 ? argv[2] : "--help";
		sub[2] = argc == 3 ? "--help" : NULL;
		sub[3] = NULL;
		optind = 0;
		return cli_commands[i].run(cli, argc == 3 ? 3 : 2, sub);
	}
	return cli_unknown_command(cli, argv[1]);
}

int main(int argc, char **argv)
{
	struct cli cli;
	int rc;

	setlocale(LC_ALL, "");
	memset(&cli, 0, sizeof(cli));
	cli.prog = "whose";
	cli.out = cli_vis_stream(stdout, cli_vis_flags());
	if (cli.out == NULL)
		cli.out = stdout;
	rc = cli_main(&cli, argc, argv);
	return cli_finish(&cli, rc);
}

static int cli_main(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "profile", required_argument, NULL, 'p' },
		{ "plain", no_argument, NULL, 'P' },
		{ "create", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* '+': stop at the first non-option, the subcommand. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli->db_opt = optarg;
			break;
		case 'p':
			cli->profile_opt = optarg;
			break;
		case 'P':
			cli->plain = true;
			break;
		case 'C':
			cli->create = true;
			break;
		case 'h':
			cli_usage(cli->out);
			return CLI_EXIT_OK;
		case 'V':
			fprintf(cli->out, "whose %s\n", WHOSE_VERSION_STRING);
			return CLI_EXIT_OK;
		case ':':
			cli_error(cli, "option '%s' needs a value", argv[optind - 1]);
			fprintf(stderr, "Try 'whose --help'.\n");
			return CLI_EXIT_USAGE;
		default: {
			char hint[96];

			cli_option_hint(argv[optind - 1], opts, hint, sizeof(hint));
			cli_error(cli, "unknown option '%s'%s", argv[optind - 1], hint);
			fprintf(stderr, "Try 'whose --help'.\n");
			return CLI_EXIT_USAGE;
		}
		}
	}
	if (cli_setup_clock(cli) < 0)
		return CLI_EXIT_USAGE;
	if (optind >= argc) {
		/* No command: study what is due. */
		char *none[] = { "review", NULL };

		cli->home = true;
		optind = 0;
		return cmd_review(cli, 1, none);
	}
	for (size_t i = 0; i < CLI_NCOMMANDS; i++) {
		if (strcmp(argv[optind], cli_commands[i].name) == 0) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;

			optind = 0;  /* reset getopt for the subcommand */
			return cli_commands[i].run(cli, sub_argc, sub_argv);
		}
	}
	return cli_unknown_command(cli, argv[optind]);
}
