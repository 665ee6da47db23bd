/*
 * screen_stats.c - the statistics screen: what `whose stats` prints, drawn
 * as one scrolling page of sections (all figures from one stats_collect
 * when the screen opens):
 *
 *     Today: 2 learning steps due now, 3 reviews due today, 5 new ...
 *     True retention: 87% of 40 reviews recalled (desired 90%).
 *
 *     Statistics by topic
 *     Topic        Seen  Answers  Right  Accuracy  Last 20  Mastery      Due
 *     EC2         12/20       30     24       80%      85%  █████··  54%    3
 *     All topics  40/305      90     70       77%        -  █······  12%    9
 *
 *     Due in the next 14 days
 *     Sun 01 Mar  today        5  ████████████████
 *     Mon 02 Mar  tomorrow     0
 *
 *     Answers per day, last 4 weeks
 *             Mon Tue Wed Thu Fri Sat Sun
 *     02 Feb          ░░░     ▒▒▒
 *     ...
 *     Shades: [ ] none  [░] 1  [▒] 2-3  [▓] 4  [█] 5-6 answers a day
 *     4 weeks: 40 answers, 31 right (78%).
 *
 *     Leeches (forgotten too often): none
 *     Flagged as wrong or unclear: 1
 *
 * The page is drawn twice per frame through a "pen" that knows which of
 * its lines are in view: once to count the lines (nothing visible), once
 * to draw them, so the layout is computed from t->cols at every frame and
 * a resize needs nothing more.  Columns of the topic table that do not fit
 * are left out (tui_layout_columns); other lines are cut at the edge.
 * Every text from the database goes through tui_draw_raw (cleaned, cut by
 * columns); dates use English names, as the rest of the screens.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/tui_int.h"
#include "whose/stats.h"
#include "whose/text.h"

#define TUI_STATS_Y0 2            /* the first line of the page */
#define TUI_STATS_MBAR_MIN 6      /* the readiness bar, at its smallest */
#define TUI_STATS_MBAR_MAX 20
#define TUI_STATS_FBAR_MAX 40     /* the forecast's bars */
#define TUI_STATS_CELL 3          /* columns of a heatmap day */

struct tui_stats {
	struct tui_screen base;
	struct stats st;
	struct store_topic all;   /* the sums (readiness: the bank's) */
	size_t name_max;          /* the widest topic name, cleaned */
	struct tui_list scroll;   /* a pager: top, the first line in view */
	size_t view;              /* lines in view, as of the last frame */
	bool narrow;              /* the table left columns out */
};

static const struct tui_screen_ops tui_stats_ops;

static const char *const tui_stats_heads[] = {
	"Seen", "Answered", "Right", "Accuracy", "Last 20", "Readiness", "Due",
};
#define TUI_STATS_NCOLS (sizeof(tui_stats_heads) / sizeof(tui_stats_heads[0]))
#define TUI_STATS_COL_MASTERY 5

struct tui_screen *tui_stats_new(struct tui *t)
{
	struct tui_stats *s = tui_screen_new(t, sizeof(*s), &tui_stats_ops);
	int rc;

	if (s == NULL)
		return NULL;
	rc = stats_collect(t->store, t->cfg, clock_now(t->clock), &s->st, t->err);
	if (rc < 0) {
		free(s);
		tui_fail(t, rc);
		return NULL;
	}
	s->scroll.pager = true;
	s->name_max = 10;   /* "All topics" */
	for (size_t i = 0; i < s->st.fig.ntopics; i++) {
		const struct store_topic *tp = &s->st.fig.topics[i];
		char *name = tui_text_clean(tp->name, !t->utf8);

		if (name != NULL && text_width(name) > s->name_max)
			s->name_max = text_width(name);
		free(name);
	}
	s->all.due = s->st.fig.due_today;
	s->all.total = s->st.fig.total;
	s->all.seen = s->st.fig.seen;
	s->all.answers = s->st.fig.answers;
	s->all.correct = s->st.fig.correct;
	s->all.readiness = s->st.fig.readiness;
	snprintf(s->all.name, sizeof(s->all.name), "All topics");
	return &s->base;
}

static void tui_stats_free(struct tui *t, struct tui_screen *base)
{
	struct tui_stats *s = (struct tui_stats *)base;

	(void)t;
	stats_free(&s->st);
	free(s);
}

/* ---- the pen: lines of the page, drawn only when in view -------------- */

struct tui_stats_pen {
	struct tui *t;
	size_t top, view;         /* view 0: count the lines, draw nothing */
	size_t row;               /* the page's line being written */
};

/* The screen line of the pen's line, or -1 when it is out of view. */
static int tui_stats_y(const struct tui_stats_pen *p)
{
	if (p->row < p->top || p->row >= p->top + p->view)
		return -1;
	return TUI_STATS_Y0 + (int)(p->row - p->top);
}

static void tui_stats_nl(struct tui_stats_pen *p)
{
	p->row++;
}

/* Clean text S at column X of the current line, cut at the window's edge
 * (one column is kept for the scroll marks) or after MAXCOLS. */
static size_t tui_stats_put(struct tui_stats_pen *p, size_t x, const char *s,
			    size_t maxcols, enum tui_style style)
{
	int y = tui_stats_y(p);
	size_t room = (size_t)p->t->cols > x + 1 ? (size_t)p->t->cols - x - 1 : 0;

	if (y < 0 || room == 0)
		return 0;
	return tui_draw_text(p->t, y, (int)x, s, maxcols < room ? maxcols : room, style);
}

/* Raw (database) text S, cleaned and cut with an ellipsis to MAXCOLS. */
static void tui_stats_put_raw(struct tui_stats_pen *p, size_t x, const char *s,
			      size_t maxcols, enum tui_style style)
{
	int y = tui_stats_y(p);
	size_t room = (size_t)p->t->cols > x + 1 ? (size_t)p->t->cols - x - 1 : 0;

	if (y < 0 || room == 0)
		return;
	tui_draw_raw(p->t, y, (int)x, s, maxcols < room ? maxcols : room, style);
}

/* Clean text S ending at column END (exclusive), when it fits. */
static void tui_stats_put_right(struct tui_stats_pen *p, size_t end, const char *s,
				enum tui_style style)
{
	int y = tui_stats_y(p);

	if (y < 0 || end + 1 > (size_t)p->t->cols)
		return;
	tui_draw_right(p->t, y, end, s, style);
}

/* What a paragraph's wrapped lines need. */
struct tui_stats_para {
	struct tui_stats_pen *p;
	size_t x;
	enum tui_style style;
};

static void tui_stats_para_line(const char *s, size_t n, void *ctx)
{
	struct tui_stats_para *w = ctx;
	char buf[512];

	if (n >= sizeof(buf)) {
		/* Longer than any window: cut at a character. */
		n = sizeof(buf) - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	tui_stats_put(w->p, w->x, buf, sizeof(buf), w->style);
	tui_stats_nl(w->p);
}

/* Clean text S word-wrapped from column X to the window's edge. */
static void tui_stats_para(struct tui_stats_pen *p, size_t x, const char *s,
			   enum tui_style style)
{
	struct tui_stats_para w = { p, x, style };
	size_t width = (size_t)p->t->cols > x + 1 ? (size_t)p->t->cols - x - 1 : 1;

	text_wrap(s, width, tui_stats_para_line, &w);
}

/* ---- figures ---------------------------------------------------------- */

/* "66%", as `whose stats` prints it (figures.h's rule); "-" for 0/0. */
static void tui_stats_pct(char *buf, size_t len, size_t num, size_t den)
{
	figures_format_percent(figures_percent(num, den), buf, len);
}

/* A probability as figures.h rounds it. */
static void tui_stats_prob(char *buf, size_t len, double p)
{
	figures_format_percent(figures_percent_of(p), buf, len);
}

static const char *tui_stats_plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* The local date of day D after the learner's today (negative: before). */
static void tui_stats_day(const struct tui_stats *s, int d, struct tm *tm)
{
	/* Noon of that day: safe from a summer-time hour either way. */
	time_t tt = (time_t)((s->st.fig.day_start + (int64_t)d * 86400000 + 12 * 3600000) / 1000);

	if (localtime_r(&tt, tm) == NULL)
		memset(tm, 0, sizeof(*tm));
}

static const char *const tui_stats_wdays[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

/* The weekday of TM, 0 Monday .. 6 Sunday. */
static unsigned tui_stats_wday(const struct tm *tm)
{
	return (unsigned)((tm->tm_wday + 6) % 7);
}

/* "Sun 01 Mar" (WITH_WDAY) or "01 Mar" for day D. */
static void tui_stats_date(const struct tui_stats *s, int d, bool with_wday, char *buf,
			   size_t len)
{
	static const char *const months[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	struct tm tm;

	tui_stats_day(s, d, &tm);
	snprintf(buf, len, "%s%s%02d %s", with_wday ? tui_stats_wdays[tui_stats_wday(&tm)] : "",
		 with_wday ? " " : "", tm.tm_mday, months[tm.tm_mon >= 0 && tm.tm_mon < 12 ? tm.tm_mon : 0]);
}

/* N copies of GLYPH (one column each) into BUF[LEN]. */
static void tui_stats_repeat(const char *glyph, size_t n, char *buf, size_t len)
{
	size_t g = strlen(glyph), o = 0;

	for (size_t i = 0; i < n && o + g < len; i++, o += g)
		memcpy(buf + o, glyph, g);
	buf[o] = '\0';
}

/* ---- the sections ----------------------------------------------------- */

static void tui_stats_headline(struct tui_stats_pen *p, const struct tui_stats *s)
{
	const struct stats *st = &s->st;
	const struct figures_board *fig = &st->fig;
	char line[400], pct[16], want[16], lo[16], hi[16];

	snprintf(line, sizeof(line),
		 "Due now: %zu (%zu learning step%s, %zu review%s); due today: %zu; new today: %zu (%zu never shown).",
		 fig->due_now, fig->due_learning, tui_stats_plural(fig->due_learning),
		 fig->due_review, tui_stats_plural(fig->due_review), fig->due_today,
		 fig->new_today, fig->new_waiting);
	tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_BOLD);
	tui_stats_pct(pct, sizeof(pct), fig->retention_recalled, fig->retention_reviews);
	tui_stats_prob(want, sizeof(want), st->desired_retention);
	if (fig->retention_reviews > 0)
		snprintf(line, sizeof(line), "True retention: %s of %zu review%s recalled (desired %s).",
			 pct, fig->retention_reviews, tui_stats_plural(fig->retention_reviews), want);
	else
		snprintf(line, sizeof(line),
			 "True retention: no reviews of learned questions yet (desired %s).", want);
	tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
	tui_stats_prob(pct, sizeof(pct), fig->readiness);
	tui_stats_prob(want, sizeof(want), fig->exam.score);
	tui_stats_prob(lo, sizeof(lo), fig->exam.low);
	tui_stats_prob(hi, sizeof(hi), fig->exam.high);
	snprintf(line, sizeof(line), "Readiness: %s; predicted mock exam (%zu questions): %s, likely %s to %s.",
		 pct, fig->exam.questions, want, lo, hi);
	tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
	/* The exam date and the daily plan, when a date is set. */
	if (fig->plan.set) {
		figures_exam_date_text(fig, line, sizeof(line));
		tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
		figures_plan_text(fig, false, line, sizeof(line));
		tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
	}
	if (st->brier >= 0) {
		snprintf(line, sizeof(line),
			 "Readiness against %zu mock exam%s: Brier score %.3f over %zu questions (0 is perfect, 0.25 a coin toss).",
			 st->calibration.exams, tui_stats_plural(st->calibration.exams), st->brier,
			 st->calibration.answers);
		tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
	}
}

/* The table's layout in this window. */
struct tui_stats_table {
	size_t w[TUI_STATS_NCOLS];   /* the columns' widths (readiness: bar too) */
	size_t ncols;                /* the first columns shown */
	size_t name_w;
	size_t bar_w;                /* the readiness bar */
};

static void tui_stats_table_layout(const struct tui *t, const struct tui_stats *s,
				   struct tui_stats_table *tb)
{
	size_t avail = (size_t)t->cols > TUI_BOARD_MARGIN + 1 ? (size_t)t->cols - TUI_BOARD_MARGIN - 1 : 0;
	size_t used = 0, extra;
	char cell[64];

	for (size_t c = 0; c < TUI_STATS_NCOLS; c++)
		tb->w[c] = strlen(tui_stats_heads[c]);
	/* The sums are the widest figures. */
	snprintf(cell, sizeof(cell), "%zu/%zu", s->all.seen, s->all.total);
	if (strlen(cell) > tb->w[0])
		tb->w[0] = strlen(cell);
	snprintf(cell, sizeof(cell), "%zu", s->all.answers);
	if (strlen(cell) > tb->w[1])
		tb->w[1] = strlen(cell);
	snprintf(cell, sizeof(cell), "%zu", s->all.due);
	if (strlen(cell) > tb->w[6])
		tb->w[6] = strlen(cell);
	tb->w[TUI_STATS_COL_MASTERY] = TUI_STATS_MBAR_MIN + 5;   /* bar, " 100%" */
	tb->ncols = tui_layout_columns((size_t)t->cols, s->name_max, 10, tb->w, TUI_STATS_NCOLS,
				       &tb->name_w);
	for (size_t c = 0; c < tb->ncols; c++)
		used += TUI_BOARD_GAP + tb->w[c];
	/* What the name leaves goes to the readiness bar. */
	extra = avail > used + tb->name_w ? avail - used - tb->name_w : 0;
	if (extra > TUI_STATS_MBAR_MAX - TUI_STATS_MBAR_MIN)
		extra = TUI_STATS_MBAR_MAX - TUI_STATS_MBAR_MIN;
	tb->bar_w = TUI_STATS_MBAR_MIN;
	if (tb->ncols > TUI_STATS_COL_MASTERY) {
		tb->bar_w += extra;
		tb->w[TUI_STATS_COL_MASTERY] += extra;
	}
}

/* One row of the table: the columns that fit. */
static void tui_stats_row(struct tui_stats_pen *p, const struct tui_stats_table *tb,
			  const struct store_topic *tp, bool sum)
{
	char cell[TUI_STATS_NCOLS][32];
	enum tui_style st = sum ? TUI_S_BOLD : TUI_S_NORMAL;
	size_t x = TUI_BOARD_MARGIN + tb->name_w;
	int y = tui_stats_y(p);

	snprintf(cell[0], sizeof(cell[0]), "%zu/%zu", tp->seen, tp->total);
	snprintf(cell[1], sizeof(cell[1]), "%zu", tp->answers);
	snprintf(cell[2], sizeof(cell[2]), "%zu", tp->correct);
	tui_stats_pct(cell[3], sizeof(cell[3]), tp->correct, tp->answers);
	if (sum)
		snprintf(cell[4], sizeof(cell[4]), "-");
	else
		tui_stats_pct(cell[4], sizeof(cell[4]), tp->recent_correct, tp->recent);
	tui_stats_prob(cell[5], sizeof(cell[5]), tp->readiness);
	snprintf(cell[6], sizeof(cell[6]), "%zu", tp->due);
	tui_stats_put_raw(p, TUI_BOARD_MARGIN, tp->name, tb->name_w, st);
	for (size_t c = 0; c < tb->ncols; c++) {
		size_t start = x + TUI_BOARD_GAP;

		x = start + tb->w[c];
		if (c == TUI_STATS_COL_MASTERY && y >= 0 && x + 1 <= (size_t)p->t->cols)
			tui_draw_bar(p->t, y, (int)start, tb->bar_w, tp->readiness);
		tui_stats_put_right(p, x, cell[c], st);
	}
}

static void tui_stats_topics(struct tui_stats_pen *p, struct tui_stats *s)
{
	struct tui_stats_table tb;
	size_t x;

	tui_stats_table_layout(p->t, s, &tb);
	s->narrow = tb.ncols < TUI_STATS_NCOLS;
	tui_stats_put(p, TUI_BOARD_MARGIN, "Statistics by topic", SIZE_MAX, TUI_S_TITLE);
	tui_stats_nl(p);
	tui_stats_put(p, TUI_BOARD_MARGIN, "Topic", tb.name_w, TUI_S_DIM);
	x = TUI_BOARD_MARGIN + tb.name_w;
	for (size_t c = 0; c < tb.ncols; c++) {
		x += TUI_BOARD_GAP + tb.w[c];
		tui_stats_put_right(p, x, tui_stats_heads[c], TUI_S_DIM);
	}
	tui_stats_nl(p);
	if (s->st.fig.ntopics == 0) {
		tui_stats_put(p, TUI_BOARD_MARGIN, "No topics yet: import a bank first.", SIZE_MAX,
			      TUI_S_DIM);
		tui_stats_nl(p);
	}
	for (size_t i = 0; i < s->st.fig.ntopics; i++) {
		tui_stats_row(p, &tb, &s->st.fig.topics[i], false);
		tui_stats_nl(p);
	}
	tui_stats_row(p, &tb, &s->all, true);
	tui_stats_nl(p);
}

static void tui_stats_forecast(struct tui_stats_pen *p, const struct tui_stats *s)
{
	const size_t date_x = TUI_BOARD_MARGIN, rel_x = date_x + 10 + TUI_BOARD_GAP;
	const size_t count_end = rel_x + 8 + TUI_BOARD_GAP + 5, bar_x = count_end + TUI_BOARD_GAP;
	size_t max = 0, width = (size_t)p->t->cols > bar_x + 1 ? (size_t)p->t->cols - bar_x - 1 : 0;
	char title[64], date[32], count[32], bar[TUI_STATS_FBAR_MAX * 3 + 1];

	if (width > TUI_STATS_FBAR_MAX)
		width = TUI_STATS_FBAR_MAX;
	for (int d = 0; d < STATS_FORECAST_DAYS; d++)
		if (s->st.forecast[d] > max)
			max = s->st.forecast[d];
	snprintf(title, sizeof(title), "Due in the next %d days", STATS_FORECAST_DAYS);
	tui_stats_put(p, TUI_BOARD_MARGIN, title, SIZE_MAX, TUI_S_TITLE);
	tui_stats_nl(p);
	for (int d = 0; d < STATS_FORECAST_DAYS; d++) {
		enum tui_style st = d == 0 ? TUI_S_BOLD : TUI_S_NORMAL;
		size_t v = s->st.forecast[d];

		tui_stats_date(s, d, true, date, sizeof(date));
		tui_stats_put(p, date_x, date, 10, st);
		if (d <= 1)
			tui_stats_put(p, rel_x, d == 0 ? "today" : "tomorrow", 8, TUI_S_DIM);
		snprintf(count, sizeof(count), "%zu", v);
		tui_stats_put_right(p, count_end, count, st);
		tui_stats_repeat(p->t->utf8 ? "\xe2\x96\x88" : "#", tui_layout_scale(v, max, width),
				 bar, sizeof(bar));
		tui_stats_put(p, bar_x, bar, width, TUI_S_BAR);
		tui_stats_nl(p);
	}
}

static void tui_stats_heatmap(struct tui_stats_pen *p, const struct tui_stats *s)
{
	const int last = STATS_HISTORY_DAYS - 1;
	const size_t grid_x = TUI_BOARD_MARGIN + 6 + TUI_BOARD_GAP;
	const bool ascii = !p->t->utf8;
	size_t max = 0, answers = 0, correct = 0, rows, row;
	unsigned today_wday, col0;
	char line[320], cell[16], date[32], pct[16];
	struct tm tm;

	for (int d = 0; d <= last; d++) {
		if (s->st.history[d] > max)
			max = s->st.history[d];
		answers += s->st.history[d];
		correct += s->st.history_correct[d];
	}
	tui_stats_day(s, 0, &tm);
	today_wday = tui_stats_wday(&tm);
	rows = tui_layout_heat_rows(STATS_HISTORY_DAYS, today_wday);
	tui_layout_heat_cell(0, STATS_HISTORY_DAYS, today_wday, &row, &col0);

	snprintf(line, sizeof(line), "Answers per day, last %d weeks", STATS_HISTORY_DAYS / 7);
	tui_stats_put(p, TUI_BOARD_MARGIN, line, SIZE_MAX, TUI_S_TITLE);
	tui_stats_nl(p);
	for (unsigned c = 0; c < 7; c++)
		tui_stats_put(p, grid_x + c * (TUI_STATS_CELL + 1), tui_stats_wdays[c], 3, TUI_S_DIM);
	tui_stats_nl(p);
	for (size_t r = 0; r < rows; r++) {
		/* The row's label: the date of its Monday (maybe before day 0). */
		int monday = (int)(r * 7) - (int)col0 - last;

		tui_stats_date(s, monday, false, date, sizeof(date));
		tui_stats_put(p, TUI_BOARD_MARGIN, date, 6, TUI_S_DIM);
		for (unsigned c = 0; c < 7; c++) {
			long d = (long)(r * 7 + c) - (long)col0;
			unsigned level;

			if (d < 0 || d > last)
				continue;   /* before the four weeks, or to come */
			level = tui_layout_heat_level(s->st.history[d], max);
			tui_stats_repeat(tui_layout_heat_glyph(level, ascii), TUI_STATS_CELL, cell,
					 sizeof(cell));
			tui_stats_put(p, grid_x + c * (TUI_STATS_CELL + 1), cell, TUI_STATS_CELL,
				      d == last ? TUI_S_ANSWER : TUI_S_BAR);
		}
		tui_stats_nl(p);
	}
	if (max == 0) {
		snprintf(line, sizeof(line), "No answers in the last %d weeks.", STATS_HISTORY_DAYS / 7);
		tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_DIM);
		return;
	}
	/* The legend: what each shade means, in answers a day. */
	snprintf(line, sizeof(line), "Shades: [%s] none", tui_layout_heat_glyph(0, ascii));
	for (unsigned l = 1; l < TUI_HEAT_LEVELS; l++) {
		size_t lo, hi, n = strlen(line);

		if (!tui_layout_heat_range(l, max, &lo, &hi))
			continue;
		if (lo == hi)
			snprintf(line + n, sizeof(line) - n, "  [%s] %zu", tui_layout_heat_glyph(l, ascii), lo);
		else
			snprintf(line + n, sizeof(line) - n, "  [%s] %zu-%zu",
				 tui_layout_heat_glyph(l, ascii), lo, hi);
	}
	snprintf(line + strlen(line), sizeof(line) - strlen(line), " answers a day");
	tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
	tui_stats_pct(pct, sizeof(pct), correct, answers);
	snprintf(line, sizeof(line), "%d weeks: %zu answer%s, %zu right (%s).",
		 STATS_HISTORY_DAYS / 7, answers, tui_stats_plural(answers), correct, pct);
	tui_stats_para(p, TUI_BOARD_MARGIN, line, TUI_S_NORMAL);
}

/* The widest cleaned text among the N strings at BASE + k * STRIDE, at most
 * CAP and at least FLOOR columns. */
static size_t tui_stats_widest(const struct tui *t, const char *base, size_t stride, size_t n,
			       size_t floor_w, size_t cap)
{
	size_t w = floor_w;

	for (size_t i = 0; i < n; i++) {
		char *c = tui_text_clean(base + i * stride, !t->utf8);

		if (c != NULL && text_width(c) > w)
			w = text_width(c);
		free(c);
	}
	return w < cap ? w : cap;
}

static void tui_stats_lists(struct tui_stats_pen *p, const struct tui_stats *s)
{
	const struct stats *st = &s->st;
	const size_t stride = sizeof(struct store_listed);
	size_t idw, tw, lw = 0, x;
	char line[128], cell[64];

	/* Leeches. */
	snprintf(line, sizeof(line), "Leeches (forgotten too often): %s",
		 st->nleeches ? "" : "none");
	if (st->nleeches > 0)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%zu", st->nleeches);
	tui_stats_put(p, TUI_BOARD_MARGIN, line, SIZE_MAX, TUI_S_TITLE);
	tui_stats_nl(p);
	if (st->nleeches > 0) {
		tui_stats_para(p, TUI_BOARD_MARGIN,
			       "'whose unsuspend ID' puts a suspended one back into reviews.", TUI_S_DIM);
		idw = tui_stats_widest(p->t, st->leeches[0].qid, stride, st->nleeches, 2, 28);
		tw = tui_stats_widest(p->t, st->leeches[0].topic, stride, st->nleeches, 5, 16);
		for (size_t i = 0; i < st->nleeches; i++) {
			snprintf(cell, sizeof(cell), "%d lapses%s", st->leeches[i].lapses,
				 st->leeches[i].suspended ? ", suspended" : "");
			if (strlen(cell) > lw)
				lw = strlen(cell);
		}
		for (size_t i = 0; i < st->nleeches; i++) {
			const struct store_listed *l = &st->leeches[i];

			x = TUI_BOARD_MARGIN;
			tui_stats_put_raw(p, x, l->qid, idw, TUI_S_BOLD);
			x += idw + TUI_BOARD_GAP;
			tui_stats_put_raw(p, x, l->topic, tw, TUI_S_NORMAL);
			x += tw + TUI_BOARD_GAP;
			snprintf(cell, sizeof(cell), "%d lapses%s", l->lapses,
				 l->suspended ? ", suspended" : "");
			tui_stats_put(p, x, cell, lw, TUI_S_WRONG);
			x += lw + TUI_BOARD_GAP;
			tui_stats_put_raw(p, x, l->text, SIZE_MAX, TUI_S_DIM);
			tui_stats_nl(p);
		}
	}
	tui_stats_nl(p);

	/* Flagged questions. */
	snprintf(line, sizeof(line), "Flagged as wrong or unclear: %s", st->nflagged ? "" : "none");
	if (st->nflagged > 0)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%zu", st->nflagged);
	tui_stats_put(p, TUI_BOARD_MARGIN, line, SIZE_MAX, TUI_S_TITLE);
	tui_stats_nl(p);
	if (st->nflagged > 0) {
		tui_stats_para(p, TUI_BOARD_MARGIN,
			       "'whose unflag ID' puts one back into the rotation.", TUI_S_DIM);
		idw = tui_stats_widest(p->t, st->flagged[0].qid, stride, st->nflagged, 2, 28);
		tw = tui_stats_widest(p->t, st->flagged[0].topic, stride, st->nflagged, 5, 16);
		for (size_t i = 0; i < st->nflagged; i++) {
			const struct store_listed *f = &st->flagged[i];

			x = TUI_BOARD_MARGIN;
			tui_stats_put_raw(p, x, f->qid, idw, TUI_S_BOLD);
			x += idw + TUI_BOARD_GAP;
			tui_stats_put_raw(p, x, f->topic, tw, TUI_S_NORMAL);
			x += tw + TUI_BOARD_GAP;
			/* The learner's note, or the question when there is none. */
			if (f->note[0] != '\0') {
				x += tui_stats_put(p, x, "note: ", 6, TUI_S_DIM);
				tui_stats_put_raw(p, x, f->note, SIZE_MAX, TUI_S_NORMAL);
			} else {
				tui_stats_put_raw(p, x, f->text, SIZE_MAX, TUI_S_DIM);
			}
			tui_stats_nl(p);
		}
	}
}

/* The whole page through pen P; returns its number of lines. */
static size_t tui_stats_page(struct tui_stats_pen *p, struct tui_stats *s)
{
	tui_stats_headline(p, s);
	tui_stats_nl(p);
	tui_stats_topics(p, s);
	tui_stats_nl(p);
	tui_stats_forecast(p, s);
	tui_stats_nl(p);
	tui_stats_heatmap(p, s);
	tui_stats_nl(p);
	tui_stats_lists(p, s);
	return p->row;
}

static void tui_stats_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_stats *s = (struct tui_stats *)base;
	struct tui_stats_pen p = { t, 0, 0, 0 };
	int view = t->lines - TUI_STATS_Y0 - 2;   /* the notice and footer lines */
	size_t content;
	char today[32];

	s->view = view > 0 ? (size_t)view : 0;
	content = tui_stats_page(&p, s);          /* count only */
	tui_list_clamp(&s->scroll, content, s->view);
	tui_stats_date(s, 0, true, today, sizeof(today));
	tui_draw_header(t, "Statistics", today);
	p.top = s->scroll.top;
	p.view = s->view;
	p.row = 0;
	tui_stats_page(&p, s);
	if (s->scroll.top > 0)
		tui_draw_text(t, TUI_STATS_Y0, t->cols - 1, tui_draw_sym(t, TUI_SYM_MORE_UP), 1,
			      TUI_S_KEY);
	if (s->scroll.top + s->view < content)
		tui_draw_text(t, TUI_STATS_Y0 + view - 1, t->cols - 1,
			      tui_draw_sym(t, TUI_SYM_MORE_DOWN), 1, TUI_S_KEY);
	if (!tui_draw_notice(t, t->lines - 2)) {
		if (s->scroll.top + s->view < content)
			tui_draw_text(t, t->lines - 2, 1,
				      s->narrow ? "j/k, PgUp/PgDn scroll; a wider window shows more columns."
						: "j/k and PgUp/PgDn scroll.",
				      (size_t)t->cols - 2, TUI_S_DIM);
		else if (s->narrow)
			tui_draw_text(t, t->lines - 2, 1, "A wider window shows more columns.",
				      (size_t)t->cols - 2, TUI_S_DIM);
	}
	tui_draw_footer(t, TUI_CTX_STATS, 0);
}

static void tui_stats_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_stats *s = (struct tui_stats *)base;
	size_t page = s->view > 1 ? s->view - 1 : 1;

	(void)arg;
	if (tui_list_key(t, &s->scroll, page, a))
		return;
	if (a == TUI_ACT_FLAGGED) {
		struct tui_screen *flagged = tui_flagged_new(t);

		if (flagged != NULL)
			tui_switch(t, flagged);
	}
}

static const struct tui_screen_ops tui_stats_ops = {
	.name = "stats",
	.ctx = TUI_CTX_STATS,
	.draw = tui_stats_draw,
	.key = tui_stats_key,
	/* no .resize: the page is laid out at each frame */
	.free = tui_stats_free,
	.ticks = false,
};
