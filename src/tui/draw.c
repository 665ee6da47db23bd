/*
 * draw.c - drawing on the curses screen: styles, clean text cut by
 * columns, the header and footer, bars, scrolling bodies, the help overlay
 * and the "window too small" notice.
 *
 * Every string drawn here is made clean first, whoever built it
 * (tui_text_clean: text_vis, then ASCII only when the locale is not UTF-8) and is cut by display columns
 * with text.h before curses sees it.  Colours are used only when the
 * terminal has them and NO_COLOR is not set; without them every style
 * still differs by an attribute (bold, underline, reverse), and right and
 * wrong are also told apart by a symbol, never by colour alone.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "whose/text.h"

enum {
	TUI_PAIR_GREEN = 1,
	TUI_PAIR_RED,
	TUI_PAIR_CYAN,
	TUI_PAIR_YELLOW,
	TUI_PAIR_HEADER,
};

static attr_t tui_draw_attrs[TUI_NSTYLES];

void tui_draw_init(struct tui *t)
{
	if (t->colour) {
		short bg = COLOR_BLACK;

		if (use_default_colors() == OK)
			bg = -1;
		init_pair(TUI_PAIR_GREEN, COLOR_GREEN, bg);
		init_pair(TUI_PAIR_RED, COLOR_RED, bg);
		init_pair(TUI_PAIR_CYAN, COLOR_CYAN, bg);
		init_pair(TUI_PAIR_YELLOW, COLOR_YELLOW, bg);
		init_pair(TUI_PAIR_HEADER, COLOR_BLACK, COLOR_CYAN);
		tui_draw_attrs[TUI_S_TITLE] = A_BOLD | COLOR_PAIR(TUI_PAIR_CYAN);
		tui_draw_attrs[TUI_S_HEADER] = COLOR_PAIR(TUI_PAIR_HEADER);
		tui_draw_attrs[TUI_S_RIGHT] = A_BOLD | COLOR_PAIR(TUI_PAIR_GREEN);
		tui_draw_attrs[TUI_S_WRONG] = A_BOLD | COLOR_PAIR(TUI_PAIR_RED);
		tui_draw_attrs[TUI_S_ANSWER] = A_BOLD | COLOR_PAIR(TUI_PAIR_GREEN);
		tui_draw_attrs[TUI_S_KEY] = A_BOLD | COLOR_PAIR(TUI_PAIR_CYAN);
		tui_draw_attrs[TUI_S_BAR] = COLOR_PAIR(TUI_PAIR_GREEN);
		tui_draw_attrs[TUI_S_NOTICE] = A_BOLD | COLOR_PAIR(TUI_PAIR_YELLOW);
	} else {
		tui_draw_attrs[TUI_S_TITLE] = A_BOLD | A_UNDERLINE;
		tui_draw_attrs[TUI_S_HEADER] = A_REVERSE;
		tui_draw_attrs[TUI_S_RIGHT] = A_BOLD;
		tui_draw_attrs[TUI_S_WRONG] = A_BOLD;
		tui_draw_attrs[TUI_S_ANSWER] = A_BOLD | A_UNDERLINE;
		tui_draw_attrs[TUI_S_KEY] = A_BOLD;
		tui_draw_attrs[TUI_S_BAR] = A_NORMAL;
		tui_draw_attrs[TUI_S_NOTICE] = A_BOLD;
	}
	tui_draw_attrs[TUI_S_NORMAL] = A_NORMAL;
	tui_draw_attrs[TUI_S_DIM] = A_DIM;
	tui_draw_attrs[TUI_S_BOLD] = A_BOLD;
	tui_draw_attrs[TUI_S_CURSOR] = A_REVERSE;
}

const char *tui_draw_sym(const struct tui *t, enum tui_sym s)
{
	static const char *const utf8[TUI_NSYMS] = {
		"\xe2\x9c\x94",   /* ✔ U+2714 */
		"\xe2\x9c\x98",   /* ✘ U+2718 */
		"\xe2\x96\xb8",   /* ▸ U+25B8 */
		"\xe2\x96\xb2",   /* ▲ U+25B2 */
		"\xe2\x96\xbc",   /* ▼ U+25BC */
		"\xc2\xb7",       /* · U+00B7 */
	};
	static const char *const ascii[TUI_NSYMS] = { "+", "x", ">", "^", "v", "-" };

	return t->utf8 ? utf8[s] : ascii[s];
}

size_t tui_draw_text(struct tui *t, int y, int x, const char *s, size_t maxcols,
		     enum tui_style style)
{
	char *clean;
	size_t n, w;

	if (y < 0 || y >= t->lines || x < 0 || x >= t->cols)
		return 0;
	if (maxcols > (size_t)(t->cols - x))
		maxcols = (size_t)(t->cols - x);
	/* Whatever the caller built S from, curses sees only its clean form
	 * (text_vis is idempotent: text cleaned before passes unchanged). */
	clean = tui_text_clean(s, !t->utf8);
	if (clean == NULL)
		return 0;
	for (char *p = clean; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	n = text_prefix_for_cols(clean, maxcols);
	attrset(tui_draw_attrs[style]);
	mvaddnstr(y, x, clean, (int)n);
	attrset(A_NORMAL);
	w = text_width(clean);
	free(clean);
	return w <= maxcols ? w : maxcols;
}

size_t tui_draw_raw(struct tui *t, int y, int x, const char *s, size_t maxcols,
		    enum tui_style style)
{
	char buf[1024];
	char *clean = tui_text_clean(s, !t->utf8);
	size_t w;

	if (clean == NULL)
		return 0;
	tui_text_fit(clean, maxcols, !t->utf8, buf, sizeof(buf));
	free(clean);
	w = tui_draw_text(t, y, x, buf, maxcols, style);
	return w;
}

void tui_draw_right(struct tui *t, int y, size_t end, const char *s,
		    enum tui_style style)
{
	char *clean = tui_text_clean(s, !t->utf8);
	size_t w = clean != NULL ? text_width(clean) : 0;

	if (clean != NULL && w <= end)
		tui_draw_text(t, y, (int)(end - w), clean, w, style);
	free(clean);
}

void tui_draw_fill(struct tui *t, int y, enum tui_style style)
{
	if (y < 0 || y >= t->lines)
		return;
	attrset(tui_draw_attrs[style]);
	mvhline(y, 0, ' ', t->cols);
	attrset(A_NORMAL);
}

/*
 * Box drawing: characters from UTF-8 when the locale is UTF-8 (the
 * alternate character set is not honoured by every terminal in UTF-8
 * mode), curses' ACS otherwise.
 */
enum tui_draw_box {
	TUI_BOX_H, TUI_BOX_V, TUI_BOX_UL, TUI_BOX_UR, TUI_BOX_LL, TUI_BOX_LR,
};

static void tui_draw_box_char(struct tui *t, int y, int x, enum tui_draw_box c)
{
	static const char *const utf8[] = {
		"\xe2\x94\x80", "\xe2\x94\x82", "\xe2\x94\x8c",
		"\xe2\x94\x90", "\xe2\x94\x94", "\xe2\x94\x98",
	};

	if (y < 0 || y >= t->lines || x < 0 || x >= t->cols)
		return;
	if (t->utf8) {
		mvaddstr(y, x, utf8[c]);
		return;
	}
	switch (c) {
	case TUI_BOX_H: mvaddch(y, x, ACS_HLINE); break;
	case TUI_BOX_V: mvaddch(y, x, ACS_VLINE); break;
	case TUI_BOX_UL: mvaddch(y, x, ACS_ULCORNER); break;
	case TUI_BOX_UR: mvaddch(y, x, ACS_URCORNER); break;
	case TUI_BOX_LL: mvaddch(y, x, ACS_LLCORNER); break;
	case TUI_BOX_LR: mvaddch(y, x, ACS_LRCORNER); break;
	}
}

/* A frame around the H x W rectangle at Y0, X0 in STYLE. */
static void tui_draw_frame(struct tui *t, int y0, int x0, int h, int w, enum tui_style style)
{
	attrset(tui_draw_attrs[style]);
	for (int x = x0 + 1; x < x0 + w - 1; x++) {
		tui_draw_box_char(t, y0, x, TUI_BOX_H);
		tui_draw_box_char(t, y0 + h - 1, x, TUI_BOX_H);
	}
	for (int y = y0 + 1; y < y0 + h - 1; y++) {
		tui_draw_box_char(t, y, x0, TUI_BOX_V);
		tui_draw_box_char(t, y, x0 + w - 1, TUI_BOX_V);
	}
	tui_draw_box_char(t, y0, x0, TUI_BOX_UL);
	tui_draw_box_char(t, y0, x0 + w - 1, TUI_BOX_UR);
	tui_draw_box_char(t, y0 + h - 1, x0, TUI_BOX_LL);
	tui_draw_box_char(t, y0 + h - 1, x0 + w - 1, TUI_BOX_LR);
	attrset(A_NORMAL);
}

void tui_draw_header(struct tui *t, const char *left, const char *right)
{
	size_t rw = right != NULL ? text_width(right) : 0;
	size_t room = (size_t)t->cols > rw + 3 ? (size_t)t->cols - rw - 3 : 0;

	tui_draw_fill(t, 0, TUI_S_HEADER);
	tui_draw_raw(t, 0, 1, left, room, TUI_S_HEADER);
	if (right != NULL && rw + 2 <= (size_t)t->cols)
		tui_draw_right(t, 0, (size_t)t->cols - 1, right, TUI_S_HEADER);
}

void tui_draw_footer(struct tui *t, unsigned ctx, size_t count)
{
	struct tui_footer_item item[24];
	size_t n = tui_keymap_footer(ctx, count, (size_t)t->cols, item, 24);
	int y = t->lines - 1;

	tui_draw_fill(t, y, TUI_S_NORMAL);
	for (size_t i = 0; i < n; i++) {
		size_t w = tui_draw_text(t, y, (int)item[i].x, item[i].name, 24, TUI_S_KEY);

		tui_draw_text(t, y, (int)(item[i].x + w + 1), item[i].brief, 40, TUI_S_NORMAL);
	}
}

bool tui_draw_notice(struct tui *t, int y)
{
	if (t->notice[0] == '\0')
		return false;
	tui_draw_fill(t, y, TUI_S_NORMAL);
	tui_draw_text(t, y, 1, t->notice, (size_t)t->cols - 2, t->notice_style);
	return true;
}

void tui_draw_bar(struct tui *t, int y, int x, size_t w, double frac)
{
	/* U+2589..U+258F: seven eighths down to one eighth of a cell. */
	static const char *const eighth[8] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
		"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89",
	};
	size_t full;
	unsigned part;
	int cx = x;

	if (w == 0)
		return;
	tui_layout_bar(frac, w, t->utf8, &full, &part);
	for (size_t i = 0; i < full; i++)
		cx += (int)tui_draw_text(t, y, cx, t->utf8 ? "\xe2\x96\x88" : "#", 1, TUI_S_BAR);
	if (part > 0)
		cx += (int)tui_draw_text(t, y, cx, eighth[part], 1, TUI_S_BAR);
	while ((size_t)(cx - x) < w)
		cx += (int)tui_draw_text(t, y, cx, t->utf8 ? "\xc2\xb7" : ".", 1, TUI_S_DIM);
}

void tui_draw_doc(struct tui *t, const struct tui_doc *d, int y, int x, int h,
		  size_t top)
{
	for (int i = 0; i < h && top + (size_t)i < d->n; i++) {
		const struct tui_doc_line *l = &d->line[top + (size_t)i];
		size_t room = d->width;
		size_t pw = tui_draw_text(t, y + i, x, l->prefix, room, l->pstyle);

		if (l->style == TUI_S_CURSOR) {
			/* The cursor line is highlighted to the end. */
			attrset(A_REVERSE);
			mvhline(y + i, x + (int)pw, ' ', (int)(room - pw));
			attrset(A_NORMAL);
		}
		tui_draw_text(t, y + i, x + (int)pw, l->text, room - pw, l->style);
	}
	if (top > 0)
		tui_draw_text(t, y, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_UP), 1, TUI_S_KEY);
	if (top + (size_t)h < d->n)
		tui_draw_text(t, y + h - 1, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_DOWN), 1, TUI_S_KEY);
}

void tui_draw_list(struct tui *t, struct tui_list *l, int y, int rows, const char *empty,
		   void (*row)(struct tui *t, int y, size_t i, bool cur, void *ctx), void *ctx)
{
	if (l->n == 0 && empty != NULL)
		tui_draw_text(t, y, 2, empty, (size_t)t->cols - 3, TUI_S_DIM);
	if (rows < 1)
		return;
	tui_list_follow(l, (size_t)rows);
	for (int r = 0; r < rows && l->top + (size_t)r < l->n; r++) {
		size_t i = l->top + (size_t)r;

		row(t, y + r, i, i == l->cursor, ctx);
	}
}

/* Lines of the too-small notice, wrapped to the window. */
struct tui_draw_lines {
	struct tui *t;
	int y;
	char line[8][64];
	size_t n;
};

static void tui_draw_collect(const char *s, size_t n, void *ctx)
{
	struct tui_draw_lines *l = ctx;

	if (l->n >= 8)
		return;
	if (n >= sizeof(l->line[0]))
		n = sizeof(l->line[0]) - 1;
	memcpy(l->line[l->n], s, n);
	l->line[l->n][n] = '\0';
	l->n++;
}

void tui_draw_too_small(struct tui *t)
{
	struct tui_draw_lines l;
	char msg[160];
	int y;

	snprintf(msg, sizeof(msg),
		 "Window too small\n%dx%d: whose needs at least %dx%d.\nMake it larger, or press q to quit.",
		 t->cols, t->lines, TUI_MIN_COLS, TUI_MIN_LINES);
	memset(&l, 0, sizeof(l));
	text_wrap(msg, t->cols > 2 ? (size_t)t->cols - 2 : 1, tui_draw_collect, &l);
	y = t->lines > (int)l.n ? (t->lines - (int)l.n) / 2 : 0;
	for (size_t i = 0; i < l.n; i++) {
		size_t w = text_width(l.line[i]);

		tui_draw_text(t, y + (int)i, (int)tui_layout_center((size_t)t->cols, w), l.line[i],
			      (size_t)t->cols, i == 0 ? TUI_S_NOTICE : TUI_S_NORMAL);
	}
}

void tui_draw_help(struct tui *t, unsigned ctx, size_t count)
{
	struct tui_help_line line[64];
	/* Under 80 columns, the terse form (made to fit 60x20). */
	size_t n = tui_keymap_help(ctx, count, t->cols < TUI_KEYMAP_HELP_WIDE, line, 64);
	size_t namew = 0, whatw = 0;
	int w, h, y0, x0, body;

	for (size_t i = 0; i < n; i++) {
		if (strlen(line[i].name) > namew)
			namew = strlen(line[i].name);
		if (text_width(line[i].what) > whatw)
			whatw = text_width(line[i].what);
	}
	w = (int)(namew + whatw + 7);
	if (w > t->cols - 2)
		w = t->cols - 2;
	/* The whole window when needed: an overlay may cover the header
	 * and the footer (test_keys.c: n + 4 lines fit). */
	h = (int)n + 4;
	if (h > t->lines)
		h = t->lines;
	body = h - 4;
	if (t->help_top + (size_t)body > n)
		t->help_top = n > (size_t)body ? n - (size_t)body : 0;
	y0 = (t->lines - h) / 2;
	x0 = (t->cols - w) / 2;
	for (int y = y0; y < y0 + h; y++) {
		attrset(A_NORMAL);
		mvhline(y, x0, ' ', w);
	}
	tui_draw_frame(t, y0, x0, h, w, TUI_S_TITLE);
	tui_draw_text(t, y0, x0 + 2, " Keys ", (size_t)w - 4, TUI_S_TITLE);
	for (int i = 0; i < body && t->help_top + (size_t)i < n; i++) {
		const struct tui_help_line *l = &line[t->help_top + (size_t)i];
		int y = y0 + 2 + i;

		tui_draw_text(t, y, x0 + 2, l->name, namew, TUI_S_KEY);
		tui_draw_raw(t, y, x0 + 4 + (int)namew, l->what,
			     (size_t)w > namew + 6 ? (size_t)w - namew - 6 : 0, TUI_S_NORMAL);
	}
	t->help_more = (size_t)body < n;
	tui_draw_text(t, y0 + h - 2, x0 + 2,
		      t->help_top + (size_t)body < n ? "PgDn for more; any other key closes"
						     : "Any key closes this help",
		      (size_t)w - 4, TUI_S_DIM);
}
