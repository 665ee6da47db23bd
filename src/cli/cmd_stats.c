/*
 * cmd_stats.c - `whose stats [--json]`, and the small commands that act on
 * what it lists: `whose unsuspend ID...`, `whose unflag ID...`, `whose reset ID...`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "whose/stats.h"
#include "whose/text.h"

/* The local date of day D after the start of the learner's day. */
static void cmd_stats_date(const struct stats *st, int d, char *buf, size_t len,
			   const char *fmt)
{
	/* Noon of that day: safe from a summer-time hour either way. */
	time_t t = (time_t)((st->fig.day_start + (int64_t)d * 86400000 + 12 * 3600000) / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, fmt, &tm);
}

/* A percent (figures_percent) as a JSON value. */
static void cmd_stats_json_pct(FILE *f, int pct)
{
	char buf[FIGURES_PCT_LEN];

	figures_format_json_percent(pct, buf, sizeof(buf));
	fputs(buf, f);
}

/* The exam date of FIG as YYYY-MM-DD. */
static void cmd_stats_exam_day(const struct figures_board *fig, char *buf, size_t len)
{
	char iso[32];

	clock_format_iso(fig->plan.day * 86400000 + 43200000, iso, sizeof(iso));
	snprintf(buf, len, "%.10s", iso);
}

static void cmd_stats_exam_json(FILE *f, const char *name, const struct figures_exam *e)
{
	fprintf(f, "\"%s\": {\"questions\": %zu, \"score_percent\": %d, \"low_percent\": %d, \"high_percent\": %d, \"score\": %.6f, \"low\": %.6f, \"high\": %.6f, \"sd\": %.6f, \"sd_draw\": %.6f, \"sd_known\": %.6f}",
		name, e->questions, figures_percent_of(e->score), figures_percent_of(e->low),
		figures_percent_of(e->high), e->score, e->low, e->high, e->sd, e->sd_draw, e->sd_known);
}

static void cmd_stats_json(FILE *f, const struct stats *st)
{
	const struct figures_board *fig = &st->fig;
	char date[32];

	clock_format_iso(fig->now, date, sizeof(date));
	fprintf(f, "{\n  \"generated_at\": \"%s\",\n", date);
	clock_format_iso(fig->day_start, date, sizeof(date));
	fprintf(f, "  \"day_start\": \"%s\",\n", date);
	clock_format_iso(fig->day_end, date, sizeof(date));
	fprintf(f, "  \"day_end\": \"%s\",\n", date);
	fputs("  \"desired_retention_percent\": ", f);
	cmd_stats_json_pct(f, figures_percent_of(st->desired_retention));
	fprintf(f, ",\n  \"true_retention\": {\"reviews\": %zu, \"recalled\": %zu, \"percent\": ",
		fig->retention_reviews, fig->retention_recalled);
	cmd_stats_json_pct(f, figures_percent(fig->retention_recalled, fig->retention_reviews));
	fprintf(f, "},\n  \"questions\": {\"total\": %zu, \"seen\": %zu, \"studied\": %zu, \"answered\": %zu, \"correct\": %zu, \"accuracy_percent\": ",
		fig->total, fig->seen, fig->studied, fig->answers, fig->correct);
	cmd_stats_json_pct(f, figures_percent(fig->correct, fig->answers));
	fprintf(f, "},\n  \"due\": {\"now\": %zu, \"learning_now\": %zu, \"review_today\": %zu, \"today\": %zu, \"new_today\": %zu, \"new_waiting\": %zu},\n",
		fig->due_now, fig->due_learning, fig->due_review, fig->due_today, fig->new_today,
		fig->new_waiting);
	fprintf(f, "  \"readiness\": {\"percent\": %d, \"value\": %.6f, \"prior\": %.6f, \"first_answers\": %zu, \"first_correct\": %zu,\n",
		figures_percent_of(fig->readiness), fig->readiness, fig->prior, fig->first_answers,
		fig->first_correct);
	fprintf(f, "    \"model\": {\"slip\": %.6f, \"topic_weight\": %.6f, \"pool_mean\": %.6f, \"pool_weight\": %.6f, \"range\": 0.80, \"z\": %.4f,\n",
		FIGURES_SLIP, FIGURES_TOPIC_WEIGHT, FIGURES_POOL_MEAN, FIGURES_POOL_WEIGHT, FIGURES_RANGE_Z);
	fprintf(f, "      \"memory_right\": %.6f, \"memory_weight\": %.6f, \"memory_prior\": %.6f, \"model_sd\": %.6f,\n",
		FIGURES_MEMORY_RIGHT, FIGURES_MEMORY_WEIGHT, fig->memory_prior, FIGURES_MODEL_SD);
	fprintf(f, "      \"pooled_known\": %.6f, \"pooled_known_sd\": %.6f, \"pooled_topics\": %zu, \"pooled_weight\": %.6f},\n    ",
		fig->pool.known, fig->pool.sd, fig->pool.topics, fig->pool.weight);
	cmd_stats_exam_json(f, "exam", &fig->exam);
	fputs("},\n", f);
	fputs("  \"exam_date\": ", f);
	if (!fig->plan.set) {
		fputs("null,\n", f);
	} else {
		const struct figures_exam_plan *pl = &fig->plan;
		char day[16];

		cmd_stats_exam_day(fig, day, sizeof(day));
		clock_format_iso(pl->at, date, sizeof(date));
		fprintf(f, "{\"date\": \"%s\", \"starts_at\": \"%s\", \"days_left\": %ld,\n    ", day, date, pl->days);
		cmd_stats_exam_json(f, "kept", &pl->kept);
		fputs(",\n    ", f);
		cmd_stats_exam_json(f, "stopped", &pl->stopped);
		fprintf(f, ",\n    \"plan\": {\"target_percent\": %d, \"reached\": %s, \"reachable\": %s, \"new_total\": %zu, \"new_per_day\": %zu, \"reviews_total\": %zu, \"reviews_per_day\": %zu, \"best\": %.6f, \"best_percent\": %d}},\n",
			pl->target, pl->reached ? "true" : "false", pl->reachable ? "true" : "false",
			pl->new_total, pl->new_per_day, pl->reviews_total, pl->reviews_per_day, pl->best,
			figures_percent_of(pl->best));
	}
	fprintf(f, "  \"exam_calibration\": {\"exams\": %zu, \"answers\": %zu, \"correct\": %zu, \"predicted\": %.6f, \"brier\": ",
		st->calibration.exams, st->calibration.answers, st->calibration.correct,
		st->calibration.predicted);
	if (st->brier < 0)
		fputs("null", f);
	else
		fprintf(f, "%.6f", st->brier);
	fputs("},\n  \"topics\": [", f);
	for (size_t i = 0; i < fig->ntopics; i++) {
		const struct store_topic *t = &fig->topics[i];

		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		cli_json_str(f, t->name);
		fprintf(f, ", \"questions\": %zu, \"seen\": %zu, \"answered\": %zu, \"correct\": %zu, \"accuracy_percent\": ",
			t->total, t->seen, t->answers, t->correct);
		cmd_stats_json_pct(f, figures_percent(t->correct, t->answers));
		fprintf(f, ", \"recent_answers\": %zu, \"recent_correct\": %zu, \"recent_accuracy_percent\": ",
			t->recent, t->recent_correct);
		cmd_stats_json_pct(f, figures_percent(t->recent_correct, t->recent));
		fprintf(f, ", \"due_today\": %zu, \"true_retention\": {\"reviews\": %zu, \"recalled\": %zu, \"percent\": ",
			t->due, t->retention_reviews, t->retention_recalled);
		cmd_stats_json_pct(f, figures_percent(t->retention_recalled, t->retention_reviews));
		{
			const struct figures_model_topic *m = &fig->model[i];

			fprintf(f, "}, \"readiness\": {\"percent\": %d, \"value\": %.6f, \"studied\": %zu, \"recall_sum\": %.6f, \"prior\": %.6f,\n"
				   "      \"askable\": %zu, \"memory\": %zu, \"answered_new\": %zu, \"fresh\": %zu, \"guess\": %.6f,"
				   " \"first_answers\": %zu, \"first_correct\": %zu, \"first_known\": %.6f, \"known\": %.6f, \"known_sd\": %.6f,"
				   " \"sensitivity\": %.6f, \"expected\": %.6f",
				figures_percent_of(t->readiness), t->readiness, t->studied, t->recall_sum,
				fig->prior, m->askable, m->studied, m->answered_new, m->fresh, m->guess,
				m->first_answers, m->first_correct, m->first_known, m->known, m->known_sd,
				m->sensitivity, m->expected);
			if (fig->plan.set)
				fprintf(f, ", \"exam_date_kept\": %.6f, \"exam_date_stopped\": %.6f",
					m->readiness_kept, m->readiness_stopped);
			fputs("}}", f);
		}
	}
	fputs(fig->ntopics ? "\n  ],\n" : "],\n", f);
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
		cli_json_str(f, st->leeches[i].qid);
		fputs(", \"topic\": ", f);
		cli_json_str(f, st->leeches[i].topic);
		fputs(", \"question\": ", f);
		cli_json_str(f, st->leeches[i].text);
		fprintf(f, ", \"lapses\": %d, \"suspended\": %s}", st->leeches[i].lapses,
			st->leeches[i].suspended ? "true" : "false");
	}
	fputs("],\n  \"flagged\": [", f);
	for (size_t i = 0; i < st->nflagged; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", f);
		cli_json_str(f, st->flagged[i].qid);
		fputs(", \"topic\": ", f);
		cli_json_str(f, st->flagged[i].topic);
		fputs(", \"question\": ", f);
		cli_json_str(f, st->flagged[i].text);
		fputs(", \"note\": ", f);
		cli_json_str(f, st->flagged[i].note);
		fputc('}', f);
	}
	fputs("]\n}\n", f);
}

/* "66%" or "-" when there is nothing to divide (figures.h's rule). */
static void cmd_stats_pct(char *buf, size_t len, size_t num, size_t den)
{
	figures_format_percent(figures_percent(num, den), buf, len);
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
	const struct figures_board *fig = &st->fig;
	char a[16], b[16], c[16], d2[16], date[32];
	size_t max = 0;

	fprintf(f, "Due now: %zu (%zu learning step%s, %zu review%s); due today: %zu; new today: %zu (%zu never shown).\n",
		fig->due_now, fig->due_learning, fig->due_learning == 1 ? "" : "s",
		fig->due_review, fig->due_review == 1 ? "" : "s", fig->due_today,
		fig->new_today, fig->new_waiting);
	cmd_stats_pct(a, sizeof(a), fig->retention_recalled, fig->retention_reviews);
	figures_format_percent(figures_percent_of(st->desired_retention), b, sizeof(b));
	fprintf(f, "True retention: %s of %zu review%s recalled (desired %s).\n", a,
		fig->retention_reviews, fig->retention_reviews == 1 ? "" : "s", b);
	figures_format_percent(figures_percent_of(fig->readiness), a, sizeof(a));
	figures_format_percent(figures_percent_of(fig->exam.score), b, sizeof(b));
	figures_format_percent(figures_percent_of(fig->exam.low), c, sizeof(c));
	figures_format_percent(figures_percent_of(fig->exam.high), d2, sizeof(d2));
	fprintf(f, "Readiness: %s; predicted mock exam (%zu questions): %s, likely %s to %s.\n",
		a, fig->exam.questions, b, c, d2);
	figures_format_percent(figures_percent_of(fig->prior), a, sizeof(a));
	figures_format_percent(figures_percent_of(fig->pool.known), b, sizeof(b));
	fprintf(f, "  (a question never answered counts %s: you know about %s of what you have not studied,\n"
		   "   from %zu first answers in %zu topic%s, right answers by guessing taken out; whose(1) FIGURES)\n",
		a, b, fig->first_answers, fig->pool.topics, fig->pool.topics == 1 ? "" : "s");
	if (fig->plan.set) {
		char line[512];

		figures_exam_date_text(fig, line, sizeof(line));
		fprintf(f, "%s\n", line);
		figures_plan_text(fig, false, line, sizeof(line));
		fprintf(f, "%s\n", line);
	}
	if (st->brier >= 0)
		fprintf(f, "Readiness against %zu mock exam%s: Brier score %.3f over %zu questions (0 is perfect, 0.25 a coin toss).\n",
			st->calibration.exams, st->calibration.exams == 1 ? "" : "s", st->brier,
			st->calibration.answers);
	fputc('\n', f);

	fprintf(f, "%-28s %9s %8s %9s %8s %9s %5s\n", "Topic", "Seen", "Answered",
		"Accuracy", "Last 20", "Readiness", "Due");
	for (size_t i = 0; i < fig->ntopics; i++) {
		const struct store_topic *t = &fig->topics[i];
		char seen[32];

		snprintf(seen, sizeof(seen), "%zu/%zu", t->seen, t->total);
		cmd_stats_pct(a, sizeof(a), t->correct, t->answers);
		cmd_stats_pct(b, sizeof(b), t->recent_correct, t->recent);
		figures_format_percent(figures_percent_of(t->readiness), c, sizeof(c));
		cmd_stats_cell(f, t->name, 28);
		fprintf(f, " %9s %8zu %9s %8s %9s %5zu\n", seen, t->answers, a, b, c, t->due);
	}
	{
		char seen[32];

		snprintf(seen, sizeof(seen), "%zu/%zu", fig->seen, fig->total);
		cmd_stats_pct(a, sizeof(a), fig->correct, fig->answers);
		figures_format_percent(figures_percent_of(fig->readiness), c, sizeof(c));
		fprintf(f, "%-28s %9s %8zu %9s %8s %9s %5zu\n", "All topics", seen, fig->answers, a, "",
			c, fig->due_today);
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
		cmd_stats_cell(f, st->leeches[i].qid, 28);
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
		cmd_stats_cell(f, st->flagged[i].qid, 28);
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

static int cmd_stats_name(const char *name, void *ctx)
{
	return fprintf(ctx, "%s\n", name) < 0 ? WHOSE_EIO : 0;
}

/* The topics' names, for completion: a tab must never create a profile,
 * so none is made, and a missing one lists nothing. */
static int cmd_stats_topic_names(struct cli *cli)
{
	struct whose_error err;
	struct store *s = NULL;
	struct stat st;
	int rc = cli_resolve_db(cli);

	if (rc != 0)
		return rc;
	if (lstat(cli->db_path, &st) != 0)
		return CLI_EXIT_OK;
	if ((rc = cli_store_open(cli, 0, &s)) != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	rc = store_topic_names(s, cmd_stats_name, cli->out, &err);
	if (rc < 0)
		cli_error(cli, "stats: %s", err.msg);
	store_close(s);
	return cli_exit_for(rc);
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "topic-names", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct whose_error err;
	struct store *s = NULL;
	struct config cfg;
	struct stats st;
	bool json = false, names = false;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'T':
			names = true;
			break;
		case 'h':
			fprintf(cli->out, "Usage: whose stats [--json]\n"
			       "What is due now and today; per topic: questions seen, answers,\n"
			       "accuracy (all time and last 20), readiness and what is due today;\n"
			       "the predicted mock-exam score and how well readiness predicted past\n"
			       "exams; with an exam date (whose config exam-date 2027-02-15), the\n"
			       "readiness projected to it and the daily plan to reach exam-target;\n"
			       "the due forecast for the next 14 days; answers per day over\n"
			       "the past four weeks; the true retention beside the desired one;\n"
			       "leeches and flagged questions.  whose(1) defines every figure.\n"
			       "\n"
			       "  -j, --json          the same as JSON, for programs\n"
			       "      --topic-names   only the topics' names, one a line (for\n"
			       "                      completion); nothing when no profile exists\n"
			       "  -h, --help          show this help\n");
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "stats", opts);
		}
	}
	if (optind < argc)
		return cli_extra_argument(cli, argv[optind], "stats");
	if (names)
		return cmd_stats_topic_names(cli);
	/* It only reads: a read-only database (a backup, a snapshot) will do. */
	cli->read_only_ok = true;
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

/* suspend / unsuspend / unflag / reset: the same shape, one action per
 * id; "-" reads ids from standard input, one a line (or separated by
 * blanks), as 'whose search' prints them first on each line. */
enum cmd_each_action {
	CMD_EACH_UNSUSPEND, CMD_EACH_UNFLAG, CMD_EACH_RESET, CMD_EACH_SUSPEND,
	CMD_EACH_MARK, CMD_EACH_UNMARK
};

static const struct {
	const char *name, *help, *done;
} cmd_each[] = {
	[CMD_EACH_UNSUSPEND] = { "unsuspend", "Put suspended questions (leeches) back into reviews.",
				 "back in reviews" },
	[CMD_EACH_SUSPEND] = { "suspend",
			       "Take questions out of reviews: their schedule and history are kept, and\n"
			       "'whose unsuspend' puts them back.",
			       "suspended" },
	[CMD_EACH_MARK] = { "mark",
			    "Mark questions to come back to (as m does while studying): a mark moves\n"
			    "nothing in the schedule; 'whose search --state marked' lists them.",
			    "marked" },
	[CMD_EACH_UNMARK] = { "unmark", "Take the mark off questions.", "unmarked" },
	[CMD_EACH_UNFLAG] = { "unflag", "Put questions flagged as wrong or unclear back into the rotation.",
			      "back in the rotation" },
	[CMD_EACH_RESET] = { "reset",
			     "Start the schedule of questions again: each becomes a new question, after\n"
			     "the new questions already waiting.  Their review log stays (statistics and\n"
			     "'whose optimize' still use it), and so do a flag or a suspension.  For a\n"
			     "question whose schedule is damaged (a review says so and skips it), or one\n"
			     "to learn afresh.  --damaged: every question whose schedule is damaged.",
			     "starts again as a new question" },
};

/* The ids of the cards whose schedule is damaged (fsrs_card_check). */
struct cmd_damaged {
	char **qid;
	size_t n;
	bool oom;
};

static int cmd_damaged_one(const char *qid, const char *topic, const struct store_card *card,
			   void *ctx)
{
	struct cmd_damaged *d = ctx;
	char **grown;

	(void)topic;
	if (fsrs_card_check(&card->fsrs, NULL) == 0)
		return 0;
	grown = realloc(d->qid, (d->n + 1) * sizeof(*grown));
	if (grown == NULL || (grown[d->n] = strdup(qid)) == NULL) {
		if (grown != NULL)
			d->qid = grown;
		d->oom = true;
		return 1;
	}
	d->qid = grown;
	d->n++;
	return 0;
}

/* whose reset --damaged: every question whose schedule is damaged. */
static int cmd_reset_damaged(struct cli *cli, struct store *s)
{
	struct cmd_damaged d = { NULL, 0, false };
	struct whose_error err;
	int rc = CLI_EXIT_OK;

	whose_error_clear(&err);
	if (store_each_card(s, cmd_damaged_one, &d, &err) < 0 || d.oom) {
		cli_error(cli, "reset: %s", d.oom ? "out of memory" : err.msg);
		rc = CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < d.n && rc == CLI_EXIT_OK; i++) {
		int64_t qid;

		if (store_question_find(s, d.qid[i], &qid, &err) < 0 ||
		    store_card_reset(s, qid, clock_now(&cli->clock), &err) < 0) {
			cli_error(cli, "reset: %s", err.msg);
			rc = CLI_EXIT_FAIL;
			break;
		}
		fprintf(cli->out, "%s: %s\n", d.qid[i], cmd_each[CMD_EACH_RESET].done);
	}
	if (rc == CLI_EXIT_OK && d.n == 0)
		fprintf(cli->out, "no question has a damaged schedule\n");
	for (size_t i = 0; i < d.n; i++)
		free(d.qid[i]);
	free(d.qid);
	return rc;
}

/* Act on the question with bank id ID: 0, or -1 (said on stderr). */
static int cmd_stats_each_one(struct cli *cli, struct store *s, const char *id,
			      enum cmd_each_action what)
{
	const char *name = cmd_each[what].name;
	struct whose_error err;
	int64_t qid;
	int r;

	whose_error_clear(&err);
	r = store_question_find(s, id, &qid, &err);
	if (r == 0) {
		switch (what) {
		case CMD_EACH_UNFLAG:
			r = store_question_flag(s, qid, false, NULL, &err);
			break;
		case CMD_EACH_RESET:
			r = store_card_reset(s, qid, clock_now(&cli->clock), &err);
			break;
		case CMD_EACH_SUSPEND:
			r = store_card_suspend(s, qid, &err);
			break;
		case CMD_EACH_MARK:
		case CMD_EACH_UNMARK:
			r = store_mark_set(s, qid, what == CMD_EACH_MARK, clock_now(&cli->clock), &err);
			break;
		case CMD_EACH_UNSUSPEND:
		default:
			r = store_card_unsuspend(s, qid, &err);
			break;
		}
	}
	if (r < 0) {
		cli_error(cli, "%s: %s", name, err.msg);
		return -1;
	}
	/* a bank id found in the database: no control or format character
	 * can be in it (the import refuses them); cli->out escapes anyway */
	fprintf(cli->out, "%s: %s\n", id, cmd_each[what].done);
	return 0;
}

static int cmd_stats_each(struct cli *cli, int argc, char **argv, enum cmd_each_action what)
{
	const char *name = cmd_each[what].name;
	struct store *s = NULL;
	int rc = CLI_EXIT_OK;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fprintf(cli->out, "Usage: whose %s ID...\n%s%s\n", name,
			what == CMD_EACH_RESET ? "       whose reset --damaged\n" : "",
			cmd_each[what].help);
		return CLI_EXIT_OK;
	}
	if (what == CMD_EACH_RESET && argc >= 2 && strcmp(argv[1], "--damaged") == 0) {
		if (argc > 2) {
			cli_error(cli, "reset: --damaged takes no question id: use one or the other");
			return CLI_EXIT_USAGE;
		}
		rc = cli_open_study(cli, &s);
		if (rc != CLI_EXIT_OK)
			return rc;
		rc = cmd_reset_damaged(cli, s);
		store_close(s);
		return rc;
	}
	if (argc < 2) {
		cli_error(cli, "%s: name at least one question id, or - to read them from standard input ('whose search' finds them)", name);
		return CLI_EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_extra_argument(cli, argv[i], name);
	rc = cli_open_study(cli, &s);
	if (rc != CLI_EXIT_OK)
		return rc;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			char line[512];

			while (fgets(line, sizeof(line), stdin) != NULL) {
				char *save = NULL, *id = strtok_r(line, " \t\r\n", &save);

				/* The first word of a line: the id in 'whose
				 * search' output (its heading line is skipped). */
				if (id == NULL || strcmp(id, "ID") == 0)
					continue;
				if (cmd_stats_each_one(cli, s, id, what) < 0)
					rc = CLI_EXIT_FAIL;
			}
			continue;
		}
		if (cmd_stats_each_one(cli, s, argv[i], what) < 0)
			rc = CLI_EXIT_FAIL;
	}
	store_close(s);
	return rc;
}

int cmd_suspend(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, CMD_EACH_SUSPEND);
}

int cmd_mark(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, CMD_EACH_MARK);
}

int cmd_unmark(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, CMD_EACH_UNMARK);
}

int cmd_unsuspend(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, CMD_EACH_UNSUSPEND);
}

int cmd_unflag(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, CMD_EACH_UNFLAG);
}

int cmd_reset(struct cli *cli, int argc, char **argv)
{
	return cmd_stats_each(cli, argc, argv, CMD_EACH_RESET);
}
