/*
 * termcheck.c - can the full screen run on this terminal?  Asked before
 * curses starts, so that TERM=dumb, an unset TERM or one terminfo does not
 * know falls back to plain mode instead of drawing a header on a blank
 * screen.  Apart from tui.c because <term.h> defines macros (lines,
 * columns) that clash with ordinary names.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "tui/tui.h"

const char *tui_term_problem(void)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (term == NULL || *term == '\0')
		return "TERM is not set";
	if (strcmp(term, "dumb") == 0)
		return "TERM=dumb cannot show the full screen";
	/* Ask terminfo without touching the terminal; a terminal that cannot
	 * move the cursor cannot draw a screen either. */
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return "TERM names a terminal terminfo does not know";
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		del_curterm(cur_term);
		return "the terminal cannot move the cursor";
	}
	del_curterm(cur_term);
	return NULL;
}
