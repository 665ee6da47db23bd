/*
 * stats.c - collecting the learner's figures (see stats.h).  Per-topic
 * answers, accuracy and true retention are counters the store keeps up to
 * date as answers come, so nothing here scans the whole review log: the
 * per-day history reads four weeks of it through its time index.
 */
#include <stdlib.h>
#include <string.h>

#include "whose/clock.h"
#include "whose/session.h"
#include "whose/stats.h"

int stats_collect(struct store *s, const struct config *cfg, int64_t now,
		  struct stats *st, struct whose_error *err)
{
	int64_t day_end;
	size_t introduced;
	int rc;

	memset(st, 0, sizeof(*st));
	st->now = now;
	st->desired_retention = cfg->fsrs.desired_retention;
	clock_local_day(now, cfg->day_starts_at, &st->day_start, &day_end);

	rc = store_topics(s, &cfg->fsrs, now, day_end, &st->topics, &st->ntopics, err);
	if (rc < 0)
		goto fail;
	for (size_t i = 0; i < st->ntopics; i++) {
		const struct store_topic *t = &st->topics[i];

		st->total += t->total;
		st->seen += t->seen;
		st->answers += t->answers;
		st->correct += t->correct;
		st->retention_reviews += t->retention_reviews;
		st->retention_recalled += t->retention_recalled;
	}
	rc = store_count_queues(s, now + 1, day_end, &st->due_learning,
				&st->due_review, &st->new_waiting, err);
	if (rc < 0)
		goto fail;
	/* The queue count stops at a cap; never-seen questions are exact. */
	if (st->new_waiting >= STORE_NEW_COUNT_CAP)
		st->new_waiting = st->total - st->seen;
	rc = store_count_introduced(s, st->day_start, &introduced, err);
	if (rc < 0)
		goto fail;
	if (introduced < (size_t)cfg->new_per_day) {
		size_t room = (size_t)cfg->new_per_day - introduced;

		st->new_today = st->new_waiting < room ? st->new_waiting : room;
	}
	rc = store_forecast(s, st->day_start, STATS_FORECAST_DAYS, st->forecast, err);
	if (rc < 0)
		goto fail;
	rc = store_answers_per_day(s, st->day_start - (int64_t)(STATS_HISTORY_DAYS - 1) * 86400000,
				   STATS_HISTORY_DAYS, st->history, st->history_correct, err);
	if (rc < 0)
		goto fail;
	rc = store_list_leeches(s, STATS_LIST_MAX, &st->leeches, &st->nleeches, err);
	if (rc < 0)
		goto fail;
	rc = store_list_flagged(s, STATS_LIST_MAX, &st->flagged, &st->nflagged, err);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	stats_free(st);
	return rc;
}

void stats_free(struct stats *st)
{
	if (st == NULL)
		return;
	free(st->topics);
	free(st->leeches);
	free(st->flagged);
	st->topics = NULL;
	st->leeches = NULL;
	st->flagged = NULL;
}
