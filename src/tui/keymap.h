/*
 * keymap.h - every key of the full-screen front end, as data.
 *
 * One table (keymap.c) says, for each screen context, which key does what.
 * The same table drives the dispatch (tui_keymap_lookup), the footer
 * (tui_keymap_footer) and the "?" overlay (tui_keymap_help), so that what
 * the screen says and what the keys do cannot drift apart (htop's
 * Action.c).  No curses here: tui.c translates curses' key codes into the
 * codes below, and the tests exercise the table directly.
 */
#ifndef WHOSE_TUI_KEYMAP_H
#define WHOSE_TUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* A key: a Unicode code point (a character typed), or one of these, which
 * lie above Unicode. */
enum tui_keycode {
	TUI_KEY_ENTER = 0x110000,
	TUI_KEY_ESC,
	TUI_KEY_UP,
	TUI_KEY_DOWN,
	TUI_KEY_LEFT,
	TUI_KEY_RIGHT,
	TUI_KEY_PGUP,
	TUI_KEY_PGDN,
	TUI_KEY_HOME,
	TUI_KEY_END,
	TUI_KEY_BACKSPACE,
	TUI_KEY_RESIZE,
};

#define TUI_KEY_CTRL_L 0x0C

/* Where the learner is: one bit per screen or kind of question. */
enum tui_ctx {
	TUI_CTX_HOME = 1u << 0,
	TUI_CTX_PICK = 1u << 1,     /* choosing topics to practise */
	TUI_CTX_STATS = 1u << 2,
	TUI_CTX_SUMMARY = 1u << 3,  /* the end of a session */
	TUI_CTX_CHOICE = 1u << 4,   /* a question waiting for an answer, in any
	                               mode (with LEARN, EXAM or DRILL)... */
	TUI_CTX_MULTI = 1u << 5,
	TUI_CTX_TF = 1u << 6,
	TUI_CTX_WHO = 1u << 7,
	TUI_CTX_SORT = 1u << 8,
	TUI_CTX_CARD = 1u << 9,     /* ...or a card waiting to be turned */
	TUI_CTX_RATE = 1u << 10,    /* answered: waiting for a rating */
	TUI_CTX_EXAM = 1u << 11,    /* an exam question (with its type's bit) */
	TUI_CTX_EXAM_LIST = 1u << 12, /* the exam's review list */
	TUI_CTX_RESULT = 1u << 13,  /* the exam's result and wrong answers */
	TUI_CTX_DRILL = 1u << 14,   /* a drill question (with its type's bit) */
	TUI_CTX_DRILL_SHOWN = 1u << 15, /* a drill question graded: go on */
	TUI_CTX_FLAGGED = 1u << 16, /* the flagged questions */
	TUI_CTX_SETTINGS = 1u << 17, /* the settings */
	TUI_CTX_EXAM_START = 1u << 18, /* a new exam, before its clock runs */
	TUI_CTX_EXAMS = 1u << 19,   /* the past exams */
	TUI_CTX_BROWSE = 1u << 20,  /* the list of questions found (/ and b) */
	TUI_CTX_DETAIL = 1u << 21,  /* one question of it, whole */
	TUI_CTX_LEARN = 1u << 22,   /* a review or practice question (with its
	                               type's bit) */
};

/*
 * A question's screen is its mode's bit with its type's bit: the answer
 * keys are rows of the type bits (the same in every mode, from the one
 * key map of the core, keys.h), the commands rows of the mode bits.
 */
#define TUI_CTX_TYPES (TUI_CTX_CHOICE | TUI_CTX_MULTI | TUI_CTX_TF | TUI_CTX_WHO | \
		       TUI_CTX_SORT | TUI_CTX_CARD)
/* Modes where a question waits for an answer. */
#define TUI_CTX_ANSWERING (TUI_CTX_LEARN | TUI_CTX_EXAM | TUI_CTX_DRILL)
/* Every review or practice screen. */
#define TUI_CTX_STUDY (TUI_CTX_LEARN | TUI_CTX_RATE)
/* Screens with a list to move through. */
#define TUI_CTX_LISTS (TUI_CTX_HOME | TUI_CTX_PICK | TUI_CTX_STATS | TUI_CTX_SUMMARY | \
		       TUI_CTX_EXAM_LIST | TUI_CTX_FLAGGED | TUI_CTX_SETTINGS | TUI_CTX_EXAMS | \
		       TUI_CTX_BROWSE | TUI_CTX_DETAIL)
/* The exam and drill screens. */
#define TUI_CTX_TIMED (TUI_CTX_EXAM | TUI_CTX_RESULT | TUI_CTX_DRILL | TUI_CTX_DRILL_SHOWN)
#define TUI_CTX_ALL 0x7FFFFFu

enum tui_action {
	TUI_ACT_NONE = 0,
	TUI_ACT_QUIT,       /* leave the program, everything saved */
	TUI_ACT_HELP,       /* the key overlay */
	TUI_ACT_REDRAW,
	TUI_ACT_BACK,       /* to the home screen (or out, from a summary) */
	TUI_ACT_REVIEW,     /* home: study what is due */
	TUI_ACT_PICK,       /* home: choose topics to practise */
	TUI_ACT_WEAK,       /* home: practise the weakest topics */
	TUI_ACT_STATS,      /* home: the statistics screen */
	TUI_ACT_FLAGGED,    /* home, stats: the flagged questions */
	TUI_ACT_EXAM,       /* home: a mock exam with the defaults */
	TUI_ACT_SETTINGS,   /* home: the settings */
	TUI_ACT_DRILL,      /* home: a drill from its seed */
	TUI_ACT_EDIT,       /* settings: change the one under the cursor */
	TUI_ACT_DEFAULT,    /* settings: put it back to its default */
	TUI_ACT_UNFLAG,     /* flagged: put the one under the cursor back */
	TUI_ACT_UP,
	TUI_ACT_DOWN,
	TUI_ACT_PGUP,
	TUI_ACT_PGDN,
	TUI_ACT_TOGGLE,     /* pick: select the topic under the cursor */
	TUI_ACT_ALL,        /* pick: select every topic, or none */
	TUI_ACT_START,      /* pick: practise the selection */
	TUI_ACT_ANSWER,     /* arg: the key, an answer label (keys.h parses it) */
	TUI_ACT_CONFIRM,    /* multi, sort: the answer is complete */
	TUI_ACT_TURN,       /* a card: show its back */
	TUI_ACT_RATE,       /* arg: 1..4, or 0 for the suggested rating */
	TUI_ACT_UNDO,
	TUI_ACT_FLAG,       /* report a problem (!): out of study, with a note */
	TUI_ACT_MARK,       /* mark or unmark for review (m): the bookmark,
	                       in every mode, browse and detail */
	TUI_ACT_MARKED,     /* home: practise the marked questions */
	TUI_ACT_END,        /* end the session here and see the summary */
	TUI_ACT_NEXT,       /* exam: the next question; result: the next wrong one */
	TUI_ACT_PREV,       /* ...the previous one */
	TUI_ACT_LIST,       /* exam: the review list */
	TUI_ACT_GO,         /* review list: show the question under the cursor */
	TUI_ACT_CLEAR,      /* exam: take the answer back */
	TUI_ACT_SUBMIT,     /* exam: submit (S, and S again to confirm) */
	TUI_ACT_NAV,        /* exam: the navigator, every question by number */
	TUI_ACT_FILTER,     /* result: review arg 0 all, 1 wrong, 2 flagged, 3 a topic */
	TUI_ACT_SOURCE,     /* graded: the source link whole, outside the screen */
	TUI_ACT_EXAMS,      /* home: the past exams */
	TUI_ACT_FORGET,     /* exams: forget (or restore) the one under the cursor */
	TUI_ACT_SEARCH,     /* home, browse: type words to search (live) */
	TUI_ACT_BROWSE,     /* home: every question, to filter and sort */
	TUI_ACT_OPEN,       /* browse: the question under the cursor, whole */
	TUI_ACT_TOPIC,      /* browse: the next topic filter (arg 1: back) */
	TUI_ACT_KIND,       /* browse: the next type filter */
	TUI_ACT_STATE,      /* browse: the next state filter */
	TUI_ACT_SORT,       /* browse: sort by the next column */
	TUI_ACT_REVERSE,    /* browse: the other way round */
	TUI_ACT_SCOPE,      /* browse: act on the one question or every one listed */
	TUI_ACT_SUSPEND,    /* browse, detail: suspend or unsuspend */
	TUI_ACT_REPORT,     /* browse, detail: report a problem (flag) or clear it */
	TUI_ACT_RESET,      /* browse, detail: start the schedule again (asks) */
	TUI_ACT_PRACTISE,   /* browse: practise the questions listed; exam
	                       result: the questions missed */
	TUI_ACT_DRILL_IDS,  /* browse: the drill command of those listed */
};

/* One row of the key table. */
struct tui_keydef {
	unsigned ctx;          /* the contexts (TUI_CTX_*) where it works */
	int key, last;         /* one key (last 0), or the range key..last */
	int key2;              /* another key for the same action, or 0 */
	enum tui_action action;
	int arg;               /* the action's argument; a range adds the
	                          offset of the key within it */
	bool counted;          /* a range cut to the number of choices or
	                          items on screen */
	const char *what;      /* the help overlay's line (fits 80 columns) */
	const char *brief;     /* the footer's word, or NULL: not in the footer */
	const char *terse;     /* the help's line under 80 columns, or NULL:
	                          WHAT is short enough */
};

/* The table, and its length. */
const struct tui_keydef *tui_keymap_table(size_t *n);

/*
 * The action of KEY in context CTX (a TUI_CTX_* mask), with its argument
 * in *ARG; COUNT is how many choices or items the question on screen has
 * (keys of a counted range beyond it do nothing).  TUI_ACT_NONE when the
 * key does nothing there.
 */
enum tui_action tui_keymap_lookup(unsigned ctx, int key, size_t count, int *arg);

/* The name of key KEY as the screen shows it ("Enter", "Space", "PgDn",
 * "Up", "Ctrl-L", or the character itself) into BUF[LEN]. */
void tui_keymap_key_name(int key, char *buf, size_t len);

/* The keys of entry D as shown ("r/Enter", "1-4") into BUF[LEN]; COUNT cuts
 * a counted range. */
void tui_keymap_def_name(const struct tui_keydef *d, size_t count, char *buf,
			 size_t len);

/* One item of the footer: draw NAME (a key) then BRIEF, at column X. */
struct tui_footer_item {
	char name[24];
	const char *brief;
	enum tui_action action;
	size_t x;
};

/*
 * Lay out the footer of context CTX in WIDTH columns into OUT[MAX]: the
 * keys with a brief, in table order, "NAME brief" two columns apart from
 * column 1.  When they do not all fit, the last ones are left out, Quit
 * and Help only when nothing else is left.  Returns the number of items.
 */
size_t tui_keymap_footer(unsigned ctx, size_t count, size_t width,
			 struct tui_footer_item *out, size_t max);

/* One line of the help overlay. */
struct tui_help_line {
	char name[24];
	const char *what;
};

/* The help overlay of context CTX: every key that works there, in table
 * order, into OUT[MAX], in its TERSE form when asked.  Returns the number
 * of lines (at most MAX). */
size_t tui_keymap_help(unsigned ctx, size_t count, bool terse,
		       struct tui_help_line *out, size_t max);

/* The widest help line WHAT may be: an overlay of namew + WHAT + 7 columns
 * fits 80 columns; the terse one fits 60. */
#define TUI_KEYMAP_HELP_WIDE 80
#define TUI_KEYMAP_HELP_NARROW 60

#endif
