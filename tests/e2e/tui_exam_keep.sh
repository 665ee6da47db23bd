#!/usr/bin/env bash
# End-to-end, full screen through tmux: no answer is lost by any key,
# signal or clock.  A tick on a "choose two" question and a placement on a
# sort question, never confirmed with Enter, are saved at once and kept
# when the question is left by n, p, the navigator (g), submit, q then
# resume, SIGKILL then resume (a second terminal meanwhile is refused, on
# the command line and from home), and the time running out while away; each
# is graded as it stood; who, true/false and choice answers survive
# SIGKILL and resume too.  Also: q asks first (from the help overlay too),
# the navigator fits 80x24, whose exams show N reviews read-only, and a
# plain-mode exam and a full-screen exam with the same answers on the same
# database score the same.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3 pgrep

mkdir -p "$T/bank"
cat >"$T/bank/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
m-1,Multi,multi,Pick the customer's two.,IAM users|Data centre|Security groups|Cables,A|C,Users and groups are the customer's.,https://example.org/m,,,no
s-1,Sort,sort,Sort the duties.,Racks|Passwords|Patching the host,AWS|Customer|AWS,Racks and hosts are AWS's.,https://example.org/s,,,
w-1,Who,who,Who patches the guest OS?,,Customer,The guest OS is the customer's.,https://example.org/w,,,
t-1,Truth,truefalse,AWS runs the hypervisor.,,true,The hypervisor is AWS's.,https://example.org/t,,,
c-1,Choice,choice,Who encrypts client-side?,The customer|AWS|Nobody,A,Client-side is the customer's.,https://example.org/c,,,no
CSV
db="$XDG_DATA_HOME/whose/default.db"
sql() { sqlite3 "$db" "$1"; }

. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=3

# The saved response of the question with bank id $2 in exam $1.
resp() { sql "SELECT coalesce(response, 'NULL') FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE exam_id = $1 AND x.qid = '$2'"; }
pos() { sql "SELECT position + 1 FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE exam_id = $1 AND x.qid = '$2'"; }
# Open question K of the exam through the navigator: g, then Right from 1.
open_q() {
	keys g
	expect_screen "navigator" "Exam: navigator"
	local k=1
	# The cursor starts on the current question: go to 1 with Left.
	for _ in 1 2 3 4 5 6; do keys Left; done
	while [ "$k" -lt "$1" ]; do keys Right; k=$((k + 1)); done
	keys Enter
	expect_screen "question $1 open" "Question $1 of"
}
# A new exam (here: one with --topic) opens on its start screen: Enter.
run_exam() {
	shell "clear; WHOSE_NOW=$1 \"$WHOSE\" exam $2; echo \"rc=\$?\""
	case "$2" in
	*--topic*)
		expect_screen "start screen" "Enter starts the exam"
		keys Enter ;;
	esac
}

# ---- 1. a tick and a placement, never confirmed, left by n, p, g ----------
run_exam 2026-03-01T10:00:00Z "--topic Multi --topic Sort --minutes 30"
expect_screen "exam starts" "Question 1 of 2"
m=$(pos 1 m-1)
srt=$(pos 1 s-1)
open_q "$m"
keys a
expect_soon "one tick saved at once" "A" resp 1 m-1
keys n p
keys c
expect_soon "second tick saved at once (left by n, back by p)" "A|C" resp 1 m-1
open_q "$srt"
keys a
expect_soon "one placement saved at once" "AWS|-|-" resp 1 s-1
open_q "$m"
expect_screen "the ticks are shown" "your answer: a, c"
# The navigator at 80x24: numbers, marks and the legend fit.
keys g
expect_screen "legend" "+ answered  - unanswered  ! marked  > cursor"
expect_screen "cells" "  1+"
keys Escape

# ---- 2. q asks first; another key stays; q closes the help overlay -------
keys q
expect_screen "q asks" "q again leaves; the exam stays open"
keys n
expect_not "still in the exam" "rc="
keys '?'
expect_screen "help open" "every question by number"
keys q
if wait_gone "Any key closes this help"; then ok; else bad "q did not close the help"; fi
expect_not "not left from the help" "rc="
keys q
expect_screen "q asks again" "q again leaves; the exam stays open"
keys q
expect_screen "q twice leaves" "rc=0"
expect_eq "terminal back" 0 "$(fmt '#{alternate_on}')"
expect_eq "left open" "" "$(sql 'SELECT finished_at FROM exams WHERE id = 1')"
expect_eq "kept after q" "A|C AWS|-|-" "$(resp 1 m-1) $(resp 1 s-1)"

# ---- 3. resume (asked on the terminal before the full screen) -------------
run_exam 2026-03-01T10:05:00Z ""
expect_screen "asked to resume" "Resume it? Enter or y resumes"
shell "y"
expect_screen "resumed" "Exam 1 resumed: 2 of 2 answered"
open_q "$srt"
expect_screen "placement kept" "your answer: AWS, -, -"
# The cursor is on the first item not placed: c places it, the cursor
# moves on to the next one not placed, a places that.
keys c a
expect_soon "sort complete, never confirmed" "AWS|Customer|AWS" resp 1 s-1
# A second terminal meanwhile: the command line is refused, and home's x
# says where the exam is and stays home.
WHOSE_BANK="$T/bank" WHOSE_SEED=3 run "$WHOSE" exam --resume </dev/null
expect_eq "second terminal refused" 1 "$rc"
expect_in "second terminal told" "exam 1 is open in another terminal" "$err"
tm new-session -d -s h -x 80 -y 24 env -i "${pane_env[@]}" "$WHOSE"
if wait_for_in h "Exam"; then ok; else bad "home did not start"; tm capture-pane -p -t h >&2; fi
tm send-keys -t h x
if wait_for_in h "exam 1 is open in another terminal"; then ok; else bad "home: no notice"; tm capture-pane -p -t h >&2; fi
tm send-keys -t h q
expect_eq "home changed nothing" "A|C AWS|Customer|AWS" "$(resp 1 m-1) $(resp 1 s-1)"
tm kill-session -t h 2>/dev/null || true
# SIGKILL: nothing to clean up, nothing lost.
pid=$(pgrep -P "$(fmt '#{pane_pid}')" || true)
if [ -n "$pid" ]; then kill -KILL "$pid"; ok; else bad "exam process not found"; fi
expect_screen "killed" "rc=137"
# A killed process cannot give the terminal back: the shell does it.
tm send-keys -t t -l "stty sane; tput rmcup; clear"
tm send-keys -t t C-j
expect_eq "kept after SIGKILL" "A|C AWS|Customer|AWS" "$(resp 1 m-1) $(resp 1 s-1)"
run_exam 2026-03-01T10:06:00Z "--resume"
expect_screen "resumed after SIGKILL" "Exam 1 resumed: 2 of 2 answered"
# Submit: graded as they stood (both right, though Enter was never pressed).
keys S
expect_screen "S asks first" "S again submits the exam"
keys S
expect_screen "submitted" "Exam submitted."
expect_screen "both right" "Score: 2 of 2 (100%): PASS"
expect_screen "time per topic" "time on it"
keys q
expect_screen "left the result" "rc=0"

# ---- 4. the clock runs out while away: submitted as it stood -------------
run_exam 2026-03-01T11:00:00Z "--topic Multi --minutes 2"
expect_screen "second exam" "Question 1 of 1"
keys a
expect_soon "a single tick" "A" resp 2 m-1
keys q q
expect_screen "left" "rc=0"
run_exam 2026-03-01T12:00:00Z "--resume"
expect_screen "ran out away" "The time ran out while you were away"
expect_screen "graded as it stood" "Score: 0 of 1 (0%): FAIL"
expect_eq "stored timed out" "1|1" "$(sql 'SELECT timed_out, finished_at - started_at = 120000 FROM exams WHERE id = 2')"
keys w
expect_screen "review the wrong one" "1 of 1 (wrong or unanswered)"
keys q
expect_screen "left again" "rc=0"

# ---- 4b. the clock runs out on screen before Enter: the ticks count ------
# A one-minute exam, left at once and resumed 55 seconds on (WHOSE_NOW):
# five seconds to tick both, never pressing Enter.
run_exam 2026-03-01T13:00:00Z "--topic Multi --minutes 1"
expect_screen "a one-minute exam" "Question 1 of 1"
keys q q
expect_screen "left at once" "rc=0"
run_exam 2026-03-01T13:00:55Z "--resume"
expect_screen "resumed with seconds left" "Exam 3 resumed"
keys a c
expect_screen "time up on screen" "Time is up: the exam was submitted."
expect_screen "the ticks graded as they stood" "Score: 1 of 1 (100%): PASS"
expect_eq "stored" "A|C 1" "$(resp 3 m-1) $(sql 'SELECT correct FROM exams WHERE id = 3')"
keys q
expect_screen "left the timed-out result" "rc=0"

# ---- 5. whose exams show N: read only, filters ---------------------------
shell "clear; \"$WHOSE\" exams show 1; echo \"rc=\$?\""
expect_screen "read only" "exam 1 (read only)"
keys a
expect_screen "all" "1 of 2 (all)"
keys t
expect_screen "one topic" "1 of 1 (Multi)"
keys t
expect_screen "next topic" "1 of 1 (Sort)"
keys q
expect_screen "show left" "rc=0"
shell "clear; \"$WHOSE\" exams show 1 --topic sort; echo \"rc=\$?\""
expect_screen "opens on the topic asked for" "1 of 1 (Sort)"
keys q
expect_screen "show left again" "rc=0"
expect_eq "nothing written" "2" "$(sql 'SELECT correct FROM exams WHERE id = 1')"

# ---- 6. plain and full screen: same answers, same result ------------------
run_exam 2026-03-02T10:00:00Z "--topic Who --topic Truth --topic Choice --questions 3"
expect_screen "fourth exam" "Question 1 of 3"
# The same letters in every mode: who a (AWS, wrong), true/false f
# (wrong), choice a (right), in the order the seed gave.
key_of() {
	case $(sql "SELECT x.qid FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE exam_id = 4 AND position = $1") in
	w-1) echo a ;; t-1) echo f ;; c-1) echo a ;;
	esac
}
k1=$(key_of 0) k2=$(key_of 1) k3=$(key_of 2)
keys "$k1"
expect_screen "on to 2" "Question 2 of 3"
keys "$k2"
expect_screen "on to 3" "Question 3 of 3"
keys "$k3"
keys S S
expect_screen "tui scored" "Exam submitted."
keys q
expect_screen "tui left" "rc=0"
# The one-key types too survive SIGKILL and resume: a fifth exam,
# answered 1 2 1 as above, killed, resumed and submitted.
run_exam 2026-03-02T12:00:00Z "--topic Who --topic Truth --topic Choice --questions 3"
expect_screen "one-key exam" "Question 1 of 3"
keys "$k1"
expect_screen "one-key: on to 2" "Question 2 of 3"
keys "$k2"
expect_screen "one-key: on to 3" "Question 3 of 3"
keys "$k3"
expect_screen "one-key: all answered" "Answered 3 of 3"
pid=$(pgrep -P "$(fmt '#{pane_pid}')" || true)
if [ -n "$pid" ]; then kill -KILL "$pid"; ok; else bad "exam process not found"; fi
expect_screen "one-key: killed" "rc=137"
tm send-keys -t t -l "stty sane; tput rmcup; clear"
tm send-keys -t t C-j
run_exam 2026-03-02T12:01:00Z "--resume"
expect_screen "one-key: resumed" "Exam 5 resumed: 3 of 3 answered"
keys S S
expect_screen "one-key: submitted" "Exam submitted."
keys q
expect_screen "one-key: left" "rc=0"
expect_eq "one-key: as before the kill" "$(sql "SELECT group_concat(coalesce(response, '-')) FROM exam_answers WHERE exam_id = 4")" \
	"$(sql "SELECT group_concat(coalesce(response, '-')) FROM exam_answers WHERE exam_id = 5")"
expect_eq "one-key: same result" "$(sql 'SELECT correct FROM exams WHERE id = 4')" "$(sql 'SELECT correct FROM exams WHERE id = 5')"

# The same questions (same seed), the same keys, in plain mode.
out=$(printf '%s\n%s\n%s\nsubmit\n' "$k1" "$k2" "$k3" | WHOSE_BANK="$T/bank" WHOSE_SEED=3 WHOSE_NOW=2026-03-02T11:00:00Z \
	"$WHOSE" --plain exam --topic Who --topic Truth --topic Choice --questions 3 2>&1)
expect_in "plain scored" "Exam submitted." "$out"
expect_eq "same questions" "$(sql 'SELECT group_concat(question_id) FROM exam_answers WHERE exam_id = 4')" \
	"$(sql 'SELECT group_concat(question_id) FROM exam_answers WHERE exam_id = 6')"
expect_eq "same responses" "$(sql "SELECT group_concat(coalesce(response, '-')) FROM exam_answers WHERE exam_id = 4")" \
	"$(sql "SELECT group_concat(coalesce(response, '-')) FROM exam_answers WHERE exam_id = 6")"
expect_eq "same result" "$(sql 'SELECT correct, passed FROM exams WHERE id = 4')" \
	"$(sql 'SELECT correct, passed FROM exams WHERE id = 6')"

finish
