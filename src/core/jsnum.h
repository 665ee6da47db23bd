/*
 * jsnum.h - JavaScript number semantics in C, for the bit-exact port of
 * ts-fsrs (fsrs.c, fsrs_text.c): Math.round, the reference's roundTo(x, 8),
 * Math.max / Math.min, Number.prototype.toFixed(8), String(x), reading a
 * number without the C locale, and the Alea generator of the fuzz.
 * Internal to the core (not a public header).  Section numbers (§) refer
 * to src/core/FSRS-NOTES.md.
 */
#ifndef WHOSE_JSNUM_H
#define WHOSE_JSNUM_H

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Math.round: the nearest integer, ties toward +infinity (2.5 -> 3,
 * -2.5 -> -2), and a zero keeps its sign.  Inline: the scheduler rounds
 * several times a step, and the rounding sits on its longest chain.
 */
static inline double jsnum_round(double x)
{
	double r;

#if FLT_EVAL_METHOD == 0
	if (fabs(x) < 0x1p51) {
		/* x + 1.5 x 2^52 lands where doubles are 1 apart, so the sum
		 * is x rounded to an integer, ties to even, and taking 1.5 x
		 * 2^52 off again is exact.  x - r is exact too: a tie that went
		 * down (x - r = 1/2) goes up instead.  No branch on the value:
		 * which way it rounds is a coin toss for the scheduler, and a
		 * mispredicted branch cost more than the rounding; the
		 * selections compile to masks.  A zero comes back with its
		 * sign (the sum would make -0 +0). */
		r = (x + 0x1.8p52) - 0x1.8p52;
		r += x - r == 0.5 ? 1.0 : 0.0;
		return x == 0 ? x : r;
	}
#endif
	/* the rest: NaN, the infinities, values of 2^51 or more (which are
	 * integers or halves), and every value where double expressions
	 * may be evaluated with more precision */
	r = floor(x);
	if (x - r >= 0.5)
		r += 1.0;
	return r;
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
