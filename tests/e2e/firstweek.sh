#!/usr/bin/env bash
# End-to-end: a new learner's first hour and first week (issue 18).
#
# Plain mode, through pipes, on the bundled bank over a simulated week
# (WHOSE_NOW): the first day's new questions mix types and topics, the
# progress line counts what is left today, Again is offered after a right
# answer, every session ends by saying when the next review is due and how
# many come tomorrow; a flag asks for a note, can be cancelled and taken
# back; --weak names its topics; a mistyped --db is refused.
#
# The full screen, through tmux at 80x24 and 120x40, on a bank whose
# topics list their 'who' rows first: the first-run hint (once), the
# progress line and labelled clock, "Again (I guessed)", the flag note,
# cancel and undo, the end of the session, the flagged-questions screen,
# and no line of any screen at 80x24 that ends in "…".
. "$(dirname "$0")/lib.sh"

need tmux sqlite3
export TZ=UTC WHOSE_SEED=5
db="$XDG_DATA_HOME/whose/default.db"
q() { sqlite3 "$db" "$1"; }
drive() { "$PYTHON" "$SRC/tests/e2e/firstweek.py" "$WHOSE" "$@"; }

# ---- plain mode: a week on the bundled bank -----------------------------
for day in 1 2 3 4 5 6 7; do
	export WHOSE_NOW="2026-03-0${day}T10:00:00Z"
	out=$(drive --plain review 2>&1) && rc=0 || rc=$?
	expect_eq "day $day: exit" 0 "$rc"
	if [ "$day" = 1 ]; then
		expect_in "day 1: a new database says so" "created a new profile database at $db" "$out"
		expect_in "day 1: progress counts what is left today" "[20 left: 0 learning, 0 due, 20 new]" "$out"
		expect_in "day 1: Again offered after a right answer" "1) Again (I guessed)" "$out"
		# The driver says 1 at the first rating it is offered.
		expect_eq "day 1: Again taken after a right answer" 1 \
			"$(q "SELECT rating FROM reviews WHERE correct = 1 AND state_before = 0 AND rating = 1 LIMIT 1")"
		first20="SELECT q.type, q.topic_id FROM reviews r JOIN questions q ON q.id = r.question_id
			 WHERE r.state_before = 0 ORDER BY r.id LIMIT 20"
		expect_eq "day 1: 20 new questions" 20 "$(q "SELECT count(*) FROM ($first20)")"
		types=$(q "SELECT count(DISTINCT type) FROM ($first20)")
		if [ "$types" -ge 4 ]; then ok; else bad "day 1: the first 20 new questions hold $types types, not 4 or more"; fi
		topics=$(q "SELECT topic_id FROM ($first20)" | tr '\n' ' ')
		prev=
		same=0
		for t in $topics; do
			[ "$t" = "$prev" ] && same=$((same + 1))
			prev=$t
		done
		expect_eq "day 1: no topic twice in a row among the first 20 new" 0 "$same"
	fi
	if [ "$day" = 2 ]; then
		case "$out" in
		*" due, "*) ok ;;
		*) bad "day 2: no progress line" ;;
		esac
		# Yesterday's questions come back (as learning steps, or as
		# reviews once graduated), counted apart from the new ones.
		if printf '%s\n' "$out" | grep -Eq '^\[[0-9]+ left: ([1-9][0-9]* learning, [0-9]+|[0-9]+ learning, [1-9][0-9]*) due, 20 new\]'; then
			ok
		else
			bad "day 2: nothing from day 1 is left: $(printf '%s\n' "$out" | grep '^\[' | head -n 3)"
		fi
	fi
	expect_in "day $day: the end says what comes tomorrow" "Tomorrow: " "$out"
	if printf '%s\n' "$out" | grep -Eq '^(Next review in [^ ]+ \([^)]+\)\.|[0-9]+ questions? (is|are) still due now\.|No review is scheduled yet\.) Tomorrow: [0-9]+ reviews? and [0-9]+ new questions?\.$'; then
		ok
	else
		bad "day $day: the end of the session: $(printf '%s\n' "$out" | tail -n 2)"
	fi
	case "$out" in
	*"1 of "* | *" 1 topics"* | *" 1 questions"* | *" 1 minutes"*) bad "day $day: a climbing counter or a wrong plural" ;;
	*) ok ;;
	esac
done

# A flag asks for a note, can be cancelled, and u takes it back.
export WHOSE_NOW=2026-03-08T10:00:00Z
before=$(q 'SELECT count(*) FROM questions WHERE flagged')
run "$WHOSE" --plain review <<'IN'
!
c
!
odd wording
u
! still odd
q
IN
expect_eq "flag: exit" 0 "$rc"
expect_in "flag: a note is asked for" "a note for the bank's maintainers (optional; Enter for none, 'c' cancels)" "$out"
expect_in "flag: cancelled" "Not reported." "$out"
expect_in "flag: u takes it back" "Undone: the last report was taken back." "$out"
expect_eq "flag: the last one stays, with its note" "$((before + 1))|still odd" \
	"$(q "SELECT count(*), group_concat(flag_note) FROM questions WHERE flagged")"
expect_eq "flag: the taken-back note is gone" 0 "$(q "SELECT count(*) FROM questions WHERE flag_note = 'odd wording'")"

# --weak names the topics it chose, and why.
run "$WHOSE" --plain practice --weak <<<'q'
expect_in "weak: names its topics" "Your weakest topics (least ready first): " "$out"
expect_eq "weak: three topics with their score" 1 \
	"$(printf '%s\n' "$out" | grep -Ec '^Your weakest topics \(least ready first\): [^,]+ [0-9]+%, [^,]+ [0-9]+%, [^,]+ [0-9]+%$')"
expect_in "practice: no rating step" "so there is no rating step" "$out"

# A mistyped --db creates nothing; --create says it is meant.
run "$WHOSE" --db "$T/typo/whose.db" --plain review </dev/null
expect_eq "missing folder: refused" 1 "$rc"
expect_in "missing folder: says what to do" "give --create" "$err"
if [ -e "$T/typo" ]; then bad "missing folder: something was created"; else ok; fi
run "$WHOSE" --create --db "$T/typo/whose.db" config new-per-day
expect_eq "--create: exit" 0 "$rc"
expect_in "--create: says so" "created a new profile database at $T/typo/whose.db" "$err"
run "$WHOSE" --db "$T/typo/whose.db" config new-per-day
expect_eq "an existing database: nothing said" "" "$err"

# Numbers in their shortest exact form.
run "$WHOSE" config parameters
case "$out" in
0.212\ 1.2931\ *) ok ;;
*) bad "config parameters: $out" ;;
esac

# ---- the full screen ----------------------------------------------------
# Each topic lists its 'who' rows first, as the bundled bank once did.
H=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$T/bank"
{
	printf '%s\n' "$H"
	for t in alpha beta gamma; do
		for k in 1 2 3 4 5; do
			printf '%s-who-%s,%s,who,"%s duty %s: whose responsibility?",,Customer,The customer configures it.,https://docs.aws.amazon.com/security/shared-responsibility.html?t=%s&n=%s,,,\n' \
				"$t" "$k" "${t^}" "${t^}" "$k" "$t" "$k"
		done
		printf '%s-choice-1,%s,choice,Who patches the %s hypervisor?,AWS|The customer,A,AWS does.,src,,B: not the customer.,no\n' "$t" "${t^}" "$t"
		printf '%s-tf-1,%s,truefalse,AWS patches the %s guest OS.,,false,The customer does.,src,,,\n' "$t" "${t^}" "$t"
		printf '%s-card-1,%s,card,%s: security OF vs IN the cloud?,,OF: AWS. IN: the customer.,Card.,src,,,\n' "$t" "${t^}" "${t^}"
	done
} >"$T/bank/t.csv"
tdata="$T/tuidata"
tdb="$tdata/whose/default.db"
. "$(dirname "$0")/tmux.sh"
tmux_start 80 24 USER=ann \
	HOME="$HOME" XDG_DATA_HOME="$tdata" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
# No line of the screen as it is now ends in "…" (a key, an id or an
# instruction cut).
uncut() {
	if screen | sed 's/ *$//' | grep -q '…$'; then
		bad "$1: a line is cut: $(screen | sed 's/ *$//' | grep '…$' | head -n 2)"
		screen >&2
	else
		ok
	fi
}
tsql() { sqlite3 "$tdb" "$1"; }

shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home" "Shared Responsibility trainer"
expect_screen "first-run hint: answer" "Answer with the letter shown"
expect_screen "first-run hint: rate" "1 Again (I guessed)"
expect_screen "first-run hint: quit" "q leaves a screen, and here quits"
expect_screen "home keys: settings" "c Settings"
uncut "home 80x24"
keys '?'
expect_screen "home help" "the questions you reported"
uncut "home help 80x24"
keys x

# The first four new questions: four types, never one topic twice.
keys r
expect_screen "review: progress" "20 left: 0 learning, 0 due, 20 new"
expect_screen "review: labelled clock" " · time 0:"
uncut "question 80x24"
keys '?'
expect_screen "question help" "undo the last answer or report"
uncut "question help 80x24"
keys x
seen_types=
# answer_one: answer the question on screen rightly, by its type.
answer_one() {
	local s
	s=$(screen)
	case "$s" in
	*"Space/Enter Turn"* | *"press Space"* | *"Space Turn"*)
		seen_types="$seen_types card"; keys Space ;;
	*" t  True"*)
		seen_types="$seen_types truefalse"; keys f ;;
	*" c  Customer"*)
		seen_types="$seen_types who"; keys c ;;
	*"Choose two ("*)
		seen_types="$seen_types multi"; keys a b Enter ;;
	*"Choose three ("*)
		seen_types="$seen_types multi"; keys a b c Enter ;;
	*)
		seen_types="$seen_types choice"; keys a ;;
	esac
}
guessed=0
urls=0
for n in 1 2 3 4; do
	settle
	answer_one
	settle
	# A source too long to sit beside its label has a line of its own,
	# whole (76 columns of room at 80).
	case "$seen_types" in
	*who)
		if screen | grep -Eq '^ +https://docs\.aws\.amazon\.com/security/shared-responsibility\.html\?t=[a-z]+&n=[0-9]$'; then
			urls=$((urls + 1))
		else
			bad "the source link is broken or cut at 80 columns"
			screen >&2
		fi
		;;
	esac
	if [ "$guessed" = 0 ] && screen | grep -q 'Again (I guessed)'; then
		uncut "rating line 80x24"
		keys 1
		expect_screen "Again after a right answer" "Saved: Again, next in 1m."
		guessed=1
	else
		keys Enter
	fi
done
expect_eq "Again (I guessed) was offered and taken" 1 "$guessed"
if [ "$urls" -ge 1 ]; then ok; else bad "no who question came to show its source"; fi
ntypes=$(printf '%s\n' $seen_types | sort -u | wc -l)
if [ "$ntypes" -ge 3 ]; then ok; else bad "the first four new questions hold only: $seen_types"; fi
topics=$(tsql "SELECT topic_id FROM reviews ORDER BY id" | tr '\n' ' ')
prev=
same=0
for t in $topics; do
	[ "$t" = "$prev" ] && same=$((same + 1))
	prev=$t
done
expect_eq "no topic twice in a row" 0 "$same"

# Flag: a note, Esc cancels, u takes it back, then flag for good.
settle
keys '!'
expect_screen "flag asks for a note" "Note (optional), Enter reports, Esc cancels:"
uncut "flag note 80x24"
keys Escape
expect_screen "flag cancelled" "Not reported."
expect_eq "nothing flagged" 0 "$(tsql 'SELECT count(*) FROM questions WHERE flagged')"
keys '!'
expect_screen "flag asks again" "Note (optional)"
keys -l 'the answer looks wrong'
keys Enter
expect_screen "flagged" "u takes the report back"
expect_eq "flag saved with its note" "1|the answer looks wrong" \
	"$(tsql 'SELECT count(*), flag_note FROM questions WHERE flagged')"
keys u
expect_screen "flag taken back" "Undone: the last report was taken back."
expect_eq "unflagged" 0 "$(tsql 'SELECT count(*) FROM questions WHERE flagged')"
keys '!'
expect_screen "flag once more" "Note (optional)"
keys -l 'unclear'
keys Enter
expect_screen "flagged again" "Reported: it leaves the rotation"
flagged=$(tsql 'SELECT qid FROM questions WHERE flagged')

# The end of the session says what comes next.
keys Escape
expect_screen "summary" "session over"
expect_line "summary: what is due, as home counts it" "(Next review in|still due now)"
expect_screen "summary: tomorrow" "Tomorrow:"
uncut "summary 80x24"
keys Enter
expect_screen "home again" "r/Enter Review"
expect_not "the hint does not return" "Answer with the letter shown"

# The flagged-questions screen: full id, question and note; u unflags.
keys f
expect_screen "flagged screen" "Flagged questions"
expect_screen "flagged: full id" "$flagged"
expect_screen "flagged: the note" "Note: unclear"
expect_screen "flagged: unflag key" "u Unflag"
uncut "flagged 80x24"
tm resize-window -t t -x 120 -y 40
expect_screen "flagged 120x40: full id" "$flagged"
expect_screen "flagged 120x40: unflag key" "u Unflag"
tm resize-window -t t -x 80 -y 24
keys u
expect_screen "unflagged from the screen" "Unflagged $flagged"
expect_screen "nothing flagged now" "No question is flagged"
expect_eq "unflagged in the database" 0 "$(tsql 'SELECT count(*) FROM questions WHERE flagged')"
keys Escape
expect_screen "home from flagged" "r/Enter Review"
keys s
expect_screen "stats" "Statistics by topic"
uncut "stats 80x24"
keys f
expect_screen "flagged from the statistics" "Flagged questions"
keys q
expect_screen "q goes home" "r/Enter Review"
keys q
expect_screen "quit" "rc=0"

# A second start: no hint.
shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home, second start" "r/Enter Review"
expect_not "second start: no hint" "Answer with the letter shown"
expect_screen "home keys: exam" "x Exam"
keys x
expect_screen "an exam from the home screen: its start screen" "65 questions, 90 minutes, pass mark 70%."
uncut "exam start 80x24"
keys Enter
expect_screen "an exam from the home screen" "Question 1 of"
uncut "exam 80x24"
keys q
expect_screen "exam: q asks first" "q again leaves"
keys q
expect_screen "exam: left for home" "r/Enter Review"
keys q
expect_screen "quit again" "rc=0"

# Before day-starts-at the study day is still yesterday's: the home screen
# says so, and the statistics' "today" is that date, not the calendar's.
shell "clear; \"$WHOSE\" config day-starts-at 4 >/dev/null; WHOSE_NOW=2026-03-03T02:30:00Z \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home: the study day named" "study day 2026-03-02, until 04:00"
keys s
expect_screen "statistics: today is the study day" "Mon 02 Mar  today"
keys Escape
keys q
expect_screen "quit a third time" "rc=0"

# The settings from the home screen: one changed, a bad value refused with
# its range while typing goes on, Esc cancels, d puts the default back;
# each change is stored at once.  Parameters other than the defaults (as
# 'whose optimize --apply' leaves them) are dropped only after a y.
"$WHOSE" --db "$tdb" config parameters "0.3 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 0.0658 0.1542" >/dev/null
shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home for the settings" "c Settings"
keys c
expect_screen "settings" "12 settings"
expect_screen "settings: a name and its value" "new-per-day"
expect_screen "settings: the description" "desired-retention = 0.90"
uncut "settings 80x24"
keys j Enter
expect_screen "settings: typing" "new-per-day, Enter saves, Esc cancels: 20"
keys BSpace BSpace 7 Enter
expect_screen "settings: saved" "new-per-day is now 7."
expect_screen "settings: the default beside it" "(default 20)"
expect_eq "settings: stored" 7 "$(tsql "SELECT value FROM settings WHERE key = 'config.new-per-day'")"
keys Enter BSpace x Enter
expect_screen "settings: refused with the range" "not a whole number from 0 to 9999"
keys Escape
expect_screen "settings: cancelled" "Not changed."
expect_eq "settings: a refused value is not stored" 7 "$(tsql "SELECT value FROM settings WHERE key = 'config.new-per-day'")"
keys d
expect_screen "settings: the default again" "new-per-day is now 20."
keys j j j j j j j j j j
expect_screen "settings: the parameters whole, wrapped" "0.5425 0.0912 0.0658"
expect_screen "settings: their description" "parameters"
uncut "settings, parameters 80x24"
keys d
expect_screen "settings: fitted parameters asked about" "Drop these parameters"
keys n
expect_screen "settings: kept on another key" "Kept: the parameters stay as they were."
expect_in "settings: still the fitted ones" "0.3 1.2931" "$(tsql "SELECT value FROM settings WHERE key = 'config.parameters'")"
keys d
expect_screen "settings: asked again" "Drop these parameters"
keys y
expect_screen "settings: dropped on y" "parameters is now 0.212"
expect_eq "settings: the defaults stored" "" "$(tsql "SELECT value FROM settings WHERE key = 'config.parameters' AND value LIKE '0.3 %'")"
keys d
expect_not "settings: the defaults are not asked about" "Drop these parameters"
keys Escape
expect_screen "home from the settings" "r/Enter Review"
# A drill from the home screen: d asks for the seed (digits only; Esc
# cancels), then the results file to hand it in (Enter alone: none), and
# starts the drill of 'whose drill --seed S --results FILE'.
keys d
expect_screen "drill: the seed asked" "Drill seed (from your teacher), Enter goes on, Esc cancels: _"
keys x 4 7 1 1
expect_screen "drill: digits only" "Esc cancels: 4711_"
uncut "drill seed 80x24"
keys Escape
expect_screen "drill: cancelled" "No drill started."
expect_not "drill: the prompt gone" "Drill seed"
keys d 4 7 1 1 Enter
expect_screen "drill: the results file asked" "Results file to hand in (Enter alone: none; Esc cancels): _"
uncut "drill results file 80x24"
# a folder is refused before the drill, and the file can be typed again
tm send-keys -t t -l "$T"
keys Enter
expect_screen "drill: a folder refused" "is a folder, not a regular file"
expect_screen "drill: still asking" "Results file to hand in"
for _ in $(seq ${#T}); do keys BSpace; done
tm send-keys -t t -l "$T/class/nosuch/week3.csv"
keys Enter
expect_screen "drill: a missing folder refused, whole" "create it first"
for _ in $(seq ${#T}); do keys BSpace; done
for _ in $(seq 23); do keys BSpace; done
mkdir -p "$T/class/a-rather-long-folder-name-for-the-third-week"
tm send-keys -t t -l "$T/class/a-rather-long-folder-name-for-the-third-week/week3.csv"
expect_screen "drill: the end of a long path in view" "week3.csv_"
keys Enter
expect_screen "drill from home" "Drill "
expect_screen "drill from home: its countdown" "Question 1 of 10"
# q asks, q again ends the drill for home; the row is handed in (incomplete)
keys q
expect_screen "drill: q asks first" "q again ends the drill"
keys q
expect_screen "drill: ended for home" "Drill ended early"
keys q
expect_screen "quit after the settings" "rc=0"
wk="$T/class/a-rather-long-folder-name-for-the-third-week/week3.csv"
if grep -q '^ann,[^,]*,4711,' "$wk" 2>/dev/null; then ok; else bad "drill from home: no row of ann in the results file: $(cat "$wk" 2>&1)"; fi
# Enter alone: no file, nothing handed in
shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home again" "r/Enter Review"
keys d 4 7 1 1 Enter Enter
expect_screen "drill without a file" "Question 1 of 10"
keys q q
expect_screen "drill without a file: home" "r/Enter Review"
keys q
expect_screen "drill without a file: out" "rc=0"
expect_eq "drill without a file: nothing added" 2 "$(wc -l <"$wk")"

finish
