#!/usr/bin/env bash
# End-to-end: the full-screen exam and drill, the real binary driven
# through tmux on a small bank (answer a is right for every question), a
# fixed seed and a clock that starts at a fixed time and runs on.  Covers
# the exam's countdown (it goes down), answering, flagging, the review
# list, going back to a question, submitting with S and S again, the result
# (score, pass or fail, topics as bars, the wrong answers explained), what
# the database holds; a drill with one question answered and the next left
# to time out; and the terminal given back after q.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3 pgrep

mkdir -p "$T/bank"
cat >"$T/bank/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
a-1,Alpha,who,Alpha one: whose duty?,,AWS,Alpha one is AWS's.,https://example.org/a1,,,
b-1,Beta,who,Beta one: whose duty?,,AWS,Beta one holds.,https://example.org/b1,,,
g-1,Gamma,choice,Gamma one: pick the right one.,Right one|Wrong one|Also wrong,A,Gamma one is the first.,https://example.org/g1,,B: Not this one.|C: Nor this.,no
CSV
db="$XDG_DATA_HOME/whose/default.db"
sql() { sqlite3 "$db" "$1"; }

. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z

# The seconds left on the countdown in the header ("89:58 left").
seconds_left() {
	screen | sed -n '1s/.* \([0-9][0-9]*\):\([0-9][0-9]\) left.*/\1 \2/p' |
		{ read -r m s && echo $((m * 60 + 10#$s)); }
}

# ---- an exam -------------------------------------------------------------
# A new exam opens on its start screen: its numbers, nothing stored, no
# clock; Esc goes back (out, from the command line); Enter starts it.
shell "clear; \"$WHOSE\" exam --questions 3 --minutes 90 --pass 60; echo \"rc=\$?\""
expect_screen "start screen" "3 questions, 90 minutes, pass mark 60%."
expect_screen "start screen: how" "Enter starts the exam; Esc goes back."
expect_line "start screen: keys from the table" "Enter Start .*Esc.* Back"
expect_not "start screen: no question yet" "Question 1 of"
expect_eq "start screen: nothing stored" 0 "$(sql 'SELECT count(*) FROM exams')"
keys Escape
expect_screen "start screen: Esc goes out" "rc=0"
expect_eq "Esc: still nothing stored" 0 "$(sql 'SELECT count(*) FROM exams')"
shell "clear; \"$WHOSE\" exam --questions 3 --minutes 90; echo \"rc=\$?\""
expect_screen "start screen again" "3 questions, 90 minutes, pass mark 70%."
keys Enter
expect_screen "exam starts" "Question 1 of 3"
expect_line "header names the exam" "^ *Exam  "
# ...and no topic: it would give some answers away.
expect_eq "header names no topic" "" "$(screen | sed -n 1p | grep -E 'Alpha|Beta|Gamma')"
expect_line "countdown in the header" "Question 1 of 3 · (90:00|89:5[0-9]) left"
# 80 columns: the whole footer fits.
expect_line "footer keys" "m Mark .*n/Right Next .*p/Left Prev .*r Review .*S Submit .*\? Help .*q Leave"
expect_eq "alternate screen on" 1 "$(fmt '#{alternate_on}')"
# The countdown goes down: wait (WAIT at most) for a redraw showing less
# time than the first reading, rather than sleep and hope one came.
first=$(seconds_left)
counted_down() {
	second=$(seconds_left)
	[ -n "$first" ] && [ -n "$second" ] && [ "$second" -lt "$first" ]
}
second=
if wait_until "$WAIT" counted_down; then ok; else
	bad "the countdown goes down: $first then $second"
fi
expect_not "no feedback while asking" "✔"

# ? lists the exam's keys from the table.
keys '?'
expect_screen "help: mark" "mark for review, or unmark"
expect_screen "help: submit" "submit the exam"
keys Escape
expect_screen "help closed" "Question 1 of 3"
expect_screen "how to answer, on the status line" "a AWS, c Customer, s Shared"

# Answer a (right whatever the question is): saved, and on to question 2.
keys a
expect_screen "answered: next question" "Question 2 of 3"
expect_screen "answered count" "Answered 1 of 3"
expect_eq "answer saved at once" 1 "$(sql 'SELECT count(*) FROM exam_answers WHERE response IS NOT NULL')"
# Mark question 2 to come back to (the bookmark of every mode).
keys m
expect_screen "marked" "Marked for review: question 2."
expect_screen "mark shown" "[marked]"
expect_eq "flag saved at once" "1" "$(sql 'SELECT group_concat(position) FROM exam_answers WHERE flagged = 1')"
# n and p move; p back from 2 to 1 shows the saved answer.
keys n
expect_screen "next" "Question 3 of 3"
keys Left Left
expect_screen "previous twice" "Question 1 of 3"
expect_screen "the saved answer is shown" "your answer:"
keys p
expect_screen "first has no previous" "This is the first question."
# The review list: 2 (unanswered, flagged) and 3 (unanswered).
keys r
expect_screen "review list" "Exam: review"
expect_screen "review: 2" "Question 2: unanswered, marked"
expect_screen "review: 3" "Question 3: unanswered"
expect_not "review: 1 is answered" "Question 1:"
keys Down Enter
expect_screen "Enter goes to the question" "Question 3 of 3"
keys r Enter
expect_screen "back at 2" "Question 2 of 3"
# Submit: S, asked first, since 2 and 3 are unanswered.
keys S
expect_screen "submit asks, instruction first" "S again submits. 2 unanswered count as wrong: 2, 3"
keys S
expect_screen "submitted" "Exam submitted."
expect_screen "score" "Score: 1 of 3 (33%): FAIL (pass mark 70%)."
expect_screen "by topic" "By topic"
# Areas first (this bank's topics are no bundled one's: "Other topics"),
# and the way to practise what was missed.
expect_line "by area" "Other topics +1/3 +33%"
expect_screen "practise the missed" "P practises the 2 you missed (due dates stay): whose practice --exam 1."
expect_line "footer: P practises" "P Practise"
expect_line "a topic with its bar" "(Alpha|Beta|Gamma) +1/1 +█+ +100%"
expect_line "a topic missed" "(Alpha|Beta|Gamma) +0/1 +·+ +0%"
expect_screen "wrong answers" "Wrong or unanswered: 2."
screen >"$T/result.txt"
keys n
expect_screen "wrong answer 1" "1 of 2 (wrong or unanswered)"
expect_screen "not answered" "Not answered: the answer is"
expect_screen "explanation" "Why:"
keys n
expect_screen "wrong answer 2" "2 of 2 (wrong or unanswered)"
keys n
expect_screen "no more" "That was the last one"
keys p p
expect_screen "back to the result" "Score: 1 of 3"
keys a
expect_screen "review all" "1 of 3 (all)"
expect_screen "time on it" "on it"
keys w
expect_screen "review wrong again" "1 of 2 (wrong or unanswered)"
# P: a practice of exactly the 2 missed, here and now; nothing in the
# schedule moves.
cards() { sql "SELECT count(*) || '/' || coalesce(group_concat(question_id || ':' || due || ':' || state), '')
	FROM (SELECT * FROM cards ORDER BY question_id)"; }
before=$(cards)
keys P
expect_screen "P: practice of the missed" "Practice"
expect_line "P: the 2 missed, no more" "Practice .* 2 left"
keys a
expect_screen "practice: answered" "next question"
keys Enter
expect_line "practice: 1 left" "Practice .* 1 left"
keys a
expect_screen "practice: second answered" "next question"
keys Enter
expect_screen "practice over" "End of the practice set."
expect_eq "two practice answers, logged as practice" "2|practice" \
	"$(sql "SELECT count(*), group_concat(DISTINCT mode) FROM reviews WHERE mode <> 'exam'")"
expect_eq "nothing in the schedule moved" "$before" "$(cards)"
# Started as 'whose exam', with no home screen: the end goes out (from
# the home screen it goes home: tui_exams.sh).
keys Enter
expect_screen "exam left" "rc=0"
expect_eq "alternate screen off" 0 "$(fmt '#{alternate_on}')"
expect_eq "exam stored as submitted" "3|1|0|0" \
	"$(sql 'SELECT questions, correct, passed, timed_out FROM exams WHERE finished_at IS NOT NULL')"
expect_eq "exam answers" "1|1|0
2|0|1
3|0|0" "$(sql 'SELECT position, correct, flagged FROM exam_answers ORDER BY position' |
	sed 's/^0|/1|/;t;s/^1|/2|/;t;s/^2|/3|/')"
expect_eq "one answer, one flag, two unanswered" "1 1 2" \
	"$(sql "SELECT (SELECT count(*) FROM exam_answers WHERE response IS NOT NULL),
	        (SELECT count(*) FROM exam_answers WHERE flagged = 1),
	        (SELECT count(*) FROM exam_answers WHERE response IS NULL)" | tr '|' ' ')"

# ---- a drill: one answered, the next timed out -------------------------
shell "clear; \"$WHOSE\" drill --seed 42 --count 2 --seconds 3 --results \"$T/r.csv\" --name Ann; echo \"rc=\$?\""
expect_screen "drill starts" "Question 1 of 2"
expect_line "drill countdown" "Question 1 of 2 · 0:0[1-3] left"
keys a
expect_screen "graded" "✔ Right"
expect_screen "explanation shown" "Why:"
expect_screen "Enter goes on" "Enter: the next question"
keys Enter
expect_screen "second question" "Question 2 of 2"
# Nothing typed: the countdown runs out.
expect_screen "timed out" "Time is up: counted as wrong"
keys Enter
expect_screen "drill over" "Drill over"
expect_screen "score" "Score: 1 of 2 right (50%)."
expect_screen "row written" "Result saved to"
keys q
expect_screen "drill left" "rc=0"
expect_eq "alternate screen off after the drill" 0 "$(fmt '#{alternate_on}')"
expect_eq "results row" "2" "$(wc -l <"$T/r.csv" | tr -d ' ')"
expect_in "results row: score" ",42,1,2," "$(tail -1 "$T/r.csv")"

# ---- SIGTERM during an exam: terminal back, answers kept ---------------
shell "clear; \"$WHOSE\" exam --questions 3; echo \"rc=\$?\""
expect_screen "second exam: start screen" "Enter starts the exam"
keys Enter
expect_screen "second exam" "Question 1 of 3"
keys a
expect_screen "answered" "Question 2 of 3"
# The exam is the child of the pane's shell (of this test's tmux only).
pid=$(pgrep -P "$(fmt '#{pane_pid}')" || true)
if [ -n "$pid" ]; then kill -TERM "$pid"; ok; else bad "exam process not found"; fi
expect_screen "died of SIGTERM" "rc=143"
expect_eq "alternate screen off after SIGTERM" 0 "$(fmt '#{alternate_on}')"
expect_eq "left by the signal: its clock notes when" "1" \
	"$(sql 'SELECT count(*) FROM exams WHERE finished_at IS NULL AND away_since IS NOT NULL')"
expect_eq "its answer kept, exam open" "1" \
	"$(sql 'SELECT count(*) FROM exam_answers a JOIN exams e ON e.id = a.exam_id
	        WHERE e.finished_at IS NULL AND a.response IS NOT NULL')"

finish
