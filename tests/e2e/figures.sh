#!/usr/bin/env bash
# End-to-end: every front end shows the same figures.  One database with
# imported reviews, reviews (right and wrong), practice and a drill; then
# `whose stats --json` is the reference, and `whose stats` (text), the home
# screen and the statistics screen (tmux) must show each figure exactly as
# the JSON gives it: seen, answered, accuracy, last 20, due, readiness, due
# now / today, new today, true retention and the predicted exam score.
. "$(dirname "$0")/lib.sh"
[ -n "${FIG_DEBUG:-}" ] && set -x

need tmux sqlite3

export WHOSE_BANK="$T/bank" WHOSE_SEED=5 WHOSE_NOW=2026-03-10T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
{
	echo id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
	echo 'a-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,'
	echo 'a-2,Alpha,who,Who runs the hypervisor?,,AWS,x,src,,,'
	echo 'a-3,Alpha,who,Who trains staff on IAM?,,Customer,x,src,,,'
	echo 'b-1,Beta,who,Who secures the data center?,,AWS,x,src,,,'
	echo 'b-2,Beta,who,Who configures the security group?,,Customer,x,src,,,'
	echo 'b-3,Beta,who,Who patches RDS engines?,,AWS,x,src,,,'
	echo 'g-1,Gamma,who,Who owns awareness training?,,Shared,x,src,,,'
	echo 'g-2,Gamma,who,Who manages the network cables?,,AWS,x,src,,,'
} >"$WHOSE_BANK/t.csv"

# Imported reviews: a-1 learned in February, then recalled and forgotten
# (two reviews in the Review state: true retention counts them).
cat >"$T/hist.csv" <<'CSV'
id,reviewed_at,rating
a-1,2026-02-01T09:00:00Z,3
a-1,2026-02-02T09:00:00Z,3
a-1,2026-02-06T09:00:00Z,3
a-1,2026-02-16T09:00:00Z,3
a-1,2026-03-05T09:00:00Z,1
b-1,2026-02-02T09:00:00Z,3
CSV
run "$WHOSE" import --reviews "$T/hist.csv"
expect_eq "import reviews" 0 "$rc"
# Reviews: answer "AWS" to everything (right for some, wrong for others),
# rating as suggested, until the session ends.
for _ in $(seq 1 24); do printf 'a\n\n'; done | "$WHOSE" --plain review >/dev/null 2>&1
# Practice on Gamma: seen, not studied.
printf 's\n\nc\n\n' | "$WHOSE" --plain practice --topic gamma --count 2 >/dev/null 2>&1
# A topic added now: never seen, its readiness is the prior.
printf '%s\n' "$(head -1 "$WHOSE_BANK/t.csv")" \
	'n-1,Never,who,Who writes the bucket policy?,,Customer,x,src,,,' >"$WHOSE_BANK/n.csv"
run "$WHOSE" import "$WHOSE_BANK"
expect_eq "import the new topic" 0 "$rc"

# An exam date: the home screen gives its projection and daily plan.
run "$WHOSE" config exam-date 2026-04-20
expect_eq "exam date" 0 "$rc"

run "$WHOSE" stats --json
expect_eq "stats --json" 0 "$rc"
json="$out"
# jq-like access: j EXPR (python over d).
j() { printf '%s' "$json" | "$PYTHON" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
expect_eq "something answered" True "$(j 'd["questions"]["answered"] > 0')"
expect_eq "retention counts imported reviews" True "$(j 'd["true_retention"]["reviews"] >= 2')"
expect_eq "Never is unseen" "0 0" "$(j '" ".join(str(t[k]) for t in d["topics"] if t["name"] == "Never" for k in ("seen", "answered"))')"
expect_eq "unseen reads the prior" True "$(j 'all(abs(t["readiness"]["value"] - d["readiness"]["prior"]) < 1e-9 for t in d["topics"] if t["name"] == "Never")')"

pct() { [ "$1" = None ] && echo - || echo "$1%"; }

# ---- whose stats (text) -------------------------------------------------
run "$WHOSE" stats
text="$out"
want=$(j '"Due now: %d (%d learning step%s, %d review%s); due today: %d; new today: %d (%d never shown)." % (d["due"]["now"], d["due"]["learning_now"], "" if d["due"]["learning_now"] == 1 else "s", d["due"]["review_today"], "" if d["due"]["review_today"] == 1 else "s", d["due"]["today"], d["due"]["new_today"], d["due"]["new_waiting"])')
expect_in "text: due line" "$want" "$text"
headline_due="$want"
want=$(j '"True retention: %s of %d review%s recalled" % ("-" if d["true_retention"]["percent"] is None else str(d["true_retention"]["percent"]) + "%", d["true_retention"]["reviews"], "" if d["true_retention"]["reviews"] == 1 else "s")')
expect_in "text: retention" "$want" "$text"
headline_ret="$want"
want=$(j '"Readiness: %d%%; predicted mock exam (%d questions): %d%%, likely %d%% to %d%%." % (d["readiness"]["percent"], d["readiness"]["exam"]["questions"], d["readiness"]["exam"]["score_percent"], d["readiness"]["exam"]["low_percent"], d["readiness"]["exam"]["high_percent"])')
expect_in "text: readiness" "$want" "$text"
headline_ready="$want"
# The exam date and its plan (whose config exam-date above).
headline_exam=$(printf '%s\n' "$text" | grep '^Exam date: 2026-04-20 (')
expect_eq "text: exam date line" 1 "$(printf '%s\n' "$headline_exam" | grep -c .)"
headline_plan=$(printf '%s\n' "$text" | grep -E '^(To reach|To stay at|[0-9]+% by) ')
expect_eq "text: plan line" 1 "$(printf '%s\n' "$headline_plan" | grep -c .)"

# One line per topic: name seen/total answered accuracy last20 readiness due.
rows=$(j '"\n".join("%s|%d/%d|%d|%s|%s|%d%%|%d" % (t["name"], t["seen"], t["questions"], t["answered"], "-" if t["accuracy_percent"] is None else "%d%%" % t["accuracy_percent"], "-" if t["recent_accuracy_percent"] is None else "%d%%" % t["recent_accuracy_percent"], t["readiness"]["percent"], t["due_today"]) for t in d["topics"])')
expect_eq "one row per topic" 4 "$(printf '%s\n' "$rows" | grep -c '|')"
while IFS='|' read -r name seen answered acc last ready due; do
	line=$(printf '%s\n' "$text" | grep -E "^$name ")
	got=$(printf '%s\n' "$line" | awk '{print $2 "|" $3 "|" $4 "|" $5 "|" $6 "|" $7}')
	expect_eq "text: $name" "$seen|$answered|$acc|$last|$ready|$due" "$got"
done <<<"$rows"

# ---- the full screen, same database, same clock -------------------------
. "$(dirname "$0")/tmux.sh"
[ -n "${FIG_KEEP:-}" ] && { trap "tm kill-server 2>/dev/null" EXIT; echo "kept: $T"; }
tmux_start 140 40 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$WHOSE_BANK" WHOSE_SEED=5 WHOSE_NOW="$WHOSE_NOW" TZ=UTC
tm send-keys -t t -l "\"$WHOSE\""
tm send-keys -t t Enter
wait_for "Readiness" && ok || bad "home screen did not show"
home=$(screen)

# Home: due now and new today as the JSON has them.
expect_eq "home: due now" "$(j 'd["due"]["now"]')" "$(printf '%s\n' "$home" | sed -n 's/.*Due now \+\([0-9]\+\).*/\1/p' | head -1)"
expect_eq "home: new today" "$(j 'd["due"]["new_today"]')" "$(printf '%s\n' "$home" | sed -n 's/.*New today \+\([0-9]\+\).*/\1/p' | head -1)"
# Home rows: seen, all time, last 20, due, readiness (after the bar).
while IFS='|' read -r name seen answered acc last ready due; do
	line=$(printf '%s\n' "$home" | grep -E "^ +$name ")
	got=$(printf '%s\n' "$line" | awk '{print $2 "|" $3 "|" $4 "|" $5 "|" $NF}')
	expect_eq "home: $name" "$seen|$acc|$last|$due|$ready" "$got"
done <<<"$rows"
want=$(j '"Predicted mock exam: %d%% (likely %d%% to %d%%)" % (d["readiness"]["exam"]["score_percent"], d["readiness"]["exam"]["low_percent"], d["readiness"]["exam"]["high_percent"])')
expect_in "home: predicted exam" "$want" "$home"
want=$(j '(lambda e, p: "Exam 20 Apr: %d%% projected, target %d%% reached; ~%d reviews a day" % (e["kept"]["score_percent"], p["target_percent"], p["reviews_per_day"]) if p["reached"] else "Exam 20 Apr: %d%% projected; %d%% takes ~%d reviews + %d new a day" % (e["kept"]["score_percent"], p["target_percent"], p["reviews_per_day"], p["new_per_day"]) if p["reachable"] else "Exam 20 Apr: %d%% projected; %d%% is out of reach (at most %d%%)" % (e["kept"]["score_percent"], p["target_percent"], p["best_percent"]))(d["exam_date"], d["exam_date"]["plan"])')
expect_in "home: exam date and plan" "$want" "$home"

# The statistics screen.
tm send-keys -t t s
wait_for "Statistics by topic" && ok || bad "statistics screen did not show"
stats=$(screen)
flat=$(printf '%s\n' "$stats" | sed 's/^ *//' | tr '\n' ' ' | tr -s ' ')
expect_in "screen: due line" "$headline_due" "$flat"
expect_in "screen: retention" "$headline_ret" "$flat"
expect_in "screen: readiness" "$headline_ready" "$flat"
expect_in "screen: exam date" "$headline_exam" "$flat"
expect_in "screen: plan" "$headline_plan" "$flat"
# Rows: seen, answered, right, accuracy, last 20, bar, readiness, due.
while IFS='|' read -r name seen answered acc last ready due; do
	line=$(printf '%s\n' "$stats" | grep -E "^ +$name ")
	got=$(printf '%s\n' "$line" | awk '{print $2 "|" $3 "|" $5 "|" $6 "|" $(NF-1) "|" $NF}')
	expect_eq "screen: $name" "$seen|$answered|$acc|$last|$ready|$due" "$got"
done <<<"$rows"
tm send-keys -t t q
tm send-keys -t t q
finish
