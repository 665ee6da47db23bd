/*
 * names.h - finding a name (a topic, a command, an option) from what a
 * person typed: the whole name in any case, a unique prefix of it, or
 * unique prefixes of its words ("keys" finds "Keys, HSMs & secrets",
 * "s3" finds "S3"); on a miss, the closest names by edit distance, for a
 * "did you mean" line.  ASCII letters fold case; other bytes compare as
 * they are.  No allocation, no printing.
 */
#ifndef WHOSE_NAMES_H
#define WHOSE_NAMES_H

#include <stddef.h>

#include "whose/error.h"

/* How names_find matched (or why it did not). */
enum names_match {
	NAMES_NONE,       /* nothing matched: *suggest holds the closest, if any */
	NAMES_EXACT,      /* the whole name, case aside */
	NAMES_PREFIX,     /* a unique prefix of the whole name */
	NAMES_WORDS,      /* each typed word a prefix of a word of one name */
	NAMES_AMBIGUOUS,  /* more than one name matched as well as the best */
};

/*
 * Look TYPED up among NAMES[0..N) (NULL entries are skipped).  On a
 * match *INDEX is the name's index.  On NAMES_AMBIGUOUS, *INDEX is the
 * first candidate and *OTHER the second.  On NAMES_NONE, *INDEX is the
 * closest name within a small edit distance (at most a third of its
 * length, at least 1, at most 3), or N when none is close.  INDEX and
 * OTHER may be NULL.
 */
enum names_match names_find(const char *typed, const char *const *names, size_t n,
			    size_t *index, size_t *other);

/*
 * The same, worded for a person: returns 0 and *INDEX on a match;
 * otherwise fills ERR with "no WHAT named 'TYPED'" (or "'TYPED' could
 * be WHAT 'A' or 'B'"), then "did you mean 'X'?" when one is close,
 * then HINT (e.g. "'whose stats' lists the topics"), and returns
 * WHOSE_ENOTFOUND (a miss) or WHOSE_EINVAL (ambiguous).
 */
int names_resolve(const char *typed, const char *const *names, size_t n,
		  const char *what, const char *hint, size_t *index,
		  struct whose_error *err);

/* The edit distance (insertions, deletions, substitutions and swaps of
 * two neighbours, ASCII case aside) between A and B, counted up to
 * LIMIT: any distance above LIMIT is returned as LIMIT + 1. */
size_t names_distance(const char *a, const char *b, size_t limit);

#endif
