/*
 * screen_exam_start.c - the start screen of a new mock exam: what the exam
 * will be (questions, minutes, pass mark, topics) before its clock runs.
 * Enter draws the exam and starts it (screen_exam.c); Esc goes back to
 * the home screen, or out when the exam was asked for on the command line.
 * Nothing is stored until Enter, so a stray x on the home screen costs
 * nothing and leaves no exam in the history.
 *
 *     Mock exam                                            not started
 *       65 questions, 90 minutes, pass mark 70%.
 *       Topics: all, in proportion to the bank.
 *       No feedback until the end; the clock starts with Enter.
 *       ...
 *     Enter Start  Esc Back  ? Help  q Quit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"
#include "tui/tui_int.h"

struct tui_exam_start {
	struct tui_screen base;
	struct exam_opts o;          /* borrowed pointers: see tui_exam_start_new */
};

static const struct tui_screen_ops tui_exam_start_ops;

struct tui_screen *tui_exam_start_new(struct tui *t, const struct exam_opts *o)
{
	struct tui_exam_start *s = tui_screen_new(t, sizeof(*s), &tui_exam_start_ops);

	if (s == NULL)
		return NULL;
	s->o = *o;
	return &s->base;
}

static void tui_exam_start_free(struct tui *t, struct tui_screen *base)
{
	(void)t;
	free(base);
}

static void tui_exam_start_draw(struct tui *t, struct tui_screen *base)
{
	struct tui_exam_start *s = (struct tui_exam_start *)base;
	size_t n = s->o.questions ? s->o.questions : EXAM_DEFAULT_QUESTIONS;
	int minutes = s->o.minutes ? s->o.minutes : EXAM_DEFAULT_MINUTES;
	int pass = s->o.pass_percent ? s->o.pass_percent : EXAM_DEFAULT_PASS;
	size_t w = (size_t)t->cols > 3 ? (size_t)t->cols - 3 : 1;
	char line[512];
	int y = 2;

	tui_draw_header(t, "Mock exam", "not started");
	snprintf(line, sizeof(line), "%zu question%s, %d minute%s, pass mark %d%%.", n, n == 1 ? "" : "s",
		 minutes, minutes == 1 ? "" : "s", pass);
	tui_draw_text(t, y++, 2, line, w, TUI_S_BOLD);
	if (s->o.ntopics == 0) {
		tui_draw_text(t, y++, 2, "Topics: all, each in proportion to its size in the bank.", w, TUI_S_NORMAL);
	} else {
		size_t len = (size_t)snprintf(line, sizeof(line), "Topics: ");

		for (size_t i = 0; i < s->o.ntopics && len < sizeof(line); i++)
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s", i ? ", " : "",
						s->o.topics[i]);
		tui_draw_text(t, y++, 2, line, w, TUI_S_NORMAL);
	}
	y++;
	tui_draw_text(t, y++, 2, "No feedback until the end. The clock starts when you press Enter", w, TUI_S_NORMAL);
	snprintf(line, sizeof(line), "and keeps running while you are away%s.",
		 s->o.pause_when_away ? ", unless paused (it is: --pause-when-away)" : "");
	tui_draw_text(t, y++, 2, line, w, TUI_S_NORMAL);
	tui_draw_text(t, y++, 2, "Every answer is saved as you give it; q leaves the exam open for later.", w,
		      TUI_S_NORMAL);
	y++;
	tui_draw_text(t, y++, 2, "Other numbers: whose exam --questions N --minutes M --pass P.", w, TUI_S_DIM);
	if (!tui_draw_notice(t, t->lines - 2))
		tui_draw_text(t, t->lines - 2, 1, "Enter starts the exam; Esc goes back.", (size_t)t->cols - 2,
			      TUI_S_DIM);
	tui_draw_footer(t, TUI_CTX_EXAM_START, 0);
}

static void tui_exam_start_key(struct tui *t, struct tui_screen *base, enum tui_action a, int arg)
{
	struct tui_exam_start *s = (struct tui_exam_start *)base;
	struct tui_exam_how how;
	struct tui_screen *next;

	(void)arg;
	switch (a) {
	case TUI_ACT_START:
		memset(&how, 0, sizeof(how));
		next = tui_exam_new(t, &s->o, &how);
		if (next != NULL)
			tui_switch(t, next);
		break;
	case TUI_ACT_BACK:
		if (t->home)
			tui_go_home(t);
		else
			t->quit = true;
		break;
	default:
		break;
	}
}

static const struct tui_screen_ops tui_exam_start_ops = {
	.name = "exam-start",
	.ctx = TUI_CTX_EXAM_START,
	.draw = tui_exam_start_draw,
	.key = tui_exam_start_key,
	.free = tui_exam_start_free,
};
