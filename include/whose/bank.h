/*
 * bank.h - reading and validating question banks (CSV, RFC 4180).
 *
 * The reader streams: it hands each valid question to a callback and keeps
 * only the current record in memory, so a bank of any size reads in bounded
 * memory.  Every problem becomes one message of the form
 *   questions/ec2.csv:14: column 'answer': 'E' is not one of the choices A-D
 * and reading goes on, so that one run reports every error (up to a cap).
 * The format is documented in whose-bank(5).
 */
#ifndef WHOSE_BANK_H
#define WHOSE_BANK_H

#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"
#include "whose/question.h"

#define BANK_MAX_FIELD 8192        /* bytes in one field */
#define BANK_MAX_RECORD (1 << 20)  /* bytes in one record */
#define BANK_MAX_COLUMNS 32        /* columns in a header */
#define BANK_MAX_ID 64             /* bytes in an id */
#define BANK_MAX_TOPIC 40          /* bytes in a topic name */
#define BANK_MAX_MESSAGES 100      /* messages kept; more are only counted */

/* One valid question, borrowed for the duration of the callback. */
struct bank_row {
	struct question_text t;
	const char *file;      /* the path as the user gave it, for messages */
	const char *file_key;  /* the canonical path, stored with the question */
	long line;             /* line of the record's first byte */
	uint64_t hash;         /* of every field but the id: tells an edit */
};

/*
 * Called for each valid row.  Return 0 to accept it, 1 to reject it with a
 * reason written into MSG[MSGLEN] (the reader adds file, line and counts
 * it as an error), or a negative WHOSE_E* code (with ERR filled) to stop.
 */
typedef int (*bank_row_fn)(const struct bank_row *row, void *ctx,
			   char *msg, size_t msglen, struct whose_error *err);

/* What the files given cover: retirement applies only inside it. */
struct bank_scope {
	char **files;   /* canonical paths of the files named */
	size_t nfiles;
	char **dirs;    /* canonical paths of the directories named */
	size_t ndirs;
};

/* Messages and counts of one read. */
struct bank_report {
	size_t nfiles;       /* CSV files read */
	size_t nrows;        /* valid questions handed to the callback */
	size_t nerrors;      /* problems found, all counted */
	size_t nmessages;    /* of which kept in MESSAGES (at most the cap) */
	char **messages;     /* "file:line: column 'x': what is wrong" */
};

/*
 * Read the banks at PATHS (files, or directories whose *.csv files are read
 * in name order) and call FN for each valid row.  Problems in the data go
 * into REP, not into the return value: returns 0 when the reading itself
 * went through (look at rep->nerrors), or a negative code when FN stopped
 * it or memory ran out.  SCOPE, when not NULL, receives what the paths
 * cover.  Free REP and SCOPE with bank_report_free and bank_scope_free.
 * PROGRESS, when not NULL, is called now and then with bytes read and the
 * total size of the files.
 */
int bank_read(const char *const *paths, size_t npaths, bank_row_fn fn,
	      void *ctx, struct bank_report *rep, struct bank_scope *scope,
	      void (*progress)(uint64_t done, uint64_t total, void *ctx),
	      struct whose_error *err);

/* The size in bytes of the files bank_read would read at PATHS (what cannot
 * be read counts nothing). */
uint64_t bank_bytes(const char *const *paths, size_t npaths);

void bank_report_free(struct bank_report *rep);
void bank_scope_free(struct bank_scope *scope);

/* A 64-bit hash of S[0..LEN) in the FNV-1a family, continuing from H
 * (start with BANK_HASH_INIT); the same on every machine. */
#define BANK_HASH_INIT 0xcbf29ce484222325ULL
uint64_t bank_hash(uint64_t h, const void *s, size_t len);

#endif
