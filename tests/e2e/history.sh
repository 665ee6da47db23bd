#!/usr/bin/env bash
# End-to-end: import --reviews (replaying a history), export --progress and
# --reviews, and the round trip: a log exported and replayed into a fresh
# profile gives the same card states.
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=5 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,
t-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,
t-3,Alpha,truefalse,AWS patches the guest OS.,,false,x,src,,,
CSV

cat >"$T/history.csv" <<'CSV'
id,reviewed_at,rating,duration_ms
t-1,2026-01-10T09:10:00Z,3,4000
t-1,2026-01-10T09:00:00Z,3,5000
t-2,2026-01-11T08:00:00Z,1,
t-1,2026-01-20T09:00:00Z,4,3000
CSV
run "$WHOSE" import --reviews "$T/history.csv"
expect_eq "import reviews exit" 0 "$rc"
expect_eq "import reviews summary" "4 reviews replayed" "$out"

run "$WHOSE" export --progress
expect_eq "progress exit" 0 "$rc"
expect_in "progress header" "id,topic,state,due,stability,difficulty,elapsed_days,scheduled_days,learning_steps,reps,lapses,last_review,suspended,leech" "$out"
expect_in "t-1 reviewed 3 times" "t-1,Alpha,review," "$out"
expect_eq "t-1 reps" 3 "$(echo "$out" | awk -F, '$1 == "t-1" {print $10}')"
expect_eq "t-1 last review" "2026-01-20T09:00:00.000Z" "$(echo "$out" | awk -F, '$1 == "t-1" {print $12}')"
expect_eq "t-2 learning" learning "$(echo "$out" | awk -F, '$1 == "t-2" {print $3}')"
expect_eq "t-3 new" new "$(echo "$out" | awk -F, '$1 == "t-3" {print $3}')"

run "$WHOSE" export --reviews
expect_in "revlog header" "card_id,review_time,review_rating,review_state,review_duration,question,reviewed_at,mode" "$out"
expect_eq "revlog rows in time order" "t-1 t-1 t-2 t-1" "$(echo "$out" | tail -n +2 | awk -F, '{printf "%s%s", sep, $6; sep=" "}')"
expect_eq "revlog first state new" 0 "$(echo "$out" | sed -n 2p | cut -d, -f4)"
expect_eq "revlog ms time" 1768035600000 "$(echo "$out" | sed -n 2p | cut -d, -f2)"

# Answers in plain mode go to the log too; then the round trip.
printf 'c\n\ns\n' | "$WHOSE" --plain review >/dev/null
"$WHOSE" export --reviews -o "$T/log.csv"
expect_eq "export -o exit" 0 "$?"
[ ! -e "$T/log.csv.tmp-"* ] 2>/dev/null && ok || bad "temporary export file left"
"$WHOSE" export --progress -o "$T/progress-a.csv"
run "$WHOSE" --profile fresh import --reviews "$T/log.csv"
expect_eq "round trip import" 0 "$rc"
"$WHOSE" --profile fresh export --progress -o "$T/progress-b.csv"
# (A new card's due is merely when it was added: compare the others.)
expect_eq "round trip states" "$(grep -v ',new,' "$T/progress-a.csv")" "$(grep -v ',new,' "$T/progress-b.csv")"
expect_eq "round trip covers cards" 3 "$(grep -vc ',new,' "$T/progress-a.csv")"

# Bad histories: every problem listed, exit 65, nothing written.
db="$XDG_DATA_HOME/whose/default.db"
before=$(sqlite3 "$db" 'SELECT count(*) FROM reviews')
cat >"$T/bad.csv" <<'CSV'
id,reviewed_at,rating
nosuch,2026-01-10T09:00:00Z,3
t-1,yesterday,3
t-3,2026-01-10T09:00:00Z,5
t-3,2026-02-10T09:00:00Z,2
CSV
run "$WHOSE" import --reviews "$T/bad.csv"
expect_eq "bad exit" 65 "$rc"
expect_in "unknown id" "bad.csv:2: column 'id': no question with id 'nosuch': import its bank first" "$err"
expect_in "bad time" "bad.csv:3: column 'reviewed_at': 'yesterday' is not an ISO 8601 UTC time" "$err"
expect_in "bad rating" "bad.csv:4: column 'rating': '5' is not 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)" "$err"
expect_eq "bad left log" "$before" "$(sqlite3 "$db" 'SELECT count(*) FROM reviews')"
# A review older than the card's last one.
printf 'id,reviewed_at,rating\nt-1,2025-01-01T00:00:00Z,3\n' >"$T/old.csv"
run "$WHOSE" import --reviews "$T/old.csv"
expect_eq "old exit" 65 "$rc"
expect_in "old message" "comes before the question's last review" "$err"
printf 'when,what\n1,2\n' >"$T/nohdr.csv"
run "$WHOSE" import --reviews "$T/nohdr.csv"
expect_eq "no header exit" 65 "$rc"
expect_in "no header message" "the columns id, reviewed_at and rating are required" "$err"

run "$WHOSE" export
expect_eq "export needs a kind" 2 "$rc"
run "$WHOSE" export --progress -o /nonexistent/dir/x.csv
expect_eq "export unwritable" 1 "$rc"
finish
