/*
 * store_search.c - finding questions: the learner's words made into a safe
 * FTS5 query, the search itself (its SQL is in store.c's table, with the
 * rest), suspending a question, and what `whose show` lists of one
 * question's past: its answers and the exams that asked it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* ---- the query ---------------------------------------------------------- */

/* A growing string; FAILED once memory ran out. */
struct store_buf {
	char *s;
	size_t len, cap;
	bool failed;
};

static void store_buf_add(struct store_buf *b, const char *s, size_t n)
{
	char *grown;
	size_t cap;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 64;
		while (b->len + n + 1 > cap)
			cap *= 2;
		grown = realloc(b->s, cap);
		if (grown == NULL) {
			b->failed = true;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* S[0..N) as one FTS5 string: in double quotes, a quote inside doubled
 * (none can be: quotes end words and phrases), then '*' for a prefix. */
static void store_buf_term(struct store_buf *b, const char *s, size_t n, bool prefix)
{
	if (b->len > 0)
		store_buf_add(b, " ", 1);
	store_buf_add(b, "\"", 1);
	for (size_t i = 0; i < n; i++)
		store_buf_add(b, s[i] == '"' ? "\"\"" : s + i, s[i] == '"' ? 2 : 1);
	store_buf_add(b, "\"", 1);
	if (prefix)
		store_buf_add(b, "*", 1);
}

static bool store_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int store_search_match(const char *words, bool prefix_last, char **out,
		       struct whose_error *err)
{
	struct store_buf b = { NULL, 0, 0, false };
	size_t i = 0, n = words != NULL ? strlen(words) : 0;
	/* Where the last bare word's term ends in B, to make it a prefix. */
	size_t last_word_end = 0;
	bool last_is_word = false, last_is_prefix = false;
	size_t last_word_chars = 0;   /* characters, not bytes */

	*out = NULL;
	while (i < n) {
		if (store_is_space(words[i])) {
			i++;
			continue;
		}
		if (words[i] == '"') {
			const char *close = memchr(words + i + 1, '"', n - i - 1);
			size_t start = i + 1, len;
			bool blank = true;

			if (close == NULL) {
				free(b.s);
				return whose_error_set(err, WHOSE_EINVAL,
						       "the search has a quote at character %zu that is not closed: close the phrase with another \" or take the quote out",
						       i + 1);
			}
			len = (size_t)(close - (words + start));
			i = start + len + 1;
			for (size_t k = start; k < start + len; k++)
				blank = blank && store_is_space(words[k]);
			/* "..."* is a prefix phrase: its last word a prefix. */
			bool prefix = i < n && words[i] == '*';

			while (i < n && words[i] == '*')
				i++;
			if (blank)
				continue;
			store_buf_term(&b, words + start, len, prefix);
			last_is_word = false;
			continue;
		}
		/* A bare word: up to a space or a quote. */
		size_t start = i, len;
		bool prefix = false;

		while (i < n && !store_is_space(words[i]) && words[i] != '"')
			i++;
		len = i - start;
		while (len > 0 && words[start + len - 1] == '*') {
			len--;
			prefix = true;
		}
		if (len == 0) {
			free(b.s);
			return whose_error_set(err, WHOSE_EINVAL,
					       "the search has a '*' at character %zu that ends no word: put it right after the start of a word (encrypt*)",
					       start + 1);
		}
		store_buf_term(&b, words + start, len, prefix);
		last_word_chars = 0;
		for (size_t k = start; k < start + len; k++)
			last_word_chars += ((unsigned char)words[k] & 0xC0) != 0x80;
		last_is_word = true;
		last_is_prefix = prefix;
		last_word_end = b.len;
	}
	/* A one-character prefix would match most of a bank (every word
	 * that starts with it): the first character is a word alone. */
	if (prefix_last && last_is_word && !last_is_prefix && n > 0 && !store_is_space(words[n - 1]) &&
	    last_word_end == b.len && last_word_chars >= 2)
		store_buf_add(&b, "*", 1);
	if (b.failed) {
		free(b.s);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	*out = b.s;
	return 0;
}

/* ---- the search ------------------------------------------------------- */

/* store.c's STORE_SEARCH_WHERE selects by these numbers. */
_Static_assert(STORE_SEARCH_NEW == 1 && STORE_SEARCH_RELEARNING == 4 &&
	       STORE_SEARCH_SUSPENDED == 5 && STORE_SEARCH_DUE == 8 &&
	       STORE_SEARCH_RETIRED == 9 && STORE_SEARCH_MARKED == 10,
	       "store.c's STORE_SEARCH_WHERE numbers the states: change both");
_Static_assert(STORE_SORT_DUE == 1 && STORE_SORT_LAPSES == 2 && STORE_SORT_RETRIEVABILITY == 3,
	       "store.c's STORE_SEARCH_ORDER numbers the orders: change both");

struct store_hits {
	struct store_hit *h;
	size_t n, cap;
	bool oom;
};

static void store_copy(char *dst, size_t len, const unsigned char *src)
{
	snprintf(dst, len, "%s", src != NULL ? (const char *)src : "");
}

static int store_hit_row(sqlite3_stmt *st, void *ctx)
{
	struct store_hits *hs = ctx;
	struct store_hit *h;
	const unsigned char *text;

	if (hs->n == hs->cap) {
		size_t cap = hs->cap ? hs->cap * 2 : 64;
		struct store_hit *grown = realloc(hs->h, cap * sizeof(*grown));

		if (grown == NULL) {
			hs->oom = true;
			return 1;
		}
		hs->h = grown;
		hs->cap = cap;
	}
	h = &hs->h[hs->n];
	memset(h, 0, sizeof(*h));
	h->question_id = sqlite3_column_int64(st, 0);
	store_copy(h->qid, sizeof(h->qid), sqlite3_column_text(st, 1));
	store_copy(h->topic, sizeof(h->topic), sqlite3_column_text(st, 2));
	store_copy(h->type, sizeof(h->type), sqlite3_column_text(st, 3));
	text = sqlite3_column_text(st, 4);
	h->text = strdup(text != NULL ? (const char *)text : "");
	if (h->text == NULL) {
		hs->oom = true;
		return 1;
	}
	h->retired = sqlite3_column_int(st, 5) != 0;
	h->flagged = sqlite3_column_int(st, 6) != 0;
	h->suspended = sqlite3_column_int(st, 7) != 0;
	h->leech = sqlite3_column_int(st, 8) != 0;
	h->state = sqlite3_column_int(st, 9);
	h->due = sqlite3_column_int64(st, 10);
	h->stability = sqlite3_column_double(st, 11);
	h->difficulty = sqlite3_column_double(st, 12);
	h->lapses = sqlite3_column_int(st, 13);
	h->last_review = sqlite3_column_int64(st, 14);
	h->recall = sqlite3_column_type(st, 15) == SQLITE_NULL ? -1.0 : sqlite3_column_double(st, 15);
	h->marked = sqlite3_column_int(st, 16) != 0;
	hs->n++;
	return 0;
}

int store_search(struct store *s, const struct store_search_query *q,
		 const struct fsrs_params *p, int64_t now, struct store_hit **out,
		 size_t *n, struct whose_error *err)
{
	struct store_hits hs = { NULL, 0, 0, false };
	sqlite3_stmt *st;
	char *match = NULL;
	bool words, unfiltered;
	int rc;

	*out = NULL;
	*n = 0;
	if ((unsigned)q->state >= STORE_SEARCH_NSTATES || (unsigned)q->sort >= STORE_SORT_NSORTS)
		return whose_error_set(err, WHOSE_EINVAL, "store_search: no such state or order");
	rc = store_search_match(q->words, q->prefix_last, &match, err);
	if (rc < 0)
		return rc;
	unfiltered = q->topic_id < 0 && q->type == NULL && q->state == STORE_SEARCH_ANY &&
		     q->wrong_in_exam <= 0;
	/* The same hits, sooner: a limited, unfiltered search in the default
	 * order reads only what it returns. */
	if (match == NULL && q->limit > 0 && unfiltered &&
	    (q->sort == STORE_SORT_RANK || q->sort == STORE_SORT_ID))
		st = store_stmt(s, STMT_SEARCH_FIRST, err);
	else if (match == NULL)
		st = store_stmt(s, STMT_SEARCH_ALL, err);
	else if (q->limit > 0 && q->sort == STORE_SORT_RANK && unfiltered)
		st = store_stmt(s, STMT_SEARCH_TOP, err);
	else
		st = store_stmt(s, STMT_SEARCH_WORDS, err);
	if (st == NULL) {
		free(match);
		return WHOSE_EDB;
	}
	if (match != NULL)
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, q->topic_id);
	if (q->type != NULL)
		sqlite3_bind_text(st, 3, q->type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, (int)q->state);
	sqlite3_bind_int64(st, 5, q->wrong_in_exam > 0 ? q->wrong_in_exam : 0);
	/* Without words there is no rank: bank-id order. */
	sqlite3_bind_int(st, 6, match == NULL && q->sort == STORE_SORT_RANK ? STORE_SORT_ID : (int)q->sort);
	sqlite3_bind_int64(st, 7, q->limit > 0 ? (int64_t)q->limit : -1);
	sqlite3_bind_int64(st, 8, now);
	words = match != NULL;
	free(match);
	s->recall_params = p;
	rc = store_each_row(s, st, store_hit_row, &hs, "searching the questions", err);
	s->recall_params = NULL;
	if (hs.oom) {
		store_hits_free(hs.h, hs.n);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	if (rc < 0) {
		store_hits_free(hs.h, hs.n);
		/* Every word is quoted: a query FTS5 refuses is not reached;
		 * should one be, it is named as the search's, not as SQL. */
		if (words && rc == WHOSE_EDB && sqlite3_errcode(s->db) == SQLITE_ERROR)
			return whose_error_set(err, WHOSE_EINVAL,
					       "the search words could not be read (%s): use plain words, \"a phrase\" or a prefix*",
					       sqlite3_errmsg(s->db));
		return rc;
	}
	*out = hs.h;
	*n = hs.n;
	return 0;
}

void store_hits_free(struct store_hit *h, size_t n)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(h[i].text);
	free(h);
}

/* The sort of store_hits_sort: qsort has no context argument. */
struct store_hit_order {
	enum store_hit_column column;
	bool descending;
};

static _Thread_local struct store_hit_order store_hit_order;

/* Whether H has a value in the order's column (a due date, a recall). */
static bool store_hit_has(const struct store_hit *h, enum store_hit_column c)
{
	if (c == STORE_HIT_DUE)
		return !h->retired && h->state != FSRS_STATE_NEW;
	if (c == STORE_HIT_RECALL)
		return h->recall >= 0;
	return true;
}

static int store_hit_cmp(const void *pa, const void *pb)
{
	const struct store_hit *a = pa, *b = pb;
	enum store_hit_column c = store_hit_order.column;
	bool ha = store_hit_has(a, c), hb = store_hit_has(b, c);
	int r = 0;

	if (ha != hb)
		return ha ? -1 : 1;  /* without a value: last, either way */
	if (ha) {
		switch (c) {
		case STORE_HIT_TOPIC: r = strcmp(a->topic, b->topic); break;
		case STORE_HIT_TYPE: r = strcmp(a->type, b->type); break;
		case STORE_HIT_STATE: r = strcmp(store_hit_state(a), store_hit_state(b)); break;
		case STORE_HIT_DUE: r = (a->due > b->due) - (a->due < b->due); break;
		case STORE_HIT_RECALL: r = (a->recall > b->recall) - (a->recall < b->recall); break;
		case STORE_HIT_LAPSES: r = (a->lapses > b->lapses) - (a->lapses < b->lapses); break;
		case STORE_HIT_TEXT: r = strcmp(a->text, b->text); break;
		case STORE_HIT_ID:
		default: r = 0; break;
		}
	}
	if (r == 0)
		r = strcmp(a->qid, b->qid);
	return store_hit_order.descending ? -r : r;
}

void store_hits_sort(struct store_hit *h, size_t n, enum store_hit_column column,
		     bool descending)
{
	store_hit_order.column = column;
	store_hit_order.descending = descending;
	if (n > 1)
		qsort(h, n, sizeof(*h), store_hit_cmp);
}

const char *store_hit_state(const struct store_hit *h)
{
	if (h->retired)
		return "retired";
	if (h->flagged)
		return "flagged";
	if (h->suspended)
		return "suspended";
	return fsrs_state_name((enum fsrs_state)h->state);
}

static const char *const store_state_names[STORE_SEARCH_NSTATES] = {
	[STORE_SEARCH_ANY] = "any",
	[STORE_SEARCH_NEW] = "new",
	[STORE_SEARCH_LEARNING] = "learning",
	[STORE_SEARCH_REVIEW] = "review",
	[STORE_SEARCH_RELEARNING] = "relearning",
	[STORE_SEARCH_SUSPENDED] = "suspended",
	[STORE_SEARCH_LEECH] = "leech",
	[STORE_SEARCH_FLAGGED] = "flagged",
	[STORE_SEARCH_DUE] = "due",
	[STORE_SEARCH_RETIRED] = "retired",
	[STORE_SEARCH_MARKED] = "marked",
};

static const char *const store_sort_names[STORE_SORT_NSORTS] = {
	[STORE_SORT_RANK] = "rank",
	[STORE_SORT_DUE] = "due",
	[STORE_SORT_LAPSES] = "lapses",
	[STORE_SORT_RETRIEVABILITY] = "retrievability",
	[STORE_SORT_ID] = "id",
};

int store_search_state_from_name(const char *name)
{
	for (int i = 0; i < STORE_SEARCH_NSTATES; i++)
		if (name != NULL && strcmp(name, store_state_names[i]) == 0)
			return i;
	return -1;
}

const char *store_search_state_name(enum store_search_state state)
{
	return (unsigned)state < STORE_SEARCH_NSTATES ? store_state_names[state] : "?";
}

int store_search_sort_from_name(const char *name)
{
	for (int i = 0; i < STORE_SORT_NSORTS; i++)
		if (name != NULL && strcmp(name, store_sort_names[i]) == 0)
			return i;
	return -1;
}

/* ---- acting on one question, and its past ------------------------------ */

int store_card_suspend(struct store *s, int64_t question_id,
		       struct whose_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SUSPEND, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	return store_step_done(s, st, "suspending a question", err);
}

struct store_history_walk {
	int (*fn)(const struct store_history_row *row, void *ctx);
	int (*exam_fn)(const struct store_exam_asked *row, void *ctx);
	void *ctx;
};

static int store_history_one(sqlite3_stmt *st, void *ctx)
{
	struct store_history_walk *w = ctx;
	struct store_history_row r;
	const unsigned char *mode = sqlite3_column_text(st, 3);

	r.reviewed_at = sqlite3_column_int64(st, 0);
	r.rating = sqlite3_column_int(st, 1);
	r.correct = sqlite3_column_int(st, 2) != 0;
	r.mode = mode != NULL ? (const char *)mode : "";
	r.state_before = sqlite3_column_int(st, 4);
	r.state_after = sqlite3_column_int(st, 5);
	r.due_after = sqlite3_column_int64(st, 6);
	r.duration_ms = sqlite3_column_int64(st, 7);
	r.scheduled = strcmp(r.mode, "review") == 0 || strcmp(r.mode, "import") == 0;
	return w->fn(&r, w->ctx);
}

int store_question_history(struct store *s, int64_t question_id,
			   int (*fn)(const struct store_history_row *row, void *ctx),
			   void *ctx, struct whose_error *err)
{
	struct store_history_walk w = { fn, NULL, ctx };
	sqlite3_stmt *st = store_stmt(s, STMT_HISTORY, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	return store_each_row(s, st, store_history_one, &w, "reading a question's answers", err);
}

static int store_exam_asked_one(sqlite3_stmt *st, void *ctx)
{
	struct store_history_walk *w = ctx;
	struct store_exam_asked a;

	a.exam_id = sqlite3_column_int64(st, 0);
	a.started_at = sqlite3_column_int64(st, 1);
	a.finished = sqlite3_column_int(st, 2) != 0;
	a.response = (const char *)sqlite3_column_text(st, 3);
	a.correct = sqlite3_column_int(st, 4) != 0;
	return w->exam_fn(&a, w->ctx);
}

int store_question_exams(struct store *s, int64_t question_id,
			 int (*fn)(const struct store_exam_asked *row, void *ctx),
			 void *ctx, struct whose_error *err)
{
	struct store_history_walk w = { NULL, fn, ctx };
	sqlite3_stmt *st = store_stmt(s, STMT_EXAM_HISTORY, err);

	if (st == NULL)
		return WHOSE_EDB;
	sqlite3_bind_int64(st, 1, question_id);
	return store_each_row(s, st, store_exam_asked_one, &w, "reading a question's exams", err);
}
