/*
 * question_view.c - one question on screen, shared by the study, exam and
 * drill screens: the body while it waits for an answer, the answer being
 * put together (marks, sort buckets, the cursor), and the body after
 * grading (the verdict, the marks, why not, why, the source).
 *
 * A view borrows the question from its owner (a session, an exam or a
 * drill): it lives only as long as that question does.  In an exam or a
 * drill (NUMBERED) every answer is a number, so that the letters stay free
 * for the commands: 1 AWS, 2 Customer, 3 Shared; 1 true, 2 false; a sort
 * item goes into bucket 1, 2 or 3.
 */
#include <stdio.h>
#include <string.h>

#include "tui/tui_int.h"

void tui_qview_set(struct tui_qview *v, const struct store_item *item,
		   const struct question *q, const size_t *order, bool numbered)
{
	memset(v, 0, sizeof(*v));
	v->item = item;
	v->q = q;
	v->order = order;
	v->numbered = numbered;
}

/* The owner names padded to one width, for the sort buckets. */
static const char *tui_qview_owner(int o)
{
	static const char *const padded[4] = { "AWS     ", "Customer", "Shared  ", "   ?    " };

	return padded[o >= 0 && o < 3 ? o : 3];
}

void tui_qview_asking(struct tui *t, const struct tui_qview *v, struct tui_doc *d)
{
	const struct question *q = v->q;
	static const char *const owners[3] = { "AWS", "Customer", "Shared" };
	char pre[64];

	tui_doc_add(d, NULL, TUI_S_NORMAL, v->item->question, TUI_S_BOLD, -1);
	tui_doc_blank(d);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			bool marked = (v->mask >> v->order[i]) & 1u;

			if (q->type == QUESTION_MULTI)
				snprintf(pre, sizeof(pre), " %zu [%s] ", i + 1, marked ? "x" : " ");
			else
				snprintf(pre, sizeof(pre), " %zu  ", i + 1);
			tui_doc_add(d, pre, TUI_S_KEY,
				    q->slot[v->order[i]], marked ? TUI_S_BOLD : TUI_S_NORMAL, (int)i);
		}
		break;
	case QUESTION_TRUEFALSE:
		tui_doc_add(d, v->numbered ? " 1  " : " t  ", TUI_S_KEY, "True", TUI_S_NORMAL, -1);
		tui_doc_add(d, v->numbered ? " 2  " : " f  ", TUI_S_KEY, "False", TUI_S_NORMAL, -1);
		break;
	case QUESTION_WHO:
		for (int o = 0; o < 3; o++) {
			snprintf(pre, sizeof(pre), " %c  ", v->numbered ? '1' + o : "acs"[o]);
			tui_doc_add(d, pre, TUI_S_KEY, owners[o], TUI_S_NORMAL, -1);
		}
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			bool cur = i == v->cursor;

			snprintf(pre, sizeof(pre), "%s [%s] ", cur ? tui_draw_sym(t, TUI_SYM_CURSOR) : " ",
				 tui_qview_owner(v->sorted[i] ? (int)v->owner[i] : -1));
			tui_doc_add(d, pre, cur ? TUI_S_CURSOR : TUI_S_KEY, q->slot[i],
				    cur ? TUI_S_CURSOR : TUI_S_NORMAL, (int)i);
		}
		break;
	case QUESTION_CARD:
	default:
		break;
	}
}

/* The answer R (NULL: none was given) and the right one, per line. */
static void tui_qview_marks(struct tui *t, const struct tui_qview *v,
			    const struct question_response *r, struct tui_doc *d)
{
	const struct question *q = v->q;
	const char *yes = tui_draw_sym(t, TUI_SYM_RIGHT), *no = tui_draw_sym(t, TUI_SYM_WRONG);
	char pre[64];

	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			size_t orig = v->order[i];
			bool right = (q->correct_mask >> orig) & 1u;
			bool picked = r != NULL && ((r->mask >> orig) & 1u);
			const char *box = q->type == QUESTION_MULTI ? (picked ? "[x] " : "[ ] ") : "";

			snprintf(pre, sizeof(pre), "%s %zu %s", right ? yes : picked ? no : " ", i + 1, box);
			tui_doc_add(d, pre, right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM,
				    q->slot[orig], right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM,
				    (int)i);
		}
		break;
	case QUESTION_TRUEFALSE:
		for (int val = 1; val >= 0; val--) {
			bool right = q->truth == (val == 1);
			bool picked = r != NULL && r->truth == (val == 1);
			char key = v->numbered ? (val ? '1' : '2') : (val ? 't' : 'f');

			snprintf(pre, sizeof(pre), "%s %c  ", right ? yes : picked ? no : " ", key);
			tui_doc_add(d, pre, right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM,
				    val ? "True" : "False",
				    right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM, -1);
		}
		break;
	case QUESTION_WHO:
		for (int o = 0; o < QUESTION_NOWNERS; o++) {
			bool right = q->owner == (enum question_owner)o;
			bool picked = r != NULL && r->owner == (enum question_owner)o;

			snprintf(pre, sizeof(pre), "%s %c  ", right ? yes : picked ? no : " ",
				 v->numbered ? '1' + o : "acs"[o]);
			tui_doc_add(d, pre, right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM,
				    question_owner_name((enum question_owner)o),
				    right ? TUI_S_ANSWER : picked ? TUI_S_WRONG : TUI_S_DIM, -1);
		}
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			bool right = r != NULL && r->item_owner[i] == q->item_owner[i];

			char text[512];

			snprintf(pre, sizeof(pre), "%s [%s] ", r == NULL ? " " : right ? yes : no,
				 tui_qview_owner((int)q->item_owner[i]));
			if (r == NULL) {
				/* Not answered: only the right buckets. */
				tui_doc_add(d, pre, TUI_S_ANSWER, q->slot[i], TUI_S_NORMAL, (int)i);
				continue;
			}
			if (right)
				snprintf(text, sizeof(text), "%s", q->slot[i]);
			else
				snprintf(text, sizeof(text), "%s (not %s)", q->slot[i],
					 question_owner_name(r->item_owner[i]));
			tui_doc_add(d, pre, right ? TUI_S_ANSWER : TUI_S_WRONG, text,
				    right ? TUI_S_NORMAL : TUI_S_WRONG, (int)i);
		}
		break;
	case QUESTION_CARD:
	default:
		break;
	}
}

void tui_qview_right(const struct tui_qview *v, char *buf, size_t len)
{
	const struct question *q = v->q;

	if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI) {
		size_t o = 0;

		buf[0] = '\0';
		for (size_t i = 0; i < q->nslots && o < len; i++)
			if ((q->correct_mask >> v->order[i]) & 1u)
				o += (size_t)snprintf(buf + o, len - o, "%s%zu", o ? ", " : "", i + 1);
	} else if (q->type == QUESTION_SORT) {
		buf[0] = '\0';   /* each item is marked */
	} else {
		question_answer_text(q, buf, len);
	}
}

void tui_qview_answered(struct tui *t, const struct tui_qview *v,
			const struct question_response *r, bool correct,
			const char *wrong, struct tui_doc *d)
{
	const struct question *q = v->q;
	char pre[64], ans[256];

	if (q->type == QUESTION_CARD) {
		tui_doc_add(d, NULL, TUI_S_NORMAL, v->item->question, TUI_S_BOLD, -1);
		tui_doc_blank(d);
		tui_doc_add(d, "Answer: ", TUI_S_TITLE, q->back, TUI_S_ANSWER, -1);
	} else {
		tui_qview_right(v, ans, sizeof(ans));
		snprintf(pre, sizeof(pre), "%s ", tui_draw_sym(t, correct ? TUI_SYM_RIGHT : TUI_SYM_WRONG));
		if (correct) {
			tui_doc_add(d, pre, TUI_S_RIGHT, "Right", TUI_S_RIGHT, -1);
		} else {
			char line[320];

			if (ans[0] != '\0')
				snprintf(line, sizeof(line), "%s: the answer is %s", wrong, ans);
			else
				snprintf(line, sizeof(line), "%s: each item's owner is marked below", wrong);
			tui_doc_add(d, pre, TUI_S_WRONG, line, TUI_S_WRONG, -1);
		}
		tui_doc_blank(d);
		tui_doc_add(d, NULL, TUI_S_NORMAL, v->item->question, TUI_S_BOLD, -1);
		tui_doc_blank(d);
		tui_qview_marks(t, v, r, d);
	}
	if (r != NULL && (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI)) {
		bool first = true;

		for (size_t i = 0; i < q->nslots; i++) {
			size_t orig = v->order[i];

			if (!((r->mask >> orig) & 1u) || ((q->correct_mask >> orig) & 1u) ||
			    q->why_not[orig] == NULL)
				continue;
			if (first)
				tui_doc_blank(d);
			first = false;
			snprintf(pre, sizeof(pre), "Why not %zu: ", i + 1);
			tui_doc_add(d, pre, TUI_S_WRONG, q->why_not[orig], TUI_S_NORMAL, -1);
		}
	}
	if (v->item->explanation != NULL && v->item->explanation[0] != '\0') {
		tui_doc_blank(d);
		tui_doc_add(d, "Why: ", TUI_S_TITLE, v->item->explanation, TUI_S_NORMAL, -1);
	}
	if (v->item->source != NULL && v->item->source[0] != '\0') {
		tui_doc_blank(d);
		tui_doc_add(d, "Source: ", TUI_S_DIM, v->item->source, TUI_S_DIM, -1);
	}
}

void tui_qview_hint(const struct tui_qview *v, char *buf, size_t len)
{
	const struct question *q = v->q;
	size_t n = 0;

	switch (q->type) {
	case QUESTION_CHOICE:
		if (v->numbered)
			snprintf(buf, len, "Choose one: 1-%zu.", q->nslots);
		else
			snprintf(buf, len, "Choose one: 1-%zu (or a-%c).", q->nslots,
				 (char)('a' + q->nslots - 1));
		break;
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++)
			n += (v->mask >> i) & 1u;
		snprintf(buf, len, "Mark every right choice, then Enter (%zu marked).", n);
		break;
	case QUESTION_TRUEFALSE:
		snprintf(buf, len, v->numbered ? "True or false: 1 or 2." : "True or false: t or f.");
		break;
	case QUESTION_WHO:
		snprintf(buf, len, v->numbered ? "Whose responsibility: 1 AWS, 2 Customer, 3 Shared."
			 : "Whose responsibility: a AWS, c Customer, s Shared.");
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++)
			n += v->sorted[i];
		snprintf(buf, len, v->numbered
			 ? "%zu of %zu sorted: 1 AWS, 2 Customer, 3 Shared; Enter when all are."
			 : "%zu of %zu sorted: a AWS, c Customer, s Shared; Enter when all are.",
			 n, q->nslots);
		break;
	case QUESTION_CARD:
	default:
		snprintf(buf, len, "Recall the answer, then Space turns the card.");
		break;
	}
}

size_t tui_qview_count(const struct tui_qview *v)
{
	switch (v->q->type) {
	case QUESTION_TRUEFALSE: return 2;
	case QUESTION_WHO:
	case QUESTION_SORT: return 3;
	case QUESTION_CHOICE:
	case QUESTION_MULTI: return v->q->nslots;
	case QUESTION_CARD:
	default: return 0;
	}
}

/* The first item after FROM (wrapping) that is not sorted yet, or FROM. */
static size_t tui_qview_unsorted(const struct tui_qview *v, size_t from)
{
	size_t n = v->q->nslots;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (from + k) % n;

		if (!v->sorted[i])
			return i;
	}
	return from;
}

/* Put the item under the cursor into bucket O. */
static void tui_qview_sort(struct tui_qview *v, enum question_owner o)
{
	v->owner[v->cursor] = o;
	v->sorted[v->cursor] = true;
	v->cursor = tui_qview_unsorted(v, v->cursor);
}

bool tui_qview_key(struct tui *t, struct tui_qview *v, enum tui_action a, int arg,
		   struct question_response *r)
{
	const struct question *q = v->q;

	memset(r, 0, sizeof(*r));
	switch (a) {
	case TUI_ACT_CHOOSE:
		/* ARG is the shown position; numbered answers come here too. */
		switch (q->type) {
		case QUESTION_MULTI:
			v->mask ^= 1u << v->order[arg];
			return false;
		case QUESTION_CHOICE:
			r->mask = 1u << v->order[arg];
			return true;
		case QUESTION_TRUEFALSE:
			r->truth = arg == 0;
			return true;
		case QUESTION_WHO:
			r->owner = (enum question_owner)arg;
			return true;
		case QUESTION_SORT:
			tui_qview_sort(v, (enum question_owner)arg);
			return false;
		case QUESTION_CARD:
		default:
			return false;
		}
	case TUI_ACT_CONFIRM:
		if (q->type == QUESTION_MULTI) {
			if (v->mask == 0) {
				tui_notice(t, TUI_S_NOTICE, "Mark at least one choice first (1-%zu).", q->nslots);
				return false;
			}
			r->mask = v->mask;
			return true;
		}
		if (q->type == QUESTION_SORT) {
			size_t left = 0;

			for (size_t i = 0; i < q->nslots; i++)
				left += !v->sorted[i];
			if (left > 0) {
				tui_notice(t, TUI_S_NOTICE, "Sort every item first: %zu to go.", left);
				if (v->sorted[v->cursor])
					v->cursor = tui_qview_unsorted(v, v->cursor);
				return false;
			}
			memcpy(r->item_owner, v->owner, sizeof(r->item_owner));
			return true;
		}
		return false;
	case TUI_ACT_TRUTH:
		r->truth = arg != 0;
		return true;
	case TUI_ACT_OWNER:
		if (q->type == QUESTION_WHO) {
			r->owner = (enum question_owner)arg;
			return true;
		}
		tui_qview_sort(v, (enum question_owner)arg);
		return false;
	case TUI_ACT_UP:
		if (v->cursor > 0)
			v->cursor--;
		return false;
	case TUI_ACT_DOWN:
		if (v->cursor + 1 < q->nslots)
			v->cursor++;
		return false;
	default:
		return false;
	}
}
