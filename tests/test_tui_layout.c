/*
 * test_tui_layout.c - the pure helpers of the full-screen front end
 * (src/tui/layout.c and src/tui/keymap.c): cleaning and fitting text,
 * wrapping into a width, bars, the scoreboard's columns at various widths,
 * the too-small decision, the list widget's moves and scrolling
 * (src/tui/list.c), and the key table behind dispatch, footer and help.
 * No terminal is needed.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/layout.h"
#include "tui/list.h"
#include "whose/text.h"

Suite *test_tui_layout_suite(void);

START_TEST(too_small)
{
	ck_assert(!tui_layout_too_small(40, 12));
	ck_assert(!tui_layout_too_small(200, 60));
	ck_assert(tui_layout_too_small(39, 12));
	ck_assert(tui_layout_too_small(40, 11));
	ck_assert(tui_layout_too_small(30, 10));
	ck_assert(tui_layout_too_small(0, 0));
}
END_TEST

START_TEST(text_clean)
{
	char *s;

	s = tui_text_clean("a\x1b[31mb\tc\nd", false);   /* escape, tab, newline */
	ck_assert_str_eq(s, "a^[[31mb c\nd");
	free(s);
	s = tui_text_clean("caf\xc3\xa9 \xe2\x80\x93 ok\xe2\x80\xa6", true);
	ck_assert_str_eq(s, "cafe - ok...");
	free(s);
	s = tui_text_clean("\xe6\x97\xa5\xe6\x9c\xac!", true);        /* 日本! */
	ck_assert_str_eq(s, "?" "?!");
	free(s);
	s = tui_text_clean("\xe6\x97\xa5\xe6\x9c\xac", false);        /* kept in UTF-8 */
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe6\x9c\xac");
	free(s);
	s = tui_text_clean("x\xc2\x9b" "1m", false);                   /* C1 CSI */
	ck_assert_str_eq(s, "x\\u{9b}1m");
	free(s);
	s = tui_text_clean(NULL, false);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(text_fit)
{
	char buf[64];

	ck_assert_uint_eq(tui_text_fit("hello", 5, false, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert_uint_eq(tui_text_fit("hello world", 5, false, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "hell\xe2\x80\xa6");
	ck_assert_uint_eq(tui_text_fit("hello world", 5, true, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "he...");
	/* A wide character is never cut in half. */
	ck_assert_uint_eq(tui_text_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, false, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
	ck_assert_uint_eq(tui_text_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, false, buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "\xe6\x97\xa5\xe2\x80\xa6");
	/* Narrower than the ellipsis. */
	ck_assert_uint_eq(tui_text_fit("hello", 2, true, buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "he");
	ck_assert_uint_eq(tui_text_fit("hello", 0, false, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	/* A buffer shorter than the room: cut at a character. */
	tui_text_fit("caf\xc3\xa9s", 10, false, buf, 5);
	ck_assert_str_eq(buf, "caf");
}
END_TEST

/* A long link keeps its start and its end, never wider than the room. */
START_TEST(text_fit_middle)
{
	const char *url = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html";
	char buf[256];

	ck_assert_uint_eq(tui_text_fit_middle(url, 40, false, buf, sizeof(buf)), 40);
	ck_assert_str_eq(buf, "https://docs.aws.am\xe2\x80\xa6s-to-cloudfront.html");
	ck_assert_uint_eq(tui_text_fit_middle(url, 40, true, buf, sizeof(buf)), 40);
	ck_assert_str_eq(buf, "https://docs.aws.a...-to-cloudfront.html");
	/* it fits: unchanged */
	ck_assert_uint_eq(tui_text_fit_middle("https://a.b/c", 40, false, buf, sizeof(buf)), 13);
	ck_assert_str_eq(buf, "https://a.b/c");
	/* wide characters at the cut: never wider than asked */
	for (size_t cols = 3; cols < 20; cols++) {
		ck_assert_uint_le(tui_text_fit_middle("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
						      cols, false, buf, sizeof(buf)), cols);
		ck_assert_uint_le(text_width(buf), cols);
	}
	/* too narrow for both ends: cut at the end, as tui_text_fit */
	ck_assert_uint_eq(tui_text_fit_middle(url, 2, false, buf, sizeof(buf)), 2);
}
END_TEST

START_TEST(doc_wrap)
{
	struct tui_doc d;

	tui_doc_init(&d, 14, false);
	tui_doc_add(&d, " 1  ", TUI_S_KEY, "whose responsibility is this", TUI_S_NORMAL, 7);
	ck_assert(!d.oom);
	ck_assert_uint_eq(d.n, 4);
	ck_assert_str_eq(d.line[0].prefix, " 1  ");
	ck_assert_str_eq(d.line[0].text, "whose");
	ck_assert_str_eq(d.line[1].prefix, "    ");
	ck_assert_str_eq(d.line[1].text, "responsibi");
	ck_assert_str_eq(d.line[2].text, "lity is");
	ck_assert_str_eq(d.line[3].text, "this");
	for (size_t i = 0; i < d.n; i++) {
		ck_assert_int_eq(d.line[i].tag, 7);
		ck_assert_int_eq(d.line[i].pstyle, TUI_S_KEY);
		ck_assert_uint_le(text_width(d.line[i].prefix) + text_width(d.line[i].text), d.width);
	}
	tui_doc_blank(&d);
	ck_assert_uint_eq(d.n, 5);
	ck_assert_str_eq(d.line[4].text, "");
	ck_assert_int_eq(d.line[4].tag, -1);
	tui_doc_free(&d);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(doc_wide_and_breaks)
{
	struct tui_doc d;
	size_t first = 0, last = 0;

	/* 日本語日本語: 12 columns into 5: never more than 5 per line. */
	tui_doc_init(&d, 5, false);
	tui_doc_add(&d, NULL, TUI_S_NORMAL,
		    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		    TUI_S_NORMAL, 1);
	ck_assert_uint_eq(d.n, 3);
	for (size_t i = 0; i < d.n; i++)
		ck_assert_uint_le(text_width(d.line[i].text), 5);
	/* Line breaks are kept; control characters never get through. */
	tui_doc_add(&d, NULL, TUI_S_NORMAL, "ab\ncd\x1b", TUI_S_NORMAL, 2);
	ck_assert_uint_eq(d.n, 5);
	ck_assert_str_eq(d.line[3].text, "ab");
	ck_assert_str_eq(d.line[4].text, "cd^[");
	ck_assert(tui_doc_find(&d, 1, &first, &last));
	ck_assert_uint_eq(first, 0);
	ck_assert_uint_eq(last, 2);
	ck_assert(tui_doc_find(&d, 2, &first, &last));
	ck_assert_uint_eq(first, 3);
	ck_assert_uint_eq(last, 4);
	ck_assert(!tui_doc_find(&d, 9, &first, &last));
	tui_doc_free(&d);

	/* A prefix wider than half the line is cut, so text still fits. */
	tui_doc_init(&d, 10, true);
	tui_doc_add(&d, "Why not 2: ", TUI_S_WRONG, "caf\xc3\xa9 reasons", TUI_S_NORMAL, -1);
	ck_assert_str_eq(d.line[0].prefix, "Why n");
	ck_assert_str_eq(d.line[0].text, "cafe");
	for (size_t i = 0; i < d.n; i++)
		ck_assert_uint_le(text_width(d.line[i].prefix) + text_width(d.line[i].text), 10);
	tui_doc_free(&d);
}
END_TEST

START_TEST(scrolling)
{
	ck_assert_uint_eq(tui_layout_scroll_clamp(5, 10, 20), 0);   /* all fits */
	ck_assert_uint_eq(tui_layout_scroll_clamp(50, 30, 10), 20);
	ck_assert_uint_eq(tui_layout_scroll_clamp(7, 30, 10), 7);
	ck_assert_uint_eq(tui_layout_scroll_show(0, 12, 13, 10), 4);  /* scroll down to it */
	ck_assert_uint_eq(tui_layout_scroll_show(8, 3, 3, 10), 3);    /* up to it */
	ck_assert_uint_eq(tui_layout_scroll_show(2, 4, 6, 10), 2);    /* in view: stays */
	ck_assert_uint_eq(tui_layout_scroll_show(0, 5, 30, 10), 5);   /* too tall: first wins */
}
END_TEST

START_TEST(list_moves)
{
	struct tui_list l = { .n = 12 };

	/* Up at the first entry and down at the last stay put, and are
	 * taken all the same. */
	ck_assert(tui_list_move(&l, 5, TUI_ACT_UP));
	ck_assert_uint_eq(l.cursor, 0);
	ck_assert(tui_list_move(&l, 5, TUI_ACT_DOWN));
	ck_assert_uint_eq(l.cursor, 1);
	ck_assert(tui_list_move(&l, 5, TUI_ACT_PGDN));
	ck_assert_uint_eq(l.cursor, 6);
	ck_assert(tui_list_move(&l, 5, TUI_ACT_PGDN));
	ck_assert_uint_eq(l.cursor, 11);
	ck_assert(tui_list_move(&l, 5, TUI_ACT_PGDN));   /* stops at the last */
	ck_assert_uint_eq(l.cursor, 11);
	ck_assert(tui_list_move(&l, 5, TUI_ACT_DOWN));
	ck_assert_uint_eq(l.cursor, 11);
	ck_assert(tui_list_move(&l, 5, TUI_ACT_PGUP));
	ck_assert_uint_eq(l.cursor, 6);
	ck_assert(tui_list_move(&l, 10, TUI_ACT_PGUP));  /* stops at the first */
	ck_assert_uint_eq(l.cursor, 0);
	/* Other actions are the screen's: nothing moves. */
	l.cursor = 3;
	ck_assert(!tui_list_move(&l, 5, TUI_ACT_BACK));
	ck_assert(!tui_list_move(&l, 5, TUI_ACT_TOGGLE));
	ck_assert_uint_eq(l.cursor, 3);
	ck_assert_uint_eq(l.top, 0);
	/* An empty list: every move keeps the cursor on 0. */
	l = (struct tui_list){ .n = 0 };
	ck_assert(tui_list_move(&l, 5, TUI_ACT_DOWN));
	ck_assert(tui_list_move(&l, 5, TUI_ACT_PGDN));
	ck_assert(tui_list_move(&l, 5, TUI_ACT_UP));
	ck_assert_uint_eq(l.cursor, 0);
	/* Read again shorter: the cursor comes back onto the last entry. */
	l = (struct tui_list){ .n = 12, .cursor = 9 };
	tui_list_count(&l, 4);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_uint_eq(l.cursor, 3);
	tui_list_count(&l, 20);
	ck_assert_uint_eq(l.cursor, 3);
	tui_list_count(&l, 0);
	ck_assert_uint_eq(l.cursor, 0);
}
END_TEST

START_TEST(list_follow)
{
	struct tui_list l = { .n = 30 };

	/* The cursor stays in a view of 10 rows as it goes down... */
	tui_list_follow(&l, 10);
	ck_assert_uint_eq(l.top, 0);
	l.cursor = 9;
	tui_list_follow(&l, 10);
	ck_assert_uint_eq(l.top, 0);
	l.cursor = 10;
	tui_list_follow(&l, 10);
	ck_assert_uint_eq(l.top, 1);
	l.cursor = 29;
	tui_list_follow(&l, 10);
	ck_assert_uint_eq(l.top, 20);
	/* ...and up. */
	l.cursor = 15;
	tui_list_follow(&l, 10);
	ck_assert_uint_eq(l.top, 15);
	/* A taller window shows more above the last entry, no blank rows. */
	l.cursor = 29;
	tui_list_follow(&l, 10);
	tui_list_follow(&l, 25);
	ck_assert_uint_eq(l.top, 5);
	tui_list_follow(&l, 40);
	ck_assert_uint_eq(l.top, 0);
	/* An entry of several lines (4..7 of 40) is brought whole into view;
	 * one taller than the view shows from its first line. */
	l = (struct tui_list){ .n = 10, .top = 0 };
	tui_list_show(&l, 4, 7, 40, 6);
	ck_assert_uint_eq(l.top, 2);
	tui_list_show(&l, 20, 29, 40, 6);
	ck_assert_uint_eq(l.top, 20);
	tui_list_show(&l, 0, 1, 40, 6);
	ck_assert_uint_eq(l.top, 0);
	l.top = 38;
	tui_list_clamp(&l, 40, 6);
	ck_assert_uint_eq(l.top, 34);
}
END_TEST

START_TEST(list_pager)
{
	struct tui_list l = { .pager = true };

	/* A pager has no cursor: the keys move its view. */
	ck_assert(tui_list_move(&l, 9, TUI_ACT_UP));
	ck_assert_uint_eq(l.top, 0);
	ck_assert(tui_list_move(&l, 9, TUI_ACT_DOWN));
	ck_assert_uint_eq(l.top, 1);
	ck_assert(tui_list_move(&l, 9, TUI_ACT_PGDN));
	ck_assert_uint_eq(l.top, 10);
	ck_assert(tui_list_move(&l, 9, TUI_ACT_PGUP));
	ck_assert_uint_eq(l.top, 1);
	ck_assert(tui_list_move(&l, 9, TUI_ACT_PGUP));
	ck_assert_uint_eq(l.top, 0);
	ck_assert_uint_eq(l.cursor, 0);
	ck_assert(!tui_list_move(&l, 9, TUI_ACT_FLAGGED));
	/* Down past the end is clamped by the frame, which knows the page. */
	for (int i = 0; i < 50; i++)
		ck_assert(tui_list_move(&l, 9, TUI_ACT_DOWN));
	ck_assert_uint_eq(l.top, 50);
	tui_list_clamp(&l, 30, 10);
	ck_assert_uint_eq(l.top, 20);
	ck_assert(tui_list_move(&l, 9, TUI_ACT_UP));
	ck_assert_uint_eq(l.top, 19);
	tui_list_clamp(&l, 5, 10);   /* all fits */
	ck_assert_uint_eq(l.top, 0);
}
END_TEST

START_TEST(bars)
{
	size_t full;
	unsigned part;

	tui_layout_bar(0.5, 10, false, &full, &part);
	ck_assert_uint_eq(full, 5);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(0.33, 10, true, &full, &part);   /* 26.4 eighths -> 26 */
	ck_assert_uint_eq(full, 3);
	ck_assert_uint_eq(part, 2);
	tui_layout_bar(0.33, 10, false, &full, &part);
	ck_assert_uint_eq(full, 3);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(1.0, 10, true, &full, &part);
	ck_assert_uint_eq(full, 10);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(1.5, 10, true, &full, &part);
	ck_assert_uint_eq(full, 10);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(0.999, 4, true, &full, &part);
	ck_assert_uint_eq(full, 4);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(-0.2, 10, true, &full, &part);
	ck_assert_uint_eq(full, 0);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(nan(""), 10, true, &full, &part);
	ck_assert_uint_eq(full, 0);
	ck_assert_uint_eq(part, 0);
	tui_layout_bar(0.5, 0, true, &full, &part);
	ck_assert_uint_eq(full, 0);
	ck_assert_uint_eq(part, 0);
	/* Never wider than the bar, whatever the fraction. */
	for (int i = 0; i <= 1000; i++) {
		for (size_t w = 1; w <= 31; w += 5) {
			tui_layout_bar(i / 1000.0, w, true, &full, &part);
			ck_assert_uint_le(full + (part > 0), w);
			ck_assert_uint_lt(part, 8);
		}
	}
}
END_TEST

START_TEST(chart_scale)
{
	/* The largest value fills the chart; the others are rounded up. */
	ck_assert_uint_eq(tui_layout_scale(10, 10, 40), 40);
	ck_assert_uint_eq(tui_layout_scale(5, 10, 40), 20);
	ck_assert_uint_eq(tui_layout_scale(1, 10, 40), 4);
	ck_assert_uint_eq(tui_layout_scale(1, 1000, 40), 1);   /* never blank */
	ck_assert_uint_eq(tui_layout_scale(999, 1000, 40), 40);
	ck_assert_uint_eq(tui_layout_scale(3, 7, 10), 5);       /* 4.29 -> 5 */
	ck_assert_uint_eq(tui_layout_scale(0, 10, 40), 0);
	ck_assert_uint_eq(tui_layout_scale(3, 0, 40), 0);
	ck_assert_uint_eq(tui_layout_scale(3, 10, 0), 0);
	ck_assert_uint_eq(tui_layout_scale(30, 10, 8), 8);      /* beyond the max */
	for (size_t max = 1; max <= 50; max++) {
		size_t prev = 0;

		for (size_t v = 0; v <= max; v++) {
			size_t w = tui_layout_scale(v, max, 13);

			ck_assert_uint_le(w, 13);
			ck_assert_uint_ge(w, prev);   /* more is never shorter */
			ck_assert(v == 0 || w >= 1);
			prev = w;
		}
	}
}
END_TEST

START_TEST(heat_levels)
{
	size_t lo, hi;

	ck_assert_uint_eq(tui_layout_heat_level(0, 10), 0);
	ck_assert_uint_eq(tui_layout_heat_level(0, 0), 0);
	ck_assert_uint_eq(tui_layout_heat_level(1, 10), 1);
	ck_assert_uint_eq(tui_layout_heat_level(3, 10), 2);     /* 1.2 -> 2 */
	ck_assert_uint_eq(tui_layout_heat_level(5, 10), 2);
	ck_assert_uint_eq(tui_layout_heat_level(6, 10), 3);
	ck_assert_uint_eq(tui_layout_heat_level(8, 10), 4);
	ck_assert_uint_eq(tui_layout_heat_level(10, 10), 4);
	ck_assert_uint_eq(tui_layout_heat_level(11, 10), 4);
	ck_assert_uint_eq(tui_layout_heat_level(1, 1), 4);      /* one busy day */
	ck_assert_uint_eq(tui_layout_heat_level(1, 2), 2);
	/* The legend's ranges for a busiest day of 6: 1, 2-3, 4, 5-6. */
	ck_assert(tui_layout_heat_range(1, 6, &lo, &hi));
	ck_assert_uint_eq(lo, 1);
	ck_assert_uint_eq(hi, 1);
	ck_assert(tui_layout_heat_range(2, 6, &lo, &hi));
	ck_assert_uint_eq(lo, 2);
	ck_assert_uint_eq(hi, 3);
	ck_assert(tui_layout_heat_range(3, 6, &lo, &hi));
	ck_assert_uint_eq(lo, 4);
	ck_assert_uint_eq(hi, 4);
	ck_assert(tui_layout_heat_range(4, 6, &lo, &hi));
	ck_assert_uint_eq(lo, 5);
	ck_assert_uint_eq(hi, 6);
	/* With a busiest day of 1 only the darkest shade is used. */
	ck_assert(!tui_layout_heat_range(1, 1, &lo, &hi));
	ck_assert(!tui_layout_heat_range(3, 1, &lo, &hi));
	ck_assert(tui_layout_heat_range(4, 1, &lo, &hi));
	ck_assert_uint_eq(lo, 1);
	ck_assert_uint_eq(hi, 1);
	ck_assert(!tui_layout_heat_range(0, 6, &lo, &hi));
	ck_assert(!tui_layout_heat_range(5, 6, &lo, &hi));
	ck_assert(!tui_layout_heat_range(1, 0, &lo, &hi));
	/* The legend says exactly what each day's shade is. */
	for (size_t max = 1; max <= 40; max++) {
		for (size_t c = 1; c <= max; c++) {
			unsigned l = tui_layout_heat_level(c, max);

			ck_assert_uint_ge(l, 1);
			ck_assert_uint_le(l, 4);
			ck_assert(tui_layout_heat_range(l, max, &lo, &hi));
			ck_assert_uint_le(lo, c);
			ck_assert_uint_ge(hi, c);
		}
	}
	/* One column each, ASCII fallbacks. */
	ck_assert_str_eq(tui_layout_heat_glyph(0, false), " ");
	ck_assert_str_eq(tui_layout_heat_glyph(1, false), "\xe2\x96\x91");
	ck_assert_str_eq(tui_layout_heat_glyph(4, false), "\xe2\x96\x88");
	ck_assert_str_eq(tui_layout_heat_glyph(0, true), " ");
	ck_assert_str_eq(tui_layout_heat_glyph(1, true), ".");
	ck_assert_str_eq(tui_layout_heat_glyph(2, true), ":");
	ck_assert_str_eq(tui_layout_heat_glyph(3, true), "*");
	ck_assert_str_eq(tui_layout_heat_glyph(4, true), "#");
	ck_assert_str_eq(tui_layout_heat_glyph(9, true), "#");
	for (unsigned l = 0; l < TUI_HEAT_LEVELS; l++)
		ck_assert_uint_eq(text_width(tui_layout_heat_glyph(l, false)), 1);
}
END_TEST

START_TEST(heat_grid)
{
	size_t row;
	unsigned col;

	/* Today a Sunday (6): four whole weeks, day 0 a Monday. */
	ck_assert_uint_eq(tui_layout_heat_rows(28, 6), 4);
	tui_layout_heat_cell(0, 28, 6, &row, &col);
	ck_assert_uint_eq(row, 0);
	ck_assert_uint_eq(col, 0);
	tui_layout_heat_cell(27, 28, 6, &row, &col);
	ck_assert_uint_eq(row, 3);
	ck_assert_uint_eq(col, 6);
	/* Today a Wednesday (2): day 0 a Thursday, five rows. */
	ck_assert_uint_eq(tui_layout_heat_rows(28, 2), 5);
	tui_layout_heat_cell(0, 28, 2, &row, &col);
	ck_assert_uint_eq(row, 0);
	ck_assert_uint_eq(col, 3);
	tui_layout_heat_cell(4, 28, 2, &row, &col);     /* the first Monday */
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 0);
	tui_layout_heat_cell(27, 28, 2, &row, &col);
	ck_assert_uint_eq(row, 4);
	ck_assert_uint_eq(col, 2);
	/* Today a Monday (0): day 0 a Tuesday; today alone on the last row. */
	ck_assert_uint_eq(tui_layout_heat_rows(28, 0), 5);
	tui_layout_heat_cell(27, 28, 0, &row, &col);
	ck_assert_uint_eq(row, 4);
	ck_assert_uint_eq(col, 0);
	tui_layout_heat_cell(26, 28, 0, &row, &col);
	ck_assert_uint_eq(row, 3);
	ck_assert_uint_eq(col, 6);
	ck_assert_uint_eq(tui_layout_heat_rows(0, 3), 0);
	ck_assert_uint_eq(tui_layout_heat_rows(1, 3), 1);
	/* Every day of every week has its own cell, in order, today last. */
	for (unsigned wd = 0; wd < 7; wd++) {
		size_t rows = tui_layout_heat_rows(28, wd), prev = 0;

		for (size_t d = 0; d < 28; d++) {
			tui_layout_heat_cell(d, 28, wd, &row, &col);
			ck_assert_uint_lt(row, rows);
			ck_assert_uint_lt(col, 7);
			ck_assert_uint_eq(col, (wd + 7 * 4 - (27 - d)) % 7);
			if (d > 0)
				ck_assert_uint_eq(row * 7 + col, prev + 1);
			prev = row * 7 + col;
		}
		ck_assert_uint_eq(row, rows - 1);
	}
}
END_TEST

/* Columns of B in order, none overlapping, all inside COLS. */
static void test_board_sane(const struct tui_board *b, size_t cols)
{
	size_t x = b->name_x + b->name_w;

	ck_assert_uint_ge(b->name_w, 5);
	ck_assert_uint_le(x + TUI_BOARD_GAP, b->seen_x);
	x = b->seen_x + TUI_BOARD_SEEN_W;
	if (b->show_all) {
		ck_assert_uint_le(x + TUI_BOARD_GAP, b->all_x);
		x = b->all_x + TUI_BOARD_PCT_W;
	}
	if (b->show_recent) {
		ck_assert_uint_le(x + TUI_BOARD_GAP, b->recent_x);
		x = b->recent_x + TUI_BOARD_PCT_W;
	}
	if (b->show_due) {
		ck_assert_uint_le(x + TUI_BOARD_GAP, b->due_x);
		x = b->due_x + TUI_BOARD_DUE_W;
	}
	ck_assert_uint_le(x + TUI_BOARD_GAP, b->bar_x);
	ck_assert_uint_eq(b->mpct_x, b->bar_x + b->bar_w);
	ck_assert_uint_le(b->bar_w, TUI_BOARD_BAR_MAX);
	if (cols >= TUI_MIN_COLS) {
		ck_assert_uint_le(b->end, cols - 1);
		ck_assert_uint_ge(b->bar_w, TUI_BOARD_BAR_MIN);
	}
}

START_TEST(board_widths)
{
	struct tui_board b;
	int shown_before = -1;

	/* Wide: everything, names in full, the bar at most its maximum. */
	tui_layout_board(200, 27, &b);
	test_board_sane(&b, 200);
	ck_assert(b.show_all && b.show_recent && b.show_due);
	ck_assert_uint_eq(b.name_w, 27);
	ck_assert_uint_eq(b.bar_w, TUI_BOARD_BAR_MAX);
	/* 100 columns: still everything. */
	tui_layout_board(100, 27, &b);
	test_board_sane(&b, 100);
	ck_assert(b.show_all && b.show_recent && b.show_due);
	ck_assert_uint_eq(b.name_w, 27);
	/* 70 columns: long names give way before any column does. */
	tui_layout_board(70, 27, &b);
	test_board_sane(&b, 70);
	ck_assert(b.show_all && b.show_recent && b.show_due);
	ck_assert_uint_lt(b.name_w, 27);
	ck_assert_uint_ge(b.name_w, 16);
	/* 40 columns, the smallest window: name, seen, the bar. */
	tui_layout_board(40, 27, &b);
	test_board_sane(&b, 40);
	ck_assert(!b.show_due && !b.show_recent);
	ck_assert_uint_ge(b.name_w, TUI_BOARD_NAME_MIN);
	/* Short names leave room for everything sooner. */
	tui_layout_board(60, 7, &b);
	test_board_sane(&b, 60);
	ck_assert(b.show_all && b.show_recent && b.show_due);
	/* A wider window never shows fewer columns. */
	for (size_t cols = 40; cols <= 240; cols++) {
		int shown;

		tui_layout_board(cols, 27, &b);
		test_board_sane(&b, cols);
		shown = b.show_all + b.show_recent + b.show_due;
		ck_assert_int_ge(shown, shown_before);
		shown_before = shown;
	}
	/* Absurdly narrow: no crash, no overlap. */
	for (size_t cols = 0; cols < 40; cols++) {
		tui_layout_board(cols, 27, &b);
		test_board_sane(&b, cols);
	}
}
END_TEST

START_TEST(table_columns)
{
	static const size_t w[4] = { 9, 4, 7, 5 };
	size_t name_w;

	/* 2 margin + 1 right: 97 usable; columns take 2+9 + 2+4 + 2+7 + 2+5 = 33. */
	ck_assert_uint_eq(tui_layout_columns(100, 30, 10, w, 4, &name_w), 4);
	ck_assert_uint_eq(name_w, 30);
	ck_assert_uint_eq(tui_layout_columns(100, 80, 10, w, 4, &name_w), 4);
	ck_assert_uint_eq(name_w, 64);
	/* 40 columns: 37 usable; name at least 10: 11 + 6 + 9 = 26 -> three. */
	ck_assert_uint_eq(tui_layout_columns(40, 30, 10, w, 4, &name_w), 3);
	ck_assert_uint_eq(name_w, 11);
	ck_assert_uint_eq(tui_layout_columns(10, 30, 10, w, 4, &name_w), 0);
	ck_assert_uint_eq(name_w, 7);
}
END_TEST

START_TEST(numbers)
{
	char buf[32];

	tui_layout_percent(3, 4, buf, sizeof(buf));
	ck_assert_str_eq(buf, "75%");
	tui_layout_percent(2, 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "66%");
	tui_layout_percent(0, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-");
	tui_layout_percent(5, 4, buf, sizeof(buf));
	ck_assert_str_eq(buf, "100%");
	tui_layout_elapsed(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0:00");
	tui_layout_elapsed(65999, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1:05");
	tui_layout_elapsed(3600000 + 61000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1:01:01");
	tui_layout_elapsed(-5000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0:00");
	ck_assert_uint_eq(tui_layout_center(100, 20), 40);
	ck_assert_uint_eq(tui_layout_center(10, 20), 0);
}
END_TEST

START_TEST(keys_lookup)
{
	int arg = -1;

	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'r', 0, &arg), TUI_ACT_REVIEW);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, TUI_KEY_ENTER, 0, &arg), TUI_ACT_REVIEW);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'p', 0, &arg), TUI_ACT_PICK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'w', 0, &arg), TUI_ACT_WEAK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 's', 0, &arg), TUI_ACT_STATS);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'f', 0, &arg), TUI_ACT_FLAGGED);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'x', 0, &arg), TUI_ACT_EXAM);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'z', 0, &arg), TUI_ACT_NONE);
	/* Quit and help everywhere. */
	for (unsigned ctx = 1; ctx <= TUI_CTX_RATE; ctx <<= 1) {
		ck_assert_int_eq(tui_keymap_lookup(ctx, 'q', 4, &arg), TUI_ACT_QUIT);
		ck_assert_int_eq(tui_keymap_lookup(ctx, '?', 4, &arg), TUI_ACT_HELP);
	}
	/* Choices by letter only (the one key map), cut to the count on
	 * screen; the key is the argument, keys.h parses it. */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_CHOICE, 'd', 4, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(arg, 'd');
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_CHOICE, '3', 4, &arg), TUI_ACT_NONE);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_CHOICE, 'e', 4, &arg), TUI_ACT_NONE);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_CHOICE, 'f', 6, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(arg, 'f');
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_MULTI, 'a', 4, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(arg, 'a');
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_MULTI, TUI_KEY_ENTER, 4, &arg), TUI_ACT_CONFIRM);
	/* The same letters mean the owners in who and sort, in every mode. */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_WHO, 'c', 3, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(arg, 'c');
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_EXAM | TUI_CTX_WHO, 's', 3, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_DRILL | TUI_CTX_TF, 'f', 2, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_SORT, 's', 3, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_WHO, '3', 3, &arg), TUI_ACT_NONE);
	/* Sort items by number, cut to the items. */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_SORT, '3', 3, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(arg, '3');
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_SORT, '4', 3, &arg), TUI_ACT_NONE);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_SORT, TUI_KEY_DOWN, 3, &arg), TUI_ACT_DOWN);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_SORT, 'k', 3, &arg), TUI_ACT_UP);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_TF, 't', 2, &arg), TUI_ACT_ANSWER);
	ck_assert_int_eq(arg, 't');
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_TF, '2', 2, &arg), TUI_ACT_NONE);
	/* Submitting an exam is S, never s (Shared). */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_EXAM | TUI_CTX_CHOICE, 'S', 4, &arg), TUI_ACT_SUBMIT);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_EXAM | TUI_CTX_CHOICE, 's', 4, &arg), TUI_ACT_NONE);
	/* m marks in every mode; ! reports, in review and practice. */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_EXAM | TUI_CTX_WHO, 'm', 3, &arg), TUI_ACT_MARK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_DRILL | TUI_CTX_WHO, 'm', 3, &arg), TUI_ACT_MARK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_LEARN | TUI_CTX_WHO, 'm', 3, &arg), TUI_ACT_MARK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_RATE, 'm', 0, &arg), TUI_ACT_MARK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'm', 0, &arg), TUI_ACT_MARKED);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_CARD, ' ', 0, &arg), TUI_ACT_TURN);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_CARD, TUI_KEY_ENTER, 0, &arg), TUI_ACT_TURN);
	/* Ratings: 1-4, Enter the suggested one. */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_RATE, '1', 0, &arg), TUI_ACT_RATE);
	ck_assert_int_eq(arg, 1);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_RATE, '4', 0, &arg), TUI_ACT_RATE);
	ck_assert_int_eq(arg, 4);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_RATE, TUI_KEY_ENTER, 0, &arg), TUI_ACT_RATE);
	ck_assert_int_eq(arg, 0);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_RATE, '5', 0, &arg), TUI_ACT_NONE);
	/* Undo and report on every review question screen, not at home. */
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_LEARN | TUI_CTX_SORT, 'u', 3, &arg), TUI_ACT_UNDO);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_RATE, '!', 0, &arg), TUI_ACT_FLAG);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_HOME, 'u', 0, &arg), TUI_ACT_NONE);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_PICK, TUI_KEY_ESC, 0, &arg), TUI_ACT_BACK);
	ck_assert_int_eq(tui_keymap_lookup(TUI_CTX_STUDY, TUI_KEY_ESC, 0, &arg), TUI_ACT_END);
}
END_TEST

/* Does row D answer KEY (with the largest count)? */
static bool test_key_in(const struct tui_keydef *d, int key)
{
	if (d->key2 != 0 && key == d->key2)
		return true;
	return key >= d->key && key <= (d->last != 0 ? d->last : d->key);
}

START_TEST(keys_unique_per_context)
{
	size_t n;
	const struct tui_keydef *k = tui_keymap_table(&n);

	/* In any one context, a key means one thing only. */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			unsigned both = k[i].ctx & k[j].ctx;
			int probe[4] = { k[j].key, k[j].last, k[j].key2, 0 };

			if (both == 0 || both == TUI_CTX_ALL)
				continue;
			for (int p = 0; p < 3; p++) {
				if (probe[p] == 0)
					continue;
				ck_assert_msg(!test_key_in(&k[i], probe[p]),
					      "rows %zu and %zu share a key in context 0x%x", i, j, both);
			}
			for (int key = k[j].key; k[j].last != 0 && key <= k[j].last; key++)
				ck_assert_msg(!test_key_in(&k[i], key),
					      "rows %zu and %zu share key %d in context 0x%x", i, j, key, both);
		}
	}
	/* Every row can be listed in the help: a row with no line of its
	 * own shares the line of the row before, in the same contexts. */
	for (size_t i = 0; i < n; i++) {
		if (k[i].what == NULL) {
			ck_assert_uint_gt(i, 0);
			ck_assert_uint_eq(k[i].ctx, k[i - 1].ctx);
		}
		ck_assert_int_ne(k[i].action, TUI_ACT_NONE);
	}
}
END_TEST

START_TEST(keys_names)
{
	char buf[32];
	size_t n;
	const struct tui_keydef *k = tui_keymap_table(&n);

	tui_keymap_key_name(TUI_KEY_ENTER, buf, sizeof(buf));
	ck_assert_str_eq(buf, "Enter");
	tui_keymap_key_name(' ', buf, sizeof(buf));
	ck_assert_str_eq(buf, "Space");
	tui_keymap_key_name('x', buf, sizeof(buf));
	ck_assert_str_eq(buf, "x");
	tui_keymap_key_name(0xE9, buf, sizeof(buf));
	ck_assert_str_eq(buf, "\xc3\xa9");
	tui_keymap_key_name(TUI_KEY_CTRL_L, buf, sizeof(buf));
	ck_assert_str_eq(buf, "Ctrl-L");
	for (size_t i = 0; i < n; i++) {
		if (k[i].action == TUI_ACT_REVIEW) {
			tui_keymap_def_name(&k[i], 0, buf, sizeof(buf));
			ck_assert_str_eq(buf, "r/Enter");
		}
		if (k[i].action == TUI_ACT_ANSWER && (k[i].ctx & TUI_CTX_CHOICE) && k[i].key == 'a') {
			tui_keymap_def_name(&k[i], 4, buf, sizeof(buf));
			ck_assert_str_eq(buf, "a-d");
			tui_keymap_def_name(&k[i], 1, buf, sizeof(buf));
			ck_assert_str_eq(buf, "a");
		}
	}
}
END_TEST

START_TEST(footer_fits)
{
	struct tui_footer_item it[24];
	size_t n, width;
	bool help, quit;

	/* Wide: every footer key of the home screen, in table order. */
	n = tui_keymap_footer(TUI_CTX_HOME, 0, 200, it, 24);
	ck_assert_uint_eq(n, 8);
	ck_assert_str_eq(it[0].name, "r/Enter");
	ck_assert_str_eq(it[0].brief, "Review");
	ck_assert_str_eq(it[4].brief, "Exam");
	ck_assert_str_eq(it[5].brief, "Settings");
	ck_assert_str_eq(it[6].brief, "Help");
	ck_assert_str_eq(it[7].brief, "Quit");
	/* ...and every one of them at 80 columns. */
	ck_assert_uint_eq(tui_keymap_footer(TUI_CTX_HOME, 0, 80, it, 24), 8);
	n = tui_keymap_footer(TUI_CTX_HOME, 0, 200, it, 24);
	ck_assert_uint_eq(it[0].x, 1);
	/* Narrow: the rest goes first, Help and Quit stay; all inside. */
	for (width = 10; width <= 120; width++) {
		n = tui_keymap_footer(TUI_CTX_CHOICE, 4, width, it, 24);
		help = quit = false;
		for (size_t i = 0; i < n; i++) {
			help |= it[i].action == TUI_ACT_HELP;
			quit |= it[i].action == TUI_ACT_QUIT;
			ck_assert_uint_le(it[i].x + strlen(it[i].name) + 1 + strlen(it[i].brief), width);
			if (i > 0)
				ck_assert_uint_gt(it[i].x, it[i - 1].x);
		}
		if (width >= 20)
			ck_assert(help && quit);
	}
	/* The counted range names the choices on screen. */
	n = tui_keymap_footer(TUI_CTX_CHOICE, 3, 200, it, 24);
	ck_assert_str_eq(it[0].name, "a-c");
	/* Only the home screen starts an exam; no study footer names one. */
	for (unsigned ctx = TUI_CTX_PICK; ctx <= TUI_CTX_RATE; ctx <<= 1) {
		n = tui_keymap_footer(ctx, 4, 500, it, 24);
		for (size_t i = 0; i < n; i++) {
			ck_assert(strstr(it[i].brief, "Exam") == NULL);
			ck_assert(strstr(it[i].brief, "Drill") == NULL);
		}
	}
}
END_TEST

START_TEST(help_lines)
{
	struct tui_help_line l[64];
	size_t n;
	bool review = false, quit = false, letters = false;

	n = tui_keymap_help(TUI_CTX_HOME, 0, false, l, 64);
	ck_assert_uint_gt(n, 5);
	for (size_t i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(l[i].what);
		review |= strcmp(l[i].name, "r/Enter") == 0;
		quit |= strcmp(l[i].name, "q") == 0;
	}
	ck_assert(review && quit);
	/* A question's help names its letters too, cut to the count. */
	n = tui_keymap_help(TUI_CTX_CHOICE, 3, false, l, 64);
	for (size_t i = 0; i < n; i++)
		letters |= strcmp(l[i].name, "a-c") == 0;
	ck_assert(letters);
	/* The output is cut to MAX. */
	ck_assert_uint_eq(tui_keymap_help(TUI_CTX_HOME, 0, false, l, 2), 2);
}
END_TEST

Suite *test_tui_layout_suite(void)
{
	Suite *s = suite_create("tui_layout");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, too_small);
	tcase_add_test(tc, text_clean);
	tcase_add_test(tc, text_fit);
	tcase_add_test(tc, text_fit_middle);
	tcase_add_test(tc, doc_wrap);
	tcase_add_test(tc, doc_wide_and_breaks);
	tcase_add_test(tc, scrolling);
	tcase_add_test(tc, list_moves);
	tcase_add_test(tc, list_follow);
	tcase_add_test(tc, list_pager);
	tcase_add_test(tc, bars);
	tcase_add_test(tc, chart_scale);
	tcase_add_test(tc, heat_levels);
	tcase_add_test(tc, heat_grid);
	tcase_add_test(tc, board_widths);
	tcase_add_test(tc, table_columns);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, keys_lookup);
	tcase_add_test(tc, keys_unique_per_context);
	tcase_add_test(tc, keys_names);
	tcase_add_test(tc, footer_fits);
	tcase_add_test(tc, help_lines);
	suite_add_tcase(s, tc);
	return s;
}
