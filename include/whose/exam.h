/*
 * exam.h - a timed mock exam: questions drawn across topics in proportion
 * to the bank, answered in any order, no feedback until the end.
 *
 * The life of an exam:
 *
 *     exam_start --> OPEN --exam_submit--------------------> SUBMITTED
 *                     |  exam_answer / exam_clear / exam_flag    |
 *                     |  (each saved at once, one transaction)   exam_result
 *                     +--exam_expire (the clock passed the end)--+
 *                     |  submits as timed out                    |
 *                     +--exam_leave --> AWAY --exam_resume--> OPEN
 *                     |                  +--exam_abandon--> ABANDONED
 *                     +-- (a killed process: as AWAY, every saved answer kept)
 *     SUBMITTED or ABANDONED --exam_open_past--> read only, for review
 *
 * The exam and every answer are stored as they are given (tables exams
 * and exam_answers), so that a crash loses nothing.  Submission closes
 * the exam and logs each answered question with mode "exam" (no
 * scheduling) in the same transaction, so that exam answers count toward
 * topic scores.  The core never prints; time comes from the clock in the
 * options, so tests move it instead of sleeping.
 */
#ifndef WHOSE_EXAM_H
#define WHOSE_EXAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/attempt.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/question.h"
#include "whose/rng.h"
#include "whose/store.h"

#define EXAM_DEFAULT_QUESTIONS 65
#define EXAM_DEFAULT_MINUTES 90
#define EXAM_DEFAULT_PASS 70
#define EXAM_MAX_QUESTIONS 1000
#define EXAM_MAX_MINUTES 1440

struct exam_opts {
	size_t questions;        /* asked for, 1..EXAM_MAX_QUESTIONS (0: 65) */
	int minutes;             /* 1..EXAM_MAX_MINUTES (0: 90) */
	int pass_percent;        /* 1..100 (0: 70) */
	const struct config *config;     /* borrowed for the exam's life */
	const struct whose_clock *clock; /* borrowed for the exam's life */
	uint64_t seed;           /* draws and choice order; 0: from the clock */
	const char *const *topics; /* only these topics (names, any case),
				    * borrowed during exam_start; NULL: all */
	size_t ntopics;
	bool pause_when_away;    /* the clock stops while the exam is left */
};

/* One question of the exam.  Borrowed from the exam until exam_free.  The
 * attempt holds the question, its shown order and the response in
 * progress, which is saved to the store at every change (a tick, a
 * placement, a typed answer), so no key, signal or clock loses it. */
struct exam_item {
	struct attempt a;
	bool flagged;            /* marked by the learner to come back to */
	int64_t answered_at;     /* ms, when its response last changed */
};

/* Right answers of one topic. */
struct exam_topic_score {
	char topic[48];
	size_t correct;
	size_t total;
	int64_t spent_ms;        /* time its questions were on screen */
};

/*
 * Areas: the bundled bank's 24 topics grouped into five a learner can act
 * on (exam_area_name); a topic of another bank is in the last, "Other
 * topics".  Per-topic scores at 2 to 5 questions a topic are noise; an
 * area holds enough questions of a 65-question exam to mean something.
 */
#define EXAM_AREAS 6

/* Right answers of one area. */
struct exam_area_score {
	size_t correct;
	size_t total;
};

/* Area A's name (A < EXAM_AREAS), and what it covers in a few words (at
 * most 28 columns, so that a result line fits 80). */
const char *exam_area_name(size_t a);
const char *exam_area_about(size_t a);

/* The area of topic TOPIC (its name, any case): 0..EXAM_AREAS - 1. */
size_t exam_area_of(const char *topic);

/* The outcome of a submitted exam.  Borrowed from the exam. */
struct exam_result {
	size_t correct;
	size_t total;
	int percent;             /* figures_percent(correct, total) */
	bool passed;             /* correct / total >= pass mark, exactly */
	bool timed_out;          /* submitted because the time ran out */
	int64_t started_at;
	int64_t finished_at;     /* at the deadline when timed out */
	int64_t used_ms;         /* time on the exam's clock (exam_used_ms) */
	struct exam_topic_score *topics; /* by topic name */
	size_t ntopics;
	size_t *wrong;           /* positions (from 0) wrong or unanswered */
	size_t nwrong;
	struct exam_area_score areas[EXAM_AREAS]; /* by exam_area_of */
};

struct exam;

/*
 * Proportional quotas: share N among NTOPICS topics of SIZES[i] questions
 * in proportion to their sizes.  QUOTA[i] = floor(N * SIZES[i] / total),
 * then what is left goes out at random from RNG, one more to a topic with
 * the probability of its remainder (systematic sampling), never by size:
 * each quota is its floor or one more, the quotas sum to N, and on average
 * a topic gets exactly its share, so every topic turns up in short exams.
 * When N is at least the total, every question is taken.  Returns the sum
 * of QUOTA.
 */
size_t exam_quotas(const size_t *sizes, size_t ntopics, size_t n,
		   struct rng *rng, size_t *quota);

/*
 * Start an exam on S (borrowed; must outlive it) with options O: draw the
 * questions (quotas per topic over the askable questions that are not
 * flagged, random within a topic, then mixed), shuffle their choices, and
 * store the exam and its questions (with their shown order) in one
 * transaction.  When fewer questions can be asked than O asks for, all of
 * them are (exam_requested tells the difference).  WHOSE_ENOTFOUND when
 * there is no question to ask, or a topic of O->topics has none;
 * WHOSE_EINVAL for options out of range.
 *
 * An open exam (started or resumed) holds the profile's exam lock
 * (store_exam_lock) until exam_free, so that a second terminal cannot
 * answer, submit or give up the same exam: exam_start, exam_resume and
 * exam_abandon give WHOSE_EBUSY, saying so, while another process holds
 * it.  A process that ends, however it ends, lets go.
 */
int exam_start(struct store *s, const struct exam_opts *o, struct exam **out,
	       struct whose_error *err);

/* Release E (NULL allowed).  An exam never submitted stays stored as such. */
void exam_free(struct exam *e);

/* Questions in the exam, and how many were asked for. */
size_t exam_count(const struct exam *e);
size_t exam_requested(const struct exam *e);

/* The exam's id in the store, its minutes and pass mark. */
int64_t exam_id(const struct exam *e);
int exam_minutes(const struct exam *e);
int exam_pass_percent(const struct exam *e);

/* Question I (from 0), or NULL when out of range. */
const struct exam_item *exam_item(const struct exam *e, size_t i);

/* Questions not answered yet. */
size_t exam_unanswered(const struct exam *e);

/*
 * Question I for editing its response (attempt_choose, attempt_place,
 * attempt_set, attempt_clear): every edit is saved at once.  NULL when the
 * exam is submitted, its time is up (call exam_expire) or I is out of
 * range; ERR then says which.
 */
struct attempt *exam_attempt(struct exam *e, size_t i, struct whose_error *err);

/* Answer question I with R (replacing an earlier answer), saved at once:
 * exam_attempt then attempt_set. */
int exam_answer(struct exam *e, size_t i, const struct question_response *r,
		struct whose_error *err);

/* Take the answer to question I back (unanswered again); saved at once. */
int exam_clear(struct exam *e, size_t i, struct whose_error *err);

/* Question I is on screen now (the one before, if any, leaves it, and
 * its time on screen is saved); I out of range: none is.  Its time on
 * screen is counted from now. */
int exam_visit(struct exam *e, size_t i, struct whose_error *err);

/* Mark (or unmark) question I to come back to; saved at once, and the
 * same bookmark as m in every other mode (store_mark_set). */
int exam_flag(struct exam *e, size_t i, bool flagged, struct whose_error *err);

/* Milliseconds left (0 when the time is up). */
int64_t exam_time_left(const struct exam *e);

/* True when the time is up. */
bool exam_expired(const struct exam *e);

/*
 * Submit the exam: score it, store the result and log every answered
 * question (mode "exam", not scheduled) in one transaction.  TIMED_OUT
 * records that the time ran out (it is also set when the clock is past the
 * end).  WHOSE_EINVAL when already submitted.
 */
int exam_submit(struct exam *e, bool timed_out, struct whose_error *err);

/*
 * When the time is up and the exam is still open, submit it as timed out.
 * Returns 1 when it did so now, 0 when nothing had to be done, or a
 * negative code.  Front ends call it whenever they look at the clock.
 */
int exam_expire(struct exam *e, struct whose_error *err);

/* True once submitted. */
bool exam_submitted(const struct exam *e);

/* The result once submitted, else NULL. */
const struct exam_result *exam_result(const struct exam *e);

/* ---- leaving, resuming, reading again --------------------------------- */

/* The id of the latest open exam into *ID; WHOSE_ENOTFOUND when none. */
int exam_find_open(struct store *s, int64_t *id, struct whose_error *err);

/*
 * Take open exam ID of S up again, as it was left: its questions in their
 * shown order, every saved response (partial ones too), flag and time on
 * screen; minutes, pass mark and seed from the store (O gives the
 * configuration and the clock).  Time away counts against the clock
 * unless the exam was started with pause_when_away.  The caller then
 * calls exam_expire: when the time ran out while away, it submits the
 * exam as it stands.  WHOSE_ENOTFOUND: no such exam; WHOSE_EINVAL: closed;
 * WHOSE_EBUSY: open in another process (see exam_start).
 */
int exam_resume(struct store *s, const struct exam_opts *o, int64_t id,
		struct exam **out, struct whose_error *err);

/* The learner leaves E open (q): its time on screen is saved and the
 * clock notes when; exam_resume takes it up again.  Nothing to do once
 * submitted.  E is still to be freed. */
int exam_leave(struct exam *e, struct whose_error *err);

/* The time open exam R has left at NOW on its own clock, as exam_resume
 * would count it (0 when its time ran out while away; the exam is then
 * to be submitted as it stood, not given up). */
int64_t exam_row_time_left(const struct store_exam_row *r, int64_t now);

/* Submit open exam ID as it stood when its time ran out (exam_resume then
 * exam_expire).  *SUBMITTED says whether it had run out; when not,
 * nothing changes. */
int exam_submit_if_over(struct store *s, const struct exam_opts *o, int64_t id,
			bool *submitted, struct whose_error *err);

/* 0 when open exam ID is not open in another process at this moment;
 * WHOSE_EBUSY, saying so, when it is (see exam_start).  For asking the
 * learner about it only when it can be taken up here. */
int exam_check_free(struct store *s, int64_t id, struct whose_error *err);

/* Give open exam ID up: closed, marked abandoned, not scored nor
 * counted.  WHOSE_ENOTFOUND when it is not open; WHOSE_EBUSY when it is
 * open in another process. */
int exam_abandon(struct store *s, int64_t id, const struct whose_clock *clock,
		 struct whose_error *err);

/* Open closed exam ID read-only, to review it: graded again from its
 * saved responses, exam_result as at submission; no edit is taken.
 * WHOSE_EINVAL when it is still open. */
int exam_open_past(struct store *s, const struct exam_opts *o, int64_t id,
		   struct exam **out, struct whose_error *err);

/* Whether E was opened read-only (exam_open_past), was given up, and
 * stops its clock while away. */
bool exam_read_only(const struct exam *e);
bool exam_abandoned(const struct exam *e);
bool exam_pauses_when_away(const struct exam *e);

/* Which questions a list or a review shows. */
enum exam_filter {
	EXAM_FILTER_ALL,
	EXAM_FILTER_UNANSWERED,
	EXAM_FILTER_FLAGGED,
	EXAM_FILTER_WRONG,       /* wrong or unanswered, once submitted */
	EXAM_FILTER_TOPIC,       /* of one topic */
};

/* Whether question I passes filter WHICH (TOPIC: the topic's name). */
bool exam_matches(const struct exam *e, size_t i, enum exam_filter which,
		  const char *topic);

/* The numbers (from 1) of the questions passing WHICH, at most MAX of
 * them then " ..." ("3, 5, 8 ..."; "none"), into BUF[LEN]: short enough
 * for a line whatever the exam's length. */
void exam_numbers_text(const struct exam *e, enum exam_filter which, size_t max,
		       char *buf, size_t len);

/* ---- past exams ------------------------------------------------------- */

/* The time an exam took on its own clock: from STARTED_AT to FINISHED_AT
 * less PAUSED_MS, the time it stood still while away (0 at least). */
int64_t exam_used_ms(int64_t started_at, int64_t finished_at, int64_t paused_ms);


/* The trend over past exams (submitted ones only: not open, not given
 * up, not forgotten). */
struct exam_trend {
	size_t finished;      /* exams submitted */
	int last;             /* percent of the latest */
	bool have_change;     /* there is a previous one to compare with */
	int change;           /* last minus the previous, in points */
	int best;             /* best percent */
	double average;       /* mean percent of the last (up to) five */
	size_t naverage;      /* how many that mean covers */
	size_t passed;        /* how many were passed */
	size_t forgotten;     /* submitted but forgotten: not in any figure */
};

/* Work out the trend of ROWS[N] (oldest first). */
void exam_trend_of(const struct store_exam_row *rows, size_t n,
		   struct exam_trend *t);

/*
 * The last MAX exams of S, oldest first, into a malloc'd *ROWS of *N (free
 * it), and their trend into *T.
 */
int exam_history(struct store *s, size_t max, struct store_exam_row **rows,
		 size_t *n, struct exam_trend *t, struct whose_error *err);

/*
 * Forget submitted exam ID (FORGET true) or count it again (false): a
 * forgotten exam stays stored and can be read (exam_open_past), but is
 * out of the trend (exam_trend_of) and of the calibration
 * (store_exam_calibration, the Brier score).  *CHANGED says whether it
 * was not so already.  WHOSE_ENOTFOUND: no such exam; WHOSE_EINVAL: it
 * is open or was given up (never counted).
 */
int exam_forget(struct store *s, int64_t id, bool forget, bool *changed,
		struct whose_error *err);

/*
 * The questions missed (wrong or unanswered) in closed exam ID, in exam
 * order, into a malloc'd *IDS of *N (free it; NULL when none): those still
 * askable (not retired nor flagged), for a practice set
 * (session_opts.questions).  WHOSE_ENOTFOUND: no such exam; WHOSE_EINVAL:
 * still open, or given up (never scored).
 */
int exam_missed(struct store *s, int64_t id, int64_t **ids, size_t *n,
		struct whose_error *err);

#endif
