/*
 * screen_drill.c - a classroom drill in the terminal: one question at a
 * time, each with its own countdown.
 *
 *     ASKING --answer (graded; late: wrong)--------------> SHOWN
 *       |   --the countdown reaches zero (timed out)----->   |
 *       |                                                 Enter: the next
 *       +<------------------------------------------------+  question
 *     after the last question: END (the score; results appended)
 *
 * The rules are those of the plain front end (plain_exam.c); the answer
 * keys are those of every mode (keys.h), t f a c s included while the
 * clock runs.  The countdown is looked at on every tick and before every
 * key.  q asks first, then ends the drill and goes back home: the
 * questions not answered count as wrong and the results row is still
 * written (when the screen is freed).
 *
 *     Drill · Compute                      Question 2 of 3 · 0:27 left
 *     the question and its choices; once graded: the verdict, the right
 *     answer marked, why not, why, the source
 *     what to type, or "Enter: the next question"             status line
 *     a-c Answer  m Mark  ? Help  q Leave                     footer
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/figures.h"
#include "whose/results.h"

enum tui_drill_state {
	TUI_DRILL_ASKING,
	TUI_DRILL_SHOWN,
	TUI_DRILL_END,
};

struct tui_drill {
	struct tui_screen base;
	struct drill *d;
	int seconds;                     /* per question */
	uint64_t seed;
	char *name, *results;            /* copies of the caller's, or NULL */
	enum tui_drill_state state;
	const struct drill_item *it;     /* borrowed from the drill */
	size_t idx;
	struct tui_qview view;
	bool finished;                   /* scored and the row written */
	bool quit_armed;                 /* q was pressed once: q again ends it */
	size_t right, total, skipped;
	char saved[256];                 /* where the row went, or "" */
	size_t top;
	struct tui_doc doc;
};

static const struct tui_screen_ops tui_drill_ops;

/* The drill is over: the rest count as wrong, the row is written. */
static void tui_drill_finish(struct tui *t, struct tui_drill *s)
{
	char *row = NULL;
	int rc;

	if (s->finished)
		return;
	s->finished = true;
	for (size_t i = 0; i < drill_count(s->d); i++)
		s->skipped += drill_item(s->d, i)->outcome == DRILL_PENDING;
	drill_abandon(s->d);
	drill_score(s->d, &s->right, &s->total);
	if (s->results == NULL)
		return;
	rc = drill_results_row(s->d, s->name, clock_now(t->clock), &row, t->err);
	if (rc == 0) {
		rc = results_deliver(t->store, s->results, row, clock_now(t->clock), t->err);
		free(row);
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	snprintf(s->saved, sizeof(s->saved), "Result saved to %s.", s->results);
}

static void tui_drill_free(struct tui *t, struct tui_screen *base)
{
	struct tui_drill *s = (struct tui_drill *)base;

	tui_drill_finish(t, s);
	drill_free(s->d);
	tui_doc_free(&s->doc);
	free(s->name);
	free(s->results);
	free(s);
}

/* The next question, or the end. */
static void tui_drill_next(struct tui *t, struct tui_drill *s)
{
	int rc = drill_next(s->d, &s->it, &s->idx, t->err);

	s->top = 0;
	if (rc == WHOSE_ENOTFOUND) {
		whose_error_clear(t->err);
		s->it = NULL;
		s->state = TUI_DRILL_END;
		tui_drill_finish(t, s);
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	s->state = TUI_DRILL_ASKING;
	tui_qview_set(&s->view, &s->it->a);
}

struct tui_screen *tui_drill_new(struct tui *t, const struct drill_opts *o,
				 const char *name, const char *results)
{
	struct tui_drill *s = tui_screen_new(t, sizeof(*s), &tui_drill_ops);
	int rc;

	if (s == NULL)
		return NULL;
	rc = drill_new(t->store, o, &s->d, t->err);
	if (rc < 0) {
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	s->seconds = o->seconds ? o->seconds : DRILL_DEFAULT_SECONDS;
	s->seed = o->seed;
	s->name = name != NULL ? strdup(name) : NULL;
	s->results = results != NULL ? strdup(results) : NULL;
	if ((name != NULL && s->name == NULL) || (results != NULL && s->results == NULL)) {
		free(s->name);
		free(s->results);
		drill_free(s->d);
		free(s);
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	tui_doc_init(&s->doc, 1, !t->utf8);
	if (drill_count(s->d) < drill_requested(s->d))
		tui_notice(t, TUI_S_NOTICE, "Only %zu questions can be asked, not %zu: the drill has all %zu.",
			   drill_count(s->d), drill_requested(s->d), drill_count(s->d));
	tui_drill_next(t, s);
	return &s->base;
}

/* The countdown reached zero with no answer: counted as wrong. */
static bool tui_drill_expired(struct tui *t, struct tui_drill *s)
{
	int rc;

	if (s->state != TUI_DRILL_ASKING || drill_time_left(s->d) > 0)
		return false;
	rc = drill_timeout(s->d, t->err);
	if (rc < 0) {
		tui_fail(t, rc);
		return true;
	}
	s->state = TUI_DRILL_SHOWN;
	s->top = 0;
	return true;
}

static void tui_drill_tick(struct tui *t, struct tui_screen *base)
{
	tui_drill_expired(t, (struct tui_drill *)base);
}

/* What the verdict line says for a wrong outcome. */
static void tui_drill_draw_end(struct tui *t, struct tui_drill *s)
{
	char line[320], right[64], pct[FIGURES_PCT_LEN];
	int y = 2;

	snprintf(right, sizeof(right), "seed %llu", (unsigned long long)s->seed);
	tui_draw_header(t, "Drill over", right);
	figures_format_percent(figures_percent(s->right, s->total), pct, sizeof(pct));
	snprintf(line, sizeof(line), "Score: %zu of %zu right (%s).", s->right, s->total, pct);
	tui_draw_text(t, y++, 2, line, (size_t)t->cols - 3, TUI_S_BOLD);
	if (s->skipped > 0) {
		snprintf(line, sizeof(line), "Left early: %zu not answered; recorded as incomplete.", s->skipped);
		tui_draw_text(t, y++, 2, line, (size_t)t->cols - 3, TUI_S_NORMAL);
	}
	if (s->saved[0] != '\0')
		tui_draw_raw(t, y++, 2, s->saved, (size_t)t->cols - 3, TUI_S_NORMAL);
	tui_draw_notice(t, t->lines - 2);
	tui_draw_footer(t, TUI_CTX_SUMMARY, 0);
}

static void tui_drill_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_drill *s = (struct tui_drill *)base;
	const struct drill_item *it = s->it;
	char left[160], right[96], line[320];
	int body_y = 2, status_y = t->lines - 2, body_h = status_y - body_y - 1;

	if (s->state == TUI_DRILL_END || it == NULL) {
		tui_drill_draw_end(t, s);
		return;
	}
	snprintf(left, sizeof(left), "Drill %s %s", tui_draw_sym(t, TUI_SYM_DOT), it->a.item.topic);
	if (s->state == TUI_DRILL_ASKING) {
		char clock[32];

		figures_format_clock(drill_time_left(s->d), FIGURES_CLOCK_LEFT, clock, sizeof(clock));
		snprintf(right, sizeof(right), "Question %zu of %zu %s %s left", s->idx + 1,
			 drill_count(s->d), tui_draw_sym(t, TUI_SYM_DOT), clock);
	} else {
		snprintf(right, sizeof(right), "Question %zu of %zu", s->idx + 1, drill_count(s->d));
	}
	tui_draw_header(t, left, right);
	if (body_h < 1)
		body_h = 1;
	tui_doc_free(&s->doc);
	tui_doc_init(&s->doc, (size_t)t->cols > 4 ? (size_t)t->cols - 4 : 1, !t->utf8);
	if (s->state == TUI_DRILL_ASKING)
		tui_qview_asking(t, &s->view, &s->doc);
	else {
		const char *verdict, *note;

		drill_outcome_words(it->outcome, &verdict, &note);
		tui_qview_answered(t, &s->view, verdict, note, &s->doc);
	}
	s->top = s->state == TUI_DRILL_ASKING
		 ? tui_qview_follow(&s->view, &s->doc, s->top, (size_t)body_h)
		 : tui_layout_scroll_clamp(s->top, s->doc.n, (size_t)body_h);
	tui_draw_doc(t, &s->doc, body_y, 2, body_h, s->top);
	if (!tui_draw_notice(t, status_y)) {
		if (s->state == TUI_DRILL_ASKING)
			tui_qview_hint(&s->view, line, sizeof(line));
		else if (s->idx + 1 < drill_count(s->d))
			snprintf(line, sizeof(line), "Enter: the next question (its countdown starts).");
		else
			snprintf(line, sizeof(line), "That was the last question: Enter shows the score.");
		tui_draw_text(t, status_y, 1, line, (size_t)t->cols - 2, TUI_S_DIM);
	}
	{
		size_t count = 0;
		unsigned ctx = base->ops->keys(t, base, &count);

		tui_draw_footer(t, ctx, count);
	}
}

static unsigned tui_drill_keys(struct tui *t, struct tui_screen *base, size_t *count)
{
	struct tui_drill *s = (struct tui_drill *)base;

	(void)t;
	*count = 0;
	switch (s->state) {
	case TUI_DRILL_ASKING:
		*count = tui_qview_count(&s->view);
		return TUI_CTX_DRILL | tui_qview_context(&s->view);
	case TUI_DRILL_SHOWN:
		return TUI_CTX_DRILL_SHOWN;
	case TUI_DRILL_END:
	default:
		return TUI_CTX_SUMMARY;
	}
}

static void tui_drill_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_drill *s = (struct tui_drill *)base;
	size_t page = t->lines > 8 ? (size_t)t->lines - 6 : 1;
	int rc;

	s->quit_armed = false;
	if (a == TUI_ACT_MARK && s->it != NULL && s->state != TUI_DRILL_END) {
		tui_mark(t, &s->it->a);
		return;
	}
	if (a == TUI_ACT_PGUP) {
		s->top = s->top > page ? s->top - page : 0;
		return;
	}
	if (a == TUI_ACT_PGDN) {
		s->top += page;   /* clamped when drawn */
		return;
	}
	switch (s->state) {
	case TUI_DRILL_ASKING:
		/* A key after the deadline: the time ran out first. */
		if (tui_drill_expired(t, s))
			break;
		rc = tui_qview_key(t, &s->view, drill_attempt(s->d), a, arg, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			break;
		}
		if (rc == 0)
			break;
		/* drill_submit looks at the clock: a late answer is wrong. */
		rc = drill_submit(s->d, t->err);
		if (rc < 0) {
			tui_fail(t, rc);
			break;
		}
		s->state = TUI_DRILL_SHOWN;
		s->top = 0;
		break;
	case TUI_DRILL_SHOWN:
		if (a == TUI_ACT_NEXT)
			tui_drill_next(t, s);
		else if (a == TUI_ACT_SOURCE)
			tui_qview_show_source(t, s->view.a);
		break;
	case TUI_DRILL_END:
	default:
		if (a != TUI_ACT_BACK)
			break;
		/* Started from the home screen: back there. */
		if (t->home)
			tui_go_home(t);
		else
			t->quit = true;
		break;
	}
}

static void tui_drill_resize(struct tui *t, struct tui_screen *base)
{
	struct tui_drill *s = (struct tui_drill *)base;

	(void)t;
	s->top = 0;
}

/* q: the drill would end with the questions left counted wrong: ask
 * first; q again ends it (the row written) and leaves. */
static bool tui_drill_quit(struct tui *t, struct tui_screen *base)
{
	struct tui_drill *s = (struct tui_drill *)base;
	size_t left = 0;

	if (s->state == TUI_DRILL_END || s->finished)
		return true;
	for (size_t i = 0; i < drill_count(s->d); i++)
		left += drill_item(s->d, i)->outcome == DRILL_PENDING;
	if (!s->quit_armed) {
		s->quit_armed = true;
		tui_notice(t, TUI_S_NOTICE, "q again ends the drill: %zu not answered count as wrong. Other keys go on.",
			   left);
		return false;
	}
	tui_drill_finish(t, s);
	tui_notice(t, TUI_S_NOTICE, "Drill ended early: %zu of %zu right. %s", s->right, s->total, s->saved);
	return true;
}

static const struct tui_screen_ops tui_drill_ops = {
	.name = "drill",
	.draw = tui_drill_draw,
	.keys = tui_drill_keys,
	.key = tui_drill_key,
	.resize = tui_drill_resize,
	.free = tui_drill_free,
	.tick = tui_drill_tick,
	.ticks = true,
	.quit = tui_drill_quit,
};
