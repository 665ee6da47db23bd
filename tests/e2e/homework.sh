#!/usr/bin/env bash
# End-to-end: homework drills many accounts share.  As root, this creates
# throwaway Unix accounts and a group for a class, a setgid and sticky
# folder owned by the group, and runs the real binary as those accounts:
#   1. twenty students finish at once: one header, twenty whole rows, the
#      file 0660 and of the class group whatever the students' umask;
#   2. a classmate's planted symbolic link and FIFO are refused before the
#      drill starts, at once, and the linked file is left as it was;
#   3. a header a teacher typed without its newline is repaired;
#   4. a student whose profile has questions of its own gets another drill
#      from the same seed: `whose report` warns, naming the fingerprints;
#   5. a drill left with q is a row marked incomplete, shown as such; a
#      classmate holding the file's lock makes a drill give up, not hang,
#      and its row is kept in the student's profile until --resend;
#   6. a student called "name" is kept; hostile names and file names never
#      reach the terminal raw.
# Without root it says so and is skipped (exit 77), never passed.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: homework.sh needs root to create throwaway accounts and a group"
	exit 77
fi
for tool in useradd userdel groupadd groupdel setpriv; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: homework.sh needs $tool"
		exit 77
	fi
done

# Names unique to this run: other tests may create accounts at the same time.
tag="wh$$"
group="${tag}c"
students=()
# userdel -f: an account still running a process a failed check left
# behind is removed all the same.
cleanup() {
	local u
	for u in "${students[@]}"; do
		userdel -f "$u" >/dev/null 2>&1
		groupdel "$u" >/dev/null 2>&1
	done
	groupdel "$group" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT


retry groupadd "$group" || { bad "groupadd $group"; finish; exit; }
for k in $(seq 1 22); do
	u="${tag}s$k"
	retry useradd -M -N -g "$group" -d /nonexistent -s /usr/sbin/nologin "$u" ||
		{ bad "useradd $u"; finish; exit; }
	students+=("$u")
done

# The binary, the bank and each student's own data must be reachable: the
# binary is copied to $T/bin (reachable_whose), whatever folder it was
# built in.
need_reachable_whose
export WHOSE_BANK="$T/bank" WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
unset USER LOGNAME
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
a-1,Alpha,who,Alpha one: whose duty?,,AWS,Alpha one is AWS's.,https://example.org/a1,,,
a-2,Alpha,who,Alpha two: whose duty?,,AWS,Alpha two is AWS's.,https://example.org/a2,,,
a-3,Alpha,truefalse,Alpha three is true.,,true,Alpha three holds.,https://example.org/a3,,,
b-1,Beta,who,Beta one: whose duty?,,AWS,Beta one is AWS's.,https://example.org/b1,,,
b-2,Beta,choice,Beta two: pick the right one.,Right one|Wrong one|Also wrong,A,Beta two is the first.,https://example.org/b2,,B: Not this one.|C: Nor this.,no
g-1,Gamma,who,Gamma one: whose duty?,,AWS,Gamma one is AWS's.,https://example.org/g1,,,
CSV
chmod -R a+rX "$WHOSE_BANK"
class="$T/class"
install -d -o root -g "$group" -m 3770 "$class"
for u in "${students[@]}"; do
	install -d -o "$u" -g "$group" -m 700 "$T/home-$u"
done

# as USER CMD...: run CMD as the student USER, umask 077, with their own
# home and data, the class's bank and clock.
as() {
	local u=$1
	shift
	(umask 077 && cd "$T/home-$u" && setpriv --reuid="$u" --regid="$group" --init-groups \
		env HOME="$T/home-$u" XDG_DATA_HOME="$T/home-$u/data" "$@")
}

# 1. Twenty students finish at once, one results file, none there yet.
week="$class/week3.csv"
pids=()
for k in $(seq 1 20); do
	u=${students[$((k - 1))]}
	printf 'a\n\nc\n\na\n' | as "$u" "$WHOSE" drill --seed 9 --count 3 --name "$u" --results "$week" \
		>"$T/out.$k" 2>&1 &
	pids+=($!)
done
fails=0
k=0
for p in "${pids[@]}"; do
	k=$((k + 1))
	# A student whose drill failed: show what it said.
	wait "$p" || { fails=$((fails + 1)); cat "$T/out.$k" >&2; }
done
expect_eq "twenty exits" 0 "$fails"
header="name,finished_at,seed,score,total,answers,complete,fingerprint"
expect_eq "twenty one lines" 21 "$(wc -l <"$week")"
expect_eq "header first" "$header" "$(head -1 "$week")"
expect_eq "one header" 1 "$(grep -c "^$header\$" "$week")"
expect_eq "twenty whole rows" 20 "$(grep -cE "^${tag}s[0-9]+,2026-03-01T10:00:[0-9.]+Z,9,2,3,[a-g]-[0-9]=1 [a-g]-[0-9]=0 [a-g]-[0-9]=1,1,[0-9a-f]{16}\$" "$week")"
expect_eq "every student once" 20 "$(tail -n +2 "$week" | cut -d, -f1 | sort -u | wc -l)"
expect_eq "one drill for all" 1 "$(tail -n +2 "$week" | cut -d, -f8 | sort -u | wc -l)"
expect_eq "mode and group" "660 $group" "$(stat -c '%a %G' "$week")"
owner=$(stat -c %U "$week")
expect_in "owned by a student" " $owner " " ${students[*]} "
fp=$(sed -n 2p "$week" | cut -d, -f8)

# The sticky folder: a classmate can neither remove nor replace the file.
other=${students[20]}
[ "$owner" = "$other" ] && other=${students[21]}
as "$other" rm -f "$week" 2>/dev/null
expect_eq "not removed by a classmate" 21 "$(wc -l <"$week")"
as "$other" mv "$week" "$class/stolen.csv" 2>/dev/null
expect_eq "not renamed by a classmate" yes "$([ -f "$week" ] && echo yes)"

# 2. A classmate plants a link to another student's file, or a FIFO: the
# drill refuses them before the first question, at once.
s1=${students[0]} s2=${students[1]}
printf '%s\n' "$header" >"$class/s2-own.csv"
chown "$s2:$group" "$class/s2-own.csv"
chmod 660 "$class/s2-own.csv"
as "$s1" ln -s s2-own.csv "$class/week4.csv"
printf 'a\n\nc\n\na\n' >"$T/answers"
run as "$s2" timeout 20 "$WHOSE" drill --seed 9 --count 3 --name "$s2" --results "$class/week4.csv" <"$T/answers"
expect_eq "link exit" 1 "$rc"
expect_in "link named" "week4.csv is a symbolic link, which whose does not follow here" "$err"
expect_eq "link: no question asked" "" "$(printf '%s' "$out" | grep 'Question 1')"
expect_eq "linked file untouched" "$header" "$(cat "$class/s2-own.csv")"
as "$s1" mkfifo -m 666 "$class/week5.csv"
run as "$s2" timeout 20 "$WHOSE" drill --seed 9 --count 3 --name "$s2" --results "$class/week5.csv" <"$T/answers"
expect_eq "fifo exit" 1 "$rc"
expect_in "fifo named" "week5.csv is a FIFO (named pipe), not a regular file" "$err"
run timeout 20 "$WHOSE" report "$class/week5.csv"
expect_eq "report fifo exit" 1 "$rc"
expect_in "report fifo" "FIFO" "$err"

# A file of another kind is refused with 65 before the drill.
printf 'id,topic\n' >"$class/notes.csv"
chgrp "$group" "$class/notes.csv"
chmod 660 "$class/notes.csv"
run as "$s2" "$WHOSE" drill --seed 9 --count 3 --name "$s2" --results "$class/notes.csv" <"$T/answers"
expect_eq "other header exit" 65 "$rc"
expect_in "other header" "notes.csv:1: not the header of a results file" "$err"
expect_eq "other file untouched" "id,topic" "$(cat "$class/notes.csv")"

# 3. The teacher creates the file with printf and no newline.
w6="$class/week6.csv"
printf '%s' "$header" >"$w6"
chgrp "$group" "$w6"
chmod 660 "$w6"
run as "$s1" "$WHOSE" drill --seed 9 --count 3 --name "$s1" --results "$w6" <"$T/answers"
expect_eq "printf header exit" 0 "$rc"
expect_eq "row on its own line" "$header" "$(head -1 "$w6")"
expect_eq "two lines" 2 "$(wc -l <"$w6")"
expect_eq "row whole" "$s1" "$(sed -n 2p "$w6" | cut -d, -f1)"

# 4. One student's profile has questions of its own: the same seed draws
# another drill, and the report says so.
s3=${students[2]}
{
	echo "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle"
	for i in 1 2 3 4 5 6 7 8; do
		echo "own-$i,Own,who,Own $i: whose duty?,,AWS,Own $i is AWS's.,src,,,"
	done
} >"$T/home-$s3/own.csv"
chown "$s3" "$T/home-$s3/own.csv"
run as "$s3" "$WHOSE" import "$T/home-$s3/own.csv"
expect_eq "own import" 0 "$rc"
printf 'a\n\na\n\na\n' | as "$s3" "$WHOSE" drill --seed 9 --count 3 --name "$s3" --results "$week" >/dev/null 2>&1
fp3=$(tail -1 "$week" | cut -d, -f8)
expect_eq "own bank row" "$s3" "$(tail -1 "$week" | cut -d, -f1)"
expect_eq "another fingerprint" yes "$([ "$fp3" != "$fp" ] && echo yes)"
run "$WHOSE" report "$week"
expect_eq "mixed report exit" 0 "$rc"
expect_in "mixed warning" "Warning: 1 seed gave different questions to different students" "$out"
expect_in "the class's drill" "  seed 9, questions $fp: 20 drills, e.g. " "$out"
expect_in "the other drill" "  seed 9, questions $fp3: 1 drill, e.g. $s3" "$out"

# 5. q leaves a drill early: a row marked incomplete, no score.
s4=${students[3]}
printf 'a\n\nq\n' | as "$s4" "$WHOSE" drill --seed 9 --count 3 --name "$s4" --results "$week" >/dev/null 2>&1
expect_eq "incomplete row" "1,3,0" "$(tail -1 "$week" | cut -d, -f4,5,7)"
expect_eq "not answered marked" 2 "$(tail -1 "$week" | cut -d, -f6 | grep -o '=-' | wc -l)"
run "$WHOSE" report "$week"
expect_in "incomplete head" "Class report: 22 drills (1 left early) by 20 students" "$out"
expect_in "incomplete student" "1 incomplete (left early)" "$(printf '%s\n' "$out" | grep "^  $s4 ")"

# A classmate who holds the file's lock does not hang the drill: it gives
# up after 15 s, says why, and writes nothing.
lines=$(wc -l <"$week")
# (The holder lets go by itself after 20 s: killing the subshell would
# leave flock and its sleep holding the lock.)
as "$s1" flock "$week" sleep 20 &
holder=$!
for k in $(seq 1 100); do
	flock -n "$week" true || break
	sleep 0.1
done
start=$SECONDS
run as "$s2" timeout 35 "$WHOSE" drill --seed 9 --count 3 --name "$s2" --results "$week" <"$T/answers"
took=$((SECONDS - start))
wait "$holder"
expect_eq "lock held exit" 1 "$rc"
expect_in "lock held" "another process has held the results file's lock for 15 s" "$err"
expect_eq "lock held: gave up, did not hang" yes "$([ "$took" -ge 14 ] && [ "$took" -lt 19 ] && echo yes)"
expect_eq "lock held: nothing written" "$lines" "$(wc -l <"$week")"
# The row is not lost: kept in the student's profile, added by --resend
# once the file can be written, then forgotten.
expect_in "lock held: kept" "Your result is kept in your profile: 'whose drill --resend' adds it" "$err"
run as "$s2" "$WHOSE" drill --resend
expect_eq "resend exit" 0 "$rc"
expect_in "resend said" "1 kept drill result was added to its results file." "$out"
expect_eq "resend wrote the row" "$((lines + 1))" "$(wc -l <"$week")"
expect_eq "resend: the student's row" "$s2,2" "$(tail -n 1 "$week" | cut -d, -f1,4)"
run as "$s2" "$WHOSE" drill --resend
expect_in "resend twice: nothing kept" "No drill result is kept: nothing to send." "$out"
expect_eq "resend twice: nothing written" "$((lines + 1))" "$(wc -l <"$week")"

# 6. A student called "name"; a name with an escape is refused; rows and
# file names with escapes reach the terminal escaped.
s5=${students[4]}
run as "$s5" "$WHOSE" drill --seed 9 --count 3 --name name --results "$week" <"$T/answers"
expect_eq "name exit" 0 "$rc"
run as "$s5" "$WHOSE" drill --seed 9 --count 3 --name "$(printf 'x\033[2Jy')" --results "$week" <"$T/answers"
expect_eq "escape name exit" 2 "$rc"
run as "$s5" "$WHOSE" drill --seed 9 --count 3 --name "$(printf 'evil\u202egnp.exe')" --results "$week" <"$T/answers"
expect_eq "bidi name exit" 2 "$rc"
run "$WHOSE" report "$week"
expect_in "name kept" "Class report: 24 drills (1 left early) by 21 students" "$out"
expect_eq "name listed" 1 "$(printf '%s\n' "$out" | grep -c '^  name ')"
# A classmate appends rows by hand: an escape in a name, a bidi override.
hostile="$class/$(printf 'week\033[31m7').csv"
{
	printf '%s\n' "$header"
	printf '%s,2026-03-01T10:00:00Z,9,0,1,a-1=0,1,%s\n' "$(printf 'mal\033]0;pwned\007lory')" "$fp"
	printf '%s,2026-03-01T10:00:00Z,9,0,1,a-1=0,1,%s\n' "$(printf 'tro\u202ejan')" "$fp"
	printf 'fine,2026-03-01T10:00:00Z,9,1,1,a-1=1,1,%s\n' "$fp"
} >"$hostile"
run "$WHOSE" report "$hostile"
expect_eq "hostile exit" 65 "$rc"
expect_eq "no escape out" 0 "$(printf '%s%s' "$out" "$err" | tr -cd '\033\007' | wc -c)"
expect_eq "no bidi out" 0 "$(printf '%s%s' "$out" "$err" | grep -c "$(printf '\u202e')")"
expect_in "file named safely" 'week^[[31m7.csv:2: column '"'name'" "$err"
expect_in "rest reported" "Class report: 1 drill by 1 student" "$out"

# 7. A classmate's hand edit leaves a row with a quote open, no newline
# (issue 33: every later row was swallowed, each student told "saved").
# Two students are at their first question when it lands: their rows are
# refused at the end with the line named and kept; a student starting
# after it is told before the first question and nothing is asked; the
# report counts the rows before it and names it; once the line is gone,
# --resend run twice at once by each student adds each row once.
s6=${students[5]} s7=${students[6]} s8=${students[7]}
w8="$class/week8.csv"
as "$s6" "$WHOSE" drill --seed 9 --count 3 --name "$s6" --results "$w8" <"$T/answers" >/dev/null 2>&1
mkfifo "$T/in-$s7" "$T/in-$s8"
as "$s7" "$WHOSE" drill --seed 9 --count 3 --name "$s7" --results "$w8" \
	<"$T/in-$s7" >"$T/out-$s7" 2>"$T/err-$s7" &
pid7=$!
exec 7>"$T/in-$s7"
as "$s8" "$WHOSE" drill --seed 9 --count 3 --name "$s8" --results "$w8" \
	<"$T/in-$s8" >"$T/out-$s8" 2>"$T/err-$s8" &
pid8=$!
exec 8>"$T/in-$s8"
hw_both_asked() { grep -q '^Question 1 of 3' "$T/out-$s7" && grep -q '^Question 1 of 3' "$T/out-$s8"; }
if wait_until 20 hw_both_asked; then ok; else bad "open quote: the drills did not start: $(cat "$T/out-$s7" "$T/err-$s7" "$T/out-$s8" "$T/err-$s8")"; fi
as "$s6" sh -c 'printf "bob,\"2026-03-01T10:00:00Z" >>"$1"' sh "$w8"
size=$(stat -c %s "$w8")
cat "$T/answers" >&7
cat "$T/answers" >&8
exec 7>&- 8>&-
wait "$pid7"; rc7=$?
wait "$pid8"; rc8=$?
for u in "$s7" "$s8"; do
	if [ "$u" = "$s7" ]; then rc=$rc7; else rc=$rc8; fi
	err=$(cat "$T/err-$u")
	expect_eq "after an open quote: $u not saved (bad data)" 65 "$rc"
	expect_in "after an open quote: $u answered" "Drill over: " "$(cat "$T/out-$u")"
	expect_in "after an open quote: $u told the line" "week8.csv:3: the last row is not whole" "$err"
	expect_in "after an open quote: $u kept" "Your result is kept in your profile" "$err"
	expect_eq "after an open quote: $u wrote nothing" "$size" "$(stat -c %s "$w8")"
done
run as "$s6" "$WHOSE" drill --seed 9 --count 3 --name "$s6" --results "$w8" <"$T/answers"
expect_eq "open quote before the drill: bad data" 65 "$rc"
expect_in "open quote before the drill: the line" "week8.csv:3: the last row is not whole" "$err"
case $out$err in
*"Question 1"* | *"kept in your profile"*) bad "open quote before the drill: asked or kept: $out$err" ;;
*) ok ;;
esac
expect_eq "open quote before the drill: wrote nothing" "$size" "$(stat -c %s "$w8")"
run "$WHOSE" report "$w8"
expect_eq "report of an open quote: exit" 65 "$rc"
expect_in "report of an open quote: the line" "week8.csv:3:" "$err"
expect_in "report of an open quote: the rows before" "Class report: 1 drill by 1 student" "$out"
truncate -s "$(head -n 2 "$w8" | wc -c)" "$w8"
pids=()
for u in "$s7" "$s8" "$s7" "$s8"; do
	as "$u" "$WHOSE" drill --resend >/dev/null 2>&1 &
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
expect_eq "resent at once: each row once" "1 1 1" \
	"$(for u in "$s6" "$s7" "$s8"; do grep -c "^$u," "$w8"; done | xargs)"
expect_eq "resent at once: four lines" 4 "$(wc -l <"$w8")"
run "$WHOSE" report "$w8"
expect_eq "report once repaired: exit" 0 "$rc"
expect_in "report once repaired" "Class report: 3 drills by 3 students" "$out"

finish
