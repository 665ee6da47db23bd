#!/usr/bin/env python3
"""Generate a synthetic but realistic question bank for whose(1).

Usage: gen_bank.py N [--seed S] [--out FILE] [--topics K] [--edit PCT]

Writes N valid questions in the bank format of whose-bank(5) (header row,
RFC 4180 CSV) to FILE (default: standard output).  The output depends only
on N, the seed and the number of topics, so two runs with the same
arguments write the same bytes.

The mix of types follows the bank that ships with whose: about 45% who,
20% choice, 10% multi, 10% truefalse, 10% sort and 5% card, spread over
K topics (12 to 20 is realistic; default 16).  Questions are 80-250
characters, explanations 150-400; some fields hold commas, double quotes,
line breaks and non-ASCII letters, so that CSV quoting and UTF-8
validation are exercised.  choice and multi questions carry a 'why_not'
reason for their wrong options.

--edit PCT rewrites the explanation of PCT percent of the questions
(chosen with their own random stream, so every other byte stays the same
as the unedited bank): importing it over the unedited bank gives updates.

Python 3 standard library only.
"""

import argparse
import csv
import io
import random
import sys

HEADER = ["id", "topic", "type", "question", "choices", "answer",
          "explanation", "source", "tags", "why_not", "shuffle"]

# (topic name, service name, resources, source URL)
TOPICS = [
    ("EC2", "Amazon EC2", ["instance", "AMI", "security group", "EBS volume"],
     "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security.html"),
    ("S3", "Amazon S3", ["bucket", "bucket policy", "access point", "object"],
     "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security.html"),
    ("IAM", "AWS IAM", ["role", "access key", "permission policy", "user"],
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/security.html"),
    ("Lambda", "AWS Lambda", ["function", "execution role", "layer",
                              "environment variable"],
     "https://docs.aws.amazon.com/lambda/latest/dg/lambda-security.html"),
    ("RDS", "Amazon RDS", ["DB instance", "snapshot", "parameter group",
                           "read replica"],
     "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html"),
    ("DynamoDB", "Amazon DynamoDB", ["table", "global table", "backup",
                                     "stream"],
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/security.html"),
    ("VPC", "Amazon VPC", ["subnet", "network ACL", "route table",
                           "VPC endpoint"],
     "https://docs.aws.amazon.com/vpc/latest/userguide/security.html"),
    ("KMS", "AWS KMS", ["KMS key", "key policy", "grant", "key alias"],
     "https://docs.aws.amazon.com/kms/latest/developerguide/kms-security.html"),
    ("CloudTrail", "AWS CloudTrail", ["trail", "log file", "event data store",
                                      "S3 log bucket"],
     "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Security.html"),
    ("Containers", "Amazon ECS", ["task definition", "container image",
                                  "container instance", "cluster"],
     "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-shared-model.html"),
    ("EKS", "Amazon EKS", ["worker node", "pod", "cluster endpoint",
                           "node group"],
     "https://docs.aws.amazon.com/eks/latest/userguide/security.html"),
    ("CloudFront", "Amazon CloudFront", ["distribution", "origin",
                                        "cache behavior", "TLS certificate"],
     "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/security.html"),
    ("Route 53", "Amazon Route 53", ["hosted zone", "DNS record",
                                     "health check", "domain"],
     "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/security.html"),
    ("Shield & WAF", "AWS WAF", ["web ACL", "rate-based rule", "rule group",
                                 "IP set"],
     "https://docs.aws.amazon.com/waf/latest/developerguide/security.html"),
    ("GuardDuty", "Amazon GuardDuty", ["detector", "finding",
                                       "trusted IP list", "member account"],
     "https://docs.aws.amazon.com/guardduty/latest/ug/security.html"),
    ("Config", "AWS Config", ["Config rule", "conformance pack",
                              "configuration recorder", "remediation"],
     "https://docs.aws.amazon.com/config/latest/developerguide/security.html"),
    ("Organizations", "AWS Organizations", ["SCP", "member account",
                                            "organizational unit",
                                            "management account"],
     "https://docs.aws.amazon.com/organizations/latest/userguide/security.html"),
    ("Compliance", "AWS Artifact", ["compliance report", "BAA",
                                    "audit artifact", "agreement"],
     "https://aws.amazon.com/artifact/faq/"),
    ("Best practices", "Amazon EC2", ["IAM role", "MFA device",
                                      "security group", "log group"],
     "https://aws.amazon.com/compliance/shared-responsibility-model/"),
    ("Data protection", "Amazon S3", ["encryption key", "backup vault",
                                      "bucket", "data classification"],
     "https://docs.aws.amazon.com/whitepapers/latest/logical-separation/encrypting-data-at-rest-and--in-transit.html"),
]

GENERIC_SOURCES = [
    "https://aws.amazon.com/compliance/shared-responsibility-model/",
    "https://docs.aws.amazon.com/whitepapers/latest/aws-risk-and-compliance/shared-responsibility-model.html",
    "https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/welcome.html",
    "AWS Security Best Practices whitepaper",
    "seed:004_8bd1be06a5a4d79d.txt",
]

TEAMS = [
    "A fintech startup", "A hospital's IT team", "A retail company",
    "An online game studio", "A university research group",
    "A logistics firm", "A media company", "A government agency",
    "A two-person SaaS team", "A bank's platform team",
    "A Zürich-based insurer", "A São Paulo e-commerce shop",
    "An airline's data team", "A nonprofit", "A car maker's IoT group",
]

DATA = [
    "customer records", "payment card data", "patient health records",
    "order history", "application logs", "source code", "nightly backups",
    "personal data of EU residents", "exam results", "invoices",
    "sensor readings", "HR files",
]

# Scenario sentences; {team}, {svc}, {res}, {data} are filled in.
SCENARIOS = [
    "{team} handles {data} with {svc}.",
    "{team} runs its production workload on {svc}, and an auditor asks for evidence of its controls.",
    "{team} labels a {res} \"internal only\", but nobody reviews who can reach it.",
    "After a security review, {team} finds that a {res} in {svc} was left with its default settings.",
    "{team} moves {data} from an on-premises data center to {svc} to cut costs.",
    "During an incident, {team} learns that a {res} in {svc} was exposed to the internet for three days.",
    "{team} uses {svc} for a new \"serverless-first\" project, with {data} flowing through it.",
    "A developer at {team_l} copies {data} into a test {res}, \"just for a day\", and forgets it.",
    "{team} is preparing for a PCI DSS audit of the workload it runs on {svc}.",
    "A new hire at {team_l} asks, on day one, what \"security OF the cloud\" means for {svc}.",
    "{team} keeps {data} in {svc}; a regulator wants to know who protects what.",
]

# Duties by owner: the who actions, the choice options and the sort items.
DUTIES = {
    "Customer": [
        "Configuring who can access the {res}",
        "Encrypting the {data} held in {svc}",
        "Rotating the credentials the application uses to reach {svc}",
        "Enabling logging for the {res} and reviewing the logs",
        "Classifying the {data} and choosing where it may be stored",
        "Granting least-privilege IAM permissions on the {res}",
        "Turning on MFA for the people who manage {svc}",
        "Deciding which network paths may reach the {res}",
    ],
    "AWS": [
        "Patching the hosts and hypervisors that run {svc}",
        "Securing the physical data centers behind {svc}",
        "Replacing failed disks in the storage fleet under {svc}",
        "Maintaining the global network that links the Availability Zones",
        "Keeping the {svc} control plane available and patched",
        "Vetting the staff who have access to AWS facilities",
    ],
    "Shared": [
        "Patch management, across infrastructure and guest, as a whole",
        "Security awareness training for the people involved",
        "Configuration management of {svc} and what runs on it",
        "Meeting the audit requirements for the {data} on {svc}",
    ],
}

# Short items for sort questions.
SORT_ITEMS = {
    "Customer": ["Access policies on the {res}", "Encrypting {data}",
                 "IAM users and roles", "Guest OS patches",
                 "Security group rules", "Application code",
                 "Log review"],
    "AWS": ["Data center guards", "Hypervisor patches",
            "Physical network cabling", "Host hardware",
            "Disk disposal", "Power and cooling"],
    "Shared": ["Patch management", "Awareness training",
               "Configuration management"],
}

OWNER_PHRASE = {"Customer": "the customer", "AWS": "AWS",
                "Shared": "both AWS and the customer"}

WHY = {
    "Customer": [
        "That is the customer's side: on {svc} the customer controls its own {res}.",
        "Access, data and configuration always stay with the customer, whatever the service.",
        "AWS gives the tools for it, but using them is the customer's job.",
    ],
    "AWS": [
        "That is AWS's part: it runs the infrastructure under {svc}.",
        "The customer never sees that layer; AWS operates it.",
        "Physical and host-level controls are inherited from AWS.",
    ],
    "Shared": [
        "Each side does its part there, so it is shared, not one side's alone.",
        "AWS covers its layer and the customer covers its own: a shared control.",
    ],
}

EXPLAIN_MAIN = {
    "Customer": [
        "On {svc}, everything the customer puts in the cloud and configures there is the customer's: its {res}, its identities and its {data}.",
        "Security IN the cloud is the customer's job; for {svc} that means access rules, encryption choices and monitoring of each {res}.",
        "AWS provides the features, such as encryption, logging and IAM, but turning them on and keeping them right for {data} is up to the customer.",
    ],
    "AWS": [
        "Security OF the cloud is AWS's: the facilities, hardware, network and virtualization layer that run {svc} are operated by AWS.",
        "The customer has no access to the layer beneath {svc}, so AWS patches, monitors and audits it; customers inherit those controls.",
        "AWS runs {svc} as a service, so the hosts, the hypervisor and the physical security of the data centers are AWS's to maintain.",
    ],
    "Shared": [
        "This is a shared control: AWS handles it for the infrastructure under {svc}, and the customer handles it for what it builds on top.",
        "Both parties play a part, each in its own layer; an auditor will ask AWS for its reports and the customer for its own evidence.",
    ],
}

EXPLAIN_MORE = [
    "The line moves with the service: the more managed the service, the more AWS takes on.",
    "Auditors can read AWS's SOC and ISO reports in AWS Artifact to see which controls are inherited.",
    "A common mistake is to assume that \"managed\" means AWS also secures the customer's data; it does not.",
    "Data, identities and configuration are always the customer's, on every service.",
    "Reading the \"Security in {svc}\" chapter of the user guide shows where the line is drawn.",
    "Misconfiguration, not a failure of the cloud provider, causes most cloud breaches.",
]

CARD_BACKS = [
    "AWS runs the infrastructure of {svc}: facilities, hardware, network and virtualization. The customer owns its {res}, its data, its identities and its settings.",
    "Access control, encryption of {data}, logging and network rules for each {res} stay with the customer; AWS keeps the underlying service patched and available.",
    "OF the cloud: AWS's infrastructure. IN the cloud: whatever the customer puts on {svc} and how it configures it.",
]

TAGS = ["patching", "encryption", "iam", "logging", "network", "audit",
        "least-privilege", "mfa", "backup", "physical", "compliance",
        "configuration", "incident-response", "data", "keys"]

TYPE_CUM = [("who", 0.45), ("sort", 0.55), ("choice", 0.75),
            ("multi", 0.85), ("truefalse", 0.95), ("card", 1.0)]

OWNERS = ("Customer", "AWS", "Shared")


def slug(name):
    out = []
    for c in name.lower():
        if c.isalnum() and c.isascii():
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "topic"


def fit(parts, lo, hi):
    """Join PARTS (the first one always) while the text is shorter than LO,
    skipping any part that would take it over HI characters."""
    text = parts[0]
    for p in parts[1:]:
        if len(text) >= lo:
            break
        if len(text) + 1 + len(p) <= hi:
            text = text + " " + p
    if len(text) > hi:
        text = text[:hi - 1].rstrip() + "."
    return text


def make_topics(k, rng):
    topics = []
    for i in range(k):
        if i < len(TOPICS):
            name, svc, res, src = TOPICS[i]
        else:
            base = TOPICS[i % len(TOPICS)]
            name = "%s %d" % (base[0], i // len(TOPICS) + 1)
            svc, res, src = base[1], base[2], base[3]
        name = name[:40]
        topics.append({"name": name, "slug": slug(name), "svc": svc,
                       "res": res, "src": src})
    # Topics are not all the same size: weights between 0.5 and 2.
    weights = [0.5 + 1.5 * rng.random() for _ in topics]
    total = sum(weights)
    cum, acc = [], 0.0
    for w in weights:
        acc += w / total
        cum.append(acc)
    cum[-1] = 1.0
    return topics, cum


def pick(cum, x):
    for i, c in enumerate(cum):
        if x < c:
            return i
    return len(cum) - 1


class Gen:
    def __init__(self, rng):
        self.r = rng
        rand = rng.random
        # Faster than rng.choice, and as deterministic.
        self.choice = lambda seq: seq[int(rand() * len(seq))]

    def row(self, t, qtype):
        r = self.r
        ch = self.choice
        res = ch(t["res"])
        data = ch(DATA)
        team = ch(TEAMS)

        def f(s):
            return s.format(svc=t["svc"], res=res, data=data, team=team,
                            team_l=team_l)

        team_l = team[0].lower() + team[1:]
        scen = f(ch(SCENARIOS))
        choices = answer = why_not = shuffle = ""
        if qtype == "who":
            owner = ch(OWNERS) if r.random() < 0.3 else ch(OWNERS[:2])
            duty = f(ch(DUTIES[owner]))
            question = "%s %s: whose responsibility?" % (scen, duty)
            answer = owner
        elif qtype == "truefalse":
            owner = ch(OWNERS[:2])
            claimed = owner if r.random() < 0.5 else ch(OWNERS[:2])
            duty = f(ch(DUTIES[owner]))
            question = "%s True or false: %s is responsible for %s." % (
                scen, OWNER_PHRASE[claimed],
                duty[0].lower() + duty[1:])
            answer = "true" if claimed == owner else "false"
        elif qtype in ("choice", "multi"):
            right = owner = ch(OWNERS[:2])
            wrong = "AWS" if right == "Customer" else "Customer"
            n = ch((3, 4, 4, 4, 5, 5, 6)) if qtype == "choice" else ch((4, 5, 5, 6))
            k = 1 if qtype == "choice" else ch((2, 2, 3)) if n > 4 else 2
            goods = r.sample(DUTIES[right], k)
            bads = r.sample(DUTIES[wrong], min(n - k, len(DUTIES[wrong])))
            n = k + len(bads)
            slots = [None] * n
            pos = sorted(r.sample(range(n), k))
            it_g, it_b = iter(goods), iter(bads)
            for i in range(n):
                slots[i] = f(next(it_g) if i in pos else next(it_b))
            choices = "|".join(slots)
            answer = "|".join(chr(65 + i) for i in pos)
            reasons = []
            for i in range(n):
                if i not in pos and r.random() < 0.85:
                    reasons.append("%s: %s" % (chr(65 + i), f(ch(WHY[wrong]))))
            why_not = "|".join(reasons)
            whose = "the customer's" if right == "Customer" else "AWS's"
            if qtype == "choice":
                question = "%s Under the Shared Responsibility Model, which of these is %s job?" % (scen, whose)
            else:
                word = ("TWO", "THREE")[k - 2]
                question = "%s Which %s are %s under the model? Choose %s." % (
                    scen, word, whose, word.lower())
            if r.random() < 0.05:
                shuffle = "no"
        elif qtype == "sort":
            n = ch((3, 4, 4, 5, 5, 6, 8))
            owners = [ch(OWNERS[:2]) if r.random() < 0.8 else "Shared"
                      for _ in range(n)]
            items, seen = [], set()
            for o in owners:
                pool = SORT_ITEMS[o]
                it = ch(pool)
                while it in seen:
                    it = pool[(pool.index(it) + 1) % len(pool)]
                    if it in seen and len(seen) >= len(pool):
                        break
                seen.add(it)
                items.append(f(it))
            choices = "|".join(items)
            answer = "|".join(owners)
            question = "%s Sort each of these duties by who is responsible for it: AWS, the customer or both." % scen
            owner = owners[0]
        else:  # card
            question = "%s What is still the customer's on %s, and what does AWS take care of?" % (scen, t["svc"])
            answer = f(ch(CARD_BACKS))
            owner = "Customer"

        if len(question) > 250:
            question = question[:249].rstrip() + "?"
        elif len(question) < 80:
            question = "%s %s" % (f(ch(SCENARIOS)), question)
        if r.random() < 0.01:
            # A few questions hold a line break, as the format allows.
            question = question.replace(". ", ".\n", 1)

        expl = fit([f(ch(EXPLAIN_MAIN[owner])), f(ch(EXPLAIN_MORE)),
                    f(ch(EXPLAIN_MORE)), f(ch(EXPLAIN_MORE))],
                   150 + int(230 * r.random()), 400)
        src = t["src"] if r.random() < 0.7 else ch(GENERIC_SOURCES)
        x = r.random()
        tags = "" if x < 0.2 else ch(TAGS) if x < 0.7 else "%s|%s" % (ch(TAGS), ch(TAGS))
        return [qtype, question, choices, answer, expl, src, tags,
                why_not, shuffle]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of questions")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", default="-", help="output file (default: stdout)")
    ap.add_argument("--topics", type=int, default=16,
                    help="number of topics (default 16)")
    ap.add_argument("--edit", type=float, default=0.0, metavar="PCT",
                    help="rewrite the explanation of PCT%% of the questions")
    a = ap.parse_args(argv)
    if a.n < 0 or a.topics < 1 or not 0 <= a.edit <= 100:
        ap.error("N must be >= 0, --topics >= 1 and --edit within 0..100")

    rng = random.Random(a.seed)
    erng = random.Random("edit:%d" % a.seed)
    eprob = a.edit / 100.0
    topics, cum = make_topics(a.topics, rng)
    gen = Gen(rng)
    rand = rng.random
    width = max(6, len(str(a.n)))

    if a.out == "-":
        fh = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                              newline="", write_through=False)
    else:
        fh = open(a.out, "w", encoding="utf-8", newline="",
                  buffering=1 << 20)
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(HEADER)
    batch = []
    for i in range(1, a.n + 1):
        t = topics[pick(cum, rand())]
        x = rand()
        for qtype, c in TYPE_CUM:
            if x < c:
                break
        row = gen.row(t, qtype)
        if eprob and erng.random() < eprob:
            row[4] = row[4][:360] + " (Revised %d.)" % i
        batch.append(["%s-%0*d" % (t["slug"], width, i), t["name"]] + row)
        if len(batch) >= 4096:
            w.writerows(batch)
            batch.clear()
    w.writerows(batch)
    fh.flush()
    if fh is not sys.stdout:
        fh.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
