#!/usr/bin/env bash
# End-to-end: a damaged schedule in the full screen, at 80x24.  The review
# passes the question over and says so whole (wrapped, with the command
# that repairs it) above the next question and again in the summary;
# with nothing else due, the home screen's r says which questions were
# passed over; q in the middle repeats it after the screen is given back.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3

H=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$T/bank"
printf '%s\n' "$H" \
	't-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,' \
	't-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,' \
	>"$T/bank/t.csv"
db="$XDG_DATA_HOME/whose/default.db"
export WHOSE_BANK="$T/bank" WHOSE_NOW=2026-03-01T10:00:00Z
"$WHOSE" stats >/dev/null 2>&1
# both reviews due now; t-1 damaged
damage() {
	sqlite3 "$db" "UPDATE cards SET state = 2, due = 0, difficulty = 5, stability = 3, reps = 2,
		last_review = 1772100000000, scheduled_days = 3;
		UPDATE cards SET difficulty = 99 WHERE question_id IN (SELECT id FROM questions WHERE qid IN ($1))"
}
damage "'t-1'"

. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z

shell "clear; \"$WHOSE\" review 2>\"$T/stderr\"; echo \"rc=\$?\""
expect_screen "review: the other question" "Who runs the hypervisor?"
expect_screen "review: says which, whole" "Question t-1 is skipped: its schedule is damaged"
expect_screen "review: says how to repair it" "'whose reset t-1' starts it again."
expect_screen "review: one due left" "1 left: 0 learning, 1 due, 0 new"
keys a
expect_screen "review: graded" "Right"
keys Enter
expect_screen "summary" "Nothing more is due now."
expect_screen "summary: the question passed over" "'whose reset t-1' starts it again."
keys Enter
expect_screen "review: out" "rc=0"
expect_eq "told on the screens, not again after" "" "$(cat "$T/stderr")"

# q in the middle: said again once the screen is given back.
damage "'t-1'"
shell "clear; \"$WHOSE\" review 2>\"$T/stderr\"; echo \"rc=\$?\""
expect_screen "review again: the notice" "'whose reset t-1' starts it again."
keys q
expect_screen "quit" "rc=0"
expect_in "after q: repeated on stderr" "whose: Question t-1 is skipped: its schedule is damaged (difficulty 99 is outside 1 to 10); 'whose reset t-1' starts it again." "$(cat "$T/stderr")"

# Nothing else due: home's r says which questions were passed over.
damage "'t-1', 't-2'"
shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home" "Shared Responsibility trainer"
keys r
expect_screen "r: nothing due but these" "Nothing is due now but the questions below."
expect_screen "r: both, and the repair" "2 questions are skipped: their schedules are damaged"
expect_screen "r: the repair" "'whose reset --damaged' starts them all again."
keys Enter
expect_screen "back home" "Shared Responsibility trainer"
keys q
expect_screen "home: out" "rc=0"

finish
