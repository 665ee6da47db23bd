/*
 * drill.c - a classroom drill (see include/whose/drill.h).
 *
 * Choosing the questions, in full, so that it can be done again by hand:
 *   1. every askable question (not retired, not a card; flagged ones too),
 *      sorted by bank id in byte order;
 *   2. only those whose topic matches one of the names given (ASCII
 *      case-insensitive), when names are given;
 *   3. a Fisher-Yates shuffle from the last position down, the swap
 *      partner drawn by rng_below from splitmix64 seeded with the seed;
 *   4. the first COUNT.
 * The choice order of a question (when its bank lets it be shuffled): the
 * same shuffle over its choices, with splitmix64 seeded by the seed XOR
 * the 64-bit FNV-1a hash of its bank id.
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

#include "whose/drill.h"
#include "whose/report.h"
#include "whose/review.h"
#include "whose/rng.h"
#include "whose/safefile.h"
#include "whose/store_class.h"
#include "whose/text.h"

struct drill {
	struct store *store;
	struct drill_opts opts;
	size_t requested;
	struct drill_item *items;
	size_t n;
	size_t next;       /* the next question drill_next shows */
	bool on_screen;    /* items[next - 1] is waiting for an answer */
};


/* ASCII case-insensitive equality: the same in every locale. */
static bool drill_same_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
		if (x == '\0')
			return true;
	}
}

struct drill_candidate {
	int64_t question_id;
	char *qid;
	char *topic;
};

struct drill_pool {
	struct drill_candidate *c;
	size_t n, cap;
};

static int drill_pool_add(int64_t question_id, const char *qid, const char *topic,
			  void *ctx)
{
	struct drill_pool *p = ctx;
	struct drill_candidate *c;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct drill_candidate *grown = realloc(p->c, cap * sizeof(*grown));

		if (grown == NULL)
			return WHOSE_ENOMEM;
		p->c = grown;
		p->cap = cap;
	}
	c = &p->c[p->n];
	c->question_id = question_id;
	c->qid = strdup(qid);
	c->topic = strdup(topic);
	if (c->qid == NULL || c->topic == NULL) {
		free(c->qid);
		free(c->topic);
		return WHOSE_ENOMEM;
	}
	p->n++;
	return 0;
}

static void drill_pool_free(struct drill_pool *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->c[i].qid);
		free(p->c[i].topic);
	}
	free(p->c);
}

static int drill_cmp_qid(const void *a, const void *b)
{
	const struct drill_candidate *x = a, *y = b;

	return strcmp(x->qid, y->qid);
}

/* Keep only the candidates of the named topics (steps 1 and 2). */
static int drill_filter(struct drill_pool *p, const char *const *topics,
			size_t ntopics, struct whose_error *err)
{
	size_t kept = 0;

	for (size_t t = 0; t < ntopics; t++) {
		bool found = false;

		for (size_t i = 0; i < p->n && !found; i++)
			found = drill_same_name(p->c[i].topic, topics[t]);
		if (!found)
			return whose_error_set(err, WHOSE_ENOTFOUND,
					       "no topic named '%s' has questions a drill can ask: 'whose stats' lists the topics",
					       topics[t]);
	}
	if (ntopics == 0)
		return 0;
	for (size_t i = 0; i < p->n; i++) {
		bool keep = false;

		for (size_t t = 0; t < ntopics && !keep; t++)
			keep = drill_same_name(p->c[i].topic, topics[t]);
		if (keep) {
			p->c[kept++] = p->c[i];
		} else {
			free(p->c[i].qid);
			free(p->c[i].topic);
		}
	}
	p->n = kept;
	return 0;
}

/* Load question QUESTION_ID into IT: parse it, and order its choices from
 * the seed and the bank id alone (FNV-1a of the id, part of the drill's
 * contract), so that every student sees the same. */
static int drill_load(struct drill *d, struct drill_item *it, int64_t question_id,
		      struct whose_error *err)
{
	struct rng rng;
	struct store_item probe;
	int rc = store_item_load(d->store, question_id, &probe, err);

	if (rc < 0)
		return rc;
	rng_seed(&rng, d->opts.seed ^ rng_fnv1a(RNG_FNV_BASIS, probe.qid, strlen(probe.qid)));
	store_item_free(&probe);
	rc = attempt_load(&it->a, d->store, question_id, &rng, err);
	if (rc < 0)
		return rc;
	it->outcome = DRILL_PENDING;
	return 0;
}

int drill_new(struct store *s, const struct drill_opts *o, struct drill **out,
	      struct whose_error *err)
{
	struct drill *d;
	struct drill_pool pool;
	struct rng rng;
	int rc;

	*out = NULL;
	if (o->config == NULL || o->clock == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "a drill needs a configuration and a clock");
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	d->store = s;
	d->opts = *o;
	if (d->opts.count == 0)
		d->opts.count = DRILL_DEFAULT_COUNT;
	if (d->opts.seconds == 0)
		d->opts.seconds = DRILL_DEFAULT_SECONDS;
	if (d->opts.count > DRILL_MAX_COUNT || d->opts.seconds < 1 ||
	    d->opts.seconds > DRILL_MAX_SECONDS) {
		free(d);
		return whose_error_set(err, WHOSE_EINVAL,
				       "a drill has 1 to %d questions of 1 to %d seconds each",
				       DRILL_MAX_COUNT, DRILL_MAX_SECONDS);
	}
	d->requested = d->opts.count;
	d->opts.topics = NULL;  /* borrowed only while choosing */
	d->opts.ntopics = 0;

	memset(&pool, 0, sizeof(pool));
	rc = store_each_askable(s, true, drill_pool_add, &pool, err);
	if (rc == WHOSE_ENOMEM)
		whose_error_set(err, rc, "out of memory");
	if (rc < 0)
		goto fail;
	/* The store sorts by bank id already; sorting here as well keeps the
	 * order a property of this file, whatever the database does. */
	if (pool.n > 1)
		qsort(pool.c, pool.n, sizeof(pool.c[0]), drill_cmp_qid);
	rc = drill_filter(&pool, o->topics, o->ntopics, err);
	if (rc < 0)
		goto fail;
	if (pool.n == 0) {
		rc = whose_error_set(err, WHOSE_ENOTFOUND,
				     "there is no question to ask: import a bank first (whose import FILE.csv)");
		goto fail;
	}
	rng_seed(&rng, d->opts.seed);
	for (size_t i = pool.n; i > 1; i--) {
		size_t j = rng_below(&rng, i);
		struct drill_candidate tmp = pool.c[i - 1];

		pool.c[i - 1] = pool.c[j];
		pool.c[j] = tmp;
	}
	d->n = pool.n < d->opts.count ? pool.n : d->opts.count;
	d->items = calloc(d->n, sizeof(*d->items));
	if (d->items == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		d->n = 0;
		goto fail;
	}
	for (size_t i = 0; i < d->n; i++) {
		rc = drill_load(d, &d->items[i], pool.c[i].question_id, err);
		if (rc < 0) {
			d->n = i;
			goto fail;
		}
	}
	drill_pool_free(&pool);
	*out = d;
	return 0;
fail:
	drill_pool_free(&pool);
	drill_free(d);
	return rc;
}

void drill_free(struct drill *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		attempt_free(&d->items[i].a);
	free(d->items);
	free(d);
}

size_t drill_count(const struct drill *d)
{
	return d->n;
}

size_t drill_requested(const struct drill *d)
{
	return d->requested;
}

const struct drill_item *drill_item(const struct drill *d, size_t i)
{
	return i < d->n ? &d->items[i] : NULL;
}

int64_t drill_time_left(const struct drill *d)
{
	int64_t left;

	if (!d->on_screen)
		return 0;
	left = d->items[d->next - 1].deadline - clock_now(d->opts.clock);
	return left > 0 ? left : 0;
}

/* Log the question on screen with OUTCOME (one transaction). */
static int drill_log(struct drill *d, enum drill_outcome outcome,
		     struct whose_error *err)
{
	struct drill_item *it = &d->items[d->next - 1];
	struct review_result res;
	bool right = outcome == DRILL_RIGHT;
	int64_t now = clock_now(d->opts.clock);
	int rc;

	rc = store_begin(d->store, err);
	if (rc < 0)
		return rc;
	attempt_hide(&it->a, now);
	rc = review_apply(d->store, d->opts.config, it->a.item.question_id,
			  right ? FSRS_GOOD : FSRS_AGAIN, right, now, it->a.spent_ms,
			  "drill", false, &res, err);
	if (rc == 0)
		rc = store_commit(d->store, err);
	if (rc < 0) {
		store_rollback(d->store);
		return rc;
	}
	it->outcome = outcome;
	attempt_commit(&it->a);
	d->on_screen = false;
	return 0;
}

int drill_next(struct drill *d, const struct drill_item **item, size_t *index,
	       struct whose_error *err)
{
	struct drill_item *it;
	int rc;

	*item = NULL;
	if (d->on_screen) {
		rc = drill_timeout(d, err);
		if (rc < 0)
			return rc;
	}
	if (d->next >= d->n)
		return whose_error_set(err, WHOSE_ENOTFOUND, "the drill is over");
	it = &d->items[d->next++];
	attempt_show(&it->a, clock_now(d->opts.clock));
	it->deadline = it->a.shown_at + (int64_t)d->opts.seconds * 1000;
	d->on_screen = true;
	*item = it;
	if (index != NULL)
		*index = d->next - 1;
	return 0;
}

struct attempt *drill_attempt(struct drill *d)
{
	return d->on_screen ? &d->items[d->next - 1].a : NULL;
}

int drill_submit(struct drill *d, struct whose_error *err)
{
	struct drill_item *it;
	enum drill_outcome outcome;

	if (!d->on_screen)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	it = &d->items[d->next - 1];
	attempt_grade(&it->a, false);
	/* At the deadline the time is up (drill_time_left says 0). */
	if (clock_now(d->opts.clock) >= it->deadline)
		outcome = DRILL_LATE;
	else
		outcome = it->a.grade.correct ? DRILL_RIGHT : DRILL_WRONG;
	return drill_log(d, outcome, err);
}

int drill_answer(struct drill *d, const struct question_response *r,
		 struct whose_error *err)
{
	struct attempt *a = drill_attempt(d);
	int rc;

	if (a == NULL)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	rc = attempt_set(a, r, err);
	return rc < 0 ? rc : drill_submit(d, err);
}

int drill_timeout(struct drill *d, struct whose_error *err)
{
	struct drill_item *it;
	enum drill_outcome outcome = DRILL_TIMED_OUT;

	if (!d->on_screen)
		return whose_error_set(err, WHOSE_EINVAL, "no question is waiting for an answer");
	it = &d->items[d->next - 1];
	/* What was ticked or placed when the time ran out counts. */
	attempt_grade(&it->a, false);
	if (it->a.grade.correct)
		outcome = DRILL_RIGHT;
	else if (it->a.grade.answered)
		outcome = DRILL_WRONG;
	return drill_log(d, outcome, err);
}

void drill_abandon(struct drill *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].outcome == DRILL_PENDING)
			d->items[i].outcome = DRILL_SKIPPED;
	d->on_screen = false;
	d->next = d->n;
}

void drill_outcome_words(enum drill_outcome outcome, const char **verdict,
			 const char **note)
{
	*verdict = NULL;
	*note = NULL;
	if (outcome == DRILL_LATE) {
		*verdict = "Too late";
		*note = "the time was up, so it counts as wrong";
	} else if (outcome == DRILL_TIMED_OUT) {
		*verdict = "Time is up";
		*note = "counted as wrong";
	}
}

void drill_score(const struct drill *d, size_t *right, size_t *total)
{
	*right = 0;
	for (size_t i = 0; i < d->n; i++)
		*right += d->items[i].outcome == DRILL_RIGHT;
	*total = d->n;
}

/* ---- the results file ---------------------------------------------------- */

/* A growing string. */
struct drill_buf {
	char *s;
	size_t n, cap;
	bool failed;
};

static void drill_put(struct drill_buf *b, const char *s, size_t n)
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

static void drill_puts(struct drill_buf *b, const char *s)
{
	drill_put(b, s, strlen(s));
}

/* S as one CSV cell (report_csv_cell: quoted as RFC 4180 asks, never a
 * spreadsheet formula). */
static void drill_put_field(struct drill_buf *b, const char *s)
{
	char *cell = report_csv_cell(s);

	if (cell == NULL) {
		b->failed = true;
		return;
	}
	drill_puts(b, cell);
	free(cell);
}

/* FNV-1a (rng.h) over S[N] continuing from H; then a NUL byte, so that
 * "ab","c" and "a","bc" differ. */
static uint64_t drill_fnv(uint64_t h, const char *s, size_t n)
{
	return rng_fnv1a(rng_fnv1a(h, s, n), "", 1);
}

static uint64_t drill_fnv_str(uint64_t h, const char *s)
{
	return drill_fnv(h, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

uint64_t drill_fingerprint(const struct drill *d)
{
	uint64_t h = RNG_FNV_BASIS;

	for (size_t i = 0; i < d->n; i++) {
		const struct drill_item *it = &d->items[i];
		char order[QUESTION_MAX_SLOTS * 4 + 1];
		size_t n = 0;

		h = drill_fnv_str(h, it->a.item.qid);
		h = drill_fnv_str(h, it->a.item.type);
		h = drill_fnv_str(h, it->a.item.question);
		h = drill_fnv_str(h, it->a.item.choices);
		h = drill_fnv_str(h, it->a.item.answer);
		/* The order shown: slots as letters from 'a', one per slot. */
		for (size_t k = 0; k < it->a.q.nslots && k < QUESTION_MAX_SLOTS; k++)
			order[n++] = (char)('a' + (it->a.order[k] % 26));
		h = drill_fnv(h, order, n);
	}
	return h;
}

bool drill_complete(const struct drill *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].outcome == DRILL_SKIPPED)
			return false;
	return true;
}

int drill_results_format(const struct drill_result *res, char **row,
			 struct whose_error *err)
{
	struct drill_buf b = { 0 }, a = { 0 };
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
			drill_put(&a, " ", 1);
		drill_puts(&a, res->answers[i].qid);
		drill_puts(&a, mark == 1 ? "=1" : mark == 0 ? "=0" : "=-");
	}
	clock_format_iso(res->finished_at, when, sizeof(when));
	drill_put_field(&b, res->name);
	snprintf(num, sizeof(num), ",%s,%llu,%zu,%zu,", when,
		 (unsigned long long)res->seed, right, res->nanswers);
	drill_puts(&b, num);
	/* Bank ids never hold a comma or a quote (whose-bank(5)), but the
	 * field is quoted by the same rule all the same. */
	drill_put_field(&b, a.s != NULL ? a.s : "");
	snprintf(num, sizeof(num), ",%d,%016llx\n", res->complete ? 1 : 0,
		 (unsigned long long)res->fingerprint);
	drill_puts(&b, num);
	if (a.failed || b.failed) {
		free(a.s);
		free(b.s);
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	}
	free(a.s);
	*row = b.s;
	return 0;
}

int drill_results_row(const struct drill *d, const char *name,
		      int64_t finished_at, char **row, struct whose_error *err)
{
	struct drill_result_answer *ans;
	struct drill_result res;
	int rc;

	*row = NULL;
	ans = calloc(d->n ? d->n : 1, sizeof(*ans));
	if (ans == NULL)
		return whose_error_set(err, WHOSE_ENOMEM, "out of memory");
	for (size_t i = 0; i < d->n; i++) {
		ans[i].qid = d->items[i].a.item.qid;
		ans[i].mark = d->items[i].outcome == DRILL_RIGHT ? 1 :
			      d->items[i].outcome == DRILL_SKIPPED ? -1 : 0;
	}
	res.name = name;
	res.finished_at = finished_at;
	res.seed = d->opts.seed;
	res.answers = ans;
	res.nanswers = d->n;
	res.fingerprint = drill_fingerprint(d);
	res.complete = drill_complete(d);
	rc = drill_results_format(&res, row, err);
	free(ans);
	return rc;
}

/* The message form of PATH. */
static const char *drill_name(const char *path, char *buf, size_t len)
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
static int drill_results_header_ok(int rfd, off_t size, const char *path,
				   bool *last_nl, off_t *head_len, struct whose_error *err)
{
	const size_t h = strlen(DRILL_RESULTS_HEADER), h1 = strlen(DRILL_RESULTS_HEADER_V1);
	char buf[sizeof(DRILL_RESULTS_HEADER) + 3], name[512], last;
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
				       drill_name(path, name, sizeof(name)), strerror(errno));
	n = (size_t)got;
	/* A spreadsheet that saved the file may have put a byte-order mark
	 * before the header and CR LF after it: the same header. */
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		head += 3;
		n -= 3;
	}
	ok = n >= h - 1 && memcmp(head, DRILL_RESULTS_HEADER, h - 1) == 0 &&
	     ((n >= h && (head[h - 1] == '\n' || head[h - 1] == '\r')) ||
	      /* the header alone without its newline (a teacher's printf):
	       * the newline is added before the row */
	      (size_t)size == (size_t)(head - buf) + h - 1);
	if (!ok) {
		bool v1 = n >= h1 && memcmp(head, DRILL_RESULTS_HEADER_V1, h1) == 0;

		return whose_error_set(err, WHOSE_EDATA,
				       v1 ? "%s:1: the header of an older whose (no complete and fingerprint columns): start a new results file ('whose report' reads both)"
					  : "%s:1: not the header of a results file (name,finished_at,seed,score,total,answers,complete,fingerprint): give another file, or an empty or new one",
				       drill_name(path, name, sizeof(name)));
	}
	if (pread(rfd, &last, 1, size - 1) != 1)
		return whose_error_set(err, WHOSE_EIO, "%s: cannot read the results file: %s",
				       drill_name(path, name, sizeof(name)), strerror(errno));
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
static long drill_csv_fields(const char *s, size_t n)
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
static long drill_line_at(int rfd, off_t end)
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
 * hold balanced quotes and DRILL_RESULTS_COLUMNS fields.  0 or
 * WHOSE_EDATA naming PATH and the line at fault.
 */
static int drill_results_last_ok(int rfd, off_t size, off_t head, const char *path,
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
					       drill_name(path, name, sizeof(name)), strerror(errno));
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
			fields = drill_csv_fields(buf + i, n - i);
			break;
		}
		if (cap >= DRILL_RECORD_MAX) {
			start = from;
			fields = -2;
			break;
		}
		cap *= 2;
	}
	free(buf);
	if (fields == DRILL_RESULTS_COLUMNS)
		return 0;
	drill_name(path, name, sizeof(name));
	if (fields == -2)
		return whose_error_set(err, WHOSE_EDATA,
				       "%s: its last line is longer than %d bytes, so not a results row: remove it or give another file",
				       name, DRILL_RECORD_MAX);
	if (fields < 0)
		return whose_error_set(err, WHOSE_EDATA,
				       "%s:%ld: the last row is not whole (a quote left open, or misplaced): a row added after it would be lost in it; fix or remove that line",
				       name, drill_line_at(rfd, start));
	return whose_error_set(err, WHOSE_EDATA,
			       "%s:%ld: the last row has %ld fields, not %d (cut short, or edited by hand): a row added after it would be glued to it; fix or remove that line",
			       name, drill_line_at(rfd, start), fields, DRILL_RESULTS_COLUMNS);
}

/* Whether the file RFD already holds the line ROW (with its newline). */
static int drill_results_holds(int rfd, const char *row, bool *found, struct whose_error *err)
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
static int drill_results_reader(int wfd, const char *path, struct whose_error *err)
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
				       drill_name(path, name, sizeof(name)));
	}
	return rfd;
}

int drill_student_name(const char *given, const char **name, struct whose_error *err)
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
	if (len > DRILL_NAME_MAX || !text_utf8_valid(n, len, NULL) ||
	    text_find_unsafe(n, len, NULL) >= 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "%s needs a name of printable text (no control or invisible format characters), up to %d bytes",
				       given != NULL ? "'--name'" : "the student name (USER)", DRILL_NAME_MAX);
	*name = n;
	return 0;
}

int drill_results_check(const char *path, struct whose_error *err)
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
		rc = drill_results_header_ok(rfd, st.st_size, path, &last_nl, NULL, err);
	close(rfd);
	return rc;
}

/* Take the exclusive lock on FD, waiting DRILL_RESULTS_LOCK_MS at most. */
static int drill_results_lock(int fd, const char *path, struct whose_error *err)
{
	const struct timespec pause = { 0, 50 * 1000000L };
	char name[512];

	for (long waited = 0;; waited += 50) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return whose_error_set(err, WHOSE_EIO, "%s: cannot lock the results file: %s",
					       drill_name(path, name, sizeof(name)), strerror(errno));
		if (waited >= DRILL_RESULTS_LOCK_MS)
			return whose_error_set(err, WHOSE_EIO,
					       "%s: another process has held the results file's lock for %d s: try again, or ask who holds it (fuser)",
					       drill_name(path, name, sizeof(name)), DRILL_RESULTS_LOCK_MS / 1000);
		nanosleep(&pause, NULL);
	}
}

unsigned drill_results_mode(const char *path)
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
	return group ? DRILL_RESULTS_MODE_SHARED : DRILL_RESULTS_MODE_OWN;
}

/*
 * drill_results_append; with ONCE, a row the file already holds (another
 * --resend, or a drill starting on the same profile, added it meanwhile)
 * is not added again: the check and the write are under one lock.
 */
static int drill_results_put(const char *path, const char *row, bool once,
			     struct whose_error *err)
{
	struct stat st;
	char *out = NULL, name[512];
	size_t h = strlen(DRILL_RESULTS_HEADER), r = strlen(row), n = 0;
	bool last_nl = true, found = false;
	off_t head = 0;
	ssize_t w;
	int fd, rfd = -1, rc;

	if (r == 0 || row[r - 1] != '\n' || memchr(row, '\n', r - 1) != NULL)
		return whose_error_set(err, WHOSE_EINVAL, "a results row is one whole line");
	fd = safefile_open_append(path, drill_results_mode(path), NULL, err);
	if (fd < 0) {
		/* A FIFO without a reader fails the open with ENXIO ("no such
		 * device"): say what it is instead. */
		if (lstat(path, &st) == 0 && S_ISFIFO(st.st_mode))
			return whose_error_set(err, WHOSE_EIO,
					       "%s is a FIFO (named pipe), not a regular file: give the path of a results file",
					       drill_name(path, name, sizeof(name)));
		return fd;
	}
	rc = drill_results_lock(fd, path, err);
	if (rc < 0)
		goto out;
	/* Under the lock the file is ours: look at its header and its last
	 * record, then write whatever it needs and the row in one write. */
	rfd = drill_results_reader(fd, path, err);
	if (rfd < 0) {
		rc = rfd;
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		rc = whose_error_set(err, WHOSE_EIO, "%s: %s", drill_name(path, name, sizeof(name)),
				     strerror(errno));
		goto out;
	}
	rc = drill_results_header_ok(rfd, st.st_size, path, &last_nl, &head, err);
	if (rc == 0 && st.st_size > 0)
		rc = drill_results_last_ok(rfd, st.st_size, head, path, err);
	if (rc == 0 && once && st.st_size > 0)
		rc = drill_results_holds(rfd, row, &found, err);
	if (rc < 0 || found)
		goto out;
	out = malloc(h + 1 + r + 1);
	if (out == NULL) {
		rc = whose_error_set(err, WHOSE_ENOMEM, "out of memory");
		goto out;
	}
	if (st.st_size == 0) {
		memcpy(out, DRILL_RESULTS_HEADER, h);
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
					     drill_name(path, name, sizeof(name)), strerror(errno));
		else
			rc = whose_error_set(err, WHOSE_EIO, "%s: cannot write the results: %s",
					     drill_name(path, name, sizeof(name)), strerror(e));
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = whose_error_set(err, WHOSE_EIO, "%s: cannot write the results: %s",
				     drill_name(path, name, sizeof(name)), strerror(errno));
out:
	free(out);
	if (rfd >= 0)
		close(rfd);
	flock(fd, LOCK_UN);
	if (close(fd) < 0 && rc == 0)
		rc = whose_error_set(err, WHOSE_EIO, "%s: cannot write the results: %s",
				     drill_name(path, name, sizeof(name)), strerror(errno));
	return rc;
}

int drill_results_append(const char *path, const char *row,
			 struct whose_error *err)
{
	return drill_results_put(path, row, false, err);
}

int drill_results_deliver(struct store *s, const char *path, const char *row,
			  int64_t now, struct whose_error *err)
{
	struct whose_error kerr;
	char msg[WHOSE_ERROR_MAX], *abs = NULL;
	int rc = drill_results_append(path, row, err), krc = WHOSE_ENOMEM;

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

struct drill_kept {
	int64_t id;
	char *path, *row;
};

struct drill_kept_list {
	struct drill_kept *v;
	size_t n, cap;
};

static int drill_kept_one(int64_t id, const char *path, const char *row, void *ctx)
{
	struct drill_kept_list *l = ctx;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct drill_kept *v = realloc(l->v, cap * sizeof(*v));

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

int drill_results_resend(struct store *s, size_t *sent, size_t *left,
			 struct whose_error *err)
{
	struct drill_kept_list l = { NULL, 0, 0 };
	struct whose_error e;
	int rc, last = 0;

	*sent = 0;
	*left = 0;
	/* Read first, then append: no statement is open while files are
	 * written and rows removed. */
	rc = store_unsent_each(s, drill_kept_one, &l, err);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		whose_error_clear(&e);
		if (drill_results_put(l.v[i].path, l.v[i].row, true, &e) == 0) {
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

void drill_resend_text(size_t sent, size_t left, const char *why, char *buf, size_t len)
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
