/*
 * class_front.h - the live class's front ends: the host (the teacher's
 * poll loop), the student's client, and the class folder they meet in
 * (the design is in include/whose/class.h).  Not a public header.
 */
#ifndef WHOSE_CLASS_FRONT_H
#define WHOSE_CLASS_FRONT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "whose/attempt.h"
#include "whose/class.h"
#include "whose/error.h"
#include "whose/store.h"

#define CLASS_CODE_LEN 6
#define CLASS_DEFAULT_DIR "/tmp/whose-class"

/* ---- the class folder (class_dir.c) -------------------------------------- */

/* The well-known folder: WHOSE_CLASS_DIR or CLASS_DEFAULT_DIR, into BUF. */
void class_dir_base(char *buf, size_t len);

/* True when CODE is six characters of the code alphabet (case-insensitive);
 * it is then copied upper-case into OUT[CLASS_CODE_LEN + 1]. */
bool class_dir_code_ok(const char *code, char *out);

/* A class folder the host made (class_dir_make). */
struct class_dir_made {
	char code[CLASS_CODE_LEN + 1];
	char base[PATH_MAX];       /* BASE, or the teacher's own folder */
	char folder[PATH_MAX];     /* base/CODE */
	char socket[PATH_MAX];     /* base/CODE/socket */
	char own[PATH_MAX];        /* a folder made for this class alone, or "" */
	char note[PATH_MAX + 512]; /* for the teacher: why not BASE, or "" */
};

/*
 * The host's side: check (and if missing, create 01777) the well-known
 * folder BASE; when another account owns it (or planted something there),
 * use a folder of the host's own beside it, which students find too, and
 * say why in M->note.  Then make a folder for a new class in it, 0711 and
 * checked, with a fresh code.
 */
int class_dir_make(const char *base, struct class_dir_made *m, struct whose_error *err);

/* Remove what class_dir_make made (never fails visibly). */
void class_dir_remove(const struct class_dir_made *m);

/* The socket path of class CODE under BASE into OUT[PATH_MAX]; -1 when
 * too long. */
int class_dir_socket(const char *base, const char *code, char *out);

/* "login (uid N)" or "uid N" for UID, terminal-safe, into BUF[LEN]. */
void class_dir_account(uid_t uid, char *buf, size_t len);

/* An open class found in the folder: its folder is trusted (see
 * class_dir.c) and a process of its owner answers on its socket. */
struct class_dir_entry {
	char code[CLASS_CODE_LEN + 1];
	char socket[108];          /* its path (a sun_path) */
	uid_t owner;
	char teacher[64];          /* the owner's login, terminal-safe */
	bool busy;                 /* its queue was full when listed */
};

/* The open classes under BASE and the teachers' own folders beside it,
 * at most MAX, into OUT; returns how many.  Never waits long on a socket
 * that does not accept (at most 5 s in all). */
size_t class_dir_list(const char *base, struct class_dir_entry *out, size_t max);

/*
 * Connect to class CODE: the one trusted class under that code whose
 * socket's peer (SO_PEERCRED) is the folder's owner.  The connected
 * descriptor (blocking, nothing sent yet) with the class in E; -1 with
 * WHY[LEN] (a refusal naming each path, its owner and what to do, or
 * "no class CODE answers").  Two classes under one code: both refused.
 */
int class_dir_open(const char *base, const char *code, struct class_dir_entry *e, char *why, size_t len);

/* Connect to E's socket, trying for WAIT_MS while its queue is full, and
 * check its peer: the descriptor; -1 nothing answers, -2 queue full, -3
 * the peer is not the owner (each with WHY[LEN]). */
int class_dir_dial(const struct class_dir_entry *e, int wait_ms, char *why, size_t len);

/* ---- the host (class_host.c) -------------------------------------------- */

/*
 * The teacher's side of the host, as a table of callbacks, so that the
 * same loop serves plain lines and the full screen.  Everything handed to
 * SAY and STATUS is already terminal-safe.
 */
struct class_host_view {
	/* Show TEXT: one or more lines (or the start of one). */
	void (*say)(void *ctx, const char *text);
	/* The one-line state of the class changed (or a second went by). */
	void (*status)(void *ctx, const char *text);
	/* IN_FD is readable: 1 with a whole command in CMD[LEN], 0 when none
	 * is complete yet, -1 at the end of the teacher's input. */
	int (*input)(void *ctx, char *cmd, size_t len);
	/* A signal the view caught (the full screen owns them), or 0. */
	int (*signalled)(void *ctx);
	int in_fd;
	/* At the end of the teacher's input: true, the class is stopped (a
	 * full screen whose terminal went away); false, it ends as 'end'
	 * ends it (plain mode: Ctrl-D or a script's last line). */
	bool end_on_eof;
	void *ctx;
};

struct class_host_opts {
	struct class *cls;          /* questions added, in LOBBY */
	struct store *store;        /* the teacher's database, for results */
	const struct whose_clock *clock;
	uint64_t seed;
	int seconds;
	bool leaderboard;
	bool full_names;            /* the account's full name (GECOS) */
	bool have_group;
	gid_t group;                /* with have_group: only its members */
	const char *group_name;
	int reveal_seconds;         /* > 0: go on by itself after a reveal */
	bool end_when_answered;     /* close a question once all connected answered */
	const struct class_host_view *view; /* the teacher's screen */
};

/* The plain view: commands read from IN_FD one a line, text to OUT.
 * CTX must point at a struct class_host_plain that outlives the class. */
struct class_host_plain {
	FILE *out;
	int fd;
	char buf[512];
	size_t n;
};
void class_host_plain_view(struct class_host_view *v, struct class_host_plain *p,
			   int in_fd, FILE *out);

/* S as the class protocol carries it: as is, or escaped as the terminal
 * shows it when it holds a format character the protocol refuses (a soft
 * hyphen, a zero-width joiner).  Valid until 12 more calls. */
const char *class_wire(const char *s);

/* Can question I of CLS (bank id QID, its EXPLANATION and attempt A, which
 * may be NULL) be sent whole: its question, choices, explanation and
 * every student's feedback within the protocol's limits?  0, or -1 with
 * WHY[LEN] naming the question and the text too long. */
int class_host_check(const struct class *cls, size_t i, const char *qid, const char *explanation,
		     const struct attempt *a, char *why, size_t len);

/* Run a class to its end.  Returns an exit code (0 ok). */
int class_host_run(const struct class_host_opts *o);

/* ---- the student (class_join.c) ----------------------------------------- */

/* A class's WELCOME comes within this after HELLO, or the student leaves. */
#define CLASS_JOIN_WELCOME_MS 10000

/* Join the class E on FD (from class_dir_open; closed here), reading
 * answers from IN and writing to OUT.  Returns an exit code. */
int class_join_run(int fd, const struct class_dir_entry *e, FILE *in, FILE *out);

/* ---- shared --------------------------------------------------------------- */

/* The terminal-safe form of S (text_vis, newlines kept when NL), in one
 * of a ring of static buffers: valid until eight more calls. */
const char *class_vis(const char *s, bool nl);

#endif
