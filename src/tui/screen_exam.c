/*
 * screen_exam.c - a timed mock exam in the terminal: the questions with a
 * countdown, the review list, the navigator, the result and the review
 * of every answer afterwards.
 *
 *     ASKING --r--> LIST --Enter (a line) / Esc--> ASKING
 *       |  --g--> NAV (a grid of numbers) --Enter / Esc--> ASKING
 *       |  n p: move; the answer keys of every mode (keys.h: a-f, t f,
 *       |  a c s, sort 1-8 then a c s), Enter: answer (saved at every tick,
 *       |  placement or answer, no feedback); m mark (the bookmark of every
 *       |  mode); x take back; S submit, S again to confirm (no answer key
 *       |  submits); q, then q again: leave it open (back home)
 *       +--S S / the countdown reaches zero (timed out)--> RESULT
 *     RESULT: the score, pass or fail, the topics as bars with their
 *     time; a w m t choose what to review (all, wrong, marked, one
 *     topic), n and p step through it with explanations; P practises
 *     the questions missed (a practice session: no due date moves); q
 *     leaves.
 *
 * Opened on a past exam (whose exams show N) the screen starts in RESULT
 * and never writes.  Resumed (whose exam --resume) it starts at the first
 * unanswered question, or in RESULT when the time ran out meanwhile.
 *
 * The rules and messages are those of the plain front end (plain_exam.c):
 * the answer keys are those of every mode, and no command shares one.
 * The clock is looked at on every tick and before every key, so that the
 * exam ends on time even when nothing is typed, and an answer typed after
 * the end is not taken.  Leaving (q, a signal) keeps the exam open in the
 * store (exam_leave), with every response as it stood.
 *
 *     Exam                                 Question 2 of 3 · 89:58 left
 *     Answered 1 of 3 · marked
 *     the question and its choices (a marked choice is bold)
 *     a notice, or what to type                                status line
 *     a-c Answer  n Next  p Prev  m Mark  r Review  S Submit  ? Help  q Leave
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/tui.h"
#include "tui/tui_int.h"
#include "whose/figures.h"
#include "whose/text.h"

enum tui_exam_state {
	TUI_EXAM_ASKING,
	TUI_EXAM_LIST,
	TUI_EXAM_NAV,
	TUI_EXAM_RESULT,
};

/* Navigator cells: ">NNN+! " (cursor, number, answered, marked). */
#define TUI_EXAM_CELL 7

struct tui_exam {
	struct tui_screen base;
	struct exam *e;
	enum tui_exam_state state;
	size_t cur;                      /* the question on screen */
	struct tui_qview view;           /* its answer being put together */
	bool confirm;                    /* S was pressed once: S again submits */
	bool quit_armed;                 /* q was pressed once: q again leaves */
	bool away_expired;               /* resumed after the time ran out */
	size_t *list;                    /* LIST: unanswered or marked, owned */
	size_t nlist, lcur, ltop;
	size_t ncur, ntop;               /* NAV: the cursor, the first row shown */
	enum exam_filter filter;         /* RESULT: what the review walks */
	size_t topic;                    /* ...its topic (index in the result) */
	size_t *rev;                     /* ...the questions it walks, owned */
	size_t nrev;
	size_t wrong;                    /* RESULT: 0 overview, k: rev[k - 1] */
	size_t top;                      /* the body's scroll */
	struct tui_doc doc;
};

static const struct tui_screen_ops tui_exam_ops;

static void tui_exam_free(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	/* Left however it is left (q, a signal, an error elsewhere): the
	 * exam stays open, its clock noted; every response is saved. */
	if (s->e != NULL && !exam_submitted(s->e)) {
		struct whose_error err;
		/* An earlier error keeps its message. */
		int rc = exam_leave(s->e, t->rc == 0 ? t->err : &err);

		if (rc < 0)
			tui_fail(t, rc);
	}
	exam_free(s->e);
	tui_doc_free(&s->doc);
	free(s->list);
	free(s->rev);
	free(s);
}

/* Show question I, with its saved answer marked. */
static void tui_exam_show(struct tui_exam *s, size_t i)
{
	const struct exam_item *it = exam_item(s->e, i);

	s->cur = i;
	s->top = 0;
	s->state = TUI_EXAM_ASKING;
	/* The response so far is the attempt's own: nothing to copy. */
	tui_qview_set(&s->view, &it->a);
}

/* Put question I on screen, its time counted (and the one left saved). */
static void tui_exam_go(struct tui *t, struct tui_exam *s, size_t i)
{
	int rc;

	tui_exam_show(s, i);
	rc = exam_visit(s->e, i, t->err);
	if (rc < 0)
		tui_fail(t, rc);
}

/* The review walks the questions passing s->filter. */
static void tui_exam_review(struct tui_exam *s)
{
	const struct exam_result *r = exam_result(s->e);
	const char *topic = r != NULL && s->topic < r->ntopics ? r->topics[s->topic].topic : NULL;

	s->nrev = 0;
	for (size_t i = 0; i < exam_count(s->e); i++)
		if (exam_matches(s->e, i, s->filter, topic))
			s->rev[s->nrev++] = i;
}

/* The result is on screen, its review on the wrong answers. */
static void tui_exam_to_result(struct tui_exam *s)
{
	s->state = TUI_EXAM_RESULT;
	s->filter = EXAM_FILTER_WRONG;
	s->topic = 0;
	tui_exam_review(s);
	s->wrong = 0;
	s->top = 0;
}

/* The first question to show on a resume: the first unanswered one. */
static size_t tui_exam_first_open(const struct exam *e)
{
	for (size_t i = 0; i < exam_count(e); i++)
		if (!attempt_answered(&exam_item(e, i)->a))
			return i;
	return 0;
}

static void tui_exam_clock(int64_t ms, char *buf, size_t len);

struct tui_screen *tui_exam_new(struct tui *t, const struct exam_opts *o,
				const struct tui_exam_how *how)
{
	struct tui_exam *s = tui_screen_new(t, sizeof(*s), &tui_exam_ops);
	int64_t id = how->id;
	bool review = how->review;
	char left[24];
	int rc;

	if (s == NULL)
		return NULL;
	if (review)
		rc = exam_open_past(t->store, o, id, &s->e, t->err);
	else if (id != 0)
		rc = exam_resume(t->store, o, id, &s->e, t->err);
	else
		rc = exam_start(t->store, o, &s->e, t->err);
	if (rc < 0) {
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	s->list = calloc(exam_count(s->e) + 1, sizeof(*s->list));
	s->rev = calloc(exam_count(s->e) + 1, sizeof(*s->rev));
	if (s->list == NULL || s->rev == NULL) {
		exam_free(s->e);
		free(s->list);
		free(s->rev);
		free(s);
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	tui_doc_init(&s->doc, 1, !t->utf8);
	if (review) {
		const struct exam_result *r = exam_result(s->e);

		tui_exam_to_result(s);
		tui_notice(t, TUI_S_DIM, "Exam %lld, read only: a w f t choose what to review, n and p step.",
			   (long long)id);
		if (how->filter == EXAM_FILTER_ALL)
			return &s->base;
		/* Asked for on the command line: the review opens on it, its
		 * status line in view. */
		t->notice[0] = '\0';
		s->filter = how->filter;
		for (s->topic = 0; how->topic != NULL && s->topic < r->ntopics; s->topic++)
			if (strcasecmp(r->topics[s->topic].topic, how->topic) == 0)
				break;
		tui_exam_review(s);
		s->wrong = s->nrev > 0 ? 1 : 0;
		if (s->nrev == 0)
			tui_notice(t, TUI_S_NOTICE, "No question of exam %lld is like that: a reviews all.",
				   (long long)id);
		return &s->base;
	}
	if (id != 0) {
		/* The time may have run out while the learner was away. */
		rc = exam_expire(s->e, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			return &s->base;
		}
		if (rc == 1) {
			s->away_expired = true;
			tui_exam_to_result(s);
			return &s->base;
		}
		tui_exam_go(t, s, tui_exam_first_open(s->e));
		tui_exam_clock(exam_time_left(s->e), left, sizeof(left));
		tui_notice(t, TUI_S_NOTICE, "Exam %lld resumed: %zu of %zu answered, %s left%s.",
			   (long long)id, exam_count(s->e) - exam_unanswered(s->e), exam_count(s->e), left,
			   exam_pauses_when_away(s->e) ? " (the clock stood still)" : "");
		return &s->base;
	}
	tui_exam_go(t, s, 0);
	if (exam_count(s->e) < exam_requested(s->e))
		tui_notice(t, TUI_S_NOTICE, "Only %zu questions can be asked, not %zu: the exam has all %zu.",
			   exam_count(s->e), exam_requested(s->e), exam_count(s->e));
	else
		tui_notice(t, TUI_S_DIM, "%zu questions, %d minute%s, pass mark %d%%. No feedback until the end.",
			   exam_count(s->e), exam_minutes(s->e), exam_minutes(s->e) == 1 ? "" : "s",
			   exam_pass_percent(s->e));
	return &s->base;
}

/* MS as a clock of time left, rounded up (so 0:00 means the end). */
static void tui_exam_clock(int64_t ms, char *buf, size_t len)
{
	figures_format_clock(ms, FIGURES_CLOCK_LEFT, buf, len);
}

/* The time is up: the exam was submitted as timed out.  True when the
 * exam is over (the result is on screen), whatever the reason. */
static bool tui_exam_over(struct tui *t, struct tui_exam *s)
{
	int rc;

	if (exam_submitted(s->e)) {
		if (s->state != TUI_EXAM_RESULT)
			tui_exam_to_result(s);
		return true;
	}
	rc = exam_expire(s->e, t->err);
	if (rc < 0) {
		tui_fail(t, rc);
		return true;
	}
	if (rc == 0)
		return false;
	/* The result's first line says the time is up. */
	tui_exam_to_result(s);
	t->notice[0] = '\0';
	return true;
}

static void tui_exam_tick(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	if (s->state != TUI_EXAM_RESULT)
		tui_exam_over(t, s);
}

/* The submit prompt into BUF[LEN]: the instruction first, then as many
 * unanswered numbers as fit COLS columns ("3, 5, 8 ..."). */
static void tui_exam_submit_prompt(const struct exam *e, int cols, char *buf, size_t len)
{
	char list[160];

	for (size_t max = 10;; max--) {
		exam_numbers_text(e, EXAM_FILTER_UNANSWERED, max, list, sizeof(list));
		snprintf(buf, len, "S again submits. %zu unanswered count as wrong: %s%s",
			 exam_unanswered(e), list, max < exam_unanswered(e) ? " (g: navigator)" : "");
		if (max <= 1 || strlen(buf) + 2 <= (size_t)cols)
			break;
	}
}

/* ---- drawing ------------------------------------------------------------ */

static void tui_exam_draw_asking(struct tui *t, struct tui_exam *s)
{
	const struct exam_item *it = exam_item(s->e, s->cur);
	char left[160], right[96], clk[24], line[320], ans[128];
	int body_y = 3, status_y = t->lines - 2, body_h = status_y - body_y - 1;
	size_t answered = exam_count(s->e) - exam_unanswered(s->e);

	tui_exam_clock(exam_time_left(s->e), clk, sizeof(clk));
	/* No topic: it gives some answers away (every who question of a
	 * topic may be the customer's). */
	snprintf(left, sizeof(left), "Exam");
	snprintf(right, sizeof(right), "Question %zu of %zu %s %s left", s->cur + 1,
		 exam_count(s->e), tui_draw_sym(t, TUI_SYM_DOT), clk);
	tui_draw_header(t, left, right);
	if (attempt_answered(&it->a)) {
		attempt_given_text(&it->a, ans, sizeof(ans));
		snprintf(line, sizeof(line), "Answered %zu of %zu %s your answer: %s", answered,
			 exam_count(s->e), tui_draw_sym(t, TUI_SYM_DOT), ans);
	} else {
		snprintf(line, sizeof(line), "Answered %zu of %zu %s not answered yet", answered,
			 exam_count(s->e), tui_draw_sym(t, TUI_SYM_DOT));
	}
	{
		size_t x = 1 + tui_draw_raw(t, 1, 1, line, (size_t)t->cols - 2, TUI_S_DIM);

		if (it->flagged && x + 12 < (size_t)t->cols)
			tui_draw_text(t, 1, (int)x + 1, "[marked]", 10, TUI_S_NOTICE);
	}
	if (body_h < 1)
		body_h = 1;
	tui_doc_free(&s->doc);
	tui_doc_init(&s->doc, (size_t)t->cols > 4 ? (size_t)t->cols - 4 : 1, !t->utf8);
	tui_qview_asking(t, &s->view, &s->doc);
	s->top = tui_qview_follow(&s->view, &s->doc, s->top, (size_t)body_h);
	tui_draw_doc(t, &s->doc, body_y, 2, body_h, s->top);
	if (!tui_draw_notice(t, status_y)) {
		if (attempt_complete(&it->a))
			snprintf(line, sizeof(line), "Saved as you go. Another answer replaces it; x takes it back.");
		else
			tui_qview_hint(&s->view, line, sizeof(line));
		tui_draw_text(t, status_y, 1, line, (size_t)t->cols - 2, TUI_S_DIM);
	}
	tui_draw_footer(t, TUI_CTX_EXAM | tui_qview_context(&s->view), tui_qview_count(&s->view));
}

/* The list of the questions that are unanswered or marked. */
static void tui_exam_draw_list(struct tui *t, struct tui_exam *s)
{
	char right[64], clk[24], line[320], none[16];
	int y = 3, rows = t->lines - 2 - y - 1;

	tui_exam_clock(exam_time_left(s->e), clk, sizeof(clk));
	snprintf(right, sizeof(right), "%s left", clk);
	tui_draw_header(t, "Exam: review", right);
	snprintf(line, sizeof(line), "%zu unanswered, %zu to list (unanswered or marked) of %zu.",
		 exam_unanswered(s->e), s->nlist, exam_count(s->e));
	tui_draw_text(t, 1, 1, line, (size_t)t->cols - 2, TUI_S_BOLD);
	if (s->nlist == 0) {
		tui_draw_text(t, y, 2, "Every question is answered and none is marked: S submits.",
			      (size_t)t->cols - 3, TUI_S_NORMAL);
	}
	if (rows < 1)
		rows = 1;
	s->ltop = tui_layout_scroll_show(s->ltop, s->lcur, s->lcur, (size_t)rows);
	for (int r = 0; r < rows && s->ltop + (size_t)r < s->nlist; r++) {
		size_t k = s->ltop + (size_t)r;
		const struct exam_item *it = exam_item(s->e, s->list[k]);
		bool cur = k == s->lcur;
		enum tui_style st = cur ? TUI_S_CURSOR : TUI_S_NORMAL;

		snprintf(none, sizeof(none), "%s", cur ? tui_draw_sym(t, TUI_SYM_CURSOR) : " ");
		/* No topic, as in the header. */
		snprintf(line, sizeof(line), "%s Question %zu: %s%s%s", none, s->list[k] + 1,
			 attempt_answered(&it->a) ? "" : "unanswered",
			 !attempt_answered(&it->a) && it->flagged ? ", " : "",
			 it->flagged ? "marked" : "");
		if (cur)
			tui_draw_fill(t, y + r, TUI_S_CURSOR);
		tui_draw_raw(t, y + r, 1, line, (size_t)t->cols - 2, st);
	}
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1, "Enter goes to the question under the cursor; Esc goes back.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_EXAM_LIST, 0);
}

/* Columns of the navigator's grid at this width. */
static size_t tui_exam_nav_cols(const struct tui *t)
{
	size_t c = t->cols > 4 ? ((size_t)t->cols - 2) / TUI_EXAM_CELL : 1;

	return c ? c : 1;
}

/* The navigator: every question as a cell of its number, whether it is
 * answered (+) or not (-), marked (!), and the cursor (>). */
static void tui_exam_draw_nav(struct tui *t, struct tui_exam *s)
{
	char right[64], clk[24], line[320];
	size_t n = exam_count(s->e), cols = tui_exam_nav_cols(t), nrows = (n + cols - 1) / cols;
	int y = 4, rows = t->lines - 2 - y - 1;

	tui_exam_clock(exam_time_left(s->e), clk, sizeof(clk));
	snprintf(right, sizeof(right), "%s left", clk);
	tui_draw_header(t, "Exam: navigator", right);
	snprintf(line, sizeof(line), "%zu of %zu answered. + answered  - unanswered  ! marked  > cursor",
		 n - exam_unanswered(s->e), n);
	tui_draw_text(t, 1, 1, line, (size_t)t->cols - 2, TUI_S_BOLD);
	snprintf(line, sizeof(line), "Unanswered: ");
	exam_numbers_text(s->e, EXAM_FILTER_UNANSWERED, 8, line + strlen(line), sizeof(line) - strlen(line));
	tui_draw_text(t, 2, 1, line, (size_t)t->cols - 2, TUI_S_DIM);
	if (rows < 1)
		rows = 1;
	s->ntop = tui_layout_scroll_show(s->ntop, s->ncur / cols, s->ncur / cols, (size_t)rows);
	for (int r = 0; r < rows && s->ntop + (size_t)r < nrows; r++) {
		for (size_t c = 0; c < cols; c++) {
			size_t i = (s->ntop + (size_t)r) * cols + c;
			const struct exam_item *it;
			char cell[32];
			enum tui_style st;

			if (i >= n)
				break;
			it = exam_item(s->e, i);
			snprintf(cell, sizeof(cell), "%c%3zu%c%c", i == s->ncur ? '>' : ' ', i + 1,
				 attempt_answered(&it->a) ? '+' : '-', it->flagged ? '!' : ' ');
			st = i == s->ncur ? TUI_S_CURSOR : it->flagged ? TUI_S_NOTICE
				: attempt_answered(&it->a) ? TUI_S_NORMAL : TUI_S_DIM;
			tui_draw_text(t, y + r, 1 + (int)(c * TUI_EXAM_CELL), cell, TUI_EXAM_CELL - 1, st);
		}
	}
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1, "Arrows move; Enter opens the question; Esc goes back.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_EXAM_LIST, 0);
}

/* What the review walks, in words: "wrong or unanswered" into BUF[LEN]. */
static void tui_exam_filter_name(const struct tui_exam *s, char *buf, size_t len)
{
	const struct exam_result *r = exam_result(s->e);

	switch (s->filter) {
	case EXAM_FILTER_WRONG:
		snprintf(buf, len, "wrong or unanswered");
		break;
	case EXAM_FILTER_FLAGGED:
		snprintf(buf, len, "marked");
		break;
	case EXAM_FILTER_TOPIC:
		snprintf(buf, len, "%s", r != NULL && s->topic < r->ntopics ? r->topics[s->topic].topic : "");
		break;
	default:
		snprintf(buf, len, "all");
		break;
	}
}

/* The areas a learner can act on, one line each, and the way to practise
 * the questions missed; from line *Y on (moved past them). */
static void tui_exam_draw_areas(struct tui *t, struct tui_exam *s, int *y)
{
	const struct exam_result *r = exam_result(s->e);
	char line[320], pct[16];

	(*y)++;
	tui_draw_text(t, (*y)++, 2, "By area (right, percent)", (size_t)t->cols - 3, TUI_S_TITLE);
	for (size_t a = 0; a < EXAM_AREAS; a++) {
		const struct exam_area_score *as = &r->areas[a];

		if (as->total == 0)
			continue;
		figures_format_percent(figures_percent(as->correct, as->total), pct, sizeof(pct));
		snprintf(line, sizeof(line), "%-22s %3zu/%-3zu %4s  %s", exam_area_name(a), as->correct,
			 as->total, pct, exam_area_about(a));
		tui_draw_text(t, (*y)++, 2, line, (size_t)t->cols - 3, TUI_S_NORMAL);
	}
	if (r->nwrong > 0 && !exam_abandoned(s->e)) {
		snprintf(line, sizeof(line), "P practises the %zu you missed (due dates stay): whose practice --exam %lld.",
			 r->nwrong, (long long)exam_id(s->e));
		tui_draw_text(t, (*y)++, 2, line, (size_t)t->cols - 3, TUI_S_DIM);
	}
}

/* The result: score, pass or fail, time, and the topics as bars. */
static void tui_exam_draw_overview(struct tui *t, struct tui_exam *s)
{
	const struct exam_result *r = exam_result(s->e);
	char line[320], used[24], total[24], right[64];
	size_t name_w = 0, bar_w;
	int y = 2, rows;

	snprintf(right, sizeof(right), "exam %lld%s", (long long)exam_id(s->e),
		 exam_read_only(s->e) ? " (read only)" : "");
	tui_draw_header(t, "Exam result", right);
	tui_draw_text(t, y++, 2, s->away_expired ? "The time ran out while you were away: the exam was submitted as it stood."
		      : exam_abandoned(s->e) ? "This exam was given up: it is not counted."
		      : r->timed_out ? "Time is up: the exam was submitted." : "Exam submitted.",
		      (size_t)t->cols - 3, TUI_S_BOLD);
	snprintf(line, sizeof(line), "Score: %zu of %zu (%d%%): ", r->correct, r->total, r->percent);
	{
		size_t x = 2 + tui_draw_text(t, y, 2, line, (size_t)t->cols - 3, TUI_S_NORMAL);

		x += tui_draw_text(t, y, (int)x, r->passed ? "PASS" : "FAIL", 4,
				   r->passed ? TUI_S_RIGHT : TUI_S_WRONG);
		snprintf(line, sizeof(line), " (pass mark %d%%).", exam_pass_percent(s->e));
		if (x < (size_t)t->cols)
			tui_draw_text(t, y, (int)x, line, (size_t)t->cols - x, TUI_S_NORMAL);
	}
	y++;
	/* Whole seconds used, rounded down, as plain mode shows them. */
	tui_exam_clock(r->used_ms / 1000 * 1000, used, sizeof(used));
	tui_exam_clock((int64_t)exam_minutes(s->e) * 60000, total, sizeof(total));
	snprintf(line, sizeof(line), "Time used: %s of %s%s.", used, total,
		 r->timed_out ? " (the time ran out)" : "");
	tui_draw_text(t, y++, 2, line, (size_t)t->cols - 3, TUI_S_NORMAL);
	tui_exam_draw_areas(t, s, &y);
	y++;
	tui_draw_text(t, y++, 2, "By topic (right, bar, percent, time on it)", (size_t)t->cols - 3, TUI_S_TITLE);
	for (size_t i = 0; i < r->ntopics; i++) {
		size_t w = text_width(r->topics[i].topic);

		if (w > name_w)
			name_w = w;
	}
	if (name_w > 28)
		name_w = 28;
	/* name  c/t  bar  pct  time */
	bar_w = (size_t)t->cols > name_w + 36 ? (size_t)t->cols - name_w - 36 : 0;
	if (bar_w > 30)
		bar_w = 30;
	rows = t->lines - 3 - y;
	if (rows > 0)
		s->top = tui_layout_scroll_clamp(s->top, r->ntopics, (size_t)rows);
	for (int k = 0; k < rows && s->top + (size_t)k < r->ntopics; k++) {
		const struct exam_topic_score *ts = &r->topics[s->top + (size_t)k];
		size_t x = 2;
		char cell[32];

		tui_draw_raw(t, y, (int)x, ts->topic, name_w, TUI_S_NORMAL);
		x += name_w + 2;
		snprintf(cell, sizeof(cell), "%zu/%zu", ts->correct, ts->total);
		tui_draw_right(t, y, x + 9, cell, TUI_S_NORMAL);
		x += 11;
		tui_draw_bar(t, y, (int)x, bar_w, ts->total ? (double)ts->correct / (double)ts->total : 0.0);
		x += bar_w + 1;
		figures_format_percent(figures_percent(ts->correct, ts->total), cell, sizeof(cell));
		tui_draw_right(t, y, x + 4, cell, TUI_S_NORMAL);
		x += 5;
		/* Whole seconds on screen, rounded down. */
		tui_exam_clock(ts->spent_ms / 1000 * 1000, cell, sizeof(cell));
		tui_draw_right(t, y, x + 7, cell, TUI_S_DIM);
		y++;
	}
	if (!tui_draw_notice(t, t->lines - 2)) {
		if (r->nwrong == 0)
			snprintf(line, sizeof(line), "Every answer was right. Review: a all, m marked, t a topic.");
		else
			snprintf(line, sizeof(line), "Wrong or unanswered: %zu. n reviews them; a all, m marked, t a topic.",
				 r->nwrong);
		tui_draw_text(t, t->lines - 2, 1, line, (size_t)t->cols - 2, TUI_S_DIM);
	}
	tui_draw_footer(t, TUI_CTX_RESULT, 0);
}

/* Reviewed question s->wrong (from 1) with its explanation and time. */
static void tui_exam_draw_wrong(struct tui *t, struct tui_exam *s)
{
	size_t i = s->rev[s->wrong - 1];
	const struct exam_item *it = exam_item(s->e, i);
	struct tui_qview v;
	char left[160], right[160], what[64], spent[24], line[160];
	int body_y = 2, status_y = t->lines - 2, body_h = status_y - body_y - 1;

	tui_exam_filter_name(s, what, sizeof(what));
	tui_exam_clock(it->a.spent_ms / 1000 * 1000, spent, sizeof(spent));
	snprintf(left, sizeof(left), "Review %s %s%s", tui_draw_sym(t, TUI_SYM_DOT), it->a.item.topic,
		 it->flagged ? " [marked]" : "");
	snprintf(right, sizeof(right), "Question %zu of %zu %s %s on it", i + 1, exam_count(s->e),
		 tui_draw_sym(t, TUI_SYM_DOT), spent);
	tui_draw_header(t, left, right);
	if (body_h < 1)
		body_h = 1;
	tui_qview_set(&v, &it->a);
	tui_doc_free(&s->doc);
	tui_doc_init(&s->doc, (size_t)t->cols > 4 ? (size_t)t->cols - 4 : 1, !t->utf8);
	tui_qview_answered(t, &v, NULL, NULL, &s->doc);
	s->top = tui_layout_scroll_clamp(s->top, s->doc.n, (size_t)body_h);
	tui_draw_doc(t, &s->doc, body_y, 2, body_h, s->top);
	if (!tui_draw_notice(t, status_y)) {
		/* The instruction first: a long topic name may be cut. */
		snprintf(line, sizeof(line), "n next, p previous; a w f t change the list. %zu of %zu (%s)",
			 s->wrong, s->nrev, what);
		tui_draw_raw(t, status_y, 1, line, (size_t)t->cols - 2, TUI_S_DIM);
	}
	tui_draw_footer(t, TUI_CTX_RESULT, 0);
}

static void tui_exam_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	switch (s->state) {
	case TUI_EXAM_LIST:
		tui_exam_draw_list(t, s);
		break;
	case TUI_EXAM_NAV:
		tui_exam_draw_nav(t, s);
		break;
	case TUI_EXAM_RESULT:
		if (s->wrong == 0)
			tui_exam_draw_overview(t, s);
		else
			tui_exam_draw_wrong(t, s);
		break;
	case TUI_EXAM_ASKING:
	default:
		tui_exam_draw_asking(t, s);
		break;
	}
}

static unsigned tui_exam_keys(struct tui *t, struct tui_screen *base, size_t *count)
{
	struct tui_exam *s = (struct tui_exam *)base;

	(void)t;
	*count = 0;
	switch (s->state) {
	case TUI_EXAM_LIST:
	case TUI_EXAM_NAV:
		return TUI_CTX_EXAM_LIST;
	case TUI_EXAM_RESULT:
		return TUI_CTX_RESULT;
	case TUI_EXAM_ASKING:
	default:
		*count = tui_qview_count(&s->view);
		return TUI_CTX_EXAM | tui_qview_context(&s->view);
	}
}

/* ---- keys --------------------------------------------------------------- */

/* Submit now; the result goes on screen. */
static void tui_exam_submit(struct tui *t, struct tui_exam *s)
{
	int rc = exam_submit(s->e, false, t->err);

	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	/* The result's first line says how it was submitted. */
	tui_exam_to_result(s);
}

/* Open the review list of the questions unanswered or marked. */
static void tui_exam_list(struct tui_exam *s)
{
	s->nlist = 0;
	for (size_t i = 0; i < exam_count(s->e); i++) {
		const struct exam_item *it = exam_item(s->e, i);

		if (!attempt_answered(&it->a) || it->flagged)
			s->list[s->nlist++] = i;
	}
	s->lcur = 0;
	s->ltop = 0;
	s->state = TUI_EXAM_LIST;
}

static void tui_exam_key_asking(struct tui *t, struct tui_exam *s, enum tui_action a, int arg,
				bool confirm)
{
	const struct exam_item *it = exam_item(s->e, s->cur);
	size_t n = exam_count(s->e), page = t->lines > 8 ? (size_t)t->lines - 6 : 1;
	char prompt[256];
	int rc;

	switch (a) {
	case TUI_ACT_NEXT:
	case TUI_ACT_PREV:
		if (a == TUI_ACT_NEXT ? s->cur + 1 >= n : s->cur == 0) {
			tui_notice(t, TUI_S_NOTICE, "This is the %s question.",
				   a == TUI_ACT_NEXT ? "last" : "first");
			break;
		}
		tui_exam_go(t, s, a == TUI_ACT_NEXT ? s->cur + 1 : s->cur - 1);
		break;
	case TUI_ACT_NAV:
		s->ncur = s->cur;
		s->state = TUI_EXAM_NAV;
		break;
	case TUI_ACT_MARK:
		rc = exam_flag(s->e, s->cur, !it->flagged, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			break;
		}
		tui_notice(t, TUI_S_NOTICE, "%s question %zu.", it->flagged ? "Marked for review:" : "Unmarked",
			   s->cur + 1);
		break;
	case TUI_ACT_LIST:
		tui_exam_list(s);
		break;
	case TUI_ACT_CLEAR:
		if (!attempt_answered(&it->a)) {
			tui_notice(t, TUI_S_NOTICE, "Question %zu has no answer to take back.", s->cur + 1);
			break;
		}
		rc = exam_clear(s->e, s->cur, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			break;
		}
		tui_exam_show(s, s->cur);
		tui_notice(t, TUI_S_NOTICE, "The answer to question %zu was taken back.", s->cur + 1);
		break;
	case TUI_ACT_SUBMIT:
		/* Always asked: S, then S again (no answer key is S). */
		if (!confirm) {
			if (exam_unanswered(s->e) > 0)
				tui_exam_submit_prompt(s->e, t->cols, prompt, sizeof(prompt));
			else
				snprintf(prompt, sizeof(prompt),
					 "S again submits the exam: every question is answered. Other keys go on.");
			tui_notice(t, TUI_S_NOTICE, "%s", prompt);
			s->confirm = true;
			break;
		}
		tui_exam_submit(t, s);
		break;
	case TUI_ACT_PGUP:
		s->top = s->top > page ? s->top - page : 0;
		break;
	case TUI_ACT_PGDN:
		s->top += page;   /* clamped when drawn */
		break;
	default:
		/* Every tick and placement is saved as it is made. */
		rc = tui_qview_key(t, &s->view, exam_attempt(s->e, s->cur, NULL), a, arg, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			break;
		}
		if (rc == 0)
			break;
		if (s->cur + 1 < n) {
			tui_exam_go(t, s, s->cur + 1);
			tui_notice(t, TUI_S_DIM, "Answered question %zu.", s->cur);
		} else {
			tui_exam_show(s, s->cur);
			tui_notice(t, TUI_S_NOTICE,
				   "Last question answered: r lists unanswered and marked, S submits.");
		}
		break;
	}
}

static void tui_exam_key_nav(struct tui *t, struct tui_exam *s, enum tui_action a)
{
	size_t n = exam_count(s->e), cols = tui_exam_nav_cols(t);
	size_t page = cols * (t->lines > 10 ? (size_t)t->lines - 7 : 1);

	switch (a) {
	case TUI_ACT_NEXT:
		if (s->ncur + 1 < n)
			s->ncur++;
		break;
	case TUI_ACT_PREV:
		if (s->ncur > 0)
			s->ncur--;
		break;
	case TUI_ACT_DOWN:
		if (s->ncur + cols < n)
			s->ncur += cols;
		break;
	case TUI_ACT_UP:
		if (s->ncur >= cols)
			s->ncur -= cols;
		break;
	case TUI_ACT_PGDN:
		s->ncur = s->ncur + page < n ? s->ncur + page : n - 1;
		break;
	case TUI_ACT_PGUP:
		s->ncur = s->ncur > page ? s->ncur - page : 0;
		break;
	case TUI_ACT_GO:
		tui_exam_go(t, s, s->ncur);
		break;
	case TUI_ACT_BACK:
		tui_exam_show(s, s->cur);
		break;
	default:
		break;
	}
}

/* P: practise the questions missed (wrong or unanswered) in this exam,
 * in its order, as `whose practice --exam N` does: no due date moves. */
static void tui_exam_practise(struct tui *t, struct tui_exam *s)
{
	int64_t *ids = NULL;
	size_t n = 0;
	char none[160];
	int rc;

	rc = exam_missed(t->store, exam_id(s->e), &ids, &n, t->err);
	if (rc == WHOSE_EINVAL) {
		/* given up: never scored, nothing to practise */
		tui_notice(t, TUI_S_NOTICE, "%s.", t->err->msg);
		whose_error_clear(t->err);
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	snprintf(none, sizeof(none), "Nothing of exam %lld is left to practise: every answer was right "
		 "(or the ones missed were flagged or retired since).", (long long)exam_id(s->e));
	tui_practise_questions(t, ids, n, none);
	free(ids);
}

static void tui_exam_key_result(struct tui *t, struct tui_exam *s, enum tui_action a, int arg)
{
	const struct exam_result *r = exam_result(s->e);
	char what[64];

	switch (a) {
	case TUI_ACT_FILTER: {
		enum exam_filter f = arg == 1 ? EXAM_FILTER_WRONG : arg == 2 ? EXAM_FILTER_FLAGGED
			: arg == 3 ? EXAM_FILTER_TOPIC : EXAM_FILTER_ALL;

		/* t again: the next topic. */
		if (f == EXAM_FILTER_TOPIC && s->filter == EXAM_FILTER_TOPIC && r->ntopics > 0)
			s->topic = (s->topic + 1) % r->ntopics;
		else if (f == EXAM_FILTER_TOPIC)
			s->topic = 0;
		s->filter = f;
		tui_exam_review(s);
		tui_exam_filter_name(s, what, sizeof(what));
		s->top = 0;
		if (s->nrev == 0) {
			s->wrong = 0;
			tui_notice(t, TUI_S_NOTICE, "No question to review: none is %s.", what);
			break;
		}
		s->wrong = 1;
		break;
	}
	case TUI_ACT_SOURCE:
		if (s->wrong == 0)
			tui_notice(t, TUI_S_NOTICE, "This is the result: n reviews the questions, o shows a source there.");
		else
			tui_qview_show_source(t, &exam_item(s->e, s->rev[s->wrong - 1])->a);
		break;
	case TUI_ACT_NEXT:
		if (s->wrong >= s->nrev) {
			tui_notice(t, TUI_S_NOTICE, "%s", s->nrev == 0 ? "No question to review here: a reviews all."
				   : "That was the last one: p goes back, a w f t change the list, q leaves.");
			break;
		}
		s->wrong++;
		s->top = 0;
		break;
	case TUI_ACT_PREV:
		if (s->wrong == 0) {
			tui_notice(t, TUI_S_NOTICE, "This is the result: n reviews the questions.");
			break;
		}
		s->wrong--;
		s->top = 0;
		break;
	case TUI_ACT_PRACTISE:
		tui_exam_practise(t, s);
		break;
	case TUI_ACT_PGUP:
		s->top = s->top > 10 ? s->top - 10 : 0;
		break;
	case TUI_ACT_PGDN:
		s->top += 10;
		break;
	default:
		break;
	}
}

static void tui_exam_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_exam *s = (struct tui_exam *)base;
	bool confirm = s->confirm;

	s->confirm = false;
	s->quit_armed = false;
	/* A key after the end is not taken: the clock decides first. */
	if (s->state != TUI_EXAM_RESULT && tui_exam_over(t, s))
		return;
	switch (s->state) {
	case TUI_EXAM_ASKING:
		tui_exam_key_asking(t, s, a, arg, confirm);
		break;
	case TUI_EXAM_NAV:
		tui_exam_key_nav(t, s, a);
		break;
	case TUI_EXAM_LIST:
		if (a == TUI_ACT_UP && s->lcur > 0)
			s->lcur--;
		else if (a == TUI_ACT_DOWN && s->lcur + 1 < s->nlist)
			s->lcur++;
		else if (a == TUI_ACT_PGUP)
			s->lcur = 0;
		else if (a == TUI_ACT_PGDN && s->nlist > 0)
			s->lcur = s->nlist - 1;
		else if (a == TUI_ACT_GO && s->nlist > 0)
			tui_exam_go(t, s, s->list[s->lcur]);
		else if (a == TUI_ACT_BACK)
			tui_exam_show(s, s->cur);
		break;
	case TUI_EXAM_RESULT:
	default:
		tui_exam_key_result(t, s, a, arg);
		break;
	}
}

/* q: during the exam, ask first; q again leaves it open. */
static bool tui_exam_quit(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	if (s->state == TUI_EXAM_RESULT || exam_submitted(s->e) || s->quit_armed)
		return true;
	s->quit_armed = true;
	s->confirm = false;
	tui_notice(t, TUI_S_NOTICE, "q again leaves; the exam stays open (whose exam resumes it). Other keys stay.");
	return false;
}

static void tui_exam_resize(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	(void)t;
	s->top = 0;
}

static const struct tui_screen_ops tui_exam_ops = {
	.name = "exam",
	.draw = tui_exam_draw,
	.keys = tui_exam_keys,
	.key = tui_exam_key,
	.resize = tui_exam_resize,
	.free = tui_exam_free,
	.tick = tui_exam_tick,
	.ticks = true,
	.quit = tui_exam_quit,
};
