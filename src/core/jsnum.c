/*
 * jsnum.c - JavaScript number semantics the ts-fsrs port needs, in one
 * place: toFixed(8), String(x), locale-free number reading and the Alea
 * generator (see jsnum.h).  Nothing here depends on the C locale: numbers
 * are printed and parsed through strings without a radix character.
 */
#include "jsnum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * strtod of a decimal written as "<digits>e<exp>": with no radix character
 * in the text, the result does not depend on LC_NUMERIC.
 */
double jsnum_decimal_value(const char *digits, long exp10)
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
static const char *jsnum_collect_digits(const char *text, char *digits,
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
static void jsnum_digits_increment(char *digits)
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
double jsnum_to_fixed8_text(double x)
{
	char text[64], digits[72];
	double ax = fabs(x), j, v;

	if (!isfinite(x) || ax >= 1e21)
		return x; /* toFixed prints String(x) there */
	j = ax * 512.0;
	if (j == floor(j) && fmod(j, 2.0) == 1.0) {
		snprintf(text, sizeof text, "%.9f", ax);
		jsnum_collect_digits(text, digits, sizeof digits - 1);
		digits[strlen(digits) - 1] = '\0'; /* the 9th decimal, a 5 */
		jsnum_digits_increment(digits);
	} else {
		snprintf(text, sizeof text, "%.8f", ax);
		jsnum_collect_digits(text, digits, sizeof digits - 1);
	}
	v = jsnum_decimal_value(digits, -8);
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
int jsnum_to_string(double x, char *buf, size_t size)
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
		e = jsnum_collect_digits(text, digits, sizeof digits);
		exp10 = *e == 'e' ? strtol(e + 1, NULL, 10) : 0;
		n = (int)exp10 + 1; /* x = 0.DIGITS * 10^n */
		if (jsnum_decimal_value(digits, exp10 - (k - 1)) == ax)
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

/*
 * The fast path of +x.toFixed(8), in binary.  y = |x| * 1e8 is rounded;
 * fma gives its exact error e, so the exact product is y + e.  With
 * n = floor(y) and f = y - n (exact: y < 2^51 has at least one bit below
 * the units), the exact fraction is f + e.  When f lies farther from 1/2
 * than |e|, the exact product rounds to the same integer as y does, and
 * n / 1e8 (two exact doubles, one correctly rounded division) is the
 * double nearest to n x 10^-8, as strtod of the printed digits would give.
 * Only near a tie (|f - 1/2| <= |e|, which includes every exact tie) or
 * for large values does it take the text path.
 */
double jsnum_to_fixed8(double x)
{
	double ax = fabs(x), y, e, n, f, v;

	if (!(ax < 2e7))
		return jsnum_to_fixed8_text(x);
	y = ax * 1e8;
	e = fma(ax, 1e8, -y);
	n = floor(y);
	f = y - n;
	if (fabs(f - 0.5) <= fabs(e))
		return jsnum_to_fixed8_text(x);
	if (f > 0.5)
		n += 1.0;
	v = n / 1e8;
	return x < 0 ? -v : v;
}

/* --------------------------------------------------------------------------
 * Alea (§7, src/alea.ts)
 */

/* x >>> 0 for the finite values Mash produces. */
static double jsnum_uint32(double x)
{
	double r = fmod(trunc(x), 4294967296.0);

	return r < 0 ? r + 4294967296.0 : r;
}

/* One call of Mash's closure: N is its state, DATA the string to hash. */
static double jsnum_mash(double *n, const char *data)
{
	for (; *data; data++) {
		double h;

		*n += (unsigned char)*data;
		h = 0.02519603282416938 * *n;
		*n = jsnum_uint32(h);
		h -= *n;
		h *= *n;
		*n = jsnum_uint32(h);
		h -= *n;
		*n += h * 4294967296.0;
	}
	return jsnum_uint32(*n) * 0x1p-32;
}

double jsnum_alea_first(const char *seed)
{
	double n = 4022871197.0; /* 0xefc8249d */
	double s0, t;

	/* The generator also seeds s1 and s2 (two more mash(seed) calls), but
	 * they come after s0 and the first output depends on s0 and c alone. */
	s0 = jsnum_mash(&n, " ");
	jsnum_mash(&n, " ");
	jsnum_mash(&n, " ");
	s0 -= jsnum_mash(&n, seed);
	if (s0 < 0)
		s0 += 1;
	/* next() with c = 1: t = 2091639 s0 + c 2^-32, result t - (t | 0) */
	t = 2091639 * s0 + 1 * 0x1p-32;
	return t - trunc(t);
}

/* See jsnum.h. */
bool jsnum_parse(const char **s, double *out)
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
	*out = jsnum_decimal_value(digits, exp10);
	if (neg)
		*out = -*out;
	*s = p;
	return true;
}
