#!/usr/bin/env node
// fsrs_bench.js - the steps of bench/fsrs_bench.c, made through the
// reference ts-fsrs (from tests/fsrs/node_modules: run `npm install` in
// tests/fsrs first).  Same generator, same cards, ratings and times, same
// checksum.  Usage: node bench/fsrs_bench.js [steps]
'use strict';

const path = require('path');
const { fsrs, createEmptyCard } = require(
  path.join(__dirname, '..', 'tests', 'fsrs', 'node_modules', 'ts-fsrs'));

const CARDS = 1000;
const STEPS = Number(process.argv[2] || 1000000);
const START = Date.UTC(2024, 0, 1);

// mulberry32, as in fsrs_bench.c (32-bit unsigned arithmetic).
let rngState = 20240101;
function rand() {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
  t = (t ^ (t + Math.imul(t ^ (t >>> 7), t | 61))) >>> 0;
  return (t ^ (t >>> 14)) >>> 0;
}

const f = fsrs({});
const cards = [];
for (let k = 0; k < CARDS; k++) cards.push(createEmptyCard(new Date(START + rand() % 86400000)));

let checksum = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < STEPS; i++) {
  const pick = rand();
  const when = rand();
  const grade = rand() % 100;
  const k = pick % CARDS;
  const c = cards[k];
  const rating = grade < 15 ? 1 : grade < 30 ? 2 : grade < 90 ? 3 : 4;
  const late = when % 10 < 7 ? when % 3600000 : when % 864000000;
  const next = f.next(c, new Date(c.due.getTime() + late), rating).card;
  cards[k] = next;
  checksum = (checksum * 31 + next.scheduled_days * 4 + next.state) % 1000000007;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;

console.log(`fsrs_bench JS: ${STEPS} steps in ${secs.toFixed(3)} s: ` +
  `${(STEPS / secs).toFixed(0)} steps/s, ${(secs * 1e9 / STEPS).toFixed(1)} ns/step, ` +
  `checksum ${checksum}`);
