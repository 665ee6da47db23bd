/*
 * class.c - the state of a live class (see include/whose/class.h).
 *
 * Every call that shows or grades a question is in the section "the
 * question, as a class asks it" below: class_q_shown, class_q_parse,
 * class_q_grade, class_q_right_text, class_q_spread.  That is the one
 * place to move to the core's attempt type.  A student's own feedback
 * at the reveal already comes from it (class_feedback: attempt_feedback
 * on the question as the drill shows it, with the student's answer).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whose/class.h"
#include "whose/text.h"

struct class_question {
	const char *qid, *topic, *text, *explanation;
	const struct attempt *a;     /* for class_feedback, or NULL */
	const struct question *q;
	size_t order[QUESTION_MAX_SLOTS];
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

static const char class_letters[] = "ABCDEFGH";

static void class_q_shown(const struct class_question *cq, struct class_shown *out)
{
	const struct question *q = cq->q;

	memset(out, 0, sizeof(*out));
	out->type = question_type_name(q->type);
	out->topic = cq->topic;
	out->text = cq->text;
	if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI ||
	    q->type == QUESTION_SORT) {
		out->nslots = q->nslots;
		for (size_t i = 0; i < q->nslots; i++)
			out->slot[i] = q->slot[cq->order[i]];
	}
}

/* The owner named by WORD: its name or its first letter. */
static int class_q_owner(const char *word)
{
	if (strcasecmp(word, "a") == 0)
		return QUESTION_AWS;
	if (strcasecmp(word, "c") == 0)
		return QUESTION_CUSTOMER;
	if (strcasecmp(word, "s") == 0)
		return QUESTION_SHARED;
	return question_owner_from_name(word);
}

/* Split TEXT at '|' into at most MAX words in BUF; returns how many, or
 * -1 when there are more or one is empty. */
static int class_q_words(const char *text, char *buf, size_t len, char **words,
			 size_t max)
{
	size_t n = 0;
	char *p;

	if (strlen(text) >= len)
		return -1;
	strcpy(buf, text);
	p = buf;
	for (;;) {
		char *bar = strchr(p, '|');

		if (bar != NULL)
			*bar = '\0';
		if (*p == '\0' || n == max)
			return -1;
		words[n++] = p;
		if (bar == NULL)
			return (int)n;
		p = bar + 1;
	}
}

/*
 * Read the shown-form answer TEXT to CQ into R and its recorded form into
 * REC[LEN]; 0, or -1 with a hint for the student in ERR.
 */
static int class_q_parse(const struct class_question *cq, const char *text,
			 struct question_response *r, char *rec, size_t len,
			 struct whose_error *err)
{
	const struct question *q = cq->q;
	char buf[CLASS_WORD_MAX + 1], *w[QUESTION_MAX_SLOTS + 1];
	char single[QUESTION_MAX_SLOTS][2];
	int n = class_q_words(text, buf, sizeof(buf), w, QUESTION_MAX_SLOTS);

	memset(r, 0, sizeof(*r));
	rec[0] = '\0';
	if (n < 0)
		return whose_error_set(err, WHOSE_EINVAL, "that is not an answer to this question");
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI: {
		size_t o = 0;

		/* "AC" reads as "A|C". */
		if (n == 1 && strlen(w[0]) > 1 && q->type == QUESTION_MULTI) {
			size_t k = strlen(w[0]);

			if (k > q->nslots)
				return whose_error_set(err, WHOSE_EINVAL, "choose among the letters shown");
			for (size_t i = 0; i < k; i++) {
				single[i][0] = w[0][i];
				single[i][1] = '\0';
			}
			for (size_t i = 0; i < k; i++)
				w[i] = single[i];
			n = (int)k;
		}
		if (q->type == QUESTION_CHOICE && n != 1)
			return whose_error_set(err, WHOSE_EINVAL, "choose one letter");
		for (int i = 0; i < n; i++) {
			char c = w[i][0];
			size_t pos;

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			pos = (size_t)(c - 'A');
			if (w[i][1] != '\0' || c < 'A' || pos >= q->nslots)
				return whose_error_set(err, WHOSE_EINVAL, "choose among the letters shown (A to %c)",
						       class_letters[q->nslots - 1]);
			if (r->mask & (1u << cq->order[pos]))
				return whose_error_set(err, WHOSE_EINVAL, "each letter once");
			r->mask |= 1u << cq->order[pos];
		}
		/* The recorded form: shown letters in shown order. */
		for (size_t pos = 0; pos < q->nslots; pos++) {
			if (!(r->mask & (1u << cq->order[pos])))
				continue;
			if (o > 0 && o + 1 < len)
				rec[o++] = '|';
			if (o + 1 < len)
				rec[o++] = class_letters[pos];
		}
		rec[o] = '\0';
		return 0;
	}
	case QUESTION_TRUEFALSE:
		if (n == 1 && (strcasecmp(w[0], "true") == 0 || strcasecmp(w[0], "t") == 0))
			r->truth = true;
		else if (n == 1 && (strcasecmp(w[0], "false") == 0 || strcasecmp(w[0], "f") == 0))
			r->truth = false;
		else
			return whose_error_set(err, WHOSE_EINVAL, "answer true or false");
		r->given = 1u;
		snprintf(rec, len, "%s", r->truth ? "true" : "false");
		return 0;
	case QUESTION_WHO: {
		int o = n == 1 ? class_q_owner(w[0]) : -1;

		if (o < 0)
			return whose_error_set(err, WHOSE_EINVAL, "answer AWS, Customer or Shared");
		r->owner = (enum question_owner)o;
		r->given = 1u;
		snprintf(rec, len, "%s", question_owner_name(r->owner));
		return 0;
	}
	case QUESTION_SORT: {
		size_t o = 0;

		if ((size_t)n != q->nslots)
			return whose_error_set(err, WHOSE_EINVAL, "give an owner for each of the %zu items, in order",
					       q->nslots);
		for (int i = 0; i < n; i++) {
			int ow = class_q_owner(w[i]);
			const char *name;

			if (ow < 0)
				return whose_error_set(err, WHOSE_EINVAL, "each item's owner is AWS, Customer or Shared");
			/* Sort items keep the bank's order (question_order). */
			r->item_owner[cq->order[i]] = (enum question_owner)ow;
			/* What the feedback reads ("item not sorted" without it). */
			r->given |= 1u << cq->order[i];
			name = question_owner_name((enum question_owner)ow);
			if (o + strlen(name) + 2 < len) {
				if (i > 0)
					rec[o++] = '|';
				strcpy(rec + o, name);
				o += strlen(name);
			}
		}
		return 0;
	}
	default:
		return whose_error_set(err, WHOSE_EINVAL, "this question cannot be answered in a class");
	}
}

static bool class_q_grade(const struct class_question *cq, const struct question_response *r)
{
	return question_grade(cq->q, r);
}

/* The right answer of CQ in the shown form into BUF[LEN]. */
static void class_q_right_text(const struct class_question *cq, char *buf, size_t len)
{
	const struct question *q = cq->q;
	size_t o = 0;

	buf[0] = '\0';
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t pos = 0; pos < q->nslots && o + 3 < len; pos++) {
			if (!(q->correct_mask & (1u << cq->order[pos])))
				continue;
			if (o > 0)
				buf[o++] = '|';
			buf[o++] = class_letters[pos];
		}
		buf[o] = '\0';
		break;
	case QUESTION_TRUEFALSE:
		snprintf(buf, len, "%s", q->truth ? "true" : "false");
		break;
	case QUESTION_WHO:
		snprintf(buf, len, "%s", question_owner_name(q->owner));
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			const char *name = question_owner_name(q->item_owner[cq->order[i]]);

			if (o + strlen(name) + 2 >= len)
				break;
			if (i > 0)
				buf[o++] = '|';
			strcpy(buf + o, name);
			o += strlen(name);
		}
		break;
	default:
		break;
	}
}

/* Count one recorded answer REC of CQ into SP. */
static void class_q_spread_add(const struct class_question *cq, const char *rec,
			       struct class_spread *sp)
{
	const struct question *q = cq->q;
	struct question_response r;
	struct whose_error err;
	char again[CLASS_WORD_MAX + 1];

	if (class_q_parse(cq, rec, &r, again, sizeof(again), &err) < 0)
		return;
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t pos = 0; pos < q->nslots; pos++)
			sp->count[pos] += (r.mask >> cq->order[pos]) & 1u;
		break;
	case QUESTION_TRUEFALSE:
		sp->count[r.truth ? 0 : 1]++;
		break;
	case QUESTION_WHO:
		sp->count[r.owner]++;
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++)
			sp->count[i] += r.item_owner[cq->order[i]] == q->item_owner[cq->order[i]];
		break;
	default:
		break;
	}
}

static void class_q_spread_labels(const struct class_question *cq, struct class_spread *sp)
{
	const struct question *q = cq->q;

	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		sp->n = q->nslots;
		for (size_t pos = 0; pos < q->nslots; pos++) {
			snprintf(sp->label[pos], sizeof(sp->label[pos]), "%c", class_letters[pos]);
			sp->right[pos] = (q->correct_mask >> cq->order[pos]) & 1u;
		}
		break;
	case QUESTION_TRUEFALSE:
		sp->n = 2;
		snprintf(sp->label[0], sizeof(sp->label[0]), "true");
		snprintf(sp->label[1], sizeof(sp->label[1]), "false");
		sp->right[0] = q->truth;
		sp->right[1] = !q->truth;
		break;
	case QUESTION_WHO:
		sp->n = QUESTION_NOWNERS;
		for (size_t o = 0; o < QUESTION_NOWNERS; o++) {
			snprintf(sp->label[o], sizeof(sp->label[o]), "%s",
				 question_owner_name((enum question_owner)o));
			sp->right[o] = q->owner == (enum question_owner)o;
		}
		break;
	case QUESTION_SORT:
		sp->n = q->nslots;
		for (size_t i = 0; i < q->nslots; i++) {
			snprintf(sp->label[i], sizeof(sp->label[i]), "item %u", (unsigned)(i + 1) % 100u);
			sp->right[i] = true;
		}
		break;
	default:
		break;
	}
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

int class_add_question(struct class *c, const char *qid, const char *topic,
		       const char *text, const char *explanation,
		       const struct question *q, const size_t *order,
		       struct whose_error *err)
{
	struct class_question *cq;

	if (c->state != CLASS_LOBBY || c->ns > 0)
		return whose_error_set(err, WHOSE_EINVAL, "questions are added before anyone joins");
	if (q->type == QUESTION_CARD || q->type >= QUESTION_NTYPES)
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
	cq->topic = topic;
	cq->text = text;
	cq->explanation = explanation;
	cq->q = q;
	memcpy(cq->order, order, sizeof(cq->order[0]) * (q->nslots ? q->nslots : 0));
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
		struct question_response r;
		struct whose_error err;
		char rec[CLASS_WORD_MAX + 1];

		a->outcome = CLASS_NONE;
		a->points = 0;
		if (!a->answered)
			continue;
		if (class_q_parse(cq, a->text, &r, rec, sizeof(rec), &err) < 0 ||
		    !class_q_grade(cq, &r)) {
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

void class_question_attempt(struct class *c, size_t index, const struct attempt *a)
{
	if (index < c->nq)
		c->qs[index].a = a;
}

void class_feedback(const struct class *c, size_t index, size_t id, char *buf, size_t len)
{
	const struct class_question *cq;
	const struct class_answer *ans;
	struct attempt_line lines[ATTEMPT_LINES_MAX];
	struct question_response r;
	struct whose_error err;
	struct attempt shown;
	char rec[CLASS_WORD_MAX + 1];
	size_t n, o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (index >= c->nq || id >= c->ns || !c->qs[index].closed || c->qs[index].a == NULL)
		return;
	cq = &c->qs[index];
	ans = &c->st[id].answers[index];
	/* The question as shown, with this student's answer graded: a copy
	 * that borrows the texts (never freed, never saved anywhere). */
	shown = *cq->a;
	shown.sink.save = NULL;
	shown.committed = false;
	memset(&shown.response, 0, sizeof(shown.response));
	if (ans->answered && class_q_parse(cq, ans->text, &r, rec, sizeof(rec), &err) == 0)
		shown.response = r;
	attempt_grade(&shown, false);
	n = attempt_feedback(&shown, NULL, NULL, lines, ATTEMPT_LINES_MAX);
	for (size_t i = 0; i < n && o < len; i++) {
		int w;

		if (lines[i].kind != ATTEMPT_LINE_WHY_NOT && lines[i].kind != ATTEMPT_LINE_SORT_FIX &&
		    lines[i].kind != ATTEMPT_LINE_SOURCE)
			continue;
		w = snprintf(buf + o, len - o, "%s%s%s", o > 0 ? "\n" : "", lines[i].label, lines[i].text);
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
	if (index >= c->nq || !c->qs[index].closed)
		return -1;
	class_q_right_text(&c->qs[index], buf, len);
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
	class_q_spread_labels(cq, out);
	out->students = c->ns;
	for (size_t i = 0; i < c->ns; i++) {
		const struct class_answer *a = &c->st[i].answers[index];

		if (!a->answered)
			continue;
		out->answered++;
		out->right_count += a->outcome == CLASS_RIGHT;
		class_q_spread_add(cq, a->text, out);
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
