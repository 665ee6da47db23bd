/*
 * screen_summary.c - the end of a session: how it went, by topic.
 *
 *     Session over
 *
 *      Nothing more is due now. Well done.
 *      7 answered, 5 right (71%).
 *      Next review in 10m (14:32). Tomorrow: 12 reviews and 20 new questions.
 *
 *      Topic                      Right  Answered  Score
 *      EC2                            3         4    75%
 *     Enter/Esc Continue  ? Help  q Quit
 *
 * Continue goes back to the home screen, or leaves the program when it was
 * started straight into a session (`whose review`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/figures.h"

struct tui_summary {
	struct tui_screen base;
	char headline[200];
	char next[200];          /* what comes next; "" when unknown */
	char *skipped;           /* questions passed over (t->skipped), owned */
	struct session_tally *tally;
	size_t n;
	size_t answered, right;
	enum session_mode mode;
	size_t top;
};

static const struct tui_screen_ops tui_summary_ops;

struct tui_screen *tui_summary_new(struct tui *t, const char *headline,
				   const struct session_tally *tally, size_t n,
				   enum session_mode mode)
{
	struct tui_summary *s = calloc(1, sizeof(*s));

	if (s == NULL || (n > 0 && (s->tally = calloc(n, sizeof(*tally))) == NULL)) {
		free(s);
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	s->base.ops = &tui_summary_ops;
	snprintf(s->headline, sizeof(s->headline), "%s", headline);
	s->skipped = t->skipped;
	t->skipped = NULL;
	s->mode = mode;
	{
		struct figures_outlook o;
		struct whose_error err;
		int64_t now = clock_now(t->clock);

		/* A nicety: without it the summary still stands. */
		if (figures_outlook_collect(t->store, t->cfg, now, &o, &err) == 0)
			figures_outlook_text(&o, now, s->next, sizeof(s->next));
	}
	/* Keep the topics answered in (an undo may leave a zero row). */
	for (size_t i = 0; i < n; i++) {
		if (tally[i].answered == 0)
			continue;
		s->tally[s->n++] = tally[i];
		s->answered += tally[i].answered;
		s->right += tally[i].correct;
	}
	return &s->base;
}

static void tui_summary_free(struct tui *t, struct tui_screen *base)
{
	struct tui_summary *s = (struct tui_summary *)base;

	(void)t;
	free(s->tally);
	free(s->skipped);
	free(s);
}

static void tui_summary_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_summary *s = (struct tui_summary *)base;
	static const size_t w[3] = { 5, 8, 5 };   /* Right, Answered, Score */
	static const char *const heads[3] = { "Right", "Answered", "Score" };
	char buf[128];
	size_t name_w, ncols, x;
	int y = 2, rows;

	tui_draw_header(t, s->mode == SESSION_REVIEW ? "Review: session over" : "Practice: session over",
			NULL);
	tui_draw_raw(t, y++, 2, s->headline, (size_t)t->cols - 3, TUI_S_BOLD);
	if (s->answered > 0) {
		char pct[16];

		tui_layout_percent(s->right, s->answered, pct, sizeof(pct));
		snprintf(buf, sizeof(buf), "%zu answered, %zu right (%s).", s->answered, s->right, pct);
	} else {
		snprintf(buf, sizeof(buf), "No questions answered in this session.");
	}
	tui_draw_text(t, y++, 2, buf, (size_t)t->cols - 3, TUI_S_NORMAL);
	if (s->next[0] != '\0') {
		struct tui_doc doc;

		/* Wrapped: the line is longer than a narrow terminal. */
		tui_doc_init(&doc, (size_t)t->cols > 5 ? (size_t)t->cols - 4 : 1, !t->utf8);
		tui_doc_add(&doc, "", TUI_S_NORMAL, s->next, TUI_S_BOLD, -1);
		tui_draw_doc(t, &doc, y, 2, doc.n < 3 ? (int)doc.n : 3, 0);
		y += doc.n < 3 ? (int)doc.n : 3;
		tui_doc_free(&doc);
	}
	if (s->skipped != NULL) {
		struct tui_doc doc;
		int shown;

		/* Whole, wrapped: each says how to repair its question. */
		tui_doc_init(&doc, (size_t)t->cols > 5 ? (size_t)t->cols - 4 : 1, !t->utf8);
		tui_doc_add(&doc, "", TUI_S_NORMAL, s->skipped, TUI_S_NOTICE, -1);
		shown = (int)doc.n < t->lines - 6 - y ? (int)doc.n : t->lines - 6 - y;
		if (shown > 0) {
			tui_draw_doc(t, &doc, y, 2, shown, 0);
			y += shown;
		}
		tui_doc_free(&doc);
	}
	if (s->mode == SESSION_PRACTICE)
		tui_draw_text(t, y, 2, "Practice: due dates did not change.", (size_t)t->cols - 3, TUI_S_DIM);
	y += 2;
	if (s->n > 0) {
		ncols = tui_layout_columns((size_t)t->cols, 40, 8, w, 3, &name_w);
		tui_draw_text(t, y, TUI_BOARD_MARGIN, "Topic", name_w, TUI_S_TITLE);
		x = TUI_BOARD_MARGIN + name_w;
		for (size_t c = 0; c < ncols; c++) {
			x += TUI_BOARD_GAP + w[c];
			tui_draw_right(t, y, x, heads[c], TUI_S_TITLE);
		}
		y++;
		rows = t->lines - 2 - y;
		if (rows > 0)
			s->top = tui_layout_scroll_clamp(s->top, s->n, (size_t)rows);
		for (int r = 0; r < rows && s->top + (size_t)r < s->n; r++) {
			const struct session_tally *tl = &s->tally[s->top + (size_t)r];
			char cell[3][24];

			snprintf(cell[0], sizeof(cell[0]), "%zu", tl->correct);
			snprintf(cell[1], sizeof(cell[1]), "%zu", tl->answered);
			tui_layout_percent(tl->correct, tl->answered, cell[2], sizeof(cell[2]));
			tui_draw_raw(t, y + r, TUI_BOARD_MARGIN, tl->topic, name_w, TUI_S_NORMAL);
			x = TUI_BOARD_MARGIN + name_w;
			for (size_t c = 0; c < ncols; c++) {
				x += TUI_BOARD_GAP + w[c];
				tui_draw_right(t, y + r, x, cell[c], TUI_S_NORMAL);
			}
		}
	}
	tui_draw_notice(t, t->lines - 2);
	tui_draw_footer(t, TUI_CTX_SUMMARY, 0);
}

static void tui_summary_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_summary *s = (struct tui_summary *)base;
	struct tui_screen *home;

	(void)arg;
	switch (a) {
	case TUI_ACT_BACK:
		if (!t->home) {
			t->quit = true;
			break;
		}
		home = tui_home_new(t);
		if (home != NULL)
			tui_switch(t, home);
		break;
	case TUI_ACT_UP:
		if (s->top > 0)
			s->top--;
		break;
	case TUI_ACT_DOWN:
		s->top++;
		break;
	case TUI_ACT_PGUP:
		s->top = 0;
		break;
	case TUI_ACT_PGDN:
		s->top += 10;
		break;
	default:
		break;
	}
}

static const struct tui_screen_ops tui_summary_ops = {
	.name = "summary",
	.ctx = TUI_CTX_SUMMARY,
	.draw = tui_summary_draw,
	.key = tui_summary_key,
	/* no .resize: laid out again at the next frame */
	.free = tui_summary_free,
	.ticks = false,
};
