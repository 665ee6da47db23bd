#!/bin/sh
# optimize-bench.sh - whose optimize against fsrs-rs on simulated learners.
#
# Simulates learners whose memory follows FSRS-6 with known parameters
# (bench/optimize/compare.js), replays each history into a fresh whose
# database ('whose import --reviews'), exports the log ('whose export
# --reviews'), fits it with 'whose optimize --json' and with fsrs-rs's
# computeParameters (@open-spaced-repetition/binding 0.5.0, timeout 10),
# scores both fits with fsrs-rs's evaluate on the same items, and writes
# the "## Parameter optimizer" section of bench/RESULTS.md (replacing only
# that section).  Exits 1 when a whose fit is more than 1% worse in log
# loss than fsrs-rs's.
#
# Usage: bench/optimize-bench.sh [REVIEWS...]   (default 1000 3000 10000
#        30000 100000; ROUNDS=3 timed runs each, medians; NODE may be set)
# Needs node and npm (the packages are installed into bench/optimize/
# node_modules on first use); skips with a message (exit 77) without them.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
node=${NODE:-node}
results=bench/RESULTS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! command -v "$node" >/dev/null 2>&1; then
	echo "optimize-bench: node not found: skipped" >&2
	exit 77
fi
if [ ! -d bench/optimize/node_modules/@open-spaced-repetition/binding ]; then
	if ! (cd bench/optimize && npm install --no-audit --no-fund >"$tmp/npm.log" 2>&1); then
		echo "optimize-bench: npm install failed (no network?): skipped" >&2
		tail -n 5 "$tmp/npm.log" >&2
		exit 77
	fi
fi
ninja -C build >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$node" bench/optimize/compare.js bench build/whose "$tmp/out.json" "$@"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1) \
CORES=$(nproc) NOW=$(date -u '+%Y-%m-%d %H:%M UTC') COMMIT=$(git rev-parse --short HEAD) \
LOAD="$load_before; after: $load_after" ARGS="$*" \
python3 - "$tmp/out.json" "$results" <<'PY'
import json, os, sys

data = json.load(open(sys.argv[1]))
rows = data["results"]
out = []
p = out.append
p("## Parameter optimizer\n")
p("`bench/optimize-bench.sh %s` at %s, %s. Simulated learners whose memory"
  % (os.environ["ARGS"], os.environ["COMMIT"], os.environ["NOW"]))
p("follows FSRS-6 with their own known weights, reviewing when whose's scheduler")
p("says (ts-fsrs 5.4.2, default settings) plus their own delays; each history is")
p("replayed into whose (`whose import --reviews`), exported (`whose export")
p("--reviews`) and fitted by `whose optimize` and by fsrs-rs's `computeParameters`")
p("(`@open-spaced-repetition/binding` 0.5.0, `timeout: 10`). Both fits are scored")
p("by fsrs-rs's `evaluate` on the same items (log loss, lower is better).")
p("Times are medians of %s runs: fsrs-rs's `computeParameters` call alone; whose's"
  % os.environ.get("ROUNDS", "3"))
p("whole `whose optimize --json` process (open the profile, read the log, fit,")
p("score both parameter sets), and its fit alone (`fit_ms`: read the log and fit).\n")
p("| Learner | UTC offset | Reviews | Items | Log loss fsrs-rs | Log loss whose | whose / fsrs-rs | RMSE fsrs-rs | RMSE whose | fsrs-rs ms | whose ms (process) | whose ms (fit) |")
p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
worst = 0
slow_fit = [r["learner"] for r in rows if not r["ms_whose_fit"] < r["ms_fsrs_rs"]]
slow_proc = [r["learner"] for r in rows if not r["ms_whose_process"] < r["ms_fsrs_rs"]]
for r in rows:
    worst = max(worst, r["ratio"])
    p("| %s | %+d min | %s | %s | %.5f | %.5f | %.5f | %.4f | %.4f | %.0f | %.0f | %.0f |" % (
        r["learner"], r["offset_min"], format(r["reviews"], ","), format(r["items"], ","),
        r["logloss_fsrs_rs"], r["logloss_whose"], r["ratio"], r["rmse_fsrs_rs"],
        r["rmse_whose"], r["ms_fsrs_rs"], r["ms_whose_process"], r["ms_whose_fit"]))
p("")
p("Worst log-loss ratio whose / fsrs-rs: %.5f (target: at most 1.01). whose's"
  % worst)
p("fit faster than fsrs-rs's on every log: %s; whole process faster than fsrs-rs's fit: %s."
  % ("yes" if not slow_fit else "no (%s)" % ", ".join(slow_fit),
     "yes" if not slow_proc else "not on %s" % ", ".join(slow_proc)))
p("Timings are wall clock on a shared machine (see the load below): compare the")
p("columns of one run, not runs with each other.")
p("For reference, the log loss of the default weights and of each learner's true")
p("weights on the same items: %s." % "; ".join(
    "%s %.5f / %.5f" % (r["learner"], r["logloss_default"], r["logloss_true"]) for r in rows))
p("whose's own scoring of its fit (`fitted.log_loss`) against fsrs-rs's evaluate of")
p("the same weights: %s." % "; ".join(
    "%s %.6f / %.6f" % (r["learner"], r["whose_own_logloss"], r["logloss_whose"]) for r in rows))
p("")
p("Machine: %s CPUs (`nproc`), %s; node %s. Load average (1, 5, 15 min) before the"
  % (os.environ["CORES"], os.environ["CPU"], data["node"]))
p("runs: %s." % os.environ["LOAD"])
section = "\n".join(out) + "\n"

path = sys.argv[2]
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
lines = text.split("\n")
start = next((i for i, l in enumerate(lines) if l == "## Parameter optimizer"), None)
if start is None:
    text = text.rstrip("\n") + "\n\n" + section
else:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    rest = "\n".join(lines[end:])
    text = "\n".join(lines[:start]) + "\n" + section + ("\n" + rest if rest else "")
open(path, "w").write(text)
print(section)
sys.exit(0 if worst <= 1.01 else 1)
PY
