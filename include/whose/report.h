/*
 * report.h - a class's drill results (the CSV files `whose drill
 * --results` appends to) summed up: per question the share of students
 * who got it right, hardest first; per topic; per student.
 *
 * A results file has the header name,finished_at,seed,score,total,answers
 * (extra columns are ignored, a repeated header is skipped) and one row
 * per drill taken; answers is "id=1 id=0 ..." in question order.  A
 * malformed row is left out with a message "file:line: what is wrong".
 * The report module does the arithmetic; it never prints.
 */
#ifndef WHOSE_REPORT_H
#define WHOSE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "whose/bank.h"
#include "whose/error.h"
#include "whose/store.h"

/* The topic of a question the database does not know. */
#define REPORT_UNKNOWN_TOPIC "(unknown)"

/* Every string is owned by the report. */
struct report_question {
	char *qid;
	char *topic;   /* after report_resolve; REPORT_UNKNOWN_TOPIC if absent */
	char *text;    /* after report_resolve; "" if absent */
	size_t asked;  /* rows that asked it */
	size_t right;  /* of which right */
};

struct report_topic {
	char *name;
	size_t questions;  /* distinct questions asked */
	size_t asked;      /* answers */
	size_t right;
};

struct report_student {
	char *name;
	size_t drills;     /* rows */
	size_t right;      /* sum of scores */
	size_t total;      /* sum of totals */
};

struct report;

/* A new empty report into *OUT; free it with report_free. */
int report_new(struct report **out, struct whose_error *err);
void report_free(struct report *r);

/*
 * Add one drill result: student NAME got SCORE of TOTAL, ANSWERS as in a
 * results file.  Returns 0; 1 when the row does not add up (nothing is
 * added; MSG[MSGLEN] says why, naming the column); or WHOSE_ENOMEM.
 */
int report_add_result(struct report *r, const char *name, size_t score,
		      size_t total, const char *answers, char *msg,
		      size_t msglen);

/*
 * Read the results file PATH into R.  Problems go into REP as
 * "PATH:LINE: what is wrong" (the row is left out); returns 0 when the
 * file was read (look at rep->nerrors), or a negative code (a file that
 * cannot be opened is WHOSE_EIO, also listed in REP).
 */
int report_read_file(struct report *r, const char *path,
		     struct bank_report *rep, struct whose_error *err);

/*
 * Look up each question's topic and text in S by bank id (S may be NULL:
 * every topic is then unknown), sum up the topics, and sort: questions and
 * topics hardest first (lowest share right; ties: more answers, then by
 * id or name), students by name.
 */
int report_resolve(struct report *r, struct store *s, struct whose_error *err);

/* The results, borrowed from R until report_free (sorted once resolved). */
const struct report_question *report_questions(const struct report *r, size_t *n);
const struct report_topic *report_topics(const struct report *r, size_t *n);
const struct report_student *report_students(const struct report *r, size_t *n);

/* Rows added (drills taken). */
size_t report_rows(const struct report *r);

#endif
