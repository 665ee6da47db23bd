/*
 * report.h - a class's drill results (the CSV files `whose drill
 * --results` appends to) summed up: per question the share of students
 * who got it right, hardest first; per topic; per student.
 *
 * The rows come from results_read_file (results.h), which owns the
 * format of a results file and says what is wrong with a malformed row;
 * the report module does the arithmetic and the grouping; it never
 * prints.
 */
#ifndef WHOSE_REPORT_H
#define WHOSE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/bank.h"
#include "whose/error.h"
#include "whose/results.h"
#include "whose/store.h"

/* The topic of a question the database does not know. */
#define REPORT_UNKNOWN_TOPIC "(unknown)"

/* Every string is owned by the report. */
struct report_question {
	char *qid;
	char *topic;   /* after report_resolve; REPORT_UNKNOWN_TOPIC if absent */
	char *text;    /* after report_resolve; "" if absent */
	size_t asked;  /* rows that asked it and got an answer */
	size_t right;  /* of which right */
};

struct report_topic {
	char *name;
	size_t questions;  /* distinct questions asked */
	size_t asked;      /* answers */
	size_t right;
};

struct report_student {
	char *name;        /* the first name its rows gave */
	char *key;         /* what groups its rows: the account, else the name */
	bool has_account;  /* rows that say which account wrote them */
	uint32_t uid;      /* with has_account: the account ... */
	char *login;       /* ... and its login (or "uid N") */
	size_t renamed;    /* rows whose name is not the account's login */
	char *other_name;  /* the first such name, or NULL */
	size_t drills;     /* complete drills */
	size_t right;      /* sum of their scores */
	size_t total;      /* sum of their totals */
	size_t incomplete; /* drills left early: no score */
};

/* The drills of one seed that asked the same questions (one fingerprint).
 * A seed with two or more of these was not the same drill for everyone:
 * the students' banks differed. */
struct report_variant {
	uint64_t seed;
	uint64_t fingerprint;
	size_t drills;     /* rows, complete or not */
	char *first_name;  /* the first student met with it */
};

struct report;

/* A new empty report into *OUT; free it with report_free. */
int report_new(struct report **out, struct whose_error *err);
void report_free(struct report *r);

/*
 * Add one drill result ROW.  A complete row counts toward its student's
 * score; an incomplete one only as a drill left early; the answers given
 * count toward their questions either way.  Returns 0; 1 when the row
 * does not add up (nothing is added; MSG[MSGLEN] says why, naming the
 * column); or WHOSE_ENOMEM.
 */
int report_add_row(struct report *r, const struct results_row *row, char *msg,
		   size_t msglen);

/*
 * Read the results file PATH into R (results_read_file, each row through
 * report_add_row).  Problems go into REP as
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
 * id or name), students by name, variants by seed.  Rows that name their
 * account (uid) are one student per account, whatever name they give.
 */
int report_resolve(struct report *r, struct store *s, struct whose_error *err);

/* The results, borrowed from R until report_free (sorted once resolved). */
const struct report_question *report_questions(const struct report *r, size_t *n);
const struct report_topic *report_topics(const struct report *r, size_t *n);
const struct report_student *report_students(const struct report *r, size_t *n);

/* Rows added (drills taken, complete or not). */
size_t report_rows(const struct report *r);

/* Of which drills left early (incomplete). */
size_t report_incomplete_rows(const struct report *r);

/* The (seed, fingerprint) pairs met (once resolved: by seed, then most
 * drills first), borrowed from R until report_free.  Rows without a
 * fingerprint are not in it. */
const struct report_variant *report_variants(const struct report *r, size_t *n);

/* Seeds whose drills did not all ask the same questions (once resolved). */
size_t report_mixed_seeds(const struct report *r);

#endif
