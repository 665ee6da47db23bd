/*
 * test_clock.c - clock.c in a real time zone with summer time
 * (Europe/Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00),
 * not only in UTC: the learner's day (day-starts-at) on both sides of each
 * change and across it, ISO 8601 times, and the statistics' due counts and
 * forecast, whose days are local days of 23 or 25 hours around a change.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/store_int.h"
#include "test_util.h"
#include "whose/clock.h"
#include "whose/stats.h"

#define H 3600000LL
#define DAY (24 * H)

static char *test_saved_tz;

static void test_setup(void)
{
	const char *tz = getenv("TZ");
	struct tm tm;
	time_t summer = 1782900000;   /* 2026-07-01, CEST */

	test_saved_tz = tz != NULL ? strdup(tz) : NULL;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	/* Without the zone's rules the C library falls back to UTC: say so
	 * rather than pass on a zone without summer time. */
	localtime_r(&summer, &tm);
	ck_assert_msg(tm.tm_isdst > 0 && tm.tm_gmtoff == 7200,
		      "time zone Europe/Berlin is not installed (install tzdata)");
}

static void test_teardown(void)
{
	if (test_saved_tz != NULL) {
		setenv("TZ", test_saved_tz, 1);
		free(test_saved_tz);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

static int64_t test_utc(const char *iso)
{
	int64_t ms;

	ck_assert_msg(clock_parse_iso(iso, &ms) == 0, "%s", iso);
	return ms;
}

/* The local hour and date of MS, as "YYYY-MM-DD HH:MM". */
static const char *test_local(int64_t ms)
{
	static char buf[32];
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	return buf;
}

START_TEST(day_before_and_after_spring_forward)
{
	int64_t s, e;

	/* Saturday 28 March, CET (+1): the day begins at 04:00 local. */
	clock_local_day(test_utc("2026-03-28T10:00:00Z"), 4, &s, &e);
	ck_assert_int_eq(s, test_utc("2026-03-28T03:00:00Z"));
	/* ...and ends at 04:00 CEST (+2) on Sunday: 23 hours. */
	ck_assert_int_eq(e, test_utc("2026-03-29T02:00:00Z"));
	ck_assert_int_eq(e - s, 23 * H);
	/* Sunday 29 March, after the change: 24 hours of CEST. */
	clock_local_day(test_utc("2026-03-29T10:00:00Z"), 4, &s, &e);
	ck_assert_int_eq(s, test_utc("2026-03-29T02:00:00Z"));
	ck_assert_int_eq(e, test_utc("2026-03-30T02:00:00Z"));
	/* Between midnight and 04:00 local it is still the day before. */
	clock_local_day(test_utc("2026-03-29T01:30:00Z"), 4, &s, &e);   /* 03:30 CEST */
	ck_assert_int_eq(s, test_utc("2026-03-28T03:00:00Z"));
	ck_assert_int_eq(e, test_utc("2026-03-29T02:00:00Z"));
	ck_assert_str_eq(test_local(s), "2026-03-28 04:00");
	ck_assert_str_eq(test_local(e), "2026-03-29 04:00");
}
END_TEST

START_TEST(day_before_and_after_fall_back)
{
	int64_t s, e;

	/* Saturday 24 October runs from 04:00 CEST (+2) to 04:00 CET (+1) on
	 * Sunday, after the clocks went back: 25 hours. */
	clock_local_day(test_utc("2026-10-24T12:00:00Z"), 4, &s, &e);
	ck_assert_int_eq(s, test_utc("2026-10-24T02:00:00Z"));
	ck_assert_int_eq(e, test_utc("2026-10-25T03:00:00Z"));
	ck_assert_int_eq(e - s, 25 * H);
	clock_local_day(test_utc("2026-10-25T12:00:00Z"), 4, &s, &e);
	ck_assert_int_eq(s, test_utc("2026-10-25T03:00:00Z"));
	ck_assert_int_eq(e - s, 24 * H);
}
END_TEST

/*
 * For a day-starts-at of HOUR, every half hour over HOURS hours from FROM:
 * NOW lies in [start, end); the day begins at HOUR local (or, when that
 * hour does not exist that night, at the end of the gap); consecutive days
 * tile time with no gap and no overlap; a day lasts 23, 24 or 25 hours.
 */
static void test_tiling(const char *from, int hours, int hour)
{
	int64_t t0 = test_utc(from), prev_end = 0;

	for (int64_t now = t0; now < t0 + (int64_t)hours * H; now += H / 2) {
		int64_t s, e;
		time_t st;
		struct tm tm;

		clock_local_day(now, hour, &s, &e);
		ck_assert_msg(s <= now && now < e, "hour %d: %lld not in its day", hour, (long long)now);
		ck_assert_msg(e - s == 23 * H || e - s == 24 * H || e - s == 25 * H,
			      "hour %d: a day of %lld ms", hour, (long long)(e - s));
		if (prev_end != 0)
			ck_assert_msg(e == prev_end || s == prev_end,
				      "hour %d: days overlap or leave a gap at %lld", hour,
				      (long long)now);
		prev_end = e;
		st = (time_t)(s / 1000);
		localtime_r(&st, &tm);
		ck_assert_int_eq(tm.tm_min, 0);
		ck_assert_msg(tm.tm_hour == hour || (hour == 2 && tm.tm_hour == 3),
			      "hour %d: the day began at %02d:00 local", hour, tm.tm_hour);
	}
}

START_TEST(days_tile_across_both_changes)
{
	for (int hour = 0; hour < 24; hour++) {
		test_tiling("2026-03-26T00:00:00Z", 6 * 24, hour);
		test_tiling("2026-10-22T00:00:00Z", 6 * 24, hour);
	}
}
END_TEST

START_TEST(iso_times_are_utc_in_any_zone)
{
	char buf[32];
	int64_t ms = test_utc("2026-03-29T01:30:00.250Z");

	clock_format_iso(ms, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2026-03-29T01:30:00.250Z");
	ck_assert_int_eq(test_utc("2026-03-29"), test_utc("2026-03-29T00:00:00+00:00"));
	ck_assert_int_eq(clock_parse_iso("2026-03-29T02:30:00+01:00", &ms), -1);
}
END_TEST

/* The statistics on 28 March at 11:00 local, the day starting at 04:00:
 * cards due on either side of the change fall into the local day they are
 * due on, and "due today" ends at 04:00 CEST on the 29th. */
START_TEST(due_today_and_forecast_across_the_change)
{
	static const char bank[] =
		"id,topic,type,question,choices,answer,explanation,source,tags,why_not,shuffle\n"
		"a-1,Alpha,who,Q1?,,AWS,x,s,,,\n"
		"a-2,Alpha,who,Q2?,,AWS,x,s,,,\n"
		"a-3,Alpha,who,Q3?,,AWS,x,s,,,\n"
		"a-4,Alpha,who,Q4?,,AWS,x,s,,,\n";
	/* due: 03:30 CEST on the 29th (today), 04:30 CEST on the 29th
	 * (tomorrow), 05:00 CEST on the 30th (in two days), and 03:30 CEST
	 * on the 30th (tomorrow still). */
	static const char *const due[4] = {
		"2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z",
		"2026-03-30T03:00:00Z", "2026-03-30T01:30:00Z",
	};
	struct store_import_summary sum;
	struct bank_report rep;
	struct whose_error err;
	struct store *s;
	struct config cfg;
	struct stats st;
	char *dir = test_tmpdir();
	const char *paths[1];

	paths[0] = test_write(dir, "bank.csv", bank, -1);
	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, &err), 0);
	ck_assert_int_eq(store_import(s, paths, 1, false, test_utc("2026-03-01"), &sum, &rep, NULL,
				      NULL, &err), 0);
	bank_report_free(&rep);
	for (int i = 0; i < 4; i++) {
		char sql[256];

		snprintf(sql, sizeof(sql),
			 "UPDATE cards SET state = 2, stability = 10, last_review = %lld, due = %lld"
			 " WHERE question_id = (SELECT id FROM questions WHERE qid = 'a-%d')",
			 (long long)test_utc("2026-03-20"), (long long)test_utc(due[i]), i + 1);
		ck_assert_int_eq(sqlite3_exec(store_db_handle(s), sql, NULL, NULL, NULL), SQLITE_OK);
	}
	config_defaults(&cfg);
	cfg.day_starts_at = 4;
	ck_assert_int_eq(fsrs_params_prepare(&cfg.fsrs, NULL), 0);
	ck_assert_int_eq(stats_collect(s, &cfg, test_utc("2026-03-28T10:00:00Z"), &st, &err), 0);
	ck_assert_int_eq(st.fig.day_end, test_utc("2026-03-29T02:00:00Z"));
	ck_assert_uint_eq(st.fig.due_today, 1);
	ck_assert_uint_eq(st.fig.due_now, 1);    /* a review due today is due now */
	ck_assert_uint_eq(st.forecast[0], 1);
	ck_assert_uint_eq(st.forecast[1], 2);
	ck_assert_uint_eq(st.forecast[2], 1);
	stats_free(&st);
	store_close(s);
	test_rmtree(dir);
}
END_TEST

Suite *test_clock_suite(void);
Suite *test_clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("berlin");

	tcase_add_checked_fixture(tc, test_setup, test_teardown);
	tcase_add_test(tc, day_before_and_after_spring_forward);
	tcase_add_test(tc, day_before_and_after_fall_back);
	tcase_add_test(tc, days_tile_across_both_changes);
	tcase_add_test(tc, iso_times_are_utc_in_any_zone);
	tcase_add_test(tc, due_today_and_forecast_across_the_change);
	suite_add_tcase(s, tc);
	return s;
}
