#!/usr/bin/env python3
"""Generate a question bank of another shape than gen_bank.py's.

Usage: gen_bank_long.py N [--seed S] [--out FILE] [--topics K]

The same questions as bench/gen_bank.py (its generator, imported), in
the shape issue 31 asks the import to handle as fast: K topics (default
200), every choice and multi question with 6 choices and a 'why not' of
two or three sentences for every wrong one, and explanations of 1,000 to
2,000 characters.  A separate script, so that gen_bank.py (whose hash
keys the scale benchmark's cached data) stays as it is.  The output
depends only on N, the seed and K.  Python 3 standard library only.
"""

import argparse
import csv
import io
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_bank  # noqa: E402


class LongGen(gen_bank.Gen):
    def row(self, t, qtype):
        r = self.r
        ch = self.choice
        if qtype in ("choice", "multi"):
            # gen_bank draws n from its own list: ask until it says 6.
            for _ in range(40):
                row = gen_bank.Gen.row(self, t, qtype)
                if row[2].count("|") == 5:
                    break
        else:
            row = gen_bank.Gen.row(self, t, qtype)
        svc = t["svc"]
        more = [m.format(svc=svc, res=ch(t["res"]), data=ch(gen_bank.DATA),
                         team=ch(gen_bank.TEAMS), team_l="the team")
                for m in (ch(gen_bank.EXPLAIN_MORE) for _ in range(14))]
        row[4] = gen_bank.fit([row[4]] + more, 1000 + int(1000 * r.random()), 2000)
        if qtype in ("choice", "multi"):
            answer = set(row[3].split("|"))
            wrong = "AWS" if "customer" in row[1].lower() else "Customer"
            reasons = []
            for i in range(row[2].count("|") + 1):
                letter = chr(65 + i)
                if letter in answer:
                    continue
                text = " ".join(ch(gen_bank.WHY[wrong]).format(
                    svc=svc, res=ch(t["res"]), data=ch(gen_bank.DATA),
                    team=ch(gen_bank.TEAMS), team_l="the team")
                    for _ in range(2 + (r.random() < 0.5)))
                reasons.append("%s: %s" % (letter, text))
            row[7] = "|".join(reasons)
        return row


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-")
    ap.add_argument("--topics", type=int, default=200)
    a = ap.parse_args(argv)
    rng = random.Random("long:%d" % a.seed)
    topics, cum = gen_bank.make_topics(a.topics, rng)
    gen = LongGen(rng)
    width = max(6, len(str(a.n)))
    fh = (io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
          if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="", buffering=1 << 20))
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(gen_bank.HEADER)
    for i in range(1, a.n + 1):
        t = topics[gen_bank.pick(cum, rng.random())]
        x = rng.random()
        for qtype, c in gen_bank.TYPE_CUM:
            if x < c:
                break
        w.writerow(["%s-%0*d" % (t["slug"], width, i), t["name"]] + gen.row(t, qtype))
    fh.flush()
    if fh is not sys.stdout:
        fh.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
