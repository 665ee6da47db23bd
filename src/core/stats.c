/*
 * stats.c - collecting everything the statistics show (see stats.h).  The
 * figures themselves come from figures.c; per-topic counters are kept by
 * the store as answers come, so nothing here scans the whole review log:
 * the per-day history reads four weeks of hourly counts.
 */
#include <stdlib.h>
#include <string.h>

#include "whose/clock.h"
#include "whose/stats.h"

int stats_collect(struct store *s, const struct config *cfg, int64_t now,
		  struct stats *st, struct whose_error *err)
{
	int64_t ends[STATS_FORECAST_DAYS];
	int rc;

	memset(st, 0, sizeof(*st));
	st->desired_retention = cfg->fsrs.desired_retention;
	st->brier = -1.0;
	rc = figures_board_collect(s, cfg, now, &st->fig, err);
	if (rc < 0)
		return rc;
	/* Local days, so that a summer-time change makes a day of 23 or 25
	 * hours rather than moving every later day by one. */
	ends[0] = st->fig.day_end;
	for (size_t d = 1; d < STATS_FORECAST_DAYS; d++) {
		int64_t start;

		clock_local_day(ends[d - 1], cfg->day_starts_at, &start, &ends[d]);
	}
	rc = store_forecast(s, ends, STATS_FORECAST_DAYS, st->forecast, err);
	if (rc < 0)
		goto fail;
	rc = store_answers_per_day(s, st->fig.day_start - (int64_t)(STATS_HISTORY_DAYS - 1) * 86400000,
				   STATS_HISTORY_DAYS, st->history, st->history_correct, err);
	if (rc < 0)
		goto fail;
	rc = store_list_leeches(s, STATS_LIST_MAX, &st->leeches, &st->nleeches, err);
	if (rc < 0)
		goto fail;
	rc = store_list_flagged(s, STATS_LIST_MAX, &st->flagged, &st->nflagged, err);
	if (rc < 0)
		goto fail;
	rc = store_exam_calibration(s, &st->calibration, err);
	if (rc < 0)
		goto fail;
	st->brier = figures_brier(&st->calibration);
	return 0;
fail:
	stats_free(st);
	return rc;
}

void stats_free(struct stats *st)
{
	if (st == NULL)
		return;
	figures_board_free(&st->fig);
	store_listed_free(st->leeches, st->nleeches);
	store_listed_free(st->flagged, st->nflagged);
	st->leeches = NULL;
	st->flagged = NULL;
}
