/*
 * names.c - finding a name from what a person typed (names.h).
 *
 * The order of tries is the order of trust: the whole name (case aside),
 * then a prefix of the whole name, then prefixes of its words.  A try
 * that matches exactly one name wins; a try that matches several is
 * ambiguous and stops there (a later, looser try cannot make it unique
 * honestly).  Names here are short (topics are at most 40 bytes), so the
 * quadratic distance is cheap.
 */
#include <string.h>

#include "whose/names.h"

static unsigned char names_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static int names_is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Does P (up to PLEN bytes) start S, case aside? */
static int names_starts(const char *s, const char *p, size_t plen)
{
	for (size_t i = 0; i < plen; i++) {
		if (s[i] == '\0' || names_fold((unsigned char)s[i]) != names_fold((unsigned char)p[i]))
			return 0;
	}
	return 1;
}

static int names_equal(const char *a, const char *b)
{
	size_t la = strlen(a);

	return la == strlen(b) && names_starts(a, b, la);
}

/* Does every word of TYPED start some word of NAME, in order?  Words are
 * runs of letters, digits and non-ASCII bytes. */
static int names_words_match(const char *name, const char *typed)
{
	const char *t = typed, *n = name;
	int words = 0;

	for (;;) {
		size_t tlen;

		while (*t != '\0' && !names_is_word((unsigned char)*t))
			t++;
		if (*t == '\0')
			return words > 0;
		tlen = 0;
		while (t[tlen] != '\0' && names_is_word((unsigned char)t[tlen]))
			tlen++;
		/* Find a word of NAME, from N on, that TYPED's word starts. */
		for (;;) {
			while (*n != '\0' && !names_is_word((unsigned char)*n))
				n++;
			if (*n == '\0')
				return 0;
			if (names_starts(n, t, tlen))
				break;
			while (*n != '\0' && names_is_word((unsigned char)*n))
				n++;
		}
		while (*n != '\0' && names_is_word((unsigned char)*n))
			n++;
		t += tlen;
		words++;
	}
}

size_t names_distance(const char *a, const char *b, size_t limit)
{
	/* Optimal string alignment distance over three rows. */
	enum { NAMES_MAX = 128 };
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][NAMES_MAX + 1];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > NAMES_MAX || lb > NAMES_MAX)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best;

		cur[0] = i;
		best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			unsigned char x = names_fold((unsigned char)a[i - 1]);
			unsigned char y = names_fold((unsigned char)b[j - 1]);
			size_t v = prev[j - 1] + (x != y);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && x == names_fold((unsigned char)b[j - 2]) &&
			    names_fold((unsigned char)a[i - 2]) == y && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		{
			size_t *t = pp;

			pp = prev;
			prev = cur;
			cur = t;
		}
	}
	return prev[lb] > limit ? limit + 1 : prev[lb];
}

/* How far TYPED is from NAME, from its start or from one of its words
 * (a typo in "kees" is near "Keys, HSMs & secrets"), up to LIMIT + 1. */
static size_t names_closeness(const char *typed, const char *name, size_t limit)
{
	char part[129];
	size_t tlen = strlen(typed), best = names_distance(typed, name, limit);
	const char *w = name;

	for (;;) {
		size_t wlen = 0, d;

		while (*w != '\0' && !names_is_word((unsigned char)*w))
			w++;
		if (*w == '\0')
			break;
		while (w[wlen] != '\0' && names_is_word((unsigned char)w[wlen]))
			wlen++;
		/* The word, and the start of the name from this word on, cut to
		 * the length typed. */
		if (wlen < sizeof(part)) {
			memcpy(part, w, wlen);
			part[wlen] = '\0';
			if ((d = names_distance(typed, part, limit)) < best)
				best = d;
		}
		if (w == name && tlen < sizeof(part) && strlen(w) > tlen) {
			memcpy(part, w, tlen);
			part[tlen] = '\0';
			if ((d = names_distance(typed, part, limit)) < best)
				best = d;
		}
		w += wlen;
	}
	return best;
}

enum names_match names_find(const char *typed, const char *const *names, size_t n,
			    size_t *index, size_t *other)
{
	size_t tlen = strlen(typed), found = n, second = n, hits;
	size_t best = n, best_d = (size_t)-1;

	if (index != NULL)
		*index = n;
	if (other != NULL)
		*other = n;
	if (tlen == 0)
		return NAMES_NONE;
	for (int pass = 0; pass < 3; pass++) {
		hits = 0;
		for (size_t i = 0; i < n; i++) {
			int ok;

			if (names[i] == NULL)
				continue;
			if (pass == 0)
				ok = names_equal(names[i], typed);
			else if (pass == 1)
				ok = names_starts(names[i], typed, tlen);
			else
				ok = names_words_match(names[i], typed);
			if (!ok)
				continue;
			if (hits == 0)
				found = i;
			else if (hits == 1)
				second = i;
			hits++;
		}
		if (hits == 0)
			continue;
		if (index != NULL)
			*index = found;
		if (hits > 1) {
			if (other != NULL)
				*other = second;
			return NAMES_AMBIGUOUS;
		}
		return pass == 0 ? NAMES_EXACT : pass == 1 ? NAMES_PREFIX : NAMES_WORDS;
	}
	/* A miss: the closest name, if it is close enough to be a typo. */
	for (size_t i = 0; i < n; i++) {
		size_t len, limit, d;

		if (names[i] == NULL)
			continue;
		len = strlen(typed);
		limit = len / 3;
		if (limit < 1)
			limit = 1;
		if (limit > 3)
			limit = 3;
		d = names_closeness(typed, names[i], limit);
		if (d <= limit && d < best_d) {
			best = i;
			best_d = d;
		}
	}
	if (index != NULL)
		*index = best;
	return NAMES_NONE;
}

int names_resolve(const char *typed, const char *const *names, size_t n,
		  const char *what, const char *hint, size_t *index,
		  struct whose_error *err)
{
	size_t i, j;
	enum names_match m = names_find(typed, names, n, &i, &j);

	if (m == NAMES_AMBIGUOUS)
		return whose_error_set(err, WHOSE_EINVAL,
				       "'%s' could be the %s '%s' or '%s' (and maybe more): type more of the name%s%s",
				       typed, what, names[i], names[j], hint ? "; " : "", hint ? hint : "");
	if (m == NAMES_NONE) {
		if (i < n)
			return whose_error_set(err, WHOSE_ENOTFOUND,
					       "no %s named '%s': did you mean '%s'?%s%s",
					       what, typed, names[i], hint ? " " : "", hint ? hint : "");
		return whose_error_set(err, WHOSE_ENOTFOUND, "no %s named '%s'%s%s",
				       what, typed, hint ? ": " : "", hint ? hint : "");
	}
	if (index != NULL)
		*index = i;
	return 0;
}
