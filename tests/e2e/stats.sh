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
# Nothing studied: readiness is the stated prior, chance on four choices.
expect_eq "prior alone" "25 0.250000" "$(j 'str(d["readiness"]["percent"]) + " " + "%.6f" % d["readiness"]["prior"]')"
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
finish
