#!/usr/bin/env bash
# End-to-end: whose import and whose check on good and broken banks.
. "$(dirname "$0")/lib.sh"

H=id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
mkdir -p "$T/bank"
printf '%s\n' "$H" \
	'ec2-1,EC2,who,"Guest OS patching, whose?",,Customer,x,,,,' \
	'ec2-2,EC2,choice,Who runs the hypervisor?,AWS|Customer|Both,A,x,,,B: no|C: no,' \
	>"$T/bank/ec2.csv"
printf '%s\n' "$H" 'bad-1,EC2,choice,Q?,a|b|c|d,E,,,,,' 'bad-2,EC2,essay,Q?,,x,,,,,' >"$T/broken.csv"

db="$T/p.db"

# check on a database that does not exist: nothing is created.
run "$WHOSE" --db "$db" check "$T/bank"
expect_eq "check exit" 0 "$rc"
expect_in "check summary" "2 valid questions in 1 file: would add 2, update 0, leave 0 unchanged, retire 0; 0 rejected" "$out"
[ ! -e "$db" ] && ok || bad "check created the database"

# import.
run "$WHOSE" --db "$db" import "$T/bank"
expect_eq "import exit" 0 "$rc"
expect_eq "import summary" "2 added, 0 updated, 0 unchanged, 0 retired" "$out"
expect_eq "db mode" 600 "$(stat -c %a "$db")"

# again: unchanged.
run "$WHOSE" --db "$db" import "$T/bank"
expect_eq "reimport summary" "0 added, 0 updated, 2 unchanged, 0 retired" "$out"

# a broken bank: every error, exit 65, nothing written.
before=$(sqlite3 "$db" .dump | md5sum)
run "$WHOSE" --db "$db" import "$T/broken.csv"
expect_eq "broken exit" 65 "$rc"
expect_in "broken answer" "broken.csv:2: column 'answer': 'E' is not one of the choices A-D" "$err"
expect_in "broken type" "broken.csv:3: column 'type': unknown type 'essay'" "$err"
expect_in "broken summary" "2 errors in the bank: nothing was imported" "$err"
expect_eq "broken left db" "$before" "$(sqlite3 "$db" .dump | md5sum)"

run "$WHOSE" --db "$db" check "$T/broken.csv"
expect_eq "check broken exit" 65 "$rc"
expect_in "check broken summary" "0 valid questions in 1 file: would add 0, update 0, leave 0 unchanged, retire 0; 2 rejected" "$out"

# a missing file.
run "$WHOSE" --db "$db" import "$T/nope.csv"
expect_eq "missing exit" 65 "$rc"
expect_in "missing message" "nope.csv: cannot open: No such file or directory" "$err"

# usage errors.
run "$WHOSE" --db "$db" import
expect_eq "no args exit" 2 "$rc"
run "$WHOSE" --db "$db" import --frobnicate x
expect_eq "bad option exit" 2 "$rc"
expect_in "bad option message" "unknown option '--frobnicate'" "$err"
run "$WHOSE" frobnicate
expect_eq "bad command exit" 2 "$rc"
run "$WHOSE" --version
expect_in "version" "whose " "$out"

# a foreign database is refused and untouched.
sqlite3 "$T/foreign.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
before=$(md5sum <"$T/foreign.db")
run "$WHOSE" --db "$T/foreign.db" import "$T/bank"
expect_eq "foreign exit" 1 "$rc"
expect_in "foreign message" "is not a whose database" "$err"
expect_eq "foreign untouched" "$before" "$(md5sum <"$T/foreign.db")"

# default location under XDG_DATA_HOME with 0700 folder.
run "$WHOSE" import "$T/bank"
expect_eq "xdg import" 0 "$rc"
expect_eq "xdg folder mode" 700 "$(stat -c %a "$XDG_DATA_HOME/whose")"
[ -f "$XDG_DATA_HOME/whose/default.db" ] && ok || bad "default.db not created"
run "$WHOSE" --profile alice import "$T/bank"
[ -f "$XDG_DATA_HOME/whose/alice.db" ] && ok || bad "profile alice.db not created"

finish
