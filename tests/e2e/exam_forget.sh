#!/usr/bin/env bash
# End-to-end: 'whose exams forget N' and 'restore N' through pipes.  An
# accidental exam leaves the trend and the Brier score of 'whose stats',
# stays listed as forgotten, and comes back with restore; forgetting asks
# first, so that without a terminal it needs --yes; what cannot be
# forgotten (no such exam, an open one, one given up) is refused, named.
. "$(dirname "$0")/lib.sh"

need sqlite3

export WHOSE_BANK="$T/bank" WHOSE_SEED=7 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
# Answer a is right for every question, c wrong (the letters of every mode).
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
a-1,Alpha,who,Alpha one: whose duty?,,AWS,Alpha one is AWS's.,https://example.org/a1,,,
a-2,Alpha,who,Alpha two: whose duty?,,AWS,Alpha two is AWS's.,https://example.org/a2,,,
b-1,Beta,who,Beta one: whose duty?,,AWS,Beta one holds.,https://example.org/b1,,,
b-2,Beta,who,Beta two: whose duty?,,AWS,Beta two is AWS's.,https://example.org/b2,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }
calibrated() {
	"$WHOSE" stats --json | "$PYTHON" -c 'import json, sys; c = json.load(sys.stdin)["exam_calibration"]; print(c["exams"], c["answers"], c["correct"])'
}

# Two real exams (all right, then half right), then an accident: nothing
# answered, submitted at once.
printf 'a\na\na\na\nsubmit!\n' | "$WHOSE" exam --questions 4 >/dev/null 2>&1
export WHOSE_NOW=2026-03-01T11:00:00Z
printf 'a\na\nc\nc\nsubmit!\n' | "$WHOSE" exam --questions 4 >/dev/null 2>&1
export WHOSE_NOW=2026-03-01T12:00:00Z
printf 'submit!\n' | "$WHOSE" exam --questions 4 >/dev/null 2>&1
expect_eq "three exams" 3 "$(q 'SELECT count(*) FROM exams WHERE finished_at IS NOT NULL')"
run "$WHOSE" exams
expect_in "trend with the accident" "Trend: 3 submitted, 1 passed; last 0% (-50 points since the one before);
       best 100%; average of the last 3: 50%." "$out"
expect_eq "calibration with the accident" "3 12 6" "$(calibrated)"

# Without a terminal, forgetting needs --yes: refused, nothing changes.
run "$WHOSE" exams forget 3 </dev/null
expect_eq "no terminal: usage" 2 "$rc"
expect_in "no terminal: says why and how" "standard input is not a terminal: 'whose exams forget 3 --yes'" "$err"
expect_eq "no terminal: kept" 0 "$(q 'SELECT count(*) FROM exams WHERE forgotten')"

run "$WHOSE" exams forget 3 --yes </dev/null
expect_eq "forget exit" 0 "$rc"
expect_in "forgotten" "Exam 3 is forgotten: out of every figure (the trend, the Brier score," "$out"
expect_in "says how to undo" "'whose exams restore 3' counts it again." "$out"
run "$WHOSE" exams
expect_in "listed as forgotten" "   3  2026-03-01 12:00          4      -  forgotten: whose exams restore 3" "$out"
expect_in "trend without it" "Trend: 2 submitted, 1 passed; last 50% (-50 points since the one before);
       best 100%; average of the last 2: 75%." "$out"
expect_in "count of forgotten" "1 forgotten exam is not counted." "$out"
expect_eq "calibration without it" "2 8 6" "$(calibrated)"
run "$WHOSE" exams forget 3 --yes
expect_in "forget twice" "Exam 3 was already forgotten" "$out"
# Still there to read.
run "$WHOSE" exams show 3
expect_eq "a forgotten exam can be read" 0 "$rc"
expect_in "shown" "Exam 3: 4 questions" "$out"

run "$WHOSE" exams restore 3
expect_eq "restore exit" 0 "$rc"
expect_in "restored" "Exam 3 is again counted in every figure." "$out"
run "$WHOSE" exams
expect_in "trend again" "Trend: 3 submitted, 1 passed;" "$out"
expect_eq "calibration again" "3 12 6" "$(calibrated)"

# A forgotten exam's answers leave every figure of 'whose stats' too
# (answers, first answers, recent accuracy); restored, they come back.
counted() {
	"$WHOSE" stats --json | "$PYTHON" -c 'import json, sys; d = json.load(sys.stdin); print(d["questions"]["answered"], d["questions"]["correct"], d["readiness"]["first_answers"], sum(t["recent_answers"] for t in d["topics"]))'
}
expect_eq "figures with exams 1 and 2" "8 6 8 8" "$(counted)"
run "$WHOSE" exams forget 2 --yes
expect_eq "figures without exam 2" "4 4 4 4" "$(counted)"
expect_eq "its answers kept in the log, marked" "4|4" "$(q "SELECT sum(mode = 'exam-forgotten'), sum(mode = 'exam') FROM reviews")"
run "$WHOSE" exams restore 2
expect_eq "figures with exam 2 again" "8 6 8 8" "$(counted)"

# What cannot be forgotten, named; usage errors.
run "$WHOSE" exams forget 9 --yes
expect_eq "no such exam: not found" 1 "$rc"
expect_in "no such exam" "there is no exam 9" "$err"
printf 'q\nq\n' | "$WHOSE" exam --questions 2 >/dev/null 2>&1
run "$WHOSE" exams forget 4 --yes
expect_in "open: refused" "exam 4 is still open" "$err"
"$WHOSE" exam --abandon </dev/null >/dev/null 2>&1
run "$WHOSE" exams forget 4 --yes
expect_in "given up: refused" "exam 4 was given up: it is never counted" "$err"
run "$WHOSE" exams forget
expect_eq "which exam: usage" 2 "$rc"
run "$WHOSE" exams forget 0
expect_eq "zero: usage" 2 "$rc"
run "$WHOSE" exams restore 3 --yes
expect_eq "restore takes no --yes" 2 "$rc"
run "$WHOSE" exams --help
expect_in "help names forget" "whose exams forget N [--yes]" "$out"

finish
