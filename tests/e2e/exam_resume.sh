#!/usr/bin/env bash
# End-to-end: an exam left and taken up again, in plain mode.  Each
# question type keeps its response when the exam is left with q and
# resumed (asked, or --resume), and when the process is killed (SIGKILL)
# and resumed; an exam whose time ran out while away is submitted as it
# stood on the next start; while one terminal has it open, another can
# neither resume nor give it up; --pause-when-away stops its clock; --abandon
# gives it up; --topic limits the topics; `whose exams show N` reviews a
# past exam read-only.  The clock is moved with WHOSE_NOW: nothing waits.
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=11 TZ=UTC
mkdir -p "$WHOSE_BANK"
# One question of each type, in bank order (no shuffle), each in its topic.
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
w-1,Who,who,Who patches the guest OS?,,Customer,The guest OS is the customer's.,https://example.org/w,,,
t-1,Truth,truefalse,AWS runs the hypervisor.,,true,The hypervisor is AWS's.,https://example.org/t,,,
c-1,Choice,choice,Who encrypts S3 objects client-side?,The customer|AWS|Nobody,A,Client-side is the customer's.,https://example.org/c,,,no
m-1,Multi,multi,Pick the customer's two.,IAM users|Data centre|Security groups|Cables,A|C,Users and groups are the customer's.,https://example.org/m,,,no
s-1,Sort,sort,Sort the duties.,Racks|Passwords|Patching the host,AWS|Customer|AWS,Racks and hosts are AWS's.,https://example.org/s,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }
at() { export WHOSE_NOW="$1"; }

# The right answer line of each question, by bank id, in the labels of
# every mode: who a AWS c Customer s Shared; true/false t f; choices by
# letter (a multi gets as many as it wants); sort a letter per item.
right_of() {
	case "$1" in
	w-1) echo c ;; t-1) echo t ;; c-1) echo a ;; m-1) echo "a c" ;; s-1) echo "a c a" ;;
	esac
}
wrong_of() {
	case "$1" in
	w-1) echo a ;; t-1) echo f ;; c-1) echo c ;; m-1) echo "b d" ;; s-1) echo "c c c" ;;
	esac
}

# 1. Start, leave at once with q: open, listed as open.
at 2026-03-01T10:00:00Z
run "$WHOSE" exam --questions 5 --minutes 30 <<'IN'
q
q
IN
expect_eq "leave exit" 0 "$rc"
expect_in "left open" "Exam 1 left open: 0 of 5 answered, all saved.
'whose exam' resumes it; its clock keeps running meanwhile." "$out"
expect_eq "open in the store" "1|" "$(q 'SELECT id, finished_at FROM exams')"
expect_eq "away noted" 1 "$(q 'SELECT away_since - started_at BETWEEN 0 AND 5000 FROM exams')"
run "$WHOSE" exams
expect_in "listed open" "open: whose exam --resume" "$out"
# The shown order is stored with every question.
expect_eq "orders stored" 5 "$(q "SELECT count(*) FROM exam_answers WHERE shown != '' OR question_id IN (SELECT id FROM questions WHERE type IN ('who', 'truefalse'))")"
mapfile -t order < <(q 'SELECT x.qid FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE exam_id = 1 ORDER BY position')
expect_eq "five positions" 5 "${#order[@]}"

# 2. Resume with --resume; answer each type, leaving each question a
# different way (answering moves on; n, p, g K move), then q.
at 2026-03-01T10:05:00Z
{
	for i in 0 1 2 3 4; do
		right_of "${order[$i]}"
		case $i in 1) echo p; echo n ;; 2) echo "g 1"; echo "g 4" ;; 3) echo q; echo "g 5" ;; esac
	done
	echo q; echo q
} >"$T/answers.in"
run "$WHOSE" exam --resume <"$T/answers.in"
expect_eq "resume exit" 0 "$rc"
# WHOSE_NOW runs on in real time: a second either way.
expect_eq "resumed" 1 "$(printf '%s\n' "$out" | grep -cE '^Exam 1 resumed: 0 of 5 answered, (24:59|25:00|25:01) left\.$')"
expect_in "q asks first" "q again leaves; the exam stays open" "$out"
expect_in "left again" "Exam 1 left open: 5 of 5 answered" "$out"
expect_eq "all saved and right" "5|5" "$(q 'SELECT count(response), sum(correct) FROM exam_answers WHERE exam_id = 1')"
expect_eq "answered at stored" 5 "$(q 'SELECT count(answered_at) FROM exam_answers WHERE exam_id = 1')"

# 3. whose exam asks about the open exam; Enter resumes.  Each answer is
# shown as it was kept; submit! scores them as they stood.
at 2026-03-01T10:10:00Z
run "$WHOSE" exam <<'IN'

g 4
submit!
IN
expect_in "asks" "Exam 1 (5 questions, started 2026-03-01 10:00) is open, every answer saved." "$out"
expect_eq "clock kept running" 1 "$(printf '%s\n' "$out" | grep -cE '^Its clock kept running while you were away: (19:59|20:00|20:01) left\.$')"
expect_eq "resumed by asking" 1 "$(printf '%s\n' "$out" | grep -cE 'Exam 1 resumed: 5 of 5 answered, (19:59|20:00|20:01) left\.$')"
expect_in "answer kept" "Your answer: " "$out"
expect_in "all right" "Score: 5 of 5 (100%): PASS" "$out"
expect_eq "closed" "1|5|0" "$(q 'SELECT finished_at IS NOT NULL, correct, timed_out FROM exams WHERE id = 1')"

# 4. SIGKILL in the middle: every answer given before it is kept.  Two
# wrong, three right; the process is killed before it is submitted.
at 2026-03-01T11:00:00Z
mkfifo "$T/kill.in"
"$WHOSE" exam --questions 5 --minutes 30 <"$T/kill.in" >"$T/kill.out" 2>&1 &
kill_pid=$!
exec 8>"$T/kill.in"
for i in 0 1 2 3 4; do
	if [ $i -lt 2 ]; then wrong_of "${order[$i]}"; else right_of "${order[$i]}"; fi
done >&8
for _ in $(seq 100); do
	[ "$(q 'SELECT count(response) FROM exam_answers WHERE exam_id = 2')" = 5 ] && break
	sleep 0.1
done
# Meanwhile a second terminal can neither resume it, give it up nor be
# asked about it: it is told where the exam is, and nothing changes.
run "$WHOSE" exam --resume </dev/null
expect_eq "second terminal: resume exit" 1 "$rc"
expect_in "second terminal: resume" "exam 2 is open in another terminal: carry on there, or leave it there (q)" "$err"
run "$WHOSE" exam --abandon --questions 1 </dev/null
expect_eq "second terminal: abandon exit" 1 "$rc"
expect_in "second terminal: abandon" "exam 2 is open in another terminal" "$err"
run "$WHOSE" exam </dev/null
expect_eq "second terminal: start exit" 1 "$rc"
case "$out" in *"Resume it?"*) bad "asked about an exam open in another terminal" ;; *) ok ;; esac
expect_eq "second terminal changed nothing" "|0|1" "$(q 'SELECT finished_at, abandoned, (SELECT count(*) FROM exams) - 1 FROM exams WHERE id = 2')"
kill -KILL "$kill_pid"
wait "$kill_pid" 2>/dev/null
exec 8>&-
expect_eq "killed open" "" "$(q 'SELECT finished_at FROM exams WHERE id = 2')"
expect_eq "saved before the kill" "5|3" "$(q 'SELECT count(response), sum(correct) FROM exam_answers WHERE exam_id = 2')"
at 2026-03-01T11:02:00Z
run "$WHOSE" exam --resume <<'IN'
submit!
IN
expect_in "killed then resumed" "Exam 2 resumed: 5 of 5 answered" "$out"
expect_in "graded as they stood" "Score: 3 of 5 (60%): FAIL" "$out"

# 5. The time runs out while away: the next start submits it as it stood.
at 2026-03-01T12:00:00Z
run "$WHOSE" exam --questions 5 --minutes 2 <<IN
$(right_of "${order[0]}")
q
q
IN
expect_in "left third" "Exam 3 left open: 1 of 5 answered" "$out"
at 2026-03-01T12:30:00Z
run "$WHOSE" exam --resume </dev/null
expect_eq "expired exit" 0 "$rc"
expect_in "ran out away" "The time ran out while you were away: the exam was submitted as it stood." "$out"
expect_in "its one answer" "Score: 1 of 5 (20%): FAIL" "$out"
expect_in "time used" "Time used: 2:00 of 2:00 (the time ran out)." "$out"
expect_eq "timed out at the deadline" "1|1" "$(q 'SELECT timed_out, finished_at - started_at = 120000 FROM exams WHERE id = 3')"
run "$WHOSE" exam --resume </dev/null
expect_eq "nothing open exit" 1 "$rc"
expect_in "nothing open" "no exam is open" "$err"

# 6. --pause-when-away: ten minutes away cost nothing.
at 2026-03-01T13:00:00Z
run "$WHOSE" exam --questions 5 --minutes 2 --pause-when-away <<'IN'
q
q
IN
expect_in "paused leave" "its clock stands still meanwhile" "$out"
at 2026-03-01T13:10:00Z
run "$WHOSE" exam --resume <<'IN'
q
q
IN
expect_in "clock stood still" "Exam 4 resumed: 0 of 5 answered, 2:00 left (its clock stood still)." "$out"
# Ten minutes of WHOSE_NOW, give or take the real time between the runs.
expect_eq "paused ms" 1 "$(q 'SELECT paused_ms BETWEEN 599000 AND 601000 FROM exams WHERE id = 4')"

# 7. Refusing, then giving up: the prompt's q keeps it; --abandon closes
# it uncounted and starts a new one.
run "$WHOSE" exam <<'IN'
q
IN
expect_in "kept open" "Exam 4 stays open: 'whose exam --resume' continues it,
'whose exam --abandon' gives it up." "$out"
# "Not now" never loses it: n, no, q and end of input keep it open; a
# stray word asks again.  Only the word abandon gives it up.
for answer in n no q ''; do
	if [ -n "$answer" ]; then
		run "$WHOSE" exam <<<"$answer"
	else
		run "$WHOSE" exam </dev/null
	fi
	expect_in "prompt: '$answer' keeps it" "Exam 4 stays open" "$out"
	expect_eq "prompt: '$answer' left it open" "|0" "$(q 'SELECT finished_at, abandoned FROM exams WHERE id = 4')"
done
expect_in "prompt names the word" "typing
abandon gives it up (not counted) and starts a new one:" "$out"
run "$WHOSE" exam --questions 2 <<'IN'
abandonn
abandon
submit!
IN
expect_eq "abandon: two prompts" 2 "$(printf '%s\n' "$out" | grep -c 'Resume it?')"
expect_in "given up by the word" "Exam 4 was given up (not counted); a new one starts." "$out"
expect_eq "abandoned by the word" "1|1" "$(q 'SELECT abandoned, finished_at IS NOT NULL FROM exams WHERE id = 4')"
# --abandon on the command line gives up the open one without asking.
printf 'q\nq\n' | "$WHOSE" exam --questions 2 >/dev/null 2>&1
run "$WHOSE" exam --abandon --questions 2 <<'IN'
submit!
IN
expect_in "given up" "Exam 6 was given up (not counted); a new one starts." "$out"
expect_eq "abandoned row" "1|1" "$(q 'SELECT abandoned, finished_at IS NOT NULL FROM exams WHERE id = 4')"
run "$WHOSE" exams
expect_in "listed given up" "   4  2026-03-01 13:00          5      -  given up" "$out"
expect_in "trend skips it" "Trend: 5 submitted" "$out"
run "$WHOSE" exam --resume --abandon
expect_eq "both flags" 2 "$rc"
run "$WHOSE" exam --resume --questions 3
expect_eq "resume with options" 2 "$rc"

# 8. --topic: a section test of one or two topics, any case.
at 2026-03-01T14:00:00Z
run "$WHOSE" exam --topic multi --topic SORT --questions 10 <<'IN'
submit!
IN
expect_in "two topics only" "Only 2 questions can be asked, not 10" "$out"
expect_eq "topics of the section" "Multi Sort" "$(q 'SELECT group_concat(t.name, " ") FROM (SELECT t.name FROM exam_answers ea JOIN topics t ON t.id = ea.topic_id WHERE exam_id = 8 ORDER BY t.name) t')"
# A topic that no name finds is a usage error, as for practice and drill.
run "$WHOSE" exam --topic Nowhere
expect_eq "unknown topic exit" 2 "$rc"
expect_in "unknown topic" "no topic named 'Nowhere'" "$err"

# No line of what the exams printed is wider than 80 columns (the help and
# the question texts aside).
run "$WHOSE" exams
expect_eq "exams list fits" 0 "$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)"

# 9. whose exams show N: read-only, all or filtered, with time per question.
run "$WHOSE" exams show 2
expect_eq "show exit" 0 "$rc"
expect_in "show score" "Score: 3 of 5 (60%): FAIL" "$out"
expect_eq "show lists all" 5 "$(printf '%s\n' "$out" | grep -c '^Question [1-5] of 5')"
expect_in "show time" "Time on it " "$out"
expect_in "show explains" "Why: " "$out"
run "$WHOSE" exams show 2 --wrong
expect_eq "show wrong" 2 "$(printf '%s\n' "$out" | grep -c '^Question [1-5] of 5')"
run "$WHOSE" exams show 2 --topic Sort
expect_eq "show topic" 1 "$(printf '%s\n' "$out" | grep -c '^Question [1-5] of 5')"
run "$WHOSE" exams show 2 --flagged
expect_in "show none flagged" "No question of this exam is flagged." "$out"
expect_eq "show wrote nothing" "3|5" "$(q 'SELECT correct, questions FROM exams WHERE id = 2')"
run "$WHOSE" exams show 99
expect_eq "show missing exit" 1 "$rc"
expect_in "show missing" "there is no exam 99" "$err"
run "$WHOSE" exams show
expect_eq "show needs N" 2 "$rc"
run "$WHOSE" exams show 2 --wrong --flagged
expect_eq "show one filter" 2 "$rc"

# 10. The setting exam-pause-when-away does the same for every new exam.
"$WHOSE" config exam-pause-when-away on >/dev/null
at 2026-03-01T15:00:00Z
printf 'q\nq\n' | "$WHOSE" exam --questions 1 >/dev/null 2>&1
expect_eq "setting pauses" "1" "$(q 'SELECT pause_when_away FROM exams ORDER BY id DESC LIMIT 1')"
at 2026-03-01T15:20:00Z
run "$WHOSE" exam --resume <<'IN'
submit!
IN
expect_in "setting: clock stood still" "(its clock stood still)" "$out"
"$WHOSE" config exam-pause-when-away off >/dev/null

# 11. Not asked about, nor given up: an exam over is submitted as it stood.
at 2026-03-01T16:00:00Z
printf '%s\nq\nq\n' "$(right_of "${order[0]}")" | "$WHOSE" exam --questions 5 --minutes 2 >/dev/null 2>&1
at 2026-03-01T16:10:00Z
run "$WHOSE" exam </dev/null
case "$out" in *"Resume it?"*) bad "asked about an exam whose time ran out" ;; *) ok ;; esac
expect_in "over: submitted without asking" "The time ran out while you were away: the exam was submitted as it stood." "$out"
at 2026-03-01T16:12:00Z
printf '%s\nq\nq\n' "$(right_of "${order[0]}")" | "$WHOSE" exam --questions 5 --minutes 2 >/dev/null 2>&1
at 2026-03-01T16:18:00Z
run "$WHOSE" exam --abandon --questions 1 <<'IN'
submit!
IN
expect_in "over: submitted, not given up" "time ran out while you were away: it was submitted as it stood" "$out"
expect_eq "over exams scored" "1|1|0
1|1|0" "$(q "SELECT timed_out, correct, abandoned FROM exams WHERE started_at >= strftime('%s', '2026-03-01T16:00:00') * 1000 AND started_at < strftime('%s', '2026-03-01T16:18:00') * 1000")"

finish
