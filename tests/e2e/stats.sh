#!/usr/bin/env bash
# End-to-end: whose stats (table and JSON), unflag, unsuspend.
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=3 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,
t-2,Beta,who,"Who runs the hypervisor? ""Quoted"" \ backslash",,AWS,x,src,,,
t-3,Alpha,truefalse,AWS patches the guest OS.,,false,x,src,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"

# Before any answer: valid JSON, zeros, nulls for ratios.
run "$WHOSE" stats --json
expect_eq "stats exit" 0 "$rc"
echo "$out" | "$PYTHON" -c 'import json,sys; json.load(sys.stdin)' && ok || bad "stats JSON does not parse"
j() { echo "$out" | "$PYTHON" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
expect_eq "total" 3 "$(j 'd["questions"]["total"]')"
expect_eq "accuracy null" None "$(j 'd["questions"]["accuracy_percent"]')"
expect_eq "seen none" 0 "$(j 'd["questions"]["seen"]')"
expect_eq "answered none" 0 "$(j 'd["questions"]["answered"]')"
# Nothing studied: readiness is the stated prior, the pooled known share
# before any evidence above the chance of guessing these three questions
# (who 1/3, true/false 1/2, who 1/3).
expect_eq "prior alone" "True True" "$(j 'str(abs(d["readiness"]["prior"] - (lambda m, e, g: m * (1 - e) + (1 - m) * g)(d["readiness"]["model"]["pooled_known"], d["readiness"]["model"]["slip"], (1/3 + 1/2 + 1/3) / 3)) < 1e-6) + " " + str(d["readiness"]["percent"] == int(d["readiness"]["value"] * 100 + 1e-9))')"
expect_eq "no exam date" None "$(j 'd["exam_date"]')"
# Every input of the model is in the JSON; before any review the memory
# prior is the desired retention beyond guessing.
expect_eq "model inputs" "True" "$(j 'all(k in d["readiness"]["model"] for k in ("slip", "topic_weight", "pool_mean", "pool_weight", "z", "memory_right", "memory_weight", "memory_prior", "model_sd", "pooled_known", "pooled_known_sd")) and all(k in t["readiness"] for t in d["topics"] for k in ("guess", "first_answers", "first_correct", "first_known", "known", "known_sd", "sensitivity", "expected", "askable", "fresh"))')"
expect_eq "memory prior" True "$(j 'abs(d["readiness"]["model"]["memory_prior"] - (0.9 - (1/3 + 1/2 + 1/3) / 3) / (1 - (1/3 + 1/2 + 1/3) / 3)) < 1e-6')"
expect_eq "topics" "Alpha,Beta" "$(j '",".join(t["name"] for t in d["topics"])')"
expect_eq "forecast days" 14 "$(j 'len(d["forecast"])')"
expect_eq "history days" 28 "$(j 'len(d["history"])')"
expect_eq "new today" 3 "$(j 'd["due"]["new_today"]')"

# Answer: t-1 right, t-2 wrong, t-3 right; flag nothing yet.  New
# questions come interleaved by type and topic: t-3, t-2, t-1.
printf 'f\n\ns\nc\n\n' | "$WHOSE" --plain review >/dev/null
run "$WHOSE" stats --json
expect_eq "answers" 3 "$(j 'd["questions"]["answered"]')"
expect_eq "correct" 2 "$(j 'd["questions"]["correct"]')"
expect_eq "seen" 3 "$(j 'd["questions"]["seen"]')"
expect_eq "alpha accuracy" 100 "$(j 'd["topics"][0]["accuracy_percent"]')"
expect_eq "beta accuracy" 0 "$(j 'd["topics"][1]["accuracy_percent"]')"
expect_eq "all accuracy rounded down" 66 "$(j 'd["questions"]["accuracy_percent"]')"
expect_eq "history today" "3 2" "$(j 'str(d["history"][-1]["answers"]) + " " + str(d["history"][-1]["correct"])')"
expect_eq "due today" 3 "$(j 'd["forecast"][0]["due"]')"
expect_eq "readiness in range" True "$(j 'all(0 <= t["readiness"]["value"] <= 1 for t in d["topics"])')"
expect_eq "readiness percent rounded down" True "$(j 'all(t["readiness"]["percent"] == int(t["readiness"]["value"] * 100 + 1e-9) for t in d["topics"])')"

# The table for people.
run "$WHOSE" stats
expect_in "table header" "Topic" "$out"
expect_in "table all" "All topics" "$out"
expect_in "table retention" "True retention:" "$out"
expect_in "table readiness" "Readiness: " "$out"
expect_line "table all topics accuracy" "^All topics +3/3 +3 +66% " "$out"

# Flag, list, unflag.
printf '! the wording is off\n' | "$WHOSE" --plain practice --topic beta >/dev/null
run "$WHOSE" stats --json
expect_eq "flagged listed" "t-2|the wording is off" "$(j 'd["flagged"][0]["id"] + "|" + d["flagged"][0]["note"]')"
expect_in "quoted question escaped" 'Quoted' "$(j 'd["flagged"][0]["question"]')"
run "$WHOSE" unflag t-2
expect_eq "unflag exit" 0 "$rc"
expect_eq "unflagged" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM questions WHERE flagged')"
expect_eq "visible again" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM cards WHERE hidden')"
run "$WHOSE" unflag nosuch
expect_eq "unflag unknown exit" 1 "$rc"
expect_in "unflag unknown message" "no question with id 'nosuch'" "$err"

# A leech: mark one by hand as the scheduler would, list it, unsuspend it.
sqlite3 "$db" "UPDATE cards SET leech = 1, suspended = 1, lapses = 8 WHERE question_id = (SELECT id FROM questions WHERE qid = 't-1')"
run "$WHOSE" stats --json
expect_eq "leech listed" "t-1 8 True" "$(j 'd["leeches"][0]["id"] + " " + str(d["leeches"][0]["lapses"]) + " " + str(d["leeches"][0]["suspended"])')"
run "$WHOSE" unsuspend t-1
expect_eq "unsuspend exit" 0 "$rc"
expect_eq "unsuspended" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM cards WHERE suspended')"

run "$WHOSE" stats --bogus
expect_eq "stats bad option" 2 "$rc"

# A flagged question's whole text and note in the JSON, and its whole id
# in the table, however long.
long=$(printf 'A long scenario, word %s. ' $(seq 1 40))
long=${long% }
cat >"$WHOSE_BANK/u.csv" <<CSV
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
misconfigurations-018,Gamma,who,"$long",,AWS,x,src,,,
CSV
run "$WHOSE" stats
sqlite3 "$db" "UPDATE questions SET flagged = 1, flag_note = 'a note that is long: $(printf 'x%.0s' $(seq 1 300))' WHERE qid = 'misconfigurations-018'" 2>/dev/null ||
	sqlite3 "$db" "UPDATE questions SET flagged = 1 WHERE qid = 'misconfigurations-018'"
run "$WHOSE" stats --json
expect_eq "json: the whole flagged text" "$long" "$(j '[f["question"] for f in d["flagged"] if f["id"] == "misconfigurations-018"][0]')"
run "$WHOSE" stats
expect_in "table: the whole flagged id" "misconfigurations-018" "$out"

# An exam date: set, shown, projected with a daily plan, cleared.
run "$WHOSE" config exam-date 2026-03-31
expect_eq "exam-date set" 0 "$rc"
expect_in "exam-date echoed" "exam-date = 2026-03-31" "$out"
run "$WHOSE" config exam-date 2026-02-30
expect_eq "exam-date bad exit" 2 "$rc"
expect_in "exam-date bad message" "exam-date: '2026-02-30' is not a date such as 2027-02-15 (or 'none')" "$err"
run "$WHOSE" config exam-date
expect_eq "exam-date kept after a bad value" "2026-03-31" "$out"
run "$WHOSE" config exam-target 90
expect_eq "exam-target set" 0 "$rc"
run "$WHOSE" stats --json
expect_eq "exam date in JSON" "2026-03-31 30 90" "$(j 'd["exam_date"]["date"] + " " + str(d["exam_date"]["days_left"]) + " " + str(d["exam_date"]["plan"]["target_percent"])')"
expect_eq "plan per day" True "$(j 'd["exam_date"]["plan"]["new_per_day"] == -(-d["exam_date"]["plan"]["new_total"] // 30) and d["exam_date"]["plan"]["reviews_per_day"] == -(-d["exam_date"]["plan"]["reviews_total"] // 30)')"
plan=$(j '(lambda p: "To stay at 90%% or more by 31 Mar: about %d reviews a day, no new questions needed" % p["reviews_per_day"] if p["reached"] else "To reach 90%% by 31 Mar: about %d reviews and %d new questions a day" % (p["reviews_per_day"], p["new_per_day"]) if p["reachable"] else "90%% by 31 Mar is out of reach")(d["exam_date"]["plan"])')
kept=$(j 'd["exam_date"]["kept"]["score_percent"]')
stopped=$(j 'd["exam_date"]["stopped"]["score_percent"]')
run "$WHOSE" stats
expect_in "text: exam date" "Exam date: 2026-03-31 (30 days): projected $kept% if every review is done when due, $stopped% if you stop now." "$out"
expect_in "text: plan" "$plan" "$out"
run "$WHOSE" config exam-date none
expect_eq "exam-date cleared" 0 "$rc"
run "$WHOSE" stats --json
expect_eq "no exam date again" None "$(j 'd["exam_date"]')"
run "$WHOSE" stats
case "$out" in *"Exam date:"*) bad "text: an exam date still shown" ;; *) ok ;; esac
finish
