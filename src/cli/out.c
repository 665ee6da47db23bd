/*
 * out.c - the command line's standard output as the terminal sees it: a
 * stdio stream that sends every byte written to it through text_vis
 * before it reaches the real stream.  Every command and plain mode print
 * through it (cli->out), so a topic, id, name, file name or typed value
 * read from anywhere can never act on the terminal, whichever printf
 * happens to print it.
 *
 * stdio may hand a write over in pieces that split a UTF-8 character (a
 * full buffer, an fflush between two printf calls): the unfinished tail
 * is held back until the next piece, so that it is not shown as "\xNN".
 */
#define _GNU_SOURCE 1
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "whose/text.h"

struct cli_vis {
	FILE *under;
	unsigned flags;
	char carry[4];   /* an unfinished UTF-8 character from the last piece */
	size_t ncarry;
	bool failed;     /* a write to UNDER failed */
};

static void cli_vis_put(const char *piece, size_t n, void *ctx)
{
	struct cli_vis *v = ctx;

	if (fwrite(piece, 1, n, v->under) != n)
		v->failed = true;
}

/* Bytes at the end of S[0..N) that begin a UTF-8 character not yet
 * complete (0..3). */
static size_t cli_vis_unfinished(const unsigned char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = s[n - k];

		if ((c & 0xC0) == 0x80)
			continue;  /* a continuation byte: look further back */
		return text_utf8_seq_len(c) > k ? k : 0;
	}
	return 0;
}

static ssize_t cli_vis_write(void *cookie, const char *buf, size_t size)
{
	struct cli_vis *v = cookie;
	size_t total = v->ncarry + size, hold;
	char *all = malloc(total ? total : 1);

	if (all == NULL)
		return -1;
	memcpy(all, v->carry, v->ncarry);
	memcpy(all + v->ncarry, buf, size);
	hold = cli_vis_unfinished((const unsigned char *)all, total);
	text_vis_emit(all, total - hold, v->flags, cli_vis_put, v);
	memcpy(v->carry, all + total - hold, hold);
	v->ncarry = hold;
	free(all);
	if (fflush(v->under) != 0)
		v->failed = true;
	return v->failed ? -1 : (ssize_t)size;
}

static int cli_vis_close(void *cookie)
{
	struct cli_vis *v = cookie;
	int rc;

	/* A character still unfinished at the end is shown as the bytes it
	 * is. */
	text_vis_emit(v->carry, v->ncarry, v->flags, cli_vis_put, v);
	rc = fflush(v->under) != 0 || v->failed ? -1 : 0;
	free(v);
	return rc;
}

FILE *cli_vis_stream(FILE *under, unsigned flags)
{
	static const cookie_io_functions_t io = {
		.write = cli_vis_write,
		.close = cli_vis_close,
	};
	struct cli_vis *v = calloc(1, sizeof(*v));
	FILE *f;

	if (v == NULL)
		return NULL;
	v->under = under;
	v->flags = TEXT_VIS_NL | TEXT_VIS_TAB | flags;
	f = fopencookie(v, "w", io);
	if (f == NULL) {
		free(v);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, BUFSIZ);
	return f;
}

unsigned cli_vis_flags(void)
{
	const char *cs = nl_langinfo(CODESET);

	/* In a locale that is not UTF-8, a UTF-8 character's bytes may read
	 * as C1 controls (0x9B is CSI to an 8-bit terminal): ASCII only. */
	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0) ? 0 : TEXT_VIS_ASCII;
}

/* S as a JSON string in ASCII: controls and every character beyond ASCII
 * (C1, bidi, zero-width ones among them) are written as \uXXXX escapes:
 * the same string to a JSON reader, nothing that can act on a terminal
 * showing the raw output, and valid JSON in any locale.  A byte that is
 * not UTF-8 becomes U+FFFD. */
void cli_json_str(FILE *f, const char *s)
{
	size_t len = strlen(s), i = 0;

	fputc('"', f);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = text_utf8_seq_len(c);
		uint32_t cp;

		switch (c) {
		case '"': fputs("\\\"", f); i++; continue;
		case '\\': fputs("\\\\", f); i++; continue;
		case '\n': fputs("\\n", f); i++; continue;
		case '\t': fputs("\\t", f); i++; continue;
		case '\r': fputs("\\r", f); i++; continue;
		default: break;
		}
		if (n == 0 || n > len - i || !text_utf8_valid(s + i, n, NULL)) {
			fputs("\\ufffd", f);
			i++;
			continue;
		}
		text_utf8_next(s + i, n, &cp);
		if (cp < 0x20 || cp >= 0x7F) {
			if (cp > 0xFFFF) {
				cp -= 0x10000;
				fprintf(f, "\\u%04x\\u%04x", 0xD800u + (unsigned)(cp >> 10),
					0xDC00u + (unsigned)(cp & 0x3FF));
			} else {
				fprintf(f, "\\u%04x", (unsigned)cp);
			}
		} else {
			fwrite(s + i, 1, n, f);
		}
		i += n;
	}
	fputc('"', f);
}
