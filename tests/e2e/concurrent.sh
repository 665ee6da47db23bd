#!/usr/bin/env bash
# End-to-end: two plain-mode sessions on one profile at the same time, and
# a third process running `whose stats` in a loop.  Nobody ever prints
# "database is locked" (or fails at all), and no answer is lost: the review
# rows are exactly the answers both sessions acknowledged, and every card
# is as its last review left it.  Rounds 1-3 start on a profile that does
# not exist yet (both sessions create, migrate and import it at once); the
# others on a profile in use.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

export WHOSE_BANK="$T/bank" WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
RANDOM=${WHOSE_CONCURRENT_SEED:-977}
mkdir -p "$WHOSE_BANK"
{
	echo "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle"
	for i in $(seq 1 200); do
		echo "k-$i,Topic $((i % 9)),who,Scenario $i: whose duty?,,AWS,Because.,src,,,"
	done
} >"$WHOSE_BANK/k.csv"
db="$XDG_DATA_HOME/whose/default.db"

mkfifo "$T/tick"
exec {tick}<>"$T/tick"
nap() { read -r -t "$1" -u "$tick" _ || true; }

# feed N: N answers at a learner's (fast) pace, then q.
feed() {
	for ((k = 0; k < $1; k++)); do
		case $((RANDOM % 4)) in
		0 | 1) printf 'a\n\n' ;;
		2) printf 'a\n4\n' ;;
		3) printf 'c\n' ;;
		esac
		nap 0.0$((RANDOM % 8 + 1))
	done
	printf 'q\n'
}

# round N FRESH: both sessions and the stats loop at once.
round() {
	local n=$1 before=0 a b pa pb ps fa fb acked rows fails=$e2e_fail
	if [ "$2" = fresh ]; then
		rm -rf "$XDG_DATA_HOME"
	else
		before=$(sqlite3 "$db" 'SELECT count(*) FROM reviews')
		"$WHOSE" config new-per-day 1000 >/dev/null
	fi
	: >"$T/stats.err"
	: >"$T/stats.runs"
	touch "$T/running"
	(
		while [ -e "$T/running" ]; do
			"$WHOSE" stats >/dev/null 2>>"$T/stats.err" || echo "stats exit $?" >>"$T/stats.err"
			echo >>"$T/stats.runs"
		done
	) &
	ps=$!
	for s in a b; do
		mkfifo "$T/in.$s"
		WHOSE_SEED=$RANDOM "$WHOSE" --plain review <"$T/in.$s" >"$T/out.$s" 2>"$T/err.$s" &
		eval "p$s=\$!"
	done
	feed 40 >"$T/in.a" &
	fa=$!
	feed 40 >"$T/in.b" &
	fb=$!
	wait "$pa" && a=0 || a=$?
	wait "$pb" && b=0 || b=$?
	wait "$fa" "$fb" 2>/dev/null
	rm -f "$T/running" "$T/in.a" "$T/in.b"
	wait "$ps"

	expect_eq "round $n: session A exit" 0 "$a"
	expect_eq "round $n: session B exit" 0 "$b"
	for f in "$T/err.a" "$T/err.b" "$T/stats.err"; do
		if grep -qiE 'locked|busy|another whose|exit|error|Sanitizer' "$f"; then
			bad "round $n: $(basename "$f"): $(head -n 3 "$f")"
		else
			ok
		fi
	done
	acked=$(cat "$T/out.a" "$T/out.b" | grep -c '^Saved')
	rows=$(sqlite3 "$db" 'SELECT count(*) FROM reviews')
	expect_eq "round $n: every acknowledged answer logged" "$((before + acked))" "$rows"
	[ "$(grep -c '^Saved' "$T/out.a")" -gt 0 ] && [ "$(grep -c '^Saved' "$T/out.b")" -gt 0 ] && ok ||
		bad "round $n: a session answered nothing"
	expect_eq "round $n: integrity" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
	expect_eq "round $n: reps match the log" 0 "$(sqlite3 "$db" "SELECT count(*) FROM cards c
		WHERE reps != (SELECT count(*) FROM reviews r WHERE r.question_id = c.question_id AND r.mode = 'review')")"
	expect_eq "round $n: cards are as their last review left them" 0 "$(sqlite3 "$db" "SELECT count(*) FROM cards c
		JOIN reviews r ON r.id = (SELECT max(id) FROM reviews WHERE question_id = c.question_id)
		WHERE c.due != r.due_after OR c.state != r.state_after")"
	expect_eq "round $n: topics count their answers" 0 "$(sqlite3 "$db" "SELECT count(*) FROM topics t
		WHERE answers != (SELECT count(*) FROM reviews r WHERE r.topic_id = t.id)")"
	expect_eq "round $n: one copy of the bank" 200 "$(sqlite3 "$db" 'SELECT count(*) FROM questions')"
	if [ "$e2e_fail" -ne "$fails" ]; then
		for f in out.a err.a out.b err.b stats.err; do
			echo "--- $f (end)"
			tail -n 12 "$T/$f"
		done
	fi >&2
	echo "round $n ($2): $acked answers from two sessions, $(wc -l <"$T/stats.runs") runs of whose stats"
}

start=$SECONDS
# First starts at once: three processes open a profile that does not exist
# yet (two sessions that end at once, and stats), 20 times.  Each must
# create, migrate and import it, or wait for the others to; none may take
# the half-made file for another program's.
first=0
for n in $(seq 1 20); do
	rm -rf "$XDG_DATA_HOME"
	"$WHOSE" --plain review </dev/null >/dev/null 2>"$T/first.1" &
	p1=$!
	"$WHOSE" --plain review </dev/null >/dev/null 2>"$T/first.2" &
	p2=$!
	"$WHOSE" stats >/dev/null 2>"$T/first.3" &
	p3=$!
	for p in $p1 $p2 $p3; do
		wait "$p" || first=$((first + 1))
	done
	# Each may say it created the database; nothing else.
	for f in "$T"/first.[123]; do
		grep -v '^whose: created a new profile database at ' "$f" >"$f.rest" || true
		mv "$f.rest" "$f"
	done
	if [ -s "$T/first.1" ] || [ -s "$T/first.2" ] || [ -s "$T/first.3" ]; then
		bad "first start $n: $(cat "$T/first.1" "$T/first.2" "$T/first.3" | head -n 2)"
	else
		ok
	fi
done
expect_eq "first starts at once: all succeed" 0 "$first"

for n in 1 2 3; do
	round "$n" fresh
done
for n in 4 5 6; do
	round "$n" used
done
echo "concurrent: $((SECONDS - start)) s"

finish
