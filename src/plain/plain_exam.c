/*
 * plain_exam.c - the plain front ends of a mock exam and a classroom drill
 * (see plain_exam.h).
 *
 * Both read lines with poll() and the time left as its timeout, so that a
 * countdown reaches zero even when the learner types nothing; the clock is
 * looked at again after every line, since a line may arrive after the end.
 *
 * The exam's prompt takes commands and answers.  A line that is exactly a
 * command word is a command (n, p, g K, m, r, clear, submit, submit!, q,
 * ?); any other line is an answer, by the one key map of every mode
 * (keys.h: letters a-f, t f, a c s).  No command is an answer: submitting
 * is the word submit, never a letter, so that answering Shared (s) twice
 * submits nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "plain.h"
#include "plain_exam.h"
#include "plain_int.h"
#include "whose/figures.h"
#include "whose/results.h"

#define PLAIN_EXAM_LINE PLAIN_SHOW_LINE_MAX

/* ---- the exam ------------------------------------------------------------ */

static void plain_exam_help(FILE *out)
{
	fprintf(out,
		"Exam keys: answer with the letter shown, as in every mode (several answers: all\n"
		"  their letters, e.g. a c; who: a c s; true/false: t f; sort: a letter per item).\n"
		"  n next, p previous, g K go to question K, m mark or unmark (your bookmark), r list\n"
		"  unanswered and marked questions, clear take the answer back, submit (asks first\n"
		"  when questions are unanswered; submit! does not), q q leave the exam open (whose\n"
		"  exam resumes it), ? this help.  Every answer is saved as it is given.  End of\n"
		"  input leaves the exam open, never submitted.\n");
}

static int plain_exam_show(FILE *out, struct exam *e, size_t i, struct whose_error *err)
{
	const struct exam_item *it = exam_item(e, i);
	char left[32], ans[256];
	int rc;

	plain_show_clock(exam_time_left(e), left, sizeof(left));
	fprintf(out, "\nQuestion %zu of %zu%s  Time left %s\n", i + 1, exam_count(e),
		it->flagged ? " (marked)" : "", left);
	rc = exam_visit(e, i, err);
	if (rc < 0)
		return rc;
	plain_show_question(out, &it->a, 0);
	if (attempt_answered(&it->a)) {
		attempt_given_text(&it->a, ans, sizeof(ans));
		fprintf(out, "Your answer: %s (type another to change it; clear takes it back)\n", ans);
	}
	return 0;
}

/* At most this many question numbers in a line; the rest are "...". */
#define PLAIN_EXAM_NUMBERS 10

static void plain_exam_review(FILE *out, const struct exam *e)
{
	char list[PLAIN_EXAM_LINE];

	exam_numbers_text(e, EXAM_FILTER_UNANSWERED, PLAIN_EXAM_NUMBERS, list, sizeof(list));
	fprintf(out, "Unanswered (%zu): %s.\n", exam_unanswered(e), list);
	exam_numbers_text(e, EXAM_FILTER_FLAGGED, PLAIN_EXAM_NUMBERS, list, sizeof(list));
	fprintf(out, "Marked: %s.\n", list);
	fprintf(out, "g K goes to question K; submit hands the exam in.\n");
}

/* One question of a closed exam: the question, the answer given, the time
 * on screen, and the feedback. */
static void plain_exam_one(FILE *out, const struct exam *e, size_t i)
{
	const struct exam_item *it = exam_item(e, i);
	char ans[256], spent[32];

	plain_show_clock(it->a.spent_ms / 1000 * 1000, spent, sizeof(spent));
	fprintf(out, "\nQuestion %zu of %zu%s  Time on it %s\n", i + 1, exam_count(e),
		it->flagged ? " (marked)" : "", spent);
	plain_show_text(out, "Topic: ", it->a.item.topic);
	plain_show_question(out, &it->a, PLAIN_SHOW_NO_HINTS);
	if (attempt_answered(&it->a)) {
		attempt_given_text(&it->a, ans, sizeof(ans));
		fprintf(out, "Your answer: %s\n", ans);
	} else {
		fprintf(out, "Your answer: none (unanswered)\n");
	}
	plain_show_feedback(out, &it->a, NULL, NULL);
}

/* The score, the time, and each topic with its score and time. */
static void plain_exam_score(FILE *out, const struct exam *e)
{
	const struct exam_result *r = exam_result(e);
	char used[32], total[32], spent[32], pct[FIGURES_PCT_LEN];

	fprintf(out, "\nScore: %zu of %zu (%d%%): %s (pass mark %d%%).\n", r->correct, r->total,
		r->percent, r->passed ? "PASS" : "FAIL", exam_pass_percent(e));
	/* Whole seconds used, rounded down. */
	plain_show_clock(r->used_ms / 1000 * 1000, used, sizeof(used));
	plain_show_clock((long long)exam_minutes(e) * 60000, total, sizeof(total));
	fprintf(out, "Time used: %s of %s%s.\n", used, total, r->timed_out ? " (the time ran out)" : "");
	/* The areas first: a topic holds too few questions to act on. */
	fprintf(out, "By area:                           score\n");
	for (size_t a = 0; a < EXAM_AREAS; a++) {
		const struct exam_area_score *as = &r->areas[a];

		if (as->total == 0)
			continue;
		fprintf(out, "  ");
		plain_show_padded(out, exam_area_name(a), 32);
		figures_format_percent(figures_percent(as->correct, as->total), pct, sizeof(pct));
		fprintf(out, " %3zu/%-3zu %4s  %s\n", as->correct, as->total, pct, exam_area_about(a));
	}
	fprintf(out, "By topic:                          score      time\n");
	for (size_t i = 0; i < r->ntopics; i++) {
		const struct exam_topic_score *t = &r->topics[i];

		plain_show_clock(t->spent_ms / 1000 * 1000, spent, sizeof(spent));
		fprintf(out, "  ");
		plain_show_padded(out, t->topic, 32);
		figures_format_percent(figures_percent(t->correct, t->total), pct, sizeof(pct));
		fprintf(out, " %3zu/%-3zu %4s %7s\n", t->correct, t->total, pct, spent);
	}
}

/* "Practise the ones I missed": the command, when some were missed. */
static void plain_exam_offer(FILE *out, const struct exam *e)
{
	const struct exam_result *r = exam_result(e);

	if (r == NULL || r->nwrong == 0 || exam_abandoned(e))
		return;
	fprintf(out, "whose practice --exam %lld practises the %zu you missed (no due date moves).\n",
		(long long)exam_id(e), r->nwrong);
}

static void plain_exam_result(FILE *out, const struct exam *e)
{
	const struct exam_result *r = exam_result(e);

	plain_exam_score(out, e);
	if (r->nwrong == 0) {
		fprintf(out, "Every answer was right.\n");
		return;
	}
	fprintf(out, "Wrong or unanswered: %zu.\n", r->nwrong);
	for (size_t k = 0; k < r->nwrong; k++)
		plain_exam_one(out, e, r->wrong[k]);
}

int plain_exam_past(struct store *s, const struct exam_opts *o, int64_t id,
		    enum exam_filter which, const char *topic, FILE *out,
		    struct whose_error *err)
{
	struct exam *e;
	size_t shown = 0;
	int rc = exam_open_past(s, o, id, &e, err);

	if (rc < 0)
		return rc;
	fprintf(out, "Exam %lld: %zu questions, %d minutes, pass mark %d%%%s.\n", (long long)id,
		exam_count(e), exam_minutes(e), exam_pass_percent(e),
		exam_abandoned(e) ? " (given up: not counted)" : "");
	plain_exam_score(out, e);
	plain_exam_offer(out, e);
	for (size_t i = 0; i < exam_count(e); i++) {
		if (!exam_matches(e, i, which, topic))
			continue;
		plain_exam_one(out, e, i);
		shown++;
	}
	if (shown == 0)
		fprintf(out, "\nNo question of this exam is %s.\n",
			which == EXAM_FILTER_WRONG ? "wrong" : which == EXAM_FILTER_FLAGGED
			? "flagged" : "in that topic");
	fflush(out);
	exam_free(e);
	return 0;
}

/* What an exam line asks for. */
enum plain_exam_cmd {
	PLAIN_EXAM_ANSWER, PLAIN_EXAM_SHOW, PLAIN_EXAM_NEXT, PLAIN_EXAM_PREV,
	PLAIN_EXAM_GOTO, PLAIN_EXAM_FLAG, PLAIN_EXAM_REVIEW, PLAIN_EXAM_SUBMIT,
	PLAIN_EXAM_SUBMIT_NOW, PLAIN_EXAM_CLEAR, PLAIN_EXAM_HELP, PLAIN_EXAM_LEAVE,
};

static enum plain_exam_cmd plain_exam_command(const char *line)
{
	static const struct {
		const char *word;
		enum plain_exam_cmd cmd;
	} words[] = {
		{ "", PLAIN_EXAM_SHOW }, { "n", PLAIN_EXAM_NEXT }, { "next", PLAIN_EXAM_NEXT },
		{ "p", PLAIN_EXAM_PREV }, { "prev", PLAIN_EXAM_PREV },
		{ "m", PLAIN_EXAM_FLAG }, { "mark", PLAIN_EXAM_FLAG },
		{ "r", PLAIN_EXAM_REVIEW }, { "review", PLAIN_EXAM_REVIEW },
		{ "submit", PLAIN_EXAM_SUBMIT },
		{ "submit!", PLAIN_EXAM_SUBMIT_NOW }, { "clear", PLAIN_EXAM_CLEAR },
		{ "?", PLAIN_EXAM_HELP }, { "help", PLAIN_EXAM_HELP },
		{ "q", PLAIN_EXAM_LEAVE }, { "quit", PLAIN_EXAM_LEAVE },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(line, words[i].word) == 0)
			return words[i].cmd;
	if (line[0] == 'g' && (line[1] == ' ' || (line[1] >= '0' && line[1] <= '9') || line[1] == '\0'))
		return PLAIN_EXAM_GOTO;
	return PLAIN_EXAM_ANSWER;
}

/* "g K": the question number, or 0 when it is not one of 1..N. */
static size_t plain_exam_goto(const char *line, size_t n)
{
	const char *p = line + 1;
	char *end;
	long k;

	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	k = strtol(p, &end, 10);
	if (*end != '\0' || k < 1 || (size_t)k > n)
		return 0;
	return (size_t)k;
}

int plain_exam(struct store *s, const struct exam_opts *o, int64_t id, int in,
	       FILE *out, struct whose_error *err)
{
	struct plain_lines lines;
	struct exam *e;
	char line[PLAIN_EXAM_LINE], hint[256], left[32], prompt[64];
	size_t cur = 0, n;
	bool confirm = false;
	bool away_expired = false;
	bool leave = false;
	bool leave_confirm = false;
	int rc;

	rc = id != 0 ? exam_resume(s, o, id, &e, err) : exam_start(s, o, &e, err);
	if (rc < 0)
		return rc;
	n = exam_count(e);
	plain_lines_init(&lines, in);
	if (id != 0) {
		/* The time may have run out while the learner was away. */
		rc = exam_expire(e, err);
		if (rc < 0)
			goto out;
		away_expired = rc == 1;
		while (cur + 1 < n && attempt_answered(&exam_item(e, cur)->a))
			cur++;
		if (!away_expired) {
			plain_show_clock(exam_time_left(e), left, sizeof(left));
			fprintf(out, "Exam %lld resumed: %zu of %zu answered, %s left%s.\n", (long long)id,
				n - exam_unanswered(e), n, left,
				exam_pauses_when_away(e) ? " (its clock stood still)" : "");
		}
	} else {
		fprintf(out, "Exam: %zu questions, %d minutes, pass mark %d%%. No feedback until the end.\n",
			n, exam_minutes(e), exam_pass_percent(e));
		if (n < exam_requested(e))
			fprintf(out, "Only %zu questions can be asked, not %zu: the exam has all %zu.\n",
				n, exam_requested(e), n);
	}
	if (!away_expired) {
		fprintf(out, "Answer with the letter shown; n next, p previous, g K go to K, m mark, r review, submit, q leave, ? help.\n");
		rc = plain_exam_show(out, e, cur, err);
		if (rc < 0)
			goto out;
	}
	while (!away_expired) {
		enum plain_lines_result got;
		enum plain_exam_cmd cmd;
		struct question_response resp;
		const struct exam_item *it = exam_item(e, cur);
		bool was_confirm = confirm;
		bool was_leave_confirm = leave_confirm;

		rc = exam_expire(e, err);
		if (rc < 0)
			goto out;
		if (rc == 1)
			break;
		/* The countdown is in every prompt, so it is always in view. */
		plain_show_clock(exam_time_left(e), left, sizeof(left));
		snprintf(prompt, sizeof(prompt), "answer (%s left)", left);
		got = plain_lines_read(&lines, out, prompt, exam_time_left(e), line, sizeof(line));
		/* The line may have come after the end: the clock decides. */
		rc = exam_expire(e, err);
		if (rc < 0)
			goto out;
		if (rc == 1)
			break;
		if (got == PLAIN_LINES_TIMEOUT)
			continue;  /* woke early: exam_expire looks again */
		if (got == PLAIN_LINES_EOF) {
			/* Input that ran out is no decision to submit: the
			 * exam stays open, as q q leaves it. */
			rc = exam_leave(e, err);
			if (rc < 0)
				goto out;
			fflush(out);
			fprintf(stderr, "whose: exam: end of input: exam %lld was not submitted; it stays open\n",
				(long long)exam_id(e));
			break;
		}
		confirm = false;
		leave_confirm = false;
		cmd = plain_exam_command(line);
		switch (cmd) {
		case PLAIN_EXAM_SHOW:
			rc = plain_exam_show(out, e, cur, err);
			break;
		case PLAIN_EXAM_LEAVE:
			/* Asked first, as s is: a stray q costs nothing. */
			if (!was_leave_confirm) {
				fprintf(out, "q again leaves; the exam stays open, every answer saved (whose exam\n"
					"resumes it). Anything else stays.\n");
				leave_confirm = true;
				break;
			}
			rc = exam_leave(e, err);
			if (rc < 0)
				goto out;
			leave = true;
			break;
		case PLAIN_EXAM_HELP:
			plain_exam_help(out);
			break;
		case PLAIN_EXAM_NEXT:
		case PLAIN_EXAM_PREV:
			if (cmd == PLAIN_EXAM_NEXT ? cur + 1 >= n : cur == 0) {
				fprintf(out, "This is the %s question.\n", cmd == PLAIN_EXAM_NEXT ? "last" : "first");
				break;
			}
			cur = cmd == PLAIN_EXAM_NEXT ? cur + 1 : cur - 1;
			rc = plain_exam_show(out, e, cur, err);
			break;
		case PLAIN_EXAM_GOTO: {
			size_t k = plain_exam_goto(line, n);

			if (k == 0) {
				fprintf(out, "g K goes to question K, from 1 to %zu.\n", n);
				break;
			}
			cur = k - 1;
			rc = plain_exam_show(out, e, cur, err);
			break;
		}
		case PLAIN_EXAM_FLAG:
			rc = exam_flag(e, cur, !it->flagged, err);
			if (rc < 0)
				goto out;
			fprintf(out, "%s question %zu.\n", it->flagged ? "Marked" : "Unmarked", cur + 1);
			break;
		case PLAIN_EXAM_REVIEW:
			plain_exam_review(out, e);
			break;
		case PLAIN_EXAM_CLEAR:
			if (!attempt_answered(&it->a)) {
				fprintf(out, "Question %zu has no answer to take back.\n", cur + 1);
				break;
			}
			rc = exam_clear(e, cur, err);
			if (rc < 0)
				goto out;
			fprintf(out, "The answer to question %zu was taken back.\n", cur + 1);
			break;
		case PLAIN_EXAM_SUBMIT:
			if (exam_unanswered(e) > 0 && !was_confirm) {
				/* The instruction first, and as many numbers as
				 * fit 80 columns: no list hides it. */
				for (size_t max = PLAIN_EXAM_NUMBERS;; max--) {
					char nums[96];

					exam_numbers_text(e, EXAM_FILTER_UNANSWERED, max, nums, sizeof(nums));
					snprintf(hint, sizeof(hint),
						 "submit again (or submit!) hands it in; %zu unanswered count as wrong: %s",
						 exam_unanswered(e), nums);
					if (max <= 1 || strlen(hint) <= 79)
						break;
				}
				fprintf(out, "%s\n", hint);
				confirm = true;
				break;
			}
			/* fall through */
		case PLAIN_EXAM_SUBMIT_NOW:
			rc = exam_submit(e, false, err);
			if (rc < 0)
				goto out;
			break;
		case PLAIN_EXAM_ANSWER:
			if (plain_parse_answer(&it->a, line, &resp, hint, sizeof(hint)) < 0) {
				fprintf(out, "%s (? for help)\n", hint);
				break;
			}
			rc = exam_answer(e, cur, &resp, err);
			if (rc < 0)
				goto out;
			if (cur + 1 < n) {
				fprintf(out, "Answered.\n");
				cur++;
				rc = plain_exam_show(out, e, cur, err);
			} else {
				fprintf(out, "Last question answered: r lists unanswered and marked, submit hands it in.\n");
			}
			break;
		}
		if (rc < 0)
			goto out;
		if (exam_submitted(e) || leave)
			break;
	}
	if (!exam_submitted(e)) {
		/* Left with q q, or at end of input: open, every answer saved. */
		fprintf(out, "Exam %lld left open: %zu of %zu answered, all saved.\n'whose exam' resumes it%s.\n",
			(long long)exam_id(e), n - exam_unanswered(e), n,
			exam_pauses_when_away(e) ? "; its clock stands still meanwhile"
			: "; its clock keeps running meanwhile");
		fflush(out);
		rc = 0;
		goto out;
	}
	/* However it ended, a clock past the end wins: the time was up. */
	fprintf(out, "\n%s\n", away_expired
		? "The time ran out while you were away: the exam was submitted as it stood."
		: exam_result(e)->timed_out ? "Time is up: the exam was submitted." : "Exam submitted.");
	plain_exam_result(out, e);
	fprintf(out, "\nSaved as exam %lld: whose exams lists your results; whose exams show %lld reviews it.\n",
		(long long)exam_id(e), (long long)exam_id(e));
	plain_exam_offer(out, e);
	fflush(out);
	rc = 0;
out:
	exam_free(e);
	return rc;
}

/* ---- the drill ----------------------------------------------------------- */

static void plain_drill_help(FILE *out)
{
	fprintf(out,
		"Drill keys: answer with the letter shown, as in every mode (who: a, c, s; true/false:\n"
		"  t, f; several choices: all their letters, e.g. a c; sort: a letter per item, e.g.\n"
		"  a c s) before the time is up.  m marks the question for review (or unmarks it),\n"
		"  q ends the drill (the rest count as wrong), ? this help.\n");
}

static void plain_drill_feedback(FILE *out, const struct drill_item *it)
{
	const char *verdict, *note;

	drill_outcome_words(it->outcome, &verdict, &note);
	plain_show_feedback(out, &it->a, verdict, note);
}

int plain_drill(struct store *s, const struct drill_opts *o, const char *name,
		const char *results, int in, FILE *out, struct whose_error *err)
{
	struct plain_lines lines;
	struct drill *d;
	const struct drill_item *it;
	char line[PLAIN_EXAM_LINE], hint[256], prompt[64], pct[FIGURES_PCT_LEN];
	size_t idx, right, total, skipped = 0;
	bool ended = false;
	int rc;

	rc = drill_new(s, o, &d, err);
	if (rc < 0)
		return rc;
	plain_lines_init(&lines, in);
	fprintf(out, "Drill, seed %llu: %zu questions, %d seconds each.\n",
		(unsigned long long)o->seed, drill_count(d),
		o->seconds ? o->seconds : DRILL_DEFAULT_SECONDS);
	if (drill_count(d) < drill_requested(d))
		fprintf(out, "Only %zu questions can be asked, not %zu: the drill has all %zu.\n",
			drill_count(d), drill_requested(d), drill_count(d));
	fprintf(out, "Answer with the letter shown before the time is up; ? for help, q to end.\n");
	while (!ended && (rc = drill_next(d, &it, &idx, err)) == 0) {
		fprintf(out, "\nQuestion %zu of %zu (%d seconds)\n", idx + 1, drill_count(d),
			o->seconds ? o->seconds : DRILL_DEFAULT_SECONDS);
		plain_show_question(out, &it->a, 0);
		for (;;) {
			long long left = drill_time_left(d);
			enum plain_lines_result got = PLAIN_LINES_TIMEOUT;
			struct question_response resp;

			if (left > 0) {
				snprintf(prompt, sizeof(prompt), "answer (%llds left)", (left + 999) / 1000);
				got = plain_lines_read(&lines, out, prompt, left, line, sizeof(line));
			}
			if (got == PLAIN_LINES_TIMEOUT) {
				if (drill_time_left(d) > 0)
					continue;  /* woke early */
				rc = drill_timeout(d, err);
				if (rc < 0)
					goto out;
				plain_drill_feedback(out, it);
				break;
			}
			if (got == PLAIN_LINES_EOF || strcmp(line, "q") == 0 || strcmp(line, "quit") == 0) {
				ended = true;
				break;
			}
			if (strcmp(line, "?") == 0 || strcmp(line, "help") == 0) {
				plain_drill_help(out);
				continue;
			}
			if (strcmp(line, "m") == 0 || strcmp(line, "mark") == 0) {
				/* The bookmark of every mode; the clock runs on. */
				bool on;

				rc = attempt_mark_toggle(&it->a, s, clock_now(o->clock), &on, err);
				if (rc < 0)
					goto out;
				fprintf(out, "%s\n", on ? "Marked for review: the home screen lists it."
					: "Unmarked.");
				continue;
			}
			if (plain_parse_answer(&it->a, line, &resp, hint, sizeof(hint)) < 0) {
				fprintf(out, "%s\n", hint);
				continue;
			}
			/* drill_answer looks at the clock: a late line is wrong. */
			rc = drill_answer(d, &resp, err);
			if (rc < 0)
				goto out;
			plain_drill_feedback(out, it);
			break;
		}
		if (ended || idx + 1 >= drill_count(d))
			continue;
		/* The next countdown starts when the learner has read this. */
		if (plain_lines_read(&lines, out, "Enter: next question", -1, line, sizeof(line)) == PLAIN_LINES_EOF ||
		    strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
			ended = true;
	}
	if (rc < 0 && rc != WHOSE_ENOTFOUND)
		goto out;
	for (size_t i = 0; i < drill_count(d); i++)
		skipped += drill_item(d, i)->outcome == DRILL_PENDING;
	drill_abandon(d);
	drill_score(d, &right, &total);
	figures_format_percent(figures_percent(right, total), pct, sizeof(pct));
	fprintf(out, "\nDrill over: %zu of %zu right (%s).", right, total, pct);
	if (skipped > 0)
		fprintf(out, " Left early: %zu not answered; the drill is recorded as incomplete, not as a score.",
			skipped);
	fprintf(out, "\n");
	rc = 0;
	if (results != NULL) {
		char *row;

		rc = drill_results_row(d, name, clock_now(o->clock), &row, err);
		if (rc == 0) {
			rc = results_deliver(s, results, row, clock_now(o->clock), err);
			free(row);
		}
		if (rc == 0) {
			fprintf(out, "Result saved to ");
			plain_show_padded(out, results, 0);
			fprintf(out, ".\n");
		}
	}
	fflush(out);
out:
	drill_free(d);
	return rc;
}
