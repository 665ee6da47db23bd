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
	  "review what is due (learning, reviews, then new questions)", "Review",
	  "review what is due" },
	{ TUI_CTX_HOME, 'p', 0, 0, TUI_ACT_PICK, 0, false,
	  "practise topics you pick (due dates do not move)", "Practice",
	  "practise topics you pick" },
	{ TUI_CTX_HOME, 'w', 0, 0, TUI_ACT_WEAK, 0, false,
	  "practise your three weakest topics", "Weak", NULL },
	{ TUI_CTX_HOME, 'm', 0, 0, TUI_ACT_MARKED, 0, false,
	/* Not in the footer (80 columns): the home screen's list of marks
	 * says "m practises them". */
	  "practise the questions you marked for review (m)", NULL,
	  "practise your marked questions" },
	{ TUI_CTX_HOME, 's', 0, 0, TUI_ACT_STATS, 0, false,
	  "statistics by topic", "Stats", NULL },
	/* On the home screen f is in the help, not the footer: the footer's
	 * 80 columns go to the screens a session starts from. */
	{ TUI_CTX_HOME, 'f', 0, 0, TUI_ACT_FLAGGED, 0, false,
	  "the questions you reported (!): read them, put them back", NULL,
	  "the questions you reported" },
	{ TUI_CTX_STATS, 'f', 0, 0, TUI_ACT_FLAGGED, 0, false,
	  "the questions you reported (!): read them, put them back", "Reported",
	  "the questions you reported" },
	{ TUI_CTX_HOME, 'x', 0, 0, TUI_ACT_EXAM, 0, false,
	  "sit a timed mock exam (an open one goes on)", "Exam",
	  "a timed mock exam" },
	{ TUI_CTX_HOME, 'd', 0, 0, TUI_ACT_DRILL, 0, false,
	  "a classroom drill: your teacher's seed, then a results file", NULL,
	  "a classroom drill" },
	{ TUI_CTX_HOME, 'c', 0, 0, TUI_ACT_SETTINGS, 0, false,
	  "the settings: new a day, retention... (as 'whose config')", "Settings",
	  "the settings" },
	{ TUI_CTX_HOME, '/', 0, 0, TUI_ACT_SEARCH, 0, false,
	  "search the questions: the list follows as you type",
	  NULL, "search the questions" },
	{ TUI_CTX_HOME, 'b', 0, 0, TUI_ACT_BROWSE, 0, false,
	  "browse every question: filter, sort, open, act, practise",
	  NULL, "browse every question" },

	/* Browsing the questions found, and one of them whole. */
	{ TUI_CTX_BROWSE, TUI_KEY_ENTER, 0, 0, TUI_ACT_OPEN, 0, false,
	  "open the question under the cursor: schedule, history",
	  "Open", "open the question under the cursor" },
	{ TUI_CTX_BROWSE, '/', 0, 0, TUI_ACT_SEARCH, 0, false,
	  "type the search words (Enter or Esc back to the list)", "Search",
	  "type the search words" },
	{ TUI_CTX_BROWSE, 't', 0, 0, TUI_ACT_TOPIC, 0, false,
	  /* t, y and f share a help line (the help fits 60x20). */
	  "only the next topic, type or state (new, due, marked...)", "Topic",
	  "only the next topic, type or state" },
	{ TUI_CTX_BROWSE, 'y', 0, 0, TUI_ACT_KIND, 0, false,
	  NULL, NULL, NULL },
	{ TUI_CTX_BROWSE, 'f', 0, 0, TUI_ACT_STATE, 0, false,
	  NULL, "Filter", NULL },
	{ TUI_CTX_BROWSE, 'o', 0, 0, TUI_ACT_SORT, 0, false,
	  "sort by the next column, or the other way round", "Sort",
	  "sort by the next column, or back" },
	{ TUI_CTX_BROWSE, 'O', 0, 0, TUI_ACT_REVERSE, 0, false,
	  NULL, NULL, NULL },
	{ TUI_CTX_BROWSE, '*', 0, 0, TUI_ACT_SCOPE, 0, false,
	  "z, m, ! and R act on every question listed (or one)",
	  NULL, "z m ! R: every one listed, or one" },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, 'z', 0, 0, TUI_ACT_SUSPEND, 0, false,
	  "suspend (out of reviews, schedule kept) or unsuspend", "Suspend",
	  "suspend or unsuspend" },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, 'm', 0, 0, TUI_ACT_MARK, 0, false,
	  "mark to come back to, or unmark (the schedule stays)", "Mark",
	  "mark for review, or unmark" },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, '!', 0, 0, TUI_ACT_REPORT, 0, false,
	  "report a problem (out of study until cleared), or clear it", NULL,
	  "report a problem, or clear it" },
	{ TUI_CTX_BROWSE | TUI_CTX_DETAIL, 'R', 0, 0, TUI_ACT_RESET, 0, false,
	  "start the schedule again as new (asks first)", NULL,
	  "start the schedule again (asks)" },
	{ TUI_CTX_BROWSE, 'p', 0, 0, TUI_ACT_PRACTISE, 0, false,
	  "practise the questions listed (the schedule stays)", "Practise",
	  "practise the questions listed" },
	{ TUI_CTX_BROWSE, 'd', 0, 0, TUI_ACT_DRILL_IDS, 0, false,
	  "show the whose drill command of the questions listed", NULL,
	  "a drill of the questions listed" },

	{ TUI_CTX_HOME, 'e', 0, 0, TUI_ACT_EXAMS, 0, false,
	  "the past exams: the trend, review one, forget one", NULL,
	  "the past exams" },

	/* A new exam's start screen, and the past exams. */
	{ TUI_CTX_EXAM_START, TUI_KEY_ENTER, 0, 0, TUI_ACT_START, 0, false,
	  "start the exam: its clock runs from now", "Start", "start the exam and its clock" },
	{ TUI_CTX_EXAMS, TUI_KEY_ENTER, 0, 0, TUI_ACT_GO, 0, false,
	  "review the exam under the cursor (read only)", "Review",
	  "review it (read only)" },
	{ TUI_CTX_EXAMS, 'F', 0, 0, TUI_ACT_FORGET, 0, false,
	  "forget the exam under the cursor (asks), or restore it",
	  "Forget", "forget it (asks), or restore it" },

	/* The settings. */
	{ TUI_CTX_SETTINGS, TUI_KEY_ENTER, 0, 0, TUI_ACT_EDIT, 0, false,
	  "change the one under the cursor (Enter saves, Esc cancels)", "Change",
	  "change the one under the cursor" },
	{ TUI_CTX_SETTINGS, 'd', 0, 0, TUI_ACT_DEFAULT, 0, false,
	  "put the setting under the cursor back to its default", "Default",
	  "back to its default" },

	/* The reported questions. */
	{ TUI_CTX_FLAGGED, 'u', 0, 0, TUI_ACT_UNFLAG, 0, false,
	  "put the one under the cursor back into study", "Unflag",
	  "put it back into study" },

	/* Picking topics to practise. */
	{ TUI_CTX_PICK, ' ', 0, 0, TUI_ACT_TOGGLE, 0, false,
	  "select or unselect the topic under the cursor", "Select",
	  "select or unselect it" },
	{ TUI_CTX_PICK, 'a', 0, 0, TUI_ACT_ALL, 0, false,
	  "select every topic, or none", "All", NULL },
	{ TUI_CTX_PICK, TUI_KEY_ENTER, 0, 0, TUI_ACT_START, 0, false,
	  "practise the selected topics (or the one under the cursor)", "Start",
	  "practise the selected topics" },

	/* The end of a session. */
	{ TUI_CTX_SUMMARY, TUI_KEY_ENTER, 0, TUI_KEY_ESC, TUI_ACT_BACK, 0, false,
	  "go on", "Continue", NULL },

	/* A question, in every mode (review, practice, exam, drill): the
	 * answer keys are the labels of the one key map (keys.h), and
	 * tests/test_keys.c checks these rows against it. */
	{ TUI_CTX_CHOICE | TUI_CTX_MULTI, 'a', 'f', 0, TUI_ACT_ANSWER, 'a', true,
	  "choose that letter (several answers: mark or unmark it)", "Answer",
	  "choose (or mark) that letter" },
	{ TUI_CTX_MULTI, TUI_KEY_ENTER, 0, 0, TUI_ACT_CONFIRM, 0, false,
	  "answer with the marked choices", "Confirm", NULL },
	/* A row with no WHAT shares the help line of the row before it. */
	/* The status line above the footer names t f and a c s with their
	 * meaning while a question waits: the footer keeps its 80 columns
	 * for the commands. */
	{ TUI_CTX_TF, 't', 0, 0, TUI_ACT_ANSWER, 't', false, "true or false", NULL, NULL },
	{ TUI_CTX_TF, 'f', 0, 0, TUI_ACT_ANSWER, 'f', false, NULL, NULL, NULL },
	{ TUI_CTX_WHO | TUI_CTX_SORT, 'a', 0, 0, TUI_ACT_ANSWER, 'a', false,
	  "AWS, Customer, Shared (sort: the item at the cursor)", NULL,
	  "AWS, Customer, Shared" },
	{ TUI_CTX_WHO | TUI_CTX_SORT, 'c', 0, 0, TUI_ACT_ANSWER, 'c', false,
	  NULL, NULL, NULL },
	{ TUI_CTX_WHO | TUI_CTX_SORT, 's', 0, 0, TUI_ACT_ANSWER, 's', false,
	  NULL, NULL, NULL },
	{ TUI_CTX_SORT, '1', '8', 0, TUI_ACT_ANSWER, '1', true,
	  "the item of that number (then a, c or s sorts it)", NULL,
	  "the item of that number" },
	{ TUI_CTX_SORT, 'k', 0, TUI_KEY_UP, TUI_ACT_UP, 0, false,
	  "the item above or below", NULL, NULL },
	{ TUI_CTX_SORT, 'j', 0, TUI_KEY_DOWN, TUI_ACT_DOWN, 0, false,
	  NULL, NULL, NULL },
	{ TUI_CTX_SORT, TUI_KEY_ENTER, 0, 0, TUI_ACT_CONFIRM, 0, false,
	  "answer, once every item is sorted", "Confirm", NULL },
	/* A card. */
	{ TUI_CTX_CARD, ' ', 0, TUI_KEY_ENTER, TUI_ACT_TURN, 0, false,
	  "turn the card over", "Turn", NULL },
	/* Answered: the rating. */
	{ TUI_CTX_RATE, '1', '4', 0, TUI_ACT_RATE, 1, false,
	  "rate it 1 Again, 2 Hard, 3 Good or 4 Easy (those shown)", NULL,
	  "rate 1 Again 2 Hard 3 Good 4 Easy" },
	{ TUI_CTX_RATE, TUI_KEY_ENTER, 0, 0, TUI_ACT_RATE, 0, false,
	  /* Not in the footer: the status line above it shows the ratings
	   * and what Enter takes, and one line owns Enter. */
	  "take the suggested rating and go on", NULL, "the suggested rating" },
	/* Any review or practice question. */
	{ TUI_CTX_STUDY, 'u', 0, 0, TUI_ACT_UNDO, 0, false,
	  "undo the last answer or report", "Undo", NULL },
	/* The bookmark, the same key in every mode. */
	{ TUI_CTX_STUDY | TUI_CTX_EXAM | TUI_CTX_DRILL | TUI_CTX_DRILL_SHOWN, 'm', 0, 0,
	  TUI_ACT_MARK, 0, false,
	  "mark for review, or unmark (listed on the home screen)", "Mark",
	  "mark for review, or unmark" },
	{ TUI_CTX_STUDY, '!', 0, 0, TUI_ACT_FLAG, 0, false,
	  "report a problem: it leaves study, with your note", "Report",
	  "report a problem, with a note" },
	{ TUI_CTX_STUDY, TUI_KEY_ESC, 0, 0, TUI_ACT_END, 0, false,
	  "end the session here and see its summary", "End", "end the session" },

	/* The exam's commands: no answer key among them (S, not s, submits). */
	{ TUI_CTX_EXAM | TUI_CTX_RESULT, 'n', 0, TUI_KEY_RIGHT, TUI_ACT_NEXT, 0, false,
	  "the next or previous question (or answer reviewed)", "Next",
	  "the next or previous one" },
	{ TUI_CTX_EXAM | TUI_CTX_RESULT, 'p', 0, TUI_KEY_LEFT, TUI_ACT_PREV, 0, false,
	  NULL, "Prev", NULL },
	{ TUI_CTX_EXAM, 'r', 0, 0, TUI_ACT_LIST, 0, false,
	  "the review list: unanswered and marked questions", "Review",
	  "unanswered and marked questions" },
	{ TUI_CTX_EXAM, 'x', 0, 0, TUI_ACT_CLEAR, 0, false,
	  "take the answer to this question back", NULL, "take the answer back" },
	{ TUI_CTX_EXAM, 'S', 0, 0, TUI_ACT_SUBMIT, 0, false,
	  "submit the exam (S again to confirm)", "Submit", "submit (S again confirms)" },
	{ TUI_CTX_EXAM, 'g', 0, 0, TUI_ACT_NAV, 0, false,
	  "the navigator: every question by number", "Go to", "the navigator, by number" },
	{ TUI_CTX_RESULT, 'a', 0, 0, TUI_ACT_FILTER, 0, false,
	  "review every answer, with its explanation and time", "All", "review every answer" },
	{ TUI_CTX_RESULT, 'w', 0, 0, TUI_ACT_FILTER, 1, false,
	  "review the wrong or unanswered answers", "Wrong", "review the wrong ones" },
	{ TUI_CTX_RESULT, 'm', 0, 0, TUI_ACT_FILTER, 2, false,
	  "review the questions marked during the exam", NULL, "review the marked ones" },
	{ TUI_CTX_RESULT, 't', 0, 0, TUI_ACT_FILTER, 3, false,
	  "review one topic (t again: the next topic)", "Topic", "review one topic" },
	{ TUI_CTX_RESULT, 'P', 0, 0, TUI_ACT_PRACTISE, 0, false,
	  "practise the questions missed, now (no due date moves)", "Practise",
	  "practise the ones missed" },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_RIGHT, 0, 'l', TUI_ACT_NEXT, 0, false,
	  "navigator: the next number or the one before", NULL, "navigator: next, before" },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_LEFT, 0, 'h', TUI_ACT_PREV, 0, false,
	  NULL, NULL, NULL },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_ENTER, 0, 0, TUI_ACT_GO, 0, false,
	  "go to the question under the cursor", "Go", "go to that question" },
	{ TUI_CTX_DRILL_SHOWN, TUI_KEY_ENTER, 0, ' ', TUI_ACT_NEXT, 0, false,
	  "the next question (its countdown starts)", "Next", "the next question" },

	/* A graded question: its source link whole. */
	{ TUI_CTX_RATE | TUI_CTX_RESULT | TUI_CTX_DRILL_SHOWN, 'o', 0, 0, TUI_ACT_SOURCE, 0,
	  false, "the source link whole, outside the full screen", NULL,
	  "the source link whole" },

	/* Lists and long text. */
	{ TUI_CTX_LISTS, 'k', 0, TUI_KEY_UP, TUI_ACT_UP, 0, false,
	  "move or scroll up or down", NULL, NULL },
	{ TUI_CTX_LISTS, 'j', 0, TUI_KEY_DOWN, TUI_ACT_DOWN, 0, false,
	  NULL, NULL, NULL },
	{ TUI_CTX_LISTS | TUI_CTX_STUDY | TUI_CTX_TIMED, TUI_KEY_PGUP, 0, 0, TUI_ACT_PGUP, 0,
	  false, "scroll a page up or down", NULL, NULL },
	{ TUI_CTX_LISTS | TUI_CTX_STUDY | TUI_CTX_TIMED, TUI_KEY_PGDN, 0, 0, TUI_ACT_PGDN, 0,
	  false, NULL, NULL, NULL },
	{ TUI_CTX_PICK | TUI_CTX_STATS | TUI_CTX_FLAGGED | TUI_CTX_SETTINGS | TUI_CTX_EXAM_START |
	  TUI_CTX_EXAMS | TUI_CTX_BROWSE, TUI_KEY_ESC, 0,
	  TUI_KEY_BACKSPACE, TUI_ACT_BACK, 0,
	  false, "back to the home screen", "Back", NULL },
	{ TUI_CTX_DETAIL, TUI_KEY_ESC, 0, TUI_KEY_BACKSPACE, TUI_ACT_BACK, 0,
	  false, "back to the list", "Back", NULL },
	{ TUI_CTX_EXAM_LIST, TUI_KEY_ESC, 0, TUI_KEY_BACKSPACE, TUI_ACT_BACK, 0,
	  false, "back to the question", "Back", NULL },

	/* Everywhere. */
	{ TUI_CTX_ALL, '?', 0, 0, TUI_ACT_HELP, 0, false,
	  "this help (any key closes it); Ctrl-L redraws", "Help",
	  "this help; Ctrl-L redraws" },
	{ TUI_CTX_ALL, TUI_KEY_CTRL_L, 0, 0, TUI_ACT_REDRAW, 0, false,
	  NULL, NULL, NULL },
	/* q leaves any screen for the home screen, asking first when
	 * something would be lost; only the home screen's q quits. */
	{ TUI_CTX_HOME, 'q', 0, 0, TUI_ACT_QUIT, 0, false,
	  "quit whose; everything answered is saved", "Quit", "quit; everything is saved" },
	{ TUI_CTX_ALL & ~TUI_CTX_HOME, 'q', 0, 0, TUI_ACT_QUIT, 0, false,
	  "leave this screen (asks first if something would be lost)", "Leave",
	  "leave (asks if needed)" },
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

size_t tui_keymap_help(unsigned ctx, size_t count, bool terse,
		       struct tui_help_line *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < TUI_KEYMAP_N && n < max; i++) {
		const struct tui_keydef *d = &tui_keymap_rows[i];

		if (!tui_keymap_usable(d, ctx, count))
			continue;
		if (d->what == NULL && n > 0) {
			/* Its keys join the line of the row before ("t/f"). */
			char more[24];
			size_t used = strlen(out[n - 1].name);

			tui_keymap_def_name(d, count, more, sizeof(more));
			snprintf(out[n - 1].name + used, sizeof(out[n - 1].name) - used, "/%s", more);
			continue;
		}
		tui_keymap_def_name(d, count, out[n].name, sizeof(out[n].name));
		out[n].what = terse && d->terse != NULL ? d->terse : d->what;
		n++;
	}
	return n;
}
