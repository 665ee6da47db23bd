#!/bin/sh
# optimize-memory.sh - the peak memory (maximum resident set size) of
# 'whose optimize --json' over a review log of N reviews (default 10
# million), made straight in SQLite: the bundled bank's questions, each
# reviewed every 8 hours in turn with ratings 1 to 4 from a fixed
# sequence.  Prints the reviews, the peak in MB and the seconds taken.
#
# Usage: bench/optimize-memory.sh [N]   (after 'ninja -C build'; needs
#        sqlite3 and GNU time at /usr/bin/time).  DB=PATH keeps the
#        database made there, and uses it as it is when it exists (making
#        10 million reviews takes minutes).
set -eu

n=${1:-10000000}
root=$(cd "$(dirname "$0")/.." && pwd)
whose=${WHOSE:-$root/build/whose}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export WHOSE_BANK="$root/questions" TZ=UTC

db=${DB:-$tmp/m.db}
if [ ! -e "$db" ]; then
"$whose" --db "$db" --create stats >/dev/null 2>&1
sqlite3 "$db" <<SQL
PRAGMA synchronous=OFF;
CREATE TEMP TABLE q AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, topic_id FROM questions;
WITH RECURSIVE i(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM i WHERE v < $n - 1)
INSERT INTO reviews(question_id, topic_id, reviewed_at, rating, correct, mode, duration_ms,
  elapsed_days, state_before, state_after, due_before, due_after, stability_before,
  stability_after, difficulty_before, difficulty_after, elapsed_days_before,
  scheduled_days_before, scheduled_days_after, learning_steps_before,
  learning_steps_after, reps_before, lapses_before, last_review_before, leech_before,
  suspended_before)
SELECT q.id, q.topic_id, 1600000000000 + (i.v / (SELECT count(*) FROM q)) * 28800000 + q.k * 1000,
  1 + ((i.v * 2654435761) % 1000003) % 4, 1, 'review', 5000, 0,
  CASE WHEN i.v < (SELECT count(*) FROM q) THEN 0 ELSE 2 END, 2, 0, 0, 1, 1, 5, 5, 0, 0, 0, 0, 0, 0, 0,
  NULL, 0, 0
FROM i JOIN q ON q.k = i.v % (SELECT count(*) FROM q);
SQL
fi
start=$(date +%s)
/usr/bin/time -f '%M' -o "$tmp/rss" "$whose" --db "$db" optimize --json >"$tmp/out" 2>"$tmp/err" || true
end=$(date +%s)
echo "reviews: $(sqlite3 "$db" 'SELECT count(*) FROM reviews')"
echo "peak RSS: $(( $(tail -n 1 "$tmp/rss") / 1024 )) MB"
echo "seconds: $((end - start))"
head -c 300 "$tmp/err"
