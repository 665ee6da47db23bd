/*
 * screen_study.c - the question screen of a review or a practice.
 *
 * One question at a time, as the session hands it over:
 *
 *     ASKING --answer / turn--> ANSWERED --rating (Enter: suggested)--> next
 *       |  ^                       |
 *       |  +--------- u ----------+  (review: the answer is saved, then
 *       |                             undone; practice: rate first)
 *       +-- u: the previous answer (or flag) is undone, its question shown again
 *       +-- !: NOTING: a one-line note is typed; Enter reports the question
 *              (it leaves the rotation; the next question), Esc cancels
 *       +-- m: marks the question for review, or unmarks it (the bookmark
 *              of every mode; nothing else changes)
 *
 * The rules are those of the plain front end: a wrong answer is rated
 * Again and nothing else; a right one Again ("I guessed"), Hard, Good or
 * Easy, Enter taking Good; a card is turned with Space and then rated 1-4;
 * when two ratings give the same interval it is shown once.  In practice
 * there is no rating step: Enter goes on (the practice line says so).  Esc ends the
 * session early (summary), q leaves for the home screen (nothing is lost:
 * no question); in both cases the session saves an answered question with
 * its suggested rating (session_free).
 *
 * The screen:
 *
 *     Review · EC2         12 left: 3 learning, 4 due, 5 new · time 1:04
 *     (Practice: a line saying due dates do not change)
 *     the question, wrapped; the choices; after the answer: Right/Wrong,
 *     the right answer marked, why not, why, the source       body (scrolls)
 *     a notice, the rating keys with intervals, or a hint    status line
 *     a-d Answer  u Undo  m Mark  ! Report  Esc End  ? Help  q Leave
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/text.h"

static const char *const tui_study_ratings[5] = { "", "Again", "Hard", "Good", "Easy" };

struct tui_study {
	struct tui_screen base;
	struct session *sess;
	const struct session_item *it;   /* borrowed from the session */
	int64_t *topics;                 /* practice topics, owned */
	size_t ntopics;
	enum session_mode mode;
	size_t limit;                    /* review: most questions, 0: none */
	int64_t started;                 /* when the session began, ms */
	size_t done, left;               /* session_progress after the last move */
	struct session_left counts;      /* what is left, by kind */
	bool noting;                     /* typing the note of a flag */
	char note[200];
	size_t note_len;
	struct tui_qview view;           /* the answer being put together */
	bool marked;                     /* the question is marked for review */
	size_t top;                      /* the body's scroll */
	struct tui_doc doc;              /* the body, built at each frame */
	char *passed;                    /* questions passed over before the
	                                    one on screen (raw), or NULL */
};

static const struct tui_screen_ops tui_study_ops;

static void tui_study_free(struct tui *t, struct tui_screen *base)
{
	struct tui_study *s = (struct tui_study *)base;

	(void)t;
	session_free(s->sess);   /* saves an answered, unrated question */
	tui_doc_free(&s->doc);
	free(s->topics);
	free(s->passed);
	free(s);
}

/* Keep the session's notice (a question passed over), if it has one,
 * for the next summary (t->skipped); returns it (raw, the session's) or
 * NULL. */
static const char *tui_keep_skipped(struct tui *t, struct session *sess)
{
	const char *n = session_take_notice(sess);
	size_t have = t->skipped != NULL ? strlen(t->skipped) : 0;
	char *grown;

	if (n == NULL)
		return NULL;
	grown = realloc(t->skipped, have + strlen(n) + 2);
	if (grown != NULL) {
		snprintf(grown + have, strlen(n) + 2, "%s%s", have > 0 ? " " : "", n);
		t->skipped = grown;
	}
	return n;
}

/* After session_next: what it passed over shows above the new question
 * (whole, wrapped: it says how to repair it) and waits for the summary. */
static void tui_study_passed(struct tui *t, struct tui_study *s)
{
	const char *n = tui_keep_skipped(t, s->sess);

	free(s->passed);
	s->passed = n != NULL ? strdup(n) : NULL;
}

/* A new question (or the same one again) is on screen. */
static void tui_study_show(struct tui *t, struct tui_study *s, const struct session_item *it)
{
	/* Whether it is marked for review, for the header (a mark made
	 * elsewhere shows; a failed read shows none). */
	if (store_mark_get(t->store, it->a.item.question_id, &s->marked, NULL) < 0)
		s->marked = false;
	s->it = it;
	tui_qview_set(&s->view, &it->a);
	s->top = 0;
	session_progress(s->sess, &s->done, &s->left);
	session_left_now(s->sess, &s->counts);
}

/* The session is over: show its summary. */
static void tui_study_finish(struct tui *t, struct tui_study *s, const char *headline)
{
	size_t n;
	const struct session_tally *tally;
	struct tui_screen *sum;

	/* Save first, so that the summary counts an answered question too. */
	if (s->it != NULL && s->it->phase == SESSION_ANSWERED) {
		int rc = session_rate(s->sess, 0, t->err);

		if (rc < 0) {
			tui_fail(t, rc);
			return;
		}
	}
	tally = session_tallies(s->sess, &n);
	sum = tui_summary_new(t, headline, tally, n, s->mode);
	if (sum != NULL)
		tui_switch(t, sum);
}

/* Move on to the next question, or to the summary at the end. */
static void tui_study_next(struct tui *t, struct tui_study *s)
{
	const struct session_item *it;
	int rc = session_next(s->sess, &it, t->err);

	tui_study_passed(t, s);
	if (rc == WHOSE_ENOTFOUND) {
		char headline[96];
		size_t done, left;

		whose_error_clear(t->err);
		s->it = NULL;
		session_progress(s->sess, &done, &left);
		if (s->mode == SESSION_PRACTICE)
			snprintf(headline, sizeof(headline), "End of the practice set.");
		else if (s->limit > 0 && done >= s->limit)
			snprintf(headline, sizeof(headline), "Done: the %zu question%s you asked for.", s->limit,
				 s->limit == 1 ? "" : "s");
		else
			snprintf(headline, sizeof(headline), "Nothing more is due now. Well done.");
		tui_study_finish(t, s, headline);
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_study_show(t, s, it);
}

int tui_study_new(struct tui *t, const struct session_opts *o,
		  const int64_t *topics, size_t ntopics, struct tui_screen **out)
{
	struct tui_study *s;
	struct session_opts so = *o;
	const struct session_item *it;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return whose_error_set(t->err, WHOSE_ENOMEM, "out of memory");
	if (ntopics > 0) {
		s->topics = malloc(ntopics * sizeof(*s->topics));
		if (s->topics == NULL) {
			free(s);
			return whose_error_set(t->err, WHOSE_ENOMEM, "out of memory");
		}
		memcpy(s->topics, topics, ntopics * sizeof(*s->topics));
		s->ntopics = ntopics;
	}
	so.topics = s->topics;
	so.ntopics = s->ntopics;
	so.config = t->cfg;
	so.clock = t->clock;
	s->mode = so.mode;
	s->limit = so.limit;
	tui_doc_init(&s->doc, 1, !t->utf8);
	rc = session_new(t->store, &so, &s->sess, t->err);
	if (rc < 0)
		goto fail;
	rc = session_next(s->sess, &it, t->err);
	tui_study_passed(t, s);
	if (rc < 0)
		goto fail;
	s->started = clock_now(t->clock);
	tui_study_show(t, s, it);
	if (so.weak) {
		char weak[200];

		session_weak_text(s->sess, weak, sizeof(weak));
		tui_notice(t, TUI_S_NOTICE, "Your weakest topics (least ready first): %s.", weak);
	}
	s->base.ops = &tui_study_ops;
	*out = &s->base;
	return 0;
fail:
	session_free(s->sess);
	free(s->topics);
	free(s->passed);
	free(s);
	return rc;
}

/* Practise the questions IDS[N] (a practice session: no due date moves,
 * answers count toward topic scores) in place of the screen on view;
 * NONE is the notice when none of them can be asked. */
void tui_practise_questions(struct tui *t, const int64_t *ids, size_t n, const char *none)
{
	struct session_opts o = t->base;
	struct tui_screen *s = NULL;
	int rc;

	if (n == 0) {
		tui_notice(t, TUI_S_NOTICE, "%s", none);
		return;
	}
	o.mode = SESSION_PRACTICE;
	o.weak = false;
	o.marked = false;
	o.limit = 0;
	o.topics = NULL;
	o.ntopics = 0;
	o.questions = ids;
	o.nquestions = n;
	rc = tui_study_new(t, &o, NULL, 0, &s);
	if (rc == WHOSE_ENOTFOUND) {
		whose_error_clear(t->err);
		tui_notice(t, TUI_S_NOTICE, "%s", none);
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_switch(t, s);
}

/* The line that says what a practice does not do, as long as it fits. */
static const char *tui_study_practice_line(const struct tui *t)
{
	static const char *const lines[] = {
		"Practice: answers count toward topic scores; due dates do not change; no rating step.",
		"Practice: due dates do not change, so there is no rating step.",
		"Practice: due dates do not change; no rating.",
		"Practice: due dates stay.",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (text_width(lines[i]) + 2 <= (size_t)t->cols)
			return lines[i];
	return lines[3];
}

/* ---- the body --------------------------------------------------------- */

/* The status line: the rating keys with their intervals, or a hint. */
static void tui_study_status(struct tui *t, struct tui_study *s, int y)
{
	const struct session_item *it = s->it;
	char buf[160];
	int x = 1;

	if (s->noting) {
		x += (int)tui_draw_text(t, y, x, "Note (optional), Enter reports, Esc cancels:", (size_t)t->cols - 2,
					TUI_S_NOTICE) + 1;
		if (x < t->cols - 2) {
			/* The end of the note, as much as fits, then the cursor. */
			size_t room = (size_t)(t->cols - 2 - x), w = text_width(s->note);
			const char *tail = s->note;

			while (w + 1 > room && *tail != '\0') {
				tail += text_utf8_seq_len((unsigned char)*tail);
				w = text_width(tail);
			}
			x += (int)tui_draw_text(t, y, x, tail, room, TUI_S_NORMAL);
			tui_draw_text(t, y, x, "_", 1, TUI_S_KEY);
		}
		return;
	}
	if (tui_draw_notice(t, y))
		return;
	if (it->phase == SESSION_ANSWERED && !it->needs_rating && s->mode == SESSION_PRACTICE) {
		x += (int)tui_draw_text(t, y, x, "Enter", 6, TUI_S_KEY) + 1;
		tui_draw_text(t, y, x, "next question (practice: no rating step)",
			      (size_t)t->cols - 2 - (size_t)x, TUI_S_NORMAL);
		return;
	}
	if (it->phase == SESSION_ANSWERED) {
		for (int r = 1; r <= 4; r++) {
			char num[4];

			if (!it->allowed[r])
				continue;
			snprintf(num, sizeof(num), "%d", r);
			x += (int)tui_draw_text(t, y, x, num, 2, TUI_S_KEY) + 1;
			/* After a right answer, Again says "I guessed"; an
			 * interval two ratings share is shown once, after
			 * the second ("3 Good / 4 Easy 1d"). */
			snprintf(buf, sizeof(buf), "%s%s%s%s", tui_study_ratings[r],
				 r == 1 && it->a.grade.correct && !attempt_self_graded(&it->a) ? " (I guessed)" : "",
				 s->mode == SESSION_REVIEW && it->label[r - 1][0] != '\0' && !it->same_as_next[r] ? " " : "",
				 s->mode == SESSION_REVIEW && !it->same_as_next[r] ? it->label[r - 1] : "");
			x += (int)tui_draw_text(t, y, x, buf, (size_t)t->cols, r == it->suggested ? TUI_S_BOLD : TUI_S_NORMAL);
			if (it->same_as_next[r])
				x += (int)tui_draw_text(t, y, x + 1, "/", 1, TUI_S_DIM) + 2;
			else
				x += 3;
		}
		x += (int)tui_draw_text(t, y, x, "Enter", 6, TUI_S_KEY) + 1;
		tui_draw_text(t, y, x, tui_study_ratings[it->suggested], (size_t)t->cols, TUI_S_NORMAL);
		return;
	}
	tui_qview_hint(&s->view, buf, sizeof(buf));
	tui_draw_text(t, y, 1, buf, (size_t)t->cols - 2, TUI_S_DIM);
}

static void tui_study_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_study *s = (struct tui_study *)base;
	const struct session_item *it = s->it;
	char left[160], right[128], elapsed[16];
	int body_y = 2, body_h, status_y = t->lines - 2;

	if (it == NULL)
		return;
	tui_layout_elapsed(clock_now(t->clock) - s->started, elapsed, sizeof(elapsed));
	snprintf(left, sizeof(left), "%s %s %s%s", s->mode == SESSION_REVIEW ? "Review" : "Practice",
		 tui_draw_sym(t, TUI_SYM_DOT), it->a.item.topic, s->marked ? " [marked]" : "");
	/* What is left today, not a count that climbs as learning steps
	 * come back; the clock is labelled, so that it does not read as a
	 * countdown. */
	snprintf(right, sizeof(right), "%zu left: %zu learning, %zu due, %zu new %s time %s",
		 s->counts.total, s->counts.learning, s->counts.due, s->counts.fresh,
		 tui_draw_sym(t, TUI_SYM_DOT), elapsed);
	/* The kinds go first when the topic would not fit beside them. */
	if (s->mode == SESSION_PRACTICE || text_width(left) + text_width(right) + 4 > (size_t)t->cols)
		snprintf(right, sizeof(right), "%zu left %s time %s", s->counts.total,
			 tui_draw_sym(t, TUI_SYM_DOT), elapsed);
	tui_draw_header(t, left, right);
	if (s->mode == SESSION_PRACTICE) {
		tui_draw_text(t, 1, 1, tui_study_practice_line(t), (size_t)t->cols - 2, TUI_S_NOTICE);
		body_y = 3;
	}
	body_h = status_y - body_y - 1;
	if (body_h < 1)
		body_h = 1;

	tui_doc_free(&s->doc);
	tui_doc_init(&s->doc, (size_t)t->cols > 4 ? (size_t)t->cols - 4 : 1, !t->utf8);
	if (s->passed != NULL) {
		tui_doc_add(&s->doc, NULL, TUI_S_NORMAL, s->passed, TUI_S_NOTICE, -1);
		tui_doc_blank(&s->doc);
	}
	if (it->phase == SESSION_ASKING)
		tui_qview_asking(t, &s->view, &s->doc);
	else
		tui_qview_answered(t, &s->view, NULL, NULL, &s->doc);
	s->top = it->phase == SESSION_ASKING
		 ? tui_qview_follow(&s->view, &s->doc, s->top, (size_t)body_h)
		 : tui_layout_scroll_clamp(s->top, s->doc.n, (size_t)body_h);
	tui_draw_doc(t, &s->doc, body_y, 2, body_h, s->top);
	tui_study_status(t, s, status_y);
	{
		size_t count = 0;
		unsigned ctx = base->ops->keys(t, base, &count);

		tui_draw_footer(t, ctx, count);
	}
}

static unsigned tui_study_keys(struct tui *t, struct tui_screen *base, size_t *count)
{
	struct tui_study *s = (struct tui_study *)base;

	(void)t;
	*count = 0;
	if (s->it == NULL || s->noting)
		return 0;
	if (s->it->phase == SESSION_ANSWERED)
		return TUI_CTX_RATE;
	*count = tui_qview_count(&s->view);
	return TUI_CTX_LEARN | tui_qview_context(&s->view);
}

/* Grade the answer put together on screen. */
static void tui_study_grade(struct tui *t, struct tui_study *s)
{
	int rc = session_grade(s->sess, t->err);

	if (rc < 0)
		tui_fail(t, rc);
	s->top = 0;
}

static void tui_study_rate(struct tui *t, struct tui_study *s, int rating)
{
	const struct session_item *it = s->it;
	int rc, used;

	if (s->mode == SESSION_PRACTICE && !it->needs_rating)
		rating = 0;   /* practice: any rating key goes on */
	if (rating > 0 && !it->allowed[rating]) {
		tui_notice(t, TUI_S_NOTICE, "A wrong answer is rated Again: press 1 or Enter.");
		return;
	}
	used = rating > 0 ? rating : it->suggested;
	rc = session_rate(s->sess, rating, t->err);
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	if (it->became_leech)
		tui_notice(t, TUI_S_NOTICE,
			   "The last question became a leech (forgotten too often): it is suspended from reviews.");
	else if (s->mode == SESSION_REVIEW)
		tui_notice(t, TUI_S_DIM, "Saved: %s, next in %s.", tui_study_ratings[used],
			   it->label[used - 1]);
	else
		tui_notice(t, TUI_S_DIM, "Saved.");
	tui_study_next(t, s);
}

static void tui_study_undo(struct tui *t, struct tui_study *s)
{
	const struct session_item *back;
	bool was_flag = session_undo_is_flag(s->sess);
	int rc;

	rc = session_undo(s->sess, &back, t->err);
	if (rc == WHOSE_ENOTFOUND) {
		char msg[WHOSE_ERROR_MAX];

		/* Nothing to undo, or the answer was taken over by another
		 * session on this profile: say so and carry on. */
		snprintf(msg, sizeof(msg), "%s", t->err->msg);
		msg[0] = (char)toupper((unsigned char)msg[0]);
		whose_error_clear(t->err);
		tui_notice(t, TUI_S_NOTICE, "%s.", msg);
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_study_show(t, s, back);
	tui_notice(t, TUI_S_NOTICE, "Undone: the last %s was taken back.",
		   was_flag ? "report" : "answer");
}

/* Flag the question on screen with the note typed (maybe none). */
static void tui_study_flag(struct tui *t, struct tui_study *s)
{
	int rc = session_flag(s->sess, s->note, t->err);

	s->noting = false;
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_notice(t, TUI_S_NOTICE, "Reported: it leaves the rotation; u takes the report back.");
	s->it = NULL;
	tui_study_next(t, s);
}

/* While a note is typed every key is text, but Enter, Esc and Backspace. */
static bool tui_study_raw(struct tui *t, struct tui_screen *base, int key)
{
	struct tui_study *s = (struct tui_study *)base;

	if (!s->noting)
		return false;
	if (key == TUI_KEY_ENTER) {
		tui_study_flag(t, s);
	} else if (key == TUI_KEY_ESC) {
		s->noting = false;
		tui_notice(t, TUI_S_NOTICE, "Not reported.");
	} else {
		tui_line_edit(s->note, sizeof(s->note), &s->note_len, key);
	}
	return true;
}

static void tui_study_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_study *s = (struct tui_study *)base;
	const struct session_item *it = s->it;
	size_t page = t->lines > 8 ? (size_t)t->lines - 6 : 1;
	int rc;

	if (it == NULL)
		return;
	switch (a) {
	case TUI_ACT_ANSWER:
	case TUI_ACT_CONFIRM:
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
		if (it->phase != SESSION_ASKING)
			break;
		rc = tui_qview_key(t, &s->view, session_attempt(s->sess), a, arg, t->err);
		if (rc < 0)
			tui_fail(t, rc);
		else if (rc == 1)
			tui_study_grade(t, s);
		break;
	case TUI_ACT_TURN:
		rc = session_reveal(s->sess, t->err);
		if (rc < 0)
			tui_fail(t, rc);
		s->top = 0;
		break;
	case TUI_ACT_RATE:
		tui_study_rate(t, s, arg);
		break;
	case TUI_ACT_UNDO:
		tui_study_undo(t, s);
		break;
	case TUI_ACT_SOURCE:
		if (it->phase == SESSION_ANSWERED)
			tui_qview_show_source(t, s->view.a);
		break;
	case TUI_ACT_MARK:
		s->marked = tui_mark(t, &it->a);
		break;
	case TUI_ACT_FLAG:
		s->noting = true;
		s->note_len = 0;
		s->note[0] = '\0';
		break;
	case TUI_ACT_END:
		tui_study_finish(t, s, "Session ended: everything answered is saved.");
		break;
	case TUI_ACT_PGUP:
		s->top = s->top > page ? s->top - page : 0;
		break;
	case TUI_ACT_PGDN:
		s->top += page;   /* clamped when drawn */
		break;
	default:
		break;
	}
}

static void tui_study_resize(struct tui *t, struct tui_screen *base)
{
	struct tui_study *s = (struct tui_study *)base;

	(void)t;
	/* Lines are wrapped again at the next frame: start at the top, but
	 * keep the sort cursor (the frame scrolls to it). */
	s->top = 0;
}

static const struct tui_screen_ops tui_study_ops = {
	.name = "study",
	.draw = tui_study_draw,
	.keys = tui_study_keys,
	.key = tui_study_key,
	.resize = tui_study_resize,
	.free = tui_study_free,
	.ticks = true,
	.raw = tui_study_raw,
};
