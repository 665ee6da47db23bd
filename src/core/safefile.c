/*
 * safefile.c - opening files safely in shared places (see safefile.h).
 */
/* O_TMPFILE (Linux): an unnamed file, linked in once it is ready. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "whose/safefile.h"
#include "whose/text.h"

/* The message form of PATH: terminal-safe, cut to fit a message. */
static const char *safefile_name(const char *path, char *buf, size_t len)
{
	return text_vis_buf(path, 0, buf, len);
}

static const char *safefile_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISLNK(m))
		return "a symbolic link";
	return "not a regular file";
}

/* After open: regular file only, then blocking again. */
static int safefile_settle(int fd, const char *path, struct whose_error *err)
{
	struct stat st;
	char name[512];
	int fl;

	if (fstat(fd, &st) != 0) {
		int e = errno;

		close(fd);
		return whose_error_set(err, WHOSE_EIO, "%s: %s",
				       safefile_name(path, name, sizeof(name)), strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return whose_error_set(err, WHOSE_EIO,
				       "%s is %s, not a regular file: give the path of a regular file",
				       safefile_name(path, name, sizeof(name)),
				       safefile_kind(st.st_mode));
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

static int safefile_open_error(const char *path, int e, const char *what,
			       struct whose_error *err)
{
	char name[512];

	safefile_name(path, name, sizeof(name));
	if (e == ENOENT)
		return whose_error_set(err, WHOSE_ENOTFOUND, "%s does not exist: check the path", name);
	if (e == ELOOP)
		return whose_error_set(err, WHOSE_EIO,
				       "%s is a symbolic link, which whose does not follow here (someone may have planted it): remove it or give the real file",
				       name);
	if (e == EACCES || e == EPERM)
		return whose_error_set(err, WHOSE_EIO,
				       "cannot %s %s: permission denied (check its owner, group and mode)",
				       what, name);
	if (e == EISDIR)
		return whose_error_set(err, WHOSE_EIO, "%s is a folder, not a file: give a file's path", name);
	return whose_error_set(err, WHOSE_EIO, "cannot %s %s: %s", what, name, strerror(e));
}

int safefile_open_read(const char *path, bool follow, struct whose_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
			    (follow ? 0 : O_NOFOLLOW));

	if (fd < 0)
		return safefile_open_error(path, errno, "read", err);
	return safefile_settle(fd, path, err);
}

void *safefile_fopen_read(const char *path, bool follow, struct whose_error *err)
{
	int fd = safefile_open_read(path, follow, err);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "r");
	if (f == NULL) {
		close(fd);
		whose_error_set(err, WHOSE_ENOMEM, "out of memory opening a file");
	}
	return f;
}

/*
 * A file that has no name until it is linked in at PATH (Linux's
 * O_TMPFILE, through /proc/self/fd): a process killed before the link
 * leaves nothing behind.  -ENOSYS when the system or the file system
 * cannot, -EEXIST when PATH exists.
 */
static int safefile_create_unnamed(const char *path, mode_t mode)
{
#ifdef O_TMPFILE
	char *dup = strdup(path), proc[64];
	int fd, e;

	if (dup == NULL)
		return -ENOSYS;
	fd = open(dirname(dup), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
	free(dup);
	if (fd < 0)
		return -ENOSYS;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (fchmod(fd, mode) == 0 &&
	    linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
		return fd;
	e = errno;
	close(fd);
	return e == EEXIST ? -EEXIST : -ENOSYS;
#else
	(void)path;
	(void)mode;
	return -ENOSYS;
#endif
}

/*
 * Create PATH with MODE already set, so that nobody can open it while it
 * still has the umask's mode (a classmate appending at the same moment
 * would get "permission denied"): a temporary beside it is given MODE,
 * then link() puts it in place, failing if PATH exists (a file with no
 * name at all where the system has them: safefile_create_unnamed).  Returns the
 * descriptor (appending), -EEXIST when PATH exists, or -ENOSYS when this
 * way is not open here (the folder refuses the temporary, or the file
 * system has no hard links): then the caller creates PATH directly.
 */
static int safefile_create_linked(const char *path, mode_t mode)
{
	struct whose_error ignored;
	char *tmp = NULL;
	int fd = safefile_create_unnamed(path, mode), rc, e;

	if (fd == -EEXIST)
		return fd;
	if (fd < 0) {
		/* a named temporary, for a moment */
		fd = safefile_temp_beside(path, mode, &tmp, &ignored);
		if (fd < 0)
			return -ENOSYS;
		rc = link(tmp, path);
		e = errno;
		unlink(tmp);
		free(tmp);
		if (rc != 0) {
			close(fd);
			return e == EEXIST ? -EEXIST : -ENOSYS;
		}
	}
	rc = fcntl(fd, F_GETFL);
	if (rc < 0 || fcntl(fd, F_SETFL, rc | O_APPEND) != 0) {
		/* Never write at the start of a shared file. */
		close(fd);
		return -ENOSYS;
	}
	return fd;
}

int safefile_open_append(const char *path, mode_t mode, bool *created,
			 struct whose_error *err)
{
	const int base = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK |
			 O_CLOEXEC | O_NOCTTY;
	int fd;

	if (created != NULL)
		*created = false;
	for (int attempt = 0; attempt < 8; attempt++) {
		/* Most often it is there: no temporary is made for nothing. */
		fd = open(path, base);
		if (fd >= 0)
			return safefile_settle(fd, path, err);
		if (errno != ENOENT)
			return safefile_open_error(path, errno, "write to", err);
		fd = safefile_create_linked(path, mode);
		if (fd == -EEXIST)
			continue;  /* someone else made it meanwhile: open theirs */
		if (fd < 0) {
			fd = open(path, base | O_CREAT | O_EXCL, mode);
			if (fd < 0 && errno == EEXIST)
				continue;
			if (fd < 0)
				return safefile_open_error(path, errno, "create", err);
			/* Ours, new: the mode is chosen, not left to umask. */
			if (fchmod(fd, mode) != 0) {
				int e = errno;

				close(fd);
				return safefile_open_error(path, e, "set the mode of", err);
			}
		}
		if (created != NULL)
			*created = true;
		return safefile_settle(fd, path, err);
	}
	return safefile_open_error(path, EAGAIN, "open", err);
}

int safefile_temp_beside(const char *path, mode_t mode, char **tmp,
			 struct whose_error *err)
{
	size_t n = strlen(path);
	char *t = malloc(n + sizeof(".tmp-XXXXXX"));
	int fd;

	*tmp = NULL;
	if (t == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	memcpy(t, path, n);
	memcpy(t + n, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
	fd = mkstemp(t);
	if (fd < 0) {
		int e = errno;

		free(t);
		return safefile_open_error(path, e, "create a temporary file beside", err);
	}
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fchmod(fd, mode) != 0) {
		int e = errno;

		close(fd);
		unlink(t);
		free(t);
		return safefile_open_error(path, e, "set the mode of a temporary file beside", err);
	}
	*tmp = t;
	return fd;
}

int safefile_commit(int fd, const char *tmp, const char *path,
		    struct whose_error *err)
{
	char *dup, *dir;
	int e = 0, dfd;

	if (fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		return safefile_open_error(path, e, "write", err);
	}
	/* The rename is durable once the folder is synced. */
	dup = strdup(path);
	if (dup != NULL) {
		dir = dirname(dup);
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
		free(dup);
	}
	return 0;
}

int safefile_write_all(int fd, const void *buf, size_t n, const char *path,
		       struct whose_error *err)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return safefile_open_error(path, w < 0 ? errno : ENOSPC, "write to", err);
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int safefile_check_own(const char *path, const struct stat *st, mode_t shared,
			const char *what, struct whose_error *err)
{
	char name[512], owner[64];
	const struct passwd *pw;
	mode_t others;

	safefile_name(path, name, sizeof(name));
	if (!S_ISREG(st->st_mode))
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s (%s) is %s, not a regular file: whose does not use it; remove it",
				       name, what, safefile_kind(st->st_mode));
	if (st->st_uid != geteuid()) {
		/* The name is for the message only. */
		pw = getpwuid(st->st_uid);
		if (pw != NULL && pw->pw_name != NULL)
			text_vis_buf(pw->pw_name, 0, owner, sizeof(owner));
		else
			snprintf(owner, sizeof(owner), "an account with no name");
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s (%s) belongs to another account (%s, uid %u), not to you: it may have been planted to read or change what whose saves, so whose does not use it; remove it if you know where it comes from (ask its owner or an administrator otherwise), or keep your profile in a folder of your own (--db)",
				       name, what, owner, (unsigned)st->st_uid);
	}
	others = st->st_mode & (S_IWGRP | S_IWOTH) & ~shared;
	if (others != 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s (%s) can be written by %s (mode %04o): another account could have planted or changed it, so whose does not use it; remove it, or run 'chmod go-w' on it if you share it on purpose",
				       name, what, (others & S_IWOTH) ? "every account" : "its group",
				       (unsigned)(st->st_mode & 07777));
	return 0;
}

int safefile_check_writable(const char *path, struct whose_error *err)
{
	struct stat st;
	char name[512], *dup, *dir;
	int rc = 0;

	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
			return whose_error_set(err, WHOSE_EIO,
					       "%s is a symbolic link to nothing: remove it or give another path",
					       safefile_name(path, name, sizeof(name)));
		if (!S_ISREG(st.st_mode))
			return whose_error_set(err, WHOSE_EIO,
					       "%s is %s, not a regular file: give the path of a file",
					       safefile_name(path, name, sizeof(name)),
					       safefile_kind(st.st_mode));
		if (access(path, W_OK) != 0)
			return safefile_open_error(path, errno, "write to", err);
		return 0;
	}
	if (errno != ENOENT)
		return safefile_open_error(path, errno, "reach", err);
	dup = strdup(path);
	if (dup == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	dir = dirname(dup);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		rc = whose_error_set(err, WHOSE_ENOTFOUND,
				     "the folder %s does not exist: create it first",
				     safefile_name(dir, name, sizeof(name)));
	else if (access(dir, W_OK | X_OK) != 0)
		rc = whose_error_set(err, WHOSE_EIO,
				     "cannot create a file in the folder %s: permission denied",
				     safefile_name(dir, name, sizeof(name)));
	free(dup);
	return rc;
}
