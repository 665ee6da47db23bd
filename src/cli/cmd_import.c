/*
 * cmd_import.c - `whose import FILE...` and `whose check FILE...`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
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
			"Usage: whose check [--dated] FILE|DIR...\n"
			"Validate question banks (CSV) and say what importing them would\n"
			"do to the database; nothing is written.  Exit 0 when the banks are\n"
			"valid, 65 when they hold errors (each listed as FILE:LINE: ...).\n"
			"\n"
			"  -d, --dated  also list the questions tagged as-of:YYYY-MM (facts\n"
			"               that change by date), oldest check first\n"
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

/* One question tagged as-of:YYYY-MM, copied out of the reader. */
struct cmd_dated {
	char as_of[8];
	char *qid;
	char *file;
	long line;
};

struct cmd_dated_list {
	struct cmd_dated *v;
	size_t n, cap;
};

static int cmd_dated_keep(const struct bank_row *row, void *ctx, char *msg,
			  size_t msglen, struct whose_error *err)
{
	struct cmd_dated_list *l = ctx;
	struct cmd_dated d;

	(void)msg;
	(void)msglen;
	if (question_as_of(row->t.tags, d.as_of, sizeof(d.as_of)) != 1)
		return 0;  /* none; a bad one was already reported by the check */
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct cmd_dated *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory listing dated questions");
		l->v = v;
		l->cap = cap;
	}
	d.qid = strdup(row->t.qid);
	d.file = strdup(row->file);
	d.line = row->line;
	if (d.qid == NULL || d.file == NULL) {
		free(d.qid);
		free(d.file);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory listing dated questions");
	}
	l->v[l->n++] = d;
	return 0;
}

/* Oldest check first, then by id, so the next review starts at the top. */
static int cmd_dated_cmp(const void *a, const void *b)
{
	const struct cmd_dated *x = a, *y = b;
	int c = strcmp(x->as_of, y->as_of);

	return c != 0 ? c : strcmp(x->qid, y->qid);
}

/* whose check --dated: list the dated questions of the banks at PATHS,
 * which the check has just found valid. */
static int cmd_check_dated(struct cli *cli, const char *const *paths, size_t npaths)
{
	struct cmd_dated_list l = { NULL, 0, 0 };
	struct bank_report rep;
	struct whose_error err;
	int rc;

	whose_error_clear(&err);
	rc = bank_read(paths, npaths, cmd_dated_keep, &l, &rep, NULL, NULL, &err);
	bank_report_free(&rep);
	if (rc == 0) {
		qsort(l.v, l.n, sizeof(*l.v), cmd_dated_cmp);
		for (size_t i = 0; i < l.n; i++)
			fprintf(cli->out, "as-of %s  %s  %s:%ld\n", l.v[i].as_of, l.v[i].qid,
				l.v[i].file, l.v[i].line);
		fprintf(cli->out, "%zu dated question%s\n", l.n, l.n == 1 ? "" : "s");
	} else {
		cli_error(cli, "%s", err.msg);
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].qid);
		free(l.v[i].file);
	}
	free(l.v);
	return rc;
}

static int cmd_import_run(struct cli *cli, int argc, char **argv, bool check)
{
	static const struct option opts[] = {
		{ "reviews", required_argument, NULL, 'r' },
		{ "dated", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reviews = NULL;
	bool dated = false;
	struct whose_error err;
	struct store_import_summary sum;
	struct bank_report rep;
	struct store *s = NULL;
	struct stat st;
	int c, rc, flags = STORE_CREATE;

	opterr = 0;
	while ((c = getopt_long(argc, argv, check ? "+:dh" : "+:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!check)
				return cli_bad_option(cli, argv, '?', argv[0], opts);
			dated = true;
			break;
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
	if (rc == 0 && dated)
		rc = cmd_check_dated(cli, (const char *const *)argv + optind,
				     (size_t)(argc - optind));
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
