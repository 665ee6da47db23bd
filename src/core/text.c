/*
 * text.c - UTF-8 validation, column widths, cutting and wrapping.
 *
 * Widths come from a small table of our own rather than wcwidth(3), so that
 * the core gives the same answer whatever the locale (tests run in "C").
 * The table covers combining marks (width 0) and the East Asian wide and
 * emoji blocks (width 2); everything else printable is width 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whose/text.h"

bool text_utf8_valid(const char *s, size_t len, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4; cp = c & 0x07; min = 0x10000;
		} else {
			goto bad;
		}
		if (i + n > len)
			goto bad;
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n;
	}
	return true;
bad:
	if (bad_at != NULL)
		*bad_at = i;
	return false;
}

size_t text_utf8_seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 0;
}

size_t text_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	uint32_t v;

	if (len == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		n = 2; v = p[0] & 0x1F;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 3; v = p[0] & 0x0F;
	} else {
		n = 4; v = p[0] & 0x07;
	}
	if (n > len) {
		/* Not valid UTF-8: callers promise it is, but never read past LEN. */
		*cp = 0xFFFD;
		return len;
	}
	for (size_t k = 1; k < n; k++)
		v = (v << 6) | (p[k] & 0x3F);
	*cp = v;
	return n;
}

/* Whether each of the eight bytes in X is printable ASCII (0x20..0x7E).
 * The tests are the exact "some byte is less than" and "some byte is zero"
 * word tricks, so no such byte slips through. */
static bool text_plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t del = x ^ (0x7F * ones);

	return ((x & highs) | ((x - 0x20 * ones) & ~x & highs) |
		((del - ones) & ~del & highs)) == 0;
}

int text_scan(const char *s, size_t len, const char *allow, size_t *at,
	      uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t v;

		if (len - i >= 8) {
			uint64_t x;

			memcpy(&x, p + i, 8);
			if (text_plain8(x)) {
				i += 8;
				continue;
			}
		}

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c < 0x80) {
			/* A C0 control or DEL. */
			if (c == 0 || c == 0x7F || allow == NULL || strchr(allow, c) == NULL) {
				*at = i;
				*cp = c;
				return 2;
			}
			i++;
			continue;
		}
		n = text_utf8_seq_len(c);
		if (n == 0 || i + n > len || !text_utf8_valid(s + i, n, NULL)) {
			*at = i;
			return 1;
		}
		n = text_utf8_next(s + i, len - i, &v);
		if (v >= 0x80 && v <= 0x9F) {
			*at = i;
			*cp = v;
			return 2;
		}
		i += n;
	}
	return 0;
}

long text_find_control(const char *s, size_t len, const char *allow)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_next(s + i, len - i, &cp);

		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
			if (!(cp < 0x80 && cp != 0 && allow != NULL &&
			      strchr(allow, (int)cp) != NULL))
				return (long)i;
		}
		i += n;
	}
	return -1;
}

struct text_range {
	uint32_t lo, hi;
};

/* Zero-width: combining marks, zero-width spaces and joiners, variation
 * selectors. */
static const struct text_range text_zero[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	{0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
	{0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064},
	{0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
	{0xE0100, 0xE01EF},
};

/* Double-width: East Asian wide and fullwidth, and emoji blocks. */
static const struct text_range text_wide[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
	{0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19},
	{0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F004, 0x1F004},
	{0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
	{0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
	{0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool text_in(const struct text_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (text_in(text_zero, sizeof(text_zero) / sizeof(text_zero[0]), cp))
		return 0;
	if (text_in(text_wide, sizeof(text_wide) / sizeof(text_wide[0]), cp))
		return 2;
	return 1;
}

size_t text_width(const char *s)
{
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len) {
		uint32_t cp;

		i += text_utf8_next(s + i, len - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

size_t text_prefix_for_cols(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_next(s + i, len - i, &cp);
		int cw = text_cp_width(cp);

		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		i += n;
	}
	return i;
}

/*
 * Wrap one paragraph (no newlines) of N bytes.  A line is filled word by
 * word; the space at which a line breaks is dropped.
 */
static size_t text_wrap_para(const char *s, size_t n, size_t width,
			     void (*emit)(const char *, size_t, void *),
			     void *ctx)
{
	size_t lines = 0, start = 0;

	if (n == 0) {
		emit(s, 0, ctx);
		return 1;
	}
	while (start < n) {
		size_t i = start, w = 0, last_space = (size_t)-1;

		/* Advance while the text fits. */
		while (i < n) {
			uint32_t cp;
			size_t k = text_utf8_next(s + i, n - i, &cp);
			int cw = text_cp_width(cp);

			if (cp == ' ')
				last_space = i;
			if (w + (size_t)cw > width)
				break;
			w += (size_t)cw;
			i += k;
		}
		if (i >= n) {
			emit(s + start, n - start, ctx);
			lines++;
			break;
		}
		if (s[i] == ' ') {
			/* Broke exactly at a space: drop it. */
			emit(s + start, i - start, ctx);
			lines++;
			start = i + 1;
		} else if (last_space != (size_t)-1 && last_space > start) {
			emit(s + start, last_space - start, ctx);
			lines++;
			start = last_space + 1;
		} else {
			/* One word longer than the line: cut it (at least one
			 * character, so that we always make progress). */
			if (i == start) {
				uint32_t cp;
				i += text_utf8_next(s + i, n - i, &cp);
			}
			emit(s + start, i - start, ctx);
			lines++;
			start = i;
		}
	}
	return lines;
}

size_t text_wrap(const char *s, size_t width,
		 void (*emit)(const char *line, size_t n, void *ctx), void *ctx)
{
	size_t lines = 0;

	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl != NULL ? (size_t)(nl - s) : strlen(s);

		lines += text_wrap_para(s, n, width, emit, ctx);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return lines;
}

bool text_cp_is_format(uint32_t cp)
{
	return cp == 0xAD || cp == 0x61C || cp == 0x180E ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) ||
	       cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xE0001 ||
	       (cp >= 0xE0020 && cp <= 0xE007F);
}

long text_find_unsafe(const char *s, size_t len, uint32_t *cp)
{
	size_t i = 0;

	while (i < len) {
		uint32_t c;
		size_t n = text_utf8_next(s + i, len - i, &c);

		if (n == 0)
			break;
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
		    text_cp_is_format(c)) {
			if (cp != NULL)
				*cp = c;
			return (long)i;
		}
		i += n;
	}
	return -1;
}

size_t text_vis_emit(const char *s, size_t len, unsigned flags,
		     void (*emit)(const char *piece, size_t n, void *ctx),
		     void *ctx)
{
	size_t i = 0, run = 0, total = 0;

	while (i < len) {
		size_t n = text_utf8_seq_len((unsigned char)s[i]);
		uint32_t cp = 0;
		char esc[16];
		int elen = -1;

		if (n == 0 || n > len - i || !text_utf8_valid(s + i, n, NULL)) {
			elen = snprintf(esc, sizeof(esc), "\\x%02x", (unsigned char)s[i]);
			n = 1;
		} else {
			text_utf8_next(s + i, n, &cp);
			if (cp == '\n' && (flags & TEXT_VIS_NL))
				elen = -1;
			else if (cp == '\t' && (flags & TEXT_VIS_TAB_SPACE))
				elen = snprintf(esc, sizeof(esc), " ");
			else if (cp == '\t' && (flags & TEXT_VIS_TAB))
				elen = -1;
			else if (cp < 0x20)
				elen = snprintf(esc, sizeof(esc), "^%c", (char)(cp + 0x40));
			else if (cp == 0x7F)
				elen = snprintf(esc, sizeof(esc), "^?");
			else if ((cp >= 0x80 && cp <= 0x9F) || text_cp_is_format(cp) ||
				 (cp >= 0x80 && (flags & TEXT_VIS_ASCII)))
				elen = snprintf(esc, sizeof(esc), "\\u{%x}", (unsigned)cp);
		}
		if (elen < 0) {
			run += n;
			i += n;
			continue;
		}
		/* Flush the printable run before the escape. */
		if (run > 0 && emit != NULL)
			emit(s + i - run, run, ctx);
		total += run;
		run = 0;
		if (emit != NULL)
			emit(esc, (size_t)elen, ctx);
		total += (size_t)elen;
		i += n;
	}
	if (run > 0 && emit != NULL)
		emit(s + i - run, run, ctx);
	return total + run;
}

struct text_vis_out {
	char *buf;
	size_t len, used;
	bool full;
};

static void text_vis_put(const char *piece, size_t n, void *ctx)
{
	struct text_vis_out *o = ctx;

	if (o->full)
		return;
	if (n >= o->len - o->used) {
		/* Cut between pieces: never inside an escape; a printable run
		 * is cut at a character boundary. */
		size_t room = o->len - o->used - 1, k = 0;

		while (k < n && k < room) {
			size_t m = text_utf8_seq_len((unsigned char)piece[k]);

			if (m == 0 || k + m > room || piece[0] == '^' ||
			    piece[0] == '\\')
				break;
			k += m;
		}
		memcpy(o->buf + o->used, piece, k);
		o->used += k;
		o->full = true;
		return;
	}
	memcpy(o->buf + o->used, piece, n);
	o->used += n;
}

char *text_vis(const char *s, unsigned flags)
{
	struct text_vis_out o = { 0 };

	if (s == NULL)
		s = "";
	o.len = text_vis_emit(s, strlen(s), flags, NULL, NULL) + 1;
	o.buf = malloc(o.len);
	if (o.buf == NULL)
		return NULL;
	text_vis_emit(s, strlen(s), flags, text_vis_put, &o);
	o.buf[o.used] = '\0';
	return o.buf;
}

char *text_vis_buf(const char *s, unsigned flags, char *buf, size_t len)
{
	struct text_vis_out o = { buf, len, 0, false };

	if (s == NULL)
		s = "";
	text_vis_emit(s, strlen(s), flags, text_vis_put, &o);
	buf[o.used] = '\0';
	return buf;
}
