#!/usr/bin/env python3
"""Start-up time of the full-screen interface.

Usage: bench/startup-tui.py [--runs N] [--whose PATH] [--no-write]

Runs `whose review` in a pseudo-terminal of 100x30 (python's pty module)
with the bundled bank and a database created beforehand by one plain run
(XDG_DATA_HOME in a temporary folder), and measures the time from fork to
the moment the first question's text appears in what the program writes
to the terminal.  Each run then quits with 'q' (nothing is answered, so
every run starts from the same database).  The median of N runs (default
10) is compared with the target of 50 ms and written into the
'## TUI start-up' section of bench/RESULTS.md (only that section is
replaced).

The first question is the one `whose --plain review` shows first with the
same database and WHOSE_SEED, so the needle is known without reading the
database.  Exits 1 when a run fails or the text never appears (5 s).
"""
import argparse
import datetime
import fcntl
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

TARGET_MS = 50.0
TIMEOUT_S = 5.0
ROWS, COLS = 30, 100
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def clean_env(tmp):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("WHOSE_") and k not in ("NO_COLOR", "LINES", "COLUMNS")}
    env.update(HOME=os.path.join(tmp, "home"), XDG_DATA_HOME=os.path.join(tmp, "data"),
               TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", WHOSE_SEED="1")
    os.makedirs(env["HOME"], exist_ok=True)
    return env


def first_question(whose, env):
    """Create the database (plain mode) and return the first question's
    first line as the plain front end prints it."""
    out = subprocess.run([whose, "--plain", "review"], input="q\n", env=env,
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        sys.exit("startup-tui: 'whose --plain review' failed (%d): %s"
                 % (out.returncode, out.stderr.strip()))
    lines = out.stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("[1 of ") and i + 1 < len(lines):
            return lines[i + 1]
    sys.exit("startup-tui: no first question in the plain output:\n" + out.stdout)


def needle_of(question):
    """The first words of the question, at most 24 columns: they are on
    the first line of the wrapped text at 100 columns."""
    words, out = question.split(), ""
    for w in words:
        cand = (out + " " + w).strip()
        if len(cand) > 24:
            break
        out = cand
    return (out or question[:24]).encode("utf-8")


def one_run(whose, env, needle):
    """Milliseconds from fork to the needle on the terminal."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(whose, [whose, "review"], env)
        finally:
            os._exit(127)
    buf, found = b"", None
    deadline = t0 + TIMEOUT_S
    try:
        while found is None and time.perf_counter() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if needle in buf or needle in CSI.sub(b"", buf):
                found = (time.perf_counter() - t0) * 1000.0
        if found is not None:
            os.write(fd, b"q")
        # Drain until the program leaves, so that it never blocks on output.
        end = time.perf_counter() + TIMEOUT_S
        while time.perf_counter() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                pid = 0
                break
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        os.close(fd)
    if found is None:
        sys.exit("startup-tui: the first question never appeared; output was:\n%r" % buf[-2000:])
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        sys.exit("startup-tui: whose review did not exit cleanly (status %d)" % status)
    return found


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = ", %.1f GiB RAM" % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return "%d CPUs (`nproc`), %s%s, %s %s; Python %s" % (
        os.cpu_count() or 0, cpu, mem, platform.system(), platform.release(),
        platform.python_version())


def version():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "include"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes in src/ or include/" if dirty else "")
    except OSError:
        return "unknown"


def write_section(results, section):
    text = open(results).read() if os.path.exists(results) else "# Benchmarks\n"
    m = re.search(r"^## TUI start-up[^\n]*\n", text, re.M)
    if m:
        nxt = re.search(r"^## ", text[m.end():], re.M)
        end = m.end() + nxt.start() if nxt else len(text)
        text = text[:m.start()] + section + ("\n" if nxt else "") + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(results, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--whose", default=os.path.join(ROOT, "build", "whose"))
    ap.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    a = ap.parse_args()
    if not os.access(a.whose, os.X_OK):
        sys.exit("startup-tui: %s not found: build it with 'ninja -C build'" % a.whose)
    load = "%.2f" % os.getloadavg()[0]
    tmp = tempfile.mkdtemp(prefix="whose-startup-")
    try:
        env = clean_env(tmp)
        question = first_question(a.whose, env)
        needle = needle_of(question)
        one_run(a.whose, env, needle)      # warm the page cache; not counted
        runs = [one_run(a.whose, env, needle) for _ in range(a.runs)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = statistics.median(runs)
    verdict = "PASS" if med <= TARGET_MS else "FAIL"
    print("first question (%s...) on screen: median %.1f ms of %d runs (%s); runs: %s"
          % (needle.decode(), med, len(runs), verdict, ", ".join("%.1f" % r for r in runs)))
    if a.no_write:
        return 0 if verdict == "PASS" else 1
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = "\n".join([
        "## TUI start-up",
        "",
        "`bench/startup-tui.py`, %s; whose %s." % (now, version()),
        "",
        "| Measure | Value | Target | Result |",
        "|---|---:|---|---|",
        "| `whose review` in a 100x30 pty, fork to first question on screen, median of %d | %.1f ms | at most %.0f ms | **%s** |"
        % (len(runs), med, TARGET_MS, verdict),
        "| Fastest run (the least disturbed by other jobs) | %.1f ms | | |" % min(runs),
        "",
        "Every run, in ms: %s." % ", ".join("%.1f" % r for r in runs),
        "",
        "Machine: %s; load average %s when the runs started (other jobs on the machine slow"
        % (machine(), load),
        "every run down: compare figures taken at a similar load).",
        "",
        "Method: a temporary XDG_DATA_HOME; one `whose --plain review` (input `q`) creates the",
        "database and imports the bundled bank, and tells the first question (WHOSE_SEED=1).",
        "Each timed run forks `whose review` on a new pty (TERM=xterm-256color, C.UTF-8), reads",
        "its output until the question's first words (\"%s\") appear, then sends `q`." % needle.decode(),
        "One untimed run first warms the page cache.",
        "",
    ])
    write_section(os.path.join(HERE, "RESULTS.md"), section)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
