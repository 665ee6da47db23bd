/*
 * class.c - the state of a live class (see include/whose/class.h).
 *
 * A class has no grading or wording of its own: each question is the
 * drill's struct attempt, shown, parsed, graded and worded through it and
 * the one key map (keys.h), in the section "the question, as a class asks
 * it" below.  A student's answer is read by keys_parse_line, kept as a
 * response, graded by attempt_grade and worded by attempt_feedback, as in
 * review, exam and drill.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whose/class.h"
#include "whose/keys.h"
#include "whose/text.h"

struct class_question {
	const char *qid, *topic, *text, *explanation;
	const struct attempt *a;     /* borrowed: the question as shown */
	bool closed;
};

struct class {
	struct class_opts opts;
	enum class_state state;
	struct class_question *qs;
	size_t nq, capq;
	struct class_student *st;
	size_t ns, caps;
	size_t cur;          /* the question being asked or revealed */
	size_t closed;
	int64_t deadline;    /* ms, while ASKING */
	int64_t left;        /* ms, while PAUSED */
};

/* ---- the question, as a class asks it ------------------------------------- */

/*
 * Every question is the drill's attempt (borrowed): what it shows, how an
 * answer is read, graded and worded all come from the attempt and the one
 * key map (keys.h), as in review, exam and drill.  This module keeps the
 * students' responses and works on a scratch copy of the attempt per
 * student: it borrows the attempt's texts, has no sink and is never freed.
 */
static void class_q_scratch(const struct class_question *cq, const struct question_response *r,
			    struct attempt *out)
{
	*out = *cq->a;
	out->sink.save = NULL;
	out->sink.ctx = NULL;
	out->committed = false;
	memset(&out->response, 0, sizeof(out->response));
	if (r != NULL)
		out->response = *r;
	memset(&out->grade, 0, sizeof(out->grade));
}

static void class_q_shown(const struct class_question *cq, struct class_shown *out)
{
	const struct attempt *a = cq->a;

	memset(out, 0, sizeof(*out));
	out->type = a->q.type;
	out->type_name = question_type_name(a->q.type);
	out->topic = cq->topic;
	out->text = cq->text;
	out->marks = keys_marks_wanted(a);
	out->nslots = attempt_shown_count(a);
	for (size_t i = 0; i < out->nslots && i < QUESTION_MAX_SLOTS; i++)
		out->slot[i] = attempt_option_text(a, i);
}

/*
 * Read the answer TEXT to CQ (the key map's labels or words, '|' between
 * two: "b", "a|c", "t", "s", "a|c|s"; what keys_parse_line reads once the
 * bars are spaces) into R, and its recorded form (keys_response_line) into
 * REC[LEN]; 0, or -1 with the key map's hint for the student in ERR.
 */
static int class_q_parse(const struct class_question *cq, const char *text,
			 struct question_response *r, char *rec, size_t len,
			 struct whose_error *err)
{
	struct attempt scratch;
	char buf[CLASS_WORD_MAX + 1], hint[256];

	memset(r, 0, sizeof(*r));
	if (len > 0)
		rec[0] = '\0';
	if (strlen(text) >= sizeof(buf))
		return whose_error_set(err, WHOSE_EINVAL, "that answer is too long");
	strcpy(buf, text);
	for (char *p = buf; *p != '\0'; p++)
		if (*p == '|')
			*p = ' ';
	class_q_scratch(cq, NULL, &scratch);
	if (keys_parse_line(&scratch, buf, r, hint, sizeof(hint)) < 0)
		return whose_error_set(err, WHOSE_EINVAL, "%s", hint);
	scratch.response = *r;
	keys_response_line(&scratch, '|', rec, len);
	return 0;
}

/* CQ graded with the response R (NULL: none) into *OUT. */
static void class_q_graded(const struct class_question *cq, const struct question_response *r,
			   struct attempt *out)
{
	class_q_scratch(cq, r, out);
	attempt_grade(out, false);
}

/* ---- the class ------------------------------------------------------------ */

int class_new(const struct class_opts *o, struct class **out,
	      struct whose_error *err)
{
	struct class *c;

	*out = NULL;
	if (o->clock == NULL || o->seconds < 1 || o->seconds > CLASS_MAX_SECONDS)
		return whose_error_set(err, WHOSE_EINVAL,
				       "a class needs a clock and 1 to %d seconds per question",
				       CLASS_MAX_SECONDS);
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	c->opts = *o;
	c->state = CLASS_LOBBY;
	*out = c;
	return 0;
}

void class_free(struct class *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->ns; i++)
		free(c->st[i].answers);
	free(c->st);
	free(c->qs);
	free(c);
}

int class_add_question(struct class *c, const struct attempt *a, struct whose_error *err)
{
	struct class_question *cq;
	const char *qid = a->item.qid != NULL ? a->item.qid : "?";

	if (c->state != CLASS_LOBBY || c->ns > 0)
		return whose_error_set(err, WHOSE_EINVAL, "questions are added before anyone joins");
	if (attempt_self_graded(a) || attempt_shown_count(a) == 0)
		return whose_error_set(err, WHOSE_EINVAL, "%s: a card cannot be asked in a class", qid);
	if (c->nq == CLASS_MAX_QUESTIONS)
		return whose_error_set(err, WHOSE_EINVAL, "a class has at most %d questions",
				       CLASS_MAX_QUESTIONS);
	if (c->nq == c->capq) {
		size_t cap = c->capq ? c->capq * 2 : 16;
		struct class_question *grown = realloc(c->qs, cap * sizeof(*grown));

		if (grown == NULL)
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		c->qs = grown;
		c->capq = cap;
	}
	cq = &c->qs[c->nq];
	memset(cq, 0, sizeof(*cq));
	cq->qid = qid;
	cq->topic = a->item.topic != NULL ? a->item.topic : "";
	cq->text = a->item.question != NULL ? a->item.question : "";
	cq->explanation = a->item.explanation != NULL ? a->item.explanation : "";
	cq->a = a;
	c->nq++;
	return 0;
}

int class_join(struct class *c, uint32_t uid, const char *name, size_t *id,
	       bool *rejoined, struct whose_error *err)
{
	long found = class_find(c, uid);
	struct class_student *s;
	size_t len = strlen(name);
	uint32_t cp;

	*rejoined = false;
	if (c->state == CLASS_ENDED)
		return whose_error_set(err, WHOSE_EINVAL, "the class has ended");
	if (found >= 0) {
		c->st[found].connected = true;
		*id = (size_t)found;
		*rejoined = true;
		return 0;
	}
	if (len == 0 || len > CLASS_SHORT_MAX || !text_utf8_valid(name, len, NULL) ||
	    text_find_unsafe(name, len, &cp) >= 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "the account's name is empty, too long or holds control or format characters");
	if (c->ns == CLASS_MAX_STUDENTS)
		return whose_error_set(err, WHOSE_EINVAL, "the class is full (%d students)",
				       CLASS_MAX_STUDENTS);
	if (c->ns == c->caps) {
		size_t cap = c->caps ? c->caps * 2 : 32;
		struct class_student *grown = realloc(c->st, cap * sizeof(*grown));

		if (grown == NULL)
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		c->st = grown;
		c->caps = cap;
	}
	s = &c->st[c->ns];
	memset(s, 0, sizeof(*s));
	s->answers = calloc(c->nq ? c->nq : 1, sizeof(*s->answers));
	if (s->answers == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	s->uid = uid;
	memcpy(s->name, name, len + 1);
	s->connected = true;
	s->joined_at = c->cur;
	/* A newcomer ranks after everyone with points, tied with the rest. */
	s->rank = 1;
	for (size_t i = 0; i < c->ns; i++)
		if (c->st[i].points > 0)
			s->rank++;
	*id = c->ns++;
	return 0;
}

void class_leave(struct class *c, size_t id)
{
	if (id < c->ns)
		c->st[id].connected = false;
}

int class_start(struct class *c, struct whose_error *err)
{
	if (c->state != CLASS_LOBBY)
		return whose_error_set(err, WHOSE_EINVAL, "the class has already started");
	if (c->nq == 0)
		return whose_error_set(err, WHOSE_EINVAL, "the class has no question");
	c->state = CLASS_ASKING;
	c->cur = 0;
	c->deadline = clock_now(c->opts.clock) + (int64_t)c->opts.seconds * 1000;
	return 0;
}

int class_answer(struct class *c, size_t id, size_t index, const char *text,
		 char *recorded, size_t len, struct whose_error *err)
{
	struct class_answer *a;
	struct question_response r;
	char rec[CLASS_WORD_MAX + 1];
	int64_t now = clock_now(c->opts.clock);
	int rc;

	if (len > 0)
		recorded[0] = '\0';
	if (id >= c->ns)
		return whose_error_set(err, WHOSE_EINVAL, "no such student");
	if (c->state == CLASS_PAUSED)
		return whose_error_set(err, WHOSE_EINVAL, "the class is paused: wait for the teacher");
	if (c->state != CLASS_ASKING || index != c->cur)
		return whose_error_set(err, WHOSE_EINVAL, "that question is not being asked");
	if (now >= c->deadline)
		return whose_error_set(err, WHOSE_EINVAL, "time is up for this question");
	rc = class_q_parse(&c->qs[index], text, &r, rec, sizeof(rec), err);
	if (rc < 0)
		return rc;
	a = &c->st[id].answers[index];
	a->answered = true;
	a->response = r;
	snprintf(a->text, sizeof(a->text), "%s", rec);
	a->answered_at = now;
	a->left_ms = c->deadline - now;
	if (len > 0)
		snprintf(recorded, len, "%s", rec);
	return 0;
}

/* Grade question CUR, score it, rank everyone: REVEAL. */
static void class_close(struct class *c)
{
	struct class_question *cq;
	int64_t full = (int64_t)c->opts.seconds * 1000;

	/* Only a question being asked (or paused) closes, and only once. */
	assert(c->state == CLASS_ASKING || c->state == CLASS_PAUSED);
	assert(c->cur < c->nq);
	cq = &c->qs[c->cur];
	assert(!cq->closed);

	for (size_t i = 0; i < c->ns; i++) {
		struct class_student *s = &c->st[i];
		struct class_answer *a = &s->answers[c->cur];
		struct attempt graded;

		a->outcome = CLASS_NONE;
		a->points = 0;
		if (!a->answered)
			continue;
		class_q_graded(cq, &a->response, &graded);
		if (!graded.grade.correct) {
			a->outcome = CLASS_WRONG;
			continue;
		}
		a->outcome = CLASS_RIGHT;
		a->points = CLASS_POINTS_RIGHT;
		if (c->opts.speed_bonus && a->left_ms > 0)
			a->points += (unsigned)(CLASS_POINTS_BONUS * a->left_ms / full);
		s->score++;
		s->points += a->points;
	}
	/* Competition ranking: one more than those with more points. */
	for (size_t i = 0; i < c->ns; i++) {
		size_t above = 0;

		for (size_t j = 0; j < c->ns; j++)
			above += c->st[j].points > c->st[i].points;
		c->st[i].rank = above + 1;
	}
	cq->closed = true;
	c->closed++;
	assert(c->closed <= c->nq);
	c->state = CLASS_REVEAL;
}

bool class_tick(struct class *c)
{
	if (c->state != CLASS_ASKING || clock_now(c->opts.clock) < c->deadline)
		return false;
	class_close(c);
	return true;
}

int class_skip(struct class *c, struct whose_error *err)
{
	if (c->state != CLASS_ASKING && c->state != CLASS_PAUSED)
		return whose_error_set(err, WHOSE_EINVAL, "no question is being asked");
	class_close(c);
	return 0;
}

int class_pause(struct class *c, struct whose_error *err)
{
	if (c->state != CLASS_ASKING)
		return whose_error_set(err, WHOSE_EINVAL, "no question is being asked");
	c->left = class_time_left(c);
	c->state = CLASS_PAUSED;
	return 0;
}

int class_resume(struct class *c, struct whose_error *err)
{
	if (c->state != CLASS_PAUSED)
		return whose_error_set(err, WHOSE_EINVAL, "the class is not paused");
	c->deadline = clock_now(c->opts.clock) + c->left;
	c->state = CLASS_ASKING;
	return 0;
}

int class_next(struct class *c, struct whose_error *err)
{
	if (c->state != CLASS_REVEAL)
		return whose_error_set(err, WHOSE_EINVAL, "the answer of this question is not shown yet");
	if (c->cur + 1 >= c->nq) {
		c->state = CLASS_ENDED;
		return 0;
	}
	c->cur++;
	assert(c->cur < c->nq && !c->qs[c->cur].closed);
	c->state = CLASS_ASKING;
	c->deadline = clock_now(c->opts.clock) + (int64_t)c->opts.seconds * 1000;
	return 0;
}

void class_end(struct class *c)
{
	c->state = CLASS_ENDED;
}

enum class_state class_state(const struct class *c)
{
	assert((unsigned)c->state <= (unsigned)CLASS_ENDED);
	return c->state;
}

size_t class_current(const struct class *c)
{
	return c->cur;
}

size_t class_count(const struct class *c)
{
	return c->nq;
}

size_t class_closed(const struct class *c)
{
	return c->closed;
}

int64_t class_time_left(const struct class *c)
{
	int64_t left;

	if (c->state == CLASS_PAUSED)
		return c->left;
	if (c->state != CLASS_ASKING)
		return 0;
	left = c->deadline - clock_now(c->opts.clock);
	return left > 0 ? left : 0;
}

int64_t class_wait_ms(const struct class *c)
{
	return c->state == CLASS_ASKING ? class_time_left(c) : -1;
}

size_t class_students(const struct class *c)
{
	return c->ns;
}

size_t class_connected(const struct class *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->ns; i++)
		n += c->st[i].connected;
	return n;
}

const struct class_student *class_student(const struct class *c, size_t id)
{
	return id < c->ns ? &c->st[id] : NULL;
}

long class_find(const struct class *c, uint32_t uid)
{
	for (size_t i = 0; i < c->ns; i++)
		if (c->st[i].uid == uid)
			return (long)i;
	return -1;
}

size_t class_answered(const struct class *c)
{
	size_t n = 0;

	if (c->state != CLASS_ASKING && c->state != CLASS_PAUSED && c->state != CLASS_REVEAL)
		return 0;
	for (size_t i = 0; i < c->ns; i++)
		n += c->st[i].answers[c->cur].answered;
	return n;
}

int class_shown(const struct class *c, size_t index, struct class_shown *out)
{
	if (index >= c->nq)
		return -1;
	class_q_shown(&c->qs[index], out);
	return 0;
}

const char *class_qid(const struct class *c, size_t index)
{
	return index < c->nq ? c->qs[index].qid : NULL;
}

const char *class_topic(const struct class *c, size_t index)
{
	return index < c->nq ? c->qs[index].topic : NULL;
}

void class_feedback(const struct class *c, size_t index, size_t id, char *buf, size_t len)
{
	const struct class_question *cq;
	const struct class_answer *ans;
	struct attempt_line lines[ATTEMPT_LINES_MAX];
	struct attempt graded;
	size_t n, o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (index >= c->nq || id >= c->ns || !c->qs[index].closed)
		return;
	cq = &c->qs[index];
	ans = &c->st[id].answers[index];
	class_q_graded(cq, ans->answered ? &ans->response : NULL, &graded);
	n = attempt_feedback(&graded, NULL, NULL, lines, ATTEMPT_LINES_MAX);
	for (size_t i = 0; i < n && o < len; i++) {
		int w;

		/* "VERDICT: LABEL", then LABEL TEXT: as every mode words it. */
		if (lines[i].verdict[0] != '\0')
			w = snprintf(buf + o, len - o, "%s%s: %s%s", o > 0 ? "\n" : "", lines[i].verdict,
				     lines[i].label, lines[i].text);
		else
			w = snprintf(buf + o, len - o, "%s%s%s", o > 0 ? "\n" : "", lines[i].label,
				     lines[i].text);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	if (o >= len)
		buf[len - 1] = '\0';
}

int class_reveal(const struct class *c, size_t index, char *buf, size_t len,
		 const char **explanation)
{
	struct attempt graded;

	if (index >= c->nq || !c->qs[index].closed)
		return -1;
	class_q_graded(&c->qs[index], NULL, &graded);
	snprintf(buf, len, "%s", graded.grade.right);
	*explanation = c->qs[index].explanation;
	return 0;
}

int class_spread(const struct class *c, size_t index, struct class_spread *out)
{
	const struct class_question *cq;

	memset(out, 0, sizeof(*out));
	if (index >= c->nq || !c->qs[index].closed)
		return -1;
	cq = &c->qs[index];
	/* The options and which are part of the answer: the attempt graded
	 * with no response (a right option is then "missed"). */
	{
		struct attempt empty;
		size_t nright = 0;

		class_q_graded(cq, NULL, &empty);
		out->n = attempt_shown_count(&empty);
		for (size_t k = 0; k < out->n && k < QUESTION_MAX_SLOTS; k++) {
			snprintf(out->label[k], sizeof(out->label[k]), "%c", keys_label(empty.q.type, k));
			out->text[k] = attempt_option_text(cq->a, k);
			out->right[k] = empty.grade.mark[k] == ATTEMPT_MARK_MISSED;
			nright += out->right[k];
		}
		out->all_right = out->n > 0 && nright == out->n;
	}
	out->students = c->ns;
	for (size_t i = 0; i < c->ns; i++) {
		const struct class_answer *a = &c->st[i].answers[index];
		struct attempt graded;

		if (!a->answered)
			continue;
		out->answered++;
		out->right_count += a->outcome == CLASS_RIGHT;
		/* Chose it, or (where every option is part of the answer,
		 * a sort's items) put it right. */
		class_q_graded(cq, &a->response, &graded);
		for (size_t k = 0; k < out->n && k < QUESTION_MAX_SLOTS; k++)
			out->count[k] += graded.grade.mark[k] == ATTEMPT_MARK_RIGHT ||
					 (graded.grade.mark[k] == ATTEMPT_MARK_WRONG && !out->right[k]);
	}
	return 0;
}

/* By rank, then name, then uid: the same order every time. */
static const struct class *class_sort_ctx;

static int class_cmp_rank(const void *x, const void *y)
{
	const struct class_student *a = &class_sort_ctx->st[*(const size_t *)x];
	const struct class_student *b = &class_sort_ctx->st[*(const size_t *)y];
	int k;

	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	k = strcmp(a->name, b->name);
	if (k != 0)
		return k;
	return a->uid < b->uid ? -1 : a->uid > b->uid;
}

size_t class_ranking(const struct class *c, size_t *ids, size_t max)
{
	size_t *all, n = c->ns < max ? c->ns : max;

	if (c->ns == 0 || max == 0)
		return 0;
	all = malloc(c->ns * sizeof(*all));
	if (all == NULL) {
		/* Unsorted beats nothing when memory is short. */
		for (size_t i = 0; i < n; i++)
			ids[i] = i;
		return n;
	}
	for (size_t i = 0; i < c->ns; i++)
		all[i] = i;
	class_sort_ctx = c;
	qsort(all, c->ns, sizeof(*all), class_cmp_rank);
	class_sort_ctx = NULL;
	memcpy(ids, all, n * sizeof(*ids));
	free(all);
	return n;
}

int class_topics(const struct class *c, struct class_topic **out, size_t *n,
		 struct whose_error *err)
{
	struct class_topic *t = calloc(c->nq ? c->nq : 1, sizeof(*t));
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (t == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	for (size_t i = 0; i < c->nq; i++) {
		const struct class_question *cq = &c->qs[i];
		size_t j;

		if (!cq->closed)
			continue;
		for (j = 0; j < k && strcmp(t[j].name, cq->topic) != 0; j++)
			;
		if (j == k) {
			t[k].name = cq->topic;
			k++;
			/* Keep them by name: insertion, topics are few. */
			for (size_t m = k - 1; m > 0 && strcmp(t[m - 1].name, t[m].name) > 0; m--) {
				struct class_topic tmp = t[m - 1];

				t[m - 1] = t[m];
				t[m] = tmp;
				j = m - 1;
			}
		}
		t[j].questions++;
		for (size_t s = 0; s < c->ns; s++) {
			t[j].answers++;
			t[j].right += c->st[s].answers[i].outcome == CLASS_RIGHT;
		}
	}
	*out = t;
	*n = k;
	return 0;
}

const char *class_outcome_name(enum class_outcome o)
{
	switch (o) {
	case CLASS_RIGHT:
		return "right";
	case CLASS_WRONG:
		return "wrong";
	default:
		return "none";
	}
}
