/*
 * queue_bench.c - latency of one study step, by operation, inside one
 * process: choosing the next card (session_next), the count shown beside it
 * (session_progress, which plain mode and the full-screen interface call
 * for every question), and recording the answer (session_rate: one
 * transaction that reads the card, schedules it, writes it, logs the review
 * and counts it toward its topic).
 *
 * Usage: queue_bench DB NOW OPS [THINK_MS] [SEED]
 *
 * Opens DB (a whose database; it is written to), starts a review session
 * with the database's settings at NOW (ISO 8601 UTC) on a clock that moves
 * only by THINK_MS (default 8000) after each answer, and answers OPS
 * questions: right 85% of the time (the rating is the suggested one: Good,
 * or Again when wrong), flashcards turned and rated Good or Again alike.
 * It stops early when nothing more is due.  Each call is timed with
 * CLOCK_MONOTONIC; the answer itself (attempt_set and session_grade, or
 * session_reveal) is not timed.  Prints one JSON object: per operation the count, mean,
 * median, p90, p99, max and first call in microseconds, and the states of
 * the cards shown.  With QB_RAW=FILE in the environment it also writes
 * every sample to FILE: one line per question, "next progress rate
 * progress_cpu rate_cpu" in ns (the last two: this thread's CPU time in
 * those calls, CLOCK_THREAD_CPUTIME_ID).
 * Between showing a question and answering it, session_idle runs as
 * the front ends run it while the learner reads (the store's checkpoint);
 * its time is reported as "idle", apart from the three operations.
 * QB_NO_PROGRESS=1 leaves session_progress out (a diagnostic: does the
 * count between two questions slow the others down?).
 *
 * Built by meson with -Dbench=true (bench/meson.build): build/bench/queue_bench.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "whose/attempt.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/session.h"
#include "whose/store.h"

enum { OP_NEXT, OP_PROGRESS, OP_RATE, OP_STEP, OP_IDLE, OP_PROGRESS_CPU, OP_RATE_CPU, OP_COUNT };
static const char *const op_names[OP_COUNT] = {
	"next", "progress", "rate", "step", "idle", "progress_cpu", "rate_cpu",
};

static uint64_t rng_state = 88172645463325252ULL;

static double rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* CPU time of this thread: a wall-clock tail with no CPU behind it was
 * spent waiting (the disk, or other processes on a loaded machine). */
static int64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The nearest-rank percentile P (0..100) of sorted V[N]. */
static int64_t pct(const int64_t *v, size_t n, double p)
{
	size_t k;

	if (n == 0)
		return 0;
	k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

/* A response to Q: the right one, or (WRONG) a wrong one. */
static void respond(const struct question *q, bool wrong,
		    struct question_response *r)
{
	memset(r, 0, sizeof(*r));
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		r->mask = q->correct_mask;
		if (wrong) {
			for (size_t i = 0; i < q->nslots; i++) {
				if (!(q->correct_mask & (1u << i))) {
					/* A multi answer with one right choice
					 * swapped for a wrong one: as many marks as
					 * it wants, so graded, and wrong. */
					r->mask = q->type == QUESTION_CHOICE ? 1u << i
						: (r->mask & (r->mask - 1)) | 1u << i;
					break;
				}
			}
		}
		break;
	case QUESTION_TRUEFALSE:
		r->truth = wrong ? !q->truth : q->truth;
		r->given = 1u;
		break;
	case QUESTION_WHO:
		r->owner = wrong ? (enum question_owner)((q->owner + 1) % 3) : q->owner;
		r->given = 1u;
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			r->item_owner[i] = q->item_owner[i];
			r->given |= 1u << i;
		}
		if (wrong)
			r->item_owner[0] = (enum question_owner)((q->item_owner[0] + 1) % 3);
		break;
	default:
		break;
	}
}

int main(int argc, char **argv)
{
	struct whose_error err;
	struct store *s = NULL;
	struct session *sess = NULL;
	struct session_opts o;
	struct whose_clock clk;
	struct config cfg;
	int64_t now_ms, think_ms = 8000;
	int64_t *t[OP_COUNT];
	size_t ops, n = 0, states[4] = { 0 }, wrong_n = 0;
	int rc;
	bool no_progress;

	no_progress = getenv("QB_NO_PROGRESS") != NULL && *getenv("QB_NO_PROGRESS") == '1';
	if (argc < 4 || argc > 6) {
		fprintf(stderr, "usage: %s DB NOW OPS [THINK_MS] [SEED]\n", argv[0]);
		return 2;
	}
	if (clock_parse_iso(argv[2], &now_ms) < 0) {
		fprintf(stderr, "queue_bench: bad time '%s'\n", argv[2]);
		return 2;
	}
	ops = (size_t)strtoul(argv[3], NULL, 10);
	if (argc > 4)
		think_ms = strtoll(argv[4], NULL, 10);
	if (argc > 5)
		rng_state ^= strtoull(argv[5], NULL, 10) * 0x9E3779B97F4A7C15ULL;
	for (int k = 0; k < OP_COUNT; k++) {
		t[k] = calloc(ops ? ops : 1, sizeof(int64_t));
		if (t[k] == NULL)
			return 1;
	}
	whose_error_clear(&err);
	clock_use_fixed(&clk, &now_ms);
	if (store_open(argv[1], 0, &s, &err) < 0 || config_load(s, &cfg, &err) < 0) {
		fprintf(stderr, "queue_bench: %s\n", err.msg);
		return 1;
	}
	memset(&o, 0, sizeof(o));
	o.mode = SESSION_REVIEW;
	o.config = &cfg;
	o.clock = &clk;
	o.seed = 1;
	if (session_new(s, &o, &sess, &err) < 0) {
		fprintf(stderr, "queue_bench: %s\n", err.msg);
		return 1;
	}
	for (n = 0; n < ops; n++) {
		const struct session_item *it;
		struct question_response resp;
		size_t done, left;
		bool wrong = rnd() < 0.15;
		int64_t t0, t1, t2, t2b, t3, t4, c1, c2, c3, c4;

		t0 = now_ns();
		rc = session_next(sess, &it, &err);
		t1 = now_ns();
		if (rc == WHOSE_ENOTFOUND)
			break;
		if (rc < 0) {
			fprintf(stderr, "queue_bench: next: %s\n", err.msg);
			return 1;
		}
		c1 = cpu_ns();
		if (!no_progress)
			session_progress(sess, &done, &left);
		t2 = now_ns();
		c2 = cpu_ns();
		/* The learner reads the question: the front ends call
		 * session_idle now (the store's checkpoint); not timed as an
		 * operation, but its time is kept (OP_IDLE). */
		t2b = now_ns();
		session_idle(sess);
		t[OP_IDLE][n] = now_ns() - t2b;
		if ((unsigned)it->a.item.card.fsrs.state < 4)
			states[it->a.item.card.fsrs.state]++;
		now_ms += think_ms;
		if (it->a.q.type == QUESTION_CARD) {
			rc = session_reveal(sess, &err);
		} else {
			respond(&it->a.q, wrong, &resp);
			rc = attempt_set(session_attempt(sess), &resp, &err);
			if (rc == 0)
				rc = session_grade(sess, &err);
		}
		if (rc < 0) {
			fprintf(stderr, "queue_bench: answer: %s\n", err.msg);
			return 1;
		}
		wrong_n += wrong;
		c3 = cpu_ns();
		t3 = now_ns();
		rc = session_rate(sess, it->a.q.type == QUESTION_CARD ? (wrong ? 1 : 3) : 0, &err);
		t4 = now_ns();
		c4 = cpu_ns();
		if (rc < 0) {
			fprintf(stderr, "queue_bench: rate: %s\n", err.msg);
			return 1;
		}
		t[OP_NEXT][n] = t1 - t0;
		t[OP_PROGRESS][n] = t2 - t1;
		t[OP_RATE][n] = t4 - t3;
		t[OP_STEP][n] = (t2 - t0) + (t4 - t3);
		t[OP_PROGRESS_CPU][n] = c2 - c1;
		t[OP_RATE_CPU][n] = c4 - c3;
	}
	session_free(sess);
	store_close(s);

	if (getenv("QB_RAW") != NULL && *getenv("QB_RAW") != '\0') {
		FILE *f = fopen(getenv("QB_RAW"), "w");

		if (f == NULL) {
			perror("queue_bench: QB_RAW");
			return 1;
		}
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%lld %lld %lld %lld %lld\n", (long long)t[OP_NEXT][i],
				(long long)t[OP_PROGRESS][i], (long long)t[OP_RATE][i],
				(long long)t[OP_PROGRESS_CPU][i], (long long)t[OP_RATE_CPU][i]);
		fclose(f);
	}

	printf("{\"ops\": %zu, \"wrong\": %zu, \"states\": {\"new\": %zu, \"learning\": %zu,"
	       " \"review\": %zu, \"relearning\": %zu}", n, wrong_n, states[0], states[1],
	       states[2], states[3]);
	for (int k = 0; k < OP_COUNT; k++) {
		int64_t first = n ? t[k][0] : 0;
		double sum = 0;

		for (size_t i = 0; i < n; i++)
			sum += (double)t[k][i];
		qsort(t[k], n, sizeof(int64_t), cmp_i64);
		printf(", \"%s\": {\"mean_us\": %.2f, \"median_us\": %.2f, \"p90_us\": %.2f,"
		       " \"p99_us\": %.2f, \"max_us\": %.2f, \"first_us\": %.2f}",
		       op_names[k], n ? sum / (double)n / 1e3 : 0.0,
		       (double)pct(t[k], n, 50) / 1e3, (double)pct(t[k], n, 90) / 1e3,
		       (double)pct(t[k], n, 99) / 1e3, n ? (double)t[k][n - 1] / 1e3 : 0.0,
		       (double)first / 1e3);
		free(t[k]);
	}
	printf("}\n");
	return 0;
}
