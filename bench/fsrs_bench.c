/*
 * fsrs_bench.c - how fast is fsrs_next?  Runs 1,000,000 scheduling steps
 * over 1,000 cards with pseudo-random ratings and review times, and prints
 * steps per second and nanoseconds per step.
 *
 * bench/fsrs_bench.js makes exactly the same steps through the reference
 * (ts-fsrs) with the same generator; both print a checksum of the results,
 * which bench/fsrs-bench.sh compares to be sure they did the same work.
 * Usage: fsrs_bench [steps]
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "whose/fsrs.h"

#define FSRS_BENCH_CARDS 1000
#define FSRS_BENCH_STEPS 1000000L
#define FSRS_BENCH_START INT64_C(1704067200000) /* 2024-01-01 00:00 UTC */

/* mulberry32: tiny, and easy to mirror exactly in JavaScript. */
static uint32_t fsrs_bench_rand(uint32_t *state)
{
	uint32_t t = *state += 0x6d2b79f5u;

	t = (t ^ (t >> 15)) * (t | 1u);
	t ^= t + (t ^ (t >> 7)) * (t | 61u);
	return t ^ (t >> 14);
}

static double fsrs_bench_now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	static struct fsrs_card cards[FSRS_BENCH_CARDS];
	struct fsrs_params params;
	struct whose_error err;
	uint32_t rng = 20240101u;
	uint64_t checksum = 0;
	long steps = argc > 1 ? atol(argv[1]) : FSRS_BENCH_STEPS;
	double t0, t1;
	long i;
	int k;

	fsrs_params_default(&params);
	for (k = 0; k < FSRS_BENCH_CARDS; k++)
		fsrs_card_init(&cards[k], FSRS_BENCH_START +
		                          (int64_t)(fsrs_bench_rand(&rng) % 86400000u));

	t0 = fsrs_bench_now_sec();
	for (i = 0; i < steps; i++) {
		uint32_t pick = fsrs_bench_rand(&rng);
		uint32_t when = fsrs_bench_rand(&rng);
		uint32_t grade = fsrs_bench_rand(&rng) % 100u;
		struct fsrs_card *c = &cards[pick % FSRS_BENCH_CARDS];
		int rating = grade < 15 ? FSRS_AGAIN
		           : grade < 30 ? FSRS_HARD
		           : grade < 90 ? FSRS_GOOD : FSRS_EASY;
		/* on time (within an hour) 70% of the time, else up to 10 days late */
		int64_t late = when % 10u < 7 ? (int64_t)(when % 3600000u)
		                              : (int64_t)(when % 864000000u);

		if (fsrs_next(&params, c, c->due + late, rating, c, &err) < 0) {
			fprintf(stderr, "fsrs_bench: step %ld: %s\n", i, err.msg);
			return 1;
		}
		checksum = (checksum * 31 + (uint64_t)c->scheduled_days * 4 +
		            (uint64_t)c->state) % 1000000007u;
	}
	t1 = fsrs_bench_now_sec();

	printf("fsrs_bench C: %ld steps in %.3f s: %.0f steps/s, %.1f ns/step, checksum %llu\n",
	       steps, t1 - t0, (double)steps / (t1 - t0),
	       (t1 - t0) * 1e9 / (double)steps, (unsigned long long)checksum);
	return 0;
}
