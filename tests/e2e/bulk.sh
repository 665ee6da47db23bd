#!/usr/bin/env bash
# End-to-end: the first import of a large bank (4 MiB or more) into an
# empty database, which writes through a rollback journal instead of the
# write-ahead log (see store_import_bulk in src/core/store.c).  Whatever
# happens, the import is all or nothing and the database ends in WAL mode:
#   - a clean import, then a re-import (not a first one: the WAL path);
#   - a bank with one bad row at its end: nothing imported, the database
#     empty and usable;
#   - SIGKILL at random moments of the import: the next start rolls the
#     half-written import back (no question, or all of them);
#   - `whose stats` started while the import runs waits for it, then works.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

# Commands other than import first bring in the bundled bank: here a
# one-question stand-in, counted below as the +1.
export TZ=UTC WHOSE_NOW=2026-03-01T10:00:00Z WHOSE_BANK="$T/tiny"
mkdir -p "$WHOSE_BANK"
printf '%s\n' "id,topic,type,question,answer,explanation,source" \
	"tiny-1,Tiny,who,Whose duty is the hypervisor?,AWS,AWS runs it.,src" >"$WHOSE_BANK/tiny.csv"
RANDOM=${WHOSE_BULK_SEED:-5150}
N=20000
bank="$T/big.csv"
"$PYTHON" "$SRC/bench/gen_bank.py" "$N" --seed 3 --out "$bank"
size=$(stat -c %s "$bank")
expect_eq "the bank is past the 4 MiB mark" yes "$([ "$size" -ge $((4 << 20)) ] && echo yes)"

# state DB: "journal questions cards integrity leftover-journal"
state() {
	local j=no
	[ -e "$1-journal" ] && j=yes
	echo "$(sqlite3 "$1" 'PRAGMA journal_mode') $(sqlite3 "$1" 'SELECT count(*) FROM questions') $(sqlite3 "$1" 'SELECT count(*) FROM cards') $(sqlite3 "$1" 'PRAGMA integrity_check') $j"
}

# A clean first import, then the same bank again.
db="$T/a.db"
run "$WHOSE" --db "$db" import "$bank"
expect_eq "first import exit" 0 "$rc"
expect_in "first import summary" "$N added, 0 updated, 0 unchanged, 0 retired" "$out"
expect_eq "after the first import" "wal $N $N ok no" "$(state "$db")"
expect_eq "database mode" 600 "$(stat -c %a "$db")"
run "$WHOSE" --db "$db" import "$bank"
expect_eq "re-import exit" 0 "$rc"
expect_in "re-import summary" "0 added, 0 updated, $N unchanged, 0 retired" "$out"
expect_eq "after the re-import" "wal $N $N ok no" "$(state "$db")"
run "$WHOSE" --db "$db" --plain review --limit 1 </dev/null
expect_eq "studies after a bulk import" 0 "$rc"

# One bad row at the end of a large bank: nothing at all is imported.
cp "$bank" "$T/bad.csv"
echo "zz-last,Topic,quiz,Whose?,,AWS,Because.,src,,," >>"$T/bad.csv"
line=$(($(wc -l <"$T/bad.csv")))
db="$T/b.db"
run "$WHOSE" --db "$db" import "$T/bad.csv"
expect_eq "bad bank exit" 1 "$([ "$rc" -ne 0 ] && echo 1 || echo 0)"
expect_in "bad bank message" "bad.csv:$line: column 'type'" "$err"
expect_in "bad bank verdict" "nothing was imported" "$err"
expect_eq "after the bad bank" "wal 0 0 ok no" "$(state "$db")"
run "$WHOSE" --db "$db" import "$bank"
expect_eq "then the good bank" "wal $N $N ok no" "$(state "$db")"

# SIGKILL in the middle: all or nothing, and the next start repairs it.
kills=0
for round in 1 2 3 4 5 6; do
	db="$T/k$round.db"
	"$WHOSE" --db "$db" import "$bank" >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%02d' $((RANDOM % 25 + 3)))"
	if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
	wait "$pid" 2>/dev/null
	run "$WHOSE" --db "$db" stats
	expect_eq "round $round: stats after the kill" 0 "$rc"
	s=$(state "$db")
	case "$s" in
	"wal 1 1 ok no" | "wal $((N + 1)) $((N + 1)) ok no") ok ;;
	*) bad "round $round: after the kill: $s" ;;
	esac
	run "$WHOSE" --db "$db" import "$bank"
	expect_eq "round $round: import again" 0 "$rc"
	expect_eq "round $round: complete" "wal $((N + 1)) $((N + 1)) ok no" "$(state "$db")"
done
echo "# $kills of 6 imports killed before they ended"

# A reader that comes while the import runs waits for it.
db="$T/r.db"
"$WHOSE" --db "$db" import "$bank" >/dev/null 2>"$T/import.err" &
pid=$!
sleep 0.05
run "$WHOSE" --db "$db" stats
wait "$pid"
expect_eq "import beside a reader" 0 "$?"
expect_eq "stats beside the import" 0 "$rc"
expect_eq "no lock message" "" "$(grep -il 'locked\|write-ahead' "$T/import.err" <(echo "$err"))"
expect_eq "after both" "wal $((N + 1)) $((N + 1)) ok no" "$(state "$db")"

finish
