#!/usr/bin/env bash
# End-to-end: hostile and broken inputs.  Each broken bank, database or
# review history gets a clear message that names the file and says what to
# do, and a non-zero exit; never a crash (a signal, exit >= 128, or a
# sanitizer report), a hang (20 s), or a raw control character or broken
# UTF-8 sent to the terminal.  A database that is not ours, or is newer, is
# never written to: its checksum is the same after every command.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

export WHOSE_BANK="$T/bank" WHOSE_SEED=3 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK" "$T/in"
HEADER=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
cat >"$WHOSE_BANK/t.csv" <<CSV
$HEADER
t-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,
t-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,
t-3,Alpha,truefalse,AWS patches the guest OS.,,false,x,src,,,
CSV

# Output that may reach a terminal: valid UTF-8, and no control character
# but newline and tab.  (An escape sequence in a message could clear the
# screen, retitle the window or worse.)
clean_text() {
	printf '%s' "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || return 1
	! printf '%s' "$1" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')"
}

# sane WHAT: the last `run` neither crashed nor hung, and printed nothing
# raw.
sane() {
	if [ "$rc" -eq 124 ]; then
		bad "$1: hung (killed after 20 s)"
	elif [ "$rc" -ge 128 ]; then
		bad "$1: crashed (exit $rc)"
	else
		ok
	fi
	case "$err" in
	*Sanitizer* | *"runtime error"*) bad "$1: sanitizer report: $(echo "$err" | head -n 3)" ;;
	*) ok ;;
	esac
	if clean_text "$out" && clean_text "$err"; then ok; else bad "$1: raw control character or broken UTF-8 in the output"; fi
}

# refused WHAT NAME HINT...: the last `run` failed with a clear message:
# a non-zero exit, and stderr naming NAME (the file) and each HINT.
refused() {
	local what=$1 name=$2 h
	shift 2
	sane "$what"
	if [ "$rc" -ne 0 ]; then ok; else bad "$what: exit status 0"; fi
	expect_in "$what names the file" "$name" "$err"
	for h in "$@"; do
		expect_in "$what says what to do" "$h" "$err"
	done
}

W() { run timeout 20 "$WHOSE" "$@"; }

# A profile with a few answers, to break in various ways (new questions
# come interleaved by type and topic: t-3, t-2, t-1).
db="$T/good.db"
W --db "$db" --plain review <<<$'f\n\na\n\nc\n\n'
expect_eq "good profile" 0 "$rc"
expect_eq "good profile answers" 3 "$(sqlite3 "$db" 'SELECT count(*) FROM reviews')"

#
# 1. Banks.
#
bank() { printf '%s\n' "$HEADER" >"$T/in/$1"; cat >>"$T/in/$1"; }

printf 'e-1,T,who,\033[2J\033]0;pwned\007Who?,,AWS,,,,,\n' | bank escape.csv
W check "$T/in/escape.csv"
refused "bank with escape sequences" "escape.csv:2" "control character U+001B" "remove it"
expect_eq "bank with escape sequences exit" 65 "$rc"
printf 'id,topic,type,question,answer,\033[31mred\n' >"$T/in/escape-header.csv"
W check "$T/in/escape-header.csv"
refused "bank with an escape sequence in its header" "escape-header.csv:1" "unknown column '?[31mred'" "the columns are"

printf 'n-1,T,who,Who\000?,,AWS,,,,,\n' | bank nul.csv
W check "$T/in/nul.csv"
refused "bank with a NUL byte" "nul.csv:2" "NUL byte" "not a text CSV file"

printf 'u-1,T,who,Caf\351 \300\257?,,AWS,,,,,\n' | bank latin1.csv
W check "$T/in/latin1.csv"
refused "bank in Latin-1" "latin1.csv:2" "invalid UTF-8" "save the file as UTF-8"

# A 100 MB field, quoted and not: given up on at the record limit.
{ printf 'b-1,T,who,"'; head -c 100000000 /dev/zero | tr '\0' x; printf '",,AWS,,,,,\n'; } | bank huge.csv
W check "$T/in/huge.csv"
refused "bank with a 100 MB field" "huge.csv:2" "a record longer than" "a field holds at most"
{ printf 'b-1,T,who,'; head -c 100000000 /dev/zero | tr '\0' x; printf ',,AWS,,,,,\n'; } | bank huge2.csv
W import "$T/in/huge2.csv"
refused "import of a bank with a 100 MB unquoted field" "huge2.csv:2" "a record longer than"
rm -f "$T/in/huge.csv" "$T/in/huge2.csv"

{ printf '%s' "$HEADER"; head -c 1000000 /dev/zero | tr '\0' ,; echo; } >"$T/in/columns.csv"
W check "$T/in/columns.csv"
refused "bank with a million columns" "columns.csv:1" "1000011 columns, more than the 32" "is this a question bank?"
{ echo "$HEADER"; printf 'c-1'; head -c 1000000 /dev/zero | tr '\0' ,; echo; } >"$T/in/columns-row.csv"
W check "$T/in/columns-row.csv"
refused "bank row with a million fields" "columns-row.csv:2" "1000001 fields, but the header has 11" "quote"

cp /bin/ls "$T/in/ls.csv"
W check "$T/in/ls.csv"
refused "a binary file as a bank" "ls.csv" "not a text CSV file"
W import "$T/in/ls.csv" "$WHOSE_BANK"
refused "a binary file among banks" "ls.csv" "nothing was imported"

#
# 2. Databases.
#
checksum() { { cat "$1"; ls "$1"-* 2>/dev/null; } | sha256sum; }

# untouched WHAT DB NAME HINT...: every command refuses DB with the
# message, and writes nothing to it (no byte, no journal left beside it).
untouched() {
	local what=$1 f=$2 name=$3 before
	shift 3
	before=$(checksum "$f")
	W --db "$f" stats
	refused "$what: stats" "$name" "$@"
	W --db "$f" --plain review <<<$'a\n\n'
	refused "$what: review" "$name" "$@"
	W --db "$f" import "$WHOSE_BANK"
	refused "$what: import" "$name" "$@"
	W --db "$f" config new-per-day 5
	refused "$what: config" "$name" "$@"
	W --db "$f" import --reviews "$T/in/nul.csv"
	refused "$what: import --reviews" "$name" "$@"
	W --db "$f" export --progress
	refused "$what: export" "$name" "$@"
	expect_eq "$what: not written to" "$before" "$(checksum "$f")"
}

cp "$db" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
untouched "newer schema" "$T/newer.db" "newer.db" "newer whose" "upgrade whose"

sqlite3 "$T/other.db" 'CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts VALUES (1, "me")'
untouched "another program's database" "$T/other.db" "other.db" "not a whose database" "give another file with --db"

printf 'Dear diary,\nnot a database.\n' >"$T/diary.txt"
untouched "a text file" "$T/diary.txt" "diary.txt" "not a database" "give another with --db"

# Corrupt: the same garbage over every page but the first (the header stays
# valid, so the damage is met only when the schema and tables are read).
# Not random: SQLite's message depends on the bytes.
cp "$db" "$T/corrupt.db"
page=$(sqlite3 "$T/corrupt.db" 'PRAGMA page_size')
size=$(stat -c %s "$T/corrupt.db")
yes 'garbage!' | head -c $((size - page)) | dd of="$T/corrupt.db" bs="$page" seek=1 conv=notrunc status=none
W --db "$T/corrupt.db" stats
refused "corrupt database: stats" "corrupt.db" "damaged" "restore a backup"
W --db "$T/corrupt.db" --plain review <<<$'a\n\n'
refused "corrupt database: review" "corrupt.db" "damaged" "restore a backup"

mkdir "$T/folder.db"
W --db "$T/folder.db" stats
refused "a folder as the database" "folder.db" "a folder, not a database file"

# Read-only: a 0444 file in a 0555 folder (a backup, a snapshot).  What
# only reads opens it read-only and says so; what must write refuses.
# root writes through modes, so as root the program runs as nobody (when
# setpriv can do that).
mkdir "$T/ro"
cp "$db" "$T/ro/ro.db"
# Answered, then submitted with the word (confirmed), as plain mode
# submits since one key map took 's' for Shared.
W --db "$T/ro/ro.db" --plain exam --questions 1 <<<$'a\nsubmit\nsubmit\n'
expect_eq "an exam in the copy to be made read-only" 0 "$rc"
printf 'name,finished_at,seed,score,total,answers,complete,fingerprint\nann,2026-03-01T10:00:00Z,1,1,1,t-1=1,1,0000000000000001\n' >"$T/ro-results.csv"
chmod 444 "$T/ro/ro.db"
chmod 555 "$T/ro"
as=()
if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		as=(skip)
		why="running as root without setpriv, and root writes through file modes"
	elif ! reachable_whose; then
		as=(skip)
		why=$reachable_why
	else
		# nobody must reach the folder and the binary (copied there by
		# reachable_whose) to be refused by the database's modes.
		as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		chown 65534 "$T/ro/ro.db"  # its own: another's would be refused as such
	fi
fi
if [ "${as[0]:-}" = skip ]; then
	echo "SKIP: read-only database: $why"
else
	before=$(checksum "$T/ro/ro.db")
	for cmd in stats "stats --json" exams "exams show 1" "export --progress" "export --reviews" "report $T/ro-results.csv" search "show t-1"; do
		# shellcheck disable=SC2086
		run timeout 20 "${as[@]}" env HOME="$T" "$WHOSE" --db "$T/ro/ro.db" $cmd </dev/null
		sane "read-only database: $cmd"
		expect_eq "read-only database: $cmd: exit" 0 "$rc"
		expect_in "read-only database: $cmd: said" "ro.db is read-only for you: opened read-only" "$err"
		[ -n "$out" ] && ok || bad "read-only database: $cmd: printed nothing"
	done
	expect_in "read-only database: the exam listed" "Exam" "$(run timeout 20 "${as[@]}" env HOME="$T" "$WHOSE" --db "$T/ro/ro.db" exams; echo "$out")"
	expect_in "read-only database: the report" "1 drill by 1 student" "$(run timeout 20 "${as[@]}" env HOME="$T" "$WHOSE" --db "$T/ro/ro.db" report "$T/ro-results.csv"; echo "$out")"
	run timeout 20 "${as[@]}" env HOME="$T" "$WHOSE" --db "$T/ro/ro.db" --plain review <<<$'c\n\n'
	refused "read-only database: review" "ro.db" "read-only" "check its permissions"
	run timeout 20 "${as[@]}" env HOME="$T" "$WHOSE" --db "$T/ro/ro.db" import "$WHOSE_BANK"
	refused "read-only database: import" "ro.db" "read-only" "check its permissions"
	expect_eq "read-only database: not written to" "$before" "$(checksum "$T/ro/ro.db")"
	chmod 700 "$T"
fi
chmod 755 "$T/ro"

# Full disk: the file may not grow past its size (ulimit -f, with SIGXFSZ
# ignored so that the write fails rather than kill the process).  An
# import of a big bank fails whole: the database is as it was.
"$PYTHON" - "$T/in/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n")
    for i in range(3000):
        f.write(f"big-{i},Topic {i % 30},who,Question {i} {'x' * 300},,AWS,{'y' * 300},src,,,\n")
PY
cp "$db" "$T/full.db"
questions=$(sqlite3 "$T/full.db" 'SELECT count(*) FROM questions')
limit=$(( ($(stat -c %s "$T/full.db") + 65536) / 1024 ))
out=$( (trap '' XFSZ; ulimit -f "$limit"; exec timeout 20 "$WHOSE" --db "$T/full.db" import "$T/in/big.csv") 2>"$T/stderr") && rc=0 || rc=$?
err=$(cat "$T/stderr")
refused "full disk (file size limit): import" "full.db" "free some space"
expect_eq "full disk: database intact" ok "$(sqlite3 "$T/full.db" 'PRAGMA integrity_check')"
expect_eq "full disk: nothing half-imported" "$questions" "$(sqlite3 "$T/full.db" 'SELECT count(*) FROM questions')"

# A real full disk, when a small tmpfs can be mounted (root, with the
# right to mount): answers already acknowledged stay saved.
mkdir "$T/mnt"
if mount -t tmpfs -o size=320k tmpfs "$T/mnt" 2>/dev/null; then
	trap 'umount "$T/mnt" 2>/dev/null; rm -rf "$T"' EXIT
	cp "$db" "$T/mnt/tiny.db"
	W --db "$T/mnt/tiny.db" import "$T/in/big.csv"
	refused "full disk (tmpfs): import" "tiny.db" "free some space"
	head -c 1000000 /dev/zero >"$T/mnt/filler" 2>/dev/null || true
	W --db "$T/mnt/tiny.db" --plain review <<<$'f\n\na\n\nc\n\n'
	if [ "$rc" -ne 0 ]; then
		refused "full disk (tmpfs): review" "tiny.db" "free some space"
	else
		sane "full disk (tmpfs): review"
	fi
	rm -f "$T/mnt/filler"
	expect_eq "full disk (tmpfs): database intact" ok "$(sqlite3 "$T/mnt/tiny.db" 'PRAGMA integrity_check')"
	acked=$(printf '%s\n' "$out" | grep -c '^Saved' || true)
	expect_eq "full disk (tmpfs): acknowledged answers kept" "$((3 + acked))" "$(sqlite3 "$T/mnt/tiny.db" 'SELECT count(*) FROM reviews')"
	umount "$T/mnt"
	trap 'rm -rf "$T"' EXIT
else
	echo "SKIP: full disk on a small tmpfs: cannot mount one here (the file size limit case above still ran)"
fi

# Databases edited by hand (issue 33): figures out of every range whose
# writes.  An exam's number of questions or times, a card's last review:
# named as damaged or shown, never an overflow (a sanitizer build reports
# one as "runtime error", which sane catches) nor a failed allocation.
W --db "$T/tam.db" --plain exam --questions 2 <<<$'a\nsubmit\nsubmit\n'
expect_eq "an exam to tamper with" 0 "$rc"
tamper() {
	cp "$T/tam.db" "$T/tam2.db"
	rm -f "$T/tam2.db-wal" "$T/tam2.db-shm"
	sqlite3 "$T/tam2.db" "$1"
}
for q in -1 0 1001 9223372036854775807; do
	tamper "UPDATE exams SET questions = $q"
	W --db "$T/tam2.db" exams show 1
	sane "exams.questions = $q: exams show"
	expect_in "exams.questions = $q: damaged" "is damaged in the database" "$err"
	W --db "$T/tam2.db" exams
	sane "exams.questions = $q: exams"
done
for col in started_at:-9223372036854775807 started_at:9223372036854775807 paused_ms:9223372036854775807 \
	finished_at:-9223372036854775807 minutes:-5 minutes:2147483647; do
	tamper "UPDATE exams SET ${col%%:*} = ${col#*:}"
	for cmd in exams "exams show 1" stats; do
		# shellcheck disable=SC2086
		W --db "$T/tam2.db" $cmd
		sane "exams.$col: $cmd"
	done
done
tamper "UPDATE cards SET state = 2, stability = 0, last_review = -9223372036854775807, due = 9223372036854775807 WHERE question_id = (SELECT min(question_id) FROM cards)"
for cmd in stats "stats --json"; do
	# shellcheck disable=SC2086
	W --db "$T/tam2.db" $cmd
	sane "a card reviewed at the start of time: $cmd"
	expect_eq "a card reviewed at the start of time: $cmd: exit" 0 "$rc"
done

#
# 3. Review histories.
#
hist() { printf 'id,reviewed_at,rating,duration_ms\n' >"$T/in/$1"; cat >>"$T/in/$1"; }
reviews=$(sqlite3 "$db" 'SELECT count(*) FROM reviews')

printf '\033[2J\033]0;pwned\007,2026-01-10T09:00:00Z,3,\nt-1,\033[31m,3,\nt-1,2026-01-10T09:00:00Z,\302\23331m,\n' | hist escape.csv
W --db "$db" import --reviews "$T/in/escape.csv"
refused "history with escape sequences" "escape.csv:2" "import its bank first" "ISO 8601" "is not 1 (Again)"
expect_eq "history with escape sequences exit" 65 "$rc"

printf 't-1,2026-01-10T09:00:00Z,3,\000\n' | hist nul.csv
W --db "$db" import --reviews "$T/in/nul.csv"
refused "history with a NUL byte" "nul.csv:2" "NUL byte"

printf 't-1\351\300,2026-01-10T09:00:00Z,3,\nt-1,2026-01-10T09:00:00Z,3,\342\202\n' | hist latin1.csv
W --db "$db" import --reviews "$T/in/latin1.csv"
refused "history with broken UTF-8" "latin1.csv:2" "no question with id 't-1??'" "import its bank first"

{ printf 't-1,"'; head -c 100000000 /dev/zero | tr '\0' 9; printf '",3,\n'; } | hist huge.csv
W --db "$db" import --reviews "$T/in/huge.csv"
refused "history with a 100 MB field" "huge.csv:2" "a record longer than"
rm -f "$T/in/huge.csv"

{ printf 'id,reviewed_at,rating'; head -c 1000000 /dev/zero | tr '\0' ,; echo; } >"$T/in/columns.csv"
W --db "$db" import --reviews "$T/in/columns.csv"
refused "history with a million columns" "columns.csv:1" "a record longer than"

W --db "$db" import --reviews /bin/ls
refused "a binary file as a history" "/bin/ls" "NUL byte" "not a text CSV file"

# Found by the fuzzer: a header without reviewed_at, then a row of a known
# question, read field[-1].
printf 'id,when\nt-1,2026-01-10T09:00:00Z\n' >"$T/in/missing-column.csv"
W --db "$db" import --reviews "$T/in/missing-column.csv"
refused "history without the reviewed_at column" "missing-column.csv:1" "the columns id, reviewed_at and rating are required"

: >"$T/in/empty.csv"
W --db "$db" import --reviews "$T/in/empty.csv"
refused "an empty history" "empty.csv" "expected a header row"

W --db "$db" import --reviews "$T/in/nosuch.csv"
refused "a history that is not there" "nosuch.csv" "cannot open"
expect_eq "refused histories wrote nothing" "$reviews" "$(sqlite3 "$db" 'SELECT count(*) FROM reviews')"

#
# 4. What the learner types: garbage on standard input is survived.
#
W --db "$db" --plain practice --count 3 </bin/ls
sane "binary garbage as answers"
expect_eq "binary garbage as answers exit" 0 "$rc"
head -c 50000000 /dev/zero | tr '\0' 1 >"$T/in/line"
W --db "$db" --plain practice --count 3 <"$T/in/line"
sane "a 50 MB line as an answer"
expect_eq "a 50 MB line as an answer exit" 0 "$rc"
rm -f "$T/in/line"
W --db "$db" --plain practice --count 3 <<<$'\303\n\340\033[31m\n\302\233\n! \340\033[2J note\n'
sane "broken UTF-8 and escapes as answers"
run "$WHOSE" --db "$db" stats
sane "stats after a flag note with an escape sequence"
# A NUL byte in a line made the reader drop the next line (found by the
# fuzzer): here the rating 4 after a right answer.
mkdir "$T/one"
printf '%s\nw-1,T,who,Who runs the hypervisor?,,AWS,x,src,,,\n' "$HEADER" >"$T/one/w.csv"
WHOSE_BANK="$T/one" W --db "$T/one.db" --plain review < <(printf 'a\000junk\n4\n')
sane "a NUL byte in an answer"
expect_in "a NUL byte does not swallow the next line" "Saved: Easy" "$out"


# Values valid in form, wrong in meaning: each refused with its status.
for seed in -1 99999999999999999999 +5 0 ' 7'; do
	WHOSE_SEED="$seed" W --db "$db" stats
	expect_eq "WHOSE_SEED='$seed' refused" 2 "$rc"
	expect_in "WHOSE_SEED='$seed' says the range" "whole number from 1 to 18446744073709551615" "$err"
done
W --profile 'bad name' stats
expect_eq "a bad --profile is a usage error" 2 "$rc"
WHOSE_PROFILE='a/b' W stats
expect_eq "a bad WHOSE_PROFILE is a usage error" 2 "$rc"
HOME=relative/home XDG_DATA_HOME= W stats
expect_eq "a relative HOME: exit 1" 1 "$rc"
expect_in "a relative HOME is named as such" "is not an absolute path" "$err"

finish
