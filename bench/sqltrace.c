/*
 * sqltrace.c - where a whose process spends its time in SQL, statement by
 * statement (an LD_PRELOAD shim for the benchmarks; whose links SQLite
 * dynamically).
 *
 * Wraps sqlite3_step, sqlite3_exec and sqlite3_prepare_v2/v3, times each
 * call with CLOCK_MONOTONIC and, at exit, appends one line per SQL text to
 * the file named by SQLTRACE_OUT (standard error when unset):
 *
 *     runs <TAB> steps <TAB> total_ns <TAB> max_run_ns <TAB> sql
 *
 * A run is a statement's execution from its first step after a reset to the
 * next reset (the rows it returns).  Prepares are summed on one line
 * "(prepare)".  The last line, "(process)", holds the time from the first
 * call into SQLite to exit.
 *
 * Built by meson with -Dbench=true (bench/meson.build): build/bench/sqltrace.so.
 * Use:   SQLTRACE_OUT=trace.tsv LD_PRELOAD=build/bench/sqltrace.so whose ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SQL 256

struct entry {
	const char *sql;      /* owned copy */
	uint64_t runs, steps, total_ns, max_run_ns;
	uint64_t run_ns;      /* the run in progress */
};

static struct entry entries[MAX_SQL];
static size_t nentries;
static uint64_t prepare_ns, prepares, first_ns;
static int in_exec;

static int (*real_step)(sqlite3_stmt *);
static int (*real_exec)(sqlite3 *, const char *, int (*)(void *, int, char **, char **),
			void *, char **);
static int (*real_prepare_v2)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
static int (*real_prepare_v3)(sqlite3 *, const char *, int, unsigned int,
			      sqlite3_stmt **, const char **);

static uint64_t ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void resolve(void)
{
	if (real_step != NULL)
		return;
	/* POSIX's way of turning dlsym's object pointer into a function
	 * pointer (ISO C forbids the plain cast; -Wpedantic says so). */
	*(void **)&real_step = dlsym(RTLD_NEXT, "sqlite3_step");
	*(void **)&real_exec = dlsym(RTLD_NEXT, "sqlite3_exec");
	*(void **)&real_prepare_v2 = dlsym(RTLD_NEXT, "sqlite3_prepare_v2");
	*(void **)&real_prepare_v3 = dlsym(RTLD_NEXT, "sqlite3_prepare_v3");
	first_ns = ns();
}

static struct entry *find(const char *sql)
{
	if (sql == NULL)
		sql = "(null)";
	for (size_t i = 0; i < nentries; i++)
		if (strcmp(entries[i].sql, sql) == 0)
			return &entries[i];
	if (nentries == MAX_SQL)
		return NULL;
	entries[nentries].sql = strdup(sql);
	if (entries[nentries].sql == NULL)
		return NULL;
	return &entries[nentries++];
}

/* The entry of a statement, by its address (a finalized statement leaves
 * the cache, so that an address reused for another SQL text is looked up
 * again). */
#define CACHE_SLOTS 1024
static struct {
	sqlite3_stmt *st;
	struct entry *e;
} cache[CACHE_SLOTS];

static size_t slot_of(sqlite3_stmt *st)
{
	return ((uintptr_t)st >> 4) % CACHE_SLOTS;
}

static struct entry *lookup(sqlite3_stmt *st)
{
	size_t h = slot_of(st);

	if (cache[h].st != st || cache[h].e == NULL) {
		cache[h].st = st;
		cache[h].e = find(sqlite3_sql(st));
	}
	return cache[h].e;
}

static void account(struct entry *e, uint64_t dt, int new_run, int finished)
{
	if (e == NULL)
		return;
	if (new_run) {
		e->runs++;
		e->run_ns = 0;
	}
	e->steps++;
	e->total_ns += dt;
	e->run_ns += dt;
	/* A run's length is known when it finishes, or at least so far. */
	if (e->run_ns > e->max_run_ns)
		e->max_run_ns = e->run_ns;
	(void)finished;
}

int sqlite3_step(sqlite3_stmt *st)
{
	int busy, rc;
	uint64_t t0;

	resolve();
	if (in_exec)
		return real_step(st);
	busy = sqlite3_stmt_busy(st);
	t0 = ns();
	rc = real_step(st);
	account(lookup(st), ns() - t0, !busy, rc != SQLITE_ROW);
	return rc;
}

static int (*real_finalize)(sqlite3_stmt *);

int sqlite3_finalize(sqlite3_stmt *st)
{
	size_t h = slot_of(st);

	if (real_finalize == NULL)
		*(void **)&real_finalize = dlsym(RTLD_NEXT, "sqlite3_finalize");
	if (cache[h].st == st)
		cache[h].st = NULL;
	return real_finalize(st);
}

int sqlite3_exec(sqlite3 *db, const char *sql,
		 int (*cb)(void *, int, char **, char **), void *arg, char **errmsg)
{
	int rc;
	uint64_t t0;

	resolve();
	in_exec++;
	t0 = ns();
	rc = real_exec(db, sql, cb, arg, errmsg);
	in_exec--;
	if (!in_exec)
		account(find(sql), ns() - t0, 1, 1);
	return rc;
}

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st,
		       const char **tail)
{
	int rc;
	uint64_t t0;

	resolve();
	t0 = ns();
	rc = real_prepare_v2(db, sql, n, st, tail);
	if (!in_exec) {
		prepare_ns += ns() - t0;
		prepares++;
	}
	return rc;
}

int sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned int flags,
		       sqlite3_stmt **st, const char **tail)
{
	int rc;
	uint64_t t0;

	resolve();
	t0 = ns();
	rc = real_prepare_v3(db, sql, n, flags, st, tail);
	if (!in_exec) {
		prepare_ns += ns() - t0;
		prepares++;
	}
	return rc;
}

__attribute__((destructor)) static void dump(void)
{
	const char *path = getenv("SQLTRACE_OUT");
	FILE *f = path != NULL && *path != '\0' ? fopen(path, "a") : stderr;

	if (f == NULL || first_ns == 0)
		return;
	for (size_t i = 0; i < nentries; i++) {
		const struct entry *e = &entries[i];

		fprintf(f, "%llu\t%llu\t%llu\t%llu\t", (unsigned long long)e->runs,
			(unsigned long long)e->steps, (unsigned long long)e->total_ns,
			(unsigned long long)e->max_run_ns);
		for (const char *c = e->sql; *c != '\0'; c++)
			fputc(*c == '\t' || *c == '\n' ? ' ' : *c, f);
		fputc('\n', f);
	}
	fprintf(f, "%llu\t0\t%llu\t0\t(prepare)\n", (unsigned long long)prepares,
		(unsigned long long)prepare_ns);
	fprintf(f, "1\t0\t%llu\t0\t(process)\n", (unsigned long long)(ns() - first_ns));
	if (f != stderr)
		fclose(f);
}
