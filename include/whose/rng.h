/*
 * rng.h - the one random generator of whose: splitmix64 (Steele, Lea,
 * Flood 2014), seeded.  Every shuffle and draw in the program (choice
 * order, practice picks, exam draws, drills, the live class) comes from
 * here, so that a seed means the same thing everywhere and on every
 * machine: the numbers depend on the seed alone, never on rand() or the
 * platform.
 */
#ifndef WHOSE_RNG_H
#define WHOSE_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t state;
};

/* Seed R with SEED (any value, 0 included). */
void rng_seed(struct rng *r, uint64_t seed);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* A uniform number below N (N > 0; 0 when N is 0), without modulo bias. */
size_t rng_below(struct rng *r, size_t n);

/* Shuffle the N ids at IDS in place (Fisher-Yates, from the end). */
void rng_shuffle_ids(struct rng *r, int64_t *ids, size_t n);

/* A seed from a clock reading, for when the learner gave none. */
uint64_t rng_seed_from_time(int64_t ms);

/* 64-bit FNV-1a of S[0..LEN), continuing from H (start with
 * RNG_FNV_BASIS): a stable hash for seeds derived from ids. */
#define RNG_FNV_BASIS 0xcbf29ce484222325ULL
uint64_t rng_fnv1a(uint64_t h, const void *s, size_t len);

#endif
