#!/usr/bin/env node
// compare.js - whose optimize against fsrs-rs (the npm package
// @open-spaced-repetition/binding 0.5.0) on simulated learners.
//
// Usage: node compare.js bench WHOSE OUTJSON [SIZES...]
//        node compare.js fixture OUTDIR
// bench/optimize-bench.sh runs the first (and installs the packages of
// package.json first); for the second, run 'npm install' here once.  The
// committed fixture was made with: node compare.js fixture ../../tests/data/optimize
//
// Each simulated learner's memory follows FSRS-6 with known parameters
// (the "true" weights below): at each review the learner recalls with the
// model's probability, rates Again when not, else Hard/Good/Easy with the
// learner's own shares.  Reviews happen when ts-fsrs 5.4.2 (whose's own
// scheduler, default settings) says, plus a learner-specific delay.
//
// bench: for each learner, write the history as whose's review import CSV,
// replay it into a fresh whose database with 'whose import --reviews'
// (on a generated bank, bench/gen_bank.py), export it with 'whose export
// --reviews', then fit it with 'whose optimize --json' and with fsrs-rs's
// computeParameters (timeout 10: the binding's timeout is a polling
// interval, see src/core/FSRS-OPTIMIZER-NOTES.md §6), and score
// both parameter sets with fsrs-rs's evaluate on the same items.  Timings
// are medians of ROUNDS runs (environment, default 3).  Results go to
// OUTJSON as JSON.
//
// fixture: write a small fixed revlog (log.csv) and fsrs-rs's figures on
// it (figures.txt) for tests/test_optimize.c.
//
// Random choices come from our own PRNG (sfc32), never Math.random, so
// the same arguments simulate the same learners.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { fsrs, createEmptyCard, Rating } = require('ts-fsrs');
const binding = require('@open-spaced-repetition/binding');

const DAY = 86400000;
const START = Date.UTC(2024, 0, 1, 0, 0, 0);
const DEFAULT_W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
  0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
  1.8729, 0.5425, 0.0912, 0.0658, 0.1542];

function sfc32(a, b, c, d) {
  return function () {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function makeRng(seed) {
  const r = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0);
  for (let i = 0; i < 20; i++) r();
  return r;
}

// The FSRS-6 memory model (fsrs-rs's step, §3.4 of the notes), in real
// elapsed days: the learner's truth.
function clamp(x, lo, hi) { return Math.min(Math.max(x, lo), hi); }
function recall(w, t, s) {
  const decay = -w[20];
  const factor = Math.exp(Math.log(0.9) / decay) - 1;
  return Math.pow(Math.max(t, 0) / s * factor + 1, decay);
}
function d0(w, g) { return w[4] - Math.exp(w[5] * (g - 1)) + 1; }
function memStep(w, m, g, tDays, sameDay) {
  if (m === null)
    return { s: clamp(w[g - 1], 0.001, 36500), d: clamp(d0(w, g), 1, 10) };
  const s = m.s, d = m.d;
  let ns;
  if (sameDay) {
    let q = Math.exp(w[17] * (g - 3 + w[18])) * Math.pow(s, -w[19]);
    if (g >= 2) q = Math.max(q, 1);
    ns = s * q;
  } else {
    const r = recall(w, tDays, s);
    if (g === 1) {
      const sf = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) *
        Math.exp((1 - r) * w[14]);
      ns = Math.min(s / Math.exp(w[17] * w[18]), sf);
    } else {
      const h = g === 2 ? w[15] : 1, e = g === 4 ? w[16] : 1;
      ns = s * (Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) *
        (Math.exp((1 - r) * w[10]) - 1) * h * e + 1);
    }
  }
  const dd = d + (10 - d) * (-w[6] * (g - 3)) / 9;
  const nd = clamp(w[7] * (d0(w, 4) - dd) + dd, 1, 10);
  return { s: clamp(ns, 0.001, 36500), d: nd };
}

// Learners: true weights, first-rating shares, success shares (Hard, Good,
// Easy), how late they review, their UTC offset in minutes.
function learner(idx, reviews) {
  const rng = makeRng(1000 + idx);
  const w = DEFAULT_W.map((v, i) => {
    if (i === 7) return 0.001 + rng() * 0.05;
    return v * (0.6 + 0.8 * rng());
  });
  w[20] = 0.1 + rng() * 0.5;
  w[19] = Math.min(w[19], 0.8);
  const first = [0.1 + 0.2 * rng(), 0.05 + 0.15 * rng(), 0.5, 0.05 + 0.15 * rng()];
  const sum = first.reduce((a, b) => a + b, 0);
  return {
    name: `L${idx + 1}`,
    idx,
    reviews,
    w: w.map((v) => Math.round(v * 1e4) / 1e4),
    first: first.map((v) => v / sum),
    hard: 0.05 + 0.2 * rng(),
    easy: 0.03 + 0.15 * rng(),
    lateness: 0.2 + rng() * 0.8,
    offset: [0, 480, -300, 60, 330][idx % 5],
    seed: 77 + idx,
  };
}

function pickFirst(rng, shares) {
  let x = rng();
  for (let g = 0; g < 4; g++) {
    if (x < shares[g]) return g + 1;
    x -= shares[g];
  }
  return 3;
}

// One learner's history: [{card, time, rating, state}] in time order per card.
function simulate(L) {
  const rng = makeRng(L.seed);
  const f = fsrs({ request_retention: 0.9, maximum_interval: 36500,
    enable_short_term: true, enable_fuzz: true, learning_steps: ['1m', '10m'],
    relearning_steps: ['10m'] });
  const horizon = 365 * DAY;
  const rows = [];
  let card = 0;
  const perDay = Math.max(2, Math.round(L.reviews / 8 / 300));
  while (rows.length < L.reviews) {
    const day = Math.floor(card / perDay);
    let now = START + day * DAY + Math.floor((8 + 12 * rng()) * 3600000);
    let c = createEmptyCard(new Date(now));
    let m = null, lastT = now;
    let localDay = (t) => Math.floor((t + L.offset * 60000 - 4 * 3600000) / DAY);
    while (now < START + horizon && rows.length < L.reviews) {
      let g;
      if (m === null) {
        g = pickFirst(rng, L.first);
      } else {
        const t = (now - lastT) / DAY;
        const p = recall(L.w, t, m.s);
        if (rng() >= p) g = 1;
        else {
          const x = rng();
          g = x < L.hard ? 2 : x < L.hard + L.easy ? 4 : 3;
        }
      }
      rows.push({ card, time: now, rating: g, state: c.state });
      const same = m !== null && localDay(now) === localDay(lastT);
      m = memStep(L.w, m, g, (now - lastT) / DAY, same);
      lastT = now;
      c = f.next(c, new Date(now), g).card;
      let due = c.due.getTime();
      if (due - now < DAY) due += Math.floor(rng() * 5 * 60000);
      else if (rng() < L.lateness * 0.5) due += Math.floor(rng() * Math.min(0.3 * (due - now), 20 * DAY));
      else due += Math.floor(rng() * 10 * 3600000);
      now = Math.max(due, now + 1000);
    }
    card++;
  }
  return { rows, cards: card };
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function itemsOf(csv, offset) {
  return binding.convertCsvToFsrsItems(new Uint8Array(Buffer.from(csv)), 4, 'X',
    () => offset);
}

async function fitFsrsRs(items) {
  const t0 = process.hrtime.bigint();
  const w = await binding.computeParameters(items,
    { enableShortTerm: true, numRelearningSteps: 1, timeout: 10 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { w, ms };
}

function tzOf(offset) {
  // POSIX TZ: the sign is west of UTC.
  if (offset === 0) return 'UTC0';
  const a = Math.abs(offset), h = Math.floor(a / 60), m = a % 60;
  return `XXX${offset > 0 ? '-' : '+'}${h}${m ? ':' + String(m).padStart(2, '0') : ''}`;
}

async function bench(whose, out, sizes) {
  const rounds = Number(process.env.ROUNDS || 3);
  const root = path.resolve(__dirname, '..', '..');
  const results = [];
  for (let i = 0; i < sizes.length; i++) {
    const L = learner(i, sizes[i]);
    const sim = simulate(L);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'whose-opt-'));
    try {
      const bankDir = path.join(dir, 'bank');
      fs.mkdirSync(bankDir);
      execFileSync('python3', [path.join(root, 'bench', 'gen_bank.py'), String(sim.cards + 5),
        '--seed', '1', '--out', path.join(bankDir, 'bank.csv')]);
      const ids = fs.readFileSync(path.join(bankDir, 'bank.csv'), 'utf8').split('\n')
        .slice(1).map((l) => l.split(',')[0]).filter((s) => /^[a-z0-9-]+$/.test(s));
      const hist = ['id,reviewed_at,rating,duration_ms'];
      for (const r of sim.rows)
        hist.push(`${ids[r.card]},${new Date(r.time).toISOString()},${r.rating},5000`);
      fs.writeFileSync(path.join(dir, 'hist.csv'), hist.join('\n') + '\n');
      const env = { ...process.env, WHOSE_BANK: bankDir, TZ: tzOf(L.offset),
        WHOSE_DB: path.join(dir, 'w.db'), HOME: dir, XDG_DATA_HOME: dir };
      execFileSync(whose, ['import', '--reviews', path.join(dir, 'hist.csv')], { env, stdio: 'pipe' });
      execFileSync(whose, ['export', '--reviews', '-o', path.join(dir, 'log.csv')], { env });
      const csv = fs.readFileSync(path.join(dir, 'log.csv'), 'utf8');
      const items = itemsOf(csv, L.offset);
      let wj = null;
      const wt = [];
      for (let k = 0; k < rounds; k++) {
        const t0 = process.hrtime.bigint();
        const res = spawnSync(whose, ['optimize', '--json'], { env, encoding: 'utf8' });
        wt.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 0) throw new Error(`whose optimize failed: ${res.stderr}`);
        wj = JSON.parse(res.stdout);
      }
      let fr = null;
      const ft = [];
      for (let k = 0; k < rounds; k++) {
        fr = await fitFsrsRs(items);
        ft.push(fr.ms);
      }
      const evWhose = new binding.FSRSBinding(wj.fitted.parameters).evaluate(items);
      const evRs = new binding.FSRSBinding(fr.w).evaluate(items);
      const evDef = new binding.FSRSBinding(DEFAULT_W).evaluate(items);
      const evTrue = new binding.FSRSBinding(L.w).evaluate(items);
      const r = {
        learner: L.name, offset_min: L.offset, reviews: sim.rows.length, cards: sim.cards,
        items: items.length, whose_items: wj.items, train_items: wj.train_items,
        logloss_fsrs_rs: evRs.logLoss, logloss_whose: evWhose.logLoss,
        rmse_fsrs_rs: evRs.rmseBins, rmse_whose: evWhose.rmseBins,
        logloss_default: evDef.logLoss, logloss_true: evTrue.logLoss,
        whose_own_logloss: wj.fitted.log_loss, whose_own_default_logloss: wj.current.log_loss,
        ratio: evWhose.logLoss / evRs.logLoss,
        ms_fsrs_rs: median(ft), ms_whose_process: median(wt), ms_whose_fit: wj.fit_ms,
        w_true: L.w, w_fsrs_rs: fr.w, w_whose: wj.fitted.parameters,
      };
      results.push(r);
      console.log(`${r.learner}: ${r.reviews} reviews, ${r.items} items; log loss fsrs-rs ${r.logloss_fsrs_rs.toFixed(5)} whose ${r.logloss_whose.toFixed(5)} (x${r.ratio.toFixed(5)}); fsrs-rs ${r.ms_fsrs_rs.toFixed(0)} ms, whose ${r.ms_whose_process.toFixed(0)} ms`);
    } finally {
      if (process.env.KEEP) console.log(`kept ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  fs.writeFileSync(out, JSON.stringify({ node: process.version, results }, null, 1) + '\n');
}

async function fixture(outdir) {
  const L = learner(7, 1500);
  L.offset = 0;
  const sim = simulate(L);
  const lines = ['card_id,review_time,review_rating,review_state,review_duration'];
  for (const r of sim.rows)
    lines.push(`${1000 + r.card},${r.time},${r.rating},${r.state},5000`);
  const csv = lines.join('\n') + '\n';
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'log.csv'), csv);
  const items = itemsOf(csv, 0);
  const { w } = await fitFsrsRs(items);
  const ev = new binding.FSRSBinding(w).evaluate(items);
  const evDef = new binding.FSRSBinding(DEFAULT_W).evaluate(items);
  const fig = [
    '# fsrs-rs (@open-spaced-repetition/binding 0.5.0) on log.csv: day starts at 4, UTC,',
    '# enableShortTerm true, numRelearningSteps 1.  Written by bench/optimize/compare.js fixture.',
    `items ${items.length}`,
    `fitted_log_loss ${ev.logLoss}`,
    `fitted_rmse_bins ${ev.rmseBins}`,
    `default_log_loss ${evDef.logLoss}`,
    `default_rmse_bins ${evDef.rmseBins}`,
    `fitted ${w.join(' ')}`,
  ];
  fs.writeFileSync(path.join(outdir, 'figures.txt'), fig.join('\n') + '\n');
  console.log(fig.join('\n'));
}

async function main() {
  const [mode, a, b, ...rest] = process.argv.slice(2);
  if (mode === 'bench' && a && b) {
    const sizes = rest.length ? rest.map(Number) : [1000, 3000, 10000, 30000, 100000];
    await bench(path.resolve(a), path.resolve(b), sizes);
  } else if (mode === 'fixture' && a) {
    await fixture(path.resolve(a));
  } else {
    console.error('usage: node compare.js bench WHOSE OUTJSON [SIZES...] | fixture OUTDIR');
    process.exit(2);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
