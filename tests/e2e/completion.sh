#!/usr/bin/env bash
# The bash completion offers every command of `whose --help`, and the
# options and settings of the commands.
. "$(dirname "$0")/lib.sh"

bc=/usr/share/bash-completion/bash_completion
if [ ! -r "$bc" ]; then
	bad "bash-completion is not installed ($bc): scripts/test installs it"
	finish
	exit 1
fi
# shellcheck disable=SC1090
. "$bc"
# shellcheck disable=SC1091
. "$SRC/src/cli/whose.bash"

complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_whose
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}

# Every command of the help is completed.
for c in $("$WHOSE" --help | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'); do
	expect_in "command $c" " $c " " $(complete_words whose "${c:0:3}")"
done
expect_eq "pr" "practice profiles " "$(complete_words whose pr)"
expect_in "global options" "--plain" "$(complete_words whose --p)"
expect_in "practice options" "--weak" "$(complete_words whose practice --w)"
expect_eq "config keys" "desired-retention " "$(complete_words whose config desired)"
expect_eq "fuzz values" "off on " "$(complete_words whose config fuzz o)"
expect_in "stats json" "--json" "$(complete_words whose stats --j)"
expect_eq "reset damaged" "--damaged " "$(complete_words whose reset --d)"
expect_eq "exam resume" "--resume " "$(complete_words whose exam --res)"
expect_eq "exams show" "show " "$(complete_words whose exams s)"
expect_eq "exams forget restore" "forget restore " "$(complete_words whose exams '' | tr ' ' '\n' | grep -E '^(forget|restore)$' | tr '\n' ' ')"
expect_eq "exams forget --yes" "--yes " "$(complete_words whose exams forget 3 --y)"
expect_eq "practice --exam" "--exam " "$(complete_words whose practice --ex)"
expect_eq "class subcommands" "host join results " "$(complete_words whose class '')"
expect_in "class host options" "--no-leaderboard" "$(complete_words whose class host --no)"
expect_in "class results options" "--list" "$(complete_words whose class results --l)"
# Topic names come from the profile named on the command line, quoted,
# matched from any case; a missing profile offers nothing and makes none.
"$WHOSE" --db "$T/c.db" --create --plain practice --count 1 </dev/null >/dev/null 2>&1
expect_eq "topic k" 'Keys\,\ HSMs\ \&\ secrets ' "$(complete_words "$WHOSE" --db "$T/c.db" practice --topic k)"
expect_eq "topic s3" 'S3 ' "$(complete_words "$WHOSE" --db "$T/c.db" exam -t s3)"
expect_in "topic all" 'Resilience\ \&\ sustainability' "$(complete_words "$WHOSE" --db "$T/c.db" drill --topic '')"
expect_eq "topic, no profile" ' ' "$(complete_words "$WHOSE" --db "$T/none.db" practice --topic '')"
[ ! -e "$T/none.db" ] && ok || bad "completion created a profile"
expect_eq "help commands" "exam exams export " "$(complete_words whose help ex)"
finish
