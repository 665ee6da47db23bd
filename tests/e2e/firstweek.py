#!/usr/bin/env python3
"""Drive one plain-mode review of whose through pipes, answering whatever
comes: used by firstweek.sh to walk a new profile through a simulated week.

Usage: firstweek.py WHOSE [ARGS...]   (the environment is passed on)

Answers every question with the first label shown ("a", or "t" for true;
a multi: as many of the first letters as it wants; a sort: every item
'a'; a card: Enter), so some answers are right and some wrong; quits (q)
after 60 questions, as wrong answers keep learning steps coming.  After the
first rating line that offers "Again (I guessed)" it says 1; every other
rating takes Enter.  Prints the whole transcript on
stdout and exits with whose's status.
"""
import os
import re
import subprocess
import sys


NUMBERS = ["no", "one", "two", "three", "four", "five", "six"]


def main():
    p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = b""
    guessed = False
    shown = 0      # questions shown so far ("[N left..." lines)
    tries = 0      # answers given to the question on screen
    while True:
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        out += chunk
        text = out.decode("utf-8", "replace")
        # Plain mode writes "PROMPT> " and, not on a terminal, a newline;
        # then it waits for a line.
        m = re.search(r"(answer|turn|rate|note)> \n$", text)
        if not m:
            continue
        now_shown = len(re.findall(r"^\[\d+ left", text, re.M))
        if now_shown != shown:
            shown, tries = now_shown, 0
        prompt = m.group(1)
        if prompt == "answer":
            sort = re.search(r"for each of the (\d+) items[^\n]*\nanswer> \n$", text)
            wants = re.search(r"wants (\w+) answers[^\n]*\nanswer> \n$", text)
            block = text[text.rfind("\n["):]
            labels = re.findall(r"^  ([a-z])\) ", block, re.M)
            tries += 1
            if sort:
                reply = "a" * int(sort.group(1))
            elif wants and wants.group(1) in NUMBERS:
                reply = " ".join(labels[:NUMBERS.index(wants.group(1))])
            else:
                reply = labels[0] if labels else "a"
            if tries > 4 or shown > 60:
                # Not a question this driver can answer, or the wrong
                # answers it gives keep learning steps coming: stop.
                reply = "q"
        elif prompt == "rate":
            # Again is a guess only after a right answer (not a card).
            offered = "(I guessed)" in text.rsplit("Rate:", 1)[-1]
            reply = "1" if offered and not guessed else ""
            guessed = guessed or offered
        else:
            reply = ""
        p.stdin.write((reply + "\n").encode())
        p.stdin.flush()
    p.stdin.close()
    rc = p.wait()
    sys.stdout.write(out.decode("utf-8", "replace"))
    return rc


if __name__ == "__main__":
    sys.exit(main())
