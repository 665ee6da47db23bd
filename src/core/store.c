/*
 * store.c - opening the database, the statement cache, settings, and bank
 * import.
 *
 * Import is one transaction: rows come from the streaming bank reader and
 * are upserted as they arrive; at the end, either everything is committed or
 * (errors, or a dry run) everything is rolled back.  The import keeps a
 * bitmap of the questions it has seen (by their dense integer ids): a second
 * row with a seen id is a duplicate, and a question of the same files that
 * was not seen is no longer in the bank and is retired.  An unchanged row is
 * written to only when it moved to another file or line.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"

#define STORE_STR2(x) #x
#define STORE_STR(x) STORE_STR2(x)

/* The card columns, in the order store_card_read expects them. */
#define STORE_CARD_COLUMNS "c.question_id, c.topic_id, c.hidden, c.suspended, c.leech," \
	" c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days," \
	" c.learning_steps, c.reps, c.lapses, c.last_review"

static const char *const store_sql[STMT_COUNT] = {
	[STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
	[STMT_SETTING_SET] = "INSERT INTO settings(key, value) VALUES (?1, ?2)"
			     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[STMT_SETTING_UNSET] = "DELETE FROM settings WHERE key = ?1",
	[STMT_TOPIC_GET] = "SELECT id FROM topics WHERE name = ?1",
	[STMT_TOPIC_ADD] = "INSERT INTO topics(name) VALUES (?1)",
	[STMT_TOPIC_COUNT] = "SELECT next_ordinal FROM topics WHERE id = ?1",
	[STMT_TOPIC_ORDINAL] = "UPDATE topics SET next_ordinal = ?2, visible = visible + ?3"
			       " WHERE id = ?1",
	[STMT_TOPIC_TYPES] = "SELECT type, count(*) FROM questions WHERE topic_id = ?1"
			     " GROUP BY type",
	[STMT_Q_FIND] = "SELECT id, hash, retired, bank_file, bank_line"
			" FROM questions WHERE qid = ?1",
	[STMT_Q_ADD] = "INSERT INTO questions(qid, topic_id, type, question, choices,"
		       " answer, explanation, source, tags, why_not, shuffle, bank_file,"
		       " bank_line, hash, added_at, updated_at)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		       " ?14, ?15, ?15)",
	[STMT_Q_UPDATE] = "UPDATE questions SET topic_id = ?2, type = ?3, question = ?4,"
			  " choices = ?5, answer = ?6, explanation = ?7, source = ?8,"
			  " tags = ?9, why_not = ?10, shuffle = ?11, bank_file = ?12,"
			  " bank_line = ?13, hash = ?14, updated_at = ?15,"
			  " retired = 0 WHERE id = ?1",
	[STMT_Q_TOUCH] = "UPDATE questions SET bank_file = ?2, bank_line = ?3 WHERE id = ?1",
	[STMT_Q_COUNT] = "SELECT count(*) FILTER (WHERE NOT retired),"
			 " count(*) FILTER (WHERE retired) FROM questions",
	[STMT_Q_ANY] = "SELECT EXISTS (SELECT 1 FROM questions)",
	[STMT_CARD_ADD] = "INSERT INTO cards(question_id, topic_id, due) VALUES (?1, ?2, ?3)",
	[STMT_SCOPE_FILE] = "SELECT id FROM questions WHERE bank_file = ?1 AND NOT retired",
	[STMT_SCOPE_DIR] = "SELECT id FROM questions WHERE bank_file > ?1 AND bank_file < ?2"
			   " AND NOT retired",
	[STMT_RETIRE] = "UPDATE questions SET retired = 1, updated_at = ?2 WHERE id = ?1",
	[STMT_ITEM_LOAD] = "SELECT q.id, q.qid, t.name, q.type, q.question, q.choices, q.answer,"
			   " q.explanation, q.source, q.tags, q.why_not, q.shuffle, q.flagged,"
			   " q.retired, " STORE_CARD_COLUMNS
			   " FROM questions q JOIN topics t ON t.id = q.topic_id"
			   " JOIN cards c ON c.question_id = q.id WHERE q.id = ?1",
	[STMT_Q_BY_QID] = "SELECT id FROM questions WHERE qid = ?1",
	[STMT_CARD_GET] = "SELECT " STORE_CARD_COLUMNS " FROM cards c WHERE c.question_id = ?1",
	[STMT_CARD_PUT] = "UPDATE cards SET suspended = ?2, leech = ?3, state = ?4, due = ?5,"
			  " stability = ?6, difficulty = ?7, elapsed_days = ?8,"
			  " scheduled_days = ?9, learning_steps = ?10, reps = ?11,"
			  " lapses = ?12, last_review = ?13 WHERE question_id = ?1",
	[STMT_Q_FLAG] = "UPDATE questions SET flagged = ?2, flag_note = ?3 WHERE id = ?1",
	[STMT_REVIEW_ADD] = "INSERT INTO reviews(question_id, topic_id, reviewed_at, rating,"
			    " correct, mode, duration_ms, elapsed_days, state_before,"
			    " state_after, due_before, due_after, stability_before,"
			    " stability_after, difficulty_before, difficulty_after,"
			    " elapsed_days_before, scheduled_days_before, scheduled_days_after,"
			    " learning_steps_before, learning_steps_after, reps_before,"
			    " lapses_before, last_review_before, leech_before, suspended_before)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
			    " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
	[STMT_REVIEW_GET] = "SELECT question_id, topic_id, correct, state_before, due_before,"
			    " stability_before, difficulty_before, elapsed_days_before,"
			    " scheduled_days_before, learning_steps_before, reps_before,"
			    " lapses_before, last_review_before, leech_before, suspended_before,"
			    " mode, rating, reviewed_at FROM reviews WHERE id = ?1",
	[STMT_REVIEW_LATER] = "SELECT EXISTS (SELECT 1 FROM reviews"
			      " WHERE question_id = ?1 AND id > ?2)",
	[STMT_REVIEW_DEL] = "DELETE FROM reviews WHERE id = ?1",
	[STMT_TOPIC_TALLY] = "UPDATE topics SET answers = answers + ?2,"
			     " correct = correct + ?3, retention_reviews = retention_reviews + ?4,"
			     " retention_recalled = retention_recalled + ?5 WHERE id = ?1",
	[STMT_QUEUE_DUE] = "SELECT question_id, topic_id FROM cards"
			   " WHERE queue = ?1 AND due < ?2 ORDER BY due LIMIT ?3",
	[STMT_QUEUE_NEW] = "SELECT question_id, topic_id FROM cards"
			   " WHERE queue = 0 ORDER BY due LIMIT ?1",
	[STMT_COUNT_QUEUES] = "SELECT (SELECT count(*) FROM cards WHERE queue = 1 AND due < ?1),"
			      " (SELECT count(*) FROM cards WHERE queue = 2 AND due < ?2),"
			      " (SELECT count(*) FROM (SELECT 1 FROM cards WHERE queue = 0"
			      "  LIMIT " STORE_STR(STORE_NEW_COUNT_CAP) "))",
	[STMT_NEXT_DUE] = "SELECT min(due) FROM cards WHERE queue = ?1",
	[STMT_COUNT_INTRODUCED] = "SELECT count(*) FROM reviews WHERE reviewed_at >= ?1"
				  " AND state_before = 0 AND mode = 'review'",
	[STMT_TOPICS] = "SELECT id, name, answers, correct, retention_reviews,"
			" retention_recalled, visible FROM topics ORDER BY name",
	/* Over cards_memory alone (studied, visible cards), in topic order. */
	[STMT_TOPIC_CARDS] = "SELECT topic_id, count(*), whose_recall_sum(stability, ?1 - last_review)"
			     " FROM cards WHERE hidden = 0 AND state > 0 GROUP BY topic_id",
	/* The due cards in due order from cards_due, which holds the topic. */
	[STMT_TOPIC_DUE] = "SELECT topic_id FROM cards WHERE queue IN (1, 2) AND due < ?1",
	[STMT_TOPIC_RECENT] = "SELECT count(*), coalesce(sum(correct), 0) FROM"
			      " (SELECT correct FROM reviews WHERE topic_id = ?1"
			      " ORDER BY reviewed_at DESC LIMIT 20)",
	[STMT_TOPIC_FIND] = "SELECT id FROM topics WHERE name = ?1 COLLATE NOCASE",
	[STMT_VISIBLE_ALL] = "SELECT question_id, topic_id FROM cards WHERE hidden = 0",
	[STMT_VISIBLE_TOPIC] = "SELECT question_id, topic_id FROM cards"
			       " WHERE hidden = 0 AND topic_id = ?1",
	[STMT_FORECAST] = "SELECT count(*) FROM cards WHERE queue IN (1, 2)"
			  " AND due >= ?1 AND due < ?2",
	[STMT_PER_DAY] = "SELECT (hour * 3600000 - ?1) / 86400000 AS d, sum(answers), sum(correct)"
			 " FROM hourly WHERE hour >= ?1 / 3600000 GROUP BY d",
	[STMT_HOUR_TALLY] = "INSERT INTO hourly(hour, answers, correct) VALUES (?1, ?2, ?3)"
			    " ON CONFLICT(hour) DO UPDATE SET answers = answers + ?2,"
			    " correct = correct + ?3",
	[STMT_LEECHES] = "SELECT q.qid, t.name, q.question, c.lapses, c.suspended, ''"
			 " FROM cards c JOIN questions q ON q.id = c.question_id"
			 " JOIN topics t ON t.id = q.topic_id"
			 " WHERE c.leech = 1 AND NOT q.retired ORDER BY c.lapses DESC, q.qid LIMIT ?1",
	[STMT_FLAGGED] = "SELECT q.qid, t.name, q.question, 0, 0, coalesce(q.flag_note, '')"
			 " FROM questions q JOIN topics t ON t.id = q.topic_id"
			 " WHERE q.flagged = 1 ORDER BY q.qid LIMIT ?1",
	[STMT_UNSUSPEND] = "UPDATE cards SET suspended = 0 WHERE question_id = ?1",
	[STMT_EXPORT_CARDS] = "SELECT q.qid, t.name, " STORE_CARD_COLUMNS
			      " FROM cards c JOIN questions q ON q.id = c.question_id"
			      " JOIN topics t ON t.id = q.topic_id ORDER BY q.qid",
	[STMT_EXPORT_REVIEWS] = "SELECT r.question_id, q.qid, r.reviewed_at, r.rating,"
				" r.state_before, r.duration_ms, r.mode"
				" FROM reviews r JOIN questions q ON q.id = r.question_id"
				" WHERE ?1 OR r.mode IN ('review', 'import')"
				" ORDER BY r.reviewed_at, r.id",
	[STMT_ASKABLE] = "SELECT q.id, q.qid, t.name FROM questions q"
			 " JOIN topics t ON t.id = q.topic_id"
			 " WHERE NOT q.retired AND (?1 OR NOT q.flagged) AND q.type != 'card'"
			 " ORDER BY q.qid",
	[STMT_EXAM_ADD] = "INSERT INTO exams(started_at, minutes, pass_percent, questions, seed)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_EXAM_ADD_Q] = "INSERT INTO exam_answers(exam_id, position, question_id, topic_id)"
			    " VALUES (?1, ?2, ?3, ?4)",
	[STMT_EXAM_ANSWER] = "UPDATE exam_answers SET response = ?3, correct = ?4, flagged = ?5"
			     " WHERE exam_id = ?1 AND position = ?2",
	[STMT_EXAM_FINISH] = "UPDATE exams SET finished_at = ?2, correct = ?3, passed = ?4,"
			     " timed_out = ?5 WHERE id = ?1",
	[STMT_EXAM_LIST] = "SELECT * FROM (SELECT id, started_at, coalesce(finished_at, 0),"
			   " minutes, pass_percent, questions, coalesce(correct, 0),"
			   " coalesce(passed, 0), timed_out FROM exams ORDER BY id DESC LIMIT ?1)"
			   " ORDER BY id",
	[STMT_BEGIN] = "BEGIN",
	[STMT_BEGIN_IMMEDIATE] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
};

const char *store_sql_text(enum store_stmt_id id)
{
	return (unsigned)id < STMT_COUNT ? store_sql[id] : NULL;
}

sqlite3 *store_db_handle(struct store *s)
{
	return s->db;
}

int store_db_error(struct store *s, const char *what, struct whose_error *err)
{
	int code = sqlite3_errcode(s->db);
	int ecode = WHOSE_EDB;
	const char *hint = "";

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		ecode = WHOSE_EBUSY;
		hint = ": another whose is writing to this database; try again";
	} else if (code == SQLITE_FULL) {
		hint = ": the disk is full; free some space and try again";
	} else if (code == SQLITE_READONLY) {
		hint = ": the database is read-only; check its permissions or give another with --db";
	} else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
		hint = ": the file is damaged or not a database; restore a backup or give another with --db";
	} else if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN) {
		hint = ": the disk may be full (free some space) or the file out of reach; try again";
	}
	return whose_error_set(err, ecode, "%s: %s: %s%s",
			       s->path != NULL ? s->path : "the database", what,
			       sqlite3_errmsg(s->db), hint);
}

sqlite3_stmt *store_stmt(struct store *s, enum store_stmt_id id,
			 struct whose_error *err)
{
	sqlite3_stmt *st = s->stmt[id];

	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, store_sql[id], -1,
				       SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			store_db_error(s, "preparing a statement", err);
			return NULL;
		}
		s->stmt[id] = st;
	} else {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	return st;
}

int store_exec(struct store *s, enum store_stmt_id id, const char *what,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, id, err);
	int rc;

	if (st == NULL)
		return err != NULL ? err->code : WHOSE_EDB;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, what, err);
	return 0;
}

/* mkdir -p with mode 0700 for every folder it creates. */
static int store_mkdirs(const char *path, struct whose_error *err)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return whose_error_set(err, WHOSE_EINVAL, "%s: path too long", path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char save = *p;

			*p = '\0';
			if (mkdir(buf, 0700) != 0 && errno != EEXIST)
				return whose_error_set(err, WHOSE_EIO,
						       "cannot create the folder %s: %s",
						       buf, strerror(errno));
			*p = save;
			if (save == '\0')
				break;
		}
	}
	return 0;
}

static int store_create_file(const char *path, struct whose_error *err)
{
	char dir[PATH_MAX];
	char *slash;
	int fd;

	if (strlen(path) >= sizeof(dir))
		return whose_error_set(err, WHOSE_EINVAL, "%s: path too long", path);
	strcpy(dir, path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		int rc;

		*slash = '\0';
		rc = store_mkdirs(dir, err);
		if (rc < 0)
			return rc;
	}
	/* Create it ourselves so that it is 0600 whatever the umask. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return whose_error_set(err, WHOSE_EIO, "cannot create %s: %s",
				       path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

/*
 * Put the database in WAL mode (it stays so).  Switching needs the database
 * to itself for a moment, and SQLite answers BUSY at once rather than
 * waiting when another process holds it (two first starts at once): so
 * wait here, up to about a second.  Returns 0 in WAL mode, 1 when the
 * database stayed in its rollback journal because another process holds
 * it longer (a large first import), or a negative code.
 */
static int store_wal(struct store *s, struct whose_error *err)
{
	for (int tries = 0;; tries++) {
		struct timespec pause = { 0, 20 * 1000 * 1000 };
		sqlite3_stmt *st;
		bool wal = false;
		int rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL);

		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				const unsigned char *mode = sqlite3_column_text(st, 0);

				wal = mode != NULL && strcmp((const char *)mode, "wal") == 0;
				rc = SQLITE_OK;
			}
			sqlite3_finalize(st);
		}
		if (wal)
			return 0;
		if (rc == SQLITE_OK && s->memory)
			return 0;  /* an in-memory database has no WAL: "memory" */
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 50) {
			nanosleep(&pause, NULL);
			continue;
		}
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			/*
			 * Still held after a second: a first import of a large
			 * bank in its rollback journal (see store_import_bulk).
			 * SQLite's locks keep us correct in that mode too, and
			 * the importer turns WAL back on when it is done.
			 */
			return sqlite3_exec(s->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL) == SQLITE_OK
				? 1 : store_db_error(s, "setting up the journal", err);
		}
		if (rc == SQLITE_OK)
			return whose_error_set(err, WHOSE_EDB,
					       "%s: cannot use a write-ahead log beside it: check that its folder is writable, or give another with --db",
					       s->path);
		return store_db_error(s, "setting up the journal", err);
	}
}

/*
 * whose_recall_sum(stability, elapsed_ms): the sum of the recall
 * probabilities (fsrs_recall, with the parameters store_topics sets) of the
 * rows given, NULLs skipped.  An aggregate inside SQLite, so that
 * statistics over a million cards do not hand a million rows to C.
 */
static void store_recall_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	double *sum = sqlite3_aggregate_context(ctx, sizeof(*sum));

	(void)argc;
	if (sum == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (s->recall_params == NULL) {
		sqlite3_result_error(ctx, "whose_recall_sum: no scheduler parameters", -1);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
		return;
	*sum += fsrs_recall(s->recall_params, sqlite3_value_double(argv[0]),
			    sqlite3_value_int64(argv[1]));
}

static void store_recall_final(sqlite3_context *ctx)
{
	double *sum = sqlite3_aggregate_context(ctx, 0);

	sqlite3_result_double(ctx, sum != NULL ? *sum : 0.0);
}

int store_open(const char *path, int flags, struct store **out,
	       struct whose_error *err)
{
	struct store *s;
	int rc, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	const char *name = path;

	*out = NULL;
	if (flags & STORE_MEMORY) {
		name = ":memory:";
	} else {
		struct stat st;

		if (stat(path, &st) != 0) {
			if (!(flags & STORE_CREATE))
				return whose_error_set(err, WHOSE_ENOTFOUND,
						       "%s: no such database", path);
			rc = store_create_file(path, err);
			if (rc < 0)
				return rc;
		} else if (S_ISDIR(st.st_mode)) {
			return whose_error_set(err, WHOSE_EINVAL,
					       "%s is a folder, not a database file", path);
		}
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	s->memory = (flags & STORE_MEMORY) != 0;
	s->path = strdup(s->memory ? "the in-memory database" : path);
	if (s->path == NULL) {
		free(s);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	rc = sqlite3_open_v2(name, &s->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = whose_error_set(err, WHOSE_EDB, "cannot open %s: %s", path,
				     s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		store_close(s);
		return rc;
	}
	sqlite3_extended_result_codes(s->db, 0);
	if (sqlite3_create_function_v2(s->db, "whose_recall_sum", 2,
				       SQLITE_UTF8 | SQLITE_DIRECTONLY, s, NULL,
				       store_recall_step, store_recall_final,
				       NULL) != SQLITE_OK) {
		rc = store_db_error(s, "setting up the database", err);
		store_close(s);
		return rc;
	}
	/* Two processes on one file wait for each other rather than fail. */
	sqlite3_busy_timeout(s->db, 10000);

	rc = store_schema_prepare(s, name, err);
	if (rc < 0) {
		store_close(s);
		return rc;
	}
	/* Only now that the file is known to be ours do we write to it. */
	rc = store_wal(s, err);
	if (rc < 0) {
		store_close(s);
		return rc;
	}
	if (sqlite3_exec(s->db, rc == 0 ?
			 "PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;" :
			 "PRAGMA foreign_keys=ON;", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_db_error(s, "setting up the journal", err);
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_schema_version(struct store *s)
{
	return s->version;
}

/* ---- settings ---------------------------------------------------------- */

int store_setting_get(struct store *s, const char *key, char *buf, size_t len,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SETTING_GET, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		snprintf(buf, len, "%s", v ? v : "");
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return WHOSE_ENOTFOUND;
	return store_db_error(s, "reading a setting", err);
}

int store_setting_set(struct store *s, const char *key, const char *value,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SETTING_SET, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, "saving a setting", err);
	return 0;
}

int store_setting_unset(struct store *s, const char *key,
			struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SETTING_UNSET, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, "removing a setting", err);
	return 0;
}

int store_count_questions(struct store *s, size_t *active, size_t *retired,
			  struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_Q_COUNT, err);

	if (st == NULL)
		return WHOSE_EDB;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_db_error(s, "counting questions", err);
	}
	*active = (size_t)sqlite3_column_int64(st, 0);
	*retired = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return 0;
}

/* ---- import ------------------------------------------------------------ */

/* A topic seen in this import: its id and the rank its next new card gets. */
struct store_topic_slot {
	char *name;
	int64_t id;
	int64_t next_ordinal;
	int64_t added;           /* cards added to it by this import */
	int64_t of_type[QUESTION_NTYPES]; /* its questions of each type so far */
};

/* A file read in this import, to name duplicates by the path the user gave. */
struct store_file_slot {
	char *key;
	char *shown;
};

struct store_import {
	struct store *s;
	struct store_import_summary *sum;
	int64_t now;
	uint64_t *seen;          /* bit per question id seen in this import */
	size_t seen_words;
	bool was_empty;
	struct store_topic_slot *topics;
	size_t ntopics;
	size_t last_topic;
	struct store_file_slot *files;
	size_t nfiles;
};

/*
 * The order new cards are met, fixed when a question is added so that the
 * queue stays an index scan on cards(queue, due).  Banks list a topic's
 * questions type by type (often a run of 'who' rows first), so a topic's
 * own order interleaves types: its k-th question of type y takes the place
 * k * QUESTION_NTYPES + ((y + topic id) mod QUESTION_NTYPES) in the topic,
 * and the topic's offset makes topics start on different types.  Topics
 * are interleaved in turn: place p of a topic gets rank
 * p * STORE_RANK_STRIDE + (topic id mod the stride), so the first new
 * questions of a day come one per topic, of several types, the same for
 * every run on one profile.
 */
#define STORE_RANK_STRIDE 4096

static int64_t store_new_rank(const struct store_topic_slot *topic, int type,
			      int64_t k)
{
	int64_t slot = (type + topic->id) % QUESTION_NTYPES;

	return (k * QUESTION_NTYPES + slot) * STORE_RANK_STRIDE +
	       topic->id % STORE_RANK_STRIDE;
}

static int store_import_topic(struct store_import *im, const char *name,
			      struct store_topic_slot **out,
			      struct whose_error *err)
{
	struct store *s = im->s;
	struct store_topic_slot *slot, *grown;
	sqlite3_stmt *st;
	int64_t id;

	if (im->last_topic < im->ntopics &&
	    strcmp(im->topics[im->last_topic].name, name) == 0) {
		*out = &im->topics[im->last_topic];
		return 0;
	}
	for (size_t i = 0; i < im->ntopics; i++) {
		if (strcmp(im->topics[i].name, name) == 0) {
			im->last_topic = i;
			*out = &im->topics[i];
			return 0;
		}
	}
	st = store_stmt(s, STMT_TOPIC_GET, err);
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	} else {
		sqlite3_reset(st);
		st = store_stmt(s, STMT_TOPIC_ADD, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return store_db_error(s, "adding a topic", err);
		}
		sqlite3_reset(st);
		id = sqlite3_last_insert_rowid(s->db);
	}
	grown = realloc(im->topics, (im->ntopics + 1) * sizeof(*grown));
	if (grown == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	im->topics = grown;
	slot = &im->topics[im->ntopics];
	slot->name = strdup(name);
	if (slot->name == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	slot->id = id;
	slot->next_ordinal = 0;
	slot->added = 0;
	memset(slot->of_type, 0, sizeof(slot->of_type));
	if (!im->was_empty) {
		st = store_stmt(s, STMT_TOPIC_COUNT, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			slot->next_ordinal = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		st = store_stmt(s, STMT_TOPIC_TYPES, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int t = question_type_from_name((const char *)sqlite3_column_text(st, 0));

			if (t >= 0)
				slot->of_type[t] = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
	}
	im->last_topic = im->ntopics++;
	*out = slot;
	return 0;
}

static const char *store_import_shown(struct store_import *im, const char *key)
{
	for (size_t i = 0; i < im->nfiles; i++)
		if (strcmp(im->files[i].key, key) == 0)
			return im->files[i].shown;
	return key;
}

static int store_import_note_file(struct store_import *im,
				  const struct bank_row *row)
{
	struct store_file_slot *grown;

	if (im->nfiles > 0 && strcmp(im->files[im->nfiles - 1].key, row->file_key) == 0)
		return 0;
	grown = realloc(im->files, (im->nfiles + 1) * sizeof(*grown));
	if (grown == NULL)
		return -1;
	im->files = grown;
	grown[im->nfiles].key = strdup(row->file_key);
	grown[im->nfiles].shown = strdup(row->file);
	if (grown[im->nfiles].key == NULL || grown[im->nfiles].shown == NULL) {
		free(grown[im->nfiles].key);
		free(grown[im->nfiles].shown);
		return -1;
	}
	im->nfiles++;
	return 0;
}

/* Bind the question's fields in the order STMT_Q_ADD and STMT_Q_UPDATE share. */
static void store_bind_question(sqlite3_stmt *st, const struct bank_row *row,
				int64_t topic_id, int64_t now)
{
	sqlite3_bind_int64(st, 2, topic_id);
	sqlite3_bind_text(st, 3, row->t.type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->t.question, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, row->t.choices, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, row->t.answer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, row->t.explanation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, row->t.source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, row->t.tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, row->t.why_not, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, row->t.shuffle);
	sqlite3_bind_text(st, 12, row->file_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 13, row->line);
	sqlite3_bind_int64(st, 14, (int64_t)row->hash);
	sqlite3_bind_int64(st, 15, now);
}

/* Look for QID; on a hit fill the out-parameters and return 1. */
static int store_import_find(struct store_import *im, const char *qid,
			     int64_t *id, int64_t *hash, int *retired,
			     char *file, size_t filelen, long *line,
			     struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(im->s, STMT_Q_FIND, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, qid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *f = sqlite3_column_text(st, 3);

		*id = sqlite3_column_int64(st, 0);
		*hash = sqlite3_column_int64(st, 1);
		*retired = sqlite3_column_int(st, 2);
		snprintf(file, filelen, "%s", f != NULL ? (const char *)f : "");
		*line = (long)sqlite3_column_int64(st, 4);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(im->s, "looking up a question", err);
	return 0;
}

/* Mark question ID as seen; returns 1 when it already was, -1 on no memory. */
static int store_import_mark(struct store_import *im, int64_t id)
{
	size_t word;

	if (id < 0)
		return 0;
	word = (size_t)id / 64;
	if (word >= im->seen_words) {
		size_t n = im->seen_words ? im->seen_words : 1024;
		uint64_t *grown;

		while (n <= word)
			n *= 2;
		grown = realloc(im->seen, n * sizeof(uint64_t));
		if (grown == NULL)
			return -1;
		memset(grown + im->seen_words, 0, (n - im->seen_words) * sizeof(uint64_t));
		im->seen = grown;
		im->seen_words = n;
	}
	if (im->seen[word] & (1ULL << (id % 64)))
		return 1;
	im->seen[word] |= 1ULL << (id % 64);
	return 0;
}

static bool store_import_was_seen(const struct store_import *im, int64_t id)
{
	size_t word = (size_t)id / 64;

	return id >= 0 && word < im->seen_words && (im->seen[word] & (1ULL << (id % 64)));
}

static int store_import_row(const struct bank_row *row, void *ctx, char *msg,
			    size_t msglen, struct whose_error *err)
{
	struct store_import *im = ctx;
	struct store *s = im->s;
	struct store_topic_slot *topic = NULL;
	sqlite3_stmt *st;
	int64_t id = 0, hash = 0;
	int retired = 0, rc, found = 0, seen, type;
	char file[PATH_MAX];
	long line = 0;

	if (store_import_note_file(im, row) < 0)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	rc = store_import_topic(im, row->t.topic, &topic, err);
	if (rc < 0)
		return rc;

	if (!im->was_empty) {
		found = store_import_find(im, row->t.qid, &id, &hash, &retired,
					  file, sizeof(file), &line, err);
		if (found < 0)
			return found;
	}
	if (!found) {
		st = store_stmt(s, STMT_Q_ADD, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_text(st, 1, row->t.qid, -1, SQLITE_STATIC);
		store_bind_question(st, row, topic->id, im->now);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_CONSTRAINT) {
			/* Only possible on the fast path for an empty
			 * database: an id given twice in this import. */
			found = store_import_find(im, row->t.qid, &id, &hash, &retired,
						  file, sizeof(file), &line, err);
			if (found <= 0)
				return found < 0 ? found : store_db_error(s, "adding a question", err);
		} else if (rc != SQLITE_DONE) {
			return store_db_error(s, "adding a question", err);
		} else {
			id = sqlite3_last_insert_rowid(s->db);
			if (store_import_mark(im, id) < 0)
				return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
			st = store_stmt(s, STMT_CARD_ADD, err);
			if (st == NULL)
				return WHOSE_EDB;
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, topic->id);
			/* A new card's due is its place among new cards. */
			type = question_type_from_name(row->t.type);
			if (type < 0)
				type = 0;  /* the reader validated it: not reached */
			sqlite3_bind_int64(st, 3, store_new_rank(topic, type, topic->of_type[type]++));
			topic->next_ordinal++;
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				return store_db_error(s, "adding a card", err);
			topic->added++;
			im->sum->added++;
			return 0;
		}
	}
	seen = store_import_mark(im, id);
	if (seen < 0)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	if (seen) {
		snprintf(msg, msglen, "column 'id': duplicate id '%s' (first at %s:%ld): give each question its own id",
			 row->t.qid, store_import_shown(im, file), line);
		im->sum->rejected++;
		return 1;
	}
	if ((uint64_t)hash != row->hash || retired) {
		st = store_stmt(s, STMT_Q_UPDATE, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, id);
		store_bind_question(st, row, topic->id, im->now);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_db_error(s, "updating a question", err);
		im->sum->updated++;
		return 0;
	}
	im->sum->unchanged++;
	if (line == row->line && strcmp(file, row->file_key) == 0)
		return 0;
	/* Moved within the bank: remember where it is now, for messages. */
	st = store_stmt(s, STMT_Q_TOUCH, err);
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, row->file_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, row->line);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, "updating a question", err);
	return 0;
}

/* Retire what the scope covers but this import did not see. */
static int store_import_retire(struct store_import *im,
			       const struct bank_scope *scope,
			       struct whose_error *err)
{
	struct store *s = im->s;

	for (size_t i = 0; i < scope->nfiles + scope->ndirs; i++) {
		bool dir = i >= scope->nfiles;
		const char *path = dir ? scope->dirs[i - scope->nfiles] : scope->files[i];
		sqlite3_stmt *st = store_stmt(s, dir ? STMT_SCOPE_DIR : STMT_SCOPE_FILE, err);
		char lo[PATH_MAX + 2], hi[PATH_MAX + 2];
		int64_t *gone = NULL;
		size_t ngone = 0, cap = 0;
		int rc;

		if (st == NULL)
			return WHOSE_EDB;
		if (dir) {
			/* Every path under DIR/ sorts between "DIR/" and "DIR0". */
			snprintf(lo, sizeof(lo), "%s/", path);
			snprintf(hi, sizeof(hi), "%s0", path);
			sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
		} else {
			sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		}
		/* Collect first, then write: no updates under a running read. */
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);

			if (store_import_was_seen(im, id))
				continue;
			if (ngone == cap) {
				int64_t *grown;

				cap = cap ? cap * 2 : 64;
				grown = realloc(gone, cap * sizeof(*gone));
				if (grown == NULL) {
					sqlite3_reset(st);
					free(gone);
					return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
				}
				gone = grown;
			}
			gone[ngone++] = id;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			free(gone);
			return store_db_error(s, "retiring questions", err);
		}
		for (size_t k = 0; k < ngone; k++) {
			st = store_stmt(s, STMT_RETIRE, err);
			if (st == NULL) {
				free(gone);
				return WHOSE_EDB;
			}
			sqlite3_bind_int64(st, 1, gone[k]);
			sqlite3_bind_int64(st, 2, im->now);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE) {
				free(gone);
				return store_db_error(s, "retiring questions", err);
			}
		}
		im->sum->retired += ngone;
		free(gone);
	}
	return 0;
}

/*
 * A first import of a large bank into an empty database writes every page
 * once through a rollback journal instead of twice (into the write-ahead
 * log, then into the database at the checkpoint): about a third less time
 * for 100,000 questions.  It needs the database to itself; when another
 * connection has it open the import simply stays in WAL mode.  While it
 * runs, other processes that open the database wait for it (there is
 * nothing in it to study yet).  Returns whether the journal was switched.
 */
#define STORE_BULK_BYTES ((uint64_t)4 << 20)

static bool store_import_bulk(struct store *s, const char *const *paths,
			      size_t npaths)
{
	sqlite3_stmt *st;
	bool empty = false, switched = false;

	if (s->memory || bank_bytes(paths, npaths) < STORE_BULK_BYTES)
		return false;
	st = store_stmt(s, STMT_Q_ANY, NULL);
	if (st == NULL)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int(st, 0) == 0;
	sqlite3_reset(st);
	if (!empty)
		return false;
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=DELETE", -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *mode = sqlite3_column_text(st, 0);

		switched = mode != NULL && strcmp((const char *)mode, "delete") == 0;
	}
	sqlite3_finalize(st);
	/* A rollback journal is only safe against power loss when synced fully. */
	if (switched)
		sqlite3_exec(s->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	return switched;
}

/* Back to WAL after a bulk import; should it fail, the next start does it. */
static void store_journal_restore(struct store *s)
{
	struct whose_error ignored = { 0 };

	if (store_wal(s, &ignored) == 0)
		sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
}

int store_import(struct store *s, const char *const *paths, size_t npaths,
		 bool dry_run, int64_t now_ms, struct store_import_summary *sum,
		 struct bank_report *rep,
		 void (*progress)(uint64_t done, uint64_t total, void *ctx),
		 void *progress_ctx, struct whose_error *err)
{
	struct store_import im;
	struct bank_scope scope;
	sqlite3_stmt *st;
	bool bulk;
	int rc;

	(void)progress_ctx;
	memset(sum, 0, sizeof(*sum));
	memset(&im, 0, sizeof(im));
	memset(rep, 0, sizeof(*rep));
	im.s = s;
	im.sum = sum;
	im.now = now_ms;

	bulk = !dry_run && store_import_bulk(s, paths, npaths);
	rc = store_exec(s, STMT_BEGIN_IMMEDIATE, "starting the import", err);
	if (rc < 0)
		goto journal;
	st = store_stmt(s, STMT_Q_ANY, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto out;
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		rc = store_db_error(s, "reading the questions", err);
		goto out;
	}
	im.was_empty = sqlite3_column_int(st, 0) == 0;
	sqlite3_reset(st);

	rc = bank_read(paths, npaths, store_import_row, &im, rep, &scope,
		       progress, err);
	/* Into an empty database every row was added: nothing to retire. */
	if (rc == 0 && rep->nerrors == 0 && !im.was_empty)
		rc = store_import_retire(&im, &scope, err);
	for (size_t i = 0; rc == 0 && rep->nerrors == 0 && i < im.ntopics; i++) {
		/* Where each topic's next new card goes, for the next import,
		 * and its count of visible cards (see schema version 5). */
		st = store_stmt(s, STMT_TOPIC_ORDINAL, err);
		if (st == NULL) {
			rc = WHOSE_EDB;
			break;
		}
		sqlite3_bind_int64(st, 1, im.topics[i].id);
		sqlite3_bind_int64(st, 2, im.topics[i].next_ordinal);
		sqlite3_bind_int64(st, 3, im.topics[i].added);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_db_error(s, "saving a topic", err);
		sqlite3_reset(st);
	}
	bank_scope_free(&scope);
	if (rc == 0 && rep->nerrors > 0) {
		sum->rejected = rep->nerrors;
		rc = whose_error_set(err, WHOSE_EDATA,
				     "%zu error%s in the bank: nothing was imported",
				     rep->nerrors, rep->nerrors == 1 ? "" : "s");
	}
out:
	if (rc == 0 && !dry_run) {
		rc = store_exec(s, STMT_COMMIT, "saving the import", err);
		if (rc < 0)
			store_exec(s, STMT_ROLLBACK, "undoing the import", NULL);
	} else {
		store_exec(s, STMT_ROLLBACK, "undoing the import", NULL);
	}
	for (size_t i = 0; i < im.ntopics; i++)
		free(im.topics[i].name);
	free(im.topics);
	for (size_t i = 0; i < im.nfiles; i++) {
		free(im.files[i].key);
		free(im.files[i].shown);
	}
	free(im.files);
	free(im.seen);
journal:
	if (bulk)
		store_journal_restore(s);
	return rc;
}

/* ---- the bundled bank -------------------------------------------------- */

/*
 * A fingerprint of the *.csv files in DIR: their names, sizes and
 * modification times, combined so that the listing order does not matter.
 */
static int store_bank_fingerprint(const char *dir, char *out, size_t len)
{
	char path[PATH_MAX];
	uint64_t h = BANK_HASH_INIT;
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		uint64_t eh = BANK_HASH_INIT;

		if (e->d_name[0] == '.' || n < 4 ||
		    strcmp(e->d_name + n - 4, ".csv") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		eh = bank_hash(eh, e->d_name, n + 1);
		eh = bank_hash(eh, &st.st_size, sizeof(st.st_size));
		eh = bank_hash(eh, &st.st_mtim.tv_sec, sizeof(st.st_mtim.tv_sec));
		eh = bank_hash(eh, &st.st_mtim.tv_nsec, sizeof(st.st_mtim.tv_nsec));
		h ^= eh;
	}
	closedir(d);
	snprintf(out, len, "%016" PRIx64, h);
	return 0;
}

int store_sync_bundled(struct store *s, const char *dir, int64_t now_ms,
		       bool *synced, struct store_import_summary *sum,
		       struct bank_report *rep, struct whose_error *err)
{
	char want[32], have[64];
	const char *paths[1] = { dir };
	int rc;

	*synced = false;
	memset(sum, 0, sizeof(*sum));
	memset(rep, 0, sizeof(*rep));
	if (store_bank_fingerprint(dir, want, sizeof(want)) < 0)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "the bundled question bank %s cannot be read: reinstall whose, or set WHOSE_BANK to a folder of *.csv files",
				       dir);
	rc = store_setting_get(s, "bank.bundled.fingerprint", have, sizeof(have), err);
	if (rc == 0 && strcmp(have, want) == 0)
		return 0;
	if (rc < 0 && rc != WHOSE_ENOTFOUND)
		return rc;
	rc = store_import(s, paths, 1, false, now_ms, sum, rep, NULL, NULL, err);
	if (rc < 0)
		return rc;
	*synced = true;
	return store_setting_set(s, "bank.bundled.fingerprint", want, err);
}
