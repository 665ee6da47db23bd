#!/usr/bin/env bash
# End-to-end under valgrind: a plain-mode life of a profile (import, review
# answers of every type, undo, flag, practice, stats, export, history
# import, and the error paths of a broken bank and history), each command
# with no memory error and nothing definitely lost.  Skipped (exit 77) when
# valgrind is missing or the binary is built with AddressSanitizer, which
# valgrind cannot run.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 1

if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP: valgrind is not installed (apt-get install valgrind)"
	exit 77
fi
if nm -D "$WHOSE" 2>/dev/null | grep -q __asan_init || ldd "$WHOSE" 2>/dev/null | grep -q libasan; then
	echo "SKIP: $WHOSE is built with AddressSanitizer; valgrind runs the normal build"
	exit 77
fi

export WHOSE_BANK="$T/bank" WHOSE_SEED=7 WHOSE_NOW=2026-03-01T10:00:00Z TZ=UTC
mkdir -p "$WHOSE_BANK"
cat >"$WHOSE_BANK/t.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-1,Alpha,who,"Guest OS patching on EC2, whose?",,Customer,The guest OS is the customer's.,https://example.org/a,,,
t-2,Beta,choice,Who runs the hypervisor?,AWS|The customer|Both,A,The hypervisor is AWS's.,https://example.org/b,,B: The customer never sees it.|C: Not shared.,no
t-3,Gamma,multi,Which two are the customer's? Choose two.,Guest OS|Security groups|Facilities|Hypervisor,A|B,Guest and firewall.,src,,C: AWS.|D: AWS.,no
t-4,Alpha,sort,Sort these.,Data center|Guest OS|Patch management,AWS|Customer|Shared,Layers.,src,,,
t-5,Beta,truefalse,AWS patches the EC2 guest OS.,,false,It is the customer's.,src,,,
t-6,Gamma,card,"Security OF vs IN the cloud?",,OF: AWS. IN: the customer.,Card.,src,,,
CSV
cat >"$T/extra.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
x-1,Délta,who,Qui patche l'OS invité ? 誰の責任,,Customer,Le client.,src,tag,,
x-2,Délta,choice,Pick F.,a|b|c|d|e|f,F,F.,src,,A: no.|B: no.,yes
x-3,Délta,sort,Sort eight.,1|2|3|4|5|6|7|8,AWS|Customer|Shared|AWS|Customer|Shared|AWS|Customer,Eight.,src,,,
CSV
printf '%s\n' 'id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle' \
	'b-1,T,nosuch,Q,,AWS,,,,,' 'b-2,T,choice,Q,a,A,,,,,' 'Bad Id,T,who,Q,,AWS,,,,,' >"$T/broken.csv"
printf 'id,reviewed_at,rating,duration_ms\nx-1,2026-01-10T09:00:00Z,3,4000\nx-1,2026-01-12T09:00:00Z,1,\nx-2,2026-01-11,4,100\n' >"$T/history.csv"
printf 'id,reviewed_at,rating\nnosuch,2026-01-10T09:00:00Z,3\nx-1,yesterday,9\n' >"$T/bad-history.csv"

VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
	--show-leak-kinds=definite --track-origins=yes)

# vg WHAT EXPECTED_EXIT ARGS... (standard input as given): no memory error,
# no definite leak, the expected exit status.
vg() {
	local what=$1 want=$2
	shift 2
	out=$("${VG[@]}" --log-file="$T/vg.log" "$WHOSE" "$@" 2>"$T/stderr") && rc=0 || rc=$?
	err=$(cat "$T/stderr")
	if [ "$rc" -eq 99 ] || grep -qE 'definitely lost|Invalid (read|write|free)|uninitialised|Mismatched' "$T/vg.log"; then
		bad "$what: valgrind found errors:"
		sed -n 1,40p "$T/vg.log" >&2
	else
		ok
	fi
	expect_eq "$what: exit" "$want" "$rc"
}

start=$SECONDS
vg "check a broken bank" 65 check "$T/broken.csv"
expect_in "broken bank message" "broken.csv:2: column 'type'" "$err"
vg "config" 0 config new-per-day 40

# A review of every type (as in plain.sh), with help, a bad answer, undo
# and a report; then a session quit before rating.  Answers are the one
# key map's letters; ratings are digits.
vg "review" 0 --plain review <<'IN'
?
b

3
zzz
c

u
c

! unclear
f

a b

a c s

IN
# New questions come types and topics interleaved (whose(1)), so which
# answer meets which question is not fixed here: what matters is that
# every kind of step ran under valgrind.
expect_in "review: graded" "the answer is" "$out"
expect_in "review: undone" "Undone: the last answer was taken back." "$out"
expect_in "review: reported" "Reported" "$out"
expect_in "review: sort shown" "Sort these." "$out"
vg "import" 0 import "$T/extra.csv"
expect_in "import summary" "3 added" "$out"
vg "review quit before rating" 0 --plain review <<'IN'
c
q
IN
vg "practice" 0 --plain practice --topic Délta <<'IN'
c

6

a c s a c s a c

u
q
IN
vg "stats" 0 stats
expect_in "stats table" "Alpha" "$out"
vg "stats --json" 0 stats --json
vg "export progress" 0 export --progress -o "$T/progress.csv"
vg "export reviews" 0 export --reviews
expect_in "export header" "card_id,review_time" "$out"
vg "import a history" 0 --profile second import "$T/extra.csv"
vg "replay a history" 0 --profile second import --reviews "$T/history.csv"
expect_in "history replayed" "3 reviews replayed" "$out"
vg "replay a broken history" 65 --profile second import --reviews "$T/bad-history.csv"
expect_in "broken history message" "bad-history.csv:2" "$err"
vg "unflag" 0 unflag t-6
echo "valgrind: $((SECONDS - start)) s"

finish
