#!/usr/bin/env python3
"""check_bank.py - validate the bundled question bank of whose.

Usage: check_bank.py [--self-test] [QUESTIONS_DIR]

QUESTIONS_DIR defaults to the `questions` folder next to this script's
parent (tests/../questions).  Every *.csv file in it is read as one topic
file of the bank and checked against the format the C importer accepts:
RFC 4180 CSV, UTF-8 without BOM, LF line ends, the fixed header, and the
per-type rules for every row.  Then the bank as a whole is checked: size,
number of topics, the mix of question types (overall and per topic), the
balance of 'who' answers (each of AWS, Customer and Shared a real answer),
'who' stems that give the answer away (cue phrases, and words that appear
mostly in Shared stems), sources that are not AWS's own pages,
and duplicate or near-duplicate questions.  Last, a form-reader (a learner
who answers by the form of a question alone: the longest option, stock
fillers, absolute words, reason clauses, the shape of a stem, the most
common answer per type, topic and cue) must score no better than guessing
within FORM_TOLERANCE, per question type; its figures are printed as
`form-reader TYPE: ...` lines.

Every rule evaluated counts as one check.  Each failed check prints one
line `FAIL <file>:<line> <id>: <what is wrong>`; the script then prints a
one-line summary of the bank and, last, a line `N passed, M failed`.  The
exit status is 0 only when M is 0.

With --self-test, the real bank is copied and broken once per rule (a cue
phrase, a non-AWS source, a run of 'who' rows, too few types, no Shared
answers, too many 'who' rows, a wrong id, the longest option always
right, a reason clause in every false statement, an incident story in
every Customer stem): the checker must catch each.

Standard library only.
"""

import csv
import io
import os
import re
import sys

HEADER = ["id", "topic", "type", "question", "choices", "answer",
          "explanation", "source", "tags", "why_not", "shuffle"]
TYPES = ("who", "choice", "multi", "truefalse", "sort", "card")
BUCKETS = ("AWS", "Customer", "Shared")
LETTERS = "ABCDEF"
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}

MAX_ID = 64
MAX_TOPIC = 32
MAX_QUESTION = 600
MAX_EXPLANATION = 500
MAX_CARD_BACK = 400
MAX_SORT_ITEM = 80
MAX_WHY_NOT = 200
MAX_SENTENCES = 3
# Options of one question are alike in length: a right option may not be
# more than ALIKE_RATIO times as long as every wrong one, nor every wrong
# one that much longer than the right ones, unless they differ by no more
# than ALIKE_SLACK characters ('Auto' beside 'Manual' is fine).
ALIKE_RATIO = 1.3
ALIKE_SLACK = 12

# Bank-level thresholds.
MIN_QUESTIONS = 450
MIN_TOPICS = 20
# 'who' is the model's own question type, but a bank made mostly of it
# trains one reflex: keep it between these shares of the bank.
MIN_WHO_SHARE = 0.35
MAX_WHO_SHARE = 0.50
# Each owner must be the answer of at least this share of the 'who'
# questions, so that no owner can be ignored (Shared least of all), and
# none of more than MAX_WHO_OWNER_SHARE, so always giving one answer fails.
MIN_WHO_OWNER_SHARE = {"AWS": 0.25, "Customer": 0.25, "Shared": 0.15}
MAX_WHO_OWNER_SHARE = 0.60
MIN_SORT = 15
MUST_HAVE_TYPES = ("choice", "multi", "truefalse", "card")
# Each topic is scored on its own: it needs this many question types.
MIN_TYPES_PER_TOPIC = 3
# A topic file may not open with a longer run of 'who' rows than this.
MAX_LEADING_WHO = 2
JACCARD_LIMIT = 0.85
# A word that turns up in many 'who' stems must not point at Shared: among
# the stems containing any word that appears in at least CUE_WORD_MIN_STEMS
# of them, Shared may be the answer of at most CUE_WORD_MAX_SHARED, so that
# picking Shared whenever that word appears does not pay.
CUE_WORD_MIN_STEMS = 5
CUE_WORD_MAX_SHARED = 0.5

# Where a `source` may point: AWS documentation, AWS's own sites and AWS
# whitepapers.  Seed documents and third-party pages are not sources.
SOURCE_HOSTS = ("docs.aws.amazon.com", "aws.amazon.com", "d0.awsstatic.com",
                "d1.awsstatic.com")
# Words in a 'who' stem that announce the answer (Shared, above all) instead
# of describing a scenario the learner has to reason about.
CUE_RE = re.compile(
    r"\b(as a whole|as one control|both parties|both AWS and|AWS and the "
    r"customer|jointly|each party|end to end|split between|shared between|"
    r"shared responsibility|whole (workload|stack)|AWS staff included)\b", re.I)
URL_RE = re.compile(r"^https://([a-z0-9.-]+)(/[^\s|]*)?$")
ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*$")
TAG_RE = re.compile(r"^([a-z0-9][a-z0-9-]*|as-of:\d{4}-(0[1-9]|1[0-2]))$")
# Dates as data: a fact that changed by date says its date (a year) in the
# question or explanation, and carries one tag as-of:YYYY-MM, the month it
# was last checked against AWS's pages, so that `whose check --dated` lists
# it for the next review.  Any year in a row's text marks it as dated.
YEAR_RE = re.compile(r"\b20[0-3]\d\b")
WHY_RE = re.compile(r"^([A-F]): (\S.*)$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Choices that only make sense in a fixed order.
ORDERED_CHOICE_RE = re.compile(
    r"\b(all of the above|none of the above|both [a-f] and [a-f])\b", re.I)
# Abbreviations whose dot does not end a sentence.
ABBREV_RE = re.compile(r"\b(e\.g|i\.e|etc|vs|cf|approx|incl)\.", re.I)
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


class Report:
    """Counts checks and prints one line per failure."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, where, message):
        """Count one check; print MESSAGE at WHERE when OK is false."""
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {where}: {message}")
        return ok


def count_sentences(text):
    """Rough sentence count: abbreviations such as 'e.g.' do not end one."""
    text = ABBREV_RE.sub(lambda m: m.group(1), text.strip())
    return len([s for s in SENTENCE_SPLIT_RE.split(text) if s.strip()])


def normalise(text):
    """Lowercase, keep only letters and digits."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def word_set(text):
    return set(re.findall(r"[0-9a-z]+", text.lower()))


def strict_rfc4180(text):
    """Parse TEXT as strict RFC 4180 (LF records); return (rows, error).

    Each row is (line_number, fields).  Stricter than the csv module: a
    quote inside an unquoted field, text after a closing quote, an
    unterminated quoted field and a CR are all errors.
    """
    rows = []
    i, n, line = 0, len(text), 1
    while i < n:
        start_line = line
        fields = []
        while True:
            if i < n and text[i] == '"':
                i += 1
                buf = []
                while True:
                    if i >= n:
                        return rows, f"line {start_line}: quoted field never closed"
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\n":
                        line += 1
                    buf.append(c)
                    i += 1
                if i < n and text[i] not in ",\n":
                    return rows, f"line {line}: text after a closing quote"
                fields.append("".join(buf))
            else:
                j = i
                while j < n and text[j] not in ",\n":
                    if text[j] == '"':
                        return rows, (f"line {line}: a quote inside an unquoted "
                                      "field (quote the field and double the quote)")
                    j += 1
                fields.append(text[i:j])
                i = j
            if i < n and text[i] == ",":
                i += 1
                continue
            break
        if i < n:  # at a LF
            i += 1
            line += 1
        rows.append((start_line, fields))
    return rows, None


def check_text_field(rep, where, name, value, allow_newline=False):
    """Rules shared by every free-text field."""
    bad = value if not allow_newline else value.replace("\n", "")
    rep.check(not CONTROL_RE.search(bad), where,
              f"{name} contains a control character, tab or line break")
    rep.check(value == value.strip(), where,
              f"{name} has leading or trailing whitespace")


def split_list(value):
    return value.split("|") if value else []


def check_row(rep, where, row, slug):
    """Check one data row (a dict keyed by HEADER).  Returns the row id."""
    qid = row["id"]
    qtype = row["type"]
    question = row["question"]
    choices = row["choices"]
    answer = row["answer"]
    why_not = row["why_not"]

    for name in HEADER:
        check_text_field(rep, where, name, row[name])

    # id
    rep.check(bool(ID_RE.match(qid)) and len(qid) <= MAX_ID, where,
              f"id {qid!r} must be lowercase [a-z0-9-], start with a letter, "
              f"at most {MAX_ID} chars")
    # Ids are stable: a merged-away question leaves a gap rather than a
    # renumbering, and rows may be reordered, so only the form is checked.
    rep.check(re.fullmatch(rf"{re.escape(slug)}-\d{{3}}", qid) is not None, where,
              f"id {qid!r} should be '{slug}-NNN' (the file's name, a dash, three digits)")

    # topic
    rep.check(0 < len(row["topic"]) <= MAX_TOPIC, where,
              f"topic must be 1..{MAX_TOPIC} characters")

    # type
    if not rep.check(qtype in TYPES, where,
                     f"type {qtype!r} is not one of {', '.join(TYPES)}"):
        return qid

    # question
    rep.check(0 < len(question) <= MAX_QUESTION, where,
              f"question must be 1..{MAX_QUESTION} characters (has {len(question)})")
    rep.check("|" not in question, where, "question contains a literal '|'")

    # explanation and source: required on every row
    expl = row["explanation"]
    rep.check(0 < len(expl) <= MAX_EXPLANATION, where,
              f"explanation must be 1..{MAX_EXPLANATION} characters (has {len(expl)})")
    rep.check("|" not in expl, where, "explanation contains a literal '|'")
    ns = count_sentences(expl)
    rep.check(1 <= ns <= MAX_SENTENCES, where,
              f"explanation should be 1-{MAX_SENTENCES} sentences (found {ns})")
    source = row["source"]
    url = URL_RE.match(source)
    rep.check(url is not None and url.group(1) in SOURCE_HOSTS, where,
              f"source {source!r} must be an https URL on an AWS site "
              f"({', '.join(SOURCE_HOSTS)})")

    # tags
    tags = split_list(row["tags"])
    rep.check(all(TAG_RE.match(t) for t in tags), where,
              "tags must be lowercase words [a-z0-9-] separated by '|', or as-of:YYYY-MM")
    as_of = [t for t in tags if t.startswith("as-of:")]
    rep.check(len(as_of) <= 1, where, "a question has one as-of:YYYY-MM tag at most")
    text = " ".join(row[k] for k in ("question", "choices", "answer", "explanation", "why_not"))
    year = YEAR_RE.search(text)
    rep.check(year is None or as_of, where,
              f"mentions the year {year.group(0) if year else ''}: a fact that changed by "
              "date carries a tag as-of:YYYY-MM (the month it was last checked)")
    shown = question + " " + expl + (" " + answer if qtype == "card" else "")
    rep.check(not as_of or YEAR_RE.search(shown), where,
              "tagged as-of but neither the question nor the explanation says the date")

    # shuffle
    rep.check(row["shuffle"] in ("", "no"), where, "shuffle must be empty or 'no'")

    opts = split_list(choices)
    if qtype in ("choice", "multi"):
        lo, hi = (3, 5) if qtype == "choice" else (4, 6)
        rep.check(lo <= len(opts) <= hi, where,
                  f"{qtype} needs {lo} to {hi} choices separated by '|' (has {len(opts)})")
        rep.check(all(o and o == o.strip() for o in opts), where,
                  "a choice is empty or has surrounding spaces")
        rep.check(len(set(o.lower() for o in opts)) == len(opts), where,
                  "two choices are identical")
        ordered = any(ORDERED_CHOICE_RE.search(o) for o in opts)
        rep.check(not ordered or row["shuffle"] == "no", where,
                  "a choice refers to other choices ('all of the above', 'both A and B'): "
                  "set shuffle to 'no'")
        valid = LETTERS[:len(opts)]
        if qtype == "choice":
            ok = rep.check(len(answer) == 1 and answer in valid, where,
                           f"choice answer must be one letter among {valid} (got {answer!r})")
            right = {answer} if ok else set()
        else:
            letters = split_list(answer)
            ok = rep.check(
                len(letters) >= 2 and all(len(x) == 1 and x in valid for x in letters)
                and len(set(letters)) == len(letters) and letters == sorted(letters)
                and len(letters) < len(opts), where,
                f"multi answer must be 2+ distinct letters among {valid} in order, "
                f"separated by '|', not all of them (got {answer!r})")
            right = set(letters) if ok else set()
            if ok:
                word = NUMBER_WORDS.get(len(letters), str(len(letters)))
                rep.check(re.search(rf"\bchoose {word}\b", question, re.I) is not None,
                          where, f"multi question must say 'Choose {word}.'")
        if right and len(right) < len(opts):
            rl = [len(opts[LETTERS.index(x)]) for x in sorted(right)]
            wl = [len(o) for i, o in enumerate(opts) if LETTERS[i] not in right]
            longer = min(rl) > ALIKE_RATIO * max(wl) and min(rl) - max(wl) > ALIKE_SLACK
            shorter = max(rl) * ALIKE_RATIO < min(wl) and min(wl) - max(rl) > ALIKE_SLACK
            rep.check(not longer and not shorter, where,
                      f"the right option{'s are' if len(rl) > 1 else ' is'} {'/'.join(map(str, rl))} "
                      f"characters and the wrong ones {'/'.join(map(str, wl))}: options of one question "
                      f"should be alike in length (within {ALIKE_RATIO}x or {ALIKE_SLACK} characters)")
        # why_not: exactly the wrong letters, one entry each
        entries = split_list(why_not)
        seen = []
        for e in entries:
            m = WHY_RE.match(e)
            if rep.check(m is not None, where,
                         f"why_not entry {e[:40]!r} is not 'LETTER: reason'"):
                seen.append(m.group(1))
                rep.check(len(e) <= MAX_WHY_NOT, where,
                          f"why_not entry for {m.group(1)} is longer than {MAX_WHY_NOT} chars")
        if right:
            wrong = [x for x in valid if x not in right]
            rep.check(sorted(seen) == wrong and len(seen) == len(set(seen)), where,
                      f"why_not must cover exactly the wrong letters {'|'.join(wrong)} "
                      f"once each (has {'|'.join(seen) or 'none'})")
    elif qtype == "sort":
        rep.check(4 <= len(opts) <= 6, where,
                  f"sort needs 4 to 6 items separated by '|' (has {len(opts)})")
        rep.check(all(o and o == o.strip() and len(o) <= MAX_SORT_ITEM for o in opts),
                  where, f"sort items must be non-empty, trimmed, at most {MAX_SORT_ITEM} chars")
        rep.check(len(set(o.lower() for o in opts)) == len(opts), where,
                  "two sort items are identical")
        buckets = split_list(answer)
        rep.check(len(buckets) == len(opts) and all(b in BUCKETS for b in buckets),
                  where, "sort answer must give one of AWS/Customer/Shared per item, "
                  f"in order (items {len(opts)}, answers {len(buckets)})")
        rep.check(len(set(buckets)) >= 2, where,
                  "sort answer should use at least two different buckets")
        rep.check(why_not == "", where, "why_not must be empty for sort")
    else:
        rep.check(choices == "", where, f"choices must be empty for {qtype}")
        rep.check(why_not == "", where, f"why_not must be empty for {qtype}")
        if qtype == "who":
            rep.check(answer in BUCKETS, where,
                      f"who answer must be AWS, Customer or Shared (got {answer!r})")
            rep.check(question.endswith("?"), where,
                      "who question must end with a question such as 'Whose responsibility?'")
            cue = CUE_RE.search(question)
            rep.check(cue is None, where,
                      f"who question announces its answer with {cue.group(0)!r}: "
                      "describe the scenario and let the learner work out the owner"
                      if cue else "")
        elif qtype == "truefalse":
            rep.check(answer in ("true", "false"), where,
                      f"truefalse answer must be 'true' or 'false' (got {answer!r})")
        elif qtype == "card":
            rep.check(0 < len(answer) <= MAX_CARD_BACK, where,
                      f"card back (answer) must be 1..{MAX_CARD_BACK} characters "
                      f"(has {len(answer)})")
            rep.check("|" not in answer, where, "card back contains a literal '|'")
    return qid


def check_file(rep, path, bank):
    """Check one topic file and append its rows to BANK."""
    name = os.path.basename(path)
    slug = name[:-4]
    rep.check(bool(SLUG_RE.match(slug)), name,
              "file name must be a lowercase slug [a-z0-9-] ending in .csv")
    with open(path, "rb") as fh:
        raw = fh.read()
    rep.check(not raw.startswith(b"\xef\xbb\xbf"), name, "file starts with a UTF-8 BOM")
    rep.check(b"\r" not in raw, name, "file contains CR: line ends must be LF only")
    rep.check(raw.endswith(b"\n"), name, "file must end with a line feed")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        rep.check(False, name, f"not valid UTF-8: {exc}")
        return
    text = text.lstrip("\ufeff")

    strict_rows, err = strict_rfc4180(text)
    rep.check(err is None, name, f"not strict RFC 4180 CSV: {err}")
    parsed, parse_error = [], None
    try:
        parsed = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        parse_error = exc
    if not rep.check(parse_error is None, name, f"CSV does not parse: {parse_error}"):
        return
    if err is None and b"\r" not in raw:
        rep.check([r for _, r in strict_rows] == parsed, name,
                  "strict parse and csv module disagree")
    if not rep.check(bool(parsed), name, "file is empty"):
        return
    rep.check(parsed[0] == HEADER, name,
              f"header must be exactly: {','.join(HEADER)}")
    lines = [ln for ln, _ in strict_rows] if err is None else list(range(1, len(parsed) + 1))

    topics = set()
    types = []
    number = 0
    for idx, fields in enumerate(parsed[1:], start=1):
        lineno = lines[idx] if idx < len(lines) else idx + 1
        where = f"{name}:{lineno}"
        if not rep.check(len(fields) == len(HEADER), where,
                         f"row has {len(fields)} fields, expected {len(HEADER)}"
                         + (" (blank line?)" if not fields else "")):
            continue
        number += 1
        row = dict(zip(HEADER, fields))
        qid = check_row(rep, f"{where} {row['id']}", row, slug)
        types.append(row["type"])
        topics.add(row["topic"])
        bank.append({"file": name, "where": f"{where} {qid}", **row})
    rep.check(number > 0, name, "file has no questions")
    rep.check(len(topics) <= 1, name,
              f"topic must be identical on every row (found {sorted(topics)})")
    lead = 0
    while lead < len(types) and types[lead] == "who":
        lead += 1
    rep.check(lead <= MAX_LEADING_WHO, name,
              f"file opens with {lead} 'who' rows in a row, at most {MAX_LEADING_WHO}: "
              "mix the types")


def check_bank(rep, bank, files):
    """Bank-level rules: uniqueness, size, mix of types, duplicates."""
    ids = {}
    for q in bank:
        ids.setdefault(q["id"], []).append(q["where"])
    for qid, wheres in ids.items():
        rep.check(len(wheres) == 1, wheres[-1], f"id {qid!r} is used {len(wheres)} times")

    topic_of_file = {}
    for q in bank:
        topic_of_file.setdefault(q["file"], q["topic"])
    file_of_topic = {}
    for f, t in topic_of_file.items():
        rep.check(t not in file_of_topic, f,
                  f"topic {t!r} is also used by {file_of_topic.get(t)}")
        file_of_topic.setdefault(t, f)

    total = len(bank)
    by_type = {t: 0 for t in TYPES}
    for q in bank:
        if q["type"] in by_type:
            by_type[q["type"]] += 1
    topics = sorted(set(q["topic"] for q in bank))
    rep.check(total >= MIN_QUESTIONS, "bank",
              f"only {total} questions, need at least {MIN_QUESTIONS}")
    rep.check(len(topics) >= MIN_TOPICS, "bank",
              f"only {len(topics)} topics, need at least {MIN_TOPICS}")
    who_share = by_type["who"] / total if total else 0.0
    rep.check(MIN_WHO_SHARE <= who_share <= MAX_WHO_SHARE, "bank",
              f"'who' questions are {who_share:.0%} of the bank, need "
              f"{MIN_WHO_SHARE:.0%} to {MAX_WHO_SHARE:.0%}")
    types_of_topic = {}
    for q in bank:
        types_of_topic.setdefault(q["topic"], set()).add(q["type"])
    for t, ts in sorted(types_of_topic.items()):
        rep.check(len(ts) >= MIN_TYPES_PER_TOPIC, file_of_topic.get(t, "bank"),
                  f"topic {t!r} has {len(ts)} question types ({', '.join(sorted(ts))}), "
                  f"need at least {MIN_TYPES_PER_TOPIC}")
    who_answers = {b: 0 for b in BUCKETS}
    for q in bank:
        if q["type"] == "who" and q["answer"] in who_answers:
            who_answers[q["answer"]] += 1
    who_total = sum(who_answers.values())
    top_owner = max(BUCKETS, key=lambda b: who_answers[b])
    top_share = who_answers[top_owner] / who_total if who_total else 0.0
    split = ", ".join(f"{b}={who_answers[b]} ({who_answers[b] / who_total:.0%})"
                      if who_total else f"{b}=0" for b in BUCKETS)
    for b in BUCKETS:
        share = who_answers[b] / who_total if who_total else 0.0
        rep.check(share >= MIN_WHO_OWNER_SHARE[b], "bank",
                  f"'{b}' is the answer of {share:.0%} of the 'who' questions, need at "
                  f"least {MIN_WHO_OWNER_SHARE[b]:.0%} (split: {split})")
    stems_with = {}
    for q in bank:
        if q["type"] == "who" and q["answer"] in BUCKETS:
            for w in word_set(q["question"]):
                stems_with.setdefault(w, []).append(q["answer"])
    for w, answers in sorted(stems_with.items()):
        if len(answers) >= CUE_WORD_MIN_STEMS:
            shared = answers.count("Shared")
            rep.check(shared <= CUE_WORD_MAX_SHARED * len(answers), "bank",
                      f"the word {w!r} is a cue for Shared: {shared} of the {len(answers)} "
                      f"'who' stems containing it answer Shared, at most "
                      f"{CUE_WORD_MAX_SHARED:.0%} allowed")
    rep.check(top_share <= MAX_WHO_OWNER_SHARE, "bank",
              f"'who' answers are unbalanced: {top_owner} answers {top_share:.0%} of "
              f"{who_total} 'who' questions, at most {MAX_WHO_OWNER_SHARE:.0%} allowed "
              f"(split: {split})")
    # The convention that keys 'who' questions (action or outcome, see
    # whose-bank(5)) is taught by a card, so the learner can know it.
    rep.check(any(q["type"] == "card" and "convention" in split_list(q["tags"]) for q in bank),
              "bank", "no card teaches how 'who' questions are keyed (a card tagged 'convention')")
    rep.check(by_type["sort"] >= MIN_SORT, "bank",
              f"only {by_type['sort']} 'sort' questions, need at least {MIN_SORT}")
    for t in MUST_HAVE_TYPES:
        rep.check(by_type[t] > 0, "bank", f"no question of type {t!r}")

    # Duplicates: identical normalised text, then high word overlap.
    norm = {}
    for q in bank:
        key = normalise(q["question"])
        rep.check(key not in norm, q["where"],
                  f"same question text (normalised) as {norm.get(key)}")
        norm.setdefault(key, q["where"])
    # One check per question: no earlier question shares more than
    # JACCARD_LIMIT of its word set (exact repeats are reported above).
    words = [(q, word_set(q["question"])) for q in bank]
    worst = 0.0
    for i, (b, wb) in enumerate(words):
        near = []
        for a, wa in words[:i]:
            if not wa or not wb or normalise(a["question"]) == normalise(b["question"]):
                continue
            j = len(wa & wb) / len(wa | wb)
            worst = max(worst, j)
            if j > JACCARD_LIMIT:
                near.append(f"{a['where']} ({j:.2f})")
        rep.check(not near, b["where"],
                  f"near-duplicate (word overlap > {JACCARD_LIMIT}) of {', '.join(near)}")

    type_part = ", ".join(f"{t}={by_type[t]}" for t in TYPES)
    topic_counts = {}
    for q in bank:
        topic_counts[q["topic"]] = topic_counts.get(q["topic"], 0) + 1
    topic_part = ", ".join(f"{t}={topic_counts[t]}" for t in topics)
    print(f"bank: {total} questions in {len(files)} files, {len(topics)} topics; "
          f"types: {type_part} (who {who_share:.0%}); who answers: {split}; "
          f"topics: {topic_part}; "
          f"max word overlap {worst:.2f}")


# ---------------------------------------------------------------------------
# The form-reader: a learner who knows nothing about clouds and answers by
# the form of the question alone.  It brings the test-wise habits of a
# seasoned exam taker, and learns which way each habit points from the rest
# of the bank (leave one out: a question is answered from what the other
# questions taught, never from its own answer):
#   choice/multi  pick the longest option(s); pick the shortest; strike
#                 the longest (a bank that overcorrected); strike
#                 stock fillers (a fixed list, plus any opening of three or
#                 more words that is never right elsewhere) and guess among
#                 the rest; strike options with absolute words; strike
#                 fillers, then pick the longest left.
#   truefalse     the most common answer; the answer most common among
#                 statements with the same cue (an absolute word, a reason
#                 clause, a negation) or the same topic.
#   who           the most common answer; the answer most common among
#                 stems of the same shape (an incident story ending in a
#                 bare 'Whose responsibility?', two clauses joined, a
#                 colon), or of the same topic.
# Each strategy's expected score (ties are guessed at random) must stay
# within FORM_TOLERANCE of guessing: chance for choice and multi (one over
# the number of options, or of option sets of the size asked for), one half
# for truefalse, and for 'who' the share of the most common answer, which
# the bank rules above already cap at MAX_WHO_OWNER_SHARE.  'sort' and
# 'card' are not read: a card is graded by the learner, and a sort counts
# only when every item is right.
FORM_TOLERANCE = 0.05
# A group of questions that share a cue or a topic is a strategy of its own
# ('every incident story is the customer's', 'a stem naming both sides is
# Shared'): in a group of FORM_MIN_GROUP or more, no answer may be given
# more than FORM_GROUP_TOLERANCE more often than in the whole type (small
# groups are noisy); a group of 3 to FORM_MIN_GROUP-1 may not have one
# answer throughout.
FORM_GROUP_TOLERANCE = 0.20
FORM_MIN_GROUP = 8
# On: every strategy and group is a counted check.  (Off, the figures are
# only printed; the self-test always runs the reader enforced.)
FORM_ENFORCED = True
# Words that make a statement absolute, and clauses that give a reason.
ABSOLUTE_RE = re.compile(
    r"\b(always|never|only|all|every|none|nothing|any|no one|entirely|"
    r"completely|fully|automatically|guarantee[sd]?)\b", re.I)
REASON_RE = re.compile(r"\b(because|so|since|therefore|as a result|which means)\b", re.I)
NEGATION_RE = re.compile(r"\b(not|no|never|cannot|can't|isn't|doesn't|don't|won't)\b", re.I)
# Stock distractors that a test-wise learner strikes out unread.
STOCK_RE = re.compile(r"^(nothing\b|none\b|aws support\b|docker\b|no one\b|"
                      r"the customer's isp\b|the internet provider\b)", re.I)
# An incident story: something went wrong, told in the past tense, and the
# stem ends in a bare question after a full stop.
INCIDENT_RE = re.compile(
    r"\b(breach\w*|leak\w*|expos\w*|stolen|compromis\w*|delet\w*|lost|"
    r"attack\w*|ransomware|outage|went down|fail\w*|exfiltrat\w*|mining|"
    r"hijack\w*|sniff\w*|exploit\w*|phish\w*|corrupt\w*|overwr\w*|"
    r"breaks?|broke|scanners?|dumps?|captured|inaccessible|gone|flaw\w*|"
    r"vulnerab\w*|unencrypted|crash\w*|down)\b", re.I)


AWS_SIDE_RE = re.compile(r"\b(AWS's|data cent\w*|hardware|fleet|hosts?|hypervisors?|"
                         r"infrastructure|facilit\w*)\b", re.I)
CUSTOMER_SIDE_RE = re.compile(r"\b(its own|company's|team's|administrators?|applications?|"
                              r"guest|developers?)\b", re.I)


def _opening(option):
    """The first two words of an option, lowercased: its 'stock' form."""
    return " ".join(re.findall(r"[a-z0-9']+", option.lower())[:2])


def _choice_items(bank):
    """(question, options, set of right indexes) for choice and multi rows
    whose answer parses."""
    items = []
    for q in bank:
        if q["type"] not in ("choice", "multi"):
            continue
        opts = split_list(q["choices"])
        letters = split_list(q["answer"]) if q["type"] == "multi" else [q["answer"]]
        if not opts or not all(len(x) == 1 and x in LETTERS[:len(opts)] for x in letters):
            continue
        items.append((q, opts, {LETTERS.index(x) for x in letters}))
    return items


def _pick_extreme(opts, right, k, key):
    """Expected score of choosing the K options with the highest KEY, ties
    broken at random: 1/C(t, m) when the right set is the chosen one."""
    from math import comb
    vals = [key(o) for o in opts]
    order = sorted(set(vals), reverse=True)
    above = set()
    for v in order:
        tied = {i for i, x in enumerate(vals) if x == v}
        if len(above) + len(tied) >= k:
            m = k - len(above)
            if above <= right and right <= above | tied and len(right & tied) == m:
                return 1.0 / comb(len(tied), m)
            return 0.0
        above |= tied
    return 0.0


def _guess_among(n_left, right, left, k):
    """Expected score of a random K-set among the options LEFT."""
    from math import comb
    if len(left) < k:
        return 0.0
    return 1.0 / comb(len(left), k) if right <= left else 0.0


def _stock_openings(items, skip):
    """Openings of options that appear three or more times across ITEMS
    other than the one at SKIP and are never a right option there."""
    seen, right_seen = {}, set()
    for j, (_, opts, right) in enumerate(items):
        if j == skip:
            continue
        for i, o in enumerate(opts):
            w = _opening(o)
            seen[w] = seen.get(w, 0) + 1
            if i in right:
                right_seen.add(w)
    return {w for w, c in seen.items() if c >= 3 and w not in right_seen}


def form_read_choice(bank, qtype):
    """Scores of the choice strategies on rows of QTYPE: a dict name ->
    expected share right, plus 'chance' and 'n'."""
    from math import comb
    items = [it for it in _choice_items(bank) if it[0]["type"] == qtype]
    n = len(items)
    out = {"n": n}
    if not n:
        return out
    scores = {"longest": 0.0, "shortest": 0.0, "strike the longest": 0.0, "strike stock": 0.0,
              "strike absolutes": 0.0, "strike stock, then longest": 0.0}
    chance = 0.0
    for j, (q, opts, right) in enumerate(items):
        k = len(right)
        chance += 1.0 / comb(len(opts), k)
        scores["longest"] += _pick_extreme(opts, right, k, len)
        scores["shortest"] += _pick_extreme(opts, right, k, lambda o: -len(o))
        everything = set(range(len(opts)))
        top = max(len(o) for o in opts)
        longest = {i for i, o in enumerate(opts) if len(o) == top}
        scores["strike the longest"] += _guess_among(
            len(opts), right, everything - longest if len(everything - longest) >= k
            else everything, k)
        stock = _stock_openings(items, j)
        struck = {i for i, o in enumerate(opts) if STOCK_RE.search(o) or _opening(o) in stock}
        left = everything - struck if len(everything - struck) >= k else everything
        scores["strike stock"] += _guess_among(len(opts), right, left, k)
        absolute = {i for i, o in enumerate(opts) if ABSOLUTE_RE.search(o)}
        left_abs = everything - absolute if len(everything - absolute) >= k else everything
        scores["strike absolutes"] += _guess_among(len(opts), right, left_abs, k)
        sub = sorted(left)
        sub_right = {sub.index(i) for i in right if i in left}
        if len(sub_right) == k:
            scores["strike stock, then longest"] += _pick_extreme(
                [opts[i] for i in sub], sub_right, k, len)
    out["chance"] = chance / n
    for name, s in scores.items():
        out[name] = s / n
    return out


def _loo_majority(answers, i, groups, fallback):
    """Expected score of answering item I with the most common answer of
    the other items in its group (GROUPS[i]); an empty group falls back
    to FALLBACK's group.  Ties are guessed at random."""
    counts = {}
    for j, g in enumerate(groups):
        if j != i and g == groups[i]:
            counts[answers[j]] = counts.get(answers[j], 0) + 1
    if not counts and fallback is not None:
        return _loo_majority(answers, i, fallback, None)
    if not counts:
        return 0.0
    top = max(counts.values())
    best = [a for a, c in counts.items() if c == top]
    return 1.0 / len(best) if answers[i] in best else 0.0


def _stem_cues(question):
    """What a form-reader sees in a 'who' stem without reading it: the
    cue name of each shape the stem has."""
    cues = []
    bare_end = re.search(r"[.!]\s+[A-Z][^.?!:]*\?$", question) is not None
    if bare_end:
        cues.append("bare question after a full stop")
        if INCIDENT_RE.search(question):
            cues.append("incident story")
    if re.search(r":[^:]*\?$", question):
        cues.append("colon before the question")
    if re.search(r"\b(while|whereas|but)\b|;", question):
        cues.append("two clauses joined")
    if question.startswith("Who "):
        cues.append("starts with 'Who'")
    # One AWS-side clause and one customer-side clause: the shape the issue
    # found in Shared stems.
    if (AWS_SIDE_RE.search(question) and CUSTOMER_SIDE_RE.search(question)
            and re.search(r"\band\b|;|\bwhile\b|\bbut\b", question)):
        cues.append("names both sides")
    return cues


def _tf_cues(question):
    """The cues of a true/false statement."""
    cues = []
    for name, rx in (("absolute words", ABSOLUTE_RE), ("reason clause", REASON_RE),
                     ("negation", NEGATION_RE)):
        if rx.search(question):
            cues.append(name)
    return cues


def form_read_answers(bank, qtype):
    """Scores of the answer-frequency strategies on rows of QTYPE
    (truefalse or who): overall scores by name, and 'groups', a list of
    (group name, size, share of its most common answer, that answer) for
    every cue and every topic."""
    rows = [q for q in bank if q["type"] == qtype]
    n = len(rows)
    out = {"n": n, "groups": []}
    if not n:
        return out
    answers = [q["answer"] for q in rows]
    cue_of = _tf_cues if qtype == "truefalse" else _stem_cues
    cues = [cue_of(q["question"]) for q in rows]
    everyone = [0] * n
    strategies = {"most common": everyone, "same topic": [q["topic"] for q in rows]}
    names = sorted(set(c for cs in cues for c in cs))
    for name in names:
        strategies[name] = [name in cs for cs in cues]
    strategies["all cues"] = [tuple(cs) for cs in cues]
    out["chance"] = 0.5 if qtype == "truefalse" else \
        max(answers.count(b) for b in set(answers)) / n
    for name, groups in strategies.items():
        out[name] = sum(_loo_majority(answers, i, groups, everyone) for i in range(n)) / n
    members = {name: [i for i in range(n) if name in cues[i]] for name in names}
    for topic in sorted(set(q["topic"] for q in rows)):
        members[f"topic {topic}"] = [i for i in range(n) if rows[i]["topic"] == topic]
    overall = {a: answers.count(a) / n for a in set(answers)}
    out["overall"] = overall
    for name, idx in members.items():
        if idx:
            got = [answers[i] for i in idx]
            # The answer the group leans to most, against its share overall.
            top = max(set(got), key=lambda a: (got.count(a) / len(idx) - overall[a], a))
            out["groups"].append((name, len(idx), got.count(top) / len(idx), top))
    return out


def form_reader(bank):
    """Every strategy's score per type: {type: {name: score, 'chance', 'n'}}."""
    return {"choice": form_read_choice(bank, "choice"),
            "multi": form_read_choice(bank, "multi"),
            "truefalse": form_read_answers(bank, "truefalse"),
            "who": form_read_answers(bank, "who")}


def check_form(rep, bank, enforce):
    """Count one check per type and strategy: no strategy of the
    form-reader may beat guessing by more than FORM_TOLERANCE.  With
    ENFORCE false the figures are printed and nothing fails."""
    for qtype, res in form_reader(bank).items():
        if not res.get("n"):
            continue
        chance = res["chance"]
        limit = chance + FORM_TOLERANCE
        names = [k for k in res if k not in ("n", "chance", "groups", "overall")]
        parts = ", ".join(f"{k} {res[k]:.1%}" for k in names)
        print(f"form-reader {qtype}: n={res['n']}, guessing {chance:.1%}, "
              f"limit {limit:.1%}: {parts}")
        for k in names:
            ok = res[k] <= limit + 1e-9
            msg = (f"form-reader: on {res['n']} '{qtype}' questions, answering by "
                   f"'{k}' scores {res[k]:.1%}, guessing {chance:.1%}, at most "
                   f"{limit:.1%} allowed: rewrite so the form does not give the answer")
            _form_verdict(rep, enforce, ok, msg)
        for name, size, share, top in res.get("groups", ()):
            if size < FORM_MIN_GROUP:
                ok = size < 3 or share < 1.0
                rule = "may not have one answer throughout"
            else:
                base = res["overall"][top]
                ok = share <= base + FORM_GROUP_TOLERANCE + 1e-9
                rule = (f"may give an answer at most {FORM_GROUP_TOLERANCE:.0%} more often "
                        f"than the bank does ({base:.0%})")
            msg = (f"form-reader: {size} '{qtype}' questions with {name} answer "
                   f"'{top}' in {share:.0%}; a group {rule}: mix the answers")
            _form_verdict(rep, enforce, ok, msg)


def _form_verdict(rep, enforce, ok, msg):
    """Count a form-reader check, or only print it when not enforced."""
    if enforce:
        rep.check(ok, "bank", msg)
    elif not ok:
        print(f"note {msg}")


def check_dir(qdir, enforce_form=None):
    """Check every *.csv in QDIR; print failures and the summary; return
    the number of failed checks."""
    rep = Report()
    if not os.path.isdir(qdir):
        rep.check(False, qdir, "not a directory")
        print(f"{rep.passed} passed, {rep.failed} failed")
        return rep.failed
    files = sorted(f for f in os.listdir(qdir) if f.endswith(".csv"))
    rep.check(bool(files), qdir, "no .csv files found")
    bank = []
    for f in files:
        check_file(rep, os.path.join(qdir, f), bank)
    if bank:
        check_bank(rep, bank, files)
        check_form(rep, bank, FORM_ENFORCED if enforce_form is None else enforce_form)
    print(f"{rep.passed} passed, {rep.failed} failed")
    return rep.failed


# --self-test: each bank rule must be able to fail.  Every mutation below
# breaks one rule in a copy of the real bank; the checker must report it
# with the expected words, and must pass the unmutated copy.
def _read_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _write_rows(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _who_rows(rows, answer=None):
    col_t, col_a = HEADER.index("type"), HEADER.index("answer")
    return [r for r in rows[1:] if r[col_t] == "who" and (answer is None or r[col_a] == answer)]


def _mutate_cue(qdir):
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        shared = _who_rows(rows, "Shared")
        if shared:
            q = HEADER.index("question")
            shared[0][q] = shared[0][q][:-1] + ", taken as a whole?"
            _write_rows(os.path.join(qdir, f), rows)
            return


def _mutate_source(value):
    def mutate(qdir):
        f = sorted(os.listdir(qdir))[0]
        rows = _read_rows(os.path.join(qdir, f))
        rows[1][HEADER.index("source")] = value
        _write_rows(os.path.join(qdir, f), rows)
    return mutate


def _mutate_leading_who(qdir):
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        who = _who_rows(rows)
        if len(who) > MAX_LEADING_WHO:
            lead = who[:MAX_LEADING_WHO + 1]
            rest = [r for r in rows[1:] if not any(r is w for w in lead)]
            _write_rows(os.path.join(qdir, f), [rows[0]] + lead + rest)
            return


def _mutate_few_types(qdir):
    f = sorted(os.listdir(qdir))[0]
    rows = _read_rows(os.path.join(qdir, f))
    col_t = HEADER.index("type")
    keep = {r[col_t] for r in rows[1:3]}
    rows = [rows[0]] + [r for r in rows[1:] if r[col_t] in keep]
    _write_rows(os.path.join(qdir, f), rows)


def _mutate_shared_marker(qdir):
    q = HEADER.index("question")
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in _who_rows(rows, "Shared"):
            r[q] = "Meanwhile, " + r[q]
        _write_rows(os.path.join(qdir, f), rows)


def _mutate_shared_to_customer(qdir):
    col_a = HEADER.index("answer")
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in _who_rows(rows, "Shared"):
            r[col_a] = "Customer"
        _write_rows(os.path.join(qdir, f), rows)


def _mutate_drop_non_who(qdir):
    col_t = HEADER.index("type")
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        non_who = [r for r in rows[1:] if r[col_t] != "who"]
        drop = {id(r) for r in non_who[:len(non_who) // 2]}
        _write_rows(os.path.join(qdir, f), [rows[0]] + [r for r in rows[1:] if id(r) not in drop])


def _mutate_id_prefix(qdir):
    f = sorted(os.listdir(qdir))[0]
    rows = _read_rows(os.path.join(qdir, f))
    rows[1][0] = "zz" + rows[1][0]
    _write_rows(os.path.join(qdir, f), rows)


def _mutate_longest_right(qdir):
    """Make every right option of every choice and multi row the longest."""
    col_t, col_c, col_a = (HEADER.index(x) for x in ("type", "choices", "answer"))
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in rows[1:]:
            if r[col_t] not in ("choice", "multi"):
                continue
            opts = r[col_c].split("|")
            longest = max(len(o) for o in opts)
            for x in r[col_a].split("|"):
                i = LETTERS.index(x)
                opts[i] += " (" + "as documented " * (1 + (longest - len(opts[i])) // 14) + ")"
            r[col_c] = "|".join(opts)
        _write_rows(os.path.join(qdir, f), rows)


def _mutate_reason_false(qdir):
    """Give every false true/false statement a reason clause."""
    col_t, col_q, col_a = (HEADER.index(x) for x in ("type", "question", "answer"))
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in rows[1:]:
            if r[col_t] == "truefalse" and r[col_a] == "false":
                r[col_q] = r[col_q].rstrip(".") + ", because the service is built that way."
        _write_rows(os.path.join(qdir, f), rows)


def _mutate_incident_customer(qdir):
    """End every Customer 'who' stem in an incident story, and no other."""
    col_t, col_q, col_a = (HEADER.index(x) for x in ("type", "question", "answer"))
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in rows[1:]:
            if r[col_t] != "who":
                continue
            stem = re.sub(r"[.:]?\s*[^.:?]*\?$", "", r[col_q]).rstrip(".:, ")
            stem = INCIDENT_RE.sub("changed", stem)
            if r[col_a] == "Customer":
                r[col_q] = stem + ", and then the data leaked. Whose responsibility?"
            else:
                r[col_q] = stem + ": whose responsibility?"
        _write_rows(os.path.join(qdir, f), rows)


def _mutate_drop_as_of(qdir):
    """Take the as-of tag off the first dated row."""
    col = HEADER.index("tags")
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in rows[1:]:
            if "as-of:" in r[col]:
                r[col] = "|".join(t for t in r[col].split("|") if not t.startswith("as-of:"))
                _write_rows(os.path.join(qdir, f), rows)
                return


def _mutate_no_convention_card(qdir):
    """Untag the card that teaches the keying convention."""
    col_t, col_g = HEADER.index("type"), HEADER.index("tags")
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in rows[1:]:
            if r[col_t] == "card":
                r[col_g] = "|".join(t for t in r[col_g].split("|") if t != "convention")
        _write_rows(os.path.join(qdir, f), rows)


def _mutate_one_long_right(qdir):
    """Make the right option of the first choice row twice as long."""
    col_t, col_c, col_a = (HEADER.index(x) for x in ("type", "choices", "answer"))
    for f in sorted(os.listdir(qdir)):
        rows = _read_rows(os.path.join(qdir, f))
        for r in rows[1:]:
            if r[col_t] == "choice":
                opts = r[col_c].split("|")
                i = LETTERS.index(r[col_a])
                opts[i] = opts[i] + ", " + opts[i].lower()
                r[col_c] = "|".join(opts)
                _write_rows(os.path.join(qdir, f), rows)
                return


SELF_TESTS = (
    ("cue phrase in a Shared stem", _mutate_cue, "announces its answer"),
    ("seed file as source", _mutate_source("seed:001_904efc468c5aa967.txt"), "on an AWS site"),
    ("third-party source", _mutate_source("https://example.com/aws-notes"), "on an AWS site"),
    ("file opens with a run of 'who'", _mutate_leading_who, "'who' rows in a row"),
    ("topic with two types", _mutate_few_types, "question types"),
    ("Shared never the answer", _mutate_shared_to_customer, "'Shared' is the answer of"),
    ("a word that marks Shared stems", _mutate_shared_marker, "is a cue for Shared"),
    ("'who' above its share", _mutate_drop_non_who, "'who' questions are"),
    ("id without the file prefix", _mutate_id_prefix, "should be"),
    ("a dated fact without its as-of tag", _mutate_drop_as_of, "carries a tag as-of:"),
    ("no card teaches the keying convention", _mutate_no_convention_card, "how 'who' questions are keyed"),
    ("one right option twice as long", _mutate_one_long_right, "alike in length"),
    ("longest option always right", _mutate_longest_right, "answering by 'longest'"),
    ("reason clause marks a false statement", _mutate_reason_false,
     "with reason clause answer 'false'"),
    ("incident stories are the customer's", _mutate_incident_customer,
     "with incident story answer 'Customer'"),
)
# Mutations of the form-reader's rules: checked with the reader enforced.
FORM_SELF_TESTS = ("longest option always right", "reason clause marks a false statement",
                   "incident stories are the customer's")


def self_test(qdir):
    """Run every mutation of SELF_TESTS on a copy of QDIR; return 0 when
    the checker passes the copy and catches every mutation."""
    import contextlib
    import shutil
    import tempfile
    bad = 0
    cases = (("unmutated bank", None, None),) + SELF_TESTS
    for name, mutate, expect in cases:
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "q")
            shutil.copytree(qdir, copy)
            if mutate:
                mutate(copy)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                failed = check_dir(copy, True if name in FORM_SELF_TESTS else None)
        if mutate is None:
            ok = failed == 0
        else:
            ok = failed > 0 and any(line.startswith("FAIL") and expect in line
                                    for line in out.getvalue().splitlines())
        print(f"{'ok  ' if ok else 'FAIL'} self-test: {name}")
        bad += not ok
    print(f"{len(cases) - bad} passed, {bad} failed")
    return 0 if bad == 0 else 1


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    args = argv[1:]
    selftest = bool(args) and args[0] == "--self-test"
    if selftest:
        args = args[1:]
    qdir = args[0] if args else os.path.join(here, os.pardir, "questions")
    if selftest:
        return self_test(qdir)
    return 0 if check_dir(qdir) == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
