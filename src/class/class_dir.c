/*
 * class_dir.c - the folder where classes are found (the design is in
 * include/whose/class.h): checked with lstat before anything is made in
 * it, one folder per class owned by its host, sockets students connect to.
 */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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

/* Check the well-known folder BASE: a real folder, sticky, owned by root
 * or by us; create it when missing.  1 when it belongs to another account
 * (the caller then uses a folder of its own beside it). */
static int class_dir_check_base(const char *base, struct whose_error *err)
{
	struct stat st;
	uid_t me = geteuid();

	if (mkdir(base, 01777) == 0) {
		/* mkdir's mode passes through the umask; the sticky shared
		 * mode is chosen on purpose. */
		if (chmod(base, 01777) < 0)
			return whose_error_set(err, WHOSE_EIO, "%s: %s", class_vis(base, false),
					       strerror(errno));
	} else if (errno != EEXIST) {
		return whose_error_set(err, WHOSE_EIO, "%s: cannot create the class folder: %s",
				       class_vis(base, false), strerror(errno));
	}
	if (lstat(base, &st) < 0)
		return whose_error_set(err, WHOSE_EIO, "%s: %s", class_vis(base, false), strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return whose_error_set(err, WHOSE_EIO,
				       "%s is not a folder (a link or a file was planted there): remove it or set WHOSE_CLASS_DIR",
				       class_vis(base, false));
	if (st.st_uid != 0 && st.st_uid != me)
		return 1;
	if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX))
		return whose_error_set(err, WHOSE_EIO,
				       "%s is writable by everyone without the sticky bit: others could remove classes in it (chmod +t)",
				       class_vis(base, false));
	return 0;
}

/* Our own folder beside BASE, "BASE-UID", 0711, checked; into OUT. */
static int class_dir_own_base(const char *base, char *out, struct whose_error *err)
{
	struct stat st;

	if (snprintf(out, PATH_MAX, "%s-%u", base, (unsigned)geteuid()) >= PATH_MAX)
		return whose_error_set(err, WHOSE_EINVAL, "the class folder's path is too long");
	if (mkdir(out, 0711) < 0 && errno != EEXIST)
		return whose_error_set(err, WHOSE_EIO, "%s: cannot create the class folder: %s",
				       class_vis(out, false), strerror(errno));
	if (lstat(out, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0)
		return whose_error_set(err, WHOSE_EIO,
				       "%s is not a folder of this account that only it may write: remove it",
				       class_vis(out, false));
	return 0;
}

int class_dir_make(const char *base, char *code, char *folder, char *sockpath,
		   struct whose_error *err)
{
	char own[PATH_MAX];
	int rc = class_dir_check_base(base, err);

	if (rc < 0)
		return rc;
	if (rc == 1) {
		/* The shared folder was made by another teacher, who could
		 * rename what is in it: use one of our own beside it, which
		 * students' listings look at too. */
		if (class_dir_own_base(base, own, err) < 0)
			return err->code;
		base = own;
	}
	for (int attempt = 0; attempt < 32; attempt++) {
		unsigned char r[CLASS_CODE_LEN];
		struct stat st;

		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			return whose_error_set(err, WHOSE_EIO, "no random numbers for a class code: %s",
					       strerror(errno));
		for (size_t i = 0; i < CLASS_CODE_LEN; i++)
			code[i] = class_dir_alphabet[r[i] % (sizeof(class_dir_alphabet) - 1)];
		code[CLASS_CODE_LEN] = '\0';
		if (snprintf(folder, PATH_MAX, "%s/%s", base, code) >= PATH_MAX ||
		    class_dir_socket(base, code, sockpath) < 0)
			return whose_error_set(err, WHOSE_EINVAL,
					       "%s: the class folder's path is too long for a socket: set WHOSE_CLASS_DIR to a shorter one",
					       class_vis(base, false));
		if (mkdir(folder, 0711) < 0) {
			if (errno == EEXIST)
				continue;
			return whose_error_set(err, WHOSE_EIO, "%s: cannot create the class's folder: %s",
					       class_vis(folder, false), strerror(errno));
		}
		/* What we made is what is there: ours, a folder, not a link,
		 * not writable by others. */
		if (lstat(folder, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
		    chmod(folder, 0711) < 0)
			return whose_error_set(err, WHOSE_EIO, "%s: the class's folder is not ours after creating it",
					       class_vis(folder, false));
		return 0;
	}
	return whose_error_set(err, WHOSE_EIO, "%s: no free class code after 32 tries",
			       class_vis(base, false));
}

void class_dir_remove(const char *folder, const char *sockpath)
{
	if (sockpath != NULL && *sockpath != '\0')
		unlink(sockpath);
	if (folder != NULL && *folder != '\0')
		rmdir(folder);
}

/* True when a host answers at SOCKET. */
static bool class_dir_alive(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path))
		return false;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return false;
	}
	close(fd);
	return true;
}

/* Add the open classes of folder BASE to OUT[*N..MAX). */
static void class_dir_scan(const char *base, struct class_dir_entry *out, size_t *n, size_t max)
{
	DIR *d = opendir(base);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && *n < max) {
		char code[CLASS_CODE_LEN + 1], folder[PATH_MAX];
		struct class_dir_entry *en = &out[*n];
		struct stat st;
		struct passwd *pw;

		if (!class_dir_code_ok(e->d_name, code) || strcmp(code, e->d_name) != 0)
			continue;
		snprintf(folder, sizeof(folder), "%s/%s", base, code);
		if (lstat(folder, &st) < 0 || !S_ISDIR(st.st_mode) || (st.st_mode & 022) != 0)
			continue;
		if (class_dir_socket(base, code, en->socket) < 0 || !class_dir_alive(en->socket))
			continue;
		memcpy(en->code, code, sizeof(code));
		en->owner = st.st_uid;
		pw = getpwuid(st.st_uid);
		if (pw != NULL)
			snprintf(en->teacher, sizeof(en->teacher), "%s", pw->pw_name);
		else
			snprintf(en->teacher, sizeof(en->teacher), "uid %u", (unsigned)st.st_uid);
		(*n)++;
	}
	closedir(d);
}

size_t class_dir_list(const char *base, struct class_dir_entry *out, size_t max)
{
	char parent[PATH_MAX], *slash;
	const char *name;
	size_t n = 0, len;
	DIR *d;
	struct dirent *e;

	class_dir_scan(base, out, &n, max);
	/* The teachers' own folders beside it, "BASE-UID", each owned by
	 * the uid its name says and writable by it alone. */
	snprintf(parent, sizeof(parent), "%s", base);
	slash = strrchr(parent, '/');
	if (slash == NULL)
		return n;
	name = base + (slash - parent) + 1;
	len = strlen(name);
	if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	d = opendir(parent);
	if (d == NULL)
		return n;
	while ((e = readdir(d)) != NULL && n < max) {
		char own[PATH_MAX], *end;
		unsigned long uid;
		struct stat st;

		if (strncmp(e->d_name, name, len) != 0 || e->d_name[len] != '-' ||
		    e->d_name[len + 1] < '0' || e->d_name[len + 1] > '9')
			continue;
		uid = strtoul(e->d_name + len + 1, &end, 10);
		if (*end != '\0')
			continue;
		snprintf(own, sizeof(own), "%s-%lu", base, uid);
		if (lstat(own, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != (uid_t)uid ||
		    (st.st_mode & 022) != 0)
			continue;
		class_dir_scan(own, out, &n, max);
	}
	closedir(d);
	return n;
}

const char *class_vis(const char *s, bool nl)
{
	static char ring[8][8192];
	static unsigned next;
	char *buf = ring[next++ % 8];

	return text_vis_buf(s, nl ? TEXT_VIS_NL : 0, buf, sizeof(ring[0]));
}
