#!/usr/bin/env bash
# End-to-end: the browse screen in the full screen, through tmux: '/' from
# the home screen (the list follows each key typed), a filter, opening a
# question (its schedule and history), suspending it (checked in the
# database), acting on every question listed, a reset that asks first, the
# drill command of the questions listed, and practising them (a practice
# session: no schedule moves).
. "$(dirname "$0")/lib.sh"

need tmux sqlite3

H=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$T/bank"
printf '%s\n' "$H" \
	'c1,Compute,choice,Who patches the hypervisor under EC2?,AWS|The customer|Both,A,The hypervisor is AWS'"'"'s.,https://example.com/a,,B: Never seen.|C: Not shared.,no' \
	's1,Storage,who,An S3 bucket policy grants public read. Fixing it: whose?,,Customer,Bucket policies are the customer'"'"'s.,https://example.com/b,,,' \
	's2,Storage,who,Encrypting S3 objects with a customer managed key: whose?,,Customer,Choosing the key is yours.,https://example.com/c,encryption,,' \
	'c2,Compute,truefalse,AWS patches the guest OS of EC2 instances.,,false,The guest OS is the customer'"'"'s.,https://example.com/d,,,' \
	>"$T/bank/test.csv"
db="$XDG_DATA_HOME/whose/default.db"
sql() { sqlite3 "$db" "$1"; }

. "$(dirname "$0")/tmux.sh"
tmux_start 110 30 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z

shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home" "Review"

# '/': the search box takes the keys, the list follows each one.
keys /
expect_screen "search box" "Search: _"
expect_screen "every question before a word" "4 of 4"
keys -l "encr"
expect_screen "a prefix while typing" "1 of 4"
expect_screen "the hit" "s2"
keys -l "x"
expect_screen "no hit for encrx" "0 of 4"
keys BSpace
expect_screen "back to the prefix" "1 of 4"
keys -l ' "x'
expect_screen "a stray quote is named, the list kept" "not closed"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
expect_screen "words gone: every question" "4 of 4"
keys Enter
wait_gone "Search: _"

# A filter: the next topic, then every topic again.
keys t
expect_screen "topic filter" "Compute"
expect_screen "two of four" "2 of 4"
keys t t
expect_screen "every topic again" "4 of 4"

# Open a question: text, answer, schedule, history.
keys k k k k
keys Enter
expect_screen "detail: the question" "Who patches the hypervisor under EC2?"
expect_screen "detail: schedule" "retrievability"
expect_screen "detail: answers" "none yet"
# Suspend it from there; the database says so.
keys z
expect_screen "suspended notice" "c1: suspended."
expect_eq "c1 suspended" 1 "$(sql "SELECT suspended FROM cards JOIN questions q ON q.id = question_id WHERE qid = 'c1'")"
expect_screen "detail shows it" "new, suspended"
keys Escape
expect_screen "back on the list" "STATE"
expect_screen "the list shows it" "suspended"

# Mark every question listed: '*' then m.
keys '*'
expect_screen "acting on all" "act on all 4"
keys m
expect_screen "all marked" "4 questions: marked."
expect_eq "four marks" 4 "$(sql 'SELECT count(*) FROM marks')"
keys '*'

# A reset asks first; n keeps the schedule.
sql "UPDATE cards SET state = 2, stability = 5, difficulty = 5, reps = 2, last_review = 1772300000000, due = 1772400000000 WHERE question_id = (SELECT id FROM questions WHERE qid = 'c1')"
keys R
expect_screen "reset asks" "y resets"
keys n
expect_screen "nothing reset" "Nothing was reset."
expect_eq "c1 kept" 2 "$(sql "SELECT state FROM cards JOIN questions q ON q.id = question_id WHERE qid = 'c1'")"

# Practise the questions listed (Storage only): a practice session.
keys t t
expect_screen "storage only" "2 of 4"
# d: the command line of a drill of the questions listed, in their order,
# with a seed drawn (WHOSE_SEED's here); Enter comes back.
keys d
expect_screen "drill command" "whose drill --seed 1 --ids s1,s2"
expect_screen "drill: what it is" "A drill of the 2 questions listed, in this order"
keys Enter
expect_screen "back from the drill command" "2 of 4"
keys p
expect_screen "practice started" "Practice"
before=$(sql "SELECT group_concat(due || ':' || state) FROM cards ORDER BY question_id")
keys a
expect_screen "answered" "next question"
keys Enter
# Saved as the next question comes: wait for the row, with a deadline.
i=0
while [ "$(sql 'SELECT count(*) FROM reviews')" = 0 ] && [ "$i" -lt $((WAIT * 20)) ]; do
	sleep 0.05
	i=$((i + 1))
done
expect_eq "a practice answer is logged as practice" "practice" "$(sql "SELECT mode FROM reviews ORDER BY id DESC LIMIT 1")"
expect_eq "nothing in the schedule moved" "$before" "$(sql "SELECT group_concat(due || ':' || state) FROM cards ORDER BY question_id")"
keys q
expect_screen "q: back home" "r/Enter Review"
keys q
expect_screen "left" "rc=0"
finish
