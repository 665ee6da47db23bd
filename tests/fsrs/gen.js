#!/usr/bin/env node
// gen.js - writes the FSRS parity vectors for tests/test_fsrs.c from the
// reference implementation, ts-fsrs 5.4.2 (pinned in package.json).
//
// Usage: cd tests/fsrs && npm install && node gen.js [OUTDIR]
// OUTDIR defaults to ../data/fsrs.  The output depends only on SEED below:
// random choices come from our own PRNG, never from Math.random, so running
// the script again reproduces the committed files byte for byte.
//
// Files (line formats are documented in each file's header and README.md):
//   histories.txt    review histories with fuzz off: the full card after
//                    every step
//   fuzz.txt         histories with fuzz on, plus the reference's fuzz range
//                    and fuzzed interval at every step
//   retrievability.txt  get_retrievability on random cards
//   numstr.txt       JavaScript Number -> String on doubles (the fuzz seed)
'use strict';

const fs = require('fs');
const path = require('path');
const {
  fsrs,
  createEmptyCard,
  get_fuzz_range,
  FSRSVersion,
  CLAMP_PARAMETERS,
} = require('ts-fsrs');

const SEED = 0x5eed2025;
const N_HISTORIES = 6000;
const N_FUZZ_HISTORIES = 1100;
const N_RETRIEVABILITY = 3000;
const N_NUMSTR = 4000;
const DAY = 86400000;
const MINUTE = 60000;

if (FSRSVersion !== 'v5.4.2 using FSRS-6.0') {
  throw new Error(`expected ts-fsrs 5.4.2, found ${FSRSVersion}`);
}

// The reference logs each 19/17-weight migration with console.debug.
console.debug = () => {};

const outDir = process.argv[2] || path.join(__dirname, '..', 'data', 'fsrs');

// ---------------------------------------------------------------------------
// sfc32: a small PRNG with a fixed seed, so the vectors are reproducible.
function makeRng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  function next() {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) | 0;
    c = c << 21 | c >>> 11;
    c = c + t | 0;
    return (t >>> 0) / 4294967296;
  }
  for (let i = 0; i < 16; i++) next();
  return {
    next,
    int(n) { return Math.floor(next() * n); },           // 0..n-1
    range(lo, hi) { return lo + next() * (hi - lo); },   // [lo, hi)
    pick(list) { return list[Math.floor(next() * list.length)]; },
    weighted(pairs) {                                     // [[value, weight]]
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) {
        if ((x -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
  };
}

const rng = makeRng(SEED);

// ---------------------------------------------------------------------------
// Parameter sets.

const RETENTIONS = [0.7, 0.8, 0.85, 0.9, 0.95, 0.99];
const LEARNING = [
  ['1m', '10m'], ['10m'], [], ['1m', '10m', '1h'], ['1d'], ['10m', '1440m'],
];
const RELEARNING = [['10m'], [], ['5m', '30m', '2h'], ['10m', '1d']];
const MAX_IVLS = [[36500, 6], [180, 3], [30, 1]];

// Weight sets: '-' is the default; the others are given to the reference
// as arrays and to the C side as text.  Values have at most 4 decimals.
const CLIP = CLAMP_PARAMETERS(2, false); // loosest bounds: w17/18 <= 2, w19 >= 0
const W_DEFAULT = null;
const weightSets = [W_DEFAULT];
(function makeWeightSets() {
  const base = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,
    1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,
    0.5425, 0.0912, 0.0658, 0.1542];
  const fix = (x, i) => {
    const v = Number(x.toFixed(4));
    return Math.min(Math.max(v, CLIP[i][0]), CLIP[i][1]);
  };
  for (let k = 0; k < 3; k++) { // default +-50%
    weightSets.push(base.map((x, i) => fix(x * rng.range(0.5, 1.5), i)));
  }
  for (let k = 0; k < 2; k++) { // anywhere in the clip range
    weightSets.push(base.map((x, i) => fix(rng.range(CLIP[i][0], CLIP[i][1]), i)));
  }
  // Corners: strong short-term terms (clipped with several relearning
  // steps), w19 = 0 (raised to 0.01 with short-term on), fast/slow decay.
  const corner = base.slice();
  corner[17] = 2; corner[18] = 2; corner[19] = 0; corner[20] = 0.8;
  weightSets.push(corner);
  const fsrs5decay = base.slice();
  fsrs5decay[20] = 0.5; // interval modifier 1.00000001 at 0.9
  weightSets.push(fsrs5decay);
  // FSRS-5 (19) and FSRS-4.5 (17) default weights, migrated by the reference.
  weightSets.push([0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604,
    0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315,
    2.9898, 0.51655, 0.6621]);
  weightSets.push([0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975,
    0.031, 1.6474, 0.1367, 1.0461, 2.1072, 0.0793, 0.3246, 1.587, 0.2272,
    2.8755]);
})();

// Parameter sets actually used, keyed by their P line.
function makeParamTable() {
  const byKey = new Map();
  const list = [];
  return {
    list,
    get(props) {
      const stepText = (s) => (s.length ? s.join(',') : '-');
      const w = props.w ? String(weightSets.indexOf(props.wset)) : '-';
      const key = [props.request_retention, props.maximum_interval,
        props.enable_short_term ? 1 : 0, props.enable_fuzz ? 1 : 0,
        stepText(props.learning_steps), stepText(props.relearning_steps), w].join(' ');
      let entry = byKey.get(key);
      if (!entry) {
        const f = fsrs(props);
        entry = { id: list.length, key, f, props };
        byKey.set(key, entry);
        list.push(entry);
      }
      return entry;
    },
  };
}

function randomProps(fuzz) {
  const props = {
    request_retention: rng.pick(RETENTIONS),
    maximum_interval: rng.weighted(MAX_IVLS),
    enable_short_term: rng.next() < 0.6,
    enable_fuzz: fuzz,
    learning_steps: rng.pick(LEARNING).slice(),
    relearning_steps: rng.pick(RELEARNING).slice(),
  };
  const w = rng.next() < 0.5 ? W_DEFAULT : rng.pick(weightSets);
  if (w) {
    props.w = w.slice();
    props.wset = w;
  }
  return props;
}

// ---------------------------------------------------------------------------
// Review times.

function randomStart() {
  const lo = Date.UTC(2000, 0, 1), hi = Date.UTC(2035, 0, 1);
  let t = Math.floor(rng.range(lo, hi));
  const r = rng.next();
  if (r < 0.2) { // a few minutes either side of a UTC midnight
    t = Math.floor(t / DAY) * DAY + Math.floor(rng.range(-5 * MINUTE, 5 * MINUTE));
  } else if (r < 0.22) { // before 1970: negative times
    t = Math.floor(rng.range(Date.UTC(1960, 0, 1), Date.UTC(1970, 0, 1)));
  }
  return t;
}

// The next review time after a review at NOW that left CARD.
function nextTime(now, card) {
  const due = card.due.getTime();
  const jitter = () => Math.floor(rng.range(0, MINUTE));
  const mode = rng.weighted([
    ['same', 10], ['early', 15], ['due', 30], ['late', 15],
    ['overdue', 12], ['midnight', 15], ['exact', 3],
  ]);
  let t;
  switch (mode) {
    case 'exact': // the same millisecond
      t = now;
      break;
    case 'same': // a few minutes later
      t = now + Math.floor(rng.range(0, 30 * MINUTE));
      break;
    case 'early': // hours later, before or after the due time
      t = now + Math.floor(rng.range(MINUTE, 600 * MINUTE));
      break;
    case 'due':
      t = due + Math.floor(rng.range(-60 * MINUTE, 60 * MINUTE));
      break;
    case 'late': { // up to twice the interval late
      const days = Math.max(card.scheduled_days, 1);
      t = due + Math.floor(rng.range(0, 2 * days * DAY));
      break;
    }
    case 'overdue': // log-uniform, 1 day to about 4 years
      t = due + Math.floor(Math.exp(rng.range(0, Math.log(1500))) * DAY) + jitter();
      break;
    case 'midnight': { // just before or after a UTC midnight
      const base = Math.max(now, due - rng.int(3) * DAY);
      const m = Math.ceil(base / DAY) * DAY;
      t = m + Math.floor(rng.range(-3 * MINUTE, 3 * MINUTE));
      break;
    }
  }
  return Math.max(t, now);
}

function ratingPolicy() {
  return rng.weighted([
    [[[1, 20], [2, 15], [3, 50], [4, 15]], 50], // typical
    [[[1, 25], [2, 25], [3, 25], [4, 25]], 20], // uniform
    [[[1, 5], [2, 5], [3, 30], [4, 60]], 12],   // easy streaks: large S
    [[[1, 60], [2, 20], [3, 15], [4, 5]], 12],  // lapses: small S, D -> 10
    [[[2, 70], [3, 20], [1, 10]], 6],           // hard
  ]);
}

// ---------------------------------------------------------------------------
// Output helpers.

function num(x) { return String(x); }

// due - now is always whole minutes (a step or whole days), which keeps the
// files small; anything else would be a surprise worth stopping for.
function cardFields(card, now) {
  const ddue = card.due.getTime() - now;
  if (ddue % MINUTE !== 0) throw new Error(`due ${card.due.getTime()} - now ${now} is not whole minutes`);
  return [card.state, ddue / MINUTE, card.scheduled_days,
    num(card.stability), num(card.difficulty), card.learning_steps,
    card.reps, card.lapses, card.elapsed_days].join(' ');
}

// W lines for every weight set (but the default), then the P lines.
function paramLines(table) {
  const w = [];
  weightSets.forEach((set, i) => {
    if (set) w.push(`W ${i} ${set.map(String).join(',')}`);
  });
  return w.concat(table.list.map((e) => `P ${e.id} ${e.key}`));
}

const HISTORY_HEADER = (what) => `# FSRS parity vectors: ${what}.
# Generated by tests/fsrs/gen.js from ts-fsrs 5.4.2 (${FSRSVersion}); do not edit.
# Regenerate: cd tests/fsrs && npm install && node gen.js (see tests/fsrs/README.md).
#
# W <wid> <weights>
#     a weight set: 21, 19 or 17 comma-separated numbers, given to the
#     reference as they are (it migrates and clips them).
# P <pid> <retention> <maximum_interval> <short_term 0|1> <fuzz 0|1> <learning> <relearning> <wid>
#     a parameter set; steps are comma-separated ("1m,10m") or "-" for none;
#     wid is a W line's id, or "-" for the default weights.
# H <hid> <pid> <start_ms> <n>
#     a history: createEmptyCard(start_ms), then n R lines, each reviewing the
#     card left by the previous line.
# R <dt_ms> <rating> <state> <ddue_min> <scheduled_days> <stability> <difficulty> <learning_steps> <reps> <lapses> <elapsed_days>
#     one review at now = (previous now, or start_ms) + dt_ms with rating 1..4,
#     and the resulting card: due = now + ddue_min * 60000 ms; stability and difficulty
#     printed by JavaScript String() (they read back exactly).`;

// ---------------------------------------------------------------------------
// Histories.

function genHistories(count, fuzz) {
  const table = makeParamTable();
  const body = [];
  let steps = 0;
  for (let h = 0; h < count; h++) {
    const entry = table.get(randomProps(fuzz));
    const f = entry.f;
    const maxIvl = f.parameters.maximum_interval;
    const start = randomStart();
    const n = 4 + rng.int(27);
    const policy = ratingPolicy();
    body.push(`H ${h} ${entry.id} ${start} ${n}`);
    let card = createEmptyCard(new Date(start));
    let prev = start;
    let now = start + (rng.next() < 0.5 ? 0 : Math.floor(rng.range(0, 3 * DAY)));
    for (let i = 0; i < n; i++) {
      const rating = rng.weighted(policy);
      const result = f.next(card, new Date(now), rating);
      const c = result.card;
      let line = `R ${now - prev} ${rating} ${cardFields(c, now)}`;
      if (fuzz) {
        // The reference's own range and fuzzed value for the unfuzzed
        // interval of the new stability, with the seed of this review.
        const ivl = Math.min(Math.max(1, Math.round(c.stability * f.interval_modifier)), maxIvl);
        const t = c.elapsed_days;
        const { min_ivl, max_ivl } = get_fuzz_range(ivl, t, maxIvl);
        const seed = `${now}_${c.reps}_${card.difficulty * card.stability}`;
        f.seed = seed;
        const fz = f.apply_fuzz(ivl, t);
        if (ivl >= 2.5 && (fz < min_ivl || fz > max_ivl)) {
          throw new Error(`fuzzed ${fz} outside [${min_ivl}, ${max_ivl}]`);
        }
        line += ` ${ivl} ${min_ivl} ${max_ivl} ${fz}`;
      }
      body.push(line);
      steps++;
      card = c;
      prev = now;
      now = nextTime(now, card);
    }
  }
  return { lines: paramLines(table).concat(body), steps };
}

function writeFile(name, header, lines) {
  const text = header + '\n' + lines.join('\n') + '\n';
  fs.writeFileSync(path.join(outDir, name), text);
  return text.length;
}

// ---------------------------------------------------------------------------
// Retrievability: get_retrievability(card, now, false) on random cards.

function genRetrievability() {
  const table = makeParamTable();
  const lines = [];
  for (let i = 0; i < N_RETRIEVABILITY; i++) {
    const props = {
      request_retention: 0.9, maximum_interval: 36500, enable_short_term: true,
      enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'],
    };
    const w = rng.next() < 0.5 ? W_DEFAULT : rng.pick(weightSets);
    if (w) {
      props.w = w.slice();
      props.wset = w;
    }
    const entry = table.get(props);
    const state = rng.next() < 0.1 ? 0 : 1 + rng.int(3);
    const last = randomStart();
    let s;
    const r = rng.next();
    if (r < 0.1) s = (2 * rng.int(5000) + 1) / 512; // toFixed(8) ties
    else if (r < 0.2) s = rng.range(0.001, 100); // not rounded to 8 places
    else s = Number(Math.exp(rng.range(Math.log(0.001), Math.log(36500))).toFixed(8));
    const now = last + Math.floor(rng.range(-2 * DAY, 3000 * DAY));
    const card = createEmptyCard(new Date(last));
    card.state = state;
    card.stability = s;
    card.difficulty = 5;
    card.last_review = new Date(last);
    const rv = entry.f.get_retrievability(card, new Date(now), false);
    lines.push(`V ${entry.id} ${state} ${last} ${now} ${num(s)} ${num(rv)}`);
  }
  return paramLines(table).concat(lines);
}

// ---------------------------------------------------------------------------
// Number -> String: the third part of the fuzz seed.

function genNumstr() {
  const lines = [];
  const buf = new DataView(new ArrayBuffer(8));
  const emit = (x) => {
    buf.setFloat64(0, x);
    const hex = buf.getBigUint64(0).toString(16).padStart(16, '0');
    lines.push(`N ${hex} ${String(x)}`);
  };
  const specials = [0, -0, 1, -1, 0.1, 0.1 + 0.2, 1e21, 1e21 - 65536, 9.999999999999999e20,
    1e-7, 1.5e-7, 1e-6, 9.99e-7, 123e-9, 5e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, 123456789012345680000,
    100, 1e3, 36500, 365000, 0.001, 1 / 3, 2 / 3, 1e100, 1e-100, 4.35, 0.5];
  for (const x of specials) emit(x);
  while (lines.length < N_NUMSTR) {
    const r = rng.next();
    let x;
    if (r < 0.5) { // D * S of round8 values, as in the seed
      const d = Number(rng.range(1, 10).toFixed(8));
      const s = Number(Math.exp(rng.range(Math.log(0.001), Math.log(36500))).toFixed(8));
      x = d * s;
    } else if (r < 0.8) { // any magnitude
      x = Math.exp(rng.range(-60, 60)) * (rng.next() < 0.1 ? -1 : 1);
    } else { // random bit patterns
      buf.setUint32(0, Math.floor(rng.next() * 4294967296));
      buf.setUint32(4, Math.floor(rng.next() * 4294967296));
      x = buf.getFloat64(0);
      if (!Number.isFinite(x)) continue;
    }
    emit(x);
  }
  return lines;
}

// ---------------------------------------------------------------------------

fs.mkdirSync(outDir, { recursive: true });
const plain = genHistories(N_HISTORIES, false);
const fuzzed = genHistories(N_FUZZ_HISTORIES, true);
const sizes = [];
sizes.push(writeFile('histories.txt',
  HISTORY_HEADER(`${N_HISTORIES} histories, ${plain.steps} reviews, fuzz off`),
  plain.lines));
sizes.push(writeFile('fuzz.txt',
  HISTORY_HEADER(`${N_FUZZ_HISTORIES} histories, ${fuzzed.steps} reviews, fuzz on`) + `
#     In this file each R line ends with: <ivl> <lo> <hi> <fuzzed>
#     ivl = min(max(1, round(stability * interval_modifier)), maximum_interval),
#     [lo, hi] = get_fuzz_range(ivl, elapsed_days, maximum_interval), fuzzed =
#     apply_fuzz(ivl, elapsed_days) under this review's seed
#     "<now>_<reps>_<D*S>" (reps after the review, D and S before it).`,
  fuzzed.lines));
sizes.push(writeFile('retrievability.txt', `# get_retrievability(card, now, false) from ts-fsrs 5.4.2; generated by tests/fsrs/gen.js.
# W and P lines as in histories.txt (only the weights vary).
# V <pid> <state> <last_review_ms> <now_ms> <stability> <retrievability>`,
  genRetrievability()));
sizes.push(writeFile('numstr.txt', `# JavaScript String(x) of doubles (Number::toString), as used in the fuzz seed;
# generated by tests/fsrs/gen.js.
# N <the double's IEEE-754 bits, 16 hex digits> <String(x)>`,
  genNumstr()));
const total = sizes.reduce((a, b) => a + b, 0);
process.stdout.write(`${plain.steps} + ${fuzzed.steps} reviews, ${total} bytes in ${outDir}\n`);
if (total > 8000000) throw new Error('vectors exceed 8 MB');
