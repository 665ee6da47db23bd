/*
 * exam_history.c - past exams: the time used, the trend of the submitted
 * ones, taking one out of the figures and back (forget, restore), and the
 * questions one missed (exam.h).  Nothing here opens an exam.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "whose/exam.h"
#include "whose/figures.h"

int64_t exam_used_ms(int64_t started_at, int64_t finished_at, int64_t paused_ms)
{
	int64_t used = finished_at - started_at - paused_ms;

	return used > 0 ? used : 0;
}

void exam_trend_of(const struct store_exam_row *rows, size_t n,
		   struct exam_trend *t)
{
	int prev = 0;
	size_t seen = 0;
	double sum = 0;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < n; i++) {
		int p;

		if (rows[i].finished_at == 0 || rows[i].abandoned)
			continue;
		if (rows[i].forgotten) {
			t->forgotten++;
			continue;
		}
		p = figures_percent(rows[i].correct, rows[i].questions);
		if (seen == 0 || p > t->best)
			t->best = p;
		prev = t->last;
		t->last = p;
		seen++;
		t->passed += rows[i].passed;
	}
	t->finished = seen;
	if (seen >= 2) {
		t->have_change = true;
		t->change = t->last - prev;
	}
	/* The mean of the last five submitted. */
	for (size_t i = n; i > 0 && t->naverage < 5; i--) {
		const struct store_exam_row *r = &rows[i - 1];

		if (r->finished_at == 0 || r->abandoned || r->forgotten)
			continue;
		sum += figures_percent(r->correct, r->questions);
		t->naverage++;
	}
	if (t->naverage > 0)
		t->average = sum / (double)t->naverage;
}

int exam_history(struct store *s, size_t max, struct store_exam_row **rows,
		 size_t *n, struct exam_trend *t, struct whose_error *err)
{
	int rc = store_exam_list(s, max, rows, n, err);

	if (rc < 0)
		return rc;
	exam_trend_of(*rows, *n, t);
	return 0;
}

int exam_forget(struct store *s, int64_t id, bool forget, bool *changed,
		struct whose_error *err)
{
	struct store_exam_row row;
	int rc = store_exam_get(s, id, &row, err);

	*changed = false;
	if (rc < 0)
		return rc;
	if (row.finished_at == 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "exam %lld is still open: it counts only once submitted; 'whose exam --abandon' gives it up",
				       (long long)id);
	if (row.abandoned)
		return whose_error_set(err, WHOSE_EINVAL,
				       "exam %lld was given up: it is never counted, there is nothing to %s",
				       (long long)id, forget ? "forget" : "restore");
	if (row.forgotten == forget)
		return 0;
	rc = store_exam_forget(s, id, forget, err);
	if (rc == 0)
		*changed = true;
	return rc;
}

int exam_missed(struct store *s, int64_t id, int64_t **ids, size_t *n,
		struct whose_error *err)
{
	struct store_exam_row row;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = store_exam_get(s, id, &row, err);
	if (rc < 0)
		return rc;
	if (row.finished_at == 0)
		return whose_error_set(err, WHOSE_EINVAL,
				       "exam %lld is still open: submit it first ('whose exam --resume')",
				       (long long)id);
	if (row.abandoned)
		return whose_error_set(err, WHOSE_EINVAL,
				       "exam %lld was given up: it was never scored, nothing was missed",
				       (long long)id);
	return store_exam_missed(s, id, ids, n, err);
}
