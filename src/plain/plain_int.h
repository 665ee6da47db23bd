/*
 * plain_int.h - what the plain front ends share (plain_show.c): printing a
 * question, the right answer and its explanation as plain lines, and
 * reading lines against a deadline.  Not a public header.
 *
 * Every line printed is complete and stands on its own; text from the bank
 * goes through text_vis (the one terminal-safe function), so no control character of a bank reaches
 * the terminal.
 */
#ifndef WHOSE_PLAIN_INT_H
#define WHOSE_PLAIN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "whose/question.h"
#include "whose/store.h"

#define PLAIN_SHOW_LINE_MAX 4096

/* Print S sanitized, with PREFIX on its first line and two spaces before
 * each further line. */
void plain_show_text(FILE *out, const char *prefix, const char *s);

/* How plain_show_question shows the options. */
enum plain_show_style {
	/* Who and true/false options by number (1-3, 1-2), for modes where
	 * letters such as s and f are commands; otherwise as the review
	 * shows them (a c s, t f). */
	PLAIN_SHOW_NUMBERED = 1,
	/* No line on how to answer (a recap after the end). */
	PLAIN_SHOW_NO_HINTS = 2,
};

/* The question ITEM (parsed as Q, choices shown in ORDER): its text, then
 * its choices and how to answer, in STYLE (PLAIN_SHOW_* flags). */
void plain_show_question(FILE *out, const struct store_item *item,
			 const struct question *q, const size_t *order,
			 int style);

/* The right answer of Q in the numbering shown ("2", "1, 3", "AWS",
 * "false", "AWS, Customer, Shared") into BUF[LEN]. */
void plain_show_right(const struct question *q, const size_t *order,
		      char *buf, size_t len);

/* Response R to Q in the numbering shown, as plain_show_right. */
void plain_show_response(const struct question *q, const size_t *order,
			 const struct question_response *r, char *buf,
			 size_t len);

/*
 * After the verdict: the text of the right choices, a "Why not" for each
 * wrong choice picked, for a sort the items placed wrongly, then the
 * explanation and the source.  R is NULL when there was no answer.
 */
void plain_show_explain(FILE *out, const struct store_item *item,
			const struct question *q, const size_t *order,
			const struct question_response *r, bool correct);

/* Print S sanitized, on one line (line breaks as spaces), then spaces up
 * to COLS terminal columns. */
void plain_show_padded(FILE *out, const char *s, size_t cols);

/* Seconds left (rounded up) of MS as "m:ss" into BUF[LEN]. */
void plain_show_clock(long long ms, char *buf, size_t len);

/* Lines read straight from a file descriptor, so that poll() sees what is
 * waiting (stdio would hide lines in its buffer). */
struct plain_lines {
	int fd;
	bool tty;        /* a terminal: the learner's typing is echoed */
	bool eof;
	size_t len;      /* bytes held in BUF */
	char buf[PLAIN_SHOW_LINE_MAX];
};

enum plain_lines_result {
	PLAIN_LINES_OK,       /* a line */
	PLAIN_LINES_TIMEOUT,  /* the deadline passed first */
	PLAIN_LINES_EOF,      /* end of input (or a read error) */
};

/* Start reading FD. */
void plain_lines_init(struct plain_lines *l, int fd);

/*
 * Print PROMPT and "> " to OUT (and a newline when the input is not a
 * terminal, so the output stays one line per line), then wait up to
 * TIMEOUT_MS (negative: for ever) for a line.  The line goes into
 * LINE[LEN] without its end or trailing blanks; a line longer than that is
 * cut and the rest of it dropped.
 */
enum plain_lines_result plain_lines_read(struct plain_lines *l, FILE *out,
					 const char *prompt, long long timeout_ms,
					 char *line, size_t len);

#endif
