#!/usr/bin/env bash
# The manuals pass groff -ww and mandoc -Tlint without a warning.
. "$(dirname "$0")/lib.sh"
for page in "$SRC/man/whose.1" "$SRC/man/whose-bank.5"; do
	w=$(groff -ww -z -man "$page" 2>&1)
	expect_eq "groff $page" "" "$w"
	w=$(mandoc -Tlint -W warning "$page" 2>&1)
	expect_eq "mandoc $page" "" "$w"
done
finish
