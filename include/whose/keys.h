/*
 * keys.h - the one key map of a question: the label shown beside each
 * option and what a key or a typed line answers, for every question type
 * and every mode (review, practice, exam, drill) and front end (the full
 * screen, plain mode; the live class can use it as well).
 *
 * The labels, the same everywhere:
 *
 *     choice, multi   a b c d e f        the shown choices, in shown order
 *     true/false      t f                true, false
 *     who             a c s              AWS, Customer, Shared
 *     sort            1 2 3 ... 8        the items, in bank order;
 *                     a c s              the owner's bucket for the item
 *                                        under the cursor (full screen), or
 *                                        one letter per item in order (a
 *                                        typed line: "a c s" or "acs")
 *
 * Answer keys are lower-case letters and the digits 1-8 only, so that a
 * screen's commands can take every other key (upper case S submits an
 * exam, m marks, q leaves, ! reports a problem): KEYS_ANSWER_ALL lists
 * every character that answers some question, and the full screen's key
 * table is checked against it (tests/test_keys.c).
 */
#ifndef WHOSE_KEYS_H
#define WHOSE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "whose/attempt.h"
#include "whose/question.h"

/* Every character that answers a question of some type. */
#define KEYS_ANSWER_ALL "abcdeftsacs12345678"

/* The label of shown position POS of a question of type T ('a'.., 't',
 * 'f', 'a' 'c' 's', or a sort item's '1'..), or 0 when there is none. */
char keys_label(enum question_type t, size_t pos);

/* The label of owner O ('a', 'c' or 's'), or 0. */
char keys_owner_label(enum question_owner o);

/* The characters that answer a question of type T with N choices or
 * items (choice of 4: "abcd"; who: "acs"; sort of 3: "acs123"), into
 * BUF[LEN]. */
void keys_answers(enum question_type t, size_t n, char *buf, size_t len);

/* Whether KEY answers some question of some type (a command must never be
 * such a key on a question's screen). */
bool keys_is_answer(int key);

/* What one key press does to an attempt. */
enum keys_edit_kind {
	KEYS_EDIT_NONE,      /* not an answer key for this question */
	KEYS_EDIT_CHOOSE,    /* pick (or, multi, tick/untick) shown position POS */
	KEYS_EDIT_PLACE,     /* sort: put item POS into OWNER's bucket */
	KEYS_EDIT_SELECT,    /* sort: move the cursor to item POS */
};

struct keys_edit {
	enum keys_edit_kind kind;
	size_t pos;
	enum question_owner owner;
};

/* What KEY (a character) does to A with the sort cursor at CURSOR. */
struct keys_edit keys_parse_key(const struct attempt *a, int key, size_t cursor);

/* Apply E to A (through the attempt's edits, so saved by its sink) and,
 * for a sort, move *CURSOR (to the next item not placed after a
 * placement).  0, or a negative code from the edit. */
int keys_apply(struct attempt *a, const struct keys_edit *e, size_t *cursor,
	       struct whose_error *err);

/*
 * A typed line (plain mode) as a whole response to A into R: labels
 * separated by spaces or commas or run together ("b", "a c", "ac"), or the
 * words true, false, aws, customer, shared (any case).  0 when it is a
 * complete answer; -1 otherwise, with what to type in HINT[LEN] (a multi
 * question with the wrong number of marks says how many it wants).
 */
int keys_parse_line(const struct attempt *a, const char *line,
		    struct question_response *r, char *hint, size_t len);

/*
 * The response in progress of A as the labels a typed line gives them,
 * SEP between two ("b", "a|c", "t", "s", "a|c|s": one owner per sort item,
 * '-' for one not placed; "" when nothing is given), into BUF[LEN]:
 * keys_parse_line reads it back (SEP a space or a comma, or '|' once
 * turned into spaces).  The live class sends answers in this form.
 */
void keys_response_line(const struct attempt *a, char sep, char *buf, size_t len);

/* How many choices a multi question wants marked (its right ones), or 1. */
size_t keys_marks_wanted(const struct attempt *a);

/* One line saying how to answer A ("Choose one: a-d.", "Whose
 * responsibility: a AWS, c Customer, s Shared."), into BUF[LEN]. */
void keys_hint(const struct attempt *a, char *buf, size_t len);

#endif
