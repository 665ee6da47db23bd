/*
 * store_stats.c - the store's statistics queries: per-topic counts (with
 * the recall of studied cards summed inside SQLite by whose_recall_sum over
 * the cards_seen index), the due forecast, answers per day, leeches,
 * flagged questions and the first answers.  What they mean for the learner
 * is defined in figures.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "whose/text.h"

static struct store_topic *store_topic_slot(struct store_topic *t, size_t n,
					    int64_t id)
{
	/* Topics are few: a linear search is the simplest and fast enough. */
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

int store_topics(struct store *s, const struct fsrs_params *p, int64_t now,
		 int64_t due_before, struct store_topic **out, size_t *n,
		 struct whose_error *err)
{
	sqlite3_stmt *st;
	struct store_topic *t = NULL;
	size_t nt = 0, keep = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = store_stmt(s, STMT_TOPICS, err);
	if (st == NULL)
		return WHOSE_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_topic *grown = realloc(t, (nt + 1) * sizeof(*t));
		const unsigned char *name = sqlite3_column_text(st, 1);

		if (grown == NULL) {
			sqlite3_reset(st);
			free(t);
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		}
		t = grown;
		memset(&t[nt], 0, sizeof(t[nt]));
		t[nt].id = sqlite3_column_int64(st, 0);
		snprintf(t[nt].name, sizeof(t[nt].name), "%s", name ? (const char *)name : "");
		t[nt].answers = (size_t)sqlite3_column_int64(st, 2);
		t[nt].correct = (size_t)sqlite3_column_int64(st, 3);
		t[nt].retention_reviews = (size_t)sqlite3_column_int64(st, 4);
		t[nt].retention_recalled = (size_t)sqlite3_column_int64(st, 5);
		t[nt].total = (size_t)sqlite3_column_int64(st, 6);
		t[nt].first_answers = (size_t)sqlite3_column_int64(st, 7);
		t[nt].first_correct = (size_t)sqlite3_column_int64(st, 8);
		nt++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(t);
		return store_db_error(s, "reading topics", err);
	}

	/*
	 * The seen cards of each topic, summed inside SQLite over the
	 * cards_seen index: how many, how many have a memory state, and
	 * their recall probabilities (a suspended card counts).
	 */
	st = store_stmt(s, STMT_TOPIC_CARDS, err);
	if (st == NULL) {
		free(t);
		return WHOSE_EDB;
	}
	s->recall_params = p;
	sqlite3_bind_int64(st, 1, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_topic *slot = store_topic_slot(t, nt, sqlite3_column_int64(st, 0));

		if (slot == NULL)
			continue;
		slot->seen = (size_t)sqlite3_column_int64(st, 1);
		slot->studied = (size_t)sqlite3_column_int64(st, 2);
		slot->recall_sum = sqlite3_column_double(st, 3);
	}
	sqlite3_reset(st);
	s->recall_params = NULL;
	if (rc != SQLITE_DONE) {
		free(t);
		return store_db_error(s, "reading cards", err);
	}

	/* Due cards (learning or review, not hidden or suspended), counted
	 * here rather than sorted by topic in SQL. */
	st = store_stmt(s, STMT_TOPIC_DUE, err);
	if (st == NULL) {
		free(t);
		return WHOSE_EDB;
	}
	sqlite3_bind_int64(st, 1, due_before);
	{
		struct store_topic *slot = NULL;

		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);

			if (slot == NULL || slot->id != id)
				slot = store_topic_slot(t, nt, id);
			if (slot != NULL)
				slot->due++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(t);
		return store_db_error(s, "reading due cards", err);
	}

	/* Recent accuracy; drop topics with no active question. */
	for (size_t i = 0; i < nt; i++) {
		if (t[i].total == 0)
			continue;
		st = store_stmt(s, STMT_TOPIC_RECENT, err);
		if (st == NULL) {
			free(t);
			return WHOSE_EDB;
		}
		sqlite3_bind_int64(st, 1, t[i].id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			t[i].recent = (size_t)sqlite3_column_int64(st, 0);
			t[i].recent_correct = (size_t)sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
		t[keep++] = t[i];
	}
	*out = t;
	*n = keep;
	return 0;
}

int store_forecast(struct store *s, const int64_t *ends, size_t days, size_t *counts,
		   struct whose_error *err)
{
	memset(counts, 0, days * sizeof(*counts));
	/* A count over an index range per day: no sorting, and the overdue
	 * cards fall into the first day. */
	for (size_t d = 0; d < days; d++) {
		sqlite3_stmt *st = store_stmt(s, STMT_FORECAST, err);
		int rc;

		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, d == 0 ? INT64_MIN : ends[d - 1]);
		sqlite3_bind_int64(st, 2, ends[d]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			counts[d] = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return store_db_error(s, "reading the forecast", err);
	}
	return 0;
}

int store_answers_per_day(struct store *s, int64_t from, size_t days,
			  size_t *answers, size_t *correct,
			  struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_PER_DAY, err);
	int rc;

	memset(answers, 0, days * sizeof(*answers));
	memset(correct, 0, days * sizeof(*correct));
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t d = sqlite3_column_int64(st, 0);

		if (d >= 0 && (size_t)d < days) {
			answers[d] += (size_t)sqlite3_column_int64(st, 1);
			correct[d] += (size_t)sqlite3_column_int64(st, 2);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, "reading answers per day", err);
	return 0;
}

static int store_list(struct store *s, enum store_stmt_id id, size_t max,
		      struct store_listed **out, size_t *n,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, id, err);
	struct store_listed *l;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return WHOSE_EDB;
	l = calloc(max ? max : 1, sizeof(*l));
	if (l == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	sqlite3_bind_int64(st, 1, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct store_listed *e = &l[(*n)++];
		const char *v;

		v = (const char *)sqlite3_column_text(st, 0);
		snprintf(e->qid, sizeof(e->qid), "%s", v ? v : "");
		v = (const char *)sqlite3_column_text(st, 1);
		snprintf(e->topic, sizeof(e->topic), "%s", v ? v : "");
		/* Whole: a list shows what fits, JSON and the flagged
		 * screen show all of it. */
		v = (const char *)sqlite3_column_text(st, 2);
		e->text = strdup(v ? v : "");
		e->lapses = sqlite3_column_int(st, 3);
		e->suspended = sqlite3_column_int(st, 4) != 0;
		v = (const char *)sqlite3_column_text(st, 5);
		e->note = strdup(v ? v : "");
		if (e->text == NULL || e->note == NULL) {
			sqlite3_reset(st);
			store_listed_free(l, *n);
			*n = 0;
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_listed_free(l, *n);
		*n = 0;
		return store_db_error(s, "listing questions", err);
	}
	*out = l;
	return 0;
}

void store_listed_free(struct store_listed *l, size_t n)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(l[i].text);
		free(l[i].note);
	}
	free(l);
}

int store_list_leeches(struct store *s, size_t max, struct store_listed **out,
		       size_t *n, struct whose_error *err)
{
	return store_list(s, STMT_LEECHES, max, out, n, err);
}

int store_list_flagged(struct store *s, size_t max, struct store_listed **out,
		       size_t *n, struct whose_error *err)
{
	return store_list(s, STMT_FLAGGED, max, out, n, err);
}

int store_list_marked(struct store *s, size_t max, struct store_listed **out,
		      size_t *n, struct whose_error *err)
{
	return store_list(s, STMT_MARKED, max, out, n, err);
}

int store_first_answers(struct store *s, size_t *answers, size_t *correct,
			struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_FIRST_ANSWERS, err);
	int rc;

	*answers = *correct = 0;
	if (st == NULL)
		return WHOSE_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*answers = (size_t)sqlite3_column_int64(st, 0);
		*correct = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "counting first answers", err);
	return 0;
}
