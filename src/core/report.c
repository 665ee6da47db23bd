/*
 * report.c - a class's drill results summed up (see include/whose/report.h).
 *
 * Questions and students are found by key through small open-addressing
 * hash indexes, so that a year of results (thousands of rows of hundreds
 * of answers) is read in linear time.  A row is checked whole before any
 * of it is counted: a malformed row adds nothing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "whose/clock.h"
#include "whose/drill.h"
#include "whose/report.h"
#include "whose/safefile.h"
#include "whose/text.h"

#define REPORT_MAX_FIELD (1 << 20)   /* an answers field of 1000 long ids */
#define REPORT_MAX_RECORD (2 << 20)
#define REPORT_MAX_COLUMNS 32
#define REPORT_MAX_TOTAL 100000      /* answers in one row */
#define REPORT_QUOTE 64              /* bytes of a field quoted in a message */

/* Key -> position + 1 (0: empty slot). */
struct report_index {
	size_t *slot;
	size_t cap;    /* a power of two, or 0 */
	size_t used;
};

struct report {
	struct report_question *q;
	size_t nq, capq;
	struct report_index qindex;
	struct report_student *st;
	size_t nst, capst;
	struct report_index stindex;
	struct report_topic *topics;
	size_t ntopics;
	struct report_variant *var;
	size_t nvar, capvar;
	size_t rows;
	size_t incomplete;
};

/* ---- indexes ------------------------------------------------------------- */

static uint64_t report_hash(const char *s, size_t n)
{
	return bank_hash(BANK_HASH_INIT, s, n);
}

/* The slot of KEY[N] in IX over KEYS (the strings at positions), and
 * whether it holds KEY. */
static size_t report_find(const struct report_index *ix, const char *key, size_t n,
			  const char *(*key_of)(const void *base, size_t i),
			  const void *base, bool *found)
{
	size_t mask = ix->cap - 1, i = (size_t)report_hash(key, n) & mask;

	*found = false;
	while (ix->slot[i] != 0) {
		const char *k = key_of(base, ix->slot[i] - 1);

		if (strlen(k) == n && memcmp(k, key, n) == 0) {
			*found = true;
			return i;
		}
		i = (i + 1) & mask;
	}
	return i;
}

/* Make room for one more key; rehash with KEY_OF.  -1 on no memory. */
static int report_grow(struct report_index *ix, size_t count,
		       const char *(*key_of)(const void *base, size_t i),
		       const void *base)
{
	size_t cap, *slot;

	if (ix->cap != 0 && (ix->used + 1) * 2 <= ix->cap)
		return 0;
	cap = ix->cap ? ix->cap * 2 : 64;
	slot = calloc(cap, sizeof(*slot));
	if (slot == NULL)
		return -1;
	free(ix->slot);
	ix->slot = slot;
	ix->cap = cap;
	for (size_t p = 0; p < count; p++) {
		const char *k = key_of(base, p);
		bool found;

		ix->slot[report_find(ix, k, strlen(k), key_of, base, &found)] = p + 1;
	}
	return 0;
}

static const char *report_qkey(const void *base, size_t i)
{
	return ((const struct report_question *)base)[i].qid;
}

static const char *report_stkey(const void *base, size_t i)
{
	return ((const struct report_student *)base)[i].key;
}

/* The question QID[N], added when new; NULL on no memory. */
static struct report_question *report_question_get(struct report *r, const char *qid,
						   size_t n)
{
	struct report_question *q;
	size_t slot;
	bool found;

	if (report_grow(&r->qindex, r->nq, report_qkey, r->q) < 0)
		return NULL;
	slot = report_find(&r->qindex, qid, n, report_qkey, r->q, &found);
	if (found)
		return &r->q[r->qindex.slot[slot] - 1];
	if (r->nq == r->capq) {
		size_t cap = r->capq ? r->capq * 2 : 64;
		struct report_question *grown = realloc(r->q, cap * sizeof(*grown));

		if (grown == NULL)
			return NULL;
		r->q = grown;
		r->capq = cap;
	}
	q = &r->q[r->nq];
	memset(q, 0, sizeof(*q));
	q->qid = strndup(qid, n);
	if (q->qid == NULL)
		return NULL;
	r->qindex.slot[slot] = ++r->nq;
	r->qindex.used++;
	return q;
}

/* The student of ROW, added when new: one per account when the row names
 * it (a key no name can be: names hold no control character), else one
 * per name.  NULL on no memory. */
static struct report_student *report_student_get(struct report *r, const struct report_row *row)
{
	struct report_student *s;
	char acct[32];
	const char *name = row->name, *key = name;
	size_t slot, n;
	bool found;

	if (row->has_account) {
		snprintf(acct, sizeof(acct), "\x1f%lu", (unsigned long)row->uid);
		key = acct;
	}
	n = strlen(key);
	if (report_grow(&r->stindex, r->nst, report_stkey, r->st) < 0)
		return NULL;
	slot = report_find(&r->stindex, key, n, report_stkey, r->st, &found);
	if (found)
		return &r->st[r->stindex.slot[slot] - 1];
	if (r->nst == r->capst) {
		size_t cap = r->capst ? r->capst * 2 : 32;
		struct report_student *grown = realloc(r->st, cap * sizeof(*grown));

		if (grown == NULL)
			return NULL;
		r->st = grown;
		r->capst = cap;
	}
	s = &r->st[r->nst];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name);
	s->key = strdup(key);
	if (row->has_account) {
		char uidname[32];

		snprintf(uidname, sizeof(uidname), "uid %lu", (unsigned long)row->uid);
		s->has_account = true;
		s->uid = row->uid;
		s->login = strdup(row->login[0] != '\0' ? row->login : uidname);
	}
	if (s->name == NULL || s->key == NULL || (row->has_account && s->login == NULL)) {
		free(s->name);
		free(s->key);
		free(s->login);
		return NULL;
	}
	r->stindex.slot[slot] = ++r->nst;
	r->stindex.used++;
	return s;
}

/* ---- the report ---------------------------------------------------------- */

int report_new(struct report **out, struct whose_error *err)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	return 0;
}

void report_free(struct report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nq; i++) {
		free(r->q[i].qid);
		free(r->q[i].topic);
		free(r->q[i].text);
	}
	for (size_t i = 0; i < r->nst; i++) {
		free(r->st[i].name);
		free(r->st[i].key);
		free(r->st[i].login);
		free(r->st[i].other_name);
	}
	for (size_t i = 0; i < r->ntopics; i++)
		free(r->topics[i].name);
	for (size_t i = 0; i < r->nvar; i++)
		free(r->var[i].first_name);
	free(r->var);
	free(r->q);
	free(r->st);
	free(r->topics);
	free(r->qindex.slot);
	free(r->stindex.slot);
	free(r);
}

/* One "id=1" of an answers field. */
struct report_token {
	const char *qid;
	size_t len;
	int mark;      /* 1, 0, or -1 for "id=-" */
};

static int report_cmp_token(const void *a, const void *b)
{
	const struct report_token *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->qid, y->qid, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Split ANSWERS into TOK (room for MAX); the count, or MAX + 1 when there
 * are more.  A bad token sets MSG and returns (size_t)-1; "id=-" is one
 * only when DASH_OK. */
static size_t report_tokens(const char *answers, struct report_token *tok, size_t max,
			    bool dash_ok, char *msg, size_t msglen)
{
	size_t n = 0;
	const char *p = answers;

	for (;;) {
		const char *start, *eq = NULL;
		char quoted[REPORT_QUOTE], piece[REPORT_QUOTE * 4];

		while (*p == ' ')
			p++;
		if (*p == '\0')
			return n;
		start = p;
		while (*p != ' ' && *p != '\0') {
			if (*p == '=')
				eq = p;
			p++;
		}
		if (n == max)
			return max + 1;
		if (eq == NULL || eq == start || eq + 2 != p ||
		    (eq[1] != '0' && eq[1] != '1' && (eq[1] != '-' || !dash_ok))) {
			snprintf(piece, sizeof(piece), "%.*s", (int)(p - start < 200 ? p - start : 200), start);
			snprintf(msg, msglen,
				 dash_ok ? "column 'answers': '%s' is not id=1 (right), id=0 (wrong) or id=- (not answered)"
					 : "column 'answers': '%s' is not id=1 (right) or id=0 (wrong) (id=- only in an incomplete drill)",
				 csvread_quote(piece, quoted, sizeof(quoted)));
			return (size_t)-1;
		}
		tok[n].qid = start;
		tok[n].len = (size_t)(eq - start);
		tok[n].mark = eq[1] == '1' ? 1 : eq[1] == '0' ? 0 : -1;
		n++;
	}
}

/* Count one more drill of SEED with FINGERPRINT, by NAME. */
static int report_variant_add(struct report *r, uint64_t seed, uint64_t fingerprint,
			      const char *name)
{
	struct report_variant *v;

	for (size_t i = 0; i < r->nvar; i++) {
		if (r->var[i].seed == seed && r->var[i].fingerprint == fingerprint) {
			r->var[i].drills++;
			return 0;
		}
	}
	if (r->nvar == r->capvar) {
		size_t cap = r->capvar ? r->capvar * 2 : 16;
		struct report_variant *grown = realloc(r->var, cap * sizeof(*grown));

		if (grown == NULL)
			return WHOSE_ENOMEM;
		r->var = grown;
		r->capvar = cap;
	}
	v = &r->var[r->nvar];
	v->seed = seed;
	v->fingerprint = fingerprint;
	v->drills = 1;
	v->first_name = strdup(name);
	if (v->first_name == NULL)
		return WHOSE_ENOMEM;
	r->nvar++;
	return 0;
}

int report_add_row(struct report *r, const struct report_row *row, char *msg,
		   size_t msglen)
{
	const char *name = row->name, *answers = row->answers;
	size_t score = row->score, total = row->total;
	struct report_token *tok;
	struct report_student *st;
	size_t n, right = 0;
	char quoted[REPORT_QUOTE];

	if (total == 0 || total > REPORT_MAX_TOTAL) {
		snprintf(msg, msglen, "column 'total': %zu is not a number of questions from 1 to %d",
			 total, REPORT_MAX_TOTAL);
		return 1;
	}
	if (score > total) {
		snprintf(msg, msglen, "column 'score': %zu is more than the total, %zu", score, total);
		return 1;
	}
	tok = calloc(total + 1, sizeof(*tok));
	if (tok == NULL)
		return WHOSE_ENOMEM;
	n = report_tokens(answers, tok, total, !row->complete, msg, msglen);
	if (n == (size_t)-1)
		goto bad;
	if (n != total) {
		if (n > total)
			snprintf(msg, msglen, "column 'answers': more answers than the total, %zu", total);
		else
			snprintf(msg, msglen, "column 'answers': %zu answers, but the total is %zu", n, total);
		goto bad;
	}
	for (size_t i = 0; i < n; i++) {
		char piece[REPORT_QUOTE * 4];

		right += tok[i].mark == 1;
		snprintf(piece, sizeof(piece), "%.*s", (int)(tok[i].len < 200 ? tok[i].len : 200), tok[i].qid);
		if (!text_utf8_valid(tok[i].qid, tok[i].len, NULL) ||
		    text_find_unsafe(tok[i].qid, tok[i].len, NULL) >= 0) {
			snprintf(msg, msglen, "column 'answers': '%s' is not a question id",
				 csvread_quote(piece, quoted, sizeof(quoted)));
			goto bad;
		}
	}
	if (right != score) {
		snprintf(msg, msglen, "column 'score': %zu, but the answers hold %zu right", score, right);
		goto bad;
	}
	/* The same question twice in one drill cannot be. */
	if (n > 1)
		qsort(tok, n, sizeof(*tok), report_cmp_token);
	for (size_t i = 1; i < n; i++) {
		if (report_cmp_token(&tok[i - 1], &tok[i]) == 0) {
			char piece[REPORT_QUOTE * 4];

			snprintf(piece, sizeof(piece), "%.*s", (int)(tok[i].len < 200 ? tok[i].len : 200), tok[i].qid);
			snprintf(msg, msglen, "column 'answers': question '%s' appears twice",
				 csvread_quote(piece, quoted, sizeof(quoted)));
			goto bad;
		}
	}
	/* The row is good: count it. */
	for (size_t i = 0; i < n; i++) {
		struct report_question *q;

		if (tok[i].mark < 0)
			continue;  /* never answered: the drill was left */
		q = report_question_get(r, tok[i].qid, tok[i].len);
		if (q == NULL) {
			free(tok);
			return WHOSE_ENOMEM;
		}
		q->asked++;
		q->right += tok[i].mark == 1;
	}
	free(tok);
	st = report_student_get(r, row);
	if (st == NULL)
		return WHOSE_ENOMEM;
	/* A name other than the account's: given with --name (anyone of
	 * the group may add a row under another's name), or a full name. */
	if (st->has_account && strcmp(name, st->login) != 0) {
		st->renamed++;
		if (st->other_name == NULL && (st->other_name = strdup(name)) == NULL)
			return WHOSE_ENOMEM;
	}
	if (row->complete) {
		st->drills++;
		st->right += score;
		st->total += total;
	} else {
		st->incomplete++;
		r->incomplete++;
	}
	if (row->has_fingerprint && report_variant_add(r, row->seed, row->fingerprint, name) < 0)
		return WHOSE_ENOMEM;
	r->rows++;
	return 0;
bad:
	free(tok);
	return 1;
}

/* ---- reading files ------------------------------------------------------- */

/* The columns every results file has, then those of the current format
 * (REPORT_NREQUIRED on are optional: a file of an older whose lacks them). */
enum report_col { REPORT_NAME, REPORT_FINISHED, REPORT_SEED, REPORT_SCORE, REPORT_TOTAL,
		  REPORT_ANSWERS, REPORT_COMPLETE, REPORT_FINGERPRINT, REPORT_UID, REPORT_LOGIN,
		  REPORT_NCOLS };

#define REPORT_NREQUIRED REPORT_COMPLETE

static const char *const report_col_names[REPORT_NCOLS] = {
	"name", "finished_at", "seed", "score", "total", "answers", "complete", "fingerprint",
	"uid", "login",
};

struct report_reader {
	struct report *r;
	const char *path;
	struct bank_report *rep;
	bool have_header;
	bool header_bad;
	int col[REPORT_NCOLS];
	size_t ncols;
	int stop;
};

static void report_problem(struct report_reader *rd, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report_problem(struct report_reader *rd, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* Out of memory: the problem is still counted, so the import fails. */
	(void)csvread_vreport(rd->rep, rd->path, line, fmt, ap);
	va_end(ap);
}

static void report_on_problem(long line, const char *msg, void *ctx)
{
	report_problem(ctx, line, "%s", msg);
}

/* Is REC the header again, column for column (files joined with cat)?
 * Its finished_at reads "finished_at", so it cannot be a result: no
 * student is dropped for a name, whatever it is. */
static bool report_is_header_again(const struct report_reader *rd,
				   const struct csvread_record *rec)
{
	if (rec->n != rd->ncols)
		return false;
	for (int c = 0; c < REPORT_NCOLS; c++)
		if (rd->col[c] >= 0 && strcmp(rec->field[rd->col[c]], report_col_names[c]) != 0)
			return false;
	return true;
}

static void report_header(struct report_reader *rd, const struct csvread_record *rec)
{
	rd->have_header = true;
	rd->ncols = rec->n;
	for (int c = 0; c < REPORT_NCOLS; c++)
		rd->col[c] = -1;
	for (size_t i = 0; i < rec->n && i < REPORT_MAX_COLUMNS; i++)
		for (int c = 0; c < REPORT_NCOLS; c++)
			if (strcmp(rec->field[i], report_col_names[c]) == 0 && rd->col[c] < 0)
				rd->col[c] = (int)i;
	for (int c = 0; c < REPORT_NREQUIRED; c++) {
		if (rd->col[c] < 0) {
			report_problem(rd, rec->line,
				       "the header should be %.*s (column '%s' is missing): is this a file written by whose drill --results?",
				       (int)strlen(DRILL_RESULTS_HEADER) - 1, DRILL_RESULTS_HEADER, report_col_names[c]);
			rd->header_bad = true;
			return;
		}
	}
}

/* A whole number of at most MAX from S; false if it is not one. */
static bool report_number(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}

/* 16 hexadecimal digits (either case) from S into *V. */
static bool report_fingerprint(const char *s, uint64_t *v)
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

static int report_on_record(const struct csvread_record *rec, void *ctx)
{
	struct report_reader *rd = ctx;
	struct report_row row;
	char quoted[REPORT_QUOTE], msg[512];
	const char *name, *when;
	unsigned long long seed, score, total;
	int64_t at;
	int rc;

	if (!rd->have_header) {
		report_header(rd, rec);
		return 0;
	}
	if (rd->header_bad)
		return 0;  /* already reported once for the whole file */
	if (report_is_header_again(rd, rec))
		return 0;
	if (rec->n != rd->ncols) {
		report_problem(rd, rec->line, "has %zu fields, but the header has %zu", rec->n, rd->ncols);
		return 0;
	}
	for (int c = 0; c < REPORT_NCOLS; c++) {
		if (rd->col[c] >= 0 && rec->too_long[rd->col[c]]) {
			report_problem(rd, rec->line, "column '%s' is too long", report_col_names[c]);
			return 0;
		}
	}
	name = report_csv_plain(rec->field[rd->col[REPORT_NAME]]);
	if (name[0] == '\0') {
		report_problem(rd, rec->line, "column 'name' is empty");
		return 0;
	}
	if (!text_utf8_valid(name, strlen(name), NULL) ||
	    text_find_unsafe(name, strlen(name), NULL) >= 0) {
		report_problem(rd, rec->line, "column 'name': '%s' is not valid UTF-8 text without control or format characters",
			       csvread_quote(name, quoted, sizeof(quoted)));
		return 0;
	}
	when = rec->field[rd->col[REPORT_FINISHED]];
	if (clock_parse_iso(when, &at) < 0) {
		report_problem(rd, rec->line, "column 'finished_at': '%s' is not an ISO 8601 UTC time such as 2026-01-15T09:30:00Z",
			       csvread_quote(when, quoted, sizeof(quoted)));
		return 0;
	}
	if (!report_number(rec->field[rd->col[REPORT_SEED]], ~0ULL, &seed)) {
		report_problem(rd, rec->line, "column 'seed': '%s' is not a whole number",
			       csvread_quote(rec->field[rd->col[REPORT_SEED]], quoted, sizeof(quoted)));
		return 0;
	}
	if (!report_number(rec->field[rd->col[REPORT_TOTAL]], REPORT_MAX_TOTAL, &total) || total == 0) {
		report_problem(rd, rec->line, "column 'total': '%s' is not a number of questions from 1 to %d",
			       csvread_quote(rec->field[rd->col[REPORT_TOTAL]], quoted, sizeof(quoted)),
			       REPORT_MAX_TOTAL);
		return 0;
	}
	if (!report_number(rec->field[rd->col[REPORT_SCORE]], REPORT_MAX_TOTAL, &score)) {
		report_problem(rd, rec->line, "column 'score': '%s' is not a whole number",
			       csvread_quote(rec->field[rd->col[REPORT_SCORE]], quoted, sizeof(quoted)));
		return 0;
	}
	memset(&row, 0, sizeof(row));
	row.complete = true;
	if (rd->col[REPORT_COMPLETE] >= 0) {
		const char *c = rec->field[rd->col[REPORT_COMPLETE]];

		if (strcmp(c, "1") != 0 && strcmp(c, "0") != 0) {
			report_problem(rd, rec->line, "column 'complete': '%s' is not 1 (taken to the end) or 0 (left early)",
				       csvread_quote(c, quoted, sizeof(quoted)));
			return 0;
		}
		row.complete = c[0] == '1';
	}
	if (rd->col[REPORT_FINGERPRINT] >= 0) {
		const char *f = rec->field[rd->col[REPORT_FINGERPRINT]];

		if (!report_fingerprint(f, &row.fingerprint)) {
			report_problem(rd, rec->line, "column 'fingerprint': '%s' is not 16 hexadecimal digits",
				       csvread_quote(f, quoted, sizeof(quoted)));
			return 0;
		}
		row.has_fingerprint = true;
	}
	if (rd->col[REPORT_UID] >= 0) {
		unsigned long long uid;
		const char *u = rec->field[rd->col[REPORT_UID]];
		const char *login = rd->col[REPORT_LOGIN] >= 0 ? rec->field[rd->col[REPORT_LOGIN]] : "";

		if (!report_number(u, 0xFFFFFFFFull, &uid)) {
			report_problem(rd, rec->line, "column 'uid': '%s' is not an account's number",
				       csvread_quote(u, quoted, sizeof(quoted)));
			return 0;
		}
		if (strlen(login) > 256 || !text_utf8_valid(login, strlen(login), NULL) ||
		    text_find_unsafe(login, strlen(login), NULL) >= 0) {
			report_problem(rd, rec->line, "column 'login': '%s' is not a login name",
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
	row.answers = rec->field[rd->col[REPORT_ANSWERS]];
	rc = report_add_row(rd->r, &row, msg, sizeof(msg));
	if (rc == 1)
		report_problem(rd, rec->line, "%s", msg);
	else if (rc < 0)
		return rd->stop = rc;
	return 0;
}

int report_read_file(struct report *r, const char *path,
		     struct bank_report *rep, struct whose_error *err)
{
	static const struct csvread_limits lim = {
		.max_field = REPORT_MAX_FIELD,
		.max_record = REPORT_MAX_RECORD,
		.max_columns = REPORT_MAX_COLUMNS,
		/* whose writes a row as one line (names hold no line
		 * break): a row cut short inside a quote costs that row,
		 * not every row after it. */
		.one_line = true,
	};
	struct csvread_ops ops = { report_on_record, report_on_problem, NULL };
	struct report_reader rd;
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
	rd.r = r;
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
		report_problem(&rd, 0, "the file is empty: no header, no results");
	free(shown);
	return rc < 0 ? rc : 0;
}

/* ---- resolving and sorting ------------------------------------------------ */

/* X is harder than Y: a lower share right (compared exactly), then more
 * answers. */
static int report_cmp_share(size_t xr, size_t xa, size_t yr, size_t ya)
{
	unsigned long long l = (unsigned long long)xr * ya, r = (unsigned long long)yr * xa;

	if (l != r)
		return l < r ? -1 : 1;
	return (xa < ya) - (xa > ya);
}

static int report_cmp_question(const void *a, const void *b)
{
	const struct report_question *x = a, *y = b;
	int c = report_cmp_share(x->right, x->asked, y->right, y->asked);

	return c != 0 ? c : strcmp(x->qid, y->qid);
}

static int report_cmp_topic(const void *a, const void *b)
{
	const struct report_topic *x = a, *y = b;
	int c = report_cmp_share(x->right, x->asked, y->right, y->asked);

	return c != 0 ? c : strcmp(x->name, y->name);
}

static int report_cmp_student(const void *a, const void *b)
{
	const struct report_student *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->key, y->key);
}

static int report_cmp_variant(const void *a, const void *b)
{
	const struct report_variant *x = a, *y = b;

	if (x->seed != y->seed)
		return x->seed < y->seed ? -1 : 1;
	if (x->drills != y->drills)
		return x->drills > y->drills ? -1 : 1;
	return (x->fingerprint > y->fingerprint) - (x->fingerprint < y->fingerprint);
}

/* Fill Q's topic and text from S. */
static int report_lookup(struct report_question *q, struct store *s,
			 struct whose_error *err)
{
	struct store_item item;
	int64_t id;
	int rc = s != NULL ? store_question_find(s, q->qid, &id, NULL) : WHOSE_ENOTFOUND;

	if (rc == 0)
		rc = store_item_load(s, id, &item, err);
	if (rc == WHOSE_ENOTFOUND) {
		q->topic = strdup(REPORT_UNKNOWN_TOPIC);
		q->text = strdup("");
	} else if (rc < 0) {
		return rc == WHOSE_EDB ? whose_error_set(err, rc, "cannot look up question '%s' in the database", q->qid) : rc;
	} else {
		q->topic = strdup(item.topic);
		q->text = strdup(item.question);
		store_item_free(&item);
	}
	if (q->topic == NULL || q->text == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	return 0;
}

int report_resolve(struct report *r, struct store *s, struct whose_error *err)
{
	int rc;

	for (size_t i = 0; i < r->ntopics; i++)
		free(r->topics[i].name);
	free(r->topics);
	r->topics = NULL;
	r->ntopics = 0;
	for (size_t i = 0; i < r->nq; i++) {
		free(r->q[i].topic);
		free(r->q[i].text);
		r->q[i].topic = r->q[i].text = NULL;
		rc = report_lookup(&r->q[i], s, err);
		if (rc < 0)
			return rc;
	}
	/* Topics: few, so a linear search is enough. */
	r->topics = calloc(r->nq ? r->nq : 1, sizeof(*r->topics));
	if (r->topics == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->nq; i++) {
		struct report_topic *t = NULL;

		for (size_t k = 0; k < r->ntopics && t == NULL; k++)
			if (strcmp(r->topics[k].name, r->q[i].topic) == 0)
				t = &r->topics[k];
		if (t == NULL) {
			t = &r->topics[r->ntopics];
			t->name = strdup(r->q[i].topic);
			if (t->name == NULL)
				return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
			r->ntopics++;
		}
		t->questions++;
		t->asked += r->q[i].asked;
		t->right += r->q[i].right;
	}
	/* Sorting moves questions and students: the indexes are rebuilt. */
	if (r->nq > 1)
		qsort(r->q, r->nq, sizeof(*r->q), report_cmp_question);
	if (r->ntopics > 1)
		qsort(r->topics, r->ntopics, sizeof(*r->topics), report_cmp_topic);
	if (r->nst > 1)
		qsort(r->st, r->nst, sizeof(*r->st), report_cmp_student);
	if (r->nvar > 1)
		qsort(r->var, r->nvar, sizeof(*r->var), report_cmp_variant);
	if (r->qindex.cap > 0)
		memset(r->qindex.slot, 0, r->qindex.cap * sizeof(size_t));
	for (size_t p = 0; p < r->nq; p++) {
		bool found;

		r->qindex.slot[report_find(&r->qindex, r->q[p].qid, strlen(r->q[p].qid),
					   report_qkey, r->q, &found)] = p + 1;
	}
	if (r->stindex.cap > 0)
		memset(r->stindex.slot, 0, r->stindex.cap * sizeof(size_t));
	for (size_t p = 0; p < r->nst; p++) {
		bool found;

		r->stindex.slot[report_find(&r->stindex, r->st[p].name, strlen(r->st[p].name),
					    report_stkey, r->st, &found)] = p + 1;
	}
	return 0;
}

const struct report_question *report_questions(const struct report *r, size_t *n)
{
	*n = r->nq;
	return r->q;
}

const struct report_topic *report_topics(const struct report *r, size_t *n)
{
	*n = r->ntopics;
	return r->topics;
}

const struct report_student *report_students(const struct report *r, size_t *n)
{
	*n = r->nst;
	return r->st;
}

size_t report_rows(const struct report *r)
{
	return r->rows;
}

size_t report_incomplete_rows(const struct report *r)
{
	return r->incomplete;
}

const struct report_variant *report_variants(const struct report *r, size_t *n)
{
	*n = r->nvar;
	return r->var;
}

size_t report_mixed_seeds(const struct report *r)
{
	size_t n, mixed = 0;
	const struct report_variant *v = report_variants(r, &n);

	for (size_t i = 1; i < n; i++)
		if (v[i].seed == v[i - 1].seed && (i < 2 || v[i - 2].seed != v[i].seed))
			mixed++;
	return mixed;
}

/* ---- cells of the CSV files whose writes ------------------------------ */

/*
 * The bytes of the formula lead at S, 0 when there is none: a character
 * that makes a spreadsheet run a cell as a formula when it leads it
 * (OWASP, CSV injection: = + - @ tab CR), and their fullwidth forms
 * (U+FF1D, U+FF0B, U+FF0D, U+FF20), which spreadsheets of East Asian
 * locales read as the same.
 */
static size_t report_csv_formula_lead(const char *s)
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
static bool report_csv_cell_start(const char *s, size_t i)
{
	return i == 0 || strchr(",; \t|\r\n", s[i - 1]) != NULL;
}

/* S is a formula lead behind any number of quotes: "=x", "'=x", "''+". */
static bool report_csv_led(const char *s)
{
	return report_csv_formula_lead(s + strspn(s, "'")) > 0;
}

/* S + I is so led where a cell may start.  A cell so led gets one more
 * quote there on the way out and loses one on the way back, so that a
 * value that itself holds "'=" there comes back whole. */
static bool report_csv_guarded(const char *s, size_t i)
{
	return report_csv_cell_start(s, i) && report_csv_led(s + i);
}

char *report_csv_cell(const char *s)
{
	size_t n = strlen(s), o = 0, more = 0;
	bool quote = strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
	char *out;

	for (size_t i = 0; i < n; i++)
		more += s[i] == '"' || report_csv_guarded(s, i);
	out = malloc(n + more + 3);
	if (out == NULL)
		return NULL;
	if (quote)
		out[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (report_csv_guarded(s, i))
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

char *report_csv_plain(char *s)
{
	size_t o = 0;

	/* In place: S[i - 1] is read before anything is written over it. */
	for (size_t i = 0; s[i] != '\0'; i++)
		if (!(s[i] == '\'' && report_csv_cell_start(s, i) && report_csv_led(s + i + 1)))
			s[o++] = s[i];
	s[o] = '\0';
	return s;
}
