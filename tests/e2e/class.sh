#!/bin/sh
# tests/e2e/class.sh - a live class end to end, with real Unix accounts:
# a host (the teacher, root) and 30 plain-mode students, each its own
# throwaway account, over the class's socket through a whole class:
# names from the kernel, an account outside --group refused, a student
# killed and joining again (score kept), a second session of one account
# taking over, a late joiner, clients sending malformed lines, flooding and
# overlong lines cut off, and one that never says HELLO cut off after 3 s,
# without harming the class; results in the
# teacher's database as CSV that 'whose report' reads.  Then a second
# class whose host is killed mid-question (students told, answers of the
# closed question kept, the dead class not listed) and a third stopped by
# SIGTERM (socket removed).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: class.sh needs root to create throwaway accounts and a group (it runs as $(id -un))"
	exit 77
fi
for tool in useradd userdel groupadd groupdel setpriv; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: class.sh needs $tool"
		exit 77
	fi
done

# Accounts: wcXXXXsNN in the group wcXXXXg, and wcXXXXo outside it.
P=wc$(printf %04x $(($$ % 65536)))
G=${P}g
N=30
users=""
cleanup() {
	# -f: a process of the account still running (a student the test
	# could not see end) must not leave the account behind.
	for u in $users; do retry userdel -f "$u" || echo "class.sh: could not remove the account $u" >&2; done
	retry groupdel "$G" || echo "class.sh: could not remove the group $G" >&2
	[ -n "${hostpid:-}" ] && kill "$hostpid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
retry groupadd "$G" || { echo "FAIL: groupadd $G"; exit 1; }
i=1
while [ $i -le $N ]; do
	u=$(printf '%ss%02d' "$P" $i)
	retry useradd -M -N -s /usr/sbin/nologin -G "$G" "$u" || { echo "FAIL: useradd $u"; exit 1; }
	users="$users $u"
	i=$((i + 1))
done
retry useradd -M -N -s /usr/sbin/nologin "${P}o" && users="$users ${P}o"
retry useradd -M -N -s /usr/sbin/nologin -G "$G" "${P}b" && users="$users ${P}b"

# What the students run must be reachable by them, whatever folder the
# build is in: reachable_whose copies the binary, its bank and the helper
# to $T.
need_reachable_whose "$SRC/tests/e2e/class_student.py"
mkdir -p "$T/cd" "$T/out"
chmod 1777 "$T/cd" "$T/out"
export WHOSE_CLASS_DIR="$T/cd"
W="$T/bin/whose"

# as USER CMD...: run CMD as USER, with the account's own groups.
as() {
	u=$1
	shift
	setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --init-groups \
		env HOME=/nonexistent WHOSE_CLASS_DIR="$WHOSE_CLASS_DIR" "$@"
}

# wait_for FILE TEXT [SECONDS]: until FILE holds TEXT.
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

student() { # student N [helper options]: start account N's student
	u=$(printf '%ss%02d' "$P" "$1")
	seed=$1
	shift
	as "$u" "$PYTHON" "$T/bin/class_student.py" "$W" "$code" "$T/out/$u" "$seed" "$@" &
}

# ---- usage -----------------------------------------------------------------
run "$W" class
expect_eq "class without a subcommand" 2 "$rc"
run "$W" class join 'no/such'
expect_eq "a code with a slash" 2 "$rc"
run "$W" class join ABCDEF
expect_eq "no such class" 1 "$rc"
expect_in "no such class says so" "no class ABCDEF answers" "$err"
run "$W" class host --group "no-such-group-$P"
expect_eq "unknown group" 2 "$rc"
run "$W" class join
expect_in "nothing open" "No class is open" "$out"

# ---- class A: 30 students -------------------------------------------------
mkfifo "$T/ctl"
"$W" class host --seed 11 --questions 3 --seconds 3 --reveal-seconds 1 --group "$G" \
	<"$T/ctl" >"$T/host.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl"
wait_for "$T/host.out" "Students join with" || { cat "$T/host.out"; finish; exit 1; }
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host.out" | head -1)
expect_eq "a six-character code" 6 "${#code}"

# The folder: the host's, 0711, the socket in it; join lists it.
expect_eq "class folder mode and owner" "711 root" "$(stat -c '%a %U' "$T/cd/$code")"
run as "${P}s01" "$W" class join
expect_in "the class is listed for a student" "$code  teacher root" "$out"

# Outside the group: refused, told why.
run as "${P}o" "$W" class join "$code"
expect_eq "outsider's exit" 1 "$rc"
expect_in "outsider told" "only for the group $G" "$out"
wait_for "$T/host.out" "refused: uid $(id -u "${P}o") is not in the group"

# Students 1..28 join now (5 will be killed and rejoin, 7 changes answers).
i=1
while [ $i -le 28 ]; do
	case $i in
	5) student $i --die-after-first ;;
	7) student $i --change ;;
	*) student $i ;;
	esac
	i=$((i + 1))
done
wait_for "$T/host.out" "(28 connected)" 30

# Bad clients of an account of the group: garbage and an overlong line
# (before any HELLO), and a flood of answers (after one: it stays in the
# class with nothing right).  The outsider's are refused at accept.
cat >"$T/bin/bad.py" <<'EOF'
import socket, sys, time
path, kind = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
try:
    if kind == "garbage":
        s.sendall(b"\x1b[2J\x00garbage\n")
    elif kind == "flood":
        s.sendall(b"HELLO\t2\n" + b"ANSWER\t0\ta\n" * 200)
    elif kind == "long":
        s.sendall(b"A" * 5000)
    # "silent": connects and says nothing at all
except OSError:
    pass
got = b""
s.settimeout(15 if kind == "silent" else 5)
try:
    while True:
        d = s.recv(65536)
        if not d:
            break
        got += d
except socket.timeout:
    got += b"[timeout]"
except ConnectionResetError:
    got += b"\n[reset]"
print("closed" if not got.endswith(b"[timeout]") else "open", [l for l in got.decode("utf-8", "replace").splitlines() if l.startswith("ERROR")])
EOF
chmod 644 "$T/bin/bad.py"
# A client that connects and never says HELLO is cut off after 3 s,
# while the others carry on (it runs beside the bad clients below).
silent_start=$(date +%s)
as "${P}b" "$PYTHON" "$T/bin/bad.py" "$T/cd/$code/socket" silent >"$T/silent.out" 2>&1 &
silentpid=$!
for kind in garbage flood long; do
	who=${P}b
	run as "$who" "$PYTHON" "$T/bin/bad.py" "$T/cd/$code/socket" $kind
	expect_in "bad client ($kind) cut off" "closed" "$out"
	expect_in "bad client ($kind) told" "ERROR" "$out"
done
expect_in "host cut off the garbage" "sent a malformed message" "$(cat "$T/host.out")"
expect_in "host cut off the flood" "sent too many messages" "$(cat "$T/host.out")"
expect_in "host cut off the long line" "longer than the protocol allows" "$(cat "$T/host.out")"
wait "$silentpid"
silent_took=$(($(date +%s) - silent_start))
expect_in "silent client cut off" "closed" "$(cat "$T/silent.out")"
expect_in "silent client told" "no HELLO in time" "$(cat "$T/silent.out")"
expect_eq "silent client: after 3 s, not before, not much after" yes \
	"$([ "$silent_took" -ge 2 ] && [ "$silent_took" -le 6 ] && echo yes)"

echo start >&7
wait_for "$T/host.out" "Question 2/3" 20
# A late joiner, and student 6 joining again from a second session.
student 29
u6=$(printf '%ss%02d' "$P" 6)
as "$u6" "$PYTHON" "$T/bin/class_student.py" "$W" "$code" "$T/out/$u6.second" 606 &
wait_for "$T/host.out" "The class is over" 40
wait "$hostpid"
expect_eq "host exit" 0 "$?"
hostpid=
exec 7>&-
wait

host=$(cat "$T/host.out")
expect_in "killed student rejoined" "rejoined: ${P}s05" "$host"
expect_in "second session took over" "rejoined: ${P}s06" "$host"
expect_in "first session of s06 told" "from another session" "$(cat "$T/out/${P}s06")"
expect_in "spread shown" "<- right" "$host"
expect_in "top five shown" "Top 5:" "$host"
expect_in "podium" "Podium:" "$host"
expect_in "per topic" "Per topic:" "$host"
[ -e "$T/cd/$code" ] && bad "the class folder outlived the host" || ok

# Every student: its kernel name, a whole class, an end that adds up.
run "$W" class results
expect_eq "results exit" 0 "$rc"
csv=$out
expect_eq "results header" "name,finished_at,seed,score,total,answers,uid,login" "$(echo "$csv" | head -1)"
expect_eq "one row per student (29, and the flooder)" 30 "$(echo "$csv" | tail -n +2 | wc -l)"
expect_eq "the flooder scored nothing" 0 "$(echo "$csv" | grep "^${P}b," | cut -d, -f4)"
i=1
while [ $i -le 29 ]; do
	u=$(printf '%ss%02d' "$P" $i)
	f="$T/out/$u"
	[ $i -eq 6 ] && f="$T/out/$u.second"
	s=$(cat "$f")
	expect_in "$u joined under its own name" "as $u:" "$s"
	expect_eq "$u exit" 0 "$(cat "$f.rc")"
	score=$(sed -n 's/^The class is over: \([0-9]*\) of 3 right.*/\1/p' "$f")
	row=$(echo "$csv" | grep "^$u,")
	expect_eq "$u's score in the results" "$score" "$(echo "$row" | cut -d, -f4)"
	expect_eq "$u's total" 3 "$(echo "$row" | cut -d, -f5)"
	# Its own count of right reveals matches what the host scored.
	rights=$(grep -c '^You: right' "$f")
	# (the second session of 6 did not see the first question's reveal)
	[ $i -eq 6 ] || expect_eq "$u right reveals" "$score" "$rights"
	# Each reveal words the student's own feedback as every mode does:
	# at least the source (why not a wrong choice, where the bank has one).
	expect_eq "$u: a source with each reveal" "$(grep -c '^Time is up' "$f")" "$(grep -c '^Source: https://' "$f")"
	i=$((i + 1))
done
expect_in "late joiner started at question 2" "Question 2/3" "$(cat "$T/out/${P}s29")"
case "$(cat "$T/out/${P}s29")" in *"Question 1/3"*) bad "late joiner saw question 1" ;; *) ok ;; esac
expect_in "killed student kept its answer" "[killed]" "$(cat "$T/out/${P}s05")"
case "$csv" in *"${P}o,"*) bad "the refused account is in the results" ;; *) ok ;; esac

"$W" class results -o "$T/class.csv"
run "$W" report "$T/class.csv"
expect_eq "report reads the class" 0 "$rc"
expect_in "report counts the students" "30 students" "$out"
expect_in "report names each student's account" "account ${P}s01 (uid $(id -u "${P}s01"))" "$out"

# ---- class B: the host killed mid-question -------------------------------
mkfifo "$T/ctl2"
"$W" class host --seed 12 --questions 3 --seconds 2 <"$T/ctl2" >"$T/host2.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl2"
wait_for "$T/host2.out" "Students join with"
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host2.out" | head -1)
student 1
student 2
student 3
wait_for "$T/host2.out" "(3 connected)"
echo start >&7
wait_for "$T/host2.out" "Type 'next'"
echo next >&7
wait_for "$T/host2.out" "Question 2/3"
sleep 0.5
kill -KILL "$hostpid"
wait "$hostpid" 2>/dev/null
hostpid=
exec 7>&-
wait
for i in 1 2 3; do
	u=$(printf '%ss%02d' "$P" $i)
	expect_in "$u told the host has gone" "host has gone" "$(cat "$T/out/$u")"
	expect_eq "$u exit after the host died" 1 "$(cat "$T/out/$u.rc")"
done
run "$W" class results --list
expect_in "the killed class is listed, not ended" "1 of 3 questions  3 students  (not ended" "$out"
run "$W" class results
expect_eq "killed class: a row per student" 3 "$(echo "$out" | tail -n +2 | wc -l)"
expect_eq "killed class: the closed question counted" 1 "$(echo "$out" | sed -n 2p | cut -d, -f5)"
# Its stale socket is not listed.
run "$W" class join
expect_in "a dead host's class is not listed" "No class is open" "$out"

# ---- class C: SIGTERM -------------------------------------------------------
mkfifo "$T/ctl3"
"$W" class host --seconds 5 <"$T/ctl3" >"$T/host3.out" 2>&1 &
hostpid=$!
exec 7>"$T/ctl3"
wait_for "$T/host3.out" "Students join with"
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host3.out" | head -1)
student 4
wait_for "$T/host3.out" "(1 connected)"
kill -TERM "$hostpid"
wait "$hostpid"
expect_eq "host stopped by SIGTERM" 1 "$?"
hostpid=
exec 7>&-
wait
expect_in "student told of the stop" "the teacher's class was stopped" "$(cat "$T/out/${P}s04")"
[ -e "$T/cd/$code" ] && bad "SIGTERM left the class folder" || ok


# ---- class D: a student full screen (tmux, 80x24) ---------------------------
if command -v tmux >/dev/null 2>&1; then
	mkfifo "$T/ctl4"
	"$W" class host --seed 13 --questions 1 --seconds 3 <"$T/ctl4" >"$T/host4.out" 2>&1 &
	hostpid=$!
	exec 7>"$T/ctl4"
	wait_for "$T/host4.out" "Students join with"
	code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/host4.out" | head -1)
	sock="whose-class-e2e-$$"
	tmux -L "$sock" new-session -d -x 80 -y 24 \
		"WHOSE_CLASS_DIR='$WHOSE_CLASS_DIR' LC_ALL=C.UTF-8 TERM=xterm-256color '$W' class join $code; echo rc=\$? >'$T/tui.rc'; sleep 30"
	wait_for "$T/host4.out" "(1 connected)"
	screen() { tmux -L "$sock" capture-pane -p; }
	# shows WHAT TEXT: TEXT comes on the screen (10 s at most): a redraw is
	# waited for, never slept on.
	screen_has() { screen | grep -qF -- "$1"; }
	shows() {
		if wait_until 10 screen_has "$2"; then ok; else bad "$1: [$2] not on screen"; screen >&2; fi
	}
	shows "full screen: the lobby" "Waiting for the teacher"
	echo start >&7
	wait_for "$T/host4.out" "Question 1/1"
	shows "full screen: the question and its countdown" "Question 1/1"
	shows "full screen: the keys" "Enter send"
	# The options carry the one key map's labels (a), b), t), s), 1) ...).
	shows "full screen: the key map's labels" "a) "
	tmux -L "$sock" send-keys "zz" Enter
	shows "full screen: a refused answer says why" "Not recorded"
	wait_for "$T/host4.out" "Time is up"
	# Worded as review, exam and drill word it (attempt_feedback).
	shows "full screen: the reveal" "Not answered: the answer is "
	shows "full screen: the student's rank" "rank 1 of 1"
	# A long source link has a line of its own, under "Source:".
	shows "full screen: the source" "Source:"
	shows "full screen: the source's link" "https://"
	echo end >&7
	wait "$hostpid"
	hostpid=
	exec 7>&-
	shows "full screen: the end" "The class is over"
	tmux -L "$sock" send-keys x
	n=0
	while [ ! -s "$T/tui.rc" ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
	expect_eq "full screen: exit after the end" "rc=0" "$(cat "$T/tui.rc" 2>/dev/null)"
	tmux -L "$sock" kill-server 2>/dev/null
else
	echo "SKIP (part): tmux is not installed, the full-screen student is not tested"
fi


# ---- class E: the teacher full screen (tmux, 90x26), a plain student --------
if command -v tmux >/dev/null 2>&1; then
	sock="whose-class-e2e-host-$$"
	rm -f "$T/tui-host.rc"
	tmux -L "$sock" new-session -d -x 90 -y 26 \
		"HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' WHOSE_CLASS_DIR='$WHOSE_CLASS_DIR' LC_ALL=C.UTF-8 TERM=xterm-256color '$W' class host --seed 14 --questions 1 --seconds 3; echo rc=\$? >'$T/tui-host.rc'; sleep 30"
	hscreen() { tmux -L "$sock" capture-pane -p; }
	n=0
	while ! hscreen | grep -q "whose class join"; do
		n=$((n + 1)); [ $n -gt 150 ] && break; sleep 0.1
	done
	code=$(hscreen | sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' | head -1)
	expect_eq "teacher full screen: a code" 6 "${#code}"
	student 7
	n=0
	while ! hscreen | grep -q "lobby, 1 connected"; do
		n=$((n + 1)); [ $n -gt 150 ] && break; sleep 0.1
	done
	expect_in "teacher full screen: the status line" "lobby, 1 connected" "$(hscreen)"
	tmux -L "$sock" send-keys -l "start"
	tmux -L "$sock" send-keys Enter
	hscreen_has() { hscreen | grep -qF -- "$1"; }
	if wait_until 10 hscreen_has "Question 1/1"; then ok; else bad "teacher full screen: the question: not on screen"; hscreen >&2; fi
	n=0
	while ! hscreen | grep -q "Right answer:"; do
		n=$((n + 1)); [ $n -gt 60 ] && break; sleep 0.1
	done
	expect_in "teacher full screen: the reveal" "Right answer:" "$(hscreen)"
	# -l: literally; "end" alone is tmux's name of the End key.
	tmux -L "$sock" send-keys -l "end"
	tmux -L "$sock" send-keys Enter
	n=0
	while [ ! -s "$T/tui-host.rc" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	expect_eq "teacher full screen: exit" "rc=0" "$(cat "$T/tui-host.rc" 2>/dev/null)"
	expect_in "teacher full screen: the results stay printed" "Per student" "$(hscreen)"
	wait
	expect_in "the student of the full-screen teacher saw the end" "The class is over" "$(cat "$T/out/${P}s07")"
	tmux -L "$sock" kill-server 2>/dev/null

	# The teacher's terminal going away (a dropped SSH session) ends the
	# class: students are told, nothing keeps running.
	# A server of its own: the last one may still be shutting down.
	sock="$sock-hangup"
	tmux -L "$sock" new-session -d -x 90 -y 26 \
		"HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' WHOSE_CLASS_DIR='$WHOSE_CLASS_DIR' LC_ALL=C.UTF-8 TERM=xterm-256color exec '$W' class host --seconds 3"
	n=0
	while ! hscreen | grep -q "whose class join"; do
		n=$((n + 1)); [ $n -gt 150 ] && break; sleep 0.1
	done
	code=$(hscreen | sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' | head -1)
	student 8
	n=0
	while ! hscreen | grep -q "1 connected"; do
		n=$((n + 1)); [ $n -gt 150 ] && break; sleep 0.1
	done
	tmux -L "$sock" kill-server 2>/dev/null
	wait
	expect_in "teacher's terminal gone: the student is told" "the teacher's class was stopped" "$(cat "$T/out/${P}s08")"
	if [ -n "$code" ] && [ ! -e "$T/cd/$code" ]; then ok; else bad "the teacher's terminal went away and the class folder stayed (code '$code')"; fi
fi


# ---- class F: the shared folder made by another teacher ---------------------
# A non-root teacher finds the shared folder owned by another account (who
# could rename what is in it): it hosts from a folder of its own beside it,
# BASE-UID, which students' listings and joins look at too.
mkdir -p "$T/pub" "$T/out/h29"
chmod 1777 "$T/pub"
chown "${P}s29" "$T/out/h29"
mkdir "$T/pub/wc"
chown "${P}s30" "$T/pub/wc"
chmod 1777 "$T/pub/wc"
u29=${P}s29
mkfifo -m 0666 "$T/out/h29/ctl"
setpriv --reuid="$(id -u "$u29")" --regid="$(id -g "$u29")" --init-groups \
	env HOME="$T/out/h29" XDG_DATA_HOME="$T/out/h29" WHOSE_CLASS_DIR="$T/pub/wc" \
	"$W" class host --seconds 5 <"$T/out/h29/ctl" >"$T/out/h29/host.out" 2>&1 &
hostpid=$!
exec 7>"$T/out/h29/ctl"
wait_for "$T/out/h29/host.out" "Students join with"
code=$(sed -n 's/.*whose class join \([A-Z0-9]*\).*/\1/p' "$T/out/h29/host.out" | head -1)
own="$T/pub/wc-$(id -u "$u29")"
expect_eq "the teacher's own folder, listable by students" "755 $u29" "$(stat -c '%a %U' "$own" 2>/dev/null)"
[ -S "$own/$code/socket" ] && ok || bad "no socket in the teacher's own folder"
run env WHOSE_CLASS_DIR="$T/pub/wc" "$W" class join
expect_in "listed from the teacher's own folder" "$code  teacher $u29" "$out"
run env WHOSE_CLASS_DIR="$T/pub/wc" timeout 2 "$W" class join "$code" </dev/null
expect_in "joined through the teacher's own folder" "Joined class $code as root" "$out"
# A folder named like one but owned by someone else is not listed.
mkdir -m 0711 "$T/pub/wc-$(id -u "${P}s28")"
run env WHOSE_CLASS_DIR="$T/pub/wc" "$W" class join
expect_eq "only the real teacher's folder listed" 1 "$(echo "$out" | grep -c teacher)"
echo end >&7
wait "$hostpid"
expect_eq "the other teacher's class ended" 0 "$?"
hostpid=
exec 7>&-
[ -e "$own/$code" ] && bad "the class folder in the teacher's own folder stayed" || ok

finish
