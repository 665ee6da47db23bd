/*
 * store_cards.c - the study half of the store: cards, the review log with
 * exact undo (and the counters it keeps), queues and export.  Statistics
 * are in store_stats.c, exams in store_exam.c; the SQL itself is in
 * store.c's table, with every other statement.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whose/names.h"
#include "store_int.h"
#include "whose/text.h"

int store_begin(struct store *s, struct whose_error *err)
{
	return store_exec(s, STMT_BEGIN_IMMEDIATE, "starting a transaction", err);
}

int store_commit(struct store *s, struct whose_error *err)
{
	return store_exec(s, STMT_COMMIT, "saving", err);
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		store_exec(s, STMT_ROLLBACK, "undoing", NULL);
}

/* Read the STORE_CARD_COLUMNS starting at column COL of ST. */
static void store_card_read(sqlite3_stmt *st, int col, struct store_card *c)
{
	memset(c, 0, sizeof(*c));
	c->question_id = sqlite3_column_int64(st, col + 0);
	c->topic_id = sqlite3_column_int64(st, col + 1);
	c->hidden = sqlite3_column_int(st, col + 2) != 0;
	c->suspended = sqlite3_column_int(st, col + 3) != 0;
	c->leech = sqlite3_column_int(st, col + 4) != 0;
	c->fsrs.state = (enum fsrs_state)sqlite3_column_int(st, col + 5);
	c->fsrs.due = sqlite3_column_int64(st, col + 6);
	c->fsrs.stability = sqlite3_column_double(st, col + 7);
	c->fsrs.difficulty = sqlite3_column_double(st, col + 8);
	c->fsrs.elapsed_days = sqlite3_column_int(st, col + 9);
	c->fsrs.scheduled_days = sqlite3_column_int(st, col + 10);
	c->fsrs.learning_steps = sqlite3_column_int(st, col + 11);
	c->fsrs.reps = sqlite3_column_int(st, col + 12);
	c->fsrs.lapses = sqlite3_column_int(st, col + 13);
	c->fsrs.has_last_review = sqlite3_column_type(st, col + 14) != SQLITE_NULL;
	c->fsrs.last_review = sqlite3_column_int64(st, col + 14);
}

/* A copy of column COL as a new string ("" for NULL); NULL on no memory. */
static char *store_column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);

	return strdup(v != NULL ? (const char *)v : "");
}

void store_item_free(struct store_item *item)
{
	if (item == NULL)
		return;
	free(item->qid);
	free(item->topic);
	free(item->type);
	free(item->question);
	free(item->choices);
	free(item->answer);
	free(item->explanation);
	free(item->source);
	free(item->tags);
	free(item->why_not);
	memset(item, 0, sizeof(*item));
}

int store_item_load(struct store *s, int64_t question_id,
		    struct store_item *item, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ITEM_LOAD, err);
	char **field[10];
	int rc;

	memset(item, 0, sizeof(*item));
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return whose_error_set(err, WHOSE_ENOTFOUND,
					       "no question with internal id %lld", (long long)question_id);
		return store_db_error(s, "loading a question", err);
	}
	item->question_id = sqlite3_column_int64(st, 0);
	field[0] = &item->qid;
	field[1] = &item->topic;
	field[2] = &item->type;
	field[3] = &item->question;
	field[4] = &item->choices;
	field[5] = &item->answer;
	field[6] = &item->explanation;
	field[7] = &item->source;
	field[8] = &item->tags;
	field[9] = &item->why_not;
	for (int i = 0; i < 10; i++) {
		*field[i] = store_column_dup(st, i + 1);
		if (*field[i] == NULL) {
			sqlite3_reset(st);
			store_item_free(item);
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		}
	}
	item->shuffle = sqlite3_column_int(st, 11) != 0;
	item->flagged = sqlite3_column_int(st, 12) != 0;
	item->retired = sqlite3_column_int(st, 13) != 0;
	store_card_read(st, 14, &item->card);
	sqlite3_reset(st);
	return 0;
}

int store_item_load_parsed(struct store *s, int64_t question_id,
			   struct store_item *item, struct question *q,
			   struct whose_error *err)
{
	struct question_text t;
	const char *field;
	char msg[512];
	int rc;

	rc = store_item_load(s, question_id, item, err);
	if (rc < 0)
		return rc;
	t.qid = item->qid;
	t.topic = item->topic;
	t.type = item->type;
	t.question = item->question;
	t.choices = item->choices;
	t.answer = item->answer;
	t.explanation = item->explanation;
	t.source = item->source;
	t.tags = item->tags;
	t.why_not = item->why_not;
	t.shuffle = item->shuffle;
	rc = question_parse(&t, q, &field, msg, sizeof(msg));
	if (rc == WHOSE_ENOMEM) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "loading question '%s': out of memory", item->qid);
		store_item_free(item);
		return rc;
	}
	if (rc < 0) {
		rc = whose_error_set(err, WHOSE_EDATA,
				     "question '%s' in the database is broken (column '%s': %s): re-import its bank",
				     item->qid, field, msg);
		store_item_free(item);
		return rc;
	}
	return 0;
}

/* The id that statement ID (one text parameter) finds for KEY: 1 when
 * found, 0 when not, or a negative code (WHAT names the lookup). */
static int store_find_id(struct store *s, enum store_stmt_id id, const char *key,
			 int64_t *out, const char *what, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, id, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_db_error(s, what, err);
}

int store_question_find(struct store *s, const char *qid, int64_t *question_id,
			struct whose_error *err)
{
	int rc = store_find_id(s, STMT_Q_BY_QID, qid, question_id, "looking up a question", err);

	if (rc == 0)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "no question with id '%s': ids are those of the bank's 'id' column ('whose stats' lists leeches and flagged questions by id)",
				       qid);
	return rc < 0 ? rc : 0;
}

int store_card_get(struct store *s, int64_t question_id, struct store_card *card,
		   struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_CARD_GET, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_card_read(st, 0, card);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "no card for question %lld", (long long)question_id);
	return store_db_error(s, "reading a card", err);
}

int store_card_put(struct store *s, const struct store_card *c,
		   struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_CARD_PUT, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, c->question_id);
	sqlite3_bind_int(st, 2, c->suspended);
	sqlite3_bind_int(st, 3, c->leech);
	sqlite3_bind_int(st, 4, (int)c->fsrs.state);
	sqlite3_bind_int64(st, 5, c->fsrs.due);
	sqlite3_bind_double(st, 6, c->fsrs.stability);
	sqlite3_bind_double(st, 7, c->fsrs.difficulty);
	sqlite3_bind_int(st, 8, c->fsrs.elapsed_days);
	sqlite3_bind_int(st, 9, c->fsrs.scheduled_days);
	sqlite3_bind_int(st, 10, c->fsrs.learning_steps);
	sqlite3_bind_int(st, 11, c->fsrs.reps);
	sqlite3_bind_int(st, 12, c->fsrs.lapses);
	if (c->fsrs.has_last_review)
		sqlite3_bind_int64(st, 13, c->fsrs.last_review);
	else
		sqlite3_bind_null(st, 13);
	return store_step_done(s, st, "saving a card", err);
}

int store_question_flag(struct store *s, int64_t question_id, bool flagged,
			const char *note, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_Q_FLAG, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	sqlite3_bind_int(st, 2, flagged);
	if (note != NULL && *note != '\0')
		sqlite3_bind_text(st, 3, note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	return store_step_done(s, st, "flagging a question", err);
}

/* Whether QUESTION_ID is marked (*ON) and exists (*EXISTS). */
static int store_mark_read(struct store *s, int64_t question_id, bool *on,
			   bool *exists, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MARK_GET, err);
	int rc;

	*on = *exists = false;
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*on = sqlite3_column_int(st, 0) != 0;
		*exists = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "reading a mark", err);
	return 0;
}

int store_mark_set(struct store *s, int64_t question_id, bool on, int64_t now,
		   struct whose_error *err)
{
	sqlite3_stmt *st;
	bool marked, exists;
	int rc = store_mark_read(s, question_id, &marked, &exists, err);

	if (rc < 0)
		return rc;
	if (!exists)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "%s: no question with internal id %lld to mark: "
				       "its bank may have been re-imported; open it again",
				       s->path, (long long)question_id);
	if (marked == on)
		return 0;
	st = store_stmt(s, on ? STMT_MARK_ADD : STMT_MARK_DEL, err);
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	if (on)
		sqlite3_bind_int64(st, 2, now);
	return store_step_done(s, st, on ? "marking a question" : "unmarking a question", err);
}

int store_mark_get(struct store *s, int64_t question_id, bool *on,
		   struct whose_error *err)
{
	bool exists;

	return store_mark_read(s, question_id, on, &exists, err);
}

int store_mark_count(struct store *s, size_t *n, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MARK_COUNT, err);
	int rc;

	*n = 0;
	if (st == NULL)
		return WHOSE_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "counting marked questions", err);
	return 0;
}

/*
 * Count an answer toward its card (and through the cards_tally trigger its
 * topic) with SIGN 1, or take it back with SIGN -1.  A review (or imported
 * review) of a card in the Review state also counts toward the true
 * retention: recalled when rated Hard or better.  An answer to a card still
 * new counts toward the learner's first answers (the prior of readiness).
 */
int store_topic_tally(struct store *s, int64_t question_id, int64_t topic_id,
			     int sign, bool correct, bool retention, bool recalled,
			     bool first, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_CARD_ANSWERED, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	sqlite3_bind_int(st, 2, sign);
	sqlite3_bind_int(st, 3, correct ? sign : 0);
	rc = store_step_done(s, st, "counting an answer", err);
	if (rc < 0)
		return rc;
	st = store_stmt(s, STMT_TOPIC_TALLY, err);
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, topic_id);
	sqlite3_bind_int(st, 2, retention ? sign : 0);
	sqlite3_bind_int(st, 3, retention && recalled ? sign : 0);
	sqlite3_bind_int(st, 4, first ? sign : 0);
	sqlite3_bind_int(st, 5, first && correct ? sign : 0);
	return store_step_done(s, st, "counting an answer", err);
}

/* Whether an answer in MODE to a card in state BEFORE counts toward the
 * true retention: reviews, imported ones too, of cards in the Review state. */
static bool store_counts_retention(const char *mode, enum fsrs_state before)
{
	return before == FSRS_STATE_REVIEW && mode != NULL &&
	       (strcmp(mode, "review") == 0 || strcmp(mode, "import") == 0);
}

/* Count an answer at AT toward its hour (SIGN 1), or take it back (-1). */
int store_hour_tally(struct store *s, int64_t at, int sign, bool correct,
			    struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_HOUR_TALLY, err);

	if (st == NULL)
		return WHOSE_EDB;
	/* The same hour as the migration's reviewed_at / 3600000 in SQL. */
	sqlite3_bind_int64(st, 1, at / 3600000);
	sqlite3_bind_int(st, 2, sign);
	sqlite3_bind_int(st, 3, correct ? sign : 0);
	return store_step_done(s, st, "counting an answer", err);
}

int store_review_add(struct store *s, const struct store_review *r, int64_t *id,
		     struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_REVIEW_ADD, err);
	const struct fsrs_card *b = &r->before.fsrs, *a = &r->after.fsrs;
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, r->question_id);
	sqlite3_bind_int64(st, 2, r->topic_id);
	sqlite3_bind_int64(st, 3, r->reviewed_at);
	sqlite3_bind_int(st, 4, r->rating);
	sqlite3_bind_int(st, 5, r->correct);
	sqlite3_bind_text(st, 6, r->mode, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, r->duration_ms);
	sqlite3_bind_int(st, 8, a->elapsed_days);
	sqlite3_bind_int(st, 9, (int)b->state);
	sqlite3_bind_int(st, 10, (int)a->state);
	sqlite3_bind_int64(st, 11, b->due);
	sqlite3_bind_int64(st, 12, a->due);
	sqlite3_bind_double(st, 13, b->stability);
	sqlite3_bind_double(st, 14, a->stability);
	sqlite3_bind_double(st, 15, b->difficulty);
	sqlite3_bind_double(st, 16, a->difficulty);
	sqlite3_bind_int(st, 17, b->elapsed_days);
	sqlite3_bind_int(st, 18, b->scheduled_days);
	sqlite3_bind_int(st, 19, a->scheduled_days);
	sqlite3_bind_int(st, 20, b->learning_steps);
	sqlite3_bind_int(st, 21, a->learning_steps);
	sqlite3_bind_int(st, 22, b->reps);
	sqlite3_bind_int(st, 23, b->lapses);
	if (b->has_last_review)
		sqlite3_bind_int64(st, 24, b->last_review);
	else
		sqlite3_bind_null(st, 24);
	sqlite3_bind_int(st, 25, r->before.leech);
	sqlite3_bind_int(st, 26, r->before.suspended);
	rc = store_step_done(s, st, "saving an answer", err);
	if (rc < 0)
		return rc;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = store_hour_tally(s, r->reviewed_at, 1, r->correct, err);
	if (rc < 0)
		return rc;
	return store_topic_tally(s, r->question_id, r->topic_id, 1, r->correct,
				 store_counts_retention(r->mode, b->state), r->rating > 1,
				 b->state == FSRS_STATE_NEW, err);
}

int store_review_undo(struct store *s, int64_t id, int64_t *question_id,
		      struct whose_error *err)
{
	sqlite3_stmt *st;
	struct store_card c;
	int64_t qid, topic_id;
	int64_t reviewed_at;
	int correct, rc;
	bool retention, recalled, first;

	rc = store_begin(s, err);
	if (rc < 0)
		return rc;
	st = store_stmt(s, STMT_REVIEW_GET, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		rc = rc == SQLITE_DONE
			? whose_error_set(err, WHOSE_ENOTFOUND, "nothing to undo: answer %lld is not in the log", (long long)id)
			: store_db_error(s, "reading the log", err);
		goto fail;
	}
	qid = sqlite3_column_int64(st, 0);
	topic_id = sqlite3_column_int64(st, 1);
	correct = sqlite3_column_int(st, 2);
	rc = store_card_get(s, qid, &c, err);
	if (rc < 0) {
		sqlite3_reset(st);
		goto fail;
	}
	c.fsrs.state = (enum fsrs_state)sqlite3_column_int(st, 3);
	c.fsrs.due = sqlite3_column_int64(st, 4);
	c.fsrs.stability = sqlite3_column_double(st, 5);
	c.fsrs.difficulty = sqlite3_column_double(st, 6);
	c.fsrs.elapsed_days = sqlite3_column_int(st, 7);
	c.fsrs.scheduled_days = sqlite3_column_int(st, 8);
	c.fsrs.learning_steps = sqlite3_column_int(st, 9);
	c.fsrs.reps = sqlite3_column_int(st, 10);
	c.fsrs.lapses = sqlite3_column_int(st, 11);
	c.fsrs.has_last_review = sqlite3_column_type(st, 12) != SQLITE_NULL;
	c.fsrs.last_review = sqlite3_column_int64(st, 12);
	c.leech = sqlite3_column_int(st, 13) != 0;
	c.suspended = sqlite3_column_int(st, 14) != 0;
	{
		const char *mode = (const char *)sqlite3_column_text(st, 15);

		retention = store_counts_retention(mode, c.fsrs.state);
	}
	recalled = sqlite3_column_int(st, 16) > 1;
	first = c.fsrs.state == FSRS_STATE_NEW;
	reviewed_at = sqlite3_column_int64(st, 17);
	sqlite3_reset(st);

	/* Restoring an older state over a newer answer would lose that one. */
	st = store_stmt(s, STMT_REVIEW_LATER, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, qid);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || sqlite3_column_int(st, 0) != 0) {
		sqlite3_reset(st);
		rc = rc != SQLITE_ROW ? store_db_error(s, "reading the log", err)
			: whose_error_set(err, WHOSE_EINVAL,
					  "cannot undo: the question was answered again since");
		goto fail;
	}
	sqlite3_reset(st);
	if ((rc = store_card_put(s, &c, err)) < 0)
		goto fail;
	st = store_stmt(s, STMT_REVIEW_DEL, err);
	if (st == NULL) {
		rc = WHOSE_EDB;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st, "removing an answer", err)) < 0)
		goto fail;
	if ((rc = store_hour_tally(s, reviewed_at, -1, correct != 0, err)) < 0)
		goto fail;
	if ((rc = store_topic_tally(s, qid, topic_id, -1, correct != 0, retention, recalled,
				    first, err)) < 0)
		goto fail;
	if ((rc = store_commit(s, err)) < 0)
		goto fail;
	if (question_id != NULL)
		*question_id = qid;
	return 0;
fail:
	store_rollback(s);
	return rc;
}

/* Step ST and collect (question, topic) pairs. */
static int store_collect(struct store *s, sqlite3_stmt *st, int64_t *ids,
			 int64_t *topics, size_t max, size_t *n,
			 struct whose_error *err)
{
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		ids[*n] = sqlite3_column_int64(st, 0);
		if (topics != NULL)
			topics[*n] = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(s, "reading the queue", err);
	return 0;
}

int store_queue_due(struct store *s, int queue, int64_t due_before,
		    int64_t *ids, int64_t *topics, size_t max, size_t *n,
		    struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_QUEUE_DUE, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int(st, 1, queue);
	sqlite3_bind_int64(st, 2, due_before);
	sqlite3_bind_int64(st, 3, (int64_t)max);
	return store_collect(s, st, ids, topics, max, n, err);
}

int store_queue_new(struct store *s, int64_t *ids, int64_t *topics, size_t max,
		    size_t *n, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_QUEUE_NEW, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, (int64_t)max);
	return store_collect(s, st, ids, topics, max, n, err);
}

int store_next_due(struct store *s, int queue, int64_t *due,
		   struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_NEXT_DUE, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int(st, 1, queue);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_db_error(s, "reading the next due date", err);
	}
	*due = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int store_count_queues(struct store *s, int64_t learn_before,
		       int64_t review_before, size_t fresh_max, size_t *learning,
		       size_t *review, size_t *fresh, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_COUNT_QUEUES, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, learn_before);
	sqlite3_bind_int64(st, 2, review_before);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(fresh_max < STORE_NEW_COUNT_CAP ? fresh_max
						  : STORE_NEW_COUNT_CAP));
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_db_error(s, "counting due questions", err);
	}
	*learning = (size_t)sqlite3_column_int64(st, 0);
	*review = (size_t)sqlite3_column_int64(st, 1);
	*fresh = (size_t)sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return 0;
}

int store_count_learning(struct store *s, int64_t learn_before, size_t *learning,
			 struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_COUNT_LEARNING, err);
	int rc;

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, learn_before);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*learning = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "counting due questions", err);
	return 0;
}

int64_t store_data_version(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DATA_VERSION, NULL);
	int64_t v = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int store_count_introduced(struct store *s, int64_t since, size_t *n,
			   struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_COUNT_INTRODUCED, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, since);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_db_error(s, "counting new questions", err);
	}
	*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

struct store_topic_walk {
	int (*fn)(const char *name, void *ctx);
	void *ctx;
};

static int store_topic_row(sqlite3_stmt *st, void *ctx)
{
	struct store_topic_walk *w = ctx;
	const char *name = (const char *)sqlite3_column_text(st, 1);

	return w->fn(name != NULL ? name : "", w->ctx);
}

int store_topic_names(struct store *s, int (*fn)(const char *name, void *ctx),
		      void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_TOPIC_NAMES, err);
	struct store_topic_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	return store_each_row(s, st, store_topic_row, &w, "listing the topics", err);
}

int store_topic_find(struct store *s, const char *name, int64_t *id,
		     struct whose_error *err)
{
	return store_topic_resolve(s, name, id, NULL, 0, err);
}

int store_topic_resolve(struct store *s, const char *typed, int64_t *id,
			char *name, size_t size, struct whose_error *err)
{
	sqlite3_stmt *st;
	int64_t ids[STORE_TOPICS_MAX];
	char *names[STORE_TOPICS_MAX];
	size_t n = 0, at = 0;
	int rc;

	/* The whole name, case aside: one look-up by the index. */
	rc = store_find_id(s, STMT_TOPIC_FIND, typed, id, "looking up a topic", err);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		/* A prefix or some words of a name (names.h). */
		if ((st = store_stmt(s, STMT_TOPIC_NAMES, err)) == NULL)
			return WHOSE_EDB;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < STORE_TOPICS_MAX) {
			const char *t = (const char *)sqlite3_column_text(st, 1);

			ids[n] = sqlite3_column_int64(st, 0);
			if ((names[n] = strdup(t != NULL ? t : "")) == NULL)
				break;
			n++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = store_db_error(s, "listing the topics", err);
		} else if (n < STORE_TOPICS_MAX && rc == SQLITE_ROW) {
			rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory listing the topics");
		} else {
			rc = names_resolve(typed, (const char *const *)names, n, "topic",
					   "'whose stats' lists the topics", &at, err);
			if (rc == 0)
				*id = ids[at];
		}
		if (rc == 0 && name != NULL && size > 0)
			snprintf(name, size, "%s", names[at]);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		return rc;
	}
	if (name != NULL && size > 0) {
		/* The name as the bank spells it. */
		sqlite3_stmt *g = store_stmt(s, STMT_TOPIC_NAMES, err);

		if (g == NULL)
			return WHOSE_EDB;
		snprintf(name, size, "%s", typed);
		while ((rc = sqlite3_step(g)) == SQLITE_ROW) {
			if (sqlite3_column_int64(g, 0) == *id) {
				const char *t = (const char *)sqlite3_column_text(g, 1);

				snprintf(name, size, "%s", t != NULL ? t : typed);
				break;
			}
		}
		sqlite3_reset(g);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_db_error(s, "listing the topics", err);
	}
	return 0;
}

struct store_visible_walk {
	int (*fn)(int64_t question_id, int64_t topic_id, void *ctx);
	void *ctx;
};

static int store_visible_row(sqlite3_stmt *st, void *ctx)
{
	struct store_visible_walk *w = ctx;

	return w->fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), w->ctx);
}

int store_each_visible(struct store *s, int64_t topic_id,
		       int (*fn)(int64_t question_id, int64_t topic_id, void *ctx),
		       void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, topic_id < 0 ? STMT_VISIBLE_ALL : STMT_VISIBLE_TOPIC, err);
	struct store_visible_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	if (topic_id >= 0)
		sqlite3_bind_int64(st, 1, topic_id);
	return store_each_row(s, st, store_visible_row, &w, "reading questions", err);
}

int store_each_marked(struct store *s,
		      int (*fn)(int64_t question_id, int64_t topic_id, void *ctx),
		      void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MARK_EACH, err);
	struct store_visible_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	return store_each_row(s, st, store_visible_row, &w, "reading marked questions", err);
}

int store_card_unsuspend(struct store *s, int64_t question_id,
			 struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_UNSUSPEND, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	return store_step_done(s, st, "unsuspending a question", err);
}

int store_card_reset(struct store *s, int64_t question_id, int64_t now,
		     struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_CARD_RESET, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	sqlite3_bind_int64(st, 2, now);
	return store_step_done(s, st, "resetting a question's schedule", err);
}

struct store_card_walk {
	int (*fn)(const char *qid, const char *topic, const struct store_card *card, void *ctx);
	void *ctx;
};

static int store_card_row(sqlite3_stmt *st, void *ctx)
{
	struct store_card_walk *w = ctx;
	struct store_card c;
	const char *qid = (const char *)sqlite3_column_text(st, 0);
	const char *topic = (const char *)sqlite3_column_text(st, 1);

	store_card_read(st, 2, &c);
	return w->fn(qid ? qid : "", topic ? topic : "", &c, w->ctx);
}

int store_each_card(struct store *s,
		    int (*fn)(const char *qid, const char *topic,
			      const struct store_card *card, void *ctx),
		    void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXPORT_CARDS, err);
	struct store_card_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	return store_each_row(s, st, store_card_row, &w, "reading cards", err);
}

struct store_model_walk {
	int (*fn)(const struct store_model_card *c, void *ctx);
	void *ctx;
};

static int store_seen_row(sqlite3_stmt *st, void *ctx)
{
	struct store_model_walk *w = ctx;
	struct store_model_card m;

	memset(&m, 0, sizeof(m));
	m.answered = (size_t)sqlite3_column_int64(st, 0);
	m.answered_right = (size_t)sqlite3_column_int64(st, 1);
	store_card_read(st, 2, &m.card);
	return w->fn(&m, w->ctx);
}

int store_each_seen_card(struct store *s,
			 int (*fn)(const struct store_model_card *c, void *ctx),
			 void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MODEL_SEEN, err);
	struct store_model_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	return store_each_row(s, st, store_seen_row, &w, "reading cards", err);
}

struct store_shape_walk {
	int (*fn)(int64_t topic_id, const char *type, size_t nslots, size_t nright, void *ctx);
	void *ctx;
};

static int store_shape_row(sqlite3_stmt *st, void *ctx)
{
	struct store_shape_walk *w = ctx;
	const char *type = (const char *)sqlite3_column_text(st, 1);

	return w->fn(sqlite3_column_int64(st, 0), type != NULL ? type : "",
		     (size_t)sqlite3_column_int64(st, 2), (size_t)sqlite3_column_int64(st, 3), w->ctx);
}

int store_each_shape(struct store *s, size_t sample,
		     int (*fn)(int64_t topic_id, const char *type, size_t nslots,
			       size_t nright, void *ctx),
		     void *ctx, struct whose_error *err)
{
	struct store_shape_walk w = { fn, ctx };
	sqlite3_stmt *st;
	int64_t max = 0;
	int rc;

	if (sample == 0) {
		st = store_stmt(s, STMT_MODEL_SHAPES, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, INT64_MIN);
		sqlite3_bind_int64(st, 2, -1);
		return store_each_row(s, st, store_shape_row, &w, "reading questions", err);
	}
	st = store_stmt(s, STMT_MODEL_MAXID, err);
	if (st == NULL)
		return WHOSE_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		max = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "reading questions", err);
	for (size_t i = 0; i < sample; i++) {
		st = store_stmt(s, STMT_MODEL_SHAPES, err);
		if (st == NULL)
			return WHOSE_EDB;
		sqlite3_bind_int64(st, 1, 1 + (int64_t)((double)max * (double)i / (double)sample));
		sqlite3_bind_int64(st, 2, 1);
		rc = store_each_row(s, st, store_shape_row, &w, "reading questions", err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int store_model_card_get(struct store *s, int64_t question_id, struct store_model_card *out,
			 struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MODEL_CARD, err);
	const char *type;
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		type = (const char *)sqlite3_column_text(st, 0);
		snprintf(out->type, sizeof(out->type), "%s", type != NULL ? type : "");
		out->nslots = (size_t)sqlite3_column_int64(st, 1);
		out->nright = (size_t)sqlite3_column_int64(st, 2);
		out->answered = (size_t)sqlite3_column_int64(st, 3);
		out->answered_right = (size_t)sqlite3_column_int64(st, 4);
		store_card_read(st, 5, &out->card);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return whose_error_set(err, WHOSE_ENOTFOUND, "no question %lld", (long long)question_id);
	if (rc != SQLITE_ROW)
		return store_db_error(s, "reading a card", err);
	return 0;
}

struct store_review_walk {
	int (*fn)(const struct store_log_row *row, void *ctx);
	void *ctx;
};

static int store_review_row(sqlite3_stmt *st, void *ctx)
{
	struct store_review_walk *w = ctx;
	struct store_log_row r;
	const char *qid = (const char *)sqlite3_column_text(st, 1);
	const char *mode = (const char *)sqlite3_column_text(st, 6);

	r.question_id = sqlite3_column_int64(st, 0);
	r.qid = qid ? qid : "";
	r.reviewed_at = sqlite3_column_int64(st, 2);
	r.rating = sqlite3_column_int(st, 3);
	r.state_before = sqlite3_column_int(st, 4);
	r.duration_ms = sqlite3_column_int64(st, 5);
	r.mode = mode ? mode : "";
	return w->fn(&r, w->ctx);
}

int store_each_review(struct store *s, bool all,
		      int (*fn)(const struct store_log_row *row, void *ctx),
		      void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_EXPORT_REVIEWS, err);
	struct store_review_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int(st, 1, all);
	return store_each_row(s, st, store_review_row, &w, "reading the log", err);
}

int store_each_review_by_card(struct store *s,
			      int (*fn)(const struct store_log_row *row, void *ctx),
			      void *ctx, struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_REVIEWS_BY_CARD, err);
	struct store_review_walk w = { fn, ctx };

	if (st == NULL)
		return WHOSE_EDB;
	return store_each_row(s, st, store_review_row, &w, "reading the log", err);
}
