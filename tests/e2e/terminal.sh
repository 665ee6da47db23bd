#!/usr/bin/env bash
# End-to-end: the terminal is always given back.  Ctrl-\ (SIGQUIT) in the
# full screen restores the terminal like INT, TERM and HUP, and keeps an
# answer waiting for its rating; TERM=dumb, an unset TERM or one terminfo
# does not know falls back to plain mode with a one-line notice.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3 pgrep
mkdir -p "$T/bank"
printf '%s\n' id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle \
	's1,Storage,who,An S3 bucket policy grants public read by mistake. Fixing it: whose responsibility?,,Customer,Bucket policies are customer configuration.,https://example.com/s3,,,' \
	's2,Storage,who,Who runs the hypervisor?,,AWS,x,src,,,' >"$T/bank/t.csv"
db="$XDG_DATA_HOME/whose/default.db"
. "$(dirname "$0")/tmux.sh"
tmux_start 100 30 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z

# Ctrl-\ with an answer waiting for its rating.
shell "\"$WHOSE\" review; echo \"rc=\$?\""
expect_screen "a question" "whose responsibility?"
keys c
expect_screen "the answer is shown" "Customer"
keys 'C-\'
expect_screen "ended by SIGQUIT" "rc=131"
expect_eq "alternate screen off after SIGQUIT" 0 "$(fmt '#{alternate_on}')"
shell 'stty -a | tr " " "\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\n" " "; echo STTY'
expect_screen "terminal modes restored" "icanon echo STTY"
expect_eq "the answer waiting for its rating is kept" 1 "$(sqlite3 "$db" 'SELECT count(*) FROM reviews')"
expect_eq "the cursor is visible" 1 "$(fmt '#{cursor_flag}')"

# A terminal that cannot show the full screen: plain mode, one notice.
for t in 'TERM=dumb' 'TERM=' 'TERM=no-such-terminal-xyz'; do
	shell "clear; env $t \"$WHOSE\" review; echo \"rc=\$?\""
	expect_screen "$t: plain mode" "Answer with the letter shown"
	expect_screen "$t: the notice" "using plain mode"
	keys q Enter
	expect_screen "$t: ends" "rc="
	expect_eq "$t: the notice is one line" 1 "$(screen | grep -c 'using plain mode')"
done
shell "clear; env -u TERM \"$WHOSE\" review; echo \"rc=\$?\""
expect_screen "TERM unset: plain mode" "TERM is not set: using plain mode"
keys q Enter
expect_screen "TERM unset: ends" "rc="

finish
