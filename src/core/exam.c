/*
 * exam.c - a timed mock exam (see include/whose/exam.h for its life).
 *
 * The draw of the questions is exam_draw.c's; past exams (the trend,
 * forgetting one, the questions missed) are exam_history.c's.
 *
 * Resuming: everything an open exam is made of is in the store (each
 * question's shown order, response, flag and time on screen; the exam's
 * start, length, and the time its clock stood still), so exam_resume
 * rebuilds it from the rows alone, without replaying the draw.  The
 * clock is the exam's own: the deadline is the start plus the minutes
 * plus PAUSED_MS, which grows only while the learner is away from an
 * exam started with pause_when_away.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "whose/exam.h"
#include "whose/figures.h"
#include "whose/review.h"
#include "whose/rng.h"
#include "whose/text.h"
#include "exam_int.h"

struct exam {
	struct store *store;
	struct exam_opts opts;
	struct rng rng;
	int64_t id;
	int64_t started_at;
	int64_t deadline;        /* started_at + minutes + paused_ms */
	int64_t paused_ms;
	/* exam_now: the wall clock and the clock that only runs forward
	 * when this process took the exam up, and the latest time the exam
	 * has seen (saved answers, leaving it). */
	int64_t wall0, mono0, seen;
	size_t requested;
	bool read_only;          /* a past exam opened for review */
	bool abandoned;          /* (read only) it was given up */
	struct exam_item *items;
	size_t n;
	size_t visiting;         /* the question on screen, or n */
	bool submitted;
	struct exam_result result;
	int lock_fd;             /* the profile's exam lock (store_exam_lock),
	                            -1 when read only or in memory */
};

/*
 * The time for exam E: the wall clock, but never less than the wall time
 * when E was taken up plus the time that passed since on the clock that
 * only runs forward, nor than the latest time E saw.  A clock set back
 * during an exam (or between leaving it and resuming) never gives it
 * more time; one set forward takes time, as the wall clock says.
 */
static int64_t exam_now(const struct exam *e)
{
	int64_t now = clock_now(e->opts.clock);
	int64_t ran = e->wall0 + (clock_mono(e->opts.clock) - e->mono0);

	if (ran > now)
		now = ran;
	if (e->seen > now)
		now = e->seen;
	return now;
}

/* Take the clocks of E up now; SEEN is the latest time it saw before
 * (a wall clock set back since then runs on from there). */
static void exam_clock_start(struct exam *e, int64_t seen)
{
	e->wall0 = clock_now(e->opts.clock);
	if (seen > e->wall0)
		e->wall0 = seen;
	e->mono0 = clock_mono(e->opts.clock);
	e->seen = seen;
}

/* The profile's exam lock into *FD, or the message a busy one gets: ID is
 * the exam (0 for a new one), THEN what to do once it is left there. */
static int exam_lock(struct store *s, int64_t id, int *fd, const char *then,
		     struct whose_error *err)
{
	int rc = store_exam_lock(s, fd, err);

	if (rc != WHOSE_EBUSY)
		return rc;
	if (id != 0)
		return whose_error_set(err, WHOSE_EBUSY,
				       "exam %lld is open in another terminal: carry on there, or leave it there (q) %s",
				       (long long)id, then);
	return whose_error_set(err, WHOSE_EBUSY,
			       "an exam is open in another terminal: carry on there, or leave it there (q) %s",
			       then);
}

/* Save question I's response in progress and flag (one transaction): the
 * sink of every exam attempt. */
static int exam_save_item(struct exam *e, size_t i, struct whose_error *err);

static int exam_sink_save(const struct attempt *a, void *ctx, struct whose_error *err)
{
	struct exam *e = ctx;
	const struct exam_item *it = (const struct exam_item *)(const void *)
		((const char *)a - offsetof(struct exam_item, a));

	return exam_save_item(e, (size_t)(it - e->items), err);
}

/* Load question QUESTION_ID into IT: parse it and shuffle its choices. */
static int exam_load(struct exam *e, struct exam_item *it, int64_t question_id,
		     struct whose_error *err)
{
	int rc = attempt_load(&it->a, e->store, question_id, &e->rng, err);

	if (rc < 0)
		return rc;
	it->a.sink.save = exam_sink_save;
	it->a.sink.ctx = e;
	return 0;
}

/* The shown order of A as text: "2,0,1" (shown position -> bank slot). */
static void exam_order_text(const struct attempt *a, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < a->q.nslots && k < QUESTION_MAX_SLOTS && o < len; k++)
		o += (size_t)snprintf(buf + o, len - o, "%s%zu", k ? "," : "", a->order[k]);
}

/* Read an order written by exam_order_text into A, when it is a
 * permutation of A's slots; otherwise A keeps the bank's order. */
static void exam_order_read(struct attempt *a, const char *text)
{
	size_t order[QUESTION_MAX_SLOTS], k = 0;
	bool seen[QUESTION_MAX_SLOTS] = { false };
	const char *p = text;

	if (*p == '\0')
		return;
	while (*p != '\0' && k < QUESTION_MAX_SLOTS) {
		char *end;
		unsigned long v = strtoul(p, &end, 10);

		if (end == p || v >= a->q.nslots || seen[v])
			return;
		seen[v] = true;
		order[k++] = (size_t)v;
		p = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return;
	}
	if (k != a->q.nslots || *p != '\0')
		return;
	memcpy(a->order, order, k * sizeof(order[0]));
}

/* Store the exam and its questions (one transaction). */
static int exam_save_new(struct exam *e, struct whose_error *err)
{
	int rc = store_begin(e->store, err);

	if (rc < 0)
		return rc;
	rc = store_exam_add(e->store, e->started_at, e->opts.minutes, e->opts.pass_percent,
			    e->n, e->opts.seed, e->opts.pause_when_away, &e->id, err);
	for (size_t i = 0; i < e->n && rc == 0; i++) {
		char shown[QUESTION_MAX_SLOTS * 4 + 1];

		exam_order_text(&e->items[i].a, shown, sizeof(shown));
		rc = store_exam_add_question(e->store, e->id, i, e->items[i].a.item.question_id,
					     e->items[i].a.item.card.topic_id, shown, err);
	}
	/* Readiness of each question as drawn: what whose stats later
	 * compares with the answers (the Brier score). */
	if (rc == 0)
		rc = figures_exam_record(e->store, e->opts.config, e->id, e->started_at, err);
	if (rc == 0)
		rc = store_commit(e->store, err);
	if (rc < 0)
		store_rollback(e->store);
	return rc;
}

int exam_start(struct store *s, const struct exam_opts *o, struct exam **out,
	       struct whose_error *err)
{
	struct exam *e;
	int64_t *ids = NULL;
	int rc;

	*out = NULL;
	if (o->config == NULL || o->clock == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "an exam needs a configuration and a clock");
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	e->store = s;
	e->opts = *o;
	rc = exam_lock(s, 0, &e->lock_fd, "before starting one here", err);
	if (rc < 0) {
		free(e);
		return rc;
	}
	if (e->opts.questions == 0)
		e->opts.questions = EXAM_DEFAULT_QUESTIONS;
	if (e->opts.minutes == 0)
		e->opts.minutes = EXAM_DEFAULT_MINUTES;
	if (e->opts.pass_percent == 0)
		e->opts.pass_percent = EXAM_DEFAULT_PASS;
	if (e->opts.questions > EXAM_MAX_QUESTIONS || e->opts.minutes < 1 ||
	    e->opts.minutes > EXAM_MAX_MINUTES || e->opts.pass_percent < 1 ||
	    e->opts.pass_percent > 100) {
		exam_free(e);
		return whose_error_set(err, WHOSE_EINVAL,
				       "an exam has 1 to %d questions, 1 to %d minutes and a pass mark from 1 to 100%%",
				       EXAM_MAX_QUESTIONS, EXAM_MAX_MINUTES);
	}
	exam_clock_start(e, INT64_MIN);
	e->started_at = exam_now(e);
	if (e->opts.seed == 0)
		e->opts.seed = rng_seed_from_time(e->started_at);
	/* The store keeps 63 bits: keep the seed that it can give back. */
	e->opts.seed &= 0x7FFFFFFFFFFFFFFFULL;
	rng_seed(&e->rng, e->opts.seed);
	e->deadline = e->started_at + (int64_t)e->opts.minutes * 60000;
	e->requested = e->opts.questions;
	if (e->opts.ntopics > 0 && e->opts.topics == NULL)
		e->opts.ntopics = 0;

	rc = exam_draw(e->store, e->opts.topics, e->opts.ntopics, e->requested, &e->rng, &ids, &e->n, err);
	if (rc < 0)
		goto fail;
	e->visiting = e->n;
	e->items = calloc(e->n, sizeof(*e->items));
	if (e->items == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < e->n; i++) {
		rc = exam_load(e, &e->items[i], ids[i], err);
		if (rc < 0) {
			e->n = i;  /* free only what was loaded */
			goto fail;
		}
	}
	rc = exam_save_new(e, err);
	if (rc < 0)
		goto fail;
	free(ids);
	*out = e;
	return 0;
fail:
	free(ids);
	exam_free(e);
	return rc;
}

void exam_free(struct exam *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->n; i++)
		attempt_free(&e->items[i].a);
	free(e->items);
	free(e->result.topics);
	free(e->result.wrong);
	if (e->lock_fd >= 0)
		close(e->lock_fd);
	free(e);
}

size_t exam_count(const struct exam *e)
{
	return e->n;
}

size_t exam_requested(const struct exam *e)
{
	return e->requested;
}

int64_t exam_id(const struct exam *e)
{
	return e->id;
}

int exam_minutes(const struct exam *e)
{
	return e->opts.minutes;
}

int exam_pass_percent(const struct exam *e)
{
	return e->opts.pass_percent;
}

const struct exam_item *exam_item(const struct exam *e, size_t i)
{
	return i < e->n ? &e->items[i] : NULL;
}

size_t exam_unanswered(const struct exam *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->n; i++)
		n += !attempt_answered(&e->items[i].a);
	return n;
}

int64_t exam_time_left(const struct exam *e)
{
	int64_t left = e->deadline - exam_now(e);

	return left > 0 ? left : 0;
}

bool exam_expired(const struct exam *e)
{
	return exam_time_left(e) == 0;
}

bool exam_submitted(const struct exam *e)
{
	return e->submitted;
}

/* May question I change now?  Sets ERR when not. */
static int exam_open_for(const struct exam *e, size_t i, struct whose_error *err)
{
	if (e->submitted)
		return whose_error_set(err, WHOSE_EINVAL, "the exam is already submitted");
	if (exam_expired(e))
		return whose_error_set(err, WHOSE_EINVAL, "the time is up: the exam is to be submitted");
	if (i >= e->n)
		return whose_error_set(err, WHOSE_EINVAL, "there is no question %zu in this exam", i + 1);
	return 0;
}

/* Time question I has been on screen, this visit included. */
static int64_t exam_spent_now(const struct exam *e, size_t i, int64_t now)
{
	const struct attempt *a = &e->items[i].a;

	return a->spent_ms + (i == e->visiting && a->shown_at > 0 && now > a->shown_at
			      ? now - a->shown_at : 0);
}

static int exam_save_item(struct exam *e, size_t i, struct whose_error *err)
{
	struct exam_item *it = &e->items[i];
	char text[256];
	bool answered;
	int64_t now = exam_now(e);
	int rc = exam_open_for(e, i, err);

	if (rc < 0)
		return rc;
	answered = attempt_answered(&it->a);
	attempt_response_text(&it->a, text, sizeof(text));
	rc = store_exam_answer(e->store, e->id, i, answered ? text : NULL,
			       attempt_complete(&it->a) && question_grade(&it->a.q, &it->a.response),
			       it->flagged, exam_spent_now(e, i, now), now, err);
	if (rc == 0)
		it->answered_at = e->seen = now;
	return rc;
}

struct attempt *exam_attempt(struct exam *e, size_t i, struct whose_error *err)
{
	if (exam_open_for(e, i, err) < 0)
		return NULL;
	return &e->items[i].a;
}

int exam_answer(struct exam *e, size_t i, const struct question_response *r,
		struct whose_error *err)
{
	struct attempt *a = exam_attempt(e, i, err);

	return a != NULL ? attempt_set(a, r, err) : WHOSE_EINVAL;
}

int exam_clear(struct exam *e, size_t i, struct whose_error *err)
{
	struct attempt *a = exam_attempt(e, i, err);

	return a != NULL ? attempt_clear(a, err) : WHOSE_EINVAL;
}

int exam_visit(struct exam *e, size_t i, struct whose_error *err)
{
	int64_t now = exam_now(e);
	size_t left = e->visiting;
	int rc = 0;

	if (left < e->n)
		attempt_hide(&e->items[left].a, now);
	e->visiting = i < e->n ? i : e->n;
	if (e->visiting < e->n)
		attempt_show(&e->items[e->visiting].a, now);
	/* Keep the time of the question left, so that a resume has it. */
	if (left < e->n && left != e->visiting && !e->submitted && !e->read_only)
		rc = store_exam_spent(e->store, e->id, left, e->items[left].a.spent_ms, err);
	return rc;
}

int exam_flag(struct exam *e, size_t i, bool flagged, struct whose_error *err)
{
	bool before;
	int rc = exam_open_for(e, i, err);

	if (rc < 0)
		return rc;
	before = e->items[i].flagged;
	e->items[i].flagged = flagged;
	rc = exam_save_item(e, i, err);
	if (rc < 0) {
		e->items[i].flagged = before;
		return rc;
	}
	/* The exam's "come back to this" is the learner's one bookmark. */
	return store_mark_set(e->store, e->items[i].a.item.question_id, flagged,
			      clock_now(e->opts.clock), err);
}

/* The areas, as data: each topic of the bundled bank (questions/) in one
 * of five; anything else in the sixth. */
static const struct {
	const char *name;
	const char *about;
	const char *topics[8];
} exam_areas[EXAM_AREAS] = {
	{ "Foundations", "model, controls, compliance",
	  { "Fundamentals", "Service models", "Control types", "Compliance", "Best practices" } },
	{ "Identity & governance", "IAM, accounts, mistakes",
	  { "IAM", "Governance & accounts", "Misconfigurations" } },
	{ "Data & encryption", "storage, databases, keys",
	  { "S3", "Data protection", "Keys, HSMs & secrets", "DynamoDB", "RDS" } },
	{ "Compute & services", "EC2, serverless, containers",
	  { "EC2", "Lambda", "Containers", "EKS & ECR", "AI & ML services", "More managed services" } },
	{ "Network & operations", "network, edge, monitoring",
	  { "Network", "Edge & hybrid", "Monitoring & IR", "Security services",
	    "Resilience & sustainability" } },
	{ "Other topics", "another bank's topics", { NULL } },
};

const char *exam_area_name(size_t a)
{
	return a < EXAM_AREAS ? exam_areas[a].name : "";
}

const char *exam_area_about(size_t a)
{
	return a < EXAM_AREAS ? exam_areas[a].about : "";
}

size_t exam_area_of(const char *topic)
{
	for (size_t a = 0; a + 1 < EXAM_AREAS; a++)
		for (size_t k = 0; k < 8 && exam_areas[a].topics[k] != NULL; k++)
			if (strcasecmp(exam_areas[a].topics[k], topic) == 0)
				return a;
	return EXAM_AREAS - 1;
}

static int exam_cmp_score(const void *a, const void *b)
{
	const struct exam_topic_score *x = a, *y = b;

	return strcmp(x->topic, y->topic);
}

/* Fill e->result from the answers. */
static int exam_score(struct exam *e, bool timed_out, int64_t finished_at,
		      struct whose_error *err)
{
	struct exam_result *r = &e->result;

	memset(r, 0, sizeof(*r));
	r->total = e->n;
	r->timed_out = timed_out;
	r->started_at = e->started_at;
	r->finished_at = finished_at;
	r->used_ms = exam_used_ms(e->started_at, finished_at, e->paused_ms);
	r->topics = calloc(e->n ? e->n : 1, sizeof(*r->topics));
	r->wrong = calloc(e->n ? e->n : 1, sizeof(*r->wrong));
	if (r->topics == NULL || r->wrong == NULL) {
		free(r->topics);
		free(r->wrong);
		memset(r, 0, sizeof(*r));
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < e->n; i++) {
		struct exam_item *it = &e->items[i];
		bool right;
		struct exam_topic_score *t = NULL;

		/* Graded as the response stands, complete or not. */
		attempt_grade(&it->a, false);
		right = it->a.grade.correct;
		for (size_t k = 0; k < r->ntopics; k++)
			if (strcmp(r->topics[k].topic, it->a.item.topic) == 0)
				t = &r->topics[k];
		if (t == NULL) {
			t = &r->topics[r->ntopics++];
			snprintf(t->topic, sizeof(t->topic), "%s", it->a.item.topic);
		}
		t->total++;
		t->spent_ms += it->a.spent_ms;
		r->areas[exam_area_of(it->a.item.topic)].total++;
		if (right) {
			t->correct++;
			r->correct++;
			r->areas[exam_area_of(it->a.item.topic)].correct++;
		} else {
			r->wrong[r->nwrong++] = i;
		}
	}
	if (r->ntopics > 1)
		qsort(r->topics, r->ntopics, sizeof(r->topics[0]), exam_cmp_score);
	r->percent = figures_percent(r->correct, r->total);
	/* Exactly: correct / total >= pass / 100. */
	r->passed = (uint64_t)r->correct * 100 >= (uint64_t)e->opts.pass_percent * r->total;
	return 0;
}

int exam_submit(struct exam *e, bool timed_out, struct whose_error *err)
{
	int64_t now = exam_now(e), finished_at;
	struct review_result res;
	int rc;

	if (e->submitted)
		return whose_error_set(err, WHOSE_EINVAL, "the exam is already submitted");
	if (e->read_only)
		return whose_error_set(err, WHOSE_EINVAL, "a past exam is opened only to be read");
	if (now >= e->deadline)
		timed_out = true;
	rc = exam_visit(e, e->n, err);
	if (rc < 0)
		return rc;
	/* A timed-out exam ended at its deadline, however late it is
	 * noticed (a learner who walked away). */
	finished_at = timed_out && now > e->deadline ? e->deadline : now;
	rc = exam_score(e, timed_out, finished_at, err);
	if (rc < 0)
		return rc;
	rc = store_begin(e->store, err);
	for (size_t i = 0; i < e->n && rc == 0; i++) {
		struct exam_item *it = &e->items[i];

		if (!it->a.grade.answered)
			continue;
		rc = review_apply(e->store, e->opts.config, it->a.item.question_id,
				  it->a.grade.correct ? FSRS_GOOD : FSRS_AGAIN, it->a.grade.correct,
				  it->answered_at, it->a.spent_ms, "exam", false, &res, err);
	}
	if (rc == 0)
		rc = store_exam_finish(e->store, e->id, finished_at, e->result.correct,
				       e->result.passed, timed_out, err);
	if (rc == 0)
		rc = store_commit(e->store, err);
	if (rc < 0) {
		store_rollback(e->store);
		free(e->result.topics);
		free(e->result.wrong);
		memset(&e->result, 0, sizeof(e->result));
		return rc;
	}
	e->submitted = true;
	for (size_t i = 0; i < e->n; i++)
		attempt_commit(&e->items[i].a);
	return 0;
}

int exam_expire(struct exam *e, struct whose_error *err)
{
	int rc;

	if (e->submitted || !exam_expired(e))
		return 0;
	rc = exam_submit(e, true, err);
	return rc < 0 ? rc : 1;
}

const struct exam_result *exam_result(const struct exam *e)
{
	return e->submitted ? &e->result : NULL;
}

/* ---- leaving, resuming, reading again ------------------------------------ */

struct exam_rebuild {
	struct exam *e;
	size_t got;
	struct whose_error *err;
};

/* One stored question back into the exam being rebuilt. */
static int exam_rebuild_one(const struct store_exam_answer *row, void *ctx)
{
	struct exam_rebuild *b = ctx;
	struct exam *e = b->e;
	struct exam_item *it;
	int rc;

	if (row->position != b->got || b->got >= e->n)
		return whose_error_set(b->err, WHOSE_EDATA,
				       "exam %lld is damaged in the database (question %zu out of place): whose exam --abandon gives it up",
				       (long long)e->id, row->position + 1);
	it = &e->items[b->got];
	rc = exam_load(e, it, row->question_id, b->err);
	if (rc < 0)
		return rc;
	b->got++;
	exam_order_read(&it->a, row->shown);
	/* A response that no longer fits (the bank changed the question)
	 * is left empty rather than guessed. */
	if (row->response != NULL)
		(void)attempt_restore(&it->a, row->response);
	it->flagged = row->flagged;
	it->a.spent_ms = row->spent_ms;
	it->answered_at = row->answered_at;
	if (row->answered_at > b->e->seen)
		b->e->seen = row->answered_at;
	return 0;
}

/* Rebuild exam ROW of S from its stored rows into a new *OUT. */
static int exam_rebuild(struct store *s, const struct exam_opts *o,
			const struct store_exam_row *row, struct exam **out,
			struct whose_error *err)
{
	struct exam_rebuild b;
	struct exam *e;
	int rc;

	*out = NULL;
	if (o->config == NULL || o->clock == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "an exam needs a configuration and a clock");
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	e->store = s;
	e->lock_fd = -1;
	e->opts = *o;
	e->opts.questions = row->questions;
	e->opts.minutes = row->minutes;
	e->opts.pass_percent = row->pass_percent;
	e->opts.seed = row->seed;
	e->opts.pause_when_away = row->pause_when_away;
	e->opts.topics = NULL;
	e->opts.ntopics = 0;
	rng_seed(&e->rng, row->seed);
	e->id = row->id;
	e->started_at = row->started_at;
	e->paused_ms = row->paused_ms;
	e->deadline = e->started_at + (int64_t)row->minutes * 60000 + e->paused_ms;
	exam_clock_start(e, row->away_since > row->started_at ? row->away_since : row->started_at);
	e->requested = row->questions;
	e->n = row->questions;
	e->visiting = e->n;
	e->items = calloc(e->n ? e->n : 1, sizeof(*e->items));
	if (e->items == NULL) {
		free(e);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	memset(&b, 0, sizeof(b));
	b.e = e;
	b.err = err;
	rc = store_exam_answers(s, row->id, exam_rebuild_one, &b, err);
	if (rc == 0 && b.got != e->n)
		rc = whose_error_set(err, WHOSE_EDATA,
				     "exam %lld is damaged in the database (%zu of %zu questions): whose exam --abandon gives it up",
				     (long long)row->id, b.got, e->n);
	if (rc < 0) {
		e->n = b.got;  /* free only what was loaded */
		exam_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

int exam_find_open(struct store *s, int64_t *id, struct whose_error *err)
{
	return store_exam_open(s, id, err);
}

int exam_resume(struct store *s, const struct exam_opts *o, int64_t id,
		struct exam **out, struct whose_error *err)
{
	struct store_exam_row row;
	struct exam *e;
	int64_t now;
	int rc, fd;

	*out = NULL;
	/* Taken first: what is read below cannot change under us. */
	rc = exam_lock(s, id, &fd, "and resume it here", err);
	if (rc < 0)
		return rc;
	rc = store_exam_get(s, id, &row, err);
	if (rc == 0 && row.finished_at != 0)
		rc = whose_error_set(err, WHOSE_EINVAL,
				     "exam %lld is closed: whose exams show %lld reviews it",
				     (long long)id, (long long)id);
	if (rc == 0)
		rc = exam_rebuild(s, o, &row, &e, err);
	if (rc < 0) {
		if (fd >= 0)
			close(fd);
		return rc;
	}
	e->lock_fd = fd;
	now = clock_now(o->clock);
	/* Away from an exam whose clock stops: the time away is added to
	 * the time allowed.  Otherwise the deadline stood where it was. */
	if (row.away_since > 0 && row.pause_when_away && now > row.away_since) {
		e->paused_ms += now - row.away_since;
		e->deadline += now - row.away_since;
	}
	rc = store_exam_away(s, id, 0, e->paused_ms, err);
	if (rc < 0) {
		exam_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

int64_t exam_row_time_left(const struct store_exam_row *r, int64_t now)
{
	int64_t deadline = r->started_at + (int64_t)r->minutes * 60000 + r->paused_ms;

	if (r->pause_when_away && r->away_since > 0 && now > r->away_since)
		deadline += now - r->away_since;
	return deadline > now ? deadline - now : 0;
}

int exam_submit_if_over(struct store *s, const struct exam_opts *o, int64_t id,
			bool *submitted, struct whose_error *err)
{
	struct store_exam_row row;
	struct exam *e;
	int rc;

	*submitted = false;
	rc = store_exam_get(s, id, &row, err);
	if (rc < 0)
		return rc;
	if (row.finished_at != 0 || exam_row_time_left(&row, clock_now(o->clock)) > 0)
		return 0;
	rc = exam_resume(s, o, id, &e, err);
	if (rc < 0)
		return rc;
	rc = exam_expire(e, err);
	exam_free(e);
	if (rc < 0)
		return rc;
	*submitted = rc == 1;
	return 0;
}

int exam_leave(struct exam *e, struct whose_error *err)
{
	int rc;

	if (e->submitted || e->read_only)
		return 0;
	rc = exam_visit(e, e->n, err);
	if (rc == 0)
		rc = store_exam_away(e->store, e->id, exam_now(e), e->paused_ms, err);
	return rc;
}

int exam_check_free(struct store *s, int64_t id, struct whose_error *err)
{
	int fd, rc = exam_lock(s, id, &fd, "before taking it up here", err);

	if (rc == 0 && fd >= 0)
		close(fd);
	return rc;
}

int exam_abandon(struct store *s, int64_t id, const struct whose_clock *clock,
		 struct whose_error *err)
{
	int fd, rc = exam_lock(s, id, &fd, "before giving it up here", err);

	if (rc < 0)
		return rc;
	rc = store_exam_abandon(s, id, clock_now(clock), err);
	if (fd >= 0)
		close(fd);
	return rc;
}

int exam_open_past(struct store *s, const struct exam_opts *o, int64_t id,
		   struct exam **out, struct whose_error *err)
{
	struct store_exam_row row;
	struct exam *e;
	int rc;

	*out = NULL;
	rc = store_exam_get(s, id, &row, err);
	if (rc < 0)
		return rc;
	if (row.finished_at == 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "exam %lld is still open: whose exam --resume continues it",
				       (long long)id);
	rc = exam_rebuild(s, o, &row, &e, err);
	if (rc < 0)
		return rc;
	e->read_only = true;
	e->abandoned = row.abandoned;
	/* Graded again from the saved responses, as submission did. */
	rc = exam_score(e, row.timed_out, row.finished_at, err);
	if (rc < 0) {
		exam_free(e);
		return rc;
	}
	e->submitted = true;
	for (size_t i = 0; i < e->n; i++)
		attempt_commit(&e->items[i].a);
	*out = e;
	return 0;
}

bool exam_read_only(const struct exam *e)
{
	return e->read_only;
}

bool exam_abandoned(const struct exam *e)
{
	return e->abandoned;
}

bool exam_pauses_when_away(const struct exam *e)
{
	return e->opts.pause_when_away;
}

void exam_numbers_text(const struct exam *e, enum exam_filter which, size_t max,
		       char *buf, size_t len)
{
	size_t o = 0, n = 0, shown = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < e->n; i++) {
		if (!exam_matches(e, i, which, NULL))
			continue;
		n++;
		if (shown < max && o < len) {
			o += (size_t)snprintf(buf + o, len - o, "%s%zu", shown ? ", " : "", i + 1);
			shown++;
		}
	}
	if (n == 0)
		snprintf(buf, len, "none");
	else if (n > shown && o < len)
		snprintf(buf + o, len - o, " ...");
}

bool exam_matches(const struct exam *e, size_t i, enum exam_filter which,
		  const char *topic)
{
	const struct exam_item *it;

	if (i >= e->n)
		return false;
	it = &e->items[i];
	switch (which) {
	case EXAM_FILTER_UNANSWERED:
		return !attempt_answered(&it->a);
	case EXAM_FILTER_FLAGGED:
		return it->flagged;
	case EXAM_FILTER_WRONG:
		/* Graded at submission; before it, nothing is known wrong. */
		return it->a.grade.graded && !it->a.grade.correct;
	case EXAM_FILTER_TOPIC:
		return topic != NULL && strcmp(it->a.item.topic, topic) == 0;
	case EXAM_FILTER_ALL:
	default:
		return true;
	}
}
