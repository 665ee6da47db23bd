#!/usr/bin/env bash
# End-to-end: plain-mode study sessions through pipes, on a small bank.
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=7 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Alpha,who,"Guest OS patching on EC2, whose?",,Customer,The guest OS is the customer's.,https://example.org/a,,,
t-2,Beta,choice,Who runs the hypervisor?,AWS|The customer|Both,A,The hypervisor is AWS's.,https://example.org/b,,B: The customer never sees it.|C: Not shared.,no
t-3,Gamma,multi,Which two are the customer's? Choose two.,Guest OS|Security groups|Facilities|Hypervisor,A|B,Guest and firewall.,src,,C: AWS.|D: AWS.,no
t-4,Alpha,sort,Sort these.,Data center|Guest OS|Patch management,AWS|Customer|Shared,Layers.,src,,,
t-5,Beta,truefalse,AWS patches the EC2 guest OS.,,false,It is the customer's.,src,,,
t-6,Gamma,card,"Security OF vs IN the cloud?",,OF: AWS. IN: the customer.,Card.,src,,,
CSV
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }

# 1. A first session: right, wrong with why-not, multi, sort, true/false,
# card.  New questions come interleaved by type and topic: t-2 (Beta,
# choice), t-6 (Gamma, card), t-1 (Alpha, who), t-5, t-3, t-4.
run "$WHOSE" --plain review <<'IN'
b

3
c

f

a b
4
a c s

IN
expect_eq "review exit" 0 "$rc"
expect_in "first question" "[6 left: 0 learning, 0 due, 6 new] Beta" "$out"
expect_in "left after a wrong one" "[6 left: 1 learning, 0 due, 5 new] Gamma" "$out"
expect_in "card: Again is not a guess" "Rate:  1) Again 1m  2) Hard 6m" "$out"
expect_in "what comes next, as the home screen counts (learning steps within the learn-ahead)" "5 questions are still due now. Tomorrow: 0 reviews and 0 new questions." "$out"
expect_in "right mark" "RIGHT: the answer is Customer." "$out"
expect_in "explanation" "Why: The guest OS is the customer's." "$out"
expect_in "source" "Source: https://example.org/a" "$out"
expect_in "rating line" "Rate:  1) Again (I guessed) 1m  2) Hard 6m  3) Good 10m  4) Easy" "$out"
expect_in "saved good" "Saved: Good, next in 10m." "$out"
expect_in "wrong mark" "WRONG: the answer is a." "$out"
expect_in "why not" "Why not b: The customer never sees it." "$out"
expect_in "again" "Saved: Again, next in 1m." "$out"
expect_in "sort right" "RIGHT: the answer is AWS, Customer, Shared." "$out"
expect_in "truefalse" "RIGHT: the answer is false." "$out"
expect_in "card back" "Answer: OF: AWS. IN: the customer." "$out"
expect_in "summary" "Session over: 6 answered, 5 right (83%)." "$out"
expect_eq "review rows" 6 "$(q 'SELECT count(*) FROM reviews')"
expect_eq "all reviewed" 0 "$(q 'SELECT count(*) FROM cards WHERE state = 0')"
expect_eq "wrong one relearns in 1m" 60000 "$(q "SELECT due - last_review FROM cards JOIN questions q ON q.id = question_id WHERE qid = 't-2'")"
expect_eq "topic tally" "2|1" "$(q "SELECT answers, correct FROM topics WHERE name = 'Beta'")"

# 2. Undo, then end of input: everything saved, nothing half-done.
export WHOSE_NOW=2026-03-01T10:30:00Z
run "$WHOSE" --plain review <<'IN'
u
IN
expect_in "nothing to undo yet" "Nothing to undo." "$out"
before=$(q 'SELECT count(*) FROM reviews')
run "$WHOSE" --plain review <<'IN'
a

u
IN
expect_in "undone" "Undone: the last answer was taken back." "$out"
expect_eq "undo removed the row" "$before" "$(q 'SELECT count(*) FROM reviews')"

# 3. Quit after answering, before rating: saved with the suggested rating.
run "$WHOSE" --plain review <<'IN'
a
q
IN
expect_in "saved on quit" "Saved: Good." "$out"
expect_eq "one more row" "$((before + 1))" "$(q 'SELECT count(*) FROM reviews')"

# 4. Flag a question: it leaves the rotation.
run "$WHOSE" --plain practice --count 1 --topic gamma <<'IN'
! confusing wording
IN
expect_in "reported" "Reported: it leaves the rotation" "$out"
expect_eq "flag stored" "1|confusing wording" "$(q 'SELECT count(*), flag_note FROM questions WHERE flagged')"
expect_eq "flagged card hidden" 1 "$(q 'SELECT count(*) FROM cards WHERE hidden')"

# 5. Practice moves no due date but counts.
dues=$(q 'SELECT group_concat(due) FROM cards')
run "$WHOSE" --plain practice --topic beta <<'IN'
a

t

IN
expect_in "practice banner" "do not change when questions are due" "$out"
expect_eq "practice kept due dates" "$dues" "$(q 'SELECT group_concat(due) FROM cards')"
expect_in "practice counted" "answered" "$out"
expect_eq "practice rows" 2 "$(q "SELECT count(*) FROM reviews WHERE mode = 'practice'")"
run "$WHOSE" --plain practice --topic nosuch
expect_eq "unknown topic exit" 2 "$rc"
expect_in "unknown topic message" "no topic named 'nosuch'" "$err"

# 6. Bad answers get a hint, not a crash; long garbage is survived.
run "$WHOSE" --plain practice --count 1 --topic alpha <<IN
zzz
$(head -c 10000 /dev/zero | tr '\0' x)
IN
expect_eq "garbage exit" 0 "$rc"

# 6b. m marks the question for review (a bookmark: nothing else changes);
# practice --marked asks the marked questions, and only those.
reviews=$(q 'SELECT count(*) FROM reviews')
run "$WHOSE" --plain practice --count 1 --topic alpha <<'IN'
m
q
IN
expect_in "marked" "Marked for review: the home screen lists it; m again unmarks it." "$out"
expect_eq "mark stored" 1 "$(q 'SELECT count(*) FROM marks')"
expect_eq "a mark answers nothing" "$reviews" "$(q 'SELECT count(*) FROM reviews')"
marked=$(q "SELECT q.question FROM marks m JOIN questions q ON q.id = m.question_id")
run "$WHOSE" --plain practice --marked <<'IN'
q
IN
expect_in "marked practice: one question" "[1 left] Alpha" "$out"
expect_in "marked practice: the marked one" "$marked" "$out"
run "$WHOSE" --plain practice --marked --weak
expect_eq "marked with weak refused" 2 "$rc"

# 7. Config: show, set, refuse.
run "$WHOSE" config desired-retention 0.85
expect_eq "config set" "desired-retention = 0.85" "$out"
run "$WHOSE" config desired-retention 1.5
expect_eq "config range exit" 2 "$rc"
expect_in "config range message" "not a number from 0.70 to 0.99" "$err"
run "$WHOSE" config
expect_in "config list" "new-per-day          20" "$out"
run "$WHOSE" config bogus
expect_eq "config unknown exit" 2 "$rc"

# 8. A signal while an answer waits for its rating: the answer is saved
# with the suggested rating (as at end of input), then whose ends by that
# signal.  INT, TERM, HUP and QUIT alike.
mkdir -p "$T/sigbank"
cat >"$T/sigbank/s.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
s-1,Alpha,who,"Guest OS patching on EC2, whose?",,Customer,The guest OS is the customer's.,https://example.org/a,,,
CSV
for sig in INT TERM HUP QUIT; do
	sdb="$T/sig-$sig.db"
	fifo="$T/sig-$sig.in"
	rm -f "$fifo"
	mkfifo "$fifo"
	# A background job starts with INT and QUIT ignored, and one run under
	# nohup with HUP ignored: give them back.
	WHOSE_DB="$sdb" WHOSE_BANK="$T/sigbank" env --default-signal=INT,QUIT,HUP,TERM "$WHOSE" --plain review <"$fifo" >"$T/sig-$sig.out" 2>&1 &
	pid=$!
	exec 7>"$fifo"
	printf 'c\n' >&7      # s-1, right: it now waits for a rating
	for _ in $(seq 1 100); do
		grep -q "^rate> " "$T/sig-$sig.out" 2>/dev/null && break
		sleep 0.05
	done
	kill -"$sig" "$pid"
	wait "$pid"
	status=$?
	exec 7>&-
	expect_eq "$sig: ended by the signal" $((128 + $(kill -l "$sig"))) "$status"
	expect_eq "$sig: the answer waiting for its rating is saved" "1|3" \
		"$(sqlite3 "$sdb" "SELECT count(*), max(rating) FROM reviews")"
	expect_in "$sig: said so" "Saved: Good." "$(cat "$T/sig-$sig.out")"
done

finish
