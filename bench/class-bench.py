#!/usr/bin/python3
"""bench/class-bench.py - a live class of 200 simulated students on one host.

  bench/class-bench.py WHOSE [--students 200] [--questions 10] [--seconds 4]

Runs the real `whose class host` (on a throwaway database and class folder)
and STUDENTS simulated students, each connected under its own uid (so that
SO_PEERCRED names 200 different accounts, as on a lab server): a forked
child takes uid 61000+i, connects, and hands the connected socket back to
this process (SCM_RIGHTS), which then drives all of them in one selector
loop, as real clients would: HELLO, then for each question an answer after
a random delay within the countdown (the same generator seed each run),
sometimes changed once.

Records per question: the host's CPU time (utime + stime from /proc) used
while the question was open and revealed, its peak RSS (VmHWM) after it,
and the delay from the question's deadline to the last student's REVEAL
(and the spread from the first student's REVEAL to the last).  Needs root
(setuid); prints a table and a summary line for bench/RESULTS.md.
"""
import argparse
import heapq
import os
import random
import re
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("whose")
ap.add_argument("--students", type=int, default=200)
ap.add_argument("--questions", type=int, default=10)
ap.add_argument("--seconds", type=int, default=4)
ap.add_argument("--seed", type=int, default=7)
args = ap.parse_args()
if os.geteuid() != 0:
    print("class-bench: needs root to connect 200 students under their own uids", file=sys.stderr)
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="whose-class-bench-")
os.chmod(tmp, 0o755)
cdir = os.path.join(tmp, "cd")
os.mkdir(cdir)
os.chmod(cdir, 0o1777)
env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=os.path.join(tmp, "data"),
           WHOSE_CLASS_DIR=cdir, LC_ALL="C.UTF-8")
env.pop("WHOSE_DB", None)
env.pop("WHOSE_PROFILE", None)
host_log = open(os.path.join(tmp, "host.out"), "w+")
host = subprocess.Popen([args.whose, "class", "host", "--seed", str(args.seed),
                         "--questions", str(args.questions), "--seconds", str(args.seconds),
                         "--reveal-seconds", "1", "--speed-bonus"],
                        stdin=subprocess.PIPE, stdout=host_log, text=True, env=env)
code = None
for _ in range(100):
    m = re.search(r"whose class join ([A-Z0-9]{6})", open(host_log.name).read())
    if m:
        code = m.group(1)
        break
    time.sleep(0.1)
if code is None:
    print("class-bench: the host did not open a class", file=sys.stderr)
    sys.exit(1)
sockpath = os.path.join(cdir, code, "socket")
clk = os.sysconf("SC_CLK_TCK")


def host_cpu():
    # schedstat's first field: nanoseconds on the CPU (stat's utime and
    # stime count 10 ms ticks, too coarse for a question).
    try:
        return int(open("/proc/%d/schedstat" % host.pid).read().split()[0]) / 1e9
    except OSError:
        f = open("/proc/%d/stat" % host.pid).read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / clk


def host_hwm():
    for line in open("/proc/%d/status" % host.pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def connect_as(uid):
    """A socket connected to the class by a child running as UID."""
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:
        a.close()
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sockpath)
        socket.send_fds(b, [b"s"], [s.fileno()])
        os._exit(0)
    b.close()
    _, fds, _, _ = socket.recv_fds(a, 1, 1)
    os.waitpid(pid, 0)
    a.close()
    return socket.socket(fileno=fds[0])


rng = random.Random(args.seed)
sel = selectors.DefaultSelector()
students = []
t_connect = time.monotonic()
for i in range(args.students):
    s = connect_as(61000 + i)
    s.setblocking(False)
    s.sendall(b"HELLO\t1\n")
    st = {"sock": s, "buf": b"", "i": i, "reveals": {}, "ended": False}
    students.append(st)
    sel.register(s, selectors.EVENT_READ, st)
t_connected = time.monotonic() - t_connect

timers = []          # (when, seq, student, index, answer)
seq = 0
question_at = {}     # index -> (first QUESTION receipt, deadline estimate)
ended = 0
started = False
cpu_marks = []       # (index, cpu at first QUESTION)
reveal_first = {}
reveal_last = {}
cpu_at_question = {}
results = []


def answer_text(fields):
    # QUESTION index total ms-left type topic text slot...
    kind, nslots = fields[4], len(fields) - 7
    if kind == "choice":
        return "ABCDEFGH"[rng.randrange(nslots)]
    if kind == "multi":
        return "|".join(sorted(rng.sample("ABCDEFGH"[:nslots], rng.randint(1, nslots))))
    if kind == "truefalse":
        return rng.choice(["true", "false"])
    if kind == "who":
        return rng.choice(["AWS", "Customer", "Shared"])
    return "|".join(rng.choice(["AWS", "Customer", "Shared"]) for _ in range(nslots))


def on_line(st, line, now):
    global seq, ended
    f = line.split("\t")
    if f[0] == "QUESTION":
        idx, left = int(f[1]), int(f[3]) / 1000
        if idx not in question_at:
            question_at[idx] = (now, now + left)
            cpu_at_question[idx] = host_cpu()
        for _ in range(2 if rng.random() < 0.2 else 1):
            seq += 1
            heapq.heappush(timers, (now + rng.uniform(0.05, left * 0.9), seq, st, idx, answer_text(f)))
    elif f[0] == "REVEAL":
        idx = int(f[1])
        reveal_first.setdefault(idx, now)
        reveal_last[idx] = now
        st["reveals"][idx] = now
        if len([s for s in students if idx in s["reveals"]]) == len(students):
            cpu = host_cpu()
            results.append((idx, cpu - cpu_at_question[idx], host_hwm(),
                            reveal_last[idx] - question_at[idx][1],
                            reveal_last[idx] - reveal_first[idx]))
    elif f[0] in ("END", "ERROR"):
        st["ended"] = True
        ended += 1


cpu_lobby = host_cpu()
while ended < len(students):
    now = time.monotonic()
    if not started and now - t_connect > t_connected + 0.5:
        host.stdin.write("start\n")
        host.stdin.flush()
        started = True
    while timers and timers[0][0] <= now:
        _, _, st, idx, text = heapq.heappop(timers)
        try:
            st["sock"].sendall(("ANSWER\t%d\t%s\n" % (idx, text)).encode())
        except OSError:
            pass
    wait = 0.2 if not timers else max(0.0, min(0.2, timers[0][0] - now))
    for key, _ in sel.select(wait):
        st = key.data
        try:
            d = st["sock"].recv(65536)
        except OSError:
            d = b""
        if not d:
            sel.unregister(st["sock"])
            if not st["ended"]:
                st["ended"] = True
                ended += 1
            continue
        st["buf"] += d
        now = time.monotonic()
        while b"\n" in st["buf"]:
            line, st["buf"] = st["buf"].split(b"\n", 1)
            on_line(st, line.decode(), now)
try:
    host.communicate(timeout=10)
except subprocess.TimeoutExpired:
    host.kill()
    host.communicate()
host_out = open(host_log.name).read()
answered = re.findall(r"Time is up: (\d+) of (\d+) answered", host_out)
if os.environ.get("CLASS_BENCH_LOG"):
    sys.stderr.write(host_out)
shutil.rmtree(tmp, ignore_errors=True)

print("class-bench: %d students (uids 61000..%d), %d questions of %d s, seed %d"
      % (args.students, 61000 + args.students - 1, args.questions, args.seconds, args.seed))
print("connecting all students (fork, setuid, connect, SCM_RIGHTS): %.2f s; host CPU in the lobby: %.2f s"
      % (t_connected, cpu_lobby))
print("%-4s %10s %10s %14s %14s %10s" % ("q", "cpu_ms", "hwm_kb", "deadline->last", "first->last", "answered"))
for k, (idx, cpu, hwm, d_last, spread) in enumerate(sorted(results)):
    a = answered[k] if k < len(answered) else ("?", "?")
    print("%-4d %10.1f %10d %11.1f ms %11.1f ms %6s/%s" % (idx + 1, cpu * 1000, hwm, d_last * 1000,
                                                        spread * 1000, a[0], a[1]))
if results:
    cpus = [r[1] * 1000 for r in results]
    lasts = [r[3] * 1000 for r in results]
    spreads = [r[4] * 1000 for r in results]
    print("summary: host CPU per question mean %.0f ms (max %.0f); peak RSS %d KB; "
          "deadline to last student's reveal mean %.1f ms (max %.1f); first to last reveal max %.1f ms"
          % (sum(cpus) / len(cpus), max(cpus), max(r[2] for r in results),
             sum(lasts) / len(lasts), max(lasts), max(spreads)))
sys.exit(0 if len(results) == args.questions else 1)
