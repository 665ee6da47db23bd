/*
 * layout.c - the pure layout helpers of the full-screen front end (see
 * layout.h).  No curses here: widths come from the core's text.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/layout.h"
#include "whose/figures.h"
#include "whose/text.h"

bool tui_layout_too_small(int cols, int lines)
{
	return cols < TUI_MIN_COLS || lines < TUI_MIN_LINES;
}

/* ---- text ------------------------------------------------------------- */

/* ASCII spellings of the characters a bank most often holds. */
static const struct {
	uint32_t cp;
	const char *ascii;
} tui_text_folds[] = {
	{ 0x00A0, " " },  { 0x00AB, "\"" }, { 0x00BB, "\"" }, { 0x00B7, "." },
	{ 0x00C0, "A" },  { 0x00C1, "A" },  { 0x00C2, "A" },  { 0x00C4, "A" },
	{ 0x00C7, "C" },  { 0x00C8, "E" },  { 0x00C9, "E" },  { 0x00CA, "E" },
	{ 0x00D6, "O" },  { 0x00DC, "U" },  { 0x00DF, "ss" }, { 0x00E0, "a" },
	{ 0x00E1, "a" },  { 0x00E2, "a" },  { 0x00E4, "a" },  { 0x00E7, "c" },
	{ 0x00E8, "e" },  { 0x00E9, "e" },  { 0x00EA, "e" },  { 0x00EB, "e" },
	{ 0x00EE, "i" },  { 0x00EF, "i" },  { 0x00F1, "n" },  { 0x00F3, "o" },
	{ 0x00F4, "o" },  { 0x00F6, "o" },  { 0x00F9, "u" },  { 0x00FA, "u" },
	{ 0x00FB, "u" },  { 0x00FC, "u" },  { 0x2010, "-" },  { 0x2011, "-" },
	{ 0x2013, "-" },  { 0x2014, "-" },  { 0x2018, "'" },  { 0x2019, "'" },
	{ 0x201C, "\"" }, { 0x201D, "\"" }, { 0x2022, "*" },  { 0x2026, "..." },
	{ 0x2192, "->" }, { 0x2190, "<-" }, { 0x2264, "<=" }, { 0x2265, ">=" },
	{ 0x2713, "+" },  { 0x2714, "+" },  { 0x2717, "x" },  { 0x2718, "x" },
};

static const char *tui_text_fold(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(tui_text_folds) / sizeof(tui_text_folds[0]); i++)
		if (tui_text_folds[i].cp == cp)
			return tui_text_folds[i].ascii;
	return NULL;
}

char *tui_text_clean(const char *s, bool ascii)
{
	char *clean = text_vis(s != NULL ? s : "", TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
	char *out;
	size_t len, i = 0, o = 0;

	if (clean == NULL || !ascii)
		return clean;
	/* Folding never grows a character: the longest spelling ("...") is as
	 * long as the shortest UTF-8 sequence it replaces (3 bytes). */
	len = strlen(clean);
	out = malloc(len + 1);
	if (out == NULL) {
		free(clean);
		return NULL;
	}
	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_next(clean + i, len - i, &cp);
		const char *f;

		if (n == 0)
			break;
		if (cp < 0x80) {
			out[o++] = (char)cp;
		} else if ((f = tui_text_fold(cp)) != NULL && strlen(f) <= n) {
			memcpy(out + o, f, strlen(f));
			o += strlen(f);
		} else if (text_cp_width(cp) > 0) {
			out[o++] = '?';
		}
		i += n;
	}
	out[o] = '\0';
	free(clean);
	return out;
}

/* The longest prefix of S of at most MAX bytes that ends at a character. */
static size_t tui_text_bytes(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

size_t tui_text_fit(const char *s, size_t cols, bool ascii, char *buf,
		    size_t len)
{
	const char *ell = ascii ? "..." : "\xe2\x80\xa6";   /* U+2026 */
	size_t ellw = ascii ? 3 : 1, n;

	if (len == 0)
		return 0;
	if (text_width(s) <= cols) {
		n = strlen(s);
		ell = "";
	} else if (cols < ellw) {
		n = text_prefix_for_cols(s, cols);
		ell = "";
	} else {
		n = text_prefix_for_cols(s, cols - ellw);
	}
	if (n + strlen(ell) >= len) {
		/* BUF is smaller than the room: cut to what it holds. */
		if (strlen(ell) >= len - 1)
			ell = "";
		n = tui_text_bytes(s, len - 1 - strlen(ell) < n ? len - 1 - strlen(ell) : n);
	}
	memcpy(buf, s, n);
	strcpy(buf + n, ell);
	return text_width(buf);
}

size_t tui_text_fit_middle(const char *s, size_t cols, bool ascii, char *buf,
			   size_t len)
{
	const char *ell = ascii ? "..." : "\xe2\x80\xa6";   /* U+2026 */
	size_t ellw = ascii ? 3 : 1, w = text_width(s), head, tail, hn, tn;
	const char *t;

	if (w <= cols || cols < ellw + 2 || len < 8)
		return tui_text_fit(s, cols, ascii, buf, len);
	/* the start (scheme and host) and the end (the page) both show */
	head = (cols - ellw) / 2;
	tail = cols - ellw - head;
	hn = text_prefix_for_cols(s, head);
	t = s + text_prefix_for_cols(s, w - tail);
	while (*t != '\0' && text_width(t) > tail) {
		size_t k = text_utf8_seq_len((unsigned char)*t);

		t += k > 0 && k <= strlen(t) ? k : 1;
	}
	tn = strlen(t);
	if (hn + strlen(ell) + tn >= len)
		return tui_text_fit(s, cols, ascii, buf, len);
	memcpy(buf, s, hn);
	memcpy(buf + hn, ell, strlen(ell));
	memcpy(buf + hn + strlen(ell), t, tn + 1);
	return text_width(buf);
}

/* ---- documents -------------------------------------------------------- */

void tui_doc_init(struct tui_doc *d, size_t width, bool ascii)
{
	memset(d, 0, sizeof(*d));
	d->width = width > 0 ? width : 1;
	d->ascii = ascii;
}

void tui_doc_free(struct tui_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->line[i].text);
	free(d->line);
	d->line = NULL;
	d->n = d->cap = 0;
}

static struct tui_doc_line *tui_doc_push(struct tui_doc *d)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct tui_doc_line *grown = realloc(d->line, cap * sizeof(*grown));

		if (grown == NULL) {
			d->oom = true;
			return NULL;
		}
		d->line = grown;
		d->cap = cap;
	}
	memset(&d->line[d->n], 0, sizeof(d->line[d->n]));
	d->line[d->n].tag = -1;
	return &d->line[d->n++];
}

/* What text_wrap's callback needs to add one wrapped line. */
struct tui_doc_wrap {
	struct tui_doc *d;
	const char *prefix;       /* of the first line, then NULL */
	size_t prefix_w;
	enum tui_style pstyle, style;
	int tag;
};

static void tui_doc_emit(const char *s, size_t n, void *ctx)
{
	struct tui_doc_wrap *w = ctx;
	struct tui_doc_line *l = tui_doc_push(w->d);

	if (l == NULL)
		return;
	l->text = malloc(n + 1);
	if (l->text == NULL) {
		w->d->oom = true;
		w->d->n--;
		return;
	}
	memcpy(l->text, s, n);
	l->text[n] = '\0';
	if (w->prefix != NULL) {
		snprintf(l->prefix, sizeof(l->prefix), "%s", w->prefix);
		w->prefix = NULL;
	} else {
		size_t k = w->prefix_w < sizeof(l->prefix) - 1 ? w->prefix_w : sizeof(l->prefix) - 1;

		memset(l->prefix, ' ', k);
		l->prefix[k] = '\0';
	}
	l->pstyle = w->pstyle;
	l->style = w->style;
	l->tag = w->tag;
}

void tui_doc_add(struct tui_doc *d, const char *prefix, enum tui_style pstyle,
		 const char *text, enum tui_style style, int tag)
{
	char *p = tui_text_clean(prefix != NULL ? prefix : "", d->ascii);
	char *t = tui_text_clean(text != NULL ? text : "", d->ascii);
	struct tui_doc_wrap w;
	size_t pw, room;

	if (p == NULL || t == NULL) {
		d->oom = true;
		free(p);
		free(t);
		return;
	}
	/* A prefix as wide as the line would leave no room for the text:
	 * cut it to half the width. */
	if (strlen(p) >= sizeof(d->line[0].prefix) || text_width(p) > d->width / 2)
		p[text_prefix_for_cols(p, d->width / 2 < sizeof(d->line[0].prefix) - 1
				       ? d->width / 2 : sizeof(d->line[0].prefix) - 1)] = '\0';
	pw = text_width(p);
	room = d->width > pw ? d->width - pw : 1;
	w.d = d;
	w.prefix = p;
	w.prefix_w = pw;
	w.pstyle = pstyle;
	w.style = style;
	w.tag = tag;
	text_wrap(t, room, tui_doc_emit, &w);
	free(p);
	free(t);
}

void tui_doc_blank(struct tui_doc *d)
{
	tui_doc_add(d, NULL, TUI_S_NORMAL, "", TUI_S_NORMAL, -1);
}

bool tui_doc_find(const struct tui_doc *d, int tag, size_t *first, size_t *last)
{
	bool found = false;

	for (size_t i = 0; i < d->n; i++) {
		if (d->line[i].tag != tag)
			continue;
		if (!found)
			*first = i;
		*last = i;
		found = true;
	}
	return found;
}

/* ---- scrolling -------------------------------------------------------- */

size_t tui_layout_scroll_clamp(size_t top, size_t content, size_t view)
{
	if (content <= view)
		return 0;
	return top > content - view ? content - view : top;
}

size_t tui_layout_scroll_show(size_t top, size_t first, size_t last,
			      size_t view)
{
	if (view == 0)
		return first;
	if (last < first)
		last = first;
	if (last >= top + view)
		top = last - view + 1;
	if (first < top)
		top = first;
	return top;
}

/* ---- bars ------------------------------------------------------------- */

void tui_layout_bar(double frac, size_t width, bool eighths, size_t *full,
		    unsigned *part)
{
	double cells;

	if (!(frac > 0.0))     /* also NaN */
		frac = 0.0;
	if (frac > 1.0)
		frac = 1.0;
	if (eighths) {
		size_t e = (size_t)floor(frac * (double)width * 8.0 + 0.5);

		*full = e / 8;
		*part = (unsigned)(e % 8);
	} else {
		cells = floor(frac * (double)width + 0.5);
		*full = (size_t)cells;
		*part = 0;
	}
	if (*full >= width) {
		*full = width;
		*part = 0;
	}
}

size_t tui_layout_scale(size_t v, size_t max, size_t width)
{
	if (v == 0 || max == 0 || width == 0)
		return 0;
	if (v >= max)
		return width;
	/* v < max here, so v * width < max * width: no overflow for any
	 * chart that fits a terminal. */
	return (v * width + max - 1) / max;
}

/* ---- the calendar heatmap --------------------------------------------- */

unsigned tui_layout_heat_level(size_t count, size_t max)
{
	if (count == 0 || max == 0)
		return 0;
	if (count >= max)
		return TUI_HEAT_LEVELS - 1;
	/* ceil(4 * count / max): 1..4 for 0 < count < max. */
	return (unsigned)(((TUI_HEAT_LEVELS - 1) * count + max - 1) / max);
}

bool tui_layout_heat_range(unsigned level, size_t max, size_t *lo, size_t *hi)
{
	const size_t q = TUI_HEAT_LEVELS - 1;

	*lo = *hi = 0;
	if (level == 0 || level >= TUI_HEAT_LEVELS || max == 0)
		return false;
	/* The inverse of tui_layout_heat_level: ceil(q c / max) = L exactly
	 * when (L - 1) max / q < c <= L max / q. */
	*lo = (level - 1) * max / q + 1;
	*hi = level * max / q;
	return *lo <= *hi;
}

const char *tui_layout_heat_glyph(unsigned level, bool ascii)
{
	static const char *const utf8[TUI_HEAT_LEVELS] = {
		" ", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x96\x88",
	};   /* space, U+2591 light, U+2592 medium, U+2593 dark shade, U+2588 */
	static const char *const plain[TUI_HEAT_LEVELS] = { " ", ".", ":", "*", "#" };

	if (level >= TUI_HEAT_LEVELS)
		level = TUI_HEAT_LEVELS - 1;
	return ascii ? plain[level] : utf8[level];
}

/* The weekday (0 Monday) of the first of NDAYS days ending on TODAY_WDAY. */
static unsigned tui_layout_heat_first(size_t ndays, unsigned today_wday)
{
	size_t back = ndays > 0 ? (ndays - 1) % 7 : 0;

	return (unsigned)((today_wday % 7 + 7 - back) % 7);
}

size_t tui_layout_heat_rows(size_t ndays, unsigned today_wday)
{
	if (ndays == 0)
		return 0;
	return (tui_layout_heat_first(ndays, today_wday) + ndays + 6) / 7;
}

void tui_layout_heat_cell(size_t day, size_t ndays, unsigned today_wday,
			  size_t *row, unsigned *col)
{
	size_t k = tui_layout_heat_first(ndays, today_wday) + day;

	*row = k / 7;
	*col = (unsigned)(k % 7);
}

/* ---- the scoreboard ------------------------------------------------- */

/* Columns the board needs with a name NAME_W wide and the columns B shows
 * (the bar at its smallest). */
static size_t tui_board_need(size_t name_w, const struct tui_board *b)
{
	size_t need = name_w + TUI_BOARD_GAP + TUI_BOARD_SEEN_W + TUI_BOARD_GAP +
		      TUI_BOARD_BAR_MIN + TUI_BOARD_MPCT_W;

	if (b->show_all)
		need += TUI_BOARD_GAP + TUI_BOARD_PCT_W;
	if (b->show_recent)
		need += TUI_BOARD_GAP + TUI_BOARD_PCT_W;
	if (b->show_due)
		need += TUI_BOARD_GAP + TUI_BOARD_DUE_W;
	return need;
}

/* NAME_W shortened by what the board lacks, but not below FLOOR. */
static size_t tui_board_shrink(size_t name_w, size_t floor_w, size_t need,
			       size_t avail)
{
	size_t over = need > avail ? need - avail : 0;

	if (name_w <= floor_w)
		return name_w;
	return name_w > floor_w + over ? name_w - over : floor_w;
}

void tui_layout_board(size_t cols, size_t name_max, struct tui_board *b)
{
	/* One column is kept free on the right. */
	size_t avail = cols > TUI_BOARD_MARGIN + 1 ? cols - TUI_BOARD_MARGIN - 1 : 0;
	size_t name_w = name_max < 5 ? 5 : name_max;   /* "Topic" */
	size_t opt_w = TUI_BOARD_GAP + TUI_BOARD_PCT_W;
	size_t due_w = TUI_BOARD_GAP + TUI_BOARD_DUE_W;
	size_t x;

	memset(b, 0, sizeof(*b));
	if (name_w > TUI_BOARD_NAME_MAX)
		name_w = TUI_BOARD_NAME_MAX;
	b->show_all = b->show_recent = b->show_due = true;
	/* Give up room in this order: long names down to 16 columns, Due,
	 * Last 20, names down to the minimum, All time, names down to 5. */
	name_w = tui_board_shrink(name_w, 16, tui_board_need(name_w, b), avail);
	if (tui_board_need(name_w, b) > avail)
		b->show_due = false;
	if (tui_board_need(name_w, b) > avail)
		b->show_recent = false;
	name_w = tui_board_shrink(name_w, TUI_BOARD_NAME_MIN, tui_board_need(name_w, b), avail);
	if (tui_board_need(name_w, b) > avail)
		b->show_all = false;
	name_w = tui_board_shrink(name_w, 5, tui_board_need(name_w, b), avail);
	x = TUI_BOARD_MARGIN;
	b->name_x = x;
	b->name_w = name_w;
	x += name_w + TUI_BOARD_GAP;
	b->seen_x = x;
	x += TUI_BOARD_SEEN_W;
	if (b->show_all) {
		b->all_x = x + TUI_BOARD_GAP;
		x += opt_w;
	}
	if (b->show_recent) {
		b->recent_x = x + TUI_BOARD_GAP;
		x += opt_w;
	}
	if (b->show_due) {
		b->due_x = x + TUI_BOARD_GAP;
		x += due_w;
	}
	x += TUI_BOARD_GAP;
	b->bar_x = x;
	{
		size_t end = TUI_BOARD_MARGIN + avail;
		size_t room = end > x + TUI_BOARD_MPCT_W ? end - x - TUI_BOARD_MPCT_W : 0;

		b->bar_w = room > TUI_BOARD_BAR_MAX ? TUI_BOARD_BAR_MAX : room;
	}
	b->mpct_x = b->bar_x + b->bar_w;
	b->end = b->mpct_x + TUI_BOARD_MPCT_W;
}

size_t tui_layout_columns(size_t cols, size_t name_max, size_t name_min,
			  const size_t *w, size_t n, size_t *name_w)
{
	size_t avail = cols > TUI_BOARD_MARGIN + 1 ? cols - TUI_BOARD_MARGIN - 1 : 0;
	size_t used = 0, shown = 0;

	if (name_min > name_max)
		name_min = name_max;
	for (size_t i = 0; i < n; i++) {
		if (name_min + used + TUI_BOARD_GAP + w[i] > avail)
			break;
		used += TUI_BOARD_GAP + w[i];
		shown++;
	}
	*name_w = avail > used ? avail - used : 0;
	if (*name_w > name_max)
		*name_w = name_max;
	return shown;
}

/* ---- numbers ---------------------------------------------------------- */

void tui_layout_percent(size_t num, size_t den, char *buf, size_t len)
{
	/* Computed and formatted by the figures module, as everywhere. */
	figures_format_percent(figures_percent(num, den), buf, len);
}

void tui_layout_elapsed(int64_t ms, char *buf, size_t len)
{
	figures_format_clock(ms, FIGURES_CLOCK_SPENT, buf, len);
}

size_t tui_layout_center(size_t cols, size_t w)
{
	return w >= cols ? 0 : (cols - w) / 2;
}
