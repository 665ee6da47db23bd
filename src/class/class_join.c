/*
 * class_join.c - the student's side of a live class, in plain lines: one
 * poll loop over the class's socket and the student's input.  Everything
 * the host sends is decoded and checked (class_msg_decode) and shown
 * through class_vis; the student never sees the right answer before the
 * host reveals it, because the host never sends it before.
 *
 * Answers are typed as in plain review, exam and drill, in the one key map
 * (keys.h): a letter ("b"), letters ("a c"), t or f, an owner (a, c, s),
 * or an owner per sort item ("a c s").  The host reads them again with the
 * same codec and grades them; the reveal is worded by attempt_feedback.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "class_front.h"
#include "whose/class_client.h"
#include "whose/class_proto.h"

struct class_join {
	int fd;
	const struct class_dir_entry *e;
	FILE *out;
	struct class_client model;
	bool done;
	int status;
	bool in_open;
};

/* Send one encoded line; false when the host is gone. */
static bool class_join_send(struct class_join *j, const char *line, size_t len)
{
	size_t off = 0;

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

/* Print what message type T changed in the model. */
static void class_join_show(struct class_join *j, int t, int64_t now)
{
	const struct class_client *c = &j->model;

	switch (t) {
	case CLASS_MSG_WELCOME:
		fprintf(j->out, "Joined class %s as %s: %llu questions, %llu s each; the teacher is %s.\n",
			class_vis(c->code, false), class_vis(c->name, false),
			(unsigned long long)c->questions, (unsigned long long)c->seconds, j->model.teacher);
		break;
	case CLASS_MSG_LOBBY:
		fprintf(j->out, "Waiting for the teacher to start (%llu connected).\n",
			(unsigned long long)c->connected);
		break;
	case CLASS_MSG_QUESTION: {
		char hint[200];

		fprintf(j->out, "\nQuestion %llu/%llu [%s]\n%s\n", (unsigned long long)c->index + 1,
			(unsigned long long)c->total, class_vis(c->topic, false), class_vis(c->text, true));
		/* Every option with the one key map's label, as plain review
		 * shows it. */
		for (size_t k = 0; k < c->nslots; k++)
			fprintf(j->out, "  %c) %s\n", class_client_label(c, k), class_vis(c->slot[k], false));
		class_client_hint(c, hint, sizeof(hint));
		fprintf(j->out, "%s You may change it until the time is up (%lld s left).\n", hint,
			(long long)((class_client_left(c, now) + 999) / 1000));
		break;
	}
	case CLASS_MSG_ACK: {
		char rec[200];

		class_client_recorded(c, rec, sizeof(rec));
		fprintf(j->out, "Recorded: %s\n", class_vis(rec, false));
		break;
	}
	case CLASS_MSG_NOTICE:
		fprintf(j->out, "Not recorded: %s\n", class_vis(c->notice, false));
		break;
	case CLASS_MSG_REVEAL: {
		bool right = strcmp(c->outcome, "right") == 0;

		/* The student's own feedback, worded by attempt_feedback as
		 * in every mode: the verdict and the answer, why not, why,
		 * the source. */
		fprintf(j->out, "Time is up.\n");
		if (c->feedback[0] != '\0')
			fprintf(j->out, "%s\n", class_vis(c->feedback, true));
		fprintf(j->out, "You: %s", strcmp(c->outcome, "none") == 0 ? "no answer" : c->outcome);
		if (right)
			fprintf(j->out, " (+%llu)", (unsigned long long)c->points);
		fprintf(j->out, "; score %llu, %llu points, rank %llu of %llu.\n", (unsigned long long)c->score,
			(unsigned long long)c->total_points, (unsigned long long)c->rank,
			(unsigned long long)c->of);
		break;
	}
	case CLASS_MSG_PAUSE:
		fprintf(j->out, "Paused by the teacher (%lld s left).\n",
			(long long)((class_client_left(c, now) + 999) / 1000));
		break;
	case CLASS_MSG_RESUME:
		fprintf(j->out, "Resumed: %lld s left.\n", (long long)((class_client_left(c, now) + 999) / 1000));
		break;
	case CLASS_MSG_END:
		fprintf(j->out, "\nThe class is over: %llu of %llu right, %llu points, rank %llu of %llu.\n",
			(unsigned long long)c->end_score, (unsigned long long)c->end_asked,
			(unsigned long long)c->end_points, (unsigned long long)c->end_rank,
			(unsigned long long)c->end_of);
		j->done = true;
		j->status = 0;
		break;
	case CLASS_MSG_ERROR:
		fprintf(j->out, "The class closed this session: %s\n", class_vis(c->error, false));
		j->done = true;
		j->status = 1;
		break;
	default:
		break;
	}
	fflush(j->out);
}

/* What the student typed: quit, or an answer. */
static void class_join_typed(struct class_join *j, const char *line)
{
	char out[CLASS_LINE_MAX_IN], hint[200];
	size_t len;

	if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0) {
		static const char bye[] = "BYE\n";

		class_join_send(j, bye, sizeof(bye) - 1);
		fprintf(j->out, "You left the class (join again to come back: your score is kept).\n");
		j->done = true;
		j->status = 0;
		return;
	}
	len = class_client_answer(&j->model, line, out, sizeof(out), hint, sizeof(hint));
	if (len == 0) {
		if (line[strspn(line, " \t\r")] != '\0')
			fprintf(j->out, "Not recorded: %s\n", class_vis(hint, false));
		fflush(j->out);
		return;
	}
	if (!class_join_send(j, out, len))
		j->done = true;
}

static int64_t class_join_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int class_join_run(int fd, const struct class_dir_entry *e, FILE *in, FILE *out)
{
	static char buf[CLASS_LINE_MAX_OUT];
	struct class_join j = { .fd = fd, .e = e, .out = out, .status = 1, .in_open = true };
	char hello[64], typed[512];
	size_t nbuf = 0, ntyped = 0, hl;
	int64_t asked = class_join_now();

	class_client_init(&j.model);
	class_dir_account(e->owner, j.model.teacher, sizeof(j.model.teacher));
	hl = class_client_hello(hello, sizeof(hello));
	/* A HELLO the host did not take: what it said first (an ERROR: the
	 * class is full, not for this group...) is still there to read. */
	class_join_send(&j, hello, hl);
	while (!j.done) {
		struct pollfd p[2] = {
			{ .fd = j.fd, .events = POLLIN },
			{ .fd = j.in_open ? fileno(in) : -1, .events = POLLIN },
		};
		int waited;

		/* A listener that accepts and never answers is not a class:
		 * the WELCOME comes within CLASS_JOIN_WELCOME_MS or never. */
		waited = poll(p, 2, j.model.state == CLASS_CLIENT_CONNECTING ? 500 : -1);
		if (waited < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (j.model.state == CLASS_CLIENT_CONNECTING && class_join_now() - asked > CLASS_JOIN_WELCOME_MS) {
			fprintf(out, "The class at %s (teacher %s) said nothing for %d s: leaving (nothing was sent but a HELLO).\n",
				class_vis(e->socket, false), j.model.teacher, CLASS_JOIN_WELCOME_MS / 1000);
			fflush(out);
			break;
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = recv(j.fd, buf + nbuf, sizeof(buf) - nbuf, 0);
			long end;

			if (r <= 0) {
				if (j.model.state == CLASS_CLIENT_CONNECTING)
					fprintf(out, "The class's host closed the connection before letting you in (teacher %s): try again, or ask the teacher.\n",
						j.model.teacher);
				else
					fprintf(out, "\nThe class's host has gone: the class is over (the teacher keeps the answers of closed questions).\n");
				fflush(out);
				j.status = 1;
				break;
			}
			nbuf += (size_t)r;
			while (!j.done && (end = class_line_end(buf, nbuf, CLASS_LINE_MAX_OUT)) != -1) {
				int t = end == -2 ? -1 : class_client_take(&j.model, buf, (size_t)end, class_join_now());

				if (t < 0) {
					fprintf(out, "The class's host sent a malformed message: leaving.\n");
					j.done = true;
					j.status = 1;
					break;
				}
				memmove(buf, buf + end + 1, nbuf - (size_t)end - 1);
				nbuf -= (size_t)end + 1;
				class_join_show(&j, t, class_join_now());
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
