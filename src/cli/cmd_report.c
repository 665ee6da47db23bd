/*
 * cmd_report.c - `whose report`: a class's drill results files (written by
 * `whose drill --results`) summed up per question, topic and student.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "whose/figures.h"
#include "whose/report.h"
#include "whose/text.h"

/* Columns of the question text a report shows. */
#define CMD_REPORT_TEXT_COLS 60

static void cmd_report_usage(FILE *f)
{
	fprintf(f,
		"Usage: whose report FILE.csv...\n"
		"Sum up the results files of 'whose drill --results': per question the share\n"
		"of students who got it right, hardest first, with its topic and text; per\n"
		"topic; per student (drills left early are counted apart, not scored).  Warns\n"
		"when students with the same seed saw different questions (their banks\n"
		"differ).  Malformed rows are listed as FILE:LINE: what is wrong, left out,\n"
		"and make the exit status 65.\n"
		"\n"
		"  -h, --help   show this help\n");
}

/* Print S (sanitized, one line) cut to COLS columns, then spaces up to
 * PAD columns (0: none). */
static void cmd_report_cell(FILE *out, const char *s, size_t cols, size_t pad)
{
	char *clean = text_vis(s, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
	size_t n, w;

	if (clean == NULL) {
		fputs("?", out);
		return;
	}
	for (char *p = clean; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	w = text_width(clean);
	if (w > cols) {
		n = text_prefix_for_cols(clean, cols > 3 ? cols - 3 : cols);
		fprintf(out, "%.*s...", (int)n, clean);
		w = text_width(clean) - text_width(clean + n) + 3;
	} else {
		fputs(clean, out);
	}
	for (; w < pad; w++)
		fputc(' ', out);
	free(clean);
}

static size_t cmd_report_width(const char *s)
{
	char *clean = text_vis(s, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
	size_t w = clean != NULL ? text_width(clean) : 1;

	free(clean);
	return w;
}

/* Seeds that were not the same drill for everyone: which questions (by
 * fingerprint) how many drills saw, and one student of each. */
static void cmd_report_variants(FILE *out, const struct report *r)
{
	const struct report_variant *v;
	size_t n, mixed = report_mixed_seeds(r);

	if (mixed == 0)
		return;
	v = report_variants(r, &n);
	fprintf(out, "\nWarning: %zu seed%s gave different questions to different students (their\n"
	       "banks differ: a profile with questions of its own, another version of the\n"
	       "bank); their scores are not comparable:\n",
	       mixed, mixed == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		bool mixed_seed = (i > 0 && v[i - 1].seed == v[i].seed) ||
				  (i + 1 < n && v[i + 1].seed == v[i].seed);

		if (!mixed_seed)
			continue;
		fprintf(out, "  seed %llu, questions %016llx: %zu drill%s, e.g. ",
		       (unsigned long long)v[i].seed, (unsigned long long)v[i].fingerprint,
		       v[i].drills, v[i].drills == 1 ? "" : "s");
		cmd_report_cell(out, v[i].first_name, 40, 0);
		fprintf(out, "\n");
	}
}

static void cmd_report_print(FILE *out, const struct report *r, size_t nfiles)
{
	const struct report_question *q;
	const struct report_topic *t;
	const struct report_student *st;
	size_t nq, nt, nst, idw = 2, topw = 5, namew = 4, fracw = 3;
	char frac[64], pct[16];

	q = report_questions(r, &nq);
	t = report_topics(r, &nt);
	st = report_students(r, &nst);
	fprintf(out, "Class report: %zu drill%s", report_rows(r), report_rows(r) == 1 ? "" : "s");
	if (report_incomplete_rows(r) > 0)
		fprintf(out, " (%zu left early)", report_incomplete_rows(r));
	fprintf(out, " by %zu student%s, %zu question%s, from %zu file%s.\n",
	       nst, nst == 1 ? "" : "s", nq, nq == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s");
	/* Before the figures: they are not comparable when it shows. */
	cmd_report_variants(out, r);
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
	fprintf(out, "\nQuestions, hardest first:\n");
	fprintf(out, "  Right %*s  ", (int)fracw, "");
	cmd_report_cell(out, "Id", idw, idw);
	fprintf(out, "  ");
	cmd_report_cell(out, "Topic", topw, topw);
	fprintf(out, "  Question\n");
	for (size_t i = 0; i < nq; i++) {
		snprintf(frac, sizeof(frac), "%zu/%zu", q[i].right, q[i].asked);
		figures_format_percent(figures_percent(q[i].right, q[i].asked), pct, sizeof(pct));
		fprintf(out, "  %5s %*s  ", pct, (int)fracw, frac);
		cmd_report_cell(out, q[i].qid, idw, idw);
		fprintf(out, "  ");
		cmd_report_cell(out, q[i].topic, topw, topw);
		fprintf(out, "  ");
		cmd_report_cell(out, q[i].text, CMD_REPORT_TEXT_COLS, 0);
		fprintf(out, "\n");
	}
	fprintf(out, "\nTopics, hardest first:\n");
	for (size_t i = 0; i < nt; i++) {
		snprintf(frac, sizeof(frac), "%zu/%zu", t[i].right, t[i].asked);
		figures_format_percent(figures_percent(t[i].right, t[i].asked), pct, sizeof(pct));
		fprintf(out, "  %5s %*s  ", pct, (int)fracw, frac);
		cmd_report_cell(out, t[i].name, topw, topw);
		fprintf(out, "  %zu question%s\n", t[i].questions, t[i].questions == 1 ? "" : "s");
	}
	for (size_t i = 0; i < nst; i++) {
		size_t w = cmd_report_width(st[i].name);

		namew = w > namew ? w : namew;
	}
	if (namew > 40)
		namew = 40;
	fprintf(out, "\nStudents:\n");
	for (size_t i = 0; i < nst; i++) {
		fprintf(out, "  ");
		cmd_report_cell(out, st[i].name, namew, namew);
		snprintf(frac, sizeof(frac), "%zu/%zu", st[i].right, st[i].total);
		if (st[i].drills > 0) {
			figures_format_percent(figures_percent(st[i].right, st[i].total), pct, sizeof(pct));
			fprintf(out, "  %3zu drill%s  %7s  %4s", st[i].drills, st[i].drills == 1 ? " " : "s",
			       frac, pct);
		} else
			fprintf(out, "  %3zu drills  %7s  %4s", st[i].drills, "-", "-");
		if (st[i].incomplete > 0)
			fprintf(out, "  %zu incomplete (left early)", st[i].incomplete);
		if (st[i].has_account) {
			char *login = text_vis(st[i].login, 0);

			fprintf(out, "  account %s (uid %lu)", login != NULL ? login : "?", (unsigned long)st[i].uid);
			free(login);
		}
		if (st[i].renamed > 0) {
			char *other = text_vis(st[i].other_name, 0);

			/* Any member of the group may write a row with --name:
			 * the account says who did. */
			fprintf(out, "  [%zu row%s named '%s', not the account's login]", st[i].renamed,
				st[i].renamed == 1 ? "" : "s", other != NULL ? other : "?");
			free(other);
		}
		fprintf(out, "\n");
	}
}

/* The problems found, one a line, in their terminal-safe form (the core
 * already names files so; a field quoted in a message is safe too, and
 * this keeps it so whatever the message). */
static void cmd_report_problems(const struct bank_report *rep)
{
	for (size_t i = 0; i < rep->nmessages; i++) {
		char *safe = text_vis(rep->messages[i], 0);

		fprintf(stderr, "%s\n", safe != NULL ? safe : "(out of memory)");
		free(safe);
	}
	if (rep->nerrors > rep->nmessages)
		fprintf(stderr, "... and %zu more problems not shown\n", rep->nerrors - rep->nmessages);
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
			cmd_report_usage(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "report", opts);
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
	/* It only reads: a read-only database (a backup, a snapshot) will do. */
	cli->read_only_ok = true;
	exit_code = cli_open_study(cli, &s);
	if (exit_code != CLI_EXIT_OK)
		goto out;
	rc = report_resolve(r, s, &err);
	if (rc < 0) {
		cli_error(cli, "report: %s", err.msg);
		exit_code = cli_exit_for(rc);
		goto out;
	}
	cmd_report_print(cli->out, r, (size_t)(argc - optind));
	fflush(cli->out);
	if (rep.nerrors > 0) {
		cmd_report_problems(&rep);
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
