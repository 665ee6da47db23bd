/*
 * report.c - a class's drill results summed up (see include/whose/report.h).
 *
 * Questions and students are found by key through small open-addressing
 * hash indexes, so that a year of results (thousands of rows of hundreds
 * of answers) is read in linear time.  A row is checked whole before any
 * of it is counted: a malformed row adds nothing.  Reading the file (its
 * header, its columns, a broken record skipped) is the results module's
 * (results.c): this file sums up and groups the rows it is given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "whose/report.h"
#include "whose/results.h"
#include "whose/text.h"

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
static struct report_student *report_student_get(struct report *r, const struct results_row *row)
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

int report_add_row(struct report *r, const struct results_row *row, char *msg,
		   size_t msglen)
{
	const char *name = row->name, *answers = row->answers;
	size_t score = row->score, total = row->total;
	struct report_token *tok;
	struct report_student *st;
	size_t n, right = 0;
	char quoted[REPORT_QUOTE];

	if (total == 0 || total > RESULTS_MAX_TOTAL) {
		snprintf(msg, msglen, "column 'total': %zu is not a number of questions from 1 to %d",
			 total, RESULTS_MAX_TOTAL);
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

/* results_read_file's row callback: the row into the report CTX. */
static int report_on_row(const struct results_row *row, char *msg, size_t msglen, void *ctx)
{
	return report_add_row(ctx, row, msg, msglen);
}

int report_read_file(struct report *r, const char *path,
		     struct bank_report *rep, struct whose_error *err)
{
	return results_read_file(path, report_on_row, r, rep, err);
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
