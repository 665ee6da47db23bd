#!/usr/bin/env bash
# The bundled bank passes `whose check` with nothing rejected.
. "$(dirname "$0")/lib.sh"
run "$WHOSE" --db "$T/c.db" check "$SRC/questions"
expect_eq "check exit" 0 "$rc"
expect_in "nothing rejected" "; 0 rejected" "$out"
expect_eq "no messages" "" "$err"
finish
