/*
 * screen_home.c - the home screen: what is due, what is new today, and the
 * scoreboard, one row per topic, with the keys that start a review, a
 * practice or the statistics.
 *
 *     whose · Shared Responsibility trainer                   2026-03-01
 *
 *      Due now  12     New today  20     305 questions in 17 topics
 *      Predicted mock exam: 62% (likely 50% to 74%)
 *      Exam 15 Feb: 58% projected; 80% takes ~35 reviews + 12 new a day
 *      Marked for review 2 (m practises them)
 *        ec2-03  Who patches the guest operating system of an EC2 instance?
 *
 *      Topic            Seen  All time  Last 20   Due  Readiness
 *      EC2             12/20       75%      80%     3  ██████▌·······  45%
 *      ...                                                    (scrolls)
 *     r/Enter Review  p Practice  w Weak  m Marked  s Stats  x Exam  ? Help  q Quit
 *
 * Every number is a figure of figures.h (figures_board_collect), read when
 * the screen is made, so coming back to it after a session shows them up to
 * date; the readiness line gives the predicted mock-exam score, and the
 * line under it, when an exam date is set (whose config exam-date), the
 * readiness projected to that day and the daily plan to the target.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/tui.h"
#include "tui/tui_int.h"
#include "whose/figures.h"
#include "whose/results.h"
#include "whose/text.h"

struct tui_home {
	struct tui_screen base;
	struct figures_board fig;   /* due now, new today, topics, readiness */
	struct store_listed *marked; /* the first questions marked for review */
	size_t nmarked;      /* ...listed */
	size_t marks;        /* ...all of them */
	size_t name_max;     /* the widest topic name, in columns */
	size_t top;          /* the scoreboard's scroll */
	bool hint;           /* the first start: how to answer, rate, quit */
	bool seeding;        /* d: the drill's seed is being typed */
	char seed[24];
	size_t seed_len;
	bool filing;         /* ...then the results file to hand it in */
	uint64_t seed_value;
	char results[1024];
	size_t results_len;
};

/* The marked questions listed on the home screen, at most. */
#define TUI_HOME_MARKED 3

/* The setting that records that the first-run hint was shown once. */
#define TUI_HOME_HINT_KEY "ui.first-run-hint"

static const char *const tui_home_hint[3] = {
	"Answer with the letter shown (who: a AWS, c Customer, s Shared).",
	"Then rate: 1 Again (I guessed), 2 Hard, 3 Good, 4 Easy; Enter takes Good.",
	"m marks a question for review; q leaves a screen, and here quits.",
};

static const struct tui_screen_ops tui_home_ops;

/* Read the figures from the store. */
static int tui_home_load(struct tui *t, struct tui_home *h)
{
	int rc = figures_board_collect(t->store, t->cfg, clock_now(t->clock), &h->fig, t->err);

	if (rc < 0)
		return rc;
	rc = store_mark_count(t->store, &h->marks, t->err);
	if (rc == 0)
		rc = store_list_marked(t->store, TUI_HOME_MARKED, &h->marked, &h->nmarked, t->err);
	if (rc < 0) {
		figures_board_free(&h->fig);
		return rc;
	}
	h->name_max = 0;
	for (size_t i = 0; i < h->fig.ntopics; i++) {
		char *name = tui_text_clean(h->fig.topics[i].name, !t->utf8);

		if (name != NULL && text_width(name) > h->name_max)
			h->name_max = text_width(name);
		free(name);
	}
	return 0;
}

struct tui_screen *tui_home_new(struct tui *t)
{
	struct tui_home *h = tui_screen_new(t, sizeof(*h), &tui_home_ops);
	int rc;

	if (h == NULL)
		return NULL;
	rc = tui_home_load(t, h);
	if (rc < 0) {
		free(h);
		tui_fail(t, rc);
		return NULL;
	}
	{
		char v[8];

		/* Shown on the first start only: recorded at once, so that it
		 * does not come back (a nicety: errors are ignored). */
		if (store_setting_get(t->store, TUI_HOME_HINT_KEY, v, sizeof(v), NULL) == WHOSE_ENOTFOUND) {
			h->hint = true;
			store_setting_set(t->store, TUI_HOME_HINT_KEY, "shown", NULL);
		}
	}
	return &h->base;
}

static void tui_home_free(struct tui *t, struct tui_screen *base)
{
	struct tui_home *h = (struct tui_home *)base;

	(void)t;
	figures_board_free(&h->fig);
	store_listed_free(h->marked, h->nmarked);
	free(h);
}

/* The questions marked for review from line Y: a title and as many as
 * fit ROWS lines.  Returns the lines used. */
static int tui_home_marked(struct tui *t, struct tui_home *h, int y, int rows)
{
	char line[96];
	int used = 0;

	if (h->marks == 0 || rows < 1)
		return 0;
	snprintf(line, sizeof(line), "Marked for review %zu (m practises them)", h->marks);
	tui_draw_text(t, y, 2, line, (size_t)t->cols - 3, TUI_S_TITLE);
	used++;
	for (size_t i = 0; i < h->nmarked && used < rows; i++, used++) {
		size_t x = 4 + tui_draw_raw(t, y + used, 4, h->marked[i].qid, 20, TUI_S_KEY);

		if ((int)x + 4 < t->cols)
			tui_draw_raw(t, y + used, (int)x + 2, h->marked[i].text,
				     (size_t)t->cols - x - 3, TUI_S_NORMAL);
	}
	return used;
}

/* The scoreboard's first line and the rows that fit from line Y to END. */
static void tui_home_board(struct tui *t, struct tui_home *h, int y, int end)
{
	struct tui_board b;
	char buf[64];
	int rows = end - y - 1;

	tui_layout_board((size_t)t->cols, h->name_max, &b);
	tui_draw_text(t, y, (int)b.name_x, "Topic", b.name_w, TUI_S_TITLE);
	tui_draw_right(t, y, b.seen_x + TUI_BOARD_SEEN_W, "Seen", TUI_S_TITLE);
	if (b.show_all)
		tui_draw_right(t, y, b.all_x + TUI_BOARD_PCT_W, "All time", TUI_S_TITLE);
	if (b.show_recent)
		tui_draw_right(t, y, b.recent_x + TUI_BOARD_PCT_W, "Last 20", TUI_S_TITLE);
	if (b.show_due)
		tui_draw_right(t, y, b.due_x + TUI_BOARD_DUE_W, "Due", TUI_S_TITLE);
	tui_draw_text(t, y, (int)b.bar_x, "Readiness", b.end - b.bar_x, TUI_S_TITLE);
	if (rows < 1)
		return;
	h->top = tui_layout_scroll_clamp(h->top, h->fig.ntopics, (size_t)rows);
	for (int r = 0; r < rows && h->top + (size_t)r < h->fig.ntopics; r++) {
		const struct store_topic *tp = &h->fig.topics[h->top + (size_t)r];
		int ry = y + 1 + r;

		tui_draw_raw(t, ry, (int)b.name_x, tp->name, b.name_w, TUI_S_NORMAL);
		snprintf(buf, sizeof(buf), "%zu/%zu", tp->seen, tp->total);
		tui_draw_right(t, ry, b.seen_x + TUI_BOARD_SEEN_W, buf, TUI_S_NORMAL);
		if (b.show_all) {
			tui_layout_percent(tp->correct, tp->answers, buf, sizeof(buf));
			tui_draw_right(t, ry, b.all_x + TUI_BOARD_PCT_W, buf, TUI_S_NORMAL);
		}
		if (b.show_recent) {
			tui_layout_percent(tp->recent_correct, tp->recent, buf, sizeof(buf));
			tui_draw_right(t, ry, b.recent_x + TUI_BOARD_PCT_W, buf, TUI_S_NORMAL);
		}
		if (b.show_due) {
			snprintf(buf, sizeof(buf), "%zu", tp->due);
			tui_draw_right(t, ry, b.due_x + TUI_BOARD_DUE_W, buf,
				       tp->due > 0 ? TUI_S_BOLD : TUI_S_DIM);
		}
		tui_draw_bar(t, ry, (int)b.bar_x, b.bar_w, tp->readiness);
		figures_format_percent(figures_percent_of(tp->readiness), buf, sizeof(buf));
		tui_draw_right(t, ry, b.mpct_x + TUI_BOARD_MPCT_W, buf, TUI_S_NORMAL);
	}
	if (h->top > 0)
		tui_draw_text(t, y + 1, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_UP), 1, TUI_S_KEY);
	if (h->top + (size_t)rows < h->fig.ntopics)
		tui_draw_text(t, end - 1, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_DOWN), 1, TUI_S_KEY);
}

static void tui_home_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_home *h = (struct tui_home *)base;
	char date[64], buf[96], cal[16], day[16], until[8];
	time_t secs = (time_t)(clock_now(t->clock) / 1000);
	/* The study day (day-starts-at) at its noon: safe from summer time. */
	time_t noon = (time_t)((h->fig.day_start + 12 * 3600000LL) / 1000);
	time_t end = (time_t)(h->fig.day_end / 1000);
	struct tm tm;
	int x = 2, board_y = 5;   /* the scoreboard's first row */

	cal[0] = day[0] = until[0] = '\0';
	if (localtime_r(&secs, &tm) != NULL)
		strftime(cal, sizeof(cal), "%Y-%m-%d", &tm);
	if (localtime_r(&noon, &tm) != NULL)
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (localtime_r(&end, &tm) != NULL)
		strftime(until, sizeof(until), "%H:%M", &tm);
	/* Before day-starts-at the learner's today is still yesterday's
	 * date: say so, so that it matches the forecast's "today". */
	if (day[0] != '\0' && strcmp(day, cal) != 0)
		snprintf(date, sizeof(date), "study day %s, until %s", day, until);
	else
		snprintf(date, sizeof(date), "%s", cal);
	tui_draw_header(t, t->utf8 ? "whose \xc2\xb7 Shared Responsibility trainer"
				   : "whose - Shared Responsibility trainer", date);

	x += (int)tui_draw_text(t, 2, x, "Due now ", 10, TUI_S_NORMAL);
	snprintf(buf, sizeof(buf), "%zu", h->fig.due_now);
	x += (int)tui_draw_text(t, 2, x, buf, 10, TUI_S_BOLD) + 5;
	x += (int)tui_draw_text(t, 2, x, "New today ", 12, TUI_S_NORMAL);
	snprintf(buf, sizeof(buf), "%zu", h->fig.new_today);
	x += (int)tui_draw_text(t, 2, x, buf, 10, TUI_S_BOLD) + 5;
	snprintf(buf, sizeof(buf), "%zu question%s in %zu topic%s", h->fig.total, h->fig.total == 1 ? "" : "s",
		 h->fig.ntopics, h->fig.ntopics == 1 ? "" : "s");
	if ((size_t)x + text_width(buf) < (size_t)t->cols)
		tui_draw_text(t, 2, x, buf, (size_t)t->cols, TUI_S_DIM);
	{
		char score[FIGURES_PCT_LEN], lo[FIGURES_PCT_LEN], hi[FIGURES_PCT_LEN];

		figures_format_percent(figures_percent_of(h->fig.exam.score), score, sizeof(score));
		figures_format_percent(figures_percent_of(h->fig.exam.low), lo, sizeof(lo));
		figures_format_percent(figures_percent_of(h->fig.exam.high), hi, sizeof(hi));
		snprintf(buf, sizeof(buf), "Predicted mock exam: %s (likely %s to %s)", score, lo, hi);
		tui_draw_text(t, 3, 2, buf, (size_t)t->cols - 3, TUI_S_DIM);
	}
	/* The exam date and its daily plan, one line when a date is set. */
	if (h->fig.plan.set) {
		char plan[160];

		figures_plan_text(&h->fig, true, plan, sizeof(plan));
		tui_draw_text(t, 4, 2, plan, (size_t)t->cols - 3, TUI_S_DIM);
		board_y++;
	}
	if (h->fig.due_now == 0 && h->fig.new_today == 0)
		tui_draw_text(t, board_y - 1, 2, "Nothing is due now: practise with p (topics you pick) or w (your weakest).",
			      (size_t)t->cols - 3, TUI_S_DIM);

	{
		int y = board_y, used;

		if (h->hint) {
			struct tui_doc doc;
			int n;

			tui_doc_init(&doc, (size_t)t->cols > 6 ? (size_t)t->cols - 4 : 1, !t->utf8);
			for (size_t i = 0; i < 3; i++)
				tui_doc_add(&doc, "", TUI_S_NORMAL, tui_home_hint[i], TUI_S_NOTICE, -1);
			n = (int)doc.n < t->lines - 10 ? (int)doc.n : t->lines - 10;
			if (n > 0) {
				tui_draw_doc(t, &doc, y, 2, n, 0);
				y += n + 1;
			}
			tui_doc_free(&doc);
		}
		/* The marks above the board, leaving it 8 lines at least. */
		used = tui_home_marked(t, h, y, t->lines - 2 - y - 9);
		tui_home_board(t, h, used > 0 ? y + used + 1 : y, t->lines - 2);
	}
	if (h->seeding) {
		char line[96];

		snprintf(line, sizeof(line), "Drill seed (from your teacher), Enter goes on, Esc cancels: %s_",
			 h->seed);
		tui_draw_text(t, t->lines - 2, 1, line, (size_t)t->cols - 2, TUI_S_BOLD);
	} else if (h->filing) {
		static const char prompt[] = "Results file to hand in (Enter alone: none; Esc cancels): ";
		size_t plen = sizeof(prompt) - 1, w = text_width(h->results);
		size_t room = (size_t)t->cols > plen + 14 ? (size_t)t->cols - plen - 5 : 9;
		const char *tail = h->results;
		char line[sizeof(prompt) + sizeof(h->results) + 8];

		/* the end of a long path: where the typing is */
		while (w > room && *tail != '\0') {
			size_t k = text_utf8_seq_len((unsigned char)*tail);

			tail += k > 0 ? k : 1;
			w = text_width(tail);
		}
		snprintf(line, sizeof(line), "%s%s%s_", prompt, tail != h->results ? "<" : "", tail);
		/* a problem with the file stays in view above the prompt,
		 * whole (it says what to do) */
		if (t->notice[0] != '\0') {
			struct tui_doc doc;
			int rows;

			tui_doc_init(&doc, (size_t)t->cols - 2, !t->utf8);
			tui_doc_add(&doc, NULL, TUI_S_NORMAL, t->notice, t->notice_style, -1);
			rows = doc.n < 3 ? (int)doc.n : 3;
			for (int r = 0; r < rows; r++)
				tui_draw_fill(t, t->lines - 2 - rows + r, TUI_S_NORMAL);
			tui_draw_doc(t, &doc, t->lines - 2 - rows, 1, rows, 0);
			tui_doc_free(&doc);
		}
		tui_draw_raw(t, t->lines - 2, 1, line, (size_t)t->cols - 2, TUI_S_BOLD);
	} else {
		tui_draw_notice(t, t->lines - 2);
	}
	tui_draw_footer(t, TUI_CTX_HOME, 0);
}

/* Enter on the seed: a whole number, then the results file is asked. */
static void tui_home_seed(struct tui *t, struct tui_home *h)
{
	char *end;
	unsigned long long seed;

	if (h->seed_len == 0) {
		tui_notice(t, TUI_S_NOTICE, "Type the seed first (a whole number), or Esc.");
		return;
	}
	errno = 0;
	seed = strtoull(h->seed, &end, 10);
	if (errno != 0 || *end != '\0') {
		tui_notice(t, TUI_S_WRONG, "A seed is a whole number up to 18446744073709551615.");
		return;
	}
	h->seed_value = (uint64_t)seed;
	h->seeding = false;
	h->filing = true;
	h->results_len = 0;
	h->results[0] = '\0';
}

/*
 * Start drill h->seed_value as 'whose drill --seed SEED [--results FILE]'
 * would: with a results file, the student's name ($USER) and the file are
 * checked first (a problem is told and the file can be typed again), and
 * results kept from an earlier drill are added to their files.  The
 * drill's end comes back home.
 */
static void tui_home_drill(struct tui *t, struct tui_home *h)
{
	const char *results = h->results_len > 0 ? h->results : NULL, *name = NULL;
	struct drill_opts o;
	struct tui_screen *next;
	size_t sent = 0, left = 0;
	char why[WHOSE_ERROR_MAX] = "", said[WHOSE_ERROR_MAX + 160];

	if (results != NULL) {
		if (results_student_name(NULL, &name, t->err) < 0 ||
		    results_check(results, t->err) < 0) {
			tui_notice(t, TUI_S_WRONG, "%s", t->err->msg);
			whose_error_clear(t->err);
			return;
		}
		/* a failure keeps them for later: said, not fatal */
		if (results_resend(t->store, &sent, &left, t->err) < 0)
			snprintf(why, sizeof(why), "%s", t->err->msg);
		whose_error_clear(t->err);
	}
	h->filing = false;
	memset(&o, 0, sizeof(o));
	o.seed = h->seed_value;
	o.config = t->cfg;
	o.clock = t->clock;
	next = tui_drill_new(t, &o, name, results);
	if (next == NULL)
		return;
	results_resend_text(sent, left, why, said, sizeof(said));
	if (said[0] != '\0')
		tui_notice(t, left > 0 ? TUI_S_WRONG : TUI_S_NOTICE, "%s", said);
	tui_switch(t, next);
}

/* While the seed or the results file is typed: the line keys, Enter, Esc. */
static bool tui_home_raw(struct tui *t, struct tui_screen *base, int key)
{
	struct tui_home *h = (struct tui_home *)base;

	if (!h->seeding && !h->filing)
		return false;
	if (key == TUI_KEY_ESC) {
		h->seeding = false;
		h->filing = false;
		tui_notice(t, TUI_S_NOTICE, "No drill started.");
	} else if (key == TUI_KEY_ENTER) {
		t->notice[0] = '\0';
		if (h->seeding)
			tui_home_seed(t, h);
		else
			tui_home_drill(t, h);
	} else if (h->filing) {
		tui_line_edit(h->results, sizeof(h->results), &h->results_len, key);
	} else if (key == TUI_KEY_BACKSPACE || (key >= '0' && key <= '9')) {
		tui_line_edit(h->seed, sizeof(h->seed), &h->seed_len, key);
	}
	return true;
}

static unsigned tui_home_keys(struct tui *t, struct tui_screen *base, size_t *count)
{
	(void)t;
	(void)base;
	*count = 0;
	return TUI_CTX_HOME;
}

/* Start a session with the caller's options in MODE (practice: of the
 * weakest topics, or of the questions marked for review, when asked). */
static void tui_home_study(struct tui *t, enum session_mode mode, bool weak, bool marked)
{
	struct session_opts o = t->base;
	struct tui_screen *s = NULL;
	int rc;

	o.mode = mode;
	o.weak = weak;
	o.marked = marked;
	o.topics = NULL;
	o.ntopics = 0;
	o.limit = 0;
	rc = tui_study_new(t, &o, NULL, 0, &s);
	if (rc == WHOSE_ENOTFOUND && t->skipped != NULL) {
		/* nothing to do but questions passed over: say which */
		whose_error_clear(t->err);
		s = tui_summary_new(t, "Nothing is due now but the questions below.", NULL, 0, mode);
		if (s != NULL)
			tui_switch(t, s);
		return;
	}
	if (rc == WHOSE_ENOTFOUND) {
		whose_error_clear(t->err);
		tui_notice(t, TUI_S_NOTICE, "%s", mode == SESSION_REVIEW
			   ? "Nothing is due now: practise with p or w, or come back later."
			   : marked ? "No question is marked: m marks the question on screen in any mode."
			   : "There is nothing to practise.");
		return;
	}
	if (rc < 0) {
		tui_fail(t, rc);
		return;
	}
	tui_switch(t, s);
}

static void tui_home_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_home *h = (struct tui_home *)base;
	size_t page = t->lines > 10 ? (size_t)t->lines - 8 : 1;
	struct tui_screen *next;

	(void)arg;
	switch (a) {
	case TUI_ACT_REVIEW:
		tui_home_study(t, SESSION_REVIEW, false, false);
		break;
	case TUI_ACT_WEAK:
		tui_home_study(t, SESSION_PRACTICE, true, false);
		break;
	case TUI_ACT_MARKED:
		tui_home_study(t, SESSION_PRACTICE, false, true);
		break;
	case TUI_ACT_PICK:
		next = tui_pick_new(t);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_STATS:
		next = tui_stats_new(t);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_FLAGGED:
		next = tui_flagged_new(t);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_DRILL:
		h->seeding = true;
		h->seed_len = 0;
		h->seed[0] = '\0';
		t->notice[0] = '\0';
		break;
	case TUI_ACT_EXAMS:
		next = tui_exams_new(t);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_SETTINGS:
		next = tui_settings_new(t);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_SEARCH:
	case TUI_ACT_BROWSE:
		next = a == TUI_ACT_SEARCH ? tui_browse_search_new(t) : tui_browse_list_new(t);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_EXAM: {
		/* The defaults of 'whose exam'; an open exam is taken up again. */
		struct exam_opts eo;
		struct tui_exam_how how;
		int64_t open_id = 0;

		memset(&eo, 0, sizeof(eo));
		memset(&how, 0, sizeof(how));
		eo.config = t->cfg;
		eo.clock = t->clock;
		eo.seed = t->base.seed;
		if (store_exam_open(t->store, &open_id, NULL) == 0) {
			struct whose_error busy;

			/* Open in another terminal: said here, and home stays. */
			if (exam_check_free(t->store, open_id, &busy) == WHOSE_EBUSY) {
				tui_notice(t, TUI_S_NOTICE, "%s", busy.msg);
				break;
			}
			how.id = open_id;
		}
		/* A new exam opens on its start screen; an open one goes on. */
		next = how.id != 0 ? tui_exam_new(t, &eo, &how) : tui_exam_start_new(t, &eo);
		if (next != NULL)
			tui_switch(t, next);
		break;
	}
	case TUI_ACT_UP:
		if (h->top > 0)
			h->top--;
		break;
	case TUI_ACT_DOWN:
		h->top++;   /* clamped when drawn */
		break;
	case TUI_ACT_PGUP:
		h->top = h->top > page ? h->top - page : 0;
		break;
	case TUI_ACT_PGDN:
		h->top += page;
		break;
	default:
		break;
	}
}

static void tui_home_resize(struct tui *t, struct tui_screen *base)
{
	(void)t;
	(void)base;   /* everything is laid out from the size at each frame */
}

static const struct tui_screen_ops tui_home_ops = {
	.name = "home",
	.draw = tui_home_draw,
	.keys = tui_home_keys,
	.key = tui_home_key,
	.resize = tui_home_resize,
	.free = tui_home_free,
	.ticks = false,
	.raw = tui_home_raw,
	.home = true,
};
