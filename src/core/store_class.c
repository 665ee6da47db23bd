/*
 * store_class.c - live classes' results in the teacher's database (see
 * include/whose/store_class.h).
 *
 * These statements are prepared per call rather than kept in store.c's
 * cache: a class writes once per closed question (store_class_answers:
 * one statement for every student's row), every few seconds at most, so
 * preparing costs nothing that shows, and the class's SQL stays in this
 * one file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "whose/store_class.h"

static sqlite3_stmt *store_class_prepare(struct store *s, const char *sql,
					 struct whose_error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_db_error(s, "preparing a class statement", err);
		return NULL;
	}
	return st;
}

/* Step ST to its end, finalize it; 0 or WHOSE_EDB naming WHAT. */
static int store_class_done(struct store *s, sqlite3_stmt *st, const char *what,
			    struct whose_error *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		rc = store_db_error(s, what, err);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return 0;
}

int store_class_add(struct store *s, const char *code, uint64_t seed,
		    int seconds, size_t questions, int64_t started_at,
		    int64_t *id, struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"INSERT INTO classes(code, seed, seconds, questions, started_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)", err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	/* The seed's 64 bits, kept as SQLite's signed integer. */
	sqlite3_bind_int64(st, 2, (int64_t)seed);
	sqlite3_bind_int(st, 3, seconds);
	sqlite3_bind_int64(st, 4, (int64_t)questions);
	sqlite3_bind_int64(st, 5, started_at);
	rc = store_class_done(s, st, "saving a class", err);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_class_answers(struct store *s, const struct store_class_answer *rows,
			size_t n, struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"INSERT OR REPLACE INTO class_answers(class_id, position, uid, qid,"
		" topic, name, answer, correct, points, answered_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);

	if (st == NULL)
		return WHOSE_EDB;
	for (size_t i = 0; i < n; i++) {
		const struct store_class_answer *a = &rows[i];

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, a->class_id);
		sqlite3_bind_int64(st, 2, (int64_t)a->position);
		sqlite3_bind_int64(st, 3, (int64_t)a->uid);
		sqlite3_bind_text(st, 4, a->qid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, a->topic, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, a->name, -1, SQLITE_STATIC);
		if (a->answer != NULL)
			sqlite3_bind_text(st, 7, a->answer, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 7);
		sqlite3_bind_int(st, 8, a->correct);
		sqlite3_bind_int64(st, 9, a->points);
		sqlite3_bind_int64(st, 10, a->answered_at);
		if (sqlite3_step(st) != SQLITE_DONE) {
			int rc = store_db_error(s, "saving a class answer", err);

			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int store_class_answer(struct store *s, const struct store_class_answer *a,
		       struct whose_error *err)
{
	return store_class_answers(s, a, 1, err);
}

int store_class_finish(struct store *s, int64_t id, int64_t ended_at,
		       struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"UPDATE classes SET ended_at = ?2 WHERE id = ?1", err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ended_at);
	return store_class_done(s, st, "ending a class", err);
}

int store_class_list(struct store *s, struct store_class_row **out, size_t *n,
		     struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"SELECT id, code, seed, seconds, questions, started_at,"
		" coalesce(ended_at, 0),"
		" (SELECT count(DISTINCT position) FROM class_answers a WHERE a.class_id = c.id),"
		" (SELECT count(DISTINCT uid) FROM class_answers a WHERE a.class_id = c.id)"
		" FROM classes c ORDER BY id", err);
	struct store_class_row *rows = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return WHOSE_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_class_row *r;
		const unsigned char *code;

		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct store_class_row *grown = realloc(rows, ncap * sizeof(*grown));

			if (grown == NULL) {
				free(rows);
				sqlite3_finalize(st);
				return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
			}
			rows = grown;
			cap = ncap;
		}
		r = &rows[(*n)++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		code = sqlite3_column_text(st, 1);
		snprintf(r->code, sizeof(r->code), "%s", code ? (const char *)code : "");
		r->seed = (uint64_t)sqlite3_column_int64(st, 2);
		r->seconds = sqlite3_column_int(st, 3);
		r->questions = (size_t)sqlite3_column_int64(st, 4);
		r->started_at = sqlite3_column_int64(st, 5);
		r->ended_at = sqlite3_column_int64(st, 6);
		r->closed = (size_t)sqlite3_column_int64(st, 7);
		r->students = (size_t)sqlite3_column_int64(st, 8);
	}
	if (rc != SQLITE_DONE) {
		rc = store_db_error(s, "listing classes", err);
		free(rows);
		sqlite3_finalize(st);
		*n = 0;
		return rc;
	}
	sqlite3_finalize(st);
	*out = rows;
	return 0;
}

int store_class_each_answer(struct store *s, int64_t id,
			    int (*fn)(const struct store_class_answer *a,
				      void *ctx),
			    void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"SELECT position, uid, qid, topic, name, answer, correct, points,"
		" answered_at FROM class_answers WHERE class_id = ?1"
		" ORDER BY name, uid, position", err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_class_answer a;
		int stop;

		a.class_id = id;
		a.position = (size_t)sqlite3_column_int64(st, 0);
		a.uid = (uint32_t)sqlite3_column_int64(st, 1);
		a.qid = (const char *)sqlite3_column_text(st, 2);
		a.topic = (const char *)sqlite3_column_text(st, 3);
		a.name = (const char *)sqlite3_column_text(st, 4);
		a.answer = (const char *)sqlite3_column_text(st, 5);
		a.correct = sqlite3_column_int(st, 6) != 0;
		a.points = (unsigned)sqlite3_column_int64(st, 7);
		a.answered_at = sqlite3_column_int64(st, 8);
		if (a.qid == NULL || a.topic == NULL || a.name == NULL) {
			sqlite3_finalize(st);
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		}
		stop = fn(&a, ctx);
		if (stop != 0) {
			sqlite3_finalize(st);
			return stop;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = store_db_error(s, "reading a class's answers", err);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return 0;
}

int store_unsent_add(struct store *s, const char *path, const char *row,
		     int64_t kept_at, struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"INSERT INTO unsent_results(path, row, kept_at) VALUES (?1, ?2, ?3)", err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, kept_at);
	return store_class_done(s, st, "keeping a drill's results row", err);
}

struct store_unsent_walk {
	int (*fn)(int64_t id, const char *path, const char *row, void *ctx);
	void *ctx;
};

static int store_unsent_row(sqlite3_stmt *st, void *ctx)
{
	struct store_unsent_walk *w = ctx;
	const char *path = (const char *)sqlite3_column_text(st, 1);
	const char *row = (const char *)sqlite3_column_text(st, 2);

	if (path == NULL || row == NULL)
		return WHOSE_ENOMEM;
	return w->fn(sqlite3_column_int64(st, 0), path, row, w->ctx);
}

int store_unsent_each(struct store *s,
		      int (*fn)(int64_t id, const char *path, const char *row,
				void *ctx),
		      void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"SELECT id, path, row FROM unsent_results ORDER BY id", err);
	struct store_unsent_walk w = { fn, ctx };
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	rc = store_each_row(s, st, store_unsent_row, &w, "reading kept drill results", err);
	sqlite3_finalize(st);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(err, rc, "out of memory");
	return rc;
}

int store_unsent_remove(struct store *s, int64_t id, struct whose_error *err)
{
	sqlite3_stmt *st = store_class_prepare(s,
		"DELETE FROM unsent_results WHERE id = ?1", err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, id);
	return store_class_done(s, st, "removing a kept drill results row", err);
}
