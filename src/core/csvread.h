/*
 * csvread.h - RFC 4180 records with line numbers, on top of libcsv.
 * Shared by the bank reader and the review-history importer; not a public
 * header.
 */
#ifndef WHOSE_CSVREAD_H
#define WHOSE_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

#include "whose/bank.h"

/* One record, borrowed for the duration of the callback. */
struct csvread_record {
	char **field;        /* NUL-terminated copies ("" when too long) */
	const size_t *len;   /* each field's length in the file */
	const bool *too_long;/* longer than max_field: not copied */
	size_t n;            /* fields in the record (may exceed max_columns:
	                        only the first max_columns are stored) */
	long line;           /* line of the record's first non-blank byte */
};

struct csvread_limits {
	size_t max_field;    /* bytes of one field kept */
	size_t max_record;   /* bytes of one record before the file is given up */
	size_t max_columns;  /* fields stored per record */
	bool one_line;       /* a record never spans lines (a results file):
	                        a quote still open at a line's end is reported
	                        there and reading starts again at the next
	                        line, so that it cannot swallow the rest */
};

struct csvread_ops {
	/* A record: return 0 to go on, negative to stop everything. */
	int (*record)(const struct csvread_record *rec, void *ctx);
	/* A problem at LINE (0: the file as a whole). */
	void (*problem)(long line, const char *msg, void *ctx);
	/* Bytes read so far (may be NULL). */
	void (*progress)(uint64_t bytes, void *ctx);
};

/*
 * Read the CSV file PATH record by record.  A byte-order mark is skipped;
 * LF and CRLF both end lines; a NUL byte or a record longer than the limit
 * ends the file with a problem; malformed quoting is reported and reading
 * starts again at the next line.  Returns 0 when the file was read (look at
 * the problems), the negative value a callback returned, or -1 when memory
 * ran out.  *EMPTY (may be NULL) tells whether the file held no record.
 */
int csvread_file(const char *path, const struct csvread_limits *lim,
		 const struct csvread_ops *ops, void *ctx, bool *empty);

/*
 * A field as a message may quote it, into BUF[LEN] (LEN >= 4): every byte
 * of invalid UTF-8 and every control character (C0, DEL, C1) becomes '?',
 * so that a hostile file cannot send escape sequences to the terminal that
 * shows the message, and a field that does not fit is cut at a character
 * boundary and ends in "...".  Returns BUF.
 */
const char *csvread_quote(const char *s, char *buf, size_t len);

/*
 * Make the message BUF one tidy line: tabs and line breaks (which fields of
 * the multi-line columns may hold, and messages quote) become spaces, and
 * a last character cut in two by snprintf is dropped.  BUF is valid UTF-8
 * but for that cut.
 */
void csvread_tidy_message(char *buf);

/*
 * Record a problem of the file PATH at LINE (0: the file as a whole) in
 * REP: the message "PATH:LINE: " + FMT, tidied to one line of valid UTF-8,
 * is counted, and kept while fewer than BANK_MAX_MESSAGES are.  Returns 0,
 * or -1 when memory ran out (the problem is then only counted).  Shared by
 * every reader of CSV files: banks, histories, drill results.
 */
int csvread_vreport(struct bank_report *rep, const char *path, long line,
		    const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

#endif
