/*
 * tui.c - the life of the full-screen front end: taking the terminal and
 * giving it back, signals, and the input loop that drives the screens.
 *
 * The terminal is taken by tui_start and given back by tui_stop, one exact
 * pair (tmux's tty_start_tty / tty_stop_tty).  tui_stop is idempotent and
 * is also registered with atexit, so that an exit from anywhere restores
 * the terminal.  While curses owns the screen, stderr is redirected to a
 * temporary file and replayed after tui_stop (htop), so that a stray
 * message can neither garble the screen nor be lost.
 *
 * Signals: SIGINT, SIGTERM, SIGHUP and SIGQUIT (Ctrl-\\) only set a flag.  Input is read with
 * a timeout, so the loop sees the flag within a fraction of a second; it
 * then frees the screens (a session saves everything answered), restores
 * the terminal, and dies of the same signal with the default action, so
 * that the parent sees how the program ended (exit status 128 + signal).
 * The handlers are installed before curses starts: ncurses then leaves
 * SIGINT and SIGTERM to us.  SIGWINCH stays with ncurses, which turns it
 * into KEY_RESIZE; SIGTSTP too (it suspends and redraws properly).
 *
 * The loop:
 *
 *     frame --> wait for a key (250 ms) --+--> signal flag: leave
 *       ^                                 +--> timeout: store_idle; a new
 *       |                                 |    second? the screen's tick (a
 *       |                                 |    countdown may end an exam), redraw
 *       |                                 +--> KEY_RESIZE: lay out again
 *       +------ screen's key callback <---+--> key: look it up in the table
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/tui.h"
#include "tui/tui_int.h"
#include "whose/text.h"

/* How long the loop waits for a key before it looks at the signal flag
 * and the clock again. */
#define TUI_TICK_MS 250

static const int tui_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define TUI_NSIGNALS (sizeof(tui_signals) / sizeof(tui_signals[0]))

static volatile sig_atomic_t tui_caught;    /* the signal, or 0 */
static struct sigaction tui_old_actions[TUI_NSIGNALS];
static bool tui_active;
static bool tui_atexit_done;
static SCREEN *tui_screen_handle;
static int tui_saved_stderr = -1;
static FILE *tui_held_stderr;

static void tui_on_signal(int sig)
{
	tui_caught = sig;
}

static void tui_signals_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;   /* no SA_RESTART: a pending read returns at once */
	for (size_t i = 0; i < TUI_NSIGNALS; i++)
		sigaction(tui_signals[i], &sa, &tui_old_actions[i]);
}

static void tui_signals_restore(void)
{
	for (size_t i = 0; i < TUI_NSIGNALS; i++)
		sigaction(tui_signals[i], &tui_old_actions[i], NULL);
}

/* Send stderr to a temporary file while curses owns the screen.  When no
 * temporary file can be made, stderr is left alone. */
static void tui_stderr_hold(void)
{
	fflush(stderr);
	tui_held_stderr = tmpfile();
	if (tui_held_stderr == NULL)
		return;
	tui_saved_stderr = dup(STDERR_FILENO);
	if (tui_saved_stderr < 0 || dup2(fileno(tui_held_stderr), STDERR_FILENO) < 0) {
		if (tui_saved_stderr >= 0)
			close(tui_saved_stderr);
		tui_saved_stderr = -1;
		fclose(tui_held_stderr);
		tui_held_stderr = NULL;
	}
}

static void tui_stderr_put(const char *piece, size_t n, void *ctx)
{
	(void)ctx;
	if (write(STDERR_FILENO, piece, n) < 0)
		return;
}

/* Bytes at the end of S[0..N) that begin a UTF-8 character not complete
 * yet (0..3): kept for the next read. */
static size_t tui_stderr_unfinished(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)s[n - k];

		if ((c & 0xC0) == 0x80)
			continue;
		return text_utf8_seq_len(c) > k ? k : 0;
	}
	return 0;
}

/* Put stderr back and write out what it received meanwhile, through
 * text_vis like everything else that reaches the terminal: whoever wrote
 * it, nothing in it can act on the terminal. */
static void tui_stderr_release(void)
{
	char buf[4096];
	size_t n, have = 0;

	if (tui_held_stderr == NULL)
		return;
	fflush(stderr);
	dup2(tui_saved_stderr, STDERR_FILENO);
	close(tui_saved_stderr);
	tui_saved_stderr = -1;
	rewind(tui_held_stderr);
	while ((n = fread(buf + have, 1, sizeof(buf) - have, tui_held_stderr)) > 0) {
		size_t total = have + n, hold = tui_stderr_unfinished(buf, total);

		text_vis_emit(buf, total - hold, TEXT_VIS_NL | TEXT_VIS_TAB, tui_stderr_put, NULL);
		memmove(buf, buf + total - hold, hold);
		have = hold;
	}
	text_vis_emit(buf, have, TEXT_VIS_NL | TEXT_VIS_TAB, tui_stderr_put, NULL);
	fclose(tui_held_stderr);
	tui_held_stderr = NULL;
}

/* A piece of safe text (text_vis_emit) to standard output. */
static void tui_out_put(const char *piece, size_t n, void *ctx)
{
	(void)ctx;
	fwrite(piece, 1, n, stdout);
}

void tui_show_outside(struct tui *t, const char *title, const char *const *text,
		      size_t n)
{
	unsigned flags = t->utf8 ? 0u : TEXT_VIS_ASCII;
	bool done = false;

	/* Out of curses, the terminal is as the shell had it: what is
	 * written here is ordinary output, wrapped by the terminal as one
	 * line however long, and left in its scrollback. */
	def_prog_mode();
	endwin();
	fputs("\n", stdout);
	if (title != NULL && title[0] != '\0') {
		fputs("Question ", stdout);
		text_vis_emit(title, strlen(title), flags, tui_out_put, NULL);
		fputs(":\n", stdout);
	}
	for (size_t i = 0; i < n; i++) {
		text_vis_emit(text[i], strlen(text[i]), flags, tui_out_put, NULL);
		fputs("\n", stdout);
	}
	fputs("\nPress Enter to go back to whose.\n", stdout);
	fflush(stdout);
	/* A line typed (the terminal is in line mode again), the end of
	 * input, or a signal for the main loop. */
	while (!done && !tui_caught) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		char buf[256];
		ssize_t k;
		int r = poll(&p, 1, TUI_TICK_MS);

		if (r < 0 && errno != EINTR)
			break;
		if (r <= 0)
			continue;
		k = read(STDIN_FILENO, buf, sizeof(buf));
		if (k <= 0)
			break;
		done = memchr(buf, '\n', (size_t)k) != NULL ||
		       memchr(buf, '\r', (size_t)k) != NULL;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
}

static void tui_atexit(void)
{
	tui_stop();
}

int tui_signal_caught(void)
{
	return tui_caught;
}

int tui_start(struct tui *t, struct whose_error *err)
{
	const char *no_color = getenv("NO_COLOR");

	if (tui_active)
		return 0;
	tui_caught = 0;
	tui_signals_catch();
	tui_stderr_hold();
	tui_screen_handle = newterm(NULL, stdout, stdin);
	if (tui_screen_handle == NULL) {
		const char *term = getenv("TERM");

		tui_stderr_release();
		tui_signals_restore();
		return whose_error_set(err, WHOSE_EIO,
				       "cannot use the terminal '%s' for the full-screen interface: set TERM to your terminal's type, or use --plain",
				       term != NULL ? term : "(TERM is not set)");
	}
	set_term(tui_screen_handle);
	tui_active = true;
	if (!tui_atexit_done) {
		atexit(tui_atexit);
		tui_atexit_done = true;
	}
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	wtimeout(stdscr, TUI_TICK_MS);
	t->colour = has_colors() && (no_color == NULL || no_color[0] == '\0');
	if (t->colour && start_color() != OK)
		t->colour = false;
	tui_draw_init(t);
	return 0;
}

void tui_stop(void)
{
	if (!tui_active)
		return;
	tui_active = false;
	curs_set(1);
	endwin();
	delscreen(tui_screen_handle);
	tui_screen_handle = NULL;
	tui_stderr_release();
	tui_signals_restore();
}

void *tui_screen_new(struct tui *t, size_t size, const struct tui_screen_ops *ops)
{
	struct tui_screen *s = calloc(1, size);

	if (s == NULL) {
		tui_fail(t, whose_error_set(t->err, WHOSE_ENOMEM, "out of memory"));
		return NULL;
	}
	s->ops = ops;
	return s;
}

void tui_switch(struct tui *t, struct tui_screen *next)
{
	if (t->next != NULL && t->next != next)
		t->next->ops->free(t, t->next);
	t->next = next;
}

void tui_fail(struct tui *t, int rc)
{
	if (t->rc == 0)
		t->rc = rc;
	t->quit = true;
}

void tui_notice(struct tui *t, enum tui_style style, const char *fmt, ...)
{
	char raw[sizeof(t->notice)];
	char *clean;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	clean = tui_text_clean(raw, !t->utf8);
	snprintf(t->notice, sizeof(t->notice), "%s", clean != NULL ? clean : "");
	free(clean);
	t->notice_style = style;
}

/* Read one key, translated into the key table's codes; -1 on timeout or
 * interruption. */
static int tui_read_key(void)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);

	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		switch (wc) {
		case KEY_UP: return TUI_KEY_UP;
		case KEY_DOWN: return TUI_KEY_DOWN;
		case KEY_LEFT: return TUI_KEY_LEFT;
		case KEY_RIGHT: return TUI_KEY_RIGHT;
		case KEY_PPAGE: return TUI_KEY_PGUP;
		case KEY_NPAGE: return TUI_KEY_PGDN;
		case KEY_HOME: return TUI_KEY_HOME;
		case KEY_END: return TUI_KEY_END;
		case KEY_ENTER: return TUI_KEY_ENTER;
		case KEY_BACKSPACE: return TUI_KEY_BACKSPACE;
		case KEY_RESIZE: return TUI_KEY_RESIZE;
		default: return -1;
		}
	}
	switch (wc) {
	case '\r':
	case '\n':
		return TUI_KEY_ENTER;
	case 27:
		return TUI_KEY_ESC;
	case 127:
	case 8:
		return TUI_KEY_BACKSPACE;
	default:
		return (int)wc;
	}
}

/* What the keys of screen S mean now (its keys op, or its one context). */
static unsigned tui_screen_keys(struct tui *t, struct tui_screen *s, size_t *count)
{
	if (s->ops->keys != NULL)
		return s->ops->keys(t, s, count);
	*count = 0;
	return s->ops->ctx;
}

/* Paint everything from the window's size as it is now. */
static void tui_frame(struct tui *t)
{
	getmaxyx(stdscr, t->lines, t->cols);
	werase(stdscr);
	if (tui_layout_too_small(t->cols, t->lines)) {
		tui_draw_too_small(t);
	} else {
		t->screen->ops->draw(t, t->screen);
		if (t->help) {
			size_t count = 0;
			unsigned ctx = tui_screen_keys(t, t->screen, &count);

			tui_draw_help(t, ctx, count);
		}
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/*
 * q: the home screen's quits whose; any other screen's leaves it, asking
 * first when something would be lost (its quit op), for the home screen,
 * or out when whose started in this mode and has no home screen to go
 * back to ('whose review', 'whose exam').
 */
static void tui_quit(struct tui *t)
{
	if (t->screen->ops->home) {
		t->quit = true;
		return;
	}
	if (t->screen->ops->quit != NULL && !t->screen->ops->quit(t, t->screen))
		return;
	if (t->home)
		tui_go_home(t);
	else
		t->quit = true;
}

bool tui_mark(struct tui *t, const struct attempt *a)
{
	bool on;
	int rc = attempt_mark_toggle(a, t->store, clock_now(t->clock), &on, t->err);

	if (rc < 0) {
		tui_fail(t, rc);
		return false;
	}
	tui_notice(t, TUI_S_NOTICE, on ? "Marked for review: the home screen lists it; m again unmarks it."
		   : "Unmarked.");
	return on;
}

static void tui_on_key(struct tui *t, int key)
{
	size_t count = 0;
	unsigned ctx;
	enum tui_action a;
	int arg;

	if (tui_layout_too_small(t->cols, t->lines)) {
		/* Nothing can be seen: only quitting makes sense. */
		if (key == 'q')
			tui_quit(t);
		return;
	}
	if (t->help) {
		/* Any key closes the overlay, Space and q too; only the
		 * arrows and PgUp/PgDn scroll it, when it is longer than the
		 * window (smaller than 80x24 or 60x20). */
		if ((key == TUI_KEY_PGDN || key == TUI_KEY_DOWN) && t->help_more)
			t->help_top++;
		else if ((key == TUI_KEY_PGUP || key == TUI_KEY_UP) && t->help_top > 0)
			t->help_top--;
		else
			t->help = false;
		return;
	}
	ctx = tui_screen_keys(t, t->screen, &count);
	a = tui_keymap_lookup(ctx, key, count, &arg);
	t->notice[0] = '\0';
	switch (a) {
	case TUI_ACT_NONE: {
		char name[24];

		tui_keymap_key_name(key, name, sizeof(name));
		tui_notice(t, TUI_S_NOTICE, "%s does nothing here: ? lists the keys", name);
		/* A screen that asks before leaving (q, then q again) hears
		 * every other key, so that any key, even one that does
		 * nothing, takes the question back. */
		if (t->screen->ops->quit != NULL)
			t->screen->ops->key(t, t->screen, TUI_ACT_NONE, 0);
		break;
	}
	case TUI_ACT_HELP:
		t->help = true;
		t->help_top = 0;
		break;
	case TUI_ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case TUI_ACT_QUIT:
		tui_quit(t);
		break;
	default:
		t->screen->ops->key(t, t->screen, a, arg);
		break;
	}
}

/* The first screen: home, or straight into a session. */
static struct tui_screen *tui_first_screen(struct tui *t, const struct session_opts *o)
{
	struct tui_screen *s = NULL;
	int rc;

	if (t->home)
		return tui_home_new(t);
	rc = tui_study_new(t, o, o->topics, o->ntopics, &s);
	if (rc == WHOSE_ENOTFOUND) {
		whose_error_clear(t->err);
		return tui_summary_new(t, o->mode == SESSION_REVIEW
				       ? "Nothing is due now: come back later, or practise with 'whose practice'."
				       : "There is nothing to practise in these topics.",
				       NULL, 0, o->mode);
	}
	if (rc < 0)
		tui_fail(t, rc);
	return s;
}

/* Set up T for a run on S (every argument borrowed). */
static void tui_init(struct tui *t, struct store *s, const struct config *cfg,
		     const struct whose_clock *clock, struct whose_error *err)
{
	memset(t, 0, sizeof(*t));
	t->store = s;
	t->cfg = cfg;
	t->clock = clock;
	t->base.config = cfg;
	t->base.clock = clock;
	t->err = err;
	t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	whose_error_clear(err);
}

/* The input loop, from the first screen FIRST(T, ARG) (made once the
 * terminal is taken) until the learner quits, a screen fails or a signal
 * comes.  Returns t->rc, with the terminal given back. */
static int tui_main(struct tui *t, struct tui_screen *(*first)(struct tui *, const void *),
		    const void *arg)
{
	int64_t last_second = -1;
	bool dirty = true;
	int rc, sig;

	rc = tui_start(t, t->err);
	if (rc < 0)
		return rc;
	t->screen = first(t, arg);
	while (!t->quit && !tui_caught) {
		int key;

		if (t->next != NULL) {
			if (t->screen != NULL)
				t->screen->ops->free(t, t->screen);
			t->screen = t->next;
			t->next = NULL;
			dirty = true;
		}
		if (t->screen == NULL)
			break;
		if (dirty) {
			tui_frame(t);
			dirty = false;
		}
		key = tui_read_key();
		if (tui_caught)
			break;
		if (key < 0) {
			/* A quiet moment: move the clock on screen, and let
			 * the store checkpoint its log (store_idle) now rather
			 * than inside the next answer. */
			int64_t now = clock_now(t->clock) / 1000;

			store_idle(t->store);

			if (t->screen->ops->ticks && now != last_second) {
				last_second = now;
				if (t->screen->ops->tick != NULL)
					t->screen->ops->tick(t, t->screen);
				dirty = true;
			}
			continue;
		}
		dirty = true;
		if (key == TUI_KEY_RESIZE) {
			getmaxyx(stdscr, t->lines, t->cols);
			if (t->screen->ops->resize != NULL)
				t->screen->ops->resize(t, t->screen);
			continue;
		}
		if (t->screen->ops->raw != NULL && t->screen->ops->raw(t, t->screen, key))
			continue;
		tui_on_key(t, key);
	}
	/* Leave: free the screens (a session saves what was answered). */
	if (t->next != NULL)
		t->next->ops->free(t, t->next);
	if (t->screen != NULL)
		t->screen->ops->free(t, t->screen);
	/* Questions passed over that no summary showed: said again after
	 * the screen is given back (held stderr goes through text_vis). */
	if (t->skipped != NULL)
		fprintf(stderr, "whose: %s\n", t->skipped);
	free(t->skipped);
	t->skipped = NULL;
	tui_stop();
	sig = tui_caught;
	if (sig != 0) {
		/* Die of the signal, now that everything is saved and the
		 * terminal is back, so that the parent sees it. */
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
	return t->rc;
}

static struct tui_screen *tui_first_session(struct tui *t, const void *arg)
{
	return tui_first_screen(t, arg);
}

int tui_run(struct store *s, const struct config *cfg,
	    const struct whose_clock *clock, bool home,
	    const struct session_opts *o, struct whose_error *err)
{
	struct tui t;

	tui_init(&t, s, cfg, clock, err);
	t.base = *o;
	t.base.config = cfg;
	t.base.clock = clock;
	t.home = home;
	return tui_main(&t, tui_first_session, &t.base);
}

/* What tui_exam hands to its first screen. */
struct tui_exam_args {
	const struct exam_opts *o;
	const struct tui_exam_how *how;
};

static struct tui_screen *tui_first_exam(struct tui *t, const void *arg)
{
	const struct tui_exam_args *a = arg;

	/* A new exam opens on its start screen: nothing runs before Enter. */
	if (a->how->id == 0 && !a->how->review)
		return tui_exam_start_new(t, a->o);
	return tui_exam_new(t, a->o, a->how);
}

int tui_exam(struct store *s, const struct exam_opts *o,
	     const struct tui_exam_how *how, struct whose_error *err)
{
	struct tui t;
	struct tui_exam_args a = { o, how };

	tui_init(&t, s, o->config, o->clock, err);
	return tui_main(&t, tui_first_exam, &a);
}

/* What tui_drill hands to its first screen. */
struct tui_drill_args {
	const struct drill_opts *o;
	const char *name, *results;
};

static struct tui_screen *tui_first_drill(struct tui *t, const void *arg)
{
	const struct tui_drill_args *a = arg;

	return tui_drill_new(t, a->o, a->name, a->results);
}

int tui_drill(struct store *s, const struct drill_opts *o, const char *name,
	      const char *results, struct whose_error *err)
{
	struct tui t;
	struct tui_drill_args a = { o, name, results };

	tui_init(&t, s, o->config, o->clock, err);
	return tui_main(&t, tui_first_drill, &a);
}

bool tui_line_edit(char *buf, size_t cap, size_t *len, int key)
{
	char enc[4];
	size_t n;
	unsigned c = (unsigned)key;

	if (key == TUI_KEY_BACKSPACE) {
		while (*len > 0 && ((unsigned char)buf[--*len] & 0xC0) == 0x80)
			;
		buf[*len] = '\0';
		return true;
	}
	/* Text only: no control characters, C1 controls, surrogates. */
	if (key < 0x20 || key >= 0x110000 || key == 0x7f || (key >= 0x80 && key < 0xa0) ||
	    (key >= 0xD800 && key < 0xE000))
		return false;
	if (c < 0x80) {
		enc[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		enc[0] = (char)(0xC0 | (c >> 6));
		enc[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		enc[0] = (char)(0xE0 | (c >> 12));
		enc[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		enc[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		enc[0] = (char)(0xF0 | (c >> 18));
		enc[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		enc[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		enc[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	if (*len + n < cap) {
		memcpy(buf + *len, enc, n);
		*len += n;
		buf[*len] = '\0';
	}
	return true;
}

void tui_go_home(struct tui *t)
{
	struct tui_screen *home = tui_home_new(t);

	if (home != NULL)
		tui_switch(t, home);
}

bool tui_list_key(struct tui *t, struct tui_list *l, size_t page, enum tui_action a)
{
	if (tui_list_move(l, page, a))
		return true;
	if (a != TUI_ACT_BACK)
		return false;
	tui_go_home(t);
	return true;
}
