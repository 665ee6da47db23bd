/*
 * exam_int.h - what exam.c and exam_draw.c share.
 */
#ifndef WHOSE_EXAM_INT_H
#define WHOSE_EXAM_INT_H

#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"
#include "whose/rng.h"
#include "whose/store.h"

/*
 * Draw up to REQUESTED askable questions of S (of TOPICS[0..NTOPICS),
 * bank spellings, or of every topic when NTOPICS is 0) with RNG, in
 * proportion to the topics' sizes, into a malloc'd *IDS of *N (fewer than
 * REQUESTED when the bank has fewer).  WHOSE_ENOTFOUND when a topic asked
 * for has no askable question or there is none at all; WHOSE_ENOMEM.
 */
int exam_draw(struct store *s, const char *const *topics, size_t ntopics,
	      size_t requested, struct rng *rng, int64_t **ids, size_t *n,
	      struct whose_error *err);

#endif
