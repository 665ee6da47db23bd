/*
 * screen_class.c - a student's live class, full screen.  The model is
 * the core's class_client (the same one plain mode prints from); this file
 * draws it and edits the answer line.  Its loop polls the class's socket
 * and the keyboard together (the study loop in tui.c waits on keys alone),
 * with the terminal taken and given back by tui_start / tui_stop.
 *
 * Keys: the answer is typed as a line of the one key map (keys.h), as in
 * plain review: letters, digits, spaces and commas; Enter sends it (it may
 * be sent again, changed, until the time is up); Backspace; Esc leaves the
 * class (join again to come back, score kept).
 */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tui/tui.h"
#include "tui/tui_int.h"
#include "whose/class_client.h"
#include "whose/text.h"

struct tui_class {
	struct tui *t;
	struct class_client m;
	char typed[CLASS_WORD_MAX + 1];
	size_t ntyped;
	char status[256];   /* a hint after Enter, or why the host went */
	bool gone;          /* the connection is closed */
	int y;              /* the next line of the body, counted from its top */
	int scroll;         /* body lines scrolled off the top */
	int bottom;         /* the last screen row of the body */
	uint64_t shown_index;   /* the question SCROLL belongs to ... */
	int shown_state;        /* ... and its state: a new one starts at 0 */
	int total;              /* body lines at the last draw */
};

static int64_t tui_class_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct tui_class_wrap {
	struct tui_class *c;
	enum tui_style style;
	int x;
};

static void tui_class_wrap_line(const char *line, size_t n, void *ctx)
{
	struct tui_class_wrap *w = ctx;
	char buf[1024];

	int row = 2 + w->c->y++ - w->c->scroll;

	/* Lines above the scrolled view or below the body are counted, not
	 * drawn: the count says what a marker shows is cut. */
	if (row < 2 || row > w->c->bottom)
		return;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, line, n);
	buf[n] = '\0';
	tui_draw_raw(w->c->t, row, w->x, buf, (size_t)(w->c->t->cols - w->x), w->style);
}

/* Draw S (raw text from the host) wrapped from column X. */
static void tui_class_para(struct tui_class *c, int x, const char *s, enum tui_style style)
{
	struct tui_class_wrap w = { c, style, x };
	int width = c->t->cols - x;

	if (width < 1)
		return;
	text_wrap(s, (size_t)width, tui_class_wrap_line, &w);
}

/*
 * The student's own feedback (raw, from the host): a line a paragraph,
 * and a source link wider than the screen never broken inside (a link
 * broken across lines copies broken): its middle gives way to an
 * ellipsis, as in the other full screens; plain mode prints it whole.
 */
static void tui_class_feedback(struct tui_class *c, int x, const char *s, enum tui_style style)
{
	static const char label[] = "Source: ";
	int width = c->t->cols - x;

	while (*s != '\0' && width > 0) {
		const char *nl = strchr(s, '\n');
		size_t n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		char *line = strndup(s, n), *clean;

		if (line == NULL)
			return;
		clean = strncmp(line, label, sizeof(label) - 1) == 0
			? tui_text_clean(line + sizeof(label) - 1, !c->t->utf8) : NULL;
		if (clean != NULL && text_width(label) + text_width(clean) > (size_t)width) {
			char cut[512];

			tui_class_para(c, x, "Source:", style);
			tui_text_fit_middle(clean, (size_t)width, !c->t->utf8, cut, sizeof(cut));
			{
				int row = 2 + c->y++ - c->scroll;

				if (row >= 2 && row <= c->bottom)
					tui_draw_text(c->t, row, x, cut, (size_t)width, style);
			}
		} else {
			tui_class_para(c, x, line, style);
		}
		free(clean);
		free(line);
		s += n + (nl != NULL);
	}
}

static void tui_class_draw(struct tui_class *c)
{
	const struct class_client *m = &c->m;
	struct tui *t = c->t;
	char left[400], right[128], line[CLASS_TEXT_MAX + 256], pinned[CLASS_TEXT_MAX + 256];
	enum tui_style pinned_style = TUI_S_NORMAL;
	int64_t now = tui_class_now();

	erase();
	getmaxyx(stdscr, t->lines, t->cols);
	if (t->lines < 8 || t->cols < 30) {
		tui_draw_too_small(t);
		refresh();
		return;
	}
	snprintf(left, sizeof(left), "whose class %s  %s  teacher %s", m->code[0] ? m->code : "", m->name,
		 m->teacher);
	right[0] = '\0';
	if (m->state == CLASS_CLIENT_ASKING || m->state == CLASS_CLIENT_PAUSED)
		snprintf(right, sizeof(right), "Question %llu/%llu  %lld s%s ", (unsigned long long)m->index + 1,
			 (unsigned long long)m->total, (long long)((class_client_left(m, now) + 999) / 1000),
			 m->state == CLASS_CLIENT_PAUSED ? " (paused)" : "");
	tui_draw_header(t, left, right);
	/* A new question or state starts at the top. */
	if (m->index != c->shown_index || (int)m->state != c->shown_state) {
		c->scroll = 0;
		c->shown_index = m->index;
		c->shown_state = (int)m->state;
	}
	/* Rows: the header; the body (scrolls); one pinned line (the
	 * student's result, or the answer recorded); the status; the answer
	 * line; the keys. */
	c->bottom = t->lines - 5;
	pinned[0] = '\0';
	c->y = 0;
	switch (m->state) {
	case CLASS_CLIENT_CONNECTING:
		tui_class_para(c, 2, "Joining the class...", TUI_S_DIM);
		break;
	case CLASS_CLIENT_LOBBY:
		snprintf(line, sizeof(line), "Waiting for the teacher to start the class (%llu questions of %llu s).",
			 (unsigned long long)m->questions, (unsigned long long)m->seconds);
		tui_class_para(c, 2, line, TUI_S_NORMAL);
		break;
	case CLASS_CLIENT_ASKING:
	case CLASS_CLIENT_PAUSED:
	case CLASS_CLIENT_REVEALED:
		tui_class_para(c, 2, m->topic, TUI_S_DIM);
		tui_class_para(c, 2, m->text, TUI_S_BOLD);
		c->y++;
		/* Every option with the one key map's label (keys.h). */
		for (size_t k = 0; k < m->nslots; k++) {
			snprintf(line, sizeof(line), "%c) %s", class_client_label(m, k), m->slot[k]);
			tui_class_para(c, 4, line, TUI_S_NORMAL);
		}
		c->y++;
		if (m->state == CLASS_CLIENT_REVEALED) {
			bool ok = strcmp(m->outcome, "right") == 0;

			/* The student's own feedback, worded by
			 * attempt_feedback as in every mode: the verdict
			 * and the answer, why not, why, the source. */
			if (m->feedback[0] != '\0')
				tui_class_feedback(c, 2, m->feedback, TUI_S_NORMAL);
			/* Pinned: never scrolled or cut off by a long reveal. */
			snprintf(pinned, sizeof(pinned), "You: %s; score %llu, %llu points, rank %llu of %llu.",
				 strcmp(m->outcome, "none") == 0 ? "no answer" : m->outcome,
				 (unsigned long long)m->score, (unsigned long long)m->total_points,
				 (unsigned long long)m->rank, (unsigned long long)m->of);
			pinned_style = ok ? TUI_S_RIGHT : TUI_S_WRONG;
		} else {
			if (m->notice[0] != '\0') {
				snprintf(pinned, sizeof(pinned), "Not recorded: %s", m->notice);
				pinned_style = TUI_S_WRONG;
			} else if (m->recorded[0] != '\0') {
				char rec[200];

				class_client_recorded(m, rec, sizeof(rec));
				snprintf(pinned, sizeof(pinned), "Recorded: %s (you may change it until the time is up)",
					 rec);
				pinned_style = TUI_S_RIGHT;
			} else if (m->state == CLASS_CLIENT_PAUSED) {
				snprintf(pinned, sizeof(pinned), "Paused by the teacher.");
				pinned_style = TUI_S_DIM;
			} else {
				class_client_hint(m, pinned, sizeof(pinned));
				pinned_style = TUI_S_DIM;
			}
		}
		break;
	case CLASS_CLIENT_ENDED:
		snprintf(line, sizeof(line), "The class is over: %llu of %llu right, %llu points, rank %llu of %llu.",
			 (unsigned long long)m->end_score, (unsigned long long)m->end_asked,
			 (unsigned long long)m->end_points, (unsigned long long)m->end_rank,
			 (unsigned long long)m->end_of);
		tui_class_para(c, 2, line, TUI_S_BOLD);
		break;
	case CLASS_CLIENT_CLOSED:
		snprintf(line, sizeof(line), "The class closed this session: %s", m->error);
		tui_class_para(c, 2, line, TUI_S_WRONG);
		break;
	}
	/* What the body holds beyond the view: its last row becomes a
	 * marker saying so, and PgUp / PgDn (or the arrows) scroll. */
	c->total = c->y;
	if (c->scroll > 0 || c->y > c->bottom - 1) {
		char mark[80];
		int below = c->y - (c->scroll + c->bottom - 2);

		snprintf(mark, sizeof(mark), "-- %s%s%s (PgUp/PgDn) --", c->scroll > 0 ? "more above" : "",
			 c->scroll > 0 && below > 0 ? ", " : "", below > 0 ? "more below" : "");
		move(c->bottom, 0);
		clrtoeol();
		tui_draw_raw(t, c->bottom, 2, mark, (size_t)t->cols - 2, TUI_S_DIM);
	}
	if (pinned[0] != '\0')
		tui_draw_raw(t, t->lines - 4, 2, pinned, (size_t)t->cols - 2, pinned_style);
	if (c->status[0] != '\0')
		tui_draw_raw(t, t->lines - 3, 2, c->status, (size_t)t->cols - 2, TUI_S_NOTICE);
	if (c->gone || m->state == CLASS_CLIENT_ENDED || m->state == CLASS_CLIENT_CLOSED) {
		tui_draw_text(t, t->lines - 1, 0, "Press any key to leave.", (size_t)t->cols, TUI_S_KEY);
	} else {
		snprintf(line, sizeof(line), "> %s", c->typed);
		tui_draw_raw(t, t->lines - 2, 0, line, (size_t)t->cols, TUI_S_NORMAL);
		tui_draw_text(t, t->lines - 1, 0, "Enter send  Backspace erase  PgUp/PgDn scroll  Esc leave",
			      (size_t)t->cols, TUI_S_KEY);
	}
	refresh();
}

static bool tui_class_send(int fd, const char *line, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t w = send(fd, line + off, len - off, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		off += (size_t)w;
	}
	return true;
}

/* A key: edit the answer line, send it, or leave.  False to leave. */
static bool tui_class_key(struct tui_class *c, int fd, wint_t ch, bool is_key)
{
	char out[CLASS_LINE_MAX_IN];
	size_t len;

	if (is_key && (ch == KEY_NPAGE || ch == KEY_PPAGE || ch == KEY_DOWN || ch == KEY_UP)) {
		/* Scroll the body (rows 2 to bottom, its last row a marker
		 * while anything is cut). */
		int rows = c->bottom - 2 > 1 ? c->bottom - 2 : 1;
		int step = ch == KEY_NPAGE || ch == KEY_PPAGE ? (rows > 1 ? rows - 1 : 1) : 1;
		int max = c->total - rows > 0 ? c->total - rows : 0;

		c->scroll += ch == KEY_NPAGE || ch == KEY_DOWN ? step : -step;
		c->scroll = c->scroll < 0 ? 0 : c->scroll > max ? max : c->scroll;
		return true;
	}
	if (c->gone || c->m.state == CLASS_CLIENT_ENDED || c->m.state == CLASS_CLIENT_CLOSED)
		return false;
	if (!is_key && ch == 27) {
		static const char bye[] = "BYE\n";

		tui_class_send(fd, bye, sizeof(bye) - 1);
		return false;
	}
	if ((is_key && (ch == KEY_ENTER)) || (!is_key && (ch == '\n' || ch == '\r'))) {
		char hint[200];

		len = class_client_answer(&c->m, c->typed, out, sizeof(out), hint, sizeof(hint));
		/* Refused by the key map before it is sent: said as the host
		 * says it. */
		if (len == 0)
			snprintf(c->status, sizeof(c->status), "%s%s", c->typed[0] != '\0' ? "Not recorded: " : "",
				 hint);
		if (len > 0) {
			if (!tui_class_send(fd, out, len))
				c->gone = true;
			c->ntyped = 0;
			c->typed[0] = '\0';
		}
		return true;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		if (c->ntyped > 0)
			c->typed[--c->ntyped] = '\0';
		return true;
	}
	if (!is_key && ch < 128 && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				    (ch >= '0' && ch <= '9') || ch == ' ' || ch == ',' || ch == '|') &&
	    c->ntyped + 1 < sizeof(c->typed)) {
		c->typed[c->ntyped++] = (char)ch;
		c->typed[c->ntyped] = '\0';
		c->status[0] = '\0';
	}
	return true;
}

int tui_class_join(int fd, const char *teacher, struct whose_error *err)
{
	static char buf[CLASS_LINE_MAX_OUT];
	struct tui t;
	struct tui_class c;
	char hello[64];
	size_t nbuf = 0, hl;
	int rc, status = 1, sig;
	int64_t asked;

	memset(&t, 0, sizeof(t));
	memset(&c, 0, sizeof(c));
	t.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	t.err = err;
	c.t = &t;
	class_client_init(&c.m);
	snprintf(c.m.teacher, sizeof(c.m.teacher), "%s", teacher);
	hl = class_client_hello(hello, sizeof(hello));
	/* Not taken: what the host said (an ERROR) is still there to read. */
	tui_class_send(fd, hello, hl);
	asked = tui_class_now();
	rc = tui_start(&t, err);
	if (rc < 0)
		return rc;
	/* Keys stay where poll sees them (see screen_class_host.c). */
	typeahead(-1);
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = c.gone ? -1 : fd, .events = POLLIN },
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		bool leave = false;
		wint_t ch;
		int k;

		tui_class_draw(&c);
		if (poll(p, 2, 250) < 0 && errno != EINTR)
			break;
		if (tui_signal_caught())
			break;
		/* A listener that never answers is not a class. */
		if (c.m.state == CLASS_CLIENT_CONNECTING && !c.gone && tui_class_now() - asked > 10000) {
			c.gone = true;
			snprintf(c.status, sizeof(c.status), "The class's host said nothing for 10 s: Esc leaves.");
		}
		/* The student's terminal hung up (a dropped SSH session). */
		if (p[1].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = recv(fd, buf + nbuf, sizeof(buf) - nbuf, 0);
			long end;

			if (r <= 0) {
				c.gone = true;
				if (c.m.state != CLASS_CLIENT_ENDED && c.m.state != CLASS_CLIENT_CLOSED)
					snprintf(c.status, sizeof(c.status), "%s",
						 c.m.state == CLASS_CLIENT_CONNECTING
							 ? "The class's host closed the connection before letting you in."
							 : "The class's host has gone: the class is over.");
			} else {
				nbuf += (size_t)r;
				while ((end = class_line_end(buf, nbuf, CLASS_LINE_MAX_OUT)) != -1) {
					if (end == -2 || class_client_take(&c.m, buf, (size_t)end, tui_class_now()) < 0) {
						c.gone = true;
						snprintf(c.status, sizeof(c.status),
							 "The class's host sent a malformed message.");
						break;
					}
					memmove(buf, buf + end + 1, nbuf - (size_t)end - 1);
					nbuf -= (size_t)end + 1;
					if (c.m.state == CLASS_CLIENT_REVEALED || c.m.state == CLASS_CLIENT_ENDED)
						c.status[0] = '\0';
				}
			}
		}
		nodelay(stdscr, TRUE);
		while (!leave && (k = get_wch(&ch)) != ERR) {
			if (k == KEY_CODE_YES && ch == KEY_RESIZE)
				continue;
			leave = !tui_class_key(&c, fd, ch, k == KEY_CODE_YES);
		}
		nodelay(stdscr, FALSE);
		if (leave)
			break;
	}
	if (c.m.state == CLASS_CLIENT_ENDED)
		status = 0;
	tui_stop();
	sig = tui_signal_caught();
	if (sig != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
	if (c.m.state == CLASS_CLIENT_ENDED)
		printf("The class is over: %llu of %llu right, %llu points, rank %llu of %llu.\n",
		       (unsigned long long)c.m.end_score, (unsigned long long)c.m.end_asked,
		       (unsigned long long)c.m.end_points, (unsigned long long)c.m.end_rank,
		       (unsigned long long)c.m.end_of);
	return status == 0 ? 0 : 1;
}
