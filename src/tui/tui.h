/*
 * tui.h - the full-screen (ncurses) front end.
 *
 * tui_start / tui_stop are the one pair that takes the terminal and gives
 * it back; tui_stop is idempotent and also runs from atexit and after a
 * fatal signal, so the terminal is restored however the program ends.
 */
#ifndef WHOSE_TUI_H
#define WHOSE_TUI_H

#include "whose/clock.h"
#include "whose/config.h"
#include "whose/drill.h"
#include "whose/exam.h"
#include "whose/session.h"
#include "whose/store.h"

/* Why the full screen cannot run on this terminal (TERM unset, "dumb",
 * unknown to terminfo, or without cursor addressing), or NULL when it can.
 * Does not touch the screen. */
const char *tui_term_problem(void);

/*
 * Run the trainer in the terminal on S: the home screen (scoreboard and the
 * keys that start a review, a practice, the stats...) when HOME is true,
 * otherwise straight into a session with options O (its config, clock and
 * seed are used for the sessions started from home too).  Returns 0 or a
 * negative WHOSE_E* code with ERR filled (the terminal is restored before
 * returning, so the caller may print).  S, CFG and CLOCK are borrowed.
 *
 * On SIGINT, SIGTERM or SIGHUP it saves what was answered, restores the
 * terminal and then dies of that signal (exit status 128 + signal): it
 * does not return.  Everything it wrote to stderr meanwhile is written out
 * once the terminal is restored.
 */
int tui_run(struct store *s, const struct config *cfg,
	    const struct whose_clock *clock, bool home,
	    const struct session_opts *o, struct whose_error *err);

/* Which exam tui_exam opens, and how. */
struct tui_exam_how {
	int64_t id;              /* 0: a new exam; else open exam ID, resumed */
	bool review;             /* open closed exam ID read-only instead */
	enum exam_filter filter; /* review: what to walk first (ALL: the result) */
	const char *topic;       /* review: the topic of EXAM_FILTER_TOPIC */
};

/*
 * Sit a timed mock exam with options O (its config and clock borrowed) on
 * S in the terminal, as HOW says: the questions with a countdown, then
 * the result and the review.  Every edit is saved at once; q (once
 * confirmed) leaves the exam open.  Returns 0 or a negative WHOSE_E* code
 * with ERR filled, the terminal restored; signals as for tui_run.
 */
int tui_exam(struct store *s, const struct exam_opts *o,
	     const struct tui_exam_how *how, struct whose_error *err);

/*
 * Run a drill with options O on S in the terminal, each question with its
 * countdown; at its end (or when the learner quits) append the row of
 * student NAME to RESULTS when it is not NULL.  Returns 0 or a negative
 * WHOSE_E* code with ERR filled, the terminal restored.
 */
int tui_drill(struct store *s, const struct drill_opts *o, const char *name,
	      const char *results, struct whose_error *err);

/* A student's live class, full screen, on the connected socket FD (the
 * HELLO not sent yet) of TEACHER (the account the kernel says answers on
 * it, shown on the top line).  Returns an exit code: 0 when the class ended. */
int tui_class_join(int fd, const char *teacher, struct whose_error *err);

/* The teacher's live class, full screen: the host's loop says text
 * (already terminal-safe) and a status line, and asks for the teacher's
 * commands (1 with a whole command in CMD[LEN], 0 for none yet) when the
 * keyboard is readable.  Stop gives the terminal back and prints what was
 * said, so that the results stay on screen. */
int tui_class_host_start(struct whose_error *err);
void tui_class_host_say(const char *text);
void tui_class_host_status(const char *text);
int tui_class_host_input(char *cmd, size_t len);
int tui_class_host_signalled(void);
void tui_class_host_stop(void);

#endif
