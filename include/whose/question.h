/*
 * question.h - one question of the bank, its types, and grading.
 *
 * A question is stored as text fields (as in the bank's CSV: choices and
 * answers as '|'-separated lists).  question_parse turns those fields into
 * arrays that front ends show and grade; the bank validator uses the same
 * function, so what imports is exactly what can be shown.
 */
#ifndef WHOSE_QUESTION_H
#define WHOSE_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#define QUESTION_MAX_CHOICES 6
#define QUESTION_MIN_CHOICES 2
#define QUESTION_MAX_ITEMS 8   /* items of a 'sort' question */
#define QUESTION_MAX_SLOTS 8   /* the larger of the two above */

enum question_type {
	QUESTION_CHOICE,    /* one right answer among 2..6 */
	QUESTION_MULTI,     /* several right answers ("choose two") */
	QUESTION_TRUEFALSE, /* true or false */
	QUESTION_WHO,       /* AWS, Customer or Shared */
	QUESTION_SORT,      /* each item into AWS, Customer or Shared */
	QUESTION_CARD,      /* front and back, graded by the learner */
	QUESTION_NTYPES
};

/* The three owners of a duty, in the order shown (keys a, c, s). */
enum question_owner {
	QUESTION_AWS,
	QUESTION_CUSTOMER,
	QUESTION_SHARED,
	QUESTION_NOWNERS
};

/* The text fields of one question, as in the bank and the store. */
struct question_text {
	const char *qid;         /* stable id from the bank */
	const char *topic;
	const char *type;        /* "choice", "multi", ... */
	const char *question;    /* the front of a card */
	const char *choices;     /* '|'-separated options or sort items */
	const char *answer;      /* letters, true/false, owner(s), or a back */
	const char *explanation;
	const char *source;
	const char *tags;
	const char *why_not;     /* "B: reason|D: reason" */
	bool shuffle;            /* choices may be shown in another order */
};

/*
 * A parsed question.  All strings point into BUF, which the struct owns:
 * free it with question_free.
 */
struct question {
	enum question_type type;
	char *buf;
	size_t nslots;                        /* choices or sort items */
	const char *slot[QUESTION_MAX_SLOTS]; /* choice text or sort item */
	const char *why_not[QUESTION_MAX_SLOTS]; /* NULL when none */
	unsigned correct_mask;  /* choice/multi: bit i set if choice i is right */
	bool truth;             /* truefalse */
	enum question_owner owner;                   /* who */
	enum question_owner item_owner[QUESTION_MAX_ITEMS]; /* sort */
	const char *back;       /* card */
};

/* The type named NAME ("choice", ...), or -1 when unknown. */
int question_type_from_name(const char *name);
/* The bank name of type T. */
const char *question_type_name(enum question_type t);
/* Whether the type named NAME is answered one owner per choice (a sort:
 * its bank answer lists an owner per item, not the right choices), so
 * that a front end showing a stored row need not compare type names. */
bool question_type_name_per_item(const char *name);
/* "AWS", "Customer" or "Shared". */
const char *question_owner_name(enum question_owner o);
/* Owner named NAME (case-insensitive), or -1. */
int question_owner_from_name(const char *name);

/*
 * Parse the type-dependent fields of T into Q.  On failure returns -1 (the
 * fields are wrong) or WHOSE_ENOMEM (out of memory, the fields may be
 * fine), sets *FIELD to the name of the offending column and writes a
 * message (without file or line) into MSG[MSGLEN]; Q then needs no freeing.  On success
 * returns 0 and Q must be released with question_free.
 */
int question_parse(const struct question_text *t, struct question *q,
		   const char **field, char *msg, size_t msglen);

/*
 * The chance of answering a question of type TYPE right by guessing, from
 * its shape: NSLOTS choices or sort items, NRIGHT right choices (multi).
 * choice 1/NSLOTS; multi 1/C(NSLOTS, NRIGHT) (the question says how many
 * to choose); truefalse 1/2; who 1/3; sort (1/3)^NSLOTS; a card 0 (it is
 * graded by the learner, never in an exam).  0 for a shape that cannot be.
 */
double question_guess_chance(enum question_type type, size_t nslots, size_t nright);

/* Whether a question of type T is graded by the program, so counts in
 * readiness and exams (every type but a card, which the learner rates). */
bool question_type_graded(enum question_type t);

/* Release what question_parse allocated (Q itself is the caller's). */
void question_free(struct question *q);

/*
 * A learner's response.  For choice, multi: MASK holds the chosen original
 * choice indexes.  For truefalse: TRUTH.  For who: OWNER.  For sort:
 * ITEM_OWNER per item.  GIVEN says what is given: truefalse and who bit 0
 * (the value is given), sort bit i (item i is placed); choice and multi
 * need no bit (MASK says it).  Cards are graded by the learner, not here.
 */
struct question_response {
	unsigned mask;
	bool truth;
	enum question_owner owner;
	enum question_owner item_owner[QUESTION_MAX_ITEMS];
	unsigned given;
};

/*
 * The order in which to show Q's slots: ORDER[shown position] = original
 * slot.  Choices of a choice or multi question are shuffled when SHUFFLE is
 * set, with BELOW(CTX, n) giving a uniform number below n; everything else
 * keeps the bank's order.
 */
void question_order(const struct question *q, bool shuffle, size_t *order,
		    size_t (*below)(void *ctx, size_t n), void *ctx);

/* True when R answers Q rightly (always false for a card). */
bool question_grade(const struct question *q,
		    const struct question_response *r);

/*
 * R as text in the bank's answer form ("B", "A|C", "true", "AWS",
 * "AWS|Customer|Shared"; a sort item not placed is "-"; "" when nothing
 * is given), into BUF[LEN]; question_response_parse reads it back.  Used
 * to store responses, partial ones included.
 */
void question_response_text(const struct question *q,
			    const struct question_response *r, char *buf,
			    size_t len);

/* Parse TEXT (as written by question_response_text) for Q into R, GIVEN
 * included ("" is nothing given); 0, or -1 when it does not fit Q. */
int question_response_parse(const struct question *q, const char *text,
			    struct question_response *r);

/* The right answer of Q as a short text ("B", "A, C", "true", "AWS",
 * "AWS, Customer, ...") into BUF[LEN]. */
void question_answer_text(const struct question *q, char *buf, size_t len);

/*
 * The date of the "as-of:YYYY-MM" tag among TAGS (a '|'-separated list, as
 * in the bank): the month a fact that changes by date was last checked.
 * Writes "YYYY-MM" into BUF[LEN] (LEN at least 8) and returns 1; returns 0
 * when no tag starts with "as-of:", and -1 when one does but is not a year
 * and a month 01-12 (BUF then holds that tag, cut to LEN).  Two as-of tags
 * are -1 too: a fact has one date.
 */
int question_as_of(const char *tags, char *buf, size_t len);

#endif
