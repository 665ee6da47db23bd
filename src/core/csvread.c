/*
 * csvread.c - RFC 4180 records with line numbers (see csvread.h).
 *
 * libcsv does the tokenising but does not count lines, so we feed it one
 * line at a time (a piece never spans a '\n') and note the line on which
 * each record's first non-blank byte arrives.  A record is collected into
 * one reusable arena; nothing else of the file stays in memory.  On
 * malformed CSV libcsv cannot go on, so we report the line, start a fresh
 * parser at the next line and continue: later problems may follow from the
 * first, but one stray quote does not hide the rest of a file's problems.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "whose/safefile.h"
#include "whose/text.h"

/* Bytes by which libcsv grows a field's buffer. */
#define CSVREAD_BLOCK 65536

struct csvread {
	const struct csvread_limits *lim;
	const struct csvread_ops *ops;
	void *ctx;
	int stop;

	long line;
	bool in_record;
	long rec_line;
	size_t rec_bytes;
	bool any_record;

	char **field;
	size_t *off;
	size_t *len;
	bool *too_long;
	size_t nfields;
	char *arena;
	size_t arena_len, arena_cap;
};

/* The first CR or LF in S[0..N), or NULL. */
static char *csvread_eol(char *s, size_t n)
{
	char *lf = memchr(s, '\n', n);
	char *cr = memchr(s, '\r', lf != NULL ? (size_t)(lf - s) : n);

	return cr != NULL ? cr : lf;
}

static void csvread_problem(struct csvread *r, long line, const char *msg)
{
	r->ops->problem(line, msg, r->ctx);
}

static void csvread_on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	size_t i = r->nfields++, keep;

	if (i >= r->lim->max_columns || r->stop != 0)
		return;
	r->len[i] = len;
	r->too_long[i] = len > r->lim->max_field;
	keep = r->too_long[i] ? 0 : len;
	if (r->arena_len + keep + 1 > r->arena_cap) {
		size_t cap = r->arena_cap ? r->arena_cap : 4096;
		char *grown;

		while (cap < r->arena_len + keep + 1)
			cap *= 2;
		grown = realloc(r->arena, cap);
		if (grown == NULL) {
			r->stop = -1;
			return;
		}
		r->arena = grown;
		r->arena_cap = cap;
	}
	r->off[i] = r->arena_len;
	if (keep > 0)
		memcpy(r->arena + r->arena_len, s, keep);
	r->arena[r->arena_len + keep] = '\0';
	r->arena_len += keep + 1;
}

static void csvread_reset_record(struct csvread *r)
{
	r->nfields = 0;
	r->arena_len = 0;
	r->in_record = false;
	r->rec_bytes = 0;
}

static void csvread_on_record(int c, void *data)
{
	struct csvread *r = data;
	struct csvread_record rec;
	size_t n = r->nfields < r->lim->max_columns ? r->nfields : r->lim->max_columns;

	(void)c;
	if (r->stop == 0) {
		/* The arena may have moved while the record grew: point now. */
		for (size_t i = 0; i < n; i++)
			r->field[i] = r->arena + r->off[i];
		rec.field = r->field;
		rec.len = r->len;
		rec.too_long = r->too_long;
		rec.n = r->nfields;
		rec.line = r->rec_line;
		r->any_record = true;
		r->stop = r->ops->record(&rec, r->ctx);
	}
	csvread_reset_record(r);
}

static bool csvread_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

static int csvread_init_parser(struct csv_parser *p)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return -1;
	/* libcsv grows a field's buffer by a fixed block (128 bytes by
	 * default), copying it each time: a field of a megabyte (the most a
	 * record may reach) took thousands of copies, quadratic in its size
	 * (50 s under AddressSanitizer).  Big blocks keep it to a few. */
	csv_set_blk_size(p, CSVREAD_BLOCK);
	return 0;
}

int csvread_file(const char *path, const struct csvread_limits *lim,
		 const struct csvread_ops *ops, void *ctx, bool *empty)
{
	struct csvread r;
	struct csv_parser p;
	char buf[65536], msg[256];
	struct whose_error oerr;
	uint64_t done = 0;
	bool first = true, skip_line = false, give_up = false, after_cr = false;
	FILE *f;
	size_t n;

	memset(&r, 0, sizeof(r));
	r.lim = lim;
	r.ops = ops;
	r.ctx = ctx;
	r.line = 1;
	if (empty != NULL)
		*empty = true;
	/* Never blocks on a FIFO or a device planted among the files, and
	 * reads only regular files (a learner's own bank may be a link). */
	whose_error_clear(&oerr);
	errno = 0;
	f = safefile_fopen_read(path, true, &oerr);
	if (f == NULL) {
		if (oerr.code == WHOSE_ENOTFOUND)
			snprintf(msg, sizeof(msg), "cannot open: %s", strerror(ENOENT));
		csvread_problem(&r, 0, oerr.code == WHOSE_ENOTFOUND ? msg : oerr.msg);
		return 0;
	}
	r.field = calloc(lim->max_columns, sizeof(char *));
	r.off = calloc(lim->max_columns, sizeof(size_t));
	r.len = calloc(lim->max_columns, sizeof(size_t));
	r.too_long = calloc(lim->max_columns, sizeof(bool));
	if (r.field == NULL || r.off == NULL || r.len == NULL || r.too_long == NULL ||
	    csvread_init_parser(&p) != 0) {
		r.stop = -1;
		goto out_noparser;
	}
	while (r.stop == 0 && !give_up && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		size_t off = 0;

		done += n;
		if (ops->progress != NULL)
			ops->progress(done, ctx);
		if (first) {
			first = false;
			if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
				off = 3;
		}
		while (off < n && r.stop == 0 && !give_up) {
			/* A line ends at LF, CR LF or a lone CR (old Mac files):
			 * libcsv splits records at each, so lines are counted
			 * the same way (the LF of a CR LF is not a new line). */
			char *nl = csvread_eol(buf + off, n - off);
			size_t len = nl != NULL ? (size_t)(nl - (buf + off)) + 1 : n - off;
			const char *piece = buf + off;
			bool crlf_tail = nl == buf + off && *nl == '\n' && after_cr;

			if (memchr(piece, '\0', len) != NULL) {
				csvread_problem(&r, r.line, "NUL byte: this is not a text CSV file");
				give_up = true;
				break;
			}
			if (!skip_line) {
				if (!r.in_record && !csvread_blank(piece, len)) {
					r.in_record = true;
					r.rec_line = r.line;
				}
				if (r.in_record) {
					r.rec_bytes += len;
					if (r.rec_bytes > lim->max_record) {
						/* Say both causes: a quote left open
						 * swallows the rest of the file, but a
						 * hostile or broken file may simply hold a
						 * huge field. */
						snprintf(msg, sizeof(msg),
							 "a record longer than %zu bytes: is a quote left open? (a field holds at most %zu bytes)",
							 lim->max_record, lim->max_field);
						csvread_problem(&r, r.rec_line, msg);
						give_up = true;
						break;
					}
				}
				if (csv_parse(&p, piece, len, csvread_on_field, csvread_on_record, &r) != len &&
				    r.stop == 0) {
					if (csv_error(&p) == CSV_ENOMEM) {
						r.stop = -1;
						break;
					}
					csvread_problem(&r, r.line,
							"malformed CSV: a quote inside an unquoted field, or text after a closing quote: quote the whole field and double each quote inside it (\"\")");
					csv_free(&p);
					csvread_reset_record(&r);
					if (csvread_init_parser(&p) != 0) {
						r.stop = -1;
						goto out_noparser;
					}
					skip_line = true;
				}
			}
			if (nl != NULL && lim->one_line && r.in_record && !skip_line && r.stop == 0) {
				/* The line ended inside a quote: in a file of
				 * one-line records that is a record cut short. */
				csvread_problem(&r, r.rec_line,
						"a quote is left open at the end of the line (a row cut short, or edited by hand): this row is skipped; close the quote or remove the line");
				csv_free(&p);
				csvread_reset_record(&r);
				if (csvread_init_parser(&p) != 0) {
					r.stop = -1;
					goto out_noparser;
				}
			}
			if (nl != NULL) {
				if (!crlf_tail)
					r.line++;
				skip_line = false;
			}
			after_cr = nl != NULL && *nl == '\r';
			off += len;
		}
	}
	if (ferror(f) && r.stop == 0) {
		snprintf(msg, sizeof(msg), "read error: %s", strerror(errno));
		csvread_problem(&r, 0, msg);
	}
	if (r.stop == 0 && !give_up &&
	    csv_fini(&p, csvread_on_field, csvread_on_record, &r) != 0 && r.stop == 0)
		csvread_problem(&r, r.rec_line, "a quoted field is never closed: add the closing quote");
	csv_free(&p);
out_noparser:
	fclose(f);
	if (empty != NULL)
		*empty = !r.any_record && !give_up;
	free(r.field);
	free(r.off);
	free(r.len);
	free(r.too_long);
	free(r.arena);
	return r.stop;
}

const char *csvread_quote(const char *s, char *buf, size_t len)
{
	size_t n = strlen(s), i = 0, o = 0;
	/* Each character gives at most its own bytes: when S fits whole, no
	 * cut is needed; otherwise keep room for "..." after each one. */
	bool cut = n >= len;

	while (i < n) {
		size_t k = text_utf8_seq_len((unsigned char)s[i]);
		const char *put = s + i;
		size_t put_len = k;

		if (k == 0 || k > n - i || !text_utf8_valid(s + i, k, NULL) ||
		    text_find_control(s + i, k, NULL) >= 0) {
			put = "?";
			put_len = 1;
			k = 1;
		}
		if (cut && o + put_len + 4 > len) {
			if (o + 4 <= len) {
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(buf + o, put, put_len);
		o += put_len;
		i += k;
	}
	buf[o] = '\0';
	return buf;
}

void csvread_tidy_message(char *buf)
{
	size_t n, start;

	for (char *p = buf; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	/* Find the lead byte of the last character; drop it if incomplete. */
	n = strlen(buf);
	start = n;
	while (start > 0 && ((unsigned char)buf[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0) {
		size_t k = text_utf8_seq_len((unsigned char)buf[start - 1]);

		if (k > 1 && start - 1 + k > n)
			buf[start - 1] = '\0';
	}
}

int csvread_vreport(struct bank_report *rep, const char *path, long line,
		    const char *fmt, va_list ap)
{
	char buf[1536], name[512];
	char **grown;
	char *copy;
	int n;

	/* The file name as the terminal may show it. */
	text_vis_buf(path, 0, name, sizeof(name));
	n = line > 0 ? snprintf(buf, sizeof(buf), "%s:%ld: ", name, line)
		     : snprintf(buf, sizeof(buf), "%s: ", name);

	if (n < 0 || (size_t)n >= sizeof(buf))
		n = 0;
	vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	/* One line, valid UTF-8: a quoted field may hold line breaks, and a
	 * long one may have been cut inside a character. */
	csvread_tidy_message(buf);
	rep->nerrors++;
	if (rep->nmessages >= BANK_MAX_MESSAGES)
		return 0;
	grown = realloc(rep->messages, (rep->nmessages + 1) * sizeof(char *));
	if (grown == NULL)
		return -1;
	rep->messages = grown;
	copy = strdup(buf);
	if (copy == NULL)
		return -1;
	rep->messages[rep->nmessages++] = copy;
	return 0;
}
