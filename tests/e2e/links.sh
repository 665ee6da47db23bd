#!/usr/bin/env bash
# End-to-end: a source link wider than the window, in the full screen.  It
# is never broken across lines (a broken link copies broken): it shows its
# start and its end with an ellipsis between, and o leaves the full screen
# to print it whole as ordinary output, which the terminal wraps as one
# line (tmux capture-pane -J joins what the terminal wrapped).  Checked
# after a review answer, in a drill and in an exam's review, at 80x24.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3

url='https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html'
H=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$T/bank"
printf '%s\n' "$H" \
	"w1,Edge,who,Choosing the TLS ciphers that CloudFront offers viewers: whose responsibility?,,Customer,The customer picks the security policy of the distribution.,$url,,," \
	>"$T/bank/test.csv"

. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z

# joined: the pane as the terminal holds it, wrapped lines joined.
joined() { tm capture-pane -J -p -t t; }

# check_cut WHERE: the link on screen shows its two ends, and no line
# holds a piece of it that is not its start.
check_cut() {
	expect_screen "$1: the hint" "Source: (o shows the whole link)"
	expect_line "$1: start and end of the link" '^ +https://docs\.aws\.amazon\.com/Amazon.*….*-ciphers\.html *$'
	if screen | grep -q 'viewer-protocols-ciphers.html' &&
		! screen | grep -Eq '^ +https://.*…'; then
		bad "$1: the link is broken across lines"
		screen >&2
	else
		ok
	fi
}

# check_whole WHERE SCREEN: o prints the link whole outside the full
# screen, and Enter comes back to SCREEN.
check_whole() {
	keys o
	expect_screen "$1: o leaves the full screen" "Press Enter to go back to whose."
	expect_eq "$1: normal screen" 0 "$(fmt '#{alternate_on}')"
	if joined | grep -qxF "$url"; then ok; else bad "$1: the link is not whole on one line"; joined >&2; fi
	expect_screen "$1: names the question" "Question w1:"
	keys Enter
	expect_screen "$1: back" "$2"
	expect_eq "$1: full screen again" 1 "$(fmt '#{alternate_on}')"
}

# ---- after a review answer ------------------------------------------------
shell "clear; \"$WHOSE\" review; echo \"rc=\$?\""
expect_screen "review: the question" "Choosing the TLS ciphers"
keys c
expect_screen "review: graded" "Right"
check_cut "review"
check_whole "review" "Enter Good"
expect_screen "review: still graded" "Right"
keys Enter
keys q
expect_screen "review: quit" "rc=0"

# ---- a drill --------------------------------------------------------------
shell "clear; \"$WHOSE\" drill --seed 7 --count 1 --seconds 600; echo \"rc=\$?\""
expect_screen "drill: the question" "Choosing the TLS ciphers"
keys c
check_cut "drill"
check_whole "drill" "Choosing the TLS ciphers"
keys Enter
keys q
expect_screen "drill: quit" "rc=0"

# ---- an exam's review ---------------------------------------------------
shell "clear; \"$WHOSE\" exam --questions 1 --minutes 5; echo \"rc=\$?\""
expect_screen "exam: the start screen" "Enter starts the exam"
keys Enter
expect_screen "exam: the question" "Choosing the TLS ciphers"
keys a
expect_screen "exam: answered" "your answer: AWS"
keys S
expect_screen "exam: S asks first" "S again submits the exam"
keys S
expect_screen "exam: the result" "Score"
keys o
expect_screen "exam: o on the result says where" "n reviews the questions, o shows a source there."
keys a
expect_screen "exam: reviewing" "Question 1 of 1"
check_cut "exam"
check_whole "exam" "Question 1 of 1"
keys q
expect_screen "exam: quit" "rc=0"

finish
