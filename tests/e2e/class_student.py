#!/usr/bin/python3
"""class_student.py - one student of tests/e2e/class.sh: runs the real
`whose class join CODE` (plain mode, through pipes) and answers each
question as it appears, as a person would: an answer read from the
question's own hint, in the one key map every mode uses (keys.h): a letter
among those shown, as many as a multi question wants, t or f, a c or s, an
owner per sort item), chosen by a generator seeded with SEED.

  class_student.py WHOSE CODE OUT SEED [--die-after-first] [--change]

--die-after-first: once the first answer is recorded, kill the client
(SIGKILL, as a dropped SSH session) and join again; --change: answer
twice, the second answer replacing the first.  Everything the client
printed goes to OUT; its exit status to OUT.rc.
"""
import os
import random
import re
import signal
import subprocess
import sys
import time

whose, code, out_path, seed = sys.argv[1:5]
die_after_first = "--die-after-first" in sys.argv
change = "--change" in sys.argv
rng = random.Random(int(seed))
out = open(out_path, "w")


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def answer_for(hint, letters, items):
    if hint.startswith("Choose one:"):
        return rng.choice(letters)
    m = re.match(r"Choose (\w+) \(", hint)
    if m:
        return " ".join(sorted(rng.sample(letters, WORDS[m.group(1)])))
    if hint.startswith("True or false:"):
        return rng.choice("tf")
    if hint.startswith("Whose responsibility:"):
        return rng.choice("acs")
    if hint.startswith("Sort each item"):
        return " ".join(rng.choice("acs") for _ in range(items))
    return "?"


def run_once(died_already):
    p = subprocess.Popen([whose, "class", "join", code], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         bufsize=1)
    letters, items, answered = [], 0, False
    for line in p.stdout:
        out.write(line)
        out.flush()
        m = re.match(r"  ([a-h])\) ", line)
        if m:
            letters.append(m.group(1))
        if re.match(r"  [1-8]\) ", line):
            items += 1
        if line.startswith("Question "):
            letters, items = [], 0
        if "You may change it until the time is up" in line:
            time.sleep(rng.uniform(0.0, 0.4))
            a = answer_for(line, letters, items)
            try:
                p.stdin.write(a + "\n")
                if change:
                    time.sleep(0.1)
                    p.stdin.write(answer_for(line, letters, items) + "\n")
                p.stdin.flush()
            except BrokenPipeError:
                # The client ended meanwhile (its session was taken
                # over): what it printed last is still to be read.
                pass
        if line.startswith("Recorded: ") and die_after_first and not died_already and not answered:
            answered = True
            time.sleep(0.2)
            out.write("[killed]\n")
            out.flush()
            p.send_signal(signal.SIGKILL)
            p.wait()
            return None
    try:
        p.stdin.close()
    except BrokenPipeError:
        pass
    return p.wait()


rc = run_once(False)
if rc is None:
    rc = run_once(True)
out.close()
with open(out_path + ".rc", "w") as f:
    f.write("%d\n" % rc)
sys.exit(0)
