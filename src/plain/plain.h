/*
 * plain.h - the plain front end: study as numbered lines of text, answers
 * read from a stream.  For screen readers, scripts and tests; the same
 * core, rules and storage as the full-screen interface.
 */
#ifndef WHOSE_PLAIN_H
#define WHOSE_PLAIN_H

#include <stdio.h>

#include "whose/session.h"

/*
 * Run a study session with options O on S, reading answers from IN and
 * writing to OUT.  End of input ends the session with everything saved.
 * Returns 0, or a negative WHOSE_E* code with ERR filled.
 */
int plain_study(struct store *s, const struct session_opts *o, FILE *in,
		FILE *out, struct whose_error *err);

/*
 * Parse one line of answer LINE to item IT into R.  Returns 0 when it is a
 * complete answer, or -1 with a hint for the learner in HINT[LEN].
 * Exposed for tests and the fuzzer.
 */
int plain_parse_answer(const struct session_item *it, const char *line,
		       struct question_response *r, char *hint, size_t len);

#endif
