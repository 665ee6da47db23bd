/*
 * cmd_stats.c - `whose stats [--json]`, and the small commands that act on
 * what it lists: `whose unsuspend ID...`, `whose unflag ID...`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "whose/stats.h"
#include "whose/text.h"

/* The local date of day D after the start of the learner's day. */
static void cmd_stats_date(const struct stats *st, int d, char *buf, size_t len,
			   const char *fmt)
{
	/* Noon of that day: safe from a summer-time hour either way. */
	time_t t = (time_t)((st->day_start + (int64_t)d * 86400000 + 12 * 3600000) / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, fmt, &tm);
}

/* S as a JSON string in ASCII: controls and every character beyond ASCII
 * (C1, bidi, zero-width ones among them) are written as \uXXXX escapes:
 * the same string to a JSON reader, nothing that can act on a terminal
 * showing the raw output, and valid JSON in any locale.  A byte that is
 * not UTF-8 becomes U+FFFD. */
static void cmd_stats_json_str(FILE *f, const char *s)
{
	size_t len = strlen(s), i = 0;

	fputc('"', f);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = text_utf8_seq_len(c);
		uint32_t cp;

		switch (c) {
		case '"': fputs("\\\"", f); i++; continue;
		case '\\': fputs("\\\\", f); i++; continue;
		case '\n': fputs("\\n", f); i++; continue;
		case '\t': fputs("\\t", f); i++; continue;
		case '\r': fputs("\\r", f); i++; continue;
		default: break;
		}
		if (n == 0 || n > len - i || !text_utf8_valid(s + i, n, NULL)) {
			fputs("\\ufffd", f);
			i++;
			continue;
		}
		text_utf8_next(s + i, n, &cp);
		if (cp < 0x20 || cp >= 0x7F) {
			if (cp > 0xFFFF) {
				cp -= 0x10000;
				fprintf(f, "\\u%04x\\u%04x", 0xD800u + (unsigned)(cp >> 10),
					0xDC00u + (unsigned)(cp & 0x3FF));
			} else {
				fprintf(f, "\\u%04x", (unsigned)cp);
			}
		} else {
			fwrite(s + i, 1, n, f);
		}
		i += n;
	}
	fputc('"', f);
}

/* A ratio as a JSON number, or null when there is nothing to divide. */
static void cmd_stats_json_ratio(FILE *f, size_t num, size_t den)
{
	if (den == 0)
		fputs("null", f);
	else
		fprintf(f, "%.4f", (double)num / (double)den);
}

static void cmd_stats_json(FILE *f, const struct stats *st)
{
	char date[32];

	clock_format_iso(st->now, date, sizeof(date));
	fprintf(f, "{\n  \"generated_at\": \"%s\",\n", date);
	fprintf(f, "  \"desired_retention\": %.2f,\n", st->desired_retention);
	fprintf(f, "  \"true_retention\": {\"reviews\": %zu, \"recalled\": %zu, \"rate\": ",
		st->retention_reviews, st->retention_recalled);
	cmd_stats_json_ratio(f, st->retention_recalled, st->retention_reviews);
	fprintf(f, "},\n  \"questions\": {\"total\": %zu, \"seen\": %zu, \"answers\": %zu, \"correct\": %zu, \"accuracy\": ",
		st->total, st->seen, st->answers, st->correct);
	cmd_stats_json_ratio(f, st->correct, st->answers);
	fprintf(f, "},\n  \"due\": {\"learning\": %zu, \"review\": %zu, \"new_today\": %zu, \"new_waiting\": %zu},\n",
		st->due_learning, st->due_review, st->new_today, st->new_waiting);
	fputs("  \"topics\": [", f);
	for (size_t i = 0; i < st->ntopics; i++) {
		const struct store_topic *t = &st->topics[i];

		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		cmd_stats_json_str(f, t->name);
		fprintf(f, ", \"questions\": %zu, \"seen\": %zu, \"answers\": %zu, \"correct\": %zu, \"accuracy\": ",
			t->total, t->seen, t->answers, t->correct);
		cmd_stats_json_ratio(f, t->correct, t->answers);
		fprintf(f, ", \"recent_answers\": %zu, \"recent_correct\": %zu, \"recent_accuracy\": ",
			t->recent, t->recent_correct);
		cmd_stats_json_ratio(f, t->recent_correct, t->recent);
		fprintf(f, ", \"mastery\": %.4f, \"due\": %zu, \"true_retention\": ", t->mastery, t->due);
		cmd_stats_json_ratio(f, t->retention_recalled, t->retention_reviews);
		fputc('}', f);
	}
	fputs(st->ntopics ? "\n  ],\n" : "],\n", f);
	fputs("  \"forecast\": [", f);
	for (int d = 0; d < STATS_FORECAST_DAYS; d++) {
		cmd_stats_date(st, d, date, sizeof(date), "%Y-%m-%d");
		fprintf(f, "%s{\"date\": \"%s\", \"due\": %zu}", d ? ", " : "", date, st->forecast[d]);
	}
	fputs("],\n  \"history\": [", f);
	for (int d = 0; d < STATS_HISTORY_DAYS; d++) {
		cmd_stats_date(st, d - (STATS_HISTORY_DAYS - 1), date, sizeof(date), "%Y-%m-%d");
		fprintf(f, "%s{\"date\": \"%s\", \"answers\": %zu, \"correct\": %zu}",
			d ? ", " : "", date, st->history[d], st->history_correct[d]);
	}
	fputs("],\n  \"leeches\": [", f);
	for (size_t i = 0; i < st->nleeches; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", f);
		cmd_stats_json_str(f, st->leeches[i].qid);
		fputs(", \"topic\": ", f);
		cmd_stats_json_str(f, st->leeches[i].topic);
		fputs(", \"question\": ", f);
		cmd_stats_json_str(f, st->leeches[i].text);
		fprintf(f, ", \"lapses\": %d, \"suspended\": %s}", st->leeches[i].lapses,
			st->leeches[i].suspended ? "true" : "false");
	}
	fputs("],\n  \"flagged\": [", f);
	for (size_t i = 0; i < st->nflagged; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", f);
		cmd_stats_json_str(f, st->flagged[i].qid);
		fputs(", \"topic\": ", f);
		cmd_stats_json_str(f, st->flagged[i].topic);
		fputs(", \"question\": ", f);
		cmd_stats_json_str(f, st->flagged[i].text);
		fputs(", \"note\": ", f);
		cmd_stats_json_str(f, st->flagged[i].note);
		fputc('}', f);
	}
	fputs("]\n}\n", f);
}

/* "87%" or "-" when there is nothing to divide. */
static void cmd_stats_pct(char *buf, size_t len, size_t num, size_t den)
{
	if (den == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d%%", (int)((num * 100 + den / 2) / den));
}

/* Print S padded to COLS display columns (UTF-8 aware), cut if longer. */
static void cmd_stats_cell(FILE *f, const char *s, size_t cols)
{
	char *clean = text_vis(s, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
	const char *t = clean != NULL ? clean : "?";
	size_t n = text_prefix_for_cols(t, cols), w;
	char tmp[256];

	snprintf(tmp, sizeof(tmp), "%.*s", (int)n, t);
	w = text_width(tmp);
	fputs(tmp, f);
	for (; w < cols; w++)
		fputc(' ', f);
	free(clean);
}

static void cmd_stats_bar(FILE *f, size_t v, size_t max, size_t width)
{
	size_t n = max ? (v * width + max - 1) / max : 0;

	for (size_t i = 0; i < n; i++)
		fputc('#', f);
}

static void cmd_stats_table(FILE *f, const struct stats *st)
{
	char a[16], b[16], c[16], date[32];
	size_t max = 0;

	fprintf(f, "Today: %zu learning step%s due, %zu review%s due, %zu new question%s to come (%zu never seen).\n",
		st->due_learning, st->due_learning == 1 ? "" : "s",
		st->due_review, st->due_review == 1 ? "" : "s",
		st->new_today, st->new_today == 1 ? "" : "s", st->new_waiting);
	cmd_stats_pct(a, sizeof(a), st->retention_recalled, st->retention_reviews);
	fprintf(f, "True retention: %s of %zu review%s recalled (desired %d%%).\n\n", a,
		st->retention_reviews, st->retention_reviews == 1 ? "" : "s",
		(int)(st->desired_retention * 100 + 0.5));

	fprintf(f, "%-28s %9s %8s %9s %8s %8s %5s\n", "Topic", "Seen", "Answers",
		"Accuracy", "Last 20", "Mastery", "Due");
	for (size_t i = 0; i < st->ntopics; i++) {
		const struct store_topic *t = &st->topics[i];
		char seen[32];

		snprintf(seen, sizeof(seen), "%zu/%zu", t->seen, t->total);
		cmd_stats_pct(a, sizeof(a), t->correct, t->answers);
		cmd_stats_pct(b, sizeof(b), t->recent_correct, t->recent);
		snprintf(c, sizeof(c), "%d%%", (int)(t->mastery * 100 + 0.5));
		cmd_stats_cell(f, t->name, 28);
		fprintf(f, " %9s %8zu %9s %8s %8s %5zu\n", seen, t->answers, a, b, c, t->due);
	}
	{
		char seen[32];

		snprintf(seen, sizeof(seen), "%zu/%zu", st->seen, st->total);
		cmd_stats_pct(a, sizeof(a), st->correct, st->answers);
		fprintf(f, "%-28s %9s %8zu %9s\n", "All topics", seen, st->answers, a);
	}

	for (int d = 0; d < STATS_FORECAST_DAYS; d++)
		if (st->forecast[d] > max)
			max = st->forecast[d];
	fprintf(f, "\nDue in the next %d days:\n", STATS_FORECAST_DAYS);
	for (int d = 0; d < STATS_FORECAST_DAYS; d++) {
		cmd_stats_date(st, d, date, sizeof(date), "%a %d %b");
		fprintf(f, "  %-10s %5zu  ", d == 0 ? "today" : date, st->forecast[d]);
		cmd_stats_bar(f, st->forecast[d], max, 40);
		fputc('\n', f);
	}

	max = 0;
	for (int d = 0; d < STATS_HISTORY_DAYS; d++)
		if (st->history[d] > max)
			max = st->history[d];
	fprintf(f, "\nAnswers per day, last %d days (right/all):\n", STATS_HISTORY_DAYS);
	for (int d = 0; d < STATS_HISTORY_DAYS; d++) {
		cmd_stats_date(st, d - (STATS_HISTORY_DAYS - 1), date, sizeof(date), "%a %d %b");
		fprintf(f, "  %-10s %5zu/%-5zu ", date, st->history_correct[d], st->history[d]);
		cmd_stats_bar(f, st->history[d], max, 40);
		fputc('\n', f);
	}

	fprintf(f, "\nLeeches (forgotten too often; 'whose unsuspend ID' puts one back):%s\n",
		st->nleeches ? "" : " none");
	for (size_t i = 0; i < st->nleeches; i++) {
		fputs("  ", f);
		cmd_stats_cell(f, st->leeches[i].qid, 20);
		fputc(' ', f);
		cmd_stats_cell(f, st->leeches[i].topic, 16);
		fprintf(f, " %3d lapses%s  ", st->leeches[i].lapses, st->leeches[i].suspended ? ", suspended" : "");
		cmd_stats_cell(f, st->leeches[i].text, 60);
		fputc('\n', f);
	}
	fprintf(f, "\nFlagged as wrong or unclear (for the bank's maintainers; 'whose unflag ID'):%s\n",
		st->nflagged ? "" : " none");
	for (size_t i = 0; i < st->nflagged; i++) {
		fputs("  ", f);
		cmd_stats_cell(f, st->flagged[i].qid, 20);
		fputc(' ', f);
		cmd_stats_cell(f, st->flagged[i].topic, 16);
		fputc(' ', f);
		cmd_stats_cell(f, st->flagged[i].text, 60);
		if (st->flagged[i].note[0] != '\0') {
			fputs("\n      note: ", f);
			cmd_stats_cell(f, st->flagged[i].note, 70);
		}
		fputc('\n', f);
	}
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct whose_error err;
	struct store *s = NULL;
	struct config cfg;
	struct stats st;
	bool json = false;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			fprintf(cli->out, "Usage: whose stats [--json]\n"
			       "Per topic: questions seen, answers, accuracy (all time and last 20),\n"
			       "mastery and what is due; the due forecast for the next 14 days;\n"
			       "answers per day over the past four weeks; the true retention beside\n"
			       "the desired one; leeches and flagged questions.\n"
			       "\n"
			       "  -j, --json   the same as JSON, for programs\n"
			       "  -h, --help   show this help\n");
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "stats");
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "stats");
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	rc = stats_collect(s, &cfg, clock_now(&cli->clock), &st, &err);
	if (rc < 0) {
		cli_error(cli, "%s", err.msg);
		store_close(s);
		return cli_exit_for(rc);
	}
	if (json)
		cmd_stats_json(cli->out, &st);
	else
		cmd_stats_table(cli->out, &st);
	stats_free(&st);
	store_close(s);
	return CLI_EXIT_OK;
}

/* unsuspend / unflag: the same shape, one action per id. */
static int cmd_stats_each(struct cli *cli, int argc, char **argv, bool unflag)
{
	const char *name = unflag ? "unflag" : "unsuspend";
	struct whose_error err;
	struct store *s = NULL;
	int rc = CLI_EXIT_OK;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fprintf(cli->out, "Usage: whose %s ID...\n%s\n", name,
		       unflag ? "Put questions flagged as wrong or unclear back into the rotation."
			      : "Put suspended questions (leeches) back into reviews.");
		return CLI_EXIT_OK;
	}
	if (argc < 2) {
		cli_error(cli, "%s: name at least one question id ('whose stats' lists them)", name);
		return CLI_EXIT_USAGE;
	}
	if (argv[1][0] == '-')
		return cli_extra_argument(cli, argv[1], name);
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	for (int i = 1; i < argc; i++) {
		int64_t qid;

		whose_error_clear(&err);
		if (store_question_find(s, argv[i], &qid, &err) < 0 ||
		    (unflag ? store_question_flag(s, qid, false, NULL, &err)
			    : store_card_unsuspend(s, qid, &err)) < 0) {
			cli_error(cli, "%s: %s", name, err.msg);
			rc = CLI_EXIT_FAIL;
			continue;
		}
		fprintf(cli->out, "%s: %s\n", argv[i], unflag ? "back in the rotation" : "back in reviews");
	}
	store_close(s);
	return rc;
}

int cmd_unsuspend(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, false);
}

int cmd_unflag(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, true);
}
