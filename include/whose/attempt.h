/*
 * attempt.h - a question put to the learner: the one core type that
 * review, practice, exam, drill and the live class all use.
 *
 * An attempt holds the question (its text and parsed form), the order
 * its choices are shown in (drawn once from the one seeded generator,
 * rng.h), the response in progress (ticks, sort placements, an owner, a
 * truth value), whether it is committed, and, once graded, the grading
 * as data: right or wrong per shown choice and per sort item, the right
 * answer in shown numbering, the "why not" lines that apply, the
 * explanation and the source (attempt_feedback).  Front ends render it
 * and turn keys into edits of the response; none of them grades,
 * shuffles or words feedback.
 *
 * The life of an attempt:
 *
 *     attempt_load --> (edits: attempt_choose, attempt_place,
 *                       attempt_set, attempt_clear; each one saved
 *                       through the attempt's sink when it has one)
 *                  --> attempt_grade (as the response stands, complete
 *                      or not: an incomplete response is wrong)
 *                  --> attempt_commit (the mode's rules decide when)
 *
 * A mode that must never lose a response in progress (the exam) gives
 * the attempt a sink: every edit calls it, so the response is saved as
 * it changes.  attempt_response_text / attempt_restore save and restore
 * a response, partial ones included.
 *
 * Shown positions: choices and multi choices are numbered 0..nslots-1
 * in shown order; true/false is 0 true, 1 false; who is 0 AWS,
 * 1 Customer, 2 Shared; sort items keep the bank's order.
 *
 * Adding a question type touches: question.h/question.c (the enum, the
 * name, parsing the bank fields, question_grade, the answer and
 * response texts), this module (attempt.c: attempt_shown_count,
 * attempt_option_text, attempt_choose, attempt_complete, attempt_grade,
 * attempt_feedback), its labels and key codec (keys.c: keys_label,
 * keys_parse_key, keys_parse_line, keys_response_line, keys_hint), the
 * full screen's key table (src/tui/keymap.h and src/tui/keymap.c: the
 * type's key context and its rows), and one renderer per front end
 * (src/tui/question_view.c; src/plain/plain_show.c with
 * plain_parse_answer).  Nothing else: modes, figures and the live class
 * never switch on the type nor compare its name (the class sends the
 * name from question_type_name and shows, reads, grades and words every
 * question through this module and keys.h).  tests/e2e/typeplaces.sh
 * checks this list against the code: type enums, type names compared as
 * strings, and the per-type key contexts.
 */
#ifndef WHOSE_ATTEMPT_H
#define WHOSE_ATTEMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"
#include "whose/question.h"
#include "whose/rng.h"
#include "whose/store.h"

/* How one shown choice or sort item came out. */
enum attempt_mark {
	ATTEMPT_MARK_NONE,        /* not part of the answer, not picked */
	ATTEMPT_MARK_RIGHT,       /* part of the answer and picked (sort: right owner) */
	ATTEMPT_MARK_MISSED,      /* part of the answer, not picked (sort: not placed) */
	ATTEMPT_MARK_WRONG,       /* picked, not part of the answer (sort: wrong owner) */
};

/* The kinds of feedback line, for the front ends' styles. */
enum attempt_line_kind {
	ATTEMPT_LINE_RIGHT,       /* the verdict: right */
	ATTEMPT_LINE_WRONG,       /* the verdict: wrong, with the answer */
	ATTEMPT_LINE_UNANSWERED,  /* the verdict: nothing was answered */
	ATTEMPT_LINE_BACK,        /* a card's back */
	ATTEMPT_LINE_ANSWER,      /* one right choice, quoted */
	ATTEMPT_LINE_WHY_NOT,     /* why a picked choice is wrong */
	ATTEMPT_LINE_SORT_FIX,    /* a sort item in the wrong bucket */
	ATTEMPT_LINE_WHY,         /* the explanation */
	ATTEMPT_LINE_SOURCE,      /* the source */
};

#define ATTEMPT_LABEL_MAX 200
#define ATTEMPT_LINES_MAX (2 * QUESTION_MAX_SLOTS + 6)

/* One line of feedback: LABEL (core wording) then TEXT (bank text,
 * borrowed from the attempt; may be "").  A verdict line has its word in
 * VERDICT ("Right", "Wrong", "Not answered", or the mode's own) and the
 * rest of its sentence in LABEL ("the answer is 2"): front ends show
 * them as "VERDICT: LABEL" in their own type face. */
struct attempt_line {
	enum attempt_line_kind kind;
	int shown;                      /* the shown position it is about, or -1 */
	char verdict[48];
	char label[ATTEMPT_LABEL_MAX];
	const char *text;
};

/* The grading of an attempt, as data. */
struct attempt_grade {
	bool graded;
	bool answered;                  /* some response was given */
	bool complete;                  /* the response was complete */
	bool correct;
	enum attempt_mark mark[QUESTION_MAX_SLOTS]; /* by shown position */
	char right[160];                /* "b, d", "AWS", "true", "" (sort, card) */
	char given[160];                /* the response the same way ("" when none) */
};

struct attempt;

/* Where a response is saved as it changes (NULL: nowhere). */
struct attempt_sink {
	int (*save)(const struct attempt *a, void *ctx, struct whose_error *err);
	void *ctx;
};

struct attempt {
	struct store_item item;           /* the question's text and card (owned) */
	struct question q;                /* parsed (owned) */
	size_t order[QUESTION_MAX_SLOTS]; /* shown position -> original slot */
	struct question_response response;/* in progress; see question.h */
	bool committed;                   /* the mode has taken it as final */
	struct attempt_grade grade;       /* valid when grade.graded */
	int64_t shown_at;                 /* ms, when last put on screen */
	int64_t spent_ms;                 /* time on screen so far, all visits */
	struct attempt_sink sink;
};

/*
 * Load question QUESTION_ID of S into A, parsed, with its choices in an
 * order drawn from RNG (kept in bank order when the question does not
 * shuffle).  A must be zeroed or freed.  WHOSE_EDATA when the stored
 * question no longer parses.
 */
int attempt_load(struct attempt *a, struct store *s, int64_t question_id,
		 struct rng *rng, struct whose_error *err);

/* Release what A holds (A itself is the caller's; it is zeroed). */
void attempt_free(struct attempt *a);

/* How many shown positions A answers by (choices, 2, 3, sort items;
 * 0 for a card). */
size_t attempt_shown_count(const struct attempt *a);

/*
 * Edit the response (each saved through the sink; WHOSE_EINVAL when A is
 * committed or the position is out of range):
 *   attempt_choose   pick shown position POS: a choice or who or
 *                    true/false replaces the answer; a multi choice is
 *                    ticked or unticked;
 *   attempt_place    put sort item ITEM into OWNER's bucket;
 *   attempt_set      replace the whole response (a typed line);
 *   attempt_clear    take the response back (nothing given).
 */
int attempt_choose(struct attempt *a, size_t pos, struct whose_error *err);
int attempt_place(struct attempt *a, size_t item, enum question_owner owner,
		  struct whose_error *err);
int attempt_set(struct attempt *a, const struct question_response *r,
		struct whose_error *err);
int attempt_clear(struct attempt *a, struct whose_error *err);

/* The text of shown position POS of A: the choice, "true" or "false",
 * the owner's name, the sort item; NULL when there is none.  Borrowed
 * from A (or static). */
const char *attempt_option_text(const struct attempt *a, size_t pos);

/* Whether A is graded by the learner (a card: turned, then rated) rather
 * than by its response. */
bool attempt_self_graded(const struct attempt *a);

/* Why the response of A is not complete yet, as a sentence for the
 * learner ("sort every item first: 2 to go"), into BUF[LEN]. */
void attempt_missing(const struct attempt *a, char *buf, size_t len);

/* The response in progress in the labels shown ("b", "a, c", "AWS",
 * "true", "AWS, -, Shared"; "" when none), into BUF[LEN]. */
void attempt_given_text(const struct attempt *a, char *buf, size_t len);

/* Shown positions picked in the response in progress (multi: ticks). */
size_t attempt_marks(const struct attempt *a);

/* Whether any response is given, and whether it is complete (one choice,
 * as many ticks as the multi question has right choices, an owner or
 * truth, every sort item placed). */
bool attempt_answered(const struct attempt *a);
bool attempt_complete(const struct attempt *a);

/* Whether shown position POS is picked in the response in progress
 * (sort: whether item POS is placed, its owner in *OWNER). */
bool attempt_picked(const struct attempt *a, size_t pos);
bool attempt_placed(const struct attempt *a, size_t item,
		    enum question_owner *owner);

/* The first sort item after FROM (wrapping) not placed yet, or FROM. */
size_t attempt_next_unplaced(const struct attempt *a, size_t from);

/* Sort items not placed yet. */
size_t attempt_unplaced(const struct attempt *a);

/* Grade the response as it stands into A->grade (a card: CORRECT is the
 * learner's own verdict; otherwise ignored). */
void attempt_grade(struct attempt *a, bool card_correct);

/* Mark (bookmark) A's question in S, or unmark it when it is marked, at
 * NOW; *ON (may be NULL) says which.  The same bookmark in every mode
 * (store_mark_set); it changes no schedule and no response. */
int attempt_mark_toggle(const struct attempt *a, struct store *s, int64_t now,
			bool *on, struct whose_error *err);

/* Mark A committed: no more edits. */
void attempt_commit(struct attempt *a);

/*
 * The feedback of the graded A as lines, in order: the verdict, a card's
 * back, the right choices, a "why not" for each wrong pick that has one,
 * a line per misplaced sort item, the explanation, the source.  VERDICT
 * (NULL: from the grade) and NOTE (NULL: none; e.g. "counted as wrong")
 * let a mode word its own outcome (a drill's "Time is up").  Fills at
 * most MAX lines of OUT (ATTEMPT_LINES_MAX is always enough) and returns
 * how many.  Texts are borrowed from A.
 */
size_t attempt_feedback(const struct attempt *a, const char *verdict,
			const char *note, struct attempt_line *out, size_t max);

/* The response in progress as text (question_response_text's form; a
 * partial sort has "-" for an item not placed; "" when nothing is given),
 * for saving; attempt_restore reads it back (0, or -1 when it does not
 * fit the question: the response is then left empty). */
void attempt_response_text(const struct attempt *a, char *buf, size_t len);
int attempt_restore(struct attempt *a, const char *text);

/* Record time on screen: attempt_show when it appears, attempt_hide when
 * it leaves (adds to spent_ms). */
void attempt_show(struct attempt *a, int64_t now);
void attempt_hide(struct attempt *a, int64_t now);

#endif
