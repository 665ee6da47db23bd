#!/usr/bin/env bash
# End-to-end: mock exams through pipes (answers, flags, the review list,
# going back, submitting with confirmation, the result), what they store,
# `whose exams`, an idle learner submitted when the time runs out, and the
# usage errors.
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=7 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
# Every who answer is AWS and the choice's is its first (a), so that a is
# right and c wrong whatever the order of the questions (the same letters
# as in every mode).  True/false has a bank of its own below (t and f).
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
a-1,Alpha,who,Alpha one: whose duty?,,AWS,Alpha one is AWS's.,https://example.org/a1,,,
a-2,Alpha,who,Alpha two: whose duty?,,AWS,Alpha two is AWS's.,https://example.org/a2,,,
a-3,Alpha,who,Alpha three: whose duty?,,AWS,Alpha three is AWS's.,https://example.org/a3,,,
b-1,Beta,who,Beta one: whose duty?,,AWS,Beta one is AWS's.,https://example.org/b1,,,
b-2,Beta,who,Beta two: whose duty?,,AWS,Beta two holds.,https://example.org/b2,,,
g-1,Gamma,choice,Gamma one: pick the right one.,Right one|Wrong one|Also wrong,A,Gamma one is the first.,https://example.org/g1,,B: Not this one.|C: Nor this.,no
g-2,Gamma,card,Front of a card,,Back of a card,Cards are never in exams.,src,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }

# 0. An idle learner on another profile: nothing is typed (the input stays
# open: this script holds a FIFO's writing end), and poll() wakes the exam
# at zero.  So that nothing waits a real minute, the one-minute exam is
# left at once and resumed with WHOSE_NOW 59 seconds on: one second is
# left.  It runs while the rest goes on.
printf 'q\nq\n' | "$WHOSE" --profile idle exam --questions 2 --minutes 1 >"$T/idle0.out" 2>&1
mkfifo "$T/idle.in"
WHOSE_NOW=2026-03-01T10:00:59Z "$WHOSE" --profile idle exam --resume <"$T/idle.in" >"$T/idle.out" 2>&1 &
idle_pid=$!
exec 7>"$T/idle.in"

# 1. Answer, mark, list, move on, answer wrongly, go back, go to 2, answer,
# list again, a bad answer, submit (asked to confirm: 4 is unanswered).
run "$WHOSE" exam --questions 4 <<'IN'
a
m
r
n
c
p
g 2
a
r
zzz
submit
submit
IN
expect_eq "exam exit" 0 "$rc"
expect_in "banner" "Exam: 4 questions, 90 minutes, pass mark 70%. No feedback until the end." "$out"
expect_in "first question" "Question 1 of 4  Time left 90:00" "$out"
expect_in "who by its letters" "  s) Shared" "$out"
expect_in "marked" "Marked question 2." "$out"
expect_in "review list" "Unanswered (3): 2, 3, 4.
Marked: 2." "$out"
expect_in "mark shown" "Question 2 of 4 (marked)" "$out"
expect_in "answer kept" "Your answer: Customer (type another to change it; clear takes it back)" "$out"
expect_in "review list later" "Unanswered (1): 4.
Marked: 2." "$out"
expect_in "hint" "(? for help)" "$out"
expect_in "confirm" "submit again (or submit!) hands it in; 1 unanswered count as wrong: 4" "$out"
expect_in "submitted" "Exam submitted." "$out"
expect_in "score" "Score: 2 of 4 (50%): FAIL (pass mark 70%)." "$out"
expect_in "time used" "Time used: 0:0" "$out"
expect_in "unanswered listed" "Your answer: none (unanswered)" "$out"
expect_in "wrong listed" "Your answer: Customer
WRONG: the answer is AWS." "$out"
expect_in "saved as" "Saved as exam 1: whose exams lists your results; whose exams show 1 reviews it." "$out"
case "${out%%Exam submitted.*}" in *"RIGHT:"*|*"WRONG:"*) bad "feedback before the end" ;; *) ok ;; esac
# The breakdown printed is the one stored, topic by topic.
while IFS='|' read -r name right total; do
	line=$(printf '  %-32s %3d/%-3d %3d%%' "$name" "$right" "$total" $((right * 100 / total)))
	expect_in "breakdown $name" "$line" "$out"
done < <(q "SELECT t.name, sum(ea.correct), count(*) FROM exam_answers ea JOIN topics t ON t.id = ea.topic_id GROUP BY t.name ORDER BY t.name")
# 4 of Alpha 3, Beta 2, Gamma 1: Alpha's share is 2 exactly; the two left
# go to Beta (1.33) and Gamma (0.67) by their remainders, at random.
expect_eq "topic quotas" "2|2" "$(q "SELECT sum(t.name = 'Alpha'), sum(t.name != 'Alpha') FROM exam_answers ea JOIN topics t ON t.id = ea.topic_id")"
expect_eq "beta at least one" 1 "$(q "SELECT count(*) >= 1 FROM exam_answers ea JOIN topics t ON t.id = ea.topic_id WHERE t.name = 'Beta'")"
expect_eq "exam row" "4|2|0|0|1" "$(q 'SELECT questions, correct, passed, timed_out, finished_at IS NOT NULL FROM exams')"
expect_eq "answers stored" "4|3|1|2" "$(q 'SELECT count(*), count(response), sum(flagged), sum(correct) FROM exam_answers')"
expect_eq "flag on 2" 1 "$(q 'SELECT position FROM exam_answers WHERE flagged')"
# The exam's mark is the learner's one bookmark, listed on the home screen.
expect_eq "the same bookmark" 1 "$(q 'SELECT count(*) FROM marks m JOIN exam_answers ea USING (question_id) WHERE ea.flagged')"
expect_eq "unanswered is 4" 3 "$(q 'SELECT position FROM exam_answers WHERE response IS NULL')"
expect_eq "right ones match the key" 2 "$(q 'SELECT count(*) FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE ea.response = x.answer')"
expect_eq "logged as exam" "3|2" "$(q "SELECT count(*), sum(correct) FROM reviews WHERE mode = 'exam'")"
expect_eq "counted per topic" "3|2" "$(q 'SELECT sum(answers), sum(correct) FROM topics')"
expect_eq "nothing scheduled" 0 "$(q 'SELECT count(*) FROM cards WHERE state != 0')"
expect_eq "no card asked" 0 "$(q "SELECT count(*) FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE x.type = 'card'")"

# 2. Every question, every answer wrong: each explained, why-not included.
export WHOSE_NOW=2026-03-01T11:00:00Z
run "$WHOSE" exam --questions 6 <<'IN'
c
c
c
c
c
c
submit
IN
expect_in "all six" "Question 6 of 6" "$out"
expect_in "last question" "Last question answered: r lists unanswered and marked, submit hands it in." "$out"
expect_in "zero" "Score: 0 of 6 (0%): FAIL (pass mark 70%)." "$out"
expect_in "alpha row" "  Alpha                              0/3     0%" "$out"
expect_in "beta row" "  Beta                               0/2     0%" "$out"
expect_in "gamma row" "  Gamma                              0/1     0%" "$out"
expect_in "why not" "Why not c: Nor this." "$out"
expect_in "right choice" "WRONG: the answer is a.
  a) Right one" "$out"
expect_in "source" "Source: https://example.org/g1" "$out"
expect_in "wrong count" "Wrong or unanswered: 6." "$out"

# 3. Asking for more than there is; all right; a lower pass mark.
export WHOSE_NOW=2026-03-01T12:00:00Z
run "$WHOSE" exam --questions 100 --pass 50 <<'IN'
a
a
a
a
a
a
submit
IN
expect_in "all of them" "Only 6 questions can be asked, not 100: the exam has all 6." "$out"
expect_in "pass" "Score: 6 of 6 (100%): PASS (pass mark 50%)." "$out"
expect_in "all right" "Every answer was right." "$out"
expect_eq "three exams" 3 "$(q 'SELECT count(*) FROM exams WHERE finished_at IS NOT NULL')"

# 4. End of input never submits: the exam stays open, and stderr says so;
# resumed, it is submitted as it was left.  submit! does not ask.
export WHOSE_NOW=2026-03-02T09:00:00Z
run "$WHOSE" exam --questions 3 <<'IN'
a
IN
expect_eq "eof exit" 0 "$rc"
expect_in "eof leaves it open" "Exam 4 left open: 1 of 3 answered, all saved." "$out"
expect_in "eof said on stderr" "end of input: exam 4 was not submitted; it stays open" "$err"
case "$out" in *"Score:"*) bad "end of input submitted the exam" ;; *) ok ;; esac
expect_eq "eof: open in the store" "|1" "$(q 'SELECT finished_at, count(response) FROM exam_answers ea JOIN exams e ON e.id = ea.exam_id WHERE e.id = 4')"
run "$WHOSE" exam --resume <<'IN'
submit!
IN
expect_in "eof score" "Score: 1 of 3 (33%): FAIL" "$out"
export WHOSE_NOW=2026-03-02T10:00:00Z
run "$WHOSE" exam --questions 2 <<'IN'
submit!
IN
case "$out" in *"submit again (or submit!)"*) bad "submit! asked to confirm" ;; *) ok ;; esac
expect_in "submit now" "Score: 0 of 2 (0%)" "$out"
expect_eq "five exams" 5 "$(q 'SELECT count(*) FROM exams WHERE finished_at IS NOT NULL')"

# 5. whose exams: the list and the trend.
run "$WHOSE" exams
expect_eq "exams exit" 0 "$rc"
expect_in "header" "Exam  Date              Questions  Score  Result  Time used" "$out"
expect_in "first" "   1  2026-03-01 10:00          4    50%  fail         0:0" "$out"
expect_in "third" "   3  2026-03-01 12:00          6   100%  pass         0:0" "$out"
expect_in "trend" "Trend: 5 submitted, 1 passed; last 0% (-33 points since the one before);
       best 100%; average of the last 5: 37%." "$out"
run "$WHOSE" exams --limit 2
expect_eq "limit" 5 "$(printf '%s\n' "$out" | wc -l)"
run "$WHOSE" --profile fresh exams
expect_in "none yet" "No exams yet" "$out"

# 5b. True or false by t and f, as in every mode.
mkdir -p "$T/tfbank"
cat >"$T/tfbank/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Tee,truefalse,Tee one is true.,,true,Tee one holds.,src,,,
CSV
WHOSE_BANK="$T/tfbank" run "$WHOSE" --profile tf exam --questions 1 <<'IN'
f
submit
IN
expect_in "true false" "Your answer: false
WRONG: the answer is true." "$out"
expect_in "t f labels" "  t) true
  f) false" "$out"

# 5c. Shared twice submits nothing: s answers, and only the word submit
# hands the exam in; q q leaves it open.
export WHOSE_NOW=2026-03-03T10:00:00Z
mkdir -p "$T/whobank"
grep -v -e '^g-' -e '^b-2' "$WHOSE_BANK/t.csv" >"$T/whobank/t.csv"
WHOSE_BANK="$T/whobank" run "$WHOSE" --profile shared exam --questions 3 <<'IN'
s
s
q
q
IN
expect_in "shared twice: answered" "Exam 1 left open: 2 of 3 answered, all saved." "$out"
case "$out" in *"Score:"*|*"submitted"*) bad "s submitted the exam" ;; *) ok ;; esac
expect_eq "shared twice: open" "0|2" "$(sqlite3 "$XDG_DATA_HOME/whose/shared.db" "SELECT count(finished_at), (SELECT count(*) FROM exam_answers WHERE response = 'Shared') FROM exams")"

# 6. Usage errors: one line naming the option, exit 2.
run "$WHOSE" exam --questions 0
expect_eq "zero questions exit" 2 "$rc"
expect_eq "zero questions message" "whose: exam: '--questions' needs a whole number from 1 to 1000" "$err"
run "$WHOSE" exam --questions 12x
expect_eq "bad number exit" 2 "$rc"
run "$WHOSE" exam --minutes 0
expect_eq "minutes message" "whose: exam: '--minutes' needs a whole number from 1 to 1440" "$err"
run "$WHOSE" exam --pass 101
expect_eq "pass message" "whose: exam: '--pass' needs a whole number from 1 to 100" "$err"
run "$WHOSE" exam --bogus
expect_eq "unknown option exit" 2 "$rc"
expect_in "unknown option message" "whose: exam: unknown option '--bogus'" "$err"
run "$WHOSE" exam extra
expect_eq "extra argument exit" 2 "$rc"
run "$WHOSE" exams --limit -1
expect_eq "exams limit exit" 2 "$rc"

# 0, continued: the idle exam ended by itself at zero, timed out.
wait "$idle_pid"
idle_rc=$?
exec 7>&-
expect_eq "idle exit" 0 "$idle_rc"
idle=$(cat "$T/idle.out")
expect_in "idle timed out" "Time is up: the exam was submitted." "$idle"
expect_in "idle score" "Score: 0 of 2 (0%): FAIL" "$idle"
expect_in "idle time used" "Time used: 1:00 of 1:00 (the time ran out)." "$idle"
expect_eq "idle stored" "1|1" "$(sqlite3 "$XDG_DATA_HOME/whose/idle.db" 'SELECT timed_out, finished_at - started_at = 60000 FROM exams')"

# Readiness was recorded for every question as each exam was drawn, and
# whose stats compares it with the answers (the Brier score).
expect_eq "every question predicted" 0 "$(q 'SELECT count(*) FROM exam_answers WHERE predicted IS NULL OR predicted < 0 OR predicted > 1')"
run "$WHOSE" stats
expect_in "brier in stats" "Brier score" "$out"
brier=$("$WHOSE" stats --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["exam_calibration"]["exams"])')
expect_eq "brier counts the submitted exams" "$(q 'SELECT count(*) FROM exams WHERE finished_at IS NOT NULL AND NOT abandoned')" "$brier"

finish
