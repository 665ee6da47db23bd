/*
 * cmd_import.c - `whose import FILE...` and `whose check FILE...`.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "whose/config.h"
#include "whose/figures.h"
#include "whose/review.h"

/* A progress line on stderr, only when stderr is a terminal. */
static void cmd_import_progress(uint64_t done, uint64_t total, void *ctx)
{
	(void)ctx;
	if (total < (8u << 20))
		return;  /* small banks import in a blink */
	{
		int pct = figures_percent((size_t)done, (size_t)total);

		fprintf(stderr, "\rimporting: %3d%% of %llu MB", pct == FIGURES_NONE ? 100 : pct,
			(unsigned long long)(total >> 20));
	}
	if (done >= total)
		fputs("\n", stderr);
	fflush(stderr);
}

static void cmd_import_usage(FILE *f, bool check)
{
	if (check)
		fprintf(f,
			"Usage: whose check FILE|DIR...\n"
			"Validate question banks (CSV) and say what importing them would\n"
			"do to the database; nothing is written.  Exit 0 when the banks are\n"
			"valid, 65 when they hold errors (each listed as FILE:LINE: ...).\n"
			"\n"
			"  -h, --help   show this help\n");
	else
		fprintf(f,
			"Usage: whose import FILE|DIR...\n"
			"       whose import --reviews HISTORY.csv\n"
			"Import question banks (CSV, see whose-bank(5)) in one transaction:\n"
			"new ids are added, changed questions updated (progress kept),\n"
			"questions gone from the named files or folders retired.  Any error\n"
			"in the banks and nothing is imported (exit 65).\n"
			"\n"
			"  -r, --reviews FILE  replay a review history from another tool\n"
			"                      (columns id, reviewed_at in ISO 8601 UTC, rating\n"
			"                      1-4, optional duration_ms) through the scheduler\n"
			"  -h, --help          show this help\n");
}

/* whose import --reviews FILE: replay another tool's history. */
static int cmd_import_reviews(struct cli *cli, const char *path)
{
	struct whose_error err;
	struct bank_report rep;
	struct store *s = NULL;
	struct config cfg;
	size_t applied;
	int rc;

	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	rc = review_import(s, &cfg, path, clock_now(&cli->clock), &applied, &rep, &err);
	cli_print_bank_report(cli, &rep);
	bank_report_free(&rep);
	if (rc < 0)
		cli_error(cli, "%s", err.msg);
	else
		fprintf(cli->out, "%zu review%s replayed\n", applied, applied == 1 ? "" : "s");
	store_close(s);
	return cli_exit_for(rc);
}

static int cmd_import_run(struct cli *cli, int argc, char **argv, bool check)
{
	static const struct option opts[] = {
		{ "reviews", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reviews = NULL;
	struct whose_error err;
	struct store_import_summary sum;
	struct bank_report rep;
	struct store *s = NULL;
	struct stat st;
	int c, rc, flags = STORE_CREATE;

	opterr = 0;
	while ((c = getopt_long(argc, argv, check ? "+:h" : "+:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (check)
				return cli_bad_option(cli, argv, '?', argv[0], opts);
			reviews = optarg;
			break;
		case 'h':
			cmd_import_usage(stdout, check);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, argv[0], opts);
		}
	}
	if (reviews != NULL) {
		if (optind < argc)
			return cli_extra_argument(cli, argv[optind], "import --reviews");
		return cmd_import_reviews(cli, reviews);
	}
	if (optind >= argc) {
		cli_error(cli, "%s: name at least one bank file or folder", argv[0]);
		cmd_import_usage(stderr, check);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_resolve_db(cli)) != 0)
		return rc;
	/* A check against a database that does not exist yet compares with an
	 * empty one, and creates nothing. */
	if (check && stat(cli->db_path, &st) != 0)
		flags = STORE_MEMORY;
	whose_error_clear(&err);
	if ((rc = cli_store_open(cli, flags, &s)) != 0)
		return rc;
	rc = store_import(s, (const char *const *)argv + optind, (size_t)(argc - optind),
			  check, clock_now(&cli->clock), &sum, &rep,
			  !check && isatty(STDERR_FILENO) ? cmd_import_progress : NULL,
			  NULL, &err);
	cli_print_bank_report(cli, &rep);
	if (rc == 0 || rc == WHOSE_EDATA) {
		size_t total = sum.added + sum.updated + sum.unchanged;

		if (check)
			fprintf(cli->out, "%zu valid question%s in %zu file%s: would add %zu, update %zu, leave %zu unchanged, retire %zu; %zu rejected\n",
			       total, total == 1 ? "" : "s", rep.nfiles,
			       rep.nfiles == 1 ? "" : "s", sum.added, sum.updated,
			       sum.unchanged, sum.retired, rep.nerrors);
		else if (rc == 0)
			fprintf(cli->out, "%zu added, %zu updated, %zu unchanged, %zu retired\n",
			       sum.added, sum.updated, sum.unchanged, sum.retired);
	}
	if (rc < 0 && !(check && rc == WHOSE_EDATA))
		cli_error(cli, "%s", err.msg);
	bank_report_free(&rep);
	store_close(s);
	return cli_exit_for(rc);
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	return cmd_import_run(cli, argc, argv, false);
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	return cmd_import_run(cli, argc, argv, true);
}
