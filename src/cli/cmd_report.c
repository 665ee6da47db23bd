/*
 * cmd_report.c - `whose report FILE.csv...`: a class's drill results files
 * summed up, per question (hardest first), per topic and per student.
 * Every share is a figure of figures.h (a whole percent rounded down).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "whose/figures.h"
#include "whose/report.h"
#include "whose/text.h"

#define CMD_REPORT_TEXT_COLS 60

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
