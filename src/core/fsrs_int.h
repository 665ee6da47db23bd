/*
 * fsrs_int.h - what fsrs.c (the scheduler) and fsrs_text.c (the settings
 * as text) share.  Internal to the core.
 */
#ifndef WHOSE_FSRS_INT_H
#define WHOSE_FSRS_INT_H

#include "whose/fsrs.h"

#define FSRS_MS_PER_MINUTE INT64_C(60000)
#define FSRS_MS_PER_DAY INT64_C(86400000)
#define FSRS_MINUTES_PER_DAY 1440

/* The reference's clip ranges of w0..w20, with the loosest bounds. */
extern const double fsrs_clip_lo[FSRS_NUM_WEIGHTS];
extern const double fsrs_clip_hi[FSRS_NUM_WEIGHTS];

#endif
