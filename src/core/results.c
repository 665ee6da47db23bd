/*
 * results.c - the results files of drills (see include/whose/results.h):
 * a row formatted and appended safely to a file many students of one
 * group write at once, and the CSV cells every file whose writes holds.
 *
 * A drill (drill.c, drill_results_row) makes its row through
 * results_format and hands it to results_deliver; `whose report`
 * (report.c) reads rows through results_read_file (results_read.c);
 * every CSV file whose writes takes its cells from results_csv_cell.
 * Drill and report both depend on this module, never on each other.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
	off_t head = 0;
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
		rc = results_header_ok(rfd, st.st_size, path, &last_nl, &head, err);
	/* The append guard's own check of the last record, now: a student
	 * learns of a broken file before the first question, not after the
	 * last.  Appending checks it again under the lock. */
	if (rc == 0 && st.st_size > 0)
		rc = results_last_ok(rfd, st.st_size, head, path, err);
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
