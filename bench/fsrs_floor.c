/*
 * fsrs_floor.c - what a scheduling step cannot go below on this machine.
 *
 * A review's figures form one chain: R = round8(pow(1 + f t / S, decay)),
 * then e^((1 - R) w10) inside the new stability, then round8 of that (a
 * division by 1e8 each time), then the interval.  Each link waits for the
 * one before, so a step costs at least the latency of one pow, one exp and
 * two divisions, however little else it does.  This program measures those
 * latencies (each call waiting for the previous result) and pow's
 * throughput (independent calls), for bench/fsrs-bench.sh to print beside
 * the step times.  Usage: fsrs_floor [calls]
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double fsrs_floor_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000000L, i;
	volatile double seed = 1.2345;
	double x = seed, e = seed, d = seed, acc = 0, t0, t1, t2, t3, t4;

	if (n < 1)
		n = 1;
	t0 = fsrs_floor_now();
	for (i = 0; i < n; i++)
		x = pow(x + 1.5, -0.1542) + 1.0;  /* the forgetting curve's shape */
	t1 = fsrs_floor_now();
	for (i = 0; i < n; i++)
		acc += pow(seed + (double)i * 1e-9, -0.1666);
	t2 = fsrs_floor_now();
	for (i = 0; i < n; i++)
		e = exp(e * 0.1);
	t3 = fsrs_floor_now();
	for (i = 0; i < n; i++)
		d = d / 1e8 + 1.0;
	t4 = fsrs_floor_now();
	printf("fsrs_floor: pow latency %.1f ns, pow throughput %.1f ns, exp latency %.1f ns, division+add latency %.1f ns (%g)\n",
	       (t1 - t0) * 1e9 / (double)n, (t2 - t1) * 1e9 / (double)n,
	       (t3 - t2) * 1e9 / (double)n, (t4 - t3) * 1e9 / (double)n,
	       x + acc + e + d);
	return 0;
}
