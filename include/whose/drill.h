/*
 * drill.h - a classroom drill: every student who types the same seed gets
 * the same questions, in the same order, with the same choice order, on
 * any machine; each question has its own countdown.
 *
 * Reproducibility rests on three things only: the bank (questions are
 * taken in bank-id byte order, flagged ones included, so that the local
 * database's ids, flags and history play no part), the seed, and the one
 * portable generator (rng.h: splitmix64; never rand()).  The choice order
 * of a question comes from the seed and its bank id.
 *
 * The life of a drill:
 *
 *     drill_new --> drill_next --> (countdown, edits of the response
 *                      ^            through drill_attempt)
 *                      |                 |--drill_submit / drill_answer--> answered
 *                      |                 +--drill_timeout--> graded as it stands
 *                      +--------------------------------------------+
 *     drill_next returns WHOSE_ENOTFOUND after the last question;
 *     drill_abandon ends it early (the rest count as wrong).
 *
 * An answer submitted after the question's deadline counts as wrong; when
 * the countdown ends, the response as it stands (ticks and placements
 * included) is graded, so a right selection not yet confirmed counts as
 * right.  Every answer, and every question left unanswered when its time
 * ran out, is logged with mode "drill" (not scheduled), so it counts
 * toward topic scores.
 */
#ifndef WHOSE_DRILL_H
#define WHOSE_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/attempt.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/question.h"
#include "whose/store.h"

#define DRILL_DEFAULT_COUNT 10
#define DRILL_DEFAULT_SECONDS 30
#define DRILL_MAX_COUNT 1000
#define DRILL_MAX_SECONDS 3600

/*
 * The header of a results file (whose(1), RESULTS FILES).  Files written
 * before the fingerprint and complete columns have DRILL_RESULTS_HEADER_V1:
 * `whose report` reads both; rows are only appended to the current one.
 */
#define DRILL_RESULTS_HEADER "name,finished_at,seed,score,total,answers,complete,fingerprint\n"
/* The fields of DRILL_RESULTS_HEADER, and of every row. */
#define DRILL_RESULTS_COLUMNS 8
/* The longest last line drill_results_append reads back (bytes). */
#define DRILL_RECORD_MAX (1 << 20)
#define DRILL_RESULTS_HEADER_V1 "name,finished_at,seed,score,total,answers\n"

/*
 * The mode a new results file gets, whatever the umask (a student's umask
 * 077 must not keep classmates from appending): DRILL_RESULTS_MODE_SHARED,
 * read and write for its owner and its group, in a folder its group may
 * write and others may not (the class's setgid folder, whose(1) TEACHING
 * A CLASS); DRILL_RESULTS_MODE_OWN, its owner's alone, anywhere else (a
 * folder of one's own, a /tmp-like folder every account may write).
 */
#define DRILL_RESULTS_MODE_SHARED 0660
#define DRILL_RESULTS_MODE_OWN 0600

/* The mode a results file made at PATH gets (see above). */
unsigned drill_results_mode(const char *path);

/* How long an append waits for the lock before it gives up, in ms: a
 * classmate holding the lock must not hang everyone's drill. */
#define DRILL_RESULTS_LOCK_MS 15000

struct drill_opts {
	uint64_t seed;
	size_t count;              /* 1..DRILL_MAX_COUNT (0: 10) */
	const char *const *topics; /* topic names (case-insensitive); none: all */
	size_t ntopics;
	int seconds;               /* per question, 1..DRILL_MAX_SECONDS (0: 30) */
	const struct config *config;     /* borrowed for the drill's life */
	const struct whose_clock *clock; /* borrowed for the drill's life */
};

enum drill_outcome {
	DRILL_PENDING,    /* not asked yet, or on screen */
	DRILL_RIGHT,
	DRILL_WRONG,
	DRILL_LATE,       /* answered after the deadline: wrong */
	DRILL_TIMED_OUT,  /* no answer before the deadline: wrong */
	DRILL_SKIPPED,    /* never answered: the drill ended first (wrong) */
};

/* One question of the drill.  Borrowed from the drill until drill_free. */
struct drill_item {
	struct attempt a;                  /* question, order, response, grade */
	enum drill_outcome outcome;
	int64_t deadline;                  /* ms */
};

struct drill;

/*
 * Choose the drill's questions on S (borrowed; must outlive the drill):
 * the askable questions (flagged ones too) of the named topics in bank-id
 * byte order, shuffled by the seed, the first COUNT of them; load them and
 * order their choices.  WHOSE_ENOTFOUND (naming it) for a topic with no
 * askable question, or when there is no question at all; WHOSE_EINVAL for
 * options out of range.
 */
int drill_new(struct store *s, const struct drill_opts *o, struct drill **out,
	      struct whose_error *err);

/* Release D (NULL allowed). */
void drill_free(struct drill *d);

/* Questions in the drill, and how many were asked for. */
size_t drill_count(const struct drill *d);
size_t drill_requested(const struct drill *d);

/* Question I (from 0), or NULL when out of range. */
const struct drill_item *drill_item(const struct drill *d, size_t i);

/*
 * Put the next question on screen and start its countdown: *ITEM points at
 * it and *INDEX (may be NULL) gets its position.  A question still
 * pending counts as timed out first.  WHOSE_ENOTFOUND after the last one.
 */
int drill_next(struct drill *d, const struct drill_item **item, size_t *index,
	       struct whose_error *err);

/* Milliseconds left for the question on screen (0 when none or up). */
int64_t drill_time_left(const struct drill *d);

/* The question on screen, for editing its response; NULL when none is
 * waiting for an answer. */
struct attempt *drill_attempt(struct drill *d);

/*
 * Submit the response on screen as it stands: graded, or wrong
 * (DRILL_LATE) when the clock has reached its deadline; logged at once.
 * WHOSE_EINVAL when no question is waiting for an answer.
 */
int drill_submit(struct drill *d, struct whose_error *err);

/* Set the response on screen to R and submit it (a typed line). */
int drill_answer(struct drill *d, const struct question_response *r,
		 struct whose_error *err);

/* The countdown of the question on screen ended: its response as it
 * stands is graded (nothing given: DRILL_TIMED_OUT), and logged. */
int drill_timeout(struct drill *d, struct whose_error *err);

/* End the drill now: every question not answered counts as wrong
 * (DRILL_SKIPPED; not logged, as it was not asked or not answered). */
void drill_abandon(struct drill *d);

/* How OUTCOME is worded in feedback, as attempt_feedback takes it: the
 * verdict word and a note (both NULL: the grade's own words). */
void drill_outcome_words(enum drill_outcome outcome, const char **verdict,
			 const char **note);

/* Right answers so far, and the drill's length. */
void drill_score(const struct drill *d, size_t *right, size_t *total);

/* One answer of a results row: the question's bank id and a mark. */
struct drill_result_answer {
	const char *qid;           /* borrowed */
	int mark;                  /* 1 right, 0 wrong, -1 not answered: the
	                              drill was left before it came */
};

/*
 * A drill's result as plain data, so that every writer of results files
 * (a drill, a live class) writes the same rows.  All borrowed.
 */
struct drill_result {
	const char *name;          /* the student, UTF-8 without controls */
	int64_t finished_at;       /* ms since the epoch, UTC */
	uint64_t seed;
	const struct drill_result_answer *answers; /* in the order asked */
	size_t nanswers;           /* the drill's length, 1 or more */
	uint64_t fingerprint;      /* drill_fingerprint */
	bool complete;             /* false: left early; no mark is -1 otherwise */
};

/*
 * The results row of RES, in the columns of DRILL_RESULTS_HEADER, ending
 * in a newline, into a malloc'd *ROW (free it): the name quoted as RFC
 * 4180 asks, score and total counted from the answers, answers as
 * "id=1 id=0 id=- ..." in the order asked, complete as 1 or 0, the
 * fingerprint as 16 lowercase hex digits.  WHOSE_EINVAL for a row that
 * cannot be (no answers, a -1 mark in a complete drill, an empty name),
 * WHOSE_ENOMEM.
 */
int drill_results_format(const struct drill_result *res, char **row,
			 struct whose_error *err);

/*
 * The fingerprint of the questions D asks, in order: 64-bit FNV-1a over
 * each question's bank id, type, question, choices and answer fields and
 * the order its choices are shown in.  Two students with the same seed
 * saw the same drill exactly when their fingerprints agree.
 */
uint64_t drill_fingerprint(const struct drill *d);

/* Was D taken to its end?  False once it was left early (drill_abandon
 * with questions still to come or unanswered). */
bool drill_complete(const struct drill *d);

/*
 * The results row of D for student NAME, finished at FINISHED_AT: the row
 * of drill_results_format for D's seed, marks, fingerprint and
 * completeness (a question skipped by drill_abandon reads "id=-").
 */
int drill_results_row(const struct drill *d, const char *name,
		      int64_t finished_at, char **row, struct whose_error *err);

/*
 * Check, before a drill starts, that its row could be appended to the
 * results file PATH: a regular file (not a link, a folder or a FIFO) that
 * can be written and starts with DRILL_RESULTS_HEADER, or a file that
 * does not exist yet in a writable folder.  WHOSE_EDATA for a file with
 * another first line (an older header included: start a new file),
 * WHOSE_EIO for the rest; the message names the file and what to do.
 */
int drill_results_check(const char *path, struct whose_error *err);

/* The longest student name in a results file, in bytes. */
#define DRILL_NAME_MAX 100

/*
 * The student's name for a results row: GIVEN, or else $USER, or else
 * $LOGNAME, into *NAME (borrowed from GIVEN or the environment).
 * WHOSE_EINVAL when there is none ("give the student's name with
 * '--name'") or it is not printable UTF-8 of at most DRILL_NAME_MAX bytes
 * without control or format characters (a name is shown on a teacher's
 * terminal).
 */
int drill_student_name(const char *given, const char **name, struct whose_error *err);

/*
 * Append ROW (one whole line) to the results file PATH, safely when many
 * students of one group write it at once (whose(1), RESULTS FILES): open
 * with safefile_open_append (no link followed, regular files only, a new
 * file gets drill_results_mode exactly), take an exclusive flock (waiting
 * at most DRILL_RESULTS_LOCK_MS), and under the lock check the header (an
 * empty file gets it) and that the last record is whole (balanced quotes,
 * DRILL_RESULTS_COLUMNS fields: else nothing is written), add the newline
 * a last line lacks, write it all in one write (a short write is cut back
 * to the length the file had), and fsync.  WHOSE_EDATA for a file with
 * another header, or whose last record is not whole (the message names
 * its line).
 */
int drill_results_append(const char *path, const char *row,
			 struct whose_error *err);

/*
 * drill_results_append, and when it fails (the file was made read-only,
 * replaced by a link, its lock held too long, the disk full, ...) keep
 * ROW in the student's own database S with PATH made absolute, so that
 * the result is not lost: the error is then returned with ERR saying that
 * the result is kept and how it will be added (drill_results_resend).
 */
int drill_results_deliver(struct store *s, const char *path, const char *row,
			  int64_t now, struct whose_error *err);

/*
 * Add every row kept by drill_results_deliver to its file, oldest first,
 * each once: a row the file already holds (the same line: name, finish
 * time, seed, answers, fingerprint), added by a --resend or a drill
 * running at the same time, is not added again (checked under the file's
 * lock); each one added or found is forgotten.  *SENT and *LEFT count them.  0 when none
 * is left, else the code and message of the last that failed.
 */
int drill_results_resend(struct store *s, size_t *sent, size_t *left,
			 struct whose_error *err);

/*
 * What drill_results_resend did, for the student, into BUF[LEN]: "2 kept
 * drill results were added to their results file." for SENT, then, when
 * LEFT are still kept, how many and why (WHY, its message) and that
 * 'whose drill --resend' tries again.  "" when both are 0.
 */
void drill_resend_text(size_t sent, size_t left, const char *why, char *buf, size_t len);

#endif
