/*
 * store_replay.c - a review history waiting to be replayed, sorted by
 * SQLite rather than in memory (see store.h).  A history of ten million
 * rows held as an array took about 40 bytes a row (395 MB); in a
 * temporary table SQLite's sorter spills to a file and the page cache
 * stays at its bound.
 */
#include <sqlite3.h>

#include "store_int.h"

int store_replay_begin(struct store *s, struct whose_error *err)
{
	/* Created once per connection and emptied, never dropped: the
	 * cached statements on it stay valid. */
	if (sqlite3_exec(s->db,
			 "CREATE TEMP TABLE IF NOT EXISTS replay ("
			 "  at INTEGER NOT NULL, line INTEGER NOT NULL,"
			 "  question_id INTEGER NOT NULL, rating INTEGER NOT NULL,"
			 "  duration INTEGER NOT NULL)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(s, "making room to sort the history", err);
	return store_exec(s, STMT_REPLAY_CLEAR, "making room to sort the history", err);
}

int store_replay_add(struct store *s, const struct store_replay_row *row,
		     struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_REPLAY_ADD, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, row->at);
	sqlite3_bind_int64(st, 2, row->line);
	sqlite3_bind_int64(st, 3, row->question_id);
	sqlite3_bind_int(st, 4, row->rating);
	sqlite3_bind_int64(st, 5, row->duration);
	return store_step_done(s, st, "keeping the history to sort", err);
}

struct store_replay_walk {
	int (*fn)(const struct store_replay_row *row, void *ctx);
	void *ctx;
};

static int store_replay_row(sqlite3_stmt *st, void *ctx)
{
	struct store_replay_walk *w = ctx;
	struct store_replay_row r;

	r.at = sqlite3_column_int64(st, 0);
	r.line = (long)sqlite3_column_int64(st, 1);
	r.question_id = sqlite3_column_int64(st, 2);
	r.rating = sqlite3_column_int(st, 3);
	r.duration = sqlite3_column_int64(st, 4);
	return w->fn(&r, w->ctx);
}

int store_replay_each(struct store *s,
		      int (*fn)(const struct store_replay_row *row, void *ctx),
		      void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_REPLAY_EACH, err);
	struct store_replay_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	return store_each_row(s, st, store_replay_row, &w, "reading the sorted history", err);
}

void store_replay_end(struct store *s)
{
	struct whose_error ignored;

	whose_error_clear(&ignored);
	(void)store_exec(s, STMT_REPLAY_CLEAR, "emptying the sorted history", &ignored);
}
