/*
 * class_host.c - the teacher's process: one poll loop over the listening
 * socket, the teacher's commands, a signal pipe and every student's
 * connection, as tmux's server runs its clients.  No thread per student.
 *
 * Each connection has a bounded input buffer (one line of at most
 * CLASS_LINE_MAX_IN bytes) and a bounded output buffer (CLASS_HOST_OUT_MAX):
 *   - a line that is malformed or too long: an ERROR, then cut off;
 *   - more than CLASS_HOST_RATE lines a second (after a burst of
 *     CLASS_HOST_BURST): cut off;
 *   - an output buffer that would overflow (a client that does not read):
 *     cut off at once, without waiting on it;
 *   - no HELLO within CLASS_HOST_HELLO_MS: cut off.
 * Connections cost an account, not the class: at accept, before any
 * HELLO, the peer's account (SO_PEERCRED) is checked against --group, and
 * may hold at most CLASS_HOST_UID_WAITING connections that have not said
 * HELLO and CLASS_HOST_UID_CONNS in all; a refused one is told why in an
 * ERROR and closed at once.  The teacher reads the first refusal of each
 * kind per account, then a count now and then ("refused: uid 1034 x2974"),
 * never a line per connection.  Cutting one off never touches the others.
 * Identity comes from SO_PEERCRED alone.
 *
 * The teacher types commands (one a line): start, pause, resume, skip,
 * next, end, who, help.  Results are written to the teacher's database in
 * one transaction as each question closes.
 */
/* accept4, pipe2, struct ucred (SO_PEERCRED): Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "class_front.h"
#include "whose/keys.h"
#include "whose/class_proto.h"
#include "whose/store_class.h"
#include "whose/text.h"

#define CLASS_HOST_OUT_MAX (256 * 1024)
#define CLASS_HOST_RATE 10
#define CLASS_HOST_BURST 30
#define CLASS_HOST_HELLO_MS 3000
#define CLASS_HOST_MAX_CONNS (CLASS_MAX_STUDENTS + 64)
/* Per account: connections without a HELLO yet, and in all (a student's
 * own, a second session taking over, a listing's knock). */
#define CLASS_HOST_UID_WAITING 4
#define CLASS_HOST_UID_CONNS 6
/* At most this many accepted per wake of the loop: a flood of connects
 * never starves the students already in. */
#define CLASS_HOST_ACCEPT_BURST 256
/* Folded refusals: each account's count is told at most this often. */
#define CLASS_HOST_FOLD_MS 10000
#define CLASS_HOST_ACCOUNTS 256

/* What a refusal or a cut-off was, for folding the teacher's lines. */
enum class_host_why {
	CLASS_WHY_GROUP,        /* not in --group */
	CLASS_WHY_WAITING,      /* too many connections without HELLO */
	CLASS_WHY_CONNS,        /* too many connections in all */
	CLASS_WHY_FULL,         /* the class's connections are all taken */
	CLASS_WHY_NO_HELLO,     /* said nothing in time */
	CLASS_WHY_LONG,
	CLASS_WHY_RATE,
	CLASS_WHY_MALFORMED,
	CLASS_WHY_KICKED,       /* removed by the teacher ('kick') */
	CLASS_WHY_LOCKED,       /* a new student while the class is locked */
	CLASS_WHY_N
};

/* An account the host has met: its group membership (asked once) and
 * what it has been refused, for the teacher's folded lines. */
struct class_host_account {
	uid_t uid;
	bool in_group;
	unsigned long count[CLASS_WHY_N];   /* refused so far */
	unsigned long shown[CLASS_WHY_N];   /* of which the teacher was told */
	int64_t shown_at;
	bool kicked;                        /* 'kick': never let in again */
};

struct class_conn {
	int fd;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	long student;        /* -1 until HELLO */
	int64_t opened_at;
	char in[CLASS_LINE_MAX_IN];
	size_t nin;
	char *out;
	size_t nout, outcap;
	double tokens;
	int64_t refilled_at;
	bool dead;           /* to be closed after this round */
};

struct class_host {
	const struct class_host_opts *o;
	struct class *cls;
	struct class_dir_made dir;   /* code, folder, socket */
	const char *code;            /* dir.code */
	const char *sock;            /* dir.socket */
	int lfd;
	struct class_conn **conns;
	size_t nconns;
	int64_t class_id;        /* in the store, once started */
	size_t shown_answered;   /* the last count the teacher saw */
	int64_t shown_at;
	int64_t revealed_at;
	struct class_host_account *acct;
	size_t nacct;
	int spare_fd;            /* closed to accept one more at EMFILE */
	int64_t accept_paused_until;
	bool told_fd_limit;
	bool lobby_changed;      /* the lobby's count is to be sent */
	bool locked;             /* 'lock': no new student joins */
	bool stdin_open;
	bool hangup;             /* the teacher's terminal is gone */
	bool quit;
	int status;
};

static int class_host_sigpipe[2] = { -1, -1 };
static volatile sig_atomic_t class_host_signal;

static void class_host_on_signal(int sig)
{
	int saved = errno;
	char c = 1;

	class_host_signal = sig;
	if (write(class_host_sigpipe[1], &c, 1) < 0) {
		/* The pipe is full: a wake-up is already pending. */
	}
	errno = saved;
}

static int64_t class_host_now(struct class_host *h)
{
	return clock_now(h->o->clock);
}

/* The teacher's screen: a printf whose arguments are already safe. */
__attribute__((format(printf, 2, 3)))
static void class_host_say(struct class_host *h, const char *fmt, ...)
{
	static char text[16384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	h->o->view->say(h->o->view->ctx, text);
}

/* ---- the plain view ------------------------------------------------------ */

static void class_host_plain_say(void *ctx, const char *text)
{
	struct class_host_plain *p = ctx;

	fputs(text, p->out);
	fflush(p->out);
}

static void class_host_plain_status(void *ctx, const char *text)
{
	/* Plain mode says what changes as lines of its own. */
	(void)ctx;
	(void)text;
}

static int class_host_plain_input(void *ctx, char *cmd, size_t len)
{
	struct class_host_plain *p = ctx;
	char *nl = memchr(p->buf, '\n', p->n);
	ssize_t r;

	if (nl == NULL) {
		struct pollfd pf = { .fd = p->fd, .events = POLLIN };

		/* Read only what is there: the loop calls until 0. */
		if (poll(&pf, 1, 0) <= 0)
			return 0;
		r = read(p->fd, p->buf + p->n, sizeof(p->buf) - 1 - p->n);
		if (r <= 0)
			return -1;
		p->n += (size_t)r;
		nl = memchr(p->buf, '\n', p->n);
		if (nl == NULL) {
			/* A line longer than any command: dropped. */
			if (p->n == sizeof(p->buf) - 1)
				p->n = 0;
			return 0;
		}
	}
	{
		size_t k = (size_t)(nl - p->buf);

		snprintf(cmd, len, "%.*s", (int)k, p->buf);
		memmove(p->buf, nl + 1, p->n - k - 1);
		p->n -= k + 1;
	}
	return 1;
}

static int class_host_plain_signalled(void *ctx)
{
	(void)ctx;
	return 0;
}

void class_host_plain_view(struct class_host_view *v, struct class_host_plain *p,
			   int in_fd, FILE *out)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->fd = in_fd;
	v->say = class_host_plain_say;
	v->status = class_host_plain_status;
	v->input = class_host_plain_input;
	v->signalled = class_host_plain_signalled;
	v->in_fd = in_fd;
	v->end_on_eof = false;
	v->ctx = p;
}

/* ---- connections -------------------------------------------------------- */

static void class_conn_close(struct class_host *h, struct class_conn *c)
{
	if (c->fd >= 0) {
		char scratch[4096];

		/* Unread input at close makes the kernel reset the peer, which
		 * may then lose the ERROR it was sent: read it away first (a
		 * bounded amount: a flooder gets no more than this). */
		for (int k = 0; k < 16 && recv(c->fd, scratch, sizeof(scratch), MSG_DONTWAIT) > 0; k++)
			;
		close(c->fd);
		c->fd = -1;
	}
	if (c->student >= 0) {
		const struct class_student *s = class_student(h->cls, (size_t)c->student);

		class_leave(h->cls, (size_t)c->student);
		h->lobby_changed = true;
		if (s != NULL && class_state(h->cls) != CLASS_ENDED)
			class_host_say(h, "left: %s (%zu connected)\n", class_vis(s->name, false),
				       class_connected(h->cls));
	}
	c->student = -1;
	c->dead = true;
}

/* Write what is buffered for C as far as the socket takes it now. */
static void class_conn_flush(struct class_conn *c)
{
	while (c->nout > 0 && c->fd >= 0) {
		ssize_t w = send(c->fd, c->out, c->nout, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				c->dead = true;
			return;
		}
		memmove(c->out, c->out + w, c->nout - (size_t)w);
		c->nout -= (size_t)w;
	}
}

/* Queue a message for C; a client whose buffer would overflow has stopped
 * reading and is cut off. */
static void class_conn_send(struct class_host *h, struct class_conn *c,
			    enum class_msg_type t, const char *const *f, size_t n)
{
	static char line[CLASS_LINE_MAX_OUT];
	size_t len;

	if (c->dead || c->fd < 0)
		return;
	if (class_msg_encode(t, f, n, line, sizeof(line), &len) < 0) {
		/* A bank text the protocol cannot carry (too long): say so
		 * rather than send something else. */
		const char *why[] = { "this question cannot be sent (a text is too long); the teacher sees it" };

		if (class_msg_encode(CLASS_MSG_NOTICE, why, 1, line, sizeof(line), &len) < 0)
			return;
	}
	if (c->nout + len > CLASS_HOST_OUT_MAX) {
		class_conn_close(h, c);
		return;
	}
	if (c->nout + len > c->outcap) {
		size_t cap = c->outcap ? c->outcap : 4096;
		char *grown;

		while (cap < c->nout + len)
			cap *= 2;
		grown = realloc(c->out, cap);
		if (grown == NULL) {
			class_conn_close(h, c);
			return;
		}
		c->out = grown;
		c->outcap = cap;
	}
	memcpy(c->out + c->nout, line, len);
	c->nout += len;
	class_conn_flush(c);
}

static void class_conn_error(struct class_host *h, struct class_conn *c, const char *text)
{
	const char *f[] = { text };

	class_conn_send(h, c, CLASS_MSG_ERROR, f, 1);
	class_conn_flush(c);
	class_conn_close(h, c);
}

static void class_conn_notice(struct class_host *h, struct class_conn *c, const char *text)
{
	const char *f[] = { text };

	class_conn_send(h, c, CLASS_MSG_NOTICE, f, 1);
}

/* ---- what students are sent ------------------------------------------- */

/* A ring of buffers for class_wire: a message's fields at once. */
static char class_wire_ring[QUESTION_MAX_SLOTS + 4][CLASS_TEXT_MAX * 2 + 1];
static unsigned class_wire_next;

const char *class_wire(const char *s)
{
	char *buf;
	size_t len = strlen(s);
	bool format = false;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = text_utf8_next(s + i, len - i, &cp);

		if (k == 0)
			break;
		format |= text_cp_is_format(cp);
		i += k;
	}
	if (!format)
		return s;
	/* What 'whose check' lets a bank hold (a soft hyphen, an emoji
	 * joined by zero-width joiners) but the protocol refuses: sent as
	 * the terminal-safe escape every front end shows it as. */
	buf = class_wire_ring[class_wire_next++ % (sizeof(class_wire_ring) / sizeof(class_wire_ring[0]))];
	return text_vis_buf(s, TEXT_VIS_NL, buf, sizeof(class_wire_ring[0]));
}

/* The QUESTION of question I with LEFT ms to go into F (fields in
 * IDX, TOT, LEFT_S, MARKS: 24 bytes each); the number of fields. */
static size_t class_host_question_fields(const struct class *cls, size_t i, int64_t left, char *idx, char *tot,
					 char *left_s, char *marks, const char **f)
{
	struct class_shown sh;
	size_t n = 0;

	if (class_shown(cls, i, &sh) < 0)
		return 0;
	snprintf(idx, 24, "%zu", i);
	snprintf(tot, 24, "%zu", class_count(cls));
	snprintf(left_s, 24, "%lld", (long long)left);
	f[n++] = idx;
	f[n++] = tot;
	f[n++] = left_s;
	snprintf(marks, 24, "%zu", sh.marks);
	f[n++] = sh.type_name;
	f[n++] = class_wire(sh.topic);
	f[n++] = class_wire(sh.text);
	f[n++] = marks;
	for (size_t k = 0; k < sh.nslots; k++)
		f[n++] = class_wire(sh.slot[k]);
	return n;
}

int class_host_check(const struct class *cls, size_t i, const char *qid, const char *explanation,
		     const struct attempt *a, char *why, size_t len)
{
	static char line[CLASS_LINE_MAX_OUT];
	char idx[24], tot[24], left[24], marks[24];
	const char *f[7 + QUESTION_MAX_SLOTS];
	size_t n = class_host_question_fields(cls, i, CLASS_MAX_SECONDS * 1000LL, idx, tot, left, marks, f), out;
	size_t feedback = 0;

	if (n == 0) {
		snprintf(why, len, "question %s cannot be shown", class_vis(qid, false));
		return -1;
	}
	if (class_msg_encode(CLASS_MSG_QUESTION, f, n, line, sizeof(line), &out) < 0) {
		const char *what = strlen(f[4]) > CLASS_SHORT_MAX ? "topic" : strlen(f[5]) > CLASS_TEXT_MAX ? "question" : "choice";
		const char *text = what[0] == 't' ? f[4] : what[0] == 'q' ? f[5] : "";

		for (size_t k = 7; k < n && what[0] == 'c'; k++)
			if (strlen(f[k]) > CLASS_TEXT_MAX)
				text = f[k];
		snprintf(why, len, "question %s cannot be sent to students: its %s is %zu bytes, over the class protocol's %d (whose check allows it; shorten it in the bank, or draw another set with --seed or --topic)",
			 class_vis(qid, false), what, strlen(text), what[0] == 't' ? CLASS_SHORT_MAX : CLASS_TEXT_MAX);
		return -1;
	}
	if (explanation != NULL && strlen(class_wire(explanation)) > CLASS_TEXT_MAX) {
		snprintf(why, len, "question %s cannot be sent to students: its explanation is %zu bytes, over the class protocol's %d (shorten it in the bank, or draw another set with --seed or --topic)",
			 class_vis(qid, false), strlen(class_wire(explanation)), CLASS_TEXT_MAX);
		return -1;
	}
	/* The longest feedback a student may get (attempt_feedback's
	 * lines): the verdict, every why-not, the explanation and the
	 * source, with their labels. */
	if (a != NULL) {
		feedback += 64 + (explanation != NULL ? strlen(class_wire(explanation)) + 16 : 0);
		for (size_t k = 0; k < a->q.nslots; k++)
			if (a->q.why_not[k] != NULL)
				feedback += strlen(class_wire(a->q.why_not[k])) + 32;
		if (a->item.source != NULL)
			feedback += strlen(class_wire(a->item.source)) + 16;
		/* A slot may be quoted back (a sort item, the right
		 * choice): counted for every type, an upper bound. */
		for (size_t k = 0; k < a->q.nslots; k++)
			feedback += strlen(class_wire(a->q.slot[k])) + 48;
	}
	if (feedback > CLASS_TEXT_MAX) {
		snprintf(why, len, "question %s cannot be sent to students: its feedback (why-not texts, items and source) is up to %zu bytes, over the class protocol's %d (shorten them in the bank, or draw another set with --seed or --topic)",
			 class_vis(qid, false), feedback, CLASS_TEXT_MAX);
		return -1;
	}
	return 0;
}

static void class_host_send_question(struct class_host *h, struct class_conn *c)
{
	char idx[24], tot[24], left[24], marks[24];
	const char *f[7 + QUESTION_MAX_SLOTS];
	size_t n = class_host_question_fields(h->cls, class_current(h->cls), class_time_left(h->cls), idx, tot,
					      left, marks, f);

	if (n > 0)
		class_conn_send(h, c, CLASS_MSG_QUESTION, f, n);
}

static void class_host_send_reveal(struct class_host *h, struct class_conn *c)
{
	const struct class_student *s = class_student(h->cls, (size_t)c->student);
	const struct class_answer *a;
	size_t i = class_current(h->cls);
	char right[CLASS_SHORT_MAX + 1], idx[24], pts[24], score[24], total[24], rank[24], of[24];
	char own[CLASS_TEXT_MAX + 1];
	const char *expl;

	if (s == NULL || class_reveal(h->cls, i, right, sizeof(right), &expl) < 0)
		return;
	/* the student's own feedback, worded as in every mode */
	class_feedback(h->cls, i, (size_t)c->student, own, sizeof(own));
	a = &s->answers[i];
	snprintf(idx, sizeof(idx), "%zu", i);
	snprintf(pts, sizeof(pts), "%u", a->points);
	snprintf(score, sizeof(score), "%zu", s->score);
	snprintf(total, sizeof(total), "%lu", s->points);
	snprintf(rank, sizeof(rank), "%zu", s->rank);
	snprintf(of, sizeof(of), "%zu", class_students(h->cls));
	{
		const char *f[] = { idx, right, class_wire(expl), class_outcome_name(a->outcome), pts,
				    score, total, rank, of, class_wire(own) };

		class_conn_send(h, c, CLASS_MSG_REVEAL, f, own[0] != '\0' ? 10 : 9);
	}
}

static void class_host_send_end(struct class_host *h, struct class_conn *c)
{
	const struct class_student *s = class_student(h->cls, (size_t)c->student);
	char score[24], asked[24], pts[24], rank[24], of[24];

	if (s == NULL)
		return;
	snprintf(score, sizeof(score), "%zu", s->score);
	snprintf(asked, sizeof(asked), "%zu", class_closed(h->cls));
	snprintf(pts, sizeof(pts), "%lu", s->points);
	snprintf(rank, sizeof(rank), "%zu", s->rank);
	snprintf(of, sizeof(of), "%zu", class_students(h->cls));
	{
		const char *f[] = { score, asked, pts, rank, of };

		class_conn_send(h, c, CLASS_MSG_END, f, 5);
	}
}

static void class_host_send_time(struct class_host *h, struct class_conn *c, enum class_msg_type t)
{
	char left[24];
	const char *f[] = { left };

	snprintf(left, sizeof(left), "%lld", (long long)class_time_left(h->cls));
	class_conn_send(h, c, t, f, 1);
}

/* Send every joined student what fits the class's state now. */
static void class_host_broadcast(struct class_host *h, void (*fn)(struct class_host *, struct class_conn *))
{
	for (size_t i = 0; i < h->nconns; i++) {
		struct class_conn *c = h->conns[i];

		if (!c->dead && c->student >= 0)
			fn(h, c);
	}
}

static void class_host_b_lobby(struct class_host *h, struct class_conn *c)
{
	char n[24];
	const char *f[] = { n };

	snprintf(n, sizeof(n), "%zu", class_connected(h->cls));
	class_conn_send(h, c, CLASS_MSG_LOBBY, f, 1);
}

static void class_host_b_pause(struct class_host *h, struct class_conn *c)
{
	class_host_send_time(h, c, CLASS_MSG_PAUSE);
}

static void class_host_b_resume(struct class_host *h, struct class_conn *c)
{
	class_host_send_time(h, c, CLASS_MSG_RESUME);
}

/* ---- the teacher's screen ---------------------------------------------- */

/* The one-line state of the class, for a view that shows one. */
static void class_host_status(struct class_host *h)
{
	char text[256];
	size_t i = class_current(h->cls), n = class_count(h->cls), conn = class_connected(h->cls);

	switch (class_state(h->cls)) {
	case CLASS_LOBBY:
		snprintf(text, sizeof(text), "Class %s: lobby, %zu connected: type start", h->code, conn);
		break;
	case CLASS_ASKING:
	case CLASS_PAUSED:
		snprintf(text, sizeof(text), "Class %s: question %zu/%zu, %lld s%s, answered %zu of %zu connected",
			 h->code, i + 1, n, (long long)((class_time_left(h->cls) + 999) / 1000),
			 class_state(h->cls) == CLASS_PAUSED ? " (paused)" : "", class_answered(h->cls), conn);
		break;
	case CLASS_REVEAL:
		snprintf(text, sizeof(text), "Class %s: question %zu/%zu revealed, %zu connected: type next",
			 h->code, i + 1, n, conn);
		break;
	default:
		snprintf(text, sizeof(text), "Class %s: over", h->code);
		break;
	}
	h->o->view->status(h->o->view->ctx, text);
}

static void class_host_show_question(struct class_host *h)
{
	struct class_shown sh;
	size_t i = class_current(h->cls);

	if (class_shown(h->cls, i, &sh) < 0)
		return;
	class_host_say(h, "\nQuestion %zu/%zu [%s] (%s, %d s)\n%s\n", i + 1, class_count(h->cls),
		       class_vis(sh.topic, false), sh.type_name, h->o->seconds, class_vis(sh.text, true));
	/* Each option with the label of the one key map (keys.h). */
	for (size_t k = 0; k < sh.nslots; k++) {
		char label = keys_label(sh.type, k);

		class_host_say(h, "  %c) %s\n", label ? label : '?', class_vis(sh.slot[k], false));
	}
	h->shown_answered = 0;
}

static void class_host_show_reveal(struct class_host *h)
{
	struct class_spread sp;
	size_t i = class_current(h->cls), top[CLASS_TOP], ntop;
	char right[CLASS_SHORT_MAX + 1];
	const char *expl;

	if (class_spread(h->cls, i, &sp) < 0 || class_reveal(h->cls, i, right, sizeof(right), &expl) < 0)
		return;
	class_host_say(h, "Time is up: %zu of %zu answered, %zu right.\n", sp.answered, sp.students,
		       sp.right_count);
	for (size_t k = 0; k < sp.n; k++) {
		char bar[41];
		size_t w = sp.answered ? sp.count[k] * 40 / sp.answered : 0;

		memset(bar, '#', w);
		bar[w] = '\0';
		class_host_say(h, "  %-3s %-40s %zu%s\n", sp.label[k], bar, sp.count[k],
			       sp.right[k] && !sp.all_right ? "  <- right" : sp.all_right ? " put right" : "");
	}
	class_host_say(h, "Right answer: %s\n%s\n", class_vis(right, false), class_vis(expl, true));
	if (h->o->leaderboard) {
		ntop = class_ranking(h->cls, top, CLASS_TOP);
		class_host_say(h, "Top %zu:\n", ntop);
		for (size_t k = 0; k < ntop; k++) {
			const struct class_student *s = class_student(h->cls, top[k]);

			class_host_say(h, "  %zu. %s  %lu points (%zu right)\n", s->rank,
				       class_vis(s->name, false), s->points, s->score);
		}
	}
	if (class_current(h->cls) + 1 < class_count(h->cls))
		class_host_say(h, "Type 'next' for the next question.\n");
	else
		class_host_say(h, "That was the last question: type 'next' or 'end' for the results.\n");
}

static void class_host_show_results(struct class_host *h)
{
	size_t n = class_students(h->cls), *ids = calloc(n ? n : 1, sizeof(*ids));
	struct class_topic *topics = NULL;
	size_t ntopics = 0;
	struct whose_error err;

	class_host_say(h, "\nThe class is over: %zu question%s asked, %zu student%s.\n",
		       class_closed(h->cls), class_closed(h->cls) == 1 ? "" : "s", n, n == 1 ? "" : "s");
	if (ids == NULL)
		return;
	n = class_ranking(h->cls, ids, n);
	if (n > 0) {
		static const char *const place[] = { "1st", "2nd", "3rd" };

		class_host_say(h, "Podium:\n");
		for (size_t k = 0; k < n && h->o->leaderboard && class_student(h->cls, ids[k])->rank <= 3; k++) {
			const struct class_student *s = class_student(h->cls, ids[k]);

			class_host_say(h, "  %s  %s  %lu points\n", place[s->rank - 1],
				       class_vis(s->name, false), s->points);
		}
	}
	class_host_say(h, "Per student (rank, name, right, points, answers by question):\n");
	for (size_t k = 0; k < n; k++) {
		const struct class_student *s = class_student(h->cls, ids[k]);

		class_host_say(h, "  %3zu. %-20s %zu/%zu %6lu  ", s->rank, class_vis(s->name, false), s->score,
			       class_closed(h->cls), s->points);
		for (size_t q = 0; q < class_count(h->cls); q++) {
			if (q >= class_closed(h->cls) && class_state(h->cls) == CLASS_ENDED && q > class_current(h->cls))
				break;
			class_host_say(h, "%c", s->answers[q].outcome == CLASS_RIGHT ? '+' :
				       s->answers[q].outcome == CLASS_WRONG ? 'x' : '.');
		}
		class_host_say(h, "\n");
	}
	if (class_topics(h->cls, &topics, &ntopics, &err) == 0) {
		class_host_say(h, "Per topic:\n");
		for (size_t k = 0; k < ntopics; k++)
			class_host_say(h, "  %-30s %zu question%s, %zu of %zu answers right\n",
				       class_vis(topics[k].name, false), topics[k].questions,
				       topics[k].questions == 1 ? "" : "s", topics[k].right, topics[k].answers);
		free(topics);
	}
	free(ids);
}

/* ---- results in the teacher's database -------------------------------- */

static void class_host_save_closed(struct class_host *h)
{
	struct whose_error err;
	size_t i = class_current(h->cls), n = class_students(h->cls);
	struct store_class_answer *rows;
	int rc;

	whose_error_clear(&err);
	if (h->o->store == NULL)
		return;
	rows = calloc(n ? n : 1, sizeof(*rows));
	if (rows == NULL) {
		class_host_say(h, "Could not save this question's results: out of memory\n");
		h->status = 1;
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const struct class_student *s = class_student(h->cls, k);
		const struct class_answer *a = &s->answers[i];

		rows[k] = (struct store_class_answer){
			.class_id = h->class_id,
			.position = i,
			.qid = class_qid(h->cls, i),
			.topic = class_topic(h->cls, i),
			.uid = s->uid,
			.name = s->name,
			.answer = a->answered ? a->text : NULL,
			.correct = a->outcome == CLASS_RIGHT,
			.points = a->points,
			.answered_at = a->answered ? a->answered_at : 0,
		};
	}
	rc = store_begin(h->o->store, &err);
	if (rc == 0)
		rc = store_class_answers(h->o->store, rows, n, &err);
	if (rc == 0)
		rc = store_commit(h->o->store, &err);
	free(rows);
	if (rc < 0) {
		store_rollback(h->o->store);
		class_host_say(h, "Could not save this question's results: %s\n", class_vis(err.msg, false));
		h->status = 1;
	}
}

/* ---- state changes ----------------------------------------------------- */

static void class_host_b_question(struct class_host *h, struct class_conn *c)
{
	class_host_send_question(h, c);
}

static void class_host_b_reveal(struct class_host *h, struct class_conn *c)
{
	class_host_send_reveal(h, c);
}

static void class_host_b_end(struct class_host *h, struct class_conn *c)
{
	class_host_send_end(h, c);
}

static void class_host_closed(struct class_host *h)
{
	class_host_save_closed(h);
	class_host_broadcast(h, class_host_b_reveal);
	class_host_show_reveal(h);
	h->revealed_at = class_host_now(h);
}

static void class_host_ended(struct class_host *h)
{
	struct whose_error err;

	class_host_broadcast(h, class_host_b_end);
	class_host_show_results(h);
	if (h->o->store != NULL && h->class_id > 0 &&
	    store_class_finish(h->o->store, h->class_id, class_host_now(h), &err) < 0)
		class_host_say(h, "Could not mark the class ended: %s\n", class_vis(err.msg, false));
	h->quit = true;
}

static struct class_host_account *class_host_account(struct class_host *h, uid_t uid, gid_t gid);

/* 'kick WHO': the student whose name (or login) is WHO leaves the class
 * and its account may not come back. */
static void class_host_kick(struct class_host *h, const char *who)
{
	for (size_t k = 0; k < class_students(h->cls); k++) {
		const struct class_student *s = class_student(h->cls, k);
		struct passwd *pw = getpwuid((uid_t)s->uid);
		struct class_host_account *a;

		if (strcmp(s->name, who) != 0 && (pw == NULL || strcmp(pw->pw_name, who) != 0))
			continue;
		a = class_host_account(h, (uid_t)s->uid, (gid_t)-1);
		if (a != NULL)
			a->kicked = true;
		for (size_t i = 0; i < h->nconns; i++) {
			struct class_conn *c = h->conns[i];

			if (!c->dead && c->uid == (uid_t)s->uid)
				class_conn_error(h, c, "the teacher removed you from this class");
		}
		class_host_say(h, "Removed %s (uid %u): the account cannot join this class again.\n",
			       class_vis(s->name, false), (unsigned)s->uid);
		return;
	}
	class_host_say(h, "No student named '%s' ('who' lists them).\n", class_vis(who, false));
}

static void class_host_command(struct class_host *h, char *line)
{
	struct whose_error err;
	size_t n = strlen(line);

	whose_error_clear(&err);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	while (*line == ' ')
		line++;
	if (*line == '\0')
		return;
	if (strcmp(line, "start") == 0) {
		if (class_start(h->cls, &err) < 0) {
			class_host_say(h, "%s\n", err.msg);
			return;
		}
		if (h->o->store != NULL &&
		    store_class_add(h->o->store, h->code, h->o->seed, h->o->seconds,
				    class_count(h->cls), class_host_now(h), &h->class_id, &err) < 0) {
			class_host_say(h, "Results cannot be saved: %s\n", class_vis(err.msg, false));
			h->status = 1;
		}
		class_host_show_question(h);
		class_host_broadcast(h, class_host_b_question);
	} else if (strcmp(line, "pause") == 0) {
		if (class_pause(h->cls, &err) < 0)
			class_host_say(h, "%s\n", err.msg);
		else {
			class_host_say(h, "Paused with %lld s left: 'resume' to go on.\n",
				       (long long)(class_time_left(h->cls) / 1000));
			class_host_broadcast(h, class_host_b_pause);
		}
	} else if (strcmp(line, "resume") == 0) {
		if (class_resume(h->cls, &err) < 0)
			class_host_say(h, "%s\n", err.msg);
		else {
			class_host_say(h, "Resumed.\n");
			class_host_broadcast(h, class_host_b_resume);
		}
	} else if (strcmp(line, "skip") == 0) {
		if (class_skip(h->cls, &err) < 0)
			class_host_say(h, "%s\n", err.msg);
		else
			class_host_closed(h);
	} else if (strcmp(line, "next") == 0) {
		if (class_next(h->cls, &err) < 0)
			class_host_say(h, "%s\n", err.msg);
		else if (class_state(h->cls) == CLASS_ENDED)
			class_host_ended(h);
		else {
			class_host_show_question(h);
			class_host_broadcast(h, class_host_b_question);
		}
	} else if (strcmp(line, "end") == 0) {
		class_end(h->cls);
		class_host_ended(h);
	} else if (strcmp(line, "who") == 0) {
		class_host_say(h, "%zu joined, %zu connected:\n", class_students(h->cls), class_connected(h->cls));
		for (size_t k = 0; k < class_students(h->cls); k++) {
			const struct class_student *s = class_student(h->cls, k);

			class_host_say(h, "  %s%s\n", class_vis(s->name, false), s->connected ? "" : " (gone)");
		}
	} else if (strcmp(line, "lock") == 0) {
		h->locked = true;
		class_host_say(h, "Locked: no new student may join (those in the class may rejoin); 'unlock' opens it.\n");
	} else if (strcmp(line, "unlock") == 0) {
		h->locked = false;
		class_host_say(h, "Unlocked: new students may join.\n");
	} else if (strncmp(line, "kick ", 5) == 0) {
		class_host_kick(h, line + 5);
	} else {
		class_host_say(h, "Commands: start, pause, resume, skip, next, end, who, lock, unlock, kick LOGIN.\n");
	}
}

/* ---- students' messages ------------------------------------------------- */

/* The name of UID: its login (or full name); "uid N" for an account
 * without a passwd entry.  Empty when the name is not safe to show. */
static void class_host_name(struct class_host *h, uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);
	const char *name = NULL;
	uint32_t cp;

	buf[0] = '\0';
	if (pw == NULL) {
		snprintf(buf, len, "uid %u", (unsigned)uid);
		return;
	}
	name = pw->pw_name;
	if (h->o->full_names && pw->pw_gecos != NULL && pw->pw_gecos[0] != '\0' &&
	    pw->pw_gecos[0] != ',') {
		/* The GECOS field's first comma-separated part. */
		static char full[CLASS_SHORT_MAX + 1];
		size_t k = strcspn(pw->pw_gecos, ",");

		if (k <= CLASS_SHORT_MAX) {
			memcpy(full, pw->pw_gecos, k);
			full[k] = '\0';
			if (text_utf8_valid(full, k, NULL) && text_find_unsafe(full, k, &cp) < 0)
				name = full;
		}
	}
	if (strlen(name) >= len || !text_utf8_valid(name, strlen(name), NULL) ||
	    text_find_unsafe(name, strlen(name), &cp) >= 0)
		return;
	snprintf(buf, len, "%s", name);
}

/* Is UID a member of --group (its primary group or a supplementary
 * one)?  Asked of the system once per account. */
static bool class_host_uid_in_group(struct class_host *h, uid_t uid, gid_t gid)
{
	struct passwd *pw;
	gid_t groups[256];
	int n = 256;

	if (!h->o->have_group || gid == h->o->group)
		return true;
	pw = getpwuid(uid);
	if (pw == NULL)
		return false;
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) < 0)
		return false;
	for (int i = 0; i < n; i++)
		if (groups[i] == h->o->group)
			return true;
	return false;
}

/* The host's record of account UID (met with primary group GID), made on
 * first sight; NULL when out of memory. */
static struct class_host_account *class_host_account(struct class_host *h, uid_t uid, gid_t gid)
{
	struct class_host_account *a;

	for (size_t i = 0; i < h->nacct; i++)
		if (h->acct[i].uid == uid)
			return &h->acct[i];
	if (h->nacct % 16 == 0) {
		struct class_host_account *grown = realloc(h->acct, (h->nacct + 16) * sizeof(*grown));

		if (grown == NULL)
			return NULL;
		h->acct = grown;
	}
	a = &h->acct[h->nacct++];
	memset(a, 0, sizeof(*a));
	a->uid = uid;
	a->in_group = class_host_uid_in_group(h, uid, gid);
	return a;
}

/* Each refusal's first line (the uid's %u, then DETAIL's %s). */
static const char *const class_host_why_text[CLASS_WHY_N] = {
	[CLASS_WHY_GROUP] = "refused: uid %u is not in the group %s",
	[CLASS_WHY_WAITING] = "refused: uid %u holds too many connections that said no HELLO yet%s",
	[CLASS_WHY_CONNS] = "refused: uid %u holds too many connections%s",
	[CLASS_WHY_FULL] = "refused: uid %u: every connection of the class is taken%s",
	[CLASS_WHY_NO_HELLO] = "cut off: uid %u said no HELLO in time%s",
	[CLASS_WHY_LONG] = "cut off: uid %u sent a line longer than the protocol allows%s",
	[CLASS_WHY_RATE] = "cut off: uid %u sent too many messages%s",
	[CLASS_WHY_MALFORMED] = "cut off: uid %u sent a malformed message%s",
	[CLASS_WHY_KICKED] = "refused: uid %u was removed by the teacher%s",
	[CLASS_WHY_LOCKED] = "refused: uid %u: the class is locked%s",
};

/* ... and the few words of its folded count. */
static const char *const class_host_why_kind[CLASS_WHY_N] = {
	[CLASS_WHY_GROUP] = "not in the group",
	[CLASS_WHY_WAITING] = "too many connections without HELLO",
	[CLASS_WHY_CONNS] = "too many connections",
	[CLASS_WHY_FULL] = "the class was full",
	[CLASS_WHY_NO_HELLO] = "no HELLO in time",
	[CLASS_WHY_LONG] = "lines too long",
	[CLASS_WHY_RATE] = "too many messages",
	[CLASS_WHY_MALFORMED] = "malformed messages",
	[CLASS_WHY_KICKED] = "removed by the teacher",
	[CLASS_WHY_LOCKED] = "the class is locked",
};

/*
 * Tell the teacher that account UID (primary group GID) was refused or cut
 * off for WHY (DETAIL: the rest of the first line, already safe, or ""):
 * the first time of each kind at once, later ones folded into a count
 * told at most every CLASS_HOST_FOLD_MS (class_host_fold_tell).
 */
static void class_host_note(struct class_host *h, uid_t uid, gid_t gid, enum class_host_why why,
			    const char *detail)
{
	struct class_host_account *a = class_host_account(h, uid, gid);
	char login[96] = "", line[512];
	struct passwd *pw;

	if (a == NULL)
		return;
	a->count[why]++;
	if (a->shown[why] > 0)
		return;
	a->shown[why] = a->count[why];
	a->shown_at = class_host_now(h);
	pw = getpwuid(uid);
	if (pw != NULL)
		snprintf(login, sizeof(login), " (%s)", class_vis(pw->pw_name, false));
	/* The table's formats all take the uid and one string. */
	snprintf(line, sizeof(line), class_host_why_text[why], (unsigned)uid,
		 why == CLASS_WHY_GROUP ? class_vis(h->o->group_name, false) : detail);
	class_host_say(h, "%s%s\n", line, login);
}

/* The folded counts that grew since the teacher last read them: every
 * CLASS_HOST_FOLD_MS, or ALL now (at the end). */
static void class_host_fold_tell(struct class_host *h, int64_t now, bool all)
{
	for (size_t i = 0; i < h->nacct; i++) {
		struct class_host_account *a = &h->acct[i];
		bool told = false;

		if (!all && now - a->shown_at < CLASS_HOST_FOLD_MS)
			continue;
		for (int w = 0; w < CLASS_WHY_N; w++) {
			if (a->count[w] <= a->shown[w])
				continue;
			class_host_say(h, "%s: uid %u x%lu (%s)\n",
				       w < CLASS_WHY_NO_HELLO || w >= CLASS_WHY_KICKED ? "refused" : "cut off",
				       (unsigned)a->uid, a->count[w], class_host_why_kind[w]);
			a->shown[w] = a->count[w];
			told = true;
		}
		if (told)
			a->shown_at = now;
	}
}

static void class_host_hello(struct class_host *h, struct class_conn *c, const struct class_msg *m)
{
	char name[CLASS_SHORT_MAX + 1], ver[24], nq[24], secs[24];
	struct whose_error err;
	uint64_t v = 0;
	size_t id;
	bool rejoined;

	if (c->student >= 0) {
		class_conn_error(h, c, "HELLO twice");
		return;
	}
	if (class_msg_number(m->field[0], &v) < 0 || v != CLASS_PROTO_VERSION) {
		class_conn_error(h, c, "this whose speaks another version of the class protocol: use the same whose as the teacher");
		return;
	}
	{
		const struct class_host_account *a = class_host_account(h, c->uid, c->gid);

		/* Checked at accept; asked again in case the record was lost. */
		if (a == NULL || !a->in_group) {
			char msg[200];

			snprintf(msg, sizeof(msg), "this class is only for the group %s", h->o->group_name);
			class_host_note(h, c->uid, c->gid, CLASS_WHY_GROUP, "");
			class_conn_error(h, c, msg);
			return;
		}
	}
	if (h->locked) {
		bool known = false;

		for (size_t k = 0; k < class_students(h->cls) && !known; k++)
			known = class_student(h->cls, k)->uid == (uint32_t)c->uid;
		if (!known) {
			class_host_note(h, c->uid, c->gid, CLASS_WHY_LOCKED, "");
			class_conn_error(h, c, "the class is locked: the teacher lets no new student in");
			return;
		}
	}
	class_host_name(h, c->uid, name, sizeof(name));
	if (name[0] == '\0') {
		class_host_say(h, "refused: uid %u has a name that cannot be shown\n", (unsigned)c->uid);
		class_conn_error(h, c, "your account's name holds control or format characters: ask an administrator");
		return;
	}
	if (class_join(h->cls, (uint32_t)c->uid, name, &id, &rejoined, &err) < 0) {
		class_conn_error(h, c, err.msg);
		return;
	}
	/* One connection per account: the newer one takes over. */
	for (size_t i = 0; i < h->nconns; i++) {
		struct class_conn *o = h->conns[i];

		if (o != c && !o->dead && o->student == (long)id) {
			o->student = -1;
			class_conn_error(h, o, "you joined this class again from another session: this one is closed");
		}
	}
	c->student = (long)id;
	snprintf(ver, sizeof(ver), "%d", CLASS_PROTO_VERSION);
	snprintf(nq, sizeof(nq), "%zu", class_count(h->cls));
	snprintf(secs, sizeof(secs), "%d", h->o->seconds);
	{
		const char *f[] = { ver, name, h->code, nq, secs };

		class_conn_send(h, c, CLASS_MSG_WELCOME, f, 5);
	}
	class_host_say(h, "%s: %s (%zu connected)\n", rejoined ? "rejoined" : "joined",
		       class_vis(name, false), class_connected(h->cls));
	switch (class_state(h->cls)) {
	case CLASS_LOBBY:
		/* Everyone waiting sees the new count (sent by the loop). */
		h->lobby_changed = true;
		break;
	case CLASS_ASKING:
	case CLASS_PAUSED: {
		const struct class_answer *a = &class_student(h->cls, id)->answers[class_current(h->cls)];

		class_host_send_question(h, c);
		/* Back from a dropped session: the answer it had given. */
		if (a->answered) {
			char i[24];
			const char *f[] = { i, a->text };

			snprintf(i, sizeof(i), "%zu", class_current(h->cls));
			class_conn_send(h, c, CLASS_MSG_ACK, f, 2);
		}
		if (class_state(h->cls) == CLASS_PAUSED)
			class_host_send_time(h, c, CLASS_MSG_PAUSE);
		break;
	}
	case CLASS_REVEAL:
		/* A late joiner sees the question the reveal is about. */
		class_host_send_question(h, c);
		class_host_send_reveal(h, c);
		break;
	case CLASS_ENDED:
		break;
	}
}

static void class_host_message(struct class_host *h, struct class_conn *c, const struct class_msg *m)
{
	struct whose_error err;
	char rec[CLASS_WORD_MAX + 1];
	uint64_t idx = 0;

	if (m->type == CLASS_MSG_HELLO) {
		class_host_hello(h, c, m);
		return;
	}
	if (c->student < 0) {
		class_conn_error(h, c, "say HELLO first");
		return;
	}
	if (m->type == CLASS_MSG_BYE) {
		class_conn_close(h, c);
		return;
	}
	/* ANSWER */
	if (class_msg_number(m->field[0], &idx) < 0 ||
	    class_answer(h->cls, (size_t)c->student, (size_t)idx, m->field[1], rec, sizeof(rec), &err) < 0) {
		class_conn_notice(h, c, err.msg);
		return;
	}
	{
		char i[24];
		const char *f[] = { i, rec };

		snprintf(i, sizeof(i), "%llu", (unsigned long long)idx);
		class_conn_send(h, c, CLASS_MSG_ACK, f, 2);
	}
}

/* Read what C sent; handle every whole line. */
static void class_host_read(struct class_host *h, struct class_conn *c)
{
	for (;;) {
		ssize_t r = recv(c->fd, c->in + c->nin, sizeof(c->in) - c->nin, MSG_DONTWAIT);
		long end;

		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				class_conn_close(h, c);
			return;
		}
		if (r == 0) {
			class_conn_close(h, c);
			return;
		}
		c->nin += (size_t)r;
		while (!c->dead && (end = class_line_end(c->in, c->nin, CLASS_LINE_MAX_IN)) != -1) {
			static struct class_msg m;
			char why[160];
			int64_t now = class_host_now(h);

			if (end == -2) {
				class_host_note(h, c->uid, c->gid, CLASS_WHY_LONG, "");
				class_conn_error(h, c, "a line longer than the protocol allows");
				return;
			}
			/* The rate limit: a bucket of CLASS_HOST_BURST lines
			 * refilled at CLASS_HOST_RATE a second. */
			c->tokens += (double)(now - c->refilled_at) * CLASS_HOST_RATE / 1000.0;
			if (c->tokens > CLASS_HOST_BURST)
				c->tokens = CLASS_HOST_BURST;
			c->refilled_at = now;
			if (c->tokens < 1.0) {
				class_host_note(h, c->uid, c->gid, CLASS_WHY_RATE, "");
				class_conn_error(h, c, "too many messages: you are cut off");
				return;
			}
			c->tokens -= 1.0;
			if (class_msg_decode(c->in, (size_t)end, CLASS_FROM_STUDENT, &m, why, sizeof(why)) < 0) {
				char msg[220];

				char detail[200];

				snprintf(detail, sizeof(detail), " (%s)", class_vis(why, false));
				class_host_note(h, c->uid, c->gid, CLASS_WHY_MALFORMED, detail);
				snprintf(msg, sizeof(msg), "malformed message: %s", why);
				class_conn_error(h, c, msg);
				return;
			}
			memmove(c->in, c->in + end + 1, c->nin - (size_t)end - 1);
			c->nin -= (size_t)end + 1;
			class_host_message(h, c, &m);
		}
		if (c->dead)
			return;
	}
}

/* Refuse the connection FD of UID for WHY: tell it TEXT in an ERROR and
 * close it, without keeping anything of it. */
static void class_host_refuse(struct class_host *h, int fd, uid_t uid, gid_t gid, enum class_host_why why,
			      const char *text)
{
	char line[512], scratch[512];
	const char *f[] = { text };
	size_t len;

	class_host_note(h, uid, gid, why, "");
	if (class_msg_encode(CLASS_MSG_ERROR, f, 1, line, sizeof(line), &len) == 0 &&
	    send(fd, line, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
		/* Gone already, or not reading: it is closed either way. */
	}
	/* A HELLO already sent and left unread would reset the peer, which
	 * could then lose the ERROR. */
	(void)!recv(fd, scratch, sizeof(scratch), MSG_DONTWAIT);
	close(fd);
}

static void class_host_accept(struct class_host *h)
{
	for (int k = 0; k < CLASS_HOST_ACCEPT_BURST; k++) {
		int fd = accept4(h->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct ucred cred;
		socklen_t len = sizeof(cred);
		struct class_conn *c, **grown;
		const struct class_host_account *a;
		size_t waiting = 0, all = 0;

		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE) {
				/* Out of descriptors: the socket stays readable,
				 * so poll would wake at once for ever.  Take one
				 * off the queue with the spare descriptor, and
				 * listen again a little later. */
				if (h->spare_fd >= 0) {
					close(h->spare_fd);
					h->spare_fd = accept4(h->lfd, NULL, NULL, SOCK_CLOEXEC);
					if (h->spare_fd >= 0)
						close(h->spare_fd);
					h->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
				}
				h->accept_paused_until = class_host_now(h) + 100;
				if (!h->told_fd_limit) {
					h->told_fd_limit = true;
					class_host_say(h, "The host is out of file descriptors (ulimit -n): connections are refused until some close.\n");
				}
			}
			return;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
			close(fd);
			continue;
		}
		a = class_host_account(h, cred.uid, cred.gid);
		if (a == NULL) {
			close(fd);
			continue;
		}
		if (!a->in_group) {
			char msg[200];

			snprintf(msg, sizeof(msg), "this class is only for the group %s", h->o->group_name);
			class_host_refuse(h, fd, cred.uid, cred.gid, CLASS_WHY_GROUP, msg);
			continue;
		}
		if (a->kicked) {
			class_host_refuse(h, fd, cred.uid, cred.gid, CLASS_WHY_KICKED,
					  "the teacher removed you from this class");
			continue;
		}
		for (size_t i = 0; i < h->nconns; i++) {
			const struct class_conn *o = h->conns[i];

			if (o->dead || o->uid != cred.uid)
				continue;
			all++;
			waiting += o->student < 0;
		}
		if (waiting >= CLASS_HOST_UID_WAITING) {
			class_host_refuse(h, fd, cred.uid, cred.gid, CLASS_WHY_WAITING,
					  "your account already has connections to this class that have not joined: close them (another 'whose class join' of yours?) and try again");
			continue;
		}
		if (all >= CLASS_HOST_UID_CONNS) {
			class_host_refuse(h, fd, cred.uid, cred.gid, CLASS_WHY_CONNS,
					  "your account already has too many connections to this class: close them and try again");
			continue;
		}
		if (h->nconns >= CLASS_HOST_MAX_CONNS) {
			class_host_refuse(h, fd, cred.uid, cred.gid, CLASS_WHY_FULL,
					  "the class is full of other accounts' connections (not a problem of yours): try again in a few seconds, and tell the teacher");
			continue;
		}
		c = calloc(1, sizeof(*c));
		grown = realloc(h->conns, (h->nconns + 1) * sizeof(*grown));
		if (c == NULL || grown == NULL) {
			free(c);
			if (grown != NULL)
				h->conns = grown;
			close(fd);
			continue;
		}
		h->conns = grown;
		c->fd = fd;
		c->uid = cred.uid;
		c->gid = cred.gid;
		c->pid = cred.pid;
		c->student = -1;
		c->opened_at = class_host_now(h);
		c->refilled_at = c->opened_at;
		c->tokens = CLASS_HOST_BURST;
		h->conns[h->nconns++] = c;
	}
}

/* Drop the connections that are closed. */
static void class_host_reap(struct class_host *h)
{
	size_t k = 0;

	for (size_t i = 0; i < h->nconns; i++) {
		struct class_conn *c = h->conns[i];

		if (c->dead) {
			if (c->fd >= 0)
				class_conn_close(h, c);
			free(c->out);
			free(c);
		} else {
			h->conns[k++] = c;
		}
	}
	h->nconns = k;
}

static int class_host_listen(struct class_host *h, struct whose_error *err)
{
	struct sockaddr_un sa;
	char base[PATH_MAX];

	class_dir_base(base, sizeof(base));
	if (class_dir_make(base, &h->dir, err) < 0)
		return -1;
	h->code = h->dir.code;
	h->sock = h->dir.socket;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, h->sock);
	h->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (h->lfd < 0 || bind(h->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    chmod(h->sock, 0666) < 0 || listen(h->lfd, SOMAXCONN) < 0) {
		whose_error_set(err, WHOSE_EIO, "%s: cannot make the class's socket: %s",
				class_vis(h->sock, false), strerror(errno));
		class_dir_remove(&h->dir);
		return -1;
	}
	return 0;
}

/* Give the students' buffers up to two seconds to drain at the end. */
static void class_host_drain(struct class_host *h)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd p[CLASS_HOST_MAX_CONNS];
		size_t n = 0;

		for (size_t i = 0; i < h->nconns && n < CLASS_HOST_MAX_CONNS; i++) {
			struct class_conn *c = h->conns[i];

			if (!c->dead && c->fd >= 0 && c->nout > 0) {
				p[n].fd = c->fd;
				p[n].events = POLLOUT;
				n++;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (n == 0 || (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 > 2000)
			return;
		poll(p, n, 100);
		for (size_t i = 0; i < h->nconns; i++)
			class_conn_flush(h->conns[i]);
	}
}

int class_host_run(const struct class_host_opts *o)
{
	struct class_host h;
	struct whose_error err;
	struct sigaction sa;
	struct pollfd *p = NULL;
	char line[512];

	memset(&h, 0, sizeof(h));
	h.o = o;
	h.cls = o->cls;
	h.lfd = -1;
	h.stdin_open = true;
	whose_error_clear(&err);
	{
		/* As many descriptors as the system lets this account have:
		 * each student is one. */
		struct rlimit rl;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	h.spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (pipe2(class_host_sigpipe, O_NONBLOCK | O_CLOEXEC) < 0) {
		fprintf(stderr, "whose: class: %s\n", strerror(errno));
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = class_host_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Ctrl-\ in a plain-mode host: a stop like Ctrl-C, not a core dump
	 * that leaves the class's folder behind. */
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (class_host_listen(&h, &err) < 0) {
		fprintf(stderr, "whose: class: %s\n", err.msg);
		return 1;
	}
	class_host_say(&h, "Class %s is open: %zu questions of %d s.\n"
		       "Students join with: whose class join %s\n"
		       "Type 'start' when everyone is in (commands: start, pause, resume, skip, next, end, who,\n"
		       "lock, unlock, kick LOGIN).\n",
		       h.code, class_count(h.cls), o->seconds, h.code);
	if (h.dir.note[0] != '\0')
		class_host_say(&h, "%s", h.dir.note);
	if (o->have_group)
		class_host_say(&h, "Only members of the group %s may join.\n", class_vis(o->group_name, false));
	p = calloc(CLASS_HOST_MAX_CONNS + 3, sizeof(*p));
	if (p == NULL) {
		class_dir_remove(&h.dir);
		return 1;
	}
	while (!h.quit) {
		int64_t wait = class_wait_ms(h.cls), now;
		size_t n = 0;
		int timeout;

		if (class_state(h.cls) == CLASS_REVEAL && o->reveal_seconds > 0) {
			int64_t until = h.revealed_at + (int64_t)o->reveal_seconds * 1000 - class_host_now(&h);

			wait = until > 0 ? until : 0;
		}
		/* Wake at least every 250 ms: hello timeouts, answer counts,
		 * and a screen whose redraw was put off (a burst of lines). */
		timeout = wait < 0 || wait > 250 ? 250 : (int)wait;
		p[n++] = (struct pollfd){ .fd = class_host_sigpipe[0], .events = POLLIN };
		p[n++] = (struct pollfd){ .fd = class_host_now(&h) < h.accept_paused_until ? -1 : h.lfd,
					  .events = POLLIN };
		if (class_host_now(&h) < h.accept_paused_until && timeout > 100)
			timeout = 100;
		p[n++] = (struct pollfd){ .fd = h.stdin_open ? o->view->in_fd : -1, .events = POLLIN };
		for (size_t i = 0; i < h.nconns; i++) {
			struct class_conn *c = h.conns[i];

			p[n++] = (struct pollfd){ .fd = c->fd, .events = (short)(POLLIN | (c->nout ? POLLOUT : 0)) };
		}
		if (poll(p, n, timeout) < 0 && errno != EINTR)
			break;
		if (class_host_signal != 0 || o->view->signalled(o->view->ctx) != 0 || h.hangup) {
			char drain[16];

			while (read(class_host_sigpipe[0], drain, sizeof(drain)) > 0)
				;
			class_host_say(&h, "%s: the class ends (answers of closed questions are saved).\n",
				       h.hangup ? "The teacher's terminal is gone" : "Stopped by a signal");
			class_end(h.cls);
			for (size_t i = 0; i < h.nconns; i++)
				if (!h.conns[i]->dead)
					class_conn_error(&h, h.conns[i], "the teacher's class was stopped");
			h.status = 1;
			break;
		}
		for (size_t i = 0; i < h.nconns; i++) {
			struct class_conn *c = h.conns[i];
			short re = p[3 + i].revents;

			if (c->dead)
				continue;
			if (re & POLLOUT)
				class_conn_flush(c);
			if (re & (POLLIN | POLLHUP | POLLERR))
				class_host_read(&h, c);
		}
		if (p[1].revents & POLLIN)
			class_host_accept(&h);
		/* Asked on every wake, not only when the terminal is readable:
		 * a full-screen view may hold keys it has already read. */
		if (h.stdin_open) {
			int got = 0;

			/* Every whole command there is (a script's pipe may
			 * bring several at once). */
			while (!h.quit && (got = o->view->input(o->view->ctx, line, sizeof(line))) > 0)
				class_host_command(&h, line);
			if (got < 0) {
				h.stdin_open = false;
				h.hangup = o->view->end_on_eof;
				if (!h.hangup && !h.quit) {
					/* A plain host's input ended (Ctrl-D, or a
					 * script's last line): the class ends as
					 * 'end' ends it, results saved and shown. */
					class_host_say(&h, "The teacher's input ended: the class ends.\n");
					class_end(h.cls);
					class_host_ended(&h);
				}
			}
		}
		now = class_host_now(&h);
		if (class_tick(h.cls))
			class_host_closed(&h);
		else if (o->end_when_answered && class_state(h.cls) == CLASS_ASKING && class_connected(h.cls) > 0 &&
			 class_answered(h.cls) >= class_connected(h.cls) && class_skip(h.cls, &err) == 0) {
			class_host_say(&h, "Every student connected has answered: the question closes.\n");
			class_host_closed(&h);
		}
		else if (class_state(h.cls) == CLASS_REVEAL && o->reveal_seconds > 0 &&
			 now >= h.revealed_at + (int64_t)o->reveal_seconds * 1000)
			class_host_command(&h, (char[]){ "next" });
		if (class_state(h.cls) == CLASS_ASKING && class_answered(h.cls) != h.shown_answered &&
		    now - h.shown_at >= 1000) {
			h.shown_answered = class_answered(h.cls);
			h.shown_at = now;
			class_host_say(&h, "answered: %zu of %zu\n", h.shown_answered, class_connected(h.cls));
		}
		class_host_fold_tell(&h, now, false);
		if (h.lobby_changed && class_state(h.cls) == CLASS_LOBBY) {
			h.lobby_changed = false;
			class_host_broadcast(&h, class_host_b_lobby);
		}
		class_host_status(&h);
		for (size_t i = 0; i < h.nconns; i++) {
			struct class_conn *c = h.conns[i];

			if (!c->dead && c->student < 0 && now - c->opened_at > CLASS_HOST_HELLO_MS) {
				class_host_note(&h, c->uid, c->gid, CLASS_WHY_NO_HELLO, "");
				class_conn_error(&h, c, "no HELLO in time");
			}
		}
		class_host_reap(&h);
	}
	class_host_fold_tell(&h, class_host_now(&h), true);
	class_host_drain(&h);
	for (size_t i = 0; i < h.nconns; i++)
		h.conns[i]->student = -1;
	for (size_t i = 0; i < h.nconns; i++)
		h.conns[i]->dead = true;
	class_host_reap(&h);
	free(h.conns);
	free(h.acct);
	free(p);
	close(h.lfd);
	if (h.spare_fd >= 0)
		close(h.spare_fd);
	class_dir_remove(&h.dir);
	close(class_host_sigpipe[0]);
	close(class_host_sigpipe[1]);
	return h.status;
}
