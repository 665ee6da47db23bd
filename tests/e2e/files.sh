#!/usr/bin/env bash
# End-to-end: files in shared places.  Planted links, FIFOs and devices at
# every path whose reads or writes (an export, a bank folder, the database,
# a results file) are refused before any work, with a clear message and
# without hanging; nothing is left behind; a write that fails (/dev/full)
# is not status 0.  When run as root, a second Unix account plants links in
# a shared sticky folder.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

export WHOSE_BANK="$T/bank" WHOSE_SEED=3 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
HEADER=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<CSV
$HEADER
t-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,
t-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,
CSV
W() { run timeout 20 "$WHOSE" "$@"; }
# refused WHAT STATUS HINT: the last run exited STATUS (not hung) and said HINT.
refused() {
	expect_eq "$1: exit status" "$2" "$rc"
	expect_in "$1: message" "$3" "$err"
}
db="$T/p.db"
W --db "$db" --plain review <<<$'c\n\n'
expect_eq "a profile" 0 "$rc"
chmod 0640 "$db"

# export -o: never through a planted link; the database's mode; nothing
# left beside it.
echo "precious" >"$T/target"
ln -s "$T/target" "$T/out.csv"
W --db "$db" export --progress -o "$T/out.csv"
expect_eq "export over a link" 0 "$rc"
expect_eq "the link's target is untouched" precious "$(cat "$T/target")"
if [ -f "$T/out.csv" ] && [ ! -L "$T/out.csv" ]; then ok; else bad "export: the output is not a regular file"; fi
expect_eq "export has the database's mode" 640 "$(stat -c %a "$T/out.csv")"
expect_eq "no temporary left" "" "$(ls "$T" | grep tmp- || true)"
mkfifo "$T/fifo.csv"
for target in "$T/fifo.csv" /dev/null "$T" "$T/nosuch/x.csv"; do
	W --db "$db" export --progress -o "$target"
	expect_eq "export -o $target refused" 1 "$rc"
	expect_in "export -o $target names it" "${target%/x.csv}" "$err"
done
# A signal during the export leaves no temporary behind.
(trap - EXIT; exec "$WHOSE" --db "$db" export --reviews -o "$T/sig.csv" >/dev/null 2>&1) &
sleep 0.05
kill -TERM $! 2>/dev/null
wait $! 2>/dev/null
expect_eq "no temporary after a signal" "" "$(ls "$T" | grep 'sig.csv.tmp-' || true)"

# FIFOs and devices among the files read: no hang.
mkdir -p "$T/b"
cp "$WHOSE_BANK/t.csv" "$T/b/a.csv"
mkfifo "$T/b/b.csv"
W --db "$db" check "$T/b"
refused "a FIFO in a bank folder" 65 "FIFO"
W --db "$db" import --reviews "$T/fifo.csv"
refused "a FIFO as a history" 65 "FIFO"
W --db "$db" check /dev/null
refused "a device as a bank" 65 "device"

# The database: a FIFO, a device, a dangling link, a folder, a file cut
# short, a path too long; nothing created beside it.
for bad in "$T/fifo.csv" /dev/null "$T/dangling.db" "$T"; do
	[ "$bad" = "$T/dangling.db" ] && ln -sf "$T/nothing" "$T/dangling.db"
	W --db "$bad" stats
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; then ok; else bad "--db $bad: exit $rc"; fi
	expect_in "--db $bad names it" "$bad" "$err"
done
expect_in "dangling link said" "symbolic link to nothing" "$(W --db "$T/dangling.db" stats; echo "$err")"
if [ -e /dev/null-journal ] || [ -e "$T/fifo.csv-journal" ]; then bad "a journal was left beside a device or FIFO"; else ok; fi
# Beside the database: a journal, WAL or shared-memory file that is a
# planted link, a FIFO or a folder is named, before anything is written,
# and nothing reaches the link's target.
echo "precious" >"$T/target"
for kind in link fifo dir; do
	for sfx in -journal -wal -shm; do
		cp "$db" "$T/c.db"
		case $kind in
		link) ln -s "$T/target" "$T/c.db$sfx" ;;
		fifo) mkfifo "$T/c.db$sfx" ;;
		dir) mkdir "$T/c.db$sfx" ;;
		esac
		W --db "$T/c.db" --plain review <<<$'c\n\n'
		refused "a $kind as c.db$sfx" 1 "c.db$sfx, beside the database, is a"
		expect_in "a $kind as c.db$sfx: what to do" "remove it" "$err"
		expect_eq "a $kind as c.db$sfx: the target untouched" precious "$(cat "$T/target")"
		expect_eq "a $kind as c.db$sfx: nothing written" \
			"$(sqlite3 "$db" 'SELECT count(*) FROM reviews')" "$(sqlite3 "file:$T/c.db?mode=ro&immutable=1" 'SELECT count(*) FROM reviews')"
		rm -rf "$T/c.db$sfx" "$T/c.db"
	done
done
cp "$db" "$T/short.db"
truncate -s -1 "$T/short.db"
W --db "$T/short.db" stats
refused "a database cut short" 65 "cut short"
long="$T/$(printf 'd%.0s' $(seq 1 300))/$(printf 'e%.0s' $(seq 1 250)).db"
W --db "$long" stats
refused "a database path too long" 1 "shorter path"
if [ -e "$T/ddd" ] || [ -e "$(dirname "$long")" ]; then bad "a too long path left folders behind"; else ok; fi
# --create leaves nothing behind when it fails (issue 33): a path of 505
# to 511 bytes (SQLite's journal name would pass 512), a trailing slash,
# a disk that fills up while the schema is written.  504 bytes still do.
mkdir -p "$T/len"
for total in 504 505 508 511; do
	pre="$T/len/$(printf 'd%.0s' $(seq 1 200))/$(printf 'e%.0s' $(seq 1 200))/"
	file=$(printf 'f%.0s' $(seq 1 $((total - ${#pre} - 3)))).db
	W --db "$pre$file" --create stats
	if [ "$total" -eq 504 ]; then
		expect_eq "a $total-byte path: made" 0 "$rc"
	else
		refused "a $total-byte path" 1 "use a shorter path"
		expect_eq "a $total-byte path: nothing left" "" "$(ls -A "$T/len")"
	fi
	rm -rf "${T:?}/len/"*
done
W --db "$T/len/a/b/" --create stats
refused "a trailing slash" 1 "ends with '/', so it names a folder"
expect_eq "a trailing slash: nothing left" "" "$(ls -A "$T/len")"
(trap '' XFSZ; ulimit -f 4; exec "$WHOSE" --db "$T/len/new/deeper/n.db" --create stats) >/dev/null 2>&1
expect_eq "a disk full while creating: nothing left" "" "$(ls -A "$T/len")"

# A FIFO and a link to a device among the profiles: listed without
# hanging, refused when used.
mkdir -p "$XDG_DATA_HOME/whose"
mkfifo "$XDG_DATA_HOME/whose/evil.db"
ln -s /dev/zero "$XDG_DATA_HOME/whose/zero.db"
run timeout 20 "$WHOSE" profiles
expect_eq "profiles with a FIFO and a device among them" 0 "$rc"
for p in evil zero; do
	run timeout 20 "$WHOSE" --profile "$p" stats
	expect_eq "--profile $p (not a regular file): refused" 1 "$rc"
	expect_in "--profile $p: says what it is" "not a database file" "$err"
done
rm -f "$XDG_DATA_HOME/whose/evil.db" "$XDG_DATA_HOME/whose/zero.db"

# drill --results: a folder or a FIFO is refused before the first question.
for r in "$T" "$T/fifo.csv" /dev/null; do
	W --db "$db" --plain drill --seed 1 --name ann --results "$r" </dev/null
	refused "drill --results $r" 1 "results file"
	case "$out" in *Question*) bad "drill --results $r: the drill started" ;; *) ok ;; esac
done

# Writes to standard output are checked.
if [ -w /dev/full ]; then
	for cmd in "stats" "stats --json" "exams" "config" "check $WHOSE_BANK" "profiles" "export --progress" "--help"; do
		# shellcheck disable=SC2086
		timeout 20 "$WHOSE" --db "$db" $cmd >/dev/full 2>"$T/full.err" && rc=0 || rc=$?
		expect_eq "$cmd >/dev/full: exit status" 1 "$rc"
		expect_in "$cmd >/dev/full: message" "cannot write" "$(cat "$T/full.err")"
	done
fi

# A second account, as in a class folder: /tmp-like, sticky, shared.
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: not root, so no second Unix account: the shared-folder part was not run"
	finish || exit 1
	exit 77
fi
user="whose-t$$"
user=${user:0:31}
if ! reachable_whose; then
	echo "SKIP: the shared-folder part was not run: $reachable_why"
	finish || exit 1
	exit 77
fi
useradd -M -d /nonexistent -s /usr/sbin/nologin "$user" || { bad "useradd"; finish; exit 1; }
trap 'userdel "$user" 2>/dev/null; rm -rf "$T"' EXIT
chmod 0755 "$T"
mkdir -m 1777 "$T/shared"
echo "root's" >"$T/rootfile"
chmod 0644 "$T/rootfile"
as() { runuser -u "$user" -- env HOME=/nonexistent WHOSE_BANK="$WHOSE_BANK" WHOSE_NOW="$WHOSE_NOW" XDG_DATA_HOME="$T/shared/data" "$@"; }
# The other account plants a link where root will export.
as ln -s "$T/rootfile" "$T/shared/export.csv"
W --db "$db" export --progress -o "$T/shared/export.csv"
expect_eq "root's file not overwritten through a planted link" "root's" "$(cat "$T/rootfile")"
# Root plants a link to its own file; the other account exports there.
ln -s "$T/rootfile" "$T/shared/root-link.csv"
mkdir -m 0777 "$T/shared/udb"
as "$WHOSE" --db "$T/shared/udb/u.db" --plain review <<<$'c\n\n' >/dev/null 2>&1
out=$(as "$WHOSE" --db "$T/shared/udb/u.db" export --progress -o "$T/shared/root-link.csv" 2>&1) && rc=0 || rc=$?
expect_eq "the other account cannot export over root's link" 1 "$rc"
expect_eq "root's file untouched" "root's" "$(cat "$T/rootfile")"
# A database of another account, and one of its own in a folder it
# cannot write: refused at once, each with its own cause.
out=$(as "$WHOSE" --db "$db" stats 2>&1) && rc=0 || rc=$?
expect_eq "a database of another account: refused" 1 "$rc"
expect_in "a database of another account: said" "belongs to another account (root, uid 0)" "$out"
mkdir -m 0755 "$T/rodir"
cp "$db" "$T/rodir/r.db"
chown "$user" "$T/rodir/r.db"
chmod 0600 "$T/rodir/r.db"
out=$(as "$WHOSE" --db "$T/rodir/r.db" --plain review <<<$'c\n\n' 2>&1) && rc=0 || rc=$?
expect_eq "a database in a read-only folder: refused" 1 "$rc"
expect_in "a read-only folder: said" "the folder of" "$out"
# The other account plants a link where root's database would be.
cp "$db" "$T/rootdb.db"
as ln -s "$T/rootdb.db" "$T/shared/class.db"
before=$(md5sum <"$T/rootdb.db")
W --db "$T/shared/class.db" --plain review <<<$'c\n\n'
expect_eq "a planted link as the database: refused" 1 "$rc"
expect_in "a planted link as the database: said" "owned by another user" "$err"
expect_eq "the database it points at is untouched" "$before" "$(md5sum <"$T/rootdb.db")"
# The other account plants a link as the journal of root's database in
# the shared folder: named, and nothing reaches the link's target.
cp "$db" "$T/shared/rootprof.db"
as ln -s "$T/rootfile" "$T/shared/rootprof.db-journal"
W --db "$T/shared/rootprof.db" --plain review <<<$'c\n\n'
refused "another account's link as the journal" 1 "rootprof.db-journal, beside the database, is a symbolic link"
expect_eq "another account's journal link: root's file untouched" "root's" "$(cat "$T/rootfile")"
# Regular files the other account plants, mode 0666, beside root's
# database in the shared folder (issue 33): SQLite would use them, so a
# flag note would land where that account reads it.  Each is named with
# its owner, and nothing is written to it.
for sfx in -journal -wal -shm; do
	cp "$db" "$T/shared/mine.db"
	as touch "$T/shared/mine.db$sfx"
	as chmod 0666 "$T/shared/mine.db$sfx"
	W --db "$T/shared/mine.db" --plain review <<<$'c\n\n'
	refused "another account's regular mine.db$sfx" 1 "mine.db$sfx (SQLite's file beside the database) belongs to another account ($user, uid"
	expect_in "another account's mine.db$sfx: what to do" "remove it" "$err"
	expect_eq "another account's mine.db$sfx: left empty" 0 "$(stat -c %s "$T/shared/mine.db$sfx")"
	W --db "$T/shared/mine.db" stats
	refused "another account's mine.db$sfx: not read either" 1 "belongs to another account"
	rm -f "$T/shared/mine.db$sfx" "$T/shared/mine.db"
done
# One's own file beside it, but writable by every account: refused too.
cp "$db" "$T/shared/mine.db"
touch "$T/shared/mine.db-wal"
chmod 0666 "$T/shared/mine.db-wal"
W --db "$T/shared/mine.db" --plain review <<<$'c\n\n'
refused "a world-writable mine.db-wal of one's own" 1 "can be written by every account (mode 0666)"
rm -f "$T/shared/mine.db-wal"
# A 0-byte database the other account made first: never adopted, with
# --create or not, and nothing written to it.
as touch "$T/shared/q.db"
as chmod 0666 "$T/shared/q.db"
W --db "$T/shared/q.db" --create --plain review <<<$'c\n\n'
refused "another account's empty q.db with --create" 1 "q.db (the database) belongs to another account ($user"
expect_eq "another account's q.db: still empty" 0 "$(stat -c %s "$T/shared/q.db")"
W --db "$T/shared/q.db" stats
refused "another account's empty q.db: stats" 1 "belongs to another account"
# The same with a real database of theirs.
as cp "$T/shared/udb/u.db" "$T/shared/theirs.db"
W --db "$T/shared/theirs.db" stats
refused "another account's database" 1 "theirs.db (the database) belongs to another account"
# One's own empty file is adopted, said, and made 0600 whatever its mode.
touch "$T/shared/own.db"
chmod 0644 "$T/shared/own.db"
W --db "$T/shared/own.db" --create --plain review <<<$'c\n\n'
expect_eq "one's own empty database: adopted" 0 "$rc"
expect_in "one's own empty database: said" "created a new profile database" "$err"
expect_eq "one's own empty database: now 0600" 600 "$(stat -c %a "$T/shared/own.db")"
# A new database is 0600 whatever the umask.
(umask 000; "$WHOSE" --db "$T/shared/new/n.db" --create --plain review <<<$'c\n\n' >/dev/null 2>&1)
expect_eq "a new database under umask 000: 0600" 600 "$(stat -c %a "$T/shared/new/n.db")"
expect_eq "its folder under umask 000: 0700" 700 "$(stat -c %a "$T/shared/new")"
# An exam lock the other account plants: named with its owner, whatever
# its mode, and never used.
cp "$db" "$T/shared/ex.db"
for m in 0644 0666; do
	as touch "$T/shared/ex.db-exam.lock"
	as chmod "$m" "$T/shared/ex.db-exam.lock"
	W --db "$T/shared/ex.db" --plain exam --questions 1 </dev/null
	refused "another account's exam lock ($m)" 1 "ex.db-exam.lock (the profile's exam lock) belongs to another account ($user"
	rm -f "$T/shared/ex.db-exam.lock"
done
W --db "$T/shared/ex.db" --plain exam --questions 1 <<<$'1\n\n'
expect_eq "an exam once the planted lock is gone" 0 "$rc"

# A FIFO the other account plants as a class results file.
as mkfifo "$T/shared/results.csv"
W --db "$db" --plain drill --seed 1 --name ann --results "$T/shared/results.csv" </dev/null
refused "a planted FIFO as the results file" 1 "FIFO"

finish
