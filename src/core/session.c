/*
 * session.c - a study session (see include/whose/session.h for the life of
 * one question).
 *
 * Choosing the next question in review mode, in Anki's order:
 *   1. learning and relearning steps that are due now;
 *   2. reviews due before the end of the learner's day (day-starts-at);
 *   3. new questions, while fewer than new-per-day were introduced today;
 *   4. learning steps due within the learn-ahead limit.
 * Within each, the earliest first, but a question of another topic than the
 * last one is preferred among the first few candidates, so that a session
 * mixes topics rather than draining one; new questions are already
 * interleaved by topic in the store.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "whose/review.h"
#include "whose/rng.h"
#include "whose/figures.h"
#include "whose/session.h"
#include "whose/text.h"

/* Candidates looked at when mixing topics. */
#define SESSION_PEEK 8
/* Undo reaches this many answers back. */
#define SESSION_UNDO_MAX 64

struct session {
	struct store *store;
	struct session_opts opts;
	struct session_item cur;
	bool have_cur;
	struct rng rng;
	int64_t last_question;
	int64_t last_topic;
	size_t done;

	/* Review mode: what is left, counted in the store now and then and
	 * kept up to date in between (counting grows with the bank). */
	size_t left_learning, left_due, left_new;
	bool left_known;
	size_t left_age;          /* answers since it was counted */
	int64_t left_day_end;     /* the end of the day it was counted in */
	int64_t left_version;     /* store_data_version when counted */

	/* Practice: the questions picked at the start. */
	int64_t *picked;
	size_t npicked, next_pick;

	/* The kind the question on screen counts as in what is left. */
	enum { SESSION_KIND_NEW, SESSION_KIND_LEARNING, SESSION_KIND_DUE } cur_kind;

	/* Weak-topic practice: the topics chosen, weakest first. */
	struct session_weak weak[3];
	size_t nweak;

	struct {
		int64_t review_id;    /* the answer saved, or -1 for a flag */
		int64_t question_id;  /* a flag: the question flagged */
		bool correct;
	} undo[SESSION_UNDO_MAX];
	size_t nundo;

	struct session_tally *tally;
	size_t ntally;

	/* Questions this session passes over: a damaged schedule or a
	 * question that no longer parses.  Each is told once (notice). */
	int64_t *skip;
	size_t nskip;
	size_t skip_learning, skip_due, skip_new;   /* review: their kinds */
	/* Not told yet: how many damaged schedules, the first one's id and
	 * reason; a question that no longer parses, the first message. */
	size_t untold_damaged, untold_broken;
	char damaged_qid[128], damaged_why[WHOSE_ERROR_MAX];
	char broken_why[WHOSE_ERROR_MAX];
	char notice[3 * WHOSE_ERROR_MAX];           /* session_take_notice's */
};

static void session_item_clear(struct session *s)
{
	if (!s->have_cur)
		return;
	attempt_free(&s->cur.a);
	memset(&s->cur, 0, sizeof(s->cur));
	s->have_cur = false;
}

struct session_sample {
	struct session *s;
	int64_t *ids;
	size_t cap;
	size_t seen;
};

/* Reservoir sampling: keep a uniform sample of CAP questions. */
static int session_sample_one(int64_t question_id, int64_t topic_id, void *ctx)
{
	struct session_sample *sm = ctx;

	(void)topic_id;
	if (sm->seen < sm->cap) {
		sm->ids[sm->seen] = question_id;
	} else {
		size_t j = rng_below(&sm->s->rng, sm->seen + 1);

		if (j < sm->cap)
			sm->ids[j] = question_id;
	}
	sm->seen++;
	return 0;
}

/* The least ready topic first (figures.h), then by name as listed. */
static int session_cmp_readiness(const void *a, const void *b)
{
	const struct store_topic *x = a, *y = b;

	if (x->readiness != y->readiness)
		return (x->readiness > y->readiness) - (x->readiness < y->readiness);
	return strcmp(x->name, y->name);
}

static int session_pick_practice(struct session *s, struct whose_error *err)
{
	struct session_sample sm;
	int64_t weak[3];
	const int64_t *topics = s->opts.topics;
	size_t ntopics = s->opts.ntopics;
	int rc = 0;

	if (s->opts.nquestions > 0) {
		/* A set given whole (a missed exam's questions): in its order. */
		s->npicked = s->opts.limit > 0 && s->opts.limit < s->opts.nquestions
			? s->opts.limit : s->opts.nquestions;
		s->picked = malloc(s->npicked * sizeof(int64_t));
		if (s->picked == NULL)
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		memcpy(s->picked, s->opts.questions, s->npicked * sizeof(int64_t));
		s->opts.questions = NULL;   /* borrowed only until here */
		return 0;
	}
	if (s->opts.marked && s->opts.limit == 0) {
		size_t n;

		rc = store_mark_count(s->store, &n, err);
		if (rc < 0)
			return rc;
		s->opts.limit = n > 0 ? n : 1;
	}
	if (s->opts.limit == 0)
		s->opts.limit = 20;
	if (s->opts.weak) {
		struct figures_board fig;
		struct store_topic *t;
		size_t n;

		rc = figures_board_collect(s->store, s->opts.config, clock_now(s->opts.clock),
					   &fig, err);
		if (rc < 0)
			return rc;
		t = fig.topics;
		n = fig.ntopics;
		if (n > 1)
			qsort(t, n, sizeof(*t), session_cmp_readiness);
		ntopics = n < 3 ? n : 3;
		for (size_t i = 0; i < ntopics; i++) {
			weak[i] = t[i].id;
			s->weak[i].id = t[i].id;
			snprintf(s->weak[i].name, sizeof(s->weak[i].name), "%s", t[i].name);
			/* The figure the topics were ranked by: readiness. */
			s->weak[i].score = figures_percent_of(t[i].readiness);
		}
		s->nweak = ntopics;
		figures_board_free(&fig);
		topics = weak;
	}
	s->picked = calloc(s->opts.limit, sizeof(int64_t));
	if (s->picked == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	memset(&sm, 0, sizeof(sm));
	sm.s = s;
	sm.ids = s->picked;
	sm.cap = s->opts.limit;
	if (s->opts.marked) {
		rc = store_each_marked(s->store, session_sample_one, &sm, err);
	} else if (ntopics == 0) {
		rc = store_each_visible(s->store, -1, session_sample_one, &sm, err);
	} else {
		for (size_t i = 0; i < ntopics && rc == 0; i++)
			rc = store_each_visible(s->store, topics[i], session_sample_one, &sm, err);
	}
	if (rc < 0)
		return rc;
	s->npicked = sm.seen < sm.cap ? sm.seen : sm.cap;
	/* The reservoir keeps bank order for small sets: shuffle it. */
	rng_shuffle_ids(&s->rng, s->picked, s->npicked);
	return 0;
}

int session_new(struct store *st, const struct session_opts *o,
		struct session **out, struct whose_error *err)
{
	struct session *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (s == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	s->store = st;
	s->opts = *o;
	rng_seed(&s->rng, o->seed != 0 ? o->seed : rng_seed_from_time(clock_now(o->clock)));
	s->last_question = -1;
	s->last_topic = -1;
	if (o->mode == SESSION_PRACTICE) {
		rc = session_pick_practice(s, err);
		if (rc < 0) {
			session_free(s);
			return rc;
		}
	}
	*out = s;
	return 0;
}

static bool session_skipped(const struct session *s, int64_t question_id)
{
	for (size_t i = 0; i < s->nskip; i++) {
		if (s->skip[i] == question_id)
			return true;
	}
	return false;
}

/* Choose among candidates: another question than the last, of another
 * topic if one is there; never one passed over.  -1 when all are. */
static int64_t session_choose(struct session *s, const int64_t *ids,
			      const int64_t *topics, size_t n)
{
	int64_t fallback = -1, any = -1;

	for (size_t i = 0; i < n; i++) {
		if (session_skipped(s, ids[i]))
			continue;
		if (any < 0)
			any = ids[i];
		if (ids[i] == s->last_question)
			continue;
		if (topics[i] != s->last_topic)
			return ids[i];
		if (fallback < 0)
			fallback = ids[i];
	}
	return fallback >= 0 ? fallback : any;
}

/* The next question in review mode, in the order of the file comment;
 * SESSION_PEEK candidates of the first kind that has any, besides those
 * the session passes over. */
static int session_pick_review(struct session *s, int64_t *question_id,
			       struct whose_error *err)
{
	const struct config *c = s->opts.config;
	int64_t now = clock_now(s->opts.clock), day_start, day_end;
	size_t peek = SESSION_PEEK + s->nskip, n = 0, introduced;
	int64_t *ids = malloc(2 * peek * sizeof(*ids)), *topics;
	int rc = 0;

	*question_id = -1;
	if (ids == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	topics = ids + peek;
	clock_local_day(now, c->day_starts_at, &day_start, &day_end);
	for (int kind = 0; kind < 4 && rc == 0 && *question_id < 0; kind++) {
		n = 0;
		switch (kind) {
		case 0:   /* learning steps due now */
			rc = store_queue_due(s->store, 1, now + 1, ids, topics, peek, &n, err);
			break;
		case 1:   /* reviews due today */
			rc = store_queue_due(s->store, 2, day_end, ids, topics, peek, &n, err);
			break;
		case 2:   /* new questions, up to new-per-day */
			rc = store_count_introduced(s->store, day_start, &introduced, err);
			if (rc == 0 && introduced < (size_t)c->new_per_day)
				rc = store_queue_new(s->store, ids, topics, peek, &n, err);
			break;
		default:  /* learning steps within the learn-ahead limit */
			rc = store_queue_due(s->store, 1, now + SESSION_LEARN_AHEAD_MS, ids, topics,
					     peek, &n, err);
			break;
		}
		if (rc == 0)
			*question_id = session_choose(s, ids, topics, n);
	}
	free(ids);
	if (rc < 0)
		return rc;
	return *question_id >= 0 ? 0 : WHOSE_ENOTFOUND;
}

/* Fill the preview of the four ratings from the card as it is now. */
static int session_preview(struct session *s, struct whose_error *err)
{
	struct session_item *it = &s->cur;
	int64_t now = clock_now(s->opts.clock);

	if (s->opts.mode != SESSION_REVIEW) {
		for (int r = 0; r < 4; r++)
			it->label[r][0] = '\0';
		return 0;
	}
	if (fsrs_preview(&s->opts.config->fsrs, &it->a.item.card.fsrs, now,
			 it->preview, err) < 0)
		return WHOSE_EINVAL;
	for (int r = 0; r < 4; r++) {
		int64_t d = it->preview[r].due - now;

		fsrs_format_interval(d < 0 ? 0 : d, it->label[r], sizeof(it->label[r]));
	}
	return 0;
}

/* Once the allowed ratings are known: which share an interval with the
 * next allowed one, and whether there is a choice at all. */
static void session_allowed_done(struct session_item *it)
{
	int n = 0;

	memset(it->same_as_next, 0, sizeof(it->same_as_next));
	for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++) {
		if (!it->allowed[r])
			continue;
		n++;
		for (int q = r + 1; q <= FSRS_EASY; q++) {
			if (!it->allowed[q])
				continue;
			it->same_as_next[r] = it->label[r - 1][0] != '\0' &&
					      strcmp(it->label[r - 1], it->label[q - 1]) == 0;
			break;
		}
	}
	it->needs_rating = n > 1;
}

/* Pass QUESTION_ID over for the rest of the session; KIND counts it among
 * what is left, or is NULL. */
static int session_pass_over(struct session *s, int64_t question_id, size_t *kind,
			     struct whose_error *err)
{
	int64_t *grown = realloc(s->skip, (s->nskip + 1) * sizeof(*grown));

	if (grown == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	s->skip = grown;
	s->skip[s->nskip++] = question_id;
	if (kind != NULL)
		(*kind)++;
	return 0;
}

const char *session_take_notice(struct session *s)
{
	size_t n = 0;

	s->notice[0] = '\0';
	if (s->untold_damaged == 1)
		n += (size_t)snprintf(s->notice, sizeof(s->notice),
				      "Question %s is skipped: its schedule is damaged (%s); 'whose reset %s' starts it again.",
				      s->damaged_qid, s->damaged_why, s->damaged_qid);
	else if (s->untold_damaged > 1)
		n += (size_t)snprintf(s->notice, sizeof(s->notice),
				      "%zu questions are skipped: their schedules are damaged (%s: %s, and others); 'whose reset --damaged' starts them all again.",
				      s->untold_damaged, s->damaged_qid, s->damaged_why);
	if (s->untold_broken > 0 && n < sizeof(s->notice))
		snprintf(s->notice + n, sizeof(s->notice) - n, "%s%c%s.%s",
			 n > 0 ? " " : "", toupper((unsigned char)s->broken_why[0]),
			 s->broken_why + (s->broken_why[0] != '\0'),
			 s->untold_broken > 1 ? " Others are skipped for the same reason." : "");
	s->untold_damaged = 0;
	s->untold_broken = 0;
	return s->notice[0] != '\0' ? s->notice : NULL;
}

/* Load QUESTION_ID as the current item: parse it and shuffle its choices. */
static int session_load(struct session *s, int64_t question_id,
			struct whose_error *err)
{
	struct session_item *it = &s->cur;
	int rc;

	session_item_clear(s);
	rc = attempt_load(&it->a, s->store, question_id, &s->rng, err);
	if (rc == WHOSE_EDATA) {
		/* a question that no longer parses (the message says so) */
		if (s->untold_broken++ == 0)
			snprintf(s->broken_why, sizeof(s->broken_why), "%s", err->msg);
		whose_error_clear(err);
		rc = session_pass_over(s, question_id, NULL, err);
		return rc < 0 ? rc : WHOSE_EDATA;
	}
	if (rc < 0)
		return rc;
	s->have_cur = true;
	/* A schedule no scheduler could have written: say which question
	 * and how to start it again, and pass it over. */
	if (s->opts.mode == SESSION_REVIEW &&
	    fsrs_card_check(&it->a.item.card.fsrs, err) < 0) {
		enum fsrs_state st = it->a.item.card.fsrs.state;

		if (s->untold_damaged++ == 0) {
			snprintf(s->damaged_qid, sizeof(s->damaged_qid), "%s", it->a.item.qid);
			snprintf(s->damaged_why, sizeof(s->damaged_why), "%s", err->msg);
		}
		whose_error_clear(err);
		session_item_clear(s);
		rc = session_pass_over(s, question_id,
				       st == FSRS_STATE_NEW ? &s->skip_new
				       : st == FSRS_STATE_REVIEW ? &s->skip_due
				       : &s->skip_learning, err);
		return rc < 0 ? rc : WHOSE_EDATA;
	}
	it->phase = SESSION_ASKING;
	switch (it->a.item.card.fsrs.state) {
	case FSRS_STATE_NEW:
		s->cur_kind = SESSION_KIND_NEW;
		break;
	case FSRS_STATE_REVIEW:
		s->cur_kind = SESSION_KIND_DUE;
		break;
	default:
		s->cur_kind = SESSION_KIND_LEARNING;
		break;
	}
	attempt_show(&it->a, clock_now(s->opts.clock));
	return session_preview(s, err);
}

/* Pick the next question and load it (session_next). */
static int session_pick_load(struct session *s, struct whose_error *err)
{
	int64_t qid;
	int rc;

	if (s->opts.mode == SESSION_PRACTICE) {
		if (s->next_pick >= s->npicked) {
			session_item_clear(s);
			return WHOSE_ENOTFOUND;
		}
		qid = s->picked[s->next_pick++];
	} else {
		if (s->opts.limit > 0 && s->done >= s->opts.limit) {
			session_item_clear(s);
			return WHOSE_ENOTFOUND;
		}
		rc = session_pick_review(s, &qid, err);
		if (rc < 0) {
			session_item_clear(s);
			if (rc == WHOSE_ENOTFOUND)
				whose_error_set(err, rc, "nothing more is due now");
			return rc;
		}
	}
	return session_load(s, qid, err);
}

int session_next(struct session *s, const struct session_item **item,
		 struct whose_error *err)
{
	int rc;

	*item = NULL;
	if (s->have_cur && s->cur.phase == SESSION_ANSWERED) {
		rc = session_rate(s, 0, err);
		if (rc < 0)
			return rc;
	}
	/* A question passed over (session_load) is told and the next one
	 * taken; each is passed over once, so this ends. */
	do {
		rc = session_pick_load(s, err);
	} while (rc == WHOSE_EDATA);
	if (rc < 0)
		return rc;
	*item = &s->cur;
	return 0;
}

struct attempt *session_attempt(struct session *s)
{
	return s->have_cur && s->cur.phase == SESSION_ASKING ? &s->cur.a : NULL;
}

int session_grade(struct session *s, struct whose_error *err)
{
	struct session_item *it = &s->cur;

	if (!s->have_cur || it->phase != SESSION_ASKING)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	if (attempt_self_graded(&it->a) || !attempt_complete(&it->a)) {
		char why[128];

		attempt_missing(&it->a, why, sizeof(why));
		return whose_error_set(err, WHOSE_EINVAL, "%s", why);
	}
	attempt_grade(&it->a, false);
	memset(it->allowed, 0, sizeof(it->allowed));
	/* A right answer may still be a guess: Again is offered beside Hard,
	 * Good and Easy; a wrong one is Again. */
	it->allowed[FSRS_AGAIN] = true;
	if (it->a.grade.correct) {
		it->suggested = FSRS_GOOD;
		it->allowed[FSRS_HARD] = it->allowed[FSRS_GOOD] = it->allowed[FSRS_EASY] = true;
	} else {
		it->suggested = FSRS_AGAIN;
	}
	/* Practice moves no due date: a rating would change nothing, so
	 * there is none to give (the suggested one is saved). */
	if (s->opts.mode == SESSION_PRACTICE) {
		memset(it->allowed, 0, sizeof(it->allowed));
		it->allowed[it->suggested] = true;
	}
	session_allowed_done(it);
	it->phase = SESSION_ANSWERED;
	return 0;
}

int session_reveal(struct session *s, struct whose_error *err)
{
	struct session_item *it = &s->cur;

	if (!s->have_cur || it->phase != SESSION_ASKING || !attempt_self_graded(&it->a))
		return whose_error_set(err, WHOSE_EINVAL, "no card is waiting to be turned");
	for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++)
		it->allowed[r] = true;
	it->suggested = FSRS_GOOD;
	session_allowed_done(it);
	/* Turned, not yet judged: the learner's rating decides. */
	attempt_grade(&it->a, false);
	it->phase = SESSION_ANSWERED;
	return 0;
}

static void session_count(struct session *s, const char *topic, bool correct,
			  int delta)
{
	struct session_tally *t = NULL;

	for (size_t i = 0; i < s->ntally; i++)
		if (strcmp(s->tally[i].topic, topic) == 0)
			t = &s->tally[i];
	if (t == NULL) {
		struct session_tally *grown;

		if (delta < 0)
			return;
		grown = realloc(s->tally, (s->ntally + 1) * sizeof(*grown));
		if (grown == NULL)
			return;  /* the summary is a nicety; the answer is saved */
		s->tally = grown;
		t = &s->tally[s->ntally++];
		memset(t, 0, sizeof(*t));
		snprintf(t->topic, sizeof(t->topic), "%s", topic);
	}
	if (delta < 0) {
		if (t->answered > 0)
			t->answered--;
		if (correct && t->correct > 0)
			t->correct--;
		return;
	}
	t->answered++;
	if (correct)
		t->correct++;
}

/* Count what is left in review mode: due now and new today (figures.h). */
static void session_count_left(struct session *s)
{
	struct figures_due d;

	if (figures_due_left(s->store, s->opts.config, clock_now(s->opts.clock), &d, NULL) < 0)
		return;
	/* the questions passed over are not left to do */
	s->left_learning = d.due_learning > s->skip_learning ? d.due_learning - s->skip_learning : 0;
	s->left_due = d.due_review > s->skip_due ? d.due_review - s->skip_due : 0;
	s->left_new = d.new_today > s->skip_new ? d.new_today - s->skip_new : 0;
	s->left_known = true;
	s->left_age = 0;
	s->left_day_end = d.day_end;
	s->left_version = store_data_version(s->store);
}

/* Count the learning steps due now again (the one figure that moves
 * with the clock alone); the rest is kept up to date answer by answer. */
static void session_count_learning(struct session *s)
{
	size_t n;

	if (figures_due_learning(s->store, s->opts.config, clock_now(s->opts.clock), &n,
				 NULL) < 0)
		return;
	s->left_learning = n > s->skip_learning ? n - s->skip_learning : 0;
	s->left_age = 0;
}

/* After a rating: one fewer of its kind left, and one more learning step
 * when the card comes back within the learn-ahead limit. */
static void session_left_after(struct session *s, const struct store_card *after)
{
	size_t *kind = s->cur_kind == SESSION_KIND_NEW ? &s->left_new
		       : s->cur_kind == SESSION_KIND_DUE ? &s->left_due
		       : &s->left_learning;

	if (!s->left_known)
		return;
	if (*kind > 0)
		(*kind)--;
	if ((after->fsrs.state == FSRS_STATE_LEARNING || after->fsrs.state == FSRS_STATE_RELEARNING) &&
	    after->fsrs.due < clock_now(s->opts.clock) + SESSION_LEARN_AHEAD_MS)
		s->left_learning++;
	s->left_age++;
}

int session_rate(struct session *s, int rating, struct whose_error *err)
{
	struct session_item *it = &s->cur;
	const struct config *c = s->opts.config;
	struct review_result res;
	int64_t now;
	bool correct;
	int rc;

	if (!s->have_cur || it->phase != SESSION_ANSWERED)
		return whose_error_set(err, WHOSE_EINVAL, "no answered question is waiting for a rating");
	if (rating == 0)
		rating = it->suggested;
	if (rating < FSRS_AGAIN || rating > FSRS_EASY || !it->allowed[rating])
		return whose_error_set(err, WHOSE_EINVAL,
				       "a wrong answer is rated Again (1)");
	if (attempt_self_graded(&it->a))
		attempt_grade(&it->a, rating > FSRS_AGAIN);
	correct = it->a.grade.correct;
	now = clock_now(s->opts.clock);
	attempt_hide(&it->a, now);

	rc = store_begin(s->store, err);
	if (rc < 0)
		return rc;
	rc = review_apply(s->store, c, it->a.item.question_id, rating, correct, now,
			  it->a.spent_ms, s->opts.mode == SESSION_REVIEW ? "review" : "practice",
			  s->opts.mode == SESSION_REVIEW, &res, err);
	if (rc == 0)
		rc = store_commit(s->store, err);
	if (rc < 0) {
		store_rollback(s->store);
		return rc;
	}
	it->became_leech = res.became_leech;
	if (s->nundo == SESSION_UNDO_MAX) {
		memmove(s->undo, s->undo + 1, (SESSION_UNDO_MAX - 1) * sizeof(s->undo[0]));
		s->nundo--;
	}
	s->undo[s->nundo].review_id = res.id;
	s->undo[s->nundo].question_id = it->a.item.question_id;
	s->undo[s->nundo].correct = correct;
	s->nundo++;
	it->phase = SESSION_DONE;
	attempt_commit(&it->a);
	it->a.item.card = res.log.after;
	if (s->opts.mode == SESSION_REVIEW)
		session_left_after(s, &res.log.after);
	s->last_question = it->a.item.question_id;
	s->last_topic = res.log.topic_id;
	s->done++;
	session_count(s, it->a.item.topic, correct, 1);
	return 0;
}

int session_undo(struct session *s, const struct session_item **item,
		 struct whose_error *err)
{
	int64_t qid;
	bool correct;
	int rc;

	*item = NULL;
	/* An answer not yet rated is not saved: take it back on screen only. */
	if (s->have_cur && s->cur.phase == SESSION_ANSWERED) {
		s->cur.phase = SESSION_ASKING;
		memset(&s->cur.a.response, 0, sizeof(s->cur.a.response));
		memset(&s->cur.a.grade, 0, sizeof(s->cur.a.grade));
		memset(s->cur.allowed, 0, sizeof(s->cur.allowed));
		*item = &s->cur;
		return 0;
	}
	if (s->nundo == 0)
		return whose_error_set(err, WHOSE_ENOTFOUND, "nothing to undo in this session");
	if (s->undo[s->nundo - 1].review_id < 0) {
		/* A flag: unflag the question and show it again. */
		qid = s->undo[s->nundo - 1].question_id;
		rc = store_question_flag(s->store, qid, false, NULL, err);
		if (rc < 0)
			return rc;
		s->nundo--;
		s->left_known = false;
		rc = session_load(s, qid, err);
		if (rc < 0)
			return rc;
		if (s->opts.mode == SESSION_PRACTICE && s->next_pick > 0)
			s->next_pick--;
		*item = &s->cur;
		return 0;
	}
	rc = store_review_undo(s->store, s->undo[s->nundo - 1].review_id, &qid, err);
	if (rc == WHOSE_EINVAL || rc == WHOSE_ENOTFOUND) {
		/* Another session on this profile answered the question since
		 * (or took that answer back): the session goes on, without it. */
		s->nundo--;
		s->left_known = false;
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "cannot undo that answer any more: the question was answered or undone in another session since");
	}
	if (rc < 0)
		return rc;
	correct = s->undo[s->nundo - 1].correct;
	s->nundo--;
	s->left_known = false;
	rc = session_load(s, qid, err);
	if (rc < 0)
		return rc;
	if (s->done > 0)
		s->done--;
	session_count(s, s->cur.a.item.topic, correct, -1);
	if (s->opts.mode == SESSION_PRACTICE && s->next_pick > 0)
		s->next_pick--;  /* practice: the picked list moves back by one */
	*item = &s->cur;
	return 0;
}

bool session_undo_is_flag(const struct session *s)
{
	if (s->have_cur && s->cur.phase == SESSION_ANSWERED)
		return false;
	return s->nundo > 0 && s->undo[s->nundo - 1].review_id < 0;
}

int session_flag(struct session *s, const char *note, struct whose_error *err)
{
	int rc;

	if (!s->have_cur)
		return whose_error_set(err, WHOSE_EINVAL, "no question on screen to flag");
	if (s->cur.phase == SESSION_ANSWERED) {
		rc = session_rate(s, 0, err);
		if (rc < 0)
			return rc;
	}
	rc = store_question_flag(s->store, s->cur.a.item.question_id, true, note, err);
	if (rc < 0)
		return rc;
	if (s->nundo == SESSION_UNDO_MAX) {
		memmove(s->undo, s->undo + 1, (SESSION_UNDO_MAX - 1) * sizeof(s->undo[0]));
		s->nundo--;
	}
	s->undo[s->nundo].review_id = -1;
	s->undo[s->nundo].question_id = s->cur.a.item.question_id;
	s->undo[s->nundo].correct = false;
	s->nundo++;
	s->left_known = false;
	s->last_question = s->cur.a.item.question_id;
	session_item_clear(s);
	return 0;
}

void session_idle(struct session *s)
{
	store_idle(s->store);
}

void session_progress(struct session *s, size_t *done, size_t *left)
{
	*done = s->done;
	*left = 0;
	if (s->opts.mode == SESSION_PRACTICE) {
		*left = s->npicked - s->next_pick + (s->have_cur && s->cur.phase != SESSION_DONE);
		return;
	}
	{
		struct session_left l;

		session_left_now(s, &l);
		*left = l.total;
	}
}

void session_left_now(struct session *s, struct session_left *out)
{
	memset(out, 0, sizeof(*out));
	if (s->opts.mode == SESSION_PRACTICE) {
		out->total = s->npicked - s->next_pick + (s->have_cur && s->cur.phase != SESSION_DONE);
		return;
	}
	/*
	 * Counted in full at the start, on a new day, and when another
	 * process wrote to the profile (data_version): the reviews due today
	 * and the new questions allowed only change by this session's own
	 * answers, which session_left_after counts.  Counting them again
	 * reads every due card (10 ms at 1,000,000 questions); the learning
	 * steps, which come due as time passes, are counted again every so
	 * often, and they are few.
	 */
	if (!s->left_known || clock_now(s->opts.clock) >= s->left_day_end ||
	    store_data_version(s->store) != s->left_version)
		session_count_left(s);
	else if (s->left_age >= 25)
		session_count_learning(s);
	out->learning = s->left_learning;
	out->due = s->left_due;
	out->fresh = s->left_new;
	/* The question on screen is left until it is rated. */
	if (s->have_cur && s->cur.phase != SESSION_DONE &&
	    out->learning + out->due + out->fresh == 0) {
		if (s->cur_kind == SESSION_KIND_NEW)
			out->fresh = 1;
		else if (s->cur_kind == SESSION_KIND_DUE)
			out->due = 1;
		else
			out->learning = 1;
	}
	out->total = out->learning + out->due + out->fresh;
	if (s->opts.limit > 0 && out->total > s->opts.limit - s->done)
		out->total = s->opts.limit - s->done;
}

void session_weak_text(const struct session *s, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < s->nweak && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s %.0f%%", i ? ", " : "",
					 s->weak[i].name, s->weak[i].score);
}

const struct session_weak *session_weak_topics(const struct session *s, size_t *n)
{
	*n = s->nweak;
	return s->weak;
}

const struct session_tally *session_tallies(struct session *s, size_t *n)
{
	*n = s->ntally;
	return s->tally;
}

enum session_mode session_mode_of(const struct session *s)
{
	return s->opts.mode;
}

void session_free(struct session *s)
{
	if (s == NULL)
		return;
	if (s->have_cur && s->cur.phase == SESSION_ANSWERED)
		session_rate(s, 0, NULL);
	session_item_clear(s);
	free(s->picked);
	free(s->tally);
	free(s->skip);
	free(s);
}
