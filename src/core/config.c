/*
 * config.c - settings: names, defaults, checks, and the scheduler
 * parameters they make.
 *
 * Each setting has a parser that checks a text value and writes it, in
 * normal form, into a struct config; the same parser serves `config set`
 * (check before storing) and loading (a stored value is read the same way).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whose/clock.h"
#include "whose/config.h"

struct config_key {
	const char *name;
	const char *def;
	const char *help;
	/* Parse VALUE into C; 0 or WHOSE_EINVAL with ERR filled. */
	int (*parse)(const char *value, struct config *c, struct whose_error *err);
	/* Write C's value as normal text. */
	void (*format)(const struct config *c, char *buf, size_t len);
};

static int config_int(const char *key, const char *value, long lo, long hi,
		      int *out, struct whose_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < lo || v > hi)
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s: '%s' is not a whole number from %ld to %ld",
				       key, value, lo, hi);
	*out = (int)v;
	return 0;
}

static int config_parse_retention(const char *value, struct config *c,
				  struct whose_error *err)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(value, &end);
	if (errno != 0 || end == value || *end != '\0' || !isfinite(v) ||
	    v < FSRS_RETENTION_MIN - 1e-12 || v > FSRS_RETENTION_MAX + 1e-12)
		return whose_error_set(err, WHOSE_EINVAL,
				       "desired-retention: '%s' is not a number from 0.70 to 0.99 (the share of reviews you want to recall)",
				       value);
	c->fsrs.desired_retention = v;
	return 0;
}

static void config_format_retention(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%.2f", c->fsrs.desired_retention);
}

static int config_parse_new(const char *value, struct config *c,
			    struct whose_error *err)
{
	return config_int("new-per-day", value, 0, 9999, &c->new_per_day, err);
}

static void config_format_new(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%d", c->new_per_day);
}

static int config_parse_steps(const char *key, const char *value, int *steps,
			      int *n, struct whose_error *err)
{
	struct whose_error e;

	if (fsrs_steps_parse(value, steps, n, &e) < 0)
		return whose_error_set(err, WHOSE_EINVAL, "%s: %s", key, e.msg);
	return 0;
}

static int config_parse_lsteps(const char *value, struct config *c,
			       struct whose_error *err)
{
	return config_parse_steps("learning-steps", value, c->fsrs.learning_steps,
				  &c->fsrs.n_learning_steps, err);
}

static void config_format_lsteps(const struct config *c, char *buf, size_t len)
{
	if (fsrs_steps_format(c->fsrs.learning_steps, c->fsrs.n_learning_steps, buf, len) < 0)
		snprintf(buf, len, "?");
}

static int config_parse_rsteps(const char *value, struct config *c,
			       struct whose_error *err)
{
	return config_parse_steps("relearning-steps", value, c->fsrs.relearning_steps,
				  &c->fsrs.n_relearning_steps, err);
}

static void config_format_rsteps(const struct config *c, char *buf, size_t len)
{
	if (fsrs_steps_format(c->fsrs.relearning_steps, c->fsrs.n_relearning_steps, buf, len) < 0)
		snprintf(buf, len, "?");
}

static int config_parse_maxiv(const char *value, struct config *c,
			      struct whose_error *err)
{
	return config_int("maximum-interval", value, 1, FSRS_MAX_INTERVAL_LIMIT,
			  &c->fsrs.maximum_interval, err);
}

static void config_format_maxiv(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%d", c->fsrs.maximum_interval);
}

static int config_parse_fuzz(const char *value, struct config *c,
			     struct whose_error *err)
{
	if (strcasecmp(value, "on") == 0 || strcasecmp(value, "yes") == 0 ||
	    strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0)
		c->fsrs.enable_fuzz = true;
	else if (strcasecmp(value, "off") == 0 || strcasecmp(value, "no") == 0 ||
		 strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0)
		c->fsrs.enable_fuzz = false;
	else
		return whose_error_set(err, WHOSE_EINVAL, "fuzz: '%s' is not 'on' or 'off'", value);
	return 0;
}

static void config_format_fuzz(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s", c->fsrs.enable_fuzz ? "on" : "off");
}

static int config_parse_daystart(const char *value, struct config *c,
				 struct whose_error *err)
{
	return config_int("day-starts-at", value, 0, 23, &c->day_starts_at, err);
}

static void config_format_daystart(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%d", c->day_starts_at);
}

static int config_parse_leech(const char *value, struct config *c,
			      struct whose_error *err)
{
	return config_int("leech-threshold", value, 1, 1000, &c->leech_threshold, err);
}

static void config_format_leech(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%d", c->leech_threshold);
}

static int config_parse_exam_pause(const char *value, struct config *c,
				   struct whose_error *err)
{
	if (strcasecmp(value, "on") == 0 || strcasecmp(value, "yes") == 0 ||
	    strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0)
		c->exam_pause_when_away = true;
	else if (strcasecmp(value, "off") == 0 || strcasecmp(value, "no") == 0 ||
		 strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0)
		c->exam_pause_when_away = false;
	else
		return whose_error_set(err, WHOSE_EINVAL, "exam-pause-when-away: '%s' is not 'on' or 'off'",
				       value);
	return 0;
}

static void config_format_exam_pause(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s", c->exam_pause_when_away ? "on" : "off");
}

static int config_parse_exam_date(const char *value, struct config *c,
				   struct whose_error *err)
{
	int64_t ms;
	char iso[64];

	if (strcasecmp(value, "none") == 0 || strcasecmp(value, "off") == 0 || value[0] == '\0') {
		c->exam_day = CONFIG_NO_EXAM_DATE;
		return 0;
	}
	/* A date alone, checked by the ISO parser at noon UTC. */
	if (strlen(value) != 10 ||
	    snprintf(iso, sizeof(iso), "%sT12:00:00Z", value) >= (int)sizeof(iso) ||
	    clock_parse_iso(iso, &ms) < 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "exam-date: '%s' is not a date such as 2027-02-15 (or 'none')",
				       value);
	c->exam_day = ms / 86400000;
	return 0;
}

static void config_format_exam_date(const struct config *c, char *buf, size_t len)
{
	char iso[32];

	if (c->exam_day == CONFIG_NO_EXAM_DATE) {
		snprintf(buf, len, "none");
		return;
	}
	clock_format_iso(c->exam_day * 86400000 + 12 * 3600000, iso, sizeof(iso));
	snprintf(buf, len, "%.10s", iso);
}

static int config_parse_exam_target(const char *value, struct config *c,
				    struct whose_error *err)
{
	return config_int("exam-target", value, 1, 100, &c->exam_target, err);
}

static void config_format_exam_target(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%d", c->exam_target);
}

static int config_parse_weights(const char *value, struct config *c,
				struct whose_error *err)
{
	struct whose_error e;

	if (fsrs_weights_parse(value, c->fsrs.w, &e) < 0)
		return whose_error_set(err, WHOSE_EINVAL, "parameters: %s", e.msg);
	return 0;
}

/* X in its shortest form that reads back exactly ("0.212", not
 * "0.21199999999999999"). */
static void config_format_shortest(double x, char *buf, size_t len)
{
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, len, "%.*g", p, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

static void config_format_weights(const struct config *c, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < FSRS_NUM_WEIGHTS && o < len; i++) {
		char num[32];

		config_format_shortest(c->fsrs.w[i], num, sizeof(num));
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? " " : "", num);
	}
}

static const struct config_key config_table[] = {
	{ "desired-retention", "0.90",
	  "share of reviews you want to recall, 0.70 to 0.99",
	  config_parse_retention, config_format_retention },
	{ "new-per-day", "20", "new questions per day, 0 to 9999",
	  config_parse_new, config_format_new },
	{ "learning-steps", "1m 10m",
	  "steps of a new question before it graduates (m, h, d), or none",
	  config_parse_lsteps, config_format_lsteps },
	{ "relearning-steps", "10m",
	  "steps of a forgotten question (m, h, d), or none",
	  config_parse_rsteps, config_format_rsteps },
	{ "maximum-interval", "36500", "longest interval in days, 1 to 36500",
	  config_parse_maxiv, config_format_maxiv },
	{ "fuzz", "on", "spread intervals a little so reviews do not bunch, on or off",
	  config_parse_fuzz, config_format_fuzz },
	{ "day-starts-at", "4", "local hour at which a new day begins, 0 to 23",
	  config_parse_daystart, config_format_daystart },
	{ "leech-threshold", "8",
	  "times forgotten before a question is suspended as a leech, 1 to 1000",
	  config_parse_leech, config_format_leech },
	{ "exam-pause-when-away", "off",
	  "an exam's clock stops while it is left open (whose exam --pause-when-away), on or off",
	  config_parse_exam_pause, config_format_exam_pause },
	{ "exam-date", "none",
	  "the day of your exam (2027-02-15), or none: readiness is projected to it with a daily plan",
	  config_parse_exam_date, config_format_exam_date },
	{ "exam-target", "80",
	  "the predicted exam score (percent) the daily plan aims at by the exam date, 1 to 100",
	  config_parse_exam_target, config_format_exam_target },
	{ "parameters", NULL, "the 21 FSRS-6 weights, separated by spaces",
	  config_parse_weights, config_format_weights },
};

#define CONFIG_NKEYS (sizeof(config_table) / sizeof(config_table[0]))

static const char *const config_names[CONFIG_NKEYS + 1] = {
	"desired-retention", "new-per-day", "learning-steps", "relearning-steps",
	"maximum-interval", "fuzz", "day-starts-at", "leech-threshold",
	"exam-pause-when-away", "exam-date", "exam-target", "parameters", NULL,
};

const char *const *config_keys(void)
{
	return config_names;
}

static const struct config_key *config_find(const char *key)
{
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (strcmp(config_table[i].name, key) == 0)
			return &config_table[i];
	return NULL;
}

const char *config_describe(const char *key)
{
	const struct config_key *k = config_find(key);

	return k != NULL ? k->help : NULL;
}

static char config_default_weights[CONFIG_VALUE_MAX];

const char *config_default(const char *key)
{
	const struct config_key *k = config_find(key);

	if (k == NULL)
		return NULL;
	if (k->def == NULL) {
		struct config c;

		config_defaults(&c);
		k->format(&c, config_default_weights, sizeof(config_default_weights));
		return config_default_weights;
	}
	return k->def;
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	fsrs_params_default(&c->fsrs);
	c->fsrs.enable_fuzz = true;
	c->new_per_day = 20;
	c->day_starts_at = 4;
	c->leech_threshold = 8;
	c->exam_day = CONFIG_NO_EXAM_DATE;
	c->exam_target = 80;
	fsrs_params_prepare(&c->fsrs, NULL);
}

static int config_store_key(const char *name, char *out, size_t len)
{
	return snprintf(out, len, "config.%s", name) >= (int)len ? -1 : 0;
}

int config_load(struct store *s, struct config *c, struct whose_error *err)
{
	struct whose_error e;

	config_defaults(c);
	for (size_t i = 0; i < CONFIG_NKEYS; i++) {
		char key[64], value[CONFIG_VALUE_MAX];
		int rc;

		config_store_key(config_table[i].name, key, sizeof(key));
		rc = store_setting_get(s, key, value, sizeof(value), err);
		if (rc == WHOSE_ENOTFOUND)
			continue;
		if (rc < 0)
			return rc;
		if (config_table[i].parse(value, c, &e) < 0)
			return whose_error_set(err, WHOSE_EINVAL,
					       "the stored setting %s; fix it with 'whose config %s VALUE' or 'whose config %s default'",
					       e.msg, config_table[i].name, config_table[i].name);
	}
	if (fsrs_params_prepare(&c->fsrs, &e) < 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "the scheduler settings do not fit together: %s", e.msg);
	return 0;
}

int config_get(struct store *s, const char *key, char *buf, size_t len,
	       struct whose_error *err)
{
	const struct config_key *k = config_find(key);
	struct config c;
	int rc;

	if (k == NULL)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "unknown setting '%s': run 'whose config' for the list", key);
	rc = config_load(s, &c, err);
	if (rc < 0)
		return rc;
	k->format(&c, buf, len);
	return 0;
}

int config_set(struct store *s, const char *key, const char *value,
	       struct whose_error *err)
{
	const struct config_key *k = config_find(key);
	char skey[64], norm[CONFIG_VALUE_MAX];
	struct config c;
	int rc;

	if (k == NULL)
		return whose_error_set(err, WHOSE_ENOTFOUND,
				       "unknown setting '%s': run 'whose config' for the list", key);
	config_store_key(key, skey, sizeof(skey));
	if (strcmp(value, "default") == 0)
		return store_setting_unset(s, skey, err);
	rc = config_load(s, &c, err);
	if (rc < 0)
		config_defaults(&c);
	rc = k->parse(value, &c, err);
	if (rc < 0)
		return rc;
	if (fsrs_params_prepare(&c.fsrs, err) < 0)
		return WHOSE_EINVAL;
	k->format(&c, norm, sizeof(norm));
	return store_setting_set(s, skey, norm, err);
}

/* ---- fitted parameters and the set they replaced ----------------------- */

#define CONFIG_KEY_WEIGHTS "config.parameters"
#define CONFIG_KEY_PREVIOUS "config.parameters-previous"
/* What the previous set holds when the replaced parameters were the defaults. */
#define CONFIG_PREVIOUS_DEFAULT "default"

/* Store VALUE (a weights text, or CONFIG_PREVIOUS_DEFAULT) under KEY. */
static int config_put_weights(struct store *s, const char *key, const char *value,
			      struct whose_error *err)
{
	if (strcmp(value, CONFIG_PREVIOUS_DEFAULT) == 0 && strcmp(key, CONFIG_KEY_WEIGHTS) == 0)
		return store_setting_unset(s, key, err);
	return store_setting_set(s, key, value, err);
}

/* The stored weights text of KEY into BUF, or CONFIG_PREVIOUS_DEFAULT. */
static int config_get_weights(struct store *s, const char *key, char *buf, size_t len,
			      bool *found, struct whose_error *err)
{
	int rc = store_setting_get(s, key, buf, len, err);

	*found = rc == 0;
	if (rc == WHOSE_ENOTFOUND) {
		snprintf(buf, len, "%s", CONFIG_PREVIOUS_DEFAULT);
		return 0;
	}
	return rc;
}

int config_parameters_apply(struct store *s, const double *w, struct whose_error *err)
{
	char cur[CONFIG_VALUE_MAX], next[CONFIG_VALUE_MAX];
	struct config c;
	bool found;
	int rc;

	config_defaults(&c);
	memcpy(c.fsrs.w, w, sizeof(c.fsrs.w));
	config_format_weights(&c, next, sizeof(next));
	/* The same check as 'whose config parameters VALUE'. */
	if (config_parse_weights(next, &c, err) < 0)
		return WHOSE_EINVAL;
	rc = store_begin(s, err);
	if (rc < 0)
		return rc;
	rc = config_get_weights(s, CONFIG_KEY_WEIGHTS, cur, sizeof(cur), &found, err);
	if (rc == 0)
		rc = store_setting_set(s, CONFIG_KEY_PREVIOUS, cur, err);
	if (rc == 0)
		rc = store_setting_set(s, CONFIG_KEY_WEIGHTS, next, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}

int config_parameters_revert(struct store *s, struct whose_error *err)
{
	char prev[CONFIG_VALUE_MAX];
	bool found;
	int rc;

	rc = store_begin(s, err);
	if (rc < 0)
		return rc;
	rc = config_get_weights(s, CONFIG_KEY_PREVIOUS, prev, sizeof(prev), &found, err);
	if (rc == 0 && !found)
		rc = whose_error_set(err, WHOSE_ENOTFOUND,
				     "nothing to revert: no 'whose optimize --apply' has changed the parameters since the last revert");
	if (rc == 0)
		rc = config_put_weights(s, CONFIG_KEY_WEIGHTS, prev, err);
	/* Reverted once: the set that was replaced is gone, so a second
	 * revert cannot apply the fitted parameters again. */
	if (rc == 0)
		rc = store_setting_unset(s, CONFIG_KEY_PREVIOUS, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}
