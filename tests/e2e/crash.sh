#!/usr/bin/env bash
# End-to-end: crash safety.  A plain-mode session is fed answers slowly
# through a FIFO and killed at a random moment: 50 times with SIGKILL, then
# a few times each with SIGINT, SIGTERM and SIGHUP.  After every kill:
#   - PRAGMA integrity_check says ok, and no foreign key dangles;
#   - every answer acknowledged to the learner (a line starting "Saved") is
#     in the reviews table, and at most one more (committed, its "Saved"
#     still in the stdout buffer: plain mode flushes at every prompt);
#   - no half-written row: every NOT NULL column of every review is there;
#   - each card's state is the one its last review left (reps equals its
#     review-mode rows, due and state equal the last row's after-values),
#     and each topic counts exactly its rows;
#   - the profile still opens and studies.
# WHOSE_CRASH_SEED fixes the answers and the moments of the kills.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

export WHOSE_BANK="$T/bank" WHOSE_SEED=11 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
RANDOM=${WHOSE_CRASH_SEED:-4242}
mkdir -p "$WHOSE_BANK"
{
	echo "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle"
	for i in $(seq 1 150); do
		echo "c-$i,Topic $((i % 7)),who,Scenario $i: whose duty?,,AWS,Because.,src,,,"
	done
} >"$WHOSE_BANK/c.csv"

# A template profile: the bank imported, every question new and allowed.
template="$T/template.db"
run "$WHOSE" --db "$template" config new-per-day 1000
expect_eq "template config" 0 "$rc"
run "$WHOSE" --db "$template" --plain review </dev/null
expect_eq "template import" 0 "$rc"
expect_eq "template questions" 150 "$(sqlite3 "$template" 'SELECT count(*) FROM questions')"

# Every NOT NULL column of reviews, as "a IS NULL OR b IS NULL ...".
nulls=$(sqlite3 "$template" "SELECT group_concat(name || ' IS NULL', ' OR ') FROM pragma_table_info('reviews') WHERE \"notnull\"")

# What the learner types, into $script: right answers rated in every way,
# and wrong ones.  (Not in a $(...) subshell: RANDOM must move on here.)
answers() {
	script=
	for ((k = 0; k < $1; k++)); do
		case $((RANDOM % 6)) in
		0 | 1) script+='a\n\n ' ;;  # right, Enter takes Good
		2) script+='a\n2\n ' ;;     # right, Hard
		3) script+='a\n4\n ' ;;     # right, Easy
		4) script+='c\n ' ;;        # wrong: Again, saved at once
		5) script+='s\n ' ;;
		esac
	done
}

# SIGINT is ignored by background jobs of a non-interactive shell: the
# session is started with the default action back, when env can do it.
if env --default-signal=INT true 2>/dev/null; then
	reset=(env --default-signal=INT,TERM,HUP)
else
	reset=()
fi

killed_mid=0
acked_total=0
declare -A died  # sessions that the signal ended within a second

# nap SECONDS: sleep without starting a process (a read that times out on
# a FIFO nobody writes to), so that the pace holds on a busy machine.
mkfifo "$T/tick"
exec {tick}<>"$T/tick"
nap() { read -r -t "$1" -u "$tick" _ || true; }

# session LABEL SIGNAL: one session killed with SIGNAL at a random moment.
session() {
	local label=$1 sig=$2 db="$T/run.db" fifo="$T/fifo" delay pid wpid t0 status=0
	local acked rows integrity dangling half reps cards topics
	rm -f "$db" "$db"-wal "$db"-shm "$fifo" "$T/out"
	cp "$template" "$db"
	mkfifo "$fifo"
	answers 200
	delay=0.$(printf '%03d' $((RANDOM % 400)))
	"${reset[@]}" "$WHOSE" --db "$db" --plain review <"$fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	{
		for a in $script; do
			printf '%b' "$a"
			nap 0.01
		done
	} >"$fifo" 2>/dev/null &
	wpid=$!
	# The random moment counts from the first prompt (flushed before the
	# first read), so that a slow start (a sanitizer build, a busy machine)
	# does not turn kills mid-session into kills before it.
	for ((k = 0; k < 500; k++)); do
		[ -s "$T/out" ] && break
		nap 0.01
	done
	nap "$delay"
	kill -s "$sig" "$pid" 2>/dev/null
	t0=${EPOCHREALTIME/./}
	wait "$pid" 2>/dev/null || status=$?
	# Ended by the signal: at once (by its default action or a handler
	# that saves and leaves), not when the input ran out seconds later.
	[ $((${EPOCHREALTIME/./} - t0)) -lt 1000000 ] && died[$sig]=$((${died[$sig]:-0} + 1))
	kill "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null

	acked=$(grep -c '^Saved' "$T/out" || true)
	acked_total=$((acked_total + acked))
	[ "$status" -ge 128 ] && [ "$acked" -gt 0 ] && killed_mid=$((killed_mid + 1))
	case $(<"$T/err") in
	*Sanitizer* | *"runtime error"*) bad "$label: sanitizer report: $(head -n 3 "$T/err")" ;;
	esac
	# Every check in one sqlite3 run (it takes 40 ms to start), one line each.
	sqlite3 "$db" >"$T/check" 2>&1 <<SQL
SELECT group_concat(integrity_check, '; ') FROM pragma_integrity_check;
SELECT count(*) FROM pragma_foreign_key_check;
SELECT count(*) FROM reviews;
SELECT count(*) FROM reviews WHERE $nulls;
SELECT count(*) FROM cards c
	WHERE reps != (SELECT count(*) FROM reviews r WHERE r.question_id = c.question_id AND r.mode = 'review');
SELECT count(*) FROM cards c
	JOIN reviews r ON r.id = (SELECT max(id) FROM reviews WHERE question_id = c.question_id)
	WHERE c.due != r.due_after OR c.state != r.state_after OR c.stability != r.stability_after;
SELECT count(*) FROM topics t WHERE answers != (SELECT count(*) FROM reviews r WHERE r.topic_id = t.id);
SQL
	{
		read -r integrity
		read -r dangling
		read -r rows
		read -r half
		read -r reps
		read -r cards
		read -r topics
	} <"$T/check"
	expect_eq "$label: integrity" ok "$integrity"
	expect_eq "$label: foreign keys" 0 "$dangling"
	if [ "$rows" -ge "$acked" ] 2>/dev/null && [ "$rows" -le $((acked + 1)) ]; then
		ok
	else
		bad "$label: $acked answers acknowledged, $rows in the log (killed after ${delay}s, status $status)"
	fi
	expect_eq "$label: no half-written review" 0 "$half"
	expect_eq "$label: reps match the log" 0 "$reps"
	expect_eq "$label: cards are as their last review left them" 0 "$cards"
	expect_eq "$label: topics count their answers" 0 "$topics"
}

start=$SECONDS
for i in $(seq 1 50); do
	session "SIGKILL $i" KILL
done
# The profile survives: it opens and studies after the last kill.
run "$WHOSE" --db "$T/run.db" --plain review <<<$'a\n\nq'
expect_eq "study after a kill" 0 "$rc"
expect_in "study after a kill saved" "Saved" "$out"

if [ ${#reset[@]} -gt 0 ]; then
	sigs="INT TERM HUP"
else
	echo "SKIP: SIGINT (env --default-signal is missing: a background job ignores SIGINT)"
	sigs="TERM HUP"
fi
for sig in $sigs; do
	for i in 1 2 3 4 5; do
		session "SIG$sig $i" "$sig"
	done
	# Not vacuous: the signal reached the session (not ignored, not late).
	echo "crash: SIG$sig ended ${died[$sig]:-0} of 5 sessions"
	if [ "${died[$sig]:-0}" -ge 3 ]; then ok; else bad "SIG$sig ended only ${died[$sig]:-0} of 5 sessions"; fi
done

# Not vacuous: most sessions were killed while answering.
echo "crash: $acked_total answers acknowledged over all sessions; $killed_mid sessions killed by the signal after answering; $((SECONDS - start)) s"
if [ "$killed_mid" -ge 30 ]; then ok; else bad "only $killed_mid sessions were killed mid-session: the timing is off"; fi

finish
