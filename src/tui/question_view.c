/*
 * question_view.c - one question on screen, shared by the study, exam and
 * drill screens: the body while it waits for an answer, the answer being
 * put together (marks, sort buckets, the cursor), and the body after
 * grading (the verdict, the marks, why not, why, the source).
 *
 * A view renders an attempt (attempt.h) that its owner (a session, an
 * exam or a drill) holds: the response being put together lives in the
 * core, and the grading and the feedback's wording come from it.  The
 * label beside each option and what a key answers come from the one key
 * map of every mode (keys.h): a-f for choices, t f, a c s for the owners,
 * sort items 1-8 with a c s for their bucket.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/keys.h"
#include "whose/text.h"

void tui_qview_set(struct tui_qview *v, const struct attempt *a)
{
	memset(v, 0, sizeof(*v));
	v->a = a;
	if (a->q.type == QUESTION_SORT && attempt_placed(a, 0, NULL))
		v->cursor = attempt_next_unplaced(a, 0);
}

/* The owner names padded to one width, for the sort buckets. */
static const char *tui_qview_owner(int o)
{
	static const char *const padded[4] = { "AWS     ", "Customer", "Shared  ", "   ?    " };

	return padded[o >= 0 && o < 3 ? o : 3];
}

/* The key shown before shown position I of V: the one key map's label. */
static char tui_qview_key_char(const struct tui_qview *v, size_t i)
{
	return keys_label(v->a->q.type, i);
}

/* The text of shown position I (choices, True/False, the owners). */
static const char *tui_qview_option(const struct attempt *a, size_t i)
{
	if (a->q.type == QUESTION_TRUEFALSE)
		return i == 0 ? "True" : "False";
	if (a->q.type == QUESTION_WHO)
		return question_owner_name((enum question_owner)i);
	return a->q.slot[a->order[i]];
}

void tui_qview_asking(struct tui *t, const struct tui_qview *v, struct tui_doc *d)
{
	const struct attempt *a = v->a;
	const struct question *q = &a->q;
	char pre[64];

	tui_doc_add(d, NULL, TUI_S_NORMAL, a->item.question, TUI_S_BOLD, -1);
	tui_doc_blank(d);
	if (q->type == QUESTION_SORT) {
		for (size_t i = 0; i < q->nslots; i++) {
			bool cur = i == v->cursor;
			enum question_owner o;
			bool placed = attempt_placed(a, i, &o);

			snprintf(pre, sizeof(pre), "%s %c [%s] ", cur ? tui_draw_sym(t, TUI_SYM_CURSOR) : " ",
				 tui_qview_key_char(v, i), tui_qview_owner(placed ? (int)o : -1));
			tui_doc_add(d, pre, cur ? TUI_S_CURSOR : TUI_S_KEY, q->slot[i],
				    cur ? TUI_S_CURSOR : TUI_S_NORMAL, (int)i);
		}
		return;
	}
	for (size_t i = 0; i < attempt_shown_count(a); i++) {
		bool marked = attempt_picked(a, i);

		if (q->type == QUESTION_MULTI)
			snprintf(pre, sizeof(pre), " %c [%s] ", tui_qview_key_char(v, i), marked ? "x" : " ");
		else
			snprintf(pre, sizeof(pre), "%s%c  ", marked ? ">" : " ", tui_qview_key_char(v, i));
		tui_doc_add(d, pre, TUI_S_KEY, tui_qview_option(a, i),
			    marked ? TUI_S_BOLD : TUI_S_NORMAL, (int)i);
	}
}

/* The response and the right answer, per line, from the grade. */
static void tui_qview_marks(struct tui *t, const struct tui_qview *v, struct tui_doc *d)
{
	const struct attempt *a = v->a;
	const struct question *q = &a->q;
	const char *yes = tui_draw_sym(t, TUI_SYM_RIGHT), *no = tui_draw_sym(t, TUI_SYM_WRONG);
	char pre[64];

	if (q->type == QUESTION_SORT) {
		for (size_t i = 0; i < q->nslots; i++) {
			enum attempt_mark m = a->grade.mark[i];
			bool right = m == ATTEMPT_MARK_RIGHT;
			enum question_owner o;
			bool placed = attempt_placed(a, i, &o);
			char *text = NULL;

			/* The right bucket, then where the learner put the item
			 * when that was elsewhere. */
			snprintf(pre, sizeof(pre), "%s %c [%s] ", !a->grade.answered ? " " : right ? yes : no,
				 tui_qview_key_char(v, i), tui_qview_owner((int)q->item_owner[i]));
			if (!right && a->grade.answered) {
				size_t len = strlen(q->slot[i]) + 40;

				text = malloc(len);
				if (text != NULL)
					snprintf(text, len, "%s (you: %s)", q->slot[i],
						 placed ? question_owner_name(o) : "not sorted");
			}
			tui_doc_add(d, pre, right || !a->grade.answered ? TUI_S_ANSWER : TUI_S_WRONG,
				    text != NULL ? text : q->slot[i],
				    right || !a->grade.answered ? TUI_S_NORMAL : TUI_S_WRONG, (int)i);
			free(text);
		}
		return;
	}
	for (size_t i = 0; i < attempt_shown_count(a); i++) {
		enum attempt_mark m = a->grade.mark[i];
		bool right = m == ATTEMPT_MARK_RIGHT || m == ATTEMPT_MARK_MISSED;
		bool picked = m == ATTEMPT_MARK_RIGHT || m == ATTEMPT_MARK_WRONG;
		int style = right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM;
		const char *box = q->type == QUESTION_MULTI ? (picked ? "[x] " : "[ ] ")
				  : q->type == QUESTION_CHOICE ? "" : " ";

		snprintf(pre, sizeof(pre), "%s %c %s", right ? yes : picked ? no : " ",
			 tui_qview_key_char(v, i), box);
		tui_doc_add(d, pre, style, tui_qview_option(a, i), style, (int)i);
	}
}

/*
 * The source link L: beside its label when both fit, else on a line of
 * its own.  A link wider than the window is never broken inside (a link
 * broken across lines copies broken and opens nothing): its middle gives
 * way to an ellipsis, and o shows it whole outside the full screen, where
 * the terminal wraps it as one line (tui_qview_show_source).
 */
static void tui_qview_source(struct tui_doc *d, const struct attempt_line *l)
{
	char *url, cut[512], head[ATTEMPT_LABEL_MAX + 40];
	size_t lw = text_width(l->label), uw = text_width(l->text);

	if (lw + uw <= d->width) {
		tui_doc_add(d, l->label, TUI_S_DIM, l->text, TUI_S_DIM, -1);
		return;
	}
	if (uw <= d->width) {
		tui_doc_add(d, NULL, TUI_S_NORMAL, l->label, TUI_S_DIM, -1);
		tui_doc_add(d, NULL, TUI_S_NORMAL, l->text, TUI_S_DIM, -1);
		return;
	}
	snprintf(head, sizeof(head), "%s(o shows the whole link)", l->label);
	tui_doc_add(d, NULL, TUI_S_NORMAL, head, TUI_S_DIM, -1);
	url = tui_text_clean(l->text, d->ascii);
	if (url == NULL) {
		d->oom = true;
		return;
	}
	tui_text_fit_middle(url, d->width, d->ascii, cut, sizeof(cut));
	free(url);
	tui_doc_add(d, NULL, TUI_S_NORMAL, cut, TUI_S_DIM, -1);
}

void tui_qview_show_source(struct tui *t, const struct attempt *a)
{
	struct attempt_line lines[ATTEMPT_LINES_MAX];
	size_t n = attempt_feedback(a, NULL, NULL, lines, ATTEMPT_LINES_MAX);
	const char *text[2];

	for (size_t i = 0; i < n; i++) {
		if (lines[i].kind != ATTEMPT_LINE_SOURCE)
			continue;
		text[0] = lines[i].label;
		text[1] = lines[i].text;
		tui_show_outside(t, a->item.qid, text, 2);
		return;
	}
	tui_notice(t, TUI_S_NOTICE, "This question names no source.");
}

void tui_qview_answered(struct tui *t, const struct tui_qview *v,
			const char *verdict, const char *note, struct tui_doc *d)
{
	const struct attempt *a = v->a;
	struct attempt_line lines[ATTEMPT_LINES_MAX];
	size_t n = attempt_feedback(a, verdict, note, lines, ATTEMPT_LINES_MAX);
	char pre[64], line[ATTEMPT_LABEL_MAX + 64];

	for (size_t i = 0; i < n; i++) {
		const struct attempt_line *l = &lines[i];

		switch (l->kind) {
		case ATTEMPT_LINE_RIGHT:
		case ATTEMPT_LINE_WRONG:
		case ATTEMPT_LINE_UNANSWERED: {
			bool right = l->kind == ATTEMPT_LINE_RIGHT;
			int style = right ? TUI_S_RIGHT : TUI_S_WRONG;

			snprintf(pre, sizeof(pre), "%s ", tui_draw_sym(t, right ? TUI_SYM_RIGHT : TUI_SYM_WRONG));
			snprintf(line, sizeof(line), "%s: %s", l->verdict, l->label);
			tui_doc_add(d, pre, style, line, style, -1);
			tui_doc_blank(d);
			tui_doc_add(d, NULL, TUI_S_NORMAL, a->item.question, TUI_S_BOLD, -1);
			tui_doc_blank(d);
			tui_qview_marks(t, v, d);
			break;
		}
		case ATTEMPT_LINE_BACK:
			tui_doc_add(d, NULL, TUI_S_NORMAL, a->item.question, TUI_S_BOLD, -1);
			tui_doc_blank(d);
			tui_doc_add(d, l->label, TUI_S_TITLE, l->text, TUI_S_ANSWER, -1);
			break;
		case ATTEMPT_LINE_ANSWER:
		case ATTEMPT_LINE_SORT_FIX:
			/* The marks above show these. */
			break;
		case ATTEMPT_LINE_WHY_NOT:
			if (i > 0 && lines[i - 1].kind != ATTEMPT_LINE_WHY_NOT)
				tui_doc_blank(d);
			tui_doc_add(d, l->label, TUI_S_WRONG, l->text, TUI_S_NORMAL, -1);
			break;
		case ATTEMPT_LINE_WHY:
			tui_doc_blank(d);
			tui_doc_add(d, l->label, TUI_S_TITLE, l->text, TUI_S_NORMAL, -1);
			break;
		case ATTEMPT_LINE_SOURCE:
			tui_doc_blank(d);
			tui_qview_source(d, l);
			break;
		default:
			tui_doc_blank(d);
			tui_doc_add(d, l->label, TUI_S_DIM, l->text, TUI_S_DIM, -1);
			break;
		}
	}
}

void tui_qview_hint(const struct tui_qview *v, char *buf, size_t len)
{
	const struct attempt *a = v->a;
	char how[160];

	keys_hint(a, how, sizeof(how));
	if (a->q.type == QUESTION_MULTI)
		snprintf(buf, len, "%s %zu of %zu marked.", how, attempt_marks(a), keys_marks_wanted(a));
	else if (a->q.type == QUESTION_SORT)
		snprintf(buf, len, "%zu of %zu sorted. %s Enter when all are.",
			 a->q.nslots - attempt_unplaced(a), a->q.nslots, how);
	else if (a->q.type == QUESTION_CARD)
		snprintf(buf, len, "Recall the answer, then Space turns the card.");
	else
		snprintf(buf, len, "%s", how);
}

unsigned tui_qview_context(const struct tui_qview *v)
{
	switch (v->a->q.type) {
	case QUESTION_CHOICE: return TUI_CTX_CHOICE;
	case QUESTION_MULTI: return TUI_CTX_MULTI;
	case QUESTION_TRUEFALSE: return TUI_CTX_TF;
	case QUESTION_WHO: return TUI_CTX_WHO;
	case QUESTION_SORT: return TUI_CTX_SORT;
	case QUESTION_CARD:
	default: return TUI_CTX_CARD;
	}
}

size_t tui_qview_follow(const struct tui_qview *v, const struct tui_doc *d,
			size_t top, size_t rows)
{
	size_t first, last;

	if (v->a->q.type == QUESTION_SORT && tui_doc_find(d, (int)v->cursor, &first, &last))
		top = tui_layout_scroll_show(top, first, last, rows);
	return tui_layout_scroll_clamp(top, d->n, rows);
}

size_t tui_qview_count(const struct tui_qview *v)
{
	return attempt_shown_count(v->a);
}

int tui_qview_key(struct tui *t, struct tui_qview *v, struct attempt *a,
		  enum tui_action act, int arg, struct whose_error *err)
{
	enum question_type type;
	struct keys_edit e;
	int rc;

	if (a == NULL || a != v->a)
		return 0;
	type = a->q.type;

	switch (act) {
	case TUI_ACT_ANSWER:
		/* ARG is the key: the core's key map says what it does. */
		e = keys_parse_key(a, arg, v->cursor);
		if (e.kind == KEYS_EDIT_NONE)
			return 0;
		rc = keys_apply(a, &e, &v->cursor, err);
		if (rc < 0)
			return rc;
		return e.kind == KEYS_EDIT_CHOOSE && type != QUESTION_MULTI;
	case TUI_ACT_CONFIRM:
		if (type != QUESTION_MULTI && type != QUESTION_SORT)
			return 0;
		if (attempt_complete(a))
			return 1;
		if (type == QUESTION_MULTI) {
			/* Never graded short: say how many it wants. */
			tui_notice(t, TUI_S_NOTICE, "This question wants %zu marks: %zu marked.",
				   keys_marks_wanted(a), attempt_marks(a));
		} else {
			tui_notice(t, TUI_S_NOTICE, "Sort every item first: %zu to go.", attempt_unplaced(a));
			if (attempt_placed(a, v->cursor, NULL))
				v->cursor = attempt_next_unplaced(a, v->cursor);
		}
		return 0;
	case TUI_ACT_UP:
		if (v->cursor > 0)
			v->cursor--;
		return 0;
	case TUI_ACT_DOWN:
		if (v->cursor + 1 < a->q.nslots)
			v->cursor++;
		return 0;
	default:
		return 0;
	}
}
