/*
 * search_bench.c - the time of a search (store_search: the FTS5 index,
 * the join with cards and topics, bm25 order, retrievability of every
 * hit) against a LIKE scan of the same questions table for the same
 * words, inside one process, on a whose database.
 *
 * Usage: search_bench DB [ROUNDS]
 *
 * For each query of a fixed list (a common word, a rarer one, two words,
 * a prefix, a phrase), it times ROUNDS (default 7) runs of
 *   (a) store_search with every hit (what 'whose search WORDS' reads),
 *   (b) store_search with --limit 50 (the first screen of the browse list),
 *   (c) SELECT count(*) ... WHERE (question LIKE '%w%' OR choices LIKE ...
 *       OR explanation LIKE ... OR tags LIKE ...) AND ... for each word,
 *       the plain scan the index replaces,
 * after one untimed run of each (a warm page cache).  Prints one JSON
 * object: per query the hits of each and the median and best times in
 * milliseconds.  The database is only read.
 *
 * Build: cc -O2 -std=c11 -Iinclude bench/search_bench.c build/libwhose_core.a
 *        -lsqlite3 -lcsv -lm
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "whose/config.h"
#include "whose/store.h"

static const struct {
	const char *words;        /* as typed to whose search */
	const char *like[3];      /* the LIKE patterns, ANDed */
} bench_queries[] = {
	{ "hypervisor", { "%hypervisor%", NULL, NULL } },
	{ "GuardDuty", { "%GuardDuty%", NULL, NULL } },
	{ "guardduty replica", { "%guardduty%", "%replica%", NULL } },
	{ "encrypt*", { "%encrypt%", NULL, NULL } },
	{ "\"read replica\"", { "%read replica%", NULL, NULL } },
	{ "zyxwvut", { "%zyxwvut%", NULL, NULL } },
};

#define BENCH_NQ (sizeof(bench_queries) / sizeof(bench_queries[0]))

static double bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One store_search; returns its hits, or -1. */
static long bench_search(struct store *s, const struct config *cfg, const char *words,
			 size_t limit)
{
	struct store_search_query q = { .words = words, .topic_id = -1, .limit = limit };
	struct store_hit *h = NULL;
	struct whose_error err;
	size_t n = 0;

	whose_error_clear(&err);
	if (store_search(s, &q, &cfg->fsrs, 1772359200000LL, &h, &n, &err) < 0) {
		fprintf(stderr, "search_bench: %s\n", err.msg);
		return -1;
	}
	store_hits_free(h, n);
	return (long)n;
}

/* One LIKE scan; returns its count, or -1. */
static long bench_like(sqlite3 *db, const char *const *pat)
{
	char sql[1024];
	size_t len = (size_t)snprintf(sql, sizeof(sql), "SELECT count(*) FROM questions WHERE 1");
	sqlite3_stmt *st;
	long n = -1;
	int k = 0;

	for (; k < 3 && pat[k] != NULL; k++)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len,
					" AND (question LIKE ?%d OR choices LIKE ?%d OR explanation LIKE ?%d"
					" OR tags LIKE ?%d)", k + 1, k + 1, k + 1, k + 1);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (int i = 0; i < k; i++)
		sqlite3_bind_text(st, i + 1, pat[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct whose_error err;
	struct config cfg;
	sqlite3 *db;
	size_t active = 0, retired = 0;
	int rounds = argc > 2 ? atoi(argv[2]) : 7;

	if (argc < 2 || rounds < 1) {
		fprintf(stderr, "usage: search_bench DB [ROUNDS]\n");
		return 2;
	}
	whose_error_clear(&err);
	if (store_open(argv[1], 0, &s, &err) < 0 || config_load(s, &cfg, &err) < 0 ||
	    store_count_questions(s, &active, &retired, &err) < 0) {
		fprintf(stderr, "search_bench: %s\n", err.msg);
		return 1;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_bench: cannot open %s\n", argv[1]);
		return 1;
	}
	printf("{\"questions\": %zu, \"rounds\": %d, \"queries\": [", active + retired, rounds);
	for (size_t qi = 0; qi < BENCH_NQ; qi++) {
		double t[3][64];
		long hits[3];
		const char *name[3] = { "search_all", "search_50", "like_scan" };

		for (int r = -1; r < rounds && r < 64; r++) {
			for (int m = 0; m < 3; m++) {
				double t0 = bench_ms();

				hits[m] = m == 2 ? bench_like(db, bench_queries[qi].like)
				       : bench_search(s, &cfg, bench_queries[qi].words, m == 1 ? 50 : 0);
				if (hits[m] < 0)
					return 1;
				if (r >= 0)
					t[m][r] = bench_ms() - t0;
			}
		}
		printf("%s\n  {\"words\": ", qi ? "," : "");
		putchar('"');
		for (const char *p = bench_queries[qi].words; *p != '\0'; p++) {
			if (*p == '"')
				putchar('\\');
			putchar(*p);
		}
		putchar('"');
		for (int m = 0; m < 3; m++) {
			qsort(t[m], (size_t)rounds, sizeof(double), bench_cmp);
			printf(", \"%s\": {\"hits\": %ld, \"median_ms\": %.2f, \"best_ms\": %.2f}",
			       name[m], hits[m], t[m][rounds / 2], t[m][0]);
		}
		putchar('}');
	}
	printf("\n]}\n");
	sqlite3_close(db);
	store_close(s);
	return 0;
}
