/*
 * keymap.c - the key table of the full-screen front end (see keymap.h).
 *
 * The order of the rows is the order of the footer and of the help
 * overlay: the keys of a screen first, the keys that work everywhere last.
 * A key must mean one thing per context; tests/test_tui_layout.c checks
 * that no two rows of one context claim the same key.
 */
#include <stdio.h>
#include <string.h>

#include "tui/keymap.h"

static const struct tui_keydef tui_keymap_rows[] = {
	/* Home. */
	{ TUI_CTX_HOME, 'r', 0, TUI_KEY_ENTER, TUI_ACT_REVIEW, 0, false,
	  "review what is due (learning, reviews, then new questions)", "Review" },
	{ TUI_CTX_HOME, 'p', 0, 0, TUI_ACT_PICK, 0, false,
	  "practise topics you pick (due dates do not move)", "Practice" },
	{ TUI_CTX_HOME, 'w', 0, 0, TUI_ACT_WEAK, 0, false,
	  "practise your three weakest topics", "Weak" },
	{ TUI_CTX_HOME, 's', 0, 0, TUI_ACT_STATS, 0, false,
	  "statistics by topic", "Stats" },
	/* On the home screen f is in the help, not the footer: the footer's
	 * 80 columns go to the screens a session starts from. */
	{ TUI_CTX_HOME, 'f', 0, 0, TUI_ACT_FLAGGED, 0, false,
	  "the questions you flagged: read them, put them back", NULL },
	{ TUI_CTX_STATS, 'f', 0, 0, TUI_ACT_FLAGGED, 0, false,
	  "the questions you flagged: read them, put them back", "Flagged" },
	{ TUI_CTX_HOME, 'x', 0, 0, TUI_ACT_EXAM, 0, false,
	  "sit a timed mock exam (as 'whose exam'; an open one goes on)", "Exam" },
	{ TUI_CTX_HOME, 'd', 0, 0, TUI_ACT_DRILL, 0, false,
	  "a classroom drill: the seed your teacher gave, then a results file to hand it in",
	  NULL },
	{ TUI_CTX_HOME, 'c', 0, 0, TUI_ACT_SETTINGS, 0, false,
	  "the settings: new questions a day, retention, steps... (as 'whose config')",
	  "Settings" },
	{ TUI_CTX_HOME, '/', 0, 0, TUI_ACT_SEARCH, 0, false,
	  "search the questions: the list follows as you type",
	  NULL },
	{ TUI_CTX_HOME, 'b', 0, 0, TUI_ACT_BROWSE, 0, false,
	  "browse every question: filter, sort, open, act, practise",
	  NULL },

	/* Browsing the questions found, and one of them whole. */
	{ TUI_CTX_BROWSE, TUI_KEY_ENTER, 0, 0, TUI_ACT_OPEN, 0, false,
	  "open the question under the cursor: answer, schedule, history",
	  "Open" },
	{ TUI_CTX_BROWSE, '/', 0, 0, TUI_ACT_SEARCH, 0, false,
	  "type the search words (Enter or Esc back to the list)", "Search" },
	{ TUI_CTX_BROWSE, 't', 0, 0, TUI_ACT_TOPIC, 0, false,
	  "only the next topic (after the last one: every topic)", "Topic" },
	{ TUI_CTX_BROWSE, 'y', 0, 0, TUI_ACT_KIND, 0, false,
	  "only the next type of question", NULL },
	{ TUI_CTX_BROWSE, 'f', 0, 0, TUI_ACT_STATE, 0, false,
	  "only the next state (new, review, suspended, marked, due...)",
	  "Filter" },
	{ TUI_CTX_BROWSE, 'o', 0, 0, TUI_ACT_SORT, 0, false,
	  "sort by the next column", "Sort" },
	{ TUI_CTX_BROWSE, 'O', 0, 0, TUI_ACT_REVERSE, 0, false,
	  "sort the other way round", NULL },
	{ TUI_CTX_BROWSE, '*', 0, 0, TUI_ACT_SCOPE, 0, false,
	  "z, m, ! and R act on every question listed (or one)",
	  NULL },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, 'z', 0, 0, TUI_ACT_SUSPEND, 0, false,
	  "suspend (out of reviews, schedule kept) or unsuspend", "Suspend" },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, 'm', 0, 0, TUI_ACT_MARK, 0, false,
	  "mark to come back to, or unmark (the schedule stays)", "Mark" },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, '!', 0, 0, TUI_ACT_REPORT, 0, false,
	  "report a problem (out of study until cleared), or clear it", NULL },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, 'R', 0, 0, TUI_ACT_RESET, 0, false,
	  "start the schedule again as new (asks first)", NULL },
	{ TUI_CTX_BROWSE, 'p', 0, 0, TUI_ACT_PRACTISE, 0, false,
	  "practise the questions listed (the schedule stays)", "Practise" },
	{ TUI_CTX_BROWSE, 'd', 0, 0, TUI_ACT_DRILL_IDS, 0, false,
	  "show the ids listed outside the screen, for a drill", NULL },

	{ TUI_CTX_HOME, 'e', 0, 0, TUI_ACT_EXAMS, 0, false,
	  "the past exams: the trend, review one, forget an accident (as 'whose exams')",
	  NULL },

	/* A new exam's start screen, and the past exams. */
	{ TUI_CTX_EXAM_START, TUI_KEY_ENTER, 0, 0, TUI_ACT_START, 0, false,
	  "start the exam: its clock runs from now", "Start" },
	{ TUI_CTX_EXAMS, TUI_KEY_ENTER, 0, 0, TUI_ACT_GO, 0, false,
	  "review the exam under the cursor (read only)", "Review" },
	{ TUI_CTX_EXAMS, 'F', 0, 0, TUI_ACT_FORGET, 0, false,
	  "forget the exam under the cursor (asks first; out of every figure), or restore it",
	  "Forget" },

	/* The settings. */
	{ TUI_CTX_SETTINGS, TUI_KEY_ENTER, 0, 0, TUI_ACT_EDIT, 0, false,
	  "change the setting under the cursor (Enter saves, Esc cancels)", "Change" },
	{ TUI_CTX_SETTINGS, 'd', 0, 0, TUI_ACT_DEFAULT, 0, false,
	  "put the setting under the cursor back to its default", "Default" },

	/* The flagged questions. */
	{ TUI_CTX_FLAGGED, 'u', 0, 0, TUI_ACT_UNFLAG, 0, false,
	  "unflag the question under the cursor: it returns to the rotation", "Unflag" },

	/* Picking topics to practise. */
	{ TUI_CTX_PICK, ' ', 0, 0, TUI_ACT_TOGGLE, 0, false,
	  "select or unselect the topic under the cursor", "Select" },
	{ TUI_CTX_PICK, 'a', 0, 0, TUI_ACT_ALL, 0, false,
	  "select every topic, or none", "All" },
	{ TUI_CTX_PICK, TUI_KEY_ENTER, 0, 0, TUI_ACT_START, 0, false,
	  "practise the selected topics (or the one under the cursor)", "Start" },

	/* The end of a session. */
	{ TUI_CTX_SUMMARY, TUI_KEY_ENTER, 0, TUI_KEY_ESC, TUI_ACT_BACK, 0, false,
	  "go on", "Continue" },

	/* A question: choose one. */
	{ TUI_CTX_CHOICE, '1', '6', 0, TUI_ACT_CHOOSE, 0, true,
	  "answer with the choice of that number", "Answer" },
	{ TUI_CTX_CHOICE, 'a', 'f', 0, TUI_ACT_CHOOSE, 0, true,
	  "answer with the choice of that letter", NULL },
	/* Choose several. */
	{ TUI_CTX_MULTI, '1', '6', 0, TUI_ACT_CHOOSE, 0, true,
	  "mark or unmark the choice of that number", "Mark" },
	{ TUI_CTX_MULTI, 'a', 'f', 0, TUI_ACT_CHOOSE, 0, true,
	  "mark or unmark the choice of that letter", NULL },
	{ TUI_CTX_MULTI, TUI_KEY_ENTER, 0, 0, TUI_ACT_CONFIRM, 0, false,
	  "answer with the marked choices", "Confirm" },
	/* True or false. */
	{ TUI_CTX_TF, 't', 0, '1', TUI_ACT_TRUTH, 1, false, "true", "True" },
	{ TUI_CTX_TF, 'f', 0, '2', TUI_ACT_TRUTH, 0, false, "false", "False" },
	/* Whose responsibility, and sorting duties into owners. */
	{ TUI_CTX_WHO | TUI_CTX_SORT, 'a', 0, 0, TUI_ACT_OWNER, 0, false,
	  "AWS", "AWS" },
	{ TUI_CTX_WHO | TUI_CTX_SORT, 'c', 0, 0, TUI_ACT_OWNER, 1, false,
	  "the Customer", "Customer" },
	{ TUI_CTX_WHO | TUI_CTX_SORT, 's', 0, 0, TUI_ACT_OWNER, 2, false,
	  "Shared by both", "Shared" },
	{ TUI_CTX_WHO, '1', '3', 0, TUI_ACT_OWNER, 0, false,
	  "AWS, Customer or Shared by number", NULL },
	{ TUI_CTX_SORT, 'k', 0, TUI_KEY_UP, TUI_ACT_UP, 0, false,
	  "the item above", NULL },
	{ TUI_CTX_SORT, 'j', 0, TUI_KEY_DOWN, TUI_ACT_DOWN, 0, false,
	  "the item below", "Move" },
	{ TUI_CTX_SORT, TUI_KEY_ENTER, 0, 0, TUI_ACT_CONFIRM, 0, false,
	  "answer, once every item is sorted", "Confirm" },
	/* A card. */
	{ TUI_CTX_CARD, ' ', 0, TUI_KEY_ENTER, TUI_ACT_TURN, 0, false,
	  "turn the card over", "Turn" },
	/* Answered: the rating. */
	{ TUI_CTX_RATE, '1', '4', 0, TUI_ACT_RATE, 1, false,
	  "rate it 1 Again, 2 Hard, 3 Good or 4 Easy (those shown)", NULL },
	{ TUI_CTX_RATE, TUI_KEY_ENTER, 0, 0, TUI_ACT_RATE, 0, false,
	  "take the suggested rating and go on", "Next" },
	/* Any question. */
	{ TUI_CTX_STUDY, 'u', 0, 0, TUI_ACT_UNDO, 0, false,
	  "undo the last answer or flag", "Undo" },
	{ TUI_CTX_STUDY, '!', 0, 0, TUI_ACT_FLAG, 0, false,
	  "flag the question as wrong or unclear: it leaves the rotation", "Flag" },
	{ TUI_CTX_STUDY, TUI_KEY_ESC, 0, 0, TUI_ACT_END, 0, false,
	  "end the session here and see its summary", "End" },

	/* An exam or a drill question: every answer is a number, so that
	 * letters stay free for the exam's commands (as in plain mode). */
	{ TUI_CTX_EXAM | TUI_CTX_DRILL, '1', '6', 0, TUI_ACT_CHOOSE, 0, true,
	  "answer with that number (who: 1 AWS, 2 Customer, 3 Shared; true/false: 1 true, 2 false); several answers: mark them; sort: the bucket of the item under the cursor",
	  "Answer" },
	{ TUI_CTX_EXAM | TUI_CTX_DRILL, TUI_KEY_ENTER, 0, 0, TUI_ACT_CONFIRM, 0, false,
	  "answer with the marked choices, or once every item is sorted", NULL },
	{ TUI_CTX_EXAM | TUI_CTX_DRILL, 'k', 0, TUI_KEY_UP, TUI_ACT_UP, 0, false,
	  "sort: the item above", NULL },
	{ TUI_CTX_EXAM | TUI_CTX_DRILL, 'j', 0, TUI_KEY_DOWN, TUI_ACT_DOWN, 0, false,
	  "sort: the item below", NULL },
	/* The exam's commands. */
	{ TUI_CTX_EXAM | TUI_CTX_RESULT, 'n', 0, 0, TUI_ACT_NEXT, 0, false,
	  "the next question (result: the next one reviewed)", "Next" },
	{ TUI_CTX_EXAM | TUI_CTX_RESULT, 'p', 0, 0, TUI_ACT_PREV, 0, false,
	  "the previous question (result: the previous one reviewed)", "Prev" },
	/* The arrows too, kept out of the footer so that it fits 80 columns. */
	{ TUI_CTX_EXAM | TUI_CTX_RESULT, TUI_KEY_RIGHT, 0, 0, TUI_ACT_NEXT, 0, false,
	  "the next one, as n", NULL },
	{ TUI_CTX_EXAM | TUI_CTX_RESULT, TUI_KEY_LEFT, 0, 0, TUI_ACT_PREV, 0, false,
	  "the previous one, as p", NULL },
	{ TUI_CTX_EXAM, 'f', 0, 0, TUI_ACT_FLAG, 0, false,
	  "flag the question to come back to, or unflag it", "Flag" },
	{ TUI_CTX_EXAM, 'r', 0, 0, TUI_ACT_LIST, 0, false,
	  "the review list: unanswered and flagged questions", "Review" },
	{ TUI_CTX_EXAM, 'x', 0, 0, TUI_ACT_CLEAR, 0, false,
	  "take the answer to this question back", NULL },
	{ TUI_CTX_EXAM, 's', 0, 0, TUI_ACT_SUBMIT, 0, false,
	  "submit the exam (asks first when questions are unanswered)", "Submit" },
	{ TUI_CTX_EXAM, 'g', 0, 0, TUI_ACT_NAV, 0, false,
	  "the navigator: every question by number, to open any of them", "Go to" },
	{ TUI_CTX_RESULT, 'a', 0, 0, TUI_ACT_FILTER, 0, false,
	  "review every answer, with its explanation and time", "All" },
	{ TUI_CTX_RESULT, 'w', 0, 0, TUI_ACT_FILTER, 1, false,
	  "review the wrong or unanswered answers", "Wrong" },
	{ TUI_CTX_RESULT, 'f', 0, 0, TUI_ACT_FILTER, 2, false,
	  "review the flagged questions", NULL },
	{ TUI_CTX_RESULT, 't', 0, 0, TUI_ACT_FILTER, 3, false,
	  "review one topic (t again: the next topic)", "Topic" },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_RIGHT, 0, 'l', TUI_ACT_NEXT, 0, false,
	  "navigator: the next number", NULL },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_LEFT, 0, 'h', TUI_ACT_PREV, 0, false,
	  "navigator: the number before", NULL },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_ENTER, 0, 0, TUI_ACT_GO, 0, false,
	  "go to the question under the cursor", "Go" },
	{ TUI_CTX_DRILL_SHOWN, TUI_KEY_ENTER, 0, ' ', TUI_ACT_NEXT, 0, false,
	  "the next question (its countdown starts)", "Next" },

	/* A graded question: its source link whole. */
	{ TUI_CTX_RATE | TUI_CTX_RESULT | TUI_CTX_DRILL_SHOWN, 'o', 0, 0, TUI_ACT_SOURCE, 0,
	  false, "show the source link whole, outside the full screen, to copy or open it",
	  NULL },

	/* Lists and long text. */
	{ TUI_CTX_LISTS, 'k', 0, TUI_KEY_UP, TUI_ACT_UP, 0, false,
	  "move or scroll up", NULL },
	{ TUI_CTX_LISTS, 'j', 0, TUI_KEY_DOWN, TUI_ACT_DOWN, 0, false,
	  "move or scroll down", NULL },
	{ TUI_CTX_LISTS | TUI_CTX_STUDY | TUI_CTX_TIMED, TUI_KEY_PGUP, 0, 0, TUI_ACT_PGUP, 0,
	  false, "scroll a page up", NULL },
	{ TUI_CTX_LISTS | TUI_CTX_STUDY | TUI_CTX_TIMED, TUI_KEY_PGDN, 0, 0, TUI_ACT_PGDN, 0,
	  false, "scroll a page down", NULL },
	{ TUI_CTX_PICK | TUI_CTX_STATS | TUI_CTX_FLAGGED | TUI_CTX_SETTINGS | TUI_CTX_EXAM_START |
	  TUI_CTX_EXAMS | TUI_CTX_BROWSE, TUI_KEY_ESC, 0,
	  TUI_KEY_BACKSPACE, TUI_ACT_BACK, 0,
	  false, "back to the home screen", "Back" },
	{ TUI_CTX_DETAIL, TUI_KEY_ESC, 0, TUI_KEY_BACKSPACE, TUI_ACT_BACK, 0,
	  false, "back to the list", "Back" },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_ESC, 0, TUI_KEY_BACKSPACE, TUI_ACT_BACK, 0,
	  false, "back to the question", "Back" },

	/* Everywhere. */
	{ TUI_CTX_ALL, '?', 0, 0, TUI_ACT_HELP, 0, false,
	  "list every key (this help)", "Help" },
	{ TUI_CTX_ALL, TUI_KEY_CTRL_L, 0, 0, TUI_ACT_REDRAW, 0, false,
	  "draw the screen again", NULL },
	{ TUI_CTX_ALL, 'q', 0, 0, TUI_ACT_QUIT, 0, false,
	  "quit; everything answered is saved (an exam asks first and stays open)", "Quit" },
};

#define TUI_KEYMAP_N (sizeof(tui_keymap_rows) / sizeof(tui_keymap_rows[0]))

const struct tui_keydef *tui_keymap_table(size_t *n)
{
	*n = TUI_KEYMAP_N;
	return tui_keymap_rows;
}

/* The last key of D's range as far as COUNT allows (D->key when none). */
static int tui_keymap_last(const struct tui_keydef *d, size_t count)
{
	int last = d->last != 0 ? d->last : d->key;

	if (d->counted && d->last != 0) {
		if (count == 0)
			return d->key - 1;
		if ((size_t)(last - d->key) >= count)
			last = d->key + (int)count - 1;
	}
	return last;
}

enum tui_action tui_keymap_lookup(unsigned ctx, int key, size_t count, int *arg)
{
	*arg = 0;
	for (size_t i = 0; i < TUI_KEYMAP_N; i++) {
		const struct tui_keydef *d = &tui_keymap_rows[i];

		if ((d->ctx & ctx) == 0)
			continue;
		if (key >= d->key && key <= tui_keymap_last(d, count)) {
			*arg = d->arg + (key - d->key);
			return d->action;
		}
		if (d->key2 != 0 && key == d->key2) {
			*arg = d->arg;
			return d->action;
		}
	}
	return TUI_ACT_NONE;
}

void tui_keymap_key_name(int key, char *buf, size_t len)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ TUI_KEY_ENTER, "Enter" }, { TUI_KEY_ESC, "Esc" },
		{ TUI_KEY_UP, "Up" }, { TUI_KEY_DOWN, "Down" },
		{ TUI_KEY_LEFT, "Left" }, { TUI_KEY_RIGHT, "Right" },
		{ TUI_KEY_PGUP, "PgUp" }, { TUI_KEY_PGDN, "PgDn" },
		{ TUI_KEY_HOME, "Home" }, { TUI_KEY_END, "End" },
		{ TUI_KEY_BACKSPACE, "Backspace" }, { ' ', "Space" },
		{ TUI_KEY_CTRL_L, "Ctrl-L" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].key == key) {
			snprintf(buf, len, "%s", names[i].name);
			return;
		}
	}
	if (key > 0x20 && key < 0x7F) {
		snprintf(buf, len, "%c", key);
	} else if (key >= 0xA0 && key < 0x110000 && !(key >= 0xD800 && key < 0xE000)) {
		/* Encode any other character as UTF-8. */
		unsigned char u[5] = { 0 };
		unsigned c = (unsigned)key;

		if (c < 0x800) {
			u[0] = (unsigned char)(0xC0 | c >> 6);
			u[1] = (unsigned char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			u[0] = (unsigned char)(0xE0 | c >> 12);
			u[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
			u[2] = (unsigned char)(0x80 | (c & 0x3F));
		} else {
			u[0] = (unsigned char)(0xF0 | c >> 18);
			u[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
			u[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
			u[3] = (unsigned char)(0x80 | (c & 0x3F));
		}
		snprintf(buf, len, "%s", (const char *)u);
	} else {
		snprintf(buf, len, "#%d", key);
	}
}

void tui_keymap_def_name(const struct tui_keydef *d, size_t count, char *buf,
			 size_t len)
{
	char a[16], b[16];

	tui_keymap_key_name(d->key, a, sizeof(a));
	if (d->last != 0) {
		int last = tui_keymap_last(d, count);

		if (last <= d->key) {
			snprintf(buf, len, "%s", a);
			return;
		}
		tui_keymap_key_name(last, b, sizeof(b));
		snprintf(buf, len, "%s-%s", a, b);
		return;
	}
	if (d->key2 != 0) {
		tui_keymap_key_name(d->key2, b, sizeof(b));
		snprintf(buf, len, "%s/%s", a, b);
		return;
	}
	snprintf(buf, len, "%s", a);
}

/* Is row D usable in CTX with COUNT (a counted range may be empty)? */
static bool tui_keymap_usable(const struct tui_keydef *d, unsigned ctx, size_t count)
{
	if ((d->ctx & ctx) == 0)
		return false;
	return !d->counted || tui_keymap_last(d, count) >= d->key;
}

/* Columns the footer items OUT[0..N) take, from column 1. */
static size_t tui_keymap_footer_width(const struct tui_footer_item *out, size_t n)
{
	size_t total = 1;

	for (size_t i = 0; i < n; i++)
		total += strlen(out[i].name) + 1 + strlen(out[i].brief) + (i + 1 < n ? 2 : 0);
	return total;
}

size_t tui_keymap_footer(unsigned ctx, size_t count, size_t width,
			 struct tui_footer_item *out, size_t max)
{
	size_t n = 0, x = 1;

	for (size_t i = 0; i < TUI_KEYMAP_N && n < max; i++) {
		const struct tui_keydef *d = &tui_keymap_rows[i];

		if (d->brief == NULL || !tui_keymap_usable(d, ctx, count))
			continue;
		tui_keymap_def_name(d, count, out[n].name, sizeof(out[n].name));
		out[n].brief = d->brief;
		out[n].action = d->action;
		n++;
	}
	/* Too long: leave out the last item that is not Help or Quit, and
	 * only then Quit, then Help. */
	while (n > 0 && tui_keymap_footer_width(out, n) > width) {
		size_t drop = n - 1;

		for (size_t i = n; i-- > 0;) {
			if (out[i].action != TUI_ACT_HELP && out[i].action != TUI_ACT_QUIT) {
				drop = i;
				break;
			}
		}
		memmove(&out[drop], &out[drop + 1], (n - drop - 1) * sizeof(out[0]));
		n--;
	}
	for (size_t i = 0; i < n; i++) {
		out[i].x = x;
		x += strlen(out[i].name) + 1 + strlen(out[i].brief) + 2;
	}
	return n;
}

size_t tui_keymap_help(unsigned ctx, size_t count, struct tui_help_line *out,
		       size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < TUI_KEYMAP_N && n < max; i++) {
		const struct tui_keydef *d = &tui_keymap_rows[i];

		if (!tui_keymap_usable(d, ctx, count))
			continue;
		tui_keymap_def_name(d, count, out[n].name, sizeof(out[n].name));
		out[n].what = d->what;
		n++;
	}
	return n;
}
