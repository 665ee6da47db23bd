/*
 * test_jsnum.c - JavaScript number semantics (src/core/jsnum.c): the
 * binary fast path of toFixed(8) against the exact text path, on random
 * values, on every kind of tie, and next to ties.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/jsnum.h"

static uint64_t test_jsnum_state = UINT64_C(0x243f6a8885a308d3);

static uint64_t test_jsnum_rand(void)
{
	uint64_t z = (test_jsnum_state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Bitwise equality, so that -0 and +0 are told apart. */
static void test_jsnum_same(double x)
{
	double fast = jsnum_to_fixed8(x), text = jsnum_to_fixed8_text(x);

	ck_assert_msg(memcmp(&fast, &text, sizeof(fast)) == 0,
		      "toFixed(8) of %.17g: fast %.17g, text %.17g", x, fast, text);
}

START_TEST(to_fixed8_fast_is_exact)
{
	/* Random magnitudes across the fast range and past it. */
	for (int i = 0; i < 30000; i++) {
		double u = (double)(test_jsnum_rand() >> 11) * 0x1p-53;
		double x = pow(10.0, -10.0 + 18.0 * u);

		test_jsnum_same(test_jsnum_rand() & 1 ? -x : x);
	}
	/* Exact ties j/512 (j odd) and their neighbours, and values a hair
	 * either side of a decimal half (k + 0.5) * 1e-8. */
	for (int j = 1; j < 20000; j += 2) {
		double x = j / 512.0;

		test_jsnum_same(x);
		test_jsnum_same(nextafter(x, 0));
		test_jsnum_same(nextafter(x, 1e9));
	}
	for (int k = 0; k < 10000; k++) {
		double base = (double)(test_jsnum_rand() % 4000000000000ull);
		double x = (base + 0.5) / 1e8;

		test_jsnum_same(x);
		test_jsnum_same(nextafter(x, 0));
		test_jsnum_same(nextafter(x, 1e30));
	}
	test_jsnum_same(0.0);
	test_jsnum_same(-0.0);
	test_jsnum_same(2e7);
	test_jsnum_same(nextafter(2e7, 0));
	test_jsnum_same(1e21);
	ck_assert(jsnum_to_fixed8(0.000000005) == 0.00000001);
	ck_assert(jsnum_to_fixed8(-0.000000005) == -0.00000001);
	ck_assert(jsnum_to_fixed8(1.0 / 512) == 0.00195313);
}
END_TEST

START_TEST(round_like_javascript)
{
	ck_assert(jsnum_round(2.5) == 3);
	ck_assert(jsnum_round(-2.5) == -2);
	ck_assert(jsnum_round8(0.123456785) == 0.12345679);
	ck_assert(isnan(jsnum_max(NAN, 1)) && isnan(jsnum_min(1, NAN)));
	ck_assert(jsnum_clamp(5, 6, 4) == 4);
}
END_TEST

/* Math.round as the spec words it: floor(x + 1/2) taken exactly, that is
 * floor(x), plus one when the exact fraction x - floor(x) is a half or
 * more; the sign of a zero argument kept. */
static double test_jsnum_round_ref(double x)
{
	double r = floor(x);

	if (x - r >= 0.5)
		r += 1.0;
	return r;
}

static void test_jsnum_round_same(double x)
{
	double got = jsnum_round(x), want = test_jsnum_round_ref(x);

	if (isnan(want)) {
		ck_assert_msg(isnan(got), "jsnum_round(%a) is %a, not NaN", x, got);
		return;
	}
	ck_assert_msg(memcmp(&got, &want, sizeof got) == 0,
	              "jsnum_round(%a) is %a, Math.round gives %a", x, got, want);
}

/* The branch-free rounding gives Math.round's value, bit for bit, for
 * halves and their neighbours, every sign and scale, zeros of both signs
 * and the values floor() keeps. */
START_TEST(round_is_math_round_bit_for_bit)
{
	static const double special[] = {
		0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 0.49999999999999994,
		-0.49999999999999994, 4503599627370495.5, -4503599627370495.5,
		2251799813685247.5, -2251799813685247.5, 2251799813685248.5,
		-2251799813685248.5, 2251799813685249.0, -2251799813685249.0,
		4503599627370496.0, -4503599627370497.0, 9007199254740993.0,
		1e300, -1e300, 0x1p-1074, -0x1p-1074, INFINITY, -INFINITY, NAN,
	};
	uint64_t state = 88172645463325252u;
	size_t i;
	long k;

	for (i = 0; i < sizeof special / sizeof special[0]; i++) {
		test_jsnum_round_same(special[i]);
		test_jsnum_round_same(nextafter(special[i], 0));
		test_jsnum_round_same(nextafter(special[i], INFINITY));
		test_jsnum_round_same(nextafter(special[i], -INFINITY));
	}
	for (k = -2000; k <= 2000; k++) {
		double h = k + 0.5;

		test_jsnum_round_same(h);
		test_jsnum_round_same(nextafter(h, 0));
		test_jsnum_round_same(nextafter(h, INFINITY));
		test_jsnum_round_same(nextafter(h, -INFINITY));
		test_jsnum_round_same(k * 1e8 + 0.5);
	}
	for (k = 0; k < 2000000; k++) {
		uint64_t bits;
		double x;

		/* xorshift64: any bit pattern, so every exponent and sign */
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		bits = state;
		memcpy(&x, &bits, sizeof x);
		test_jsnum_round_same(x);
		/* and the scheduler's range: x 1e8 for x up to 36,500 */
		x = (double)(state >> 11) * 0x1p-53 * 3.65e12 - 1e9;
		test_jsnum_round_same(x);
		test_jsnum_round_same(jsnum_round(x) + 0.5);
	}
}
END_TEST

Suite *test_jsnum_suite(void);

Suite *test_jsnum_suite(void)
{
	Suite *s = suite_create("jsnum");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, to_fixed8_fast_is_exact);
	tcase_add_test(tc, round_like_javascript);
	tcase_add_test(tc, round_is_math_round_bit_for_bit);
	suite_add_tcase(s, tc);
	return s;
}
