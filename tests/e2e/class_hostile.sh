#!/bin/sh
# tests/e2e/class_hostile.sh - a live class against one hostile account on
# the host, in a private folder that behaves like /tmp (01777): the account
# squats the shared class folder first (the class still opens, and
# students find it), plants a socket under the class's code (refused,
# both named, no HELLO sent), plants one whose process is not the folder's
# owner (refused), plants a listener that never accepts (listings do not
# hang), floods the class with connections that never say HELLO (a
# student still joins within 5 s) and knocks 300 times from outside the
# group (the teacher reads a handful of lines, not 300).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: class_hostile.sh needs root to create throwaway accounts (it runs as $(id -un))"
	exit 77
fi
for tool in useradd userdel groupadd groupdel setpriv timeout; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: class_hostile.sh needs $tool"
		exit 77
	fi
done

P=wh$(printf %04x $(($$ % 65536)))
G=${P}g
M=${P}m          # mallory: the hostile account, outside the group
users=""
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	[ -n "${hostpid:-}" ] && kill "$hostpid" 2>/dev/null
	for u in $users; do retry userdel -f "$u" || echo "class_hostile.sh: could not remove the account $u" >&2; done
	retry groupdel "$G" || echo "class_hostile.sh: could not remove the group $G" >&2
	rm -rf "$T"
}
trap cleanup EXIT
retry groupadd "$G" || { echo "FAIL: groupadd $G"; exit 1; }
for u in "${P}s1" "${P}s2"; do
	retry useradd -M -N -s /usr/sbin/nologin -G "$G" "$u" || { echo "FAIL: useradd $u"; exit 1; }
	users="$users $u"
done
retry useradd -M -N -s /usr/sbin/nologin "$M" || { echo "FAIL: useradd $M"; exit 1; }
users="$users $M"

chmod 755 "$T"
mkdir -p "$T/bin" "$T/out"
cp "$WHOSE" "$T/bin/whose"
cp "$SRC/tests/e2e/class_hostile.py" "$T/bin/"
chmod 755 "$T/bin" "$T/bin/whose"
chmod 644 "$T/bin/class_hostile.py"
chmod 1777 "$T/out"
# The private /tmp.
mkdir -m 1777 "$T/tmp"
chmod 1777 "$T/tmp"
BASE="$T/tmp/whose-class"
export WHOSE_CLASS_DIR="$BASE"
export WHOSE_BANK="$SRC/questions"
W="$T/bin/whose"
H="$T/bin/class_hostile.py"

as() {
	u=$1
	shift
	setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --init-groups \
		env HOME=/nonexistent WHOSE_CLASS_DIR="$WHOSE_CLASS_DIR" "$@"
}
# bg USER CMD...: as, in the background, its pid in $! (the helper itself,
# so that cleanup's kill reaches it), its output kept from the test's.
bg() {
	u=$1
	shift
	exec setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --init-groups \
		env HOME=/nonexistent WHOSE_CLASS_DIR="$WHOSE_CLASS_DIR" "$@"
}
wait_for() {
	n=0
	while ! grep -q -- "$2" "$1" 2>/dev/null; do
		n=$((n + 1))
		if [ $n -gt $((${3:-20} * 10)) ]; then
			bad "waited for [$2] in $1"
			return 1
		fi
		sleep 0.1
	done
	return 0
}
now_ms() { date +%s%3N; }

# ---- 1. the shared folder squatted first -----------------------------------
as "$M" mkdir -m 1777 "$BASE"
as "$M" chmod 1777 "$BASE"
expect_eq "mallory squatted the base" "$M" "$(stat -c %U "$BASE")"
mkfifo "$T/ctl"
"$W" class host --seed 5 --questions 2 --seconds 30 --group "$G" <"$T/ctl" >"$T/host.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl"
wait_for "$T/host.out" "Students join with" || { cat "$T/host.out"; finish; exit 1; }
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host.out" | head -1)
expect_eq "a code" 6 "${#code}"
host=$(cat "$T/host.out")
expect_in "the teacher is told who owns the shared folder" "$BASE (owner $M (uid $(id -u "$M")))" "$host"
expect_in "the teacher is told what an administrator does" "tmpfiles.d" "$host"
own="$BASE-0"
expect_eq "the teacher's own folder, listable" "755 root" "$(stat -c '%a %U' "$own" 2>/dev/null)"
run as "${P}s1" "$W" class join
expect_in "a student lists the class in the teacher's own folder" "$code  teacher root" "$out"
bg "${P}s1" "$W" class join "$code" </dev/null >"$T/out/s1" 2>&1 &
s1pid=$!
pids="$pids $s1pid"
wait_for "$T/out/s1" "Joined class $code as ${P}s1"
expect_in "the join banner names the teacher's account" "the teacher is root (uid 0)" "$(cat "$T/out/s1")"
wait_for "$T/host.out" "joined: ${P}s1"

# ---- 2. a socket planted under the class's code ----------------------------
as "$M" mkdir -m 0755 "$BASE/$code"
bg "$M" "$PYTHON" "$H" listen "$BASE/$code/socket" "$T/out/planted.log" >>"$T/out/helpers.log" 2>&1 &
plantpid=$!
pids="$pids $plantpid"
n=0; while [ ! -S "$BASE/$code/socket" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
run as "${P}s2" timeout 20 "$W" class join "$code" </dev/null
expect_eq "two classes under one code: refused" 1 "$rc"
expect_in "both named: the planted one" "$BASE/$code/socket  teacher $M" "$err"
expect_in "both named: the teacher's" "$own/$code/socket  teacher root" "$err"
sleep 0.3
expect_eq "the planted socket received nothing (no HELLO)" "" "$(cat "$T/out/planted.log")"
run as "${P}s2" "$W" class join
expect_in "the listing flags the code claimed twice" "two classes claim this code" "$out"
kill "$plantpid" 2>/dev/null
as "$M" rm -rf "$BASE/$code"

# A planted socket whose process is not the folder's owner: a code of
# mallory's folder, answered by a process of another account (root).
as "$M" mkdir -m 0755 "$BASE/ZZZZZ2"
"$PYTHON" "$H" listen "$BASE/ZZZZZ2/socket" "$T/out/peer.log" >>"$T/out/helpers.log" 2>&1 &
pids="$pids $!"
n=0; while [ ! -S "$BASE/ZZZZZ2/socket" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
chown -h "$M" "$BASE/ZZZZZ2/socket"
run as "${P}s2" timeout 20 "$W" class join ZZZZZ2 </dev/null
expect_eq "a peer that is not the owner: refused" 1 "$rc"
expect_in "the refusal names the peer and the owner" "runs as root (uid 0), not as the class folder's owner $M" "$err"
sleep 0.3
expect_eq "that socket received nothing (no HELLO)" "" "$(cat "$T/out/peer.log")"

# A listener that never accepts, its queue full: a listing finishes.
as "$M" mkdir -m 0755 "$BASE/ZZZZZ3"
bg "$M" "$PYTHON" "$H" listen "$BASE/ZZZZZ3/socket" "$T/out/never.log" noaccept >>"$T/out/helpers.log" 2>&1 &
pids="$pids $!"
n=0; while [ ! -S "$BASE/ZZZZZ3/socket" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
bg "$M" "$PYTHON" "$H" fill "$BASE/ZZZZZ3/socket" 8 >"$T/out/fill" 2>>"$T/out/helpers.log" &
pids="$pids $!"
wait_for "$T/out/fill" filled 10
t0=$(now_ms)
run as "${P}s2" timeout 30 "$W" class join
took=$(($(now_ms) - t0))
expect_eq "a listing beside a listener that never accepts: exit" 0 "$rc"
expect_eq "... within 8 s (took ${took} ms)" yes "$([ "$took" -lt 8000 ] && echo yes)"
expect_in "... and still lists the real class" "$code  teacher root" "$out"
run as "${P}s2" timeout 30 "$W" class join ZZZZZ3 </dev/null
expect_eq "joining a listener that never accepts ends" 1 "$rc"

# ---- 3. a flood of connections that never say HELLO ------------------------
# Mallory, outside the group, holds as many connections as it can (1,100
# at once, a new one for each the host closes) while s2 joins.
bg "$M" "$PYTHON" "$H" flood "$own/$code/socket" 8 1100 "$T/out/flood.n" >>"$T/out/helpers.log" 2>&1 &
floodpid=$!
pids="$pids $floodpid"
sleep 2
t0=$(now_ms)
bg "${P}s2" timeout 20 "$W" class join "$code" </dev/null >"$T/out/s2" 2>&1 &
pids="$pids $!"
wait_for "$T/out/s2" "Joined class $code as ${P}s2" 10 || cat "$T/out/s2"
took=$(($(now_ms) - t0))
echo "a student joined during the flood in $took ms"
expect_eq "a student joins within 5 s of a flood (took ${took} ms)" yes "$([ "$took" -lt 5000 ] && echo yes)"
wait "$floodpid"
flood=$(cat "$T/out/flood.n" 2>/dev/null || echo 0)
echo "the flood opened $flood connections in 8 s"
expect_eq "the flood opened more than 1,100 connections ($flood)" yes "$([ "$flood" -gt 1100 ] && echo yes)"
lines=$(grep -c "uid $(id -u "$M")" "$T/host.out")
expect_eq "the teacher read a handful of lines of the flood ($lines for $flood connections)" yes \
	"$([ "$lines" -ge 1 ] && [ "$lines" -le 6 ] && echo yes)"

# 300 refused connects, one after another: a handful of teacher lines.
before=$(grep -c "uid $(id -u "$M")" "$T/host.out")
run as "$M" "$PYTHON" "$H" connects "$own/$code/socket" 300
expect_in "300 connects refused" "connects 300" "$out"
sleep 1.5
after=$(grep -c "uid $(id -u "$M")" "$T/host.out")
expect_eq "300 refused connects: at most 3 more teacher lines ($((after - before)))" yes \
	"$([ $((after - before)) -le 3 ] && echo yes)"

echo start >&7
wait_for "$T/host.out" "Question 1/2"
echo skip >&7
wait_for "$T/host.out" "Time is up"
echo end >&7
wait "$hostpid"
expect_eq "host exit" 0 "$?"
hostpid=
exec 7>&-
expect_in "the teacher's line folds them" "refused: uid $(id -u "$M") x" "$(cat "$T/host.out")"
expect_eq "all the flood in a handful of teacher lines" yes \
	"$([ "$(grep -c "uid $(id -u "$M")" "$T/host.out")" -le 6 ] && echo yes)"
[ -e "$own/$code" ] && bad "the class folder outlived the host" || ok

# ---- 4. results: the account; a regular file or a new one, 0600 -----------
run "$W" class results
expect_eq "results: the account's columns" "name,finished_at,seed,score,total,answers,uid,login" "$(echo "$out" | head -1)"
expect_in "a results row carries the account (uid and login)" ",$(id -u "${P}s1"),${P}s1" "$(echo "$out" | grep "^${P}s1,")"
mkfifo "$T/fifo"
run timeout 10 "$W" class results -o "$T/fifo"
expect_eq "results -o onto a FIFO: refused" 1 "$rc"
[ -p "$T/fifo" ] && ok || bad "results -o replaced a FIFO"
(umask 022; "$W" class results -o "$T/results.csv")
expect_eq "results -o: the teacher's mode, not the umask's" 600 "$(stat -c %a "$T/results.csv")"

# ---- 5. texts 'whose check' accepts that the protocol cannot carry -------
mkdir -p "$T/bank"
long=$(printf 'x%.0s' $(seq 2100))
printf '%s\n%b\n' 'id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle' \
	'fmt-1,Odd texts,truefalse,"A soft\302\255hyphen and a family \360\237\221\251\342\200\215\360\237\221\247: true?",,true,"Joined by a zero\342\200\215width joiner.",https://example.com/f,,,' \
	>"$T/bank/odd.csv"
chmod -R a+rX "$T/bank"
run env WHOSE_BANK="$T/bank" "$W" check "$T/bank/odd.csv"
expect_eq "whose check accepts the odd texts" 0 "$rc"
mkfifo "$T/ctl6"
WHOSE_BANK="$T/bank" "$W" --db "$T/odd1.db" class host --seconds 3 --questions 1 <"$T/ctl6" >"$T/host6.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl6"
wait_for "$T/host6.out" "Students join with"
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host6.out" | head -1)
bg "${P}s1" "$W" class join "$code" </dev/null >"$T/out/s1odd" 2>&1 &
pids="$pids $!"
wait_for "$T/host6.out" "joined: ${P}s1"
echo start >&7
wait_for "$T/out/s1odd" "Time is up" 15
odd=$(cat "$T/out/s1odd")
expect_in "the student reads the question, escaped and whole" "A soft" "$odd"
expect_in "... to its end" "true?" "$odd"
case "$odd" in *"cannot be sent"*|*malformed*) bad "the odd question did not reach the student: $odd" ;; *) ok ;; esac
expect_in "... and the explanation" "width joiner." "$odd"
echo end >&7
wait "$hostpid"
hostpid=
exec 7>&-
printf '%s\n' 'id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle' \
	"long-1,Odd texts,truefalse,\"$long\",,true,Because.,https://example.com/l,,," >"$T/bank/odd.csv"
run env WHOSE_BANK="$T/bank" "$W" check "$T/bank/odd.csv"
expect_eq "whose check accepts a question of 2,100 bytes" 0 "$rc"
run env WHOSE_BANK="$T/bank" timeout 10 "$W" --db "$T/odd2.db" class host --seconds 3 --questions 1 </dev/null
expect_eq "a question too long for the protocol: the class does not start" 1 "$rc"
expect_in "... and it is named" "question long-1 cannot be sent to students: its question is 2100 bytes" "$err"

# ---- 6. the teacher in charge: lock, kick, a question closed when all
# answered; the seed from a file, never on the command line -------------
printf '%s\n' 'id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle' \
	'tf-1,Odd texts,truefalse,"One: true?",,true,Because.,https://example.com/1,,,' \
	'tf-2,Odd texts,truefalse,"Two: true?",,true,Because.,https://example.com/2,,,' >"$T/bank/odd.csv"
echo 4711 >"$T/seed"
chmod 600 "$T/seed"
mkfifo "$T/ctl7"
WHOSE_BANK="$T/bank" "$W" --db "$T/odd3.db" class host --seed-file "$T/seed" --end-when-answered \
	--seconds 60 --questions 2 <"$T/ctl7" >"$T/host7.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl7"
wait_for "$T/host7.out" "Students join with"
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host7.out" | head -1)
case "$(ps -o args= -p "$hostpid")" in *4711*) bad "the seed is on the host's command line" ;; *) ok ;; esac
mkfifo -m 0666 "$T/out/in1"
bg "${P}s1" "$W" class join "$code" <"$T/out/in1" >"$T/out/s1c" 2>&1 &
pids="$pids $!"
exec 8>"$T/out/in1"
bg "${P}s2" "$W" class join "$code" </dev/null >"$T/out/s2c" 2>&1 &
pids="$pids $!"
wait_for "$T/host7.out" "(2 connected)"
echo lock >&7
wait_for "$T/host7.out" "Locked"
run as "$M" timeout 20 "$W" class join "$code" </dev/null
expect_in "a new student of a locked class is told" "the class is locked" "$out"
echo "kick ${P}s2" >&7
wait_for "$T/host7.out" "Removed ${P}s2"
wait_for "$T/out/s2c" "the teacher removed you"
run as "${P}s2" timeout 20 "$W" class join "$code" </dev/null
expect_in "a removed student cannot come back" "the teacher removed you" "$out"
echo start >&7
wait_for "$T/out/s1c" "Question 1/2"
t0=$(now_ms)
echo t >&8
wait_for "$T/host7.out" "Every student connected has answered" 10
took=$(($(now_ms) - t0))
echo "the question closed ${took} ms after the last answer was typed"
expect_eq "the question closed when every student had answered (in ${took} ms of 60 s)" yes \
	"$([ "$took" -lt 10000 ] && echo yes)"
wait_for "$T/out/s1c" "You: right"
expect_in "the lobby count reached the first student" "Waiting for the teacher to start (2 connected)" "$(cat "$T/out/s1c")"
# A late joiner during the reveal sees the question the reveal is about.
echo unlock >&7
wait_for "$T/host7.out" "Unlocked"
bg "$M" "$W" class join "$code" </dev/null >"$T/out/mlate" 2>&1 &
pids="$pids $!"
wait_for "$T/out/mlate" "Time is up" 10
expect_in "a late joiner during a reveal sees the question" "Question 1/2" "$(cat "$T/out/mlate")"
echo end >&7
wait "$hostpid"
expect_eq "the host of lock and kick ends" 0 "$?"
hostpid=
exec 7>&- 8>&-
run env WHOSE_BANK="$T/bank" "$W" --db "$T/odd3.db" class results --list
expect_in "the seed from the file drew the class" "seed 4711" "$out"

# ---- 7. a student's full screen after a sort question: the result stays
# in view at 80x24 and at 40x12, and what is cut says so -----------------
if command -v tmux >/dev/null 2>&1; then
	printf '%s\n' 'id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle' \
		'srt-1,Odd texts,sort,"Sort each task of a company running its own database on Amazon EC2 instances in a VPC by who does it under the shared responsibility model.","Patching the guest operating system of the instances|Replacing failed disks in the data center|Rotating the database administrator passwords|Encrypting the database backups it keeps in S3",Customer|AWS|Customer|Customer,"On EC2 the customer runs everything from the guest operating system up: patches, passwords, encryption; AWS runs the hardware and the facilities.",https://example.com/srt,,,' \
		>"$T/bank/odd.csv"
	for size in 80x24 40x12; do
		mkfifo "$T/ctl8$size"
		WHOSE_BANK="$T/bank" "$W" --db "$T/odd8$size.db" class host --seconds 60 --questions 1 \
			<"$T/ctl8$size" >"$T/host8.out" 2>&1 &
		hostpid=$!
		exec 7>"$T/ctl8$size"
		wait_for "$T/host8.out" "Students join with"
		code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host8.out" | head -1)
		sock="whose-hostile-$$-$size"
		tmux -L "$sock" new-session -d -x "${size%x*}" -y "${size#*x}" \
			"WHOSE_CLASS_DIR='$WHOSE_CLASS_DIR' LC_ALL=C.UTF-8 TERM=xterm-256color '$W' class join $code; sleep 30"
		wait_for "$T/host8.out" "joined: root"
		echo start >&7
		n=0
		while ! tmux -L "$sock" capture-pane -p | grep -q "Question 1/1"; do
			n=$((n + 1)); [ $n -gt 100 ] && break; sleep 0.1
		done
		tmux -L "$sock" send-keys -l "s s s s"
		tmux -L "$sock" send-keys Enter
		wait_for "$T/host8.out" "answered: 1"
		echo skip >&7
		wait_for "$T/host8.out" "Time is up"
		n=0
		while ! tmux -L "$sock" capture-pane -p | grep -q "Right answer\|You:"; do
			n=$((n + 1)); [ $n -gt 50 ] && break; sleep 0.1
		done
		screen=$(tmux -L "$sock" capture-pane -p)
		expect_in "$size: the student's result after a sort question is in view" "You: wrong; score 0" "$screen"
		[ "$size" = 40x12 ] && expect_in "$size: what is cut says so" "more below" "$screen"
		tmux -L "$sock" send-keys NPage
		sleep 0.3
		[ "$size" = 40x12 ] && expect_in "$size: PgDn scrolls" "more above" "$(tmux -L "$sock" capture-pane -p)"
		echo end >&7
		wait "$hostpid"
		hostpid=
		exec 7>&-
		tmux -L "$sock" kill-server 2>/dev/null
	done
	# The teacher's full screen at 50x14: text wrapped, not cut; the
	# status in view; PgUp scrolls back to the class's first lines.
	sock="whose-hostile-$$-host"
	rm -f "$T/host9.rc"
	tmux -L "$sock" new-session -d -x 50 -y 14 \
		"HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' WHOSE_CLASS_DIR='$WHOSE_CLASS_DIR' WHOSE_BANK='$T/bank' LC_ALL=C.UTF-8 TERM=xterm-256color '$W' --db '$T/odd9.db' class host --seconds 60 --questions 1; echo rc=\$? >'$T/host9.rc'; sleep 30"
	n=0
	while ! tmux -L "$sock" capture-pane -p | grep -q "whose class join"; do
		n=$((n + 1)); [ $n -gt 100 ] && break; sleep 0.1
	done
	tmux -L "$sock" send-keys -l start
	tmux -L "$sock" send-keys Enter
	n=0
	while ! tmux -L "$sock" capture-pane -p | grep -q "question 1/1"; do
		n=$((n + 1)); [ $n -gt 50 ] && break; sleep 0.1
	done
	screen=$(tmux -L "$sock" capture-pane -p)
	expect_in "teacher at 50 columns: the question wrapped to its end" "responsibility model." "$screen"
	expect_in "teacher at 50 columns: an item wrapped to its end" "keeps in" "$screen"
	expect_in "teacher at 50 columns: the status in view" "question 1/1" "$screen"
	# Five pages up: more than there is, so the view stops at the top.
	tmux -L "$sock" send-keys PPage PPage PPage PPage PPage
	sleep 0.4
	screen=$(tmux -L "$sock" capture-pane -p)
	expect_in "teacher: PgUp scrolls back" "scrolled back" "$screen"
	expect_in "teacher: ... to the class's first lines" "is open" "$screen"
	tmux -L "$sock" send-keys NPage
	tmux -L "$sock" send-keys -l end
	tmux -L "$sock" send-keys Enter
	n=0
	while [ ! -s "$T/host9.rc" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	expect_eq "teacher at 50 columns: the class ends" "rc=0" "$(cat "$T/host9.rc" 2>/dev/null)"
	tmux -L "$sock" kill-server 2>/dev/null
else
	echo "SKIP (part): tmux is not installed, the full screens are not tested"
fi

# ---- 8. at the descriptor limit the host waits, it does not spin ---------
if command -v prlimit >/dev/null 2>&1; then
	mkfifo "$T/ctl10"
	prlimit --nofile=14:14 "$W" --db "$T/fd.db" class host --seconds 60 <"$T/ctl10" >"$T/host10.out" 2>&1 &
	hostpid=$!
	exec 7>"$T/ctl10"
	wait_for "$T/host10.out" "Students join with"
	code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host10.out" | head -1)
	"$PYTHON" "$H" flood "$own/$code/socket" 6 50 "$T/out/fd.n" >>"$T/out/helpers.log" 2>&1 &
	floodpid=$!
	pids="$pids $floodpid"
	sleep 1
	a=$(awk '{print $14 + $15}' "/proc/$hostpid/stat")
	sleep 4
	b=$(awk '{print $14 + $15}' "/proc/$hostpid/stat")
	wait "$floodpid"
	echo "at 14 descriptors under a flood the host used $((b - a)) clock ticks of CPU in 4 s"
	expect_in "the teacher is told the descriptors ran out" "out of file descriptors" "$(cat "$T/host10.out")"
	expect_eq "... and the host did not spin ($((b - a)) ticks in 4 s)" yes \
		"$([ $((b - a)) -lt 50 ] && echo yes)"
	echo end >&7
	wait "$hostpid"
	hostpid=
	exec 7>&-
else
	echo "SKIP (part): prlimit is not installed, the descriptor limit is not tested"
fi

# ---- 9. a plain host whose input ends; one stopped by Ctrl-\ -------------
run timeout 20 "$W" class host --seconds 5 </dev/null
expect_eq "a host whose input ends closes the class" 0 "$rc"
expect_in "... and says so" "input ended: the class ends" "$out"
mkfifo "$T/ctl5"
"$W" class host --seconds 5 <"$T/ctl5" >"$T/host5.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl5"
wait_for "$T/host5.out" "Students join with"
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host5.out" | head -1)
kill -QUIT "$hostpid"
wait "$hostpid"
expect_eq "Ctrl-\\ stops the host like Ctrl-C" 1 "$?"
hostpid=
exec 7>&-
expect_in "... saying so" "Stopped by a signal" "$(cat "$T/host5.out")"
[ -n "$code" ] && [ ! -e "$own/$code" ] && ok || bad "SIGQUIT left the class folder ($code)"
finish
