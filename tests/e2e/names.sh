#!/usr/bin/env bash
# Names found from what the user types: topics by any case, a unique
# prefix or words ("keys", "s3"), "did you mean" for topics, commands and
# options, and 'whose help [COMMAND]', through the real binary.
. "$(dirname "$0")/lib.sh"

W=$WHOSE
D="$T/p.db"
run "$W" --db "$D" --create --plain practice --topic keys --count 1 </dev/null
expect_eq "practice --topic keys runs" 0 "$rc"
expect_in "keys is Keys, HSMs & secrets" "Keys, HSMs & secrets" "$out"
run "$W" --db "$D" --plain practice --topic s3 --count 1 </dev/null
expect_eq "s3 exit" 0 "$rc"
expect_in "s3 is S3" "] S3" "$out"
run "$W" --db "$D" --plain practice --topic "data prot" --count 1 </dev/null
expect_in "words find Data protection" "Data protection" "$out"
# A miss says what is near and exits 2 (a usage error).
run "$W" --db "$D" --plain practice --topic lamda </dev/null
expect_eq "lamda exit" 2 "$rc"
expect_in "lamda: did you mean" "no topic named 'lamda': did you mean 'Lambda'?" "$err"
run "$W" --db "$D" --plain practice --topic se </dev/null
expect_eq "ambiguous exit" 2 "$rc"
expect_in "ambiguous names both" "'se' could be the topic 'Security services' or 'Service models'" "$err"
# The same finding serves every command that takes --topic.
run "$W" --db "$D" --plain exam --topic lambd --questions 2 --minutes 5 </dev/null
expect_in "exam --topic lambd finds Lambda" "Lambda" "$out$err"
run "$W" --db "$D" --plain exam --abandon --yes </dev/null
run "$W" --db "$D" --plain drill --seed 7 --count 2 --topic kees </dev/null
expect_eq "drill typo exit" 2 "$rc"
expect_in "drill typo: did you mean" "did you mean 'Keys, HSMs & secrets'?" "$err"
run "$W" --db "$D" --plain drill --seed 7 --count 2 --topic hsm </dev/null
expect_eq "drill --topic hsm exit" 0 "$rc"
expect_in "drill --topic hsm runs" "Drill, seed 7: 2 questions" "$out"
# Commands and options.
run "$W" --db "$D" exma
expect_eq "exma exit" 2 "$rc"
expect_in "exma: did you mean exam" "unknown command 'exma': did you mean 'exam'?" "$err"
run "$W" --db "$D" stats --jsno
expect_eq "--jsno exit" 2 "$rc"
expect_in "--jsno: did you mean --json" "unknown option '--jsno': did you mean '--json'?" "$err"
run "$W" --db "$D" frobnicate
expect_eq "far command exit" 2 "$rc"
expect_eq "far command: no suggestion" "whose: unknown command 'frobnicate'
Try 'whose help'." "$err"
run "$W" --db "$D" config new-per-dya
expect_eq "setting typo exit" 2 "$rc"
expect_in "setting typo" "unknown setting 'new-per-dya': did you mean 'new-per-day'?" "$err"
# Every setting's value starts in one column, however long the names.
run "$W" --db "$D" config
expect_eq "config: one column" 1 "$(printf '%s\n' "$out" | awk '{ print index($0, $2) }' | sort -u | wc -l)"
# whose help, whose help COMMAND.
run "$W" help
expect_eq "help exit" 0 "$rc"
expect_in "help lists commands" "Commands:" "$out"
run "$W" help stats
expect_eq "help stats exit" 0 "$rc"
expect_in "help stats is stats --help" "Usage: whose stats" "$out"
run "$W" help exmas
expect_eq "help typo exit" 2 "$rc"
expect_in "help typo" "did you mean 'exams'?" "$err"
# Topic names for completion: never a new profile.
run "$W" --db "$T/none.db" stats --topic-names
expect_eq "no profile: exit 0" 0 "$rc"
expect_eq "no profile: nothing" "" "$out"
[ ! -e "$T/none.db" ] && ok || bad "stats --topic-names created a profile"
run "$W" --db "$D" stats --topic-names
expect_in "topic names" "Keys, HSMs & secrets" "$out"
finish
