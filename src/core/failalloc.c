/*
 * failalloc.c - allocation failures on demand, for tests (SQLite's way of
 * testing error paths: fail each allocation in turn).  Built only with
 * meson -Dalloc_fail=true; failalloc.h routes the core's and the front
 * ends' allocations here, and SQLite's through sqlite3_config.
 *
 * Environment, read once at start:
 *   WHOSE_FAIL_ALLOC=N         the Nth allocation (counting from 1: ours and
 *                              SQLite's) returns NULL, once; 0 or unset:
 *                              none fails, allocations are only counted
 *   WHOSE_FAIL_ALLOC_COUNT=F   at exit, append "COUNT FAILED" to file F: how
 *                              many allocations were made, and 1 when the
 *                              Nth was reached and failed (else 0)
 *   WHOSE_FAIL_ALLOC_FORK=1    start counting again in every forked child
 *                              (Check runs each test in its own child)
 *
 * Not thread-safe beyond what the core needs: the core is single-threaded.
 */
#include "core/failalloc.h"
/*
 * This file calls the real allocator: the macros go before any system
 * header declares it (failalloc.h, forced in first, declared ours).
 */
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long failalloc_target;
static unsigned long failalloc_count;
static int failalloc_failed;
static const char *failalloc_report;
static sqlite3_mem_methods failalloc_sqlite_orig;

/* True when this allocation is the one to fail. */
static int failalloc_now(void)
{
	failalloc_count++;
	if (failalloc_target != 0 && failalloc_count == failalloc_target) {
		failalloc_failed = 1;
		return 1;
	}
	return 0;
}

void *whose_fail_malloc(size_t n)
{
	return failalloc_now() ? NULL : malloc(n);
}

void *whose_fail_calloc(size_t count, size_t size)
{
	return failalloc_now() ? NULL : calloc(count, size);
}

void *whose_fail_realloc(void *p, size_t n)
{
	return failalloc_now() ? NULL : realloc(p, n);
}

char *whose_fail_strdup(const char *s)
{
	return failalloc_now() ? NULL : strdup(s);
}

char *whose_fail_strndup(const char *s, size_t n)
{
	return failalloc_now() ? NULL : strndup(s, n);
}

static void *failalloc_sqlite_malloc(int n)
{
	return failalloc_now() ? NULL : failalloc_sqlite_orig.xMalloc(n);
}

static void *failalloc_sqlite_realloc(void *p, int n)
{
	return failalloc_now() ? NULL : failalloc_sqlite_orig.xRealloc(p, n);
}

static void failalloc_at_exit(void)
{
	FILE *f;

	if (failalloc_report == NULL || (f = fopen(failalloc_report, "a")) == NULL)
		return;
	fprintf(f, "%lu %d\n", failalloc_count, failalloc_failed);
	fclose(f);
}

static void failalloc_child(void)
{
	failalloc_count = 0;
	failalloc_failed = 0;
}

__attribute__((constructor)) static void failalloc_start(void)
{
	const char *n = getenv("WHOSE_FAIL_ALLOC");
	const char *fork_reset = getenv("WHOSE_FAIL_ALLOC_FORK");
	sqlite3_mem_methods mine;

	failalloc_target = n != NULL ? strtoul(n, NULL, 10) : 0;
	failalloc_report = getenv("WHOSE_FAIL_ALLOC_COUNT");
	if (failalloc_report != NULL)
		atexit(failalloc_at_exit);
	if (fork_reset != NULL && strcmp(fork_reset, "1") == 0)
		pthread_atfork(NULL, NULL, failalloc_child);
	/* SQLite's own allocations count and fail too (before it starts). */
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &failalloc_sqlite_orig) == SQLITE_OK) {
		mine = failalloc_sqlite_orig;
		mine.xMalloc = failalloc_sqlite_malloc;
		mine.xRealloc = failalloc_sqlite_realloc;
		sqlite3_config(SQLITE_CONFIG_MALLOC, &mine);
	}
}
