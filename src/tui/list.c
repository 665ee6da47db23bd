/*
 * list.c - the list widget's moves and scrolling (list.h).  Pure: the
 * drawing is tui_draw_list in draw.c.
 */
#include "tui/list.h"

#include "tui/layout.h"

void tui_list_count(struct tui_list *l, size_t n)
{
	l->n = n;
	if (l->cursor >= n)
		l->cursor = n > 0 ? n - 1 : 0;
}

/* A pager's move: the view, not a cursor. */
static bool tui_list_scroll(struct tui_list *l, size_t page, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_UP:
		if (l->top > 0)
			l->top--;
		return true;
	case TUI_ACT_DOWN:
		l->top++;   /* clamped when drawn */
		return true;
	case TUI_ACT_PGUP:
		l->top = l->top > page ? l->top - page : 0;
		return true;
	case TUI_ACT_PGDN:
		l->top += page;
		return true;
	default:
		return false;
	}
}

bool tui_list_move(struct tui_list *l, size_t page, enum tui_action a)
{
	if (l->pager)
		return tui_list_scroll(l, page, a);
	switch (a) {
	case TUI_ACT_UP:
		if (l->cursor > 0)
			l->cursor--;
		return true;
	case TUI_ACT_DOWN:
		if (l->cursor + 1 < l->n)
			l->cursor++;
		return true;
	case TUI_ACT_PGUP:
		l->cursor = l->cursor > page ? l->cursor - page : 0;
		return true;
	case TUI_ACT_PGDN:
		l->cursor = l->cursor + page < l->n ? l->cursor + page : (l->n > 0 ? l->n - 1 : 0);
		return true;
	default:
		return false;
	}
}

void tui_list_show(struct tui_list *l, size_t first, size_t last, size_t content,
		   size_t rows)
{
	l->top = tui_layout_scroll_clamp(tui_layout_scroll_show(l->top, first, last, rows),
					 content, rows);
}

void tui_list_follow(struct tui_list *l, size_t rows)
{
	tui_list_show(l, l->cursor, l->cursor, l->n, rows);
}

void tui_list_clamp(struct tui_list *l, size_t content, size_t rows)
{
	l->top = tui_layout_scroll_clamp(l->top, content, rows);
}
