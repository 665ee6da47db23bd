/*
 * store_import.c - the bank import inside the store, and the bundled bank's
 * sync at start-up.
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
/* store_schema.c's version 9 gives old profiles these ranks in SQL. */
_Static_assert(QUESTION_NTYPES == 6 && STORE_RANK_STRIDE == 4096,
	       "store_schema.c's version 9 repeats store_new_rank: change both");

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

/* Add question ID's searchable text (ROW's) to the full-text index. */
static int store_import_text(struct store *s, int64_t id,
			     const struct bank_row *row, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_TEXT_ADD, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, row->t.question, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->t.choices, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->t.explanation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, row->t.tags, -1, SQLITE_STATIC);
	return store_step_done(s, st, "updating the search index", err);
}

/*
 * The full-text index of a first import, built once at its end from the
 * questions table (the index is external-content): FTS5's 'rebuild' with
 * a hash of 4 MiB (its 1 MiB afterwards), rather than one index insert per
 * question: 1.3 s of CPU for 100,000 questions against 1.6 s, peak RSS
 * 13 MB against 8 (8 MiB took it to 18 MB, near bench/run's 20 MB).
 */
static int store_import_index(struct store *s, struct whose_error *err)
{
	if (sqlite3_exec(s->db,
			 "INSERT INTO question_text(question_text, rank) VALUES ('hashsize', 4194304);"
			 "INSERT INTO question_text(question_text) VALUES ('rebuild');"
			 "INSERT INTO question_text(question_text, rank) VALUES ('hashsize', 1048576);",
			 NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(s, "building the search index", err);
	return 0;
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
			/* Into an empty database the index is built at the
			 * end, in one go (store_import_index). */
			rc = im->was_empty ? 0 : store_import_text(s, id, row, err);
			if (rc < 0)
				return rc;
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
			rc = store_step_done(s, st, "adding a card", err);
			if (rc < 0)
				return rc;
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
		/* Out of the index with its old text, back in with the new. */
		st = store_stmt(s, STMT_TEXT_DEL, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, id);
		rc = store_step_done(s, st, "updating the search index", err);
		if (rc < 0)
			return rc;
		st = store_stmt(s, STMT_Q_UPDATE, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, id);
		store_bind_question(st, row, topic->id, im->now);
		rc = store_step_done(s, st, "updating a question", err);
		if (rc < 0)
			return rc;
		rc = store_import_text(s, id, row, err);
		if (rc < 0)
			return rc;
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
	return store_step_done(s, st, "updating a question", err);
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
			rc = store_step_done(s, st, "retiring questions", err);
			if (rc < 0) {
				free(gone);
				return rc;
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
	if (rc == 0 && rep->nerrors == 0 && im.was_empty && !dry_run)
		rc = store_import_index(s, err);
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
