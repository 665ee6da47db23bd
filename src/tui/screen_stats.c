/*
 * screen_stats.c - statistics by topic: a plain table, with a line for all
 * topics together.  Columns on the right are left out when the window is
 * narrow (tui_layout_columns).
 *
 *     Topic        Questions  Seen  Answers  Right  Accuracy  Last 20  Mastery  Due
 *     EC2                 20    12       30     24       80%      85%      54%    3
 *     ...
 *     All topics         305    40       90     70       77%        -      12%    9
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/text.h"

struct tui_stats {
	struct tui_screen base;
	struct store_topic *topic;
	size_t n;
	struct store_topic all;   /* the sums (mastery: weighted by questions) */
	size_t name_max;
	size_t top;
};

static const struct tui_screen_ops tui_stats_ops;

static const char *const tui_stats_heads[] = {
	"Questions", "Seen", "Answers", "Right", "Accuracy", "Last 20", "Mastery", "Due",
};
#define TUI_STATS_NCOLS (sizeof(tui_stats_heads) / sizeof(tui_stats_heads[0]))

struct tui_screen *tui_stats_new(struct tui *t)
{
	struct tui_stats *s = calloc(1, sizeof(*s));
	int64_t now = clock_now(t->clock), ds, de;
	double mastery = 0.0;
	int rc;

	if (s == NULL) {
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	s->base.ops = &tui_stats_ops;
	clock_local_day(now, t->cfg->day_starts_at, &ds, &de);
	rc = store_topics(t->store, &t->cfg->fsrs, now, de, &s->topic, &s->n, t->err);
	if (rc < 0) {
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	s->name_max = 10;   /* "All topics" */
	for (size_t i = 0; i < s->n; i++) {
		const struct store_topic *tp = &s->topic[i];
		char *name = tui_text_clean(tp->name, !t->utf8);

		if (name != NULL && text_width(name) > s->name_max)
			s->name_max = text_width(name);
		free(name);
		s->all.total += tp->total;
		s->all.seen += tp->seen;
		s->all.answers += tp->answers;
		s->all.correct += tp->correct;
		s->all.due += tp->due;
		mastery += tp->mastery * (double)tp->total;
	}
	s->all.mastery = s->all.total > 0 ? mastery / (double)s->all.total : 0.0;
	snprintf(s->all.name, sizeof(s->all.name), "All topics");
	return &s->base;
}

static void tui_stats_free(struct tui *t, struct tui_screen *base)
{
	struct tui_stats *s = (struct tui_stats *)base;

	(void)t;
	free(s->topic);
	free(s);
}

/* One row of the table at Y: the columns [0, NCOLS) that fit. */
static void tui_stats_row(struct tui *t, int y, const struct store_topic *tp,
			  size_t name_w, const size_t *w, size_t ncols, bool sum)
{
	char cell[TUI_STATS_NCOLS][32];
	enum tui_style st = sum ? TUI_S_BOLD : TUI_S_NORMAL;
	size_t x = TUI_BOARD_MARGIN + name_w;

	snprintf(cell[0], sizeof(cell[0]), "%zu", tp->total);
	snprintf(cell[1], sizeof(cell[1]), "%zu", tp->seen);
	snprintf(cell[2], sizeof(cell[2]), "%zu", tp->answers);
	snprintf(cell[3], sizeof(cell[3]), "%zu", tp->correct);
	tui_layout_percent(tp->correct, tp->answers, cell[4], sizeof(cell[4]));
	if (sum)
		snprintf(cell[5], sizeof(cell[5]), "-");
	else
		tui_layout_percent(tp->recent_correct, tp->recent, cell[5], sizeof(cell[5]));
	if (tp->seen > 0)
		snprintf(cell[6], sizeof(cell[6]), "%d%%", (int)floor(tp->mastery * 100.0 + 0.5));
	else
		snprintf(cell[6], sizeof(cell[6]), "-");
	snprintf(cell[7], sizeof(cell[7]), "%zu", tp->due);
	tui_draw_raw(t, y, TUI_BOARD_MARGIN, tp->name, name_w, st);
	for (size_t c = 0; c < ncols; c++) {
		x += TUI_BOARD_GAP + w[c];
		tui_draw_right(t, y, x, cell[c], st);
	}
}

static void tui_stats_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_stats *s = (struct tui_stats *)base;
	size_t w[TUI_STATS_NCOLS], name_w, ncols, x;
	int y0 = 2, rows = t->lines - 3 - y0 - 2;

	for (size_t c = 0; c < TUI_STATS_NCOLS; c++)
		w[c] = strlen(tui_stats_heads[c]);
	ncols = tui_layout_columns((size_t)t->cols, s->name_max, 10, w, TUI_STATS_NCOLS, &name_w);
	tui_draw_header(t, "Statistics by topic", NULL);
	tui_draw_text(t, y0, TUI_BOARD_MARGIN, "Topic", name_w, TUI_S_TITLE);
	x = TUI_BOARD_MARGIN + name_w;
	for (size_t c = 0; c < ncols; c++) {
		x += TUI_BOARD_GAP + w[c];
		tui_draw_right(t, y0, x, tui_stats_heads[c], TUI_S_TITLE);
	}
	if (rows > 0) {
		s->top = tui_layout_scroll_clamp(s->top, s->n, (size_t)rows);
		for (int r = 0; r < rows && s->top + (size_t)r < s->n; r++)
			tui_stats_row(t, y0 + 1 + r, &s->topic[s->top + (size_t)r], name_w, w, ncols, false);
		if (s->top > 0)
			tui_draw_text(t, y0 + 1, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_UP), 1, TUI_S_KEY);
		if (s->top + (size_t)rows < s->n)
			tui_draw_text(t, y0 + rows, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_DOWN), 1, TUI_S_KEY);
	}
	tui_stats_row(t, t->lines - 3, &s->all, name_w, w, ncols, true);
	if (!tui_draw_notice(t, t->lines - 2) && ncols < TUI_STATS_NCOLS)
		tui_draw_text(t, t->lines - 2, 1, "A wider window shows more columns.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_STATS, 0);
}

static unsigned tui_stats_keys(struct tui *t, struct tui_screen *base, size_t *count)
{
	(void)t;
	(void)base;
	*count = 0;
	return TUI_CTX_STATS;
}

static void tui_stats_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_stats *s = (struct tui_stats *)base;
	size_t page = t->lines > 10 ? (size_t)t->lines - 8 : 1;
	struct tui_screen *home;

	(void)arg;
	switch (a) {
	case TUI_ACT_UP:
		if (s->top > 0)
			s->top--;
		break;
	case TUI_ACT_DOWN:
		s->top++;   /* clamped when drawn */
		break;
	case TUI_ACT_PGUP:
		s->top = s->top > page ? s->top - page : 0;
		break;
	case TUI_ACT_PGDN:
		s->top += page;
		break;
	case TUI_ACT_BACK:
		home = tui_home_new(t);
		if (home != NULL)
			tui_switch(t, home);
		break;
	default:
		break;
	}
}

static void tui_stats_resize(struct tui *t, struct tui_screen *base)
{
	(void)t;
	(void)base;   /* the columns are chosen at each frame */
}

static const struct tui_screen_ops tui_stats_ops = {
	.name = "stats",
	.draw = tui_stats_draw,
	.keys = tui_stats_keys,
	.key = tui_stats_key,
	.resize = tui_stats_resize,
	.free = tui_stats_free,
	.ticks = false,
};
