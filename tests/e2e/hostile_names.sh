#!/usr/bin/env bash
# End-to-end: nothing hostile reaches the terminal.  A generator of hostile
# names and texts (every C0 and C1 control, ESC sequences: CSI, OSC 52
# clipboard, OSC 8 links, bidi and zero-width characters, overlong and
# invalid UTF-8) is run through every command that prints: as file and
# folder names, --db values, profile names, topics, ids, environment values
# and database text.  Any raw ESC, control, C1 character, format character
# or broken UTF-8 in what whose prints fails the test.
#
# Generic on purpose: each line of CMDS below is one command run once per
# name; a new command that prints is covered by adding one line.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

export WHOSE_BANK="$T/bank" WHOSE_SEED=3 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
HEADER=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<CSV
$HEADER
t-1,Alpha,who,Who patches the guest OS?,,Customer,x,src,,,
t-2,Beta,who,Who runs the hypervisor?,,AWS,x,src,,,
t-3,Alpha,truefalse,AWS patches the guest OS.,,false,x,src,,,
CSV

# The hostile names.  None holds '/' (a file name cannot) or NUL (no
# argument can).
c0=""
for i in $(seq 1 31); do
	[ "$i" -eq 10 ] && continue   # newline: in its own name below
	c0+=$(printf "\\$(printf '%03o' "$i")")
done
c1=""
for i in $(seq 128 159); do
	c1+=$(printf "\\xc2\\$(printf '%03o' "$i")")
done
NAMES=(
	"c0-$c0"
	"nl-a$'\n'b"
	"$(printf 'del-\177')"
	"c1-$c1"
	"$(printf 'csi-\033[2J\033[31mred\033[0m')"
	"$(printf 'osc52-\033]52;c;cHduZWQ=\007')"
	"$(printf 'osc8-\033]8;;http:evil.example\033\\link\033]8;;\033\\')"
	"$(printf 'title-\033]0;pwned\033\\')"
	"$(printf 'c1raw-\233[2J\235]0;x\234')"
	"$(printf 'bidi-\342\200\256txt.exe')"
	"$(printf 'isolate-\342\201\246x\342\201\251')"
	"$(printf 'ann\342\200\213')"
	"$(printf 'bom-\357\273\277x\342\201\240y')"
	"$(printf 'overlong-\300\257\340\200\257')"
	"$(printf 'invalid-\377\376\200')"
	"$(printf 'cut-\342\200')"
)
# The newline name above is built with $'...' inside a string: make it real.
NAMES[1]=$'nl-a\nb'

# Every output is kept in $T/o (NNN.out, NNN.err, and NNN.what saying
# which command with which name) and checked at the end in one pass.
mkdir -p "$T/o"
nrun=0

# runs WHAT CMD...: run a command (20 s at most) and keep what it printed.
runs() {
	local what=$1 rc
	shift
	nrun=$((nrun + 1))
	timeout 20 "$@" >"$T/o/$nrun.out" 2>"$T/o/$nrun.err" </dev/null && rc=0 || rc=$?
	printf '%s\n' "$what" >"$T/o/$nrun.what"
	if [ "$rc" -eq 124 ] || [ "$rc" -ge 128 ]; then
		bad "$what: hung or crashed (exit $rc)"
	else
		ok
	fi
}

# check_all: no output kept holds a raw control but newline and tab, a C1
# character, a format character, broken UTF-8 or a sanitizer report.
# Fails too when the checker crashes or finds no output (check_with).
check_all() {
	check_with "hostile outputs" "$PYTHON" - "$T/o" <<'PY'
import os, sys
d = sys.argv[1]
def fmt(cp):
    return (cp == 0xAD or cp == 0x61C or cp == 0x180E or 0x200B <= cp <= 0x200F
            or 0x2028 <= cp <= 0x202E or 0x2060 <= cp <= 0x2064 or 0x2066 <= cp <= 0x206F
            or cp == 0xFEFF or 0xFFF9 <= cp <= 0xFFFB or cp == 0xE0001 or 0xE0020 <= cp <= 0xE007F)
def why(data):
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'broken UTF-8 at byte %d: %r' % (e.start, data[max(0, e.start - 30):e.start + 30])
    if 'runtime error' in text or 'Sanitizer' in text:
        return 'sanitizer report'
    for i, ch in enumerate(text):
        cp = ord(ch)
        if (cp < 0x20 and ch not in '\n\t') or 0x7F <= cp <= 0x9F or fmt(cp):
            return 'raw U+%04X: %r' % (cp, text[max(0, i - 30):i + 30])
    return None
n = 0
for f in sorted(os.listdir(d)):
    if not f.endswith('.what'):
        continue
    base = f[:-5]
    what = open(os.path.join(d, f), encoding='utf-8', errors='replace').read().strip()
    for ext in ('out', 'err'):
        p = os.path.join(d, base + '.' + ext)
        if os.path.exists(p):
            n += 1
            w = why(open(p, 'rb').read())
            if w:
                print('%s (%s): %s' % (what, 'stdout' if ext == 'out' else 'stderr', w))
print('checked %d outputs' % n)
PY
}

# Each line: the arguments of one command, split on '|' (leading
# NAME=VALUE ones set the environment).  @N@ is the
# hostile name, @D@ a folder named by it (holding a bank and a results
# file named by it), @F@ a missing file named by it.
CMDS=(
	'check|@D@'
	'check|@D@/@N@.csv'
	'import|@D@'
	'import|--reviews|@D@/@N@.csv'
	'import|--reviews|@F@'
	'report|@D@/@N@.csv'
	'report|@F@'
	'report|@D@/results.csv'
	'--db|@F@/x.db|stats'
	'--db|@D@/@N@.db|stats'
	'--db|@D@|stats'
	'--profile|@N@|stats'
	'--plain|practice|--topic|@N@'
	'export|--progress|-o|@F@/x.csv'
	'export|--progress|-o|@D@'
	'unsuspend|@N@'
	'unflag|@N@'
	'config|@N@'
	'config|new_per_day|@N@'
	'stats|@N@'
	'@N@'
	'--@N@'
	'--plain|drill|--seed|1|--name|@N@|--results|@D@'
	'WHOSE_SEED=@N@|stats'
	'WHOSE_NOW=@N@|stats'
	'WHOSE_BANK=@D@|--plain|review'
	'WHOSE_BANK=@F@|--plain|review'
	'WHOSE_PROFILE=@N@|stats'
	'WHOSE_DB=@F@/x.db|stats'
	'HOME=@F@|XDG_DATA_HOME=|stats'
	'XDG_DATA_HOME=@D@|profiles'
)

k=0
for name in "${NAMES[@]}"; do
	k=$((k + 1))
	dir="$T/n$k-$name"
	mkdir -p "$dir"
	# A bank whose file name, id and topic are hostile: refused, with a
	# message that quotes them.
	{ printf '%s\n' "$HEADER"; printf '%s,%s,who,Who?,,AWS,x,src,,,\n' "x-$name" "$name"; } >"$dir/$name.csv"
	# A results file whose student is named by it (and a valid one).
	{ printf 'name,finished_at,seed,score,total,answers\n'
	  printf '%s,2026-03-01T09:00:00.000Z,1,1,2,t-1=1 t-2=0\n' "\"${name//\"/\"\"}\""
	  printf 'ann,2026-03-01T09:00:00.000Z,1,2,2,t-1=1 t-2=1\n'; } >"$dir/results.csv"
	# A database file named by it, for profiles.
	mkdir -p "$dir/whose"
	cp /dev/null "$dir/whose/$name.db"
	for line in "${CMDS[@]}"; do
		IFS='|' read -r -a args <<<"$line"
		for i in "${!args[@]}"; do
			a=${args[$i]}
			a=${a//@D@/$dir}
			a=${a//@F@/$T/missing-$name}
			a=${a//@N@/$name}
			args[$i]=$a
		done
		# Leading NAME=VALUE arguments go to the environment.
		assign=()
		while [ "${#args[@]}" -gt 0 ] && [[ ${args[0]} =~ ^[A-Z_]+= ]]; do
			assign+=("${args[0]}")
			args=("${args[@]:1}")
		done
		runs "name $k ($(printf '%q' "$name")): $line" env "${assign[@]}" "$WHOSE" "${args[@]}"
	done
done

# In a locale that is not UTF-8, a UTF-8 character's bytes could read as
# C1 controls (U+201B holds the byte 0x9B, CSI to an 8-bit terminal):
# there whose prints ASCII only.
k=0
for name in "${NAMES[@]}" "$(printf 'quote-\342\200\233[2J')"; do
	k=$((k + 1))
	for line in 'check|@D@' '--profile|@N@|stats' '@N@'; do
		IFS='|' read -r -a args <<<"$line"
		for i in "${!args[@]}"; do
			a=${args[$i]}
			a=${a//@D@/$T/n$k-$name}
			a=${a//@N@/$name}
			args[$i]=$a
		done
		LC_ALL=C timeout 20 "$WHOSE" "${args[@]}" >"$T/c.out" 2>&1 </dev/null
		if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/c.out"; then
			bad "LC_ALL=C, name $k: $line: a byte above 0x7F: $(LC_ALL=C grep -m1 "$(printf '[\200-\377]')" "$T/c.out" | od -c | head -n 2)"
		else
			ok
		fi
	done
done

# A topic holding a format character is refused at import, not only shown
# escaped: "ann" and "ann" with a zero-width space are two topics that
# read the same.
for cp in '\u200b' '\u202e' '\u2066' '\ufeff' '\u00ad'; do
	{ printf '%s\n' "$HEADER"; printf "z-1,ann$cp,who,Who?,,AWS,x,src,,,\n"; } >"$T/fmt.csv"
	"$WHOSE" --db "$T/fmt.db" check "$T/fmt.csv" >/dev/null 2>"$T/fmt.err" && rc=0 || rc=$?
	expect_eq "topic with $cp refused" 65 "$rc"
	expect_in "topic with $cp: the message" "invisible format character U+" "$(cat "$T/fmt.err")"
done

#
# Database text: topics, ids, question texts and flag notes written into a
# profile by hand (or by an older, laxer whose) are shown escaped by every
# command that lists them, in plain mode and in the full screen.
#
hostile_db_text() {
	local k=0 db=$1 name q
	"$WHOSE" --db "$db" --plain review <<<$'c\n\na\n\n' >/dev/null 2>&1
	for name in "${NAMES[@]}"; do
		k=$((k + 1))
		q=${name//\'/\'\'}
		# SQLite keeps the bytes as they are, valid UTF-8 or not.
		sqlite3 "$db" "INSERT INTO topics(name) VALUES (CAST(X'$(printf '%s' "T$k-$name" | od -An -tx1 | tr -d ' \n')' AS TEXT));" || bad "tamper topic $k"
	done
	sqlite3 "$db" "UPDATE questions SET qid = CAST(X'$(printf 't-1%s' "${NAMES[5]}" | od -An -tx1 | tr -d ' \n')' AS TEXT), question = question || CAST(X'$(printf '%s' "${NAMES[0]}${NAMES[6]}${NAMES[9]}" | od -An -tx1 | tr -d ' \n')' AS TEXT), flagged = 1, flag_note = CAST(X'$(printf '%s' "${NAMES[11]}${NAMES[3]}" | od -An -tx1 | tr -d ' \n')' AS TEXT) WHERE qid = 't-1';
		UPDATE cards SET leech = 1, lapses = 9 WHERE question_id = (SELECT id FROM questions WHERE qid = 't-2');
		UPDATE topics SET name = CAST(X'$(printf 'Beta%s' "${NAMES[4]}" | od -An -tx1 | tr -d ' \n')' AS TEXT) WHERE name = 'Beta';" || bad "tamper questions"
}
tdb="$T/text.db"
hostile_db_text "$tdb"
DBCMDS=(
	'stats'
	'stats|--json'
	'--plain|practice'
	'--plain|review'
	'exams'
	'profiles'
)
for line in "${DBCMDS[@]}"; do
	IFS='|' read -r -a args <<<"$line"
	runs "database text: $line" "$WHOSE" --db "$tdb" "${args[@]}"
done
# The JSON is still the same text to a JSON reader.
"$WHOSE" --db "$tdb" stats --json >"$T/stats.json" 2>/dev/null
expect_eq "stats --json keeps the topic" yes "$("$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("yes" if any(t["name"].startswith("Betacsi-\x1b[2J") for t in d["topics"]) else "no: %r" % [t["name"] for t in d["topics"]])' "$T/stats.json")"

# ...and in a locale that is not UTF-8, where the JSON is ASCII only.
LC_ALL=C "$WHOSE" --db "$tdb" stats --json >"$T/stats-c.json" 2>/dev/null
expect_eq "LC_ALL=C stats --json: valid JSON, same topic" yes "$("$PYTHON" -c '
import json, sys
raw = open(sys.argv[1], "rb").read()
d = json.loads(raw)
print("yes" if max(raw) < 0x80 and any(t["name"].startswith("Betacsi-\x1b[2J") for t in d["topics"]) else "no")' "$T/stats-c.json")"

# The full screen, in tmux: the raw bytes whose sends to the terminal
# (pipe-pane) hold curses' own sequences but never one from the data: no
# OSC (ESC ]), no C1 character, no format character.
if command -v tmux >/dev/null; then
	sock="whose-hn-$$"
	tm() { tmux -L "$sock" -f /dev/null "$@"; }
	trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
	unset TMUX
	tm new-session -d -s h -x 120 -y 40 env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
		WHOSE_BANK="$WHOSE_BANK" WHOSE_SEED=3 WHOSE_NOW=2026-03-01T10:00:00Z TERM=xterm-256color \
		LANG=C.UTF-8 PATH="$PATH" PS1='$ ' sh
	tm pipe-pane -o -t h "cat >>'$T/tui.raw'"
	tm send-keys -t h -l "'$WHOSE' --db '$tdb'"
	tm send-keys -t h Enter
	# Wait for each screen to be drawn (its text the same for 0.3 s),
	# not a fixed time.
	h_settle() {
		local i=0 same=0 now last=
		while [ "$i" -lt 200 ]; do
			now=$(tm capture-pane -p -t h)
			if [ "$now" = "$last" ]; then
				same=$((same + 1))
				[ "$same" -ge 6 ] && return 0
			else
				same=0
				last=$now
			fi
			sleep 0.05
			i=$((i + 1))
		done
	}
	h_home() { tm capture-pane -p -t h | grep -q 'Betacsi-'; }
	wait_until 10 h_home || bad "tui: the home screen did not show"
	for key in s Tab Tab Tab Tab Tab Escape p Escape q; do
		tm send-keys -t h "$key"
		h_settle
	done
	h_done() { tm capture-pane -p -t h | grep -q '^\$ *$'; }
	wait_until 10 h_done || bad "tui: whose did not quit"
	tm kill-server 2>/dev/null
	# The tampered topic is on the home screen, in its visible form.
	if grep -qF 'Betacsi-^[[2J' "$T/tui.raw"; then ok; else bad "tui: the topic is not shown escaped"; fi
	# What was captured must be something: an empty capture passes the
	# checker below vacuously.
	if [ "$(wc -c <"$T/tui.raw" 2>/dev/null || echo 0)" -gt 1000 ]; then ok; else bad "tui: almost nothing was captured from the screen"; fi
	if "$PYTHON" - "$T/tui.raw" <<'PY'
import sys, re
data = open(sys.argv[1], 'rb').read()
bad = []
if b'\x1b]' in data:
    bad.append('OSC %r' % data[data.index(b'\x1b]') - 20:data.index(b'\x1b]') + 20])
for m in re.finditer(rb'\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xaf]|\xef\xbb\xbf', data):
    bad.append('format or C1 %r' % data[m.start() - 20:m.end() + 20])
    break
if bad:
    print('; '.join(bad))
    sys.exit(1)
PY
	then ok; else bad "tui: hostile bytes reached the terminal"; fi
else
	echo "tmux is not installed: the full-screen part is skipped"
fi

check_all
finish
