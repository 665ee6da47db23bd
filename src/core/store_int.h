/*
 * store_int.h - what the store's files (store.c, store_schema.c,
 * store_import.c, store_cards.c, store_stats.c, store_exam.c) share: the
 * connection and its cache of prepared statements.  Not a public header.
 */
#ifndef WHOSE_STORE_INT_H
#define WHOSE_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "whose/fsrs.h"
#include "whose/store.h"

/* Every statement of the program, prepared once on first use. */
enum store_stmt_id {
	STMT_SETTING_GET,
	STMT_SETTING_SET,
	STMT_SETTING_UNSET,
	STMT_TOPIC_GET,
	STMT_TOPIC_ADD,
	STMT_TOPIC_COUNT,
	STMT_TOPIC_ORDINAL,
	STMT_TOPIC_TYPES,
	STMT_Q_FIND,
	STMT_Q_ADD,
	STMT_Q_UPDATE,
	STMT_Q_TOUCH,
	STMT_Q_COUNT,
	STMT_Q_ANY,
	STMT_CARD_ADD,
	STMT_SCOPE_FILE,
	STMT_SCOPE_DIR,
	STMT_RETIRE,
	STMT_ITEM_LOAD,
	STMT_Q_BY_QID,
	STMT_CARD_GET,
	STMT_CARD_PUT,
	STMT_Q_FLAG,
	STMT_MARK_ADD,
	STMT_MARK_DEL,
	STMT_MARK_GET,
	STMT_MARK_COUNT,
	STMT_MARK_EACH,
	STMT_MARKED,
	STMT_REVIEW_ADD,
	STMT_REVIEW_GET,
	STMT_REVIEW_LATER,
	STMT_REVIEW_DEL,
	STMT_TOPIC_TALLY,
	STMT_CARD_ANSWERED,
	STMT_FIRST_ANSWERS,
	STMT_HOUR_TALLY,
	STMT_QUEUE_DUE,
	STMT_QUEUE_NEW,
	STMT_COUNT_QUEUES,
	STMT_COUNT_LEARNING,
	STMT_DATA_VERSION,
	STMT_NEXT_DUE,
	STMT_COUNT_INTRODUCED,
	STMT_TOPICS,
	STMT_TOPIC_CARDS,
	STMT_MODEL_SEEN,
	STMT_MODEL_SHAPES,
	STMT_MODEL_MAXID,
	STMT_MODEL_CARD,
	STMT_TOPIC_DUE,
	STMT_TOPIC_RECENT,
	STMT_TOPIC_FIND,
	STMT_TOPIC_NAMES,
	STMT_VISIBLE_ALL,
	STMT_VISIBLE_TOPIC,
	STMT_FORECAST,
	STMT_PER_DAY,
	STMT_LEECHES,
	STMT_FLAGGED,
	STMT_UNSUSPEND,
	STMT_CARD_RESET,
	STMT_EXPORT_CARDS,
	STMT_EXPORT_REVIEWS,
	STMT_REVIEWS_BY_CARD,
	STMT_REPLAY_ADD,
	STMT_REPLAY_EACH,
	STMT_REPLAY_CLEAR,
	STMT_ASKABLE,
	STMT_EXAM_ADD,
	STMT_EXAM_ADD_Q,
	STMT_EXAM_ANSWER,
	STMT_EXAM_PREDICT,
	STMT_EXAM_BRIER,
	STMT_EXAM_FINISH,
	STMT_EXAM_LIST,
	STMT_EXAM_SPENT,
	STMT_EXAM_AWAY,
	STMT_EXAM_OPEN,
	STMT_EXAM_GET,
	STMT_EXAM_ANSWERS,
	STMT_EXAM_ABANDON,
	STMT_EXAM_FORGET,
	STMT_EXAM_MISSED,
	STMT_EXAM_LOGGED,
	STMT_EXAM_RELABEL,
	STMT_TEXT_ADD,
	STMT_TEXT_DEL,
	STMT_SEARCH_ALL,
	STMT_SEARCH_WORDS,
	STMT_SEARCH_TOP,
	STMT_SEARCH_FIRST,
	STMT_SUSPEND,
	STMT_HISTORY,
	STMT_EXAM_HISTORY,
	STMT_BEGIN,
	STMT_BEGIN_IMMEDIATE,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_COUNT
};

struct store {
	sqlite3 *db;
	char *path;            /* for messages: which database went wrong */
	sqlite3_stmt *stmt[STMT_COUNT];
	int version;
	bool memory;           /* an in-memory database (no journal file) */
	bool read_only;        /* opened read-only (STORE_READ) */
	/* For whose_recall_sum() while store_topics runs it. */
	const struct fsrs_params *recall_params;
	/* Pages in the write-ahead log after the last commit (the WAL hook,
	 * store.c), for store_idle's checkpoint. */
	int wal_pages;
};

/* The prepared statement ID, reset and with no bindings; NULL on failure
 * (ERR filled). */
sqlite3_stmt *store_stmt(struct store *s, enum store_stmt_id id,
			 struct whose_error *err);

/* The SQL text of statement ID (for the query-plan tests). */
const char *store_sql_text(enum store_stmt_id id);

/* The connection itself (for the query-plan tests; nothing else). */
sqlite3 *store_db_handle(struct store *s);

/* Step ST, a statement that returns no rows, and reset it: 0, or a
 * WHOSE_E* code with ERR filled (WHAT as context).  The one step/reset
 * helper of the store. */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
		    struct whose_error *err);

/* Step ST to its end, calling ROW(ST, CTX) for each row (ROW reads the
 * columns it needs, which live until the next step); a non-zero return
 * from ROW stops the walk and is returned.  ST is reset either way; a
 * failed step is WHAT gone wrong. */
int store_each_row(struct store *s, sqlite3_stmt *st,
		   int (*row)(sqlite3_stmt *st, void *ctx), void *ctx,
		   const char *what, struct whose_error *err);

/* Put the database in WAL mode: 0, or 1 when another process holds it in
 * its rollback journal (see store.c), or a WHOSE_E* code. */
int store_wal(struct store *s, struct whose_error *err);

/* Run a statement that returns no rows; 0 or a WHOSE_E* code. */
int store_exec(struct store *s, enum store_stmt_id id, const char *what,
	       struct whose_error *err);

/* Fill ERR from the connection's last error, with WHAT as context. */
int store_db_error(struct store *s, const char *what, struct whose_error *err);

/*
 * Check that the open database is a whose database (or empty) no newer than
 * this program, then create or migrate its schema.  Writes nothing to a
 * database that is refused.
 */
int store_schema_prepare(struct store *s, const char *path,
			 struct whose_error *err);

/* Count an answer to QUESTION_ID (topic TOPIC_ID) in or out (SIGN 1 or
 * -1) of the card's and topic's tallies (store_cards.c): answers, right
 * answers, true retention (RETENTION, RECALLED), first answers (FIRST). */
int store_topic_tally(struct store *s, int64_t question_id, int64_t topic_id,
		      int sign, bool correct, bool retention, bool recalled,
		      bool first, struct whose_error *err);

/* Count an answer given at AT in or out (SIGN) of its hour's tally. */
int store_hour_tally(struct store *s, int64_t at, int sign, bool correct,
		     struct whose_error *err);

#endif
