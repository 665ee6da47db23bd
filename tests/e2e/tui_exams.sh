#!/usr/bin/env bash
# End-to-end, full screen through tmux: x on the home screen opens a new
# exam's start screen (Esc goes back home, storing nothing); e opens the
# past exams, where F forgets the exam under the cursor only when pressed
# twice (another key keeps it) and restores a forgotten one; Enter reviews
# one read-only, where P practises the questions missed (nothing moves in
# the schedule; the end goes home).  'whose exams forget N' asks on a
# terminal: only yes forgets.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3

mkdir -p "$T/bank"
cat >"$T/bank/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
a-1,Alpha,who,Alpha one: whose duty?,,AWS,Alpha one is AWS's.,https://example.org/a1,,,
b-1,Beta,who,Beta one: whose duty?,,AWS,Beta one holds.,https://example.org/b1,,,
g-1,Gamma,who,Gamma one: whose duty?,,AWS,Gamma one is AWS's.,https://example.org/g1,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
sql() { sqlite3 "$db" "$1"; }
export WHOSE_BANK="$T/bank" WHOSE_SEED=1 TZ=UTC
# Two exams through pipes: all right, then nothing answered.
printf 'a\na\na\nsubmit!\n' | WHOSE_NOW=2026-03-01T10:00:00Z "$WHOSE" exam --questions 3 >/dev/null 2>&1
printf 'submit!\n' | WHOSE_NOW=2026-03-01T11:00:00Z "$WHOSE" exam --questions 3 >/dev/null 2>&1
expect_eq "two exams" 2 "$(sql 'SELECT count(*) FROM exams WHERE finished_at IS NOT NULL')"

. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 TZ=UTC

# ---- x: the start screen, Esc back home -----------------------------------
shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home" "r/Enter Review"
keys x
expect_screen "x: start screen" "65 questions, 90 minutes, pass mark 70%."
expect_not "x: no question yet" "Question 1 of"
keys Escape
expect_screen "Esc: back home" "r/Enter Review"
expect_eq "Esc: no exam stored" 2 "$(sql 'SELECT count(*) FROM exams')"

# ---- e: the past exams; F twice forgets -----------------------------------
keys e
expect_screen "past exams" "Past exams"
expect_screen "exam 1 listed" "1  2026-03-01 10:00     3 questions   100%  pass"
expect_screen "exam 2 listed" "2  2026-03-01 11:00     3 questions     0%  fail"
expect_screen "trend" "Trend: last 0% (-100 points); best 100%; average of the last 2: 50%."
expect_line "keys from the table" "Enter Review .*F Forget"
# The cursor is on the latest, the accident.  F asks; another key keeps it.
keys F
expect_screen "F asks" "F again forgets exam 2"
expect_eq "asked: not forgotten yet" 0 "$(sql 'SELECT forgotten FROM exams WHERE id = 2')"
keys j
expect_eq "another key keeps it" 0 "$(sql 'SELECT forgotten FROM exams WHERE id = 2')"
keys F
expect_screen "F asks again" "F again forgets exam 2"
keys F
expect_screen "forgotten" "Exam 2 forgotten: F on it restores it"
expect_eq "stored forgotten" 1 "$(sql 'SELECT forgotten FROM exams WHERE id = 2')"
expect_screen "listed forgotten" "forgotten (F restores it)"
expect_screen "trend without it" "Trend: last 100%; best 100%; average of the last 1: 100%."
expect_screen "header count" "1 counted, 1 forgotten"
run "$WHOSE" exams
expect_in "whose exams agrees" "forgotten: whose exams restore 2" "$out"
# F on a forgotten exam restores it at once.
keys F
expect_screen "restored" "Exam 2 is counted again."
expect_eq "stored restored" 0 "$(sql 'SELECT forgotten FROM exams WHERE id = 2')"
# Enter reviews the one under the cursor, read only.
keys k Enter
expect_screen "review read only" "exam 1 (read only)"
# P there practises what was missed: nothing in exam 1, so it says so.
keys P
expect_screen "P: nothing missed" "Nothing of exam 1 is left to practise: every answer was right"
expect_screen "P: still the result" "exam 1 (read only)"
keys q
expect_screen "q: back home" "r/Enter Review"
# Exam 2 missed all 3: P practises those 3, moves no due date, and the
# end of the practice goes back home.
cards() { sql "SELECT count(*) || '/' || group_concat(question_id || ':' || due || ':' || state)
	FROM (SELECT * FROM cards ORDER BY question_id)"; }
before=$(cards)
keys e
expect_screen "past exams again" "Past exams"
keys Enter
expect_screen "exam 2 reviewed" "exam 2 (read only)"
keys P
expect_line "P: the 3 missed" "Practice .* 3 left"
for left in 2 1; do
	keys a
	expect_screen "practice: answered ($left to go)" "next question"
	keys Enter
	expect_line "practice: $left left" "Practice .* $left left"
done
keys a
expect_screen "practice: last answered" "next question"
keys Enter
expect_screen "practice over" "End of the practice set."
expect_eq "three practice answers" 3 "$(sql "SELECT count(*) FROM reviews WHERE mode = 'practice'")"
expect_eq "nothing in the schedule moved" "$before" "$(cards)"
keys Enter
expect_screen "practice end: home" "r/Enter Review"
keys q
expect_screen "left" "rc=0"

# ---- whose exams forget N on a terminal asks: only yes forgets -------------
shell "clear; \"$WHOSE\" exams forget 2; echo \"rc=\$?\""
expect_screen "asks" "Type yes to forget it:"
shell "y"
expect_screen "y is not yes" "Exam 2 is kept as it was."
expect_eq "kept" 0 "$(sql 'SELECT forgotten FROM exams WHERE id = 2')"
shell "clear; \"$WHOSE\" exams forget 2; echo \"rc=\$?\""
expect_screen "asks again" "Type yes to forget it:"
shell "yes"
expect_screen "forgotten on the command line" "Exam 2 is forgotten"
expect_eq "stored" 1 "$(sql 'SELECT forgotten FROM exams WHERE id = 2')"

finish
