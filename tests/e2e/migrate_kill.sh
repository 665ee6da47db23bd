#!/usr/bin/env bash
# End-to-end: a schema migration killed half-way (SIGKILL) leaves the old
# schema or the new one, never a mixture: every pending migration runs in
# one transaction.  A profile of 3,000 questions and 300,000 reviews is
# made into a schema-1 profile (the objects of every later version
# dropped, as tests/test_store.c does for one question); one untimed run
# measures how long whose takes to bring it up to date, then copies of it
# are opened and killed at tenths of that time.  After every kill:
#   - PRAGMA user_version is 1 (nothing kept) or the newest (all of it);
#   - the schema is that version's own: at 1 none of the later tables,
#     at the newest all of them, and integrity_check says ok;
#   - the profile opens again and ends up at the newest version with the
#     counters the migrations fill (topics.answers) equal to the log.
# At least one kill must land while the migration runs (else the test
# proves nothing and fails).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1
need sqlite3

export WHOSE_BANK="$T/bank" WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
{
	echo "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle"
	for i in $(seq 1 3000); do
		echo "m-$i,Topic $((i % 9)),who,Scenario $i: whose duty is it to patch this?,,AWS,Because.,src,,,"
	done
} >"$WHOSE_BANK/m.csv"

new="$T/new.db"
run "$WHOSE" --db "$new" stats
expect_eq "profile made" 0 "$rc"
newest=$(sqlite3 "$new" 'PRAGMA user_version')
# 300,000 answers over the questions, as schema 1 held them.
sqlite3 "$new" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300000)
INSERT INTO reviews(question_id, topic_id, reviewed_at, rating, correct, mode, duration_ms,
 elapsed_days, state_before, state_after, due_before, due_after, stability_before,
 stability_after, difficulty_before, difficulty_after, elapsed_days_before,
 scheduled_days_before, scheduled_days_after, learning_steps_before, learning_steps_after,
 reps_before, lapses_before, last_review_before, leech_before, suspended_before)
SELECT q.id, q.topic_id, 1700000000000 + k.i * 60000, 1 + k.i % 4, k.i % 4 > 0, 'review', 0, 0,
 k.i % 3, 2, 0, 0, 1, 1, 5, 5, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0
FROM k JOIN questions q ON q.id = 1 + k.i % 3000;"
# Schema 1: what every later version added, dropped.
old="$T/old.db"
cp "$new" "$old"
sqlite3 "$old" "PRAGMA journal_mode=DELETE; BEGIN;
DROP TRIGGER cards_due_hours_delete;
DROP TRIGGER cards_due_hours_update; DROP TABLE review_due_hours; DROP INDEX reviews_introduced;
DROP TABLE unsent_results; DROP TABLE marks; DROP TABLE question_text;
DROP TABLE class_answers; DROP TABLE classes; DROP TABLE exam_answers; DROP TABLE exams;
DROP INDEX cards_leech; DROP INDEX questions_flagged; DROP TABLE hourly;
DROP TRIGGER cards_visible; DROP TRIGGER cards_gone; DROP TRIGGER cards_tally; DROP INDEX cards_seen;
ALTER TABLE cards DROP COLUMN answered; ALTER TABLE cards DROP COLUMN answered_right;
ALTER TABLE topics DROP COLUMN first_answers; ALTER TABLE topics DROP COLUMN first_correct;
ALTER TABLE topics DROP COLUMN visible; ALTER TABLE topics DROP COLUMN retention_reviews;
ALTER TABLE topics DROP COLUMN retention_recalled;
PRAGMA user_version = 1; COMMIT; PRAGMA journal_mode=WAL;" >/dev/null
expect_eq "old profile at schema 1" 1 "$(sqlite3 "$old" 'PRAGMA user_version')"

# How long the whole migration takes here, now (ms).
cp "$old" "$T/timed.db"
t0=$(date +%s%N)
run "$WHOSE" --db "$T/timed.db" stats
t1=$(date +%s%N)
expect_eq "untimed run migrates" 0 "$rc"
expect_eq "untimed run reaches $newest" "$newest" "$(sqlite3 "$T/timed.db" 'PRAGMA user_version')"
full=$(((t1 - t0) / 1000000))
echo "a whole migration: $full ms"

tables_of() {
	sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE name IN ('hourly', 'exams', 'marks',
	 'question_text', 'classes', 'unsent_results', 'review_due_hours')"
}
during=0
for k in 1 2 3 4 5 6 7 8 9; do
	db="$T/kill-$k.db"
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$old" "$db"
	"$WHOSE" --db "$db" stats >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v f="$full" -v k="$k" 'BEGIN { printf "%.3f", f * k / 10000 }')"
	if kill -KILL "$pid" 2>/dev/null; then
		during=$((during + 1))
	fi
	wait "$pid" 2>/dev/null
	v=$(sqlite3 "$db" 'PRAGMA user_version')
	n=$(tables_of "$db")
	case "$v:$n" in
	1:0 | "$newest:7") ok ;;
	*) bad "kill at $k/10: schema $v with $n of the 7 later tables (a half migration)" ;;
	esac
	expect_eq "kill at $k/10: integrity" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
	run "$WHOSE" --db "$db" stats
	expect_eq "kill at $k/10: opens again" 0 "$rc"
	expect_eq "kill at $k/10: brought to $newest" "$newest" "$(sqlite3 "$db" 'PRAGMA user_version')"
	expect_eq "kill at $k/10: topic answers equal the log" \
		"$(sqlite3 "$db" 'SELECT count(*) FROM reviews')" \
		"$(sqlite3 "$db" 'SELECT sum(answers) FROM topics')"
done
echo "$during of 9 kills landed while whose ran"
if [ "$during" -gt 0 ]; then ok; else bad "no kill landed during the migration (it took $full ms)"; fi
finish
