/*
 * cmd_search.c - `whose search [WORDS] [filters] [--json]`, one line a
 * question found, and `whose show ID [--json]`, one question with its
 * schedule and every answer it had.  Both only read the profile.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "whose/figures.h"
#include "whose/fsrs.h"
#include "whose/question.h"
#include "whose/text.h"

/* Columns of the text in a search line, after the others. */
#define CMD_SEARCH_TEXT_COLS 60

/* MS as local "YYYY-MM-DD HH:MM". */
static void cmd_search_time(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "?");
}

/* MS as UTC ISO 8601, for JSON. */
static void cmd_search_utc(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

/* Whether HIT's due date means anything: a card in learning or reviews. */
static bool cmd_search_has_due(const struct store_hit *h)
{
	return !h->retired && h->state != FSRS_STATE_NEW;
}

/* S with every line break and tab as one space, cut to COLS columns
 * (with "..." when cut), into BUF[LEN]. */
static void cmd_search_flat(const char *s, size_t cols, char *buf, size_t len)
{
	size_t n = 0, cut;

	for (; *s != '\0' && n + 1 < len; s++)
		buf[n++] = (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s;
	buf[n] = '\0';
	if (text_width(buf) <= cols)
		return;
	cut = text_prefix_for_cols(buf, cols - 3);
	snprintf(buf + cut, len - cut, "...");
}

static void cmd_search_line(FILE *f, const struct store_hit *h, int idw, int topicw)
{
	char due[32], pct[FIGURES_PCT_LEN], text[512];

	if (cmd_search_has_due(h))
		cmd_search_time(h->due, due, sizeof(due));
	else
		snprintf(due, sizeof(due), "-");
	figures_format_percent(h->recall < 0 ? FIGURES_NONE : figures_percent_of(h->recall),
			       pct, sizeof(pct));
	cmd_search_flat(h->text, CMD_SEARCH_TEXT_COLS, text, sizeof(text));
	/* Ids and topics are checked at import: no control or format
	 * character, so their width is their bytes' count... but not for
	 * every script: pad by columns. */
	fprintf(f, "%s%*s  %s%*s  %-9s  %-10s  %-16s  %4s  %6d  %s\n", h->qid,
		idw - (int)text_width(h->qid), "", h->topic, topicw - (int)text_width(h->topic), "",
		h->type, store_hit_state(h), due, pct, h->lapses, text);
}

static void cmd_search_json(FILE *f, const struct store_hit *h, size_t n)
{
	fputs("[", f);
	for (size_t i = 0; i < n; i++) {
		char due[32], pct[FIGURES_PCT_LEN];

		fputs(i ? ",\n {" : "\n {", f);
		fputs("\"id\": ", f);
		cli_json_str(f, h[i].qid);
		fputs(", \"topic\": ", f);
		cli_json_str(f, h[i].topic);
		fputs(", \"type\": ", f);
		cli_json_str(f, h[i].type);
		fprintf(f, ", \"state\": \"%s\", \"due\": ", store_hit_state(&h[i]));
		if (cmd_search_has_due(&h[i])) {
			cmd_search_utc(h[i].due, due, sizeof(due));
			fprintf(f, "\"%s\"", due);
		} else {
			fputs("null", f);
		}
		figures_format_json_percent(h[i].recall < 0 ? FIGURES_NONE
					    : figures_percent_of(h[i].recall), pct, sizeof(pct));
		fprintf(f, ", \"retrievability\": %s, \"lapses\": %d", pct, h[i].lapses);
		fprintf(f, ", \"suspended\": %s, \"leech\": %s, \"flagged\": %s, \"retired\": %s,"
			" \"marked\": %s", h[i].suspended ? "true" : "false",
			h[i].leech ? "true" : "false", h[i].flagged ? "true" : "false",
			h[i].retired ? "true" : "false", h[i].marked ? "true" : "false");
		fputs(", \"text\": ", f);
		cli_json_str(f, h[i].text);
		fputs("}", f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

static void cmd_search_help(FILE *f)
{
	fprintf(f,
		"Usage: whose search [WORDS...] [OPTIONS]\n"
		"Find questions by their words and their state, one line a question:\n"
		"id, topic, type, state, due, retrievability now, lapses, the start of the text.\n"
		"WORDS are matched as whole words in the question, its choices, explanation\n"
		"and tags, all of them (AND); word* is a prefix, \"two words\" a phrase.\n"
		"With words the best matches come first (bm25); without, every question.\n"
		"\n"
		"  --topic T             only topic T\n"
		"  --type TYPE           only choice, multi, truefalse, who, sort or card\n"
		"  --state S             only new, learning, review, relearning, suspended,\n"
		"                        leech, flagged, marked, due (due now) or retired\n"
		"  --wrong-in-exam N     only those answered wrong (or not) in exam N\n"
		"                        (the numbers 'whose exams' shows)\n"
		"  --sort ORDER          due, lapses (most first), retrievability (lowest\n"
		"                        first) or id; rank (the default) by relevance\n"
		"  --limit N             at most N questions\n"
		"  -j, --json            the same as JSON, for programs\n"
		"  -h, --help            show this help\n");
}

/* Join ARGV[FROM..ARGC) with spaces into a new string (NULL: no memory). */
static char *cmd_search_words(int argc, char **argv, int from)
{
	size_t len = 1;
	char *w;

	for (int i = from; i < argc; i++)
		len += strlen(argv[i]) + 1;
	w = malloc(len);
	if (w == NULL)
		return NULL;
	w[0] = '\0';
	for (int i = from; i < argc; i++) {
		if (i > from)
			strcat(w, " ");
		strcat(w, argv[i]);
	}
	return w;
}

int cmd_search(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "topic", required_argument, NULL, 't' },
		{ "type", required_argument, NULL, 'y' },
		{ "state", required_argument, NULL, 's' },
		{ "wrong-in-exam", required_argument, NULL, 'w' },
		{ "sort", required_argument, NULL, 'o' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_search_query q = { .topic_id = -1 };
	const char *topic = NULL;
	struct whose_error err;
	struct store_hit *hits = NULL;
	struct store *s = NULL;
	struct config cfg;
	unsigned long long v;
	size_t n = 0;
	bool json = false;
	char *words;
	int c, rc;

	opterr = 0;
	/* Not '+': options may come after the words. */
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			topic = optarg;
			break;
		case 'y':
			if (question_type_from_name(optarg) < 0) {
				cli_error(cli, "search: no question type '%s': use choice, multi, truefalse, who, sort or card", optarg);
				return CLI_EXIT_USAGE;
			}
			q.type = optarg;
			break;
		case 's':
			rc = store_search_state_from_name(optarg);
			if (rc <= STORE_SEARCH_ANY) {
				cli_error(cli, "search: no state '%s': use new, learning, review, relearning, suspended, leech, flagged, marked, due or retired", optarg);
				return CLI_EXIT_USAGE;
			}
			q.state = (enum store_search_state)rc;
			break;
		case 'w':
			if (cli_number(cli, "search", "--wrong-in-exam", optarg, 1, INT64_MAX, &v) < 0)
				return CLI_EXIT_USAGE;
			q.wrong_in_exam = (int64_t)v;
			break;
		case 'o':
			rc = store_search_sort_from_name(optarg);
			if (rc < 0) {
				cli_error(cli, "search: no order '%s': use due, lapses, retrievability, id or rank", optarg);
				return CLI_EXIT_USAGE;
			}
			q.sort = (enum store_search_sort)rc;
			break;
		case 'l':
			if (cli_number(cli, "search", "--limit", optarg, 1, 100000000, &v) < 0)
				return CLI_EXIT_USAGE;
			q.limit = (size_t)v;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			cmd_search_help(cli->out);
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "search", opts);
		}
	}
	words = cmd_search_words(argc, argv, optind);
	if (words == NULL) {
		cli_error(cli, "search: out of memory");
		return CLI_EXIT_FAIL;
	}
	q.words = words;
	/* The words are checked before the profile is opened. */
	whose_error_clear(&err);
	{
		char *match = NULL;

		if (store_search_match(words, false, &match, &err) < 0) {
			cli_error(cli, "search: %s", err.msg);
			free(words);
			return CLI_EXIT_USAGE;
		}
		free(match);
	}
	/* It only reads: a read-only database (a backup, a snapshot) will do. */
	cli->read_only_ok = true;
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK) {
		free(words);
		return rc;
	}
	if (topic != NULL) {
		struct cli_topic_name name;

		rc = cli_topics_resolve(cli, s, "search", &topic, 1, &name);
		if (rc != 0)
			goto out;
		if (store_topic_find(s, name.name, &q.topic_id, &err) < 0) {
			cli_error(cli, "search: %s", err.msg);
			rc = cli_exit_for(err.code);
			goto out;
		}
	}
	rc = store_search(s, &q, &cfg.fsrs, clock_now(&cli->clock), &hits, &n, &err);
	if (rc < 0) {
		cli_error(cli, "search: %s", err.msg);
		rc = rc == WHOSE_EINVAL ? CLI_EXIT_USAGE : cli_exit_for(rc);
		goto out;
	}
	if (json) {
		cmd_search_json(cli->out, hits, n);
	} else if (n == 0) {
		fprintf(stderr, "no question matches\n");
	} else {
		int idw = 2, topicw = 5;

		for (size_t i = 0; i < n; i++) {
			if ((int)text_width(hits[i].qid) > idw)
				idw = (int)text_width(hits[i].qid);
			if ((int)text_width(hits[i].topic) > topicw)
				topicw = (int)text_width(hits[i].topic);
		}
		fprintf(cli->out, "%-*s  %-*s  %-9s  %-10s  %-16s  %4s  %6s  %s\n", idw, "ID",
			topicw, "TOPIC", "TYPE", "STATE", "DUE", "R", "LAPSES", "TEXT");
		for (size_t i = 0; i < n; i++)
			cmd_search_line(cli->out, &hits[i], idw, topicw);
	}
	rc = CLI_EXIT_OK;
out:
	store_hits_free(hits, n);
	store_close(s);
	free(words);
	return rc;
}

/* ---- whose show ID ---------------------------------------------------- */

struct cmd_show {
	FILE *f;
	bool json;
	size_t n;
};

static const char *cmd_show_rating(int rating)
{
	static const char *const names[] = { "?", "Again", "Hard", "Good", "Easy" };

	return rating >= 1 && rating <= 4 ? names[rating] : names[0];
}

static int cmd_show_review(const struct store_history_row *r, void *ctx)
{
	struct cmd_show *sh = ctx;
	char when[40], interval[FSRS_LABEL_MAX];

	if (r->scheduled && r->due_after > r->reviewed_at)
		fsrs_format_interval(r->due_after - r->reviewed_at, interval, sizeof(interval));
	else
		snprintf(interval, sizeof(interval), "-");
	if (sh->json) {
		cmd_search_utc(r->reviewed_at, when, sizeof(when));
		fprintf(sh->f, "%s\n  {\"at\": \"%s\", \"mode\": ", sh->n ? "," : "", when);
		cli_json_str(sh->f, r->mode);
		fprintf(sh->f, ", \"rating\": %d, \"correct\": %s, \"state_before\": \"%s\","
			" \"state_after\": \"%s\", \"interval\": ", r->rating,
			r->correct ? "true" : "false", fsrs_state_name((enum fsrs_state)r->state_before),
			fsrs_state_name((enum fsrs_state)r->state_after));
		if (r->scheduled)
			fprintf(sh->f, "\"%s\"", interval);
		else
			fputs("null", sh->f);
		fprintf(sh->f, ", \"duration_ms\": %" PRId64 "}", r->duration_ms);
	} else {
		cmd_search_time(r->reviewed_at, when, sizeof(when));
		fprintf(sh->f, "  %s  %-8s  %-5s  %-5s  %-10s  %s\n", when, r->mode,
			cmd_show_rating(r->rating), r->correct ? "right" : "wrong",
			fsrs_state_name((enum fsrs_state)r->state_after), interval);
	}
	sh->n++;
	return 0;
}

static int cmd_show_exam(const struct store_exam_asked *a, void *ctx)
{
	struct cmd_show *sh = ctx;
	char when[40];

	if (sh->json) {
		cmd_search_utc(a->started_at, when, sizeof(when));
		fprintf(sh->f, "%s\n  {\"exam\": %" PRId64 ", \"started\": \"%s\", \"answer\": ",
			sh->n ? "," : "", a->exam_id, when);
		if (a->response != NULL)
			cli_json_str(sh->f, a->response);
		else
			fputs("null", sh->f);
		fprintf(sh->f, ", \"correct\": %s, \"finished\": %s}", a->correct ? "true" : "false",
			a->finished ? "true" : "false");
	} else {
		cmd_search_time(a->started_at, when, sizeof(when));
		fprintf(sh->f, "  exam %-4" PRId64 "  %s  answer %-10s  %s\n", a->exam_id, when,
			a->response != NULL && a->response[0] != '\0' ? a->response : "(none)",
			!a->finished ? "(still open)" : a->correct ? "right" : "wrong");
	}
	sh->n++;
	return 0;
}

/* FIELD's '|'-separated parts, one a line, led by a letter. */
static void cmd_show_parts(FILE *f, const char *field, const char *answer, bool sort)
{
	const char *p = field, *a = answer;
	char letter = 'A';

	while (*p != '\0') {
		const char *bar = strchr(p, '|');
		size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);

		fprintf(f, "  %c. %.*s", letter++, (int)len, p);
		if (sort && a != NULL && *a != '\0') {
			const char *abar = strchr(a, '|');
			size_t alen = abar != NULL ? (size_t)(abar - a) : strlen(a);

			fprintf(f, "  -> %.*s", (int)alen, a);
			a = abar != NULL ? abar + 1 : a + alen;
		}
		fputc('\n', f);
		if (bar == NULL)
			break;
		p = bar + 1;
	}
}

static void cmd_show_text(FILE *f, const struct store_item *it, bool marked,
			  const struct config *cfg, int64_t now)
{
	const struct fsrs_card *c = &it->card.fsrs;
	double r = figures_card_recall(&cfg->fsrs, c, now);
	char pct[FIGURES_PCT_LEN], due[40];
	bool sort = question_type_name_per_item(it->type);

	fprintf(f, "%s  (%s, %s)%s\n\n", it->qid, it->topic, it->type,
		it->retired ? "  RETIRED: no longer in the bank" : "");
	fprintf(f, "%s\n\n", it->question);
	if (it->choices[0] != '\0') {
		fprintf(f, "%s\n", sort ? "Items and their owners:" : "Choices:");
		cmd_show_parts(f, it->choices, it->answer, sort);
	}
	if (!sort)
		fprintf(f, "Answer: %s\n", it->answer);
	if (it->explanation[0] != '\0')
		fprintf(f, "\nExplanation: %s\n", it->explanation);
	if (it->why_not[0] != '\0') {
		fprintf(f, "Why not:\n");
		for (const char *p = it->why_not; *p != '\0';) {
			const char *bar = strchr(p, '|');
			size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);

			fprintf(f, "  %.*s\n", (int)len, p);
			if (bar == NULL)
				break;
			p = bar + 1;
		}
	}
	if (it->source[0] != '\0')
		fprintf(f, "Source: %s\n", it->source);
	if (it->tags[0] != '\0')
		fprintf(f, "Tags: %s\n", it->tags);

	fprintf(f, "\nSchedule\n");
	fprintf(f, "  state           %s%s%s%s%s\n", fsrs_state_name(c->state),
		it->card.suspended ? ", suspended" : "", it->card.leech ? ", a leech" : "",
		it->flagged ? ", flagged" : "", marked ? ", marked" : "");
	if (c->state != FSRS_STATE_NEW) {
		cmd_search_time(c->due, due, sizeof(due));
		fprintf(f, "  due             %s\n", due);
		fprintf(f, "  stability       %.2f days\n", c->stability);
		fprintf(f, "  difficulty      %.2f\n", c->difficulty);
	} else {
		fprintf(f, "  due             - (not studied yet)\n");
	}
	figures_format_percent(r < 0 ? FIGURES_NONE : figures_percent_of(r), pct, sizeof(pct));
	fprintf(f, "  retrievability  %s now", pct);
	if (figures_exam_moment(cfg, now) >= 0) {
		r = figures_card_recall(&cfg->fsrs, c, figures_exam_moment(cfg, now));
		figures_format_percent(r < 0 ? FIGURES_NONE : figures_percent_of(r), pct, sizeof(pct));
		fprintf(f, ", %s at the exam date if not reviewed before", pct);
	}
	fputc('\n', f);
	fprintf(f, "  reviews         %d, lapses %d\n", c->reps, c->lapses);
}

static void cmd_show_json(FILE *f, const struct store_item *it, bool marked,
			  const struct config *cfg, int64_t now)
{
	const struct fsrs_card *c = &it->card.fsrs;
	double r = figures_card_recall(&cfg->fsrs, c, now);
	char pct[FIGURES_PCT_LEN], due[40];
	const char *const names[] = { "id", "topic", "type", "question", "choices", "answer",
				      "explanation", "why_not", "source", "tags" };
	const char *const values[] = { it->qid, it->topic, it->type, it->question, it->choices,
				       it->answer, it->explanation, it->why_not, it->source, it->tags };

	fputs("{", f);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", names[i]);
		cli_json_str(f, values[i]);
	}
	fprintf(f, ",\n \"retired\": %s, \"flagged\": %s, \"suspended\": %s, \"leech\": %s,"
		" \"marked\": %s,", it->retired ? "true" : "false", it->flagged ? "true" : "false",
		it->card.suspended ? "true" : "false", it->card.leech ? "true" : "false",
		marked ? "true" : "false");
	fprintf(f, "\n \"schedule\": {\"state\": \"%s\", \"due\": ", fsrs_state_name(c->state));
	if (c->state != FSRS_STATE_NEW) {
		cmd_search_utc(c->due, due, sizeof(due));
		fprintf(f, "\"%s\", \"stability\": %.4f, \"difficulty\": %.4f", due, c->stability,
			c->difficulty);
	} else {
		fputs("null, \"stability\": null, \"difficulty\": null", f);
	}
	figures_format_json_percent(r < 0 ? FIGURES_NONE : figures_percent_of(r), pct, sizeof(pct));
	fprintf(f, ", \"retrievability\": %s", pct);
	if (figures_exam_moment(cfg, now) >= 0) {
		r = figures_card_recall(&cfg->fsrs, c, figures_exam_moment(cfg, now));
		figures_format_json_percent(r < 0 ? FIGURES_NONE : figures_percent_of(r), pct,
					    sizeof(pct));
	} else {
		snprintf(pct, sizeof(pct), "null");
	}
	fprintf(f, ", \"retrievability_at_exam\": %s, \"reps\": %d, \"lapses\": %d}", pct,
		c->reps, c->lapses);
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_show sh = { cli->out, false, 0 };
	struct store_item it;
	struct whose_error err;
	struct store *s = NULL;
	struct config cfg;
	int64_t id, now;
	bool marked = false;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			sh.json = true;
			break;
		case 'h':
			fprintf(cli->out,
				"Usage: whose show ID [--json]\n"
				"One question whole: its text, choices, answer, explanation, why-nots and\n"
				"source; its schedule (state, due, stability, difficulty, retrievability\n"
				"now); every answer it had (time, mode, rating, the interval it set) and\n"
				"the exams that asked it.  A question retired from the bank is shown too.\n"
				"\n"
				"  -j, --json   the same as JSON, for programs\n"
				"  -h, --help   show this help\n");
			return CLI_EXIT_OK;
		default:
			return cli_bad_option(cli, argv, c, "show", opts);
		}
	}
	if (optind >= argc) {
		cli_error(cli, "show: name a question id ('whose search' finds them)");
		return CLI_EXIT_USAGE;
	}
	if (optind + 1 < argc)
		return cli_extra_argument(cli, argv[optind + 1], "show");
	cli->read_only_ok = true;
	rc = cli_open_configured(cli, &s, &cfg);
	if (rc != CLI_EXIT_OK)
		return rc;
	whose_error_clear(&err);
	memset(&it, 0, sizeof(it));
	now = clock_now(&cli->clock);
	rc = store_question_find(s, argv[optind], &id, &err);
	if (rc == WHOSE_ENOTFOUND) {
		cli_error(cli, "show: no question '%s': 'whose search' finds the ids", argv[optind]);
		store_close(s);
		return CLI_EXIT_FAIL;
	}
	if (rc == 0)
		rc = store_item_load(s, id, &it, &err);
	if (rc == 0)
		rc = store_mark_get(s, id, &marked, &err);
	if (rc < 0) {
		cli_error(cli, "show: %s", err.msg);
		store_close(s);
		return cli_exit_for(rc);
	}
	if (sh.json) {
		cmd_show_json(sh.f, &it, marked, &cfg, now);
		fputs(",\n \"answers\": [", sh.f);
	} else {
		cmd_show_text(sh.f, &it, marked, &cfg, now);
		fprintf(sh.f, "\nAnswers (time, mode, rating, result, state after, interval set)\n");
	}
	rc = store_question_history(s, id, cmd_show_review, &sh, &err);
	if (rc == 0 && !sh.json && sh.n == 0)
		fprintf(sh.f, "  none yet\n");
	if (rc == 0) {
		if (sh.json)
			fputs("],\n \"exams\": [", sh.f);
		else
			fprintf(sh.f, "\nExams that asked it\n");
		sh.n = 0;
		rc = store_question_exams(s, id, cmd_show_exam, &sh, &err);
		if (rc == 0 && !sh.json && sh.n == 0)
			fprintf(sh.f, "  none\n");
		if (rc == 0 && sh.json)
			fputs("]}\n", sh.f);
	}
	if (rc < 0) {
		cli_error(cli, "show: %s", err.msg);
		rc = cli_exit_for(rc);
	} else {
		rc = CLI_EXIT_OK;
	}
	store_item_free(&it);
	store_close(s);
	return rc;
}
