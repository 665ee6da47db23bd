#!/usr/bin/env bash
# Benchmark of 'whose import --reviews': peak memory and time for a
# history of N rows (default 10 million), replayed into a fresh profile
# with the bundled bank.
#
# Usage: bench/history-bench.sh [N]
#
# The history (bench/data/history-N.csv, made once) holds N rows over the
# bundled bank's questions, times from 2010 onwards in shuffled blocks (so
# that the import must sort), ratings 1-4.  Each run is one whole process
# under /usr/bin/time -v: wall time and peak RSS ("Maximum resident set
# size") go into the '## Review history import' section of
# bench/RESULTS.md, with OLD=path/to/old/whose measured beside it when
# given.  Environment: WHOSE (default build/whose), OLD (unset: none).
set -euo pipefail

N=${1:-10000000}
cd "$(dirname "$0")/.."
WHOSE=${WHOSE:-build/whose}
mkdir -p bench/data
hist="bench/data/history-$N.csv"
if [ ! -s "$hist" ]; then
	ids=$(cat questions/*.csv | awk -F, '$1 != "id" && $1 ~ /^[a-z][a-z0-9._-]*$/ {print $1}' | sort -u)
	# Blocks of 1000 rows each go back in time now and then, so the file is
	# not already in time order.
	awk -v n="$N" -v ids="$(echo "$ids" | tr '\n' ' ')" 'BEGIN {
		k = split(ids, id, " ")
		srand(1)
		print "id,reviewed_at,rating,duration_ms"
		base = 1262304000   # 2010-01-01
		for (i = 0; i < n; i++) {
			block = int(i / 1000)
			t = base + (block % 2 ? block * 500 : block * 500 + 400) + (i % 1000) * 37 % 499
			printf "%s,%s,%d,%d\n", id[(i * 7919) % k + 1], strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), i % 4 + 1, 1000 + i % 5000
		}
	}' >"$hist"
fi
rows=$(($(wc -l <"$hist") - 1))

# measure BINARY: prints "seconds peak_kib exit"
measure() {
	local db
	db=$(mktemp -u /tmp/whose-hbench-XXXXXX.db)
	WHOSE_BANK="$PWD/questions" WHOSE_NOW=2026-03-01T10:00:00Z \
		/usr/bin/time -v -o "$db.time" "$1" --db "$db" import --reviews "$hist" >/dev/null 2>"$db.err" && rc=0 || rc=$?
	awk -v rc="$rc" '/Elapsed \(wall clock\)/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]}
		/Maximum resident set size/ {m = $NF}
		END {printf "%.1f %d %d\n", s, m, rc}' "$db.time"
	[ "$rc" -eq 0 ] || head -n 5 "$db.err" >&2
	rm -f "$db" "$db"-* "$db.time" "$db.err"
}

read -r secs kib rc < <(measure "$WHOSE")
echo "whose import --reviews, $rows rows: ${secs} s, peak RSS $((kib / 1024)) MiB, exit $rc"
line="| $(date -u +%Y-%m-%d) | $rows | $(git rev-parse --short HEAD) (temporary table) | ${secs} s | $((kib / 1024)) MiB | $rc |"
old_line=""
if [ -n "${OLD:-}" ]; then
	read -r osecs okib orc < <(measure "$OLD")
	echo "old binary: ${osecs} s, peak RSS $((okib / 1024)) MiB, exit $orc"
	old_line="| $(date -u +%Y-%m-%d) | $rows | $OLD (array, qsort) | ${osecs} s | $((okib / 1024)) MiB | $orc |"
fi
if ! grep -q '^## Review history import' bench/RESULTS.md; then
	cat >>bench/RESULTS.md <<'MD'

## Review history import

`bench/history-bench.sh N`: `whose import --reviews` of N rows over the
bundled bank into a fresh profile, one process under `/usr/bin/time -v`
(wall time, peak RSS).  The rows wait in a temporary SQLite table sorted
by `ORDER BY at, line` (SQLite's sorter spills to a file), instead of an
array of every row (about 40 bytes a row) sorted with qsort.

| Date | Rows | Binary | Wall | Peak RSS | Exit |
|---|---|---|---|---|---|
MD
fi
printf '%s\n' "$line" >>bench/RESULTS.md
[ -n "$old_line" ] && printf '%s\n' "$old_line" >>bench/RESULTS.md
exit 0
