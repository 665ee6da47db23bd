/*
 * config.h - the learner's settings: their names, defaults, ranges, and
 * the scheduler parameters built from them.  Settings are stored as text in
 * the store's settings table; an absent key means its default.
 */
#ifndef WHOSE_CONFIG_H
#define WHOSE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whose/error.h"
#include "whose/fsrs.h"
#include "whose/store.h"

#define CONFIG_VALUE_MAX 512

/* Every setting, resolved. */
struct config {
	struct fsrs_params fsrs;   /* retention, steps, interval, fuzz, weights */
	int new_per_day;           /* new questions introduced per day */
	int day_starts_at;         /* local hour at which a new day begins */
	int leech_threshold;       /* lapses that make a question a leech */
	bool exam_pause_when_away; /* an exam's clock stops while it is left */
	int64_t exam_day;          /* the exam date (days since 1970-01-01), or
	                              CONFIG_NO_EXAM_DATE */
	int exam_target;           /* the readiness (percent) the plan aims at */
};

/* exam_day when no exam date is set. */
#define CONFIG_NO_EXAM_DATE INT64_MIN

/* The names of the settings, NULL-terminated, in the order shown. */
const char *const *config_keys(void);

/* A one-line description of KEY with its range, or NULL if unknown. */
const char *config_describe(const char *key);

/* The default value of KEY as text, or NULL if unknown. */
const char *config_default(const char *key);

/* Fill C with every default (already valid and prepared). */
void config_defaults(struct config *c);

/*
 * Load every setting from S into C.  A stored value that no longer passes
 * its check (edited by hand) is an error naming the key and the fix.
 */
int config_load(struct store *s, struct config *c, struct whose_error *err);

/*
 * The effective value of KEY as text into BUF[LEN] (the stored value or the
 * default), normalised.  WHOSE_ENOTFOUND for an unknown key.
 */
int config_get(struct store *s, const char *key, char *buf, size_t len,
	       struct whose_error *err);

/*
 * Check VALUE for KEY and store its normalised form ("default" removes the
 * setting).  WHOSE_ENOTFOUND for an unknown key, WHOSE_EINVAL with the
 * allowed range for a bad value; nothing is stored then.
 */
int config_set(struct store *s, const char *key, const char *value,
	       struct whose_error *err);

/*
 * Store the 21 weights W as the parameters (checked as 'config parameters
 * VALUE' checks them), keeping the set they replace (the defaults when
 * none was set) for config_parameters_revert.  One transaction.
 */
int config_parameters_apply(struct store *s, const double *w,
			    struct whose_error *err);

/*
 * Put back the parameters in use before the last config_parameters_apply
 * and forget them, so that a second revert finds nothing to revert
 * (WHOSE_ENOTFOUND, as when no set was ever replaced).  One transaction.
 */
int config_parameters_revert(struct store *s, struct whose_error *err);

#endif
