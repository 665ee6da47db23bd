/*
 * plain.c - the plain front end (see plain.h).
 *
 * Every line printed is complete and stands on its own, so that a screen
 * reader reads it and a script can match it.  Prompts end in "> "; when the
 * input is not a terminal the prompt is followed by a newline, so that the
 * output stays one line per line.  Text from the bank goes through
 * text_sanitize: no control character from a bank reaches the terminal.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "plain.h"
#include "whose/figures.h"
#include "whose/text.h"

#define PLAIN_LINE_MAX 4096

static const char *const plain_rating_names[5] = { "", "Again", "Hard", "Good", "Easy" };

struct plain {
	FILE *in, *out;
	bool tty;      /* IN is a terminal: the learner's typing is echoed */
	bool eof;
};

/* Print S sanitized, with PREFIX on the first line and INDENT on the rest. */
static void plain_text(struct plain *p, const char *prefix, const char *s)
{
	char *clean = text_sanitize(s);
	const char *line = clean != NULL ? clean : "(out of memory)";
	bool first = true;

	for (;;) {
		const char *nl = strchr(line, '\n');
		int n = nl != NULL ? (int)(nl - line) : (int)strlen(line);

		fprintf(p->out, "%s%.*s\n", first ? prefix : "  ", n, line);
		first = false;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	free(clean);
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
		int c = getc(p->in);

		if (c == EOF)
			break;
		read_any = true;
		if (c == '\n')
			break;
		if (n + 1 < len)
			buf[n++] = (char)c;
	}
	if (!read_any) {
		/* End of input (or an error before anything was read). */
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

/* A choice key: '1'..'6' or 'a'..'f' -> shown position, or -1. */
static int plain_choice_key(int c, size_t n)
{
	int k = -1;

	if (c >= '1' && c <= '9')
		k = c - '1';
	else if (isalpha(c))
		k = tolower(c) - 'a';
	return k >= 0 && (size_t)k < n ? k : -1;
}

/*
 * The character at C, that was not understood, as a hint names it: 'x' when
 * it is printable, "that character" otherwise (a control, or a byte of
 * broken UTF-8), so that what the learner typed is never echoed raw to the
 * terminal.  BUF[LEN] must hold 16 bytes.
 */
static void plain_describe_char(const char *c, char *buf, size_t len)
{
	size_t n = text_utf8_seq_len((unsigned char)*c);

	if (n > 0 && strnlen(c, n) == n && text_utf8_valid(c, n, NULL) &&
	    text_find_control(c, n, NULL) < 0 && len >= n + 3)
		snprintf(buf, len, "'%.*s'", (int)n, c);
	else
		snprintf(buf, len, "that character");
}

static int plain_owner_key(const char *w)
{
	if (strcasecmp(w, "a") == 0 || strcasecmp(w, "aws") == 0)
		return QUESTION_AWS;
	if (strcasecmp(w, "c") == 0 || strcasecmp(w, "customer") == 0)
		return QUESTION_CUSTOMER;
	if (strcasecmp(w, "s") == 0 || strcasecmp(w, "shared") == 0)
		return QUESTION_SHARED;
	return -1;
}

int plain_parse_answer(const struct session_item *it, const char *line,
		       struct question_response *r, char *hint, size_t len)
{
	const struct question *q = &it->q;
	char buf[PLAIN_LINE_MAX];
	char *w, *save = NULL;
	size_t count = 0;

	memset(r, 0, sizeof(*r));
	snprintf(buf, sizeof(buf), "%s", line);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		/* "2", "b", "1 3", "1,3", "ac" all work. */
		for (char *c = buf; *c != '\0'; c++) {
			int k;

			if (*c == ' ' || *c == ',' || *c == '\t')
				continue;
			k = plain_choice_key((unsigned char)*c, q->nslots);
			if (k < 0) {
				char what[16];

				plain_describe_char(c, what, sizeof(what));
				snprintf(hint, len, "%s is not a choice: answer with 1-%zu (or a-%c)",
					 what, q->nslots, (char)('a' + q->nslots - 1));
				return -1;
			}
			r->mask ^= 1u << it->order[k];
			count++;
		}
		if (count == 0) {
			snprintf(hint, len, "answer with the number of %s",
				 q->type == QUESTION_MULTI ? "every right choice, e.g. 1 3" : "a choice");
			return -1;
		}
		if (q->type == QUESTION_CHOICE && count != 1) {
			snprintf(hint, len, "choose one answer");
			return -1;
		}
		return 0;
	case QUESTION_TRUEFALSE:
		w = plain_trim(buf);
		if (strcasecmp(w, "t") == 0 || strcasecmp(w, "true") == 0 || strcmp(w, "1") == 0) {
			r->truth = true;
			return 0;
		}
		if (strcasecmp(w, "f") == 0 || strcasecmp(w, "false") == 0 || strcmp(w, "2") == 0) {
			r->truth = false;
			return 0;
		}
		snprintf(hint, len, "answer t (true) or f (false)");
		return -1;
	case QUESTION_WHO: {
		int o = plain_owner_key(plain_trim(buf));

		if (o < 0) {
			int k = buf[0] >= '1' && buf[0] <= '3' && buf[1] == '\0' ? buf[0] - '1' : -1;

			if (k < 0) {
				snprintf(hint, len, "answer a (AWS), c (Customer) or s (Shared)");
				return -1;
			}
			o = k;
		}
		r->owner = (enum question_owner)o;
		return 0;
	}
	case QUESTION_SORT:
		/* "a c c s a", or "accsa" run together. */
		if (strchr(buf, ' ') == NULL && strchr(buf, ',') == NULL && strlen(buf) == q->nslots) {
			for (size_t i = 0; i < q->nslots; i++) {
				char one[2] = { buf[i], '\0' };
				int o = plain_owner_key(one);

				if (o < 0)
					goto sort_hint;
				r->item_owner[i] = (enum question_owner)o;
			}
			return 0;
		}
		for (w = strtok_r(buf, " ,\t", &save); w != NULL; w = strtok_r(NULL, " ,\t", &save)) {
			int o = plain_owner_key(w);

			if (o < 0 || count >= q->nslots)
				goto sort_hint;
			r->item_owner[count++] = (enum question_owner)o;
		}
		if (count == q->nslots)
			return 0;
sort_hint:
		snprintf(hint, len, "give one of a, c, s for each of the %zu items, in order, e.g. %s",
			 q->nslots, q->nslots >= 3 ? "a c s" : "a c");
		return -1;
	case QUESTION_CARD:
	default:
		snprintf(hint, len, "press Enter to turn the card");
		return -1;
	}
}

static void plain_help(struct plain *p)
{
	fprintf(p->out,
		"Keys: answer with the number or letter shown (who: a, c, s; true/false: t, f;\n"
		"  several choices: all their numbers, e.g. 1 3; sort: a letter per item, e.g. a c s).\n"
		"  Enter turns a card.  After a right answer: 2 Hard, 3 Good, 4 Easy, Enter takes Good.\n"
		"  u undoes the last answer, ! flags the question as wrong or unclear (! note),\n"
		"  q quits with everything saved, ? shows this help.\n");
}

static void plain_show(struct plain *p, struct session *sess,
		       const struct session_item *it)
{
	const struct question *q = &it->q;
	size_t done, left;

	session_progress(sess, &done, &left);
	fprintf(p->out, "\n");
	{
		char head[128];

		snprintf(head, sizeof(head), "[%zu of %zu] ", done + 1, done + (left ? left : 1));
		fprintf(p->out, "%s", head);
	}
	plain_text(p, "", it->item.topic);
	plain_text(p, "", it->item.question);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %zu) ", i + 1);
			plain_text(p, pre, q->slot[it->order[i]]);
		}
		if (q->type == QUESTION_MULTI)
			fprintf(p->out, "  (several answers: give all their numbers, e.g. 1 3)\n");
		break;
	case QUESTION_TRUEFALSE:
		fprintf(p->out, "  t) true\n  f) false\n");
		break;
	case QUESTION_WHO:
		fprintf(p->out, "  a) AWS\n  c) Customer\n  s) Shared\n");
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %zu. ", i + 1);
			plain_text(p, pre, q->slot[i]);
		}
		fprintf(p->out, "  (sort each item: a AWS, c Customer, s Shared; e.g. a c s)\n");
		break;
	case QUESTION_CARD:
		fprintf(p->out, "  (press Enter to turn the card)\n");
		break;
	default:
		break;
	}
}

/* The answer, explanation, why-not and source after grading. */
static void plain_feedback(struct plain *p, const struct session_item *it)
{
	const struct question *q = &it->q;
	char ans[512];

	if (q->type == QUESTION_CARD) {
		plain_text(p, "Answer: ", q->back);
	} else {
		if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI) {
			size_t o = 0;

			ans[0] = '\0';
			for (size_t i = 0; i < q->nslots && o < sizeof(ans); i++)
				if (q->correct_mask & (1u << it->order[i]))
					o += (size_t)snprintf(ans + o, sizeof(ans) - o, "%s%zu", o ? ", " : "", i + 1);
		} else {
			question_answer_text(q, ans, sizeof(ans));
		}
		fprintf(p->out, "%s the answer is %s.\n",
			it->correct ? "RIGHT:" : "WRONG:", ans);
		if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI) {
			for (size_t i = 0; i < q->nslots; i++) {
				size_t orig = it->order[i];

				if (q->correct_mask & (1u << orig)) {
					char pre[32];

					snprintf(pre, sizeof(pre), "  %zu) ", i + 1);
					plain_text(p, pre, q->slot[orig]);
				}
			}
			for (size_t i = 0; i < q->nslots; i++) {
				size_t orig = it->order[i];

				if ((it->response.mask & (1u << orig)) && !(q->correct_mask & (1u << orig)) &&
				    q->why_not[orig] != NULL) {
					char pre[48];

					snprintf(pre, sizeof(pre), "Why not %zu: ", i + 1);
					plain_text(p, pre, q->why_not[orig]);
				}
			}
		} else if (q->type == QUESTION_SORT && !it->correct) {
			for (size_t i = 0; i < q->nslots; i++) {
				if (it->response.item_owner[i] != q->item_owner[i]) {
					char pre[96];

					snprintf(pre, sizeof(pre), "  %zu. %s, not %s: ", i + 1,
						 question_owner_name(q->item_owner[i]),
						 question_owner_name(it->response.item_owner[i]));
					plain_text(p, pre, q->slot[i]);
				}
			}
		}
	}
	if (it->item.explanation[0] != '\0')
		plain_text(p, "Why: ", it->item.explanation);
	if (it->item.source[0] != '\0')
		plain_text(p, "Source: ", it->item.source);
}

/* The rating line: "1) Again 1m  2) Hard 6m ..." with only allowed ones. */
static void plain_rating_line(struct plain *p, const struct session_item *it,
			      bool review)
{
	fprintf(p->out, "Rate:");
	for (int r = 1; r <= 4; r++) {
		if (!it->allowed[r])
			continue;
		fprintf(p->out, "  %d) %s", r, plain_rating_names[r]);
		if (review && it->label[r - 1][0] != '\0')
			fprintf(p->out, " %s", it->label[r - 1]);
	}
	fprintf(p->out, "  [Enter: %s]\n", plain_rating_names[it->suggested]);
}

static void plain_summary(struct plain *p, struct session *sess)
{
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
	fflush(p->out);
}

/* What the learner typed at a prompt, when it is a command. */
enum plain_cmd { PLAIN_NONE, PLAIN_QUIT, PLAIN_UNDO, PLAIN_FLAG, PLAIN_HELP };

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
	return PLAIN_NONE;
}

int plain_study(struct store *s, const struct session_opts *o, FILE *in,
		FILE *out, struct whose_error *err)
{
	struct plain p = { .in = in, .out = out, .tty = isatty(fileno(in)) != 0 };
	struct session *sess;
	const struct session_item *it = NULL;
	char line[PLAIN_LINE_MAX], hint[256];
	bool review = o->mode == SESSION_REVIEW;
	int rc;

	rc = session_new(s, o, &sess, err);
	if (rc < 0)
		return rc;
	fprintf(out, "%s. Answer with the number or letter shown; ? for help, q to quit.\n",
		review ? "Review" : "Practice: answers count toward your topic scores but do not change when questions are due");
	rc = session_next(sess, &it, err);
	while (rc == 0) {
		bool next = false;

		plain_show(&p, sess, it);
ask:
		/* Ask until answered, or a command moves on. */
		while (it->phase == SESSION_ASKING) {
			enum plain_cmd cmd;
			struct question_response resp;

			if (!plain_read(&p, it->q.type == QUESTION_CARD ? "turn" : "answer", line, sizeof(line)))
				goto done;
			cmd = plain_command(line);
			if (cmd == PLAIN_QUIT)
				goto done;
			if (cmd == PLAIN_HELP) {
				plain_help(&p);
				continue;
			}
			if (cmd == PLAIN_FLAG) {
				rc = session_flag(sess, plain_trim(line + 1), err);
				if (rc < 0)
					goto out;
				fprintf(out, "Flagged: it leaves the rotation and is listed for the bank's maintainers.\n");
				next = true;
				break;
			}
			if (cmd == PLAIN_UNDO) {
				const struct session_item *back;

				rc = session_undo(sess, &back, err);
				if (rc == WHOSE_ENOTFOUND) {
					fprintf(out, "Nothing to undo.\n");
					rc = 0;
					continue;
				}
				if (rc < 0)
					goto out;
				fprintf(out, "Undone: the last answer was taken back.\n");
				it = back;
				plain_show(&p, sess, it);
				continue;
			}
			if (it->q.type == QUESTION_CARD) {
				rc = session_reveal(sess, err);
			} else if (plain_parse_answer(it, line, &resp, hint, sizeof(hint)) < 0) {
				fprintf(out, "%s\n", hint);
				continue;
			} else {
				rc = session_grade(sess, &resp, err);
			}
			if (rc < 0)
				goto out;
		}
		if (!next) {
			plain_feedback(&p, it);
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
	plain_summary(&p, sess);
out:
	session_free(sess);
	return rc;
}
