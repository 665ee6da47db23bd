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

#include "whose/attempt.h"
#include "whose/question.h"
#include "whose/store.h"

#define PLAIN_SHOW_LINE_MAX 4096

/* Print S sanitized, with PREFIX on its first line and two spaces before
 * each further line. */
void plain_show_text(FILE *out, const char *prefix, const char *s);

/* How plain_show_question shows the options. */
enum plain_show_style {
	/* No line on how to answer (a recap after the end). */
	PLAIN_SHOW_NO_HINTS = 2,
};

/* The question of attempt A: its text, then its choices and how to
 * answer, in STYLE (PLAIN_SHOW_* flags). */
void plain_show_question(FILE *out, const struct attempt *a, int style);

/*
 * The feedback of the graded attempt A, as the core words it
 * (attempt_feedback): the verdict ("RIGHT: the answer is b."), the text
 * of the right choices, a "Why not" for each wrong choice picked, the
 * sort items placed wrongly, the explanation and the source.  VERDICT and
 * NOTE as attempt_feedback takes them.
 */
void plain_show_feedback(FILE *out, const struct attempt *a,
			 const char *verdict, const char *note);

/*
 * Parse one line of answer LINE to attempt A into R (GIVEN set), by the
 * one key map of every mode (keys_parse_line): choices by letter, who by
 * a c s (or aws customer shared), true/false by t f, sort by a letter per
 * item.  Returns 0 when it is a complete answer, or -1 with a hint for
 * the learner in HINT[LEN].
 */
int plain_parse_answer(const struct attempt *a, const char *line,
		       struct question_response *r, char *hint, size_t len);

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
