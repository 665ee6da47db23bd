#!/usr/bin/env bash
# typeplaces.sh - adding a question type touches only the places that
# include/whose/attempt.h lists: no mode, figure, screen or the live class
# switches on the type, compares its name as a string, or names its key
# context.  The list is read from the header, so the header and the code
# cannot drift apart.
. "$(dirname "$0")/lib.sh"

hdr="$SRC/include/whose/attempt.h"
# The paths named in the header's "Adding a question type touches" note.
allowed=$(sed -n '/Adding a question type touches/,/^ \*\//p' "$hdr" |
	grep -oE '(src|include)/[a-z_/]+\.[ch]|[a-z_]+\.[ch]' | sort -u)
expect_in "the header names question.c" "question.c" "$allowed"
expect_in "the header names the TUI renderer" "src/tui/question_view.c" "$allowed"
expect_in "the header names the plain renderer" "src/plain/plain_show.c" "$allowed"
expect_in "the header names the key table" "src/tui/keymap.c" "$allowed"

# in_list FILE: FILE (or its base name) is among the allowed places.
in_list() {
	grep -qxF "$1" <<<"$allowed" || grep -qxF "$(basename "$1")" <<<"$allowed"
}

# 1. The type enum.
used=$(cd "$SRC" && grep -rlE 'QUESTION_(CHOICE|MULTI|TRUEFALSE|WHO|SORT|CARD)\b' src include | sort)
for f in $used; do
	in_list "$f" && ok || bad "$f names a question type but is not among the places attempt.h lists"
done

# 2. A type's name compared or set as a string ("sort" beside a type):
# the way a front end decides by the type behind the enum's back.
names='"(choice|multi|truefalse|who|sort|card)"'
used=$(cd "$SRC" && grep -rlE "(type|strn?case)[^;]*$names|$names[^;]*type" src include | sort)
for f in $used; do
	in_list "$f" && ok || bad "$f compares a question type's name as a string but is not among the places attempt.h lists: $(cd "$SRC" && grep -nE "(type|strn?case)[^;]*$names|$names[^;]*type" "$f" | head -2)"
done
# The check finds what it looks for: a scratch file that decides by name.
scratch="$T/scratch.c"
mkdir -p "$T"
printf 'bool sort = strcmp(it->type, "sort") == 0;\n' >"$scratch"
grep -qE "(type|strn?case)[^;]*$names" "$scratch" && ok || bad "the type-name check misses strcmp(it->type, \"sort\")"

# 3. The key contexts of a type.
used=$(cd "$SRC" && grep -rlE 'TUI_CTX_(CHOICE|MULTI|TF|WHO|SORT|CARD)\b' src include | sort)
for f in $used; do
	in_list "$f" && ok || bad "$f names a question type's key context but is not among the places attempt.h lists"
done

# 4. The live class has no type of its own: it names none, compares no
# name, and labels nothing by hand (letters A-D of its own).
for f in src/core/class.c src/core/class_client.c src/class/class_host.c src/class/class_join.c \
	src/tui/screen_class.c src/tui/screen_class_host.c; do
	pat="QUESTION_(CHOICE|MULTI|TRUEFALSE|WHO|SORT|CARD)\b|(type|strn?case)[^;]*$names|'A' \+"
	if grep -qE "$pat" "$SRC/$f"; then
		bad "$f shows, reads or grades a question by its type: $(grep -nE "$pat" "$SRC/$f" | head -2)"
	else
		ok
	fi
done

# attempt.h's own module and the renderers must really be where types live.
for f in src/core/attempt.c src/tui/question_view.c src/plain/plain_show.c; do
	grep -qE 'QUESTION_SORT' "$SRC/$f" && ok || bad "$f does not render or grade by type"
done
finish
