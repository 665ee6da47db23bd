/*
 * plain_show.c - printing questions and explanations as plain lines, and
 * reading answer lines against a deadline (see plain_int.h).  Used by the
 * exam and drill front ends; the display follows plain.c's review, so the
 * modes read alike.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "plain_int.h"
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

void plain_show_question(FILE *out, const struct store_item *item,
			 const struct question *q, const size_t *order,
			 int style)
{
	bool numbered = (style & PLAIN_SHOW_NUMBERED) != 0;
	bool hints = (style & PLAIN_SHOW_NO_HINTS) == 0;

	plain_show_text(out, "", item->question);
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		for (size_t i = 0; i < q->nslots; i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "  %zu) ", i + 1);
			plain_show_text(out, pre, q->slot[order[i]]);
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
		/* Exams and drills never ask cards: they are self-graded. */
		break;
	}
}

/* The shown numbers of the original choices in MASK: "1, 3". */
static void plain_show_mask(const struct question *q, const size_t *order,
			    unsigned mask, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < q->nslots && o < len; i++)
		if (mask & (1u << order[i]))
			o += (size_t)snprintf(buf + o, len - o, "%s%zu", o ? ", " : "", i + 1);
}

void plain_show_right(const struct question *q, const size_t *order,
		      char *buf, size_t len)
{
	if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI)
		plain_show_mask(q, order, q->correct_mask, buf, len);
	else
		question_answer_text(q, buf, len);
}

void plain_show_response(const struct question *q, const size_t *order,
			 const struct question_response *r, char *buf,
			 size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	switch (q->type) {
	case QUESTION_CHOICE:
	case QUESTION_MULTI:
		plain_show_mask(q, order, r->mask, buf, len);
		break;
	case QUESTION_TRUEFALSE:
		snprintf(buf, len, "%s", r->truth ? "true" : "false");
		break;
	case QUESTION_WHO:
		snprintf(buf, len, "%s", question_owner_name(r->owner));
		break;
	case QUESTION_SORT:
		for (size_t i = 0; i < q->nslots && o < len; i++)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
					      question_owner_name(r->item_owner[i]));
		break;
	case QUESTION_CARD:
	default:
		break;
	}
}

void plain_show_explain(FILE *out, const struct store_item *item,
			const struct question *q, const size_t *order,
			const struct question_response *r, bool correct)
{
	if (q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI) {
		for (size_t i = 0; i < q->nslots; i++) {
			if (q->correct_mask & (1u << order[i])) {
				char pre[32];

				snprintf(pre, sizeof(pre), "  %zu) ", i + 1);
				plain_show_text(out, pre, q->slot[order[i]]);
			}
		}
		for (size_t i = 0; r != NULL && i < q->nslots; i++) {
			size_t orig = order[i];

			if ((r->mask & (1u << orig)) && !(q->correct_mask & (1u << orig)) &&
			    q->why_not[orig] != NULL) {
				char pre[48];

				snprintf(pre, sizeof(pre), "Why not %zu: ", i + 1);
				plain_show_text(out, pre, q->why_not[orig]);
			}
		}
	} else if (q->type == QUESTION_SORT && r != NULL && !correct) {
		for (size_t i = 0; i < q->nslots; i++) {
			if (r->item_owner[i] != q->item_owner[i]) {
				char pre[96];

				snprintf(pre, sizeof(pre), "  %zu. %s, not %s: ", i + 1,
					 question_owner_name(q->item_owner[i]),
					 question_owner_name(r->item_owner[i]));
				plain_show_text(out, pre, q->slot[i]);
			}
		}
	}
	if (item->explanation[0] != '\0')
		plain_show_text(out, "Why: ", item->explanation);
	if (item->source[0] != '\0')
		plain_show_text(out, "Source: ", item->source);
}

void plain_show_clock(long long ms, char *buf, size_t len)
{
	long long s = ms <= 0 ? 0 : (ms + 999) / 1000;

	snprintf(buf, len, "%lld:%02lld", s / 60, s % 60);
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
