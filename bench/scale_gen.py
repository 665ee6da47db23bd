#!/usr/bin/env python3
"""Give a whose database a realistic study history, for the scale benchmarks.

Usage: scale_gen.py DB --reviews R [--now ISO] [--seed S] [--years Y]

DB must be a whose database into which a bank was imported (every card new,
no review).  The script turns it into the database of a learner who has
studied for Y years (default 3) up to NOW (default 2026-06-01T12:00:00Z):

- cards in every state: about 30% never seen (new), 2% in a learning step
  and 1% relearning after a lapse (at most 200 and 100: the cards answered
  in the last hour), the rest in review, with due dates from a
  few weeks overdue to a year ahead (the interval of each card is spread
  log-uniformly over 20 to 365 days, 1 to 365 for 5% of them, and its last
  review uniformly over the interval before NOW, or up to a tenth of an
  interval more: then it is overdue), 0.3% of the seen cards
  suspended leeches, and 0.01% of the questions flagged;
- exactly R rows in the review log, spread over the Y years (each reviewed
  card gets a geometric number of reviews; its first review is uniform over
  the years before its last one), inserted in time order as the app would
  have written them (the row ids grow with reviewed_at), each row with the
  before/after fields the app writes, consistent along the card's history
  (state, due, stability, difficulty, reps, lapses, last review), about 3%
  of them practice answers (which leave the card alone);
- the counters the app keeps as answers come (topics.answers, correct,
  retention_reviews, retention_recalled; from schema 6 cards.answered,
  answered_right and topics.first_answers, first_correct) equal to what
  the log says.

The stability and difficulty steps are a plausible imitation of FSRS, not
FSRS itself: nothing in the app replays the log.  The output depends only
on the database, R, NOW, Y and the seed.  Writes with synchronous=OFF and
no journal (the caller works on a copy), in one transaction, then puts the
database back in WAL mode.  Python 3 standard library only.
"""

import argparse
import datetime
import math
import random
import sqlite3
import sys
import time

DAY = 86400000
MIN = 60000

# Rating transitions of the imitation scheduler: state -> rating -> state.
# 0 new, 1 learning, 2 review, 3 relearning.
NEXT_STATE = {
    0: {1: 1, 2: 1, 3: 1, 4: 2},
    1: {1: 1, 2: 1, 3: 2, 4: 2},
    2: {1: 3, 2: 2, 3: 2, 4: 2},
    3: {1: 3, 2: 3, 3: 2, 4: 2},
}
# The rating that takes a card of each state to review.
TO_REVIEW = {0: 4, 1: 3, 2: 3, 3: 3}
S0 = {1: 0.212, 2: 1.2931, 3: 2.3065, 4: 8.2956}
D0 = {1: 6.41, 2: 5.11, 3: 3.88, 4: 2.14}
S_GROW = {1: 0.25, 2: 1.3, 3: 2.2, 4: 3.5}
D_STEP = {1: 0.6, 2: 0.3, 3: 0.0, 4: -0.4}

# What the script fills in; any other NOT NULL column without a default
# stops it (the schema moved on: update this script).
REVIEW_COLS = ["question_id", "topic_id", "reviewed_at", "rating", "correct",
               "mode", "duration_ms", "elapsed_days", "state_before",
               "state_after", "due_before", "due_after", "stability_before",
               "stability_after", "difficulty_before", "difficulty_after",
               "elapsed_days_before", "scheduled_days_before",
               "scheduled_days_after", "learning_steps_before",
               "learning_steps_after", "reps_before", "lapses_before",
               "last_review_before", "leech_before", "suspended_before"]
CARD_COLS = ["state", "due", "stability", "difficulty", "elapsed_days",
             "scheduled_days", "learning_steps", "reps", "lapses",
             "last_review", "suspended", "leech"]


def parse_iso(s):
    d = datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
    return int(d.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def check_schema(db):
    for table, cols in (("reviews", REVIEW_COLS), ("cards", CARD_COLS + ["question_id"]),
                        ("topics", ["answers", "correct", "retention_reviews",
                                    "retention_recalled"])):
        info = db.execute("PRAGMA table_xinfo(%s)" % table).fetchall()
        names = {r[1] for r in info}
        missing = [c for c in cols if c not in names]
        if missing:
            sys.exit("scale_gen: table %s has no column %s: update bench/scale_gen.py"
                     % (table, ", ".join(missing)))
        for r in info:
            # cid, name, type, notnull, dflt, pk, hidden
            if (table == "reviews" and r[3] and r[4] is None and not r[5]
                    and r[6] == 0 and r[1] not in cols):
                sys.exit("scale_gen: reviews.%s is NOT NULL without a default: "
                         "update bench/scale_gen.py" % r[1])


def plan_cards(cards, reviews, rng):
    """Category and number of reviews of each card, summing to REVIEWS."""
    n = len(cards)
    cat = bytearray(n)        # 0 new, 1 learning, 2 review, 3 relearning, 4 leech
    for i in range(n):
        u = rng.random()
        if u < 0.30:
            cat[i] = 0
        elif u < 0.30 + 0.70 * 0.003:
            cat[i] = 4
        else:
            cat[i] = 2
    # Cards in a learning or relearning step are those answered in the last
    # hour: 2% and 1% of the cards, but never more than 200 and 100.
    seen = [i for i in range(n) if cat[i] == 2]
    picks = rng.sample(seen, min(len(seen), min(200, round(0.02 * n)) +
                                 min(100, round(0.01 * n))))
    for m, i in enumerate(picks):
        cat[i] = 1 if m < min(200, round(0.02 * n)) else 3
    k = [0] * n
    fixed = 0
    rest = []
    for i in range(n):
        c = cat[i]
        if c == 1:
            k[i] = 1 + (rng.random() < 0.4)
            fixed += k[i]
        elif c in (2, 3, 4):
            rest.append(i)
    if not rest:
        return cat, k
    lo = {2: 1, 3: 3, 4: 20}
    mean = (reviews - fixed) / len(rest)
    if mean < 1:
        sys.exit("scale_gen: %d reviews are too few for %d cards" % (reviews, n))
    # Geometric counts with the wanted mean, 255 at most.
    for i in rest:
        m = max(lo[cat[i]], 1 + int(-math.log(1.0 - rng.random()) * (mean - 1)))
        k[i] = min(m, 255)
    total = fixed + sum(k[i] for i in rest)
    # Bring the sum to exactly REVIEWS, one review at a time.
    while total != reviews:
        i = rest[int(rng.random() * len(rest))]
        if total < reviews and k[i] < 255:
            k[i] += 1
            total += 1
        elif total > reviews and k[i] > lo[cat[i]]:
            k[i] -= 1
            total -= 1
    return cat, k


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--reviews", type=int, required=True)
    ap.add_argument("--now", default="2026-06-01T12:00:00Z")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--years", type=float, default=3.0)
    a = ap.parse_args(argv)

    t_start = time.perf_counter()
    now = parse_iso(a.now)
    span_start = now - int(a.years * 365 * DAY)
    rng = random.Random(a.seed)
    rand = rng.random

    db = sqlite3.connect(a.db, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")   # 1 GB: the indexes fit
    db.execute("PRAGMA foreign_keys=OFF")
    check_schema(db)
    if db.execute("SELECT EXISTS (SELECT 1 FROM reviews)").fetchone()[0]:
        sys.exit("scale_gen: %s already holds reviews: start from a fresh import" % a.db)
    cards = db.execute("SELECT question_id, topic_id, due FROM cards"
                       " WHERE state = 0 AND hidden = 0 ORDER BY question_id").fetchall()
    n = len(cards)
    if n == 0:
        sys.exit("scale_gen: %s has no cards: import a bank first" % a.db)

    cat, k = plan_cards(cards, a.reviews, rng)

    # Per card: the last review L and the due date and interval after it.
    last = [0] * n
    due_final = [0] * n
    sched_final = [0] * n
    keys = []
    for i in range(n):
        c = cat[i]
        if c == 0:
            continue
        if c == 2:
            # Intervals log-uniform over 20-365 days (1-365 for 5% young
            # cards); the last review anywhere in the interval, or up to a
            # tenth of it more (overdue).
            lo_s = 1 if rand() < 0.05 else 20
            s = max(1, min(365, int(round(math.exp(math.log(lo_s) + rand() * math.log(365 / lo_s))))))
            L = now - MIN - int(rand() * 1.1 * s * DAY)
            due = L + s * DAY
        elif c == 4:
            # Suspended when forgotten once too often, up to 60 days ago.
            s = 0
            L = now - int(rand() * 60 * DAY) - MIN
            due = L + 10 * MIN
        else:
            s = 0
            L = now - int(rand() * 50 * MIN) - MIN
            due = L + 10 * MIN
        last[i], due_final[i], sched_final[i] = L, due, s
        kk = k[i]
        if c == 1:
            first = L - int(rand() * 20 * MIN)
        else:
            first = span_start + int(rand() * (L - span_start))
        ts = [first + int(rand() * (L - first)) for _ in range(kk - 2)]
        ts.sort()
        if kk >= 2:
            ts.insert(0, first)
        ts.append(L)
        # Sort key: time (ms since span_start, 42 bits), card, review.
        for j, t in enumerate(ts):
            keys.append(((t - span_start) << 28) | (i << 8) | j)
    t_plan = time.perf_counter()
    keys.sort()
    t_sort = time.perf_counter()

    # Walk the log in time order, with each card's state as it goes.
    state = bytearray(n)
    stab = [0.0] * n
    diff = [0.0] * n
    cdue = [c[2] for c in cards]
    sched = [0] * n
    steps = bytearray(n)
    reps = [0] * n
    lapses = [0] * n
    prev = [None] * n
    eld = [0] * n
    ntopic = {}
    ins = ("INSERT INTO reviews(%s) VALUES (%s)"
           % (", ".join(REVIEW_COLS), ", ".join("?" * len(REVIEW_COLS))))
    db.execute("BEGIN")
    batch = []
    mask = (1 << 20) - 1
    for key in keys:
        j = key & 255
        i = (key >> 8) & mask
        kk = k[i]
        c = cat[i]
        L = last[i]
        t = (key >> 28) + span_start
        if j == kk - 1:
            t = L
        qid, tid = cards[i][0], cards[i][1]
        sb = state[i]
        practice = 0 < j < kk - 2 and c != 4 and rand() < 0.03
        # The rating: forced on the last two reviews to reach the card's
        # final state, else a realistic mix.
        if j == kk - 1:
            if c == 2:
                r = TO_REVIEW[sb]
            elif c == 1:
                r = 3 if sb == 0 else 1
            else:
                r = 1 if sb == 2 else 2
        elif j == kk - 2 and c != 2:
            r = TO_REVIEW[sb] if c != 1 else 3
        elif c == 4:
            r = 1 if sb == 2 else TO_REVIEW[sb]   # a leech: forgotten again and again
        else:
            u = rand()
            r = 1 if u < 0.12 else 2 if u < 0.18 else 4 if u < 0.25 else 3
        s_b, d_b, due_b, sch_b, st_b = stab[i], diff[i], cdue[i], sched[i], steps[i]
        ed = 0 if prev[i] is None else (t - prev[i]) // DAY
        if practice:
            sa, s_a, d_a, due_a, sch_a, st_a = sb, s_b, d_b, due_b, sch_b, st_b
        else:
            sa = NEXT_STATE[sb][r]
            if sb == 0:
                s_a, d_a = S0[r], D0[r]
            else:
                s_a = min(36500.0, max(0.01, s_b * S_GROW[r] if sb == 2
                                       else s_b * (0.8 + 0.2 * r)))
                d_a = min(10.0, max(1.0, d_b + D_STEP[r]))
            if sa == 2:
                sch_a = max(1, min(36500, int(round(s_a))))
                due_a = t + sch_a * DAY
                st_a = 0
            else:
                sch_a = 0
                due_a = t + (MIN if st_b == 0 and sa == 1 else 10 * MIN)
                st_a = 1
            if j == kk - 1 and sa == 2:
                sch_a, due_a = sched_final[i], due_final[i]
                s_a = sch_a * (0.8 + 0.4 * rand())
            elif j == kk - 1:
                due_a = due_final[i]
        correct = 1 if r > 1 else 0
        batch.append((qid, tid, t, r, correct, "practice" if practice else "review",
                      3000 + min(117000, int(-math.log(1.0 - rand()) * 9000)),
                      ed, sb, sa, due_b, due_a, s_b, s_a, d_b, d_a, eld[i], sch_b,
                      sch_a, st_b, st_a, reps[i], lapses[i], prev[i], 0, 0))
        tally = ntopic.get(tid)
        if tally is None:
            tally = ntopic[tid] = [0, 0, 0, 0]
        tally[0] += 1
        tally[1] += correct
        if not practice and sb == 2:
            tally[2] += 1
            tally[3] += r > 1
        if not practice:
            if sb == 2 and r == 1:
                lapses[i] += 1
            reps[i] += 1
            state[i], stab[i], diff[i], cdue[i], sched[i], steps[i] = sa, s_a, d_a, due_a, sch_a, st_a
            eld[i] = ed
            prev[i] = t
        if len(batch) >= 50000:
            db.executemany(ins, batch)
            batch.clear()
    db.executemany(ins, batch)
    batch.clear()
    t_log = time.perf_counter()

    # The cards as the log leaves them.
    upd = ("UPDATE cards SET %s WHERE question_id = ?"
           % ", ".join("%s = ?" % col for col in CARD_COLS))
    rows = []
    for i in range(n):
        if cat[i] == 0:
            continue
        leech = 1 if cat[i] == 4 else 0
        rows.append((state[i], cdue[i], stab[i], diff[i], eld[i], sched[i], steps[i],
                     reps[i], lapses[i], prev[i], leech, leech,
                     cards[i][0]))
    db.executemany(upd, rows)
    # Schema 6 on: each card counts its answers (all modes) and a trigger
    # keeps its topic's answers and right answers over the visible cards;
    # the first answers (to cards still new) are the prior of readiness.
    v6 = "answered" in {r[1] for r in db.execute("PRAGMA table_xinfo(cards)")}
    if v6:
        db.execute("UPDATE cards SET (answered, answered_right) ="
                   " (SELECT count(*), sum(r.correct) FROM reviews r"
                   "  WHERE r.question_id = cards.question_id)"
                   " WHERE question_id IN (SELECT question_id FROM reviews)")
        db.execute("UPDATE topics SET"
                   " first_answers = (SELECT count(*) FROM reviews r WHERE r.topic_id = topics.id"
                   "  AND r.state_before = 0),"
                   " first_correct = (SELECT count(*) FROM reviews r WHERE r.topic_id = topics.id"
                   "  AND r.state_before = 0 AND r.correct = 1)")
    # A few questions flagged as unclear (they leave every queue).
    flagged = [(cards[i][0],) for i in range(0, n, 10000)]
    db.executemany("UPDATE questions SET flagged = 1, flag_note = 'synthetic flag'"
                   " WHERE id = ?", flagged)
    for tid, (ans, cor, rr, rec) in ntopic.items():
        if v6:
            ans = cor = 0   # counted by the trigger above
        db.execute("UPDATE topics SET answers = answers + ?, correct = correct + ?,"
                   " retention_reviews = retention_reviews + ?,"
                   " retention_recalled = retention_recalled + ? WHERE id = ?",
                   (ans, cor, rr, rec, tid))
    # Answers per hour, as the app keeps them up to date (schema 4 on).
    if db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'hourly'").fetchone()[0]:
        db.execute("DELETE FROM hourly")
        db.execute("INSERT INTO hourly(hour, answers, correct)"
                   " SELECT reviewed_at / 3600000, count(*), sum(correct) FROM reviews"
                   " GROUP BY reviewed_at / 3600000")
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    t_end = time.perf_counter()
    counts = [0] * 5
    for c in cat:
        counts[c] += 1
    print("scale_gen: %s: %d cards (new %d, learning %d, review %d, relearning %d,"
          " leech %d), %d reviews, %d flagged; plan %.1f s, sort %.1f s, log %.1f s,"
          " total %.1f s" % (a.db, n, counts[0], counts[1], counts[2], counts[3],
                             counts[4], len(keys), len(flagged), t_plan - t_start,
                             t_sort - t_plan, t_log - t_sort, t_end - t_start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
