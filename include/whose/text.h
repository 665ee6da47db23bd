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

/* Copy S into a newly allocated string with C0/C1 controls (but newline)
 * replaced by U+FFFD-free '?' so it is safe to print; NULL on no memory. */
char *text_sanitize(const char *s);

#endif
