/*
 * class_dir.c - the folders where classes are found (the design is in
 * include/whose/class.h), trusted as OpenSSH trusts a file in a shared
 * place: by the owner lstat reports, never by a name.
 *
 * A class is the socket BASE/CODE/socket (or OWN/CODE/socket, below) in a
 * folder CODE made by the teacher.  Students use it only when
 *   - CODE is a folder (not a link) that only its owner U may write;
 *   - the folder holding it belongs to root or to U, and may be written by
 *     others only when sticky (nobody but U can rename CODE away);
 *   - the folder above that may be written by others only when sticky;
 *   - the socket is a socket of U's, and the process answering on it runs
 *     as U (SO_PEERCRED, read on the student's side before HELLO);
 *   - no second trusted class answers under the same code.
 * When BASE is not one a teacher can trust (another account made it
 * first, or planted a link or file there), the teacher hosts from a folder
 * of its own beside it, OWN = "BASE-UID" (or "BASE-UID-XXXXXX" when even
 * that name was taken first), 0755 so that students can list it; their
 * listings and joins look there too.  Administrators avoid all of this by
 * creating BASE at boot (tmpfiles.d, whose(1) FILES).
 */
/* struct ucred (SO_PEERCRED), mkdtemp: Linux. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "class_front.h"
#include "whose/text.h"

/* No 0/O, 1/I: a code is read aloud and typed. */
static const char class_dir_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

void class_dir_base(char *buf, size_t len)
{
	const char *env = getenv("WHOSE_CLASS_DIR");

	snprintf(buf, len, "%s", env != NULL && *env != '\0' ? env : CLASS_DEFAULT_DIR);
}

bool class_dir_code_ok(const char *code, char *out)
{
	if (strlen(code) != CLASS_CODE_LEN)
		return false;
	for (size_t i = 0; i < CLASS_CODE_LEN; i++) {
		char c = code[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == '\0' || strchr(class_dir_alphabet, c) == NULL)
			return false;
		out[i] = c;
	}
	out[CLASS_CODE_LEN] = '\0';
	return true;
}

int class_dir_socket(const char *base, const char *code, char *out)
{
	int n = snprintf(out, PATH_MAX, "%s/%s/socket", base, code);

	return n < 0 || (size_t)n >= sizeof(((struct sockaddr_un *)0)->sun_path) ? -1 : 0;
}

void class_dir_account(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, len, "%s (uid %u)", class_vis(pw->pw_name, false), (unsigned)uid);
	else
		snprintf(buf, len, "uid %u", (unsigned)uid);
}

/* The login of UID (terminal-safe), or "uid N", into BUF[LEN]. */
static void class_dir_login(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, len, "%s", class_vis(pw->pw_name, false));
	else
		snprintf(buf, len, "uid %u", (unsigned)uid);
}

/* The folder holding PATH into OUT[PATH_MAX] ("/" for a top-level one). */
static void class_dir_parent(const char *path, char *out)
{
	char *slash;

	snprintf(out, PATH_MAX, "%s", path);
	slash = strrchr(out, '/');
	if (slash == NULL)
		snprintf(out, PATH_MAX, ".");
	else if (slash == out)
		out[1] = '\0';
	else
		*slash = '\0';
}

/*
 * Why the folder ST (at PATH) may not hold what account U keeps in it:
 * NULL when it may.  Others may rename what is in a folder they can write
 * unless it is sticky, and its owner always can.
 */
static const char *class_dir_unsafe(const struct stat *st, uid_t u)
{
	if (!S_ISDIR(st->st_mode))
		return "is not a folder (a link or a file was put there)";
	if (st->st_uid != 0 && st->st_uid != u)
		return "belongs to another account";
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(st->st_mode & S_ISVTX))
		return "may be written by other accounts and is not sticky";
	return NULL;
}

/* The same test for the folder above PATH: 0 or -1 with WHY[LEN]. */
static int class_dir_parent_ok(const char *path, uid_t u, char *why, size_t len)
{
	char parent[PATH_MAX], owner[96];
	struct stat st;
	const char *bad;

	class_dir_parent(path, parent);
	if (stat(parent, &st) < 0) {
		snprintf(why, len, "%s: %s", class_vis(parent, false), strerror(errno));
		return -1;
	}
	bad = (st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX)
		      ? "may be written by other accounts and is not sticky"
	      : st.st_uid != 0 && st.st_uid != u ? "belongs to another account"
						 : NULL;
	if (bad == NULL)
		return 0;
	class_dir_account(st.st_uid, owner, sizeof(owner));
	snprintf(why, len, "%s (owner %s) %s: anyone could rename the class folder in it; use a WHOSE_CLASS_DIR in a folder only root or the teacher may change",
		 class_vis(parent, false), owner, bad);
	return -1;
}

/* ---- the host's side ----------------------------------------------------- */

/* Can the host (euid ME) keep classes in BASE?  0, 1 with the reason in
 * NOTE (the caller then uses a folder of its own), or -1 with ERR. */
static int class_dir_check_base(const char *base, char *note, size_t nlen, struct whose_error *err)
{
	struct stat st;
	uid_t me = geteuid();
	char owner[96], why[PATH_MAX + 200];
	const char *bad;

	if (mkdir(base, 01777) == 0) {
		/* mkdir's mode passes through the umask; the sticky shared
		 * mode is chosen on purpose. */
		if (chmod(base, 01777) < 0)
			return whose_error_set(err, WHOSE_EIO, "%s: %s", class_vis(base, false), strerror(errno));
	} else if (errno != EEXIST) {
		return whose_error_set(err, WHOSE_EIO, "%s: cannot create the class folder: %s",
				       class_vis(base, false), strerror(errno));
	}
	if (lstat(base, &st) < 0)
		return whose_error_set(err, WHOSE_EIO, "%s: %s", class_vis(base, false), strerror(errno));
	if (class_dir_parent_ok(base, me, why, sizeof(why)) < 0)
		return whose_error_set(err, WHOSE_EIO, "%s", why);
	bad = class_dir_unsafe(&st, me);
	if (bad == NULL) {
		if (!(st.st_mode & S_IXOTH))
			snprintf(note, nlen,
				 "Note: %s has mode %04o: students of other accounts cannot enter it (chmod o+rx, or a WHOSE_CLASS_DIR they can reach).\n",
				 class_vis(base, false), (unsigned)(st.st_mode & 07777));
		return 0;
	}
	class_dir_account(st.st_uid, owner, sizeof(owner));
	snprintf(note, nlen,
		 "Note: %s (owner %s) %s, so this class is hosted from a folder of your own beside it, which students' 'whose class join' finds too.\n"
		 "      To give every teacher the shared folder, an administrator creates it at boot: see FILES in whose(1) (tmpfiles.d).\n",
		 class_vis(base, false), owner, bad);
	return 1;
}

/* A folder of our own beside BASE into OWN[PATH_MAX]: "BASE-UID" when it
 * is ours or free, else a fresh "BASE-UID-XXXXXX" (then MADE is true: it
 * is removed with the class).  0755: students list it. */
static int class_dir_own_base(const char *base, char *own, bool *made, struct whose_error *err)
{
	struct stat st;
	uid_t me = geteuid();
	char owner[96];

	*made = false;
	if (snprintf(own, PATH_MAX, "%s-%u", base, (unsigned)me) >= PATH_MAX - 8)
		return whose_error_set(err, WHOSE_EINVAL, "the class folder's path is too long");
	if (mkdir(own, 0755) < 0 && errno != EEXIST)
		return whose_error_set(err, WHOSE_EIO, "%s: cannot create a class folder of your own: %s (set WHOSE_CLASS_DIR to a folder students can reach)",
				       class_vis(own, false), strerror(errno));
	if (lstat(own, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == me) {
		/* Ours, made by us (perhaps 0711 by an older whose): the
		 * mode is chosen on purpose. */
		if (chmod(own, 0755) < 0)
			return whose_error_set(err, WHOSE_EIO, "%s: %s", class_vis(own, false), strerror(errno));
		return 0;
	}
	/* Someone else got there first: a name nobody can guess. */
	class_dir_account(st.st_uid, owner, sizeof(owner));
	snprintf(own + strlen(own), 8, "-XXXXXX");
	if (mkdtemp(own) == NULL || chmod(own, 0755) < 0)
		return whose_error_set(err, WHOSE_EIO, "%s: cannot create a class folder of your own: %s",
				       class_vis(own, false), strerror(errno));
	*made = true;
	return 0;
}

int class_dir_make(const char *base, struct class_dir_made *m, struct whose_error *err)
{
	int rc;

	memset(m, 0, sizeof(*m));
	rc = class_dir_check_base(base, m->note, sizeof(m->note), err);
	if (rc < 0)
		return rc;
	snprintf(m->base, sizeof(m->base), "%s", base);
	if (rc == 1) {
		bool made;

		if (class_dir_own_base(base, m->base, &made, err) < 0)
			return err->code;
		if (made)
			snprintf(m->own, sizeof(m->own), "%s", m->base);
	}
	for (int attempt = 0; attempt < 32; attempt++) {
		unsigned char r[CLASS_CODE_LEN];
		struct stat st;

		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			return whose_error_set(err, WHOSE_EIO, "no random numbers for a class code: %s",
					       strerror(errno));
		for (size_t i = 0; i < CLASS_CODE_LEN; i++)
			m->code[i] = class_dir_alphabet[r[i] % (sizeof(class_dir_alphabet) - 1)];
		m->code[CLASS_CODE_LEN] = '\0';
		if (snprintf(m->folder, PATH_MAX, "%s/%s", m->base, m->code) >= PATH_MAX ||
		    class_dir_socket(m->base, m->code, m->socket) < 0) {
			class_dir_remove(m);
			return whose_error_set(err, WHOSE_EINVAL,
					       "%s: the class folder's path is too long for a socket: set WHOSE_CLASS_DIR to a shorter one",
					       class_vis(m->base, false));
		}
		if (mkdir(m->folder, 0711) < 0) {
			if (errno == EEXIST)
				continue;
			whose_error_set(err, WHOSE_EIO, "%s: cannot create the class's folder: %s",
					class_vis(m->folder, false), strerror(errno));
			m->folder[0] = '\0';
			class_dir_remove(m);
			return err->code;
		}
		/* What we made is what is there: ours, a folder, not a link,
		 * not writable by others. */
		if (lstat(m->folder, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
		    chmod(m->folder, 0711) < 0)
			return whose_error_set(err, WHOSE_EIO, "%s: the class's folder is not ours after creating it",
					       class_vis(m->folder, false));
		return 0;
	}
	return whose_error_set(err, WHOSE_EIO, "%s: no free class code after 32 tries",
			       class_vis(m->base, false));
}

void class_dir_remove(const struct class_dir_made *m)
{
	if (m->socket[0] != '\0')
		unlink(m->socket);
	if (m->folder[0] != '\0')
		rmdir(m->folder);
	if (m->own[0] != '\0')
		rmdir(m->own);
}

/* ---- the students' side -------------------------------------------------- */

static int64_t class_dir_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Check the class CODE in folder DIR (BASE or one of the teachers' own)
 * by the rules at the top of this file, into E.  0 when it may be used;
 * -1 when there is nothing there; -2 with the refusal in WHY[LEN] (the
 * path, its owner, what to do).
 */
static int class_dir_check(const char *dir, const char *code, struct class_dir_entry *e, char *why,
			   size_t len)
{
	char folder[PATH_MAX], owner[96];
	struct stat fst, dst, sst;
	const char *bad;

	memset(e, 0, sizeof(*e));
	if (snprintf(folder, sizeof(folder), "%s/%s", dir, code) >= (int)sizeof(folder) ||
	    class_dir_socket(dir, code, e->socket) < 0 || lstat(folder, &fst) < 0)
		return -1;
	memcpy(e->code, code, CLASS_CODE_LEN + 1);
	e->owner = fst.st_uid;
	class_dir_login(fst.st_uid, e->teacher, sizeof(e->teacher));
	class_dir_account(fst.st_uid, owner, sizeof(owner));
	if (!S_ISDIR(fst.st_mode) || (fst.st_mode & (S_IWGRP | S_IWOTH))) {
		snprintf(why, len, "%s (owner %s) is not a folder only its owner may write: it is not a class; tell your teacher or an administrator",
			 class_vis(folder, false), owner);
		return -2;
	}
	if (lstat(dir, &dst) < 0)
		return -1;
	bad = class_dir_unsafe(&dst, fst.st_uid);
	if (bad != NULL) {
		char downer[96];

		class_dir_account(dst.st_uid, downer, sizeof(downer));
		snprintf(why, len, "%s (owner %s) is in %s, which %s (owner %s): whoever owns that folder could have put it there; ask your teacher which account hosts the class",
			 class_vis(folder, false), owner, class_vis(dir, false), bad, downer);
		return -2;
	}
	if (class_dir_parent_ok(dir, fst.st_uid, why, len) < 0)
		return -2;
	if (lstat(e->socket, &sst) < 0)
		return -1;
	if (!S_ISSOCK(sst.st_mode) || sst.st_uid != fst.st_uid) {
		char sowner[96];

		class_dir_account(sst.st_uid, sowner, sizeof(sowner));
		snprintf(why, len, "%s (owner %s) is not the socket of the folder's owner %s: it is not a class; tell your teacher",
			 class_vis(e->socket, false), sowner, owner);
		return -2;
	}
	return 0;
}

int class_dir_dial(const struct class_dir_entry *e, int wait_ms, char *why, size_t len)
{
	struct sockaddr_un sa;
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	int64_t until = class_dir_ms() + wait_ms;
	int fd, flags;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", e->socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(why, len, "%s", strerror(errno));
		return -1;
	}
	/* Non-blocking: a listener whose queue is full (one that never
	 * accepts, or a flood) makes connect fail with EAGAIN instead of
	 * waiting for ever.  Try again for WAIT_MS. */
	while (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN && class_dir_ms() < until) {
			poll(NULL, 0, 50);
			continue;
		}
		{
			int e2 = errno;

			if (e2 == EAGAIN)
				snprintf(why, len, "%s takes no connections (its queue stayed full for %d ms): the class is busy, or it is not a class; try again",
					 class_vis(e->socket, false), wait_ms);
			else
				snprintf(why, len, "nothing answers at %s (%s)", class_vis(e->socket, false),
					 strerror(e2));
			close(fd);
			return e2 == EAGAIN ? -2 : -1;
		}
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0 || cred.uid != e->owner) {
		char peer[96], owner[96];

		class_dir_account(cred.uid, peer, sizeof(peer));
		class_dir_account(e->owner, owner, sizeof(owner));
		snprintf(why, len, "the process answering at %s runs as %s, not as the class folder's owner %s: refused (nothing was sent); tell your teacher",
			 class_vis(e->socket, false), peer, owner);
		close(fd);
		return -3;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/* Call FN for BASE and each teacher's own folder beside it ("BASE-UID" or
 * "BASE-UID-..."), those owned by the uid their name says. */
static void class_dir_each(const char *base, void (*fn)(const char *dir, void *ctx), void *ctx)
{
	char parent[PATH_MAX];
	const char *name = strrchr(base, '/');
	size_t len;
	DIR *d;
	struct dirent *e;

	fn(base, ctx);
	name = name != NULL ? name + 1 : base;
	len = strlen(name);
	class_dir_parent(base, parent);
	d = opendir(parent);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char own[PATH_MAX], *end;
		unsigned long uid;
		struct stat st;

		if (strncmp(e->d_name, name, len) != 0 || e->d_name[len] != '-' ||
		    e->d_name[len + 1] < '0' || e->d_name[len + 1] > '9')
			continue;
		uid = strtoul(e->d_name + len + 1, &end, 10);
		if (*end != '\0' && *end != '-')
			continue;
		if (snprintf(own, sizeof(own), "%s-%s", base, e->d_name + len + 1) >= (int)sizeof(own))
			continue;
		if (lstat(own, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != (uid_t)uid ||
		    (st.st_mode & 022) != 0)
			continue;
		fn(own, ctx);
	}
	closedir(d);
}

struct class_dir_listing {
	struct class_dir_entry *out;
	size_t n, max;
	int64_t until;     /* a listing never takes longer than this */
};

static void class_dir_list_one(const char *dir, void *ctx)
{
	struct class_dir_listing *l = ctx;
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && l->n < l->max && class_dir_ms() < l->until) {
		char code[CLASS_CODE_LEN + 1], why[32];
		int fd;

		if (!class_dir_code_ok(de->d_name, code) || strcmp(code, de->d_name) != 0)
			continue;
		if (class_dir_check(dir, code, &l->out[l->n], why, sizeof(why)) < 0)
			continue;
		fd = class_dir_dial(&l->out[l->n], 300, why, sizeof(why));
		if (fd == -1 || fd == -3)
			continue;
		if (fd >= 0)
			close(fd);
		l->out[l->n].busy = fd == -2;
		l->n++;
	}
	closedir(d);
}

size_t class_dir_list(const char *base, struct class_dir_entry *out, size_t max)
{
	struct class_dir_listing l = { out, 0, max, class_dir_ms() + 5000 };

	class_dir_each(base, class_dir_list_one, &l);
	return l.n;
}

struct class_dir_finding {
	const char *code;
	struct class_dir_entry found[4];
	int fd[4];
	size_t n;
	char why[2048];         /* refusals, one a line */
};

static void class_dir_find_one(const char *dir, void *ctx)
{
	struct class_dir_finding *f = ctx;
	struct class_dir_entry e;
	char why[PATH_MAX + 400];
	int rc = class_dir_check(dir, f->code, &e, why, sizeof(why));
	size_t o = strlen(f->why);

	if (rc == -1)
		return;
	if (rc == 0) {
		int fd = class_dir_dial(&e, 5000, why, sizeof(why));

		if (fd == -1)
			return;   /* a stale socket: its host has gone */
		if (fd == -2 || fd >= 0) {
			if (f->n < sizeof(f->found) / sizeof(f->found[0])) {
				f->found[f->n] = e;
				f->fd[f->n] = fd;
				f->n++;
			} else if (fd >= 0) {
				close(fd);
			}
			if (fd >= 0)
				return;
		}
	}
	snprintf(f->why + o, sizeof(f->why) - o, "%s\n", why);
}

int class_dir_open(const char *base, const char *code, struct class_dir_entry *e, char *why, size_t len)
{
	struct class_dir_finding f;
	int fd = -1;

	memset(&f, 0, sizeof(f));
	f.code = code;
	class_dir_each(base, class_dir_find_one, &f);
	if (f.n > 1) {
		size_t o = (size_t)snprintf(why, len, "%zu classes claim the code %s, so none is joined (nothing was sent):\n",
					    f.n, code);

		for (size_t i = 0; i < f.n; i++) {
			char owner[96];

			class_dir_account(f.found[i].owner, owner, sizeof(owner));
			if (o < len)
				o += (size_t)snprintf(why + o, len - o, "  %s  teacher %s\n",
						      class_vis(f.found[i].socket, false), owner);
		}
		if (o < len)
			snprintf(why + o, len - o, "One of them pretends to be your teacher's: ask your teacher which account hosts the class, and tell an administrator.");
	} else if (f.n == 1 && f.fd[0] >= 0) {
		*e = f.found[0];
		fd = f.fd[0];
		f.fd[0] = -1;
	} else if (f.why[0] != '\0') {
		snprintf(why, len, "%s", f.why);
		if (strlen(why) > 0 && why[strlen(why) - 1] == '\n')
			why[strlen(why) - 1] = '\0';
	} else {
		snprintf(why, len, "no class %s answers on this host: 'whose class join' lists the open ones", code);
	}
	for (size_t i = 0; i < f.n; i++)
		if (f.fd[i] >= 0)
			close(f.fd[i]);
	return fd;
}

const char *class_vis(const char *s, bool nl)
{
	static char ring[8][8192];
	static unsigned next;
	char *buf = ring[next++ % 8];

	return text_vis_buf(s, nl ? TEXT_VIS_NL : 0, buf, sizeof(ring[0]));
}
