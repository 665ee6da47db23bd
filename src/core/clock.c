/*
 * clock.c - the injected clock, and ISO 8601 times without the C library's
 * time zone machinery (the core works in UTC only).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "whose/clock.h"

int64_t clock_now(const struct whose_clock *c)
{
	return c->now(c->ctx);
}

int64_t clock_system_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono(const struct whose_clock *c)
{
	return c->mono != NULL ? c->mono(c->ctx) : c->now(c->ctx);
}

static int64_t clock_system_mono(void *ctx)
{
	struct timespec ts;

	(void)ctx;
#ifdef CLOCK_BOOTTIME
	if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
		return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#endif
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_use_system(struct whose_clock *c)
{
	c->now = clock_system_ms;
	c->ctx = NULL;
	c->mono = clock_system_mono;
}

static int64_t clock_fixed_ms(void *ctx)
{
	return *(int64_t *)ctx;
}

void clock_use_fixed(struct whose_clock *c, int64_t *now_ms)
{
	c->now = clock_fixed_ms;
	c->ctx = now_ms;
	c->mono = NULL;
}

/* Howard Hinnant's days_from_civil. */
int64_t clock_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void clock_civil_from_days(int64_t z, int64_t *y, unsigned *m,
				  unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

static bool clock_digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool clock_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int clock_parse_iso(const char *s, int64_t *ms)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0;
	const char *p = s;

	if (!clock_digits(&p, 4, &y) || *p++ != '-' || !clock_digits(&p, 2, &mo) ||
	    *p++ != '-' || !clock_digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && clock_leap(y)))
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!clock_digits(&p, 2, &h) || *p++ != ':' || !clock_digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (!clock_digits(&p, 2, &sec))
				return -1;
			if (*p == '.' || *p == ',') {
				int scale = 100;

				p++;
				if (*p < '0' || *p > '9')
					return -1;
				while (*p >= '0' && *p <= '9') {
					frac += (*p - '0') * scale;
					scale /= 10;
					p++;
				}
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (strcmp(p, "+00:00") == 0 || strcmp(p, "+0000") == 0)
			p += strlen(p);
		else
			return -1;
	}
	if (*p != '\0')
		return -1;
	*ms = ((clock_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 + h) * 60 + mi) *
		      60000 + (int64_t)sec * 1000 + frac;
	return 0;
}

void clock_format_iso(int64_t ms, char *buf, size_t len)
{
	int64_t days, rem, y;
	unsigned m, d;

	/* A time from a hand-edited database may be anything (INT64_MIN
	 * would overflow -ms): years 0000 to 9999 only, the rest pinned to
	 * the nearest end. */
	if (ms < CLOCK_ISO_MIN_MS)
		ms = CLOCK_ISO_MIN_MS;
	if (ms > CLOCK_ISO_MAX_MS)
		ms = CLOCK_ISO_MAX_MS;
	days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
	rem = ms - days * 86400000;
	clock_civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
		 (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
		 (int)(rem % 1000));
}

/*
 * The moment the local date of BASE, DAYS later, reads HOUR:00.  When the
 * clocks go back that hour happens twice: the first time counts, whatever
 * mktime makes of an ambiguous time (glibc answers either, depending on
 * the tm_isdst it is given).  When they go forward over it, the end of the
 * gap counts (mktime's normalization).
 */
static int64_t clock_local_at(const struct tm *base, int hour, int days)
{
	int64_t best = 0;
	bool found = false;

	for (int isdst = -1; isdst <= 1; isdst++) {
		struct tm tm = *base, back;
		time_t t;

		tm.tm_mday += days;
		tm.tm_hour = hour;
		tm.tm_min = 0;
		tm.tm_sec = 0;
		tm.tm_isdst = isdst;
		t = mktime(&tm);
		if (t == (time_t)-1)
			continue;
		/* A guess of summer time (or not) that the date does not have
		 * lands an hour off: keep only the times that read HOUR:00,
		 * and mktime's own answer (-1) for a gap. */
		if (isdst >= 0 && (localtime_r(&t, &back) == NULL || back.tm_hour != hour ||
				   back.tm_min != 0))
			continue;
		if (!found || (int64_t)t * 1000 < best)
			best = (int64_t)t * 1000;
		found = true;
	}
	return best;
}

void clock_local_day(int64_t now_ms, int hour, int64_t *start, int64_t *end)
{
	time_t t = (time_t)(now_ms / 1000);
	struct tm today;
	int64_t s;

	localtime_r(&t, &today);
	/* The day starts and ends are the same function of consecutive local
	 * dates, so that the days tile time across a clock change. */
	s = clock_local_at(&today, hour, 0);
	if (s <= now_ms) {
		*start = s;
		*end = clock_local_at(&today, hour, 1);
	} else {
		*start = clock_local_at(&today, hour, -1);
		*end = s;
	}
	/* A broken time zone must not make the day empty. */
	if (*end <= now_ms)
		*end = now_ms + 1;
	if (*start > now_ms)
		*start = now_ms;
}
