/*
 * plain.c - the plain front end (see plain.h).
 *
 * Every line printed is complete and stands on its own, so that a screen
 * reader reads it and a script can match it.  Prompts end in "> "; when the
 * input is not a terminal the prompt is followed by a newline, so that the
 * output stays one line per line.  Text from the bank goes through
 * text_vis: no control character from a bank reaches the terminal.
 */
#include <ctype.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "plain.h"
#include "plain_int.h"
#include "whose/figures.h"
#include "whose/text.h"

#define PLAIN_LINE_MAX 4096

static const char *const plain_rating_names[5] = { "", "Again", "Hard", "Good", "Easy" };

/* A signal that asks whose to end (INT, TERM, HUP, QUIT): the handler
 * only notes it; the read it interrupts returns, and the session ends as
 * at end of input, an answer waiting for its rating saved first. */
static volatile sig_atomic_t plain_signal;

static void plain_on_signal(int sig)
{
	plain_signal = sig;
}

static const int plain_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define PLAIN_NSIGNALS (sizeof(plain_signals) / sizeof(plain_signals[0]))

/* Catch the ending signals (no SA_RESTART, so a blocked read returns),
 * keeping the old actions in OLD. */
static void plain_catch(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain_on_signal;
	sigemptyset(&sa.sa_mask);
	plain_signal = 0;
	for (size_t i = 0; i < PLAIN_NSIGNALS; i++) {
		/* A signal ignored when whose started (nohup, a background
		 * job) stays ignored. */
		sigaction(plain_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(plain_signals[i], &sa, NULL);
	}
}

/* Put the old actions back; a signal that came is then delivered again,
 * so that whose ends as the sender asked (everything is saved by now). */
static void plain_release(const struct sigaction *old)
{
	for (size_t i = 0; i < PLAIN_NSIGNALS; i++)
		sigaction(plain_signals[i], &old[i], NULL);
	if (plain_signal != 0) {
		fflush(NULL);
		raise(plain_signal);
	}
}

struct plain {
	FILE *in, *out;
	bool tty;      /* IN is a terminal: the learner's typing is echoed */
	bool eof;
};

/* Print S made safe, with PREFIX on the first line (plain_show_text). */
static void plain_text(struct plain *p, const char *prefix, const char *s)
{
	plain_show_text(p->out, prefix, s);
}

/* What the session passed over since it was last asked (a damaged
 * schedule: which question, and how to start it again). */
static void plain_passed(struct plain *p, struct session *sess)
{
	const char *n = session_take_notice(sess);

	if (n != NULL)
		plain_text(p, "Note: ", n);
}

/* Prompt and read one line (without its newline) into BUF.  Returns false
 * at end of input. */
static bool plain_read(struct plain *p, const char *prompt, char *buf, size_t len)
{
	size_t n;
	bool read_any = false;

	fprintf(p->out, "%s> ", prompt);
	if (!p->tty)
		fputc('\n', p->out);
	fflush(p->out);
	/* Byte by byte rather than fgets: fgets cannot tell a NUL byte in
	 * the line from its end, and the line after it was then taken for
	 * the rest of a long line and dropped.  The rest of a line longer
	 * than BUF is dropped; a NUL ends what is read of the line. */
	n = 0;
	for (;;) {
		int c = plain_signal ? EOF : getc(p->in);

		if (c == EOF)
			break;
		read_any = true;
		if (c == '\n')
			break;
		if (n + 1 < len)
			buf[n++] = (char)c;
	}
	if (!read_any || plain_signal) {
		/* End of input (or an error before anything was read), or a
		 * signal: the session ends. */
		p->eof = true;
		return false;
	}
	buf[n] = '\0';
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	return true;
}

static char *plain_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void plain_help(struct plain *p)
{
	fprintf(p->out,
		"Keys: answer with the letter shown, as in every mode (who: a, c, s; true/false: t, f;\n"
		"  several choices: all their letters, e.g. a c; sort: a letter per item, e.g. a c s).\n"
		"  Enter turns a card.  After a right answer: 1 Again (I guessed), 2 Hard, 3 Good,\n"
		"  4 Easy; Enter takes Good.\n"
		"  In practice there is no rating step: nothing is rescheduled.\n"
		"  u undoes the last answer or report, m marks the question for review (your\n"
		"  bookmark; m again unmarks), ! reports it as wrong or unclear to the bank's\n"
		"  maintainers (it asks for an optional note; '! note' gives it at once),\n"
		"  q quits with everything saved, ? shows this help.\n");
}

static void plain_show(struct plain *p, struct session *sess,
		       const struct session_item *it)
{
	struct session_left l;

	session_left_now(sess, &l);
	if (session_mode_of(sess) == SESSION_PRACTICE)
		fprintf(p->out, "\n[%zu left] ", l.total);
	else
		fprintf(p->out, "\n[%zu left: %zu learning, %zu due, %zu new] ", l.total,
			l.learning, l.due, l.fresh);
	plain_text(p, "", it->a.item.topic);
	plain_show_question(p->out, &it->a, 0);
}

/* The rating line: "1) Again 1m  2) Hard 6m ..." with only allowed ones. */
static void plain_rating_line(struct plain *p, const struct session_item *it,
			      bool review)
{
	fprintf(p->out, "Rate:");
	for (int r = 1; r <= 4; r++) {
		if (!it->allowed[r])
			continue;
		fprintf(p->out, "  %d) %s%s", r, plain_rating_names[r],
			r == 1 && it->a.grade.correct && !attempt_self_graded(&it->a) ? " (I guessed)" : "");
		/* An interval two ratings share is shown once. */
		if (it->same_as_next[r])
			fprintf(p->out, " /");
		else if (review && it->label[r - 1][0] != '\0')
			fprintf(p->out, " %s", it->label[r - 1]);
	}
	fprintf(p->out, "  [Enter: %s]\n", plain_rating_names[it->suggested]);
}

static void plain_summary(struct plain *p, struct store *st,
			  const struct session_opts *o, struct session *sess)
{
	struct figures_outlook ol;
	char next[256];
	size_t n, total = 0, right = 0;
	const struct session_tally *t = session_tallies(sess, &n);

	for (size_t i = 0; i < n; i++) {
		total += t[i].answered;
		right += t[i].correct;
	}
	fprintf(p->out, "\nSession over: %zu answered, %zu right", total, right);
	if (total > 0) {
		char pct[FIGURES_PCT_LEN];

		figures_format_percent(figures_percent(right, total), pct, sizeof(pct));
		fprintf(p->out, " (%s)", pct);
	}
	fprintf(p->out, ".\n");
	for (size_t i = 0; i < n; i++) {
		if (t[i].answered == 0)
			continue;
		char pct[FIGURES_PCT_LEN];

		figures_format_percent(figures_percent(t[i].correct, t[i].answered), pct, sizeof(pct));
		fprintf(p->out, "  %-30s %3zu/%-3zu %4s\n", t[i].topic, t[i].correct,
			t[i].answered, pct);
	}
	if (figures_outlook_collect(st, o->config, clock_now(o->clock), &ol, NULL) == 0) {
		figures_outlook_text(&ol, clock_now(o->clock), next, sizeof(next));
		fprintf(p->out, "%s\n", next);
	}
	fflush(p->out);
}

/* What the learner typed at a prompt, when it is a command. */
enum plain_cmd { PLAIN_NONE, PLAIN_QUIT, PLAIN_UNDO, PLAIN_FLAG, PLAIN_HELP, PLAIN_MARK };

static enum plain_cmd plain_command(const char *line)
{
	if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
		return PLAIN_QUIT;
	if (strcmp(line, "u") == 0 || strcmp(line, "undo") == 0)
		return PLAIN_UNDO;
	if (line[0] == '!')
		return PLAIN_FLAG;
	if (strcmp(line, "?") == 0 || strcmp(line, "help") == 0)
		return PLAIN_HELP;
	if (strcmp(line, "m") == 0 || strcmp(line, "mark") == 0)
		return PLAIN_MARK;
	return PLAIN_NONE;
}

/* m: mark the question for review, or unmark it (the same bookmark in
 * every mode). */
static int plain_mark(struct plain *p, struct store *s, const struct whose_clock *clock,
		      const struct attempt *a, struct whose_error *err)
{
	bool on;
	int rc = attempt_mark_toggle(a, s, clock_now(clock), &on, err);

	if (rc < 0)
		return rc;
	fprintf(p->out, on ? "Marked for review: the home screen lists it; m again unmarks it.\n"
		: "Unmarked.\n");
	return 0;
}

int plain_study(struct store *s, const struct session_opts *o, FILE *in,
		FILE *out, struct whose_error *err)
{
	struct plain p = { .in = in, .out = out, .tty = isatty(fileno(in)) != 0 };
	struct session *sess;
	const struct session_item *it = NULL;
	char line[PLAIN_LINE_MAX], hint[256];
	bool review = o->mode == SESSION_REVIEW;
	struct sigaction old[PLAIN_NSIGNALS];
	int rc;

	rc = session_new(s, o, &sess, err);
	if (rc < 0)
		return rc;
	plain_catch(old);
	fprintf(out, "%s. Answer with the letter shown; m marks for review, ? for help, q to quit.\n",
		review ? "Review" : "Practice: answers count toward your topic scores but do not change when questions are due, so there is no rating step");
	if (o->weak) {
		char weak[256];

		session_weak_text(sess, weak, sizeof(weak));
		plain_text(&p, "Your weakest topics (least ready first): ", weak);
	}
	rc = session_next(sess, &it, err);
	plain_passed(&p, sess);
	while (rc == 0) {
		bool next = false;

		plain_show(&p, sess, it);
ask:
		/* Ask until answered, or a command moves on. */
		while (it->phase == SESSION_ASKING) {
			enum plain_cmd cmd;
			struct question_response resp;

			/* While the learner reads: the store's housekeeping. */
			session_idle(sess);
			if (!plain_read(&p, attempt_self_graded(&it->a) ? "turn" : "answer", line, sizeof(line)))
				goto done;
			cmd = plain_command(line);
			if (cmd == PLAIN_QUIT)
				goto done;
			if (cmd == PLAIN_HELP) {
				plain_help(&p);
				continue;
			}
			if (cmd == PLAIN_MARK) {
				rc = plain_mark(&p, s, o->clock, &it->a, err);
				if (rc < 0)
					goto out;
				continue;
			}
			if (cmd == PLAIN_FLAG) {
				char note[PLAIN_LINE_MAX];

				snprintf(note, sizeof(note), "%s", plain_trim(line + 1));
				if (note[0] == '\0') {
					fprintf(out, "Report as wrong or unclear: a note for the bank's maintainers (optional; Enter for none, 'c' cancels).\n");
					if (!plain_read(&p, "note", note, sizeof(note)))
						goto done;
					if (strcmp(plain_trim(note), "c") == 0) {
						fprintf(out, "Not reported.\n");
						continue;
					}
				}
				rc = session_flag(sess, plain_trim(note), err);
				if (rc < 0)
					goto out;
				fprintf(out, "Reported: it leaves the rotation and is listed for the bank's maintainers; u takes it back.\n");
				next = true;
				break;
			}
			if (cmd == PLAIN_UNDO) {
				const struct session_item *back;
				bool was_flag = session_undo_is_flag(sess);

				rc = session_undo(sess, &back, err);
				if (rc == WHOSE_ENOTFOUND) {
					fprintf(out, "Nothing to undo.\n");
					rc = 0;
					continue;
				}
				if (rc < 0)
					goto out;
				fprintf(out, "Undone: the last %s was taken back.\n", was_flag ? "report" : "answer");
				it = back;
				plain_show(&p, sess, it);
				continue;
			}
			if (attempt_self_graded(&it->a)) {
				rc = session_reveal(sess, err);
			} else if (plain_parse_answer(&it->a, line, &resp, hint, sizeof(hint)) < 0) {
				fprintf(out, "%s\n", hint);
				continue;
			} else {
				rc = attempt_set(session_attempt(sess), &resp, err);
				if (rc == 0)
					rc = session_grade(sess, err);
			}
			if (rc < 0)
				goto out;
		}
		if (!next) {
			plain_show_feedback(out, &it->a, NULL, NULL);
			/* A wrong answer has nothing to choose: it is Again. */
			while (it->phase == SESSION_ANSWERED) {
				int allowed = 0, r;

				for (r = 1; r <= 4; r++)
					allowed += it->allowed[r];
				if (allowed > 1) {
					plain_rating_line(&p, it, review);
					if (!plain_read(&p, "rate", line, sizeof(line)))
						goto done;
				} else {
					line[0] = '\0';
				}
				switch (plain_command(line)) {
				case PLAIN_QUIT:
					goto done;
				case PLAIN_HELP:
					plain_help(&p);
					continue;
				case PLAIN_MARK:
					rc = plain_mark(&p, s, o->clock, &it->a, err);
					if (rc < 0)
						goto out;
					continue;
				case PLAIN_UNDO: {
					/* Not saved yet: back to the question. */
					const struct session_item *back;

					rc = session_undo(sess, &back, err);
					if (rc < 0)
						goto out;
					fprintf(out, "Undone: answer again.\n");
					it = back;
					plain_show(&p, sess, it);
					goto ask;
				}
				case PLAIN_FLAG:
					fprintf(out, "Rate this answer first (Enter); ! works at the next question.\n");
					continue;
				default:
					break;
				}
				r = line[0] == '\0' ? 0 : (line[1] == '\0' && line[0] >= '1' && line[0] <= '4') ? line[0] - '0' : -1;
				if (r < 0 || (r > 0 && !it->allowed[r])) {
					fprintf(out, "Type one of the numbers shown, or Enter.\n");
					continue;
				}
				rc = session_rate(sess, r, err);
				if (rc < 0)
					goto out;
				if (review)
					fprintf(out, "Saved: %s, next in %s.%s\n",
						plain_rating_names[r ? r : it->suggested],
						it->label[(r ? r : it->suggested) - 1],
						it->became_leech ? " Forgotten too often: it is now a leech and suspended (whose stats lists leeches)." : "");
				else
					fprintf(out, "Saved.\n");
				/* An acknowledgement leaves at once: it is saved. */
				fflush(out);
			}
		}
		rc = session_next(sess, &it, err);
		plain_passed(&p, sess);
	}
	if (rc == WHOSE_ENOTFOUND) {
		fprintf(out, "\n%s\n", review ? "Nothing more is due now. Well done." : "End of the practice set.");
		rc = 0;
	} else if (rc < 0) {
		goto out;
	}
done:
	/* Quit or end of input: save an answered question, then sum up. */
	if (it != NULL && it->phase == SESSION_ANSWERED) {
		rc = session_rate(sess, 0, err);
		if (rc < 0)
			goto out;
		fprintf(out, "Saved: %s.\n", plain_rating_names[it->suggested]);
	}
	rc = 0;
	plain_summary(&p, s, o, sess);
out:
	session_free(sess);
	fflush(out);
	plain_release(old);
	return rc;
}
