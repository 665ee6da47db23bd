/*
 * clock.h - time, injected.  The core never asks the system for the time:
 * it is handed a clock, so that tests can fix it or move it on.
 * All times are milliseconds since the Unix epoch, UTC.
 */
#ifndef WHOSE_CLOCK_H
#define WHOSE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

struct whose_clock {
	int64_t (*now)(void *ctx);  /* current time in ms */
	void *ctx;
	/* A clock that only runs forward (ms from any origin), which no
	 * one can set back; NULL: NOW is taken for it (a test's clock). */
	int64_t (*mono)(void *ctx);
};

/* The current time of clock C. */
int64_t clock_now(const struct whose_clock *c);

/* C's clock that only runs forward (clock_now when it has none): the
 * time between two readings is time that passed, whatever the wall
 * clock was set to meanwhile. */
int64_t clock_mono(const struct whose_clock *c);

/* Set C to the system's real-time clock, and its clock that runs
 * forward to CLOCK_BOOTTIME (time suspended counts) or CLOCK_MONOTONIC. */
void clock_use_system(struct whose_clock *c);

/* Set C to report *NOW_MS, which the caller owns and may move on. */
void clock_use_fixed(struct whose_clock *c, int64_t *now_ms);

/* The system clock in ms (the function clock_use_system installs). */
int64_t clock_system_ms(void *ctx);

/*
 * Parse an ISO 8601 UTC time: "2024-01-15T10:30:00Z", with optional
 * fractional seconds, "+00:00" for Z, or a date alone (midnight UTC).
 * Returns 0 and sets *MS, or -1 when S is not such a time.
 */
int clock_parse_iso(const char *s, int64_t *ms);

/* The times clock_format_iso writes as they are: 0000-01-01T00:00:00.000Z
 * to 9999-12-31T23:59:59.999Z. */
#define CLOCK_ISO_MIN_MS (-62167219200000LL)
#define CLOCK_ISO_MAX_MS 253402300799999LL

/* Format MS as "2024-01-15T10:30:00.000Z" into BUF[LEN] (LEN >= 25); a
 * time outside CLOCK_ISO_MIN_MS..CLOCK_ISO_MAX_MS is pinned to the nearer
 * end. */
void clock_format_iso(int64_t ms, char *buf, size_t len);

/* Days since 1970-01-01 of the civil date Y-M-D (proleptic Gregorian). */
int64_t clock_days_from_civil(int64_t y, unsigned m, unsigned d);

/*
 * The learner's day around NOW_MS: it begins at local hour HOUR (0..23, the
 * day-starts-at setting) in the time zone of the process (TZ).  *START is
 * the last such moment at or before NOW_MS and *END the next one (UTC ms).
 */
void clock_local_day(int64_t now_ms, int hour, int64_t *start, int64_t *end);

#endif
