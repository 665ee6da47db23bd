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
#include "whose/fsrs.h"

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 5
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

/* ---- transactions ------------------------------------------------------
 * One user action is one transaction.  store_begin takes the write lock at
 * once (waiting, up to the busy timeout, for another process to finish), so
 * that what is read inside it is still true when it is written. */
int store_begin(struct store *s, struct whose_error *err);
int store_commit(struct store *s, struct whose_error *err);
/* Roll back the open transaction, if any (never fails visibly). */
void store_rollback(struct store *s);

/* ---- cards and questions ----------------------------------------------- */

/* A question's scheduling state as the store keeps it. */
struct store_card {
	int64_t question_id;
	int64_t topic_id;
	struct fsrs_card fsrs;
	bool leech;       /* forgotten leech-threshold times */
	bool suspended;   /* out of reviews (a leech, or by the learner) */
	bool hidden;      /* retired or flagged: out of every queue */
};

/* A question with its card, to show.  Every string is owned: free the
 * item with store_item_free. */
struct store_item {
	int64_t question_id;
	char *qid, *topic, *type, *question, *choices, *answer, *explanation,
	     *source, *tags, *why_not;
	bool shuffle;
	bool flagged;
	bool retired;
	struct store_card card;
};

/* Load question QUESTION_ID with its card into ITEM.  WHOSE_ENOTFOUND when
 * there is no such question. */
int store_item_load(struct store *s, int64_t question_id,
		    struct store_item *item, struct whose_error *err);
void store_item_free(struct store_item *item);

/*
 * Load question QUESTION_ID into ITEM and parse it into Q (free both with
 * question_free and store_item_free).  A question that no longer parses
 * (a database edited by hand: the import checks every row) is WHOSE_EDATA
 * with a message that says to re-import its bank.
 */
int store_item_load_parsed(struct store *s, int64_t question_id,
			   struct store_item *item, struct question *q,
			   struct whose_error *err);

/* The internal id of the question with bank id QID (WHOSE_ENOTFOUND). */
int store_question_find(struct store *s, const char *qid, int64_t *question_id,
			struct whose_error *err);

/* The card of QUESTION_ID. */
int store_card_get(struct store *s, int64_t question_id, struct store_card *card,
		   struct whose_error *err);

/* Write CARD back (its scheduling state, leech and suspended flags). */
int store_card_put(struct store *s, const struct store_card *card,
		   struct whose_error *err);

/* Flag (or unflag) a question as wrong or unclear, with an optional NOTE:
 * a flagged question leaves every queue. */
int store_question_flag(struct store *s, int64_t question_id, bool flagged,
			const char *note, struct whose_error *err);

/* ---- the review log ---------------------------------------------------- */

/* One answer.  BEFORE is the card as it was; AFTER as it is now (equal to
 * BEFORE when the answer did not schedule, as in practice). */
struct store_review {
	int64_t question_id;
	int64_t topic_id;
	int64_t reviewed_at;     /* ms, UTC */
	int rating;              /* 1..4 */
	bool correct;
	const char *mode;        /* "review", "practice", "exam", "drill", "import" */
	int64_t duration_ms;
	struct store_card before;
	struct store_card after;
};

/* Append R to the log and count it toward its topic; *ID (may be NULL) gets
 * the new row's id.  Call inside a transaction with store_card_put. */
int store_review_add(struct store *s, const struct store_review *r, int64_t *id,
		     struct whose_error *err);

/*
 * Take review ID back exactly: restore the card as it was before it, remove
 * the row, and uncount it from its topic.  One transaction.  *QUESTION_ID
 * (may be NULL) gets the question it was about.
 */
int store_review_undo(struct store *s, int64_t id, int64_t *question_id,
		      struct whose_error *err);

/* ---- queues ------------------------------------------------------------ */

/* Cards in the learning (1) or review (2) queue due before DUE_BEFORE, in
 * due order: up to MAX question and topic ids. */
int store_queue_due(struct store *s, int queue, int64_t due_before,
		    int64_t *ids, int64_t *topics, size_t max, size_t *n,
		    struct whose_error *err);

/* New cards in the order they are introduced: up to MAX. */
int store_queue_new(struct store *s, int64_t *ids, int64_t *topics, size_t max,
		    size_t *n, struct whose_error *err);

/* The most new cards store_count_queues counts: more than any daily limit
 * (new-per-day is at most 9999), so that counting stays cheap in a bank of
 * millions. */
#define STORE_NEW_COUNT_CAP 10000

/* When the first learning (QUEUE 1) or review (QUEUE 2) card falls due,
 * ms: *DUE is -1 when the queue is empty. */
int store_next_due(struct store *s, int queue, int64_t *due,
		   struct whose_error *err);

/* How many learning cards are due before LEARN_BEFORE, review cards before
 * REVIEW_BEFORE, and new cards wait (up to STORE_NEW_COUNT_CAP). */
int store_count_queues(struct store *s, int64_t learn_before,
		       int64_t review_before, size_t *learning, size_t *review,
		       size_t *fresh, struct whose_error *err);

/* How many new cards were first reviewed (mode "review") since SINCE. */
int store_count_introduced(struct store *s, int64_t since, size_t *n,
			   struct whose_error *err);

/* Call FN for every question not retired or flagged (of topic TOPIC_ID, or
 * of all topics when TOPIC_ID < 0), with its question and topic ids.  FN
 * returns 0 to go on, anything else to stop (returned as is). */
int store_each_visible(struct store *s, int64_t topic_id,
		       int (*fn)(int64_t question_id, int64_t topic_id, void *ctx),
		       void *ctx, struct whose_error *err);

/* ---- statistics ------------------------------------------------------- */

/* Cards due on each of DAYS days of 24 hours from FROM into COUNTS[DAYS]
 * (overdue ones count on day 0). */
int store_forecast(struct store *s, int64_t from, size_t days, size_t *counts,
		   struct whose_error *err);

/* Answers (all modes) on each of DAYS days of 24 hours from FROM, and how
 * many were right, into ANSWERS[DAYS] and CORRECT[DAYS]. */
int store_answers_per_day(struct store *s, int64_t from, size_t days,
			  size_t *answers, size_t *correct,
			  struct whose_error *err);

/* A question listed for the learner or the bank's maintainers. */
struct store_listed {
	char qid[72];
	char topic[48];
	char text[200];   /* the question, cut */
	int lapses;       /* leeches */
	bool suspended;   /* leeches */
	char note[200];   /* flagged: the learner's note */
};

/* Leeches (most lapses first) or flagged questions, at most MAX, into a
 * malloc'd array *OUT of *N. */
int store_list_leeches(struct store *s, size_t max, struct store_listed **out,
		       size_t *n, struct whose_error *err);
int store_list_flagged(struct store *s, size_t max, struct store_listed **out,
		       size_t *n, struct whose_error *err);

/* Put a suspended question (a leech) back into reviews. */
int store_card_unsuspend(struct store *s, int64_t question_id,
			 struct whose_error *err);

/* ---- export ------------------------------------------------------------ */

/* Call FN for every card, by bank id, with its topic's name.  Strings are
 * borrowed for the call.  FN returns 0 to go on. */
int store_each_card(struct store *s,
		    int (*fn)(const char *qid, const char *topic,
			      const struct store_card *card, void *ctx),
		    void *ctx, struct whose_error *err);

/* One row of the review log, for export. */
struct store_log_row {
	int64_t question_id;
	const char *qid;
	int64_t reviewed_at;
	int rating;
	int state_before;
	int64_t duration_ms;
	const char *mode;
};

/* Call FN for every answer in time order (only those that scheduled:
 * modes review and import, unless ALL). */
int store_each_review(struct store *s, bool all,
		      int (*fn)(const struct store_log_row *row, void *ctx),
		      void *ctx, struct whose_error *err);

/* ---- exams and drills ---------------------------------------------------- */

/* Call FN for every question an exam or drill may ask: not retired, not
 * flagged (unless WITH_FLAGGED), not a card (self-graded), with its bank id
 * and topic name, in bank-id order (byte order: the same on every machine
 * for the same bank). */
int store_each_askable(struct store *s, bool with_flagged,
		       int (*fn)(int64_t question_id, const char *qid,
				 const char *topic, void *ctx),
		       void *ctx, struct whose_error *err);

/* A new exam row; *ID gets its id.  Call inside a transaction. */
int store_exam_add(struct store *s, int64_t started_at, int minutes,
		   int pass_percent, size_t questions, uint64_t seed,
		   int64_t *id, struct whose_error *err);

/* Question POSITION of exam EXAM_ID (inside a transaction). */
int store_exam_add_question(struct store *s, int64_t exam_id, size_t position,
			    int64_t question_id, int64_t topic_id,
			    struct whose_error *err);

/* Save the answer at POSITION (RESPONSE NULL: unanswered) and its flag. */
int store_exam_answer(struct store *s, int64_t exam_id, size_t position,
		      const char *response, bool correct, bool flagged,
		      struct whose_error *err);

/* Close exam EXAM_ID with its score (inside a transaction). */
int store_exam_finish(struct store *s, int64_t exam_id, int64_t finished_at,
		      size_t correct, bool passed, bool timed_out,
		      struct whose_error *err);

/* A past exam, for `whose exams`. */
struct store_exam_row {
	int64_t id;
	int64_t started_at;
	int64_t finished_at;   /* 0 when never submitted */
	int minutes;
	int pass_percent;
	size_t questions;
	size_t correct;
	bool passed;
	bool timed_out;
};

/* Past exams, oldest first, at most MAX (the latest ones), into a malloc'd
 * *OUT of *N. */
int store_exam_list(struct store *s, size_t max, struct store_exam_row **out,
		    size_t *n, struct whose_error *err);

/* ---- topics ------------------------------------------------------------ */

struct store_topic {
	int64_t id;
	char name[48];
	size_t total;        /* active questions */
	size_t seen;         /* of which answered at least once */
	size_t answers;      /* answers ever counted (all modes) */
	size_t correct;      /* of which right */
	size_t recent;       /* of the last 20 answers */
	size_t recent_correct;
	double mastery;      /* mean recall probability of its cards, 0..1 */
	size_t due;          /* cards due (learning or review) by the given time */
	size_t retention_reviews;  /* reviews of cards in the Review state */
	size_t retention_recalled; /* of which recalled (rated Hard or better) */
};

/*
 * Every topic with active questions, by name, into a malloc'd array *OUT of
 * *N (free it).  Mastery uses P and NOW; DUE counts what is due before
 * DUE_BEFORE.
 */
int store_topics(struct store *s, const struct fsrs_params *p, int64_t now,
		 int64_t due_before, struct store_topic **out, size_t *n,
		 struct whose_error *err);

/* The id of the topic named NAME (case-insensitive), WHOSE_ENOTFOUND. */
int store_topic_find(struct store *s, const char *name, int64_t *id,
		     struct whose_error *err);

#endif
