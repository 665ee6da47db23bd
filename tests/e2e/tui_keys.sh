#!/usr/bin/env bash
# End-to-end, full screen through tmux: one key map in every mode.  An
# exam's who question answered Shared twice submits nothing (s answers, S
# submits); true/false takes t and f in an exam and in a drill, while the
# clock runs; m marks in review, exam and drill, the home screen lists the
# marks and m there practises them; the end of a session says what is
# still due now as the home screen counts it; q leaves review, practice, an exam, a
# drill and the statistics for the home screen (asking first where
# something would be lost), and only the home screen's q quits; the help
# of the home screen and of an exam question fits 80x24 whole, and 60x20
# in its shorter form, and Space closes it.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3

mkdir -p "$T/bank"
cat >"$T/bank/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
w-1,Alpha,who,Whose duty is the guest OS?,,Customer,The guest OS is the customer's.,https://example.org/w1,,,
w-2,Alpha,who,Whose duty is the hypervisor?,,AWS,The hypervisor is AWS's.,https://example.org/w2,,,
w-3,Beta,who,Whose duty is patch management?,,Shared,Both patch their layers.,https://example.org/w3,,,
t-1,Beta,truefalse,AWS runs the hypervisor.,,true,The hypervisor is AWS's.,https://example.org/t1,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
sql() { sqlite3 "$db" "$1"; }

. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=2 \
	WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC

# help_whole WHAT: the help overlay is open, whole (no "PgDn for more"),
# and no line of the screen is cut with an ellipsis.
help_whole() {
	expect_screen "$1: help open" "Any key closes this help"
	expect_not "$1: help not cut short" "PgDn for more"
	if screen | grep -q '…'; then bad "$1: a help line is cut"; screen >&2; else ok; fi
}

shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home" "r/Enter Review"

# ---- help at 80x24 and 60x20; Space closes it ------------------------------
keys '?'
help_whole "home 80x24"
expect_screen "home help: marks" "practise the questions you marked for review"
keys Space
if wait_gone "Any key closes this help"; then ok; else bad "Space did not close the help"; fi
tm resize-window -t t -x 60 -y 20
keys '?'
help_whole "home 60x20"
expect_screen "home 60x20: the shorter form" "practise your marked questions"
keys Space
if wait_gone "Any key closes this help"; then ok; else bad "Space did not close the help at 60x20"; fi
tm resize-window -t t -x 80 -y 24

# ---- review: m marks; q leaves for home (nothing lost) ---------------------
keys r
expect_screen "review" "Review ·"
first=$(screen | grep -o 'Whose duty is [a-z ]*?\|AWS runs the hypervisor\.' | head -1)
keys m
expect_screen "review: marked" "Marked for review: the home screen lists it"
expect_line "review: the header says so" "^ Review · [A-Za-z]+ \\[marked\\]"
expect_eq "review: one mark stored" 1 "$(sql 'SELECT count(*) FROM marks')"
keys q
expect_screen "review: q goes home" "r/Enter Review"
expect_not "review: not quit" "rc="
expect_screen "home lists the mark" "Marked for review 1 (m practises them)"

# ---- m on the home screen practises the marks; q back home -----------------
keys m
expect_screen "marked practice" "Practice"
expect_screen "marked practice: the marked question" "$first"
expect_screen "marked practice: one question" "1 left"
expect_screen "marked practice: shown marked" "[marked]"
keys q
expect_screen "practice: q goes home" "r/Enter Review"

# ---- the end of a session counts what is due as the home screen does ----
keys r
expect_screen "review again" "Review ·"
# One answer (a learning step follows, right or wrong), rated, then Esc.
if screen | grep -q ' t  True'; then keys f; else keys a; fi
expect_screen "answered" "Why:"
keys Enter
expect_screen "rated" "Saved:"
keys Escape
expect_screen "summary" "ession"
due_end=$(screen | sed -n 's/.* \([0-9][0-9]*\) questions\{0,1\} \(is\|are\) still due now\..*/\1/p' | head -1)
if [ -n "$due_end" ] && [ "$due_end" -gt 0 ]; then ok; else bad "the summary does not say what is still due now"; screen >&2; fi
keys Enter
expect_screen "home after the summary" "r/Enter Review"
expect_line "home's due now is the summary's" "Due now $due_end "

# ---- an exam: s answers Shared twice, nothing submitted; S submits ---------
keys x
expect_screen "exam start screen" "Enter starts the exam"
keys Enter
expect_screen "exam question 1" "Question 1 of 4"
# Question 1 and 2 of the exam, whatever their type: who takes s, and
# true/false takes t (f would be false).
answer_shared() {
	if screen | grep -q ' t  True'; then keys t; else keys s; fi
}
answer_shared
expect_screen "exam: on to 2" "Question 2 of 4"
answer_shared
expect_screen "exam: on to 3" "Question 3 of 4"
expect_not "exam: s did not submit" "Score:"
expect_eq "exam: still open" "" "$(sql 'SELECT finished_at FROM exams ORDER BY id DESC LIMIT 1')"
expect_eq "exam: two answered" 2 "$(sql 'SELECT count(response) FROM exam_answers WHERE exam_id = (SELECT max(id) FROM exams)')"
# m marks the exam question: the same bookmark.
keys m
expect_screen "exam: marked" "Marked for review: question 3."
keys '?'
help_whole "exam question 80x24"
expect_screen "exam help: S submits" "submit the exam (S again to confirm)"
keys Space
if wait_gone "Any key closes this help"; then ok; else bad "Space did not close the exam help"; fi
tm resize-window -t t -x 60 -y 20
keys '?'
help_whole "exam question 60x20"
keys Space
tm resize-window -t t -x 80 -y 24
# q asks, then leaves the exam open for the home screen.
keys q
expect_screen "exam: q asks" "q again leaves; the exam stays open"
keys q
expect_screen "exam: q q goes home" "r/Enter Review"
expect_not "exam: not quit" "rc="
expect_eq "exam: left open" "" "$(sql 'SELECT finished_at FROM exams ORDER BY id DESC LIMIT 1')"
# Back in: S asks, S again submits.
keys x
expect_screen "exam resumed" "Question"
keys S
expect_screen "exam: S asks" "S again submits"
keys S
expect_screen "exam: submitted" "Score:"
expect_eq "exam: closed" 1 "$(sql 'SELECT finished_at IS NOT NULL FROM exams ORDER BY id DESC LIMIT 1')"
keys q
expect_screen "exam result: q goes home" "r/Enter Review"

# ---- a drill: t/f and a c s while the clock runs; q asks, then home --------
keys d
expect_screen "drill seed asked" "Drill seed"
keys 4 2 Enter Enter
expect_screen "drill question 1" "Question 1 of"
if screen | grep -q ' t  True'; then keys t; else keys c; fi
expect_screen "drill: graded while the clock ran" "Enter: the next question"
expect_not "drill: the key was taken" "does nothing here"
keys m
expect_screen "drill: marked" "Marked for review"
keys q
expect_screen "drill: q asks" "q again ends the drill"
keys j
keys q q
expect_screen "drill: q q goes home" "r/Enter Review"
expect_screen "drill: said how it ended" "Drill ended early"

# ---- statistics: q goes home; the home screen's q quits --------------------
keys s
expect_screen "stats" "Statistics by topic"
keys q
expect_screen "stats: q goes home" "r/Enter Review"
keys q
expect_screen "home: q quits" "rc=0"

finish
