/*
 * screen_exams.c - the past exams, as 'whose exams': one line each (date,
 * questions, score, pass or fail; open, given up or forgotten), the trend
 * below, Enter reviews one read-only, F forgets the one under the cursor
 * (F again confirms) or restores a forgotten one.
 *
 *     Past exams                                 2 counted, 1 forgotten
 *     ▸    1  2026-03-01 10:00     4 questions   100%  pass
 *          2  2026-03-01 11:00     4 questions    50%  fail
 *          3  2026-03-01 12:00     4 questions      -  forgotten
 *     Trend: last 50% (-50 points); best 100%; average of the last 2: 75%.
 *     Enter Review  F Forget  Esc Back  ? Help  q Quit
 *
 * A forgotten exam shows no score: it is in no figure (exam_forget).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/tui.h"
#include "tui/tui_int.h"
#include "whose/figures.h"

/* The exams listed, as 'whose exams --limit' at most. */
#define TUI_EXAMS_MAX 1000

struct tui_exams {
	struct tui_screen base;
	struct store_exam_row *rows;   /* oldest first, list.n of them, owned */
	struct exam_trend trend;
	struct tui_list list;
	bool confirm;                  /* F was pressed once on rows[cursor] */
};

static const struct tui_screen_ops tui_exams_ops;

static int tui_exams_load(struct tui *t, struct tui_exams *s)
{
	free(s->rows);
	s->rows = NULL;
	s->list.n = 0;
	return exam_history(t->store, TUI_EXAMS_MAX, &s->rows, &s->list.n, &s->trend, t->err);
}

struct tui_screen *tui_exams_new(struct tui *t)
{
	struct tui_exams *s = tui_screen_new(t, sizeof(*s), &tui_exams_ops);
	int rc;

	if (s == NULL)
		return NULL;
	rc = tui_exams_load(t, s);
	if (rc < 0) {
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	/* The latest first under the cursor. */
	s->list.cursor = s->list.n > 0 ? s->list.n - 1 : 0;
	return &s->base;
}

static void tui_exams_free(struct tui *t, struct tui_screen *base)
{
	struct tui_exams *s = (struct tui_exams *)base;

	(void)t;
	free(s->rows);
	free(s);
}

/* Row R as one line into BUF[LEN]. */
static void tui_exams_line(const struct store_exam_row *r, char *buf, size_t len)
{
	time_t when = (time_t)(r->started_at / 1000);
	char date[32], pct[FIGURES_PCT_LEN];
	struct tm tm;

	localtime_r(&when, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm);
	if (r->finished_at == 0)
		snprintf(buf, len, "%4lld  %s  %4zu question%s      -  open (x on home resumes it)",
			 (long long)r->id, date, r->questions, r->questions == 1 ? " " : "s");
	else if (r->abandoned)
		snprintf(buf, len, "%4lld  %s  %4zu question%s      -  given up", (long long)r->id, date,
			 r->questions, r->questions == 1 ? " " : "s");
	else if (r->forgotten)
		snprintf(buf, len, "%4lld  %s  %4zu question%s      -  forgotten (F restores it)",
			 (long long)r->id, date, r->questions, r->questions == 1 ? " " : "s");
	else {
		figures_format_percent(figures_percent(r->correct, r->questions), pct, sizeof(pct));
		snprintf(buf, len, "%4lld  %s  %4zu question%s  %5s  %s%s", (long long)r->id, date,
			 r->questions, r->questions == 1 ? " " : "s", pct, r->passed ? "pass" : "fail", r->timed_out ? ", timed out" : "");
	}
}

/* Exam I on line Y (the list's row callback). */
static void tui_exams_row(struct tui *t, int y, size_t i, bool cur, void *ctx)
{
	const struct store_exam_row *r = &((const struct tui_exams *)ctx)->rows[i];
	char row[256], line[320];

	tui_exams_line(r, row, sizeof(row));
	snprintf(line, sizeof(line), "%s %s", cur ? tui_draw_sym(t, TUI_SYM_CURSOR) : " ", row);
	if (cur)
		tui_draw_fill(t, y, TUI_S_CURSOR);
	tui_draw_text(t, y, 1, line, (size_t)t->cols - 2,
		      cur ? TUI_S_CURSOR : r->forgotten || r->abandoned ? TUI_S_DIM : TUI_S_NORMAL);
}

static void tui_exams_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_exams *s = (struct tui_exams *)base;
	const struct exam_trend *tr = &s->trend;
	char right[64], line[320];
	int y = 2, rows = t->lines - 2 - y - 2;

	snprintf(right, sizeof(right), "%zu counted, %zu forgotten", tr->finished, tr->forgotten);
	tui_draw_header(t, "Past exams", right);
	tui_draw_list(t, &s->list, y, rows < 1 ? 1 : rows,
		      "No exams yet: x on the home screen starts one.", tui_exams_row, s);
	if (tr->finished == 0)
		snprintf(line, sizeof(line), "Trend: no exam counted yet.");
	else if (tr->have_change)
		snprintf(line, sizeof(line), "Trend: last %d%% (%+d points); best %d%%; average of the last %zu: %.0f%%.",
			 tr->last, tr->change, tr->best, tr->naverage, tr->average);
	else
		snprintf(line, sizeof(line), "Trend: last %d%%; best %d%%; average of the last %zu: %.0f%%.",
			 tr->last, tr->best, tr->naverage, tr->average);
	tui_draw_text(t, t->lines - 3, 1, line, (size_t)t->cols - 2, TUI_S_BOLD);
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1, "Enter reviews the exam under the cursor; F forgets an accident.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_EXAMS, 0);
}

/* F on the exam under the cursor: forget it on the second F, restore a
 * forgotten one at once. */
static void tui_exams_forget(struct tui *t, struct tui_exams *s, bool confirm)
{
	const struct store_exam_row *r;
	int64_t id;
	bool changed = false, forget;
	int rc;

	if (s->list.n == 0) {
		tui_notice(t, TUI_S_NOTICE, "No exam to forget.");
		return;
	}
	r = &s->rows[s->list.cursor];
	id = r->id;
	if (r->finished_at == 0 || r->abandoned) {
		tui_notice(t, TUI_S_NOTICE, "Exam %lld is %s: it is in no figure, nothing to forget.",
			   (long long)id, r->finished_at == 0 ? "open" : "given up");
		return;
	}
	forget = !r->forgotten;
	if (forget && !confirm) {
		tui_notice(t, TUI_S_NOTICE,
			   "F again forgets exam %lld: out of every figure. Other keys keep it.",
			   (long long)id);
		s->confirm = true;
		return;
	}
	rc = exam_forget(t->store, id, forget, &changed, t->err);
	if (rc == 0)
		rc = tui_exams_load(t, s);
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_list_count(&s->list, s->list.n);
	if (forget)
		tui_notice(t, TUI_S_NOTICE, "Exam %lld forgotten: F on it restores it (or whose exams restore %lld).",
			   (long long)id, (long long)id);
	else
		tui_notice(t, TUI_S_NOTICE, "Exam %lld is counted again.", (long long)id);
}

static void tui_exams_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_exams *s = (struct tui_exams *)base;
	bool confirm = s->confirm;

	(void)arg;
	s->confirm = false;
	if (tui_list_key(t, &s->list, 5, a))
		return;
	switch (a) {
	case TUI_ACT_FORGET:
		tui_exams_forget(t, s, confirm);
		break;
	case TUI_ACT_GO: {
		struct exam_opts o;
		struct tui_exam_how how;
		struct tui_screen *next;

		if (s->list.n == 0)
			break;
		if (s->rows[s->list.cursor].finished_at == 0) {
			tui_notice(t, TUI_S_NOTICE, "Exam %lld is open: x on the home screen resumes it.",
				   (long long)s->rows[s->list.cursor].id);
			break;
		}
		memset(&o, 0, sizeof(o));
		memset(&how, 0, sizeof(how));
		o.config = t->cfg;
		o.clock = t->clock;
		how.id = s->rows[s->list.cursor].id;
		how.review = true;
		how.filter = EXAM_FILTER_ALL;
		next = tui_exam_new(t, &o, &how);
		if (next != NULL)
			tui_switch(t, next);
		break;
	}
	default:
		break;
	}
}

static const struct tui_screen_ops tui_exams_ops = {
	.name = "exams",
	.ctx = TUI_CTX_EXAMS,
	.draw = tui_exams_draw,
	.key = tui_exams_key,
	.free = tui_exams_free,
};
