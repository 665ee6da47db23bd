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

#endif
