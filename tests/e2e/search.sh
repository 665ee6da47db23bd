#!/usr/bin/env bash
# End-to-end: whose search, show, suspend and unsuspend through pipes, on a
# small bank: words, filters, JSON, bad words, ids read from standard
# input, a question's history after a review, and a retired question.
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=7 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Alpha,who,"Guest OS patching on EC2, whose?",,Customer,The guest OS is the customer's.,https://example.org/a,patching,,
t-2,Beta,choice,Who runs the hypervisor?,AWS|The customer|Both,A,The hypervisor is AWS's.,https://example.org/b,,B: The customer never sees it.|C: Not shared.,no
t-3,Gamma,multi,Which two are the customer's? Choose two.,Guest OS|Security groups|Facilities|Hypervisor,A|B,Guest and firewall.,src,,C: AWS.|D: AWS.,no
t-4,Alpha,who,"Encrypting S3 objects with a KMS key, whose?",,Customer,Choosing encryption is yours.,src,encryption,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }

# 1. Words: found in the question, the choices, the explanation.
run "$WHOSE" search guest
expect_eq "search exit" 0 "$rc"
expect_in "heading" "ID   TOPIC  TYPE       STATE       DUE" "$out"
expect_in "guest in the question" "t-1  Alpha  who        new         -" "$out"
expect_in "guest in the choices" "t-3" "$out"
expect_eq "two lines and the heading" 3 "$(printf '%s\n' "$out" | wc -l)"
expect_eq "best match first" "t-1" "$(printf '%s\n' "$out" | sed -n 2p | cut -d' ' -f1)"
run "$WHOSE" search 'encrypt*' --topic alpha --type who
expect_eq "prefix and filters" "t-4" "$(printf '%s\n' "$out" | sed -n 2p | cut -d' ' -f1)"
run "$WHOSE" search '"hypervisor is"'
expect_in "phrase" "t-2" "$out"
run "$WHOSE" search nothing-like-this
expect_eq "no match is no error" 0 "$rc"
expect_in "no match said" "no question matches" "$err"

# 2. Bad words and options: a clear message, status 2, never SQL.
run "$WHOSE" search 'guest "os'
expect_eq "stray quote status" 2 "$rc"
expect_in "stray quote" "quote at character 7 that is not closed" "$err"
run "$WHOSE" search 'NOT (guest' 'col:x' '^'
expect_eq "fts syntax is words" 0 "$rc"
case "$err" in *SQL*|*fts5*|*syntax*) bad "an SQL error reached the learner: $err" ;; *) ok ;; esac
run "$WHOSE" search --state bogus
expect_eq "bad state" 2 "$rc"
expect_in "bad state says which" "no state 'bogus'" "$err"
run "$WHOSE" search --topic Nowhere
expect_eq "bad topic" 2 "$rc"
run "$WHOSE" search --sort bogus
expect_eq "bad sort" 2 "$rc"

# 3. JSON: the same fields, valid JSON.
run "$WHOSE" search guest --json
expect_eq "json exit" 0 "$rc"
expect_eq "json fields" "t-1 Alpha who new None None 0" \
	"$(printf '%s' "$out" | $PYTHON -c 'import json,sys; h=json.load(sys.stdin)[0]; print(h["id"], h["topic"], h["type"], h["state"], h["due"], h["retrievability"], h["lapses"])')"

# 4. Suspend by id and from standard input (search's output), unsuspend.
run "$WHOSE" suspend t-2
expect_eq "suspend exit" 0 "$rc"
expect_in "suspend said" "t-2: suspended" "$out"
expect_eq "suspended in the db" 1 "$(q "SELECT suspended FROM cards JOIN questions q ON q.id = question_id WHERE qid = 't-2'")"
out=$("$WHOSE" search --topic alpha | "$WHOSE" suspend - 2>&1) && rc=0 || rc=$?
expect_eq "suspend - exit" 0 "$rc"
expect_in "suspend - t-1" "t-1: suspended" "$out"
expect_in "suspend - t-4" "t-4: suspended" "$out"
run "$WHOSE" search --state suspended
expect_eq "state suspended" "t-1 t-2 t-4" "$(printf '%s\n' "$out" | sed 1d | cut -d' ' -f1 | xargs)"
run "$WHOSE" suspend t-9
expect_eq "unknown id fails" 1 "$rc"
run "$WHOSE" unsuspend t-1 t-2 t-4
expect_eq "unsuspend" 0 "$(q 'SELECT sum(suspended) FROM cards')"

# 5. Marks: by id and from standard input; --state marked; unmark.
run "$WHOSE" mark t-3
expect_in "mark said" "t-3: marked" "$out"
out=$(printf 't-2 whatever\n' | "$WHOSE" mark - 2>&1) && rc=0 || rc=$?
expect_in "mark -" "t-2: marked" "$out"
run "$WHOSE" search --state marked
expect_eq "state marked" "t-2 t-3" "$(printf '%s\n' "$out" | sed 1d | cut -d' ' -f1 | xargs)"
run "$WHOSE" search --state marked --json
expect_in "json marked" '"marked": true' "$out"
run "$WHOSE" show t-3
expect_in "show marked" ", marked" "$out"
run "$WHOSE" unmark t-3
expect_eq "unmarked" 1 "$(q 'SELECT count(*) FROM marks')"

# 6. A review, then show: schedule and history.
run "$WHOSE" --plain review --limit 1 <<'IN'
b

3
IN
first=$(q "SELECT q.qid FROM reviews r JOIN questions q ON q.id = r.question_id LIMIT 1")
export WHOSE_NOW=2026-03-01T10:05:00Z
run "$WHOSE" show "$first"
expect_eq "show exit" 0 "$rc"
expect_in "show schedule" "Schedule" "$out"
expect_in "show retrievability" "retrievability  " "$out"
expect_in "show history" "2026-03-01 10:00  review" "$out"
run "$WHOSE" show "$first" --json
expect_eq "show json" "1 review" \
	"$(printf '%s' "$out" | $PYTHON -c 'import json,sys; d=json.load(sys.stdin); print(len(d["answers"]), d["answers"][0]["mode"])')"
expect_eq "no exam date: null" "None" \
	"$(printf '%s' "$out" | $PYTHON -c 'import json,sys; print(json.load(sys.stdin)["schedule"]["retrievability_at_exam"])')"
run "$WHOSE" config exam-date 2026-03-20
run "$WHOSE" show "$first"
expect_in "retrievability at the exam date" "at the exam date if not reviewed before" "$out"
run "$WHOSE" show "$first" --json
expect_eq "at the exam: lower than now" "True" \
	"$(printf '%s' "$out" | $PYTHON -c 'import json,sys; s=json.load(sys.stdin)["schedule"]; print(s["retrievability_at_exam"] < s["retrievability"])')"
run "$WHOSE" search --state learning
expect_in "a studied card has a retrievability" "%" "$out"
run "$WHOSE" show t-99
expect_eq "show unknown" 1 "$rc"
expect_in "show unknown says" "no question 't-99'" "$err"

# 7. Retired: still found, still shown with its history, marked so.
head -4 "$WHOSE_BANK/t.csv" >"$T/t.csv" && mv "$T/t.csv" "$WHOSE_BANK/t.csv"
touch -d '2026-03-02' "$WHOSE_BANK/t.csv"
run "$WHOSE" search encrypting
expect_in "retired found" "retired" "$out"
run "$WHOSE" show t-4
expect_in "retired shown" "RETIRED" "$out"

finish
