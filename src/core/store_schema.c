/*
 * store_schema.c - creating and migrating the schema.
 *
 * The version lives in PRAGMA user_version and the database is marked as
 * ours with PRAGMA application_id.  Migrations run forward, one step at a
 * time, each in its own transaction; migration N takes a database at
 * version N-1 to version N.  A database with a newer version, or with
 * tables but not our application id, is refused untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/*
 * Version 1: the first schema.
 *
 * cards.queue is derived, never written: -1 hidden or suspended, 0 new,
 * 1 learning or relearning, 2 review.  As in Anki, a new card's due holds
 * its place in the order new cards are introduced (the scheduler ignores
 * the due of a new card), so that one index on (queue, due) serves "what
 * is due next" and "which new card next" alike.
 */
static const char store_schema_v1[] =
	"CREATE TABLE topics ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  next_ordinal INTEGER NOT NULL DEFAULT 0,"  /* of its next new card */
	"  answers INTEGER NOT NULL DEFAULT 0,"
	"  correct INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE questions ("
	"  id INTEGER PRIMARY KEY,"
	"  qid TEXT NOT NULL UNIQUE,"
	"  topic_id INTEGER NOT NULL REFERENCES topics(id),"
	"  type TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  choices TEXT NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  explanation TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  tags TEXT NOT NULL,"
	"  why_not TEXT NOT NULL,"
	"  shuffle INTEGER NOT NULL,"
	"  bank_file TEXT NOT NULL,"
	"  bank_line INTEGER NOT NULL,"
	"  hash INTEGER NOT NULL,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  flagged INTEGER NOT NULL DEFAULT 0,"
	"  flag_note TEXT,"
	"  added_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE TABLE cards ("
	"  question_id INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,"
	"  topic_id INTEGER NOT NULL,"
	"  hidden INTEGER NOT NULL DEFAULT 0,"
	"  suspended INTEGER NOT NULL DEFAULT 0,"
	"  leech INTEGER NOT NULL DEFAULT 0,"
	"  state INTEGER NOT NULL DEFAULT 0,"
	"  due INTEGER NOT NULL DEFAULT 0,"
	"  stability REAL NOT NULL DEFAULT 0,"
	"  difficulty REAL NOT NULL DEFAULT 0,"
	"  elapsed_days INTEGER NOT NULL DEFAULT 0,"
	"  scheduled_days INTEGER NOT NULL DEFAULT 0,"
	"  learning_steps INTEGER NOT NULL DEFAULT 0,"
	"  reps INTEGER NOT NULL DEFAULT 0,"
	"  lapses INTEGER NOT NULL DEFAULT 0,"
	"  last_review INTEGER,"
	"  queue INTEGER GENERATED ALWAYS AS ("
	"    CASE WHEN hidden OR suspended THEN -1"
	"         WHEN state = 0 THEN 0"
	"         WHEN state IN (1, 3) THEN 1"
	"         ELSE 2 END) VIRTUAL"
	");"
	"CREATE INDEX cards_due ON cards(queue, due);"
	"CREATE TABLE reviews ("
	"  id INTEGER PRIMARY KEY,"
	"  question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,"
	"  topic_id INTEGER NOT NULL,"
	"  reviewed_at INTEGER NOT NULL,"
	"  rating INTEGER NOT NULL,"
	"  correct INTEGER NOT NULL,"
	"  mode TEXT NOT NULL,"
	"  duration_ms INTEGER NOT NULL,"
	"  elapsed_days INTEGER NOT NULL,"
	"  state_before INTEGER NOT NULL,"
	"  state_after INTEGER NOT NULL,"
	"  due_before INTEGER NOT NULL,"
	"  due_after INTEGER NOT NULL,"
	"  stability_before REAL NOT NULL,"
	"  stability_after REAL NOT NULL,"
	"  difficulty_before REAL NOT NULL,"
	"  difficulty_after REAL NOT NULL,"
	"  elapsed_days_before INTEGER NOT NULL,"
	"  scheduled_days_before INTEGER NOT NULL,"
	"  scheduled_days_after INTEGER NOT NULL,"
	"  learning_steps_before INTEGER NOT NULL,"
	"  learning_steps_after INTEGER NOT NULL,"
	"  reps_before INTEGER NOT NULL,"
	"  lapses_before INTEGER NOT NULL,"
	"  last_review_before INTEGER,"
	"  leech_before INTEGER NOT NULL,"
	"  suspended_before INTEGER NOT NULL"
	");"
	"CREATE INDEX reviews_time ON reviews(reviewed_at);"
	"CREATE INDEX reviews_topic ON reviews(topic_id, reviewed_at);"
	"CREATE INDEX reviews_question ON reviews(question_id, reviewed_at);"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	/* A retired or flagged question's card leaves every queue. */
	"CREATE TRIGGER questions_hide AFTER UPDATE OF retired, flagged ON questions"
	" BEGIN UPDATE cards SET hidden = (NEW.retired OR NEW.flagged)"
	"       WHERE question_id = NEW.id; END;"
	"CREATE TRIGGER questions_topic AFTER UPDATE OF topic_id ON questions"
	" BEGIN UPDATE cards SET topic_id = NEW.topic_id"
	"       WHERE question_id = NEW.id; END;";

/*
 * Version 2: the true retention per topic, kept up to date as answers come
 * (reviews of cards in the Review state, and how many were recalled), so
 * that statistics never scan the log.  Filled from the log once.
 */
static const char store_schema_v2[] =
	"ALTER TABLE topics ADD COLUMN retention_reviews INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE topics ADD COLUMN retention_recalled INTEGER NOT NULL DEFAULT 0;";
/* The columns were filled here from the log, by topic (24 s at
 * 10,000,000 reviews).  Every pending migration now runs in the same
 * transaction (store_schema_prepare), and version 6 counts them again from
 * the log in its one pass: a profile before version 2 always goes on to 6,
 * so the fill here was work thrown away. */

/*
 * Version 3: mock exams and their answers.  An answer is saved as it is
 * given, so that an exam survives a crash; response is NULL while a
 * question is unanswered.  Partial indexes for leeches and flagged
 * questions.
 */
static const char store_schema_v3[] =
	"CREATE TABLE exams ("
	"  id INTEGER PRIMARY KEY,"
	"  started_at INTEGER NOT NULL,"
	"  finished_at INTEGER,"
	"  minutes INTEGER NOT NULL,"
	"  pass_percent INTEGER NOT NULL,"
	"  questions INTEGER NOT NULL,"
	"  correct INTEGER,"
	"  passed INTEGER,"
	"  timed_out INTEGER NOT NULL DEFAULT 0,"
	"  seed INTEGER NOT NULL"
	");"
	"CREATE TABLE exam_answers ("
	"  exam_id INTEGER NOT NULL REFERENCES exams(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  question_id INTEGER NOT NULL REFERENCES questions(id),"
	"  topic_id INTEGER NOT NULL,"
	"  response TEXT,"
	"  correct INTEGER NOT NULL DEFAULT 0,"
	"  flagged INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (exam_id, position)"
	") WITHOUT ROWID;"
	/* Leeches and flagged questions are few: partial indexes find them
	 * without reading every card. */
	"CREATE INDEX cards_leech ON cards(lapses) WHERE leech = 1;"
	"CREATE INDEX questions_flagged ON questions(qid) WHERE flagged = 1;";

/*
 * Version 4: answers per hour (UTC), kept up to date as answers come, so
 * that the history of the last weeks never reads the log itself.  Hours
 * rather than days: the learner's day begins at a local hour.  Filled from
 * the log once.
 */
static const char store_schema_v4[] =
	"CREATE TABLE hourly ("
	"  hour INTEGER PRIMARY KEY,"       /* reviewed_at / 3600000 */
	"  answers INTEGER NOT NULL DEFAULT 0,"
	"  correct INTEGER NOT NULL DEFAULT 0"
	");"
	"INSERT INTO hourly(hour, answers, correct)"
	"  SELECT reviewed_at / 3600000, count(*), sum(correct) FROM reviews"
	"  GROUP BY reviewed_at / 3600000;";

/*
 * Version 5: what statistics need per topic without reading every card.
 * topics.visible counts the topic's cards that are not hidden: the import
 * adds its new cards to it, and a trigger follows every later change of a
 * card's hidden flag or topic (and a card's removal).  cards_memory holds
 * the cards that have been studied, with what mastery (now readiness) reads, so that a
 * statistics pass walks a narrow index of those alone, in topic order; new
 * cards are not in it, so an import does not pay for it.  cards_due gains
 * the topic: the count of due cards per topic, and the queue, read it from
 * the index alone.
 */
static const char store_schema_v5[] =
	"ALTER TABLE topics ADD COLUMN visible INTEGER NOT NULL DEFAULT 0;"
	"UPDATE topics SET visible ="
	"  (SELECT count(*) FROM cards c WHERE c.topic_id = topics.id AND c.hidden = 0);"
	"CREATE TRIGGER cards_visible AFTER UPDATE OF hidden, topic_id ON cards"
	"  WHEN OLD.hidden <> NEW.hidden OR OLD.topic_id <> NEW.topic_id BEGIN"
	"  UPDATE topics SET visible = visible - 1 WHERE id = OLD.topic_id AND OLD.hidden = 0;"
	"  UPDATE topics SET visible = visible + 1 WHERE id = NEW.topic_id AND NEW.hidden = 0;"
	"END;"
	"CREATE TRIGGER cards_gone AFTER DELETE ON cards WHEN OLD.hidden = 0 BEGIN"
	"  UPDATE topics SET visible = visible - 1 WHERE id = OLD.topic_id;"
	"END;"
	"CREATE INDEX cards_memory ON cards(topic_id, stability, last_review)"
	"  WHERE hidden = 0 AND state > 0;"
	"DROP INDEX cards_due;"
	"CREATE INDEX cards_due ON cards(queue, due, topic_id);";

/*
 * Version 6: the figures (see figures.h).
 * - cards.answered / answered_right: answers given to the card in any mode
 *   (review, practice, exam, drill, import).  A question is "seen" when it
 *   has one; a topic's answers and right answers are the sums over its
 *   visible cards, kept by the cards_tally trigger as answers come, undo
 *   takes one back, or a card is retired, flagged or moved, so that a topic
 *   never counts answers to a question it no longer shows.
 * - topics.first_answers / first_correct: answers given while the card was
 *   still new, the learner's own prior for the questions not seen yet.
 * - true retention counts imported reviews too (the learner's history).
 * - exam_answers.predicted: the readiness of each exam question when the
 *   exam was drawn, for the Brier score (NULL for exams drawn before).
 * - cards_seen replaces cards_memory: the seen cards of each topic with
 *   what readiness reads, in one narrow index.
 */
static const char store_schema_v6[] =
	"ALTER TABLE cards ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE cards ADD COLUMN answered_right INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE topics ADD COLUMN first_answers INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE topics ADD COLUMN first_correct INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE exam_answers ADD COLUMN predicted REAL;"
	"UPDATE topics SET answers = 0, correct = 0, retention_reviews = 0,"
	"  retention_recalled = 0, first_answers = 0, first_correct = 0;";
/* Then store_schema_v6_fill (C: one pass over the log), then this. */
static const char store_schema_v6_after[] =
	"UPDATE topics SET answers = v.n, correct = v.r FROM"
	"  (SELECT topic_id, sum(answered) AS n, sum(answered_right) AS r FROM cards"
	"   WHERE hidden = 0 GROUP BY topic_id) AS v WHERE v.topic_id = topics.id;"
	"CREATE TRIGGER cards_tally AFTER UPDATE OF answered, answered_right, hidden, topic_id"
	"  ON cards WHEN OLD.answered <> NEW.answered OR OLD.answered_right <> NEW.answered_right"
	"  OR OLD.hidden <> NEW.hidden OR OLD.topic_id <> NEW.topic_id BEGIN"
	"  UPDATE topics SET answers = answers - OLD.answered, correct = correct - OLD.answered_right"
	"    WHERE id = OLD.topic_id AND OLD.hidden = 0;"
	"  UPDATE topics SET answers = answers + NEW.answered, correct = correct + NEW.answered_right"
	"    WHERE id = NEW.topic_id AND NEW.hidden = 0;"
	"END;"
	"DROP TRIGGER cards_gone;"
	"CREATE TRIGGER cards_gone AFTER DELETE ON cards WHEN OLD.hidden = 0 BEGIN"
	"  UPDATE topics SET visible = visible - 1, answers = answers - OLD.answered,"
	"    correct = correct - OLD.answered_right WHERE id = OLD.topic_id;"
	"END;"
	"DROP INDEX cards_memory;"
	"CREATE INDEX cards_seen ON cards(topic_id, stability, last_review)"
	"  WHERE hidden = 0 AND (state > 0 OR answered > 0);";

/* What a step of store_schema_v6_fill needs: a prepared statement. */
static int store_v6_prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

/* The largest value of SQL's one column (0 when none), or -1. */
static int64_t store_v6_max(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (store_v6_prepare(s, sql, &st) < 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Version 6's counts from the log, in one pass in table order: per
 * question the answers and right ones (cards.answered, answered_right),
 * per topic of the answer the reviews that count toward true retention
 * and the first answers (topics.retention_*, first_*).  In SQL this was a
 * GROUP BY question and topic of every answer: a sort of 10,000,000 rows
 * (43 s at 10,000,000 reviews, 153 s through the question index); here
 * arrays indexed by question and topic id, then one UPDATE per card that
 * has answers.  The statements carry "v6" in a comment, for bench/migrate.
 * Returns 0, or -1 with the connection's error.
 */
static int store_schema_v6_fill(struct store *s)
{
	struct v6_topic { int64_t rr, rec, fa, fc; } *t = NULL;
	uint32_t (*q)[2] = NULL;
	int64_t nq = store_v6_max(s, "/* v6 */ SELECT coalesce(max(question_id), 0) FROM reviews");
	int64_t nt = store_v6_max(s, "/* v6 */ SELECT coalesce(max(topic_id), 0) FROM reviews");
	sqlite3_stmt *st = NULL;
	int rc = -1, step;

	if (nq < 0 || nt < 0)
		return -1;
	q = calloc((size_t)nq + 1, sizeof(*q));
	t = calloc((size_t)nt + 1, sizeof(*t));
	if (q == NULL || t == NULL)
		goto out;
	if (store_v6_prepare(s, "/* v6 */ SELECT question_id, topic_id, correct, state_before,"
			     " mode IN ('review', 'import'), rating FROM reviews NOT INDEXED", &st) < 0)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t qid = sqlite3_column_int64(st, 0), tid = sqlite3_column_int64(st, 1);
		int correct = sqlite3_column_int(st, 2) != 0, before = sqlite3_column_int(st, 3);
		int counted = sqlite3_column_int(st, 4) != 0, rating = sqlite3_column_int(st, 5);

		if (qid >= 0 && qid <= nq) {
			q[qid][0]++;
			q[qid][1] += (uint32_t)correct;
		}
		if (tid < 0 || tid > nt)
			continue;
		if (before == 2 && counted) {
			t[tid].rr++;
			t[tid].rec += rating > 1;
		}
		if (before == 0) {
			t[tid].fa++;
			t[tid].fc += correct;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE)
		goto out;
	if (store_v6_prepare(s, "/* v6 */ UPDATE cards SET answered = ?2, answered_right = ?3"
			     " WHERE question_id = ?1", &st) < 0)
		goto out;
	for (int64_t i = 1; i <= nq; i++) {
		if (q[i][0] == 0)
			continue;
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_int64(st, 2, q[i][0]);
		sqlite3_bind_int64(st, 3, q[i][1]);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto out;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (store_v6_prepare(s, "/* v6 */ UPDATE topics SET retention_reviews = ?2,"
			     " retention_recalled = ?3, first_answers = ?4, first_correct = ?5"
			     " WHERE id = ?1", &st) < 0)
		goto out;
	for (int64_t i = 0; i <= nt; i++) {
		if (t[i].rr == 0 && t[i].fa == 0)
			continue;
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_int64(st, 2, t[i].rr);
		sqlite3_bind_int64(st, 3, t[i].rec);
		sqlite3_bind_int64(st, 4, t[i].fa);
		sqlite3_bind_int64(st, 5, t[i].fc);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto out;
		sqlite3_reset(st);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(q);
	free(t);
	return rc;
}

static const char store_schema_v7[] =
	"ALTER TABLE exams ADD COLUMN paused_ms INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE exams ADD COLUMN away_since INTEGER;"
	"ALTER TABLE exams ADD COLUMN pause_when_away INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE exams ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE exam_answers ADD COLUMN shown TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE exam_answers ADD COLUMN spent_ms INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE exam_answers ADD COLUMN answered_at INTEGER;"
	/* Every whose exam looks for an open one: few are open. */
	"CREATE INDEX exams_open ON exams(id) WHERE finished_at IS NULL;";

/*
 * Version 8: live classes (store_class.c).  A class's answers are written
 * as each question closes; ended_at stays NULL when the host was killed.
 */
static const char store_schema_v8[] =
	"CREATE TABLE classes ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL,"
	"  seed INTEGER NOT NULL,"
	"  seconds INTEGER NOT NULL,"
	"  questions INTEGER NOT NULL,"
	"  started_at INTEGER NOT NULL,"
	"  ended_at INTEGER"
	");"
	"CREATE TABLE class_answers ("
	"  class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  uid INTEGER NOT NULL,"
	"  qid TEXT NOT NULL,"
	"  topic TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  answer TEXT,"
	"  correct INTEGER NOT NULL,"
	"  points INTEGER NOT NULL,"
	"  answered_at INTEGER NOT NULL,"
	"  PRIMARY KEY (class_id, position, uid)"
	") WITHOUT ROWID;";

/*
 * Version 9: a drill's results row that could not be appended to the
 * shared results file is kept here, with the file's path, until
 * 'whose drill --resend' (or the next drill with --results) adds it.
 *
 * And the new questions of a profile made before the interleaved order
 * (store_import.c, store_new_rank) take that order now, so that an old
 * profile too meets every type from its next day on: a card never
 * answered gets the rank an import gives its question today, the k-th of
 * its type in its topic (by question id, the order of import), with the
 * types numbered as enum question_type.  A profile made since gets the
 * ranks it already has.
 */
static const char store_schema_v9[] =
	"CREATE TABLE unsent_results ("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL,"
	"  row TEXT NOT NULL,"
	"  kept_at INTEGER NOT NULL"
	");"
	"UPDATE cards SET due = r.rank FROM ("
	"  SELECT id, ((row_number() OVER (PARTITION BY topic_id, type ORDER BY id) - 1) * 6"
	"    + ((CASE type WHEN 'choice' THEN 0 WHEN 'multi' THEN 1"
	"       WHEN 'truefalse' THEN 2 WHEN 'who' THEN 3 WHEN 'sort' THEN 4"
	"       ELSE 5 END) + topic_id) % 6) * 4096 + topic_id % 4096 AS rank"
	"  FROM questions) AS r"
	" WHERE r.id = cards.question_id AND cards.state = 0;";

/*
 * Version 10: the learner's bookmarks ("mark for review", key m in every
 * mode), apart from a flag (a report to the bank's maintainers, which
 * takes a question out of study).  A marked question stays in every
 * queue; the marks list it on the home screen and make a practice set.
 * An exam's "come back to this" is the same mark.
 */
static const char store_schema_v10[] =
	"CREATE TABLE marks ("
	"  question_id INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,"
	"  marked_at INTEGER NOT NULL"
	");"
	/* The marks in the order they were made, from an index. */
	"CREATE INDEX marks_time ON marks(marked_at, question_id);";

/*
 * Version 11: full-text search (store_search.c).  question_text indexes
 * each question's text, choices, explanation and tags with FTS5, as an
 * external-content table over questions (the text is not stored twice):
 * the import adds, changes and removes its rows in the same transaction
 * as the questions themselves (store_import.c), so that the index never
 * holds another text than the bank's.  A retired question stays in it:
 * it can still be found, and shows as retired.  Filled here once for a
 * profile made before.  And an index of exam answers by question, for the
 * exams `whose show` lists.
 */
static const char store_schema_v11[] =
	"CREATE VIRTUAL TABLE question_text USING fts5("
	"  question, choices, explanation, tags,"
	"  content='questions', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 2');"
	/* Built in one go: a 64 MiB hash of pending terms (FTS5's 1 MiB
	 * flushes a segment every few thousand questions) and no merging
	 * until it is built (46 s at 1,000,000 questions before); FTS5's
	 * defaults again afterwards. */
	"INSERT INTO question_text(question_text, rank) VALUES ('hashsize', 67108864);"
	"INSERT INTO question_text(question_text, rank) VALUES ('automerge', 0);"
	"INSERT INTO question_text(question_text) VALUES ('rebuild');"
	"INSERT INTO question_text(question_text, rank) VALUES ('automerge', 4);"
	"INSERT INTO question_text(question_text, rank) VALUES ('hashsize', 1048576);"
	/* `whose show` lists the exams that asked a question. */
	"CREATE INDEX exam_answers_question ON exam_answers(question_id);";

/*
 * Version 12: an exam the learner forgot (whose exams forget N): kept, and
 * shown as forgotten, but out of the trend and the calibration (the
 * Brier score) until 'whose exams restore N'.
 */
static const char store_schema_v12[] =
	"ALTER TABLE exams ADD COLUMN forgotten INTEGER NOT NULL DEFAULT 0;";

/*
 * Version 13: the counts on the way to the first question, kept up to
 * date instead of counted at every start (issue 31).
 *
 * review_due_hours holds how many review cards (queue 2) fall due in each
 * hour (due / 3600000): triggers follow every card that enters, leaves or
 * moves within the review queue (an answer, a suspension, a hidden
 * question, a reset, a removal), and an hour whose count reaches 0 goes.
 * A card is only ever inserted new (STMT_CARD_ADD: state 0, queue 0), so
 * no trigger follows inserts: one that only looked at NEW.queue made an
 * import of 100,000 questions three times slower (6.2 s of CPU against
 * 1.8 s; SQLite computes the generated column for every row).
 * "Reviews due before T" is then a sum over the hours before T's hour
 * (as many rows as hours with something due, however many cards) and an
 * exact count of the cards due in T's own hour before T (STMT_COUNT_QUEUES).
 *
 * reviews_introduced indexes the answers that introduced a new question in
 * review mode (state_before 0): "introduced today", which the daily limit
 * of new questions needs at every start, reads today's few entries of it
 * rather than every answer of the day.
 */
static const char store_schema_v13[] =
	"CREATE TABLE review_due_hours ("
	"  hour INTEGER PRIMARY KEY,"
	"  n INTEGER NOT NULL"
	");"
	"INSERT INTO review_due_hours(hour, n)"
	"  SELECT due / 3600000, count(*) FROM cards WHERE queue = 2 GROUP BY due / 3600000;"
	"CREATE TRIGGER cards_due_hours_delete AFTER DELETE ON cards WHEN OLD.queue = 2"
	" BEGIN UPDATE review_due_hours SET n = n - 1 WHERE hour = OLD.due / 3600000;"
	"       DELETE FROM review_due_hours WHERE hour = OLD.due / 3600000 AND n <= 0; END;"
	/* queue is a generated column: follow what it is made of. */
	"CREATE TRIGGER cards_due_hours_update AFTER UPDATE OF state, due, hidden, suspended ON cards"
	" WHEN (OLD.queue = 2 OR NEW.queue = 2)"
	"  AND (OLD.queue IS NOT NEW.queue OR OLD.due / 3600000 IS NOT NEW.due / 3600000)"
	" BEGIN UPDATE review_due_hours SET n = n - 1"
	"       WHERE OLD.queue = 2 AND hour = OLD.due / 3600000;"
	"       DELETE FROM review_due_hours"
	"       WHERE OLD.queue = 2 AND hour = OLD.due / 3600000 AND n <= 0;"
	"       INSERT INTO review_due_hours(hour, n) SELECT NEW.due / 3600000, 1 WHERE NEW.queue = 2"
	"       ON CONFLICT(hour) DO UPDATE SET n = n + 1; END;"
	"CREATE INDEX reviews_introduced ON reviews(reviewed_at)"
	"  WHERE state_before = 0 AND mode = 'review';";

/*
 * A migration, and for one that landed after a higher version was already
 * out (version 11 came after 12), the table it creates: a database at a
 * higher version without that table never ran it, and runs it now
 * (user_version stays where it is).
 */
struct store_migration {
	int version;
	const char *sql;
	const char *creates;
	/* optional: C work after SQL, then SQL_AFTER (NULL: none) */
	int (*fill)(struct store *s);
	const char *sql_after;
};

static const struct store_migration store_migrations[] = {
	{ 1, store_schema_v1, NULL, NULL, NULL },
	{ 2, store_schema_v2, NULL, NULL, NULL },
	{ 3, store_schema_v3, NULL, NULL, NULL },
	{ 4, store_schema_v4, NULL, NULL, NULL },
	{ 5, store_schema_v5, NULL, NULL, NULL },
	{ 6, store_schema_v6, NULL, store_schema_v6_fill, store_schema_v6_after },
	{ 7, store_schema_v7, NULL, NULL, NULL },
	{ 8, store_schema_v8, NULL, NULL, NULL },
	{ 9, store_schema_v9, NULL, NULL, NULL },
	{ 10, store_schema_v10, "marks", NULL, NULL },
	{ 11, store_schema_v11, "question_text", NULL, NULL },
	{ 12, store_schema_v12, NULL, NULL, NULL },
	{ 13, store_schema_v13, NULL, NULL, NULL },
};

/*
 * Whether a profile at VERSION has what migration M makes: its version is
 * reached, and the table it creates, for the one that landed after a
 * higher version (11 after 12), is there.  A profile at 13 or later was
 * made by a whose that had every migration up to 13, so the table is
 * looked up (a query of sqlite_master at every start) only below that.
 */
#define STORE_SCHEMA_ALL_KNOWN 13

static bool store_has_table(struct store *s, const char *name);

static bool store_schema_has(struct store *s, const struct store_migration *m, int version)
{
	if (m->version > version)
		return false;
	return m->creates == NULL || version >= STORE_SCHEMA_ALL_KNOWN ||
	       store_has_table(s, m->creates);
}

static int store_pragma_int(struct store *s, const char *sql, int *out,
			    struct whose_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_db_error(s, "reading the database header", err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, "reading the database header", err);
	return 0;
}

/* Whether the database has a table (or virtual table) named NAME. */
static bool store_has_table(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	bool found = false;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return true;  /* cannot tell: leave it to the migrations' order */
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/*
 * The application id, the schema version and the number of schema objects,
 * read by one statement, so from one snapshot.  Read one by one, another
 * process creating the schema in between (two first starts at once) makes
 * a new database look like someone else's: tables, but no application id.
 */
static int store_header(struct store *s, int *app_id, int *version,
			int *nobjects, struct whose_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db,
				    "SELECT (SELECT application_id FROM pragma_application_id),"
				    " (SELECT user_version FROM pragma_user_version),"
				    " (SELECT count(*) FROM sqlite_master)", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_db_error(s, "reading the database header", err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*app_id = sqlite3_column_int(st, 0);
		*version = sqlite3_column_int(st, 1);
		*nobjects = sqlite3_column_int(st, 2);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, "reading the database header", err);
	return 0;
}

int store_schema_prepare(struct store *s, const char *path,
			 struct whose_error *err)
{
	int app_id = 0, version = 0, ntables = 0, rc, failed_version = 0;
	size_t nmig = sizeof(store_migrations) / sizeof(store_migrations[0]);
	bool in_tx = false;
	char *msg = NULL;

	/* The header first: nothing may be written before we know it is ours. */
	rc = store_header(s, &app_id, &version, &ntables, err);
	if (rc < 0)
		return rc;
	if (app_id != STORE_APPLICATION_ID && (ntables > 0 || version != 0))
		return whose_error_set(err, WHOSE_ESCHEMA,
				       "%s is not a whose database (it holds other data): it was left untouched; give another file with --db",
				       path);
	if (version > STORE_SCHEMA_VERSION)
		return whose_error_set(err, WHOSE_ESCHEMA,
				       "%s was written by a newer whose (schema version %d; this program knows up to %d): it was left untouched; upgrade whose",
				       path, version, STORE_SCHEMA_VERSION);
	/* Opened read-only: nothing can be created or brought up to date. */
	if (s->read_only && version == 0 && ntables == 0)
		return whose_error_set(err, WHOSE_EDB,
				       "%s is empty and read-only for you: there is nothing to read; give another with --db",
				       path);
	if (s->read_only && version < STORE_SCHEMA_VERSION)
		return whose_error_set(err, WHOSE_ESCHEMA,
				       "%s is read-only for you and was written by an older whose (schema version %d; this one reads %d): open it once where it can be written, so that it is brought up to date",
				       path, version, STORE_SCHEMA_VERSION);

	/*
	 * Every pending migration in one transaction: a process killed
	 * half-way leaves the schema it found or the newest, never one in
	 * between (tests/e2e/migrate_kill.sh).  The version is stamped once,
	 * at the end.
	 */
	for (size_t i = 0; i < nmig; i++) {
		const struct store_migration *m = &store_migrations[i];

		if (store_schema_has(s, m, version))
			continue;
		failed_version = m->version;
		if (!in_tx) {
			/* A large profile's migrations read and sort the whole
			 * log: a page cache of 256 MiB for them (SQLite's 2 MiB
			 * back afterwards; it grows only as pages are read). */
			sqlite3_exec(s->db, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
			/* A new database: pages of 8 KiB hold several questions
			 * each (a page size can only be chosen before the first
			 * table). */
			if (version == 0 && ntables == 0)
				sqlite3_exec(s->db, "PRAGMA page_size = 8192", NULL, NULL, NULL);
			if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
				goto fail;
			in_tx = true;
			/* Another process may have migrated while we waited. */
			if ((rc = store_pragma_int(s, "PRAGMA user_version", &version, err)) < 0) {
				sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
				return rc;
			}
			if (store_schema_has(s, m, version))
				continue;
		}
		failed_version = m->version;
		if (sqlite3_exec(s->db, m->sql, NULL, NULL, &msg) != SQLITE_OK ||
		    (m->fill != NULL && m->fill(s) < 0) ||
		    (m->sql_after != NULL &&
		     sqlite3_exec(s->db, m->sql_after, NULL, NULL, &msg) != SQLITE_OK)) {
			/* the message before the rollback replaces it */
			if (msg == NULL)
				msg = sqlite3_mprintf("%s", sqlite3_errmsg(s->db));
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
		if (m->version > version)
			version = m->version;
	}
	if (in_tx) {
		char tail[96];

		failed_version = version;
		snprintf(tail, sizeof(tail), "PRAGMA application_id=%d;PRAGMA user_version=%d;",
			 STORE_APPLICATION_ID, version);
		if (sqlite3_exec(s->db, tail, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(s->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
	}
	if (in_tx)
		sqlite3_exec(s->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
	s->version = version;
	return 0;
fail:
	if (in_tx)
		sqlite3_exec(s->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
	rc = whose_error_set(err, WHOSE_EDB, "%s: cannot bring the schema to version %d: %s",
			     path, failed_version, msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return rc;
}
