/*
 * tui_int.h - what the files of the full-screen front end share: the
 * running state, the screen interface and the drawing helpers.  Not a
 * public header: only src/tui/ includes it.
 *
 * A screen is a table of callbacks (ncdu's *_draw / *_key):
 *
 *     draw    paint the whole screen from t->cols x t->lines; called after
 *             every key, every resize and every second for screens that
 *             tick.  Never decides anything.
 *     keys    what the keys mean now: a TUI_CTX_* mask for the key table,
 *             and how many choices or items the counted keys cover.
 *             Optional: without it the keys are those of ctx, uncounted.
 *     key     do what the key table said (an action and its argument).
 *     resize  the window changed size: forget anything measured.
 *     free    release the screen (a study screen saves its session).
 *     tick    optional: a second went by with no key (a countdown ends an
 *             exam or a drill question here, never in draw).
 *
 * A key handler never switches screens by itself: it asks tui_switch, and
 * the loop in tui.c frees the old screen once the handler has returned.
 */
#ifndef WHOSE_TUI_INT_H
#define WHOSE_TUI_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/keymap.h"
#include "tui/layout.h"
#include "tui/list.h"
#include "whose/clock.h"
#include "whose/config.h"
#include "whose/drill.h"
#include "whose/error.h"
#include "whose/exam.h"
#include "whose/session.h"
#include "whose/store.h"

struct tui;
struct tui_exam_how;     /* tui/tui.h */
struct tui_screen;

struct tui_screen_ops {
	const char *name;
	unsigned ctx;             /* the key context when there is no keys op */
	void (*draw)(struct tui *t, struct tui_screen *s);
	unsigned (*keys)(struct tui *t, struct tui_screen *s, size_t *count);
	void (*key)(struct tui *t, struct tui_screen *s, enum tui_action a, int arg);
	void (*resize)(struct tui *t, struct tui_screen *s);
	void (*free)(struct tui *t, struct tui_screen *s);
	/* optional: the clock moved on a second (a countdown looks at it);
	 * called before the frame, it may switch screens */
	void (*tick)(struct tui *t, struct tui_screen *s);
	bool ticks;               /* shows a running clock */
	bool home;                /* the home screen: its q quits whose */
	/* optional: q was pressed; true lets the learner leave (for the home
	 * screen, or out when whose started in this mode), false keeps the
	 * screen (it asked the learner to confirm).  A screen with a quit
	 * op also gets key() with TUI_ACT_NONE for a key that does nothing
	 * there, so that any other key takes its question back. */
	bool (*quit)(struct tui *t, struct tui_screen *s);
	/* optional: sees every key first (a line being typed); true when it
	 * took the key */
	bool (*raw)(struct tui *t, struct tui_screen *s, int key);
};

/* Each screen's state starts with this. */
struct tui_screen {
	const struct tui_screen_ops *ops;
};

/* The running front end.  One per tui_run. */
struct tui {
	struct store *store;              /* borrowed from the caller */
	const struct config *cfg;
	const struct whose_clock *clock;
	struct session_opts base;         /* the caller's options (seed...) */
	bool home;                        /* sessions return to the home screen */
	bool utf8;                        /* the locale's characters are UTF-8 */
	bool colour;                      /* colours are on (terminal, NO_COLOR) */
	int cols, lines;                  /* the window, as of the last frame */
	struct tui_screen *screen;        /* on screen */
	struct tui_screen *next;          /* to be shown after this key */
	bool quit;
	bool help;                        /* the key overlay is open */
	size_t help_top;                  /* its scroll */
	bool help_more;                   /* it is cut: lines below or above */
	int rc;                           /* the first error, or 0 */
	struct whose_error *err;
	char notice[256];                 /* one line for the learner, clean */
	struct config cfg_live;           /* the settings once changed here
	                                     (tui_settings); cfg points to it */
	enum tui_style notice_style;
	char *skipped;                    /* the questions sessions passed
	                                     over (session_take_notice), for
	                                     the next summary; owned, raw */
};

/* ---- tui.c ------------------------------------------------------------ */

/* Take the terminal: signal flags, stderr held, curses on.  Idempotent;
 * 0 or WHOSE_EIO (the terminal cannot be used) with ERR filled. */
int tui_start(struct tui *t, struct whose_error *err);

/* Give the terminal back exactly as it was and replay what was written to
 * stderr meanwhile.  Idempotent; also run by atexit. */
void tui_stop(void);

/* The signal caught while the terminal was taken (SIGINT, SIGTERM...),
 * or 0: for a loop of its own (screen_class.c) to leave through tui_stop. */
int tui_signal_caught(void);

/*
 * Leave the full screen for a moment to show TEXT[N] (raw: made safe
 * here), one entry a line, under "Question TITLE:" (no title when NULL)
 * as ordinary output, which the terminal wraps itself, so that a long
 * link can be copied or opened whole; back to the full screen on Enter
 * (or a signal, which the main loop then sees).
 */
void tui_show_outside(struct tui *t, const char *title, const char *const *text,
		      size_t n);

/* A new screen state of SIZE bytes (its struct tui_screen first), zeroed,
 * with OPS; NULL when memory runs out (tui_fail has been called). */
void *tui_screen_new(struct tui *t, size_t size, const struct tui_screen_ops *ops);

/* Show NEXT after the current key (the current screen is freed then). */
void tui_switch(struct tui *t, struct tui_screen *next);

/* A core error RC (with t->err filled): leave, and report it. */
void tui_fail(struct tui *t, int rc);

/* m: mark attempt A's question for review, or unmark it (the bookmark of
 * every mode), and say which.  Returns whether it is marked now. */
bool tui_mark(struct tui *t, const struct attempt *a);

/* Show a one-line message until the next key. */
void tui_notice(struct tui *t, enum tui_style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- draw.c ----------------------------------------------------------- */

/* Symbols, drawn in UTF-8 or as their ASCII fallback. */
enum tui_sym {
	TUI_SYM_RIGHT,    /* ✔ */
	TUI_SYM_WRONG,    /* ✘ */
	TUI_SYM_CURSOR,   /* ▸ */
	TUI_SYM_MORE_UP,  /* ▲ */
	TUI_SYM_MORE_DOWN,/* ▼ */
	TUI_SYM_DOT,      /* · between header items */
	TUI_NSYMS
};

/* Set up colours or attributes for every style (after curses started). */
void tui_draw_init(struct tui *t);

/* The symbol S for this terminal. */
const char *tui_draw_sym(const struct tui *t, enum tui_sym s);

/* Draw clean text S at Y, X in STYLE, at most MAXCOLS columns (and never
 * past the window's edge).  Returns the columns drawn. */
size_t tui_draw_text(struct tui *t, int y, int x, const char *s, size_t maxcols,
		     enum tui_style style);

/* Clean raw (bank) text S, cut it to MAXCOLS with an ellipsis, draw it. */
size_t tui_draw_raw(struct tui *t, int y, int x, const char *s, size_t maxcols,
		    enum tui_style style);

/* Draw S right-aligned so that it ends at column END (exclusive). */
void tui_draw_right(struct tui *t, int y, size_t end, const char *s,
		    enum tui_style style);

/* Fill line Y with blanks in STYLE. */
void tui_draw_fill(struct tui *t, int y, enum tui_style style);

/* The top line: LEFT (raw text, cut when needed) and RIGHT (clean). */
void tui_draw_header(struct tui *t, const char *left, const char *right);

/* The bottom line: the footer keys of CTX from the key table. */
void tui_draw_footer(struct tui *t, unsigned ctx, size_t count);

/* The notice, if any, on line Y; returns whether there was one. */
bool tui_draw_notice(struct tui *t, int y);

/* A bar of W columns filled to FRAC at Y, X. */
void tui_draw_bar(struct tui *t, int y, int x, size_t w, double frac);

/* Lines TOP.. of D in the rectangle at Y, X of H lines; marks on the right
 * edge say when there is more above or below. */
void tui_draw_doc(struct tui *t, const struct tui_doc *d, int y, int x, int h,
		  size_t top);

/*
 * List L in the ROWS lines from line Y: the top moved so that the cursor
 * is in view (tui_list_follow), then ROW called for each entry in view
 * with its line, its index and whether the cursor is on it (CTX passed
 * on).  An empty list shows EMPTY (clean text, dimmed) at Y instead, when
 * it is not NULL.
 */
void tui_draw_list(struct tui *t, struct tui_list *l, int y, int rows, const char *empty,
		   void (*row)(struct tui *t, int y, size_t i, bool cur, void *ctx), void *ctx);

/* The "window too small" notice. */
void tui_draw_too_small(struct tui *t);

/* The key overlay for context CTX. */
void tui_draw_help(struct tui *t, unsigned ctx, size_t count);

/* ---- question_view.c -------------------------------------------------- */

/* One question on screen: a renderer over the attempt that a session,
 * exam or drill owns (borrowed for as long as it is on screen).  Keys
 * become edits of the attempt's response, which the core holds (and, in
 * an exam, saves at every change); the view keeps only the cursor. */
struct tui_qview {
	const struct attempt *a;
	size_t cursor;                   /* sort: the item under the cursor */
};

/* Show attempt A (the cursor on its first unsorted item). */
void tui_qview_set(struct tui_qview *v, const struct attempt *a);

/* The body while V waits for an answer (the response so far marked),
 * into D. */
void tui_qview_asking(struct tui *t, const struct tui_qview *v, struct tui_doc *d);

/* The body after grading into D: the verdict (VERDICT and NOTE as
 * attempt_feedback takes them), the question with the response and the
 * right answer marked, why not, why, the source.  A card shows its back. */
void tui_qview_answered(struct tui *t, const struct tui_qview *v,
			const char *verdict, const char *note, struct tui_doc *d);

/* What to type now, for the status line, into BUF[LEN]. */
void tui_qview_hint(const struct tui_qview *v, char *buf, size_t len);

/* The key context of V while it asks (its type's, from keymap.h). */
unsigned tui_qview_context(const struct tui_qview *v);

/* The first line to show of D (V's body) in ROWS rows, from TOP, so that
 * the sort item under the cursor stays in view. */
size_t tui_qview_follow(const struct tui_qview *v, const struct tui_doc *d,
			size_t top, size_t rows);

/* The source link of A shown whole, outside the full screen (o). */
void tui_qview_show_source(struct tui *t, const struct attempt *a);

/* How many options or items V shows (the counted answer keys: a-d for
 * four choices, 1-5 for five sort items). */
size_t tui_qview_count(const struct tui_qview *v);

/* Apply answer key ACT (ANSWER with the key as ARG, CONFIRM, UP, DOWN)
 * to the response of EDIT, the attempt V shows as its owner lends it for
 * editing (session_attempt, exam_attempt, drill_attempt: NULL when it may
 * not change any more, and the key is ignored).  Returns 1 when the learner has given a complete
 * answer to take (a choice, an owner, true or false picked, or Enter on
 * a complete multi or sort answer), 0 when the response only changed (a
 * notice says what is missing after an early Enter), or a negative
 * WHOSE_E* code when the edit could not be saved (ERR filled). */
int tui_qview_key(struct tui *t, struct tui_qview *v, struct attempt *edit,
		  enum tui_action act, int arg, struct whose_error *err);

/* ---- the screens ------------------------------------------------------ */

/* Home: due counts, the scoreboard, and the keys that start things.  NULL
 * on failure (tui_fail has been called). */
struct tui_screen *tui_home_new(struct tui *t);

/* Choose topics to practise. */
struct tui_screen *tui_pick_new(struct tui *t);

/* Statistics by topic. */
struct tui_screen *tui_stats_new(struct tui *t);

/* The flagged questions: full ids, questions and notes; u unflags. */
struct tui_screen *tui_flagged_new(struct tui *t);

/* The settings, as 'whose config': move, Enter changes one, d puts it
 * back to its default; a change applies at once. */
struct tui_screen *tui_settings_new(struct tui *t);

/* The questions found: with the search box taking keys (/), or on the
 * list of every question (b).  NULL on failure (tui_fail called). */
struct tui_screen *tui_browse_search_new(struct tui *t);
struct tui_screen *tui_browse_list_new(struct tui *t);

/* Switch to a new home screen (BACK from a screen the home opened). */
void tui_go_home(struct tui *t);

/*
 * The keys every list screen shares: A moves the cursor of L (PAGE entries
 * a page, tui_list_move), or Back goes to the home screen.  True when A
 * was one of those; the screen handles the others.
 */
bool tui_list_key(struct tui *t, struct tui_list *l, size_t page, enum tui_action a);

/*
 * A line being typed in BUF (CAP bytes, *LEN used, NUL-terminated): KEY
 * Backspace takes the last character away, a printable character (as
 * UTF-8) is added when it fits.  True when KEY was one of those.
 */
bool tui_line_edit(char *buf, size_t cap, size_t *len, int key);

/*
 * Start a session with options O (TOPICS[NTOPICS] copied) and show its
 * first question in *OUT.  WHOSE_ENOTFOUND when there is nothing to study
 * (no screen made); other errors with t->err filled.
 */
int tui_study_new(struct tui *t, const struct session_opts *o,
		  const int64_t *topics, size_t ntopics, struct tui_screen **out);

/*
 * Practise the questions IDS[N] (copied; a practice session moves no due
 * date) in place of the screen on view: the one way a screen starts a
 * practice of a list (browse's p, the exam result's P).  NONE is the
 * notice when N is 0 or none of them can be asked.
 */
void tui_practise_questions(struct tui *t, const int64_t *ids, size_t n, const char *none);

/* The end of a session: HEADLINE and the tallies T[N] (copied), then
 * what comes next (when the next review is due, how many tomorrow), asked
 * of the store. */
struct tui_screen *tui_summary_new(struct tui *t, const char *headline,
				   const struct session_tally *tally, size_t n,
				   enum session_mode mode);

/* A timed mock exam with options O: its questions, then its result.  NULL
 * on failure (tui_fail has been called). */
/* A new exam's start screen: its numbers; Enter starts it (tui_exam_new),
 * Esc goes back home (or out).  O is copied; its topics, config and clock
 * must outlive the exam. */
struct tui_screen *tui_exam_start_new(struct tui *t, const struct exam_opts *o);

/* The past exams, as 'whose exams': Enter reviews one, F forgets or
 * restores it (asking first), Esc goes back home. */
struct tui_screen *tui_exams_new(struct tui *t);

struct tui_screen *tui_exam_new(struct tui *t, const struct exam_opts *o,
				const struct tui_exam_how *how);

/* A drill with options O; at its end the row of student NAME is appended
 * to RESULTS (when not NULL).  NULL on failure (tui_fail called). */
struct tui_screen *tui_drill_new(struct tui *t, const struct drill_opts *o,
				 const char *name, const char *results);

#endif
