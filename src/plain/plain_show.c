/*
 * plain_show.c - printing questions and explanations as plain lines, and
 * reading answer lines against a deadline (see plain_int.h).  Used by the
 * exam and drill front ends; the display follows plain.c's review, so the
 * modes read alike.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "plain_int.h"
#include "whose/figures.h"
#include "whose/text.h"

void plain_show_text(FILE *out, const char *prefix, const char *s)
{
	char *clean = text_vis(s, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
	const char *line = clean != NULL ? clean : "(out of memory)";
	bool first = true;

	for (;;) {
		const char *nl = strchr(line, '\n');
		int n = nl != NULL ? (int)(nl - line) : (int)strlen(line);

		fprintf(out, "%s%.*s\n", first ? prefix : "  ", n, line);
		first = false;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	free(clean);
}

void plain_show_padded(FILE *out, const char *s, size_t cols)
{
	char *clean = text_vis(s, TEXT_VIS_NL | TEXT_VIS_TAB_SPACE);
	size_t w;

	if (clean == NULL) {
		fputs("?", out);
		return;
	}
	for (char *p = clean; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	fputs(clean, out);
	w = text_width(clean);
	for (; w < cols; w++)
		fputc(' ', out);
	free(clean);
}

void plain_show_question(FILE *out, const struct attempt *a, int style)
{
	const struct question *q = &a->q;
	bool numbered = (style & PLAIN_SHOW_NUMBERED) != 0;
	bool hints = (style & PLAIN_SHOW_NO_HINTS) == 0;

	plain_show_text(out, "", a->item.question);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %zu) ", i + 1);
			plain_show_text(out, pre, q->slot[a->order[i]]);
		}
		if (q->type == QUESTION_MULTI && hints)
			fprintf(out, "  (several answers: give all their numbers, e.g. 1 3)\n");
		break;
	case QUESTION_TRUEFALSE:
		fprintf(out, numbered ? "  1) true\n  2) false\n" : "  t) true\n  f) false\n");
		break;
	case QUESTION_WHO:
		fprintf(out, numbered ? "  1) AWS\n  2) Customer\n  3) Shared\n"
				      : "  a) AWS\n  c) Customer\n  s) Shared\n");
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %zu. ", i + 1);
			plain_show_text(out, pre, q->slot[i]);
		}
		if (hints)
			fprintf(out, "  (sort each item: a AWS, c Customer, s Shared; e.g. a c s)\n");
		break;
	case QUESTION_CARD:
	default:
		if (hints)
			fprintf(out, "  (press Enter to turn the card)\n");
		break;
	}
}

void plain_show_feedback(FILE *out, const struct attempt *a, const char *verdict,
			 const char *note)
{
	struct attempt_line lines[ATTEMPT_LINES_MAX];
	size_t n = attempt_feedback(a, verdict, note, lines, ATTEMPT_LINES_MAX);

	for (size_t i = 0; i < n; i++) {
		const struct attempt_line *l = &lines[i];

		if (l->verdict[0] != '\0') {
			/* The verdict in capitals, so that it stands out when
			 * read aloud or matched by a script. */
			char word[sizeof(l->verdict)];
			size_t k;

			for (k = 0; l->verdict[k] != '\0' && k + 1 < sizeof(word); k++)
				word[k] = (char)toupper((unsigned char)l->verdict[k]);
			word[k] = '\0';
			fprintf(out, "%s: %s.\n", word, l->label);
			continue;
		}
		if (l->kind == ATTEMPT_LINE_ANSWER || l->kind == ATTEMPT_LINE_SORT_FIX) {
			char pre[ATTEMPT_LABEL_MAX + 4];

			snprintf(pre, sizeof(pre), "  %s", l->label);
			plain_show_text(out, pre, l->text);
		} else {
			plain_show_text(out, l->label, l->text);
		}
	}
}

static char *plain_show_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A choice key: '1'..'9' or 'a'..'z' -> shown position, or -1. */
static int plain_show_choice_key(int c, size_t n, bool numbered)
{
	int k = -1;

	if (c >= '1' && c <= '9')
		k = c - '1';
	else if (!numbered && isalpha(c))
		k = tolower(c) - 'a';
	return k >= 0 && (size_t)k < n ? k : -1;
}

/*
 * The character at C, that was not understood, as a hint names it: 'x' when
 * it is printable, "that character" otherwise (a control, or a byte of
 * broken UTF-8), so that what the learner typed is never echoed raw to the
 * terminal.  BUF[LEN] must hold 16 bytes.
 */
static void plain_show_describe_char(const char *c, char *buf, size_t len)
{
	size_t n = text_utf8_seq_len((unsigned char)*c);

	if (n > 0 && strnlen(c, n) == n && text_utf8_valid(c, n, NULL) &&
	    text_find_unsafe(c, n, NULL) < 0 && len >= n + 3)
		snprintf(buf, len, "'%.*s'", (int)n, c);
	else
		snprintf(buf, len, "that character");
}

static int plain_show_owner_key(const char *w)
{
	if (strcasecmp(w, "a") == 0 || strcasecmp(w, "aws") == 0)
		return QUESTION_AWS;
	if (strcasecmp(w, "c") == 0 || strcasecmp(w, "customer") == 0)
		return QUESTION_CUSTOMER;
	if (strcasecmp(w, "s") == 0 || strcasecmp(w, "shared") == 0)
		return QUESTION_SHARED;
	return -1;
}

int plain_parse_answer(const struct attempt *a, bool numbered, const char *line,
		       struct question_response *r, char *hint, size_t len)
{
	const struct question *q = &a->q;
	char buf[PLAIN_SHOW_LINE_MAX];
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
			k = plain_show_choice_key((unsigned char)*c, q->nslots, false);
			if (k < 0) {
				char what[16];

				plain_show_describe_char(c, what, sizeof(what));
				snprintf(hint, len, "%s is not a choice: answer with 1-%zu (or a-%c)",
					 what, q->nslots, (char)('a' + q->nslots - 1));
				return -1;
			}
			/* A number given twice is one choice, not a tick taken
			 * back: a typed line names the choices, it does not
			 * toggle them. */
			r->mask |= 1u << a->order[k];
			count++;
		}
		if (count == 0) {
			snprintf(hint, len, "answer with the number of %s",
				 q->type == QUESTION_MULTI ? "every right choice, e.g. 1 3" : "a choice");
			return -1;
		}
		if (q->type == QUESTION_CHOICE && (r->mask & (r->mask - 1)) != 0) {
			snprintf(hint, len, "choose one answer");
			return -1;
		}
		return 0;
	case QUESTION_TRUEFALSE:
		w = plain_show_trim(buf);
		if (strcasecmp(w, "true") == 0 || strcmp(w, "1") == 0 ||
		    (!numbered && strcasecmp(w, "t") == 0)) {
			r->truth = true;
			r->given = 1u;
			return 0;
		}
		if (strcasecmp(w, "false") == 0 || strcmp(w, "2") == 0 ||
		    (!numbered && strcasecmp(w, "f") == 0)) {
			r->truth = false;
			r->given = 1u;
			return 0;
		}
		snprintf(hint, len, numbered ? "answer 1 (true) or 2 (false)" : "answer t (true) or f (false)");
		return -1;
	case QUESTION_WHO: {
		w = plain_show_trim(buf);
		int o = plain_show_owner_key(w);

		if (o < 0 || (numbered && strlen(w) == 1)) {
			int k = w[0] >= '1' && w[0] <= '3' && w[1] == '\0' ? w[0] - '1' : -1;

			if (k < 0) {
				snprintf(hint, len, numbered ? "answer 1 (AWS), 2 (Customer) or 3 (Shared)"
					 : "answer a (AWS), c (Customer) or s (Shared)");
				return -1;
			}
			o = k;
		}
		r->owner = (enum question_owner)o;
		r->given = 1u;
		return 0;
	}
	case QUESTION_SORT:
		/* "a c c s a", or "accsa" run together. */
		if (strchr(buf, ' ') == NULL && strchr(buf, ',') == NULL && strlen(buf) == q->nslots) {
			for (size_t i = 0; i < q->nslots; i++) {
				char one[2] = { buf[i], '\0' };
				int o = plain_show_owner_key(one);

				if (o < 0)
					goto sort_hint;
				r->item_owner[i] = (enum question_owner)o;
				r->given |= 1u << i;
			}
			return 0;
		}
		for (w = strtok_r(buf, " ,\t", &save); w != NULL; w = strtok_r(NULL, " ,\t", &save)) {
			int o = plain_show_owner_key(w);

			if (o < 0 || count >= q->nslots)
				goto sort_hint;
			r->item_owner[count] = (enum question_owner)o;
			r->given |= 1u << count;
			count++;
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

void plain_show_clock(long long ms, char *buf, size_t len)
{
	figures_format_clock(ms, FIGURES_CLOCK_LEFT, buf, len);
}

/* ---- lines against a deadline -------------------------------------------- */

void plain_lines_init(struct plain_lines *l, int fd)
{
	memset(l, 0, sizeof(*l));
	l->fd = fd;
	l->tty = isatty(fd) != 0;
}

static long long plain_lines_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Take the first line out of L->buf into LINE (cut to LEN); false when no
 * whole line is held (at end of input, what is held is a line). */
static bool plain_lines_take(struct plain_lines *l, char *line, size_t len)
{
	char *nl = memchr(l->buf, '\n', l->len);
	size_t n, used;

	if (nl == NULL && !(l->eof && l->len > 0) && l->len < sizeof(l->buf))
		return false;
	/* A line longer than the buffer is cut: what is held is taken now,
	 * and the reader drops the rest up to its end. */
	n = nl != NULL ? (size_t)(nl - l->buf) : l->len;
	used = nl != NULL ? n + 1 : n;
	if (n >= len)
		n = len - 1;
	memcpy(line, l->buf, n);
	line[n] = '\0';
	memmove(l->buf, l->buf + used, l->len - used);
	l->len -= used;
	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	if (nl == NULL && !l->eof) {
		/* Drop the rest of the overlong line. */
		for (;;) {
			char c;
			ssize_t r = read(l->fd, &c, 1);

			if (r <= 0) {
				l->eof = true;
				break;
			}
			if (c == '\n')
				break;
		}
	}
	return true;
}

enum plain_lines_result plain_lines_read(struct plain_lines *l, FILE *out,
					 const char *prompt, long long timeout_ms,
					 char *line, size_t len)
{
	long long end = timeout_ms >= 0 ? plain_lines_mono_ms() + timeout_ms : 0;

	fprintf(out, "%s> ", prompt);
	if (!l->tty)
		fputc('\n', out);
	fflush(out);
	for (;;) {
		struct pollfd p = { .fd = l->fd, .events = POLLIN };
		long long wait = -1;
		ssize_t r;
		int rc;

		if (plain_lines_take(l, line, len))
			return PLAIN_LINES_OK;
		if (l->eof)
			return PLAIN_LINES_EOF;
		if (timeout_ms >= 0) {
			wait = end - plain_lines_mono_ms();
			if (wait <= 0)
				return PLAIN_LINES_TIMEOUT;
			if (wait > INT_MAX)
				wait = INT_MAX;
		}
		rc = poll(&p, 1, (int)wait);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			l->eof = true;
			continue;
		}
		if (rc == 0)
			continue;  /* the loop looks at the deadline */
		r = read(l->fd, l->buf + l->len, sizeof(l->buf) - l->len);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			l->eof = true;
		} else if (r == 0) {
			l->eof = true;
		} else {
			l->len += (size_t)r;
		}
	}
}
