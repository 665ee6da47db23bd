/*
 * list.h - the list widget of the full-screen front end: a cursor over N
 * entries and the first entry in view, moved by the key table's actions.
 *
 * The flagged, pick, settings and past-exams screens each hold one and
 * draw it with tui_draw_list (draw.c), which keeps the cursor in view; the
 * statistics page and a browsed question's text have no cursor (a pager:
 * the same keys scroll the page).  Nothing here calls curses: the moves
 * and the scrolling are unit-tested (tests/test_tui_layout.c).
 */
#ifndef WHOSE_TUI_LIST_H
#define WHOSE_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/keymap.h"

struct tui_list {
	size_t n;        /* entries */
	size_t cursor;   /* the entry under the cursor; 0 when there is none */
	size_t top;      /* the first entry (or line) in view */
	bool pager;      /* no cursor: the moves scroll the view */
};

/* The list now has N entries (read again): the cursor stays where it was,
 * or on the last entry when the list got shorter. */
void tui_list_count(struct tui_list *l, size_t n);

/* Move the cursor by action A: UP and DOWN one entry, PGUP and PGDN PAGE
 * entries, never past either end.  A pager's view moves instead: UP and
 * DOWN one line, PGUP and PGDN PAGE lines, never above the first; down it
 * is not bounded here, the frame clamps it (tui_list_clamp) once it knows
 * how many lines there are.  True when A was one of those (and is taken,
 * even when nothing could move). */
bool tui_list_move(struct tui_list *l, size_t page, enum tui_action a);

/* Bring the lines FIRST..LAST (those of the entry under the cursor) into a
 * view of ROWS lines over CONTENT lines: whole when they fit, from FIRST
 * when they do not, and no blank lines below the end that a smaller top
 * would fill. */
void tui_list_show(struct tui_list *l, size_t first, size_t last, size_t content,
		   size_t rows);

/* The same for a list of one line an entry: the cursor in a view of ROWS. */
void tui_list_follow(struct tui_list *l, size_t rows);

/* Keep the top of a view of ROWS lines over CONTENT lines in range. */
void tui_list_clamp(struct tui_list *l, size_t content, size_t rows);

#endif
