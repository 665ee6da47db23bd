/*
 * jsnum.h - JavaScript number semantics in C, for the bit-exact port of
 * ts-fsrs (fsrs.c, fsrs_text.c): Math.round, the reference's roundTo(x, 8),
 * Math.max / Math.min, Number.prototype.toFixed(8), String(x), reading a
 * number without the C locale, and the Alea generator of the fuzz.
 * Internal to the core (not a public header).  Section numbers (§) refer
 * to shared/reference/fsrs-notes.md.
 */
#ifndef WHOSE_JSNUM_H
#define WHOSE_JSNUM_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Math.round: the nearest integer, ties toward +infinity (2.5 -> 3,
 * -2.5 -> -2).  x - floor(x) is exact, so the tie test is too.  Inline:
 * the scheduler rounds several times a step.
 */
static inline double jsnum_round(double x)
{
	double r;

	/* floor(x) without the libm call: below 2^52 in magnitude the
	 * truncation to an integer is exact, and one step down makes it the
	 * floor for a negative fraction.  NaN, the infinities and the larger
	 * values (all integers) go through floor() as before. */
	if (fabs(x) < 4503599627370496.0) {
		r = (double)(long long)x;
		r -= r > x ? 1.0 : 0.0;
	} else {
		r = floor(x);
	}
	/* Then up at a half or more.  Which way a value rounds is a coin
	 * toss for the scheduler, and a mispredicted branch cost more than
	 * the whole rounding: written as selections of 1.0 or 0.0, the steps
	 * compile to masks.  Adding 0.0 leaves r as it is (r is never -0
	 * here), and a zero comes back with its own sign, as floor() gives
	 * it. */
	r += x - r >= 0.5 ? 1.0 : 0.0;
	return x == 0 ? x : r;
}

/* roundTo(x, 8) = Math.round(x * 1e8) / 1e8 (§1). */
static inline double jsnum_round8(double x)
{
	return jsnum_round(x * 1e8) / 1e8;
}

/* Math.max / Math.min of two numbers, NaN-propagating like JavaScript. */
static inline double jsnum_max(double a, double b)
{
	if (isnan(a) || isnan(b))
		return NAN;
	return a > b ? a : b;
}

static inline double jsnum_min(double a, double b)
{
	if (isnan(a) || isnan(b))
		return NAN;
	return a < b ? a : b;
}

/* clamp(x, lo, hi) = min(max(x, lo), hi): hi wins when lo > hi. */
static inline double jsnum_clamp(double x, double lo, double hi)
{
	return jsnum_min(jsnum_max(x, lo), hi);
}

/* The double nearest to DIGITS x 10^EXP10 (DIGITS: decimal digits only). */
double jsnum_decimal_value(const char *digits, long exp10);

/* +x.toFixed(8): X rounded to 8 decimals (exact ties away from zero). */
double jsnum_to_fixed8(double x);

/* +x.toFixed(8) the slow, always exact way, through decimal text (for
 * tests of jsnum_to_fixed8's fast path). */
double jsnum_to_fixed8_text(double x);

/* String(x) into BUF of SIZE bytes; returns snprintf's count. */
int jsnum_to_string(double x, char *buf, size_t size);

/*
 * Read one decimal number "[-+]ddd[.ddd][e[-+]ddd]" at *S into *OUT
 * without strtod's dependence on LC_NUMERIC, and move *S past it.
 * Returns false (and leaves *S) if there is no such number.
 */
bool jsnum_parse(const char **s, double *out);

/* The first number in [0, 1) of the Alea generator seeded with SEED. */
double jsnum_alea_first(const char *seed);

#endif
