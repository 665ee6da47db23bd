#!/bin/sh
# optimize.sh - 'whose optimize' on a real profile: refuses too little
# history with how much is missing, fits a replayed history, prints the
# same figures as JSON, applies only on request, reverts, and never
# changes the review log or any card.
. "$SRC/tests/e2e/lib.sh"

export WHOSE_DB="$T/p.db" WHOSE_NOW=2025-06-01T12:00:00Z TZ=UTC0

# A fresh profile has no history.
run "$WHOSE" optimize
expect_eq "empty: exit" 1 "$rc"
expect_in "empty: how much" "0 of the 64 reviews needed count (64 more)" "$err"

# A learner's year on the bundled bank: questions introduced ten a day,
# reviewed at growing intervals, forgotten now and then (fixed seed).
"$WHOSE" export --progress | cut -d, -f1 | tail -n +2 | head -n 300 >"$T/ids"
"$PYTHON" - "$T/ids" >"$T/hist.csv" <<'PY'
import datetime, math, random, sys
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
rnd = random.Random(19)
t0 = datetime.datetime(2024, 1, 1, 9, 0, tzinfo=datetime.timezone.utc)
print("id,reviewed_at,rating,duration_ms")
rows = []
for k, q in enumerate(ids):
    t = t0 + datetime.timedelta(days=k // 10, minutes=rnd.randrange(600))
    s = rnd.choice([0.5, 2, 4, 10])
    first = rnd.choices([1, 2, 3, 4], [15, 10, 60, 15])[0]
    rows.append((t, q, first))
    rows.append((t + datetime.timedelta(minutes=10), q, 3))
    while True:
        gap = max(1, round(s * rnd.uniform(0.8, 1.6)))
        t += datetime.timedelta(days=gap, minutes=rnd.randrange(-120, 120))
        if t.year > 2024:
            break
        recalled = rnd.random() < math.exp(-gap / (s * 9.5))
        g = rnd.choices([2, 3, 4], [15, 75, 10])[0] if recalled else 1
        rows.append((t, q, g))
        s = s * rnd.uniform(2.0, 3.0) if recalled else max(0.5, s * 0.3)
for t, q, g in sorted(rows):
    print("%s,%s,%d,4000" % (q, t.strftime("%Y-%m-%dT%H:%M:%SZ"), g))
PY
run "$WHOSE" import --reviews "$T/hist.csv"
expect_eq "import: exit" 0 "$rc"

"$WHOSE" export --reviews >"$T/log.before"
"$WHOSE" export --progress >"$T/cards.before"
params0=$("$WHOSE" config parameters)

run "$WHOSE" optimize
expect_eq "fit: exit" 0 "$rc"
expect_eq "fit: no progress off a terminal" "" "$err"
expect_in "fit: figures" "log loss   RMSE (bins)" "$out"
expect_in "fit: current row" "  current  " "$out"
expect_in "fit: nothing changed" "Nothing changed" "$out"
# In the learner's words first, before any number of the model's.
expect_in "fit: effect first" "What the fitted parameters would change:" "$(printf '%s' "$out" | head -1)"
expect_in "fit: new question" "a new question answered Good, next in" "$out"
expect_in "fit: mature question" "a mature question answered Good, next in" "$out"
expect_in "fit: reviews a day" "reviews a day, a year on at your pace" "$out"
expect_eq "fit: parameters unchanged" "$params0" "$("$WHOSE" config parameters)"

run "$WHOSE" optimize --json
expect_eq "json: exit" 0 "$rc"
check=$(printf '%s' "$out" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
assert d["items"] >= d["train_items"] >= 64, d
assert len(d["fitted"]["parameters"]) == 21 and len(d["current"]["parameters"]) == 21
assert d["fitted"]["log_loss"] < d["current"]["log_loss"], d
assert d["better"] is True and d["applied"] is False
assert abs(d["gain_percent"] - 100 * (1 - d["fitted"]["log_loss"] / d["current"]["log_loss"])) < 1e-3
e = d["effect"]
for k in ("current", "fitted"):
    assert e[k]["new_good_days"] >= 1 and e[k]["mature_from_days"] >= 21, e
    assert e[k]["mature_good_days"] > e[k]["mature_from_days"], e
    assert e[k]["reviews_per_question"] > 1, e
    assert abs(e[k]["reviews_per_day"] - e[k]["new_per_day"] * e[k]["reviews_per_question"]) < 0.02, e
assert e["current"]["new_per_day"] == e["fitted"]["new_per_day"] > 0, e
print("ok")')
expect_eq "json: figures" ok "$check"
fitted=$(printf '%s' "$out" | "$PYTHON" -c 'import json,sys; print(" ".join("%.17g" % x for x in json.load(sys.stdin)["fitted"]["parameters"]))')
# The same numbers, however printed (config prints each in its shortest
# exact form, the JSON in 17 digits).
norm() { "$PYTHON" -c 'import sys; print(" ".join(repr(float(x)) for x in sys.argv[1].split()))' "$1"; }
fitted=$(norm "$fitted")

# The same log, the same fit.
run "$WHOSE" optimize --json
again=$(printf '%s' "$out" | "$PYTHON" -c 'import json,sys; print(" ".join("%.17g" % x for x in json.load(sys.stdin)["fitted"]["parameters"]))')
expect_eq "deterministic" "$fitted" "$(norm "$again")"

# On a terminal the progress line updates in place and is wiped at the end
# (off a terminal a fit this small prints none: checked above).
if command -v script >/dev/null 2>&1; then
	script -qec "\"$WHOSE\" optimize" /dev/null >"$T/tty.out" 2>&1 && rc=0 || rc=$?
	expect_eq "tty: exit" 0 "$rc"
	if grep -q "fitting the parameters: 100%" "$T/tty.out"; then ok; else bad "tty: no progress line"; fi
	wiped=$("$PYTHON" -c 'import sys; d = open(sys.argv[1], "rb").read(); print(b"100%\r" + b" " * 30 + b"\r" in d)' "$T/tty.out")
	expect_eq "tty: progress wiped" True "$wiped"
else
	echo "optimize: no script(1): terminal progress not checked"
fi

run "$WHOSE" optimize --apply
expect_eq "apply: exit" 0 "$rc"
expect_in "apply: said" "Applied" "$out"
expect_eq "apply: stored" "$fitted" "$(norm "$("$WHOSE" config parameters)")"
# Applying again compares with the fitted set itself: not better, kept.
run "$WHOSE" optimize --apply --json
expect_in "apply again: not better" '"applied":false' "$out"

"$WHOSE" export --reviews >"$T/log.after"
"$WHOSE" export --progress >"$T/cards.after"
if cmp -s "$T/log.before" "$T/log.after"; then ok; else bad "the review log changed"; fi
if cmp -s "$T/cards.before" "$T/cards.after"; then ok; else bad "the cards changed"; fi

run "$WHOSE" optimize --revert
expect_eq "revert: exit" 0 "$rc"
expect_eq "revert: back" "$params0" "$("$WHOSE" config parameters)"
run "$WHOSE" optimize --revert
expect_eq "revert twice: exit" 1 "$rc"
expect_in "revert twice: nothing to revert" "nothing to revert" "$err"
expect_eq "revert twice: still the old ones" "$params0" "$("$WHOSE" config parameters)"

run "$WHOSE" optimize --apply --revert
expect_eq "both: usage" 2 "$rc"
run "$WHOSE" optimize extra
expect_eq "argument: usage" 2 "$rc"

# Revert on a profile that never applied anything.
WHOSE_DB="$T/q.db" run "$WHOSE" optimize --revert
expect_eq "revert none: exit" 1 "$rc"
expect_in "revert none: says" "nothing to revert" "$err"

finish
