/*
 * test_util.h - helpers shared by the Check suites: temporary folders and
 * files, and a digest of a database's content.
 */
#ifndef WHOSE_TEST_UTIL_H
#define WHOSE_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Make a fresh temporary folder; returns its path (static storage per call
 * is not shared: the result is malloc'd and freed by test_rmtree). */
char *test_tmpdir(void);

/* Remove DIR and everything in it, then free DIR. */
void test_rmtree(char *dir);

/* Write LEN bytes of DATA (LEN -1: strlen) to DIR/NAME; returns the path in
 * a static buffer that the next call overwrites. */
const char *test_write(const char *dir, const char *name, const char *data,
		       long len);

/* A digest of every row of every table of the database at PATH (opened
 * read-only), for "nothing changed" checks. */
uint64_t test_db_digest(const char *path);

#endif
