#!/usr/bin/env bash
# Benchmark of 'whose search' (store_search over the FTS5 index) against a
# LIKE scan of the same questions table.
#
# Usage: bench/search-bench.sh [N] [ROUNDS]     (default N=10000, ROUNDS=7)
#
# Generates a bank of N questions (bench/gen_bank.py, seed 1) into
# bench/data/, imports it with whose into a fresh database (timed: the
# import now fills the index too), builds bench/search_bench.c against
# build/libwhose_core.a and runs it: for each query, the median and best
# of ROUNDS runs of a search returning every hit, one returning the best
# 50 (the browse screen's first page; the index ranks alone), and the
# LIKE scan.  Prints search_bench's JSON; the figures in bench/RESULTS.md
# ('## Search') come from it.  Environment: WHOSE (default build/whose).
set -euo pipefail

N=${1:-10000}
ROUNDS=${2:-7}
case $N in '' | *[!0-9]*) echo "usage: $0 [N] [ROUNDS]" >&2; exit 2 ;; esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
data=$here/data
WHOSE=${WHOSE:-$root/build/whose}

die() { echo "search-bench: $*" >&2; exit 1; }
for tool in python3 cc /usr/bin/time; do
	command -v "$tool" >/dev/null || die "$tool not found"
done
[ -x "$WHOSE" ] || die "$WHOSE not found: build it with 'ninja -C build'"
[ -f "$root/build/libwhose_core.a" ] || die "build/libwhose_core.a not found: ninja -C build"

mkdir -p "$data"
bank=$data/search-bank-$N.csv
db=$data/search-$N.db
[ -f "$bank" ] || python3 "$here/gen_bank.py" "$N" --seed 1 --out "$bank"
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
echo "== import of $N questions (with the index)" >&2
/usr/bin/time -f "import: %e s, peak RSS %M KB" "$WHOSE" --db "$db" --create import "$bank" >/dev/null
ls -l "$db" >&2
cc -O2 -std=c11 -I"$root/include" "$here/search_bench.c" "$root/build/libwhose_core.a" \
	-lsqlite3 -lcsv -lm -o "$data/search_bench"
"$data/search_bench" "$db" "$ROUNDS"
