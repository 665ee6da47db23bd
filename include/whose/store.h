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
#define STORE_SCHEMA_VERSION 13
/* PRAGMA application_id of a whose database: "whos". */
#define STORE_APPLICATION_ID 0x77686f73

struct store;

enum store_flags {
	STORE_CREATE = 1,   /* create the file (0600) and its folder (0700) */
	STORE_MEMORY = 2,   /* a private in-memory database; PATH is ignored */
	STORE_READ = 4,     /* the caller only reads: a database it cannot
	                       write (or whose folder it cannot write) is
	                       opened read-only (store_read_only) rather than
	                       refused */
};

/*
 * Open (and with STORE_CREATE create) the database at PATH, check that it is
 * ours and not newer than this program, and migrate it forward.  On success
 * *OUT owns the connection; close it with store_close.
 */
int store_open(const char *path, int flags, struct store **out,
	       struct whose_error *err);

/* Whether S was opened read-only (STORE_READ): every write fails with
 * "the database is read-only". */
bool store_read_only(const struct store *s);

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

/*
 * The store is idle: the front end waits for the learner.  Copies the
 * write-ahead log back into the database (a passive checkpoint) when it
 * has grown to STORE_WAL_IDLE_PAGES since the last one, so that no
 * answer waits on a checkpoint (see store.c).  Never fails visibly: a
 * checkpoint that cannot finish now (another process reads) is tried
 * again at the next idle moment.
 */
void store_idle(struct store *s);

/* The WAL sizes, in pages, of store_idle's checkpoint and of the
 * checkpoint a commit runs when nobody was idle for that long. */
#define STORE_WAL_IDLE_PAGES 1000
#define STORE_WAL_MAX_PAGES 8000

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

/* ---- bookmarks (marks) -------------------------------------------------
 * A mark is the learner's own "come back to this" (key m in every mode,
 * and the exam's mark): it changes no schedule and hides nothing, unlike
 * a flag (store_question_flag), which reports a problem. */

/* Mark (ON) or unmark QUESTION_ID at NOW (ms).  Marking a marked question
 * keeps its first time; unmarking an unmarked one does nothing.
 * WHOSE_ENOTFOUND when there is no such question. */
int store_mark_set(struct store *s, int64_t question_id, bool on, int64_t now,
		   struct whose_error *err);

/* Whether QUESTION_ID is marked, into *ON. */
int store_mark_get(struct store *s, int64_t question_id, bool *on,
		   struct whose_error *err);

/* How many questions are marked (retired ones not counted) into *N. */
int store_mark_count(struct store *s, size_t *n, struct whose_error *err);

/* Call FN for every marked question that can be asked (not retired, not
 * flagged), in the order they were marked, with its question and topic
 * ids.  FN returns 0 to go on, anything else to stop (returned as is). */
int store_each_marked(struct store *s,
		      int (*fn)(int64_t question_id, int64_t topic_id, void *ctx),
		      void *ctx, struct whose_error *err);

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
 * REVIEW_BEFORE, and new cards wait (up to FRESH_MAX, itself at most
 * STORE_NEW_COUNT_CAP: counting new cards reads one index entry each). */
int store_count_queues(struct store *s, int64_t learn_before,
		       int64_t review_before, size_t fresh_max, size_t *learning,
		       size_t *review, size_t *fresh, struct whose_error *err);

/* How many learning cards are due before LEARN_BEFORE. */
/* A number that changes whenever another connection (another process)
 * commits to the database, and not for this one's own commits (SQLite's
 * data_version): a count kept up to date by hand is still right while it
 * stays the same.  -1 when it cannot be read. */
int64_t store_data_version(struct store *s);
int store_count_learning(struct store *s, int64_t learn_before, size_t *learning,
			 struct whose_error *err);

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

/* Cards (learning or review) due on each of DAYS days into COUNTS[DAYS]:
 * day D ends at ENDS[D] and begins at ENDS[D - 1]; day 0 takes everything
 * before ENDS[0] (overdue ones included). */
int store_forecast(struct store *s, const int64_t *ends, size_t days, size_t *counts,
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
	char *text;       /* the whole question (owned) */
	int lapses;       /* leeches */
	bool suspended;   /* leeches */
	char *note;       /* flagged: the learner's note, whole (owned) */
};

/* Release the N entries of L and L itself (NULL allowed). */
void store_listed_free(struct store_listed *l, size_t n);

/* Leeches (most lapses first) or flagged questions, at most MAX, into a
 * malloc'd array *OUT of *N (free it with store_listed_free). */
int store_list_leeches(struct store *s, size_t max, struct store_listed **out,
		       size_t *n, struct whose_error *err);
int store_list_flagged(struct store *s, size_t max, struct store_listed **out,
		       size_t *n, struct whose_error *err);
/* Marked questions (not retired), in the order they were marked; NOTE is
 * "flagged" for one also reported as a problem, else "". */
int store_list_marked(struct store *s, size_t max, struct store_listed **out,
		      size_t *n, struct whose_error *err);

/* Put a suspended question (a leech) back into reviews. */
int store_card_unsuspend(struct store *s, int64_t question_id,
			 struct whose_error *err);

/* Start QUESTION_ID's schedule again: a new card (fsrs_card_init) due at
 * NOW, so after the new questions already waiting.  Its review log, flag,
 * suspension and answer counts are kept. */
int store_card_reset(struct store *s, int64_t question_id, int64_t now,
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

/* As store_each_review (modes review and import only), card by card:
 * ordered by question, then time, then the order the answers were saved
 * in, so that a reader can take one card at a time. */
int store_each_review_by_card(struct store *s,
			      int (*fn)(const struct store_log_row *row, void *ctx),
			      void *ctx, struct whose_error *err);

/* ---- a history to replay, sorted in the database ---------------------- */

/* One review read from a history file, waiting to be replayed. */
struct store_replay_row {
	int64_t question_id;
	int64_t at;            /* ms since 1970 */
	int64_t duration;      /* ms */
	long line;             /* in the history file, for messages */
	int rating;
};

/* Start an empty scratch list of reviews to replay, kept in SQLite's
 * temporary storage (spilled to a file, not held in memory), so that a
 * history of any length is sorted in bounded memory.  Call it inside the
 * import's transaction.  0 or a negative code. */
int store_replay_begin(struct store *s, struct whose_error *err);

/* Add ROW to the scratch list.  0 or a negative code. */
int store_replay_add(struct store *s, const struct store_replay_row *row,
		     struct whose_error *err);

/* Call FN for each row in time order, rows at the same time in file
 * order; stops at FN's first non-zero return, which is returned. */
int store_replay_each(struct store *s,
		      int (*fn)(const struct store_replay_row *row, void *ctx),
		      void *ctx, struct whose_error *err);

/* Empty the scratch list (harmless when there is none). */
void store_replay_end(struct store *s);

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
		   bool pause_when_away, int64_t *id, struct whose_error *err);

/* Question POSITION of exam EXAM_ID, its choices shown in the order SHOWN
 * ("2,0,1"), inside a transaction. */
int store_exam_add_question(struct store *s, int64_t exam_id, size_t position,
			    int64_t question_id, int64_t topic_id,
			    const char *shown, struct whose_error *err);

/* Save the answer at POSITION (RESPONSE NULL: unanswered), its flag, its
 * time on screen and when it last changed (0: never). */
int store_exam_answer(struct store *s, int64_t exam_id, size_t position,
		      const char *response, bool correct, bool flagged,
		      int64_t spent_ms, int64_t answered_at,
		      struct whose_error *err);

/* Save the time question POSITION was on screen. */
int store_exam_spent(struct store *s, int64_t exam_id, size_t position,
		     int64_t spent_ms, struct whose_error *err);

/* Record that the learner left open exam EXAM_ID at AWAY_SINCE (0: is
 * back), with PAUSED_MS the clock stood still so far. */
int store_exam_away(struct store *s, int64_t exam_id, int64_t away_since,
		    int64_t paused_ms, struct whose_error *err);

/* Close exam EXAM_ID with its score (inside a transaction). */
int store_exam_finish(struct store *s, int64_t exam_id, int64_t finished_at,
		      size_t correct, bool passed, bool timed_out,
		      struct whose_error *err);

/*
 * Record P, the probability of a right answer to question QUESTION_ID of
 * exam EXAM_ID when the exam was drawn (figures_exam_record: the readiness
 * model of figures.h).  Called inside the transaction that draws the exam;
 * it is what the Brier score of `whose stats` compares with the answers.
 */
int store_exam_predict(struct store *s, int64_t exam_id, int64_t question_id, double p,
		       struct whose_error *err);

/* The predictions of submitted exams against their answers. */
struct store_calibration {
	size_t exams;          /* submitted exams with predictions */
	size_t answers;        /* their questions (unanswered ones are wrong) */
	size_t correct;        /* of which right */
	double predicted;      /* the predictions, summed */
	double squared_error;  /* (prediction - outcome)^2, summed */
};

int store_exam_calibration(struct store *s, struct store_calibration *c,
			   struct whose_error *err);

/*
 * Take the profile's exam lock: a flock on "<database>-exam.lock" beside
 * the database (created 0600, never through a link), held by the process
 * that has an exam open so that two terminals cannot both answer, submit
 * or give up the same exam.  *FD gets the descriptor (close it to let go;
 * the system lets go when the process ends, however it ends), or -1 for an
 * in-memory database (nothing to share).  WHOSE_EBUSY when another process
 * holds it, WHOSE_EIO when the file cannot be opened.
 */
int store_exam_lock(struct store *s, int *fd, struct whose_error *err);

/* Give open exam EXAM_ID up at NOW: closed, marked abandoned, not
 * scored.  WHOSE_ENOTFOUND when it is not open. */
int store_exam_abandon(struct store *s, int64_t exam_id, int64_t now,
		       struct whose_error *err);

/* The log's mode of an answer given in a forgotten exam (mode "exam"
 * until then): counted in no figure. */
#define STORE_MODE_FORGOTTEN "exam-forgotten"

/* Mark closed exam EXAM_ID forgotten (or counted again), in one
 * transaction: its answers in the log take mode STORE_MODE_FORGOTTEN (or
 * "exam" again) and leave (or rejoin) the tallies of their cards, topics
 * and hours, as an undo would.  Nothing changes when it is so already.
 * WHOSE_ENOTFOUND when there is no such exam. */
int store_exam_forget(struct store *s, int64_t exam_id, bool forgotten,
		      struct whose_error *err);

/* The questions answered wrongly or not at all in exam EXAM_ID, in exam
 * order, that are still askable (not retired nor flagged), into a
 * malloc'd *IDS of *N (free it). */
int store_exam_missed(struct store *s, int64_t exam_id, int64_t **ids, size_t *n,
		      struct whose_error *err);

/* A past exam, for `whose exams`. */
struct store_exam_row {
	int64_t id;
	int64_t started_at;
	int64_t finished_at;   /* 0 while open */
	int minutes;
	int pass_percent;
	size_t questions;
	size_t correct;
	bool passed;
	bool timed_out;
	bool abandoned;        /* given up: closed but not scored */
	uint64_t seed;
	int64_t paused_ms;     /* time the clock stood still while away */
	int64_t away_since;    /* when the learner left it open (0: not away) */
	bool pause_when_away;
	bool forgotten;        /* out of the trend and the calibration */
};

/* Past exams, oldest first, at most MAX (the latest ones), into a malloc'd
 * *OUT of *N. */
int store_exam_list(struct store *s, size_t max, struct store_exam_row **out,
		    size_t *n, struct whose_error *err);

/* The latest open exam (never submitted nor abandoned) into *ID, or
 * WHOSE_ENOTFOUND. */
int store_exam_open(struct store *s, int64_t *id, struct whose_error *err);

/* Exam EXAM_ID into *ROW, or WHOSE_ENOTFOUND. */
int store_exam_get(struct store *s, int64_t exam_id, struct store_exam_row *row,
		   struct whose_error *err);

/* One stored answer of an exam.  Texts live until FN returns. */
struct store_exam_answer {
	size_t position;
	int64_t question_id;
	const char *response;  /* NULL: unanswered */
	bool flagged;
	const char *shown;     /* "2,0,1", or "" (bank order) */
	int64_t spent_ms;
	int64_t answered_at;   /* 0: never */
};

/* Call FN for every question of exam EXAM_ID, in position order. */
int store_exam_answers(struct store *s, int64_t exam_id,
		       int (*fn)(const struct store_exam_answer *a, void *ctx),
		       void *ctx, struct whose_error *err);

/* ---- search (store_search.c) ----------------------------------------------
 * Words are matched against each question's text, choices, explanation and
 * tags through the full-text index (schema version 11); the other filters
 * are combined with them by AND. */

/* Which questions --state keeps.  A question's shown state is the first of
 * retired, flagged, suspended that holds, else its card's FSRS state. */
enum store_search_state {
	STORE_SEARCH_ANY,
	STORE_SEARCH_NEW,         /* shown state new ... */
	STORE_SEARCH_LEARNING,
	STORE_SEARCH_REVIEW,
	STORE_SEARCH_RELEARNING,  /* ... relearning */
	STORE_SEARCH_SUSPENDED,   /* suspended (by the learner, or a leech) */
	STORE_SEARCH_LEECH,       /* a leech, suspended or not */
	STORE_SEARCH_FLAGGED,     /* flagged as wrong or unclear */
	STORE_SEARCH_DUE,         /* in reviews and due at the search's time */
	STORE_SEARCH_RETIRED,     /* no longer in the bank */
	STORE_SEARCH_MARKED,      /* marked by the learner (store_mark_set) */
	STORE_SEARCH_NSTATES
};

/* The order of the hits.  RANK is bm25 (the question's own text weighs
 * most, then its tags, then choices and explanation) when there are words,
 * bank id without. */
enum store_search_sort {
	STORE_SORT_RANK,
	STORE_SORT_DUE,             /* soonest due first; new, retired last */
	STORE_SORT_LAPSES,          /* most lapses first */
	STORE_SORT_RETRIEVABILITY,  /* least likely recalled first; unstudied last */
	STORE_SORT_ID,              /* bank id (byte order) */
	STORE_SORT_NSORTS
};

struct store_search_query {
	const char *words;          /* what the learner typed; NULL or blank: all */
	bool prefix_last;           /* the last word is a prefix (typed live) */
	int64_t topic_id;           /* < 0: every topic */
	const char *type;           /* a question type's name, NULL: any */
	enum store_search_state state;
	int64_t wrong_in_exam;      /* > 0: answered wrong (or not) in this exam */
	enum store_search_sort sort;
	size_t limit;               /* 0: every hit */
};

/* One question found.  Every string is owned by the hit. */
struct store_hit {
	int64_t question_id;
	char qid[72];
	char topic[48];
	char type[16];
	char *text;                 /* the question's first 160 characters */
	bool retired, flagged, suspended, leech, marked;
	int state;                  /* enum fsrs_state of its card */
	int64_t due;                /* ms; for a new card its place among them */
	double stability, difficulty;
	int lapses;
	int64_t last_review;        /* ms, 0: never reviewed */
	double recall;              /* fsrs_recall at the search's time, -1
	                               without a memory state */
};

/*
 * The FTS5 query for the learner's WORDS into a new string *OUT (free it),
 * or *OUT NULL when WORDS hold no word.  Each word is matched as a whole
 * token ("s3" does not find "s3:GetObject"'s neighbours) unless it ends in
 * '*' (a prefix: "encrypt*"); text between double quotes is a phrase, its
 * words in that order.  Every word becomes a quoted FTS5 string, so nothing
 * the learner types is FTS5 syntax: words are ANDed.  PREFIX_LAST makes the
 * last word a prefix (a search typed live) unless WORDS end in a space or
 * it is a single character.
 * WHOSE_EINVAL with a message for a quote that is not closed or a '*' that
 * ends no word.
 */
int store_search_match(const char *words, bool prefix_last, char **out,
		       struct whose_error *err);

/*
 * The questions Q finds, into a malloc'd *OUT of *N (free it with
 * store_hits_free), retrievability taken at NOW with P.  An empty result
 * is not an error.  WHOSE_EINVAL for words store_search_match refuses.
 */
int store_search(struct store *s, const struct store_search_query *q,
		 const struct fsrs_params *p, int64_t now, struct store_hit **out,
		 size_t *n, struct whose_error *err);

void store_hits_free(struct store_hit *h, size_t n);

/* The columns a list of hits can be sorted by (the browse screen's). */
enum store_hit_column {
	STORE_HIT_ID,
	STORE_HIT_TOPIC,
	STORE_HIT_TYPE,
	STORE_HIT_STATE,
	STORE_HIT_DUE,      /* cards without a due date (new, retired) last */
	STORE_HIT_RECALL,   /* retrievability; those without one last */
	STORE_HIT_LAPSES,
	STORE_HIT_TEXT,
	STORE_HIT_NCOLUMNS
};

/* Sort the N hits of H by COLUMN, DESCENDING or not (those without a
 * value stay last either way); ties by bank id.  Stable for equal ids. */
void store_hits_sort(struct store_hit *h, size_t n, enum store_hit_column column,
		     bool descending);

/* A hit's shown state: "retired", "flagged", "suspended" or its FSRS
 * state's name.  A static string. */
const char *store_hit_state(const struct store_hit *h);

/* The names --state and --sort take ("new", ..., "retired"; "rank", "due",
 * "lapses", "retrievability", "id"): the enum's value, or -1. */
int store_search_state_from_name(const char *name);
const char *store_search_state_name(enum store_search_state state);
int store_search_sort_from_name(const char *name);

/* Take a question out of reviews (learner's choice); its schedule is
 * kept, and store_card_unsuspend puts it back. */
int store_card_suspend(struct store *s, int64_t question_id,
		       struct whose_error *err);

/* One answer to a question, for `whose show`.  Strings live until FN
 * returns. */
struct store_history_row {
	int64_t reviewed_at;        /* ms */
	int rating;                 /* 1..4 */
	bool correct;
	const char *mode;           /* "review", "practice", "exam", "drill", "import" */
	int state_before, state_after;
	int64_t due_after;          /* ms */
	int64_t duration_ms;
	bool scheduled;             /* the answer moved the card (review, import) */
};

/* Call FN for every answer to QUESTION_ID, oldest first. */
int store_question_history(struct store *s, int64_t question_id,
			   int (*fn)(const struct store_history_row *row, void *ctx),
			   void *ctx, struct whose_error *err);

/* One exam a question was asked in.  RESPONSE is NULL when unanswered. */
struct store_exam_asked {
	int64_t exam_id;
	int64_t started_at;
	bool finished;
	const char *response;
	bool correct;
};

/* Call FN for every exam that asked QUESTION_ID, oldest first. */
int store_question_exams(struct store *s, int64_t question_id,
			 int (*fn)(const struct store_exam_asked *row, void *ctx),
			 void *ctx, struct whose_error *err);

/* ---- topics ------------------------------------------------------------ */

/* A topic's counts, as the store keeps them.  What each means for the
 * learner (seen, answered, readiness...) is defined in figures.h. */
struct store_topic {
	int64_t id;
	char name[48];
	size_t total;        /* active questions (not retired, not flagged) */
	size_t seen;         /* of which answered at least once, in any mode */
	size_t studied;      /* of which have a memory state (reviewed) */
	double recall_sum;   /* the recall probabilities of those, summed */
	size_t answers;      /* answers to its active questions, all modes */
	size_t correct;      /* of which right */
	size_t recent;       /* of the last 20 answers */
	size_t recent_correct;
	size_t due;          /* cards due (learning or review) by the given time */
	size_t retention_reviews;  /* reviews (and imported ones) of cards in the Review state */
	size_t retention_recalled; /* of which recalled (rated Hard or better) */
	size_t first_answers;      /* answers given while the card was new */
	size_t first_correct;      /* of which right */
	double readiness;    /* filled by figures_readiness, not by the store */
};

/*
 * Every topic with active questions, by name, into a malloc'd array *OUT of
 * *N (free it).  RECALL_SUM uses P at NOW; DUE counts what is due before
 * DUE_BEFORE.
 */
int store_topics(struct store *s, const struct fsrs_params *p, int64_t now,
		 int64_t due_before, struct store_topic **out, size_t *n,
		 struct whose_error *err);

/* A card with what the readiness model reads of it and its question. */
struct store_model_card {
	struct store_card card;
	char type[16];         /* the question's type name ("" when not read) */
	size_t nslots;         /* its choices or sort items */
	size_t nright;         /* the parts of its answer ("A|C": 2) */
	size_t answered;       /* answers given to it, in any mode */
	size_t answered_right; /* of which right */
};

/* Call FN for every visible card that was ever answered or studied (the
 * cards_seen index), without its question (type "", no shape).  FN
 * returns 0 to go on. */
int store_each_seen_card(struct store *s,
			 int (*fn)(const struct store_model_card *c, void *ctx),
			 void *ctx, struct whose_error *err);

/* Call FN with the topic, type and shape of active questions (not
 * retired, not flagged): all of them when SAMPLE is 0, else the first
 * active question at or after each of SAMPLE ids spread evenly over the
 * questions' ids (a seek each: a bank of millions costs SAMPLE seeks). */
int store_each_shape(struct store *s, size_t sample,
		     int (*fn)(int64_t topic_id, const char *type, size_t nslots,
			       size_t nright, void *ctx),
		     void *ctx, struct whose_error *err);

/* Question QUESTION_ID's card with its question's type and shape into
 * *OUT; WHOSE_ENOTFOUND when there is none. */
int store_model_card_get(struct store *s, int64_t question_id, struct store_model_card *out,
			 struct whose_error *err);

/* Answers given to cards while they were new, and how many were right,
 * over all topics (the prior of figures.h). */
int store_first_answers(struct store *s, size_t *answers, size_t *correct,
			struct whose_error *err);

/* The most topics a bank may have that store_topic_resolve looks through. */
#define STORE_TOPICS_MAX 1024

/* Call FN with the name of every topic that has questions, by name; a
 * non-zero return from FN stops the walk and is returned. */
int store_topic_names(struct store *s, int (*fn)(const char *name, void *ctx),
		      void *ctx, struct whose_error *err);

/* The id of the topic that NAME finds (store_topic_resolve). */
int store_topic_find(struct store *s, const char *name, int64_t *id,
		     struct whose_error *err);

/*
 * The topic that TYPED finds, as names.h finds names: the whole name in
 * any case, a unique prefix, or unique prefixes of its words ("keys",
 * "s3").  *ID gets its id and NAME (SIZE bytes; NULL for none) its name
 * as the bank spells it.  WHOSE_ENOTFOUND (with "did you mean" when a
 * name is close) or WHOSE_EINVAL (two or more topics match) otherwise.
 */
int store_topic_resolve(struct store *s, const char *typed, int64_t *id,
			char *name, size_t size, struct whose_error *err);

#endif
