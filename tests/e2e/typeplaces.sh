#!/usr/bin/env bash
# typeplaces.sh - adding a question type touches only the places that
# include/whose/attempt.h lists: no mode, figure or screen switches on the
# type.  The list is read from the header, so the header and the code
# cannot drift apart.
. "$(dirname "$0")/lib.sh"

hdr="$SRC/include/whose/attempt.h"
# The paths named in the header's "Adding a question type touches" note.
allowed=$(sed -n '/Adding a question type touches/,/^ \*\//p' "$hdr" |
	grep -oE '(src|include)/[a-z_/]+\.[ch]|[a-z_]+\.[ch]' | sort -u)
expect_in "the header names question.c" "question.c" "$allowed"
expect_in "the header names the TUI renderer" "src/tui/question_view.c" "$allowed"
expect_in "the header names the plain renderer" "src/plain/plain_show.c" "$allowed"

used=$(cd "$SRC" && grep -rlE 'QUESTION_(CHOICE|MULTI|TRUEFALSE|WHO|SORT|CARD)\b' src include | sort)
for f in $used; do
	base=$(basename "$f")
	if grep -qxF "$f" <<<"$allowed" || grep -qxF "$base" <<<"$allowed"; then
		ok
	else
		bad "$f names a question type but is not among the places attempt.h lists"
	fi
done
# attempt.h's own module and the renderers must really be where types live.
for f in src/core/attempt.c src/tui/question_view.c src/plain/plain_show.c; do
	grep -qE 'QUESTION_SORT' "$SRC/$f" && ok || bad "$f does not render or grade by type"
done
finish
