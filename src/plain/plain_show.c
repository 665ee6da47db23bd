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
#include "whose/keys.h"
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
	bool hints = (style & PLAIN_SHOW_NO_HINTS) == 0;
	char hint[160];

	plain_show_text(out, "", a->item.question);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
	case QUESTION_TRUEFALSE:
	case QUESTION_WHO:
		/* The labels of the one key map (keys.h), as every mode. */
		for (size_t i = 0; i < attempt_shown_count(a); i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %c) ", keys_label(q->type, i));
			plain_show_text(out, pre, q->type == QUESTION_TRUEFALSE ? (i == 0 ? "true" : "false")
					: q->type == QUESTION_WHO ? question_owner_name((enum question_owner)i)
					: q->slot[a->order[i]]);
		}
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots; i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %c. ", keys_label(q->type, i));
			plain_show_text(out, pre, q->slot[i]);
		}
		break;
	case QUESTION_CARD:
	default:
		if (hints)
			fprintf(out, "  (press Enter to turn the card)\n");
		return;
	}
	if (hints && (q->type == QUESTION_MULTI || q->type == QUESTION_SORT)) {
		keys_hint(a, hint, sizeof(hint));
		fprintf(out, "  (%s%s)\n", hint, q->type == QUESTION_SORT ? " One letter per item, e.g. a c s." : "");
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

int plain_parse_answer(const struct attempt *a, const char *line,
		       struct question_response *r, char *hint, size_t len)
{
	return keys_parse_line(a, line, r, hint, len);
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
