/*
 * bank.c - streaming reader and validator of question banks.
 *
 * csvread hands over one record at a time with the line it starts on; the
 * first is the header, which maps columns by name; every other record is
 * checked field by field, then by question_parse for its type, and handed
 * to the caller.  Nothing but the current record stays in memory.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csvread.h"
#include "whose/bank.h"
#include "whose/text.h"

enum bank_col {
	BANK_COL_ID,
	BANK_COL_TOPIC,
	BANK_COL_TYPE,
	BANK_COL_QUESTION,
	BANK_COL_CHOICES,
	BANK_COL_ANSWER,
	BANK_COL_EXPLANATION,
	BANK_COL_SOURCE,
	BANK_COL_TAGS,
	BANK_COL_WHY_NOT,
	BANK_COL_SHUFFLE,
	BANK_NCOLS
};

static const char *const bank_col_names[BANK_NCOLS] = {
	"id", "topic", "type", "question", "choices", "answer",
	"explanation", "source", "tags", "why_not", "shuffle",
};

static const bool bank_col_required[BANK_NCOLS] = {
	[BANK_COL_ID] = true, [BANK_COL_TOPIC] = true, [BANK_COL_TYPE] = true,
	[BANK_COL_QUESTION] = true, [BANK_COL_ANSWER] = true,
};

/* Columns whose text may hold line breaks and tabs. */
static const bool bank_col_multiline[BANK_NCOLS] = {
	[BANK_COL_QUESTION] = true, [BANK_COL_ANSWER] = true,
	[BANK_COL_EXPLANATION] = true, [BANK_COL_WHY_NOT] = true,
};

struct bank_reader {
	/* The whole read. */
	bank_row_fn fn;
	void *ctx;
	struct bank_report *rep;
	struct whose_error *err;
	int stop;                /* negative: a callback or malloc failed */
	void (*progress)(uint64_t, uint64_t, void *);
	uint64_t done, total, next_progress;

	/* The current file. */
	const char *path;
	const char *key;
	bool have_header;
	bool skip_file;          /* the header was unusable */
	int colmap[BANK_MAX_COLUMNS];
	size_t ncols;
};

/*
 * FNV-1a's multiply, eight bytes at a time (read little-endian whatever the
 * machine, so that a stored hash means the same everywhere), then the tail
 * byte by byte.  It only has to tell an edited question from an unchanged
 * one.
 */
uint64_t bank_hash(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;

	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
			     (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
			     (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;

		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; len > 0; p++, len--) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void bank_error(struct bank_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record a problem at LINE of the current file (0: the file as a whole). */
static void bank_error(struct bank_reader *r, long line, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = csvread_vreport(r->rep, r->path, line, fmt, ap);
	va_end(ap);
	if (rc < 0)
		r->stop = whose_error_set(r->err, WHOSE_ENOMEM,
					  "out of memory while reading a bank");
}

static void bank_header(struct bank_reader *r, const struct csvread_record *rec)
{
	bool seen[BANK_NCOLS] = { false };
	long line = rec->line;

	r->have_header = true;
	if (rec->n > BANK_MAX_COLUMNS) {
		bank_error(r, line, "the header has %zu columns, more than the %d a bank may have: is this a question bank?",
			   rec->n, BANK_MAX_COLUMNS);
		r->skip_file = true;
		return;
	}
	r->ncols = rec->n;
	for (size_t i = 0; i < rec->n; i++) {
		char *name = rec->field[i];
		int col = -1;

		if (rec->too_long[i] || !text_utf8_valid(name, strlen(name), NULL)) {
			bank_error(r, line, "header column %zu is not a column name", i + 1);
			r->skip_file = true;
			continue;
		}
		for (int c = 0; c < BANK_NCOLS; c++)
			if (strcasecmp(name, bank_col_names[c]) == 0)
				col = c;
		if (col < 0) {
			char quoted[128];

			/* The name goes to a terminal: never as raw bytes. */
			bank_error(r, line, "header: unknown column '%s': the columns are id, topic, type, question, choices, answer, explanation, source, tags, why_not and shuffle",
				   csvread_quote(name, quoted, sizeof(quoted)));
			r->skip_file = true;
		} else if (seen[col]) {
			bank_error(r, line, "header: column '%s' is named twice", bank_col_names[col]);
			r->skip_file = true;
		} else {
			seen[col] = true;
		}
		r->colmap[i] = col;
	}
	for (int c = 0; c < BANK_NCOLS; c++) {
		if (bank_col_required[c] && !seen[c]) {
			bank_error(r, line, "header: the required column '%s' is missing (required: id, topic, type, question, answer)",
				   bank_col_names[c]);
			r->skip_file = true;
		}
	}
}

/* Remove the '\r' of each "\r\n" in S[0..LEN), in place; returns the new
 * length. */
static size_t bank_fold_crlf(char *s, size_t len)
{
	char *o, *end = s + len, *p = memchr(s, '\r', len);

	if (p == NULL)
		return len;
	for (o = p; p < end; p++)
		if (!(p[0] == '\r' && p + 1 < end && p[1] == '\n'))
			*o++ = *p;
	*o = '\0';
	return (size_t)(o - s);
}

static bool bank_id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > BANK_MAX_ID || !(id[0] >= 'a' && id[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* Trim blanks around *S[0..*LEN), in place. */
static void bank_trim(char **s, size_t *len)
{
	char *p = *s, *end = *s + *len;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
		*--end = '\0';
	*s = p;
	*len = (size_t)(end - p);
}

static void bank_row(struct bank_reader *r, const struct csvread_record *rec)
{
	const char *text[BANK_NCOLS] = { NULL };
	char *val[BANK_NCOLS] = { NULL };
	size_t vlen[BANK_NCOLS] = { 0 };
	long line = rec->line;
	bool ok = true;
	struct bank_row row;
	struct question q;
	const char *bad_field = NULL;
	char msg[1024];
	uint64_t h;

	if (rec->n != r->ncols) {
		bank_error(r, line, "has %zu field%s, but the header has %zu: quote (\"...\") every field that contains a comma",
			   rec->n, rec->n == 1 ? "" : "s", r->ncols);
		return;
	}
	for (size_t i = 0; i < rec->n; i++) {
		int col = r->colmap[i];
		char *s = rec->field[i];
		size_t bad, len = rec->len[i];
		uint32_t cp;

		if (rec->too_long[i]) {
			bank_error(r, line, "column '%s' is %zu bytes long, more than the limit of %d: shorten it",
				   bank_col_names[col], rec->len[i], BANK_MAX_FIELD);
			ok = false;
			continue;
		}
		len = bank_fold_crlf(s, len);
		switch (text_scan(s, len, bank_col_multiline[col] ? "\n\t" : NULL, &bad, &cp)) {
		case 1:
			bank_error(r, line, "column '%s': invalid UTF-8 at byte %zu: save the file as UTF-8",
				   bank_col_names[col], bad + 1);
			ok = false;
			continue;
		case 2:
			if (cp == 0) {
				bank_error(r, line, "column '%s': NUL byte: remove it", bank_col_names[col]);
				ok = false;
				continue;
			}
			bank_error(r, line, "column '%s': control character U+%04X at byte %zu%s: remove it",
				   bank_col_names[col], (unsigned)cp, bad + 1,
				   cp == '\n' ? " (a line break, not allowed in this column)" : "");
			ok = false;
			continue;
		default:
			break;
		}
		bank_trim(&s, &len);
		val[col] = s;
		vlen[col] = len;
	}
	if (!ok)
		return;
	for (int c = 0; c < BANK_NCOLS; c++) {
		text[c] = val[c] != NULL ? val[c] : "";
		if (bank_col_required[c] && text[c][0] == '\0') {
			bank_error(r, line, "column '%s' is empty: every question needs one",
				   bank_col_names[c]);
			ok = false;
		}
	}
	if (!ok)
		return;
	if (!bank_id_valid(text[BANK_COL_ID])) {
		bank_error(r, line, "column 'id': '%s' is not a valid id: use at most %d lowercase letters, digits, '-', '_' or '.', starting with a letter",
			   text[BANK_COL_ID], BANK_MAX_ID);
		ok = false;
	}
	if (ok) {
		uint32_t fcp;
		long at = text_find_unsafe(text[BANK_COL_TOPIC], vlen[BANK_COL_TOPIC], &fcp);

		/* A bidi override or a zero-width space would make two topics
		 * that read the same, or one that reads backwards. */
		if (at >= 0) {
			bank_error(r, line, "column 'topic': invisible format character U+%04X at byte %ld: remove it",
				   (unsigned)fcp, at + 1);
			ok = false;
		}
	}
	if (vlen[BANK_COL_TOPIC] > BANK_MAX_TOPIC) {
		bank_error(r, line, "column 'topic': '%s' is longer than %d bytes: use a short topic name",
			   text[BANK_COL_TOPIC], BANK_MAX_TOPIC);
		ok = false;
	}
	{
		char as_of[64];

		if (question_as_of(text[BANK_COL_TAGS], as_of, sizeof(as_of)) < 0) {
			bank_error(r, line, "column 'tags': '%s' is not one date as-of:YYYY-MM (a year and a month 01-12, one per question)",
				   as_of);
			ok = false;
		}
	}
	row.t.shuffle = true;
	if (text[BANK_COL_SHUFFLE][0] != '\0') {
		const char *s = text[BANK_COL_SHUFFLE];

		if (strcasecmp(s, "no") == 0 || strcasecmp(s, "false") == 0) {
			row.t.shuffle = false;
		} else if (strcasecmp(s, "yes") != 0 && strcasecmp(s, "true") != 0) {
			bank_error(r, line, "column 'shuffle': '%s' is not 'yes' or 'no'", s);
			ok = false;
		}
	}
	if (!ok)
		return;

	row.t.qid = text[BANK_COL_ID];
	row.t.topic = text[BANK_COL_TOPIC];
	row.t.type = text[BANK_COL_TYPE];
	row.t.question = text[BANK_COL_QUESTION];
	row.t.choices = text[BANK_COL_CHOICES];
	row.t.answer = text[BANK_COL_ANSWER];
	row.t.explanation = text[BANK_COL_EXPLANATION];
	row.t.source = text[BANK_COL_SOURCE];
	row.t.tags = text[BANK_COL_TAGS];
	row.t.why_not = text[BANK_COL_WHY_NOT];
	if (question_parse(&row.t, &q, &bad_field, msg, sizeof(msg)) < 0) {
		bank_error(r, line, "column '%s': %s", bad_field, msg);
		return;
	}
	question_free(&q);

	h = BANK_HASH_INIT;
	for (int c = BANK_COL_TOPIC; c < BANK_NCOLS; c++) {
		if (c == BANK_COL_SHUFFLE)
			h = bank_hash(h, row.t.shuffle ? "1" : "0", 2);
		else
			h = bank_hash(h, text[c], vlen[c] + 1);
	}
	row.hash = h;
	row.file = r->path;
	row.file_key = r->key;
	row.line = line;

	msg[0] = '\0';
	switch (r->fn != NULL ? r->fn(&row, r->ctx, msg, sizeof(msg), r->err) : 0) {
	case 0:
		r->rep->nrows++;
		break;
	case 1:
		bank_error(r, line, "%s", msg);
		break;
	default:
		r->stop = r->err != NULL && r->err->code ? r->err->code : WHOSE_EINVAL;
		break;
	}
}

/* csvread callbacks. */
static int bank_on_record(const struct csvread_record *rec, void *data)
{
	struct bank_reader *r = data;

	if (r->stop == 0 && !r->skip_file) {
		if (!r->have_header)
			bank_header(r, rec);
		else
			bank_row(r, rec);
	}
	return r->stop;
}

static void bank_on_problem(long line, const char *msg, void *data)
{
	bank_error(data, line, "%s", msg);
}

static void bank_on_progress(uint64_t bytes, void *data)
{
	struct bank_reader *r = data;
	uint64_t done = r->done + bytes;

	if (r->progress != NULL && done >= r->next_progress) {
		r->progress(done, r->total, r->ctx);
		r->next_progress = done + (1u << 20);
	}
}

static void bank_read_file(struct bank_reader *r, const char *path,
			   const char *key)
{
	static const struct csvread_limits lim = {
		.max_field = BANK_MAX_FIELD,
		.max_record = BANK_MAX_RECORD,
		.max_columns = BANK_MAX_COLUMNS + 1,
	};
	static const struct csvread_ops ops = {
		.record = bank_on_record,
		.problem = bank_on_problem,
		.progress = bank_on_progress,
	};
	struct stat st;
	bool empty;
	int rc;

	r->path = path;
	r->key = key;
	r->have_header = false;
	r->skip_file = false;
	r->rep->nfiles++;
	rc = csvread_file(path, &lim, &ops, r, &empty);
	if (rc < 0 && r->stop == 0)
		r->stop = whose_error_set(r->err, WHOSE_ENOMEM, "out of memory while reading a bank");
	if (r->stop == 0 && empty)
		bank_error(r, 0, "empty file: a bank starts with a header row (id,topic,type,question,answer,...)");
	if (stat(path, &st) == 0)
		r->done += (uint64_t)st.st_size;
}

static int bank_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int bank_push(char ***v, size_t *n, const char *s)
{
	char **grown = realloc(*v, (*n + 1) * sizeof(char *));
	char *copy;

	if (grown == NULL)
		return -1;
	*v = grown;
	copy = strdup(s);
	if (copy == NULL)
		return -1;
	(*v)[(*n)++] = copy;
	return 0;
}

static void bank_free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool bank_has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/*
 * Expand PATHS into the list of files to read (display paths), adding
 * canonical paths to SCOPE.  Problems go to the report through R.
 */
static int bank_expand(struct bank_reader *r, const char *const *paths,
		       size_t npaths, char ***files, size_t *nfiles,
		       struct bank_scope *scope)
{
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		char *canon;

		r->path = paths[i];
		if (stat(paths[i], &st) != 0) {
			bank_error(r, 0, "cannot open: %s", strerror(errno));
			continue;
		}
		canon = realpath(paths[i], NULL);
		if (canon == NULL) {
			bank_error(r, 0, "cannot resolve the path: %s", strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(paths[i]);
			struct dirent *e;
			char **names = NULL;
			size_t nnames = 0;
			size_t plen = strlen(paths[i]);
			bool slash = plen > 0 && paths[i][plen - 1] == '/';

			if (d == NULL) {
				bank_error(r, 0, "cannot open the directory: %s", strerror(errno));
				free(canon);
				continue;
			}
			while ((e = readdir(d)) != NULL) {
				if (e->d_name[0] == '.' || !bank_has_suffix(e->d_name, ".csv"))
					continue;
				if (bank_push(&names, &nnames, e->d_name) < 0) {
					closedir(d);
					bank_free_strv(names, nnames);
					free(canon);
					return -1;
				}
			}
			closedir(d);
			if (nnames == 0)
				bank_error(r, 0, "no .csv files in this directory");
			if (nnames > 1)
				qsort(names, nnames, sizeof(char *), bank_cmp_str);
			for (size_t k = 0; k < nnames; k++) {
				char *full;
				size_t len = plen + strlen(names[k]) + 2;

				full = malloc(len);
				if (full == NULL) {
					bank_free_strv(names, nnames);
					free(canon);
					return -1;
				}
				snprintf(full, len, "%s%s%s", paths[i], slash ? "" : "/", names[k]);
				if (bank_push(files, nfiles, full) < 0) {
					free(full);
					bank_free_strv(names, nnames);
					free(canon);
					return -1;
				}
				free(full);
			}
			bank_free_strv(names, nnames);
			if (scope != NULL && bank_push(&scope->dirs, &scope->ndirs, canon) < 0) {
				free(canon);
				return -1;
			}
		} else {
			if (bank_push(files, nfiles, paths[i]) < 0 ||
			    (scope != NULL && bank_push(&scope->files, &scope->nfiles, canon) < 0)) {
				free(canon);
				return -1;
			}
		}
		free(canon);
	}
	return 0;
}

int bank_read(const char *const *paths, size_t npaths, bank_row_fn fn,
	      void *ctx, struct bank_report *rep, struct bank_scope *scope,
	      void (*progress)(uint64_t done, uint64_t total, void *ctx),
	      struct whose_error *err)
{
	struct bank_reader r;
	char **files = NULL;
	size_t nfiles = 0;

	memset(rep, 0, sizeof(*rep));
	if (scope != NULL)
		memset(scope, 0, sizeof(*scope));
	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.ctx = ctx;
	r.rep = rep;
	r.err = err;
	r.progress = progress;

	if (bank_expand(&r, paths, npaths, &files, &nfiles, scope) < 0) {
		bank_free_strv(files, nfiles);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct stat st;

		if (stat(files[i], &st) == 0)
			r.total += (uint64_t)st.st_size;
	}
	for (size_t i = 0; i < nfiles && r.stop == 0; i++) {
		char *key = realpath(files[i], NULL);

		if (key == NULL) {
			r.path = files[i];
			bank_error(&r, 0, "cannot resolve the path: %s", strerror(errno));
			continue;
		}
		bank_read_file(&r, files[i], key);
		free(key);
	}
	if (r.progress != NULL && r.stop == 0)
		r.progress(r.total, r.total, r.ctx);
	bank_free_strv(files, nfiles);
	return r.stop;
}

uint64_t bank_bytes(const char *const *paths, size_t npaths)
{
	struct bank_reader r;
	struct bank_report rep;
	char **files = NULL;
	size_t nfiles = 0;
	uint64_t total = 0;

	memset(&r, 0, sizeof(r));
	memset(&rep, 0, sizeof(rep));
	r.rep = &rep;
	if (bank_expand(&r, paths, npaths, &files, &nfiles, NULL) == 0) {
		for (size_t i = 0; i < nfiles; i++) {
			struct stat st;

			if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
				total += (uint64_t)st.st_size;
		}
	}
	bank_free_strv(files, nfiles);
	bank_report_free(&rep);
	return total;
}

void bank_report_free(struct bank_report *rep)
{
	if (rep == NULL)
		return;
	bank_free_strv(rep->messages, rep->nmessages);
	memset(rep, 0, sizeof(*rep));
}

void bank_scope_free(struct bank_scope *scope)
{
	if (scope == NULL)
		return;
	bank_free_strv(scope->files, scope->nfiles);
	bank_free_strv(scope->dirs, scope->ndirs);
	memset(scope, 0, sizeof(*scope));
}
