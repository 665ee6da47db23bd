/*
 * text.h - UTF-8 text: validation, display width, cutting and wrapping by
 * terminal columns.  Everything that measures text for the screen lives
 * here, so that no other module counts bytes where it means columns.
 */
#ifndef WHOSE_TEXT_H
#define WHOSE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Check that S[0..LEN) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF).  Returns true when it is; otherwise
 * false and, when BAD_AT is not NULL, the byte offset of the first bad
 * sequence.
 */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_at);

/* Bytes of the UTF-8 sequence led by C (1..4), or 0 when C cannot lead
 * one (a continuation byte, or 0xF8..0xFF). */
size_t text_utf8_seq_len(unsigned char c);

/*
 * Decode one code point from S (at most LEN bytes, which must be valid
 * UTF-8) into *CP; returns the number of bytes used (1..4), or 0 at the end.
 */
size_t text_utf8_next(const char *s, size_t len, uint32_t *cp);

/*
 * Find the first character in S[0..LEN) (valid UTF-8) that must never reach a
 * terminal: C0 controls other than those in ALLOW (e.g. "\n\t"), DEL and the
 * C1 controls U+0080..U+009F.  Returns its byte offset or -1 when none.
 */
long text_find_control(const char *s, size_t len, const char *allow);

/*
 * One pass over S[0..LEN) doing what text_utf8_valid and text_find_control
 * do together, fast on ASCII.  Returns 0 when S is valid UTF-8 without a
 * control character (but those in ALLOW); 1 for bad UTF-8 at byte *AT; 2
 * for the control character *CP at byte *AT.
 */
int text_scan(const char *s, size_t len, const char *allow, size_t *at,
	      uint32_t *cp);

/* Display width of code point CP in terminal columns (0, 1 or 2). */
int text_cp_width(uint32_t cp);

/* Display width of the valid UTF-8 string S in columns. */
size_t text_width(const char *s);

/*
 * Length in bytes of the longest prefix of S whose width is at most COLS,
 * never splitting a character.
 */
size_t text_prefix_for_cols(const char *s, size_t cols);

/*
 * Word-wrap S into lines of at most WIDTH columns (WIDTH >= 1).  Existing
 * line breaks are kept; words longer than WIDTH are broken at a character
 * boundary.  For each line, calls EMIT(line, nbytes, ctx); the line is not
 * NUL-terminated and has no trailing newline.  Returns the number of lines.
 */
size_t text_wrap(const char *s, size_t width,
		 void (*emit)(const char *line, size_t n, void *ctx), void *ctx);

/*
 * The one terminal-safe form of text, whatever its source (a file name, a
 * typed value, a bank field, a name from another account, a database
 * row).  Everything a front end sends to a terminal goes through here.
 * Printable UTF-8 passes unchanged; the rest is shown visibly and can
 * never act on the terminal:
 *   C0 controls and DEL     as cat -v does: ESC "^[", BEL "^G", DEL "^?"
 *   C1 controls U+0080..9F  "\u{9b}"
 *   format characters       (bidi overrides and isolates, zero-width
 *                            characters, BOM, line/paragraph separators,
 *                            tag characters: see text_cp_is_format)
 *                            "\u{202e}"
 *   bytes not valid UTF-8   "\xff"
 * Newline and tab pass only when FLAGS allows them (TEXT_VIS_NL,
 * TEXT_VIS_TAB); otherwise they read "^J" and "^I".  TEXT_VIS_TAB_SPACE
 * turns a tab into one space instead.  TEXT_VIS_ASCII shows every
 * character above U+007F as "\u{e9}": for a terminal whose locale is not
 * UTF-8, where the bytes of a UTF-8 character (0x80..0x9F among them)
 * could read as C1 controls.
 */
#define TEXT_VIS_NL 0x1u
#define TEXT_VIS_TAB 0x2u
#define TEXT_VIS_TAB_SPACE 0x4u
#define TEXT_VIS_ASCII 0x8u

/* Emit the safe form of S[0..LEN) in pieces through EMIT(piece, n, CTX)
 * (pieces are not NUL-terminated); returns the safe form's length. */
size_t text_vis_emit(const char *s, size_t len, unsigned flags,
		     void (*emit)(const char *piece, size_t n, void *ctx),
		     void *ctx);

/* The safe form of the string S (NULL reads as "") in a new string (free
 * it); NULL only when memory runs out. */
char *text_vis(const char *s, unsigned flags);

/* The safe form of S cut to fit BUF[LEN] (LEN >= 1), never inside an
 * escape or a character; returns BUF. */
char *text_vis_buf(const char *s, unsigned flags, char *buf, size_t len);

/* True for the Unicode format characters that change how text around them
 * reads without showing themselves: U+00AD, U+061C, U+180E, U+200B..200F,
 * U+2028..202E, U+2060..2064, U+2066..206F, U+FEFF, U+FFF9..FFFB,
 * U+E0001, U+E0020..E007F.  Ids, topics and names refuse them. */
bool text_cp_is_format(uint32_t cp);

/*
 * The first character in the valid UTF-8 S[0..LEN) that a name, id or
 * topic must not hold: a control (any C0 or C1, DEL) or a format
 * character.  Returns its byte offset (and *CP) or -1 when none.
 */
long text_find_unsafe(const char *s, size_t len, uint32_t *cp);

#endif
