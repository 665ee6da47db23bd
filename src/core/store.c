/*
 * store.c - opening the database, the statement cache (every SQL statement
 * of the program, in one table), the step helper, and settings.  The bank
 * import is in store_import.c, cards, answers and queues in store_cards.c,
 * statistics in store_stats.c, exams in store_exam.c.
 */
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
#include "whose/safefile.h"
#include "whose/text.h"

#define STORE_STR2(x) #x
#define STORE_STR(x) STORE_STR2(x)

/* The card columns, in the order store_card_read expects them. */
#define STORE_CARD_COLUMNS "c.question_id, c.topic_id, c.hidden, c.suspended, c.leech," \
	" c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days," \
	" c.learning_steps, c.reps, c.lapses, c.last_review"

/* A question's shape: its choices (or sort items) and the parts of its
 * answer, counted by their '|' separators. */
#define STORE_SHAPE_COLUMNS "CASE WHEN q.choices = '' THEN 0 ELSE" \
	" length(q.choices) - length(replace(q.choices, '|', '')) + 1 END," \
	" length(q.answer) - length(replace(q.answer, '|', '')) + 1"

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
	/* Always a new card (queue 0): review_due_hours (schema 13) counts on
	 * no card being inserted into the review queue. */
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
	/* Marking twice keeps the first time: the list keeps its order. */
	[STMT_MARK_ADD] = "INSERT INTO marks(question_id, marked_at)"
			  " SELECT id, ?2 FROM questions WHERE id = ?1"
			  " ON CONFLICT(question_id) DO NOTHING",
	[STMT_MARK_DEL] = "DELETE FROM marks WHERE question_id = ?1",
	[STMT_MARK_GET] = "SELECT EXISTS (SELECT 1 FROM marks WHERE question_id = ?1),"
			  " EXISTS (SELECT 1 FROM questions WHERE id = ?1)",
	[STMT_MARK_COUNT] = "SELECT count(*) FROM marks m JOIN questions q ON q.id = m.question_id"
			    " WHERE NOT q.retired",
	[STMT_MARK_EACH] = "SELECT m.question_id, q.topic_id FROM marks m"
			   " JOIN questions q ON q.id = m.question_id"
			   " WHERE NOT q.retired AND NOT q.flagged ORDER BY m.marked_at, m.question_id",
	[STMT_MARKED] = "SELECT q.qid, t.name, q.question, 0, 0,"
			" CASE WHEN q.flagged THEN 'flagged' ELSE '' END"
			" FROM marks m JOIN questions q ON q.id = m.question_id"
			" JOIN topics t ON t.id = q.topic_id"
			" WHERE NOT q.retired ORDER BY m.marked_at, m.question_id LIMIT ?1",
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
	/* A topic's answers and right answers follow its cards (the
	 * cards_tally trigger); these are what the log alone knows. */
	[STMT_TOPIC_TALLY] = "UPDATE topics SET retention_reviews = retention_reviews + ?2,"
			     " retention_recalled = retention_recalled + ?3,"
			     " first_answers = first_answers + ?4, first_correct = first_correct + ?5"
			     " WHERE id = ?1",
	[STMT_FIRST_ANSWERS] = "SELECT coalesce(sum(first_answers), 0),"
			       " coalesce(sum(first_correct), 0) FROM topics",
	[STMT_CARD_ANSWERED] = "UPDATE cards SET answered = answered + ?2,"
			       " answered_right = answered_right + ?3 WHERE question_id = ?1",
	[STMT_QUEUE_DUE] = "SELECT question_id, topic_id FROM cards"
			   " WHERE queue = ?1 AND due < ?2 ORDER BY due LIMIT ?3",
	[STMT_QUEUE_NEW] = "SELECT question_id, topic_id FROM cards"
			   " WHERE queue = 0 ORDER BY due LIMIT ?1",
	/* Reviews due: whole hours from review_due_hours (schema 13), the
	 * hour ?2 falls in from the cards themselves. */
	[STMT_COUNT_QUEUES] = "SELECT (SELECT count(*) FROM cards WHERE queue = 1 AND due < ?1),"
			      " (SELECT coalesce(sum(n), 0) FROM review_due_hours"
			      "  WHERE hour < ?2 / 3600000)"
			      " + (SELECT count(*) FROM cards WHERE queue = 2"
			      "  AND due >= ?2 / 3600000 * 3600000 AND due < ?2),"
			      " (SELECT count(*) FROM (SELECT 1 FROM cards WHERE queue = 0"
			      "  LIMIT ?3))",
	[STMT_COUNT_LEARNING] = "SELECT count(*) FROM cards WHERE queue = 1 AND due < ?1",
	[STMT_DATA_VERSION] = "PRAGMA data_version",
	[STMT_NEXT_DUE] = "SELECT min(due) FROM cards WHERE queue = ?1",
	[STMT_COUNT_INTRODUCED] = "SELECT count(*) FROM reviews WHERE reviewed_at >= ?1"
				  " AND state_before = 0 AND mode = 'review'",
	[STMT_TOPICS] = "SELECT id, name, answers, correct, retention_reviews,"
			" retention_recalled, visible, first_answers, first_correct"
			" FROM topics ORDER BY name",
	/* Over cards_seen alone (seen, visible cards), in topic order: how
	 * many were seen, how many have a memory state (a last review: a
	 * card still new has none, whatever practice it had), and their
	 * recall (whose_recall_sum skips the NULLs of the others). */
	[STMT_TOPIC_CARDS] = "SELECT topic_id, count(*), count(last_review),"
			     " whose_recall_sum(stability, ?1 - last_review) FROM cards"
			     " WHERE hidden = 0 AND (state > 0 OR answered > 0) GROUP BY topic_id",
	/* The readiness model (figures.c): the seen cards, read in table
	 * order (cards_seen would cost a lookup per card: 8.8 s against
	 * 0.54 s over 700,000 seen cards of 1,000,000, under load), the
	 * questions' shapes by rowid (all, or one seek per sample), and one
	 * card with its question's shape. */
	[STMT_MODEL_SEEN] = "SELECT c.answered, c.answered_right, " STORE_CARD_COLUMNS
			    " FROM cards c NOT INDEXED WHERE c.hidden = 0 AND (c.state > 0 OR c.answered > 0)",
	[STMT_MODEL_SHAPES] = "SELECT q.topic_id, q.type, " STORE_SHAPE_COLUMNS
			      " FROM questions q WHERE q.id >= ?1 AND NOT q.retired AND NOT q.flagged"
			      " ORDER BY q.id LIMIT ?2",
	[STMT_MODEL_MAXID] = "SELECT coalesce(max(id), 0) FROM questions",
	[STMT_MODEL_CARD] = "SELECT q.type, " STORE_SHAPE_COLUMNS ", c.answered, c.answered_right, "
			    STORE_CARD_COLUMNS " FROM cards c JOIN questions q ON q.id = c.question_id"
			    " WHERE c.question_id = ?1",
	/* The due cards in due order from cards_due, which holds the topic. */
	[STMT_TOPIC_DUE] = "SELECT topic_id FROM cards WHERE queue IN (1, 2) AND due < ?1",
	[STMT_TOPIC_RECENT] = "SELECT count(*), coalesce(sum(correct), 0) FROM"
			      " (SELECT correct FROM reviews WHERE topic_id = ?1"
			      " AND mode != '" STORE_MODE_FORGOTTEN "'"
			      " ORDER BY reviewed_at DESC LIMIT 20)",
	[STMT_TOPIC_FIND] = "SELECT id FROM topics WHERE name = ?1 COLLATE NOCASE",
	[STMT_TOPIC_NAMES] = "SELECT t.id, t.name FROM topics t"
			     " WHERE EXISTS (SELECT 1 FROM cards c WHERE c.topic_id = t.id)"
			     " ORDER BY t.name",
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
	/* fsrs_card_init's card, due ?2: after every new card waiting */
	[STMT_CARD_RESET] = "UPDATE cards SET state = 0, due = ?2, stability = 0, difficulty = 0,"
			    " elapsed_days = 0, scheduled_days = 0, learning_steps = 0, reps = 0,"
			    " lapses = 0, last_review = NULL WHERE question_id = ?1",
	[STMT_EXPORT_CARDS] = "SELECT q.qid, t.name, " STORE_CARD_COLUMNS
			      " FROM cards c JOIN questions q ON q.id = c.question_id"
			      " JOIN topics t ON t.id = q.topic_id ORDER BY q.qid",
	[STMT_EXPORT_REVIEWS] = "SELECT r.question_id, q.qid, r.reviewed_at, r.rating,"
				" r.state_before, r.duration_ms, r.mode"
				" FROM reviews r JOIN questions q ON q.id = r.question_id"
				" WHERE ?1 OR r.mode IN ('review', 'import')"
				" ORDER BY r.reviewed_at, r.id",
	/* Sorted by SQLite's sorter ('+' keeps the reviews_question index
	 * out), which spills to temporary files past its cache: following
	 * the index instead costs a table lookup per review, out of order
	 * (3.5 s against 2.9 s at a million reviews). */
	[STMT_REVIEWS_BY_CARD] = "SELECT r.question_id, '', r.reviewed_at, r.rating,"
				 " r.state_before, r.duration_ms, r.mode"
				 " FROM reviews r WHERE r.mode IN ('review', 'import')"
				 " ORDER BY +r.question_id, r.reviewed_at, r.id",
	/* temp.replay is created by store_replay_begin, before these are
	 * first prepared. */
	[STMT_REPLAY_ADD] = "INSERT INTO temp.replay(at, line, question_id, rating, duration)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_REPLAY_EACH] = "SELECT at, line, question_id, rating, duration FROM temp.replay"
			     " ORDER BY at, line",
	[STMT_REPLAY_CLEAR] = "DELETE FROM temp.replay",
	[STMT_ASKABLE] = "SELECT q.id, q.qid, t.name FROM questions q"
			 " JOIN topics t ON t.id = q.topic_id"
			 " WHERE NOT q.retired AND (?1 OR NOT q.flagged) AND q.type != 'card'"
			 " ORDER BY q.qid",
	[STMT_EXAM_ADD] = "INSERT INTO exams(started_at, minutes, pass_percent, questions, seed,"
			  " pause_when_away) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_EXAM_ADD_Q] = "INSERT INTO exam_answers(exam_id, position, question_id, topic_id, shown)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_EXAM_ANSWER] = "UPDATE exam_answers SET response = ?3, correct = ?4, flagged = ?5,"
			     " spent_ms = ?6, answered_at = ?7 WHERE exam_id = ?1 AND position = ?2",
	/* Each question's readiness as the exam is drawn: the recall of a
	 * studied card, else the prior ?3. */
	[STMT_EXAM_PREDICT] = "UPDATE exam_answers SET predicted = ?3"
			      " WHERE exam_id = ?1 AND question_id = ?2",
	[STMT_EXAM_BRIER] = "SELECT count(DISTINCT a.exam_id), count(*),"
			    " coalesce(sum((a.predicted - a.correct) * (a.predicted - a.correct)), 0),"
			    " coalesce(sum(a.predicted), 0), coalesce(sum(a.correct), 0)"
			    " FROM exam_answers a JOIN exams e ON e.id = a.exam_id"
			    " WHERE e.finished_at IS NOT NULL AND NOT e.abandoned AND NOT e.forgotten"
			    " AND a.predicted IS NOT NULL",
	[STMT_EXAM_FINISH] = "UPDATE exams SET finished_at = ?2, correct = ?3, passed = ?4,"
			     " timed_out = ?5, away_since = NULL WHERE id = ?1",
	[STMT_EXAM_LIST] = "SELECT * FROM (SELECT id, started_at, coalesce(finished_at, 0),"
			   " minutes, pass_percent, questions, coalesce(correct, 0),"
			   " coalesce(passed, 0), timed_out, abandoned, seed, paused_ms,"
			   " coalesce(away_since, 0), pause_when_away, forgotten"
			   " FROM exams ORDER BY id DESC LIMIT ?1) ORDER BY id",
	[STMT_EXAM_SPENT] = "UPDATE exam_answers SET spent_ms = ?3 WHERE exam_id = ?1 AND position = ?2",
	[STMT_EXAM_AWAY] = "UPDATE exams SET away_since = nullif(?2, 0), paused_ms = ?3"
			   " WHERE id = ?1 AND finished_at IS NULL",
	[STMT_EXAM_OPEN] = "SELECT id FROM exams WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1",
	[STMT_EXAM_GET] = "SELECT id, started_at, coalesce(finished_at, 0),"
			  " minutes, pass_percent, questions, coalesce(correct, 0),"
			  " coalesce(passed, 0), timed_out, abandoned, seed, paused_ms,"
			  " coalesce(away_since, 0), pause_when_away, forgotten FROM exams WHERE id = ?1",
	[STMT_EXAM_ANSWERS] = "SELECT position, question_id, response, flagged, shown, spent_ms,"
			      " coalesce(answered_at, 0) FROM exam_answers WHERE exam_id = ?1"
			      " ORDER BY position",
	[STMT_EXAM_ABANDON] = "UPDATE exams SET finished_at = ?2, abandoned = 1, correct = 0,"
			      " passed = 0, away_since = NULL WHERE id = ?1 AND finished_at IS NULL",
	[STMT_EXAM_FORGET] = "UPDATE exams SET forgotten = ?2 WHERE id = ?1 AND forgotten != ?2",
	/* An exam's answers in the log: logged at submission with mode
	 * ?2, at the time each was given. */
	[STMT_EXAM_LOGGED] = "SELECT r.question_id, r.topic_id, r.reviewed_at, r.correct, r.state_before"
			     " FROM exam_answers ea JOIN reviews r ON r.question_id = ea.question_id"
			     " AND r.reviewed_at = ea.answered_at WHERE ea.exam_id = ?1 AND r.mode = ?2",
	[STMT_EXAM_RELABEL] = "UPDATE reviews SET mode = ?3 WHERE mode = ?2 AND id IN"
			      " (SELECT r.id FROM exam_answers ea JOIN reviews r"
			      " ON r.question_id = ea.question_id AND r.reviewed_at = ea.answered_at"
			      " WHERE ea.exam_id = ?1 AND r.mode = ?2)",
	[STMT_EXAM_MISSED] = "SELECT a.question_id FROM exam_answers a JOIN questions q"
			     " ON q.id = a.question_id WHERE a.exam_id = ?1 AND NOT a.correct"
			     " AND NOT q.retired AND NOT q.flagged ORDER BY a.position",
	/* The full-text index (schema version 11) follows the questions:
	 * a row is added with its question, and taken out with the text it
	 * was indexed with (read back from questions before that changes). */
	[STMT_TEXT_ADD] = "INSERT INTO question_text(rowid, question, choices, explanation, tags)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_TEXT_DEL] = "INSERT INTO question_text(question_text, rowid, question, choices,"
			  " explanation, tags) SELECT 'delete', id, question, choices,"
			  " explanation, tags FROM questions WHERE id = ?1",
	/* store_search: one statement with every filter, each off when its
	 * parameter says so (?2 < 0, ?3 NULL, ?4 0, ?5 0), so that it is
	 * prepared once; ?6 the order, ?7 the limit (-1: none), ?8 now.
	 * Without words it reads every question (a listing of the bank);
	 * with words the index finds them first. */
#define STORE_SEARCH_COLUMNS "q.id, q.qid, t.name, q.type, substr(q.question, 1, 160)," \
	" q.retired, q.flagged, c.suspended, c.leech, c.state, c.due, c.stability," \
	" c.difficulty, c.lapses, coalesce(c.last_review, 0)," \
	" whose_recall(c.stability, ?8 - c.last_review) AS recall," \
	" EXISTS (SELECT 1 FROM marks m WHERE m.question_id = q.id)"
#define STORE_SEARCH_WHERE " (?2 < 0 OR q.topic_id = ?2) AND (?3 IS NULL OR q.type = ?3)" \
	" AND (CASE ?4 WHEN 0 THEN 1" \
	"  WHEN 1 THEN NOT q.retired AND NOT q.flagged AND NOT c.suspended AND c.state = 0" \
	"  WHEN 2 THEN NOT q.retired AND NOT q.flagged AND NOT c.suspended AND c.state = 1" \
	"  WHEN 3 THEN NOT q.retired AND NOT q.flagged AND NOT c.suspended AND c.state = 2" \
	"  WHEN 4 THEN NOT q.retired AND NOT q.flagged AND NOT c.suspended AND c.state = 3" \
	"  WHEN 5 THEN NOT q.retired AND c.suspended" \
	"  WHEN 6 THEN NOT q.retired AND c.leech" \
	"  WHEN 7 THEN NOT q.retired AND q.flagged" \
	"  WHEN 8 THEN c.queue IN (1, 2) AND c.due <= ?8" \
	"  WHEN 9 THEN q.retired" \
	"  WHEN 10 THEN EXISTS (SELECT 1 FROM marks m WHERE m.question_id = q.id)" \
	"  ELSE 0 END)" \
	" AND (?5 = 0 OR q.id IN (SELECT question_id FROM exam_answers" \
	"  WHERE exam_id = ?5 AND correct = 0))"
#define STORE_SEARCH_ORDER(rank) " ORDER BY" \
	" CASE WHEN ?6 = 1 THEN q.retired OR c.state = 0 END," \
	" CASE WHEN ?6 = 1 THEN c.due END," \
	" CASE WHEN ?6 = 2 THEN -c.lapses END," \
	" CASE WHEN ?6 = 3 THEN coalesce(recall, 2.0) END," \
	" CASE WHEN ?6 = 0 THEN " rank " END, q.qid LIMIT ?7"
	[STMT_SEARCH_ALL] = "SELECT " STORE_SEARCH_COLUMNS
			    " FROM questions q JOIN cards c ON c.question_id = q.id"
			    " JOIN topics t ON t.id = q.topic_id WHERE" STORE_SEARCH_WHERE
			    STORE_SEARCH_ORDER("NULL"),
	/* bm25 weights, by column: question 4, choices 1, explanation 1, tags 2. */
	[STMT_SEARCH_WORDS] = "SELECT " STORE_SEARCH_COLUMNS
			      " FROM question_text f JOIN questions q ON q.id = f.rowid"
			      " JOIN cards c ON c.question_id = q.id"
			      " JOIN topics t ON t.id = q.topic_id"
			      " WHERE question_text MATCH ?1 AND" STORE_SEARCH_WHERE
			      STORE_SEARCH_ORDER("bm25(question_text, 4.0, 1.0, 1.0, 2.0)"),
	/* The common case, words alone in rank order with a limit (a search
	 * typed live): the index ranks its matches by itself, and only the
	 * best ?7 are joined with their questions, cards and topics.  A
	 * common word matches a large part of a big bank, and joining every
	 * match first costs a read of each (1.1 s for 175,000 matches of
	 * 1,000,000, against 0.4 s for the index alone). */
	[STMT_SEARCH_TOP] = "SELECT " STORE_SEARCH_COLUMNS
			    " FROM (SELECT rowid AS hid, bm25(question_text, 4.0, 1.0, 1.0, 2.0) AS score"
			    "  FROM question_text WHERE question_text MATCH ?1 ORDER BY score LIMIT ?7) h"
			    " JOIN questions q ON q.id = h.hid JOIN cards c ON c.question_id = q.id"
			    " JOIN topics t ON t.id = q.topic_id ORDER BY h.score, q.qid",
	/* No words, no filter, by id, with a limit (the browse list as it
	 * opens): the first ?7 from the index on qid, not a sort of all. */
	[STMT_SEARCH_FIRST] = "SELECT " STORE_SEARCH_COLUMNS
			      " FROM questions q JOIN cards c ON c.question_id = q.id"
			      " JOIN topics t ON t.id = q.topic_id ORDER BY q.qid LIMIT ?7",
	[STMT_SUSPEND] = "UPDATE cards SET suspended = 1 WHERE question_id = ?1",
	[STMT_HISTORY] = "SELECT reviewed_at, rating, correct, mode, state_before, state_after,"
			 " due_after, duration_ms FROM reviews WHERE question_id = ?1"
			 " ORDER BY reviewed_at, id",
	[STMT_EXAM_HISTORY] = "SELECT e.id, e.started_at, e.finished_at IS NOT NULL, a.response,"
			      " a.correct FROM exam_answers a JOIN exams e ON e.id = a.exam_id"
			      " WHERE a.question_id = ?1 ORDER BY e.started_at, e.id",
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

int store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
		    struct whose_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, what, err);
	return 0;
}

int store_each_row(struct store *s, sqlite3_stmt *st,
		   int (*row)(sqlite3_stmt *st, void *ctx), void *ctx,
		   const char *what, struct whose_error *err)
{
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW && (stop = row(st, ctx)) == 0)
		;
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_db_error(s, what, err);
	return 0;
}

int store_exec(struct store *s, enum store_stmt_id id, const char *what,
		      struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, id, err);

	if (st == NULL)
		return err != NULL ? err->code : WHOSE_EDB;
	return store_step_done(s, st, what, err);
}

/* What store_open made, so that a failure takes it away again: the
 * folders (the lengths of their paths' prefixes, outermost first) and
 * the database file. */
struct store_made {
	size_t dir_len[64];
	size_t ndirs;
	bool file;
};

/* mkdir -p with mode 0700 for every folder it creates (noted in MADE). */
static int store_mkdirs(const char *path, struct store_made *made, struct whose_error *err)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return whose_error_set(err, WHOSE_EINVAL, "the path of the database folder is too long");
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char save = *p;

			*p = '\0';
			if (mkdir(buf, 0700) == 0) {
				if (made->ndirs < sizeof(made->dir_len) / sizeof(made->dir_len[0]))
					made->dir_len[made->ndirs++] = (size_t)(p - buf);
			} else if (errno != EEXIST) {
				char name[512];
				int e = errno;

				return whose_error_set(err, WHOSE_EIO,
						       "cannot create the folder %s: %s",
						       text_vis_buf(buf, 0, name, sizeof(name)), strerror(e));
			}
			*p = save;
			if (save == '\0')
				break;
		}
	}
	return 0;
}

/* Take away what MADE says store_open made for PATH: the database file
 * and what SQLite put beside it, then the folders, innermost first (a
 * folder something else was put in meanwhile stays). */
static void store_unmake(const char *path, const struct store_made *made)
{
	static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
	char buf[PATH_MAX];

	if (made->file)
		for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
			if ((size_t)snprintf(buf, sizeof(buf), "%s%s", path, suffix[i]) < sizeof(buf))
				(void)unlink(buf);
	for (size_t i = made->ndirs; i > 0; i--) {
		if (made->dir_len[i - 1] >= sizeof(buf))
			continue;
		memcpy(buf, path, made->dir_len[i - 1]);
		buf[made->dir_len[i - 1]] = '\0';
		(void)rmdir(buf);
	}
}

/*
 * Create PATH (and its folders) exclusively, 0600 set on the descriptor
 * whatever the umask; MADE notes what was made.  Returns 0 when created,
 * 1 when PATH appeared meanwhile (another process, or another account in
 * a shared folder: the caller checks it again as a file found there), or
 * a negative code.
 */
static int store_create_file(const char *path, struct store_made *made,
			     struct whose_error *err)
{
	char dir[PATH_MAX], name[512];
	char *slash;
	int fd;

	if (strlen(path) >= sizeof(dir))
		return whose_error_set(err, WHOSE_EINVAL, "the database path is too long");
	strcpy(dir, path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		int rc;

		*slash = '\0';
		rc = store_mkdirs(dir, made, err);
		if (rc < 0)
			return rc;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 1;
	if (fd >= 0)
		made->file = true;
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return whose_error_set(err, WHOSE_EIO, "cannot create %s: %s",
				       text_vis_buf(path, 0, name, sizeof(name)), strerror(e));
	}
	close(fd);
	return 0;
}

/*
 * Adopt the empty file at PATH (the user's own, checked) as a new
 * profile: 0600 from now on, set on the descriptor of the very file that
 * was checked, so that a profile never stays readable by others.
 */
static int store_adopt_empty(const char *path, const struct stat *checked,
			     struct whose_error *err)
{
	char name[512];
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), e = 0;

	if (fd < 0)
		e = errno;
	else if (fstat(fd, &st) != 0)
		e = errno;
	else if (st.st_dev != checked->st_dev || st.st_ino != checked->st_ino)
		e = EAGAIN;
	else if (fchmod(fd, 0600) != 0)
		e = errno;
	if (fd >= 0)
		close(fd);
	if (e == EAGAIN)
		return whose_error_set(err, WHOSE_EIO,
				       "%s was replaced while it was being opened: try again",
				       text_vis_buf(path, 0, name, sizeof(name)));
	if (e != 0)
		return whose_error_set(err, WHOSE_EIO, "cannot make %s private (mode 0600): %s",
				       text_vis_buf(path, 0, name, sizeof(name)), strerror(e));
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
int store_wal(struct store *s, struct whose_error *err)
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
 * The write-ahead log, off the answer path.  SQLite's own checkpoint
 * (wal_autocheckpoint, 1000 pages) runs inside the commit that takes the
 * WAL past its limit: that one answer waits while a thousand pages are
 * copied into the database and the database is synced (1.3 s at
 * 1,000,000 questions, bench/RESULTS.md).  Instead this hook, which
 * replaces SQLite's (sqlite3_wal_hook turns wal_autocheckpoint off), only
 * notes the WAL's size after each commit; store_idle, called by the front
 * ends while they wait for the learner, checkpoints from
 * STORE_WAL_IDLE_PAGES on; and a commit that leaves more than
 * STORE_WAL_MAX_PAGES (a long batch, a front end never idle) checkpoints
 * at once as SQLite would, so that the WAL stays bounded.  After a
 * complete checkpoint the next commit starts the WAL again from its
 * beginning; journal_size_limit gives the space of a WAL that grew back
 * to the file system.
 */
static int store_wal_hook(void *ctx, sqlite3 *db, const char *name, int pages)
{
	struct store *s = ctx;

	s->wal_pages = pages;
	if (pages >= STORE_WAL_MAX_PAGES) {
		int log = 0, done = 0;

		if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, &log,
					      &done) == SQLITE_OK && done >= log)
			s->wal_pages = 0;
	}
	return SQLITE_OK;
}

void store_idle(struct store *s)
{
	int log = 0, done = 0;

	if (s == NULL || s->read_only || s->memory || s->wal_pages < STORE_WAL_IDLE_PAGES)
		return;
	/* Inside a transaction the checkpoint could not copy its own pages. */
	if (!sqlite3_get_autocommit(s->db))
		return;
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done) ==
	    SQLITE_OK && done >= log)
		s->wal_pages = 0;
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

/*
 * whose_recall(stability, elapsed_ms): one card's recall probability
 * (fsrs_recall, with the parameters the caller set in recall_params), or
 * NULL for a card without a memory state.  For the search's column and
 * its order by retrievability.
 */
static void store_recall_one(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);

	(void)argc;
	if (s->recall_params == NULL) {
		sqlite3_result_error(ctx, "whose_recall: no scheduler parameters", -1);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL ||
	    sqlite3_value_double(argv[0]) <= 0.0) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_double(ctx, fsrs_recall(s->recall_params, sqlite3_value_double(argv[0]),
					       sqlite3_value_int64(argv[1])));
}

/* SQLite's unix VFS refuses longer full paths (MAX_PATHNAME). */
#define STORE_MAX_FULL_PATH 512

/*
 * SQLite keeps PATH-journal, PATH-wal and PATH-shm beside the database
 * and opens them by name: a link, a FIFO, a device or a folder there
 * (planted by another account in a shared folder, say) makes every write
 * fail with "unable to open database file", and a regular file another
 * account made there would be used as it is: that account would read
 * the learner's answers in it, or write pages into the profile.  Each
 * must be the learner's own (safefile_check_own), writable by no one the
 * database DB (its stat; NULL for a database still to be made) is not:
 * a database its owner made group-writable is a shared set-up, and then
 * a member of its group may have made them.
 */
static int store_check_companions(const char *path, const struct stat *db,
				  struct whose_error *err)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm" };
	mode_t shared = db != NULL ? db->st_mode & (S_IWGRP | S_IWOTH) : 0;
	char other[PATH_MAX], name[512];
	struct stat st;

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		if ((size_t)snprintf(other, sizeof(other), "%s%s", path, suffix[i]) >= sizeof(other))
			continue;
		if (lstat(other, &st) != 0)
			continue;
		if (S_ISREG(st.st_mode)) {
			/* A member of a shared database's group, or anyone
			 * for a database writable by all, may own it. */
			if (st.st_uid != geteuid() &&
			    (((shared & S_IWGRP) && st.st_gid == db->st_gid) || (shared & S_IWOTH)))
				st.st_uid = geteuid();
			if (safefile_check_own(other, &st, shared, "SQLite's file beside the database", err) < 0)
				return WHOSE_EINVAL;
			continue;
		}
		text_vis_buf(other, 0, name, sizeof(name));
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s, beside the database, is %s: SQLite keeps its journal there and will not use it, so nothing could be saved; remove it (neither whose nor SQLite makes one)",
				       name, S_ISLNK(st.st_mode) ? "a symbolic link"
				       : S_ISDIR(st.st_mode) ? "a folder"
				       : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
				       : S_ISSOCK(st.st_mode) ? "a socket" : "a device");
	}
	return 0;
}

/*
 * Check PATH before anything is created or opened, so that what is wrong
 * is said plainly and nothing is left behind: too long for SQLite, a
 * dangling link, a folder, a FIFO or a device (SQLite would block on a
 * FIFO, and put a -journal beside /dev/null), a file cut short, a
 * read-only file or folder, another account's file.  Returns 0 when
 * PATH is a database file to open (*OUT gets its stat), 1 when it does
 * not exist (and may be created), or a negative code.  With STORE_READ a
 * file or folder that cannot be written is no error: *RO is then 1 (the
 * file is read-only for us) or 2 (its folder is: no journal can be made
 * beside it), else 0.
 */
static int store_check_path(const char *path, int flags, struct stat *out,
			    int *ro, struct whose_error *err)
{
	char name[512], dir[PATH_MAX], cwd[PATH_MAX];
	size_t full = strlen(path);
	struct stat st;
	char *slash;
	int rc;

	*ro = 0;
	text_vis_buf(path, 0, name, sizeof(name));
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		full += strlen(cwd) + 1;
	/* SQLite's limit holds for the journal's name too (PATH-journal,
	 * the longest it makes). */
	if (full + strlen("-journal") > STORE_MAX_FULL_PATH)
		return whose_error_set(err, WHOSE_EINVAL,
				       "the database path is %zu bytes long, more than the %zu SQLite accepts (its journal's name is 8 bytes longer): use a shorter path",
				       full, STORE_MAX_FULL_PATH - strlen("-journal"));
	if (path[0] != '\0' && path[strlen(path) - 1] == '/')
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s ends with '/', so it names a folder: give the database's file name in it (such as %sprofile.db)",
				       name, name);
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return whose_error_set(err, WHOSE_EIO, "cannot reach %s: %s", name, strerror(errno));
		if (!(flags & STORE_CREATE))
			return whose_error_set(err, WHOSE_ENOTFOUND, "%s: no such database", name);
		return 1;
	}
	/* A link someone else planted (in a shared folder, say) is not
	 * followed into whatever it points at, as the kernel's
	 * protected_symlinks would refuse it in /tmp. */
	if (S_ISLNK(st.st_mode) && st.st_uid != geteuid() && st.st_uid != 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s is a symbolic link owned by another user (uid %u): whose does not follow it; remove it or give the real path",
				       name, (unsigned)st.st_uid);
	if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s is a symbolic link to nothing: remove it or point it at the database",
				       name);
	if (S_ISDIR(st.st_mode))
		return whose_error_set(err, WHOSE_EINVAL, "%s is a folder, not a database file", name);
	if (!S_ISREG(st.st_mode))
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s is %s, not a database file: give the path of a regular file",
				       name, S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
				       : S_ISSOCK(st.st_mode) ? "a socket" : "a device");
	/* Another account's file is never the learner's profile, empty (a
	 * 0-byte file planted before the first --create) or not.  Its mode
	 * is the owner's choice. */
	rc = safefile_check_own(path, &st, st.st_mode & (S_IWGRP | S_IWOTH), "the database", err);
	if (rc < 0)
		return rc;
	*out = st;
	/* A database is whole pages (512 bytes at least): anything else was
	 * cut short and must not read as an empty profile. */
	if (st.st_size > 0 && st.st_size % 512 != 0)
		return whose_error_set(err, WHOSE_EDATA,
				       "%s is %lld bytes, not whole database pages: it is not a database, or it was cut short; restore it from a copy or give another with --db",
				       name, (long long)st.st_size);
	if (access(path, R_OK | W_OK) != 0) {
		if ((flags & STORE_READ) && access(path, R_OK) == 0)
			*ro = 1;
		else
			return whose_error_set(err, WHOSE_EIO,
					       "%s is read-only for you (%s): whose saves every answer, so check its permissions or give another with --db",
					       name, strerror(errno));
	}
	if (strlen(path) < sizeof(dir)) {
		strcpy(dir, path);
		slash = strrchr(dir, '/');
		if (slash == NULL)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if (access(dir, W_OK | X_OK) != 0 && (flags & STORE_READ))
			*ro = 2;
		else if (access(dir, W_OK | X_OK) != 0)
			return whose_error_set(err, WHOSE_EIO,
					       "the folder of %s is read-only for you (%s): SQLite keeps its journal beside the database, so check the folder's permissions or give another with --db",
					       name, strerror(errno));
	}
	return 0;
}

/*
 * The URI that opens PATH read-only: "file:" and the path with every byte
 * but letters, digits, "/-._~" percent-encoded (a '?', '#' or '%' in a
 * name must not be read as URI syntax), then ?mode=ro, or ?immutable=1
 * when IMMUTABLE: in a folder we cannot write, with no write-ahead log,
 * SQLite could make neither the -shm nor the -wal a read in WAL mode
 * needs, and nothing can change the file there but its owner, who is us.
 * NULL when out of memory.
 */
static char *store_ro_uri(const char *path, bool immutable)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *uri = malloc(5 + 3 * n + sizeof("?immutable=1"));
	char *o = uri;

	if (uri == NULL)
		return NULL;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	strcpy(o, immutable ? "?immutable=1" : "?mode=ro");
	return uri;
}

/* Whether PATH has no write-ahead log with anything in it beside it. */
static bool store_no_wal(const char *path)
{
	char wal[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(wal, sizeof(wal), "%s-wal", path) >= sizeof(wal))
		return false;
	return lstat(wal, &st) != 0 || st.st_size == 0;
}

bool store_read_only(const struct store *s)
{
	return s->read_only;
}

static int store_open_made(const char *path, int flags, struct store **out,
			   struct store_made *made, struct whose_error *err)
{
	struct store *s;
	int rc, ro = 0, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	const char *name = path;
	char cname[512], *uri = NULL;

	*out = NULL;
	if (flags & STORE_MEMORY) {
		name = ":memory:";
	} else {
		struct stat st;

		/* Twice at most: a file that appears between the check and
		 * the exclusive creation is checked as one found there. */
		for (int tries = 0;; tries++) {
			rc = store_check_path(path, flags, &st, &ro, err);
			if (rc >= 0 && store_check_companions(path, rc == 0 ? &st : NULL, err) < 0)
				rc = WHOSE_EINVAL;
			if (rc == 0 && st.st_size == 0 && ro == 0)
				rc = store_adopt_empty(path, &st, err);
			if (rc == 1)
				rc = store_create_file(path, made, err);
			if (rc < 0)
				return rc;
			if (rc == 0 || tries == 1)
				break;
		}
		if (rc != 0)
			return whose_error_set(err, WHOSE_EIO,
					       "%s keeps appearing and disappearing: try again",
					       text_vis_buf(path, 0, cname, sizeof(cname)));
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	s->memory = (flags & STORE_MEMORY) != 0;
	/* For messages only: in the form a terminal may show. */
	s->path = s->memory ? strdup("the in-memory database") : text_vis(path, 0);
	if (s->path == NULL) {
		free(s);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	s->read_only = ro != 0;
	if (ro != 0) {
		uri = store_ro_uri(path, ro == 2 && store_no_wal(path));
		if (uri == NULL) {
			store_close(s);
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		}
		name = uri;
		oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
	}
	rc = sqlite3_open_v2(name, &s->db, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		rc = whose_error_set(err, WHOSE_EDB, "cannot open %s: %s", s->path,
				     s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		store_close(s);
		return rc;
	}
	sqlite3_extended_result_codes(s->db, 0);
	if (sqlite3_create_function_v2(s->db, "whose_recall_sum", 2,
				       SQLITE_UTF8 | SQLITE_DIRECTONLY, s, NULL,
				       store_recall_step, store_recall_final,
				       NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "whose_recall", 2,
				       SQLITE_UTF8 | SQLITE_DIRECTONLY, s,
				       store_recall_one, NULL, NULL,
				       NULL) != SQLITE_OK) {
		rc = store_db_error(s, "setting up the database", err);
		store_close(s);
		return rc;
	}
	/* Two processes on one file wait for each other rather than fail. */
	sqlite3_busy_timeout(s->db, 10000);

	rc = store_schema_prepare(s, s->path, err);
	if (rc < 0) {
		store_close(s);
		return rc;
	}
	if (s->read_only) {
		(void)sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
		*out = s;
		return 0;
	}
	/* Checkpoints when idle, not inside an answer's commit. */
	sqlite3_wal_hook(s->db, store_wal_hook, s);
	/* Only now that the file is known to be ours do we write to it. */
	rc = store_wal(s, err);
	if (rc < 0) {
		store_close(s);
		return rc;
	}
	if (sqlite3_exec(s->db, rc == 0 ?
			 "PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
			 "PRAGMA journal_size_limit=67108864;" :
			 "PRAGMA foreign_keys=ON;", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_db_error(s, "setting up the journal", err);
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

int store_open(const char *path, int flags, struct store **out,
	       struct whose_error *err)
{
	struct store_made made;
	int rc;

	memset(&made, 0, sizeof(made));
	rc = store_open_made(path, flags, out, &made, err);
	/* Nothing a failed open made is left behind: no empty file, no
	 * folder that --create made for it. */
	if (rc < 0 && !(flags & STORE_MEMORY))
		store_unmake(path, &made);
	return rc;
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

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return store_step_done(s, st, "saving a setting", err);
}

int store_setting_unset(struct store *s, const char *key,
			struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SETTING_UNSET, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	return store_step_done(s, st, "removing a setting", err);
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
