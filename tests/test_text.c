/*
 * test_text.c - UTF-8 validation, widths, cutting and wrapping.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "whose/text.h"

START_TEST(utf8_validation)
{
	size_t bad = 99;

	ck_assert(text_utf8_valid("plain", 5, NULL));
	ck_assert(text_utf8_valid("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80", 14, NULL));
	ck_assert(!text_utf8_valid("ab\xC3", 3, &bad));       /* truncated */
	ck_assert_uint_eq(bad, 2);
	ck_assert(!text_utf8_valid("\xC0\xAF", 2, &bad));      /* overlong '/' */
	ck_assert_uint_eq(bad, 0);
	ck_assert(!text_utf8_valid("x\xED\xA0\x80", 4, &bad)); /* surrogate */
	ck_assert_uint_eq(bad, 1);
	ck_assert(!text_utf8_valid("\xF4\x90\x80\x80", 4, NULL)); /* > U+10FFFF */
	ck_assert(!text_utf8_valid("\xFF", 1, NULL));
	ck_assert(!text_utf8_valid("a\x80", 2, NULL));
}
END_TEST

START_TEST(controls)
{
	ck_assert_int_eq(text_find_control("ok text", 7, NULL), -1);
	ck_assert_int_eq(text_find_control("a\x1b[31mb", 8, NULL), 1);
	ck_assert_int_eq(text_find_control("line\nnext", 9, "\n"), -1);
	ck_assert_int_eq(text_find_control("line\nnext", 9, NULL), 4);
	ck_assert_int_eq(text_find_control("x\xC2\x9B", 3, "\n"), 1); /* C1 CSI */
	ck_assert_int_eq(text_find_control("del\x7f", 4, NULL), 3);
}
END_TEST

/*
 * text_scan reads printable ASCII eight bytes at a time: every byte value,
 * at every place of a 24-byte field (in and across the words), must still
 * be classed as the byte-by-byte reading classes it.
 */
START_TEST(scan_every_byte)
{
	char buf[24];

	for (int v = 0; v < 256; v++) {
		for (size_t at = 0; at < sizeof(buf); at++) {
			size_t bad = 99;
			uint32_t cp = 99;
			int want, got;

			memset(buf, 'x', sizeof(buf));
			buf[at] = (char)v;
			if (v >= 0x20 && v < 0x7F)
				want = 0;
			else if (v == '\n')
				want = 0;       /* allowed below */
			else if (v < 0x80)
				want = 2;       /* a C0 control, NUL or DEL */
			else
				want = 1;       /* a lone byte >= 0x80 is not UTF-8 */
			got = text_scan(buf, sizeof(buf), "\n", &bad, &cp);
			ck_assert_msg(got == want, "byte 0x%02X at %zu: %d, not %d", v, at, got, want);
			if (want != 0)
				ck_assert_uint_eq(bad, at);
			if (want == 2)
				ck_assert_uint_eq(cp, (uint32_t)v);
		}
	}
	/* A C1 control, encoded, after a clean word; and valid UTF-8 passes. */
	{
		size_t bad = 99;
		uint32_t cp = 99;

		ck_assert_int_eq(text_scan("abcdefgh\xC2\x85", 10, NULL, &bad, &cp), 2);
		ck_assert_uint_eq(bad, 8);
		ck_assert_uint_eq(cp, 0x85);
		ck_assert_int_eq(text_scan("abcdefgh caf\xC3\xA9 \xE6\x97\xA5", 18, NULL, &bad, &cp), 0);
	}
}
END_TEST

START_TEST(widths)
{
	ck_assert_uint_eq(text_width("abc"), 3);
	ck_assert_uint_eq(text_width("\xE6\x97\xA5\xE6\x9C\xAC"), 4);   /* 日本 */
	ck_assert_uint_eq(text_width("e\xCC\x81"), 1);                 /* e + combining acute */
	ck_assert_uint_eq(text_width("\xF0\x9F\x98\x80!"), 3);          /* emoji */
	/* Never cut a wide character in half. */
	ck_assert_uint_eq(text_prefix_for_cols("\xE6\x97\xA5\xE6\x9C\xAC", 3), 3);
	ck_assert_uint_eq(text_prefix_for_cols("abc", 2), 2);
	ck_assert_uint_eq(text_prefix_for_cols("abc", 10), 3);
}
END_TEST

struct test_lines {
	char line[16][64];
	size_t n;
};

static void test_collect(const char *s, size_t n, void *ctx)
{
	struct test_lines *l = ctx;

	ck_assert_uint_lt(l->n, 16);
	ck_assert_uint_lt(n, 64);
	memcpy(l->line[l->n], s, n);
	l->line[l->n][n] = '\0';
	l->n++;
}

START_TEST(wrapping)
{
	struct test_lines l = { .n = 0 };

	ck_assert_uint_eq(text_wrap("whose responsibility is this", 10, test_collect, &l), 4);
	ck_assert_str_eq(l.line[0], "whose");
	ck_assert_str_eq(l.line[1], "responsibi");
	ck_assert_str_eq(l.line[2], "lity is");
	ck_assert_str_eq(l.line[3], "this");
	memset(&l, 0, sizeof(l));
	text_wrap("aa bb cc dd", 5, test_collect, &l);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.line[0], "aa bb");
	ck_assert_str_eq(l.line[1], "cc dd");
	/* Line breaks are kept, empty lines too. */
	memset(&l, 0, sizeof(l));
	text_wrap("one\n\ntwo", 20, test_collect, &l);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(l.line[1], "");
	/* Wide characters are measured in columns. */
	memset(&l, 0, sizeof(l));
	text_wrap("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, test_collect, &l);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.line[0], "\xE6\x97\xA5\xE6\x9C\xAC");
	/* Width 1 always progresses, even with a wide character. */
	memset(&l, 0, sizeof(l));
	ck_assert_uint_eq(text_wrap("\xE6\x97\xA5x", 1, test_collect, &l), 2);
}
END_TEST

START_TEST(sanitizing)
{
	char *s = text_vis("a\x1b[2Jb\tc\nd", TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "a^[[2Jb c\nd");
	free(s);
}
END_TEST

/* Every hostile class the terminal must never receive raw. */
START_TEST(vis_every_class)
{
	static const struct {
		const char *in;
		unsigned flags;
		const char *out;
	} cases[] = {
		{ "plain text", 0, "plain text" },
		{ "caf\xC3\xA9 \xE6\x97\xA5", 0, "caf\xC3\xA9 \xE6\x97\xA5" },
		{ "\x1b]52;c;aGk=\x07", 0, "^[]52;c;aGk=^G" },
		{ "a\nb\tc", 0, "a^Jb^Ic" },
		{ "a\nb\tc", TEXT_VIS_NL | TEXT_VIS_TAB, "a\nb\tc" },
		{ "\x7f", 0, "^?" },
		{ "\xC2\x9B" "31m", 0, "\\u{9b}31m" },
		{ "ann\xE2\x80\x8B", 0, "ann\\u{200b}" },
		{ "\xE2\x80\xAE" "evil", 0, "\\u{202e}evil" },
		{ "\xEF\xBB\xBFid", 0, "\\u{feff}id" },
		{ "\xF3\xA0\x80\x81", 0, "\\u{e0001}" },
		{ "bad\xff\xc0\xaf", 0, "bad\\xff\\xc0\\xaf" },
		{ "\xE2\x82", 0, "\\xe2\\x82" },
		{ "caf\xC3\xA9 \xE2\x80\x9B", TEXT_VIS_ASCII, "caf\\u{e9} \\u{201b}" },
		{ "\x1b[1m\xF0\x9F\x98\x80", TEXT_VIS_ASCII, "^[[1m\\u{1f600}" },
		{ "", 0, "" },
	};
	char buf[8];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = text_vis(cases[i].in, cases[i].flags);

		ck_assert_ptr_nonnull(s);
		ck_assert_msg(strcmp(s, cases[i].out) == 0, "case %zu: got '%s'", i, s);
		ck_assert_uint_eq(text_vis_emit(cases[i].in, strlen(cases[i].in),
						cases[i].flags, NULL, NULL),
				  strlen(cases[i].out));
		free(s);
	}
	/* Every byte value alone: the safe form holds no control and no
	 * byte that is not valid UTF-8. */
	for (int b = 0; b < 256; b++) {
		char in[2] = { (char)b, 0 };
		char *s = text_vis(b == 0 ? "" : in, 0);

		ck_assert_ptr_nonnull(s);
		ck_assert(text_utf8_valid(s, strlen(s), NULL));
		ck_assert_int_eq(text_find_unsafe(s, strlen(s), NULL), -1);
		free(s);
	}
	/* Cut to a buffer: never inside an escape or a character. */
	ck_assert_str_eq(text_vis_buf("abcdef\x1b", 0, buf, sizeof(buf)), "abcdef");
	ck_assert_str_eq(text_vis_buf("abcde\xE6\x97\xA5", 0, buf, sizeof(buf)), "abcde");
	ck_assert_str_eq(text_vis_buf("ab\x1b" "cd", 0, buf, sizeof(buf)), "ab^[cd");
	ck_assert_int_eq(text_find_unsafe("ann\xE2\x80\x8B", 6, NULL), 3);
	ck_assert_int_eq(text_find_unsafe("ann", 3, NULL), -1);
}
END_TEST

Suite *test_text_suite(void);
Suite *test_text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, controls);
	tcase_add_test(tc, scan_every_byte);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, wrapping);
	tcase_add_test(tc, sanitizing);
	tcase_add_test(tc, vis_every_class);
	suite_add_tcase(s, tc);
	return s;
}
