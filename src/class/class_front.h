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

/*
 * The host's side: check (and if missing, create 01777) the well-known
 * folder BASE, then make a folder for a new class in it, 0711 and checked,
 * with a fresh code.  CODE[CLASS_CODE_LEN + 1], FOLDER and SOCKET
 * (PATH_MAX each) get the code, the folder and the socket's path.
 */
int class_dir_make(const char *base, char *code, char *folder, char *socket,
		   struct whose_error *err);

/* Remove the class's socket and folder (never fails visibly). */
void class_dir_remove(const char *folder, const char *socket);

/* The socket path of class CODE under BASE into OUT[PATH_MAX]; -1 when
 * too long. */
int class_dir_socket(const char *base, const char *code, char *out);

/* An open class found in the folder. */
struct class_dir_entry {
	char code[CLASS_CODE_LEN + 1];
	char socket[108];          /* its path (a sun_path) */
	uid_t owner;
	char teacher[64];
};

/* The open classes under BASE and the teachers' own folders beside it
 * ("BASE-UID", used when BASE belongs to another teacher), those whose
 * socket answers, at most MAX, into OUT; returns how many. */
size_t class_dir_list(const char *base, struct class_dir_entry *out, size_t max);

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
	/* The end of the teacher's input ends the class (a full screen whose
	 * terminal went away); plain mode goes on (a script may close it). */
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

/* Run a class to its end.  Returns an exit code (0 ok). */
int class_host_run(const struct class_host_opts *o);

/* ---- the student (class_join.c) ----------------------------------------- */

/* Join the class at SOCKET (code CODE), reading answers from IN and
 * writing to OUT.  Returns an exit code. */
int class_join_run(const char *socket, const char *code, FILE *in, FILE *out);

/* Connect to the class at SOCKET; the descriptor, or -1 after a message
 * on stderr naming CODE. */
int class_join_connect(const char *sockpath, const char *code);

/* ---- shared --------------------------------------------------------------- */

/* The terminal-safe form of S (text_vis, newlines kept when NL), in one
 * of a ring of static buffers: valid until eight more calls. */
const char *class_vis(const char *s, bool nl);

#endif
