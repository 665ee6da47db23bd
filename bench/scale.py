#!/usr/bin/env python3
"""Scale benchmarks of whose: 10,000, 100,000 and 1,000,000 questions.

Usage: bench/scale.py [--sizes 10000,100000,1000000] [--quick] [--regen]
                      [--no-write] [--no-profile] [--report-only]

Run by bench/run (which builds first).  Steps:

1. Data, cached in bench/data/scale/ (regenerated when the generators
   change, or with --regen): for each size N a bank (bench/gen_bank.py N,
   seed 1, 16 topics) in a folder of its own, imported into a database by
   the start-up sync of whose (WHOSE_BANK=that folder), then given 10 x N
   reviews of history by bench/scale_gen.py (10,000,000 for 1,000,000
   cards).  Each benchmark works on a fresh copy of that database.
2. Import: `whose import` of the bank into a new database against
   `sqlite3 .import` of the same file; bench/import-bench.sh for 100,000
   (which also rewrites its own '## Bank import' section), the same method
   here for the other sizes.
3. Start-up: from spawn until the first question's prompt line arrives on
   a pipe (plain mode, `whose --plain review`), against `sqlite3 DB 'select
   1'` spawn to exit, interleaved, median of 15.
4. `whose stats`, spawn to exit, median of 7.
5. A plain-mode session answering 500 questions from a scripted input:
   (total - start-up) / answers, median of 3 runs.
6. bench/queue_bench.c: session_next, session_progress and session_rate
   timed one by one in one process, 3 runs x 1000 questions, pooled; and
   one run without session_progress, as a diagnostic.
7. Peak RSS under /usr/bin/time -f %M (python's wait4 would report
   python's own RSS: a spawned child starts as a copy of its parent).
8. Diagnostics: bench/sqltrace.c (LD_PRELOAD) times every SQL statement of
   start-up, a session, stats and an import; EXPLAIN QUERY PLAN of each;
   and for every target missed, a perf profile of the operation.

Writes the '## Scale' section of bench/RESULTS.md (nothing else; the
'## Bank import' section is bench/import-bench.sh's) and
bench/plot-scale.svg, and keeps the measurements in
bench/data/scale/last-run.json.  --quick: fewer runs, for trying the
script; --report-only: write the section and the plot again from
last-run.json, measuring nothing.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# WHOSE_BUILD: the meson build folder (configured with -Dbench=true) whose
# whose, bench/queue_bench and bench/sqltrace.so are timed; WHOSE_BENCH_DATA:
# where the data and the copies live (the bench test suite keeps its own).
BUILD = os.environ.get("WHOSE_BUILD") or os.path.join(ROOT, "build")
DATA = os.environ.get("WHOSE_BENCH_DATA") or os.path.join(HERE, "data", "scale")
RESULTS = os.path.join(HERE, "RESULTS.md")
PLOT = os.path.join(HERE, "plot-scale.svg")
NOW = "2026-06-01T12:00:00Z"
REVIEWS_PER_CARD = 10
TIME = "/usr/bin/time"
SEED = 1
TOPICS = 16

# Targets.
T_IMPORT_S = 1.0          # import of 100,000 questions
T_IMPORT_RATIO = 1.5      # whose import / sqlite3 .import (issue 31)
T_START_MS = 20.0         # start to first question, 100,000 questions
T_START_RATIO = 1.5       # / sqlite3 DB 'select 1', at 100,000 and 1,000,000 (issue 31)
T_OP_MS = 1.0             # next card, record answer, 1,000,000 cards
T_FLAT = 2.0              # 1,000,000 figure / 10,000 figure (medians, and p99 of answer and count)
T_MAX_MS = 50.0           # the slowest answer and count at 1,000,000 (no checkpoint on the path)
T_STATS_MS = 200.0        # whose stats, 10,000,000 reviews
T_RSS_MB = 20.0           # peak RSS, every size


def log(msg):
    print(msg, flush=True)


def fmt_n(n):
    return format(n, ",")


def sha_of(*paths):
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def rmdb(path):
    for suf in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(path + suf)
        except FileNotFoundError:
            pass


class Run:
    def __init__(self, secs, rss_kb, rc, cpu):
        self.secs, self.rss_kb, self.rc, self.cpu = secs, rss_kb, rc, cpu


def measure(argv, env, stdin_path=None, stdout_path=None, timeout=600, rss=False):
    """Spawn ARGV, wait for it; wall time (fork to reaped), exit code and
    CPU time of the child (wait4).  With RSS, ARGV runs under
    /usr/bin/time -f %M and Run.rss_kb is its peak RSS (else None: the
    ru_maxrss of a child spawned by python holds python's own RSS, since
    the child starts as a copy of it)."""
    fi = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fo = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    rss_file = None
    if rss:
        fd, rss_file = tempfile.mkstemp(prefix="rss", dir=DATA)
        os.close(fd)
        argv = [TIME, "-f", "%M", "-o", rss_file] + list(argv)
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=fi, stdout=fo, stderr=err, env=env)
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdin_path:
            fi.close()
        if stdout_path:
            fo.close()
    if p.returncode != 0:
        err.seek(0)
        sys.exit("scale: %s failed (exit %d): %s" % (" ".join(argv), p.returncode,
                                                    err.read().decode(errors="replace")[-2000:]))
    err.close()
    rss_kb = None
    if rss_file:
        with open(rss_file) as f:
            rss_kb = int(f.read().split()[-1])
        os.unlink(rss_file)
    return Run(t1 - t0, rss_kb, p.returncode, ru.ru_utime + ru.ru_stime)


def startup_once(argv, env):
    """Spawn ARGV with pipes; seconds until the first prompt line arrives,
    then close its input (end of input ends the session) and reap it."""
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=err, env=env)
    timer = threading.Timer(120, p.kill)
    timer.start()
    t1 = None
    lines = []
    while True:
        line = p.stdout.readline()
        if not line:
            break
        if line.startswith(b"answer>") or line.startswith(b"turn>"):
            t1 = time.perf_counter()
            break
        lines.append(line)
    p.stdin.close()
    p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    if t1 is None or p.returncode != 0:
        err.seek(0)
        sys.exit("scale: no first question from %s (exit %d): %s\n%s" % (
            " ".join(argv), p.returncode, err.read().decode(errors="replace")[-2000:],
            b"".join(lines).decode(errors="replace")[-2000:]))
    first = ""
    for i, ln in enumerate(lines):
        # The progress line: "[1 of 20] ..." or "[211 left: ...] TOPIC".
        if re.match(rb"\[(1 of |\d+ left)", ln) and i + 1 < len(lines) and not first:
            first = lines[i + 1].decode(errors="replace").strip()
    return Run(t1 - t0, None, 0, ru.ru_utime + ru.ru_stime), first


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def pctl(sorted_xs, p):
    """Nearest-rank percentile of a sorted list."""
    if not sorted_xs:
        return float("nan")
    k = max(1, min(len(sorted_xs), int(p / 100.0 * len(sorted_xs) + 0.999999)))
    return sorted_xs[k - 1]


class Bench:
    def __init__(self, args):
        self.a = args
        self.sizes = args.sizes
        self.whose = os.path.join(DATA, "whose")
        self.qbench = os.path.join(DATA, "queue_bench")
        self.trace_so = os.path.join(DATA, "sqltrace.so")
        self.r = {n: {} for n in self.sizes}    # results per size
        self.notes = []
        self.profiles = []
        self.traces = {}                         # (path, n) -> {sql: (runs, total_ns, max)}
        self.plans = {}
        self.incl = {}                           # profile label -> [(inclusive %, symbol)]
        self.selfsum = {}                        # profile label -> self time by object

    # ---- set-up -------------------------------------------------------

    def env(self, n, now=NOW, extra=None):
        e = {k: v for k, v in os.environ.items()
             if not k.startswith("WHOSE_") and k not in ("LD_PRELOAD", "SQLTRACE_OUT", "QB_RAW")}
        e.update(TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8", WHOSE_NOW=now,
                 WHOSE_SEED="1", WHOSE_BANK=self.bank_dir(n))
        if extra:
            e.update(extra)
        return e

    def bank_dir(self, n):
        return os.path.join(DATA, "bank-%d" % n)

    def bank(self, n):
        return os.path.join(self.bank_dir(n), "bank.csv")

    def base(self, n):
        return os.path.join(DATA, "base-%d.db" % n)

    def work(self, n):
        return os.path.join(DATA, "work-%d.db" % n)

    def setup(self):
        os.makedirs(DATA, exist_ok=True)
        src = os.path.join(BUILD, "whose")
        progs = [(os.path.join(BUILD, "bench", "queue_bench"), self.qbench),
                 (os.path.join(BUILD, "bench", "sqltrace.so"), self.trace_so)]
        if not os.path.exists(src):
            sys.exit("scale: %s missing: run 'ninja -C %s'" % (src, BUILD))
        for built, _ in progs:
            if not os.path.exists(built):
                sys.exit("scale: %s missing: configure with the benchmarks on"
                         " (meson configure %s -Dbench=true) and build" % (built, BUILD))
        # Time a copy, so that a rebuild during the run cannot mix versions.
        self.bin_date = datetime.datetime.fromtimestamp(
            os.path.getmtime(src), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        shutil.copy2(src, self.whose)
        for built, copy in progs:
            shutil.copy2(built, copy)
        self.have_perf = shutil.which("perf") is not None

    def data(self):
        gen_sha = sha_of(os.path.join(HERE, "gen_bank.py"))
        hist_sha = sha_of(os.path.join(HERE, "scale_gen.py"))
        for n in self.sizes:
            stamp_path = os.path.join(DATA, "base-%d.json" % n)
            want = {"gen_bank": gen_sha, "scale_gen": hist_sha, "n": n, "seed": SEED,
                    "topics": TOPICS, "reviews": REVIEWS_PER_CARD * n, "now": NOW}
            try:
                have = json.load(open(stamp_path))
            except (OSError, ValueError):
                have = {}
            bank = self.bank(n)
            if (self.a.regen or not os.path.exists(bank) or not os.path.exists(self.base(n))
                    or {k: have.get(k) for k in want} != want
                    or have.get("bank_stat") != self.bank_stat(n)):
                self.generate(n, want, stamp_path)
            else:
                log("== data for %s questions: cached (%s)" % (fmt_n(n), self.base(n)))
            self.r[n]["db_bytes"] = os.path.getsize(self.base(n))
            self.r[n]["bank_bytes"] = os.path.getsize(bank)

    def bank_stat(self, n):
        st = os.stat(self.bank(n))
        return [st.st_size, st.st_mtime_ns]

    def generate(self, n, want, stamp_path):
        log("== generating data for %s questions" % fmt_n(n))
        os.makedirs(self.bank_dir(n), exist_ok=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(HERE, "gen_bank.py"), str(n), "--seed",
                        str(SEED), "--topics", str(TOPICS), "--out", self.bank(n)], check=True)
        t1 = time.perf_counter()
        tmp = os.path.join(DATA, "gen-%d.db" % n)
        rmdb(tmp)
        # The start-up sync imports the bank folder and remembers it.
        measure([self.whose, "--db", tmp, "stats"], self.env(n))
        t2 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(HERE, "scale_gen.py"), tmp, "--reviews",
                        str(REVIEWS_PER_CARD * n), "--now", NOW, "--seed", str(SEED)], check=True)
        t3 = time.perf_counter()
        rmdb(self.base(n))
        os.replace(tmp, self.base(n))
        rmdb(tmp)
        want = dict(want, bank_stat=self.bank_stat(n))
        with open(stamp_path, "w") as f:
            json.dump(want, f)
        log("   bank %.1f s, import %.1f s, history %.1f s" % (t1 - t0, t2 - t1, t3 - t2))

    def prepare(self):
        """Bring each base up to the schema of this whose (a migration, if
        any, is then not timed) and note what happened."""
        for n in self.sizes:
            v0 = self.user_version(self.base(n))
            run = measure([self.whose, "--db", self.base(n), "stats"], self.env(n))
            v1 = self.user_version(self.base(n))
            fp = subprocess.run(["sqlite3", self.base(n), "SELECT value FROM settings WHERE"
                                 " key = 'bank.bundled.fingerprint'"], capture_output=True,
                                text=True).stdout.strip()
            self.r[n]["schema"] = v1
            if v0 != v1:
                self.notes.append("The cached %s-question database was migrated from schema %d to %d"
                                  " before the runs (%.1f s, not timed)." % (fmt_n(n), v0, v1, run.secs))
            log("== base %s: schema %d -> %d, bank fingerprint %s, %.0f ms"
                % (fmt_n(n), v0, v1, fp, run.secs * 1e3))
            rmdb(self.work(n))

    def user_version(self, db):
        out = subprocess.run(["sqlite3", db, "PRAGMA user_version"], capture_output=True, text=True)
        return int(out.stdout.strip() or 0)

    def fresh_work(self, n):
        rmdb(self.work(n))
        shutil.copyfile(self.base(n), self.work(n))
        for suf in ("-wal",):
            if os.path.exists(self.base(n) + suf):
                shutil.copyfile(self.base(n) + suf, self.work(n) + suf)
        return self.work(n)

    def count(self, db, sql):
        out = subprocess.run(["sqlite3", db, sql], capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def describe_data(self):
        for n in self.sizes:
            db = self.base(n)
            row = self.count(db, "SELECT (SELECT count(*) FROM cards WHERE queue = 0),"
                             " (SELECT count(*) FROM cards WHERE queue = 1),"
                             " (SELECT count(*) FROM cards WHERE queue = 2),"
                             " (SELECT count(*) FROM cards WHERE queue = -1),"
                             " (SELECT count(*) FROM reviews),"
                             " (SELECT count(*) FROM cards WHERE queue = 2 AND due < %d),"
                             " (SELECT count(*) FROM reviews WHERE reviewed_at >= %d)"
                             % (self.ms(NOW), self.ms(NOW) - 28 * 86400000))
            q0, q1, q2, qh, nrev, overdue, recent = (int(x) for x in row.split("|"))
            self.r[n]["mix"] = dict(new=q0, learning=q1, review=q2, out=qh, reviews=nrev,
                                    overdue=overdue, recent=recent)

    @staticmethod
    def ms(iso):
        d = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
        return int(d.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)

    # ---- measurements -------------------------------------------------

    def import_bench(self):
        rounds = 1 if self.a.quick else 3
        for n in self.sizes:
            if n == 100000 and not self.a.quick:
                self.import_bench_script(n)
                continue
            fresh = os.path.join(DATA, "import.db")
            fresh2 = os.path.join(DATA, "import2.db")
            out = os.path.join(DATA, "out.txt")
            subprocess.run(["cat", self.bank(n)], stdout=subprocess.DEVNULL, check=True)
            w, s = [], []
            for _ in range(rounds):
                rmdb(fresh)
                run = measure([self.whose, "--db", fresh, "import", self.bank(n)],
                              self.env(n), stdout_path=out, rss=True)
                msg = open(out).read().strip()
                if msg != "%d added, 0 updated, 0 unchanged, 0 retired" % n:
                    sys.exit("scale: whose import reported '%s'" % msg)
                w.append(run)
                rmdb(fresh2)
                s.append(measure(["sqlite3", fresh2, ".mode csv", ".import %s plain" % self.bank(n)],
                                 self.env(n), rss=True))
                rows = self.count(fresh2, "SELECT count(*) FROM plain")
                if rows != str(n):
                    sys.exit("scale: sqlite3 .import loaded %s rows" % rows)
                log("   import %s: whose %.3f s (%d KB), sqlite3 %.3f s"
                    % (fmt_n(n), run.secs, run.rss_kb, s[-1].secs))
            rmdb(fresh)
            rmdb(fresh2)
            self.r[n]["import"] = dict(whose=[x.secs for x in w], sqlite=[x.secs for x in s],
                                       rss=[x.rss_kb for x in w], how="bench/scale.py")

    def import_bench_script(self, n):
        env = dict(os.environ, NO_BUILD="1", WHOSE=self.whose)
        log("== bench/import-bench.sh %d" % n)
        p = subprocess.run([os.path.join(HERE, "import-bench.sh"), str(n)], env=env,
                           capture_output=True, text=True)
        sys.stdout.write(p.stdout)
        if p.returncode != 0:
            sys.exit("scale: bench/import-bench.sh failed: %s" % p.stderr[-2000:])
        w, s, rss = [], [], []
        for m in re.finditer(r"round \d+: whose ([\d.]+) s \(CPU [\d.]+ s, (\d+) KB\)\s+"
                             r"sqlite3 ([\d.]+) s", p.stdout):
            w.append(float(m.group(1)))
            rss.append(int(m.group(2)))
            s.append(float(m.group(3)))
        if not w:
            sys.exit("scale: cannot read the output of bench/import-bench.sh")
        # import-bench.sh's RSS figures come from python's wait4: take ours.
        fresh = os.path.join(DATA, "import.db")
        rmdb(fresh)
        run = measure([self.whose, "--db", fresh, "import", self.bank(n)], self.env(n), rss=True)
        rmdb(fresh)
        self.r[n]["import"] = dict(whose=w, sqlite=s, rss=[run.rss_kb], how="bench/import-bench.sh")

    def startup(self):
        runs = 5 if self.a.quick else 15
        for n in self.sizes:
            db = self.fresh_work(n)
            env = self.env(n)
            argv = [self.whose, "--db", db, "--plain", "review"]
            subprocess.run(["cat", db], stdout=subprocess.DEVNULL, check=True)
            # Untimed warm-up of both; the peak RSS of whose from three
            # runs under /usr/bin/time with no input (first question, then
            # end of input).
            rss = [measure(argv, env, rss=True).rss_kb for _ in range(3)]
            startup_once(argv, env)
            measure(["sqlite3", db, "select 1"], env)
            w, s, firsts = [], [], set()
            for _ in range(runs):
                run, first = startup_once(argv, env)
                w.append(run)
                firsts.add(first)
                s.append(measure(["sqlite3", db, "select 1"], env))
            self.r[n]["startup"] = dict(whose=[x.secs for x in w], sqlite=[x.secs for x in s],
                                        cpu=[x.cpu for x in w], sqlite_cpu=[x.cpu for x in s],
                                        rss=rss, first=sorted(firsts))
            log("== start-up %s: whose %.1f ms, sqlite3 select 1 %.1f ms, first question: %s"
                % (fmt_n(n), med([x.secs for x in w]) * 1e3, med([x.secs for x in s]) * 1e3,
                   " / ".join(f[:50] for f in sorted(firsts))))

    def stats(self):
        runs = 3 if self.a.quick else 7
        for n in self.sizes:
            db = self.work(n)
            env = self.env(n)
            out = os.path.join(DATA, "stats-%d.txt" % n)
            rss = [measure([self.whose, "--db", db, "stats"], env, stdout_path=out, rss=True).rss_kb]
            w = [measure([self.whose, "--db", db, "stats"], env, stdout_path=out)
                 for _ in range(runs)]
            text = open(out).read()
            if "True retention" not in text:
                sys.exit("scale: unexpected output of whose stats:\n" + text[:2000])
            self.r[n]["stats"] = dict(whose=[x.secs for x in w], rss=rss,
                                      cpu=[x.cpu for x in w])
            log("== stats %s: %.1f ms" % (fmt_n(n), med([x.secs for x in w]) * 1e3))

    def plain_session(self):
        runs = 1 if self.a.quick else 3
        limit = 500
        # Every prompt accepts one of these lines: who and choice 'c', a
        # multi its two or three letters ('a c', 'a b c'), truefalse 't',
        # sort one letter per item (3 to 8 items, with or without
        # spaces), a card any line; a rating prompt Enter (the empty
        # line).  A line that does not fit gets a hint and the next one is
        # read.
        block = (["c", "t", "a c", "a b c"] + ["a" * k for k in range(3, 9)]
                 + [" ".join("a" * k) for k in range(3, 9)] + [""])
        inp = os.path.join(DATA, "answers.txt")
        with open(inp, "w") as f:
            f.write("\n".join(block * (limit * 3)) + "\n")
        for n in self.sizes:
            res = []
            for _ in range(runs):
                db = self.fresh_work(n)
                out = os.path.join(DATA, "session-%d.txt" % n)
                run = measure([self.whose, "--db", db, "--plain", "review", "--limit", str(limit)],
                              self.env(n), stdin_path=inp, stdout_path=out, rss=True)
                text = open(out, encoding="utf-8", errors="replace").read()
                answers = sum(1 for ln in text.splitlines() if ln.startswith("Saved:"))
                if answers == 0:
                    sys.exit("scale: the plain session answered nothing:\n" + text[-2000:])
                res.append((run, answers))
            st = med(self.r[n]["startup"]["whose"])
            per = [(run.secs - st) / k for run, k in res]
            self.r[n]["plain"] = dict(total=[run.secs for run, _ in res],
                                      answers=[k for _, k in res], per=per,
                                      rss=[run.rss_kb for run, _ in res])
            log("== plain session %s: %s answers, %.3f s; %.3f ms per answer"
                % (fmt_n(n), "/".join(str(k) for _, k in res), med([r.secs for r, _ in res]),
                   med(per) * 1e3))

    def queue(self):
        runs = 1 if self.a.quick else 3
        ops = 300 if self.a.quick else 1000
        for n in self.sizes:
            samples = {"next": [], "progress": [], "rate": [], "progress_cpu": [], "rate_cpu": []}
            per_run = []
            mixes = []
            for r in range(runs):
                db = self.fresh_work(n)
                raw = os.path.join(DATA, "queue-%d.raw" % n)
                env = dict(self.env(n), QB_RAW=raw)
                p = subprocess.run([self.qbench, db, NOW, str(ops), "8000", str(r + 1)],
                                   env=env, capture_output=True, text=True)
                if p.returncode != 0:
                    sys.exit("scale: queue_bench failed: %s" % p.stderr)
                j = json.loads(p.stdout)
                mixes.append(j)
                cols = {"next": [], "progress": [], "rate": [], "progress_cpu": [], "rate_cpu": []}
                with open(raw) as f:
                    for line in f:
                        for k, x in zip(("next", "progress", "rate", "progress_cpu", "rate_cpu"),
                                        line.split()):
                            cols[k].append(int(x) / 1e6)
                for k in samples:
                    samples[k] += cols[k]
                per_run.append({k: med(v) for k, v in cols.items()})
            out = {"runs": per_run, "ops": [m["ops"] for m in mixes],
                   "states": mixes[0]["states"]}
            for k, v in samples.items():
                v.sort()
                out[k] = dict(median=med(v), p90=pctl(v, 90), p99=pctl(v, 99), max=v[-1],
                              mean=sum(v) / len(v), n=len(v))
            self.r[n]["queue"] = out
            log("== queue %s: next %.3f ms (p99 %.3f), progress %.3f ms (p99 %.3f),"
                " rate %.3f ms (p99 %.3f), %s questions, states %s"
                % (fmt_n(n), out["next"]["median"], out["next"]["p99"],
                   out["progress"]["median"], out["progress"]["p99"],
                   out["rate"]["median"], out["rate"]["p99"], out["ops"], out["states"]))

    def queue_no_progress(self):
        """Diagnostic: the same session without session_progress between
        the questions, one run per size."""
        ops = 300 if self.a.quick else 1000
        for n in self.sizes:
            db = self.fresh_work(n)
            raw = os.path.join(DATA, "queue-np-%d.raw" % n)
            env = dict(self.env(n), QB_RAW=raw, QB_NO_PROGRESS="1")
            p = subprocess.run([self.qbench, db, NOW, str(ops), "8000", "1"], env=env,
                               capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit("scale: queue_bench failed: %s" % p.stderr)
            cols = {"next": [], "rate": []}
            with open(raw) as f:
                for line in f:
                    a, _, c = line.split()[:3]
                    cols["next"].append(int(a) / 1e6)
                    cols["rate"].append(int(c) / 1e6)
            out = {}
            for k, v in cols.items():
                v.sort()
                out[k] = dict(median=med(v), p99=pctl(v, 99), mean=sum(v) / len(v))
            self.r[n]["queue_np"] = out
            log("== queue without progress %s: next %.3f ms, rate %.3f ms"
                % (fmt_n(n), out["next"]["median"], out["rate"]["median"]))

    # ---- diagnostics --------------------------------------------------

    def trace(self):
        """Per-statement SQL time (bench/sqltrace.c) of start-up, a session
        and stats, and EXPLAIN QUERY PLAN of every statement seen."""
        runs = 2 if self.a.quick else 5
        for n in self.sizes:
            db = self.fresh_work(n)
            out = os.path.join(DATA, "trace.tsv")
            env = self.env(n, extra={"LD_PRELOAD": self.trace_so, "SQLTRACE_OUT": out})
            for path, argv, k in (
                    ("start-up", [self.whose, "--db", db, "--plain", "review"], runs),
                    ("stats", [self.whose, "--db", db, "stats"], max(2, runs // 2))):
                if os.path.exists(out):
                    os.unlink(out)
                for _ in range(k):
                    measure(argv, env)
                self.traces[(path, n)] = self.read_trace(out, k)
            # A session: 300 questions through queue_bench.
            if os.path.exists(out):
                os.unlink(out)
            env2 = dict(env)
            p = subprocess.run([self.qbench, db, NOW, "300", "8000", "9"], env=env2,
                               capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit("scale: queue_bench (traced) failed: %s" % p.stderr)
            ops = json.loads(p.stdout)["ops"]
            self.traces[("answer", n)] = self.read_trace(out, ops)
        # An import of 100,000 questions into a new database.
        if 100000 in self.sizes:
            fresh = os.path.join(DATA, "import.db")
            rmdb(fresh)
            out = os.path.join(DATA, "trace.tsv")
            if os.path.exists(out):
                os.unlink(out)
            measure([self.whose, "--db", fresh, "import", self.bank(100000)],
                    self.env(100000, extra={"LD_PRELOAD": self.trace_so, "SQLTRACE_OUT": out}))
            self.traces[("import", 100000)] = self.read_trace(out, 1)
            rmdb(fresh)
        # The plans, on the largest database.
        n = max(self.sizes)
        db = self.work(n)
        seen = set()
        for (path, _), tr in sorted(self.traces.items()):
            for sql in tr:
                if sql.startswith("(") or sql in seen:
                    continue
                seen.add(sql)
                self.plans[sql] = self.plan(db, sql)

    def read_trace(self, path, runs):
        res = {}
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t", 4)
                if len(parts) != 5:
                    continue
                r, steps, total, mx, sql = int(parts[0]), int(parts[1]), int(parts[2]), int(parts[3]), parts[4]
                e = res.setdefault(sql, [0, 0, 0])
                e[0] += r
                e[1] += total
                e[2] = max(e[2], mx)
        # Per process (or per question for a session): runs and ms.
        return {sql: (e[0] / runs, e[1] / runs / 1e6, e[2] / 1e6) for sql, e in res.items()}

    def plan(self, db, sql):
        if not re.match(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)", sql, re.I):
            return None
        p = subprocess.run(["sqlite3", "-readonly", db, "EXPLAIN QUERY PLAN " + sql],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return ["(%s)" % p.stderr.strip()]
        return [ln.strip("|`- ") for ln in p.stdout.splitlines()
                if ln.strip() and ln.strip() != "QUERY PLAN"]

    def stmt_names(self):
        """A pattern per entry of store_sql (src/core/store.c): its string
        literals in order, anything for a macro between them."""
        try:
            src = open(os.path.join(ROOT, "src", "core", "store.c")).read()
        except OSError:
            return []
        start = src.find("store_sql[")
        if start < 0:
            return []
        block = src[start:src.find("};", start)]
        block = re.sub(r"/\*.*?\*/", "", block, flags=re.S)
        parts = re.split(r"\[(STMT_[A-Z0-9_]+)\]\s*=", block)
        pats = []
        for name, expr in zip(parts[1::2], parts[2::2]):
            rx, lits = "", 0
            for lit, ident in re.findall(r'"((?:[^"\\]|\\.)*)"|([A-Za-z_]\w*(?:\([^)]*\))?)', expr):
                if lit:
                    lit = lit.replace('\\"', '"').replace("\\\\", "\\")
                    rx += re.escape(lit)
                    lits += len(lit)
                elif ident:
                    rx += ".*?"
            if rx:
                pats.append((re.compile("^" + rx + "$", re.S), name, lits))
        return pats

    def name_of(self, sql, pats):
        best = None
        for rx, name, lits in pats:
            if rx.match(sql) and (best is None or lits > best[1]):
                best = (name, lits)
        if best:
            return best[0]
        if sql.startswith("PRAGMA") or "sqlite_master" in sql:
            return "(open)"
        return "(other)"

    def perf_profile(self, label, argv, env, comm, repeat=1, freq=999):
        """perf record --call-graph dwarf over ARGV (REPEAT times in a shell
        loop): the top self-time symbols, and the inclusive time of the
        functions on the way (whose's own, SQLite's and libc's)."""
        if not self.have_perf:
            self.profiles.append((label, "perf is not installed (apt-get install linux-perf)", ""))
            return
        data = os.path.join(DATA, "perf.data")
        if repeat > 1:
            cmd = 'for i in $(seq %d); do "$@" </dev/null >/dev/null; done' % repeat
            rec_argv = ["sh", "-c", cmd, "sh"] + argv
        else:
            rec_argv = argv
        log("   perf: %s" % label)
        p = subprocess.run(["perf", "record", "-q", "-F", str(freq), "--call-graph", "dwarf,16384",
                            "-o", data, "--"] + rec_argv,
                           env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            self.profiles.append((label, "perf record failed: %s" % p.stderr.strip()[-500:], ""))
            return
        flat = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "-g", "none",
                               "--comm", comm, "--sort", "dso,symbol", "--percent-limit", "1.5"],
                              capture_output=True, text=True).stdout
        incl = subprocess.run(["perf", "report", "-i", data, "--children", "--stdio", "-g", "none",
                               "--comm", comm, "--sort", "symbol", "--percent-limit", "2"],
                              capture_output=True, text=True).stdout
        skip = re.compile(r"\] (0x[0-9a-f]+|_start|main|__libc_start\w*|__libc_start_main_impl \(inlined\))\s")

        def keep(text, limit, inclusive):
            rows = []
            for ln in text.splitlines():
                if not ln.strip() or ln.startswith("#") or "%" not in ln:
                    continue
                if inclusive and (skip.search(ln) or "[k]" in ln):
                    continue
                rows.append(re.sub(r"(\s+-)+\s*$", "", ln.rstrip()))
            return "\n".join(rows[:limit])
        # (--comm with --sort dso drops some objects: filter the comm here.)
        bydso = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "-g", "none",
                                "--sort", "comm,dso"], capture_output=True, text=True).stdout
        allsym = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "-g", "none",
                                 "--comm", comm, "--sort", "dso,symbol", "--percent-limit", "0.05"],
                                capture_output=True, text=True).stdout
        dsos = [(float(m.group(1)), m.group(3)) for m in re.finditer(
            r"^\s*([\d.]+)%\s+(\S+)\s+(\S+)", bydso, re.M) if m.group(2) == comm]
        tot = sum(pc for pc, _ in dsos) or 1.0
        dsos = sorted(((pc * 100.0 / tot, d) for pc, d in dsos), reverse=True)
        conv = sum(float(m.group(1)) for m in re.finditer(
            r"^\s*([\d.]+)%\s+libc\S*\s+\[\.\]\s+\S*(printf_fp|hack_digit|__mpn_|strtod|vfprintf|"
            r"_IO_default_xsputn|strchrnul|_IO_str)", allsym, re.M))
        self.selfsum[label] = dict(dso=dsos[:6], conv=conv)
        summary = "self time by object (%% of this process's samples): %s; in libc, numbers to and " \
                  "from text (printf_fp, hack_digit, mpn_divrem, strtod, vfprintf...): %.1f%% of all samples" % (
                      ", ".join("%s %.1f%%" % (d, pc) for pc, d in dsos[:6]), conv)
        self.profiles.append((label, summary + "\n" + keep(flat, 14, False), keep(incl, 22, True)))
        self.incl[label] = [(float(m.group(1)), m.group(2)) for m in re.finditer(
            r"^\s*([\d.]+)%\s+[\d.]+%\s+\[\.\]\s+(\S+)", incl, re.M)]
        os.unlink(data)

    def profile_failures(self):
        """A perf profile for each target missed (and for the count shown
        with every question when it takes over 1 ms: it is on the path of
        every question, though no target names it)."""
        if self.a.no_profile:
            return
        big = max(self.sizes)
        done = set()
        todo = [k for k, ok in self.verdicts.items() if ok is False]
        if big in self.r and self.r[big]["queue"]["progress"]["median"] > T_OP_MS:
            todo.append("progress")
        for key in todo:
            if key in ("startup", "startup_ratio") and 100000 in self.sizes and "startup" not in done:
                done.add("startup")
                db = self.fresh_work(100000)
                self.perf_profile("start-up to the first question, 100,000 questions (50 runs)",
                                  [self.whose, "--db", db, "--plain", "review"], self.env(100000),
                                  "whose", repeat=50, freq=2999)
            elif key in ("next", "rate", "next_flat", "rate_flat", "progress") and "queue" not in done:
                done.add("queue")
                db = self.fresh_work(big)
                self.perf_profile("a session of 300 questions at %s cards (queue_bench: next, progress, rate)"
                                  % fmt_n(big), [self.qbench, db, NOW, "300", "8000", "5"],
                                  self.env(big), "queue_bench")
            elif key == "stats" and "stats" not in done:
                done.add("stats")
                db = self.fresh_work(big)
                self.perf_profile("whose stats, %s cards and %s reviews (3 runs)"
                                  % (fmt_n(big), fmt_n(REVIEWS_PER_CARD * big)),
                                  [self.whose, "--db", db, "stats"], self.env(big), "whose",
                                  repeat=3, freq=499)
            elif key in ("import", "import_ratio") and 100000 in self.sizes and "import" not in done:
                done.add("import")
                db = os.path.join(DATA, "import.db")
                rmdb(db)
                self.perf_profile("whose import of 100,000 questions, fresh database",
                                  [self.whose, "--db", db, "import", self.bank(100000)],
                                  self.env(100000), "whose", freq=499)
                rmdb(db)

    # ---- verdicts and report -----------------------------------------

    def judge(self):
        v = {}
        r = self.r
        if 100000 in r and "import" in r[100000]:
            im = r[100000]["import"]
            v["import"] = med(im["whose"]) < T_IMPORT_S
            v["import_ratio"] = med(im["whose"]) / med(im["sqlite"]) <= T_IMPORT_RATIO
        if 100000 in r:
            su = r[100000]["startup"]
            v["startup"] = med(su["whose"]) * 1e3 < T_START_MS
            v["startup_ratio"] = med(su["whose"]) / med(su["sqlite"]) <= T_START_RATIO
        big, small = max(self.sizes), min(self.sizes)
        if big == 1000000:
            for op in ("next", "rate"):
                v[op] = r[big]["queue"][op]["median"] < T_OP_MS
                if small == 10000:
                    v[op + "_flat"] = (r[big]["queue"][op]["median"]
                                       <= T_FLAT * r[small]["queue"][op]["median"])
            # Flat tails: no answer waits on a checkpoint, no count reads
            # every due card.
            for op in ("rate", "progress"):
                qb = r[big]["queue"][op]
                if small == 10000:
                    v[op + "_p99_flat"] = qb["p99"] <= T_FLAT * r[small]["queue"][op]["p99"]
                v[op + "_max"] = qb["max"] < T_MAX_MS
            if 100000 in r:
                su = r[big]["startup"]
                v["startup_ratio_big"] = med(su["whose"]) / med(su["sqlite"]) <= T_START_RATIO
            v["stats"] = med(r[big]["stats"]["whose"]) * 1e3 < T_STATS_MS
        v["rss"] = all(self.peak_rss(n)[0] / 1024 < T_RSS_MB for n in self.sizes)
        self.verdicts = v
        # Not targets, shown beside them: the p99 under the same 1 ms.
        self.tail = {}
        if big == 1000000:
            for op in ("next", "rate"):
                self.tail[op] = r[big]["queue"][op]["p99"] < T_OP_MS

    def peak_rss(self, n):
        """The largest peak RSS of a whose process at size N, in KB, and
        which command."""
        best = (0, "")
        r = self.r[n]
        for key, what in (("import", "import"), ("startup", "start-up"), ("stats", "stats"),
                          ("plain", "plain session")):
            if key in r and r[key].get("rss"):
                m = max(r[key]["rss"])
                if m > best[0]:
                    best = (m, what)
        return best

    def machine(self):
        if getattr(self, "saved_machine", None):
            return self.saved_machine

        def sh(cmd):
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        cpu = sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1")
        mem = int(sh("sed -n 's/^MemTotal:[[:space:]]*\\([0-9]*\\) kB/\\1/p' /proc/meminfo") or 0)
        fs = sh("df -PT %s | awk 'NR == 2 { print $2 }'" % DATA)
        commit = sh("git -C %s rev-parse --short HEAD" % ROOT) or "unknown"
        if sh("git -C %s status --porcelain -- src include" % ROOT):
            commit += " + uncommitted changes in src/ or include/"
        try:
            o = {x["name"]: x["value"] for x in json.load(open(os.path.join(
                BUILD, "meson-info", "intro-buildoptions.json")))}
            build = "%s, -O%s" % (o.get("buildtype"), o.get("optimization"))
        except Exception:
            build = "unknown"
        return dict(nproc=os.cpu_count(), cpu=cpu, mem_gib=mem / 1048576, kernel=os.uname().release,
                    fs=fs, sqlite=sh("sqlite3 --version").split(" ")[0],
                    python=sys.version.split()[0], cc=sh("cc --version | head -1"),
                    commit=commit, build=build)

    def report(self, t_start, load_before):
        r, v = self.r, self.verdicts
        m = self.machine()
        pf = lambda ok: "n/a" if ok is None else "**PASS**" if ok else "**FAIL**"
        sizes = self.sizes
        hdr = "| Measure | " + " | ".join(fmt_n(n) for n in sizes) + " | Target | Result |"
        sep = "|---|" + "---:|" * len(sizes) + "---|---|"

        def row(label, cells, target="", result=""):
            return "| %s | %s | %s | %s |" % (label, " | ".join(cells), target, result)

        def cell(n, f):
            try:
                return f(r[n])
            except (KeyError, TypeError, ValueError, ZeroDivisionError, statistics.StatisticsError):
                return "-"
        ms = lambda x: "%.1f ms" % (x * 1e3) if x * 1e3 >= 10 else "%.2f ms" % (x * 1e3)
        L = []
        L.append("## Scale")
        L.append("")
        L.append("`bench/run`, %s; whose at %s, binary built %s (%s build). "
                 "Whole `bench/run` took %.1f min (data %s)." % (
                     self.date, m["commit"], self.bin_date, m["build"],
                     (time.perf_counter() - t_start) / 60, self.data_note))
        L.append("")
        L.append("Data (bench/data/scale/, cached between runs): for each size a bank from "
                 "`bench/gen_bank.py N --seed 1 --topics 16`, imported by the start-up sync of "
                 "whose (`WHOSE_BANK` = its folder, so later starts find it unchanged), then "
                 "given a study history by `bench/scale_gen.py` (10 reviews per question, in "
                 "time order over 3 years up to %s, cards in every state, topic counters "
                 "consistent with the log). Every run works on a fresh copy; `TZ=UTC "
                 "WHOSE_NOW=%s WHOSE_SEED=1`." % (NOW, NOW))
        L.append("")
        L.append(hdr)
        L.append(sep)
        L.append(row("Bank file", [cell(n, lambda x: "%.1f MB" % (x["bank_bytes"] / 1e6)) for n in sizes]))
        L.append(row("Cards new / learning / review / suspended or hidden",
                     [cell(n, lambda x: "%s / %s / %s / %s" % tuple(fmt_n(x["mix"][k]) for k in
                                                                 ("new", "learning", "review", "out")))
                      for n in sizes]))
        L.append(row("Reviews in the log; of them in the last 28 days; cards overdue at the start",
                     [cell(n, lambda x: "%s; %s; %s" % (fmt_n(x["mix"]["reviews"]), fmt_n(x["mix"]["recent"]),
                                                        fmt_n(x["mix"]["overdue"])))
                      for n in sizes]))
        L.append(row("Database size", [cell(n, lambda x: "%.0f MB" % (x["db_bytes"] / 1e6)) for n in sizes]))
        L.append(row("`whose import`, fresh database, median",
                     [cell(n, lambda x: "%.3f s" % med(x["import"]["whose"])) for n in sizes],
                     "under 1 s at 100,000", pf(v.get("import"))))
        L.append(row("`sqlite3 .import` of the same file, median",
                     [cell(n, lambda x: "%.3f s" % med(x["import"]["sqlite"])) for n in sizes]))
        L.append(row("Ratio whose / sqlite3",
                     [cell(n, lambda x: "%.2fx" % (med(x["import"]["whose"]) / med(x["import"]["sqlite"])))
                      for n in sizes], "at most %.1fx at 100,000" % T_IMPORT_RATIO, pf(v.get("import_ratio"))))
        L.append(row("Start to first question (plain), median of %d" % len(r[sizes[0]]["startup"]["whose"]),
                     [cell(n, lambda x: ms(med(x["startup"]["whose"]))) for n in sizes],
                     "under 20 ms at 100,000", pf(v.get("startup"))))
        L.append(row("Start to first question, fastest run; CPU time (to exit), median",
                     [cell(n, lambda x: "%s; %s" % (ms(min(x["startup"]["whose"])), ms(med(x["startup"]["cpu"]))))
                      for n in sizes]))
        L.append(row("`sqlite3 DB 'select 1'`, whole process, median",
                     [cell(n, lambda x: ms(med(x["startup"]["sqlite"]))) for n in sizes]))
        L.append(row("`sqlite3 DB 'select 1'`, fastest run; CPU time, median",
                     [cell(n, lambda x: "%s; %s" % (ms(min(x["startup"]["sqlite"])), ms(med(x["startup"]["sqlite_cpu"]))))
                      for n in sizes]))
        L.append(row("Ratio whose / sqlite3",
                     [cell(n, lambda x: "%.2fx" % (med(x["startup"]["whose"]) / med(x["startup"]["sqlite"])))
                      for n in sizes], "at most %.1fx at 100,000 and at 1,000,000" % T_START_RATIO,
                     "%s; %s" % (pf(v.get("startup_ratio")), pf(v.get("startup_ratio_big")))))
        q = lambda op: (lambda x: "%.3f / %.3f / %.3f / %.1f ms" % tuple(
            x["queue"][op][k] for k in ("median", "mean", "p99", "max")))
        flat = lambda op: ("" if not (1000000 in r and 10000 in r) else
                           "; 1,000,000 / 10,000 = %.2fx" % (r[1000000]["queue"][op]["median"] /
                                                             r[10000]["queue"][op]["median"]))
        L.append(row("Next card, `session_next`: median / mean / p99 / max", [cell(n, q("next")) for n in sizes],
                     "median under 1 ms at 1,000,000" + flat("next"),
                     "%s; flat: %s; (p99: %s)" % (pf(v.get("next")), pf(v.get("next_flat")),
                                                  pf(self.tail.get("next")))))
        L.append(row("Record an answer, `session_rate`: median / mean / p99 / max", [cell(n, q("rate")) for n in sizes],
                     "median under 1 ms at 1,000,000" + flat("rate"),
                     "%s; flat: %s; (p99: %s)" % (pf(v.get("rate")), pf(v.get("rate_flat")),
                                                  pf(self.tail.get("rate")))))
        L.append(row("Count shown with every question, `session_progress`: median / mean / p99 / max",
                     [cell(n, q("progress")) for n in sizes],
                     "none on the median (plain mode and the TUI call it for every question)" + flat("progress"), ""))
        tflat = lambda op: ("" if not (1000000 in r and 10000 in r) else
                            "; 1,000,000 / 10,000 = %.2fx" % (r[1000000]["queue"][op]["p99"] /
                                                              r[10000]["queue"][op]["p99"]))
        for op, what in (("rate", "record an answer"), ("progress", "the count")):
            L.append(row("Tail of %s: p99 / max (CPU time in the call: p99 / max)" % what,
                         [cell(n, lambda x: "%.3f / %.1f ms (%.3f / %.1f ms)" % (
                             x["queue"][op]["p99"], x["queue"][op]["max"],
                             x["queue"][op + "_cpu"]["p99"], x["queue"][op + "_cpu"]["max"]))
                          for n in sizes],
                         "p99 at 1,000,000 at most %.0fx the 10,000 one%s; max under %.0f ms at 1,000,000"
                         % (T_FLAT, tflat(op), T_MAX_MS),
                         "p99: %s; max: %s" % (pf(v.get(op + "_p99_flat")), pf(v.get(op + "_max")))))
        L.append(row("Diagnostic: the same session without `session_progress`, next / answer median (p99)",
                     [cell(n, lambda x: "%.3f (%.3f) / %.3f (%.3f) ms" % (
                         x["queue_np"]["next"]["median"], x["queue_np"]["next"]["p99"],
                         x["queue_np"]["rate"]["median"], x["queue_np"]["rate"]["p99"])) for n in sizes],
                     "none (1 run)" + ("" if not (1000000 in r and 10000 in r) else
                                       "; 1,000,000 / 10,000 = %.2fx / %.2fx" % (
                                           r[1000000]["queue_np"]["next"]["median"] /
                                           r[10000]["queue_np"]["next"]["median"],
                                           r[1000000]["queue_np"]["rate"]["median"] /
                                           r[10000]["queue_np"]["rate"]["median"])), ""))
        L.append(row("Per answer in a plain session, whole process, median of %d"
                     % len(r[sizes[0]]["plain"]["per"]),
                     [cell(n, lambda x: "%.3f ms" % (med(x["plain"]["per"]) * 1e3)) for n in sizes],
                     "none (cross-check)", ""))
        L.append(row("`whose stats`, median of %d" % len(r[sizes[0]]["stats"]["whose"]),
                     [cell(n, lambda x: ms(med(x["stats"]["whose"]))) for n in sizes],
                     "under 200 ms with 10,000,000 reviews", pf(v.get("stats"))))
        L.append(row("`whose stats`, fastest run; CPU time, median",
                     [cell(n, lambda x: "%s; %s" % (ms(min(x["stats"]["whose"])), ms(med(x["stats"]["cpu"]))))
                      for n in sizes]))
        L.append(row("Peak RSS of any whose process (which)",
                     [cell(n, lambda x: "%.1f MB (%s)" % (self.peak_rss(n)[0] / 1024, self.peak_rss(n)[1]))
                      for n in sizes], "under 20 MB at every size", pf(v.get("rss"))))
        L.append("")
        fails = [k for k, ok in v.items() if ok is False]
        names = self.names = {"import": "import under 1 s", "import_ratio": "import at most 1.5x sqlite3",
                 "startup": "start-up under 20 ms", "startup_ratio": "start-up at most 1.5x sqlite3 at 100,000",
                 "startup_ratio_big": "start-up at most 1.5x sqlite3 at 1,000,000",
                 "rate_p99_flat": "answer p99 flat in size", "rate_max": "answer max under 50 ms",
                 "progress_p99_flat": "count p99 flat in size", "progress_max": "count max under 50 ms",
                 "next": "next card under 1 ms", "next_flat": "next card flat in size",
                 "rate": "answer under 1 ms", "rate_flat": "answer flat in size",
                 "stats": "stats under 200 ms", "rss": "peak RSS under 20 MB"}
        L.append("Targets: %d of %d met. %s" % (
            sum(1 for ok in v.values() if ok), len(v),
            ("Missed: " + ", ".join(names[k] for k in fails) + ".") if fails else ""))
        L.append("")
        L.append("How each figure is taken (the timed binary is a copy of build/whose in "
                 "bench/data/scale/; every database file is in the page cache):")
        L.append("")
        L.append("- Import: whole process, fork to exit; 100,000 by `bench/import-bench.sh 100000` "
                 "(its '## Bank import' section has the details), the other sizes by the same "
                 "method in bench/scale.py (%d rounds)." % (len(r[sizes[0]]["import"]["whose"])
                                                          if "import" in r[sizes[0]] else 0))
        L.append("- Start-up: `whose --db DB --plain review` spawned with pipes (python "
                 "`subprocess`, `time.perf_counter`), timed until its first prompt line "
                 "(`answer>`), which comes after the first question; then its input is closed "
                 "and it exits. Against `sqlite3 DB 'select 1'`, spawn to exit, the two "
                 "interleaved, after an untimed warm-up of each.")
        L.append("- Next card and answer: `bench/queue_bench.c` links build/libwhose_core.a and "
                 "times each call with CLOCK_MONOTONIC in a review session (`session_new`, then "
                 "per question `session_next`, `session_progress`, an answer right 85%% of the "
                 "time, `session_rate` with the suggested rating), the clock moving 8 s per "
                 "answer; %s runs of %s questions on fresh copies, all samples pooled. States of "
                 "the cards shown (first run): %s." % (
                     len(r[sizes[0]]["queue"]["runs"]), r[sizes[0]]["queue"]["ops"][0],
                     "; ".join("%s: %s" % (fmt_n(n), ", ".join("%s %d" % kv for kv in
                                                              r[n]["queue"]["states"].items()))
                               for n in sizes)))
        L.append("- Per answer in plain mode: `whose --plain review --limit 500` reading a "
                 "scripted answer file (each prompt gets lines until one fits its type), "
                 "(total - median start-up) / answers.")
        L.append("- Stats: `whose --db DB stats` (the table), fork to exit.")
        L.append("- Peak RSS: `/usr/bin/time -f %M` around three start-ups with no input (first "
                 "question, then end of input), one `whose stats`, each import and each plain "
                 "session; not the python `wait4` figure, which holds python's own RSS.")
        L.append("")
        if 100000 in r and r[100000].get("import", {}).get("how") == "bench/import-bench.sh":
            L.append("Note: the peak RSS figures of '## Bank import' come from python's `wait4` in "
                     "bench/import-bench.sh, which reports the RSS of the python that spawned the "
                     "child (a spawned child starts as a copy of its parent): about 14 MB whatever "
                     "the program. Under `/usr/bin/time` the same import peaks at %.1f MB."
                     % (max(r[100000]["import"]["rss"]) / 1024))
            L.append("")
        for note in self.notes:
            L.append("Note: " + note)
            L.append("")
        L.append("![latency and import time by size](plot-scale.svg)")
        L.append("")
        L.extend(self.diagnosis(names))
        # Profiles.
        if self.profiles:
            L.append("### Profiles of the missed targets")
            L.append("")
            L.append("`perf record --call-graph dwarf`, then `perf report --no-children --sort dso,symbol` "
                     "(self time, top entries) and `perf report --children --sort symbol` (inclusive "
                     "time of the functions on the way, whose's, SQLite's and libc's; a few SQLite "
                     "internals show as bare addresses). The unwinder loses the callers of some "
                     "samples (through libc's printf in particular, and a function may then show "
                     "twice), so inclusive shares are lower bounds; the self-time figures are exact.")
            L.append("")
            for label, flat, incl in self.profiles:
                L.append("**%s**" % label)
                L.append("")
                L.append("```")
                L.append(flat)
                if incl:
                    L.append("-- inclusive --")
                    L.append(incl)
                L.append("```")
                L.append("")
        # SQL statements.
        L.extend(self.sql_section())
        # Every run.
        L.append("### Every run")
        L.append("")
        for n in sizes:
            x = r[n]
            L.append("- %s: import whose %s s, sqlite3 %s s; start-up ms %s; sqlite3 select 1 ms %s; "
                     "stats ms %s; plain session %s s for %s answers; queue_bench per-run medians "
                     "(next/progress/rate ms) %s" % (
                         fmt_n(n), ", ".join("%.3f" % s for s in x["import"]["whose"]),
                         ", ".join("%.3f" % s for s in x["import"]["sqlite"]),
                         ", ".join("%.1f" % (s * 1e3) for s in x["startup"]["whose"]),
                         ", ".join("%.1f" % (s * 1e3) for s in x["startup"]["sqlite"]),
                         ", ".join("%.0f" % (s * 1e3) for s in x["stats"]["whose"]),
                         ", ".join("%.2f" % s for s in x["plain"]["total"]),
                         ", ".join(str(k) for k in x["plain"]["answers"]),
                         "; ".join("%.3f/%.3f/%.3f" % (d["next"], d["progress"], d["rate"])
                                   for d in x["queue"]["runs"])))
        L.append("")
        L.append("Machine: %s CPUs (`nproc`), %s, %.1f GiB RAM, Linux %s, %s file system; SQLite %s "
                 "(sqlite3 shell), Python %s, %s. Load average (1, 5, 15 min) before the runs: %s; "
                 "after: %s (other work on the machine makes wall times noisy)." % (
                     m["nproc"], m["cpu"], m["mem_gib"], m["kernel"], m["fs"], m["sqlite"],
                     m["python"], m["cc"], load_before,
                     getattr(self, "saved_load_after", None)
                     or " ".join(open("/proc/loadavg").read().split()[:3])))
        L.append("")
        return "\n".join(L) + "\n"

    def own_functions(self):
        """The functions defined in whose and queue_bench (nm)."""
        out = set()
        for b in (self.whose, self.qbench):
            p = subprocess.run(["nm", "--defined-only", b], capture_output=True, text=True)
            for ln in p.stdout.splitlines():
                parts = ln.split()
                if len(parts) == 3 and parts[1] in "Tt":
                    out.add(parts[2])
        return out

    def top_sql(self, key, k=4):
        pats = self.stmt_names()
        tr = self.traces.get(key, {})
        total = sum(v[1] for q, v in tr.items() if not q.startswith("("))
        proc = tr.get("(process)", (0, 0, 0))[1]
        items = sorted(((v[1], q) for q, v in tr.items() if not q.startswith("(")), reverse=True)[:k]
        parts = []
        for msec, q in items:
            plan = self.plans.get(q) or []
            scan = [x for x in plan if self.is_scan(x)]
            nm = self.name_of(q, pats)
            if nm.startswith("("):
                nm = "%s `%s`" % (nm, self.short(q, 40))
            parts.append("%s %.2f ms%s" % (nm, msec,
                                           " (%s)" % "; ".join(scan) if scan else ""))
        return total, proc, ", ".join(parts)

    def top_functions(self, label, own, k=7):
        text = self.top_functions_only(label, own, k)
        ss = self.selfsum.get(label)
        if ss:
            text += " (self time: %s%s)" % (
                ", ".join("%s %.0f%%" % (d.split(".so")[0], pc) for pc, d in ss["dso"][:4]),
                "; numbers to and from text in libc %.0f%%" % ss["conv"] if ss["conv"] >= 2 else "")
        return text

    def top_functions_only(self, label, own, k=7):
        rows = self.incl.get(label, [])
        keep, seen = [], set()
        for p, name in rows:
            if (name in own and name != "main" and not name.startswith("_")
                    and not name.startswith("cmd_") and name not in ("cli_study", "cli_open_study")
                    and name not in seen):
                seen.add(name)
                keep.append((p, name))
        return ", ".join("%s %.0f%%" % (name, p) for p, name in keep[:k])

    def diagnosis(self, names):
        """One paragraph per missed target: what dominates, from the SQL
        trace and the perf profile."""
        v, r = self.verdicts, self.r
        fails = [k for k, ok in v.items() if ok is False]
        big = max(self.sizes)
        if not fails and not (big in r and r[big]["queue"]["progress"]["median"] > T_OP_MS):
            return []
        own = self.own_functions()
        L = ["### What dominates the missed targets", "",
             "From the SQL trace (bench/sqltrace.c, statements by time) and the perf profiles below "
             "(whose's functions by inclusive share of the samples, a lower bound; then self time "
             "by object).", ""]

        def prof_of(prefix):
            for lbl, _, _ in self.profiles:
                if lbl.startswith(prefix):
                    return lbl
            return None
        if "import" in fails or "import_ratio" in fails:
            tot, proc, top = self.top_sql(("import", 100000))
            lbl = prof_of("whose import")
            L.append("- **%s** (%.3f s at 100,000): SQL steps %.0f ms of the %.0f ms traced: %s. "
                     "perf: %s." % (" and ".join(names[k] for k in ("import", "import_ratio") if k in fails),
                                   med(r[100000]["import"]["whose"]), tot, proc, top,
                                   self.top_functions(lbl, own) if lbl else "no profile"))
        if "startup" in fails or "startup_ratio" in fails:
            tot, proc, top = self.top_sql(("start-up", 100000))
            lbl = prof_of("start-up")
            dl = [p for p, name in self.incl.get(lbl, []) if name == "_dl_start"] if lbl else []
            L.append("- **%s** (%.1f ms at 100,000, CPU %.1f ms; sqlite3 'select 1' %.1f ms): SQL %.1f ms per start: %s. perf: %s%s."
                     % (" and ".join(names[k] for k in ("startup", "startup_ratio") if k in fails),
                        med(r[100000]["startup"]["whose"]) * 1e3,
                        med(r[100000]["startup"]["cpu"]) * 1e3, med(r[100000]["startup"]["sqlite"]) * 1e3,
                        tot, top,
                        self.top_functions(lbl, own) if lbl else "no profile",
                        "; the dynamic loader (`_dl_start`, before main) %.0f%% of the samples" % dl[0]
                        if dl else ""))
        keys = [k for k in ("next", "next_flat", "rate", "rate_flat") if k in fails]
        slow_progress = big in r and r[big]["queue"]["progress"]["median"] > T_OP_MS
        if keys or slow_progress:
            tot, proc, top = self.top_sql(("answer", big))
            lbl = prof_of("a session")
            small = min(self.sizes)
            q, qn = (lambda n, op: r[n]["queue"][op]), (lambda n, op: r[n].get("queue_np", {}).get(op))
            figs = "; ".join("%s median %.3f ms at %s, %.3f ms at %s (%.2fx)" % (
                what, q(small, op)["median"], fmt_n(small), q(big, op)["median"], fmt_n(big),
                q(big, op)["median"] / q(small, op)["median"])
                for op, what in (("next", "`session_next`"), ("progress", "`session_progress`"),
                                 ("rate", "`session_rate`")))
            L.append("- **%s** (%s; per answer in a plain session %.1f ms at %s). SQL per question, "
                     "all of a session: %s. perf of a session: %s."
                     % (" and ".join([names[k] for k in keys] +
                                     (["the count shown with every question (no target)"] if slow_progress else [])),
                        figs, med(r[big]["plain"]["per"]) * 1e3, fmt_n(big), top,
                        self.top_functions(lbl, own) if lbl else "no profile"))
            if qn(small, "next") and qn(big, "next"):
                L.append("  Without `session_progress` between the questions (the diagnostic row), "
                         "`session_next` is %.3f ms at %s and %.3f ms at %s (%.2fx), `session_rate` "
                         "%.3f and %.3f ms (%.2fx): the counts of `session_progress` cost their own "
                         "time and also push the pages the next question needs out of SQLite's "
                         "page cache (default size; `pread` shows in the profile)." % (
                             qn(small, "next")["median"], fmt_n(small), qn(big, "next")["median"],
                             fmt_n(big), qn(big, "next")["median"] / qn(small, "next")["median"],
                             qn(small, "rate")["median"], qn(big, "rate")["median"],
                             qn(big, "rate")["median"] / qn(small, "rate")["median"]))
            commit = self.traces.get(("answer", big), {})
            slow = [(v[2], name) for name, v in commit.items() if name.strip().upper() == "COMMIT"]
            if slow:
                L.append("  The tail of `session_rate` (p99 %.1f ms, max %.0f ms at %s) is COMMIT: its "
                         "slowest run took %.0f ms in the traced session, the WAL checkpoint "
                         "(`sqlite3WalCheckpoint`, `fdatasync` in the profile) run by the commit that "
                         "fills the WAL." % (q(big, "rate")["p99"], q(big, "rate")["max"], fmt_n(big),
                                             slow[0][0]))
        if "stats" in fails:
            tot, proc, top = self.top_sql(("stats", big))
            lbl = prof_of("whose stats")
            L.append("- **%s** (%.0f ms at %s cards and %s reviews, CPU %.0f ms): SQL steps %.0f ms "
                     "(under the trace, which adds about 0.1 us a row): %s. "
                     "perf: %s." % (names["stats"], med(r[big]["stats"]["whose"]) * 1e3, fmt_n(big),
                                    fmt_n(r[big]["mix"]["reviews"]), med(r[big]["stats"]["cpu"]) * 1e3,
                                    tot, top, self.top_functions(lbl, own) if lbl else "no profile"))
        if "rss" in fails:
            worst = max(self.sizes, key=lambda n: self.peak_rss(n)[0])
            L.append("- **%s**: %.1f MB at %s (%s)." % (names["rss"], self.peak_rss(worst)[0] / 1024,
                                                      fmt_n(worst), self.peak_rss(worst)[1]))
        L.append("")
        return L

    def sql_section(self):
        if not self.traces:
            return []
        names = self.stmt_names()
        L = ["### SQL by operation", "",
             "bench/sqltrace.c (LD_PRELOAD) times every `sqlite3_step` by statement: ms per "
             "process for start-up (to the end of `whose --plain review` with no input) and "
             "stats, ms per question for a session (queue_bench, next + progress + rate). "
             "Runs: executions per process or per question. Plan: `EXPLAIN QUERY PLAN` on the "
             "%s-question database; **SCAN** marks a step that reads a whole table or index "
             "(under EXISTS or LIMIT it stops early); a SEARCH on a range (`due<?`, "
             "`reviewed_at>?`) reads as many rows as the range holds, so its time grows with "
             "the data too: compare the columns." % fmt_n(max(self.sizes)), ""]
        sizes = self.sizes
        for path in ("start-up", "answer", "stats", "import"):
            psizes = [n for n in self.sizes if (path, n) in self.traces]
            if not psizes:
                continue
            big = max(psizes)
            rows = {}
            for n in psizes:
                for sql, (runs, msec, mx) in self.traces[(path, n)].items():
                    rows.setdefault(sql, {})[n] = (runs, msec, mx)
            order = sorted(rows, key=lambda s: -rows[s].get(big, (0, 0))[1])
            title = {"start-up": "Start-up (per process)", "answer": "Session (per question)",
                     "stats": "whose stats (per process)",
                     "import": "Import of the bank into a new database (per process)"}[path]
            L.append("**%s**" % title)
            L.append("")
            L.append("| Statement | Runs | " + " | ".join("ms at %s" % fmt_n(n) for n in psizes)
                     + " | slowest run at %s, ms | Plan |" % fmt_n(big))
            L.append("|---|---:|" + "---:|" * len(psizes) + "---:|---|")
            for sql in order:
                if sql == "(process)" or max(v[1] for v in rows[sql].values()) < 0.001:
                    continue
                if path == "answer" and sql != "(prepare)" and rows[sql].get(big, (0,))[0] < 0.01:
                    continue    # the opening of the database, once per session
                cells = []
                for n in psizes:
                    e = rows[sql].get(n)
                    cells.append("%.3f" % e[1] if e else "-")
                runs = rows[sql].get(big, next(iter(rows[sql].values())))[0]
                if sql == "(prepare)":
                    label = "(sqlite3_prepare, all statements)"
                    plan = ""
                else:
                    label = "%s: `%s`" % (self.name_of(sql, names), self.short(sql))
                    p = self.plans.get(sql)
                    plan = "; ".join(("**%s**" % x) if self.is_scan(x) else x for x in p) if p else ""
                e = rows[sql].get(big)
                slow = "%.3f" % e[2] if e and sql != "(prepare)" else ""
                L.append("| %s | %s | %s | %s | %s |" % (label, ("%.2f" % runs).rstrip("0").rstrip("."),
                                                          " | ".join(cells), slow, plan.replace("|", "/")))
            tot = []
            for n in psizes:
                e = self.traces[(path, n)]
                tot.append("%.3f" % sum(v[1] for k, v in e.items() if not k.startswith("(")))
            proc = ["%.3f" % self.traces[(path, n)].get("(process)", (0, 0, 0))[1] for n in psizes]
            L.append("| all SQL | | %s | | |" % " | ".join(tot))
            if path != "answer":
                L.append("| the whole process, from its first SQLite call to exit | | %s | | |"
                         % " | ".join(proc))
            L.append("")
        return L

    @staticmethod
    def is_scan(line):
        """A plan line that reads a whole table or index (not a constant
        row, nor the rows of a subquery already bounded)."""
        return re.match(r"SCAN (?!CONSTANT ROW|\(subquery)", line) is not None

    @staticmethod
    def short(sql, n=110):
        s = re.sub(r"\s+", " ", sql).strip()
        s = s.replace("|", "/")
        return s if len(s) <= n else s[:n - 3] + "..."

    # ---- the plot -----------------------------------------------------

    def plot(self):
        sizes = self.sizes
        r = self.r
        series = [
            ("start to first question", "#1f77b4", [med(r[n]["startup"]["whose"]) * 1e3 for n in sizes]),
            ("sqlite3 'select 1'", "#aec7e8", [med(r[n]["startup"]["sqlite"]) * 1e3 for n in sizes]),
            ("whose stats", "#d62728", [med(r[n]["stats"]["whose"]) * 1e3 for n in sizes]),
            ("next card (median)", "#2ca02c", [r[n]["queue"]["next"]["median"] for n in sizes]),
            ("record answer (median)", "#ff7f0e", [r[n]["queue"]["rate"]["median"] for n in sizes]),
            ("progress count (median)", "#9467bd", [r[n]["queue"]["progress"]["median"] for n in sizes]),
            ("plain mode, per answer", "#8c564b", [med(r[n]["plain"]["per"]) * 1e3 for n in sizes]),
        ]
        targets = [(T_START_MS, "start-up target (100,000):"), (T_STATS_MS, "stats target (1,000,000):"),
                   (T_OP_MS, "next/answer target (1,000,000):")]
        imp = [
            ("whose import", "#1f77b4", [med(r[n]["import"]["whose"]) for n in sizes]),
            ("sqlite3 .import", "#aec7e8", [med(r[n]["import"]["sqlite"]) for n in sizes]),
        ]
        svg = [
            '<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="470" '
            'font-family="sans-serif" font-size="12">',
            '<rect width="1100" height="470" fill="white"/>',
        ]
        svg += self.panel(20, 10, 640, 450, "Latency by size (ms, log scale)", "ms", series, targets, sizes)
        svg += self.panel(690, 10, 400, 450, "Import time by size (s, log scale)", "s", imp,
                          [(T_IMPORT_S, "target (100,000):")], sizes)
        svg.append("</svg>")
        with open(PLOT, "w") as f:
            f.write("\n".join(svg) + "\n")

    @staticmethod
    def panel(x0, y0, w, h, title, unit, series, targets, sizes):
        import math
        ml, mr, mt, mb = 60, 10, 30, 120
        pw, ph = w - ml - mr, h - mt - mb
        vals = [v for _, _, vs in series for v in vs if v > 0] + [t for t, _ in targets]
        lo = 10 ** math.floor(math.log10(min(vals)))
        hi = 10 ** math.ceil(math.log10(max(vals)))
        xl, xh = math.log10(min(sizes)) - 0.15, math.log10(max(sizes)) + 0.15

        def X(n):
            return x0 + ml + (math.log10(n) - xl) / (xh - xl) * pw

        def Y(v):
            return y0 + mt + (1 - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))) * ph
        out = ['<text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>' % (x0 + ml, y0 + 18, title),
               '<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>'
               % (x0 + ml, y0 + mt, pw, ph)]
        e = int(math.log10(lo))
        while 10 ** e <= hi:
            v = 10 ** e
            y = Y(v)
            out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (x0 + ml, x0 + ml + pw, y, y))
            label = ("%g" % v) if v >= 0.001 else "1e%d" % e
            out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (x0 + ml - 5, y + 4, label))
            e += 1
        for n in sizes:
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (X(n), y0 + mt + ph + 16, fmt_n(n)))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">questions</text>'
                   % (x0 + ml + pw / 2, y0 + mt + ph + 32))
        for t, label in targets:
            y = Y(t)
            out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#888" stroke-dasharray="4 3"/>'
                       % (x0 + ml, x0 + ml + pw, y, y))
            out.append('<text x="%d" y="%.1f" fill="#666" font-size="10">%s %g %s</text>'
                       % (x0 + ml + 4, y - 3, label, t, unit))
        for i, (label, color, vs) in enumerate(series):
            pts = [(X(n), Y(v)) for n, v in zip(sizes, vs) if v > 0]
            out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                       % (color, " ".join("%.1f,%.1f" % p for p in pts)))
            for (px, py), v in zip(pts, vs):
                out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s: %.4g %s</title></circle>'
                           % (px, py, color, label, v, unit))
            lx = x0 + ml + (i % 2) * (pw / 2)
            ly = y0 + mt + ph + 52 + (i // 2) * 16
            out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="%s" stroke-width="2"/>'
                       % (lx, lx + 18, ly - 4, ly - 4, color))
            out.append('<text x="%.1f" y="%d">%s</text>' % (lx + 24, ly, label))
        return out

    # ---- RESULTS.md ---------------------------------------------------

    def write(self, section):
        try:
            text = open(RESULTS, encoding="utf-8").read()
        except FileNotFoundError:
            text = "# Benchmarks\n"
        m = re.search(r"^## Scale[ \t]*\n", text, re.M)
        if m:
            nxt = re.search(r"^## ", text[m.end():], re.M)
            end = m.end() + nxt.start() if nxt else len(text)
            text = text[:m.start()] + section + ("\n" if nxt else "") + text[end:]
        else:
            text = text.rstrip("\n") + "\n\n" + section
        text = text.rstrip("\n") + "\n"
        tmp = RESULTS + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, RESULTS)


STATE = os.path.join(DATA, "last-run.json")


def _save(self, load_before, secs):
    """Everything measured, so that --report-only can write the report
    again (after a change to the report itself) without measuring."""
    st = dict(r={str(n): v for n, v in self.r.items()}, notes=self.notes, profiles=self.profiles,
              traces={"%s|%d" % k: v for k, v in self.traces.items()}, plans=self.plans,
              incl=self.incl, selfsum=self.selfsum, date=self.date, bin_date=self.bin_date, data_note=self.data_note,
              sizes=self.sizes, load_before=load_before, secs=secs,
              machine=self.machine(), load_after=" ".join(open("/proc/loadavg").read().split()[:3]))
    with open(STATE, "w") as f:
        json.dump(st, f)


def _load(self):
    st = json.load(open(STATE))
    self.r = {int(n): v for n, v in st["r"].items()}
    self.sizes = st["sizes"]
    self.notes, self.profiles, self.plans, self.incl = st["notes"], st["profiles"], st["plans"], st["incl"]
    self.selfsum = st.get("selfsum", {})
    self.traces = {(k.split("|")[0], int(k.split("|")[1])): {q: tuple(x) for q, x in v.items()}
                   for k, v in st["traces"].items()}
    self.date, self.bin_date, self.data_note = st["date"], st["bin_date"], st["data_note"]
    self.saved_machine, self.saved_load_after = st["machine"], st["load_after"]
    return st


Bench.save = _save
Bench.load = _load


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None,
                    help="default 10000,100000,1000000 (--quick: 2000)")
    ap.add_argument("--quick", action="store_true",
                    help="a smoke test: small sizes, fewer runs, no targets judged, nothing written")
    ap.add_argument("--regen", action="store_true", help="regenerate the cached data")
    ap.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md or the plot")
    ap.add_argument("--no-profile", action="store_true", help="no perf profiles")
    ap.add_argument("--report-only", action="store_true",
                    help="write the report again from the last run's measurements")
    a = ap.parse_args()
    if a.sizes is None:
        a.sizes = "2000" if a.quick else "10000,100000,1000000"
    a.sizes = sorted(int(x) for x in a.sizes.split(","))
    if a.quick:
        a.no_write = a.no_profile = True
    t_start = time.perf_counter()
    b = Bench(a)
    if a.report_only:
        st = b.load()
        b.whose, b.qbench = os.path.join(DATA, "whose"), os.path.join(DATA, "queue_bench")
        b.judge()
        section = b.report(time.perf_counter() - st["secs"], st["load_before"])
        if a.no_write:
            sys.stdout.write(section)
        else:
            b.write(section)
            b.plot()
            log("== wrote '## Scale' in %s and %s (from %s)" % (RESULTS, PLOT, STATE))
        return 0
    b.date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    b.setup()
    t0 = time.perf_counter()
    b.data()
    b.data_note = "%.1f min" % ((time.perf_counter() - t0) / 60)
    b.prepare()
    b.describe_data()
    load_before = " ".join(open("/proc/loadavg").read().split()[:3])
    b.import_bench()
    b.startup()
    b.stats()
    b.plain_session()
    b.queue()
    b.queue_no_progress()
    b.judge()
    b.trace()
    b.profile_failures()
    for n in a.sizes:
        rmdb(b.work(n))
    b.save(load_before, time.perf_counter() - t_start)
    section = b.report(t_start, load_before)
    if not a.no_write:
        b.write(section)
        b.plot()
        log("== wrote '## Scale' in %s and %s" % (RESULTS, PLOT))
    elif not a.quick:
        sys.stdout.write(section)
    if a.quick:
        # A smoke test: every step ran and gave figures; no target judged.
        log("== quick run done in %.1f s (no targets judged)" % (time.perf_counter() - t_start))
        return 0
    for k, ok in b.verdicts.items():
        log("   %-14s %s" % (k, "PASS" if ok else "FAIL"))
    failed = [k for k, ok in b.verdicts.items() if ok is False]
    if failed:
        log("scale: %d target(s) missed: %s" % (len(failed), ", ".join(failed)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
