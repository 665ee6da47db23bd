/*
 * class_join.c - the student's side of a live class, in plain lines: one
 * poll loop over the class's socket and the student's input.  Everything
 * the host sends is decoded and checked (class_msg_decode) and shown
 * through class_vis; the student never sees the right answer before the
 * host reveals it, because the host never sends it before.
 *
 * Answers are typed as words: a letter ("b"), letters ("a c"), t or f, an
 * owner (a, c, s or the names), or an owner per item ("a c s").  They are
 * sent as the shown form ("B", "A|C", ...); the host grades them.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "class_front.h"
#include "whose/class_proto.h"

struct class_join {
	int fd;
	FILE *out;
	long cur;            /* the question open for answers, or -1 */
	bool done;
	int status;
	bool in_open;
};

/* Send one message; false when the host is gone. */
static bool class_join_send(struct class_join *j, enum class_msg_type t, const char *const *f, size_t n)
{
	char line[CLASS_LINE_MAX_IN];
	size_t len, off = 0;

	if (class_msg_encode(t, f, n, line, sizeof(line), &len) < 0)
		return false;
	while (off < len) {
		ssize_t w = send(j->fd, line + off, len - off, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				struct pollfd p = { .fd = j->fd, .events = POLLOUT };

				poll(&p, 1, 1000);
				continue;
			}
			return false;
		}
		off += (size_t)w;
	}
	return true;
}

static void class_join_hint(struct class_join *j, const char *type, int seconds)
{
	const char *hint = "Type your answer";

	if (strcmp(type, "choice") == 0)
		hint = "Type a letter";
	else if (strcmp(type, "multi") == 0)
		hint = "Type the letters of every right choice (e.g. a c)";
	else if (strcmp(type, "truefalse") == 0)
		hint = "Type t (true) or f (false)";
	else if (strcmp(type, "who") == 0)
		hint = "Type a (AWS), c (Customer) or s (Shared)";
	else if (strcmp(type, "sort") == 0)
		hint = "Type an owner for each item in order: a, c or s (e.g. a c s)";
	fprintf(j->out, "%s; you may change it until the time is up (%d s left).\n", hint, seconds);
}

static uint64_t class_join_num(const char *s)
{
	uint64_t v = 0;

	class_msg_number(s, &v);
	return v;
}

static void class_join_message(struct class_join *j, const struct class_msg *m)
{
	const char *const *f = m->field;

	switch (m->type) {
	case CLASS_MSG_WELCOME:
		fprintf(j->out, "Joined class %s as %s: %s questions, %s s each.\n",
			class_vis(f[2], false), class_vis(f[1], false), f[3], f[4]);
		break;
	case CLASS_MSG_LOBBY:
		fprintf(j->out, "Waiting for the teacher to start (%s connected).\n", f[0]);
		break;
	case CLASS_MSG_QUESTION: {
		uint64_t idx = class_join_num(f[0]);
		bool sort = strcmp(f[3], "sort") == 0;

		j->cur = (long)idx;
		fprintf(j->out, "\nQuestion %llu/%s [%s]\n%s\n", (unsigned long long)idx + 1, f[1],
			class_vis(f[4], false), class_vis(f[5], true));
		for (size_t k = 6; k < m->nfields; k++) {
			if (sort)
				fprintf(j->out, "  %zu. %s\n", k - 5, class_vis(f[k], false));
			else
				fprintf(j->out, "  %c) %s\n", (char)('A' + (k - 6)), class_vis(f[k], false));
		}
		class_join_hint(j, f[3], (int)((class_join_num(f[2]) + 999) / 1000));
		break;
	}
	case CLASS_MSG_ACK:
		fprintf(j->out, "Recorded: %s\n", f[1]);
		break;
	case CLASS_MSG_NOTICE:
		fprintf(j->out, "Not recorded: %s\n", class_vis(f[0], false));
		break;
	case CLASS_MSG_REVEAL: {
		const char *outcome = f[3];

		j->cur = -1;
		fprintf(j->out, "Time is up. Right answer: %s\n%s\n", f[1], class_vis(f[2], true));
		fprintf(j->out, "You: %s%s%s%s; score %s, %s points, rank %s of %s.\n",
			strcmp(outcome, "none") == 0 ? "no answer" : outcome,
			strcmp(outcome, "right") == 0 ? " (+" : "",
			strcmp(outcome, "right") == 0 ? f[4] : "",
			strcmp(outcome, "right") == 0 ? ")" : "", f[5], f[6], f[7], f[8]);
		break;
	}
	case CLASS_MSG_PAUSE:
		fprintf(j->out, "Paused by the teacher (%llu s left).\n",
			(unsigned long long)((class_join_num(f[0]) + 999) / 1000));
		break;
	case CLASS_MSG_RESUME:
		fprintf(j->out, "Resumed: %llu s left.\n",
			(unsigned long long)((class_join_num(f[0]) + 999) / 1000));
		break;
	case CLASS_MSG_END:
		fprintf(j->out, "\nThe class is over: %s of %s right, %s points, rank %s of %s.\n",
			f[0], f[1], f[2], f[3], f[4]);
		j->done = true;
		j->status = 0;
		break;
	case CLASS_MSG_ERROR:
		fprintf(j->out, "The class closed this session: %s\n", class_vis(f[0], false));
		j->done = true;
		j->status = 1;
		break;
	default:
		break;
	}
	fflush(j->out);
}

/* Turn what the student typed into the shown form and send it. */
static void class_join_typed(struct class_join *j, char *line)
{
	char word[CLASS_WORD_MAX + 1], idx[24];
	size_t n = 0;
	const char *f[2];

	for (char *tok = strtok(line, " \t,;\r\n"); tok != NULL; tok = strtok(NULL, " \t,;\r\n")) {
		size_t k = strlen(tok);

		if (n + k + 1 > CLASS_WORD_MAX) {
			fprintf(j->out, "That answer is too long.\n");
			return;
		}
		if (n > 0)
			word[n++] = '|';
		memcpy(word + n, tok, k);
		n += k;
	}
	word[n] = '\0';
	if (n == 0)
		return;
	if (strcmp(word, "q") == 0 || strcmp(word, "quit") == 0) {
		class_join_send(j, CLASS_MSG_BYE, NULL, 0);
		fprintf(j->out, "You left the class (join again to come back: your score is kept).\n");
		j->done = true;
		j->status = 0;
		return;
	}
	if (j->cur < 0) {
		fprintf(j->out, "No question is open now.\n");
		fflush(j->out);
		return;
	}
	snprintf(idx, sizeof(idx), "%ld", j->cur);
	f[0] = idx;
	f[1] = word;
	for (size_t i = 0; i < n; i++) {
		char c = word[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '|')) {
			fprintf(j->out, "Answers are letters or owner names (a, c, s).\n");
			fflush(j->out);
			return;
		}
	}
	if (!class_join_send(j, CLASS_MSG_ANSWER, f, 2))
		j->done = true;
}

int class_join_run(const char *sockpath, const char *code, FILE *in, FILE *out)
{
	static char buf[CLASS_LINE_MAX_OUT];
	static struct class_msg m;
	struct class_join j = { .fd = -1, .out = out, .cur = -1, .status = 1, .in_open = true };
	struct sockaddr_un sa;
	char ver[24], typed[512];
	size_t nbuf = 0, ntyped = 0;
	const char *hello[] = { ver };

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sockpath);
	j.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (j.fd < 0 || connect(j.fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "whose: class join: no class %s answers on this host (%s): 'whose class join' lists the open ones\n",
			code, strerror(errno));
		if (j.fd >= 0)
			close(j.fd);
		return 1;
	}
	snprintf(ver, sizeof(ver), "%d", CLASS_PROTO_VERSION);
	if (!class_join_send(&j, CLASS_MSG_HELLO, hello, 1)) {
		fprintf(stderr, "whose: class join: the class's host closed the connection\n");
		close(j.fd);
		return 1;
	}
	while (!j.done) {
		struct pollfd p[2] = {
			{ .fd = j.fd, .events = POLLIN },
			{ .fd = j.in_open ? fileno(in) : -1, .events = POLLIN },
		};

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = recv(j.fd, buf + nbuf, sizeof(buf) - nbuf, 0);
			long end;

			if (r <= 0) {
				fprintf(out, "\nThe class's host has gone: the class is over (the teacher keeps the answers of closed questions).\n");
				fflush(out);
				j.status = 1;
				break;
			}
			nbuf += (size_t)r;
			while (!j.done && (end = class_line_end(buf, nbuf, CLASS_LINE_MAX_OUT)) != -1) {
				char why[160];

				if (end == -2 ||
				    class_msg_decode(buf, (size_t)end, CLASS_FROM_HOST, &m, why, sizeof(why)) < 0) {
					fprintf(out, "The class's host sent a malformed message: leaving.\n");
					j.done = true;
					j.status = 1;
					break;
				}
				memmove(buf, buf + end + 1, nbuf - (size_t)end - 1);
				nbuf -= (size_t)end + 1;
				class_join_message(&j, &m);
			}
		}
		if (!j.done && j.in_open && (p[1].revents & (POLLIN | POLLHUP))) {
			ssize_t r = read(fileno(in), typed + ntyped, sizeof(typed) - 1 - ntyped);
			char *nl;

			if (r <= 0) {
				/* No more input: stay to see the answers and the end. */
				j.in_open = false;
				continue;
			}
			ntyped += (size_t)r;
			typed[ntyped] = '\0';
			while (!j.done && (nl = memchr(typed, '\n', ntyped)) != NULL) {
				char line[512];
				size_t k = (size_t)(nl - typed) + 1;

				memcpy(line, typed, k - 1);
				line[k - 1] = '\0';
				memmove(typed, typed + k, ntyped - k);
				ntyped -= k;
				class_join_typed(&j, line);
			}
			if (ntyped == sizeof(typed) - 1)
				ntyped = 0;
		}
	}
	close(j.fd);
	return j.status;
}
