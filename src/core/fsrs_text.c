/*
 * fsrs_text.c - the scheduler's settings as text: learning steps ("1m
 * 10m"), the 21 weights (with the reference's migration of FSRS-5 and
 * FSRS-4.5 sets), interval labels and state names.  Parsing does not
 * depend on the C locale (jsnum_parse).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fsrs_int.h"
#include "jsnum.h"

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

			if (!jsnum_parse(&s, &v[n]) ||
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

		v[4] = jsnum_to_fixed8(w5 * 2 + w4);
		v[5] = jsnum_to_fixed8(log(w5 * 3 + 1) / 3);
		v[6] = jsnum_to_fixed8(w6 + 0.5);
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

/* Write V (>= 0) rounded to one decimal, without a trailing ".0". */
static int fsrs_format_tenths(double v, const char *unit, char *buf,
                              size_t size)
{
	long long tenths = (long long)jsnum_round(v * 10);

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
	else if (jsnum_round(minutes) < 60)
		len = snprintf(buf, size, "%dm", (int)jsnum_round(minutes));
	else if (ms < FSRS_MS_PER_DAY)
		len = fsrs_format_tenths(minutes / 60, "h", buf, size);
	else if (jsnum_round(days) < 30)
		len = snprintf(buf, size, "%dd", (int)jsnum_round(days));
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
