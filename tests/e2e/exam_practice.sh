#!/usr/bin/env bash
# End-to-end through pipes: an exam's result groups its topics into the
# areas defined in the core (the bundled bank's topic names; another
# bank's topic is under "Other topics") and offers 'whose practice --exam
# N', which asks exactly the questions missed in exam N, in exam order,
# and moves no due date.  Exams still open or given up have nothing to
# practise; an exam all right says so.
. "$(dirname "$0")/lib.sh"

need sqlite3

export WHOSE_BANK="$T/bank" WHOSE_SEED=5 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
# Answer a is right for every question (who: AWS) and c wrong.
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
i-1,IAM,who,IAM one: whose duty?,,AWS,IAM one is AWS's.,https://example.org/i1,,,
i-2,Governance & accounts,who,Gov one: whose duty?,,AWS,Gov one is AWS's.,https://example.org/i2,,,
s-1,S3,who,S3 one: whose duty?,,AWS,S3 one holds.,https://example.org/s1,,,
s-2,RDS,who,RDS one: whose duty?,,AWS,RDS one is AWS's.,https://example.org/s2,,,
z-1,Zeta,who,Zeta one: whose duty?,,AWS,Zeta one is AWS's.,https://example.org/z1,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }

# Exam 1: answers a c a c, the fifth unanswered: three missed.
run "$WHOSE" exam --questions 5 <<'IN'
a
c
a
c
submit!
IN
expect_eq "exam exit" 0 "$rc"
expect_in "areas" "By area:" "$out"
# Each area's line is what the store holds for its topics.
area_line() {  # NAME TOPICS-SQL-LIST
	local right total
	IFS='|' read -r right total < <(q "SELECT sum(ea.correct), count(*) FROM exam_answers ea JOIN topics t ON t.id = ea.topic_id WHERE ea.exam_id = 1 AND t.name IN ($2)")
	printf '  %-32s %3d/%-3d %3d%%' "$1" "$right" "$total" $((right * 100 / total))
}
expect_in "identity area" "$(area_line 'Identity & governance' "'IAM', 'Governance & accounts'")" "$out"
expect_in "data area" "$(area_line 'Data & encryption' "'S3', 'RDS'")" "$out"
expect_in "another bank's topic" "$(area_line 'Other topics' "'Zeta'")" "$out"
case "$out" in *"Foundations"*) bad "an area with no question shown" ;; *) ok ;; esac
expect_in "offer" "whose practice --exam 1 practises the 3 you missed (no due date moves)." "$out"
missed=$(q 'SELECT group_concat(qid) FROM (SELECT x.qid FROM exam_answers ea JOIN questions x ON x.id = ea.question_id WHERE ea.exam_id = 1 AND NOT ea.correct ORDER BY ea.position)')
expect_eq "three missed" 3 "$(q 'SELECT count(*) FROM exam_answers WHERE exam_id = 1 AND NOT correct')"
run "$WHOSE" exams show 1
expect_in "offer in show" "whose practice --exam 1 practises the 3 you missed" "$out"

# practice --exam 1: the three missed, in exam order, and nothing moves.
dues=$(q 'SELECT group_concat(due || ":" || state) FROM cards')
run "$WHOSE" practice --exam 1 <<'IN'
a

a

a

IN
expect_eq "practice exit" 0 "$rc"
expect_in "practice banner" "Practice: the 3 questions you missed in exam 1 (no due date moves)." "$out"
asked=$(q "SELECT group_concat(qid) FROM (SELECT x.qid FROM reviews r JOIN questions x ON x.id = r.question_id WHERE r.mode = 'practice' ORDER BY r.id)")
expect_eq "asked exactly the missed ones, in order" "$missed" "$asked"
expect_eq "nothing scheduled" "$dues" "$(q 'SELECT group_concat(due || ":" || state) FROM cards')"

# Nothing to practise: an exam all right; one open; one given up; none.
export WHOSE_NOW=2026-03-01T11:00:00Z
printf 'a\na\na\na\na\nsubmit!\n' | "$WHOSE" exam --questions 5 >/dev/null 2>&1
run "$WHOSE" practice --exam 2 </dev/null
expect_eq "all right exit" 0 "$rc"
expect_in "all right" "No question of exam 2 is left to practise" "$out"
printf 'q\nq\n' | "$WHOSE" exam --questions 2 >/dev/null 2>&1
run "$WHOSE" practice --exam 3 </dev/null
expect_in "open: refused" "exam 3 is still open" "$err"
"$WHOSE" exam --abandon </dev/null >/dev/null 2>&1
run "$WHOSE" practice --exam 3 </dev/null
expect_in "given up: refused" "exam 3 was given up" "$err"
run "$WHOSE" practice --exam 99 </dev/null
expect_eq "no such exam exit" 1 "$rc"
run "$WHOSE" practice --exam 1 --weak </dev/null
expect_eq "with --weak: usage" 2 "$rc"
run "$WHOSE" practice --exam x </dev/null
expect_eq "bad number: usage" 2 "$rc"
run "$WHOSE" practice --help
expect_in "help" "--exam N" "$out"

# Every topic of the bundled bank is in an area: an exam of the whole bank
# shows the five areas and no "Other topics".
run env WHOSE_BANK="$SRC/questions" "$WHOSE" --profile bundled exam --questions 1000 <<'IN'
submit!
IN
expect_eq "bundled exam exit" 0 "$rc"
for area in "Foundations" "Identity & governance" "Data & encryption" "Compute & services" "Network & operations"; do
	expect_in "bundled: $area" "  $area " "$out"
done
case "$out" in *"Other topics"*) bad "a bundled topic is in no area" ;; *) ok ;; esac

finish
