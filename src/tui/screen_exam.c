/*
 * screen_exam.c - a timed mock exam in the terminal: the questions with a
 * countdown, the review list, and the result.
 *
 *     ASKING --r--> LIST --Enter (a line) / Esc--> ASKING
 *       |  n p: move; 1-6, Enter: answer (saved at once, no feedback);
 *       |  f flag; x take back; s submit (twice with questions unanswered)
 *       +--s / the countdown reaches zero (submitted as timed out)--> RESULT
 *     RESULT: the score, pass or fail, the topics as bars; n and p step
 *     through the wrong answers with their explanations; q leaves.
 *
 * The rules and messages are those of the plain front end (plain_exam.c):
 * every answer is a number, so that the letters stay free for commands.
 * The clock is looked at on every tick and before every key, so that the
 * exam ends on time even when nothing is typed, and an answer typed after
 * the end is not taken.  Quitting (q) before submitting leaves the exam
 * open in the store, with every answer given so far.
 *
 *     Exam · Compute                       Question 2 of 3 · 89:58 left
 *     Answered 1 of 3 · flagged
 *     the question and its choices (a marked choice is bold)
 *     a notice, or what to type                                status line
 *     1-3 Answer  n Next  p Prev  f Flag  r Review  s Submit  ? Help  q Quit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/figures.h"
#include "whose/text.h"

enum tui_exam_state {
	TUI_EXAM_ASKING,
	TUI_EXAM_LIST,
	TUI_EXAM_RESULT,
};

struct tui_exam {
	struct tui_screen base;
	struct exam *e;
	enum tui_exam_state state;
	size_t cur;                      /* the question on screen */
	struct tui_qview view;           /* its answer being put together */
	bool confirm;                    /* s was pressed once: s again submits */
	size_t *list;                    /* LIST: unanswered or flagged, owned */
	size_t nlist, lcur, ltop;
	size_t wrong;                    /* RESULT: 0 overview, k: wrong answer k */
	size_t top;                      /* the body's scroll */
	struct tui_doc doc;
};

static const struct tui_screen_ops tui_exam_ops;

static void tui_exam_free(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	(void)t;
	exam_free(s->e);   /* an exam not submitted stays stored as such */
	tui_doc_free(&s->doc);
	free(s->list);
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
	tui_qview_set(&s->view, &it->a, true);
	exam_visit(s->e, i);
}

struct tui_screen *tui_exam_new(struct tui *t, const struct exam_opts *o)
{
	struct tui_exam *s = calloc(1, sizeof(*s));
	int rc;

	if (s == NULL) {
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	rc = exam_start(t->store, o, &s->e, t->err);
	if (rc < 0) {
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	s->list = calloc(exam_count(s->e), sizeof(*s->list));
	if (s->list == NULL) {
		exam_free(s->e);
		free(s);
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	s->base.ops = &tui_exam_ops;
	tui_doc_init(&s->doc, 1, !t->utf8);
	tui_exam_show(s, 0);
	if (exam_count(s->e) < exam_requested(s->e))
		tui_notice(t, TUI_S_NOTICE, "Only %zu questions can be asked, not %zu: the exam has all %zu.",
			   exam_count(s->e), exam_requested(s->e), exam_count(s->e));
	else
		tui_notice(t, TUI_S_DIM, "%zu questions, %d minute%s, pass mark %d%%. No feedback until the end.",
			   exam_count(s->e), exam_minutes(s->e), exam_minutes(s->e) == 1 ? "" : "s",
			   exam_pass_percent(s->e));
	return &s->base;
}

/* MS as "m:ss", whole seconds rounded up (so 0:00 means the end). */
static void tui_exam_clock(int64_t ms, char *buf, size_t len)
{
	long long sec = ms <= 0 ? 0 : (ms + 999) / 1000;

	snprintf(buf, len, "%lld:%02lld", sec / 60, sec % 60);
}

/* The time is up: the exam was submitted as timed out.  True when the
 * exam is over (the result is on screen), whatever the reason. */
static bool tui_exam_over(struct tui *t, struct tui_exam *s)
{
	int rc;

	if (exam_submitted(s->e)) {
		s->state = TUI_EXAM_RESULT;
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
	s->state = TUI_EXAM_RESULT;
	s->wrong = 0;
	s->top = 0;
	t->notice[0] = '\0';
	return true;
}

static void tui_exam_tick(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	if (s->state != TUI_EXAM_RESULT)
		tui_exam_over(t, s);
}

/* The numbers of the unanswered questions: "2, 5, 9" into BUF[LEN]. */
static void tui_exam_unanswered(const struct exam *e, char *buf, size_t len)
{
	size_t o = 0, n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < exam_count(e) && o < len; i++) {
		if (!attempt_answered(&exam_item(e, i)->a)) {
			o += (size_t)snprintf(buf + o, len - o, "%s%zu", n ? ", " : "", i + 1);
			n++;
		}
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
	snprintf(left, sizeof(left), "Exam %s %s", tui_draw_sym(t, TUI_SYM_DOT), it->a.item.topic);
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
			tui_draw_text(t, 1, (int)x + 1, "[flagged]", 10, TUI_S_NOTICE);
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
	tui_draw_footer(t, TUI_CTX_EXAM, tui_qview_count(&s->view));
}

/* The list of the questions that are unanswered or flagged. */
static void tui_exam_draw_list(struct tui *t, struct tui_exam *s)
{
	char right[64], clk[24], line[320], none[16];
	int y = 3, rows = t->lines - 2 - y - 1;

	tui_exam_clock(exam_time_left(s->e), clk, sizeof(clk));
	snprintf(right, sizeof(right), "%s left", clk);
	tui_draw_header(t, "Exam: review", right);
	snprintf(line, sizeof(line), "%zu unanswered, %zu to list (unanswered or flagged) of %zu.",
		 exam_unanswered(s->e), s->nlist, exam_count(s->e));
	tui_draw_text(t, 1, 1, line, (size_t)t->cols - 2, TUI_S_BOLD);
	if (s->nlist == 0) {
		tui_draw_text(t, y, 2, "Every question is answered and none is flagged: s submits.",
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
		snprintf(line, sizeof(line), "%s Question %zu: %s%s%s %s %s", none, s->list[k] + 1,
			 attempt_answered(&it->a) ? "" : "unanswered",
			 !attempt_answered(&it->a) && it->flagged ? ", " : "",
			 it->flagged ? "flagged" : "", tui_draw_sym(t, TUI_SYM_DOT), it->a.item.topic);
		if (cur)
			tui_draw_fill(t, y + r, TUI_S_CURSOR);
		tui_draw_raw(t, y + r, 1, line, (size_t)t->cols - 2, st);
	}
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1, "Enter goes to the question under the cursor; Esc goes back.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_EXAM_LIST, 0);
}

/* The result: score, pass or fail, time, and the topics as bars. */
static void tui_exam_draw_overview(struct tui *t, struct tui_exam *s)
{
	const struct exam_result *r = exam_result(s->e);
	char line[320], used[24], total[24], right[64];
	size_t name_w = 0, bar_w;
	int y = 2, rows;

	snprintf(right, sizeof(right), "exam %lld", (long long)exam_id(s->e));
	tui_draw_header(t, "Exam result", right);
	tui_draw_text(t, y++, 2, r->timed_out ? "Time is up: the exam was submitted." : "Exam submitted.",
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
	tui_exam_clock((r->finished_at - r->started_at) / 1000 * 1000, used, sizeof(used));
	tui_exam_clock((int64_t)exam_minutes(s->e) * 60000, total, sizeof(total));
	snprintf(line, sizeof(line), "Time used: %s of %s%s.", used, total,
		 r->timed_out ? " (the time ran out)" : "");
	tui_draw_text(t, y++, 2, line, (size_t)t->cols - 3, TUI_S_NORMAL);
	y++;
	tui_draw_text(t, y++, 2, "By topic", (size_t)t->cols - 3, TUI_S_TITLE);
	for (size_t i = 0; i < r->ntopics; i++) {
		size_t w = text_width(r->topics[i].topic);

		if (w > name_w)
			name_w = w;
	}
	if (name_w > 28)
		name_w = 28;
	/* name  c/t  bar  pct */
	bar_w = (size_t)t->cols > name_w + 28 ? (size_t)t->cols - name_w - 28 : 0;
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
		y++;
	}
	if (!tui_draw_notice(t, t->lines - 2)) {
		if (r->nwrong == 0)
			snprintf(line, sizeof(line), "Every answer was right. Saved as exam %lld.",
				 (long long)exam_id(s->e));
		else
			snprintf(line, sizeof(line), "Wrong or unanswered: %zu. n steps through them, with explanations.",
				 r->nwrong);
		tui_draw_text(t, t->lines - 2, 1, line, (size_t)t->cols - 2, TUI_S_DIM);
	}
	tui_draw_footer(t, TUI_CTX_RESULT, 0);
}

/* Wrong answer s->wrong (from 1) with its explanation. */
static void tui_exam_draw_wrong(struct tui *t, struct tui_exam *s)
{
	const struct exam_result *r = exam_result(s->e);
	size_t i = r->wrong[s->wrong - 1];
	const struct exam_item *it = exam_item(s->e, i);
	struct tui_qview v;
	char left[160], right[96];
	int body_y = 2, status_y = t->lines - 2, body_h = status_y - body_y - 1;

	snprintf(left, sizeof(left), "Exam result %s %s", tui_draw_sym(t, TUI_SYM_DOT), it->a.item.topic);
	snprintf(right, sizeof(right), "Wrong %zu of %zu %s Question %zu of %zu", s->wrong, r->nwrong,
		 tui_draw_sym(t, TUI_SYM_DOT), i + 1, exam_count(s->e));
	tui_draw_header(t, left, right);
	if (body_h < 1)
		body_h = 1;
	tui_qview_set(&v, &it->a, true);
	tui_doc_free(&s->doc);
	tui_doc_init(&s->doc, (size_t)t->cols > 4 ? (size_t)t->cols - 4 : 1, !t->utf8);
	tui_qview_answered(t, &v, NULL, NULL, &s->doc);
	s->top = tui_layout_scroll_clamp(s->top, s->doc.n, (size_t)body_h);
	tui_draw_doc(t, &s->doc, body_y, 2, body_h, s->top);
	if (!tui_draw_notice(t, status_y))
		tui_draw_text(t, status_y, 1, "n the next wrong answer, p the previous one, q leaves.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_RESULT, 0);
}

static void tui_exam_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_exam *s = (struct tui_exam *)base;

	switch (s->state) {
	case TUI_EXAM_LIST:
		tui_exam_draw_list(t, s);
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
		return TUI_CTX_EXAM_LIST;
	case TUI_EXAM_RESULT:
		return TUI_CTX_RESULT;
	case TUI_EXAM_ASKING:
	default:
		*count = tui_qview_count(&s->view);
		return TUI_CTX_EXAM;
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
	s->state = TUI_EXAM_RESULT;
	s->wrong = 0;
	s->top = 0;
}

/* Open the review list of the questions unanswered or flagged. */
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
	char list[256];
	int rc;

	switch (a) {
	case TUI_ACT_NEXT:
	case TUI_ACT_PREV:
		if (a == TUI_ACT_NEXT ? s->cur + 1 >= n : s->cur == 0) {
			tui_notice(t, TUI_S_NOTICE, "This is the %s question.",
				   a == TUI_ACT_NEXT ? "last" : "first");
			break;
		}
		tui_exam_show(s, a == TUI_ACT_NEXT ? s->cur + 1 : s->cur - 1);
		break;
	case TUI_ACT_FLAG:
		rc = exam_flag(s->e, s->cur, !it->flagged, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			break;
		}
		tui_notice(t, TUI_S_NOTICE, "%s question %zu.", it->flagged ? "Flagged" : "Unflagged",
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
		if (exam_unanswered(s->e) > 0 && !confirm) {
			tui_exam_unanswered(s->e, list, sizeof(list));
			tui_notice(t, TUI_S_NOTICE,
				   "%zu unanswered (%s) count as wrong: s again submits.",
				   exam_unanswered(s->e), list);
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
			tui_exam_show(s, s->cur + 1);
			tui_notice(t, TUI_S_DIM, "Answered question %zu.", s->cur);
		} else {
			tui_exam_show(s, s->cur);
			tui_notice(t, TUI_S_NOTICE,
				   "Answered. That was the last question: r lists unanswered and flagged ones, s submits.");
		}
		break;
	}
}

static void tui_exam_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_exam *s = (struct tui_exam *)base;
	bool confirm = s->confirm;
	const struct exam_result *r;

	s->confirm = false;
	/* A key after the end is not taken: the clock decides first. */
	if (s->state != TUI_EXAM_RESULT && tui_exam_over(t, s))
		return;
	switch (s->state) {
	case TUI_EXAM_ASKING:
		tui_exam_key_asking(t, s, a, arg, confirm);
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
			tui_exam_show(s, s->list[s->lcur]);
		else if (a == TUI_ACT_BACK)
			tui_exam_show(s, s->cur);
		break;
	case TUI_EXAM_RESULT:
	default:
		r = exam_result(s->e);
		if (a == TUI_ACT_NEXT) {
			if (s->wrong >= r->nwrong) {
				tui_notice(t, TUI_S_NOTICE, "%s", r->nwrong == 0 ? "Every answer was right."
					   : "That was the last wrong answer: p goes back, q leaves.");
				break;
			}
			s->wrong++;
			s->top = 0;
		} else if (a == TUI_ACT_PREV) {
			if (s->wrong == 0) {
				tui_notice(t, TUI_S_NOTICE, "This is the result: n shows the wrong answers.");
				break;
			}
			s->wrong--;
			s->top = 0;
		} else if (a == TUI_ACT_PGUP) {
			s->top = s->top > 10 ? s->top - 10 : 0;
		} else if (a == TUI_ACT_PGDN) {
			s->top += 10;
		}
		break;
	}
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
};
