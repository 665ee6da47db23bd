/*
 * plain_exam.h - the plain front ends of the timed modes: a mock exam and
 * a classroom drill, as numbered lines of text, answers read from a file
 * descriptor with poll() so that a countdown runs out even when nothing
 * is typed.
 */
#ifndef WHOSE_PLAIN_EXAM_H
#define WHOSE_PLAIN_EXAM_H

#include <stdio.h>

#include "whose/drill.h"
#include "whose/exam.h"

/*
 * Sit an exam with options O on S (ID 0: a new one; otherwise resume open
 * exam ID), reading commands and answers from IN and writing to OUT.  The
 * exam is submitted by the learner, when the time is up (even with no
 * input; also while away, noticed on resuming), or at end of input; then
 * the result is shown.  q leaves it open.  Returns 0, or a negative
 * WHOSE_E* code with ERR filled.
 */
int plain_exam(struct store *s, const struct exam_opts *o, int64_t id, int in,
	       FILE *out, struct whose_error *err);

/*
 * Show closed exam ID of S read-only on OUT: its result, then the
 * questions passing WHICH (TOPIC for EXAM_FILTER_TOPIC) with the answer
 * given, the time spent and the explanation.  O gives the configuration
 * and the clock.  Returns 0 or a negative WHOSE_E* code with ERR filled.
 */
int plain_exam_past(struct store *s, const struct exam_opts *o, int64_t id,
		    enum exam_filter which, const char *topic, FILE *out,
		    struct whose_error *err);

/*
 * Run a drill with options O on S, reading answers from IN and writing to
 * OUT; then, when RESULTS is not NULL, append the row of student NAME to
 * that file.  Returns 0, or a negative WHOSE_E* code with ERR filled.
 */
int plain_drill(struct store *s, const struct drill_opts *o, const char *name,
		const char *results, int in, FILE *out,
		struct whose_error *err);

#endif
