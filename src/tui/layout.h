/*
 * layout.h - the pure part of the full-screen front end: how text, bars and
 * tables are laid out in a window of a given size.  Nothing here calls
 * curses, so that every decision about columns can be unit-tested
 * (tests/test_tui_layout.c); draw.c turns the results into curses calls.
 *
 * Every width is in terminal columns, measured by the core's text.h: never
 * in bytes.
 */
#ifndef WHOSE_TUI_LAYOUT_H
#define WHOSE_TUI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Below this size the screens are replaced by a "window too small" notice. */
#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 12

/* True when a COLS x LINES window is too small to draw the screens in. */
bool tui_layout_too_small(int cols, int lines);

/* How a piece of text looks; draw.c maps each to colours or attributes. */
enum tui_style {
	TUI_S_NORMAL,
	TUI_S_DIM,      /* secondary text */
	TUI_S_BOLD,     /* the question */
	TUI_S_TITLE,    /* a table's heading */
	TUI_S_HEADER,   /* the top line */
	TUI_S_RIGHT,    /* "Right" and a right pick */
	TUI_S_WRONG,    /* "Wrong" and a wrong pick */
	TUI_S_ANSWER,   /* the right answer, highlighted */
	TUI_S_CURSOR,   /* the line under the cursor */
	TUI_S_KEY,      /* a key name in the footer */
	TUI_S_BAR,      /* the filled part of a bar */
	TUI_S_NOTICE,   /* a message to the learner */
	TUI_NSTYLES
};

/*
 * Text made safe for the terminal: a copy of S (valid UTF-8, as every bank
 * text is after import) with control characters replaced (text_vis, the one terminal-safe function),
 * and, when ASCII is set (the locale is not UTF-8), every non-ASCII
 * character replaced by a close ASCII spelling or '?'.  NULL on no memory;
 * free it.
 */
char *tui_text_clean(const char *s, bool ascii);

/*
 * Copy S (clean text) into BUF[LEN] cut to at most COLS columns; when it
 * had to be cut its end is an ellipsis ("..." when ASCII).  Never splits a
 * character.  Returns the width of the result in columns.
 */
size_t tui_text_fit(const char *s, size_t cols, bool ascii, char *buf,
		    size_t len);

/*
 * The same, but cut in the middle: the start and the end of S with an
 * ellipsis between them (a link then still shows its host and its page).
 * Falls back to tui_text_fit when COLS or LEN leave no room for both.
 */
size_t tui_text_fit_middle(const char *s, size_t cols, bool ascii, char *buf,
			   size_t len);

/* ---- documents: wrapped lines for a scrolling body ----------------------
 * A screen's body is built as a list of lines already wrapped to its
 * width; draw.c shows a window of them.  A line has a short prefix (a
 * label such as " 2 " or "[x]") in one style and text in another; the
 * continuation lines of a wrapped text are indented by the prefix's width.
 */
struct tui_doc_line {
	char prefix[40];          /* clean text, drawn first */
	enum tui_style pstyle;    /* the prefix's style */
	char *text;               /* owned, clean, at most the line's width */
	enum tui_style style;
	int tag;                  /* the caller's mark (a sort item...), or -1 */
};

struct tui_doc {
	struct tui_doc_line *line;
	size_t n, cap;
	size_t width;             /* columns for prefix and text together */
	bool ascii;               /* fold text to ASCII (see tui_text_clean) */
	bool oom;                 /* a line was lost for want of memory */
};

/* Start an empty document of lines at most WIDTH (>= 1) columns wide. */
void tui_doc_init(struct tui_doc *d, size_t width, bool ascii);

/* Free every line of D; it may be initialised again. */
void tui_doc_free(struct tui_doc *d);

/*
 * Append TEXT (raw bank text: cleaned here), word-wrapped to the width
 * that PREFIX leaves, in STYLE; the first line starts with PREFIX in
 * PSTYLE, the others with as many spaces.  Line breaks in TEXT are kept.
 * TAG marks every line added.
 */
void tui_doc_add(struct tui_doc *d, const char *prefix, enum tui_style pstyle,
		 const char *text, enum tui_style style, int tag);

/* Append an empty line. */
void tui_doc_blank(struct tui_doc *d);

/* The first and last line marked TAG; false when there is none. */
bool tui_doc_find(const struct tui_doc *d, int tag, size_t *first,
		  size_t *last);

/* ---- scrolling ---------------------------------------------------------- */

/* TOP moved so that a view of VIEW lines over CONTENT lines shows no blank
 * space after the end (and TOP is 0 when everything fits). */
size_t tui_layout_scroll_clamp(size_t top, size_t content, size_t view);

/* TOP moved as little as possible so that lines FIRST..LAST are in view
 * (FIRST wins when they do not all fit). */
size_t tui_layout_scroll_show(size_t top, size_t first, size_t last,
			      size_t view);

/* ---- bars ------------------------------------------------------------- */

/*
 * A bar of WIDTH cells filled to FRAC (0..1; out of range or NaN is
 * clamped): *FULL whole cells and, when EIGHTHS (block elements are
 * available), *PART eighths of one more cell (0..7; always 0 without
 * EIGHTHS).  FULL + (PART > 0) never exceeds WIDTH.
 */
void tui_layout_bar(double frac, size_t width, bool eighths, size_t *full,
		    unsigned *part);

/*
 * A bar chart's bar: V of MAX (the largest value of the chart) in at most
 * WIDTH whole cells, rounded up so that any V > 0 shows at least one cell
 * (a day with one review due is not drawn as a day with none).  0 when V,
 * MAX or WIDTH is 0; never more than WIDTH.
 */
size_t tui_layout_scale(size_t v, size_t max, size_t width);

/* ---- the calendar heatmap ---------------------------------------------
 *
 *            Mon Tue Wed Thu Fri Sat Sun
 *   02 Feb        ░░░ ▒▒▒     ███
 *   ...
 *
 * NDAYS days end with today (day NDAYS - 1); rows are weeks from Monday,
 * columns the weekdays (0 Monday .. 6 Sunday, local time).  The first row
 * starts before day 0 and the last one ends after today unless today is a
 * Sunday: those cells stay blank.
 */
#define TUI_HEAT_LEVELS 5         /* shade 0 (no answer) .. 4 (the most) */

/* The shade of a day of COUNT answers when the busiest day had MAX: 0 for
 * none, else 1..4 by quarters of MAX (rounded up: one answer is never
 * blank).  COUNT > MAX counts as MAX. */
unsigned tui_layout_heat_level(size_t count, size_t max);

/* The answers a day needs for shade LEVEL (1..4) when the busiest had
 * MAX: *LO..*HI.  False when no count gives that shade (MAX < 4). */
bool tui_layout_heat_range(unsigned level, size_t max, size_t *lo, size_t *hi);

/* The cell of shade LEVEL: one column, " " "░" "▒" "▓" "█", or
 * " " "." ":" "*" "#" when ASCII. */
const char *tui_layout_heat_glyph(unsigned level, bool ascii);

/* How many week rows NDAYS days ending on weekday TODAY_WDAY take. */
size_t tui_layout_heat_rows(size_t ndays, unsigned today_wday);

/* The row and column (weekday) of day DAY of NDAYS, today (the last) being
 * weekday TODAY_WDAY. */
void tui_layout_heat_cell(size_t day, size_t ndays, unsigned today_wday,
			  size_t *row, unsigned *col);

/* ---- the scoreboard: one row per topic ---------------------------------
 *
 *   Topic            Seen  All time  Last 20  Due  Mastery
 *   EC2             12/20       75%      80%    3  ██████▌        54%
 *
 * Columns are dropped, least useful first, when the window is narrow: Due,
 * then Last 20, then All time; the topic name is shortened (with an
 * ellipsis) before All time goes, and the bar shrinks down to its minimum.
 */
#define TUI_BOARD_MARGIN 2        /* columns left of the table */
#define TUI_BOARD_GAP 2           /* between columns */
#define TUI_BOARD_NAME_MIN 8
#define TUI_BOARD_NAME_MAX 28
#define TUI_BOARD_SEEN_W 9        /* "Seen", "1234/5678" */
#define TUI_BOARD_PCT_W 8         /* "All time", "Last 20", "100%" */
#define TUI_BOARD_DUE_W 4         /* "Due", "9999" */
#define TUI_BOARD_BAR_MIN 6
#define TUI_BOARD_BAR_MAX 30
#define TUI_BOARD_MPCT_W 5        /* " 100%" after the bar */

struct tui_board {
	size_t name_x, name_w;
	size_t seen_x;
	bool show_all;
	size_t all_x;
	bool show_recent;
	size_t recent_x;
	bool show_due;
	size_t due_x;
	size_t bar_x, bar_w;      /* bar_w may be 0 in a very narrow window */
	size_t mpct_x;            /* the readiness percentage after the bar */
	size_t end;               /* the column after the last one used */
};

/* Lay the scoreboard out in COLS columns for topic names at most NAME_MAX
 * columns wide. */
void tui_layout_board(size_t cols, size_t name_max, struct tui_board *b);

/*
 * A table of a name column and N right-aligned columns of widths W[0..N),
 * each TUI_BOARD_GAP apart, after a margin of TUI_BOARD_MARGIN, in COLS
 * columns.  The name gets NAME_MAX columns if it can, but gives up room
 * down to NAME_MIN before the last columns are dropped.  Returns how many
 * of the N columns are shown (the first ones); *NAME_W gets the name's
 * width.
 */
size_t tui_layout_columns(size_t cols, size_t name_max, size_t name_min,
			  const size_t *w, size_t n, size_t *name_w);

/* ---- numbers ---------------------------------------------------------- */

/* figures_percent of NUM and DEN as figures_format_percent writes it
 * ("75%", rounded down, or "-" when DEN is 0), into BUF. */
void tui_layout_percent(size_t num, size_t den, char *buf, size_t len);

/* An elapsed time MS as "m:ss", or "h:mm:ss" from one hour, into BUF. */
void tui_layout_elapsed(int64_t ms, char *buf, size_t len);

/* Column at which text of width W starts when centred in COLS (0 when it
 * does not fit). */
size_t tui_layout_center(size_t cols, size_t w);

#endif
