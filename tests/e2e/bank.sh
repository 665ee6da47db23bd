#!/usr/bin/env bash
# The bundled bank passes `whose check` with nothing rejected.
. "$(dirname "$0")/lib.sh"
run "$WHOSE" --db "$T/c.db" check "$SRC/questions"
expect_eq "check exit" 0 "$rc"
expect_in "nothing rejected" "; 0 rejected" "$out"
expect_eq "no messages" "" "$err"

# --dated lists the questions tagged as-of:YYYY-MM, oldest check first.
mkdir -p "$T/dated"
cat >"$T/dated/b.csv" <<'CSV'
id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle
t-001,T,truefalse,Dated later?,,true,,,x|as-of:2026-06,,
t-002,T,truefalse,Not dated?,,false,,,x,,
t-003,T,truefalse,Dated earlier?,,true,,,as-of:2025-12,,
CSV
run "$WHOSE" --db "$T/c.db" check --dated "$T/dated/b.csv"
expect_eq "dated exit" 0 "$rc"
expect_in "oldest first" "as-of 2025-12  t-003  $T/dated/b.csv:4
as-of 2026-06  t-001  $T/dated/b.csv:2
2 dated questions" "$out"
# Without --dated nothing is listed.
run "$WHOSE" --db "$T/c.db" check "$T/dated/b.csv"
expect_eq "undated listing" "" "$(printf '%s\n' "$out" | grep 'as-of' || true)"
# The bundled bank dates its dated facts.
run "$WHOSE" --db "$T/c.db" check --dated "$SRC/questions"
expect_eq "bank dated exit" 0 "$rc"
expect_in "bank lists rds-013" "  rds-013  " "$out"
# A month that does not exist is refused.
printf '%s\n' "id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle" \
	"t-004,T,truefalse,Bad date?,,true,,,as-of:2026-13,," >"$T/dated/bad.csv"
run "$WHOSE" --db "$T/c.db" check --dated "$T/dated/bad.csv"
expect_eq "bad date exit" 65 "$rc"
expect_in "bad date named" "bad.csv:2: column 'tags': 'as-of:2026-13'" "$err"
finish
