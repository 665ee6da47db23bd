/*
 * screen_pick.c - choosing the topics of a practice.
 *
 *     Practice: pick topics
 *     Practice: answers count toward topic scores; due dates do not change.
 *
 *     ▸ [x] EC2                                         12/20 seen   54%
 *       [ ] IAM                                          0/18 seen     -
 *     Space Select  a All  Enter Start  Esc/Backspace Back  ? Help  q Quit
 *
 * Enter with nothing selected practises the topic under the cursor.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/figures.h"
#include "whose/text.h"

struct tui_pick {
	struct tui_screen base;
	struct store_topic *topic;   /* list.n of them */
	bool *selected;
	struct tui_list list;
};

static const struct tui_screen_ops tui_pick_ops;

struct tui_screen *tui_pick_new(struct tui *t)
{
	struct tui_pick *p = tui_screen_new(t, sizeof(*p), &tui_pick_ops);
	struct figures_board fig;
	int rc;

	if (p == NULL)
		return NULL;
	rc = figures_board_collect(t->store, t->cfg, clock_now(t->clock), &fig, t->err);
	if (rc < 0) {
		free(p);
		tui_fail(t, rc);
		return NULL;
	}
	/* The topics, with their readiness, are ours now. */
	p->topic = fig.topics;
	p->list.n = fig.ntopics;
	p->selected = calloc(p->list.n > 0 ? p->list.n : 1, sizeof(bool));
	if (p->selected == NULL) {
		free(p->topic);
		free(p);
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	return &p->base;
}

static void tui_pick_free(struct tui *t, struct tui_screen *base)
{
	struct tui_pick *p = (struct tui_pick *)base;

	(void)t;
	free(p->topic);
	free(p->selected);
	free(p);
}

/* Topic I on line Y (the list's row callback). */
static void tui_pick_row(struct tui *t, int y, size_t i, bool cur, void *ctx)
{
	const struct tui_pick *p = ctx;
	const struct store_topic *tp = &p->topic[i];
	enum tui_style st = cur ? TUI_S_CURSOR : TUI_S_NORMAL;
	int x = 1;
	char right[64], pct[FIGURES_PCT_LEN];
	size_t rw;

	if (cur)
		tui_draw_fill(t, y, TUI_S_CURSOR);
	x += (int)tui_draw_text(t, y, x, cur ? tui_draw_sym(t, TUI_SYM_CURSOR) : " ", 1, st);
	x += (int)tui_draw_text(t, y, x, p->selected[i] ? " [x] " : " [ ] ", 5, st);
	figures_format_percent(figures_percent_of(tp->readiness), pct, sizeof(pct));
	snprintf(right, sizeof(right), "%zu/%zu seen  ready %4s", tp->seen, tp->total, pct);
	rw = text_width(right);
	if ((size_t)x + rw + 4 < (size_t)t->cols) {
		tui_draw_raw(t, y, x, tp->name, (size_t)t->cols - (size_t)x - rw - 4, st);
		tui_draw_right(t, y, (size_t)t->cols - 2, right, cur ? st : TUI_S_DIM);
	} else {
		tui_draw_raw(t, y, x, tp->name, (size_t)t->cols - (size_t)x - 1, st);
	}
}

static void tui_pick_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_pick *p = (struct tui_pick *)base;
	int y0 = 3;
	size_t nsel = 0;
	char buf[64];

	for (size_t i = 0; i < p->list.n; i++)
		nsel += p->selected[i];
	snprintf(buf, sizeof(buf), "%zu selected", nsel);
	tui_draw_header(t, "Practice: pick topics", buf);
	tui_draw_text(t, 1, 1, (size_t)t->cols >= 72
		      ? "Practice: answers count toward topic scores; due dates do not change."
		      : "Practice: due dates do not change.", (size_t)t->cols - 2, TUI_S_NOTICE);
	tui_draw_list(t, &p->list, y0, t->lines - 2 - y0,
		      "There are no topics: import a question bank first.", tui_pick_row, p);
	tui_draw_notice(t, t->lines - 2);
	tui_draw_footer(t, TUI_CTX_PICK, 0);
}

static void tui_pick_start(struct tui *t, struct tui_pick *p)
{
	struct session_opts o = t->base;
	struct tui_screen *s = NULL;
	int64_t *ids;
	size_t n = 0;
	int rc;

	if (p->list.n == 0)
		return;
	ids = calloc(p->list.n, sizeof(*ids));
	if (ids == NULL) {
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return;
	}
	for (size_t i = 0; i < p->list.n; i++)
		if (p->selected[i])
			ids[n++] = p->topic[i].id;
	if (n == 0)
		ids[n++] = p->topic[p->list.cursor].id;
	o.mode = SESSION_PRACTICE;
	o.weak = false;
	o.limit = 0;
	rc = tui_study_new(t, &o, ids, n, &s);
	free(ids);
	if (rc == WHOSE_ENOTFOUND) {
		whose_error_clear(t->err);
		tui_notice(t, TUI_S_NOTICE, "There is nothing to practise in %s.",
			   n == 1 ? "that topic" : "those topics");
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_switch(t, s);
}

static void tui_pick_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_pick *p = (struct tui_pick *)base;
	size_t page = t->lines > 8 ? (size_t)t->lines - 6 : 1;
	bool all = true;

	(void)arg;
	if (tui_list_key(t, &p->list, page, a))
		return;
	switch (a) {
	case TUI_ACT_TOGGLE:
		if (p->list.n > 0) {
			p->selected[p->list.cursor] = !p->selected[p->list.cursor];
			tui_list_move(&p->list, 1, TUI_ACT_DOWN);
		}
		break;
	case TUI_ACT_ALL:
		for (size_t i = 0; i < p->list.n; i++)
			all = all && p->selected[i];
		for (size_t i = 0; i < p->list.n; i++)
			p->selected[i] = !all;
		break;
	case TUI_ACT_START:
		tui_pick_start(t, p);
		break;
	default:
		break;
	}
}

static const struct tui_screen_ops tui_pick_ops = {
	.name = "pick",
	.ctx = TUI_CTX_PICK,
	.draw = tui_pick_draw,
	.key = tui_pick_key,
	/* no .resize: the frame keeps the cursor in view */
	.free = tui_pick_free,
	.ticks = false,
};
