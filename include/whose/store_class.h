/*
 * store_class.h - the results of live classes in the teacher's database
 * (schema version 6): one row per class, and one row per student and
 * closed question, written in one transaction as each question closes, so
 * that a host killed mid-class loses nothing that was answered.
 */
#ifndef WHOSE_STORE_CLASS_H
#define WHOSE_STORE_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"
#include "whose/store.h"

/* A new class row; *ID gets its id. */
int store_class_add(struct store *s, const char *code, uint64_t seed,
		    int seconds, size_t questions, int64_t started_at,
		    int64_t *id, struct whose_error *err);

/* One student's result for one closed question (inside a transaction):
 * ANSWER NULL when the student gave none. */
struct store_class_answer {
	int64_t class_id;
	size_t position;       /* from 0 */
	const char *qid;
	const char *topic;
	uint32_t uid;
	const char *name;
	const char *answer;
	bool correct;
	unsigned points;
	int64_t answered_at;   /* ms, 0 when no answer */
};
int store_class_answer(struct store *s, const struct store_class_answer *a,
		       struct whose_error *err);
/* The N rows ROWS at once (inside a transaction), one statement for all. */
int store_class_answers(struct store *s, const struct store_class_answer *rows,
			size_t n, struct whose_error *err);

/* Mark class ID ended at ENDED_AT. */
int store_class_finish(struct store *s, int64_t id, int64_t ended_at,
		       struct whose_error *err);

/* A class, for listing and export. */
struct store_class_row {
	int64_t id;
	char code[16];
	uint64_t seed;
	int seconds;
	size_t questions;     /* drawn */
	size_t closed;        /* with results */
	size_t students;
	int64_t started_at;
	int64_t ended_at;     /* 0: never ended (the host was killed) */
};

/* The classes, oldest first, into a malloc'd *OUT of *N (free it). */
int store_class_list(struct store *s, struct store_class_row **out, size_t *n,
		     struct whose_error *err);

/* Call FN for every answer of class ID, by student (name, uid), then
 * position.  Strings are borrowed for the call; FN returns 0 to go on. */
int store_class_each_answer(struct store *s, int64_t id,
			    int (*fn)(const struct store_class_answer *a,
				      void *ctx),
			    void *ctx, struct whose_error *err);

/*
 * Drill results rows kept in the student's own database when the shared
 * results file could not be written (schema version 9): kept with the
 * file's path (absolute) and the time, listed oldest first, removed once
 * added to the file.
 */
int store_unsent_add(struct store *s, const char *path, const char *row,
		     int64_t kept_at, struct whose_error *err);
int store_unsent_each(struct store *s,
		      int (*fn)(int64_t id, const char *path, const char *row,
				void *ctx),
		      void *ctx, struct whose_error *err);
int store_unsent_remove(struct store *s, int64_t id, struct whose_error *err);

#endif
