/*
 * screen_flagged.c - the questions the learner flagged as wrong or unclear:
 * read them whole, and put one back into the rotation.
 *
 *     Flagged questions                                       2 flagged
 *     ▸ misconfigurations-012 · Misconfigurations
 *         The whole question, wrapped to the window...
 *         Note: the learner's note
 *       s3-004 · S3
 *         ...
 *     u Unflag  Esc/Backspace Back  ? Help  q Quit
 *
 * Ids are never cut: a line holds the id (and the topic when it fits), and
 * the question wraps below it.  The list scrolls so that the entry under
 * the cursor is whole on screen.  Esc goes back to the home screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"

struct tui_flagged_entry {
	char qid[72];
	char topic[48];
	char note[200];
	char *question;          /* the whole text, owned */
};

struct tui_flagged {
	struct tui_screen base;
	struct tui_flagged_entry *e;  /* list.n of them */
	struct tui_list list;    /* top: the first line of doc in view */
	struct tui_doc doc;      /* built at each frame */
};

static const struct tui_screen_ops tui_flagged_ops;

static void tui_flagged_clear(struct tui_flagged *f)
{
	for (size_t i = 0; i < f->list.n; i++)
		free(f->e[i].question);
	free(f->e);
	f->e = NULL;
	f->list.n = 0;
}

/* Read the flagged questions again, with their whole text. */
static int tui_flagged_load(struct tui *t, struct tui_flagged *f)
{
	struct store_listed *l = NULL;
	size_t n = 0;
	int rc;

	tui_flagged_clear(f);
	rc = store_list_flagged(t->store, 10000, &l, &n, t->err);
	if (rc < 0)
		return rc;
	f->e = calloc(n > 0 ? n : 1, sizeof(*f->e));
	if (f->e == NULL) {
		store_listed_free(l, n);
		return whose_error_set(t->err, WHOSE_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		struct tui_flagged_entry *e = &f->e[f->list.n++];

		snprintf(e->qid, sizeof(e->qid), "%s", l[i].qid);
		snprintf(e->topic, sizeof(e->topic), "%s", l[i].topic);
		snprintf(e->note, sizeof(e->note), "%s", l[i].note);
		/* The listing holds the whole question. */
		e->question = strdup(l[i].text);
		if (e->question == NULL) {
			store_listed_free(l, n);
			return whose_error_set(t->err, WHOSE_ENOMEM, "out of memory");
		}
	}
	store_listed_free(l, n);
	tui_list_count(&f->list, f->list.n);
	return 0;
}

struct tui_screen *tui_flagged_new(struct tui *t)
{
	struct tui_flagged *f = tui_screen_new(t, sizeof(*f), &tui_flagged_ops);
	int rc;

	if (f == NULL)
		return NULL;
	tui_doc_init(&f->doc, 1, !t->utf8);
	rc = tui_flagged_load(t, f);
	if (rc < 0) {
		tui_flagged_clear(f);
		free(f);
		tui_fail(t, rc);
		return NULL;
	}
	return &f->base;
}

static void tui_flagged_free(struct tui *t, struct tui_screen *base)
{
	struct tui_flagged *f = (struct tui_flagged *)base;

	(void)t;
	tui_flagged_clear(f);
	tui_doc_free(&f->doc);
	free(f);
}

static void tui_flagged_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_flagged *f = (struct tui_flagged *)base;
	char right[32], head[160];
	int y = 2, h = t->lines - 2 - 2;
	size_t first, last;

	snprintf(right, sizeof(right), "%zu flagged", f->list.n);
	tui_draw_header(t, "Flagged questions", right);
	if (f->list.n == 0) {
		tui_draw_text(t, y, 2, "No question is flagged. ! on a question flags it as wrong or unclear.",
			      (size_t)t->cols - 3, TUI_S_DIM);
		tui_draw_notice(t, t->lines - 2);
		tui_draw_footer(t, TUI_CTX_FLAGGED, 0);
		return;
	}
	if (h < 1)
		h = 1;
	tui_doc_free(&f->doc);
	tui_doc_init(&f->doc, (size_t)t->cols > 4 ? (size_t)t->cols - 3 : 1, !t->utf8);
	for (size_t i = 0; i < f->list.n; i++) {
		const struct tui_flagged_entry *e = &f->e[i];
		bool cur = i == f->list.cursor;

		/* The id alone first: a long id wraps, it is never cut. */
		snprintf(head, sizeof(head), "%s %s %s", e->qid, tui_draw_sym(t, TUI_SYM_DOT), e->topic);
		tui_doc_add(&f->doc, cur ? (t->utf8 ? "\xe2\x96\xb8 " : "> ") : "  ", TUI_S_KEY, head,
			    cur ? TUI_S_BOLD : TUI_S_NORMAL, (int)i);
		tui_doc_add(&f->doc, "    ", TUI_S_NORMAL, e->question, TUI_S_NORMAL, (int)i);
		if (e->note[0] != '\0')
			tui_doc_add(&f->doc, "    Note: ", TUI_S_DIM, e->note, TUI_S_DIM, (int)i);
		tui_doc_blank(&f->doc);
	}
	/* Scroll so that the entry under the cursor is on screen, whole when
	 * it fits. */
	if (tui_doc_find(&f->doc, (int)f->list.cursor, &first, &last))
		tui_list_show(&f->list, first, last, f->doc.n, (size_t)h);
	else
		tui_list_clamp(&f->list, f->doc.n, (size_t)h);
	tui_draw_doc(t, &f->doc, y, 1, h, f->list.top);
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1, "u puts the question under the cursor back into the rotation.",
			      (size_t)t->cols - 2, TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_FLAGGED, 0);
}

static void tui_flagged_unflag(struct tui *t, struct tui_flagged *f)
{
	char qid[72];
	int64_t id;
	int rc;

	if (f->list.n == 0) {
		tui_notice(t, TUI_S_NOTICE, "Nothing to unflag.");
		return;
	}
	snprintf(qid, sizeof(qid), "%s", f->e[f->list.cursor].qid);
	rc = store_question_find(t->store, qid, &id, t->err);
	if (rc == 0)
		rc = store_question_flag(t->store, id, false, NULL, t->err);
	if (rc == 0)
		rc = tui_flagged_load(t, f);
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_notice(t, TUI_S_NOTICE, "Unflagged %s: it is back in the rotation.", qid);
}

static void tui_flagged_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_flagged *f = (struct tui_flagged *)base;

	(void)arg;
	if (tui_list_key(t, &f->list, 5, a))
		return;
	if (a == TUI_ACT_UNFLAG)
		tui_flagged_unflag(t, f);
}

static const struct tui_screen_ops tui_flagged_ops = {
	.name = "flagged",
	.ctx = TUI_CTX_FLAGGED,
	.draw = tui_flagged_draw,
	.key = tui_flagged_key,
	/* no .resize: laid out again at the next frame */
	.free = tui_flagged_free,
	.ticks = false,
};
