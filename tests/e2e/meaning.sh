#!/usr/bin/env bash
# End-to-end: input valid in form but wrong in meaning.  Review histories
# dated in the future or before 2006, a column named twice, CR-only line
# endings (every message on its own line number), cells a spreadsheet
# would run as formulas (neutralised on export, read back unchanged),
# out-of-range integers in a hand-edited database, and schedules damaged
# within range (a review passes them over and names the repair, 'whose
# reset').
. "$(dirname "$0")/lib.sh"

export WHOSE_BANK="$T/bank" WHOSE_SEED=5 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,
t-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,
CSV
db="$T/m.db"
W() { run timeout 20 "$WHOSE" --db "$db" "$@"; }

# Dates: the future (beyond a day of clock skew) and before 2006 are
# refused with file:line; the edges are accepted.
for when in 9999-12-31T00:00:00Z 2026-03-02T10:00:01Z 2005-12-31T23:59:59Z 1970-01-01T00:00:00Z; do
	printf 'id,reviewed_at,rating\nt-1,2026-01-10T09:00:00Z,3\nt-2,%s,3\n' "$when" >"$T/h.csv"
	W import --reviews "$T/h.csv"
	expect_eq "review at $when refused" 65 "$rc"
	expect_in "review at $when: file:line" "h.csv:3: column 'reviewed_at'" "$err"
	expect_eq "review at $when: nothing imported" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM reviews' 2>/dev/null || echo 0)"
done
printf 'id,reviewed_at,rating\nt-1,2006-01-01T00:00:00Z,3\nt-2,2026-03-02T09:59:59Z,3\n' >"$T/edge.csv"
W import --reviews "$T/edge.csv"
expect_eq "reviews at the edges accepted" 0 "$rc"
run timeout 20 "$WHOSE" --db "$db" export --progress
expect_in "a review at the edge exports a readable year" "2026-03-02T09:59:59.000Z" "$out"

# A column named twice.
for h in 'id,reviewed_at,rating,rating' 'id,id,reviewed_at,rating' 'ID,reviewed_at,rating,id'; do
	printf '%s\nt-1,2026-01-10T09:00:00Z,3,3\n' "$h" >"$T/dup.csv"
	W import --reviews "$T/dup.csv"
	expect_eq "header '$h' refused" 65 "$rc"
	expect_in "header '$h' says so" "appears twice" "$err"
done

# CR-only line endings: each problem on its own line, as the reader splits
# them; CR LF and LF count the same.
for eol in '\r' '\r\n' '\n'; do
	printf "id,reviewed_at,rating${eol}t-1,2026-01-10T09:00:00Z,3${eol}t-2,bad,3${eol}t-1,2026-01-12T09:00:00Z,9${eol}" >"$T/eol.csv"
	W import --reviews "$T/eol.csv"
	expect_eq "line ends $eol: refused" 65 "$rc"
	expect_in "line ends $eol: the bad time on line 3" "eol.csv:3: column 'reviewed_at'" "$err"
	expect_in "line ends $eol: the bad rating on line 4" "eol.csv:4: column 'rating'" "$err"
done
printf 'id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\rc-1,T,who,Who?,,AWS,x,s,,,\rc-2,T,who,Who?,,nobody,x,s,,,\r' >"$T/crbank.csv"
W check "$T/crbank.csv"
expect_in "a CR-only bank: the bad row is line 3" "crbank.csv:3:" "$err"

# Formulas: an exported cell led by = + - @ tab or CR gets a "'" first.
sqlite3 "$db" "UPDATE topics SET name = '=HYPERLINK(\"http://evil\",\"x\")' WHERE name = 'Alpha';
	UPDATE topics SET name = '@SUM(1+1)' WHERE name = 'Beta';"
run timeout 20 "$WHOSE" --db "$db" export --progress
expect_in "export: = neutralised" "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"" "$out"
expect_in "export: @ neutralised" ",'@SUM(1+1)," "$out"
case "$out" in *",=HYPERLINK"* | *",@SUM"*) bad "a formula cell left as it was" ;; *) ok ;; esac
# The history round trip still reads back the same.
run timeout 20 "$WHOSE" --db "$db" export --reviews --all -o "$T/log.csv"
expect_eq "export the log" 0 "$rc"
run timeout 20 "$WHOSE" --db "$T/fresh.db" import --reviews "$T/log.csv"
expect_eq "the log reads back" 0 "$rc"
expect_eq "the same reviews" "$(sqlite3 "$db" 'SELECT count(*) FROM reviews')" "$(sqlite3 "$T/fresh.db" 'SELECT count(*) FROM reviews')"

# Integers out of range in a hand-edited database: no overflow (the
# sanitizer build runs this too), a year that reads.
sqlite3 "$db" "UPDATE cards SET due = -9223372036854775808, last_review = 9223372036854775807, state = 2;
	UPDATE reviews SET reviewed_at = -9223372036854775808, duration_ms = -9223372036854775808;"
cp "$db" "$T/extreme.db"
sqlite3 "$T/extreme.db" "UPDATE cards SET reps = 9223372036854775807, lapses = -9223372036854775808,
	elapsed_days = 9223372036854775807, learning_steps = -9223372036854775808, stability = 1e308,
	difficulty = -1e308, due = 0; UPDATE topics SET answers = 9223372036854775807, correct = -1;"
for cmd in 'export --progress' 'export --reviews --all' 'stats' 'stats --json' 'exams' '--plain review' '--plain practice'; do
	for d in "$db" "$T/extreme.db"; do
		# shellcheck disable=SC2086
		run timeout 20 "$WHOSE" --db "$d" $cmd <<<$'1\n\n1\n\n'
		if [ "$rc" -lt 128 ]; then ok; else bad "$cmd on $(basename "$d"): crashed ($rc)"; fi
		case "$err" in *"runtime error"* | *Sanitizer*) bad "$cmd on $(basename "$d"): $(echo "$err" | head -n 2)" ;; *) ok ;; esac
	done
done
for cmd in 'export --progress' 'export --reviews --all' 'stats' 'stats --json'; do
	# shellcheck disable=SC2086
	run timeout 20 "$WHOSE" --db "$db" $cmd
	if [ "$rc" -lt 128 ]; then ok; else bad "$cmd on extreme times: crashed ($rc)"; fi
	case "$err" in *"runtime error"* | *Sanitizer*) bad "$cmd on extreme times: $(echo "$err" | head -n 2)" ;; *) ok ;; esac
done
run timeout 20 "$WHOSE" --db "$db" export --progress
expect_in "an extreme due is pinned to a year that reads" "0000-01-01T00:00:00.000Z" "$out"

# A damaged schedule: the review names the question, says how to repair
# it and goes on with the others; 'whose reset' repairs it.  Each damage
# is a value that fits its column but no scheduler writes.
for damage in 'difficulty = 99' 'stability = -3' 'difficulty = 0.5' 'scheduled_days = -5' \
	'scheduled_days = 99999' 'learning_steps = 99999' 'elapsed_days = -1' 'reps = -2' 'state = 7'; do
	dd="$T/damaged.db"
	rm -f "$dd"
	printf '1\n\n1\n\n' | timeout 20 "$WHOSE" --db "$dd" --create --plain review >/dev/null 2>&1
	sqlite3 "$dd" "UPDATE cards SET state = 2, due = 0, difficulty = 5, stability = 3, reps = 2,
		last_review = 1772100000000, scheduled_days = 3, learning_steps = 0, elapsed_days = 1;
		UPDATE cards SET $damage WHERE question_id = (SELECT id FROM questions WHERE qid = 't-1')"
	run timeout 20 "$WHOSE" --db "$dd" --plain review <<<$'c\n\nq\n'
	expect_eq "$damage: the review goes on" 0 "$rc"
	expect_in "$damage: names the question and the repair" "Question t-1 is skipped: its schedule is damaged" "$out"
	expect_in "$damage: the repair" "'whose reset t-1' starts it again." "$out"
	expect_in "$damage: the other question is asked" "Who runs the hypervisor?" "$out"
	case "$out" in *"Who patches the guest OS?"*) bad "$damage: the damaged question was asked" ;; *) ok ;; esac
	before=$(sqlite3 "$dd" 'SELECT count(*) FROM reviews')
	run timeout 20 "$WHOSE" --db "$dd" reset t-1
	expect_eq "$damage: reset" 0 "$rc"
	expect_eq "$damage: reset keeps the review log" "$before" "$(sqlite3 "$dd" 'SELECT count(*) FROM reviews')"
	expect_eq "$damage: reset makes it new" "0|0.0|0.0|0|0|" \
		"$(sqlite3 "$dd" "SELECT state, stability, difficulty, reps, learning_steps, last_review FROM cards WHERE question_id = (SELECT id FROM questions WHERE qid = 't-1')")"
	run timeout 20 "$WHOSE" --db "$dd" --plain review <<<$'a\n\nq\n'
	case "$out" in *"is skipped"*) bad "$damage: still skipped after reset: $out" ;; *) ok ;; esac
done
# Nothing else due: the review says so and still names the question.
sqlite3 "$dd" "UPDATE cards SET difficulty = 99, state = 2, due = 0, stability = 3, last_review = 1772100000000;"
run timeout 20 "$WHOSE" --db "$dd" --plain review <<<$'q\n'
expect_eq "only damaged questions: no failure" 0 "$rc"
expect_in "only damaged questions: told together" "2 questions are skipped: their schedules are damaged (t-1: difficulty 99 is outside 1 to 10, and others); 'whose reset --damaged' starts them all again." "$out"
run timeout 20 "$WHOSE" --db "$dd" reset t-1 nosuch
expect_eq "reset of an unknown id fails" 1 "$rc"
expect_in "reset: the known ones are reset" "t-1: starts again as a new question" "$out"
expect_in "reset: the unknown one is named" "no question with id 'nosuch'" "$err"
run timeout 20 "$WHOSE" --db "$dd" reset --damaged
expect_eq "reset --damaged" 0 "$rc"
expect_eq "reset --damaged: the damaged one only" "t-2: starts again as a new question" "$out"
run timeout 20 "$WHOSE" --db "$dd" reset --damaged
expect_eq "reset --damaged when none is" "no question has a damaged schedule" "$out"
run timeout 20 "$WHOSE" --db "$dd" reset --damaged t-1
expect_eq "reset --damaged with ids: usage" 2 "$rc"
run timeout 20 "$WHOSE" reset
expect_eq "reset without an id: usage" 2 "$rc"

finish
