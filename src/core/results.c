/*
 * results.c - the results files of drills (see include/whose/results.h):
 * a row formatted, read back, and appended safely to a file many
 * students of one group write at once.
 *
 * A drill (drill.c, drill_results_row) makes its row through
 * results_format and hands it to results_deliver; `whose report`
 * (report.c) reads rows through results_read_file; every CSV file whose
 * writes takes its cells from results_csv_cell.  Drill and report both
 * depend on this module, never on each other.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csvread.h"
#include "whose/clock.h"
#include "whose/results.h"
#include "whose/safefile.h"
#include "whose/store_class.h"
#include "whose/text.h"

/* ---- writing rows ---------------------------------------------------------- */

/* A growing string. */
struct results_buf {
	char *s;
	size_t n, cap;
	bool failed;
};

static void results_buf_put(struct results_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *grown = realloc(b->s, cap);

		if (grown == NULL) {
			b->failed = true;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void results_buf_puts(struct results_buf *b, const char *s)
{
	results_buf_put(b, s, strlen(s));
}

/* S as one CSV cell (results_csv_cell: quoted as RFC 4180 asks, never a
 * spreadsheet formula). */
static void results_buf_field(struct results_buf *b, const char *s)
{
	char *cell = results_csv_cell(s);

	if (cell == NULL) {
		b->failed = true;
		return;
	}
	results_buf_puts(b, cell);
	free(cell);
}

int results_format(const struct results_drill *res, char **row,
		   struct whose_error *err)
{
	struct results_buf b = { 0 }, a = { 0 };
	char num[128], when[32];
	size_t right = 0;

	*row = NULL;
	if (res->name == NULL || res->name[0] == '\0')
		return whose_error_set(err, WHOSE_EINVAL, "a results row needs the student's name");
	if (res->nanswers == 0)
		return whose_error_set(err, WHOSE_EINVAL, "a results row needs one answer at least");
	for (size_t i = 0; i < res->nanswers; i++) {
		int mark = res->answers[i].mark;

		if (mark < -1 || mark > 1 || (mark == -1 && res->complete))
			return whose_error_set(err, WHOSE_EINVAL,
					       "answer %zu of a results row: mark %d (a complete drill has only 1 or 0)",
					       i + 1, mark);
	}
	for (size_t i = 0; i < res->nanswers; i++) {
		int mark = res->answers[i].mark;

		right += mark == 1;
		if (i > 0)
			results_buf_put(&a, " ", 1);
		results_buf_puts(&a, res->answers[i].qid);
		results_buf_puts(&a, mark == 1 ? "=1" : mark == 0 ? "=0" : "=-");
	}
	clock_format_iso(res->finished_at, when, sizeof(when));
	results_buf_field(&b, res->name);
	snprintf(num, sizeof(num), ",%s,%llu,%zu,%zu,", when,
		 (unsigned long long)res->seed, right, res->nanswers);
	results_buf_puts(&b, num);
	/* Bank ids never hold a comma or a quote (whose-bank(5)), but the
	 * field is quoted by the same rule all the same. */
	results_buf_field(&b, a.s != NULL ? a.s : "");
	snprintf(num, sizeof(num), ",%d,%016llx\n", res->complete ? 1 : 0,
		 (unsigned long long)res->fingerprint);
	results_buf_puts(&b, num);
	if (a.failed || b.failed) {
		free(a.s);
		free(b.s);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	free(a.s);
	*row = b.s;
	return 0;
}

/* ---- the file: checks and the append -------------------------------------- */

/* The message form of PATH. */
static const char *results_name(const char *path, char *buf, size_t len)
{
	return text_vis_buf(path, 0, buf, len);
}

/*
 * Check the start of the results file open for reading as RFD (SIZE bytes):
 * 0 when it starts with the current header (or is empty), WHOSE_EDATA
 * naming PATH otherwise.  *LAST_NL tells whether its last byte is a
 * newline (true for an empty file); *HEAD_LEN (may be NULL) gets the bytes
 * up to the header's end (its byte-order mark too, not its newline).
 */
static int results_header_ok(int rfd, off_t size, const char *path,
			     bool *last_nl, off_t *head_len, struct whose_error *err)
{
	const size_t h = strlen(RESULTS_HEADER), h1 = strlen(RESULTS_HEADER_V1);
	char buf[sizeof(RESULTS_HEADER) + 3], name[512], last;
	const char *head = buf;
	ssize_t got;
	size_t n;
	bool ok;

	*last_nl = true;
	if (head_len != NULL)
		*head_len = 0;
	if (size == 0)
		return 0;
	got = pread(rfd, buf, sizeof(buf) - 1, 0);
	if (got < 0)
		return whose_error_set(err, WHOSE_EIO, "%s: cannot read the results file: %s",
				       results_name(path, name, sizeof(name)), strerror(errno));
	n = (size_t)got;
	/* A spreadsheet that saved the file may have put a byte-order mark
	 * before the header and CR LF after it: the same header. */
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		head += 3;
		n -= 3;
	}
	ok = n >= h - 1 && memcmp(head, RESULTS_HEADER, h - 1) == 0 &&
	     ((n >= h && (head[h - 1] == '\n' || head[h - 1] == '\r')) ||
	      /* the header alone without its newline (a teacher's printf):
	       * the newline is added before the row */
	      (size_t)size == (size_t)(head - buf) + h - 1);
	if (!ok) {
		bool v1 = n >= h1 && memcmp(head, RESULTS_HEADER_V1, h1) == 0;

		return whose_error_set(err, WHOSE_EDATA,
				       v1 ? "%s:1: the header of an older whose (no complete and fingerprint columns): start a new results file ('whose report' reads both)"
					  : "%s:1: not the header of a results file (name,finished_at,seed,score,total,answers,complete,fingerprint): give another file, or an empty or new one",
				       results_name(path, name, sizeof(name)));
	}
	if (pread(rfd, &last, 1, size - 1) != 1)
		return whose_error_set(err, WHOSE_EIO, "%s: cannot read the results file: %s",
				       results_name(path, name, sizeof(name)), strerror(errno));
	*last_nl = last == '\n';
	if (head_len != NULL)
		*head_len = (off_t)(head - buf) + (off_t)h - 1;
	return 0;
}

/*
 * The fields of the CSV line S[N] (no line break in it), read as libcsv
 * reads a results file strictly (RFC 4180, blanks around a quoted field
 * allowed); -1 when a quote is left open, or stands inside an unquoted
 * field or after a closing quote.
 */
static long results_csv_fields(const char *s, size_t n)
{
	long fields = 1;
	size_t i = 0;

	for (;;) {
		size_t j = i + strspn(s + i, " \t");

		if (j < n && s[j] == '"') {
			for (i = j + 1;; i++) {
				if (i >= n)
					return -1;
				if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
					i++;
				else if (s[i] == '"')
					break;
			}
			i++;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i < n && s[i] != ',')
				return -1;
		} else {
			for (; i < n && s[i] != ','; i++)
				if (s[i] == '"')
					return -1;
		}
		if (i >= n)
			return fields;
		i++;
		fields++;
	}
}

/* The line on which byte END of RFD starts (1 for the first), counted as
 * csvread counts lines (LF, CR LF or a lone CR end one). */
static long results_line_at(int rfd, off_t end)
{
	char buf[65536];
	long line = 1;
	bool cr = false;

	for (off_t at = 0; at < end;) {
		size_t want = end - at < (off_t)sizeof(buf) ? (size_t)(end - at) : sizeof(buf);
		ssize_t got = pread(rfd, buf, want, at);

		if (got <= 0)
			break;
		for (ssize_t i = 0; i < got; i++) {
			if (buf[i] == '\r' || (buf[i] == '\n' && !cr))
				line++;
			cr = buf[i] == '\r';
		}
		at += got;
	}
	return line;
}

/*
 * Check the last record of the results file RFD (SIZE bytes, its header
 * HEAD bytes from the start, BOM included, already checked): it must be
 * whole, so that the row appended after it is not swallowed into a quote
 * it left open (a classmate's hand edit, an editor killed mid-save) nor
 * glued to it.  The last line that is not blank must be the header, or
 * hold balanced quotes and RESULTS_COLUMNS fields.  0 or
 * WHOSE_EDATA naming PATH and the line at fault.
 */
static int results_last_ok(int rfd, off_t size, off_t head, const char *path,
			   struct whose_error *err)
{
	char name[512], *buf = NULL;
	size_t cap = 4096;
	off_t end = size, start;
	long fields;

	for (;;) {
		off_t from = end > (off_t)cap ? end - (off_t)cap : 0;
		size_t n = (size_t)(end - from), i;
		char *grown = realloc(buf, cap);

		if (grown == NULL) {
			free(buf);
			return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		}
		buf = grown;
		if (pread(rfd, buf, n, from) != (ssize_t)n) {
			free(buf);
			return whose_error_set(err, WHOSE_EIO, "%s: cannot read the results file: %s",
					       results_name(path, name, sizeof(name)), strerror(errno));
		}
		/* Trailing line breaks and blank lines are no record. */
		while (n > 0 && strchr(" \t\r\n", buf[n - 1]) != NULL)
			n--;
		end = from + (off_t)n;
		for (i = n; i > 0 && buf[i - 1] != '\n' && buf[i - 1] != '\r'; i--)
			;
		if (i > 0 || from == 0) {
			start = from + (off_t)i;
			if (start <= head) {
				free(buf);
				return 0;  /* the header is the last record */
			}
			fields = results_csv_fields(buf + i, n - i);
			break;
		}
		if (cap >= RESULTS_RECORD_MAX) {
			start = from;
			fields = -2;
			break;
		}
		cap *= 2;
	}
	free(buf);
	if (fields == RESULTS_COLUMNS)
		return 0;
	results_name(path, name, sizeof(name));
	if (fields == -2)
		return whose_error_set(err, WHOSE_EDATA,
				       "%s: its last line is longer than %d bytes, so not a results row: remove it or give another file",
				       name, RESULTS_RECORD_MAX);
	if (fields < 0)
		return whose_error_set(err, WHOSE_EDATA,
				       "%s:%ld: the last row is not whole (a quote left open, or misplaced): a row added after it would be lost in it; fix or remove that line",
				       name, results_line_at(rfd, start));
	return whose_error_set(err, WHOSE_EDATA,
			       "%s:%ld: the last row has %ld fields, not %d (cut short, or edited by hand): a row added after it would be glued to it; fix or remove that line",
			       name, results_line_at(rfd, start), fields, RESULTS_COLUMNS);
}

/* Whether the file RFD already holds the line ROW (with its newline). */
static int results_holds(int rfd, const char *row, bool *found, struct whose_error *err)
{
	int fd = dup(rfd);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char *line = NULL;
	size_t cap = 0;

	*found = false;
	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	rewind(f);
	while (!*found && getline(&line, &cap, f) >= 0)
		*found = strcmp(line, row) == 0;
	free(line);
	fclose(f);
	return 0;
}

/* Open PATH for reading beside the append descriptor WFD and make sure
 * both are the same file (it cannot be swapped between the two opens). */
static int results_reader(int wfd, const char *path, struct whose_error *err)
{
	struct stat ws, rs;
	char name[512];
	int rfd = safefile_open_read(path, false, err);

	if (rfd < 0)
		return rfd;
	if (fstat(wfd, &ws) != 0 || fstat(rfd, &rs) != 0 ||
	    ws.st_dev != rs.st_dev || ws.st_ino != rs.st_ino) {
		close(rfd);
		return whose_error_set(err, WHOSE_EIO,
				       "%s was replaced while it was being opened: try again",
				       results_name(path, name, sizeof(name)));
	}
	return rfd;
}

int results_student_name(const char *given, const char **name, struct whose_error *err)
{
	const char *n = given;
	size_t len;

	if (n == NULL)
		n = getenv("USER");
	if (n == NULL || *n == '\0')
		n = getenv("LOGNAME");
	*name = NULL;
	if (n == NULL || *n == '\0')
		return whose_error_set(err, WHOSE_EINVAL,
				       "USER is not set: give the student's name with 'whose drill --name NAME'");
	len = strlen(n);
	if (len > RESULTS_NAME_MAX || !text_utf8_valid(n, len, NULL) ||
	    text_find_unsafe(n, len, NULL) >= 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s needs a name of printable text (no control or invisible format characters), up to %d bytes",
				       given != NULL ? "'--name'" : "the student name (USER)", RESULTS_NAME_MAX);
	*name = n;
	return 0;
}

int results_check(const char *path, struct whose_error *err)
{
	struct stat st;
	bool last_nl;
	int rc, rfd;

	rc = safefile_check_writable(path, err);
	if (rc < 0)
		return rc;
	rfd = safefile_open_read(path, false, err);
	if (rfd == WHOSE_ENOTFOUND)
		return 0;  /* created at the end, with the header */
	if (rfd < 0)
		return rfd;
	if (fstat(rfd, &st) != 0)
		rc = whose_error_set(err, WHOSE_EIO, "cannot read the results file: %s", strerror(errno));
	else
		rc = results_header_ok(rfd, st.st_size, path, &last_nl, NULL, err);
	close(rfd);
	return rc;
}

/* Take the exclusive lock on FD, waiting RESULTS_LOCK_MS at most. */
static int results_lock(int fd, const char *path, struct whose_error *err)
{
	const struct timespec pause = { 0, 50 * 1000000L };
	char name[512];

	for (long waited = 0;; waited += 50) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return whose_error_set(err, WHOSE_EIO, "%s: cannot lock the results file: %s",
					       results_name(path, name, sizeof(name)), strerror(errno));
		if (waited >= RESULTS_LOCK_MS)
			return whose_error_set(err, WHOSE_EIO,
					       "%s: another process has held the results file's lock for %d s: try again, or ask who holds it (fuser)",
					       results_name(path, name, sizeof(name)), RESULTS_LOCK_MS / 1000);
		nanosleep(&pause, NULL);
	}
}

unsigned results_mode(const char *path)
{
	char *dup = strdup(path);
	struct stat st;
	bool group = false;

	/* The folder the file is made in: dirname works on a copy. */
	if (dup != NULL) {
		char *slash = strrchr(dup, '/');

		if (slash == NULL)
			group = stat(".", &st) == 0;
		else if (slash == dup)
			group = stat("/", &st) == 0;
		else {
			*slash = '\0';
			group = stat(dup, &st) == 0;
		}
		group = group && (st.st_mode & S_IWGRP) && !(st.st_mode & S_IWOTH);
		free(dup);
	}
	return group ? RESULTS_MODE_SHARED : RESULTS_MODE_OWN;
}

/*
 * results_append; with ONCE, a row the file already holds (another
 * --resend, or a drill starting on the same profile, added it meanwhile)
 * is not added again: the check and the write are under one lock.
 */
static int results_put(const char *path, const char *row, bool once,
		       struct whose_error *err)
{
	struct stat st;
	char *out = NULL, name[512];
	size_t h = strlen(RESULTS_HEADER), r = strlen(row), n = 0;
	bool last_nl = true, found = false;
	off_t head = 0;
	ssize_t w;
	int fd, rfd = -1, rc;

	if (r == 0 || row[r - 1] != '\n' || memchr(row, '\n', r - 1) != NULL)
		return whose_error_set(err, WHOSE_EINVAL, "a results row is one whole line");
	fd = safefile_open_append(path, results_mode(path), NULL, err);
	if (fd < 0) {
		/* A FIFO without a reader fails the open with ENXIO ("no such
		 * device"): say what it is instead. */
		if (lstat(path, &st) == 0 && S_ISFIFO(st.st_mode))
			return whose_error_set(err, WHOSE_EIO,
					       "%s is a FIFO (named pipe), not a regular file: give the path of a results file",
					       results_name(path, name, sizeof(name)));
		return fd;
	}
	rc = results_lock(fd, path, err);
	if (rc < 0)
		goto out;
	/* Under the lock the file is ours: look at its header and its last
	 * record, then write whatever it needs and the row in one write. */
	rfd = results_reader(fd, path, err);
	if (rfd < 0) {
		rc = rfd;
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		rc = whose_error_set(err, WHOSE_EIO, "%s: %s", results_name(path, name, sizeof(name)),
				     strerror(errno));
		goto out;
	}
	rc = results_header_ok(rfd, st.st_size, path, &last_nl, &head, err);
	if (rc == 0 && st.st_size > 0)
		rc = results_last_ok(rfd, st.st_size, head, path, err);
	if (rc == 0 && once && st.st_size > 0)
		rc = results_holds(rfd, row, &found, err);
	if (rc < 0 || found)
		goto out;
	out = malloc(h + 1 + r + 1);
	if (out == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto out;
	}
	if (st.st_size == 0) {
		memcpy(out, RESULTS_HEADER, h);
		n = h;
	} else if (!last_nl) {
		/* A header written without its newline (a teacher's printf),
		 * or a whole last row without one: the row must not be glued
		 * to it. */
		out[n++] = '\n';
	}
	memcpy(out + n, row, r);
	n += r;
	/* One write, whole or not at all: a short one (a full disk, a file
	 * size limit) is cut back to the length the file had, so that no
	 * fragment is left for the next row to be glued to. */
	w = write(fd, out, n);
	if (w != (ssize_t)n) {
		int e = w < 0 ? errno : ENOSPC;

		if (w > 0 && ftruncate(fd, st.st_size) != 0)
			rc = whose_error_set(err, WHOSE_EIO,
					     "%s: the disk took only part of the row, and the part could not be removed (%s): remove the last line, which is cut short",
					     results_name(path, name, sizeof(name)), strerror(errno));
		else
			rc = whose_error_set(err, WHOSE_EIO, "%s: cannot write the results: %s",
					     results_name(path, name, sizeof(name)), strerror(e));
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = whose_error_set(err, WHOSE_EIO, "%s: cannot write the results: %s",
				     results_name(path, name, sizeof(name)), strerror(errno));
out:
	free(out);
	if (rfd >= 0)
		close(rfd);
	flock(fd, LOCK_UN);
	if (close(fd) < 0 && rc == 0)
		rc = whose_error_set(err, WHOSE_EIO, "%s: cannot write the results: %s",
				     results_name(path, name, sizeof(name)), strerror(errno));
	return rc;
}

int results_append(const char *path, const char *row,
		   struct whose_error *err)
{
	return results_put(path, row, false, err);
}

int results_deliver(struct store *s, const char *path, const char *row,
		    int64_t now, struct whose_error *err)
{
	struct whose_error kerr;
	char msg[WHOSE_ERROR_MAX], *abs = NULL;
	int rc = results_append(path, row, err), krc = WHOSE_ENOMEM;

	if (rc == 0 || rc == WHOSE_EINVAL || err == NULL)
		return rc;
	snprintf(msg, sizeof(msg), "%s", err->msg);
	whose_error_set(&kerr, WHOSE_ENOMEM, "out of memory");
	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (cwd != NULL) {
			size_t n = strlen(cwd) + 1 + strlen(path) + 1;

			abs = malloc(n);
			if (abs != NULL)
				snprintf(abs, n, "%s/%s", cwd, path);
		}
		free(cwd);
	}
	if (path[0] == '/' || abs != NULL)
		krc = store_unsent_add(s, abs != NULL ? abs : path, row, now, &kerr);
	free(abs);
	if (krc == 0)
		return whose_error_set(err, rc,
				       "%s.  Your result is kept in your profile: 'whose drill --resend' adds it to the file once it can be written",
				       msg);
	/* Not kept either: the row itself, for the student to hand in. */
	return whose_error_set(err, rc,
			       "your result could not be written nor kept: give your teacher this row: %.*s (the results file: %s; your profile: %s)",
			       (int)strcspn(row, "\n"), row, msg, kerr.msg);
}

struct results_kept {
	int64_t id;
	char *path, *row;
};

struct results_kept_list {
	struct results_kept *v;
	size_t n, cap;
};

static int results_kept_one(int64_t id, const char *path, const char *row, void *ctx)
{
	struct results_kept_list *l = ctx;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct results_kept *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return WHOSE_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].id = id;
	l->v[l->n].path = strdup(path);
	l->v[l->n].row = strdup(row);
	if (l->v[l->n].path == NULL || l->v[l->n].row == NULL) {
		free(l->v[l->n].path);
		free(l->v[l->n].row);
		return WHOSE_ENOMEM;
	}
	l->n++;
	return 0;
}

int results_resend(struct store *s, size_t *sent, size_t *left,
		   struct whose_error *err)
{
	struct results_kept_list l = { NULL, 0, 0 };
	struct whose_error e;
	int rc, last = 0;

	*sent = 0;
	*left = 0;
	/* Read first, then append: no statement is open while files are
	 * written and rows removed. */
	rc = store_unsent_each(s, results_kept_one, &l, err);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		whose_error_clear(&e);
		if (results_put(l.v[i].path, l.v[i].row, true, &e) == 0) {
			rc = store_unsent_remove(s, l.v[i].id, err);
			if (rc == 0)
				(*sent)++;
		} else {
			(*left)++;
			last = e.code;
			*err = e;
		}
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].path);
		free(l.v[i].row);
	}
	free(l.v);
	return rc < 0 ? rc : last;
}

void results_resend_text(size_t sent, size_t left, const char *why, char *buf, size_t len)
{
	int n = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (sent > 0)
		n = snprintf(buf, len, "%zu kept drill result%s added to %s results file.",
			     sent, sent == 1 ? " was" : "s were", sent == 1 ? "its" : "their");
	if (left > 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n,
			 "%s%zu kept result%s still cannot be added ('whose drill --resend' tries again): %s",
			 n > 0 ? " " : "", left, left == 1 ? "" : "s", why != NULL ? why : "");
}

/* ---- reading files ------------------------------------------------------- */

#define RESULTS_MAX_FIELD (1 << 20)   /* an answers field of 1000 long ids */
#define RESULTS_MAX_RECORD (2 << 20)
#define RESULTS_MAX_COLUMNS 32
#define RESULTS_QUOTE 64              /* bytes of a field quoted in a message */

/* The columns every results file has, then those of the current format
 * (RESULTS_NREQUIRED on are optional: a file of an older whose lacks them). */
enum results_col { RESULTS_NAME, RESULTS_FINISHED, RESULTS_SEED, RESULTS_SCORE, RESULTS_TOTAL,
		  RESULTS_ANSWERS, RESULTS_COMPLETE, RESULTS_FINGERPRINT, RESULTS_UID, RESULTS_LOGIN,
		  RESULTS_NCOLS };

#define RESULTS_NREQUIRED RESULTS_COMPLETE

static const char *const results_col_names[RESULTS_NCOLS] = {
	"name", "finished_at", "seed", "score", "total", "answers", "complete", "fingerprint",
	"uid", "login",
};

struct results_reader {
	results_row_fn on_row;
	void *ctx;
	const char *path;
	struct bank_report *rep;
	bool have_header;
	bool header_bad;
	int col[RESULTS_NCOLS];
	size_t ncols;
	int stop;
};

static void results_problem(struct results_reader *rd, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void results_problem(struct results_reader *rd, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* Out of memory: the problem is still counted, so the import fails. */
	(void)csvread_vreport(rd->rep, rd->path, line, fmt, ap);
	va_end(ap);
}

static void results_on_problem(long line, const char *msg, void *ctx)
{
	results_problem(ctx, line, "%s", msg);
}

/* Is REC the header again, column for column (files joined with cat)?
 * Its finished_at reads "finished_at", so it cannot be a result: no
 * student is dropped for a name, whatever it is. */
static bool results_is_header_again(const struct results_reader *rd,
				    const struct csvread_record *rec)
{
	if (rec->n != rd->ncols)
		return false;
	for (int c = 0; c < RESULTS_NCOLS; c++)
		if (rd->col[c] >= 0 && strcmp(rec->field[rd->col[c]], results_col_names[c]) != 0)
			return false;
	return true;
}

static void results_header(struct results_reader *rd, const struct csvread_record *rec)
{
	rd->have_header = true;
	rd->ncols = rec->n;
	for (int c = 0; c < RESULTS_NCOLS; c++)
		rd->col[c] = -1;
	for (size_t i = 0; i < rec->n && i < RESULTS_MAX_COLUMNS; i++)
		for (int c = 0; c < RESULTS_NCOLS; c++)
			if (strcmp(rec->field[i], results_col_names[c]) == 0 && rd->col[c] < 0)
				rd->col[c] = (int)i;
	for (int c = 0; c < RESULTS_NREQUIRED; c++) {
		if (rd->col[c] < 0) {
			results_problem(rd, rec->line,
					"the header should be %.*s (column '%s' is missing): is this a file written by whose drill --results?",
					(int)strlen(RESULTS_HEADER) - 1, RESULTS_HEADER, results_col_names[c]);
			rd->header_bad = true;
			return;
		}
	}
}

/* A whole number of at most MAX from S; false if it is not one. */
static bool results_number(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}

/* 16 hexadecimal digits (either case) from S into *V. */
static bool results_fingerprint(const char *s, uint64_t *v)
{
	*v = 0;
	if (strlen(s) != 16)
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' :
			*p >= 'a' && *p <= 'f' ? *p - 'a' + 10 :
			*p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : -1;

		if (d < 0)
			return false;
		*v = *v << 4 | (uint64_t)d;
	}
	return true;
}

static int results_on_record(const struct csvread_record *rec, void *ctx)
{
	struct results_reader *rd = ctx;
	struct results_row row;
	char quoted[RESULTS_QUOTE], msg[512];
	const char *name, *when;
	unsigned long long seed, score, total;
	int64_t at;
	int rc;

	if (!rd->have_header) {
		results_header(rd, rec);
		return 0;
	}
	if (rd->header_bad)
		return 0;  /* already reported once for the whole file */
	if (results_is_header_again(rd, rec))
		return 0;
	if (rec->n != rd->ncols) {
		results_problem(rd, rec->line, "has %zu fields, but the header has %zu", rec->n, rd->ncols);
		return 0;
	}
	for (int c = 0; c < RESULTS_NCOLS; c++) {
		if (rd->col[c] >= 0 && rec->too_long[rd->col[c]]) {
			results_problem(rd, rec->line, "column '%s' is too long", results_col_names[c]);
			return 0;
		}
	}
	name = results_csv_plain(rec->field[rd->col[RESULTS_NAME]]);
	if (name[0] == '\0') {
		results_problem(rd, rec->line, "column 'name' is empty");
		return 0;
	}
	if (!text_utf8_valid(name, strlen(name), NULL) ||
	    text_find_unsafe(name, strlen(name), NULL) >= 0) {
		results_problem(rd, rec->line, "column 'name': '%s' is not valid UTF-8 text without control or format characters",
				csvread_quote(name, quoted, sizeof(quoted)));
		return 0;
	}
	when = rec->field[rd->col[RESULTS_FINISHED]];
	if (clock_parse_iso(when, &at) < 0) {
		results_problem(rd, rec->line, "column 'finished_at': '%s' is not an ISO 8601 UTC time such as 2026-01-15T09:30:00Z",
				csvread_quote(when, quoted, sizeof(quoted)));
		return 0;
	}
	if (!results_number(rec->field[rd->col[RESULTS_SEED]], ~0ULL, &seed)) {
		results_problem(rd, rec->line, "column 'seed': '%s' is not a whole number",
				csvread_quote(rec->field[rd->col[RESULTS_SEED]], quoted, sizeof(quoted)));
		return 0;
	}
	if (!results_number(rec->field[rd->col[RESULTS_TOTAL]], RESULTS_MAX_TOTAL, &total) || total == 0) {
		results_problem(rd, rec->line, "column 'total': '%s' is not a number of questions from 1 to %d",
				csvread_quote(rec->field[rd->col[RESULTS_TOTAL]], quoted, sizeof(quoted)),
				RESULTS_MAX_TOTAL);
		return 0;
	}
	if (!results_number(rec->field[rd->col[RESULTS_SCORE]], RESULTS_MAX_TOTAL, &score)) {
		results_problem(rd, rec->line, "column 'score': '%s' is not a whole number",
				csvread_quote(rec->field[rd->col[RESULTS_SCORE]], quoted, sizeof(quoted)));
		return 0;
	}
	memset(&row, 0, sizeof(row));
	row.complete = true;
	if (rd->col[RESULTS_COMPLETE] >= 0) {
		const char *c = rec->field[rd->col[RESULTS_COMPLETE]];

		if (strcmp(c, "1") != 0 && strcmp(c, "0") != 0) {
			results_problem(rd, rec->line, "column 'complete': '%s' is not 1 (taken to the end) or 0 (left early)",
					csvread_quote(c, quoted, sizeof(quoted)));
			return 0;
		}
		row.complete = c[0] == '1';
	}
	if (rd->col[RESULTS_FINGERPRINT] >= 0) {
		const char *f = rec->field[rd->col[RESULTS_FINGERPRINT]];

		if (!results_fingerprint(f, &row.fingerprint)) {
			results_problem(rd, rec->line, "column 'fingerprint': '%s' is not 16 hexadecimal digits",
					csvread_quote(f, quoted, sizeof(quoted)));
			return 0;
		}
		row.has_fingerprint = true;
	}
	if (rd->col[RESULTS_UID] >= 0) {
		unsigned long long uid;
		const char *u = rec->field[rd->col[RESULTS_UID]];
		const char *login = rd->col[RESULTS_LOGIN] >= 0 ? rec->field[rd->col[RESULTS_LOGIN]] : "";

		if (!results_number(u, 0xFFFFFFFFull, &uid)) {
			results_problem(rd, rec->line, "column 'uid': '%s' is not an account's number",
					csvread_quote(u, quoted, sizeof(quoted)));
			return 0;
		}
		if (strlen(login) > 256 || !text_utf8_valid(login, strlen(login), NULL) ||
		    text_find_unsafe(login, strlen(login), NULL) >= 0) {
			results_problem(rd, rec->line, "column 'login': '%s' is not a login name",
					csvread_quote(login, quoted, sizeof(quoted)));
			return 0;
		}
		row.has_account = true;
		row.uid = (uint32_t)uid;
		row.login = login;
	}
	row.name = name;
	row.seed = seed;
	row.score = (size_t)score;
	row.total = (size_t)total;
	row.answers = rec->field[rd->col[RESULTS_ANSWERS]];
	msg[0] = '\0';
	rc = rd->on_row(&row, msg, sizeof(msg), rd->ctx);
	if (rc == 1)
		results_problem(rd, rec->line, "%s", msg);
	else if (rc < 0)
		return rd->stop = rc;
	return 0;
}

int results_read_file(const char *path, results_row_fn on_row, void *ctx,
		      struct bank_report *rep, struct whose_error *err)
{
	static const struct csvread_limits lim = {
		.max_field = RESULTS_MAX_FIELD,
		.max_record = RESULTS_MAX_RECORD,
		.max_columns = RESULTS_MAX_COLUMNS,
		/* whose writes a row as one line (names hold no line
		 * break): a row cut short inside a quote costs that row,
		 * not every row after it. */
		.one_line = true,
	};
	struct csvread_ops ops = { results_on_record, results_on_problem, NULL };
	struct results_reader rd;
	size_t before = rep->nerrors;
	char *shown, byfd[64];
	bool empty = false;
	int fd, rc;

	/* A results file sits in a folder the class shares: a planted link
	 * is not followed, and a FIFO or a device is refused, never waited
	 * on.  A file that cannot be opened is a failure, not bad data. */
	fd = safefile_open_read(path, false, err);
	if (fd < 0) {
		if (fd == WHOSE_ENOTFOUND)
			fd = WHOSE_EIO;
		err->code = fd;
		return fd;
	}
	shown = text_vis(path, 0);
	if (shown == NULL) {
		close(fd);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	memset(&rd, 0, sizeof(rd));
	rd.on_row = on_row;
	rd.ctx = ctx;
	rd.path = shown;
	rd.rep = rep;
	/* The CSV reader opens by name: give it the descriptor checked above
	 * (the same open file, whatever PATH holds by then); on a system
	 * without /dev/fd, PATH again, which leaves the moment between the
	 * two opens open to a swap. */
	snprintf(byfd, sizeof(byfd), "/dev/fd/%d", fd);
	rc = csvread_file(access(byfd, R_OK) == 0 ? byfd : path, &lim, &ops, &rd, &empty);
	close(fd);
	if (rd.stop < 0)
		rc = whose_error_set(err, rd.stop, "out of memory");
	else if (rc < 0)
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	else if (empty && rep->nerrors == before)
		results_problem(&rd, 0, "the file is empty: no header, no results");
	free(shown);
	return rc < 0 ? rc : 0;
}
/* ---- cells of the CSV files whose writes ----------------------------------- */

/*
 * The bytes of the formula lead at S, 0 when there is none: a character
 * that makes a spreadsheet run a cell as a formula when it leads it
 * (OWASP, CSV injection: = + - @ tab CR), and their fullwidth forms
 * (U+FF1D, U+FF0B, U+FF0D, U+FF20), which spreadsheets of East Asian
 * locales read as the same.
 */
static size_t results_csv_formula_lead(const char *s)
{
	static const char *const wide[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D",
					    "\xEF\xBC\xA0" };

	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')
		return 1;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (strncmp(s, wide[i], 3) == 0)
			return 3;
	return 0;
}

/*
 * Where a cell may start when a spreadsheet splits the file its own way:
 * the start of the value, and after each byte it may take for a
 * separator (a comma, a semicolon as in locales with a decimal comma, a
 * tab, a bar, a space) or a line break.  A quote does not protect there:
 * split at ';', the quote of ,"x;=1" is in the middle of a cell.
 */
static bool results_csv_cell_start(const char *s, size_t i)
{
	return i == 0 || strchr(",; \t|\r\n", s[i - 1]) != NULL;
}

/* S is a formula lead behind any number of quotes: "=x", "'=x", "''+". */
static bool results_csv_led(const char *s)
{
	return results_csv_formula_lead(s + strspn(s, "'")) > 0;
}

/* S + I is so led where a cell may start.  A cell so led gets one more
 * quote there on the way out and loses one on the way back, so that a
 * value that itself holds "'=" there comes back whole. */
static bool results_csv_guarded(const char *s, size_t i)
{
	return results_csv_cell_start(s, i) && results_csv_led(s + i);
}

char *results_csv_cell(const char *s)
{
	size_t n = strlen(s), o = 0, more = 0;
	bool quote = strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
	char *out;

	for (size_t i = 0; i < n; i++)
		more += s[i] == '"' || results_csv_guarded(s, i);
	out = malloc(n + more + 3);
	if (out == NULL)
		return NULL;
	if (quote)
		out[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (results_csv_guarded(s, i))
			out[o++] = '\'';
		if (s[i] == '"')
			out[o++] = '"';
		out[o++] = s[i];
	}
	if (quote)
		out[o++] = '"';
	out[o] = '\0';
	return out;
}

char *results_csv_plain(char *s)
{
	size_t o = 0;

	/* In place: S[i - 1] is read before anything is written over it. */
	for (size_t i = 0; s[i] != '\0'; i++)
		if (!(s[i] == '\'' && results_csv_cell_start(s, i) && results_csv_led(s + i + 1)))
			s[o++] = s[i];
	s[o] = '\0';
	return s;
}
