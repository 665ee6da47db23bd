/*
 * attempt.c - a question put to the learner (see attempt.h): loading and
 * ordering, edits of the response in progress, grading as it stands, and
 * the feedback lines every front end shows.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "whose/attempt.h"
#include "whose/keys.h"

int attempt_load(struct attempt *a, struct store *s, int64_t question_id,
		 struct rng *rng, struct whose_error *err)
{
	int rc;

	memset(a, 0, sizeof(*a));
	rc = store_item_load_parsed(s, question_id, &a->item, &a->q, err);
	if (rc < 0) {
		memset(a, 0, sizeof(*a));
		return rc;
	}
	for (size_t i = 0; i < QUESTION_MAX_SLOTS; i++)
		a->order[i] = i;
	if (a->item.shuffle && (a->q.type == QUESTION_CHOICE || a->q.type == QUESTION_MULTI)) {
		/* Fisher-Yates, from the end. */
		for (size_t i = a->q.nslots; i > 1; i--) {
			size_t j = rng_below(rng, i), t = a->order[i - 1];

			a->order[i - 1] = a->order[j];
			a->order[j] = t;
		}
	}
	return 0;
}

void attempt_free(struct attempt *a)
{
	if (a == NULL)
		return;
	question_free(&a->q);
	store_item_free(&a->item);
	memset(a, 0, sizeof(*a));
}

size_t attempt_shown_count(const struct attempt *a)
{
	switch (a->q.type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
	case QUESTION_SORT:
		return a->q.nslots;
	case QUESTION_TRUEFALSE:
		return 2;
	case QUESTION_WHO:
		return QUESTION_NOWNERS;
	case QUESTION_CARD:
	default:
		return 0;
	}
}

const char *attempt_option_text(const struct attempt *a, size_t pos)
{
	if (pos >= attempt_shown_count(a))
		return NULL;
	switch (a->q.type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		return a->q.slot[a->order[pos]];
	case QUESTION_SORT:
		return a->q.slot[pos];
	case QUESTION_TRUEFALSE:
		return pos == 0 ? "true" : "false";
	case QUESTION_WHO:
		return question_owner_name((enum question_owner)pos);
	default:
		return NULL;
	}
}

/* After an edit: save it through the sink; when saving fails the edit is
 * taken back, so that what is in memory is what is saved. */
static int attempt_saved(struct attempt *a, const struct question_response *before,
			 struct whose_error *err)
{
	int rc;

	a->grade.graded = false;
	if (a->sink.save == NULL)
		return 0;
	rc = a->sink.save(a, a->sink.ctx, err);
	if (rc < 0)
		a->response = *before;
	return rc;
}

static int attempt_editable(const struct attempt *a, struct whose_error *err)
{
	if (a->committed)
		return whose_error_set(err, WHOSE_EINVAL, "this answer is final and cannot be changed");
	return 0;
}

int attempt_choose(struct attempt *a, size_t pos, struct whose_error *err)
{
	struct question_response *r = &a->response, before = a->response;
	int rc = attempt_editable(a, err);

	if (rc < 0)
		return rc;
	if (pos >= attempt_shown_count(a) || a->q.type == QUESTION_SORT)
		return whose_error_set(err, WHOSE_EINVAL, "there is no choice %zu here", pos + 1);
	/* The shown order is a permutation of the slots. */
	assert((a->q.type != QUESTION_CHOICE && a->q.type != QUESTION_MULTI) || a->order[pos] < a->q.nslots);
	switch (a->q.type) {
	case QUESTION_CHOICE:
		r->mask = 1u << a->order[pos];
		break;
	case QUESTION_MULTI:
		r->mask ^= 1u << a->order[pos];
		break;
	case QUESTION_TRUEFALSE:
		r->truth = pos == 0;
		r->given = 1u;
		break;
	case QUESTION_WHO:
		r->owner = (enum question_owner)pos;
		r->given = 1u;
		break;
	default:
		break;
	}
	return attempt_saved(a, &before, err);
}

int attempt_place(struct attempt *a, size_t item, enum question_owner owner,
		  struct whose_error *err)
{
	struct question_response before = a->response;
	int rc = attempt_editable(a, err);

	if (rc < 0)
		return rc;
	if (a->q.type != QUESTION_SORT || item >= a->q.nslots || (unsigned)owner >= QUESTION_NOWNERS)
		return whose_error_set(err, WHOSE_EINVAL, "there is no item %zu to sort here", item + 1);
	a->response.item_owner[item] = owner;
	a->response.given |= 1u << item;
	return attempt_saved(a, &before, err);
}

int attempt_set(struct attempt *a, const struct question_response *r,
		struct whose_error *err)
{
	struct question_response before = a->response;
	int rc = attempt_editable(a, err);

	if (rc < 0)
		return rc;
	a->response = *r;
	return attempt_saved(a, &before, err);
}

int attempt_clear(struct attempt *a, struct whose_error *err)
{
	struct question_response before = a->response;
	int rc = attempt_editable(a, err);

	if (rc < 0)
		return rc;
	memset(&a->response, 0, sizeof(a->response));
	return attempt_saved(a, &before, err);
}

static unsigned attempt_all_items(const struct attempt *a)
{
	return a->q.nslots >= 32 ? ~0u : (1u << a->q.nslots) - 1u;
}

bool attempt_self_graded(const struct attempt *a)
{
	return a->q.type == QUESTION_CARD;
}

void attempt_missing(const struct attempt *a, char *buf, size_t len)
{
	if (a->q.type == QUESTION_SORT)
		snprintf(buf, len, "sort every item first: %zu to go", attempt_unplaced(a));
	else if (a->q.type == QUESTION_CHOICE && a->response.mask != 0)
		snprintf(buf, len, "choose one answer");
	else if (a->q.type == QUESTION_CARD)
		snprintf(buf, len, "a card is turned, not answered");
	else if (a->q.type == QUESTION_MULTI && a->response.mask != 0)
		snprintf(buf, len, "this question wants %zu marks: %zu marked",
			 keys_marks_wanted(a), attempt_marks(a));
	else
		snprintf(buf, len, "mark %s first (%c-%c)",
			 a->q.type == QUESTION_MULTI ? "the right choices" : "a choice",
			 keys_label(a->q.type, 0), keys_label(a->q.type, attempt_shown_count(a) - 1));
}

void attempt_given_text(const struct attempt *a, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	if (!attempt_answered(a))
		return;
	if (a->q.type == QUESTION_SORT) {
		for (size_t i = 0; i < a->q.nslots && o < len; i++) {
			enum question_owner own;

			o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
					      attempt_placed(a, i, &own) ? question_owner_name(own) : "-");
		}
		return;
	}
	for (size_t i = 0; i < attempt_shown_count(a) && o < len; i++) {
		if (!attempt_picked(a, i))
			continue;
		if (a->q.type == QUESTION_WHO)
			o += (size_t)snprintf(buf + o, len - o, "%s", question_owner_name((enum question_owner)i));
		else if (a->q.type == QUESTION_TRUEFALSE)
			o += (size_t)snprintf(buf + o, len - o, "%s", i == 0 ? "true" : "false");
		else
			o += (size_t)snprintf(buf + o, len - o, "%s%c", o ? ", " : "",
					      keys_label(a->q.type, i));
	}
}

size_t attempt_marks(const struct attempt *a)
{
	size_t n = 0;

	for (size_t i = 0; i < attempt_shown_count(a); i++)
		n += attempt_picked(a, i);
	return n;
}

bool attempt_answered(const struct attempt *a)
{
	switch (a->q.type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		return a->response.mask != 0;
	case QUESTION_TRUEFALSE:
	case QUESTION_WHO:
	case QUESTION_SORT:
		return a->response.given != 0;
	case QUESTION_CARD:
	default:
		return false;
	}
}

bool attempt_complete(const struct attempt *a)
{
	const struct question_response *r = &a->response;

	switch (a->q.type) {
	case QUESTION_CHOICE:
		return r->mask != 0 && (r->mask & (r->mask - 1)) == 0;
	case QUESTION_MULTI:
		/* As many marks as the question wants ("choose three"). */
		return r->mask != 0 && attempt_marks(a) == keys_marks_wanted(a);
	case QUESTION_TRUEFALSE:
	case QUESTION_WHO:
		return (r->given & 1u) != 0;
	case QUESTION_SORT:
		return (r->given & attempt_all_items(a)) == attempt_all_items(a);
	case QUESTION_CARD:
	default:
		return false;
	}
}

bool attempt_picked(const struct attempt *a, size_t pos)
{
	const struct question_response *r = &a->response;

	if (pos >= attempt_shown_count(a))
		return false;
	switch (a->q.type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		return (r->mask >> a->order[pos]) & 1u;
	case QUESTION_TRUEFALSE:
		return (r->given & 1u) && r->truth == (pos == 0);
	case QUESTION_WHO:
		return (r->given & 1u) && r->owner == (enum question_owner)pos;
	case QUESTION_SORT:
		return (r->given >> pos) & 1u;
	default:
		return false;
	}
}

bool attempt_placed(const struct attempt *a, size_t item,
		    enum question_owner *owner)
{
	if (a->q.type != QUESTION_SORT || item >= a->q.nslots ||
	    !((a->response.given >> item) & 1u))
		return false;
	if (owner != NULL)
		*owner = a->response.item_owner[item];
	return true;
}

size_t attempt_next_unplaced(const struct attempt *a, size_t from)
{
	size_t n = a->q.nslots;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (from + k) % n;

		if (!attempt_placed(a, i, NULL))
			return i;
	}
	return from;
}

size_t attempt_unplaced(const struct attempt *a)
{
	size_t n = 0;

	for (size_t i = 0; a->q.type == QUESTION_SORT && i < a->q.nslots; i++)
		n += !attempt_placed(a, i, NULL);
	return n;
}

/* The shown labels of the original choices in MASK: "a, c". */
static void attempt_mask_text(const struct attempt *a, unsigned mask,
			      char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->q.nslots && o < len; i++)
		if (mask & (1u << a->order[i]))
			o += (size_t)snprintf(buf + o, len - o, "%s%c", o ? ", " : "",
					      keys_label(a->q.type, i));
}

void attempt_grade(struct attempt *a, bool card_correct)
{
	const struct question *q = &a->q;
	const struct question_response *r = &a->response;
	struct attempt_grade *g = &a->grade;

	assert(q->nslots <= QUESTION_MAX_SLOTS);
	memset(g, 0, sizeof(*g));
	g->graded = true;
	g->answered = attempt_answered(a);
	g->complete = attempt_complete(a);
	if (q->type == QUESTION_CARD) {
		g->answered = g->complete = true;
		g->correct = card_correct;
		return;
	}
	g->correct = g->complete && question_grade(q, r);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			bool right = (q->correct_mask >> a->order[i]) & 1u;
			bool picked = (r->mask >> a->order[i]) & 1u;

			g->mark[i] = right ? (picked ? ATTEMPT_MARK_RIGHT : ATTEMPT_MARK_MISSED)
					   : (picked ? ATTEMPT_MARK_WRONG : ATTEMPT_MARK_NONE);
		}
		attempt_mask_text(a, q->correct_mask, g->right, sizeof(g->right));
		attempt_mask_text(a, r->mask, g->given, sizeof(g->given));
		break;
	case QUESTION_TRUEFALSE:
	case QUESTION_WHO:
		for (size_t i = 0; i < attempt_shown_count(a); i++) {
			bool right = q->type == QUESTION_WHO ? q->owner == (enum question_owner)i
							     : q->truth == (i == 0);
			bool picked = attempt_picked(a, i);

			g->mark[i] = right ? (picked ? ATTEMPT_MARK_RIGHT : ATTEMPT_MARK_MISSED)
					   : (picked ? ATTEMPT_MARK_WRONG : ATTEMPT_MARK_NONE);
		}
		question_answer_text(q, g->right, sizeof(g->right));
		if (g->answered)
			question_response_text(q, r, g->given, sizeof(g->given));
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			enum question_owner o;

			if (!attempt_placed(a, i, &o))
				g->mark[i] = ATTEMPT_MARK_MISSED;
			else
				g->mark[i] = o == q->item_owner[i] ? ATTEMPT_MARK_RIGHT : ATTEMPT_MARK_WRONG;
		}
		question_answer_text(q, g->right, sizeof(g->right));
		if (g->answered)
			question_response_text(q, r, g->given, sizeof(g->given));
		break;
	default:
		break;
	}
}

int attempt_mark_toggle(const struct attempt *a, struct store *s, int64_t now,
			bool *on, struct whose_error *err)
{
	bool was;
	int rc = store_mark_get(s, a->item.question_id, &was, err);

	if (rc < 0)
		return rc;
	rc = store_mark_set(s, a->item.question_id, !was, now, err);
	if (rc == 0 && on != NULL)
		*on = !was;
	return rc;
}

void attempt_commit(struct attempt *a)
{
	/* The life of an attempt (attempt.h): loaded before it is final. */
	assert(a->item.qid != NULL);
	a->committed = true;
}

static struct attempt_line *attempt_line_add(struct attempt_line *out, size_t max,
					     size_t *n, enum attempt_line_kind kind,
					     int shown, const char *text)
{
	struct attempt_line *l;

	if (*n >= max)
		return NULL;
	l = &out[(*n)++];
	l->kind = kind;
	l->shown = shown;
	l->verdict[0] = '\0';
	l->label[0] = '\0';
	l->text = text != NULL ? text : "";
	return l;
}

size_t attempt_feedback(const struct attempt *a, const char *verdict,
			const char *note, struct attempt_line *out, size_t max)
{
	const struct question *q = &a->q;
	const struct attempt_grade *g = &a->grade;
	struct attempt_line *l;
	size_t n = 0;

	if (q->type == QUESTION_CARD) {
		l = attempt_line_add(out, max, &n, ATTEMPT_LINE_BACK, -1, q->back);
		if (l != NULL)
			snprintf(l->label, sizeof(l->label), "Answer: ");
	} else {
		l = attempt_line_add(out, max, &n,
				     g->correct ? ATTEMPT_LINE_RIGHT
				     : g->answered ? ATTEMPT_LINE_WRONG : ATTEMPT_LINE_UNANSWERED,
				     -1, "");
		if (l != NULL) {
			snprintf(l->verdict, sizeof(l->verdict), "%s",
				 verdict != NULL ? verdict
				 : g->correct ? "Right" : g->answered ? "Wrong" : "Not answered");
			snprintf(l->label, sizeof(l->label), "%s%sthe answer is %s",
				 note != NULL ? note : "", note != NULL ? "; " : "", g->right);
		}
	}
	if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI) {
		for (size_t i = 0; i < q->nslots; i++) {
			if (g->mark[i] != ATTEMPT_MARK_RIGHT && g->mark[i] != ATTEMPT_MARK_MISSED)
				continue;
			l = attempt_line_add(out, max, &n, ATTEMPT_LINE_ANSWER, (int)i, q->slot[a->order[i]]);
			if (l != NULL)
				snprintf(l->label, sizeof(l->label), "%c) ", keys_label(q->type, i));
		}
		for (size_t i = 0; i < q->nslots; i++) {
			const char *why = q->why_not[a->order[i]];

			if (g->mark[i] != ATTEMPT_MARK_WRONG || why == NULL)
				continue;
			l = attempt_line_add(out, max, &n, ATTEMPT_LINE_WHY_NOT, (int)i, why);
			if (l != NULL)
				snprintf(l->label, sizeof(l->label), "Why not %c: ",
					 keys_label(q->type, i));
		}
	} else if (q->type == QUESTION_SORT) {
		for (size_t i = 0; i < q->nslots; i++) {
			enum question_owner o;

			if (g->mark[i] == ATTEMPT_MARK_RIGHT)
				continue;
			l = attempt_line_add(out, max, &n, ATTEMPT_LINE_SORT_FIX, (int)i, q->slot[i]);
			if (l == NULL)
				continue;
			if (attempt_placed(a, i, &o))
				snprintf(l->label, sizeof(l->label), "%zu. %s, not %s: ", i + 1,
					 question_owner_name(q->item_owner[i]), question_owner_name(o));
			else
				snprintf(l->label, sizeof(l->label), "%zu. %s (not sorted): ", i + 1,
					 question_owner_name(q->item_owner[i]));
		}
	}
	if (a->item.explanation != NULL && a->item.explanation[0] != '\0') {
		l = attempt_line_add(out, max, &n, ATTEMPT_LINE_WHY, -1, a->item.explanation);
		if (l != NULL)
			snprintf(l->label, sizeof(l->label), "Why: ");
	}
	if (a->item.source != NULL && a->item.source[0] != '\0') {
		l = attempt_line_add(out, max, &n, ATTEMPT_LINE_SOURCE, -1, a->item.source);
		if (l != NULL)
			snprintf(l->label, sizeof(l->label), "Source: ");
	}
	return n;
}

void attempt_response_text(const struct attempt *a, char *buf, size_t len)
{
	question_response_text(&a->q, &a->response, buf, len);
}

int attempt_restore(struct attempt *a, const char *text)
{
	if (question_response_parse(&a->q, text, &a->response) < 0) {
		memset(&a->response, 0, sizeof(a->response));
		return -1;
	}
	a->grade.graded = false;
	return 0;
}

void attempt_show(struct attempt *a, int64_t now)
{
	a->shown_at = now;
}

void attempt_hide(struct attempt *a, int64_t now)
{
	if (a->shown_at > 0 && now > a->shown_at)
		a->spent_ms += now - a->shown_at;
	a->shown_at = 0;
}
