/*
 * screen_class_host.c - the teacher's live class, full screen: what the
 * host says scrolls in the middle (joins, each question, the answers
 * coming in, the spread, the top five, the results), the class's state on
 * the top line, and the teacher's command typed on the bottom line.  The
 * host's poll loop (src/class/class_host.c) stays the one loop; it calls
 * these functions through its view.  When the class ends the screen is
 * given back and everything said is printed, so the results stay in the
 * terminal.
 */
#include <curses.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/tui.h"
#include "tui/tui_int.h"
#include "whose/text.h"

#define TUI_CLASS_HOST_LINES 4000

static struct {
	struct tui t;
	char **line;          /* what was said, line by line (safe text) */
	size_t n;
	bool open_line;       /* the last line has no newline yet */
	char status[256];
	char status_said[256];   /* the text STATUS was made from */
	char typed[64];
	size_t ntyped;
	bool active;
	bool dirty;           /* said more than is drawn */
	size_t scroll;        /* screen rows scrolled back from the end */
	int64_t drawn_at;     /* ms, monotonic */
} tui_ch;

/* Redraws at most every TUI_CLASS_HOST_DRAW_MS: a burst of lines (a flood
 * of refusals, 200 joins) costs one redraw, not one each, so that it
 * cannot slow the class. */
#define TUI_CLASS_HOST_DRAW_MS 50

static int64_t tui_class_host_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The screen rows of what was said, wrapped to the window's width: the
 * rows of the latest lines, as many as the view and the scroll need. */
struct tui_class_host_rows {
	char **row;
	size_t n, cap;
	bool failed;
};

static void tui_class_host_row(const char *line, size_t n, void *ctx)
{
	struct tui_class_host_rows *r = ctx;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		char **grown = realloc(r->row, cap * sizeof(*grown));

		if (grown == NULL) {
			r->failed = true;
			return;
		}
		r->row = grown;
		r->cap = cap;
	}
	if ((r->row[r->n] = strndup(line, n)) == NULL) {
		r->failed = true;
		return;
	}
	r->n++;
}

/* Rows counted, not kept. */
static void tui_class_host_count(const char *line, size_t n, void *ctx)
{
	(void)line;
	(void)n;
	(void)ctx;
}

static void tui_class_host_rows_free(struct tui_class_host_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->row[i]);
	free(r->row);
}

static void tui_class_host_draw(void)
{
	struct tui *t = &tui_ch.t;
	struct tui_class_host_rows all = { 0 };
	int top = 1, bottom, height;
	size_t first = tui_ch.n, want, end, start;
	char prompt[80];

	if (!tui_ch.active)
		return;
	tui_ch.dirty = false;
	tui_ch.drawn_at = tui_class_host_ms();
	erase();
	getmaxyx(stdscr, t->lines, t->cols);
	if (t->lines < 6 || t->cols < 30) {
		tui_draw_too_small(t);
		refresh();
		return;
	}
	/* A status wider than the header's right side leaves the title out
	 * rather than go unseen. */
	if (text_width(tui_ch.status) + 20 > (size_t)t->cols)
		tui_draw_header(t, tui_ch.status, NULL);
	else
		tui_draw_header(t, "whose class host", tui_ch.status);
	bottom = t->lines - 3;
	height = bottom - top + 1;
	/* Wrap whole lines from the latest back until the view and the
	 * scroll are filled (never the whole history on every draw). */
	want = (size_t)height + tui_ch.scroll;
	{
		size_t rows = 0;

		while (first > 0 && rows < want) {
			const char *l = tui_ch.line[--first];

			rows += l[0] == '\0' ? 1 : text_wrap(l, (size_t)t->cols, tui_class_host_count, NULL);
		}
	}
	for (size_t i = first; i < tui_ch.n && !all.failed; i++) {
		if (tui_ch.line[i][0] == '\0')
			tui_class_host_row("", 0, &all);
		else
			text_wrap(tui_ch.line[i], (size_t)t->cols, tui_class_host_row, &all);
	}
	/* Scrolled back no further than the first row. */
	if (tui_ch.scroll + (size_t)height > all.n && first == 0)
		tui_ch.scroll = all.n > (size_t)height ? all.n - (size_t)height : 0;
	end = all.n > tui_ch.scroll ? all.n - tui_ch.scroll : 0;
	start = end > (size_t)height ? end - (size_t)height : 0;
	for (size_t i = start; i < end; i++)
		tui_draw_text(t, top + (int)(i - start), 0, all.row[i], (size_t)t->cols, TUI_S_NORMAL);
	if (tui_ch.scroll > 0) {
		move(bottom, 0);
		clrtoeol();
		tui_draw_text(t, bottom, 0, "-- scrolled back: PgDn for the latest --", (size_t)t->cols, TUI_S_KEY);
	}
	tui_class_host_rows_free(&all);
	snprintf(prompt, sizeof(prompt), "> %s", tui_ch.typed);
	tui_draw_text(t, t->lines - 2, 0, prompt, (size_t)t->cols, TUI_S_BOLD);
	{
		static const char full[] = "start pause resume skip next end who lock unlock kick LOGIN (Enter runs)  PgUp/PgDn";
		static const char brief[] = "a command, Enter ('help' lists them)  PgUp/PgDn";

		tui_draw_text(t, t->lines - 1, 0, text_width(full) <= (size_t)t->cols ? full : brief, (size_t)t->cols,
			      TUI_S_KEY);
	}
	refresh();
}

int tui_class_host_start(struct whose_error *err)
{
	memset(&tui_ch, 0, sizeof(tui_ch));
	tui_ch.t.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	tui_ch.t.err = err;
	if (tui_start(&tui_ch.t, err) < 0)
		return err->code;
	tui_ch.active = true;
	/* No typeahead check: ncurses would take keys into its own queue
	 * while drawing, where the host's poll on the terminal cannot see
	 * them. */
	typeahead(-1);
	curs_set(1);
	tui_class_host_draw();
	return 0;
}

/* Append PIECE (N bytes, no newline) to the last line or a new one. */
static void tui_class_host_append(const char *piece, size_t n, bool new_line)
{
	char *grown;

	if (new_line || tui_ch.n == 0) {
		if (tui_ch.n == TUI_CLASS_HOST_LINES) {
			free(tui_ch.line[0]);
			memmove(tui_ch.line, tui_ch.line + 1, (tui_ch.n - 1) * sizeof(*tui_ch.line));
			tui_ch.n--;
		}
		if (tui_ch.line == NULL) {
			tui_ch.line = calloc(TUI_CLASS_HOST_LINES, sizeof(*tui_ch.line));
			if (tui_ch.line == NULL)
				return;
		}
		tui_ch.line[tui_ch.n] = calloc(1, 1);
		if (tui_ch.line[tui_ch.n] == NULL)
			return;
		tui_ch.n++;
	}
	grown = realloc(tui_ch.line[tui_ch.n - 1], strlen(tui_ch.line[tui_ch.n - 1]) + n + 1);
	if (grown == NULL)
		return;
	strncat(grown, piece, n);
	tui_ch.line[tui_ch.n - 1] = grown;
}

void tui_class_host_say(const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		tui_class_host_append(p, n, !tui_ch.open_line);
		tui_ch.open_line = nl == NULL;
		p += n + (nl != NULL);
	}
	if (tui_class_host_ms() - tui_ch.drawn_at >= TUI_CLASS_HOST_DRAW_MS)
		tui_class_host_draw();
	else
		tui_ch.dirty = true;   /* drawn by the loop's next call */
}

void tui_class_host_status(const char *text)
{
	/* Compared with what was said, not with the padded copy (which
	 * never matched, so every wake of the loop redrew the screen). */
	if (strcmp(text, tui_ch.status_said) == 0) {
		if (tui_ch.dirty)
			tui_class_host_draw();
		return;
	}
	snprintf(tui_ch.status_said, sizeof(tui_ch.status_said), "%s", text);
	snprintf(tui_ch.status, sizeof(tui_ch.status), "%s ", text);
	if (tui_class_host_ms() - tui_ch.drawn_at >= TUI_CLASS_HOST_DRAW_MS)
		tui_class_host_draw();
	else
		tui_ch.dirty = true;
}

int tui_class_host_input(char *cmd, size_t len)
{
	wint_t ch;
	int k;

	nodelay(stdscr, TRUE);
	while ((k = get_wch(&ch)) != ERR) {
		if (k == KEY_CODE_YES) {
			int page = tui_ch.t.lines > 6 ? tui_ch.t.lines - 5 : 1;

			/* Scroll back through what was said. */
			if (ch == KEY_PPAGE || ch == KEY_UP)
				tui_ch.scroll += ch == KEY_PPAGE ? (size_t)page : 1;
			else if (ch == KEY_NPAGE || ch == KEY_DOWN)
				tui_ch.scroll -= tui_ch.scroll < (ch == KEY_NPAGE ? (size_t)page : 1)
							 ? tui_ch.scroll
							 : (ch == KEY_NPAGE ? (size_t)page : 1);
			if (ch == KEY_BACKSPACE && tui_ch.ntyped > 0)
				tui_ch.typed[--tui_ch.ntyped] = '\0';
			else if (ch == KEY_ENTER)
				goto enter;
			tui_class_host_draw();
			continue;
		}
		if (ch == '\r' || ch == '\n')
			goto enter;
		if ((ch == 127 || ch == 8) && tui_ch.ntyped > 0) {
			tui_ch.typed[--tui_ch.ntyped] = '\0';
		} else if (((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == ' ' || ch == '-' || ch == '_' || ch == '.') &&
			   tui_ch.ntyped + 1 < sizeof(tui_ch.typed)) {
			/* Commands and a login ('kick ann.lee'). */
			tui_ch.typed[tui_ch.ntyped++] = (char)ch;
			tui_ch.typed[tui_ch.ntyped] = '\0';
		}
		tui_class_host_draw();
	}
	nodelay(stdscr, FALSE);
	{
		/* The terminal hung up (a dropped SSH session): the end. */
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

		if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
			return -1;
	}
	return 0;
enter:
	nodelay(stdscr, FALSE);
	snprintf(cmd, len, "%s", tui_ch.typed);
	tui_ch.ntyped = 0;
	tui_ch.typed[0] = '\0';
	tui_class_host_draw();
	return 1;
}

int tui_class_host_signalled(void)
{
	return tui_signal_caught();
}

void tui_class_host_stop(void)
{
	tui_ch.active = false;
	tui_stop();
	for (size_t i = 0; i < tui_ch.n; i++) {
		printf("%s\n", tui_ch.line[i]);
		free(tui_ch.line[i]);
	}
	free(tui_ch.line);
	tui_ch.line = NULL;
	tui_ch.n = 0;
	fflush(stdout);
}
