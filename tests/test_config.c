/*
 * test_config.c - settings: defaults, range checks with clear messages,
 * normal forms, and the scheduler parameters they make.
 */
#include <check.h>
#include <string.h>

#include "whose/config.h"

static struct store *test_open(void)
{
	struct store *s;

	ck_assert_int_eq(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	return s;
}

START_TEST(defaults)
{
	struct store *s = test_open();
	struct config c;
	char buf[CONFIG_VALUE_MAX];

	ck_assert_int_eq(config_load(s, &c, NULL), 0);
	ck_assert(c.fsrs.desired_retention == 0.90);
	ck_assert_int_eq(c.new_per_day, 20);
	ck_assert_int_eq(c.fsrs.n_learning_steps, 2);
	ck_assert_int_eq(c.fsrs.learning_steps[1], 10);
	ck_assert_int_eq(c.fsrs.n_relearning_steps, 1);
	ck_assert_int_eq(c.fsrs.maximum_interval, 36500);
	ck_assert(c.fsrs.enable_fuzz);
	ck_assert_int_eq(c.day_starts_at, 4);
	ck_assert_int_eq(c.leech_threshold, 8);
	ck_assert_int_eq(config_get(s, "learning-steps", buf, sizeof(buf), NULL), 0);
	ck_assert_str_eq(buf, "1m 10m");
	ck_assert_int_eq(config_get(s, "desired-retention", buf, sizeof(buf), NULL), 0);
	ck_assert_str_eq(buf, "0.90");
	store_close(s);
}
END_TEST

START_TEST(set_and_check)
{
	struct store *s = test_open();
	struct whose_error err;
	struct config c;
	char buf[CONFIG_VALUE_MAX];

	ck_assert_int_eq(config_set(s, "desired-retention", "0.85", &err), 0);
	ck_assert_int_eq(config_set(s, "learning-steps", "5m,30m 1h", &err), 0);
	ck_assert_int_eq(config_get(s, "learning-steps", buf, sizeof(buf), NULL), 0);
	ck_assert_str_eq(buf, "5m 30m 1h");
	ck_assert_int_eq(config_set(s, "fuzz", "off", &err), 0);
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.desired_retention == 0.85);
	ck_assert_int_eq(c.fsrs.n_learning_steps, 3);
	ck_assert(!c.fsrs.enable_fuzz);

	ck_assert_int_eq(config_set(s, "desired-retention", "0.5", &err), WHOSE_EINVAL);
	ck_assert_str_eq(err.msg, "desired-retention: '0.5' is not a number from 0.70 to 0.99 (the share of reviews you want to recall)");
	ck_assert_int_eq(config_set(s, "new-per-day", "-1", &err), WHOSE_EINVAL);
	ck_assert_str_eq(err.msg, "new-per-day: '-1' is not a whole number from 0 to 9999");
	ck_assert_int_eq(config_set(s, "day-starts-at", "24", &err), WHOSE_EINVAL);
	ck_assert_int_eq(config_set(s, "fuzz", "maybe", &err), WHOSE_EINVAL);
	ck_assert_str_eq(err.msg, "fuzz: 'maybe' is not 'on' or 'off'");
	ck_assert_int_eq(config_set(s, "learning-steps", "10x", &err), WHOSE_EINVAL);
	ck_assert_int_eq(config_set(s, "parameters", "1 2 3", &err), WHOSE_EINVAL);
	ck_assert_int_eq(config_set(s, "nonsense", "1", &err), WHOSE_ENOTFOUND);
	/* A refused value leaves the old one. */
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.desired_retention == 0.85);
	/* default removes it. */
	ck_assert_int_eq(config_set(s, "desired-retention", "default", &err), 0);
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.desired_retention == 0.90);
	store_close(s);
}
END_TEST

START_TEST(weights_round_trip)
{
	struct store *s = test_open();
	struct whose_error err;
	char buf[CONFIG_VALUE_MAX];
	struct config c;

	ck_assert_int_eq(config_get(s, "parameters", buf, sizeof(buf), &err), 0);
	ck_assert_int_eq(config_set(s, "parameters", buf, &err), 0);
	ck_assert_int_eq(config_load(s, &c, &err), 0);
	ck_assert(c.fsrs.w[20] == 0.1542);
	store_close(s);
}
END_TEST

Suite *test_config_suite(void);
Suite *test_config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, set_and_check);
	tcase_add_test(tc, weights_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
