/*
 * rng.c - the one seeded generator (see rng.h).
 */
#include "whose/rng.h"

void rng_seed(struct rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t rng_next(struct rng *r)
{
	/* splitmix64: one add, three mixes; every seed is a good one. */
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

size_t rng_below(struct rng *r, size_t n)
{
	uint64_t bound = (uint64_t)n, limit, x;

	if (n == 0)
		return 0;
	/* Reject the few values that would favour small results. */
	limit = (0 - bound) % bound;
	do
		x = rng_next(r);
	while (x < limit);
	return (size_t)(x % bound);
}

void rng_shuffle_ids(struct rng *r, int64_t *ids, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, i);
		int64_t t = ids[i - 1];

		ids[i - 1] = ids[j];
		ids[j] = t;
	}
}

uint64_t rng_seed_from_time(int64_t ms)
{
	return (uint64_t)ms * 2654435761ULL + 1;
}

uint64_t rng_fnv1a(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
