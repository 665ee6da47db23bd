/*
 * store.h - the learner's database: questions, cards, reviews, topics and
 * settings in one SQLite file per profile.
 *
 * The store owns every SQL statement of the program; other modules ask it
 * questions in the language of the domain.  Each user action is one
 * transaction.  A database that is not ours, or was written by a newer
 * version of whose, is refused before anything is written to it.
 */
#ifndef WHOSE_STORE_H
#define WHOSE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/bank.h"
#include "whose/error.h"

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1
/* PRAGMA application_id of a whose database: "whos". */
#define STORE_APPLICATION_ID 0x77686f73

struct store;

enum store_flags {
	STORE_CREATE = 1,   /* create the file (0600) and its folder (0700) */
	STORE_MEMORY = 2,   /* a private in-memory database; PATH is ignored */
};

/*
 * Open (and with STORE_CREATE create) the database at PATH, check that it is
 * ours and not newer than this program, and migrate it forward.  On success
 * *OUT owns the connection; close it with store_close.
 */
int store_open(const char *path, int flags, struct store **out,
	       struct whose_error *err);

/* Close S (NULL is allowed).  Idempotent over a NULL pointer only. */
void store_close(struct store *s);

/* The schema version of the open database. */
int store_schema_version(struct store *s);

/* What an import did, or would do. */
struct store_import_summary {
	size_t added;
	size_t updated;
	size_t unchanged;
	size_t retired;
	size_t rejected;   /* rows with errors (the import then writes nothing) */
};

/*
 * Import the banks at PATHS (files or directories of *.csv) in one
 * transaction: a new id is added, a changed question updated (its card and
 * history kept), and a question of the same files or directories that is no
 * longer there is retired.  When the banks hold any error, or DRY_RUN is set,
 * the transaction is rolled back and the database is exactly as before.
 * Returns 0 on success, WHOSE_EDATA when the banks had errors (listed in
 * REP), or another negative code.  REP must be freed with bank_report_free.
 */
int store_import(struct store *s, const char *const *paths, size_t npaths,
		 bool dry_run, int64_t now_ms, struct store_import_summary *sum,
		 struct bank_report *rep,
		 void (*progress)(uint64_t done, uint64_t total, void *ctx),
		 void *progress_ctx, struct whose_error *err);

/*
 * Import the bundled bank in DIR when it has never been imported or its
 * files changed since (names, sizes and times are compared).  *SYNCED tells
 * whether an import ran.  Errors as store_import.
 */
int store_sync_bundled(struct store *s, const char *dir, int64_t now_ms,
		       bool *synced, struct store_import_summary *sum,
		       struct bank_report *rep, struct whose_error *err);

/*
 * The raw value of setting KEY into BUF[LEN].  Returns 0, or
 * WHOSE_ENOTFOUND when the key has never been set.
 */
int store_setting_get(struct store *s, const char *key, char *buf, size_t len,
		      struct whose_error *err);

/* Set setting KEY to VALUE (one transaction). */
int store_setting_set(struct store *s, const char *key, const char *value,
		      struct whose_error *err);

/* Remove setting KEY (back to its default). */
int store_setting_unset(struct store *s, const char *key,
			struct whose_error *err);

/* Counts of questions for a quick look: active (not retired) and retired. */
int store_count_questions(struct store *s, size_t *active, size_t *retired,
			  struct whose_error *err);

#endif
