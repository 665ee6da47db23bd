/*
 * screen_browse.c - the questions, found and filtered: a list with columns
 * (as 'whose search' prints them), and one question whole (as 'whose
 * show').  '/' on the home screen opens it with the search box taking
 * keys, the list following every key; 'b' opens it on the list.
 *
 *     Browse  12 of 540 · topic S3 · state any · sorted by due ^
 *     Search: encrypt_
 *       ID        TOPIC  TYPE    STATE     DUE               R  LAPSES  TEXT
 *     ▸ s3-001    S3     who     review    2026-12-10 14:00  87%     0  In 2024 ...
 *       s3-014    S3     choice  new       -                 -       0  Which ...
 *     (notice)
 *     Enter Open  / Search  t Topic  f Filter  o Sort  z Suspend ...
 *
 * The list holds every hit in memory (store_search) and draws only the
 * rows in view, so that thousands scroll without a query per key.  The
 * state machine:
 *
 *     LIST --/--> TYPING --Enter/Esc/Down--> LIST
 *     LIST --Enter--> DETAIL --Esc--> LIST
 *     LIST, DETAIL --R--> CONFIRM --y--> (reset) --> where it was
 *
 * An action (z, m, !, R) acts on the question under the cursor, or, after
 * '*', on every question listed.  Everything drawn goes through
 * tui_draw_raw / tui_doc_add, which clean it (text_vis).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "tui/tui_int.h"
#include "whose/drill.h"
#include "whose/figures.h"
#include "whose/fsrs.h"
#include "whose/question.h"
#include "whose/text.h"

enum tui_browse_mode {
	TUI_BROWSE_LIST,
	TUI_BROWSE_TYPING,
	TUI_BROWSE_DETAIL,
};

struct tui_browse {
	struct tui_screen base;
	enum tui_browse_mode mode;
	char words[200];
	size_t words_len;
	/* filters: an index into topic[] (ntopics: every topic), a question
	 * type (QUESTION_NTYPES: any), a state */
	struct store_topic *topic;
	size_t ntopics, topic_at;
	int type_at;
	enum store_search_state state;
	/* order: a column of the list, or the rank (column -1) */
	int column;
	bool descending;
	bool all;                 /* actions act on every question listed */
	bool confirming;          /* R asked: y resets */
	struct store_hit *hit;    /* list.n of them */
	struct tui_list list;
	size_t total;             /* questions in the bank, for the header */
	bool bad_words;           /* the words do not read (a stray quote) */
	/* the question open in DETAIL */
	struct tui_doc doc;
	struct tui_list doc_view; /* a pager over doc */
};

static const struct tui_screen_ops tui_browse_ops;

/* The most questions listed at once (the best by relevance, or the first
 * by id without words); filters and words narrow the list. */
#define TUI_BROWSE_MAX 5000

/* The columns of the list: title, width (0: the rest). */
static const struct {
	const char *title;
	int width;
} tui_browse_cols[STORE_HIT_NCOLUMNS] = {
	[STORE_HIT_ID] = { "ID", 0 },
	[STORE_HIT_TOPIC] = { "TOPIC", 0 },
	[STORE_HIT_TYPE] = { "TYPE", 9 },
	[STORE_HIT_STATE] = { "STATE", 10 },
	[STORE_HIT_DUE] = { "DUE", 16 },
	[STORE_HIT_RECALL] = { "R", 4 },
	[STORE_HIT_LAPSES] = { "LAPSES", 6 },
	[STORE_HIT_TEXT] = { "TEXT", 0 },
};

/* Run the search again with the words and filters; keep the cursor on
 * the same question when it is still listed. */
static int tui_browse_load(struct tui *t, struct tui_browse *b)
{
	struct store_search_query q = { .topic_id = -1 };
	struct store_hit *hit = NULL;
	struct whose_error err;
	int64_t keep = b->list.n > 0 && b->list.cursor < b->list.n ? b->hit[b->list.cursor].question_id : -1;
	size_t n = 0;
	int rc;

	q.words = b->words;
	/* The box searches as it is typed: its last word is a prefix, on
	 * the list too, so that Enter keeps what the learner saw. */
	q.prefix_last = true;
	if (b->topic_at < b->ntopics)
		q.topic_id = b->topic[b->topic_at].id;
	if (b->type_at < QUESTION_NTYPES)
		q.type = question_type_name((enum question_type)b->type_at);
	q.state = b->state;
	q.sort = STORE_SORT_RANK;
	/* The best TUI_BROWSE_MAX: a common word in a bank of a million
	 * matches a large part of it, and each key typed runs this again. */
	q.limit = TUI_BROWSE_MAX;
	whose_error_clear(&err);
	rc = store_search(t->store, &q, &t->cfg->fsrs, clock_now(t->clock), &hit, &n, &err);
	if (rc == WHOSE_EINVAL) {
		/* A quote still open while typing: keep the list as it was. */
		b->bad_words = true;
		tui_notice(t, TUI_S_NOTICE, "%s", err.msg);
		return 0;
	}
	if (rc < 0) {
		*t->err = err;
		return rc;
	}
	b->bad_words = false;
	if (b->column >= 0)
		store_hits_sort(hit, n, (enum store_hit_column)b->column, b->descending);
	store_hits_free(b->hit, b->list.n);
	b->hit = hit;
	b->list.n = n;
	b->list.cursor = 0;
	for (size_t i = 0; keep >= 0 && i < n; i++)
		if (hit[i].question_id == keep)
			b->list.cursor = i;
	if (b->all && n == 0)
		b->all = false;
	return 0;
}

static struct tui_screen *tui_browse_new(struct tui *t, bool typing)
{
	struct tui_browse *b = tui_screen_new(t, sizeof(*b), &tui_browse_ops);
	size_t active = 0, retired = 0;
	int64_t now;
	int rc;

	if (b == NULL)
		return NULL;
	b->doc_view.pager = true;
	now = clock_now(t->clock);
	b->mode = typing ? TUI_BROWSE_TYPING : TUI_BROWSE_LIST;
	b->type_at = QUESTION_NTYPES;
	b->column = -1;
	tui_doc_init(&b->doc, 1, !t->utf8);
	rc = store_topics(t->store, &t->cfg->fsrs, now, now, &b->topic, &b->ntopics, t->err);
	if (rc == 0)
		rc = store_count_questions(t->store, &active, &retired, t->err);
	b->topic_at = b->ntopics;
	b->total = active + retired;
	if (rc == 0)
		rc = tui_browse_load(t, b);
	if (rc < 0) {
		free(b->topic);
		store_hits_free(b->hit, b->list.n);
		tui_doc_free(&b->doc);
		free(b);
		tui_fail(t, rc);
		return NULL;
	}
	return &b->base;
}

struct tui_screen *tui_browse_search_new(struct tui *t)
{
	return tui_browse_new(t, true);
}

struct tui_screen *tui_browse_list_new(struct tui *t)
{
	return tui_browse_new(t, false);
}

static void tui_browse_free(struct tui *t, struct tui_screen *base)
{
	struct tui_browse *b = (struct tui_browse *)base;

	(void)t;
	free(b->topic);
	store_hits_free(b->hit, b->list.n);
	tui_doc_free(&b->doc);
	free(b);
}

/* ---- the list ---------------------------------------------------------- */

static void tui_browse_due(const struct store_hit *h, char *buf, size_t len)
{
	time_t when = (time_t)(h->due / 1000);
	struct tm tm;

	if (h->retired || h->state == FSRS_STATE_NEW || localtime_r(&when, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "-");
}

/* The cell of column C of H, shown WIDTH columns wide, into BUF[LEN]. */
static void tui_browse_cell(const struct store_hit *h, int c, int width, char *buf, size_t len)
{
	switch (c) {
	case STORE_HIT_ID: snprintf(buf, len, "%s", h->qid); break;
	case STORE_HIT_TOPIC: snprintf(buf, len, "%s", h->topic); break;
	case STORE_HIT_TYPE: snprintf(buf, len, "%s", h->type); break;
	case STORE_HIT_STATE:
		snprintf(buf, len, "%s%s", store_hit_state(h), h->marked ? "*" : "");
		break;
	case STORE_HIT_DUE:
		tui_browse_due(h, buf, len);
		if (width < 16 && strlen(buf) >= 10) {
			memmove(buf, buf + 5, 5);  /* MM-DD */
			buf[5] = '\0';
		}
		break;
	case STORE_HIT_RECALL:
		figures_format_percent(h->recall < 0 ? FIGURES_NONE : figures_percent_of(h->recall),
				       buf, len);
		break;
	case STORE_HIT_LAPSES: snprintf(buf, len, "%d", h->lapses); break;
	case STORE_HIT_TEXT:
	default:
		snprintf(buf, len, "%s", h->text);
		for (char *p = buf; *p != '\0'; p++)
			if (*p == '\n' || *p == '\t' || *p == '\r')
				*p = ' ';
		break;
	}
}

/* The width of each column for the window, and the gap between them.  A
 * window narrower than TUI_BROWSE_WIDE columns gets narrow columns: a gap
 * of one, ids and topics cut (with an ellipsis), the due date as MM-DD,
 * the lapses under "L". */
#define TUI_BROWSE_WIDE 110

static int tui_browse_widths(const struct tui *t, const struct tui_browse *b, int *w)
{
	bool narrow = t->cols < TUI_BROWSE_WIDE;
	int idw = 2, topicw = 5, gap = narrow ? 1 : 2, used = 2;

	for (size_t i = 0; i < b->list.n && i < 2000; i++) {
		int iw = (int)text_width(b->hit[i].qid), tw = (int)text_width(b->hit[i].topic);

		idw = iw > idw ? iw : idw;
		topicw = tw > topicw ? tw : topicw;
	}
	idw = idw > (narrow ? 14 : 24) ? (narrow ? 14 : 24) : idw;
	topicw = topicw > (narrow ? 10 : 18) ? (narrow ? 10 : 18) : topicw;
	for (int c = 0; c < STORE_HIT_NCOLUMNS; c++) {
		w[c] = c == STORE_HIT_ID ? idw : c == STORE_HIT_TOPIC ? topicw : tui_browse_cols[c].width;
		if (narrow && c == STORE_HIT_DUE)
			w[c] = 5;
		if (narrow && c == STORE_HIT_LAPSES)
			w[c] = 2;
		if (c != STORE_HIT_TEXT)
			used += w[c] + gap;
	}
	w[STORE_HIT_TEXT] = t->cols - used > 4 ? t->cols - used : 4;
	return gap;
}

/* What a row of the list needs besides its index: the columns' widths. */
struct tui_browse_rows {
	const struct tui_browse *b;
	int w[STORE_HIT_NCOLUMNS];
	int gap;
};

/* Question I on line Y (the list's row callback). */
static void tui_browse_row(struct tui *t, int y, size_t i, bool cur, void *ctx)
{
	const struct tui_browse_rows *cols = ctx;
	const struct tui_browse *b = cols->b;
	const struct store_hit *h = &b->hit[i];
	enum tui_style st = cur ? TUI_S_CURSOR : TUI_S_NORMAL;
	char cell[512];
	int x = 2;

	if (cur || b->all)
		tui_draw_fill(t, y, cur ? TUI_S_CURSOR : TUI_S_NORMAL);
	tui_draw_text(t, y, 0, cur ? tui_draw_sym(t, TUI_SYM_CURSOR) : b->all ? "*" : " ", 1, st);
	for (int c = 0; c < STORE_HIT_NCOLUMNS; c++) {
		tui_browse_cell(h, c, cols->w[c], cell, sizeof(cell));
		if (c == STORE_HIT_RECALL || c == STORE_HIT_LAPSES) {
			tui_draw_right(t, y, (size_t)(x + cols->w[c]), cell, st);
		} else {
			tui_draw_raw(t, y, x, cell, (size_t)cols->w[c],
				     c == STORE_HIT_TEXT && !cur ? TUI_S_DIM : st);
		}
		x += cols->w[c] + cols->gap;
	}
}

static void tui_browse_draw_list(struct tui *t, struct tui_browse *b)
{
	char head[256], right[96], cell[512];
	struct tui_browse_rows cols = { .b = b };
	int *w = cols.w, rows = t->lines - 5, x, gap;
	const char *order = b->column < 0 ? "relevance" : tui_browse_cols[b->column].title;

	snprintf(head, sizeof(head), "Browse %s %s %s %s%s%s",
		 tui_draw_sym(t, TUI_SYM_DOT),
		 b->topic_at < b->ntopics ? b->topic[b->topic_at].name : "every topic",
		 tui_draw_sym(t, TUI_SYM_DOT),
		 b->type_at < QUESTION_NTYPES ? question_type_name((enum question_type)b->type_at) : "",
		 b->type_at < QUESTION_NTYPES ? " " : "",
		 b->state == STORE_SEARCH_ANY ? "any state" : store_search_state_name(b->state));
	snprintf(right, sizeof(right), "%zu%s of %zu%s%s%s", b->list.n, b->list.n >= TUI_BROWSE_MAX ? "+" : "",
		 b->total,
		 b->all ? " (acting on all)" : "", b->column >= 0 ? ", by " : "",
		 b->column >= 0 ? order : "");
	tui_draw_header(t, head, right);
	x = tui_draw_text(t, 1, 1, "Search: ", 8, b->mode == TUI_BROWSE_TYPING ? TUI_S_KEY : TUI_S_DIM) + 1;
	x += (int)tui_draw_raw(t, 1, x, b->words, (size_t)(t->cols - x - 2), TUI_S_BOLD);
	if (b->mode == TUI_BROWSE_TYPING)
		tui_draw_text(t, 1, x, "_", 1, TUI_S_KEY);
	else if (b->words_len == 0)
		tui_draw_text(t, 1, x, "(/ to type words)", (size_t)(t->cols - x - 1), TUI_S_DIM);
	gap = cols.gap = tui_browse_widths(t, b, w);
	x = 2;
	for (int c = 0; c < STORE_HIT_NCOLUMNS; c++) {
		snprintf(cell, sizeof(cell), "%s%s", c == STORE_HIT_LAPSES && w[c] < 6 ? "L"
			 : tui_browse_cols[c].title, c == b->column ? (b->descending ? "v" : "^") : "");
		tui_draw_text(t, 2, x, cell, (size_t)w[c] + (size_t)gap - 1, TUI_S_TITLE);
		x += w[c] + gap;
	}
	if (rows < 1)
		rows = 1;
	/* Only the rows in view are drawn: thousands scroll at no cost. */
	tui_draw_list(t, &b->list, 3, rows, b->words_len > 0
		      ? "No question has those words with these filters."
		      : "No question with these filters.", tui_browse_row, &cols);
	if (!tui_draw_notice(t, t->lines - 2) && b->confirming)
		tui_draw_text(t, t->lines - 2, 1, "y resets, any other key keeps them.",
			      (size_t)t->cols - 2, TUI_S_NOTICE);
	tui_draw_footer(t, TUI_CTX_BROWSE, 0);
}

/* ---- one question whole --------------------------------------------------- */

struct tui_browse_hist {
	struct tui_doc *d;
	size_t n;
};

static const char *tui_browse_rating(int rating)
{
	static const char *const names[] = { "?", "Again", "Hard", "Good", "Easy" };

	return rating >= 1 && rating <= 4 ? names[rating] : names[0];
}

static void tui_browse_time(int64_t ms, char *buf, size_t len)
{
	time_t when = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&when, &tm) == NULL || strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "?");
}

static int tui_browse_hist_row(const struct store_history_row *r, void *ctx)
{
	struct tui_browse_hist *h = ctx;
	char when[40], interval[FSRS_LABEL_MAX], line[200];

	tui_browse_time(r->reviewed_at, when, sizeof(when));
	if (r->scheduled && r->due_after > r->reviewed_at)
		fsrs_format_interval(r->due_after - r->reviewed_at, interval, sizeof(interval));
	else
		snprintf(interval, sizeof(interval), "-");
	snprintf(line, sizeof(line), "%s  %-8s  %-5s  %-5s  next in %s", when, r->mode,
		 tui_browse_rating(r->rating), r->correct ? "right" : "wrong", interval);
	tui_doc_add(h->d, "  ", TUI_S_NORMAL, line, r->correct ? TUI_S_NORMAL : TUI_S_WRONG, -1);
	h->n++;
	return 0;
}

static int tui_browse_hist_exam(const struct store_exam_asked *a, void *ctx)
{
	struct tui_browse_hist *h = ctx;
	char when[40], line[300];

	tui_browse_time(a->started_at, when, sizeof(when));
	snprintf(line, sizeof(line), "exam %lld  %s  answer %s  %s", (long long)a->exam_id, when,
		 a->response != NULL && a->response[0] != '\0' ? a->response : "(none)",
		 !a->finished ? "(still open)" : a->correct ? "right" : "wrong");
	tui_doc_add(h->d, "  ", TUI_S_NORMAL, line, a->correct ? TUI_S_NORMAL : TUI_S_WRONG, -1);
	h->n++;
	return 0;
}

/* The parts of a '|'-separated FIELD as lines "A. part" (with the owner
 * of each item of a sort question). */
static void tui_browse_parts(struct tui_doc *d, const char *field, const char *answer,
			     bool sort)
{
	char prefix[8], part[600];
	const char *p = field, *a = answer;
	char letter = 'A';

	while (*p != '\0') {
		const char *bar = strchr(p, '|');
		size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);

		snprintf(prefix, sizeof(prefix), "  %c. ", letter++);
		snprintf(part, sizeof(part), "%.*s", (int)len, p);
		if (sort && a != NULL && *a != '\0') {
			const char *abar = strchr(a, '|');
			size_t alen = abar != NULL ? (size_t)(abar - a) : strlen(a);
			size_t used = strlen(part);

			snprintf(part + used, sizeof(part) - used, "  -> %.*s", (int)alen, a);
			a = abar != NULL ? abar + 1 : a + alen;
		}
		tui_doc_add(d, prefix, TUI_S_KEY, part, TUI_S_NORMAL, -1);
		if (bar == NULL)
			break;
		p = bar + 1;
	}
}

/* Build the open question's document (the one under the cursor). */
static int tui_browse_detail(struct tui *t, struct tui_browse *b)
{
	struct tui_browse_hist hist = { &b->doc, 0 };
	struct store_item it;
	const struct fsrs_card *c;
	char line[300], pct[FIGURES_PCT_LEN], due[40];
	int64_t now = clock_now(t->clock);
	bool marked = false, sort;
	double r;
	int rc;

	tui_doc_free(&b->doc);
	tui_doc_init(&b->doc, t->cols > 4 ? (size_t)t->cols - 3 : 1, !t->utf8);
	if (b->list.n == 0)
		return 0;
	memset(&it, 0, sizeof(it));
	rc = store_item_load(t->store, b->hit[b->list.cursor].question_id, &it, t->err);
	if (rc == 0)
		rc = store_mark_get(t->store, it.question_id, &marked, t->err);
	if (rc < 0) {
		store_item_free(&it);
		return rc;
	}
	c = &it.card.fsrs;
	sort = question_type_name_per_item(it.type);
	if (it.retired)
		tui_doc_add(&b->doc, "", TUI_S_WRONG, "RETIRED: no longer in the bank; its history stays.",
			    TUI_S_WRONG, -1);
	tui_doc_add(&b->doc, "", TUI_S_NORMAL, it.question, TUI_S_BOLD, -1);
	tui_doc_blank(&b->doc);
	if (it.choices[0] != '\0')
		tui_browse_parts(&b->doc, it.choices, it.answer, sort);
	if (!sort)
		tui_doc_add(&b->doc, "Answer: ", TUI_S_DIM, it.answer, TUI_S_ANSWER, -1);
	if (it.explanation[0] != '\0')
		tui_doc_add(&b->doc, "Why: ", TUI_S_DIM, it.explanation, TUI_S_NORMAL, -1);
	for (const char *p = it.why_not; *p != '\0';) {
		const char *bar = strchr(p, '|');
		size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);

		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		tui_doc_add(&b->doc, "Why not: ", TUI_S_DIM, line, TUI_S_NORMAL, -1);
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	if (it.source[0] != '\0')
		tui_doc_add(&b->doc, "Source: ", TUI_S_DIM, it.source, TUI_S_NORMAL, -1);
	if (it.tags[0] != '\0')
		tui_doc_add(&b->doc, "Tags: ", TUI_S_DIM, it.tags, TUI_S_NORMAL, -1);
	tui_doc_blank(&b->doc);
	tui_doc_add(&b->doc, "", TUI_S_NORMAL, "Schedule", TUI_S_TITLE, -1);
	snprintf(line, sizeof(line), "%s%s%s%s%s", fsrs_state_name(c->state),
		 it.card.suspended ? ", suspended" : "", it.card.leech ? ", a leech" : "",
		 it.flagged ? ", reported (flagged)" : "", marked ? ", marked" : "");
	tui_doc_add(&b->doc, "  state           ", TUI_S_DIM, line, TUI_S_NORMAL, -1);
	if (c->state != FSRS_STATE_NEW) {
		tui_browse_time(c->due, due, sizeof(due));
		tui_doc_add(&b->doc, "  due             ", TUI_S_DIM, due, TUI_S_NORMAL, -1);
		snprintf(line, sizeof(line), "%.2f days", c->stability);
		tui_doc_add(&b->doc, "  stability       ", TUI_S_DIM, line, TUI_S_NORMAL, -1);
		snprintf(line, sizeof(line), "%.2f", c->difficulty);
		tui_doc_add(&b->doc, "  difficulty      ", TUI_S_DIM, line, TUI_S_NORMAL, -1);
	}
	r = figures_card_recall(&t->cfg->fsrs, c, now);
	figures_format_percent(r < 0 ? FIGURES_NONE : figures_percent_of(r), pct, sizeof(pct));
	snprintf(line, sizeof(line), "%s now", pct);
	if (figures_exam_moment(t->cfg, now) >= 0) {
		char at[FIGURES_PCT_LEN];

		r = figures_card_recall(&t->cfg->fsrs, c, figures_exam_moment(t->cfg, now));
		figures_format_percent(r < 0 ? FIGURES_NONE : figures_percent_of(r), at, sizeof(at));
		snprintf(line, sizeof(line), "%s now, %s at the exam date if not reviewed before",
			 pct, at);
	}
	tui_doc_add(&b->doc, "  retrievability  ", TUI_S_DIM, line, TUI_S_NORMAL, -1);
	snprintf(line, sizeof(line), "%d reviews, %d lapses", c->reps, c->lapses);
	tui_doc_add(&b->doc, "  history         ", TUI_S_DIM, line, TUI_S_NORMAL, -1);
	tui_doc_blank(&b->doc);
	tui_doc_add(&b->doc, "", TUI_S_NORMAL, "Answers", TUI_S_TITLE, -1);
	rc = store_question_history(t->store, it.question_id, tui_browse_hist_row, &hist, t->err);
	if (rc == 0 && hist.n == 0)
		tui_doc_add(&b->doc, "  ", TUI_S_NORMAL, "none yet", TUI_S_DIM, -1);
	if (rc == 0) {
		tui_doc_blank(&b->doc);
		tui_doc_add(&b->doc, "", TUI_S_NORMAL, "Exams that asked it", TUI_S_TITLE, -1);
		hist.n = 0;
		rc = store_question_exams(t->store, it.question_id, tui_browse_hist_exam, &hist, t->err);
		if (rc == 0 && hist.n == 0)
			tui_doc_add(&b->doc, "  ", TUI_S_NORMAL, "none", TUI_S_DIM, -1);
	}
	store_item_free(&it);
	return rc;
}

static void tui_browse_draw_detail(struct tui *t, struct tui_browse *b)
{
	const struct store_hit *h = b->list.n > 0 ? &b->hit[b->list.cursor] : NULL;
	char head[200];
	int rows = t->lines - 4;

	snprintf(head, sizeof(head), "%s %s %s %s %s", h != NULL ? h->qid : "",
		 tui_draw_sym(t, TUI_SYM_DOT), h != NULL ? h->topic : "",
		 tui_draw_sym(t, TUI_SYM_DOT), h != NULL ? h->type : "");
	tui_draw_header(t, head, h != NULL ? store_hit_state(h) : "");
	/* Built again at each frame: the window may have changed width, and
	 * an action may have changed the schedule. */
	if (tui_browse_detail(t, b) < 0) {
		tui_fail(t, WHOSE_EDB);
		return;
	}
	if (rows < 1)
		rows = 1;
	tui_list_clamp(&b->doc_view, b->doc.n, (size_t)rows);
	tui_draw_doc(t, &b->doc, 2, 1, rows, b->doc_view.top);
	if (!tui_draw_notice(t, t->lines - 2) && b->confirming)
		tui_draw_text(t, t->lines - 2, 1, "y resets, any other key keeps it.",
			      (size_t)t->cols - 2, TUI_S_NOTICE);
	tui_draw_footer(t, TUI_CTX_DETAIL, 0);
}

static void tui_browse_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_browse *b = (struct tui_browse *)base;

	if (b->mode == TUI_BROWSE_DETAIL)
		tui_browse_draw_detail(t, b);
	else
		tui_browse_draw_list(t, b);
}

static unsigned tui_browse_keys(struct tui *t, struct tui_screen *base, size_t *count)
{
	struct tui_browse *b = (struct tui_browse *)base;

	(void)t;
	*count = 0;
	return b->mode == TUI_BROWSE_DETAIL ? TUI_CTX_DETAIL : TUI_CTX_BROWSE;
}

/* ---- actions ------------------------------------------------------------- */

/* The questions an action acts on: [*FIRST, *END) of the hits. */
static void tui_browse_targets(const struct tui_browse *b, size_t *first, size_t *end)
{
	if (b->all && b->mode != TUI_BROWSE_DETAIL) {
		*first = 0;
		*end = b->list.n;
	} else {
		*first = b->list.cursor;
		*end = b->list.cursor + 1;
	}
}

/* Do A to the targets in one transaction: the way the question under the
 * cursor is decides for all (suspended ones are unsuspended...). */
static void tui_browse_act(struct tui *t, struct tui_browse *b, enum tui_action a)
{
	const struct store_hit *cur;
	const char *done = "";
	size_t first, end, n = 0;
	bool on = false;
	int rc;

	if (b->list.n == 0) {
		tui_notice(t, TUI_S_NOTICE, "No question listed.");
		return;
	}
	cur = &b->hit[b->list.cursor];
	if (a == TUI_ACT_MARK) {
		rc = store_mark_get(t->store, cur->question_id, &on, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			return;
		}
		on = !on;
	} else if (a == TUI_ACT_SUSPEND) {
		on = !cur->suspended;
	} else if (a == TUI_ACT_REPORT) {
		on = !cur->flagged;
	}
	tui_browse_targets(b, &first, &end);
	rc = store_begin(t->store, t->err);
	for (size_t i = first; rc == 0 && i < end; i++) {
		int64_t id = b->hit[i].question_id;

		switch (a) {
		case TUI_ACT_SUSPEND:
			rc = on ? store_card_suspend(t->store, id, t->err)
				: store_card_unsuspend(t->store, id, t->err);
			done = on ? "suspended" : "back in reviews";
			break;
		case TUI_ACT_MARK:
			rc = store_mark_set(t->store, id, on, clock_now(t->clock), t->err);
			done = on ? "marked" : "unmarked";
			break;
		case TUI_ACT_REPORT:
			rc = store_question_flag(t->store, id, on, on ? "reported from the browse screen" : NULL,
						 t->err);
			done = on ? "reported (out of study until cleared)" : "report cleared";
			break;
		case TUI_ACT_RESET:
			rc = store_card_reset(t->store, id, clock_now(t->clock), t->err);
			done = "reset: new again";
			break;
		default:
			break;
		}
		n++;
	}
	if (rc == 0)
		rc = store_commit(t->store, t->err);
	if (rc < 0) {
		store_rollback(t->store);
		tui_fail(t, rc);
		return;
	}
	if (n == 1)
		tui_notice(t, TUI_S_NOTICE, "%s: %s.", cur->qid, done);
	else
		tui_notice(t, TUI_S_NOTICE, "%zu questions: %s.", n, done);
	rc = tui_browse_load(t, b);
	if (rc < 0)
		tui_fail(t, rc);
}

/* Practise the questions listed (not retired): a practice session, which
 * moves nothing in the schedule. */
static void tui_browse_practise(struct tui *t, struct tui_browse *b)
{
	int64_t *ids;
	size_t n = 0;

	ids = calloc(b->list.n > 0 ? b->list.n : 1, sizeof(*ids));
	if (ids == NULL) {
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return;
	}
	for (size_t i = 0; i < b->list.n; i++)
		if (!b->hit[i].retired)
			ids[n++] = b->hit[i].question_id;
	if (n == 0) {
		free(ids);
		tui_notice(t, TUI_S_NOTICE, "Nothing to practise: no question listed is in the bank.");
		return;
	}
	tui_practise_questions(t, ids, n, "There is nothing to practise in that list.");
	free(ids);
}

/* The command line of a teacher's drill of the questions listed, outside
 * the full screen: `whose drill --seed N --ids a,b,c`, with a seed drawn
 * here (WHOSE_SEED's when given, so that tests see a known one).  Retired
 * questions and cards are left out, as a drill would refuse them. */
static void tui_browse_drill_ids(struct tui *t, struct tui_browse *b)
{
	size_t len = 64, n = 0, left_out = 0;
	char *cmd, head[200], note[160];
	const char *lines[4];
	uint64_t seed = t->base.seed;
	size_t nlines = 0;

	for (size_t i = 0; i < b->list.n; i++)
		len += strlen(b->hit[i].qid) + 1;
	cmd = malloc(len);
	if (cmd == NULL) {
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return;
	}
	if (seed == 0 && getrandom(&seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
		seed = (uint64_t)clock_now(t->clock);
	/* A seed short enough to read out to a class. */
	seed = seed % 1000000 + (seed % 1000000 == 0);
	snprintf(cmd, len, "whose drill --seed %llu --ids ", (unsigned long long)seed);
	for (size_t i = 0; i < b->list.n; i++) {
		int type = question_type_from_name(b->hit[i].type);

		/* A drill asks what the program grades: no card. */
		if (b->hit[i].retired || type < 0 ||
		    !question_type_graded((enum question_type)type) || n == DRILL_MAX_COUNT) {
			left_out++;
			continue;
		}
		if (n++ > 0)
			strcat(cmd, ",");
		strcat(cmd, b->hit[i].qid);
	}
	if (n == 0) {
		free(cmd);
		tui_notice(t, TUI_S_NOTICE, "Nothing to drill: no question listed can be asked in a drill.");
		return;
	}
	snprintf(head, sizeof(head),
		 "A drill of the %zu question%s listed, in this order (any seed: every student who types it gets the same drill):",
		 n, n == 1 ? "" : "s");
	lines[nlines++] = head;
	lines[nlines++] = cmd;
	if (left_out > 0) {
		snprintf(note, sizeof(note),
			 "(%zu left out: retired questions and cards cannot be drilled, and a drill asks at most %d)",
			 left_out, DRILL_MAX_COUNT);
		lines[nlines++] = note;
	}
	tui_show_outside(t, NULL, lines, nlines);
	free(cmd);
}

/* Keys while the search box or the confirmation takes them. */
static bool tui_browse_raw(struct tui *t, struct tui_screen *base, int key)
{
	struct tui_browse *b = (struct tui_browse *)base;
	int rc;

	if (b->confirming) {
		b->confirming = false;
		if (key == 'y' || key == 'Y')
			tui_browse_act(t, b, TUI_ACT_RESET);
		else
			tui_notice(t, TUI_S_NOTICE, "Nothing was reset.");
		return true;
	}
	if (b->mode != TUI_BROWSE_TYPING)
		return false;
	if (key == TUI_KEY_ENTER || key == TUI_KEY_ESC || key == TUI_KEY_DOWN) {
		b->mode = TUI_BROWSE_LIST;
		t->notice[0] = '\0';
		return true;
	}
	if (!tui_line_edit(b->words, sizeof(b->words), &b->words_len, key))
		return true;  /* other keys do nothing while typing */
	t->notice[0] = '\0';
	rc = tui_browse_load(t, b);
	if (rc < 0)
		tui_fail(t, rc);
	return true;
}

static void tui_browse_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_browse *b = (struct tui_browse *)base;
	size_t page = t->lines > 8 ? (size_t)t->lines - 6 : 1;
	int rc = 0;

	(void)arg;
	if (b->mode == TUI_BROWSE_DETAIL) {
		if (tui_list_move(&b->doc_view, page, a))
			return;
		if (a == TUI_ACT_BACK) {
			b->mode = TUI_BROWSE_LIST;
			return;
		}
	} else if (tui_list_key(t, &b->list, page, a)) {
		return;
	}
	switch (a) {
	case TUI_ACT_OPEN:
		if (b->list.n > 0) {
			b->mode = TUI_BROWSE_DETAIL;
			b->doc_view.top = 0;
		}
		break;
	case TUI_ACT_SEARCH:
		b->mode = TUI_BROWSE_TYPING;
		break;
	case TUI_ACT_TOPIC:
		b->topic_at = b->topic_at >= b->ntopics ? 0 : b->topic_at + 1;
		rc = tui_browse_load(t, b);
		break;
	case TUI_ACT_KIND:
		b->type_at = b->type_at >= QUESTION_NTYPES ? 0 : b->type_at + 1;
		rc = tui_browse_load(t, b);
		break;
	case TUI_ACT_STATE:
		b->state = (enum store_search_state)((b->state + 1) % STORE_SEARCH_NSTATES);
		rc = tui_browse_load(t, b);
		break;
	case TUI_ACT_SORT:
		b->column = b->column + 1 >= STORE_HIT_NCOLUMNS ? -1 : b->column + 1;
		b->descending = false;
		rc = tui_browse_load(t, b);
		break;
	case TUI_ACT_REVERSE:
		if (b->column < 0) {
			tui_notice(t, TUI_S_NOTICE, "o first: the list is by relevance.");
			break;
		}
		b->descending = !b->descending;
		rc = tui_browse_load(t, b);
		break;
	case TUI_ACT_SCOPE:
		b->all = !b->all && b->list.n > 0;
		if (b->all)
			tui_notice(t, TUI_S_NOTICE, "z, m, ! and R now act on all %zu questions listed (* again: the one under the cursor).",
				   b->list.n);
		else
			tui_notice(t, TUI_S_NOTICE, "z, m, ! and R act on the question under the cursor.");
		break;
	case TUI_ACT_SUSPEND:
	case TUI_ACT_MARK:
	case TUI_ACT_REPORT:
		tui_browse_act(t, b, a);
		break;
	case TUI_ACT_RESET:
		if (b->list.n == 0)
			break;
		b->confirming = true;
		if (b->all && b->mode != TUI_BROWSE_DETAIL)
			tui_notice(t, TUI_S_NOTICE, "Start the schedule of all %zu questions listed again, as new? y resets.", b->list.n);
		else
			tui_notice(t, TUI_S_NOTICE, "Start the schedule of %s again, as new? y resets.",
				   b->hit[b->list.cursor].qid);
		break;
	case TUI_ACT_PRACTISE:
		tui_browse_practise(t, b);
		break;
	case TUI_ACT_DRILL_IDS:
		tui_browse_drill_ids(t, b);
		break;
	default:
		break;
	}
	if (rc < 0)
		tui_fail(t, rc);
}

static const struct tui_screen_ops tui_browse_ops = {
	.name = "browse",
	.draw = tui_browse_draw,
	.keys = tui_browse_keys,
	.key = tui_browse_key,
	/* no .resize: laid out again at the next frame */
	.free = tui_browse_free,
	.ticks = false,
	.raw = tui_browse_raw,
};
