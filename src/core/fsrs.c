/*
 * fsrs.c - the FSRS-6 scheduler, ported line by line from ts-fsrs 5.4.2.
 *
 * The goal is bit-for-bit agreement with the reference, so this file keeps
 * its quirks on purpose: JavaScript's Math.round (ties toward +infinity),
 * round8 at exactly the places the reference rounds, expressions evaluated
 * in the reference's order, day counting by UTC calendar date, and the
 * reference's fuzz (Alea seeded with a string that prints a product of two
 * doubles the way JavaScript prints numbers).  Section numbers (§) refer to
 * shared/reference/fsrs-notes.md.
 *
 * Nothing here depends on the C locale: numbers are printed and parsed
 * through strings without a radix character, so an LC_NUMERIC that uses
 * a decimal comma cannot change a schedule.
 *
 * The review of one card, as a state machine (Basic scheduler, short-term
 * on; the long-term scheduler sends every rating straight to Review):
 *
 *            Again/Hard/Good (a step remains)
 *   New ─────────────────────────────────────▶ Learning ◀──┐ Again/Hard/Good
 *    │                                           │   └──────┘ (step remains)
 *    │ Easy, or no step left / step >= 1 day     │ no step left / >= 1 day
 *    ▼                                           ▼
 *  Review ◀──────────────────────────────────────┘
 *    │  ▲  Hard/Good/Easy: Review again
 *    │  └──────────────────────────┐
 *    │ Again (lapses + 1)          │ no relearning step left
 *    ▼                             │
 *  Relearning ─────────────────────┘
 */
#include "whose/fsrs.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FSRS_S_MIN 0.001
#define FSRS_S_MAX 36500.0
#define FSRS_W17_W18_CEILING 2.0
#define FSRS_MS_PER_MINUTE INT64_C(60000)
#define FSRS_MS_PER_DAY INT64_C(86400000)
#define FSRS_MINUTES_PER_DAY 1440

/* Reference default weights (src/constant.ts:24-46). */
static const double fsrs_default_w[FSRS_NUM_WEIGHTS] = {
	0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
	0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
	1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/*
 * Clip ranges (src/constant.ts:49-77) with the loosest bounds: the w17/w18
 * ceiling may be lowered and the w19 floor raised by fsrs_clip_weights.
 */
static const double fsrs_clip_lo[FSRS_NUM_WEIGHTS] = {
	0.001, 0.001, 0.001, 0.001, 1,     0.001, 0.001,
	0.001, 0,     0,     0.001, 0.001, 0.001, 0.001,
	0,     0,     1,     0,     0,     0,     0.1,
};
static const double fsrs_clip_hi[FSRS_NUM_WEIGHTS] = {
	100, 100, 100,  100, 10,  4,    4,
	0.75, 4.5, 0.8, 3.5, 5,   0.25, 0.9,
	4,   1,   6,    FSRS_W17_W18_CEILING, FSRS_W17_W18_CEILING, 0.8, 0.8,
};

/* --------------------------------------------------------------------------
 * JavaScript arithmetic (§1)
 */

/* x - floor(x) is exact, so the tie test is too. */
double fsrs_jsround(double x)
{
	double r = floor(x);

	if (x - r >= 0.5)
		r += 1.0;
	return r;
}

double fsrs_round8(double x)
{
	return fsrs_jsround(x * 1e8) / 1e8;
}

/* Math.max / Math.min of two numbers, NaN-propagating like JavaScript. */
static double fsrs_jsmax(double a, double b)
{
	if (isnan(a) || isnan(b))
		return NAN;
	return a > b ? a : b;
}

static double fsrs_jsmin(double a, double b)
{
	if (isnan(a) || isnan(b))
		return NAN;
	return a < b ? a : b;
}

/* clamp(x, lo, hi) = min(max(x, lo), hi): hi wins when lo > hi. */
static double fsrs_clamp(double x, double lo, double hi)
{
	return fsrs_jsmin(fsrs_jsmax(x, lo), hi);
}

/* floor(ms / 1 day): the UTC calendar date of a time, as a day number. */
static int64_t fsrs_day_index(int64_t ms)
{
	int64_t q = ms / FSRS_MS_PER_DAY;

	if (ms % FSRS_MS_PER_DAY < 0)
		q--;
	return q;
}

/*
 * strtod of a decimal written as "<digits>e<exp>": with no radix character
 * in the text, the result does not depend on LC_NUMERIC.
 */
static double fsrs_decimal_value(const char *digits, long exp10)
{
	char text[400];

	snprintf(text, sizeof text, "%se%ld", digits, exp10);
	return strtod(text, NULL);
}

/*
 * Copy the decimal digits of TEXT (as printed by printf) up to an 'e' or
 * the end into DIGITS, skipping the radix character whatever it is.
 * Returns a pointer to the 'e' or the end.
 */
static const char *fsrs_collect_digits(const char *text, char *digits,
                                       size_t size)
{
	size_t n = 0;

	for (; *text && *text != 'e'; text++) {
		if (*text >= '0' && *text <= '9' && n + 1 < size)
			digits[n++] = *text;
	}
	digits[n] = '\0';
	return text;
}

/* Add one to a string of decimal digits in place (room for one more). */
static void fsrs_digits_increment(char *digits)
{
	size_t n = strlen(digits);

	while (n > 0) {
		if (digits[n - 1] != '9') {
			digits[n - 1]++;
			return;
		}
		digits[--n] = '0';
	}
	memmove(digits + 1, digits, strlen(digits) + 1);
	digits[0] = '1';
}

/*
 * +x.toFixed(8).  printf rounds the exact binary value like toFixed except
 * on an exact tie, where printf picks the even neighbour and toFixed the
 * larger magnitude.  x * 1e8 is an exact tie only when x = j / 512 with j
 * odd (1e8 = 2^8 5^8), so that case is detected and rounded up by hand.
 */
static double fsrs_to_fixed8(double x)
{
	char text[64], digits[72];
	double ax = fabs(x), j, v;

	if (!isfinite(x) || ax >= 1e21)
		return x; /* toFixed prints String(x) there */
	j = ax * 512.0;
	if (j == floor(j) && fmod(j, 2.0) == 1.0) {
		snprintf(text, sizeof text, "%.9f", ax);
		fsrs_collect_digits(text, digits, sizeof digits - 1);
		digits[strlen(digits) - 1] = '\0'; /* the 9th decimal, a 5 */
		fsrs_digits_increment(digits);
	} else {
		snprintf(text, sizeof text, "%.8f", ax);
		fsrs_collect_digits(text, digits, sizeof digits - 1);
	}
	v = fsrs_decimal_value(digits, -8);
	return x < 0 ? -v : v;
}

/*
 * Write String(x) (ECMAScript Number::toString: the shortest decimal that
 * reads back as x, positional for 1e-7 <= |x| < 1e21) into BUF.  The
 * shortest digits are found by printing 1..17 significant digits until the
 * text reads back exactly; printf's correct rounding then gives V8's
 * digits (they could differ only for a power of two whose shortest form
 * needs about 17 digits, which no D*S in range is).
 */
static int fsrs_js_number(double x, char *buf, size_t size)
{
	char text[48], digits[24];
	const char *e;
	int k, n, i, len = 0;
	size_t pos = 0;
	double ax;

	if (isnan(x))
		return snprintf(buf, size, "NaN");
	if (isinf(x))
		return snprintf(buf, size, x < 0 ? "-Infinity" : "Infinity");
	if (x == 0)
		return snprintf(buf, size, "0");
	ax = fabs(x);
	digits[0] = '\0';
	n = 0;
	for (k = 1; k <= 17; k++) {
		long exp10;

		snprintf(text, sizeof text, "%.*e", k - 1, ax);
		e = fsrs_collect_digits(text, digits, sizeof digits);
		exp10 = *e == 'e' ? strtol(e + 1, NULL, 10) : 0;
		n = (int)exp10 + 1; /* x = 0.DIGITS * 10^n */
		if (fsrs_decimal_value(digits, exp10 - (k - 1)) == ax)
			break;
	}
	k = (int)strlen(digits);

	/* Build the text in TEXT, then copy it out. */
	if (x < 0)
		text[pos++] = '-';
	if (k <= n && n <= 21) {
		for (i = 0; i < k; i++)
			text[pos++] = digits[i];
		for (i = k; i < n; i++)
			text[pos++] = '0';
	} else if (0 < n && n <= 21) {
		for (i = 0; i < n; i++)
			text[pos++] = digits[i];
		text[pos++] = '.';
		for (i = n; i < k; i++)
			text[pos++] = digits[i];
	} else if (-6 < n && n <= 0) {
		text[pos++] = '0';
		text[pos++] = '.';
		for (i = 0; i < -n; i++)
			text[pos++] = '0';
		for (i = 0; i < k; i++)
			text[pos++] = digits[i];
	} else {
		text[pos++] = digits[0];
		if (k > 1) {
			text[pos++] = '.';
			for (i = 1; i < k; i++)
				text[pos++] = digits[i];
		}
		len = snprintf(text + pos, sizeof text - pos, "e%c%d",
		               n - 1 >= 0 ? '+' : '-', abs(n - 1));
		pos += (size_t)len;
	}
	text[pos] = '\0';
	return snprintf(buf, size, "%s", text);
}

/* --------------------------------------------------------------------------
 * Alea (§7, src/alea.ts)
 */

/* x >>> 0 for the finite values Mash produces. */
static double fsrs_uint32(double x)
{
	double r = fmod(trunc(x), 4294967296.0);

	return r < 0 ? r + 4294967296.0 : r;
}

/* One call of Mash's closure: N is its state, DATA the string to hash. */
static double fsrs_mash(double *n, const char *data)
{
	for (; *data; data++) {
		double h;

		*n += (unsigned char)*data;
		h = 0.02519603282416938 * *n;
		*n = fsrs_uint32(h);
		h -= *n;
		h *= *n;
		*n = fsrs_uint32(h);
		h -= *n;
		*n += h * 4294967296.0;
	}
	return fsrs_uint32(*n) * 0x1p-32;
}

double fsrs_alea_first(const char *seed)
{
	double n = 4022871197.0; /* 0xefc8249d */
	double s0, t;

	/* The generator also seeds s1 and s2 (two more mash(seed) calls), but
	 * they come after s0 and the first output depends on s0 and c alone. */
	s0 = fsrs_mash(&n, " ");
	fsrs_mash(&n, " ");
	fsrs_mash(&n, " ");
	s0 -= fsrs_mash(&n, seed);
	if (s0 < 0)
		s0 += 1;
	/* next() with c = 1: t = 2091639 s0 + c 2^-32, result t - (t | 0) */
	t = 2091639 * s0 + 1 * 0x1p-32;
	return t - trunc(t);
}

int fsrs_fuzz_seed(int64_t now_ms, int reps, double difficulty,
                   double stability, char *buf, size_t size)
{
	char mul[48];
	int len;

	fsrs_js_number(difficulty * stability, mul, sizeof mul);
	len = snprintf(buf, size, "%lld_%d_%s", (long long)now_ms, reps, mul);
	if (len < 0 || (size_t)len >= size)
		return WHOSE_EINVAL;
	return 0;
}

void fsrs_fuzz_range(int interval, int elapsed_days, int maximum_interval,
                     int *lo, int *hi)
{
	double ivl = interval, delta = 1.0, min_ivl, max_ivl;

	/* FUZZ_RANGES, in the reference's order; delta uses the raw interval */
	delta += 0.15 * fsrs_jsmax(fsrs_jsmin(ivl, 7) - 2.5, 0);
	delta += 0.1 * fsrs_jsmax(fsrs_jsmin(ivl, 20) - 7, 0);
	delta += 0.05 * fsrs_jsmax(ivl - 20, 0);
	ivl = fsrs_jsmin(ivl, maximum_interval);
	min_ivl = fsrs_jsmax(2, fsrs_jsround(ivl - delta));
	max_ivl = fsrs_jsmin(fsrs_jsround(ivl + delta), maximum_interval);
	if (ivl > elapsed_days)
		min_ivl = fsrs_jsmax(min_ivl, (double)elapsed_days + 1);
	min_ivl = fsrs_jsmin(min_ivl, max_ivl);
	*lo = (int)min_ivl;
	*hi = (int)max_ivl;
}

/* --------------------------------------------------------------------------
 * Parameters (§2)
 */

/* clipParameters on all 21 weights, in place. */
static void fsrs_clip_weights(double *w, int n_relearning, bool short_term)
{
	double lo[FSRS_NUM_WEIGHTS], hi[FSRS_NUM_WEIGHTS];
	int i;

	memcpy(lo, fsrs_clip_lo, sizeof lo);
	memcpy(hi, fsrs_clip_hi, sizeof hi);
	lo[19] = short_term ? 0.01 : 0;
	if (n_relearning > 1) {
		/* The ceiling keeps the short-term lapse factor S/e^(w17 w18)
		 * over all relearning steps from undercutting the forget curve. */
		double w11 = fsrs_clamp(w[11], lo[11], hi[11]);
		double w13 = fsrs_clamp(w[13], lo[13], hi[13]);
		double w14 = fsrs_clamp(w[14], lo[14], hi[14]);
		double v = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) /
		           n_relearning;
		double ceiling = fsrs_clamp(fsrs_round8(sqrt(fsrs_jsmax(v, 0))),
		                            0.01, FSRS_W17_W18_CEILING);

		hi[17] = ceiling;
		hi[18] = ceiling;
	}
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		w[i] = fsrs_clamp(w[i], lo[i], hi[i]);
}

static double fsrs_init_difficulty(const struct fsrs_params *p, int g);

/* computeDecayFactor: decay = -w20, factor = round8(0.9^(1/decay) - 1). */
static void fsrs_decay_factor(double w20, double *decay, double *factor)
{
	*decay = -w20;
	*factor = fsrs_round8(exp(pow(*decay, -1) * log(0.9)) - 1);
}

void fsrs_params_default(struct fsrs_params *p)
{
	memset(p, 0, sizeof *p);
	memcpy(p->w, fsrs_default_w, sizeof p->w);
	p->desired_retention = 0.9;
	p->maximum_interval = FSRS_MAX_INTERVAL_LIMIT;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
	p->enable_fuzz = false;
	p->enable_short_term = true;
	/* Cannot fail on the defaults. */
	fsrs_params_prepare(p, NULL);
}

static int fsrs_check_steps(const int *steps, int n, const char *what,
                            struct whose_error *err)
{
	int i;

	if (n < 0 || n > FSRS_MAX_STEPS)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "%s: %d steps given, at most %d are allowed",
		                       what, n, FSRS_MAX_STEPS);
	for (i = 0; i < n; i++) {
		if (steps[i] < 1 || steps[i] > FSRS_STEP_MAX_MINUTES)
			return whose_error_set(
				err, WHOSE_EINVAL,
				"%s: step %d is %d minutes; a step must be 1 minute to 36500 days",
				what, i + 1, steps[i]);
	}
	return 0;
}

int fsrs_params_prepare(struct fsrs_params *p, struct whose_error *err)
{
	double r = p->desired_retention;
	int i, rc;

	p->prepared = false;
	if (!(r >= FSRS_RETENTION_MIN && r <= FSRS_RETENTION_MAX))
		return whose_error_set(err, WHOSE_EINVAL,
		                       "desired retention %g is out of range: use a value from %.2f to %.2f",
		                       r, FSRS_RETENTION_MIN, FSRS_RETENTION_MAX);
	if (p->maximum_interval < 1 ||
	    p->maximum_interval > FSRS_MAX_INTERVAL_LIMIT)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "maximum interval %d days is out of range: use 1 to %d days",
		                       p->maximum_interval, FSRS_MAX_INTERVAL_LIMIT);
	rc = fsrs_check_steps(p->learning_steps, p->n_learning_steps,
	                      "learning steps", err);
	if (rc < 0)
		return rc;
	rc = fsrs_check_steps(p->relearning_steps, p->n_relearning_steps,
	                      "relearning steps", err);
	if (rc < 0)
		return rc;
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++) {
		if (!isfinite(p->w[i]))
			return whose_error_set(err, WHOSE_EINVAL,
			                       "weight w%d is not a finite number", i);
	}
	fsrs_clip_weights(p->w, p->n_relearning_steps, p->enable_short_term);
	fsrs_decay_factor(p->w[20], &p->decay, &p->factor);
	p->interval_modifier = fsrs_round8(
		(pow(r, 1 / p->decay) - 1) / p->factor);
	p->exp_w8 = exp(p->w[8]);
	p->init_d_easy = fsrs_init_difficulty(p, FSRS_EASY);
	p->prepared = true;
	return 0;
}

static bool fsrs_is_separator(char c)
{
	return c == ',' || isspace((unsigned char)c);
}

/*
 * One step "<digits><unit>" of LEN bytes at TOKEN, in minutes.  The
 * reference uses parseInt, which would also take "1.5m" or "1xm" as 1
 * minute; whole numbers only is the stricter, clearer rule.
 */
static int fsrs_step_minutes(const char *token, int len, int *minutes,
                             struct whose_error *err)
{
	long long value = 0;
	int i, mult;

	if (len < 2)
		goto bad;
	for (i = 0; i < len - 1; i++) {
		if (token[i] < '0' || token[i] > '9')
			goto bad;
		if (value <= FSRS_STEP_MAX_MINUTES) /* stop before overflow */
			value = value * 10 + (token[i] - '0');
	}
	switch (token[len - 1]) {
	case 'm':
		mult = 1;
		break;
	case 'h':
		mult = 60;
		break;
	case 'd':
		mult = FSRS_MINUTES_PER_DAY;
		break;
	default:
		goto bad;
	}
	value *= mult;
	if (value < 1 || value > FSRS_STEP_MAX_MINUTES)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "step \"%.*s\" is out of range: a step must be from 1 minute to 36500 days",
		                       len, token);
	*minutes = (int)value;
	return 0;
bad:
	return whose_error_set(err, WHOSE_EINVAL,
	                       "step \"%.*s\" is not valid: write a whole number and a unit, m (minutes), h (hours) or d (days), as in \"1m 10m\" or \"1h 1d\"",
	                       len, token);
}

int fsrs_steps_parse(const char *text, int *steps, int *count,
                     struct whose_error *err)
{
	int parsed[FSRS_MAX_STEPS];
	int n = 0, len, rc;
	const char *s = text;

	for (;;) {
		while (*s && fsrs_is_separator(*s))
			s++;
		if (!*s)
			break;
		for (len = 0; s[len] && !fsrs_is_separator(s[len]); len++)
			;
		if (len == 4 && strncmp(s, "none", 4) == 0) {
			const char *rest = s + 4;

			while (*rest && fsrs_is_separator(*rest))
				rest++;
			if (n > 0 || *rest)
				return whose_error_set(err, WHOSE_EINVAL,
				                       "steps \"%s\": \"none\" must stand alone",
				                       text);
			s = rest;
			continue;
		}
		if (n == FSRS_MAX_STEPS)
			return whose_error_set(err, WHOSE_EINVAL,
			                       "steps \"%s\": at most %d steps are allowed",
			                       text, FSRS_MAX_STEPS);
		rc = fsrs_step_minutes(s, len, &parsed[n], err);
		if (rc < 0)
			return rc;
		n++;
		s += len;
	}
	memcpy(steps, parsed, (size_t)n * sizeof *parsed);
	*count = n;
	return 0;
}

int fsrs_steps_format(const int *steps, int count, char *buf, size_t size)
{
	size_t pos = 0;
	int i, len;

	if (size == 0)
		return WHOSE_EINVAL;
	buf[0] = '\0';
	if (count < 0 || count > FSRS_MAX_STEPS)
		return WHOSE_EINVAL;
	if (count == 0) {
		len = snprintf(buf, size, "none");
		return (size_t)len < size ? 0 : WHOSE_EINVAL;
	}
	for (i = 0; i < count; i++) {
		int m = steps[i];
		int v = m;
		char unit = 'm';

		if (m < 1 || m > FSRS_STEP_MAX_MINUTES) {
			buf[0] = '\0';
			return WHOSE_EINVAL;
		}
		if (m % FSRS_MINUTES_PER_DAY == 0) {
			v = m / FSRS_MINUTES_PER_DAY;
			unit = 'd';
		} else if (m % 60 == 0) {
			v = m / 60;
			unit = 'h';
		}
		len = snprintf(buf + pos, size - pos, "%s%d%c",
		               i ? " " : "", v, unit);
		if (len < 0 || (size_t)len >= size - pos) {
			buf[0] = '\0';
			return WHOSE_EINVAL;
		}
		pos += (size_t)len;
	}
	return 0;
}

/*
 * Read one decimal number "[-+]ddd[.ddd][e[-+]ddd]" at *S without strtod's
 * dependence on LC_NUMERIC.  Returns false if there is no such number.
 */
static bool fsrs_read_number(const char **s, double *out)
{
	const char *p = *s;
	char digits[64];
	size_t n = 0;
	long exp10 = 0;
	bool neg = false, any = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	/* Leading zeros are not stored, so that they cannot crowd out the
	 * significant digits; digits past the buffer are dropped. */
	for (; *p >= '0' && *p <= '9'; p++, any = true) {
		if (n == 0 && *p == '0')
			continue;
		if (n + 1 < sizeof digits)
			digits[n++] = *p;
		else
			exp10++;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, any = true) {
			if (n == 0 && *p == '0') {
				exp10--;
			} else if (n + 1 < sizeof digits) {
				digits[n++] = *p;
				exp10--;
			}
		}
	}
	if (!any)
		return false;
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		bool eneg = false;
		long e = 0;

		if (*q == '-' || *q == '+')
			eneg = *q++ == '-';
		if (*q >= '0' && *q <= '9') {
			for (; *q >= '0' && *q <= '9'; q++) {
				if (e < 100000)
					e = e * 10 + (*q - '0');
			}
			exp10 += eneg ? -e : e;
			p = q;
		}
	}
	if (n == 0)
		digits[n++] = '0';
	digits[n] = '\0';
	*out = fsrs_decimal_value(digits, exp10);
	if (neg)
		*out = -*out;
	*s = p;
	return true;
}

int fsrs_weights_parse(const char *text, double *w, struct whose_error *err)
{
	double v[FSRS_NUM_WEIGHTS];
	const char *s = text;
	int n = 0, i;

	for (;;) {
		while (*s && fsrs_is_separator(*s))
			s++;
		if (!*s)
			break;
		if (n == FSRS_NUM_WEIGHTS)
			return whose_error_set(err, WHOSE_EINVAL,
			                       "too many weights: give 21 numbers (or 19 or 17 from older FSRS versions)");
		{
			const char *start = s;
			int len;

			if (!fsrs_read_number(&s, &v[n]) ||
			    (*s && !fsrs_is_separator(*s))) {
				for (len = 0; start[len] && !fsrs_is_separator(start[len]); len++)
					;
				return whose_error_set(err, WHOSE_EINVAL,
				                       "weight w%d \"%.*s\" is not a number",
				                       n, len, start);
			}
		}
		if (!isfinite(v[n]))
			return whose_error_set(err, WHOSE_EINVAL,
			                       "weight w%d is not a finite number", n);
		if (v[n] < fsrs_clip_lo[n] || v[n] > fsrs_clip_hi[n])
			return whose_error_set(err, WHOSE_EINVAL,
			                       "weight w%d = %g is out of range: it must be from %g to %g",
			                       n, v[n], fsrs_clip_lo[n], fsrs_clip_hi[n]);
		n++;
	}
	switch (n) {
	case 21:
		break;
	case 19:
		/* FSRS-5: no short-term S exponent, the old decay (§2) */
		v[19] = 0;
		v[20] = 0.5;
		break;
	case 17: {
		/* FSRS-4.5: convert D0 and the D delta, then as FSRS-5 */
		double w4 = v[4], w5 = v[5], w6 = v[6];

		v[4] = fsrs_to_fixed8(w5 * 2 + w4);
		v[5] = fsrs_to_fixed8(log(w5 * 3 + 1) / 3);
		v[6] = fsrs_to_fixed8(w6 + 0.5);
		v[17] = 0;
		v[18] = 0;
		v[19] = 0;
		v[20] = 0.5;
		break;
	}
	default:
		return whose_error_set(err, WHOSE_EINVAL,
		                       "%d weights given: give 21 numbers (or 19 or 17 from older FSRS versions)",
		                       n);
	}
	for (i = 0; i < FSRS_NUM_WEIGHTS; i++)
		w[i] = v[i];
	return 0;
}

/* --------------------------------------------------------------------------
 * Memory model (§3)
 *
 * One review evaluates next_state for up to four ratings with the same
 * D, S, t and R, so the parts that do not depend on the rating (R itself
 * and the rating-free prefix of the recall product) are computed once per
 * review.  Reusing a value is bit-identical to recomputing it, provided the
 * product is still evaluated left to right as in the reference.
 */

/* One review in progress: the reference's AbstractScheduler. */
struct fsrs_review {
	const struct fsrs_params *p;
	struct fsrs_card cur;     /* the card after the common prologue */
	enum fsrs_state state;    /* the state before the review */
	int64_t now;
	int t;                    /* elapsed UTC days */
	bool r_ready;             /* r computed */
	double r;                 /* R(t, S) */
	bool recall_ready;        /* recall_prefix computed */
	double recall_prefix;     /* e^w8 (11 - D) S^-w9 (e^((1-R) w10) - 1) */
	bool fuzz_ready;          /* fuzz_u computed */
	double fuzz_u;            /* the fuzz factor, the same for all ratings */
};

static double fsrs_forgetting_curve(const struct fsrs_params *p, double t,
                                    double s)
{
	return fsrs_round8(pow(1 + p->factor * t / s, p->decay));
}

/* D0raw(G): rounded, not clamped. */
static double fsrs_init_difficulty(const struct fsrs_params *p, int g)
{
	return fsrs_round8(p->w[4] - exp((g - 1) * p->w[5]) + 1);
}

static double fsrs_next_difficulty(const struct fsrs_params *p, double d,
                                   int g)
{
	const double *w = p->w;
	double delta_d = -w[6] * (g - 3);
	double next_d = d + fsrs_round8(delta_d * (10 - d) / 9);

	/* mean reversion toward the unclamped D0raw(Easy) */
	return fsrs_clamp(fsrs_round8(w[7] * p->init_d_easy + (1 - w[7]) * next_d),
	                  1, 10);
}

/* R at this review (computed inside next_state when not given, §3). */
static double fsrs_review_r(struct fsrs_review *rv)
{
	if (!rv->r_ready) {
		rv->r = fsrs_forgetting_curve(rv->p, rv->t, rv->cur.stability);
		rv->r_ready = true;
	}
	return rv->r;
}

static double fsrs_next_recall_stability(struct fsrs_review *rv, int g)
{
	const double *w = rv->p->w;
	double d = rv->cur.difficulty, s = rv->cur.stability;
	double hard_penalty = g == FSRS_HARD ? w[15] : 1;
	double easy_bonus = g == FSRS_EASY ? w[16] : 1;

	if (!rv->recall_ready) {
		double r = fsrs_review_r(rv);

		rv->recall_prefix = rv->p->exp_w8 * (11 - d) * pow(s, -w[9]) *
		                    (exp((1 - r) * w[10]) - 1);
		rv->recall_ready = true;
	}
	return fsrs_round8(fsrs_clamp(
		s * (1 + rv->recall_prefix * hard_penalty * easy_bonus),
		FSRS_S_MIN, 36500));
}

static double fsrs_next_forget_stability(struct fsrs_review *rv)
{
	const double *w = rv->p->w;
	double d = rv->cur.difficulty, s = rv->cur.stability;

	return fsrs_round8(fsrs_clamp(w[11] * pow(d, -w[12]) *
	                                      (pow(s + 1, w[13]) - 1) *
	                                      exp((1 - fsrs_review_r(rv)) * w[14]),
	                              FSRS_S_MIN, 36500));
}

static double fsrs_next_short_term_stability(const struct fsrs_params *p,
                                             double s, int g)
{
	const double *w = p->w;
	double sinc = pow(s, -w[19]) * exp(w[17] * (g - 3 + w[18]));
	double masked = g >= FSRS_HARD ? fsrs_jsmax(sinc, 1) : sinc;

	return fsrs_round8(fsrs_clamp(s * masked, FSRS_S_MIN, 36500));
}

/*
 * next_state with the review's t (and R), for a memory state that
 * fsrs_review_begin validated (D = S = 0, or D >= 1 and S >= S_MIN):
 * OUT becomes the current card with D and S moved by rating G.
 */
static void fsrs_next_ds(struct fsrs_review *rv, int g, struct fsrs_card *out)
{
	const struct fsrs_params *p = rv->p;
	double d = rv->cur.difficulty, s = rv->cur.stability;

	*out = rv->cur;
	if (d == 0 && s == 0) {
		out->difficulty = fsrs_clamp(fsrs_init_difficulty(p, g), 1, 10);
		out->stability = fsrs_jsmax(p->w[g - 1], 0.1);
		return;
	}
	if (rv->t == 0 && p->enable_short_term) {
		out->stability = fsrs_next_short_term_stability(p, s, g);
	} else if (g == FSRS_AGAIN) {
		double s_after_fail = fsrs_next_forget_stability(rv);
		double w17 = 0, w18 = 0;

		if (p->enable_short_term) {
			w17 = p->w[17];
			w18 = p->w[18];
		}
		out->stability = fsrs_clamp(fsrs_round8(s / exp(w17 * w18)),
		                            FSRS_S_MIN, s_after_fail);
	} else {
		out->stability = fsrs_next_recall_stability(rv, g);
	}
	out->difficulty = fsrs_next_difficulty(p, d, g);
}

/* --------------------------------------------------------------------------
 * Schedulers (§5)
 */

/* The fuzz factor: the same for all four ratings of one review. */
static double fsrs_review_fuzz(struct fsrs_review *rv)
{
	if (!rv->fuzz_ready) {
		char seed[64];

		/* D and S are still the pre-review values in rv->cur */
		fsrs_fuzz_seed(rv->now, rv->cur.reps, rv->cur.difficulty,
		               rv->cur.stability, seed, sizeof seed);
		rv->fuzz_u = fsrs_alea_first(seed);
		rv->fuzz_ready = true;
	}
	return rv->fuzz_u;
}

/* next_interval: whole days, then fuzz. */
static int fsrs_next_interval(struct fsrs_review *rv, double s)
{
	const struct fsrs_params *p = rv->p;
	double ivl = fsrs_jsmin(fsrs_jsmax(1, fsrs_jsround(s * p->interval_modifier)),
	                        p->maximum_interval);
	int lo, hi;

	if (!p->enable_fuzz || ivl < 2.5)
		return (int)ivl;
	fsrs_fuzz_range((int)ivl, rv->t, p->maximum_interval, &lo, &hi);
	return (int)floor(fsrs_review_fuzz(rv) * (hi - lo + 1) + lo);
}

static void fsrs_set_days(const struct fsrs_review *rv, struct fsrs_card *c,
                          int days)
{
	c->scheduled_days = days;
	c->due = rv->now + days * FSRS_MS_PER_DAY;
	c->state = FSRS_STATE_REVIEW;
	c->learning_steps = 0;
}

/*
 * BasicLearningStepsStrategy + getLearningInfo: the step entry for rating
 * G from STATE at step CUR, as MINUTES (0 = no entry) and the NEXT index.
 */
static void fsrs_step_info(const struct fsrs_params *p, enum fsrs_state state,
                           int cur, int g, int *minutes, int *next)
{
	const int *list = p->learning_steps;
	int len = p->n_learning_steps;

	*minutes = 0;
	*next = 0;
	if (state == FSRS_STATE_REVIEW || state == FSRS_STATE_RELEARNING) {
		list = p->relearning_steps;
		len = p->n_relearning_steps;
	}
	if (len == 0 || cur >= len)
		return;
	if (state == FSRS_STATE_REVIEW) {
		if (g == FSRS_AGAIN)
			*minutes = list[cur];
		return;
	}
	switch (g) {
	case FSRS_AGAIN:
		*minutes = list[0];
		break;
	case FSRS_HARD:
		/* always the first two steps, whatever CUR is (§5.1) */
		if (len == 1)
			*minutes = (int)fsrs_jsround(list[0] * 1.5);
		else
			*minutes = (int)fsrs_jsround((list[0] + list[1]) / 2.0);
		*next = cur;
		break;
	case FSRS_GOOD:
		if (cur + 1 < len && list[cur + 1] != 0) {
			*minutes = list[cur + 1];
			*next = cur + 1;
		}
		break;
	default:
		break;
	}
}

/* applyLearningSteps: a short step, a day-long step, or graduation. */
static void fsrs_apply_steps(struct fsrs_review *rv, struct fsrs_card *c,
                             int g, enum fsrs_state to_state)
{
	int minutes, next;

	fsrs_step_info(rv->p, rv->state, rv->cur.learning_steps, g, &minutes,
	               &next);
	if (minutes > 0 && minutes < FSRS_MINUTES_PER_DAY) {
		c->learning_steps = next;
		c->scheduled_days = 0;
		c->state = to_state;
		c->due = rv->now + minutes * FSRS_MS_PER_MINUTE;
	} else if (minutes >= FSRS_MINUTES_PER_DAY) {
		/* a step of a day or more goes to Review but keeps its index */
		c->state = FSRS_STATE_REVIEW;
		c->learning_steps = next;
		c->due = rv->now + minutes * FSRS_MS_PER_MINUTE;
		c->scheduled_days = minutes / FSRS_MINUTES_PER_DAY;
	} else {
		fsrs_set_days(rv, c, fsrs_next_interval(rv, c->stability));
	}
}

/* Basic scheduler, New/Learning/Relearning: one rating at a time. */
static void fsrs_basic_learning(struct fsrs_review *rv, int g,
                                struct fsrs_card *out)
{
	enum fsrs_state to = rv->state == FSRS_STATE_NEW ? FSRS_STATE_LEARNING
	                                                 : rv->state;

	fsrs_next_ds(rv, g, out);
	fsrs_apply_steps(rv, out, g, to);
}

/*
 * Basic scheduler, Review.  Again is on its own; Hard and Good are ordered
 * against each other (Hard < Good), Easy against Good.  WANT is the rating
 * asked for, or 0 for all; only what it depends on is computed.
 */
static void fsrs_basic_review(struct fsrs_review *rv, int want,
                              struct fsrs_card out[4])
{
	int h_ivl, g_ivl, e_ivl;

	if (want == 0 || want == FSRS_AGAIN) {
		fsrs_next_ds(rv, FSRS_AGAIN, &out[0]);
		fsrs_apply_steps(rv, &out[0], FSRS_AGAIN, FSRS_STATE_RELEARNING);
		out[0].lapses += 1;
		if (want == FSRS_AGAIN)
			return;
	}
	fsrs_next_ds(rv, FSRS_HARD, &out[1]);
	fsrs_next_ds(rv, FSRS_GOOD, &out[2]);
	h_ivl = fsrs_next_interval(rv, out[1].stability);
	g_ivl = fsrs_next_interval(rv, out[2].stability);
	h_ivl = h_ivl < g_ivl ? h_ivl : g_ivl;
	g_ivl = g_ivl > h_ivl + 1 ? g_ivl : h_ivl + 1;
	fsrs_set_days(rv, &out[1], h_ivl);
	fsrs_set_days(rv, &out[2], g_ivl);
	if (want == 0 || want == FSRS_EASY) {
		fsrs_next_ds(rv, FSRS_EASY, &out[3]);
		e_ivl = fsrs_next_interval(rv, out[3].stability);
		e_ivl = e_ivl > g_ivl + 1 ? e_ivl : g_ivl + 1;
		fsrs_set_days(rv, &out[3], e_ivl);
	}
}

/*
 * Long-term scheduler: every state is handled like Review, with
 * Again < Hard < Good < Easy, each interval ordered against the one below
 * (Again also against Hard).  A new card starts from t = 0 and gains no
 * lapse on Again.  WANT as for fsrs_basic_review.
 */
static void fsrs_long_term(struct fsrs_review *rv, int want,
                           struct fsrs_card out[4])
{
	int n = want == 0 ? 4 : want < FSRS_HARD ? FSRS_HARD : want;
	int g, ivl[4];

	if (rv->state == FSRS_STATE_NEW) {
		rv->cur.scheduled_days = 0;
		rv->cur.elapsed_days = 0;
	}
	for (g = FSRS_AGAIN; g <= n; g++) {
		fsrs_next_ds(rv, g, &out[g - 1]);
		ivl[g - 1] = fsrs_next_interval(rv, out[g - 1].stability);
	}
	ivl[0] = ivl[0] < ivl[1] ? ivl[0] : ivl[1];
	ivl[1] = ivl[1] > ivl[0] + 1 ? ivl[1] : ivl[0] + 1;
	for (g = 2; g < n; g++)
		ivl[g] = ivl[g] > ivl[g - 1] + 1 ? ivl[g] : ivl[g - 1] + 1;
	for (g = 0; g < n; g++)
		fsrs_set_days(rv, &out[g], ivl[g]);
	if (rv->state != FSRS_STATE_NEW)
		out[0].lapses += 1;
}

static bool fsrs_time_ok(int64_t ms)
{
	return ms >= -FSRS_TIME_LIMIT_MS && ms <= FSRS_TIME_LIMIT_MS;
}

/*
 * The common prologue (AbstractScheduler.init) plus every check that makes
 * the reference throw, and a few of our own for values it never produces.
 */
static int fsrs_review_begin(struct fsrs_review *rv,
                             const struct fsrs_params *p,
                             const struct fsrs_card *card, int64_t now,
                             struct whose_error *err)
{
	double d = card->difficulty, s = card->stability;
	int64_t t = 0;

	memset(rv, 0, sizeof *rv);
	if (!p->prepared)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "scheduler parameters are not prepared: call fsrs_params_prepare after setting them");
	if (!fsrs_time_ok(now))
		return whose_error_set(err, WHOSE_EINVAL,
		                       "review time %lld ms is out of range",
		                       (long long)now);
	if (card->state < FSRS_STATE_NEW || card->state > FSRS_STATE_RELEARNING)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "card state %d is not a known state",
		                       (int)card->state);
	/* The scheduler keeps D in [1, 10] and S in [S_MIN, S_MAX]; larger
	 * values could only come from a damaged store and would lead to
	 * NaN intervals, so they are refused (the reference computes on). */
	if (!(d >= 0 && d <= 10) || !(s >= 0 && s <= FSRS_S_MAX) ||
	    card->learning_steps < 0 ||
	    card->reps < 0 || card->reps == INT_MAX || card->lapses < 0 ||
	    card->lapses == INT_MAX)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "card holds impossible values (difficulty %g, stability %g, step %d, reps %d, lapses %d)",
		                       d, s, card->learning_steps, card->reps,
		                       card->lapses);
	if (card->has_last_review && !fsrs_time_ok(card->last_review))
		return whose_error_set(err, WHOSE_EINVAL,
		                       "card's last review time %lld ms is out of range",
		                       (long long)card->last_review);
	if (card->state != FSRS_STATE_NEW && card->has_last_review)
		t = fsrs_day_index(now) - fsrs_day_index(card->last_review);
	if (t < 0)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "review time %lld ms falls on an earlier day than the card's last review at %lld ms",
		                       (long long)now,
		                       (long long)card->last_review);
	if (!(d == 0 && s == 0) && (d < 1 || s < FSRS_S_MIN))
		return whose_error_set(err, WHOSE_EINVAL,
		                       "card memory state is invalid (difficulty %g, stability %g)",
		                       d, s);
	rv->p = p;
	rv->cur = *card;
	rv->state = card->state;
	rv->now = now;
	rv->t = (int)t;
	rv->cur.has_last_review = true;
	rv->cur.last_review = now;
	rv->cur.elapsed_days = (int)t;
	rv->cur.reps += 1;
	return 0;
}

/*
 * Schedule the review: fill OUT[WANT - 1], or all of OUT when WANT is 0
 * (other entries may be filled too, or left alone).
 */
static int fsrs_schedule(const struct fsrs_params *p,
                         const struct fsrs_card *card, int64_t now_ms,
                         int want, struct fsrs_card out[4],
                         struct whose_error *err)
{
	struct fsrs_review rv;
	int rc = fsrs_review_begin(&rv, p, card, now_ms, err);
	int g;

	if (rc < 0)
		return rc;
	if (!p->enable_short_term) {
		fsrs_long_term(&rv, want, out);
	} else if (rv.state == FSRS_STATE_REVIEW) {
		fsrs_basic_review(&rv, want, out);
	} else if (want == 0) {
		for (g = FSRS_AGAIN; g <= FSRS_EASY; g++)
			fsrs_basic_learning(&rv, g, &out[g - 1]);
	} else {
		fsrs_basic_learning(&rv, want, &out[want - 1]);
	}
	return 0;
}

/* --------------------------------------------------------------------------
 * Public entry points
 */

void fsrs_card_init(struct fsrs_card *card, int64_t now_ms)
{
	memset(card, 0, sizeof *card);
	card->state = FSRS_STATE_NEW;
	card->due = now_ms;
	card->has_last_review = false;
}

int fsrs_next(const struct fsrs_params *p, const struct fsrs_card *card,
              int64_t now_ms, int rating, struct fsrs_card *out,
              struct whose_error *err)
{
	struct fsrs_card all[4];
	int rc;

	if (rating < FSRS_AGAIN || rating > FSRS_EASY)
		return whose_error_set(err, WHOSE_EINVAL,
		                       "rating %d is not valid: use 1 (again), 2 (hard), 3 (good) or 4 (easy)",
		                       rating);
	rc = fsrs_schedule(p, card, now_ms, rating, all, err);
	if (rc < 0)
		return rc;
	*out = all[rating - 1];
	return 0;
}

int fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *card,
                 int64_t now_ms, struct fsrs_card out[4],
                 struct whose_error *err)
{
	struct fsrs_card all[4];
	int rc = fsrs_schedule(p, card, now_ms, 0, all, err);

	if (rc < 0)
		return rc;
	memcpy(out, all, sizeof all);
	return 0;
}

double fsrs_retrievability(const struct fsrs_params *p,
                           const struct fsrs_card *card, int64_t now_ms)
{
	double decay, factor, s;
	int64_t days, diff;

	if (card->state == FSRS_STATE_NEW || !card->has_last_review)
		return 0;
	/* whole 24 h periods here, not calendar days: the reference's date_diff */
	diff = now_ms - card->last_review;
	days = diff / FSRS_MS_PER_DAY;
	if (diff % FSRS_MS_PER_DAY < 0)
		days--;
	if (days < 0)
		days = 0;
	s = fsrs_to_fixed8(card->stability);
	if (!(s > 0))
		return 0; /* no memory: the reference divides by zero */
	if (p->prepared) {
		decay = p->decay;
		factor = p->factor;
	} else {
		fsrs_decay_factor(fsrs_clamp(p->w[20], fsrs_clip_lo[20],
		                             fsrs_clip_hi[20]),
		                  &decay, &factor);
	}
	return fsrs_round8(pow(1 + factor * (double)days / s, decay));
}

double fsrs_recall(const struct fsrs_params *p, double stability,
                   int64_t elapsed_ms)
{
	double decay, factor;
	int64_t days = elapsed_ms / FSRS_MS_PER_DAY;

	if (!(stability > 0))
		return 0;
	if (days < 0)
		days = 0;
	if (p->prepared) {
		decay = p->decay;
		factor = p->factor;
	} else {
		fsrs_decay_factor(fsrs_clamp(p->w[20], fsrs_clip_lo[20], fsrs_clip_hi[20]),
		                  &decay, &factor);
	}
	return pow(1 + factor * (double)days / stability, decay);
}

/* Write V (>= 0) rounded to one decimal, without a trailing ".0". */
static int fsrs_format_tenths(double v, const char *unit, char *buf,
                              size_t size)
{
	long long tenths = (long long)fsrs_jsround(v * 10);

	if (tenths % 10 == 0)
		return snprintf(buf, size, "%lld%s", tenths / 10, unit);
	return snprintf(buf, size, "%lld.%lld%s", tenths / 10, tenths % 10,
	                unit);
}

int fsrs_format_interval(int64_t ms, char *buf, size_t size)
{
	double minutes = (double)ms / (double)FSRS_MS_PER_MINUTE;
	double days = (double)ms / (double)FSRS_MS_PER_DAY;
	int len;

	if (ms < FSRS_MS_PER_MINUTE)
		len = snprintf(buf, size, "<1m");
	else if (fsrs_jsround(minutes) < 60)
		len = snprintf(buf, size, "%dm", (int)fsrs_jsround(minutes));
	else if (ms < FSRS_MS_PER_DAY)
		len = fsrs_format_tenths(minutes / 60, "h", buf, size);
	else if (fsrs_jsround(days) < 30)
		len = snprintf(buf, size, "%dd", (int)fsrs_jsround(days));
	else if (days < 365)
		len = fsrs_format_tenths(days / 30, "mo", buf, size);
	else
		len = fsrs_format_tenths(days / 365, "y", buf, size);
	if (len < 0 || (size_t)len >= size) {
		if (size > 0)
			buf[0] = '\0';
		return WHOSE_EINVAL;
	}
	return 0;
}

const char *fsrs_state_name(enum fsrs_state state)
{
	switch (state) {
	case FSRS_STATE_NEW:
		return "new";
	case FSRS_STATE_LEARNING:
		return "learning";
	case FSRS_STATE_REVIEW:
		return "review";
	case FSRS_STATE_RELEARNING:
		return "relearning";
	}
	return "?";
}
