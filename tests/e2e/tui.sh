#!/usr/bin/env bash
# End-to-end: the full-screen interface, the real binary driven through
# tmux (send-keys, capture-pane) on a small bank with one question of each
# type, a fixed clock and fixed shuffles.  Covers right and wrong answers
# (marks, colours, explanation, why not), multi-select, sort, a card, undo
# (checked in the database), flag, resizing (and the too-small notice),
# the saved progress on the home screen, NO_COLOR, and the terminal given
# back after q and after SIGTERM.
. "$(dirname "$0")/lib.sh"

need tmux sqlite3 pgrep

H=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$T/bank"
printf '%s\n' "$H" \
	'c1,Compute,choice,"Who patches the hypervisor that runs EC2 instances, the layer under every guest operating system (日本語 wide text, café)?",AWS|The customer|Both,A,The hypervisor is part of the infrastructure AWS operates.,https://example.com/srm,,B: The customer never sees the hypervisor.|C: Only guest OS patching is the customer'"'"'s.,no' \
	's1,Storage,who,An S3 bucket policy grants public read by mistake. Fixing it: whose responsibility?,,Customer,Bucket policies are customer configuration.,https://example.com/s3,,,' \
	'c2,Compute,multi,Which two are the customer'"'"'s on EC2? Choose two.,Guest OS patches|Security group rules|Physical security|Hypervisor,A|B,The customer configures the guest and its firewall.,https://example.com/ec2,,C: Facilities are AWS'"'"'s.|D: The virtualization layer is AWS'"'"'s.,no' \
	's2,Storage,sort,Sort these duties for Amazon S3.,Data center security|Object ACLs|Patch management,AWS|Customer|Shared,AWS runs the storage infrastructure; access control is the customer'"'"'s.,https://example.com/sort,,,' \
	'c3,Compute,card,Security OF the cloud vs IN the cloud?,,OF: AWS'"'"'s infrastructure. IN: what the customer configures there.,The model splits duties at the virtualization layer.,,,,' \
	's3,Storage,choice,Who encrypts data before upload with client-side encryption?,The customer|AWS|Nobody,A,Client-side encryption happens on the customer'"'"'s side.,https://example.com/cse,,B: Client-side means before it reaches AWS.|C: Someone must encrypt it.,no' \
	'c4,Compute,truefalse,AWS patches the guest OS of EC2 instances.,,false,The guest OS is the customer'"'"'s.,,,,' \
	>"$T/bank/test.csv"
db="$XDG_DATA_HOME/whose/default.db"

. "$(dirname "$0")/tmux.sh"
tmux_start 100 30 \
	HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" WHOSE_BANK="$T/bank" WHOSE_SEED=1 WHOSE_NOW=2026-03-01T10:00:00Z

sql() { sqlite3 "$db" "$1"; }
card() {
	sql "SELECT state, due, stability, difficulty, reps, lapses, coalesce(last_review, '-'),
	     learning_steps, leech, suspended
	     FROM cards WHERE question_id = (SELECT id FROM questions WHERE qid = '$1')"
}

# ---- a review, straight in ----------------------------------------------
# New questions come interleaved by type and topic: c3 (card), s2 (sort),
# c1 (choice), s3 (choice), c2 (multi), s1 (who), c4 (true/false).
shell "clear; \"$WHOSE\" review; echo \"rc=\$?\""
expect_screen "first question" "Security OF the cloud vs IN the cloud?"
expect_screen "header" "Review · Compute"
expect_screen "progress: what is left today" "7 left: 0 learning, 0 due, 7 new"
expect_screen "the clock is labelled" "time 0:00"
expect_not "no climbing counter" "1 of 7"
expect_not "no exam key" "Exam"
expect_eq "alternate screen on" 1 "$(fmt '#{alternate_on}')"

# A card: Space turns it, then any of the four ratings.
expect_screen "card front" "Security OF the cloud vs IN the cloud?"
expect_not "back hidden" "OF: AWS's infrastructure"
keys Space
expect_screen "card back" "Answer: OF: AWS's infrastructure."
expect_screen "card ratings" "1 Again 1m"
expect_not "a card is not guessed" "I guessed"
keys 4
expect_screen "card rated Easy" "Saved: Easy, next in"
expect_screen "one fewer left" "6 left: 0 learning, 0 due, 6 new"

# sort: a bucket per item, up/down, Enter once all are sorted.
expect_screen "sort question" "Sort these duties for Amazon S3."
keys Enter
expect_screen "sort needs every item" "Sort every item first: 3 to go."
keys a
expect_screen "sort first item" "[AWS     ] Data center security"
keys a
expect_screen "sort second item (wrong for now)" "[AWS     ] Object ACLs"
keys s
expect_screen "sort third item, cursor stays" "▸ 3 [Shared  ] Patch management"
keys k
expect_screen "k moves up" "▸ 2 [AWS     ] Object ACLs"
keys Down
expect_screen "Down moves down" "▸ 3 [Shared  ] Patch management"
keys Up
expect_screen "Up moves up" "▸ 2 [AWS     ] Object ACLs"
keys 3
expect_screen "3 picks item 3" "▸ 3 [Shared  ] Patch management"
keys 2
expect_screen "2 picks item 2" "▸ 2 [AWS     ] Object ACLs"
keys c
expect_screen "sort second item fixed" "[Customer] Object ACLs"
keys Enter
expect_screen "sort right" "✔ Right"
expect_screen "sort marks" "✔ 3 [Shared  ] Patch management"
keys Enter

# c1: the wide-text question.
expect_screen "choice question c1" "Who patches the hypervisor"
expect_screen "footer from the key table" "a-c Answer"
c1_before=$(card c1)
topics_before=$(sql 'SELECT name, answers, correct FROM topics ORDER BY name')
reviews_before=$(sql 'SELECT count(*) FROM reviews')

# Resizing lays everything out again.
tm resize-window -t t -x 120 -y 40
expect_screen "120x40: wider wrap, wide characters counted as two" "operating system (日本語 wide text,"
expect_width "120x40: header spans the width" 1 119
expect_line "120x40: footer on the last line" "Leave"
expect_eq "120x40: footer is line 40" 40 "$(screen | grep -n 'Leave' | tail -1 | cut -d: -f1)"
tm resize-window -t t -x 60 -y 20
expect_screen "60x20: narrower wrap" "$(printf '  Who patches the hypervisor that runs EC2 instances, the\n')"
expect_width "60x20: header spans the width" 1 59
expect_eq "60x20: footer is line 20" 20 "$(screen | grep -n 'Leave' | tail -1 | cut -d: -f1)"
tm resize-window -t t -x 30 -y 10
expect_screen "30x10: too small" "Window too small"
expect_screen "30x10: says the size" "30x10"
expect_not "30x10: no garbage" "Who patches"
tm resize-window -t t -x 100 -y 30
expect_screen "back to 100x30" "Who patches the hypervisor that runs EC2 instances, the layer under every guest operating system"
expect_not "too-small notice gone" "Window too small"
expect_width "100x30: header spans the width" 1 99

# A right answer: symbol, colour, the answer highlighted, why, source,
# and the rating keys with their intervals.
keys a
expect_screen "right mark" "✔ Right"
expect_screen "right answer marked" "✔ a AWS"
expect_screen "explanation" "Why: The hypervisor is part of the infrastructure AWS operates."
expect_screen "source" "Source: https://example.com/srm"
expect_screen "rating keys with intervals" "3 Good 10m"
expect_screen "Again offered after a right answer" "1 Again (I guessed) 1m"
expect_screen "Enter takes Good" "Enter Good"
expect_not "one line owns Enter: not the footer too" "Enter Next"
expect_in "right in green" "32m" "$(screen_sgr | grep 'Right')"
keys Enter
expect_screen "rated Good" "Saved: Good, next in 10m."
expect_screen "next question" "Who encrypts data before upload"
expect_eq "one review logged" "$((reviews_before + 1))" "$(sql 'SELECT count(*) FROM reviews')"
expect_eq "c1 is learning" 1 "$(sql "SELECT state FROM cards WHERE question_id = (SELECT id FROM questions WHERE qid = 'c1')")"

# Undo: the review row is gone and the card is exactly as before.
keys u
expect_screen "undone" "Undone: the last answer was taken back."
expect_screen "undone question back" "Who patches the hypervisor"
expect_eq "undo removed the review" "$reviews_before" "$(sql 'SELECT count(*) FROM reviews')"
expect_eq "undo restored the card" "$c1_before" "$(card c1)"
expect_eq "undo restored the topic counts" "$topics_before" "$(sql 'SELECT name, answers, correct FROM topics ORDER BY name')"
keys a   # the same answer by letter
expect_screen "right again" "✔ Right"
keys Enter

# A wrong answer: symbol, colour, the right answer, why not, Again only.
keys b
expect_screen "wrong mark" "✘ Wrong: the answer is a"
expect_screen "right answer highlighted" "✔ a The customer"
expect_screen "pick marked wrong" "✘ b AWS"
expect_screen "why not" "Why not b: Client-side means before it reaches AWS."
expect_screen "explanation after wrong" "Why: Client-side encryption happens on the customer's side."
expect_in "wrong in red" "31m" "$(screen_sgr | grep 'Wrong')"
expect_not "no Good after a wrong answer" "3 Good"
keys 3
expect_screen "wrong is Again only" "A wrong answer is rated Again"
keys Enter
expect_screen "rated Again" "Saved: Again, next in 1m."

# multi: marks toggle, Enter confirms.
expect_screen "multi question" "Which two are the customer's on EC2?"
keys Enter
expect_screen "multi needs its marks" "This question wants 2 marks: 0 marked."
keys a
expect_screen "multi mark a" "a [x] Guest OS patches"
keys Enter
expect_screen "multi says how many it wants" "This question wants 2 marks: 1 marked."
expect_not "one mark is not graded" "Wrong"
keys c
expect_screen "multi mark c" "c [x] Physical security"
keys c
expect_screen "multi unmark c" "c [ ] Physical security"
keys b
expect_screen "multi mark b" "b [x] Security group rules"
expect_not "not graded before Enter" "Right"
keys Enter
expect_screen "multi right" "✔ Right"
expect_screen "multi marks" "✔ b [x] Security group rules"
keys Enter

# who: a, c or s.  m marks it for review first (the bookmark).
expect_screen "who question" "An S3 bucket policy"
keys m
expect_screen "marked" "Marked for review: the home screen lists it"
expect_eq "mark saved" 1 "$(sql "SELECT count(*) FROM marks WHERE question_id = (SELECT id FROM questions WHERE qid = 's1')")"
keys c
expect_screen "who right" "✔ c  Customer"
keys Enter

# Report a problem (!): a note is asked for, Esc cancels, u takes it back.
expect_screen "truefalse question" "AWS patches the guest OS of EC2 instances."
keys '!'
expect_screen "flag asks for a note" "Note (optional), Enter reports, Esc cancels:"
keys Escape
expect_screen "flag cancelled" "Not reported."
expect_eq "nothing flagged" 0 "$(sql "SELECT flagged FROM questions WHERE qid = 'c4'")"
keys '!'
expect_screen "flag asks again" "Note (optional)"
keys -l 'odd wordinx'
keys BSpace
keys -l 'g'
keys Enter
expect_screen "flagged" "Reported: it leaves the rotation; u takes the report back."
expect_eq "flag saved with its note" "1|odd wording" "$(sql "SELECT flagged, flag_note FROM questions WHERE qid = 'c4'")"
keys u
expect_screen "u takes the flag back" "Undone: the last report was taken back."
expect_screen "flagged question back" "AWS patches the guest OS of EC2 instances."
expect_eq "unflagged" 0 "$(sql "SELECT flagged FROM questions WHERE qid = 'c4'")"
keys '!'
expect_screen "flag once more" "Note (optional)"
keys Enter
expect_screen "flagged again" "Reported: it leaves the rotation"
expect_eq "flag saved" 1 "$(sql "SELECT flagged FROM questions WHERE qid = 'c4'")"

# The help overlay comes from the key table; any key closes it, Space too.
keys '?'
expect_screen "help overlay" "undo the last answer or report"
expect_screen "help lists leaving" "leave this screen"
keys x
if wait_gone "Any key closes this help"; then ok; else bad "help did not close"; fi
keys '?'
expect_screen "help again" "Any key closes this help"
keys Space
if wait_gone "Any key closes this help"; then ok; else bad "Space did not close the help"; fi

# q: everything saved, the terminal back.
keys q
expect_screen "exit status 0" "rc=0"
expect_eq "alternate screen off after q" 0 "$(fmt '#{alternate_on}')"
expect_eq "six answers saved" 6 "$(sql 'SELECT count(*) FROM reviews')"

# ---- start again: the home screen shows the saved progress -------------
shell "clear; \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home" "Shared Responsibility trainer"
expect_screen "home due" "Due now"
expect_screen "home new" "New today"
expect_screen "scoreboard header" "Readiness"
expect_line "scoreboard Compute seen" "Compute +3/3 +100% +100%"
expect_line "scoreboard Storage seen" "Storage +3/3 +66% +66%"
expect_screen "home footer" "r/Enter Review"
expect_screen "home lists the marks" "Marked for review 1 (m practises them)"
expect_line "home lists the marked question" "s1 +An S3 bucket policy"
expect_not "no drill key" "Drill"
expect_in "colour header" "46m" "$(screen_sgr | head -1)"
tm resize-window -t t -x 60 -y 20
expect_screen "home at 60 columns" "Readin"
expect_width "home 60x20: header spans the width" 1 59
tm resize-window -t t -x 100 -y 30
expect_width "home 100x30: header spans the width" 1 99
keys p
expect_screen "pick topics" "Practice: pick topics"
expect_screen "practice says due dates stay" "due dates do not change"
keys Escape
expect_screen "back home" "r/Enter Review"
keys s
expect_screen "stats" "Statistics by topic"
expect_screen "stats sums" "All topics"
# The statistics screen shows what `whose stats` prints: the headline...
expect_line "stats headline" "Due now: [0-9]+ \\([0-9]+ learning steps?, [0-9]+ reviews?\\); due today: [0-9]+; new today: [0-9]+"
expect_screen "stats retention beside the desired one" "(desired 90%)"
expect_line "stats table: seen and readiness" "Compute +3/3 +[0-9]+ +[0-9]+ +[0-9]+% +[0-9]+% +█+[▏▎▍▌▋▊▉]?·* +[0-9]+% +[0-9]+"
# ...the forecast, today first, with the count `whose stats` gives...
expect_screen "stats forecast" "Due in the next 14 days"
cli_today=$(env -u TZ WHOSE_BANK="$T/bank" WHOSE_NOW=2026-03-01T10:00:00Z "$WHOSE" stats --json |
	"$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["forecast"][0]["due"])')
expect_line "stats forecast: today's count" "^  Sun 01 Mar +today +$cli_today( |\$)"
expect_line "stats forecast: tomorrow" "^  Mon 02 Mar +tomorrow +[0-9]+"
# ...the heatmap (below: scroll to it)...
keys NPage
expect_screen "stats heatmap" "Answers per day, last 4 weeks"
expect_screen "stats scrolled: more above" "▲"
expect_line "stats heatmap: weekdays" "^ {10}Mon Tue Wed Thu Fri Sat Sun"
# Today is Sunday 1 March: the last cell of the week of 23 February.
expect_line "stats heatmap: today's cell shaded" "^  23 Feb {26}███"
expect_line "stats heatmap: earlier days blank" "^  16 Feb *$"
# The busiest day (today) had 6 answers: the shades by quarters of 6.
expect_screen "stats heatmap legend" "Shades: [ ] none  [░] 1  [▒] 2-3  [▓] 4  [█] 5-6 answers a day"
expect_screen "stats four weeks" "4 weeks: 6 answers, 5 right (83%)."
# ...and the leeches and flagged questions, with how to put them back.
keys NPage
expect_screen "stats leeches" "Leeches (forgotten too often): none"
expect_screen "stats flagged" "Flagged as wrong or unclear: 1"
expect_screen "stats unflag hint" "'whose unflag ID' puts one back"
expect_line "stats flagged c4" "^  c4 +Compute +AWS patches the guest OS"
expect_not "stats scrolled to the end: no more below" "▼"
keys k
expect_screen "stats k scrolls up" "▼"
keys PPage PPage
expect_screen "stats back at the top" "Due now: "
# A resize lays the page out again; too small shows the notice.
tm resize-window -t t -x 60 -y 20
expect_width "stats 60x20: header spans the width" 1 59
expect_screen "stats 60x20: a wider window shows more" "a wider window shows more columns"
tm resize-window -t t -x 30 -y 10
expect_screen "stats 30x10: too small" "Window too small"
tm resize-window -t t -x 100 -y 30
expect_width "stats 100x30: header spans the width" 1 99
expect_screen "stats 100x30: forecast again" "Sun 01 Mar"
keys Escape
expect_screen "home again" "r/Enter Review"

# SIGTERM: the terminal is restored and the exit status says so.
shell_pid=$(fmt '#{pane_pid}')
whose_pid=$(pgrep -P "$shell_pid" | head -1)
if [ -n "$whose_pid" ]; then ok; else bad "no whose process under the pane's shell"; fi
kill -TERM "$whose_pid"
expect_screen "killed by SIGTERM" "rc=143"
expect_eq "alternate screen off after SIGTERM" 0 "$(fmt '#{alternate_on}')"
shell 'stty -a | tr " " "\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\n" " "; echo STTY'
expect_screen "terminal modes restored" "icanon echo STTY"

# Not UTF-8: the heatmap and bars fall back to ASCII.
shell "clear; LC_ALL=C \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home in ASCII" "r/Enter Review"
keys s
expect_screen "stats in ASCII" "Statistics by topic"
expect_screen "stats ASCII: forecast" "Due in the next 14 days"
expect_line "stats ASCII: forecast bar" "^  Sun 01 Mar +today +[0-9]+ +#"
keys NPage
expect_screen "stats ASCII: legend" "Shades: [ ] none  [.] 1  [:] 2-3  [*] 4  [#] 5-6 answers a day"
expect_line "stats ASCII: today's cell" "^  23 Feb {26}###"
expect_not "stats ASCII: no block characters" "█"
keys q
expect_screen "q leaves stats for home" "r/Enter Review"
keys q
expect_screen "quit from home" "rc=0"

# NO_COLOR: attributes, no colours.
shell "clear; NO_COLOR=1 \"$WHOSE\"; echo \"rc=\$?\""
expect_screen "home without colour" "r/Enter Review"
case "$(screen_sgr | head -1)" in
*46m*) bad "NO_COLOR: the header still has a colour" ;;
*7m*) ok ;;
*) bad "NO_COLOR: the header is not in reverse video: $(screen_sgr | head -1)" ;;
esac
keys q
expect_screen "quit from home" "rc=0"

finish
